/* nudge-format.h — money, dates and numbers as the user's locale writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int       nudge_currency_digits        (const char  *currency);
gint64    nudge_currency_minor_per_unit (const char *currency);
const char *nudge_currency_symbol      (const char  *currency);
char     *nudge_format_money           (gint64       amount_minor,
                                        const char  *currency);
char     *nudge_format_money_whole     (gint64       amount_minor,
                                        const char  *currency);
char     *nudge_format_money_brief     (gint64       amount_minor,
                                        const char  *currency);
/* The amount as the user types it in the locale: "525 000,00" in
 * Czech, "525,000.00" in English, no currency sign; nudge_parse_money()
 * reads it back. */
char     *nudge_format_amount          (gint64       amount_minor,
                                        const char  *currency);
char     *nudge_format_number          (double       value,
                                        int          digits);
char     *nudge_format_percent         (double       percent);
gboolean  nudge_parse_money            (const char  *text,
                                        const char  *currency,
                                        gint64      *out_minor,
                                        GError     **error);
char     *nudge_format_date            (gint64       unix_seconds);
char     *nudge_format_date_of         (GDateTime   *dt);
char     *nudge_format_time            (gint64       unix_seconds);
char     *nudge_format_datetime        (gint64       unix_seconds);
gboolean  nudge_format_clock_is_12h    (void);
char     *nudge_format_clock_time      (int          hour,
                                        int          minute);
const char *nudge_format_time_pattern  (void);
char     *nudge_format_relative_day    (gint64       unix_seconds,
                                        gint64       now);
char     *nudge_format_relative_day_in_sentence (gint64 unix_seconds,
                                                 gint64 now);
char     *nudge_format_until           (gint64       unix_seconds,
                                        gint64       now);
char     *nudge_format_capitalize      (const char  *text);
char     *nudge_format_iso_date        (gint64       unix_seconds);
int       nudge_days_between           (gint64       from,
                                        gint64       to);
GDateWeekday nudge_locale_first_weekday (void);
/* A date as typed: the locale's short format (3.12.2026, 12/3/2026,
 * 03.12.26; day and month alone mean this year) or ISO 8601
 * (2026-12-03). A time as typed: 9, 9:00, 09:00, 21:30, 930, 9 PM,
 * 9:00 p.m. (English and the locale's AM/PM words). */
gboolean  nudge_parse_date             (const char  *text,
                                        int         *year,
                                        int         *month,
                                        int         *day);
gboolean  nudge_parse_time             (const char  *text,
                                        int         *hour,
                                        int         *minute);

/* Links from record fields, escaped with GUri: @scheme "mailto" (the
 * address is one address: "?", "&" and the like are escaped), "tel"
 * (digits and a leading +) or "http" (http or https only; "example.com"
 * becomes https://example.com/). NULL when @value makes no such link. */
char     *nudge_format_contact_uri     (const char  *scheme,
                                        const char  *value);
char     *nudge_format_mailto_uri      (const char  *address,
                                        const char  *subject,
                                        const char  *body);
/* Appends @text as one CSV field (RFC 4180 quoting); a field that a
 * spreadsheet would run as a formula (= + - @ at the start) gets a
 * leading apostrophe. */
void      nudge_format_append_csv_field (GString    *out,
                                         const char *text);
/* The same for a file whose fields @separator parts (";" for a
 * spreadsheet that reads decimal commas) */
void      nudge_format_append_csv_field_sep (GString    *out,
                                             const char *text,
                                             char        separator);
/* Appends @text in double quotes, a quote in it doubled: one CSV field
 * whatever it holds, as it is. */
void      nudge_format_append_csv_quoted (GString    *out,
                                          const char *text);

G_END_DECLS
