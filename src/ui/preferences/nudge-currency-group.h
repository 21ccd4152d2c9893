/* nudge-currency-group.h — the home currency and exchange rates in
 * Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-context.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_CURRENCY_GROUP (nudge_currency_group_get_type ())

G_DECLARE_FINAL_TYPE (NudgeCurrencyGroup, nudge_currency_group, NUDGE, CURRENCY_GROUP, AdwPreferencesGroup)

/* The context, set once by the Preferences window whose template
 * declares the group. */
void        nudge_currency_group_set_context (NudgeCurrencyGroup *self,
                                              NudgeContext       *context);
/* The dialog that adds or edits a rate; @currency NULL for a new one */
GtkWidget  *nudge_currency_group_edit_rate   (NudgeCurrencyGroup *self,
                                              const char         *currency);

G_END_DECLS
