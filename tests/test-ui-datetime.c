/* test-ui-datetime.c — the one date-and-time field and the dialogs that
 * use it, on a UTC desktop (TZ pinned) with follow-ups in Europe/Prague
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "nudge-clock.h"
#include "nudge-date-time-entry.h"
#include "nudge-followup-editor.h"
#include "nudge-followups.h"
#include "nudge-store.h"
#include "nudge-test-core.h"
#include "nudge-today-view.h"
#include "nudge-test-ui.h"

#define PRAGUE "Europe/Prague"

typedef struct
{
  NudgeTestBook book;
  GtkWidget  *window;
} Fixture;

static gint64
utc (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

static const char *
date_text (NudgeDateTimeEntry *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (nudge_test_find_named (GTK_WIDGET (entry), "date-entry")));
}

static const char *
time_text (NudgeDateTimeEntry *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (nudge_test_find_named (GTK_WIDGET (entry), "time-entry")));
}

static GtkLabel *
info_label (NudgeDateTimeEntry *entry)
{
  return GTK_LABEL (nudge_test_find_named (GTK_WIDGET (entry), "info-label"));
}

static void
use_locale (const char *locale,
            const char *clock_format)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  g_assert_nonnull (setlocale (LC_ALL, locale));
  /* GNOME's clock-format where the schema is installed; without it the
   * locale decides, which gives the same clocks for these pairs. */
  if (source != NULL && (schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE)))
    {
      g_autoptr(GSettings) interface = g_settings_new ("org.gnome.desktop.interface");

      g_settings_set_string (interface, "clock-format", clock_format);
    }
}

/* The day names a calendar shows, in its column order. */
static void
collect_day_names (GtkWidget *widget,
                   GPtrArray *names)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_has_css_class (child, "day-name"))
        g_ptr_array_add (names, g_strdup (gtk_label_get_label (GTK_LABEL (child))));
      else
        collect_day_names (child, names);
    }
}

/* Which weekday a calendar starts on, 0 = Sunday: found against a
 * calendar made in en_US, which starts on Sunday. (GTK names the days
 * once per process, so the names alone do not tell the locale.) */
static int
first_weekday (GtkWidget *calendar)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) us_names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *locale = g_strdup (setlocale (LC_ALL, NULL));
  GtkWidget *us;

  setlocale (LC_ALL, "en_US.UTF-8");
  us = g_object_ref_sink (gtk_calendar_new ());
  setlocale (LC_ALL, locale);
  collect_day_names (us, us_names);
  collect_day_names (calendar, names);
  g_object_unref (us);
  g_assert_cmpuint (names->len, ==, 7);
  g_assert_cmpuint (us_names->len, ==, 7);
  for (guint i = 0; i < 7; i++)
    if (g_str_equal (g_ptr_array_index (us_names, i), g_ptr_array_index (names, 0)))
      return (int) i;
  g_assert_not_reached ();
  return -1;
}

static void
count_cb (int *counter)
{
  (*counter)++;
}

static GPtrArray *
all_followups (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  /* Any owner: every follow-up in the book. */
  GPtrArray *all = nudge_store_list_followups (f->book.store, NUDGE_ENTITY_COMPANY, 0, FALSE, &error);

  g_assert_no_error (error);
  return all;
}

static NudgeDateTimeEntry *
new_entry (Fixture *f)
{
  GtkWidget *entry = nudge_date_time_entry_new ();

  gtk_window_set_child (GTK_WINDOW (f->window), entry);
  gtk_window_present (GTK_WINDOW (f->window));
  return NUDGE_DATE_TIME_ENTRY (entry);
}

static void
assert_time (NudgeDateTimeEntry *entry,
             const char         *typed,
             gint64              expected)
{
  nudge_date_time_entry_set_text (entry, NULL, typed);
  if (!nudge_date_time_entry_get_valid (entry))
    g_error ("“%s” refused: %s", typed, nudge_date_time_entry_get_reason (entry));
  g_assert_null (nudge_date_time_entry_get_reason (entry));
  g_assert_cmpint (nudge_date_time_entry_get_unix (entry), ==, expected);
}

static void
assert_date (NudgeDateTimeEntry *entry,
             const char         *typed,
             int                 year,
             int                 month,
             int                 day)
{
  int y = 0, m = 0, d = 0;

  nudge_date_time_entry_set_text (entry, typed, NULL);
  if (!nudge_date_time_entry_get_valid (entry))
    g_error ("“%s” refused: %s", typed, nudge_date_time_entry_get_reason (entry));
  g_assert_true (nudge_date_time_entry_get_date (entry, &y, &m, &d));
  g_assert_cmpint (y, ==, year);
  g_assert_cmpint (m, ==, month);
  g_assert_cmpint (d, ==, day);
}

static void
assert_refused (NudgeDateTimeEntry *entry,
                const char         *date,
                const char         *time,
                const char         *reason_part)
{
  gint64 before = nudge_date_time_entry_get_unix (entry);

  nudge_date_time_entry_set_text (entry, date, time);
  g_assert_false (nudge_date_time_entry_get_valid (entry));
  g_assert_nonnull (nudge_date_time_entry_get_reason (entry));
  if (strstr (nudge_date_time_entry_get_reason (entry), reason_part) == NULL)
    g_error ("reason “%s” lacks “%s”", nudge_date_time_entry_get_reason (entry), reason_part);
  /* The last valid instant stays; the field only says it is not valid. */
  g_assert_cmpint (nudge_date_time_entry_get_unix (entry), ==, before);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  /* Tuesday 2026-12-01 08:00 on the UTC desktop */
  nudge_clock_pin (utc (2026, 12, 1, 8, 0));
  use_locale ("C.UTF-8", "24h");
  f->book.store = nudge_test_book_open ("ui-datetime", &f->book.dir, &f->book.path);
  f->window = gtk_window_new ();
}

/* en_US on a 12-hour desktop: 12/03/2026 and 2:30 PM, typed the many
 * ways people type times. */
static void
test_en_us_12h (Fixture       *f,
                gconstpointer  data)
{
  NudgeDateTimeEntry *entry;
  int y, m, d;

  use_locale ("en_US.UTF-8", "12h");
  entry = new_entry (f);
  nudge_date_time_entry_set_unix (entry, utc (2026, 12, 3, 14, 30));
  g_assert_cmpstr (date_text (entry), ==, "12/03/2026");
  g_assert_cmpstr (time_text (entry), ==, "2:30 PM");
  g_assert_true (nudge_date_time_entry_get_valid (entry));
  /* The desktop's own zone: no zone shown, only the day in words. */
  g_assert_cmpstr (gtk_label_get_label (info_label (entry)), ==, "Thursday");

  assert_time (entry, "9:00 PM", utc (2026, 12, 3, 21, 0));
  assert_time (entry, "9", utc (2026, 12, 3, 9, 0));
  assert_time (entry, "09:00", utc (2026, 12, 3, 9, 0));
  assert_time (entry, "9:05 p.m.", utc (2026, 12, 3, 21, 5));
  assert_time (entry, "12 AM", utc (2026, 12, 3, 0, 0));
  assert_time (entry, "12:15 pm", utc (2026, 12, 3, 12, 15));
  assert_time (entry, "7pm", utc (2026, 12, 3, 19, 0));
  assert_time (entry, "21:30", utc (2026, 12, 3, 21, 30));
  assert_refused (entry, NULL, "13 PM", "is not a time");
  g_assert_nonnull (strstr (nudge_date_time_entry_get_reason (entry), "9:00 AM"));
  assert_refused (entry, NULL, "half past nine", "is not a time");
  assert_refused (entry, NULL, "", "Type a time");
  assert_time (entry, "10:45 AM", utc (2026, 12, 3, 10, 45));

  assert_date (entry, "12/4/2026", 2026, 12, 4);
  g_assert_cmpint (nudge_date_time_entry_get_unix (entry), ==, utc (2026, 12, 4, 10, 45));
  assert_date (entry, "2026-12-05", 2026, 12, 5);
  assert_date (entry, "4/12/2026", 2026, 4, 12);   /* month first here */
  assert_date (entry, "1/2/27", 2027, 1, 2);
  assert_date (entry, "12/24", 2026, 12, 24);      /* this year */
  assert_refused (entry, "13/4/2026", NULL, "is not a date");
  /* The example is today, as this locale writes it, and ISO 8601. */
  g_assert_nonnull (strstr (nudge_date_time_entry_get_reason (entry), "12/01/2026"));
  g_assert_nonnull (strstr (nudge_date_time_entry_get_reason (entry), "2026-12-01"));
  assert_refused (entry, "2026-02-30", NULL, "is not a date");
  assert_refused (entry, "", NULL, "Type a date");
  g_assert_false (nudge_date_time_entry_get_date (entry, &y, &m, &d));

  /* Sunday first, as in the US: the first column is named as a Sunday. */
  {
    GtkWidget *calendar = nudge_test_find_widget (GTK_WIDGET (entry), GTK_TYPE_CALENDAR);
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GDateTime) sunday = g_date_time_new_utc (2026, 11, 29, 12, 0, 0);
    g_autofree char *name = g_date_time_format (sunday, "%a");

    collect_day_names (calendar, names);
    g_assert_cmpuint (names->len, ==, 7);
    g_assert_cmpstr (g_ptr_array_index (names, 0), ==, name);
    g_assert_cmpint (first_weekday (calendar), ==, 0);
  }
}

/* Czech, Polish and Ukrainian on a 24-hour desktop, weeks from Monday. */
static void
test_24h_locales (Fixture       *f,
                  gconstpointer  data)
{
  static const struct { const char *locale; const char *date; const char *thursday; } cases[] = {
    { "cs_CZ.UTF-8", "3.12.2026", "Čtvrtek" },
    { "pl_PL.UTF-8", "03.12.2026", "Czwartek" },
    { "uk_UA.UTF-8", "03.12.2026", "Четвер" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      NudgeDateTimeEntry *entry;
      GtkWidget *calendar;
      g_autofree char *own = NULL;

      use_locale (cases[i].locale, "24h");
      entry = new_entry (f);
      nudge_date_time_entry_set_unix (entry, utc (2026, 12, 3, 14, 30));
      g_assert_cmpstr (date_text (entry), ==, cases[i].date);
      g_assert_cmpstr (time_text (entry), ==, "14:30");

      assert_time (entry, "9:15", utc (2026, 12, 3, 9, 15));
      assert_time (entry, "9.15", utc (2026, 12, 3, 9, 15));
      assert_time (entry, "9", utc (2026, 12, 3, 9, 0));
      assert_time (entry, "2130", utc (2026, 12, 3, 21, 30));
      assert_refused (entry, NULL, "24:00", "14:30");
      assert_time (entry, "08:00", utc (2026, 12, 3, 8, 0));

      assert_date (entry, "24.12.2026", 2026, 12, 24);   /* day first here */
      assert_date (entry, "3. 1. 2027", 2027, 1, 3);
      assert_date (entry, "2026-11-30", 2026, 11, 30);
      own = g_strdup (date_text (entry));
      assert_date (entry, own, 2026, 11, 30);   /* its own text reads back */
      assert_refused (entry, "31.11.2026", NULL, "2026-12-01");

      calendar = nudge_test_find_widget (GTK_WIDGET (entry), GTK_TYPE_CALENDAR);
      g_assert_cmpint (first_weekday (calendar), ==, 1);   /* Monday */

      /* Its day in words beside it starts with a capital, as "Tomorrow"
       * does (glibc writes "čtvrtek") */
      nudge_date_time_entry_set_unix (entry, utc (2026, 12, 24, 14, 30));
      g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (entry), cases[i].thursday));
    }
}

/* A follow-up's own zone: the time is shown and read there, with the zone
 * and the desktop's time of the same instant under the field. */
static void
test_foreign_zone (Fixture       *f,
                   gconstpointer  data)
{
  NudgeDateTimeEntry *entry = new_entry (f);
  const char *info;

  nudge_date_time_entry_set_time_zone (entry, PRAGUE);
  nudge_date_time_entry_set_unix (entry, utc (2026, 12, 3, 15, 0));
  g_assert_cmpstr (time_text (entry), ==, "16:00");
  g_assert_cmpstr (date_text (entry), ==, "12/03/2026");
  info = gtk_label_get_label (info_label (entry));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (info_label (entry))));
  g_assert_nonnull (strstr (info, "Europe/Prague"));
  g_assert_nonnull (strstr (info, "15:00 your time"));

  /* Typed in Prague. */
  assert_time (entry, "17:30", utc (2026, 12, 3, 16, 30));
  g_assert_nonnull (strstr (gtk_label_get_label (info_label (entry)), "16:30 your time"));
  /* Near midnight the desktop's day differs, and says so. */
  assert_time (entry, "0:30", utc (2026, 12, 2, 23, 30));
  g_assert_nonnull (strstr (gtk_label_get_label (info_label (entry)), "12/02/2026 23:30 your time"));
  assert_time (entry, "17:30", utc (2026, 12, 3, 16, 30));

  /* Back to the desktop's zone: the same instant, on its clock, no zone. */
  nudge_date_time_entry_set_time_zone (entry, NULL);
  g_assert_cmpint (nudge_date_time_entry_get_unix (entry), ==, utc (2026, 12, 3, 16, 30));
  g_assert_cmpstr (time_text (entry), ==, "16:30");
  g_assert_null (strstr (gtk_label_get_label (info_label (entry)), "Europe/Prague"));

  /* Another name for the desktop's rules is not another zone. */
  nudge_date_time_entry_set_time_zone (entry, "Etc/UTC");
  g_assert_cmpstr (time_text (entry), ==, "16:30");
  g_assert_null (strstr (gtk_label_get_label (info_label (entry)), "Etc/UTC"));
}

/* A field on 3 December 2026, 16:00 in Prague (@entry), its calendar
 * (@calendar) open */
static GtkPopover *
open_calendar_on_3_december (Fixture             *f,
                             NudgeDateTimeEntry **out_entry,
                             GtkCalendar        **calendar)
{
  NudgeDateTimeEntry *entry = *out_entry = new_entry (f);
  GtkMenuButton *button;

  nudge_date_time_entry_set_time_zone (entry, PRAGUE);
  nudge_date_time_entry_set_unix (entry, utc (2026, 12, 3, 15, 0));
  nudge_test_spin (100);
  button = GTK_MENU_BUTTON (nudge_test_find_named (GTK_WIDGET (entry), "calendar-button"));
  *calendar = GTK_CALENDAR (nudge_test_find_widget (GTK_WIDGET (entry), GTK_TYPE_CALENDAR));
  gtk_menu_button_popup (button);
  nudge_test_spin (100);
  return gtk_menu_button_get_popover (button);
}

/* A day picked in the calendar popover: the date changes, the time of
 * day in the field's zone stays, the popover closes. It opens on the
 * field's day. */
static void
test_calendar_popover (Fixture       *f,
                       gconstpointer  data)
{
  NudgeDateTimeEntry *entry;
  GtkCalendar *calendar;
  GtkPopover *popover = open_calendar_on_3_december (f, &entry, &calendar);
  g_autoptr(GDateTime) shown = NULL;
  g_autoptr(GDateTime) pick = g_date_time_new_local (2026, 12, 10, 12, 0, 0);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  shown = gtk_calendar_get_date (calendar);
  g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 3);
  g_assert_cmpint (g_date_time_get_month (shown), ==, 12);
  /* Opening it changed nothing. */
  g_assert_cmpint (nudge_date_time_entry_get_unix (entry), ==, utc (2026, 12, 3, 15, 0));

  gtk_calendar_select_day (calendar, pick);
  nudge_test_spin (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpstr (date_text (entry), ==, "12/10/2026");
  g_assert_cmpstr (time_text (entry), ==, "16:00");
  g_assert_cmpint (nudge_date_time_entry_get_unix (entry), ==, utc (2026, 12, 10, 15, 0));
}

/* The calendar at the keyboard: the arrow keys move from the field's
 * day, a day or a week, and change nothing until Enter picks the day. */
static void
test_calendar_keys (Fixture       *f,
                    gconstpointer  data)
{
  NudgeDateTimeEntry *entry;
  GtkCalendar *calendar;
  GtkPopover *popover = open_calendar_on_3_december (f, &entry, &calendar);
  const guint keys[] = { GDK_KEY_Right, GDK_KEY_Down, GDK_KEY_Left };
  const int days[] = { 4, 11, 10 };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GDateTime) shown = NULL;

      g_assert_true (nudge_test_press_key (GTK_WIDGET (calendar), keys[i], 0));
      nudge_test_spin (20);
      shown = gtk_calendar_get_date (calendar);
      g_assert_cmpint (g_date_time_get_month (shown), ==, 12);
      g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, days[i]);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
      g_assert_cmpstr (date_text (entry), ==, "12/03/2026");
    }

  g_assert_true (nudge_test_press_key (GTK_WIDGET (calendar), GDK_KEY_Return, 0));
  nudge_test_spin (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpstr (date_text (entry), ==, "12/10/2026");
  g_assert_cmpint (nudge_date_time_entry_get_unix (entry), ==, utc (2026, 12, 10, 15, 0));
}

/* DST days in Prague, RFC 5545: a time in the spring-forward gap takes
 * the offset before it, a repeated hour is its first occurrence; showing
 * the second one does not move it. */
static void
test_dst_days (Fixture       *f,
               gconstpointer  data)
{
  NudgeDateTimeEntry *entry = new_entry (f);

  nudge_date_time_entry_set_time_zone (entry, PRAGUE);
  nudge_date_time_entry_set_text (entry, "2026-03-29", "1:30");
  g_assert_cmpint (nudge_date_time_entry_get_unix (entry), ==, utc (2026, 3, 29, 0, 30));
  assert_time (entry, "2:30", utc (2026, 3, 29, 1, 30));
  assert_time (entry, "3:30", utc (2026, 3, 29, 1, 30));
  assert_time (entry, "12:00", utc (2026, 3, 29, 10, 0));

  nudge_date_time_entry_set_text (entry, "2026-10-25", "2:30");
  g_assert_cmpint (nudge_date_time_entry_get_unix (entry), ==, utc (2026, 10, 25, 0, 30));
  assert_time (entry, "3:30", utc (2026, 10, 25, 2, 30));

  nudge_date_time_entry_set_unix (entry, utc (2026, 10, 25, 1, 30));   /* the second 02:30 */
  g_assert_cmpstr (time_text (entry), ==, "02:30");
  g_assert_cmpint (nudge_date_time_entry_get_unix (entry), ==, utc (2026, 10, 25, 1, 30));

  nudge_date_time_entry_set_unix (entry, utc (2026, 3, 29, 10, 0));
  g_assert_cmpstr (time_text (entry), ==, "12:00");
}

/* Date only (an expected close date): no time, and empty is allowed when
 * the field is optional. */
static void
test_date_only (Fixture       *f,
                gconstpointer  data)
{
  NudgeDateTimeEntry *entry = new_entry (f);
  g_autofree char *iso = NULL;
  g_autofree char *empty = NULL;
  int notified = 0;

  nudge_date_time_entry_set_show_time (entry, FALSE);
  nudge_date_time_entry_set_optional (entry, TRUE);
  g_assert_false (gtk_widget_get_visible (nudge_test_find_named (GTK_WIDGET (entry), "time-entry")));
  nudge_date_time_entry_set_unix (entry, 0);
  g_assert_cmpstr (date_text (entry), ==, "");
  g_assert_true (nudge_date_time_entry_get_valid (entry));
  empty = nudge_date_time_entry_dup_iso_date (entry);
  g_assert_cmpstr (empty, ==, "");

  g_signal_connect_swapped (entry, "notify::unix", G_CALLBACK (count_cb), &notified);
  nudge_date_time_entry_set_text (entry, "2026-04-30", NULL);
  iso = nudge_date_time_entry_dup_iso_date (entry);
  g_assert_cmpstr (iso, ==, "2026-04-30");
  g_assert_cmpint (nudge_date_time_entry_get_unix (entry), ==, utc (2026, 4, 30, 0, 0));
  g_assert_cmpint (notified, ==, 1);
  /* The same day again is no change. */
  nudge_date_time_entry_set_text (entry, "4/30/26", NULL);
  g_assert_cmpint (notified, ==, 1);

  nudge_date_time_entry_set_text (entry, "", NULL);
  g_assert_true (nudge_date_time_entry_get_valid (entry));
  nudge_date_time_entry_set_optional (entry, FALSE);
  g_assert_false (nudge_date_time_entry_get_valid (entry));
  g_assert_nonnull (strstr (nudge_date_time_entry_get_reason (entry), "Type a date"));
}

static GtkWidget *
editor_button (NudgeFollowupEditor *editor)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), NUDGE_TYPE_FOLLOWUP_EDITOR, "save_button"));
}

/* Enter, as a person presses it in a field: the field's text activates. */
static void
press_enter (GtkWidget *field)
{
  GtkWidget *text = nudge_test_find_widget (field, GTK_TYPE_TEXT);

  g_assert_nonnull (text);
  g_signal_emit_by_name (text, "activate");
}

/* Add stays insensitive until the form is valid, with the reason under
 * the field; Enter saves once it is. */
static void
test_editor_default_button (Fixture       *f,
                            gconstpointer  data)
{
  NudgeFollowupEditor *editor;
  NudgeDateTimeEntry *when;
  GtkWidget *title, *button, *title_reason, *when_reason;
  g_autoptr(GPtrArray) all = NULL;
  NudgeFollowup *saved;

  gtk_window_present (GTK_WINDOW (f->window));
  editor = nudge_followup_editor_present (GTK_WINDOW (f->window), nudge_test_context (f->book.store, NULL), NULL, 0, 0, 0);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  nudge_test_spin (100);
  when = nudge_followup_editor_get_when_entry (editor);
  button = editor_button (editor);
  title_reason = nudge_test_find_named (GTK_WIDGET (editor), "title-reason");
  when_reason = nudge_test_find_named (GTK_WIDGET (editor), "when-reason");
  title = nudge_test_find_row (GTK_WIDGET (editor), "Title");
  g_assert_nonnull (title);

  /* New: "Add", tomorrow 09:00 on the desktop's clock, no title yet. */
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Add");
  g_assert_cmpint (nudge_date_time_entry_get_unix (when), ==, utc (2026, 12, 2, 9, 0));
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_get_visible (title_reason));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title_reason)), ==, "A follow-up needs a title");
  press_enter (title);
  nudge_test_spin (500);
  g_assert_nonnull (editor);

  gtk_editable_set_text (GTK_EDITABLE (title), "Call Jan Novák");
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_false (gtk_widget_get_visible (title_reason));
  g_assert_false (gtk_widget_get_visible (when_reason));

  /* A time that is not one: insensitive, the field's reason under it. */
  nudge_date_time_entry_set_text (when, NULL, "25:00");
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_get_visible (when_reason));
  g_assert_true (gtk_widget_has_css_class (when_reason, "error"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (when_reason)), ==, nudge_date_time_entry_get_reason (when));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (when_reason)), "“25:00” is not a time"));
  press_enter (title);
  nudge_test_spin (500);
  g_assert_nonnull (editor);
  all = all_followups (f);
  g_assert_cmpuint (all->len, ==, 0);
  g_clear_pointer (&all, g_ptr_array_unref);

  /* Fixed: Enter in the time field adds it. */
  nudge_date_time_entry_set_text (when, "12/04/26", "21:30");
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_false (gtk_widget_get_visible (when_reason));
  press_enter (nudge_test_find_named (GTK_WIDGET (when), "time-entry"));
  nudge_test_spin (500);   /* a button activated by Enter clicks after 250 ms */
  nudge_test_wait_gone ((gpointer *) &editor);

  all = all_followups (f);
  g_assert_cmpuint (all->len, ==, 1);
  saved = g_ptr_array_index (all, 0);
  g_assert_cmpstr (nudge_followup_get_title (saved), ==, "Call Jan Novák");
  g_assert_cmpint (nudge_followup_get_due_at (saved), ==, utc (2026, 12, 4, 21, 30));

  /* Editing it: "Save". */
  editor = nudge_followup_editor_present (GTK_WINDOW (f->window), nudge_test_context (f->book.store, NULL), saved, 0, 0, 0);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (editor_button (editor))), ==, "_Save");
  g_assert_true (gtk_widget_is_sensitive (editor_button (editor)));
  gtk_window_destroy (GTK_WINDOW (editor));
  nudge_test_spin (50);
}

/* All day: the field asks for the date alone; the follow-up starts at
 * that day's midnight. */
static void
test_editor_all_day (Fixture       *f,
                     gconstpointer  data)
{
  NudgeFollowupEditor *editor;
  NudgeDateTimeEntry *when;
  GtkSwitch *all_day;
  g_autoptr(GPtrArray) all = NULL;
  NudgeFollowup *saved;

  gtk_window_present (GTK_WINDOW (f->window));
  editor = nudge_followup_editor_present (GTK_WINDOW (f->window), nudge_test_context (f->book.store, NULL), NULL, 0, 0, 0);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  when = nudge_followup_editor_get_when_entry (editor);
  all_day = GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (editor), NUDGE_TYPE_FOLLOWUP_EDITOR,
                                                       "all_day_switch"));
  gtk_editable_set_text (GTK_EDITABLE (nudge_test_find_row (GTK_WIDGET (editor), "Title")), "Quarterly review");
  g_assert_nonnull (nudge_test_find_row (GTK_WIDGET (editor), "Date and time"));
  gtk_switch_set_active (all_day, TRUE);
  g_assert_false (nudge_date_time_entry_get_show_time (when));
  g_assert_false (gtk_widget_get_visible (nudge_test_find_named (GTK_WIDGET (when), "time-entry")));
  g_assert_nonnull (nudge_test_find_row (GTK_WIDGET (editor), "Date"));
  /* A time that is not one no longer matters: it is not asked for. */
  nudge_date_time_entry_set_text (when, "12/24/26", "25:00");
  g_assert_true (nudge_date_time_entry_get_valid (when));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  nudge_test_spin (100);
  nudge_test_wait_gone ((gpointer *) &editor);

  all = all_followups (f);
  g_assert_cmpuint (all->len, ==, 1);
  saved = g_ptr_array_index (all, 0);
  g_assert_true (nudge_followup_get_all_day (saved));
  g_assert_cmpint (nudge_followup_get_due_at (saved), ==, utc (2026, 12, 24, 0, 0));
}

/* Bug #6: a follow-up stored in Europe/Prague on a UTC desktop. Today
 * shows it on the desktop's clock (15:00); its editor shows the
 * follow-up's zone (16:00) and says so, with 15:00 as the desktop's
 * time; saving untouched keeps the instant, a new time is read in
 * Prague. */
static void
test_prague_on_utc_desktop (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(NudgeDeal) deal = nudge_deal_new ();
  g_autoptr(NudgeFollowup) after = NULL;
  g_autoptr(NudgeFollowup) stored = NULL;
  g_autoptr(GError) error = NULL;
  NudgeFollowupSpec spec;
  NudgeFollowupEditor *editor;
  NudgeDateTimeEntry *when;
  GtkWidget *today;
  gint64 deal_id, id;
  const char *info;

  nudge_clock_pin (utc (2026, 12, 3, 8, 0));
  g_object_set (deal, "title", "Hotel Praha renovation", "currency", "CZK", NULL);
  deal_id = nudge_store_save_deal (f->book.store, deal, &error);
  g_assert_no_error (error);
  nudge_followup_spec_init (&spec);
  spec.title = "Call about the offer";
  spec.kind = "call";
  spec.due_at = utc (2026, 12, 3, 15, 0);
  spec.tzid = PRAGUE;
  spec.deal_id = deal_id;
  id = nudge_followups_create (f->book.store, &spec, &error);
  g_assert_no_error (error);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 700);
  today = nudge_today_view_new (nudge_test_context (f->book.store, NULL));
  gtk_window_set_child (GTK_WINDOW (f->window), today);
  gtk_window_present (GTK_WINDOW (f->window));
  nudge_test_spin (400);
  g_assert_nonnull (nudge_test_find (today, NUDGE_TEST_ANY, nudge_test_label_contains, "15:00"));
  g_assert_null (nudge_test_find (today, NUDGE_TEST_ANY, nudge_test_label_contains, "16:00"));

  stored = nudge_store_get_followup (f->book.store, id, &error);
  g_assert_no_error (error);
  editor = nudge_followup_editor_present (GTK_WINDOW (f->window), nudge_test_context (f->book.store, NULL), stored, 0, 0, 0);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  nudge_test_spin (100);
  when = nudge_followup_editor_get_when_entry (editor);
  g_assert_cmpint (nudge_date_time_entry_get_unix (when), ==, utc (2026, 12, 3, 15, 0));
  g_assert_cmpstr (time_text (when), ==, "16:00");
  info = gtk_label_get_label (info_label (when));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (info_label (when))));
  g_assert_nonnull (strstr (info, "Europe/Prague"));
  g_assert_nonnull (strstr (info, "15:00 your time"));

  /* Saved untouched: the same instant, still in Prague. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  nudge_test_spin (100);
  nudge_test_wait_gone ((gpointer *) &editor);
  after = nudge_store_get_followup (f->book.store, id, &error);
  g_assert_cmpint (nudge_followup_get_due_at (after), ==, utc (2026, 12, 3, 15, 0));
  g_assert_cmpstr (nudge_followup_get_tzid (after), ==, PRAGUE);

  /* 17:00 typed in its editor is 17:00 in Prague: 16:00 in Today. */
  editor = nudge_followup_editor_present (GTK_WINDOW (f->window), nudge_test_context (f->book.store, NULL), after, 0, 0, 0);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  nudge_date_time_entry_set_text (nudge_followup_editor_get_when_entry (editor), NULL, "17:00");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  nudge_test_spin (400);
  nudge_test_wait_gone ((gpointer *) &editor);
  g_clear_object (&after);
  after = nudge_store_get_followup (f->book.store, id, &error);
  g_assert_cmpint (nudge_followup_get_due_at (after), ==, utc (2026, 12, 3, 16, 0));
  g_assert_nonnull (nudge_test_find (today, NUDGE_TEST_ANY, nudge_test_label_contains, "16:00"));
  g_assert_null (nudge_test_find (today, NUDGE_TEST_ANY, nudge_test_label_contains, "15:00"));
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "en-us-12h", NUDGE_TEST_FUNC (test_en_us_12h) },
    { "24h-locales", NUDGE_TEST_FUNC (test_24h_locales) },
    { "foreign-zone", NUDGE_TEST_FUNC (test_foreign_zone) },
    { "dst-days", NUDGE_TEST_FUNC (test_dst_days) },
    { "calendar-popover", NUDGE_TEST_FUNC (test_calendar_popover) },
    { "calendar-keys", NUDGE_TEST_FUNC (test_calendar_keys) },
    { "date-only", NUDGE_TEST_FUNC (test_date_only) },
    { "editor-default-button", NUDGE_TEST_FUNC (test_editor_default_button) },
    { "editor-all-day", NUDGE_TEST_FUNC (test_editor_all_day) },
    { "prague-on-utc-desktop", NUDGE_TEST_FUNC (test_prague_on_utc_desktop) },
  };

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  nudge_test_add_table ("/ui/datetime/", Fixture, fixture_set_up, nudge_test_window_tear_down, cases);

  return g_test_run ();
}
