/* test-store-file.c — how the store opens its file: a private folder,
 * other programs' files and folders refused, a read-only file named as
 * such, other programs' locks waited for or named
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nudge-clock.h"
#include "nudge-store.h"
#include "nudge-test-core.h"
#include "nudge-worker.h"

typedef NudgeTestBook Fixture;

/* A scratch folder for the tests that make their own files in it,
 * removed with all they left there. */
typedef struct
{
  char *dir;
} Folder;

static void
folder_set_up (Folder        *f,
               gconstpointer  data)
{
  f->dir = nudge_test_make_dir ("store", NULL);
}

static void
folder_tear_down (Folder        *f,
                  gconstpointer  data)
{
  nudge_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
test_file_private (Folder        *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (f->dir, "data", "nudge", NULL);
  g_autofree char *path = g_build_filename (folder, "nudge.db", NULL);
  g_autoptr(NudgeStore) store = NULL;
  struct stat st;

  store = nudge_store_open (path, &error);
  g_assert_no_error (error);
  nudge_test_add_named_company (store, "Private a.s.");

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
}

static void
test_refuses_foreign_file (Folder        *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GString) contents = g_string_new ("My shopping list\nmilk, bread\n");

  for (int i = 0; i < 5000; i++)
    g_string_append_c (contents, (char) (i * 7 + 3));
  g_assert_true (g_file_set_contents (path, contents->str, contents->len, &error));

  nudge_test_assert_open_refused (path, NUDGE_STORE_ERROR_NOT_A_DATABASE);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_refuses_other_sqlite (Folder        *f,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "places.sqlite", NULL);

  nudge_test_sqlite_exec (path, "CREATE TABLE bookmark (url TEXT);"
                                "INSERT INTO bookmark VALUES ('https://gnome.org');");

  nudge_test_assert_open_refused (path, NUDGE_STORE_ERROR_NOT_A_DATABASE);
  g_assert_cmpint (nudge_test_sql_int (path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'deal'"), ==, 0);
}

/* Another program's connection to the book at @path, in the middle of
 * the transaction @sql begins. */
static sqlite3 *
hold_lock (const char *path,
           const char *sql)
{
  sqlite3 *other = NULL;

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  return other;
}

/* The other program gives up its transaction and the book. */
static void
release_lock (sqlite3 *other)
{
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
}

static void
test_locked (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(NudgeCompany) company = nudge_company_new ();
  g_autoptr(GError) error = NULL;
  sqlite3 *other = hold_lock (f->path, "BEGIN EXCLUSIVE");
  gint64 start;

  g_object_set (company, "name", "Zamčená s.r.o.", NULL);
  start = g_get_monotonic_time ();
  g_assert_cmpint (nudge_store_save_company (f->store, company, &error), ==, 0);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  /* It waited for the other program before giving up. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);

  release_lock (other);

  /* Once the lock is gone the same save works. */
  g_assert_cmpint (nudge_store_save_company (f->store, company, &error), >, 0);
  g_assert_no_error (error);
}

/* A write that meets the lock of one of Nudge's own connections (a
 * worker saving a long change) says so, rather than blame another
 * program; once the worker is done, the same write goes through. */
static void
test_locked_by_worker (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeStore) worker = nudge_store_open_worker (f->path, &error);

  g_assert_no_error (error);
  g_assert_true (nudge_store_begin (worker, &error));
  nudge_store_set_busy_timeout (f->store, 40);
  g_assert_false (nudge_store_begin (f->store, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_LOCKED);
  g_assert_cmpstr (error->message, ==, "Nudge is still saving an earlier change; try again in a moment");
  g_clear_error (&error);

  g_assert_true (nudge_store_commit (worker, &error));
  g_assert_cmpint (nudge_test_add_titled_deal (f->store, "After"), >, 0);

  /* Another program's lock is still named as such. */
  {
    sqlite3 *other = hold_lock (f->path, "BEGIN IMMEDIATE");

    g_assert_false (nudge_store_begin (f->store, &error));
    g_assert_nonnull (strstr (error->message, "is locked by another program"));
    release_lock (other);
  }
}

/* A book another program holds exclusively is named as locked. */
static void
test_open_locked (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeStore) store = NULL;
  sqlite3 *other;

  nudge_test_add_titled_deal (f->store, "Mine");
  g_clear_object (&f->store);

  other = hold_lock (f->path, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;"
                             "UPDATE deal SET title = title;");

  store = nudge_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "is locked by another program"));

  release_lock (other);
}

/* An SQLite file of another program is not adopted even when it has no
 * tables yet; a folder and a read-only file are named as such. */
static void
test_refuses_empty_sqlite (Folder        *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "other.sqlite", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "folder.db", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.db", NULL);
  g_autoptr(NudgeStore) store = NULL;

  nudge_test_sqlite_exec (path, "PRAGMA application_id = 1234");
  nudge_test_assert_open_refused (path, NUDGE_STORE_ERROR_NOT_A_DATABASE);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  store = nudge_store_open (folder, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "is a folder"));
  g_clear_error (&error);

  /* An empty file becomes a new book. */
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  store = nudge_store_open (empty, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_clear_object (&store);

  if (geteuid () != 0)
    {
      g_assert_cmpint (g_chmod (empty, 0400), ==, 0);
      store = nudge_store_open (empty, &error);
      g_assert_null (store);
      g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_READ_ONLY);
      g_clear_error (&error);
    }
}

/* Opening a book and reading it never waits for another program's write
 * lock; the month-old trash goes with the first write instead. */
static void
test_open_does_not_wait (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeStore) store = NULL;
  g_autoptr(GPtrArray) deals = NULL;
  sqlite3 *other = NULL;
  gint64 ids[1], start;

  ids[0] = nudge_test_add_titled_deal (f->store, "Long gone");
  nudge_test_add_titled_deal (f->store, "Kept");
  g_assert_true (nudge_store_trash (f->store, NUDGE_ENTITY_DEAL, ids, 1, &error));
  g_clear_object (&f->store);
  nudge_clock_pin (1772362800 + 40 * 86400);

  other = hold_lock (f->path, "BEGIN IMMEDIATE");

  start = g_get_monotonic_time ();
  store = nudge_store_open (f->path, &error);
  g_assert_no_error (error);
  deals = nudge_store_list_deals (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deals->len, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM deal"), ==, 2);

  release_lock (other);

  /* The first write takes the old trash with it. */
  nudge_test_add_titled_deal (store, "New");
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM deal"), ==, 2);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM deal WHERE title = 'Long gone'"), ==, 0);
  f->store = g_steal_pointer (&store);
}

static gint64
file_size (const char *path)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

/* The main loop's connection leaves the copy of its write-ahead log
 * into the book to a worker: the commit that takes the log past 1000
 * pages returns without touching the book, and the worker copies it. */
static void
test_checkpoint_on_worker (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *notes = g_strnfill (3000, 'n');
  g_autoptr(GError) error = NULL;
  gint64 before, deadline;

  nudge_worker_take_checkpoints (f->store);
  before = file_size (f->path);

  /* About 2000 pages of new rows in one transaction. */
  g_assert_true (nudge_store_begin (f->store, &error));
  for (guint i = 0; i < 2500; i++)
    {
      g_autofree char *name = g_strdup_printf ("Checkpoint Company %u", i);

      nudge_test_add_company (f->store, "name", name, "notes", notes, NULL);
    }
  g_assert_true (nudge_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (file_size (f->path), ==, before);

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (file_size (f->path) < before + 2500 * 3000 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (file_size (f->path), >=, before + 2500 * 3000);
  /* Let the worker's job finish before the book is closed. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM company WHERE name LIKE 'Checkpoint%'"), ==, 2500);
}

/* Whether nudge-cli is at hand; the test is skipped when not. */
static gboolean
have_cli (void)
{
  if (g_getenv ("NUDGE_CLI") != NULL)
    return TRUE;
  g_test_skip ("NUDGE_CLI is not set");
  return FALSE;
}

/* A second connection of this process (a worker's) never opens the book
 * by hand: closing that descriptor would drop every lock the process
 * holds on the file, and another program's connection, closing, would
 * take itself for the last one and delete the write-ahead log that the
 * first connection still reads (the book then reads as malformed). */
static void
test_second_connection_keeps_locks (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(NudgeStore) worker = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_cli ())
    return;
  nudge_test_add_named_company (f->store, "Before the worker");
  worker = nudge_store_open_worker (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *title = g_strdup_printf ("From another program %u", i);

      nudge_test_run_cli (f->path, "followup", "add", "--title", title, "--due", "2030-01-15T10:00", NULL);
      g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
    }
  g_assert_cmpint (nudge_test_add_named_company (f->store, "After the other program"), >, 0);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM followup WHERE title LIKE 'From another%'"), ==, 3);
}

/* What a file dialog does to the book's folder, and nothing can stop:
 * it opens and closes each file to tell its type, which drops SQLite's
 * POSIX locks. Another program's connection, closing, must still not
 * take itself for the last one and delete the log the book still
 * writes to. */
static void
test_foreign_close_keeps_log (Fixture       *f,
                              gconstpointer  data)
{
  static const char *const suffixes[] = { "", "-wal", "-shm" };
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

  if (!have_cli ())
    return;
  nudge_test_add_named_company (f->store, "Before the dialog");
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (f->path, suffixes[i], NULL);
      char head[16];
      int fd = g_open (name, O_RDONLY, 0);

      g_assert_cmpint (fd, >=, 0);
      g_assert_cmpint (read (fd, head, sizeof head), >, 0);
      close (fd);
    }
  nudge_test_run_cli (f->path, "due", NULL);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (nudge_test_add_named_company (f->store, "After the dialog"), >, 0);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM company WHERE name LIKE '%the dialog'"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "locked", NUDGE_TEST_FUNC (test_locked) },
    { "locked-by-worker", NUDGE_TEST_FUNC (test_locked_by_worker) },
    { "open-does-not-wait", NUDGE_TEST_FUNC (test_open_does_not_wait) },
    { "open-locked", NUDGE_TEST_FUNC (test_open_locked) },
    { "checkpoint-on-worker", NUDGE_TEST_FUNC (test_checkpoint_on_worker) },
    { "second-connection-keeps-locks", NUDGE_TEST_FUNC (test_second_connection_keeps_locks) },
    { "foreign-close-keeps-log", NUDGE_TEST_FUNC (test_foreign_close_keeps_log) },
  };
  static const NudgeTestCase folder_cases[] = {
    { "file-private", NUDGE_TEST_FUNC (test_file_private) },
    { "refuses-foreign-file", NUDGE_TEST_FUNC (test_refuses_foreign_file) },
    { "refuses-other-sqlite", NUDGE_TEST_FUNC (test_refuses_other_sqlite) },
    { "refuses-empty-sqlite", NUDGE_TEST_FUNC (test_refuses_empty_sqlite) },
  };

  nudge_test_init (&argc, &argv, NULL);

  nudge_test_add_table ("/core/store/", Fixture, nudge_test_pinned_book_set_up, nudge_test_book_tear_down, cases);
  nudge_test_add_table ("/core/store/", Folder, folder_set_up, folder_tear_down, folder_cases);

  return g_test_run ();
}
