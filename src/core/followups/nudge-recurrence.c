/* nudge-recurrence.c
 *
 * Rules are expanded on floating local times in the follow-up's zone and
 * each occurrence is converted to UTC on its own, so the wall-clock time
 * holds across DST changes whatever libical does with zones internally.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-recurrence"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>
#include <string.h>

#include "nudge-clock.h"
#include "nudge-recurrence.h"
#include "nudge-records-private.h"

/* Enough for a daily rule over centuries; stops rules that never match. */
#define MAX_ITERATIONS 200000
/* A series is expanded for at most this many years after its start */
#define MAX_YEARS 300

G_DEFINE_QUARK (nudge-recurrence-error-quark, nudge_recurrence_error)

static const char *const supported_parts[] = {
  "FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "WKST", NULL
};

static void
ensure_libical (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      icalerror_set_errors_are_fatal (0);
      g_once_init_leave (&done, 1);
    }
}

static icaltimezone *
get_zone (const char *tzid)
{
  ensure_libical ();
  if (tzid == NULL || *tzid == '\0' || g_str_equal (tzid, "UTC") || g_str_equal (tzid, "Etc/UTC"))
    return icaltimezone_get_utc_timezone ();
  return icaltimezone_get_builtin_timezone (tzid);
}

static icaltimezone *
get_zone_or_default (const char *tzid)
{
  icaltimezone *zone = NULL;

  if (tzid != NULL && *tzid != '\0')
    zone = get_zone (tzid);
  if (zone == NULL)
    {
      g_autofree char *fallback = nudge_recurrence_default_tzid ();

      zone = get_zone (fallback);
    }
  return zone ? zone : icaltimezone_get_utc_timezone ();
}

/* The wall-clock time of @at in @zone, without a zone attached. */
static struct icaltimetype
to_floating (gint64        at,
             icaltimezone *zone,
             gboolean      all_day)
{
  struct icaltimetype t = icaltime_from_timet_with_zone ((time_t) at, 0, zone);

  t.zone = NULL;
  t.is_daylight = 0;
  if (all_day)
    {
      t.is_date = 1;
      t.hour = t.minute = t.second = 0;
    }
  return t;
}

/* The instant of a wall-clock time in @zone, RFC 5545 §3.3.5 at DST
 * changes (libical reads a time in the gap with the later offset and a
 * repeated hour as its second occurrence). */
static gint64
from_floating (struct icaltimetype  t,
               icaltimezone        *zone)
{
  const char *location = zone ? icaltimezone_get_location (zone) : NULL;
  g_autoptr(GTimeZone) tz = NULL;

  t.zone = NULL;
  if (t.is_date)
    {
      t.is_date = 0;
      t.hour = t.minute = t.second = 0;
    }
  if (zone == NULL || zone == icaltimezone_get_utc_timezone ())
    tz = g_time_zone_new_utc ();
  else if (location != NULL)
    tz = nudge_clock_zone (location);
  if (tz == NULL)
    return (gint64) icaltime_as_timet_with_zone (t, zone);
  return nudge_clock_local_to_unix (tz, t.year, t.month, t.day, t.hour, t.minute, t.second);
}

static int
compare_floating (const struct icaltimetype *a,
                  const struct icaltimetype *b)
{
  const int x[] = { a->year, a->month, a->day, a->hour, a->minute, a->second };
  const int y[] = { b->year, b->month, b->day, b->hour, b->minute, b->second };

  for (guint i = 0; i < G_N_ELEMENTS (x); i++)
    if (x[i] != y[i])
      return x[i] < y[i] ? -1 : 1;
  return 0;
}

static char *
format_floating (struct icaltimetype t)
{
  if (t.is_date)
    return g_strdup_printf ("%04d%02d%02d", t.year, t.month, t.day);
  return g_strdup_printf ("%04d%02d%02dT%02d%02d%02d", t.year, t.month, t.day,
                          t.hour, t.minute, t.second);
}

static const char *
skip_prefix (const char *rrule)
{
  if (rrule == NULL)
    return "";
  while (g_ascii_isspace (*rrule))
    rrule++;
  if (g_ascii_strncasecmp (rrule, "RRULE:", 6) == 0)
    rrule += 6;
  return rrule;
}

/* Sets @error to NUDGE_RECURRENCE_ERROR_INVALID; is FALSE, for returning. */
#define fail_invalid(error, ...) \
  (g_set_error ((error), NUDGE_RECURRENCE_ERROR, NUDGE_RECURRENCE_ERROR_INVALID, __VA_ARGS__), FALSE)

/* Checks the parts by name before libical sees them, for clear messages. */
static gboolean
check_parts (const char  *rrule,
             GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (rrule, ";", -1);
  gboolean has_count = FALSE, has_until = FALSE;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = g_ascii_strup (g_strstrip (parts[i]), -1);
      char *eq = strchr (part, '=');

      if (*part == '\0')
        continue;
      if (eq == NULL)
        return fail_invalid (error, _("“%s” is not a valid recurrence rule part"), part);
      *eq = '\0';
      if (!g_strv_contains (supported_parts, part))
        {
          g_set_error (error, NUDGE_RECURRENCE_ERROR, NUDGE_RECURRENCE_ERROR_UNSUPPORTED,
                       _("%s is not supported"), part);
          return FALSE;
        }
      if (g_str_equal (part, "FREQ") &&
          !g_strv_contains ((const char *const[]) { "DAILY", "WEEKLY", "MONTHLY", "YEARLY", NULL }, eq + 1))
        {
          if (g_strv_contains ((const char *const[]) { "HOURLY", "MINUTELY", "SECONDLY", NULL }, eq + 1))
            g_set_error (error, NUDGE_RECURRENCE_ERROR, NUDGE_RECURRENCE_ERROR_UNSUPPORTED,
                         _("FREQ=%s is not supported"), eq + 1);
          else
            g_set_error (error, NUDGE_RECURRENCE_ERROR, NUDGE_RECURRENCE_ERROR_INVALID,
                         _("“%s” is not a valid frequency"), eq + 1);
          return FALSE;
        }
      has_count |= g_str_equal (part, "COUNT");
      has_until |= g_str_equal (part, "UNTIL");
    }
  if (has_count && has_until)
    {
      return fail_invalid (error, _("COUNT and UNTIL cannot both be set"));
    }
  return TRUE;
}

static gboolean
parse_rule (const char                 *rrule,
            struct icalrecurrencetype  *out,
            GError                    **error)
{
  g_autofree char *text = NULL;

  rrule = skip_prefix (rrule);
  if (*rrule == '\0')
    {
      return fail_invalid (error, _("The recurrence rule is empty"));
    }
  if (!check_parts (rrule, error))
    return FALSE;

  ensure_libical ();
  text = g_ascii_strup (rrule, -1);
  g_strstrip (text);
  icalerror_clear_errno ();
  *out = icalrecurrencetype_from_string (text);
  if (out->freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR)
    {
      icalerror_clear_errno ();
      return fail_invalid (error, _("“%s” is not a valid recurrence rule"), rrule);
    }
  if (out->interval < 1 || out->count < 0)
    {
      return fail_invalid (error, _("INTERVAL and COUNT must be positive numbers"));
    }
  return TRUE;
}

/* UNTIL as a floating local time comparable with the occurrences. */
static void
normalize_until (struct icalrecurrencetype *rule,
                 icaltimezone              *zone,
                 gboolean                   all_day)
{
  struct icaltimetype until = rule->until;

  if (icaltime_is_null_time (until))
    return;
  if (until.is_date)
    {
      if (!all_day)
        {
          until.is_date = 0;
          until.hour = 23;
          until.minute = 59;
          until.second = 59;
        }
    }
  else
    {
      if (until.zone != NULL)
        until = to_floating ((gint64) icaltime_as_timet_with_zone (until, icaltimezone_get_utc_timezone ()), zone, all_day);
      else if (all_day)
        until.is_date = 1, until.hour = until.minute = until.second = 0;
    }
  until.zone = NULL;
  rule->until = until;
}

static GHashTable *
parse_exdates (const char *exdates)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) parts = NULL;

  if (exdates == NULL || *exdates == '\0')
    return set;
  parts = g_strsplit (exdates, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *value = g_strstrip (parts[i]);

      if (*value != '\0')
        g_hash_table_add (set, g_strdup (value));
    }
  return set;
}

static gboolean
expand_internal (const NudgeRecurrenceSeries  *series,
                 gint64                        from,
                 gint64                        to,
                 guint                         max,
                 GArray                       *out,
                 GError                      **error)
{
  struct icalrecurrencetype rule;
  g_autoptr(GHashTable) skip = NULL;
  icalrecur_iterator *iter;
  icaltimezone *zone;
  struct icaltimetype start, lower, upper;
  gboolean has_lower = FALSE, has_upper = FALSE;

  if (series->tzid != NULL && *series->tzid != '\0' && get_zone (series->tzid) == NULL)
    {
      g_set_error (error, NUDGE_RECURRENCE_ERROR, NUDGE_RECURRENCE_ERROR_TIMEZONE,
                   _("Unknown time zone “%s”"), series->tzid);
      return FALSE;
    }
  zone = get_zone_or_default (series->tzid);

  if (series->rrule == NULL || *skip_prefix (series->rrule) == '\0')
    {
      if (series->dtstart >= from && series->dtstart < to)
        g_array_append_val (out, series->dtstart);
      return TRUE;
    }

  if (!parse_rule (series->rrule, &rule, error))
    return FALSE;
  normalize_until (&rule, zone, series->all_day);
  skip = parse_exdates (series->exdates);

  start = to_floating (series->dtstart, zone, series->all_day);
  /* Wall-clock bounds two days wider than [from, to): occurrences outside
   * them are skipped without the costly conversion to UTC. */
  if (from > G_MININT64 + 2 * 86400)
    {
      lower = to_floating (from - 2 * 86400, zone, FALSE);
      has_lower = TRUE;
    }
  if (to < G_MAXINT64 - 2 * 86400)
    {
      upper = to_floating (to + 2 * 86400, zone, FALSE);
      has_upper = TRUE;
    }
  iter = icalrecur_iterator_new (rule, start);
  if (iter == NULL)
    {
      icalerror_clear_errno ();
      return fail_invalid (error, _("“%s” is not a valid recurrence rule"), skip_prefix (series->rrule));
    }

  /* Stepping through libical's iterator is slow (ICU calendars), so jump
   * close to @from when the rule allows it (not with COUNT). */
  if (has_lower && rule.count == 0 && compare_floating (&lower, &start) > 0)
    {
      struct icaltimetype jump = lower;

      if (series->all_day)
        {
          jump.is_date = 1;
          jump.hour = jump.minute = jump.second = 0;
        }
      if (!icalrecur_iterator_set_start (iter, jump))
        {
          icalerror_clear_errno ();
          icalrecur_iterator_free (iter);
          iter = icalrecur_iterator_new (rule, start);
        }
    }

  for (guint n = 0; n < MAX_ITERATIONS; n++)
    {
      struct icaltimetype t = icalrecur_iterator_next (iter);
      gint64 at;

      if (icaltime_is_null_time (t))
        break;
      if (t.year > start.year + MAX_YEARS)
        break;
      t.zone = NULL;
      if (has_lower && compare_floating (&t, &lower) < 0)
        continue;
      if (has_upper && compare_floating (&t, &upper) > 0)
        break;
      at = from_floating (t, zone);
      if (at >= to)
        break;
      if (at < from)
        continue;
      if (g_hash_table_size (skip) > 0)
        {
          g_autofree char *key = format_floating (t);
          g_autofree char *local = NULL;

          if (g_hash_table_contains (skip, key))
            continue;
          /* Skipped by the time it happens at: on the night a DST gap
           * swallows 02:30, the rule's 02:30 happens at 03:30. */
          if (!t.is_date &&
              g_hash_table_contains (skip, (local = format_floating (to_floating (at, zone, FALSE)))))
            continue;
        }
      g_array_append_val (out, at);
      if (max > 0 && out->len >= max)
        break;
    }
  icalrecur_iterator_free (iter);
  icalerror_clear_errno ();
  return TRUE;
}

/* ---- public API ------------------------------------------------------- */

char *
nudge_recurrence_default_tzid (void)
{
  g_autoptr(GTimeZone) local = nudge_clock_local_zone ();
  const char *id = g_time_zone_get_identifier (local);
  const char *env = g_getenv ("TZ");

  if (env != NULL && *env == ':')
    env++;
  if (env != NULL && *env != '\0' && get_zone (env) != NULL)
    return g_strdup (env);
  if (id != NULL && *id != '\0' && get_zone (id) != NULL)
    return g_strdup (id);
  return g_strdup ("UTC");
}

gboolean
nudge_recurrence_tzid_is_known (const char *tzid)
{
  return tzid != NULL && *tzid != '\0' && get_zone (tzid) != NULL;
}

gboolean
nudge_recurrence_validate (const char  *rrule,
                           gint64       dtstart,
                           const char  *tzid,
                           gboolean     all_day,
                           GError     **error)
{
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (gint64));

  NudgeRecurrenceSeries series = { rrule, dtstart, tzid, all_day, NULL };

  if (!expand_internal (&series, G_MININT64, G_MAXINT64, 1, first, error))
    return FALSE;
  if (first->len == 0)
    {
      g_set_error (error, NUDGE_RECURRENCE_ERROR, NUDGE_RECURRENCE_ERROR_EMPTY,
                   _("This rule produces no occurrences"));
      return FALSE;
    }
  return TRUE;
}

GArray *
nudge_recurrence_expand_rule (const NudgeRecurrenceSeries  *series,
                              gint64                        from,
                              gint64                        to,
                              guint                         max,
                              GError                      **error)
{
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (series != NULL, NULL);

  if (!expand_internal (series, from, to, max, out, error))
    return NULL;
  return g_steal_pointer (&out);
}

GArray *
nudge_recurrence_expand (NudgeFollowup  *followup,
                         gint64          from,
                         gint64          to,
                         guint           max,
                         GError        **error)
{
  NudgeRecurrenceSeries series;

  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (followup), NULL);

  series = (NudgeRecurrenceSeries) {
    followup->rrule, followup->due_at, followup->tzid, followup->all_day, followup->exdates
  };
  return nudge_recurrence_expand_rule (&series, from, to, max, error);
}

gint64
nudge_recurrence_next (NudgeFollowup *followup,
                       gint64         at)
{
  g_autoptr(GArray) found = nudge_recurrence_expand (followup, at, G_MAXINT64, 1, NULL);

  return found && found->len > 0 ? g_array_index (found, gint64, 0) : 0;
}

gint64
nudge_recurrence_previous (NudgeFollowup *followup,
                           gint64         at)
{
  /* Look back in widening windows: expanding from the series start
   * converts every occurrence. */
  static const gint64 windows[] = { 40 * 86400, 400 * 86400, 4000 * 86400, G_MAXINT64 };

  gint64 until;

  if (at == G_MAXINT64)
    at--;

  /* Look back from where the series ends when @at is past it: its UNTIL,
   * or the last year it is expanded for (with a margin for the zone), so
   * that a far @at does not cost a whole expansion. */
  until = nudge_recurrence_get_until_utc (followup->rrule, followup->tzid);
  if (until > 0 && at > until)
    at = until;
  if (followup->due_at > -62135596800 && followup->due_at < 253402300800)
    {
      g_autoptr(GDateTime) start = g_date_time_new_from_unix_utc (followup->due_at);
      int last_year = g_date_time_get_year (start) + MAX_YEARS + 1;

      if (last_year < 9999)
        {
          g_autoptr(GDateTime) horizon = g_date_time_new_utc (last_year + 1, 1, 2, 0, 0, 0);

          at = MIN (at, g_date_time_to_unix (horizon));
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    {
      gint64 from = windows[i] == G_MAXINT64 || at < G_MININT64 + windows[i] ? G_MININT64 : at - windows[i];
      g_autoptr(GArray) found = nudge_recurrence_expand (followup, from, at + 1, 0, NULL);

      if (found != NULL && found->len > 0)
        return g_array_index (found, gint64, found->len - 1);
      if (from == G_MININT64 || from < followup->due_at)
        break;
    }
  return 0;
}

gboolean
nudge_recurrence_is_occurrence (NudgeFollowup *followup,
                                gint64         at)
{
  return at != 0 && nudge_recurrence_next (followup, at) == at;
}

gint64
nudge_recurrence_get_until_utc (const char *rrule,
                                const char *tzid)
{
  struct icalrecurrencetype rule;

  if (rrule == NULL || *skip_prefix (rrule) == '\0' || !parse_rule (rrule, &rule, NULL))
    return 0;
  if (icaltime_is_null_time (rule.until))
    return 0;
  if (rule.until.is_date)
    {
      struct icaltimetype end = rule.until;

      end.is_date = 0;
      end.hour = 23;
      end.minute = 59;
      end.second = 59;
      end.zone = NULL;
      return from_floating (end, get_zone_or_default (tzid));
    }
  if (rule.until.zone != NULL)
    return (gint64) icaltime_as_timet_with_zone (rule.until, icaltimezone_get_utc_timezone ());
  return from_floating (rule.until, get_zone_or_default (tzid));
}

int
nudge_recurrence_get_count (const char *rrule)
{
  struct icalrecurrencetype rule;

  if (rrule == NULL || *skip_prefix (rrule) == '\0' || !parse_rule (rrule, &rule, NULL))
    return 0;
  return rule.count;
}

char *
nudge_recurrence_set_until (const char *rrule,
                            gint64      until,
                            const char *tzid,
                            gboolean    all_day)
{
  g_auto(GStrv) parts = g_strsplit (skip_prefix (rrule), ";", -1);
  g_autoptr(GString) out = g_string_new (NULL);
  struct icaltimetype t;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);

      if (*part == '\0' ||
          g_ascii_strncasecmp (part, "COUNT=", 6) == 0 ||
          g_ascii_strncasecmp (part, "UNTIL=", 6) == 0)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ';');
      g_string_append (out, part);
    }

  if (all_day)
    {
      g_autofree char *date = NULL;

      t = to_floating (until, get_zone_or_default (tzid), TRUE);
      date = format_floating (t);
      g_string_append_printf (out, ";UNTIL=%s", date);
    }
  else
    {
      t = icaltime_from_timet_with_zone ((time_t) until, 0, icaltimezone_get_utc_timezone ());
      g_string_append_printf (out, ";UNTIL=%04d%02d%02dT%02d%02d%02dZ",
                              t.year, t.month, t.day, t.hour, t.minute, t.second);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
nudge_recurrence_format_local (gint64      at,
                               const char *tzid,
                               gboolean    all_day)
{
  return format_floating (to_floating (at, get_zone_or_default (tzid), all_day));
}

gint64
nudge_recurrence_parse_local (const char *text,
                              const char *tzid)
{
  struct icaltimetype t;

  if (text == NULL || (strlen (text) != 8 && strlen (text) != 15))
    return 0;
  ensure_libical ();
  t = icaltime_from_string (text);
  icalerror_clear_errno ();
  if (icaltime_is_null_time (t))
    return 0;
  return from_floating (t, get_zone_or_default (tzid));
}

char *
nudge_recurrence_exdates_add (const char *exdates,
                              gint64      occurrence,
                              const char *tzid,
                              gboolean    all_day)
{
  g_autofree char *value = nudge_recurrence_format_local (occurrence, tzid, all_day);

  if (nudge_recurrence_exdates_contain (exdates, occurrence, tzid, all_day))
    return g_strdup (exdates);
  if (exdates == NULL || *exdates == '\0')
    return g_steal_pointer (&value);
  return g_strconcat (exdates, ",", value, NULL);
}

gboolean
nudge_recurrence_exdates_contain (const char *exdates,
                                  gint64      occurrence,
                                  const char *tzid,
                                  gboolean    all_day)
{
  g_autoptr(GHashTable) set = parse_exdates (exdates);
  g_autofree char *value = nudge_recurrence_format_local (occurrence, tzid, all_day);

  return g_hash_table_contains (set, value);
}

static const char *
weekday_name (int day)
{
  switch (day)
    {
    case ICAL_MONDAY_WEEKDAY:    return _("Monday");
    case ICAL_TUESDAY_WEEKDAY:   return _("Tuesday");
    case ICAL_WEDNESDAY_WEEKDAY: return _("Wednesday");
    case ICAL_THURSDAY_WEEKDAY:  return _("Thursday");
    case ICAL_FRIDAY_WEEKDAY:    return _("Friday");
    case ICAL_SATURDAY_WEEKDAY:  return _("Saturday");
    case ICAL_SUNDAY_WEEKDAY:    return _("Sunday");
    default:                     return "";
    }
}

static const char *
month_name (int month)
{
  static const char *const names[] = {
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
  };

  return month >= 1 && month <= 12 ? _(names[month - 1]) : "";
}

/* "Tuesday", "Tuesday and Thursday", "Monday, Tuesday and Friday" (or
 * "or" for alternatives). Takes the strings. */
static char *
join_words (GPtrArray *words,
            gboolean   alternatives)
{
  g_autofree char *text = NULL;

  if (words->len == 0)
    return g_strdup ("");
  text = g_strdup (g_ptr_array_index (words, 0));
  for (guint i = 1; i < words->len; i++)
    {
      char *next;

      if (i + 1 < words->len)
        /* Translators: joins items of a list but the last: "Monday, Tuesday" */
        next = g_strdup_printf (C_("list", "%s, %s"), text, (char *) g_ptr_array_index (words, i));
      else if (alternatives)
        /* Translators: joins the last item of a list of alternatives: "Monday or Friday" */
        next = g_strdup_printf (C_("list", "%s or %s"), text, (char *) g_ptr_array_index (words, i));
      else
        /* Translators: joins the last item of a list: "Tuesday and Thursday" */
        next = g_strdup_printf (C_("list", "%s and %s"), text, (char *) g_ptr_array_index (words, i));
      g_free (text);
      text = next;
    }
  return g_steal_pointer (&text);
}

/* "the last Friday", "the first Monday"; @what is a day name or names. */
static char *
nth_day (int         position,
         const char *what)
{
  switch (position)
    {
    /* Translators: a day in a month, e.g. "the first Monday" */
    case 1:  return g_strdup_printf (_("the first %s"), what);
    case 2:  return g_strdup_printf (_("the second %s"), what);
    case 3:  return g_strdup_printf (_("the third %s"), what);
    case 4:  return g_strdup_printf (_("the fourth %s"), what);
    case 5:  return g_strdup_printf (_("the fifth %s"), what);
    /* Translators: a day in a month, e.g. "the last Friday" */
    case -1: return g_strdup_printf (_("the last %s"), what);
    case -2: return g_strdup_printf (_("the second to last %s"), what);
    default: return g_strdup (what);
    }
}

static gboolean
is_weekdays (const struct icalrecurrencetype *rule)
{
  guint mask = 0, n = 0;

  for (guint i = 0; i < ICAL_BY_DAY_SIZE && rule->by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++, n++)
    {
      if (icalrecurrencetype_day_position (rule->by_day[i]) != 0)
        return FALSE;
      mask |= 1u << icalrecurrencetype_day_day_of_week (rule->by_day[i]);
    }
  return n == 5 && mask == ((1u << ICAL_MONDAY_WEEKDAY) | (1u << ICAL_TUESDAY_WEEKDAY) |
                            (1u << ICAL_WEDNESDAY_WEEKDAY) | (1u << ICAL_THURSDAY_WEEKDAY) |
                            (1u << ICAL_FRIDAY_WEEKDAY));
}

typedef char *(*WordFunc) (int value);

/* The words for @values (up to @size of them, ended early by
 * ICAL_RECURRENCE_ARRAY_MAX) joined into a list; NULL when there are
 * none. */
static char *
describe_values (const short *values,
                 guint        size,
                 WordFunc     word,
                 gboolean     alternatives)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);

  if (values[0] == ICAL_RECURRENCE_ARRAY_MAX)
    return NULL;
  for (guint i = 0; i < size && values[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
    g_ptr_array_add (words, word (values[i]));
  return join_words (words, alternatives);
}

static char *
weekday_word (int by_day)
{
  return g_strdup (weekday_name (icalrecurrencetype_day_day_of_week (by_day)));
}

/* "Monday", "the last Friday" */
static char *
nth_weekday_word (int by_day)
{
  return nth_day (icalrecurrencetype_day_position (by_day),
                  weekday_name (icalrecurrencetype_day_day_of_week (by_day)));
}

/* "day 15", "the last day" */
static char *
month_day_word (int day)
{
  if (day == -1)
    return g_strdup (_("the last day"));
  if (day < 0)
    /* Translators: a day counted from the month's end, e.g. "day 2 from the end" */
    return g_strdup_printf (_("day %d from the end"), -day);
  /* Translators: a day of the month, e.g. "day 15" */
  return g_strdup_printf (_("day %d"), day);
}

static char *
month_word (int month)
{
  return g_strdup (month_name (month));
}

/* BYDAY (with BYSETPOS or ordinals) as "Tuesday and Thursday", "the
 * last Friday", "the first weekday"; NULL without BYDAY. */
static char *
describe_days (const struct icalrecurrencetype *rule)
{
  int setpos = rule->by_set_pos[0] != ICAL_RECURRENCE_ARRAY_MAX &&
               rule->by_set_pos[1] == ICAL_RECURRENCE_ARRAY_MAX ? rule->by_set_pos[0] : 0;
  g_autofree char *days = NULL;

  if (rule->by_day[0] == ICAL_RECURRENCE_ARRAY_MAX)
    return NULL;
  if (setpos == 0)
    return describe_values (rule->by_day, ICAL_BY_DAY_SIZE, nth_weekday_word, FALSE);
  if (is_weekdays (rule))
    days = g_strdup (_("weekday"));
  else
    days = describe_values (rule->by_day, ICAL_BY_DAY_SIZE, weekday_word, TRUE);
  return nth_day (setpos, days);
}

/* BYMONTHDAY as "day 15", "the last day", "day 1 and day 15". */
static char *
describe_month_days (const struct icalrecurrencetype *rule)
{
  return describe_values (rule->by_month_day, ICAL_BY_MONTHDAY_SIZE, month_day_word, FALSE);
}

static char *
describe_months (const struct icalrecurrencetype *rule)
{
  return describe_values (rule->by_month, ICAL_BY_MONTH_SIZE, month_word, FALSE);
}

/* Frees @old, which @new was made from. */
static char *
replace_text (char *old,
              char *new)
{
  g_free (old);
  return new;
}

/* UNTIL as the local date: "14 January 2027". */
static char *
describe_until (struct icaltimetype until)
{
  g_autoptr(GDateTime) date = NULL;

  if (!until.is_date && until.zone == icaltimezone_get_utc_timezone ())
    {
      g_autoptr(GDateTime) utc = g_date_time_new_utc (until.year, until.month, until.day,
                                                      until.hour, until.minute, until.second);

      date = utc != NULL ? nudge_clock_to_local (utc) : NULL;
    }
  else
    date = nudge_clock_local_new (until.year, until.month, until.day, 12, 0, 0);
  if (date == NULL)
    return g_strdup_printf ("%04d-%02d-%02d", until.year, until.month, until.day);
  /* Translators: the last date of a repeating follow-up, as
   * g_date_time_format() writes it: "14 January 2027" */
  return g_date_time_format (date, C_("recurrence end", "%-d %B %Y"));
}

char *
nudge_recurrence_describe (const char *rrule)
{
  struct icalrecurrencetype rule;
  g_autofree char *text = NULL;
  g_autofree char *days = NULL;
  g_autofree char *month_days = NULL;
  g_autofree char *months = NULL;
  int n;

  if (rrule == NULL || *skip_prefix (rrule) == '\0')
    return g_strdup (_("Does not repeat"));
  if (!parse_rule (rrule, &rule, NULL))
    return g_strdup (skip_prefix (rrule));

  n = rule.interval;
  days = describe_days (&rule);
  month_days = describe_month_days (&rule);
  months = describe_months (&rule);
  switch (rule.freq)
    {
    case ICAL_DAILY_RECURRENCE:
      text = n == 1 ? g_strdup (_("Every day"))
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %d day", "Every %d days", n), n);
      break;
    case ICAL_WEEKLY_RECURRENCE:
      if (is_weekdays (&rule) && month_days == NULL)
        {
          text = n == 1 ? g_strdup (_("Every weekday"))
                        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %d week on weekdays",
                                                        "Every %d weeks on weekdays", n), n);
          g_clear_pointer (&days, g_free);
        }
      else
        text = n == 1 ? g_strdup (_("Every week"))
                      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %d week", "Every %d weeks", n), n);
      break;
    case ICAL_MONTHLY_RECURRENCE:
      text = n == 1 ? g_strdup (_("Every month"))
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %d month", "Every %d months", n), n);
      break;
    case ICAL_YEARLY_RECURRENCE:
      text = n == 1 ? g_strdup (_("Every year"))
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %d year", "Every %d years", n), n);
      break;
    default:
      return g_strdup (skip_prefix (rrule));
    }

  if (days != NULL)
    /* Translators: how often, then which day: "Every 2 weeks" "on" "Tuesday
     * and Thursday", "Every month" "on" "the last Friday" */
    text = replace_text (text, g_strdup_printf (_("%s on %s"), text, days));
  if (month_days != NULL)
    /* Translators: how often, then which day: "Every month" "on" "day 15" */
    text = replace_text (text, g_strdup_printf (_("%s on %s"), text, month_days));
  if (months != NULL)
    /* Translators: how often, then which months: "Every year" "in" "March" */
    text = replace_text (text, g_strdup_printf (_("%s in %s"), text, months));

  if (rule.count > 0)
    /* Translators: how often, then how many times: "Every day, 5 times" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %d time", "%s, %d times", rule.count),
                            text, rule.count);
  if (!icaltime_is_null_time (rule.until))
    {
      g_autofree char *until = describe_until (rule.until);

      /* Translators: how often, then the last date: "Every week until 14 January 2027" */
      return g_strdup_printf (_("%s until %s"), text, until);
    }
  return g_steal_pointer (&text);
}
