/* nudge-activity-dialog.h — Log Activity: a call, e-mail, meeting or
 * note on a deal or contact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-context.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_ACTIVITY_DIALOG (nudge_activity_dialog_get_type ())

G_DECLARE_FINAL_TYPE (NudgeActivityDialog, nudge_activity_dialog, NUDGE, ACTIVITY_DIALOG, AdwWindow)

/* Logs a call, e-mail, meeting or note; the matching open follow-up is
 * closed with it. A deal or contact left with nothing planned gets the
 * next-step prompt on @parent. */
NudgeActivityDialog *nudge_activity_dialog_present (GtkWindow    *parent,
                                                   NudgeContext *context,
                                                   gint64        deal_id,
                                                   gint64        contact_id);

G_END_DECLS
