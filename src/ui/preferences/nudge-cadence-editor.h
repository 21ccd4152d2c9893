/* nudge-cadence-editor.h — create or change a cadence and its steps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-automation.h"
#include "nudge-context.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_CADENCE_EDITOR (nudge_cadence_editor_get_type ())

G_DECLARE_FINAL_TYPE (NudgeCadenceEditor, nudge_cadence_editor, NUDGE, CADENCE_EDITOR, AdwWindow)

/* Property: "context" (construct-only). @name NULL: a new cadence. */
NudgeCadenceEditor *nudge_cadence_editor_present  (GtkWindow          *parent,
                                                   NudgeContext       *context,
                                                   const char         *name);
void                nudge_cadence_editor_add_step (NudgeCadenceEditor *self,
                                                   int                 offset_days,
                                                   const char         *kind,
                                                   const char         *title);
gboolean            nudge_cadence_editor_save     (NudgeCadenceEditor *self);

G_END_DECLS
