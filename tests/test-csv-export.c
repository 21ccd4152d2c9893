/* test-csv-export.c — the List's CSV export as data: ISO dates, plain
 * amounts beside their currency, the region's separator, and a file
 * that imports back into a new book as the same records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "nudge-csv-export.h"
#include "nudge-import.h"
#include "nudge-records.h"
#include "nudge-store.h"
#include "nudge-test-core.h"

typedef NudgeTestBook Fixture;

/* A contact at a company, and two deals: one with an amount in CZK, a
 * close date, a last activity and a follow-up; one won, without an
 * amount, in PLN. */
static void
add_book (NudgeStore *store)
{
  gint64 company = nudge_test_add_company (store, "name", "Škoda; Auto", "industry", "Cars", NULL);
  gint64 jana = nudge_test_add_contact (store, "name", "Jana Nováková", "company-id", company,
                                        "email", "jana@skoda.cz", "phone", "+420 601 234 567", NULL);

  nudge_test_add_deal (store, "title", "Fleet \"Brno\", 2026", "company-id", company, "contact-id", jana,
                       "stage-id", nudge_test_stage_id (store, "Proposal sent"),
                       "has-amount", TRUE, "amount-minor", (gint64) 2000000, "currency", "CZK",
                       "expected-close", "2026-11-22", NULL);
  nudge_test_add_deal (store, "title", "Warszawa office", "contact-id", jana,
                       "stage-id", nudge_test_stage_id (store, "Won"), "currency", "PLN", NULL);
}

/* The book of add_book(), pinned to 2026-03-01 12:00 in Prague. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  nudge_test_pinned_book_set_up (f, data);
  add_book (f->store);
}

/* The book closed, and the locale a test chose put back to the one
 * the others start from. */
static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  setlocale (LC_ALL, "C.UTF-8");
  nudge_test_book_tear_down (f, data);
}

static char *
export_all (NudgeEntity         entity,
            GPtrArray          *records,
            const char * const *fields)
{
  g_autoptr(NudgeCsvExport) csv = nudge_csv_export_new (entity, fields);
  gsize length;
  const char *text;

  for (guint i = 0; i < records->len; i++)
    nudge_csv_export_add_record (csv, g_ptr_array_index (records, i));
  g_assert_cmpuint (nudge_csv_export_get_n_records (csv), ==, records->len);
  text = nudge_csv_export_get_text (csv, &length);
  g_assert_cmpuint (strlen (text), ==, length);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  return g_strdup (text);
}

/* Czech Excel splits by ";" and reads "20000,00" as a number: the
 * file is data — a date is a date, not "24 days ago", an amount has no
 * symbol in it and its currency has a column of its own. */
static void
test_czech_locale (Fixture       *f,
                   gconstpointer  data)
{
  const char *fields[] = { "title", "company", "stage", "amount", "expected-close",
                           "last-activity", "next-followup", "status", NULL };
  g_autoptr(GPtrArray) deals = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  NudgeDeal *fleet;

  if (!nudge_test_use_locale ("cs_CZ.UTF-8"))
    return;
  g_assert_cmpint (nudge_csv_export_locale_separator (), ==, ';');
  deals = nudge_store_list_deals (f->store, NULL);
  fleet = nudge_test_find_deal (deals, "Fleet \"Brno\", 2026");
  g_object_set (fleet, "last-activity-at", nudge_test_prague (2026, 2, 5, 14, 30),
                "next-followup-at", nudge_test_prague (2026, 3, 2, 9, 0), NULL);

  text = export_all (NUDGE_ENTITY_DEAL, deals, fields);
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "Deal;Company;Stage;Amount;Currency;Expected Close;"
                                   "Last Activity;Next Follow-up;Status\r\n"));
  g_assert_nonnull (strstr (text, "\r\n\"Fleet \"\"Brno\"\", 2026\";\"Škoda; Auto\";Proposal sent;20000,00;CZK;"
                                  "2026-11-22;2026-02-05 14:30;2026-03-02 09:00;open\r\n"));
  g_assert_nonnull (strstr (text, "\r\nWarszawa office;;Won;;PLN;;;;won\r\n"));
  g_assert_true (g_str_has_suffix (text, "\r\n"));
}

/* Where numbers have a decimal point, the file is comma-separated, and
 * a column left out of the List is left out of the file, except the
 * name, without which it would not import. */
static void
test_point_locale (Fixture       *f,
                   gconstpointer  data)
{
  const char *fields[] = { "amount", "contact", NULL };
  g_autoptr(GPtrArray) deals = NULL;
  g_autofree char *text = NULL;

  if (!nudge_test_use_locale ("en_US.UTF-8"))
    return;
  g_assert_cmpint (nudge_csv_export_locale_separator (), ==, ',');
  deals = nudge_store_list_deals (f->store, NULL);
  text = export_all (NUDGE_ENTITY_DEAL, deals, fields);
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "Deal,Amount,Currency,Contact\r\n"));
  g_assert_nonnull (strstr (text, "\r\n\"Fleet \"\"Brno\"\", 2026\",20000.00,CZK,Jana Nováková\r\n"));
}

/* What the file carries of @record, a contact or a deal, on one line. */
static void
describe_contact (GString  *out,
                  gpointer  record)
{
  NudgeContact *c = record;

  g_string_append_printf (out, "%s|%s|%s|%s\n", nudge_contact_get_name (c), nudge_contact_get_company_name (c),
                          nudge_contact_get_email (c), nudge_contact_get_phone (c));
}

static void
describe_deal (GString  *out,
               gpointer  record)
{
  NudgeDeal *d = record;

  g_string_append_printf (out, "%s|%s|%s|%s|%d|%" G_GINT64_FORMAT "|%s|%s|%s\n", nudge_deal_get_title (d),
                          nudge_deal_get_company_name (d), nudge_deal_get_contact_name (d),
                          nudge_deal_get_stage_name (d), nudge_deal_get_has_amount (d),
                          nudge_deal_get_amount_minor (d), nudge_deal_get_currency (d),
                          nudge_deal_get_expected_close (d),
                          nudge_deal_status_to_string (nudge_deal_get_status (d)));
}

/* @store's contacts or deals. */
static GPtrArray *
list_records (NudgeStore  *store,
              NudgeEntity  entity)
{
  return entity == NUDGE_ENTITY_CONTACT ? nudge_store_list_contacts (store, NULL) : nudge_store_list_deals (store, NULL);
}

/* @store's contacts or deals, a line each. */
static char *
describe (NudgeStore  *store,
          NudgeEntity  entity)
{
  g_autoptr(GPtrArray) records = list_records (store, entity);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < records->len; i++)
    (entity == NUDGE_ENTITY_CONTACT ? describe_contact : describe_deal) (out, g_ptr_array_index (records, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
import_text (NudgeStore  *store,
             NudgeEntity  entity,
             const char  *text)
{
  NudgeImportResult result = { 0 };
  g_autoptr(GError) error = NULL;

  /* A default currency neither deal has: each must say its own */
  gboolean imported = nudge_import_csv (store, entity, text, strlen (text), "EUR", &result, &error);

  g_assert_no_error (error);
  g_assert_true (imported);
  g_assert_cmpuint (result.n_errors, ==, 0);
  nudge_import_result_clear (&result);
}

/* Contacts, then deals, exported with every column and imported into a
 * new book: the same records, in Czech (";", decimal commas) and in
 * English. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  /* Contacts first: a deal names its contact. */
  static const NudgeEntity entities[] = { NUDGE_ENTITY_CONTACT, NUDGE_ENTITY_DEAL };
  const char *locale = data;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(NudgeStore) fresh = NULL;
  g_autofree char *got_deals = NULL;

  if (!nudge_test_use_locale (locale))
    return;
  fresh = nudge_test_book_open ("csv-round-trip", &dir, &path);
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      g_autoptr(GPtrArray) records = list_records (f->store, entities[i]);
      g_autofree char *csv = export_all (entities[i], records, NULL);

      import_text (fresh, entities[i], csv);
    }

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      g_autofree char *want = describe (f->store, entities[i]);
      g_autofree char *got = describe (fresh, entities[i]);

      g_assert_cmpstr (got, ==, want);
    }
  got_deals = describe (fresh, NUDGE_ENTITY_DEAL);
  g_assert_nonnull (strstr (got_deals, "|1|2000000|CZK|2026-11-22|open\n"));
  g_assert_nonnull (strstr (got_deals, "|Won|0|0|PLN||won\n"));

  nudge_test_book_close (&fresh, &dir, &path);
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "czech-locale", NUDGE_TEST_FUNC (test_czech_locale) },
    { "point-locale", NUDGE_TEST_FUNC (test_point_locale) },
    { "round-trip/cs", NUDGE_TEST_FUNC (test_round_trip), "cs_CZ.UTF-8" },
    { "round-trip/en", NUDGE_TEST_FUNC (test_round_trip), "en_US.UTF-8" },
  };

  setlocale (LC_ALL, "C.UTF-8");
  nudge_test_init (&argc, &argv, NULL);
  nudge_test_add_table ("/core/csv-export/", Fixture, fixture_set_up, fixture_tear_down, cases);
  return g_test_run ();
}
