/* test-notify.c — reminders as notifications on a private session bus
 *
 * A recording org.freedesktop.Notifications server answers libnotify;
 * the test checks what is shown and drives the actions back into the
 * store through the same action names the application installs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libnotify/notify.h>
#include <string.h>
#include <time.h>

#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-notifier.h"
#include "nudge-scheduler.h"
#include "nudge-store.h"
#include "nudge-test-core.h"
#include "nudge-store-private.h"
#include "notification-recorder.h"

#define TZID "Europe/Prague"

typedef struct
{
  GTestDBus            *bus;
  NotificationRecorder *recorder;
  char                 *dir;
  char                 *path;
  NudgeStore           *store;
  NudgeScheduler       *scheduler;
  NudgeNotifier        *notifier;
  GSimpleActionGroup   *actions;
  GPtrArray            *opened;
} Fixture;

/* The same behaviour as the application's actions (nudge-reminders.c). */
static void
done_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (nudge_followups_complete (f->store, g_variant_get_int64 (parameter), 0, &error));
  g_assert_no_error (error);
}

static void
snooze_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int minutes;

  g_variant_get (parameter, "(xi)", &id, &minutes);
  g_assert_true (nudge_followups_snooze (f->store, id, nudge_followups_snooze_in (nudge_clock_now (), minutes), &error));
  g_assert_no_error (error);
}

static void
open_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  Fixture *f = user_data;

  g_ptr_array_add (f->opened, g_strdup_printf ("%" G_GINT64_FORMAT, g_variant_get_int64 (parameter)));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const GActionEntry entries[] = {
    { "followup-done", done_cb, "x" },
    { "followup-snooze", snooze_cb, "(xi)" },
    { "open-followup", open_cb, "x" },
  };
  f->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (f->bus);
  /* With data, the notification server starts later (in the test). */
  if (data == NULL)
    f->recorder = notification_recorder_start (g_test_dbus_get_bus_address (f->bus));
  g_assert_true (notify_init ("nudge-test"));

  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 8, 0));
  f->store = nudge_test_book_open ("notify", &f->dir, &f->path);
  f->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (f->actions), entries, G_N_ELEMENTS (entries), f);
  f->scheduler = nudge_scheduler_new (f->store);
  f->notifier = nudge_notifier_new (f->store, f->scheduler, G_ACTION_GROUP (f->actions));
  f->opened = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->notifier);
  g_clear_object (&f->scheduler);
  g_clear_object (&f->actions);
  nudge_test_notify_uninit ();
  g_clear_pointer (&f->recorder, notification_recorder_stop);
  g_test_dbus_down (f->bus);
  g_clear_object (&f->bus);
  nudge_test_book_close (&f->store, &f->dir, &f->path);
  g_ptr_array_unref (f->opened);
  nudge_clock_unpin ();
}

static gint64
add_followup (Fixture    *f,
              const char *title,
              gint64      due_at,
              int         priority)
{
  NudgeFollowupSpec spec;
  gint64 contact_id, deal_id;

  deal_id = nudge_test_add_brno_deal (f->store, &contact_id);
  nudge_test_add_activity (f->store, "kind", "meeting", "summary", "Demo request", "deal-id", deal_id,
                           "contact-id", contact_id, "occurred-at", due_at - 3 * 86400, NULL);
  nudge_test_call_spec (&spec, title, due_at, deal_id);
  spec.priority = priority;
  return nudge_test_create_followup (f->store, &spec);
}

/* Adds @n follow-ups titled "@prefix 0", "@prefix 1"…, due a minute
 * apart from @hour:00 on 2 March 2026; the first one's id. */
static gint64
add_followups (Fixture    *f,
               const char *prefix,
               int         n,
               int         hour)
{
  gint64 first = 0;

  for (int i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("%s %d", prefix, i);
      gint64 id = add_followup (f, title, nudge_test_prague (2026, 3, 2, hour, i), 2);

      if (i == 0)
        first = id;
    }
  return first;
}

/* Runs the main context until the recorder saw @n calls of @method. */
static void
wait_for (Fixture    *f,
          const char *method,
          guint       n)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (notification_recorder_count (f->recorder, method) < n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Runs the main context for some 50 ms: what would come, came. */
static void
spin_a_moment (void)
{
  for (int i = 0; i < 50; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Runs the main context until the notifier has @n notifications on
 * screen. */
static void
wait_shown (Fixture *f,
            guint    n)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (nudge_notifier_get_n_shown (f->notifier) != n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* The app quits and starts again: a new scheduler and notifier look at
 * the whole book; the recorder has seen @n_before Notify calls. Returns
 * how many it has seen once the start-up check is over. */
static guint
restart (Fixture *f,
         guint    n_before)
{
  g_clear_object (&f->notifier);
  g_clear_object (&f->scheduler);
  f->scheduler = nudge_scheduler_new (f->store);
  f->notifier = nudge_notifier_new (f->store, f->scheduler, G_ACTION_GROUP (f->actions));
  nudge_scheduler_start (f->scheduler);
  do
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  while (nudge_scheduler_is_busy (f->scheduler));
  spin_a_moment ();
  nudge_scheduler_stop (f->scheduler);
  return notification_recorder_count (f->recorder, "Notify") - n_before;
}

static RecordedCall *
last_call (Fixture    *f,
           const char *method)
{
  g_autoptr(GPtrArray) calls = notification_recorder_calls (f->recorder);

  for (guint i = calls->len; i > 0; i--)
    {
      RecordedCall *call = g_ptr_array_index (calls, i - 1);
      if (g_str_equal (call->method, method))
        return g_ptr_array_steal_index (calls, i - 1);
    }
  g_assert_not_reached ();
}

/* The last notification shown, which says @summary. */
static RecordedCall *
last_notify (Fixture    *f,
             const char *summary)
{
  RecordedCall *call = last_call (f, "Notify");

  g_assert_cmpstr (call->summary, ==, summary);
  return call;
}

/* The notification server starts (again) and shows one notification
 * of what was held back meanwhile, saying @summary. */
static void
start_server (Fixture    *f,
              const char *summary)
{
  f->recorder = notification_recorder_start (g_test_dbus_get_bus_address (f->bus));
  wait_for (f, "Notify", 1);
  recorded_call_free (last_notify (f, summary));
}

/* At @now nothing is due any more, and the server has shown one
 * notification, no other. */
static void
assert_shown_once (Fixture *f,
                   gint64   now)
{
  nudge_clock_pin (now);
  g_assert_cmpuint (nudge_scheduler_check_now (f->scheduler), ==, 0);
  spin_a_moment ();
  g_assert_cmpuint (notification_recorder_count (f->recorder, "Notify"), ==, 1);
}

/* Runs the main context until the app was asked to open something. */
static void
wait_opened (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (f->opened->len == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gint64
snoozed_until (Fixture *f, gint64 id)
{
  g_autoptr(NudgeFollowup) fu = nudge_store_get_followup (f->store, id, NULL);
  return nudge_followup_get_snoozed_until (fu);
}

static void
assert_action (RecordedCall *call,
               const char   *key,
               const char   *label)
{
  for (guint i = 0; call->actions[i] != NULL && call->actions[i + 1] != NULL; i += 2)
    if (g_str_equal (call->actions[i], key))
      {
        g_assert_cmpstr (call->actions[i + 1], ==, label);
        return;
      }
  g_error ("no action “%s”", key);
}

static void
test_due_in_words (void)
{
  gint64 now = nudge_test_prague (2026, 3, 4, 12, 0);
  struct { gint64 due; gboolean all_day; const char *text; } cases[] = {
    { nudge_test_prague (2026, 3, 4, 9, 0), FALSE, "Overdue since 09:00" },
    { nudge_test_prague (2026, 3, 3, 16, 0), FALSE, "Overdue since yesterday 16:00" },
    { nudge_test_prague (2026, 2, 27, 16, 0), FALSE, "Overdue since 02/27/2026" },
    { nudge_test_prague (2026, 3, 4, 12, 0), FALSE, "Due now" },
    { nudge_test_prague (2026, 3, 4, 12, 1), FALSE, "Due in 1 minute" },
    { nudge_test_prague (2026, 3, 4, 12, 10), FALSE, "Due in 10 minutes" },
    { nudge_test_prague (2026, 3, 4, 12, 10) - 40, FALSE, "Due in 10 minutes" },
    { nudge_test_prague (2026, 3, 4, 14, 30), FALSE, "Due at 14:30" },
    { nudge_test_prague (2026, 3, 5, 9, 0), FALSE, "Due tomorrow at 09:00" },
    { nudge_test_prague (2026, 3, 9, 9, 0), FALSE, "Due on 03/09/2026 at 09:00" },
    { nudge_test_prague (2026, 3, 4, 0, 0), TRUE, "Due today" },
    { nudge_test_prague (2026, 3, 5, 0, 0), TRUE, "Due tomorrow" },
    { nudge_test_prague (2026, 3, 3, 0, 0), TRUE, "Overdue since yesterday" },
    { nudge_test_prague (2026, 3, 1, 0, 0), TRUE, "Overdue since 03/01/2026" },
  };

  nudge_clock_pin (now);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = nudge_notifier_format_due (cases[i].due, cases[i].all_day, nudge_clock_now ());

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_null (strstr (text, "Today"));
    }
  nudge_clock_unpin ();
}

static void
test_snooze_whole_minutes (void)
{
  gint64 ten = nudge_test_prague (2026, 3, 2, 10, 0);

  g_assert_cmpint (nudge_followups_snooze_in (ten + 27, 10), ==, nudge_test_prague (2026, 3, 2, 10, 10));
  g_assert_cmpint (nudge_followups_snooze_in (ten + 59, 60), ==, nudge_test_prague (2026, 3, 2, 11, 0));
  g_assert_cmpint (nudge_followups_snooze_in (ten, 60), ==, nudge_test_prague (2026, 3, 2, 11, 0));
  g_assert_cmpint (nudge_followups_snooze_target (NUDGE_SNOOZE_10_MINUTES, ten + 13, TZID, 9 * 60, FALSE),
                   ==, nudge_test_prague (2026, 3, 2, 10, 10));
  g_assert_cmpint (nudge_followups_snooze_target (NUDGE_SNOOZE_1_HOUR, ten + 45, TZID, 9 * 60, FALSE),
                   ==, nudge_test_prague (2026, 3, 2, 11, 0));
  /* Tomorrow morning is the next working day's start: Friday → Monday. */
  g_assert_cmpint (nudge_followups_snooze_target (NUDGE_SNOOZE_TOMORROW, nudge_test_prague (2026, 3, 6, 15, 0) + 7, TZID,
                                                  8 * 60 + 30, TRUE),
                   ==, nudge_test_prague (2026, 3, 9, 8, 30));
  g_assert_cmpstr (nudge_followups_snooze_label (NUDGE_SNOOZE_1_HOUR), ==, "Snooze 1 hour");
  g_assert_cmpstr (nudge_followups_snooze_label (NUDGE_SNOOZE_TOMORROW), ==, "Tomorrow morning");
}

static void
test_snooze_and_done (Fixture       *f,
                      gconstpointer  data)
{
  gint64 id = add_followup (f, "Call Jana about the offer", nudge_test_prague (2026, 3, 2, 10, 0), 3);
  RecordedCall *call;
  g_autoptr(NudgeFollowup) fu = NULL;
  gint64 deadline;

  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 10, 0));
  g_assert_cmpuint (nudge_scheduler_check_now (f->scheduler), ==, 1);
  wait_for (f, "Notify", 1);

  call = last_notify (f, "Call Jana about the offer");
  g_test_message ("Notify: %s | %s", call->summary, call->body);
  g_assert_nonnull (strstr (call->body, "Brno office fit-out"));
  g_assert_nonnull (strstr (call->body, "Jana Nováková"));
  g_assert_nonnull (strstr (call->body, "+420 601 234 567"));
  g_assert_nonnull (strstr (call->body, "Demo request, 3 days ago"));
  g_assert_nonnull (strstr (call->body, "Due now"));
  g_assert_null (strstr (call->body, "10:00:00"));
  g_assert_cmpuint (call->urgency, ==, 2);
  /* The default action and three buttons (GNOME Shell shows no more),
   * worded as the app's snooze menu. */
  g_assert_cmpuint (g_strv_length (call->actions), ==, 8);
  assert_action (call, "default", "Open");
  assert_action (call, "done", "Done");
  assert_action (call, "snooze-60", "Snooze 1 hour");
  assert_action (call, "snooze-tomorrow", "Tomorrow morning");
  g_assert_cmpuint (nudge_notifier_get_n_shown (f->notifier), ==, 1);

  /* Snooze 1 hour from the notification, 27 seconds into the minute:
   * it lands on a whole minute. */
  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 10, 0) + 27);
  notification_recorder_invoke (f->recorder, call->id, "snooze-60");
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (snoozed_until (f, id) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpint (snoozed_until (f, id), ==, nudge_test_prague (2026, 3, 2, 11, 0));
  g_assert_cmpint (snoozed_until (f, id) % 60, ==, 0);
  recorded_call_free (call);

  /* Snoozed in the store: its notification goes away… */
  wait_for (f, "CloseNotification", 1);
  /* …and the reminder comes back an hour later, not before, saying since
   * when it is overdue. */
  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 10, 59));
  g_assert_cmpuint (nudge_scheduler_check_now (f->scheduler), ==, 0);
  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 11, 0));
  g_assert_cmpuint (nudge_scheduler_check_now (f->scheduler), ==, 1);
  wait_for (f, "Notify", 2);
  call = last_notify (f, "Call Jana about the offer");
  g_assert_nonnull (strstr (call->body, "Overdue since 10:00"));

  /* Done from the notification: marked done, notification closed. */
  notification_recorder_invoke (f->recorder, call->id, "done");
  wait_for (f, "CloseNotification", 2);
  fu = nudge_store_get_followup (f->store, id, NULL);
  g_assert_cmpstr (nudge_followup_get_status (fu), ==, "done");
  recorded_call_free (call);
  call = last_call (f, "CloseNotification");
  g_assert_cmpuint (call->id, ==, 2);
  recorded_call_free (call);
  g_assert_cmpuint (nudge_notifier_get_n_shown (f->notifier), ==, 0);
}

/* At start-up the scheduler lists the book on a worker, which also leaves
 * out what was reminded of before and counts what is overdue for the
 * summary. */
static void
test_summary_at_start (Fixture       *f,
                       gconstpointer  data)
{
  RecordedCall *call;

  add_followups (f, "Reminded", 3, 9);
  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 10, 0));
  g_assert_cmpuint (nudge_scheduler_check_now (f->scheduler), ==, 3);
  wait_for (f, "Notify", 3);
  /* Seen: dismissed by the user. */
  {
    g_autoptr(GPtrArray) calls = notification_recorder_calls (f->recorder);

    for (guint i = 0; i < calls->len; i++)
      notification_recorder_close (f->recorder, ((RecordedCall *) g_ptr_array_index (calls, i))->id, 2);
  }
  wait_shown (f, 0);

  add_followups (f, "New", 5, 11);
  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 12, 0));

  /* A new start (a new scheduler looks at the whole book). */
  g_assert_cmpuint (restart (f, 3), ==, 1);
  call = last_notify (f, "8 follow-ups are overdue");
  g_assert_nonnull (strstr (call->body, "New 0"));
  g_assert_null (strstr (call->body, "Reminded"));
  recorded_call_free (call);
  g_assert_cmpint (nudge_scheduler_get_overdue_hint (f->scheduler), ==, -1);
}

static void
test_summary_opens_today (Fixture       *f,
                          gconstpointer  data)
{
  RecordedCall *call;

  add_followups (f, "Overdue", 7, 9);
  g_assert_true (nudge_store_exec (f->store, "UPDATE followup SET origin = 'rule'"
                                             " WHERE title IN ('Overdue 0', 'Overdue 1', 'Overdue 2')", NULL));
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM followup WHERE origin = 'rule'"), ==, 3);
  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 12, 0));
  g_assert_cmpuint (nudge_scheduler_check_now (f->scheduler), ==, 7);
  wait_for (f, "Notify", 1);
  g_usleep (50000);
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (notification_recorder_count (f->recorder, "Notify"), ==, 1);
  call = last_notify (f, "7 follow-ups are overdue");
  g_assert_true (g_strv_contains ((const char *const *) call->actions, "default"));
  /* Three of them were made by rules. */
  g_assert_nonnull (strstr (call->body, "3 from rules, 4 you planned"));

  notification_recorder_invoke (f->recorder, call->id, "default");
  wait_opened (f);
  g_assert_cmpstr (g_ptr_array_index (f->opened, 0), ==, "0");

  /* Dismissed on the desktop: forgotten here too. */
  g_assert_cmpuint (nudge_notifier_get_n_shown (f->notifier), ==, 1);
  notification_recorder_close (f->recorder, call->id, 2);
  wait_shown (f, 0);
  recorded_call_free (call);
}

/* At login the notification server may not run yet: the reminder is not
 * lost but shown, once, as soon as the server appears. */
static void
test_server_appears_late (Fixture       *f,
                          gconstpointer  data)
{
  add_followup (f, "Call Jana about the offer", nudge_test_prague (2026, 3, 2, 10, 0), 2);
  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 10, 0));
  g_assert_cmpuint (nudge_scheduler_check_now (f->scheduler), ==, 1);
  /* Not shown, so not marked: still due a minute later. */
  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 10, 1));
  g_assert_cmpuint (nudge_scheduler_check_now (f->scheduler), ==, 1);

  start_server (f, "Call Jana about the offer");
  /* Delivered now: neither the next check nor a later one shows it again. */
  assert_shown_once (f, nudge_test_prague (2026, 3, 2, 10, 2));
  g_assert_cmpuint (nudge_scheduler_get_next_fire (f->scheduler), ==, 0);
}

/* Several missed reminders come as one summary when the server appears;
 * one handled meanwhile is left out. */
static void
test_server_appears_late_summary (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 first = add_followups (f, "Overdue", 6, 9);

  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 12, 0));
  g_assert_cmpuint (nudge_scheduler_check_now (f->scheduler), ==, 6);
  g_assert_true (nudge_followups_complete (f->store, first, 0, &error));
  g_assert_no_error (error);

  start_server (f, "5 follow-ups are overdue");
  assert_shown_once (f, nudge_test_prague (2026, 3, 2, 12, 0));
}

/* Done while the notification server was away: its reminder is not
 * shown when the server appears. */
static void
test_server_appears_late_done (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_followup (f, "Call Jana about the offer", nudge_test_prague (2026, 3, 2, 10, 0), 2);

  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 10, 0));
  g_assert_cmpuint (nudge_scheduler_check_now (f->scheduler), ==, 1);
  g_assert_true (nudge_followups_complete (f->store, id, 0, &error));
  g_assert_no_error (error);

  f->recorder = notification_recorder_start (g_test_dbus_get_bus_address (f->bus));
  spin_a_moment ();
  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 10, 5));
  g_assert_cmpuint (nudge_scheduler_check_now (f->scheduler), ==, 0);
  spin_a_moment ();
  g_assert_cmpuint (notification_recorder_count (f->recorder, "Notify"), ==, 0);
}

/* The last line of the summary shown at @now, once the scheduler has
 * fired @n_fired reminders; it says @summary. */
static char *
summary_last_line (Fixture    *f,
                   gint64      now,
                   guint       n_fired,
                   const char *summary)
{
  RecordedCall *call;
  const char *line;
  char *text;

  guint n_before = notification_recorder_count (f->recorder, "Notify");

  nudge_clock_pin (now);
  g_assert_cmpuint (nudge_scheduler_check_now (f->scheduler), ==, n_fired);
  wait_for (f, "Notify", n_before + 1);
  call = last_notify (f, summary);
  g_test_message ("Notify: %s | %s", call->summary, call->body);
  line = strrchr (call->body, '\n');
  text = g_strdup (line != NULL ? line + 1 : call->body);
  recorded_call_free (call);
  return text;
}

/* A summary counts what is overdue and says how many more of its
 * reminders are only due soon: one, then four. */
static void
test_summary_more_due_soon (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *one = NULL;
  g_autofree char *four = NULL;

  add_followups (f, "Overdue", 4, 9);
  add_followup (f, "Due at noon", nudge_test_prague (2026, 3, 2, 12, 0), 2);
  one = summary_last_line (f, nudge_test_prague (2026, 3, 2, 12, 0), 5, "4 follow-ups are overdue");
  g_assert_cmpstr (one, ==, "1 more is due soon");

  /* An hour later four are due now, none of them overdue; the five
   * reminded of before are. */
  for (int i = 0; i < 4; i++)
    add_followup (f, "Due at one", nudge_test_prague (2026, 3, 2, 13, 0), 2);
  four = summary_last_line (f, nudge_test_prague (2026, 3, 2, 13, 0), 4, "5 follow-ups are overdue");
  g_assert_cmpstr (four, ==, "4 more are due soon");
}

/* Names are text: the body is escaped for servers that read markup. */
static void
test_body_escaped (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeFollowup) fu = NULL;
  g_autoptr(NudgeDeal) deal = NULL;
  RecordedCall *call;
  gint64 id = add_followup (f, "Call <i>Jana</i>", nudge_test_prague (2026, 3, 2, 10, 0), 2);

  fu = nudge_store_get_followup (f->store, id, NULL);
  deal = nudge_store_get_deal (f->store, nudge_followup_get_deal_id (fu), NULL);
  g_object_set (deal, "title", "Fit-out <b>Brno</b> & Co", NULL);
  nudge_store_save_deal (f->store, deal, &error);
  g_assert_no_error (error);

  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 10, 0));
  g_assert_cmpuint (nudge_scheduler_check_now (f->scheduler), ==, 1);
  wait_for (f, "Notify", 1);
  call = last_call (f, "Notify");
  g_assert_nonnull (strstr (call->body, "Fit-out &lt;b&gt;Brno&lt;/b&gt; &amp; Co"));
  g_assert_null (strstr (call->body, "<b>"));
  recorded_call_free (call);
}

/* The notification server crashes and comes back: what came due in
 * between is shown once, and what was shown before is not shown again. */
static void
test_server_restarts (Fixture       *f,
                      gconstpointer  data)
{
  add_followup (f, "Call Jana about the offer", nudge_test_prague (2026, 3, 2, 10, 0), 2);
  add_followup (f, "Send the contract", nudge_test_prague (2026, 3, 2, 11, 0), 2);

  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 10, 0));
  g_assert_cmpuint (nudge_scheduler_check_now (f->scheduler), ==, 1);
  wait_for (f, "Notify", 1);

  g_clear_pointer (&f->recorder, notification_recorder_stop);
  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 11, 0));
  g_assert_cmpuint (nudge_scheduler_check_now (f->scheduler), ==, 1);

  start_server (f, "Send the contract");
  assert_shown_once (f, nudge_test_prague (2026, 3, 2, 11, 1));
}

/* The app quits with a reminder on screen: GNOME Shell drops it with the
 * app (its sender left the bus), and the next start shows it again. One
 * the user dismissed, or clicked, is not shown again. */
static void
test_shown_again_after_quit (Fixture       *f,
                             gconstpointer  data)
{
  RecordedCall *call;

  add_followup (f, "Call Jana about the offer", nudge_test_prague (2026, 3, 2, 10, 0), 2);
  add_followup (f, "Send the contract", nudge_test_prague (2026, 3, 2, 10, 0), 2);
  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 10, 0));
  g_assert_cmpuint (nudge_scheduler_check_now (f->scheduler), ==, 2);
  wait_for (f, "Notify", 2);

  /* "Send the contract" dismissed; the call left on screen. */
  call = last_notify (f, "Send the contract");
  notification_recorder_close (f->recorder, call->id, 2);
  recorded_call_free (call);
  wait_shown (f, 1);

  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 12, 0));
  g_assert_cmpuint (restart (f, 2), ==, 1);
  call = last_notify (f, "Call Jana about the offer");
  g_assert_nonnull (strstr (call->body, "Overdue since 10:00"));

  /* Clicked (Open): seen, not shown at the start after. */
  notification_recorder_invoke (f->recorder, call->id, "default");
  recorded_call_free (call);
  wait_opened (f);
  g_assert_cmpuint (restart (f, 3), ==, 0);

  /* Not shown again within a run either. */
  g_assert_cmpuint (nudge_scheduler_check_now (f->scheduler), ==, 0);
}

int
main (int argc, char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "snooze-and-done", NUDGE_TEST_FUNC (test_snooze_and_done) },
    { "summary-opens-today", NUDGE_TEST_FUNC (test_summary_opens_today) },
    { "summary-at-start", NUDGE_TEST_FUNC (test_summary_at_start) },
    { "body-escaped", NUDGE_TEST_FUNC (test_body_escaped) },
    { "server-restarts", NUDGE_TEST_FUNC (test_server_restarts) },
    { "shown-again-after-quit", NUDGE_TEST_FUNC (test_shown_again_after_quit) },
    { "summary-more-due-soon", NUDGE_TEST_FUNC (test_summary_more_due_soon) },
  };

  nudge_test_init (&argc, &argv, "C");

  g_test_add_func ("/core/notify/due-in-words", test_due_in_words);
  g_test_add_func ("/core/notify/snooze-whole-minutes", test_snooze_whole_minutes);
  nudge_test_add_table ("/core/notify/", Fixture, fixture_set_up, fixture_tear_down, cases);
  g_test_add ("/core/notify/server-appears-late", Fixture, GINT_TO_POINTER (1), fixture_set_up, test_server_appears_late, fixture_tear_down);
  g_test_add ("/core/notify/server-appears-late-summary", Fixture, GINT_TO_POINTER (1), fixture_set_up, test_server_appears_late_summary, fixture_tear_down);
  g_test_add ("/core/notify/server-appears-late-done", Fixture, GINT_TO_POINTER (1), fixture_set_up, test_server_appears_late_done, fixture_tear_down);
  return g_test_run ();
}
