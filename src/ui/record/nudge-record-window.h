/* nudge-record-window.h — the card of a deal, contact or company
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-store.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_RECORD_WINDOW (nudge_record_window_get_type ())

G_DECLARE_FINAL_TYPE (NudgeRecordWindow, nudge_record_window, NUDGE, RECORD_WINDOW, AdwWindow)

NudgeRecordWindow *nudge_record_window_present (GtkWindow   *parent,
                                                NudgeStore  *store,
                                                NudgeEntity  entity,
                                                gint64       id);

/* The record shown (@entity: its kind). */
gint64             nudge_record_window_get_record (NudgeRecordWindow *self,
                                                   NudgeEntity       *entity);
/* Logs a call, e-mail, meeting or note; the matching open follow-up is
 * closed with it. A deal or contact left with nothing planned gets the
 * next-step prompt on @parent. */
void               nudge_activity_dialog_present (GtkWindow  *parent,
                                                  NudgeStore *store,
                                                  gint64      deal_id,
                                                  gint64      contact_id);
/* The dialog's work without the dialog, for tests and quick actions. */
gint64             nudge_log_activity            (NudgeStore  *store,
                                                  gint64       deal_id,
                                                  gint64       contact_id,
                                                  const char  *kind,
                                                  gboolean     inbound,
                                                  gint64       at,
                                                  const char  *summary,
                                                  const char  *body,
                                                  GError     **error);

G_END_DECLS
