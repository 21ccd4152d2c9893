/* nudge-next-step-dialog.h — "what is the next step?" after a follow-up
 * is done (or wherever a deal is left without one): +1 day, +3 days,
 * +1 week, a date, or no next step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-context.h"
#include "nudge-followups-undo.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_NEXT_STEP_DIALOG (nudge_next_step_dialog_get_type ())

G_DECLARE_FINAL_TYPE (NudgeNextStepDialog, nudge_next_step_dialog, NUDGE, NEXT_STEP_DIALOG, AdwMessageDialog)

/* Property: "context" (construct-only): the book it works on, and its settings. */

/* Responses: "none", "1-day", "3-days", "1-week", "date". The dialog
 * creates the follow-up itself and emits "next-step-added" (gint64 id). */
NudgeNextStepDialog *nudge_next_step_dialog_present (GtkWindow    *parent,
                                                     NudgeContext *context,
                                                     gint64        done_followup_id);
/* The record of the Done that asked (held, not taken): the next step
 * joins it, so that the Done's Undo takes the step back too. Only for a
 * dialog of nudge_next_step_dialog_present(). */
void                 nudge_next_step_dialog_set_undo (NudgeNextStepDialog *self,
                                                      NudgeFollowupsUndo  *undo);
/* Opens the calendar, for a seller who asked to pick a date. */
void                 nudge_next_step_dialog_unfold_calendar (NudgeNextStepDialog *self);
/* Follow-up @id (@occurrence of a series, 0 for the one due) done as
 * Done in Today does it: in one transaction, with a toast on
 * @toast_widget that names it and offers Undo, and the next step asked
 * over @parent when it was the last (the step joining the Done's Undo).
 * FALSE with @error set when it could not be done. */
gboolean             nudge_next_step_dialog_complete (GtkWindow     *parent,
                                                      NudgeContext  *context,
                                                      NudgeStore    *store,
                                                      GtkWidget     *toast_widget,
                                                      gint64         id,
                                                      gint64         occurrence,
                                                      GError       **error);
/* The same question for a deal (or, with @deal_id 0, a contact) with no
 * follow-up just done: a new "Follow up" call at the start of the
 * working day (nudge_followups_plan_next_step()). NULL when the record
 * does not exist. */
NudgeNextStepDialog *nudge_next_step_dialog_present_for_record (GtkWindow    *parent,
                                                                NudgeContext *context,
                                                                gint64        deal_id,
                                                                gint64        contact_id);

G_END_DECLS
