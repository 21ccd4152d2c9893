/* test-ui-reminders.c — the application's reminder actions and the
 * Run in background preference (autostart entry)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-reminders.h"
#include "nudge-store.h"
#include "nudge-test-core.h"

#define TZID "Europe/Prague"

static char *config_dir;

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

  nudge_followup_spec_init (&spec);
  spec.title = "Call back";
  spec.due_at = nudge_test_prague (2026, 3, 2, 11, 0);
  spec.tzid = TZID;
  id = nudge_followups_create (store, &spec, &error);
  g_assert_no_error (error);

  app = gtk_application_new ("io.github.nudgecrm.Nudge.TestReminders", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
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

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  nudge_test_init_environment ("C");
  config_dir = g_dir_make_tmp ("nudge-config-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/reminders/actions-and-autostart", test_actions_and_autostart);
  ret = g_test_run ();
  {
    g_autofree char *auto_dir = g_build_filename (config_dir, "autostart", NULL);
    g_rmdir (auto_dir);
    g_rmdir (config_dir);
  }
  return ret;
}
