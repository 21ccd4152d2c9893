/* fuzz-rrule.c — recurrence rules: validation, expansion, description
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "nudge-recurrence.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *rrule = g_strndup ((const char *) data, MIN (size, 4096));
  const gint64 dtstart = 1772442000;    /* 2026-03-02 10:00 Prague */
  g_autoptr(GArray) starts = NULL;
  g_autofree char *described = NULL;
  g_autofree char *until = NULL;

  g_setenv ("TZ", "Europe/Prague", TRUE);
  if (!nudge_recurrence_validate (rrule, dtstart, "Europe/Prague", FALSE, NULL))
    return 0;
  starts = nudge_recurrence_expand_rule (&(NudgeRecurrenceSeries) { rrule, dtstart, "Europe/Prague", FALSE, "" },
                                         dtstart, dtstart + 2 * 366 * 86400, 200, NULL);
  if (starts != NULL)
    for (guint i = 1; i < starts->len; i++)
      if (g_array_index (starts, gint64, i) <= g_array_index (starts, gint64, i - 1))
        abort ();                       /* ascending, no repeats */
  described = nudge_recurrence_describe (rrule);
  nudge_recurrence_get_count (rrule);
  nudge_recurrence_get_until_utc (rrule, "Europe/Prague");
  until = nudge_recurrence_set_until (rrule, dtstart + 30 * 86400, "Europe/Prague", FALSE);
  return 0;
}
