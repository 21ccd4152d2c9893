/* test-ui-today.c — the Today view on a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "nudge-clock.h"
#include "nudge-date-time-entry.h"
#include "nudge-followup-editor.h"
#include "nudge-followups.h"
#include "nudge-insights-view.h"
#include "nudge-item-row.h"
#include "nudge-next-step-dialog.h"
#include "nudge-store.h"
#include "nudge-test-core.h"
#include "nudge-today-view.h"
#include "nudge-test-ui.h"

#define TZID "Europe/Prague"

typedef struct
{
  NudgeTestBook book;
  GtkWidget  *window;
  GtkWidget  *view;
  gint64      deal_a;
  gint64      deal_b;
  gint64      overdue_id;
  gint64      today_id;
  gint64      weekly_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *overlay;

  /* Monday 2026-03-02 10:00 in Prague */
  nudge_test_book_open_at (&f->book, "ui-today", nudge_test_prague (2026, 3, 2, 10, 0));

  f->deal_a = nudge_test_add_deal (f->book.store, "title", "Hotel Praha renovation", NULL);
  f->deal_b = nudge_test_add_deal (f->book.store, "title", "Brno fleet tracking", NULL);
  f->overdue_id = nudge_test_add_followup (f->book.store, f->deal_a, "Call about the offer", nudge_test_prague (2026, 3, 1, 9, 0), NULL);
  f->today_id = nudge_test_add_followup (f->book.store, f->deal_a, "Send the contract", nudge_test_prague (2026, 3, 2, 15, 30), NULL);
  f->weekly_id = nudge_test_add_followup (f->book.store, 0, "Pipeline review", nudge_test_prague (2026, 3, 4, 9, 0),
                               "FREQ=WEEKLY;BYDAY=WE");

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 700);
  f->view = nudge_today_view_new (nudge_test_context (f->book.store, NULL));
  /* Toasts, with their Undo, show as in the app's window. */
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), f->view);
  gtk_window_set_child (GTK_WINDOW (f->window), overlay);
  gtk_window_present (GTK_WINDOW (f->window));
  /* Every spin also waits for the sections to show the latest change:
   * on a busy machine the worker answers later than any fixed wait. */
  nudge_test_set_busy_check (nudge_test_today_busy, f->view);
  nudge_test_spin (300);
}

static void
test_sections (Fixture       *f,
               gconstpointer  data)
{
  g_assert_nonnull (nudge_test_find_label (f->view, "Overdue · 1"));
  g_assert_nonnull (nudge_test_find_label (f->view, "Today · 1"));
  g_assert_nonnull (nudge_test_find_label (f->view, "Next 7 Days · 1"));
  g_assert_nonnull (nudge_test_find_label (f->view, "1 Deal With No Next Step"));
  g_assert_nonnull (nudge_test_find_label (f->view, "Call about the offer"));
  g_assert_nonnull (nudge_test_find_label (f->view, "Send the contract"));
  g_assert_nonnull (nudge_test_find_label (f->view, "Pipeline review"));
  g_assert_nonnull (nudge_test_find_label (f->view, "Brno fleet tracking"));
  g_assert_cmpuint (nudge_today_view_get_overdue_count (NUDGE_TODAY_VIEW (f->view)), ==, 1);

  /* A change in the store shows up without a manual refresh. */
  nudge_test_add_followup (f->book.store, f->deal_b, "Demo for Brno", nudge_test_prague (2026, 3, 2, 11, 0), NULL);
  nudge_test_spin (400);
  g_assert_nonnull (nudge_test_find_label (f->view, "Today · 2"));
  g_assert_null (nudge_test_find_label (f->view, "1 Deal With No Next Step"));
}

/* An all-day follow-up kept in Prague for tomorrow is tomorrow's also on
 * a computer in New York, where its day starts at 18:00 today: in the
 * next seven days, not in Today. */
static void
test_all_day_other_zone (Fixture       *f,
                         gconstpointer  data)
{
  NudgeFollowupSpec spec;

  g_setenv ("TZ", "America/New_York", TRUE);
  nudge_test_call_spec (&spec, "Trade fair", nudge_test_prague (2026, 3, 3, 0, 0), f->deal_b);
  spec.all_day = TRUE;
  nudge_test_create_followup (f->book.store, &spec);
  nudge_test_spin (400);
  g_assert_nonnull (nudge_test_find_label (f->view, "Trade fair"));
  g_assert_nonnull (nudge_test_find_label (f->view, "Today · 1"));
  g_assert_nonnull (nudge_test_find_label (f->view, "Next 7 Days · 2"));
  g_setenv ("TZ", TZID, TRUE);
}

/* Done on @id's row, its occurrence starting at @start: the follow-up's
 * status after it. */
static const char *
done_row (Fixture *f,
          gint64   id,
          gint64   start)
{
  g_autoptr(NudgeFollowup) after = NULL;

  g_assert_true (gtk_widget_activate_action (f->view, "today.done", "(xx)", id, start));
  nudge_test_spin (300);
  after = nudge_store_get_followup (f->book.store, id, NULL);
  return g_intern_string (nudge_followup_get_status (after));
}

/* Done asks what comes next only when it leaves the deal with nothing
 * planned: not while another step is, not for a series that goes on. */
static void
test_done_next_step (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) open = NULL;
  NudgeFollowup *next;
  NudgeNextStepDialog *dialog;

  /* The deal still has today's contract. */
  g_assert_cmpstr (done_row (f, f->overdue_id, nudge_test_prague (2026, 3, 1, 9, 0)), ==, "done");
  g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG));
  g_assert_cmpuint (nudge_today_view_get_overdue_count (NUDGE_TODAY_VIEW (f->view)), ==, 0);

  /* The review is there again next Wednesday. */
  g_assert_cmpstr (done_row (f, f->weekly_id, nudge_test_prague (2026, 3, 4, 9, 0)), ==, "open");
  g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG));

  /* The deal's last step: what comes next? */
  g_assert_cmpstr (done_row (f, f->today_id, nudge_test_prague (2026, 3, 2, 15, 30)), ==, "done");
  dialog = (NudgeNextStepDialog *) nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (nudge_test_click_button (GTK_WIDGET (dialog), "In _3 Days"));
  nudge_test_spin (300);
  g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG));

  open = nudge_store_list_followups (f->book.store, NUDGE_ENTITY_DEAL, f->deal_a, TRUE, NULL);
  g_assert_cmpuint (open->len, ==, 1);
  next = g_ptr_array_index (open, 0);
  /* Three days from today, at the time of the completed one. */
  g_assert_cmpint (nudge_followup_get_due_at (next), ==, nudge_test_prague (2026, 3, 5, 15, 30));
  g_assert_cmpstr (nudge_followup_get_title (next), ==, "Send the contract");
  g_assert_nonnull (nudge_test_find_label (f->view, "Next 7 Days · 1"));
}

/* Done, Snooze and Skip each show a toast whose Undo puts the follow-up
 * back and its row with it; an Undo after another change refuses and
 * says so. */
static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(NudgeFollowup) done = NULL;
  g_autoptr(NudgeFollowup) back = NULL;
  g_autoptr(NudgeFollowup) snoozed = NULL;
  g_autoptr(NudgeFollowup) skipped = NULL;
  g_autoptr(NudgeFollowup) kept = NULL;
  g_autoptr(GError) error = NULL;
  NudgeFollowupSpec spec;

  g_assert_true (gtk_widget_activate_action (f->view, "today.done", "(xx)",
                                             f->overdue_id, nudge_test_prague (2026, 3, 1, 9, 0)));
  nudge_test_spin (300);
  done = nudge_test_get_followup (f->book.store, f->overdue_id);
  g_assert_cmpstr (nudge_followup_get_status (done), ==, "done");
  g_assert_null (nudge_test_find_label (f->view, "Call about the offer"));
  /* The deal has its contract today: nothing to ask. */
  g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG));
  g_assert_nonnull (nudge_test_find_label (f->window, "“Call about the offer” done"));
  g_assert_true (nudge_test_click_button (f->window, "_Undo"));
  nudge_test_spin (400);
  back = nudge_test_get_followup (f->book.store, f->overdue_id);
  g_assert_cmpstr (nudge_followup_get_status (back), ==, "open");
  g_assert_nonnull (nudge_test_find_label (f->view, "Call about the offer"));
  g_assert_nonnull (nudge_test_find_label (f->view, "Overdue · 1"));

  /* Snooze till tomorrow morning (09:00), and back. */
  g_assert_true (gtk_widget_activate_action (f->view, "today.snooze", "(xxi)",
                                             f->today_id, nudge_test_prague (2026, 3, 2, 15, 30),
                                             (int) NUDGE_SNOOZE_TOMORROW));
  nudge_test_spin (300);
  snoozed = nudge_test_get_followup (f->book.store, f->today_id);
  g_assert_cmpint (nudge_followup_get_snoozed_until (snoozed), ==, nudge_test_prague (2026, 3, 3, 9, 0));
  g_assert_true (nudge_test_click_button (f->window, "_Undo"));
  nudge_test_spin (400);
  g_clear_object (&snoozed);
  snoozed = nudge_test_get_followup (f->book.store, f->today_id);
  g_assert_cmpint (nudge_followup_get_snoozed_until (snoozed), ==, 0);
  g_assert_nonnull (nudge_test_find_label (f->view, "Today · 1"));

  /* Skip this week's review; another change comes before the Undo. */
  g_assert_true (gtk_widget_activate_action (f->view, "today.skip", "(xx)",
                                             f->weekly_id, nudge_test_prague (2026, 3, 4, 9, 0)));
  nudge_test_spin (300);
  skipped = nudge_test_get_followup (f->book.store, f->weekly_id);
  g_assert_cmpstr (nudge_followup_get_exdates (skipped), !=, "");
  nudge_followup_spec_from_followup (&spec, skipped);
  spec.title = "Pipeline and forecast review";
  g_assert_true (nudge_followups_update (f->book.store, f->weekly_id, &spec, &error));
  g_assert_no_error (error);
  g_assert_true (nudge_test_click_button (f->window, "_Undo"));
  /* Said once the Undo toast, just shown, has slid in and gone. */
  nudge_test_spin (900);
  kept = nudge_test_get_followup (f->book.store, f->weekly_id);
  g_assert_cmpstr (nudge_followup_get_title (kept), ==, "Pipeline and forecast review");
  g_assert_cmpstr (nudge_followup_get_exdates (kept), !=, "");
  g_assert_nonnull (nudge_test_find_label (f->window, "Could not undo: The follow-up was changed since; "
                                                      "undoing would lose that change"));
}

static gboolean
is_label_prefixed (GtkWidget     *widget,
                   gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix);
}

/* Snooze All, from the Overdue heading: every overdue follow-up to
 * tomorrow morning in one go, and back with one Undo. */
static void
test_snooze_all (Fixture       *f,
                 gconstpointer  data)
{
  gint64 other = nudge_test_add_followup (f->book.store, f->deal_b, "Chase the invoice",
                                          nudge_test_prague (2026, 2, 27, 16, 0), NULL);
  GtkWidget *button = nudge_test_find_named (f->view, "snooze-all");
  g_autoptr(NudgeFollowup) first = NULL;
  g_autoptr(NudgeFollowup) second = NULL;
  g_autoptr(NudgeFollowup) today = NULL;
  GMenuModel *menu;

  nudge_test_spin (300);
  g_assert_nonnull (nudge_test_find_label (f->view, "Overdue · 2"));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_drawable (button));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);

  g_assert_true (gtk_widget_activate_action (f->view, "today.snooze-overdue", "i", (int) NUDGE_SNOOZE_TOMORROW));
  nudge_test_spin (600);
  first = nudge_test_get_followup (f->book.store, f->overdue_id);
  second = nudge_test_get_followup (f->book.store, other);
  today = nudge_test_get_followup (f->book.store, f->today_id);
  g_assert_cmpint (nudge_followup_get_snoozed_until (first), ==, nudge_test_prague (2026, 3, 3, 9, 0));
  g_assert_cmpint (nudge_followup_get_snoozed_until (second), ==, nudge_test_prague (2026, 3, 3, 9, 0));
  g_assert_cmpint (nudge_followup_get_snoozed_until (today), ==, 0);
  g_assert_cmpuint (nudge_today_view_get_overdue_count (NUDGE_TODAY_VIEW (f->view)), ==, 0);
  g_assert_null (nudge_test_find_label (f->view, "Overdue · 2"));
  g_assert_nonnull (nudge_test_find (f->window, NUDGE_TEST_ANY, is_label_prefixed, "2 follow-ups snoozed until "));

  g_assert_true (nudge_test_click_button (f->window, "_Undo"));
  nudge_test_spin (400);
  g_clear_object (&first);
  g_clear_object (&second);
  first = nudge_test_get_followup (f->book.store, f->overdue_id);
  second = nudge_test_get_followup (f->book.store, other);
  g_assert_cmpint (nudge_followup_get_snoozed_until (first), ==, 0);
  g_assert_cmpint (nudge_followup_get_snoozed_until (second), ==, 0);
  g_assert_nonnull (nudge_test_find_label (f->view, "Overdue · 2"));
}

static gboolean
is_drawn_list (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_LIST_BOX (widget) && gtk_widget_get_mapped (widget);
}

/* D on the focused row: the next row has the focus after it, so that D
 * goes on down the list; the deal's last step asks what comes next. */
static void
test_keyboard_done (Fixture       *f,
                    gconstpointer  data)
{
  GtkListBox *list = GTK_LIST_BOX (nudge_test_find (f->view, NUDGE_TEST_ANY, is_drawn_list, NULL));
  GtkWidget *row = list ? GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)) : NULL;
  g_autoptr(NudgeFollowup) done = NULL;
  g_autoptr(NudgeFollowup) contract = NULL;
  GtkWidget *focus;

  /* The first row of the first list is the overdue call. */
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_grab_focus (row));
  g_assert_true (nudge_test_press_shortcut (f->view, "d"));
  nudge_test_spin (300);
  done = nudge_store_get_followup (f->book.store, f->overdue_id, NULL);
  g_assert_cmpstr (nudge_followup_get_status (done), ==, "done");
  g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG));

  /* The Overdue list is empty: the first row of Today's has the focus. */
  focus = gtk_window_get_focus (GTK_WINDOW (f->window));
  g_assert_nonnull (focus);
  g_assert_true (nudge_item_row_lookup (focus, NUDGE_TYPE_OCCURRENCE) != NULL);
  g_assert_cmpint (nudge_followup_get_id (nudge_occurrence_get_followup (
                     nudge_item_row_lookup (focus, NUDGE_TYPE_OCCURRENCE))), ==, f->today_id);

  g_assert_true (nudge_test_press_shortcut (f->view, "d"));
  nudge_test_spin (300);
  contract = nudge_store_get_followup (f->book.store, f->today_id, NULL);
  g_assert_cmpstr (nudge_followup_get_status (contract), ==, "done");
  g_assert_nonnull (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG));
  g_assert_true (nudge_test_click_button (GTK_WIDGET (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG)), "_No Next Step"));
  nudge_test_spin (200);
  g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG));
}

static gboolean
focus_in_row (gpointer window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) != NULL;
}

/* The app opens on Today with the keyboard on the first row to do, not
 * on the header bar's first button. */
static void
test_open_focus (Fixture       *f,
                 gconstpointer  data)
{
  NudgeWindow *window = nudge_test_window_new (f->book.store, "today", 1100, 760);
  GtkWidget *focus, *row;

  /* Once its rows are read and drawn, later on a busy machine */
  nudge_test_wait_until (focus_in_row, window);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;
  g_assert_nonnull (row);
  g_assert_nonnull (nudge_test_find (row, NUDGE_TEST_ANY, nudge_test_reads, "Call about the offer"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A hot lead's rows say so, as its card does. */
static void
test_temperature (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(NudgeDeal) deal = nudge_store_get_deal (f->book.store, f->deal_a, NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *pill;

  g_assert_null (nudge_test_find_label (f->view, "Hot"));
  g_object_set (deal, "temperature", "hot", NULL);
  g_assert_cmpint (nudge_store_save_deal (f->book.store, deal, &error), ==, f->deal_a);
  nudge_test_spin (400);
  pill = nudge_test_find_label (f->view, "Hot");
  g_assert_nonnull (pill);
  g_assert_true (gtk_widget_has_css_class (pill, "hot"));
  g_assert_nonnull (gtk_widget_get_ancestor (pill, GTK_TYPE_LIST_BOX_ROW));
}

static gboolean
focus_on_insights_control (gpointer window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && !NUDGE_IS_INSIGHTS_VIEW (focus) &&
         gtk_widget_get_ancestor (focus, NUDGE_TYPE_INSIGHTS_VIEW) != NULL;
}

/* Switching to Today (Alt+1) puts the keyboard on its first row, so
 * that D, S and R act at once; another view gets it too, and a view
 * switched to before its content is in (Insights, computing) gives it
 * to its first control once it is, not to the header bar. */
static void
test_switch_focus (Fixture       *f,
                   gconstpointer  data)
{
  NudgeWindow *window = nudge_test_window_new (f->book.store, "pipeline", 1100, 760);
  GtkWidget *focus, *row;

  nudge_test_spin (300);
  gtk_widget_grab_focus (nudge_test_find_named (GTK_WIDGET (window), "add-button"));
  nudge_window_show_view (window, "today");
  /* The view may still be taking its rows in: it focuses the first once
   * they are shown. */
  nudge_test_wait_until (focus_in_row, window);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;
  g_assert_nonnull (row);
  g_assert_nonnull (nudge_test_find (row, NUDGE_TEST_ANY, nudge_test_reads, "Call about the offer"));

  nudge_window_show_view (window, "list");
  nudge_test_spin (300);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, NUDGE_TYPE_LIST_VIEW));

  nudge_window_show_view (window, "insights");
  nudge_test_wait_until (focus_on_insights_control, window);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A narrow window keeps Done and the row's menu; Snooze moves into it. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  GtkListBox *list = GTK_LIST_BOX (nudge_test_find (f->view, NUDGE_TEST_ANY, is_drawn_list, NULL));
  GtkWidget *row = list ? GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)) : NULL;
  GtkWidget *more;

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (nudge_test_find_named (row, "snooze")));
  g_assert_true (gtk_widget_get_visible (nudge_test_find_named (row, "reschedule")));

  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 400, 700);
  f->view = nudge_today_view_new (nudge_test_context (f->book.store, NULL));
  nudge_test_set_busy_check (nudge_test_today_busy, f->view);
  gtk_window_set_child (GTK_WINDOW (f->window), f->view);
  gtk_window_present (GTK_WINDOW (f->window));
  nudge_test_spin (300);

  list = GTK_LIST_BOX (nudge_test_find (f->view, NUDGE_TEST_ANY, is_drawn_list, NULL));
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0));
  g_assert_false (gtk_widget_get_visible (nudge_test_find_named (row, "snooze")));
  g_assert_false (gtk_widget_get_visible (nudge_test_find_named (row, "reschedule")));
  more = nudge_test_find_named (row, "more");
  g_assert_true (gtk_widget_get_visible (more));

  /* S opens the row's menu, which has the snooze presets. */
  g_assert_true (gtk_widget_grab_focus (row));
  g_assert_true (gtk_widget_activate_action (f->view, "today.key", "s", "snooze"));
  nudge_test_wait_until (nudge_test_menu_shown, more);
  {
    GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (more));
    gboolean has_snooze = FALSE;

    for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
      {
        g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

        for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section); i++)
          {
            g_autofree char *label = NULL;
            g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (section, i, G_MENU_LINK_SUBMENU);

            g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
            if (g_strcmp0 (label, "_Snooze") == 0 && submenu != NULL && g_menu_model_get_n_items (submenu) > 0)
              has_snooze = TRUE;
          }
      }
    g_assert_true (has_snooze);
  }
  gtk_menu_button_popdown (GTK_MENU_BUTTON (more));
}

static void
test_log_call (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(NudgeFollowup) done = NULL;

  g_assert_true (gtk_widget_activate_action (f->view, "today.log", "(xxs)",
                                             f->today_id, nudge_test_prague (2026, 3, 2, 15, 30), "call"));
  nudge_test_spin (300);
  done = nudge_store_get_followup (f->book.store, f->today_id, NULL);
  g_assert_cmpstr (nudge_followup_get_status (done), ==, "done");
  activities = nudge_store_list_activities (f->book.store, NUDGE_ENTITY_DEAL, f->deal_a, NULL);
  g_assert_cmpuint (activities->len, ==, 1);
  g_assert_cmpstr (nudge_activity_get_kind (g_ptr_array_index (activities, 0)), ==, "call");
  g_assert_cmpstr (nudge_activity_get_summary (g_ptr_array_index (activities, 0)), ==, "Send the contract");
  /* The overdue call is still the deal's next step. */
  g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG));
  g_assert_null (nudge_test_find_label (f->view, "Send the contract"));
  g_assert_nonnull (nudge_test_find_label (f->view, "Overdue · 1"));

  /* Undo takes back the call and the Done together. */
  g_assert_nonnull (nudge_test_find_label (f->window, "Call logged"));
  g_assert_true (nudge_test_click_button (f->window, "_Undo"));
  nudge_test_spin (400);
  g_clear_object (&done);
  done = nudge_test_get_followup (f->book.store, f->today_id);
  g_assert_cmpstr (nudge_followup_get_status (done), ==, "open");
  g_clear_pointer (&activities, g_ptr_array_unref);
  activities = nudge_store_list_activities (f->book.store, NUDGE_ENTITY_DEAL, f->deal_a, NULL);
  g_assert_cmpuint (activities->len, ==, 0);
  g_assert_nonnull (nudge_test_find_label (f->view, "Send the contract"));
}

/* The open follow-ups of @deal_id. */
static GPtrArray *
open_followups (Fixture *f,
                gint64   deal_id)
{
  GPtrArray *open = nudge_store_list_followups (f->book.store, NUDGE_ENTITY_DEAL, deal_id, TRUE, NULL);

  g_assert_nonnull (open);
  return open;
}

static gboolean
next_step_asked (gpointer data)
{
  return nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG) != NULL;
}

/* Answers the question that followed a Done with Tomorrow; the deal
 * then has that step alone. The question comes once the frame without
 * the done row is painted, later on a busy machine. */
static void
answer_tomorrow (Fixture *f,
                 gint64   deal_id)
{
  g_autoptr(GPtrArray) open = NULL;
  GtkWindow *dialog;

  nudge_test_wait_until (next_step_asked, NULL);
  dialog = nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG);
  g_assert_true (nudge_test_click_button (GTK_WIDGET (dialog), "_Tomorrow"));
  nudge_test_spin (300);
  g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG));
  open = open_followups (f, deal_id);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpint (nudge_followup_get_due_at (g_ptr_array_index (open, 0)), ==, nudge_test_prague (2026, 3, 3, 9, 0));
}

/* Deal B's overdue "Send the offer to James Smith" (1 March, 09:00),
 * shown beside the follow-up it had, marked Done on its row. */
static gint64
done_overdue_offer (Fixture *f)
{
  gint64 offer = nudge_test_add_followup (f->book.store, f->deal_b, "Send the offer to James Smith",
                                          nudge_test_prague (2026, 3, 1, 9, 0), NULL);

  nudge_test_spin (400);
  g_assert_nonnull (nudge_test_find_label (f->view, "Overdue · 2"));
  g_assert_cmpstr (done_row (f, offer, nudge_test_prague (2026, 3, 1, 9, 0)), ==, "done");
  return offer;
}

/* The toast's Undo: deal B is left with @offer alone, open. */
static void
undo_to_offer (Fixture *f,
               gint64   offer)
{
  g_autoptr(GPtrArray) open = NULL;

  g_assert_true (nudge_test_click_button (f->window, "_Undo"));
  nudge_test_spin (400);
  open = open_followups (f, f->deal_b);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpint (nudge_followup_get_id (g_ptr_array_index (open, 0)), ==, offer);
  g_assert_cmpstr (nudge_followup_get_status (g_ptr_array_index (open, 0)), ==, "open");
}

/* Undo of a Done (or a logged call) that asked for the next step takes
 * the step back too: the deal is left with the follow-up it had, not
 * with two. The toast names the follow-up. */
static void
test_done_next_step_undo (Fixture       *f,
                          gconstpointer  data)
{
  gint64 offer = done_overdue_offer (f);

  answer_tomorrow (f, f->deal_b);
  g_assert_nonnull (nudge_test_find_label (f->window, "“Send the offer to James Smith” done"));
  undo_to_offer (f, offer);
  g_assert_nonnull (nudge_test_find_label (f->view, "Overdue · 2"));
  g_assert_nonnull (nudge_test_find_label (f->view, "Next 7 Days · 1"));

  /* Logging the call closes it too; its Undo takes back the step. */
  g_assert_true (gtk_widget_activate_action (f->view, "today.log", "(xxs)",
                                             offer, nudge_test_prague (2026, 3, 1, 9, 0), "call"));
  nudge_test_spin (300);
  answer_tomorrow (f, f->deal_b);
  g_assert_nonnull (nudge_test_find_label (f->window, "Call logged"));
  undo_to_offer (f, offer);
  g_assert_nonnull (nudge_test_find_label (f->view, "Overdue · 2"));
}

/* Undo of a Done while its question is still open: the follow-up is
 * back, and the question, about a follow-up no longer done, goes
 * without planning a step; the deal keeps the one follow-up it had. */
static void
test_undo_while_asked (Fixture       *f,
                       gconstpointer  data)
{
  gint64 offer = done_overdue_offer (f);

  nudge_test_wait_until (next_step_asked, NULL);
  undo_to_offer (f, offer);
  /* Were it left open, its answer would plan a second step beside the
   * follow-up put back. */
  g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG));
  g_assert_nonnull (nudge_test_find_label (f->view, "Overdue · 2"));
}

static gboolean
is_row_prefixed (GtkWidget     *widget,
                 gconstpointer  title_prefix)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title_prefix);
}

#define find_row(widget, title_prefix) nudge_test_find ((widget), NUDGE_TEST_ANY, is_row_prefixed, (title_prefix))

static void
test_editor_rule (Fixture       *f,
                  gconstpointer  data)
{
  NudgeFollowupEditor *editor = nudge_followup_editor_present (GTK_WINDOW (f->window), nudge_test_context (f->book.store, NULL), NULL, 0,
                                                               f->deal_b, 0);
  g_autoptr(GPtrArray) created = NULL;

  nudge_test_spin (200);
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (editor), "Title")), "Monthly review");
  /* Custom rule (RRULE), typed */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (editor), "Repeat")), 8);
  nudge_test_spin (50);
  g_assert_true (gtk_widget_get_visible (find_row (GTK_WIDGET (editor), "Rule")));
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (editor), "Rule")), "FREQ=HOURLY");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  nudge_test_spin (100);

  /* Refused, with the reason, and nothing saved. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (editor), "FREQ=HOURLY is not supported"));
  created = nudge_store_list_followups (f->book.store, NUDGE_ENTITY_DEAL, f->deal_b, FALSE, NULL);
  g_assert_cmpuint (created->len, ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (editor), "Rule")), "FREQ=MONTHLY;BYMONTHDAY=-1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  nudge_test_spin (200);
  g_clear_pointer (&created, g_ptr_array_unref);
  created = nudge_store_list_followups (f->book.store, NUDGE_ENTITY_DEAL, f->deal_b, FALSE, NULL);
  g_assert_cmpuint (created->len, ==, 1);
  g_assert_cmpstr (nudge_followup_get_rrule (g_ptr_array_index (created, 0)), ==, "FREQ=MONTHLY;BYMONTHDAY=-1");
  g_assert_cmpstr (nudge_followup_get_title (g_ptr_array_index (created, 0)), ==, "Monthly review");
  /* Tomorrow at 09:00 by default */
  g_assert_cmpint (nudge_followup_get_due_at (g_ptr_array_index (created, 0)), ==, nudge_test_prague (2026, 3, 3, 9, 0));
  g_assert_null (nudge_test_find_label (f->view, "1 Deal With No Next Step"));
}

/* Saves @editor (watched by a weak pointer), waits until it is gone, and
 * reads the deal's one follow-up anew into @saved. */
static void
save_editor (Fixture              *f,
             NudgeFollowupEditor **editor,
             NudgeFollowup       **saved)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (*editor), "editor.save", NULL));
  nudge_test_spin (200);
  nudge_test_wait_gone ((gpointer *) editor);
  g_clear_object (saved);
  *saved = nudge_test_only_followup (f->book.store, f->deal_b, FALSE);
}

/* Any visible text (label or row title/subtitle) that contains @part. */
static gboolean
is_text_containing (GtkWidget     *widget,
                    gconstpointer  part)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), part) != NULL)
    return TRUE;
  return ADW_IS_ACTION_ROW (widget) && adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) != NULL &&
         strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), part) != NULL;
}

/* Ends: Never, On a date or After a number of times — never "0 times",
 * and the rule said in words, the RRULE only behind Advanced. */
static void
test_editor_ends (Fixture       *f,
                  gconstpointer  data)
{
  NudgeFollowupEditor *editor = nudge_followup_editor_present (GTK_WINDOW (f->window), nudge_test_context (f->book.store, NULL), NULL, 0,
                                                               f->deal_b, 0);
  GtkWidget *repeat, *ends, *count, *summary;
  GtkSpinButton *spin;
  g_autoptr(NudgeFollowup) saved = NULL;

  nudge_test_spin (200);
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (editor), "Title")), "Daily stand-up");
  repeat = find_row (GTK_WIDGET (editor), "Repeat");
  ends = find_row (GTK_WIDGET (editor), "Ends");
  count = find_row (GTK_WIDGET (editor), "Number of times");
  summary = find_row (GTK_WIDGET (editor), "Repeats");
  g_assert_nonnull (ends);
  g_assert_false (gtk_widget_get_visible (ends));
  g_assert_false (gtk_widget_get_visible (summary));

  adw_combo_row_set_selected (ADW_COMBO_ROW (repeat), 1);
  nudge_test_spin (50);
  g_assert_true (gtk_widget_get_visible (ends));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (ends)), ==, 0);
  g_assert_false (gtk_widget_get_visible (count));
  g_assert_false (gtk_widget_get_visible (find_row (GTK_WIDGET (editor), "Advanced")));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (summary)), ==, "Every day");

  /* After a number of times: zero cannot be typed or stepped to. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (ends), 2);
  nudge_test_spin (50);
  g_assert_true (gtk_widget_get_visible (count));
  spin = GTK_SPIN_BUTTON (nudge_test_find_widget (count, GTK_TYPE_SPIN_BUTTON));
  gtk_spin_button_set_value (spin, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (spin), "0");
  gtk_spin_button_update (spin);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 1);
  gtk_spin_button_spin (spin, GTK_SPIN_STEP_BACKWARD, 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (summary)), ==, "Every day, 1 time");
  g_assert_null (nudge_test_find (GTK_WIDGET (editor), NUDGE_TEST_VISIBLE, is_text_containing, "0 times"));
  g_assert_null (nudge_test_find (GTK_WIDGET (editor), NUDGE_TEST_VISIBLE, is_text_containing, "without end"));
  gtk_spin_button_set_value (spin, 3);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (summary)), ==, "Every day, 3 times");

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  save_editor (f, &editor, &saved);
  g_assert_cmpstr (nudge_followup_get_rrule (saved), ==, "FREQ=DAILY;COUNT=3");

  /* Opened again: the same choices, not a raw rule. */
  editor = nudge_followup_editor_present (GTK_WINDOW (f->window), nudge_test_context (f->book.store, NULL), saved, 0, 0, 0);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  nudge_test_spin (100);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (editor), "Repeat"))), ==, 1);
  ends = find_row (GTK_WIDGET (editor), "Ends");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (ends)), ==, 2);
  count = find_row (GTK_WIDGET (editor), "Number of times");
  spin = GTK_SPIN_BUTTON (nudge_test_find_widget (count, GTK_TYPE_SPIN_BUTTON));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 3);
  g_assert_false (gtk_widget_get_visible (find_row (GTK_WIDGET (editor), "Advanced")));

  /* On a date: the last day, in words. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (ends), 1);
  nudge_test_spin (50);
  g_assert_true (gtk_widget_get_visible (find_row (GTK_WIDGET (editor), "Last date")));
  nudge_date_time_entry_set_date (NUDGE_DATE_TIME_ENTRY (nudge_test_find_widget (find_row (GTK_WIDGET (editor), "Last date"),
                                                                                 NUDGE_TYPE_DATE_TIME_ENTRY)),
                                  2027, 1, 14);
  nudge_test_spin (50);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (GTK_WIDGET (editor), "Repeats"))), ==,
                   "Every day until 14 January 2027");
  save_editor (f, &editor, &saved);
  g_assert_true (g_str_has_prefix (nudge_followup_get_rrule (saved), "FREQ=DAILY;UNTIL=20270114T"));
  g_assert_null (strstr (nudge_followup_get_rrule (saved), "COUNT"));

  /* Every 2 weeks on Tuesday and Thursday: Custom, by clicking, with
   * its end; the rule as typed only for what clicking cannot say. */
  {
    static const struct { const char *rule; guint choice; const char *words; } rules[] = {
      { "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", 7, "Every 2 weeks on Tuesday and Thursday" },
      { "FREQ=MONTHLY;BYDAY=2TU", 8, NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
      {
        NudgeFollowupSpec spec;
        g_autoptr(GError) error = NULL;
        GtkWidget *advanced;

        nudge_followup_spec_init (&spec);
        nudge_followup_spec_from_followup (&spec, saved);
        spec.rrule = rules[i].rule;
        g_assert_true (nudge_followups_update (f->book.store, nudge_followup_get_id (saved), &spec, &error));
        g_assert_no_error (error);
        g_clear_object (&saved);
        saved = nudge_test_only_followup (f->book.store, f->deal_b, FALSE);
        editor = nudge_followup_editor_present (GTK_WINDOW (f->window), nudge_test_context (f->book.store, NULL), saved, 0, 0, 0);
        g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
        nudge_test_spin (100);
        g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (editor), "Repeat"))), ==,
                          rules[i].choice);
        if (rules[i].words != NULL)
          g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (GTK_WIDGET (editor), "Repeats"))), ==,
                           rules[i].words);
        advanced = find_row (GTK_WIDGET (editor), "Advanced");
        g_assert_cmpint (gtk_widget_get_visible (advanced), ==, rules[i].choice == 8);
        g_assert_cmpint (gtk_widget_get_visible (find_row (GTK_WIDGET (editor), "Ends")), ==, rules[i].choice == 7);
        g_assert_cmpint (gtk_widget_get_visible (find_row (GTK_WIDGET (editor), "Every")), ==, rules[i].choice == 7);
        if (rules[i].choice == 8)
          {
            gtk_window_close (GTK_WINDOW (editor));
            nudge_test_wait_gone ((gpointer *) &editor);
            continue;
          }

        /* Every 3 weeks on Monday and Thursday, 4 times */
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (nudge_test_find_widget (find_row (GTK_WIDGET (editor), "Every"),
                                                                             GTK_TYPE_SPIN_BUTTON)), 3);
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (nudge_test_find_named (GTK_WIDGET (editor), "repeat-day-TU")), FALSE);
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (nudge_test_find_named (GTK_WIDGET (editor), "repeat-day-MO")), TRUE);
        adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (editor), "Ends")), 2);
        nudge_test_spin (50);
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (nudge_test_find_widget (find_row (GTK_WIDGET (editor), "Number of times"),
                                                                             GTK_TYPE_SPIN_BUTTON)), 4);
        nudge_test_spin (50);
        g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (GTK_WIDGET (editor), "Repeats"))), ==,
                         "Every 3 weeks on Monday and Thursday, 4 times");
        save_editor (f, &editor, &saved);
        g_assert_cmpstr (nudge_followup_get_rrule (saved), ==, "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,TH;COUNT=4");
      }
  }
}

/* Today, once it has read what changed, and drawn it */
static void
wait_loaded (Fixture *f)
{
  g_assert_true (nudge_test_spin_while (nudge_test_today_busy, f->view, 10000));
  nudge_test_spin (100);
}

/* @n overdue tasks of the second deal, "Old task 00"… a minute apart from
 * 1 February 08:00; the id of the first */
static gint64
add_old_tasks (Fixture *f,
               int      n)
{
  gint64 first_id = 0;

  for (int i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Old task %02d", i);
      gint64 id = nudge_test_add_followup (f->book.store, f->deal_b, title, nudge_test_prague (2026, 2, 1, 8, i), NULL);

      if (i == 0)
        first_id = id;
    }
  return first_id;
}

/* The rows of a Today list (GtkListBox) showing @prefix titles */
static guint
count_rows_titled (GtkWidget  *widget,
                   const char *prefix)
{
  guint n = 0;

  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return 1;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_rows_titled (child, prefix);
  return n;
}

/* A long Overdue section shows its first rows and counts all of them;
 * Show More reads the next page. */
static void
test_show_more (Fixture       *f,
                gconstpointer  data)
{
  for (int i = 0; i < 75; i++)
    {
      g_autofree char *title = g_strdup_printf ("Old task %02d", i);

      nudge_test_add_followup (f->book.store, f->deal_b, title, nudge_test_prague (2026, 1, 2 + i % 25, 9, i % 60), NULL);
    }
  nudge_today_view_refresh (NUDGE_TODAY_VIEW (f->view));
  wait_loaded (f);

  /* 75 old ones and "Call about the offer" */
  g_assert_nonnull (nudge_test_find_label (f->view, "Overdue · 76"));
  g_assert_cmpuint (nudge_today_view_get_overdue_count (NUDGE_TODAY_VIEW (f->view)), ==, 76);
  g_assert_cmpuint (count_rows_titled (f->view, "Old task "), ==, 20);

  g_assert_true (nudge_test_click_button (f->view, "Show 50 More"));
  wait_loaded (f);
  g_assert_cmpuint (count_rows_titled (f->view, "Old task "), ==, 70);
  g_assert_nonnull (nudge_test_find_label (f->view, "Overdue · 76"));
  g_assert_true (nudge_test_click_button (f->view, "Show 6 More"));
  wait_loaded (f);
  g_assert_cmpuint (count_rows_titled (f->view, "Old task "), ==, 75);
  g_assert_null (nudge_test_find_button (f->view, "Show 6 More"));
}

/* The rows of the list box that shows @title, in order */
static GPtrArray *
rows_of_list_showing (GtkWidget  *view,
                      const char *title)
{
  GtkWidget *label = nudge_test_find_label (view, title);
  GtkWidget *list = label != NULL ? gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX) : NULL;
  GPtrArray *rows = g_ptr_array_new ();

  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      g_ptr_array_add (rows, row);
  return rows;
}

/* A follow-up done elsewhere (nudge-cli, another window) takes its row
 * away when Today hears of it, and adds the next one at the end; the
 * rows between stay the same widgets, and so do the rows after a new
 * follow-up that comes first. */
static void
test_rows_stay (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  gint64 first_id = add_old_tasks (f, 30);

  nudge_today_view_refresh (NUDGE_TODAY_VIEW (f->view));
  wait_loaded (f);
  before = rows_of_list_showing (f->view, "Old task 00");
  g_assert_cmpuint (before->len, ==, 20);

  g_assert_true (nudge_followups_complete (f->book.store, first_id, 0, NULL));
  nudge_test_spin (300);
  wait_loaded (f);

  after = rows_of_list_showing (f->view, "Old task 01");
  g_assert_cmpuint (after->len, ==, 20);
  g_assert_null (nudge_test_find_label (f->view, "Old task 00"));
  for (guint i = 1; i < before->len; i++)
    g_assert_true (g_ptr_array_index (after, i - 1) == g_ptr_array_index (before, i));
  g_assert_nonnull (nudge_test_find_label (f->view, "Old task 20"));

  /* One older than all of them comes first; the others move down one. */
  g_clear_pointer (&before, g_ptr_array_unref);
  before = g_steal_pointer (&after);
  nudge_test_add_followup (f->book.store, f->deal_b, "Oldest task", nudge_test_prague (2026, 1, 1, 8, 0), NULL);
  nudge_test_spin (300);
  wait_loaded (f);
  after = rows_of_list_showing (f->view, "Oldest task");
  g_assert_cmpuint (after->len, ==, 20);
  for (guint i = 0; i + 1 < before->len; i++)
    g_assert_true (g_ptr_array_index (after, i + 1) == g_ptr_array_index (before, i));
}

/* Down from Snooze All goes to the first overdue row below it, not
 * past the whole list to its "Show N More" button. */
static void
test_down_from_snooze_all (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *focus;

  add_old_tasks (f, 25);
  nudge_today_view_refresh (NUDGE_TODAY_VIEW (f->view));
  wait_loaded (f);
  g_assert_nonnull (nudge_test_find_button (f->view, "Show 6 More"));

  g_assert_true (gtk_widget_grab_focus (nudge_test_find_named (f->view, "snooze-all")));
  g_signal_emit_by_name (f->window, "move-focus", GTK_DIR_DOWN);
  nudge_test_spin (50);

  rows = rows_of_list_showing (f->view, "Old task 00");
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) == g_ptr_array_index (rows, 0));
}

int
main (int argc, char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "sections", NUDGE_TEST_FUNC (test_sections) },
    { "all-day-other-zone", NUDGE_TEST_FUNC (test_all_day_other_zone) },
    { "done-next-step", NUDGE_TEST_FUNC (test_done_next_step) },
    { "keyboard-done", NUDGE_TEST_FUNC (test_keyboard_done) },
    { "undo", NUDGE_TEST_FUNC (test_undo) },
    { "snooze-all", NUDGE_TEST_FUNC (test_snooze_all) },
    { "editor-rule", NUDGE_TEST_FUNC (test_editor_rule) },
    { "editor-ends", NUDGE_TEST_FUNC (test_editor_ends) },
    { "log-call", NUDGE_TEST_FUNC (test_log_call) },
    { "done-next-step-undo", NUDGE_TEST_FUNC (test_done_next_step_undo) },
    { "undo-while-asked", NUDGE_TEST_FUNC (test_undo_while_asked) },
    { "narrow", NUDGE_TEST_FUNC (test_narrow) },
    { "switch-focus", NUDGE_TEST_FUNC (test_switch_focus) },
    { "open-focus", NUDGE_TEST_FUNC (test_open_focus) },
    { "temperature", NUDGE_TEST_FUNC (test_temperature) },
    { "show-more", NUDGE_TEST_FUNC (test_show_more) },
    { "rows-stay", NUDGE_TEST_FUNC (test_rows_stay) },
    { "down-from-snooze-all", NUDGE_TEST_FUNC (test_down_from_snooze_all) },
  };

  nudge_test_ui_init (&argc, &argv, "C.UTF-8");

  nudge_test_add_table ("/ui/today/", Fixture, fixture_set_up, nudge_test_window_tear_down, cases);
  return g_test_run ();
}
