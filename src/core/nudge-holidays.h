/* nudge-holidays.h — the public holidays of a country, by year
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whose public holidays are not working days. */
typedef enum
{
  NUDGE_HOLIDAYS_NONE,
  NUDGE_HOLIDAYS_AUSTRIA,
  NUDGE_HOLIDAYS_CZECHIA,
  NUDGE_HOLIDAYS_GERMANY,
  NUDGE_HOLIDAYS_POLAND,
  NUDGE_HOLIDAYS_UNITED_KINGDOM,
  NUDGE_HOLIDAYS_N_REGIONS,
} NudgeHolidayRegion;

/* The most public holidays a region has in one year. */
#define NUDGE_HOLIDAYS_MAX_PER_YEAR 24

typedef struct
{
  int         month;
  int         day;
  const char *name;   /* translated */
} NudgeHoliday;

/* Easter Sunday of @year (Gregorian calendar). */
void                nudge_holidays_easter             (int                  year,
                                                       int                 *out_month,
                                                       int                 *out_day);
/* The days off of @region in @year, in date order, written to @out;
 * returns how many. */
guint               nudge_holidays_of_year            (NudgeHolidayRegion   region,
                                                       int                  year,
                                                       NudgeHoliday         out[NUDGE_HOLIDAYS_MAX_PER_YEAR]);
/* The translated name of the public holiday on that day, or NULL when
 * it is none. */
const char         *nudge_holidays_name               (NudgeHolidayRegion   region,
                                                       int                  year,
                                                       int                  month,
                                                       int                  day);

/* "CZ", "PL", … (ISO 3166), or "none" for NUDGE_HOLIDAYS_NONE. */
const char         *nudge_holidays_region_code        (NudgeHolidayRegion   region);
/* The region of an ISO 3166 code, any case; NONE for any other text. */
NudgeHolidayRegion  nudge_holidays_region_from_code   (const char          *code);
/* The region's name, translated: "Czechia", "None". */
const char         *nudge_holidays_region_name        (NudgeHolidayRegion   region);
/* Every region but NONE, sorted by their translated names. */
GArray             *nudge_holidays_list_regions       (void);
/* The region of a locale's territory ("cs_CZ.UTF-8" → Czechia), NONE
 * for a territory without one here. */
NudgeHolidayRegion  nudge_holidays_region_for_locale  (const char          *locale);
/* The region of the locale dates are formatted in (LC_TIME). */
NudgeHolidayRegion  nudge_holidays_default_region     (void);
/* The region the "holidays" setting means: "auto" the default region,
 * "" or "none" none, else a region code. */
NudgeHolidayRegion  nudge_holidays_region_from_setting (const char         *value);

G_END_DECLS
