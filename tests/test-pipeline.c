/* test-pipeline.c — forecast, rotting, required fields and stage management
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <time.h>

#include "nudge-automation.h"
#include "nudge-clock.h"
#include "nudge-deal-move.h"
#include "nudge-format.h"
#include "nudge-followups.h"
#include "nudge-pipeline.h"
#include "nudge-scheduler.h"
#include "nudge-stage-undo.h"
#include "nudge-store.h"
#include "nudge-test-core.h"

typedef NudgeTestBook Fixture;

static void
test_weighted_rounding (void)
{
  g_assert_cmpint (nudge_weighted_amount (100000, 60), ==, 60000);
  g_assert_cmpint (nudge_weighted_amount (333, 10), ==, 33);    /* 33.3 */
  g_assert_cmpint (nudge_weighted_amount (335, 10), ==, 34);    /* 33.5 rounds up */
  g_assert_cmpint (nudge_weighted_amount (-335, 10), ==, -34);
  g_assert_cmpint (nudge_weighted_amount (12345, 0), ==, 0);
  g_assert_cmpint (nudge_weighted_amount (12345, 100), ==, 12345);
  g_assert_cmpint (nudge_weighted_amount (12345, 150), ==, 12345);  /* clamped */
}

static void
test_totals_per_currency (void)
{
  g_autoptr(NudgePipelineTotals) totals = nudge_pipeline_totals_new ();
  g_autofree char *total = NULL;
  g_autofree char *weighted = NULL;
  g_autofree char *czk = NULL;
  g_autofree char *eur = NULL;
  g_autofree char *expected = NULL;

  nudge_pipeline_totals_add (totals, "EUR", 1200000, TRUE, 60);
  nudge_pipeline_totals_add (totals, "CZK", 100000000, TRUE, 60);
  nudge_pipeline_totals_add (totals, "CZK", 25000000, TRUE, 20);
  nudge_pipeline_totals_add (totals, "CZK", 0, FALSE, 80);   /* counted, no amount */

  g_assert_cmpuint (nudge_pipeline_totals_get_count (totals), ==, 4);
  g_assert_cmpuint (nudge_pipeline_totals_get_n_currencies (totals), ==, 2);
  g_assert_cmpstr (nudge_pipeline_totals_get_currency (totals, 0), ==, "EUR");
  g_assert_cmpint (nudge_pipeline_totals_get_total (totals, "CZK"), ==, 125000000);
  g_assert_cmpint (nudge_pipeline_totals_get_weighted (totals, "CZK"), ==, 60000000 + 5000000);
  g_assert_cmpint (nudge_pipeline_totals_get_total (totals, "EUR"), ==, 1200000);
  g_assert_cmpint (nudge_pipeline_totals_get_weighted (totals, "EUR"), ==, 720000);
  g_assert_cmpint (nudge_pipeline_totals_get_total (totals, "PLN"), ==, 0);

  /* The user's currency comes first; the others follow, never converted,
   * in whole units. */
  total = nudge_pipeline_totals_format (totals, "CZK", FALSE);
  czk = nudge_format_money_whole (125000000, "CZK");
  eur = nudge_format_money_whole (1200000, "EUR");
  expected = g_strdup_printf ("%s · %s", czk, eur);
  g_assert_cmpstr (total, ==, expected);

  /* Without the user's currency, by code: the same order in every
   * column, whichever deal came first. */
  weighted = nudge_pipeline_totals_format (totals, "PLN", TRUE);
  {
    g_autofree char *w_eur = nudge_format_money_whole (720000, "EUR");
    g_autofree char *w_czk = nudge_format_money_whole (65000000, "CZK");
    g_autofree char *w_expected = g_strdup_printf ("%s · %s", w_czk, w_eur);

    g_assert_cmpstr (weighted, ==, w_expected);
  }

  nudge_pipeline_totals_clear (totals);
  g_assert_cmpuint (nudge_pipeline_totals_get_count (totals), ==, 0);
  g_clear_pointer (&total, g_free);
  total = nudge_pipeline_totals_format (totals, "CZK", FALSE);
  g_clear_pointer (&czk, g_free);
  czk = nudge_format_money_whole (0, "CZK");
  g_assert_cmpstr (total, ==, czk);
}

static void
test_forecast_from_store (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) deals = NULL;
  g_autoptr(NudgePipelineTotals) totals = nudge_pipeline_totals_new ();
  g_autoptr(GError) error = NULL;

  nudge_test_add_staged_deal (f->store, "A", "Proposal sent", 1000000, "CZK", "2026-03-02T09:00:00Z", NULL); /* 60 % */
  nudge_test_add_staged_deal (f->store, "B", "Lead in", 500000, "CZK", "2026-03-02T09:00:00Z", NULL);     /* 10 % */
  nudge_test_add_staged_deal (f->store, "C", "Negotiation", 200000, "EUR", "2026-03-02T09:00:00Z", NULL); /* 80 % */

  deals = nudge_store_list_deals (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < deals->len; i++)
    nudge_pipeline_totals_add_deal (totals, g_ptr_array_index (deals, i));

  g_assert_cmpint (nudge_pipeline_totals_get_total (totals, "CZK"), ==, 1500000);
  g_assert_cmpint (nudge_pipeline_totals_get_weighted (totals, "CZK"), ==, 600000 + 50000);
  g_assert_cmpint (nudge_pipeline_totals_get_weighted (totals, "EUR"), ==, 160000);
}

/* Whether the deal @id, as stored now, is rotting at @when (UTC). */
static gboolean
rotting_at (Fixture    *f,
            gint64      id,
            const char *when)
{
  g_autoptr(NudgeDeal) d = nudge_test_get_deal (f->store, id);

  return nudge_deal_is_rotting (d, nudge_test_utc (when));
}

/* When the deal @id, as stored now, has been idle since. */
static gint64
idle_since (Fixture *f,
            gint64   id)
{
  g_autoptr(NudgeDeal) d = nudge_test_get_deal (f->store, id);

  return nudge_deal_idle_since (d);
}

static void
test_rotting (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(NudgeActivity) activity = nudge_activity_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* Contact made rots after 7 idle days. */
  id = nudge_test_add_staged_deal (f->store, "Idle", "Contact made", 100, "CZK", "2026-03-02T09:00:00Z", NULL);
  {
    g_autoptr(NudgeDeal) d = nudge_test_get_deal (f->store, id);

    g_assert_cmpint (nudge_deal_get_stage_rotting_days (d), ==, 7);
    g_assert_cmpint (nudge_deal_idle_days (d, nudge_test_utc ("2026-03-09T09:00:00Z")), ==, 7);
    g_assert_cmpint (nudge_deal_idle_days (d, nudge_test_utc ("2026-03-10T08:59:59Z")), ==, 7);
  }
  g_assert_false (rotting_at (f, id, "2026-03-09T09:00:00Z"));
  g_assert_false (rotting_at (f, id, "2026-03-10T08:59:59Z"));
  g_assert_true (rotting_at (f, id, "2026-03-10T09:00:00Z"));

  /* An activity resets the idle clock… */
  g_object_set (activity, "deal-id", id, "kind", "call", "occurred-at", nudge_test_utc ("2026-03-08T10:00:00Z"), NULL);
  nudge_store_add_activity (f->store, activity, &error);
  g_assert_no_error (error);
  g_assert_cmpint (idle_since (f, id), ==, nudge_test_utc ("2026-03-08T10:00:00Z"));
  g_assert_false (rotting_at (f, id, "2026-03-12T09:00:00Z"));
  g_assert_true (rotting_at (f, id, "2026-03-16T10:00:00Z"));

  /* …and so does a stage move, to the new stage's limit (Negotiation: 14). */
  nudge_clock_pin (nudge_test_utc ("2026-03-20T09:00:00Z"));
  nudge_store_move_deal_to_stage (f->store, id, nudge_test_stage_id (f->store, "Negotiation"), &error);
  g_assert_no_error (error);
  g_assert_cmpint (idle_since (f, id), ==, nudge_test_utc ("2026-03-20T09:00:00Z"));
  g_assert_false (rotting_at (f, id, "2026-04-03T09:00:00Z"));
  g_assert_true (rotting_at (f, id, "2026-04-04T09:00:00Z"));

  /* Won deals never rot (the Won stage has no limit). */
  nudge_store_set_deal_status (f->store, id, NUDGE_DEAL_WON, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (rotting_at (f, id, "2027-01-01T09:00:00Z"));
}

static void
test_required_fields (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeStage) proposal = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *describe = NULL;
  NudgeRequiredFields fields = 0;
  gint64 id;

  g_assert_true (nudge_required_fields_parse (" contact, amount ,", &fields, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fields, ==, NUDGE_REQUIRED_AMOUNT | NUDGE_REQUIRED_CONTACT);
  canonical = nudge_required_fields_to_string (fields);
  g_assert_cmpstr (canonical, ==, "amount,contact");
  describe = nudge_required_fields_describe (NUDGE_REQUIRED_EXPECTED_CLOSE | NUDGE_REQUIRED_AMOUNT);
  g_assert_cmpstr (describe, ==, "amount, expected close date");

  g_assert_false (nudge_required_fields_parse ("amount,budget", &fields, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* The default Proposal sent stage requires an amount. */
  proposal = nudge_store_get_stage (f->store, nudge_test_stage_id (f->store, "Proposal sent"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nudge_stage_get_required_fields (proposal), ==, "amount");

  id = nudge_test_add_staged_deal (f->store, "No amount", "Lead in", 0, "CZK", "2026-03-02T09:00:00Z", NULL);
  {
    g_autoptr(NudgeDeal) d = nudge_test_get_deal (f->store, id);

    g_assert_cmpint (nudge_deal_missing_fields (d, proposal), ==, NUDGE_REQUIRED_AMOUNT);
    g_object_set (proposal, "required-fields", "amount,expected_close,contact", NULL);
    g_assert_cmpint (nudge_deal_missing_fields (d, proposal), ==,
                     NUDGE_REQUIRED_AMOUNT | NUDGE_REQUIRED_EXPECTED_CLOSE | NUDGE_REQUIRED_CONTACT);
    g_object_set (d, "has-amount", TRUE, "amount-minor", (gint64) 5000, "expected-close", "2026-05-01", NULL);
    g_assert_cmpint (nudge_deal_missing_fields (d, proposal), ==, NUDGE_REQUIRED_CONTACT);
  }
}

static void
test_stage_management (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(NudgeStage) edited = NULL;
  g_autoptr(NudgeDeal) moved = NULL;
  gint64 pipeline = nudge_store_get_default_pipeline (f->store);
  gint64 demo, lead, deal, partners;

  /* A new stage without a position goes before Won and Lost. */
  demo = nudge_stage_create (f->store, pipeline, "Demo", -1, &error);
  g_assert_no_error (error);
  stages = nudge_store_list_stages (f->store, pipeline, &error);
  g_assert_cmpuint (stages->len, ==, 8);
  g_assert_cmpint (nudge_stage_get_id (g_ptr_array_index (stages, 5)), ==, demo);
  g_assert_cmpstr (nudge_stage_get_kind (g_ptr_array_index (stages, 6)), ==, "won");
  g_clear_pointer (&stages, g_ptr_array_unref);

  /* Reorder to the front. */
  nudge_stage_reorder (f->store, demo, 0, &error);
  g_assert_no_error (error);
  stages = nudge_store_list_stages (f->store, pipeline, &error);
  g_assert_cmpint (nudge_stage_get_id (g_ptr_array_index (stages, 0)), ==, demo);
  g_assert_cmpstr (nudge_stage_get_name (g_ptr_array_index (stages, 1)), ==, "Lead in");
  g_assert_cmpint (nudge_stage_neighbour (f->store, demo, +1), ==, nudge_test_stage_id (f->store, "Lead in"));
  g_assert_cmpint (nudge_stage_neighbour (f->store, demo, -1), ==, 0);
  g_assert_cmpint (nudge_stage_neighbour (f->store, nudge_test_stage_id (f->store, "Negotiation"), +1), ==, 0);

  /* Edit: probability, rotting limit, required fields (canonicalised). */
  edited = nudge_store_get_stage (f->store, demo, &error);
  g_object_set (edited, "probability", 30, "rotting-days", 5, "required-fields", "contact, amount", NULL);
  nudge_stage_update (f->store, edited, &error);
  g_assert_no_error (error);
  g_clear_object (&edited);
  edited = nudge_store_get_stage (f->store, demo, &error);
  g_assert_cmpint (nudge_stage_get_probability (edited), ==, 30);
  g_assert_cmpstr (nudge_stage_get_required_fields (edited), ==, "amount,contact");
  g_object_set (edited, "probability", 130, NULL);
  g_assert_false (nudge_stage_update (f->store, edited, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Deleting a stage with deals needs a target; the deals move with history. */
  deal = nudge_test_add_staged_deal (f->store, "Held", "Demo", 100, "CZK", "2026-03-02T09:00:00Z", NULL);
  g_assert_cmpuint (nudge_stage_count_deals (f->store, demo), ==, 1);
  g_assert_false (nudge_stage_delete (f->store, demo, 0, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  lead = nudge_test_stage_id (f->store, "Lead in");
  nudge_stage_delete (f->store, demo, lead, &error);
  g_assert_no_error (error);
  moved = nudge_test_get_deal (f->store, deal);
  g_assert_cmpint (nudge_deal_get_stage_id (moved), ==, lead);
  g_assert_null (nudge_store_get_stage (f->store, demo, NULL));

  /* Pipelines: create (with Won and Lost), rename, delete only when empty. */
  partners = nudge_pipeline_create (f->store, "Partners", &error);
  g_assert_no_error (error);
  g_assert_cmpint (nudge_pipeline_find (f->store, "Partners"), ==, partners);
  g_assert_cmpint (nudge_pipeline_create (f->store, "Partners", &error), ==, 0);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_clear_pointer (&stages, g_ptr_array_unref);
  stages = nudge_store_list_stages (f->store, partners, &error);
  g_assert_cmpuint (stages->len, ==, 2);
  nudge_pipeline_rename (f->store, partners, "Resellers", &error);
  g_assert_no_error (error);
  g_assert_cmpint (nudge_pipeline_find (f->store, "Resellers"), ==, partners);
  g_assert_false (nudge_pipeline_delete (f->store, pipeline, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  nudge_pipeline_delete (f->store, partners, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nudge_pipeline_find (f->store, "Resellers"), ==, 0);
}

static void
test_lost_reasons (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) before = nudge_store_list_lost_reasons (f->store);
  g_auto(GStrv) after = NULL;
  g_auto(GStrv) removed = NULL;

  nudge_lost_reason_add (f->store, "Went in-house", &error);
  g_assert_no_error (error);
  after = nudge_store_list_lost_reasons (f->store);
  g_assert_cmpuint (g_strv_length (after), ==, g_strv_length (before) + 1);
  g_assert_true (g_strv_contains ((const char * const *) after, "Went in-house"));
  nudge_lost_reason_remove (f->store, "Went in-house", &error);
  g_assert_no_error (error);
  removed = nudge_store_list_lost_reasons (f->store);
  g_assert_false (g_strv_contains ((const char * const *) removed, "Went in-house"));
}

/* 2026-03-02 10:00 in Prague; the deals entered their stage two months
 * before. */
#define MOVED_AT G_GINT64_CONSTANT (1772442000)
#define ENTERED_AT (MOVED_AT - 60 * 24 * 3600)

static int
count_rows (Fixture    *f,
            const char *format,
            gint64      deal_id)
{
  g_autofree char *sql = g_strdup_printf (format, deal_id);

  return nudge_test_sql_int (f->path, sql);
}

static gint64
add_proposal_deal (Fixture *f)
{
  gint64 contact = nudge_test_add_named_contact (f->store, "George Taylor");

  return nudge_test_add_deal (f->store, "title", "Consulting", "contact-id", contact,
                              "stage-id", nudge_test_stage_id (f->store, "Proposal sent"),
                              "created-at", ENTERED_AT, NULL);
}

/* Won, then Undo: the deal is as it was — stage, status, the time it
 * entered its stage — its stage history has no trace of the move, and
 * the check-in the built-in rule made when it was won is gone. */
static void
test_undo_won (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeDealMove) move = NULL;
  g_autoptr(NudgeDeal) before = NULL;
  g_autoptr(NudgeDeal) won = NULL;
  g_autoptr(NudgeDeal) after = NULL;
  g_autoptr(GPtrArray) followups = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (NudgeTestChange));
  gint64 deal = add_proposal_deal (f);
  gint64 proposal = nudge_test_stage_id (f->store, "Proposal sent");
  gint64 won_stage = nudge_test_stage_id (f->store, "Won");
  gint64 followup_id = 0;
  int history;
  gulong handler;

  g_assert_true (nudge_automation_ensure_builtins (f->store, &error));
  g_assert_no_error (error);
  before = nudge_test_get_deal (f->store, deal);
  history = count_rows (f, "SELECT COUNT(*) FROM stage_change WHERE deal_id = %" G_GINT64_FORMAT, deal);

  nudge_clock_pin (MOVED_AT);
  move = nudge_deal_move (f->store, deal, won_stage, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (move);
  g_assert_cmpint (nudge_deal_move_get_deal_id (move), ==, deal);
  g_assert_cmpint (nudge_deal_move_get_from_stage (move), ==, proposal);
  won = nudge_test_get_deal (f->store, deal);
  g_assert_cmpint (nudge_deal_get_status (won), ==, NUDGE_DEAL_WON);
  g_assert_cmpint (nudge_deal_get_stage_id (won), ==, won_stage);
  g_assert_cmpint (count_rows (f, "SELECT COUNT(*) FROM stage_change WHERE deal_id = %" G_GINT64_FORMAT, deal),
                   ==, history + 1);

  /* The rules runner's run, a moment after the move. */
  nudge_clock_pin (MOVED_AT + 2);
  g_assert_cmpint (nudge_rules_run (f->store, &error), >=, 1);
  g_assert_no_error (error);
  followups = nudge_store_list_followups (f->store, NUDGE_ENTITY_DEAL, deal, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < followups->len; i++)
    if (g_str_equal (nudge_followup_get_title (g_ptr_array_index (followups, i)),
                     "Check-in with George Taylor: Consulting"))
      followup_id = nudge_followup_get_id (g_ptr_array_index (followups, i));
  g_assert_cmpint (followup_id, >, 0);
  g_assert_cmpint (count_rows (f, "SELECT COUNT(*) FROM activity WHERE deal_id = %" G_GINT64_FORMAT
                               " AND kind = 'rule'", deal), ==, 1);

  nudge_clock_pin (MOVED_AT + 10);
  handler = g_signal_connect (f->store, "changes", G_CALLBACK (nudge_test_record_changes), changes);
  g_assert_true (nudge_deal_move_undo (f->store, move, &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (f->store, handler);
  g_assert_true (nudge_deal_move_is_undone (move));

  after = nudge_test_get_deal (f->store, deal);
  g_assert_cmpint (nudge_deal_get_stage_id (after), ==, proposal);
  g_assert_cmpint (nudge_deal_get_status (after), ==, NUDGE_DEAL_OPEN);
  g_assert_cmpint (nudge_deal_get_stage_entered_at (after), ==, ENTERED_AT);
  g_assert_cmpint (nudge_deal_get_stage_entered_at (after), ==, nudge_deal_get_stage_entered_at (before));
  g_assert_cmpint (nudge_deal_get_closed_at (after), ==, 0);
  g_assert_cmpstr (nudge_deal_get_lost_reason (after), ==, nudge_deal_get_lost_reason (before));
  /* No next step left behind by the rule. */
  g_assert_cmpint (nudge_deal_get_next_followup_at (after), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT COUNT(*) FROM stage_change WHERE deal_id = %" G_GINT64_FORMAT, deal),
                   ==, history);
  g_assert_cmpint (count_rows (f, "SELECT COUNT(*) FROM followup WHERE id = %" G_GINT64_FORMAT, followup_id), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT COUNT(*) FROM activity WHERE deal_id = %" G_GINT64_FORMAT
                               " AND kind = 'rule'", deal), ==, 0);

  /* One change set: the deal, and the follow-up gone. */
  {
    gboolean deal_updated = FALSE, followup_removed = FALSE;

    for (guint i = 0; i < changes->len; i++)
      {
        NudgeTestChange *c = &g_array_index (changes, NudgeTestChange, i);

        deal_updated |= c->entity == NUDGE_ENTITY_DEAL && c->id == deal && c->change == NUDGE_CHANGE_UPDATED;
        followup_removed |= c->entity == NUDGE_ENTITY_FOLLOWUP && c->id == followup_id &&
                            c->change == NUDGE_CHANGE_REMOVED;
      }
    g_assert_true (deal_updated);
    g_assert_true (followup_removed);
  }

  /* Once: a second Undo changes nothing. */
  g_assert_true (nudge_deal_move_undo (f->store, move, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "SELECT COUNT(*) FROM stage_change WHERE deal_id = %" G_GINT64_FORMAT, deal),
                   ==, history);
  nudge_clock_unpin ();
}

/* Lost, then Undo: no new time in stage, no stage history 5→7, 7→5. */
static void
test_undo_lost (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeDealMove) move = NULL;
  g_autoptr(NudgeDeal) lost = NULL;
  g_autoptr(NudgeDeal) after = NULL;
  gint64 deal = add_proposal_deal (f);
  int history = count_rows (f, "SELECT COUNT(*) FROM stage_change WHERE deal_id = %" G_GINT64_FORMAT, deal);

  nudge_clock_pin (MOVED_AT);
  move = nudge_deal_move (f->store, deal, nudge_test_stage_id (f->store, "Lost"), NULL, "Too expensive", &error);
  g_assert_no_error (error);
  lost = nudge_test_get_deal (f->store, deal);
  g_assert_cmpint (nudge_deal_get_status (lost), ==, NUDGE_DEAL_LOST);
  g_assert_cmpstr (nudge_deal_get_lost_reason (lost), ==, "Too expensive");
  g_assert_cmpint (nudge_deal_get_closed_at (lost), ==, MOVED_AT);

  nudge_clock_pin (MOVED_AT + 5);
  g_assert_true (nudge_deal_move_undo (f->store, move, &error));
  g_assert_no_error (error);
  after = nudge_test_get_deal (f->store, deal);
  g_assert_cmpint (nudge_deal_get_status (after), ==, NUDGE_DEAL_OPEN);
  g_assert_cmpint (nudge_deal_get_stage_id (after), ==, nudge_test_stage_id (f->store, "Proposal sent"));
  g_assert_cmpint (nudge_deal_get_stage_entered_at (after), ==, ENTERED_AT);
  g_assert_cmpint (nudge_deal_get_closed_at (after), ==, 0);
  g_assert_cmpstr (nudge_deal_get_lost_reason (after), ==, "");
  g_assert_cmpint (count_rows (f, "SELECT COUNT(*) FROM stage_change WHERE deal_id = %" G_GINT64_FORMAT, deal),
                   ==, history);
  nudge_clock_unpin ();
}

/* The fields the stage asked for go back with the move; a deal moved
 * again since is not moved back under the seller's hands. */
static void
test_undo_filled_and_changed (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeDealMove) first = NULL;
  g_autoptr(NudgeDealMove) second = NULL;
  g_autoptr(NudgeDeal) filled = NULL;
  g_autoptr(NudgeDeal) after = NULL;
  gint64 deal = add_proposal_deal (f);
  gint64 negotiation = nudge_test_stage_id (f->store, "Negotiation");

  nudge_clock_pin (MOVED_AT);
  filled = nudge_test_get_deal (f->store, deal);
  g_object_set (filled, "has-amount", TRUE, "amount-minor", (gint64) 4200000, NULL);
  first = nudge_deal_move (f->store, deal, negotiation, filled, NULL, &error);
  g_assert_no_error (error);
  after = nudge_test_get_deal (f->store, deal);
  g_assert_true (nudge_deal_get_has_amount (after));
  g_clear_object (&after);

  nudge_clock_pin (MOVED_AT + 5);
  g_assert_true (nudge_deal_move_undo (f->store, first, &error));
  g_assert_no_error (error);
  after = nudge_test_get_deal (f->store, deal);
  g_assert_false (nudge_deal_get_has_amount (after));
  g_assert_cmpint (nudge_deal_get_stage_entered_at (after), ==, ENTERED_AT);
  g_clear_object (&after);
  g_clear_pointer (&first, nudge_deal_move_unref);

  first = nudge_deal_move (f->store, deal, negotiation, NULL, NULL, &error);
  g_assert_no_error (error);
  nudge_clock_pin (MOVED_AT + 10);
  second = nudge_deal_move (f->store, deal, nudge_test_stage_id (f->store, "Won"), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (nudge_deal_move_undo (f->store, first, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CHANGED);
  g_assert_false (nudge_deal_move_is_undone (first));
  after = nudge_test_get_deal (f->store, deal);
  g_assert_cmpint (nudge_deal_get_status (after), ==, NUDGE_DEAL_WON);
  nudge_clock_unpin ();
}

/* The deal's follow-ups as Today, the calendar and the reminders read
 * them: status, times, snoozes, series and their occurrences */
static char *
dump_followups (Fixture *f,
                gint64   deal)
{
  g_autofree char *rows = g_strdup_printf ("SELECT id, title, status, due_at, next_at, snoozed_until, done_at,"
                                           " rrule, exdates, all_day, tzid, remind_before_min FROM followup"
                                           " WHERE deal_id = %" G_GINT64_FORMAT " ORDER BY id", deal);
  g_autofree char *occurrences = g_strdup_printf ("SELECT o.* FROM followup_occurrence o JOIN followup f"
                                                  " ON f.id = o.followup_id WHERE f.deal_id = %" G_GINT64_FORMAT
                                                  " ORDER BY 1, 2", deal);
  const char *const queries[] = { rows, occurrences };

  return nudge_test_dump_rows (f->store, queries, G_N_ELEMENTS (queries));
}

/* Lost with its follow-ups cancelled: a snoozed one-off and a series
 * stop reminding, a done one and another deal's stay as they are; Undo
 * puts them back exactly, snooze, series and done occurrence included. */
static void
test_lost_cancels_followups (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeDealMove) move = NULL;
  g_autoptr(NudgeScheduler) scheduler = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 deal = add_proposal_deal (f);
  gint64 other = nudge_test_add_titled_deal (f->store, "Other deal");
  gint64 proposal, series, done, later;
  gint64 fire_later, fire_before;

  nudge_clock_pin (MOVED_AT - 3600);
  later = nudge_test_add_followup (f->store, other, "Call the other one", MOVED_AT + 10 * 24 * 3600, NULL);
  scheduler = nudge_scheduler_new (f->store);
  fire_later = nudge_scheduler_get_next_fire (scheduler);
  g_assert_cmpint (fire_later, >, MOVED_AT + 9 * 24 * 3600);

  proposal = nudge_test_add_followup (f->store, deal, "Send the proposal", MOVED_AT + 1800, NULL);
  g_assert_true (nudge_followups_snooze (f->store, proposal, MOVED_AT + 7200, &error));
  g_assert_no_error (error);
  series = nudge_test_add_followup (f->store, deal, "Weekly call", MOVED_AT - 6 * 24 * 3600, "FREQ=WEEKLY");
  g_assert_true (nudge_followups_complete (f->store, series, MOVED_AT - 6 * 24 * 3600, &error));
  g_assert_no_error (error);
  done = nudge_test_add_followup (f->store, deal, "Book the meeting", MOVED_AT - 7200, NULL);
  g_assert_true (nudge_followups_complete (f->store, done, 0, &error));
  g_assert_no_error (error);
  fire_before = nudge_scheduler_get_next_fire (scheduler);
  g_assert_cmpint (fire_before, <, fire_later);
  g_assert_cmpint (nudge_deal_count_open_followups (f->store, deal, &error), ==, 2);
  g_assert_no_error (error);
  before = dump_followups (f, deal);

  nudge_clock_pin (MOVED_AT);
  move = nudge_deal_move_full (f->store, deal, nudge_test_stage_id (f->store, "Lost"), NULL, "Too expensive",
                               NUDGE_DEAL_MOVE_CANCEL_FOLLOWUPS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nudge_deal_move_get_n_cancelled (move), ==, 2);
  g_assert_cmpint (nudge_deal_count_open_followups (f->store, deal, &error), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT COUNT(*) FROM followup WHERE deal_id = %" G_GINT64_FORMAT
                               " AND status = 'cancelled'", deal), ==, 2);
  g_assert_cmpint (count_rows (f, "SELECT COUNT(*) FROM followup WHERE id = %" G_GINT64_FORMAT
                               " AND status = 'done'", done), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT COUNT(*) FROM followup WHERE id = %" G_GINT64_FORMAT
                               " AND status = 'open'", later), ==, 1);
  /* Nothing of the lost deal is left to remind of. */
  g_assert_cmpint (nudge_scheduler_get_next_fire (scheduler), ==, fire_later);

  nudge_clock_pin (MOVED_AT + 5);
  g_assert_true (nudge_deal_move_undo (f->store, move, &error));
  g_assert_no_error (error);
  after = dump_followups (f, deal);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (nudge_scheduler_get_next_fire (scheduler), ==, fire_before);
  nudge_clock_unpin ();
}

/* Won with its follow-ups cancelled: "Send the offer" goes, the
 * check-in the won-deal rule plans after the win stays open. */
static void
test_won_keeps_rule_followups (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeDealMove) move = NULL;
  gint64 deal = add_proposal_deal (f);
  gint64 offer;

  g_assert_true (nudge_automation_ensure_builtins (f->store, &error));
  g_assert_no_error (error);
  nudge_clock_pin (MOVED_AT - 3600);
  offer = nudge_test_add_followup (f->store, deal, "Send the offer", MOVED_AT + 1800, NULL);

  nudge_clock_pin (MOVED_AT);
  move = nudge_deal_move_full (f->store, deal, nudge_test_stage_id (f->store, "Won"), NULL, NULL,
                               NUDGE_DEAL_MOVE_CANCEL_FOLLOWUPS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nudge_deal_move_get_n_cancelled (move), ==, 1);
  /* The rules runner's run, a moment after the move. */
  nudge_clock_pin (MOVED_AT + 2);
  g_assert_cmpint (nudge_rules_run (f->store, &error), >=, 1);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "SELECT COUNT(*) FROM followup WHERE id = %" G_GINT64_FORMAT
                               " AND status = 'cancelled'", offer), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT COUNT(*) FROM followup WHERE deal_id = %" G_GINT64_FORMAT
                               " AND status = 'open' AND title LIKE 'Check-in%%'", deal), ==, 1);
  nudge_clock_unpin ();
}

/* A stage's Undo takes its move back; once the stages were changed
 * since, it refuses and leaves them; a stage added is taken out again,
 * unless it holds a deal by then. */
static void
test_stage_undo (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeStageUndo) undo = NULL;
  g_autoptr(NudgeStage) renamed = NULL;
  gint64 pipeline = nudge_store_get_default_pipeline (f->store);
  gint64 lead = nudge_test_stage_id (f->store, "Lead in");
  gint64 added;

  undo = nudge_stage_undo_new (f->store, pipeline, &error);
  g_assert_true (nudge_stage_reorder (f->store, lead, 2, &error));
  g_assert_true (nudge_stage_undo_record_after (undo, f->store, &error));
  g_assert_no_error (error);
  g_assert_true (nudge_stage_undo (f->store, undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nudge_stage_neighbour (f->store, lead, -1), ==, 0);
  g_clear_pointer (&undo, nudge_stage_undo_free);

  /* Moved, then renamed elsewhere: the move's Undo refuses */
  undo = nudge_stage_undo_new (f->store, pipeline, &error);
  g_assert_true (nudge_stage_reorder (f->store, lead, 2, &error));
  g_assert_true (nudge_stage_undo_record_after (undo, f->store, &error));
  renamed = nudge_store_get_stage (f->store, lead, &error);
  g_object_set (renamed, "name", "Inbound", NULL);
  g_assert_true (nudge_stage_update (f->store, renamed, &error));
  g_assert_false (nudge_stage_undo (f->store, undo, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CHANGED);
  g_clear_error (&error);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT position FROM stage WHERE id = %" G_GINT64_FORMAT, lead), ==, 2);
  g_clear_pointer (&undo, nudge_stage_undo_free);

  /* Added, then holding a deal: refused; emptied again: taken out */
  undo = nudge_stage_undo_new (f->store, pipeline, &error);
  added = nudge_stage_create (f->store, pipeline, "Demo", -1, &error);
  g_assert_cmpint (added, >, 0);
  g_assert_true (nudge_stage_undo_record_after (undo, f->store, &error));
  nudge_test_add_staged_deal (f->store, "Held", "Demo", 100, "CZK", "2026-03-02T09:00:00Z", NULL);
  g_assert_false (nudge_stage_undo (f->store, undo, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CHANGED);
  g_clear_error (&error);
  g_assert_cmpint (nudge_test_store_int (f->store, "DELETE FROM deal WHERE title = 'Held' RETURNING id"), >, 0);
  g_assert_true (nudge_stage_undo (f->store, undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM stage WHERE id = %" G_GINT64_FORMAT, added), ==, 0);
}

/* The stages, deals and stage history as a line each, to compare a
 * book before a delete and after its Undo */
#define BOOK_STAGES_SQL \
  "SELECT group_concat(line, ' | ') FROM (SELECT id || ':' || pipeline_id || ':' || name || ':' || position || ':'" \
  " || probability || ':' || rotting_days || ':' || required_fields || ':' || kind AS line FROM stage ORDER BY id)"
#define BOOK_DEALS_SQL \
  "SELECT group_concat(line, ' | ') FROM (SELECT id || ':' || stage_id || ':' || status || ':' || stage_entered_at" \
  " || ':' || IFNULL(closed_at, '-') || ':' || IFNULL(trashed_at, '-') AS line FROM deal ORDER BY id)"
#define BOOK_HISTORY_SQL \
  "SELECT group_concat(line, ' | ') FROM (SELECT id || ':' || deal_id || ':' || IFNULL(from_stage, '-') || '>'" \
  " || IFNULL(to_stage, '-') || ':' || at AS line FROM stage_change ORDER BY id)"

static char *
book_lines (Fixture *f)
{
  g_autofree char *stages = nudge_test_store_text (f->store, BOOK_STAGES_SQL);
  g_autofree char *deals = nudge_test_store_text (f->store, BOOK_DEALS_SQL);
  g_autofree char *history = nudge_test_store_text (f->store, BOOK_HISTORY_SQL);
  g_autofree char *pipelines = nudge_test_store_text (f->store, "SELECT group_concat(id || ':' || name || ':' || position, ' | ')"
                                                                " FROM pipeline");

  return g_strdup_printf ("%s\n%s\n%s\n%s", pipelines, stages, deals, history);
}

/* Deleting a stage moves its deals; its Undo puts the stage back where
 * it was with those deals (the one in the trash too) and the stage
 * history that named it, unless a deal was moved since. */
static void
test_stage_delete_undo (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeStageUndo) undo = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 analysis = nudge_test_stage_id (f->store, "Needs analysis");
  gint64 contact = nudge_test_stage_id (f->store, "Contact made");
  gint64 proposal = nudge_test_stage_id (f->store, "Proposal sent");
  gint64 held, passed, trashed;

  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 9, 0));
  held = nudge_test_add_staged_deal (f->store, "Held", "Contact made", 100, "CZK", "2026-03-02T08:00:00Z", NULL);
  passed = nudge_test_add_staged_deal (f->store, "Passed", "Needs analysis", 100, "CZK", "2026-03-02T08:00:00Z", NULL);
  trashed = nudge_test_add_staged_deal (f->store, "Trashed", "Needs analysis", 100, "CZK", "2026-03-02T08:00:00Z", NULL);
  nudge_test_add_staged_deal (f->store, "Stays", "Lead in", 100, "CZK", "2026-03-02T08:00:00Z", NULL);
  g_assert_true (nudge_store_move_deal_to_stage (f->store, held, analysis, &error));
  g_assert_true (nudge_store_move_deal_to_stage (f->store, passed, proposal, &error));
  g_assert_true (nudge_store_trash (f->store, NUDGE_ENTITY_DEAL, &trashed, 1, &error));
  g_assert_no_error (error);
  before = book_lines (f);

  nudge_clock_pin (nudge_test_prague (2026, 3, 3, 9, 0));
  undo = nudge_stage_undo_delete_stage (f->store, analysis, contact, &error);
  g_assert_no_error (error);
  g_assert_nonnull (undo);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM stage WHERE id = %" G_GINT64_FORMAT, analysis), ==, 0);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM deal WHERE stage_id = %" G_GINT64_FORMAT, contact), ==, 2);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM stage_change WHERE from_stage IS NULL AND to_stage IS NULL"), >, 0);
  g_assert_true (nudge_stage_undo (f->store, undo, &error));
  g_assert_no_error (error);
  after = book_lines (f);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&undo, nudge_stage_undo_free);
  g_clear_pointer (&after, g_free);

  /* A deal it held moved on since: refused, the stage stays deleted */
  undo = nudge_stage_undo_delete_stage (f->store, analysis, contact, &error);
  g_assert_no_error (error);
  g_assert_true (nudge_store_move_deal_to_stage (f->store, held, proposal, &error));
  g_assert_false (nudge_stage_undo (f->store, undo, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CHANGED);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM stage WHERE id = %" G_GINT64_FORMAT, analysis), ==, 0);
  nudge_clock_unpin ();
}

/* A pipeline deleted (empty) comes back with its stages under their
 * ids, unless another took its name since. */
static void
test_pipeline_delete_undo (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeStageUndo) undo = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 partners = nudge_pipeline_create (f->store, "Partners", &error);
  gint64 deal = nudge_test_add_staged_deal (f->store, "Reseller", "Lead in", 100, "CZK", "2026-03-02T08:00:00Z", NULL);
  gint64 intro = nudge_stage_create (f->store, partners, "Intro", 0, &error);

  g_assert_no_error (error);
  /* A deal that went through it and back leaves it in its history. */
  g_assert_true (nudge_store_move_deal_to_stage (f->store, deal, intro, &error));
  g_assert_true (nudge_store_move_deal_to_stage (f->store, deal, nudge_test_stage_id (f->store, "Lead in"), &error));
  before = book_lines (f);

  undo = nudge_stage_undo_delete_pipeline (f->store, partners, &error);
  g_assert_no_error (error);
  g_assert_nonnull (undo);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM stage WHERE pipeline_id = %" G_GINT64_FORMAT, partners), ==, 0);
  g_assert_true (nudge_stage_undo (f->store, undo, &error));
  g_assert_no_error (error);
  after = book_lines (f);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&undo, nudge_stage_undo_free);

  undo = nudge_stage_undo_delete_pipeline (f->store, partners, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nudge_pipeline_create (f->store, "Partners", &error), >, 0);
  g_assert_false (nudge_stage_undo (f->store, undo, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CHANGED);
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "forecast", NUDGE_TEST_FUNC (test_forecast_from_store) },
    { "rotting", NUDGE_TEST_FUNC (test_rotting) },
    { "required-fields", NUDGE_TEST_FUNC (test_required_fields) },
    { "stages", NUDGE_TEST_FUNC (test_stage_management) },
    { "stage-undo", NUDGE_TEST_FUNC (test_stage_undo) },
    { "stage-delete-undo", NUDGE_TEST_FUNC (test_stage_delete_undo) },
    { "pipeline-delete-undo", NUDGE_TEST_FUNC (test_pipeline_delete_undo) },
    { "lost-reasons", NUDGE_TEST_FUNC (test_lost_reasons) },
    { "undo-won", NUDGE_TEST_FUNC (test_undo_won) },
    { "undo-lost", NUDGE_TEST_FUNC (test_undo_lost) },
    { "undo-filled-and-changed", NUDGE_TEST_FUNC (test_undo_filled_and_changed) },
    { "lost-cancels-followups", NUDGE_TEST_FUNC (test_lost_cancels_followups) },
    { "won-keeps-rule-followups", NUDGE_TEST_FUNC (test_won_keeps_rule_followups) },
  };

  g_setenv ("TZ", "Europe/Prague", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  tzset ();
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/pipeline/weighted-rounding", test_weighted_rounding);
  g_test_add_func ("/core/pipeline/totals-per-currency", test_totals_per_currency);
  nudge_test_add_table ("/core/pipeline/", Fixture, nudge_test_book_set_up, nudge_test_book_tear_down, cases);

  return g_test_run ();
}
