/* test-ui-subscription-folder.c — where the subscribed calendar file is
 * chosen
 *
 * The Flatpak may write on its own only to Documents/Calendars (its one
 * file-system permission): Preferences' file chooser for the subscribed
 * calendar file opens there, creating the folder on first use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "nudge-export-dialog.h"
#include "nudge-test-ui.h"

static void
test_chooser_opens_in_calendars (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("nudge-home-XXXXXX", &error);
  g_autofree char *config = g_build_filename (home, ".config", NULL);
  g_autofree char *dirs = g_build_filename (config, "user-dirs.dirs", NULL);
  g_autofree char *documents = g_build_filename (home, "Papers", NULL);
  g_autofree char *calendars = g_build_filename (documents, "Calendars", NULL);
  g_autofree char *contents = g_strdup_printf ("XDG_DOCUMENTS_DIR=\"%s\"\n", documents);
  GtkWidget *window, *group, *button;
  GtkWidget *chooser;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) expected = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  g_file_set_contents (dirs, contents, -1, &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_reload_user_special_dirs_cache ();
  g_assert_cmpstr (g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS), ==, documents);
  g_assert_false (g_file_test (calendars, G_FILE_TEST_EXISTS));

  group = nudge_export_subscription_group_new ();
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), group);
  gtk_window_present (GTK_WINDOW (window));
  nudge_test_spin (50);

  /* The row's Choose button: the first of its two buttons is Clear. */
  button = nudge_test_find_widget (group, GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  while (g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (button)), "document-open-symbolic") != 0)
    {
      button = gtk_widget_get_next_sibling (button);
      g_assert_nonnull (button);
    }
  g_signal_emit_by_name (button, "clicked");
  nudge_test_spin (200);

  g_assert_true (g_file_test (calendars, G_FILE_TEST_IS_DIR));
  /* The file chooser dialog on screen (GtkFileChooserNative without a
   * portal). */
  chooser = GTK_WIDGET (nudge_test_find_toplevel (GTK_TYPE_FILE_CHOOSER));
  g_assert_nonnull (chooser);
  folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
  expected = g_file_new_for_path (calendars);
  g_assert_nonnull (folder);
  g_assert_true (g_file_equal (folder, expected));

  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  nudge_test_spin (50);
  gtk_window_destroy (GTK_WINDOW (window));
  nudge_test_spin (50);

  g_rmdir (calendars);
  g_rmdir (documents);
  g_unlink (dirs);
  g_rmdir (config);
  g_rmdir (home);
}

int
main (int argc, char *argv[])
{
  g_setenv ("LC_ALL", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/subscription-folder/chooser-opens-in-calendars", test_chooser_opens_in_calendars);
  return g_test_run ();
}
