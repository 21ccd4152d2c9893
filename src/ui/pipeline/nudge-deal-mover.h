/* nudge-deal-mover.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-context.h"
#include "nudge-deal-move.h"

G_BEGIN_DECLS

/* What came of a move the seller asked for: @move (transfer full) and
 * the toast's words for it, or NULL for both when the seller cancelled
 * a dialog (@cancelled) or the move failed (@error). */
typedef void (*NudgeDealMovedFunc) (NudgeDealMove *move,
                                    const char    *message,
                                    gboolean       cancelled,
                                    const GError  *error,
                                    gpointer       user_data);

void nudge_deal_mover_move (GtkWindow          *parent,
                            NudgeContext       *context,
                            gint64              deal_id,
                            gint64              stage_id,
                            NudgeDealMovedFunc  done,
                            gpointer            user_data,
                            GDestroyNotify      destroy);

G_END_DECLS
