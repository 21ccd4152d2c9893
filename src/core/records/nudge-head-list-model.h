/* nudge-head-list-model.h — the first items of a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define NUDGE_TYPE_HEAD_LIST_MODEL (nudge_head_list_model_get_type ())

G_DECLARE_FINAL_TYPE (NudgeHeadListModel, nudge_head_list_model, NUDGE, HEAD_LIST_MODEL, GObject)

NudgeHeadListModel *nudge_head_list_model_new      (GListModel         *model,
                                                    guint               size);
GListModel         *nudge_head_list_model_get_model (NudgeHeadListModel *self);
guint               nudge_head_list_model_get_size (NudgeHeadListModel *self);
void                nudge_head_list_model_set_size (NudgeHeadListModel *self,
                                                    guint               size);
void                nudge_head_list_model_freeze   (NudgeHeadListModel *self,
                                                    guint               keep);
void                nudge_head_list_model_freeze_window (NudgeHeadListModel *self,
                                                         guint               first,
                                                         guint               n);
guint               nudge_head_list_model_get_thawed (NudgeHeadListModel *self);
gboolean            nudge_head_list_model_is_frozen (NudgeHeadListModel *self);
gboolean            nudge_head_list_model_thaw     (NudgeHeadListModel *self,
                                                    guint               n,
                                                    guint               at_most);

G_END_DECLS
