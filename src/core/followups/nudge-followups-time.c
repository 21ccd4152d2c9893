/* nudge-followups-time.c — a follow-up's days and times in its own zone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-followups"

#include "config.h"

#include "nudge-clock.h"
#include "nudge-followups-private.h"

static GTimeZone *
zone_for (const char *tzid)
{
  GTimeZone *tz = NULL;

  if (tzid != NULL && *tzid != '\0')
    tz = nudge_clock_zone (tzid);
  return tz ? tz : nudge_clock_local_zone ();
}

GDateTime *
_nudge_followups_local_time (gint64      at,
                             const char *tzid)
{
  g_autoptr(GTimeZone) tz = zone_for (tzid);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at);

  return g_date_time_to_timezone (utc, tz);
}

/* @at moved by @days local days, wall-clock time kept. */
gint64
_nudge_followups_add_local_days (gint64      at,
                                 const char *tzid,
                                 int         days)
{
  g_autoptr(GDateTime) local = _nudge_followups_local_time (at, tzid);
  g_autoptr(GDateTime) moved = g_date_time_add_days (local, days);

  return g_date_time_to_unix (moved);
}

gint64
_nudge_followups_make_local (const char *tzid,
                             int         year,
                             int         month,
                             int         day,
                             int         minute_of_day)
{
  g_autoptr(GTimeZone) tz = zone_for (tzid);

  return nudge_clock_local_to_unix (tz, year, month, day, minute_of_day / 60, minute_of_day % 60, 0);
}

/* The next local midnight after @at (@at itself when its day cannot be
 * told). */
gint64
_nudge_followups_end_of_local_day (gint64      at,
                                   const char *tzid)
{
  g_autoptr(GDateTime) local = _nudge_followups_local_time (at, tzid);
  gint64 midnight = _nudge_followups_make_local (tzid, g_date_time_get_year (local), g_date_time_get_month (local),
                                                 g_date_time_get_day_of_month (local), 0);

  return midnight == 0 ? at : _nudge_followups_add_local_days (midnight, tzid, 1);
}

/* The desktop's midnight of @at's day in @tzid: an all-day item's day
 * (a date, not an instant) on the desktop's calendar, whatever zone the
 * desktop is in. */
gint64
_nudge_followups_day_on_desktop (gint64      at,
                                 const char *tzid)
{
  g_autoptr(GDateTime) local = _nudge_followups_local_time (at, tzid);

  return nudge_clock_local_to_unix (NULL, g_date_time_get_year (local), g_date_time_get_month (local),
                                    g_date_time_get_day_of_month (local), 0, 0, 0);
}
