/* nudge-stage-undo.c — taking back a change to a pipeline's stages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nudge-stage-undo"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-pipeline.h"
#include "nudge-stage-undo.h"
#include "nudge-store-private.h"

struct _NudgeStageUndo
{
  gint64     pipeline_id;
  GPtrArray *before;  /* of NudgeStage, in their order */
  GPtrArray *after;
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

static gboolean
write_stage (NudgeStore  *store,
             NudgeStage  *stage,
             GError     **error)
{
  static const char sql[] =
    "UPDATE stage SET name = ?2, position = ?3, probability = ?4, rotting_days = ?5, required_fields = ?6,"
    " kind = ?7 WHERE id = ?1";
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, nudge_stage_get_id (stage));
  nudge_sql_bind_text (stmt, 2, nudge_stage_get_name (stage));
  sqlite3_bind_int (stmt, 3, nudge_stage_get_position (stage));
  sqlite3_bind_int (stmt, 4, nudge_stage_get_probability (stage));
  sqlite3_bind_int (stmt, 5, nudge_stage_get_rotting_days (stage));
  nudge_sql_bind_text (stmt, 6, nudge_stage_get_required_fields (stage));
  nudge_sql_bind_text (stmt, 7, nudge_stage_get_kind (stage));
  if (!nudge_store_step_done (store, stmt, error))
    return FALSE;
  nudge_store_queue_change (store, NUDGE_ENTITY_STAGE, nudge_stage_get_id (stage), NUDGE_CHANGE_UPDATED);
  return TRUE;
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

      if (current == NULL)
        {
          nudge_store_set_not_found (error, NUDGE_ENTITY_STAGE, nudge_stage_get_id (stage));
          return FALSE;
        }
      if (!same_stage (current, stage) && !write_stage (store, stage, error))
        return FALSE;
    }
  return TRUE;
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
  if (!put_back (store, undo, error))
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
  g_free (undo);
}
