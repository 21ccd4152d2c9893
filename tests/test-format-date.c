/* test-format-date.c — dates and days in words as a Czech, Polish or
 * Ukrainian seller writes them, with the build's own translations: the
 * short date the translation sets ("7. 12. 2026"), and today, tomorrow
 * and the weekdays in lower case inside a sentence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <gio/gio.h>

#include "nudge-clock.h"
#include "nudge-format.h"
#include "nudge-search.h"
#include "nudge-test-core.h"

/* Czech typography (ČSN 01 6910) writes "7. 12. 2026"; glibc's cs_CZ
 * "7.12.2026". Polish and Ukrainian keep their locale's dd.mm.yyyy, with
 * the whole year (uk's own is 07.12.26). */
static void
test_short_date (void)
{
  static const struct { const char *locale; const char *date; const char *datetime; } cases[] = {
    { "cs_CZ.UTF-8", "7. 12. 2026", "7. 12. 2026 09:05" },
    { "pl_PL.UTF-8", "07.12.2026", "07.12.2026 09:05" },
    { "uk_UA.UTF-8", "07.12.2026", "07.12.2026 09:05" },
    { "en_US.UTF-8", "12/07/2026", NULL },
  };
  gint64 at = nudge_test_prague (2026, 12, 7, 9, 5);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *date = NULL;
      g_autofree char *datetime = NULL;
      int y = 0, m = 0, d = 0;

      if (!nudge_test_use_locale (cases[i].locale))
        return;
      g_test_message ("%s", cases[i].locale);
      date = nudge_format_date (at);
      g_assert_cmpstr (date, ==, cases[i].date);
      datetime = nudge_format_datetime (at);
      if (cases[i].datetime != NULL)
        g_assert_cmpstr (datetime, ==, cases[i].datetime);
      /* What is shown reads back as the same day. */
      g_assert_true (nudge_parse_date (date, &y, &m, &d));
      g_assert_cmpint (y, ==, 2026);
      g_assert_cmpint (m, ==, 12);
      g_assert_cmpint (d, ==, 7);
    }
  /* Day and month typed in the Czech way, without the year. */
  if (nudge_test_use_locale ("cs_CZ.UTF-8"))
    {
      int y = 0, m = 0, d = 0;

      g_assert_true (nudge_parse_date ("24. 12. 2026", &y, &m, &d));
      g_assert_cmpint (d, ==, 24);
      g_assert_cmpint (m, ==, 12);
    }
  setlocale (LC_ALL, "C");
}

/* A day standing alone starts with a capital; inside a sentence Czech,
 * Polish and Ukrainian write it in lower case. English keeps the
 * capital of its weekdays. Seen on Monday 7 December 2026. */
static void
test_day_in_sentence (void)
{
  static const struct {
    const char *locale;
    const char *tomorrow_alone, *tomorrow;
    const char *thursday_alone, *thursday;
    const char *today;
    const char *ago_alone, *ago;
  } cases[] = {
    { "cs_CZ.UTF-8", "Zítra", "zítra", "Čtvrtek", "čtvrtek", "dnes", "Před 3 dny", "před 3 dny" },
    { "pl_PL.UTF-8", "Jutro", "jutro", "Czwartek", "czwartek", "dzisiaj", "3 dni temu", "3 dni temu" },
    { "uk_UA.UTF-8", "Завтра", "завтра", "Четвер", "четвер", "сьогодні", "3 дні тому", "3 дні тому" },
    { "en_US.UTF-8", "Tomorrow", "tomorrow", "Thursday", "Thursday", "today", "3 days ago", "3 days ago" },
  };
  gint64 now = nudge_test_prague (2026, 12, 7, 8, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 tomorrow = nudge_test_prague (2026, 12, 8, 10, 0);
      gint64 thursday = nudge_test_prague (2026, 12, 10, 10, 0);
      gint64 friday = nudge_test_prague (2026, 12, 4, 10, 0);
      g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL, *f = NULL;
      g_autofree char *g = NULL, *h = NULL;

      if (!nudge_test_use_locale (cases[i].locale))
        return;
      g_test_message ("%s", cases[i].locale);
      a = nudge_format_relative_day (tomorrow, now);
      b = nudge_format_relative_day_in_sentence (tomorrow, now);
      c = nudge_format_relative_day (thursday, now);
      d = nudge_format_relative_day_in_sentence (thursday, now);
      e = nudge_format_relative_day_in_sentence (now + 3600, now);
      /* Past a week: the date, alike in both. */
      f = nudge_format_relative_day_in_sentence (nudge_test_prague (2026, 12, 24, 10, 0), now);
      g_assert_cmpstr (a, ==, cases[i].tomorrow_alone);
      g_assert_cmpstr (b, ==, cases[i].tomorrow);
      g_assert_cmpstr (c, ==, cases[i].thursday_alone);
      g_assert_cmpstr (d, ==, cases[i].thursday);
      g_assert_cmpstr (e, ==, cases[i].today);
      g_assert_true (g_str_has_prefix (f, "24") || g_str_has_prefix (f, "12/24"));
      g = nudge_format_relative_day (friday, now);
      h = nudge_format_relative_day_in_sentence (friday, now);
      g_assert_cmpstr (g, ==, cases[i].ago_alone);
      g_assert_cmpstr (h, ==, cases[i].ago);
    }
  setlocale (LC_ALL, "C");
}

/* GNOME Shell's search and the header's: "další: Hovor (zítra v
 * 10:00)", where the next step is in the middle of the line; a
 * follow-up found on its own starts its line with "Zítra". */
static void
test_search_description (NudgeTestBook *book,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) deals = NULL;
  g_autoptr(GPtrArray) followups = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = nudge_test_prague (2026, 12, 7, 8, 0);
  gint64 deal;
  NudgeSearchResult *hit;

  deal = nudge_test_add_titled_deal (book->store, "Licence Zelenka");
  nudge_test_add_followup (book->store, deal, "Hovor Zelenka", nudge_test_prague (2026, 12, 8, 10, 0), NULL);
  if (!nudge_test_use_locale ("cs_CZ.UTF-8"))
    return;

  deals = nudge_search_results (book->store, "Licence Zelenka", NUDGE_SEARCH_DEALS, 5, now, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deals->len, ==, 1);
  hit = g_ptr_array_index (deals, 0);
  g_test_message ("%s", hit->description);
  g_assert_nonnull (strstr (hit->description, "(zítra v 10:00)"));
  g_assert_null (strstr (hit->description, "Zítra"));

  followups = nudge_search_results (book->store, "Hovor Zelenka", NUDGE_SEARCH_FOLLOWUPS, 5, now, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (followups->len, ==, 1);
  hit = g_ptr_array_index (followups, 0);
  g_test_message ("%s", hit->description);
  g_assert_true (g_str_has_prefix (hit->description, "Zítra v 10:00"));
  setlocale (LC_ALL, "C");
}

int
main (int   argc,
      char *argv[])
{
  nudge_test_init (&argc, &argv, NULL);
  nudge_test_use_translations ();

  g_test_add_func ("/core/format-date/short-date", test_short_date);
  g_test_add_func ("/core/format-date/day-in-sentence", test_day_in_sentence);
  g_test_add ("/core/format-date/search-description", NudgeTestBook, NULL,
              nudge_test_pinned_book_set_up, test_search_description, nudge_test_book_tear_down);

  return g_test_run ();
}
