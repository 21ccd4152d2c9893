/* test-import-skip.c — an import that leaves out the rows its dry run
 * found wrong: the good rows in, Undo, a row gone bad since still
 * stopping it all, and the bad rows written out and read again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "nudge-import.h"
#include "nudge-records.h"
#include "nudge-store.h"
#include "nudge-test-core.h"

typedef NudgeTestBook Fixture;

/* A Pipedrive-like sheet of a Czech seller: ";" and CRLF, a BOM, a
 * note over two lines; line 3 has an amount that is none (and a note
 * over two lines), line 6 a contact the book lacks, line 7 a deal
 * title two deals of the book share. */
static const char deals_csv[] =
  "\xEF\xBB\xBF" "Deal;Company;Amount;Contact;Notes\r\n"
  "Coffee machines;Hotel Praha;125 000;Jana Nováková;\r\n"
  "Catering;Hotel Praha;n/a;;\"Ask about \"\"lunch\"\"\r\nand dinner\"\r\n"
  "Office fit-out;Stavby Morava;980 000;;\r\n"
  "Website redesign;;48 000;Nobody Known;\r\n"
  "Service renewal;;12 000;;\r\n"
  "Fleet;Nová firma;5 000;;\r\n";

static const guint bad_lines[] = { 3, 6, 7 };

static void
add_book (Fixture *f)
{
  gint64 hotel = nudge_test_add_named_company (f->store, "Hotel Praha");

  nudge_test_add_contact (f->store, "name", "Jana Nováková", "company-id", hotel, NULL);
  nudge_test_add_deal (f->store, "title", "Coffee machines", "company-id", hotel, NULL);
  /* Won last year and lost this year: neither is the one the row means */
  nudge_test_add_deal (f->store, "title", "Service renewal", "status", NUDGE_DEAL_WON, NULL);
  nudge_test_add_deal (f->store, "title", "Service renewal", "status", NUDGE_DEAL_LOST, NULL);
}

/* The deals and companies not in the trash, every column that an
 * import writes */
static char *
deal_rows (Fixture *f)
{
  return nudge_test_store_text (f->store,
    "SELECT COALESCE((SELECT group_concat(title || '/' || COALESCE(amount_minor, '') || '/' || currency || '/'"
    "   || stage_id || '/' || COALESCE(company_id, '') || '/' || COALESCE(contact_id, '') || '/' || notes, ';')"
    "   FROM deal WHERE trashed_at IS NULL), '') || '|' ||"
    " COALESCE((SELECT group_concat(name, ';') FROM company WHERE trashed_at IS NULL), '') || '|' ||"
    " (SELECT COUNT(*) FROM stage_change sc JOIN deal d ON d.id = sc.deal_id WHERE d.trashed_at IS NULL)");
}

static gboolean
import_csv (Fixture           *f,
            NudgeEntity        entity,
            const char        *text,
            gsize              length,
            gboolean           dry_run,
            const GArray      *skip_lines,
            NudgeImportResult *result,
            GError           **error)
{
  NudgeImportOptions options = { .dry_run = dry_run, .skip_lines = skip_lines };

  return nudge_import_csv_with_options (f->store, entity, text, length, "CZK", &options, NULL, result, error);
}

/* The dry run of @text: its bad lines are @lines */
static void
dry_run (Fixture           *f,
         const char        *text,
         gsize              length,
         const guint       *lines,
         guint              n_lines,
         NudgeImportResult *result)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (import_csv (f, NUDGE_ENTITY_DEAL, text, length, TRUE, NULL, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_errors, ==, n_lines);
  g_assert_cmpuint (result->error_lines->len, ==, n_lines);
  g_assert_cmpuint (result->error_records->len, ==, n_lines);
  g_assert_cmpuint (result->error_messages->len, ==, n_lines);
  for (guint i = 0; i < n_lines; i++)
    g_assert_cmpuint (g_array_index (result->error_lines, guint, i), ==, lines[i]);
}

/* @text imported leaving out the rows that the dry run @checked found
 * wrong: it goes in, and counts them as left out. */
static void
import_skipping (Fixture                 *f,
                 NudgeEntity              entity,
                 const char              *text,
                 const NudgeImportResult *checked,
                 NudgeImportResult       *result)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (import_csv (f, entity, text, strlen (text), FALSE, checked->error_lines, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_skipped, ==, checked->error_lines->len);
}

/* The good rows go in, the bad ones are left out and counted; Undo
 * takes back exactly what went in. */
static void
test_good_rows_in (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeImportUndo) undo = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  NudgeImportResult checked = { 0 }, result = { 0 };

  add_book (f);
  before = deal_rows (f);
  dry_run (f, deals_csv, strlen (deals_csv), bad_lines, G_N_ELEMENTS (bad_lines), &checked);
  g_assert_cmpuint (checked.n_new, ==, 2);
  g_assert_cmpuint (checked.n_updated, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (checked.error_messages, 0), ==,
                   "“n/a” is not an amount (e.g. 12500 or 12 500,50)");
  g_assert_cmpstr (g_ptr_array_index (checked.errors, 0), ==,
                   "Line 3: “n/a” is not an amount (e.g. 12500 or 12 500,50)");
  /* The record as the file has it: quotes doubled, the line break kept */
  g_assert_cmpstr (g_ptr_array_index (checked.error_records, 0), ==,
                   "Catering;Hotel Praha;n/a;;\"Ask about \"\"lunch\"\"\r\nand dinner\"");
  g_assert_cmpstr (after = deal_rows (f), ==, before);
  g_clear_pointer (&after, g_free);

  import_skipping (f, NUDGE_ENTITY_DEAL, deals_csv, &checked, &result);
  g_assert_cmpuint (result.n_errors, ==, 0);
  g_assert_cmpuint (result.n_new, ==, 2);
  g_assert_cmpuint (result.n_updated, ==, 1);
  g_assert_cmpuint (result.n_companies_added, ==, 2);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM deal"), ==, 5);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT amount_minor FROM deal WHERE title = 'Coffee machines'"),
                   ==, 12500000);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM deal WHERE title IN ('Catering', 'Website redesign')"),
                   ==, 0);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM deal d JOIN company c ON c.id = d.company_id"
                                                   " WHERE d.title = 'Fleet' AND c.name = 'Nová firma'"), ==, 1);

  undo = nudge_import_undo_new (NUDGE_ENTITY_DEAL, &result);
  g_assert_true (nudge_import_undo (f->store, undo, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (after = deal_rows (f), ==, before);
  nudge_import_result_clear (&checked);
  nudge_import_result_clear (&result);
}

/* A company a bad row made in the dry run is forgotten with the row: a
 * later row naming it makes it, as the import will. */
static void
test_bad_row_company_forgotten (Fixture       *f,
                                gconstpointer  data)
{
  static const char csv[] =
    "Deal,Company,Currency\n"
    "Fleet,Nová firma,KORUNY\n"
    "Trucks,Nová firma,CZK\n"
    "Vans,nová firma,\n";
  static const guint lines[] = { 2 };
  NudgeImportResult checked = { 0 }, result = { 0 };

  dry_run (f, csv, strlen (csv), lines, G_N_ELEMENTS (lines), &checked);
  g_assert_cmpuint (checked.n_new, ==, 2);
  g_assert_cmpuint (checked.n_companies_added, ==, 1);

  import_skipping (f, NUDGE_ENTITY_DEAL, csv, &checked, &result);
  g_assert_cmpuint (result.n_records, ==, 2);
  g_assert_cmpuint (result.n_companies_added, ==, 1);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(DISTINCT company_id) FROM deal"), ==, 1);
  nudge_import_result_clear (&checked);
  nudge_import_result_clear (&result);
}

/* A row good in the dry run and bad by the time of the import (the
 * book changed in between) still stops it all: nothing is written. */
static void
test_row_gone_bad_stops_all (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  NudgeImportResult checked = { 0 }, result = { 0 };

  add_book (f);
  dry_run (f, deals_csv, strlen (deals_csv), bad_lines, G_N_ELEMENTS (bad_lines), &checked);
  /* Another "Office fit-out" at Stavby Morava, open: line 5 now names two */
  {
    gint64 stavby = nudge_test_add_named_company (f->store, "Stavby Morava");

    nudge_test_add_deal (f->store, "title", "Office fit-out", "company-id", stavby, NULL);
    nudge_test_add_deal (f->store, "title", "Office fit-out", "company-id", stavby, NULL);
  }
  before = deal_rows (f);
  g_assert_false (import_csv (f, NUDGE_ENTITY_DEAL, deals_csv, strlen (deals_csv), FALSE, checked.error_lines, &result, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Line 5: More than one deal"));
  g_assert_cmpstr (after = deal_rows (f), ==, before);
  nudge_import_result_clear (&checked);
  nudge_import_result_clear (&result);
}

/* A line to leave out that starts no row of the file: not the file the
 * dry run read, nothing is written. */
static void
test_other_file_refused (Fixture       *f,
                         gconstpointer  data)
{
  static const char csv[] = "Deal,Notes\nFleet,\"two\nlines\"\nTrucks,\n";
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  NudgeImportResult result = { 0 };
  guint line = 3;

  g_array_append_val (lines, line);
  g_assert_false (import_csv (f, NUDGE_ENTITY_DEAL, csv, strlen (csv), FALSE, lines, &result, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "changed since"));
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM deal"), ==, 0);
  nudge_import_result_clear (&result);
}

/* The file saved again after its dry run (a bad row corrected on its
 * line): the import by that dry run's lines and checksum is refused,
 * nothing written; the same file imports. */
static void
test_file_saved_again_refused (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("nudge-skip-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "deals.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  NudgeImportResult checked = { 0 }, result = { 0 };
  NudgeImportOptions options = { .dry_run = TRUE };

  g_assert_true (g_file_set_contents (path, "Deal,Amount\nFleet,n/a\nTrucks,100\n", -1, NULL));
  g_assert_true (nudge_import_file_with_options (f->store, NUDGE_ENTITY_DEAL, file, "CZK", &options, NULL,
                                                 &checked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (checked.n_errors, ==, 1);
  g_assert_nonnull (checked.checksum);

  options = (NudgeImportOptions) { .skip_lines = checked.error_lines, .expected_checksum = checked.checksum };
  g_assert_true (g_file_set_contents (path, "Deal,Amount\nFleet,250\nTrucks,100\n", -1, NULL));
  g_assert_false (nudge_import_file_with_options (f->store, NUDGE_ENTITY_DEAL, file, "CZK", &options, NULL,
                                                  &result, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CHANGED);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM deal"), ==, 0);
  g_clear_error (&error);
  nudge_import_result_clear (&result);

  g_assert_true (g_file_set_contents (path, "Deal,Amount\nFleet,n/a\nTrucks,100\n", -1, NULL));
  g_assert_true (nudge_import_file_with_options (f->store, NUDGE_ENTITY_DEAL, file, "CZK", &options, NULL,
                                                 &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_skipped, ==, 1);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM deal"), ==, 1);
  nudge_import_result_clear (&checked);
  nudge_import_result_clear (&result);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The bad rows written out read again as the same records, each with
 * its message in the added column, in the file's separator and line
 * ends; corrected, the file imports. */
static void
test_error_file_reads_again (Fixture       *f,
                             gconstpointer  data)
{
  static const char error_rows[] =
    "\xEF\xBB\xBF" "Deal;Company;Amount;Contact;Notes;\"Error\"\r\n"
    "Catering;Hotel Praha;n/a;;\"Ask about \"\"lunch\"\"\r\nand dinner\";"
    "\"“n/a” is not an amount (e.g. 12500 or 12 500,50)\"\r\n"
    "Website redesign;;48 000;Nobody Known;;"
    "\"There is no contact “Nobody Known”; import the contacts first\"\r\n"
    "Service renewal;;12 000;;;"
    "\"More than one deal in the book is called “Service renewal” and has no company: "
    "rename one of them, then import the file again\"\r\n";
  static const guint again_lines[] = { 2, 4, 5 };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fixed = NULL;
  g_autofree char *notes = NULL;
  NudgeImportResult checked = { 0 }, again = { 0 }, result = { 0 };
  NudgeImportColumn *last;
  const char *text;
  gsize length;

  add_book (f);
  dry_run (f, deals_csv, strlen (deals_csv), bad_lines, G_N_ELEMENTS (bad_lines), &checked);
  bytes = nudge_import_write_error_rows (&checked);
  g_assert_nonnull (bytes);
  text = g_bytes_get_data (bytes, &length);
  g_assert_cmpmem (text, length, error_rows, strlen (error_rows));

  /* Read again: the same rows are wrong, for the same reasons; the
   * added column is one no field takes, and not said to be left out */
  dry_run (f, text, length, again_lines, G_N_ELEMENTS (again_lines), &again);
  g_assert_cmpuint (again.n_new + again.n_updated + again.n_unchanged, ==, 0);
  g_assert_cmpuint (again.ignored_columns->len, ==, 0);
  last = g_ptr_array_index (again.columns, again.columns->len - 1);
  g_assert_cmpstr (last->name, ==, "Error");
  g_assert_cmpstr (last->field, ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (again_lines); i++)
    {
      const char *record = g_ptr_array_index (checked.error_records, i);

      g_assert_cmpstr (g_ptr_array_index (again.error_messages, i), ==, g_ptr_array_index (checked.error_messages, i));
      g_assert_true (g_str_has_prefix (g_ptr_array_index (again.error_records, i), record));
      g_assert_cmpint (((char *) g_ptr_array_index (again.error_records, i))[strlen (record)], ==, ';');
    }

  /* Corrected as a seller would: the amount, the contact, a company */
  {
    g_autoptr(GString) edited = g_string_new_len (text, length);

    g_string_replace (edited, ";n/a;", ";9 500;", 1);
    g_string_replace (edited, "Nobody Known", "Jana Nováková", 1);
    g_string_replace (edited, "Service renewal;;", "Service renewal;Hotel Praha;", 1);
    fixed = g_string_free (g_steal_pointer (&edited), FALSE);
  }
  g_assert_true (import_csv (f, NUDGE_ENTITY_DEAL, fixed, strlen (fixed), FALSE, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_records, ==, 3);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT amount_minor FROM deal WHERE title = 'Catering'"), ==, 950000);
  notes = nudge_test_store_text (f->store, "SELECT notes FROM deal WHERE title = 'Catering'");
  g_assert_cmpstr (notes, ==, "Ask about \"lunch\"\nand dinner");
  nudge_import_result_clear (&checked);
  nudge_import_result_clear (&again);
  nudge_import_result_clear (&result);
}

/* A sheet of one column and no separator: the added column goes after
 * a tab, and a cell with a comma stays one cell. */
static void
test_error_file_of_one_column (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *long_name = g_strnfill (600, 'x');
  g_autofree char *csv = g_strdup_printf ("Name\nNovák, Jan\n%s\n", long_name);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  NudgeImportResult checked = { 0 }, again = { 0 };
  const char *text;
  gsize length;

  g_assert_true (import_csv (f, NUDGE_ENTITY_CONTACT, csv, strlen (csv), TRUE, NULL, &checked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (checked.n_errors, ==, 1);
  g_assert_cmpuint (checked.n_new, ==, 1);
  bytes = nudge_import_write_error_rows (&checked);
  text = g_bytes_get_data (bytes, &length);
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "Name\t\"Error\"\n"));
  g_assert_true (import_csv (f, NUDGE_ENTITY_CONTACT, text, length, TRUE, NULL, &again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again.n_errors, ==, 1);
  g_assert_cmpuint (g_array_index (again.error_lines, guint, 0), ==, 2);
  g_assert_cmpstr (g_ptr_array_index (again.error_messages, 0), ==, g_ptr_array_index (checked.error_messages, 0));
  nudge_import_result_clear (&checked);
  nudge_import_result_clear (&again);
}

/* A vCard's bad card is left out by its BEGIN line; a vCard file has no
 * sheet to write its bad cards back into. */
static void
test_vcard_card_left_out (Fixture       *f,
                          gconstpointer  data)
{
  static const char vcf[] =
    "BEGIN:VCARD\nVERSION:3.0\nFN:Jana Nováková\nEMAIL:jana@hotelpraha.cz\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nFN:Petr Svoboda\nEMAIL:petr at stavby\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nFN:Eva Malá\nTEL:731 000 111\nEND:VCARD\n";
  g_autoptr(GError) error = NULL;
  NudgeImportResult checked = { 0 }, result = { 0 };

  g_assert_true (import_csv (f, NUDGE_ENTITY_CONTACT, vcf, strlen (vcf), TRUE, NULL, &checked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (checked.error_lines->len, ==, 1);
  g_assert_cmpuint (g_array_index (checked.error_lines, guint, 0), ==, 6);
  g_assert_null (nudge_import_write_error_rows (&checked));

  import_skipping (f, NUDGE_ENTITY_CONTACT, vcf, &checked, &result);
  g_assert_cmpuint (result.n_records, ==, 2);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM contact WHERE name = 'Petr Svoboda'"), ==, 0);
  nudge_import_result_clear (&checked);
  nudge_import_result_clear (&result);
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "good-rows-in", NUDGE_TEST_FUNC (test_good_rows_in) },
    { "bad-row-company-forgotten", NUDGE_TEST_FUNC (test_bad_row_company_forgotten) },
    { "row-gone-bad-stops-all", NUDGE_TEST_FUNC (test_row_gone_bad_stops_all) },
    { "other-file-refused", NUDGE_TEST_FUNC (test_other_file_refused) },
    { "file-saved-again-refused", NUDGE_TEST_FUNC (test_file_saved_again_refused) },
    { "error-file-reads-again", NUDGE_TEST_FUNC (test_error_file_reads_again) },
    { "error-file-of-one-column", NUDGE_TEST_FUNC (test_error_file_of_one_column) },
    { "vcard-card-left-out", NUDGE_TEST_FUNC (test_vcard_card_left_out) },
  };

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("NUDGE_NOW", "2026-03-29T09:00", TRUE);
  nudge_test_init (&argc, &argv, NULL);

  nudge_test_add_table ("/core/import-skip/", Fixture, nudge_test_book_set_up, nudge_test_book_tear_down, cases);

  return g_test_run ();
}
