/* test-followup-settings.c — what the app's settings say about new
 * follow-ups, read the same way by the app and nudge-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "nudge-followup-settings.h"

/* Where the settings are not installed: the schema's default. */
static void
test_remind_without_settings (void)
{
  g_assert_cmpint (nudge_followup_default_remind_minutes (NULL), ==, 15);
  g_assert_cmpint (nudge_followup_default_remind_minutes (NULL), ==, NUDGE_DEFAULT_REMIND_MINUTES);
}

/* The preference as the seller set it, and its default untouched. */
static void
test_remind_from_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  g_settings_reset (settings, "default-remind-minutes");
  g_assert_cmpint (nudge_followup_default_remind_minutes (settings), ==, NUDGE_DEFAULT_REMIND_MINUTES);
  g_settings_set_int (settings, "default-remind-minutes", 60);
  g_assert_cmpint (nudge_followup_default_remind_minutes (settings), ==, 60);
  g_settings_set_int (settings, "default-remind-minutes", 0);
  g_assert_cmpint (nudge_followup_default_remind_minutes (settings), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/followup-settings/remind-without-settings", test_remind_without_settings);
  g_test_add_func ("/core/followup-settings/remind-from-settings", test_remind_from_settings);
  return g_test_run ();
}
