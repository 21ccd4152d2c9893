/* nudge-store-trash.c — deleting records into the trash, restoring and emptying it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-store"

#include "config.h"

#include "nudge-clock.h"
#include "nudge-store-internal.h"

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

  sql = g_strdup_printf ("UPDATE %s SET trashed_at = ? WHERE id = ?", nudge_entity_tables[entity]);

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
  return nudge_store_commit_or_rollback (self, error);
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
gboolean
nudge_store_delete_old_trash (NudgeStore  *self,
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
  if (!nudge_store_delete_old_trash (self, older_than, error))
    {
      nudge_store_rollback (self);
      return FALSE;
    }
  return nudge_store_commit_or_rollback (self, error);
}
