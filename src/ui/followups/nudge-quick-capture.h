/* nudge-quick-capture.h — a follow-up typed in plain words
 *
 * The header "+" button's popover (Ctrl+L): an entry, and under it what
 * was understood (kind, the contact or deal, when, the title) as the user
 * types; the candidates to choose from when the name is ambiguous, the
 * record picker when nothing matched. Enter saves, Escape cancels. The
 * parse (nudge_capture_parse()) runs on a worker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-context.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_QUICK_CAPTURE (nudge_quick_capture_get_type ())
G_DECLARE_FINAL_TYPE (NudgeQuickCapture, nudge_quick_capture, NUDGE, QUICK_CAPTURE, GtkPopover)

/* Property: "context" (construct-only): the book it works on, and its settings. */

/* Signals: "saved" (gint64 id) after a follow-up was added. */
GtkWidget   *nudge_quick_capture_new          (NudgeContext      *context);
/* What the preview shows, one line per row ("Call", "Jan Novák", …),
 * for tests; NULL while a parse is under way. */
char        *nudge_quick_capture_dup_preview  (NudgeQuickCapture *self);
gboolean     nudge_quick_capture_is_busy      (NudgeQuickCapture *self);

G_END_DECLS
