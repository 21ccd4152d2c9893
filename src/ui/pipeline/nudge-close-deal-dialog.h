/* nudge-close-deal-dialog.h — confirm a won deal, ask why a deal was lost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nudge-context.h"

G_BEGIN_DECLS

/* Called with confirmed = FALSE on Cancel; reason is NULL for won
 * deals; cancel_followups when the seller kept the offer to cancel the
 * deal's open follow-ups (FALSE when it had none). */
typedef void (*NudgeCloseDealFunc) (gboolean    confirmed,
                                    const char *reason,
                                    gboolean    cancel_followups,
                                    gpointer    user_data);

GtkWidget *nudge_close_deal_dialog_present (GtkWindow          *parent,
                                            NudgeContext       *context,
                                            NudgeDeal          *deal,
                                            NudgeDealStatus     status,
                                            NudgeCloseDealFunc  func,
                                            gpointer            user_data,
                                            GDestroyNotify      destroy);

G_END_DECLS
