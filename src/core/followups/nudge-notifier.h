/* nudge-notifier.h — reminders as desktop notifications (libnotify)
 *
 * Shows what the scheduler fires: the follow-up with its deal, contact,
 * phone, the last interaction and when it is due in words; urgency from
 * its priority; the notification opens the follow-up, and three buttons
 * (GNOME Shell shows no more): Done, Snooze 1 hour, Tomorrow morning (the
 * next working day's start), worded as the app's snooze menu. The actions
 * activate actions of
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
/* When @due is, from @now, in words: "Overdue since 09:00", "Overdue
 * since yesterday 16:00", "Overdue since 28.11.2026", "Due now", "Due in
 * 10 minutes", "Due at 14:30", "Due tomorrow at 14:30"; for all-day
 * items "Due today", "Overdue since yesterday" or since a date. */
char          *nudge_notifier_format_due (gint64   due,
                                          gboolean all_day,
                                          gint64   now);
/* After Done with no window: "What is the next step for …?" with
 * Tomorrow, In 3 days, In a week (app.next-step, (xi)) and Pick a date…
 * (app.next-step-pick,
 * x, the default action). */
gboolean       nudge_notifier_ask_next_step      (NudgeNotifier *self,
                                                  NudgeFollowup *done);
/* The same question once more, saying why the answer clicked was not
 * saved (@problem), or as it was first asked (@problem NULL). */
gboolean       nudge_notifier_ask_next_step_again (NudgeNotifier *self,
                                                   NudgeFollowup *done,
                                                   const char    *problem);
void           nudge_notifier_withdraw_next_step (NudgeNotifier *self,
                                                  gint64         done_id);
/* Done or Snooze clicked with no window open could not be saved: the
 * reminder of @id comes back with @summary, @message and its buttons. */
gboolean       nudge_notifier_show_failure       (NudgeNotifier *self,
                                                  gint64         id,
                                                  const char    *summary,
                                                  const char    *message);
/* How many notifications are on screen. */
guint          nudge_notifier_get_n_shown (NudgeNotifier *self);

G_END_DECLS
