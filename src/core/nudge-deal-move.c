/* nudge-deal-move.c — moving a deal to another stage, and taking the
 * move back
 *
 * The deal's row is copied whole (SELECT *), before the move and as the
 * move left it: the columns that differ are what the move wrote, and
 * only those are checked and put back, so that what a rule or the
 * seller wrote since in other columns (a note, the temperature, the
 * next follow-up) stays.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-pipeline"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-automation.h"
#include "nudge-clock.h"
#include "nudge-deal-move.h"
#include "nudge-followups.h"
#include "nudge-followups-undo.h"
#include "nudge-store-private.h"
#include "nudge-transaction.h"

struct _NudgeDealMove
{
  gint64          deal_id;
  gint64          to_stage;
  GStrv           columns;        /* of the deal table, as SELECT * gave them */
  guint           n_columns;
  sqlite3_value **before;
  sqlite3_value **after;
  GArray         *stage_changes;  /* gint64: the history rows the move added */
  NudgeFollowupsUndo *followups;  /* the open follow-ups closing cancelled, or NULL */
  gboolean        undone;
};

#define DEAL_ROW_SQL "SELECT * FROM deal WHERE id = ? AND trashed_at IS NULL"

/* The deal's row as it is now; NULL when it is not there (or in the
 * trash). */
static sqlite3_value **
read_row (NudgeStore     *store,
          NudgeDealMove  *move,
          GError        **error)
{
  return nudge_sql_row_copy (store, DEAL_ROW_SQL, move->deal_id,
                             NUDGE_ENTITY_DEAL, &move->columns, &move->n_columns, error);
}

static gboolean
last_stage_change (NudgeStore     *store,
                   NudgeDealMove  *move,
                   gint64         *out_id,
                   GError        **error)
{
  return nudge_store_lookup_checked (store, "SELECT MAX(id) FROM stage_change WHERE deal_id = ?1", move->deal_id,
                                     NULL, out_id, error);
}

/* Winning a deal can move it twice (to the stage asked for, then to the
 * pipeline's first won stage): every history row it added is kept. */
static gboolean
collect_stage_changes (NudgeStore     *store,
                       NudgeDealMove  *move,
                       gint64          after_id,
                       GError        **error)
{
  sqlite3_stmt *stmt = nudge_store_prepare (store, "SELECT id FROM stage_change WHERE deal_id = ? AND id > ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, move->deal_id);
  sqlite3_bind_int64 (stmt, 2, after_id);
  return nudge_store_append_ids (store, stmt, move->stage_changes, error);
}

/* What nudge_deal_move() writes: the filled fields, the stage, and the
 * status of a won or lost stage */
typedef struct
{
  gint64      deal_id;
  gint64      stage_id;
  NudgeDeal  *filled;
  const char *lost_reason;
  NudgeDealMoveFlags  flags;
  NudgeFollowupsUndo *followups;  /* out: what cancelling them changed */
} StageMove;

#define OPEN_FOLLOWUPS_SQL "SELECT id FROM followup WHERE deal_id = ? AND status = 'open' ORDER BY id"

/* Closing cancels the deal's open follow-ups before the rules react to
 * the close: the follow-ups the won-deal rule plans after a win are
 * written later, and stay. */
static gboolean
cancel_open_followups (NudgeStore  *store,
                       StageMove   *stage_move,
                       GError     **error)
{
  return nudge_deal_cancel_open_followups (store, stage_move->deal_id, &stage_move->followups, error) >= 0;
}

static gboolean
write_stage_move (NudgeStore  *store,
                  gpointer     data,
                  GError     **error)
{
  StageMove *stage_move = data;
  g_autoptr(NudgeStage) stage = NULL;
  NudgeDealStatus status = NUDGE_DEAL_OPEN;

  if (!(stage = nudge_store_get_stage (store, stage_move->stage_id, error)))
    return FALSE;
  if (g_strcmp0 (nudge_stage_get_kind (stage), "won") == 0)
    status = NUDGE_DEAL_WON;
  else if (g_strcmp0 (nudge_stage_get_kind (stage), "lost") == 0)
    status = NUDGE_DEAL_LOST;

  return (stage_move->filled == NULL || nudge_store_save_deal (store, stage_move->filled, error) > 0) &&
         nudge_store_move_deal_to_stage (store, stage_move->deal_id, stage_move->stage_id, error) &&
         (status == NUDGE_DEAL_OPEN ||
          nudge_store_set_deal_status (store, stage_move->deal_id, status, stage_move->lost_reason, error)) &&
         (status == NUDGE_DEAL_OPEN || !(stage_move->flags & NUDGE_DEAL_MOVE_CANCEL_FOLLOWUPS) ||
          cancel_open_followups (store, stage_move, error));
}

/* The row before, what @write changes, the row after and the history
 * rows it added */
static gboolean
write_recorded (NudgeStore     *store,
                NudgeDealMove  *move,
                NudgeWriteFunc  write,
                gpointer        data,
                GError        **error)
{
  gint64 last_change = 0;

  return (move->before = read_row (store, move, error)) != NULL &&
         last_stage_change (store, move, &last_change, error) &&
         write (store, data, error) &&
         (move->after = read_row (store, move, error)) != NULL &&
         collect_stage_changes (store, move, last_change, error);
}

/* Nothing wrote what the move wrote since. */
static gboolean
check_unchanged (NudgeStore     *store,
                 NudgeDealMove  *move,
                 GError        **error)
{
  return nudge_sql_check_written (store, DEAL_ROW_SQL, move->deal_id, NUDGE_ENTITY_DEAL, move->columns,
                                  move->n_columns, move->before, move->after,
                                  _("The deal was changed since; undoing would lose that change"), error);
}

static gboolean
remove_stage_changes (NudgeStore     *store,
                      NudgeDealMove  *move,
                      GError        **error)
{
  for (guint i = 0; i < move->stage_changes->len; i++)
    if (!nudge_store_exec_ids (store, "DELETE FROM stage_change WHERE id = ?1 AND deal_id = ?2",
                               g_array_index (move->stage_changes, gint64, i), move->deal_id, error))
      return FALSE;
  return TRUE;
}

static gboolean
restore_row (NudgeStore     *store,
             NudgeDealMove  *move,
             GError        **error)
{
  gint64 company_before = nudge_sql_row_int (move->columns, move->before, "company_id");
  gint64 company_after = nudge_sql_row_int (move->columns, move->after, "company_id");

  if (!nudge_sql_write_back (store, "deal", move->columns, move->before, move->after, NULL, move->deal_id, error))
    return FALSE;

  nudge_store_queue_change (store, NUDGE_ENTITY_DEAL, move->deal_id, NUDGE_CHANGE_UPDATED);
  /* A company's figures count its won deals. */
  if (company_before > 0)
    nudge_store_queue_change (store, NUDGE_ENTITY_COMPANY, company_before, NUDGE_CHANGE_UPDATED);
  if (company_after > 0 && company_after != company_before)
    nudge_store_queue_change (store, NUDGE_ENTITY_COMPANY, company_after, NUDGE_CHANGE_UPDATED);
  return TRUE;
}

/* The time a column of the row was set to, when the change set it
 * (0 when it left it as it was) */
static gint64
time_set (NudgeDealMove *move,
          const char    *column)
{
  gint64 after = nudge_sql_row_int (move->columns, move->after, column);

  return after != nudge_sql_row_int (move->columns, move->before, column) ? after : 0;
}

static gboolean
undo_write_cb (NudgeStore  *store,
               gpointer     data,
               GError     **error)
{
  NudgeDealMove *move = data;
  int status = nudge_sql_column_index (move->columns, "status");
  gboolean won = status >= 0 &&
                 g_strcmp0 ((const char *) sqlite3_value_text (move->after[status]), "won") == 0;
  gint64 entered_at = time_set (move, "stage_entered_at");
  gint64 won_at = won ? time_set (move, "closed_at") : 0;

  /* A change that left the deal in its stage took no rule's reaction
   * to the move that put it there. */
  return check_unchanged (store, move, error) &&
         ((entered_at == 0 && won_at == 0) ||
          nudge_rules_take_back_move (store, move->deal_id, entered_at, won_at, error)) &&
         remove_stage_changes (store, move, error) &&
         restore_row (store, move, error) &&
         (move->followups == NULL || nudge_followups_undo_write (store, move->followups, error));
}

static void
clear_move (gpointer data)
{
  NudgeDealMove *move = data;

  nudge_sql_values_free (move->before, move->n_columns);
  nudge_sql_values_free (move->after, move->n_columns);
  g_strfreev (move->columns);
  g_clear_pointer (&move->stage_changes, g_array_unref);
  g_clear_pointer (&move->followups, nudge_followups_undo_free);
}

NudgeDealMove *
nudge_deal_move (NudgeStore  *store,
                 gint64       deal_id,
                 gint64       stage_id,
                 NudgeDeal   *filled,
                 const char  *lost_reason,
                 GError     **error)
{
  return nudge_deal_move_full (store, deal_id, stage_id, filled, lost_reason, NUDGE_DEAL_MOVE_DEFAULT, error);
}

NudgeDealMove *
nudge_deal_move_full (NudgeStore          *store,
                      gint64               deal_id,
                      gint64               stage_id,
                      NudgeDeal           *filled,
                      const char          *lost_reason,
                      NudgeDealMoveFlags   flags,
                      GError             **error)
{
  StageMove stage_move = { deal_id, stage_id, filled, lost_reason, flags, NULL };
  NudgeDealMove *move;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);
  g_return_val_if_fail (filled == NULL || nudge_deal_get_id (filled) == deal_id, NULL);

  /* The stage asked for, though winning may end in another won stage */
  if ((move = nudge_deal_move_record (store, deal_id, write_stage_move, &stage_move, error)) != NULL)
    {
      move->to_stage = stage_id;
      nudge_deal_move_take_followups (move, g_steal_pointer (&stage_move.followups));
    }
  g_clear_pointer (&stage_move.followups, nudge_followups_undo_free);
  return move;
}

int
nudge_deal_count_open_followups (NudgeStore  *store,
                                 gint64       deal_id,
                                 GError     **error)
{
  gint64 count = 0;

  g_return_val_if_fail (NUDGE_IS_STORE (store), -1);

  if (!nudge_store_lookup_checked (store, "SELECT COUNT(*) FROM followup WHERE deal_id = ?1 AND status = 'open'",
                                   deal_id, NULL, &count, error))
    return -1;
  return (int) count;
}

/**
 * nudge_deal_move_record:
 * @write: changes deal @deal_id (its fields, its stage, its status),
 *   queueing what it touched
 *
 * Runs @write in a transaction of its own (a savepoint inside one begun
 * already) and keeps the deal's row as it was and as @write left it, and
 * the stage history rows it added, for Undo.
 *
 * Returns: (transfer full): the change, or NULL with @error set when
 *   nothing was written
 */
NudgeDealMove *
nudge_deal_move_record (NudgeStore      *store,
                        gint64           deal_id,
                        NudgeWriteFunc   write,
                        gpointer         data,
                        GError         **error)
{
  g_autoptr(NudgeDealMove) move = NULL;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);
  g_return_val_if_fail (write != NULL, NULL);

  move = g_rc_box_new0 (NudgeDealMove);
  move->deal_id = deal_id;
  move->stage_changes = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!nudge_store_begin (store, error))
    return NULL;
  if (!nudge_store_end (store, write_recorded (store, move, write, data, error), error))
    return NULL;
  move->to_stage = nudge_sql_row_int (move->columns, move->after, "stage_id");
  return g_steal_pointer (&move);
}

NudgeDealMove *
nudge_deal_move_ref (NudgeDealMove *move)
{
  g_return_val_if_fail (move != NULL, NULL);

  return g_rc_box_acquire (move);
}

void
nudge_deal_move_unref (NudgeDealMove *move)
{
  if (move != NULL)
    g_rc_box_release_full (move, clear_move);
}

gint64
nudge_deal_move_get_deal_id (NudgeDealMove *move)
{
  g_return_val_if_fail (move != NULL, 0);

  return move->deal_id;
}

gint64
nudge_deal_move_get_from_stage (NudgeDealMove *move)
{
  g_return_val_if_fail (move != NULL, 0);

  return nudge_sql_row_int (move->columns, move->before, "stage_id");
}

gint64
nudge_deal_move_get_to_stage (NudgeDealMove *move)
{
  g_return_val_if_fail (move != NULL, 0);

  return move->to_stage;
}

gboolean
nudge_deal_move_is_undone (NudgeDealMove *move)
{
  g_return_val_if_fail (move != NULL, FALSE);

  return move->undone;
}

void
nudge_deal_move_take_followups (NudgeDealMove      *move,
                                NudgeFollowupsUndo *followups)
{
  g_return_if_fail (move != NULL);

  g_clear_pointer (&move->followups, nudge_followups_undo_free);
  move->followups = followups;
}

/**
 * nudge_deal_cancel_open_followups:
 * @out_undo: (out) (optional): the follow-ups as they were and as
 *   cancelling left them, for Undo; NULL when there were none
 *
 * Cancels the open follow-ups of deal @deal_id in one transaction (a
 * savepoint inside the caller's): their reminders stop, Today drops
 * them. Returns how many, -1 with @error set.
 */
int
nudge_deal_cancel_open_followups (NudgeStore          *store,
                                  gint64               deal_id,
                                  NudgeFollowupsUndo **out_undo,
                                  GError             **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(NudgeFollowupsUndo) undo = NULL;
  sqlite3_stmt *stmt;
  gint64 now = nudge_clock_now ();

  g_return_val_if_fail (NUDGE_IS_STORE (store), -1);

  if (!(stmt = nudge_store_prepare (store, OPEN_FOLLOWUPS_SQL, error)))
    return -1;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  if (!nudge_store_append_ids (store, stmt, ids, error))
    return -1;
  if (ids->len == 0)
    return 0;

  if (!(undo = nudge_followups_undo_begin (store, (const gint64 *) ids->data, ids->len, error)))
    return -1;
  for (guint i = 0; i < ids->len; i++)
    if (!nudge_followups_mark_cancelled (store, g_array_index (ids, gint64, i), now, error))
      {
        nudge_followups_undo_end (store, g_steal_pointer (&undo), FALSE, NULL);
        return -1;
      }
  nudge_store_queue_change (store, NUDGE_ENTITY_DEAL, deal_id, NUDGE_CHANGE_UPDATED);
  if (!(undo = nudge_followups_undo_end (store, g_steal_pointer (&undo), TRUE, error)))
    return -1;
  if (out_undo != NULL)
    *out_undo = g_steal_pointer (&undo);
  return (int) ids->len;
}

guint
nudge_deal_move_get_n_cancelled (NudgeDealMove *move)
{
  g_return_val_if_fail (move != NULL, 0);

  return move->followups != NULL ? nudge_followups_undo_get_n_items (move->followups) : 0;
}

gboolean
nudge_deal_move_undo (NudgeStore     *store,
                      NudgeDealMove  *move,
                      GError        **error)
{
  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (move != NULL, FALSE);

  if (move->undone)
    return TRUE;
  if (!nudge_transaction_run (store, undo_write_cb, move, error))
    return FALSE;
  move->undone = TRUE;
  return TRUE;
}

/**
 * nudge_deal_move_take_back:
 *
 * As nudge_deal_move_undo(), inside the caller's transaction, which
 * holds it with other changes taken back (an import's).
 */
gboolean
nudge_deal_move_take_back (NudgeStore     *store,
                           NudgeDealMove  *move,
                           GError        **error)
{
  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (move != NULL, FALSE);

  return move->undone || undo_write_cb (store, move, error);
}
