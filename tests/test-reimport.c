/* test-reimport.c — imports that can be repeated: matching, updates in
 * the timeline, dry runs and mappings, on a real book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "nudge-clock.h"
#include "nudge-import.h"
#include "nudge-records.h"
#include "nudge-store.h"
#include "nudge-store-private.h"
#include "nudge-test-core.h"
#include "nudge-test-import.h"

typedef NudgeTestBook Fixture;

#define dry_run_ok(f, ...) nudge_test_import_checked ((f)->store, TRUE, __VA_ARGS__)
#define import_ok(f, ...)  nudge_test_import_checked ((f)->store, FALSE, __VA_ARGS__)

/* One import of a test's story, as nudge_test_import_checked() takes it. */
typedef struct
{
  gboolean     dry_run;
  NudgeEntity  entity;
  const char  *text;
  guint        n_new;
  guint        n_updated;
  guint        n_unchanged;
} ImportStep;

static void
import_steps (Fixture          *f,
              const ImportStep *steps,
              gsize             n_steps)
{
  for (gsize i = 0; i < n_steps; i++)
    nudge_test_import_checked (f->store, steps[i].dry_run, steps[i].entity, steps[i].text,
                    steps[i].n_new, steps[i].n_updated, steps[i].n_unchanged);
}

/* Importing @text (after a dry run of it, with @dry_run_first) again
 * finds its @n_unchanged contacts unchanged and changes nothing. */
static void
assert_reimport_changes_nothing (Fixture    *f,
                                 const char *text,
                                 guint       n_unchanged,
                                 gboolean    dry_run_first)
{
  g_autofree char *before = nudge_test_import_snapshot (f->store);
  g_autofree char *after = NULL;

  if (dry_run_first)
    dry_run_ok (f, NUDGE_ENTITY_CONTACT, text, 0, 0, n_unchanged);
  import_ok (f, NUDGE_ENTITY_CONTACT, text, 0, 0, n_unchanged);
  after = nudge_test_import_snapshot (f->store);
  g_assert_cmpstr (before, ==, after);
}

static const char contacts_csv[] =
  "Name,E-mail,Phone,Company,Job title,Notes\n"
  "Jana Nováková,jana@stavby.cz,777 123 456,Stavby Morava,Buyer,Met in Brno\n"
  "Petr Svoboda,,+420 602 111 222,Škoda Auto,CEO,\n"
  "Olena Kovalenko,olena@example.ua,,,,\n";

static void
test_same_csv_twice (Fixture       *f,
                     gconstpointer  data)
{
  import_ok (f, NUDGE_ENTITY_CONTACT, contacts_csv, 3, 0, 0);
  assert_reimport_changes_nothing (f, contacts_csv, 3, FALSE);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM import_change"), ==, 0);
}

static const char vcard_text[] =
  "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jana Nováková\r\nN:Nováková;Jana;;;\r\n"
  "ORG:Stavby Morava\r\nTITLE:Buyer\r\nEMAIL;TYPE=WORK:jana@stavby.cz\r\nEMAIL;TYPE=HOME:jana@example.com\r\n"
  "TEL;TYPE=CELL:+420 777 123 456\r\nTEL;TYPE=WORK:+420 541 000 111\r\nBDAY:1985-03-14\r\n"
  "ADR;TYPE=WORK:;;Masarykova 12;Brno;;602 00;Czechia\r\nURL:https://stavby.cz\r\nNOTE:Prefers calls\r\nEND:VCARD\r\n"
  "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Łukasz Wójcik\r\nTEL:+48 600 700 800\r\nEND:VCARD\r\n";

static void
test_same_vcard_twice (Fixture       *f,
                       gconstpointer  data)
{
  dry_run_ok (f, NUDGE_ENTITY_CONTACT, vcard_text, 2, 0, 0);
  import_ok (f, NUDGE_ENTITY_CONTACT, vcard_text, 2, 0, 0);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM contact_channel"), ==, 5);
  assert_reimport_changes_nothing (f, vcard_text, 2, TRUE);
}

static void
test_changed_phone_in_timeline (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *phone = NULL;
  gint64 id;

  import_ok (f, NUDGE_ENTITY_CONTACT, contacts_csv, 3, 0, 0);
  import_ok (f, NUDGE_ENTITY_CONTACT,
             "Name,E-mail,Phone\nJana Nováková,jana@stavby.cz,777 999 000\nPetr Svoboda,,602111222\n", 0, 1, 1);
  phone = nudge_test_store_text (f->store, "SELECT phone FROM contact WHERE email = 'jana@stavby.cz'");
  g_assert_cmpstr (phone, ==, "777 999 000");
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM contact"), ==, 3);
  /* The number it had stays one of hers */
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM contact_channel WHERE kind = 'phone' AND value = '777 123 456'"),
                   ==, 1);

  id = nudge_test_store_int (f->store, "SELECT id FROM contact WHERE email = 'jana@stavby.cz'");
  g_assert_cmpstr (nudge_test_import_line (f->store, NUDGE_ENTITY_CONTACT, id), ==, "Imported: phone 777 123 456 → 777 999 000");
  /* An import is no touch: "last activity" stays empty */
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM contact WHERE last_activity_at IS NOT NULL"), ==, 0);
}

static void
test_phone_keys (void)
{
  /* Two spellings of a number, and whether they are the same number. */
  static const struct
  {
    const char *one;
    const char *other;
    gboolean    same;
  } cases[] = {
    { "+420 777 123 456", "777123456", TRUE },
    { "+420 777 123 456", "00420 777 123 456", TRUE },
    { "+44 20 7946 0958", "020 7946 0958", TRUE },
    { "+420 777 123 456", "777 123 457", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *one = nudge_import_phone_key (cases[i].one);
      g_autofree char *other = nudge_import_phone_key (cases[i].other);

      g_assert_nonnull (one);
      if (cases[i].same)
        g_assert_cmpstr (one, ==, other);
      else
        g_assert_cmpstr (one, !=, other);
    }
  /* Too short to be a phone number. */
  g_assert_null (nudge_import_phone_key ("1234"));
}

static void
test_match_by_phone (Fixture       *f,
                     gconstpointer  data)
{
  static const ImportStep steps[] = {
    { TRUE, NUDGE_ENTITY_CONTACT, "Name,Phone\nJana Nováková,+420 777 123 456\nJ. Nováková,777123456\n", 1, 1, 0 },
    { FALSE, NUDGE_ENTITY_CONTACT, "Name,Phone\nJana Nováková,+420 777 123 456\n", 1, 0, 0 },
    /* Another spelling of the same number: the same person, same number */
    { FALSE, NUDGE_ENTITY_CONTACT, "Name,Phone\nJana Nováková,777123456\n", 0, 0, 1 },
    { FALSE, NUDGE_ENTITY_CONTACT, "Name,Phone,Job title\nJ. Nováková,00420777123456,Buyer\n", 0, 1, 0 },
  };
  g_autofree char *name = NULL;
  g_autofree char *phone = NULL;

  import_steps (f, steps, G_N_ELEMENTS (steps));
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM contact"), ==, 1);
  name = nudge_test_store_text (f->store, "SELECT name || '/' || title FROM contact");
  g_assert_cmpstr (name, ==, "J. Nováková/Buyer");
  phone = nudge_test_store_text (f->store, "SELECT phone FROM contact");
  g_assert_cmpstr (phone, ==, "+420 777 123 456");
}

static void
test_match_by_name_and_company (Fixture       *f,
                                gconstpointer  data)
{
  import_ok (f, NUDGE_ENTITY_CONTACT, "Name,Company\nPetr Svoboda,Škoda Auto\n", 1, 0, 0);
  /* The company's name with case and accents folded is the same company */
  import_ok (f, NUDGE_ENTITY_CONTACT, "Name,Company,Job title\npetr svoboda,SKODA AUTO,CEO\n", 0, 1, 0);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM contact"), ==, 1);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM company"), ==, 1);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM contact WHERE title = 'CEO'"), ==, 1);
  /* The same name at another company is another person */
  import_ok (f, NUDGE_ENTITY_CONTACT, "Name,Company\nPetr Svoboda,Tatra\n", 1, 0, 0);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM contact"), ==, 2);
}

static const ImportStep company_steps[] = {
  { FALSE, NUDGE_ENTITY_COMPANY, "Name,Website,Industry\nACME s.r.o.,https://www.acme.cz/about,Steel\nŠkoda Auto,,Cars\n", 2, 0, 0 },
  /* By folded name */
  { TRUE, NUDGE_ENTITY_COMPANY, "Name,Industry\nacme S.R.O.,Steel\nSKODA AUTO,Automotive\n", 0, 1, 1 },
  { FALSE, NUDGE_ENTITY_COMPANY, "Name,Industry\nacme S.R.O.,Steel\nSKODA AUTO,Automotive\n", 0, 1, 1 },
  /* By the website's domain, under another name */
  { FALSE, NUDGE_ENTITY_COMPANY, "Name,Website,Notes\nAcme Corporation,acme.cz,Key account\n", 0, 1, 0 },
};

static void
test_companies (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *d1 = nudge_import_website_domain ("https://www.acme.cz/about");
  g_autofree char *d2 = nudge_import_website_domain ("acme.cz");
  g_autofree char *d3 = nudge_import_website_domain ("HTTP://WWW.ACME.CZ:8080?x=1");
  g_autofree char *folded = nudge_import_fold_name ("Škoda  AUTO");
  g_autofree char *industry = NULL;

  g_assert_cmpstr (d1, ==, "acme.cz");
  g_assert_cmpstr (d2, ==, "acme.cz");
  g_assert_cmpstr (d3, ==, "acme.cz");
  g_assert_cmpstr (folded, ==, "skoda auto");
  g_assert_null (nudge_import_website_domain ("not a site"));

  import_steps (f, company_steps, G_N_ELEMENTS (company_steps));
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM company"), ==, 2);
  industry = nudge_test_store_text (f->store, "SELECT industry || '/' || notes || '/' || website FROM company WHERE name = 'ACME s.r.o.'");
  g_assert_cmpstr (industry, ==, "Steel/Key account/https://www.acme.cz/about");
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM import_change WHERE company_id IS NOT NULL"), ==, 2);
}

static void
test_empty_cells_keep_values (Fixture       *f,
                              gconstpointer  data)
{
  import_ok (f, NUDGE_ENTITY_CONTACT, contacts_csv, 3, 0, 0);
  assert_reimport_changes_nothing (f, "Name,E-mail,Phone,Company,Job title,Notes\n"
                                      "Jana Nováková,jana@stavby.cz,,,,\n,olena@example.ua,,,,\n", 2, FALSE);
}

/* What the seller wrote in the app stays: a spreadsheet's note is added
 * to it, once, and a note the book already holds adds nothing. */
static void
test_notes_kept (Fixture       *f,
                 gconstpointer  data)
{
  static const char budget_csv[] = "Name,E-mail,Notes\nJana Nováková,jana@stavby.cz,Budget approved\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;

  import_ok (f, NUDGE_ENTITY_CONTACT, contacts_csv, 3, 0, 0);
  nudge_store_exec (f->store, "UPDATE contact SET notes = 'Met in Brno. Calls after 10 only.'"
                              " WHERE email = 'jana@stavby.cz'", &error);
  g_assert_no_error (error);
  /* The sheet's old note is part of the one written since: nothing to do. */
  assert_reimport_changes_nothing (f, contacts_csv, 3, TRUE);

  import_ok (f, NUDGE_ENTITY_CONTACT, budget_csv, 0, 1, 0);
  notes = nudge_test_store_text (f->store, "SELECT notes FROM contact WHERE email = 'jana@stavby.cz'");
  g_assert_cmpstr (notes, ==, "Met in Brno. Calls after 10 only.\n\nBudget approved");
  assert_reimport_changes_nothing (f, budget_csv, 1, FALSE);
}

/* New, changed, unchanged, a person twice, a bad row */
static const char mixed_csv[] =
  "Name,E-mail,Phone,Company,Job title\n"
  "Jana Nováková,jana@stavby.cz,777 123 456,Stavby Morava,Head buyer\n"
  "Petr Svoboda,,602 111 222,Škoda Auto,CEO\n"
  "Eva Malá,eva@mala.cz,,Nová firma,\n"
  "Eva Malá,eva@mala.cz,731 000 111,,\n"
  "Bad Row,not-an-address,,,\n";

static void
test_dry_run_equals_import (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  NudgeImportResult dry = { 0 };
  NudgeImportResult real = { 0 };
  const char *good = strstr (mixed_csv, "Bad Row");
  g_autofree char *good_csv = g_strndup (mixed_csv, good - mixed_csv);

  import_ok (f, NUDGE_ENTITY_CONTACT, contacts_csv, 3, 0, 0);
  before = nudge_test_import_snapshot (f->store);
  g_assert_true (nudge_test_import_text (f->store, NUDGE_ENTITY_CONTACT, mixed_csv, TRUE, NULL, &dry, &error));
  g_assert_no_error (error);
  nudge_test_assert_import_counts (&dry, 1, 2, 1, 1);
  g_assert_cmpuint (dry.n_companies_added, ==, 1);
  g_assert_cmpuint (dry.errors->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (dry.errors, 0), "Line 6: "));
  g_assert_cmpuint (dry.preview_rows->len, ==, 5);
  g_assert_cmpint (((NudgeImportPreviewRow *) g_ptr_array_index (dry.preview_rows, 0))->state, ==, NUDGE_IMPORT_ROW_UPDATED);
  g_assert_cmpint (((NudgeImportPreviewRow *) g_ptr_array_index (dry.preview_rows, 4))->state, ==, NUDGE_IMPORT_ROW_ERROR);
  after = nudge_test_import_snapshot (f->store);
  g_assert_cmpstr (before, ==, after);

  /* The real import refuses the bad row, all or nothing… */
  g_assert_false (nudge_test_import_text (f->store, NUDGE_ENTITY_CONTACT, mixed_csv, FALSE, NULL, &real, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  nudge_import_result_clear (&real);
  g_free (after);
  after = nudge_test_import_snapshot (f->store);
  g_assert_cmpstr (before, ==, after);

  /* …and without it does what the dry run said */
  nudge_import_result_clear (&dry);
  g_assert_true (nudge_test_import_text (f->store, NUDGE_ENTITY_CONTACT, good_csv, TRUE, NULL, &dry, &error));
  g_assert_true (nudge_test_import_text (f->store, NUDGE_ENTITY_CONTACT, good_csv, FALSE, NULL, &real, &error));
  g_assert_no_error (error);
  nudge_test_assert_import_counts (&real, dry.n_new, dry.n_updated, dry.n_unchanged, 0);
  g_assert_cmpuint (real.n_companies_added, ==, dry.n_companies_added);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM contact"), ==, 4);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM contact WHERE phone = '731 000 111'"), ==, 1);
  nudge_import_result_clear (&dry);
  nudge_import_result_clear (&real);
}

static void
test_mapping (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GHashTable) mapping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  const char *csv = "Name,Mobile number,Comment\nJana Nováková,777 123 456,VIP\n";
  NudgeImportResult result = { 0 };

  g_assert_true (nudge_test_import_text (f->store, NUDGE_ENTITY_CONTACT, csv, TRUE, NULL, &result, &error));
  g_assert_cmpstr (((NudgeImportColumn *) g_ptr_array_index (result.columns, 1))->field, ==, "");
  g_assert_cmpstr (((NudgeImportColumn *) g_ptr_array_index (result.columns, 1))->sample, ==, "777 123 456");
  g_assert_cmpstr (((NudgeImportColumn *) g_ptr_array_index (result.columns, 2))->field, ==, "notes");
  nudge_import_result_clear (&result);

  g_assert_true (nudge_import_parse_mapping (mapping, "Mobile number=phone, Comment=ignore", &error));
  g_assert_no_error (error);
  g_assert_false (nudge_import_parse_mapping (mapping, "Comment=shoe size", &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (nudge_test_import_text (f->store, NUDGE_ENTITY_CONTACT, csv, FALSE, mapping, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM contact WHERE phone = '777 123 456' AND notes = ''"), ==, 1);
  nudge_import_result_clear (&result);
}

/* A Czech sheet read whatever the user's language: "Jméno" beside
 * "Příjmení" is the first name, alone the whole name. The empty rows
 * Excel leaves below a table are no rows. */
static void
test_headers_in_czech (Fixture       *f,
                       gconstpointer  data)
{
  static const char *const expected[] = { "first-name", "last-name", "email", "phone", "company", "job-title", "notes" };
  g_autoptr(GError) error = NULL;
  NudgeImportResult result = { 0 };

  g_assert_true (nudge_test_import_text (f->store, NUDGE_ENTITY_CONTACT, "Jméno;Příjmení;E-mail;Telefon;Firma;Pozice;Poznámka\n"
                             "Jiří;Šťastný;jiri@zelezarny.cz;602 111 222;Železárny a.s.;Nákupčí;Z veletrhu\n"
                             ";;;;;;\n; ;;;;;\n",
                             FALSE, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_errors, ==, 0);
  for (guint c = 0; c < G_N_ELEMENTS (expected); c++)
    g_assert_cmpstr (((NudgeImportColumn *) g_ptr_array_index (result.columns, c))->field, ==, expected[c]);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM contact WHERE name = 'Jiří Šťastný' AND title = 'Nákupčí'"), ==, 1);
  nudge_import_result_clear (&result);

  g_assert_true (nudge_test_import_text (f->store, NUDGE_ENTITY_CONTACT, "Jméno;E-mail\nKvěta Čermáková;kveta@ruze.cz\n",
                             TRUE, NULL, &result, &error));
  g_assert_cmpstr (((NudgeImportColumn *) g_ptr_array_index (result.columns, 0))->field, ==, "name");
  nudge_import_result_clear (&result);
}

static void
cancel_at_first_progress_cb (double   fraction,
                             gpointer data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
}

static void
test_cancelled_keeps_nothing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GString) csv = g_string_new ("Name,E-mail,Phone\nJana Nováková,jana@stavby.cz,777 999 000\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  NudgeImportResult result = { 0 };

  import_ok (f, NUDGE_ENTITY_CONTACT, contacts_csv, 3, 0, 0);
  before = nudge_test_import_snapshot (f->store);
  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (csv, "Person %u,p%u@example.cz,\n", i, i);
  g_assert_false (nudge_import_csv_with_options (f->store, NUDGE_ENTITY_CONTACT, csv->str, csv->len, "CZK",
                                                 &(NudgeImportOptions) { .progress = cancel_at_first_progress_cb,
                                                                         .progress_data = cancellable },
                                                 cancellable, &result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = nudge_test_import_snapshot (f->store);
  g_assert_cmpstr (before, ==, after);
  nudge_import_result_clear (&result);
}

/* ---- Undo of contacts and companies updated -------------------------------- */

static const char people_csv[] =
  "Name,E-mail,Phone,Company,Job title,Notes\n"
  "Jana Nováková,jana@hotelpraha.cz,777 123 456,Hotel Praha,Buyer,Met at the fair\n"
  "Petr Svoboda,petr@stavby.cz,602 111 222,Stavby Morava,,\n";

/* A sheet over the people above: Jana's phone, title and notes, Petr's
 * e-mail (found by his phone; his old address stays one of his), and a
 * new person at a new company. */
static const char people_updated_csv[] =
  "Name,E-mail,Phone,Company,Job title,Notes\n"
  "Jana Nováková,jana@hotelpraha.cz,777 999 000,Hotel Praha,Head of purchasing,Wants a demo\n"
  "Petr Svoboda,petr.svoboda@example.com,+420 602 111 222,Stavby Morava,,\n"
  "Eva Malá,eva@novafirma.cz,,Nová firma,,\n";

static const char companies_updated_csv[] =
  "Name,Website,Phone,Industry,Notes\n"
  "Hotel Praha,https://hotel-praha.com,224 000 111,Hospitality,Renovating in May\n";

/* The book before the updates: the people and their companies, one with
 * a website. The clock stands still, so that a book put back by Undo
 * (which stamps the rows it writes) compares equal to it however slow
 * the machine. */
static void
add_people (Fixture *f)
{
  nudge_clock_pin (nudge_test_prague (2026, 3, 29, 9, 0));
  import_ok (f, NUDGE_ENTITY_CONTACT, people_csv, 2, 0, 0);
  g_assert_true (nudge_store_exec (f->store, "UPDATE company SET website = 'https://hotelpraha.cz'"
                                             " WHERE name = 'Hotel Praha'", NULL));
}

/* Contacts and companies an import updated are put back as they were,
 * every column, their e-mails and phones and the timeline lines the
 * import wrote; what it added goes to the trash. */
static void
test_contacts_updated_and_undone (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(NudgeImportUndo) companies_undo = NULL;
  g_autoptr(NudgeImportUndo) people_undo = NULL;
  g_autofree char *before = NULL;
  g_autofree char *companies_updated = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *website = NULL;
  g_autofree char *jana = NULL;
  NudgeImportResult companies = { 0 };
  NudgeImportResult people = { 0 };
  gint64 jana_id;

  add_people (f);
  before = nudge_test_book_rows (f->store);

  companies_undo = nudge_test_import_for_undo (f->store, NUDGE_ENTITY_COMPANY, companies_updated_csv, &companies);
  nudge_test_assert_import_counts (&companies, 0, 1, 0, 0);
  website = nudge_test_store_text (f->store, "SELECT website || '/' || phone FROM company WHERE name = 'Hotel Praha'");
  g_assert_cmpstr (website, ==, "https://hotel-praha.com/224 000 111");
  companies_updated = nudge_test_book_rows (f->store);

  people_undo = nudge_test_import_for_undo (f->store, NUDGE_ENTITY_CONTACT, people_updated_csv, &people);
  nudge_test_assert_import_counts (&people, 1, 2, 0, 0);
  jana = nudge_test_store_text (f->store, "SELECT phone || '/' || title || '/' || notes FROM contact WHERE name = 'Jana Nováková'");
  g_assert_cmpstr (jana, ==, "777 999 000/Head of purchasing/Met at the fair\n\nWants a demo");
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM contact_channel WHERE value = 'petr@stavby.cz'"), ==, 1);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM import_change WHERE contact_id IS NOT NULL"), ==, 2);
  updated = nudge_test_book_rows (f->store);
  g_assert_cmpstr (updated, !=, companies_updated);

  nudge_test_assert_import_undo (f->store, people_undo, 0, nudge_test_book_rows, companies_updated);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM contact WHERE name = 'Eva Malá' AND trashed_at IS NOT NULL"),
                   ==, 1);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM company WHERE trashed_at IS NOT NULL"), ==, 1);
  nudge_test_assert_import_undo (f->store, companies_undo, 0, nudge_test_book_rows, before);
  /* Search finds Jana by the title she had again, not by the file's */
  jana_id = nudge_test_store_int (f->store, "SELECT id FROM contact WHERE name = 'Jana Nováková'");
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_CONTACT, "Buyer", jana_id));
  g_assert_false (nudge_test_search_finds (f->store, NUDGE_ENTITY_CONTACT, "purchasing", jana_id));
  nudge_import_result_clear (&companies);
  nudge_import_result_clear (&people);
}

/* Undo refuses, changing nothing, when a contact or company the import
 * updated was changed since (@data: the change, in SQL), or a contact's
 * e-mails and phones were. */
static void
test_contacts_undo_after_edit (Fixture       *f,
                               gconstpointer  data)
{
  const char *edit = data;
  gboolean company = g_str_has_prefix (edit, "UPDATE company");
  g_autoptr(NudgeImportUndo) undo = NULL;
  g_autofree char *edited = NULL;
  NudgeImportResult result = { 0 };

  add_people (f);
  undo = nudge_test_import_for_undo (f->store, company ? NUDGE_ENTITY_COMPANY : NUDGE_ENTITY_CONTACT,
                          company ? companies_updated_csv : people_updated_csv, &result);
  g_assert_true (nudge_store_exec (f->store, edit, NULL));
  edited = nudge_test_book_rows (f->store);
  nudge_test_assert_import_undo (f->store, undo, NUDGE_STORE_ERROR_CHANGED, nudge_test_book_rows, edited);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM contact WHERE trashed_at IS NOT NULL"), ==, 0);
  nudge_import_result_clear (&result);
}

/* An activities file's Undo takes its activities out of the timeline
 * (the contact's last activity with them) and its follow-ups away. */
static void
test_activities_undone (Fixture       *f,
                        gconstpointer  data)
{
  static const char activities_csv[] =
    "Subject,Type,Date,Contact,Done\n"
    "Called about the demo,call,2026-03-20,Jana Nováková,yes\n"
    "Send the price list,email,2026-04-02,Petr Svoboda,no\n";
  g_autoptr(NudgeImportUndo) undo = NULL;
  g_autofree char *before = NULL;
  NudgeImportResult result = { 0 };

  add_people (f);
  before = nudge_test_book_rows (f->store);
  undo = nudge_test_import_for_undo (f->store, NUDGE_ENTITY_ACTIVITY, activities_csv, &result);
  g_assert_cmpuint (result.record_ids->len, ==, 1);
  g_assert_cmpuint (result.followup_ids->len, ==, 1);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM contact WHERE last_activity_at IS NOT NULL"), ==, 1);
  nudge_test_assert_import_undo (f->store, undo, 0, nudge_test_book_rows, before);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT (SELECT COUNT(*) FROM activity) + (SELECT COUNT(*) FROM followup)"), ==, 0);
  nudge_import_result_clear (&result);
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases_1[] = {
    { "same-csv-twice", NUDGE_TEST_FUNC (test_same_csv_twice) },
    { "same-vcard-twice", NUDGE_TEST_FUNC (test_same_vcard_twice) },
    { "changed-phone-in-timeline", NUDGE_TEST_FUNC (test_changed_phone_in_timeline) },
  };
  static const NudgeTestCase cases_2[] = {
    { "match-by-phone", NUDGE_TEST_FUNC (test_match_by_phone) },
    { "match-by-name-and-company", NUDGE_TEST_FUNC (test_match_by_name_and_company) },
    { "companies", NUDGE_TEST_FUNC (test_companies) },
    { "empty-cells-keep-values", NUDGE_TEST_FUNC (test_empty_cells_keep_values) },
    { "notes-kept", NUDGE_TEST_FUNC (test_notes_kept) },
    { "dry-run-equals-import", NUDGE_TEST_FUNC (test_dry_run_equals_import) },
    { "mapping", NUDGE_TEST_FUNC (test_mapping) },
    { "headers-in-czech", NUDGE_TEST_FUNC (test_headers_in_czech) },
    { "cancelled-keeps-nothing", NUDGE_TEST_FUNC (test_cancelled_keeps_nothing) },
    { "contacts-updated-and-undone", NUDGE_TEST_FUNC (test_contacts_updated_and_undone) },
    { "contact-undo-after-edit", NUDGE_TEST_FUNC (test_contacts_undo_after_edit),
      "UPDATE contact SET phone = '777 555 555' WHERE name = 'Jana Nováková'" },
    { "contact-undo-after-channel-removed", NUDGE_TEST_FUNC (test_contacts_undo_after_edit),
      "DELETE FROM contact_channel WHERE value = 'petr@stavby.cz'" },
    { "activities-undone", NUDGE_TEST_FUNC (test_activities_undone) },
    { "company-undo-after-edit", NUDGE_TEST_FUNC (test_contacts_undo_after_edit),
      "UPDATE company SET website = 'https://praha-hotel.cz' WHERE name = 'Hotel Praha'" },
  };

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("NUDGE_NOW", "2026-03-29T09:00", TRUE);
  nudge_test_init (&argc, &argv, NULL);

  nudge_test_add_table ("/core/reimport/", Fixture, nudge_test_book_set_up, nudge_test_book_tear_down, cases_1);
  g_test_add_func ("/core/reimport/phone-keys", test_phone_keys);
  nudge_test_add_table ("/core/reimport/", Fixture, nudge_test_book_set_up, nudge_test_book_tear_down, cases_2);

  return g_test_run ();
}
