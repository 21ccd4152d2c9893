/* test-ui-notify-portal.c — reminders through the notification portal
 *
 * The application as it runs in the Flatpak sandbox: libnotify would take
 * the portal there (NOTIFY_FORCE_PORTAL says so outside a sandbox, the
 * same switch libnotify reads) and GLib's GNotification too
 * (GTK_USE_PORTAL=1). A recording org.freedesktop.portal.Desktop on a
 * private bus stands in for the desktop: a click activates the button's
 * app.* action over D-Bus as GNOME Shell does. Done, Snooze and Open reach
 * the real application with no window open, also in a process that was
 * just started for the click and has not opened its book yet; after Done
 * the question of the next step comes the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <time.h>

#include "nudge-application-private.h"
#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-store.h"
#include "nudge-store-private.h"
#include "nudge-test-core.h"
#include "nudge-window.h"
#include "dbus-recorder.h"
#include "portal-recorder.h"


static GTestDBus *bus;

typedef struct
{
  PortalRecorder   *portal;
  char             *dir;
  char             *path;
  NudgeApplication *app;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 8, 0));
  f->portal = portal_recorder_start (g_test_dbus_get_bus_address (bus), APPLICATION_ID);
  f->dir = g_dir_make_tmp ("nudge-portal-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "nudge.db", NULL);
  g_setenv ("NUDGE_DB", f->path, TRUE);

  /* Registered, as a process D-Bus activation has just started: startup
   * ran, no command line, no book, no window. */
  f->app = nudge_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (f->app), NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_application_get_is_remote (G_APPLICATION (f->app)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (f->app))) != NULL)
    gtk_window_destroy (windows->data);
  /* Nothing of it runs on after the book is gone. */
  _nudge_application_stop_services (f->app);
  g_clear_object (&f->app);
  portal_recorder_stop (f->portal);
  nudge_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
  g_unsetenv ("NUDGE_DB");
  nudge_clock_unpin ();
}

static gint64
add_followup (NudgeStore *store,
              const char *title,
              gint64      due_at,
              int         priority)
{
  NudgeFollowupSpec spec;
  gint64 contact_id;

  nudge_test_call_spec (&spec, title, due_at, nudge_test_add_brno_deal (store, &contact_id));
  spec.priority = priority;
  return nudge_test_create_followup (store, &spec);
}

static void
async_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

typedef gboolean (*Condition) (Fixture *f, gconstpointer data);

/* Runs the main context (where the application answers D-Bus) until
 * @condition holds; fails after five seconds. */
static void
spin_until (Fixture       *f,
            Condition      condition,
            gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!condition (f, data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
n_answered (Fixture *f, gconstpointer n)
{
  return portal_recorder_n_answered (f->portal) >= GPOINTER_TO_UINT (n);
}

/* Whether notification @id was added, with a title that begins with
 * @prefix. */
static gboolean
added_titled (Fixture       *f,
              gconstpointer  id,
              const char    *prefix)
{
  g_autoptr(PortalCall) call = portal_recorder_last (f->portal, "AddNotification", id);
  return call != NULL && (*prefix == '\0' || (call->title != NULL && g_str_has_prefix (call->title, prefix)));
}

static gboolean
added (Fixture *f, gconstpointer id)
{
  return added_titled (f, id, "");
}

/* Added again after its first AddNotification, with another title. */
static gboolean
added_again (Fixture *f, gconstpointer id)
{
  return added_titled (f, id, "“");
}

static gboolean
asked_again (Fixture *f, gconstpointer id)
{
  return added_titled (f, id, "The next step for");
}

static gboolean
withdrawn (Fixture *f, gconstpointer id)
{
  g_autoptr(PortalCall) call = portal_recorder_last (f->portal, "RemoveNotification", id);
  return call != NULL;
}

static gboolean
has_window (Fixture *f, gconstpointer data)
{
  return gtk_application_get_windows (GTK_APPLICATION (f->app)) != NULL;
}

static NudgeFollowup *
get_followup (Fixture *f,
              gint64   id)
{
  NudgeStore *store = nudge_application_get_store (f->app);

  g_assert_nonnull (store);
  return nudge_store_get_followup (store, id, NULL);
}

static void
assert_answered_without_error (Fixture *f,
                               guint    n)
{
  g_autofree char *error = NULL;

  spin_until (f, n_answered, GUINT_TO_POINTER (n));
  error = portal_recorder_dup_error (f->portal);
  g_assert_null (error);
}

static void
assert_button (Fixture    *f,
               PortalCall *call,
               const char *label,
               const char *action,
               GVariant   *target)
{
  g_autoptr(GVariant) expected = g_variant_ref_sink (target);

  for (guint i = 0; i < call->buttons->len; i++)
    {
      PortalButton *button = g_ptr_array_index (call->buttons, i);

      if (g_strcmp0 (button->label, label) != 0)
        continue;
      g_assert_cmpstr (button->action, ==, action);
      g_assert_nonnull (button->target);
      g_assert_true (g_variant_equal (button->target, expected));
      /* An action the application exports, taking that target. */
      g_assert_true (g_str_has_prefix (action, "app."));
      g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->app), action + strlen ("app.")));
      g_assert_true (g_variant_type_equal (g_action_group_get_action_parameter_type (G_ACTION_GROUP (f->app),
                                                                                      action + strlen ("app.")),
                                           g_variant_get_type (expected)));
      return;
    }
  g_assert_not_reached ();
}

/* One application for the whole story: a process that is registered on
 * the bus owns the name until it exits. */
static void
test_actions_reach_the_app_without_window (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PortalCall) call = NULL;
  g_autoptr(NudgeFollowup) fu = NULL;
  g_autofree char *call_id = NULL, *offer_id = NULL, *visit_id = NULL;
  gint64 earlier_done, earlier_snoozed, call_fu, offer_fu, visit_fu;
  NudgeStore *store;
  GList *windows;

  /* Started by D-Bus for GNOME Shell's search, with a follow-up overdue:
   * it answers, and shows no reminder (it quits a moment later, and its
   * notifications with it). */
  {
    g_autoptr(NudgeStore) earlier = nudge_store_open (f->path, &error);
    GDBusConnection *connection = g_application_get_dbus_connection (G_APPLICATION (f->app));
    g_autofree char *path = g_strconcat (g_application_get_dbus_object_path (G_APPLICATION (f->app)),
                                         "/SearchProvider", NULL);
    g_autoptr(GVariant) reply = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    gint64 deadline, licence_fu;

    g_assert_no_error (error);
    licence_fu = add_followup (earlier, "Call about the licence", nudge_test_prague (2026, 3, 2, 7, 0), 2);
    g_dbus_connection_call (connection, APPLICATION_ID, path, "org.gnome.Shell.SearchProvider2",
                            "GetInitialResultSet", g_variant_new ("(^as)", (const char *[]) { "licence", NULL }),
                            G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                            async_result_cb, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    reply = g_dbus_connection_call_finish (connection, result, &error);
    g_assert_no_error (error);
    deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
    while (g_get_monotonic_time () < deadline)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
    g_assert_cmpuint (portal_recorder_count (f->portal, "AddNotification"), ==, 0);
    /* Out of the way of what follows. */
    g_assert_true (nudge_followups_complete (earlier, licence_fu, 0, &error));
    g_assert_no_error (error);
  }

  /* Clicked on notifications that a process, since quit, showed: the
   * desktop starts the app for the click (here: registered, startup ran,
   * no reminders running yet) and activates the button's action. */
  {
    g_autoptr(NudgeStore) earlier = nudge_store_open (f->path, &error);

    g_assert_no_error (error);
    earlier_done = add_followup (earlier, "Call Jana about the offer", nudge_test_prague (2026, 3, 2, 8, 0), 2);
    earlier_snoozed = add_followup (earlier, "Send the revised offer", nudge_test_prague (2026, 3, 2, 8, 0), 2);
  }
  portal_recorder_activate (f->portal, "followup-1", "app.followup-done", g_variant_new_int64 (earlier_done));
  assert_answered_without_error (f, 1);
  fu = get_followup (f, earlier_done);
  g_assert_cmpstr (nudge_followup_get_status (fu), ==, "done");
  g_clear_object (&fu);
  g_assert_false (has_window (f, NULL));
  /* Its deal is left with nothing planned: the question follows. */
  {
    g_autofree char *question_id = g_strdup_printf ("next-step-%" G_GINT64_FORMAT, earlier_done);

    spin_until (f, added, question_id);
  }

  portal_recorder_activate (f->portal, "followup-2", "app.followup-snooze",
                            g_variant_new ("(xi)", earlier_snoozed, -1));
  assert_answered_without_error (f, 2);
  fu = get_followup (f, earlier_snoozed);
  g_assert_cmpint (nudge_followup_get_snoozed_until (fu), >, nudge_test_prague (2026, 3, 3, 0, 0));
  g_clear_object (&fu);
  g_assert_false (has_window (f, NULL));

  /* The book is open now, with the reminders running and still no window,
   * as with `nudge --background`. Three follow-ups come due at 10:00. */
  store = nudge_application_get_store (f->app);
  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 10, 0));
  call_fu = add_followup (store, "Call Jana about the offer", nudge_test_prague (2026, 3, 2, 10, 0), 3);
  offer_fu = add_followup (store, "Send the revised offer", nudge_test_prague (2026, 3, 2, 10, 0), 2);
  visit_fu = add_followup (store, "Book the site visit", nudge_test_prague (2026, 3, 2, 10, 0), 2);
  call_id = g_strdup_printf ("followup-%" G_GINT64_FORMAT, call_fu);
  offer_id = g_strdup_printf ("followup-%" G_GINT64_FORMAT, offer_fu);
  visit_id = g_strdup_printf ("followup-%" G_GINT64_FORMAT, visit_fu);
  spin_until (f, added, call_id);
  spin_until (f, added, offer_id);
  spin_until (f, added, visit_id);
  g_assert_false (has_window (f, NULL));
  /* The portal keeps them after the app quits: delivered for good, not
   * shown again at the next start as a reminder left on screen by
   * libnotify is (GNOME Shell drops those with the app). */
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (nudge_store_get_db (store), "SELECT COUNT(*), SUM(on_screen) FROM reminder_fired",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), >=, 3);
    g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 0);
    sqlite3_finalize (stmt);
  }

  call = portal_recorder_last (f->portal, "AddNotification", call_id);
  g_assert_nonnull (call);
  g_test_message ("AddNotification %s: %s | %s", call->id, call->title, call->body);
  g_assert_cmpstr (call->title, ==, "Call Jana about the offer");
  g_assert_nonnull (strstr (call->body, "Brno office fit-out"));
  g_assert_nonnull (strstr (call->body, "+420 601 234 567"));
  g_assert_cmpstr (call->priority, ==, "urgent");
  g_assert_cmpstr (call->default_action, ==, "app.open-followup");
  g_assert_nonnull (call->default_target);
  g_assert_cmpint (g_variant_get_int64 (call->default_target), ==, call_fu);
  /* Three buttons besides the default action (GNOME Shell shows no
   * more), worded as the app's snooze menu. */
  g_assert_cmpuint (call->buttons->len, ==, 3);
  assert_button (f, call, "Done", "app.followup-done", g_variant_new_int64 (call_fu));
  assert_button (f, call, "Snooze 1 hour", "app.followup-snooze", g_variant_new ("(xi)", call_fu, 60));
  assert_button (f, call, "Tomorrow morning", "app.followup-snooze", g_variant_new ("(xi)", call_fu, -1));
  g_assert_nonnull (strstr (call->body, "Due now"));

  /* Snooze 1 hour, 41 seconds into the minute: snoozed in the book to a
   * whole minute, the notification withdrawn. */
  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 10, 0) + 41);
  portal_recorder_click (f->portal, call_id, "Snooze 1 hour");
  assert_answered_without_error (f, 3);
  fu = get_followup (f, call_fu);
  g_assert_cmpint (nudge_followup_get_snoozed_until (fu), ==, nudge_test_prague (2026, 3, 2, 11, 0));
  g_clear_object (&fu);
  spin_until (f, withdrawn, call_id);
  g_assert_false (has_window (f, NULL));

  /* Done. */
  portal_recorder_click (f->portal, offer_id, "Done");
  assert_answered_without_error (f, 4);
  fu = get_followup (f, offer_fu);
  g_assert_cmpstr (nudge_followup_get_status (fu), ==, "done");
  g_clear_object (&fu);
  spin_until (f, withdrawn, offer_id);
  g_assert_false (has_window (f, NULL));
  g_assert_null (portal_recorder_last (f->portal, "RemoveNotification", visit_id));

  /* With no window, "What is the next step for …?": three buttons that
   * plan it with no window, and the notification itself opens the
   * prompt (GNOME Shell shows no more than three). */
  {
    g_autofree char *question_id = g_strdup_printf ("next-step-%" G_GINT64_FORMAT, offer_fu);
    g_autoptr(PortalCall) question = NULL;
    g_autoptr(GPtrArray) open = NULL;
    NudgeFollowup *next;

    spin_until (f, added, question_id);
    question = portal_recorder_last (f->portal, "AddNotification", question_id);
    g_assert_cmpstr (question->title, ==, "What is the next step for Brno office fit-out?");
    g_assert_nonnull (strstr (question->body, "Send the revised offer"));
    g_assert_cmpstr (question->default_action, ==, "app.next-step-pick");
    g_assert_cmpint (g_variant_get_int64 (question->default_target), ==, offer_fu);
    g_assert_cmpuint (question->buttons->len, ==, 3);
    assert_button (f, question, "Tomorrow", "app.next-step", g_variant_new ("(xi)", offer_fu, 1));
    assert_button (f, question, "In 3 days", "app.next-step", g_variant_new ("(xi)", offer_fu, 3));
    assert_button (f, question, "In a week", "app.next-step", g_variant_new ("(xi)", offer_fu, 7));

    /* Monday 10:00 + 3 days: Thursday, at the time of the one done. */
    portal_recorder_click (f->portal, question_id, "In 3 days");
    assert_answered_without_error (f, 5);
    spin_until (f, withdrawn, question_id);
    g_assert_false (has_window (f, NULL));
    fu = get_followup (f, offer_fu);
    open = nudge_store_list_followups (store, NUDGE_ENTITY_DEAL, nudge_followup_get_deal_id (fu), TRUE, NULL);
    g_clear_object (&fu);
    g_assert_cmpuint (open->len, ==, 1);
    next = g_ptr_array_index (open, 0);
    g_assert_cmpint (nudge_followup_get_due_at (next), ==, nudge_test_prague (2026, 3, 5, 10, 0));
    g_assert_cmpstr (nudge_followup_get_title (next), ==, "Send the revised offer");
  }

  /* A click on the notification itself opens the window on its deal. */
  portal_recorder_click (f->portal, visit_id, NULL);
  assert_answered_without_error (f, 6);
  spin_until (f, has_window, NULL);
  for (windows = gtk_application_get_windows (GTK_APPLICATION (f->app)); windows != NULL; windows = windows->next)
    if (NUDGE_IS_WINDOW (windows->data))
      break;
  g_assert_nonnull (windows);
  fu = get_followup (f, visit_fu);
  g_assert_cmpstr (nudge_followup_get_status (fu), ==, "open");
  g_clear_object (&fu);

  /* The window closed again; Done clicked while another program (an
   * import in nudge-cli) holds the book: not saved, and the reminder
   * comes back saying why, with its buttons to try again. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (f->app))) != NULL)
    gtk_window_destroy (windows->data);
  {
    g_autoptr(PortalCall) failed = NULL;
    sqlite3 *other = NULL;

    g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
    portal_recorder_click (f->portal, visit_id, "Done");
    assert_answered_without_error (f, 7);
    fu = get_followup (f, visit_fu);
    g_assert_cmpstr (nudge_followup_get_status (fu), ==, "open");
    g_clear_object (&fu);
    spin_until (f, added_again, visit_id);
    failed = portal_recorder_last (f->portal, "AddNotification", visit_id);
    g_assert_cmpstr (failed->title, ==, "“Book the site visit” is not marked done");
    g_assert_nonnull (strstr (failed->body, "locked by another program"));
    g_assert_cmpuint (failed->buttons->len, ==, 3);
    assert_button (f, failed, "Done", "app.followup-done", g_variant_new_int64 (visit_fu));

    /* The import is over: Done there is saved. */
    g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (other);
    portal_recorder_click (f->portal, visit_id, "Done");
    assert_answered_without_error (f, 8);
    fu = get_followup (f, visit_fu);
    g_assert_cmpstr (nudge_followup_get_status (fu), ==, "done");
    spin_until (f, withdrawn, visit_id);
  }

  /* Its deal has nothing planned: the question. Answered while the book
   * is held, it comes back saying why; answered again, it is planned. */
  {
    g_autofree char *question_id = g_strdup_printf ("next-step-%" G_GINT64_FORMAT, visit_fu);
    g_autoptr(PortalCall) again = NULL;
    g_autoptr(GPtrArray) open = NULL;
    sqlite3 *other = NULL;

    spin_until (f, added, question_id);
    g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
    portal_recorder_click (f->portal, question_id, "In 3 days");
    assert_answered_without_error (f, 9);
    spin_until (f, asked_again, question_id);
    again = portal_recorder_last (f->portal, "AddNotification", question_id);
    g_assert_cmpstr (again->title, ==, "The next step for Brno office fit-out is not planned");
    g_assert_nonnull (strstr (again->body, "locked by another program"));
    g_assert_cmpuint (again->buttons->len, ==, 3);
    assert_button (f, again, "In 3 days", "app.next-step", g_variant_new ("(xi)", visit_fu, 3));

    g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (other);
    portal_recorder_click (f->portal, question_id, "In 3 days");
    assert_answered_without_error (f, 10);
    open = nudge_store_list_followups (nudge_application_get_store (f->app), NUDGE_ENTITY_DEAL,
                                       nudge_followup_get_deal_id (fu), TRUE, NULL);
    g_assert_cmpuint (open->len, ==, 1);
    g_clear_object (&fu);
  }
}

int
main (int argc, char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "actions-reach-the-app-without-window", NUDGE_TEST_FUNC (test_actions_reach_the_app_without_window) },
  };

  int status;

  nudge_test_init_environment ("C");
  /* Configured as in the sandbox: libnotify's and GLib's portal switches. */
  bus = dbus_recorder_notify_bus (TRUE);

  gtk_test_init (&argc, &argv, NULL);

  nudge_test_add_table ("/ui/notify-portal/", Fixture, fixture_set_up, fixture_tear_down, cases);
  status = g_test_run ();

  dbus_recorder_private_bus_stop (bus);
  return status;
}
