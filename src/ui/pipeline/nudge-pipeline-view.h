/* nudge-pipeline-view.h — the kanban board of deals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nudge-view.h"
#include "nudge-store.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_PIPELINE_VIEW (nudge_pipeline_view_get_type ())

G_DECLARE_FINAL_TYPE (NudgePipelineView, nudge_pipeline_view, NUDGE, PIPELINE_VIEW, NudgeView)

GtkWidget *nudge_pipeline_view_new              (NudgeContext *context);
GListModel *nudge_pipeline_view_get_column_model (NudgePipelineView *self,
                                                  gint64             stage_id);
GtkWidget  *nudge_pipeline_view_get_card         (NudgePipelineView *self,
                                                  gint64             deal_id);
char       *nudge_pipeline_view_get_summary      (NudgePipelineView *self);
char       *nudge_pipeline_view_dup_column_total (NudgePipelineView *self,
                                                  gint64             stage_id,
                                                  gboolean           weighted,
                                                  char             **out_tooltip);
/* TRUE while the deals are read (on a worker) or the columns fill */
gboolean    nudge_pipeline_view_is_busy          (NudgePipelineView *self);

G_END_DECLS
