/* nudge-record-picker.h — choose a deal or contact by typing its name
 *
 * An entry with the matching deals and contacts listed under it as the
 * user types (the store's full-text search, run on a worker thread). A
 * click, Enter on the entry (the first match) or Enter on a row picks one;
 * the entry then shows the record and "record-id" is set. Editing the text
 * again drops the pick.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-context.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_RECORD_PICKER (nudge_record_picker_get_type ())

G_DECLARE_FINAL_TYPE (NudgeRecordPicker, nudge_record_picker, NUDGE, RECORD_PICKER, GtkWidget)

/* Properties: "context" (the book searched; settable, since a dialog's
 * template declares the picker before the dialog has its context),
 * "record-id" (gint64, 0 = none picked), "entity" (the picked record's
 * NudgeEntity), "text" (what the entry holds). */
GtkWidget    *nudge_record_picker_new         (NudgeContext      *context);
void          nudge_record_picker_set_context (NudgeRecordPicker *self,
                                               NudgeContext      *context);
/* Lists only contacts, for what a deal needs a contact for. */
void          nudge_record_picker_set_contacts_only (NudgeRecordPicker *self);
/* @entity NUDGE_ENTITY_DEAL or NUDGE_ENTITY_CONTACT; @id 0 clears. */
void          nudge_record_picker_set_record  (NudgeRecordPicker *self,
                                               NudgeEntity        entity,
                                               gint64             id);
gint64        nudge_record_picker_get_record  (NudgeRecordPicker *self,
                                               NudgeEntity       *entity);
/* What the user typed: not empty while nothing is picked means a name
 * that was never chosen from the list. */
const char   *nudge_record_picker_get_text    (NudgeRecordPicker *self);
void          nudge_record_picker_set_text    (NudgeRecordPicker *self,
                                               const char        *text);
/* The matches listed for the text (NudgeDeal and NudgeContact items). */
GListModel   *nudge_record_picker_get_matches (NudgeRecordPicker *self);
/* Whether a search is under way or waiting for the typing to pause. */
gboolean      nudge_record_picker_is_busy     (NudgeRecordPicker *self);
/* Picks the match at @position, as a click on it does. */
void          nudge_record_picker_pick        (NudgeRecordPicker *self,
                                               guint              position);

G_END_DECLS
