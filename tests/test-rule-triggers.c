/* test-rule-triggers.c — which deals and contacts each rule trigger
 * takes, at the edges of its windows
 *
 * Each case previews one rule, as Preferences does before it is
 * switched on, so the built-in rules of a new book stay out of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "nudge-automation.h"
#include "nudge-clock.h"
#include "nudge-store.h"
#include "nudge-test-core.h"

#define DAY (24 * 3600)
/* Monday 2026-06-01 10:00 UTC */
#define T0 G_GINT64_CONSTANT (1780308000)

typedef NudgeTestBook Fixture;

/* A deal titled @title in @stage, made at @created, with no touch yet. */
static gint64
add_deal (Fixture    *f,
          const char *title,
          const char *stage,
          gint64      created)
{
  nudge_clock_pin (created);
  return nudge_test_add_deal (f->store, "title", title, "currency", "CZK",
                              "stage-id", nudge_test_stage_id (f->store, stage), NULL);
}

/* A deal made 100 days before T0 that we last called at @called_at. */
static gint64
add_called_deal (Fixture    *f,
                 const char *title,
                 gint64      called_at)
{
  gint64 deal = add_deal (f, title, "Contact made", T0 - 100 * DAY);

  nudge_test_add_touch (f->store, deal, "call", FALSE, called_at);
  return deal;
}

static void
set_status (Fixture         *f,
            gint64           deal,
            NudgeDealStatus  status,
            gint64           when)
{
  g_autoptr(GError) error = NULL;

  nudge_clock_pin (when);
  g_assert_true (nudge_store_set_deal_status (f->store, deal, status, NULL, &error));
  g_assert_no_error (error);
}

/* What a new rule on @trigger, its parameters set as the NULL-ended
 * pairs of names and values say, would plan at @now: its
 * NudgePlannedFollowups. */
static GArray * G_GNUC_NULL_TERMINATED
preview (Fixture    *f,
         const char *trigger,
         gint64      now,
         ...)
{
  static guint n_made;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_autofree char *name = g_strdup_printf ("%s %u", trigger, ++n_made);
  gint64 id = nudge_rule_create (f->store, name, trigger, "create_followup", &error);
  va_list args;

  g_assert_no_error (error);
  rules = nudge_rule_list (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rules->len; i++)
    {
      NudgeRule *rule = g_ptr_array_index (rules, i);
      GArray *planned;

      if (rule->id != id)
        continue;
      va_start (args, now);
      for (const char *key = va_arg (args, const char *); key != NULL; key = va_arg (args, const char *))
        g_hash_table_insert (rule->trigger_params, g_strdup (key), g_strdup (va_arg (args, const char *)));
      va_end (args);
      nudge_clock_pin (now);
      planned = nudge_rule_preview (f->store, rule, &error);
      g_assert_no_error (error);
      return planned;
    }
  g_error ("no rule %" G_GINT64_FORMAT, id);
}

/* Asserts that @planned is one follow-up for each deal (each contact
 * with @contacts) of the 0-ended list of ids, and nothing else. */
static void
assert_plans_exactly (GArray   *planned,
                      gboolean  contacts,
                      ...)
{
  guint n = 0;
  va_list args;

  va_start (args, contacts);
  for (gint64 id = va_arg (args, gint64); id != 0; id = va_arg (args, gint64), n++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < planned->len && !found; i++)
        {
          NudgePlannedFollowup *p = &g_array_index (planned, NudgePlannedFollowup, i);

          found = (contacts ? p->contact_id : p->deal_id) == id;
        }
      if (!found)
        g_error ("no follow-up planned for %s %" G_GINT64_FORMAT, contacts ? "contact" : "deal", id);
    }
  va_end (args);
  g_assert_cmpuint (planned->len, ==, n);
}

/* A deal quiet for 30 days is taken; one quiet for 30 days more is
 * dormant, left to the segment; on-hold deals only when asked. */
static void
test_deal_idle (Fixture       *f,
                gconstpointer  data)
{
  gint64 quiet = add_called_deal (f, "Quiet", T0 - 31 * DAY);
  gint64 held = add_called_deal (f, "Held", T0 - 2 * DAY);
  g_autoptr(GArray) open_only = NULL;
  g_autoptr(GArray) with_held = NULL;

  add_called_deal (f, "Dormant", T0 - 61 * DAY);
  add_called_deal (f, "Busy", T0 - 29 * DAY);
  set_status (f, held, NUDGE_DEAL_ON_HOLD, T0 - DAY);

  open_only = preview (f, "deal_idle", T0, "days", "30", "include_on_hold", "0", NULL);
  assert_plans_exactly (open_only, FALSE, quiet, G_GINT64_CONSTANT (0));
  with_held = preview (f, "deal_idle", T0, "days", "30", "include_on_hold", "1", NULL);
  assert_plans_exactly (with_held, FALSE, quiet, held, G_GINT64_CONSTANT (0));
}

/* Our last call or e-mail a week ago with no answer since; an answer in
 * the same second is an answer; a deal closed since is left alone. */
static void
test_no_reply (Fixture       *f,
               gconstpointer  data)
{
  gint64 waiting = add_called_deal (f, "Waiting", T0 - 8 * DAY);
  gint64 answered = add_called_deal (f, "Answered", T0 - 8 * DAY);
  gint64 won = add_called_deal (f, "Won since", T0 - 8 * DAY);
  g_autoptr(GArray) planned = NULL;

  nudge_test_add_touch (f->store, answered, "email", TRUE, T0 - 8 * DAY);
  set_status (f, won, NUDGE_DEAL_WON, T0 - 3 * DAY);
  add_called_deal (f, "Recent", T0 - 6 * DAY);

  planned = preview (f, "no_reply", T0, "days", "7", NULL);
  assert_plans_exactly (planned, FALSE, waiting, G_GINT64_CONSTANT (0));
}

/* A deal won in the last 60 days; a rule made today does not thank
 * every customer of the book's history. */
static void
test_deal_won (Fixture       *f,
               gconstpointer  data)
{
  gint64 lately = add_deal (f, "Lately", "Proposal sent", T0 - 200 * DAY);
  gint64 long_ago = add_deal (f, "Long ago", "Proposal sent", T0 - 200 * DAY);
  g_autoptr(GArray) planned = NULL;

  set_status (f, lately, NUDGE_DEAL_WON, T0 - 59 * DAY);
  set_status (f, long_ago, NUDGE_DEAL_WON, T0 - 61 * DAY);

  planned = preview (f, "deal_won", T0, NULL);
  assert_plans_exactly (planned, FALSE, lately, G_GINT64_CONSTANT (0));
}

/* The stage as the seller typed it, in any case; entered in the last
 * week. */
static void
test_deal_enters_stage (Fixture       *f,
                        gconstpointer  data)
{
  gint64 entered = add_deal (f, "Entered", "Proposal sent", T0 - 6 * DAY);
  g_autoptr(GArray) planned = NULL;

  add_deal (f, "Earlier", "Proposal sent", T0 - 8 * DAY);
  add_deal (f, "Elsewhere", "Lead in", T0 - DAY);
  planned = preview (f, "deal_enters_stage", T0, "stage", "proposal SENT", NULL);
  assert_plans_exactly (planned, FALSE, entered, G_GINT64_CONSTANT (0));
}

/* A contact to hear from every 10 days is due on the tenth day to the
 * second, and for 30 days after; not before, and not once it lapsed. */
static void
test_stay_in_touch (Fixture       *f,
                    gconstpointer  data)
{
  gint64 due = nudge_test_add_contact (f->store, "name", "Due today", "stay-max-days", 10, NULL);
  gint64 early = nudge_test_add_contact (f->store, "name", "Not yet", "stay-max-days", 10, NULL);
  gint64 lapsed = nudge_test_add_contact (f->store, "name", "Lapsed", "stay-max-days", 10, NULL);
  gint64 late = nudge_test_add_contact (f->store, "name", "Late", "stay-max-days", 10, NULL);
  g_autoptr(GArray) planned = NULL;
  struct { gint64 contact; gint64 when; } touches[] = {
    { due, T0 - 10 * DAY },
    { early, T0 - 10 * DAY + 1 },
    { lapsed, T0 - 40 * DAY },
    { late, T0 - 39 * DAY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (touches); i++)
    nudge_test_add_activity (f->store, "contact-id", touches[i].contact, "kind", "call",
                             "occurred-at", touches[i].when, "direction", NUDGE_DIRECTION_OUT, NULL);

  planned = preview (f, "stay_in_touch", T0, NULL);
  assert_plans_exactly (planned, TRUE, due, late, G_GINT64_CONSTANT (0));
}

/* A company whose last win is six months old, with nothing open now:
 * its last won deal is the subject; not one whose last win is a year
 * older or not yet six months old, nor one with a deal open. */
static void
test_company_last_won (Fixture       *f,
                       gconstpointer  data)
{
  gint64 quiet = nudge_test_add_named_company (f->store, "Pekárna Kolář s.r.o.");
  gint64 busy = nudge_test_add_named_company (f->store, "Okna Poznań sp. z o.o.");
  gint64 gone = nudge_test_add_named_company (f->store, "ТОВ «Світанок»");
  gint64 fresh = nudge_test_add_named_company (f->store, "Optika Plzeň s.r.o.");
  gint64 older, last, busy_won, gone_won, fresh_won;
  g_autoptr(GArray) planned = NULL;

  nudge_clock_pin (T0 - 400 * DAY);
  older = nudge_test_add_deal (f->store, "title", "First order", "company-id", quiet, NULL);
  last = nudge_test_add_deal (f->store, "title", "Second order", "company-id", quiet, NULL);
  busy_won = nudge_test_add_deal (f->store, "title", "Windows", "company-id", busy, NULL);
  nudge_test_add_deal (f->store, "title", "More windows", "company-id", busy, NULL);
  gone_won = nudge_test_add_deal (f->store, "title", "Bakery ovens", "company-id", gone, NULL);
  fresh_won = nudge_test_add_deal (f->store, "title", "Lenses", "company-id", fresh, NULL);
  set_status (f, older, NUDGE_DEAL_WON, T0 - 300 * DAY);
  set_status (f, last, NUDGE_DEAL_WON, T0 - 190 * DAY);
  set_status (f, busy_won, NUDGE_DEAL_WON, T0 - 190 * DAY);
  set_status (f, gone_won, NUDGE_DEAL_WON, T0 - 380 * DAY);
  set_status (f, fresh_won, NUDGE_DEAL_WON, T0 - 170 * DAY);

  planned = preview (f, "company_last_won", T0, "months", "6", NULL);
  assert_plans_exactly (planned, FALSE, last, G_GINT64_CONSTANT (0));
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "deal-idle", NUDGE_TEST_FUNC (test_deal_idle) },
    { "no-reply", NUDGE_TEST_FUNC (test_no_reply) },
    { "deal-won", NUDGE_TEST_FUNC (test_deal_won) },
    { "deal-enters-stage", NUDGE_TEST_FUNC (test_deal_enters_stage) },
    { "stay-in-touch", NUDGE_TEST_FUNC (test_stay_in_touch) },
    { "company-last-won", NUDGE_TEST_FUNC (test_company_last_won) },
  };

  nudge_test_init (&argc, &argv, "C.UTF-8");

  nudge_test_add_table ("/core/rule-triggers/", Fixture, nudge_test_book_set_up, nudge_test_book_tear_down, cases);

  return g_test_run ();
}
