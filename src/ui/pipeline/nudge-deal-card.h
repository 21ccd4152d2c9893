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

/* Builds the card's menu when it is opened (menus are not built for
 * every card shown: a board holds thousands). */
typedef GMenuModel *(*NudgeDealCardMenuFunc) (NudgeDeal *deal,
                                              gpointer   user_data);

GtkWidget *nudge_deal_card_new      (NudgeDealCardMenuFunc  menu_func,
                                     gpointer               user_data);
void       nudge_deal_card_set_deal (NudgeDealCard         *self,
                                     NudgeDeal             *deal,
                                     gint64                 now);
NudgeDeal *nudge_deal_card_get_deal (NudgeDealCard *self);
/* Opens the card's menu, as its ⋮ button does (the Menu key). */
void       nudge_deal_card_popup_menu (NudgeDealCard *self);

G_END_DECLS
