/* nudge-tooltip.h — tooltips that cost nothing until they are shown
 *
 * gtk_widget_set_tooltip_text() asks the display server where the pointer
 * is, once per call: hundreds of chips or cards would cost a round trip
 * each. These tooltips look the same to the user; the text is handed to
 * GTK only in "query-tooltip".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A tooltip whose text changes (a card rebound to another deal): kept in
 * the owner's struct, cleared in its dispose. */
typedef struct
{
  char   *text;
  gulong  handler_id;
} NudgeTooltip;

/* Sets (or with NULL removes) @widget's tooltip; FALSE when it was
 * already @text. */
gboolean nudge_tooltip_set        (NudgeTooltip *tooltip,
                                   GtkWidget    *widget,
                                   const char   *text);
void     nudge_tooltip_clear      (NudgeTooltip *tooltip);
/* A tooltip set once, for the widget's lifetime. */
void     nudge_tooltip_set_static (GtkWidget    *widget,
                                   const char   *text);

/* GTK 4.8 shows a menu button's tooltip over the menu it has just opened
 * (the pointer is still on the button), covering the first item: while
 * a popover is shown, the tooltip of the widget it points from is off.
 * Once, at start-up. */
void     nudge_tooltip_hush_under_popovers (void);

G_END_DECLS
