/* test-store-changes.c — how the store announces what changed:
 * transactions and savepoints, one signal per commit, live lists kept
 * in step with precise changes, workers' and other programs' writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "nudge-demo.h"
#include "nudge-record-list.h"
#include "nudge-worker.h"
#include "nudge-store.h"
#include "nudge-test-core.h"
#include "nudge-test-notify.h"
#include "nudge-store-private.h"

typedef NudgeTestBook Fixture;

typedef struct
{
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

static void
record_items_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         GArray     *log)
{
  ItemsChanged c = { position, removed, added };

  g_array_append_val (log, c);
}

/* The @entity records of the book, loaded, their changes noted in @log. */
static NudgeRecordList *
logged_list (Fixture     *f,
             NudgeEntity  entity,
             GArray      *log)
{
  NudgeRecordList *list = nudge_record_list_new (f->store, entity);
  g_autoptr(GError) error = NULL;

  g_assert_true (nudge_record_list_load (list, &error));
  g_assert_no_error (error);
  g_signal_connect (list, "items-changed", G_CALLBACK (record_items_changed_cb), log);
  return list;
}

/* @log holds @n changes of the list, the last at @position: @removed
 * rows, then @added. */
static void
assert_last_change (GArray *log,
                    guint   n,
                    guint   position,
                    guint   removed,
                    guint   added)
{
  const ItemsChanged *last;

  g_assert_cmpuint (log->len, ==, n);
  last = &g_array_index (log, ItemsChanged, n - 1);
  g_assert_cmpuint (last->position, ==, position);
  g_assert_cmpuint (last->removed, ==, removed);
  g_assert_cmpuint (last->added, ==, added);
}

/* ---- transactions ----------------------------------------------------- */

static void
test_transaction_rollback (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (NudgeTestChange));
  g_autoptr(NudgeCompany) first = nudge_company_new ();
  g_autoptr(NudgeCompany) second = nudge_company_new ();
  g_autoptr(NudgeCompany) bad = nudge_company_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (f->store, "changes", G_CALLBACK (nudge_test_record_changes), changes);

  g_assert_true (nudge_store_begin (f->store, &error));
  g_object_set (first, "name", "Alfa a.s.", NULL);
  g_object_set (second, "name", "Beta Ltd", NULL);
  g_object_set (bad, "name", "Gama s.r.o.", "email", "not an address", NULL);
  g_assert_cmpint (nudge_store_save_company (f->store, first, &error), >, 0);
  g_assert_cmpint (nudge_store_save_company (f->store, second, &error), >, 0);
  g_assert_no_error (error);
  /* Nothing is announced before the commit. */
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpint (nudge_store_save_company (f->store, bad, &error), ==, 0);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  nudge_store_rollback (f->store);

  g_assert_cmpuint (changes->len, ==, 0);
  all = nudge_store_list_companies (f->store, NULL);
  g_assert_cmpuint (all->len, ==, 0);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM company"), ==, 0);

  /* The store is usable after the rollback and announces committed work once. */
  g_clear_object (&first);
  first = nudge_company_new ();
  g_object_set (first, "name", "Alfa a.s.", NULL);
  g_assert_true (nudge_store_begin (f->store, NULL));
  g_assert_cmpint (nudge_store_save_company (f->store, first, NULL), >, 0);
  g_object_set (first, "industry", "Energy", NULL);
  g_assert_cmpint (nudge_store_save_company (f->store, first, NULL), >, 0);
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_true (nudge_store_commit (f->store, NULL));
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpint (g_array_index (changes, NudgeTestChange, 0).entity, ==, NUDGE_ENTITY_COMPANY);
  g_assert_cmpint (g_array_index (changes, NudgeTestChange, 0).id, ==, nudge_company_get_id (first));
  g_assert_cmpint (g_array_index (changes, NudgeTestChange, 0).change, ==, NUDGE_CHANGE_ADDED);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM company"), ==, 1);

  g_signal_handlers_disconnect_by_func (f->store, nudge_test_record_changes, changes);
}

/* nudge_store_end(): a write that failed is rolled back, its own level
 * only; one that went well is committed and announced. */
static void
test_transaction_end (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (NudgeTestChange));
  g_autoptr(GError) error = NULL;
  gint64 kept;

  g_signal_connect (f->store, "changes", G_CALLBACK (nudge_test_record_changes), changes);

  g_assert_true (nudge_store_begin (f->store, &error));
  g_assert_cmpint (nudge_test_add_named_company (f->store, "Dropped s.r.o."), >, 0);
  g_assert_false (nudge_store_end (f->store, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM company"), ==, 0);

  g_assert_true (nudge_store_begin (f->store, &error));
  kept = nudge_test_add_named_company (f->store, "Kept a.s.");
  g_assert_true (nudge_store_begin (f->store, &error));
  g_assert_cmpint (nudge_test_add_named_company (f->store, "Inner Ltd"), >, 0);
  g_assert_false (nudge_store_end (f->store, FALSE, &error));
  g_assert_true (nudge_store_end (f->store, kept > 0, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpint (g_array_index (changes, NudgeTestChange, 0).id, ==, kept);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM company"), ==, 1);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM company WHERE name = 'Kept a.s.'"), ==, 1);

  g_signal_handlers_disconnect_by_func (f->store, nudge_test_record_changes, changes);
}

/* ---- live lists ------------------------------------------------------- */

static void
test_record_list_precision (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (ItemsChanged));
  g_autoptr(NudgeRecordList) list = NULL;
  g_autoptr(NudgeDeal) edited = NULL;
  g_autoptr(NudgeCompany) company = NULL;
  g_autoptr(GError) error = NULL;
  gint64 acme = nudge_test_add_named_company (f->store, "Acme Ltd");
  gint64 other = nudge_test_add_named_company (f->store, "Other GmbH");
  gint64 d1 = nudge_test_add_deal (f->store, "title", "First", "company-id", acme, NULL);
  gint64 d2 = nudge_test_add_titled_deal (f->store, "Second");
  gint64 d3 = nudge_test_add_deal (f->store, "title", "Third", "company-id", acme, NULL);
  gint64 d4 = nudge_test_add_deal (f->store, "title", "Fourth", "company-id", other, NULL);
  gint64 d5;
  guint pos;
  NudgeDeal *shown;
  guint n_title_notifies = 0;

  list = logged_list (f, NUDGE_ENTITY_DEAL, log);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);

  /* An edit changes exactly its own row, and keeps its object (so a
   * list view binds the row again rather than building a new one),
   * with a notify for what changed. */
  pos = nudge_record_list_find (list, d2);
  g_assert_cmpuint (pos, <, 4);
  shown = nudge_record_list_lookup (list, d2);
  nudge_test_count_notify (shown, "title", &n_title_notifies);
  edited = nudge_store_get_deal (f->store, d2, &error);
  g_object_set (edited, "title", "Second, renamed", NULL);
  g_assert_cmpint (nudge_store_save_deal (f->store, edited, &error), ==, d2);
  assert_last_change (log, 1, pos, 1, 1);
  g_assert_true (nudge_record_list_lookup (list, d2) == shown);
  g_assert_cmpstr (nudge_deal_get_title (shown), ==, "Second, renamed");
  g_assert_cmpuint (n_title_notifies, ==, 1);
  g_signal_handlers_disconnect_by_func (shown, nudge_test_count_notify_cb, &n_title_notifies);
  g_array_set_size (log, 0);

  /* An add appends one row. */
  d5 = nudge_test_add_titled_deal (f->store, "Fifth");
  assert_last_change (log, 1, 4, 0, 1);
  g_assert_cmpuint (nudge_record_list_find (list, d5), ==, 4);
  g_array_set_size (log, 0);

  /* A trash removes one row, and the others keep their ids. */
  pos = nudge_record_list_find (list, d4);
  g_assert_true (nudge_store_trash (f->store, NUDGE_ENTITY_DEAL, &d4, 1, &error));
  assert_last_change (log, 1, pos, 1, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  g_assert_cmpuint (nudge_record_list_find (list, d4), ==, G_MAXUINT);
  g_assert_cmpint (nudge_deal_get_id (nudge_record_list_lookup (list, d5)), ==, d5);
  g_array_set_size (log, 0);

  /* Undo puts the row back where it was, in id order (a reload merges
   * by id), not at the end. */
  g_assert_true (nudge_store_restore (f->store, NUDGE_ENTITY_DEAL, &d4, 1, &error));
  g_assert_no_error (error);
  assert_last_change (log, 1, pos, 0, 1);
  g_assert_cmpuint (nudge_record_list_find (list, d4), ==, pos);
  g_assert_cmpuint (nudge_record_list_find (list, d5), ==, 4);
  g_assert_true (nudge_store_trash (f->store, NUDGE_ENTITY_DEAL, &d4, 1, &error));
  g_array_set_size (log, 0);

  /* A company rename refreshes only the deals of that company. */
  company = nudge_store_get_company (f->store, acme, &error);
  g_object_set (company, "name", "Acme Holdings Ltd", NULL);
  g_assert_cmpint (nudge_store_save_company (f->store, company, &error), ==, acme);
  g_assert_cmpuint (log->len, ==, 2);
  for (guint i = 0; i < log->len; i++)
    {
      ItemsChanged *c = &g_array_index (log, ItemsChanged, i);
      NudgeDeal *deal = g_list_model_get_item (G_LIST_MODEL (list), c->position);

      g_assert_cmpuint (c->removed, ==, 1);
      g_assert_cmpuint (c->added, ==, 1);
      g_assert_true (nudge_deal_get_id (deal) == d1 || nudge_deal_get_id (deal) == d3);
      g_assert_cmpstr (nudge_deal_get_company_name (deal), ==, "Acme Holdings Ltd");
      g_object_unref (deal);
    }
  g_assert_cmpuint (g_array_index (log, ItemsChanged, 0).position, !=,
                    g_array_index (log, ItemsChanged, 1).position);
}

static void
count_emission_cb (NudgeStore     *store,
                   NudgeChangeSet *set,
                   guint          *n)
{
  (*n)++;
}

static void
nudge_test_spin_core (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
wait_for_items_changed (GArray *log,
                        guint   n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (log->len < n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
add_company_job (NudgeStore    *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(NudgeCompany) company = nudge_company_new ();

  g_object_set (company, "name", data, NULL);
  return nudge_store_save_company (store, company, error) > 0;
}


/* A worker's write, on its own connection, reaches the main
 * connection's lists as a precise change; another program's write as a
 * reload. */
static void
test_worker_and_external_changes (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (ItemsChanged));
  g_autoptr(NudgeRecordList) list = NULL;
  g_autoptr(NudgeStore) other = NULL;
  g_autoptr(GError) error = NULL;

  nudge_test_add_named_company (f->store, "Alfa a.s.");
  list = logged_list (f, NUDGE_ENTITY_COMPANY, log);
  nudge_store_watch_file (f->store);

  g_assert_true (nudge_worker_run_sync (f->store, add_company_job, (gpointer) "Beta Ltd", &error));
  g_assert_no_error (error);
  assert_last_change (log, 1, 1, 0, 1);
  /* Not taken for another program's write as well. */
  nudge_test_spin_core (500);
  g_assert_cmpuint (log->len, ==, 1);

  /* Another program (a second connection nobody announces). */
  other = nudge_store_open (f->path, &error);
  g_assert_no_error (error);
  nudge_test_add_named_company (other, "Gama s.r.o.");
  wait_for_items_changed (log, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  /* Reloaded, but told as what it is: one row added at the end. */
  assert_last_change (log, 2, 2, 0, 1);
}

/* A worker that commits and works on before it is done... */
static gboolean
add_company_then_work_job (NudgeStore    *store,
                           gpointer       data,
                           GCancellable  *cancellable,
                           GError       **error)
{
  if (!add_company_job (store, data, cancellable, error))
    return FALSE;
  g_usleep (600 * G_TIME_SPAN_MILLISECOND);
  return TRUE;
}

/* ...is not taken for another program while it runs: each long job
 * made the app reload everything, and on a big book the reloads' own
 * jobs did it again, for seconds after deleting a stage. */
static void
test_long_worker_job_not_external (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (ItemsChanged));
  g_autoptr(NudgeRecordList) list = logged_list (f, NUDGE_ENTITY_COMPANY, log);
  g_autoptr(GError) error = NULL;
  guint emissions = 0;

  nudge_store_watch_file (f->store);
  g_signal_connect (f->store, "changes", G_CALLBACK (count_emission_cb), &emissions);
  g_assert_true (nudge_worker_run_sync (f->store, add_company_then_work_job, (gpointer) "Beta Ltd", &error));
  g_assert_no_error (error);
  nudge_test_spin_core (500);
  g_assert_cmpuint (emissions, ==, 1);
  g_assert_cmpuint (log->len, ==, 1);
}

/* A worker that only reads, for a while... */
static gboolean
read_a_while_job (NudgeStore    *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_usleep (600 * G_TIME_SPAN_MILLISECOND);
  return nudge_store_exec (store, "SELECT COUNT(*) FROM company", error);
}

static gboolean
write_elsewhere_cb (gpointer data)
{
  nudge_test_add_named_company (data, "Gama s.r.o.");
  return G_SOURCE_REMOVE;
}

/* ...does not hide what another program wrote meanwhile: it is told
 * once the job is done. */
static void
test_external_write_during_read_job (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (ItemsChanged));
  g_autoptr(NudgeRecordList) list = logged_list (f, NUDGE_ENTITY_COMPANY, log);
  g_autoptr(NudgeStore) other = NULL;
  g_autoptr(GError) error = NULL;

  nudge_store_watch_file (f->store);
  other = nudge_store_open (f->path, &error);
  g_assert_no_error (error);
  g_timeout_add (100, write_elsewhere_cb, other);
  g_assert_true (nudge_worker_run_sync (f->store, read_a_while_job, NULL, &error));
  g_assert_no_error (error);
  wait_for_items_changed (log, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  assert_last_change (log, 1, 0, 0, 1);
}

/* The app starts watching a moment after opening the book: what our own
 * worker wrote in between is not another program's write... */
static void
test_watch_after_worker_write (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (ItemsChanged));
  g_autoptr(NudgeRecordList) list = logged_list (f, NUDGE_ENTITY_COMPANY, log);
  g_autoptr(GError) error = NULL;

  g_assert_true (nudge_worker_run_sync (f->store, add_company_job, (gpointer) "Beta Ltd", &error));
  g_assert_cmpuint (log->len, ==, 1);
  nudge_store_watch_file (f->store);
  nudge_test_spin_core (500);
  g_assert_cmpuint (log->len, ==, 1);
}

/* ...and what another program wrote in between is told once it starts. */
static void
test_watch_after_external_write (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (ItemsChanged));
  g_autoptr(NudgeRecordList) list = logged_list (f, NUDGE_ENTITY_COMPANY, log);
  g_autoptr(NudgeStore) other = NULL;
  g_autoptr(GError) error = NULL;

  other = nudge_store_open (f->path, &error);
  g_assert_no_error (error);
  nudge_test_add_named_company (other, "Gama s.r.o.");
  nudge_test_spin_core (300);
  g_assert_cmpuint (log->len, ==, 0);
  nudge_store_watch_file (f->store);
  wait_for_items_changed (log, 1);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
}

/* Another program that changes thousands of rows in place, here every
 * other one (as the daily rescoring does), is told as one change of the
 * whole list rather than thousands; rows it adds, or a run of rows it
 * changes, are still told as what they are. */
/* Told before the rows go: the list still holds the old ones (the
 * second row is one of those renamed). */
static void
replacing_cb (NudgeRecordList *list,
              char           **name)
{
  g_autoptr(NudgeCompany) second = g_list_model_get_item (G_LIST_MODEL (list), 1);

  g_free (*name);
  *name = g_strdup (nudge_company_get_name (second));
}

static void
test_many_rows_changed_elsewhere (Fixture       *f,
                                  gconstpointer  data)
{
  static const char add_sql[] =
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)"
    " INSERT INTO company (name, created_at, updated_at) SELECT 'Firma ' || i, 1, 1 FROM n";
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (ItemsChanged));
  g_autoptr(NudgeRecordList) list = NULL;
  g_autoptr(NudgeStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;

  g_assert_true (nudge_store_exec (f->store, add_sql, &error));
  g_assert_no_error (error);
  list = logged_list (f, NUDGE_ENTITY_COMPANY, log);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5000);
  g_signal_connect (list, "replacing", G_CALLBACK (replacing_cb), &before);
  nudge_store_watch_file (f->store);

  other = nudge_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (nudge_store_exec (other, "UPDATE company SET name = name || ' s.r.o.', updated_at = 2 WHERE id % 2 = 0", &error));
  wait_for_items_changed (log, 1);
  assert_last_change (log, 1, 0, 5000, 5000);
  g_assert_cmpstr (before, ==, "Firma 2");

  g_clear_pointer (&before, g_free);
  g_assert_true (nudge_store_exec (other, add_sql, &error));
  wait_for_items_changed (log, 2);
  nudge_test_spin_core (300);
  assert_last_change (log, 2, 5000, 0, 5000);
  g_assert_null (before);

  /* A thousand rows changed in one run are one change of those rows... */
  g_assert_true (nudge_store_exec (other, "UPDATE company SET updated_at = 3 WHERE id BETWEEN 6001 AND 7000", &error));
  wait_for_items_changed (log, 3);
  nudge_test_spin_core (300);
  assert_last_change (log, 3, 6000, 1000, 1000);
  g_assert_null (before);

  /* ...while 2,500 rows changed apart from each other, in a list of
   * 10,000, are one change of the whole list, not 2,500. */
  g_assert_true (nudge_store_exec (other, "UPDATE company SET updated_at = 4 WHERE id % 4 = 0", &error));
  wait_for_items_changed (log, 4);
  nudge_test_spin_core (300);
  assert_last_change (log, 4, 0, 10000, 10000);
  g_assert_nonnull (before);
}

/* A big transaction is one signal with one entry per row, and a list
 * takes it as one reload rather than thousands of single rows. */
static void
test_change_set_one_per_commit (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (NudgeTestChange));
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (ItemsChanged));
  g_autoptr(NudgeRecordList) list = logged_list (f, NUDGE_ENTITY_COMPANY, log);
  g_autoptr(GError) error = NULL;
  guint emissions = 0;
  gint64 first = 0;

  g_signal_connect (f->store, "changes", G_CALLBACK (nudge_test_record_changes), changes);
  g_signal_connect (f->store, "changes", G_CALLBACK (count_emission_cb), &emissions);

  g_assert_true (nudge_store_begin (f->store, &error));
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *name = g_strdup_printf ("Company %u", i);
      gint64 id = nudge_test_add_named_company (f->store, name);

      if (i == 0)
        first = id;
    }
  /* Changed again in the same transaction: still one "added". */
  {
    g_autoptr(NudgeCompany) c = nudge_store_get_company (f->store, first, &error);

    g_object_set (c, "name", "Company zero", NULL);
    g_assert_cmpint (nudge_store_save_company (f->store, c, &error), ==, first);
  }
  g_assert_cmpuint (emissions, ==, 0);
  g_assert_true (nudge_store_commit (f->store, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (emissions, ==, 1);
  g_assert_cmpuint (changes->len, ==, 3000);
  for (guint i = 0; i < changes->len; i++)
    g_assert_cmpint (g_array_index (changes, NudgeTestChange, i).change, ==, NUDGE_CHANGE_ADDED);

  /* The list reloads on a worker and changes once. */
  wait_for_items_changed (log, 1);
  assert_last_change (log, 1, 0, 0, 3000);
  g_assert_cmpstr (nudge_company_get_name (nudge_record_list_lookup (list, first)), ==, "Company zero");

  /* Another connection's changes, handed over, reach the same listeners. */
  {
    g_autoptr(NudgeChangeSet) set = nudge_change_set_new ();

    nudge_change_set_add (set, NUDGE_ENTITY_DEAL, 42, NUDGE_CHANGE_UPDATED);
    nudge_store_emit_changes (f->store, set);
    g_assert_cmpuint (emissions, ==, 2);
    g_assert_cmpuint (changes->len, ==, 3001);
    g_assert_cmpint (g_array_index (changes, NudgeTestChange, 3000).entity, ==, NUDGE_ENTITY_DEAL);
    g_assert_cmpint (g_array_index (changes, NudgeTestChange, 3000).id, ==, 42);
  }
}

/* Where a record of a list was let go: on the main thread, or not yet. */
typedef struct
{
  GThread *main_thread;
  gint     freed;
  gint     freed_on_main;
  gboolean alive_when_told;
} Freed;

static void
record_freed_cb (gpointer  data,
                 GObject  *record)
{
  Freed *freed = data;

  if (g_thread_self () == freed->main_thread)
    g_atomic_int_inc (&freed->freed_on_main);
  g_atomic_int_inc (&freed->freed);
}

/* Whether none of the records watched was freed yet as the list tells
 * of a change */
static void
freed_told_cb (Freed *freed)
{
  freed->alive_when_told = g_atomic_int_get (&freed->freed) == 0;
}

/* Thousands of rows deleted at once leave a list in one items-changed;
 * the records it held are still there while its listeners hear of it
 * (a selection drops what it held of them then), and are freed
 * afterwards off the main thread: freeing 100,000 contacts took 300 ms
 * of the main loop. The rows around them stay the same objects. */
static void
test_deleted_run_freed_elsewhere (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(NudgeRecordList) list = nudge_record_list_new (f->store, NUDGE_ENTITY_COMPANY);
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (ItemsChanged));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  Freed freed = { g_thread_self (), 0, 0, FALSE };
  gpointer before_run, after_run;
  gint64 deadline;

  g_assert_true (nudge_store_begin (f->store, &error));
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *name = g_strdup_printf ("Company %u", i);
      gint64 id = nudge_test_add_named_company (f->store, name);

      if (i >= 1000 && i < 2000)
        g_array_append_val (ids, id);
    }
  g_assert_true (nudge_store_commit (f->store, &error));
  g_assert_true (nudge_record_list_load (list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3000);
  before_run = nudge_record_list_get_record (list, 999);
  after_run = nudge_record_list_get_record (list, 2000);
  for (guint i = 1000; i < 2000; i++)
    g_object_weak_ref (nudge_record_list_get_record (list, i), record_freed_cb, &freed);
  g_signal_connect (list, "items-changed", G_CALLBACK (record_items_changed_cb), log);
  g_signal_connect_swapped (list, "items-changed", G_CALLBACK (freed_told_cb), &freed);

  g_assert_true (nudge_store_trash (f->store, NUDGE_ENTITY_COMPANY, (const gint64 *) ids->data, ids->len, &error));
  g_assert_no_error (error);
  wait_for_items_changed (log, 1);
  assert_last_change (log, 1, 1000, 1000, 0);
  g_assert_true (freed.alive_when_told);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2000);
  g_assert_true (nudge_record_list_get_record (list, 999) == before_run);
  g_assert_true (nudge_record_list_get_record (list, 1000) == after_run);
  g_assert_null (nudge_record_list_get_record (list, 2000));

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_atomic_int_get (&freed.freed) < 1000 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (g_atomic_int_get (&freed.freed), ==, 1000);
  g_assert_cmpint (g_atomic_int_get (&freed.freed_on_main), ==, 0);
}

/* A nested begin is a savepoint: rolling it back undoes only its own work
 * (and drops only the changes it recorded); the caller's transaction goes
 * on and is announced once on commit. */
static void
test_nested_savepoint (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (NudgeTestChange));
  g_autoptr(GError) error = NULL;
  gint64 outer_id, kept_id;

  g_signal_connect (f->store, "changes", G_CALLBACK (nudge_test_record_changes), changes);

  g_assert_true (nudge_store_begin (f->store, &error));
  outer_id = nudge_test_add_named_company (f->store, "Outer a.s.");

  g_assert_true (nudge_store_begin (f->store, &error));
  nudge_test_add_named_company (f->store, "Inner s.r.o.");
  nudge_store_rollback (f->store);

  g_assert_true (nudge_store_begin (f->store, &error));
  kept_id = nudge_test_add_named_company (f->store, "Kept Ltd");
  g_assert_true (nudge_store_commit (f->store, &error));
  g_assert_cmpuint (changes->len, ==, 0);

  g_assert_true (nudge_store_commit (f->store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM company WHERE name = 'Outer a.s.'"), ==, 1);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM company WHERE name = 'Inner s.r.o.'"), ==, 0);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM company WHERE name = 'Kept Ltd'"), ==, 1);
  /* One emission: the outer and the kept company, not the undone one. */
  g_assert_cmpuint (changes->len, ==, 2);
  for (guint i = 0; i < changes->len; i++)
    {
      NudgeTestChange *c = &g_array_index (changes, NudgeTestChange, i);

      g_assert_cmpint (c->entity, ==, NUDGE_ENTITY_COMPANY);
      g_assert_true (c->id == outer_id || c->id == kept_id);
    }
}

static int
count_commits_cb (void *data)
{
  (*(guint *) data)++;
  return 0;
}

/* The sample book is one transaction, scores included: a kill at any
 * point leaves the book as it was or complete. */
static void
test_demo_one_transaction (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint commits = 0;

  sqlite3_commit_hook (nudge_store_get_db (f->store), count_commits_cb, &commits);
  nudge_test_add_demo (f->store, 6, 3, 5, 10, 4);
  g_assert_no_error (error);
  sqlite3_commit_hook (nudge_store_get_db (f->store), NULL, NULL);
  g_assert_cmpuint (commits, ==, 1);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM deal"), ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "transaction-rollback", NUDGE_TEST_FUNC (test_transaction_rollback) },
    { "transaction-end", NUDGE_TEST_FUNC (test_transaction_end) },
    { "record-list-precision", NUDGE_TEST_FUNC (test_record_list_precision) },
    { "change-set-one-per-commit", NUDGE_TEST_FUNC (test_change_set_one_per_commit) },
    { "deleted-run-freed-elsewhere", NUDGE_TEST_FUNC (test_deleted_run_freed_elsewhere) },
    { "worker-and-external-changes", NUDGE_TEST_FUNC (test_worker_and_external_changes) },
    { "long-worker-job-not-external", NUDGE_TEST_FUNC (test_long_worker_job_not_external) },
    { "external-write-during-read-job", NUDGE_TEST_FUNC (test_external_write_during_read_job) },
    { "watch-after-worker-write", NUDGE_TEST_FUNC (test_watch_after_worker_write) },
    { "watch-after-external-write", NUDGE_TEST_FUNC (test_watch_after_external_write) },
    { "many-rows-changed-elsewhere", NUDGE_TEST_FUNC (test_many_rows_changed_elsewhere) },
    { "nested-savepoint", NUDGE_TEST_FUNC (test_nested_savepoint) },
    { "demo-one-transaction", NUDGE_TEST_FUNC (test_demo_one_transaction) },
  };

  nudge_test_init (&argc, &argv, NULL);

  nudge_test_add_table ("/core/store/", Fixture, nudge_test_pinned_book_set_up, nudge_test_book_tear_down, cases);

  return g_test_run ();
}
