/* test-ui-live.c — the open book as other programs change it, and the
 * overdue count the window, Today and the catch-up notification share
 *
 * The window runs with its reminder scheduler and notifier against a
 * recording notification server on a private bus; nudge-cli is the other
 * program.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libnotify/notify.h>
#include <sqlite3.h>
#include <string.h>
#include <time.h>

#include "dbus-recorder.h"
#include "notification-recorder.h"
#include "nudge-clock.h"
#include "nudge-demo.h"
#include "nudge-followups.h"
#include "nudge-notifier.h"
#include "nudge-scheduler.h"
#include "nudge-store.h"
#include "nudge-test-core.h"
#include "nudge-test-ui.h"
#include "nudge-today-view.h"
#include "nudge-window.h"

/* The private bus is up before GTK connects to a session bus: the
 * notifications go where the recorder listens. */
static GTestDBus *bus;

typedef struct
{
  NotificationRecorder *recorder;
  char                 *dir;
  char                 *path;
  NudgeStore           *store;
  NudgeWindow          *window;
  NudgeTodayView       *today;
  NudgeScheduler       *scheduler;
  NudgeNotifier        *notifier;
  GSimpleActionGroup   *actions;
} Fixture;

/* A clock that runs at the real pace from a chosen instant: the
 * scheduler's timer really waits, and the minute really comes. */
static gint64 clock_start;
static gint64 clock_start_mono;

static gint64
running_clock (gpointer data)
{
  return clock_start + (g_get_monotonic_time () - clock_start_mono) / G_USEC_PER_SEC;
}

static void
start_clock_at (gint64 at)
{
  clock_start = at;
  clock_start_mono = g_get_monotonic_time ();
  nudge_clock_set_func (running_clock, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->recorder = notification_recorder_start (g_test_dbus_get_bus_address (bus));
  g_assert_true (notify_init ("nudge-test"));

  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 10, 0));
  f->store = nudge_test_book_open ("ui-live", &f->dir, &f->path);
  /* As the application does with its main connection. */
  nudge_store_watch_file (f->store);
  f->actions = g_simple_action_group_new ();
  f->scheduler = nudge_scheduler_new (f->store);
  f->notifier = nudge_notifier_new (f->store, f->scheduler, G_ACTION_GROUP (f->actions));
}

static void
show_window (Fixture *f)
{
  f->window = nudge_test_window_new (f->store, "today", 1000, 800);
  f->today = NUDGE_TODAY_VIEW (nudge_test_find_widget (GTK_WIDGET (f->window), NUDGE_TYPE_TODAY_VIEW));
  g_assert_nonnull (f->today);
  nudge_test_set_busy_check (nudge_test_today_busy, f->today);
  nudge_test_spin (300);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  nudge_test_set_busy_check (NULL, NULL);
  nudge_test_destroy_windows ();
  nudge_scheduler_stop (f->scheduler);
  g_clear_object (&f->notifier);
  g_clear_object (&f->scheduler);
  g_clear_object (&f->actions);
  nudge_test_notify_uninit ();
  g_clear_pointer (&f->recorder, notification_recorder_stop);
  nudge_test_book_close (&f->store, &f->dir, &f->path);
}

/* ---- helpers ---------------------------------------------------------- */

static gboolean
is_drawn_row_titled (GtkWidget     *widget,
                     gconstpointer  title)
{
  return gtk_widget_get_mapped (widget) && nudge_test_is_row_titled (widget, title);
}

static gboolean
is_drawn_label_prefixed (GtkWidget     *widget,
                         gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix);
}

static guint
today_badge (Fixture *f)
{
  AdwViewStack *stack = ADW_VIEW_STACK (nudge_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK));
  AdwViewStackPage *page = adw_view_stack_get_page (stack, adw_view_stack_get_child_by_name (stack, "today"));

  return adw_view_stack_page_get_badge_number (page);
}

static RecordedCall *
wait_for_notify (Fixture *f,
                 guint    n,
                 guint    seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  g_autoptr(GPtrArray) calls = NULL;

  while (notification_recorder_count (f->recorder, "Notify") < n)
    {
      if (g_get_monotonic_time () > deadline)
        return NULL;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  calls = notification_recorder_calls (f->recorder);
  for (guint i = calls->len; i > 0; i--)
    if (g_str_equal (((RecordedCall *) g_ptr_array_index (calls, i - 1))->method, "Notify"))
      return g_ptr_array_steal_index (calls, i - 1);
  return NULL;
}

static gint64
add_followup (Fixture    *f,
              gint64      deal_id,
              const char *title,
              gint64      due)
{
  return nudge_test_add_followup (f->store, deal_id, title, due, NULL);
}

/* The follow-up "Call about the offer" of the deal "Hotel Praha
 * renovation" (whose id goes to @deal_id, may be NULL), an hour
 * overdue. */
static gint64
add_overdue_call (Fixture *f,
                  gint64  *deal_id)
{
  gint64 deal = nudge_test_add_titled_deal (f->store, "Hotel Praha renovation");

  if (deal_id != NULL)
    *deal_id = deal;
  return add_followup (f, deal, "Call about the offer", nudge_test_prague (2026, 3, 2, 9, 0));
}

/* A click on "Call about the offer", which another program changed,
 * said @notice and took the row away, with no dialog and no next-step
 * prompt. */
static void
assert_told_elsewhere (Fixture    *f,
                       const char *notice)
{
  g_autoptr(GList) toplevels = NULL;

  g_assert_nonnull (nudge_test_find (GTK_WIDGET (f->window), NUDGE_TEST_ANY, is_drawn_label_prefixed, notice));
  g_assert_null (nudge_test_find (GTK_WIDGET (f->window), NUDGE_TEST_ANY, is_drawn_row_titled, "Call about the offer"));
  toplevels = gtk_window_list_toplevels ();
  g_assert_cmpuint (g_list_length (toplevels), ==, 1);
}

/* ---- tests ------------------------------------------------------------ */

/* The sample book at a fixed instant: the switcher's badge, the Overdue
 * header and the catch-up notification say the same number, the one
 * nudge_followups_count_overdue() gives. The instant is one where some
 * reminders are due within their lead time (not overdue yet), which the
 * notification once counted as overdue. */
static void
test_counts_agree (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) occs = NULL;
  g_autofree char *header = NULL;
  g_autofree char *summary = NULL;
  RecordedCall *call;
  GtkWidget *label;
  guint overdue, due_soon = 0, listed_overdue = 0;
  gint64 now;

  now = nudge_test_prague (2026, 12, 3, 11, 0);
  nudge_clock_pin (now);
  nudge_test_add_demo (f->store, 0, 0, 0, 0, 0);

  /* What makes the instant a hard one. */
  occs = nudge_followups_list_occurrences (f->store, G_MININT64, now + 86400, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < occs->len; i++)
    {
      NudgeOccurrence *o = g_ptr_array_index (occs, i);

      listed_overdue += nudge_occurrence_get_is_overdue (o);
      due_soon += !nudge_occurrence_get_is_overdue (o) && nudge_scheduler_fire_time (o) <= now;
    }
  overdue = nudge_followups_count_overdue (f->store);
  g_test_message ("overdue %u, listed %u, reminders due but not overdue %u", overdue, listed_overdue, due_soon);
  g_assert_cmpuint (overdue, >, 3);
  g_assert_cmpuint (overdue, ==, listed_overdue);
  g_assert_cmpuint (due_soon, >, 0);

  show_window (f);
  g_assert_cmpuint (nudge_today_view_get_overdue_count (f->today), ==, overdue);
  g_assert_cmpuint (today_badge (f), ==, overdue);
  header = g_strdup_printf ("Overdue · %u", overdue);
  label = nudge_test_find (GTK_WIDGET (f->window), NUDGE_TEST_ANY, is_drawn_label_prefixed, "Overdue · ");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, header);

  /* The start-up catch-up: one summary for everything due. */
  g_assert_cmpuint (nudge_scheduler_check_now (f->scheduler), ==, overdue + due_soon);
  call = wait_for_notify (f, 1, 5);
  g_assert_nonnull (call);
  summary = g_strdup_printf ("%u follow-ups are overdue", overdue);
  g_test_message ("Notify: %s | %s", call->summary, call->body);
  g_assert_cmpstr (call->summary, ==, summary);
  g_assert_nonnull (strstr (call->body, "more is due soon") ?: strstr (call->body, "more are due soon"));
  recorded_call_free (call);

  /* Still the same after the reminders were marked as fired. */
  nudge_test_spin (200);
  g_assert_cmpuint (nudge_followups_count_overdue (f->store), ==, overdue);
  g_assert_cmpuint (today_badge (f), ==, overdue);
}

/* nudge-cli adds a follow-up to the open book: Today lists it within two
 * seconds, and it is reminded at its minute, not before. */
static void
test_second_process (Fixture       *f,
                     gconstpointer  data)
{
  const char *title = "Call Jan about the offer from the CLI";
  gint64 due = nudge_test_prague (2026, 3, 2, 10, 0);
  g_autofree char *deal = NULL;
  RecordedCall *call;
  gint64 written, seen, deadline;

  nudge_test_add_titled_deal (f->store, "Hotel Praha renovation");
  /* Four seconds before the minute the follow-up will be due. */
  start_clock_at (due - 4);
  show_window (f);
  nudge_scheduler_start (f->scheduler);
  nudge_test_spin (200);
  g_assert_null (nudge_test_find (GTK_WIDGET (f->window), NUDGE_TEST_ANY, is_drawn_row_titled, title));

  nudge_test_run_cli (f->path, "followup", "add", "--title", title, "--due", "2026-03-02T10:00", "--tz", NUDGE_TEST_TZID,
                      "--remind", "0", NULL);
  written = g_get_monotonic_time ();
  nudge_test_set_busy_check (NULL, NULL);
  deadline = written + 2 * G_USEC_PER_SEC;
  while (nudge_test_find (GTK_WIDGET (f->window), NUDGE_TEST_ANY, is_drawn_row_titled, title) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  seen = g_get_monotonic_time ();
  g_test_message ("listed %.2f s after the write", (seen - written) / (double) G_USEC_PER_SEC);
  g_assert_nonnull (nudge_test_find (GTK_WIDGET (f->window), NUDGE_TEST_ANY, is_drawn_row_titled, title));
  g_assert_cmpint (notification_recorder_count (f->recorder, "Notify"), ==, 0);

  call = wait_for_notify (f, 1, 10);
  g_assert_nonnull (call);
  g_assert_cmpstr (call->summary, ==, title);
  g_test_message ("reminded %" G_GINT64_FORMAT " s after its minute began", nudge_clock_now () - due);
  g_assert_cmpint (nudge_clock_now (), >=, due);
  g_assert_cmpint (nudge_clock_now (), <, due + 60);
  recorded_call_free (call);
}

/* Another program cancels a follow-up and the click on its row comes
 * before the window noticed: the click says so instead of nothing or a
 * misleading "already done". */
static void
test_cancelled_elsewhere (Fixture       *f,
                          gconstpointer  data)
{
  gint64 deal;
  gint64 id = add_overdue_call (f, &deal);
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autoptr(NudgeFollowup) after = NULL;

  add_followup (f, deal, "Send the contract", nudge_test_prague (2026, 3, 2, 15, 0));
  show_window (f);
  g_assert_nonnull (nudge_test_find (GTK_WIDGET (f->window), NUDGE_TEST_ANY, is_drawn_row_titled, "Call about the offer"));

  nudge_test_run_cli (f->path, "followup", "cancel", id_text, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->today), "today.done", "(xx)", id, (gint64) 0));
  nudge_test_spin (300);

  assert_told_elsewhere (f, "This follow-up was changed elsewhere");
  g_assert_nonnull (nudge_test_find (GTK_WIDGET (f->window), NUDGE_TEST_ANY, is_drawn_row_titled, "Send the contract"));
  after = nudge_store_get_followup (f->store, id, NULL);
  g_assert_cmpstr (nudge_followup_get_status (after), ==, "cancelled");
}

/* Another program deletes a follow-up (here: a script through sqlite3's
 * own library, a connection of its own) before Snooze is clicked. */
static void
test_deleted_elsewhere (Fixture       *f,
                        gconstpointer  data)
{
  gint64 id = add_overdue_call (f, NULL);
  g_autofree char *sql = g_strdup_printf ("DELETE FROM followup WHERE id = %" G_GINT64_FORMAT, id);
  sqlite3 *other = NULL;

  show_window (f);
  g_assert_nonnull (nudge_test_find (GTK_WIDGET (f->window), NUDGE_TEST_ANY, is_drawn_row_titled, "Call about the offer"));

  g_assert_cmpint (sqlite3_open_v2 (f->path, &other, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (other, 5000);
  g_assert_cmpint (sqlite3_exec (other, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (other), ==, 1);
  sqlite3_close (other);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->today), "today.snooze", "(xxi)", id, (gint64) 0, 0));
  nudge_test_spin (300);

  assert_told_elsewhere (f, "This follow-up no longer exists");
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "counts-agree", NUDGE_TEST_FUNC (test_counts_agree) },
    { "second-process", NUDGE_TEST_FUNC (test_second_process) },
    { "cancelled-elsewhere", NUDGE_TEST_FUNC (test_cancelled_elsewhere) },
    { "deleted-elsewhere", NUDGE_TEST_FUNC (test_deleted_elsewhere) },
  };

  int status;

  bus = dbus_recorder_private_bus ();
  nudge_test_init_environment (NULL);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  nudge_test_add_table ("/ui/live/", Fixture, fixture_set_up, fixture_tear_down, cases);

  status = g_test_run ();

  dbus_recorder_private_bus_stop (bus);
  return status;
}
