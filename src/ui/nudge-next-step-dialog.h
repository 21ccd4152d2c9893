/* nudge-next-step-dialog.h — "what is the next step?" after a follow-up
 * is done: +1 day, +3 days, +1 week, a date, or no next step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-store.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_NEXT_STEP_DIALOG (nudge_next_step_dialog_get_type ())

G_DECLARE_FINAL_TYPE (NudgeNextStepDialog, nudge_next_step_dialog, NUDGE, NEXT_STEP_DIALOG, AdwMessageDialog)

/* Responses: "none", "1-day", "3-days", "1-week", "date". The dialog
 * creates the follow-up itself and emits "next-step-added" (gint64 id). */
NudgeNextStepDialog *nudge_next_step_dialog_present (GtkWindow  *parent,
                                                     NudgeStore *store,
                                                     gint64      done_followup_id);

G_END_DECLS
