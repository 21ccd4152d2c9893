/* nudge-activity-log.c — one logged activity, and its Undo
 *
 * A call logged with one click must be as easy to take back. Logging
 * may also close the follow-up that asked for the call (and, for a
 * series, record the occurrence and move it to the next date), so the
 * open follow-ups of the deal or contact are copied row for row first,
 * and Undo writes the copies back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-activity-log"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-activity-log.h"
#include "nudge-followups.h"
#include "nudge-store-private.h"
#include "nudge-transaction.h"

typedef struct
{
  gint64          id;
  GStrv           columns;
  guint           n_values;
  sqlite3_value **values;
  GPtrArray      *occurrences;   /* sqlite3_value *[4] per row */
} FollowupCopy;

struct _NudgeActivityLog
{
  gint64     activity_id;
  GPtrArray *followups;   /* FollowupCopy */
};

static void
free_values (sqlite3_value **values,
             guint           n)
{
  for (guint i = 0; i < n; i++)
    sqlite3_value_free (values[i]);
  g_free (values);
}

static void
occurrence_free (gpointer data)
{
  free_values (data, 4);
}

static void
followup_copy_free (gpointer data)
{
  FollowupCopy *copy = data;

  g_strfreev (copy->columns);
  free_values (copy->values, copy->n_values);
  g_clear_pointer (&copy->occurrences, g_ptr_array_unref);
  g_free (copy);
}

static gboolean
copy_open_followups (NudgeStore        *store,
                     NudgeActivityLog  *log,
                     gint64             deal_id,
                     gint64             contact_id,
                     GError           **error)
{
  static const char sql[] =
    "SELECT * FROM followup WHERE status = 'open' AND ((?1 > 0 AND deal_id = ?1) OR (?2 > 0 AND contact_id = ?2))";
  static const char occurrences_sql[] =
    "SELECT followup_id, occurrence_at, status, done_at FROM followup_occurrence WHERE followup_id = ?";
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  sqlite3_bind_int64 (stmt, 2, contact_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      FollowupCopy *copy = g_new0 (FollowupCopy, 1);

      copy->n_values = sqlite3_column_count (stmt);
      copy->columns = g_new0 (char *, copy->n_values + 1);
      copy->values = g_new0 (sqlite3_value *, copy->n_values);
      for (guint i = 0; i < copy->n_values; i++)
        {
          copy->columns[i] = g_strdup (sqlite3_column_name (stmt, i));
          copy->values[i] = sqlite3_value_dup (sqlite3_column_value (stmt, i));
          if (g_str_equal (copy->columns[i], "id"))
            copy->id = sqlite3_column_int64 (stmt, i);
        }
      copy->occurrences = g_ptr_array_new_with_free_func (occurrence_free);
      g_ptr_array_add (log->followups, copy);
    }
  sqlite3_reset (stmt);

  for (guint f = 0; f < log->followups->len; f++)
    {
      FollowupCopy *copy = g_ptr_array_index (log->followups, f);

      if (!(stmt = nudge_store_prepare (store, occurrences_sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, copy->id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          sqlite3_value **row = g_new0 (sqlite3_value *, 4);

          for (guint i = 0; i < 4; i++)
            row[i] = sqlite3_value_dup (sqlite3_column_value (stmt, i));
          g_ptr_array_add (copy->occurrences, row);
        }
      sqlite3_reset (stmt);
    }
  return TRUE;
}

static gboolean
restore_followup (NudgeStore    *store,
                  FollowupCopy  *copy,
                  GError       **error)
{
  g_autoptr(GString) sql = g_string_new ("UPDATE followup SET ");
  sqlite3_stmt *stmt;

  for (guint i = 0; i < copy->n_values; i++)
    g_string_append_printf (sql, "%s\"%s\" = ?%u", i > 0 ? ", " : "", copy->columns[i], i + 1);
  g_string_append_printf (sql, " WHERE id = ?%u", copy->n_values + 1);
  if (!(stmt = nudge_store_prepare (store, sql->str, error)))
    return FALSE;
  for (guint i = 0; i < copy->n_values; i++)
    sqlite3_bind_value (stmt, i + 1, copy->values[i]);
  sqlite3_bind_int64 (stmt, copy->n_values + 1, copy->id);
  if (!nudge_store_step_done (store, stmt, error))
    return FALSE;

  if (!(stmt = nudge_store_prepare (store, "DELETE FROM followup_occurrence WHERE followup_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, copy->id);
  if (!nudge_store_step_done (store, stmt, error))
    return FALSE;
  for (guint r = 0; r < copy->occurrences->len; r++)
    {
      sqlite3_value **row = g_ptr_array_index (copy->occurrences, r);

      if (!(stmt = nudge_store_prepare (store, "INSERT INTO followup_occurrence (followup_id, occurrence_at, status, done_at)"
                                               " VALUES (?, ?, ?, ?)", error)))
        return FALSE;
      for (guint i = 0; i < 4; i++)
        sqlite3_bind_value (stmt, i + 1, row[i]);
      if (!nudge_store_step_done (store, stmt, error))
        return FALSE;
    }
  nudge_store_queue_change (store, NUDGE_ENTITY_FOLLOWUP, copy->id, NUDGE_CHANGE_UPDATED);
  return TRUE;
}

NudgeActivityLog *
nudge_activity_log_add (NudgeStore  *store,
                        gint64       deal_id,
                        gint64       contact_id,
                        const char  *kind,
                        gboolean     inbound,
                        gint64       at,
                        const char  *summary,
                        GError     **error)
{
  g_autoptr(NudgeActivityLog) log = g_new0 (NudgeActivityLog, 1);
  g_autoptr(NudgeActivity) activity = nudge_activity_new ();

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  log->followups = g_ptr_array_new_with_free_func (followup_copy_free);
  g_object_set (activity, "kind", kind, "direction", inbound ? NUDGE_DIRECTION_IN : NUDGE_DIRECTION_OUT,
                "deal-id", deal_id, "contact-id", contact_id, "occurred-at", at, "summary", summary, NULL);
  if (!nudge_store_begin (store, error))
    return NULL;
  if (!copy_open_followups (store, log, deal_id, contact_id, error) ||
      !(log->activity_id = nudge_store_add_activity (store, activity, error)) ||
      (!inbound && (deal_id > 0 || contact_id > 0) &&
       nudge_followups_close_matching (store, deal_id, contact_id, kind, error) < 0) ||
      !nudge_store_commit (store, error))
    {
      nudge_store_rollback (store);
      return NULL;
    }
  return g_steal_pointer (&log);
}

gint64
nudge_activity_log_get_id (NudgeActivityLog *log)
{
  g_return_val_if_fail (log != NULL, 0);

  return log->activity_id;
}

static gboolean
undo_log (NudgeStore  *store,
          gpointer     data,
          GError     **error)
{
  NudgeActivityLog *log = data;
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (store, "DELETE FROM activity WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, log->activity_id);
  if (!nudge_store_step_done (store, stmt, error))
    return FALSE;
  nudge_store_queue_change (store, NUDGE_ENTITY_ACTIVITY, log->activity_id, NUDGE_CHANGE_REMOVED);
  for (guint i = 0; i < log->followups->len; i++)
    if (!restore_followup (store, g_ptr_array_index (log->followups, i), error))
      return FALSE;
  return TRUE;
}

gboolean
nudge_activity_log_undo (NudgeStore        *store,
                         NudgeActivityLog  *log,
                         GError           **error)
{
  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (log != NULL, FALSE);

  return nudge_transaction_run (store, undo_log, log, error);
}

void
nudge_activity_log_free (NudgeActivityLog *log)
{
  if (log == NULL)
    return;
  g_clear_pointer (&log->followups, g_ptr_array_unref);
  g_free (log);
}
