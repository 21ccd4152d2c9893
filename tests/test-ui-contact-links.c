/* test-ui-contact-links.c — a call started from a contact's card is
 * offered for logging when the window is active again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <time.h>

#include "nudge-clock.h"
#include "nudge-contact-links.h"
#include "nudge-next-step-dialog.h"
#include "nudge-record-window.h"
#include "nudge-store.h"
#include "nudge-test-core.h"
#include "nudge-test-ui.h"

#define T0 1772442000 /* 2026-03-02 10:00 in Prague */

typedef struct
{
  char              *dir;
  char              *path;
  NudgeStore        *store;
  gint64             contact;
  NudgeRecordWindow *card;
  GtkWidget         *elsewhere;   /* another app, as far as focus goes */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(NudgeContact) contact = nudge_contact_new ();
  g_autoptr(GError) error = NULL;

  nudge_clock_pin (T0);
  f->store = nudge_test_book_open ("ui-links", &f->dir, &f->path);
  g_object_set (contact, "name", "Jan Novák", "phone", "+420 601 111 222", "email", "jan@firma.cz", NULL);
  f->contact = nudge_store_save_contact (f->store, contact, &error);
  g_assert_no_error (error);

  f->elsewhere = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->elsewhere), 200, 100);
  f->card = nudge_record_window_present (NULL, nudge_test_context (f->store, NULL), NUDGE_ENTITY_CONTACT, f->contact);
  gtk_window_set_default_size (GTK_WINDOW (f->card), 640, 560);
  nudge_test_spin (300);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  nudge_test_destroy_windows ();
  nudge_test_book_close (&f->store, &f->dir, &f->path);
}

static gboolean
is_row_with_subtitle (GtkWidget     *widget,
                      gconstpointer  subtitle)
{
  return ADW_IS_ACTION_ROW (widget) && g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), subtitle) == 0;
}

/* The user goes to the phone app and comes back: the card loses the
 * focus to another window, then gets it again. */
static void
leave_and_come_back (Fixture *f)
{
  gtk_window_present (GTK_WINDOW (f->elsewhere));
  for (guint i = 0; i < 40 && gtk_window_is_active (GTK_WINDOW (f->card)); i++)
    nudge_test_spin (50);
  g_assert_false (gtk_window_is_active (GTK_WINDOW (f->card)));
  gtk_window_present (GTK_WINDOW (f->card));
  for (guint i = 0; i < 40 && !gtk_window_is_active (GTK_WINDOW (f->card)); i++)
    nudge_test_spin (50);
  g_assert_true (gtk_window_is_active (GTK_WINDOW (f->card)));
  nudge_test_spin (300);
}

static void
test_call_logged (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  NudgeActivity *call;
  GtkWidget *row, *log;

  /* The phone row of the card opens the tel: link (not launched here). */
  row = nudge_test_find (GTK_WIDGET (f->card), NUDGE_TEST_ANY, is_row_with_subtitle, "+420 601 111 222");
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activated");
  nudge_test_spin (100);
  g_assert_null (nudge_test_find_button (GTK_WIDGET (f->card), "_Log"));

  nudge_clock_pin (T0 + 15 * 60);
  leave_and_come_back (f);
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (f->card), "Log call with Jan Novák?"));
  if (g_getenv ("NUDGE_TEST_SHOTS") != NULL)
    {
      nudge_test_spin (500);  /* the toast's entrance */
      nudge_test_save_shot (GTK_WIDGET (f->card), "call-toast.png");
    }
  log = nudge_test_wait_button (GTK_WIDGET (f->card), "_Log");
  g_signal_emit_by_name (log, "clicked");
  nudge_test_spin (300);

  history = nudge_store_list_activities (f->store, NUDGE_ENTITY_CONTACT, f->contact, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  call = g_ptr_array_index (history, 0);
  g_assert_cmpstr (nudge_activity_get_kind (call), ==, "call");
  g_assert_cmpint (nudge_activity_get_direction (call), ==, NUDGE_DIRECTION_OUT);
  g_assert_cmpint (nudge_activity_get_occurred_at (call), ==, T0 + 15 * 60);
  g_assert_cmpstr (nudge_activity_get_summary (call), ==, "Call with Jan Novák");

  /* Nothing is planned for him: the next step is asked at once. */
  nudge_test_close_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG);

  /* Offered once per link. */
  leave_and_come_back (f);
  g_assert_null (nudge_test_find_label (GTK_WIDGET (f->card), "Log call with Jan Novák?"));

  /* Undo takes the call back. */
  g_signal_emit_by_name (nudge_test_wait_button (GTK_WIDGET (f->card), "_Undo"), "clicked");
  nudge_test_spin (200);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = nudge_store_list_activities (f->store, NUDGE_ENTITY_CONTACT, f->contact, &error);
  g_assert_cmpuint (history->len, ==, 0);
}

static void
test_email_closes_followup_and_undo_reopens (Fixture       *f,
                                             gconstpointer  data)
{
  g_autoptr(NudgeFollowup) followup = nudge_followup_new ();
  g_autoptr(NudgeFollowup) after = NULL;
  g_autoptr(NudgeFollowup) back = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;
  gint64 id;

  g_object_set (followup, "title", "Send the offer", "kind", "email", "due-at", (gint64) T0 - 3600,
                "contact-id", f->contact, NULL);
  id = nudge_store_save_followup (f->store, followup, &error);
  g_assert_no_error (error);

  row = nudge_test_find (GTK_WIDGET (f->card), NUDGE_TEST_ANY, is_row_with_subtitle, "jan@firma.cz");
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activated");
  leave_and_come_back (f);
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (f->card), "Log e-mail to Jan Novák?"));
  g_signal_emit_by_name (nudge_test_wait_button (GTK_WIDGET (f->card), "_Log"), "clicked");
  nudge_test_spin (300);
  after = nudge_store_get_followup (f->store, id, &error);
  g_assert_cmpstr (nudge_followup_get_status (after), ==, "done");
  if (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG) != NULL)
    gtk_window_destroy (GTK_WINDOW (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG)));

  g_signal_emit_by_name (nudge_test_wait_button (GTK_WIDGET (f->card), "_Undo"), "clicked");
  nudge_test_spin (200);
  back = nudge_store_get_followup (f->store, id, &error);
  g_assert_cmpstr (nudge_followup_get_status (back), ==, "open");
  g_assert_cmpint (nudge_followup_get_done_at (back), ==, 0);
}

static void
test_too_late (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) history = NULL;

  g_assert_true (nudge_contact_links_remember (GTK_WINDOW (f->card), NULL, nudge_test_context (f->store, NULL), f->contact, 0, "tel:+420601111222"));
  g_assert_false (nudge_contact_links_remember (GTK_WINDOW (f->card), NULL, nudge_test_context (f->store, NULL), f->contact, 0, "https://example.com"));
  g_signal_emit_by_name (nudge_test_find (GTK_WIDGET (f->card), NUDGE_TEST_ANY, is_row_with_subtitle, "+420 601 111 222"), "activated");
  nudge_clock_pin (T0 + NUDGE_CONTACT_LINK_MAX_AGE + 60);
  leave_and_come_back (f);
  g_assert_null (nudge_test_find_button (GTK_WIDGET (f->card), "_Log"));
  history = nudge_store_list_activities (f->store, NUDGE_ENTITY_CONTACT, f->contact, NULL);
  g_assert_cmpuint (history->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "call-logged", NUDGE_TEST_FUNC (test_call_logged) },
    { "email-closes-followup", NUDGE_TEST_FUNC (test_email_closes_followup_and_undo_reopens) },
    { "too-late", NUDGE_TEST_FUNC (test_too_late) },
  };

  g_setenv ("NUDGE_NO_LAUNCH", "1", TRUE);
  nudge_test_ui_init (&argc, &argv, NULL);

  nudge_test_add_table ("/ui/contact-links/", Fixture, fixture_set_up, fixture_tear_down, cases);

  return g_test_run ();
}
