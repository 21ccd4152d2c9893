/* test-ui-import-preview.c — the preview before an import, in the real
 * window: counts of a file, a column mapped otherwise, counted again,
 * imported; a file with bad rows imported without them, its bad rows
 * saved as a file of their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "nudge-import-preview.h"
#include "nudge-list-view.h"
#include "nudge-records.h"
#include "nudge-store.h"
#include "nudge-window.h"
#include "nudge-test-core.h"
#include "nudge-test-ui.h"

typedef NudgeTestListWindow Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->book.store = nudge_test_book_open ("ui-preview", &f->book.dir, &f->book.path);
  nudge_test_add_contact (f->book.store, "name", "Jana Nováková", "phone", "+420 777 123 456", NULL);
  nudge_test_add_contact (f->book.store, "name", "Petr Svoboda", "phone", "602 111 222", NULL);

  f->window = nudge_test_window_new (f->book.store, "list", 0, 0);
  f->view = NUDGE_LIST_VIEW (nudge_test_find_widget (GTK_WIDGET (f->window), NUDGE_TYPE_LIST_VIEW));
  g_assert_nonnull (f->view);
  nudge_test_spin (300);
}

static void
wait_counted (NudgeImportPreview *preview)
{
  /* The window keeps drawing while the rows are counted on a worker */
  g_assert_true (nudge_test_spin_while ((NudgeTestBusyFunc) nudge_import_preview_is_busy, preview, 30000));
  nudge_test_spin (50);
}

/* @preview counted @n_new rows to add, @n_updated to update,
 * @n_unchanged to leave as they are and @n_errors it cannot read. */
static void
assert_counts (NudgeImportPreview *preview,
               guint               n_new,
               guint               n_updated,
               guint               n_unchanged,
               guint               n_errors)
{
  guint counted_new, counted_updated, counted_unchanged, counted_errors;

  nudge_import_preview_get_counts (preview, &counted_new, &counted_updated, &counted_unchanged, &counted_errors);
  g_assert_cmpuint (counted_new, ==, n_new);
  g_assert_cmpuint (counted_updated, ==, n_updated);
  g_assert_cmpuint (counted_unchanged, ==, n_unchanged);
  g_assert_cmpuint (counted_errors, ==, n_errors);
}

static gboolean
is_combo_row_titled (GtkWidget     *widget,
                     gconstpointer  title)
{
  return ADW_IS_COMBO_ROW (widget) && nudge_test_is_row_titled (widget, title);
}

static guint
position_of (GListModel *labels,
             const char *label)
{
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (labels), i), label))
      return i;
  g_assert_not_reached ();
}

static gint64
count_contacts (Fixture *f)
{
  g_autoptr(GPtrArray) contacts = nudge_store_list_contacts (f->book.store, NULL);

  return contacts->len;
}

static void
preview_import_cb (NudgeImportPreview *preview,
                   GHashTable         *mapping,
                   Fixture            *f)
{
  nudge_list_view_import_previewed (f->view, preview, mapping);
}

/* The preview of a file @name holding @csv, to import as @entity,
 * counted; its Import imports through the list view */
static NudgeImportPreview *
open_preview (Fixture     *f,
              NudgeEntity  entity,
              const char  *name,
              const char  *csv)
{
  g_autofree char *csv_path = g_build_filename (f->book.dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv_path);
  NudgeImportPreview *preview;

  g_assert_true (g_file_set_contents (csv_path, csv, -1, NULL));
  nudge_list_view_set_entity (f->view, entity);
  preview = NUDGE_IMPORT_PREVIEW (nudge_import_preview_new (GTK_WINDOW (f->window), nudge_window_get_context (f->window),
                                                            entity, file, "CZK"));
  g_signal_connect (preview, "import", G_CALLBACK (preview_import_cb), f);
  gtk_window_present (GTK_WINDOW (preview));
  wait_counted (preview);
  return preview;
}

/* Import, as its button: the list view imports on its worker with the
 * mapping, and succeeds */
static void
import_from_preview (Fixture            *f,
                     NudgeImportPreview *preview)
{
  NudgeTestImport outcome = { 0 };

  nudge_list_view_set_import_done_hook (f->view, nudge_test_import_done_cb, &outcome);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.import", NULL));
  nudge_test_wait_import (&outcome, 30);
  g_assert_true (outcome.ok);
  nudge_list_view_set_import_done_hook (f->view, NULL, NULL);
}

static void
test_map_count_import (Fixture       *f,
                       gconstpointer  data)
{
  const char *csv = "Name,Mobile number,Job title\n"
                    "Jana Nováková,777 123 456,Buyer\n"
                    "Petr Svoboda,602 111 222,\n"
                    "Eva Malá,731 000 111,CEO\n";
  NudgeImportPreview *preview;
  GtkWidget *row;

  preview = open_preview (f, NUDGE_ENTITY_CONTACT, "people.csv", csv);

  /* "Mobile number" names no field: the rows match by name alone,
   * which the book's contacts (no company) share. */
  assert_counts (preview, 1, 1, 1, 0);
  row = nudge_test_find (GTK_WIDGET (preview), NUDGE_TEST_ANY, is_combo_row_titled, "Mobile number");
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "777 123 456");

  /* The job title left out, as a person would choose in its drop-down:
   * counted again, on a worker */
  row = nudge_test_find (GTK_WIDGET (preview), NUDGE_TEST_ANY, is_combo_row_titled, "Job title");
  g_assert_nonnull (row);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  g_assert_true (nudge_import_preview_is_busy (preview));
  wait_counted (preview);
  assert_counts (preview, 1, 0, 2, 0);

  /* Mobile number as the phone, the title back */
  row = nudge_test_find (GTK_WIDGET (preview), NUDGE_TEST_ANY, is_combo_row_titled, "Mobile number");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                              position_of (adw_combo_row_get_model (ADW_COMBO_ROW (row)), "Phone"));
  g_assert_true (nudge_import_preview_set_column_field (preview, "Job title", "job-title"));
  wait_counted (preview);
  assert_counts (preview, 1, 1, 1, 0);
  g_assert_cmpint (count_contacts (f), ==, 2);

  import_from_preview (f, preview);
  g_assert_cmpint (count_contacts (f), ==, 3);
  {
    g_autoptr(GPtrArray) contacts = nudge_store_list_contacts (f->book.store, NULL);
    NudgeContact *eva = nudge_test_find_contact (contacts, "Eva Malá");

    g_assert_cmpstr (nudge_contact_get_phone (eva), ==, "731 000 111");
    g_assert_cmpstr (nudge_contact_get_title (eva), ==, "CEO");
    g_assert_cmpstr (nudge_contact_get_title (nudge_test_find_contact (contacts, "Jana Nováková")), ==, "Buyer");
  }
}

/* No column is taken for the name: the file is not refused outright,
 * the user says which column is. */
static void
test_map_the_name (Fixture       *f,
                   gconstpointer  data)
{
  NudgeImportPreview *preview;

  preview = open_preview (f, NUDGE_ENTITY_CONTACT, "lidi.csv", "Osoba kontaktu;Mobil\nEva Malá;731 000 111\n");
  assert_counts (preview, 0, 0, 0, 1);
  g_assert_nonnull (nudge_test_find (GTK_WIDGET (preview), NUDGE_TEST_VISIBLE, is_combo_row_titled, "Osoba kontaktu"));

  g_assert_true (nudge_import_preview_set_column_field (preview, "Osoba kontaktu", "name"));
  wait_counted (preview);
  assert_counts (preview, 1, 0, 0, 0);
  gtk_window_destroy (GTK_WINDOW (preview));
}

/* A column with nothing in the file's first row is named by its place,
 * for the eye and for a screen reader, and can still be mapped: the
 * import finds it as the file has it. */
static void
test_nameless_column (Fixture       *f,
                      gconstpointer  data)
{
  NudgeImportPreview *preview;
  g_autoptr(GPtrArray) contacts = NULL;
  GtkWidget *row;

  preview = open_preview (f, NUDGE_ENTITY_CONTACT, "bez-hlavicky.csv", "Name,\nEva Malá,731 000 111\n");
  assert_counts (preview, 1, 0, 0, 0);
  row = nudge_test_find (GTK_WIDGET (preview), NUDGE_TEST_VISIBLE, is_combo_row_titled, "Column 2");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "731 000 111");

  adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                              position_of (adw_combo_row_get_model (ADW_COMBO_ROW (row)), "Phone"));
  wait_counted (preview);
  import_from_preview (f, preview);
  contacts = nudge_store_list_contacts (f->book.store, NULL);
  g_assert_cmpstr (nudge_contact_get_phone (nudge_test_find_contact (contacts, "Eva Malá")), ==, "731 000 111");
}

/* A deals file the book has in part: the preview counts the deals it
 * would update and leave as they are, says where a deal's changes go,
 * and the import adds only the new one. */
static void
test_deals_again (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) deals = NULL;
  const char *csv = "Deal,Company,Stage\n"
                    "Coffee machines,Hotel Praha,Negotiation\n"
                    "website redesign,,Lead in\n"
                    "Catering,Hotel Praha,Lead in\n";
  NudgeImportPreview *preview;
  GtkWidget *row;

  nudge_test_add_deal (f->book.store, "title", "Coffee machines", "company-id",
                       nudge_test_add_named_company (f->book.store, "Hotel Praha"),
                       "stage-id", nudge_test_stage_id (f->book.store, "Proposal sent"), NULL);
  nudge_test_add_titled_deal (f->book.store, "Website redesign");
  preview = open_preview (f, NUDGE_ENTITY_DEAL, "deals.csv", csv);

  assert_counts (preview, 1, 2, 0, 0);
  row = nudge_test_find_row (GTK_WIDGET (preview), "Coffee machines");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "stage Proposal sent → Negotiation");
  row = nudge_test_find_row (GTK_WIDGET (preview), "Updated");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "timeline"));

  import_from_preview (f, preview);
  deals = nudge_store_list_deals (f->book.store, NULL);
  g_assert_cmpuint (deals->len, ==, 3);
  g_assert_cmpstr (nudge_deal_get_stage_name (nudge_test_find_deal (deals, "Coffee machines")), ==, "Negotiation");
  g_assert_nonnull (nudge_test_find_deal (deals, "website redesign"));
}

/* While the row that saves the rows with errors does not say where
 * they went */
static gboolean
errors_not_saved (gpointer row)
{
  return !g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Saved to ");
}

/* A deals file with two bad rows: Import says it leaves them out, Save
 * Rows with Errors writes them beside the file (through the file
 * chooser, as a person does), and the import adds the good rows and
 * says how many it skipped. A file of bad rows only imports nothing. */
static void
test_skip_and_save (Fixture       *f,
                    gconstpointer  data)
{
  static const char csv[] =
    "Deal;Amount;Contact\n"
    "Coffee machines;125 000;Jana Nováková\n"
    "Catering;n/a;\n"
    "Office fit-out;980 000;\n"
    "Website redesign;48 000;Nobody Known\n";
  static const char saved[] =
    "\xEF\xBB\xBF" "Deal;Amount;Contact;\"Error\"\n"
    "Catering;n/a;;\"“n/a” is not an amount (e.g. 12500 or 12 500,50)\"\n"
    "Website redesign;48 000;Nobody Known;\"There is no contact “Nobody Known”; import the contacts first\"\n";
  g_autofree char *saved_path = g_build_filename (f->book.dir, "deals-errors.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *saved_to = NULL;
  g_autoptr(GPtrArray) deals = NULL;
  NudgeImportPreview *preview;
  GtkWidget *button, *row;
  GtkWindow *chooser = NULL;
  guint n_new, n_updated, n_unchanged, n_errors;

  preview = open_preview (f, NUDGE_ENTITY_DEAL, "deals.csv", csv);
  nudge_import_preview_get_counts (preview, &n_new, &n_updated, &n_unchanged, &n_errors);
  g_assert_cmpuint (n_new, ==, 2);
  g_assert_cmpuint (n_errors, ==, 2);
  button = nudge_test_find_button (GTK_WIDGET (preview), "_Import and Skip 2 Rows");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==,
                   "Imports the other rows; the 2 rows with errors are left out");

  /* Saved through the file chooser, under the name it offers, beside the file */
  nudge_test_spin (500);
  g_assert_true (nudge_test_click_button (GTK_WIDGET (preview), "_Save Rows with Errors…"));
  for (guint tries = 0; tries < 50 && chooser == NULL; tries++)
    {
      nudge_test_spin (100);
      chooser = nudge_test_find_toplevel (GTK_TYPE_FILE_CHOOSER);
    }
  g_assert_nonnull (chooser);
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, "Save Rows with Errors");
  {
    g_autofree char *name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
    g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
    g_autofree char *folder_path = g_file_get_path (folder);

    g_assert_cmpstr (name, ==, "deals-errors.csv");
    g_assert_cmpstr (folder_path, ==, f->book.dir);
  }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  row = nudge_test_find_row (GTK_WIDGET (preview), "Correct and import again");
  g_assert_nonnull (row);
  g_assert_true (nudge_test_spin_while (errors_not_saved, row, 10000));
  saved_to = g_strdup_printf ("Saved to %s", saved_path);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, saved_to);
  g_assert_true (g_file_get_contents (saved_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, saved);

  import_from_preview (f, preview);
  deals = nudge_store_list_deals (f->book.store, NULL);
  g_assert_cmpuint (deals->len, ==, 2);
  g_assert_nonnull (nudge_test_find_deal (deals, "Coffee machines"));
  g_assert_nonnull (nudge_test_find_deal (deals, "Office fit-out"));
  nudge_test_spin (300);
  nudge_test_wait_label (GTK_WIDGET (f->window),
                         "2 deals imported, 2 rows skipped");

  /* Nothing but bad rows: nothing to import */
  preview = open_preview (f, NUDGE_ENTITY_DEAL, "bad.csv", "Deal;Amount\nCatering;n/a\n");
  button = nudge_test_find_button (GTK_WIDGET (preview), "_Import");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "No row of the file can be imported as it is");
  g_assert_nonnull (nudge_test_find_row (GTK_WIDGET (preview), "Correct and import again"));
  g_assert_null (nudge_test_find_row (GTK_WIDGET (preview), "And 0 more rows with errors"));
  gtk_window_destroy (GTK_WINDOW (preview));

  /* More bad rows than the preview lists: the rest are counted. */
  {
    g_autoptr(GString) many = g_string_new ("Deal;Amount\n");

    for (guint i = 0; i < 23; i++)
      g_string_append_printf (many, "Catering %u;n/a\n", i);
    preview = open_preview (f, NUDGE_ENTITY_DEAL, "many.csv", many->str);
  }
  nudge_import_preview_get_counts (preview, &n_new, &n_updated, &n_unchanged, &n_errors);
  g_assert_cmpuint (n_errors, ==, 23);
  row = nudge_test_find_row (GTK_WIDGET (preview), "And 3 more rows with errors");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Save Rows with Errors… writes every one of them");
  gtk_window_destroy (GTK_WINDOW (preview));
}

static gboolean
has_errors (gpointer preview)
{
  guint n_new, n_updated, n_unchanged, n_errors;

  nudge_import_preview_get_counts (preview, &n_new, &n_updated, &n_unchanged, &n_errors);
  return nudge_import_preview_is_busy (preview) || n_errors > 0;
}

/* The seller corrects the file in a spreadsheet and saves it while the
 * preview is open: the preview counts it again by itself, and Import
 * takes the corrected row. */
static void
test_corrected_while_open (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->book.dir, "deals.csv", NULL);
  g_autoptr(GPtrArray) deals = NULL;
  NudgeImportPreview *preview;

  preview = open_preview (f, NUDGE_ENTITY_DEAL, "deals.csv", "Deal;Amount\nCoffee machines;125 000\nCatering;n/a\n");
  assert_counts (preview, 1, 0, 0, 1);
  g_assert_true (g_file_set_contents (path, "Deal;Amount\nCoffee machines;125 000\nCatering;12 000\n", -1, NULL));
  g_assert_true (nudge_test_spin_while (has_errors, preview, 10000));
  assert_counts (preview, 2, 0, 0, 0);
  g_assert_nonnull (nudge_test_find_button (GTK_WIDGET (preview), "_Import"));

  import_from_preview (f, preview);
  deals = nudge_store_list_deals (f->book.store, NULL);
  g_assert_cmpuint (deals->len, ==, 2);
  g_assert_cmpint (nudge_deal_get_amount_minor (nudge_test_find_deal (deals, "Catering")), ==, 1200000);
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "map-count-import", NUDGE_TEST_FUNC (test_map_count_import) },
    { "map-the-name", NUDGE_TEST_FUNC (test_map_the_name) },
    { "deals-again", NUDGE_TEST_FUNC (test_deals_again) },
    { "skip-and-save", NUDGE_TEST_FUNC (test_skip_and_save) },
    { "corrected-while-open", NUDGE_TEST_FUNC (test_corrected_while_open) },
    { "nameless-column", NUDGE_TEST_FUNC (test_nameless_column) },
  };

  g_setenv ("TZ", "Europe/Prague", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  nudge_test_add_table ("/ui/import-preview/", Fixture, fixture_set_up, nudge_test_window_tear_down, cases);

  return g_test_run ();
}
