/* nudge-eml-drop.c
 *
 * Dragging messages from the mail client (Thunderbird, Evolution and
 * Geary drop .eml files; a whole folder exports as an mbox) onto Nudge
 * logs them, so the timeline holds the e-mail side of the story without
 * typing. The reading runs on a worker: an mbox of years of mail must
 * not freeze the window. Which messages are the user's own comes from
 * the addresses in Preferences.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-eml-drop"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nudge-eml.h"
#include "nudge-eml-drop.h"
#include "nudge-view-actions.h"
#include "nudge-worker.h"

typedef struct
{
  NudgeStore      *store;
  GPtrArray       *files;          /* GFile */
  GStrv            own_addresses;
  gint64           deal_id;
  gint64           contact_id;
  NudgeEmlResult   result;
  AdwToastOverlay *overlay;        /* weak */
  GCallback        done;
  gpointer         done_data;
} DropJob;

static void
drop_job_free (gpointer data)
{
  DropJob *job = data;

  g_object_unref (job->store);
  g_ptr_array_unref (job->files);
  g_strfreev (job->own_addresses);
  nudge_eml_result_clear (&job->result);
  g_clear_weak_pointer (&job->overlay);
  g_free (job);
}

static GStrv
read_own_addresses (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE)) ||
      !g_settings_schema_has_key (schema, "own-addresses"))
    return g_new0 (char *, 1);
  settings = g_settings_new (APPLICATION_ID);
  return g_settings_get_strv (settings, "own-addresses");
}

/* "3 e-mails logged, 1 already there" */
static char *
describe_result (const NudgeEmlResult *result)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, ngettext ("%u e-mail logged", "%u e-mails logged", result->n_logged),
                          result->n_logged);
  if (result->n_duplicates > 0)
    /* Translators: follows "3 e-mails logged" */
    g_string_append_printf (text, ngettext (", %u already there", ", %u already there", result->n_duplicates),
                            result->n_duplicates);
  if (result->n_unmatched > 0)
    /* Translators: follows "3 e-mails logged"; messages whose addresses no contact has */
    g_string_append_printf (text, ngettext (", %u from or to nobody in the book", ", %u from or to nobody in the book",
                                            result->n_unmatched), result->n_unmatched);
  return g_string_free (text, FALSE);
}

static gboolean
log_files_job (NudgeStore    *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  DropJob *job = data;

  return nudge_eml_import_files (store, (GFile **) job->files->pdata, job->files->len,
                                 &(NudgeEmlTarget) { (const char * const *) job->own_addresses, job->deal_id, job->contact_id },
                                 cancellable, &job->result, error);
}

/* Undo of a drop: the messages leave the timeline (a second drop logs
 * them again). */
static gboolean
unlog (NudgeStore  *store,
       gpointer     undo,
       GError     **error)
{
  return nudge_eml_unlog (store, undo, error);
}

static void
log_files_done (gpointer      owner,
                gpointer      data,
                const GError *error)
{
  DropJob *job = data;
  g_autofree char *message = NULL;

  if (error != NULL)
    message = g_strdup (error->message);
  else
    message = describe_result (&job->result);
  if (job->overlay != NULL && error == NULL && job->result.n_logged > 0)
    nudge_view_show_store_undo (GTK_WIDGET (job->overlay), message, job->store, unlog,
                                g_array_ref (job->result.activity_ids), (GDestroyNotify) g_array_unref,
                                job->result.n_logged);
  else if (job->overlay != NULL)
    adw_toast_overlay_add_toast (job->overlay, adw_toast_new (message));
  if (job->done != NULL)
    ((void (*) (gpointer)) job->done) (job->done_data);
}

/* .eml and mbox files; Thunderbird's folders are mbox files with no
 * extension. Other files (a CSV, a photo) are not taken. */
static gboolean
looks_like_mail (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name != NULL ? g_ascii_strdown (name, -1) : NULL;

  return lower != NULL && (g_str_has_suffix (lower, ".eml") || g_str_has_suffix (lower, ".mbox") ||
                           g_str_has_suffix (lower, ".mbx") || strchr (lower, '.') == NULL);
}

/* Where a drop target logs what is dropped on it. */
typedef struct
{
  NudgeStore *store;
  gint64      deal_id;
  gint64      contact_id;
} DropPlace;

static void
drop_place_free (gpointer  data,
                 GClosure *closure)
{
  DropPlace *place = data;

  g_object_unref (place->store);
  g_free (place);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         DropPlace     *place)
{
  GtkWidget *overlay = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  GSList *list = g_value_get_boxed (value);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  for (GSList *l = list; l != NULL; l = l->next)
    if (looks_like_mail (l->data))
      g_ptr_array_add (files, l->data);
  if (files->len == 0)
    return FALSE;
  nudge_eml_drop_files (ADW_TOAST_OVERLAY (overlay), place->store, (GFile **) files->pdata, files->len,
                        place->deal_id, place->contact_id, NULL, NULL);
  return TRUE;
}

void
nudge_eml_drop_files (AdwToastOverlay  *overlay,
                      NudgeStore       *store,
                      GFile           **files,
                      guint             n_files,
                      gint64            deal_id,
                      gint64            contact_id,
                      GCallback         done,
                      gpointer          done_data)
{
  DropJob *job;

  g_return_if_fail (NUDGE_IS_STORE (store));

  job = g_new0 (DropJob, 1);
  job->store = g_object_ref (store);
  job->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (job->files, g_object_ref (files[i]));
  job->own_addresses = read_own_addresses ();
  job->deal_id = deal_id;
  job->contact_id = contact_id;
  g_set_weak_pointer (&job->overlay, overlay);
  job->done = done;
  job->done_data = done_data;
  nudge_worker_run (store, log_files_job, job, drop_job_free, NULL, log_files_done, NULL);
}

void
nudge_eml_drop_attach (AdwToastOverlay *overlay,
                       NudgeStore      *store,
                       gint64           deal_id,
                       gint64           contact_id)
{
  GtkDropTarget *target;
  DropPlace *place;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (NUDGE_IS_STORE (store));

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  place = g_new0 (DropPlace, 1);
  place->store = g_object_ref (store);
  place->deal_id = deal_id;
  place->contact_id = contact_id;
  g_signal_connect_data (target, "drop", G_CALLBACK (drop_cb), place, drop_place_free, 0);
  gtk_widget_add_controller (GTK_WIDGET (overlay), GTK_EVENT_CONTROLLER (target));
}

/* ---- Preferences -------------------------------------------------------- */

static void
addresses_apply_cb (AdwEntryRow *row,
                    GSettings   *settings)
{
  g_auto(GStrv) parts = g_regex_split_simple ("[\\s,;]+", gtk_editable_get_text (GTK_EDITABLE (row)), 0, 0);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) addresses = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (builder, parts[i]);
  addresses = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "own-addresses", (const char * const *) addresses);
}

GtkWidget *
nudge_eml_preferences_group_new (GSettings *settings)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_entry_row_new ();
  g_auto(GStrv) addresses = g_settings_get_strv (settings, "own-addresses");
  g_autofree char *text = g_strjoinv (", ", addresses);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("E-mail"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("E-mails dropped on Nudge from these addresses are logged as sent by you"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Your e-mail addresses"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_connect_data (row, "apply", G_CALLBACK (addresses_apply_cb), g_object_ref (settings),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return group;
}
