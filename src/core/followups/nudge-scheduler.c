/* nudge-scheduler.c — one wall-clock timer for the next reminder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-scheduler"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/timerfd.h>

#include <glib-unix.h>

#include "nudge-clock.h"
#include "nudge-followups-private.h"
#include "nudge-pace.h"
#include "nudge-recurrence.h"
#include "nudge-scheduler.h"
#include "nudge-scheduler-private.h"
#include "nudge-store-private.h"
#include "nudge-worker.h"

struct _NudgeScheduler
{
  GObject       parent_instance;

  NudgeStore   *store;
  gulong        changed_id;
  guint         rearm_idle;

  gboolean      started;
  int           timer_fd;
  guint         timer_source;
  gint64        armed_at;

  GDBusConnection *system_bus;
  guint         sleep_sub;
  GFileMonitor *tz_monitor;
  char         *zone_file;    /* NULL: /etc/localtime */

  gboolean      quiet;
  int           day_start_min;
  int           day_end_min;
  gboolean      weekdays_only;

  GHashTable   *series;       /* id → SeriesCache */
  int           max_lead;     /* minutes; −1 = to read again */
  gint64        last_check;   /* 0 = never: the first check looks at everything */
  gboolean      confirm;      /* fired only once mark_delivered says so */
  guint         n_marks;      /* mark_delivered calls so far */

  GCancellable *cancellable;
  gboolean      checking;     /* a worker lists what is due */
  gboolean      check_again;
  int           overdue_hint; /* during "fire": counted by that worker, or −1 */
};

typedef struct
{
  gint64     from;
  gint64     to;
  GPtrArray *occurrences;
  int        n_overdue;     /* −1: not counted (no summary to come) */
  guint      n_marks;       /* the scheduler's when the job began */
  gboolean   first;         /* the run's first check */
} ListJob;

enum { SIGNAL_FIRE, SIGNAL_REARMED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (NudgeScheduler, nudge_scheduler, G_TYPE_OBJECT)


static void schedule_rearm (NudgeScheduler *self);
static void rearm (NudgeScheduler *self);

static int query_max_lead (NudgeScheduler *self);

static int
max_lead_minutes (NudgeScheduler *self)
{
  if (self->max_lead < 0)
    self->max_lead = query_max_lead (self);
  return self->max_lead;
}

static int
query_max_lead (NudgeScheduler *self)
{
  static const char sql[] =
    "SELECT COALESCE(MAX(remind_before_min), 0) FROM followup WHERE status = 'open'";
  int lead = (int) nudge_store_lookup (self->store, sql, 0, NULL, NULL);

  return MAX (lead, 0);
}

/* Quiet hours: the instant reminders may be shown again, or @t itself. */
static gint64
quiet_release (NudgeScheduler *self,
               gint64          t)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) local = NULL;
  NudgeWorkingHours hours;

  if (!self->quiet || t <= 0)
    return t;

  tz = nudge_clock_local_zone ();
  local = nudge_clock_local_from_unix (t);
  /* The public holidays of the working hours are quiet too. */
  nudge_working_hours_get (&hours);
  hours.skip_weekends = self->weekdays_only;

  /* A month always holds a working day. */
  for (int i = 0; i < 32; i++)
    {
      int minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
      gboolean workday = nudge_working_hours_is_working_day (&hours, local);
      g_autoptr(GDateTime) next = NULL;

      if (workday && minute >= self->day_start_min && minute < self->day_end_min)
        return i == 0 ? t : g_date_time_to_unix (local);

      if (workday && minute < self->day_start_min)
        next = nudge_clock_local_from_unix (
          nudge_clock_local_to_unix (tz, g_date_time_get_year (local), g_date_time_get_month (local),
                                     g_date_time_get_day_of_month (local),
                                     self->day_start_min / 60, self->day_start_min % 60, 0));
      else
        {
          g_autoptr(GDateTime) tomorrow = g_date_time_add_days (local, 1);
          next = nudge_clock_local_from_unix (
            nudge_clock_local_to_unix (tz, g_date_time_get_year (tomorrow), g_date_time_get_month (tomorrow),
                                       g_date_time_get_day_of_month (tomorrow),
                                       self->day_start_min / 60, self->day_start_min % 60, 0));
        }
      g_date_time_unref (local);
      local = g_steal_pointer (&next);
    }
  return g_date_time_to_unix (local);
}

/* A series' next reminder, kept until the series changes. */
typedef struct
{
  gint64 stamp;       /* sequence, next_at, snoozed_until and updated_at hashed */
  gint64 after;       /* computed for fire times at or after this instant */
  gint64 fire;        /* 0 = none */
} SeriesCache;

static gint64
series_stamp (sqlite3_stmt *stmt)
{
  /* FNV-1a over the columns; unsigned, as it is meant to wrap. */
  guint64 h = G_GUINT64_CONSTANT (1469598103934665603);

  for (int col = 2; col <= 5; col++)
    h = (h ^ (guint64) sqlite3_column_int64 (stmt, col)) * G_GUINT64_CONSTANT (1099511628211);
  return (gint64) h;
}

static gint64
series_next_fire (NudgeScheduler *self,
                  gint64          id,
                  const char     *uid,
                  int             lead_min,
                  gint64          from,
                  gint64          now)
{
  g_autoptr(NudgeFollowup) followup = nudge_store_get_followup (self->store, id, NULL);
  g_autoptr(GHashTable) recorded = NULL;
  g_autoptr(GArray) found = NULL;
  GHashTableIter iter;
  gpointer recorded_start;
  guint n_fired = 0, n_recorded_ahead = 0;
  gint64 start_at;

  if (followup == NULL)
    return 0;
  /* The occurrences whose reminder is due from now on. Those done or
   * skipped (ahead of time, from the calendar) and those before where
   * the series stands are never listed, so never fired: waking for them
   * would find nothing and wake again each minute until they pass. Of
   * the rest, those already fired are a few at most (one per lead-time
   * window). */
  recorded = _nudge_followups_load_recorded (self->store, id);
  start_at = MAX (from, _nudge_followups_series_cursor (followup, recorded, now));
  /* A series done for years has hundreds of occurrences recorded behind
   * it: only those ahead need passing over. */
  g_hash_table_iter_init (&iter, recorded);
  while (g_hash_table_iter_next (&iter, &recorded_start, NULL))
    if (*(gint64 *) recorded_start >= start_at)
      n_recorded_ahead++;
  found = nudge_recurrence_expand (followup, start_at, G_MAXINT64, n_recorded_ahead + 8, NULL);
  for (guint i = 0; found != NULL && i < found->len && n_fired < 8; i++)
    {
      gint64 start = g_array_index (found, gint64, i);
      g_autofree char *key = NULL;

      if (g_hash_table_contains (recorded, &start))
        continue;
      key = g_strdup_printf ("%s/%" G_GINT64_FORMAT, uid, start);
      if (!nudge_reminder_fired_has_key (self->store, key))
        return MAX (start - (gint64) lead_min * 60, now);
      n_fired++;
    }
  return 0;
}

gint64
nudge_scheduler_get_next_fire (NudgeScheduler *self)
{
  /* One-offs (the many) in next_at order through the followup_next index;
   * series (the few) by expansion, cached per series. */
  static const char oneoff_sql[] =
    "SELECT f.uid, f.due_at, f.next_at, COALESCE(f.snoozed_until, 0), f.remind_before_min"
    " FROM followup f INDEXED BY followup_next"
    " LEFT JOIN deal d ON d.id = f.deal_id LEFT JOIN contact ct ON ct.id = f.contact_id"
    " WHERE f.status = 'open' AND f.next_at >= ?1 AND f.rrule = ''"
    " AND d.trashed_at IS NULL AND (f.deal_id IS NOT NULL OR ct.trashed_at IS NULL)"
    " ORDER BY f.next_at";
  static const char series_sql[] =
    "SELECT f.id, f.uid, f.sequence, f.next_at, COALESCE(f.snoozed_until, 0), f.updated_at,"
    " f.remind_before_min"
    " FROM followup f INDEXED BY followup_series"
    " LEFT JOIN deal d ON d.id = f.deal_id LEFT JOIN contact ct ON ct.id = f.contact_id"
    " WHERE f.status = 'open' AND f.rrule <> ''"
    " AND d.trashed_at IS NULL AND (f.deal_id IS NOT NULL OR ct.trashed_at IS NULL)";
  gint64 now, max_lead, from, best = 0;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (NUDGE_IS_SCHEDULER (self), 0);

  now = nudge_clock_now ();
  max_lead = (gint64) max_lead_minutes (self) * 60;
  /* What came due since the last check (a suspend included) and was not
   * fired yet counts as due now. */
  from = (self->last_check != 0 ? MIN (self->last_check, now) : now) - max_lead;

  if ((stmt = nudge_store_prepare (self->store, oneoff_sql, NULL)))
    {
      sqlite3_bind_int64 (stmt, 1, from);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *uid = (const char *) sqlite3_column_text (stmt, 0);
          gint64 due = sqlite3_column_int64 (stmt, 1);
          gint64 next = sqlite3_column_int64 (stmt, 2);
          gint64 snoozed = sqlite3_column_int64 (stmt, 3);
          gint64 lead = (gint64) MAX (0, sqlite3_column_int (stmt, 4)) * 60;
          gboolean is_snoozed = snoozed != 0 && snoozed == next && snoozed != due;
          gint64 fire = is_snoozed ? next : next - lead;
          g_autofree char *key = NULL;

          if (best != 0 && next - max_lead >= best)
            break;
          if (best != 0 && fire >= best)
            continue;
          if (is_snoozed)
            key = g_strdup_printf ("%s/%" G_GINT64_FORMAT "/snooze/%" G_GINT64_FORMAT, uid, due, next);
          else
            key = g_strdup_printf ("%s/%" G_GINT64_FORMAT, uid, due);
          if (nudge_reminder_fired_has_key (self->store, key))
            continue;
          best = MAX (fire, now);
        }
      sqlite3_reset (stmt);
    }

  if (self->series == NULL)
    self->series = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  if ((stmt = nudge_store_prepare (self->store, series_sql, NULL)))
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          gint64 stamp = series_stamp (stmt);
          gint64 snoozed = sqlite3_column_int64 (stmt, 4);
          int lead_min = MAX (0, sqlite3_column_int (stmt, 6));
          SeriesCache *c = g_hash_table_lookup (self->series, &id);
          gint64 fire;

          if (c == NULL)
            {
              gint64 *key = g_new (gint64, 1);
              *key = id;
              c = g_new0 (SeriesCache, 1);
              g_hash_table_insert (self->series, key, c);
            }
          if (c->stamp != stamp || from < c->after || (c->fire != 0 && c->fire <= now))
            {
              c->stamp = stamp;
              c->after = from;
              c->fire = series_next_fire (self, id, (const char *) sqlite3_column_text (stmt, 1),
                                          lead_min, from, now);
            }
          fire = c->fire;
          /* A snooze comes first, ahead or come due since the last
           * check, until it has fired (once). */
          if (snoozed != 0 && snoozed >= from && (fire == 0 || snoozed < fire) &&
              (snoozed > now || !nudge_reminder_fired_has_snooze (self->store, (const char *) sqlite3_column_text (stmt, 1), snoozed)))
            fire = MAX (snoozed, now);
          if (fire != 0 && (best == 0 || fire < best))
            best = fire;
        }
      sqlite3_reset (stmt);
    }

  return quiet_release (self, best);
}

/* Whether anything needs listing now; sets the window to list. */
static gboolean
plan_check (NudgeScheduler *self,
            gint64          now,
            gint64         *from,
            gint64         *to)
{
  if (quiet_release (self, now) != now)
    {
      rearm (self);
      return FALSE;
    }

  /* After the first look at everything, the occurrence listing runs
   * only when something is due, over the time since the last check
   * (the gap of a suspend included). */
  if (self->last_check != 0)
    {
      gint64 next = nudge_scheduler_get_next_fire (self);

      if (next == 0 || next > now)
        {
          self->last_check = now;
          rearm (self);
          return FALSE;
        }
    }
  *from = self->last_check != 0
            ? MIN (self->last_check, now) - (gint64) max_lead_minutes (self) * 60 - 60
            : G_MININT64;
  *to = now + (gint64) max_lead_minutes (self) * 60 + 1;
  return TRUE;
}

/* Says that @due is due, when anything is, and arms the timer for what
 * comes next. Returns how many it said. */
static guint
announce (NudgeScheduler *self,
          GPtrArray      *due)
{
  if (due->len > 0)
    g_signal_emit (self, signals[SIGNAL_FIRE], 0, due,
                   (gboolean) (due->len > NUDGE_SCHEDULER_SUMMARY_THRESHOLD));
  rearm (self);
  return due->len;
}

/* Marks what is due as fired (once, across restarts) and says so.
 * @checked: none of @occs had been reminded of when they were listed,
 * and nothing was marked delivered since. */
static guint
fire_due (NudgeScheduler *self,
          GPtrArray      *occs,
          gboolean        checked,
          gint64          now)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  static const char insert_sql[] =
    "INSERT OR IGNORE INTO reminder_fired (occurrence_key, fired_at) VALUES (?, ?)";

  due = g_ptr_array_new_with_free_func (g_object_unref);
  if (self->confirm)
    {
      /* Marked by nudge_scheduler_mark_delivered() once shown: what could
       * not be shown is due again. A book's thousands of overdue
       * follow-ups, never reminded of, were each looked up on the main
       * loop (20 ms for 4,000): only when something was marked since
       * the worker looked, and then from one snapshot. */
      gboolean snapshot = !checked && nudge_store_begin_read (self->store);

      for (guint i = 0; i < occs->len; i++)
        {
          NudgeOccurrence *occ = g_ptr_array_index (occs, i);
          g_autofree char *key = NULL;

          if (nudge_scheduler_fire_time (occ) > now)
            continue;
          if (!checked)
            key = nudge_scheduler_dup_fire_key (occ);
          if (checked || !nudge_reminder_fired_has_key (self->store, key))
            g_ptr_array_add (due, g_object_ref (occ));
        }
      if (snapshot)
        nudge_store_end_read (self->store);
      return announce (self, due);
    }
  if (!nudge_store_begin (self->store, &error))
    {
      g_warning ("Reminders: %s", error->message);
      return 0;
    }
  for (guint i = 0; i < occs->len; i++)
    {
      NudgeOccurrence *occ = g_ptr_array_index (occs, i);
      g_autofree char *key = NULL;
      sqlite3_stmt *stmt;

      if (nudge_scheduler_fire_time (occ) > now)
        continue;
      key = nudge_scheduler_dup_fire_key (occ);
      if (!(stmt = nudge_store_prepare (self->store, insert_sql, &error)))
        break;
      nudge_sql_bind_text (stmt, 1, key);
      sqlite3_bind_int64 (stmt, 2, now);
      if (!nudge_store_step_done (self->store, stmt, &error))
        break;
      if (sqlite3_changes (nudge_store_get_db (self->store)) == 1)
        g_ptr_array_add (due, g_object_ref (occ));
    }
  if (!nudge_store_end (self->store, error == NULL, &error))
    {
      g_warning ("Reminders: %s", error->message);
      return 0;
    }
  return announce (self, due);
}

/**
 * nudge_scheduler_get_overdue_hint:
 *
 * While "fire" reports a summary found by the loop's check: how many
 * follow-ups are overdue, counted on the worker that listed them (so a
 * summary need not count on the main loop). −1 otherwise.
 */
int
nudge_scheduler_get_overdue_hint (NudgeScheduler *self)
{
  g_return_val_if_fail (NUDGE_IS_SCHEDULER (self), -1);
  return self->overdue_hint;
}

void
nudge_scheduler_set_confirm_delivery (NudgeScheduler *self,
                                      gboolean        confirm)
{
  g_return_if_fail (NUDGE_IS_SCHEDULER (self));
  self->confirm = !!confirm;
}

gboolean
nudge_scheduler_mark_delivered (NudgeScheduler  *self,
                                GPtrArray       *occs,
                                gboolean         on_screen,
                                GError         **error)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (NUDGE_IS_SCHEDULER (self), FALSE);
  g_return_val_if_fail (occs != NULL, FALSE);

  self->n_marks++;
  keys = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < occs->len; i++)
    g_ptr_array_add (keys, nudge_scheduler_dup_fire_key (g_ptr_array_index (occs, i)));
  sql = g_strdup_printf ("INSERT OR IGNORE INTO reminder_fired (occurrence_key, fired_at, on_screen) VALUES (?, ?, %d)",
                         on_screen ? 1 : 0);
  return nudge_reminder_fired_write (self->store, sql, keys, nudge_clock_now (), error);
}

gboolean
nudge_scheduler_mark_seen (NudgeScheduler  *self,
                           GPtrArray       *keys,
                           GError         **error)
{
  g_return_val_if_fail (NUDGE_IS_SCHEDULER (self), FALSE);
  g_return_val_if_fail (keys != NULL, FALSE);

  /* ?2 is 0: no longer on screen. */
  return keys->len == 0 ||
         nudge_reminder_fired_write (self->store, "UPDATE reminder_fired SET on_screen = ?2 WHERE occurrence_key = ?1 AND on_screen = 1",
                     keys, 0, error);
}

gboolean
nudge_scheduler_is_delivered (NudgeScheduler  *self,
                              NudgeOccurrence *occ)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (NUDGE_IS_SCHEDULER (self), FALSE);

  key = nudge_scheduler_dup_fire_key (occ);
  return nudge_reminder_fired_has_key (self->store, key);
}

/* Whether a check is under way or queued (for tests and tools). */
gboolean
nudge_scheduler_is_busy (NudgeScheduler *self)
{
  g_return_val_if_fail (NUDGE_IS_SCHEDULER (self), FALSE);

  return self->checking || self->rearm_idle != 0;
}

guint
nudge_scheduler_check_now (NudgeScheduler *self)
{
  g_autoptr(GPtrArray) occs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now, from, to;

  g_return_val_if_fail (NUDGE_IS_SCHEDULER (self), 0);

  now = nudge_clock_now ();
  if (!plan_check (self, now, &from, &to))
    return 0;
  if (self->last_check == 0 && self->confirm)
    nudge_reminder_fired_forget_on_screen (self->store);
  occs = nudge_followups_list_occurrences (self->store, from, to, FALSE, &error);
  self->last_check = now;
  if (occs == NULL)
    {
      g_warning ("Reminders: %s", error->message);
      return 0;
    }
  return fire_due (self, occs, FALSE, now);
}

static void
list_job_free (gpointer data)
{
  ListJob *job = data;

  g_clear_pointer (&job->occurrences, g_ptr_array_unref);
  g_free (job);
}

static gboolean
list_job (NudgeStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  ListJob *job = data;
  guint n_due = 0;

  if (job->first)
    nudge_reminder_fired_forget_on_screen (store);
  job->occurrences = nudge_followups_list_occurrences (store, job->from, job->to, FALSE, error);
  if (job->occurrences == NULL)
    return FALSE;

  /* At start-up an old book lists every overdue follow-up, nearly all
   * reminded of before: they are left out here, off the main loop, which
   * checks again only what is left. */
  for (guint i = job->occurrences->len; i > 0; i--)
    {
      NudgeOccurrence *occ = g_ptr_array_index (job->occurrences, i - 1);
      g_autofree char *key = nudge_scheduler_dup_fire_key (occ);

      if (nudge_reminder_fired_has_key (store, key))
        g_ptr_array_remove_index (job->occurrences, i - 1);
      else
        n_due += nudge_scheduler_fire_time (occ) < job->to;
    }
  /* A summary says how many are overdue: counted here too. */
  job->n_overdue = n_due > NUDGE_SCHEDULER_SUMMARY_THRESHOLD
                   ? (int) MIN (nudge_followups_count_overdue (store), G_MAXINT)
                   : -1;
  return TRUE;
}

static void check_async (NudgeScheduler *self);

static void
list_done (gpointer      owner,
           gpointer      data,
           const GError *error)
{
  NudgeScheduler *self = owner;
  ListJob *job = data;

  self->checking = FALSE;
  if (!nudge_worker_succeeded (error, "Reminders"))
    return;
  if (!self->started)
    return;
  /* What became due while the worker listed fires at the next check. */
  self->overdue_hint = job->n_overdue;
  fire_due (self, job->occurrences, self->n_marks == job->n_marks, MIN (nudge_clock_now (), job->to - 1));
  self->overdue_hint = -1;
  if (self->check_again)
    {
      self->check_again = FALSE;
      check_async (self);
    }
}

/* The loop's check: the listing (the whole book at start-up) runs on a
 * worker; marking and firing happen here when it is back. */
static void
check_async (NudgeScheduler *self)
{
  ListJob *job;
  gint64 now = nudge_clock_now ();
  gint64 from, to;

  if (self->checking)
    {
      self->check_again = TRUE;
      return;
    }
  if (!plan_check (self, now, &from, &to))
    return;
  job = g_new0 (ListJob, 1);
  job->from = from;
  job->to = to;
  job->n_overdue = -1;
  job->n_marks = self->n_marks;
  job->first = self->last_check == 0 && self->confirm;
  self->last_check = now;
  self->checking = TRUE;
  nudge_worker_run (self->store, list_job, job, list_job_free, self->cancellable,
                    list_done, self);
}

/* The timer */

static void
disarm (NudgeScheduler *self)
{
  struct itimerspec spec = { 0 };

  if (self->timer_fd >= 0)
    timerfd_settime (self->timer_fd, TFD_TIMER_ABSTIME, &spec, NULL);
  self->armed_at = 0;
}

static void
rearm (NudgeScheduler *self)
{
  gint64 next;

  if (!self->started)
    return;

  next = nudge_scheduler_get_next_fire (self);
  /* Due but not fired by the check that just ran (series occurrences
   * done or skipped ahead are passed over above, so this is a guard):
   * look again in a minute rather than spin. */
  if (next != 0 && next <= nudge_clock_now ())
    next = nudge_clock_now () + 60;
  if (next == 0)
    disarm (self);
  else if (self->timer_fd >= 0 && next != self->armed_at)
    {
      struct itimerspec spec = { 0 };

      /* A pinned or fake clock runs apart from the real one: the timer
       * waits the same distance of real time. */
      if (nudge_clock_is_pinned ())
        {
          struct timespec ts;
          clock_gettime (CLOCK_REALTIME, &ts);
          spec.it_value.tv_sec = ts.tv_sec + MAX (next - nudge_clock_now (), 1);
        }
      else
        spec.it_value.tv_sec = MAX (next, 1);
      if (timerfd_settime (self->timer_fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &spec, NULL) < 0)
        g_warning ("Reminders: cannot arm the timer: %s", g_strerror (errno));
      self->armed_at = next;
    }
  g_signal_emit (self, signals[SIGNAL_REARMED], 0, next);
}

static gboolean
timer_cb (int          fd,
          GIOCondition condition,
          gpointer     user_data)
{
  NudgeScheduler *self = user_data;
  guint64 expirations;
  ssize_t n;

  n = read (fd, &expirations, sizeof expirations);
  if (n < 0 && errno != ECANCELED && errno != EAGAIN)
    g_warning ("Reminders: timer: %s", g_strerror (errno));
  /* Expired, or ECANCELED: the clock was set (or the system resumed);
   * either way what is due is worked out again. */
  self->armed_at = 0;
  check_async (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
rearm_idle_cb (gpointer user_data)
{
  NudgeScheduler *self = user_data;

  self->rearm_idle = 0;
  /* Something may be due right away (e.g. a follow-up added for now). */
  check_async (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_rearm (NudgeScheduler *self)
{
  if (self->started && self->rearm_idle == 0)
    self->rearm_idle = g_idle_add_full (G_PRIORITY_LOW, rearm_idle_cb, self, NULL);
}

static void
store_changes_cb (NudgeStore     *store,
                  NudgeChangeSet *changes,
                  gpointer        user_data)
{
  NudgeScheduler *self = user_data;

  if (nudge_change_set_touches (changes, NUDGE_ENTITY_FOLLOWUP))
    self->max_lead = -1;
  if (nudge_change_set_touches_any (changes, NUDGE_ENTITY_BIT (NUDGE_ENTITY_FOLLOWUP) |
                                             NUDGE_ENTITY_BIT (NUDGE_ENTITY_DEAL) |
                                             NUDGE_ENTITY_BIT (NUDGE_ENTITY_CONTACT)))
    schedule_rearm (self);
}

static void
prepare_for_sleep_cb (GDBusConnection *connection,
                      const char      *sender,
                      const char      *path,
                      const char      *interface,
                      const char      *signal,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  gboolean sleeping = TRUE;

  if (g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    g_variant_get (parameters, "(b)", &sleeping);
  if (!sleeping)
    schedule_rearm (user_data);
}

/* The zone is changed by replacing the /etc/localtime link: timedated
 * and `ln -sf` rename a new link over it, which a monitor that watches
 * moves reports as RENAMED or MOVED_IN, not as CHANGED. */
static void
localtime_changed_cb (GFileMonitor      *monitor,
                      GFile             *file,
                      GFile             *other,
                      GFileMonitorEvent  event,
                      gpointer           user_data)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
      /* Quiet hours are local times: the next reminder held by them is
       * worked out in the new zone, not the one the clock kept. */
      nudge_clock_forget_local_zone ();
      schedule_rearm (user_data);
      break;
    default:
      break;
    }
}

void
nudge_scheduler_set_zone_file (NudgeScheduler *self,
                               const char     *path)
{
  g_return_if_fail (NUDGE_IS_SCHEDULER (self));
  g_return_if_fail (!self->started);

  g_free (self->zone_file);
  self->zone_file = g_strdup (path);
}

void
nudge_scheduler_start (NudgeScheduler *self)
{
  g_autoptr(GFile) localtime = NULL;

  g_return_if_fail (NUDGE_IS_SCHEDULER (self));

  if (self->started)
    return;
  self->started = TRUE;

  self->timer_fd = timerfd_create (CLOCK_REALTIME, TFD_CLOEXEC | TFD_NONBLOCK);
  if (self->timer_fd < 0)
    g_warning ("Reminders: no timer: %s", g_strerror (errno));
  else
    self->timer_source = g_unix_fd_add (self->timer_fd, G_IO_IN, timer_cb, self);

  self->system_bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, NULL);
  if (self->system_bus != NULL)
    self->sleep_sub = g_dbus_connection_signal_subscribe (self->system_bus,
                                                          "org.freedesktop.login1",
                                                          "org.freedesktop.login1.Manager",
                                                          "PrepareForSleep",
                                                          "/org/freedesktop/login1",
                                                          NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                                          prepare_for_sleep_cb, self, NULL);

  localtime = g_file_new_for_path (self->zone_file != NULL ? self->zone_file : "/etc/localtime");
  self->tz_monitor = g_file_monitor_file (localtime, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->tz_monitor != NULL)
    g_signal_connect (self->tz_monitor, "changed", G_CALLBACK (localtime_changed_cb), self);

  check_async (self);
}

void
nudge_scheduler_stop (NudgeScheduler *self)
{
  g_return_if_fail (NUDGE_IS_SCHEDULER (self));

  self->started = FALSE;
  g_clear_handle_id (&self->rearm_idle, g_source_remove);
  g_clear_handle_id (&self->timer_source, g_source_remove);
  if (self->timer_fd >= 0)
    close (self->timer_fd);
  self->timer_fd = -1;
  self->max_lead = -1;
  self->armed_at = 0;
  if (self->system_bus != NULL && self->sleep_sub != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_sub);
  self->sleep_sub = 0;
  g_clear_object (&self->system_bus);
  if (self->tz_monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->tz_monitor, self);
      g_file_monitor_cancel (self->tz_monitor);
      g_clear_object (&self->tz_monitor);
    }
}

void
nudge_scheduler_set_quiet_hours (NudgeScheduler *self,
                                 gboolean        enabled,
                                 int             day_start_min,
                                 int             day_end_min,
                                 gboolean        weekdays_only)
{
  g_return_if_fail (NUDGE_IS_SCHEDULER (self));

  self->quiet = enabled && day_start_min < day_end_min;
  self->day_start_min = CLAMP (day_start_min, 0, 1439);
  self->day_end_min = CLAMP (day_end_min, 0, 1440);
  self->weekdays_only = weekdays_only;
  schedule_rearm (self);
}

static void
nudge_scheduler_dispose (GObject *object)
{
  NudgeScheduler *self = NUDGE_SCHEDULER (object);

  nudge_scheduler_stop (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->series, g_hash_table_unref);
  g_clear_pointer (&self->zone_file, g_free);

  G_OBJECT_CLASS (nudge_scheduler_parent_class)->dispose (object);
}

static void
nudge_scheduler_class_init (NudgeSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nudge_scheduler_dispose;

  signals[SIGNAL_FIRE] =
    g_signal_new ("fire", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_PTR_ARRAY, G_TYPE_BOOLEAN);
  signals[SIGNAL_REARMED] =
    g_signal_new ("rearmed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
nudge_scheduler_init (NudgeScheduler *self)
{
  self->timer_fd = -1;
  self->max_lead = -1;
  self->overdue_hint = -1;
  self->cancellable = g_cancellable_new ();
  self->day_start_min = 9 * 60;
  self->day_end_min = 17 * 60;
}

NudgeScheduler *
nudge_scheduler_new (NudgeStore *store)
{
  NudgeScheduler *self;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  self = g_object_new (NUDGE_TYPE_SCHEDULER, NULL);
  self->store = g_object_ref (store);
  self->changed_id = g_signal_connect (store, "changes", G_CALLBACK (store_changes_cb), self);
  return self;
}
