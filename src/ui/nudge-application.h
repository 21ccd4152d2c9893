/* nudge-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-context.h"
#include "nudge-store.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_APPLICATION (nudge_application_get_type ())

G_DECLARE_FINAL_TYPE (NudgeApplication, nudge_application, NUDGE, APPLICATION, AdwApplication)

NudgeApplication *nudge_application_new          (void);
/* The open book's context; NULL until the book opened. */
NudgeContext     *nudge_application_get_context  (NudgeApplication *self);
NudgeStore       *nudge_application_get_store    (NudgeApplication *self);
/* Whether `nudge --background` keeps the process running with no window. */
gboolean          nudge_application_get_held_in_background (NudgeApplication *self);
/* Whether Quit is closing every window (the process ends whatever they say). */
gboolean          nudge_application_get_quitting (NudgeApplication *self);
GtkWindow        *nudge_application_present_main_window (NudgeApplication *self,
                                                         const char       *view);

G_END_DECLS
