/* nudge-repeat-rows.h — a custom repeat, by clicking
 *
 * "Every 2 weeks on Monday and Thursday": the follow-up editor's Custom
 * choice is an interval, a unit (days, weeks, months, years) and, by
 * the week, the days, Monday first. They make the rule's frequency part
 * (FREQ, INTERVAL, BYDAY); its end comes from the editor's Ends rows,
 * as for every other choice. A rule they cannot show (BYSETPOS, hours…)
 * stays a rule typed by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef struct
{
  GtkSpinButton   *interval;
  GtkDropDown     *unit;
  GtkWidget       *days_row;
  GtkToggleButton *days[7];     /* Monday first */
} NudgeRepeatRows;

/* Fills @days_box with the days of the week; @changed (swapped, with
 * @data) runs when the user changes any of it. */
void      nudge_repeat_rows_init     (NudgeRepeatRows *rows,
                                      GtkSpinButton   *interval,
                                      GtkDropDown     *unit,
                                      GtkWidget       *days_row,
                                      GtkFlowBox      *days_box,
                                      GCallback        changed,
                                      gpointer         data);
/* Shows the days by the week only (@start's pressed when none is), and
 * the unit in the interval's number ("1 week", "2 weeks"). */
void      nudge_repeat_rows_update   (NudgeRepeatRows *rows,
                                      gboolean         shown,
                                      GDateTime       *start);
/* The rule's frequency part for a series starting on @start: by the
 * week on @start's day when no day is chosen. */
char     *nudge_repeat_rows_get_rule (NudgeRepeatRows *rows,
                                      GDateTime       *start);
/* Shows @rule (without COUNT or UNTIL); FALSE, changing nothing, when
 * it says more than the rows can. */
gboolean  nudge_repeat_rows_set_rule (NudgeRepeatRows *rows,
                                      const char      *rule);

G_END_DECLS
