/* nudge-bulk-plan.h — follow-ups planned for many deals or contacts at
 * once, and taking them back
 *
 * The List plans for every selected row in one go: a cadence's steps,
 * or one follow-up each. A NudgeBulkPlan records what that created —
 * the follow-ups' rows as they were written — so that its Undo removes
 * exactly those, in one transaction, and nothing the seller added
 * meanwhile. When one of them was changed since (done, snoozed, edited,
 * in another window or by nudge-cli) Undo refuses and removes nothing,
 * rather than throw that work away.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-store.h"

G_BEGIN_DECLS

typedef struct _NudgeBulkPlan NudgeBulkPlan;

/* The cadence @name for each of the deals or contacts @ids, @per_day of
 * them starting a working day, as nudge_cadence_apply_many() does, in
 * one transaction. NULL with @error set (and nothing created). */
NudgeBulkPlan *nudge_bulk_plan_cadence          (NudgeStore     *store,
                                                 const char     *name,
                                                 NudgeEntity     entity,
                                                 GArray         *ids,
                                                 int             per_day,
                                                 GError        **error);
/* One follow-up of @kind for each of the deals or contacts @ids, titled
 * by @titles (one an id), due at @due_at in @tzid, in one transaction.
 * NULL with @error set (and nothing created). */
NudgeBulkPlan *nudge_bulk_plan_followups        (NudgeStore     *store,
                                                 NudgeEntity     entity,
                                                 GArray         *ids,
                                                 GPtrArray      *titles,
                                                 const char     *kind,
                                                 gint64          due_at,
                                                 const char     *tzid,
                                                 GError        **error);
/* How many follow-ups the plan created. */
guint          nudge_bulk_plan_get_n_created    (NudgeBulkPlan  *plan);
/* How many of the deals or contacts had an open follow-up (a next step)
 * already: the plan was put on top of it. */
guint          nudge_bulk_plan_get_n_stacked    (NudgeBulkPlan  *plan);
/* How many of the deals or contacts a cadence was left out for: it still
 * runs for them (they have open steps of it). */
guint          nudge_bulk_plan_get_n_running    (NudgeBulkPlan  *plan);
/* Removes the follow-ups the plan created, in a transaction of its own
 * (a NudgeStoreUndoFunc); fails with NUDGE_STORE_ERROR_CHANGED, and
 * removes none, when any of them was changed or removed since. */
gboolean       nudge_bulk_plan_undo             (NudgeStore     *store,
                                                 NudgeBulkPlan  *plan,
                                                 GError        **error);
void           nudge_bulk_plan_free             (NudgeBulkPlan  *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeBulkPlan, nudge_bulk_plan_free)

G_END_DECLS
