/* nudge-occurrences.c — follow-ups as they fall due: one-offs and the
 * occurrences of series, listed for Today, the calendar, reminders and
 * counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-followups"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "nudge-clock.h"
#include "nudge-followups-private.h"
#include "nudge-recurrence.h"

struct _NudgeOccurrence
{
  GObject               parent_instance;

  NudgeFollowup        *followup;
  gint64                start;
  gint64                end;
  gint64                due_at;
  gint64                local_due_at;
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

/* ---- NudgeOccurrence -------------------------------------------------- */

/* The one definition of "overdue" (see nudge-followups.h): due before
 * now; an all-day one once its day has ended in its own zone. */
static gboolean
due_is_overdue (gboolean    all_day,
                const char *tzid,
                gint64      due,
                gint64      now)
{
  return all_day ? _nudge_followups_end_of_local_day (due, tzid) <= now : due < now;
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
  self->local_due_at = f->all_day ? _nudge_followups_day_on_desktop (self->due_at, f->tzid) : self->due_at;
  if (f->all_day)
    self->end = _nudge_followups_add_local_days (start, f->tzid, MAX (1, f->duration_min / 1440));
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

gint64
nudge_occurrence_get_local_due_at (NudgeOccurrence *self)
{
  g_return_val_if_fail (NUDGE_IS_OCCURRENCE (self), 0);
  return self->local_due_at;
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
  return _nudge_followups_is_recurring (self->followup);
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

/* Zones are at most 26 hours apart: an all-day occurrence starts within
 * this of the desktop's midnight of its day. */
#define ALL_DAY_SLACK_SECONDS (2 * 86400)

/* @at moved by @by, kept within gint64 (G_MININT64 and G_MAXINT64 stay
 * "no bound"). */
static gint64
widen (gint64 at,
       gint64 by)
{
  if (by < 0)
    return at < G_MININT64 - by ? G_MININT64 : at + by;
  return at > G_MAXINT64 - by ? G_MAXINT64 : at + by;
}

/* Keeps the occurrences of @list that fall in [@from, @to) on the
 * desktop's calendar (nudge_occurrence_get_local_due_at()). */
static void
keep_local_range (GPtrArray *list,
                  gint64     from,
                  gint64     to)
{
  for (guint i = list->len; i > 0; i--)
    {
      NudgeOccurrence *o = g_ptr_array_index (list, i - 1);

      if (o->local_due_at < from || o->local_due_at >= to)
        g_ptr_array_remove_index (list, i - 1);
    }
}

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
  g_autoptr(GHashTable) recorded = _nudge_followups_load_recorded (store, f->id);
  g_autoptr(GArray) found = NULL;
  gboolean open = g_strcmp0 (f->status, "open") == 0;
  gint64 cursor = open ? _nudge_followups_series_cursor (f, recorded, now) : G_MAXINT64;
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
          due = _nudge_followups_effective_due (f, at);
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
  g_autoptr(GHashTable) recorded = _nudge_followups_load_recorded (store, f->id);
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
  if (open && (first_open = _nudge_followups_series_first_open (f, recorded, now)) != 0)
    {
      first_due = _nudge_followups_effective_due (f, first_open);
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
          history = nudge_recurrence_expand_rule (&(NudgeRecurrenceSeries) { f->rrule, f->due_at, f->tzid, f->all_day, NULL },
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
                "%sWHERE d.trashed_at IS NULL AND (f.deal_id IS NOT NULL OR f.contact_id IS NULL OR ct.trashed_at IS NULL)"
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
  if (!nudge_store_rows_done (store, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&rows);
}

static void
add_one_off (NudgeFollowup *f,
             gint64         now,
             GPtrArray     *out)
{
  if (g_strcmp0 (f->status, "open") == 0)
    g_ptr_array_add (out, occurrence_new (f, f->due_at, _nudge_followups_effective_due (f, f->due_at), NUDGE_OCCURRENCE_OPEN, now));
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

      if (!_nudge_followups_is_recurring (f))
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

      if (_nudge_followups_is_recurring (f))
        list_series (store, f, from, to, include_done, now, out);
      else
        add_one_off (f, now, out);
    }
  g_ptr_array_sort (out, compare_occurrences);
  return g_steal_pointer (&out);
}

GPtrArray *
nudge_followups_list_days (NudgeStore  *store,
                           gint64       from,
                           gint64       to,
                           gboolean     include_done,
                           GError     **error)
{
  GPtrArray *out;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  out = nudge_followups_list_occurrences (store, widen (from, -ALL_DAY_SLACK_SECONDS),
                                          widen (to, ALL_DAY_SLACK_SECONDS), include_done, error);
  if (out != NULL)
    keep_local_range (out, from, to);
  return out;
}

/* Before this long ago, an open one-off is overdue in any zone, an
 * all-day one too (its day has ended). */
#define SURELY_OVERDUE_SECONDS (2 * 86400)

/* What Today's agenda reads of the open follow-ups (not trashed): an open
 * one-off's followup.next_at is its effective due time (indexed). A
 * follow-up of a deal lives as long as the deal, whatever became of the
 * contact it names; one of a contact alone, as long as the contact. */
#define AGENDA_OPEN "WHERE d.trashed_at IS NULL AND (f.deal_id IS NOT NULL OR f.contact_id IS NULL OR ct.trashed_at IS NULL) AND f.status = 'open'"
/* One-offs due in [?1, ?2), all-day ones in [?1, ?3): a range of the index */
#define AGENDA_RANGE \
  " AND f.rrule = '' AND f.next_at >= ?1 AND f.next_at < MAX(?2, ?3)" \
  " AND f.next_at < (CASE WHEN f.all_day = 1 THEN ?3 ELSE ?2 END)"

typedef struct
{
  char *series;   /* every open series */
  char *all_day;  /* all-day one-offs due in [?1, ?2) */
  char *page;     /* AGENDA_RANGE, the first ?4 in listing order */
  char *count;    /* AGENDA_RANGE, how many */
} AgendaSql;

static const AgendaSql *
agenda_sql (void)
{
  static AgendaSql sql;
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      sql.series = g_strconcat (NUDGE_FOLLOWUP_SELECT, AGENDA_OPEN, " AND f.rrule <> ''", NULL);
      sql.all_day = g_strconcat (NUDGE_FOLLOWUP_SELECT, AGENDA_OPEN,
                                 " AND f.rrule = '' AND f.all_day = 1 AND f.next_at >= ?1 AND f.next_at < ?2", NULL);
      sql.page = g_strconcat (NUDGE_FOLLOWUP_SELECT, AGENDA_OPEN, AGENDA_RANGE,
                              " ORDER BY f.next_at, f.priority DESC, f.id LIMIT ?4", NULL);
      sql.count = g_strconcat ("SELECT COUNT(*) FROM followup f LEFT JOIN deal d ON d.id = f.deal_id"
                               " LEFT JOIN contact ct ON ct.id = COALESCE(f.contact_id, d.contact_id) ",
                               AGENDA_OPEN, AGENDA_RANGE, NULL);
      g_once_init_leave (&done, 1);
    }
  return &sql;
}

/* Adds the occurrences of the rows @sql reads to @out; with @range,
 * binds [?1, ?2) (?3 for all-day ones) and the page size ?4. Returns the
 * number of rows, -1 on failure. */
static int
add_rows (NudgeStore   *store,
          const char   *sql,
          const gint64 *range,
          guint         n_range,
          gint64        now,
          GPtrArray    *out,
          GError      **error)
{
  sqlite3_stmt *stmt;
  int rc, n = 0;

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return -1;
  for (guint i = 0; i < n_range; i++)
    sqlite3_bind_int64 (stmt, i + 1, range[i]);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(NudgeFollowup) f = nudge_store_read_followup (stmt);

      if (_nudge_followups_is_recurring (f))
        list_series (store, f, G_MININT64, range[1], FALSE, now, out);
      else
        add_one_off (f, now, out);
      n++;
    }
  return nudge_store_rows_done (store, stmt, rc, error) ? n : -1;
}

/* The first @limit one-offs of a range of the agenda; *@left_out gets
 * how many more it has. */
static gboolean
add_page (NudgeStore  *store,
          gint64       from,
          gint64       to,
          gint64       all_day_to,
          guint        limit,
          gint64       now,
          GPtrArray   *out,
          guint       *left_out,
          GError     **error)
{
  const AgendaSql *sql = agenda_sql ();
  gint64 range[4] = { from, to, all_day_to, limit };
  sqlite3_stmt *stmt;
  int listed, rc;

  if ((listed = add_rows (store, sql->page, range, 4, now, out, error)) < 0)
    return FALSE;
  *left_out = 0;
  if ((guint) listed < limit)
    return TRUE;
  if (!(stmt = nudge_store_prepare (store, sql->count, error)))
    return FALSE;
  for (guint i = 0; i < 3; i++)
    sqlite3_bind_int64 (stmt, i + 1, range[i]);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    *left_out = (guint) MAX (0, sqlite3_column_int64 (stmt, 0) - listed);
  return nudge_store_rows_done (store, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error);
}

GPtrArray *
nudge_followups_list_agenda (NudgeStore  *store,
                             gint64       end_of_today,
                             gint64       to,
                             const guint  limits[NUDGE_AGENDA_N_PARTS],
                             guint        left_out[NUDGE_AGENDA_N_PARTS],
                             GError     **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  const AgendaSql *sql = agenda_sql ();
  gint64 now = nudge_clock_now ();
  gint64 recent = now - SURELY_OVERDUE_SECONDS;
  /* All-day ones and series are read past @to, then kept by the day
   * they fall on (an all-day one's own). */
  gint64 all_day_range[2] = { recent, widen (to, ALL_DAY_SLACK_SECONDS) };
  gint64 no_range[2] = { G_MININT64, widen (to, ALL_DAY_SLACK_SECONDS) };

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);
  g_return_val_if_fail (now <= end_of_today && end_of_today <= to, NULL);

  /* Every series (the few), and the all-day one-offs near now: whether
   * one is overdue or today depends on its zone (listed in full). */
  if (add_rows (store, sql->series, no_range, 0, now, out, error) < 0 ||
      add_rows (store, sql->all_day, all_day_range, 2, now, out, error) < 0)
    return NULL;

  /* The many: a page of each part, counted beyond it. All-day ones due
   * before @recent are overdue with the rest. */
  if (!add_page (store, G_MININT64, now, recent, limits[NUDGE_AGENDA_OVERDUE], now, out,
                 &left_out[NUDGE_AGENDA_OVERDUE], error) ||
      !add_page (store, now, end_of_today, now, limits[NUDGE_AGENDA_TODAY], now, out,
                 &left_out[NUDGE_AGENDA_TODAY], error) ||
      !add_page (store, end_of_today, to, end_of_today, limits[NUDGE_AGENDA_LATER], now, out,
                 &left_out[NUDGE_AGENDA_LATER], error))
    return NULL;

  keep_local_range (out, G_MININT64, to);
  g_ptr_array_sort (out, compare_occurrences);
  return g_steal_pointer (&out);
}

GPtrArray *
nudge_followups_list_due (NudgeStore  *store,
                          GError     **error)
{
  gint64 now = nudge_clock_now ();

  return nudge_followups_list_occurrences (store, G_MININT64, _nudge_followups_end_of_local_day (now, NULL),
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
    " WHERE f.status = 'open' AND f.rrule = '' AND d.trashed_at IS NULL"
    " AND (f.deal_id IS NOT NULL OR ct.trashed_at IS NULL)"
    " AND f.all_day = 0 AND COALESCE(f.snoozed_until, f.due_at) < ?1";
  /* All-day ones (the few) that may be overdue, decided in C: their day
   * ends at midnight in their own zone. */
  static const char all_day_sql[] =
    "SELECT COALESCE(f.snoozed_until, f.due_at), f.tzid FROM followup f"
    " LEFT JOIN deal d ON d.id = f.deal_id LEFT JOIN contact ct ON ct.id = f.contact_id"
    " WHERE f.status = 'open' AND f.rrule = '' AND d.trashed_at IS NULL"
    " AND (f.deal_id IS NOT NULL OR ct.trashed_at IS NULL)"
    " AND f.all_day = 1 AND COALESCE(f.snoozed_until, f.due_at) < ?1";
  static char *series_sql = NULL;
  gint64 now = nudge_clock_now ();
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  guint n;

  g_return_val_if_fail (NUDGE_IS_STORE (store), 0);

  n = (guint) nudge_store_lookup (store, count_sql, now, NULL, NULL);

  if (!(stmt = nudge_store_prepare (store, all_day_sql, NULL)))
    return n;
  sqlite3_bind_int64 (stmt, 1, now);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    n += due_is_overdue (TRUE, (const char *) sqlite3_column_text (stmt, 1),
                         sqlite3_column_int64 (stmt, 0), now);
  sqlite3_reset (stmt);

  /* Also counted on the scheduler's worker. */
  if (g_once_init_enter (&series_sql))
    g_once_init_leave (&series_sql,
                       g_strdup_printf ("%sWHERE f.status = 'open' AND f.rrule <> '' AND d.trashed_at IS NULL"
                                        " AND (f.deal_id IS NOT NULL OR f.contact_id IS NULL OR ct.trashed_at IS NULL)",
                                        NUDGE_FOLLOWUP_SELECT));
  if (!(stmt = nudge_store_prepare (store, series_sql, NULL)))
    return n;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (series, nudge_store_read_followup (stmt));
  sqlite3_reset (stmt);
  /* A series is overdue at most once: its latest started occurrence,
   * when it is not done, nothing later is done or skipped and the next
   * one's day has not come (_nudge_followups_series_position()). */
  for (guint i = 0; i < series->len; i++)
    {
      NudgeFollowup *f = g_ptr_array_index (series, i);
      g_autoptr(GHashTable) recorded = _nudge_followups_load_recorded (store, f->id);
      gint64 latest = _nudge_followups_series_position (f, now);
      g_autoptr(NudgeOccurrence) o = NULL;

      if (latest == 0 || _nudge_followups_series_cursor (f, recorded, now) > latest)
        continue;
      o = occurrence_new (f, latest, _nudge_followups_effective_due (f, latest), NUDGE_OCCURRENCE_OPEN, now);
      n += o->is_overdue;
    }
  return n;
}

gboolean
nudge_followups_any_open (NudgeStore *store)
{
  static const char sql[] = "SELECT EXISTS (SELECT 1 FROM followup WHERE status = 'open')";

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  return nudge_store_lookup (store, sql, 0, NULL, NULL) != 0;
}

