/* nudge-format.c
 *
 * Amounts use the locale's monetary separators and symbol placement
 * (LC_MONETARY) with the deal's own currency: a Czech user sees
 * "12 500,00 Kč" and "1 200,00 €", an American "$1,200.00".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-format"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nudge-clock.h"
#include "nudge-format.h"
#include "nudge-types.h"

static const struct {
  const char *code;
  const char *symbol;
  int digits;
} currencies[] = {
  { "CZK", "Kč", 2 },
  { "PLN", "zł", 2 },
  { "UAH", "₴", 2 },
  { "EUR", "€", 2 },
  { "USD", "$", 2 },
  { "GBP", "£", 2 },
  { "CHF", "CHF", 2 },
  { "HUF", "Ft", 2 },
  { "SEK", "kr", 2 },
  { "NOK", "kr", 2 },
  { "DKK", "kr.", 2 },
  { "RON", "lei", 2 },
  { "JPY", "¥", 0 },
  { "KRW", "₩", 0 },
};

int
nudge_currency_digits (const char *currency)
{
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (g_strcmp0 (currencies[i].code, currency) == 0)
      return currencies[i].digits;
  return 2;
}

/* Minor units in a whole one: 100 for CZK, 1 for JPY */
gint64
nudge_currency_minor_per_unit (const char *currency)
{
  gint64 scale = 1;

  for (int i = nudge_currency_digits (currency); i > 0; i--)
    scale *= 10;
  return scale;
}

const char *
nudge_currency_symbol (const char *currency)
{
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (g_strcmp0 (currencies[i].code, currency) == 0)
      return currencies[i].symbol;
  return currency;
}

static void
append_grouped (GString    *out,
                guint64     integer,
                const char *thousands_sep,
                const char *grouping)
{
  char digits[32];
  int len = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, integer);
  int group = (grouping != NULL && grouping[0] > 0 && grouping[0] != CHAR_MAX) ? grouping[0] : 0;

  for (int i = 0; i < len; i++)
    {
      g_string_append_c (out, digits[i]);
      if (group > 0 && thousands_sep && *thousands_sep && (len - i - 1) > 0 && (len - i - 1) % group == 0)
        g_string_append (out, thousands_sep);
    }
}

/* Groups with a no-break space where the locale uses a plain one, so an
 * amount never wraps in the middle. */
static const char *
nbsp_if_space (const char *sep)
{
  if (sep != NULL && (strcmp (sep, " ") == 0 || strcmp (sep, "\u202f") == 0))
    return "\u00a0";
  return sep;
}

/* A whole percentage as the language writes it: "10%" in English,
 * "10 %" in Czech. */
char *
nudge_format_percent (double percent)
{
  g_autofree char *number = nudge_format_number (percent, 0);

  /* Translators: a percentage, %s is the number ("10%"). Put a space
   * before the sign if your language does (Czech "10 %": use a no-break
   * space, U+00A0, so the sign never wraps onto a line of its own). */
  return g_strdup_printf (_("%s%%"), number);
}

char *
nudge_format_number (double value,
                     int    digits)
{
  struct lconv *lc = localeconv ();
  g_autoptr(GString) out = g_string_new (NULL);
  double rounded;
  guint64 integer;
  double frac;

  if (value < 0)
    {
      g_string_append (out, "−");
      value = -value;
    }
  rounded = round (value * pow (10, digits)) / pow (10, digits);
  integer = (guint64) floor (rounded);
  frac = rounded - (double) integer;
  append_grouped (out, integer, nbsp_if_space (lc->thousands_sep), lc->grouping);
  if (digits > 0)
    {
      char buf[32];

      g_snprintf (buf, sizeof buf, "%0*.0f", digits, frac * pow (10, digits));
      g_string_append (out, *lc->decimal_point ? lc->decimal_point : ".");
      g_string_append (out, buf);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *format_money_digits (gint64      amount_minor,
                                  const char *currency,
                                  int         digits);

/* Rounded to whole units, half away from zero: the column totals and the
 * cards of the board, where cents are noise. */
char *
nudge_format_money_whole (gint64      amount_minor,
                          const char *currency)
{
  gint64 scale = nudge_currency_minor_per_unit (currency);
  gint64 whole;

  if (scale == 1)
    return nudge_format_money (amount_minor, currency);
  whole = amount_minor >= 0 ? (amount_minor + scale / 2) / scale : -((-amount_minor + scale / 2) / scale);
  return format_money_digits (whole, currency, 0);
}

char *
nudge_format_money (gint64      amount_minor,
                    const char *currency)
{
  return format_money_digits (amount_minor, currency, nudge_currency_digits (currency));
}

/* Without decimals when there are none to show, as the board writes a
 * deal's amount: "975 000 Kč", but "12 500,50 Kč". For a deal's own
 * amount (the List, its page), where cents that exist still count. */
char *
nudge_format_money_brief (gint64      amount_minor,
                          const char *currency)
{
  gint64 scale = nudge_currency_minor_per_unit (currency);

  if (amount_minor % scale == 0)
    return format_money_digits (amount_minor / scale, currency, 0);
  return nudge_format_money (amount_minor, currency);
}

/* The magnitude of @amount_minor with @digits decimals, grouped and
 * with the decimal separator of the locale's money */
static GString *
format_magnitude (gint64 amount_minor,
                  int    digits)
{
  struct lconv *lc = localeconv ();
  GString *number = g_string_new (NULL);
  guint64 scale = 1;
  guint64 magnitude;
  const char *decimal = *lc->mon_decimal_point ? lc->mon_decimal_point
                        : (*lc->decimal_point ? lc->decimal_point : ".");
  const char *thousands = *lc->mon_thousands_sep ? lc->mon_thousands_sep : lc->thousands_sep;
  const char *grouping = *lc->mon_grouping ? lc->mon_grouping : lc->grouping;

  /* In the "C" locale there is no grouping at all; group by three with a
   * comma so 1250000 still reads as an amount. */
  if (grouping == NULL || *grouping == '\0')
    {
      grouping = "\3";
      thousands = ",";
    }

  for (int i = 0; i < digits; i++)
    scale *= 10;
  magnitude = amount_minor < 0 ? (guint64) (-(amount_minor + 1)) + 1 : (guint64) amount_minor;

  append_grouped (number, magnitude / scale, nbsp_if_space (thousands), grouping);
  if (digits > 0)
    g_string_append_printf (number, "%s%0*" G_GUINT64_FORMAT, decimal, digits, magnitude % scale);
  return number;
}

char *
nudge_format_amount (gint64      amount_minor,
                     const char *currency)
{
  g_autoptr(GString) number = format_magnitude (amount_minor, nudge_currency_digits (currency));

  return g_strdup_printf ("%s%s", amount_minor < 0 ? "−" : "", number->str);
}

static char *
format_money_digits (gint64      amount_minor,
                     const char *currency,
                     int         digits)
{
  struct lconv *lc = localeconv ();
  g_autoptr(GString) number = format_magnitude (amount_minor, digits);
  gboolean negative = amount_minor < 0;
  const char *symbol = nudge_currency_symbol (currency);
  gboolean precedes;
  gboolean space;

  precedes = negative ? lc->n_cs_precedes : lc->p_cs_precedes;
  space = (negative ? lc->n_sep_by_space : lc->p_sep_by_space) == 1;
  if (precedes == CHAR_MAX)
    {
      /* "C" locale: code after the number, as in most of Europe. */
      precedes = FALSE;
      space = TRUE;
    }

  if (precedes)
    return g_strdup_printf ("%s%s%s%s", negative ? "−" : "", symbol, space ? "\u00a0" : "", number->str);
  else
    return g_strdup_printf ("%s%s%s%s", negative ? "−" : "", number->str, "\u00a0", symbol);
}

/* Whole units an amount may have: a quadrillion, far from overflowing
 * gint64 in minor units. */
#define MONEY_MAX_WHOLE_DIGITS 15

static gboolean
is_group_space (gunichar c)
{
  return c == ' ' || c == 0x00a0 || c == 0x202f || c == '\'';
}

/* @text without white space (no-break spaces too) at either end. */
static char *
strip_spaces (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);

  while (*start && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);

      if (prev == NULL || !g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

/* Accepts "1234.50", "1 234,50", "1,234.50", "1.234,50", "12'500" and
 * "1234". A "." or "," is the decimal separator when it is the last
 * separator, occurs once and is followed by at most the currency's
 * digits; every other separator groups thousands, so the groups after the
 * first have three digits ("1,2,3" and "1.2.3.4" are refused). */
gboolean
nudge_parse_money (const char  *text,
                   const char  *currency,
                   gint64      *out_minor,
                   GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autofree char *trimmed = NULL;
  int n_digits = nudge_currency_digits (currency);
  const char *decimal = NULL;
  const char *last_sep = NULL;
  int group = 0, groups = 0, frac = 0, whole = 0;
  const char *p;

  if (text == NULL)
    goto bad;
  trimmed = strip_spaces (text);

  for (p = trimmed; *p; p++)
    if (*p == '.' || *p == ',')
      last_sep = p;
  if (last_sep != NULL && strchr (trimmed, *last_sep) == last_sep)
    {
      int after = 0;

      for (p = last_sep + 1; g_ascii_isdigit (*p); p++)
        after++;
      if (*p == '\0' && after > 0 && after <= n_digits)
        decimal = last_sep;
    }

  for (p = trimmed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (p == decimal)
        {
          if (groups > 0 && group != 3)
            goto bad;
          groups = -1;                  /* in the fraction */
          continue;
        }
      if (c >= '0' && c <= '9')
        {
          if (groups < 0)
            frac++;
          else
            {
              group++;
              whole++;
            }
          g_string_append_c (digits, (char) c);
        }
      else if (groups >= 0 && (c == '.' || c == ',' || is_group_space (c)))
        {
          /* A thousands separator: between digits, after a full group. */
          if (group == 0 || (groups > 0 && group != 3) || (groups == 0 && group > 3))
            goto bad;
          groups++;
          group = 0;
        }
      else
        goto bad;
    }
  if (groups > 0 && group != 3)
    goto bad;

  if (digits->len == 0)
    goto bad;
  if (whole > MONEY_MAX_WHOLE_DIGITS)
    {
      /* Leading zeros do not count. */
      const char *d = digits->str;
      int significant = whole;

      while (significant > 0 && *d == '0')
        d++, significant--;
      if (significant > MONEY_MAX_WHOLE_DIGITS)
        {
          g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                       _("“%s” is too large an amount"), text);
          return FALSE;
        }
    }
  for (; frac < n_digits; frac++)
    g_string_append_c (digits, '0');

  *out_minor = (gint64) g_ascii_strtoull (digits->str, NULL, 10);
  return TRUE;

bad:
  g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
               _("“%s” is not an amount (e.g. 12500 or 12 500,50)"), text ? text : "");
  return FALSE;
}

/* The address part of a mailto: URI: one addr-spec, nothing after it
 * (RFC 6068 reserves "?" and "&" for headers). */
static char *
escape_address (const char *address)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (address ? address : ""));

  return g_uri_escape_string (trimmed, "@!$'()*+,;:", FALSE);
}

char *
nudge_format_mailto_uri (const char *address,
                         const char *subject,
                         const char *body)
{
  g_autofree char *to = escape_address (address);
  GString *uri = g_string_new ("mailto:");
  char sep = '?';

  g_string_append (uri, to);
  if (subject != NULL && *subject != '\0')
    {
      g_autofree char *esc = g_uri_escape_string (subject, NULL, FALSE);
      g_string_append_printf (uri, "%csubject=%s", sep, esc);
      sep = '&';
    }
  if (body != NULL && *body != '\0')
    {
      g_autofree char *esc = g_uri_escape_string (body, NULL, FALSE);
      g_string_append_printf (uri, "%cbody=%s", sep, esc);
    }
  return g_string_free (uri, FALSE);
}

static char *
web_uri (const char *value)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (value));
  const char *scheme = g_uri_peek_scheme (trimmed);
  g_autofree char *candidate = NULL;
  g_autoptr(GUri) uri = NULL;

  if (*trimmed == '\0')
    return NULL;
  if (scheme != NULL && (g_str_equal (scheme, "http") || g_str_equal (scheme, "https")))
    candidate = g_steal_pointer (&trimmed);
  else if (strstr (trimmed, "://") != NULL ||
           (scheme != NULL && strchr (scheme, '.') == NULL))
    return NULL;                        /* ftp://, javascript:, file:… */
  else
    candidate = g_strconcat ("https://", trimmed, NULL);

  uri = g_uri_parse (candidate, G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;
  return g_uri_to_string (uri);
}

char *
nudge_format_contact_uri (const char *scheme,
                          const char *value)
{
  g_return_val_if_fail (scheme != NULL, NULL);

  if (value == NULL || *value == '\0')
    return NULL;
  if (g_str_equal (scheme, "mailto"))
    {
      g_autofree char *address = escape_address (value);

      return *address != '\0' && strchr (address, '@') != NULL
        ? g_strconcat ("mailto:", address, NULL) : NULL;
    }
  if (g_str_equal (scheme, "tel"))
    {
      GString *tel = g_string_new ("tel:");
      gboolean digits = FALSE;

      /* Spaces and dashes in phone numbers are not part of a tel: URI. */
      for (const char *p = value; *p; p++)
        {
          if (g_ascii_isdigit (*p))
            digits = TRUE;
          if (g_ascii_isdigit (*p) || (*p == '+' && tel->len == 4))
            g_string_append_c (tel, *p);
        }
      if (!digits)
        {
          g_string_free (tel, TRUE);
          return NULL;
        }
      return g_string_free (tel, FALSE);
    }
  if (g_str_equal (scheme, "http"))
    return web_uri (value);
  return NULL;
}

void
nudge_format_append_csv_field (GString    *out,
                               const char *text)
{
  nudge_format_append_csv_field_sep (out, text, ',');
}

void
nudge_format_append_csv_field_sep (GString    *out,
                                   const char *text,
                                   char        separator)
{
  const char quoted[] = { separator, '"', '\r', '\n', '\0' };
  gboolean formula;
  gsize start;

  if (text == NULL)
    return;
  /* OWASP "CSV injection": also a tab or CR at the start. */
  formula = strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0';
  if (!formula && strpbrk (text, quoted) == NULL)
    {
      g_string_append (out, text);
      return;
    }
  start = out->len;
  nudge_format_append_csv_quoted (out, text);
  /* Inside the quotes, where a spreadsheet reads it as "this is text" */
  if (formula)
    g_string_insert_c (out, start + 1, '\'');
}

void
nudge_format_append_csv_quoted (GString    *out,
                                const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}
