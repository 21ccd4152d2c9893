/* nudge-next-steps.c — what comes after a follow-up: snooze presets,
 * next steps, and the deals left without one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-followups"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "nudge-capture.h"
#include "nudge-clock.h"
#include "nudge-followups-private.h"
#include "nudge-pace.h"
#include "nudge-recurrence.h"

/* @day (taken), or the first working day after it: off Saturday and
 * Sunday when @skip_weekends, off the public holidays of the working
 * hours always. */
static GDateTime *
first_working_day (GDateTime *day,
                   gboolean   skip_weekends)
{
  NudgeWorkingHours hours;
  GDateTime *working;

  nudge_working_hours_get (&hours);
  hours.skip_weekends = skip_weekends;
  working = nudge_working_hours_first_working_day (&hours, day);
  g_date_time_unref (day);
  return working;
}

gint64
nudge_followups_snooze_target (NudgeSnoozePreset  preset,
                               gint64             now,
                               const char        *tzid,
                               int                workday_start_min,
                               gboolean           skip_weekends)
{
  g_autoptr(GDateTime) local = _nudge_followups_local_time (now, tzid);
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) at = NULL;
  gint64 target;

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
      target = _nudge_followups_make_local (tzid, g_date_time_get_year (day), g_date_time_get_month (day),
                                            g_date_time_get_day_of_month (day), workday_start_min);
      break;
    case NUDGE_SNOOZE_NEXT_WEEK:
    default:
      day = g_date_time_add_days (local, 8 - g_date_time_get_day_of_week (local));
      target = _nudge_followups_make_local (tzid, g_date_time_get_year (day), g_date_time_get_month (day),
                                            g_date_time_get_day_of_month (day), workday_start_min);
      break;
    }

  /* A day off: the start of the next working day. "10 minutes" and "1
   * hour" asked for on a day off mean what they say: the seller is at
   * work then (only one that would carry a working evening into a day
   * off moves). */
  at = _nudge_followups_local_time (target, tzid);
  g_clear_pointer (&day, g_date_time_unref);
  if (preset == NUDGE_SNOOZE_10_MINUTES || preset == NUDGE_SNOOZE_1_HOUR)
    {
      g_autoptr(GDateTime) today = first_working_day (g_date_time_ref (local), skip_weekends);

      if (g_date_time_get_day_of_year (today) != g_date_time_get_day_of_year (local))
        return target;
    }
  day = first_working_day (g_date_time_ref (at), skip_weekends);
  if (g_date_time_get_day_of_year (day) != g_date_time_get_day_of_year (at))
    target = _nudge_followups_make_local (tzid, g_date_time_get_year (day), g_date_time_get_month (day),
                                          g_date_time_get_day_of_month (day), workday_start_min);
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

/* Today (in @tzid) moved by @days, then to a working day (see
 * first_working_day()). */
static GDateTime *
next_step_day (const char *tzid,
               int         days,
               gboolean    skip_weekends)
{
  g_autoptr(GDateTime) today = _nudge_followups_local_time (nudge_clock_now (), tzid);

  return first_working_day (g_date_time_add_days (today, days), skip_weekends);
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
nudge_followups_next_step_due (NudgeFollowup *done,
                               NudgeNextStep  step,
                               gint64         date,
                               gboolean       skip_weekends)
{
  g_autoptr(GDateTime) due_local = NULL;
  g_autoptr(GDateTime) day = NULL;

  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (done), 0);

  due_local = _nudge_followups_local_time (done->due_at, done->tzid);
  if (step == NUDGE_NEXT_STEP_DATE)
    day = _nudge_followups_local_time (date, done->tzid);
  else
    day = next_step_day (done->tzid, next_step_days (step), skip_weekends);
  return _nudge_followups_make_local (done->tzid, g_date_time_get_year (day), g_date_time_get_month (day),
                                      g_date_time_get_day_of_month (day),
                                      done->all_day ? 0 : g_date_time_get_hour (due_local) * 60 +
                                                          g_date_time_get_minute (due_local));
}

/* A picked day can be one that has passed, or today after the hour the
 * step would have: a step planned that way is overdue the moment it is
 * saved, which is what planning it was meant to prevent. The presets
 * are always ahead. */
static gboolean
check_not_past (NudgeNextStep   step,
                gint64          due,
                GError        **error)
{
  if (step != NUDGE_NEXT_STEP_DATE || due > nudge_clock_now ())
    return TRUE;
  return nudge_fail_invalid (error, _("The next step would be due in the past; pick a later day"));
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
  NudgeFollowupSpec spec;

  g_return_val_if_fail (NUDGE_IS_STORE (store), 0);

  if (step == NUDGE_NEXT_STEP_NONE)
    return 0;
  if (!(f = nudge_store_get_followup (store, done_id, error)))
    return 0;

  nudge_followup_spec_from_followup (&spec, f);
  spec.rrule = NULL;
  if (title != NULL && *title != '\0')
    {
      /* A meeting's next step typed as "Call Tomáš about the contract"
       * is a call. */
      const char *kind = nudge_capture_kind_of (title);

      spec.title = title;
      if (kind != NULL)
        spec.kind = kind;
    }
  spec.due_at = nudge_followups_next_step_due (f, step, date, skip_weekends);
  if (!check_not_past (step, spec.due_at, error))
    return 0;
  return nudge_followups_create (store, &spec, error);
}

/* When @plan's step is due, in @tzid. */
static gint64
plan_due (const NudgeNextStepPlan *plan,
          const char              *tzid)
{
  g_autoptr(GDateTime) day = NULL;

  if (plan->step == NUDGE_NEXT_STEP_DATE)
    day = _nudge_followups_local_time (plan->date, tzid);
  else
    day = next_step_day (tzid, next_step_days (plan->step), plan->skip_weekends);
  return _nudge_followups_make_local (tzid, g_date_time_get_year (day), g_date_time_get_month (day),
                                      g_date_time_get_day_of_month (day),
                                      CLAMP (plan->workday_start_min, 0, 24 * 60 - 1));
}

gint64
nudge_followups_plan_due (const NudgeNextStepPlan *plan)
{
  g_autofree char *tzid = nudge_recurrence_default_tzid ();

  g_return_val_if_fail (plan != NULL, 0);

  return plan_due (plan, tzid);
}

gint64
nudge_followups_plan_next_step (NudgeStore               *store,
                                gint64                    deal_id,
                                gint64                    contact_id,
                                const NudgeNextStepPlan  *plan,
                                GError                  **error)
{
  g_autoptr(NudgeDeal) deal = NULL;
  g_autoptr(NudgeContact) contact = NULL;
  g_autofree char *tzid = nudge_recurrence_default_tzid ();
  NudgeFollowupSpec spec;
  gint64 id;

  g_return_val_if_fail (NUDGE_IS_STORE (store), 0);
  g_return_val_if_fail (deal_id > 0 || contact_id > 0, 0);
  g_return_val_if_fail (plan != NULL, 0);

  if (plan->step == NUDGE_NEXT_STEP_NONE)
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

  nudge_followup_spec_init (&spec);
  spec.title = plan->title != NULL && *plan->title != '\0' ? plan->title : _("Follow up");
  spec.kind = plan->kind != NULL && *plan->kind != '\0' ? plan->kind : "call";
  spec.tzid = tzid;
  spec.deal_id = MAX (deal_id, 0);
  spec.contact_id = MAX (contact_id, 0);
  spec.due_at = plan_due (plan, tzid);
  if (!check_not_past (plan->step, spec.due_at, error))
    {
      nudge_store_rollback (store);
      return 0;
    }
  id = _nudge_followups_insert_from_spec (store, &spec, NULL, error);
  return nudge_store_end (store, id != 0, error) ? id : 0;
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

gboolean
nudge_followups_needs_next_step_after (NudgeStore *store,
                                       gint64      id)
{
  g_autoptr(NudgeFollowup) done = NULL;
  gint64 deal_id;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  if (!(done = nudge_store_get_followup (store, id, NULL)))
    return FALSE;
  deal_id = nudge_followup_get_deal_id (done);
  return nudge_followups_needs_next_step (store, deal_id, deal_id > 0 ? 0 : nudge_followup_get_contact_id (done));
}

/* The two lists of deals Today shows, each a WHERE clause over
 * NUDGE_DEAL_SELECT's tables (deal d, stage s) and the order it is shown
 * in. ?1 is now. */
#define NO_NEXT_STEP_WHERE \
  "WHERE d.status = 'open' AND d.trashed_at IS NULL" \
  " AND NOT EXISTS (SELECT 1 FROM followup f WHERE f.deal_id = d.id AND f.status = 'open')"
/* The longest idle first, as Today says: no touch (or, never touched,
 * created) for the longest time. */
#define NO_NEXT_STEP_ORDER " ORDER BY COALESCE(d.last_activity_at, d.created_at), d.id"
#define ROTTING_SINCE "MAX(COALESCE(d.last_activity_at, 0), COALESCE(d.stage_entered_at, d.created_at))"
#define ROTTING_WHERE \
  "WHERE d.status = 'open' AND d.trashed_at IS NULL AND s.rotting_days > 0" \
  " AND " ROTTING_SINCE " + s.rotting_days * 86400 < ?1" \
  " AND EXISTS (SELECT 1 FROM followup f WHERE f.deal_id = d.id AND f.status = 'open')"
/* The longest idle first too: Today says "Idle for N days", and a list
 * in the order its stages' limits ran out read 67, 56, 37, 39, 35 … */
#define ROTTING_ORDER " ORDER BY " ROTTING_SINCE ", d.id"

typedef struct
{
  char *rows_sql;
  char *count_sql;  /* set last: workers build them once */
} DealList;

/* The first @limit deals of a list (all with G_MAXUINT) and, with @total,
 * how many the list has: Today shows a page of a list of thousands. */
static GPtrArray *
list_deals_page (NudgeStore  *store,
                 DealList    *list,
                 const char  *where,
                 const char  *order,
                 guint        limit,
                 guint       *total,
                 GError     **error)
{
  g_autoptr(GPtrArray) deals = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = nudge_clock_now ();
  sqlite3_stmt *stmt;
  int rc;

  if (g_once_init_enter (&list->count_sql))
    {
      list->rows_sql = g_strconcat (NUDGE_DEAL_SELECT, where, order, " LIMIT ?2", NULL);
      g_once_init_leave (&list->count_sql,
                         g_strconcat ("SELECT COUNT(*) FROM deal d JOIN stage s ON s.id = d.stage_id ", where, NULL));
    }
  if (!(stmt = nudge_store_prepare (store, list->rows_sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, limit == G_MAXUINT ? -1 : (gint64) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (deals, nudge_store_read_deal (stmt));
  if (!nudge_store_rows_done (store, stmt, rc, error))
    return NULL;

  if (total != NULL)
    {
      if (deals->len < limit)
        *total = deals->len;
      else
        {
          if (!(stmt = nudge_store_prepare (store, list->count_sql, error)))
            return NULL;
          sqlite3_bind_int64 (stmt, 1, now);
          if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            *total = (guint) sqlite3_column_int64 (stmt, 0);
          if (!nudge_store_rows_done (store, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error))
            return NULL;
        }
    }
  return g_steal_pointer (&deals);
}

static DealList no_next_step_list;
static DealList rotting_list;

GPtrArray *
nudge_followups_list_deals_without_next_step_page (NudgeStore  *store,
                                                   guint        limit,
                                                   guint       *total,
                                                   GError     **error)
{
  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  return list_deals_page (store, &no_next_step_list, NO_NEXT_STEP_WHERE, NO_NEXT_STEP_ORDER, limit, total, error);
}

GPtrArray *
nudge_followups_list_deals_without_next_step (NudgeStore  *store,
                                              GError     **error)
{
  return nudge_followups_list_deals_without_next_step_page (store, G_MAXUINT, NULL, error);
}

GPtrArray *
nudge_followups_list_rotting_deals_page (NudgeStore  *store,
                                         guint        limit,
                                         guint       *total,
                                         GError     **error)
{
  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  return list_deals_page (store, &rotting_list, ROTTING_WHERE, ROTTING_ORDER, limit, total, error);
}

GPtrArray *
nudge_followups_list_rotting_deals (NudgeStore  *store,
                                    GError     **error)
{
  return nudge_followups_list_rotting_deals_page (store, G_MAXUINT, NULL, error);
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
  sqlite3_bind_int64 (stmt, 4, _nudge_followups_end_of_local_day (nudge_clock_now (), NULL));
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
  /* The activity being logged is the touch. */
  return nudge_followups_complete_answered (store, id, 0, error) ? id : 0;
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
  ok = _nudge_followups_write_schedule (store, f, error);
  return nudge_store_end (store, ok, error);
}

