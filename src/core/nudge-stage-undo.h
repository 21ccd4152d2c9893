/* nudge-stage-undo.h — taking back a change to a pipeline's stages
 *
 * A NudgeStageUndo holds a pipeline's stages (their order, names,
 * probabilities, rotting limits, required fields and kinds) as they were
 * before a change and as the change left them. Undo writes them back in
 * one transaction, and removes a stage the change added, unless the
 * stages were changed since (another window, nudge-cli) or the added
 * stage holds deals by then: then it refuses rather than lose that.
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
/* Puts the stages back as they were: a NudgeStoreUndoFunc. */
gboolean        nudge_stage_undo              (NudgeStore      *store,
                                               gpointer         undo,
                                               GError         **error);
void            nudge_stage_undo_free         (NudgeStageUndo  *undo);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeStageUndo, nudge_stage_undo_free)

G_END_DECLS
