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

static void
test_from_version_1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nudge-migrate-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "nudge.db", NULL);
  g_autoptr(NudgeStore) store = NULL;
  g_autoptr(NudgeCompany) company = nudge_company_new ();
  g_autoptr(NudgeContact) contact = nudge_contact_new ();
  g_autoptr(NudgeDeal) deal = nudge_deal_new ();
  g_autoptr(NudgeDeal) reread = NULL;
  g_autoptr(GPtrArray) deals = NULL;
  gint64 company_id, contact_id, deal_id;

  store = nudge_store_open_at_version (path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nudge_store_get_schema_version (store), ==, 1);
  g_assert_cmpint (nudge_test_sql_int (path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'deal_fts'"), ==, 0);

  g_object_set (company, "name", "Zakłady Łódź S.A.", NULL);
  company_id = nudge_store_save_company (store, company, &error);
  g_assert_no_error (error);
  g_object_set (contact, "name", "Jiří Novák", "company-id", company_id,
                "email", "jiri.novak@example.cz", NULL);
  contact_id = nudge_store_save_contact (store, contact, &error);
  g_assert_no_error (error);
  g_object_set (deal, "title", "Przenośniki taśmowe", "company-id", company_id,
                "contact-id", contact_id, "currency", "PLN",
                "has-amount", TRUE, "amount-minor", (gint64) 4500000, NULL);
  deal_id = nudge_store_save_deal (store, deal, &error);
  g_assert_no_error (error);
  g_assert_cmpint (deal_id, >, 0);
  g_clear_object (&store);

  g_assert_cmpint (nudge_test_sql_int (path, "PRAGMA user_version"), ==, 1);

  store = nudge_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nudge_store_get_schema_version (store), ==, nudge_schema_latest_version ());
  g_assert_cmpuint (nudge_schema_latest_version (), >, 1);
  g_assert_cmpint (nudge_test_sql_int (path, "PRAGMA user_version"), ==, (int) nudge_schema_latest_version ());

  /* The rows written by the old version are all there. */
  deals = nudge_store_list_deals (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deals->len, ==, 1);
  reread = nudge_store_get_deal (store, deal_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nudge_deal_get_title (reread), ==, "Przenośniki taśmowe");
  g_assert_cmpstr (nudge_deal_get_company_name (reread), ==, "Zakłady Łódź S.A.");
  g_assert_cmpint (nudge_deal_get_amount_minor (reread), ==, 4500000);

  /* The search index added later covers the old rows. */
  g_assert_true (nudge_test_search_finds (store, NUDGE_ENTITY_CONTACT, "novak", contact_id));
  g_assert_true (nudge_test_search_finds (store, NUDGE_ENTITY_CONTACT, "jiri", contact_id));
  g_assert_true (nudge_test_search_finds (store, NUDGE_ENTITY_COMPANY, "lodz", company_id));
  g_assert_true (nudge_test_search_finds (store, NUDGE_ENTITY_DEAL, "przenosniki", deal_id));
  g_assert_true (nudge_test_search_finds (store, NUDGE_ENTITY_DEAL, "zaklady", deal_id));
  g_assert_true (nudge_test_search_finds (store, NUDGE_ENTITY_DEAL, "novak", deal_id));

  /* Opening again is a no-op. */
  g_clear_object (&store);
  store = nudge_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nudge_store_get_schema_version (store), ==, nudge_schema_latest_version ());

  g_clear_object (&store);
  nudge_test_remove_tree (dir);
}

static void
test_step_by_step (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nudge-migrate-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "nudge.db", NULL);
  g_autoptr(NudgeStore) store = NULL;

  store = nudge_store_open_at_version (path, 1, &error);
  g_assert_no_error (error);
  for (guint v = 2; v <= nudge_schema_latest_version (); v++)
    {
      g_assert_true (nudge_store_migrate_to (store, v, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (nudge_store_get_schema_version (store), ==, v);
    }
  g_clear_object (&store);
  g_assert_cmpint (nudge_test_sql_int (path, "PRAGMA user_version"), ==, (int) nudge_schema_latest_version ());

  nudge_test_remove_tree (dir);
}

static void
test_refuses_future_version (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nudge-migrate-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "nudge.db", NULL);
  g_autofree char *bump = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;
  g_autoptr(NudgeStore) store = NULL;
  sqlite3 *db = NULL;

  store = nudge_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* A later Nudge wrote this file. */
  bump = g_strdup_printf ("PRAGMA journal_mode = DELETE; PRAGMA user_version = %u;",
                          nudge_schema_latest_version () + 1);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, bump, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  store = nudge_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_TOO_NEW);

  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_cmpint (nudge_test_sql_int (path, "PRAGMA user_version"), ==, (int) nudge_schema_latest_version () + 1);

  nudge_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  nudge_test_init (&argc, &argv, NULL);

  nudge_clock_pin (1772362800);

  g_test_add_func ("/core/migrate/from-version-1", test_from_version_1);
  g_test_add_func ("/core/migrate/step-by-step", test_step_by_step);
  g_test_add_func ("/core/migrate/refuses-future-version", test_refuses_future_version);

  return g_test_run ();
}
