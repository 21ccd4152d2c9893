/* nudge-record-stage.h — a deal moved on, won or lost from its page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nudge-context.h"

G_BEGIN_DECLS

/* The menu button beside a deal's stage: its pipeline's other open
 * stages, Mark as Won… and Mark as Lost…, each activating
 * "record.move-to-stage" with the stage's id. */
GtkWidget *nudge_record_stage_button_new (NudgeStore      *store,
                                          NudgeDeal       *deal);
/* Moves deal @deal_id to stage @stage_id as the board does: the fields
 * the stage requires, or Won confirmed and why Lost, asked over
 * @window first; then a toast in @toasts with Undo. */
void       nudge_record_stage_move       (GtkWindow       *window,
                                          AdwToastOverlay *toasts,
                                          NudgeContext    *context,
                                          gint64           deal_id,
                                          gint64           stage_id);

G_END_DECLS
