/* nudge-followups-undo.c — taking back what was done to follow-ups
 *
 * Rows are copied whole (SELECT *), so a column added by a later
 * migration is put back too without this file knowing of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-followups"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-followups-undo.h"
#include "nudge-store-private.h"
#include "nudge-transaction.h"

typedef struct
{
  gint64          id;
  sqlite3_value **before;        /* NULL for a follow-up the change added */
  sqlite3_value **after;         /* as the change left it */
  GPtrArray      *occurrences;   /* sqlite3_value *[N_OCCURRENCE_COLUMNS] a row */
} RowCopy;

struct _NudgeFollowupsUndo
{
  gatomicrefcount ref_count;  /* the toast's, and a next-step question's */
  GStrv      columns;   /* of the followup table, as SELECT * gave them */
  guint      n_columns;
  GPtrArray *rows;      /* RowCopy */
  GArray    *created;   /* gint64 */
  gint64     last_activity;  /* the newest activity before the change */
  GArray    *touches;   /* gint64: the activities a Done logged */
};

#define N_OCCURRENCE_COLUMNS 4

static void
occurrence_row_free (gpointer data)
{
  nudge_sql_values_free (data, N_OCCURRENCE_COLUMNS);
}

static gboolean
fail_changed (GError **error)
{
  g_set_error_literal (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CHANGED,
                       _("The follow-up was changed since; undoing would lose that change"));
  return FALSE;
}

/* The row of follow-up @id as it is now; NULL when it is not there. */
static sqlite3_value **
read_row (NudgeStore          *store,
          NudgeFollowupsUndo  *undo,
          gint64               id,
          GError             **error)
{
  return nudge_store_copy_followup_row (store, id, &undo->columns, &undo->n_columns, error);
}

static gboolean
copy_occurrences (NudgeStore  *store,
                  RowCopy     *row,
                  GError     **error)
{
  sqlite3_stmt *stmt = nudge_store_prepare (store,
                                            "SELECT followup_id, occurrence_at, status, done_at"
                                            " FROM followup_occurrence WHERE followup_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (row->occurrences, nudge_sql_values_dup (stmt, N_OCCURRENCE_COLUMNS));
  sqlite3_reset (stmt);
  return TRUE;
}

static void
row_copy_free (gpointer data,
               gpointer user_data)
{
  NudgeFollowupsUndo *undo = user_data;
  RowCopy *row = data;

  nudge_sql_values_free (row->before, undo->n_columns);
  nudge_sql_values_free (row->after, undo->n_columns);
  g_clear_pointer (&row->occurrences, g_ptr_array_unref);
  g_free (row);
}

/* Follow-up @id's place in @undo, nothing read yet: the caller reads
 * its row before or after the change, whichever this copy keeps. */
static RowCopy *
add_row (NudgeFollowupsUndo *undo,
         gint64              id)
{
  RowCopy *row = g_new0 (RowCopy, 1);

  row->id = id;
  row->occurrences = g_ptr_array_new_with_free_func (occurrence_row_free);
  g_ptr_array_add (undo->rows, row);
  return row;
}

NudgeFollowupsUndo *
nudge_followups_undo_ref (NudgeFollowupsUndo *undo)
{
  g_return_val_if_fail (undo != NULL, NULL);

  g_atomic_ref_count_inc (&undo->ref_count);
  return undo;
}

void
nudge_followups_undo_free (NudgeFollowupsUndo *undo)
{
  if (undo == NULL || !g_atomic_ref_count_dec (&undo->ref_count))
    return;
  g_ptr_array_foreach (undo->rows, row_copy_free, undo);
  g_ptr_array_unref (undo->rows);
  g_array_unref (undo->created);
  g_array_unref (undo->touches);
  g_strfreev (undo->columns);
  g_free (undo);
}

NudgeFollowupsUndo *
nudge_followups_undo_copy (NudgeStore    *store,
                           const gint64  *ids,
                           guint          n_ids,
                           GError       **error)
{
  g_autoptr(NudgeFollowupsUndo) undo = g_new0 (NudgeFollowupsUndo, 1);

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  g_atomic_ref_count_init (&undo->ref_count);
  undo->rows = g_ptr_array_new ();
  undo->created = g_array_new (FALSE, FALSE, sizeof (gint64));
  undo->touches = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!nudge_store_lookup_checked (store, "SELECT MAX(id) FROM activity", 0, NULL, &undo->last_activity, error))
    return NULL;
  for (guint i = 0; i < n_ids; i++)
    {
      RowCopy *row = add_row (undo, ids[i]);

      if (!(row->before = read_row (store, undo, ids[i], error)) || !copy_occurrences (store, row, error))
        return NULL;
    }
  return g_steal_pointer (&undo);
}

NudgeFollowupsUndo *
nudge_followups_undo_begin (NudgeStore    *store,
                            const gint64  *ids,
                            guint          n_ids,
                            GError       **error)
{
  NudgeFollowupsUndo *undo;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  if (!nudge_store_begin (store, error))
    return NULL;
  if (!(undo = nudge_followups_undo_copy (store, ids, n_ids, error)))
    nudge_store_rollback (store);
  return undo;
}

void
nudge_followups_undo_add_created (NudgeFollowupsUndo *undo,
                                  gint64              id)
{
  g_return_if_fail (undo != NULL);

  for (guint i = 0; i < undo->rows->len; i++)
    if (((RowCopy *) g_ptr_array_index (undo->rows, i))->id == id)
      return;
  g_array_append_val (undo->created, id);
}

/* The newest activity each follow-up's change logged, by origin: one
 * look at the activities added since the copy (by rowid), not a scan of
 * the whole history per follow-up, which made Snooze All on thousands of
 * follow-ups in the 100k book take a minute and a half. */
static GHashTable *
new_touches (NudgeStore          *store,
             NudgeFollowupsUndo  *undo,
             GError             **error)
{
  g_autoptr(GHashTable) touches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = nudge_store_prepare (store,
                                            "SELECT origin, MAX(id) FROM activity"
                                            " WHERE id > ?1 AND origin IS NOT NULL GROUP BY origin", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, undo->last_activity);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 1);

      g_hash_table_insert (touches, nudge_sql_dup_text (stmt, 0), g_memdup2 (&id, sizeof id));
    }
  if (!nudge_store_rows_done (store, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&touches);
}

gboolean
nudge_followups_undo_seal (NudgeStore          *store,
                           NudgeFollowupsUndo  *undo,
                           GError             **error)
{
  g_autoptr(GHashTable) touches = NULL;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (undo != NULL, FALSE);

  for (guint i = 0; i < undo->created->len; i++)
    add_row (undo, g_array_index (undo->created, gint64, i));
  if (!(touches = new_touches (store, undo, error)))
    return FALSE;
  /* A follow-up the change removed (none does yet) has no "after": its
   * Undo would find it gone, and refuse. */
  for (guint i = 0; i < undo->rows->len; i++)
    {
      RowCopy *row = g_ptr_array_index (undo->rows, i);
      g_autofree char *origin = nudge_followups_touch_origin (row->id);
      gint64 *touch;

      if (!(row->after = read_row (store, undo, row->id, error)))
        return FALSE;
      /* The newest touch of this follow-up, when the change logged it. */
      if ((touch = g_hash_table_lookup (touches, origin)) != NULL)
        g_array_append_val (undo->touches, *touch);
    }
  return TRUE;
}

NudgeFollowupsUndo *
nudge_followups_undo_end (NudgeStore          *store,
                          NudgeFollowupsUndo  *undo,
                          gboolean             ok,
                          GError             **error)
{
  g_autoptr(NudgeFollowupsUndo) owned = undo;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);
  g_return_val_if_fail (undo != NULL, NULL);

  if (!nudge_store_end (store, ok && nudge_followups_undo_seal (store, undo, error), error))
    return NULL;
  return g_steal_pointer (&owned);
}

gint64
nudge_followups_undo_add_next_step (NudgeStore          *store,
                                    NudgeFollowupsUndo  *undo,
                                    gint64               done_id,
                                    NudgeNextStep        step,
                                    gint64               date,
                                    gboolean             skip_weekends,
                                    const char          *title,
                                    GError             **error)
{
  sqlite3_value **after = NULL;
  gint64 id;

  g_return_val_if_fail (NUDGE_IS_STORE (store), 0);
  g_return_val_if_fail (undo != NULL, 0);
  g_return_val_if_fail (step != NUDGE_NEXT_STEP_NONE, 0);

  /* The step and its copy land together: the record never names a
   * follow-up that a failed commit took back. */
  if (!nudge_store_begin (store, error))
    return 0;
  id = nudge_followups_add_next_step (store, done_id, step, date, skip_weekends, title, error);
  if (id == 0 || !(after = read_row (store, undo, id, error)) || !nudge_store_commit (store, error))
    {
      nudge_sql_values_free (after, undo->n_columns);
      nudge_store_rollback (store);
      return 0;
    }
  add_row (undo, id)->after = after;
  g_array_append_val (undo->created, id);
  return id;
}

guint
nudge_followups_undo_get_n_items (NudgeFollowupsUndo *undo)
{
  g_return_val_if_fail (undo != NULL, 0);

  return undo->rows->len - undo->created->len;
}

/* The row is as the change left it: nothing else wrote it since. */
static gboolean
check_unchanged (NudgeStore          *store,
                 NudgeFollowupsUndo  *undo,
                 RowCopy             *row,
                 GError             **error)
{
  g_autoptr(GError) lookup_error = NULL;
  sqlite3_value **now = read_row (store, undo, row->id, &lookup_error);
  gboolean same = nudge_sql_rows_equal (now, row->after, undo->n_columns);

  nudge_sql_values_free (now, undo->n_columns);
  return same || fail_changed (error);
}

static void
queue_changes (NudgeStore          *store,
               NudgeFollowupsUndo  *undo,
               RowCopy             *row)
{
  gint64 deal_id = nudge_sql_row_int (undo->columns, row->after, "deal_id");
  gint64 contact_id = nudge_sql_row_int (undo->columns, row->after, "contact_id");

  nudge_store_queue_change (store, NUDGE_ENTITY_FOLLOWUP, row->id, NUDGE_CHANGE_UPDATED);
  if (deal_id > 0)
    nudge_store_queue_change (store, NUDGE_ENTITY_DEAL, deal_id, NUDGE_CHANGE_UPDATED);
  if (contact_id > 0)
    nudge_store_queue_change (store, NUDGE_ENTITY_CONTACT, contact_id, NUDGE_CHANGE_UPDATED);
}

static gboolean
remove_created (NudgeStore          *store,
                NudgeFollowupsUndo  *undo,
                RowCopy             *row,
                GError             **error)
{
  return nudge_store_remove_followup_row (store, row->id, nudge_sql_row_int (undo->columns, row->after, "deal_id"),
                                          nudge_sql_row_int (undo->columns, row->after, "contact_id"), error);
}

/* The old row back; the sequence still grows, so that a calendar that
 * subscribed to the export takes the old time as the newer news. */
static gboolean
restore_row (NudgeStore          *store,
             NudgeFollowupsUndo  *undo,
             RowCopy             *row,
             GError             **error)
{
  sqlite3_stmt *stmt;

  if (!nudge_sql_write_back (store, "followup", undo->columns, row->before, row->after,
                             "sequence = sequence + 1", row->id, error))
    return FALSE;
  if (!(stmt = nudge_store_prepare (store, "DELETE FROM followup_occurrence WHERE followup_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  if (!nudge_store_step_done (store, stmt, error))
    return FALSE;
  for (guint r = 0; r < row->occurrences->len; r++)
    {
      sqlite3_value **values = g_ptr_array_index (row->occurrences, r);

      if (!(stmt = nudge_store_prepare (store, "INSERT INTO followup_occurrence"
                                               " (followup_id, occurrence_at, status, done_at)"
                                               " VALUES (?, ?, ?, ?)", error)))
        return FALSE;
      for (guint i = 0; i < N_OCCURRENCE_COLUMNS; i++)
        sqlite3_bind_value (stmt, i + 1, values[i]);
      if (!nudge_store_step_done (store, stmt, error))
        return FALSE;
    }
  queue_changes (store, undo, row);
  return TRUE;
}

gboolean
nudge_followups_undo_write (NudgeStore          *store,
                            NudgeFollowupsUndo  *undo,
                            GError             **error)
{
  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (undo != NULL, FALSE);

  for (guint i = 0; i < undo->rows->len; i++)
    if (!check_unchanged (store, undo, g_ptr_array_index (undo->rows, i), error))
      return FALSE;
  /* A Done's touch goes with it: the deal's last activity is what it was. */
  for (guint i = 0; i < undo->touches->len; i++)
    if (!nudge_store_remove_activity (store, g_array_index (undo->touches, gint64, i), error))
      return FALSE;
  for (guint i = 0; i < undo->rows->len; i++)
    {
      RowCopy *row = g_ptr_array_index (undo->rows, i);

      if (!(row->before != NULL ? restore_row (store, undo, row, error) : remove_created (store, undo, row, error)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
undo_write_cb (NudgeStore  *store,
               gpointer     data,
               GError     **error)
{
  return nudge_followups_undo_write (store, data, error);
}

gboolean
nudge_followups_undo (NudgeStore          *store,
                      NudgeFollowupsUndo  *undo,
                      GError             **error)
{
  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (undo != NULL, FALSE);

  return nudge_transaction_run (store, undo_write_cb, undo, error);
}
