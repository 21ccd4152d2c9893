/* nudge-record-editor.h — create or edit a deal, contact or company
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-context.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_RECORD_EDITOR (nudge_record_editor_get_type ())

G_DECLARE_FINAL_TYPE (NudgeRecordEditor, nudge_record_editor, NUDGE, RECORD_EDITOR, AdwWindow)

/* @id 0: a new record. */
NudgeRecordEditor *nudge_record_editor_present   (GtkWindow         *parent,
                                                  NudgeContext      *context,
                                                  NudgeEntity        entity,
                                                  gint64             id);
/* For tests and callers that fill the form: the row titled @field. */
void               nudge_record_editor_set_field (NudgeRecordEditor *self,
                                                  const char        *field,
                                                  const char        *value);
/* Saves like the Save button; on failure the message is shown and the
 * form stays open with what was typed. Returns the record's id or 0. */
gint64             nudge_record_editor_save      (NudgeRecordEditor *self);
const char        *nudge_record_editor_get_error (NudgeRecordEditor *self);

G_END_DECLS
