/* bench-ics.c — exporting a big book as iCalendar
 *
 * 20,000 one-off follow-ups and 2,000 recurring reminders spread over a
 * year; prints the time and size of a one-year export. Target: < 1 s.
 * Then one daily reminder (a skipped and a done day) exported for a month
 * and for a hundred years: a series is written as its rule, so the wide
 * range should cost what the narrow one does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-ics.h"
#include "nudge-store.h"

static const char *const rules[] = {
  "FREQ=WEEKLY;BYDAY=MO",
  "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH",
  "FREQ=MONTHLY;BYMONTHDAY=-1",
  "FREQ=DAILY;INTERVAL=3",
  "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=10",
};

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeStore) store = NULL;
  g_autofree char *dir = NULL, *path = NULL, *out = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) start_dt = NULL;
  NudgeIcsOptions options;
  gint64 start, t0;
  double best = G_MAXDOUBLE;
  gsize length = 0;
  guint lines;

  g_setenv ("TZ", "Europe/Prague", TRUE);
  tzset ();
  tz = g_time_zone_new_identifier ("Europe/Prague");
  start_dt = g_date_time_new (tz, 2026, 1, 5, 9, 0, 0);
  start = g_date_time_to_unix (start_dt);
  nudge_clock_pin (start);

  dir = g_dir_make_tmp ("nudge-bench-ics-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "nudge.db", NULL);
  store = nudge_store_open (path, &error);
  g_assert_no_error (error);

  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < 22000; i++)
    {
      g_autofree char *title = g_strdup_printf ("Follow-up %u: call back, agree terms; send offer", i);
      NudgeFollowupSpec spec;

      nudge_followup_spec_init (&spec);
      spec.title = title;
      spec.tzid = i % 7 == 0 ? "Europe/Warsaw" : i % 11 == 0 ? "Europe/Kyiv" : "Europe/Prague";
      spec.kind = (const char *[]) { "call", "email", "meeting", "task" }[i % 4];
      spec.notes = i % 5 == 0 ? "Ask about the second warehouse, the discount and the delivery date." : NULL;
      spec.remind_before_min = 15;
      if (i < 20000)
        spec.due_at = start + (gint64) (i % 365) * 86400 + (i % 9) * 3600;
      else
        {
          spec.due_at = start + (gint64) (i % 30) * 86400;
          spec.rrule = rules[i % G_N_ELEMENTS (rules)];
        }
      if (nudge_followups_create (store, &spec, &error) == 0)
        g_error ("%s", error->message);
    }
  printf ("book: 20000 one-off + 2000 recurring follow-ups built in %.0f ms\n", ms_since (t0));

  nudge_ics_options_init (&options);
  options.from = start - 86400;
  options.to = start + 365 * 86400;
  t0 = g_get_monotonic_time ();
  {
    g_autoptr(GPtrArray) occurrences = nudge_followups_list_occurrences (store, options.from, options.to,
                                                                         FALSE, &error);
    g_assert_no_error (error);
    printf ("listing its %u occurrences (as the Calendar does): %.0f ms\n", occurrences->len, ms_since (t0));
  }
  for (guint run = 0; run < 3; run++)
    {
      g_clear_pointer (&out, g_free);
      t0 = g_get_monotonic_time ();
      out = nudge_ics_export (store, &options, &length, &error);
      g_assert_no_error (error);
      best = MIN (best, ms_since (t0));
    }
  lines = 0;
  for (const char *p = out; *p; p++)
    lines += *p == '\n';
  printf ("export-ics, one year: %.0f ms (best of 3), %.1f MB, %u lines\n", best, length / 1e6, lines);
  printf ("target < 1000 ms: %s\n", best < 1000 ? "met" : "MISSED");

  /* One daily series, narrow and wide */
  {
    g_autofree char *daily_path = g_build_filename (dir, "daily.db", NULL);
    g_autoptr(NudgeStore) daily = nudge_store_open (daily_path, &error);
    static const struct { const char *label; int days; } ranges[] = {
      { "a month", 31 }, { "100 years", 36525 },
    };
    NudgeFollowupSpec spec;
    gint64 id;

    g_assert_no_error (error);
    nudge_followup_spec_init (&spec);
    spec.title = "Daily stand-up call";
    spec.tzid = "Europe/Prague";
    spec.due_at = start;
    spec.rrule = "FREQ=DAILY";
    spec.remind_before_min = 5;
    id = nudge_followups_create (daily, &spec, &error);
    g_assert_no_error (error);
    g_assert_true (nudge_followups_complete (daily, id, start, &error));
    g_assert_true (nudge_followups_skip (daily, id, start + 3 * 86400, &error));
    g_assert_no_error (error);

    for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
      {
        double daily_best = G_MAXDOUBLE;

        nudge_ics_options_init (&options);
        options.from = start - 86400;
        options.to = start + (gint64) ranges[r].days * 86400;
        options.include_done = TRUE;
        for (guint run = 0; run < 3; run++)
          {
            g_clear_pointer (&out, g_free);
            t0 = g_get_monotonic_time ();
            out = nudge_ics_export (daily, &options, &length, &error);
            g_assert_no_error (error);
            daily_best = MIN (daily_best, ms_since (t0));
          }
        printf ("export-ics, one daily series over %-9s %8.1f ms (best of 3), %6.1f kB\n",
                ranges[r].label, daily_best, length / 1e3);
      }
    g_clear_object (&daily);
  }

  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name (d)))
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
  return best < 1000 ? 0 : 1;
}
