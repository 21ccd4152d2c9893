/* nudge-application.c
 *
 * One instance per session: a second `nudge` hands its command line to the
 * running one, which raises its window (on the asked-for view). The store
 * is opened once, by the primary instance, from --db, $NUDGE_DB or the
 * default path under $XDG_DATA_HOME.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-application"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-accessible.h"
#include "nudge-backup.h"
#include "nudge-backups.h"
#include "nudge-application-private.h"
#include "nudge-automation-page.h"
#include "nudge-clock.h"
#include "nudge-export-dialog.h"
#include "nudge-followup-editor.h"
#include "nudge-pace.h"
#include "nudge-preferences-window.h"
#include "nudge-search-popover.h"
#include "nudge-search-provider.h"
#include "nudge-tooltip.h"
#include "nudge-record-editor.h"
#include "nudge-rules-runner.h"
#include "nudge-reminders.h"
#include "nudge-renderer.h"
#include "nudge-view.h"
#include "nudge-window.h"
#include "nudge-worker.h"

struct _NudgeApplication
{
  AdwApplication    parent_instance;

  NudgeContext     *context;
  NudgeStore       *store;     /* the context's, for short */
  GSettings        *settings;
  NudgeSearchProvider *search_provider;
  gboolean          background_hold;
  gboolean          quitting;        /* Quit is closing every window */
  gboolean          started_in_background;
  gboolean          services_started; /* reminders, rules, the calendar file */
  guint             watch_id;  /* the book's folder watched, a moment after start */
  guint             check_id;  /* the book checked and backed up, a moment after */
};

G_DEFINE_FINAL_TYPE (NudgeApplication, nudge_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Database file (default: $NUDGE_DB, else the one under $XDG_DATA_HOME)"), N_("PATH") },
  { "view", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Open on a view: today, pipeline, list, calendar or insights"), N_("VIEW") },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Start without a window and keep delivering reminders"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { NULL }
};

/* How long a process D-Bus started waits for another call. */
#define SERVICE_INACTIVITY_MS 20000

static const char *const views[] = { "today", "pipeline", "list", "calendar", "insights", NULL };

static gboolean ensure_store (NudgeApplication  *self,
                              const char        *db_option,
                              GError           **error);

/* The book that would not open, and its latest good backup. */
typedef struct
{
  NudgeApplication *app;
  char             *path;
  char             *backup;
} FatalRequest;

static void
fatal_request_free (gpointer data,
                    GClosure *closure)
{
  FatalRequest *request = data;

  g_free (request->path);
  g_free (request->backup);
  g_free (request);
}

static void
fatal_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   FatalRequest     *request)
{
  NudgeApplication *self = request->app;
  g_autoptr(GError) error = NULL;

  /* A book too damaged to open: its latest good backup takes its place
   * (the wreck is kept as a backup too), and Nudge opens. */
  if (g_strcmp0 (response, "restore") == 0 &&
      nudge_backup_restore (request->path, request->backup, NULL, &error) &&
      ensure_store (self, request->path, &error))
    {
      nudge_application_present_main_window (self, NULL);
      return;
    }
  if (error != NULL)
    g_warning ("Restoring %s: %s", request->path, error->message);
  g_application_quit (G_APPLICATION (self));
}

static void
show_fatal_error (NudgeApplication *self,
                  const char       *message,
                  const char       *db_option)
{
  FatalRequest *request = g_new0 (FatalRequest, 1);
  GtkWidget *dialog;

  request->app = self;
  request->path = nudge_store_resolve_path (db_option);
  request->backup = nudge_backups_latest_good (request->path);

  /* Shown without a parent: there is no main window to speak of. The
   * app keeps running until the dialog is closed. */
  dialog = adw_message_dialog_new (NULL, _("Cannot Open the Database"), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  if (request->backup != NULL)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "restore", _("_Restore Latest Backup"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                                  ADW_RESPONSE_SUGGESTED);
    }
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_data (dialog, "response", G_CALLBACK (fatal_response_cb), request,
                         fatal_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
start_check_cb (gpointer data)
{
  NudgeApplication *self = data;

  self->check_id = 0;
  if (self->store != NULL)
    nudge_backups_start_check (GTK_APPLICATION (self), self->store);
  return G_SOURCE_REMOVE;
}

static gboolean
watch_file_cb (gpointer data)
{
  NudgeApplication *self = data;

  self->watch_id = 0;
  if (self->store != NULL)
    nudge_store_watch_file (self->store);
  return G_SOURCE_REMOVE;
}

/* The book and its context, without the services: what a process D-Bus
 * started for GNOME Shell's search needs. */
static gboolean
open_book (NudgeApplication  *self,
           const char        *db_option,
           GError           **error)
{
  g_autofree char *path = NULL;

  if (self->store != NULL)
    return TRUE;

  path = nudge_store_resolve_path (db_option);
  self->store = nudge_store_open (path, error);
  if (self->store == NULL)
    return FALSE;

  /* nudge-cli, a script or a synced copy may write to the same book.
   * Watching its folder reads the folder's entries: after the first
   * frame. What was written in between is announced when it starts. */
  self->watch_id = g_timeout_add_full (G_PRIORITY_LOW, 500, watch_file_cb, self, NULL);
  /* Never wait on the main loop for another program's long write, nor
   * for the copy of the write-ahead log into the book. */
  nudge_store_set_busy_timeout (self->store, 40);
  nudge_worker_take_checkpoints (self->store);
  self->context = nudge_context_new (self->store, self->settings);
  return TRUE;
}

static gboolean
ensure_store (NudgeApplication  *self,
              const char        *db_option,
              GError           **error)
{
  if (!open_book (self, db_option, error))
    return FALSE;
  if (self->services_started)
    return TRUE;
  self->services_started = TRUE;
  nudge_context_start_services (self->context, GTK_APPLICATION (self));
  /* quick_check and the daily backup read the whole book: on a worker,
   * once the window has drawn and Today has filled (on two cores they
   * would otherwise hold back the first frame). */
  self->check_id = g_timeout_add_seconds_full (G_PRIORITY_LOW, 5, start_check_cb, self, NULL);
  return TRUE;
}

gboolean
_nudge_application_ensure_store (NudgeApplication  *self,
                                 GError           **error)
{
  g_assert (NUDGE_IS_APPLICATION (self));

  return ensure_store (self, NULL, error);
}

GtkWindow *
nudge_application_present_main_window (NudgeApplication *self,
                                       const char       *view)
{
  GtkWindow *window = NULL;

  g_return_val_if_fail (NUDGE_IS_APPLICATION (self), NULL);

  /* A window brings the services, also to a process that so far only
   * answered the Shell's search. */
  if (self->store != NULL)
    ensure_store (self, NULL, NULL);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (NUDGE_IS_WINDOW (l->data))
      {
        window = l->data;
        break;
      }

  if (window == NULL)
    window = GTK_WINDOW (nudge_window_new (self, self->context));
  if (view != NULL)
    nudge_window_show_view (NUDGE_WINDOW (window), view);
  gtk_window_present (window);
  return window;
}

static int
nudge_application_command_line (GApplication            *app,
                                GApplicationCommandLine *command_line)
{
  NudgeApplication *self = NUDGE_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  const char *view = NULL;
  gboolean background = FALSE;

  g_variant_dict_lookup (options, "db", "^ay", &db);
  if (db != NULL && *db != '\0' && !g_path_is_absolute (db))
    {
      /* Relative to where `nudge` was typed, which may be another process. */
      char *absolute = g_canonicalize_filename (db, g_application_command_line_get_cwd (command_line));

      g_free (db);
      db = absolute;
    }
  g_variant_dict_lookup (options, "view", "&s", &view);
  g_variant_dict_lookup (options, "background", "b", &background);

  if (view != NULL && !g_strv_contains (views, view))
    {
      g_application_command_line_printerr (command_line,
                                           _("Unknown view “%s” (today, pipeline, list, calendar or insights)\n"),
                                           view);
      return 2;
    }

  if (self->store != NULL && db != NULL && g_strcmp0 (db, nudge_store_get_path (self->store)) != 0)
    g_application_command_line_printerr (command_line,
                                         _("Nudge is already running on %s; --db is ignored\n"),
                                         nudge_store_get_path (self->store));

  if (!ensure_store (self, db, &error))
    {
      g_application_command_line_printerr (command_line, "nudge: %s\n", error->message);
      if (g_application_command_line_get_is_remote (command_line) || !background)
        show_fatal_error (self, error->message, db);
      return 1;
    }

  if (background && nudge_application_get_store (self) != NULL &&
      gtk_application_get_windows (GTK_APPLICATION (self)) == NULL)
    {
      /* No window: the reminder service keeps the process alive. */
      if (!self->background_hold)
        {
          g_application_hold (app);
          self->background_hold = TRUE;
        }
      return 0;
    }

  nudge_application_present_main_window (self, view);
  return 0;
}

static int
nudge_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  g_autoptr(GError) error = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("nudge %s\n", PACKAGE_VERSION);
      return 0;
    }
  NUDGE_APPLICATION (app)->started_in_background = g_variant_dict_contains (options, "background");
  if (!nudge_clock_pin_from_env (&error))
    {
      g_printerr ("nudge: %s\n", error->message);
      return 1;
    }
  return -1;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       data)
{
  NudgeApplication *self = data;
  /* A copy: each close takes its window off the application's list (and
   * may destroy its dialogs with it). */
  GList *windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (self)),
                                     (GCopyFunc) (void (*) (void)) g_object_ref, NULL);

  self->quitting = TRUE;
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
  if (self->background_hold)
    {
      self->background_hold = FALSE;
      g_application_release (G_APPLICATION (self));
    }
  g_application_quit (G_APPLICATION (self));
}

/* Preferences and About stand over the window the user is in. */
static void
present_over_active_window (NudgeApplication *self,
                            GtkWidget        *window)
{
  gtk_window_set_transient_for (GTK_WINDOW (window), gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (window));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       data)
{
  NudgeApplication *self = data;

  if (self->store != NULL)
    present_over_active_window (self, nudge_preferences_window_new (self->context));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       data)
{
  NudgeApplication *self = data;
  /* TRANSLATORS: your name, to be credited in About */
  const char *translators = _("translator-credits");
  GtkWidget *about;

  /* The icon is the one installed under the app id (.Devel has its own). */
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application-name", _("Nudge"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Nudge developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("No lead goes cold because a follow-up was late or forgotten."),
                        "website", "https://github.com/nudgecrm/nudge",
                        "issue-url", "https://github.com/nudgecrm/nudge/issues",
                        "copyright", _("© 2026 The Nudge developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Untranslated, the msgid itself would be credited. */
                        "translator-credits", g_str_equal (translators, "translator-credits") ? NULL : translators,
                        NULL);
  present_over_active_window (self, about);
}

static void
show_view_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       data)
{
  NudgeApplication *self = data;

  if (self->store != NULL)
    nudge_application_present_main_window (self, g_variant_get_string (parameter, NULL));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "show-view", show_view_action, "s" },
};

/* Rules, snoozes and next steps plan within the preferences' working
 * hours and days. Connected before anything else listens to the
 * settings, so their handlers see the new working hours. */
static void
working_hours_changed_cb (NudgeApplication *self)
{
  NudgeWorkingHours hours;

  nudge_working_hours_from_settings (self->settings, &hours);
  nudge_working_hours_set (&hours);
}

static void
nudge_application_startup (GApplication *app)
{
  NudgeApplication *self = NUDGE_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };
  static const struct { const char *view; const char *accel; } view_accels[] = {
    { "today", "<Alt>1" }, { "pipeline", "<Alt>2" }, { "list", "<Alt>3" },
    { "calendar", "<Alt>4" }, { "insights", "<Alt>5" },
  };

  G_APPLICATION_CLASS (nudge_application_parent_class)->startup (app);
  /* Started by D-Bus for GNOME Shell's search, a service quit as soon as
   * it had answered the first call: the Shell's next one, a moment later
   * (the results' names), reached a process on its way out, and the
   * Shell showed no results. It waits for the calls that follow as the
   * user types. */
  if (g_application_get_flags (app) & G_APPLICATION_IS_SERVICE)
    g_application_set_inactivity_timeout (app, SERVICE_INACTIVITY_MS);
  nudge_accessible_init ();
  /* A worker thread that has nothing to do waits for the next job
   * instead of ending after GLib's 15 s: its end would be a wake-up of
   * an idle reminder service, and closing its connection to the book
   * another one (the book's file monitor hears it). */
  g_thread_pool_set_max_idle_time (0);
  /* A window may come later to a reminder service too: then it is drawn
   * as GTK chooses. */
  if (!self->started_in_background && gdk_display_get_default () != NULL)
    {
      nudge_renderer_choose (gdk_display_get_default ());
      nudge_view_load_styles ();
      nudge_tooltip_hush_under_popovers ();
    }

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  _nudge_application_actions_init (self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", help_accels);
  for (guint i = 0; i < G_N_ELEMENTS (view_accels); i++)
    {
      g_autofree char *detailed = g_strdup_printf ("app.show-view::%s", view_accels[i].view);
      const char *accels[] = { view_accels[i].accel, NULL };

      gtk_application_set_accels_for_action (GTK_APPLICATION (self), detailed, accels);
    }

  self->settings = g_settings_new (APPLICATION_ID);
  working_hours_changed_cb (self);
  g_signal_connect_object (self->settings, "changed::working-day-start",
                           G_CALLBACK (working_hours_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::working-day-end",
                           G_CALLBACK (working_hours_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::skip-weekends",
                           G_CALLBACK (working_hours_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::holidays",
                           G_CALLBACK (working_hours_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
nudge_application_activate (GApplication *app)
{
  NudgeApplication *self = NUDGE_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  /* Activation without a command line (D-Bus activation, a notification). */
  if (!ensure_store (self, NULL, &error))
    {
      show_fatal_error (self, error->message, NULL);
      return;
    }
  nudge_application_present_main_window (self, NULL);
}

void
_nudge_application_stop_services (NudgeApplication *self)
{
  g_assert (NUDGE_IS_APPLICATION (self));

  g_clear_handle_id (&self->watch_id, g_source_remove);
  g_clear_handle_id (&self->check_id, g_source_remove);
  if (self->context != NULL)
    nudge_context_stop_services (self->context);
}

static void
nudge_application_shutdown (GApplication *app)
{
  /* Reminders, rules and the calendar file stop when the app quits. */
  _nudge_application_stop_services (NUDGE_APPLICATION (app));
  G_APPLICATION_CLASS (nudge_application_parent_class)->shutdown (app);
}

static void
nudge_application_dispose (GObject *object)
{
  NudgeApplication *self = (NudgeApplication *) object;

  g_clear_handle_id (&self->watch_id, g_source_remove);
  g_clear_handle_id (&self->check_id, g_source_remove);

  g_clear_object (&self->context);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (nudge_application_parent_class)->dispose (object);
}

/* ---- GNOME Shell search ------------------------------------------------- */

static NudgeStore *
search_provider_store (gpointer user_data)
{
  NudgeApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  /* Started by D-Bus for the Shell: the book opens on the first search.
   * Reminders and rules wait for a window (or --background): a process
   * that only answers the Shell's search, and quits a moment later,
   * would show reminders that vanish with it, counted as delivered. */
  if (!open_book (self, NULL, &error))
    {
      g_warning ("Shell search: %s", error->message);
      return NULL;
    }
  return self->store;
}

/* The main window for what GNOME Shell's search asks, or %NULL: the
 * services start with the window; a book that cannot be opened says
 * why. */
static NudgeWindow *
present_for_search (NudgeApplication *self)
{
  g_application_activate (G_APPLICATION (self));
  if (self->store == NULL)
    return NULL;
  return NUDGE_WINDOW (nudge_application_present_main_window (self, NULL));
}

static void
search_activate_result_cb (NudgeApplication *self,
                           int               entity,
                           gint64            id,
                           guint32           timestamp)
{
  NudgeWindow *window = present_for_search (self);

  if (window != NULL)
    nudge_window_open_record (window, (NudgeEntity) entity, id);
}

static void
search_launch_cb (NudgeApplication *self,
                  const char       *text,
                  guint32           timestamp)
{
  NudgeWindow *window = present_for_search (self);

  if (window != NULL)
    nudge_search_popover_start (NUDGE_SEARCH_POPOVER (nudge_window_get_search (window)), text);
}

static gboolean
nudge_application_dbus_register (GApplication     *app,
                                 GDBusConnection  *connection,
                                 const char       *object_path,
                                 GError          **error)
{
  NudgeApplication *self = NUDGE_APPLICATION (app);
  g_autofree char *path = g_strconcat (object_path, "/SearchProvider", NULL);

  if (!G_APPLICATION_CLASS (nudge_application_parent_class)->dbus_register (app, connection, object_path, error))
    return FALSE;
  self->search_provider = nudge_search_provider_new (search_provider_store, self);
  g_signal_connect_object (self->search_provider, "activate-result", G_CALLBACK (search_activate_result_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_provider, "launch-search", G_CALLBACK (search_launch_cb),
                           self, G_CONNECT_SWAPPED);
  return nudge_search_provider_register (self->search_provider, connection, path, error);
}

static void
nudge_application_dbus_unregister (GApplication    *app,
                                   GDBusConnection *connection,
                                   const char      *object_path)
{
  NudgeApplication *self = NUDGE_APPLICATION (app);

  if (self->search_provider != NULL)
    nudge_search_provider_unregister (self->search_provider);
  g_clear_object (&self->search_provider);
  G_APPLICATION_CLASS (nudge_application_parent_class)->dbus_unregister (app, connection, object_path);
}

static void
nudge_application_class_init (NudgeApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = nudge_application_dispose;
  app_class->startup = nudge_application_startup;
  app_class->activate = nudge_application_activate;
  app_class->shutdown = nudge_application_shutdown;
  app_class->command_line = nudge_application_command_line;
  app_class->handle_local_options = nudge_application_handle_local_options;
  app_class->dbus_register = nudge_application_dbus_register;
  app_class->dbus_unregister = nudge_application_dbus_unregister;
}

static void
nudge_application_init (NudgeApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Follow-ups on time, for every deal."));
}

NudgeApplication *
nudge_application_new (void)
{
  return g_object_new (NUDGE_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", "/io/github/nudgecrm/Nudge",
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       NULL);
}

NudgeContext *
nudge_application_get_context (NudgeApplication *self)
{
  g_return_val_if_fail (NUDGE_IS_APPLICATION (self), NULL);

  return self->context;
}

NudgeStore *
nudge_application_get_store (NudgeApplication *self)
{
  g_return_val_if_fail (NUDGE_IS_APPLICATION (self), NULL);

  return self->store;
}

gboolean
nudge_application_get_held_in_background (NudgeApplication *self)
{
  g_return_val_if_fail (NUDGE_IS_APPLICATION (self), FALSE);

  return self->background_hold;
}

gboolean
nudge_application_get_quitting (NudgeApplication *self)
{
  g_return_val_if_fail (NUDGE_IS_APPLICATION (self), FALSE);

  return self->quitting;
}
