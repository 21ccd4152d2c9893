/* test-ui-calendar.c — the Calendar view on a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "nudge-calendar-view.h"
#include "nudge-clock.h"
#include "nudge-export-dialog.h"
#include "nudge-followup-editor.h"
#include "nudge-followups.h"
#include "nudge-format.h"
#include "nudge-next-step-dialog.h"
#include "nudge-store.h"
#include "nudge-test-calendar.h"
#include "nudge-test-core.h"
#include "nudge-test-ui.h"
#include "nudge-worker.h"

static guint
count_widgets (GtkWidget  *widget,
               const char *css_class,
               const char *label)
{
  guint n = 0;

  if (GTK_IS_POPOVER (widget))
    return 0;
  if (css_class && gtk_widget_has_css_class (widget, css_class))
    n++;
  if (label && GTK_IS_LABEL (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_MENU_BUTTON) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), label) == 0)
    n++;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    n += count_widgets (c, css_class, label);
  return n;
}

static void
test_month_grid (NudgeTestCalendar *f,
                 gconstpointer      data)
{
  g_auto(GStrv) busy = NULL;
  g_auto(GStrv) today = NULL;
  g_auto(GStrv) fair = NULL;
  g_auto(GStrv) monday = NULL;
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) first = NULL;
  g_auto(GStrv) far = NULL;
  GDate date;
  int lead;

  busy = nudge_test_calendar_titles (f, 2026, 11, 20);
  g_assert_nonnull (busy);
  g_assert_cmpuint (g_strv_length (busy), ==, 5);
  g_assert_cmpstr (busy[0], ==, "Invoice");
  g_assert_cmpstr (busy[4], ==, "Demo for Łódź");
  today = nudge_test_calendar_titles (f, 2026, 11, 18);
  g_assert_cmpuint (g_strv_length (today), ==, 1);
  g_assert_cmpstr (today[0], ==, "Follow up Novák");
  fair = nudge_test_calendar_titles (f, 2026, 11, 25);
  g_assert_cmpuint (g_strv_length (fair), ==, 1);
  g_assert_cmpstr (fair[0], ==, "Trade fair");
  monday = nudge_test_calendar_titles (f, 2026, 11, 23);
  g_assert_cmpuint (g_strv_length (monday), ==, 1);
  g_assert_cmpstr (monday[0], ==, "Weekly check-in");
  /* Only the visible range: January is not there */
  far = nudge_test_calendar_titles (f, 2027, 1, 15);
  g_assert_null (far);

  /* The grid starts on the locale's first weekday */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, 11, 2026);
  lead = ((int) g_date_get_weekday (&date) - (int) nudge_locale_first_weekday () + 7) % 7;
  g_date_subtract_days (&date, lead);
  first = nudge_test_calendar_titles (f, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
  g_assert_nonnull (first);
  g_date_subtract_days (&date, 1);
  before = nudge_test_calendar_titles (f, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
  g_assert_null (before);

  /* What is drawn: two chips on a busy day and "+3 more"; overdue marked */
  g_assert_cmpuint (count_widgets (f->view, NULL, "+3 more"), ==, 1);
  g_assert_nonnull (nudge_test_find (f->view, NUDGE_TEST_MAPPED, nudge_test_reads, "+3 more"));
  g_assert_cmpuint (count_widgets (f->view, "overdue", NULL), >=, 2);
  g_assert_cmpuint (count_widgets (f->view, "today", NULL), ==, 1);
  g_assert_cmpuint (count_widgets (f->view, "kind-task", NULL), >=, 2);

  /* Next month, then back */
  gtk_widget_activate_action (f->view, "calendar.next", NULL);
  nudge_test_spin (10);
  g_clear_pointer (&busy, g_strfreev);
  g_assert_null (nudge_test_calendar_titles (f, 2026, 11, 20));
  {
    g_auto(GStrv) dec = nudge_test_calendar_titles (f, 2026, 12, 7);
    g_assert_cmpuint (g_strv_length (dec), ==, 1);
  }
  gtk_widget_activate_action (f->view, "calendar.today", NULL);
  nudge_test_spin (10);
  busy = nudge_test_calendar_titles (f, 2026, 11, 20);
  g_assert_cmpuint (g_strv_length (busy), ==, 5);

  /* Week mode shows the selected week only */
  gtk_widget_activate_action (f->view, "calendar.mode", "s", "week");
  nudge_test_spin (10);
  g_clear_pointer (&busy, g_strfreev);
  busy = nudge_test_calendar_titles (f, 2026, 11, 20);
  g_assert_cmpuint (g_strv_length (busy), ==, 5);
  g_assert_null (nudge_test_calendar_titles (f, 2026, 11, 12));
}

static void
test_reschedule_drop (NudgeTestCalendar *f,
                      gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeFollowup) offer = NULL;
  g_autoptr(GPtrArray) occurrences = NULL;
  g_auto(GStrv) moved = NULL;
  g_auto(GStrv) monday = NULL;
  g_auto(GStrv) tuesday = NULL;
  gboolean on_tuesday = FALSE, on_monday = FALSE;

  /* A one-off dropped on the 19th keeps its time of day */
  gtk_widget_activate_action (f->view, "calendar.reschedule", "(xxss)", f->offer, (gint64) 0, "2026-11-19", "");
  offer = nudge_store_get_followup (f->book.store, f->offer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nudge_followup_get_due_at (offer), ==, nudge_test_prague (2026, 11, 19, 10, 0));
  /* The chip moves at once, before the worker has read the month again */
  moved = nudge_test_calendar_titles (f, 2026, 11, 19);
  g_assert_cmpuint (g_strv_length (moved), ==, 1);
  g_assert_cmpstr (moved[0], ==, "Send offer");
  g_clear_pointer (&moved, g_strfreev);
  nudge_test_spin (100);
  moved = nudge_test_calendar_titles (f, 2026, 11, 19);
  g_assert_cmpuint (g_strv_length (moved), ==, 1);
  g_assert_cmpstr (moved[0], ==, "Send offer");

  /* Only this occurrence of the weekly series: Monday the 23rd to Tuesday */
  gtk_widget_activate_action (f->view, "calendar.reschedule", "(xxss)", f->weekly,
                              nudge_test_prague (2026, 11, 23, 9, 0), "2026-11-24", "this");
  occurrences = nudge_followups_list_occurrences (f->book.store, nudge_test_prague (2026, 11, 23, 0, 0),
                                                  nudge_test_prague (2026, 12, 1, 0, 0), FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < occurrences->len; i++)
    {
      NudgeOccurrence *o = g_ptr_array_index (occurrences, i);

      if (g_strcmp0 (nudge_followup_get_title (nudge_occurrence_get_followup (o)), "Weekly check-in") != 0)
        continue;
      on_tuesday |= nudge_occurrence_get_due_at (o) == nudge_test_prague (2026, 11, 24, 9, 0);
      on_monday |= nudge_occurrence_get_start (o) == nudge_test_prague (2026, 11, 23, 9, 0);
    }
  g_assert_true (on_tuesday);
  g_assert_false (on_monday);
  nudge_test_spin (100);
  monday = nudge_test_calendar_titles (f, 2026, 11, 23);
  tuesday = nudge_test_calendar_titles (f, 2026, 11, 24);
  g_assert_cmpuint (g_strv_length (monday), ==, 0);
  g_assert_true (g_strv_contains ((const char * const *) tuesday, "Weekly check-in"));

  /* The toast's Undo puts the occurrence back on Monday, and the one-off
   * it became goes. (The toast of the first move has left: it gave
   * way to this one.) */
  nudge_test_spin (500);
  g_assert_true (nudge_test_click_button (f->window, "_Undo"));
  nudge_test_spin (300);
  g_clear_pointer (&monday, g_strfreev);
  g_clear_pointer (&tuesday, g_strfreev);
  monday = nudge_test_calendar_titles (f, 2026, 11, 23);
  tuesday = nudge_test_calendar_titles (f, 2026, 11, 24);
  g_assert_true (g_strv_contains ((const char * const *) monday, "Weekly check-in"));
  g_assert_false (g_strv_contains ((const char * const *) tuesday, "Weekly check-in"));
}

/* The month is read on a worker: the grid is there at once, the chips
 * follow; another connection's writes show as well. */
static gboolean
add_followup_job (NudgeStore    *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  NudgeFollowupSpec spec;

  nudge_followup_spec_init (&spec);
  spec.title = data;
  spec.kind = "call";
  spec.tzid = NUDGE_TEST_CALENDAR_TZID;
  spec.due_at = nudge_test_prague (2026, 11, 26, 10, 0);
  return nudge_followups_create (store, &spec, error) > 0;
}

static void
test_worker_fill (NudgeTestCalendar *f,
                  gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;
  g_auto(GStrv) busy = NULL;
  g_auto(GStrv) filled = NULL;
  GtkWidget *view = nudge_calendar_view_new (nudge_test_context (f->book.store, NULL));

  g_object_ref_sink (view);
  /* Nothing read on the main loop yet, the answer arrives from the worker */
  g_assert_false (nudge_calendar_view_is_loaded (NUDGE_CALENDAR_VIEW (view)));
  busy = nudge_calendar_view_dup_day_titles (NUDGE_CALENDAR_VIEW (view), 2026, 11, 20);
  g_assert_nonnull (busy);
  g_assert_cmpuint (g_strv_length (busy), ==, 0);
  nudge_test_set_busy_check (nudge_test_calendar_busy, view);
  nudge_test_spin (10);
  g_assert_true (nudge_calendar_view_is_loaded (NUDGE_CALENDAR_VIEW (view)));
  filled = nudge_calendar_view_dup_day_titles (NUDGE_CALENDAR_VIEW (view), 2026, 11, 20);
  g_assert_cmpuint (g_strv_length (filled), ==, 5);
  g_object_unref (view);
  nudge_test_set_busy_check (nudge_test_calendar_busy, f->view);

  /* A worker's connection writes; the window's calendar follows */
  before = nudge_test_calendar_titles (f, 2026, 11, 26);
  g_assert_cmpuint (g_strv_length (before), ==, 0);
  g_assert_true (nudge_worker_run_sync (f->book.store, add_followup_job, (gpointer) "Call from the worker", &error));
  g_assert_no_error (error);
  nudge_test_spin (10);
  after = nudge_test_calendar_titles (f, 2026, 11, 26);
  g_assert_cmpuint (g_strv_length (after), ==, 1);
  g_assert_cmpstr (after[0], ==, "Call from the worker");
}

static guint
count_chips (GtkWidget *widget)
{
  guint n = gtk_widget_has_css_class (widget, "calendar-chip") ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    n += count_chips (c);
  return n;
}

/* A busy day's list is built when it is opened, and on a very busy day
 * only its first chips. */
static void
test_more_popup (NudgeTestCalendar *f,
                 gconstpointer      data)
{
  GtkWidget *button;
  GtkPopover *popover;
  guint chips;

  button = nudge_test_calendar_more_button (f->view, "+3 more");
  g_assert_nonnull (button);
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  nudge_test_spin (100);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_nonnull (popover);
  g_assert_cmpuint (count_chips (GTK_WIDGET (popover)), ==, 5);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));

  for (guint i = 0; i < 118; i++)
    {
      g_autofree char *title = g_strdup_printf ("Call %u", i);

      nudge_test_calendar_add (f, title, "call", nudge_test_prague (2026, 11, 27, 8, 0) + i * 60, FALSE, NULL);
    }
  nudge_test_spin (100);
  button = nudge_test_calendar_more_button (f->view, "+116 more");
  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  nudge_test_spin (200);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  chips = count_chips (GTK_WIDGET (popover));
  g_assert_cmpuint (chips, >, 0);
  g_assert_cmpuint (chips, <, 118);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}

/* A busy day's list fits in the window and scrolls; the button's tooltip
 * does not cover it. */
static void
test_more_popup_bounded (NudgeTestCalendar *f,
                         gconstpointer      data)
{
  GtkWidget *button;
  GtkPopover *popover;
  GtkWidget *scroller;
  GtkAdjustment *adjustment;
  double before;

  for (guint i = 0; i < 48; i++)
    {
      g_autofree char *title = g_strdup_printf ("Call %u", i);

      nudge_test_calendar_add (f, title, "call", nudge_test_prague (2026, 11, 27, 8, 0) + i * 60, FALSE, NULL);
    }
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 500);
  nudge_test_spin (200);
  button = nudge_test_calendar_more_button (f->view, "+46 more");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_has_tooltip (button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  nudge_test_spin (300);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_false (gtk_widget_get_has_tooltip (button));

  /* Bounded by the window, not by the number of follow-ups */
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (popover)), >, 0);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (popover)), <=, gtk_widget_get_height (f->window));

  /* and the rest is reached by scrolling */
  scroller = nudge_test_find_widget (GTK_WIDGET (popover), GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scroller);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));
  before = gtk_adjustment_get_value (adjustment);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  nudge_test_spin (100);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, before);

  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  nudge_test_spin (100);
  g_assert_true (gtk_widget_get_has_tooltip (button));
}

static void
test_new_on_day (NudgeTestCalendar *f,
                 gconstpointer      data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  NudgeFollowupEditor *editor = NULL;
  int year, month, day;

  nudge_calendar_view_select_day (NUDGE_CALENDAR_VIEW (f->view), 2026, 11, 27);
  gtk_widget_activate_action (f->view, "calendar.new", NULL);
  nudge_test_spin (100);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (NUDGE_IS_FOLLOWUP_EDITOR (w))
        editor = NUDGE_FOLLOWUP_EDITOR (w);
    }
  g_assert_nonnull (editor);
  g_assert_true (nudge_date_time_entry_get_date (nudge_followup_editor_get_when_entry (editor), &year, &month, &day));
  g_assert_cmpint (day, ==, 27);
  g_assert_cmpint (month, ==, 11);
  g_assert_cmpint (year, ==, 2026);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_export_dialog (NudgeTestCalendar *f,
                    gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->book.dir, "export.ics", NULL);
  g_autofree char *contents = NULL;
  NudgeExportDialog *dialog = nudge_export_dialog_present (GTK_WINDOW (f->window), nudge_test_context (f->book.store, NULL));
  GtkSwitch *recurring = GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (dialog), NUDGE_TYPE_EXPORT_DIALOG,
                                                                    "recurring_switch"));
  AdwComboRow *format = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (dialog), NUDGE_TYPE_EXPORT_DIALOG,
                                                                      "format_row"));

  nudge_test_spin (100);
  /* Tasks, without the repeating reminders */
  gtk_switch_set_active (recurring, FALSE);
  adw_combo_row_set_selected (format, 1);
  g_assert_true (nudge_export_dialog_export_to (dialog, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "BEGIN:VCALENDAR\r\n"));
  g_assert_nonnull (strstr (contents, "BEGIN:VTODO"));
  g_assert_null (strstr (contents, "BEGIN:VEVENT"));
  g_assert_nonnull (strstr (contents, "SUMMARY:Send offer\r\n"));
  g_assert_null (strstr (contents, "RRULE:FREQ=WEEKLY"));
  g_assert_null (strstr (contents, "Weekly check-in"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_unlink (path);
}

/* A phone's width shows the week's agenda, not a month of "09:…" chips
 * (a day column too narrow for "+3 dalších" shows "+3": the squeezer) */
static gboolean
calendar_narrow (gpointer view)
{
  return nudge_view_get_narrow (NUDGE_VIEW (view));
}

static gboolean
calendar_wide (gpointer view)
{
  return !nudge_view_get_narrow (NUDGE_VIEW (view));
}

static void
test_more_narrow (NudgeTestCalendar *f,
                  gconstpointer      data)
{
  /* A phone's width shows the week's agenda, whole titles and all, and
   * no Month or Week choice; the month again when wide. (The window
   * takes its new size when the X server says so: later on a busy
   * machine.) */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 760);
  nudge_test_wait_until (calendar_narrow, f->view);
  nudge_test_spin (300);
  g_assert_null (nudge_test_find (f->view, NUDGE_TEST_MAPPED, nudge_test_reads, "+3"));
  g_assert_nonnull (nudge_test_find (f->view, NUDGE_TEST_MAPPED, nudge_test_reads, "Contract review"));
  g_assert_null (nudge_test_find (f->view, NUDGE_TEST_MAPPED, nudge_test_is_named, "month-button"));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 760);
  nudge_test_wait_until (calendar_wide, f->view);
  nudge_test_spin (300);
  g_assert_nonnull (nudge_test_find (f->view, NUDGE_TEST_MAPPED, nudge_test_reads, "+3 more"));
  g_assert_nonnull (nudge_test_find (f->view, NUDGE_TEST_MAPPED, nudge_test_is_named, "month-button"));
}

/* An all-day follow-up kept in Prague shows on its own day also when
 * the computer's zone is New York (where its start is the evening
 * before) or Tokyo. */
static void
test_all_day_other_zone (NudgeTestCalendar *f,
                         gconstpointer      data)
{
  const char *zones[] = { "America/New_York", "Asia/Tokyo" };

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autofree char *title = g_strdup_printf ("Board meeting %u", z);
      g_auto(GStrv) fair = NULL;
      g_auto(GStrv) before = NULL;
      g_auto(GStrv) board = NULL;

      g_setenv ("TZ", zones[z], TRUE);
      /* Added in the new zone: the view reads its month again. */
      nudge_test_calendar_add (f, title, "task", nudge_test_prague (2026, 11, 26, 0, 0), TRUE, NULL);
      nudge_test_spin (300);
      fair = nudge_test_calendar_titles (f, 2026, 11, 25);
      before = nudge_test_calendar_titles (f, 2026, 11, 24);
      board = nudge_test_calendar_titles (f, 2026, 11, 26);
      g_assert_true (g_strv_contains ((const char * const *) fair, "Trade fair"));
      g_assert_false (g_strv_contains ((const char * const *) before, "Trade fair"));
      g_assert_true (g_strv_contains ((const char * const *) board, title));
      g_assert_false (g_strv_contains ((const char * const *) fair, title));
    }
  g_setenv ("TZ", NUDGE_TEST_CALENDAR_TZID, TRUE);
}

static gboolean
ends_with (GtkWidget     *widget,
           gconstpointer  suffix)
{
  return GTK_IS_LABEL (widget) && g_str_has_suffix (gtk_label_get_text (GTK_LABEL (widget)), suffix);
}

/* December 2026 in Czechia: Christmas Eve, Christmas Day, the Second
 * Day of Christmas and New Year's Day (in the grid's last week) are
 * named on their days, in the week's agenda too; without holidays,
 * none is. */
static void
test_holidays (NudgeTestCalendar *f,
               gconstpointer      data)
{
  GtkWidget *eve;

  nudge_test_use_holidays (NUDGE_HOLIDAYS_CZECHIA);
  nudge_calendar_view_select_day (NUDGE_CALENDAR_VIEW (f->view), 2026, 12, 15);
  nudge_test_spin (100);
  g_assert_cmpuint (count_widgets (f->view, "calendar-holiday", NULL), ==, 4);
  g_assert_cmpuint (count_widgets (f->view, "holiday", NULL), ==, 4);
  eve = nudge_test_find_label (f->view, "Christmas Eve");
  g_assert_nonnull (eve);
  g_assert_true (gtk_widget_has_css_class (eve, "dim-label"));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (gtk_widget_get_parent (eve)), "holiday"));
  g_assert_nonnull (nudge_test_find_label (f->view, "New Year’s Day"));

  nudge_calendar_view_select_day (NUDGE_CALENDAR_VIEW (f->view), 2026, 12, 24);
  gtk_widget_activate_action (f->view, "calendar.mode", "s", "week");
  nudge_test_spin (100);
  g_assert_nonnull (nudge_test_find (f->view, NUDGE_TEST_MAPPED, ends_with, " · Christmas Eve"));
  g_assert_nonnull (nudge_test_find (f->view, NUDGE_TEST_MAPPED, ends_with, " · Second Day of Christmas"));

  nudge_test_use_holidays (NUDGE_HOLIDAYS_NONE);
  gtk_widget_activate_action (f->view, "calendar.mode", "s", "month");
  gtk_widget_activate_action (f->view, "calendar.next", NULL);
  gtk_widget_activate_action (f->view, "calendar.previous", NULL);
  nudge_test_spin (100);
  g_assert_null (nudge_test_find (f->view, NUDGE_TEST_MAPPED, ends_with, "Christmas Eve"));
  g_assert_cmpuint (count_widgets (f->view, "calendar-holiday", NULL), ==, 0);
}

/* A follow-up done reads as done in the week's agenda too, as its chip
 * does in the month: dimmed and struck through; the others as before. */
static void
test_agenda_done (NudgeTestCalendar *f,
                  gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  g_assert_true (nudge_followups_complete (f->book.store, f->offer, 0, &error));
  g_assert_no_error (error);
  nudge_test_spin (300);
  g_assert_cmpuint (count_widgets (f->view, "done", NULL), ==, 1);

  /* The week of the 12th, the one before today's */
  gtk_widget_activate_action (f->view, "calendar.mode", "s", "week");
  gtk_widget_activate_action (f->view, "calendar.previous", NULL);
  nudge_test_spin (300);
  row = nudge_test_find (f->view, NUDGE_TEST_MAPPED, nudge_test_is_row_titled, "Send offer");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_has_css_class (row, "calendar-done"));

  /* Today's week: what is still to do reads as before */
  gtk_widget_activate_action (f->view, "calendar.next", NULL);
  nudge_test_spin (300);
  row = nudge_test_find (f->view, NUDGE_TEST_MAPPED, nudge_test_is_row_titled, "Follow up Novák");
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_has_css_class (row, "calendar-done"));
}

/* A day's heading in the week's agenda starts with a capital, also
 * where the language writes weekdays in lower case (pl, uk). */
static void
test_agenda_heading_capital (NudgeTestCalendar *f,
                             gconstpointer      data)
{
  if (setlocale (LC_TIME, "pl_PL.UTF-8") == NULL)
    {
      g_test_skip ("pl_PL.UTF-8 is not available (tests/make-locales.sh makes it)");
      return;
    }
  nudge_calendar_view_select_day (NUDGE_CALENDAR_VIEW (f->view), 2026, 12, 7);
  gtk_widget_activate_action (f->view, "calendar.mode", "s", "week");
  nudge_test_spin (100);
  g_assert_nonnull (nudge_test_find_label (f->view, "Poniedziałek 07.12.2026"));
  g_assert_null (nudge_test_find_label (f->view, "poniedziałek 07.12.2026"));
  setlocale (LC_TIME, "C.UTF-8");
  gtk_widget_activate_action (f->view, "calendar.mode", "s", "month");
  nudge_test_spin (50);
}


/* A busy day's list says which day it is and leads to the week's
 * agenda, on that day's first follow-up, where the day is worked
 * through row by row. */
static void
test_more_show_in_agenda (NudgeTestCalendar *f,
                          gconstpointer      data)
{
  GtkWidget *button = nudge_test_calendar_more_button (f->view, "+3 more");
  GtkPopover *popover;
  GtkWidget *show;
  GtkWidget *focus;

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  nudge_test_spin (100);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_nonnull (popover);
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (popover), "5 follow-ups"));
  show = nudge_test_find_named (GTK_WIDGET (popover), "show-in-agenda");
  g_assert_nonnull (show);
  g_signal_emit_by_name (show, "clicked");
  nudge_test_spin (300);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (nudge_test_find_widget (f->view, GTK_TYPE_STACK))), ==, "week");
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (nudge_test_is_row_titled (focus, "Invoice"));

  /* Done from the row's menu: the focus stays on the row */
  {
    g_autoptr(GVariant) target = nudge_test_menu_target (nudge_test_open_menu (f->view, focus), "calendar.done", "Mark as _Done");

    gtk_widget_activate_action_variant (f->view, "calendar.done", target);
    nudge_test_spin (300);
    focus = gtk_root_get_focus (GTK_ROOT (f->window));
    g_assert_nonnull (focus);
    g_assert_true (nudge_test_is_row_titled (focus, "Invoice"));
    g_assert_true (gtk_widget_has_css_class (focus, "calendar-done"));
  }
}

static gboolean
is_today_cell (GtkWidget     *widget,
               gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, "calendar-day") && gtk_widget_has_css_class (widget, "today");
}

/* Today's circled number is seen, not heard: the day's cell says it is
 * today to a screen reader, and no other day does. */
static void
test_today_named (NudgeTestCalendar *f,
                  gconstpointer      data)
{
  g_autofree char *date = nudge_format_date (nudge_test_prague (2026, 11, 18, 0, 0));
  g_autofree char *name = g_strdup_printf ("%s, today", date);
  g_autoptr(GPtrArray) cells = nudge_test_find_all (f->view, is_today_cell, NULL);

  g_assert_cmpuint (cells->len, ==, 1);
  gtk_test_accessible_assert_property (g_ptr_array_index (cells, 0), GTK_ACCESSIBLE_PROPERTY_LABEL, name);
}

int
main (int argc, char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "month-grid", NUDGE_TEST_FUNC (test_month_grid) },
    { "reschedule-drop", NUDGE_TEST_FUNC (test_reschedule_drop) },
    { "worker-fill", NUDGE_TEST_FUNC (test_worker_fill) },
    { "more-narrow", NUDGE_TEST_FUNC (test_more_narrow) },
    { "more-popup", NUDGE_TEST_FUNC (test_more_popup) },
    { "more-popup-bounded", NUDGE_TEST_FUNC (test_more_popup_bounded) },
    { "new-on-day", NUDGE_TEST_FUNC (test_new_on_day) },
    { "export-dialog", NUDGE_TEST_FUNC (test_export_dialog) },
    { "all-day-other-zone", NUDGE_TEST_FUNC (test_all_day_other_zone) },
    { "holidays", NUDGE_TEST_FUNC (test_holidays) },
    { "agenda-done", NUDGE_TEST_FUNC (test_agenda_done) },
    { "agenda-heading-capital", NUDGE_TEST_FUNC (test_agenda_heading_capital) },
    { "more-show-in-agenda", NUDGE_TEST_FUNC (test_more_show_in_agenda) },
    { "today-named", NUDGE_TEST_FUNC (test_today_named) },
  };

  /* Accessible names kept for the tests to read, whatever the session */
  g_setenv ("GTK_A11Y", "test", TRUE);
  nudge_test_ui_init (&argc, &argv, "C.UTF-8");

  nudge_test_add_table ("/ui/calendar/", NudgeTestCalendar, nudge_test_calendar_set_up, nudge_test_window_tear_down, cases);
  return g_test_run ();
}
