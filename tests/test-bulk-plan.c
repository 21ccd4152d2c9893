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

typedef struct
{
  NudgeTestBook book;
  gint64        planned;   /* has a next step of its own */
  gint64        bare;
  gint64        kept;      /* the planned deal's own next step */
  GArray       *ids;       /* the two deals: the selection a plan is for */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  nudge_test_book_set_up (&f->book, data);
  nudge_clock_pin (T0);
  f->planned = nudge_test_add_titled_deal (f->book.store, "Hotel Praha renovation");
  f->bare = nudge_test_add_titled_deal (f->book.store, "Brno fleet tracking");
  f->kept = nudge_test_add_followup (f->book.store, f->planned, "Send the offer", T0 + 86400, NULL);
  f->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (f->ids, f->planned);
  g_array_append_val (f->ids, f->bare);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_array_unref (f->ids);
  nudge_test_book_tear_down (&f->book, data);
}

static int
count_followups (Fixture *f)
{
  return nudge_test_sql_int (f->book.path, "SELECT COUNT(*) FROM followup");
}

static void
undo_ok (Fixture       *f,
         NudgeBulkPlan *plan)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nudge_bulk_plan_undo (f->book.store, plan, &error));
  g_assert_no_error (error);
}

/* Undo of @plan refuses, a follow-up of it having changed since, and
 * removes none: the book keeps its @n follow-ups. */
static void
assert_undo_refused (Fixture       *f,
                     NudgeBulkPlan *plan,
                     int            n)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (nudge_bulk_plan_undo (f->book.store, plan, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, "changed since"));
  g_assert_cmpint (count_followups (f), ==, n);
}

/* The "New inbound lead" cadence for the deals @ids. */
static NudgeBulkPlan *
apply_cadence (Fixture *f,
               GArray  *ids)
{
  g_autoptr(GError) error = NULL;
  NudgeBulkPlan *plan = nudge_bulk_plan_cadence (f->book.store, "New inbound lead", NUDGE_ENTITY_DEAL, ids, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

/* The cadence for the two deals: its four steps each, eight follow-ups
 * beside the one the book had. */
static NudgeBulkPlan *
plan_cadence (Fixture *f)
{
  NudgeBulkPlan *plan = apply_cadence (f, f->ids);

  g_assert_cmpint (count_followups (f), ==, 9);
  return plan;
}

/* A call tomorrow about each of the two deals. */
static NudgeBulkPlan *
plan_calls (Fixture *f)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  NudgeBulkPlan *plan;

  g_ptr_array_add (titles, (gpointer) "Call about Hotel Praha renovation");
  g_ptr_array_add (titles, (gpointer) "Call about Brno fleet tracking");
  plan = nudge_bulk_plan_followups (f->book.store, NUDGE_ENTITY_DEAL, f->ids, titles, "call", T0 + 86400, "Europe/Prague", &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

/* Undo removes what the cadence created, and only that; the toast can
 * say that one deal already had a next step. */
static void
test_cadence_undo (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(NudgeBulkPlan) plan = NULL;
  g_autoptr(NudgeFollowup) kept = NULL;

  g_assert_cmpint (count_followups (f), ==, 1);
  plan = plan_cadence (f);
  g_assert_cmpuint (nudge_bulk_plan_get_n_created (plan), ==, 8);
  g_assert_cmpuint (nudge_bulk_plan_get_n_stacked (plan), ==, 1);

  /* Another next step added meanwhile is not the plan's to take back. */
  nudge_test_add_followup (f->book.store, f->bare, "Ask about the budget", T0 + 2 * 86400, NULL);
  undo_ok (f, plan);
  g_assert_cmpint (count_followups (f), ==, 2);
  kept = nudge_test_get_followup (f->book.store, f->kept);
  g_assert_cmpstr (nudge_followup_get_title (kept), ==, "Send the offer");
  g_assert_cmpint (nudge_test_sql_int (f->book.path, "SELECT COUNT(*) FROM followup WHERE cadence_id IS NOT NULL"), ==, 0);
}

/* Applied again while it still runs, the cadence leaves the deal alone
 * instead of doubling each step; a deal whose steps are all done or
 * cancelled can start it over. */
static void
test_cadence_again (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(NudgeBulkPlan) first = plan_cadence (f);
  g_autoptr(NudgeBulkPlan) again = apply_cadence (f, f->ids);
  g_autoptr(NudgeBulkPlan) over = NULL;
  g_autoptr(GArray) one = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *cancel = NULL;

  g_assert_cmpuint (nudge_bulk_plan_get_n_running (first), ==, 0);
  g_assert_cmpuint (nudge_bulk_plan_get_n_created (again), ==, 0);
  g_assert_cmpuint (nudge_bulk_plan_get_n_running (again), ==, 2);
  g_assert_cmpint (count_followups (f), ==, 9);

  /* The bare deal's steps are cancelled: it may run the cadence anew. */
  cancel = g_strdup_printf ("UPDATE followup SET status = 'cancelled' WHERE cadence_id IS NOT NULL"
                            " AND deal_id = %" G_GINT64_FORMAT, f->bare);
  nudge_test_sqlite_exec (f->book.path, cancel);
  g_array_append_val (one, f->bare);
  g_array_append_val (one, f->planned);
  over = apply_cadence (f, one);
  g_assert_cmpuint (nudge_bulk_plan_get_n_created (over), ==, 4);
  g_assert_cmpuint (nudge_bulk_plan_get_n_running (over), ==, 1);
  g_assert_cmpint (count_followups (f), ==, 13);
}

/* A follow-up of the plan edited since: Undo refuses, and removes none
 * of them. */
static void
test_undo_refuses_after_edit (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(NudgeBulkPlan) plan = plan_cadence (f);
  gint64 edited_id = nudge_test_sql_int (f->book.path, "SELECT MAX(id) FROM followup WHERE cadence_id IS NOT NULL");

  nudge_clock_pin (T0 + 60);
  nudge_test_rename_followup (f->book.store, edited_id, "Call Brno about the fleet");

  assert_undo_refused (f, plan, 9);
}

/* One follow-up each, undone; then one done since refuses. */
static void
test_followups_undo (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(NudgeBulkPlan) plan = plan_calls (f);
  g_autoptr(NudgeBulkPlan) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 done_id;

  g_assert_cmpuint (nudge_bulk_plan_get_n_created (plan), ==, 2);
  g_assert_cmpuint (nudge_bulk_plan_get_n_stacked (plan), ==, 1);
  g_assert_cmpint (count_followups (f), ==, 3);
  undo_ok (f, plan);
  g_assert_cmpint (count_followups (f), ==, 1);

  again = plan_calls (f);
  done_id = nudge_test_sql_int (f->book.path, "SELECT id FROM followup WHERE title = 'Call about Brno fleet tracking'");
  nudge_clock_pin (T0 + 120);
  g_assert_true (nudge_followups_complete (f->book.store, done_id, 0, &error));
  g_assert_no_error (error);
  assert_undo_refused (f, again, 3);
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "cadence-undo", NUDGE_TEST_FUNC (test_cadence_undo) },
    { "cadence-again", NUDGE_TEST_FUNC (test_cadence_again) },
    { "undo-refuses-after-edit", NUDGE_TEST_FUNC (test_undo_refuses_after_edit) },
    { "followups-undo", NUDGE_TEST_FUNC (test_followups_undo) },
  };

  nudge_test_init (&argc, &argv, "C.UTF-8");

  nudge_test_add_table ("/core/bulk-plan/", Fixture, fixture_set_up, fixture_tear_down, cases);

  return g_test_run ();
}
