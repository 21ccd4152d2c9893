/* nudge-insights.h — the seller's metrics over a period
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-currency.h"
#include "nudge-pipeline.h"
#include "nudge-store.h"

G_BEGIN_DECLS

typedef struct
{
  char   *stage_name;
  int     position;
  gboolean open;             /* an open stage (not won/lost) */
  guint   entered;           /* deals that entered the stage in the period */
  guint   advanced;          /* … of which moved on to a later stage or won */
  double  conversion;        /* advanced / entered, 0–1; -1 when nothing entered */
  double  mean_days;         /* mean time spent in the stage; -1 when unknown */
} NudgeStageMetric;

typedef struct
{
  char   *month;             /* "2026-12" */
  char   *currency;          /* "CZK" */
  gint64  weighted_minor;    /* Σ amount × probability */
  gint64  total_minor;
} NudgeForecastRow;

/* One month of the weighted forecast in the home currency */
typedef struct
{
  char                *month;               /* "2026-12" */
  NudgePipelineTotals *totals;              /* open deals expected to close then */
  gint64               weighted_home_minor; /* what has a rate, converted */
  gint64               total_home_minor;
  gboolean             converted;           /* any of it was converted: "≈" */
  guint                apart;               /* deals without a rate, not in the figures */
} NudgeForecastMonth;

typedef struct
{
  char   *month;             /* "2026-05": deals created that month */
  double  median_hours;
  guint   n_deals;
} NudgeResponseMonth;

typedef struct
{
  gint64      from;
  gint64      to;

  double      lead_response_median_hours;   /* -1 when no deal was touched */
  guint       lead_response_n;
  GArray     *lead_response_trend;          /* NudgeResponseMonth */
  double      first_touch_reply_rate;       /* -1 when no first touch */
  guint       first_touch_n;
  double      touches_per_won_deal;         /* -1 when none won */
  double      touches_per_lost_deal;        /* -1 when none lost */
  guint       won_n;
  guint       lost_n;
  double      followup_interval_mean_days;  /* -1 when unknown */
  double      followup_on_time_rate;        /* -1 when none done */
  guint       followups_done_n;
  guint       followups_on_time_n;
  GArray     *stages;                       /* NudgeStageMetric, pipeline order */
  char       *bottleneck_stage;             /* NULL when unknown */
  GArray     *forecast;                     /* NudgeForecastRow, by month then currency */
  NudgeRates *rates;                        /* the home currency and rates, as read */
  GArray     *forecast_home;                /* NudgeForecastMonth, by month */
} NudgeInsights;

NudgeInsights *nudge_insights_compute (NudgeStore     *store,
                                       gint64          from,
                                       gint64          to,
                                       GError        **error);
void           nudge_insights_free    (NudgeInsights  *insights);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeInsights, nudge_insights_free)

G_END_DECLS
