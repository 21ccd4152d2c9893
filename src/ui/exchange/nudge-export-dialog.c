/* nudge-export-dialog.c — Export Calendar… and the subscribed calendar file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-export"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-accessible.h"
#include "nudge-application.h"
#include "nudge-clock.h"
#include "nudge-dialogs.h"
#include "nudge-export-dialog.h"
#include "nudge-ics.h"
#include "nudge-ics-subscription.h"
#include "nudge-view-actions.h"
#include "nudge-window.h"
#include "nudge-worker.h"

struct _NudgeExportDialog
{
  AdwWindow             parent_instance;

  AdwComboRow          *range_row;
  AdwComboRow          *format_row;
  GtkSwitch            *one_offs_switch;
  GtkSwitch            *recurring_switch;
  GtkSwitch            *done_switch;

  NudgeContext         *context;
  NudgeStore           *store;          /* the context's */
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (NudgeExportDialog, nudge_export_dialog, ADW_TYPE_WINDOW)

static void
fill_options (NudgeExportDialog *self,
              NudgeIcsOptions   *options)
{
  gint64 now = nudge_clock_now ();
  const gint64 day = 24 * 3600;

  nudge_ics_options_init (options);
  switch (adw_combo_row_get_selected (self->range_row))
    {
    case 0: options->to = now + 30 * day; break;
    case 1: options->to = now + 91 * day; break;
    case 3: options->from = now - 365 * day; G_GNUC_FALLTHROUGH;
    default: options->to = now + 365 * day; break;
    }
  options->as_tasks = adw_combo_row_get_selected (self->format_row) == 1;
  options->include_one_offs = gtk_switch_get_active (self->one_offs_switch);
  options->include_recurring = gtk_switch_get_active (self->recurring_switch);
  options->include_done = gtk_switch_get_active (self->done_switch);
}

/* The path of the file chosen in @chooser; NULL when it was cancelled
 * or the file has no local path. */
static char *
chosen_path (GtkNativeDialog *chooser,
             int              response)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT || !(file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))))
    return NULL;
  return g_file_get_path (file);
}

/* A calendar of a year of a big book's follow-ups takes a second or more
 * to write: on a worker, with the dialog insensitive meanwhile. */
typedef struct
{
  NudgeIcsOptions  options;
  char            *path;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->path);
  g_free (job);
}

static gboolean
export_job (NudgeStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ExportJob *job = data;

  return nudge_ics_export_to_file (store, &job->options, job->path, error);
}

static void
export_done (gpointer      owner,
             gpointer      data,
             const GError *error)
{
  NudgeExportDialog *self = owner;
  ExportJob *job = data;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  if (error != NULL)
    {
      nudge_error_dialog_present (GTK_WINDOW (self), _("Could Not Export the Calendar"), error->message);
      return;
    }
  if (NUDGE_IS_WINDOW (parent))
    {
      g_autofree char *name = g_path_get_basename (job->path);
      /* Translators: a toast after exporting; %s is the file name */
      g_autofree char *text = g_strdup_printf (_("Calendar exported to %s"), name);

      nudge_window_add_toast (NUDGE_WINDOW (parent), adw_toast_new (text));
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
chooser_response_cb (GtkNativeDialog   *chooser,
                     int                response,
                     NudgeExportDialog *self)
{
  g_autofree char *path = chosen_path (chooser, response);
  ExportJob *job;

  if (path == NULL)
    return;

  job = g_new0 (ExportJob, 1);
  fill_options (self, &job->options);
  job->path = g_steal_pointer (&path);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  nudge_worker_run (self->store, export_job, job, export_job_free, NULL, export_done, self);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  NudgeExportDialog *self = NUDGE_EXPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Calendar"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("iCalendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_pattern (filter, "*.ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  /* Translators: the suggested file name of an exported calendar */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("nudge-follow-ups.ics"));
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
nudge_export_dialog_dispose (GObject *object)
{
  NudgeExportDialog *self = NUDGE_EXPORT_DIALOG (object);

  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->context);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (nudge_export_dialog_parent_class)->dispose (object);
}

static void
nudge_export_dialog_class_init (NudgeExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nudge_export_dialog_dispose;
  nudge_dialogs_install_context_property (object_class, G_STRUCT_OFFSET (NudgeExportDialog, context),
                                          G_STRUCT_OFFSET (NudgeExportDialog, store));

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/nudgecrm/Nudge/ui/nudge-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeExportDialog, range_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeExportDialog, one_offs_switch);
  gtk_widget_class_bind_template_child (widget_class, NudgeExportDialog, recurring_switch);
  gtk_widget_class_bind_template_child (widget_class, NudgeExportDialog, done_switch);

  gtk_widget_class_install_action (widget_class, "export.choose-file", NULL, choose_file_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
nudge_export_dialog_init (NudgeExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

NudgeExportDialog *
nudge_export_dialog_present (GtkWindow    *parent,
                             NudgeContext *context)
{
  NudgeExportDialog *self;

  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);

  self = g_object_new (NUDGE_TYPE_EXPORT_DIALOG, "transient-for", parent, "context", context, NULL);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

gboolean
nudge_export_dialog_export_to (NudgeExportDialog  *self,
                               const char         *path,
                               GError            **error)
{
  NudgeIcsOptions options;

  g_return_val_if_fail (NUDGE_IS_EXPORT_DIALOG (self), FALSE);

  fill_options (self, &options);
  return nudge_ics_export_to_file (self->store, &options, path, error);
}

static void
export_ics_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GtkApplication *app = user_data;
  NudgeContext *context = nudge_application_get_context (NUDGE_APPLICATION (app));

  if (context != NULL)
    nudge_export_dialog_present (gtk_application_get_active_window (app), context);
}

void
nudge_export_dialog_add_app_action (GtkApplication *app)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new ("export-ics", NULL);

  g_return_if_fail (GTK_IS_APPLICATION (app));

  g_signal_connect (action, "activate", G_CALLBACK (export_ics_action), app);
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (action));
}

/* Preferences: the subscribed calendar file */

static void
subscription_chosen (gpointer  settings,
                     GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    g_settings_set_string (settings, "ics-subscription-path", path);
}

/* Documents/Calendars, created if need be: the one folder the Flatpak may
 * write to without asking (its manifest's only file-system permission).
 * The subscribed file is rewritten after every change, also with no
 * window open, and the calendar app reads it by its path; chosen there it
 * keeps its real path inside and outside the sandbox. Exports need no
 * such place: they are written where the file chooser portal lets them. */
static GFile *
dup_subscription_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autofree char *path = NULL;

  if (documents == NULL)
    return NULL;
  path = g_build_filename (documents, "Calendars", NULL);
  if (g_mkdir_with_parents (path, 0755) != 0)
    return NULL;
  return g_file_new_for_path (path);
}

static void
choose_subscription_cb (GtkButton *button,
                        GSettings *settings)
{
  GtkFileChooser *chooser;
  g_autoptr(GFile) folder = NULL;

  chooser = nudge_file_chooser_new (nudge_view_parent_window (GTK_WIDGET (button)),
                                    _("Keep a Calendar File Up to Date"),
                                    GTK_FILE_CHOOSER_ACTION_SAVE, _("_Choose"), settings, subscription_chosen);
  gtk_file_chooser_set_current_name (chooser, _("nudge-follow-ups.ics"));
  folder = dup_subscription_folder ();
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
clear_subscription_cb (GtkButton *button,
                       GSettings *settings)
{
  g_settings_set_string (settings, "ics-subscription-path", "");
}

static void
subscription_changed_cb (GSettings    *settings,
                         const char   *key,
                         AdwActionRow *row)
{
  g_autofree char *path = g_settings_get_string (settings, "ics-subscription-path");

  adw_action_row_set_subtitle (row, *path ? path : _("Off"));
}

static void
subscription_clear_visible_cb (GSettings  *settings,
                               const char *key,
                               GtkWidget  *clear)
{
  g_autofree char *path = g_settings_get_string (settings, "ics-subscription-path");

  gtk_widget_set_visible (clear, *path != '\0');
}

GtkWidget *
nudge_export_subscription_group_new (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *choose = nudge_icon_button_new ("document-open-symbolic", _("Choose a file"), NULL);
  GtkWidget *clear = nudge_icon_button_new ("edit-clear-symbolic", _("Stop updating the file"), NULL);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Calendar Subscription"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Nudge rewrites this .ics file shortly after every change; "
                                           "subscribe to it in your calendar app."));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Calendar file"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), clear);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), choose);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), choose);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  /* The buttons keep the settings alive. */
  g_signal_connect_data (choose, "clicked", G_CALLBACK (choose_subscription_cb), g_object_ref (settings),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  g_signal_connect_data (clear, "clicked", G_CALLBACK (clear_subscription_cb), g_object_ref (settings),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  g_signal_connect_object (settings, "changed::ics-subscription-path", G_CALLBACK (subscription_changed_cb),
                           row, 0);
  g_signal_connect_object (settings, "changed::ics-subscription-path", G_CALLBACK (subscription_clear_visible_cb),
                           clear, 0);
  subscription_changed_cb (settings, NULL, ADW_ACTION_ROW (row));
  subscription_clear_visible_cb (settings, NULL, clear);
  return group;
}
