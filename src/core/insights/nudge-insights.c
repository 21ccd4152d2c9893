/* nudge-insights.c
 *
 * Definitions (they are what the Insights view and `nudge-cli insights`
 * report):
 * - A touch is an outbound call, e-mail, meeting or demo.
 * - Lead response: for deals created in the period, the time from creation
 *   to the first touch; the median, overall and per creation month.
 * - First-touch reply rate: of those deals with a first touch, the share
 *   with any inbound activity after it.
 * - Touches per won/lost deal: touches before closing, for deals closed in
 *   the period.
 * - Follow-up interval: mean gap between consecutive touches of one deal,
 *   for touches in the period.
 * - Follow-up on-time rate: follow-ups (and occurrences) completed in the
 *   period no later than the end of their due day.
 * - Stage conversion: of the deals that entered a stage in the period, the
 *   share that later moved to a later open stage or won.
 * - Time in stage: mean time from entering a stage to leaving it, for exits
 *   in the period. The bottleneck is the open stage with the longest mean.
 * - Weighted forecast: open deals by expected close month (from the month
 *   the period starts, onwards), amount × stage probability, per currency;
 *   and per month in the home currency at the user's rates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-insights"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "nudge-clock.h"
#include "nudge-insights.h"
#include "nudge-store-private.h"

#define TOUCH_KINDS "('call','email','meeting','demo')"

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  guint n = values->len;

  if (n == 0)
    return -1;
  g_array_sort (values, compare_double);
  if (n % 2 == 1)
    return g_array_index (values, double, n / 2);
  return (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2)) / 2;
}

static char *
local_month (GTimeZone *zone,
             gint64     at)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (at);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (dt, zone);

  return g_date_time_format (local, "%Y-%m");
}

/* The last second of the local day @at is in: one second before the next
 * local midnight, which on the day summer time starts or ends is 23 or
 * 25 hours after the day's first. */
static gint64
end_of_local_day (GTimeZone *zone,
                  gint64     at)
{
  int interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, at);
  gint64 local = at + g_time_zone_get_offset (zone, MAX (interval, 0));
  gint64 next_midnight = local - ((local % 86400) + 86400) % 86400 + 86400;

  interval = g_time_zone_adjust_time (zone, G_TIME_TYPE_STANDARD, &next_midnight);
  return next_midnight - g_time_zone_get_offset (zone, MAX (interval, 0)) - 1;
}

/* Deals created in the period with their first touch, and whether a
 * reply came after it. */
static const char lead_response_sql[] =
  "WITH ft AS ("
  "  SELECT d.id, d.created_at,"
  "    (SELECT MIN(a.occurred_at) FROM activity a WHERE a.deal_id = d.id AND a.direction = 'out'"
  "       AND a.kind IN " TOUCH_KINDS " AND a.occurred_at >= d.created_at) AS first_touch"
  "  FROM deal d WHERE d.trashed_at IS NULL AND d.created_at >= ?1 AND d.created_at < ?2)"
  " SELECT created_at, first_touch,"
  "   EXISTS (SELECT 1 FROM activity b WHERE b.deal_id = ft.id AND b.direction = 'in'"
  "           AND b.occurred_at > ft.first_touch)"
  " FROM ft WHERE first_touch IS NOT NULL ORDER BY created_at";

static const char touches_sql[] =
  "SELECT d.status, (SELECT COUNT(*) FROM activity a WHERE a.deal_id = d.id AND a.direction = 'out'"
  "   AND a.kind IN " TOUCH_KINDS " AND a.occurred_at <= d.closed_at)"
  " FROM deal d WHERE d.trashed_at IS NULL AND d.status IN ('won','lost')"
  " AND d.closed_at >= ?1 AND d.closed_at < ?2";

/* Rows come in (deal, time) order straight from the activity_touch
 * index: the gaps are taken in one pass, with no sort. */
static const char interval_sql[] =
  "SELECT deal_id, occurred_at FROM activity INDEXED BY activity_touch"
  " WHERE deal_id IS NOT NULL AND direction = 'out' AND kind IN " TOUCH_KINDS
  " AND occurred_at >= ?1 AND occurred_at < ?2 ORDER BY deal_id, direction, occurred_at";
/* The same without the index hint, should the index be missing. */
static const char interval_fallback_sql[] =
  "SELECT deal_id, occurred_at FROM activity"
  " WHERE deal_id IS NOT NULL AND direction = 'out' AND kind IN " TOUCH_KINDS
  " AND occurred_at >= ?1 AND occurred_at < ?2 ORDER BY deal_id, occurred_at";

static const char on_time_sql[] =
  "SELECT due_at, done_at FROM followup WHERE status = 'done' AND rrule = ''"
  "   AND done_at >= ?1 AND done_at < ?2"
  " UNION ALL"
  " SELECT occurrence_at, done_at FROM followup_occurrence WHERE status = 'done'"
  "   AND done_at >= ?1 AND done_at < ?2";

/* What the period's metrics add up while their rows are read; turned
 * into @out's figures by finish_tally(). */
typedef struct
{
  NudgeInsights *out;
  GTimeZone     *zone;            /* the desktop's, read once per run */
  GArray        *response_hours;  /* creation to first touch, every deal */
  GArray        *month_hours;     /* the same, of @month */
  char          *month;           /* the creation month being read */
  guint          replied;
  double         won_touches;
  double         lost_touches;
  double         gap_sum;         /* seconds between touches of one deal */
  guint          gap_n;
  gint64         last_deal;
  gint64         last_at;
} Tally;

static void
close_response_month (Tally *t)
{
  NudgeResponseMonth m = { g_steal_pointer (&t->month), 0, t->month_hours->len };

  m.median_hours = median (t->month_hours);
  g_array_append_val (t->out->lead_response_trend, m);
  g_array_set_size (t->month_hours, 0);
}

static void
add_lead_response (sqlite3_stmt *stmt,
                   Tally        *t)
{
  gint64 created = sqlite3_column_int64 (stmt, 0);
  double hours = (sqlite3_column_int64 (stmt, 1) - created) / 3600.0;
  g_autofree char *this_month = local_month (t->zone, created);

  g_array_append_val (t->response_hours, hours);
  t->replied += sqlite3_column_int (stmt, 2) != 0;

  if (t->month != NULL && g_strcmp0 (t->month, this_month) != 0)
    close_response_month (t);
  if (t->month == NULL)
    t->month = g_steal_pointer (&this_month);
  g_array_append_val (t->month_hours, hours);
}

static void
add_touches (sqlite3_stmt *stmt,
             Tally        *t)
{
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "won") == 0)
    {
      t->out->won_n++;
      t->won_touches += sqlite3_column_int (stmt, 1);
    }
  else
    {
      t->out->lost_n++;
      t->lost_touches += sqlite3_column_int (stmt, 1);
    }
}

static void
add_touch_gap (sqlite3_stmt *stmt,
               Tally        *t)
{
  gint64 deal = sqlite3_column_int64 (stmt, 0);
  gint64 at = sqlite3_column_int64 (stmt, 1);

  if (deal == t->last_deal)
    {
      t->gap_sum += at - t->last_at;
      t->gap_n++;
    }
  t->last_deal = deal;
  t->last_at = at;
}

static void
add_done_followup (sqlite3_stmt *stmt,
                   Tally        *t)
{
  t->out->followups_done_n++;
  if (sqlite3_column_int64 (stmt, 1) <= end_of_local_day (t->zone, sqlite3_column_int64 (stmt, 0)))
    t->out->followups_on_time_n++;
}

static void
finish_tally (Tally *t)
{
  NudgeInsights *out = t->out;

  if (t->month != NULL)
    close_response_month (t);
  out->lead_response_n = t->response_hours->len;
  out->lead_response_median_hours = median (t->response_hours);
  out->first_touch_n = t->response_hours->len;
  out->first_touch_reply_rate = t->response_hours->len ? (double) t->replied / t->response_hours->len : -1;
  out->touches_per_won_deal = out->won_n ? t->won_touches / out->won_n : -1;
  out->touches_per_lost_deal = out->lost_n ? t->lost_touches / out->lost_n : -1;
  out->followup_interval_mean_days = t->gap_n > 0 ? t->gap_sum / t->gap_n / 86400.0 : -1;
  out->followup_on_time_rate = out->followups_done_n
    ? (double) out->followups_on_time_n / out->followups_done_n : -1;
}

/* Hands each row of @sql over the period (?1 its start, ?2 its end) to
 * @func; @fallback_sql, when not NULL, is the same query should @sql not
 * prepare. */
static gboolean
each_row_in_period (NudgeStore           *store,
                    const NudgeInsights  *out,
                    const char           *sql,
                    const char           *fallback_sql,
                    NudgeRowFunc          func,
                    Tally                *tally,
                    GError              **error)
{
  sqlite3_stmt *stmt = nudge_store_prepare (store, sql, fallback_sql != NULL ? NULL : error);

  if (stmt == NULL && fallback_sql != NULL)
    stmt = nudge_store_prepare (store, fallback_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, out->from);
  sqlite3_bind_int64 (stmt, 2, out->to);
  return nudge_store_each_row (store, stmt, func, tally, error);
}

static gboolean
compute_tally (NudgeStore     *store,
               NudgeInsights  *out,
               GError        **error)
{
  Tally t = { out, nudge_clock_local_zone () };
  gboolean ok;

  t.response_hours = g_array_new (FALSE, FALSE, sizeof (double));
  t.month_hours = g_array_new (FALSE, FALSE, sizeof (double));
  ok = each_row_in_period (store, out, lead_response_sql, NULL, (NudgeRowFunc) add_lead_response, &t, error) &&
       each_row_in_period (store, out, touches_sql, NULL, (NudgeRowFunc) add_touches, &t, error) &&
       each_row_in_period (store, out, interval_sql, interval_fallback_sql, (NudgeRowFunc) add_touch_gap, &t, error) &&
       each_row_in_period (store, out, on_time_sql, NULL, (NudgeRowFunc) add_done_followup, &t, error);
  if (ok)
    finish_tally (&t);
  g_array_unref (t.response_hours);
  g_array_unref (t.month_hours);
  g_free (t.month);
  g_time_zone_unref (t.zone);
  return ok;
}

typedef struct
{
  gint64 stage;
  gint64 at;
} Change;

typedef struct
{
  char    *name;
  int      position;
  gboolean open;
  gboolean won;
  guint    metric;      /* index into out->stages */
} StageInfo;

static void
account_deal (NudgeInsights *out,
              GHashTable    *stages,
              GArray        *changes,
              double        *time_sum,
              guint         *time_n)
{
  int best_open_after = -1;
  gboolean won_after = FALSE;

  /* From the last change back: what came after each entry. */
  for (guint k = changes->len; k-- > 0; )
    {
      Change *c = &g_array_index (changes, Change, k);
      StageInfo *info = g_hash_table_lookup (stages, &c->stage);

      if (info != NULL)
        {
          NudgeStageMetric *m = &g_array_index (out->stages, NudgeStageMetric, info->metric);

          if (c->at >= out->from && c->at < out->to)
            {
              m->entered++;
              if (won_after || best_open_after > info->position)
                m->advanced++;
            }
          if (k + 1 < changes->len)
            {
              gint64 exit = g_array_index (changes, Change, k + 1).at;

              if (exit >= out->from && exit < out->to)
                {
                  time_sum[info->metric] += exit - c->at;
                  time_n[info->metric]++;
                }
            }
          if (info->won)
            won_after = TRUE;
          else if (info->open)
            best_open_after = MAX (best_open_after, info->position);
        }
    }
}

static gboolean
compute_stages (NudgeStore     *store,
                NudgeInsights  *out,
                GError        **error)
{
  static const char stages_sql[] =
    "SELECT id, name, position, kind FROM stage ORDER BY pipeline_id, position";
  /* In (deal, time) order from the stage_change_deal index: one pass. */
  static const char changes_sql[] =
    "SELECT deal_id, to_stage, at FROM stage_change WHERE to_stage IS NOT NULL ORDER BY deal_id, at, id";
  g_autoptr(GHashTable) stages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autofree double *time_sum = NULL;
  g_autofree guint *time_n = NULL;
  sqlite3_stmt *stmt;
  gint64 current = 0;
  double worst = -1;
  int rc;

  if (!(stmt = nudge_store_prepare (store, stages_sql, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *kind = (const char *) sqlite3_column_text (stmt, 3);
      StageInfo *info = g_new0 (StageInfo, 1);
      gint64 *key = g_new (gint64, 1);
      guint metric = G_MAXUINT;

      /* Stages of the same name in several pipelines are one metric. */
      for (guint i = 0; i < out->stages->len; i++)
        if (g_strcmp0 (g_array_index (out->stages, NudgeStageMetric, i).stage_name, name) == 0)
          metric = i;
      if (metric == G_MAXUINT)
        {
          NudgeStageMetric m = { 0 };

          m.stage_name = g_strdup (name);
          m.position = sqlite3_column_int (stmt, 2);
          m.open = g_strcmp0 (kind, "open") == 0;
          m.conversion = -1;
          m.mean_days = -1;
          g_array_append_val (out->stages, m);
          metric = out->stages->len - 1;
        }
      info->position = sqlite3_column_int (stmt, 2);
      info->open = g_strcmp0 (kind, "open") == 0;
      info->won = g_strcmp0 (kind, "won") == 0;
      info->metric = metric;
      *key = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (stages, key, info);
    }
  if (!nudge_store_rows_done (store, stmt, rc, error))
    return FALSE;

  time_sum = g_new0 (double, out->stages->len + 1);
  time_n = g_new0 (guint, out->stages->len + 1);

  if (!(stmt = nudge_store_prepare (store, changes_sql, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 deal = sqlite3_column_int64 (stmt, 0);
      Change c = { sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2) };

      if (deal != current && changes->len > 0)
        {
          account_deal (out, stages, changes, time_sum, time_n);
          g_array_set_size (changes, 0);
        }
      current = deal;
      g_array_append_val (changes, c);
    }
  if (!nudge_store_rows_done (store, stmt, rc, error))
    return FALSE;
  if (changes->len > 0)
    account_deal (out, stages, changes, time_sum, time_n);

  for (guint i = 0; i < out->stages->len; i++)
    {
      NudgeStageMetric *m = &g_array_index (out->stages, NudgeStageMetric, i);

      /* Conversion out of won or lost stages means nothing. */
      m->conversion = m->open && m->entered > 0 ? (double) m->advanced / m->entered : -1;
      m->mean_days = time_n[i] > 0 ? time_sum[i] / time_n[i] / 86400.0 : -1;
      /* Only open stages can hold a deal up. */
      if (m->open && m->mean_days > worst)
        {
          worst = m->mean_days;
          g_free (out->bottleneck_stage);
          out->bottleneck_stage = g_strdup (m->stage_name);
        }
    }
  return TRUE;
}

/* Open deals by expected close month and currency, from the month the
 * period starts (?1). */
static const char forecast_sql[] =
  "SELECT substr(d.expected_close, 1, 7) AS month, d.currency,"
  "  SUM(d.amount_minor * s.probability) / 100, SUM(d.amount_minor)"
  " FROM deal d JOIN stage s ON s.id = d.stage_id"
  " WHERE d.trashed_at IS NULL AND d.status = 'open' AND d.amount_minor IS NOT NULL"
  "   AND d.expected_close <> '' AND substr(d.expected_close, 1, 7) >= ?1"
  " GROUP BY month, d.currency ORDER BY month, d.currency";

/* The same open deals one by one, for one figure per month in the home
 * currency: each deal weighted and rounded as on the board, converted at
 * the user's rates; currencies without a rate are counted apart. */
static const char forecast_home_sql[] =
  "SELECT substr(d.expected_close, 1, 7) AS month, d.currency, d.amount_minor, s.probability"
  " FROM deal d JOIN stage s ON s.id = d.stage_id"
  " WHERE d.trashed_at IS NULL AND d.status = 'open' AND d.amount_minor IS NOT NULL"
  "   AND d.expected_close <> '' AND substr(d.expected_close, 1, 7) >= ?1"
  " ORDER BY month";

static void
add_forecast_row (sqlite3_stmt  *stmt,
                  NudgeInsights *out)
{
  NudgeForecastRow row;

  row.month = nudge_sql_dup_text (stmt, 0);
  row.currency = nudge_sql_dup_text (stmt, 1);
  row.weighted_minor = sqlite3_column_int64 (stmt, 2);
  row.total_minor = sqlite3_column_int64 (stmt, 3);
  g_array_append_val (out->forecast, row);
}

static void
add_forecast_home_deal (sqlite3_stmt  *stmt,
                        NudgeInsights *out)
{
  const char *month = (const char *) sqlite3_column_text (stmt, 0);
  GArray *months = out->forecast_home;
  NudgeForecastMonth *last = months->len > 0 ? &g_array_index (months, NudgeForecastMonth, months->len - 1) : NULL;

  if (last == NULL || g_strcmp0 (last->month, month) != 0)
    {
      NudgeForecastMonth fresh = { g_strdup (month), nudge_pipeline_totals_new () };

      g_array_append_val (months, fresh);
      last = &g_array_index (months, NudgeForecastMonth, months->len - 1);
    }
  nudge_pipeline_totals_add (last->totals, (const char *) sqlite3_column_text (stmt, 1),
                             sqlite3_column_int64 (stmt, 2), TRUE, sqlite3_column_int (stmt, 3));
}

/* Hands each row of @sql over open deals expected to close from the
 * period's first month on (?1) to @func. */
static gboolean
each_forecast_row (NudgeStore     *store,
                   NudgeInsights  *out,
                   const char     *sql,
                   NudgeRowFunc    func,
                   GError        **error)
{
  g_autoptr(GTimeZone) zone = nudge_clock_local_zone ();
  g_autofree char *first_month = local_month (zone, out->from);
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  nudge_sql_bind_text (stmt, 1, first_month);
  return nudge_store_each_row (store, stmt, func, out, error);
}

static gboolean
compute_forecast (NudgeStore     *store,
                  NudgeInsights  *out,
                  GError        **error)
{
  if (!each_forecast_row (store, out, forecast_sql, (NudgeRowFunc) add_forecast_row, error))
    return FALSE;
  out->rates = nudge_rates_load (store);
  if (!each_forecast_row (store, out, forecast_home_sql, (NudgeRowFunc) add_forecast_home_deal, error))
    return FALSE;
  for (guint i = 0; i < out->forecast_home->len; i++)
    {
      NudgeForecastMonth *m = &g_array_index (out->forecast_home, NudgeForecastMonth, i);

      m->apart = nudge_pipeline_totals_get_home (m->totals, out->rates, TRUE, &m->weighted_home_minor, &m->converted);
      nudge_pipeline_totals_get_home (m->totals, out->rates, FALSE, &m->total_home_minor, NULL);
    }
  return TRUE;
}

static void
clear_forecast_month (gpointer data)
{
  NudgeForecastMonth *m = data;

  g_free (m->month);
  g_clear_pointer (&m->totals, nudge_pipeline_totals_free);
}

static void
clear_stage_metric (gpointer data)
{
  g_free (((NudgeStageMetric *) data)->stage_name);
}

static void
clear_forecast_row (gpointer data)
{
  NudgeForecastRow *row = data;

  g_free (row->month);
  g_free (row->currency);
}

static void
clear_response_month (gpointer data)
{
  g_free (((NudgeResponseMonth *) data)->month);
}

void
nudge_insights_free (NudgeInsights *insights)
{
  if (insights == NULL)
    return;
  g_clear_pointer (&insights->lead_response_trend, g_array_unref);
  g_clear_pointer (&insights->stages, g_array_unref);
  g_clear_pointer (&insights->forecast, g_array_unref);
  g_clear_pointer (&insights->forecast_home, g_array_unref);
  g_clear_pointer (&insights->rates, nudge_rates_free);
  g_free (insights->bottleneck_stage);
  g_free (insights);
}

NudgeInsights *
nudge_insights_compute (NudgeStore  *store,
                        gint64       from,
                        gint64       to,
                        GError     **error)
{
  g_autoptr(NudgeInsights) out = NULL;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);
  g_return_val_if_fail (from <= to, NULL);

  out = g_new0 (NudgeInsights, 1);
  out->from = from;
  out->to = to;
  out->lead_response_trend = g_array_new (FALSE, TRUE, sizeof (NudgeResponseMonth));
  g_array_set_clear_func (out->lead_response_trend, clear_response_month);
  out->stages = g_array_new (FALSE, TRUE, sizeof (NudgeStageMetric));
  g_array_set_clear_func (out->stages, clear_stage_metric);
  out->forecast = g_array_new (FALSE, TRUE, sizeof (NudgeForecastRow));
  g_array_set_clear_func (out->forecast, clear_forecast_row);
  out->forecast_home = g_array_new (FALSE, TRUE, sizeof (NudgeForecastMonth));
  g_array_set_clear_func (out->forecast_home, clear_forecast_month);

  if (!compute_tally (store, out, error) ||
      !compute_stages (store, out, error) ||
      !compute_forecast (store, out, error))
    return NULL;

  return g_steal_pointer (&out);
}
