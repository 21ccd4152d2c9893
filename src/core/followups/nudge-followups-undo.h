/* nudge-followups-undo.h — taking back what was done to follow-ups
 *
 * Done, Skip, Snooze and Move change a follow-up's row and, for a
 * series, the occurrences recorded of it; moving one occurrence of a
 * series also adds a one-off. A NudgeFollowupsUndo holds the rows as
 * they were before the change and as the change left them, and the ids
 * of the follow-ups it added. Undo writes the old rows back and removes
 * the added ones, in one transaction, unless something changed the
 * rows since (another window, nudge-cli, a rule): then it refuses
 * rather than lose that change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-store.h"

G_BEGIN_DECLS

typedef struct _NudgeFollowupsUndo NudgeFollowupsUndo;

/* Begins a transaction (a savepoint inside one begun already) and
 * copies the follow-ups @ids as they are. NULL with @error set when the
 * transaction cannot begin or a follow-up is not there. */
NudgeFollowupsUndo *nudge_followups_undo_begin       (NudgeStore          *store,
                                                      const gint64        *ids,
                                                      guint                n_ids,
                                                      GError             **error);
/* The change added follow-up @id (Undo removes it). */
void                nudge_followups_undo_add_created (NudgeFollowupsUndo  *undo,
                                                      gint64               id);
/* Ends what _begin() began. When @ok, the rows are copied again as the
 * change left them and the transaction is committed: the record is
 * returned. Otherwise, or when the commit fails, everything is rolled
 * back, @undo is freed and NULL is returned (@error set by whoever
 * failed). Takes @undo. */
NudgeFollowupsUndo *nudge_followups_undo_end         (NudgeStore          *store,
                                                      NudgeFollowupsUndo  *undo,
                                                      gboolean             ok,
                                                      GError             **error);
/* The same two steps inside a transaction the caller began and ends
 * (a bulk change: a savepoint, as _begin() makes inside a transaction,
 * makes every statement after it slower). _copy() copies the follow-ups
 * @ids as they are; _seal(), after the change, copies them as it left
 * them. */
NudgeFollowupsUndo *nudge_followups_undo_copy        (NudgeStore          *store,
                                                      const gint64        *ids,
                                                      guint                n_ids,
                                                      GError             **error);
gboolean            nudge_followups_undo_seal        (NudgeStore          *store,
                                                      NudgeFollowupsUndo  *undo,
                                                      GError             **error);
/* How many follow-ups the change touched (added ones not counted). */
guint               nudge_followups_undo_get_n_items (NudgeFollowupsUndo  *undo);
/* Puts the rows back inside the caller's transaction. */
gboolean            nudge_followups_undo_write       (NudgeStore          *store,
                                                      NudgeFollowupsUndo  *undo,
                                                      GError             **error);
/* Puts the rows back in a transaction of its own (a NudgeStoreUndoFunc). */
gboolean            nudge_followups_undo             (NudgeStore          *store,
                                                      NudgeFollowupsUndo  *undo,
                                                      GError             **error);
/* A record is shared by the toast that offers its Undo and whoever adds
 * to it later (the question that follows a Done,
 * nudge_followups_undo_add_next_step()). _free() drops a reference: the
 * record goes with the last. */
NudgeFollowupsUndo *nudge_followups_undo_ref         (NudgeFollowupsUndo  *undo);
void                nudge_followups_undo_free        (NudgeFollowupsUndo  *undo);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeFollowupsUndo, nudge_followups_undo_free)

G_END_DECLS
