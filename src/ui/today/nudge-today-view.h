/* nudge-today-view.h — the default view: what is overdue, due today and
 * this week, and deals without a next step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-view.h"
#include "nudge-store.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_TODAY_VIEW (nudge_today_view_get_type ())

G_DECLARE_FINAL_TYPE (NudgeTodayView, nudge_today_view, NUDGE, TODAY_VIEW, NudgeView)

/* Signals: "open-record" (NudgeEntity entity, gint64 id) when a row is
 * activated; inside a NudgeWindow the view also calls
 * nudge_window_open_record() itself. Property "overdue-count"; the
 * view also sets the badge of its AdwViewStackPage itself. */
GtkWidget *nudge_today_view_new               (NudgeContext *context);
void       nudge_today_view_refresh           (NudgeTodayView *self);
guint      nudge_today_view_get_overdue_count (NudgeTodayView *self);
gint64     nudge_today_view_get_focused_record (NudgeTodayView *self,
                                                NudgeEntity    *entity);
gboolean   nudge_today_view_is_loaded         (NudgeTodayView *self);

G_END_DECLS
