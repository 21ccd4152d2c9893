/* nudge-live-search.h — search as one types, on a worker
 *
 * Every keystroke starts a search and cancels the one before; only the
 * newest one's results are handed on, so a slower, stale search never
 * shows even for a moment. The header's search popover and the record
 * picker share it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "nudge-search.h"

G_BEGIN_DECLS

typedef struct
{
  GCancellable *cancellable;
  guint         generation;
} NudgeLiveSearch;

/* Called on the main thread for the newest search only: with what it
 * found (NudgeSearchResult when it was started with a @now, else the
 * records), or NULL when it failed or was cancelled. */
typedef void (*NudgeLiveSearchFunc) (gpointer   owner,
                                     GPtrArray *found);

/* Cancels the search under way; what it finds is dropped. */
void nudge_live_search_stop  (NudgeLiveSearch     *self);
/* Stops the search under way and starts one for @text; @owner is kept
 * alive until @done ran. A @now other than 0 describes each record for
 * a result row, as of @now. */
void nudge_live_search_start (NudgeLiveSearch     *self,
                              NudgeStore          *store,
                              const char          *text,
                              NudgeSearchKinds     kinds,
                              guint                per_kind,
                              gint64               now,
                              GObject             *owner,
                              NudgeLiveSearchFunc  done);

G_END_DECLS
