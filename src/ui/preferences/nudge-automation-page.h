/* nudge-automation-page.h — preferences: rules, cadences, scoring weights
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-context.h"
#include "nudge-scoring.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_AUTOMATION_PAGE (nudge_automation_page_get_type ())

G_DECLARE_FINAL_TYPE (NudgeAutomationPage, nudge_automation_page, NUDGE, AUTOMATION_PAGE, AdwPreferencesPage)

/* Property: "context" (construct-only; it must carry settings). */
GtkWidget         *nudge_automation_page_new             (NudgeContext *context);
NudgeScoreWeights *nudge_score_weights_new_from_settings (GSettings    *settings);

G_END_DECLS
