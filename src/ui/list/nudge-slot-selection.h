/* nudge-slot-selection.h — a selection whose rows keep their widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define NUDGE_TYPE_SLOT (nudge_slot_get_type ())

G_DECLARE_FINAL_TYPE (NudgeSlot, nudge_slot, NUDGE, SLOT, GObject)

gpointer nudge_slot_get_item (NudgeSlot *self);

#define NUDGE_TYPE_SLOT_SELECTION (nudge_slot_selection_get_type ())

G_DECLARE_FINAL_TYPE (NudgeSlotSelection, nudge_slot_selection, NUDGE, SLOT_SELECTION, GObject)

NudgeSlotSelection *nudge_slot_selection_new       (GtkSelectionModel  *model);
GtkSelectionModel  *nudge_slot_selection_get_model (NudgeSlotSelection *self);

/* The item a list item shows, through its slot. */
gpointer            nudge_slot_list_item_get_item  (GtkListItem        *list_item);

G_END_DECLS
