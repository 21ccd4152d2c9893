/* nudge-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-context.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_PREFERENCES_WINDOW (nudge_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (NudgePreferencesWindow, nudge_preferences_window, NUDGE, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget    *nudge_preferences_window_new         (NudgeContext           *context);

G_END_DECLS
