/* nudge-followups.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-followups"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "nudge-clock.h"
#include "nudge-followups-private.h"
#include "nudge-followups-undo.h"
#include "nudge-recurrence.h"
#include "nudge-store-private.h"


/* ---- helpers ---------------------------------------------------------- */

gboolean
_nudge_followups_is_recurring (NudgeFollowup *f)
{
  return f->rrule != NULL && *f->rrule != '\0';
}

static gboolean
fail_not_open (GError **error)
{
  return nudge_fail_invalid (error, _("This follow-up is already done"));
}

static gboolean
fail_not_recurring (GError **error)
{
  return nudge_fail_invalid (error, _("This follow-up does not repeat"));
}

static gboolean
fail_not_occurrence (GError **error)
{
  return nudge_fail_invalid (error, _("The follow-up has no occurrence at that time"));
}

/* occurrence_at → NudgeOccurrenceState of the recorded occurrences */
GHashTable *
_nudge_followups_load_recorded (NudgeStore  *store,
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

/* Open occurrences start at the cursor: where the series stands (the
 * latest occurrence that has started, or the next on its own day), or
 * just after the latest recorded one, whichever is later. */
/* The latest occurrence at or before @now, remembered with the span in
 * which it stays the latest: libical's iterator is slow to set up and
 * the Today view and the badge ask again after every change. */
typedef struct
{
  gint64 latest;
  gint64 valid_until;  /* the next occurrence, G_MAXINT64 when none */
} LatestSpan;

static gint64
latest_started_span (NudgeFollowup *f,
                     gint64         now,
                     gint64        *next_out)
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
      *next_out = span->valid_until == G_MAXINT64 ? 0 : span->valid_until;
      g_mutex_unlock (&lock);
      return latest == G_MININT64 ? 0 : latest;
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
  *next_out = next;
  return latest;
}

/* The occurrence a series stands at: the latest that has started, or
 * the next once that one's day has come on the desktop (a missed
 * occurrence gives way to it then: on Monday at 8:00 last Monday's
 * missed check-in is not listed beside today's at 9:00, as from 9:00 on
 * it is not). A snoozed one stays, at the time it was snoozed to. */
gint64
_nudge_followups_series_position (NudgeFollowup *f,
                                 gint64         now)
{
  gint64 next = 0;
  gint64 latest = latest_started_span (f, now, &next);

  if (latest != 0 && next != 0 && f->snoozed_until <= latest &&
      next - now < 26 * 3600 && next < _nudge_followups_end_of_local_day (now, NULL))
    return next;
  return latest;
}

/* Just after the latest recorded occurrence, G_MININT64 when none. */
gint64
_nudge_followups_series_cursor_after (GHashTable *recorded)
{
  gint64 cursor = G_MININT64;
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, recorded);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    cursor = MAX (cursor, *(gint64 *) key + 1);
  return cursor;
}

/* Just after the latest skipped occurrence that has started: a skipped
 * one was handled as much as a done one, so a missed one before it stays
 * missed (skipping this week's overdue check-in must not bring back last
 * week's). */
static gint64
cursor_after_skipped (NudgeFollowup *f,
                      gint64         now)
{
  g_auto(GStrv) values = NULL;
  gint64 cursor = G_MININT64;

  if (f->exdates == NULL || *f->exdates == '\0')
    return cursor;
  values = g_strsplit (f->exdates, ",", -1);
  for (guint i = 0; values[i] != NULL; i++)
    {
      gint64 at = nudge_recurrence_parse_local (values[i], f->tzid);

      if (at != 0 && at <= now)
        cursor = MAX (cursor, at + 1);
    }
  return cursor;
}

gint64
_nudge_followups_series_cursor (NudgeFollowup *f,
               GHashTable    *recorded,
               gint64         now)
{
  gint64 latest = _nudge_followups_series_position (f, now);
  gint64 cursor = MAX (latest == 0 ? G_MININT64 : latest, _nudge_followups_series_cursor_after (recorded));

  return MAX (cursor, cursor_after_skipped (f, now));
}

gint64
_nudge_followups_series_first_open (NudgeFollowup *f,
                   GHashTable    *recorded,
                   gint64         now)
{
  gint64 cursor = _nudge_followups_series_cursor (f, recorded, now);
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

gint64
_nudge_followups_effective_due (NudgeFollowup *f,
               gint64         start)
{
  if (!_nudge_followups_is_recurring (f))
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
  if (!_nudge_followups_is_recurring (f))
    return f->due_at;
  recorded = _nudge_followups_load_recorded (store, f->id);
  return _nudge_followups_series_first_open (f, recorded, nudge_clock_now ());
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
gboolean
_nudge_followups_write_schedule (NudgeStore     *store,
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
      if (_nudge_followups_is_recurring (f))
        {
          g_autoptr(GHashTable) recorded = _nudge_followups_load_recorded (store, f->id);
          gint64 first = _nudge_followups_series_first_open (f, recorded, now);

          if (first == 0)
            {
              /* A finite series with every occurrence handled is over. */
              g_free (f->status);
              f->status = g_strdup ("done");
              f->done_at = now;
              f->snoozed_until = 0;
            }
          else
            next = _nudge_followups_effective_due (f, first);
        }
      else
        next = _nudge_followups_effective_due (f, f->due_at);
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

typedef enum
{
  LOAD_OPEN        = 0,
  LOAD_OPEN_SERIES = 1 << 0,  /* only a follow-up that repeats */
  LOAD_AND_BEGIN   = 1 << 1,  /* and begin the transaction that changes it */
} LoadFlags;

/* The open follow-up @id, NULL with @error set when it is not there, not
 * open, or not what @flags ask for. */
static NudgeFollowup *
load_open (NudgeStore  *store,
           gint64       id,
           LoadFlags    flags,
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
  if ((flags & LOAD_OPEN_SERIES) && !_nudge_followups_is_recurring (f))
    {
      fail_not_recurring (error);
      return NULL;
    }
  if ((flags & LOAD_AND_BEGIN) && !nudge_store_begin (store, error))
    return NULL;
  return g_steal_pointer (&f);
}

static gboolean
check_occurrence (NudgeFollowup  *f,
                  gint64          occurrence,
                  GError        **error)
{
  return nudge_recurrence_is_occurrence (f, occurrence) || fail_not_occurrence (error);
}

/* The open series @id, NULL with @error set when @occurrence is not one
 * of its occurrences. */
static NudgeFollowup *
load_occurrence (NudgeStore  *store,
                 gint64       id,
                 gint64       occurrence,
                 GError     **error)
{
  g_autoptr(NudgeFollowup) f = load_open (store, id, LOAD_OPEN_SERIES, error);

  if (f == NULL || !check_occurrence (f, occurrence, error))
    return NULL;
  return g_steal_pointer (&f);
}

/* Writes @f's schedule and ends the transaction with it. */
static gboolean
finish_with_schedule (NudgeStore     *store,
                      NudgeFollowup  *f,
                      GError        **error)
{
  return nudge_store_end (store, _nudge_followups_write_schedule (store, f, error), error);
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

gint64
_nudge_followups_insert_from_spec (NudgeStore               *store,
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
  if (!_nudge_followups_write_schedule (store, f, error))
    return 0;
  return f->id;
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
  id = _nudge_followups_insert_from_spec (store, spec, NULL, error);
  return nudge_store_end (store, id != 0, error) ? id : 0;
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
  ok = nudge_store_save_followup (store, f, error) != 0 && _nudge_followups_write_schedule (store, f, error);
  return nudge_store_end (store, ok, error);
}

/* Leaves @occurrence out of @f's series, inside the transaction. */
static void
exclude_occurrence (NudgeStore    *store,
                    NudgeFollowup *f,
                    gint64         occurrence)
{
  g_autofree char *exdates = NULL;

  if (current_occurrence (store, f) == occurrence)
    f->snoozed_until = 0;
  exdates = nudge_recurrence_exdates_add (f->exdates, occurrence, f->tzid, f->all_day);
  set_str (&f->exdates, exdates);
  f->sequence++;
}

/* A series keeps only its latest started occurrence open: snoozed past
 * the start of the next one, an occurrence is skipped instead, and the
 * next one, sooner, stands for it with its own time and reminder (a
 * snooze left on the series would hold that one back too). */
static void
snooze_occurrence (NudgeStore    *store,
                   NudgeFollowup *f,
                   gint64         occurrence,
                   gint64         until)
{
  gint64 next = occurrence != 0 ? nudge_recurrence_next (f, occurrence + 1) : 0;

  if (next != 0 && next <= until)
    exclude_occurrence (store, f, occurrence);
  else
    {
      f->snoozed_until = until;
      f->sequence++;
    }
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
  gint64 new_id = 0;
  gboolean ok;

  g_return_val_if_fail (NUDGE_IS_STORE (store), 0);
  g_return_val_if_fail (spec != NULL, 0);

  if (!(f = load_occurrence (store, id, occurrence, error)))
    return 0;

  one_off = *spec;
  one_off.rrule = NULL;
  if (!nudge_store_begin (store, error))
    return 0;
  exclude_occurrence (store, f, occurrence);
  ok = _nudge_followups_write_schedule (store, f, error) &&
       (new_id = _nudge_followups_insert_from_spec (store, &one_off, NULL, error)) != 0;
  return nudge_store_end (store, ok, error) ? new_id : 0;
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

  if (!(f = load_occurrence (store, id, occurrence, error)))
    return 0;

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
  ok = (new_id = _nudge_followups_insert_from_spec (store, spec, f->exdates, error)) != 0 &&
       (stmt = nudge_store_prepare (store, move_sql, error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, f->id);
      sqlite3_bind_int64 (stmt, 2, new_id);
      sqlite3_bind_int64 (stmt, 3, occurrence);
      ok = nudge_store_step_done (store, stmt, error);
    }
  ok = ok && _nudge_followups_write_schedule (store, f, error);
  if (ok)
    {
      g_autoptr(NudgeFollowup) created = nudge_store_get_followup (store, new_id, error);

      ok = created != NULL && _nudge_followups_write_schedule (store, created, error);
    }
  return nudge_store_end (store, ok, error) ? new_id : 0;
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

/* A call, e-mail or meeting marked done happened: it is the deal's and
 * the contact's latest touch, in their history, and counts as one for
 * rotting, the idle segments and reactivation, as a logged one does.
 * Undo finds it by its origin (nudge-followups-undo.c). */
static gboolean
log_touch (NudgeStore    *store,
           NudgeFollowup *f,
           GError       **error)
{
  static const char *const touches[] = { "call", "email", "meeting" };
  g_autoptr(NudgeActivity) activity = NULL;
  g_autofree char *origin = NULL;

  if (!g_strv_contains (touches, f->kind) || (f->deal_id <= 0 && f->contact_id <= 0))
    return TRUE;
  activity = nudge_activity_new ();
  origin = nudge_followups_touch_origin (f->id);
  g_object_set (activity, "kind", f->kind, "direction", NUDGE_DIRECTION_OUT, "occurred-at", nudge_clock_now (),
                "deal-id", f->deal_id, "contact-id", f->contact_id, "summary", f->title, "origin", origin, NULL);
  return nudge_store_add_activity (store, activity, error) != 0;
}

static gboolean
complete (NudgeStore  *store,
          gint64       id,
          gint64       occurrence,
          gboolean     touch,
          GError     **error)
{
  g_autoptr(NudgeFollowup) f = NULL;
  gint64 current;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  if (!(f = load_open (store, id, LOAD_AND_BEGIN, error)))
    return FALSE;
  if (touch && !log_touch (store, f, error))
    return nudge_store_end (store, FALSE, error);

  if (!_nudge_followups_is_recurring (f))
    {
      set_str (&f->status, "done");
      f->done_at = nudge_clock_now ();
      f->snoozed_until = 0;
      f->sequence++;
      return finish_with_schedule (store, f, error);
    }

  current = current_occurrence (store, f);
  if (occurrence == 0)
    occurrence = current;
  if (occurrence == 0 || !nudge_recurrence_is_occurrence (f, occurrence))
    {
      nudge_store_rollback (store);
      return fail_not_occurrence (error);
    }
  if (occurrence == current)
    f->snoozed_until = 0;
  /* Every change a calendar is told of (.ics) is a new SEQUENCE of the
   * UID: a re-import updates what it imported before. */
  f->sequence++;
  return nudge_store_end (store, record_occurrence (store, f, occurrence, "done", error) &&
                                _nudge_followups_write_schedule (store, f, error), error);
}

gboolean
nudge_followups_complete (NudgeStore  *store,
                          gint64       id,
                          gint64       occurrence,
                          GError     **error)
{
  return complete (store, id, occurrence, TRUE, error);
}

gboolean
nudge_followups_complete_answered (NudgeStore  *store,
                                    gint64       id,
                                    gint64       occurrence,
                                    GError     **error)
{
  return complete (store, id, occurrence, FALSE, error);
}

char *
nudge_followups_touch_origin (gint64 followup_id)
{
  return g_strdup_printf ("followup:%" G_GINT64_FORMAT, followup_id);
}

gboolean
nudge_followups_skip (NudgeStore  *store,
                      gint64       id,
                      gint64       occurrence,
                      GError     **error)
{
  g_autoptr(NudgeFollowup) f = NULL;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  if (!(f = load_open (store, id, LOAD_OPEN_SERIES, error)))
    return FALSE;
  if (occurrence == 0)
    occurrence = current_occurrence (store, f);
  if (!check_occurrence (f, occurrence, error) || !nudge_store_begin (store, error))
    return FALSE;
  exclude_occurrence (store, f, occurrence);
  return finish_with_schedule (store, f, error);
}

gboolean
nudge_followups_cancel (NudgeStore  *store,
                        gint64       id,
                        GError     **error)
{
  g_autoptr(NudgeFollowup) f = NULL;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  if (!(f = load_open (store, id, LOAD_AND_BEGIN, error)))
    return FALSE;
  set_str (&f->status, "cancelled");
  f->sequence++;
  return finish_with_schedule (store, f, error);
}

gboolean
nudge_followups_snooze (NudgeStore  *store,
                        gint64       id,
                        gint64       until,
                        GError     **error)
{
  g_autoptr(NudgeFollowup) f = NULL;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  if (!(f = load_open (store, id, LOAD_OPEN, error)))
    return FALSE;
  if (until <= 0)
    return nudge_fail_invalid (error, _("Choose when to be reminded again"));
  if (!nudge_store_begin (store, error))
    return FALSE;
  snooze_occurrence (store, f, _nudge_followups_is_recurring (f) ? current_occurrence (store, f) : 0,
                     nudge_clock_up_to_minute (until));
  return finish_with_schedule (store, f, error);
}

NudgeFollowupsUndo *
nudge_followups_snooze_overdue (NudgeStore         *store,
                                NudgeSnoozePreset   preset,
                                int                 workday_start_min,
                                gboolean            skip_weekends,
                                GError            **error)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  NudgeFollowupsUndo *undo;
  gint64 now = nudge_clock_now ();
  gint64 until;
  gboolean ok = TRUE;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  /* Listed inside the transaction: what is snoozed is what was overdue. */
  if (!nudge_store_begin (store, error))
    return NULL;
  if (!(due = nudge_followups_list_occurrences (store, G_MININT64, now, FALSE, error)))
    {
      nudge_store_rollback (store);
      return NULL;
    }
  for (guint i = 0; i < due->len; i++)
    if (nudge_occurrence_get_is_overdue (g_ptr_array_index (due, i)))
      {
        gint64 id = nudge_followup_get_id (nudge_occurrence_get_followup (g_ptr_array_index (due, i)));

        g_array_append_val (ids, id);
      }
  if (!(undo = nudge_followups_undo_copy (store, (const gint64 *) ids->data, ids->len, error)))
    {
      nudge_store_rollback (store);
      return NULL;
    }
  /* The seller's morning, in the zone the app runs in, whatever zone a
   * follow-up keeps its time in (the toast says this time). Written
   * here, not through nudge_followups_snooze(): a savepoint a row makes
   * thousands of rows cost seconds. */
  until = nudge_clock_up_to_minute (nudge_followups_snooze_target (preset, now, NULL, workday_start_min,
                                                                   skip_weekends));
  for (guint i = 0; ok && i < due->len; i++)
    {
      NudgeOccurrence *o = g_ptr_array_index (due, i);
      NudgeFollowup *f = nudge_occurrence_get_followup (o);

      if (!nudge_occurrence_get_is_overdue (o))
        continue;
      snooze_occurrence (store, f, nudge_occurrence_get_recurring (o) ? nudge_occurrence_get_start (o) : 0, until);
      ok = _nudge_followups_write_schedule (store, f, error);
    }
  if (!nudge_store_end (store, ok && nudge_followups_undo_seal (store, undo, error), error))
    g_clear_pointer (&undo, nudge_followups_undo_free);
  return undo;
}

gint64
nudge_followups_reschedule (NudgeStore  *store,
                            gint64       id,
                            gint64       occurrence,
                            gint64       new_start,
                            GError     **error)
{
  g_autoptr(NudgeFollowup) f = NULL;

  g_return_val_if_fail (NUDGE_IS_STORE (store), 0);

  if (!(f = load_open (store, id, LOAD_OPEN, error)))
    return 0;
  if (_nudge_followups_is_recurring (f))
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
  return finish_with_schedule (store, f, error) ? id : 0;
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

  if (!(f = load_open (store, id, LOAD_OPEN, error)))
    return 0;
  if (occurrence == 0)
    occurrence = current_occurrence (store, f);
  local = _nudge_followups_local_time (occurrence ? occurrence : f->due_at, f->tzid);
  target = _nudge_followups_make_local (f->tzid, year, month, day,
                       f->all_day ? 0 : g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local));
  if (target == 0)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID, _("Invalid date"));
      return 0;
    }
  return nudge_followups_reschedule (store, id, occurrence, target, error);
}

gboolean
nudge_followups_mark_cancelled (NudgeStore  *store,
                                gint64       id,
                                gint64       now,
                                GError     **error)
{
  static const char sql[] =
    "UPDATE followup SET status = 'cancelled', sequence = sequence + 1, updated_at = ?2 WHERE id = ?1";

  if (!nudge_store_exec_ids (store, sql, id, now, error))
    return FALSE;
  nudge_store_queue_change (store, NUDGE_ENTITY_FOLLOWUP, id, NUDGE_CHANGE_UPDATED);
  return TRUE;
}

/**
 * nudge_followups_cancel_where:
 * @select_sql: selects (id, deal_id) of the follow-ups to cancel; a ?1 in
 *   it is @now
 *
 * Cancels what @select_sql finds in one transaction, announcing each
 * follow-up and its deal. Returns how many, -1 with @error set.
 */
int
nudge_followups_cancel_where (NudgeStore  *store,
                              const char  *select_sql,
                              gint64       now,
                              GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) deals = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (NUDGE_IS_STORE (store), -1);

  if (!(stmt = nudge_store_prepare (store, select_sql, error)))
    return -1;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, now);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 deal = sqlite3_column_int64 (stmt, 1);

      g_array_append_val (ids, id);
      g_array_append_val (deals, deal);
    }
  if (!nudge_store_rows_done (store, stmt, rc, error))
    return -1;
  if (ids->len == 0)
    return 0;

  if (!nudge_store_begin (store, error))
    return -1;
  for (guint i = 0; i < ids->len; i++)
    {
      if (!nudge_followups_mark_cancelled (store, g_array_index (ids, gint64, i), now, error))
        goto fail;
      nudge_store_queue_change (store, NUDGE_ENTITY_DEAL, g_array_index (deals, gint64, i), NUDGE_CHANGE_UPDATED);
    }
  if (!nudge_store_commit (store, error))
    return -1;
  return ids->len;

fail:
  nudge_store_rollback (store);
  return -1;
}
