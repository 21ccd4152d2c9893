/* test-ui-today-morning.c — a Monday morning in Today: a long list of
 * overdue follow-ups, worked through at the keyboard, counted as the
 * locale writes numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "nudge-followup-editor.h"
#include "nudge-followups.h"
#include "nudge-store.h"
#include "nudge-test-core.h"
#include "nudge-test-ui.h"
#include "nudge-today-view.h"

typedef struct
{
  NudgeTestBook book;
  GtkWidget  *window;
  GtkWidget  *view;
  gint64      deal;
  gint64      call;   /* "Call about the offer", the deal's */
} Fixture;

/* Monday 2026-03-02 08:30 in Prague, a deal with a call overdue */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  nudge_test_book_open_at (&f->book, "ui-today-morning", nudge_test_prague (2026, 3, 2, 8, 30));
  f->deal = nudge_test_add_deal (f->book.store, "title", "Hotel Praha renovation", NULL);
  f->call = nudge_test_add_followup (f->book.store, f->deal, "Call about the offer", nudge_test_prague (2026, 2, 27, 9, 0),
                                     NULL);
}

/* The window on Today, @width wide, once it has loaded. */
static void
open_today_at (Fixture *f,
               int      width)
{
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, 700);
  f->view = nudge_today_view_new (nudge_test_context (f->book.store, NULL));
  gtk_window_set_child (GTK_WINDOW (f->window), f->view);
  gtk_window_present (GTK_WINDOW (f->window));
  nudge_test_set_busy_check (nudge_test_today_busy, f->view);
  g_assert_true (nudge_test_spin_while (nudge_test_today_busy, f->view, 10000));
  nudge_test_spin (100);
}

static void
open_today (Fixture *f)
{
  open_today_at (f, 900);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  nudge_test_window_tear_down (&f->book, data);
  setlocale (LC_ALL, "C.UTF-8");
}

static gboolean
is_drawn_list (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_LIST_BOX (widget) && gtk_widget_get_mapped (widget);
}

/* The first row of Today's first list drawn, given the focus */
static GtkWidget *
focus_first_row (Fixture *f)
{
  GtkListBox *list = GTK_LIST_BOX (nudge_test_find (f->view, NUDGE_TEST_ANY, is_drawn_list, NULL));
  GtkWidget *row;

  g_assert_nonnull (list);
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0));
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_grab_focus (row));
  return row;
}

/* The menu key, or Shift+F10, opens the focused row's menu: logging a
 * call, editing, opening the deal are a key away, as in the List. */
static void
test_menu_key (Fixture       *f,
               gconstpointer  data)
{
  const char *keys[] = { "Menu", "<Shift>F10" };

  open_today (f);
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      GtkWidget *more = nudge_test_find_named (focus_first_row (f), "more");

      g_assert_nonnull (more);
      g_assert_true (nudge_test_press_shortcut (f->view, keys[k]));
      nudge_test_wait_until (nudge_test_menu_shown, more);
      g_assert_nonnull (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (more)));
      /* Each item a key away, logging a call or an e-mail too */
      {
        GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (more));
        g_autoptr(GMenuModel) logs = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);

        g_assert_nonnull (logs);
        g_assert_cmpint (g_menu_model_get_n_items (logs), ==, 2);
        for (int i = 0; i < g_menu_model_get_n_items (logs); i++)
          {
            g_autofree char *label = NULL;

            g_assert_true (g_menu_model_get_item_attribute (logs, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
            g_assert_nonnull (strchr (label, '_'));
          }
      }
      gtk_menu_button_popdown (GTK_MENU_BUTTON (more));
      nudge_test_spin (100);
    }
}

/* Each section's list reads as its heading ("Overdue · 1"), which a
 * screen reader says when the keyboard enters it, not "GtkListBox". */
static void
test_sections_named (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) lists = NULL;
  GtkWidget *overdue_title;

  nudge_test_add_deal (f->book.store, "title", "Brno office move", NULL);
  open_today (f);
  overdue_title = nudge_test_find_label (f->view, "Overdue · 1");
  g_assert_nonnull (overdue_title);
  lists = nudge_test_find_all (f->view, is_drawn_list, NULL);
  /* Overdue, and deals without a next step */
  g_assert_cmpuint (lists->len, ==, 2);
  gtk_test_accessible_assert_relation (g_ptr_array_index (lists, 0), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       overdue_title, NULL);
  for (guint i = 0; i < lists->len; i++)
    g_assert_true (gtk_test_accessible_has_relation (g_ptr_array_index (lists, i),
                                                     GTK_ACCESSIBLE_RELATION_LABELLED_BY));
}

/* Which section each follow-up is in at 08:30, at the edges of today,
 * and when its row says it is due: midnight past is overdue; this very
 * minute, 23:59, an all-day one and one snoozed from Friday to 10:00 are
 * today's; tomorrow's midnight and one snoozed to tomorrow are the coming
 * days'. */
static void
test_section_edges (Fixture       *f,
                    gconstpointer  data)
{
  struct { const char *title; gint64 due; gint64 snoozed; gboolean all_day; guint section; const char *when; } cases[] = {
    { "Call about the offer", 0, 0, FALSE, 0, NULL },
    { "Due at midnight", nudge_test_prague (2026, 3, 2, 0, 0), 0, FALSE, 0, "00:00" },
    { "Due this minute", nudge_test_prague (2026, 3, 2, 8, 30), 0, FALSE, 1, "08:30" },
    { "Due at 23:59", nudge_test_prague (2026, 3, 2, 23, 59), 0, FALSE, 1, "23:59" },
    { "All day today", nudge_test_prague (2026, 3, 2, 0, 0), 0, TRUE, 1, "Today" },
    { "Snoozed from Friday", nudge_test_prague (2026, 2, 27, 10, 0), nudge_test_prague (2026, 3, 2, 10, 0), FALSE, 1,
      "10:00 (snoozed)" },
    { "Due tomorrow at midnight", nudge_test_prague (2026, 3, 3, 0, 0), 0, FALSE, 2, "Tomorrow 00:00" },
    { "Snoozed to tomorrow", nudge_test_prague (2026, 3, 2, 8, 0), nudge_test_prague (2026, 3, 3, 9, 0), FALSE, 2,
      "Tomorrow 09:00 (snoozed)" },
  };
  const char *headings[] = { "Overdue · 2", "Today · 4", "Next 7 Days · 2" };
  g_autoptr(GPtrArray) lists = NULL;

  for (guint i = 1; i < G_N_ELEMENTS (cases); i++)
    {
      NudgeFollowupSpec spec;
      gint64 id;

      nudge_test_call_spec (&spec, cases[i].title, cases[i].due, f->deal);
      spec.all_day = cases[i].all_day;
      id = nudge_test_create_followup (f->book.store, &spec);
      if (cases[i].snoozed != 0)
        g_assert_true (nudge_followups_snooze (f->book.store, id, cases[i].snoozed, NULL));
    }
  open_today (f);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    g_assert_nonnull (nudge_test_find_label (f->view, headings[i]));
  lists = nudge_test_find_all (f->view, is_drawn_list, NULL);
  g_assert_cmpuint (lists->len, ==, G_N_ELEMENTS (headings));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *title = nudge_test_find_label (g_ptr_array_index (lists, cases[i].section), cases[i].title);
      g_autofree char *when = g_strdup_printf ("%s · ", cases[i].when);
      const char *subtitle;

      g_test_message ("%s", cases[i].title);
      g_assert_nonnull (title);
      for (guint l = 0; l < lists->len; l++)
        g_assert_true (l == cases[i].section || nudge_test_find_label (g_ptr_array_index (lists, l), cases[i].title) == NULL);
      subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_widget_get_ancestor (title, ADW_TYPE_ACTION_ROW)));
      g_test_message ("%s", subtitle);
      if (cases[i].when != NULL)
        g_assert_true (g_str_has_prefix (subtitle, when));
    }
}

/* R on Today's first row: its Reschedule calendar (@calendar), open */
static GtkPopover *
open_reschedule (Fixture    *f,
                 GtkWidget **calendar)
{
  GtkWidget *reschedule;
  GtkPopover *popover;

  open_today (f);
  reschedule = nudge_test_find_named (focus_first_row (f), "reschedule");
  g_assert_true (nudge_test_press_shortcut (f->view, "r"));
  nudge_test_wait_until (nudge_test_menu_shown, reschedule);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (reschedule));
  *calendar = gtk_popover_get_child (popover);
  g_assert_true (GTK_IS_CALENDAR (*calendar));
  return popover;
}

/* R opens the reschedule calendar; a screen reader hears what it is for
 * and where its arrows go, not "calendar" and four times "button". */
static void
test_reschedule_named (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *calendar;
  GtkPopover *popover = open_reschedule (f, &calendar);
  g_autoptr(GPtrArray) buttons = NULL;

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (calendar), GTK_ACCESSIBLE_PROPERTY_LABEL, "Move to day");
  buttons = nudge_test_find_all (calendar, nudge_test_is_of_type, GSIZE_TO_POINTER (GTK_TYPE_BUTTON));
  g_assert_cmpuint (buttons->len, ==, 4);
  for (guint i = 0; i < buttons->len; i++)
    g_assert_true (gtk_test_accessible_has_property (g_ptr_array_index (buttons, i), GTK_ACCESSIBLE_PROPERTY_LABEL));
  gtk_test_accessible_assert_property (g_ptr_array_index (buttons, 1), GTK_ACCESSIBLE_PROPERTY_LABEL, "Next month");
  gtk_popover_popdown (popover);
  nudge_test_spin (100);
}

static gint64
due_of_the_call (Fixture *f)
{
  g_autoptr(NudgeFollowup) call = nudge_test_only_followup (f->book.store, f->deal, TRUE);

  return nudge_followup_get_due_at (call);
}

/* The reschedule calendar at the keyboard: the arrow keys move from the
 * follow-up's day, not from the corner of the month's grid, and move
 * nothing in the book; Enter moves the follow-up to the day shown. */
static void
test_reschedule_by_keys (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *calendar;
  GtkPopover *popover = open_reschedule (f, &calendar);
  g_autoptr(GDateTime) shown = NULL;

  /* Friday 27 February, a day on, then a week on: Saturday 7 March. */
  g_assert_true (nudge_test_press_key (calendar, GDK_KEY_Right, 0));
  g_assert_true (nudge_test_press_key (calendar, GDK_KEY_Down, 0));
  nudge_test_spin (50);
  shown = gtk_calendar_get_date (GTK_CALENDAR (calendar));
  g_assert_cmpint (g_date_time_get_month (shown), ==, 3);
  g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 7);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpint (due_of_the_call (f), ==, nudge_test_prague (2026, 2, 27, 9, 0));

  g_assert_true (nudge_test_press_key (calendar, GDK_KEY_Return, 0));
  nudge_test_spin (200);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpint (due_of_the_call (f), ==, nudge_test_prague (2026, 3, 7, 9, 0));
}

/* In a narrow window the row hides its Reschedule button: R opens the
 * follow-up in the editor, where its day is set, not a menu without a
 * way to reschedule. */
static void
test_narrow_reschedule (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *row;
  GtkWidget *editor;

  open_today_at (f, 400);
  row = focus_first_row (f);
  g_assert_false (gtk_widget_get_visible (nudge_test_find_named (row, "reschedule")));
  g_assert_true (nudge_test_press_shortcut (f->view, "r"));
  nudge_test_spin (300);
  editor = GTK_WIDGET (nudge_test_find_toplevel (NUDGE_TYPE_FOLLOWUP_EDITOR));
  g_assert_nonnull (editor);
  g_assert_false (nudge_test_menu_shown (nudge_test_find_named (row, "more")));
  /* Its fields' list reads as the editor, not "GtkListBox". */
  gtk_test_accessible_assert_property (gtk_widget_get_ancestor (nudge_test_find_widget (editor, ADW_TYPE_ENTRY_ROW),
                                                                GTK_TYPE_LIST_BOX),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Edit Follow-up");
  /* and its notes' list, which has no heading, as its notes */
  gtk_test_accessible_assert_property (gtk_widget_get_ancestor (nudge_test_find_row (editor, "Notes"), GTK_TYPE_LIST_BOX),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Notes");
}

/* A big book has thousands overdue: the headings count them as the
 * locale writes numbers, "1,200" in English (and "1 200" in Czech). */
static void
test_counts_in_locale (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (!nudge_test_use_locale ("en_US.UTF-8"))
    return;
  g_assert_true (nudge_store_begin (f->book.store, &error));
  for (int i = 1; i < 1200; i++)
    nudge_test_add_followup (f->book.store, f->deal, "Old task", nudge_test_prague (2026, 2, 1, 8, 0) + i * 60, NULL);
  g_assert_true (nudge_store_commit (f->book.store, &error));
  g_assert_no_error (error);

  open_today (f);
  g_assert_cmpuint (nudge_today_view_get_overdue_count (NUDGE_TODAY_VIEW (f->view)), ==, 1200);
  g_assert_nonnull (nudge_test_find_label (f->view, "Overdue · 1,200"));
}

/* The drawn row of follow-up @title in Today */
static GtkWidget *
followup_row (Fixture    *f,
              const char *title)
{
  GtkWidget *label = nudge_test_find_label (f->view, title);

  g_assert_nonnull (label);
  return gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
}

/* Today's row of @title, pressed with @action (its follow-up and
 * occurrence first in @param) while a worker writes: it waits greyed,
 * without holding the window, and is done once the worker commits. */
static void
act_while_saving (Fixture    *f,
                  NudgeStore *worker,
                  const char *title,
                  const char *action,
                  GVariant   *param)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) target = g_variant_ref_sink (param);
  GtkWidget *row = followup_row (f, title);
  g_autofree char *done_sql = NULL;
  gint64 id, start;

  g_variant_get_child (target, 0, "x", &id);
  done_sql = g_strdup_printf ("SELECT status = 'done' FROM followup WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_true (nudge_store_begin (worker, &error));
  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action_variant (f->view, action, target));
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC / 2);
  nudge_test_spin (300);
  g_assert_false (gtk_widget_get_sensitive (row));
  g_assert_cmpint (nudge_test_store_int (f->book.store, "SELECT status = 'open' FROM followup WHERE id = %" G_GINT64_FORMAT,
                                         id), ==, 1);
  g_assert_true (nudge_store_commit (worker, &error));
  g_assert_no_error (error);
  nudge_test_wait_book_int (f->book.store, done_sql, 1);
  nudge_test_spin (300);
  g_assert_null (nudge_test_find_label (f->view, title));
}

/* Done pressed while a worker of Nudge's own saves a long change (Snooze
 * All on thousands of follow-ups) neither holds the window on the lock
 * nor asks to try again: the row waits, greyed out, and is done once
 * the write ends. Held past the wait, the row is back and Nudge says it
 * is still saving. */
static void
test_done_while_saving (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeStore) worker = nudge_store_open_worker (f->book.path, &error);
  gint64 offer = nudge_test_add_followup (f->book.store, f->deal, "Send the offer", nudge_test_prague (2026, 3, 4, 9, 0),
                                          NULL);
  AdwMessageDialog *dialog;
  GtkWidget *row;

  open_today (f);
  act_while_saving (f, worker, "Call about the offer", "today.done",
                    g_variant_new ("(xx)", f->call, nudge_test_prague (2026, 2, 27, 9, 0)));

  /* The worker holds on past the wait */
  row = followup_row (f, "Send the offer");
  g_assert_true (nudge_store_begin (worker, &error));
  g_assert_true (gtk_widget_activate_action (f->view, "today.done", "(xx)", offer, nudge_test_prague (2026, 3, 4, 9, 0)));
  nudge_test_spin (300);
  g_assert_false (gtk_widget_get_sensitive (row));
  nudge_test_spin (4000);
  dialog = nudge_test_wait_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Nudge is still saving an earlier change"));
  g_assert_true (gtk_widget_get_sensitive (row));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (nudge_store_commit (worker, &error));
  g_assert_cmpint (nudge_test_store_int (f->book.store, "SELECT status = 'open' FROM followup WHERE id = %" G_GINT64_FORMAT,
                                         offer), ==, 1);
}

/* Logging a call from Today waits for a worker's write as Done does. */
static void
test_log_while_saving (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeStore) worker = nudge_store_open_worker (f->book.path, &error);

  open_today (f);
  act_while_saving (f, worker, "Call about the offer", "today.log",
                    g_variant_new ("(xxs)", f->call, nudge_test_prague (2026, 2, 27, 9, 0), "call"));
  g_assert_cmpint (nudge_test_store_int (f->book.store, "SELECT COUNT(*) FROM activity WHERE kind = 'call'"), ==, 1);
}

int
main (int argc, char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "menu-key", NUDGE_TEST_FUNC (test_menu_key) },
    { "sections-named", NUDGE_TEST_FUNC (test_sections_named) },
    { "section-edges", NUDGE_TEST_FUNC (test_section_edges) },
    { "reschedule-named", NUDGE_TEST_FUNC (test_reschedule_named) },
    { "reschedule-by-keys", NUDGE_TEST_FUNC (test_reschedule_by_keys) },
    { "narrow-reschedule", NUDGE_TEST_FUNC (test_narrow_reschedule) },
    { "counts-in-locale", NUDGE_TEST_FUNC (test_counts_in_locale) },
    { "done-while-saving", NUDGE_TEST_FUNC (test_done_while_saving) },
    { "log-while-saving", NUDGE_TEST_FUNC (test_log_while_saving) },
  };

  /* Accessible names kept for the tests to read, whatever the session */
  g_setenv ("GTK_A11Y", "test", TRUE);
  nudge_test_ui_init (&argc, &argv, "C.UTF-8");

  nudge_test_add_table ("/ui/today-morning/", Fixture, fixture_set_up, fixture_tear_down, cases);
  return g_test_run ();
}
