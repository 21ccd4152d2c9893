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

GDateTime *
nudge_clock_now_local (void)
{
  return g_date_time_new_from_unix_local (nudge_clock_now ());
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

/* Accepts a full ISO 8601 date-time (with or without zone; without, the
 * given zone applies), or a bare date (midnight in that zone). */
gboolean
nudge_parse_iso8601 (const char  *text,
                     GTimeZone   *default_tz,
                     gint64      *out_unix,
                     GError     **error)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) local = NULL;

  g_return_val_if_fail (out_unix != NULL, FALSE);

  if (default_tz == NULL)
    default_tz = local = g_time_zone_new_local ();

  if (text != NULL && *text != '\0')
    {
      dt = g_date_time_new_from_iso8601 (text, default_tz);
      if (dt == NULL)
        {
          int y, m, d;
          char tail;

          if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3)
            dt = g_date_time_new (default_tz, y, m, d, 0, 0, 0);
          else
            {
              int hh, mm;

              if (sscanf (text, "%4d-%2d-%2dT%2d:%2d%c", &y, &m, &d, &hh, &mm, &tail) == 5)
                dt = g_date_time_new (default_tz, y, m, d, hh, mm, 0);
            }
        }
    }

  if (dt == NULL)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("“%s” is not a date and time (expected e.g. 2026-03-29T09:00 or 2026-03-29)"),
                   text ? text : "");
      return FALSE;
    }

  *out_unix = g_date_time_to_unix (dt);
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
