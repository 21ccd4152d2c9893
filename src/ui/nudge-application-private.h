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
void _nudge_application_actions_init (NudgeApplication *self);

G_END_DECLS
