/* nudge-pace.c — rule follow-ups spread over the working days
 *
 * A rule switched on for a big book finds a hundred idle deals at once.
 * Creating a hundred follow-ups for this morning would bury the seller's
 * own plan and make every one of them late by noon; a seller can keep
 * about five a day. So each rule has a daily limit: its follow-ups take
 * the free slots of the next working days, the best-scored deals first,
 * spread over the working hours (09:00, 10:36, 12:12 … for five between
 * 09:00 and 17:00) rather than stacked at nine. They are real follow-ups
 * (the calendar and the .ics show the week as it will be), and a deal
 * that gets an interaction before its turn drops out of the queue.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-pace"

#include "config.h"

#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-pace.h"
#include "nudge-store-private.h"

/* Slots start on whole five minutes. */
#define SLOT_ROUNDING_MIN 5

/* A month always holds a working day, wherever the seller works. */
#define MAX_DAYS_OFF_IN_A_ROW 31

static NudgeWorkingHours working_hours = { 9 * 60, 17 * 60, TRUE, NUDGE_HOLIDAYS_NONE };
static GMutex working_hours_lock;

void
nudge_working_hours_get (NudgeWorkingHours *out_hours)
{
  g_mutex_lock (&working_hours_lock);
  *out_hours = working_hours;
  g_mutex_unlock (&working_hours_lock);
}

void
nudge_working_hours_set (const NudgeWorkingHours *hours)
{
  g_return_if_fail (hours != NULL);
  g_return_if_fail (hours->day_start_min >= 0 && hours->day_start_min < 24 * 60);
  g_return_if_fail (hours->day_end_min >= 0 && hours->day_end_min < 24 * 60);
  g_return_if_fail (hours->holidays < NUDGE_HOLIDAYS_N_REGIONS);

  g_mutex_lock (&working_hours_lock);
  working_hours = *hours;
  g_mutex_unlock (&working_hours_lock);
}

void
nudge_working_hours_from_settings (GSettings         *settings,
                                   NudgeWorkingHours *out_hours)
{
  g_autofree char *holidays = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (out_hours != NULL);

  holidays = g_settings_get_string (settings, "holidays");
  *out_hours = (NudgeWorkingHours) {
    g_settings_get_int (settings, "working-day-start"),
    g_settings_get_int (settings, "working-day-end"),
    g_settings_get_boolean (settings, "skip-weekends"),
    nudge_holidays_region_from_setting (holidays),
  };
}

gboolean
nudge_working_hours_is_working_day (const NudgeWorkingHours *hours,
                                    GDateTime               *day)
{
  g_return_val_if_fail (hours != NULL && day != NULL, TRUE);

  if (hours->skip_weekends && g_date_time_get_day_of_week (day) > 5)
    return FALSE;
  return nudge_holidays_name (hours->holidays, g_date_time_get_year (day), g_date_time_get_month (day),
                              g_date_time_get_day_of_month (day)) == NULL;
}

GDateTime *
nudge_working_hours_first_working_day (const NudgeWorkingHours *hours,
                                       GDateTime               *day)
{
  GDateTime *d;

  g_return_val_if_fail (hours != NULL && day != NULL, NULL);

  d = g_date_time_ref (day);
  for (guint tries = 0; tries < MAX_DAYS_OFF_IN_A_ROW && !nudge_working_hours_is_working_day (hours, d); tries++)
    {
      GDateTime *next = g_date_time_add_days (d, 1);

      g_date_time_unref (d);
      d = next;
    }
  return d;
}

static gint64
at_minute (GDateTime *day,
           int        minute)
{
  return nudge_clock_local_to_unix (NULL, g_date_time_get_year (day), g_date_time_get_month (day),
                                    g_date_time_get_day_of_month (day), minute / 60, minute % 60, 0);
}

/* Where the working hours end: eight hours after they start when the
 * end is not after the start. */
static int
day_end_minute (const NudgeWorkingHours *hours)
{
  return hours->day_end_min > hours->day_start_min ? hours->day_end_min : hours->day_start_min + 8 * 60;
}

/* Slot @index of @limit on a day: the working hours cut in equal parts. */
static int
slot_minute (const NudgeWorkingHours *hours,
             int                      index,
             int                      limit)
{
  int start = hours->day_start_min;
  int span = day_end_minute (hours) - start;
  int minute = start + (int) ((gint64) span * index / MAX (limit, 1));

  return minute - minute % SLOT_ROUNDING_MIN;
}

gint64
nudge_working_hours_next (const NudgeWorkingHours *hours,
                          gint64                   at)
{
  g_autoptr(GDateTime) t = NULL;
  g_autoptr(GDateTime) day = NULL;

  g_return_val_if_fail (hours != NULL, at);

  t = nudge_clock_local_from_unix (at);
  day = nudge_clock_local_new (g_date_time_get_year (t), g_date_time_get_month (t),
                               g_date_time_get_day_of_month (t), 12, 0, 0);
  for (guint tries = 0; tries <= MAX_DAYS_OFF_IN_A_ROW; tries++)
    {
      GDateTime *next;

      if (nudge_working_hours_is_working_day (hours, day))
        {
          gint64 start = at_minute (day, hours->day_start_min);

          if (at < start)
            return start;
          if (at < at_minute (day, day_end_minute (hours)))
            return at;
        }
      next = g_date_time_add_days (day, 1);
      g_date_time_unref (day);
      day = next;
    }
  return at;
}

/* The days a paced plan fills, counted from the local day of "now": how
 * many follow-ups each holds and, once a day is full or not a working
 * day, a later day to look at instead. Following those links (and
 * shortening them as it goes) finds the first free day in about constant
 * time, so 30,000 deals at one a day are planned as fast as five. */
typedef struct
{
  const NudgeWorkingHours *hours;
  guint                    limit;
  GDate                    first;
  GArray                  *count;    /* guint */
  GArray                  *next;     /* guint: 0 while the day may have room */
  GArray                  *working;  /* gint8: -1 not known yet */
} Pace;

static void
pace_date (const Pace *pace,
           guint       d,
           GDate      *out_date)
{
  *out_date = pace->first;
  g_date_add_days (out_date, d);
}

/* The day @at is in, as a number of days after the first; negative for
 * a day before it. */
static gint
pace_day_of (const Pace *pace,
             gint64      at)
{
  g_autoptr(GDateTime) t = nudge_clock_local_from_unix (at);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (t), g_date_time_get_month (t), g_date_time_get_year (t));
  return g_date_days_between (&pace->first, &date);
}

static gint64
pace_at_minute (const Pace *pace,
                guint       d,
                int         minute)
{
  GDate date;

  pace_date (pace, d, &date);
  return nudge_clock_local_to_unix (NULL, g_date_get_year (&date), g_date_get_month (&date),
                                    g_date_get_day (&date), minute / 60, minute % 60, 0);
}

static void
pace_reach (Pace  *pace,
            guint  d)
{
  guint from = pace->working->len;

  if (d < from)
    return;
  g_array_set_size (pace->count, d + 1);
  g_array_set_size (pace->next, d + 1);
  g_array_set_size (pace->working, d + 1);
  for (guint k = from; k <= d; k++)
    g_array_index (pace->working, gint8, k) = -1;
}

static gboolean
pace_day_has_room (Pace  *pace,
                   guint  d)
{
  gint8 *working;

  pace_reach (pace, d);
  if (g_array_index (pace->next, guint, d) != 0)
    return FALSE;
  working = &g_array_index (pace->working, gint8, d);
  if (*working < 0)
    {
      g_autoptr(GDateTime) noon = NULL;
      GDate date;

      pace_date (pace, d, &date);
      noon = nudge_clock_local_new (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
      *working = nudge_working_hours_is_working_day (pace->hours, noon);
    }
  if (*working && g_array_index (pace->count, guint, d) < pace->limit)
    return TRUE;
  g_array_index (pace->next, guint, d) = d + 1;
  return FALSE;
}

static guint
pace_first_day_with_room (Pace  *pace,
                          guint  d)
{
  guint found = d;

  while (!pace_day_has_room (pace, found))
    found = g_array_index (pace->next, guint, found);
  while (d != found)
    {
      guint later = g_array_index (pace->next, guint, d);

      g_array_index (pace->next, guint, d) = found;
      d = later;
    }
  return found;
}

GArray *
nudge_pace_schedule (const NudgeWorkingHours *hours,
                     gint64                   now,
                     int                      daily_limit,
                     GArray                  *earliest,
                     GArray                  *taken)
{
  g_autoptr(GDateTime) today = NULL;
  Pace pace = { hours, MAX (daily_limit, 0) };
  int day_end;
  GArray *dues;
  gint64 soon;

  g_return_val_if_fail (hours != NULL && earliest != NULL, NULL);

  dues = g_array_sized_new (FALSE, FALSE, sizeof (gint64), earliest->len);
  /* Never in the past, and on a whole minute. */
  soon = nudge_clock_up_to_minute (now);

  /* Without a limit, each at its earliest moment of the working hours:
   * "now" at 23:30 or on a Saturday is the next working morning. */
  if (daily_limit <= 0)
    {
      for (guint i = 0; i < earliest->len; i++)
        {
          gint64 due = nudge_working_hours_next (hours, MAX (g_array_index (earliest, gint64, i), soon));
          g_array_append_val (dues, due);
        }
      return dues;
    }

  today = nudge_clock_local_from_unix (soon);
  g_date_clear (&pace.first, 1);
  g_date_set_dmy (&pace.first, g_date_time_get_day_of_month (today), g_date_time_get_month (today),
                  g_date_time_get_year (today));
  pace.count = g_array_new (FALSE, TRUE, sizeof (guint));
  pace.next = g_array_new (FALSE, TRUE, sizeof (guint));
  pace.working = g_array_new (FALSE, TRUE, sizeof (gint8));
  day_end = day_end_minute (hours);

  for (guint i = 0; taken != NULL && i < taken->len; i++)
    {
      gint d = pace_day_of (&pace, g_array_index (taken, gint64, i));

      if (d >= 0)
        {
          pace_reach (&pace, d);
          g_array_index (pace.count, guint, d)++;
        }
    }

  for (guint i = 0; i < earliest->len; i++)
    {
      gint64 from = MAX (g_array_index (earliest, gint64, i), soon);
      guint d = MAX (pace_day_of (&pace, from), 0);
      gint64 due = 0;

      /* On the first day, slots already gone by move on to what is left
       * of it; the slot after its last one is on a later day. */
      if (pace_day_has_room (&pace, d))
        {
          gint64 slot = pace_at_minute (&pace, d, slot_minute (hours, g_array_index (pace.count, guint, d), daily_limit));

          if (slot < from)
            slot = from + (SLOT_ROUNDING_MIN * 60 - from % (SLOT_ROUNDING_MIN * 60)) % (SLOT_ROUNDING_MIN * 60);
          if (slot < pace_at_minute (&pace, d, day_end))
            due = slot;
        }
      /* Later days start at their first free slot. */
      if (due == 0)
        {
          d = pace_first_day_with_room (&pace, d + 1);
          due = pace_at_minute (&pace, d, slot_minute (hours, g_array_index (pace.count, guint, d), daily_limit));
        }
      g_array_index (pace.count, guint, d)++;
      g_array_append_val (dues, due);
    }

  g_array_unref (pace.count);
  g_array_unref (pace.next);
  g_array_unref (pace.working);
  return dues;
}

int
nudge_pace_drop_answered (NudgeStore  *store,
                          gint64       now,
                          GError     **error)
{
  static const char select_sql[] =
    "SELECT f.id, f.deal_id FROM followup f JOIN rule r ON r.id = f.rule_id"
    " WHERE f.status = 'open' AND f.origin = 'rule' AND f.due_at > ?1"
    "   AND r.trigger IN ('deal_idle','no_reply','company_last_won','stay_in_touch')"
    "   AND EXISTS (SELECT 1 FROM activity a WHERE a.kind <> 'rule' AND a.occurred_at > f.created_at"
    "               AND ((f.deal_id IS NOT NULL AND a.deal_id = f.deal_id)"
    "                 OR (f.deal_id IS NULL AND f.contact_id IS NOT NULL AND a.contact_id = f.contact_id)))";

  return nudge_followups_cancel_where (store, select_sql, now, error);
}
