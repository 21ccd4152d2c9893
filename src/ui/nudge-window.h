/* nudge-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-application.h"
#include "nudge-context.h"
#include "nudge-store.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_WINDOW (nudge_window_get_type ())

G_DECLARE_FINAL_TYPE (NudgeWindow, nudge_window, NUDGE, WINDOW, AdwApplicationWindow)

NudgeWindow *nudge_window_new         (NudgeApplication *app,
                                       NudgeContext     *context);
NudgeContext *nudge_window_get_context (NudgeWindow     *self);
void         nudge_window_show_view   (NudgeWindow      *self,
                                       const char       *name);
const char  *nudge_window_get_view    (NudgeWindow      *self);
void         nudge_window_add_toast   (NudgeWindow      *self,
                                       AdwToast         *toast);
gint64       nudge_window_get_selected_record (NudgeWindow *self,
                                               NudgeEntity *entity);
void         nudge_window_open_record (NudgeWindow      *self,
                                       NudgeEntity       entity,
                                       gint64            id);
/* The header bar's search over the whole book (a NudgeSearchPopover). */
GtkWidget   *nudge_window_get_search  (NudgeWindow      *self);

G_END_DECLS
