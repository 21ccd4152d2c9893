/* bench-scheduler.c — how fast the next reminder is found on a big book,
 * and how often an idle scheduler wakes up
 *
 * 50,000 open one-off follow-ups and 2,000 recurring ones; prints the time
 * nudge_scheduler_get_next_fire() takes (target < 5 ms) and the voluntary
 * context switches of this process while the armed scheduler idles in the
 * main loop for --idle seconds (target: none but the timer's).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-scheduler.h"
#include "nudge-store.h"

static long
voluntary_switches (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "voluntary_ctxt_switches:");
  return line ? strtol (line + strlen ("voluntary_ctxt_switches:"), NULL, 10) : -1;
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static gboolean
quit_cb (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeStore) store = NULL;
  g_autoptr(NudgeScheduler) scheduler = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  int n_oneoff = 50000, n_recurring = 2000, idle_s = 60;
  const char *rrules[] = { "FREQ=WEEKLY", "FREQ=DAILY", "FREQ=MONTHLY", "FREQ=WEEKLY;BYDAY=MO,TH" };
  double times[21];
  gint64 now, t0, next = 0;
  long before, after;

  for (int i = 1; i + 1 < argc; i++)
    if (g_str_equal (argv[i], "--idle"))
      idle_s = atoi (argv[++i]);
    else if (g_str_equal (argv[i], "--oneoff"))
      n_oneoff = atoi (argv[++i]);

  g_setenv ("TZ", "Europe/Prague", TRUE);
  nudge_clock_pin (now = 1772434800);   /* 2026-03-02 08:00 Prague */

  dir = g_dir_make_tmp ("nudge-bench-scheduler-XXXXXX", &error);
  path = g_build_filename (dir, "bench.db", NULL);
  if (!(store = nudge_store_open (path, &error)))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  t0 = g_get_monotonic_time ();
  nudge_store_begin (store, NULL);
  for (int i = 0; i < n_oneoff + n_recurring; i++)
    {
      NudgeFollowupSpec spec;
      g_autofree char *title = g_strdup_printf ("Follow-up %d", i);
      gboolean recurring = i >= n_oneoff;

      nudge_followup_spec_init (&spec);
      spec.title = title;
      spec.kind = "call";
      spec.tzid = "Europe/Prague";
      spec.remind_before_min = g_rand_int_range (rand, 0, 4) * 15;
      if (recurring)
        {
          spec.due_at = now - g_rand_int_range (rand, 1, 365) * 86400 + 3600;
          spec.rrule = rrules[i % G_N_ELEMENTS (rrules)];
        }
      else
        spec.due_at = now + 3 * 3600 + g_rand_int_range (rand, 0, 365 * 86400);
      if (nudge_followups_create (store, &spec, &error) == 0)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
    }
  nudge_store_commit (store, NULL);
  printf ("book: %d one-off + %d recurring follow-ups (%.1f s to create)\n",
          n_oneoff, n_recurring, (g_get_monotonic_time () - t0) / 1e6);

  scheduler = nudge_scheduler_new (store);
  {
    guint fired;

    t0 = g_get_monotonic_time ();
    fired = nudge_scheduler_check_now (scheduler);
    printf ("start-up catch-up: %u reminders fired in %.1f ms\n",
            fired, (g_get_monotonic_time () - t0) / 1e3);
  }

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      t0 = g_get_monotonic_time ();
      next = nudge_scheduler_get_next_fire (scheduler);
      times[i] = (g_get_monotonic_time () - t0) / 1e3;
    }
  qsort (times, G_N_ELEMENTS (times), sizeof times[0], cmp_double);
  printf ("next fire instant: in %" G_GINT64_FORMAT " s; median %.2f ms, max %.2f ms (target < 5 ms)\n",
          next - now, times[G_N_ELEMENTS (times) / 2], times[G_N_ELEMENTS (times) - 1]);

  if (idle_s > 0)
    {
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

      nudge_clock_unpin ();
      nudge_clock_pin (now);
      nudge_scheduler_start (scheduler);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_timeout_add_seconds (idle_s, quit_cb, loop);
      before = voluntary_switches ();
      g_main_loop_run (loop);
      after = voluntary_switches ();
      printf ("idle %d s with the timer armed %" G_GINT64_FORMAT " s ahead: %ld wake-ups "
              "(one is the end of this measurement)\n",
              idle_s, next - now, after - before);
      nudge_scheduler_stop (scheduler);
    }

  g_clear_object (&scheduler);
  g_clear_object (&store);
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
