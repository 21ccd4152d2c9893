/* nudge-list-import.c — the List view's CSV import: on a worker with a
 * backup first, a progress bar and Cancel, and a toast with Undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-list-view"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-automation.h"
#include "nudge-backup.h"
#include "nudge-clock.h"
#include "nudge-currency.h"
#include "nudge-file.h"
#include "nudge-format.h"
#include "nudge-dialogs.h"
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

/* Says what an import added and updated, in a toast whose Undo takes
 * it back (nudge_import_undo()). */
static void
announce_import (NudgeListView     *self,
                 NudgeEntity        entity,
                 NudgeImportResult *result)
{
  g_autoptr(GString) message = NULL;
  NudgeImportUndo *undo;

  {
    g_autofree char *count = _nudge_list_imported_message (entity, result->n_records);

    message = g_string_new (count);
  }
  if (result->n_companies_added > 0)
    g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, ", %'u new company", ", %'u new companies",
                                                  result->n_companies_added),
                            result->n_companies_added);

  if (result->n_updated > 0)
    g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, ", %'u updated", ", %'u updated",
                                                  result->n_updated), result->n_updated);
  if (result->n_skipped > 0)
    /* Translators: after "120 deals imported", the rows with errors the import left out */
    g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, ", %'u row skipped", ", %'u rows skipped",
                                                  result->n_skipped), result->n_skipped);

  if (result->format_message != NULL)
    g_string_append_printf (message, " · %s", result->format_message);
  if (result->created->len > 0)
    {
      g_autoptr(GString) created = g_string_new (NULL);

      for (guint i = 0; i < result->created->len; i++)
        g_string_append_printf (created, "%s%s", i ? ", " : "", (char *) g_ptr_array_index (result->created, i));
      /* Translators: after "12 deals imported", the stages the rows needed, e.g. stage “Demo” in “Sales” */
      g_string_append_printf (message, _(" · created: %s"), created->str);
    }
  if (result->ignored_columns->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < result->ignored_columns->len; i++)
        g_string_append_printf (names, "%s%s", i ? ", " : "", (char *) g_ptr_array_index (result->ignored_columns, i));
      /* Translators: after "12 contacts imported", the columns Nudge has no field for, e.g. "City, Region" */
      g_string_append_printf (message, _(" · left out: %s"), names->str);
    }
  if (result->converted_from != NULL)
    /* Translators: after "12 contacts imported", the file's encoding, e.g. WINDOWS-1250 */
    g_string_append_printf (message, _(" (read as %s)"), result->converted_from);

  undo = nudge_import_undo_new (entity, result);
  nudge_view_show_store_undo (GTK_WIDGET (self), message->str, self->store,
                              (NudgeStoreUndoFunc) nudge_import_undo, undo,
                              (GDestroyNotify) nudge_import_undo_free, nudge_import_undo_get_size (undo));
}

/* ---- importing on a worker -------------------------------------------- */

struct _ImportJob
{
  NudgeEntity        entity;
  GFile             *file;
  char              *currency;
  NudgeImportResult  result;
  gint               permille;     /* progress, written by the worker */
  GHashTable        *mapping;      /* file column → field, from the preview; or NULL */
  GArray            *skip_lines;   /* guint: the lines of the rows the preview found wrong; or NULL */
  char              *checksum;     /* of the file as the preview read it; or NULL */
};

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  nudge_import_result_clear (&job->result);
  g_clear_pointer (&job->mapping, g_hash_table_unref);
  g_clear_pointer (&job->skip_lines, g_array_unref);
  g_free (job->checksum);
  g_clear_object (&job->file);
  g_free (job->currency);
  g_free (job);
}

static void
import_progress_cb (double   fraction,
                    gpointer data)
{
  ImportJob *job = data;

  g_atomic_int_set (&job->permille, (gint) (CLAMP (fraction, 0, 1) * 1000));
}

static gboolean
backup_before_import (NudgeStore  *store,
                      GFile       *file,
                      GError     **error)
{
  g_autofree char *copy = NULL;

  if (!g_file_query_exists (file, NULL) || nudge_store_is_empty (store))
    return TRUE;
  copy = nudge_backup_create (store, NULL, "import", error);
  return copy != NULL;
}

static gboolean
import_job (NudgeStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ImportJob *job = data;

  /* A copy first (Preferences → Backups), for more than Undo can reach. */
  if (!backup_before_import (store, job->file, error))
    return FALSE;
  NudgeImportOptions options = { FALSE, job->mapping, 0, import_progress_cb, job, job->skip_lines, job->checksum };

  return nudge_import_file_with_options (store, job->entity, job->file, job->currency, &options,
                                         cancellable, &job->result, error);
}

static gboolean
import_pulse_cb (gpointer data)
{
  NudgeListView *self = data;
  gint permille = self->import_job != NULL ? g_atomic_int_get (&self->import_job->permille) : 0;

  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->import_progress), permille / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
finish_import_ui (NudgeListView *self)
{
  g_clear_handle_id (&self->import_pulse_id, g_source_remove);
  g_clear_object (&self->import_cancellable);
  self->import_job = NULL;
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->import_bar), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.import-csv", TRUE);
}

static void
show_import_error (NudgeListView *self,
                   const GError  *error)
{
  nudge_error_dialog_present (nudge_view_parent_window (GTK_WIDGET (self)),
                              _("Could Not Import the File"), error->message);
}

static void
import_done (gpointer      owner,
             gpointer      data,
             const GError *error)
{
  NudgeListView *self = owner;
  ImportJob *job = data;

  finish_import_ui (self);
  if (error == NULL)
    announce_import (self, job->entity, &job->result);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    nudge_view_show_message (GTK_WIDGET (self), _("Import cancelled; nothing was added"));
  else if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    show_import_error (self, error);
  if (self->import_done_hook != NULL)
    self->import_done_hook (self, error == NULL, error, self->import_done_data);
}

void
cancel_import_cb (NudgeListView *self)
{
  g_cancellable_cancel (self->import_cancellable);
}

/* As nudge_list_view_import_file_async(), each column of the file read
 * as @mapping says, and the rows on @skip_lines (nullable; the
 * preview's, which found them wrong) left out: any other bad row still
 * stops the import, as does a file that no longer has the @checksum
 * (nullable) the preview read. */
static void
import_file (NudgeListView *self,
             NudgeEntity    entity,
             GFile         *file,
             GHashTable    *mapping,
             GArray        *skip_lines,
             const char    *checksum)
{
  ImportJob *job;

  g_return_if_fail (NUDGE_IS_LIST_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->import_job != NULL)
    return;

  job = g_new0 (ImportJob, 1);
  job->entity = entity;
  job->file = g_object_ref (file);
  job->mapping = mapping != NULL ? g_hash_table_ref (mapping) : NULL;
  job->skip_lines = skip_lines != NULL && skip_lines->len > 0 ? g_array_ref (skip_lines) : NULL;
  job->checksum = g_strdup (checksum);
  job->currency = nudge_currency_for_new_deals (self->settings);
  self->import_job = job;
  self->import_cancellable = g_cancellable_new ();

  {
    g_autofree char *name = g_file_get_basename (file);
    /* Translators: shown above the table while a file is imported */
    g_autofree char *text = g_strdup_printf (_("Importing %s…"), name);

    gtk_label_set_label (GTK_LABEL (self->import_label), text);
  }
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->import_progress), 0);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->import_bar), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.import-csv", FALSE);
  self->import_pulse_id = g_timeout_add (100, import_pulse_cb, self);

  nudge_worker_run (self->store, import_job, job, import_job_free, self->import_cancellable,
                    import_done, self);
}

/**
 * nudge_list_view_import_file_async:
 *
 * Imports @file on a worker thread, with a progress bar and Cancel above
 * the table; a toast with Undo says what was added, a dialog why not.
 */
void
nudge_list_view_import_file_async (NudgeListView *self,
                                   NudgeEntity    entity,
                                   GFile         *file)
{
  import_file (self, entity, file, NULL, NULL, NULL);
}

/**
 * nudge_list_view_import_previewed:
 * @mapping: the preview's (nudge_import_preview_dup_mapping())
 *
 * Imports what @preview counted: its file as its entity, each column
 * as @mapping says, the rows it found wrong left out; a file saved
 * again since the count is refused.
 */
void
nudge_list_view_import_previewed (NudgeListView      *self,
                                  NudgeImportPreview *preview,
                                  GHashTable         *mapping)
{
  g_return_if_fail (NUDGE_IS_IMPORT_PREVIEW (preview));

  import_file (self, nudge_import_preview_get_entity (preview), nudge_import_preview_get_file (preview), mapping,
               nudge_import_preview_get_skip_lines (preview), nudge_import_preview_get_checksum (preview));
}

/* For tests and tools: called when an import started from the view ends. */
void
nudge_list_view_set_import_done_hook (NudgeListView         *self,
                                      NudgeListViewImportDone hook,
                                      gpointer               data)
{
  g_return_if_fail (NUDGE_IS_LIST_VIEW (self));

  self->import_done_hook = hook;
  self->import_done_data = data;
}

void
nudge_list_view_cancel_import (NudgeListView *self)
{
  g_return_if_fail (NUDGE_IS_LIST_VIEW (self));

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

/**
 * nudge_list_view_import_file:
 *
 * Adds the rows of a CSV @file as records of @entity, all or nothing, and
 * says so in a toast with Undo. On error nothing is added. Waits for the
 * import: for tools; the view itself imports on a worker.
 */
gboolean
nudge_list_view_import_file (NudgeListView  *self,
                             NudgeEntity     entity,
                             GFile          *file,
                             GError        **error)
{
  g_autofree char *currency = NULL;
  NudgeImportResult result = { 0 };

  g_return_val_if_fail (NUDGE_IS_LIST_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  currency = nudge_currency_for_new_deals (self->settings);
  if (!backup_before_import (self->store, file, error))
    return FALSE;
  if (!nudge_import_csv_file (self->store, entity, file, currency, NULL, &result, error))
    {
      nudge_import_result_clear (&result);
      return FALSE;
    }
  announce_import (self, entity, &result);
  nudge_import_result_clear (&result);
  return TRUE;
}
