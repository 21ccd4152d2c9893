/* nudge-list-view-private.h — what the List view's files share
 *
 * The view (nudge-list-view.c) holds the tables and the filter; how a
 * table's rows reach the screen, its columns, segment sidebar, actions
 * and import live in files of their own in this folder and reach the
 * view's struct through this header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-automation.h"
#include "nudge-head-list-model.h"
#include "nudge-import.h"
#include "nudge-list-view.h"
#include "nudge-record-list.h"
#include "nudge-record-selection.h"
#include "nudge-slot-selection.h"
#include "nudge-tooltip.h"

G_BEGIN_DECLS

#define IDLE_DAYS 90
#define N_TABLES  3

typedef enum
{
  COL_DEAL_TITLE,
  COL_DEAL_COMPANY,
  COL_DEAL_CONTACT,
  COL_DEAL_STAGE,
  COL_DEAL_AMOUNT,
  COL_DEAL_CLOSE,
  COL_DEAL_LAST_ACTIVITY,
  COL_DEAL_NEXT_FOLLOWUP,
  COL_DEAL_STATUS,
  COL_CONTACT_NAME,
  COL_CONTACT_COMPANY,
  COL_CONTACT_EMAIL,
  COL_CONTACT_PHONE,
  COL_CONTACT_LAST_ACTIVITY,
  COL_CONTACT_NEXT_FOLLOWUP,
  COL_COMPANY_NAME,
  COL_COMPANY_INDUSTRY,
  COL_COMPANY_CONTACTS,
  COL_COMPANY_OPEN_DEALS,
  COL_COMPANY_LAST_ACTIVITY,
  COL_DEAL_SCORE,
  COL_CONTACT_SCORE,
  N_COLUMN_IDS
} ColumnId;

typedef struct
{
  ColumnId    id;
  const char *title;
  gboolean    numeric;
  gboolean    expand;
  int         width;
  const char *key;       /* stable name in the hidden-list-columns setting */
} ColumnInfo;

typedef struct _NudgeListView NudgeListView;

typedef struct
{
  NudgeListView      *view;
  NudgeEntity         entity;
  const char         *name;
  NudgeRecordList    *records;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  NudgeHeadListModel *head;           /* all of sorted, but while the first rows come */
  NudgeRecordSelection *selection;
  NudgeSlotSelection *slots;          /* what the views show: rows keep their widgets */
  GtkColumnView      *column_view;
  GtkListView        *narrow_list;    /* two lines a record, on a narrow window */
  GtkStack           *modes;          /* "table" or "narrow" */
  GtkAdjustment      *vadjustment;
  guint               keep_top_id;
  gboolean            first_fill;   /* rows still arriving and being sorted for the first time */
  guint               end_fill_id;  /* gives the column view its rows once they are */
  GdkFrameClock      *grow_clock;   /* while those rows come, a batch a frame */
  gulong              grow_id;
  gboolean            held;         /* frozen whole where it was scrolled to (see nudge-list-fill.c) */
  GtkAdjustment      *narrow_vadjustment;
  GHashTable         *matches;   /* ids from the search, NULL = no search */
  gboolean            search_stale;  /* out of sight: searched when shown */
  gboolean            loaded;
  NudgeSegment        segment;
  char               *named_segment;  /* a core or saved segment, or NULL */
  GHashTable         *named_ids;      /* its members */
  GMenu              *columns_menu;   /* which columns show */
  GMenu              *sort_menu;      /* which column sorts, and which way */
  GSimpleAction      *sort_by;        /* "columns.<table>-sort-by", the group's */
  GSimpleAction      *sort_order;     /* "columns.<table>-sort-order", the group's */
  gboolean            sorting_from_menu;
  gboolean            column_resorting;  /* a column's sorter changed itself, not a header click */
  GPtrArray          *all_columns;    /* shown or not, in their order */
  GPtrArray          *sorts;          /* how each of all_columns sorts (nudge-list-sort.c), its sorter's */
  const ColumnInfo   *column_infos;   /* what each of all_columns shows */
  GtkWidget          *empty;          /* says why no row shows (nudge-list-empty.c) */
  GtkWidget          *clear_search;
} Table;

/* A sidebar row for a segment computed by the core (built-in or a saved
 * search), filtered by the member ids the core returns. */
typedef struct
{
  char        *name;
  NudgeEntity  entity;
  gboolean     saved;
  GtkWidget   *row;
  GtkLabel    *count;
  int          n_members;   /* −1 until a worker counted them */
  int          group;       /* rows of another group get a line above */
} NamedRow;

typedef struct _ImportJob ImportJob;


struct _NudgeListView
{
  NudgeView       parent_instance;

  NudgeStore     *store;
  Table           tables[N_TABLES];
  char           *search_text;
  GtkWidget      *segment_rows[NUDGE_N_SEGMENTS];
  GtkLabel       *segment_counts[NUDGE_N_SEGMENTS];
  guint           counts_id;
  GCancellable   *counts_cancellable;
  guint           research_id;
  GPtrArray      *named_rows;   /* NamedRow */
  guint           named_id;
  gboolean        named_rebuild;
  gboolean        segments_loading;
  gboolean        segments_again;
  gboolean        segments_again_rebuild;
  GCancellable   *segments_cancellable;
  GHashTable     *segment_members;  /* name → GArray of ids, as last counted */

  AdwLeaflet     *leaflet;
  GtkListBox     *segment_list;
  GtkWidget      *content;
  GtkWidget      *import_bar;
  GtkWidget      *import_label;
  GtkWidget      *import_progress;
  ImportJob      *import_job;     /* the import under way */
  GCancellable   *import_cancellable;
  guint           import_pulse_id;
  NudgeListViewImportDone import_done_hook;
  gpointer        import_done_data;
  GtkButton      *back_button;
  GtkButton      *new_button;
  NudgeTooltip    new_tooltip;
  GtkMenuButton  *cadence_button;
  GtkWidget      *selection_label;
  GtkButton      *delete_button;
  GtkMenuButton  *more_button;
  GtkSearchEntry *search_entry;
  GtkWidget      *entity_switcher;
  GtkStack       *entity_stack;
  GMenu          *more_menu;
  GMenu          *view_columns_menu;  /* the more menu's Columns, of the table on show */
  GMenu          *view_sort_menu;     /* and its Sort By */
  GtkWidget      *row_menu;       /* a row's context menu, made on first use */

  GSettings      *settings;      /* NULL when the schema is not installed */
  GSimpleActionGroup *column_actions;

};

/* nudge-list-view.c */
/* The ids of @table's selected rows, in the order shown. */
GArray *_nudge_list_selected_ids (Table *table);
GArray *_nudge_list_shown_ids (Table *table);
void _nudge_list_ensure_loaded (Table *table);
Table *_nudge_list_current_table (NudgeListView *self);
Table *_nudge_list_table_for_entity (NudgeListView *self,
                                      NudgeEntity    entity);
gboolean _nudge_list_update_counts_cb (gpointer data);
void _nudge_list_update_new_button (NudgeListView *self);
void _nudge_list_select_segment_row (NudgeListView *self,
                                     NudgeSegment   segment);
/* nudge-list-empty.c */
GtkWidget *_nudge_list_empty_wrap   (Table *table);
void       _nudge_list_update_empty (Table *table);
/* nudge-list-fill.c */
void _nudge_list_keep_top (Table *table);
void _nudge_list_sort_pending_cb (GtkSortListModel *sorted,
                                  GParamSpec       *pspec,
                                  Table            *table);
void _nudge_list_sorter_changed_cb (GtkSorter       *sorter,
                                    GtkSorterChange  change,
                                    Table           *table);
void _nudge_list_records_loading_cb (NudgeRecordList *records,
                                     GParamSpec      *pspec,
                                     Table           *table);
void _nudge_list_head_changed_cb (GListModel *head,
                                  guint       position,
                                  guint       removed,
                                  guint       added,
                                  Table      *table);
void _nudge_list_filter_pending_cb (GtkFilterListModel *filtered,
                                    GParamSpec         *pspec,
                                    Table              *table);
void _nudge_list_search_if_stale (Table *table);
void _nudge_list_refilter (Table           *table,
                          GtkFilterChange  change);
void _nudge_list_records_replacing_cb (NudgeRecordList *records,
                                       Table           *table);
void _nudge_list_table_map_cb (GtkWidget *modes,
                               Table     *table);
/* nudge-list-columns.c */
char *_nudge_list_column_text (ColumnId      column,
                                gpointer      item,
                                const char  **css_class);
const ColumnInfo *_nudge_list_column_info (Table               *table,
                                           GtkColumnViewColumn *column);
gboolean _nudge_list_column_is_text (ColumnId column);
const char *_nudge_list_column_field (ColumnId  column,
                                      gpointer  item);
void _nudge_list_add_columns (Table            *table,
                              const ColumnInfo *columns,
                              guint             n_columns);
void _nudge_list_show_mode (NudgeView *view);
void _nudge_list_show_table_mode (Table    *table,
                                  gboolean  narrow);
void _nudge_list_update_selected_deal (NudgeListView *self);
GtkWidget *_nudge_list_create_narrow_list (Table *table);
/* nudge-list-sort.c */
GtkSorter *_nudge_list_column_sorter_new (Table    *table,
                                          ColumnId  column);
void _nudge_list_add_sort_actions (Table            *table,
                                   const ColumnInfo *columns,
                                   guint             n_columns);
void _nudge_list_sort_changed (Table *table);
/* nudge-segment-sidebar.c */
void _nudge_list_named_row_free (gpointer data);
NamedRow *_nudge_list_find_named_row (NudgeListView *self,
                                       const char    *name,
                                       NudgeEntity    entity);
gboolean _nudge_list_load_named_ids (NudgeListView *self,
                                     Table         *table);
void _nudge_list_store_changes_cb (NudgeListView  *self,
                                   NudgeChangeSet *changes);
void _nudge_list_select_current_row (NudgeListView *self);
void _nudge_list_reload_saved_segments (NudgeListView *self);
void _nudge_list_setup_named_segments (NudgeListView *self);
void _nudge_list_segment_header_func (GtkListBoxRow *row,
                                      GtkListBoxRow *before,
                                      gpointer       data);
void _nudge_list_update_bulk_actions (NudgeListView *self);
void _nudge_list_entity_changed_cb (NudgeListView *self);
void _nudge_list_segment_selected_cb (NudgeListView *self,
                                      GtkListBoxRow *row);
void _nudge_list_segment_activated_cb (NudgeListView *self,
                                       GtkListBoxRow *row);
void _nudge_list_back_clicked_cb (NudgeListView *self);
void _nudge_list_search_changed_cb (NudgeListView *self);
void _nudge_list_stop_search_cb (NudgeListView *self);
void _nudge_list_row_activated_cb (GtkColumnView *column_view,
                                   guint          position,
                                   gpointer       data);
void _nudge_list_setup_segments (NudgeListView *self);
/* nudge-list-actions.c */
void _nudge_list_cell_set_item (GtkWidget   *label,
                                GtkListItem *list_item);
void _nudge_list_add_row_menu_gestures (Table *table);
void _nudge_list_row_menu_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param);
void _nudge_list_plan_next_step_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param);
void _nudge_list_open_record_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param);
void _nudge_list_merge_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter);
void _nudge_list_delete_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter);
void _nudge_list_new_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter);
void _nudge_list_cadence_popup_cb (GtkMenuButton *button,
                                   gpointer       data);
void _nudge_list_apply_cadence_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter);
void _nudge_list_plan_followup_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter);
void _nudge_list_export_csv_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter);
char *_nudge_list_imported_message (NudgeEntity entity,
                                     guint       n);
void _nudge_list_import_csv_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter);
void _nudge_list_save_search_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter);
void _nudge_list_selection_changed_cb (NudgeListView *self);
/* nudge-list-import.c */
void cancel_import_cb (NudgeListView *self);

G_END_DECLS
