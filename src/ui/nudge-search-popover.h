/* nudge-search-popover.h — search the whole book from the header bar
 *
 * A popover with a search entry and the matching deals, contacts,
 * companies and open follow-ups under it, grouped by kind. The search runs
 * on a worker as the user types; a newer query cancels the older one.
 * Arrows move through the results, Enter opens the selected one (the
 * first when none is selected): a record in its window, a follow-up in
 * its editor. Escape closes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-context.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_SEARCH_POPOVER (nudge_search_popover_get_type ())

G_DECLARE_FINAL_TYPE (NudgeSearchPopover, nudge_search_popover, NUDGE, SEARCH_POPOVER, GtkPopover)

/* Properties: "context" (construct-only). */
GtkWidget   *nudge_search_popover_new          (NudgeContext       *context);
/* Opens the popover with @text (NULL keeps what was typed, selected so
 * that typing replaces it). */
void         nudge_search_popover_start        (NudgeSearchPopover *self,
                                                const char         *text);
GtkEditable *nudge_search_popover_get_entry    (NudgeSearchPopover *self);
/* The results shown: NudgeDeal, NudgeContact, NudgeCompany and
 * NudgeFollowup items, in that order. */
guint        nudge_search_popover_get_n_results (NudgeSearchPopover *self);
GObject     *nudge_search_popover_get_result   (NudgeSearchPopover *self,
                                                guint               position);
/* The one-line description and the accessible name of a result row. */
const char  *nudge_search_popover_get_description (NudgeSearchPopover *self,
                                                   guint               position);
const char  *nudge_search_popover_get_accessible_name (NudgeSearchPopover *self,
                                                       guint               position);
/* Whether the results are not yet those of the text. */
gboolean     nudge_search_popover_is_busy      (NudgeSearchPopover *self);
/* Opens the result at @position, as Enter or a click on it does. */
void         nudge_search_popover_open_result  (NudgeSearchPopover *self,
                                                guint               position);

G_END_DECLS
