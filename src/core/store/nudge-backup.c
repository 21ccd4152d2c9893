/* nudge-backup.c — checking a book and keeping copies of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "nudge-backup.h"
#include "nudge-clock.h"
#include "nudge-schema-private.h"
#include "nudge-store-private.h"

void
nudge_backup_info_free (NudgeBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_free (info->reason);
  g_free (info);
}

char *
nudge_backup_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "nudge", "backups", NULL);
}

/* "nudge-1a2b3c4d" for ".../nudge.db": the name, and a short hash of
 * where the book is, so two books called nudge.db keep apart. */
static char *
book_stem (const char *book_path)
{
  g_autofree char *base = g_path_get_basename (book_path);
  g_autofree char *full = g_canonicalize_filename (book_path, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, full, -1);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_strdup_printf ("%s-%.8s", base, hash);
}

static gboolean
run_check (sqlite3     *db,
           const char  *path,
           gboolean     quick,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  int rc, n = 0;

  rc = sqlite3_prepare_v2 (db, quick ? "PRAGMA quick_check(5)" : "PRAGMA integrity_check(5)", -1, &stmt, NULL);
  while (rc == SQLITE_OK || rc == SQLITE_ROW)
    {
      if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
        break;
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (line != NULL && g_str_equal (line, "ok"))
        continue;
      if (n++ > 0)
        g_string_append (problems, "; ");
      g_string_append (problems, line ? line : "?");
    }
  sqlite3_finalize (stmt);
  /* Another program holding the book (a long write, a checkpoint) is no
   * damage: the check could not run now, and says so apart. */
  if (problems->len == 0 && (rc & 0xff) != SQLITE_DONE &&
      (rc & 0xff) != SQLITE_CORRUPT && (rc & 0xff) != SQLITE_NOTADB)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_LOCKED,
                   _("%s could not be checked now: %s"), path, sqlite3_errstr (rc));
      return FALSE;
    }
  if (rc != SQLITE_DONE && problems->len == 0)
    g_string_append (problems, sqlite3_errstr (rc));
  if (problems->len > 0)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_FAILED,
                   _("%s is damaged: %s"), path, problems->str);
      return FALSE;
    }
  return TRUE;
}

gboolean
nudge_backup_check_store (NudgeStore  *store,
                          gboolean     quick,
                          GError     **error)
{
  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  return run_check (nudge_store_get_db (store), nudge_store_get_path (store), quick, error);
}

/* Copies the whole database @src into @dest with SQLite's online backup,
 * trying @tries times while another program holds @src, then gives @dest
 * the journal mode @journal_mode_sql sets. An SQLite result code. */
static int
copy_pages (sqlite3    *src,
            sqlite3    *dest,
            int         tries,
            const char *journal_mode_sql)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", src, "main");
  int rc = SQLITE_BUSY;

  if (backup == NULL)
    return sqlite3_errcode (dest);
  for (int i = 0; i < tries; i++)
    {
      if (i > 0)
        sqlite3_sleep (100);
      rc = sqlite3_backup_step (backup, -1);
      if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
        break;
    }
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    return rc;
  return sqlite3_exec (dest, journal_mode_sql, NULL, NULL, NULL);
}

/* Copies the database of @src into a new private file at @dest, through
 * a temporary file beside it. */
static gboolean
copy_db (sqlite3     *src,
         const char  *dest,
         GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (dest);
  g_autofree char *tmp = g_strdup_printf ("%s.%d.partial", dest, (int) getpid ());
  sqlite3 *out = NULL;
  int fd, rc;

  if (!nudge_store_make_private_dir (dir, error))
    return FALSE;
  /* Private from the first byte. */
  fd = g_open (tmp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_FAILED,
                   _("Cannot write %s: %s"), tmp, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (tmp, &out, SQLITE_OPEN_READWRITE, NULL);
  /* Another program writing restarts the copy; a busy book is waited
   * for a little. */
  if (rc == SQLITE_OK)
    rc = copy_pages (src, out, 50, "PRAGMA journal_mode = DELETE");
  sqlite3_close (out);

  if (rc != SQLITE_OK || g_rename (tmp, dest) != 0)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_FAILED,
                   _("Cannot write the backup %s: %s"), dest,
                   rc != SQLITE_OK ? sqlite3_errstr (rc) : g_strerror (errno));
      g_unlink (tmp);
      return FALSE;
    }
  return TRUE;
}

static char *
backup_path_for (const char *book_path,
                 const char *reason,
                 gint64      at)
{
  g_autoptr(GDateTime) dt = nudge_clock_local_from_unix (at);
  g_autofree char *stamp = g_date_time_format (dt, "%Y%m%d-%H%M%S");
  g_autofree char *stem = book_stem (book_path);
  g_autofree char *dir = nudge_backup_dir ();
  g_autofree char *name = g_strdup_printf ("%s-%s-%s.db", stem, stamp, reason);
  char *path = g_build_filename (dir, name, NULL);

  /* Two in the same second: a suffix. */
  for (int i = 2; g_file_test (path, G_FILE_TEST_EXISTS) && i < 100; i++)
    {
      g_free (name);
      g_free (path);
      name = g_strdup_printf ("%s-%s-%s-%d.db", stem, stamp, reason, i);
      path = g_build_filename (dir, name, NULL);
    }
  return path;
}

char *
nudge_backup_create (NudgeStore  *store,
                     const char  *dest,
                     const char  *reason,
                     GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  path = dest != NULL ? g_strdup (dest)
                      : backup_path_for (nudge_store_get_path (store), reason ? reason : "manual",
                                         nudge_clock_now ());
  if (!copy_db (nudge_store_get_db (store), path, error))
    return NULL;
  return g_steal_pointer (&path);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const NudgeBackupInfo *x = *(NudgeBackupInfo **) a;
  const NudgeBackupInfo *y = *(NudgeBackupInfo **) b;

  if (x->time != y->time)
    return x->time > y->time ? -1 : 1;
  return g_strcmp0 (y->path, x->path);
}

GPtrArray *
nudge_backup_list (const char *book_path)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) nudge_backup_info_free);
  g_autofree char *dir = nudge_backup_dir ();
  g_autofree char *stem = book_stem (book_path);
  g_autofree char *prefix = g_strdup_printf ("%s-", stem);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      int y, mo, day, h, mi, s, consumed = 0;
      char reason[32];
      NudgeBackupInfo *info;
      GStatBuf st;
      g_autofree char *path = NULL;

      if (!g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, ".db"))
        continue;
      if (sscanf (name + strlen (prefix), "%4d%2d%2d-%2d%2d%2d-%31[a-z]%n",
                  &y, &mo, &day, &h, &mi, &s, reason, &consumed) != 7)
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_stat (path, &st) != 0)
        continue;
      info = g_new0 (NudgeBackupInfo, 1);
      info->path = g_steal_pointer (&path);
      info->reason = g_strdup (reason);
      info->time = nudge_clock_local_to_unix (NULL, y, mo, day, h, mi, s);
      info->size = st.st_size;
      g_ptr_array_add (list, info);
    }
  g_ptr_array_sort (list, compare_newest_first);
  return list;
}

static char *
day_key (gint64 t,
         gboolean week)
{
  g_autoptr(GDateTime) dt = nudge_clock_local_from_unix (t);

  return g_date_time_format (dt, week ? "%G-W%V" : "%F");
}

gboolean
nudge_backup_daily (NudgeStore  *store,
                    gboolean    *made,
                    GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) weeks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) covered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *today = day_key (nudge_clock_now (), FALSE);
  gboolean have_today = FALSE;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  if (made != NULL)
    *made = FALSE;
  list = nudge_backup_list (nudge_store_get_path (store));
  for (guint i = 0; i < list->len; i++)
    {
      NudgeBackupInfo *info = g_ptr_array_index (list, i);
      g_autofree char *key = day_key (info->time, FALSE);

      if (g_str_equal (info->reason, "daily") && g_str_equal (key, today))
        have_today = TRUE;
    }
  if (!have_today)
    {
      g_autofree char *path = nudge_backup_create (store, NULL, "daily", error);

      if (path == NULL)
        return FALSE;
      if (made != NULL)
        *made = TRUE;
      g_clear_pointer (&list, g_ptr_array_unref);
      list = nudge_backup_list (nudge_store_get_path (store));
    }

  /* Newest first: the first of each day (up to 7 days), then the first of
   * each older week that has none of those (up to 4 weeks) stay. */
  for (guint i = 0; i < list->len; i++)
    {
      NudgeBackupInfo *info = g_ptr_array_index (list, i);
      g_autofree char *day = NULL;
      g_autofree char *week = NULL;

      if (!g_str_equal (info->reason, "daily"))
        continue;
      day = day_key (info->time, FALSE);
      week = day_key (info->time, TRUE);
      if (!g_hash_table_contains (days, day) && g_hash_table_size (days) < NUDGE_BACKUP_KEEP_DAILY)
        {
          g_hash_table_add (days, g_steal_pointer (&day));
          g_hash_table_add (covered, g_steal_pointer (&week));
          continue;
        }
      if (!g_hash_table_contains (days, day) && !g_hash_table_contains (covered, week) &&
          !g_hash_table_contains (weeks, week) && g_hash_table_size (weeks) < NUDGE_BACKUP_KEEP_WEEKLY)
        {
          g_hash_table_add (weeks, g_steal_pointer (&week));
          continue;
        }
      g_unlink (info->path);
    }
  return TRUE;
}

static sqlite3 *
open_read_only (const char  *path,
                GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND,
                   _("%s is not a file"), path);
      return NULL;
    }
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is not a Nudge book: %s"), path, sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

static gboolean
pragma_int (sqlite3    *db,
            const char *sql,
            int        *out)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    {
      *out = sqlite3_column_int (stmt, 0);
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

gboolean
nudge_backup_check_file (const char  *path,
                         GError     **error)
{
  sqlite3 *db;
  int app_id = 0, version = 0;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!(db = open_read_only (path, error)))
    return FALSE;
  if (!pragma_int (db, "PRAGMA application_id", &app_id) || app_id != NUDGE_SQLITE_APPLICATION_ID ||
      !pragma_int (db, "PRAGMA user_version", &version) || version < 1)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is not a Nudge book"), path);
      sqlite3_close (db);
      return FALSE;
    }
  if ((guint) version > nudge_schema_latest_version ())
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_TOO_NEW,
                   _("%s was written by a newer version of Nudge (schema %d); update Nudge to open it"),
                   path, version);
      sqlite3_close (db);
      return FALSE;
    }
  ok = run_check (db, path, FALSE, error);
  sqlite3_close (db);
  return ok;
}

gboolean
nudge_backup_restore (const char  *book_path,
                      const char  *file,
                      char       **out_previous,
                      GError     **error)
{
  g_autofree char *previous = NULL;
  gboolean wreck = FALSE;
  sqlite3 *src = NULL, *dest = NULL;
  int rc;

  g_return_val_if_fail (book_path != NULL && file != NULL, FALSE);

  if (!nudge_backup_check_file (file, error))
    return FALSE;

  /* The book being replaced is kept first, when there is one: through
   * SQLite, or byte for byte when it is too damaged to open. */
  if (g_file_test (book_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GError) open_error = NULL;
      g_autoptr(NudgeStore) current = nudge_store_open (book_path, &open_error);

      /* In use by another program: not replaced behind its back. */
      if (g_error_matches (open_error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_LOCKED))
        {
          g_propagate_error (error, g_steal_pointer (&open_error));
          return FALSE;
        }
      if (current != NULL)
        {
          if (!(previous = nudge_backup_create (current, NULL, "restore", error)))
            return FALSE;
        }
      else
        {
          g_autoptr(GFile) from = g_file_new_for_path (book_path);

          wreck = TRUE;
          g_autoptr(GFile) to = NULL;
          g_autofree char *dir = nudge_backup_dir ();

          previous = backup_path_for (book_path, "restore", nudge_clock_now ());
          to = g_file_new_for_path (previous);
          if (!nudge_store_make_private_dir (dir, error) ||
              !g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
            return FALSE;
          g_chmod (previous, 0600);
        }
    }

  if (!(src = open_read_only (file, error)))
    return FALSE;

  /* Nothing SQLite can write into (and so nothing open on it): the copy
   * takes the wreck's place as a new file. */
  if (wreck)
    {
      g_autofree char *wal = g_strconcat (book_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (book_path, "-shm", NULL);
      gboolean ok;

      g_unlink (wal);
      g_unlink (shm);
      ok = copy_db (src, book_path, error);
      sqlite3_close (src);
      if (ok)
        nudge_store_clear_damage_mark (book_path);
      if (ok && out_previous != NULL)
        *out_previous = g_steal_pointer (&previous);
      return ok;
    }

  rc = sqlite3_open_v2 (book_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (dest, 5000);
      rc = copy_pages (src, dest, 1, "PRAGMA journal_mode = WAL");
    }
  sqlite3_close (dest);
  sqlite3_close (src);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, NUDGE_STORE_ERROR, rc == SQLITE_BUSY ? NUDGE_STORE_ERROR_LOCKED : NUDGE_STORE_ERROR_FAILED,
                   _("Cannot restore %s: %s"), book_path, sqlite3_errstr (rc));
      return FALSE;
    }
  nudge_store_clear_damage_mark (book_path);
  if (out_previous != NULL)
    *out_previous = g_steal_pointer (&previous);
  return TRUE;
}
