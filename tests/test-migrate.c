/* test-migrate.c — old databases are brought up to date, newer ones refused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <time.h>

#include "nudge-clock.h"
#include "nudge-schema-private.h"
#include "nudge-store-private.h"
#include "nudge-test-core.h"

typedef NudgeTestBook Fixture;

/* A new book in a new folder, made as version 1 of the schema made it. */
static void
version_1_set_up (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  nudge_clock_pin (1772362800);
  f->dir = nudge_test_make_dir ("migrate", &f->path);
  f->store = nudge_store_open_at_version (f->path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nudge_store_get_schema_version (f->store), ==, 1);
}

static void
test_from_version_1 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeCompany) company = nudge_company_new ();
  g_autoptr(NudgeContact) contact = nudge_contact_new ();
  g_autoptr(NudgeDeal) deal = nudge_deal_new ();
  g_autoptr(NudgeDeal) reread = NULL;
  g_autoptr(GPtrArray) deals = NULL;
  gint64 company_id, contact_id, deal_id;

  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'deal_fts'"), ==, 0);

  g_object_set (company, "name", "Zakłady Łódź S.A.", NULL);
  company_id = nudge_store_save_company (f->store, company, &error);
  g_assert_no_error (error);
  g_object_set (contact, "name", "Jiří Novák", "company-id", company_id,
                "email", "jiri.novak@example.cz", NULL);
  contact_id = nudge_store_save_contact (f->store, contact, &error);
  g_assert_no_error (error);
  g_object_set (deal, "title", "Przenośniki taśmowe", "company-id", company_id,
                "contact-id", contact_id, "currency", "PLN",
                "has-amount", TRUE, "amount-minor", (gint64) 4500000, NULL);
  deal_id = nudge_store_save_deal (f->store, deal, &error);
  g_assert_no_error (error);
  g_assert_cmpint (deal_id, >, 0);
  g_clear_object (&f->store);

  g_assert_cmpint (nudge_test_sql_int (f->path, "PRAGMA user_version"), ==, 1);

  f->store = nudge_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nudge_store_get_schema_version (f->store), ==, nudge_schema_latest_version ());
  g_assert_cmpuint (nudge_schema_latest_version (), >, 1);
  g_assert_cmpint (nudge_test_sql_int (f->path, "PRAGMA user_version"), ==, (int) nudge_schema_latest_version ());

  /* The rows written by the old version are all there. */
  deals = nudge_store_list_deals (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deals->len, ==, 1);
  reread = nudge_store_get_deal (f->store, deal_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nudge_deal_get_title (reread), ==, "Przenośniki taśmowe");
  g_assert_cmpstr (nudge_deal_get_company_name (reread), ==, "Zakłady Łódź S.A.");
  g_assert_cmpint (nudge_deal_get_amount_minor (reread), ==, 4500000);

  /* The search index added later covers the old rows. */
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_CONTACT, "novak", contact_id));
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_CONTACT, "jiri", contact_id));
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_COMPANY, "lodz", company_id));
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_DEAL, "przenosniki", deal_id));
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_DEAL, "zaklady", deal_id));
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_DEAL, "novak", deal_id));
  /* ... also by their first letters, which the rebuilt tables index. */
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_CONTACT, "j", contact_id));
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_DEAL, "pr", deal_id));
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_DEAL, "novak z", deal_id));
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM sqlite_master"
                                                " WHERE name LIKE '%_fts' AND sql LIKE '%prefix%'"), ==, 4);

  /* Opening again is a no-op. */
  g_clear_object (&f->store);
  f->store = nudge_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nudge_store_get_schema_version (f->store), ==, nudge_schema_latest_version ());
}

static void
test_step_by_step (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (guint v = 2; v <= nudge_schema_latest_version (); v++)
    {
      g_assert_true (nudge_store_migrate_to (f->store, v, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (nudge_store_get_schema_version (f->store), ==, v);
    }
  g_clear_object (&f->store);
  g_assert_cmpint (nudge_test_sql_int (f->path, "PRAGMA user_version"), ==, (int) nudge_schema_latest_version ());
}

static void
test_refuses_future_version (void)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *bump = NULL;
  g_autoptr(NudgeStore) store = nudge_test_book_open ("migrate", &dir, &path);

  g_clear_object (&store);

  /* A later Nudge wrote this file. */
  bump = g_strdup_printf ("PRAGMA journal_mode = DELETE; PRAGMA user_version = %u;",
                          nudge_schema_latest_version () + 1);
  nudge_test_sqlite_exec (path, bump);
  nudge_test_assert_open_refused (path, NUDGE_STORE_ERROR_TOO_NEW);
  g_assert_cmpint (nudge_test_sql_int (path, "PRAGMA user_version"), ==, (int) nudge_schema_latest_version () + 1);

  nudge_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  nudge_test_init (&argc, &argv, NULL);

  nudge_clock_pin (1772362800);

  g_test_add ("/core/migrate/from-version-1", Fixture, NULL, version_1_set_up, test_from_version_1,
              nudge_test_book_tear_down);
  g_test_add ("/core/migrate/step-by-step", Fixture, NULL, version_1_set_up, test_step_by_step,
              nudge_test_book_tear_down);
  g_test_add_func ("/core/migrate/refuses-future-version", test_refuses_future_version);

  return g_test_run ();
}
