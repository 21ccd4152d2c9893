/* nudge-holidays.c — the public holidays of a country, by year
 *
 * A follow-up due on 24 December in Prague or on Corpus Christi in
 * Kraków is late the moment the seller is back: these are days off like
 * a Sunday. Each country's days off are rules (a date, a day counted
 * from Easter Sunday, the first or last Monday of a month), each in
 * force over the years the law gave it; a year's list is made from
 * them when asked, which costs less than a lookup in a file would.
 *
 * Left out, on purpose:
 * - Ukraine: under martial law (since 24 February 2022, Law 2136-IX)
 *   public holidays are working days; offering it would be "None" under
 *   another name, and its holidays would look like days off.
 * - Slovakia: its days off changed in 2025 and again for 2026 (the
 *   consolidation laws took some away, for some years or for good); it
 *   is left out until they can be checked against the law rather than
 *   guessed.
 * - Germany's and Austria's regional holidays: only the nationwide ones
 *   are here. The United Kingdom is England and Wales: its bank
 *   holidays, and the one-off ones since 2020.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-holidays"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "nudge-holidays.h"

typedef enum
{
  ON_DATE,       /* month, day */
  FROM_EASTER,   /* day: days after Easter Sunday */
  NTH_MONDAY,    /* month; day: 1 the first, -1 the last */
} HolidayRule;

typedef struct
{
  guint               regions;     /* a bit for each region it is a day off in */
  HolidayRule         rule;
  gint8               month;
  gint8               day;
  guint16             first_year;  /* in force from; 0: always */
  guint16             last_year;   /* until; 0: still */
  const char         *name;
  /* When it falls on Saturday or Sunday, the next weekday that is no
   * holiday is a day off under this name (the United Kingdom). */
  const char         *substitute;
} Holiday;

#define AT (1 << NUDGE_HOLIDAYS_AUSTRIA)
#define CZ (1 << NUDGE_HOLIDAYS_CZECHIA)
#define DE (1 << NUDGE_HOLIDAYS_GERMANY)
#define PL (1 << NUDGE_HOLIDAYS_POLAND)
#define GB (1 << NUDGE_HOLIDAYS_UNITED_KINGDOM)

/* The year's days off, in the order of the calendar (those counted from
 * Easter where they fall in most years). */
static const Holiday holidays[] = {
  /* Translators: a public holiday, shown in the calendar on its day */
  { CZ | PL | DE | AT, ON_DATE, 1, 1, 0, 0, NC_("holiday", "New Year’s Day"), NULL },
  { GB, ON_DATE, 1, 1, 0, 0, NC_("holiday", "New Year’s Day"),
    /* Translators: the weekday off for a holiday that fell on a weekend */
    NC_("holiday", "New Year’s Day (substitute day)") },
  /* Translators: a public holiday, 6 January (Three Kings' Day) */
  { AT, ON_DATE, 1, 6, 0, 0, NC_("holiday", "Epiphany"), NULL },
  { PL, ON_DATE, 1, 6, 2011, 0, NC_("holiday", "Epiphany"), NULL },
  /* Translators: a public holiday (the Friday before Easter) */
  { DE | GB, FROM_EASTER, 0, -2, 0, 0, NC_("holiday", "Good Friday"), NULL },
  { CZ, FROM_EASTER, 0, -2, 2016, 0, NC_("holiday", "Good Friday"), NULL },
  { PL, FROM_EASTER, 0, 0, 0, 0, NC_("holiday", "Easter Sunday"), NULL },
  { CZ | PL | DE | AT | GB, FROM_EASTER, 0, 1, 0, 0, NC_("holiday", "Easter Monday"), NULL },
  { CZ | PL | DE | AT, ON_DATE, 5, 1, 0, 0, NC_("holiday", "Labour Day"), NULL },
  /* Translators: a public holiday in Poland, 3 May */
  { PL, ON_DATE, 5, 3, 0, 0, NC_("holiday", "Constitution Day"), NULL },
  /* Translators: a public holiday in Czechia, 8 May */
  { CZ, ON_DATE, 5, 8, 0, 0, NC_("holiday", "Victory in Europe Day"), NULL },
  /* Translators: a bank holiday in the United Kingdom, the first Monday of May */
  { GB, NTH_MONDAY, 5, 1, 0, 2019, NC_("holiday", "Early May Bank Holiday"), NULL },
  { GB, ON_DATE, 5, 8, 2020, 2020, NC_("holiday", "Early May Bank Holiday"), NULL },
  { GB, NTH_MONDAY, 5, 1, 2021, 0, NC_("holiday", "Early May Bank Holiday"), NULL },
  /* Translators: a bank holiday in the United Kingdom, 8 May 2023 */
  { GB, ON_DATE, 5, 8, 2023, 2023, NC_("holiday", "Coronation of King Charles III"), NULL },
  /* Translators: a public holiday, the Thursday 39 days after Easter */
  { DE | AT, FROM_EASTER, 0, 39, 0, 0, NC_("holiday", "Ascension Day"), NULL },
  /* Translators: a public holiday, Pentecost (seven weeks after Easter) */
  { PL, FROM_EASTER, 0, 49, 0, 0, NC_("holiday", "Whit Sunday"), NULL },
  /* Translators: a public holiday, the Monday after Pentecost */
  { DE | AT, FROM_EASTER, 0, 50, 0, 0, NC_("holiday", "Whit Monday"), NULL },
  /* Translators: a bank holiday in the United Kingdom, the last Monday of May */
  { GB, NTH_MONDAY, 5, -1, 0, 2021, NC_("holiday", "Spring Bank Holiday"), NULL },
  { GB, ON_DATE, 6, 2, 2022, 2022, NC_("holiday", "Spring Bank Holiday"), NULL },
  { GB, NTH_MONDAY, 5, -1, 2023, 0, NC_("holiday", "Spring Bank Holiday"), NULL },
  /* Translators: a public holiday, the Thursday 60 days after Easter */
  { PL | AT, FROM_EASTER, 0, 60, 0, 0, NC_("holiday", "Corpus Christi"), NULL },
  /* Translators: a bank holiday in the United Kingdom, 3 June 2022 */
  { GB, ON_DATE, 6, 3, 2022, 2022, NC_("holiday", "Platinum Jubilee"), NULL },
  /* Translators: a public holiday in Czechia, 5 July */
  { CZ, ON_DATE, 7, 5, 0, 0, NC_("holiday", "Saints Cyril and Methodius Day"), NULL },
  /* Translators: a public holiday in Czechia, 6 July */
  { CZ, ON_DATE, 7, 6, 0, 0, NC_("holiday", "Jan Hus Day"), NULL },
  /* Translators: a public holiday, 15 August */
  { PL | AT, ON_DATE, 8, 15, 0, 0, NC_("holiday", "Assumption Day"), NULL },
  /* Translators: a bank holiday in the United Kingdom, the last Monday of August */
  { GB, NTH_MONDAY, 8, -1, 0, 0, NC_("holiday", "Summer Bank Holiday"), NULL },
  /* Translators: a bank holiday in the United Kingdom, 19 September 2022 */
  { GB, ON_DATE, 9, 19, 2022, 2022, NC_("holiday", "State Funeral of Queen Elizabeth II"), NULL },
  /* Translators: a public holiday in Czechia, 28 September (St. Wenceslas) */
  { CZ, ON_DATE, 9, 28, 0, 0, NC_("holiday", "Czech Statehood Day"), NULL },
  /* Translators: a public holiday in Germany, 3 October */
  { DE, ON_DATE, 10, 3, 0, 0, NC_("holiday", "German Unity Day"), NULL },
  /* Translators: a public holiday in Austria, 26 October */
  { AT, ON_DATE, 10, 26, 0, 0, NC_("holiday", "Austrian National Day"), NULL },
  /* Translators: a public holiday in Czechia, 28 October */
  { CZ, ON_DATE, 10, 28, 0, 0, NC_("holiday", "Independent Czechoslovak State Day"), NULL },
  { PL | AT, ON_DATE, 11, 1, 0, 0, NC_("holiday", "All Saints’ Day"), NULL },
  /* Translators: a public holiday in Poland, 11 November */
  { PL, ON_DATE, 11, 11, 0, 0, NC_("holiday", "Independence Day"), NULL },
  /* Translators: a public holiday in Czechia, 17 November */
  { CZ, ON_DATE, 11, 17, 0, 0, NC_("holiday", "Struggle for Freedom and Democracy Day"), NULL },
  /* Translators: a public holiday, 8 December */
  { AT, ON_DATE, 12, 8, 0, 0, NC_("holiday", "Immaculate Conception"), NULL },
  { CZ, ON_DATE, 12, 24, 0, 0, NC_("holiday", "Christmas Eve"), NULL },
  { PL, ON_DATE, 12, 24, 2025, 0, NC_("holiday", "Christmas Eve"), NULL },
  { CZ | PL | DE | AT, ON_DATE, 12, 25, 0, 0, NC_("holiday", "Christmas Day"), NULL },
  { GB, ON_DATE, 12, 25, 0, 0, NC_("holiday", "Christmas Day"), NC_("holiday", "Christmas Day (substitute day)") },
  /* Translators: a public holiday, 26 December */
  { CZ | PL | DE, ON_DATE, 12, 26, 0, 0, NC_("holiday", "Second Day of Christmas"), NULL },
  /* Translators: a public holiday in Austria, 26 December */
  { AT, ON_DATE, 12, 26, 0, 0, NC_("holiday", "St. Stephen’s Day"), NULL },
  /* Translators: a bank holiday in the United Kingdom, 26 December */
  { GB, ON_DATE, 12, 26, 0, 0, NC_("holiday", "Boxing Day"), NC_("holiday", "Boxing Day (substitute day)") },
};

#undef AT
#undef CZ
#undef DE
#undef PL
#undef GB

static const struct
{
  const char *code;
  const char *name;
} regions[NUDGE_HOLIDAYS_N_REGIONS] = {
  [NUDGE_HOLIDAYS_NONE]           = { "none", NC_("public holidays", "None") },
  [NUDGE_HOLIDAYS_AUSTRIA]        = { "AT", N_("Austria") },
  [NUDGE_HOLIDAYS_CZECHIA]        = { "CZ", N_("Czechia") },
  [NUDGE_HOLIDAYS_GERMANY]        = { "DE", N_("Germany") },
  [NUDGE_HOLIDAYS_POLAND]         = { "PL", N_("Poland") },
  [NUDGE_HOLIDAYS_UNITED_KINGDOM] = { "GB", N_("England and Wales") },
};

static gboolean
in_force (const Holiday      *h,
          NudgeHolidayRegion  region,
          int                 year)
{
  return (h->regions & (1u << region)) != 0 && (h->first_year == 0 || year >= h->first_year) &&
         (h->last_year == 0 || year <= h->last_year);
}

static void
holiday_date (const Holiday *h,
              int            year,
              GDate         *out)
{
  int month, day;

  g_date_clear (out, 1);
  switch (h->rule)
    {
    case FROM_EASTER:
      nudge_holidays_easter (year, &month, &day);
      g_date_set_dmy (out, day, month, year);
      if (h->day >= 0)
        g_date_add_days (out, h->day);
      else
        g_date_subtract_days (out, -h->day);
      break;
    case NTH_MONDAY:
      if (h->day > 0)
        {
          g_date_set_dmy (out, 1, h->month, year);
          g_date_add_days (out, (G_DATE_MONDAY - g_date_get_weekday (out) + 7) % 7 + 7 * (h->day - 1));
        }
      else
        {
          g_date_set_dmy (out, g_date_get_days_in_month (h->month, year), h->month, year);
          g_date_subtract_days (out, (g_date_get_weekday (out) - G_DATE_MONDAY + 7) % 7);
        }
      break;
    case ON_DATE:
    default:
      g_date_set_dmy (out, h->day, h->month, year);
      break;
    }
}

static gboolean
is_weekend (const GDate *date)
{
  return g_date_get_weekday (date) >= G_DATE_SATURDAY;
}

static gboolean
listed (const NudgeHoliday *list,
        guint               n,
        const GDate        *date)
{
  for (guint i = 0; i < n; i++)
    if (list[i].month == (int) g_date_get_month (date) && list[i].day == g_date_get_day (date))
      return TRUE;
  return FALSE;
}

static int
compare_holidays (gconstpointer a,
                  gconstpointer b)
{
  const NudgeHoliday *x = a, *y = b;

  /* Two on one day (Ascension Day on 1 May) in the same order always */
  if (x->month != y->month || x->day != y->day)
    return (x->month * 32 + x->day) - (y->month * 32 + y->day);
  return strcmp (x->name, y->name);
}

static const char *
translate (const char *name)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "holiday", name);
}

void
nudge_holidays_easter (int  year,
                       int *out_month,
                       int *out_day)
{
  /* The anonymous Gregorian computus (Meeus/Jones/Butcher). */
  int a = year % 19, b = year / 100, c = year % 100;
  int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;

  g_return_if_fail (out_month != NULL && out_day != NULL);

  *out_month = (h + l - 7 * m + 114) / 31;
  *out_day = (h + l - 7 * m + 114) % 31 + 1;
}

/* @region's days off in @year, named by their untranslated names. */
static guint
list_year (NudgeHolidayRegion region,
           int                year,
           NudgeHoliday       out[NUDGE_HOLIDAYS_MAX_PER_YEAR])
{
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (holidays); i++)
    if (in_force (&holidays[i], region, year))
      {
        GDate date;

        g_assert (n < NUDGE_HOLIDAYS_MAX_PER_YEAR);
        holiday_date (&holidays[i], year, &date);
        out[n++] = (NudgeHoliday) { g_date_get_month (&date), g_date_get_day (&date), holidays[i].name };
      }
  /* Substitutes go to weekdays no holiday of their own takes: 25
   * December on a Sunday is off on Tuesday, Boxing Day being Monday. */
  for (guint i = 0; i < G_N_ELEMENTS (holidays); i++)
    if (holidays[i].substitute != NULL && in_force (&holidays[i], region, year))
      {
        GDate date;

        holiday_date (&holidays[i], year, &date);
        if (!is_weekend (&date))
          continue;
        while (is_weekend (&date) || listed (out, n, &date))
          g_date_add_days (&date, 1);
        if (g_date_get_year (&date) != year)
          continue;
        g_assert (n < NUDGE_HOLIDAYS_MAX_PER_YEAR);
        out[n++] = (NudgeHoliday) { g_date_get_month (&date), g_date_get_day (&date), holidays[i].substitute };
      }
  /* Days counted from Easter move among the dates: Ascension Day
   * comes before 1 May in some years. */
  qsort (out, n, sizeof *out, compare_holidays);
  return n;
}

/* The last year listed, per thread: pacing a rule asks for hundreds of
 * days in a row, each of them of the same year or two. */
typedef struct
{
  NudgeHolidayRegion region;
  int                year;
  guint              n;
  NudgeHoliday       list[NUDGE_HOLIDAYS_MAX_PER_YEAR];
} YearList;

static GPrivate last_year_listed = G_PRIVATE_INIT (g_free);

static const YearList *
year_list (NudgeHolidayRegion region,
           int                year)
{
  YearList *cached = g_private_get (&last_year_listed);

  if (cached == NULL)
    {
      cached = g_new0 (YearList, 1);
      g_private_set (&last_year_listed, cached);
    }
  if (cached->region != region || cached->year != year)
    {
      cached->region = region;
      cached->year = year;
      cached->n = list_year (region, year, cached->list);
    }
  return cached;
}

static gboolean
valid_region_and_year (NudgeHolidayRegion region,
                       int                year)
{
  return region > NUDGE_HOLIDAYS_NONE && region < NUDGE_HOLIDAYS_N_REGIONS && g_date_valid_year (year);
}

guint
nudge_holidays_of_year (NudgeHolidayRegion region,
                        int                year,
                        NudgeHoliday       out[NUDGE_HOLIDAYS_MAX_PER_YEAR])
{
  const YearList *list;

  g_return_val_if_fail (out != NULL, 0);

  if (!valid_region_and_year (region, year))
    return 0;
  list = year_list (region, year);
  for (guint i = 0; i < list->n; i++)
    out[i] = (NudgeHoliday) { list->list[i].month, list->list[i].day, translate (list->list[i].name) };
  return list->n;
}

const char *
nudge_holidays_name (NudgeHolidayRegion region,
                     int                year,
                     int                month,
                     int                day)
{
  const YearList *list;

  if (!valid_region_and_year (region, year))
    return NULL;
  list = year_list (region, year);
  for (guint i = 0; i < list->n; i++)
    if (list->list[i].month == month && list->list[i].day == day)
      return translate (list->list[i].name);
  return NULL;
}

const char *
nudge_holidays_region_code (NudgeHolidayRegion region)
{
  g_return_val_if_fail (region < NUDGE_HOLIDAYS_N_REGIONS, "none");

  return regions[region].code;
}

NudgeHolidayRegion
nudge_holidays_region_from_code (const char *code)
{
  for (guint i = NUDGE_HOLIDAYS_NONE + 1; code != NULL && i < NUDGE_HOLIDAYS_N_REGIONS; i++)
    if (g_ascii_strcasecmp (code, regions[i].code) == 0)
      return i;
  return NUDGE_HOLIDAYS_NONE;
}

const char *
nudge_holidays_region_name (NudgeHolidayRegion region)
{
  g_return_val_if_fail (region < NUDGE_HOLIDAYS_N_REGIONS, NULL);

  if (region == NUDGE_HOLIDAYS_NONE)
    return g_dpgettext2 (GETTEXT_PACKAGE, "public holidays", regions[region].name);
  return _(regions[region].name);
}

static int
compare_region_names (gconstpointer a,
                      gconstpointer b)
{
  return g_utf8_collate (nudge_holidays_region_name (*(const NudgeHolidayRegion *) a),
                         nudge_holidays_region_name (*(const NudgeHolidayRegion *) b));
}

GArray *
nudge_holidays_list_regions (void)
{
  GArray *list = g_array_sized_new (FALSE, FALSE, sizeof (NudgeHolidayRegion), NUDGE_HOLIDAYS_N_REGIONS);

  for (NudgeHolidayRegion r = NUDGE_HOLIDAYS_NONE + 1; r < NUDGE_HOLIDAYS_N_REGIONS; r++)
    g_array_append_val (list, r);
  g_array_sort (list, compare_region_names);
  return list;
}

NudgeHolidayRegion
nudge_holidays_region_for_locale (const char *locale)
{
  const char *territory;
  char code[3];

  if (locale == NULL || (territory = strchr (locale, '_')) == NULL)
    return NUDGE_HOLIDAYS_NONE;
  territory++;
  if (!g_ascii_isalpha (territory[0]) || !g_ascii_isalpha (territory[1]) || g_ascii_isalpha (territory[2]))
    return NUDGE_HOLIDAYS_NONE;
  code[0] = territory[0];
  code[1] = territory[1];
  code[2] = '\0';
  return nudge_holidays_region_from_code (code);
}

NudgeHolidayRegion
nudge_holidays_default_region (void)
{
  const char *locale = setlocale (LC_TIME, NULL);
  static const char *variables[] = { "LC_ALL", "LC_TIME", "LANG" };

  if (locale != NULL && strchr (locale, '_') != NULL)
    return nudge_holidays_region_for_locale (locale);
  /* A program that has not set its locale (yet) goes by the environment. */
  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      const char *value = g_getenv (variables[i]);

      if (value != NULL && *value != '\0')
        return nudge_holidays_region_for_locale (value);
    }
  return NUDGE_HOLIDAYS_NONE;
}

NudgeHolidayRegion
nudge_holidays_region_from_setting (const char *value)
{
  if (g_strcmp0 (value, "auto") == 0)
    return nudge_holidays_default_region ();
  return nudge_holidays_region_from_code (value);
}
