/* bench-insights.c — every Insights metric over a year of the big book
 *
 * Builds (or reuses, with --db PATH) the 100k contacts / 30k deals / 300k
 * activities book and prints how long the Insights view's computation
 * takes for a one-year period, plus the bulk score update, a rules run
 * and a rule's pace for 30k deals at one a day.
 * Target: all metrics under 200 ms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "nudge-automation.h"
#include "nudge-clock.h"
#include "nudge-demo.h"
#include "nudge-insights.h"
#include "nudge-pace.h"
#include "nudge-scoring.h"
#include "nudge-store.h"

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeStore) store = NULL;
  g_autoptr(NudgeScoreWeights) weights = nudge_score_weights_new ();
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  const char *db = argc > 2 && g_str_equal (argv[1], "--db") ? argv[2] : NULL;
  gint64 start, now;
  int runs = 7;
  int actions;

  if (db != NULL)
    path = g_strdup (db);
  else
    {
      dir = g_dir_make_tmp ("nudge-bench-insights-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (dir, "nudge.db", NULL);
    }

  store = nudge_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (nudge_store_is_empty (store))
    {
      NudgeDemoOptions options;

      nudge_demo_options_init (&options);
      options.contacts = 100000;
      options.companies = 20000;
      options.deals = 30000;
      options.activities = 300000;
      options.followups = 50000;
      options.seed = 42;
      start = g_get_monotonic_time ();
      if (!nudge_demo_generate (store, &options, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      printf ("book: 100k contacts, 30k deals, 300k activities, 50k follow-ups built in %.0f ms\n", ms_since (start));
    }

  now = nudge_clock_now ();
  for (int i = 0; i < runs; i++)
    {
      g_autoptr(NudgeInsights) insights = NULL;
      double ms;

      start = g_get_monotonic_time ();
      insights = nudge_insights_compute (store, now - 365 * 86400, now, &error);
      ms = ms_since (start);
      if (insights == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_array_append_val (times, ms);
      if (i == 0)
        printf ("insights: %u deals with a first touch, %u follow-ups done, %u stages, %u forecast rows\n",
                insights->lead_response_n, insights->followups_done_n, insights->stages->len,
                insights->forecast->len);
    }
  g_array_sort (times, compare_double);
  printf ("insights, one year, all metrics: median %.1f ms, worst %.1f ms over %d runs (target < 200 ms)\n",
          g_array_index (times, double, runs / 2), g_array_index (times, double, runs - 1), runs);

  start = g_get_monotonic_time ();
  if (!nudge_score_update_all (store, weights, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("scores of every deal and contact: %.0f ms\n", ms_since (start));

  start = g_get_monotonic_time ();
  actions = nudge_rules_run (store, &error);
  if (actions < 0)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("rules, first run: %d actions in %.0f ms\n", actions, ms_since (start));
  start = g_get_monotonic_time ();
  actions = nudge_rules_run (store, &error);
  printf ("rules, second run (nothing new): %d actions in %.0f ms\n", actions, ms_since (start));

  {
    const NudgeWorkingHours hours = { 9 * 60, 17 * 60, TRUE, NUDGE_HOLIDAYS_CZECHIA };
    g_autoptr(GArray) earliest = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GArray) dues = NULL;
    g_autoptr(GDateTime) last = NULL;

    now = nudge_clock_now ();
    for (guint i = 0; i < 30000; i++)
      g_array_append_val (earliest, now);
    start = g_get_monotonic_time ();
    dues = nudge_pace_schedule (&hours, now, 1, earliest, NULL);
    last = g_date_time_new_from_unix_local (g_array_index (dues, gint64, dues->len - 1));
    printf ("rule pace, 30000 deals at one a working day: %.0f ms (the last in %d)\n",
            ms_since (start), g_date_time_get_year (last));
  }

  g_clear_object (&store);
  if (dir != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }
  return 0;
}
