/* bench-capture.c — how long quick capture takes to read a phrase on a
 * big book
 *
 *   bench-capture --db BOOK
 *
 * BOOK as nudge-cli demo --contacts 100000 --companies 20000 --deals
 * 30000 --activities 300000 --followups 50000 makes it. Prints, per
 * phrase, the candidates found and the best, median and worst of 20
 * parses (nudge_capture_parse(), the name looked up in the search
 * index). Over 16 ms does not fit in a frame: the app parses on a worker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "nudge-capture.h"
#include "nudge-store.h"

#define RUNS 20

static const char *const phrases[] = {
  "Call Lukáš Pokorný tomorrow at 10",
  "Zavolat tomas dvorak zítra v 10",
  "Zadzwonić do Ewa Woźniak jutro o 10",
  "Подзвонити Олена Шевченко завтра о 10",
  "Call Jan at 10",
  "Zavolat Janu Novákovi v pátek",
  "Meeting about Training, renewal next week",
  "Call the printer service tomorrow at 8",
  "Send offer to Tomáš Dvořák and ask about the budget for next year on Friday 3pm",
};

static int
compare_doubles (const void *a,
                 const void *b)
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
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (argc != 3 || g_strcmp0 (argv[1], "--db") != 0)
    {
      fprintf (stderr, "usage: bench-capture --db BOOK\n");
      return 2;
    }
  if (!(store = nudge_store_open (argv[2], &error)))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (phrases); i++)
    {
      double ms[RUNS];
      guint found = 0;

      for (guint r = 0; r < RUNS; r++)
        {
          gint64 start = g_get_monotonic_time ();
          g_autoptr(NudgeCapture) capture = nudge_capture_parse (store, phrases[i], now, &error);

          ms[r] = (g_get_monotonic_time () - start) / 1000.0;
          if (capture == NULL)
            {
              fprintf (stderr, "%s\n", error->message);
              return 1;
            }
          found = capture->candidates->len;
        }
      qsort (ms, RUNS, sizeof ms[0], compare_doubles);
      printf ("%-82s %3u found  best %6.2f  median %6.2f  worst %6.2f ms\n",
              phrases[i], found, ms[0], ms[RUNS / 2], ms[RUNS - 1]);
    }
  return 0;
}
