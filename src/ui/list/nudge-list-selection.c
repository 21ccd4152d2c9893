/* nudge-list-selection.c — what the List writes for its selected rows:
 * delete with Undo, a cadence or a follow-up for each, and CSV export;
 * for thousands of rows without blocking the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-list-view"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-automation.h"
#include "nudge-bulk-plan.h"
#include "nudge-clock.h"
#include "nudge-csv-export.h"
#include "nudge-file.h"
#include "nudge-format.h"
#include "nudge-list-view-private.h"
#include "nudge-pace.h"
#include "nudge-record-list.h"
#include "nudge-recurrence.h"
#include "nudge-view-actions.h"
#include "nudge-worker.h"

static char *
deleted_message (NudgeEntity entity,
                 guint       n)
{
  switch (entity)
    {
    case NUDGE_ENTITY_DEAL:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u deal deleted", "%'u deals deleted", n), n);
    case NUDGE_ENTITY_CONTACT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u contact deleted", "%'u contacts deleted", n), n);
    case NUDGE_ENTITY_COMPANY:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u company deleted", "%'u companies deleted", n), n);
    }
}

static void
show_deleted (NudgeListView *self,
              NudgeEntity    entity,
              GArray        *ids)
{
  g_autofree char *message = deleted_message (entity, ids->len);
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  nudge_toast_set_undo_trash (toast, self->store, entity, (const gint64 *) ids->data, ids->len);
  nudge_view_show_toast (GTK_WIDGET (self), toast);
}

/* What the List writes for its selected rows: moves them to the trash,
 * or gives them follow-ups (a cadence's steps, or one follow-up each).
 * The rows are read here; the writing, for thousands of rows, runs on a
 * worker, and the toast comes with its change set. */
typedef struct
{
  NudgeEntity  entity;
  GArray      *ids;
  gboolean     trash;
  char        *cadence;  /* or one follow-up each: */
  GPtrArray   *titles;   /* one a row */
  char        *kind;
  char        *tzid;
  gint64       due;
  int          created;  /* rows written by the worker, or -1 */
  NudgeBulkPlan *plan;   /* what a plan created, for its Undo */
} SelectionJob;

static void
selection_job_free (gpointer data)
{
  SelectionJob *job = data;

  g_array_unref (job->ids);
  g_free (job->cadence);
  g_clear_pointer (&job->titles, g_ptr_array_unref);
  g_free (job->kind);
  g_free (job->tzid);
  g_clear_pointer (&job->plan, nudge_bulk_plan_free);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SelectionJob, selection_job_free)

/* @cadence, or a follow-up of @kind in @days at 9:00 for each selected
 * row of the table on screen. */
static SelectionJob *
plan_job_new (NudgeListView  *self,
              const char     *cadence,
              const char     *kind,
              int             days,
              GError        **error)
{
  Table *table = _nudge_list_current_table (self);
  SelectionJob *job;

  if (table->entity != NUDGE_ENTITY_DEAL && table->entity != NUDGE_ENTITY_CONTACT)
    {
      g_set_error_literal (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                           cadence != NULL ? _("A cadence applies to deals or contacts")
                                           : _("Follow-ups belong to deals or contacts"));
      return NULL;
    }

  job = g_new0 (SelectionJob, 1);
  job->entity = table->entity;
  job->ids = _nudge_list_selected_ids (table);
  if (cadence != NULL)
    {
      job->cadence = g_strdup (cadence);
      return job;
    }
  {
    g_autoptr(GDateTime) now = nudge_clock_now_local ();
    g_autoptr(GDateTime) later = g_date_time_add_days (now, MAX (days, 0));
    g_autoptr(GDateTime) day = NULL;
    NudgeWorkingHours hours;

    /* "Call Tomorrow" on a Friday, or on the eve of a holiday, is a call
     * on the next working day. */
    nudge_working_hours_get (&hours);
    day = nudge_working_hours_first_working_day (&hours, later);
    g_autoptr(GDateTime) due = nudge_clock_local_new (g_date_time_get_year (day), g_date_time_get_month (day),
                                                      g_date_time_get_day_of_month (day), 9, 0, 0);

    job->kind = g_strdup (kind);
    job->due = g_date_time_to_unix (due);
    job->tzid = nudge_recurrence_default_tzid ();
  }
  job->titles = g_ptr_array_new_full (job->ids->len, g_free);
  for (guint i = 0; i < job->ids->len; i++)
    {
      gpointer record = nudge_record_list_lookup (table->records, g_array_index (job->ids, gint64, i));
      const char *name = record == NULL ? "" : table->entity == NUDGE_ENTITY_DEAL
                         ? nudge_deal_get_title (record) : nudge_contact_get_name (record);

      g_ptr_array_add (job->titles, g_str_equal (kind, "email")
                                    ? g_strdup_printf (_("E-mail about %s"), name)
                                    : g_strdup_printf (_("Call about %s"), name));
    }
  return job;
}

/* All of @job in one transaction: how many rows it wrote (a plan's
 * record kept in @job), or -1 with @error set and nothing written. */
static int
selection_job_write (NudgeStore    *store,
                     SelectionJob  *job,
                     GError       **error)
{
  if (job->trash)
    return nudge_store_trash (store, job->entity, (const gint64 *) job->ids->data, job->ids->len, error)
           ? (int) job->ids->len : -1;
  if (job->ids->len == 0)
    return 0;
  /* A whole segment becomes a plan: a few of them start each working day. */
  if (job->cadence != NULL)
    job->plan = nudge_bulk_plan_cadence (store, job->cadence, job->entity, job->ids,
                                         NUDGE_PACE_DEFAULT_DAILY_LIMIT, error);
  else
    job->plan = nudge_bulk_plan_followups (store, job->entity, job->ids, job->titles, job->kind,
                                           job->due, job->tzid, error);
  return job->plan != NULL ? (int) nudge_bulk_plan_get_n_created (job->plan) : -1;
}

static gboolean
selection_job_run (NudgeStore    *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  SelectionJob *job = data;

  job->created = selection_job_write (store, job, error);
  return job->created >= 0;
}

static char *
stacked_message (NudgeEntity entity,
                 guint       n)
{
  if (entity == NUDGE_ENTITY_DEAL)
    /* TRANSLATORS: said after "16 follow-ups created, ": a cadence was
     * applied on top of the next steps these deals already had */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u deal already had a next step",
                                         "%'u deals already had a next step", n), n);
  /* TRANSLATORS: said after "16 follow-ups created, ": a cadence was
   * applied on top of the next steps these contacts already had */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u contact already had a next step",
                                       "%'u contacts already had a next step", n), n);
}

static char *
running_message (NudgeEntity entity,
                 guint       n)
{
  if (entity == NUDGE_ENTITY_DEAL)
    /* TRANSLATORS: a cadence was not applied again to deals it still
     * runs for; may follow "16 follow-ups created, " */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u deal already runs this cadence",
                                         "%'u deals already run this cadence", n), n);
  /* TRANSLATORS: a cadence was not applied again to contacts it still
   * runs for; may follow "16 follow-ups created, " */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u contact already runs this cadence",
                                       "%'u contacts already run this cadence", n), n);
}

/* A plan's toast, with the Undo that takes back exactly what it
 * created; @job's plan goes to the toast. */
static void
show_plan_undo (NudgeListView *self,
                SelectionJob  *job)
{
  guint n = nudge_bulk_plan_get_n_created (job->plan);
  guint stacked = nudge_bulk_plan_get_n_stacked (job->plan);
  guint running = nudge_bulk_plan_get_n_running (job->plan);
  g_autofree char *created = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u follow-up created",
                                                           "%'u follow-ups created", n), n);
  g_autofree char *also = NULL;
  g_autofree char *message = NULL;

  if (job->cadence != NULL && running > 0)
    also = running_message (job->entity, running);
  /* A cadence adds a whole sequence beside a deal's next step: two plans
   * for one deal is worth knowing. */
  else if (job->cadence != NULL && stacked > 0)
    also = stacked_message (job->entity, stacked);
  /* The cadence runs for every one of them already: nothing was
   * written, so there is nothing to take back. */
  if (n == 0 && also != NULL && running > 0)
    {
      nudge_view_show_message (GTK_WIDGET (self), also);
      return;
    }
  if (also != NULL)
    /* TRANSLATORS: a toast: "16 follow-ups created" and "2 deals
     * already run this cadence" or "2 deals already had a next step" */
    message = g_strdup_printf (_("%s, %s"), created, also);
  nudge_view_show_store_undo (GTK_WIDGET (self), message != NULL ? message : created, self->store,
                              (NudgeStoreUndoFunc) nudge_bulk_plan_undo, g_steal_pointer (&job->plan),
                              (GDestroyNotify) nudge_bulk_plan_free, n);
}

static void
show_planned (NudgeListView *self,
              SelectionJob  *job,
              gboolean       cadence,
              const GError  *error)
{
  g_autofree char *message = NULL;

  if (job != NULL && job->plan != NULL)
    {
      show_plan_undo (self, job);
      return;
    }
  if (error == NULL)
    /* Nothing selected: nothing to take back. */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u follow-up created", "%'u follow-ups created", 0), 0u);
  else if (cadence)
    /* TRANSLATORS: %s is the reason, e.g. a database error */
    message = g_strdup_printf (_("Could not apply the cadence: %s"), error->message);
  else
    message = g_strdup_printf (_("Could not plan the follow-ups: %s"), error->message);
  nudge_view_show_message (GTK_WIDGET (self), message);
}

static void
show_written (NudgeListView *self,
              SelectionJob  *job,
              int            n,
              const GError  *error)
{
  if (!job->trash)
    show_planned (self, job, job->cadence != NULL, n < 0 ? error : NULL);
  else if (n < 0)
    nudge_view_show_error (GTK_WIDGET (self), _("Could Not Delete"), error);
  else
    show_deleted (self, job->entity, job->ids);
}

static void
selection_done (gpointer      owner,
                gpointer      data,
                const GError *error)
{
  NudgeListView *self = owner;
  SelectionJob *job = data;

  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    show_written (self, job, error == NULL ? job->created : -1, error);
}

static void
write_selection (NudgeListView *self,
                 SelectionJob  *job)
{
  g_autoptr(GError) error = NULL;

  if (job->ids->len > NUDGE_VIEW_BULK_ROWS)
    nudge_worker_run (self->store, selection_job_run, job, selection_job_free, NULL,
                      selection_done, self);
  else
    {
      show_written (self, job, selection_job_write (self->store, job, &error), error);
      selection_job_free (job);
    }
}

static void
plan_for_selection (NudgeListView *self,
                    const char    *cadence,
                    const char    *kind,
                    int            days)
{
  g_autoptr(GError) error = NULL;
  SelectionJob *job = plan_job_new (self, cadence, kind, days, &error);

  if (job == NULL)
    show_planned (self, NULL, cadence != NULL, error);
  else
    write_selection (self, job);
}

void
_nudge_list_delete_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  NudgeListView *self = NUDGE_LIST_VIEW (widget);
  Table *table = _nudge_list_current_table (self);
  SelectionJob *job = g_new0 (SelectionJob, 1);

  job->entity = table->entity;
  job->ids = _nudge_list_selected_ids (table);
  job->trash = TRUE;
  if (job->ids->len == 0)
    selection_job_free (job);
  else
    write_selection (self, job);
}

void
_nudge_list_apply_cadence_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  plan_for_selection (NUDGE_LIST_VIEW (widget), g_variant_get_string (parameter, NULL), NULL, 0);
}

void
_nudge_list_plan_followup_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  const char *kind;
  int days;

  g_variant_get (parameter, "(&si)", &kind, &days);
  plan_for_selection (NUDGE_LIST_VIEW (widget), NULL, kind, days);
}

/* A selection on its way to a CSV file: the selected rows are kept (in
 * the order shown), turned into data a batch at a time by the core
 * (nudge-csv-export.c: ISO dates, plain amounts beside their currency,
 * the headers the import reads, the region's separator), then the text
 * goes to the file. */
typedef struct
{
  NudgeCsvExport *csv;
  GPtrArray      *items;   /* the selected rows */
  guint           next;
  GFile          *file;
} CsvExport;

static void
csv_export_free (CsvExport *export)
{
  nudge_csv_export_free (export->csv);
  g_ptr_array_unref (export->items);
  g_object_unref (export->file);
  g_free (export);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsvExport, csv_export_free)

static CsvExport *
csv_export_new (Table *table,
                GFile *file)
{
  CsvExport *export = g_new0 (CsvExport, 1);
  GListModel *columns = gtk_column_view_get_columns (table->column_view);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (table->selection));
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GtkBitsetIter iter;
  guint position;

  /* The columns shown, in their order on screen */
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (gtk_column_view_column_get_visible (column))
        g_ptr_array_add (keys, (gpointer) _nudge_list_column_info (table, column)->key);
    }
  g_ptr_array_add (keys, NULL);

  export->csv = nudge_csv_export_new (table->entity, (const char * const *) keys->pdata);
  export->items = g_ptr_array_new_full (gtk_bitset_get_size (selected), g_object_unref);
  export->file = g_object_ref (file);
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (export->items, g_list_model_get_item (G_LIST_MODEL (table->selection), position));
  return export;
}

/* Writes the next @n rows; whether all are written. */
static gboolean
csv_export_rows (CsvExport *export,
                 guint      n)
{
  for (; export->next < export->items->len && n > 0; export->next++, n--)
    nudge_csv_export_add_record (export->csv, g_ptr_array_index (export->items, export->next));
  return export->next == export->items->len;
}

static gboolean
csv_export_write (CsvExport  *export,
                  GError    **error)
{
  gsize length;
  const char *text = nudge_csv_export_get_text (export->csv, &length);

  /* A local file keeps its permissions and gets no temp file left behind. */
  if (g_file_is_native (export->file))
    {
      g_autofree char *path = g_file_get_path (export->file);

      if (path != NULL)
        return nudge_file_write_private (path, text, length, error);
    }
  return g_file_replace_contents (export->file, text, length, NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION | G_FILE_CREATE_PRIVATE,
                                  NULL, NULL, error);
}

static void
csv_export_write_in_thread (GTask        *task,
                            gpointer      source,
                            gpointer      data,
                            GCancellable *cancellable)
{
  GError *error = NULL;

  if (csv_export_write (data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Tens of thousands of rows take a second to turn into text: a batch a
 * main-loop turn (about 10 ms), then the file is written on a thread. */
static gboolean
csv_export_step_cb (gpointer data)
{
  GTask *task = data;

  if (!csv_export_rows (g_task_get_task_data (task), 1000))
    return G_SOURCE_CONTINUE;
  g_task_run_in_thread (task, csv_export_write_in_thread);
  return G_SOURCE_REMOVE;
}

/**
 * nudge_list_view_export_selection_async:
 *
 * As nudge_list_view_export_selection(), without blocking the main loop:
 * the rows are read a batch at a time and the file written on a thread.
 * The selection is the one at the call.
 */
void
nudge_list_view_export_selection_async (NudgeListView       *self,
                                        NudgeEntity          entity,
                                        GFile               *file,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Table *table;

  g_return_if_fail (NUDGE_IS_LIST_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  table = _nudge_list_table_for_entity (self, entity);
  g_return_if_fail (table != NULL);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, nudge_list_view_export_selection_async);
  g_task_set_task_data (task, csv_export_new (table, file), (GDestroyNotify) csv_export_free);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, csv_export_step_cb, g_object_ref (task), g_object_unref);
}

/**
 * nudge_list_view_export_selection_finish:
 * @n_rows: (out) (optional): how many rows the file has
 */
gboolean
nudge_list_view_export_selection_finish (NudgeListView  *self,
                                         GAsyncResult   *result,
                                         guint          *n_rows,
                                         GError        **error)
{
  CsvExport *export;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  export = g_task_get_task_data (G_TASK (result));
  if (n_rows != NULL)
    *n_rows = nudge_csv_export_get_n_records (export->csv);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * nudge_list_view_apply_cadence:
 * @cadence: the name of a cadence
 *
 * Applies @cadence to every selected deal or contact of the table on
 * screen, all in one transaction, a few of them starting each working
 * day (nudge_cadence_apply_many()). Returns how many follow-ups it created,
 * or -1 with @error set (and nothing created).
 */
int
nudge_list_view_apply_cadence (NudgeListView  *self,
                               const char     *cadence,
                               GError        **error)
{
  g_autoptr(SelectionJob) job = NULL;

  g_return_val_if_fail (NUDGE_IS_LIST_VIEW (self), -1);
  g_return_val_if_fail (cadence != NULL, -1);

  job = plan_job_new (self, cadence, NULL, 0, error);
  return job != NULL ? selection_job_write (self->store, job, error) : -1;
}

/**
 * nudge_list_view_plan_followups:
 * @kind: "call", "email", "meeting" or "task"
 * @days: due that many days from today (or on the first working day
 *   after, see nudge_working_hours_first_working_day()), at 09:00 local
 *   time
 *
 * Adds one follow-up to every selected deal or contact of the table on
 * screen, in one transaction. Returns how many, or -1 with @error set
 * (and nothing created).
 */
int
nudge_list_view_plan_followups (NudgeListView  *self,
                                const char     *kind,
                                int             days,
                                GError        **error)
{
  g_autoptr(SelectionJob) job = NULL;

  g_return_val_if_fail (NUDGE_IS_LIST_VIEW (self), -1);
  g_return_val_if_fail (kind != NULL, -1);

  job = plan_job_new (self, NULL, kind, days, error);
  return job != NULL ? selection_job_write (self->store, job, error) : -1;
}

/**
 * nudge_list_view_export_selection:
 * @entity: the table
 * @file: where to write
 *
 * Writes the selected rows of a table, in the order shown and with the
 * columns shown, as CSV data (nudge_csv_export_new(): RFC 4180, UTF-8
 * with a BOM, the headers the import reads, the region's separator).
 */
gboolean
nudge_list_view_export_selection (NudgeListView  *self,
                                  NudgeEntity     entity,
                                  GFile          *file,
                                  GError        **error)
{
  g_autoptr(CsvExport) export = NULL;
  Table *table;

  g_return_val_if_fail (NUDGE_IS_LIST_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  table = _nudge_list_table_for_entity (self, entity);
  g_return_val_if_fail (table != NULL, FALSE);

  export = csv_export_new (table, file);
  csv_export_rows (export, G_MAXUINT);
  return csv_export_write (export, error);
}
