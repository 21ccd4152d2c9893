/* nudge-store.c — the book: opening, migrating, the connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-store"
/* F_OFD_SETLK */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "nudge-schema-private.h"
#include "nudge-store-internal.h"

#define BUSY_TIMEOUT_MS 5000

G_DEFINE_FINAL_TYPE (NudgeStore, nudge_store, G_TYPE_OBJECT)

enum {
  CHANGES,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (nudge-store-error-quark, nudge_store_error)

/* ---- opening and migrating -------------------------------------------- */

char *
nudge_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "nudge", "nudge.db", NULL);
}

char *
nudge_store_resolve_path (const char *cli_path)
{
  const char *env = g_getenv ("NUDGE_DB");

  if (cli_path != NULL && *cli_path != '\0')
    return g_strdup (cli_path);
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return nudge_store_default_path ();
}

/* @existing: set when the file has content (then it must be a Nudge
 * book: a new book is only made in a missing or empty file). */
static gboolean
check_file_header (const char  *path,
                   gboolean    *existing,
                   GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  char header[16];
  GStatBuf st;
  int fd;
  gssize n;

  *existing = FALSE;
  if (g_stat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_FAILED,
                   _("%s is a folder; give the path of a Nudge book file"), path);
      return FALSE;
    }
  if (g_access (path, F_OK) == 0 && g_access (path, W_OK) != 0 && errno == EACCES)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_READ_ONLY,
                   _("%s is read-only; Nudge needs to be able to write to its book"), path);
      return FALSE;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      if (errno == ENOENT)
        return TRUE;
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_FAILED,
                   _("Cannot open %s: %s"), path, g_strerror (errno));
      return FALSE;
    }
  n = read (fd, header, sizeof header);
  close (fd);

  if (n == 0)
    return TRUE;
  if (n != sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is not a Nudge database; it was left untouched"), path);
      return FALSE;
    }
  *existing = TRUE;
  return TRUE;
}

gboolean
nudge_store_query_int (NudgeStore  *self,
                       const char  *sql,
                       int         *out,
                       GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      nudge_store_set_sqlite_error (self, rc, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *out = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

gboolean
nudge_store_migrate_to (NudgeStore  *self,
                        guint        version,
                        GError     **error)
{
  g_return_val_if_fail (version <= nudge_schema_latest_version (), FALSE);

  if (self->schema_version >= version)
    return TRUE;

  if (!nudge_store_begin (self, error))
    return FALSE;

  for (guint v = self->schema_version + 1; v <= version; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %u", v);

      if (!nudge_store_exec (self, nudge_schema_migration (v), error) ||
          !nudge_store_exec (self, bump, error))
        {
          g_prefix_error (error, _("Upgrading the database to version %u failed: "), v);
          nudge_store_rollback (self);
          return FALSE;
        }
      if (v == 1 && !nudge_store_seed_defaults (self, error))
        {
          nudge_store_rollback (self);
          return FALSE;
        }
    }

  {
    g_autofree char *app_id = g_strdup_printf ("PRAGMA application_id = %d", NUDGE_SQLITE_APPLICATION_ID);

    if (!nudge_store_exec (self, app_id, error))
      {
        nudge_store_rollback (self);
        return FALSE;
      }
  }

  if (!nudge_store_commit (self, error))
    return FALSE;

  self->schema_version = version;
  return TRUE;
}

gboolean
nudge_store_make_private_dir (const char  *dir,
                              GError     **error)
{
  int saved;

  if (g_mkdir_with_parents (dir, 0700) == 0)
    return TRUE;
  saved = errno;
  g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_FAILED,
               _("Cannot create the folder %s: %s"), dir, g_strerror (saved));
  return FALSE;
}

static gboolean
ensure_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (!nudge_store_make_private_dir (dir, error))
    return FALSE;

  /* Create the file ourselves so it is private from the first byte;
   * SQLite gives its -wal and -shm files the same mode. */
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_FAILED,
                   _("Cannot open %s: %s"), path, g_strerror (errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* The books this process has open, by canonical path, with how many
 * connections. A book's file must never be opened and closed by hand
 * while SQLite has it open in the same process: closing any descriptor
 * of a file drops every POSIX lock the process holds on it, so another
 * program (nudge-cli) closing its own connection would take itself for
 * the last one and delete the write-ahead log under our feet (the book
 * then reads as malformed). */
G_LOCK_DEFINE_STATIC (open_books);
static GHashTable *open_books;

typedef struct
{
  guint connections;
  int   keepers[2];   /* hold the locks below, or -1 */
} OpenBook;

/* The locks every open connection holds that tell another program it
 * is not the last one: a shared lock on the book's SHARED range
 * (PENDING_BYTE + 2, 510 bytes: the last connection takes it exclusive
 * before it checkpoints and deletes the log) and on the write-ahead log
 * index's "dead man switch" (book-shm byte 128: the first connection
 * takes it exclusive before it resets the index). As in SQLite's
 * os_unix.c. */
static const struct
{
  const char *suffix;
  off_t       start;
  off_t       length;
} kept_locks[] = {
  { "", 0x40000000 + 2, 510 },
  { "-shm", 128, 1 },
};

/* What this process cannot always keep from happening: a file dialog's
 * thread reads the book's files to tell their type, and its close()
 * drops SQLite's POSIX locks. So the process also holds those locks as
 * open file description locks, which only the closing of these very
 * descriptors drops. */
static int
take_keeper (const char *path,
             guint       i)
{
#ifdef F_OFD_SETLK
  g_autofree char *name = g_strconcat (path, kept_locks[i].suffix, NULL);
  struct flock lock = { .l_type = F_RDLCK, .l_whence = SEEK_SET,
                        .l_start = kept_locks[i].start, .l_len = kept_locks[i].length };
  int fd = g_open (name, O_RDWR | O_CLOEXEC, 0);

  if (fd >= 0 && fcntl (fd, F_OFD_SETLK, &lock) != 0)
    {
      g_debug ("No lock on %s: %s", name, g_strerror (errno));
      close (fd);
      fd = -1;
    }
  return fd;
#else
  return -1;
#endif
}

static void
open_book_free (gpointer data)
{
  OpenBook *book = data;

  for (guint i = 0; i < G_N_ELEMENTS (book->keepers); i++)
    if (book->keepers[i] >= 0)
      close (book->keepers[i]);
  g_free (book);
}

static gboolean
book_open_here (const char *key)
{
  return open_books != NULL && g_hash_table_contains (open_books, key);
}

static void
add_open_book (const char *key)
{
  OpenBook *book;

  if (open_books == NULL)
    open_books = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, open_book_free);
  if (!(book = g_hash_table_lookup (open_books, key)))
    {
      book = g_new0 (OpenBook, 1);
      book->keepers[0] = book->keepers[1] = -1;
      g_hash_table_insert (open_books, g_strdup (key), book);
    }
  book->connections++;
}

/* Once the book is in WAL mode (its -shm exists): the keepers, once. */
static void
keep_open_book (const char *key,
                const char *path)
{
  OpenBook *book;

  G_LOCK (open_books);
  book = open_books != NULL ? g_hash_table_lookup (open_books, key) : NULL;
  for (guint i = 0; book != NULL && i < G_N_ELEMENTS (book->keepers); i++)
    if (book->keepers[i] < 0)
      book->keepers[i] = take_keeper (path, i);
  G_UNLOCK (open_books);
}

/* Before the connection closes: the last one lets go of the keepers
 * first, so that it may clean up the log as the last one should. */
static void
remove_open_book (const char *key)
{
  OpenBook *book;

  G_LOCK (open_books);
  book = open_books != NULL ? g_hash_table_lookup (open_books, key) : NULL;
  if (book != NULL && --book->connections == 0)
    g_hash_table_remove (open_books, key);
  G_UNLOCK (open_books);
}

NudgeStore *
nudge_store_open_at_version (const char  *path,
                             guint        version,
                             GError     **error)
{
  g_autoptr(NudgeStore) self = NULL;
  g_autofree char *key = NULL;
  int rc;
  int user_version = 0;
  int application_id = 0;
  int n_tables = 0;
  gboolean existing = FALSE;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (NUDGE_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  /* The file is looked at by hand only when no connection of this
   * process has it open (see open_books). */
  G_LOCK (open_books);
  key = g_canonicalize_filename (path, NULL);
  if (book_open_here (key))
    existing = TRUE;
  else if (!check_file_header (path, &existing, error) || !ensure_private_file (path, error))
    {
      G_UNLOCK (open_books);
      return NULL;
    }
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (self->db != NULL)
    {
      add_open_book (key);
      self->open_key = g_steal_pointer (&key);
    }
  G_UNLOCK (open_books);
  if (rc != SQLITE_OK)
    {
      nudge_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, FALSE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (!nudge_store_query_int (self, "PRAGMA application_id", &application_id, error) ||
                              !nudge_store_query_int (self, "PRAGMA user_version", &user_version, error) ||
                              !nudge_store_query_int (self, "SELECT COUNT(*) FROM sqlite_master", &n_tables, error))
    return NULL;

  /* Only a missing or empty file becomes a new book: an SQLite file of
   * another program is never adopted, even one without tables. */
  if ((existing || n_tables > 0) && application_id != NUDGE_SQLITE_APPLICATION_ID)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is an SQLite database of another program, not of Nudge; it was left untouched"),
                   path);
      return NULL;
    }
  if ((guint) user_version > nudge_schema_latest_version ())
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_TOO_NEW,
                   _("%s was written by a newer version of Nudge (schema %d); update Nudge to open it"),
                   path, user_version);
      return NULL;
    }

  if (!nudge_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !nudge_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !nudge_store_exec (self, "PRAGMA synchronous = NORMAL", error))
    return NULL;

  /* Filling the deal list joins every deal to its contact and company,
   * which reads most pages of a big book in random order: mapped pages
   * cost no read() each, which halves the time to show the list. */
  if (!nudge_store_exec (self, "PRAGMA mmap_size = 268435456", error))
    return NULL;

  /* Statements whose triggers touch other rows keep a statement journal;
   * on disk it costs a write() per page per statement, which made a big
   * import or the sample book spend most of its time in /var/tmp. */
  if (!nudge_store_exec (self, "PRAGMA temp_store = MEMORY", error))
    return NULL;

  self->schema_version = user_version;
  if (!nudge_store_migrate_to (self, version, error))
    return NULL;

  keep_open_book (self->open_key, path);
  return g_steal_pointer (&self);
}

NudgeStore *
nudge_store_open (const char  *path,
                  GError     **error)
{
  g_autoptr(NudgeStore) self = NULL;

  /* Rows deleted more than a month ago (and not undone) go for good with
   * the first write (nudge_store_begin): opening writes nothing. */
  self = nudge_store_open_at_version (path, nudge_schema_latest_version (), error);
  if (self == NULL)
    return NULL;

  /* What this connection has seen: a watch started later tells what
   * other programs committed since the book was opened. */
  self->data_version = nudge_store_read_data_version (self);
  return g_steal_pointer (&self);
}

/* Another connection to a book that the main one opened (and migrated):
 * for a worker thread. */
NudgeStore *
nudge_store_open_worker (const char  *path,
                         GError     **error)
{
  NudgeStore *self = nudge_store_open_at_version (path, nudge_schema_latest_version (), error);

  /* Mapped pages count as the app's memory: a worker reading a big book
   * through read() leaves them in the kernel's page cache instead. */
  if (self != NULL)
    nudge_store_exec (self, "PRAGMA mmap_size = 0", NULL);
  return self;
}

/**
 * nudge_store_set_busy_timeout:
 *
 * How long a statement waits for another connection's write lock. The
 * app's main-loop connection waits only a moment: a window must not
 * freeze while nudge-cli imports; the write fails with a clear message
 * instead, and background writers retry.
 */
void
nudge_store_set_busy_timeout (NudgeStore *self,
                              guint       ms)
{
  g_return_if_fail (NUDGE_IS_STORE (self));

  sqlite3_busy_timeout (self->db, (int) ms);
}

const char *
nudge_store_get_path (NudgeStore *self)
{
  g_return_val_if_fail (NUDGE_IS_STORE (self), NULL);

  return self->path;
}

guint
nudge_store_get_schema_version (NudgeStore *self)
{
  g_return_val_if_fail (NUDGE_IS_STORE (self), 0);

  return self->schema_version;
}

gboolean
nudge_store_is_empty (NudgeStore *self)
{
  static const char sql[] =
    "SELECT NOT EXISTS (SELECT 1 FROM deal WHERE trashed_at IS NULL)"
    " AND NOT EXISTS (SELECT 1 FROM contact WHERE trashed_at IS NULL)"
    " AND NOT EXISTS (SELECT 1 FROM company WHERE trashed_at IS NULL)";

  g_return_val_if_fail (NUDGE_IS_STORE (self), FALSE);

  /* A book that cannot be read now is not taken for an empty one (0):
   * the welcome would hide it, and sample data would go into it. */
  return nudge_store_lookup (self, sql, 0, NULL, NULL) != 0;
}

/* Emits the "changes" signal: for nudge-store-transactions.c. */
void
nudge_store_signal_changes (NudgeStore     *self,
                            NudgeChangeSet *changes)
{
  g_signal_emit (self, signals[CHANGES], 0, changes);
}

/* ---- GObject ---------------------------------------------------------- */

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
nudge_store_finalize (GObject *object)
{
  NudgeStore *self = (NudgeStore *) object;

  g_clear_handle_id (&self->external_id, g_source_remove);
  /* A transaction left open (a worker's job that failed half-way) ends
   * here, and with it the connection's hold on the write lock. */
  while (self->tx_depth > 0)
    nudge_store_rollback (self);
  for (guint i = 0; i < G_N_ELEMENTS (self->monitors); i++)
    {
      if (self->monitors[i] != NULL)
        {
          g_signal_handlers_disconnect_by_data (self->monitors[i], self);
          g_file_monitor_cancel (self->monitors[i]);
        }
      g_clear_object (&self->monitors[i]);
    }
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->open_key != NULL)
    remove_open_book (self->open_key);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->open_key, g_free);
  g_clear_pointer (&self->pending, nudge_change_set_unref);
  g_clear_pointer (&self->outer_pending, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (nudge_store_parent_class)->finalize (object);
}

static void
nudge_store_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_READ_ONLY:
      g_value_set_boolean (value, nudge_store_get_read_only (NUDGE_STORE (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nudge_store_class_init (NudgeStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nudge_store_finalize;
  object_class->get_property = nudge_store_get_property;

  /**
   * NudgeStore:read-only:
   *
   * Whether the book is marked damaged: nothing is written into it until
   * a backup is restored. Notified when this store marks it or clears it.
   */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NudgeStore::changes:
   * @changes: a #NudgeChangeSet
   *
   * Emitted once per committed transaction (never for a rolled-back
   * one) with every row it added, changed or removed; an entity may be
   * marked as changed as a whole after a bulk load or another program's
   * write, and listeners then reload it.
   */
  signals[CHANGES] =
    g_signal_new ("changes",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, NUDGE_TYPE_CHANGE_SET | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
nudge_store_init (NudgeStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->pending = nudge_change_set_new ();
  self->outer_pending = g_ptr_array_new_with_free_func ((GDestroyNotify) nudge_change_set_unref);
}
