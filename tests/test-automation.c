/* test-automation.c — the reactivation workflow, cadences, segments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <time.h>

#include "nudge-automation.h"
#include "nudge-clock.h"
#include "nudge-rules-runner.h"
#include "nudge-store.h"
#include "nudge-test-core.h"
#include "nudge-timeline.h"

#define DAY (24 * 3600)
/* Monday 2026-06-01 10:00 UTC */
#define T0 G_GINT64_CONSTANT (1780308000)

typedef NudgeTestBook Fixture;

static gint64
add_contact (Fixture    *f,
             const char *name,
             gint64      company_id)
{
  return nudge_test_add_contact (f->store, "name", name, "email", "petra@example.cz", "company-id", company_id, NULL);
}

static gint64
add_deal (Fixture    *f,
          const char *title,
          gint64      created,
          gint64      contact_id,
          gint64      company_id)
{
  g_autoptr(NudgeDeal) d = nudge_deal_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  nudge_clock_pin (created);
  g_object_set (d, "title", title, "contact-id", contact_id, "company-id", company_id,
                "currency", "CZK", NULL);
  id = nudge_store_save_deal (f->store, d, &error);
  g_assert_no_error (error);
  return id;
}

static int
run_rules (Fixture *f,
           gint64   now)
{
  g_autoptr(GError) error = NULL;
  int n;

  nudge_clock_pin (now);
  n = nudge_rules_run (f->store, &error);
  g_assert_no_error (error);
  return n;
}

static NudgeFollowup *
find_open_followup (Fixture    *f,
                    gint64      deal_id,
                    const char *title_prefix)
{
  g_autoptr(GPtrArray) list = nudge_store_list_followups (f->store, NUDGE_ENTITY_DEAL, deal_id, TRUE, NULL);

  for (guint i = 0; list && i < list->len; i++)
    {
      NudgeFollowup *fu = g_ptr_array_index (list, i);

      if (g_str_has_prefix (nudge_followup_get_title (fu), title_prefix))
        return g_object_ref (fu);
    }
  return NULL;
}

static void
complete (Fixture       *f,
          NudgeFollowup *fu,
          gint64         when)
{
  g_autoptr(GError) error = NULL;

  g_object_set (fu, "status", "done", "done-at", when, NULL);
  g_assert_cmpint (nudge_store_save_followup (f->store, fu, &error), >, 0);
  g_assert_no_error (error);
}

/* Moves @deal to the default pipeline's stage @stage_name at @when */
static void
move_deal (Fixture    *f,
           gint64      deal,
           const char *stage_name,
           gint64      when)
{
  g_autoptr(GError) error = NULL;

  nudge_clock_pin (when);
  g_assert_true (nudge_store_move_deal_to_stage (f->store, deal, nudge_test_stage_id (f->store, stage_name), &error));
  g_assert_no_error (error);
}

static void
test_reactivation (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(NudgeFollowup) email = NULL;
  g_autoptr(NudgeFollowup) call = NULL;
  g_autoptr(NudgeFollowup) replied_call = NULL;
  g_autoptr(NudgeFollowup) replied_email = NULL;
  g_autoptr(NudgeDeal) deal = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GError) error = NULL;
  gint64 contact = add_contact (f, "Petra Dvořáková", 0);
  gint64 quiet = add_deal (f, "ERP upgrade", T0 - 100 * DAY, contact, 0);
  gint64 replied = add_deal (f, "Fleet tracking", T0 - 100 * DAY, contact, 0);
  gint64 fresh = add_deal (f, "New website", T0 - 10 * DAY, contact, 0);
  gboolean found_rule_entry = FALSE;

  nudge_test_add_touch (f->store, quiet, "call", FALSE, T0 - 95 * DAY);
  nudge_test_add_touch (f->store, replied, "call", FALSE, T0 - 95 * DAY);

  /* Day 0: both quiet deals get the e-mail, the fresh one nothing. */
  g_assert_cmpint (run_rules (f, T0), ==, 2);
  email = find_open_followup (f, quiet, "Reactivation e-mail");
  g_assert_nonnull (email);
  g_assert_cmpstr (nudge_followup_get_kind (email), ==, "email");
  g_assert_nonnull (strstr (nudge_followup_get_notes (email), "mailto:petra@example.cz?subject="));
  g_assert_nonnull (strstr (nudge_followup_get_notes (email), "Petra Dvořáková"));
  g_assert_null (find_open_followup (f, fresh, "Reactivation"));

  /* What the rule did is in the timeline, and did not count as activity. */
  timeline = nudge_store_list_activities (f->store, NUDGE_ENTITY_DEAL, quiet, &error);
  for (guint i = 0; i < timeline->len; i++)
    if (g_str_equal (nudge_activity_get_kind (g_ptr_array_index (timeline, i)), "rule"))
      found_rule_entry = TRUE;
  g_assert_true (found_rule_entry);
  deal = nudge_store_get_deal (f->store, quiet, &error);
  g_assert_cmpint (nudge_deal_get_last_activity_at (deal), ==, T0 - 95 * DAY);

  /* Idempotent: again, and after a restart. */
  g_assert_cmpint (run_rules (f, T0 + 3600), ==, 0);
  g_clear_object (&f->store);
  f->store = nudge_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_rules (f, T0 + 7200), ==, 0);

  /* The seller sends both e-mails on day 1; one lead replies on day 5. */
  complete (f, email, T0 + 1 * DAY);
  replied_email = find_open_followup (f, replied, "Reactivation e-mail");
  complete (f, replied_email, T0 + 1 * DAY);
  nudge_test_add_touch (f->store, replied, "email", TRUE, T0 + 5 * DAY);

  /* Day 10: still waiting. */
  g_assert_cmpint (run_rules (f, T0 + 10 * DAY), ==, 0);
  g_assert_null (find_open_followup (f, quiet, "Reactivation call"));

  /* Day 15: no reply → the call, with the days since the last activity. */
  g_assert_cmpint (run_rules (f, T0 + 15 * DAY), ==, 1);
  call = find_open_followup (f, quiet, "Reactivation call");
  g_assert_nonnull (call);
  g_assert_cmpstr (nudge_followup_get_kind (call), ==, "call");
  g_assert_cmpstr (nudge_followup_get_notes (call), ==, "Last activity 110 days ago.");
  replied_call = find_open_followup (f, replied, "Reactivation call");
  g_assert_null (replied_call);

  /* And never twice. */
  g_assert_cmpint (run_rules (f, T0 + 16 * DAY), ==, 0);
}

static void
test_cadence_stops_on_reply (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) open_before = NULL;
  g_autoptr(GPtrArray) open_after = NULL;
  gint64 contact = add_contact (f, "Łukasz Wiśniewski", 0);
  gint64 deal = add_deal (f, "Inbound: CRM", T0, contact, 0);
  int n;

  nudge_clock_pin (T0);
  n = nudge_cadence_apply (f->store, "New inbound lead", NUDGE_ENTITY_DEAL, deal, T0, 9 * 60, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 4);
  open_before = nudge_store_list_followups (f->store, NUDGE_ENTITY_DEAL, deal, TRUE, &error);
  g_assert_cmpuint (open_before->len, ==, 4);
  /* Day 0 is "now"; day 3 counts working days: Monday + 3 = Thursday 09:00 local. */
  g_assert_cmpint (nudge_followup_get_due_at (g_ptr_array_index (open_before, 0)), ==, T0);
  {
    g_autoptr(GDateTime) d3 = g_date_time_new_from_unix_local (nudge_followup_get_due_at (g_ptr_array_index (open_before, 1)));
    g_assert_cmpint (g_date_time_get_day_of_week (d3), ==, 4);
    g_assert_cmpint (g_date_time_get_hour (d3), ==, 9);
  }
  g_assert_cmpstr (nudge_followup_get_title (g_ptr_array_index (open_before, 0)), ==, "Call Łukasz Wiśniewski now");

  /* The lead replies on day 2: the remaining steps stop. */
  nudge_test_add_touch (f->store, deal, "email", TRUE, T0 + 2 * DAY);
  nudge_clock_pin (T0 + 2 * DAY);
  g_assert_cmpint (nudge_cadence_stop_finished (f->store, &error), ==, 4);
  open_after = nudge_store_list_followups (f->store, NUDGE_ENTITY_DEAL, deal, TRUE, &error);
  g_assert_cmpuint (open_after->len, ==, 0);
  /* Cancelled is a change a calendar is told of: a new SEQUENCE. */
  for (guint i = 0; i < open_before->len; i++)
    {
      NudgeFollowup *before = g_ptr_array_index (open_before, i);
      g_autoptr(NudgeFollowup) after = nudge_store_get_followup (f->store, nudge_followup_get_id (before), &error);

      g_assert_no_error (error);
      g_assert_cmpstr (nudge_followup_get_status (after), ==, "cancelled");
      g_assert_cmpint (nudge_followup_get_sequence (after), ==, nudge_followup_get_sequence (before) + 1);
    }
}

/* Christmas in Czechia (Thursday 24 to Saturday 26 December 2026): a
 * cadence counting working days goes from Wednesday 23 to Monday 28,
 * one counting days lands on the holiday, as it says; a "now" step
 * planned the night before is due on Monday morning. */
static void
test_cadence_holidays (Fixture       *f,
                       gconstpointer  data)
{
  static const struct { const char *name; gboolean working_days; gint64 at; int first_day, second_day; } runs[] = {
    { "Working days", TRUE, 8, 23, 28 },
    { "Days", FALSE, 8, 23, 24 },
    { "Working days at night", TRUE, 22, 28, 28 },
  };
  NudgeCadenceStep steps[] = { { 0, (char *) "call", (char *) "Call" }, { 1, (char *) "email", (char *) "E-mail" } };
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (NudgeCadenceStep));
  g_autoptr(GError) error = NULL;
  gint64 contact = add_contact (f, "Jana Černá", 0);

  g_array_append_vals (list, steps, G_N_ELEMENTS (steps));
  nudge_test_use_holidays (NUDGE_HOLIDAYS_CZECHIA);
  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      NudgeCadence cadence = { 0, (char *) runs[i].name, runs[i].working_days, FALSE, list };
      gint64 start = nudge_test_prague (2026, 12, 23, runs[i].at, 0);
      gint64 deal = add_deal (f, runs[i].name, start - DAY, contact, 0);

      g_assert_cmpint (nudge_cadence_save (f->store, &cadence, &error), >, 0);
      g_assert_no_error (error);
      nudge_clock_pin (start);
      g_assert_cmpint (nudge_cadence_apply (f->store, runs[i].name, NUDGE_ENTITY_DEAL, deal, start, 9 * 60, &error), ==, 2);
      g_assert_no_error (error);
      g_assert_cmpint (nudge_test_store_int (f->store, "SELECT due_at FROM followup WHERE deal_id = %" G_GINT64_FORMAT
                                             " AND title = 'Call'", deal), ==,
                       nudge_test_prague (2026, 12, runs[i].first_day, 9, 0));
      g_assert_cmpint (nudge_test_store_int (f->store, "SELECT due_at FROM followup WHERE deal_id = %" G_GINT64_FORMAT
                                             " AND title = 'E-mail'", deal), ==,
                       nudge_test_prague (2026, 12, runs[i].second_day, 9, 0));
    }
  nudge_test_use_holidays (NUDGE_HOLIDAYS_NONE);
}

static guint
count_open (Fixture     *f,
            NudgeEntity  entity,
            gint64       id)
{
  g_autoptr(GPtrArray) open = nudge_store_list_followups (f->store, entity, id, TRUE, NULL);

  return open != NULL ? open->len : 0;
}

/* The deal's contact answers by e-mail, logged on the contact alone (as
 * an .eml dropped on the window is): the deal's cadence stops too, no
 * break-up e-mail goes to someone who replied. An answer about another
 * of their deals stops neither; an answer on a deal ends the cadence its
 * contact runs. */
static void
test_cadence_stops_on_contact_reply (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 contact = add_contact (f, "Magdalena Nowak", 0);
  gint64 deal = add_deal (f, "Inbound: CRM", T0, contact, 0);
  gint64 other = add_deal (f, "Cloud backup", T0, contact, 0);
  gint64 lead = add_contact (f, "Jan Horák", 0);
  gint64 lead_deal = add_deal (f, "Website redesign", T0, lead, 0);

  nudge_clock_pin (T0);
  g_assert_cmpint (nudge_cadence_apply (f->store, "New inbound lead", NUDGE_ENTITY_DEAL, deal, T0, 9 * 60, &error), ==, 4);
  g_assert_cmpint (nudge_cadence_apply (f->store, "New inbound lead", NUDGE_ENTITY_CONTACT, lead, T0, 9 * 60, &error), ==, 4);
  g_assert_no_error (error);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM followup WHERE status = 'open'"), ==, 8);

  /* About the other deal: this one's plan goes on. */
  nudge_test_add_activity (f->store, "contact-id", contact, "deal-id", other, "kind", "email",
                           "occurred-at", T0 + DAY, "direction", NUDGE_DIRECTION_IN, NULL);
  nudge_clock_pin (T0 + DAY);
  g_assert_cmpint (nudge_cadence_stop_finished (f->store, &error), ==, 0);
  g_assert_cmpuint (count_open (f, NUDGE_ENTITY_DEAL, deal), ==, 4);

  nudge_test_add_activity (f->store, "contact-id", contact, "kind", "email",
                           "occurred-at", T0 + 2 * DAY, "direction", NUDGE_DIRECTION_IN, NULL);
  nudge_clock_pin (T0 + 2 * DAY);
  g_assert_cmpint (nudge_cadence_stop_finished (f->store, &error), ==, 4);
  g_assert_no_error (error);
  g_assert_cmpuint (count_open (f, NUDGE_ENTITY_DEAL, deal), ==, 0);
  g_assert_cmpuint (count_open (f, NUDGE_ENTITY_CONTACT, lead), ==, 4);

  /* The lead answers, logged on their deal. */
  nudge_test_add_touch (f->store, lead_deal, "email", TRUE, T0 + 3 * DAY);
  nudge_clock_pin (T0 + 3 * DAY);
  g_assert_cmpint (nudge_cadence_stop_finished (f->store, &error), ==, 4);
  g_assert_cmpuint (count_open (f, NUDGE_ENTITY_CONTACT, lead), ==, 0);
}

static gboolean
contains (GArray *ids,
          gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
test_segments (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) dormant = NULL, at_risk = NULL, regulars = NULL, lost = NULL, saved = NULL;
  NudgeEntity entity;
  gint64 regular_id = nudge_test_add_company (f->store, "name", "Kovárna Brno s.r.o.", "industry", "Manufacturing", NULL);
  gint64 lapsed_id = nudge_test_add_named_company (f->store, "ТОВ Світанок");
  gint64 old_deal, busy_deal, lapsed_deal;

  old_deal = add_deal (f, "Dormant deal", T0 - 300 * DAY, 0, 0);
  busy_deal = add_deal (f, "Busy deal", T0 - 300 * DAY, 0, 0);
  nudge_test_add_touch (f->store, busy_deal, "call", FALSE, T0 - 2 * DAY);

  for (int i = 0; i < 3; i++)
    {
      gint64 d = add_deal (f, "Repeat order", T0 - (100 + i * 30) * DAY, 0, regular_id);
      nudge_clock_pin (T0 - (90 + i * 30) * DAY);
      g_assert_true (nudge_store_set_deal_status (f->store, d, NUDGE_DEAL_WON, NULL, &error));
    }
  lapsed_deal = add_deal (f, "Old order", T0 - 400 * DAY, 0, lapsed_id);
  nudge_clock_pin (T0 - 380 * DAY);
  g_assert_true (nudge_store_set_deal_status (f->store, lapsed_deal, NUDGE_DEAL_WON, NULL, &error));

  nudge_clock_pin (T0);
  dormant = nudge_segment_members (f->store, "dormant", &entity, &error);
  g_assert_no_error (error);
  g_assert_cmpint (entity, ==, NUDGE_ENTITY_DEAL);
  g_assert_true (contains (dormant, old_deal));
  g_assert_false (contains (dormant, busy_deal));

  at_risk = nudge_segment_members (f->store, "at_risk", &entity, &error);
  g_assert_true (contains (at_risk, old_deal));
  g_assert_false (contains (at_risk, busy_deal));

  regulars = nudge_segment_members (f->store, "regular", &entity, &error);
  g_assert_cmpint (entity, ==, NUDGE_ENTITY_COMPANY);
  g_assert_cmpuint (regulars->len, ==, 1);
  g_assert_true (contains (regulars, regular_id));

  lost = nudge_segment_members (f->store, "lost_customers", &entity, &error);
  g_assert_true (contains (lost, lapsed_id));
  g_assert_false (contains (lost, regular_id));

  /* A win deleted (a deal entered by mistake) is no purchase: the
   * company bought nothing before. */
  g_assert_true (nudge_store_trash (f->store, NUDGE_ENTITY_DEAL, &lapsed_deal, 1, &error));
  g_clear_pointer (&lost, g_array_unref);
  lost = nudge_segment_members (f->store, "lost_customers", &entity, &error);
  g_assert_no_error (error);
  g_assert_false (contains (lost, lapsed_id));

  /* Postponed in the seller's own words, and not once it is won. */
  {
    static const char *const labels[] = { "Odloženo", "odłożone do jesieni", "Відкладено", "wstrzymane", "on hold" };
    g_autoptr(GArray) postponed = NULL;
    g_autoptr(GArray) labelled = g_array_new (FALSE, FALSE, sizeof (gint64));
    gint64 won;

    for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
      {
        gint64 id = nudge_test_add_deal (f->store, "title", "Waiting", "labels", labels[i], NULL);

        g_array_append_val (labelled, id);
      }
    won = nudge_test_add_deal (f->store, "title", "Signed after all", "labels", "odloženo", NULL);
    g_assert_true (nudge_store_set_deal_status (f->store, won, NUDGE_DEAL_WON, NULL, &error));
    postponed = nudge_segment_members (f->store, "on_hold", &entity, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < labelled->len; i++)
      g_assert_true (contains (postponed, g_array_index (labelled, gint64, i)));
    g_assert_false (contains (postponed, won));
    g_assert_false (contains (postponed, busy_deal));
  }

  g_assert_true (nudge_segment_save_filter (f->store, "Repeat", NUDGE_ENTITY_DEAL, "repeat", &error));
  saved = nudge_segment_members (f->store, "Repeat", &entity, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->len, ==, 3);
  g_assert_false (nudge_segment_save_filter (f->store, "dormant", NUDGE_ENTITY_DEAL, "x", &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
}

static void
test_timeline (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(NudgeFollowup) done = nudge_followup_new ();
  g_autoptr(NudgeFollowup) missed = nudge_followup_new ();
  g_autoptr(NudgeContact) contact_record = NULL;
  gint64 contact = add_contact (f, "Олена Шевченко", 0);
  gint64 deal = add_deal (f, "Pilot", T0 - 10 * DAY, contact, 0);
  const char *expected[] = { "followup_missed", "followup_done", "stage_change", "call", "stage_change" };

  nudge_test_add_touch (f->store, deal, "call", FALSE, T0 - 8 * DAY);
  move_deal (f, deal, "Contact made", T0 - 7 * DAY);
  g_object_set (done, "title", "Send offer", "deal-id", deal, "due-at", T0 - 6 * DAY,
                "status", "done", "done-at", T0 - 5 * DAY, NULL);
  g_object_set (missed, "title", "Call back", "deal-id", deal, "due-at", T0 - 2 * DAY, NULL);
  g_assert_cmpint (nudge_store_save_followup (f->store, done, &error), >, 0);
  g_assert_cmpint (nudge_store_save_followup (f->store, missed, &error), >, 0);

  nudge_clock_pin (T0);
  items = nudge_timeline_list (f->store, NUDGE_ENTITY_CONTACT, contact, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < items->len; i++)
    g_assert_cmpstr (nudge_activity_get_kind (g_ptr_array_index (items, i)), ==, expected[i]);
  g_assert_cmpstr (nudge_activity_get_summary (g_ptr_array_index (items, 2)), ==, "Moved from Lead in to Contact made");

  /* Stay in touch: amber after the ideal, red after the maximum. */
  contact_record = nudge_store_get_contact (f->store, contact, &error);
  g_object_set (contact_record, "stay-ideal-days", 7, "stay-max-days", 14, NULL);
  g_assert_cmpint (nudge_store_save_contact (f->store, contact_record, &error), >, 0);
  g_clear_object (&contact_record);
  contact_record = nudge_store_get_contact (f->store, contact, &error);
  g_assert_cmpint (nudge_contact_stay_state (contact_record, T0 - 3 * DAY), ==, NUDGE_STAY_OK);
  g_assert_cmpint (nudge_contact_stay_state (contact_record, T0), ==, NUDGE_STAY_DUE);
  g_assert_cmpint (nudge_contact_stay_state (contact_record, T0 + 7 * DAY), ==, NUDGE_STAY_OVERDUE);
}

/* The follow-ups in the history of @owner @id, newest first: their
 * summaries joined by " | ". */
static char *
timeline_followups (Fixture     *f,
                    NudgeEntity  owner,
                    gint64       id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = nudge_timeline_list (f->store, owner, id, &error);
  g_autoptr(GStrvBuilder) summaries = g_strv_builder_new ();
  g_auto(GStrv) joined = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    if (g_str_has_prefix (nudge_activity_get_kind (g_ptr_array_index (items, i)), "followup_"))
      g_strv_builder_add (summaries, nudge_activity_get_summary (g_ptr_array_index (items, i)));
  joined = g_strv_builder_end (summaries);
  return g_strjoinv (" | ", joined);
}

static void
add_timeline_followup (Fixture    *f,
                       const char *title,
                       gint64      deal_id,
                       gint64      contact_id,
                       gint64      due_at,
                       gboolean    done,
                       const char *rrule)
{
  g_autoptr(NudgeFollowup) followup = nudge_followup_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (followup, "title", title, "deal-id", deal_id, "contact-id", contact_id, "due-at", due_at,
                "rrule", rrule, NULL);
  if (done)
    g_object_set (followup, "status", "done", "done-at", due_at, NULL);
  g_assert_cmpint (nudge_store_save_followup (f->store, followup, &error), >, 0);
  g_assert_no_error (error);
}

/* A deal's history has its own follow-ups; a contact's those of its
 * deals and its own; a company's those of its deals and its contacts.
 * None has one still to come, a recurring one, or another's. */
static void
test_timeline_owners (Fixture       *f,
                      gconstpointer  data)
{
  gint64 company = nudge_test_add_named_company (f->store, "Kovo Brno s.r.o.");
  gint64 petra = add_contact (f, "Petra Nová", company);
  gint64 jan = add_contact (f, "Jan Malý", company);
  gint64 olena = add_contact (f, "Олена Шевченко", 0);
  gint64 pilot = add_deal (f, "Pilot", T0 - 20 * DAY, petra, company);
  gint64 other = add_deal (f, "Licence", T0 - 20 * DAY, olena, 0);
  g_autofree char *deal = NULL, *of_petra = NULL, *of_jan = NULL, *of_olena = NULL, *of_company = NULL;

  add_timeline_followup (f, "Send offer", pilot, 0, T0 - 5 * DAY, TRUE, "");
  add_timeline_followup (f, "Call Jan", 0, jan, T0 - 2 * DAY, FALSE, "");
  add_timeline_followup (f, "Call Olena", other, 0, T0 - 4 * DAY, TRUE, "");
  add_timeline_followup (f, "Demo", pilot, 0, T0 + 3 * DAY, FALSE, "");
  add_timeline_followup (f, "Weekly check", 0, petra, T0 - 9 * DAY, FALSE, "FREQ=WEEKLY");

  nudge_clock_pin (T0);
  deal = timeline_followups (f, NUDGE_ENTITY_DEAL, pilot);
  of_petra = timeline_followups (f, NUDGE_ENTITY_CONTACT, petra);
  of_jan = timeline_followups (f, NUDGE_ENTITY_CONTACT, jan);
  of_olena = timeline_followups (f, NUDGE_ENTITY_CONTACT, olena);
  of_company = timeline_followups (f, NUDGE_ENTITY_COMPANY, company);
  g_assert_cmpstr (deal, ==, "Follow-up done: Send offer");
  g_assert_cmpstr (of_petra, ==, "Follow-up done: Send offer");
  g_assert_cmpstr (of_jan, ==, "Follow-up missed: Call Jan");
  g_assert_cmpstr (of_olena, ==, "Follow-up done: Call Olena");
  g_assert_cmpstr (of_company, ==, "Follow-up missed: Call Jan | Follow-up done: Send offer");
}

/* Sets rule @id, as created, to act when a deal enters "Proposal sent",
 * with its action's parameters set as the NULL-ended pairs of names and
 * values say, and switches it on. */
static void G_GNUC_NULL_TERMINATED
enable_proposal_rule (Fixture    *f,
                      gint64      id,
                      const char *param,
                      ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = nudge_rule_list (f->store, &error);
  va_list args;

  for (guint i = 0; rules != NULL && i < rules->len; i++)
    {
      NudgeRule *rule = g_ptr_array_index (rules, i);

      if (rule->id != id)
        continue;
      /* New rules wait, disabled, until they are set up. */
      g_assert_false (rule->enabled);
      g_hash_table_insert (rule->trigger_params, g_strdup ("stage"), g_strdup ("Proposal sent"));
      va_start (args, param);
      for (const char *name = param; name != NULL; name = va_arg (args, const char *))
        g_hash_table_insert (rule->action_params, g_strdup (name), g_strdup (va_arg (args, const char *)));
      va_end (args);
      rule->enabled = TRUE;
      g_assert_true (nudge_rule_save (f->store, rule, &error));
      g_assert_no_error (error);
      return;
    }
  g_error ("no rule %" G_GINT64_FORMAT, id);
}

static void
test_new_rule (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 deal = add_deal (f, "Pilot", T0 - DAY, add_contact (f, "Jana Černá", 0), 0);
  gint64 id;

  id = nudge_rule_create (f->store, "Proposal sent: call in 2 days", "deal_enters_stage", "create_followup", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (nudge_rule_create (f->store, "Bad", "deal_flies", "create_followup", &error), ==, 0);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (run_rules (f, T0), ==, 0);
  enable_proposal_rule (f, id, "due_days", "2", NULL);
  move_deal (f, deal, "Proposal sent", T0);
  g_assert_cmpint (run_rules (f, T0 + 60), ==, 1);
  {
    g_autoptr(NudgeFollowup) fu = find_open_followup (f, deal, "Follow up on Pilot");
    g_assert_nonnull (fu);
    g_assert_cmpint (nudge_followup_get_due_at (fu), >=, T0 + 2 * DAY - 12 * 3600);
  }
  g_assert_cmpint (run_rules (f, T0 + 120), ==, 0);
}

/* A rule that applies a cadence to a deal the seller already started it
 * for adds no second copy of each step, and its timeline entry says the
 * cadence was left running. */
static void
test_rule_cadence_running (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 deal = add_deal (f, "Pilot", T0 - DAY, add_contact (f, "Jana Černá", 0), 0);
  gint64 id = nudge_rule_create (f->store, "Proposal sent: cadence", "deal_enters_stage", "apply_cadence", &error);

  g_assert_no_error (error);
  enable_proposal_rule (f, id, "cadence", "New inbound lead", NULL);

  nudge_clock_pin (T0);
  g_assert_cmpint (nudge_cadence_apply (f->store, "New inbound lead", NUDGE_ENTITY_DEAL, deal, T0, 9 * 60, &error), ==, 4);
  move_deal (f, deal, "Proposal sent", T0);
  g_assert_cmpint (run_rules (f, T0 + 60), ==, 1);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM followup WHERE status = 'open'"), ==, 4);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM activity WHERE kind = 'rule'"
                                                " AND summary LIKE '%left the cadence%'"), ==, 1);
}

/* A step meant "now", with no time of its own, planned at 23:30 on a
 * Friday or on a Saturday — by a rule without a daily limit, or as a
 * cadence's first call — is due at the start of the next working day;
 * planned within the working hours it is due at once. */
static void
test_now_in_working_hours (Fixture       *f,
                           gconstpointer  data)
{
  const gint64 friday_night = nudge_test_prague (2026, 6, 5, 23, 30);
  const gint64 saturday = nudge_test_prague (2026, 6, 6, 11, 0);
  const gint64 monday = nudge_test_prague (2026, 6, 8, 9, 0);
  const gint64 tuesday = nudge_test_prague (2026, 6, 9, 10, 15);
  const struct { const char *title; gint64 at; gint64 due; } moves[] = {
    { "Late", friday_night, monday },
    { "Weekend", saturday, monday },
    { "Working", tuesday, tuesday },
  };
  g_autoptr(GError) error = NULL;
  gint64 contact = add_contact (f, "Jana Černá", 0);
  gint64 cadenced = add_deal (f, "Cadenced", friday_night - DAY, contact, 0);
  gint64 id = nudge_rule_create (f->store, "Proposal sent: call now", "deal_enters_stage", "create_followup", &error);

  g_assert_no_error (error);
  enable_proposal_rule (f, id, "due_days", "0", "daily_limit", "0", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      gint64 deal = add_deal (f, moves[i].title, moves[i].at - DAY, contact, 0);
      g_autofree char *title = g_strdup_printf ("Follow up on %s", moves[i].title);
      g_autoptr(NudgeFollowup) fu = NULL;

      move_deal (f, deal, "Proposal sent", moves[i].at);
      g_assert_cmpint (run_rules (f, moves[i].at), >=, 1);
      fu = find_open_followup (f, deal, title);
      g_assert_nonnull (fu);
      g_assert_cmpint (nudge_followup_get_due_at (fu), ==, moves[i].due);
    }

  /* The cadence's first call ("now") on Friday night: Monday morning;
   * its later steps keep their working days at the day's start. */
  nudge_clock_pin (friday_night);
  g_assert_cmpint (nudge_cadence_apply (f->store, "New inbound lead", NUDGE_ENTITY_DEAL, cadenced,
                                        friday_night, 9 * 60, &error), ==, 4);
  g_assert_no_error (error);
  {
    g_autofree char *first = g_strdup_printf ("SELECT MIN(due_at) FROM followup WHERE deal_id = %" G_GINT64_FORMAT
                                              " AND origin = 'cadence'", cadenced);
    g_autofree char *second = g_strdup_printf ("SELECT due_at FROM followup WHERE deal_id = %" G_GINT64_FORMAT
                                               " AND origin = 'cadence' ORDER BY due_at LIMIT 1 OFFSET 1", cadenced);

    g_assert_cmpint (nudge_test_sql_int (f->path, first), ==, monday);
    g_assert_cmpint (nudge_test_sql_int (f->path, second), ==, nudge_test_prague (2026, 6, 10, 9, 0));
  }
}

/* A rule switched on for a book with many idle deals: five follow-ups a
 * working day, none at the weekend, spread over the working hours, the
 * best-scored deals first; the preview is what running creates; running
 * again (or after a restart) adds nothing; a deal that gets an
 * interaction before its turn drops out. */
static void
test_pace (Fixture       *f,
           gconstpointer  data)
{
  /* Friday 2026-06-05 10:00 in Prague */
  const gint64 friday = G_GINT64_CONSTANT (1780646400);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GArray) preview = NULL;
  g_autoptr(GArray) deals = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) per_day = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(NudgeStore) reopened = NULL;
  g_autofree char *described = NULL;
  NudgeRule *rule = NULL;
  sqlite3 *db = NULL;
  gint64 rule_id, best_deal = 0, queued_deal = 0, queued_due = 0;
  guint n_rule = 0, queued = 0;
  gint64 queued_last = 0;

  for (guint i = 0; i < 23; i++)
    {
      g_autofree char *title = g_strdup_printf ("Idle deal %02u", i);
      gint64 id = add_deal (f, title, friday - 100 * DAY, 0, 0);

      g_array_append_val (deals, id);
    }
  /* Scores as the rules runner would have left them: deal 7 is the best. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE deal SET score = (id * 37) % 23;"
                                     "UPDATE deal SET score = 100 WHERE title = 'Idle deal 07'", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  best_deal = g_array_index (deals, gint64, 7);

  nudge_clock_pin (friday);
  rule_id = nudge_rule_create (f->store, "Idle", "deal_idle", "create_followup", &error);
  g_assert_no_error (error);
  rules = nudge_rule_list (f->store, &error);
  for (guint i = 0; i < rules->len; i++)
    {
      NudgeRule *r = g_ptr_array_index (rules, i);

      /* Only this rule: the built-in ones would fire for the same deals. */
      if (r->id == rule_id)
        rule = r;
      else
        g_assert_true (nudge_rule_set_enabled (f->store, r->id, FALSE, &error));
    }
  g_assert_nonnull (rule);
  g_hash_table_replace (rule->trigger_params, g_strdup ("days"), g_strdup ("90"));
  g_hash_table_replace (rule->action_params, g_strdup ("title"), g_strdup ("Reactivate {deal}"));
  g_assert_cmpint (nudge_rule_get_daily_limit (rule), ==, 5);

  /* Previewed while still switched off. */
  preview = nudge_rule_preview (f->store, rule, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->len, ==, 23);
  described = nudge_rule_preview_describe (preview, 5);
  g_assert_nonnull (strstr (described, "23 follow-ups: 5 a day until"));

  rule->enabled = TRUE;
  g_assert_true (nudge_rule_save (f->store, rule, &error));
  g_assert_no_error (error);
  g_assert_cmpint (run_rules (f, friday), ==, 23);

  open = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint d = 0; d < deals->len; d++)
    {
      g_autoptr(GPtrArray) of_deal = nudge_store_list_followups (f->store, NUDGE_ENTITY_DEAL,
                                                                 g_array_index (deals, gint64, d), TRUE, NULL);

      for (guint i = 0; of_deal && i < of_deal->len; i++)
        g_ptr_array_add (open, g_object_ref (g_ptr_array_index (of_deal, i)));
    }
  for (guint i = 0; i < open->len; i++)
    {
      NudgeFollowup *fu = g_ptr_array_index (open, i);
      g_autoptr(GDateTime) due = NULL;
      gpointer key;
      gboolean in_preview = FALSE;

      if (!g_str_has_prefix (nudge_followup_get_title (fu), "Reactivate"))
        continue;
      n_rule++;
      due = g_date_time_new_from_unix_local (nudge_followup_get_due_at (fu));
      /* Never at the weekend, within 09:00–17:00, on whole minutes, not
       * before now. */
      g_assert_cmpint (g_date_time_get_day_of_week (due), <=, 5);
      g_assert_cmpint (g_date_time_get_hour (due), >=, 9);
      g_assert_cmpint (g_date_time_get_hour (due), <, 17);
      g_assert_cmpint (nudge_followup_get_due_at (fu) % 60, ==, 0);
      g_assert_cmpint (nudge_followup_get_due_at (fu), >=, friday);
      key = GINT_TO_POINTER (g_date_time_get_day_of_year (due));
      g_hash_table_insert (per_day, key, GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (per_day, key)) + 1));
      /* The best deal gets today's first slot. */
      if (nudge_followup_get_deal_id (fu) == best_deal)
        g_assert_cmpint (nudge_followup_get_due_at (fu), ==, friday);
      /* What ran is what the preview said. */
      for (guint p = 0; p < preview->len; p++)
        {
          NudgePlannedFollowup *planned = &g_array_index (preview, NudgePlannedFollowup, p);

          if (planned->deal_id == nudge_followup_get_deal_id (fu))
            in_preview = planned->due_at == nudge_followup_get_due_at (fu);
        }
      g_assert_true (in_preview);
      if (g_date_time_get_day_of_week (due) == 3)
        {
          queued_deal = nudge_followup_get_deal_id (fu);
          queued_due = nudge_followup_get_due_at (fu);
        }
    }
  g_assert_cmpuint (n_rule, ==, 23);
  /* Fri 5, Mon 5, Tue 5, Wed 5, Thu 3 */
  g_assert_cmpuint (g_hash_table_size (per_day), ==, 5);
  {
    GHashTableIter iter;
    gpointer count;

    g_hash_table_iter_init (&iter, per_day);
    while (g_hash_table_iter_next (&iter, NULL, &count))
      g_assert_cmpint (GPOINTER_TO_INT (count), <=, 5);
  }
  /* From Saturday on: Mon 5, Tue 5, Wed 5, Thu 3, the last on Thursday. */
  g_assert_true (nudge_rules_count_queued (f->store, friday + 86400, &queued, &queued_last, &error));
  g_assert_cmpuint (queued, ==, 18);
  {
    g_autoptr(GDateTime) last = nudge_clock_local_from_unix (queued_last);

    g_assert_cmpint (g_date_time_get_day_of_week (last), ==, 4);
    g_assert_cmpint (queued_last - friday, <, 7 * 86400);
  }

  /* Again, and after a restart: nothing new. */
  g_assert_cmpint (run_rules (f, friday + 600), ==, 0);
  g_clear_object (&f->store);
  reopened = nudge_store_open (f->path, &error);
  g_assert_no_error (error);
  f->store = g_steal_pointer (&reopened);
  g_assert_cmpint (run_rules (f, friday + 1200), ==, 0);

  /* The Wednesday deal answers on Monday: its follow-up leaves the queue. */
  g_assert_cmpint (queued_deal, >, 0);
  nudge_test_add_touch (f->store, queued_deal, "email", TRUE, friday + 3 * DAY);
  run_rules (f, friday + 3 * DAY + 60);
  {
    g_autoptr(NudgeFollowup) gone = find_open_followup (f, queued_deal, "Reactivate");

    g_assert_null (gone);
  }
  g_assert_cmpint (queued_due, >, friday + 3 * DAY);
}

/* Stopped (the app quits, the book closes), the runner starts no run:
 * not the one due a moment after start-up, whose book may be gone by
 * then, though that timer still holds the runner. */
static void
test_runner_stop (Fixture       *f,
                  gconstpointer  data)
{
  NudgeRulesRunner *runner = nudge_rules_runner_new (f->store);
  GObject *still;
  GWeakRef alive;
  gint64 deadline;

  g_weak_ref_init (&alive, runner);
  nudge_rules_runner_start (runner);
  nudge_rules_runner_stop (runner);
  g_object_unref (runner);
  /* The book goes: a run now would fail (a warning, fatal here). The
   * timer lets the runner go once it has fired (a whole-second timer:
   * within 3 s), and a run would hold it until it failed. */
  nudge_test_book_tear_down (f, data);
  deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while ((still = g_weak_ref_get (&alive)) != NULL && g_get_monotonic_time () < deadline)
    {
      g_clear_object (&still);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (still);
  g_weak_ref_clear (&alive);
  nudge_test_book_set_up (f, data);
}

/* Templates show their fields by name, never as the {keys} stored, and
 * a field that is none ("{contcat}") is refused with what was meant,
 * by a rule and by a cadence, before it reaches a customer as typed.
 * What was saved before keeps working: the stored form is unchanged. */
static void
test_template_fields (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_autofree char *shown = nudge_template_describe ("Check-in: {contact} – {deal}, {days_idle} days, {x y}, {");
  NudgeCadenceStep steps[] = { { 0, (char *) "call", (char *) "Call {contcat}" } };
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (NudgeCadenceStep));
  NudgeCadence cadence = { 0, (char *) "Trade fair", TRUE, FALSE, list };
  NudgeRule *rule = NULL;

  g_assert_cmpstr (shown, ==, "Check-in: ‹contact› – ‹deal›, ‹days\302\240without\302\240activity› days, {x y}, {");
  /* Edited as shown, read back as stored: the same when unchanged. */
  {
    static const char *const stored[] = {
      "Check-in: {contact} – {deal}, {days_idle} days, {x y}, {", "{contact}{deal}", "", "Plain {", "{contcat}",
    };

    for (guint i = 0; i < G_N_ELEMENTS (stored); i++)
      {
        g_autofree char *as_shown = nudge_template_describe (stored[i]);
        g_autofree char *back = nudge_template_from_shown (as_shown);

        g_assert_true (nudge_template_can_show (stored[i]));
        g_assert_cmpstr (back, ==, stored[i]);
      }
  }
  /* A name typed in another case or with plain spaces is the field. */
  g_clear_pointer (&shown, g_free);
  shown = nudge_template_from_shown ("Call ‹Contact› after ‹days without activity› days, ‹price›");
  g_assert_cmpstr (shown, ==, "Call {contact} after {days_idle} days, ‹price›");
  /* One with ‹ or › of its own is edited as stored. */
  g_assert_false (nudge_template_can_show ("Offer ‹beta› to {contact}"));

  /* A field shown must be whole. */
  g_assert_true (nudge_template_check_shown ("Title", "Call ‹contact› about {deal}", &error));
  g_assert_no_error (error);
  g_assert_false (nudge_template_check_shown ("Title", "Call ‹contac›", &error));
  g_assert_cmpstr (error->message, ==, "Title: “‹contac›” is no field to fill in. Did you mean ‹contact›?");
  g_clear_error (&error);
  g_assert_false (nudge_template_check_shown ("Title", "Call contact›", &error));
  g_assert_cmpstr (error->message, ==, "Title: “›” is no field to fill in. Choose one from Insert Field.");
  g_clear_error (&error);
  g_assert_false (nudge_template_check_shown ("Title", "Call {contcat}", &error));
  g_assert_cmpstr (error->message, ==, "Title: “{contcat}” is no field to fill in. Did you mean ‹contact›?");
  g_clear_error (&error);
  g_assert_cmpstr (nudge_template_field_label ("days_idle"), ==, "Days Without Activity");
  g_assert_null (nudge_template_field_label ("contcat"));

  g_assert_true (nudge_template_check ("Title", "Call {contact} about {deal} ({company}, {product}, {email})", &error));
  g_assert_no_error (error);
  /* Braces that are no field name are text. */
  g_assert_true (nudge_template_check ("Title", "Plan {Q3 review} and { }", &error));
  g_assert_no_error (error);
  g_assert_false (nudge_template_check ("Title", "Call {contcat}", &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Title: “{contcat}” is no field to fill in. Did you mean {contact} (Contact)?");
  g_clear_error (&error);
  g_assert_false (nudge_template_check ("Title", "{Company} visit", &error));
  g_assert_cmpstr (error->message, ==, "Title: “{Company}” is no field to fill in. Did you mean {company} (Company)?");
  g_clear_error (&error);
  g_assert_false (nudge_template_check ("Title", "{price} offer", &error));
  g_assert_cmpstr (error->message, ==, "Title: “{price}” is no field to fill in. Choose one from Insert Field.");
  g_clear_error (&error);

  /* A cadence's step. */
  g_array_append_vals (list, steps, G_N_ELEMENTS (steps));
  g_assert_cmpint (nudge_cadence_save (f->store, &cadence, &error), ==, 0);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "{contcat}"));
  g_clear_error (&error);

  /* A rule's e-mail text; its saved title is left as it was. */
  rules = nudge_rule_list (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rules->len; i++)
    if (g_hash_table_contains (((NudgeRule *) g_ptr_array_index (rules, i))->action_params, "body"))
      rule = g_ptr_array_index (rules, i);
  g_assert_nonnull (rule);
  g_hash_table_insert (rule->action_params, g_strdup ("body"), g_strdup ("Hello {contcat},"));
  g_assert_false (nudge_rule_save (f->store, rule, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "E-mail text: “{contcat}”"));
  g_clear_error (&error);
  g_hash_table_insert (rule->action_params, g_strdup ("body"), g_strdup ("Hello {contact},"));
  g_assert_true (nudge_rule_save (f->store, rule, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "rules/reactivation", NUDGE_TEST_FUNC (test_reactivation) },
    { "cadence/stops-on-reply", NUDGE_TEST_FUNC (test_cadence_stops_on_reply) },
    { "cadence/stops-on-contact-reply", NUDGE_TEST_FUNC (test_cadence_stops_on_contact_reply) },
    { "cadence/rule-while-running", NUDGE_TEST_FUNC (test_rule_cadence_running) },
    { "cadence/holidays", NUDGE_TEST_FUNC (test_cadence_holidays) },
    { "rules/new-rule", NUDGE_TEST_FUNC (test_new_rule) },
    { "rules/now-in-working-hours", NUDGE_TEST_FUNC (test_now_in_working_hours) },
    { "timeline/merged", NUDGE_TEST_FUNC (test_timeline) },
    { "timeline/owners", NUDGE_TEST_FUNC (test_timeline_owners) },
    { "segments/membership", NUDGE_TEST_FUNC (test_segments) },
    { "rules/pace", NUDGE_TEST_FUNC (test_pace) },
    { "rules/runner-stop", NUDGE_TEST_FUNC (test_runner_stop) },
    { "rules/template-fields", NUDGE_TEST_FUNC (test_template_fields) },
  };

  nudge_test_init (&argc, &argv, "C.UTF-8");

  nudge_test_add_table ("/core/", Fixture, nudge_test_book_set_up, nudge_test_book_tear_down, cases);

  return g_test_run ();
}
