/* nudge-import-preview.c — what a file would do to the book, before it
 * is imported
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is read as the import reads it, on a worker, as a dry run
 * (nudge_import_file_with_options()): the format it was recognised as,
 * each column and the field it fills (a drop-down per column), how many
 * rows are new, would update a record, change nothing or are wrong, and
 * the first rows as they would be imported. Changing a column's field
 * counts again on a worker; the window never waits for it. Import hands
 * the mapping to whoever opened the preview ("import"), and the lines of
 * the rows found wrong, which the import leaves out; those rows can be
 * saved first as a file of their own, to correct and import again.
 */

#define G_LOG_DOMAIN "nudge-import-preview"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nudge-currency.h"
#include "nudge-dialogs.h"
#include "nudge-import.h"
#include "nudge-import-preview.h"
#include "nudge-worker.h"

#define N_PREVIEW_ROWS 8
#define N_ERROR_ROWS   20

struct _NudgeImportPreview
{
  AdwWindow          parent_instance;

  NudgeContext      *context;
  NudgeStore        *store;           /* the context's */
  NudgeEntity        entity;
  GFile             *file;
  char              *currency;
  GCancellable      *cancellable;     /* of the count under way */
  guint              generation;      /* of the count the window waits for */
  gboolean           busy;
  gboolean           building;        /* the column rows are being made */
  guint              n_new, n_updated, n_unchanged, n_errors;
  GPtrArray         *fields;          /* NudgeImportField, after "Ignore" in every drop-down */
  GPtrArray         *column_rows;     /* AdwComboRow, one per file column */
  GPtrArray         *column_names;    /* char *, each column's name as the file has it */
  GPtrArray         *error_rows;
  GPtrArray         *preview_rows;
  GArray            *error_lines;     /* guint: of the rows the last count found wrong */
  char              *checksum;        /* of the file as the last count read it */
  GFileMonitor      *monitor;         /* the file saved again: counted again */
  guint              recount_id;
  GBytes            *error_file;      /* those rows as a CSV file, or NULL */

  GtkWidget         *window_title;
  GtkWidget         *import_button;
  GtkWidget         *summary_group;
  GtkWidget         *spinner;
  GtkWidget         *new_label;
  GtkWidget         *updated_row;
  GtkWidget         *updated_label;
  GtkWidget         *unchanged_label;
  GtkWidget         *errors_label;
  GtkWidget         *errors_row;
  GtkWidget         *save_errors_row;
  GtkWidget         *mapping_group;
  GtkWidget         *rows_group;
};

G_DEFINE_FINAL_TYPE (NudgeImportPreview, nudge_import_preview, ADW_TYPE_WINDOW)

enum {
  SIGNAL_IMPORT,
  SIGNAL_COUNTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  guint               generation;
  NudgeEntity         entity;
  GFile              *file;
  char               *currency;
  GHashTable         *mapping;
  NudgeImportResult   result;
  GBytes             *error_file;
} CountJob;

static void
count_job_free (gpointer data)
{
  CountJob *job = data;

  nudge_import_result_clear (&job->result);
  g_clear_pointer (&job->error_file, g_bytes_unref);
  g_clear_object (&job->file);
  g_clear_pointer (&job->mapping, g_hash_table_unref);
  g_free (job->currency);
  g_free (job);
}

static gboolean
count_job (NudgeStore    *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  CountJob *job = data;
  NudgeImportOptions options = { TRUE, job->mapping, N_PREVIEW_ROWS };

  if (!nudge_import_file_with_options (store, job->entity, job->file, job->currency, &options,
                                       cancellable, &job->result, error))
    return FALSE;
  job->error_file = nudge_import_write_error_rows (&job->result);
  return TRUE;
}

static const char *
state_label (NudgeImportRowState state)
{
  switch (state)
    {
    case NUDGE_IMPORT_ROW_NEW: return _("New");
    case NUDGE_IMPORT_ROW_UPDATED: return _("Updated");
    case NUDGE_IMPORT_ROW_UNCHANGED: return _("Unchanged");
    case NUDGE_IMPORT_ROW_ERROR:
    default: return _("Error");
    }
}

static void
clear_rows (GPtrArray *rows,
            GtkWidget *group)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (ADW_IS_EXPANDER_ROW (group))
        adw_expander_row_remove (ADW_EXPANDER_ROW (group), row);
      else
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (rows, 0);
}

/* The count at a row's end is read by a screen reader with the row's
 * title, which alone names it ("New"): "New: 12". */
static void
set_count (GtkWidget *label,
           guint      n)
{
  GtkWidget *row = gtk_widget_get_ancestor (label, ADW_TYPE_PREFERENCES_ROW);
  g_autofree char *text = g_strdup_printf ("%u", n);
  g_autofree char *name = NULL;

  gtk_label_set_label (GTK_LABEL (label), text);
  g_assert (row != NULL);
  /* Translators: a count of the import preview as a screen reader says
   * it: the row's title, then the number, e.g. "New: 12" */
  name = g_strdup_printf (_("%s: %u"), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), n);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* Import says what it does: with rows found wrong, that it leaves them
 * out; a file the whole of which is wrong imports nothing. */
static void
update_import_button (NudgeImportPreview *self)
{
  guint n_skipped = self->error_lines != NULL ? self->error_lines->len : 0;
  gboolean can_import = !self->busy && self->n_new + self->n_updated > 0 && n_skipped == self->n_errors;
  g_autofree char *label = NULL;
  g_autofree char *tooltip = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.import", can_import);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.save-errors", !self->busy && self->error_file != NULL);
  if (can_import && n_skipped > 0)
    {
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Import and Skip %'u Row", "_Import and Skip %'u Rows",
                                            n_skipped), n_skipped);
      tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Imports the other rows; the row with an error is left out",
                                              "Imports the other rows; the %u rows with errors are left out",
                                              n_skipped), n_skipped);
    }
  gtk_button_set_label (GTK_BUTTON (self->import_button), label != NULL ? label : _("_Import"));
  if (self->busy)
    gtk_widget_set_tooltip_text (self->import_button, _("Counting the rows…"));
  else if (tooltip != NULL)
    gtk_widget_set_tooltip_text (self->import_button, tooltip);
  else if (self->n_errors > 0)
    gtk_widget_set_tooltip_text (self->import_button, _("No row of the file can be imported as it is"));
  else if (!can_import)
    gtk_widget_set_tooltip_text (self->import_button, _("The book has everything the file holds"));
  else
    gtk_widget_set_tooltip_text (self->import_button, NULL);
}

static void
set_busy (NudgeImportPreview *self,
          gboolean            busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  gtk_widget_set_visible (self->spinner, busy);
  update_import_button (self);
}

static void count_again (NudgeImportPreview *self);

static void
column_selected_cb (AdwComboRow        *row,
                    GParamSpec         *pspec,
                    NudgeImportPreview *self)
{
  if (!self->building)
    count_again (self);
}

/* One drop-down per column of the file: "Ignore", then the fields */
static void
build_column_rows (NudgeImportPreview *self,
                   GPtrArray          *columns)
{
  self->building = TRUE;
  for (guint c = 0; c < columns->len; c++)
    {
      NudgeImportColumn *column = g_ptr_array_index (columns, c);
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
      GtkWidget *row = adw_combo_row_new ();
      guint selected = 0;

      gtk_string_list_append (labels, _("Ignore"));
      for (guint i = 0; i < self->fields->len; i++)
        {
          NudgeImportField *field = g_ptr_array_index (self->fields, i);

          gtk_string_list_append (labels, field->label);
          if (g_str_equal (field->key, column->field))
            selected = i + 1;
        }
      /* The title is the column's name as the file has it, markup and
       * all; a column without one is named by its place, which is also
       * what a screen reader says for its drop-down. */
      if (*column->name != '\0')
        {
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), column->name);
        }
      else
        {
          /* Translators: a column of the imported file with nothing in
           * its first row; %u is its place, counted from 1 */
          g_autofree char *title = g_strdup_printf (_("Column %u"), c + 1);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), column->sample);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
      g_signal_connect (row, "notify::selected", G_CALLBACK (column_selected_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->mapping_group), row);
      g_ptr_array_add (self->column_rows, row);
      g_ptr_array_add (self->column_names, g_strdup (column->name));
    }
  gtk_widget_set_visible (self->mapping_group, columns->len > 0);
  self->building = FALSE;
}

static void
show_result (NudgeImportPreview *self,
             NudgeImportResult  *result)
{
  self->n_new = result->n_new;
  self->n_updated = result->n_updated;
  self->n_unchanged = result->n_unchanged;
  self->n_errors = result->n_errors;
  g_clear_pointer (&self->error_lines, g_array_unref);
  if (result->error_lines != NULL)
    self->error_lines = g_array_ref (result->error_lines);
  g_free (self->checksum);
  self->checksum = g_strdup (result->checksum);
  gtk_widget_set_visible (self->save_errors_row, self->error_file != NULL);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->save_errors_row),
                               _("Saves these rows as the file has them, with what is wrong in an added last column"));
  set_count (self->new_label, self->n_new);
  set_count (self->updated_label, self->n_updated);
  set_count (self->unchanged_label, self->n_unchanged);
  set_count (self->errors_label, self->n_errors);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self->errors_row), self->n_errors > 0);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self->errors_row), self->n_errors > 0);
  if (self->n_errors > 0)
    gtk_widget_add_css_class (self->errors_label, "error");
  else
    gtk_widget_remove_css_class (self->errors_label, "error");

  if (result->format_message != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->summary_group), result->format_message);
  else
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->summary_group),
                                           _("Read as a spreadsheet, by its column names"));

  if (self->column_rows->len == 0 && result->columns != NULL)
    build_column_rows (self, result->columns);

  clear_rows (self->error_rows, self->errors_row);
  for (guint i = 0; result->errors != NULL && i < result->errors->len && i < N_ERROR_ROWS; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (result->errors, i));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self->errors_row), row);
      g_ptr_array_add (self->error_rows, row);
    }
  /* The rest are counted; the saved file has every one. */
  if (result->errors != NULL && result->errors->len > N_ERROR_ROWS)
    {
      guint n_more = result->errors->len - N_ERROR_ROWS;
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %'u more row with errors",
                                                          "And %'u more rows with errors", n_more),
                                                n_more);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (self->error_file != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Save Rows with Errors… writes every one of them"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self->errors_row), row);
      g_ptr_array_add (self->error_rows, row);
    }

  clear_rows (self->preview_rows, self->rows_group);
  for (guint i = 0; result->preview_rows != NULL && i < result->preview_rows->len; i++)
    {
      NudgeImportPreviewRow *preview = g_ptr_array_index (result->preview_rows, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *state = gtk_label_new (state_label (preview->state));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *preview->name != '\0' ? preview->name : "—");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), preview->detail);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_widget_add_css_class (state, "caption");
      if (preview->state == NUDGE_IMPORT_ROW_ERROR)
        gtk_widget_add_css_class (state, "error");
      else if (preview->state != NUDGE_IMPORT_ROW_UNCHANGED)
        gtk_widget_add_css_class (state, "accent");
      else
        gtk_widget_add_css_class (state, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->rows_group), row);
      g_ptr_array_add (self->preview_rows, row);
    }
  gtk_widget_set_visible (self->rows_group, self->preview_rows->len > 0);
}

static void
show_error (NudgeImportPreview *self,
            const GError       *error)
{
  self->n_new = self->n_updated = self->n_unchanged = 0;
  self->n_errors = 1;
  g_clear_pointer (&self->error_lines, g_array_unref);
  g_clear_pointer (&self->error_file, g_bytes_unref);
  gtk_widget_set_visible (self->save_errors_row, FALSE);
  set_count (self->new_label, 0);
  set_count (self->updated_label, 0);
  set_count (self->unchanged_label, 0);
  set_count (self->errors_label, 1);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->summary_group), error->message);
  clear_rows (self->error_rows, self->errors_row);
  /* The message above is the whole of it: nothing to expand. */
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self->errors_row), FALSE);
  clear_rows (self->preview_rows, self->rows_group);
  gtk_widget_set_visible (self->rows_group, FALSE);
}

static void
counted (gpointer      owner,
         gpointer      data,
         const GError *error)
{
  NudgeImportPreview *self = owner;
  CountJob *job = data;

  /* A count the mapping has moved on from, or a closed window */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || job->generation != self->generation)
    return;
  set_busy (self, FALSE);
  g_clear_pointer (&self->error_file, g_bytes_unref);
  if (error == NULL)
    {
      self->error_file = g_steal_pointer (&job->error_file);
      show_result (self, &job->result);
    }
  else
    {
      /* No column taken for the name: the user can still say which. */
      if (self->column_rows->len == 0 && job->result.columns != NULL)
        build_column_rows (self, job->result.columns);
      show_error (self, error);
    }
  update_import_button (self);
  g_signal_emit (self, signals[SIGNAL_COUNTED], 0);
}

/**
 * nudge_import_preview_dup_mapping:
 *
 * Returns: (transfer full): each column of the file → the key of the
 *   field chosen for it, or "ignore"
 */
GHashTable *
nudge_import_preview_dup_mapping (NudgeImportPreview *self)
{
  GHashTable *mapping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_return_val_if_fail (NUDGE_IS_IMPORT_PREVIEW (self), mapping);

  for (guint i = 0; i < self->column_rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->column_rows, i);
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));
      const char *key = "ignore";

      if (selected > 0 && selected <= self->fields->len)
        key = ((NudgeImportField *) g_ptr_array_index (self->fields, selected - 1))->key;
      g_hash_table_insert (mapping, g_strdup (g_ptr_array_index (self->column_names, i)), g_strdup (key));
    }
  return mapping;
}

/* Counts on a worker with the mapping as it stands; a count still
 * under way is cancelled, and its answer dropped. */
static void
count_again (NudgeImportPreview *self)
{
  CountJob *job = g_new0 (CountJob, 1);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  job->generation = ++self->generation;
  job->entity = self->entity;
  job->file = g_object_ref (self->file);
  job->currency = g_strdup (self->currency);
  job->mapping = self->column_rows->len > 0 ? nudge_import_preview_dup_mapping (self) : NULL;
  set_busy (self, TRUE);
  nudge_worker_run (self->store, count_job, job, count_job_free, self->cancellable, counted, self);
}

static gboolean
recount_cb (gpointer data)
{
  NudgeImportPreview *self = data;

  self->recount_id = 0;
  count_again (self);
  return G_SOURCE_REMOVE;
}

/* The seller corrects the file in a spreadsheet and saves it (in place,
 * or as a new file renamed over it) while the window is open: what it
 * says, and which rows Import leaves out, follow the file. A save comes
 * as several events: one count, a moment after the last. */
static void
file_changed_cb (GFileMonitor       *monitor,
                 GFile              *file,
                 GFile              *other_file,
                 GFileMonitorEvent   event,
                 NudgeImportPreview *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_RENAMED:
      g_clear_handle_id (&self->recount_id, g_source_remove);
      self->recount_id = g_timeout_add (250, recount_cb, self);
      break;
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    default:
      break;
    }
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NudgeImportPreview *self = NUDGE_IMPORT_PREVIEW (widget);
  g_autoptr(GHashTable) mapping = nudge_import_preview_dup_mapping (self);

  g_signal_emit (self, signals[SIGNAL_IMPORT], 0, mapping);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- the rows with errors, as a file --------------------------------------- */

static void
errors_saved_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      data)
{
  g_autoptr(NudgeImportPreview) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  g_autofree char *text = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), res, NULL, &error))
    {
      if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
        nudge_error_dialog_present (GTK_WINDOW (self), _("Could Not Save the Rows with Errors"), error->message);
      return;
    }
  where = g_file_get_parse_name (G_FILE (source));
  /* Translators: where the rows with errors went, e.g. "Saved to /home/jana/deals-errors.csv" */
  text = g_strdup_printf (_("Saved to %s"), where);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->save_errors_row), text);
}

/* Written whole or not at all: a file that was there stays as it was
 * when the new one cannot be written. */
static void
save_errors_to (gpointer  owner,
                GFile    *file)
{
  NudgeImportPreview *self = owner;

  if (self->error_file == NULL)
    return;
  g_file_replace_contents_bytes_async (file, self->error_file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, errors_saved_cb, g_object_ref (self));
}

/* "deals.csv" → "deals-errors.csv" */
static char *
errors_file_name (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  char *dot = strrchr (name, '.');

  if (dot != NULL && dot != name)
    *dot = '\0';
  /* Translators: the name offered for a file of the rows an import left
   * out; %s is the imported file's name without ".csv", e.g. "deals" */
  return g_strdup_printf (_("%s-errors.csv"), name);
}

static void
save_errors_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  NudgeImportPreview *self = NUDGE_IMPORT_PREVIEW (widget);
  g_autoptr(GFile) folder = g_file_get_parent (self->file);
  g_autofree char *name = errors_file_name (self->file);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooser *chooser;

  chooser = nudge_file_chooser_new (GTK_WINDOW (self), _("Save Rows with Errors"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                    _("_Save"), self, save_errors_to);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (chooser, filter);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);
  gtk_file_chooser_set_current_name (chooser, name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
nudge_import_preview_dispose (GObject *object)
{
  NudgeImportPreview *self = NUDGE_IMPORT_PREVIEW (object);

  /* A count still under way finds its window gone */
  self->generation++;
  g_clear_handle_id (&self->recount_id, g_source_remove);
  if (self->monitor != NULL)
    g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_IMPORT_PREVIEW);
  G_OBJECT_CLASS (nudge_import_preview_parent_class)->dispose (object);
}

static void
nudge_import_preview_finalize (GObject *object)
{
  NudgeImportPreview *self = NUDGE_IMPORT_PREVIEW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_object (&self->file);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_pointer (&self->column_names, g_ptr_array_unref);
  g_clear_pointer (&self->error_rows, g_ptr_array_unref);
  g_clear_pointer (&self->preview_rows, g_ptr_array_unref);
  g_clear_pointer (&self->error_lines, g_array_unref);
  g_clear_pointer (&self->checksum, g_free);
  g_clear_pointer (&self->error_file, g_bytes_unref);
  G_OBJECT_CLASS (nudge_import_preview_parent_class)->finalize (object);
}

static void
nudge_import_preview_class_init (NudgeImportPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nudge_import_preview_dispose;
  object_class->finalize = nudge_import_preview_finalize;
  nudge_dialogs_install_context_property (object_class, G_STRUCT_OFFSET (NudgeImportPreview, context),
                                          G_STRUCT_OFFSET (NudgeImportPreview, store));

  /**
   * NudgeImportPreview::import:
   * @mapping: each file column → a field key or "ignore"
   *
   * Import was pressed; the window closes after.
   */
  signals[SIGNAL_IMPORT] = g_signal_new ("import", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_HASH_TABLE);
  /* A count has been shown (for tests and tools) */
  signals[SIGNAL_COUNTED] = g_signal_new ("counted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/nudgecrm/Nudge/ui/nudge-import-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeImportPreview, window_title);
  gtk_widget_class_bind_template_child (widget_class, NudgeImportPreview, import_button);
  gtk_widget_class_bind_template_child (widget_class, NudgeImportPreview, summary_group);
  gtk_widget_class_bind_template_child (widget_class, NudgeImportPreview, spinner);
  gtk_widget_class_bind_template_child (widget_class, NudgeImportPreview, new_label);
  gtk_widget_class_bind_template_child (widget_class, NudgeImportPreview, updated_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeImportPreview, updated_label);
  gtk_widget_class_bind_template_child (widget_class, NudgeImportPreview, unchanged_label);
  gtk_widget_class_bind_template_child (widget_class, NudgeImportPreview, errors_label);
  gtk_widget_class_bind_template_child (widget_class, NudgeImportPreview, errors_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeImportPreview, save_errors_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeImportPreview, mapping_group);
  gtk_widget_class_bind_template_child (widget_class, NudgeImportPreview, rows_group);
  gtk_widget_class_install_action (widget_class, "preview.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "preview.save-errors", NULL, save_errors_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
nudge_import_preview_init (NudgeImportPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->column_rows = g_ptr_array_new ();
  self->column_names = g_ptr_array_new_with_free_func (g_free);
  self->error_rows = g_ptr_array_new ();
  self->preview_rows = g_ptr_array_new ();
}

/**
 * nudge_import_preview_new:
 *
 * A window that counts what importing @file as @entity would do, and
 * starts counting at once.
 */
GtkWidget *
nudge_import_preview_new (GtkWindow    *parent,
                          NudgeContext *context,
                          NudgeEntity   entity,
                          GFile        *file,
                          const char   *default_currency)
{
  NudgeImportPreview *self;
  g_autofree char *name = NULL;
  const char *title;

  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (NUDGE_TYPE_IMPORT_PREVIEW, "transient-for", parent, "context", context, NULL);
  self->entity = entity;
  self->file = g_object_ref (file);
  self->currency = default_currency != NULL ? g_strdup (default_currency) : nudge_currency_locale_default ();
  self->fields = nudge_import_list_fields (entity);

  switch (entity)
    {
    case NUDGE_ENTITY_COMPANY: title = _("Import Companies"); break;
    case NUDGE_ENTITY_CONTACT: title = _("Import Contacts"); break;
    case NUDGE_ENTITY_DEAL: title = _("Import Deals"); break;
    default: title = _("Import Activities"); break;
    }
  name = g_file_get_basename (file);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (ADW_WINDOW_TITLE (self->window_title), title);
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->window_title), name);
  gtk_widget_set_visible (self->mapping_group, FALSE);
  gtk_widget_set_visible (self->rows_group, FALSE);
  gtk_widget_set_visible (self->save_errors_row, FALSE);
  count_again (self);
  /* Not every file system can tell: then the import's checksum still
   * refuses a file changed since. */
  if ((self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL)) != NULL)
    g_signal_connect_object (self->monitor, "changed", G_CALLBACK (file_changed_cb), self, 0);
  return GTK_WIDGET (self);
}

/**
 * nudge_import_preview_get_checksum:
 *
 * Returns: (nullable): the checksum of the file as the last count read
 *   it, for NudgeImportOptions.expected_checksum
 */
const char *
nudge_import_preview_get_checksum (NudgeImportPreview *self)
{
  g_return_val_if_fail (NUDGE_IS_IMPORT_PREVIEW (self), NULL);

  return self->checksum;
}

/**
 * nudge_import_preview_get_skip_lines:
 *
 * Returns: (transfer none) (nullable): guint, the lines of the rows the
 *   last count found wrong, which Import leaves out; NULL for none
 */
GArray *
nudge_import_preview_get_skip_lines (NudgeImportPreview *self)
{
  g_return_val_if_fail (NUDGE_IS_IMPORT_PREVIEW (self), NULL);

  return self->error_lines != NULL && self->error_lines->len > 0 ? self->error_lines : NULL;
}

NudgeEntity
nudge_import_preview_get_entity (NudgeImportPreview *self)
{
  g_return_val_if_fail (NUDGE_IS_IMPORT_PREVIEW (self), NUDGE_ENTITY_CONTACT);

  return self->entity;
}

GFile *
nudge_import_preview_get_file (NudgeImportPreview *self)
{
  g_return_val_if_fail (NUDGE_IS_IMPORT_PREVIEW (self), NULL);

  return self->file;
}

gboolean
nudge_import_preview_is_busy (NudgeImportPreview *self)
{
  g_return_val_if_fail (NUDGE_IS_IMPORT_PREVIEW (self), FALSE);

  return self->busy;
}

void
nudge_import_preview_get_counts (NudgeImportPreview *self,
                                 guint              *n_new,
                                 guint              *n_updated,
                                 guint              *n_unchanged,
                                 guint              *n_errors)
{
  g_return_if_fail (NUDGE_IS_IMPORT_PREVIEW (self));

  *n_new = self->n_new;
  *n_updated = self->n_updated;
  *n_unchanged = self->n_unchanged;
  *n_errors = self->n_errors;
}

/**
 * nudge_import_preview_set_column_field:
 * @field_key: a key of nudge_import_list_fields(), or "ignore"
 *
 * Chooses in @column's drop-down, as a person would; counts again.
 */
gboolean
nudge_import_preview_set_column_field (NudgeImportPreview *self,
                                       const char         *column,
                                       const char         *field_key)
{
  g_return_val_if_fail (NUDGE_IS_IMPORT_PREVIEW (self), FALSE);

  for (guint i = 0; i < self->column_rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->column_rows, i);

      if (!g_str_equal (g_ptr_array_index (self->column_names, i), column))
        continue;
      if (g_str_equal (field_key, "ignore"))
        {
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
          return TRUE;
        }
      for (guint f = 0; f < self->fields->len; f++)
        if (g_str_equal (((NudgeImportField *) g_ptr_array_index (self->fields, f))->key, field_key))
          {
            adw_combo_row_set_selected (ADW_COMBO_ROW (row), f + 1);
            return TRUE;
          }
    }
  return FALSE;
}
