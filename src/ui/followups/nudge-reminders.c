/* nudge-reminders.c — reminders in the running app, and background mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-reminders"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#ifdef HAVE_LIBPORTAL
#include <libportal/portal.h>
#endif

#include "nudge-application.h"
#include "nudge-clock.h"
#include "nudge-dialogs.h"
#include "nudge-followups.h"
#include "nudge-next-step-dialog.h"
#include "nudge-view-actions.h"
#include "nudge-notifier.h"
#include "nudge-reminders.h"
#include "nudge-scheduler.h"
#include "nudge-window.h"

struct _NudgeReminders
{
  GtkApplication *app;       /* weak: the context that owns us lives no longer */
  NudgeStore     *store;
  GSettings      *settings;
  NudgeScheduler *scheduler;
  NudgeNotifier  *notifier;
  gboolean        held;
  guint           start_id;
};

typedef NudgeReminders Reminders;

static const char *const action_names[] = {
  "followup-done", "followup-snooze", "open-followup", "next-step", "next-step-pick",
};

static gboolean
start_scheduler_cb (gpointer data)
{
  Reminders *r = data;

  r->start_id = 0;
  nudge_scheduler_start (r->scheduler);
  return G_SOURCE_REMOVE;
}

void
nudge_reminders_free (NudgeReminders *r)
{
  if (r == NULL)
    return;
  if (r->app != NULL)
    {
      /* The notifications' actions point at us. */
      for (guint i = 0; i < G_N_ELEMENTS (action_names); i++)
        g_action_map_remove_action (G_ACTION_MAP (r->app), action_names[i]);
      g_signal_handlers_disconnect_by_data (r->app, r);
      if (r->held)
        g_application_release (G_APPLICATION (r->app));
    }

  g_clear_handle_id (&r->start_id, g_source_remove);
  if (r->settings != NULL)
    g_signal_handlers_disconnect_by_data (r->settings, r);
  g_clear_object (&r->notifier);
  if (r->scheduler != NULL)
    nudge_scheduler_stop (r->scheduler);
  g_clear_object (&r->scheduler);
  g_clear_object (&r->settings);
  g_clear_object (&r->store);
  g_free (r);
}

static void
report_error (Reminders  *r,
              const char *message)
{
  GtkWindow *window = gtk_application_get_active_window (r->app);

  if (window != NULL && NUDGE_IS_WINDOW (window))
    nudge_window_add_toast (NUDGE_WINDOW (window), adw_toast_new (message));
  else
    g_warning ("Reminders: %s", message);
}

/* Done or Snooze from a notification that could not be written (the
 * book locked by nudge-cli, a full disk): with a window its toast says
 * so; with none, a warning in the journal was all, and the follow-up
 * stayed open with its reminder counted as delivered. @format names
 * the follow-up with its %s. */
static void
report_not_saved (Reminders    *r,
                  gint64        id,
                  const char   *format,
                  const GError *error)
{
  g_autoptr(NudgeFollowup) followup = NULL;
  g_autofree char *summary = NULL;

  if (gtk_application_get_active_window (r->app) != NULL)
    {
      report_error (r, error->message);
      return;
    }
  /* Done or deleted meanwhile (a click on an old notification): nothing
   * is left to do. */
  followup = nudge_store_get_followup (r->store, id, NULL);
  if (followup == NULL || !g_str_equal (nudge_followup_get_status (followup), "open"))
    {
      g_warning ("Reminders: %s", error->message);
      return;
    }
  summary = g_strdup_printf (format, nudge_followup_get_title (followup));
  if (!nudge_notifier_show_failure (r->notifier, id, summary, error->message))
    g_warning ("Reminders: %s", error->message);
}

/* The main window when it is on screen; NULL with `nudge --background`. */
static GtkWindow *
shown_main_window (Reminders *r)
{
  for (GList *l = gtk_application_get_windows (r->app); l != NULL; l = l->next)
    if (NUDGE_IS_WINDOW (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* Done from a notification ends a step like Done in Today: with the
 * window open, its toast names the follow-up and offers Undo, and what
 * comes next is asked on the window (the step joining the Done's Undo);
 * with none open, the question comes in a notification. */
static void
followup_done (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  Reminders *r = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeFollowup) done = NULL;
  gint64 id = g_variant_get_int64 (parameter);
  GtkWindow *window = shown_main_window (r);

  if (window == NULL)
    {
      if (!nudge_followups_complete (r->store, id, 0, &error))
        /* Translators: %s is a follow-up's title */
        report_not_saved (r, id, _("“%s” is not marked done"), error);
      else if (nudge_followups_needs_next_step_after (r->store, id) &&
               (done = nudge_store_get_followup (r->store, id, NULL)))
        nudge_notifier_ask_next_step (r->notifier, done);
      return;
    }
  if (!nudge_next_step_dialog_complete (window, nudge_window_get_context (NUDGE_WINDOW (window)), r->store,
                                        GTK_WIDGET (window), id, 0, &error))
    report_error (r, error->message);
}

/* +1 day, +3 days or +1 week on the question: planned with no window. */
static void
next_step (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  Reminders *r = user_data;
  g_autoptr(GError) error = NULL;
  NudgeNextStep step;
  gint64 id;
  int days;

  g_variant_get (parameter, "(xi)", &id, &days);
  nudge_notifier_withdraw_next_step (r->notifier, id);
  step = days <= 1 ? NUDGE_NEXT_STEP_1_DAY : days <= 3 ? NUDGE_NEXT_STEP_3_DAYS : NUDGE_NEXT_STEP_1_WEEK;
  /* Answered meanwhile (in the window, by nudge-cli): one next step. */
  if (!nudge_followups_needs_next_step_after (r->store, id))
    return;
  if (nudge_followups_add_next_step (r->store, id, step, 0, g_settings_get_boolean (r->settings, "skip-weekends"),
                                     NULL, &error) == 0)
    {
      g_autoptr(NudgeFollowup) done = NULL;

      /* Not saved (the book locked by another program): with no window
       * the question, gone with the click, comes back saying why. */
      if (gtk_application_get_active_window (r->app) == NULL &&
          (done = nudge_store_get_followup (r->store, id, NULL)) != NULL &&
          nudge_notifier_ask_next_step_again (r->notifier, done, error->message))
        return;
      report_error (r, error->message);
    }
}

/* Pick a date…: the app opens with the prompt, its calendar open. */
static void
next_step_pick (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  Reminders *r = user_data;
  gint64 id = g_variant_get_int64 (parameter);
  NudgeNextStepDialog *dialog = NULL;
  GtkWindow *window;

  nudge_notifier_withdraw_next_step (r->notifier, id);
  window = nudge_application_present_main_window (NUDGE_APPLICATION (r->app), "today");
  if (window != NULL)
    dialog = nudge_next_step_dialog_present (window, nudge_window_get_context (NUDGE_WINDOW (window)), id);
  if (dialog != NULL)
    nudge_next_step_dialog_unfold_calendar (dialog);
}

static void
followup_snooze (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  Reminders *r = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id, until, now = nudge_clock_now ();
  int minutes;

  g_variant_get (parameter, "(xi)", &id, &minutes);
  if (minutes > 0)
    until = nudge_followups_snooze_in (now, minutes);
  else
    until = nudge_view_snooze_target (r->settings, NUDGE_SNOOZE_TOMORROW);
  if (!nudge_followups_snooze (r->store, id, until, &error))
    /* Translators: %s is a follow-up's title */
    report_not_saved (r, id, _("“%s” is not snoozed"), error);
}

static void
open_followup (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  Reminders *r = user_data;
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(NudgeFollowup) followup = NULL;
  GtkWindow *window;

  window = nudge_application_present_main_window (NUDGE_APPLICATION (r->app), "today");
  if (id <= 0 || window == NULL)
    return;
  followup = nudge_store_get_followup (r->store, id, NULL);
  if (followup == NULL)
    return;
  if (nudge_followup_get_deal_id (followup) > 0)
    nudge_window_open_record (NUDGE_WINDOW (window), NUDGE_ENTITY_DEAL, nudge_followup_get_deal_id (followup));
  else if (nudge_followup_get_contact_id (followup) > 0)
    nudge_window_open_record (NUDGE_WINDOW (window), NUDGE_ENTITY_CONTACT, nudge_followup_get_contact_id (followup));
}

static void
apply_quiet_hours (Reminders *r)
{
  nudge_scheduler_set_quiet_hours (r->scheduler,
                                   g_settings_get_boolean (r->settings, "quiet-hours"),
                                   g_settings_get_int (r->settings, "working-day-start"),
                                   g_settings_get_int (r->settings, "working-day-end"),
                                   g_settings_get_boolean (r->settings, "skip-weekends"));
}

static void
apply_background (Reminders *r,
                  gboolean   write_autostart)
{
  gboolean on = g_settings_get_boolean (r->settings, "run-in-background");
  g_autoptr(GError) error = NULL;

  /* While the preference is on, closing the window keeps reminders going. */
  if (on && !r->held)
    g_application_hold (G_APPLICATION (r->app));
  else if (!on && r->held)
    g_application_release (G_APPLICATION (r->app));
  r->held = on;

  if (write_autostart)
    {
      /* A book chosen with --db or NUDGE_DB is the one to open at login too. */
      const char *db = nudge_store_get_path (r->store);
      g_autofree char *default_db = nudge_store_default_path ();

      if (!nudge_reminders_set_autostart (on, g_strcmp0 (db, default_db) != 0 ? db : NULL, &error))
        report_error (r, error->message);
    }
}

static void
settings_changed_cb (GSettings  *settings,
                     const char *key,
                     Reminders  *r)
{
  if (g_str_equal (key, "run-in-background"))
    apply_background (r, TRUE);
  else if (g_str_equal (key, "quiet-hours") || g_str_equal (key, "working-day-start") ||
           g_str_equal (key, "working-day-end") || g_str_equal (key, "skip-weekends") ||
           g_str_equal (key, "holidays"))
    apply_quiet_hours (r);
}

static void
shutdown_cb (GApplication *app,
             Reminders    *r)
{
  if (r->held)
    {
      r->held = FALSE;
      g_application_release (app);
    }
}

NudgeReminders *
nudge_reminders_new (GtkApplication *app,
                     NudgeStore     *store,
                     GSettings      *settings)
{
  const GActionEntry entries[] = {
    { "followup-done", followup_done, "x" },
    { "followup-snooze", followup_snooze, "(xi)" },
    { "open-followup", open_followup, "x" },
    { "next-step", next_step, "(xi)" },
    { "next-step-pick", next_step_pick, "x" },
  };
  Reminders *r;

  g_return_val_if_fail (GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  r = g_new0 (Reminders, 1);
  r->app = app;
  r->store = g_object_ref (store);
  r->settings = g_object_ref (settings);
  r->scheduler = nudge_scheduler_new (store);
  r->notifier = nudge_notifier_new (store, r->scheduler, G_ACTION_GROUP (app));

  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), r);
  g_signal_connect (settings, "changed", G_CALLBACK (settings_changed_cb), r);
  g_signal_connect (app, "shutdown", G_CALLBACK (shutdown_cb), r);

  apply_quiet_hours (r);
  apply_background (r, FALSE);
  /* The first look at the whole book waits for the window's first frame;
   * a reminder due now is shown a moment later. */
  r->start_id = g_timeout_add_full (G_PRIORITY_LOW, 700, start_scheduler_cb, r, NULL);
  return r;
}

#ifdef HAVE_LIBPORTAL
static void
portal_background_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!xdp_portal_request_background_finish (XDP_PORTAL (source), result, &error))
    g_warning ("Background portal: %s", error->message);
}
#endif

/* The program the autostart entry starts: the installed one, or this very
 * program when it runs from a build directory. Never `nudge` from PATH,
 * where ~/.local/bin often is not. */
static char *
dup_own_program (void)
{
  g_autofree char *installed = g_build_filename (BINDIR, BINARY_NAME, NULL);
  g_autofree char *running = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *running_name = running != NULL ? g_path_get_basename (running) : NULL;
  GStatBuf a, b;

  if (running == NULL || !g_str_equal (running_name, BINARY_NAME))
    return g_steal_pointer (&installed);
  if (g_stat (installed, &a) == 0 && g_stat (running, &b) == 0 &&
      a.st_dev == b.st_dev && a.st_ino == b.st_ino)
    return g_steal_pointer (&installed);
  return g_steal_pointer (&running);
}

/* One argument of an Exec line, quoted as the Desktop Entry spec says:
 * in double quotes when it has a reserved character, with double quote,
 * backquote, dollar sign and backslash escaped inside them, and % doubled.
 * The key file adds its own escapes on top. */
static void
append_exec_argument (GString    *exec,
                      const char *argument)
{
  gboolean quote = *argument == '\0' || strpbrk (argument, " \t\n\"'\\><~|&;$*?#()`") != NULL;

  if (exec->len > 0)
    g_string_append_c (exec, ' ');
  if (quote)
    g_string_append_c (exec, '"');
  for (const char *p = argument; *p != '\0'; p++)
    {
      if (quote && strchr ("\"`$\\", *p) != NULL)
        g_string_append_c (exec, '\\');
      else if (*p == '%')
        g_string_append_c (exec, '%');
      g_string_append_c (exec, *p);
    }
  if (quote)
    g_string_append_c (exec, '"');
}

gboolean
nudge_reminders_set_autostart (gboolean     enabled,
                               const char  *db_path,
                               GError     **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "autostart", NULL);
  g_autofree char *name = g_strconcat (APPLICATION_ID, ".desktop", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *db = db_path != NULL ? g_canonicalize_filename (db_path, NULL) : NULL;
  g_autofree char *db_argument = db != NULL ? g_strconcat ("--db=", db, NULL) : NULL;
  g_autofree char *program = NULL;
  g_autoptr(GString) exec = NULL;
  g_autoptr(GKeyFile) entry = NULL;
  g_autofree char *contents = NULL;

  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
#ifdef HAVE_LIBPORTAL
      /* Inside the sandbox the autostart folder is not the host's: ask the
       * Background portal. The answer comes later; a refusal is logged. */
      g_autoptr(XdpPortal) portal = xdp_portal_new ();
      g_autoptr(GPtrArray) commandline = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (commandline, g_strdup (BINARY_NAME));
      g_ptr_array_add (commandline, g_strdup ("--background"));
      if (db_argument != NULL)
        g_ptr_array_add (commandline, g_strdup (db_argument));
      xdp_portal_request_background (portal, NULL,
                                     (char *) _("Deliver follow-up reminders when the window is closed"),
                                     commandline,
                                     enabled ? XDP_BACKGROUND_FLAG_AUTOSTART : XDP_BACKGROUND_FLAG_NONE,
                                     NULL, portal_background_cb, NULL);
      return TRUE;
#else
      /* Inside the sandbox the autostart folder is not the host's: ask the
       * Background portal. */
      g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, error);
      GVariantBuilder options;
      const char *argv[] = { BINARY_NAME, "--background", db_argument, NULL };
      g_autoptr(GVariant) reply = NULL;

      if (bus == NULL)
        return FALSE;
      g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&options, "{sv}", "reason",
                             g_variant_new_string (_("Deliver follow-up reminders when the window is closed")));
      g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (enabled));
      g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (argv, -1));
      g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));
      reply = g_dbus_connection_call_sync (bus, "org.freedesktop.portal.Desktop",
                                           "/org/freedesktop/portal/desktop",
                                           "org.freedesktop.portal.Background", "RequestBackground",
                                           g_variant_new ("(sa{sv})", "", &options),
                                           G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE,
                                           -1, NULL, error);
      return reply != NULL;
#endif
    }

  if (!enabled)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                       _("Could not remove %s: %s"), path, g_strerror (errno));
          return FALSE;
        }
      return TRUE;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Could not create %s: %s"), dir, g_strerror (errno));
      return FALSE;
    }

  program = dup_own_program ();
  exec = g_string_new (NULL);
  append_exec_argument (exec, program);
  append_exec_argument (exec, "--background");
  if (db_argument != NULL)
    append_exec_argument (exec, db_argument);

  entry = g_key_file_new ();
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TYPE, "Application");
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NAME, _("Nudge"));
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_COMMENT, _("Follow-up reminders"));
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, exec->str);
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_ICON, APPLICATION_ID);
  g_key_file_set_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TERMINAL, FALSE);
  g_key_file_set_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NO_DISPLAY, TRUE);
  g_key_file_set_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-Autostart-enabled", TRUE);
  g_key_file_set_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-UsesNotifications", TRUE);
  contents = g_key_file_to_data (entry, NULL, NULL);
  return g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

static gboolean
close_window_cb (gpointer window)
{
  gtk_window_close (window);
  return G_SOURCE_REMOVE;
}

/* The answer to "Keep Reminding You?": remembered, then the window goes. */
static void
background_answer_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      Reminders        *r)
{
  GtkWindow *window = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  /* Escape: the window stays, and the question comes again next time. */
  if (g_str_equal (response, "cancel"))
    return;

  g_settings_set_boolean (r->settings, "background-asked", TRUE);
  if (g_str_equal (response, "background"))
    g_settings_set_boolean (r->settings, "run-in-background", TRUE);
  /* Asked once: this close goes through, once the dialog (which the
   * window takes with it) is done answering. */
  if (window != NULL)
    g_idle_add_full (G_PRIORITY_DEFAULT, close_window_cb, g_object_ref (window), g_object_unref);
}

gboolean
nudge_reminders_ask_on_close (NudgeReminders *r,
                              GtkWindow      *window)
{
  AdwMessageDialog *dialog;
  GList *windows;

  g_return_val_if_fail (r != NULL, FALSE);
  g_return_val_if_fail (GTK_IS_WINDOW (window), FALSE);

  if (g_settings_get_boolean (r->settings, "run-in-background") ||
      g_settings_get_boolean (r->settings, "background-asked"))
    return FALSE;
  /* The app goes on anyway (another window, `nudge --background`), or
   * Quit was chosen. */
  windows = gtk_application_get_windows (r->app);
  if (windows == NULL || windows->next != NULL)
    return FALSE;
  if (NUDGE_IS_APPLICATION (r->app) &&
      (nudge_application_get_held_in_background (NUDGE_APPLICATION (r->app)) ||
       nudge_application_get_quitting (NUDGE_APPLICATION (r->app))))
    return FALSE;
  /* Nothing left to remind of: nothing is lost by quitting. */
  if (nudge_scheduler_get_next_fire (r->scheduler) == 0)
    return FALSE;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Keep Reminding You?"),
                                                       _("Nudge reminds you of follow-ups only while it runs. It "
                                                         "can run in the background with this window closed, and "
                                                         "start when you log in. This can be changed in "
                                                         "Preferences.")));
  adw_message_dialog_add_responses (dialog,
                                    "quit", _("_Quit"),
                                    "background", _("_Run in Background"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "background", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "background");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (background_answer_cb), r);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

GtkWidget *
nudge_reminders_preferences_group_new (GSettings *settings)
{
  GtkWidget *group, *row, *toggle;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Background"));

  toggle = gtk_switch_new ();
  row = nudge_suffix_row_new (_("Run in background"),
                              _("Reminders keep coming with the window closed, also after login"), toggle);
  g_settings_bind (settings, "run-in-background", toggle, "active", G_SETTINGS_BIND_DEFAULT);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return group;
}
