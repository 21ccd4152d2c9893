/* test-ics.c — the iCalendar export read back with libical
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libical/ical.h>
#include <string.h>

#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-followups-undo.h"
#include "nudge-format.h"
#include "nudge-ics.h"
#include "nudge-ics-subscription.h"
#include "nudge-recurrence.h"
#include "nudge-store.h"
#include "nudge-test-core.h"

#define TZID "Europe/Prague"

typedef NudgeTestBook Fixture;

static gint64
local (const char *tzid, int year, int month, int day, int hour, int minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (tzid);
  g_autoptr(GDateTime) dt = g_date_time_new (tz, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  nudge_clock_pin (local (TZID, 2026, 2, 20, 9, 0));
  f->store = nudge_test_book_open ("ics", &f->dir, &f->path);
}

static gint64
add_followup (Fixture    *f,
              const char *title,
              const char *tzid,
              gint64      due,
              gboolean    all_day,
              const char *rrule,
              const char *notes)
{
  NudgeFollowupSpec spec;

  nudge_test_call_spec (&spec, title, due, 0);
  spec.tzid = tzid;
  spec.all_day = all_day;
  spec.rrule = rrule;
  spec.notes = notes;
  spec.remind_before_min = 10;
  return nudge_test_create_followup (f->store, &spec);
}

static void
add_book (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 weekly;

  weekly = add_followup (f, "Weekly check-in", TZID, local (TZID, 2026, 3, 2, 9, 0), FALSE,
                         "FREQ=WEEKLY;BYDAY=MO", NULL);
  add_followup (f, "Month end", "Europe/Warsaw", local ("Europe/Warsaw", 2026, 2, 28, 16, 0), FALSE,
                "FREQ=MONTHLY;BYMONTHDAY=-1", NULL);
  add_followup (f, "Kyiv, every other Tue and Thu", "Europe/Kyiv", local ("Europe/Kyiv", 2026, 3, 3, 10, 30),
                FALSE, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=15", NULL);
  add_followup (f, "Trade fair", TZID, local (TZID, 2026, 4, 15, 0, 0), TRUE, NULL, NULL);
  add_followup (f, "Every ten days", TZID, local (TZID, 2026, 3, 1, 0, 0), TRUE,
                "FREQ=DAILY;INTERVAL=10", NULL);
  add_followup (f, "One-off call", TZID, local (TZID, 2026, 3, 10, 13, 15), FALSE, NULL, NULL);
  add_followup (f, "Quarterly, last Tuesday", TZID, local (TZID, 2026, 3, 31, 11, 0), FALSE,
                "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1TU", NULL);
  g_assert_true (nudge_followups_skip (f->store, weekly, local (TZID, 2026, 3, 30, 9, 0), &error));
  g_assert_no_error (error);
  g_assert_true (nudge_followups_skip (f->store, weekly, local (TZID, 2026, 11, 2, 9, 0), &error));
  g_assert_no_error (error);
}

static char *
export (Fixture  *f,
        gint64    from,
        gint64    to,
        gboolean  tasks)
{
  g_autoptr(GError) error = NULL;
  NudgeIcsOptions options;
  char *text;

  nudge_ics_options_init (&options);
  options.from = from;
  options.to = to;
  options.as_tasks = tasks;
  text = nudge_ics_export (f->store, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

static guint
count_lic_errors (icalcomponent *comp)
{
  guint n = icalcomponent_count_properties (comp, ICAL_XLICERROR_PROPERTY);

  for (icalcomponent *c = icalcomponent_get_first_component (comp, ICAL_ANY_COMPONENT); c;
       c = icalcomponent_get_next_component (comp, ICAL_ANY_COMPONENT))
    n += count_lic_errors (c);
  return n;
}

static icaltimezone *
zone_of (icalcomponent *calendar,
         icalproperty  *prop)
{
  icalparameter *param = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER);

  if (param == NULL)
    return icaltimezone_get_utc_timezone ();
  return icalcomponent_get_timezone (calendar, icalparameter_get_tzid (param));
}

static gint64
to_unix (icaltimetype t,
         icaltimezone *zone)
{
  if (t.is_date)
    {
      /* All-day items of this book are days in Prague */
      t.is_date = 0;
      t.hour = t.minute = t.second = 0;
      zone = icaltimezone_get_builtin_timezone (TZID);
    }
  return icaltime_as_timet_with_zone (t, icaltime_is_utc (t) ? icaltimezone_get_utc_timezone () : zone);
}

/* Every occurrence start in the calendar, UTC, expanded by libical */
static GArray *
expand_with_libical (const char *text,
                     gint64      to)
{
  icalcomponent *calendar = icalparser_parse_string (text);
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_autoptr(GPtrArray) overrides = g_ptr_array_new_with_free_func (g_free);  /* uid, RECURRENCE-ID */

  g_assert_nonnull (calendar);
  g_assert_cmpuint (count_lic_errors (calendar), ==, 0);

  for (icalcomponent *ev = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT); ev;
       ev = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      icalproperty *rid = icalcomponent_get_first_property (ev, ICAL_RECURRENCEID_PROPERTY);

      if (rid != NULL)
        {
          g_ptr_array_add (overrides, g_strdup (icalcomponent_get_uid (ev)));
          g_ptr_array_add (overrides, icaltime_as_ical_string_r (icalproperty_get_recurrenceid (rid)));
        }
    }

  for (icalcomponent *ev = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT); ev;
       ev = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      icalproperty *dtstart_prop = icalcomponent_get_first_property (ev, ICAL_DTSTART_PROPERTY);
      icalproperty *rrule_prop = icalcomponent_get_first_property (ev, ICAL_RRULE_PROPERTY);
      icaltimezone *zone = zone_of (calendar, dtstart_prop);
      icaltimetype dtstart = icalproperty_get_dtstart (dtstart_prop);
      g_autoptr(GPtrArray) exdates = g_ptr_array_new_with_free_func (g_free);
      icalrecur_iterator *it;
      icaltimetype t;

      g_assert_nonnull (zone);
      if (rrule_prop == NULL)
        {
          gint64 at = to_unix (dtstart, zone);
          g_array_append_val (starts, at);
          continue;
        }
      /* Instances that an override (RECURRENCE-ID) replaces */
      for (guint i = 0; i < overrides->len; i += 2)
        if (g_str_equal (g_ptr_array_index (overrides, i), icalcomponent_get_uid (ev)))
          g_ptr_array_add (exdates, g_strdup (g_ptr_array_index (overrides, i + 1)));
      for (icalproperty *ex = icalcomponent_get_first_property (ev, ICAL_EXDATE_PROPERTY); ex;
           ex = icalcomponent_get_next_property (ev, ICAL_EXDATE_PROPERTY))
        {
          g_assert_true (zone_of (calendar, ex) == zone);
          g_ptr_array_add (exdates, icaltime_as_ical_string_r (icalproperty_get_exdate (ex)));
        }

      it = icalrecur_iterator_new (icalproperty_get_rrule (rrule_prop), dtstart);
      g_assert_nonnull (it);
      while (!icaltime_is_null_time (t = icalrecur_iterator_next (it)))
        {
          g_autofree char *key = icaltime_as_ical_string_r (t);
          gint64 at = to_unix (t, zone);
          gboolean excluded = FALSE;

          if (at >= to)
            break;
          for (guint i = 0; i < exdates->len; i++)
            excluded |= g_str_equal (key, g_ptr_array_index (exdates, i));
          if (!excluded)
            g_array_append_val (starts, at);
        }
      icalrecur_iterator_free (it);
    }
  icalcomponent_free (calendar);
  return starts;
}

static gint
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
test_parse_back (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 from = local (TZID, 2026, 2, 1, 0, 0), to = local (TZID, 2027, 1, 1, 0, 0);
  g_autofree char *text = NULL;
  g_autoptr(GArray) starts = NULL;
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));

  add_book (f);
  text = export (f, from, to, FALSE);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  g_assert_nonnull (strstr (text, "\r\nTZID:Europe/Prague\r\n"));
  g_assert_nonnull (strstr (text, "\r\nTZID:Europe/Kyiv\r\n"));
  g_assert_null (strstr (text, "freeassociation"));
  g_assert_null (strstr (text, "ORGANIZER"));
  g_assert_null (strstr (text, "VTODO"));
  /* 09:00 local across both DST changes: UNTIL is UTC, starts are local */
  g_assert_nonnull (strstr (text, "DTSTART;TZID=Europe/Prague:20260302T090000\r\n"));
  g_assert_nonnull (strstr (text, "EXDATE;TZID=Europe/Prague:20260330T090000\r\n"));
  g_assert_nonnull (strstr (text, "EXDATE;TZID=Europe/Prague:20261102T090000\r\n"));
  g_assert_nonnull (strstr (text, "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL="));
  g_assert_nonnull (strstr (text, "DTSTART;VALUE=DATE:20260415\r\n"));
  g_assert_nonnull (strstr (text, "TRIGGER:-PT10M\r\n"));

  starts = expand_with_libical (text, to);
  occurrences = nudge_followups_list_occurrences (f->store, from, to, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < occurrences->len; i++)
    {
      gint64 at = nudge_occurrence_get_due_at (g_ptr_array_index (occurrences, i));
      g_array_append_val (expected, at);
    }
  g_array_sort (starts, compare_gint64);
  g_array_sort (expected, compare_gint64);
  g_assert_cmpuint (expected->len, >, 60);
  g_assert_cmpuint (starts->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (g_array_index (starts, gint64, i), ==, g_array_index (expected, gint64, i));
}

static guint
count_lines (const char *text,
             const char *prefix)
{
  g_autofree char *needle = g_strconcat ("\r\n", prefix, NULL);
  guint n = 0;

  for (const char *p = strstr (text, needle); p; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* A series is written as its rule whatever the range: a century of a
 * daily reminder is one VEVENT with its few EXDATEs and overrides, and
 * reads back as the same occurrences the listing gives. */
static void
test_wide_range (Fixture       *f,
                 gconstpointer  data)
{
  gint64 from = local (TZID, 2026, 2, 1, 0, 0), to = local (TZID, 2126, 2, 1, 0, 0);
  g_autoptr(GError) error = NULL;
  gint64 daily, weekly;

  /* Now is 2026-02-20 09:00: the daily one has missed days behind it */
  daily = add_followup (f, "Daily call", TZID, local (TZID, 2026, 2, 2, 9, 0), FALSE, "FREQ=DAILY", NULL);
  g_assert_true (nudge_followups_complete (f->store, daily, local (TZID, 2026, 2, 3, 9, 0), &error));
  g_assert_no_error (error);
  g_assert_true (nudge_followups_snooze (f->store, daily, local (TZID, 2026, 2, 20, 15, 0), &error));
  g_assert_no_error (error);
  g_assert_true (nudge_followups_skip (f->store, daily, local (TZID, 2026, 3, 10, 9, 0), &error));
  g_assert_no_error (error);
  g_assert_true (nudge_followups_skip (f->store, daily, local (TZID, 2090, 7, 4, 9, 0), &error));
  g_assert_no_error (error);
  weekly = add_followup (f, "Weekly plan", TZID, local (TZID, 2026, 3, 2, 0, 0), TRUE, "FREQ=WEEKLY;BYDAY=MO", NULL);
  g_assert_true (nudge_followups_skip (f->store, weekly, local (TZID, 2026, 3, 9, 0, 0), &error));
  g_assert_no_error (error);
  add_followup (f, "One-off", TZID, local (TZID, 2026, 5, 1, 10, 0), FALSE, NULL, NULL);
  add_followup (f, "Far one-off", TZID, local (TZID, 2100, 5, 1, 10, 0), FALSE, NULL, NULL);

  /* To the end of the calendar: the rule ends where its expansion does */
  {
    g_autofree char *text = NULL;
    NudgeIcsOptions options;
    gint64 start = g_get_monotonic_time ();

    nudge_ics_options_init (&options);
    options.from = from;
    options.to = local (TZID, 9999, 1, 1, 0, 0);
    text = nudge_ics_export (f->store, &options, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (count_lines (text, "RRULE:FREQ=DAILY;UNTIL=2326"), ==, 1);
    g_assert_cmpuint (count_lines (text, "BEGIN:VEVENT"), ==, 5);
    g_test_message ("exported to 9999 in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  }

  for (int include_done = 0; include_done <= 1; include_done++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GArray) starts = NULL;
      g_autoptr(GPtrArray) occurrences = NULL;
      g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
      NudgeIcsOptions options;

      nudge_ics_options_init (&options);
      options.from = from;
      options.to = to;
      options.include_done = include_done;
      text = nudge_ics_export (f->store, &options, NULL, &error);
      g_assert_no_error (error);

      /* 2126-01-28 is the last Monday before the end of the range.
       * Two series, one override for the snooze (and one for the done
       * day), two one-offs; EXDATEs for the skips (and the missed days
       * between the done one and today). */
      g_assert_cmpuint (count_lines (text, "BEGIN:VEVENT"), ==, include_done ? 6 : 5);
      g_assert_cmpuint (count_lines (text, "RRULE:FREQ=DAILY;"), ==, 1);
      g_assert_cmpuint (count_lines (text, "RRULE:FREQ=WEEKLY;"), ==, 1);
      g_assert_cmpuint (count_lines (text, "RECURRENCE-ID"), ==, include_done ? 2 : 1);
      g_assert_cmpuint (count_lines (text, "EXDATE"), ==, include_done ? 3 + 16 : 3);
      g_assert_cmpuint (strlen (text), <, 16 * 1024);
      g_assert_nonnull (strstr (text, "RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=21260128\r\n"));
      g_assert_nonnull (strstr (text, "EXDATE;TZID=Europe/Prague:20900704T090000\r\n"));
      g_assert_nonnull (strstr (text, include_done ? "DTSTART;TZID=Europe/Prague:20260203T090000\r\n"
                                                   : "DTSTART;TZID=Europe/Prague:20260220T090000\r\n"));

      starts = expand_with_libical (text, to);
      occurrences = nudge_followups_list_occurrences (f->store, from, to, include_done, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < occurrences->len; i++)
        {
          NudgeOccurrence *o = g_ptr_array_index (occurrences, i);
          gint64 at = nudge_occurrence_get_due_at (o);

          if (nudge_occurrence_get_state (o) != NUDGE_OCCURRENCE_SKIPPED)
            g_array_append_val (expected, at);
        }
      g_array_sort (starts, compare_gint64);
      g_array_sort (expected, compare_gint64);
      g_assert_cmpuint (expected->len, >, 36000);
      g_assert_cmpuint (starts->len, ==, expected->len);
      for (guint i = 0; i < expected->len; i++)
        g_assert_cmpint (g_array_index (starts, gint64, i), ==, g_array_index (expected, gint64, i));
    }
}

static void
test_folding (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(GString) unfolded = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  icalcomponent *calendar, *ev;
  const char *description;
  guint long_lines = 0;

  /* Shift the multi-byte characters against the 75-octet grid */
  for (guint i = 0; g_utf8_strlen (notes->str, -1) < 5000; i++)
    g_string_append (notes, i % 3 == 0 ? "a😀ř" : i % 3 == 1 ? "Київ, żółć; " : "\\ě\n");
  add_followup (f, "Folding ✓ Přehled", TZID, local (TZID, 2026, 3, 2, 9, 0), FALSE, NULL, notes->str);
  text = export (f, G_MININT64, local (TZID, 2027, 1, 1, 0, 0), FALSE);

  g_assert_true (g_str_has_suffix (text, "END:VCALENDAR\r\n"));
  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
      long_lines += strlen (lines[i]) >= 72;
      if (lines[i][0] == ' ')
        g_string_append (unfolded, lines[i] + 1);
      else
        {
          if (unfolded->len)
            g_string_append_c (unfolded, '\n');
          g_string_append (unfolded, lines[i]);
        }
    }
  g_assert_cmpuint (long_lines, >, 100);
  g_assert_true (g_utf8_validate (unfolded->str, -1, NULL));

  calendar = icalparser_parse_string (text);
  g_assert_cmpuint (count_lic_errors (calendar), ==, 0);
  ev = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
  g_assert_cmpstr (icalcomponent_get_summary (ev), ==, "Folding ✓ Přehled");
  description = icalcomponent_get_description (ev);
  /* The store keeps notes without trailing blanks */
  g_assert_cmpstr (description, ==, g_strchomp (notes->str));
  icalcomponent_free (calendar);
}

static void
test_escaping (Fixture       *f,
               gconstpointer  data)
{
  const char *title = "Okna, dveře; servis\\sklad\nDruhý řádek";
  g_autofree char *escaped = nudge_ics_escape_text (title);
  g_autofree char *text = NULL;
  icalcomponent *calendar;

  g_assert_cmpstr (escaped, ==, "Okna\\, dveře\\; servis\\\\sklad\\nDruhý řádek");
  g_free (nudge_ics_escape_text (""));

  add_followup (f, title, TZID, local (TZID, 2026, 3, 2, 9, 0), FALSE, NULL, NULL);
  text = export (f, G_MININT64, local (TZID, 2027, 1, 1, 0, 0), FALSE);
  g_assert_nonnull (strstr (text, "SUMMARY:Okna\\, dveře\\; servis\\\\sklad\\nDruhý řádek\r\n"));
  calendar = icalparser_parse_string (text);
  g_assert_cmpstr (icalcomponent_get_summary (icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT)),
                   ==, title);
  icalcomponent_free (calendar);
}

static char *
property_of (const char *text,
             const char *name)
{
  g_autofree char *needle = g_strconcat ("\r\n", name, ":", NULL);
  const char *p = strstr (text, needle);

  g_assert_nonnull (p);
  p += strlen (needle);
  return g_strndup (p, strcspn (p, "\r"));
}

static void
test_uid_sequence (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_followup (f, "Call back", TZID, local (TZID, 2026, 3, 2, 9, 0), FALSE, NULL, NULL);
  g_autofree char *first = export (f, G_MININT64, local (TZID, 2027, 1, 1, 0, 0), FALSE);
  g_autofree char *again = export (f, G_MININT64, local (TZID, 2027, 1, 1, 0, 0), FALSE);
  g_autofree char *second = NULL;
  g_autofree char *uid1 = property_of (first, "UID"), *uid2 = NULL, *uid3 = property_of (again, "UID");
  g_autofree char *seq1 = property_of (first, "SEQUENCE"), *seq2 = NULL, *seq3 = NULL;
  g_autofree char *third = NULL;
  g_autoptr(NudgeFollowup) done = NULL;

  g_assert_cmpstr (uid1, ==, uid3);
  g_assert_cmpint (nudge_followups_reschedule (f->store, id, 0, local (TZID, 2026, 3, 4, 14, 0), &error), ==, id);
  g_assert_no_error (error);
  second = export (f, G_MININT64, local (TZID, 2027, 1, 1, 0, 0), FALSE);
  uid2 = property_of (second, "UID");
  seq2 = property_of (second, "SEQUENCE");
  g_assert_cmpstr (uid1, ==, uid2);
  g_assert_cmpint (g_ascii_strtoll (seq2, NULL, 10), >, g_ascii_strtoll (seq1, NULL, 10));
  g_assert_nonnull (strstr (second, "DTSTART;TZID=Europe/Prague:20260304T140000\r\n"));

  /* A snooze moves what the calendar shows, and Done ends it: each is a
   * new sequence, or a client that imported the file keeps the old. */
  g_assert_true (nudge_followups_snooze (f->store, id, local (TZID, 2026, 3, 5, 9, 0), &error));
  g_assert_no_error (error);
  third = export (f, G_MININT64, local (TZID, 2027, 1, 1, 0, 0), FALSE);
  seq3 = property_of (third, "SEQUENCE");
  g_assert_cmpint (g_ascii_strtoll (seq3, NULL, 10), >, g_ascii_strtoll (seq2, NULL, 10));
  g_assert_true (nudge_followups_complete (f->store, id, 0, &error));
  g_assert_no_error (error);
  done = nudge_store_get_followup (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nudge_followup_get_sequence (done), >, g_ascii_strtoll (seq3, NULL, 10));
}

/* Around DST changes: a weekly 02:30 whose first exported occurrence a
 * gap moves to 03:30 keeps DTSTART at 02:30, or every client would move
 * the other weeks to 03:30; a time in the hour repeated when clocks go
 * back is written in UTC, which every client reads as the same instant
 * (RFC 5545 reads the local time as the first pass, clients the second). */
static void
test_dst_edges (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *text = NULL;
  icalcomponent *calendar;

  add_followup (f, "Weekly at half past two", TZID, local (TZID, 2026, 3, 22, 2, 30), FALSE,
                "FREQ=WEEKLY;BYDAY=SU;COUNT=6", NULL);
  /* 02:30 CEST, the first pass */
  add_followup (f, "Before the clocks go back", TZID, nudge_test_utc ("2026-10-25T00:30:00Z"), FALSE, NULL, NULL);
  text = export (f, local (TZID, 2026, 3, 29, 0, 0), local (TZID, 2026, 12, 1, 0, 0), FALSE);
  g_assert_nonnull (strstr (text, "DTSTART;TZID=Europe/Prague:20260329T023000\r\n"));
  g_assert_nonnull (strstr (text, "DTSTART:20261025T003000Z\r\n"));
  g_assert_nonnull (strstr (text, "DTEND:20261025T010000Z\r\n"));
  calendar = icalparser_parse_string (text);
  g_assert_cmpuint (count_lic_errors (calendar), ==, 0);
  icalcomponent_free (calendar);
}

/* GMT and UTC's other names have no VTIMEZONE: their times are UTC. */
static void
test_utc_names (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *text = NULL;

  add_followup (f, "In GMT", "GMT", nudge_test_utc ("2026-04-01T09:00:00Z"), FALSE, NULL, NULL);
  add_followup (f, "In Etc/Universal", "Etc/Universal", nudge_test_utc ("2026-04-02T09:00:00Z"), FALSE, NULL, NULL);
  text = export (f, G_MININT64, G_MAXINT64, FALSE);
  g_assert_nonnull (strstr (text, "DTSTART:20260401T090000Z\r\n"));
  g_assert_nonnull (strstr (text, "DTSTART:20260402T090000Z\r\n"));
  g_assert_null (strstr (text, "TZID="));
}

static void
test_tasks (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *text = NULL;
  icalcomponent *calendar;

  add_book (f);
  text = export (f, local (TZID, 2026, 2, 1, 0, 0), local (TZID, 2026, 6, 1, 0, 0), TRUE);
  g_assert_nonnull (strstr (text, "BEGIN:VTODO"));
  g_assert_null (strstr (text, "BEGIN:VEVENT"));
  g_assert_nonnull (strstr (text, "STATUS:NEEDS-ACTION"));
  calendar = icalparser_parse_string (text);
  g_assert_cmpuint (count_lic_errors (calendar), ==, 0);
  icalcomponent_free (calendar);

  /* A task of its own is due when the follow-up is: DUE at its time (on
   * its day, all day), no DTSTART before it, the alarm before DUE. */
  add_followup (f, "Due at nine", TZID, local (TZID, 2026, 4, 1, 9, 0), FALSE, NULL, NULL);
  add_followup (f, "Due on the day", TZID, local (TZID, 2026, 4, 3, 0, 0), TRUE, NULL, NULL);
  g_free (text);
  text = export (f, local (TZID, 2026, 3, 30, 0, 0), local (TZID, 2026, 4, 5, 0, 0), TRUE);
  g_assert_nonnull (strstr (text, "DUE;TZID=Europe/Prague:20260401T090000\r\nSUMMARY:Due at nine\r\n"));
  g_assert_nonnull (strstr (text, "DUE;VALUE=DATE:20260403\r\nSUMMARY:Due on the day\r\n"));
  g_assert_null (strstr (text, "DTSTART;TZID=Europe/Prague:20260401T090000"));
  g_assert_nonnull (strstr (text, "TRIGGER;RELATED=END:-PT"));
  calendar = icalparser_parse_string (text);
  g_assert_cmpuint (count_lic_errors (calendar), ==, 0);
  icalcomponent_free (calendar);
}

typedef struct
{
  const char *path;
  gint        stop;
  guint       reads;
  guint       partial;
} Reader;

static gpointer
read_loop (gpointer data)
{
  Reader *r = data;

  while (!g_atomic_int_get (&r->stop))
    {
      g_autofree char *contents = NULL;

      if (!g_file_get_contents (r->path, &contents, NULL, NULL))
        continue;
      r->reads++;
      if (!g_str_has_prefix (contents, "BEGIN:VCALENDAR\r\n") ||
          !g_str_has_suffix (contents, "END:VCALENDAR\r\n"))
        r->partial++;
    }
  return NULL;
}

static void
test_atomic_rewrite (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *ics = g_build_filename (f->dir, "nudge.ics", NULL);
  g_autoptr(GError) error = NULL;
  Reader reader = { ics, 0, 0, 0 };
  NudgeIcsOptions options;
  GThread *thread;

  add_book (f);
  nudge_ics_options_init (&options);
  g_assert_true (nudge_ics_export_to_file (f->store, &options, ics, &error));
  g_assert_no_error (error);

  thread = g_thread_new ("reader", read_loop, &reader);
  for (guint i = 0; i < 60; i++)
    {
      /* Alternate a big and a small file so a torn write would show */
      options.to = i % 2 ? local (TZID, 2026, 3, 1, 0, 0) : local (TZID, 2028, 1, 1, 0, 0);
      g_assert_true (nudge_ics_export_to_file (f->store, &options, ics, &error));
      g_assert_no_error (error);
    }
  g_atomic_int_set (&reader.stop, 1);
  g_thread_join (thread);
  g_assert_cmpuint (reader.reads, >, 0);
  g_assert_cmpuint (reader.partial, ==, 0);
}

static guint
count_temp_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".nudge-tmp"))
      n++;
  return n;
}

/* An export holds phones and e-mails: an existing 0600 target stays 0600,
 * a new one is private, and no temporary file is left behind — neither
 * by a failed write nor by an earlier run that was killed. */
static void
test_private_files (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *ics = g_build_filename (f->dir, "nudge.ics", NULL);
  g_autofree char *fresh = g_build_filename (f->dir, "fresh.ics", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "folder.ics", NULL);
  g_autofree char *stale = g_build_filename (f->dir, ".nudge.ics.2147483600.AbC123.nudge-tmp", NULL);
  g_autofree char *other = g_build_filename (f->dir, ".other.ics.2147483600.AbC123.nudge-tmp", NULL);
  g_autoptr(GError) error = NULL;
  NudgeIcsOptions options;
  GStatBuf st;

  add_book (f);
  nudge_ics_options_init (&options);

  g_assert_true (g_file_set_contents (ics, "old", -1, NULL));
  g_assert_cmpint (g_chmod (ics, 0600), ==, 0);
  g_assert_true (g_file_set_contents (stale, "half an export", -1, NULL));
  g_assert_true (g_file_set_contents (other, "someone else's", -1, NULL));

  g_assert_true (nudge_ics_export_to_file (f->store, &options, ics, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (ics, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, >, 3);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_unlink (other);

  /* A group-readable target stays so: the mode is the user's choice. */
  g_assert_cmpint (g_chmod (ics, 0640), ==, 0);
  g_assert_true (nudge_ics_export_to_file (f->store, &options, ics, &error));
  g_assert_cmpint (g_stat (ics, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);

  g_assert_true (nudge_ics_export_to_file (f->store, &options, fresh, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (fresh, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  /* A failed write: an error, no temporary file. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_false (nudge_ics_export_to_file (f->store, &options, folder, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_rmdir (folder);
  g_assert_cmpuint (count_temp_files (f->dir), ==, 0);
}

static void
written_cb (NudgeIcsSubscription *sub,
            const char           *path,
            guint                *count)
{
  (*count)++;
}

/* Runs the main loop until @done says so or five seconds have passed */
static void
spin_until (gboolean (*done) (gpointer data),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
not_pending (gpointer sub)
{
  return !nudge_ics_subscription_is_pending (sub);
}

/* A subscription to the book, off, that counts its writes in @written */
static NudgeIcsSubscription *
counted_subscription (Fixture *f,
                      guint    delay_ms,
                      guint   *written)
{
  NudgeIcsSubscription *sub = nudge_ics_subscription_new (f->store, NULL);

  nudge_ics_subscription_set_delay_ms (sub, delay_ms);
  g_signal_connect (sub, "written", G_CALLBACK (written_cb), written);
  return sub;
}

static void
test_subscription (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *ics = g_build_filename (f->dir, "subscribed.ics", NULL);
  g_autofree char *ics_stopped = NULL;
  g_autoptr(NudgeIcsSubscription) sub = NULL;
  g_autofree char *contents = NULL;
  guint written = 0;

  sub = counted_subscription (f, 100, &written);
  nudge_ics_subscription_set_path (sub, ics);
  /* Written at once, off the main thread. */
  spin_until (not_pending, sub);
  g_assert_cmpuint (written, ==, 1);
  g_assert_true (g_file_test (ics, G_FILE_TEST_EXISTS));

  /* A burst of changes: one rewrite after the delay */
  add_followup (f, "First", TZID, local (TZID, 2026, 3, 2, 9, 0), FALSE, NULL, NULL);
  add_followup (f, "Second", TZID, local (TZID, 2026, 3, 3, 9, 0), FALSE, NULL, NULL);
  add_followup (f, "Third", TZID, local (TZID, 2026, 3, 4, 9, 0), FALSE, NULL, NULL);
  g_assert_true (nudge_ics_subscription_is_pending (sub));
  g_assert_cmpuint (written, ==, 1);

  spin_until (not_pending, sub);
  g_assert_cmpuint (written, ==, 2);
  g_assert_false (nudge_ics_subscription_is_pending (sub));
  g_assert_true (g_file_get_contents (ics, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "SUMMARY:Third\r\n"));
  g_assert_nonnull (strstr (contents, "SUMMARY:First\r\n"));

  /* Off: no more writes */
  nudge_ics_subscription_set_path (sub, NULL);
  add_followup (f, "Fourth", TZID, local (TZID, 2026, 3, 5, 9, 0), FALSE, NULL, NULL);
  g_assert_false (nudge_ics_subscription_is_pending (sub));

  /* A book closing stops its subscription while a write may be under
   * way (the worker holds the object until the write is done). */
  g_clear_object (&sub);
  g_clear_pointer (&contents, g_free);
  written = 0;
  sub = counted_subscription (f, 50, &written);
  ics_stopped = g_build_filename (f->dir, "stopped.ics", NULL);
  /* Stopped right after the first write was handed to a worker: it is
   * cancelled or lets its file be, but says nothing of it. */
  nudge_ics_subscription_set_path (sub, ics_stopped);
  g_assert_true (nudge_ics_subscription_is_pending (sub));
  nudge_ics_subscription_stop (sub);
  spin_until (not_pending, sub);
  g_assert_false (nudge_ics_subscription_is_pending (sub));
  g_assert_cmpuint (written, ==, 0);

  /* A change after the stop schedules nothing. */
  add_followup (f, "After", TZID, local (TZID, 2026, 3, 2, 9, 0), FALSE, NULL, NULL);
  g_assert_false (nudge_ics_subscription_is_pending (sub));
  /* Well past the delay: a timer would be due now. */
  g_usleep (300 * 1000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (written, ==, 0);
  if (g_file_get_contents (ics_stopped, &contents, NULL, NULL))
    g_assert_null (strstr (contents, "SUMMARY:After\r\n"));
}

/* Each event's description against @expected: @n_pairs SUMMARY,
 * DESCRIPTION pairs, one for each event; a NULL description is none. */
static void
assert_descriptions (const char         *text,
                     const char * const *expected,
                     guint               n_pairs)
{
  icalcomponent *calendar = icalparser_parse_string (text);
  guint n = 0;

  g_assert_nonnull (calendar);
  for (icalcomponent *c = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT); c;
       c = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      const char *summary = icalcomponent_get_summary (c);
      guint i;

      for (i = 0; i < n_pairs * 2 && g_strcmp0 (expected[i], summary) != 0; i += 2)
        ;
      g_assert_cmpuint (i, <, n_pairs * 2);
      g_assert_cmpstr (icalcomponent_get_description (c), ==, expected[i + 1]);
      n++;
    }
  g_assert_cmpuint (n, ==, n_pairs);
  icalcomponent_free (calendar);
}

/* Two deals with several follow-ups each, interleaved in time: every
 * event tells its own deal's company, contact and last interaction
 * (the latest; of two at the same time, the one logged last); a
 * follow-up with a contact of its own names that contact, and one
 * for a contact alone that contact's last interaction. */
static void
test_context (Fixture       *f,
              gconstpointer  data)
{
  gint64 acme = nudge_test_add_named_company (f->store, "Acme");
  gint64 gamma = nudge_test_add_named_company (f->store, "Gamma");
  gint64 jana = nudge_test_add_contact (f->store, "name", "Jana Nováková", "phone", "+420 601 234 567",
                                        "email", "jana@acme.cz", "company-id", acme, NULL);
  gint64 petr = nudge_test_add_contact (f->store, "name", "Petr Malý", "phone", "+420 602 000 111", NULL);
  gint64 eva = nudge_test_add_contact (f->store, "name", "Eva Dvořák", "email", "eva@acme.cz", NULL);
  gint64 olga = nudge_test_add_contact (f->store, "name", "Olga Kyjovská", "company-id", gamma, NULL);
  gint64 brno = nudge_test_add_deal (f->store, "title", "Brno fit-out", "company-id", acme, "contact-id", jana, NULL);
  gint64 ostrava = nudge_test_add_deal (f->store, "title", "Ostrava warehouse", "contact-id", petr, NULL);
  gint64 tie = local (TZID, 2026, 2, 12, 10, 0);
  gint64 demo = local (TZID, 2026, 2, 15, 14, 0);
  gint64 fair = local (TZID, 2026, 2, 5, 11, 0);
  static const struct { const char *title; int day; int owner; } followups[] = {
    { "Brno 1", 2, 0 }, { "Ostrava 1", 3, 1 }, { "Brno 2", 4, 0 }, { "Brno with Eva", 5, 2 },
    { "Ostrava 2", 6, 1 }, { "Olga alone", 7, 3 }, { "Brno 3", 8, 0 }, { "Nobody", 9, 4 },
  };
  g_autofree char *tie_date = nudge_format_date (tie);
  g_autofree char *demo_date = nudge_format_date (demo);
  g_autofree char *fair_date = nudge_format_date (fair);
  g_autofree char *brno_context = NULL, *ostrava_context = NULL, *eva_context = NULL, *olga_context = NULL;
  g_autofree char *text = NULL;
  const struct { const char *owner; gint64 id; const char *kind; const char *summary; gint64 at; } activities[] = {
    { "deal-id", brno, "call", "First call", local (TZID, 2026, 2, 1, 9, 0) },
    { "deal-id", brno, "email", "Offer, logged first", tie },
    { "deal-id", brno, "email", "Offer, logged last", tie },
    { "deal-id", brno, "note", "Older note", local (TZID, 2026, 2, 11, 9, 0) },
    { "deal-id", ostrava, "meeting", "Demo in Ostrava", demo },
    { "contact-id", olga, "meeting", "Met at the fair", fair },
  };

  for (guint i = 0; i < G_N_ELEMENTS (activities); i++)
    nudge_test_add_activity (f->store, activities[i].owner, activities[i].id, "kind", activities[i].kind,
                             "summary", activities[i].summary, "occurred-at", activities[i].at, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (followups); i++)
    {
      NudgeFollowupSpec spec;

      nudge_test_call_spec (&spec, followups[i].title, local (TZID, 2026, 3, followups[i].day, 9, 0),
                            followups[i].owner == 0 || followups[i].owner == 2 ? brno
                            : followups[i].owner == 1 ? ostrava : 0);
      spec.contact_id = followups[i].owner == 2 ? eva : followups[i].owner == 3 ? olga : 0;
      spec.notes = i == 2 ? "Bring the samples" : NULL;
      nudge_test_create_followup (f->store, &spec);
    }

  brno_context = g_strdup_printf ("Deal: Brno fit-out\nCompany: Acme\nContact: Jana Nováková\n"
                                  "Phone: +420 601 234 567\nE-mail: jana@acme.cz\n"
                                  "Last interaction: %s — Offer, logged last", tie_date);
  ostrava_context = g_strdup_printf ("Deal: Ostrava warehouse\nContact: Petr Malý\nPhone: +420 602 000 111\n"
                                     "Last interaction: %s — Demo in Ostrava", demo_date);
  eva_context = g_strdup_printf ("Deal: Brno fit-out\nCompany: Acme\nContact: Eva Dvořák\n"
                                 "E-mail: eva@acme.cz\nLast interaction: %s — Offer, logged last", tie_date);
  olga_context = g_strdup_printf ("Company: Gamma\nContact: Olga Kyjovská\n"
                                  "Last interaction: %s — Met at the fair", fair_date);
  text = export (f, local (TZID, 2026, 3, 1, 0, 0), local (TZID, 2026, 4, 1, 0, 0), FALSE);
  {
    g_autofree char *with_notes = g_strconcat ("Bring the samples\n\n", brno_context, NULL);
    const char *expected[] = {
      "Brno 1", brno_context, "Ostrava 1", ostrava_context, "Brno 2", with_notes,
      "Brno with Eva", eva_context, "Ostrava 2", ostrava_context, "Olga alone", olga_context,
      "Brno 3", brno_context, "Nobody", NULL,
    };

    assert_descriptions (text, expected, G_N_ELEMENTS (expected) / 2);
  }
}

/* Snooze All of 2,000 overdue follow-ups is one change: the subscribed
 * file is rewritten once, by a worker (the snooze returns before it),
 * and replaced whole. */
static void
test_subscription_snooze_all (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *ics = g_build_filename (f->dir, "subscribed.ics", NULL);
  g_autoptr(NudgeIcsSubscription) sub = NULL;
  g_autoptr(NudgeFollowupsUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  guint written = 0;

  g_assert_true (nudge_store_begin (f->store, &error));
  for (guint i = 0; i < 2000; i++)
    add_followup (f, "Overdue call", TZID, local (TZID, 2026, 2, 19, 8, 0) + i * 20, FALSE, NULL, NULL);
  g_assert_true (nudge_store_commit (f->store, &error));

  sub = counted_subscription (f, 100, &written);
  nudge_ics_subscription_set_path (sub, ics);
  spin_until (not_pending, sub);
  g_assert_cmpuint (written, ==, 1);

  undo = nudge_followups_snooze_overdue (f->store, NUDGE_SNOOZE_TOMORROW, 9 * 60, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nudge_followups_undo_get_n_items (undo), ==, 2000);
  g_assert_true (nudge_ics_subscription_is_pending (sub));
  g_assert_cmpuint (written, ==, 1);
  spin_until (not_pending, sub);
  g_assert_cmpuint (written, ==, 2);
  g_assert_cmpuint (count_temp_files (f->dir), ==, 0);

  g_assert_true (g_file_get_contents (ics, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "DTSTART;TZID=Europe/Prague:20260219"));
  g_assert_nonnull (strstr (contents, "DTSTART;TZID=Europe/Prague:20260223T090000\r\n"));
  g_assert_true (g_str_has_suffix (contents, "END:VCALENDAR\r\n"));
}

/* An all-day follow-up kept in Prague is exported as the date of its
 * own day, also from a computer in New York, where its day starts the
 * evening before, or in Tokyo; a series' dates too. */
static void
test_all_day_other_zone (Fixture       *f,
                         gconstpointer  data)
{
  const char *zones[] = { "America/New_York", "Asia/Tokyo" };

  add_followup (f, "Trade fair", TZID, local (TZID, 2026, 12, 10, 0, 0), TRUE, NULL, NULL);
  add_followup (f, "Inventory", TZID, local (TZID, 2026, 12, 1, 0, 0), TRUE, "FREQ=MONTHLY", NULL);
  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autofree char *text = NULL;

      g_setenv ("TZ", zones[z], TRUE);
      text = export (f, local (TZID, 2026, 11, 1, 0, 0), local (TZID, 2027, 2, 1, 0, 0), FALSE);
      g_assert_nonnull (strstr (text, "DTSTART;VALUE=DATE:20261210\r\nDTEND;VALUE=DATE:20261211\r\n"));
      g_assert_nonnull (strstr (text, "DTSTART;VALUE=DATE:20261201\r\n"));
    }
  g_setenv ("TZ", TZID, TRUE);
}

int
main (int argc, char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "parse-back", NUDGE_TEST_FUNC (test_parse_back) },
    { "wide-range", NUDGE_TEST_FUNC (test_wide_range) },
    { "folding", NUDGE_TEST_FUNC (test_folding) },
    { "escaping", NUDGE_TEST_FUNC (test_escaping) },
    { "uid-sequence", NUDGE_TEST_FUNC (test_uid_sequence) },
    { "utc-names", NUDGE_TEST_FUNC (test_utc_names) },
    { "dst-edges", NUDGE_TEST_FUNC (test_dst_edges) },
    { "tasks", NUDGE_TEST_FUNC (test_tasks) },
    { "atomic-rewrite", NUDGE_TEST_FUNC (test_atomic_rewrite) },
    { "subscription", NUDGE_TEST_FUNC (test_subscription) },
    { "private-files", NUDGE_TEST_FUNC (test_private_files) },
    { "all-day-other-zone", NUDGE_TEST_FUNC (test_all_day_other_zone) },
    { "context", NUDGE_TEST_FUNC (test_context) },
    { "subscription-snooze-all", NUDGE_TEST_FUNC (test_subscription_snooze_all) },
  };

  nudge_test_init (&argc, &argv, "C.UTF-8");

  nudge_test_add_table ("/core/ics/", Fixture, fixture_set_up, nudge_test_book_tear_down, cases);

  return g_test_run ();
}
