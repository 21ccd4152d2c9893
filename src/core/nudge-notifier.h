/* nudge-notifier.h — reminders as desktop notifications (libnotify)
 *
 * Shows what the scheduler fires: the follow-up with its deal, contact,
 * phone and the last interaction; urgency from its priority; actions Done,
 * Snooze 10 min / 1 hour / Tomorrow. The actions activate actions of
 * @actions (the application):
 *   followup-done (x id), followup-snooze ((xi) id, minutes; −1 = tomorrow),
 *   open-followup (x id; 0 = the Today view).
 * A re-fired reminder replaces its notification; a follow-up handled in
 * the app (done, snoozed, deleted) closes it.
 * Inside a sandbox, when @actions is the registered GApplication, they go
 * through the notification portal as GNotifications whose buttons are
 * those app.* actions with their targets, so the desktop can activate
 * them over D-Bus also when the app has no window or is not running.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nudge-scheduler.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_NOTIFIER (nudge_notifier_get_type ())

G_DECLARE_FINAL_TYPE (NudgeNotifier, nudge_notifier, NUDGE, NOTIFIER, GObject)

NudgeNotifier *nudge_notifier_new   (NudgeStore     *store,
                                     NudgeScheduler *scheduler,
                                     GActionGroup   *actions);
/* The texts shown for @occ (for tests and the summary). */
char          *nudge_notifier_dup_body (NudgeNotifier   *self,
                                        NudgeOccurrence *occ);
/* After Done with no window: "What is the next step for …?" with +1 day,
 * +3 days, +1 week (app.next-step, (xi)) and Pick… (app.next-step-pick,
 * x, the default action). */
gboolean       nudge_notifier_ask_next_step      (NudgeNotifier *self,
                                                  NudgeFollowup *done);
void           nudge_notifier_withdraw_next_step (NudgeNotifier *self,
                                                  gint64         done_id);
/* How many notifications are on screen. */
guint          nudge_notifier_get_n_shown (NudgeNotifier *self);

G_END_DECLS
