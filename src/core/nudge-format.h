/* nudge-format.h — money, dates and numbers as the user's locale writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int       nudge_currency_digits        (const char  *currency);
const char *nudge_currency_symbol      (const char  *currency);
char     *nudge_format_money           (gint64       amount_minor,
                                        const char  *currency);
char     *nudge_format_money_whole     (gint64       amount_minor,
                                        const char  *currency);
char     *nudge_format_number          (double       value,
                                        int          digits);
gboolean  nudge_parse_money            (const char  *text,
                                        const char  *currency,
                                        gint64      *out_minor,
                                        GError     **error);
char     *nudge_format_date            (gint64       unix_seconds);
char     *nudge_format_time            (gint64       unix_seconds);
char     *nudge_format_datetime        (gint64       unix_seconds);
char     *nudge_format_relative_day    (gint64       unix_seconds,
                                        gint64       now);
char     *nudge_format_iso_date        (gint64       unix_seconds);
int       nudge_days_between           (gint64       from,
                                        gint64       to);
GDateWeekday nudge_locale_first_weekday (void);

G_END_DECLS
