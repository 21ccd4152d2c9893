/* nudge-currency.h — the home currency and the exchange rates the user
 * enters, for totals that read at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-store.h"

G_BEGIN_DECLS

/* 1 unit of @currency is worth @rate units of the home currency, as the
 * user entered it on @as_of. */
typedef struct
{
  char   *currency;
  double  rate;
  gint64  as_of;
} NudgeRate;

void        nudge_rate_free                 (NudgeRate   *rate);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeRate, nudge_rate_free)

/* A currency the deals of the book are in, and how many of them */
typedef struct
{
  char  *currency;
  guint  n_deals;
} NudgeCurrencyUse;

void        nudge_currency_use_free         (NudgeCurrencyUse *use);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeCurrencyUse, nudge_currency_use_free)

/* Rates of one home currency, read once: safe to use on any thread. */
typedef struct _NudgeRates NudgeRates;

char       *nudge_currency_locale_default   (void);
/* The currency of a new deal: @settings' "default-currency", or the
 * region's (nudge_currency_locale_default()) while it is empty or
 * @settings is NULL. */
char       *nudge_currency_for_new_deals   (GSettings   *settings);
char       *nudge_currency_normalize        (const char  *code,
                                             GError     **error);
char       *nudge_currency_format_rate      (double       rate);
/* A rate typed the way the user writes it: "25,20" and "25.20" alike */
gboolean    nudge_currency_parse_rate       (const char  *text,
                                             double      *out_rate);

/* An amount of @currency as typed, perhaps with the currency's sign or
 * code: "12 500 Kč", "12 500,- Kč", "€4,000" (see nudge_parse_money()). */
gboolean    nudge_currency_parse_amount     (const char  *text,
                                             const char  *currency,
                                             gint64      *out_minor,
                                             GError     **error);
char       *nudge_store_get_home_currency   (NudgeStore  *store);
gboolean    nudge_store_set_home_currency   (NudgeStore  *store,
                                             const char  *code,
                                             GError     **error);
gboolean    nudge_store_set_rate            (NudgeStore  *store,
                                             const char  *currency,
                                             double       rate,
                                             gint64       as_of,
                                             GError     **error);
gboolean    nudge_store_remove_rate         (NudgeStore  *store,
                                             const char  *currency,
                                             GError     **error);
GPtrArray  *nudge_store_list_rates          (NudgeStore  *store,
                                             GError     **error);
GPtrArray  *nudge_store_list_deal_currencies (NudgeStore *store,
                                             GError     **error);

NudgeRates *nudge_rates_load                (NudgeStore  *store);
NudgeRates *nudge_rates_new                 (const char  *home);
void        nudge_rates_set                 (NudgeRates  *rates,
                                             const char  *currency,
                                             double       rate);
void        nudge_rates_free                (NudgeRates  *rates);
const char *nudge_rates_get_home            (const NudgeRates *rates);
gboolean    nudge_rates_lookup              (const NudgeRates *rates,
                                             const char  *currency,
                                             double      *out_rate);
gboolean    nudge_rates_convert             (const NudgeRates *rates,
                                             const char  *currency,
                                             gint64       amount_minor,
                                             gint64      *out_home_minor);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeRates, nudge_rates_free)

G_END_DECLS
