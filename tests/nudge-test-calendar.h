/* nudge-test-calendar.h — the Calendar view's tests share one month
 *
 * A demo-like November 2026 in Prague, seen on the 18th at 9:00: an
 * overdue offer, today's call, a busy Friday (the 20th), an all-day
 * trade fair, a weekly check-in and one follow-up next year; the view
 * in a window of its own, its toasts in an overlay as in the app's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-test-ui.h"

G_BEGIN_DECLS

#define NUDGE_TEST_CALENDAR_TZID "Europe/Prague"

typedef struct
{
  NudgeTestBook book;
  GtkWidget  *window;
  GtkWidget  *view;
  gint64      offer;
  gint64      weekly;
} NudgeTestCalendar;

void       nudge_test_calendar_set_up      (NudgeTestCalendar *f,
                                            gconstpointer      data);
/* The busy check of nudge_test_spin(): the view's month not read yet */
gboolean   nudge_test_calendar_busy        (gpointer           view);
/* A follow-up (@rrule may be NULL); its id */
gint64     nudge_test_calendar_add         (NudgeTestCalendar *f,
                                            const char        *title,
                                            const char        *kind,
                                            gint64             due,
                                            gboolean           all_day,
                                            const char        *rrule);
/* The titles the view shows on a day, or NULL */
GStrv      nudge_test_calendar_titles      (NudgeTestCalendar *f,
                                            int                year,
                                            int                month,
                                            int                day);
/* The chip that reads @text ("11:00 Invoice"), in the grid or an open
 * "+N more" list, or NULL */
GtkWidget *nudge_test_calendar_chip        (NudgeTestCalendar *f,
                                            const char        *text);
/* The "+N more" button under @widget that reads @label, or NULL */
GtkWidget *nudge_test_calendar_more_button (GtkWidget         *widget,
                                            const char        *label);

G_END_DECLS
