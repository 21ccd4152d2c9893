/* nudge-application-private.h — what the application's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-application.h"

G_BEGIN_DECLS

/* The actions of the desktop file's jump list, also activated over D-Bus
 * (org.freedesktop.Application.ActivateAction): the views and the New…
 * dialogs. In nudge-application-actions.c. */
void     _nudge_application_actions_init (NudgeApplication *self);
/* Opens the store ($NUDGE_DB or the default book) and starts the services
 * that need it (reminders, rules, the subscribed calendar file) without
 * opening a window, as `nudge --background` does. */
gboolean _nudge_application_ensure_store (NudgeApplication  *self,
                                          GError           **error);
/* Stops what runs on the book in the background (reminders, rules, the
 * calendar file, the start-up check), as quitting does: for an app that
 * was never run. */
void     _nudge_application_stop_services (NudgeApplication *self);

G_END_DECLS
