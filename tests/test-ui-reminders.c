/* test-ui-reminders.c — the application's reminder actions, also as a
 * notification's buttons, and the Run in background preference
 * (autostart entry), asked on the first close of the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libnotify/notify.h>
#include <string.h>
#include <time.h>

#include "dbus-recorder.h"
#include "notification-recorder.h"
#include "nudge-clock.h"
#include "nudge-context.h"
#include "nudge-followups.h"
#include "nudge-reminders.h"
#include "nudge-store.h"
#include "nudge-test-core.h"
#include "nudge-test-ui.h"
#include "nudge-window.h"

#define TZID "Europe/Prague"

static char *config_dir;
static NotificationRecorder *recorder;

/* The argv a launcher gets from the autostart entry: the key file's
 * unescaping, the Exec quoting (as GLib's GDesktopAppInfo parses it), then
 * %% as %. */
static char **
autostart_argv (const char *autostart)
{
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;
  char **argv = NULL;

  g_key_file_load_from_file (entry, autostart, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  exec = g_key_file_get_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, &error);
  g_assert_no_error (error);
  g_shell_parse_argv (exec, NULL, &argv, &error);
  g_assert_no_error (error);
  for (char **arg = argv; *arg != NULL; arg++)
    {
      g_auto(GStrv) parts = g_strsplit (*arg, "%%", -1);

      /* A lone % would be a field code (%f, %U…) to the launcher. */
      for (char **part = parts; *part != NULL; part++)
        g_assert_null (strchr (*part, '%'));
      g_free (*arg);
      *arg = g_strjoinv ("%", parts);
    }
  return argv;
}

static GtkApplication *
registered_app (const char *app_id)
{
  g_autoptr(GError) error = NULL;
  GtkApplication *app = gtk_application_new (app_id, G_APPLICATION_NON_UNIQUE);

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

static void
test_actions_and_autostart (void)
{
  g_autoptr(GError) error = NULL;
  /* Characters the Desktop Entry spec reserves, and a %, in the path. */
  g_autofree char *dir = g_dir_make_tmp ("nudge ui \"reminders\" $HOME `x` 100% \\-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "nudge.db", NULL);
  g_autofree char *autostart = g_build_filename (config_dir, "autostart", APPLICATION_ID ".desktop", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(NudgeStore) store = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GtkApplication) app = NULL;
  NudgeReminders *reminders = NULL;
  g_autoptr(NudgeFollowup) fu = NULL;
  NudgeFollowupSpec spec;
  gint64 id;

  g_assert_no_error (error);
  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 10, 0));
  store = nudge_store_open (path, &error);
  g_assert_no_error (error);
  nudge_test_call_spec (&spec, "Call back", nudge_test_prague (2026, 3, 2, 11, 0), 0);
  id = nudge_test_create_followup (store, &spec);
  app = registered_app ("io.github.nudgecrm.Nudge.TestReminders");
  reminders = nudge_reminders_new (app, store, settings);
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "followup-done"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "followup-snooze"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "open-followup"));

  /* Snooze 1 hour, as from the notification, at an odd second: it lands
   * on the whole minute. */
  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 10, 0) + 19);
  g_action_group_activate_action (G_ACTION_GROUP (app), "followup-snooze", g_variant_new ("(xi)", id, 60));
  fu = nudge_store_get_followup (store, id, NULL);
  g_assert_cmpint (nudge_followup_get_snoozed_until (fu), ==, nudge_test_prague (2026, 3, 2, 11, 0));
  g_clear_object (&fu);

  /* Tomorrow morning: the working day's start, whole minutes too. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "followup-snooze", g_variant_new ("(xi)", id, -1));
  fu = nudge_store_get_followup (store, id, NULL);
  g_assert_cmpint (nudge_followup_get_snoozed_until (fu), ==,
                   nudge_test_prague (2026, 3, 3, g_settings_get_int (settings, "working-day-start") / 60,
                           g_settings_get_int (settings, "working-day-start") % 60));
  g_clear_object (&fu);

  g_action_group_activate_action (G_ACTION_GROUP (app), "followup-done", g_variant_new_int64 (id));
  fu = nudge_store_get_followup (store, id, NULL);
  g_assert_cmpstr (nudge_followup_get_status (fu), ==, "done");

  /* Run in background writes the autostart entry; turning it off removes
   * it. It starts the installed program (this test is not one), with the
   * book this store was opened on, whatever characters its path has. */
  g_assert_false (g_file_test (autostart, G_FILE_TEST_EXISTS));
  g_settings_set_boolean (settings, "run-in-background", TRUE);
  g_assert_true (g_file_get_contents (autostart, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\nType=Application\n"));
  g_assert_nonnull (strstr (contents, "\nX-GNOME-Autostart-enabled=true\n"));
  {
    g_auto(GStrv) argv = autostart_argv (autostart);
    g_autofree char *db_argument = g_strconcat ("--db=", path, NULL);
    const char *expected[] = { BINDIR "/" BINARY_NAME, "--background", db_argument, NULL };

    g_assert_cmpstrv (argv, expected);
  }
  g_settings_set_boolean (settings, "run-in-background", FALSE);
  g_assert_false (g_file_test (autostart, G_FILE_TEST_EXISTS));

  /* The default book needs no --db. */
  g_assert_true (nudge_reminders_set_autostart (TRUE, NULL, &error));
  g_assert_no_error (error);
  {
    g_auto(GStrv) argv = autostart_argv (autostart);
    const char *expected[] = { BINDIR "/" BINARY_NAME, "--background", NULL };

    g_assert_cmpstrv (argv, expected);
  }
  g_assert_true (nudge_reminders_set_autostart (FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (autostart, G_FILE_TEST_EXISTS));

  g_clear_pointer (&reminders, nudge_reminders_free);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  nudge_clock_unpin ();
}

/* The id of the notification the recorder was asked to show for the
 * follow-up titled @title (0: none yet). */
static guint32
notification_of (const char *title)
{
  g_autoptr(GPtrArray) calls = notification_recorder_calls (recorder);

  for (guint i = 0; i < calls->len; i++)
    {
      RecordedCall *call = g_ptr_array_index (calls, i);

      if (g_str_equal (call->method, "Notify") && g_strcmp0 (call->summary, title) == 0)
        return call->id;
    }
  return 0;
}

static gboolean
not_shown_yet (gpointer title)
{
  return notification_of (title) == 0;
}

/* Clicks the button @action of follow-up @id's notification, titled
 * @title, on the notification server: the follow-up is then @status,
 * snoozed until @snoozed_until (0: not snoozed). */
static void
click_and_expect (NudgeStore *store,
                  gint64      id,
                  const char *title,
                  const char *action,
                  const char *status,
                  gint64      snoozed_until)
{
  g_autofree char *handled = g_strdup_printf ("SELECT COUNT(*) FROM followup WHERE id = %" G_GINT64_FORMAT
                                              " AND (status <> 'open' OR snoozed_until IS NOT NULL)", id);
  g_autoptr(NudgeFollowup) fu = NULL;

  g_assert_true (nudge_test_spin_while (not_shown_yet, (gpointer) title, 10000));
  notification_recorder_invoke (recorder, notification_of (title), action);
  nudge_test_wait_book_int (store, handled, 1);
  fu = nudge_store_get_followup (store, id, NULL);
  g_assert_cmpstr (nudge_followup_get_status (fu), ==, status);
  g_assert_cmpint (nudge_followup_get_snoozed_until (fu), ==, snoozed_until);
}

/* Friday 10:00, three reminders on screen: Done, Snooze 1 hour and
 * Tomorrow morning clicked on the notification server reach the store
 * through the app's own actions. Tomorrow morning is the seller's
 * working-day start on the next working day: Monday, weekends skipped. */
static void
test_notification_buttons (NudgeTestBook *book,
                           gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GtkApplication) app = NULL;
  NudgeReminders *reminders;
  const char *titles[] = { "Call Jana", "Send the offer", "Book the demo" };
  gint64 ids[G_N_ELEMENTS (titles)];

  nudge_clock_pin (nudge_test_prague (2026, 3, 6, 10, 0));
  g_settings_set_int (settings, "working-day-start", 7 * 60 + 30);
  g_settings_set_boolean (settings, "skip-weekends", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    ids[i] = nudge_test_add_followup (book->store, 0, titles[i], nudge_test_prague (2026, 3, 6, 10, 0), NULL);
  app = registered_app ("io.github.nudgecrm.Nudge.TestButtons");
  reminders = nudge_reminders_new (app, book->store, settings);

  click_and_expect (book->store, ids[0], titles[0], "done", "done", 0);
  click_and_expect (book->store, ids[1], titles[1], "snooze-60", "open", nudge_test_prague (2026, 3, 6, 11, 0));
  click_and_expect (book->store, ids[2], titles[2], "snooze-tomorrow", "open", nudge_test_prague (2026, 3, 9, 7, 30));

  nudge_reminders_free (reminders);
  g_settings_reset (settings, "working-day-start");
  g_settings_reset (settings, "skip-weekends");
  nudge_clock_unpin ();
}

/* The "Keep Reminding You?" dialog on show, or NULL. */
static AdwMessageDialog *
find_question (void)
{
  GtkWindow *dialog = nudge_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL ? ADW_MESSAGE_DIALOG (dialog) : NULL;
}

/* A window of @app, as the main window is. */
static GtkWindow *
app_window (GtkApplication *app)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_application (window, app);
  gtk_window_present (window);
  return window;
}

/* Answers the question over @window with the button labelled @button,
 * or Escape when it is NULL; the window goes (closed once answered)
 * unless Escape. */
static void
answer (GtkWindow  *window,
        const char *button)
{
  AdwMessageDialog *dialog = find_question ();
  gpointer alive = window;

  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == window);
  g_object_add_weak_pointer (G_OBJECT (window), &alive);
  if (button != NULL)
    g_assert_true (nudge_test_click_button (GTK_WIDGET (dialog), button));
  else
    gtk_window_close (GTK_WINDOW (dialog));
  nudge_test_spin (50);
  g_assert_null (find_question ());
  if (button == NULL)
    {
      nudge_test_spin (50);
      g_assert_nonnull (alive);
      g_object_remove_weak_pointer (G_OBJECT (window), &alive);
    }
  else
    nudge_test_wait_gone (&alive);
}

static void
test_asked_on_close (NudgeTestBook *book,
                     gconstpointer  data)
{
  g_autofree char *autostart = g_build_filename (config_dir, "autostart", APPLICATION_ID ".desktop", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GtkApplication) app = NULL;
  g_autoptr(NudgeContext) context = NULL;
  NudgeReminders *reminders;
  NudgeFollowupSpec spec;
  GtkWindow *window, *other;
  gint64 id;

  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 10, 0));
  nudge_test_call_spec (&spec, "Call back", nudge_test_prague (2026, 3, 2, 15, 0), 0);
  id = nudge_test_create_followup (book->store, &spec);
  app = registered_app ("io.github.nudgecrm.Nudge.TestAsk");
  g_settings_set_boolean (settings, "run-in-background", FALSE);
  g_settings_set_boolean (settings, "background-asked", FALSE);
  context = nudge_context_new (book->store, settings);
  nudge_context_start_services (context, app);
  reminders = nudge_context_get_reminders (context);

  /* A reminder is still to come: closing the main window asks. Escape
   * keeps the window, and asks again next time. */
  window = GTK_WINDOW (nudge_window_new (NULL, context));
  gtk_window_set_application (window, app);
  gtk_window_present (window);
  nudge_test_spin (50);
  gtk_window_close (window);
  answer (window, NULL);
  g_assert_false (g_settings_get_boolean (settings, "background-asked"));
  gtk_window_destroy (window);
  window = app_window (app);

  /* Another window of the app: it goes on, nothing to ask. */
  other = app_window (app);
  g_assert_false (nudge_reminders_ask_on_close (reminders, window));
  g_assert_null (find_question ());
  gtk_window_destroy (other);

  /* Quit: remembered, the window closes, nothing runs on. */
  g_assert_true (nudge_reminders_ask_on_close (reminders, window));
  answer (window, "_Quit");
  g_assert_true (g_settings_get_boolean (settings, "background-asked"));
  g_assert_false (g_settings_get_boolean (settings, "run-in-background"));
  g_assert_false (g_file_test (autostart, G_FILE_TEST_EXISTS));
  window = app_window (app);
  g_assert_false (nudge_reminders_ask_on_close (reminders, window));

  /* Run in Background: the preference is on, with its autostart entry;
   * once on, closing asks no more. */
  g_settings_set_boolean (settings, "background-asked", FALSE);
  g_assert_true (nudge_reminders_ask_on_close (reminders, window));
  answer (window, "_Run in Background");
  g_assert_true (g_settings_get_boolean (settings, "background-asked"));
  g_assert_true (g_settings_get_boolean (settings, "run-in-background"));
  g_assert_true (g_file_test (autostart, G_FILE_TEST_EXISTS));
  g_settings_set_boolean (settings, "background-asked", FALSE);
  window = app_window (app);
  g_assert_false (nudge_reminders_ask_on_close (reminders, window));
  g_settings_set_boolean (settings, "run-in-background", FALSE);
  g_assert_false (g_file_test (autostart, G_FILE_TEST_EXISTS));

  /* Nothing left to remind of: quitting loses nothing, nothing asked. */
  g_assert_true (nudge_followups_complete (book->store, id, 0, NULL));
  g_assert_false (nudge_reminders_ask_on_close (reminders, window));
  g_assert_null (find_question ());
  gtk_window_destroy (window);

  nudge_context_stop_services (context);
  g_clear_object (&context);
  nudge_clock_unpin ();
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  GTestDBus *bus;
  int ret;

  nudge_test_init_environment ("C");
  /* A private bus with the recording notification server, which
   * libnotify reaches on its own path, not the portal's. */
  bus = dbus_recorder_notify_bus (FALSE);
  recorder = notification_recorder_start (g_test_dbus_get_bus_address (bus));
  config_dir = g_dir_make_tmp ("nudge-config-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/reminders/actions-and-autostart", test_actions_and_autostart);
  g_test_add ("/ui/reminders/notification-buttons", NudgeTestBook, NULL, nudge_test_book_set_up,
              test_notification_buttons, nudge_test_book_tear_down);
  g_test_add ("/ui/reminders/asked-on-close", NudgeTestBook, NULL, nudge_test_book_set_up, test_asked_on_close,
              nudge_test_book_tear_down);
  ret = g_test_run ();
  if (notify_is_initted ())
    notify_uninit ();
  notification_recorder_stop (recorder);
  dbus_recorder_private_bus_stop (bus);
  {
    g_autofree char *auto_dir = g_build_filename (config_dir, "autostart", NULL);
    g_rmdir (auto_dir);
    g_rmdir (config_dir);
  }
  return ret;
}
