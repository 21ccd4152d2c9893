/* nudge-scheduler.h — when the next reminder is due, and firing it once
 *
 * The scheduler reads the follow-up occurrences (nudge-followups.h), works
 * out the earliest instant a reminder is due (the occurrence start minus
 * its remind_before_min lead, or the snooze), and arms one wall-clock
 * timer for it (timerfd, CLOCK_REALTIME, cancelled when the clock is set).
 * It re-arms after store changes, after resume from suspend (logind) and
 * after a time-zone change. There is no polling loop.
 *
 * Each occurrence fires once, also across restarts: its key
 * ("<uid>/<start>", "/snooze/<until>" for a snoozed re-fire) is written to
 * reminder_fired in the same transaction that decides to fire it — or,
 * with set_confirm_delivery (the notifier), only when the reminder was
 * shown (mark_delivered): until then it is due again at every check, so
 * a reminder is delivered at least once. One still on screen when the
 * app quits is due again at the next start (mark_seen).
 *
 * When more than NUDGE_SCHEDULER_SUMMARY_THRESHOLD reminders are due at
 * once (start-up, resume), "fire" reports them with summary = TRUE so the
 * notifier shows one summary instead of a flood.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-store.h"
#include "nudge-followups.h"

G_BEGIN_DECLS

#define NUDGE_SCHEDULER_SUMMARY_THRESHOLD 3

#define NUDGE_TYPE_SCHEDULER (nudge_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (NudgeScheduler, nudge_scheduler, NUDGE, SCHEDULER, GObject)

/* Signals:
 *   "fire" (GPtrArray *occurrences of NudgeOccurrence, gboolean summary)
 *   "rearmed" (gint64 next_fire or 0 when nothing is pending) */

NudgeScheduler *nudge_scheduler_new            (NudgeStore     *store);
/* Arms the wall-clock timer and watches store, resume and time zone.
 * Without start (tests with a fake clock) call check_now yourself. */
void            nudge_scheduler_start          (NudgeScheduler *self);
void            nudge_scheduler_stop           (NudgeScheduler *self);
/* Before start: the file whose replacement means the zone changed
 * (/etc/localtime unless set; tests give one of their own). */
void            nudge_scheduler_set_zone_file  (NudgeScheduler *self,
                                                const char     *path);
/* Fires everything due at nudge_clock_now() that did not fire yet and
 * re-arms. Returns how many reminders fired. */
guint           nudge_scheduler_check_now      (NudgeScheduler *self);
gboolean        nudge_scheduler_is_busy        (NudgeScheduler *self);
/* The next instant a reminder is due after nudge_clock_now() (UTC
 * seconds), 0 when none is pending. Quiet hours move it to their end. */
gint64          nudge_scheduler_get_next_fire  (NudgeScheduler *self);
int             nudge_scheduler_get_overdue_hint (NudgeScheduler *self);
/* Quiet hours: reminders wait outside [@day_start_min, @day_end_min)
 * local time, on the public holidays of the working hours
 * (nudge_working_hours_get(), read as each reminder is planned: set
 * them again after the holidays change) and, with @weekdays_only, on
 * Saturday and Sunday. */
void            nudge_scheduler_set_quiet_hours (NudgeScheduler *self,
                                                 gboolean        enabled,
                                                 int             day_start_min,
                                                 int             day_end_min,
                                                 gboolean        weekdays_only);
/* With @confirm, "fire" does not mark what it reports: the handler calls
 * mark_delivered for what it could show. */
void            nudge_scheduler_set_confirm_delivery (NudgeScheduler *self,
                                                      gboolean        confirm);
/* @on_screen: shown in a notification that goes when the app quits
 * (libnotify; GNOME Shell drops a notification whose sender left), seen
 * only once mark_seen says so: what a run leaves on screen is due again
 * at the next run's first check. FALSE: delivered for good (the portal
 * keeps its notifications). */
gboolean        nudge_scheduler_mark_delivered (NudgeScheduler  *self,
                                                GPtrArray       *occs,
                                                gboolean         on_screen,
                                                GError         **error);
/* The reminders of fire @keys (char *) were closed by the user or acted
 * on: not shown again. */
gboolean        nudge_scheduler_mark_seen      (NudgeScheduler  *self,
                                                GPtrArray       *keys,
                                                GError         **error);
gboolean        nudge_scheduler_is_delivered   (NudgeScheduler  *self,
                                                NudgeOccurrence *occ);
/* The instant a reminder for @occ is due: the snooze, else start − lead. */
gint64          nudge_scheduler_fire_time      (NudgeOccurrence *occ);
/* The reminder_fired key of @occ ("/snooze/<until>" appended when snoozed). */
char           *nudge_scheduler_dup_fire_key   (NudgeOccurrence *occ);

G_END_DECLS
