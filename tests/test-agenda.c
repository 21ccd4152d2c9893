/* test-agenda.c — what Today reads: a page of each long list, and how
 * long the list is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "nudge-clock.h"
#include "nudge-followups.h"
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

static guint
count_overdue (GPtrArray *occurrences)
{
  guint n = 0;

  for (guint i = 0; i < occurrences->len; i++)
    n += nudge_occurrence_get_is_overdue (g_ptr_array_index (occurrences, i));
  return n;
}

/* The agenda lists the first rows of the full listing, in its order, and
 * says how many it left out: overdue one-offs of weeks ago (some snoozed,
 * some of higher priority), a series overdue for weeks, one-offs overdue
 * since this morning, and what is due this week. */
static void
test_agenda_is_a_prefix (Fixture       *f,
                         gconstpointer  data)
{
  gint64 deal = nudge_test_add_deal (f->store, "title", "Rollout", NULL);
  g_autoptr(GPtrArray) full = NULL;
  g_autoptr(GError) error = NULL;
  guint full_overdue;

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
  nudge_test_add_followup (f->store, deal, "Weekly review", nudge_test_prague (2026, 2, 2, 9, 0), "FREQ=WEEKLY");
  nudge_test_add_followup (f->store, deal, "This morning", nudge_test_prague (2026, 3, 11, 8, 0), NULL);
  nudge_test_add_followup (f->store, deal, "Yesterday", nudge_test_prague (2026, 3, 10, 15, 0), NULL);
  nudge_test_add_followup (f->store, deal, "Tomorrow", nudge_test_prague (2026, 3, 12, 10, 0), NULL);

  full = nudge_followups_list_occurrences (f->store, G_MININT64, until_next_week (), FALSE, &error);
  g_assert_no_error (error);
  full_overdue = count_overdue (full);
  g_assert_cmpuint (full_overdue, ==, nudge_followups_count_overdue (f->store));
  g_assert_cmpuint (full_overdue, >, 40);

  for (guint limit = 1; limit <= 45; limit += 4)
    {
      g_autoptr(GPtrArray) page = NULL;
      guint left_out = G_MAXUINT;

      page = nudge_followups_list_agenda (f->store, until_next_week (), limit, &left_out, &error);
      g_assert_no_error (error);
      g_assert_nonnull (page);
      /* Nothing is lost: listed and left out add up to the full list. */
      g_assert_cmpuint (page->len + left_out, ==, full->len);
      g_assert_cmpuint (count_overdue (page) + left_out, ==, full_overdue);
      /* The first @limit rows are the full list's first rows. */
      for (guint i = 0; i < MIN (limit, page->len); i++)
        {
          g_autofree char *a = nudge_occurrence_dup_key (g_ptr_array_index (page, i));
          g_autofree char *b = nudge_occurrence_dup_key (g_ptr_array_index (full, i));

          g_assert_cmpstr (a, ==, b);
        }
      if (limit >= 40)
        g_assert_cmpuint (left_out, ==, 0);
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

int
main (int   argc,
      char *argv[])
{
  nudge_test_init_environment ("C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/agenda/prefix", Fixture, NULL, fixture_set_up, test_agenda_is_a_prefix,
              nudge_test_book_tear_down);
  g_test_add ("/core/agenda/deal-pages", Fixture, NULL, fixture_set_up, test_deal_pages,
              nudge_test_book_tear_down);
  return g_test_run ();
}
