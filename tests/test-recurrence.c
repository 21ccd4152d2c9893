/* test-recurrence.c — RRULE validation and expansion in a DST zone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <time.h>

#include "nudge-clock.h"
#include "nudge-demo.h"
#include "nudge-recurrence.h"
#include "nudge-store-private.h"
#include "nudge-test-core.h"

static GDateTime *
in_prague (gint64 at)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Prague");
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at);

  return g_date_time_to_timezone (utc, tz);
}

static int
utc_hour (gint64 at)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at);

  return g_date_time_get_hour (utc);
}

static GArray *
expand (const char *rrule,
        gint64      dtstart,
        gboolean    all_day,
        const char *exdates,
        gint64      to)
{
  g_autoptr(GError) error = NULL;
  GArray *found = nudge_recurrence_expand_rule (&(NudgeRecurrenceSeries) { rrule, dtstart, "Europe/Prague", all_day, exdates },
                                                G_MININT64, to, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found;
}

static void
test_weekly_across_dst (void)
{
  /* Monday 2026-03-02 09:00 CET; DST starts 2026-03-29, ends 2026-10-25. */
  gint64 start = nudge_test_prague (2026, 3, 2, 9, 0);
  g_autoptr(GArray) found = expand ("FREQ=WEEKLY;BYDAY=MO", start, FALSE, NULL,
                                    nudge_test_prague (2026, 11, 3, 0, 0));
  gboolean saw_summer = FALSE, saw_winter_after = FALSE;

  g_assert_cmpuint (found->len, ==, 36);
  for (guint i = 0; i < found->len; i++)
    {
      gint64 at = g_array_index (found, gint64, i);
      g_autoptr(GDateTime) local = in_prague (at);

      g_assert_cmpint (g_date_time_get_hour (local), ==, 9);
      g_assert_cmpint (g_date_time_get_minute (local), ==, 0);
      g_assert_cmpint (g_date_time_get_day_of_week (local), ==, 1);
      if (at < nudge_test_prague (2026, 3, 29, 0, 0))
        g_assert_cmpint (utc_hour (at), ==, 8);
      else if (at < nudge_test_prague (2026, 10, 25, 0, 0))
        {
          g_assert_cmpint (utc_hour (at), ==, 7);
          saw_summer = TRUE;
        }
      else
        {
          g_assert_cmpint (utc_hour (at), ==, 8);
          saw_winter_after = TRUE;
        }
    }
  g_assert_true (saw_summer);
  g_assert_true (saw_winter_after);
  /* The two Mondays around the spring change are 7 days minus one hour apart. */
  g_assert_cmpint (g_array_index (found, gint64, 4) - g_array_index (found, gint64, 3), ==,
                   7 * 24 * 3600 - 3600);
}

static void
test_monthly_last_day (void)
{
  g_autoptr(GArray) found = expand ("FREQ=MONTHLY;BYMONTHDAY=-1", nudge_test_prague (2027, 11, 30, 9, 0),
                                    FALSE, NULL, nudge_test_prague (2028, 5, 1, 0, 0));
  const int expected[][2] = { { 11, 30 }, { 12, 31 }, { 1, 31 }, { 2, 29 }, { 3, 31 }, { 4, 30 } };

  g_assert_cmpuint (found->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < found->len; i++)
    {
      g_autoptr(GDateTime) local = in_prague (g_array_index (found, gint64, i));

      g_assert_cmpint (g_date_time_get_month (local), ==, expected[i][0]);
      g_assert_cmpint (g_date_time_get_day_of_month (local), ==, expected[i][1]);
      g_assert_cmpint (g_date_time_get_hour (local), ==, 9);
    }

  {
    /* A common year: February ends on the 28th. */
    g_autoptr(GArray) common = expand ("FREQ=MONTHLY;BYMONTHDAY=-1", nudge_test_prague (2026, 1, 31, 9, 0),
                                       FALSE, NULL, nudge_test_prague (2026, 3, 1, 0, 0));
    g_autoptr(GDateTime) feb = NULL;

    g_assert_cmpuint (common->len, ==, 2);
    feb = in_prague (g_array_index (common, gint64, 1));
    g_assert_cmpint (g_date_time_get_day_of_month (feb), ==, 28);
  }
}

static void
test_count_and_until (void)
{
  gint64 start = nudge_test_prague (2026, 3, 2, 9, 0);
  g_autoptr(GArray) counted = expand ("FREQ=WEEKLY;BYDAY=MO;COUNT=3", start, FALSE, NULL, G_MAXINT64);
  g_autoptr(GArray) until_date = expand ("FREQ=WEEKLY;BYDAY=MO;UNTIL=20260316", start, FALSE, NULL, G_MAXINT64);
  g_autoptr(GArray) until_utc = expand ("FREQ=DAILY;UNTIL=20260304T080000Z", start, FALSE, NULL, G_MAXINT64);
  g_autoptr(GArray) every_other = expand ("FREQ=DAILY;INTERVAL=2;COUNT=4", start, FALSE, NULL, G_MAXINT64);
  g_autofree char *split = NULL;

  g_assert_cmpuint (counted->len, ==, 3);
  g_assert_cmpint (g_array_index (counted, gint64, 2), ==, nudge_test_prague (2026, 3, 16, 9, 0));
  /* A date UNTIL includes that whole local day. */
  g_assert_cmpuint (until_date->len, ==, 3);
  /* 08:00Z is 09:00 CET: inclusive. */
  g_assert_cmpuint (until_utc->len, ==, 3);
  g_assert_cmpuint (every_other->len, ==, 4);
  g_assert_cmpint (g_array_index (every_other, gint64, 3), ==, nudge_test_prague (2026, 3, 8, 9, 0));

  g_assert_cmpint (nudge_recurrence_get_until_utc ("FREQ=DAILY;UNTIL=20260316", "Europe/Prague"), ==,
                   nudge_test_prague (2026, 3, 16, 23, 59) + 59);
  g_assert_cmpint (nudge_recurrence_get_count ("FREQ=DAILY;COUNT=7"), ==, 7);

  split = nudge_recurrence_set_until ("FREQ=WEEKLY;BYDAY=MO;COUNT=10", nudge_test_prague (2026, 3, 16, 9, 0) - 1,
                                      "Europe/Prague", FALSE);
  g_assert_cmpstr (split, ==, "FREQ=WEEKLY;BYDAY=MO;UNTIL=20260316T075959Z");
  {
    g_autoptr(GArray) before = expand (split, start, FALSE, NULL, G_MAXINT64);

    g_assert_cmpuint (before->len, ==, 2);
  }
}

static void
test_exdate (void)
{
  gint64 start = nudge_test_prague (2026, 3, 2, 9, 0);
  g_autofree char *exdates = nudge_recurrence_exdates_add ("", nudge_test_prague (2026, 4, 6, 9, 0),
                                                           "Europe/Prague", FALSE);
  g_autoptr(GArray) found = NULL;
  g_autofree char *twice = NULL;

  g_assert_cmpstr (exdates, ==, "20260406T090000");
  twice = nudge_recurrence_exdates_add (exdates, nudge_test_prague (2026, 4, 6, 9, 0), "Europe/Prague", FALSE);
  g_assert_cmpstr (twice, ==, exdates);

  found = expand ("FREQ=WEEKLY;BYDAY=MO;COUNT=6", start, FALSE, exdates, G_MAXINT64);
  g_assert_cmpuint (found->len, ==, 5);
  for (guint i = 0; i < found->len; i++)
    g_assert_cmpint (g_array_index (found, gint64, i), !=, nudge_test_prague (2026, 4, 6, 9, 0));
  g_assert_cmpint (nudge_recurrence_parse_local ("20260406T090000", "Europe/Prague"), ==,
                   nudge_test_prague (2026, 4, 6, 9, 0));
}

/* A weekly 02:30 on the night a DST gap swallows it happens at 03:30;
 * skipping that occurrence skips it, and no other. */
static void
test_exdate_in_gap (void)
{
  gint64 gap = nudge_test_utc ("2026-03-29T01:30:00Z");   /* 03:30 CEST */
  g_autofree char *exdates = nudge_recurrence_exdates_add ("", gap, "Europe/Prague", FALSE);
  g_autoptr(GArray) found = expand ("FREQ=WEEKLY;BYDAY=SU;COUNT=3", nudge_test_prague (2026, 3, 22, 2, 30),
                                    FALSE, exdates, G_MAXINT64);

  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpint (g_array_index (found, gint64, 0), ==, nudge_test_prague (2026, 3, 22, 2, 30));
  g_assert_cmpint (g_array_index (found, gint64, 1), ==, nudge_test_prague (2026, 4, 5, 2, 30));
}

static void
test_all_day (void)
{
  g_autoptr(GArray) found = expand ("FREQ=DAILY;COUNT=4", nudge_test_prague (2026, 3, 28, 0, 0), TRUE,
                                    "20260330", G_MAXINT64);
  const int days[] = { 28, 29, 31 };

  g_assert_cmpuint (found->len, ==, 3);
  for (guint i = 0; i < found->len; i++)
    {
      g_autoptr(GDateTime) local = in_prague (g_array_index (found, gint64, i));

      g_assert_cmpint (g_date_time_get_day_of_month (local), ==, days[i]);
      g_assert_cmpint (g_date_time_get_hour (local), ==, 0);
    }
}

static void
test_invalid (void)
{
  const struct { const char *rule; int code; const char *message; } cases[] = {
    { "FREQ=HOURLY", NUDGE_RECURRENCE_ERROR_UNSUPPORTED, "FREQ=HOURLY is not supported" },
    { "FREQ=DAILY;COUNT=3;UNTIL=20261231", NUDGE_RECURRENCE_ERROR_INVALID, "COUNT and UNTIL cannot both be set" },
    { "FREQ=DAILY;BYHOUR=9", NUDGE_RECURRENCE_ERROR_UNSUPPORTED, "BYHOUR is not supported" },
    { "FREQ=FORTNIGHTLY", NUDGE_RECURRENCE_ERROR_INVALID, NULL },
    { "FREQ=WEEKLY;BYDAY=XX", NUDGE_RECURRENCE_ERROR_INVALID, NULL },
    { "hello", NUDGE_RECURRENCE_ERROR_INVALID, NULL },
    { "FREQ=DAILY;INTERVAL=0", NUDGE_RECURRENCE_ERROR_INVALID, NULL },
    { "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", NUDGE_RECURRENCE_ERROR_INVALID, NULL },
    { "FREQ=DAILY;UNTIL=20200101", NUDGE_RECURRENCE_ERROR_EMPTY, "This rule produces no occurrences" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("rule %s", cases[i].rule);
      g_assert_false (nudge_recurrence_validate (cases[i].rule, nudge_test_prague (2026, 3, 2, 9, 0),
                                                 "Europe/Prague", FALSE, &error));
      g_assert_error (error, NUDGE_RECURRENCE_ERROR, cases[i].code);
      if (cases[i].message)
        g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (nudge_recurrence_validate ("FREQ=DAILY", 0, "Mars/Olympus", FALSE, &error));
    g_assert_error (error, NUDGE_RECURRENCE_ERROR, NUDGE_RECURRENCE_ERROR_TIMEZONE);
  }
  g_assert_true (nudge_recurrence_validate ("RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
                                            nudge_test_prague (2026, 3, 2, 9, 0), "Europe/Prague", FALSE, NULL));
}

/* Expanding a window (which jumps ahead in libical) gives exactly the
 * occurrences a full expansion gives in that window. */
static void
test_window_matches_full (void)
{
  const char *rules[] = {
    "FREQ=DAILY",
    "FREQ=DAILY;INTERVAL=3",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
    "FREQ=MONTHLY;BYMONTHDAY=-1",
    "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "FREQ=MONTHLY;BYDAY=2TU",
    "FREQ=YEARLY",
    "FREQ=WEEKLY;BYDAY=FR;UNTIL=20271231",
  };
  gint64 start = nudge_test_prague (2025, 1, 31, 9, 0);

  for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
    for (gboolean all_day = FALSE; all_day <= TRUE; all_day++)
      {
        gint64 dtstart = all_day ? nudge_test_prague (2025, 1, 31, 0, 0) : start;
        g_autoptr(GArray) full = expand (rules[r], dtstart, all_day, NULL, nudge_test_prague (2028, 1, 1, 0, 0));

        for (guint w = 0; w < 6; w++)
          {
            gint64 from = nudge_test_prague (2025, 3, 10, 0, 0) + w * 97 * 86400 + w * 3600;
            gint64 to = from + (20 + w * 30) * 86400;
            g_autoptr(GArray) window = nudge_recurrence_expand_rule (&(NudgeRecurrenceSeries) { rules[r], dtstart, "Europe/Prague", all_day, NULL },
                                                                     from, to, 0, NULL);
            guint n = 0;

            g_test_message ("%s all-day=%d window %u", rules[r], all_day, w);
            for (guint i = 0; i < full->len; i++)
              {
                gint64 at = g_array_index (full, gint64, i);

                if (at < from || at >= to)
                  continue;
                g_assert_cmpuint (n, <, window->len);
                g_assert_cmpint (g_array_index (window, gint64, n), ==, at);
                n++;
              }
            g_assert_cmpuint (n, ==, window->len);
          }
      }
}

static void
test_describe (void)
{
  const struct { const char *rrule; const char *text; } cases[] = {
    { NULL, "Does not repeat" },
    { "FREQ=WEEKLY;BYDAY=MO", "Every week on Monday" },
    { "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=5", "Every month on the last day, 5 times" },
    { "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", "Every 2 weeks on Tuesday and Thursday" },
    { "FREQ=WEEKLY;BYDAY=MO,WE,FR", "Every week on Monday, Wednesday and Friday" },
    { "FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1", "Every month on the last Friday" },
    { "RRULE:FREQ=MONTHLY;BYDAY=-1FR", "Every month on the last Friday" },
    { "FREQ=MONTHLY;BYDAY=1MO", "Every month on the first Monday" },
    { "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "Every month on the last weekday" },
    { "FREQ=DAILY;COUNT=5", "Every day, 5 times" },
    { "FREQ=DAILY;COUNT=1", "Every day, 1 time" },
    { "FREQ=DAILY;INTERVAL=3", "Every 3 days" },
    { "FREQ=WEEKLY;UNTIL=20270114", "Every week until 14 January 2027" },
    /* 22:59:59 UTC on the 14th is still the 14th in Prague, 23:30 UTC not. */
    { "FREQ=WEEKLY;UNTIL=20270114T225959Z", "Every week until 14 January 2027" },
    { "FREQ=WEEKLY;UNTIL=20270114T233000Z", "Every week until 15 January 2027" },
    { "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "Every weekday" },
    { "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR;COUNT=10", "Every 2 weeks on weekdays, 10 times" },
    { "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15", "Every 3 months on day 15" },
    { "FREQ=YEARLY;INTERVAL=2;BYMONTH=3", "Every 2 years in March" },
    { "FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=1", "Every year on day 1 in March and September" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = nudge_recurrence_describe (cases[i].rrule);

      g_test_message ("%s → %s", cases[i].rrule, text);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* The sample book's follow-ups are in the zone a follow-up made in the
 * app gets, not in Prague whatever the seller's zone: here London, as
 * TZ may name it, with a colon. */
static void
test_demo_zone (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));
  g_autofree char *expected = NULL;
  NudgeTestBook book = { 0 };
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_setenv ("TZ", ":Europe/London", TRUE);
  tzset ();
  nudge_clock_forget_local_zone ();
  expected = nudge_recurrence_default_tzid ();
  g_assert_cmpstr (expected, ==, "Europe/London");

  nudge_test_book_open_at (&book, "demo-zone", nudge_test_utc ("2026-06-01T08:00:00Z"));
  nudge_test_add_demo (book.store, 20, 5, 10, 10, 30);
  g_assert_cmpint (sqlite3_prepare_v2 (nudge_store_get_db (book.store), "SELECT tzid FROM followup WHERE all_day = 0",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, expected);
      n++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n, ==, 30);
  nudge_test_book_tear_down (&book, NULL);

  g_setenv ("TZ", saved, TRUE);
  tzset ();
  nudge_clock_forget_local_zone ();
}

/* A series' zone is read once for the process: every occurrence of a
 * year of weeks converted to UTC, and each lookup after, finds the
 * same zone; a name that is no zone is none. */
static void
test_zone_read_once (void)
{
  g_autoptr(GTimeZone) first = NULL;
  g_autoptr(GTimeZone) again = NULL;
  g_autoptr(GTimeZone) other = nudge_clock_zone ("Europe/Kyiv");
  g_autoptr(GArray) found = NULL;
  g_autoptr(GDateTime) start = NULL;
  gint64 due;

  first = nudge_clock_zone ("America/Chicago");
  g_assert_nonnull (first);
  start = g_date_time_new (first, 2026, 1, 5, 9, 0, 0);
  due = g_date_time_to_unix (start);
  found = nudge_recurrence_expand_rule (&(NudgeRecurrenceSeries) { "FREQ=WEEKLY;BYDAY=MO", due, "America/Chicago", FALSE, NULL },
                                        due, due + 365 * 86400, 0, NULL);
  g_assert_nonnull (found);
  g_assert_cmpuint (found->len, ==, 53);
  /* 9:00 in Chicago on both sides of its DST change */
  g_assert_cmpint (g_array_index (found, gint64, 20) - g_array_index (found, gint64, 0), ==, 20 * 7 * 86400 - 3600);

  again = nudge_clock_zone ("America/Chicago");
  g_assert_true (again == first);
  g_assert_true (other != first);
  g_assert_null (nudge_clock_zone ("Europe/Nowhere"));
  g_assert_null (nudge_clock_zone ("Europe/Nowhere"));
}

int
main (int argc, char *argv[])
{
  nudge_test_init (&argc, &argv, "C");

  g_test_add_func ("/core/recurrence/weekly-across-dst", test_weekly_across_dst);
  g_test_add_func ("/core/recurrence/exdate-in-gap", test_exdate_in_gap);
  g_test_add_func ("/core/recurrence/monthly-last-day", test_monthly_last_day);
  g_test_add_func ("/core/recurrence/count-and-until", test_count_and_until);
  g_test_add_func ("/core/recurrence/exdate", test_exdate);
  g_test_add_func ("/core/recurrence/all-day", test_all_day);
  g_test_add_func ("/core/recurrence/invalid", test_invalid);
  g_test_add_func ("/core/recurrence/window-matches-full", test_window_matches_full);
  g_test_add_func ("/core/recurrence/describe", test_describe);
  g_test_add_func ("/core/recurrence/demo-zone", test_demo_zone);
  g_test_add_func ("/core/recurrence/zone-read-once", test_zone_read_once);
  return g_test_run ();
}
