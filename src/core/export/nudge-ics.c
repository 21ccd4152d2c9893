/* nudge-ics.c — follow-ups as an iCalendar (RFC 5545) file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-ics"

#include "config.h"

#include <glib/gi18n.h>
#include <libical/ical.h>

#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-format.h"
#include "nudge-file.h"
#include "nudge-ics.h"
#include "nudge-recurrence.h"
#include "nudge-store-private.h"

#define ICS_LINE_OCTETS 75

typedef struct
{
  NudgeStore            *store;
  const NudgeIcsOptions *options;
  GString               *out;
  char                  *dtstamp;
  GHashTable            *zones;        /* tzid → earliest start (gint64 *) */
  GHashTable            *contexts;     /* ContextKey → char * (context lines) */
  GHashTable            *known_zones;  /* tzid → gboolean */
} IcsWriter;

static gboolean
is_utf8_continuation (guchar c)
{
  return (c & 0xC0) == 0x80;
}

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "call") == 0)
    return C_("follow-up kind", "Call");
  if (g_strcmp0 (kind, "email") == 0)
    return C_("follow-up kind", "E-mail");
  if (g_strcmp0 (kind, "meeting") == 0)
    return C_("follow-up kind", "Meeting");
  return C_("follow-up kind", "Task");
}

static char *
format_utc (gint64 at)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (at);

  return g_date_time_format (dt, "%Y%m%dT%H%M%SZ");
}

/* UTC under any of its names: written as UTC ("…Z"), since libical
 * has no VTIMEZONE for them and a TZID without one means nothing. */
static gboolean
tzid_is_utc (const char *tzid)
{
  static const char * const names[] = {
    "UTC", "UCT", "GMT", "GMT0", "GMT+0", "GMT-0", "Greenwich", "Universal", "Zulu",
  };

  if (tzid == NULL || *tzid == '\0')
    return TRUE;
  if (g_str_has_prefix (tzid, "Etc/"))
    tzid += strlen ("Etc/");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (tzid, names[i]))
      return TRUE;
  return FALSE;
}

static GDateTime *
local_time (gint64      at,
            const char *tzid)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr(GTimeZone) tz = NULL;

  if (tzid_is_utc (tzid) || !(tz = nudge_clock_zone (tzid)))
    return g_steal_pointer (&utc);
  return g_date_time_to_timezone (utc, tz);
}

static char *
format_local (gint64      at,
              const char *tzid,
              gboolean    all_day)
{
  g_autoptr(GDateTime) dt = local_time (at, tzid);

  return g_date_time_format (dt, all_day ? "%Y%m%d" : "%Y%m%dT%H%M%S");
}

static gboolean
zone_is_known (IcsWriter  *w,
               const char *tzid)
{
  gpointer known;

  if (!g_hash_table_lookup_extended (w->known_zones, tzid, NULL, &known))
    {
      known = GINT_TO_POINTER (nudge_recurrence_tzid_is_known (tzid));
      g_hash_table_insert (w->known_zones, g_strdup (tzid), known);
    }
  return GPOINTER_TO_INT (known);
}

/* Whether @local, @at's local time, is also the local time of another
 * instant: the hour repeated when clocks go back. RFC 5545 reads it as
 * the first pass, but Google Calendar, python-icalendar and ical.js as
 * the second, so such a time is written in UTC, which all read alike. */
static gboolean
local_is_ambiguous (const char *local,
                    gint64      at,
                    const char *tzid)
{
  static const int shifts[] = { 3600, 1800 };
  g_autoptr(GTimeZone) tz = nudge_clock_zone (tzid);

  /* Only within an hour of an offset change: most times are not, and
   * need no formatting to tell. */
  if (tz == NULL ||
      g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, at - 3600) ==
      g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, at + 3600))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (shifts); i++)
    {
      g_autofree char *before = format_local (at - shifts[i], tzid, FALSE);
      g_autofree char *after = format_local (at + shifts[i], tzid, FALSE);

      if (g_str_equal (before, local) || g_str_equal (after, local))
        return TRUE;
    }
  return FALSE;
}

/* "DTSTART;TZID=Europe/Prague:20261102T090000", "DTSTART;VALUE=DATE:20261102"
 * or "DTSTART:20261102T080000Z". @local, when not NULL, is the local
 * value to write for @at (a series' own time on a day a DST gap
 * swallows it, see series_local()). A local time that reads back as
 * another instant (the second pass of the hour repeated when clocks go
 * back, which RFC 5545 reads as the first) is written in UTC. */
static void
append_local_property (IcsWriter  *w,
                       const char *name,
                       gint64      at,
                       const char *tzid,
                       gboolean    all_day,
                       const char *local)
{
  g_autofree char *line = NULL;
  g_autofree char *own = NULL;

  if (!all_day && local == NULL && !tzid_is_utc (tzid) && zone_is_known (w, tzid))
    {
      own = format_local (at, tzid, FALSE);
      local = own;
      if (nudge_recurrence_parse_local (own, tzid) != at || local_is_ambiguous (own, at, tzid))
        local = NULL;
    }
  if (all_day)
    {
      g_autofree char *value = format_local (at, tzid, TRUE);
      line = g_strdup_printf ("%s;VALUE=DATE:%s", name, value);
    }
  else if (local == NULL)
    {
      g_autofree char *value = format_utc (at);
      line = g_strdup_printf ("%s:%s", name, value);
    }
  else
    {
      const char *value = local;
      gint64 *earliest = g_hash_table_lookup (w->zones, tzid);

      line = g_strdup_printf ("%s;TZID=%s:%s", name, tzid, value);
      if (earliest == NULL)
        {
          earliest = g_new (gint64, 1);
          *earliest = at;
          g_hash_table_insert (w->zones, g_strdup (tzid), earliest);
        }
      else if (at < *earliest)
        *earliest = at;
    }
  nudge_ics_append_line (w->out, line);
}

static void
append_time_property (IcsWriter  *w,
                      const char *name,
                      gint64      at,
                      const char *tzid,
                      gboolean    all_day)
{
  append_local_property (w, name, at, tzid, all_day, NULL);
}

/* The local value of @f's occurrence at @at in its rule's own terms:
 * the series' time of day on that date. It differs from @at's local
 * time only where a DST gap swallows that time (a weekly 02:30 on the
 * night clocks jump from 02:00 to 03:00 happens at 03:30): a DTSTART,
 * RECURRENCE-ID or EXDATE written as 03:30 would move or miss the
 * other weeks. NULL when the series' time of day does not give @at
 * (a rule with its own hours), or all day. */
static char *
series_local (NudgeFollowup *f,
              gint64         at)
{
  const char *tzid = nudge_followup_get_tzid (f);
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *value = NULL;

  if (nudge_followup_get_all_day (f) || tzid_is_utc (tzid))
    return NULL;
  day = local_time (at, tzid);
  start = local_time (nudge_followup_get_due_at (f), tzid);
  value = g_strdup_printf ("%04d%02d%02dT%02d%02d%02d",
                           g_date_time_get_year (day), g_date_time_get_month (day),
                           g_date_time_get_day_of_month (day), g_date_time_get_hour (start),
                           g_date_time_get_minute (start), g_date_time_get_second (start));
  return nudge_recurrence_parse_local (value, tzid) == at ? g_steal_pointer (&value) : NULL;
}

static void
append_text_property (IcsWriter  *w,
                      const char *name,
                      const char *text)
{
  g_autofree char *escaped = NULL;
  g_autofree char *line = NULL;

  if (text == NULL || *text == '\0')
    return;
  escaped = nudge_ics_escape_text (text);
  line = g_strconcat (name, ":", escaped, NULL);
  nudge_ics_append_line (w->out, line);
}

static void
append_printf (IcsWriter  *w,
               const char *format,
               ...) G_GNUC_PRINTF (2, 3);

static void
append_printf (IcsWriter  *w,
               const char *format,
               ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  nudge_ics_append_line (w->out, line);
}

/* Whose context a follow-up's description gives: its deal and its own
 * contact (0: the deal's). The names come with the follow-up's row, and
 * a deal's follow-ups may each name another contact of it. */
typedef struct
{
  gint64 deal_id;
  gint64 contact_id;
} ContextKey;

static guint
context_key_hash (gconstpointer key)
{
  const ContextKey *k = key;

  return g_int64_hash (&k->deal_id) * 31 + g_int64_hash (&k->contact_id);
}

static gboolean
context_key_equal (gconstpointer a,
                   gconstpointer b)
{
  const ContextKey *x = a, *y = b;

  return x->deal_id == y->deal_id && x->contact_id == y->contact_id;
}

/* The contact's phone and e-mail (the follow-up's own contact, else
 * the deal's; none once in the trash) and the last interaction (the
 * deal's, or the contact's where there is no deal), in one lookup of
 * one row: the latest activity is found at the end of its index. */
static const char CONTEXT_SQL[] =
  "SELECT ct.phone, ct.email, a.occurred_at, a.summary"
  " FROM (SELECT COALESCE(?2, (SELECT contact_id FROM deal WHERE id = ?1)) AS contact_id) k"
  " LEFT JOIN contact ct ON ct.id = k.contact_id AND ct.trashed_at IS NULL"
  " LEFT JOIN activity a ON a.id = CASE WHEN ?1 IS NOT NULL"
  "   THEN (SELECT id FROM activity WHERE deal_id = ?1 ORDER BY occurred_at DESC, id DESC LIMIT 1)"
  "   ELSE (SELECT id FROM activity WHERE contact_id = k.contact_id ORDER BY occurred_at DESC, id DESC LIMIT 1)"
  " END";

enum {
  CONTEXT_COL_PHONE,
  CONTEXT_COL_EMAIL,
  CONTEXT_COL_OCCURRED_AT,
  CONTEXT_COL_SUMMARY,
};

static void
append_contact_and_last_interaction (IcsWriter        *w,
                                     const ContextKey *key,
                                     GString          *text)
{
  g_autoptr(GError) error = NULL;
  const char *phone, *email;
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (w->store, CONTEXT_SQL, &error)))
    {
      g_warning ("Calendar context not read: %s", error->message);
      return;
    }
  if (key->deal_id > 0)
    sqlite3_bind_int64 (stmt, 1, key->deal_id);
  if (key->contact_id > 0)
    sqlite3_bind_int64 (stmt, 2, key->contact_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return;
    }
  phone = (const char *) sqlite3_column_text (stmt, CONTEXT_COL_PHONE);
  email = (const char *) sqlite3_column_text (stmt, CONTEXT_COL_EMAIL);
  if (phone && *phone)
    g_string_append_printf (text, _("Phone: %s\n"), phone);
  if (email && *email)
    g_string_append_printf (text, _("E-mail: %s\n"), email);
  if (sqlite3_column_type (stmt, CONTEXT_COL_OCCURRED_AT) != SQLITE_NULL)
    {
      g_autofree char *when = nudge_format_date (sqlite3_column_int64 (stmt, CONTEXT_COL_OCCURRED_AT));
      const char *summary = (const char *) sqlite3_column_text (stmt, CONTEXT_COL_SUMMARY);

      /* Translators: last interaction: date — summary */
      g_string_append_printf (text, _("Last interaction: %s — %s\n"), when, summary ? summary : "");
    }
  sqlite3_reset (stmt);
}

/* Context for the description: deal, company, contact phone and e-mail and
 * the last interaction, looked up once per deal and contact. */
static const char *
deal_context (IcsWriter     *w,
              NudgeFollowup *f)
{
  ContextKey key = { MAX (0, nudge_followup_get_deal_id (f)), MAX (0, nudge_followup_get_contact_id (f)) };
  GString *text;
  const char *cached;

  if ((cached = g_hash_table_lookup (w->contexts, &key)))
    return cached;

  text = g_string_new (NULL);
  if (*nudge_followup_get_deal_title (f))
    g_string_append_printf (text, _("Deal: %s\n"), nudge_followup_get_deal_title (f));
  if (*nudge_followup_get_company_name (f))
    g_string_append_printf (text, _("Company: %s\n"), nudge_followup_get_company_name (f));
  if (*nudge_followup_get_contact_name (f))
    g_string_append_printf (text, _("Contact: %s\n"), nudge_followup_get_contact_name (f));
  if (key.deal_id > 0 || key.contact_id > 0)
    append_contact_and_last_interaction (w, &key, text);
  if (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);

  cached = text->str;
  g_hash_table_insert (w->contexts, g_memdup2 (&key, sizeof key), g_string_free (text, FALSE));
  return cached;
}

static char *
describe (IcsWriter     *w,
          NudgeFollowup *f)
{
  const char *notes = nudge_followup_get_notes (f);
  const char *context = deal_context (w, f);

  if (notes && *notes && *context)
    return g_strconcat (notes, "\n\n", context, NULL);
  return g_strdup (notes && *notes ? notes : context);
}

/* Returns the RRULE parts (without UNTIL/COUNT) when every client imports
 * the rule, NULL when the series must be written occurrence by occurrence. */
static char *
portable_rule (const char *rrule,
               gint64      dtstart,
               const char *tzid)
{
  struct icalrecurrencetype r = icalrecurrencetype_from_string (rrule);
  g_autoptr(GString) out = g_string_new (NULL);

  if (r.freq != ICAL_DAILY_RECURRENCE && r.freq != ICAL_WEEKLY_RECURRENCE &&
      r.freq != ICAL_MONTHLY_RECURRENCE)
    return NULL;
  if (r.by_second[0] != ICAL_RECURRENCE_ARRAY_MAX || r.by_minute[0] != ICAL_RECURRENCE_ARRAY_MAX ||
      r.by_hour[0] != ICAL_RECURRENCE_ARRAY_MAX || r.by_year_day[0] != ICAL_RECURRENCE_ARRAY_MAX ||
      r.by_week_no[0] != ICAL_RECURRENCE_ARRAY_MAX || r.by_month[0] != ICAL_RECURRENCE_ARRAY_MAX ||
      r.by_set_pos[0] != ICAL_RECURRENCE_ARRAY_MAX)
    return NULL;

  g_string_append (out, icalrecur_freq_to_string (r.freq));
  g_string_prepend (out, "FREQ=");
  if (r.interval > 1)
    g_string_append_printf (out, ";INTERVAL=%d", r.interval);

  if (r.freq == ICAL_DAILY_RECURRENCE)
    {
      if (r.by_day[0] != ICAL_RECURRENCE_ARRAY_MAX || r.by_month_day[0] != ICAL_RECURRENCE_ARRAY_MAX)
        return NULL;
    }
  else if (r.freq == ICAL_WEEKLY_RECURRENCE)
    {
      if (r.by_month_day[0] != ICAL_RECURRENCE_ARRAY_MAX)
        return NULL;
      g_string_append (out, ";BYDAY=");
      if (r.by_day[0] == ICAL_RECURRENCE_ARRAY_MAX)
        {
          g_autoptr(GDateTime) dt = local_time (dtstart, tzid);
          static const char *const days[] = { "", "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

          g_string_append (out, days[g_date_time_get_day_of_week (dt)]);
        }
      for (int i = 0; i < ICAL_BY_DAY_SIZE && r.by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
        {
          if (icalrecurrencetype_day_position (r.by_day[i]) != 0)
            return NULL;
          g_string_append_printf (out, "%s%s", i > 0 ? "," : "",
                                  icalrecur_weekday_to_string (icalrecurrencetype_day_day_of_week (r.by_day[i])));
        }
      if (r.interval > 1)
        g_string_append_printf (out, ";WKST=%s", icalrecur_weekday_to_string (r.week_start));
    }
  else
    {
      if (r.by_day[0] != ICAL_RECURRENCE_ARRAY_MAX)
        return NULL;
      if (r.by_month_day[0] == ICAL_RECURRENCE_ARRAY_MAX)
        {
          g_autoptr(GDateTime) dt = local_time (dtstart, tzid);

          g_string_append_printf (out, ";BYMONTHDAY=%d", g_date_time_get_day_of_month (dt));
        }
      else if (r.by_month_day[1] != ICAL_RECURRENCE_ARRAY_MAX)
        return NULL;
      else
        g_string_append_printf (out, ";BYMONTHDAY=%d", r.by_month_day[0]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Tasks of their own have no DTSTART (see append_item_begin()): their
 * alarm goes off before DUE. */
static void
append_alarm (IcsWriter     *w,
              NudgeFollowup *f,
              gboolean       single)
{
  nudge_ics_append_line (w->out, "BEGIN:VALARM");
  nudge_ics_append_line (w->out, "ACTION:DISPLAY");
  append_text_property (w, "DESCRIPTION", nudge_followup_get_title (f));
  append_printf (w, "TRIGGER%s:-PT%dM", w->options->as_tasks && single ? ";RELATED=END" : "",
                 MAX (0, nudge_followup_get_remind_before_min (f)));
  nudge_ics_append_line (w->out, "END:VALARM");
}

/* The properties every item has; @start is the item's DTSTART, and a
 * @single one (no series, no override of one) as a task is due at
 * @start: DUE then, without DTSTART, since DUE must come after DTSTART
 * and a follow-up is due when it starts. */
static void
append_item_begin (IcsWriter     *w,
                   NudgeFollowup *f,
                   const char    *uid,
                   gint64         start,
                   gint64         end,
                   gboolean       single)
{
  const char *tzid = nudge_followup_get_tzid (f);
  gboolean all_day = nudge_followup_get_all_day (f);
  g_autofree char *description = describe (w, f);
  int priority = nudge_followup_get_priority (f);

  nudge_ics_append_line (w->out, w->options->as_tasks ? "BEGIN:VTODO" : "BEGIN:VEVENT");
  append_text_property (w, "UID", uid);
  append_printf (w, "DTSTAMP:%s", w->dtstamp);
  if (nudge_followup_get_created_at (f) > 0)
    {
      g_autofree char *created = format_utc (nudge_followup_get_created_at (f));
      append_printf (w, "CREATED:%s", created);
    }
  if (nudge_followup_get_updated_at (f) > 0)
    {
      g_autofree char *modified = format_utc (nudge_followup_get_updated_at (f));
      append_printf (w, "LAST-MODIFIED:%s", modified);
    }
  append_printf (w, "SEQUENCE:%d", MAX (0, nudge_followup_get_sequence (f)));
  if (w->options->as_tasks && single)
    append_time_property (w, "DUE", start, tzid, all_day);
  else
    {
      g_autofree char *local = single ? NULL : series_local (f, start);

      append_local_property (w, "DTSTART", start, tzid, all_day, local);
    }
  if (w->options->as_tasks)
    {
      if (!single)
        append_time_property (w, "DUE", end, tzid, all_day);
    }
  else if (all_day)
    {
      /* All-day: the next local day, whatever the duration says */
      g_autoptr(GDateTime) local = local_time (start, tzid);
      g_autoptr(GDateTime) next = g_date_time_add_days (local, 1);

      append_time_property (w, "DTEND", g_date_time_to_unix (next), tzid, TRUE);
    }
  else
    append_time_property (w, "DTEND", end, tzid, FALSE);
  append_text_property (w, "SUMMARY", nudge_followup_get_title (f));
  append_text_property (w, "DESCRIPTION", description);
  append_text_property (w, "CATEGORIES", kind_label (nudge_followup_get_kind (f)));
  if (priority > 0)
    append_printf (w, "PRIORITY:%d", priority >= 3 ? 1 : priority == 2 ? 5 : 9);
  if (!w->options->as_tasks)
    nudge_ics_append_line (w->out, "TRANSP:TRANSPARENT");
}

static void
append_item_end (IcsWriter     *w,
                 NudgeFollowup *f,
                 gboolean       done,
                 gboolean       single)
{
  if (w->options->as_tasks)
    {
      if (done)
        {
          g_autofree char *completed = format_utc (nudge_followup_get_done_at (f) > 0
                                                   ? nudge_followup_get_done_at (f)
                                                   : nudge_followup_get_updated_at (f));
          nudge_ics_append_line (w->out, "STATUS:COMPLETED");
          append_printf (w, "COMPLETED:%s", completed);
        }
      else
        nudge_ics_append_line (w->out, "STATUS:NEEDS-ACTION");
    }
  if (!done)
    append_alarm (w, f, single);
  nudge_ics_append_line (w->out, w->options->as_tasks ? "END:VTODO" : "END:VEVENT");
}

static gint64
occurrence_length (NudgeOccurrence *o)
{
  return MAX (0, nudge_occurrence_get_end (o) - nudge_occurrence_get_start (o));
}

static gboolean
keep_occurrence (const NudgeIcsOptions *options,
                 NudgeOccurrence       *o)
{
  NudgeFollowup *f = nudge_occurrence_get_followup (o);
  NudgeOccurrenceState state = nudge_occurrence_get_state (o);

  if (state == NUDGE_OCCURRENCE_SKIPPED)
    return FALSE;
  if (state == NUDGE_OCCURRENCE_DONE && !options->include_done)
    return FALSE;
  if (options->deal_id > 0 && nudge_followup_get_deal_id (f) != options->deal_id)
    return FALSE;
  if (nudge_occurrence_get_recurring (o))
    return options->include_recurring;
  return options->include_one_offs || state == NUDGE_OCCURRENCE_DONE;
}

static void
write_single (IcsWriter       *w,
              NudgeOccurrence *o,
              const char      *uid)
{
  NudgeFollowup *f = nudge_occurrence_get_followup (o);
  gint64 due = nudge_occurrence_get_due_at (o);

  append_item_begin (w, f, uid, due, due + occurrence_length (o), TRUE);
  append_item_end (w, f, nudge_occurrence_get_state (o) == NUDGE_OCCURRENCE_DONE, TRUE);
}

/* A rule no client may miss read as one item per occurrence in the
 * range, each with its own stable UID. */
static void
write_occurrences (IcsWriter     *w,
                   NudgeFollowup *f)
{
  g_autoptr(GPtrArray) occurrences = NULL;
  const char *tzid = nudge_followup_get_tzid (f);
  gboolean all_day = nudge_followup_get_all_day (f);

  occurrences = nudge_followups_list_series_occurrences (w->store, f, w->options->from, w->options->to,
                                                         w->options->include_done);
  for (guint i = 0; i < occurrences->len; i++)
    {
      NudgeOccurrence *o = g_ptr_array_index (occurrences, i);
      g_autofree char *local = NULL;
      g_autofree char *uid = NULL;

      if (!keep_occurrence (w->options, o))
        continue;
      local = format_local (nudge_occurrence_get_start (o), tzid, all_day);
      uid = g_strdup_printf ("%s-%s", nudge_followup_get_uid (f), local);
      write_single (w, o, uid);
    }
}

/* The series as its rule from the first listed occurrence to the last,
 * without expanding it: the unlisted starts become EXDATEs, the done
 * and snoozed ones overrides (RECURRENCE-ID). */
static void
write_series (IcsWriter          *w,
              NudgeSeriesListing *series)
{
  NudgeFollowup *f = series->followup;
  const char *tzid = nudge_followup_get_tzid (f);
  gboolean all_day = nudge_followup_get_all_day (f);
  NudgeOccurrence *first = series->first;
  gint64 first_start = nudge_occurrence_get_start (first);
  g_autofree char *rule = portable_rule (nudge_followup_get_rrule (f), first_start, tzid);
  g_autoptr(GDateTime) last_local = NULL;
  g_autofree char *until = NULL;
  /* Events of a series with nothing open left are done; tasks say it
   * item by item */
  gboolean done = !series->has_open && !w->options->as_tasks;

  if (rule == NULL)
    {
      write_occurrences (w, f);
      return;
    }

  /* UNTIL at the end of the last listed local day (as UTC), so clients
   * that convert it keep the wall-clock time across DST. */
  last_local = local_time (series->last_start, tzid);
  if (all_day)
    until = g_date_time_format (last_local, "%Y%m%d");
  else
    {
      until = format_utc (nudge_clock_local_to_unix (g_date_time_get_timezone (last_local),
                                                     g_date_time_get_year (last_local),
                                                     g_date_time_get_month (last_local),
                                                     g_date_time_get_day_of_month (last_local),
                                                     23, 59, 59));
    }

  append_item_begin (w, f, nudge_followup_get_uid (f), first_start,
                     first_start + occurrence_length (first), FALSE);
  append_printf (w, "RRULE:%s;UNTIL=%s", rule, until);
  for (guint i = 0; i < series->unlisted->len; i++)
    {
      gint64 at = g_array_index (series->unlisted, gint64, i);
      g_autofree char *local = series_local (f, at);

      append_local_property (w, "EXDATE", at, tzid, all_day, local);
    }
  append_item_end (w, f, done, FALSE);

  for (guint i = 0; i < series->exceptions->len; i++)
    {
      NudgeOccurrence *o = g_ptr_array_index (series->exceptions, i);
      gint64 start = nudge_occurrence_get_start (o);
      gint64 due = nudge_occurrence_get_due_at (o);
      gboolean o_done = nudge_occurrence_get_state (o) == NUDGE_OCCURRENCE_DONE;

      if (due == start && o_done == done)
        continue;
      append_item_begin (w, f, nudge_followup_get_uid (f), due, due + occurrence_length (o), FALSE);
      {
        g_autofree char *local = series_local (f, start);

        append_local_property (w, "RECURRENCE-ID", start, tzid, all_day, local);
      }
      append_item_end (w, f, o_done, FALSE);
    }
}

static void
append_vtimezone (IcsWriter  *w,
                  const char *tzid,
                  gint64      earliest)
{
  icaltimezone *zone = icaltimezone_get_builtin_timezone (tzid);
  icalcomponent *builtin;
  icalcomponent *clone;
  icaltimetype start;
  char *text;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) unfolded = g_string_new (NULL);

  if (zone == NULL || (builtin = icaltimezone_get_component (zone)) == NULL)
    return;

  /* Never hand the builtin zone's component to anything that may free or
   * change it: work on a trimmed copy. */
  clone = icalcomponent_new_clone (builtin);
  start = icaltime_from_timet_with_zone ((time_t) (earliest - 366 * 24 * 3600), FALSE,
                                         icaltimezone_get_utc_timezone ());
  icaltimezone_truncate_vtimezone (clone, start, icaltime_null_time (), TRUE);
  text = icalcomponent_as_ical_string_r (clone);
  icalcomponent_free (clone);

  /* Unfold libical's lines, then write them again with our folding */
  for (const char *p = text; *p; p++)
    {
      if (*p == '\r')
        continue;
      if (*p == '\n' && (p[1] == ' ' || p[1] == '\t'))
        {
          p++;
          continue;
        }
      g_string_append_c (unfolded, *p);
    }
  free (text);

  lines = g_strsplit (unfolded->str, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      if (*lines[i] == '\0')
        continue;
      if (g_str_has_prefix (lines[i], "TZID:") || g_str_has_prefix (lines[i], "TZID;"))
        append_printf (w, "TZID:%s", tzid);
      else if (g_str_has_prefix (lines[i], "X-LIC-"))
        continue;
      else
        nudge_ics_append_line (w->out, lines[i]);
    }
}

void
nudge_ics_options_init (NudgeIcsOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->from = G_MININT64;
  options->to = nudge_clock_now () + 365 * 24 * 3600;
  options->include_one_offs = TRUE;
  options->include_recurring = TRUE;
}

char *
nudge_ics_escape_text (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text) + 8);
  for (const char *p = text; *p; p++)
    {
      switch (*p)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case ';': g_string_append (out, "\\;"); break;
        case ',': g_string_append (out, "\\,"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r':
          if (p[1] != '\n')
            g_string_append (out, "\\n");
          break;
        default:
          /* Other control characters are not allowed in TEXT */
          if ((guchar) *p < 0x20 && *p != '\t')
            break;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

/* RFC 5545 3.1 (and RFC 6350 3.2 for vCard): lines of at most 75 octets,
 * continued after CRLF and one space; a cut never falls inside a UTF-8
 * character. */
void
nudge_ics_append_line (GString    *out,
                       const char *line)
{
  gsize len = strlen (line);
  gsize pos = 0;
  gsize room = ICS_LINE_OCTETS;

  while (len - pos > room)
    {
      gsize cut = pos + room;

      while (cut > pos && is_utf8_continuation ((guchar) line[cut]))
        cut--;
      /* Only broken text has a run of continuation bytes that long */
      if (cut == pos)
        cut = pos + room;
      g_string_append_len (out, line + pos, cut - pos);
      g_string_append (out, "\r\n ");
      pos = cut;
      room = ICS_LINE_OCTETS - 1;
    }
  g_string_append_len (out, line + pos, len - pos);
  g_string_append (out, "\r\n");
}

char *
nudge_ics_export (NudgeStore             *store,
                  const NudgeIcsOptions  *options,
                  gsize                  *length,
                  GError                **error)
{
  g_autoptr(GPtrArray) one_offs = NULL;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GList) tzids = NULL;
  g_autoptr(GString) head = NULL;
  IcsWriter w = { 0 };
  GString *body;
  gboolean snapshot;
  gboolean listed;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  /* The follow-ups and their deals' contexts read from one snapshot,
   * with one lock instead of one a statement */
  snapshot = nudge_store_begin_read (store);
  listed = nudge_followups_list_summary (store, options->from, options->to, options->include_done,
                                         &one_offs, &series, error);
  if (!listed)
    {
      if (snapshot)
        nudge_store_end_read (store);
      return NULL;
    }

  body = g_string_sized_new ((one_offs->len + series->len) * 700 + 1024);
  w.store = store;
  w.options = options;
  w.out = body;
  w.dtstamp = format_utc (nudge_clock_now ());
  w.zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  w.contexts = g_hash_table_new_full (context_key_hash, context_key_equal, g_free, g_free);
  w.known_zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* One-offs and series merged by due time, as the listing orders them */
  for (guint i = 0, j = 0; i < one_offs->len || j < series->len; )
    {
      NudgeOccurrence *o = i < one_offs->len ? g_ptr_array_index (one_offs, i) : NULL;
      NudgeSeriesListing *s = j < series->len ? g_ptr_array_index (series, j) : NULL;

      if (o != NULL && (s == NULL || nudge_occurrence_get_due_at (o) <= nudge_occurrence_get_due_at (s->first)))
        {
          i++;
          if (keep_occurrence (options, o))
            write_single (&w, o, nudge_followup_get_uid (nudge_occurrence_get_followup (o)));
        }
      else
        {
          j++;
          if (options->include_recurring &&
              (options->deal_id <= 0 || nudge_followup_get_deal_id (s->followup) == options->deal_id))
            write_series (&w, s);
        }
    }
  if (snapshot)
    nudge_store_end_read (store);
  /* Gone before the calendar is put together, which needs the text twice
   * at most for a moment */
  g_clear_pointer (&one_offs, g_ptr_array_unref);
  g_clear_pointer (&series, g_ptr_array_unref);
  g_clear_pointer (&w.contexts, g_hash_table_unref);

  /* The time zones the items used go first: put in front of them */
  head = g_string_sized_new (8192);
  w.out = head;
  nudge_ics_append_line (head, "BEGIN:VCALENDAR");
  nudge_ics_append_line (head, "VERSION:2.0");
  nudge_ics_append_line (head, "PRODID:-//Nudge//Nudge " PACKAGE_VERSION "//EN");
  nudge_ics_append_line (head, "CALSCALE:GREGORIAN");
  nudge_ics_append_line (head, "METHOD:PUBLISH");
  append_text_property (&w, "X-WR-CALNAME", options->calendar_name ? options->calendar_name
                                                                   : _("Nudge follow-ups"));
  tzids = g_hash_table_get_keys (w.zones);
  tzids = g_list_sort (tzids, (GCompareFunc) g_strcmp0);
  for (GList *l = tzids; l; l = l->next)
    append_vtimezone (&w, l->data, *(gint64 *) g_hash_table_lookup (w.zones, l->data));
  g_string_prepend_len (body, head->str, head->len);
  nudge_ics_append_line (body, "END:VCALENDAR");

  g_free (w.dtstamp);
  g_hash_table_unref (w.zones);
  g_hash_table_unref (w.known_zones);

  if (length)
    *length = body->len;
  return g_string_free (body, FALSE);
}

gboolean
nudge_ics_export_to_file (NudgeStore             *store,
                          const NudgeIcsOptions  *options,
                          const char             *path,
                          GError                **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!(text = nudge_ics_export (store, options, &length, error)))
    return FALSE;
  /* Beside the target and renamed over it; the target's mode is kept. */
  return nudge_file_write_private (path, text, length, error);
}
