/* nudge-reminders.h — reminders in the running app, and background mode
 *
 * Makes the scheduler and the notifier for the application's store,
 * installs the actions the notifications use (app.followup-done,
 * app.followup-snooze, app.open-followup), applies the quiet-hours
 * preferences, and keeps the service running with the window closed when
 * run-in-background is on (also writing or removing the autostart entry).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "nudge-store.h"

G_BEGIN_DECLS

typedef struct _NudgeReminders NudgeReminders;

/* Owned by the NudgeContext (nudge_context_start_services()). */
NudgeReminders *nudge_reminders_new    (GtkApplication *app,
                                        NudgeStore     *store,
                                        GSettings      *settings);
void     nudge_reminders_free          (NudgeReminders *reminders);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeReminders, nudge_reminders_free)
/* Writes (or removes) ~/.config/autostart/<app-id>.desktop that starts
 * this installation's program with --background, and --db=@db_path
 * unless it is NULL (the default book); in Flatpak asks the Background
 * portal. */
gboolean nudge_reminders_set_autostart (gboolean        enabled,
                                        const char     *db_path,
                                        GError        **error);

/* Called by the main window's close-request: the first time the window
 * of an app that would quit with it closes while a reminder is still to
 * come and Run in background is off, asks whether to keep reminding;
 * returns %TRUE when it asked (the window closes once answered, stays
 * open when the question is dismissed). */
gboolean nudge_reminders_ask_on_close (NudgeReminders *reminders,
                                       GtkWindow      *window);

/* "Background" preferences group: the Run in background switch. */
GtkWidget *nudge_reminders_preferences_group_new (GSettings *settings);

G_END_DECLS
