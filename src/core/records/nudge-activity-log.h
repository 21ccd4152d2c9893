/* nudge-activity-log.h — logging one activity with an exact Undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-followups-undo.h"
#include "nudge-store.h"

G_BEGIN_DECLS

typedef struct _NudgeActivityLog NudgeActivityLog;

/* Adds the activity and, for the seller's own touch, closes the open
 * follow-up of that kind that asked for it (as Log Activity does), in
 * one transaction. Returns what Undo needs, or NULL with @error set. */
NudgeActivityLog *nudge_activity_log_add      (NudgeStore        *store,
                                               gint64             deal_id,
                                               gint64             contact_id,
                                               const char        *kind,
                                               gboolean           inbound,
                                               gint64             at,
                                               const char        *summary,
                                               GError           **error);
/* Logs the seller's @kind touch ("call", "email"…) that answers
 * @followup's @occurrence (0: the first open one), now, and marks that
 * done, in one transaction. */
NudgeActivityLog *nudge_activity_log_answer   (NudgeStore        *store,
                                               NudgeFollowup     *followup,
                                               gint64             occurrence,
                                               const char        *kind,
                                               GError           **error);
gint64            nudge_activity_log_get_id   (NudgeActivityLog  *log);
/* The follow-ups the log closed, as they were: the record a next step
 * planned after it joins (nudge_followups_undo_add_next_step()), so that
 * Undo of the log takes that back too. Owned by @log. */
NudgeFollowupsUndo *nudge_activity_log_get_followups_undo (NudgeActivityLog *log);
/* Removes the activity and puts the follow-ups it closed back as they
 * were. */
gboolean          nudge_activity_log_undo     (NudgeStore        *store,
                                               NudgeActivityLog  *log,
                                               GError           **error);
void              nudge_activity_log_free     (NudgeActivityLog  *log);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeActivityLog, nudge_activity_log_free)

G_END_DECLS
