/* test-import-regional.c — sheets as Czech, Polish and Ukrainian
 * sellers keep them: day-first dates with dots, a date and a time in one
 * cell, "грн" after an amount, a timeline's columns named in their own
 * language — read alike whatever the language of the desktop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "nudge-import.h"
#include "nudge-records.h"
#include "nudge-store.h"
#include "nudge-test-core.h"

typedef NudgeTestBook Fixture;

static void
import_ok (Fixture     *f,
           NudgeEntity  entity,
           const char  *text,
           guint        n_records)
{
  NudgeImportResult result = { 0 };
  g_autoptr(GError) error = NULL;

  nudge_import_csv (f->store, entity, text, strlen (text), "CZK", &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_records, ==, n_records);
  nudge_import_result_clear (&result);
}

static char *
import_error (Fixture     *f,
              NudgeEntity  entity,
              const char  *text)
{
  NudgeImportResult result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (nudge_import_csv (f->store, entity, text, strlen (text), "CZK", &result, &error));
  g_assert_nonnull (error);
  nudge_import_result_clear (&result);
  return g_strdup (error->message);
}

/* Czech Excel writes 3 December as "3.12.2026": under an English
 * desktop, as under a Czech one, that is the 3rd of December, never
 * March 12; a time after it is kept by the timeline. */
static void
test_dotted_dates (Fixture       *f,
                   gconstpointer  data)
{
  static const char deals_csv[] =
    "Název;Datum uzavření\r\n"
    "Server;3.12.2026\r\n"
    "Licence;03.01.2027\r\n"
    "Školení;5. 6. 2027\r\n"
    "Servis;3.12.2026 0:00\r\n";
  g_autoptr(GPtrArray) deals = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_assert_true (nudge_test_use_locale ("en_US.UTF-8"));
  import_ok (f, NUDGE_ENTITY_DEAL, deals_csv, 4);
  deals = nudge_store_list_deals (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nudge_deal_get_expected_close (nudge_test_find_deal (deals, "Server")), ==, "2026-12-03");
  g_assert_cmpstr (nudge_deal_get_expected_close (nudge_test_find_deal (deals, "Licence")), ==, "2027-01-03");
  g_assert_cmpstr (nudge_deal_get_expected_close (nudge_test_find_deal (deals, "Školení")), ==, "2027-06-05");
  g_assert_cmpstr (nudge_deal_get_expected_close (nudge_test_find_deal (deals, "Servis")), ==, "2026-12-03");

  /* No such day is an error, not a day of another month */
  message = import_error (f, NUDGE_ENTITY_DEAL, "Deal;Expected close\r\nX;31.2.2026\r\n");
  g_assert_nonnull (strstr (message, "Line 2: “31.2.2026” is not a date"));

  setlocale (LC_ALL, "C.UTF-8");
}

/* A Czech, Polish and Ukrainian log of calls and meetings: its columns
 * named in those languages, its kinds in their words, a date and a time
 * in one cell. */
static void
test_activity_headers (Fixture       *f,
                       gconstpointer  data)
{
  static const char csv_cs[] =
    "Předmět;Typ;Datum;Kontakt;Hotovo\r\n"
    "Úvodní schůzka;Schůzka;3.12.2026 14:30;Jana Nováková;ano\r\n"
    "Cena;Hovor;2.12.2026;Jana Nováková;\r\n"
    "Zavolat znovu;hovor;10.12.2026 9:15;Jana Nováková;ne\r\n";
  static const char csv_pl[] =
    "Temat;Rodzaj;Data;Godzina;Kontakt\r\n"
    "Oferta;spotkanie;4.12.2026;10:00;Jana Nováková\r\n";
  static const char csv_uk[] =
    "Тема;Тип;Дата;Контакт\r\n"
    "Дзвінок щодо ціни;Дзвінок;2026-12-05 11:00;Jana Nováková\r\n";
  gint64 jana = nudge_test_add_contact (f->store, "name", "Jana Nováková", NULL);
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(NudgeFollowup) followup = NULL;
  g_autoptr(GError) error = NULL;
  struct { const char *summary; const char *kind; gint64 at; } want[] = {
    { "Úvodní schůzka", "meeting", nudge_test_prague (2026, 12, 3, 14, 30) },
    { "Cena", "call", nudge_test_prague (2026, 12, 2, 12, 0) },
    { "Oferta", "meeting", nudge_test_prague (2026, 12, 4, 10, 0) },
    { "Дзвінок щодо ціни", "call", nudge_test_prague (2026, 12, 5, 11, 0) },
  };

  g_assert_true (nudge_test_use_locale ("en_US.UTF-8"));
  import_ok (f, NUDGE_ENTITY_ACTIVITY, csv_cs, 3);
  import_ok (f, NUDGE_ENTITY_ACTIVITY, csv_pl, 1);
  import_ok (f, NUDGE_ENTITY_ACTIVITY, csv_uk, 1);

  activities = nudge_store_list_activities (f->store, NUDGE_ENTITY_CONTACT, jana, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, ==, G_N_ELEMENTS (want));
  for (guint w = 0; w < G_N_ELEMENTS (want); w++)
    {
      NudgeActivity *found = NULL;

      for (guint i = 0; i < activities->len; i++)
        if (g_str_equal (nudge_activity_get_summary (g_ptr_array_index (activities, i)), want[w].summary))
          found = g_ptr_array_index (activities, i);
      g_assert_nonnull (found);
      g_assert_cmpstr (nudge_activity_get_kind (found), ==, want[w].kind);
      g_assert_cmpint (nudge_activity_get_occurred_at (found), ==, want[w].at);
    }

  /* "ne": not done yet, so a follow-up at its time */
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM followup"), ==, 1);
  followup = nudge_test_get_followup (f->store, nudge_test_sql_int (f->path, "SELECT id FROM followup"));
  g_assert_cmpstr (nudge_followup_get_title (followup), ==, "Zavolat znovu");
  g_assert_cmpstr (nudge_followup_get_kind (followup), ==, "call");
  g_assert_cmpint (nudge_followup_get_due_at (followup), ==, nudge_test_prague (2026, 12, 10, 9, 15));

  setlocale (LC_ALL, "C.UTF-8");
}

/* "2 500 грн" is 2500 hryvnias: the "г" is a letter, not a digit, and
 * the word names the currency; "грн." and "1 200,-" end in marks that
 * are not decimals. */
static void
test_hryvnia (Fixture       *f,
              gconstpointer  data)
{
  static const struct { const char *title; gint64 minor; } expected[] = {
    { "Постачання", 250000 },
    { "Монтаж", 120050 },
    { "Обслуговування", 120000 },
  };
  g_autoptr(GPtrArray) deals = NULL;
  g_autoptr(GError) error = NULL;

  import_ok (f, NUDGE_ENTITY_DEAL, "Угода;Сума\r\nПостачання;2 500 грн\r\nМонтаж;\"1 200,50 грн.\"\r\nОбслуговування;\"1\u00a0200,-\u00a0грн\"\r\n", 3);
  deals = nudge_store_list_deals (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      NudgeDeal *deal = nudge_test_find_deal (deals, expected[i].title);

      g_assert_cmpint (nudge_deal_get_amount_minor (deal), ==, expected[i].minor);
      g_assert_cmpstr (nudge_deal_get_currency (deal), ==, "UAH");
    }
}

/* A minus before an amount is refused with its line, not dropped (a
 * deal of -5 000 Kč came in as 5 000 Kč); nothing of the file comes in. */
static void
test_negative_amount (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *hyphen = import_error (f, NUDGE_ENTITY_DEAL, "Obchod;Částka\r\nServis;1 000 Kč\r\nDobropis;-5 000 Kč\r\n");
  g_autofree char *minus = import_error (f, NUDGE_ENTITY_DEAL, "Obchod;Částka\r\nDobropis;\u2212300 zł\r\n");

  g_assert_nonnull (strstr (hyphen, "Line 3"));
  g_assert_nonnull (strstr (hyphen, "-5 000"));
  g_assert_nonnull (strstr (minus, "-300"));
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM deal"), ==, 0);
}

/* Excel saves a sheet of one column with no separator: a comma in a
 * name is part of it. */
static void
test_one_column (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;

  import_ok (f, NUDGE_ENTITY_CONTACT, "\xEF\xBB\xBF" "Jméno\r\nNovák, Jan\r\nDvořák; Petr\r\nIva Malá\r\n", 3);
  contacts = nudge_store_list_contacts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 3);
  for (guint i = 0; i < contacts->len; i++)
    {
      const char *name = nudge_contact_get_name (g_ptr_array_index (contacts, i));

      g_assert_true (g_str_equal (name, "Novák, Jan") || g_str_equal (name, "Dvořák; Petr") ||
                     g_str_equal (name, "Iva Malá"));
    }
}

/* Excel's "sep=;" line names the separator and is no header; a line
 * break inside a quoted note is "\n", as the app's own notes have it. */
static void
test_excel_lines (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) deals = NULL;
  g_autoptr(GError) error = NULL;

  import_ok (f, NUDGE_ENTITY_DEAL, "sep=;\r\nTitle;Notes\r\nServis;\"Volat ráno,\r\nne v pátek\"\r\n", 1);
  deals = nudge_store_list_deals (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nudge_deal_get_notes (nudge_test_find_deal (deals, "Servis")), ==, "Volat ráno,\nne v pátek");
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "dotted-dates", NUDGE_TEST_FUNC (test_dotted_dates) },
    { "activity-headers", NUDGE_TEST_FUNC (test_activity_headers) },
    { "hryvnia", NUDGE_TEST_FUNC (test_hryvnia) },
    { "one-column", NUDGE_TEST_FUNC (test_one_column) },
    { "negative-amount", NUDGE_TEST_FUNC (test_negative_amount) },
    { "excel-lines", NUDGE_TEST_FUNC (test_excel_lines) },
  };

  setlocale (LC_ALL, "C.UTF-8");
  nudge_test_init (&argc, &argv, NULL);
  nudge_test_add_table ("/core/import-regional/", Fixture, nudge_test_book_set_up, nudge_test_book_tear_down, cases);
  return g_test_run ();
}
