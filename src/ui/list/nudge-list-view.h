/* nudge-list-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-import-preview.h"
#include "nudge-view.h"
#include "nudge-store.h"

G_BEGIN_DECLS

typedef enum
{
  NUDGE_SEGMENT_ALL,
  NUDGE_SEGMENT_OPEN,
  NUDGE_SEGMENT_WON,
  NUDGE_SEGMENT_LOST,
  NUDGE_SEGMENT_ON_HOLD,
  NUDGE_SEGMENT_WITH_OPEN_DEALS,
  NUDGE_SEGMENT_NO_NEXT_STEP,
  NUDGE_SEGMENT_IDLE,
  NUDGE_N_SEGMENTS
} NudgeSegment;

#define NUDGE_TYPE_LIST_VIEW (nudge_list_view_get_type ())

G_DECLARE_FINAL_TYPE (NudgeListView, nudge_list_view, NUDGE, LIST_VIEW, NudgeView)

void          nudge_list_view_set_entity   (NudgeListView *self,
                                            NudgeEntity    entity);
NudgeEntity   nudge_list_view_get_entity   (NudgeListView *self);
void          nudge_list_view_set_segment  (NudgeListView *self,
                                            NudgeSegment   segment);
void          nudge_list_view_set_search   (NudgeListView *self,
                                            const char    *text);
gboolean        nudge_list_view_is_busy (NudgeListView *self);
GListModel   *nudge_list_view_get_model    (NudgeListView *self,
                                            NudgeEntity    entity);
GtkSelectionModel *nudge_list_view_get_selection (NudgeListView *self,
                                                  NudgeEntity    entity);
gboolean      nudge_list_view_set_named_segment (NudgeListView *self,
                                                 const char    *name);
gboolean      nudge_list_view_save_search  (NudgeListView  *self,
                                            const char     *name,
                                            GError        **error);
int           nudge_list_view_plan_followups (NudgeListView  *self,
                                              const char     *kind,
                                              int             days,
                                              GError        **error);
int           nudge_list_view_apply_cadence (NudgeListView  *self,
                                             const char     *cadence,
                                             GError        **error);
gboolean      nudge_list_view_export_selection (NudgeListView  *self,
                                                NudgeEntity     entity,
                                                GFile          *file,
                                                GError        **error);
void          nudge_list_view_export_selection_async  (NudgeListView       *self,
                                                       NudgeEntity          entity,
                                                       GFile               *file,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean      nudge_list_view_export_selection_finish (NudgeListView       *self,
                                                       GAsyncResult        *result,
                                                       guint               *n_rows,
                                                       GError             **error);
gboolean      nudge_list_view_import_file   (NudgeListView  *self,
                                             NudgeEntity     entity,
                                             GFile          *file,
                                             GError        **error);
typedef void (*NudgeListViewImportDone) (NudgeListView *self,
                                         gboolean       ok,
                                         const GError  *error,
                                         gpointer       data);
void          nudge_list_view_import_file_async (NudgeListView *self,
                                                 NudgeEntity    entity,
                                                 GFile         *file);
void          nudge_list_view_import_previewed (NudgeListView      *self,
                                                NudgeImportPreview *preview,
                                                GHashTable         *mapping);
void          nudge_list_view_cancel_import     (NudgeListView *self);
void          nudge_list_view_set_import_done_hook (NudgeListView          *self,
                                                    NudgeListViewImportDone hook,
                                                    gpointer                data);

G_END_DECLS
