/* test-ui-calendar-keyboard.c — the Calendar at the keyboard: a
 * follow-up's menu (the Menu key, or a right click) and the keyboard's
 * day, which the focus, Tab and the arrow keys follow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "nudge-calendar-view.h"
#include "nudge-date-time-entry.h"
#include "nudge-followup-editor.h"
#include "nudge-followups.h"
#include "nudge-next-step-dialog.h"
#include "nudge-store.h"
#include "nudge-test-calendar.h"
#include "nudge-test-core.h"
#include "nudge-test-ui.h"

/* A chip's menu marks it done without a mouse; the focus stays on the
 * day's chips once the month is drawn again, so the next one is a Tab
 * away. */
static void
test_menu_done (NudgeTestCalendar *f,
                gconstpointer      data)
{
  g_autoptr(GVariant) target = NULL;
  g_autoptr(NudgeFollowup) invoice = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *chip = nudge_test_calendar_chip (f, "11:00 Invoice");
  GtkWidget *focus;
  GMenuModel *menu;
  gint64 id;

  g_assert_nonnull (chip);
  menu = nudge_test_open_menu (f->view, chip);
  /* The chip's tooltip would cover the menu's first item */
  g_assert_false (gtk_widget_get_has_tooltip (chip));
  target = nudge_test_menu_target (menu, "calendar.done", "Mark as _Done");
  g_assert_nonnull (target);
  /* Not due yet: snoozing it would bring it nearer */
  g_assert_null (nudge_test_menu_target (menu, "calendar.snooze", nudge_followups_snooze_label (NUDGE_SNOOZE_TOMORROW)));
  gtk_widget_activate_action_variant (f->view, "calendar.done", target);
  nudge_test_spin (300);

  g_variant_get (target, "(xx)", &id, NULL);
  invoice = nudge_store_get_followup (f->book.store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nudge_followup_get_title (invoice), ==, "Invoice");
  g_assert_cmpstr (nudge_followup_get_status (invoice), ==, "done");

  /* The cell was built anew: the focus is on its new first chip */
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (focus == nudge_test_calendar_chip (f, "11:00 Invoice"));
  g_assert_true (focus != chip);
}

/* Done from the calendar on a deal's last open step asks what comes
 * next, as Today does; its Undo takes the Done back. */
static void
test_menu_done_asks_next_step (NudgeTestCalendar *f,
                               gconstpointer      data)
{
  gint64 deal = nudge_test_add_titled_deal (f->book.store, "Fleet tracking");
  gint64 id = nudge_test_add_followup (f->book.store, deal, "Call Dvořák", nudge_test_prague (2026, 11, 19, 10, 0), NULL);
  g_autoptr(NudgeFollowup) call = NULL;

  nudge_test_spin (300);
  g_assert_nonnull (nudge_test_calendar_chip (f, "10:00 Call Dvořák"));
  gtk_widget_activate_action (f->view, "calendar.done", "(xx)", id, (gint64) 0);
  nudge_test_spin (300);

  call = nudge_store_get_followup (f->book.store, id, NULL);
  g_assert_cmpstr (nudge_followup_get_status (call), ==, "done");
  nudge_test_close_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG);
}

/* The keyboard's way to drag: the menu moves a follow-up a day on, and
 * an overdue one can be snoozed from it. */
static void
test_menu_move (NudgeTestCalendar *f,
                gconstpointer      data)
{
  g_autoptr(GVariant) target = NULL;
  g_auto(GStrv) day = NULL;
  GtkWidget *focus;
  GMenuModel *menu;

  menu = nudge_test_open_menu (f->view, nudge_test_calendar_chip (f, "10:00 Send offer"));
  g_assert_nonnull (nudge_test_menu_target (menu, "calendar.snooze", nudge_followups_snooze_label (NUDGE_SNOOZE_TOMORROW)));
  target = nudge_test_menu_target (menu, "calendar.reschedule", "Move to the _Next Day");
  g_assert_nonnull (target);
  /* Closed without a choice: the chip has its tooltip back */
  nudge_test_close_menu (f->view);
  g_assert_true (gtk_widget_get_has_tooltip (nudge_test_calendar_chip (f, "10:00 Send offer")));
  gtk_widget_activate_action_variant (f->view, "calendar.reschedule", target);
  nudge_test_spin (300);

  day = nudge_test_calendar_titles (f, 2026, 11, 13);
  g_assert_true (g_strv_contains ((const char * const *) day, "Send offer"));
  g_assert_nonnull (nudge_test_calendar_chip (f, "10:00 Send offer"));
  /* Its old day is empty now: the focus stays in the calendar */
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (focus == f->view || gtk_widget_is_ancestor (focus, f->view));
}

/* Snooze offers what Today's does, where it puts the follow-up off:
 * all of it for an overdue one, only next week for one due on Friday;
 * an hour on from an overdue one is 10:00 today, and Undo takes it
 * back. */
static void
test_menu_snooze (NudgeTestCalendar *f,
                  gconstpointer      data)
{
  static const NudgeSnoozePreset presets[] = {
    NUDGE_SNOOZE_10_MINUTES, NUDGE_SNOOZE_1_HOUR, NUDGE_SNOOZE_TOMORROW, NUDGE_SNOOZE_NEXT_WEEK,
  };
  g_autoptr(GVariant) hour = NULL;
  g_autoptr(NudgeFollowup) offer = NULL;
  GMenuModel *menu;

  menu = nudge_test_open_menu (f->view, nudge_test_calendar_chip (f, "10:00 Send offer"));
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_autoptr(GVariant) target = nudge_test_menu_target (menu, "calendar.snooze", nudge_followups_snooze_label (presets[i]));

      g_assert_nonnull (target);
      if (presets[i] == NUDGE_SNOOZE_1_HOUR)
        hour = g_steal_pointer (&target);
    }
  nudge_test_close_menu (f->view);

  menu = nudge_test_open_menu (f->view, nudge_test_calendar_chip (f, "11:00 Invoice"));
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_autoptr(GVariant) target = nudge_test_menu_target (menu, "calendar.snooze", nudge_followups_snooze_label (presets[i]));

      g_assert_true ((target != NULL) == (presets[i] == NUDGE_SNOOZE_NEXT_WEEK));
    }
  nudge_test_close_menu (f->view);

  gtk_widget_activate_action_variant (f->view, "calendar.snooze", hour);
  nudge_test_spin (300);
  offer = nudge_store_get_followup (f->book.store, f->offer, NULL);
  g_assert_cmpint (nudge_followup_get_snoozed_until (offer), ==, nudge_test_prague (2026, 11, 18, 10, 0));
  g_clear_object (&offer);
  g_signal_emit_by_name (nudge_test_wait_button (f->window, "_Undo"), "clicked");
  nudge_test_spin (300);
  offer = nudge_store_get_followup (f->book.store, f->offer, NULL);
  g_assert_cmpint (nudge_followup_get_snoozed_until (offer), ==, 0);
}

/* A right click on a chip in a busy day's list (a popover of its own,
 * whose clicks do not reach the view) opens its menu, as in the grid;
 * once the chip is done, the keyboard is back on the day's list. */
static void
test_more_right_click (NudgeTestCalendar *f,
                       gconstpointer      data)
{
  GtkWidget *button = nudge_test_calendar_more_button (f->view, "+3 more");
  GtkEventController *click;
  g_autoptr(GVariant) target = NULL;
  g_autoptr(NudgeFollowup) followup = NULL;
  graphene_rect_t bounds;
  GtkPopover *popover;
  GtkWidget *list, *chip, *menu, *focus;
  gint64 id;

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  nudge_test_spin (100);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  list = nudge_test_find_widget (GTK_WIDGET (popover), GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (list);
  click = nudge_test_find_click (list, GDK_BUTTON_SECONDARY);
  g_assert_nonnull (click);

  chip = nudge_test_calendar_chip (f, "15:00 Contract review");
  g_assert_nonnull (chip);
  g_assert_true (gtk_widget_is_ancestor (chip, list));
  g_assert_true (gtk_widget_compute_bounds (chip, list, &bounds));
  g_signal_emit_by_name (click, "pressed", 1, (double) bounds.origin.x + bounds.size.width / 2,
                         (double) bounds.origin.y + bounds.size.height / 2);
  nudge_test_spin (100);

  menu = nudge_test_find (f->view, NUDGE_TEST_VISIBLE, nudge_test_is_of_type, GSIZE_TO_POINTER (GTK_TYPE_POPOVER_MENU));
  g_assert_nonnull (menu);
  target = nudge_test_menu_target (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu)), "calendar.done", "Mark as _Done");
  g_assert_nonnull (target);
  g_variant_get (target, "(xx)", &id, NULL);
  followup = nudge_store_get_followup (f->book.store, id, NULL);
  g_assert_cmpstr (nudge_followup_get_title (followup), ==, "Contract review");

  /* Done from there: the focus goes back to the day's "+N more" */
  gtk_widget_activate_action_variant (f->view, "calendar.done", target);
  nudge_test_spin (300);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_MENU_BUTTON));
  g_assert_true (gtk_widget_is_ancestor (focus, f->view));
}

/* The editor Ctrl+Enter opened, with its day checked and closed */
static void
assert_new_on (int day)
{
  NudgeFollowupEditor *editor = NUDGE_FOLLOWUP_EDITOR (nudge_test_find_toplevel (NUDGE_TYPE_FOLLOWUP_EDITOR));
  int year, month, d;

  g_assert_nonnull (editor);
  g_assert_true (nudge_date_time_entry_get_date (nudge_followup_editor_get_when_entry (editor), &year, &month, &d));
  g_assert_cmpint (d, ==, day);
  gtk_window_destroy (GTK_WINDOW (editor));
  nudge_test_spin (100);
}

/* The keyboard's day is the focused one: a follow-up's chip tabbed to
 * selects its day, Ctrl+Enter adds to that day, and the arrow keys take
 * the focus along with the selection, to the chips of the day they
 * reach. */
static void
test_focus_follows_day (NudgeTestCalendar *f,
                        gconstpointer      data)
{
  GtkWidget *focus;

  /* Today is the 18th; the focus goes to the 12th's chip */
  g_assert_true (gtk_widget_grab_focus (nudge_test_calendar_chip (f, "10:00 Send offer")));
  nudge_test_spin (50);
  g_assert_true (nudge_test_press_shortcut (f->view, "<Control>Return"));
  nudge_test_spin (100);
  assert_new_on (12);

  /* Two days on from the 18th's chip: the 20th's first chip */
  g_assert_true (gtk_widget_grab_focus (nudge_test_calendar_chip (f, "14:30 Follow up Novák")));
  g_assert_true (nudge_test_press_shortcut (f->view, "Right"));
  g_assert_true (nudge_test_press_shortcut (f->view, "Right"));
  nudge_test_spin (50);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus == nudge_test_calendar_chip (f, "11:00 Invoice"));

  /* A day without chips: the view holds the focus, and the next arrow
   * goes on from there */
  g_assert_true (nudge_test_press_shortcut (f->view, "Right"));
  nudge_test_spin (50);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == f->view);
  g_assert_true (nudge_test_press_shortcut (f->view, "Left"));
  nudge_test_spin (50);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == nudge_test_calendar_chip (f, "11:00 Invoice"));
  g_assert_true (nudge_test_press_shortcut (f->view, "<Control>Return"));
  nudge_test_spin (100);
  assert_new_on (20);
}

static gboolean
is_next_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                                              "calendar.next") == 0;
}

/* Tab into the month lands on the selected day (today, at first), not on
 * the top-left day of the grid, a week of the month before; and back on
 * it after the focus has been elsewhere. */
static void
test_tab_enters_selected_day (NudgeTestCalendar *f,
                              gconstpointer      data)
{
  GtkWidget *next = nudge_test_find (f->view, NUDGE_TEST_MAPPED, is_next_button, NULL);

  g_assert_nonnull (next);
  g_assert_true (gtk_widget_grab_focus (next));
  g_assert_true (gtk_widget_child_focus (f->window, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == nudge_test_calendar_chip (f, "14:30 Follow up Novák"));

  /* Two days on, out to the header and in again: the 20th */
  g_assert_true (nudge_test_press_shortcut (f->view, "Right"));
  g_assert_true (nudge_test_press_shortcut (f->view, "Right"));
  nudge_test_spin (50);
  g_assert_true (gtk_widget_grab_focus (next));
  g_assert_true (gtk_widget_child_focus (f->window, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == nudge_test_calendar_chip (f, "11:00 Invoice"));

  /* Within the month, Tab goes on in the grid's order: Shift+Tab from
   * the 20th's first chip is on the 18th's (the 19th has none) */
  g_assert_true (gtk_widget_child_focus (f->window, GTK_DIR_TAB_BACKWARD));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == nudge_test_calendar_chip (f, "14:30 Follow up Novák"));
}

int
main (int argc, char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "menu-done", NUDGE_TEST_FUNC (test_menu_done) },
    { "menu-done-asks-next-step", NUDGE_TEST_FUNC (test_menu_done_asks_next_step) },
    { "menu-move", NUDGE_TEST_FUNC (test_menu_move) },
    { "menu-snooze", NUDGE_TEST_FUNC (test_menu_snooze) },
    { "more-right-click", NUDGE_TEST_FUNC (test_more_right_click) },
    { "focus-follows-day", NUDGE_TEST_FUNC (test_focus_follows_day) },
    { "tab-enters-selected-day", NUDGE_TEST_FUNC (test_tab_enters_selected_day) },
  };

  nudge_test_ui_init (&argc, &argv, "C.UTF-8");

  nudge_test_add_table ("/ui/calendar-keyboard/", NudgeTestCalendar, nudge_test_calendar_set_up,
                        nudge_test_window_tear_down, cases);
  return g_test_run ();
}
