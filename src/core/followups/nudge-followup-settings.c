/* nudge-followup-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-followup-settings"

#include "config.h"

#include "nudge-followup-settings.h"

/* @key of @settings, or @fallback where they are not installed */
static int
get_int (GSettings  *settings,
         const char *key,
         int         fallback)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), fallback);

  return settings != NULL ? g_settings_get_int (settings, key) : fallback;
}

/**
 * nudge_followup_default_remind_minutes:
 * @settings: (nullable): the app's settings, or %NULL where they are not
 *   installed (a test, the command-line tool on its own)
 *
 * Returns: how many minutes before it is due a new follow-up reminds
 */
int
nudge_followup_default_remind_minutes (GSettings *settings)
{
  return get_int (settings, "default-remind-minutes", NUDGE_DEFAULT_REMIND_MINUTES);
}

/**
 * nudge_followup_workday_start:
 * @settings: (nullable): the app's settings, or %NULL where they are not
 *   installed
 *
 * Returns: the minute of the day the seller's working day starts, where
 * a snooze to the morning and a next step planned in days land
 */
int
nudge_followup_workday_start (GSettings *settings)
{
  return get_int (settings, "working-day-start", NUDGE_DEFAULT_WORKDAY_START);
}

/**
 * nudge_followup_skip_weekends:
 * @settings: (nullable): the app's settings, or %NULL where they are not
 *   installed
 *
 * Returns: whether follow-ups planned in days leave out the weekend (as
 * the schema's default does)
 */
gboolean
nudge_followup_skip_weekends (GSettings *settings)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), TRUE);

  return settings == NULL || g_settings_get_boolean (settings, "skip-weekends");
}
