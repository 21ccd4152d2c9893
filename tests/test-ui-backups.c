/* test-ui-backups.c — Preferences → Backups: the list, Restore, and going
 * back to the replaced book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "nudge-backup.h"
#include "nudge-backups.h"
#include "nudge-clock.h"
#include "nudge-format.h"
#include "nudge-holidays.h"
#include "nudge-preferences-window.h"
#include "nudge-store.h"
#include "nudge-test-core.h"
#include "nudge-test-ui.h"

static char *data_home;

static gboolean
is_group_titled (GtkWidget     *widget,
                 gconstpointer  title)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0;
}

/* A Restore button (it knows the backup's path). */
static gboolean
is_restore_button (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "backups.restore") == 0;
}

static GtkWidget *
row_of (GtkWidget *button)
{
  return gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW);
}

static gboolean
is_sensitive (gpointer widget)
{
  return gtk_widget_get_sensitive (widget);
}

static gboolean
is_writable (gpointer store)
{
  return !nudge_store_get_read_only (store);
}

/* A restore runs on a thread: the list takes no second click meanwhile. */
static void
restore_with (GtkWidget *button)
{
  GtkWidget *list = gtk_widget_get_ancestor (button, GTK_TYPE_LIST_BOX);

  g_signal_emit_by_name (button, "clicked");
  g_assert_false (gtk_widget_get_sensitive (list));
  nudge_test_wait_until (is_sensitive, list);
  nudge_test_spin (50);
}

static void
test_restore_and_back (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *dir = g_dir_make_tmp ("nudge-ui-backups-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "nudge.db", NULL);
  g_autofree char *backup = NULL;
  g_autoptr(NudgeStore) store = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  GtkWidget *window, *group;

  nudge_clock_pin (1772362800);
  store = nudge_store_open (path, &error);
  g_assert_no_error (error);
  nudge_test_add_titled_deal (store, "Hotel Praha");
  backup = nudge_backup_create (store, NULL, "daily", &error);
  g_assert_no_error (error);
  nudge_test_add_titled_deal (store, "After the backup");
  nudge_clock_pin (1772362800 + 3600);

  window = nudge_preferences_window_new (nudge_test_context (store, settings));
  gtk_window_present (GTK_WINDOW (window));
  nudge_test_spin (100);
  group = nudge_test_find (window, NUDGE_TEST_ANY, is_group_titled, "Backups");
  g_assert_nonnull (group);
  buttons = nudge_test_find_all (group, is_restore_button, NULL);
  g_assert_cmpuint (buttons->len, ==, 1);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row_of (g_ptr_array_index (buttons, 0)))),
                            "Daily"));
  /* The list a screen reader enters reads as the backups, not "GtkListBox". */
  gtk_test_accessible_assert_property (gtk_widget_get_ancestor (g_ptr_array_index (buttons, 0), GTK_TYPE_LIST_BOX),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Backups");

  restore_with (g_ptr_array_index (buttons, 0));
  g_assert_cmpuint (nudge_test_count_deals (store), ==, 1);

  /* The replaced book is listed first; restoring it goes back. */
  g_ptr_array_unref (buttons);
  buttons = nudge_test_find_all (group, is_restore_button, NULL);
  g_assert_cmpuint (buttons->len, ==, 2);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row_of (g_ptr_array_index (buttons, 0)))),
                            "Before a restore"));
  restore_with (g_ptr_array_index (buttons, 0));
  g_assert_cmpuint (nudge_test_count_deals (store), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  nudge_test_spin (50);
  g_clear_object (&store);
  nudge_test_remove_tree (dir);
  nudge_clock_unpin ();
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* After start-up the book is checked on a worker: a damaged one stops
 * taking writes, and the dialog that says so restores the latest backup. */
static void
test_damaged_book (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nudge-ui-backups-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "nudge.db", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(NudgeStore) store = NULL;
  g_autoptr(GtkApplication) app = NULL;
  g_autoptr(NudgeDeal) more = nudge_deal_new ();
  AdwMessageDialog *dialog = NULL;
  gint64 deadline;
  gsize length = 0;

  nudge_clock_pin (1772362800);
  store = nudge_store_open (path, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 400; i++)
    {
      g_autofree char *title = g_strdup_printf ("Deal number %d with a longer title to fill pages", i);
      nudge_test_add_titled_deal (store, title);
    }
  backup = nudge_backup_create (store, NULL, "daily", &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Damage a page of deal rows (its header and cell pointers), which
   * opening the book does not read but a check does. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  {
    static const char needle[] = "Deal number 200 ";
    const char *row = NULL;
    gsize page_size = ((guchar) contents[16] << 8) | (guchar) contents[17];
    gsize page_start;

    for (gsize at = 0; row == NULL && at + strlen (needle) <= length; at++)
      if (memcmp (contents + at, needle, strlen (needle)) == 0)
        row = contents + at;
    g_assert_nonnull (row);
    page_size = page_size == 1 ? 65536 : page_size;
    page_start = ((gsize) (row - contents) / page_size) * page_size;
    g_assert_cmpuint (page_start, >, 0);
    memset (contents + page_start, 0x5a, 200);
  }
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  store = nudge_store_open (path, &error);
  g_assert_no_error (error);

  app = gtk_application_new ("org.gnome.NudgeTest.Backups", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  nudge_backups_start_check (app, store);

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while ((dialog = find_message_dialog ()) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      nudge_test_spin (20);
    }
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Book Is Damaged");
  g_assert_true (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_true (nudge_store_get_read_only (store));
  g_object_set (more, "title", "Not saved", "currency", "CZK", NULL);
  g_assert_cmpint (nudge_store_save_deal (store, more, &error), ==, 0);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  adw_message_dialog_response (dialog, "restore");
  nudge_test_wait_until (is_writable, store);
  g_assert_true (nudge_backup_check_store (store, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nudge_test_count_deals (store), ==, 400);
  g_assert_cmpint (nudge_store_save_deal (store, more, &error), >, 0);
  g_assert_no_error (error);

  g_clear_object (&store);
  nudge_test_remove_tree (dir);
  nudge_clock_unpin ();
}

/* The window says the book is damaged for as long as it is, and its bar
 * restores the latest backup. */
static void
test_damage_bar (NudgeTestBookWindow *f,
                 gconstpointer        data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  GtkWidget *bar, *restore;

  nudge_test_add_titled_deal (f->book.store, "Kept");
  backup = nudge_backup_create (f->book.store, NULL, "daily", &error);
  g_assert_no_error (error);
  nudge_test_add_titled_deal (f->book.store, "After the backup");
  f->window = GTK_WIDGET (nudge_test_window_new (f->book.store, "today", 0, 0));
  bar = nudge_test_find_widget (f->window, GTK_TYPE_INFO_BAR);
  g_assert_nonnull (bar);
  g_assert_false (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));

  nudge_store_set_read_only (f->book.store, TRUE);
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
  nudge_test_spin (400);
  g_assert_nonnull (nudge_test_find_label (f->window, "The book is damaged: changes are not saved until a backup is restored."));
  restore = nudge_test_find_named (bar, "restore-button");
  g_assert_nonnull (restore);
  g_assert_true (gtk_widget_get_visible (restore));

  g_signal_emit_by_name (restore, "clicked");
  g_assert_false (gtk_widget_get_sensitive (restore));
  nudge_test_wait_until (is_writable, f->book.store);
  nudge_test_spin (200);
  g_assert_true (gtk_widget_get_sensitive (restore));
  g_assert_false (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
  g_assert_cmpuint (nudge_test_count_deals (f->book.store), ==, 1);
  g_assert_nonnull (nudge_test_find_label (f->window, "Backup restored"));
}

/* Preferences on a scratch book, with the app's settings (memory). */
typedef struct
{
  GSettings  *settings;
  char       *dir;
  NudgeStore *store;
  GtkWidget  *window;
} Preferences;

static void
preferences_open (Preferences *p)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  p->settings = g_settings_new (APPLICATION_ID);
  p->dir = g_dir_make_tmp ("nudge-ui-prefs-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (p->dir, "nudge.db", NULL);
  p->store = nudge_store_open (path, &error);
  g_assert_no_error (error);
  p->window = nudge_preferences_window_new (nudge_test_context (p->store, p->settings));
  gtk_window_present (GTK_WINDOW (p->window));
  nudge_test_spin (100);
}

static void
preferences_close (Preferences *p)
{
  gtk_window_destroy (GTK_WINDOW (p->window));
  nudge_test_spin (50);
  g_clear_object (&p->store);
  nudge_test_remove_tree (p->dir);
  g_clear_pointer (&p->dir, g_free);
  g_clear_object (&p->settings);
}

/* Preferences beside the backups: a working day that starts at 19 and
 * ends at 17 cannot be set. */
static void
test_working_day (void)
{
  Preferences p = { 0 };
  GSettings *settings;
  GtkWidget *window, *start, *end;

  preferences_open (&p);
  settings = p.settings;
  window = p.window;
  g_settings_set_int (settings, "working-day-end", 17 * 60);
  start = nudge_test_find_widget (nudge_test_find_row (window, "Working day starts at"),
                                  GTK_TYPE_SPIN_BUTTON);
  end = nudge_test_find_widget (nudge_test_find_row (window, "Working day ends at"),
                                GTK_TYPE_SPIN_BUTTON);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (start), 19 * 60);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (end), 8 * 60);
  nudge_test_spin (50);
  g_assert_cmpint (g_settings_get_int (settings, "working-day-start"), <, g_settings_get_int (settings, "working-day-end"));
  g_assert_cmpint (g_settings_get_int (settings, "working-day-end"), ==, 17 * 60);
  /* The latest end the settings keep is 23:59: the spin offers no time
   * after it that would not be saved. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (end), 24 * 60);
  nudge_test_spin (50);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (end)), ==, 23 * 60 + 59);
  g_assert_cmpint (g_settings_get_int (settings, "working-day-end"), ==, 23 * 60 + 59);
  g_settings_reset (settings, "working-day-start");
  g_settings_reset (settings, "working-day-end");
  preferences_close (&p);
}

/* Types @text into @spin as a person would, and leaves the field. */
static void
type_into_spin (GtkWidget  *spin,
                const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  nudge_test_spin (20);
}

/* The working day shows as times of day, "09:00" and "17:00", not as
 * the bare hours 9 and 17; a time typed sets it, as do the arrows. */
static void
test_working_hours_as_times (void)
{
  Preferences p = { 0 };
  GtkWidget *start, *end;
  g_autofree char *nine = nudge_format_clock_time (9, 0);
  g_autofree char *five = nudge_format_clock_time (17, 0);

  /* 24 hours in the tests' C locale, as in cs, pl and uk. */
  g_assert_false (nudge_format_clock_is_12h ());
  g_assert_cmpstr (nine, ==, "09:00");
  preferences_open (&p);
  g_assert_cmpint (g_settings_get_int (p.settings, "working-day-start"), ==, 9 * 60);
  start = nudge_test_find_widget (nudge_test_find_row (p.window, "Working day starts at"),
                                  GTK_TYPE_SPIN_BUTTON);
  end = nudge_test_find_widget (nudge_test_find_row (p.window, "Working day ends at"),
                                GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (start)), ==, "09:00");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end)), ==, five);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (start), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, "09:00");

  /* A time typed with its minutes */
  type_into_spin (start, "8:30");
  g_assert_cmpint (g_settings_get_int (p.settings, "working-day-start"), ==, 8 * 60 + 30);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (start)), ==, "08:30");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (start), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, "08:30");
  /* An hour alone, and one on a 12-hour clock */
  type_into_spin (start, "8");
  g_assert_cmpint (g_settings_get_int (p.settings, "working-day-start"), ==, 8 * 60);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (start)), ==, "08:00");
  type_into_spin (end, "6 PM");
  g_assert_cmpint (g_settings_get_int (p.settings, "working-day-end"), ==, 18 * 60);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end)), ==, "18:00");
  /* Words that are no time leave the setting, and show it again. */
  type_into_spin (start, "soon");
  g_assert_cmpint (g_settings_get_int (p.settings, "working-day-start"), ==, 8 * 60);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (start)), ==, "08:00");

  /* The Up arrow: an hour later */
  g_signal_emit_by_name (start, "change-value", GTK_SCROLL_STEP_UP);
  nudge_test_spin (20);
  g_assert_cmpint (g_settings_get_int (p.settings, "working-day-start"), ==, 9 * 60);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (start)), ==, "09:00");

  /* A time the command line set shows with its minutes. */
  g_settings_set_int (p.settings, "working-day-end", 16 * 60 + 45);
  nudge_test_spin (20);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end)), ==, "16:45");

  g_settings_reset (p.settings, "working-day-start");
  g_settings_reset (p.settings, "working-day-end");
  preferences_close (&p);
}

static guint
find_choice (AdwComboRow *row,
             const char  *name)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), name))
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* Preferences → Public holidays: "Automatic" with the country it means,
 * "None", then the countries; the choice is the setting, both ways. */
static void
test_holidays (void)
{
  Preferences p = { 0 };
  g_autofree char *chosen = NULL;
  GSettings *settings;
  AdwComboRow *row;

  preferences_open (&p);
  settings = p.settings;
  g_settings_set_string (settings, "holidays", "CZ");
  row = ADW_COMBO_ROW (nudge_test_find_row (p.window, "Public holidays"));
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_assert_cmpuint (find_choice (row, "Automatic (None)"), ==, 0);
  g_assert_cmpuint (find_choice (row, "None"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (row)), ==, 2 + NUDGE_HOLIDAYS_N_REGIONS - 1);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, find_choice (row, "Czechia"));

  adw_combo_row_set_selected (row, find_choice (row, "Poland"));
  chosen = g_settings_get_string (settings, "holidays");
  g_assert_cmpstr (chosen, ==, "PL");
  adw_combo_row_set_selected (row, 1);
  g_clear_pointer (&chosen, g_free);
  chosen = g_settings_get_string (settings, "holidays");
  g_assert_cmpstr (chosen, ==, "none");
  adw_combo_row_set_selected (row, 0);
  g_clear_pointer (&chosen, g_free);
  chosen = g_settings_get_string (settings, "holidays");
  g_assert_cmpstr (chosen, ==, "auto");

  g_settings_set_string (settings, "holidays", "GB");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, find_choice (row, "England and Wales"));
  g_settings_set_string (settings, "holidays", "");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 1);
  g_settings_reset (settings, "holidays");
  preferences_close (&p);
}

int
main (int argc, char *argv[])
{
  int ret;

  data_home = g_dir_make_tmp ("nudge-ui-backups-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  /* Accessible names and values kept for the tests to read */
  g_setenv ("GTK_A11Y", "test", TRUE);
  nudge_test_init (&argc, &argv, "C");
  adw_init ();

  g_test_add_func ("/ui/backups/restore-and-back", test_restore_and_back);
  g_test_add_func ("/ui/backups/damaged-book", test_damaged_book);
  g_test_add_func ("/ui/preferences/working-day", test_working_day);
  g_test_add_func ("/ui/preferences/working-hours-as-times", test_working_hours_as_times);
  g_test_add_func ("/ui/preferences/holidays", test_holidays);
  g_test_add_vtable ("/ui/backups/damage-bar", sizeof (NudgeTestBookWindow), NULL,
                     NUDGE_TEST_FUNC (nudge_test_book_window_set_up), NUDGE_TEST_FUNC (test_damage_bar),
                     NUDGE_TEST_FUNC (nudge_test_window_tear_down));
  ret = g_test_run ();
  nudge_test_remove_tree (data_home);
  g_free (data_home);
  return ret;
}
