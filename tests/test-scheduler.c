/* test-scheduler.c — when reminders fire: lead time, snooze, recurrence
 * across DST, once across restarts, catch-up, re-arming, quiet hours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-scheduler.h"
#include "nudge-store.h"
#include "nudge-test-core.h"

#define TZID "Europe/Prague"

static NudgeScheduler *drained_scheduler;

typedef struct
{
  char           *dir;
  char           *path;
  NudgeStore     *store;
  NudgeScheduler *scheduler;
  GPtrArray      *fired;        /* keys, in order */
  guint           fire_signals;
  gboolean        last_summary;
  gint64          rearmed;
} Fixture;

static void
fire_cb (NudgeScheduler *scheduler,
         GPtrArray      *occs,
         gboolean        summary,
         Fixture        *f)
{
  f->fire_signals++;
  f->last_summary = summary;
  for (guint i = 0; i < occs->len; i++)
    g_ptr_array_add (f->fired, nudge_scheduler_dup_fire_key (g_ptr_array_index (occs, i)));
}

static void
rearmed_cb (NudgeScheduler *scheduler,
            gint64          next,
            Fixture        *f)
{
  f->rearmed = next;
}

static void
open_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->store = nudge_store_open (f->path, &error);
  g_assert_no_error (error);
  f->scheduler = nudge_scheduler_new (f->store);
  drained_scheduler = f->scheduler;
  g_signal_connect (f->scheduler, "fire", G_CALLBACK (fire_cb), f);
  g_signal_connect (f->scheduler, "rearmed", G_CALLBACK (rearmed_cb), f);
}

static void
close_store (Fixture *f)
{
  g_clear_object (&f->scheduler);
  g_clear_object (&f->store);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 8, 0));
  f->dir = g_dir_make_tmp ("nudge-scheduler-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "nudge.db", NULL);
  f->fired = g_ptr_array_new_with_free_func (g_free);
  open_store (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_store (f);
  nudge_test_book_close (&f->store, &f->dir, &f->path);
  g_ptr_array_unref (f->fired);
}

static gint64
add_followup (Fixture    *f,
              const char *title,
              gint64      due_at,
              int         lead_min,
              const char *rrule)
{
  NudgeFollowupSpec spec;

  nudge_test_call_spec (&spec, title, due_at, nudge_test_add_deal (f->store, "title", title, NULL));
  spec.remind_before_min = lead_min;
  spec.rrule = rrule;
  return nudge_test_create_followup (f->store, &spec);
}

/* The clock pinned to @when: how many reminders the scheduler shows
 * now (the clock stays there). */
static guint
check_at (Fixture *f,
          gint64   when)
{
  nudge_clock_pin (when);
  return nudge_scheduler_check_now (f->scheduler);
}

/* Asked again at once, the scheduler shows nothing more; its next
 * reminder is at @next (0: none is left). */
static void
assert_nothing_more (Fixture *f,
                     gint64   next)
{
  g_assert_cmpuint (nudge_scheduler_check_now (f->scheduler), ==, 0);
  g_assert_cmpint (nudge_scheduler_get_next_fire (f->scheduler), ==, next);
}

/* Runs the loop until the scheduler's worker is back and nothing is
 * pending. */
static void
drain (void)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  do
    while (g_main_context_iteration (NULL, FALSE))
      ;
  while (drained_scheduler != NULL && nudge_scheduler_is_busy (drained_scheduler) &&
         g_get_monotonic_time () < deadline && (g_usleep (1000), TRUE));
}

static void
test_lead_time (Fixture       *f,
                gconstpointer  data)
{
  add_followup (f, "Call Jana Nováková", nudge_test_prague (2026, 3, 2, 10, 0), 15, NULL);

  g_assert_cmpint (nudge_scheduler_get_next_fire (f->scheduler), ==, nudge_test_prague (2026, 3, 2, 9, 45));

  g_assert_cmpuint (check_at (f, nudge_test_prague (2026, 3, 2, 9, 44)), ==, 0);
  g_assert_cmpuint (check_at (f, nudge_test_prague (2026, 3, 2, 9, 45)), ==, 1);
  g_assert_cmpuint (f->fired->len, ==, 1);
  g_assert_false (f->last_summary);
  {
    g_autofree char *suffix = g_strdup_printf ("/%" G_GINT64_FORMAT, nudge_test_prague (2026, 3, 2, 10, 0));
    g_assert_true (g_str_has_suffix (g_ptr_array_index (f->fired, 0), suffix));
  }
  /* Once. */
  assert_nothing_more (f, 0);
}

static void
test_snooze (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_followup (f, "Send the offer", nudge_test_prague (2026, 3, 2, 10, 0), 0, NULL);

  g_assert_cmpuint (check_at (f, nudge_test_prague (2026, 3, 2, 10, 0)), ==, 1);

  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 10, 2));
  g_assert_true (nudge_followups_snooze (f->store, id, nudge_test_prague (2026, 3, 2, 11, 2), &error));
  g_assert_no_error (error);
  g_assert_cmpint (nudge_scheduler_get_next_fire (f->scheduler), ==, nudge_test_prague (2026, 3, 2, 11, 2));
  g_assert_cmpuint (check_at (f, nudge_test_prague (2026, 3, 2, 11, 1)), ==, 0);
  g_assert_cmpuint (check_at (f, nudge_test_prague (2026, 3, 2, 11, 2)), ==, 1);
  g_assert_cmpuint (f->fired->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (f->fired, 1), "/snooze/"));
  g_assert_cmpuint (nudge_scheduler_check_now (f->scheduler), ==, 0);
}

/* A snooze fires when asked, not the lead time before it; a snoozed
 * occurrence of a series fires at its snooze, not with the next one. */
static void
test_snooze_lead_and_series (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 once = add_followup (f, "Send the offer", nudge_test_prague (2026, 3, 2, 10, 0), 15, NULL);
  gint64 weekly = add_followup (f, "Weekly check-in", nudge_test_prague (2026, 3, 2, 10, 0), 0, "FREQ=WEEKLY");

  g_assert_cmpuint (check_at (f, nudge_test_prague (2026, 3, 2, 10, 0)), ==, 2);

  g_assert_true (nudge_followups_snooze (f->store, once, nudge_test_prague (2026, 3, 2, 11, 0), &error));
  g_assert_no_error (error);
  g_assert_cmpint (nudge_scheduler_get_next_fire (f->scheduler), ==, nudge_test_prague (2026, 3, 2, 11, 0));
  g_assert_cmpuint (check_at (f, nudge_test_prague (2026, 3, 2, 11, 0)), ==, 1);

  g_assert_true (nudge_followups_snooze (f->store, weekly, nudge_test_prague (2026, 3, 2, 14, 0), &error));
  g_assert_no_error (error);
  g_assert_cmpint (nudge_scheduler_get_next_fire (f->scheduler), ==, nudge_test_prague (2026, 3, 2, 14, 0));
  g_assert_cmpuint (check_at (f, nudge_test_prague (2026, 3, 2, 14, 0)), ==, 1);
  g_assert_cmpuint (f->fired->len, ==, 4);
  g_assert_nonnull (strstr (g_ptr_array_index (f->fired, 3), "/snooze/"));
  /* Once; then the next Monday's. */
  assert_nothing_more (f, nudge_test_prague (2026, 3, 9, 10, 0));
}

/* Done before its reminder: a one-off, an occurrence of a series and a
 * snoozed one give no reminder when their time comes; a series reminds
 * of its next occurrence. */
static void
test_done_not_reminded (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 once = add_followup (f, "Send the offer", nudge_test_prague (2026, 3, 2, 10, 0), 15, NULL);
  gint64 snoozed = add_followup (f, "Call Jana", nudge_test_prague (2026, 3, 2, 9, 0), 0, NULL);
  gint64 weekly = add_followup (f, "Weekly check-in", nudge_test_prague (2026, 3, 2, 10, 0), 15, "FREQ=WEEKLY");
  gint64 daily = add_followup (f, "Daily stand-up", nudge_test_prague (2026, 3, 2, 9, 0), 0, "FREQ=DAILY");

  /* The two due at 09:00 are reminded of, then snoozed to 11:00. */
  g_assert_cmpuint (check_at (f, nudge_test_prague (2026, 3, 2, 9, 0)), ==, 2);
  g_assert_true (nudge_followups_snooze (f->store, snoozed, nudge_test_prague (2026, 3, 2, 11, 0), &error));
  g_assert_no_error (error);
  g_assert_true (nudge_followups_snooze (f->store, daily, nudge_test_prague (2026, 3, 2, 11, 0), &error));
  g_assert_no_error (error);

  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 9, 30));
  g_assert_true (nudge_followups_complete (f->store, once, 0, &error));
  g_assert_no_error (error);
  g_assert_true (nudge_followups_complete (f->store, weekly, nudge_test_prague (2026, 3, 2, 10, 0), &error));
  g_assert_no_error (error);
  g_assert_true (nudge_followups_complete (f->store, snoozed, 0, &error));
  g_assert_no_error (error);
  g_assert_true (nudge_followups_complete (f->store, daily, nudge_test_prague (2026, 3, 2, 9, 0), &error));
  g_assert_no_error (error);
  /* Tomorrow's stand-up done ahead, as from the calendar. */
  g_assert_true (nudge_followups_complete (f->store, daily, nudge_test_prague (2026, 3, 3, 9, 0), &error));
  g_assert_no_error (error);

  /* Past their reminders and snoozes: nothing. */
  for (int minute = 45; minute <= 75; minute += 15)
    {
      g_assert_cmpuint (check_at (f, nudge_test_prague (2026, 3, 2, 9, 0) + minute * 60), ==, 0);
    }
  g_assert_cmpuint (check_at (f, nudge_test_prague (2026, 3, 2, 11, 0)), ==, 0);
  g_assert_cmpuint (f->fired->len, ==, 2);

  /* The daily one's next open occurrence is reminded of, the day after
   * tomorrow. */
  g_assert_cmpuint (check_at (f, nudge_test_prague (2026, 3, 3, 9, 0)), ==, 0);
  g_assert_cmpuint (check_at (f, nudge_test_prague (2026, 3, 4, 9, 0)), ==, 1);
  g_assert_cmpuint (f->fired->len, ==, 3);
}

/* Occurrences of a series done or skipped ahead of time are never
 * reminded of: the next wake-up is the first one that will fire, not one
 * of them (which found nothing and woke again each minute until it
 * passed). */
static void
test_wake_past_handled (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 daily = add_followup (f, "Daily stand-up", nudge_test_prague (2026, 3, 2, 9, 0), 10, "FREQ=DAILY");

  g_assert_cmpint (nudge_scheduler_get_next_fire (f->scheduler), ==, nudge_test_prague (2026, 3, 2, 8, 50));

  /* Today's and tomorrow's done ahead, the day after's skipped. */
  g_assert_true (nudge_followups_complete (f->store, daily, nudge_test_prague (2026, 3, 2, 9, 0), &error));
  g_assert_no_error (error);
  g_assert_true (nudge_followups_complete (f->store, daily, nudge_test_prague (2026, 3, 3, 9, 0), &error));
  g_assert_no_error (error);
  g_assert_true (nudge_followups_skip (f->store, daily, nudge_test_prague (2026, 3, 4, 9, 0), &error));
  g_assert_no_error (error);
  g_assert_cmpint (nudge_scheduler_get_next_fire (f->scheduler), ==, nudge_test_prague (2026, 3, 5, 8, 50));

  /* A check at the time the done one would have fired finds nothing and
   * still points at the real one. */
  g_assert_cmpuint (check_at (f, nudge_test_prague (2026, 3, 2, 8, 50)), ==, 0);
  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 8, 51));
  g_assert_cmpint (nudge_scheduler_get_next_fire (f->scheduler), ==, nudge_test_prague (2026, 3, 5, 8, 50));
  nudge_clock_pin (nudge_test_prague (2026, 3, 3, 9, 0));
  g_assert_cmpint (nudge_scheduler_get_next_fire (f->scheduler), ==, nudge_test_prague (2026, 3, 5, 8, 50));

  g_assert_cmpuint (check_at (f, nudge_test_prague (2026, 3, 5, 8, 50)), ==, 1);
  g_assert_cmpuint (f->fired->len, ==, 1);

  /* Away for ten days from the 6th, each marked done before leaving:
   * after the 5th's reminder, the next is the 16th's. */
  for (int day = 6; day <= 15; day++)
    {
      g_assert_true (nudge_followups_complete (f->store, daily, nudge_test_prague (2026, 3, day, 9, 0), &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (nudge_scheduler_get_next_fire (f->scheduler), ==, nudge_test_prague (2026, 3, 16, 8, 50));
}

static void
test_recurrence_dst (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* Weekly on Monday 09:00 Prague; summer time starts on 29 March. */
  id = add_followup (f, "Weekly check-in", nudge_test_prague (2026, 3, 23, 9, 0), 5, "FREQ=WEEKLY");

  nudge_clock_pin (nudge_test_prague (2026, 3, 23, 8, 0));
  g_assert_cmpint (nudge_scheduler_get_next_fire (f->scheduler), ==, nudge_test_prague (2026, 3, 23, 8, 55));
  g_assert_cmpuint (check_at (f, nudge_test_prague (2026, 3, 23, 8, 55)), ==, 1);
  g_assert_true (nudge_followups_complete (f->store, id, 0, &error));
  g_assert_no_error (error);

  /* The next one is 09:00 summer time: 07:00 UTC, not 08:00. */
  g_assert_cmpint (nudge_scheduler_get_next_fire (f->scheduler), ==, nudge_test_prague (2026, 3, 30, 8, 55));
  g_assert_cmpint (nudge_test_prague (2026, 3, 30, 8, 55) - nudge_test_prague (2026, 3, 23, 8, 55), ==, 7 * 86400 - 3600);
  g_assert_cmpuint (check_at (f, nudge_test_prague (2026, 3, 30, 8, 54)), ==, 0);
  g_assert_cmpuint (check_at (f, nudge_test_prague (2026, 3, 30, 8, 55)), ==, 1);
  g_assert_cmpuint (f->fired->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (f->fired, 0), !=, g_ptr_array_index (f->fired, 1));
}

static void
test_once_across_restart (Fixture       *f,
                          gconstpointer  data)
{
  add_followup (f, "Demo follow-up", nudge_test_prague (2026, 3, 2, 9, 0), 0, NULL);
  add_followup (f, "Later", nudge_test_prague (2026, 3, 2, 15, 0), 0, NULL);

  g_assert_cmpuint (check_at (f, nudge_test_prague (2026, 3, 2, 9, 30)), ==, 1);

  close_store (f);
  open_store (f);
  assert_nothing_more (f, nudge_test_prague (2026, 3, 2, 15, 0));
  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 16, 0));
  close_store (f);
  open_store (f);
  g_assert_cmpuint (nudge_scheduler_check_now (f->scheduler), ==, 1);
  g_assert_cmpuint (f->fired->len, ==, 2);
}

static void
catch_up (Fixture *f,
          guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Overdue %u", i);
      add_followup (f, title, nudge_test_prague (2026, 3, 2, 9, (int) i), 0, NULL);
    }
  /* The computer was asleep from 08:00 to 12:00. */
  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 12, 0));
  g_assert_cmpuint (nudge_scheduler_check_now (f->scheduler), ==, n);
  g_assert_cmpuint (f->fire_signals, ==, 1);
  g_assert_cmpuint (f->fired->len, ==, n);
}

static void
test_catch_up_individual (Fixture       *f,
                          gconstpointer  data)
{
  catch_up (f, 3);
  g_assert_false (f->last_summary);
}

static void
test_catch_up_summary (Fixture       *f,
                       gconstpointer  data)
{
  catch_up (f, 4);
  g_assert_true (f->last_summary);
}

/* Checked at 08:00, then the laptop slept until 12:00: the four that came
 * due in the gap arrive as one summary, and nothing fires twice. */
static void
test_resume_gap (Fixture       *f,
                 gconstpointer  data)
{
  g_assert_cmpuint (nudge_scheduler_check_now (f->scheduler), ==, 0);
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *title = g_strdup_printf ("During sleep %d", i);
      add_followup (f, title, nudge_test_prague (2026, 3, 2, 9 + i, 0), 10, NULL);
    }
  assert_nothing_more (f, nudge_test_prague (2026, 3, 2, 8, 50));
  g_assert_cmpuint (check_at (f, nudge_test_prague (2026, 3, 2, 12, 30)), ==, 4);
  g_assert_true (f->last_summary);
  assert_nothing_more (f, 0);
}

static void
test_rearm_after_change (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  NudgeFollowupSpec spec;
  gint64 a, b;

  nudge_scheduler_start (f->scheduler);
  drain ();
  g_assert_cmpint (f->rearmed, ==, 0);

  a = add_followup (f, "Call back", nudge_test_prague (2026, 3, 2, 11, 0), 15, NULL);
  drain ();
  g_assert_cmpint (f->rearmed, ==, nudge_test_prague (2026, 3, 2, 10, 45));

  b = add_followup (f, "Earlier", nudge_test_prague (2026, 3, 2, 10, 0), 0, NULL);
  drain ();
  g_assert_cmpint (f->rearmed, ==, nudge_test_prague (2026, 3, 2, 10, 0));

  /* Edited to later: the timer moves. */
  {
    g_autoptr(NudgeFollowup) fu = nudge_store_get_followup (f->store, b, &error);
    g_assert_no_error (error);
    nudge_followup_spec_from_followup (&spec, fu);
    spec.due_at = nudge_test_prague (2026, 3, 2, 13, 0);
    g_assert_true (nudge_followups_update (f->store, b, &spec, &error));
    g_assert_no_error (error);
  }
  drain ();
  g_assert_cmpint (f->rearmed, ==, nudge_test_prague (2026, 3, 2, 10, 45));

  /* Done: the next one is the edited one. */
  g_assert_true (nudge_followups_complete (f->store, a, 0, &error));
  g_assert_no_error (error);
  drain ();
  g_assert_cmpint (f->rearmed, ==, nudge_test_prague (2026, 3, 2, 13, 0));
  g_assert_cmpuint (f->fired->len, ==, 0);

  nudge_scheduler_stop (f->scheduler);
}

/* A clock running at real speed from a chosen instant. */
static gint64 offset_clock_base;
static gint64 offset_clock_real;

static gint64
offset_clock (gpointer data)
{
  return offset_clock_base + g_get_real_time () / G_USEC_PER_SEC - offset_clock_real;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The armed timer itself wakes the scheduler: nothing calls check_now. */
static void
test_timer_fires (Fixture       *f,
                  gconstpointer  data)
{
  gboolean timed_out = FALSE;
  guint timeout;

  offset_clock_base = nudge_test_prague (2026, 3, 2, 9, 59) + 58;
  offset_clock_real = g_get_real_time () / G_USEC_PER_SEC;
  nudge_clock_set_func (offset_clock, NULL);

  add_followup (f, "On the minute", nudge_test_prague (2026, 3, 2, 10, 0), 0, NULL);
  nudge_scheduler_start (f->scheduler);
  drain ();
  g_assert_cmpuint (f->fired->len, ==, 0);
  g_assert_cmpint (f->rearmed, ==, nudge_test_prague (2026, 3, 2, 10, 0));

  timeout = g_timeout_add_seconds (10, timeout_cb, &timed_out);
  while (f->fired->len == 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
  g_assert_cmpuint (f->fired->len, ==, 1);
  g_assert_cmpint (nudge_clock_now (), >=, nudge_test_prague (2026, 3, 2, 10, 0));
  g_assert_cmpint (nudge_clock_now (), <=, nudge_test_prague (2026, 3, 2, 10, 0) + 2);

  nudge_scheduler_stop (f->scheduler);
  nudge_clock_set_func (NULL, NULL);
}

/* A follow-up @title due at @due, with quiet hours from 09:00 to 17:00
 * on working days and the clock at @before: its reminder is held until
 * @held, shows nothing when due and shows at @held. */
static void
assert_held (Fixture    *f,
             const char *title,
             gint64      before,
             gint64      due,
             gint64      held)
{
  add_followup (f, title, due, 0, NULL);
  nudge_scheduler_set_quiet_hours (f->scheduler, TRUE, 9 * 60, 17 * 60, TRUE);
  nudge_clock_pin (before);
  g_assert_cmpint (nudge_scheduler_get_next_fire (f->scheduler), ==, held);
  g_assert_cmpuint (check_at (f, due), ==, 0);
  g_assert_cmpuint (check_at (f, held), ==, 1);
}

static void
test_quiet_hours (Fixture       *f,
                  gconstpointer  data)
{
  /* Saturday 7 March, 10:00: held until Monday 9 March, 09:00. */
  assert_held (f, "Weekend idea", nudge_test_prague (2026, 3, 6, 18, 0), nudge_test_prague (2026, 3, 7, 10, 0),
               nudge_test_prague (2026, 3, 9, 9, 0));

  /* Without quiet hours it would have fired on Saturday. */
  add_followup (f, "Sunday", nudge_test_prague (2026, 3, 15, 10, 0), 0, NULL);
  nudge_scheduler_set_quiet_hours (f->scheduler, FALSE, 9 * 60, 17 * 60, TRUE);
  g_assert_cmpint (nudge_scheduler_get_next_fire (f->scheduler), ==, nudge_test_prague (2026, 3, 15, 10, 0));

  /* The working day ends at 17:00: one due then waits for Tuesday. */
  add_followup (f, "At the end of the day", nudge_test_prague (2026, 3, 9, 17, 0), 0, NULL);
  nudge_scheduler_set_quiet_hours (f->scheduler, TRUE, 9 * 60, 17 * 60, TRUE);
  g_assert_cmpint (nudge_scheduler_get_next_fire (f->scheduler), ==, nudge_test_prague (2026, 3, 10, 9, 0));
}

/* Quiet hours hold a reminder through Christmas in Czechia: due on
 * Thursday 24 December 2026, shown on Monday 28 at 09:00; without
 * holidays, when it is due. */
static void
test_quiet_holidays (Fixture       *f,
                     gconstpointer  data)
{
  nudge_test_use_holidays (NUDGE_HOLIDAYS_CZECHIA);
  assert_held (f, "Christmas Eve", nudge_test_prague (2026, 12, 23, 18, 0), nudge_test_prague (2026, 12, 24, 10, 0),
               nudge_test_prague (2026, 12, 28, 9, 0));

  add_followup (f, "Next Christmas Eve", nudge_test_prague (2027, 12, 24, 10, 0), 0, NULL);
  nudge_test_use_holidays (NUDGE_HOLIDAYS_NONE);
  nudge_scheduler_set_quiet_hours (f->scheduler, TRUE, 9 * 60, 17 * 60, TRUE);
  g_assert_cmpint (nudge_scheduler_get_next_fire (f->scheduler), ==, nudge_test_prague (2027, 12, 24, 10, 0));
}

/* The zone changed while quiet hours hold a reminder: the release is
 * worked out again in the new zone, at its 09:00, not at Prague's.
 * The zone is changed as timedated does it: a new link renamed over the
 * old one. */
static void
test_zone_change (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *zone_file = g_build_filename (f->dir, "localtime", NULL);
  g_autofree char *new_link = g_build_filename (f->dir, "localtime.new", NULL);
  g_autoptr(GTimeZone) kyiv = g_time_zone_new_identifier ("Europe/Kyiv");
  gint64 kyiv_nine = nudge_clock_local_to_unix (kyiv, 2026, 3, 9, 9, 0, 0);
  gboolean timed_out = FALSE;
  guint timeout;

  g_assert_no_errno (symlink ("/usr/share/zoneinfo/Europe/Prague", zone_file));
  add_followup (f, "Weekend idea", nudge_test_prague (2026, 3, 7, 10, 0), 0, NULL);
  nudge_scheduler_set_quiet_hours (f->scheduler, TRUE, 9 * 60, 17 * 60, TRUE);
  nudge_clock_pin (nudge_test_prague (2026, 3, 6, 18, 0));
  nudge_scheduler_set_zone_file (f->scheduler, zone_file);
  nudge_scheduler_start (f->scheduler);
  drain ();
  g_assert_cmpint (f->rearmed, ==, nudge_test_prague (2026, 3, 9, 9, 0));

  g_setenv ("TZ", "Europe/Kyiv", TRUE);
  g_assert_no_errno (symlink ("/usr/share/zoneinfo/Europe/Kyiv", new_link));
  g_assert_no_errno (g_rename (new_link, zone_file));
  timeout = g_timeout_add_seconds (10, timeout_cb, &timed_out);
  while (f->rearmed != kyiv_nine && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  g_setenv ("TZ", NUDGE_TEST_TZID, TRUE);
  g_assert_cmpint (f->rearmed, ==, kyiv_nine);
  /* An hour before Prague's 09:00. */
  g_assert_cmpint (kyiv_nine, ==, nudge_test_prague (2026, 3, 9, 8, 0));
  nudge_scheduler_stop (f->scheduler);
}

int
main (int argc, char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "lead-time", NUDGE_TEST_FUNC (test_lead_time) },
    { "snooze", NUDGE_TEST_FUNC (test_snooze) },
    { "snooze-lead-and-series", NUDGE_TEST_FUNC (test_snooze_lead_and_series) },
    { "recurrence-dst", NUDGE_TEST_FUNC (test_recurrence_dst) },
    { "done-not-reminded", NUDGE_TEST_FUNC (test_done_not_reminded) },
    { "wake-past-handled", NUDGE_TEST_FUNC (test_wake_past_handled) },
    { "once-across-restart", NUDGE_TEST_FUNC (test_once_across_restart) },
    { "catch-up-individual", NUDGE_TEST_FUNC (test_catch_up_individual) },
    { "catch-up-summary", NUDGE_TEST_FUNC (test_catch_up_summary) },
    { "resume-gap", NUDGE_TEST_FUNC (test_resume_gap) },
    { "rearm-after-change", NUDGE_TEST_FUNC (test_rearm_after_change) },
    { "quiet-hours", NUDGE_TEST_FUNC (test_quiet_hours) },
    { "quiet-holidays", NUDGE_TEST_FUNC (test_quiet_holidays) },
    { "timer-fires", NUDGE_TEST_FUNC (test_timer_fires) },
    { "zone-change", NUDGE_TEST_FUNC (test_zone_change) },
  };

  nudge_test_init (&argc, &argv, "C");

  nudge_test_add_table ("/core/scheduler/", Fixture, fixture_set_up, fixture_tear_down, cases);
  return g_test_run ();
}
