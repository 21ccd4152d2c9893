/* nudge-store-statements.c — the statement cache, binding and reading columns, errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "nudge-clock.h"
#include "nudge-store-internal.h"

const char *const nudge_entity_tables[NUDGE_N_ENTITIES] = {
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

/* Whether two copied values (sqlite3_value_dup()) hold the same. */
gboolean
nudge_sql_values_equal (sqlite3_value *a,
                        sqlite3_value *b)
{
  int type = sqlite3_value_type (a);

  if (type != sqlite3_value_type (b))
    return FALSE;
  switch (type)
    {
    case SQLITE_NULL:
      return TRUE;
    case SQLITE_INTEGER:
      return sqlite3_value_int64 (a) == sqlite3_value_int64 (b);
    case SQLITE_FLOAT:
      return sqlite3_value_double (a) == sqlite3_value_double (b);
    default:
      /* An empty text or blob has no pointer to compare. */
      return sqlite3_value_bytes (a) == sqlite3_value_bytes (b) &&
             (sqlite3_value_bytes (a) == 0 ||
              memcmp (sqlite3_value_blob (a), sqlite3_value_blob (b), sqlite3_value_bytes (a)) == 0);
    }
}

/* Whether row @a holds what row @b held, in each of their @n columns;
 * a row that is not there (NULL) is never the same. */
gboolean
nudge_sql_rows_equal (sqlite3_value **a,
                      sqlite3_value **b,
                      guint           n)
{
  if (a == NULL || b == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!nudge_sql_values_equal (a[i], b[i]))
      return FALSE;
  return TRUE;
}

sqlite3_value **
nudge_sql_values_dup (sqlite3_stmt *stmt,
                      guint         n)
{
  sqlite3_value **values = g_new0 (sqlite3_value *, n);

  for (guint i = 0; i < n; i++)
    values[i] = sqlite3_value_dup (sqlite3_column_value (stmt, i));
  return values;
}

void
nudge_sql_values_free (sqlite3_value **values,
                       guint           n)
{
  if (values == NULL)
    return;
  for (guint i = 0; i < n; i++)
    sqlite3_value_free (values[i]);
  g_free (values);
}

sqlite3_value **
nudge_sql_row_dup (sqlite3_stmt  *stmt,
                   GStrv         *columns,
                   guint         *n_columns)
{
  if (*columns == NULL)
    {
      *n_columns = sqlite3_column_count (stmt);
      *columns = g_new0 (char *, *n_columns + 1);
      for (guint i = 0; i < *n_columns; i++)
        (*columns)[i] = g_strdup (sqlite3_column_name (stmt, i));
    }
  return nudge_sql_values_dup (stmt, *n_columns);
}

gboolean
nudge_sql_write_back (NudgeStore      *store,
                      const char      *table,
                      GStrv            columns,
                      sqlite3_value  **before,
                      sqlite3_value  **after,
                      const char      *also,
                      gint64           id,
                      GError         **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GArray) bound = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *also_column = also != NULL ? g_strndup (also, strcspn (also, " =")) : NULL;
  sqlite3_stmt *stmt;

  g_string_printf (sql, "UPDATE %s SET %s%supdated_at = ?1", table, also ? also : "", also ? ", " : "");
  for (guint i = 0; columns[i] != NULL; i++)
    {
      const char *name = columns[i];

      if (g_str_equal (name, "id") || g_str_equal (name, "updated_at") || g_strcmp0 (name, also_column) == 0 ||
          nudge_sql_values_equal (before[i], after[i]))
        continue;
      g_array_append_val (bound, i);
      g_string_append_printf (sql, ", \"%s\" = ?%u", name, bound->len + 1);
    }
  g_string_append_printf (sql, " WHERE id = ?%u", bound->len + 2);
  if (!(stmt = nudge_store_prepare (store, sql->str, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, nudge_clock_now ());
  for (guint b = 0; b < bound->len; b++)
    sqlite3_bind_value (stmt, b + 2, before[g_array_index (bound, guint, b)]);
  sqlite3_bind_int64 (stmt, bound->len + 2, id);
  return nudge_store_step_done (store, stmt, error);
}

int
nudge_sql_column_index (GStrv       columns,
                        const char *name)
{
  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    if (g_str_equal (columns[i], name))
      return i;
  return -1;
}

gboolean
nudge_sql_written_unchanged (GStrv            columns,
                             guint            n_columns,
                             sqlite3_value  **before,
                             sqlite3_value  **after,
                             sqlite3_value  **now)
{
  if (now == NULL)
    return FALSE;
  for (guint i = 0; i < n_columns; i++)
    if (!g_str_equal (columns[i], "updated_at") && !nudge_sql_values_equal (before[i], after[i]) &&
        !nudge_sql_values_equal (now[i], after[i]))
      return FALSE;
  return TRUE;
}

gint64
nudge_sql_row_int (GStrv           columns,
                   sqlite3_value **values,
                   const char     *name)
{
  int i = nudge_sql_column_index (columns, name);

  return i >= 0 && values != NULL ? sqlite3_value_int64 (values[i]) : 0;
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
      if (nudge_store_other_is_writing (self))
        g_set_error_literal (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_LOCKED,
                             _("Nudge is still saving an earlier change; try again in a moment"));
      else
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

/* After a loop of sqlite3_step() that ended with @rc: resets @stmt, and
 * turns an end other than SQLITE_DONE into @error. */
gboolean
nudge_store_rows_done (NudgeStore    *self,
                       sqlite3_stmt  *stmt,
                       int            rc,
                       GError       **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nudge_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Steps @stmt to its end, handing each row to @func; then as
 * nudge_store_rows_done(). */
gboolean
nudge_store_each_row (NudgeStore    *self,
                      sqlite3_stmt  *stmt,
                      NudgeRowFunc   func,
                      gpointer       user_data,
                      GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (stmt, user_data);
  return nudge_store_rows_done (self, stmt, rc, error);
}

static void
append_id (sqlite3_stmt *stmt,
           gpointer      user_data)
{
  GArray *ids = user_data;
  gint64 id = sqlite3_column_int64 (stmt, 0);

  g_array_append_val (ids, id);
}

/* Steps @stmt to its end, appending the first column of each row to @ids
 * (of gint64); then as nudge_store_rows_done(). */
gboolean
nudge_store_append_ids (NudgeStore    *self,
                        sqlite3_stmt  *stmt,
                        GArray        *ids,
                        GError       **error)
{
  return nudge_store_each_row (self, stmt, append_id, ids, error);
}

/* The first column of every row @sql finds, as texts; a failed query
 * reads as none (a list to choose from is then empty, not an error). */
GStrv
nudge_store_list_texts (NudgeStore *self,
                        const char *sql)
{
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

/* Runs @sql, a statement that returns no rows, with ?1 bound to @id and,
 * when it has a second parameter, ?2 to @other. */
gboolean
nudge_store_exec_ids (NudgeStore  *self,
                      const char  *sql,
                      gint64       id,
                      gint64       other,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, other);
  return nudge_store_step_done (self, stmt, error);
}

/* The first column of the first row @sql finds, with ?1 bound to @text
 * when it is not NULL, else to @id (a query with no parameter ignores
 * both), in *@out_value (0 when it finds none); FALSE with @error set
 * when the query fails, which a value of 0 alone cannot tell. */
gboolean
nudge_store_lookup_checked (NudgeStore  *self,
                            const char  *sql,
                            gint64       id,
                            const char  *text,
                            gint64      *out_value,
                            GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *out_value = 0;
  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return FALSE;
  if (text != NULL)
    nudge_sql_bind_text (stmt, 1, text);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_value = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    nudge_store_set_sqlite_error (self, rc, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* As nudge_store_lookup_checked(), for a caller to whom a failure is
 * as good as finding none: 0 then (with @error set). */
gint64
nudge_store_lookup (NudgeStore  *self,
                    const char  *sql,
                    gint64       id,
                    const char  *text,
                    GError     **error)
{
  gint64 value;

  nudge_store_lookup_checked (self, sql, id, text, &value, error);
  return value;
}

/* Runs a saver's INSERT (when *@id is 0) or UPDATE of the row *@id and
 * announces the row: sets *@id to the new row's id, and fails with "not
 * found" when the UPDATE met no row. */
gboolean
nudge_store_step_save (NudgeStore    *self,
                       sqlite3_stmt  *stmt,
                       NudgeEntity    entity,
                       gint64        *id,
                       GError       **error)
{
  gboolean is_new = *id <= 0;

  if (!nudge_store_step_done (self, stmt, error))
    return FALSE;
  if (is_new)
    *id = sqlite3_last_insert_rowid (self->db);
  else if (sqlite3_changes (self->db) == 0)
    {
      nudge_store_set_not_found (error, entity, *id);
      return FALSE;
    }
  nudge_store_queue_change (self, entity, *id, is_new ? NUDGE_CHANGE_ADDED : NUDGE_CHANGE_UPDATED);
  return TRUE;
}

gboolean
nudge_store_step_done (NudgeStore    *self,
                       sqlite3_stmt  *stmt,
                       GError       **error)
{
  int rc;

  /* A single write outside a transaction asks here what
   * nudge_store_begin() asks of the others. */
  if (self->tx_depth == 0 && !sqlite3_stmt_readonly (stmt) &&
      !nudge_store_check_writable (self, error))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      nudge_store_set_sqlite_error (self, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

GPtrArray *
nudge_store_collect_rows (NudgeStore      *self,
                          sqlite3_stmt    *stmt,
                          NudgeRowReader   reader,
                          GError         **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, reader (stmt));
  if (!nudge_store_rows_done (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&rows);
}

void
nudge_store_set_not_found (GError      **error,
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

/* @sql with @id bound as ?1, stepped onto its row; NULL (with @error
 * set) when there is none. Reset it once the row is read. */
static sqlite3_stmt *
step_to_row (NudgeStore   *self,
             const char   *sql,
             gint64        id,
             NudgeEntity   entity,
             GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return stmt;
  if (rc == SQLITE_DONE)
    nudge_store_set_not_found (error, entity, id);
  else
    nudge_store_set_sqlite_error (self, rc, error);
  sqlite3_reset (stmt);
  return NULL;
}

gpointer
nudge_store_get_one (NudgeStore      *self,
                     const char      *sql,
                     gint64           id,
                     NudgeRowReader   reader,
                     NudgeEntity      entity,
                     GError         **error)
{
  sqlite3_stmt *stmt;
  gpointer row;

  if (!(stmt = step_to_row (self, sql, id, entity, error)))
    return NULL;
  row = reader (stmt);
  sqlite3_reset (stmt);
  return row;
}

sqlite3_value **
nudge_sql_row_copy (NudgeStore    *store,
                    const char    *sql,
                    gint64         id,
                    NudgeEntity    entity,
                    GStrv         *columns,
                    guint         *n_columns,
                    GError       **error)
{
  sqlite3_stmt *stmt;
  sqlite3_value **values;

  if (!(stmt = step_to_row (store, sql, id, entity, error)))
    return NULL;
  values = nudge_sql_row_dup (stmt, columns, n_columns);
  sqlite3_reset (stmt);
  return values;
}

gboolean
nudge_sql_check_written (NudgeStore      *store,
                         const char      *sql,
                         gint64           id,
                         NudgeEntity      entity,
                         GStrv            columns,
                         guint            n_columns,
                         sqlite3_value  **before,
                         sqlite3_value  **after,
                         const char      *changed_message,
                         GError         **error)
{
  GStrv known = columns;
  guint n = n_columns;
  sqlite3_value **now = nudge_sql_row_copy (store, sql, id, entity, &known, &n, error);
  gboolean same;

  if (now == NULL)
    return FALSE;
  same = nudge_sql_written_unchanged (columns, n_columns, before, after, now);
  nudge_sql_values_free (now, n_columns);
  if (!same)
    g_set_error_literal (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CHANGED, changed_message);
  return same;
}

gboolean
nudge_store_row_exists (NudgeStore *self,
                        NudgeEntity entity,
                        gint64      id)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?%s", nudge_entity_tables[entity],
                         entity <= NUDGE_ENTITY_DEAL ? " AND trashed_at IS NULL" : "");
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

gpointer
nudge_store_get_record (NudgeStore  *self,
                        NudgeEntity  entity,
                        gint64       id,
                        GError     **error)
{
  switch (entity)
    {
    case NUDGE_ENTITY_COMPANY: return nudge_store_get_company (self, id, error);
    case NUDGE_ENTITY_CONTACT: return nudge_store_get_contact (self, id, error);
    case NUDGE_ENTITY_DEAL:    return nudge_store_get_deal (self, id, error);
    default: g_return_val_if_reached (NULL);
    }
}

gboolean
nudge_store_check_reference (NudgeStore  *self,
                             NudgeEntity  entity,
                             gint64       id,
                             GError     **error)
{
  if (id <= 0 || nudge_store_row_exists (self, entity, id))
    return TRUE;
  nudge_store_set_not_found (error, entity, id);
  return FALSE;
}
