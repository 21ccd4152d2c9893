/* nudge-followup-settings.h — what the app's settings say about new
 * follow-ups, for the app and the command-line tool alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The schema's default for "default-remind-minutes", used where the
 * app's settings are not installed. */
#define NUDGE_DEFAULT_REMIND_MINUTES 15

/* The schema's default for "working-day-start" (09:00). */
#define NUDGE_DEFAULT_WORKDAY_START (9 * 60)

int      nudge_followup_default_remind_minutes (GSettings *settings);
int      nudge_followup_workday_start          (GSettings *settings);
gboolean nudge_followup_skip_weekends          (GSettings *settings);

G_END_DECLS
