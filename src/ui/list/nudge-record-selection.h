/* nudge-record-selection.h — a selection of records that follows their ids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define NUDGE_TYPE_RECORD_SELECTION (nudge_record_selection_get_type ())

G_DECLARE_FINAL_TYPE (NudgeRecordSelection, nudge_record_selection, NUDGE, RECORD_SELECTION, GObject)

/* The ids (gint64) of every item of the model, in any order, read
 * without going through the model; NULL when they cannot be told now. */
typedef GArray *(*NudgeRecordIdsFunc) (gpointer data);

NudgeRecordSelection *nudge_record_selection_new          (GListModel           *model);
void                  nudge_record_selection_set_ids_func (NudgeRecordSelection *self,
                                                           NudgeRecordIdsFunc    func,
                                                           gpointer              data);

G_END_DECLS
