/* test-followups-undo.c — Undo of Done, Skip, Snooze and Move
 *
 * Each change is made as the app makes it (nudge_followups_undo_begin,
 * the operation, _end) on a real book; Undo must leave the follow-up,
 * its series and its deal as they were, and refuse when another writer
 * changed the follow-up since.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "nudge-activity-log.h"
#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-followups-undo.h"
#include "nudge-store.h"
#include "nudge-test-core.h"

typedef struct
{
  NudgeTestBook book;   /* first: the book's own tear-down frees it */
  gint64        deal;
  gint64        series;   /* weekly on Mondays at 09:00 from 2 March */
  gint64        one_off;  /* 4 March 14:15 */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  NudgeFollowupSpec spec;

  nudge_clock_pin (nudge_test_prague (2026, 3, 10, 12, 0));
  nudge_test_book_set_up (&f->book, NULL);
  f->deal = nudge_test_add_titled_deal (f->book.store, "Fleet tracking");
  f->series = nudge_test_add_followup (f->book.store, f->deal, "Weekly check-in",
                                       nudge_test_prague (2026, 3, 2, 9, 0), "FREQ=WEEKLY;BYDAY=MO");
  nudge_test_call_spec (&spec, "Send the offer", nudge_test_prague (2026, 3, 4, 14, 15), f->deal);
  f->one_off = nudge_test_create_followup (f->book.store, &spec);
}

static gint64
deal_next_followup (Fixture *f)
{
  g_autoptr(NudgeDeal) d = nudge_store_get_deal (f->book.store, f->deal, NULL);

  return nudge_deal_get_next_followup_at (d);
}

static gint64
deal_last_activity (Fixture *f)
{
  g_autoptr(NudgeDeal) d = nudge_store_get_deal (f->book.store, f->deal, NULL);

  return nudge_deal_get_last_activity_at (d);
}

/* What a row of the Today list shows of follow-up @id, and what the
 * deal shows: the same before a change and after its Undo. */
typedef struct
{
  char  *status;
  gint64 due_at;
  gint64 next_at;
  gint64 snoozed_until;
  char  *exdates;
  int    sequence;
  gint64 deal_next;
  guint  n_listed;       /* occurrences listed (done ones too) in March */
} Seen;

static void
seen_clear (Seen *seen)
{
  g_free (seen->status);
  g_free (seen->exdates);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Seen, seen_clear)

static void
look (Fixture *f,
      gint64   id,
      Seen    *seen)
{
  g_autoptr(NudgeFollowup) fu = nudge_test_get_followup (f->book.store, id);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = nudge_followups_list_occurrences (f->book.store, nudge_test_prague (2026, 3, 1, 0, 0),
                                                                  nudge_test_prague (2026, 4, 1, 0, 0), TRUE, &error);

  g_assert_no_error (error);
  seen->status = g_strdup (nudge_followup_get_status (fu));
  seen->due_at = nudge_followup_get_due_at (fu);
  seen->next_at = nudge_followup_get_next_at (fu);
  seen->snoozed_until = nudge_followup_get_snoozed_until (fu);
  seen->exdates = g_strdup (nudge_followup_get_exdates (fu));
  seen->sequence = nudge_followup_get_sequence (fu);
  seen->deal_next = deal_next_followup (f);
  seen->n_listed = listed->len;
}

/* As it was, but for the sequence, which grows with every change so
 * that a calendar subscribed to the export takes the newer news. */
static void
assert_seen_again (Fixture    *f,
                   gint64      id,
                   const Seen *before)
{
  g_auto(Seen) now = { 0 };

  look (f, id, &now);
  g_assert_cmpstr (now.status, ==, before->status);
  g_assert_cmpint (now.due_at, ==, before->due_at);
  g_assert_cmpint (now.next_at, ==, before->next_at);
  g_assert_cmpint (now.snoozed_until, ==, before->snoozed_until);
  g_assert_cmpstr (now.exdates, ==, before->exdates);
  g_assert_cmpint (now.deal_next, ==, before->deal_next);
  g_assert_cmpuint (now.n_listed, ==, before->n_listed);
  g_assert_cmpint (now.sequence, >, before->sequence);
}

static NudgeFollowupsUndo *
begin (Fixture *f,
       gint64   id)
{
  g_autoptr(GError) error = NULL;
  NudgeFollowupsUndo *undo = nudge_followups_undo_begin (f->book.store, &id, 1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (undo);
  return undo;
}

static NudgeFollowupsUndo *
end (Fixture            *f,
     NudgeFollowupsUndo *undo,
     gboolean            ok,
     GError            **error)
{
  NudgeFollowupsUndo *done;

  g_assert_no_error (*error);
  g_assert_true (ok);
  done = nudge_followups_undo_end (f->book.store, undo, ok, error);
  g_assert_no_error (*error);
  g_assert_nonnull (done);
  return done;
}

static void
undo_ok (Fixture            *f,
         NudgeFollowupsUndo *undo)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nudge_followups_undo (f->book.store, undo, &error));
  g_assert_no_error (error);
}

/* Undo of @undo refuses: a follow-up it would put back was changed
 * since. */
static void
assert_undo_refused (Fixture            *f,
                     NudgeFollowupsUndo *undo)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (nudge_followups_undo (f->book.store, undo, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CHANGED);
}

/* Another writer renames follow-up @id to @title, as the follow-up
 * editor saves it. */
static void
retitle (Fixture    *f,
         gint64      id,
         const char *title)
{
  g_autoptr(NudgeFollowup) followup = nudge_test_get_followup (f->book.store, id);
  g_autoptr(GError) error = NULL;
  NudgeFollowupSpec spec;

  nudge_followup_spec_from_followup (&spec, followup);
  spec.title = title;
  g_assert_true (nudge_followups_update (f->book.store, id, &spec, &error));
  g_assert_no_error (error);
}

/* A change of one follow-up (Done, Skip, Snooze), at an occurrence or
 * until a time. */
typedef gboolean (*ChangeFunc) (NudgeStore  *store,
                                gint64       id,
                                gint64       when,
                                GError     **error);

/* Makes @func's change of follow-up @id at @when as the app makes it,
 * between begin() and end(); @before (may be NULL) gets what was seen
 * before it. */
static NudgeFollowupsUndo *
change (Fixture    *f,
        ChangeFunc  func,
        gint64      id,
        gint64      when,
        Seen       *before)
{
  g_autoptr(GError) error = NULL;
  NudgeFollowupsUndo *undo = begin (f, id);

  if (before != NULL)
    look (f, id, before);
  return end (f, undo, func (f->book.store, id, when, &error), &error);
}

/* Undo of @undo leaves follow-up @id as @before saw it. */
static void
assert_undone (Fixture            *f,
               NudgeFollowupsUndo *undo,
               gint64              id,
               const Seen         *before)
{
  undo_ok (f, undo);
  assert_seen_again (f, id, before);
}

static void
test_done_one_off (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Seen) before = { 0 };
  g_autoptr(NudgeFollowupsUndo) undo = change (f, nudge_followups_complete, f->one_off, 0, &before);
  g_autoptr(NudgeFollowup) done = NULL;

  g_assert_cmpstr (before.status, ==, "open");
  g_assert_cmpuint (nudge_followups_undo_get_n_items (undo), ==, 1);
  done = nudge_test_get_followup (f->book.store, f->one_off);
  g_assert_cmpstr (nudge_followup_get_status (done), ==, "done");
  g_assert_cmpint (deal_next_followup (f), !=, before.deal_next);

  assert_undone (f, undo, f->one_off, &before);
}

static guint
count_activities (Fixture *f)
{
  g_autoptr(GPtrArray) history = nudge_store_list_activities (f->book.store, NUDGE_ENTITY_DEAL, f->deal, NULL);

  g_assert_nonnull (history);
  return history != NULL ? history->len : G_MAXUINT;
}

/* A call marked done happened: it is the deal's latest touch, in its
 * history, and leaves with Undo; a task is no touch, and a call logged
 * and marked done at once is one touch, not two. */
static void
test_done_touch (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeFollowupsUndo) undo = change (f, nudge_followups_complete, f->one_off, 0, NULL);
  g_autoptr(NudgeActivityLog) log = NULL;
  g_autoptr(NudgeFollowup) call = NULL;
  NudgeFollowupSpec spec;
  gint64 task;

  g_assert_cmpint (deal_last_activity (f), ==, nudge_clock_now ());
  g_assert_cmpuint (count_activities (f), ==, 1);
  undo_ok (f, undo);
  g_assert_cmpint (deal_last_activity (f), ==, 0);
  g_assert_cmpuint (count_activities (f), ==, 0);

  nudge_test_call_spec (&spec, "Prepare the proposal", nudge_test_prague (2026, 3, 9, 9, 0), f->deal);
  spec.kind = "task";
  task = nudge_test_create_followup (f->book.store, &spec);
  g_assert_true (nudge_followups_complete (f->book.store, task, 0, &error));
  g_assert_cmpuint (count_activities (f), ==, 0);

  call = nudge_test_get_followup (f->book.store, f->one_off);
  log = nudge_activity_log_answer (f->book.store, call, 0, "call", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_activities (f), ==, 1);
}

/* Undo of a Done on the next occurrence of a call series takes back the
 * touch that Done logged, and keeps the one the earlier Done logged, from
 * the same follow-up, as does Undo of a Snooze; one change over several
 * follow-ups takes back each one's own touch. */
static void
test_done_touch_again (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeFollowupsUndo) undo = NULL;
  const gint64 ids[] = { f->series, f->one_off };
  NudgeFollowupsUndo *both;

  g_assert_true (nudge_followups_complete (f->book.store, f->series, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_activities (f), ==, 1);

  undo = change (f, nudge_followups_complete, f->series, 0, NULL);
  g_assert_cmpuint (count_activities (f), ==, 2);
  undo_ok (f, undo);
  g_assert_cmpuint (count_activities (f), ==, 1);
  /* A Snooze logs no touch: its Undo takes back none. */
  g_clear_pointer (&undo, nudge_followups_undo_free);
  undo = change (f, nudge_followups_snooze, f->series, nudge_clock_now () + 3600, NULL);
  undo_ok (f, undo);
  g_assert_cmpuint (count_activities (f), ==, 1);

  both = nudge_followups_undo_begin (f->book.store, ids, G_N_ELEMENTS (ids), &error);
  g_assert_no_error (error);
  g_assert_true (nudge_followups_complete (f->book.store, f->series, 0, &error));
  g_assert_true (nudge_followups_complete (f->book.store, f->one_off, 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&undo, nudge_followups_undo_free);
  undo = end (f, both, TRUE, &error);
  g_assert_cmpuint (count_activities (f), ==, 3);
  undo_ok (f, undo);
  g_assert_cmpuint (count_activities (f), ==, 1);
}

/* Done on an occurrence of a series records it and moves the series on;
 * Undo forgets that record and keeps the one made before. */
static void
test_done_occurrence (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeFollowupsUndo) undo = NULL;
  g_autoptr(NudgeFollowup) moved_on = NULL;
  g_auto(Seen) before = { 0 };

  g_assert_true (nudge_followups_complete (f->book.store, f->series, nudge_test_prague (2026, 3, 2, 9, 0), &error));
  g_assert_no_error (error);
  undo = change (f, nudge_followups_complete, f->series, nudge_test_prague (2026, 3, 9, 9, 0), &before);
  g_assert_cmpint (before.next_at, ==, nudge_test_prague (2026, 3, 9, 9, 0));
  moved_on = nudge_test_get_followup (f->book.store, f->series);
  g_assert_cmpint (nudge_followup_get_next_at (moved_on), ==, nudge_test_prague (2026, 3, 16, 9, 0));

  assert_undone (f, undo, f->series, &before);
}

static void
test_skip (Fixture       *f,
           gconstpointer  data)
{
  g_auto(Seen) before = { 0 };
  g_autoptr(NudgeFollowupsUndo) undo = change (f, nudge_followups_skip, f->series,
                                               nudge_test_prague (2026, 3, 16, 9, 0), &before);

  assert_undone (f, undo, f->series, &before);
}

static void
test_snooze (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Seen) before = { 0 };
  g_autoptr(NudgeFollowupsUndo) undo = change (f, nudge_followups_snooze, f->one_off,
                                               nudge_test_prague (2026, 3, 11, 9, 0), &before);

  g_assert_cmpint (deal_next_followup (f), ==, nudge_test_prague (2026, 3, 9, 9, 0));
  assert_undone (f, undo, f->one_off, &before);
}

/* Moving one occurrence of a series adds a one-off and an EXDATE: Undo
 * removes the one-off and the EXDATE. */
static void
test_move_occurrence (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeFollowupsUndo) undo = begin (f, f->series);
  g_autoptr(NudgeFollowup) gone = NULL;
  g_auto(Seen) before = { 0 };
  gint64 holder;

  look (f, f->series, &before);
  holder = nudge_followups_reschedule_to_day (f->book.store, f->series, nudge_test_prague (2026, 3, 16, 9, 0),
                                              2026, 3, 18, &error);
  g_assert_cmpint (holder, !=, f->series);
  nudge_followups_undo_add_created (undo, holder);
  undo = end (f, g_steal_pointer (&undo), holder != 0, &error);
  g_assert_cmpuint (nudge_followups_undo_get_n_items (undo), ==, 1);

  assert_undone (f, undo, f->series, &before);
  gone = nudge_store_get_followup (f->book.store, holder, &error);
  g_assert_null (gone);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND);
}

/* Snooze All: the overdue ones (a missed occurrence of the series and the
 * one-off) go to tomorrow morning, the one due later stays; one Undo
 * brings both back. */
static void
test_snooze_overdue (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeFollowupsUndo) undo = NULL;
  g_autoptr(NudgeFollowup) series = NULL;
  g_autoptr(NudgeFollowup) one_off = NULL;
  g_autoptr(NudgeFollowup) later = NULL;
  g_autoptr(NudgeFollowup) kyiv = NULL;
  g_auto(Seen) before = { 0 };
  NudgeFollowupSpec spec;
  gint64 later_id, kyiv_id;

  nudge_test_call_spec (&spec, "Demo", nudge_test_prague (2026, 3, 12, 10, 0), f->deal);
  later_id = nudge_test_create_followup (f->book.store, &spec);
  /* Kept in Kyiv time: tomorrow morning is still the seller's, in Prague,
   * as the toast says. */
  nudge_test_call_spec (&spec, "Call Kyiv", nudge_test_prague (2026, 3, 9, 8, 0), f->deal);
  spec.tzid = "Europe/Kyiv";
  kyiv_id = nudge_test_create_followup (f->book.store, &spec);
  look (f, f->series, &before);
  g_assert_cmpuint (nudge_followups_count_overdue (f->book.store), ==, 3);

  undo = nudge_followups_snooze_overdue (f->book.store, NUDGE_SNOOZE_TOMORROW, 9 * 60, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (undo);
  g_assert_cmpuint (nudge_followups_undo_get_n_items (undo), ==, 3);
  g_assert_cmpuint (nudge_followups_count_overdue (f->book.store), ==, 0);
  kyiv = nudge_test_get_followup (f->book.store, kyiv_id);
  g_assert_cmpint (nudge_followup_get_snoozed_until (kyiv), ==, nudge_test_prague (2026, 3, 11, 9, 0));
  series = nudge_test_get_followup (f->book.store, f->series);
  one_off = nudge_test_get_followup (f->book.store, f->one_off);
  later = nudge_test_get_followup (f->book.store, later_id);
  g_assert_cmpint (nudge_followup_get_snoozed_until (series), ==, nudge_test_prague (2026, 3, 11, 9, 0));
  g_assert_cmpint (nudge_followup_get_snoozed_until (one_off), ==, nudge_test_prague (2026, 3, 11, 9, 0));
  g_assert_cmpint (nudge_followup_get_snoozed_until (later), ==, 0);

  assert_undone (f, undo, f->series, &before);
  g_assert_cmpuint (nudge_followups_count_overdue (f->book.store), ==, 3);
  g_assert_true (nudge_followups_complete (f->book.store, kyiv_id, 0, &error));

  /* Nothing overdue: nothing to snooze, and nothing written. */
  g_clear_pointer (&undo, nudge_followups_undo_free);
  g_assert_true (nudge_followups_complete (f->book.store, f->one_off, 0, &error));
  g_assert_true (nudge_followups_skip (f->book.store, f->series, nudge_test_prague (2026, 3, 9, 9, 0), &error));
  g_assert_no_error (error);
  undo = nudge_followups_snooze_overdue (f->book.store, NUDGE_SNOOZE_NEXT_WEEK, 9 * 60, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nudge_followups_undo_get_n_items (undo), ==, 0);
}

/* Another writer changed the follow-up after the snooze: Undo refuses
 * and writes nothing. */
static void
test_changed_since (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(NudgeFollowupsUndo) undo = change (f, nudge_followups_snooze, f->one_off,
                                               nudge_test_prague (2026, 3, 11, 9, 0), NULL);
  g_autoptr(NudgeFollowup) after = NULL;

  retitle (f, f->one_off, "Send the revised offer");
  assert_undo_refused (f, undo);
  after = nudge_test_get_followup (f->book.store, f->one_off);
  g_assert_cmpstr (nudge_followup_get_title (after), ==, "Send the revised offer");
}

/* The open follow-ups of the fixture's deal. */
static guint
n_open (Fixture *f)
{
  g_autoptr(GPtrArray) open = nudge_store_list_followups (f->book.store, NUDGE_ENTITY_DEAL, f->deal, TRUE, NULL);

  g_assert_nonnull (open);
  return open != NULL ? open->len : 0;
}

/* Done, then the next step the question planned: Undo of the Done takes
 * the step back too, or refuses when the step was changed since. A step
 * that could not be added leaves the record as it was. */
static void
test_done_next_step (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeFollowupsUndo) undo = NULL;
  g_autoptr(NudgeFollowup) back = NULL;
  g_auto(Seen) before = { 0 };
  gint64 next;

  g_assert_true (nudge_followups_cancel (f->book.store, f->series, NULL));
  g_assert_cmpuint (n_open (f), ==, 1);
  undo = change (f, nudge_followups_complete, f->one_off, 0, &before);
  g_assert_cmpuint (n_open (f), ==, 0);

  /* A day that has passed is refused, and the record keeps no step. */
  g_assert_cmpint (nudge_followups_undo_add_next_step (f->book.store, undo, f->one_off, NUDGE_NEXT_STEP_DATE,
                                                       nudge_test_prague (2026, 3, 9, 12, 0), TRUE, NULL, &error), ==, 0);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (n_open (f), ==, 0);

  next = nudge_followups_undo_add_next_step (f->book.store, undo, f->one_off, NUDGE_NEXT_STEP_1_DAY, 0, TRUE,
                                             "Call about the offer", &error);
  g_assert_no_error (error);
  g_assert_cmpint (next, >, 0);
  g_assert_cmpuint (n_open (f), ==, 1);
  /* The step is not counted as a follow-up the Done touched. */
  g_assert_cmpuint (nudge_followups_undo_get_n_items (undo), ==, 1);

  assert_undone (f, undo, f->one_off, &before);
  g_assert_null (nudge_store_get_followup (f->book.store, next, NULL));
  g_assert_cmpuint (n_open (f), ==, 1);
  back = nudge_test_get_followup (f->book.store, f->one_off);
  g_assert_cmpstr (nudge_followup_get_status (back), ==, "open");

  /* Done again, its step renamed before the Undo: both stay. */
  g_clear_pointer (&undo, nudge_followups_undo_free);
  undo = change (f, nudge_followups_complete, f->one_off, 0, NULL);
  next = nudge_followups_undo_add_next_step (f->book.store, undo, f->one_off, NUDGE_NEXT_STEP_3_DAYS, 0, TRUE,
                                             NULL, &error);
  g_assert_no_error (error);
  retitle (f, next, "Send the revised offer");
  assert_undo_refused (f, undo);
  g_assert_cmpuint (n_open (f), ==, 1);
  g_clear_object (&back);
  back = nudge_test_get_followup (f->book.store, f->one_off);
  g_assert_cmpstr (nudge_followup_get_status (back), ==, "done");
}

/* A change that fails leaves nothing behind, and no record for Undo. */
static void
test_failed_change (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  NudgeFollowupsUndo *undo = begin (f, f->one_off);
  g_autoptr(NudgeFollowup) still = NULL;
  gboolean ok;

  ok = nudge_followups_snooze (f->book.store, f->one_off, nudge_test_prague (2026, 3, 11, 9, 0), &error) &&
       nudge_followups_skip (f->book.store, f->one_off, nudge_test_prague (2026, 3, 4, 14, 15), &error);
  g_assert_false (ok);
  g_assert_nonnull (error);
  g_assert_null (nudge_followups_undo_end (f->book.store, undo, ok, &error));
  still = nudge_test_get_followup (f->book.store, f->one_off);
  g_assert_cmpint (nudge_followup_get_snoozed_until (still), ==, 0);

  /* A follow-up that is not there cannot be copied. */
  g_clear_error (&error);
  {
    gint64 missing = 999999;

    g_assert_null (nudge_followups_undo_begin (f->book.store, &missing, 1, &error));
    g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND);
  }
}

int
main (int argc, char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "done-one-off", NUDGE_TEST_FUNC (test_done_one_off) },
    { "done-touch", NUDGE_TEST_FUNC (test_done_touch) },
    { "done-touch-again", NUDGE_TEST_FUNC (test_done_touch_again) },
    { "done-occurrence", NUDGE_TEST_FUNC (test_done_occurrence) },
    { "skip", NUDGE_TEST_FUNC (test_skip) },
    { "snooze", NUDGE_TEST_FUNC (test_snooze) },
    { "move-occurrence", NUDGE_TEST_FUNC (test_move_occurrence) },
    { "snooze-overdue", NUDGE_TEST_FUNC (test_snooze_overdue) },
    { "changed-since", NUDGE_TEST_FUNC (test_changed_since) },
    { "failed-change", NUDGE_TEST_FUNC (test_failed_change) },
    { "done-next-step", NUDGE_TEST_FUNC (test_done_next_step) },
  };

  nudge_test_init (&argc, &argv, "C");

  nudge_test_add_table ("/core/followups-undo/", Fixture, fixture_set_up, nudge_test_book_tear_down, cases);
  return g_test_run ();
}
