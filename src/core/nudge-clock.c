/* nudge-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-clock"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "nudge-clock.h"
#include "nudge-types.h"

static NudgeClockFunc clock_func;
static gpointer clock_data;
static gboolean pinned;
static gint64 pinned_at;

gint64
nudge_clock_now (void)
{
  if (clock_func != NULL)
    return clock_func (clock_data);
  if (pinned)
    return pinned_at;
  return g_get_real_time () / G_USEC_PER_SEC;
}

gint64
nudge_clock_up_to_minute (gint64 unix_seconds)
{
  return unix_seconds + (60 - unix_seconds % 60) % 60;
}

/* GLib 2.74 drops its cached local zone whenever TZ is unset (the
 * zone's identifier never equals an unset TZ), so every local date it
 * makes reads and parses the zone file again: 4–10 µs, felt when a table
 * binds hundreds of dates. The zone is kept here instead, looked up again
 * when TZ changes and once a minute for a system zone that may change. */
static GMutex local_zone_lock;
static GTimeZone *local_zone;
static char *local_zone_tz;
static gint64 local_zone_read_at;

#define LOCAL_ZONE_MAX_AGE (60 * G_USEC_PER_SEC)

GTimeZone *
nudge_clock_local_zone (void)
{
  const char *tz = g_getenv ("TZ");
  gint64 now = g_get_monotonic_time ();
  GTimeZone *zone;

  g_mutex_lock (&local_zone_lock);
  if (local_zone == NULL || g_strcmp0 (tz, local_zone_tz) != 0 ||
      now - local_zone_read_at > LOCAL_ZONE_MAX_AGE)
    {
      g_clear_pointer (&local_zone, g_time_zone_unref);
      g_free (local_zone_tz);
      local_zone = g_time_zone_new_local ();
      local_zone_tz = g_strdup (tz);
      local_zone_read_at = now;
    }
  zone = g_time_zone_ref (local_zone);
  g_mutex_unlock (&local_zone_lock);
  return zone;
}

void
nudge_clock_forget_local_zone (void)
{
  g_mutex_lock (&local_zone_lock);
  g_clear_pointer (&local_zone, g_time_zone_unref);
  g_mutex_unlock (&local_zone_lock);
}

G_LOCK_DEFINE_STATIC (named_zones);

GTimeZone *
nudge_clock_zone (const char *tzid)
{
  static GHashTable *zones;  /* tzid → GTimeZone, NULL for no such zone */
  GTimeZone *tz;
  gpointer value;

  g_return_val_if_fail (tzid != NULL, NULL);

  G_LOCK (named_zones);
  if (zones == NULL)
    zones = g_hash_table_new (g_str_hash, g_str_equal);
  if (!g_hash_table_lookup_extended (zones, tzid, NULL, &value))
    {
      value = g_time_zone_new_identifier (tzid);
      g_hash_table_insert (zones, g_strdup (tzid), value);
    }
  tz = value ? g_time_zone_ref (value) : NULL;
  G_UNLOCK (named_zones);
  return tz;
}

GDateTime *
nudge_clock_local_from_unix (gint64 unix_seconds)
{
  g_autoptr(GTimeZone) zone = nudge_clock_local_zone ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);

  return utc != NULL ? g_date_time_to_timezone (utc, zone) : NULL;
}

GDateTime *
nudge_clock_local_new (int    year,
                       int    month,
                       int    day,
                       int    hour,
                       int    minute,
                       double seconds)
{
  g_autoptr(GTimeZone) zone = nudge_clock_local_zone ();

  return g_date_time_new (zone, year, month, day, hour, minute, seconds);
}

GDateTime *
nudge_clock_to_local (GDateTime *datetime)
{
  g_autoptr(GTimeZone) zone = nudge_clock_local_zone ();

  return g_date_time_to_timezone (datetime, zone);
}

void
nudge_clock_local_date (gint64  unix_seconds,
                        GDate  *out)
{
  g_autoptr(GDateTime) local = nudge_clock_local_from_unix (unix_seconds);

  g_date_clear (out, 1);
  g_date_set_dmy (out, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
}

GDateTime *
nudge_clock_now_local (void)
{
  return nudge_clock_local_from_unix (nudge_clock_now ());
}

gboolean
nudge_clock_is_pinned (void)
{
  return pinned || clock_func != NULL;
}

void
nudge_clock_set_func (NudgeClockFunc func,
                      gpointer       user_data)
{
  clock_func = func;
  clock_data = user_data;
}

void
nudge_clock_pin (gint64 unix_seconds)
{
  pinned = TRUE;
  pinned_at = unix_seconds;
}

void
nudge_clock_unpin (void)
{
  pinned = FALSE;
  clock_func = NULL;
}

static int
offset_at (GTimeZone *tz,
           gint64     at)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, at);

  return interval < 0 ? 0 : g_time_zone_get_offset (tz, interval);
}

/* RFC 5545 §3.3.5: a local time in a gap (spring forward) is read with the
 * offset from before the gap; a local time that happens twice (fall back)
 * is the first of the two. */
gint64
nudge_clock_local_to_unix (GTimeZone *tz,
                           int        year,
                           int        month,
                           int        day,
                           int        hour,
                           int        minute,
                           int        second)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) wall = NULL;
  gint64 naive, t_before, t_after;
  int before, after;
  gboolean before_ok, after_ok;

  if (tz == NULL)
    tz = local = nudge_clock_local_zone ();
  wall = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (wall == NULL)
    return 0;
  naive = g_date_time_to_unix (wall);

  /* Zones change their offset at most once within two days. */
  before = offset_at (tz, naive - 86400);
  after = offset_at (tz, naive + 86400);
  t_before = naive - before;
  t_after = naive - after;
  before_ok = offset_at (tz, t_before) == before;
  after_ok = offset_at (tz, t_after) == after;

  if (before_ok && after_ok)
    return MIN (t_before, t_after);     /* the same, or a repeated hour */
  if (after_ok)
    return t_after;
  return t_before;                      /* valid, or in the gap */
}

static gboolean
parse_number (const char **p,
              int          digits,
              int         *out)
{
  int v = 0;

  for (int i = 0; i < digits; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += digits;
  *out = v;
  return TRUE;
}

/* Accepts an ISO 8601 date-time with or without seconds (a fraction is
 * dropped), with Z, an offset (±HH, ±HHMM, ±HH:MM) or none (then
 * @default_tz applies, RFC 5545 style at DST changes), or a bare date
 * (midnight in that zone). "T" or a space between date and time. */
gboolean
nudge_parse_iso8601 (const char  *text,
                     GTimeZone   *default_tz,
                     gint64      *out_unix,
                     GError     **error)
{
  const char *p = text;
  int y, mo, d, h = 0, mi = 0, s = 0;
  gboolean ok = FALSE, zoned = FALSE;
  int offset = 0;

  g_return_val_if_fail (out_unix != NULL, FALSE);

  if (p != NULL)
    {
      while (*p == ' ')
        p++;
      ok = parse_number (&p, 4, &y) && *p++ == '-' && parse_number (&p, 2, &mo) &&
           *p++ == '-' && parse_number (&p, 2, &d);
    }
  if (ok && (*p == 'T' || *p == 't' || (*p == ' ' && g_ascii_isdigit (p[1]))))
    {
      p++;
      ok = parse_number (&p, 2, &h) && *p++ == ':' && parse_number (&p, 2, &mi);
      if (ok && *p == ':')
        {
          p++;
          ok = parse_number (&p, 2, &s);
          if (ok && (*p == '.' || *p == ','))
            {
              p++;
              ok = g_ascii_isdigit (*p);
              while (g_ascii_isdigit (*p))
                p++;
            }
        }
      if (ok && (*p == 'Z' || *p == 'z'))
        {
          p++;
          zoned = TRUE;
        }
      else if (ok && (*p == '+' || *p == '-'))
        {
          int sign = *p++ == '-' ? -1 : 1, oh = 0, om = 0;

          ok = parse_number (&p, 2, &oh);
          if (ok && *p == ':')
            p++;
          if (ok && g_ascii_isdigit (*p))
            ok = parse_number (&p, 2, &om);
          ok = ok && oh <= 18 && om < 60;
          offset = sign * (oh * 3600 + om * 60);
          zoned = TRUE;
        }
    }
  while (ok && *p == ' ')
    p++;
  /* 24:00 is not accepted; a leap second is read as :59. */
  ok = ok && *p == '\0' && h < 24 && mi < 60 && s <= 60;
  if (ok)
    {
      g_autoptr(GDateTime) wall = g_date_time_new_utc (y, mo, d, h, mi, MIN (s, 59));

      ok = wall != NULL;
      if (ok && zoned)
        *out_unix = g_date_time_to_unix (wall) - offset;
      else if (ok)
        *out_unix = nudge_clock_local_to_unix (default_tz, y, mo, d, h, mi, MIN (s, 59));
    }

  if (!ok)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("“%s” is not a date and time (expected e.g. 2026-03-29T09:00 or 2026-03-29)"),
                   text ? text : "");
      return FALSE;
    }
  if (y < NUDGE_MIN_YEAR || y > NUDGE_MAX_YEAR)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   /* Translators: a date as typed, then the first and last year */
                   _("“%s” is too far off: dates go from %d to %d"), text, NUDGE_MIN_YEAR, NUDGE_MAX_YEAR);
      return FALSE;
    }
  return TRUE;
}

gboolean
nudge_clock_pin_from_env (GError **error)
{
  const char *now = g_getenv ("NUDGE_NOW");
  gint64 at;

  if (now == NULL || *now == '\0')
    return TRUE;
  if (!nudge_parse_iso8601 (now, NULL, &at, error))
    {
      g_prefix_error (error, "NUDGE_NOW: ");
      return FALSE;
    }
  nudge_clock_pin (at);
  return TRUE;
}
