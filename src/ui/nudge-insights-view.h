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

GtkWidget *nudge_insights_view_new     (NudgeContext *context);
void       nudge_insights_view_refresh (NudgeInsightsView *self);
gboolean   nudge_insights_view_is_loaded (NudgeInsightsView *self);

G_END_DECLS
