/* nudge-pipeline-view-private.h — what the Pipeline board's files share
 *
 * The board (nudge-pipeline-view.c) holds the pipelines and their columns;
 * filtering and totals, moving a deal, and the columns with their cards
 * live in files of their own in this folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-pipeline-view.h"
#include "nudge-record-list.h"
#include "nudge-tooltip.h"

G_BEGIN_DECLS

typedef enum
{
  SORT_NEXT_FOLLOWUP,
  SORT_AMOUNT,
  SORT_IDLE,
} SortMode;

typedef struct _Column Column;

struct _NudgePipelineView
{
  NudgeView            parent_instance;

  NudgeStore          *store;
  GSettings           *settings;
  NudgeRecordList     *deals;
  GPtrArray           *columns;        /* Column* */
  GArray              *pipeline_ids;   /* gint64, as in the selector */
  GtkStringList       *pipeline_names;
  GHashTable          *cards;          /* deal id → bound NudgeDealCard */
  GtkSorter           *sorter;
  NudgeRates          *rates;          /* home currency and rates, read once */
  char                *filter_text;

  GtkWidget           *toolbar;
  GtkWidget           *search_group;
  GtkWidget           *filter_group;
  GtkWidget           *pipeline_selector;
  GtkWidget           *search;
  GtkWidget           *rotting_only;
  GtkWidget           *show_on_hold;
  GtkWidget           *show_closed;
  GtkWidget           *sort_selector;
  GtkWidget           *columns_box;
  GtkWidget           *summary;
  GtkWidget           *forecast;
  NudgeTooltip         summary_tooltip;
  NudgeTooltip         forecast_tooltip;

  gint64               pipeline_id;
  Column              *selected_column;
  gint64               focus_deal;
  gint64               focus_stage;
  SortMode             sort_mode;
  guint                totals_id;
  guint                totals_column;  /* the pass under way */
  guint                totals_index;
  NudgePipelineTotals *totals_all;
  GPtrArray           *totals_columns; /* NudgePipelineTotals* per column */
  guint                rebuild_id;
  guint                grow_id;
  guint                attach_tick;
  gboolean             detach;
  guint                focus_id;
  gboolean             updating_selector;

  /* The moves whose toasts still offer Undo, oldest first: each toast
   * owns its own (nudge-pipeline-moves.c) */
  GPtrArray           *move_undos;
};

struct _Column
{
  NudgePipelineView   *view;
  NudgeStage          *stage;
  gboolean             closing;
  GtkWidget           *box;
  GtkWidget           *count;
  GtkWidget           *total;
  GtkWidget           *weighted;
  NudgeTooltip         total_tooltip;
  NudgeTooltip         weighted_tooltip;
  GtkWidget           *list;
  GtkWidget           *placeholder;
  GtkFilterListModel  *filtered;    /* owned by sorted */
  GtkSortListModel    *sorted;      /* owned */
  NudgeHeadListModel  *shown;       /* the first cards of sorted, growing; owned by selection */
  GtkSingleSelection  *selection;   /* owned */
  GtkDropTarget       *drop;        /* owned: a drag may hold it past the column */
  GtkAdjustment       *vadjustment;
  gboolean             want_more;   /* scrolled near the last card shown */
};

typedef struct
{
  NudgePipelineView *view;
  gint64             deal_id;
  gint64             stage_id;
} PendingMove;

/* Totals and focus follow a move before the next frame is drawn (the
 * redraw runs at GDK_PRIORITY_REDRAW, 120). */
#define UPDATE_PRIORITY (G_PRIORITY_HIGH_IDLE + 10)
/* How long one main-loop turn may spend adding up totals */
#define TOTALS_BUDGET_US 4000
/* A column starts with this many cards and grows by as many when it is
 * scrolled near its end: GTK 4.8 list views keep up to 200 rows alive,
 * which for a whole board would be a thousand cards laid out in one
 * frame. */
#define CARDS_STEP 10
/* Up to this many changed deals are placed in their columns at once. */
#define FILTER_AT_ONCE 64

/* nudge-pipeline-view.c */
void _nudge_pipeline_pending_move_free (gpointer data);
void _nudge_pipeline_column_selected_cb (GtkSingleSelection *selection,
                                         GParamSpec         *pspec,
                                         Column             *column);
void _nudge_pipeline_set_selected_deal (NudgePipelineView *self,
                                       Column            *column,
                                       gint64             deal_id);
void _nudge_pipeline_show_error (NudgePipelineView *self,
                                 const GError      *error);
Column *_nudge_pipeline_find_column (NudgePipelineView *self,
                                     gint64             stage_id);
/* nudge-pipeline-totals.c */
gboolean _nudge_pipeline_column_filter_func (gpointer item,
                                             gpointer user_data);
int _nudge_pipeline_sort_func (gconstpointer a,
                               gconstpointer b,
                               gpointer      user_data);
gboolean _nudge_pipeline_columns_filtering (NudgePipelineView *self);
void _nudge_pipeline_show_column_count (Column *column);
void _nudge_pipeline_restart_totals (NudgePipelineView *self);
void _nudge_pipeline_update_totals (NudgePipelineView *self);
void _nudge_pipeline_queue_totals (NudgePipelineView *self);
void _nudge_pipeline_refilter (NudgePipelineView *self);
/* nudge-pipeline-moves.c */
gboolean _nudge_pipeline_focus_card_cb (gpointer data);
void _nudge_pipeline_focus_deal (NudgePipelineView *self,
                                 gint64             deal_id,
                                 gint64             stage_id);
void _nudge_pipeline_move_deal_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter);
void _nudge_pipeline_move_step_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter);
void _nudge_pipeline_undo_move_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter);
void _nudge_pipeline_card_menu_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter);
void _nudge_pipeline_open_deal_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter);
void _nudge_pipeline_plan_next_step_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter);
/* nudge-pipeline-columns.c */
void _nudge_pipeline_column_scrolled_cb (GtkAdjustment *adjustment,
                                         Column        *column);
void _nudge_pipeline_queue_grow (NudgePipelineView *self);
void _nudge_pipeline_filter_incrementally (NudgePipelineView *self,
                                           gboolean           incremental);
void _nudge_pipeline_deals_changed_cb (NudgePipelineView *self,
                                       guint              position,
                                       guint              removed,
                                       guint              added);
void _nudge_pipeline_column_pending_cb (NudgePipelineView *self);
void _nudge_pipeline_column_items_changed_cb (GListModel        *model,
                                              guint              position,
                                              guint              removed,
                                              guint              added,
                                              NudgePipelineView *self);
void _nudge_pipeline_rebuild_columns (NudgePipelineView *self);
gboolean _nudge_pipeline_rebuild_cb (gpointer data);

G_END_DECLS
