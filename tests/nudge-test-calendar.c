/* nudge-test-calendar.c — the Calendar view's tests share one month
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "nudge-calendar-view.h"
#include "nudge-test-calendar.h"
#include "nudge-test-core.h"

gint64
nudge_test_calendar_add (NudgeTestCalendar *f,
                         const char        *title,
                         const char        *kind,
                         gint64             due,
                         gboolean           all_day,
                         const char        *rrule)
{
  NudgeFollowupSpec spec;

  nudge_test_call_spec (&spec, title, due, 0);
  spec.kind = kind;
  spec.all_day = all_day;
  spec.rrule = rrule;
  return nudge_test_create_followup (f->book.store, &spec);
}

gboolean
nudge_test_calendar_busy (gpointer view)
{
  return !nudge_calendar_view_is_loaded (NUDGE_CALENDAR_VIEW (view));
}

void
nudge_test_calendar_set_up (NudgeTestCalendar *f,
                            gconstpointer      data)
{
  GtkWidget *overlay;

  nudge_test_book_open_at (&f->book, "ui-calendar", nudge_test_prague (2026, 11, 18, 9, 0));

  /* A demo-like month: overdue, today, a busy day, all-day, repeating */
  f->offer = nudge_test_calendar_add (f, "Send offer", "email", nudge_test_prague (2026, 11, 12, 10, 0), FALSE, NULL);
  f->weekly = nudge_test_calendar_add (f, "Weekly check-in", "call",
                                       nudge_test_prague (2026, 11, 2, 9, 0), FALSE, "FREQ=WEEKLY;BYDAY=MO");
  nudge_test_calendar_add (f, "Follow up Novák", "call", nudge_test_prague (2026, 11, 18, 14, 30), FALSE, NULL);
  nudge_test_calendar_add (f, "Invoice", "task", nudge_test_prague (2026, 11, 20, 11, 0), FALSE, NULL);
  nudge_test_calendar_add (f, "Call Kowalski", "call", nudge_test_prague (2026, 11, 20, 12, 0), FALSE, NULL);
  nudge_test_calendar_add (f, "Quote Київ", "meeting", nudge_test_prague (2026, 11, 20, 13, 0), FALSE, NULL);
  nudge_test_calendar_add (f, "Contract review", "meeting", nudge_test_prague (2026, 11, 20, 15, 0), FALSE, NULL);
  nudge_test_calendar_add (f, "Demo for Łódź", "meeting", nudge_test_prague (2026, 11, 20, 17, 0), FALSE, NULL);
  nudge_test_calendar_add (f, "Trade fair", "task", nudge_test_prague (2026, 11, 25, 0, 0), TRUE, NULL);
  nudge_test_calendar_add (f, "Next year", "task", nudge_test_prague (2027, 1, 15, 10, 0), FALSE, NULL);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 760);
  f->view = nudge_calendar_view_new (nudge_test_context (f->book.store, NULL));
  /* Toasts, with their Undo, show as in the app's window. */
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), f->view);
  gtk_window_set_child (GTK_WINDOW (f->window), overlay);
  gtk_window_present (GTK_WINDOW (f->window));
  nudge_test_set_busy_check (nudge_test_calendar_busy, f->view);
  nudge_test_spin (200);
}

GStrv
nudge_test_calendar_titles (NudgeTestCalendar *f,
                            int                year,
                            int                month,
                            int                day)
{
  return nudge_calendar_view_dup_day_titles (NUDGE_CALENDAR_VIEW (f->view), year, month, day);
}

GtkWidget *
nudge_test_calendar_more_button (GtkWidget  *widget,
                                 const char *label)
{
  if (GTK_IS_POPOVER (widget))
    return NULL;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), label) == 0 &&
      gtk_widget_get_ancestor (widget, GTK_TYPE_MENU_BUTTON))
    return gtk_widget_get_ancestor (widget, GTK_TYPE_MENU_BUTTON);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = nudge_test_calendar_more_button (c, label);

      if (found)
        return found;
    }
  return NULL;
}

GtkWidget *
nudge_test_calendar_chip (NudgeTestCalendar *f,
                          const char        *text)
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
