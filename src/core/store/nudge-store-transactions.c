/* nudge-store-transactions.c — begin, commit, rollback and the change set they emit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nudge-clock.h"
#include "nudge-schema-private.h"
#include "nudge-store-internal.h"

#define TRASH_KEEP_SECONDS (30 * 24 * 3600)

/* ---- change notification and transactions ----------------------------- */

static void
emit_pending (NudgeStore *self)
{
  g_autoptr(NudgeChangeSet) batch = NULL;

  if (nudge_change_set_is_empty (self->pending))
    return;
  batch = g_steal_pointer (&self->pending);
  self->pending = nudge_change_set_new ();
  nudge_store_signal_changes (self, batch);
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
    self->data_version = nudge_store_read_data_version (self);

  /* Passed on as it is when nothing else is pending, so listeners can
   * tell whose change it was. */
  if (self->tx_depth == 0 && nudge_change_set_is_empty (self->pending))
    {
      if (!nudge_change_set_is_empty (changes))
        nudge_store_signal_changes (self, changes);
      return;
    }
  /* Not undone by a rollback of a savepoint of ours: kept with the
   * outermost level. */
  nudge_change_set_merge (self->outer_pending->len > 0 ? g_ptr_array_index (self->outer_pending, 0)
                                                       : self->pending, changes);
  if (self->tx_depth == 0)
    emit_pending (self);
}

/* How many of this process's connections (the main loop's, the
 * workers') hold the book's write lock now. */
static gint n_writing;

static void
set_writing (NudgeStore *self,
             gboolean    writing)
{
  if (self->writing == writing)
    return;
  self->writing = writing;
  if (writing)
    g_atomic_int_inc (&n_writing);
  else
    g_atomic_int_dec_and_test (&n_writing);
}

/* Whether the write lock another connection holds is one of ours (a
 * worker saving a long change), not another program's. */
gboolean
nudge_store_other_is_writing (NudgeStore *self)
{
  g_return_val_if_fail (NUDGE_IS_STORE (self), FALSE);

  return g_atomic_int_get (&n_writing) > (self->writing ? 1 : 0);
}

gboolean
nudge_store_begin (NudgeStore  *self,
                   GError     **error)
{
  g_return_val_if_fail (NUDGE_IS_STORE (self), FALSE);

  if (self->tx_depth == 0 && !nudge_store_check_writable (self, error))
    return FALSE;

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
  set_writing (self, TRUE);
  /* Housekeeping rides along with the first write, so opening a book
   * (and every read) never waits for another program's write lock. */
  if (!self->trash_purged && self->schema_version == nudge_schema_latest_version ())
    {
      self->trash_purged = TRUE;
      if (!nudge_store_delete_old_trash (self, nudge_clock_now () - TRASH_KEEP_SECONDS, NULL))
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
      set_writing (self, FALSE);
      nudge_change_set_clear (self->pending);
      return FALSE;
    }
  set_writing (self, FALSE);

  emit_pending (self);
  return TRUE;
}

gboolean
nudge_store_commit_or_rollback (NudgeStore  *self,
                                GError     **error)
{
  g_return_val_if_fail (NUDGE_IS_STORE (self), FALSE);

  if (nudge_store_commit (self, error))
    return TRUE;
  /* A failed top-level commit has rolled back already: a no-op then. */
  nudge_store_rollback (self);
  return FALSE;
}

gboolean
nudge_store_end (NudgeStore  *self,
                 gboolean     ok,
                 GError     **error)
{
  g_return_val_if_fail (NUDGE_IS_STORE (self), FALSE);

  if (!ok)
    {
      nudge_store_rollback (self);
      return FALSE;
    }
  return nudge_store_commit_or_rollback (self, error);
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
  set_writing (self, FALSE);
  nudge_change_set_clear (self->pending);
}

gboolean
nudge_store_begin_read (NudgeStore *self)
{
  g_return_val_if_fail (NUDGE_IS_STORE (self), FALSE);

  return sqlite3_get_autocommit (self->db) &&
         sqlite3_exec (self->db, "BEGIN DEFERRED", NULL, NULL, NULL) == SQLITE_OK;
}

void
nudge_store_end_read (NudgeStore *self)
{
  g_return_if_fail (NUDGE_IS_STORE (self));
  g_return_if_fail (self->tx_depth == 0);

  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
}

void
nudge_store_notify_reset (NudgeStore *self)
{
  g_autoptr(NudgeChangeSet) all = nudge_change_set_new_all ();

  g_return_if_fail (NUDGE_IS_STORE (self));

  nudge_store_emit_changes (self, all);
}
