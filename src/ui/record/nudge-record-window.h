/* nudge-record-window.h — the card of a deal, contact or company
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-context.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_RECORD_WINDOW (nudge_record_window_get_type ())

G_DECLARE_FINAL_TYPE (NudgeRecordWindow, nudge_record_window, NUDGE, RECORD_WINDOW, AdwWindow)

NudgeRecordWindow *nudge_record_window_present (GtkWindow    *parent,
                                                NudgeContext *context,
                                                NudgeEntity   entity,
                                                gint64        id);

/* The record shown (@entity: its kind). */
gint64             nudge_record_window_get_record (NudgeRecordWindow *self,
                                                   NudgeEntity       *entity);

G_END_DECLS
