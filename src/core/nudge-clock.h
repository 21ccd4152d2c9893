/* nudge-clock.h — the one source of "now" for the core
 *
 * Everything that asks for the current time goes through here, so tests,
 * scripts and screenshots can pin it (NUDGE_NOW=ISO8601) and the reminder
 * scheduler can be driven by a fake clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The years a date may be typed or read in: a year 1 or 9999 is a slip,
 * and would stand first or last in every list for ever. */
#define NUDGE_MIN_YEAR 1900
#define NUDGE_MAX_YEAR 2199

typedef gint64 (*NudgeClockFunc) (gpointer user_data);

gint64      nudge_clock_now            (void);
/* The whole minute at or after @unix_seconds: a reminder set for "in an
 * hour" or "tomorrow morning" never rings at an odd second. */
gint64      nudge_clock_up_to_minute   (gint64         unix_seconds);
GDateTime  *nudge_clock_now_local      (void);
/* The local zone and local times, without GLib 2.74 reading the zone
 * file for each (see nudge-clock.c). */
GTimeZone  *nudge_clock_local_zone     (void);
/* The system's zone changed: the next local_zone() reads it again. */
void        nudge_clock_forget_local_zone (void);
/* The zone named @tzid ("Europe/Prague"), NULL when there is none of
 * that name: its file is read once for the process, not once a call as
 * g_time_zone_new_identifier() does once no one holds the zone. */
GTimeZone  *nudge_clock_zone           (const char    *tzid);
GDateTime  *nudge_clock_local_from_unix (gint64        unix_seconds);
GDateTime  *nudge_clock_local_new      (int            year,
                                        int            month,
                                        int            day,
                                        int            hour,
                                        int            minute,
                                        double         seconds);
GDateTime  *nudge_clock_to_local       (GDateTime     *datetime);
/* The local day @unix_seconds falls on. */
void        nudge_clock_local_date     (gint64         unix_seconds,
                                        GDate         *out);
gboolean    nudge_clock_is_pinned      (void);
void        nudge_clock_set_func       (NudgeClockFunc func,
                                        gpointer       user_data);
void        nudge_clock_pin            (gint64         unix_seconds);
void        nudge_clock_unpin          (void);
gboolean    nudge_clock_pin_from_env   (GError       **error);
/* The instant of a wall-clock time in @tz (NULL: local), RFC 5545 at
 * DST changes: in a gap the offset before it, a repeated hour the first
 * time. 0 for an invalid date. */
gint64      nudge_clock_local_to_unix  (GTimeZone     *tz,
                                        int            year,
                                        int            month,
                                        int            day,
                                        int            hour,
                                        int            minute,
                                        int            second);
gboolean    nudge_parse_iso8601        (const char    *text,
                                        GTimeZone     *default_tz,
                                        gint64        *out_unix,
                                        GError       **error);

G_END_DECLS
