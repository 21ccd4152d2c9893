/* nudge-rule-editor.h — edit an automation rule's wording and timing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-automation.h"
#include "nudge-context.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_RULE_EDITOR (nudge_rule_editor_get_type ())

G_DECLARE_FINAL_TYPE (NudgeRuleEditor, nudge_rule_editor, NUDGE, RULE_EDITOR, AdwWindow)

/* Property: "context" (construct-only). */
NudgeRuleEditor *nudge_rule_editor_present (GtkWindow    *parent,
                                            NudgeContext *context,
                                            gint64        rule_id);

G_END_DECLS
