/* test-ui-eml-drop.c — e-mails dropped on a deal's card, and the own
 * addresses in Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <time.h>

#include "nudge-clock.h"
#include "nudge-eml-drop.h"
#include "nudge-record-window.h"
#include "nudge-store.h"
#include "nudge-test-core.h"
#include "nudge-test-ui.h"

typedef NudgeTestBook Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  nudge_clock_pin (1772712000);
  f->store = nudge_test_book_open ("ui-eml", &f->dir, &f->path);
}

static void
done_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
}

static GFile *
data_file (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("NUDGE_SOURCE_DIR"), "tests", "data", "eml", name, NULL);

  return g_file_new_for_path (path);
}

static void
test_dropped_on_deal (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  const char *own[] = { "petra@mojefirma.cz", NULL };
  g_autoptr(NudgeDeal) deal = nudge_deal_new ();
  g_autoptr(GFile) mbox = data_file ("three.mbox");
  g_autoptr(GFile) alt = data_file ("multipart-alternative.eml");
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  GFile *files[2] = { mbox, alt };
  NudgeRecordWindow *card;
  GtkWidget *overlay;
  gboolean done = FALSE;
  guint n_out = 0;
  gint64 deal_id;

  g_settings_set_strv (settings, "own-addresses", own);
  g_object_set (deal, "title", "Servis lisů", NULL);
  deal_id = nudge_store_save_deal (f->store, deal, &error);
  g_assert_no_error (error);
  card = nudge_record_window_present (NULL, nudge_test_context (f->store, NULL), NUDGE_ENTITY_DEAL, deal_id);
  nudge_test_spin (200);
  overlay = nudge_test_find_widget (GTK_WIDGET (card), ADW_TYPE_TOAST_OVERLAY);
  g_assert_nonnull (overlay);

  /* What the card's drop target does with the dropped files. */
  nudge_eml_drop_files (ADW_TOAST_OVERLAY (overlay), f->store, files, 2, deal_id, 0, G_CALLBACK (done_cb), &done);
  for (guint i = 0; i < 100 && !done; i++)
    nudge_test_spin (50);
  g_assert_true (done);
  nudge_test_spin (300);
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (card), "4 e-mails logged"));

  history = nudge_store_list_activities (f->store, NUDGE_ENTITY_DEAL, deal_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 4);
  for (guint i = 0; i < history->len; i++)
    n_out += nudge_activity_get_direction (g_ptr_array_index (history, i)) == NUDGE_DIRECTION_OUT;
  g_assert_cmpuint (n_out, ==, 1);  /* "Second", from petra@ */

  /* Undo takes the four out of the timeline, and the deal's last touch
   * with them; dropped again, they are logged again. */
  g_assert_true (nudge_test_click_button (GTK_WIDGET (card), "_Undo"));
  nudge_test_spin (200);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = nudge_store_list_activities (f->store, NUDGE_ENTITY_DEAL, deal_id, &error);
  g_assert_cmpuint (history->len, ==, 0);
  g_clear_object (&deal);
  deal = nudge_store_get_deal (f->store, deal_id, &error);
  g_assert_cmpint (nudge_deal_get_last_activity_at (deal), ==, 0);
  done = FALSE;
  nudge_eml_drop_files (ADW_TOAST_OVERLAY (overlay), f->store, files, 2, deal_id, 0, G_CALLBACK (done_cb), &done);
  for (guint i = 0; i < 100 && !done; i++)
    nudge_test_spin (50);
  g_assert_true (done);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = nudge_store_list_activities (f->store, NUDGE_ENTITY_DEAL, deal_id, &error);
  g_assert_cmpuint (history->len, ==, 4);

  /* Dropped again: nothing new. */
  done = FALSE;
  nudge_eml_drop_files (ADW_TOAST_OVERLAY (overlay), f->store, files, 1, deal_id, 0, G_CALLBACK (done_cb), &done);
  for (guint i = 0; i < 100 && !done; i++)
    nudge_test_spin (50);
  g_assert_true (done);
  /* The first toast makes way after its timeout. */
  for (guint i = 0; i < 80 && !nudge_test_find_label (GTK_WIDGET (card), "0 e-mails logged, 3 already there"); i++)
    nudge_test_spin (100);
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (card), "0 e-mails logged, 3 already there"));
}

static gboolean
drop_busy (gpointer data)
{
  return !*(gboolean *) data;
}

/* Dropped on the window, an mbox of people the book does not know:
 * the toast names how many, its button adds them and logs their
 * messages (also once the mail client has deleted the file it dragged),
 * and Undo takes it all back. */
static void
test_strangers (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  const char *own[] = { "petra@mojefirma.cz", NULL };
  g_autoptr(GFile) source = data_file ("three.mbox");
  g_autofree char *dragged = g_build_filename (f->dir, "dragged.mbox", NULL);
  g_autoptr(GFile) mbox = g_file_new_for_path (dragged);
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  gboolean done = FALSE;

  g_assert_true (g_file_copy (source, mbox, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_settings_set_strv (settings, "own-addresses", own);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), gtk_label_new (""));
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
  gtk_window_present (GTK_WINDOW (window));
  nudge_test_spin (100);

  /* Jan Novák (twice, one of them written to) and a stranger */
  nudge_eml_drop_files (ADW_TOAST_OVERLAY (overlay), f->store, &mbox, 1, 0, 0, G_CALLBACK (done_cb), &done);
  g_assert_true (nudge_test_spin_while (drop_busy, &done, 10000));
  nudge_test_spin (200);
  g_assert_nonnull (nudge_test_find_label (window, "2 people of these e-mails are not in the book"));
  g_assert_null (nudge_test_find_label (window, "0 e-mails logged"));
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM activity"), ==, 0);

  g_assert_true (g_file_delete (mbox, NULL, &error));
  g_assert_no_error (error);
  done = FALSE;
  g_assert_true (nudge_test_click_button (window, "_Add Contacts"));
  g_assert_true (nudge_test_spin_while (drop_busy, &done, 10000));
  nudge_test_spin (200);
  g_assert_nonnull (nudge_test_find_label (window, "2 contacts added, 3 e-mails logged"));
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM contact WHERE name = 'Jan Novák'"
                                                " AND email = 'jan@firma.cz'"), ==, 1);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM activity a JOIN contact c ON c.id = a.contact_id"
                                                " WHERE c.email = 'stranger@example.org'"), ==, 1);

  /* libadwaita 1.2 crashes when a toast that replaced another is dismissed
   * before it has slid in (half a second): a person's click comes later. */
  nudge_test_spin (1000);
  g_assert_true (nudge_test_click_button (window, "_Undo"));
  nudge_test_spin (300);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM activity"), ==, 0);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM contact WHERE trashed_at IS NULL"), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_preferences_row (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_auto(GStrv) saved = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = nudge_eml_preferences_group_new (settings);
  GtkWidget *row;

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  nudge_test_spin (100);
  row = nudge_test_find_widget (group, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "petra@mojefirma.cz,  petra.svobodova@gmail.com; ");
  g_signal_emit_by_name (row, "apply");
  saved = g_settings_get_strv (settings, "own-addresses");
  g_assert_cmpuint (g_strv_length (saved), ==, 2);
  g_assert_cmpstr (saved[0], ==, "petra@mojefirma.cz");
  g_assert_cmpstr (saved[1], ==, "petra.svobodova@gmail.com");
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "dropped-on-deal", NUDGE_TEST_FUNC (test_dropped_on_deal) },
    { "strangers", NUDGE_TEST_FUNC (test_strangers) },
    { "preferences-row", NUDGE_TEST_FUNC (test_preferences_row) },
  };

  nudge_test_ui_init (&argc, &argv, NULL);

  nudge_test_add_table ("/ui/eml-drop/", Fixture, fixture_set_up, nudge_test_window_tear_down, cases);

  return g_test_run ();
}
