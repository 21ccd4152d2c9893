/* test-followups.c — follow-up operations and the occurrence listing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-recurrence.h"
#include "nudge-store.h"
#include "nudge-test-core.h"

#define TZID "Europe/Prague"

/* The book; for a test whose data is a recurrence rule, also a deal and
 * a weekly check-in series for it repeating by that rule. */
typedef struct
{
  NudgeTestBook book;   /* first: the book's own tear-down frees it */
  gint64        deal;
  gint64        series;
} Fixture;

static gint64
deal_next_followup (Fixture *f,
                    gint64   deal_id)
{
  g_autoptr(NudgeDeal) d = nudge_store_get_deal (f->book.store, deal_id, NULL);

  g_assert_nonnull (d);
  return nudge_deal_get_next_followup_at (d);
}

static gint64
add_weekly (Fixture    *f,
            gint64      deal_id,
            const char *rrule)
{
  return nudge_test_add_followup (f->book.store, deal_id, "Weekly check-in", nudge_test_prague (2026, 3, 2, 9, 0), rrule);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  rrule)
{
  nudge_clock_pin (nudge_test_prague (2026, 3, 1, 12, 0));
  nudge_test_book_set_up (&f->book, NULL);
  if (rrule != NULL)
    {
      f->deal = nudge_test_add_titled_deal (f->book.store, "Weekly check-ins");
      f->series = add_weekly (f, f->deal, rrule);
    }
}

static gint64
add_one_off (Fixture    *f,
             gint64      deal_id,
             const char *kind,
             gint64      due)
{
  NudgeFollowupSpec spec;

  nudge_test_call_spec (&spec, "Send the offer", due, deal_id);
  spec.kind = kind;
  return nudge_test_create_followup (f->book.store, &spec);
}

/* An all-day follow-up on the day @due starts, kept in @tzid. */
static gint64
add_all_day (Fixture    *f,
             const char *title,
             const char *tzid,
             gint64      due)
{
  NudgeFollowupSpec spec;

  nudge_followup_spec_init (&spec);
  spec.title = title;
  spec.all_day = TRUE;
  spec.tzid = tzid;
  spec.due_at = due;
  return nudge_test_create_followup (f->book.store, &spec);
}

static GPtrArray *
list (Fixture  *f,
      gint64    from,
      gint64    to,
      gboolean  include_done)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *all = nudge_followups_list_occurrences (f->book.store, from, to, include_done, &error);

  g_assert_no_error (error);
  g_assert_nonnull (all);
  return all;
}

static void
test_complete_occurrence (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeFollowup) before = nudge_test_get_followup (f->book.store, f->series);
  g_autoptr(NudgeFollowup) after = NULL;
  g_autoptr(GPtrArray) occurrences = NULL;

  g_assert_cmpint (nudge_followup_get_next_at (before), ==, nudge_test_prague (2026, 3, 2, 9, 0));
  g_assert_cmpint (deal_next_followup (f, f->deal), ==, nudge_test_prague (2026, 3, 2, 9, 0));

  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 9, 30));
  g_assert_true (nudge_followups_complete (f->book.store, f->series, 0, &error));
  g_assert_no_error (error);
  after = nudge_test_get_followup (f->book.store, f->series);
  g_assert_cmpstr (nudge_followup_get_status (after), ==, "open");
  g_assert_cmpint (nudge_followup_get_next_at (after), ==, nudge_test_prague (2026, 3, 9, 9, 0));
  g_assert_cmpint (deal_next_followup (f, f->deal), ==, nudge_test_prague (2026, 3, 9, 9, 0));

  occurrences = list (f, nudge_test_prague (2026, 3, 1, 0, 0), nudge_test_prague (2026, 3, 17, 0, 0), TRUE);
  g_assert_cmpuint (occurrences->len, ==, 3);
  g_assert_cmpint (nudge_occurrence_get_state (g_ptr_array_index (occurrences, 0)), ==, NUDGE_OCCURRENCE_DONE);
  g_assert_cmpint (nudge_occurrence_get_start (g_ptr_array_index (occurrences, 0)), ==, nudge_test_prague (2026, 3, 2, 9, 0));
  g_assert_cmpint (nudge_occurrence_get_state (g_ptr_array_index (occurrences, 1)), ==, NUDGE_OCCURRENCE_OPEN);
  g_assert_false (nudge_occurrence_get_is_overdue (g_ptr_array_index (occurrences, 1)));
  g_assert_true (nudge_occurrence_get_recurring (g_ptr_array_index (occurrences, 1)));

  /* Completing the occurrence before the DST change moves next_at to
   * 09:00 summer time: 07:00 UTC. */
  nudge_clock_pin (nudge_test_prague (2026, 3, 23, 9, 5));
  g_assert_true (nudge_followups_complete (f->book.store, f->series, nudge_test_prague (2026, 3, 23, 9, 0), &error));
  g_assert_no_error (error);
  g_clear_object (&after);
  after = nudge_test_get_followup (f->book.store, f->series);
  g_assert_cmpint (nudge_followup_get_next_at (after), ==, nudge_test_prague (2026, 3, 30, 9, 0));
  g_assert_cmpint (nudge_followup_get_next_at (after) % 86400, ==, 7 * 3600);

  /* Not an occurrence */
  g_assert_false (nudge_followups_complete (f->book.store, f->series, nudge_test_prague (2026, 3, 31, 9, 0), &error));
  g_assert_nonnull (error);
}

static void
test_finite_series_ends (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(NudgeFollowup) done = NULL;

  nudge_clock_pin (nudge_test_prague (2026, 3, 9, 10, 0));
  g_assert_true (nudge_followups_complete (f->book.store, f->series, nudge_test_prague (2026, 3, 9, 9, 0), NULL));
  /* The missed first occurrence is before the cursor: the series is over. */
  done = nudge_test_get_followup (f->book.store, f->series);
  g_assert_cmpstr (nudge_followup_get_status (done), ==, "done");
  g_assert_cmpint (nudge_followup_get_next_at (done), ==, 0);
  g_assert_cmpint (deal_next_followup (f, f->deal), ==, 0);
}

static void
test_missed_shows_once (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) due = NULL;
  NudgeOccurrence *o;

  nudge_clock_pin (nudge_test_prague (2026, 3, 25, 10, 0));
  due = list (f, G_MININT64, nudge_clock_now () + 1, FALSE);
  g_assert_cmpuint (due->len, ==, 1);
  o = g_ptr_array_index (due, 0);
  g_assert_cmpint (nudge_followup_get_id (nudge_occurrence_get_followup (o)), ==, f->series);
  g_assert_cmpint (nudge_occurrence_get_start (o), ==, nudge_test_prague (2026, 3, 23, 9, 0));
  g_assert_true (nudge_occurrence_get_is_overdue (o));
  g_assert_cmpuint (nudge_followups_count_overdue (f->book.store), ==, 1);

  /* One-offs: timed ones are overdue from their time, all-day ones once
   * their day is over; snoozed ones from the snooze. */
  add_one_off (f, 0, "call", nudge_test_prague (2026, 3, 25, 9, 0));
  add_one_off (f, 0, "call", nudge_test_prague (2026, 3, 25, 11, 0));
  {
    gint64 snoozed;

    add_all_day (f, "All day today", TZID, nudge_test_prague (2026, 3, 25, 0, 0));
    add_all_day (f, "All day yesterday", TZID, nudge_test_prague (2026, 3, 24, 0, 0));
    snoozed = add_one_off (f, 0, "call", nudge_test_prague (2026, 3, 25, 8, 0));
    g_assert_true (nudge_followups_snooze (f->book.store, snoozed, nudge_test_prague (2026, 3, 25, 10, 30), NULL));
  }
  g_clear_pointer (&due, g_ptr_array_unref);
  due = list (f, G_MININT64, nudge_clock_now () + 1, FALSE);
  {
    guint listed = 0;

    for (guint i = 0; i < due->len; i++)
      listed += nudge_occurrence_get_is_overdue (g_ptr_array_index (due, i));
    g_assert_cmpuint (listed, ==, 3);
  }
  g_assert_cmpuint (nudge_followups_count_overdue (f->book.store), ==, 3);
}

/* An all-day follow-up kept in another zone is overdue once its day has
 * ended there: counted as Today lists it, not by the desktop's midnight. */
static void
test_overdue_all_day_other_zone (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) day = g_date_time_new (new_york, 2026, 3, 24, 0, 0, 0);
  g_autoptr(GPtrArray) due = NULL;
  guint listed = 0;

  add_all_day (f, "All day in New York", "America/New_York", g_date_time_to_unix (day));

  /* 03:00 in Prague is still the 24th (21:00) in New York. */
  nudge_clock_pin (nudge_test_prague (2026, 3, 25, 3, 0));
  due = list (f, G_MININT64, nudge_clock_now () + 1, FALSE);
  for (guint i = 0; i < due->len; i++)
    listed += nudge_occurrence_get_is_overdue (g_ptr_array_index (due, i));
  g_assert_cmpuint (listed, ==, 0);
  g_assert_cmpuint (nudge_followups_count_overdue (f->book.store), ==, 0);

  /* Past midnight in New York (07:00 in Prague): overdue, in both. */
  nudge_clock_pin (nudge_test_prague (2026, 3, 25, 7, 0));
  g_clear_pointer (&due, g_ptr_array_unref);
  due = list (f, G_MININT64, nudge_clock_now () + 1, FALSE);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_true (nudge_occurrence_get_is_overdue (g_ptr_array_index (due, 0)));
  g_assert_cmpuint (nudge_followups_count_overdue (f->book.store), ==, 1);
}

/* Sunday 25 October 2026 has 25 hours in Prague (summer time ends): an
 * all-day follow-up of that day lasts until the 26th's midnight and is
 * not overdue at 23:30 on the 25th; a timed one due at that very minute
 * is not overdue yet either (overdue is due before now). */
static void
test_overdue_all_day_dst_end (Fixture       *f,
                              gconstpointer  data)
{
  gint64 all_day = add_all_day (f, "All day, clocks go back", TZID, nudge_test_prague (2026, 10, 25, 0, 0));
  gint64 timed;
  g_autoptr(GPtrArray) due = NULL;

  nudge_clock_pin (nudge_test_prague (2026, 10, 25, 23, 30));
  timed = add_one_off (f, 0, "call", nudge_clock_now ());
  due = list (f, G_MININT64, nudge_clock_now () + 1, FALSE);
  g_assert_cmpuint (due->len, ==, 2);
  for (guint i = 0; i < due->len; i++)
    {
      NudgeOccurrence *o = g_ptr_array_index (due, i);
      gint64 id = nudge_followup_get_id (nudge_occurrence_get_followup (o));

      g_assert_true (id == all_day || id == timed);
      g_assert_false (nudge_occurrence_get_is_overdue (o));
      if (id == all_day)
        g_assert_cmpint (nudge_occurrence_get_end (o), ==, nudge_test_prague (2026, 10, 26, 0, 0));
    }
  g_assert_cmpuint (nudge_followups_count_overdue (f->book.store), ==, 0);

  /* Its day over: overdue, in the list and the count alike. */
  nudge_clock_pin (nudge_test_prague (2026, 10, 26, 0, 0));
  g_assert_cmpuint (nudge_followups_count_overdue (f->book.store), ==, 2);
}

static void
test_skip (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeFollowup) after = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) with_done = NULL;

  g_assert_true (nudge_followups_skip (f->book.store, f->series, nudge_test_prague (2026, 3, 9, 9, 0), &error));
  g_assert_no_error (error);
  after = nudge_test_get_followup (f->book.store, f->series);
  g_assert_cmpstr (nudge_followup_get_exdates (after), ==, "20260309T090000");
  g_assert_cmpint (nudge_followup_get_sequence (after), ==, 1);

  open = list (f, nudge_test_prague (2026, 3, 1, 0, 0), nudge_test_prague (2026, 3, 17, 0, 0), FALSE);
  g_assert_cmpuint (open->len, ==, 2);
  g_assert_cmpint (nudge_occurrence_get_start (g_ptr_array_index (open, 1)), ==, nudge_test_prague (2026, 3, 16, 9, 0));
  with_done = list (f, nudge_test_prague (2026, 3, 1, 0, 0), nudge_test_prague (2026, 3, 17, 0, 0), TRUE);
  g_assert_cmpuint (with_done->len, ==, 3);
  g_assert_cmpint (nudge_occurrence_get_state (g_ptr_array_index (with_done, 1)), ==, NUDGE_OCCURRENCE_SKIPPED);

  /* A one-off cannot skip. */
  g_clear_error (&error);
  g_assert_false (nudge_followups_skip (f->book.store, add_one_off (f, 0, "task", nudge_test_prague (2026, 3, 3, 9, 0)),
                                        nudge_test_prague (2026, 3, 3, 9, 0), &error));
  g_assert_nonnull (error);
}

/* Two Mondays missed: only the latest shows as overdue. Skipping it
 * leaves nothing overdue; the one before stays missed, and the next
 * open one is next Monday. */
static void
test_skip_keeps_missed (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(NudgeFollowup) after = NULL;

  nudge_clock_pin (nudge_test_prague (2026, 3, 10, 12, 0));
  g_assert_cmpuint (nudge_followups_count_overdue (f->book.store), ==, 1);
  g_assert_true (nudge_followups_skip (f->book.store, f->series, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nudge_followups_count_overdue (f->book.store), ==, 0);
  open = list (f, G_MININT64, nudge_test_prague (2026, 3, 20, 0, 0), FALSE);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpint (nudge_occurrence_get_start (g_ptr_array_index (open, 0)), ==, nudge_test_prague (2026, 3, 16, 9, 0));
  after = nudge_test_get_followup (f->book.store, f->series);
  g_assert_cmpint (nudge_followup_get_next_at (after), ==, nudge_test_prague (2026, 3, 16, 9, 0));
}

static void
test_this_and_following (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeFollowup) old = NULL;
  g_autoptr(NudgeFollowup) created = NULL;
  g_autoptr(GArray) old_all = NULL;
  g_autoptr(GArray) new_first = NULL;
  NudgeFollowupSpec spec;
  gint64 new_id;

  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 9, 30));
  g_assert_true (nudge_followups_complete (f->book.store, f->series, 0, NULL));

  old = nudge_test_get_followup (f->book.store, f->series);
  nudge_followup_spec_from_followup (&spec, old);
  spec.due_at = nudge_test_prague (2026, 3, 16, 10, 0);
  spec.rrule = "FREQ=WEEKLY;BYDAY=MO;COUNT=8";
  new_id = nudge_followups_edit_following (f->book.store, f->series, nudge_test_prague (2026, 3, 16, 9, 0), &spec, &error);
  g_assert_no_error (error);
  g_assert_cmpint (new_id, >, f->series);
  g_clear_object (&old);

  old = nudge_test_get_followup (f->book.store, f->series);
  g_assert_null (strstr (nudge_followup_get_rrule (old), "COUNT"));
  g_assert_nonnull (strstr (nudge_followup_get_rrule (old), "UNTIL=20260316T075959Z"));
  /* One for the Done of its first occurrence, one for the split. */
  g_assert_cmpint (nudge_followup_get_sequence (old), ==, 2);
  old_all = nudge_recurrence_expand (old, G_MININT64, G_MAXINT64, 0, NULL);
  g_assert_cmpuint (old_all->len, ==, 2);
  g_assert_cmpint (nudge_followup_get_next_at (old), ==, nudge_test_prague (2026, 3, 9, 9, 0));

  created = nudge_test_get_followup (f->book.store, new_id);
  new_first = nudge_recurrence_expand (created, G_MININT64, G_MAXINT64, 0, NULL);
  g_assert_cmpuint (new_first->len, ==, 8);
  g_assert_cmpint (g_array_index (new_first, gint64, 0), ==, nudge_test_prague (2026, 3, 16, 10, 0));
  g_assert_cmpint (nudge_followup_get_deal_id (created), ==, f->deal);
  g_assert_cmpint (deal_next_followup (f, f->deal), ==, nudge_test_prague (2026, 3, 9, 9, 0));
}

static void
test_edit_this_and_reschedule (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeFollowup) series = NULL;
  g_autoptr(NudgeFollowup) moved = NULL;
  g_autoptr(NudgeFollowup) one_off = NULL;
  gint64 moved_id, one_id;

  moved_id = nudge_followups_reschedule_to_day (f->book.store, f->series, nudge_test_prague (2026, 3, 9, 9, 0), 2026, 3, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpint (moved_id, !=, f->series);
  moved = nudge_test_get_followup (f->book.store, moved_id);
  g_assert_cmpint (nudge_followup_get_due_at (moved), ==, nudge_test_prague (2026, 3, 10, 9, 0));
  g_assert_cmpstr (nudge_followup_get_rrule (moved), ==, "");
  series = nudge_test_get_followup (f->book.store, f->series);
  g_assert_cmpstr (nudge_followup_get_exdates (series), ==, "20260309T090000");

  /* A one-off keeps its id and time of day; the sequence grows. */
  one_id = add_one_off (f, f->deal, "email", nudge_test_prague (2026, 3, 4, 14, 15));
  g_assert_cmpint (nudge_followups_reschedule_to_day (f->book.store, one_id, 0, 2026, 4, 1, &error), ==, one_id);
  one_off = nudge_test_get_followup (f->book.store, one_id);
  g_assert_cmpint (nudge_followup_get_due_at (one_off), ==, nudge_test_prague (2026, 4, 1, 14, 15));
  g_assert_cmpint (nudge_followup_get_sequence (one_off), ==, 1);
}

/* Christmas in Czechia, 2026: "Tomorrow" on Wednesday 23 December and
 * a next step a day later are on Monday 28; a picked day stays where
 * it was put; "Next week" in the week before Easter is Tuesday. */
static void
test_snooze_holidays (Fixture       *f,
                      gconstpointer  data)
{
  const gint64 wednesday = nudge_test_prague (2026, 12, 23, 15, 0);
  const gint64 monday = nudge_test_prague (2026, 12, 28, 9, 0);
  NudgeNextStepPlan plan = { NUDGE_NEXT_STEP_1_DAY, 0, TRUE, 9 * 60, NULL, NULL };

  nudge_test_use_holidays (NUDGE_HOLIDAYS_CZECHIA);
  nudge_clock_pin (wednesday);
  g_assert_cmpint (nudge_followups_snooze_target (NUDGE_SNOOZE_TOMORROW, wednesday, TZID, 540, TRUE), ==, monday);
  g_assert_cmpint (nudge_followups_snooze_target (NUDGE_SNOOZE_TOMORROW, wednesday, TZID, 540, FALSE), ==,
                   nudge_test_prague (2026, 12, 27, 9, 0));
  g_assert_cmpint (nudge_followups_snooze_target (NUDGE_SNOOZE_NEXT_WEEK, nudge_test_prague (2026, 3, 30, 10, 0),
                                                  TZID, 540, TRUE), ==, nudge_test_prague (2026, 4, 7, 9, 0));
  g_assert_cmpint (nudge_followups_plan_due (&plan), ==, monday);
  /* At work on a holiday (or a Saturday), a short snooze stays short;
   * one from a working evening into the holiday moves. */
  g_assert_cmpint (nudge_followups_snooze_target (NUDGE_SNOOZE_10_MINUTES, nudge_test_prague (2026, 12, 24, 10, 0),
                                                  TZID, 540, TRUE), ==, nudge_test_prague (2026, 12, 24, 10, 10));
  g_assert_cmpint (nudge_followups_snooze_target (NUDGE_SNOOZE_1_HOUR, nudge_test_prague (2026, 12, 26, 10, 0),
                                                  TZID, 540, TRUE), ==, nudge_test_prague (2026, 12, 26, 11, 0));
  g_assert_cmpint (nudge_followups_snooze_target (NUDGE_SNOOZE_1_HOUR, nudge_test_prague (2026, 12, 23, 23, 30),
                                                  TZID, 540, TRUE), ==, monday);
  plan.step = NUDGE_NEXT_STEP_DATE;
  plan.date = nudge_test_prague (2026, 12, 24, 12, 0);
  g_assert_cmpint (nudge_followups_plan_due (&plan), ==, nudge_test_prague (2026, 12, 24, 9, 0));

  nudge_test_use_holidays (NUDGE_HOLIDAYS_NONE);
  plan.step = NUDGE_NEXT_STEP_1_DAY;
  g_assert_cmpint (nudge_followups_plan_due (&plan), ==, nudge_test_prague (2026, 12, 24, 9, 0));
  g_assert_cmpint (nudge_followups_snooze_target (NUDGE_SNOOZE_TOMORROW, wednesday, TZID, 540, TRUE), ==,
                   nudge_test_prague (2026, 12, 24, 9, 0));
}

static void
test_snooze_presets (Fixture       *f,
                     gconstpointer  data)
{
  gint64 friday = nudge_test_prague (2026, 3, 6, 17, 0);
  gint64 monday = nudge_test_prague (2026, 3, 9, 10, 0);
  int start = 8 * 60 + 30;
  gint64 deal = nudge_test_add_titled_deal (f->book.store, "Snooze");
  gint64 id;
  g_autoptr(NudgeFollowup) snoozed = NULL;

  g_assert_cmpint (nudge_followups_snooze_target (NUDGE_SNOOZE_10_MINUTES, friday, TZID, start, TRUE), ==, friday + 600);
  g_assert_cmpint (nudge_followups_snooze_target (NUDGE_SNOOZE_1_HOUR, friday, TZID, start, TRUE), ==, friday + 3600);
  g_assert_cmpint (nudge_followups_snooze_target (NUDGE_SNOOZE_TOMORROW, friday, TZID, start, FALSE), ==,
                   nudge_test_prague (2026, 3, 7, 8, 30));
  g_assert_cmpint (nudge_followups_snooze_target (NUDGE_SNOOZE_TOMORROW, friday, TZID, start, TRUE), ==,
                   nudge_test_prague (2026, 3, 9, 8, 30));
  g_assert_cmpint (nudge_followups_snooze_target (NUDGE_SNOOZE_NEXT_WEEK, friday, TZID, start, TRUE), ==,
                   nudge_test_prague (2026, 3, 9, 8, 30));
  g_assert_cmpint (nudge_followups_snooze_target (NUDGE_SNOOZE_NEXT_WEEK, monday, TZID, start, TRUE), ==,
                   nudge_test_prague (2026, 3, 16, 8, 30));
  g_assert_cmpint (nudge_followups_snooze_target (NUDGE_SNOOZE_10_MINUTES, nudge_test_prague (2026, 3, 6, 23, 55),
                                                  TZID, start, TRUE), ==, nudge_test_prague (2026, 3, 9, 8, 30));
  /* Across the DST change the working day still starts at 08:30 local. */
  g_assert_cmpint (nudge_followups_snooze_target (NUDGE_SNOOZE_TOMORROW, nudge_test_prague (2026, 3, 28, 12, 0),
                                                  TZID, start, FALSE), ==, nudge_test_prague (2026, 3, 29, 8, 30));

  id = add_one_off (f, deal, "call", nudge_test_prague (2026, 3, 6, 9, 0));
  nudge_clock_pin (friday);
  g_assert_true (nudge_followups_snooze (f->book.store, id,
                                         nudge_followups_snooze_target (NUDGE_SNOOZE_TOMORROW, friday, TZID, start, TRUE),
                                         NULL));
  snoozed = nudge_test_get_followup (f->book.store, id);
  g_assert_cmpint (nudge_followup_get_next_at (snoozed), ==, nudge_test_prague (2026, 3, 9, 8, 30));
  g_assert_cmpint (deal_next_followup (f, deal), ==, nudge_test_prague (2026, 3, 9, 8, 30));
  {
    g_autoptr(GPtrArray) due_today = list (f, G_MININT64, nudge_test_prague (2026, 3, 7, 0, 0), FALSE);

    g_assert_cmpuint (due_today->len, ==, 0);
  }

  /* Whatever asks for an odd second (a script, an older caller), the
   * snooze lands on the next whole minute, never earlier. */
  g_clear_object (&snoozed);
  g_assert_true (nudge_followups_snooze (f->book.store, id, nudge_test_prague (2026, 3, 6, 10, 5) + 17, NULL));
  snoozed = nudge_test_get_followup (f->book.store, id);
  g_assert_cmpint (nudge_followup_get_snoozed_until (snoozed), ==, nudge_test_prague (2026, 3, 6, 10, 6));
  g_clear_object (&snoozed);
  g_assert_true (nudge_followups_snooze (f->book.store, id, nudge_test_prague (2026, 3, 6, 10, 7), NULL));
  snoozed = nudge_test_get_followup (f->book.store, id);
  g_assert_cmpint (nudge_followup_get_snoozed_until (snoozed), ==, nudge_test_prague (2026, 3, 6, 10, 7));
}

/* Monday 08:30, last Monday's weekly 09:00 missed: it gave way to
 * today's 09:00 when Monday began, so only that one is listed and
 * nothing is overdue. Snoozed on Sunday past Monday's 09:00, the missed
 * one is skipped and Monday's keeps its time and its reminder; a snooze
 * that ends sooner holds only the missed one. */
static void
test_snooze_series_missed (Fixture       *f,
                           gconstpointer  data)
{
  NudgeOccurrence *o;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(NudgeFollowup) series = NULL;
  g_autoptr(GError) error = NULL;

  nudge_clock_pin (nudge_test_prague (2026, 3, 16, 8, 30));
  g_assert_cmpuint (nudge_followups_count_overdue (f->book.store), ==, 0);
  due = list (f, G_MININT64, nudge_test_prague (2026, 3, 17, 0, 0), FALSE);
  g_assert_cmpuint (due->len, ==, 1);
  o = g_ptr_array_index (due, 0);
  g_assert_cmpint (nudge_occurrence_get_start (o), ==, nudge_test_prague (2026, 3, 16, 9, 0));
  g_assert_false (nudge_occurrence_get_is_overdue (o));

  nudge_clock_pin (nudge_test_prague (2026, 3, 15, 20, 0));
  g_assert_cmpuint (nudge_followups_count_overdue (f->book.store), ==, 1);
  nudge_followups_undo_free (nudge_followups_snooze_overdue (f->book.store, NUDGE_SNOOZE_TOMORROW, 10 * 60 + 30,
                                                             TRUE, &error));
  g_assert_no_error (error);
  series = nudge_test_get_followup (f->book.store, f->series);
  g_assert_cmpint (nudge_followup_get_next_at (series), ==, nudge_test_prague (2026, 3, 16, 9, 0));
  g_clear_pointer (&due, g_ptr_array_unref);
  due = list (f, G_MININT64, nudge_clock_now () + 1, FALSE);
  g_assert_cmpuint (due->len, ==, 0);

  nudge_clock_pin (nudge_test_prague (2026, 3, 16, 10, 30));
  g_clear_pointer (&due, g_ptr_array_unref);
  due = list (f, G_MININT64, nudge_clock_now () + 1, FALSE);
  g_assert_cmpuint (due->len, ==, 1);
  o = g_ptr_array_index (due, 0);
  g_assert_cmpint (nudge_occurrence_get_start (o), ==, nudge_test_prague (2026, 3, 16, 9, 0));
  g_assert_cmpint (nudge_occurrence_get_due_at (o), ==, nudge_test_prague (2026, 3, 16, 9, 0));
  g_assert_true (nudge_occurrence_get_is_overdue (o));

  /* Sunday evening, the missed one snoozed to Monday 08:40: it stays
   * until then, and gives way to Monday's once that one starts. */
  nudge_clock_pin (nudge_test_prague (2026, 3, 22, 20, 0));
  g_assert_true (nudge_followups_snooze (f->book.store, f->series, nudge_test_prague (2026, 3, 23, 8, 40), &error));
  g_clear_object (&series);
  series = nudge_test_get_followup (f->book.store, f->series);
  g_assert_cmpint (nudge_followup_get_next_at (series), ==, nudge_test_prague (2026, 3, 23, 8, 40));
  nudge_clock_pin (nudge_test_prague (2026, 3, 23, 8, 50));
  g_assert_cmpuint (nudge_followups_count_overdue (f->book.store), ==, 1);
  nudge_clock_pin (nudge_test_prague (2026, 3, 23, 9, 30));
  g_clear_pointer (&due, g_ptr_array_unref);
  due = list (f, G_MININT64, nudge_clock_now () + 1, FALSE);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpint (nudge_occurrence_get_due_at (g_ptr_array_index (due, 0)), ==, nudge_test_prague (2026, 3, 23, 9, 0));
}

/* A deal's follow-up stays while the deal lives, though the contact it
 * names is deleted; a contact's own follow-up goes with the contact. */
static void
test_contact_deleted (Fixture       *f,
                      gconstpointer  data)
{
  gint64 contact = nudge_test_add_contact (f->book.store, "name", "Tomasz Wójcik", NULL);
  gint64 deal = nudge_test_add_deal (f->book.store, "title", "Service contract", "contact-id", contact, NULL);
  g_autoptr(GPtrArray) due = NULL;
  NudgeFollowupSpec spec;

  nudge_test_call_spec (&spec, "Meeting with Tomasz", nudge_test_prague (2026, 3, 1, 9, 0), deal);
  spec.contact_id = contact;
  nudge_test_create_followup (f->book.store, &spec);
  nudge_test_call_spec (&spec, "Birthday wishes", nudge_test_prague (2026, 3, 1, 10, 0), 0);
  spec.contact_id = contact;
  nudge_test_create_followup (f->book.store, &spec);
  g_assert_cmpuint (nudge_followups_count_overdue (f->book.store), ==, 2);

  g_assert_true (nudge_store_trash (f->book.store, NUDGE_ENTITY_CONTACT, &contact, 1, NULL));
  g_assert_cmpuint (nudge_followups_count_overdue (f->book.store), ==, 1);
  due = list (f, G_MININT64, nudge_clock_now (), FALSE);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpstr (nudge_followup_get_title (nudge_occurrence_get_followup (g_ptr_array_index (due, 0))), ==,
                   "Meeting with Tomasz");
}

static void
test_invalid_rule_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  NudgeFollowupSpec spec;

  nudge_followup_spec_init (&spec);
  spec.title = "Hourly";
  spec.due_at = nudge_test_prague (2026, 3, 2, 9, 0);
  spec.rrule = "FREQ=HOURLY";
  g_assert_cmpint (nudge_followups_create (f->book.store, &spec, &error), ==, 0);
  g_assert_error (error, NUDGE_RECURRENCE_ERROR, NUDGE_RECURRENCE_ERROR_UNSUPPORTED);
  all = nudge_store_list_followups (f->book.store, NUDGE_N_ENTITIES, 0, FALSE, NULL);
  g_assert_cmpuint (all->len, ==, 0);
}

static gboolean
has_deal (GPtrArray *deals,
          gint64     id)
{
  for (guint i = 0; i < deals->len; i++)
    if (nudge_deal_get_id (g_ptr_array_index (deals, i)) == id)
      return TRUE;
  return FALSE;
}

static void
test_no_next_step (Fixture       *f,
                   gconstpointer  data)
{
  gint64 with_step = nudge_test_add_titled_deal (f->book.store, "With a step");
  gint64 without = nudge_test_add_titled_deal (f->book.store, "Without");
  gint64 won = nudge_test_add_titled_deal (f->book.store, "Won");
  gint64 fu = add_one_off (f, with_step, "call", nudge_test_prague (2026, 3, 2, 10, 0));
  g_autoptr(GPtrArray) deals = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) later = NULL;
  g_autoptr(NudgeFollowup) next = NULL;
  g_autoptr(GError) error = NULL;
  gint64 next_id;

  g_assert_true (nudge_store_set_deal_status (f->book.store, won, NUDGE_DEAL_WON, NULL, NULL));
  deals = nudge_followups_list_deals_without_next_step (f->book.store, &error);
  g_assert_no_error (error);
  g_assert_true (has_deal (deals, without));
  g_assert_false (has_deal (deals, with_step));
  g_assert_false (has_deal (deals, won));

  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 10, 5));
  g_assert_true (nudge_followups_complete (f->book.store, fu, 0, NULL));
  after = nudge_followups_list_deals_without_next_step (f->book.store, NULL);
  g_assert_true (has_deal (after, with_step));
  g_assert_cmpint (deal_next_followup (f, with_step), ==, 0);

  next_id = nudge_followups_add_next_step (f->book.store, fu, NUDGE_NEXT_STEP_3_DAYS, 0, TRUE, NULL, &error);
  g_assert_no_error (error);
  next = nudge_test_get_followup (f->book.store, next_id);
  g_assert_cmpint (nudge_followup_get_due_at (next), ==, nudge_test_prague (2026, 3, 5, 10, 0));
  g_assert_cmpstr (nudge_followup_get_kind (next), ==, "call");
  g_assert_cmpint (deal_next_followup (f, with_step), ==, nudge_test_prague (2026, 3, 5, 10, 0));
  later = nudge_followups_list_deals_without_next_step (f->book.store, NULL);
  g_assert_false (has_deal (later, with_step));
  g_assert_cmpint (nudge_followups_add_next_step (f->book.store, fu, NUDGE_NEXT_STEP_NONE, 0, TRUE, NULL, NULL), ==, 0);

  /* From Thursday, +3 days lands on Sunday: Monday with weekends skipped. */
  nudge_clock_pin (nudge_test_prague (2026, 3, 5, 16, 0));
  {
    g_autoptr(NudgeFollowup) weekday = NULL;
    g_autoptr(NudgeFollowup) sunday = NULL;

    weekday = nudge_test_get_followup (f->book.store,
                                       nudge_followups_add_next_step (f->book.store, fu, NUDGE_NEXT_STEP_3_DAYS, 0,
                                                                      TRUE, "Weekday", NULL));
    sunday = nudge_test_get_followup (f->book.store,
                                      nudge_followups_add_next_step (f->book.store, fu, NUDGE_NEXT_STEP_3_DAYS, 0,
                                                                     FALSE, "Sunday", NULL));
    g_assert_cmpint (nudge_followup_get_due_at (weekday), ==, nudge_test_prague (2026, 3, 9, 10, 0));
    g_assert_cmpint (nudge_followup_get_due_at (sunday), ==, nudge_test_prague (2026, 3, 8, 10, 0));
  }
  /* A step whose words name another kind is of that kind. */
  {
    g_autoptr(NudgeFollowup) meeting = nudge_test_get_followup (
      f->book.store, nudge_followups_add_next_step (f->book.store, fu, NUDGE_NEXT_STEP_3_DAYS, 0, TRUE,
                                                    "Schůzka s Tomášem o smlouvě", NULL));

    g_assert_cmpstr (nudge_followup_get_kind (meeting), ==, "meeting");
  }
}

static void
count_changes_cb (NudgeStore     *store,
                  NudgeChangeSet *changes,
                  guint          *n)
{
  (*n)++;
}

/* A next step for a deal or contact with no follow-up just done: after a
 * new deal, a logged call, the "No next step" row. */
static void
test_plan_next_step (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(NudgeContact) c = nudge_contact_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) without = NULL;
  gint64 deal = nudge_test_add_titled_deal (f->book.store, "Fleet tracking");
  gint64 won = nudge_test_add_titled_deal (f->book.store, "Won");
  gint64 lost = nudge_test_add_titled_deal (f->book.store, "Lost");
  gint64 on_hold = nudge_test_add_titled_deal (f->book.store, "On hold");
  gint64 contact_id, id;
  guint n_changes = 0;

  g_object_set (c, "name", "Jana Nováková", NULL);
  contact_id = nudge_store_save_contact (f->book.store, c, &error);
  g_assert_no_error (error);
  {
    g_autoptr(NudgeDeal) d = nudge_store_get_deal (f->book.store, deal, NULL);

    g_object_set (d, "contact-id", contact_id, NULL);
    nudge_store_save_deal (f->book.store, d, &error);
    g_assert_no_error (error);
  }
  g_assert_true (nudge_store_set_deal_status (f->book.store, won, NUDGE_DEAL_WON, NULL, NULL));
  g_assert_true (nudge_store_set_deal_status (f->book.store, lost, NUDGE_DEAL_LOST, "Price", NULL));
  g_assert_true (nudge_store_set_deal_status (f->book.store, on_hold, NUDGE_DEAL_ON_HOLD, NULL, NULL));

  /* Closed deals are meant to be quiet: never flagged. */
  g_assert_true (nudge_followups_needs_next_step (f->book.store, deal, 0));
  g_assert_false (nudge_followups_needs_next_step (f->book.store, won, 0));
  g_assert_false (nudge_followups_needs_next_step (f->book.store, lost, 0));
  g_assert_false (nudge_followups_needs_next_step (f->book.store, on_hold, 0));
  g_assert_true (nudge_followups_needs_next_step (f->book.store, 0, contact_id));
  g_assert_false (nudge_followups_needs_next_step (f->book.store, 4242, 0));
  g_assert_false (nudge_followups_needs_next_step (f->book.store, 0, 0));
  without = nudge_followups_list_deals_without_next_step (f->book.store, &error);
  g_assert_no_error (error);
  g_assert_true (has_deal (without, deal));
  g_assert_false (has_deal (without, won));
  g_assert_false (has_deal (without, lost));
  g_assert_false (has_deal (without, on_hold));

  /* Thursday afternoon: +3 days is Sunday, so Monday at the start of the
   * working day, linked to the deal's contact too; in one commit. */
  nudge_clock_pin (nudge_test_prague (2026, 3, 5, 16, 0));
  g_signal_connect (f->book.store, "changes", G_CALLBACK (count_changes_cb), &n_changes);
  id = nudge_followups_plan_next_step (f->book.store, deal, 0,
                                       &(NudgeNextStepPlan) { NUDGE_NEXT_STEP_3_DAYS, 0, TRUE, 9 * 60, NULL, NULL },
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_changes, ==, 1);
  g_signal_handlers_disconnect_by_func (f->book.store, count_changes_cb, &n_changes);
  {
    g_autoptr(NudgeFollowup) next = nudge_test_get_followup (f->book.store, id);

    g_assert_cmpint (nudge_followup_get_due_at (next), ==, nudge_test_prague (2026, 3, 9, 9, 0));
    g_assert_cmpint (nudge_followup_get_deal_id (next), ==, deal);
    g_assert_cmpint (nudge_followup_get_contact_id (next), ==, contact_id);
    g_assert_cmpstr (nudge_followup_get_kind (next), ==, "call");
    g_assert_cmpstr (nudge_followup_get_title (next), ==, "Follow up");
    g_assert_cmpstr (nudge_followup_get_status (next), ==, "open");
  }
  g_assert_cmpint (deal_next_followup (f, deal), ==, nudge_test_prague (2026, 3, 9, 9, 0));
  g_assert_false (nudge_followups_needs_next_step (f->book.store, deal, 0));
  /* The deal's follow-up is the contact's too. */
  g_assert_false (nudge_followups_needs_next_step (f->book.store, 0, contact_id));

  /* Weekends allowed: Sunday, at 08:30. */
  {
    g_autoptr(NudgeFollowup) sunday =
      nudge_test_get_followup (f->book.store, nudge_followups_plan_next_step (f->book.store, deal, 0,
                                              &(NudgeNextStepPlan) { NUDGE_NEXT_STEP_3_DAYS, 0, FALSE, 8 * 60 + 30, "Sunday call", "email" },
                                              NULL));

    g_assert_cmpint (nudge_followup_get_due_at (sunday), ==, nudge_test_prague (2026, 3, 8, 8, 30));
    g_assert_cmpstr (nudge_followup_get_title (sunday), ==, "Sunday call");
    g_assert_cmpstr (nudge_followup_get_kind (sunday), ==, "email");
  }
  /* +1 day and +1 week from Thursday; a picked date keeps its day. */
  {
    g_autoptr(NudgeFollowup) friday =
      nudge_test_get_followup (f->book.store, nudge_followups_plan_next_step (f->book.store, deal, 0,
                                              &(NudgeNextStepPlan) { NUDGE_NEXT_STEP_1_DAY, 0, TRUE, 9 * 60, NULL, NULL },
                                              NULL));
    g_autoptr(NudgeFollowup) week =
      nudge_test_get_followup (f->book.store, nudge_followups_plan_next_step (f->book.store, deal, 0,
                                              &(NudgeNextStepPlan) { NUDGE_NEXT_STEP_1_WEEK, 0, TRUE, 9 * 60, NULL, NULL },
                                              NULL));
    g_autoptr(NudgeFollowup) picked =
      nudge_test_get_followup (f->book.store, nudge_followups_plan_next_step (f->book.store, deal, 0,
                                              &(NudgeNextStepPlan) { NUDGE_NEXT_STEP_DATE, nudge_test_prague (2026, 3, 20, 12, 0), TRUE, 10 * 60, NULL, NULL },
                                              NULL));

    g_assert_cmpint (nudge_followup_get_due_at (friday), ==, nudge_test_prague (2026, 3, 6, 9, 0));
    g_assert_cmpint (nudge_followup_get_due_at (week), ==, nudge_test_prague (2026, 3, 12, 9, 0));
    g_assert_cmpint (nudge_followup_get_due_at (picked), ==, nudge_test_prague (2026, 3, 20, 10, 0));
  }

  /* A contact without a deal. */
  {
    g_autoptr(NudgeContact) other = nudge_contact_new ();
    gint64 other_id;
    g_autoptr(NudgeFollowup) next = NULL;

    g_object_set (other, "name", "Petr Svoboda", NULL);
    other_id = nudge_store_save_contact (f->book.store, other, &error);
    g_assert_no_error (error);
    g_assert_true (nudge_followups_needs_next_step (f->book.store, 0, other_id));
    next = nudge_test_get_followup (f->book.store, nudge_followups_plan_next_step (f->book.store, 0, other_id,
                                                   &(NudgeNextStepPlan) { NUDGE_NEXT_STEP_1_DAY, 0, TRUE, 9 * 60, "Send the deck", "email" },
                                                   &error));
    g_assert_no_error (error);
    g_assert_cmpint (nudge_followup_get_deal_id (next), ==, 0);
    g_assert_cmpint (nudge_followup_get_contact_id (next), ==, other_id);
    g_assert_false (nudge_followups_needs_next_step (f->book.store, 0, other_id));
  }

  /* None plans nothing; a deal that is gone gets nothing and says so. */
  {
    g_autoptr(GPtrArray) before = nudge_store_list_followups (f->book.store, NUDGE_N_ENTITIES, 0, FALSE, NULL);
    g_autoptr(GPtrArray) after = NULL;

    g_assert_cmpint (nudge_followups_plan_next_step (f->book.store, deal, 0,
                                                     &(NudgeNextStepPlan) { NUDGE_NEXT_STEP_NONE, 0, TRUE, 540, NULL, NULL },
                                                     &error), ==, 0);
    g_assert_no_error (error);
    g_assert_cmpint (nudge_followups_plan_next_step (f->book.store, 4242, 0,
                                                     &(NudgeNextStepPlan) { NUDGE_NEXT_STEP_1_DAY, 0, TRUE, 540, NULL, NULL },
                                                     &error), ==, 0);
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_true (nudge_store_trash (f->book.store, NUDGE_ENTITY_DEAL, &deal, 1, NULL));
    g_assert_cmpint (nudge_followups_plan_next_step (f->book.store, deal, 0,
                                                     &(NudgeNextStepPlan) { NUDGE_NEXT_STEP_1_DAY, 0, TRUE, 540, NULL, NULL },
                                                     &error), ==, 0);
    g_assert_nonnull (error);
    after = nudge_store_list_followups (f->book.store, NUDGE_N_ENTITIES, 0, FALSE, NULL);
    g_assert_cmpuint (after->len, ==, before->len);
  }
}

static void
test_rotting (Fixture       *f,
              gconstpointer  data)
{
  gint64 fresh = nudge_test_add_titled_deal (f->book.store, "Fresh");
  gint64 idle = nudge_test_add_titled_deal (f->book.store, "Idle");
  g_autoptr(GPtrArray) rotting = NULL;
  g_autoptr(NudgeDeal) deal = nudge_store_get_deal (f->book.store, idle, NULL);
  int limit = nudge_deal_get_stage_rotting_days (deal);

  nudge_test_add_titled_deal (f->book.store, "Idle without a step");
  add_one_off (f, fresh, "call", nudge_test_prague (2026, 6, 1, 9, 0));
  add_one_off (f, idle, "call", nudge_test_prague (2026, 6, 1, 9, 0));
  g_assert_cmpint (limit, >, 0);

  nudge_clock_pin (nudge_test_prague (2026, 3, 1, 12, 0) + (gint64) (limit + 1) * 86400);
  {
    g_autoptr(NudgeActivity) a = nudge_activity_new ();

    g_object_set (a, "deal-id", fresh, "kind", "call", "occurred-at", nudge_clock_now () - 3600, NULL);
    g_assert_cmpint (nudge_store_add_activity (f->book.store, a, NULL), >, 0);
  }
  rotting = nudge_followups_list_rotting_deals (f->book.store, NULL);
  g_assert_nonnull (rotting);
  g_assert_cmpuint (rotting->len, ==, 1);
  g_assert_cmpint (nudge_deal_get_id (g_ptr_array_index (rotting, 0)), ==, idle);
}

static void
test_close_matching (Fixture       *f,
                     gconstpointer  data)
{
  gint64 deal = nudge_test_add_titled_deal (f->book.store, "Matching");
  gint64 call = add_one_off (f, deal, "call", nudge_test_prague (2026, 3, 2, 10, 0));
  gint64 tomorrow = add_one_off (f, deal, "email", nudge_test_prague (2026, 3, 3, 10, 0));
  g_autoptr(NudgeFollowup) closed = NULL;
  g_autoptr(NudgeFollowup) untouched = NULL;

  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 15, 0));
  /* An e-mail logged today does not close tomorrow's e-mail nor the call. */
  g_assert_cmpint (nudge_followups_close_matching (f->book.store, deal, 0, "email", NULL), ==, 0);
  g_assert_cmpint (nudge_followups_close_matching (f->book.store, deal, 0, "call", NULL), ==, call);
  closed = nudge_test_get_followup (f->book.store, call);
  untouched = nudge_test_get_followup (f->book.store, tomorrow);
  g_assert_cmpstr (nudge_followup_get_status (closed), ==, "done");
  g_assert_cmpint (nudge_followup_get_done_at (closed), ==, nudge_test_prague (2026, 3, 2, 15, 0));
  g_assert_cmpstr (nudge_followup_get_status (untouched), ==, "open");
}

static char *
utc_iso (gint64 at)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (at);

  return g_date_time_format (dt, "%FT%H:%MZ");
}

/* The start of the occurrence of @id on the local day that begins within
 * [@from, @to), as UTC text. */
static char *
occurrence_on (Fixture *f,
               gint64   id,
               gint64   from,
               gint64   to)
{
  g_autoptr(GPtrArray) all = list (f, from, to, FALSE);
  char *found = NULL;

  for (guint i = 0; i < all->len; i++)
    {
      NudgeOccurrence *occ = g_ptr_array_index (all, i);

      if (nudge_followup_get_id (nudge_occurrence_get_followup (occ)) != id)
        continue;
      g_assert_null (found);
      found = utc_iso (nudge_occurrence_get_start (occ));
    }
  g_assert_nonnull (found);
  return found;
}

/* RFC 5545 §3.3.5: a daily 02:30 on the day 02:30 does not exist uses the
 * offset before the gap; on the day it happens twice, the first one. */
static void
test_dst_edges (Fixture       *f,
                gconstpointer  data)
{
  static const struct {
    const char *tzid;
    int         start_month, start_day;
    const char *gap_day, *gap_expected;          /* local date, UTC instant */
    const char *repeat_day, *repeat_expected;
  } cases[] = {
    { "Europe/Prague", 3, 20, "2027-03-28", "2027-03-28T01:30Z", "2027-10-31", "2027-10-31T00:30Z" },
    /* South of the equator: the gap in October, the repeat in April. */
    { "Australia/Sydney", 3, 20, "2027-10-03", "2027-10-02T16:30Z", "2027-04-04", "2027-04-03T15:30Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (cases[i].tzid);
      g_autoptr(GDateTime) start = g_date_time_new (tz, 2027, cases[i].start_month, cases[i].start_day, 2, 30, 0);
      const char *days[] = { cases[i].gap_day, cases[i].repeat_day };
      const char *expected[] = { cases[i].gap_expected, cases[i].repeat_expected };
      g_autoptr(GError) error = NULL;
      NudgeFollowupSpec spec;
      gint64 id;

      nudge_followup_spec_init (&spec);
      spec.title = "Daily stand-up call";
      spec.kind = "call";
      spec.due_at = g_date_time_to_unix (start);
      spec.tzid = cases[i].tzid;
      spec.deal_id = nudge_test_add_titled_deal (f->book.store, cases[i].tzid);
      spec.rrule = "FREQ=DAILY";
      id = nudge_followups_create (f->book.store, &spec, &error);
      g_assert_no_error (error);

      for (guint k = 0; k < 2; k++)
        {
          g_autofree char *text = g_strconcat (days[k], "T02:30", NULL);
          g_autofree char *midnight_text = g_strconcat (days[k], "T00:00", NULL);
          g_autofree char *got = NULL;
          g_autofree char *parsed = NULL;
          gint64 midnight, at;

          /* A one-off typed as local time reads the same way. */
          g_assert_true (nudge_parse_iso8601 (text, tz, &at, &error));
          g_assert_no_error (error);
          parsed = utc_iso (at);
          g_assert_cmpstr (parsed, ==, expected[k]);

          g_assert_true (nudge_parse_iso8601 (midnight_text, tz, &midnight, &error));
          got = occurrence_on (f, id, midnight, midnight + 20 * 3600);
          g_test_message ("%s %s 02:30 → %s", cases[i].tzid, days[k], got);
          g_assert_cmpstr (got, ==, expected[k]);
        }
    }
}

int
main (int argc, char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "complete-occurrence", NUDGE_TEST_FUNC (test_complete_occurrence), "FREQ=WEEKLY;BYDAY=MO" },
    { "finite-series-ends", NUDGE_TEST_FUNC (test_finite_series_ends), "FREQ=WEEKLY;BYDAY=MO;COUNT=2" },
    { "missed-shows-once", NUDGE_TEST_FUNC (test_missed_shows_once), "FREQ=WEEKLY;BYDAY=MO" },
    { "overdue-all-day-other-zone", NUDGE_TEST_FUNC (test_overdue_all_day_other_zone) },
    { "overdue-all-day-dst-end", NUDGE_TEST_FUNC (test_overdue_all_day_dst_end) },
    { "skip", NUDGE_TEST_FUNC (test_skip), "FREQ=WEEKLY;BYDAY=MO" },
    { "skip-keeps-missed", NUDGE_TEST_FUNC (test_skip_keeps_missed), "FREQ=WEEKLY;BYDAY=MO" },
    { "this-and-following", NUDGE_TEST_FUNC (test_this_and_following), "FREQ=WEEKLY;BYDAY=MO;COUNT=10" },
    { "edit-this-and-reschedule", NUDGE_TEST_FUNC (test_edit_this_and_reschedule), "FREQ=WEEKLY;BYDAY=MO" },
    { "snooze-presets", NUDGE_TEST_FUNC (test_snooze_presets) },
    { "snooze-holidays", NUDGE_TEST_FUNC (test_snooze_holidays) },
    { "invalid-rule-refused", NUDGE_TEST_FUNC (test_invalid_rule_refused) },
    { "contact-deleted", NUDGE_TEST_FUNC (test_contact_deleted) },
    { "no-next-step", NUDGE_TEST_FUNC (test_no_next_step) },
    { "plan-next-step", NUDGE_TEST_FUNC (test_plan_next_step) },
    { "snooze-series-missed", NUDGE_TEST_FUNC (test_snooze_series_missed), "FREQ=WEEKLY;BYDAY=MO" },
    { "close-matching", NUDGE_TEST_FUNC (test_close_matching) },
    { "rotting", NUDGE_TEST_FUNC (test_rotting) },
    { "dst-edges", NUDGE_TEST_FUNC (test_dst_edges) },
  };

  nudge_test_init (&argc, &argv, "C");

  nudge_test_add_table ("/core/followups/", Fixture, fixture_set_up, nudge_test_book_tear_down, cases);
  return g_test_run ();
}
