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

/* Called on the main thread for the newest search only: with what it
 * found (NudgeSearchResult when describing, else the records), or NULL
 * when it failed or was cancelled. */
typedef void (*NudgeLiveSearchFunc) (gpointer   owner,
                                     GPtrArray *found);

/* The owner fills in what to search for and whom to tell; the rest is
 * the search's own. */
typedef struct
{
  NudgeSearchKinds     kinds;
  guint                per_kind;
  gboolean             describe;    /* each record described for a result row, as of now */
  NudgeLiveSearchFunc  done;

  GCancellable        *cancellable;
  guint                generation;
} NudgeLiveSearch;

/* Cancels the search under way; what it finds is dropped. */
void nudge_live_search_stop  (NudgeLiveSearch *self);
/* Stops the search under way and starts one for @text; @owner, which
 * holds @self, is kept alive until its done function ran. */
void nudge_live_search_start (NudgeLiveSearch *self,
                              NudgeStore      *store,
                              const char      *text,
                              GObject         *owner);

G_END_DECLS
