/* nudge-stage-undo.c — taking back a change to a pipeline's stages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nudge-stage-undo"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-deal-move.h"
#include "nudge-pipeline.h"
#include "nudge-stage-undo.h"
#include "nudge-store-private.h"

/* A row of stage history that named a deleted stage, which the delete
 * left without it */
typedef struct
{
  gint64   row;
  gint64   stage;
  gboolean to;       /* to_stage, else from_stage */
} HistoryRef;

struct _NudgeStageUndo
{
  gint64     pipeline_id;
  GPtrArray *before;  /* of NudgeStage, in their order */
  GPtrArray *after;

  /* A delete: */
  char      *pipeline_name;   /* the pipeline's, when it went too */
  int        pipeline_position;
  GPtrArray *moves;           /* of NudgeDealMove: the deals the stage held */
  GArray    *trashed;         /* gint64: its deals in the trash, moved with them */
  gint64     trashed_from;
  gint64     trashed_to;
  GArray    *history;         /* of HistoryRef */
};

static gboolean
same_stage (NudgeStage *a,
            NudgeStage *b)
{
  return nudge_stage_get_id (a) == nudge_stage_get_id (b) &&
         nudge_stage_get_position (a) == nudge_stage_get_position (b) &&
         nudge_stage_get_probability (a) == nudge_stage_get_probability (b) &&
         nudge_stage_get_rotting_days (a) == nudge_stage_get_rotting_days (b) &&
         g_strcmp0 (nudge_stage_get_name (a), nudge_stage_get_name (b)) == 0 &&
         g_strcmp0 (nudge_stage_get_required_fields (a), nudge_stage_get_required_fields (b)) == 0 &&
         g_strcmp0 (nudge_stage_get_kind (a), nudge_stage_get_kind (b)) == 0;
}

static gboolean
same_stages (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!same_stage (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

static NudgeStage *
find_stage (GPtrArray *stages,
            gint64     id)
{
  for (guint i = 0; i < stages->len; i++)
    if (nudge_stage_get_id (g_ptr_array_index (stages, i)) == id)
      return g_ptr_array_index (stages, i);
  return NULL;
}

/* Runs @sql with @stage's ?1 id, ?2 pipeline, ?3 name, ?4 position,
 * ?5 probability, ?6 rotting days, ?7 required fields and ?8 kind, and
 * announces the stage as @change. */
static gboolean
put_stage (NudgeStore   *store,
           const char   *sql,
           NudgeStage   *stage,
           NudgeChange   change,
           GError      **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, nudge_stage_get_id (stage));
  sqlite3_bind_int64 (stmt, 2, nudge_stage_get_pipeline_id (stage));
  nudge_sql_bind_text (stmt, 3, nudge_stage_get_name (stage));
  sqlite3_bind_int (stmt, 4, nudge_stage_get_position (stage));
  sqlite3_bind_int (stmt, 5, nudge_stage_get_probability (stage));
  sqlite3_bind_int (stmt, 6, nudge_stage_get_rotting_days (stage));
  nudge_sql_bind_text (stmt, 7, nudge_stage_get_required_fields (stage));
  nudge_sql_bind_text (stmt, 8, nudge_stage_get_kind (stage));
  if (!nudge_store_step_done (store, stmt, error))
    return FALSE;
  nudge_store_queue_change (store, NUDGE_ENTITY_STAGE, nudge_stage_get_id (stage), change);
  return TRUE;
}

static gboolean
write_stage (NudgeStore  *store,
             NudgeStage  *stage,
             GError     **error)
{
  static const char sql[] =
    "UPDATE stage SET name = ?3, position = ?4, probability = ?5, rotting_days = ?6, required_fields = ?7,"
    " kind = ?8 WHERE id = ?1";

  return put_stage (store, sql, stage, NUDGE_CHANGE_UPDATED, error);
}

/* A stage the change deleted, back under its id */
static gboolean
insert_stage (NudgeStore  *store,
              NudgeStage  *stage,
              GError     **error)
{
  static const char sql[] =
    "INSERT INTO stage (id, pipeline_id, name, position, probability, rotting_days, required_fields, kind)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
  gint64 taken = 0;

  /* Its id given since to a stage of another pipeline */
  if (!nudge_store_lookup_checked (store, "SELECT COUNT(*) FROM stage WHERE id = ?1", nudge_stage_get_id (stage),
                                   NULL, &taken, error))
    return FALSE;
  if (taken > 0)
    {
      g_set_error_literal (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CHANGED,
                           _("The stages were changed since; undoing would lose that change"));
      return FALSE;
    }
  return put_stage (store, sql, stage, NUDGE_CHANGE_ADDED, error);
}

/* Removes the stages the change added, then writes the others back. */
static gboolean
put_back (NudgeStore      *store,
          NudgeStageUndo  *undo,
          GError         **error)
{
  g_autoptr(GPtrArray) now = NULL;

  if (!(now = nudge_store_list_stages (store, undo->pipeline_id, error)))
    return FALSE;
  if (!same_stages (now, undo->after))
    {
      g_set_error_literal (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CHANGED,
                           _("The stages were changed since; undoing would lose that change"));
      return FALSE;
    }
  for (guint i = 0; i < now->len; i++)
    {
      NudgeStage *stage = g_ptr_array_index (now, i);

      if (find_stage (undo->before, nudge_stage_get_id (stage)) != NULL)
        continue;
      if (nudge_stage_count_deals (store, nudge_stage_get_id (stage)) > 0)
        {
          g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CHANGED,
                       _("The stage “%s” holds deals now"), nudge_stage_get_name (stage));
          return FALSE;
        }
      if (!nudge_stage_delete (store, nudge_stage_get_id (stage), 0, error))
        return FALSE;
    }
  for (guint i = 0; i < undo->before->len; i++)
    {
      NudgeStage *stage = g_ptr_array_index (undo->before, i);
      NudgeStage *current = find_stage (now, nudge_stage_get_id (stage));

      /* Not there since the stages are as the change left them: deleted
       * by it. */
      if (current == NULL ? !insert_stage (store, stage, error)
                          : !same_stage (current, stage) && !write_stage (store, stage, error))
        return FALSE;
    }
  return TRUE;
}

/* The deals a deleted stage held and its stage history, back in it */
static gboolean
put_back_deals (NudgeStore      *store,
                NudgeStageUndo  *undo,
                GError         **error)
{
  static const char trashed_sql[] =
    "UPDATE deal SET stage_id = ?2 WHERE id = ?1 AND trashed_at IS NOT NULL AND stage_id = ?3";
  static const char from_sql[] = "UPDATE stage_change SET from_stage = ?2 WHERE id = ?1 AND from_stage IS NULL";
  static const char to_sql[] = "UPDATE stage_change SET to_stage = ?2 WHERE id = ?1 AND to_stage IS NULL";

  for (guint i = 0; undo->moves != NULL && i < undo->moves->len; i++)
    if (!nudge_deal_move_take_back (store, g_ptr_array_index (undo->moves, i), error))
      return FALSE;
  /* A deal in the trash restored and moved on since stays where it is. */
  for (guint i = 0; undo->trashed != NULL && i < undo->trashed->len; i++)
    {
      sqlite3_stmt *stmt = nudge_store_prepare (store, trashed_sql, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g_array_index (undo->trashed, gint64, i));
      sqlite3_bind_int64 (stmt, 2, undo->trashed_from);
      sqlite3_bind_int64 (stmt, 3, undo->trashed_to);
      if (!nudge_store_step_done (store, stmt, error))
        return FALSE;
    }
  for (guint i = 0; undo->history != NULL && i < undo->history->len; i++)
    {
      HistoryRef *ref = &g_array_index (undo->history, HistoryRef, i);

      if (!nudge_store_exec_ids (store, ref->to ? to_sql : from_sql, ref->row, ref->stage, error))
        return FALSE;
    }
  return TRUE;
}

/* The pipeline deleted with its stages, back under its id and name */
static gboolean
put_back_pipeline (NudgeStore      *store,
                   NudgeStageUndo  *undo,
                   GError         **error)
{
  static const char insert_sql[] = "INSERT INTO pipeline (id, name, position) VALUES (?, ?, ?)";
  gint64 taken = 0;
  sqlite3_stmt *stmt;

  if (!nudge_store_lookup_checked (store, "SELECT COUNT(*) FROM pipeline WHERE name = ?", 0,
                                   undo->pipeline_name, &taken, error))
    return FALSE;
  if (taken > 0)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CHANGED,
                   _("A pipeline named “%s” was added since"), undo->pipeline_name);
      return FALSE;
    }
  if (!nudge_store_lookup_checked (store, "SELECT COUNT(*) FROM pipeline WHERE id = ?1", undo->pipeline_id,
                                   NULL, &taken, error))
    return FALSE;
  if (taken > 0)
    {
      g_set_error_literal (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CHANGED,
                           _("The pipelines were changed since; undoing would lose that change"));
      return FALSE;
    }
  if (!(stmt = nudge_store_prepare (store, insert_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, undo->pipeline_id);
  nudge_sql_bind_text (stmt, 2, undo->pipeline_name);
  sqlite3_bind_int (stmt, 3, undo->pipeline_position);
  if (!nudge_store_step_done (store, stmt, error))
    return FALSE;
  nudge_store_queue_change (store, NUDGE_ENTITY_PIPELINE, undo->pipeline_id, NUDGE_CHANGE_ADDED);
  return TRUE;
}

/* Keeps the rows of stage history that name stage @stage_id, which
 * deleting it leaves without it. */
static gboolean
record_history (NudgeStore      *store,
                NudgeStageUndo  *undo,
                gint64           stage_id,
                GError         **error)
{
  static const char sql[] =
    "SELECT id, from_stage IS ?1, to_stage IS ?1 FROM stage_change WHERE from_stage = ?1 OR to_stage = ?1";
  sqlite3_stmt *stmt = nudge_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stage_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int to = 0; to <= 1; to++)
      if (sqlite3_column_int (stmt, 1 + to))
        {
          HistoryRef ref = { sqlite3_column_int64 (stmt, 0), stage_id, to };

          g_array_append_val (undo->history, ref);
        }
  return nudge_store_rows_done (store, stmt, rc, error);
}

typedef struct
{
  gint64 deal_id;
  gint64 stage_id;
} DealToStage;

static gboolean
write_deal_to_stage (NudgeStore  *store,
                     gpointer     data,
                     GError     **error)
{
  DealToStage *move = data;

  return nudge_store_move_deal_to_stage (store, move->deal_id, move->stage_id, error);
}

/* Moves the deals of stage @stage_id to @target, each kept for Undo as
 * a move is, and deletes the stage, inside the caller's transaction. */
static gboolean
delete_stage_recorded (NudgeStore      *store,
                       NudgeStageUndo  *undo,
                       gint64           stage_id,
                       gint64           target,
                       GError         **error)
{
  static const char open_sql[] = "SELECT id FROM deal WHERE stage_id = ? AND trashed_at IS NULL ORDER BY id";
  static const char trashed_sql[] = "SELECT id FROM deal WHERE stage_id = ? AND trashed_at IS NOT NULL";
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  if (!record_history (store, undo, stage_id, error))
    return FALSE;
  /* Without a target, nudge_stage_delete() says the deals need one. */
  if (target > 0 && target != stage_id)
    {
      if (!(stmt = nudge_store_prepare (store, open_sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, stage_id);
      if (!nudge_store_append_ids (store, stmt, ids, error))
        return FALSE;
      for (guint i = 0; i < ids->len; i++)
        {
          DealToStage move = { g_array_index (ids, gint64, i), target };
          NudgeDealMove *recorded = nudge_deal_move_record (store, move.deal_id, write_deal_to_stage, &move, error);

          if (recorded == NULL)
            return FALSE;
          g_ptr_array_add (undo->moves, recorded);
        }
      if (!(stmt = nudge_store_prepare (store, trashed_sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, stage_id);
      if (!nudge_store_append_ids (store, stmt, undo->trashed, error))
        return FALSE;
      undo->trashed_from = stage_id;
      undo->trashed_to = target;
    }
  return nudge_stage_delete (store, stage_id, target, error);
}

static NudgeStageUndo *
delete_undo_new (NudgeStore  *store,
                 gint64       pipeline_id,
                 GError     **error)
{
  NudgeStageUndo *undo = nudge_stage_undo_new (store, pipeline_id, error);

  if (undo == NULL)
    return NULL;
  undo->moves = g_ptr_array_new_with_free_func ((GDestroyNotify) nudge_deal_move_unref);
  undo->trashed = g_array_new (FALSE, FALSE, sizeof (gint64));
  undo->history = g_array_new (FALSE, FALSE, sizeof (HistoryRef));
  return undo;
}

/* Ends the transaction of a delete: its Undo (@undo), or NULL when
 * @ok is not. */
static NudgeStageUndo *
finish_delete (NudgeStore      *store,
               NudgeStageUndo  *undo,
               gboolean         ok,
               GError         **error)
{
  g_autoptr(NudgeStageUndo) owned = undo;

  if (!nudge_store_end (store, ok && nudge_stage_undo_record_after (owned, store, error), error))
    return NULL;
  return g_steal_pointer (&owned);
}

NudgeStageUndo *
nudge_stage_undo_new (NudgeStore  *store,
                      gint64       pipeline_id,
                      GError     **error)
{
  g_autoptr(NudgeStageUndo) undo = g_new0 (NudgeStageUndo, 1);

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  undo->pipeline_id = pipeline_id;
  if (!(undo->before = nudge_store_list_stages (store, pipeline_id, error)))
    return NULL;
  return g_steal_pointer (&undo);
}

gboolean
nudge_stage_undo_record_after (NudgeStageUndo  *undo,
                               NudgeStore      *store,
                               GError         **error)
{
  g_return_val_if_fail (undo != NULL, FALSE);
  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  g_clear_pointer (&undo->after, g_ptr_array_unref);
  undo->after = nudge_store_list_stages (store, undo->pipeline_id, error);
  return undo->after != NULL;
}

NudgeStageUndo *
nudge_stage_undo_delete_stage (NudgeStore  *store,
                               gint64       stage_id,
                               gint64       move_deals_to,
                               GError     **error)
{
  g_autoptr(NudgeStage) stage = NULL;
  NudgeStageUndo *undo;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  if (!(stage = nudge_store_get_stage (store, stage_id, error)) || !nudge_store_begin (store, error))
    return NULL;
  if (!(undo = delete_undo_new (store, nudge_stage_get_pipeline_id (stage), error)))
    {
      nudge_store_rollback (store);
      return NULL;
    }
  return finish_delete (store, undo, delete_stage_recorded (store, undo, stage_id, move_deals_to, error), error);
}

NudgeStageUndo *
nudge_stage_undo_delete_pipeline (NudgeStore  *store,
                                  gint64       pipeline_id,
                                  GError     **error)
{
  static const char sql[] = "SELECT name, position FROM pipeline WHERE id = ?";
  NudgeStageUndo *undo;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  if (!nudge_store_begin (store, error))
    return NULL;
  if (!(undo = delete_undo_new (store, pipeline_id, error)) || !(stmt = nudge_store_prepare (store, sql, error)))
    {
      nudge_stage_undo_free (undo);
      nudge_store_rollback (store);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, pipeline_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      undo->pipeline_name = nudge_sql_dup_text (stmt, 0);
      undo->pipeline_position = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (!(ok = undo->pipeline_name != NULL))
    nudge_store_set_not_found (error, NUDGE_ENTITY_PIPELINE, pipeline_id);
  for (guint i = 0; ok && i < undo->before->len; i++)
    ok = record_history (store, undo, nudge_stage_get_id (g_ptr_array_index (undo->before, i)), error);
  return finish_delete (store, undo, ok && nudge_pipeline_delete (store, pipeline_id, error), error);
}

guint
nudge_stage_undo_get_n_deals (NudgeStageUndo *undo)
{
  g_return_val_if_fail (undo != NULL, 0);
  return (undo->moves != NULL ? undo->moves->len : 0) + (undo->trashed != NULL ? undo->trashed->len : 0);
}

const char *
nudge_stage_undo_get_pipeline_name (NudgeStageUndo *undo)
{
  g_return_val_if_fail (undo != NULL, NULL);
  return undo->pipeline_name;
}

gboolean
nudge_stage_undo (NudgeStore  *store,
                  gpointer     data,
                  GError     **error)
{
  NudgeStageUndo *undo = data;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (undo != NULL && undo->after != NULL, FALSE);

  if (!nudge_store_begin (store, error))
    return FALSE;
  if ((undo->pipeline_name != NULL && !put_back_pipeline (store, undo, error)) ||
      !put_back (store, undo, error) || !put_back_deals (store, undo, error))
    {
      nudge_store_rollback (store);
      return FALSE;
    }
  return nudge_store_commit_or_rollback (store, error);
}

void
nudge_stage_undo_free (NudgeStageUndo *undo)
{
  if (undo == NULL)
    return;
  g_clear_pointer (&undo->before, g_ptr_array_unref);
  g_clear_pointer (&undo->after, g_ptr_array_unref);
  g_clear_pointer (&undo->moves, g_ptr_array_unref);
  g_clear_pointer (&undo->trashed, g_array_unref);
  g_clear_pointer (&undo->history, g_array_unref);
  g_free (undo->pipeline_name);
  g_free (undo);
}
