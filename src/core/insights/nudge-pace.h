/* nudge-pace.h — rule follow-ups spread over the working days
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nudge-holidays.h"
#include "nudge-store.h"

G_BEGIN_DECLS

/* New follow-ups a rule makes per working day when it says nothing. */
#define NUDGE_PACE_DEFAULT_DAILY_LIMIT 5

/* The seller's working days and hours. A working day is one that is
 * not Saturday or Sunday (when weekends are skipped) and not a public
 * holiday of the region: what every "next working day", snooze, cadence
 * step counted in working days, rule pace and quiet hour goes by. */
typedef struct
{
  int                 day_start_min;   /* minutes after local midnight */
  int                 day_end_min;
  gboolean            skip_weekends;
  NudgeHolidayRegion  holidays;        /* days off besides weekends */
} NudgeWorkingHours;

/* The working hours the app and the command-line tool plan in (they
 * pass the preferences; the default is 09:00–17:00, Monday to Friday,
 * no holidays). Safe to read on workers. */
void     nudge_working_hours_get      (NudgeWorkingHours       *out_hours);
void     nudge_working_hours_set      (const NudgeWorkingHours *hours);
/* The working hours the app's settings say ("working-day-start",
 * "working-day-end", "skip-weekends", "holidays"). */
void     nudge_working_hours_from_settings (GSettings          *settings,
                                            NudgeWorkingHours  *out_hours);

/* Whether @day's date (in @day's own zone) is a working day of @hours. */
gboolean nudge_working_hours_is_working_day (const NudgeWorkingHours *hours,
                                             GDateTime               *day);
/* @day, or the first working day of @hours after it, at the same time
 * of day. */
GDateTime *nudge_working_hours_first_working_day (const NudgeWorkingHours *hours,
                                                  GDateTime               *day);

/* @at when it falls within the working hours of a working day, else
 * the start of the next working hours: where a follow-up meant "now"
 * or "on that day", with no time of its own, is due. */
gint64   nudge_working_hours_next     (const NudgeWorkingHours *hours,
                                       gint64                   at);

/* Due times for new follow-ups, at most @daily_limit a working day
 * counting @taken (due times already planned by the same rule), spread
 * across the working hours in slots, never before @now. @earliest holds
 * one gint64 per new follow-up, in the order they get the first free
 * slots (best first): the soonest each may be due. Returns as many due
 * times, in the same order. @daily_limit 0: no limit, each at its
 * earliest moment within the working hours
 * (nudge_working_hours_next()). */
GArray  *nudge_pace_schedule          (const NudgeWorkingHours *hours,
                                       gint64                   now,
                                       int                      daily_limit,
                                       GArray                  *earliest,
                                       GArray                  *taken);

/* Cancels planned follow-ups of reactivation-like rules (a deal gone
 * quiet, no reply, a customer gone, stay in touch) whose deal or contact
 * has had an interaction since they were planned: the reason for them
 * is gone. Returns how many, -1 on error. */
int      nudge_pace_drop_answered     (NudgeStore              *store,
                                       gint64                   now,
                                       GError                 **error);

G_END_DECLS
