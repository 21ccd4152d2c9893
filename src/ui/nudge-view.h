/* nudge-view.h — what every main view shares: the context
 *
 * Today, Pipeline, List, Calendar and Insights derive from NudgeView,
 * which holds the construct-only "context" (the book and its services),
 * tells a view when it becomes narrow, and holds the "selected-deal" that
 * the Pipeline and the List set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "nudge-context.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_VIEW (nudge_view_get_type ())

G_DECLARE_DERIVABLE_TYPE (NudgeView, nudge_view, NUDGE, VIEW, GtkWidget)

struct _NudgeViewClass
{
  GtkWidgetClass parent_class;

  /* after the allocation that crossed the narrow width */
  void     (*narrow_changed) (NudgeView *self);
  /* where the keyboard starts when the view is switched to: by default
   * its first control; %FALSE while there is none yet (see
   * nudge_view_content_ready()) */
  gboolean (*focus_start)    (NudgeView *self);
};

NudgeContext *nudge_view_get_context      (NudgeView *self);
NudgeStore   *nudge_view_get_store        (NudgeView *self);
void          nudge_view_set_narrow_width (NudgeView *self,
                                           int        width);
gboolean      nudge_view_get_narrow       (NudgeView *self);
gboolean      nudge_view_focus_start      (NudgeView *self);
void          nudge_view_content_ready    (NudgeView *self);
gint64        nudge_view_get_selected_deal (NudgeView *self);
void          nudge_view_set_selected_deal (NudgeView *self,
                                            gint64     deal_id);

/* Disconnects a handler from a frame clock and drops the clock: GDK
 * disposes a window's frame clock, handlers and all, when the window
 * goes, so the handler may be gone already. */
void             nudge_clear_clock_handler    (GdkFrameClock **clock,
                                               gulong         *handler_id);

/* The style sheets of the board and the calendar, for the display, once.
 * The application loads them before its first window: added later, a
 * style sheet restyles every widget of every window. */
void             nudge_view_load_styles       (void);

G_END_DECLS
