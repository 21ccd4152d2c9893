/* nudge-merge-dialog.h — two duplicates side by side: the user picks the
 * value to keep where they differ, then both become one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-context.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_MERGE_DIALOG (nudge_merge_dialog_get_type ())

G_DECLARE_FINAL_TYPE (NudgeMergeDialog, nudge_merge_dialog, NUDGE, MERGE_DIALOG, AdwWindow)

/* Two contacts or two companies; the one created first is kept. NULL,
 * with a warning, when they cannot be merged. On "merge.apply" the
 * dialog merges, closes and shows "Merged into …" with Undo in the
 * parent NudgeWindow. */
NudgeMergeDialog *nudge_merge_dialog_present (GtkWindow    *parent,
                                              NudgeContext *context,
                                              NudgeEntity   entity,
                                              gint64        first_id,
                                              gint64        second_id);

G_END_DECLS
