/* nudge-list-view.c — every deal, contact and company in sortable tables
 *
 * Each table is a GtkColumnView over the store's live NudgeRecordList,
 * filtered by the chosen segment and the search (ids from the store's
 * full-text index) and sorted by the column headers. Rows are never
 * packed by hand, so thirty thousand deals scroll as smoothly as thirty.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-list-view"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-accessible.h"
#include "nudge-automation.h"
#include "nudge-backup.h"
#include "nudge-clock.h"
#include "nudge-file.h"
#include "nudge-format.h"
#include "nudge-import.h"
#include "nudge-list-view-private.h"
#include "nudge-pace.h"
#include "nudge-next-step-dialog.h"
#include "nudge-record-list.h"
#include "nudge-scoring.h"
#include "nudge-timeline.h"
#include "nudge-window.h"
#include "nudge-worker.h"
#include "nudge-view-actions.h"

G_DEFINE_FINAL_TYPE (NudgeListView, nudge_list_view, NUDGE_TYPE_VIEW)


/* Below this width the tables give way to a list of two lines a record */
#define NARROW_WIDTH 600

static const ColumnInfo deal_columns[] = {
  { COL_DEAL_TITLE, N_("Deal"), FALSE, TRUE, 140, "title" },
  { COL_DEAL_COMPANY, N_("Company"), FALSE, TRUE, 110, "company" },
  { COL_DEAL_CONTACT, N_("Contact"), FALSE, TRUE, 100, "contact" },
  { COL_DEAL_STAGE, N_("Stage"), FALSE, FALSE, 90, "stage" },
  { COL_DEAL_AMOUNT, N_("Amount"), TRUE, FALSE, 120, "amount" },
  { COL_DEAL_CLOSE, N_("Expected Close"), FALSE, FALSE, 110, "expected-close" },
  { COL_DEAL_LAST_ACTIVITY, N_("Last Activity"), FALSE, FALSE, 110, "last-activity" },
  { COL_DEAL_NEXT_FOLLOWUP, N_("Next Follow-up"), FALSE, FALSE, 110, "next-followup" },
  { COL_DEAL_SCORE, N_("Score"), TRUE, FALSE, 60, "score" },
  { COL_DEAL_STATUS, N_("Status"), FALSE, FALSE, 80, "status" },
};

static const ColumnInfo contact_columns[] = {
  { COL_CONTACT_NAME, N_("Name"), FALSE, TRUE, 170, "name" },
  { COL_CONTACT_COMPANY, N_("Company"), FALSE, TRUE, 150, "company" },
  { COL_CONTACT_EMAIL, N_("E-mail"), FALSE, TRUE, 190, "email" },
  { COL_CONTACT_PHONE, N_("Phone"), FALSE, FALSE, 150, "phone" },
  { COL_CONTACT_LAST_ACTIVITY, N_("Last Activity"), FALSE, FALSE, 110, "last-activity" },
  { COL_CONTACT_NEXT_FOLLOWUP, N_("Next Follow-up"), FALSE, FALSE, 120, "next-followup" },
  { COL_CONTACT_SCORE, N_("Score"), TRUE, FALSE, 80, "score" },
};

static const ColumnInfo company_columns[] = {
  { COL_COMPANY_NAME, N_("Name"), FALSE, TRUE, 220, "name" },
  { COL_COMPANY_INDUSTRY, N_("Industry"), FALSE, TRUE, 170, "industry" },
  { COL_COMPANY_CONTACTS, N_("Contacts"), TRUE, FALSE, 90, "contacts" },
  { COL_COMPANY_OPEN_DEALS, N_("Open Deals"), TRUE, FALSE, 100, "open-deals" },
  { COL_COMPANY_LAST_ACTIVITY, N_("Last Activity"), FALSE, FALSE, 120, "last-activity" },
};

/* Called when a table's selection changes */
void
_nudge_list_update_selected_deal (NudgeListView *self)
{
  Table *table = _nudge_list_table_for_entity (self, NUDGE_ENTITY_DEAL);
  g_autoptr(GtkBitset) selected = NULL;
  gint64 deal_id = 0;

  if (table != NULL && table->selection != NULL)
    selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (table->selection));
  if (selected != NULL && gtk_bitset_get_size (selected) == 1)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (table->selection),
                                                       gtk_bitset_get_minimum (selected));

      deal_id = item != NULL ? nudge_record_get_id (item) : 0;
    }
  nudge_view_set_selected_deal (NUDGE_VIEW (self), deal_id);
}

/* Which segments make sense for which table. */
static gboolean
segment_applies (NudgeSegment segment,
                 NudgeEntity  entity)
{
  switch (segment)
    {
    case NUDGE_SEGMENT_ALL:
    case NUDGE_SEGMENT_IDLE:
      return TRUE;
    case NUDGE_SEGMENT_OPEN:
    case NUDGE_SEGMENT_WON:
    case NUDGE_SEGMENT_LOST:
    case NUDGE_SEGMENT_ON_HOLD:
      return entity == NUDGE_ENTITY_DEAL;
    case NUDGE_SEGMENT_WITH_OPEN_DEALS:
      return entity == NUDGE_ENTITY_COMPANY;
    case NUDGE_SEGMENT_NO_NEXT_STEP:
      return entity == NUDGE_ENTITY_DEAL || entity == NUDGE_ENTITY_CONTACT;
    case NUDGE_N_SEGMENTS:
    default:
      return FALSE;
    }
}

static gint64
last_touch (gpointer item)
{
  gint64 last = 0, created = 0;

  if (NUDGE_IS_DEAL (item))
    last = nudge_deal_get_last_activity_at (item), created = nudge_deal_get_created_at (item);
  else if (NUDGE_IS_CONTACT (item))
    last = nudge_contact_get_last_activity_at (item), created = nudge_contact_get_created_at (item);
  else if (NUDGE_IS_COMPANY (item))
    last = nudge_company_get_last_activity_at (item), created = nudge_company_get_created_at (item);
  return last > 0 ? last : created;
}

static gboolean
item_in_segment (gpointer     item,
                 NudgeSegment segment,
                 gint64       now)
{
  switch (segment)
    {
    case NUDGE_SEGMENT_ALL:
      return TRUE;
    case NUDGE_SEGMENT_OPEN:
      return nudge_deal_get_status (item) == NUDGE_DEAL_OPEN;
    case NUDGE_SEGMENT_WON:
      return nudge_deal_get_status (item) == NUDGE_DEAL_WON;
    case NUDGE_SEGMENT_LOST:
      return nudge_deal_get_status (item) == NUDGE_DEAL_LOST;
    case NUDGE_SEGMENT_ON_HOLD:
      return nudge_deal_get_status (item) == NUDGE_DEAL_ON_HOLD;
    case NUDGE_SEGMENT_WITH_OPEN_DEALS:
      return nudge_company_get_n_open_deals (item) > 0;
    case NUDGE_SEGMENT_NO_NEXT_STEP:
      if (NUDGE_IS_DEAL (item))
        return nudge_deal_get_status (item) == NUDGE_DEAL_OPEN && nudge_deal_get_next_followup_at (item) == 0;
      return nudge_contact_get_next_followup_at (item) == 0;
    case NUDGE_SEGMENT_IDLE:
      /* Closed deals are meant to be quiet. */
      if (NUDGE_IS_DEAL (item) &&
          (nudge_deal_get_status (item) == NUDGE_DEAL_WON || nudge_deal_get_status (item) == NUDGE_DEAL_LOST))
        return FALSE;
      return last_touch (item) <= now - (gint64) IDLE_DAYS * 24 * 3600;
    case NUDGE_N_SEGMENTS:
    default:
      return FALSE;
    }
}

static gboolean
filter_func (gpointer item,
             gpointer data)
{
  Table *table = data;
  gint64 id;

  id = nudge_record_get_id (item);
  if (table->named_segment != NULL)
    {
      if (table->named_ids == NULL || !g_hash_table_contains (table->named_ids, &id))
        return FALSE;
    }
  else if (!item_in_segment (item, table->segment, nudge_clock_now ()))
    return FALSE;
  if (table->matches == NULL)
    return TRUE;
  return g_hash_table_contains (table->matches, &id);
}

/* Tables load when first shown: a big book opens on its deals without
 * waiting for a hundred thousand contacts. */
void
_nudge_list_ensure_loaded (Table *table)
{
  if (table->loaded || table->records == NULL)
    return;
  table->loaded = TRUE;
  /* Read by a worker: a 100,000-row table never holds the window. */
  nudge_record_list_load_async (table->records);
}

Table *
_nudge_list_current_table (NudgeListView *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->entity_stack);

  for (guint i = 0; i < N_TABLES; i++)
    if (g_strcmp0 (self->tables[i].name, name) == 0)
      return &self->tables[i];
  return &self->tables[0];
}

Table *
_nudge_list_table_for_entity (NudgeListView *self,
                              NudgeEntity    entity)
{
  for (guint i = 0; i < N_TABLES; i++)
    if (self->tables[i].entity == entity)
      return &self->tables[i];
  g_return_val_if_reached (NULL);
}

/* The segment counts of a table: on a worker, over the rows as they are
 * now. It reads only their numbers (status, counts, times), never their
 * strings: a row updated in place on the main thread meanwhile (each
 * number written whole) counts as before or after the change, and every
 * change counts again. A book of 100,000 contacts takes longer than a
 * frame. */
typedef struct
{
  GPtrArray   *items;
  NudgeEntity  entity;
  gint64       now;
  guint        counts[NUDGE_N_SEGMENTS];
} CountJob;

static void
count_job_free (gpointer data)
{
  CountJob *job = data;

  g_ptr_array_unref (job->items);
  g_free (job);
}

static void
count_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  CountJob *job = task_data;

  nudge_worker_lower_priority ();
  for (guint i = 0; i < job->items->len; i++)
    {
      gpointer item = g_ptr_array_index (job->items, i);

      for (guint s = 0; s < NUDGE_N_SEGMENTS; s++)
        if (segment_applies (s, job->entity) && item_in_segment (item, s, job->now))
          job->counts[s]++;
    }
  g_task_return_boolean (task, TRUE);
}

static void
counts_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  NudgeListView *self = NUDGE_LIST_VIEW (source);
  CountJob *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;
  for (guint s = 0; s < NUDGE_N_SEGMENTS; s++)
    {
      g_autofree char *text = nudge_format_number (job->counts[s], 0);

      gtk_label_set_text (self->segment_counts[s], text);
    }
}

gboolean
_nudge_list_update_counts_cb (gpointer data)
{
  NudgeListView *self = data;
  Table *table = _nudge_list_current_table (self);
  GListModel *model = G_LIST_MODEL (table->records);
  guint n_items = g_list_model_get_n_items (model);
  g_autoptr(GTask) task = NULL;
  CountJob *job;

  self->counts_id = 0;

  /* Which rows the sidebar offers shows at once; the counts follow. */
  for (guint s = 0; s < NUDGE_N_SEGMENTS; s++)
    gtk_widget_set_visible (self->segment_rows[s], segment_applies (s, table->entity));

  g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);
  self->counts_cancellable = g_cancellable_new ();

  job = g_new0 (CountJob, 1);
  job->entity = table->entity;
  job->now = nudge_clock_now ();
  job->items = g_ptr_array_new_full (n_items, g_object_unref);
  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (job->items, g_list_model_get_item (model, i));

  task = g_task_new (self, self->counts_cancellable, counts_done_cb, NULL);
  g_task_set_source_tag (task, _nudge_list_update_counts_cb);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, job, count_job_free);
  g_task_run_in_thread (task, count_in_thread);

  return G_SOURCE_REMOVE;
}

static void
queue_update_counts (NudgeListView *self)
{
  if (self->counts_id == 0)
    self->counts_id = g_timeout_add (200, _nudge_list_update_counts_cb, self);
}

static void
update_matches (NudgeListView *self,
                Table         *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  g_clear_pointer (&table->matches, g_hash_table_unref);
  if (self->search_text == NULL)
    return;

  table->matches = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  ids = nudge_store_search (self->store, table->entity, self->search_text, 0, &error);
  if (ids == NULL)
    {
      g_debug ("Search failed: %s", error->message);
      return;
    }
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (table->matches, g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)));
}

/* The search filters all three tables, but only the one on show at once:
 * matching and filtering a big book's contacts again takes 20–30 ms of
 * the main loop, and a table out of sight is searched when it is shown
 * (_nudge_list_search_if_stale()). */
static void
search_table (NudgeListView   *self,
              Table           *table,
              GtkFilterChange  change)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (table->modes)))
    {
      table->search_stale = TRUE;
      return;
    }
  /* Its rows were filtered by an older search than the last one. */
  if (table->search_stale)
    change = GTK_FILTER_CHANGE_DIFFERENT;
  table->search_stale = FALSE;
  update_matches (self, table);
  _nudge_list_refilter (table, change);
  /* Also when no row showed before and none does now: "Nothing matches". */
  _nudge_list_update_empty (table);
}

void
_nudge_list_search_if_stale (Table *table)
{
  if (table->search_stale)
    search_table (table->view, table, GTK_FILTER_CHANGE_DIFFERENT);
}

/* Records added or renamed during a search are matched again. */
static gboolean
research_cb (gpointer data)
{
  NudgeListView *self = data;

  self->research_id = 0;
  if (self->search_text == NULL)
    return G_SOURCE_REMOVE;
  for (guint i = 0; i < N_TABLES; i++)
    search_table (self, &self->tables[i], GTK_FILTER_CHANGE_DIFFERENT);
  return G_SOURCE_REMOVE;
}


static void
records_changed_cb (GListModel    *model,
                    guint          position,
                    guint          removed,
                    guint          added,
                    NudgeListView *self)
{
  queue_update_counts (self);

  /* A table looked at from its top stays there while rows change
   * underneath (scores and follow-ups update in the background). */
  for (guint i = 0; i < N_TABLES; i++)
    if (G_LIST_MODEL (self->tables[i].records) == model)
      _nudge_list_keep_top (&self->tables[i]);

  if (self->search_text != NULL && added > 0 && self->research_id == 0)
    self->research_id = g_timeout_add (150, research_cb, self);
}

void
_nudge_list_update_new_button (NudgeListView *self)
{
  Table *table = _nudge_list_current_table (self);

  switch (table->entity)
    {
    case NUDGE_ENTITY_DEAL:
      nudge_tooltip_set (&self->new_tooltip, GTK_WIDGET (self->new_button), _("New Deal"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->new_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("New Deal"), -1);
      break;
    case NUDGE_ENTITY_CONTACT:
      nudge_tooltip_set (&self->new_tooltip, GTK_WIDGET (self->new_button), _("New Contact"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->new_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("New Contact"), -1);
      break;
    case NUDGE_ENTITY_COMPANY:
    default:
      nudge_tooltip_set (&self->new_tooltip, GTK_WIDGET (self->new_button), _("New Company"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->new_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("New Company"), -1);
      break;
    }
}

void
_nudge_list_select_segment_row (NudgeListView *self,
                                NudgeSegment   segment)
{
  GtkListBoxRow *row = GTK_LIST_BOX_ROW (self->segment_rows[segment]);

  if (gtk_list_box_get_selected_row (self->segment_list) != row)
    gtk_list_box_select_row (self->segment_list, row);
}

/* A screen reader entering a table says which it is ("Deals"): GTK 4.8
 * names neither the column view nor the list of rows inside it, which
 * the keyboard enters, nor the narrow list, but after their classes. */
static void
name_table (Table      *table,
            const char *title)
{
  nudge_accessible_set_label (GTK_WIDGET (table->column_view), title);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (table->column_view)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      nudge_accessible_set_label (child, title);
  nudge_accessible_set_label (GTK_WIDGET (table->narrow_list), title);
}

static void
setup_table (NudgeListView    *self,
             Table            *table,
             NudgeEntity       entity,
             const char       *name,
             const char       *title,
             const ColumnInfo *columns,
             guint             n_columns)
{
  GtkWidget *scrolled;
  GtkColumnViewColumn *first;

  table->view = self;
  table->entity = entity;
  table->name = name;
  table->segment = entity == NUDGE_ENTITY_DEAL ? NUDGE_SEGMENT_OPEN : NUDGE_SEGMENT_ALL;
  table->records = nudge_record_list_new (self->store, entity);
  g_signal_connect_object (table->records, "items-changed", G_CALLBACK (records_changed_cb), self, 0);

  table->filter = gtk_custom_filter_new (filter_func, table, NULL);
  table->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (table->records)),
                                               GTK_FILTER (g_object_ref (table->filter)));

  table->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_column_separators (table->column_view, FALSE);
  _nudge_list_add_columns (table, columns, n_columns);

  /* Sorted by the first column until the user picks another; sorted
   * before the view sees the rows, so it opens at the top. */
  first = g_list_model_get_item (gtk_column_view_get_columns (table->column_view), 0);
  gtk_column_view_sort_by_column (table->column_view, first, GTK_SORT_ASCENDING);
  g_object_unref (first);

  /* Before the model's own handler: a new order is sorted incrementally. */
  g_signal_connect (gtk_column_view_get_sorter (table->column_view), "changed",
                    G_CALLBACK (_nudge_list_sorter_changed_cb), table);
  _nudge_list_sort_changed (table);
  table->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (table->filtered)),
                                           g_object_ref (gtk_column_view_get_sorter (table->column_view)));
  /* Sorting a whole book is spread over several frames. */
  gtk_sort_list_model_set_incremental (table->sorted, TRUE);
  table->first_fill = TRUE;
  g_signal_connect (table->sorted, "notify::pending", G_CALLBACK (_nudge_list_sort_pending_cb), table);
  g_signal_connect (table->filtered, "notify::pending", G_CALLBACK (_nudge_list_filter_pending_cb), table);
  g_signal_connect (table->records, "notify::loading", G_CALLBACK (_nudge_list_records_loading_cb), table);
  g_signal_connect (table->records, "replacing", G_CALLBACK (_nudge_list_records_replacing_cb), table);
  /* The whole list, but while the column view first gets its rows
   * (end_first_fill in nudge-list-fill.c). */
  table->head = nudge_head_list_model_new (G_LIST_MODEL (table->sorted), G_MAXUINT);
  g_signal_connect (table->head, "items-changed", G_CALLBACK (_nudge_list_head_changed_cb), table);
  table->selection = nudge_record_selection_new (G_LIST_MODEL (table->head));
  nudge_record_selection_set_ids_func (table->selection, (NudgeRecordIdsFunc) _nudge_list_shown_ids, table);
  table->slots = nudge_slot_selection_new (GTK_SELECTION_MODEL (table->selection));
  /* The column view gets the rows once they are sorted (nudge-list-fill.c). */
  g_signal_connect (table->column_view, "activate", G_CALLBACK (_nudge_list_row_activated_cb), table);
  _nudge_list_add_row_menu_gestures (table);
  g_signal_connect_object (table->selection, "selection-changed",
                           G_CALLBACK (_nudge_list_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (table->selection, "items-changed",
                           G_CALLBACK (_nudge_list_selection_changed_cb), self, G_CONNECT_SWAPPED);


  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (table->column_view));
  table->vadjustment = g_object_ref (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)));
  table->modes = GTK_STACK (gtk_stack_new ());
  g_signal_connect (table->modes, "map", G_CALLBACK (_nudge_list_table_map_cb), table);
  gtk_stack_add_named (table->modes, scrolled, "table");
  gtk_stack_add_named (table->modes, _nudge_list_create_narrow_list (table), "narrow");
  _nudge_list_show_table_mode (table, nudge_view_get_narrow (NUDGE_VIEW (self)));
  name_table (table, title);
  gtk_stack_add_titled (self->entity_stack, _nudge_list_empty_wrap (table), name, title);
}

static void
clear_table (Table *table)
{
  g_clear_handle_id (&table->keep_top_id, g_source_remove);
  g_clear_object (&table->vadjustment);
  g_clear_object (&table->narrow_vadjustment);
  g_clear_handle_id (&table->end_fill_id, g_source_remove);
  nudge_clear_clock_handler (&table->grow_clock, &table->grow_id);
  /* The models may outlive the table: a worker's reload holds the list */
  if (table->records != NULL)
    g_signal_handlers_disconnect_by_data (table->records, table);
  if (table->head != NULL)
    g_signal_handlers_disconnect_by_data (table->head, table);
  if (table->sorted != NULL)
    {
      g_signal_handlers_disconnect_by_data (table->sorted, table);
      if (gtk_sort_list_model_get_sorter (table->sorted) != NULL)
        g_signal_handlers_disconnect_by_data (gtk_sort_list_model_get_sorter (table->sorted), table);
    }
  g_clear_pointer (&table->matches, g_hash_table_unref);
  g_clear_pointer (&table->named_segment, g_free);
  g_clear_pointer (&table->named_ids, g_hash_table_unref);
  g_clear_object (&table->columns_menu);
  g_clear_object (&table->sort_menu);
  /* The columns may outlive the table: the column view holds them */
  for (guint i = 0; table->all_columns != NULL && i < table->all_columns->len; i++)
    {
      GtkSorter *sorter = gtk_column_view_column_get_sorter (g_ptr_array_index (table->all_columns, i));

      if (sorter != NULL)
        g_signal_handlers_disconnect_by_data (sorter, table);
    }
  g_clear_pointer (&table->all_columns, g_ptr_array_unref);
  g_clear_pointer (&table->sorts, g_ptr_array_unref);
  g_clear_object (&table->slots);
  g_clear_object (&table->selection);
  g_clear_object (&table->head);
  g_clear_object (&table->sorted);
  g_clear_object (&table->filtered);
  g_clear_object (&table->filter);
  g_clear_object (&table->records);
}

static void
nudge_list_view_dispose (GObject *object)
{
  NudgeListView *self = (NudgeListView *) object;

  g_clear_handle_id (&self->counts_id, g_source_remove);
  g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);
  g_clear_handle_id (&self->research_id, g_source_remove);
  g_clear_handle_id (&self->import_pulse_id, g_source_remove);
  g_cancellable_cancel (self->segments_cancellable);
  g_clear_object (&self->segments_cancellable);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_handle_id (&self->named_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->segment_list != NULL)
    g_signal_handlers_disconnect_by_data (self->segment_list, self);
  for (guint i = 0; i < N_TABLES; i++)
    {
      if (self->tables[i].selection != NULL)
        g_signal_handlers_disconnect_by_data (self->tables[i].selection, self);
      if (self->tables[i].records != NULL)
        g_signal_handlers_disconnect_by_data (self->tables[i].records, self);
    }
  if (self->entity_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->entity_stack, self);
  g_clear_pointer (&self->row_menu, gtk_widget_unparent);
  nudge_tooltip_clear (&self->new_tooltip);
  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_LIST_VIEW);
  for (guint i = 0; i < N_TABLES; i++)
    clear_table (&self->tables[i]);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->named_rows, g_ptr_array_unref);
  g_clear_pointer (&self->segment_members, g_hash_table_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->column_actions);
  g_clear_object (&self->view_columns_menu);
  g_clear_object (&self->view_sort_menu);

  G_OBJECT_CLASS (nudge_list_view_parent_class)->dispose (object);
}

static void
nudge_list_view_constructed (GObject *object)
{
  NudgeListView *self = (NudgeListView *) object;

  G_OBJECT_CLASS (nudge_list_view_parent_class)->constructed (object);

  self->store = g_object_ref (nudge_view_get_store (NUDGE_VIEW (self)));

  /* Hidden columns are remembered where the schema is installed (not in
   * a test that builds the view alone without one). */
  self->settings = nudge_view_settings_new ("hidden-list-columns", NULL);
  self->column_actions = g_simple_action_group_new ();
  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns", G_ACTION_GROUP (self->column_actions));

  setup_table (self, &self->tables[0], NUDGE_ENTITY_DEAL, "deals", _("Deals"),
               deal_columns, G_N_ELEMENTS (deal_columns));
  setup_table (self, &self->tables[1], NUDGE_ENTITY_CONTACT, "contacts", _("Contacts"),
               contact_columns, G_N_ELEMENTS (contact_columns));
  setup_table (self, &self->tables[2], NUDGE_ENTITY_COMPANY, "companies", _("Companies"),
               company_columns, G_N_ELEMENTS (company_columns));

  _nudge_list_setup_named_segments (self);
  g_signal_connect_object (self->store, "changes", G_CALLBACK (_nudge_list_store_changes_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->entity_stack, "notify::visible-child-name",
                           G_CALLBACK (_nudge_list_entity_changed_cb), self, G_CONNECT_SWAPPED);
  _nudge_list_entity_changed_cb (self);
}

static void
nudge_list_view_class_init (NudgeListViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nudge_list_view_constructed;
  object_class->dispose = nudge_list_view_dispose;
  NUDGE_VIEW_CLASS (klass)->narrow_changed = _nudge_list_show_mode;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/nudge-list-view.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, segment_list);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, content);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, import_bar);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, import_label);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, import_progress);
  gtk_widget_class_bind_template_callback (widget_class, cancel_import_cb);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, back_button);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, new_button);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, cadence_button);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, delete_button);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, selection_label);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, more_button);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, entity_switcher);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, entity_stack);
  gtk_widget_class_bind_template_child (widget_class, NudgeListView, more_menu);

  gtk_widget_class_install_action (widget_class, "list.delete", NULL, _nudge_list_delete_action);
  gtk_widget_class_install_action (widget_class, "list.new", NULL, _nudge_list_new_action);
  gtk_widget_class_install_action (widget_class, "list.merge", NULL, _nudge_list_merge_action);
  gtk_widget_class_install_action (widget_class, "list.apply-cadence", "s", _nudge_list_apply_cadence_action);
  gtk_widget_class_install_action (widget_class, "list.plan-followup", "(si)", _nudge_list_plan_followup_action);
  gtk_widget_class_install_action (widget_class, "list.export-csv", NULL, _nudge_list_export_csv_action);
  gtk_widget_class_install_action (widget_class, "list.save-search", NULL, _nudge_list_save_search_action);
  gtk_widget_class_install_action (widget_class, "list.import-csv", NULL, _nudge_list_import_csv_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "list.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "list.delete", NULL);
  gtk_widget_class_install_action (widget_class, "list.row-menu", NULL, _nudge_list_row_menu_action);
  gtk_widget_class_install_action (widget_class, "list.plan-next-step", "(xx)", _nudge_list_plan_next_step_action);
  gtk_widget_class_install_action (widget_class, "list.open-record", "x", _nudge_list_open_record_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "list.row-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "list.row-menu", NULL);

}

static void
nudge_list_view_init (NudgeListView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not in the template: a tooltip set there asks the display server
   * where the pointer is, a round trip each as the List opens. */
  nudge_tooltip_set_static (GTK_WIDGET (self->back_button), _("Segments"));
  nudge_tooltip_set_static (GTK_WIDGET (self->delete_button), _("Delete Selected (Delete)"));
  nudge_tooltip_set_static (GTK_WIDGET (self->cadence_button), _("Apply Cadence…"));
  nudge_tooltip_set_static (GTK_WIDGET (self->more_button), _("More Actions"));
  nudge_view_set_narrow_width (NUDGE_VIEW (self), NARROW_WIDTH);
  self->segments_cancellable = g_cancellable_new ();
  /* Each tab as wide as its name: three tabs as wide as "Companies" (or
   * a longer translation) would not fit a phone. */
  if (GTK_IS_BOX_LAYOUT (gtk_widget_get_layout_manager (self->entity_switcher)))
    gtk_box_layout_set_homogeneous (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (self->entity_switcher)), FALSE);
  self->named_rows = g_ptr_array_new_with_free_func (_nudge_list_named_row_free);
  _nudge_list_setup_segments (self);
  gtk_list_box_set_header_func (self->segment_list, _nudge_list_segment_header_func, self, NULL);
  gtk_menu_button_set_create_popup_func (self->cadence_button, _nudge_list_cadence_popup_cb, self, NULL);

  g_signal_connect_swapped (self->segment_list, "row-selected", G_CALLBACK (_nudge_list_segment_selected_cb), self);
  g_signal_connect_swapped (self->segment_list, "row-activated", G_CALLBACK (_nudge_list_segment_activated_cb), self);
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (_nudge_list_back_clicked_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (_nudge_list_search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (_nudge_list_stop_search_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.delete", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.apply-cadence", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.export-csv", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.save-search", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.merge", FALSE);
}

void
nudge_list_view_set_entity (NudgeListView *self,
                            NudgeEntity    entity)
{
  Table *table;

  g_return_if_fail (NUDGE_IS_LIST_VIEW (self));

  table = _nudge_list_table_for_entity (self, entity);
  if (table != NULL)
    gtk_stack_set_visible_child_name (self->entity_stack, table->name);
}

NudgeEntity
nudge_list_view_get_entity (NudgeListView *self)
{
  g_return_val_if_fail (NUDGE_IS_LIST_VIEW (self), NUDGE_ENTITY_DEAL);

  return _nudge_list_current_table (self)->entity;
}

void
nudge_list_view_set_segment (NudgeListView *self,
                             NudgeSegment   segment)
{
  Table *table;
  NudgeSegment old;

  g_return_if_fail (NUDGE_IS_LIST_VIEW (self));
  g_return_if_fail (segment < NUDGE_N_SEGMENTS);

  table = _nudge_list_current_table (self);
  if (!segment_applies (segment, table->entity))
    return;

  old = table->segment;
  table->segment = segment;
  if (table->named_segment != NULL)
    {
      g_clear_pointer (&table->named_segment, g_free);
      g_clear_pointer (&table->named_ids, g_hash_table_unref);
      _nudge_list_select_segment_row (self, segment);
      _nudge_list_refilter (table, GTK_FILTER_CHANGE_DIFFERENT);
      return;
    }
  _nudge_list_select_segment_row (self, segment);
  if (old == segment)
    return;
  /* "All" holds every other segment. */
  if (old == NUDGE_SEGMENT_ALL)
    _nudge_list_refilter (table, GTK_FILTER_CHANGE_MORE_STRICT);
  else if (segment == NUDGE_SEGMENT_ALL)
    _nudge_list_refilter (table, GTK_FILTER_CHANGE_LESS_STRICT);
  else
    _nudge_list_refilter (table, GTK_FILTER_CHANGE_DIFFERENT);
}

void
nudge_list_view_set_search (NudgeListView *self,
                            const char    *text)
{
  g_autofree char *stripped = NULL;
  GtkFilterChange change;

  g_return_if_fail (NUDGE_IS_LIST_VIEW (self));

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (g_strcmp0 (stripped, self->search_text != NULL ? self->search_text : "") == 0)
    return;

  /* Prefix matching: typing more can only narrow the matches. */
  if (self->search_text == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (*stripped == '\0')
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (g_str_has_prefix (stripped, self->search_text))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (g_str_has_prefix (self->search_text, stripped))
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_clear_pointer (&self->search_text, g_free);
  if (*stripped != '\0')
    self->search_text = g_strdup (stripped);

  for (guint i = 0; i < N_TABLES; i++)
    search_table (self, &self->tables[i], change);
  _nudge_list_update_bulk_actions (self);
}

/* Whether a table is still reading, filtering or sorting its rows. */
gboolean
nudge_list_view_is_busy (NudgeListView *self)
{
  g_return_val_if_fail (NUDGE_IS_LIST_VIEW (self), FALSE);

  for (guint i = 0; i < N_TABLES; i++)
    {
      Table *table = &self->tables[i];

      if (table->records == NULL)
        continue;
      if (self->segments_loading || self->named_id != 0 ||
          nudge_record_list_is_loading (table->records) ||
          gtk_filter_list_model_get_pending (table->filtered) > 0 ||
          gtk_sort_list_model_get_pending (table->sorted) > 0 ||
          table->end_fill_id != 0 || table->grow_id != 0)
        return TRUE;
    }
  return FALSE;
}

GListModel *
nudge_list_view_get_model (NudgeListView *self,
                           NudgeEntity    entity)
{
  Table *table;

  g_return_val_if_fail (NUDGE_IS_LIST_VIEW (self), NULL);

  table = _nudge_list_table_for_entity (self, entity);
  if (table == NULL)
    return NULL;
  /* Asked for by name: the rows are read now. */
  if (!table->loaded && table->records != NULL)
    {
      g_autoptr(GError) error = NULL;

      table->loaded = TRUE;
      if (!nudge_record_list_load (table->records, &error))
        g_warning ("Could not load the list: %s", error->message);
    }
  return G_LIST_MODEL (table->sorted);
}

GtkSelectionModel *
nudge_list_view_get_selection (NudgeListView *self,
                               NudgeEntity    entity)
{
  Table *table;

  g_return_val_if_fail (NUDGE_IS_LIST_VIEW (self), NULL);

  table = _nudge_list_table_for_entity (self, entity);
  return table != NULL ? GTK_SELECTION_MODEL (table->selection) : NULL;
}

/**
 * nudge_list_view_set_named_segment:
 * @name: a segment of the core ("dormant", "regular", …) or a saved search
 *
 * Shows the members of @name in the table on screen. Returns %FALSE when
 * the segment does not list records of that table.
 */
gboolean
nudge_list_view_set_named_segment (NudgeListView *self,
                                   const char    *name)
{
  Table *table;
  NamedRow *named;
  g_autofree char *old = NULL;

  g_return_val_if_fail (NUDGE_IS_LIST_VIEW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  table = _nudge_list_current_table (self);
  named = _nudge_list_find_named_row (self, name, table->entity);
  if (named == NULL)
    return FALSE;
  if (g_strcmp0 (table->named_segment, name) != 0)
    {
      old = g_steal_pointer (&table->named_segment);
      table->named_segment = g_strdup (name);
      if (!_nudge_list_load_named_ids (self, table))
        {
          g_free (table->named_segment);
          table->named_segment = g_steal_pointer (&old);
          _nudge_list_load_named_ids (self, table);
          _nudge_list_select_current_row (self);
          return FALSE;
        }
      _nudge_list_refilter (table, GTK_FILTER_CHANGE_DIFFERENT);
    }
  _nudge_list_select_current_row (self);
  return TRUE;
}
