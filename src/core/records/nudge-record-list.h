/* nudge-record-list.h — a live GListModel of companies, contacts or deals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nudge-store.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_RECORD_LIST (nudge_record_list_get_type ())

G_DECLARE_FINAL_TYPE (NudgeRecordList, nudge_record_list, NUDGE, RECORD_LIST, GObject)

NudgeRecordList *nudge_record_list_new       (NudgeStore       *store,
                                              NudgeEntity       entity);
gboolean         nudge_record_list_load      (NudgeRecordList  *self,
                                              GError          **error);
void             nudge_record_list_load_async (NudgeRecordList *self);
gboolean         nudge_record_list_is_loading (NudgeRecordList *self);
NudgeEntity      nudge_record_list_get_entity (NudgeRecordList *self);
guint            nudge_record_list_find      (NudgeRecordList  *self,
                                              gint64            id);
gpointer         nudge_record_list_lookup    (NudgeRecordList  *self,
                                              gint64            id);
gpointer         nudge_record_list_get_record (NudgeRecordList *self,
                                              guint            position);

G_END_DECLS
