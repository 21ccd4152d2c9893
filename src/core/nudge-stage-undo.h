/* nudge-stage-undo.h — taking back a change to a pipeline's stages
 *
 * A NudgeStageUndo holds a pipeline's stages (their order, names,
 * probabilities, rotting limits, required fields and kinds) as they were
 * before a change and as the change left them. Undo writes them back in
 * one transaction, and removes a stage the change added, unless the
 * stages were changed since (another window, nudge-cli) or the added
 * stage holds deals by then: then it refuses rather than lose that.
 *
 * A stage deleted comes back under its id, where it was, with the deals
 * it held (each taken back as a move is: refused when one was changed
 * since) and the rows of stage history that named it; a pipeline
 * deleted (it held no deals) comes back with its name and stages,
 * unless a pipeline took its name since.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-store.h"

G_BEGIN_DECLS

typedef struct _NudgeStageUndo NudgeStageUndo;

/* The stages of pipeline @pipeline_id as they are now, before a change;
 * NULL with @error set when they cannot be read. */
NudgeStageUndo *nudge_stage_undo_new          (NudgeStore      *store,
                                               gint64           pipeline_id,
                                               GError         **error);
/* The stages as the change left them, once it is written. */
gboolean        nudge_stage_undo_record_after (NudgeStageUndo  *undo,
                                               NudgeStore      *store,
                                               GError         **error);
/* Deletes stage @stage_id as nudge_stage_delete() does, its deals
 * moved to @move_deals_to, in one transaction; its Undo, or NULL with
 * @error set when nothing was deleted. */
NudgeStageUndo *nudge_stage_undo_delete_stage (NudgeStore      *store,
                                               gint64           stage_id,
                                               gint64           move_deals_to,
                                               GError         **error);
/* Deletes pipeline @pipeline_id as nudge_pipeline_delete() does (one
 * that holds no deals); its Undo, or NULL with @error set. */
NudgeStageUndo *nudge_stage_undo_delete_pipeline (NudgeStore   *store,
                                               gint64           pipeline_id,
                                               GError         **error);
/* How many deals the delete moved (trashed ones too): what undoing it
 * writes. */
guint           nudge_stage_undo_get_n_deals  (NudgeStageUndo  *undo);
/* The name of the pipeline the delete took, or NULL */
const char     *nudge_stage_undo_get_pipeline_name (NudgeStageUndo *undo);
/* Puts the stages back as they were: a NudgeStoreUndoFunc. */
gboolean        nudge_stage_undo              (NudgeStore      *store,
                                               gpointer         undo,
                                               GError         **error);
void            nudge_stage_undo_free         (NudgeStageUndo  *undo);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeStageUndo, nudge_stage_undo_free)

G_END_DECLS
