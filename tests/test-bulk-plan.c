/* test-bulk-plan.c — follow-ups planned for many deals at once, and
 * their Undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nudge-bulk-plan.h"
#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-store.h"
#include "nudge-test-core.h"

/* Monday 2026-06-01 10:00 UTC */
#define T0 G_GINT64_CONSTANT (1780308000)

typedef NudgeTestBook Fixture;

typedef struct
{
  gint64 planned;   /* has a next step of its own */
  gint64 bare;
  gint64 kept;      /* the planned deal's own next step */
} Deals;

static void
add_deals (Fixture *f,
           Deals   *deals,
           GArray  *ids)
{
  nudge_clock_pin (T0);
  deals->planned = nudge_test_add_titled_deal (f->store, "Hotel Praha renovation");
  deals->bare = nudge_test_add_titled_deal (f->store, "Brno fleet tracking");
  deals->kept = nudge_test_add_followup (f->store, deals->planned, "Send the offer", T0 + 86400, NULL);
  g_array_append_val (ids, deals->planned);
  g_array_append_val (ids, deals->bare);
}

static int
count_followups (Fixture *f)
{
  return nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM followup");
}

/* Undo removes what the cadence created, and only that; the toast can
 * say that one deal already had a next step. */
static void
test_cadence_undo (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(NudgeBulkPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeFollowup) kept = NULL;
  Deals deals;

  add_deals (f, &deals, ids);
  g_assert_cmpint (count_followups (f), ==, 1);

  plan = nudge_bulk_plan_cadence (f->store, "New inbound lead", NUDGE_ENTITY_DEAL, ids, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_cmpuint (nudge_bulk_plan_get_n_created (plan), ==, 8);
  g_assert_cmpuint (nudge_bulk_plan_get_n_stacked (plan), ==, 1);
  g_assert_cmpint (count_followups (f), ==, 9);

  /* Another next step added meanwhile is not the plan's to take back. */
  nudge_test_add_followup (f->store, deals.bare, "Ask about the budget", T0 + 2 * 86400, NULL);
  g_assert_true (nudge_bulk_plan_undo (f->store, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_followups (f), ==, 2);
  kept = nudge_test_get_followup (f->store, deals.kept);
  g_assert_cmpstr (nudge_followup_get_title (kept), ==, "Send the offer");
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM followup WHERE cadence_id IS NOT NULL"), ==, 0);
}

/* A follow-up of the plan edited since: Undo refuses, and removes none
 * of them. */
static void
test_undo_refuses_after_edit (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(NudgeBulkPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeFollowup) edited = NULL;
  gint64 edited_id;
  Deals deals;

  add_deals (f, &deals, ids);
  plan = nudge_bulk_plan_cadence (f->store, "New inbound lead", NUDGE_ENTITY_DEAL, ids, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_followups (f), ==, 9);

  edited_id = nudge_test_sql_int (f->path, "SELECT MAX(id) FROM followup WHERE cadence_id IS NOT NULL");
  edited = nudge_test_get_followup (f->store, edited_id);
  g_object_set (edited, "title", "Call Brno about the fleet", NULL);
  nudge_clock_pin (T0 + 60);
  g_assert_cmpint (nudge_store_save_followup (f->store, edited, &error), ==, edited_id);
  g_assert_no_error (error);

  g_assert_false (nudge_bulk_plan_undo (f->store, plan, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, "changed since"));
  g_assert_cmpint (count_followups (f), ==, 9);
}

/* One follow-up each, undone; then one done since refuses. */
static void
test_followups_undo (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  g_autoptr(NudgeBulkPlan) plan = NULL;
  g_autoptr(NudgeBulkPlan) again = NULL;
  g_autoptr(GError) error = NULL;
  Deals deals;
  gint64 done_id;

  add_deals (f, &deals, ids);
  g_ptr_array_add (titles, (gpointer) "Call about Hotel Praha renovation");
  g_ptr_array_add (titles, (gpointer) "Call about Brno fleet tracking");

  plan = nudge_bulk_plan_followups (f->store, NUDGE_ENTITY_DEAL, ids, titles, "call", T0 + 86400, "Europe/Prague", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nudge_bulk_plan_get_n_created (plan), ==, 2);
  g_assert_cmpuint (nudge_bulk_plan_get_n_stacked (plan), ==, 1);
  g_assert_cmpint (count_followups (f), ==, 3);
  g_assert_true (nudge_bulk_plan_undo (f->store, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_followups (f), ==, 1);

  again = nudge_bulk_plan_followups (f->store, NUDGE_ENTITY_DEAL, ids, titles, "call", T0 + 86400, "Europe/Prague", &error);
  g_assert_no_error (error);
  done_id = nudge_test_sql_int (f->path, "SELECT id FROM followup WHERE title = 'Call about Brno fleet tracking'");
  nudge_clock_pin (T0 + 120);
  g_assert_true (nudge_followups_complete (f->store, done_id, 0, &error));
  g_assert_no_error (error);
  g_assert_false (nudge_bulk_plan_undo (f->store, again, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CHANGED);
  g_assert_cmpint (count_followups (f), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "cadence-undo", NUDGE_TEST_FUNC (test_cadence_undo) },
    { "undo-refuses-after-edit", NUDGE_TEST_FUNC (test_undo_refuses_after_edit) },
    { "followups-undo", NUDGE_TEST_FUNC (test_followups_undo) },
  };

  nudge_test_init (&argc, &argv, "C.UTF-8");

  nudge_test_add_table ("/core/bulk-plan/", Fixture, nudge_test_book_set_up, nudge_test_book_tear_down, cases);

  return g_test_run ();
}
