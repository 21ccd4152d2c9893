/* nudge-pipelines-page.h — preferences: pipelines, stages, lost reasons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nudge-context.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_PIPELINES_PAGE (nudge_pipelines_page_get_type ())

G_DECLARE_FINAL_TYPE (NudgePipelinesPage, nudge_pipelines_page, NUDGE, PIPELINES_PAGE, AdwPreferencesPage)

/* Properties: "context" (construct-only). */
GtkWidget *nudge_pipelines_page_new (NudgeContext *context);

G_END_DECLS
