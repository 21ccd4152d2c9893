/* nudge-chart.h — a small bar chart drawn with GtkSnapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define NUDGE_TYPE_CHART (nudge_chart_get_type ())

G_DECLARE_FINAL_TYPE (NudgeChart, nudge_chart, NUDGE, CHART, GtkWidget)

typedef enum
{
  NUDGE_BAR_PLAIN,
  NUDGE_BAR_HIGHLIGHT,  /* the one that stands out: the slowest stage */
  NUDGE_BAR_PARTIAL,    /* a month not over yet, drawn lighter */
} NudgeBarStyle;

GtkWidget *nudge_chart_new        (void);
void       nudge_chart_clear      (NudgeChart     *self);
void       nudge_chart_add_bar    (NudgeChart     *self,
                                   const char     *label,
                                   double          value,
                                   const char     *value_text,
                                   NudgeBarStyle   style);
guint      nudge_chart_get_n_bars (NudgeChart     *self);
const char *nudge_chart_get_bar_label      (NudgeChart *self,
                                            guint       i);
const char *nudge_chart_get_bar_value_text (NudgeChart *self,
                                            guint       i);
NudgeBarStyle nudge_chart_get_bar_style  (NudgeChart *self,
                                           guint       i);
int        nudge_chart_get_label_width (NudgeChart *self);
int        nudge_chart_get_label_column (NudgeChart *self);
void       nudge_chart_set_label_width (NudgeChart *self,
                                        int         width);
int        nudge_chart_get_value_width (NudgeChart *self);
int        nudge_chart_get_value_column (NudgeChart *self);
void       nudge_chart_set_value_width (NudgeChart *self,
                                        int         width);
void       nudge_chart_set_title  (NudgeChart     *self,
                                   const char     *title);
const char *nudge_chart_get_title       (NudgeChart *self);
const char *nudge_chart_get_description (NudgeChart *self);
void       nudge_chart_set_max    (NudgeChart     *self,
                                   double          max);

G_END_DECLS
