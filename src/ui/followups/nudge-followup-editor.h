/* nudge-followup-editor.h — quick add and edit of a follow-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-context.h"
#include "nudge-date-time-entry.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_FOLLOWUP_EDITOR (nudge_followup_editor_get_type ())

G_DECLARE_FINAL_TYPE (NudgeFollowupEditor, nudge_followup_editor, NUDGE, FOLLOWUP_EDITOR, AdwWindow)

/* Property: "context" (construct-only): the book it works on, and its settings. */

/* @followup NULL = a new one for @deal_id / @contact_id (0 = none). For a
 * repeating follow-up opened from one @occurrence, the editor asks whether
 * the change applies to this occurrence, this and the following ones, or
 * all of them. Its "For" row starts at the deal (else the contact) and can
 * be changed by typing another name; a new follow-up is confirmed with a
 * toast in @parent that opens the record it is for. */
NudgeFollowupEditor *nudge_followup_editor_present (GtkWindow     *parent,
                                                    NudgeContext  *context,
                                                    NudgeFollowup *followup,
                                                    gint64         occurrence,
                                                    gint64         deal_id,
                                                    gint64         contact_id);
void                 nudge_followup_editor_set_day (NudgeFollowupEditor *self,
                                                    int                  year,
                                                    int                  month,
                                                    int                  day);
NudgeDateTimeEntry  *nudge_followup_editor_get_when_entry (NudgeFollowupEditor *self);

G_END_DECLS
