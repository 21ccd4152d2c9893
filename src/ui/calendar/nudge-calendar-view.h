/* nudge-calendar-view.h — follow-ups on a month grid or a week agenda
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "nudge-view.h"
#include "nudge-store.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_CALENDAR_VIEW (nudge_calendar_view_get_type ())

G_DECLARE_FINAL_TYPE (NudgeCalendarView, nudge_calendar_view, NUDGE, CALENDAR_VIEW, NudgeView)

/* Widget actions (also what drag and drop and the keyboard use):
 *   calendar.previous, calendar.next, calendar.today
 *   calendar.move-selection (i: days)
 *   calendar.mode (s: "month" | "week")
 *   calendar.reschedule ((xxss): follow-up id, occurrence start (UTC),
 *     "YYYY-MM-DD", "" = ask for a repeating one | "this" | "following")
 */
GtkWidget *nudge_calendar_view_new           (NudgeContext *context);
void       nudge_calendar_view_select_day    (NudgeCalendarView *self,
                                              int                year,
                                              int                month,
                                              int                day);
/* The chips' follow-up titles of one visible day, in order (for tests and
 * accessibility), NULL when the day is not visible. */
GStrv      nudge_calendar_view_dup_day_titles (NudgeCalendarView *self,
                                              int                year,
                                              int                month,
                                              int                day);
/* Whether the view shows what the book holds now (it is read on a worker). */
gboolean   nudge_calendar_view_is_loaded     (NudgeCalendarView *self);

G_END_DECLS
