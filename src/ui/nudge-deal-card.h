/* nudge-deal-card.h — one deal on the pipeline board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nudge-store.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_DEAL_CARD (nudge_deal_card_get_type ())

G_DECLARE_FINAL_TYPE (NudgeDealCard, nudge_deal_card, NUDGE, DEAL_CARD, GtkWidget)

GtkWidget *nudge_deal_card_new      (void);
void       nudge_deal_card_set_deal (NudgeDealCard *self,
                                     NudgeDeal     *deal,
                                     GMenuModel    *menu,
                                     gint64         now);
NudgeDeal *nudge_deal_card_get_deal (NudgeDealCard *self);

G_END_DECLS
