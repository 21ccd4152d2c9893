/* test-holidays.c — public holidays by country and year, and the working
 * days and hours that leave them out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>

#include "nudge-clock.h"
#include "nudge-demo.h"
#include "nudge-holidays.h"
#include "nudge-pace.h"
#include "nudge-store-private.h"
#include "nudge-test-core.h"

/* @region's days off in @year as "MM-DD MM-DD …". */
static char *
year_dates (NudgeHolidayRegion region,
            int                year)
{
  NudgeHoliday list[NUDGE_HOLIDAYS_MAX_PER_YEAR];
  guint n = nudge_holidays_of_year (region, year, list);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (list[i].name);
      g_assert_nonnull (nudge_holidays_name (region, year, list[i].month, list[i].day));
      g_string_append_printf (out, "%s%02d-%02d", i > 0 ? " " : "", list[i].month, list[i].day);
    }
  return g_string_free (out, FALSE);
}

static void
test_easter (void)
{
  static const struct { int year, month, day; } sundays[] = {
    { 2000, 4, 23 }, { 2008, 3, 23 }, { 2011, 4, 24 }, { 2024, 3, 31 }, { 2025, 4, 20 },
    { 2026, 4, 5 }, { 2027, 3, 28 }, { 2028, 4, 16 }, { 2029, 4, 1 }, { 2030, 4, 21 }, { 2038, 4, 25 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sundays); i++)
    {
      int month, day;

      nudge_holidays_easter (sundays[i].year, &month, &day);
      g_assert_cmpint (month, ==, sundays[i].month);
      g_assert_cmpint (day, ==, sundays[i].day);
    }
}

/* Easter Sunday 2026 is 5 April. */
static void
test_regions_2026 (void)
{
  static const struct { NudgeHolidayRegion region; const char *dates; } years[] = {
    { NUDGE_HOLIDAYS_CZECHIA, "01-01 04-03 04-06 05-01 05-08 07-05 07-06 09-28 10-28 11-17 12-24 12-25 12-26" },
    { NUDGE_HOLIDAYS_POLAND, "01-01 01-06 04-05 04-06 05-01 05-03 05-24 06-04 08-15 11-01 11-11 12-24 12-25 12-26" },
    { NUDGE_HOLIDAYS_GERMANY, "01-01 04-03 04-06 05-01 05-14 05-25 10-03 12-25 12-26" },
    { NUDGE_HOLIDAYS_AUSTRIA, "01-01 01-06 04-06 05-01 05-14 05-25 06-04 08-15 10-26 11-01 12-08 12-25 12-26" },
    /* Boxing Day is a Saturday: Monday the 28th is off instead. */
    { NUDGE_HOLIDAYS_UNITED_KINGDOM, "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-26 12-28" },
    { NUDGE_HOLIDAYS_NONE, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_autofree char *dates = year_dates (years[i].region, 2026);

      g_assert_cmpstr (dates, ==, years[i].dates);
    }
  g_assert_cmpstr (nudge_holidays_name (NUDGE_HOLIDAYS_CZECHIA, 2026, 12, 24), ==, "Christmas Eve");
  g_assert_cmpstr (nudge_holidays_name (NUDGE_HOLIDAYS_POLAND, 2026, 6, 4), ==, "Corpus Christi");
  g_assert_cmpstr (nudge_holidays_name (NUDGE_HOLIDAYS_UNITED_KINGDOM, 2026, 12, 28), ==,
                   "Boxing Day (substitute day)");
  g_assert_null (nudge_holidays_name (NUDGE_HOLIDAYS_CZECHIA, 2026, 12, 23));
  g_assert_null (nudge_holidays_name (NUDGE_HOLIDAYS_NONE, 2026, 12, 25));
}

/* Holidays come and go with the law, and the United Kingdom's move. */
static void
test_years (void)
{
  static const struct { NudgeHolidayRegion region; int year; const char *dates; } years[] = {
    /* 25 and 26 December on a weekend: Monday and Tuesday off */
    { NUDGE_HOLIDAYS_UNITED_KINGDOM, 2021, "01-01 04-02 04-05 05-03 05-31 08-30 12-25 12-26 12-27 12-28" },
    /* 1 January on a Saturday; 25 December on a Sunday and Boxing Day
     * on Monday: Christmas is made up on Tuesday; the Jubilee and the
     * Queen's funeral */
    { NUDGE_HOLIDAYS_UNITED_KINGDOM, 2022,
      "01-01 01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-25 12-26 12-27" },
    { NUDGE_HOLIDAYS_UNITED_KINGDOM, 2023, "01-01 01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26" },
    /* Christmas Eve is a day off in Poland from 2025 on */
    { NUDGE_HOLIDAYS_POLAND, 2024, "01-01 01-06 03-31 04-01 05-01 05-03 05-19 05-30 08-15 11-01 11-11 12-25 12-26" },
    { NUDGE_HOLIDAYS_POLAND, 2025,
      "01-01 01-06 04-20 04-21 05-01 05-03 06-08 06-19 08-15 11-01 11-11 12-24 12-25 12-26" },
    /* Good Friday is one in Czechia from 2016 on */
    { NUDGE_HOLIDAYS_CZECHIA, 2015, "01-01 04-06 05-01 05-08 07-05 07-06 09-28 10-28 11-17 12-24 12-25 12-26" },
    /* Ascension Day on 1 May, Labour Day (Easter on 23 March 2008) */
    { NUDGE_HOLIDAYS_GERMANY, 2008, "01-01 03-21 03-24 05-01 05-01 05-12 10-03 12-25 12-26" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_autofree char *dates = year_dates (years[i].region, years[i].year);

      g_assert_cmpstr (dates, ==, years[i].dates);
    }
  g_assert_cmpstr (nudge_holidays_name (NUDGE_HOLIDAYS_UNITED_KINGDOM, 2022, 12, 27), ==,
                   "Christmas Day (substitute day)");
  g_assert_cmpstr (nudge_holidays_name (NUDGE_HOLIDAYS_UNITED_KINGDOM, 2022, 1, 3), ==,
                   "New Year’s Day (substitute day)");
}

static void
test_regions (void)
{
  g_autoptr(GArray) regions = nudge_holidays_list_regions ();

  g_assert_cmpuint (regions->len, ==, NUDGE_HOLIDAYS_N_REGIONS - 1);
  for (guint i = 0; i < regions->len; i++)
    {
      NudgeHolidayRegion region = g_array_index (regions, NudgeHolidayRegion, i);

      g_assert_cmpint (region, !=, NUDGE_HOLIDAYS_NONE);
      g_assert_cmpint (nudge_holidays_region_from_code (nudge_holidays_region_code (region)), ==, region);
      if (i > 0)
        g_assert_cmpint (g_utf8_collate (nudge_holidays_region_name (g_array_index (regions, NudgeHolidayRegion, i - 1)),
                                         nudge_holidays_region_name (region)), <, 0);
    }
  g_assert_cmpstr (nudge_holidays_region_name (NUDGE_HOLIDAYS_CZECHIA), ==, "Czechia");
  g_assert_cmpstr (nudge_holidays_region_code (NUDGE_HOLIDAYS_NONE), ==, "none");
  g_assert_cmpint (nudge_holidays_region_from_code ("pl"), ==, NUDGE_HOLIDAYS_POLAND);
  /* Not here (see nudge-holidays.c): none */
  g_assert_cmpint (nudge_holidays_region_from_code ("SK"), ==, NUDGE_HOLIDAYS_NONE);
  g_assert_cmpint (nudge_holidays_region_from_code ("UA"), ==, NUDGE_HOLIDAYS_NONE);
  g_assert_cmpint (nudge_holidays_region_from_setting ("none"), ==, NUDGE_HOLIDAYS_NONE);
  g_assert_cmpint (nudge_holidays_region_from_setting (""), ==, NUDGE_HOLIDAYS_NONE);
  g_assert_cmpint (nudge_holidays_region_from_setting ("GB"), ==, NUDGE_HOLIDAYS_UNITED_KINGDOM);
}

/* The country of the date format's territory. */
static void
test_default_region (void)
{
  static const struct { const char *locale; NudgeHolidayRegion region; } locales[] = {
    { "cs_CZ.UTF-8", NUDGE_HOLIDAYS_CZECHIA }, { "pl_PL.UTF-8", NUDGE_HOLIDAYS_POLAND },
    { "de_DE@euro", NUDGE_HOLIDAYS_GERMANY }, { "de_AT.UTF-8", NUDGE_HOLIDAYS_AUSTRIA },
    { "en_GB.UTF-8", NUDGE_HOLIDAYS_UNITED_KINGDOM }, { "en_GB", NUDGE_HOLIDAYS_UNITED_KINGDOM },
    { "en_US.UTF-8", NUDGE_HOLIDAYS_NONE }, { "uk_UA.UTF-8", NUDGE_HOLIDAYS_NONE },
    { "de_CH.UTF-8", NUDGE_HOLIDAYS_NONE }, { "C.UTF-8", NUDGE_HOLIDAYS_NONE }, { "cs", NUDGE_HOLIDAYS_NONE },
    { "", NUDGE_HOLIDAYS_NONE }, { NULL, NUDGE_HOLIDAYS_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    g_assert_cmpint (nudge_holidays_region_for_locale (locales[i].locale), ==, locales[i].region);

  /* The program's LC_TIME, whatever the messages are in. */
  if (!nudge_test_use_locale ("pl_PL.UTF-8"))
    return;
  setlocale (LC_MESSAGES, "C");
  g_assert_cmpint (nudge_holidays_default_region (), ==, NUDGE_HOLIDAYS_POLAND);
  g_assert_cmpint (nudge_holidays_region_from_setting ("auto"), ==, NUDGE_HOLIDAYS_POLAND);
  g_assert_cmpint (nudge_holidays_region_from_setting ("DE"), ==, NUDGE_HOLIDAYS_GERMANY);
  setlocale (LC_TIME, "cs_CZ.UTF-8");
  g_assert_cmpint (nudge_holidays_default_region (), ==, NUDGE_HOLIDAYS_CZECHIA);
  setlocale (LC_ALL, "C");
  g_assert_cmpint (nudge_holidays_default_region (), ==, NUDGE_HOLIDAYS_NONE);
}

static GDateTime *
prague_noon (int month,
             int day)
{
  return nudge_clock_local_new (2026, month, day, 12, 0, 0);
}

/* Christmas in Czechia: Thursday 24 to Saturday 26 December 2026. */
static void
test_working_day (void)
{
  NudgeWorkingHours hours = { 9 * 60, 17 * 60, TRUE, NUDGE_HOLIDAYS_CZECHIA };
  g_autoptr(GDateTime) wednesday = prague_noon (12, 23);
  g_autoptr(GDateTime) thursday = prague_noon (12, 24);
  g_autoptr(GDateTime) saturday = prague_noon (12, 19);
  g_autoptr(GDateTime) sunday = prague_noon (12, 27);
  g_autoptr(GDateTime) monday = prague_noon (12, 28);
  g_autoptr(GDateTime) first = NULL;

  g_assert_true (nudge_working_hours_is_working_day (&hours, wednesday));
  g_assert_false (nudge_working_hours_is_working_day (&hours, thursday));
  g_assert_false (nudge_working_hours_is_working_day (&hours, saturday));
  g_assert_true (nudge_working_hours_is_working_day (&hours, monday));
  first = nudge_working_hours_first_working_day (&hours, thursday);
  g_assert_true (g_date_time_equal (first, monday));

  /* Weekends worked: the holidays are still off. */
  hours.skip_weekends = FALSE;
  g_assert_true (nudge_working_hours_is_working_day (&hours, saturday));
  g_assert_false (nudge_working_hours_is_working_day (&hours, thursday));
  g_clear_pointer (&first, g_date_time_unref);
  first = nudge_working_hours_first_working_day (&hours, thursday);
  g_assert_true (g_date_time_equal (first, sunday));

  /* No holidays: as before there were any. */
  hours.skip_weekends = TRUE;
  hours.holidays = NUDGE_HOLIDAYS_NONE;
  g_assert_true (nudge_working_hours_is_working_day (&hours, thursday));
}

/* "Now" on Christmas Eve, or on the evening before it: Monday morning. */
static void
test_working_hours_next (void)
{
  NudgeWorkingHours hours = { 9 * 60, 17 * 60, TRUE, NUDGE_HOLIDAYS_CZECHIA };
  const gint64 monday = nudge_test_prague (2026, 12, 28, 9, 0);

  g_assert_cmpint (nudge_working_hours_next (&hours, nudge_test_prague (2026, 12, 24, 10, 0)), ==, monday);
  g_assert_cmpint (nudge_working_hours_next (&hours, nudge_test_prague (2026, 12, 23, 18, 0)), ==, monday);
  g_assert_cmpint (nudge_working_hours_next (&hours, nudge_test_prague (2026, 12, 23, 16, 0)), ==,
                   nudge_test_prague (2026, 12, 23, 16, 0));
  /* Easter: Good Friday to Easter Monday */
  g_assert_cmpint (nudge_working_hours_next (&hours, nudge_test_prague (2026, 4, 2, 20, 0)), ==,
                   nudge_test_prague (2026, 4, 7, 9, 0));

  hours.holidays = NUDGE_HOLIDAYS_NONE;
  g_assert_cmpint (nudge_working_hours_next (&hours, nudge_test_prague (2026, 12, 24, 10, 0)), ==,
                   nudge_test_prague (2026, 12, 24, 10, 0));
}

static GArray *
schedule (const NudgeWorkingHours *hours,
          gint64                   now,
          int                      daily_limit,
          guint                    n)
{
  g_autoptr(GArray) earliest = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < n; i++)
    g_array_append_val (earliest, now);
  return nudge_pace_schedule (hours, now, daily_limit, earliest, NULL);
}

/* Two a working day from Wednesday 23 December: the next two wait for
 * Monday 28; without holidays, for Thursday 24. */
static void
test_pace (void)
{
  NudgeWorkingHours hours = { 9 * 60, 17 * 60, TRUE, NUDGE_HOLIDAYS_CZECHIA };
  const gint64 morning = nudge_test_prague (2026, 12, 23, 8, 0);
  g_autoptr(GArray) dues = schedule (&hours, morning, 2, 4);
  g_autoptr(GArray) without = NULL;
  g_autoptr(GArray) unlimited = NULL;

  g_assert_cmpuint (dues->len, ==, 4);
  g_assert_cmpint (g_array_index (dues, gint64, 0), ==, nudge_test_prague (2026, 12, 23, 9, 0));
  g_assert_cmpint (g_array_index (dues, gint64, 1), ==, nudge_test_prague (2026, 12, 23, 13, 0));
  g_assert_cmpint (g_array_index (dues, gint64, 2), ==, nudge_test_prague (2026, 12, 28, 9, 0));
  g_assert_cmpint (g_array_index (dues, gint64, 3), ==, nudge_test_prague (2026, 12, 28, 13, 0));

  /* No limit: each at once, or on the next working morning. */
  unlimited = schedule (&hours, nudge_test_prague (2026, 12, 24, 10, 0), 0, 1);
  g_assert_cmpint (g_array_index (unlimited, gint64, 0), ==, nudge_test_prague (2026, 12, 28, 9, 0));

  hours.holidays = NUDGE_HOLIDAYS_NONE;
  without = schedule (&hours, morning, 2, 4);
  g_assert_cmpint (g_array_index (without, gint64, 2), ==, nudge_test_prague (2026, 12, 24, 9, 0));
  g_assert_cmpint (g_array_index (without, gint64, 3), ==, nudge_test_prague (2026, 12, 24, 13, 0));
}

/* A limit of one a day for 3,000 idle deals: each gets the next
 * working day of its own, for years ahead, not a day in 1970 once a
 * decade of days is used up; the days already taken are skipped. */
static void
test_pace_long_queue (void)
{
  const NudgeWorkingHours hours = { 9 * 60, 17 * 60, TRUE, NUDGE_HOLIDAYS_POLAND };
  const gint64 now = nudge_test_prague (2026, 12, 7, 10, 0);
  g_autoptr(GArray) earliest = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) dues = NULL;
  g_autoptr(GDateTime) day = nudge_clock_local_new (2026, 12, 7, 12, 0, 0);
  const gint64 past = nudge_test_prague (2026, 12, 4, 9, 0);
  const gint64 tomorrow = nudge_test_prague (2026, 12, 8, 9, 0);

  for (guint i = 0; i < 3000; i++)
    g_array_append_val (earliest, now);
  g_array_append_val (taken, past);
  g_array_append_val (taken, tomorrow);
  dues = nudge_pace_schedule (&hours, now, 1, earliest, taken);

  g_assert_cmpuint (dues->len, ==, 3000);
  /* Today's one slot (09:00) is gone: the rest of the day takes it. */
  g_assert_cmpint (g_array_index (dues, gint64, 0), ==, now);
  for (guint i = 1; i < dues->len; i++)
    {
      GDateTime *next;

      /* The working days after today, but tomorrow, taken already. */
      do
        {
          next = g_date_time_add_days (day, 1);
          g_date_time_unref (day);
          day = next;
        }
      while (!nudge_working_hours_is_working_day (&hours, day) ||
             nudge_test_prague (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day), 9, 0) == tomorrow);
      g_assert_cmpint (g_array_index (dues, gint64, i), ==,
                       nudge_test_prague (g_date_time_get_year (day), g_date_time_get_month (day),
                                          g_date_time_get_day_of_month (day), 9, 0));
    }
  g_assert_cmpint (g_date_time_get_year (day), >=, 2038);
}

/* The working hours the settings say, "auto" by the date format's
 * country. */
static void
test_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *holidays = NULL;
  NudgeWorkingHours hours;

  g_settings_set_int (settings, "working-day-start", 8 * 60);
  g_settings_set_string (settings, "holidays", "AT");
  nudge_working_hours_from_settings (settings, &hours);
  g_assert_cmpint (hours.day_start_min, ==, 8 * 60);
  g_assert_true (hours.skip_weekends);
  g_assert_cmpint (hours.holidays, ==, NUDGE_HOLIDAYS_AUSTRIA);

  g_settings_reset (settings, "holidays");
  holidays = g_settings_get_string (settings, "holidays");
  g_assert_cmpstr (holidays, ==, "auto");
  if (!nudge_test_use_locale ("cs_CZ.UTF-8"))
    return;
  nudge_working_hours_from_settings (settings, &hours);
  g_assert_cmpint (hours.holidays, ==, NUDGE_HOLIDAYS_CZECHIA);
  setlocale (LC_ALL, "C");
}

/* The sample book made a week before Christmas in Czechia: what it
 * plans for the coming weeks falls on working days, not on Christmas,
 * New Year's Day or a weekend. */
static void
test_demo_plans_working_days (void)
{
  const NudgeWorkingHours czech = { 9 * 60, 17 * 60, TRUE, NUDGE_HOLIDAYS_CZECHIA };
  NudgeWorkingHours before;
  NudgeTestBook book = { 0 };
  const gint64 now = nudge_test_prague (2026, 12, 18, 8, 0);
  sqlite3_stmt *stmt = NULL;
  guint planned = 0, on_holidays = 0;

  nudge_working_hours_get (&before);
  nudge_working_hours_set (&czech);
  nudge_test_book_open_at (&book, "demo-holidays", now);
  nudge_test_add_demo (book.store, 0, 0, 0, 0, 0);

  /* Plans after today, one-off: the generator's "coming weeks". */
  g_assert_cmpint (sqlite3_prepare_v2 (nudge_store_get_db (book.store),
                                       "SELECT due_at FROM followup WHERE status = 'open' AND rrule = ''"
                                       " AND due_at >= ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, nudge_test_prague (2026, 12, 19, 0, 0));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) due = nudge_clock_local_from_unix (sqlite3_column_int64 (stmt, 0));

      planned++;
      if (!nudge_working_hours_is_working_day (&czech, due))
        {
          g_autofree char *text = g_date_time_format (due, "%a %F %R");

          g_test_message ("planned on a day off: %s", text);
          on_holidays++;
        }
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (planned, >, 50);
  g_assert_cmpuint (on_holidays, ==, 0);

  nudge_test_book_tear_down (&book, NULL);
  nudge_working_hours_set (&before);
}

int
main (int   argc,
      char *argv[])
{
  nudge_test_init (&argc, &argv, "C");

  g_test_add_func ("/core/holidays/easter", test_easter);
  g_test_add_func ("/core/holidays/regions-2026", test_regions_2026);
  g_test_add_func ("/core/holidays/years", test_years);
  g_test_add_func ("/core/holidays/regions", test_regions);
  g_test_add_func ("/core/holidays/default-region", test_default_region);
  g_test_add_func ("/core/holidays/working-day", test_working_day);
  g_test_add_func ("/core/holidays/working-hours-next", test_working_hours_next);
  g_test_add_func ("/core/holidays/pace", test_pace);
  g_test_add_func ("/core/holidays/pace-long-queue", test_pace_long_queue);
  g_test_add_func ("/core/holidays/settings", test_settings);
  g_test_add_func ("/core/holidays/demo-plans-working-days", test_demo_plans_working_days);
  return g_test_run ();
}
