/* test-agenda.c — what Today reads: a page of each long list, and how
 * long the list is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-scoring.h"
#include "nudge-store.h"
#include "nudge-test-core.h"

typedef NudgeTestBook Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  nudge_clock_pin (nudge_test_prague (2026, 3, 11, 12, 0));
  nudge_test_book_set_up (f, data);
}

static gint64
until_next_week (void)
{
  return nudge_test_prague (2026, 3, 19, 0, 0);
}

static gint64
end_of_today (void)
{
  return nudge_test_prague (2026, 3, 12, 0, 0);
}

/* The occurrences of one part of the agenda, in listing order */
static GPtrArray *
part_of (GPtrArray      *occurrences,
         NudgeAgendaPart part)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < occurrences->len; i++)
    {
      NudgeOccurrence *o = g_ptr_array_index (occurrences, i);
      NudgeAgendaPart in;

      if (nudge_occurrence_get_is_overdue (o))
        in = NUDGE_AGENDA_OVERDUE;
      else if (nudge_occurrence_get_due_at (o) < end_of_today ())
        in = NUDGE_AGENDA_TODAY;
      else
        in = NUDGE_AGENDA_LATER;
      if (in == part)
        g_ptr_array_add (out, o);
    }
  return out;
}

/* The agenda lists the first rows of each part of the full listing, in
 * its order, and says how many it left out: one-offs overdue for weeks
 * (some snoozed to another past day, one into the future), a series
 * overdue for weeks, all-day ones of yesterday, today and tomorrow,
 * one-offs overdue since this morning, and many due today and this
 * week. */
static void
test_agenda_is_a_prefix (Fixture       *f,
                         gconstpointer  data)
{
  gint64 deal = nudge_test_add_deal (f->store, "title", "Rollout", NULL);
  g_autoptr(GPtrArray) full = NULL;
  g_autoptr(GError) error = NULL;
  const char *all_day_days[] = { "Yesterday (all day)", "Today (all day)", "Tomorrow (all day)" };

  for (int i = 0; i < 40; i++)
    {
      g_autofree char *title = g_strdup_printf ("Old call %d", i);
      gint64 id = nudge_test_add_followup (f->store, deal, title,
                                           nudge_test_prague (2026, 2, 1 + i % 20, 9 + i % 3, 0), NULL);

      /* Two snoozed to a later day of the past, one into the future. */
      if (i == 3 || i == 7)
        g_assert_true (nudge_followups_snooze (f->store, id, nudge_test_prague (2026, 2, 25, 8, 0), NULL));
      if (i == 11)
        g_assert_true (nudge_followups_snooze (f->store, id, nudge_test_prague (2026, 3, 12, 8, 0), NULL));
    }
  for (int i = 0; i < 30; i++)
    {
      g_autofree char *today = g_strdup_printf ("Today %d", i);
      g_autofree char *later = g_strdup_printf ("Later %d", i);

      nudge_test_add_followup (f->store, deal, today, nudge_test_prague (2026, 3, 11, 13 + i % 10, i), NULL);
      nudge_test_add_followup (f->store, deal, later, nudge_test_prague (2026, 3, 13 + i % 5, 9, i), NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (all_day_days); i++)
    {
      g_autoptr(NudgeFollowup) created = NULL;
      NudgeFollowupSpec spec;
      gint64 id;

      nudge_followup_spec_init (&spec);
      spec.title = all_day_days[i];
      spec.all_day = TRUE;
      spec.due_at = nudge_test_prague (2026, 3, 10 + i, 0, 0);
      spec.tzid = NUDGE_TEST_TZID;
      spec.deal_id = deal;
      id = nudge_followups_create (f->store, &spec, &error);
      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
    }
  nudge_test_add_followup (f->store, deal, "Weekly review", nudge_test_prague (2026, 2, 2, 9, 0), "FREQ=WEEKLY");
  nudge_test_add_followup (f->store, deal, "This morning", nudge_test_prague (2026, 3, 11, 8, 0), NULL);
  nudge_test_add_followup (f->store, deal, "Yesterday", nudge_test_prague (2026, 3, 10, 15, 0), NULL);

  full = nudge_followups_list_occurrences (f->store, G_MININT64, until_next_week (), FALSE, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) overdue = part_of (full, NUDGE_AGENDA_OVERDUE);
    g_autoptr(GPtrArray) today = part_of (full, NUDGE_AGENDA_TODAY);

    g_assert_cmpuint (overdue->len, ==, nudge_followups_count_overdue (f->store));
    g_assert_cmpuint (overdue->len, >, 40);
    g_assert_cmpuint (today->len, >, 30);
  }

  for (guint limit = 0; limit <= 45; limit += 3)
    {
      guint limits[NUDGE_AGENDA_N_PARTS] = { limit, limit, limit };
      guint left_out[NUDGE_AGENDA_N_PARTS] = { G_MAXUINT, G_MAXUINT, G_MAXUINT };
      g_autoptr(GPtrArray) page = NULL;

      page = nudge_followups_list_agenda (f->store, end_of_today (), until_next_week (), limits, left_out, &error);
      g_assert_no_error (error);
      g_assert_nonnull (page);
      for (NudgeAgendaPart part = 0; part < NUDGE_AGENDA_N_PARTS; part++)
        {
          g_autoptr(GPtrArray) want = part_of (full, part);
          g_autoptr(GPtrArray) got = part_of (page, part);

          /* Nothing is lost: listed and left out add up to the full part. */
          g_assert_cmpuint (got->len + left_out[part], ==, want->len);
          /* The first @limit rows are the full part's first rows. */
          g_assert_cmpuint (got->len, >=, MIN (limit, want->len));
          for (guint i = 0; i < MIN (limit, want->len); i++)
            {
              g_autofree char *a = nudge_occurrence_dup_key (g_ptr_array_index (got, i));
              g_autofree char *b = nudge_occurrence_dup_key (g_ptr_array_index (want, i));

              g_assert_cmpstr (a, ==, b);
            }
          if (limit >= 45)
            g_assert_cmpuint (left_out[part], ==, 0);
        }
    }
}

/* A page of the deals without a next step, and of the rotting ones, is
 * the start of the whole list, with the whole list's length. */
static void
test_deal_pages (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) rotting_all = NULL;
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 12; i++)
    {
      g_autofree char *title = g_strdup_printf ("Deal %d", i);

      nudge_test_add_deal (f->store, "title", title, NULL);
    }
  all = nudge_followups_list_deals_without_next_step (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 12);

  for (guint limit = 0; limit <= 14; limit++)
    {
      g_autoptr(GPtrArray) page = NULL;
      guint total = 0;

      page = nudge_followups_list_deals_without_next_step_page (f->store, limit, &total, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (page->len, ==, MIN (limit, all->len));
      g_assert_cmpuint (total, ==, all->len);
      for (guint i = 0; i < page->len; i++)
        g_assert_cmpint (nudge_deal_get_id (g_ptr_array_index (page, i)), ==,
                         nudge_deal_get_id (g_ptr_array_index (all, i)));
    }

  /* Seven of them get a next step and then lie idle past the limit. */
  {
    g_autoptr(NudgeDeal) first = g_ptr_array_index (all, 0) ? g_object_ref (g_ptr_array_index (all, 0)) : NULL;
    int limit_days = nudge_deal_get_stage_rotting_days (first);

    g_assert_cmpint (limit_days, >, 0);
    for (guint i = 0; i < 7; i++)
      nudge_test_add_followup (f->store, nudge_deal_get_id (g_ptr_array_index (all, i)), "Call",
                               nudge_test_prague (2026, 9, 1, 9, 0), NULL);
    nudge_clock_pin (nudge_clock_now () + (gint64) (limit_days + 1) * 86400);
  }
  rotting_all = nudge_followups_list_rotting_deals (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rotting_all->len, ==, 7);
  for (guint limit = 0; limit <= 8; limit++)
    {
      g_autoptr(GPtrArray) page = NULL;
      guint total = G_MAXUINT;

      page = nudge_followups_list_rotting_deals_page (f->store, limit, &total, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (total, ==, 7);
      g_assert_cmpuint (page->len, ==, MIN (limit, 7));
      for (guint i = 0; i < page->len; i++)
        g_assert_cmpint (nudge_deal_get_id (g_ptr_array_index (page, i)), ==,
                         nudge_deal_get_id (g_ptr_array_index (rotting_all, i)));
    }
}

/* Whether @list holds a follow-up titled @title; its occurrence in
 * @found. */
static gboolean
lists_title (GPtrArray        *list,
             const char       *title,
             NudgeOccurrence **found)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    if (g_str_equal (nudge_followup_get_title (nudge_occurrence_get_followup (g_ptr_array_index (list, i))), title))
      {
        if (found != NULL)
          *found = g_ptr_array_index (list, i);
        return TRUE;
      }
  return FALSE;
}

/* An all-day follow-up kept in Prague is a date: on a computer in New
 * York or Tokyo it is listed on that day (the calendar's days), and
 * Today's week ends with the desktop's day, not with Prague's. */
static void
test_all_day_own_day (Fixture       *f,
                      gconstpointer  data)
{
  const char *zones[] = { "America/New_York", "Asia/Tokyo" };
  NudgeFollowupSpec spec;

  nudge_test_call_spec (&spec, "Trade fair", nudge_test_prague (2026, 3, 13, 0, 0), 0);
  spec.all_day = TRUE;
  nudge_test_create_followup (f->store, &spec);
  nudge_test_call_spec (&spec, "After the week", nudge_test_prague (2026, 3, 19, 0, 0), 0);
  spec.all_day = TRUE;
  nudge_test_create_followup (f->store, &spec);

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zones[z]);
      g_autoptr(GDateTime) day = g_date_time_new (zone, 2026, 3, 13, 0, 0, 0);
      g_autoptr(GDateTime) next_day = g_date_time_add_days (day, 1);
      g_autoptr(GDateTime) day_before = g_date_time_add_days (day, -1);
      g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (nudge_clock_now ());
      g_autoptr(GDateTime) now_there = g_date_time_to_timezone (now, zone);
      g_autoptr(GDateTime) today = g_date_time_new (zone, g_date_time_get_year (now_there),
                                                    g_date_time_get_month (now_there),
                                                    g_date_time_get_day_of_month (now_there), 0, 0, 0);
      g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);
      g_autoptr(GDateTime) week_end = g_date_time_add_days (today, 8);
      guint limits[NUDGE_AGENDA_N_PARTS] = { 50, 50, 50 };
      guint left_out[NUDGE_AGENDA_N_PARTS];
      g_autoptr(GPtrArray) on_day = NULL;
      g_autoptr(GPtrArray) before = NULL;
      g_autoptr(GPtrArray) agenda = NULL;
      g_autoptr(GError) error = NULL;
      NudgeOccurrence *fair = NULL;

      g_setenv ("TZ", zones[z], TRUE);
      on_day = nudge_followups_list_days (f->store, g_date_time_to_unix (day), g_date_time_to_unix (next_day),
                                          TRUE, &error);
      g_assert_no_error (error);
      g_assert_true (lists_title (on_day, "Trade fair", &fair));
      g_assert_cmpint (nudge_occurrence_get_local_due_at (fair), ==, g_date_time_to_unix (day));
      before = nudge_followups_list_days (f->store, g_date_time_to_unix (day_before), g_date_time_to_unix (day),
                                          TRUE, &error);
      g_assert_false (lists_title (before, "Trade fair", NULL));

      agenda = nudge_followups_list_agenda (f->store, g_date_time_to_unix (tomorrow), g_date_time_to_unix (week_end),
                                            limits, left_out, &error);
      g_assert_no_error (error);
      g_assert_true (lists_title (agenda, "Trade fair", &fair));
      g_assert_cmpint (nudge_occurrence_get_local_due_at (fair), >=, g_date_time_to_unix (tomorrow));
      g_assert_false (lists_title (agenda, "After the week", NULL));
    }
  g_setenv ("TZ", NUDGE_TEST_TZID, TRUE);
}

/* How many times @list lists @title; the last one in @found. */
static guint
n_listed (GPtrArray        *list,
          const char       *title,
          NudgeOccurrence **found)
{
  guint n = 0;

  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (nudge_followup_get_title (nudge_occurrence_get_followup (g_ptr_array_index (list, i))), title))
      {
        n++;
        if (found != NULL)
          *found = g_ptr_array_index (list, i);
      }
  return n;
}

/* A range ends before its end, as the calendar reads a week (Monday to
 * the next Monday's 00:00): what falls due at that midnight, open, done,
 * skipped, all day, an occurrence of a series or one snoozed to then,
 * is the next week's;
 * a minute before it, this week's. Listed by days (the calendar) and as
 * occurrences alike. */
static void
test_range_end (Fixture       *f,
                gconstpointer  data)
{
  gint64 monday = nudge_test_prague (2026, 3, 23, 0, 0);
  gint64 next_monday = nudge_test_prague (2026, 3, 30, 0, 0);
  gint64 ranges[][2] = { { monday, next_monday }, { next_monday, nudge_test_prague (2026, 4, 6, 0, 0) } };
  const char *at_the_end[] = { "At midnight", "Done at midnight", "All day after", "Weekly", "Skipped" };
  gint64 deal = nudge_test_add_deal (f->store, "title", "Rollout", NULL);
  gint64 done, skipped, snoozed;
  NudgeFollowupSpec spec;
  g_autoptr(GError) error = NULL;

  nudge_test_add_followup (f->store, deal, "At midnight", next_monday, NULL);
  nudge_test_add_followup (f->store, deal, "A minute before", next_monday - 60, NULL);
  done = nudge_test_add_followup (f->store, deal, "Done at midnight", next_monday, NULL);
  g_assert_true (nudge_followups_complete (f->store, done, 0, &error));
  g_assert_no_error (error);
  nudge_test_call_spec (&spec, "All day after", next_monday, deal);
  spec.all_day = TRUE;
  nudge_test_create_followup (f->store, &spec);
  nudge_test_add_followup (f->store, deal, "Weekly", monday, "FREQ=WEEKLY");
  skipped = nudge_test_add_followup (f->store, deal, "Skipped", monday, "FREQ=WEEKLY");
  g_assert_true (nudge_followups_skip (f->store, skipped, next_monday, &error));
  g_assert_no_error (error);
  /* Its first occurrence snoozed to the week's end. */
  snoozed = nudge_test_add_followup (f->store, deal, "Snoozed", monday + 9 * 3600, "FREQ=WEEKLY");
  g_assert_true (nudge_followups_snooze (f->store, snoozed, next_monday, &error));
  g_assert_no_error (error);

  for (guint by_days = 0; by_days < 2; by_days++)
    for (guint week = 0; week < G_N_ELEMENTS (ranges); week++)
      {
        g_autoptr(GPtrArray) list = by_days
          ? nudge_followups_list_days (f->store, ranges[week][0], ranges[week][1], TRUE, &error)
          : nudge_followups_list_occurrences (f->store, ranges[week][0], ranges[week][1], TRUE, &error);

        g_assert_no_error (error);
        g_test_message ("%s, week %u: %u listed", by_days ? "days" : "occurrences", week, list->len);
        g_assert_cmpuint (n_listed (list, "A minute before", NULL), ==, week == 0);
        for (guint i = 0; i < G_N_ELEMENTS (at_the_end); i++)
          {
            NudgeOccurrence *o = NULL;
            /* The series are also listed on this week's Monday. */
            guint n = n_listed (list, at_the_end[i], &o);

            g_assert_cmpuint (n, ==, week == 0 ? (i >= 3) : 1);
            if (n > 0)
              g_assert_cmpint (nudge_occurrence_get_due_at (o), ==, week == 0 ? monday : next_monday);
          }
        /* The next Monday's 09:00 too. */
        g_assert_cmpuint (n_listed (list, "Snoozed", NULL), ==, week == 0 ? 0 : 2);
      }
}

static void
add_call_at (Fixture *f,
             gint64   deal_id,
             gint64   at)
{
  g_autoptr(NudgeActivity) a = nudge_activity_new ();

  g_object_set (a, "deal-id", deal_id, "kind", "call", "occurred-at", at, NULL);
  g_assert_cmpint (nudge_store_add_activity (f->store, a, NULL), >, 0);
}

/* Today lists rotting deals as "Idle for N days": the longest idle
 * first, whatever their stages' limits, so the days read in order. */
static void
test_rotting_order (Fixture       *f,
                    gconstpointer  data)
{
  gint64 lead = nudge_test_add_deal (f->store, "title", "Lead",
                                     "stage-id", nudge_test_stage_id (f->store, "Lead in"), NULL);
  gint64 talks = nudge_test_add_deal (f->store, "title", "Talks",
                                      "stage-id", nudge_test_stage_id (f->store, "Negotiation"), NULL);
  g_autoptr(GPtrArray) rotting = NULL;
  gint64 now;

  nudge_test_add_followup (f->store, lead, "Call", nudge_test_prague (2026, 6, 1, 9, 0), NULL);
  nudge_test_add_followup (f->store, talks, "Call", nudge_test_prague (2026, 6, 1, 9, 0), NULL);
  nudge_clock_pin (nudge_test_prague (2026, 4, 11, 12, 0));
  now = nudge_clock_now ();
  /* Lead in (3 days): idle 10 days, rotting for 7; Negotiation (14
   * days): idle 16 days, rotting for 2. */
  add_call_at (f, lead, now - 10 * 86400);
  add_call_at (f, talks, now - 16 * 86400);

  rotting = nudge_followups_list_rotting_deals (f->store, NULL);
  g_assert_nonnull (rotting);
  g_assert_cmpuint (rotting->len, ==, 2);
  g_assert_cmpint (nudge_deal_get_id (g_ptr_array_index (rotting, 0)), ==, talks);
  g_assert_cmpint (nudge_deal_get_id (g_ptr_array_index (rotting, 1)), ==, lead);
}

/* The deals with no next step come longest idle first, whatever their
 * score (which Today does not show). */
static void
test_no_next_step_order (Fixture       *f,
                         gconstpointer  data)
{
  gint64 now = nudge_clock_now ();
  g_autoptr(GPtrArray) deals = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[3];
  struct { const char *title; gint64 created; } specs[] = {
    { "Hot and new", now - 5 * 86400 },
    { "Lukewarm", now - 30 * 86400 },
    { "Cold and old", now - 60 * 86400 },
  };

  /* Never touched: idle since they were created */
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(NudgeDeal) d = nudge_deal_new ();

      g_object_set (d, "title", specs[i].title, "currency", "CZK", "created-at", specs[i].created, NULL);
      ids[i] = nudge_store_save_deal (f->store, d, &error);
      g_assert_no_error (error);
    }

  /* The new deal is the busiest: calls and meetings in the last days
   * make it the most engaged, and recently touched */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(NudgeActivity) a = nudge_activity_new ();

      g_object_set (a, "deal-id", ids[0], "kind", i % 2 ? "meeting" : "call",
                    "occurred-at", now - (gint64) (i + 1) * 3600, NULL);
      g_assert_cmpint (nudge_store_add_activity (f->store, a, NULL), >, 0);
    }
  {
    NudgeScoreWeights *weights = nudge_score_weights_new ();

    g_assert_true (nudge_score_update_all (f->store, weights, &error));
    nudge_score_weights_free (weights);
  }
  g_assert_no_error (error);

  deals = nudge_followups_list_deals_without_next_step (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deals->len, ==, 3);
  /* Scored the highest, listed last */
  g_assert_cmpfloat (nudge_deal_get_score (g_ptr_array_index (deals, 2)), >, 0);
  g_assert_cmpint (nudge_deal_get_id (g_ptr_array_index (deals, 0)), ==, ids[2]);
  g_assert_cmpint (nudge_deal_get_id (g_ptr_array_index (deals, 1)), ==, ids[1]);
  g_assert_cmpint (nudge_deal_get_id (g_ptr_array_index (deals, 2)), ==, ids[0]);
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "prefix", NUDGE_TEST_FUNC (test_agenda_is_a_prefix) },
    { "deal-pages", NUDGE_TEST_FUNC (test_deal_pages) },
    { "all-day-own-day", NUDGE_TEST_FUNC (test_all_day_own_day) },
    { "range-end", NUDGE_TEST_FUNC (test_range_end) },
    { "rotting-order", NUDGE_TEST_FUNC (test_rotting_order) },
    { "no-next-step-order", NUDGE_TEST_FUNC (test_no_next_step_order) },
  };

  nudge_test_init_environment ("C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  nudge_test_add_table ("/core/agenda/", Fixture, fixture_set_up, nudge_test_book_tear_down, cases);
  return g_test_run ();
}
