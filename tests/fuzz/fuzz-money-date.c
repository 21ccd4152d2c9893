/* fuzz-money-date.c — amounts and ISO 8601 times typed by people
 *
 * An amount that parses is never negative; a time that parses names an
 * instant that reads back the same when written as UTC.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "nudge-clock.h"
#include "nudge-format.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char *const currencies[] = { "CZK", "JPY", "KWD", "EUR" };
  static GTimeZone *prague;
  g_autofree char *text = g_strndup ((const char *) data, MIN (size, 256));
  gint64 minor = 0, at = 0, again = 0;

  if (prague == NULL)
    prague = g_time_zone_new_identifier ("Europe/Prague");

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (nudge_parse_money (text, currencies[i], &minor, NULL) && minor < 0)
      abort ();

  if (nudge_parse_iso8601 (text, prague, &at, NULL))
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (at);

      if (dt != NULL)
        {
          g_autofree char *utc = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ",
                                                  g_date_time_get_year (dt), g_date_time_get_month (dt),
                                                  g_date_time_get_day_of_month (dt), g_date_time_get_hour (dt),
                                                  g_date_time_get_minute (dt), g_date_time_get_second (dt));

          if (g_date_time_get_year (dt) >= 1 && g_date_time_get_year (dt) <= 9999 &&
              (!nudge_parse_iso8601 (utc, prague, &again, NULL) || again != at))
            abort ();
        }
    }
  return 0;
}
