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
  GPtrArray       *strangers;      /* NudgeEmlStranger to add first, or NULL */
  GPtrArray       *unmatched;      /* and their messages as first read, or NULL: read the files again */
  GArray          *contact_ids;    /* gint64, the contacts added for them */
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
  g_clear_pointer (&job->strangers, g_ptr_array_unref);
  g_clear_pointer (&job->unmatched, g_ptr_array_unref);
  g_array_unref (job->contact_ids);
  nudge_eml_result_clear (&job->result);
  g_clear_weak_pointer (&job->overlay);
  g_free (job);
}

static GStrv
read_own_addresses (void)
{
  g_autoptr(GSettings) settings = nudge_view_settings_new ("own-addresses", NULL);

  return settings != NULL ? g_settings_get_strv (settings, "own-addresses") : g_new0 (char *, 1);
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
  /* Who they are is said in a toast of its own, with a button to add them. */
  if (result->n_unmatched > 0 && result->strangers == NULL)
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
  NudgeEmlTarget target = { (const char * const *) job->own_addresses, job->deal_id, job->contact_id };

  if (job->strangers != NULL)
    return nudge_eml_add_strangers (store, job->strangers, job->unmatched, (GFile **) job->files->pdata,
                                    job->files->len, &target, cancellable, &job->result, job->contact_ids, error);
  return nudge_eml_import_files (store, (GFile **) job->files->pdata, job->files->len, &target,
                                 cancellable, &job->result, error);
}

/* What Undo of a drop takes back */
typedef struct
{
  GArray *activity_ids;
  GArray *contact_ids;
} DropUndo;

static void
drop_undo_free (gpointer data)
{
  DropUndo *undo = data;

  g_array_unref (undo->activity_ids);
  g_array_unref (undo->contact_ids);
  g_free (undo);
}

/* Undo of a drop: the messages leave the timeline (a second drop logs
 * them again), the contacts added for them go to the trash. */
static gboolean
unlog (NudgeStore  *store,
       gpointer     data,
       GError     **error)
{
  DropUndo *undo = data;

  return nudge_eml_unlog (store, undo->activity_ids, undo->contact_ids, error);
}

static DropJob *drop_job_new (AdwToastOverlay  *overlay,
                              NudgeStore       *store,
                              GFile           **files,
                              guint             n_files,
                              gint64            deal_id,
                              gint64            contact_id);
static void     log_files_done (gpointer      owner,
                                gpointer      data,
                                const GError *error);

/* "Add Contacts" of the toast that names who is not in the book: their
 * messages, as the drop read them (a mail client may have deleted the
 * files it dragged by now), logged after a contact is added for each. */
static void
add_strangers_cb (AdwToast *toast,
                  DropJob  *done_job)
{
  DropJob *job;

  if (done_job->overlay == NULL || done_job->result.strangers == NULL)
    return;
  job = drop_job_new (done_job->overlay, done_job->store, (GFile **) done_job->files->pdata, done_job->files->len,
                      done_job->deal_id, done_job->contact_id);
  job->strangers = g_steal_pointer (&done_job->result.strangers);
  job->unmatched = g_steal_pointer (&done_job->result.unmatched);
  job->done = done_job->done;
  job->done_data = done_job->done_data;
  nudge_worker_run (job->store, log_files_job, job, drop_job_free, NULL, log_files_done, NULL);
}

/* "Olena Shevchenko is not in the book", "3 people of these e-mails are
 * not in the book", with the button that adds them. */
static void
show_strangers (DropJob *job)
{
  GPtrArray *strangers = job->result.strangers;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (strangers->len == 1)
    {
      NudgeEmlStranger *stranger = g_ptr_array_index (strangers, 0);
      const char *who = *stranger->name != '\0' ? stranger->name : stranger->address;
      /* A toast's title is markup, and a long name would push the rest out. */
      g_autofree char *cut = g_utf8_strlen (who, -1) > 40 ? g_utf8_substring (who, 0, 39) : NULL;
      g_autofree char *shown = cut != NULL ? g_strconcat (cut, "…", NULL) : g_strdup (who);
      g_autofree char *escaped = g_markup_escape_text (shown, -1);

      /* Translators: %s is a name or an e-mail address */
      message = g_strdup_printf (_("%s is not in the book"), escaped);
    }
  else
    message = g_strdup_printf (ngettext ("%u person of these e-mails is not in the book",
                                         "%u people of these e-mails are not in the book", strangers->len),
                               strangers->len);
  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 10);
  adw_toast_set_button_label (toast, ngettext ("_Add Contact", "_Add Contacts", strangers->len));
  /* The toast holds the job (the people, their messages) until it goes. */
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (add_strangers_cb), job,
                         (GClosureNotify) (void (*) (void)) drop_job_free, 0);
  nudge_toast_overlay_add (job->overlay, toast);
}

static void
log_files_done (gpointer      owner,
                gpointer      data,
                const GError *error)
{
  DropJob *job = data;
  NudgeEmlResult *result = &job->result;
  g_autofree char *message = NULL;
  gboolean strangers = error == NULL && result->strangers != NULL && result->strangers->len > 0;

  if (error != NULL)
    message = g_markup_escape_text (error->message, -1);  /* it names the file */
  else if (job->contact_ids->len > 0)
    {
      g_autofree char *added = g_strdup_printf (ngettext ("%u contact added", "%u contacts added", job->contact_ids->len),
                                                job->contact_ids->len);
      g_autofree char *logged = describe_result (result);

      /* Translators: "2 contacts added", then "3 e-mails logged" */
      message = g_strdup_printf (_("%s, %s"), added, logged);
    }
  else
    message = describe_result (result);

  if (job->overlay != NULL && error == NULL && (result->n_logged > 0 || job->contact_ids->len > 0))
    {
      DropUndo *undo = g_new0 (DropUndo, 1);

      undo->activity_ids = g_array_ref (result->activity_ids);
      undo->contact_ids = g_array_ref (job->contact_ids);
      nudge_view_show_store_undo (GTK_WIDGET (job->overlay), message, job->store, unlog, undo, drop_undo_free,
                                  result->n_logged + job->contact_ids->len);
    }
  else if (job->overlay != NULL && (!strangers || result->n_duplicates > 0))
    nudge_toast_overlay_add (job->overlay, adw_toast_new (message));
  if (job->done != NULL)
    ((void (*) (gpointer)) job->done) (job->done_data);

  /* The toast takes a copy of the job: the worker frees this one. */
  if (strangers && job->overlay != NULL)
    {
      DropJob *copy = drop_job_new (job->overlay, job->store, (GFile **) job->files->pdata, job->files->len,
                                    job->deal_id, job->contact_id);

      copy->result.strangers = g_steal_pointer (&result->strangers);
      copy->result.unmatched = g_steal_pointer (&result->unmatched);
      copy->done = job->done;
      copy->done_data = job->done_data;
      show_strangers (copy);
    }
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

static DropJob *
drop_job_new (AdwToastOverlay  *overlay,
              NudgeStore       *store,
              GFile           **files,
              guint             n_files,
              gint64            deal_id,
              gint64            contact_id)
{
  DropJob *job = g_new0 (DropJob, 1);

  job->store = g_object_ref (store);
  job->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (job->files, g_object_ref (files[i]));
  job->own_addresses = read_own_addresses ();
  job->deal_id = deal_id;
  job->contact_id = contact_id;
  job->contact_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_set_weak_pointer (&job->overlay, overlay);
  return job;
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

  job = drop_job_new (overlay, store, files, n_files, deal_id, contact_id);
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
