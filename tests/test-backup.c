/* test-backup.c — checking the book, backups, their rotation and restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "nudge-backup.h"
#include "nudge-clock.h"
#include "nudge-store.h"
#include "nudge-test-core.h"

static char *data_home;

typedef NudgeTestBook Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *backups = nudge_backup_dir ();

  nudge_test_remove_tree (backups);
  nudge_clock_pin (1772362800); /* 2026-03-01 12:00 Prague */
  f->store = nudge_test_book_open ("backup", &f->dir, &f->path);
  nudge_test_add_titled_deal (f->store, "Hotel Praha");
  nudge_test_add_titled_deal (f->store, "Lis 200 t");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *backups = nudge_backup_dir ();

  nudge_test_book_close (&f->store, &f->dir, &f->path);
  nudge_test_remove_tree (backups);
}

static void
test_backup_and_restore (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *backups = nudge_backup_dir ();
  g_autofree char *path = NULL;
  g_autofree char *previous = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(NudgeStore) copy = NULL;
  GStatBuf st;

  nudge_backup_check_store (f->store, FALSE, &error);
  g_assert_no_error (error);

  path = nudge_backup_create (f->store, NULL, "manual", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (path, backups));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (nudge_backup_check_file (path, &error));
  g_assert_no_error (error);

  list = nudge_backup_list (f->path);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((NudgeBackupInfo *) g_ptr_array_index (list, 0))->reason, ==, "manual");
  g_assert_cmpint (((NudgeBackupInfo *) g_ptr_array_index (list, 0))->time, ==, nudge_clock_now ());

  copy = nudge_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nudge_test_count_deals (copy), ==, 2);
  g_clear_object (&copy);

  /* Work after the backup, then restore it while the book is open. */
  nudge_test_add_titled_deal (f->store, "After the backup");
  g_assert_cmpuint (nudge_test_count_deals (f->store), ==, 3);
  nudge_clock_pin (1772362800 + 60);
  g_assert_true (nudge_backup_restore (f->path, path, &previous, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nudge_test_count_deals (f->store), ==, 2);

  /* The replaced book is kept: the restore can be undone. */
  g_assert_nonnull (previous);
  copy = nudge_store_open (previous, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nudge_test_count_deals (copy), ==, 3);
  g_clear_object (&copy);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = nudge_backup_list (f->path);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((NudgeBackupInfo *) g_ptr_array_index (list, 0))->reason, ==, "restore");
}

/* Restoring @file over the fixture's book is refused with @code. */
static void
assert_restore_refused (Fixture    *f,
                        const char *file,
                        int         code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (nudge_backup_restore (f->path, file, NULL, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, code);
}

static void
test_restore_refuses (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_build_filename (f->dir, "notes.db", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.sqlite", NULL);
  g_autofree char *future = g_build_filename (f->dir, "future.db", NULL);

  g_assert_true (g_file_set_contents (text, "milk, bread\n", -1, NULL));
  assert_restore_refused (f, text, NUDGE_STORE_ERROR_NOT_A_DATABASE);

  nudge_test_sqlite_exec (other, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  assert_restore_refused (f, other, NUDGE_STORE_ERROR_NOT_A_DATABASE);

  g_free (nudge_backup_create (f->store, future, "manual", &error));
  g_assert_no_error (error);
  nudge_test_sqlite_exec (future, "PRAGMA user_version = 999");
  assert_restore_refused (f, future, NUDGE_STORE_ERROR_TOO_NEW);

  /* Nothing was replaced, nothing kept. */
  g_assert_cmpuint (nudge_test_count_deals (f->store), ==, 2);
  {
    g_autoptr(GPtrArray) list = nudge_backup_list (f->path);
    g_assert_cmpuint (list->len, ==, 0);
  }
}

/* One a day; 7 days and 4 weeks are kept. */
static void
test_daily_rotation (Fixture       *f,
                     gconstpointer  data)
{
  gint64 start = 1772362800;
  gboolean made = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  for (int day = 0; day < 60; day++)
    {
      nudge_clock_pin (start + day * 86400);
      g_assert_true (nudge_backup_daily (f->store, &made, &error));
      g_assert_no_error (error);
      g_assert_true (made);
      nudge_clock_pin (start + day * 86400 + 3600);
      g_assert_true (nudge_backup_daily (f->store, &made, &error));
      g_assert_false (made);
    }

  list = nudge_backup_list (f->path);
  g_assert_cmpuint (list->len, ==, NUDGE_BACKUP_KEEP_DAILY + NUDGE_BACKUP_KEEP_WEEKLY);
  for (guint i = 0; i < NUDGE_BACKUP_KEEP_DAILY; i++)
    g_assert_cmpint (((NudgeBackupInfo *) g_ptr_array_index (list, i))->time, ==, start + (59 - (gint64) i) * 86400);
  /* The weekly ones are a week or more apart, and the oldest is within
   * five weeks. */
  for (guint i = NUDGE_BACKUP_KEEP_DAILY + 1; i < list->len; i++)
    {
      gint64 newer = ((NudgeBackupInfo *) g_ptr_array_index (list, i - 1))->time;
      gint64 older = ((NudgeBackupInfo *) g_ptr_array_index (list, i))->time;

      /* (an hour less across a change to summer time) */
      g_assert_cmpint (newer - older, >=, 7 * 86400 - 3600);
    }
  g_assert_cmpint (((NudgeBackupInfo *) g_ptr_array_index (list, list->len - 1))->time, >=,
                   start + (59 - 7 - 5 * 7) * 86400);
}

/* A damaged page is found and named. */
static void
test_check_finds_damage (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeStore) store = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  for (int i = 0; i < 400; i++)
    {
      g_autofree char *title = g_strdup_printf ("Deal number %d with a longer title to fill pages", i);
      nudge_test_add_titled_deal (f->store, title);
    }
  g_clear_object (&f->store);

  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8 * 4096);
  /* Garbage over the middle of the file (not the header page). */
  memset (contents + length / 2, 0x5a, 3000);
  g_assert_true (g_file_set_contents (f->path, contents, length, NULL));

  store = nudge_store_open (f->path, &error);
  if (store == NULL)
    {
      /* Refused at once is fine too, as long as it says why. */
      g_test_message ("refused at open: %s", error ? error->message : "");
      g_assert_nonnull (error);
      return;
    }
  g_assert_false (nudge_backup_check_store (store, FALSE, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_clear_error (&error);
  g_assert_false (nudge_backup_check_store (store, TRUE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* What the app does then: nothing more is written into it. */
  nudge_store_set_read_only (store, TRUE);
  {
    g_autoptr(NudgeDeal) d = nudge_deal_new ();

    g_object_set (d, "title", "Not saved", "currency", "CZK", NULL);
    g_assert_cmpint (nudge_store_save_deal (store, d, &error), ==, 0);
    g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_READ_ONLY);
  }
  f->store = g_steal_pointer (&store);
}

/* Damage found by one connection (the app's quick_check, nudge-cli
 * check) stops writes in every other one, even in another program, until
 * a backup is restored. */
static void
test_damage_mark_shared (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *backup = NULL;
  g_autoptr(NudgeStore) other = NULL;
  g_autoptr(NudgeStore) later = NULL;
  g_autoptr(NudgeDeal) d = nudge_deal_new ();
  g_autoptr(NudgeContact) c = nudge_contact_new ();
  g_autoptr(GError) error = NULL;

  nudge_test_add_titled_deal (f->store, "Before");
  backup = nudge_backup_create (f->store, NULL, "manual", &error);
  g_assert_no_error (error);
  other = nudge_store_open (f->path, &error);
  g_assert_no_error (error);

  nudge_store_set_read_only (f->store, TRUE);
  g_object_set (d, "title", "Into the damage", "currency", "CZK", NULL);
  g_assert_cmpint (nudge_store_save_deal (other, d, &error), ==, 0);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  /* A single-row save runs outside a transaction: it asks too. */
  g_object_set (c, "name", "Into the damage", NULL);
  g_assert_cmpint (nudge_store_save_contact (other, c, &error), ==, 0);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  later = nudge_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (nudge_store_get_read_only (later));

  g_assert_true (nudge_backup_restore (f->path, backup, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (nudge_store_get_read_only (later));
  g_assert_cmpint (nudge_store_save_deal (other, d, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (nudge_store_save_contact (other, c, &error), >, 0);
  g_assert_no_error (error);
}

/* A book too damaged to open is still kept, byte for byte, when a backup
 * replaces it. */
static void
test_restore_over_wreck (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = nudge_backup_create (f->store, NULL, "daily", &error);
  g_autofree char *previous = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  g_autoptr(NudgeStore) store = NULL;
  gsize length = 0;

  g_assert_no_error (error);
  g_clear_object (&f->store);
  g_unlink (wal);
  g_unlink (shm);
  g_assert_true (g_file_set_contents (f->path, "not a book any more", -1, NULL));

  nudge_clock_pin (1772362800 + 60);
  nudge_backup_restore (f->path, good, &previous, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (previous, &kept, &length, NULL));
  g_assert_cmpstr (kept, ==, "not a book any more");

  store = nudge_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nudge_test_count_deals (store), ==, 2);
  f->store = g_steal_pointer (&store);
}

int
main (int argc, char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "backup-and-restore", NUDGE_TEST_FUNC (test_backup_and_restore) },
    { "restore-refuses", NUDGE_TEST_FUNC (test_restore_refuses) },
    { "daily-rotation", NUDGE_TEST_FUNC (test_daily_rotation) },
    { "check-finds-damage", NUDGE_TEST_FUNC (test_check_finds_damage) },
    { "damage-mark-shared", NUDGE_TEST_FUNC (test_damage_mark_shared) },
    { "restore-over-wreck", NUDGE_TEST_FUNC (test_restore_over_wreck) },
  };

  int status;

  data_home = g_dir_make_tmp ("nudge-backup-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  nudge_test_init (&argc, &argv, NULL);

  nudge_test_add_table ("/core/backup/", Fixture, fixture_set_up, fixture_tear_down, cases);

  status = g_test_run ();
  nudge_test_remove_tree (data_home);
  g_free (data_home);
  return status;
}
