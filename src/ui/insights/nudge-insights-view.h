/* nudge-insights-view.h — the metrics, drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-view.h"
#include "nudge-store.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_INSIGHTS_VIEW (nudge_insights_view_get_type ())

G_DECLARE_FINAL_TYPE (NudgeInsightsView, nudge_insights_view, NUDGE, INSIGHTS_VIEW, NudgeView)

/* The periods of the view's drop-down, in its order: whole months up to
 * today, the month in progress the last of them */
typedef enum
{
  NUDGE_INSIGHTS_PERIOD_THIS_MONTH,
  NUDGE_INSIGHTS_PERIOD_3_MONTHS,
  NUDGE_INSIGHTS_PERIOD_12_MONTHS,
  NUDGE_INSIGHTS_PERIOD_THIS_YEAR,
  NUDGE_INSIGHTS_N_PERIODS
} NudgeInsightsPeriod;

GtkWidget          *nudge_insights_view_new        (NudgeContext        *context);
void                nudge_insights_view_refresh    (NudgeInsightsView   *self);
gboolean            nudge_insights_view_is_loaded  (NudgeInsightsView   *self);
NudgeInsightsPeriod nudge_insights_view_get_period (NudgeInsightsView   *self);
void                nudge_insights_view_set_period (NudgeInsightsView   *self,
                                                    NudgeInsightsPeriod  period);

G_END_DECLS
