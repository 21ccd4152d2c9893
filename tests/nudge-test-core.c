/* nudge-test-core.c — what the tests share: a scratch book, pinned time,
 * records added in one call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libintl.h>
#include <locale.h>

#include <glib/gstdio.h>
#include <libnotify/notify.h>
#include <sqlite3.h>
#include <time.h>

#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-demo.h"
#include "nudge-pace.h"
#include "nudge-store-private.h"
#include "nudge-test-core.h"

/* Called first in main(): the zone every test's times are written in,
 * and the locale the expected strings are in. */
void
nudge_test_init_environment (const char *lc_all)
{
  g_setenv ("TZ", NUDGE_TEST_TZID, TRUE);
  if (lc_all != NULL)
    g_setenv ("LC_ALL", lc_all, TRUE);
  tzset ();
}

void
nudge_test_init (int          *argc,
                 char       ***argv,
                 const char   *lc_all)
{
  nudge_test_init_environment (lc_all);
  g_test_init (argc, argv, NULL);
}

void
nudge_test_add_cases (const char          *prefix,
                      gsize                fixture_size,
                      GTestFixtureFunc     set_up,
                      GTestFixtureFunc     tear_down,
                      const NudgeTestCase *cases,
                      gsize                n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autofree char *path = g_strconcat (prefix, cases[i].path, NULL);

      g_test_add_vtable (path, fixture_size, cases[i].data, set_up, cases[i].func, tear_down);
    }
}

/* A wall-clock time in Prague, as a Unix time. */
gint64
nudge_test_prague (int year,
                   int month,
                   int day,
                   int hour,
                   int minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (NUDGE_TEST_TZID);
  g_autoptr(GDateTime) dt = g_date_time_new (tz, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

/* "2026-03-01" or "2026-03-01T09:00" read as UTC. */
gint64
nudge_test_utc (const char *iso8601)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  gint64 t = 0;

  g_assert_true (nudge_parse_iso8601 (iso8601, utc, &t, NULL));
  return t;
}

/* A new, empty book "nudge.db" in a new temporary folder named after
 * the test; @dir and @path (either may be NULL) get their paths. */
char *
nudge_test_make_dir (const char  *name,
                     char       **path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("nudge-%s-XXXXXX", name);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  if (path != NULL)
    *path = g_build_filename (dir, "nudge.db", NULL);
  return dir;
}

NudgeStore *
nudge_test_book_open (const char  *name,
                      char       **dir,
                      char       **path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *tmp = nudge_test_make_dir (name, &db);
  NudgeStore *store;

  store = nudge_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  if (dir != NULL)
    *dir = g_steal_pointer (&tmp);
  if (path != NULL)
    *path = g_steal_pointer (&db);
  return store;
}

void
nudge_test_add_demo (NudgeStore *store,
                     guint       contacts,
                     guint       companies,
                     guint       deals,
                     guint       activities,
                     guint       followups)
{
  g_autoptr(GError) error = NULL;
  NudgeDemoOptions options;

  nudge_demo_options_init (&options);
  if (contacts + companies + deals + activities + followups > 0)
    {
      options.contacts = contacts;
      options.companies = companies;
      options.deals = deals;
      options.activities = activities;
      options.followups = followups;
    }
  g_assert_true (nudge_demo_generate (store, &options, &error));
  g_assert_no_error (error);
}

/* Closes the book, deletes its folder with all in it (the write-ahead
 * log, backups, exports) and lets the clock run again. */
void
nudge_test_book_close (NudgeStore **store,
                       char       **dir,
                       char       **path)
{
  g_clear_object (store);
  if (dir != NULL && *dir != NULL)
    nudge_test_remove_tree (*dir);
  if (dir != NULL)
    g_clear_pointer (dir, g_free);
  if (path != NULL)
    g_clear_pointer (path, g_free);
  nudge_clock_unpin ();
}

void
nudge_test_book_set_up (NudgeTestBook *book,
                        gconstpointer  data)
{
  book->store = nudge_test_book_open ("test", &book->dir, &book->path);
}

void
nudge_test_pinned_book_set_up (NudgeTestBook *book,
                               gconstpointer  data)
{
  nudge_test_book_open_at (book, "test", 1772362800);
}

void
nudge_test_book_open_at (NudgeTestBook *book,
                         const char    *name,
                         gint64         now)
{
  nudge_clock_pin (now);
  book->store = nudge_test_book_open (name, &book->dir, &book->path);
}

void
nudge_test_book_tear_down (NudgeTestBook *book,
                           gconstpointer  data)
{
  nudge_test_book_close (&book->store, &book->dir, &book->path);
}

void
nudge_test_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      nudge_test_remove_tree (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

void
nudge_test_notify_uninit (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  notify_uninit ();
}

void
nudge_test_sqlite_exec (const char *path,
                        const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

void
nudge_test_assert_open_refused (const char *path,
                                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;

  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  g_assert_cmpuint (before_len, >, 0);

  store = nudge_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, NUDGE_STORE_ERROR, code);

  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

/* Saves a record of @type (company, contact, deal or activity) with
 * the given properties ("name", "Acme", …, NULL); a deal is in CZK
 * unless "currency" says otherwise. The test fails if the store refuses
 * it. */
gint64
nudge_test_add (NudgeStore *store,
                GType       type,
                const char *first_property,
                ...)
{
  g_autoptr(GObject) record = g_object_new (type, NULL);
  g_autoptr(GError) error = NULL;
  va_list args;
  gint64 id;

  if (type == NUDGE_TYPE_DEAL)
    g_object_set (record, "currency", "CZK", NULL);
  va_start (args, first_property);
  if (first_property != NULL)
    g_object_set_valist (record, first_property, args);
  va_end (args);
  if (type == NUDGE_TYPE_COMPANY)
    id = nudge_store_save_company (store, NUDGE_COMPANY (record), &error);
  else if (type == NUDGE_TYPE_CONTACT)
    id = nudge_store_save_contact (store, NUDGE_CONTACT (record), &error);
  else if (type == NUDGE_TYPE_DEAL)
    id = nudge_store_save_deal (store, NUDGE_DEAL (record), &error);
  else
    id = nudge_store_add_activity (store, NUDGE_ACTIVITY (record), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

void
nudge_test_call_spec (NudgeFollowupSpec *spec,
                      const char        *title,
                      gint64             due_at,
                      gint64             deal_id)
{
  nudge_followup_spec_init (spec);
  spec->title = title;
  spec->kind = "call";
  spec->due_at = due_at;
  spec->tzid = NUDGE_TEST_TZID;
  spec->deal_id = deal_id;
}

gint64
nudge_test_create_followup (NudgeStore              *store,
                            const NudgeFollowupSpec *spec)
{
  g_autoptr(GError) error = NULL;
  gint64 id = nudge_followups_create (store, spec, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A call due at @due_at in Prague, for @deal_id (or none with 0),
 * repeating by @rrule (or once with NULL). */
gint64
nudge_test_add_followup (NudgeStore *store,
                         gint64      deal_id,
                         const char *title,
                         gint64      due_at,
                         const char *rrule)
{
  NudgeFollowupSpec spec;

  nudge_test_call_spec (&spec, title, due_at, deal_id);
  spec.rrule = rrule;
  return nudge_test_create_followup (store, &spec);
}

gint64
nudge_test_add_brno_deal (NudgeStore *store,
                          gint64     *contact_id)
{
  *contact_id = nudge_test_add_contact (store, "name", "Jana Nováková", "phone", "+420 601 234 567", NULL);
  return nudge_test_add_deal (store, "title", "Brno office fit-out", "contact-id", *contact_id, NULL);
}

gint64
nudge_test_add_staged_deal (NudgeStore *store,
                            const char *title,
                            const char *stage,
                            gint64      amount_minor,
                            const char *currency,
                            const char *created,
                            const char *expected_close)
{
  nudge_clock_pin (nudge_test_utc (created));
  return nudge_test_add_deal (store, "title", title, "stage-id", nudge_test_stage_id (store, stage),
                              "currency", currency, "has-amount", amount_minor > 0,
                              "amount-minor", amount_minor, "expected-close", expected_close, NULL);
}

void
nudge_test_use_holidays (NudgeHolidayRegion region)
{
  NudgeWorkingHours hours;

  nudge_working_hours_get (&hours);
  hours.holidays = region;
  nudge_working_hours_set (&hours);
}

gboolean
nudge_test_use_locale (const char *locale)
{
  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("locale %s is not available (tests/make-locales.sh makes it "
                                                  "from the locales package)", locale);

      g_test_skip (message);
      return FALSE;
    }
  return TRUE;
}

void
nudge_test_use_translations (void)
{
  const char *build = g_getenv ("NUDGE_BUILD_DIR");
  g_autofree char *dir = NULL;
  g_autofree char *catalogue = NULL;
  g_autofree char *previous = NULL;

  g_assert_nonnull (build);
  dir = g_build_filename (build, "po", NULL);
  catalogue = g_build_filename (dir, "cs", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_assert_true (g_file_test (catalogue, G_FILE_TEST_IS_REGULAR));
  /* LANGUAGE would pick the language over the locale's. */
  g_unsetenv ("LANGUAGE");
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* GLib decides at its first translation whether to translate at all,
   * by the locale then: a translated one, whatever the test's is now. */
  previous = g_strdup (setlocale (LC_ALL, NULL));
  if (setlocale (LC_ALL, "cs_CZ.UTF-8") != NULL)
    g_dgettext (GETTEXT_PACKAGE, "");
  setlocale (LC_ALL, previous);
}

char *
nudge_test_dump_rows (NudgeStore        *store,
                      const char *const *queries,
                      gsize              n_queries)
{
  GString *out = g_string_new (NULL);

  for (gsize q = 0; q < n_queries; q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (nudge_store_get_db (store), queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      g_string_append_printf (out, "%s\n", queries[q]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "%s|", sqlite3_column_type (stmt, c) == SQLITE_NULL
                                                ? "NULL" : (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  return g_string_free (out, FALSE);
}

char *
nudge_test_book_rows (NudgeStore *store)
{
  static const char *const queries[] = {
    "SELECT * FROM contact WHERE trashed_at IS NULL ORDER BY id",
    "SELECT * FROM company WHERE trashed_at IS NULL ORDER BY id",
    "SELECT * FROM contact_channel WHERE contact_id IN (SELECT id FROM contact WHERE trashed_at IS NULL) ORDER BY id",
    "SELECT * FROM import_change ORDER BY id",
    /* The search index: the words, not the spaces between them */
    "SELECT rowid, trim(replace(replace(replace(body, '   ', ' '), '  ', ' '), '  ', ' ')) FROM contact_fts"
    "  WHERE rowid IN (SELECT id FROM contact WHERE trashed_at IS NULL) ORDER BY rowid",
    "SELECT rowid, trim(replace(replace(replace(body, '   ', ' '), '  ', ' '), '  ', ' ')) FROM company_fts"
    "  WHERE rowid IN (SELECT id FROM company WHERE trashed_at IS NULL) ORDER BY rowid",
  };

  return nudge_test_dump_rows (store, queries, G_N_ELEMENTS (queries));
}

gboolean
nudge_test_search_finds (NudgeStore  *store,
                         NudgeEntity  entity,
                         const char  *text,
                         gint64       id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = nudge_store_search (store, entity, text, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

gint64
nudge_test_stage_id (NudgeStore *store,
                     const char *name)
{
  g_autoptr(NudgeStage) stage = NULL;
  g_autoptr(GError) error = NULL;

  stage = nudge_store_find_stage (store, 0, name, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stage);
  return nudge_stage_get_id (stage);
}

NudgeDeal *
nudge_test_get_deal (NudgeStore *store,
                     gint64      id)
{
  g_autoptr(GError) error = NULL;
  NudgeDeal *deal = nudge_store_get_deal (store, id, &error);

  g_assert_no_error (error);
  return deal;
}

NudgeFollowup *
nudge_test_get_followup (NudgeStore *store,
                         gint64      id)
{
  g_autoptr(GError) error = NULL;
  NudgeFollowup *followup = nudge_store_get_followup (store, id, &error);

  g_assert_no_error (error);
  return followup;
}

NudgeFollowup *
nudge_test_only_followup (NudgeStore *store,
                          gint64      deal_id,
                          gboolean    open_only)
{
  g_autoptr(GPtrArray) followups = nudge_store_list_followups (store, NUDGE_ENTITY_DEAL, deal_id, open_only, NULL);

  g_assert_cmpuint (followups->len, ==, 1);
  return g_object_ref (g_ptr_array_index (followups, 0));
}

void
nudge_test_rename_followup (NudgeStore *store,
                            gint64      id,
                            const char *title)
{
  g_autoptr(NudgeFollowup) followup = nudge_test_get_followup (store, id);
  g_autoptr(GError) error = NULL;

  g_object_set (followup, "title", title, NULL);
  g_assert_cmpint (nudge_store_save_followup (store, followup, &error), ==, id);
  g_assert_no_error (error);
}

static void
append_change (NudgeEntity entity,
               gint64      id,
               NudgeChange change,
               gpointer    data)
{
  NudgeTestChange c = { entity, id, change };

  g_array_append_val ((GArray *) data, c);
}

static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  const NudgeTestChange *ca = a, *cb = b;

  if (ca->entity != cb->entity)
    return ca->entity < cb->entity ? -1 : 1;
  return ca->id < cb->id ? -1 : ca->id > cb->id;
}

void
nudge_test_record_changes (NudgeStore     *store,
                           NudgeChangeSet *set,
                           GArray         *changes)
{
  g_autoptr(GArray) batch = g_array_new (FALSE, FALSE, sizeof (NudgeTestChange));

  for (guint e = 0; e < NUDGE_N_ENTITIES; e++)
    nudge_change_set_foreach (set, e, append_change, batch);
  g_array_sort (batch, compare_changes);
  g_array_append_vals (changes, batch->data, batch->len);
}

guint
nudge_test_model_find (GListModel        *model,
                       NudgeTestNameFunc  name_of,
                       const char        *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (name_of (item), name) == 0)
        return i;
    }
  return G_MAXUINT;
}

guint
nudge_test_model_find_deal (GListModel *model,
                            const char *title)
{
  return nudge_test_model_find (model, (NudgeTestNameFunc) nudge_deal_get_title, title);
}

gboolean
nudge_test_model_has_deal (GListModel *model,
                           const char *title)
{
  return nudge_test_model_find_deal (model, title) != G_MAXUINT;
}

NudgeDeal *
nudge_test_find_deal (GPtrArray  *deals,
                      const char *title)
{
  for (guint i = 0; i < deals->len; i++)
    if (g_str_equal (nudge_deal_get_title (g_ptr_array_index (deals, i)), title))
      return g_ptr_array_index (deals, i);
  g_assert_not_reached ();
}

NudgeContact *
nudge_test_find_contact (GPtrArray  *contacts,
                         const char *name)
{
  for (guint i = 0; i < contacts->len; i++)
    if (g_str_equal (nudge_contact_get_name (g_ptr_array_index (contacts, i)), name))
      return g_ptr_array_index (contacts, i);
  g_assert_not_reached ();
}

/* Steps @sql on @store's connection: whether it gave a row */
static sqlite3_stmt *
store_first_row (NudgeStore *store,
                 const char *sql)
{
  sqlite3_stmt *stmt = nudge_store_prepare (store, sql, NULL);
  int rc;

  g_assert_nonnull (stmt);
  rc = sqlite3_step (stmt);
  g_assert_true (rc == SQLITE_ROW || rc == SQLITE_DONE);
  if (rc == SQLITE_ROW)
    return stmt;
  sqlite3_reset (stmt);
  return NULL;
}

gint64
nudge_test_store_int (NudgeStore *store,
                      const char *format,
                      ...)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 value = -1;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  if ((stmt = store_first_row (store, sql)) != NULL)
    {
      value = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  return value;
}

char *
nudge_test_store_text (NudgeStore *store,
                       const char *sql)
{
  sqlite3_stmt *stmt = store_first_row (store, sql);
  char *value = NULL;

  if (stmt != NULL)
    {
      value = nudge_sql_dup_text (stmt, 0);
      sqlite3_reset (stmt);
    }
  return value;
}

int
nudge_test_sql_int (const char *path,
                    const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

guint
nudge_test_count_deals (NudgeStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) deals = nudge_store_list_deals (store, &error);

  g_assert_no_error (error);
  return deals->len;
}

void
nudge_test_run_cli (const char *path,
                    const char *first,
                    ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("NUDGE_CLI"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) path);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_nonnull (g_ptr_array_index (argv, 0));

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                               &error));
  g_assert_no_error (error);
  g_test_message ("nudge-cli: %s%s", out, err);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

void
nudge_test_add_bulk_contacts (NudgeStore *store,
                              guint       n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nudge_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NudgeContact) contact = nudge_contact_new ();
      g_autofree char *name = g_strdup_printf ("Bulk Person %04u", i);

      g_object_set (contact, "name", name, NULL);
      g_assert_cmpint (nudge_store_save_contact (store, contact, &error), >, 0);
    }
  g_assert_true (nudge_store_commit (store, &error));
  g_assert_no_error (error);
}
