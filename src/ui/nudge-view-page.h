/* nudge-view-page.h — a page of the window's view stack that builds its
 * view the first time it is needed
 *
 * The window's pages are declared in nudge-window.ui, each with the type
 * of its view and the window's context bound to it; start-up builds only
 * the view on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-context.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_VIEW_PAGE (nudge_view_page_get_type ())

G_DECLARE_FINAL_TYPE (NudgeViewPage, nudge_view_page, NUDGE, VIEW_PAGE, AdwBin)

GType         nudge_view_page_get_view_type (NudgeViewPage *self);
NudgeContext *nudge_view_page_get_context   (NudgeViewPage *self);
void          nudge_view_page_set_context   (NudgeViewPage *self,
                                             NudgeContext  *context);
GtkWidget    *nudge_view_page_get_view      (NudgeViewPage *self);
GtkWidget    *nudge_view_page_ensure_view   (NudgeViewPage *self);

G_END_DECLS
