/* nudge-deal-move.h — moving a deal to another stage, and taking the
 * move back
 *
 * A move writes the deal's stage, status, the time it entered the
 * stage, when it closed and why it was lost, the fields the new stage
 * requires, and a row of stage history. A NudgeDealMove holds the deal's
 * row as it was and as the move left it, and the history rows the move
 * added. Undo writes the old row back, removes those history rows and
 * what automation rules did in reaction to the move, in one
 * transaction, unless the deal was moved or edited in those fields since
 * (another window, nudge-cli): then it refuses rather than lose that.
 *
 * Closing a deal may cancel its open follow-ups in the same
 * transaction (a reminder about a lost deal only teaches the seller to
 * ignore reminders); Undo puts them back as they were.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-followups-undo.h"
#include "nudge-store.h"
#include "nudge-transaction.h"

G_BEGIN_DECLS

typedef struct _NudgeDealMove NudgeDealMove;

typedef enum
{
  NUDGE_DEAL_MOVE_DEFAULT          = 0,
  /* A move that wins or loses the deal cancels its open follow-ups */
  NUDGE_DEAL_MOVE_CANCEL_FOLLOWUPS = 1 << 0,
} NudgeDealMoveFlags;

/* Moves deal @deal_id to stage @stage_id in one transaction: first saves
 * @filled (the deal with the fields the stage requires filled in), if
 * not NULL; a won or lost stage closes the deal (with @lost_reason).
 * NULL with @error set when nothing was written. */
NudgeDealMove *nudge_deal_move                (NudgeStore     *store,
                                               gint64          deal_id,
                                               gint64          stage_id,
                                               NudgeDeal      *filled,
                                               const char     *lost_reason,
                                               GError        **error);
/* As nudge_deal_move(), with @flags */
NudgeDealMove *nudge_deal_move_full           (NudgeStore         *store,
                                               gint64              deal_id,
                                               gint64              stage_id,
                                               NudgeDeal          *filled,
                                               const char         *lost_reason,
                                               NudgeDealMoveFlags  flags,
                                               GError            **error);
/* How many open follow-ups deal @deal_id has (what closing it with
 * NUDGE_DEAL_MOVE_CANCEL_FOLLOWUPS cancels); -1 with @error set */
int            nudge_deal_count_open_followups (NudgeStore    *store,
                                               gint64          deal_id,
                                               GError        **error);
/* Cancels the open follow-ups of deal @deal_id (a savepoint inside the
 * caller's transaction); @out_undo, if not NULL, gets what Undo puts
 * back (NULL when there were none). Returns how many, -1 with @error
 * set. */
int            nudge_deal_cancel_open_followups (NudgeStore          *store,
                                                 gint64               deal_id,
                                                 NudgeFollowupsUndo **out_undo,
                                                 GError             **error);
/* Any change of deal @deal_id that @write makes, kept as a move is
 * (an import's update of the deal): Undo takes it back alike. */
NudgeDealMove *nudge_deal_move_record         (NudgeStore     *store,
                                               gint64          deal_id,
                                               NudgeWriteFunc  write,
                                               gpointer        data,
                                               GError        **error);
NudgeDealMove *nudge_deal_move_ref            (NudgeDealMove  *move);
void           nudge_deal_move_unref          (NudgeDealMove  *move);
gint64         nudge_deal_move_get_deal_id    (NudgeDealMove  *move);
/* The stage the deal left, and the one it moved to */
gint64         nudge_deal_move_get_from_stage (NudgeDealMove  *move);
gint64         nudge_deal_move_get_to_stage   (NudgeDealMove  *move);
gboolean       nudge_deal_move_is_undone      (NudgeDealMove  *move);
/* Gives @move the follow-ups its write cancelled
 * (nudge_deal_cancel_open_followups()'s @out_undo): its Undo puts them
 * back. */
void           nudge_deal_move_take_followups (NudgeDealMove      *move,
                                               NudgeFollowupsUndo *followups);
/* How many open follow-ups closing the deal cancelled */
guint          nudge_deal_move_get_n_cancelled (NudgeDealMove *move);
/* Takes the move back in a transaction of its own (a
 * NudgeStoreUndoFunc); once: a move undone already is left as it is. */
gboolean       nudge_deal_move_undo           (NudgeStore     *store,
                                               NudgeDealMove  *move,
                                               GError        **error);
/* As nudge_deal_move_undo(), inside the caller's transaction */
gboolean       nudge_deal_move_take_back      (NudgeStore     *store,
                                               NudgeDealMove  *move,
                                               GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeDealMove, nudge_deal_move_unref)

G_END_DECLS
