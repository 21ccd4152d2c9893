/* test-insights.c — metrics and scores on a hand-made book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "nudge-clock.h"
#include "nudge-insights.h"
#include "nudge-scoring.h"
#include "nudge-store.h"
#include "nudge-test-core.h"

typedef NudgeTestBook Fixture;

static void
add_activity (Fixture    *f,
              gint64      deal_id,
              const char *kind,
              gboolean    inbound,
              const char *when)
{
  nudge_test_add_touch (f->store, deal_id, kind, inbound, nudge_test_utc (when));
}

static void
move (Fixture    *f,
      gint64      deal_id,
      const char *stage,
      const char *when)
{
  g_autoptr(NudgeStage) s = NULL;
  g_autoptr(GError) error = NULL;

  nudge_clock_pin (nudge_test_utc (when));
  s = nudge_store_find_stage (f->store, 0, stage, &error);
  g_assert_no_error (error);
  g_assert_true (nudge_store_move_deal_to_stage (f->store, deal_id, nudge_stage_get_id (s), &error));
  g_assert_no_error (error);
}

static void
close_deal (Fixture         *f,
            gint64           deal_id,
            NudgeDealStatus  status,
            const char      *when)
{
  g_autoptr(GError) error = NULL;

  nudge_clock_pin (nudge_test_utc (when));
  g_assert_true (nudge_store_set_deal_status (f->store, deal_id, status, "Price too high", &error));
  g_assert_no_error (error);
}

static void
add_done_followup (Fixture    *f,
                   const char *due,
                   const char *done)
{
  g_autoptr(NudgeFollowup) fu = nudge_followup_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (fu, "title", "Call back", "due-at", nudge_test_utc (due), "status", "done",
                "done-at", nudge_test_utc (done), "tzid", "Europe/Prague", NULL);
  g_assert_cmpint (nudge_store_save_followup (f->store, fu, &error), >, 0);
  g_assert_no_error (error);
}

/* The book (times UTC, period 2026-01-01 .. 2026-07-01):
 * A: created 02-01 10:00, call out 12:00 (2 h), e-mail in 02-02 (reply),
 *    e-mail out 02-05 12:00, call out 02-08 12:00 (gaps 4 and 3 days),
 *    Lead in → Contact made 02-03 10:00 (2 days), won 03-02 10:00 (27 days).
 * B: created 02-10 08:00, e-mail out 14:00 (6 h), no reply, lost 04-01 08:00
 *    (50 days in Lead in).
 * C: created 03-05 09:00, call out 03-06 09:00 (24 h), call in 03-07.
 *    Open, 1,000.00 CZK, Lead in (10 %), closes 2026-08-15.
 * D: created 03-10, 500.00 EUR, Proposal sent (60 %), closes 2026-08-20.
 * Follow-ups: one done the same day (on time), one two days late.
 */
static void
build_book (Fixture *f,
            gint64  *ids)
{
  ids[0] = nudge_test_add_staged_deal (f->store, "A", "Lead in", 0, "EUR", "2026-02-01T10:00:00Z", "");
  add_activity (f, ids[0], "call", FALSE, "2026-02-01T12:00:00Z");
  add_activity (f, ids[0], "email", TRUE, "2026-02-02T08:00:00Z");
  add_activity (f, ids[0], "email", FALSE, "2026-02-05T12:00:00Z");
  add_activity (f, ids[0], "call", FALSE, "2026-02-08T12:00:00Z");
  move (f, ids[0], "Contact made", "2026-02-03T10:00:00Z");
  close_deal (f, ids[0], NUDGE_DEAL_WON, "2026-03-02T10:00:00Z");

  ids[1] = nudge_test_add_staged_deal (f->store, "B", "Lead in", 0, "EUR", "2026-02-10T08:00:00Z", "");
  add_activity (f, ids[1], "email", FALSE, "2026-02-10T14:00:00Z");
  close_deal (f, ids[1], NUDGE_DEAL_LOST, "2026-04-01T08:00:00Z");

  ids[2] = nudge_test_add_staged_deal (f->store, "C", "Lead in", 100000, "CZK", "2026-03-05T09:00:00Z", "2026-08-15");
  add_activity (f, ids[2], "call", FALSE, "2026-03-06T09:00:00Z");
  add_activity (f, ids[2], "call", TRUE, "2026-03-07T09:00:00Z");

  ids[3] = nudge_test_add_staged_deal (f->store, "D", "Proposal sent", 50000, "EUR", "2026-03-10T09:00:00Z", "2026-08-20");

  add_done_followup (f, "2026-03-10T08:00:00Z", "2026-03-10T15:00:00Z");
  add_done_followup (f, "2026-03-11T08:00:00Z", "2026-03-13T09:00:00Z");
}

static const NudgeStageMetric *
find_stage (NudgeInsights *insights,
            const char    *name)
{
  for (guint i = 0; i < insights->stages->len; i++)
    {
      const NudgeStageMetric *m = &g_array_index (insights->stages, NudgeStageMetric, i);
      if (g_strcmp0 (m->stage_name, name) == 0)
        return m;
    }
  g_assert_not_reached ();
}

static void
test_metrics (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(NudgeInsights) insights = NULL;
  g_autoptr(GError) error = NULL;
  const NudgeStageMetric *lead_in, *contact_made;
  gint64 ids[4];

  build_book (f, ids);
  insights = nudge_insights_compute (f->store, nudge_test_utc ("2026-01-01T00:00:00Z"), nudge_test_utc ("2026-07-01T00:00:00Z"), &error);
  g_assert_no_error (error);

  /* 2 h, 6 h, 24 h */
  g_assert_cmpfloat_with_epsilon (insights->lead_response_median_hours, 6.0, 1e-9);
  g_assert_cmpuint (insights->lead_response_n, ==, 3);
  g_assert_cmpuint (insights->lead_response_trend->len, ==, 2);
  g_assert_cmpstr (g_array_index (insights->lead_response_trend, NudgeResponseMonth, 0).month, ==, "2026-02");
  g_assert_cmpfloat_with_epsilon (g_array_index (insights->lead_response_trend, NudgeResponseMonth, 0).median_hours, 4.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_array_index (insights->lead_response_trend, NudgeResponseMonth, 1).median_hours, 24.0, 1e-9);

  g_assert_cmpfloat_with_epsilon (insights->first_touch_reply_rate, 2.0 / 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (insights->touches_per_won_deal, 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (insights->touches_per_lost_deal, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (insights->followup_interval_mean_days, 3.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (insights->followup_on_time_rate, 0.5, 1e-9);

  lead_in = find_stage (insights, "Lead in");
  contact_made = find_stage (insights, "Contact made");
  g_assert_cmpuint (lead_in->entered, ==, 3);
  g_assert_cmpuint (lead_in->advanced, ==, 1);
  g_assert_cmpfloat_with_epsilon (lead_in->conversion, 1.0 / 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (contact_made->conversion, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (lead_in->mean_days, 26.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (contact_made->mean_days, 27.0, 1e-9);
  g_assert_cmpstr (insights->bottleneck_stage, ==, "Contact made");

  g_assert_cmpuint (insights->forecast->len, ==, 2);
  g_assert_cmpstr (g_array_index (insights->forecast, NudgeForecastRow, 0).month, ==, "2026-08");
  g_assert_cmpstr (g_array_index (insights->forecast, NudgeForecastRow, 0).currency, ==, "CZK");
  g_assert_cmpint (g_array_index (insights->forecast, NudgeForecastRow, 0).weighted_minor, ==, 10000);
  g_assert_cmpstr (g_array_index (insights->forecast, NudgeForecastRow, 1).currency, ==, "EUR");
  g_assert_cmpint (g_array_index (insights->forecast, NudgeForecastRow, 1).weighted_minor, ==, 30000);
}

static void
test_empty_period (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(NudgeInsights) insights = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[4];

  build_book (f, ids);
  insights = nudge_insights_compute (f->store, nudge_test_utc ("2025-01-01T00:00:00Z"), nudge_test_utc ("2025-02-01T00:00:00Z"), &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (insights->lead_response_median_hours, <, 0);
  g_assert_cmpfloat (insights->first_touch_reply_rate, <, 0);
  g_assert_cmpfloat (insights->followup_on_time_rate, <, 0);
  g_assert_null (insights->bottleneck_stage);
}

/* A period is [from, to): what happens at its first second counts, at
 * its end not; a touch logged as the deal closes is one before closing;
 * a follow-up done at 23:59:59 of its due day is on time, even on the
 * day of 23 hours. */
static void
test_period_edges (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(NudgeInsights) insights = NULL;
  g_autoptr(GError) error = NULL;
  const NudgeStageMetric *contact_made;
  gint64 first, last, back, closer;

  first = nudge_test_add_staged_deal (f->store, "First", "Lead in", 0, "EUR", "2026-01-01T00:00:00Z", "");
  add_activity (f, first, "call", FALSE, "2026-01-01T03:00:00Z");
  move (f, first, "Contact made", "2026-07-01T00:00:00Z");
  last = nudge_test_add_staged_deal (f->store, "Last", "Lead in", 0, "EUR", "2026-07-01T00:00:00Z", "");
  add_activity (f, last, "call", FALSE, "2026-07-01T01:00:00Z");

  /* Back to Lead in and on to Contact made again: its first stay in
   * Contact made did not lead anywhere further. */
  back = nudge_test_add_staged_deal (f->store, "Back", "Lead in", 0, "EUR", "2026-02-01T09:00:00Z", "");
  move (f, back, "Contact made", "2026-02-02T09:00:00Z");
  move (f, back, "Lead in", "2026-02-03T09:00:00Z");
  move (f, back, "Contact made", "2026-02-04T09:00:00Z");

  closer = nudge_test_add_staged_deal (f->store, "Closer", "Lead in", 0, "EUR", "2026-03-01T09:00:00Z", "");
  add_activity (f, closer, "call", FALSE, "2026-03-05T10:00:00Z");
  close_deal (f, closer, NUDGE_DEAL_WON, "2026-03-05T10:00:00Z");

  /* Due 10 March (Prague, UTC+1): done at 23:59:59, and at midnight. */
  add_done_followup (f, "2026-03-10T08:00:00Z", "2026-03-10T22:59:59Z");
  add_done_followup (f, "2026-03-10T08:00:00Z", "2026-03-10T23:00:00Z");
  /* Due 29 March at 01:00, before summer time starts at 02:00: that day
   * ends at 22:00 UTC, so 00:30 the next morning is late. */
  add_done_followup (f, "2026-03-29T00:00:00Z", "2026-03-29T22:30:00Z");

  insights = nudge_insights_compute (f->store, nudge_test_utc ("2026-01-01T00:00:00Z"), nudge_test_utc ("2026-07-01T00:00:00Z"), &error);
  g_assert_no_error (error);

  /* First (3 h) and Closer (4 days 1 h); not Last, made as the period ends. */
  g_assert_cmpuint (insights->lead_response_n, ==, 2);
  g_assert_cmpfloat_with_epsilon (insights->lead_response_median_hours, (3.0 + 97.0) / 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (insights->touches_per_won_deal, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (insights->followup_on_time_rate, 1.0 / 3.0, 1e-9);

  /* Back's two entries; not First's, at the period's end. */
  contact_made = find_stage (insights, "Contact made");
  g_assert_cmpuint (contact_made->entered, ==, 2);
  g_assert_cmpuint (contact_made->advanced, ==, 0);
}

/* The desktop's time zone is read anew by each computation: a follow-up
 * done at 23:30 in New York on its due day is on time once the user's
 * zone is New York, though Prague had passed midnight. */
static void
test_zone_change (Fixture       *f,
                  gconstpointer  data)
{
  static const struct
  {
    const char *tzid;
    double      on_time_rate;
  } zones[] = {
    { NUDGE_TEST_TZID, 0.0 },
    { "America/New_York", 1.0 },
    { NUDGE_TEST_TZID, 0.0 },
  };

  add_done_followup (f, "2026-03-10T15:00:00Z", "2026-03-11T03:30:00Z");
  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(NudgeInsights) insights = NULL;
      g_autoptr(GError) error = NULL;

      g_setenv ("TZ", zones[z].tzid, TRUE);
      tzset ();
      insights = nudge_insights_compute (f->store, nudge_test_utc ("2026-01-01T00:00:00Z"),
                                         nudge_test_utc ("2026-07-01T00:00:00Z"), &error);
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (insights->followup_on_time_rate, zones[z].on_time_rate, 1e-9);
    }
}

/* One of the prospect's touches of a scored deal. */
typedef struct
{
  const char *kind;
  gboolean    inbound;
  const char *when;
} Touch;

/* A deal titled @title, new in "Lead in" on 1 May 2026, that was
 * touched as @touches say. */
static gint64
add_touched_deal (Fixture     *f,
                  const char  *title,
                  const Touch *touches,
                  gsize        n_touches)
{
  gint64 deal = nudge_test_add_staged_deal (f->store, title, "Lead in", 0, "EUR", "2026-05-01T08:00:00Z", "");

  for (gsize i = 0; i < n_touches; i++)
    add_activity (f, deal, touches[i].kind, touches[i].inbound, touches[i].when);
  return deal;
}

/* The score of @deal by @weights with the clock at @now. */
static NudgeScore *
score_at (Fixture           *f,
          NudgeScoreWeights *weights,
          gint64             deal,
          gint64             now)
{
  g_autoptr(GError) error = NULL;
  NudgeScore *score;

  nudge_clock_pin (now);
  score = nudge_score_compute (f->store, NUDGE_ENTITY_DEAL, deal, weights, &error);
  g_assert_no_error (error);
  return score;
}

static void
test_score_decay_and_explanation (Fixture       *f,
                                  gconstpointer  data)
{
  static const Touch touches[] = {
    { "demo", TRUE, "2026-05-10T08:00:00Z" },
    { "pricing_visit", TRUE, "2026-05-05T08:00:00Z" },
    /* Our own outbound e-mail is not the prospect's engagement. */
    { "email", FALSE, "2026-05-10T09:00:00Z" },
  };
  g_autoptr(NudgeScoreWeights) weights = nudge_score_weights_new ();
  g_autoptr(NudgeScore) fresh = NULL;
  g_autoptr(NudgeScore) old = NULL;
  gint64 deal = add_touched_deal (f, "Scored", touches, G_N_ELEMENTS (touches));

  fresh = score_at (f, weights, deal, nudge_test_utc ("2026-05-10T08:00:00Z"));
  /* 40 + 15 × 0.5^(5/14) */
  g_assert_cmpfloat_with_epsilon (fresh->score, round ((40 + 15 * pow (0.5, 5.0 / 14)) * 10) / 10, 1e-9);
  g_assert_cmpstr (fresh->temperature, ==, "hot");
  g_assert_cmpuint (fresh->reasons->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (fresh->reasons, 0), "Demo request"));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (fresh->reasons, 0), "+40"));

  /* Yesterday's demo is a day ago the next morning, as in the history,
   * though 24 hours have not passed. */
  g_clear_pointer (&fresh, nudge_score_free);
  fresh = score_at (f, weights, deal, nudge_test_utc ("2026-05-11T06:00:00Z"));
  g_assert_nonnull (strstr (g_ptr_array_index (fresh->reasons, 0), "1 day ago"));

  /* Four half-lives later the demo counts a sixteenth. */
  old = score_at (f, weights, deal, nudge_test_utc ("2026-05-10T08:00:00Z") + 4 * 14 * 86400);
  g_assert_cmpfloat (old->score, <, 5);
  g_assert_cmpstr (old->temperature, ==, "cold");
}

static void
test_score_hot_intent (Fixture       *f,
                       gconstpointer  data)
{
  static const Touch touches[] = {
    { "download", TRUE, "2026-05-09T08:00:00Z" },
    { "blog_read", TRUE, "2026-05-09T12:00:00Z" },
    { "email", TRUE, "2026-05-09T20:00:00Z" },
  };
  g_autoptr(NudgeScoreWeights) weights = nudge_score_weights_new ();
  g_autoptr(NudgeScore) score = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeDeal) stored = NULL;
  gint64 deal = add_touched_deal (f, "Burst", touches, G_N_ELEMENTS (touches));

  score = score_at (f, weights, deal, nudge_test_utc ("2026-05-10T08:00:00Z"));
  g_assert_cmpfloat (score->score, >, 25);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (score->reasons, 0), "Several interactions"));
  /* Hot intent is hot, though a download, a blog read and an e-mail
   * weigh little; the reason says what the burst added. */
  g_assert_cmpstr (score->temperature, ==, "hot");
  g_assert_cmpfloat (score->score, >=, NUDGE_SCORE_HOT);
  {
    double rest = 0;

    for (guint i = 1; i < score->reasons->len; i++)
      rest += g_ascii_strtod (strrchr (g_ptr_array_index (score->reasons, i), '+') + 1, NULL);
    g_assert_cmpfloat (fabs (rest + g_ascii_strtod (strrchr (g_ptr_array_index (score->reasons, 0), '+') + 1, NULL)
                             - score->score), <=, 1.5);
  }

  /* The bulk update stores the same score on the deal. */
  g_assert_true (nudge_score_update_all (f->store, weights, &error));
  g_assert_no_error (error);
  stored = nudge_store_get_deal (f->store, deal, &error);
  g_assert_cmpfloat_with_epsilon (nudge_deal_get_score (stored), score->score, 1e-9);
}

/* The score the bulk update stored on @deal, or on @contact when @deal
 * is 0. */
static double
stored_score (Fixture *f,
              gint64   deal,
              gint64   contact)
{
  g_autoptr(GError) error = NULL;

  if (deal != 0)
    {
      g_autoptr(NudgeDeal) d = nudge_store_get_deal (f->store, deal, &error);

      g_assert_no_error (error);
      return nudge_deal_get_score (d);
    }
  else
    {
      g_autoptr(NudgeContact) c = nudge_store_get_contact (f->store, contact, &error);

      g_assert_no_error (error);
      return nudge_contact_get_score (c);
    }
}

/* The nightly update scores every deal and contact on its own touches
 * alone, as its page explains it: nothing of the deal read before it
 * (its total, its burst) leaks into the next; a burst of exactly 24
 * hours is one; a touch within the year counts and one older does not,
 * so a deal whose touches all aged out goes back to 0. */
static void
test_score_update_all_each_alone (Fixture       *f,
                                  gconstpointer  data)
{
  /* Two touches of a burst; the third is the next deal's first. */
  static const Touch first[] = {
    { "download", TRUE, "2026-05-09T08:00:00Z" },
    { "blog_read", TRUE, "2026-05-09T12:00:00Z" },
  };
  static const Touch second[] = {
    { "email", TRUE, "2026-05-09T20:00:00Z" },
  };
  /* Three inbound touches exactly 24 hours apart end to end. */
  static const Touch day_burst[] = {
    { "blog_read", TRUE, "2026-05-08T09:00:00Z" },
    { "blog_read", TRUE, "2026-05-08T21:00:00Z" },
    { "blog_read", TRUE, "2026-05-09T09:00:00Z" },
  };
  /* 200 days before the clock: a long half-life keeps it worth points. */
  static const Touch old[] = {
    { "demo", TRUE, "2025-10-22T08:00:00Z" },
  };
  g_autoptr(NudgeScoreWeights) weights = nudge_score_weights_new ();
  g_autoptr(GError) error = NULL;
  gint64 now = nudge_test_utc ("2026-05-10T08:00:00Z");
  gint64 deals[4];
  gint64 contact = nudge_test_add_named_contact (f->store, "Eva Nováková");

  nudge_score_weights_set_half_life (weights, 365);
  deals[0] = add_touched_deal (f, "First", first, G_N_ELEMENTS (first));
  deals[1] = add_touched_deal (f, "Second", second, G_N_ELEMENTS (second));
  deals[2] = add_touched_deal (f, "Day burst", day_burst, G_N_ELEMENTS (day_burst));
  deals[3] = add_touched_deal (f, "Old demo", old, G_N_ELEMENTS (old));
  nudge_test_add_activity (f->store, "contact-id", contact, "kind", "meeting",
                           "direction", NUDGE_DIRECTION_OUT, "occurred-at", nudge_test_utc ("2026-05-01T10:00:00Z"), NULL);

  nudge_clock_pin (now);
  g_assert_true (nudge_score_update_all (f->store, weights, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (deals); i++)
    {
      g_autoptr(NudgeScore) alone = score_at (f, weights, deals[i], now);

      g_assert_cmpfloat (alone->score, >, 0);
      g_assert_cmpfloat_with_epsilon (stored_score (f, deals[i], 0), alone->score, 1e-9);
    }
  {
    g_autoptr(NudgeScore) burst = score_at (f, weights, deals[2], now);
    g_autoptr(NudgeScore) met = NULL;

    g_assert_cmpstr (burst->temperature, ==, "hot");
    met = nudge_score_compute (f->store, NUDGE_ENTITY_CONTACT, contact, weights, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (met->score, >, 0);
    g_assert_cmpfloat_with_epsilon (stored_score (f, 0, contact), met->score, 1e-9);
  }
  g_assert_cmpfloat (stored_score (f, deals[0], 0), <, NUDGE_SCORE_HOT);

  /* A year and a day after the newest touch, every score is 0 again. */
  nudge_clock_pin (nudge_test_utc ("2027-05-11T08:00:00Z"));
  g_assert_true (nudge_score_update_all (f->store, weights, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (deals); i++)
    g_assert_cmpfloat (stored_score (f, deals[i], 0), ==, 0);
  g_assert_cmpfloat (stored_score (f, 0, contact), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "insights/metrics", NUDGE_TEST_FUNC (test_metrics) },
    { "insights/empty-period", NUDGE_TEST_FUNC (test_empty_period) },
    { "insights/period-edges", NUDGE_TEST_FUNC (test_period_edges) },
    { "insights/zone-change", NUDGE_TEST_FUNC (test_zone_change) },
    { "scoring/decay-and-explanation", NUDGE_TEST_FUNC (test_score_decay_and_explanation) },
    { "scoring/hot-intent", NUDGE_TEST_FUNC (test_score_hot_intent) },
    { "scoring/update-all-each-alone", NUDGE_TEST_FUNC (test_score_update_all_each_alone) },
  };

  nudge_test_init (&argc, &argv, "C.UTF-8");

  nudge_test_add_table ("/core/", Fixture, nudge_test_book_set_up, nudge_test_book_tear_down, cases);

  return g_test_run ();
}
