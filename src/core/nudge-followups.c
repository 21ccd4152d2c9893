/* nudge-followups.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-followups"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-recurrence.h"
#include "nudge-store-private.h"

struct _NudgeOccurrence
{
  GObject               parent_instance;

  NudgeFollowup        *followup;
  gint64                start;
  gint64                end;
  gint64                due_at;
  NudgeOccurrenceState  state;
  gboolean              is_overdue;
};

G_DEFINE_FINAL_TYPE (NudgeOccurrence, nudge_occurrence, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FOLLOWUP,
  PROP_START,
  PROP_END,
  PROP_DUE_AT,
  PROP_STATE,
  PROP_IS_OVERDUE,
  PROP_ALL_DAY,
  PROP_RECURRING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- helpers ---------------------------------------------------------- */

static gboolean
is_recurring (NudgeFollowup *f)
{
  return f->rrule != NULL && *f->rrule != '\0';
}

static GTimeZone *
zone_for (const char *tzid)
{
  GTimeZone *tz = NULL;

  if (tzid != NULL && *tzid != '\0')
    tz = g_time_zone_new_identifier (tzid);
  return tz ? tz : g_time_zone_new_local ();
}

static GDateTime *
local_time (gint64      at,
            const char *tzid)
{
  g_autoptr(GTimeZone) tz = zone_for (tzid);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at);

  return g_date_time_to_timezone (utc, tz);
}

/* @at moved by @days local days, wall-clock time kept. */
static gint64
add_local_days (gint64      at,
                const char *tzid,
                int         days)
{
  g_autoptr(GDateTime) local = local_time (at, tzid);
  g_autoptr(GDateTime) moved = g_date_time_add_days (local, days);

  return g_date_time_to_unix (moved);
}

static gint64
make_local (const char *tzid,
            int         year,
            int         month,
            int         day,
            int         minute_of_day)
{
  g_autoptr(GTimeZone) tz = zone_for (tzid);

  return nudge_clock_local_to_unix (tz, year, month, day, minute_of_day / 60, minute_of_day % 60, 0);
}

static gint64
end_of_local_day (gint64      at,
                  const char *tzid)
{
  g_autoptr(GDateTime) local = local_time (at, tzid);

  return make_local (tzid, g_date_time_get_year (local), g_date_time_get_month (local),
                     g_date_time_get_day_of_month (local), 0) == 0
         ? at
         : add_local_days (make_local (tzid, g_date_time_get_year (local),
                                       g_date_time_get_month (local),
                                       g_date_time_get_day_of_month (local), 0),
                           tzid, 1);
}

static gboolean
fail_not_open (GError **error)
{
  g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
               _("This follow-up is already done"));
  return FALSE;
}

static gboolean
fail_not_recurring (GError **error)
{
  g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
               _("This follow-up does not repeat"));
  return FALSE;
}

static gboolean
fail_not_occurrence (GError **error)
{
  g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
               _("The follow-up has no occurrence at that time"));
  return FALSE;
}

/* occurrence_at → NudgeOccurrenceState of the recorded occurrences */
static GHashTable *
load_recorded (NudgeStore  *store,
               gint64       id)
{
  static const char sql[] =
    "SELECT occurrence_at, status FROM followup_occurrence WHERE followup_id = ?1";
  GHashTable *recorded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = nudge_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return recorded;
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 *at = g_new (gint64, 1);
      const char *status = (const char *) sqlite3_column_text (stmt, 1);

      *at = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (recorded, at,
                           GINT_TO_POINTER (g_strcmp0 (status, "done") == 0
                                            ? NUDGE_OCCURRENCE_DONE : NUDGE_OCCURRENCE_SKIPPED));
    }
  sqlite3_reset (stmt);
  return recorded;
}

/* Open occurrences start at the cursor: the latest occurrence that has
 * started, or just after the latest recorded one, whichever is later. */
/* The latest occurrence at or before @now, remembered with the span in
 * which it stays the latest: libical's iterator is slow to set up and
 * the Today view and the badge ask again after every change. */
typedef struct
{
  gint64 latest;
  gint64 valid_until;  /* the next occurrence, G_MAXINT64 when none */
} LatestSpan;

static gint64
latest_started (NudgeFollowup *f,
                gint64         now)
{
  static GMutex lock;
  static GHashTable *cache = NULL;
  g_autofree char *key = g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%d|%s|%s|%s", f->uid, f->due_at,
                                          f->all_day, f->tzid, f->rrule, f->exdates);
  LatestSpan *span;
  gint64 latest, next;

  g_mutex_lock (&lock);
  if (cache == NULL || g_hash_table_size (cache) > 50000)
    {
      g_clear_pointer (&cache, g_hash_table_unref);
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    }
  span = g_hash_table_lookup (cache, key);
  if (span != NULL && now >= span->latest && now < span->valid_until)
    {
      latest = span->latest;
      g_mutex_unlock (&lock);
      return latest;
    }
  g_mutex_unlock (&lock);

  latest = nudge_recurrence_previous (f, now);
  next = now < G_MAXINT64 ? nudge_recurrence_next (f, now + 1) : 0;

  g_mutex_lock (&lock);
  span = g_new (LatestSpan, 1);
  span->latest = latest == 0 ? G_MININT64 : latest;
  span->valid_until = next == 0 ? G_MAXINT64 : next;
  g_hash_table_replace (cache, g_steal_pointer (&key), span);
  g_mutex_unlock (&lock);
  return latest;
}

/* Just after the latest recorded occurrence, G_MININT64 when none. */
static gint64
series_cursor_after (GHashTable *recorded)
{
  gint64 cursor = G_MININT64;
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, recorded);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    cursor = MAX (cursor, *(gint64 *) key + 1);
  return cursor;
}

static gint64
series_cursor (NudgeFollowup *f,
               GHashTable    *recorded,
               gint64         now)
{
  gint64 latest = latest_started (f, now);

  return MAX (latest == 0 ? G_MININT64 : latest, series_cursor_after (recorded));
}

static gint64
series_first_open (NudgeFollowup *f,
                   GHashTable    *recorded,
                   gint64         now)
{
  gint64 cursor = series_cursor (f, recorded, now);
  g_autoptr(GArray) found = nudge_recurrence_expand (f, cursor, G_MAXINT64,
                                                     g_hash_table_size (recorded) + 1, NULL);

  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      gint64 at = g_array_index (found, gint64, i);

      if (!g_hash_table_contains (recorded, &at))
        return at;
    }
  return 0;
}

static gint64
effective_due (NudgeFollowup *f,
               gint64         start)
{
  if (!is_recurring (f))
    return f->snoozed_until > 0 ? f->snoozed_until : start;
  return f->snoozed_until > start ? f->snoozed_until : start;
}

/* The first open occurrence of an open follow-up, 0 when none. */
static gint64
current_occurrence (NudgeStore    *store,
                    NudgeFollowup *f)
{
  g_autoptr(GHashTable) recorded = NULL;

  if (g_strcmp0 (f->status, "open") != 0)
    return 0;
  if (!is_recurring (f))
    return f->due_at;
  recorded = load_recorded (store, f->id);
  return series_first_open (f, recorded, nudge_clock_now ());
}

static void
queue_followup_changes (NudgeStore    *store,
                        NudgeFollowup *f)
{
  nudge_store_queue_change (store, NUDGE_ENTITY_FOLLOWUP, f->id, NUDGE_CHANGE_UPDATED);
  if (f->deal_id > 0)
    nudge_store_queue_change (store, NUDGE_ENTITY_DEAL, f->deal_id, NUDGE_CHANGE_UPDATED);
  if (f->contact_id > 0)
    nudge_store_queue_change (store, NUDGE_ENTITY_CONTACT, f->contact_id, NUDGE_CHANGE_UPDATED);
}

/* Writes the scheduling columns of @f and recomputes next_at/status. */
static gboolean
write_schedule (NudgeStore     *store,
                NudgeFollowup  *f,
                GError        **error)
{
  static const char sql[] =
    "UPDATE followup SET due_at = ?2, snoozed_until = ?3, rrule = ?4, exdates = ?5,"
    " sequence = ?6, status = ?7, done_at = ?8, next_at = ?9, updated_at = ?10 WHERE id = ?1";
  gint64 now = nudge_clock_now ();
  sqlite3_stmt *stmt;
  gint64 next = 0;

  if (g_strcmp0 (f->status, "open") == 0)
    {
      if (is_recurring (f))
        {
          g_autoptr(GHashTable) recorded = load_recorded (store, f->id);
          gint64 first = series_first_open (f, recorded, now);

          if (first == 0)
            {
              /* A finite series with every occurrence handled is over. */
              g_free (f->status);
              f->status = g_strdup ("done");
              f->done_at = now;
              f->snoozed_until = 0;
            }
          else
            next = effective_due (f, first);
        }
      else
        next = effective_due (f, f->due_at);
    }
  f->next_at = next;

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, f->id);
  sqlite3_bind_int64 (stmt, 2, f->due_at);
  nudge_sql_bind_time (stmt, 3, f->snoozed_until);
  nudge_sql_bind_text (stmt, 4, f->rrule);
  nudge_sql_bind_text (stmt, 5, f->exdates);
  sqlite3_bind_int (stmt, 6, f->sequence);
  nudge_sql_bind_text (stmt, 7, f->status);
  nudge_sql_bind_time (stmt, 8, f->done_at);
  nudge_sql_bind_time (stmt, 9, f->next_at);
  sqlite3_bind_int64 (stmt, 10, now);
  if (!nudge_store_step_done (store, stmt, error))
    return FALSE;
  queue_followup_changes (store, f);
  return TRUE;
}

static NudgeFollowup *
load_open (NudgeStore  *store,
           gint64       id,
           GError     **error)
{
  g_autoptr(NudgeFollowup) f = nudge_store_get_followup (store, id, error);

  if (f == NULL)
    return NULL;
  if (g_strcmp0 (f->status, "open") != 0)
    {
      fail_not_open (error);
      return NULL;
    }
  return g_steal_pointer (&f);
}

static gboolean
finish (NudgeStore  *store,
        gboolean     ok,
        GError     **error)
{
  if (!ok)
    {
      nudge_store_rollback (store);
      return FALSE;
    }
  return nudge_store_commit (store, error);
}

static void
set_str (char       **field,
         const char  *value)
{
  char *copy = g_strdup (value ? value : "");

  g_free (*field);
  *field = copy;
}

static gboolean
apply_spec (NudgeFollowup            *f,
            const NudgeFollowupSpec  *spec,
            GError                  **error)
{
  g_autofree char *tzid = NULL;
  const char *rrule = spec->rrule ? spec->rrule : "";

  if (spec->tzid != NULL && *spec->tzid != '\0')
    {
      if (!nudge_recurrence_tzid_is_known (spec->tzid))
        {
          g_set_error (error, NUDGE_RECURRENCE_ERROR, NUDGE_RECURRENCE_ERROR_TIMEZONE,
                       _("Unknown time zone “%s”"), spec->tzid);
          return FALSE;
        }
      tzid = g_strdup (spec->tzid);
    }
  else
    tzid = nudge_recurrence_default_tzid ();

  while (g_ascii_isspace (*rrule))
    rrule++;
  if (g_ascii_strncasecmp (rrule, "RRULE:", 6) == 0)
    rrule += 6;
  if (*rrule != '\0' &&
      !nudge_recurrence_validate (rrule, spec->due_at, tzid, spec->all_day, error))
    return FALSE;

  set_str (&f->title, spec->title);
  set_str (&f->kind, spec->kind && *spec->kind ? spec->kind : "task");
  set_str (&f->notes, spec->notes);
  set_str (&f->tzid, tzid);
  f->due_at = spec->due_at;
  f->all_day = spec->all_day;
  f->duration_min = spec->duration_min < 0 ? 30 : spec->duration_min;
  f->remind_before_min = spec->remind_before_min;
  f->priority = CLAMP (spec->priority, 0, 3);
  f->deal_id = spec->deal_id;
  f->contact_id = spec->contact_id;
  set_str (&f->rrule, rrule);
  return TRUE;
}

static gint64
insert_from_spec (NudgeStore               *store,
                  const NudgeFollowupSpec  *spec,
                  const char               *exdates,
                  GError                  **error)
{
  g_autoptr(NudgeFollowup) f = nudge_followup_new ();

  if (!apply_spec (f, spec, error))
    return 0;
  set_str (&f->exdates, exdates);
  f->next_at = f->due_at;
  if (!nudge_store_save_followup (store, f, error))
    return 0;
  if (!write_schedule (store, f, error))
    return 0;
  return f->id;
}

/* ---- NudgeOccurrence -------------------------------------------------- */

/* The one definition of "overdue" (see nudge-followups.h): due before
 * now; an all-day one once its day has ended in its own zone. */
static gboolean
due_is_overdue (gboolean    all_day,
                const char *tzid,
                gint64      due,
                gint64      now)
{
  return all_day ? end_of_local_day (due, tzid) <= now : due < now;
}

static NudgeOccurrence *
occurrence_new (NudgeFollowup        *f,
                gint64                start,
                gint64                due,
                NudgeOccurrenceState  state,
                gint64                now)
{
  NudgeOccurrence *self = g_object_new (NUDGE_TYPE_OCCURRENCE, NULL);

  self->followup = g_object_ref (f);
  self->start = start;
  self->state = state;
  self->due_at = state == NUDGE_OCCURRENCE_OPEN ? due : start;
  if (f->all_day)
    self->end = add_local_days (start, f->tzid, MAX (1, f->duration_min / 1440));
  else
    self->end = start + (gint64) f->duration_min * 60;
  if (state == NUDGE_OCCURRENCE_OPEN)
    self->is_overdue = due_is_overdue (f->all_day, f->tzid, self->due_at, now);
  return self;
}

static void
nudge_occurrence_finalize (GObject *object)
{
  NudgeOccurrence *self = NUDGE_OCCURRENCE (object);

  g_clear_object (&self->followup);
  G_OBJECT_CLASS (nudge_occurrence_parent_class)->finalize (object);
}

static void
nudge_occurrence_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  NudgeOccurrence *self = NUDGE_OCCURRENCE (object);

  switch (prop_id)
    {
    case PROP_FOLLOWUP:   g_value_set_object (value, self->followup); break;
    case PROP_START:      g_value_set_int64 (value, self->start); break;
    case PROP_END:        g_value_set_int64 (value, self->end); break;
    case PROP_DUE_AT:     g_value_set_int64 (value, self->due_at); break;
    case PROP_STATE:      g_value_set_int (value, self->state); break;
    case PROP_IS_OVERDUE: g_value_set_boolean (value, self->is_overdue); break;
    case PROP_ALL_DAY:    g_value_set_boolean (value, nudge_occurrence_get_all_day (self)); break;
    case PROP_RECURRING:  g_value_set_boolean (value, nudge_occurrence_get_recurring (self)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nudge_occurrence_class_init (NudgeOccurrenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = nudge_occurrence_finalize;
  object_class->get_property = nudge_occurrence_get_property;

  properties[PROP_FOLLOWUP] = g_param_spec_object ("followup", NULL, NULL, NUDGE_TYPE_FOLLOWUP, flags);
  properties[PROP_START] = g_param_spec_int64 ("start", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_END] = g_param_spec_int64 ("end", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_DUE_AT] = g_param_spec_int64 ("due-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, 0, NUDGE_OCCURRENCE_SKIPPED, 0, flags);
  properties[PROP_IS_OVERDUE] = g_param_spec_boolean ("is-overdue", NULL, NULL, FALSE, flags);
  properties[PROP_ALL_DAY] = g_param_spec_boolean ("all-day", NULL, NULL, FALSE, flags);
  properties[PROP_RECURRING] = g_param_spec_boolean ("recurring", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nudge_occurrence_init (NudgeOccurrence *self)
{
}

NudgeFollowup *
nudge_occurrence_get_followup (NudgeOccurrence *self)
{
  g_return_val_if_fail (NUDGE_IS_OCCURRENCE (self), NULL);
  return self->followup;
}

gint64
nudge_occurrence_get_start (NudgeOccurrence *self)
{
  g_return_val_if_fail (NUDGE_IS_OCCURRENCE (self), 0);
  return self->start;
}

gint64
nudge_occurrence_get_end (NudgeOccurrence *self)
{
  g_return_val_if_fail (NUDGE_IS_OCCURRENCE (self), 0);
  return self->end;
}

gint64
nudge_occurrence_get_due_at (NudgeOccurrence *self)
{
  g_return_val_if_fail (NUDGE_IS_OCCURRENCE (self), 0);
  return self->due_at;
}

NudgeOccurrenceState
nudge_occurrence_get_state (NudgeOccurrence *self)
{
  g_return_val_if_fail (NUDGE_IS_OCCURRENCE (self), 0);
  return self->state;
}

gboolean
nudge_occurrence_get_is_overdue (NudgeOccurrence *self)
{
  g_return_val_if_fail (NUDGE_IS_OCCURRENCE (self), FALSE);
  return self->is_overdue;
}

gboolean
nudge_occurrence_get_all_day (NudgeOccurrence *self)
{
  g_return_val_if_fail (NUDGE_IS_OCCURRENCE (self), FALSE);
  return self->followup->all_day;
}

gboolean
nudge_occurrence_get_recurring (NudgeOccurrence *self)
{
  g_return_val_if_fail (NUDGE_IS_OCCURRENCE (self), FALSE);
  return is_recurring (self->followup);
}

char *
nudge_occurrence_dup_key (NudgeOccurrence *self)
{
  g_return_val_if_fail (NUDGE_IS_OCCURRENCE (self), NULL);
  return g_strdup_printf ("%s/%" G_GINT64_FORMAT, self->followup->uid, self->start);
}

const char *
nudge_occurrence_state_to_string (NudgeOccurrenceState state)
{
  switch (state)
    {
    case NUDGE_OCCURRENCE_OPEN:    return "open";
    case NUDGE_OCCURRENCE_DONE:    return "done";
    case NUDGE_OCCURRENCE_SKIPPED: return "skipped";
    default:                       return "";
    }
}

/* ---- listing ---------------------------------------------------------- */

static int
compare_occurrences (gconstpointer a,
                     gconstpointer b)
{
  NudgeOccurrence *x = *(NudgeOccurrence **) a;
  NudgeOccurrence *y = *(NudgeOccurrence **) b;

  if (x->due_at != y->due_at)
    return x->due_at < y->due_at ? -1 : 1;
  if (x->followup->priority != y->followup->priority)
    return y->followup->priority - x->followup->priority;
  return x->followup->id < y->followup->id ? -1 : x->followup->id > y->followup->id;
}

static void
list_series (NudgeStore    *store,
             NudgeFollowup *f,
             gint64         from,
             gint64         to,
             gboolean       include_done,
             gint64         now,
             GPtrArray     *out)
{
  g_autoptr(GHashTable) recorded = load_recorded (store, f->id);
  g_autoptr(GArray) found = NULL;
  gboolean open = g_strcmp0 (f->status, "open") == 0;
  gint64 cursor = open ? series_cursor (f, recorded, now) : G_MAXINT64;
  gint64 first_open = 0;
  gint64 lo;

  /* One expansion: open occurrences start at the cursor (a snooze only
   * moves the first one later, so one starting after @to stays out). */
  if (include_done)
    lo = MIN (from, cursor);
  else if (open)
    lo = cursor;
  else
    return;
  found = nudge_recurrence_expand (f, lo, to, 0, NULL);

  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      gint64 at = g_array_index (found, gint64, i);
      gpointer state;
      gint64 due;

      if (g_hash_table_lookup_extended (recorded, &at, NULL, &state))
        {
          if (include_done && at >= from)
            g_ptr_array_add (out, occurrence_new (f, at, at, GPOINTER_TO_INT (state), now));
          continue;
        }
      if (!open || at < cursor)
        continue;
      if (first_open == 0)
        {
          first_open = at;
          due = effective_due (f, at);
        }
      else
        due = at;
      if (due >= from && due < to)
        {
          g_ptr_array_add (out, occurrence_new (f, at, due, NUDGE_OCCURRENCE_OPEN, now));
        }
    }

  if (include_done && f->exdates != NULL && *f->exdates != '\0')
    {
      g_auto(GStrv) parts = g_strsplit (f->exdates, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          gint64 at = nudge_recurrence_parse_local (g_strstrip (parts[i]), f->tzid);

          if (at != 0 && at >= from && at < to)
            g_ptr_array_add (out, occurrence_new (f, at, at, NUDGE_OCCURRENCE_SKIPPED, now));
        }
    }
}

static gint
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The series' EXDATEs as UTC starts */
static GHashTable *
load_skipped (NudgeFollowup *f)
{
  GHashTable *skipped = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_auto(GStrv) parts = NULL;

  if (f->exdates == NULL || *f->exdates == '\0')
    return skipped;
  parts = g_strsplit (f->exdates, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 at = nudge_recurrence_parse_local (g_strstrip (parts[i]), f->tzid);

      if (at != 0)
        g_hash_table_add (skipped, g_memdup2 (&at, sizeof at));
    }
  return skipped;
}

/* list_series() told as a span of the rule with exceptions: the open
 * occurrences from the first listed one to the last one before @to are
 * found with two lookups, not expanded. */
static NudgeSeriesListing *
summarise_series (NudgeStore    *store,
                  NudgeFollowup *f,
                  gint64         from,
                  gint64         to,
                  gboolean       include_done,
                  gint64         now)
{
  g_autoptr(GHashTable) recorded = load_recorded (store, f->id);
  g_autoptr(GHashTable) skipped = load_skipped (f);
  g_autoptr(GArray) done = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) history = NULL;
  gboolean open = g_strcmp0 (f->status, "open") == 0;
  gint64 first_open = 0, first_due = 0, open_first = 0, open_last = 0;
  gint64 first_start, last_start;
  NudgeSeriesListing *listing;
  GHashTableIter iter;
  gpointer key, value;

  /* Open: the first open occurrence (snooze applied) if it is due in the
   * range, else the first start in the range after it; then every
   * occurrence of the rule up to the last one before @to. */
  if (open && (first_open = series_first_open (f, recorded, now)) != 0)
    {
      first_due = effective_due (f, first_open);
      if (first_due >= from && first_due < to)
        open_first = first_open;
      else
        {
          gint64 next = nudge_recurrence_next (f, MAX (from, first_open + 1));

          if (next != 0 && next < to)
            open_first = next;
        }
      if (open_first != 0)
        open_last = MAX (open_first, nudge_recurrence_previous (f, to - 1));
    }

  /* Done: the recorded ones in the range that are occurrences of the
   * rule, found by expanding the span they lie in (up to the open ones),
   * where every other occurrence is unlisted. */
  if (include_done)
    {
      g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (gint64));

      g_hash_table_iter_init (&iter, recorded);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (GPOINTER_TO_INT (value) == NUDGE_OCCURRENCE_DONE &&
            *(gint64 *) key >= from && *(gint64 *) key < to)
          g_array_append_val (candidates, *(gint64 *) key);
      if (candidates->len > 0)
        {
          g_array_sort (candidates, compare_gint64);
          history = nudge_recurrence_expand_rule (f->rrule, f->due_at, f->tzid, f->all_day, NULL,
                                                  g_array_index (candidates, gint64, 0),
                                                  open_first != 0 ? open_first
                                                                  : g_array_index (candidates, gint64, candidates->len - 1) + 1,
                                                  0, NULL);
          for (guint i = 0; history != NULL && i < history->len; i++)
            {
              gint64 at = g_array_index (history, gint64, i);

              if (GPOINTER_TO_INT (g_hash_table_lookup (recorded, &at)) == NUDGE_OCCURRENCE_DONE &&
                  g_hash_table_contains (recorded, &at) && !g_hash_table_contains (skipped, &at))
                g_array_append_val (done, at);
            }
        }
    }

  if (open_first == 0 && done->len == 0)
    return NULL;
  first_start = done->len > 0 ? g_array_index (done, gint64, 0) : open_first;
  last_start = open_first != 0 ? open_last : g_array_index (done, gint64, done->len - 1);

  listing = g_new0 (NudgeSeriesListing, 1);
  listing->followup = g_object_ref (f);
  listing->last_start = last_start;
  listing->has_open = open_first != 0;
  listing->exceptions = g_ptr_array_new_with_free_func (g_object_unref);
  listing->unlisted = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < done->len; i++)
    {
      gint64 at = g_array_index (done, gint64, i);

      g_ptr_array_add (listing->exceptions, occurrence_new (f, at, at, NUDGE_OCCURRENCE_DONE, now));
    }
  if (open_first != 0 && open_first == first_open && first_due != first_open)
    g_ptr_array_add (listing->exceptions, occurrence_new (f, first_open, first_due, NUDGE_OCCURRENCE_OPEN, now));

  if (done->len > 0)
    listing->first = g_object_ref (g_ptr_array_index (listing->exceptions, 0));
  else
    listing->first = occurrence_new (f, open_first, open_first == first_open ? first_due : open_first,
                                     NUDGE_OCCURRENCE_OPEN, now);

  /* Unlisted: the rest of the done span, the skipped open ones */
  for (guint i = 0, d = 0; history != NULL && i < history->len; i++)
    {
      gint64 at = g_array_index (history, gint64, i);

      if (d < done->len && g_array_index (done, gint64, d) == at)
        d++;
      else if (at > first_start && at < last_start)
        g_array_append_val (listing->unlisted, at);
    }
  g_hash_table_iter_init (&iter, skipped);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (open_first != 0 && *(gint64 *) key > open_first && *(gint64 *) key < open_last)
      g_array_append_val (listing->unlisted, *(gint64 *) key);
  g_array_sort (listing->unlisted, compare_gint64);
  return listing;
}

void
nudge_series_listing_free (NudgeSeriesListing *listing)
{
  if (listing == NULL)
    return;
  g_clear_object (&listing->followup);
  g_clear_object (&listing->first);
  g_clear_pointer (&listing->exceptions, g_ptr_array_unref);
  g_clear_pointer (&listing->unlisted, g_array_unref);
  g_free (listing);
}

/* The follow-ups nudge_followups_list_occurrences() looks at */
static GPtrArray *
load_listed_followups (NudgeStore  *store,
                       gint64       from,
                       gint64       to,
                       gboolean     include_done,
                       GError     **error)
{
  static char *sql = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  if (sql == NULL)
    sql = g_strdup_printf (
                "%sWHERE d.trashed_at IS NULL AND (f.contact_id IS NULL OR ct.trashed_at IS NULL)"
                " AND (f.status = 'open' OR (?3 AND f.status = 'done'))"
                " AND (f.rrule <> ''"
                "      OR (f.status = 'open' AND COALESCE(f.snoozed_until, f.due_at) >= ?1"
                "          AND COALESCE(f.snoozed_until, f.due_at) < ?2)"
                "      OR (f.status = 'done' AND f.due_at >= ?1 AND f.due_at < ?2))",
                NUDGE_FOLLOWUP_SELECT);
  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int (stmt, 3, include_done ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, nudge_store_read_followup (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nudge_store_set_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static void
add_one_off (NudgeFollowup *f,
             gint64         now,
             GPtrArray     *out)
{
  if (g_strcmp0 (f->status, "open") == 0)
    g_ptr_array_add (out, occurrence_new (f, f->due_at, effective_due (f, f->due_at), NUDGE_OCCURRENCE_OPEN, now));
  else
    g_ptr_array_add (out, occurrence_new (f, f->due_at, f->due_at, NUDGE_OCCURRENCE_DONE, now));
}

static int
compare_listings (gconstpointer a,
                  gconstpointer b)
{
  NudgeSeriesListing *x = *(NudgeSeriesListing **) a;
  NudgeSeriesListing *y = *(NudgeSeriesListing **) b;

  return compare_occurrences (&x->first, &y->first);
}

gboolean
nudge_followups_list_summary (NudgeStore  *store,
                              gint64       from,
                              gint64       to,
                              gboolean     include_done,
                              GPtrArray  **one_offs,
                              GPtrArray  **series,
                              GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) singles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) listings = g_ptr_array_new_with_free_func ((GDestroyNotify) nudge_series_listing_free);
  gint64 now = nudge_clock_now ();

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (one_offs != NULL && series != NULL, FALSE);

  if (!(rows = load_listed_followups (store, from, to, include_done, error)))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      NudgeFollowup *f = g_ptr_array_index (rows, i);
      NudgeSeriesListing *listing;

      if (!is_recurring (f))
        add_one_off (f, now, singles);
      else if ((listing = summarise_series (store, f, from, to, include_done, now)))
        g_ptr_array_add (listings, listing);
    }
  g_ptr_array_sort (singles, compare_occurrences);
  g_ptr_array_sort (listings, compare_listings);
  *one_offs = g_steal_pointer (&singles);
  *series = g_steal_pointer (&listings);
  return TRUE;
}

GPtrArray *
nudge_followups_list_series_occurrences (NudgeStore    *store,
                                         NudgeFollowup *followup,
                                         gint64         from,
                                         gint64         to,
                                         gboolean       include_done)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (NUDGE_IS_STORE (store), out);
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (followup), out);

  list_series (store, followup, from, to, include_done, nudge_clock_now (), out);
  g_ptr_array_sort (out, compare_occurrences);
  return out;
}

GPtrArray *
nudge_followups_list_occurrences (NudgeStore  *store,
                                  gint64       from,
                                  gint64       to,
                                  gboolean     include_done,
                                  GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = nudge_clock_now ();

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  if (!(rows = load_listed_followups (store, from, to, include_done, error)))
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      NudgeFollowup *f = g_ptr_array_index (rows, i);

      if (is_recurring (f))
        list_series (store, f, from, to, include_done, now, out);
      else
        add_one_off (f, now, out);
    }
  g_ptr_array_sort (out, compare_occurrences);
  return g_steal_pointer (&out);
}

GPtrArray *
nudge_followups_list_due (NudgeStore  *store,
                          GError     **error)
{
  gint64 now = nudge_clock_now ();

  return nudge_followups_list_occurrences (store, G_MININT64, end_of_local_day (now, NULL),
                                           FALSE, error);
}

/* Counted in SQL for one-offs (the many) and by expansion for series
 * (the few), without building an occurrence per row: the badge is
 * recomputed after every change. */
guint
nudge_followups_count_overdue (NudgeStore *store)
{
  static const char count_sql[] =
    "SELECT COUNT(*) FROM followup f LEFT JOIN deal d ON d.id = f.deal_id"
    " LEFT JOIN contact ct ON ct.id = f.contact_id"
    " WHERE f.status = 'open' AND f.rrule = '' AND d.trashed_at IS NULL AND ct.trashed_at IS NULL"
    " AND f.all_day = 0 AND COALESCE(f.snoozed_until, f.due_at) < ?1";
  /* All-day ones (the few) that may be overdue, decided in C: their day
   * ends at midnight in their own zone. */
  static const char all_day_sql[] =
    "SELECT COALESCE(f.snoozed_until, f.due_at), f.tzid FROM followup f"
    " LEFT JOIN deal d ON d.id = f.deal_id LEFT JOIN contact ct ON ct.id = f.contact_id"
    " WHERE f.status = 'open' AND f.rrule = '' AND d.trashed_at IS NULL AND ct.trashed_at IS NULL"
    " AND f.all_day = 1 AND COALESCE(f.snoozed_until, f.due_at) < ?1";
  static char *series_sql = NULL;
  gint64 now = nudge_clock_now ();
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (NUDGE_IS_STORE (store), 0);

  if (!(stmt = nudge_store_prepare (store, count_sql, NULL)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, now);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (!(stmt = nudge_store_prepare (store, all_day_sql, NULL)))
    return n;
  sqlite3_bind_int64 (stmt, 1, now);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    n += due_is_overdue (TRUE, (const char *) sqlite3_column_text (stmt, 1),
                         sqlite3_column_int64 (stmt, 0), now);
  sqlite3_reset (stmt);

  if (series_sql == NULL)
    series_sql = g_strdup_printf ("%sWHERE f.status = 'open' AND f.rrule <> '' AND d.trashed_at IS NULL"
                                  " AND (f.contact_id IS NULL OR ct.trashed_at IS NULL)",
                                  NUDGE_FOLLOWUP_SELECT);
  if (!(stmt = nudge_store_prepare (store, series_sql, NULL)))
    return n;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (series, nudge_store_read_followup (stmt));
  sqlite3_reset (stmt);
  /* A series is overdue at most once: its latest started occurrence,
   * when it is not done and nothing later is. */
  for (guint i = 0; i < series->len; i++)
    {
      NudgeFollowup *f = g_ptr_array_index (series, i);
      g_autoptr(GHashTable) recorded = load_recorded (store, f->id);
      gint64 latest = latest_started (f, now);
      g_autoptr(NudgeOccurrence) o = NULL;

      if (latest == 0 || series_cursor_after (recorded) > latest)
        continue;
      o = occurrence_new (f, latest, effective_due (f, latest), NUDGE_OCCURRENCE_OPEN, now);
      n += o->is_overdue;
    }
  return n;
}

gboolean
nudge_followups_any_open (NudgeStore *store)
{
  static const char sql[] = "SELECT EXISTS (SELECT 1 FROM followup WHERE status = 'open')";
  sqlite3_stmt *stmt;
  gboolean any = FALSE;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  if ((stmt = nudge_store_prepare (store, sql, NULL)) && sqlite3_step (stmt) == SQLITE_ROW)
    any = sqlite3_column_int (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return any;
}

/* ---- operations ------------------------------------------------------- */

void
nudge_followup_spec_init (NudgeFollowupSpec *spec)
{
  g_return_if_fail (spec != NULL);

  memset (spec, 0, sizeof *spec);
  spec->duration_min = 30;
}

void
nudge_followup_spec_from_followup (NudgeFollowupSpec *spec,
                                   NudgeFollowup     *f)
{
  g_return_if_fail (spec != NULL);
  g_return_if_fail (NUDGE_IS_FOLLOWUP (f));

  nudge_followup_spec_init (spec);
  spec->title = f->title;
  spec->kind = f->kind;
  spec->notes = f->notes;
  spec->due_at = f->due_at;
  spec->all_day = f->all_day;
  spec->tzid = f->tzid;
  spec->duration_min = f->duration_min;
  spec->remind_before_min = f->remind_before_min;
  spec->priority = f->priority;
  spec->deal_id = f->deal_id;
  spec->contact_id = f->contact_id;
  spec->rrule = f->rrule;
}

gint64
nudge_followups_create (NudgeStore               *store,
                        const NudgeFollowupSpec  *spec,
                        GError                  **error)
{
  gint64 id;

  g_return_val_if_fail (NUDGE_IS_STORE (store), 0);
  g_return_val_if_fail (spec != NULL, 0);

  if (!nudge_store_begin (store, error))
    return 0;
  id = insert_from_spec (store, spec, NULL, error);
  return finish (store, id != 0, error) ? id : 0;
}

gboolean
nudge_followups_update (NudgeStore               *store,
                        gint64                    id,
                        const NudgeFollowupSpec  *spec,
                        GError                  **error)
{
  g_autoptr(NudgeFollowup) f = NULL;
  gint64 old_due;
  g_autofree char *old_rrule = NULL;
  g_autofree char *old_tzid = NULL;
  gboolean old_all_day;
  gboolean ok;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  if (!(f = nudge_store_get_followup (store, id, error)))
    return FALSE;
  old_due = f->due_at;
  old_rrule = g_strdup (f->rrule);
  old_tzid = g_strdup (f->tzid);
  old_all_day = f->all_day;
  if (!apply_spec (f, spec, error))
    return FALSE;
  if (f->due_at != old_due || g_strcmp0 (f->rrule, old_rrule) != 0 ||
      g_strcmp0 (f->tzid, old_tzid) != 0 || f->all_day != old_all_day)
    {
      f->sequence++;
      f->snoozed_until = 0;
    }

  if (!nudge_store_begin (store, error))
    return FALSE;
  ok = nudge_store_save_followup (store, f, error) != 0 && write_schedule (store, f, error);
  return finish (store, ok, error);
}

gint64
nudge_followups_edit_this (NudgeStore               *store,
                           gint64                    id,
                           gint64                    occurrence,
                           const NudgeFollowupSpec  *spec,
                           GError                  **error)
{
  g_autoptr(NudgeFollowup) f = NULL;
  NudgeFollowupSpec one_off;
  g_autofree char *exdates = NULL;
  gint64 new_id = 0;
  gboolean ok;

  g_return_val_if_fail (NUDGE_IS_STORE (store), 0);
  g_return_val_if_fail (spec != NULL, 0);

  if (!(f = load_open (store, id, error)))
    return 0;
  if (!is_recurring (f))
    return fail_not_recurring (error);
  if (!nudge_recurrence_is_occurrence (f, occurrence))
    return fail_not_occurrence (error);

  one_off = *spec;
  one_off.rrule = NULL;
  if (!nudge_store_begin (store, error))
    return 0;
  if (current_occurrence (store, f) == occurrence)
    f->snoozed_until = 0;
  exdates = nudge_recurrence_exdates_add (f->exdates, occurrence, f->tzid, f->all_day);
  set_str (&f->exdates, exdates);
  f->sequence++;
  ok = write_schedule (store, f, error) &&
       (new_id = insert_from_spec (store, &one_off, NULL, error)) != 0;
  return finish (store, ok, error) ? new_id : 0;
}

gint64
nudge_followups_edit_following (NudgeStore               *store,
                                gint64                    id,
                                gint64                    occurrence,
                                const NudgeFollowupSpec  *spec,
                                GError                  **error)
{
  static const char move_sql[] =
    "UPDATE followup_occurrence SET followup_id = ?2 WHERE followup_id = ?1 AND occurrence_at >= ?3";
  g_autoptr(NudgeFollowup) f = NULL;
  g_autoptr(GArray) before = NULL;
  g_autofree char *until_rule = NULL;
  sqlite3_stmt *stmt;
  gint64 new_id = 0;
  gboolean ok;

  g_return_val_if_fail (NUDGE_IS_STORE (store), 0);
  g_return_val_if_fail (spec != NULL, 0);

  if (!(f = load_open (store, id, error)))
    return 0;
  if (!is_recurring (f))
    return fail_not_recurring (error);
  if (!nudge_recurrence_is_occurrence (f, occurrence))
    return fail_not_occurrence (error);

  /* From the first occurrence on, "this and following" is the whole series. */
  before = nudge_recurrence_expand (f, G_MININT64, occurrence, 1, NULL);
  if (before == NULL || before->len == 0)
    return nudge_followups_update (store, id, spec, error) ? id : 0;

  if (!nudge_store_begin (store, error))
    return 0;
  until_rule = nudge_recurrence_set_until (f->rrule, occurrence - 1, f->tzid, f->all_day);
  set_str (&f->rrule, until_rule);
  f->sequence++;
  f->snoozed_until = 0;
  ok = (new_id = insert_from_spec (store, spec, f->exdates, error)) != 0 &&
       (stmt = nudge_store_prepare (store, move_sql, error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, f->id);
      sqlite3_bind_int64 (stmt, 2, new_id);
      sqlite3_bind_int64 (stmt, 3, occurrence);
      ok = nudge_store_step_done (store, stmt, error);
    }
  ok = ok && write_schedule (store, f, error);
  if (ok)
    {
      g_autoptr(NudgeFollowup) created = nudge_store_get_followup (store, new_id, error);

      ok = created != NULL && write_schedule (store, created, error);
    }
  return finish (store, ok, error) ? new_id : 0;
}

static gboolean
record_occurrence (NudgeStore    *store,
                   NudgeFollowup *f,
                   gint64         occurrence,
                   const char    *status,
                   GError       **error)
{
  static const char sql[] =
    "INSERT OR REPLACE INTO followup_occurrence (followup_id, occurrence_at, status, done_at)"
    " VALUES (?1, ?2, ?3, ?4)";
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, f->id);
  sqlite3_bind_int64 (stmt, 2, occurrence);
  nudge_sql_bind_text (stmt, 3, status);
  sqlite3_bind_int64 (stmt, 4, nudge_clock_now ());
  return nudge_store_step_done (store, stmt, error);
}

gboolean
nudge_followups_complete (NudgeStore  *store,
                          gint64       id,
                          gint64       occurrence,
                          GError     **error)
{
  g_autoptr(NudgeFollowup) f = NULL;
  gboolean ok;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  if (!(f = load_open (store, id, error)))
    return FALSE;
  if (!nudge_store_begin (store, error))
    return FALSE;

  if (!is_recurring (f))
    {
      set_str (&f->status, "done");
      f->done_at = nudge_clock_now ();
      f->snoozed_until = 0;
      ok = write_schedule (store, f, error);
    }
  else
    {
      gint64 current = current_occurrence (store, f);

      if (occurrence == 0)
        occurrence = current;
      if (occurrence == 0 || !nudge_recurrence_is_occurrence (f, occurrence))
        {
          nudge_store_rollback (store);
          return fail_not_occurrence (error);
        }
      if (occurrence == current)
        f->snoozed_until = 0;
      ok = record_occurrence (store, f, occurrence, "done", error) &&
           write_schedule (store, f, error);
    }
  return finish (store, ok, error);
}

gboolean
nudge_followups_skip (NudgeStore  *store,
                      gint64       id,
                      gint64       occurrence,
                      GError     **error)
{
  g_autoptr(NudgeFollowup) f = NULL;
  g_autofree char *exdates = NULL;
  gboolean ok;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  if (!(f = load_open (store, id, error)))
    return FALSE;
  if (!is_recurring (f))
    return fail_not_recurring (error);
  if (occurrence == 0)
    occurrence = current_occurrence (store, f);
  if (!nudge_recurrence_is_occurrence (f, occurrence))
    return fail_not_occurrence (error);

  if (!nudge_store_begin (store, error))
    return FALSE;
  if (current_occurrence (store, f) == occurrence)
    f->snoozed_until = 0;
  exdates = nudge_recurrence_exdates_add (f->exdates, occurrence, f->tzid, f->all_day);
  set_str (&f->exdates, exdates);
  f->sequence++;
  ok = write_schedule (store, f, error);
  return finish (store, ok, error);
}

gboolean
nudge_followups_cancel (NudgeStore  *store,
                        gint64       id,
                        GError     **error)
{
  g_autoptr(NudgeFollowup) f = NULL;
  gboolean ok;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  if (!(f = load_open (store, id, error)))
    return FALSE;
  if (!nudge_store_begin (store, error))
    return FALSE;
  set_str (&f->status, "cancelled");
  f->sequence++;
  ok = write_schedule (store, f, error);
  return finish (store, ok, error);
}

gboolean
nudge_followups_snooze (NudgeStore  *store,
                        gint64       id,
                        gint64       until,
                        GError     **error)
{
  g_autoptr(NudgeFollowup) f = NULL;
  gboolean ok;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  if (!(f = load_open (store, id, error)))
    return FALSE;
  if (until <= 0)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("Choose when to be reminded again"));
      return FALSE;
    }
  if (!nudge_store_begin (store, error))
    return FALSE;
  /* Never at an odd second: up to the next whole minute. */
  f->snoozed_until = until % 60 == 0 ? until : until - until % 60 + 60;
  ok = write_schedule (store, f, error);
  return finish (store, ok, error);
}

gint64
nudge_followups_reschedule (NudgeStore  *store,
                            gint64       id,
                            gint64       occurrence,
                            gint64       new_start,
                            GError     **error)
{
  g_autoptr(NudgeFollowup) f = NULL;
  gboolean ok;

  g_return_val_if_fail (NUDGE_IS_STORE (store), 0);

  if (!(f = load_open (store, id, error)))
    return 0;
  if (is_recurring (f))
    {
      NudgeFollowupSpec spec;

      if (occurrence == 0)
        occurrence = current_occurrence (store, f);
      nudge_followup_spec_from_followup (&spec, f);
      spec.due_at = new_start;
      spec.rrule = NULL;
      return nudge_followups_edit_this (store, id, occurrence, &spec, error);
    }

  if (!nudge_store_begin (store, error))
    return 0;
  f->due_at = new_start;
  f->snoozed_until = 0;
  f->sequence++;
  ok = write_schedule (store, f, error);
  return finish (store, ok, error) ? id : 0;
}

gint64
nudge_followups_reschedule_to_day (NudgeStore  *store,
                                   gint64       id,
                                   gint64       occurrence,
                                   int          year,
                                   int          month,
                                   int          day,
                                   GError     **error)
{
  g_autoptr(NudgeFollowup) f = NULL;
  g_autoptr(GDateTime) local = NULL;
  gint64 target;

  g_return_val_if_fail (NUDGE_IS_STORE (store), 0);

  if (!(f = load_open (store, id, error)))
    return 0;
  if (occurrence == 0)
    occurrence = current_occurrence (store, f);
  local = local_time (occurrence ? occurrence : f->due_at, f->tzid);
  target = make_local (f->tzid, year, month, day,
                       f->all_day ? 0 : g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local));
  if (target == 0)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID, _("Invalid date"));
      return 0;
    }
  return nudge_followups_reschedule (store, id, occurrence, target, error);
}

gint64
nudge_followups_snooze_target (NudgeSnoozePreset  preset,
                               gint64             now,
                               const char        *tzid,
                               int                workday_start_min,
                               gboolean           skip_weekends)
{
  g_autoptr(GDateTime) local = local_time (now, tzid);
  g_autoptr(GDateTime) day = NULL;
  gint64 target;
  int weekday;

  workday_start_min = CLAMP (workday_start_min, 0, 24 * 60 - 1);
  switch (preset)
    {
    case NUDGE_SNOOZE_10_MINUTES:
      target = nudge_followups_snooze_in (now, 10);
      break;
    case NUDGE_SNOOZE_1_HOUR:
      target = nudge_followups_snooze_in (now, 60);
      break;
    case NUDGE_SNOOZE_TOMORROW:
      day = g_date_time_add_days (local, 1);
      target = make_local (tzid, g_date_time_get_year (day), g_date_time_get_month (day),
                           g_date_time_get_day_of_month (day), workday_start_min);
      break;
    case NUDGE_SNOOZE_NEXT_WEEK:
    default:
      day = g_date_time_add_days (local, 8 - g_date_time_get_day_of_week (local));
      target = make_local (tzid, g_date_time_get_year (day), g_date_time_get_month (day),
                           g_date_time_get_day_of_month (day), workday_start_min);
      break;
    }

  if (skip_weekends)
    {
      g_autoptr(GDateTime) at = local_time (target, tzid);

      weekday = g_date_time_get_day_of_week (at);
      if (weekday >= 6)
        {
          g_autoptr(GDateTime) monday = g_date_time_add_days (at, 8 - weekday);

          target = make_local (tzid, g_date_time_get_year (monday), g_date_time_get_month (monday),
                               g_date_time_get_day_of_month (monday), workday_start_min);
        }
    }
  return target;
}

gint64
nudge_followups_snooze_in (gint64 now,
                           int    minutes)
{
  return now - (now % 60 + 60) % 60 + (gint64) minutes * 60;
}

const char *
nudge_followups_snooze_label (NudgeSnoozePreset preset)
{
  switch (preset)
    {
    case NUDGE_SNOOZE_10_MINUTES: return _("Snooze 10 minutes");
    case NUDGE_SNOOZE_1_HOUR:     return _("Snooze 1 hour");
    case NUDGE_SNOOZE_TOMORROW:   return _("Tomorrow morning");
    case NUDGE_SNOOZE_NEXT_WEEK:
    default:                      return _("Next week");
    }
}

/* Today (in @tzid) moved by @days, off the weekend when asked. */
static GDateTime *
next_step_day (const char *tzid,
               int         days,
               gboolean    skip_weekends)
{
  g_autoptr(GDateTime) today = local_time (nudge_clock_now (), tzid);
  GDateTime *day = g_date_time_add_days (today, days);

  if (skip_weekends && g_date_time_get_day_of_week (day) >= 6)
    {
      GDateTime *monday = g_date_time_add_days (day, 8 - g_date_time_get_day_of_week (day));

      g_date_time_unref (day);
      day = monday;
    }
  return day;
}

static int
next_step_days (NudgeNextStep step)
{
  switch (step)
    {
    case NUDGE_NEXT_STEP_1_DAY:  return 1;
    case NUDGE_NEXT_STEP_3_DAYS: return 3;
    case NUDGE_NEXT_STEP_1_WEEK: return 7;
    case NUDGE_NEXT_STEP_DATE:
    case NUDGE_NEXT_STEP_NONE:
    default:                     return 0;
    }
}

gint64
nudge_followups_add_next_step (NudgeStore     *store,
                               gint64          done_id,
                               NudgeNextStep   step,
                               gint64          date,
                               gboolean        skip_weekends,
                               const char     *title,
                               GError        **error)
{
  g_autoptr(NudgeFollowup) f = NULL;
  g_autoptr(GDateTime) due_local = NULL;
  g_autoptr(GDateTime) day = NULL;
  NudgeFollowupSpec spec;

  g_return_val_if_fail (NUDGE_IS_STORE (store), 0);

  if (step == NUDGE_NEXT_STEP_NONE)
    return 0;
  if (!(f = nudge_store_get_followup (store, done_id, error)))
    return 0;

  due_local = local_time (f->due_at, f->tzid);
  if (step == NUDGE_NEXT_STEP_DATE)
    day = local_time (date, f->tzid);
  else
    day = next_step_day (f->tzid, next_step_days (step), skip_weekends);

  nudge_followup_spec_from_followup (&spec, f);
  spec.rrule = NULL;
  if (title != NULL && *title != '\0')
    spec.title = title;
  spec.due_at = make_local (f->tzid, g_date_time_get_year (day), g_date_time_get_month (day),
                            g_date_time_get_day_of_month (day),
                            f->all_day ? 0 : g_date_time_get_hour (due_local) * 60 +
                                             g_date_time_get_minute (due_local));
  return nudge_followups_create (store, &spec, error);
}

gint64
nudge_followups_plan_next_step (NudgeStore     *store,
                                gint64          deal_id,
                                gint64          contact_id,
                                NudgeNextStep   step,
                                gint64          date,
                                gboolean        skip_weekends,
                                int             workday_start_min,
                                const char     *title,
                                const char     *kind,
                                GError        **error)
{
  g_autoptr(NudgeDeal) deal = NULL;
  g_autoptr(NudgeContact) contact = NULL;
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *tzid = nudge_recurrence_default_tzid ();
  NudgeFollowupSpec spec;
  gint64 id;

  g_return_val_if_fail (NUDGE_IS_STORE (store), 0);
  g_return_val_if_fail (deal_id > 0 || contact_id > 0, 0);

  if (step == NUDGE_NEXT_STEP_NONE)
    return 0;

  /* The record is looked up in the transaction that adds to it, so a
   * deal deleted meanwhile (by another program) gets nothing. */
  if (!nudge_store_begin (store, error))
    return 0;
  if (deal_id > 0)
    {
      if (!(deal = nudge_store_get_deal (store, deal_id, error)))
        {
          nudge_store_rollback (store);
          return 0;
        }
      if (contact_id <= 0)
        contact_id = nudge_deal_get_contact_id (deal);
    }
  else if (!(contact = nudge_store_get_contact (store, contact_id, error)))
    {
      nudge_store_rollback (store);
      return 0;
    }

  if (step == NUDGE_NEXT_STEP_DATE)
    day = local_time (date, tzid);
  else
    day = next_step_day (tzid, next_step_days (step), skip_weekends);

  nudge_followup_spec_init (&spec);
  spec.title = title != NULL && *title != '\0' ? title : _("Follow up");
  spec.kind = kind != NULL && *kind != '\0' ? kind : "call";
  spec.tzid = tzid;
  spec.deal_id = MAX (deal_id, 0);
  spec.contact_id = MAX (contact_id, 0);
  spec.due_at = make_local (tzid, g_date_time_get_year (day), g_date_time_get_month (day),
                            g_date_time_get_day_of_month (day), CLAMP (workday_start_min, 0, 24 * 60 - 1));
  id = insert_from_spec (store, &spec, NULL, error);
  return finish (store, id != 0, error) ? id : 0;
}

gboolean
nudge_followups_needs_next_step (NudgeStore *store,
                                 gint64      deal_id,
                                 gint64      contact_id)
{
  g_autoptr(GPtrArray) open = NULL;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  if (deal_id > 0)
    {
      g_autoptr(NudgeDeal) deal = nudge_store_get_deal (store, deal_id, NULL);

      if (deal == NULL || nudge_deal_get_status (deal) != NUDGE_DEAL_OPEN)
        return FALSE;
      open = nudge_store_list_followups (store, NUDGE_ENTITY_DEAL, deal_id, TRUE, NULL);
    }
  else if (contact_id > 0)
    {
      g_autoptr(NudgeContact) contact = nudge_store_get_contact (store, contact_id, NULL);

      if (contact == NULL)
        return FALSE;
      open = nudge_store_list_followups (store, NUDGE_ENTITY_CONTACT, contact_id, TRUE, NULL);
    }
  else
    return FALSE;
  return open != NULL && open->len == 0;
}

GPtrArray *
nudge_followups_list_deals_without_next_step (NudgeStore  *store,
                                              GError     **error)
{
  static char *sql = NULL;
  g_autoptr(GPtrArray) deals = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  if (sql == NULL)
    sql = g_strdup_printf (
                "%sWHERE d.status = 'open' AND d.trashed_at IS NULL"
                " AND NOT EXISTS (SELECT 1 FROM followup f WHERE f.deal_id = d.id AND f.status = 'open')"
                /* The longest idle first, as Today says: no touch (or,
                 * never touched, created) for the longest time. */
                " ORDER BY COALESCE(d.last_activity_at, d.created_at), d.id",
                NUDGE_DEAL_SELECT);
  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (deals, nudge_store_read_deal (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nudge_store_set_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&deals);
}

GPtrArray *
nudge_followups_list_rotting_deals (NudgeStore  *store,
                                    GError     **error)
{
  static char *sql = NULL;
  g_autoptr(GPtrArray) deals = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  if (sql == NULL)
    sql = g_strdup_printf (
                "%sWHERE d.status = 'open' AND d.trashed_at IS NULL AND s.rotting_days > 0"
                " AND MAX(COALESCE(d.last_activity_at, 0), COALESCE(d.stage_entered_at, d.created_at))"
                "     + s.rotting_days * 86400 < ?1"
                " AND EXISTS (SELECT 1 FROM followup f WHERE f.deal_id = d.id AND f.status = 'open')"
                " ORDER BY MAX(COALESCE(d.last_activity_at, 0), COALESCE(d.stage_entered_at, d.created_at))"
                "     + s.rotting_days * 86400, d.id",
                NUDGE_DEAL_SELECT);
  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, nudge_clock_now ());
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (deals, nudge_store_read_deal (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nudge_store_set_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&deals);
}

gint64
nudge_followups_close_matching (NudgeStore  *store,
                                gint64       deal_id,
                                gint64       contact_id,
                                const char  *kind,
                                GError     **error)
{
  static const char sql[] =
    "SELECT f.id FROM followup f WHERE f.status = 'open'"
    " AND ((?1 > 0 AND f.deal_id = ?1) OR (?1 <= 0 AND ?2 > 0 AND f.contact_id = ?2))"
    " AND (?3 IS NULL OR f.kind = ?3) AND f.next_at < ?4"
    " ORDER BY f.next_at, f.id LIMIT 1";
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (NUDGE_IS_STORE (store), 0);

  if (deal_id <= 0 && contact_id <= 0)
    return 0;
  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  sqlite3_bind_int64 (stmt, 2, contact_id);
  if (kind != NULL && *kind != '\0')
    nudge_sql_bind_text (stmt, 3, kind);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int64 (stmt, 4, end_of_local_day (nudge_clock_now (), NULL));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      nudge_store_set_sqlite_error (store, rc, error);
      return 0;
    }
  if (id == 0)
    return 0;
  return nudge_followups_complete (store, id, 0, error) ? id : 0;
}

gboolean
nudge_followups_refresh_next_at (NudgeStore  *store,
                                 gint64       id,
                                 GError     **error)
{
  g_autoptr(NudgeFollowup) f = NULL;
  gboolean ok;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  if (!(f = nudge_store_get_followup (store, id, error)))
    return FALSE;
  if (!nudge_store_begin (store, error))
    return FALSE;
  ok = write_schedule (store, f, error);
  return finish (store, ok, error);
}
