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
#include "nudge-test-core.h"
#include "nudge-test-ui.h"
#include "nudge-worker.h"

#define TZID "Europe/Prague"

typedef struct
{
  NudgeTestBook book;
  GtkWidget  *window;
  GtkWidget  *view;
  gint64      offer;
  gint64      weekly;
} Fixture;

static gint64
add (Fixture    *f,
     const char *title,
     const char *kind,
     gint64      due,
     gboolean    all_day,
     const char *rrule)
{
  NudgeFollowupSpec spec;

  nudge_test_call_spec (&spec, title, due, 0);
  spec.kind = kind;
  spec.all_day = all_day;
  spec.rrule = rrule;
  return nudge_test_create_followup (f->book.store, &spec);
}

static gboolean
calendar_busy (gpointer view)
{
  return !nudge_calendar_view_is_loaded (NUDGE_CALENDAR_VIEW (view));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *overlay;

  nudge_test_book_open_at (&f->book, "ui-calendar", nudge_test_prague (2026, 11, 18, 9, 0));

  /* A demo-like month: overdue, today, a busy day, all-day, repeating */
  f->offer = add (f, "Send offer", "email", nudge_test_prague (2026, 11, 12, 10, 0), FALSE, NULL);
  f->weekly = add (f, "Weekly check-in", "call", nudge_test_prague (2026, 11, 2, 9, 0), FALSE, "FREQ=WEEKLY;BYDAY=MO");
  add (f, "Follow up Novák", "call", nudge_test_prague (2026, 11, 18, 14, 30), FALSE, NULL);
  add (f, "Invoice", "task", nudge_test_prague (2026, 11, 20, 11, 0), FALSE, NULL);
  add (f, "Call Kowalski", "call", nudge_test_prague (2026, 11, 20, 12, 0), FALSE, NULL);
  add (f, "Quote Київ", "meeting", nudge_test_prague (2026, 11, 20, 13, 0), FALSE, NULL);
  add (f, "Contract review", "meeting", nudge_test_prague (2026, 11, 20, 15, 0), FALSE, NULL);
  add (f, "Demo for Łódź", "meeting", nudge_test_prague (2026, 11, 20, 17, 0), FALSE, NULL);
  add (f, "Trade fair", "task", nudge_test_prague (2026, 11, 25, 0, 0), TRUE, NULL);
  add (f, "Next year", "task", nudge_test_prague (2027, 1, 15, 10, 0), FALSE, NULL);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 760);
  f->view = nudge_calendar_view_new (nudge_test_context (f->book.store, NULL));
  /* Toasts, with their Undo, show as in the app's window. */
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), f->view);
  gtk_window_set_child (GTK_WINDOW (f->window), overlay);
  gtk_window_present (GTK_WINDOW (f->window));
  nudge_test_set_busy_check (calendar_busy, f->view);
  nudge_test_spin (200);
}

static GStrv
titles (Fixture *f,
        int      year,
        int      month,
        int      day)
{
  return nudge_calendar_view_dup_day_titles (NUDGE_CALENDAR_VIEW (f->view), year, month, day);
}

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
test_month_grid (Fixture       *f,
                 gconstpointer  data)
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

  busy = titles (f, 2026, 11, 20);
  g_assert_nonnull (busy);
  g_assert_cmpuint (g_strv_length (busy), ==, 5);
  g_assert_cmpstr (busy[0], ==, "Invoice");
  g_assert_cmpstr (busy[4], ==, "Demo for Łódź");
  today = titles (f, 2026, 11, 18);
  g_assert_cmpuint (g_strv_length (today), ==, 1);
  g_assert_cmpstr (today[0], ==, "Follow up Novák");
  fair = titles (f, 2026, 11, 25);
  g_assert_cmpuint (g_strv_length (fair), ==, 1);
  g_assert_cmpstr (fair[0], ==, "Trade fair");
  monday = titles (f, 2026, 11, 23);
  g_assert_cmpuint (g_strv_length (monday), ==, 1);
  g_assert_cmpstr (monday[0], ==, "Weekly check-in");
  /* Only the visible range: January is not there */
  far = titles (f, 2027, 1, 15);
  g_assert_null (far);

  /* The grid starts on the locale's first weekday */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, 11, 2026);
  lead = ((int) g_date_get_weekday (&date) - (int) nudge_locale_first_weekday () + 7) % 7;
  g_date_subtract_days (&date, lead);
  first = titles (f, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
  g_assert_nonnull (first);
  g_date_subtract_days (&date, 1);
  before = titles (f, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
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
  g_assert_null (titles (f, 2026, 11, 20));
  {
    g_auto(GStrv) dec = titles (f, 2026, 12, 7);
    g_assert_cmpuint (g_strv_length (dec), ==, 1);
  }
  gtk_widget_activate_action (f->view, "calendar.today", NULL);
  nudge_test_spin (10);
  busy = titles (f, 2026, 11, 20);
  g_assert_cmpuint (g_strv_length (busy), ==, 5);

  /* Week mode shows the selected week only */
  gtk_widget_activate_action (f->view, "calendar.mode", "s", "week");
  nudge_test_spin (10);
  g_clear_pointer (&busy, g_strfreev);
  busy = titles (f, 2026, 11, 20);
  g_assert_cmpuint (g_strv_length (busy), ==, 5);
  g_assert_null (titles (f, 2026, 11, 12));
}

static void
test_reschedule_drop (Fixture       *f,
                      gconstpointer  data)
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
  moved = titles (f, 2026, 11, 19);
  g_assert_cmpuint (g_strv_length (moved), ==, 1);
  g_assert_cmpstr (moved[0], ==, "Send offer");
  g_clear_pointer (&moved, g_strfreev);
  nudge_test_spin (100);
  moved = titles (f, 2026, 11, 19);
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
  monday = titles (f, 2026, 11, 23);
  tuesday = titles (f, 2026, 11, 24);
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
  monday = titles (f, 2026, 11, 23);
  tuesday = titles (f, 2026, 11, 24);
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
  spec.tzid = TZID;
  spec.due_at = nudge_test_prague (2026, 11, 26, 10, 0);
  return nudge_followups_create (store, &spec, error) > 0;
}

static void
test_worker_fill (Fixture       *f,
                  gconstpointer  data)
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
  nudge_test_set_busy_check (calendar_busy, view);
  nudge_test_spin (10);
  g_assert_true (nudge_calendar_view_is_loaded (NUDGE_CALENDAR_VIEW (view)));
  filled = nudge_calendar_view_dup_day_titles (NUDGE_CALENDAR_VIEW (view), 2026, 11, 20);
  g_assert_cmpuint (g_strv_length (filled), ==, 5);
  g_object_unref (view);
  nudge_test_set_busy_check (calendar_busy, f->view);

  /* A worker's connection writes; the window's calendar follows */
  before = titles (f, 2026, 11, 26);
  g_assert_cmpuint (g_strv_length (before), ==, 0);
  g_assert_true (nudge_worker_run_sync (f->book.store, add_followup_job, (gpointer) "Call from the worker", &error));
  g_assert_no_error (error);
  nudge_test_spin (10);
  after = titles (f, 2026, 11, 26);
  g_assert_cmpuint (g_strv_length (after), ==, 1);
  g_assert_cmpstr (after[0], ==, "Call from the worker");
}

static GtkWidget *
find_more_button (GtkWidget  *widget,
                  const char *label)
{
  if (GTK_IS_POPOVER (widget))
    return NULL;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), label) == 0 &&
      gtk_widget_get_ancestor (widget, GTK_TYPE_MENU_BUTTON))
    return gtk_widget_get_ancestor (widget, GTK_TYPE_MENU_BUTTON);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_more_button (c, label);

      if (found)
        return found;
    }
  return NULL;
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
test_more_popup (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *button;
  GtkPopover *popover;
  guint chips;

  button = find_more_button (f->view, "+3 more");
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

      add (f, title, "call", nudge_test_prague (2026, 11, 27, 8, 0) + i * 60, FALSE, NULL);
    }
  nudge_test_spin (100);
  button = find_more_button (f->view, "+116 more");
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
test_more_popup_bounded (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *button;
  GtkPopover *popover;
  GtkWidget *scroller;
  GtkAdjustment *adjustment;
  double before;

  for (guint i = 0; i < 48; i++)
    {
      g_autofree char *title = g_strdup_printf ("Call %u", i);

      add (f, title, "call", nudge_test_prague (2026, 11, 27, 8, 0) + i * 60, FALSE, NULL);
    }
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 500);
  nudge_test_spin (200);
  button = find_more_button (f->view, "+46 more");
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
test_new_on_day (Fixture       *f,
                 gconstpointer  data)
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
test_export_dialog (Fixture       *f,
                    gconstpointer  data)
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
test_more_narrow (Fixture       *f,
                  gconstpointer  data)
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
test_all_day_other_zone (Fixture       *f,
                         gconstpointer  data)
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
      add (f, title, "task", nudge_test_prague (2026, 11, 26, 0, 0), TRUE, NULL);
      nudge_test_spin (300);
      fair = titles (f, 2026, 11, 25);
      before = titles (f, 2026, 11, 24);
      board = titles (f, 2026, 11, 26);
      g_assert_true (g_strv_contains ((const char * const *) fair, "Trade fair"));
      g_assert_false (g_strv_contains ((const char * const *) before, "Trade fair"));
      g_assert_true (g_strv_contains ((const char * const *) board, title));
      g_assert_false (g_strv_contains ((const char * const *) fair, title));
    }
  g_setenv ("TZ", TZID, TRUE);
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
test_holidays (Fixture       *f,
               gconstpointer  data)
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
test_agenda_done (Fixture       *f,
                  gconstpointer  data)
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
test_agenda_heading_capital (Fixture       *f,
                             gconstpointer  data)
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

/* The chip titled @title in the month's day @day, or NULL */
static GtkWidget *
find_chip (Fixture    *f,
           const char *text)
{
  GPtrArray *chips = nudge_test_find_all (f->view, nudge_test_is_of_type, GSIZE_TO_POINTER (GTK_TYPE_BUTTON));
  GtkWidget *found = NULL;

  for (guint i = 0; i < chips->len && found == NULL; i++)
    {
      GtkWidget *chip = g_ptr_array_index (chips, i);
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (chip));

      if (gtk_widget_has_css_class (chip, "calendar-chip") && GTK_IS_LABEL (label) &&
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) == 0)
        found = chip;
    }
  g_ptr_array_unref (chips);
  return found;
}


/* A chip's menu marks it done without a mouse; the focus stays on the
 * day's chips once the month is drawn again, so the next one is a Tab
 * away. */
static void
test_menu_done (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GVariant) target = NULL;
  g_autoptr(NudgeFollowup) invoice = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *chip = find_chip (f, "11:00 Invoice");
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
  g_assert_true (focus == find_chip (f, "11:00 Invoice"));
  g_assert_true (focus != chip);
}

/* Done from the calendar on a deal's last open step asks what comes
 * next, as Today does; its Undo takes the Done back. */
static void
test_menu_done_asks_next_step (Fixture       *f,
                               gconstpointer  data)
{
  gint64 deal = nudge_test_add_titled_deal (f->book.store, "Fleet tracking");
  gint64 id = nudge_test_add_followup (f->book.store, deal, "Call Dvořák", nudge_test_prague (2026, 11, 19, 10, 0), NULL);
  g_autoptr(NudgeFollowup) call = NULL;

  nudge_test_spin (300);
  g_assert_nonnull (find_chip (f, "10:00 Call Dvořák"));
  gtk_widget_activate_action (f->view, "calendar.done", "(xx)", id, (gint64) 0);
  nudge_test_spin (300);

  call = nudge_store_get_followup (f->book.store, id, NULL);
  g_assert_cmpstr (nudge_followup_get_status (call), ==, "done");
  nudge_test_close_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG);
}

/* The keyboard's way to drag: the menu moves a follow-up a day on, and
 * an overdue one can be snoozed from it. */
static void
test_menu_move (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GVariant) target = NULL;
  g_auto(GStrv) day = NULL;
  GtkWidget *focus;
  GMenuModel *menu;

  menu = nudge_test_open_menu (f->view, find_chip (f, "10:00 Send offer"));
  g_assert_nonnull (nudge_test_menu_target (menu, "calendar.snooze", nudge_followups_snooze_label (NUDGE_SNOOZE_TOMORROW)));
  target = nudge_test_menu_target (menu, "calendar.reschedule", "Move to the _Next Day");
  g_assert_nonnull (target);
  /* Closed without a choice: the chip has its tooltip back */
  nudge_test_close_menu (f->view);
  g_assert_true (gtk_widget_get_has_tooltip (find_chip (f, "10:00 Send offer")));
  gtk_widget_activate_action_variant (f->view, "calendar.reschedule", target);
  nudge_test_spin (300);

  day = titles (f, 2026, 11, 13);
  g_assert_true (g_strv_contains ((const char * const *) day, "Send offer"));
  g_assert_nonnull (find_chip (f, "10:00 Send offer"));
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
test_menu_snooze (Fixture       *f,
                  gconstpointer  data)
{
  static const NudgeSnoozePreset presets[] = {
    NUDGE_SNOOZE_10_MINUTES, NUDGE_SNOOZE_1_HOUR, NUDGE_SNOOZE_TOMORROW, NUDGE_SNOOZE_NEXT_WEEK,
  };
  g_autoptr(GVariant) hour = NULL;
  g_autoptr(NudgeFollowup) offer = NULL;
  GMenuModel *menu;

  menu = nudge_test_open_menu (f->view, find_chip (f, "10:00 Send offer"));
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_autoptr(GVariant) target = nudge_test_menu_target (menu, "calendar.snooze", nudge_followups_snooze_label (presets[i]));

      g_assert_nonnull (target);
      if (presets[i] == NUDGE_SNOOZE_1_HOUR)
        hour = g_steal_pointer (&target);
    }
  nudge_test_close_menu (f->view);

  menu = nudge_test_open_menu (f->view, find_chip (f, "11:00 Invoice"));
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
test_more_right_click (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *button = find_more_button (f->view, "+3 more");
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

  chip = find_chip (f, "15:00 Contract review");
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

/* A busy day's list says which day it is and leads to the week's
 * agenda, on that day's first follow-up, where the day is worked
 * through row by row. */
static void
test_more_show_in_agenda (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *button = find_more_button (f->view, "+3 more");
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
test_focus_follows_day (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *focus;

  /* Today is the 18th; the focus goes to the 12th's chip */
  g_assert_true (gtk_widget_grab_focus (find_chip (f, "10:00 Send offer")));
  nudge_test_spin (50);
  g_assert_true (nudge_test_press_shortcut (f->view, "<Control>Return"));
  nudge_test_spin (100);
  assert_new_on (12);

  /* Two days on from the 18th's chip: the 20th's first chip */
  g_assert_true (gtk_widget_grab_focus (find_chip (f, "14:30 Follow up Novák")));
  g_assert_true (nudge_test_press_shortcut (f->view, "Right"));
  g_assert_true (nudge_test_press_shortcut (f->view, "Right"));
  nudge_test_spin (50);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus == find_chip (f, "11:00 Invoice"));

  /* A day without chips: the view holds the focus, and the next arrow
   * goes on from there */
  g_assert_true (nudge_test_press_shortcut (f->view, "Right"));
  nudge_test_spin (50);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == f->view);
  g_assert_true (nudge_test_press_shortcut (f->view, "Left"));
  nudge_test_spin (50);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == find_chip (f, "11:00 Invoice"));
  g_assert_true (nudge_test_press_shortcut (f->view, "<Control>Return"));
  nudge_test_spin (100);
  assert_new_on (20);
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
test_today_named (Fixture       *f,
                  gconstpointer  data)
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
    { "menu-done", NUDGE_TEST_FUNC (test_menu_done) },
    { "menu-done-asks-next-step", NUDGE_TEST_FUNC (test_menu_done_asks_next_step) },
    { "menu-move", NUDGE_TEST_FUNC (test_menu_move) },
    { "menu-snooze", NUDGE_TEST_FUNC (test_menu_snooze) },
    { "more-show-in-agenda", NUDGE_TEST_FUNC (test_more_show_in_agenda) },
    { "more-right-click", NUDGE_TEST_FUNC (test_more_right_click) },
    { "focus-follows-day", NUDGE_TEST_FUNC (test_focus_follows_day) },
    { "today-named", NUDGE_TEST_FUNC (test_today_named) },
  };

  /* Accessible names kept for the tests to read, whatever the session */
  g_setenv ("GTK_A11Y", "test", TRUE);
  nudge_test_ui_init (&argc, &argv, "C.UTF-8");

  nudge_test_add_table ("/ui/calendar/", Fixture, fixture_set_up, nudge_test_window_tear_down, cases);
  return g_test_run ();
}
