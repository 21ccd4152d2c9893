/* nudge-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "nudge-clock.h"
#include "nudge-schema-private.h"
#include "nudge-store-private.h"

#define BUSY_TIMEOUT_MS 5000
#define TRASH_KEEP_SECONDS (30 * 24 * 3600)

struct _NudgeStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;      /* sql text -> sqlite3_stmt */
  NudgeChangeSet *pending;     /* emitted once on commit */
  GPtrArray  *outer_pending;   /* the enclosing levels' sets while in a savepoint */
  GFileMonitor *monitors[2];   /* the book and its write-ahead log */
  gint64      data_version;    /* of the last change this connection saw */
  guint       external_id;
  guint       tx_depth;
  guint       schema_version;
  gint64      default_pipeline;
  gboolean    trash_purged;    /* old trash deleted by this connection's first write */
  gboolean    read_only;       /* damaged: nothing is written until restored */
};

G_DEFINE_FINAL_TYPE (NudgeStore, nudge_store, G_TYPE_OBJECT)

enum {
  CHANGES,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *const entity_tables[NUDGE_N_ENTITIES] = {
  [NUDGE_ENTITY_COMPANY]  = "company",
  [NUDGE_ENTITY_CONTACT]  = "contact",
  [NUDGE_ENTITY_DEAL]     = "deal",
  [NUDGE_ENTITY_ACTIVITY] = "activity",
  [NUDGE_ENTITY_FOLLOWUP] = "followup",
  [NUDGE_ENTITY_STAGE]    = "stage",
  [NUDGE_ENTITY_PIPELINE] = "pipeline",
  [NUDGE_ENTITY_CADENCE]  = "cadence",
  [NUDGE_ENTITY_RULE]     = "rule",
  [NUDGE_ENTITY_CURRENCY] = "exchange_rate",
};

static const struct {
  const char *name;
  int probability;
  int rotting_days;
  const char *kind;
} default_stages[] = {
  { N_("Lead in"),        10, 3,  "open" },
  { N_("Contact made"),   20, 7,  "open" },
  { N_("Needs analysis"), 40, 10, "open" },
  { N_("Proposal sent"),  60, 7,  "open" },
  { N_("Negotiation"),    80, 14, "open" },
  { N_("Won"),            100, 0, "won" },
  { N_("Lost"),           0,  0,  "lost" },
};

static const char *const default_lost_reasons[] = {
  N_("Price too high"),
  N_("Chose a competitor"),
  N_("No budget"),
  N_("No decision"),
  N_("Bad timing"),
  N_("Not a fit"),
};

const char NUDGE_DEAL_SELECT[] =
  "SELECT d.id, d.title, d.company_id, co.name, d.contact_id, ct.name, d.stage_id, s.name,"
  " s.pipeline_id, s.probability, s.rotting_days, d.amount_minor, d.currency, d.product,"
  " d.expected_close, d.status, d.lost_reason, d.labels, d.temperature, d.notes, d.created_at,"
  " d.updated_at, d.stage_entered_at, d.closed_at, d.last_activity_at, d.next_followup_at, d.score"
  " FROM deal d JOIN stage s ON s.id = d.stage_id"
  " LEFT JOIN company co ON co.id = d.company_id"
  " LEFT JOIN contact ct ON ct.id = d.contact_id ";

const char NUDGE_FOLLOWUP_SELECT[] =
  "SELECT f.id, f.uid, f.title, f.kind, f.notes, f.due_at, f.all_day, f.tzid, f.duration_min,"
  " f.remind_before_min, f.priority, f.status, f.done_at, f.snoozed_until, f.deal_id, d.title,"
  " f.contact_id, ct.name, ct.phone, co.name, f.rrule, f.exdates, f.sequence, f.origin, f.next_at,"
  " f.created_at, f.updated_at"
  " FROM followup f LEFT JOIN deal d ON d.id = f.deal_id"
  " LEFT JOIN contact ct ON ct.id = COALESCE(f.contact_id, d.contact_id)"
  " LEFT JOIN company co ON co.id = COALESCE(d.company_id, ct.company_id) ";

static const char CONTACT_SELECT[] =
  "SELECT c.id, c.company_id, co.name, c.name, c.email, c.phone, c.title, c.decision_maker,"
  " c.source, c.tags, c.notes, c.temperature, c.stay_ideal_days, c.stay_max_days, c.created_at,"
  " c.updated_at, c.last_activity_at, c.next_followup_at, c.score, c.birthday, c.address, c.website"
  " FROM contact c LEFT JOIN company co ON co.id = c.company_id ";

static const char COMPANY_SELECT[] =
  "SELECT co.id, co.name, co.industry, co.website, co.phone, co.email, co.notes, co.created_at,"
  " co.updated_at,"
  " (SELECT COUNT(*) FROM contact c WHERE c.company_id = co.id AND c.trashed_at IS NULL),"
  " (SELECT COUNT(*) FROM deal d WHERE d.company_id = co.id AND d.status = 'open' AND d.trashed_at IS NULL),"
  " (SELECT MAX(last_activity_at) FROM contact c WHERE c.company_id = co.id),"
  " (SELECT MIN(next_followup_at) FROM deal d WHERE d.company_id = co.id AND d.trashed_at IS NULL)"
  " FROM company co ";

static const char ACTIVITY_SELECT[] =
  "SELECT a.id, a.kind, a.direction, a.occurred_at, a.contact_id, ct.name, a.deal_id, d.title,"
  " a.company_id, a.summary, a.body, a.origin, a.created_at"
  " FROM activity a LEFT JOIN contact ct ON ct.id = a.contact_id"
  " LEFT JOIN deal d ON d.id = a.deal_id ";

static const char STAGE_SELECT[] =
  "SELECT id, pipeline_id, name, position, probability, rotting_days, required_fields, kind"
  " FROM stage ";

G_DEFINE_QUARK (nudge-store-error-quark, nudge_store_error)

const char *
nudge_deal_status_to_string (NudgeDealStatus status)
{
  switch (status)
    {
    case NUDGE_DEAL_OPEN:    return "open";
    case NUDGE_DEAL_WON:     return "won";
    case NUDGE_DEAL_LOST:    return "lost";
    case NUDGE_DEAL_ON_HOLD: return "on_hold";
    default:                 return "open";
    }
}

gboolean
nudge_deal_status_from_string (const char      *text,
                               NudgeDealStatus *status)
{
  static const char *const names[] = { "open", "won", "lost", "on_hold" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *status = i;
        return TRUE;
      }
  if (g_strcmp0 (text, "on-hold") == 0)
    {
      *status = NUDGE_DEAL_ON_HOLD;
      return TRUE;
    }
  return FALSE;
}

const char *
nudge_deal_status_label (NudgeDealStatus status)
{
  switch (status)
    {
    case NUDGE_DEAL_OPEN:    return C_("deal status", "Open");
    case NUDGE_DEAL_WON:     return C_("deal status", "Won");
    case NUDGE_DEAL_LOST:    return C_("deal status", "Lost");
    case NUDGE_DEAL_ON_HOLD: return C_("deal status", "On hold");
    default:                 return "";
    }
}

/* ---- SQL helpers ------------------------------------------------------ */

char *
nudge_sql_dup_text (sqlite3_stmt *stmt,
                    int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return g_strdup (text ? text : "");
}

void
nudge_sql_bind_text (sqlite3_stmt *stmt,
                     int           idx,
                     const char   *text)
{
  sqlite3_bind_text (stmt, idx, text ? text : "", -1, SQLITE_TRANSIENT);
}

void
nudge_sql_bind_id (sqlite3_stmt *stmt,
                   int           idx,
                   gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, idx, id);
  else
    sqlite3_bind_null (stmt, idx);
}

void
nudge_sql_bind_time (sqlite3_stmt *stmt,
                     int           idx,
                     gint64        at)
{
  if (at != 0)
    sqlite3_bind_int64 (stmt, idx, at);
  else
    sqlite3_bind_null (stmt, idx);
}

void
nudge_store_set_sqlite_error (NudgeStore  *self,
                              int          rc,
                              GError     **error)
{
  const char *msg = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_LOCKED,
                   _("The database %s is locked by another program; close it and try again"),
                   self->path);
      break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_A_DATABASE,
                   _("The database %s is damaged (%s); it was not changed"),
                   self->path, msg);
      break;
    case SQLITE_READONLY:
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_READ_ONLY,
                   _("The database %s cannot be written to"), self->path);
      break;
    case SQLITE_FULL:
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_FAILED,
                   _("The disk is full; nothing was saved"));
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CONSTRAINT,
                   _("The change conflicts with existing data (%s)"), msg);
      break;
    default:
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_FAILED,
                   _("Database error: %s"), msg);
      break;
    }
}

sqlite3 *
nudge_store_get_db (NudgeStore *self)
{
  g_return_val_if_fail (NUDGE_IS_STORE (self), NULL);

  return self->db;
}

/* Statements are cached by their SQL text, so a hot query is prepared
 * once; a text built at run time (and freed) finds its statement again
 * instead of another one that happened to live at the same address. */
sqlite3_stmt *
nudge_store_prepare (NudgeStore  *self,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      nudge_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
nudge_store_exec (NudgeStore  *self,
                  const char  *sql,
                  GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      nudge_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
nudge_store_step_done (NudgeStore    *self,
                       sqlite3_stmt  *stmt,
                       GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      nudge_store_set_sqlite_error (self, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
nudge_check_text (const char  *label,
                  const char  *text,
                  guint        max_chars,
                  gboolean     required,
                  GError     **error)
{
  glong len;

  if (text == NULL || *text == '\0')
    {
      if (required)
        {
          g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                       _("%s is required"), label);
          return FALSE;
        }
      return TRUE;
    }

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("%s is not valid UTF-8 text"), label);
      return FALSE;
    }

  if (required)
    {
      const char *p = text;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        {
          g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                       _("%s is required"), label);
          return FALSE;
        }
    }

  len = g_utf8_strlen (text, -1);
  if ((guint) len > max_chars)
    {
      g_autofree char *has = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%ld character", "%ld characters", len),
                                              len);
      g_autofree char *allowed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "at most %u is allowed",
                                                               "at most %u are allowed", max_chars),
                                                  max_chars);

      /* Translators: a field, then "300 characters", then "at most 200 are allowed" */
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_TOO_LONG,
                   _("%s is too long: %s, %s"), label, has, allowed);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_email (const char  *email,
             GError     **error)
{
  const char *at;

  if (!nudge_check_text (_("E-mail"), email, NUDGE_MAX_EMAIL_CHARS, FALSE, error))
    return FALSE;
  if (email == NULL || *email == '\0')
    return TRUE;

  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '.') == NULL ||
      strchr (email, ' ') != NULL || strchr (at + 1, '@') != NULL)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("“%s” is not an e-mail address"), email);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_phone (const char  *phone,
             GError     **error)
{
  if (!nudge_check_text (_("Phone"), phone, NUDGE_MAX_PHONE_CHARS, FALSE, error))
    return FALSE;
  for (const char *p = phone; p && *p; p++)
    if (!g_ascii_isdigit (*p) && strchr (" +-()./", *p) == NULL)
      {
        g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                     _("“%s” is not a phone number (digits, spaces and + - ( ) only)"), phone);
        return FALSE;
      }
  return TRUE;
}

static gboolean
check_currency (const char  *currency,
                GError     **error)
{
  if (currency == NULL || strlen (currency) != 3 ||
      !g_ascii_isupper (currency[0]) || !g_ascii_isupper (currency[1]) || !g_ascii_isupper (currency[2]))
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("“%s” is not a currency code (three capital letters, e.g. CZK)"),
                   currency ? currency : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_date (const char  *label,
            const char  *date,
            GError     **error)
{
  int y, m, d;
  char tail;

  if (date == NULL || *date == '\0')
    return TRUE;
  if (sscanf (date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy (d, m, y))
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("%s: “%s” is not a date (YYYY-MM-DD)"), label, date);
      return FALSE;
    }
  return TRUE;
}

/* ---- change notification and transactions ----------------------------- */

static void
emit_pending (NudgeStore *self)
{
  g_autoptr(NudgeChangeSet) batch = NULL;

  if (nudge_change_set_is_empty (self->pending))
    return;
  batch = g_steal_pointer (&self->pending);
  self->pending = nudge_change_set_new ();
  g_signal_emit (self, signals[CHANGES], 0, batch);
}

void
nudge_store_queue_change (NudgeStore  *self,
                          NudgeEntity  entity,
                          gint64       id,
                          NudgeChange  change)
{
  if (id <= 0)
    return;

  nudge_change_set_add (self->pending, entity, id, change);
  if (self->tx_depth == 0)
    emit_pending (self);
}

static gint64
read_data_version (NudgeStore *self)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

/* Another program (nudge-cli, a script, a restored or synced file)
 * committed to the book: what it changed is not known row by row, so
 * listeners reload. SQLite's data_version tells a real commit by another
 * connection from our own writes and from mere reads. */
static gboolean
check_external_cb (gpointer data)
{
  NudgeStore *self = data;
  gint64 version;

  self->external_id = 0;
  if (self->tx_depth > 0)
    return G_SOURCE_REMOVE;
  version = read_data_version (self);
  if (version >= 0 && version != self->data_version)
    {
      g_autoptr(NudgeChangeSet) all = nudge_change_set_new_all ();

      self->data_version = version;
      g_debug ("%s changed on disk: reloading", self->path);
      nudge_store_emit_changes (self, all);
    }
  return G_SOURCE_REMOVE;
}

static void
file_changed_cb (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event,
                 NudgeStore        *self)
{
  /* A bulk write is many events: look once it has settled a little. */
  if (self->external_id == 0)
    self->external_id = g_timeout_add (150, check_external_cb, self);
}

/**
 * nudge_store_watch_file:
 * @self: a #NudgeStore
 *
 * Follows writes by other programs to the book, announced as changes of
 * everything. For the app's long-lived main connection.
 */
void
nudge_store_watch_file (NudgeStore *self)
{
  g_autofree char *wal = NULL;
  const char *paths[2];

  g_return_if_fail (NUDGE_IS_STORE (self));

  if (self->monitors[0] != NULL)
    return;
  wal = g_strconcat (self->path, "-wal", NULL);
  paths[0] = self->path;
  paths[1] = wal;
  self->data_version = read_data_version (self);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);

      self->monitors[i] = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, NULL);
      if (self->monitors[i] != NULL)
        {
          g_file_monitor_set_rate_limit (self->monitors[i], 100);
          g_signal_connect (self->monitors[i], "changed", G_CALLBACK (file_changed_cb), self);
        }
    }
}

/* What our own workers committed is not another program's change, also
 * when it announced no row (bookkeeping such as rule runs). */
void
nudge_store_note_worker_commit (NudgeStore *self)
{
  g_return_if_fail (NUDGE_IS_STORE (self));

  if (self->monitors[0] != NULL)
    self->data_version = read_data_version (self);
}

/**
 * nudge_store_emit_changes:
 * @self: a #NudgeStore
 * @changes: what another connection to the same file committed
 *
 * Tells this store's listeners about rows that a worker thread (with its
 * own connection) changed, as if they had been changed here.
 */
void
nudge_store_emit_changes (NudgeStore     *self,
                          NudgeChangeSet *changes)
{
  g_return_if_fail (NUDGE_IS_STORE (self));
  g_return_if_fail (changes != NULL);

  /* Our workers' commits are known row by row: not "external". */
  if (self->monitors[0] != NULL)
    self->data_version = read_data_version (self);

  /* Passed on as it is when nothing else is pending, so listeners can
   * tell whose change it was. */
  if (self->tx_depth == 0 && nudge_change_set_is_empty (self->pending))
    {
      if (!nudge_change_set_is_empty (changes))
        g_signal_emit (self, signals[CHANGES], 0, changes);
      return;
    }
  /* Not undone by a rollback of a savepoint of ours: kept with the
   * outermost level. */
  nudge_change_set_merge (self->outer_pending->len > 0 ? g_ptr_array_index (self->outer_pending, 0)
                                                       : self->pending, changes);
  if (self->tx_depth == 0)
    emit_pending (self);
}

static gboolean delete_old_trash (NudgeStore  *self,
                                  gint64       older_than,
                                  GError     **error);

gboolean
nudge_store_begin (NudgeStore  *self,
                   GError     **error)
{
  g_return_val_if_fail (NUDGE_IS_STORE (self), FALSE);

  if (self->tx_depth == 0 && nudge_store_get_read_only (self))
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_READ_ONLY,
                   _("%s is damaged; nothing is saved until a backup is restored"), self->path);
      return FALSE;
    }

  /* Nested: a savepoint, with its own change set so that rolling it back
   * drops only what it recorded. */
  if (self->tx_depth > 0)
    {
      char sql[64];

      g_snprintf (sql, sizeof sql, "SAVEPOINT nudge_%u", self->tx_depth);
      if (!nudge_store_exec (self, sql, error))
        return FALSE;
      g_ptr_array_add (self->outer_pending, g_steal_pointer (&self->pending));
      self->pending = nudge_change_set_new ();
      self->tx_depth++;
      return TRUE;
    }

  self->tx_depth++;
  if (!nudge_store_exec (self, "BEGIN IMMEDIATE", error))
    {
      self->tx_depth = 0;
      return FALSE;
    }
  /* Housekeeping rides along with the first write, so opening a book
   * (and every read) never waits for another program's write lock. */
  if (!self->trash_purged && self->schema_version == nudge_schema_latest_version ())
    {
      self->trash_purged = TRUE;
      if (!delete_old_trash (self, nudge_clock_now () - TRASH_KEEP_SECONDS, NULL))
        g_debug ("Could not empty the trash of %s", self->path);
    }
  return TRUE;
}

gboolean
nudge_store_commit (NudgeStore  *self,
                    GError     **error)
{
  g_autoptr(GArray) batch = NULL;

  g_return_val_if_fail (NUDGE_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (self->tx_depth > 1)
    {
      NudgeChangeSet *outer;
      char sql[64];

      /* On failure the savepoint stays: the caller rolls it back. */
      g_snprintf (sql, sizeof sql, "RELEASE nudge_%u", self->tx_depth - 1);
      if (!nudge_store_exec (self, sql, error))
        return FALSE;
      outer = g_ptr_array_steal_index (self->outer_pending, self->outer_pending->len - 1);
      nudge_change_set_merge (outer, self->pending);
      nudge_change_set_unref (self->pending);
      self->pending = outer;
      self->tx_depth--;
      return TRUE;
    }
  self->tx_depth = 0;

  if (!nudge_store_exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      nudge_change_set_clear (self->pending);
      return FALSE;
    }

  emit_pending (self);
  return TRUE;
}

/* Undoes the innermost level: a nested begin's savepoint (the enclosing
 * transaction goes on), or the whole transaction. */
void
nudge_store_rollback (NudgeStore *self)
{
  g_return_if_fail (NUDGE_IS_STORE (self));

  if (self->tx_depth == 0)
    return;
  if (self->tx_depth > 1)
    {
      char sql[96];

      self->tx_depth--;
      g_snprintf (sql, sizeof sql, "ROLLBACK TO nudge_%u; RELEASE nudge_%u", self->tx_depth, self->tx_depth);
      sqlite3_exec (self->db, sql, NULL, NULL, NULL);
      nudge_change_set_unref (self->pending);
      self->pending = g_ptr_array_steal_index (self->outer_pending, self->outer_pending->len - 1);
      return;
    }
  self->tx_depth = 0;
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  nudge_change_set_clear (self->pending);
}

static char *
damage_mark_path (const char *path)
{
  if (path == NULL || *path == '\0' || g_str_equal (path, ":memory:"))
    return NULL;
  return g_strconcat (path, ".damaged", NULL);
}

void
nudge_store_set_read_only (NudgeStore *self,
                           gboolean    read_only)
{
  g_autofree char *mark = NULL;

  g_return_if_fail (NUDGE_IS_STORE (self));

  self->read_only = !!read_only;
  if (!read_only)
    {
      nudge_store_clear_damage_mark (self->path);
      return;
    }
  /* Told to the other connections (workers, nudge-cli, a second window)
   * through a file: none of them writes into the damage either. */
  if ((mark = damage_mark_path (self->path)) != NULL &&
      !g_file_set_contents (mark, "damaged\n", -1, NULL))
    g_warning ("Cannot mark %s as damaged", self->path);
}

gboolean
nudge_store_get_read_only (NudgeStore *self)
{
  g_autofree char *mark = NULL;

  g_return_val_if_fail (NUDGE_IS_STORE (self), FALSE);

  if (self->read_only)
    return TRUE;
  /* One stat per transaction, so that every program sees the mark. */
  mark = damage_mark_path (self->path);
  return mark != NULL && g_file_test (mark, G_FILE_TEST_EXISTS);
}

/* After a restore the book is whole again. */
void
nudge_store_clear_damage_mark (const char *path)
{
  g_autofree char *mark = damage_mark_path (path);

  if (mark != NULL)
    g_unlink (mark);
}

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

static gboolean
query_int (NudgeStore  *self,
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

static gboolean
seed_defaults (NudgeStore  *self,
               GError     **error)
{
  static const char insert_pipeline[] = "INSERT INTO pipeline (name, position) VALUES (?, 0)";
  static const char insert_stage[] =
    "INSERT INTO stage (pipeline_id, name, position, probability, rotting_days, required_fields, kind)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)";
  static const char insert_reason[] = "INSERT INTO lost_reason (name, position) VALUES (?, ?)";
  sqlite3_stmt *stmt;
  gint64 pipeline_id;

  if (!(stmt = nudge_store_prepare (self, insert_pipeline, error)))
    return FALSE;
  nudge_sql_bind_text (stmt, 1, _("Sales"));
  if (!nudge_store_step_done (self, stmt, error))
    return FALSE;
  pipeline_id = sqlite3_last_insert_rowid (self->db);

  for (guint i = 0; i < G_N_ELEMENTS (default_stages); i++)
    {
      if (!(stmt = nudge_store_prepare (self, insert_stage, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, pipeline_id);
      nudge_sql_bind_text (stmt, 2, _(default_stages[i].name));
      sqlite3_bind_int (stmt, 3, i);
      sqlite3_bind_int (stmt, 4, default_stages[i].probability);
      sqlite3_bind_int (stmt, 5, default_stages[i].rotting_days);
      /* A proposal needs an amount to be worth forecasting. */
      nudge_sql_bind_text (stmt, 6, i == 3 || i == 4 ? "amount" : "");
      nudge_sql_bind_text (stmt, 7, default_stages[i].kind);
      if (!nudge_store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (default_lost_reasons); i++)
    {
      if (!(stmt = nudge_store_prepare (self, insert_reason, error)))
        return FALSE;
      nudge_sql_bind_text (stmt, 1, _(default_lost_reasons[i]));
      sqlite3_bind_int (stmt, 2, i);
      if (!nudge_store_step_done (self, stmt, error))
        return FALSE;
    }
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
      if (v == 1 && !seed_defaults (self, error))
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

static gboolean
ensure_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_FAILED,
                   _("Cannot create the folder %s: %s"), dir, g_strerror (errno));
      return FALSE;
    }

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

NudgeStore *
nudge_store_open_at_version (const char  *path,
                             guint        version,
                             GError     **error)
{
  g_autoptr(NudgeStore) self = NULL;
  int rc;
  int user_version = 0;
  int application_id = 0;
  int n_tables = 0;
  gboolean existing = FALSE;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_file_header (path, &existing, error))
    return NULL;
  if (!ensure_private_file (path, error))
    return NULL;

  self = g_object_new (NUDGE_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      nudge_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, FALSE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (!query_int (self, "PRAGMA application_id", &application_id, error) ||
      !query_int (self, "PRAGMA user_version", &user_version, error) ||
      !query_int (self, "SELECT COUNT(*) FROM sqlite_master", &n_tables, error))
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
  sqlite3_stmt *stmt;
  gboolean empty = TRUE;

  g_return_val_if_fail (NUDGE_IS_STORE (self), TRUE);

  if ((stmt = nudge_store_prepare (self, sql, NULL)) && sqlite3_step (stmt) == SQLITE_ROW)
    empty = sqlite3_column_int (stmt, 0);
  if (stmt)
    sqlite3_reset (stmt);
  return empty;
}

/* ---- row readers ------------------------------------------------------ */

static NudgeCompany *
read_company (sqlite3_stmt *stmt)
{
  NudgeCompany *c = nudge_company_new ();

  c->id = sqlite3_column_int64 (stmt, 0);
  c->name = nudge_sql_dup_text (stmt, 1);
  c->industry = nudge_sql_dup_text (stmt, 2);
  c->website = nudge_sql_dup_text (stmt, 3);
  c->phone = nudge_sql_dup_text (stmt, 4);
  c->email = nudge_sql_dup_text (stmt, 5);
  c->notes = nudge_sql_dup_text (stmt, 6);
  c->created_at = sqlite3_column_int64 (stmt, 7);
  c->updated_at = sqlite3_column_int64 (stmt, 8);
  c->n_contacts = sqlite3_column_int (stmt, 9);
  c->n_open_deals = sqlite3_column_int (stmt, 10);
  c->last_activity_at = sqlite3_column_int64 (stmt, 11);
  c->next_followup_at = sqlite3_column_int64 (stmt, 12);
  return c;
}

static NudgeContact *
read_contact (sqlite3_stmt *stmt)
{
  NudgeContact *c = nudge_contact_new ();

  c->id = sqlite3_column_int64 (stmt, 0);
  c->company_id = sqlite3_column_int64 (stmt, 1);
  c->company_name = nudge_sql_dup_text (stmt, 2);
  c->name = nudge_sql_dup_text (stmt, 3);
  c->email = nudge_sql_dup_text (stmt, 4);
  c->phone = nudge_sql_dup_text (stmt, 5);
  c->title = nudge_sql_dup_text (stmt, 6);
  c->decision_maker = sqlite3_column_int (stmt, 7) != 0;
  c->source = nudge_sql_dup_text (stmt, 8);
  c->tags = nudge_sql_dup_text (stmt, 9);
  c->notes = nudge_sql_dup_text (stmt, 10);
  c->temperature = nudge_sql_dup_text (stmt, 11);
  c->stay_ideal_days = sqlite3_column_int (stmt, 12);
  c->stay_max_days = sqlite3_column_int (stmt, 13);
  c->created_at = sqlite3_column_int64 (stmt, 14);
  c->updated_at = sqlite3_column_int64 (stmt, 15);
  c->last_activity_at = sqlite3_column_int64 (stmt, 16);
  c->next_followup_at = sqlite3_column_int64 (stmt, 17);
  c->score = sqlite3_column_double (stmt, 18);
  c->birthday = nudge_sql_dup_text (stmt, 19);
  c->address = nudge_sql_dup_text (stmt, 20);
  c->website = nudge_sql_dup_text (stmt, 21);
  return c;
}

NudgeDeal *
nudge_store_read_deal (sqlite3_stmt *stmt)
{
  NudgeDeal *d = nudge_deal_new ();
  NudgeDealStatus status = NUDGE_DEAL_OPEN;

  d->id = sqlite3_column_int64 (stmt, 0);
  d->title = nudge_sql_dup_text (stmt, 1);
  d->company_id = sqlite3_column_int64 (stmt, 2);
  d->company_name = nudge_sql_dup_text (stmt, 3);
  d->contact_id = sqlite3_column_int64 (stmt, 4);
  d->contact_name = nudge_sql_dup_text (stmt, 5);
  d->stage_id = sqlite3_column_int64 (stmt, 6);
  d->stage_name = nudge_sql_dup_text (stmt, 7);
  d->pipeline_id = sqlite3_column_int64 (stmt, 8);
  d->stage_probability = sqlite3_column_int (stmt, 9);
  d->stage_rotting_days = sqlite3_column_int (stmt, 10);
  d->has_amount = sqlite3_column_type (stmt, 11) != SQLITE_NULL;
  d->amount_minor = sqlite3_column_int64 (stmt, 11);
  d->currency = nudge_sql_dup_text (stmt, 12);
  d->product = nudge_sql_dup_text (stmt, 13);
  d->expected_close = nudge_sql_dup_text (stmt, 14);
  nudge_deal_status_from_string ((const char *) sqlite3_column_text (stmt, 15), &status);
  d->status = status;
  d->lost_reason = nudge_sql_dup_text (stmt, 16);
  d->labels = nudge_sql_dup_text (stmt, 17);
  d->temperature = nudge_sql_dup_text (stmt, 18);
  d->notes = nudge_sql_dup_text (stmt, 19);
  d->created_at = sqlite3_column_int64 (stmt, 20);
  d->updated_at = sqlite3_column_int64 (stmt, 21);
  d->stage_entered_at = sqlite3_column_int64 (stmt, 22);
  d->closed_at = sqlite3_column_int64 (stmt, 23);
  d->last_activity_at = sqlite3_column_int64 (stmt, 24);
  d->next_followup_at = sqlite3_column_int64 (stmt, 25);
  d->score = sqlite3_column_double (stmt, 26);
  return d;
}

NudgeFollowup *
nudge_store_read_followup (sqlite3_stmt *stmt)
{
  NudgeFollowup *f = nudge_followup_new ();

  f->id = sqlite3_column_int64 (stmt, 0);
  f->uid = nudge_sql_dup_text (stmt, 1);
  f->title = nudge_sql_dup_text (stmt, 2);
  f->kind = nudge_sql_dup_text (stmt, 3);
  f->notes = nudge_sql_dup_text (stmt, 4);
  f->due_at = sqlite3_column_int64 (stmt, 5);
  f->all_day = sqlite3_column_int (stmt, 6) != 0;
  f->tzid = nudge_sql_dup_text (stmt, 7);
  f->duration_min = sqlite3_column_int (stmt, 8);
  f->remind_before_min = sqlite3_column_int (stmt, 9);
  f->priority = sqlite3_column_int (stmt, 10);
  f->status = nudge_sql_dup_text (stmt, 11);
  f->done_at = sqlite3_column_int64 (stmt, 12);
  f->snoozed_until = sqlite3_column_int64 (stmt, 13);
  f->deal_id = sqlite3_column_int64 (stmt, 14);
  f->deal_title = nudge_sql_dup_text (stmt, 15);
  f->contact_id = sqlite3_column_int64 (stmt, 16);
  f->contact_name = nudge_sql_dup_text (stmt, 17);
  f->contact_phone = nudge_sql_dup_text (stmt, 18);
  f->company_name = nudge_sql_dup_text (stmt, 19);
  f->rrule = nudge_sql_dup_text (stmt, 20);
  f->exdates = nudge_sql_dup_text (stmt, 21);
  f->sequence = sqlite3_column_int (stmt, 22);
  f->origin = nudge_sql_dup_text (stmt, 23);
  f->next_at = sqlite3_column_int64 (stmt, 24);
  f->created_at = sqlite3_column_int64 (stmt, 25);
  f->updated_at = sqlite3_column_int64 (stmt, 26);
  return f;
}

static NudgeActivity *
read_activity (sqlite3_stmt *stmt)
{
  NudgeActivity *a = nudge_activity_new ();

  a->id = sqlite3_column_int64 (stmt, 0);
  a->kind = nudge_sql_dup_text (stmt, 1);
  a->direction = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "in") == 0
                 ? NUDGE_DIRECTION_IN : NUDGE_DIRECTION_OUT;
  a->occurred_at = sqlite3_column_int64 (stmt, 3);
  a->contact_id = sqlite3_column_int64 (stmt, 4);
  a->contact_name = nudge_sql_dup_text (stmt, 5);
  a->deal_id = sqlite3_column_int64 (stmt, 6);
  a->deal_title = nudge_sql_dup_text (stmt, 7);
  a->company_id = sqlite3_column_int64 (stmt, 8);
  a->summary = nudge_sql_dup_text (stmt, 9);
  a->body = nudge_sql_dup_text (stmt, 10);
  a->origin = nudge_sql_dup_text (stmt, 11);
  a->created_at = sqlite3_column_int64 (stmt, 12);
  return a;
}

static NudgeStage *
read_stage (sqlite3_stmt *stmt)
{
  NudgeStage *s = nudge_stage_new ();

  s->id = sqlite3_column_int64 (stmt, 0);
  s->pipeline_id = sqlite3_column_int64 (stmt, 1);
  s->name = nudge_sql_dup_text (stmt, 2);
  s->position = sqlite3_column_int (stmt, 3);
  s->probability = sqlite3_column_int (stmt, 4);
  s->rotting_days = sqlite3_column_int (stmt, 5);
  s->required_fields = nudge_sql_dup_text (stmt, 6);
  s->kind = nudge_sql_dup_text (stmt, 7);
  return s;
}

typedef gpointer (*RowReader) (sqlite3_stmt *stmt);

static GPtrArray *
collect_rows (NudgeStore    *self,
              sqlite3_stmt  *stmt,
              RowReader      reader,
              GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, reader (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      nudge_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static void
set_not_found (GError      **error,
               NudgeEntity   entity,
               gint64        id)
{
  const char *format;

  /* Whole sentences per kind of record, so each language can decline the noun. */
  switch (entity)
    {
    case NUDGE_ENTITY_COMPANY: format = _("There is no company with id %lld"); break;
    case NUDGE_ENTITY_CONTACT: format = _("There is no contact with id %lld"); break;
    case NUDGE_ENTITY_DEAL: format = _("There is no deal with id %lld"); break;
    case NUDGE_ENTITY_ACTIVITY: format = _("There is no activity with id %lld"); break;
    case NUDGE_ENTITY_FOLLOWUP: format = _("There is no follow-up with id %lld"); break;
    case NUDGE_ENTITY_STAGE: format = _("There is no stage with id %lld"); break;
    case NUDGE_ENTITY_PIPELINE: format = _("There is no pipeline with id %lld"); break;
    case NUDGE_ENTITY_CADENCE: format = _("There is no cadence with id %lld"); break;
    case NUDGE_ENTITY_RULE: format = _("There is no rule with id %lld"); break;
    default: format = _("There is no record with id %lld"); break;
    }
  g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND, format, (long long) id);
}

static gpointer
get_one (NudgeStore  *self,
         const char  *sql,
         gint64       id,
         RowReader    reader,
         NudgeEntity  entity,
         GError     **error)
{
  sqlite3_stmt *stmt;
  gpointer row = NULL;
  int rc;

  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    row = reader (stmt);
  else if (rc == SQLITE_DONE)
    set_not_found (error, entity, id);
  else
    nudge_store_set_sqlite_error (self, rc, error);
  sqlite3_reset (stmt);
  return row;
}

static gboolean
row_exists (NudgeStore *self,
            NudgeEntity entity,
            gint64      id)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?%s", entity_tables[entity],
                         entity <= NUDGE_ENTITY_DEAL ? " AND trashed_at IS NULL" : "");
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

static gboolean
check_reference (NudgeStore  *self,
                 NudgeEntity  entity,
                 gint64       id,
                 GError     **error)
{
  if (id <= 0 || row_exists (self, entity, id))
    return TRUE;
  set_not_found (error, entity, id);
  return FALSE;
}

/* ---- companies -------------------------------------------------------- */

gint64
nudge_store_save_company (NudgeStore    *self,
                          NudgeCompany  *company,
                          GError       **error)
{
  static const char insert_sql[] =
    "INSERT INTO company (name, industry, website, phone, email, notes, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)";
  static const char update_sql[] =
    "UPDATE company SET name = ?1, industry = ?2, website = ?3, phone = ?4, email = ?5,"
    " notes = ?6, updated_at = ?7 WHERE id = ?8";
  NudgeCompany *c = company;
  sqlite3_stmt *stmt;
  gint64 now = nudge_clock_now ();
  gboolean is_new = c->id <= 0;

  g_return_val_if_fail (NUDGE_IS_STORE (self), 0);
  g_return_val_if_fail (NUDGE_IS_COMPANY (company), 0);

  if (!nudge_check_text (_("Name"), c->name, NUDGE_MAX_NAME_CHARS, TRUE, error) ||
      !nudge_check_text (_("Industry"), c->industry, NUDGE_MAX_NAME_CHARS, FALSE, error) ||
      !nudge_check_text (_("Website"), c->website, NUDGE_MAX_URL_CHARS, FALSE, error) ||
      !check_phone (c->phone, error) ||
      !check_email (c->email, error) ||
      !nudge_check_text (_("Notes"), c->notes, NUDGE_MAX_NOTES_CHARS, FALSE, error))
    return 0;

  if (!(stmt = nudge_store_prepare (self, is_new ? insert_sql : update_sql, error)))
    return 0;
  nudge_sql_bind_text (stmt, 1, g_strstrip (c->name));
  nudge_sql_bind_text (stmt, 2, c->industry);
  nudge_sql_bind_text (stmt, 3, c->website);
  nudge_sql_bind_text (stmt, 4, c->phone);
  nudge_sql_bind_text (stmt, 5, c->email);
  nudge_sql_bind_text (stmt, 6, c->notes);
  sqlite3_bind_int64 (stmt, 7, now);
  if (!is_new)
    sqlite3_bind_int64 (stmt, 8, c->id);
  if (!nudge_store_step_done (self, stmt, error))
    return 0;

  if (is_new)
    {
      c->id = sqlite3_last_insert_rowid (self->db);
      c->created_at = now;
    }
  else if (sqlite3_changes (self->db) == 0)
    {
      set_not_found (error, NUDGE_ENTITY_COMPANY, c->id);
      return 0;
    }
  c->updated_at = now;
  nudge_store_queue_change (self, NUDGE_ENTITY_COMPANY, c->id,
                            is_new ? NUDGE_CHANGE_ADDED : NUDGE_CHANGE_UPDATED);
  return c->id;
}

NudgeCompany *
nudge_store_get_company (NudgeStore  *self,
                         gint64       id,
                         GError     **error)
{
  static char sql[sizeof COMPANY_SELECT + 64];

  if (sql[0] == '\0')
    g_snprintf (sql, sizeof sql, "%sWHERE co.id = ? AND co.trashed_at IS NULL", COMPANY_SELECT);
  return get_one (self, sql, id, (RowReader) read_company, NUDGE_ENTITY_COMPANY, error);
}

GPtrArray *
nudge_store_list_companies (NudgeStore  *self,
                            GError     **error)
{
  /* The same columns as COMPANY_SELECT, but the counts are grouped once
   * for all companies instead of four subqueries per company: a third
   * faster on a book of 20,000 companies. */
  static const char sql[] =
    "SELECT co.id, co.name, co.industry, co.website, co.phone, co.email, co.notes, co.created_at,"
    " co.updated_at, COALESCE(c.n, 0), COALESCE(d.n, 0), c.last_activity_at, d.next_followup_at"
    " FROM company co"
    " LEFT JOIN (SELECT company_id, SUM(trashed_at IS NULL) AS n, MAX(last_activity_at) AS last_activity_at"
    "   FROM contact WHERE company_id IS NOT NULL GROUP BY company_id) c ON c.company_id = co.id"
    " LEFT JOIN (SELECT company_id, SUM(status = 'open') AS n, MIN(next_followup_at) AS next_followup_at"
    "   FROM deal WHERE trashed_at IS NULL AND company_id IS NOT NULL GROUP BY company_id) d"
    "   ON d.company_id = co.id"
    " WHERE co.trashed_at IS NULL ORDER BY co.id";
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return NULL;
  return collect_rows (self, stmt, (RowReader) read_company, error);
}

gint64
nudge_store_find_company_by_name (NudgeStore *self,
                                  const char *name)
{
  static const char sql[] =
    "SELECT id FROM company WHERE name = ? COLLATE NOCASE AND trashed_at IS NULL ORDER BY id LIMIT 1";
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (!(stmt = nudge_store_prepare (self, sql, NULL)))
    return 0;
  nudge_sql_bind_text (stmt, 1, name);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

/* ---- contacts --------------------------------------------------------- */

gint64
nudge_store_save_contact (NudgeStore    *self,
                          NudgeContact  *contact,
                          GError       **error)
{
  static const char insert_sql[] =
    "INSERT INTO contact (company_id, name, email, phone, title, decision_maker, source, tags,"
    " notes, temperature, stay_ideal_days, stay_max_days, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)";
  static const char update_sql[] =
    "UPDATE contact SET company_id = ?1, name = ?2, email = ?3, phone = ?4, title = ?5,"
    " decision_maker = ?6, source = ?7, tags = ?8, notes = ?9, temperature = ?10,"
    " stay_ideal_days = ?11, stay_max_days = ?12, updated_at = ?13 WHERE id = ?14";
  NudgeContact *c = contact;
  sqlite3_stmt *stmt;
  gint64 now = nudge_clock_now ();
  gboolean is_new = c->id <= 0;

  g_return_val_if_fail (NUDGE_IS_STORE (self), 0);
  g_return_val_if_fail (NUDGE_IS_CONTACT (contact), 0);

  if (!nudge_check_text (_("Name"), c->name, NUDGE_MAX_NAME_CHARS, TRUE, error) ||
      !check_email (c->email, error) ||
      !check_phone (c->phone, error) ||
      !nudge_check_text (_("Job title"), c->title, NUDGE_MAX_NAME_CHARS, FALSE, error) ||
      !nudge_check_text (_("Source"), c->source, NUDGE_MAX_NAME_CHARS, FALSE, error) ||
      !nudge_check_text (_("Tags"), c->tags, NUDGE_MAX_SHORT_CHARS, FALSE, error) ||
      !nudge_check_text (_("Notes"), c->notes, NUDGE_MAX_NOTES_CHARS, FALSE, error) ||
      !check_reference (self, NUDGE_ENTITY_COMPANY, c->company_id, error))
    return 0;
  if (c->stay_ideal_days < 0 || c->stay_max_days < 0 ||
      (c->stay_max_days > 0 && c->stay_ideal_days > c->stay_max_days))
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("The “stay in touch” maximum must not be shorter than the ideal interval"));
      return 0;
    }

  if (!(stmt = nudge_store_prepare (self, is_new ? insert_sql : update_sql, error)))
    return 0;
  nudge_sql_bind_id (stmt, 1, c->company_id);
  nudge_sql_bind_text (stmt, 2, g_strstrip (c->name));
  nudge_sql_bind_text (stmt, 3, c->email);
  nudge_sql_bind_text (stmt, 4, c->phone);
  nudge_sql_bind_text (stmt, 5, c->title);
  sqlite3_bind_int (stmt, 6, c->decision_maker ? 1 : 0);
  nudge_sql_bind_text (stmt, 7, c->source);
  nudge_sql_bind_text (stmt, 8, c->tags);
  nudge_sql_bind_text (stmt, 9, c->notes);
  nudge_sql_bind_text (stmt, 10, c->temperature);
  sqlite3_bind_int (stmt, 11, c->stay_ideal_days);
  sqlite3_bind_int (stmt, 12, c->stay_max_days);
  sqlite3_bind_int64 (stmt, 13, now);
  if (!is_new)
    sqlite3_bind_int64 (stmt, 14, c->id);
  if (!nudge_store_step_done (self, stmt, error))
    return 0;

  if (is_new)
    {
      c->id = sqlite3_last_insert_rowid (self->db);
      c->created_at = now;
    }
  else if (sqlite3_changes (self->db) == 0)
    {
      set_not_found (error, NUDGE_ENTITY_CONTACT, c->id);
      return 0;
    }
  c->updated_at = now;
  nudge_store_queue_change (self, NUDGE_ENTITY_CONTACT, c->id,
                            is_new ? NUDGE_CHANGE_ADDED : NUDGE_CHANGE_UPDATED);
  if (c->company_id > 0)
    nudge_store_queue_change (self, NUDGE_ENTITY_COMPANY, c->company_id, NUDGE_CHANGE_UPDATED);
  return c->id;
}

NudgeContact *
nudge_store_get_contact (NudgeStore  *self,
                         gint64       id,
                         GError     **error)
{
  static char sql[sizeof CONTACT_SELECT + 64];

  if (sql[0] == '\0')
    g_snprintf (sql, sizeof sql, "%sWHERE c.id = ? AND c.trashed_at IS NULL", CONTACT_SELECT);
  return get_one (self, sql, id, (RowReader) read_contact, NUDGE_ENTITY_CONTACT, error);
}

GPtrArray *
nudge_store_list_contacts (NudgeStore  *self,
                           GError     **error)
{
  static char sql[sizeof CONTACT_SELECT + 64];
  sqlite3_stmt *stmt;

  if (sql[0] == '\0')
    g_snprintf (sql, sizeof sql, "%sWHERE c.trashed_at IS NULL ORDER BY c.id", CONTACT_SELECT);
  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return NULL;
  return collect_rows (self, stmt, (RowReader) read_contact, error);
}

GPtrArray *
nudge_store_list_contact_channels (NudgeStore  *self,
                                   gint64       contact_id,
                                   GError     **error)
{
  static const char sql[] =
    "SELECT kind, label, value FROM contact_channel WHERE contact_id = ? ORDER BY position, id";
  g_autoptr(GPtrArray) channels = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (NUDGE_IS_STORE (self), NULL);

  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char **channel = g_new0 (char *, 4);

      for (int c = 0; c < 3; c++)
        channel[c] = nudge_sql_dup_text (stmt, c);
      g_ptr_array_add (channels, channel);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nudge_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&channels);
}

/* ---- deals ------------------------------------------------------------ */

static gboolean
insert_stage_change (NudgeStore  *self,
                     gint64       deal_id,
                     gint64       from_stage,
                     gint64       to_stage,
                     gint64       at,
                     GError     **error)
{
  static const char sql[] =
    "INSERT INTO stage_change (deal_id, from_stage, to_stage, at) VALUES (?, ?, ?, ?)";
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  nudge_sql_bind_id (stmt, 2, from_stage);
  nudge_sql_bind_id (stmt, 3, to_stage);
  sqlite3_bind_int64 (stmt, 4, at);
  return nudge_store_step_done (self, stmt, error);
}

static gboolean
validate_deal (NudgeStore  *self,
               NudgeDeal   *d,
               GError     **error)
{
  if (!nudge_check_text (_("Title"), d->title, NUDGE_MAX_NAME_CHARS, TRUE, error) ||
      !check_currency (d->currency, error) ||
      !nudge_check_text (_("Product"), d->product, NUDGE_MAX_NAME_CHARS, FALSE, error) ||
      !nudge_check_text (_("Labels"), d->labels, NUDGE_MAX_SHORT_CHARS, FALSE, error) ||
      !nudge_check_text (_("Lost reason"), d->lost_reason, NUDGE_MAX_SHORT_CHARS, FALSE, error) ||
      !nudge_check_text (_("Notes"), d->notes, NUDGE_MAX_NOTES_CHARS, FALSE, error) ||
      !check_date (_("Expected close"), d->expected_close, error) ||
      !check_reference (self, NUDGE_ENTITY_COMPANY, d->company_id, error) ||
      !check_reference (self, NUDGE_ENTITY_CONTACT, d->contact_id, error))
    return FALSE;

  if (d->has_amount && (d->amount_minor < 0 || d->amount_minor > G_GINT64_CONSTANT (100000000000000000)))
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("The amount must be between 0 and 1,000,000,000,000,000"));
      return FALSE;
    }
  return TRUE;
}

gint64
nudge_store_save_deal (NudgeStore  *self,
                       NudgeDeal   *deal,
                       GError     **error)
{
  static const char insert_sql[] =
    "INSERT INTO deal (title, company_id, contact_id, stage_id, amount_minor, currency, product,"
    " expected_close, status, lost_reason, labels, temperature, notes, created_at, updated_at,"
    " stage_entered_at, closed_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, ?14, ?15)";
  static const char update_sql[] =
    "UPDATE deal SET title = ?1, company_id = ?2, contact_id = ?3, amount_minor = ?5,"
    " currency = ?6, product = ?7, expected_close = ?8, labels = ?11, temperature = ?12,"
    " notes = ?13, updated_at = ?14 WHERE id = ?16";
  NudgeDeal *d = deal;
  g_autoptr(NudgeStage) stage = NULL;
  sqlite3_stmt *stmt;
  gint64 now = nudge_clock_now ();
  gboolean is_new = d->id <= 0;

  g_return_val_if_fail (NUDGE_IS_STORE (self), 0);
  g_return_val_if_fail (NUDGE_IS_DEAL (deal), 0);

  if (d->currency == NULL || *d->currency == '\0')
    d->currency = g_strdup ("EUR");
  if (!validate_deal (self, d, error))
    return 0;

  if (is_new)
    {
      if (d->stage_id <= 0)
        {
          g_autoptr(GPtrArray) stages = nudge_store_list_stages (self, nudge_store_get_default_pipeline (self), error);

          if (stages == NULL || stages->len == 0)
            return 0;
          d->stage_id = nudge_stage_get_id (g_ptr_array_index (stages, 0));
        }
      if (!(stage = nudge_store_get_stage (self, d->stage_id, error)))
        return 0;
      if (g_strcmp0 (nudge_stage_get_kind (stage), "won") == 0)
        d->status = NUDGE_DEAL_WON;
      else if (g_strcmp0 (nudge_stage_get_kind (stage), "lost") == 0)
        d->status = NUDGE_DEAL_LOST;
    }

  if (!nudge_store_begin (self, error))
    return 0;

  if (!(stmt = nudge_store_prepare (self, is_new ? insert_sql : update_sql, error)))
    goto fail;
  nudge_sql_bind_text (stmt, 1, g_strstrip (d->title));
  nudge_sql_bind_id (stmt, 2, d->company_id);
  nudge_sql_bind_id (stmt, 3, d->contact_id);
  if (is_new)
    sqlite3_bind_int64 (stmt, 4, d->stage_id);
  if (d->has_amount)
    sqlite3_bind_int64 (stmt, 5, d->amount_minor);
  else
    sqlite3_bind_null (stmt, 5);
  nudge_sql_bind_text (stmt, 6, d->currency);
  nudge_sql_bind_text (stmt, 7, d->product);
  nudge_sql_bind_text (stmt, 8, d->expected_close);
  if (is_new)
    {
      nudge_sql_bind_text (stmt, 9, nudge_deal_status_to_string (d->status));
      nudge_sql_bind_text (stmt, 10, d->lost_reason);
    }
  nudge_sql_bind_text (stmt, 11, d->labels);
  nudge_sql_bind_text (stmt, 12, d->temperature);
  nudge_sql_bind_text (stmt, 13, d->notes);
  sqlite3_bind_int64 (stmt, 14, d->created_at > 0 && is_new ? d->created_at : now);
  if (is_new)
    nudge_sql_bind_time (stmt, 15, d->status == NUDGE_DEAL_WON || d->status == NUDGE_DEAL_LOST ? now : 0);
  else
    sqlite3_bind_int64 (stmt, 16, d->id);
  if (!nudge_store_step_done (self, stmt, error))
    goto fail;

  if (is_new)
    {
      d->id = sqlite3_last_insert_rowid (self->db);
      if (!insert_stage_change (self, d->id, 0, d->stage_id,
                                d->created_at > 0 ? d->created_at : now, error))
        goto fail;
    }
  else if (sqlite3_changes (self->db) == 0)
    {
      set_not_found (error, NUDGE_ENTITY_DEAL, d->id);
      goto fail;
    }

  nudge_store_queue_change (self, NUDGE_ENTITY_DEAL, d->id,
                            is_new ? NUDGE_CHANGE_ADDED : NUDGE_CHANGE_UPDATED);
  if (d->company_id > 0)
    nudge_store_queue_change (self, NUDGE_ENTITY_COMPANY, d->company_id, NUDGE_CHANGE_UPDATED);

  if (!nudge_store_commit (self, error))
    return 0;
  return d->id;

fail:
  nudge_store_rollback (self);
  if (is_new)
    d->id = 0;
  return 0;
}

NudgeDeal *
nudge_store_get_deal (NudgeStore  *self,
                      gint64       id,
                      GError     **error)
{
  static char sql[sizeof NUDGE_DEAL_SELECT + 64];

  if (sql[0] == '\0')
    g_snprintf (sql, sizeof sql, "%sWHERE d.id = ? AND d.trashed_at IS NULL", NUDGE_DEAL_SELECT);
  return get_one (self, sql, id, (RowReader) nudge_store_read_deal, NUDGE_ENTITY_DEAL, error);
}

GPtrArray *
nudge_store_list_deals (NudgeStore  *self,
                        GError     **error)
{
  static char sql[sizeof NUDGE_DEAL_SELECT + 64];
  sqlite3_stmt *stmt;

  if (sql[0] == '\0')
    g_snprintf (sql, sizeof sql, "%sWHERE d.trashed_at IS NULL ORDER BY d.id", NUDGE_DEAL_SELECT);
  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return NULL;
  return collect_rows (self, stmt, (RowReader) nudge_store_read_deal, error);
}

gboolean
nudge_store_move_deal_to_stage (NudgeStore  *self,
                                gint64       deal_id,
                                gint64       stage_id,
                                GError     **error)
{
  static const char sql[] =
    "UPDATE deal SET stage_id = ?1, stage_entered_at = ?2, updated_at = ?2,"
    " status = CASE ?3 WHEN 'won' THEN 'won' WHEN 'lost' THEN 'lost'"
    "   ELSE CASE WHEN status IN ('won','lost') THEN 'open' ELSE status END END,"
    " closed_at = CASE WHEN ?3 IN ('won','lost') THEN ?2 ELSE NULL END"
    " WHERE id = ?4";
  g_autoptr(NudgeDeal) deal = NULL;
  g_autoptr(NudgeStage) stage = NULL;
  sqlite3_stmt *stmt;
  gint64 now = nudge_clock_now ();

  g_return_val_if_fail (NUDGE_IS_STORE (self), FALSE);

  if (!(deal = nudge_store_get_deal (self, deal_id, error)) ||
      !(stage = nudge_store_get_stage (self, stage_id, error)))
    return FALSE;

  if (deal->stage_id == stage_id)
    return TRUE;

  if (!nudge_store_begin (self, error))
    return FALSE;

  if (!(stmt = nudge_store_prepare (self, sql, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, stage_id);
  sqlite3_bind_int64 (stmt, 2, now);
  nudge_sql_bind_text (stmt, 3, nudge_stage_get_kind (stage));
  sqlite3_bind_int64 (stmt, 4, deal_id);
  if (!nudge_store_step_done (self, stmt, error) ||
      !insert_stage_change (self, deal_id, deal->stage_id, stage_id, now, error))
    goto fail;

  nudge_store_queue_change (self, NUDGE_ENTITY_DEAL, deal_id, NUDGE_CHANGE_UPDATED);
  return nudge_store_commit (self, error);

fail:
  nudge_store_rollback (self);
  return FALSE;
}

gboolean
nudge_store_set_deal_status (NudgeStore       *self,
                             gint64            deal_id,
                             NudgeDealStatus   status,
                             const char       *lost_reason,
                             GError          **error)
{
  static const char sql[] =
    "UPDATE deal SET status = ?1, lost_reason = ?2, updated_at = ?3,"
    " closed_at = CASE WHEN ?1 IN ('won','lost') THEN ?3 ELSE NULL END WHERE id = ?4";
  static const char closing_stage_sql[] =
    "SELECT id FROM stage WHERE pipeline_id = (SELECT pipeline_id FROM stage WHERE id = ?1)"
    " AND kind = ?2 ORDER BY position LIMIT 1";
  g_autoptr(NudgeDeal) deal = NULL;
  sqlite3_stmt *stmt;
  gint64 now = nudge_clock_now ();
  gint64 closing_stage = 0;

  g_return_val_if_fail (NUDGE_IS_STORE (self), FALSE);

  if (!nudge_check_text (_("Lost reason"), lost_reason, NUDGE_MAX_SHORT_CHARS, FALSE, error))
    return FALSE;
  if (!(deal = nudge_store_get_deal (self, deal_id, error)))
    return FALSE;

  if (!nudge_store_begin (self, error))
    return FALSE;

  /* Won and lost deals also sit in the pipeline's won/lost stage, so the
   * stage history and the board agree with the status. */
  if (status == NUDGE_DEAL_WON || status == NUDGE_DEAL_LOST)
    {
      if (!(stmt = nudge_store_prepare (self, closing_stage_sql, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, deal->stage_id);
      nudge_sql_bind_text (stmt, 2, nudge_deal_status_to_string (status));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        closing_stage = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (closing_stage > 0 && closing_stage != deal->stage_id &&
          !nudge_store_move_deal_to_stage (self, deal_id, closing_stage, error))
        goto fail;
    }

  if (!(stmt = nudge_store_prepare (self, sql, error)))
    goto fail;
  nudge_sql_bind_text (stmt, 1, nudge_deal_status_to_string (status));
  nudge_sql_bind_text (stmt, 2, status == NUDGE_DEAL_LOST ? lost_reason : "");
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, deal_id);
  if (!nudge_store_step_done (self, stmt, error))
    goto fail;

  nudge_store_queue_change (self, NUDGE_ENTITY_DEAL, deal_id, NUDGE_CHANGE_UPDATED);
  if (deal->company_id > 0)
    nudge_store_queue_change (self, NUDGE_ENTITY_COMPANY, deal->company_id, NUDGE_CHANGE_UPDATED);
  return nudge_store_commit (self, error);

fail:
  nudge_store_rollback (self);
  return FALSE;
}

/* ---- trash ------------------------------------------------------------ */

static gboolean
set_trashed (NudgeStore    *self,
             NudgeEntity    entity,
             const gint64  *ids,
             guint          n_ids,
             gboolean       trashed,
             GError       **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 now = nudge_clock_now ();
  int rc;

  g_return_val_if_fail (NUDGE_IS_STORE (self), FALSE);
  g_return_val_if_fail (entity == NUDGE_ENTITY_COMPANY || entity == NUDGE_ENTITY_CONTACT ||
                        entity == NUDGE_ENTITY_DEAL, FALSE);

  sql = g_strdup_printf ("UPDATE %s SET trashed_at = ? WHERE id = ?", entity_tables[entity]);

  if (!nudge_store_begin (self, error))
    return FALSE;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < n_ids; i++)
    {
      if (trashed)
        sqlite3_bind_int64 (stmt, 1, now);
      else
        sqlite3_bind_null (stmt, 1);
      sqlite3_bind_int64 (stmt, 2, ids[i]);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        {
          rc = SQLITE_OK;
          nudge_store_queue_change (self, entity, ids[i],
                                    trashed ? NUDGE_CHANGE_REMOVED : NUDGE_CHANGE_ADDED);
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    {
      nudge_store_set_sqlite_error (self, rc, error);
      nudge_store_rollback (self);
      return FALSE;
    }
  return nudge_store_commit (self, error);
}

gboolean
nudge_store_trash (NudgeStore    *self,
                   NudgeEntity    entity,
                   const gint64  *ids,
                   guint          n_ids,
                   GError       **error)
{
  return set_trashed (self, entity, ids, n_ids, TRUE, error);
}

gboolean
nudge_store_restore (NudgeStore    *self,
                     NudgeEntity    entity,
                     const gint64  *ids,
                     guint          n_ids,
                     GError       **error)
{
  return set_trashed (self, entity, ids, n_ids, FALSE, error);
}

/* Inside a transaction. */
static gboolean
delete_old_trash (NudgeStore  *self,
                  gint64       older_than,
                  GError     **error)
{
  static const char *const sql[] = {
    "DELETE FROM deal WHERE trashed_at IS NOT NULL AND trashed_at < ?",
    "DELETE FROM contact WHERE trashed_at IS NOT NULL AND trashed_at < ?",
    "DELETE FROM company WHERE trashed_at IS NOT NULL AND trashed_at < ?",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = nudge_store_prepare (self, sql[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, older_than);
      if (!nudge_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
nudge_store_empty_trash (NudgeStore  *self,
                         gint64       older_than,
                         GError     **error)
{
  if (!nudge_store_begin (self, error))
    return FALSE;
  if (!delete_old_trash (self, older_than, error))
    {
      nudge_store_rollback (self);
      return FALSE;
    }
  return nudge_store_commit (self, error);
}

/* ---- pipelines and stages --------------------------------------------- */

gint64
nudge_store_get_default_pipeline (NudgeStore *self)
{
  static const char sql[] = "SELECT id FROM pipeline ORDER BY position, id LIMIT 1";
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (NUDGE_IS_STORE (self), 0);

  if (!(stmt = nudge_store_prepare (self, sql, NULL)))
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

static gpointer
read_pipeline_name (sqlite3_stmt *stmt)
{
  NudgeStage *s = nudge_stage_new ();

  /* Pipelines are listed as (id, name) pairs in stage records with kind
   * "pipeline"; the pipeline has no fields of its own beyond these. */
  s->id = sqlite3_column_int64 (stmt, 0);
  s->pipeline_id = s->id;
  s->name = nudge_sql_dup_text (stmt, 1);
  s->position = sqlite3_column_int (stmt, 2);
  s->kind = g_strdup ("pipeline");
  return s;
}

GPtrArray *
nudge_store_list_pipelines (NudgeStore  *self,
                            GError     **error)
{
  static const char sql[] = "SELECT id, name, position FROM pipeline ORDER BY position, id";
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return NULL;
  return collect_rows (self, stmt, read_pipeline_name, error);
}

GPtrArray *
nudge_store_list_stages (NudgeStore  *self,
                         gint64       pipeline_id,
                         GError     **error)
{
  static char sql[sizeof STAGE_SELECT + 64];
  sqlite3_stmt *stmt;

  if (sql[0] == '\0')
    g_snprintf (sql, sizeof sql, "%sWHERE pipeline_id = ? ORDER BY position, id", STAGE_SELECT);
  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pipeline_id);
  return collect_rows (self, stmt, (RowReader) read_stage, error);
}

NudgeStage *
nudge_store_get_stage (NudgeStore  *self,
                       gint64       id,
                       GError     **error)
{
  static char sql[sizeof STAGE_SELECT + 64];

  if (sql[0] == '\0')
    g_snprintf (sql, sizeof sql, "%sWHERE id = ?", STAGE_SELECT);
  return get_one (self, sql, id, (RowReader) read_stage, NUDGE_ENTITY_STAGE, error);
}

NudgeStage *
nudge_store_find_stage (NudgeStore  *self,
                        gint64       pipeline_id,
                        const char  *name,
                        GError     **error)
{
  static char sql[sizeof STAGE_SELECT + 128];
  sqlite3_stmt *stmt;
  NudgeStage *stage = NULL;

  if (sql[0] == '\0')
    g_snprintf (sql, sizeof sql, "%sWHERE pipeline_id = ? AND name = ? COLLATE NOCASE", STAGE_SELECT);
  if (pipeline_id <= 0)
    pipeline_id = nudge_store_get_default_pipeline (self);
  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pipeline_id);
  nudge_sql_bind_text (stmt, 2, name);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    stage = read_stage (stmt);
  sqlite3_reset (stmt);

  if (stage == NULL)
    g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND,
                 _("There is no stage “%s” in this pipeline"), name);
  return stage;
}

/* ---- activities ------------------------------------------------------- */

gint64
nudge_store_add_activity (NudgeStore     *self,
                          NudgeActivity  *activity,
                          GError        **error)
{
  static const char sql[] =
    "INSERT INTO activity (kind, direction, occurred_at, contact_id, deal_id, company_id,"
    " summary, body, origin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  NudgeActivity *a = activity;
  sqlite3_stmt *stmt;
  gint64 now = nudge_clock_now ();

  g_return_val_if_fail (NUDGE_IS_STORE (self), 0);
  g_return_val_if_fail (NUDGE_IS_ACTIVITY (activity), 0);

  if (!nudge_check_text (_("Kind"), a->kind, 40, TRUE, error) ||
      !nudge_check_text (_("Summary"), a->summary, NUDGE_MAX_SHORT_CHARS, FALSE, error) ||
      !nudge_check_text (_("Notes"), a->body, NUDGE_MAX_NOTES_CHARS, FALSE, error) ||
      !check_reference (self, NUDGE_ENTITY_DEAL, a->deal_id, error) ||
      !check_reference (self, NUDGE_ENTITY_CONTACT, a->contact_id, error) ||
      !check_reference (self, NUDGE_ENTITY_COMPANY, a->company_id, error))
    return 0;
  if (a->deal_id <= 0 && a->contact_id <= 0 && a->company_id <= 0)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("An activity belongs to a deal, a contact or a company"));
      return 0;
    }

  /* A deal's activity also belongs to its contact's history. */
  if (a->contact_id <= 0 && a->deal_id > 0)
    {
      g_autoptr(NudgeDeal) deal = nudge_store_get_deal (self, a->deal_id, NULL);

      if (deal != NULL)
        {
          a->contact_id = deal->contact_id;
          if (a->company_id <= 0)
            a->company_id = deal->company_id;
        }
    }

  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return 0;
  nudge_sql_bind_text (stmt, 1, a->kind);
  nudge_sql_bind_text (stmt, 2, a->direction == NUDGE_DIRECTION_IN ? "in" : "out");
  sqlite3_bind_int64 (stmt, 3, a->occurred_at != 0 ? a->occurred_at : now);
  nudge_sql_bind_id (stmt, 4, a->contact_id);
  nudge_sql_bind_id (stmt, 5, a->deal_id);
  nudge_sql_bind_id (stmt, 6, a->company_id);
  nudge_sql_bind_text (stmt, 7, a->summary);
  nudge_sql_bind_text (stmt, 8, a->body);
  nudge_sql_bind_text (stmt, 9, a->origin);
  sqlite3_bind_int64 (stmt, 10, now);
  if (!nudge_store_step_done (self, stmt, error))
    return 0;

  a->id = sqlite3_last_insert_rowid (self->db);
  if (a->occurred_at == 0)
    a->occurred_at = now;
  a->created_at = now;

  nudge_store_queue_change (self, NUDGE_ENTITY_ACTIVITY, a->id, NUDGE_CHANGE_ADDED);
  /* The triggers moved "last activity" of the deal and the contact. */
  if (a->deal_id > 0)
    nudge_store_queue_change (self, NUDGE_ENTITY_DEAL, a->deal_id, NUDGE_CHANGE_UPDATED);
  if (a->contact_id > 0)
    nudge_store_queue_change (self, NUDGE_ENTITY_CONTACT, a->contact_id, NUDGE_CHANGE_UPDATED);
  if (a->company_id > 0)
    nudge_store_queue_change (self, NUDGE_ENTITY_COMPANY, a->company_id, NUDGE_CHANGE_UPDATED);
  return a->id;
}

GPtrArray *
nudge_store_list_activities (NudgeStore  *self,
                             NudgeEntity  owner,
                             gint64       owner_id,
                             GError     **error)
{
  static char deal_sql[sizeof ACTIVITY_SELECT + 64];
  static char contact_sql[sizeof ACTIVITY_SELECT + 64];
  static char company_sql[sizeof ACTIVITY_SELECT + 160];
  sqlite3_stmt *stmt;
  const char *sql;

  if (deal_sql[0] == '\0')
    {
      g_snprintf (deal_sql, sizeof deal_sql, "%sWHERE a.deal_id = ? ORDER BY a.occurred_at DESC, a.id DESC", ACTIVITY_SELECT);
      g_snprintf (contact_sql, sizeof contact_sql, "%sWHERE a.contact_id = ? ORDER BY a.occurred_at DESC, a.id DESC", ACTIVITY_SELECT);
      g_snprintf (company_sql, sizeof company_sql,
                  "%sWHERE a.company_id = ?1 OR a.contact_id IN (SELECT id FROM contact WHERE company_id = ?1)"
                  " ORDER BY a.occurred_at DESC, a.id DESC", ACTIVITY_SELECT);
    }

  switch (owner)
    {
    case NUDGE_ENTITY_DEAL:    sql = deal_sql; break;
    case NUDGE_ENTITY_CONTACT: sql = contact_sql; break;
    case NUDGE_ENTITY_COMPANY: sql = company_sql; break;
    default: g_return_val_if_reached (NULL);
    }

  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, owner_id);
  return collect_rows (self, stmt, (RowReader) read_activity, error);
}

/* ---- follow-ups ------------------------------------------------------- */

gint64
nudge_store_save_followup (NudgeStore     *self,
                           NudgeFollowup  *followup,
                           GError        **error)
{
  static const char insert_sql[] =
    "INSERT INTO followup (uid, title, kind, notes, due_at, all_day, tzid, duration_min,"
    " remind_before_min, priority, status, done_at, snoozed_until, deal_id, contact_id, rrule,"
    " exdates, sequence, origin, next_at, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?21)";
  static const char update_sql[] =
    "UPDATE followup SET title = ?2, kind = ?3, notes = ?4, due_at = ?5, all_day = ?6, tzid = ?7,"
    " duration_min = ?8, remind_before_min = ?9, priority = ?10, status = ?11, done_at = ?12,"
    " snoozed_until = ?13, deal_id = ?14, contact_id = ?15, rrule = ?16, exdates = ?17,"
    " sequence = ?18, origin = ?19, next_at = ?20, updated_at = ?21 WHERE id = ?22";
  NudgeFollowup *f = followup;
  sqlite3_stmt *stmt;
  gint64 now = nudge_clock_now ();
  gboolean is_new = f->id <= 0;
  gint64 old_deal = 0;

  g_return_val_if_fail (NUDGE_IS_STORE (self), 0);
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (followup), 0);

  if (!nudge_check_text (_("Title"), f->title, NUDGE_MAX_NAME_CHARS, TRUE, error) ||
      !nudge_check_text (_("Notes"), f->notes, NUDGE_MAX_NOTES_CHARS, FALSE, error) ||
      !check_reference (self, NUDGE_ENTITY_DEAL, f->deal_id, error) ||
      !check_reference (self, NUDGE_ENTITY_CONTACT, f->contact_id, error))
    return 0;
  if (f->due_at == 0)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("A follow-up needs a due date"));
      return 0;
    }
  if (f->duration_min < 0 || f->remind_before_min < 0)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("Duration and reminder lead time cannot be negative"));
      return 0;
    }

  if (f->uid == NULL || *f->uid == '\0')
    {
      g_autofree char *uuid = g_uuid_string_random ();

      g_free (f->uid);
      f->uid = g_strdup_printf ("%s@nudge", uuid);
    }
  if (f->kind == NULL || *f->kind == '\0')
    f->kind = g_strdup ("task");
  if (f->status == NULL || *f->status == '\0')
    f->status = g_strdup ("open");
  if (f->origin == NULL || *f->origin == '\0')
    f->origin = g_strdup ("manual");
  if (f->next_at == 0 && (f->rrule == NULL || *f->rrule == '\0'))
    f->next_at = f->snoozed_until > 0 ? f->snoozed_until : f->due_at;

  if (!is_new)
    {
      g_autoptr(NudgeFollowup) old = nudge_store_get_followup (self, f->id, error);

      if (old == NULL)
        return 0;
      old_deal = old->deal_id;
    }

  if (!(stmt = nudge_store_prepare (self, is_new ? insert_sql : update_sql, error)))
    return 0;
  if (is_new)
    nudge_sql_bind_text (stmt, 1, f->uid);
  nudge_sql_bind_text (stmt, 2, g_strstrip (f->title));
  nudge_sql_bind_text (stmt, 3, f->kind);
  nudge_sql_bind_text (stmt, 4, f->notes);
  sqlite3_bind_int64 (stmt, 5, f->due_at);
  sqlite3_bind_int (stmt, 6, f->all_day ? 1 : 0);
  nudge_sql_bind_text (stmt, 7, f->tzid);
  sqlite3_bind_int (stmt, 8, f->duration_min);
  sqlite3_bind_int (stmt, 9, f->remind_before_min);
  sqlite3_bind_int (stmt, 10, f->priority);
  nudge_sql_bind_text (stmt, 11, f->status);
  nudge_sql_bind_time (stmt, 12, f->done_at);
  nudge_sql_bind_time (stmt, 13, f->snoozed_until);
  nudge_sql_bind_id (stmt, 14, f->deal_id);
  nudge_sql_bind_id (stmt, 15, f->contact_id);
  nudge_sql_bind_text (stmt, 16, f->rrule);
  nudge_sql_bind_text (stmt, 17, f->exdates);
  sqlite3_bind_int (stmt, 18, f->sequence);
  nudge_sql_bind_text (stmt, 19, f->origin);
  nudge_sql_bind_time (stmt, 20, f->next_at);
  sqlite3_bind_int64 (stmt, 21, now);
  if (!is_new)
    sqlite3_bind_int64 (stmt, 22, f->id);
  if (!nudge_store_step_done (self, stmt, error))
    return 0;

  if (is_new)
    {
      f->id = sqlite3_last_insert_rowid (self->db);
      f->created_at = now;
    }
  f->updated_at = now;

  nudge_store_queue_change (self, NUDGE_ENTITY_FOLLOWUP, f->id,
                            is_new ? NUDGE_CHANGE_ADDED : NUDGE_CHANGE_UPDATED);
  /* The triggers moved "next follow-up" of the deal and the contact. */
  if (f->deal_id > 0)
    nudge_store_queue_change (self, NUDGE_ENTITY_DEAL, f->deal_id, NUDGE_CHANGE_UPDATED);
  if (old_deal > 0 && old_deal != f->deal_id)
    nudge_store_queue_change (self, NUDGE_ENTITY_DEAL, old_deal, NUDGE_CHANGE_UPDATED);
  if (f->contact_id > 0)
    nudge_store_queue_change (self, NUDGE_ENTITY_CONTACT, f->contact_id, NUDGE_CHANGE_UPDATED);
  return f->id;
}

NudgeFollowup *
nudge_store_get_followup (NudgeStore  *self,
                          gint64       id,
                          GError     **error)
{
  static char sql[sizeof NUDGE_FOLLOWUP_SELECT + 32];

  if (sql[0] == '\0')
    g_snprintf (sql, sizeof sql, "%sWHERE f.id = ?", NUDGE_FOLLOWUP_SELECT);
  return get_one (self, sql, id, (RowReader) nudge_store_read_followup, NUDGE_ENTITY_FOLLOWUP, error);
}

GPtrArray *
nudge_store_list_followups (NudgeStore  *self,
                            NudgeEntity  owner,
                            gint64       owner_id,
                            gboolean     open_only,
                            GError     **error)
{
  static char sqls[2][3][sizeof NUDGE_FOLLOWUP_SELECT + 128];
  static const char *const where[3] = {
    "WHERE f.deal_id = ?1",
    "WHERE f.contact_id = ?1",
    "WHERE 1",
  };
  sqlite3_stmt *stmt;
  int w;

  switch (owner)
    {
    case NUDGE_ENTITY_DEAL:    w = 0; break;
    case NUDGE_ENTITY_CONTACT: w = 1; break;
    default:                   w = 2; break;
    }

  if (sqls[open_only][w][0] == '\0')
    g_snprintf (sqls[open_only][w], sizeof sqls[open_only][w], "%s%s%s ORDER BY f.next_at, f.id",
                NUDGE_FOLLOWUP_SELECT, where[w], open_only ? " AND f.status = 'open'" : "");

  if (!(stmt = nudge_store_prepare (self, sqls[open_only][w], error)))
    return NULL;
  if (w < 2)
    sqlite3_bind_int64 (stmt, 1, owner_id);
  return collect_rows (self, stmt, (RowReader) nudge_store_read_followup, error);
}

/* ---- search ----------------------------------------------------------- */

/* The unicode61 tokenizer strips accents that Unicode decomposes (á, ř,
 * ó, ź…) but keeps the Polish "ł", which has none: so a typed "l" also
 * tries "ł", and "lodz" finds "Łódź". At most the first MAX_L_VARIANTS
 * l's of a term are varied, which bounds a term to 2^3 patterns. */
#define MAX_L_VARIANTS 3

/* One token pattern of the query: a whole token, or the start of one. */
typedef struct
{
  char     *text;    /* token characters only: no quote, no separator */
  gboolean  prefix;
} SearchTerm;

static void
search_term_clear (gpointer data)
{
  SearchTerm *term = data;

  g_free (term->text);
}

static void
append_term_variants (GString          *query,
                      const SearchTerm *term)
{
  const char *word = term->text;
  const char *star = term->prefix ? "*" : "";
  guint l_pos[MAX_L_VARIANTS];
  guint n_l = 0;

  for (guint i = 0; word[i] != '\0' && n_l < MAX_L_VARIANTS; i++)
    if (word[i] == 'l' || word[i] == 'L')
      l_pos[n_l++] = i;

  if (n_l == 0)
    {
      g_string_append_printf (query, "\"%s\"%s", word, star);
      return;
    }

  g_string_append_c (query, '(');
  for (guint mask = 0; mask < (1u << n_l); mask++)
    {
      guint next = 0;

      if (mask > 0)
        g_string_append (query, " OR ");
      g_string_append_c (query, '"');
      for (guint i = 0; word[i] != '\0'; i++)
        {
          if (next < n_l && l_pos[next] == i)
            {
              if (mask & (1u << next))
                g_string_append (query, "ł");
              else
                g_string_append_c (query, word[i]);
              next++;
            }
          else
            g_string_append_c (query, word[i]);
        }
      g_string_append_printf (query, "\"%s", star);
    }
  g_string_append_c (query, ')');
}

/* What the unicode61 tokenizer keeps in a token: letters, digits, marks. */
static gboolean
is_token_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) ||
         g_unichar_type (c) == G_UNICODE_PRIVATE_USE;
}

static gboolean
has_term (GArray           *terms,
          const SearchTerm *term)
{
  for (guint i = 0; i < terms->len; i++)
    {
      SearchTerm *other = &g_array_index (terms, SearchTerm, i);

      if (other->prefix == term->prefix && g_ascii_strcasecmp (other->text, term->text) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The token patterns of @text (see nudge_store_search()): its first
 * NUDGE_SEARCH_MAX_WORDS different words, split where the tokenizer
 * splits ("jan.novak@example": "jan", "novak", "example"), every part but
 * a word's last matched whole, the last as a prefix. The parts are
 * matched each on its own (AND), not as a phrase: a phrase of common
 * tokens that never occur in that order is a scan of every row holding
 * them, while an AND of tokens costs no more than its rarest token. */
static GArray *
collect_terms (const char *text)
{
  static const char separators[] = " \t\n\r,;";
  g_autoptr(GArray) terms = g_array_new (FALSE, FALSE, sizeof (SearchTerm));
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  gsize length = strnlen (text, NUDGE_SEARCH_MAX_BYTES);
  const char *end;
  const char *p = text;

  g_array_set_clear_func (terms, search_term_clear);

  /* Only the valid UTF-8 start of the text: a character cut at the
   * byte limit is left out. */
  g_utf8_validate_len (text, length, &end);

  while (p < end && words->len < NUDGE_SEARCH_MAX_WORDS)
    {
      const char *start;
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) part = g_string_new (NULL);
      g_autofree char *word = NULL;
      guint n_chars = 0;
      gboolean seen = FALSE;

      while (p < end && strchr (separators, *p) != NULL)
        p++;
      start = p;
      while (p < end && strchr (separators, *p) == NULL)
        p = g_utf8_next_char (p);
      if (p == start)
        continue;

      /* Repeated words count once */
      word = g_strndup (start, p - start);
      for (guint i = 0; i < words->len && !seen; i++)
        seen = g_ascii_strcasecmp (g_ptr_array_index (words, i), word) == 0;
      if (seen)
        continue;

      for (const char *c = start; c <= p; c = c < p ? g_utf8_next_char (c) : c + 1)
        {
          if (c < p && is_token_char (g_utf8_get_char (c)))
            {
              if (n_chars < NUDGE_SEARCH_MAX_WORD_CHARS)
                g_string_append_len (part, c, g_utf8_next_char (c) - c);
              n_chars++;
            }
          else if (part->len > 0)
            {
              if (parts->len < NUDGE_SEARCH_MAX_WORD_PARTS)
                g_ptr_array_add (parts, g_strdup (part->str));
              g_string_truncate (part, 0);
            }
        }

      /* A dash or a bracket on its own is no word */
      if (parts->len > 0)
        g_ptr_array_add (words, g_steal_pointer (&word));
      for (guint i = 0; i < parts->len; i++)
        {
          SearchTerm term = { g_ptr_array_index (parts, i), i + 1 == parts->len };

          if (!has_term (terms, &term))
            {
              term.text = g_strdup (term.text);
              g_array_append_val (terms, term);
            }
        }
    }
  return g_steal_pointer (&terms);
}

/* Turns what the user typed into an FTS5 query: an AND of token patterns,
 * each quoted so that FTS syntax in the input (AND, NEAR, *) is taken
 * literally. A prefix that starts another term of the query ("a" and
 * "anna") adds nothing and is left out: every prefix costs a pass over
 * the tokens it matches. So is a one-letter prefix before the last term:
 * it matches a good part of the book and costs the most. */
static char *
build_match_query (const char *text)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GArray) terms = collect_terms (text);

  for (guint i = 0; i < terms->len; i++)
    {
      SearchTerm *term = &g_array_index (terms, SearchTerm, i);
      gboolean implied = FALSE;

      if (term->prefix)
        {
          gsize len = strlen (term->text);

          for (guint j = 0; j < terms->len && !implied; j++)
            {
              SearchTerm *other = &g_array_index (terms, SearchTerm, j);

              implied = j != i && strlen (other->text) >= len &&
                        g_ascii_strncasecmp (other->text, term->text, len) == 0 &&
                        (strlen (other->text) > len || !other->prefix || j < i);
            }
          if (!implied && i + 1 < terms->len && g_utf8_strlen (term->text, -1) == 1)
            implied = TRUE;
        }
      if (implied)
        continue;
      /* Explicit AND: FTS5 does not take an implicit AND before a
       * parenthesised group of variants. */
      if (query->len > 0)
        g_string_append (query, " AND ");
      append_term_variants (query, term);
    }
  return query->len > 0 ? g_string_free (g_steal_pointer (&query), FALSE) : NULL;
}

GArray *
nudge_store_search (NudgeStore  *self,
                    NudgeEntity  entity,
                    const char  *text,
                    guint        limit,
                    GError     **error)
{
  static const char *const sqls[] = {
    "SELECT rowid FROM company_fts WHERE company_fts MATCH ?1 ORDER BY rank LIMIT ?2",
    "SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?1 ORDER BY rank LIMIT ?2",
    "SELECT rowid FROM deal_fts WHERE deal_fts MATCH ?1 ORDER BY rank LIMIT ?2",
    /* Unranked: for filtering a whole list, order does not matter and
     * skipping bm25 keeps one-letter prefixes fast. */
    "SELECT rowid FROM company_fts WHERE company_fts MATCH ?1 LIMIT ?2",
    "SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?1 LIMIT ?2",
    "SELECT rowid FROM deal_fts WHERE deal_fts MATCH ?1 LIMIT ?2",
  };
  g_autofree char *match = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (NUDGE_IS_STORE (self), NULL);
  g_return_val_if_fail (entity <= NUDGE_ENTITY_DEAL, NULL);

  match = build_match_query (text ? text : "");
  if (match == NULL)
    return g_steal_pointer (&ids);

  if (!(stmt = nudge_store_prepare (self, sqls[entity + (limit == 0 ? 3 : 0)], error)))
    return NULL;
  nudge_sql_bind_text (stmt, 1, match);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      nudge_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

GStrv
nudge_store_list_lost_reasons (NudgeStore *self)
{
  static const char sql[] = "SELECT name FROM lost_reason ORDER BY position, id";
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  if ((stmt = nudge_store_prepare (self, sql, NULL)))
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return g_strv_builder_end (builder);
}

void
nudge_store_notify_reset (NudgeStore *self)
{
  g_autoptr(NudgeChangeSet) all = nudge_change_set_new_all ();

  g_return_if_fail (NUDGE_IS_STORE (self));

  nudge_store_emit_changes (self, all);
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
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->pending, nudge_change_set_unref);
  g_clear_pointer (&self->outer_pending, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (nudge_store_parent_class)->finalize (object);
}

static void
nudge_store_class_init (NudgeStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nudge_store_finalize;

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
