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

/* The locale's short date, with the whole year: 22.11.2026 in cs and
 * pl, 11/22/2026 in en_US, and 22.11.2026 in uk too, whose own is
 * 22.11.26 (as is C's 11/22/26): a two-digit year in a deal's history
 * or an export period reads wrong. */
char *
nudge_format_date_of (GDateTime *dt)
{
  const char *d_fmt = nl_langinfo (D_FMT);
  g_autoptr(GString) format = NULL;

  if (dt == NULL)
    return g_strdup ("");
  if (d_fmt == NULL || *d_fmt == '\0')
    return g_date_time_format (dt, "%x");
  format = g_string_new (d_fmt);
  g_string_replace (format, "%y", "%Y", 0);
  return g_date_time_format (dt, format->str);
}

char *
nudge_format_date (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = nudge_clock_local_from_unix (unix_seconds);

  return nudge_format_date_of (dt);
}

/* The desktop's clock: GNOME's clock-format when its schema is
 * installed, else the locale's own time format (en_US writes 12-hour
 * times, cs, pl and uk 24-hour ones). A locale without AM/PM words gets
 * 24 hours either way: "9:00" alone would not say which nine. */
gboolean
nudge_format_clock_is_12h (void)
{
  static GSettings *interface = NULL;
  static gsize initialized = 0;
  const char *t_fmt;
  gboolean twelve;

  if (g_once_init_enter (&initialized))
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
      if (schema != NULL && g_settings_schema_has_key (schema, "clock-format"))
        interface = g_settings_new ("org.gnome.desktop.interface");
      g_once_init_leave (&initialized, 1);
    }
  if (*nl_langinfo (AM_STR) == '\0' || *nl_langinfo (PM_STR) == '\0')
    return FALSE;
  if (interface != NULL)
    return g_settings_get_enum (interface, "clock-format") == 1;
  t_fmt = nl_langinfo (T_FMT);
  twelve = strstr (t_fmt, "%r") != NULL || strstr (t_fmt, "%I") != NULL ||
           strstr (t_fmt, "%l") != NULL || strstr (t_fmt, "%p") != NULL;
  return twelve;
}

/* Hours and minutes, on the desktop's clock. */
const char *
nudge_format_time_pattern (void)
{
  if (nudge_format_clock_is_12h ())
    /* TRANSLATORS: a time of day on a 12-hour clock, see g_date_time_format() */
    return _("%-l:%M %p");
  /* TRANSLATORS: a time of day on a 24-hour clock, see g_date_time_format() */
  return _("%H:%M");
}

char *
nudge_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = nudge_clock_local_from_unix (unix_seconds);

  /* Hours and minutes: a follow-up is never due at a given second. */
  return dt ? g_date_time_format (dt, nudge_format_time_pattern ()) : g_strdup ("");
}

char *
nudge_format_datetime (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = nudge_clock_local_from_unix (unix_seconds);
  g_autofree char *time = NULL;
  g_autofree char *date = NULL;

  if (dt == NULL)
    return g_strdup ("");
  date = nudge_format_date_of (dt);
  time = g_date_time_format (dt, nudge_format_time_pattern ());
  /* TRANSLATORS: a date and a time, e.g. "22.11.2026 09:00" */
  return g_strdup_printf (C_("date and time", "%s %s"), date, time);
}

char *
nudge_format_iso_date (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = nudge_clock_local_from_unix (unix_seconds);

  return dt ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("");
}

/* Whole local calendar days from @from to @to (negative if @to is earlier). */
int
nudge_days_between (gint64 from,
                    gint64 to)
{
  GDate da, db;

  nudge_clock_local_date (from, &da);
  nudge_clock_local_date (to, &db);
  return g_date_days_between (&da, &db);
}

char *
nudge_format_relative_day (gint64 unix_seconds,
                           gint64 now)
{
  int days = nudge_days_between (now, unix_seconds);

  if (days == 0)
    return g_strdup (_("Today"));
  if (days == 1)
    return g_strdup (_("Tomorrow"));
  if (days == -1)
    return g_strdup (_("Yesterday"));
  if (days > 1 && days < 7)
    {
      g_autoptr(GDateTime) dt = nudge_clock_local_from_unix (unix_seconds);
      g_autofree char *weekday = g_date_time_format (dt, "%A");

      /* As "Today" and "Tomorrow" are: Polish and Ukrainian write their
       * weekdays in lower case ("czwartek"), Czech's glibc does not. */
      return nudge_format_capitalize (weekday);
    }
  if (days < -1 && days > -31)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", -days), -days);
  return nudge_format_date (unix_seconds);
}

/* Where "until @unix_seconds" ends a sentence such as "Snoozed until
 * tomorrow at 09:00", seen at @now: the time alone today, "tomorrow"
 * or the weekday within a week, else the date. Each is a phrase of its
 * own, for the case a language's "until" takes ("do zítřka", "do
 * poniedziałku", "до неділі"). */
char *
nudge_format_until (gint64 unix_seconds,
                    gint64 now)
{
  g_autoptr(GDateTime) dt = nudge_clock_local_from_unix (unix_seconds);
  g_autofree char *time = NULL;
  g_autofree char *when = NULL;
  int days = nudge_days_between (now, unix_seconds);

  if (dt == NULL)
    return g_strdup ("");
  time = g_date_time_format (dt, nudge_format_time_pattern ());
  if (days == 0)
    /* TRANSLATORS: the end of "Snoozed until 14:30"; %s is a time */
    return g_strdup_printf (C_("until", "until %s"), time);
  if (days == 1)
    /* TRANSLATORS: the end of "Snoozed until tomorrow at 09:00"; %s is a time */
    return g_strdup_printf (C_("until", "until tomorrow at %s"), time);
  if (days > 1 && days < 7)
    {
      static const char *const formats[] = {
        NULL,
        /* TRANSLATORS: the end of "Snoozed until Monday at 09:00" (the
         * Monday ahead, within a week); %s is a time. Likewise for the
         * other days. */
        NC_("until", "until Monday at %s"),
        NC_("until", "until Tuesday at %s"),
        NC_("until", "until Wednesday at %s"),
        NC_("until", "until Thursday at %s"),
        NC_("until", "until Friday at %s"),
        NC_("until", "until Saturday at %s"),
        NC_("until", "until Sunday at %s"),
      };

      return g_strdup_printf (g_dpgettext2 (GETTEXT_PACKAGE, "until", formats[g_date_time_get_day_of_week (dt)]), time);
    }
  when = nudge_format_datetime (unix_seconds);
  /* TRANSLATORS: the end of "Snoozed until 22.12.2026 09:00"; %s is a
   * date and a time */
  return g_strdup_printf (C_("until", "until %s"), when);
}

/* @text with a capital first letter, for a name that starts a heading
 * or stands beside capitalized words ("prosinec 2026" → "Prosinec 2026"). */
char *
nudge_format_capitalize (const char *text)
{
  char first[8] = { 0 };

  if (text == NULL || *text == '\0')
    return g_strdup (text);
  g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (text)), first);
  return g_strconcat (first, g_utf8_next_char (text), NULL);
}

/* The order of day, month and year in the locale's short date (D_FMT,
 * which %x prints): "mdy" in en_US, "dmy" in cs, pl and uk. */
static void
locale_date_order (char order[4])
{
  const char *fmt = nl_langinfo (D_FMT);
  int n = 0;

  for (const char *p = fmt; p != NULL && *p != '\0' && n < 3; p++)
    {
      if (*p != '%')
        continue;
      p++;
      while (*p == '-' || *p == '_' || *p == '0' || *p == '^' || *p == '#' || *p == 'E' || *p == 'O')
        p++;
      switch (*p)
        {
        case 'd':
        case 'e':
          order[n++] = 'd';
          break;
        case 'm':
          order[n++] = 'm';
          break;
        case 'y':
        case 'Y':
          order[n++] = 'y';
          break;
        case 'D':
          memcpy (order, "mdy", 3);
          n = 3;
          break;
        case 'F':
          memcpy (order, "ymd", 3);
          n = 3;
          break;
        case '\0':
          p--;
          break;
        default:
          break;
        }
    }
  if (n != 3 || memchr (order, 'd', 3) == NULL || memchr (order, 'm', 3) == NULL || memchr (order, 'y', 3) == NULL)
    memcpy (order, "dmy", 3);
  order[3] = '\0';
}

gboolean
nudge_parse_date (const char *text,
                  int        *year,
                  int        *month,
                  int        *day)
{
  int numbers[3] = { 0, 0, 0 };
  int digits[3] = { 0, 0, 0 };
  int n = 0;
  int y = 0, m = 0, d = 0;
  char order[4];

  g_return_val_if_fail (year != NULL && month != NULL && day != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  /* Numbers with anything but letters between them: "3.12.2026",
   * "3. 12. 2026", "12/3/26", "2026-12-03". */
  for (const char *p = text; *p != '\0';)
    {
      if (g_ascii_isdigit (*p))
        {
          if (n == 3)
            return FALSE;
          while (g_ascii_isdigit (*p))
            {
              if (digits[n]++ >= 4)
                return FALSE;
              numbers[n] = numbers[n] * 10 + (*p - '0');
              p++;
            }
          n++;
        }
      else if (*p == '.' || *p == '/' || *p == '-' || *p == ' ' || *p == ',')
        p++;
      else
        return FALSE;
    }

  locale_date_order (order);
  if (n == 3 && digits[0] == 4)
    {
      /* ISO 8601 (and 2026/12/03), whatever the locale. */
      y = numbers[0];
      m = numbers[1];
      d = numbers[2];
    }
  else if (n == 3 || n == 2)
    {
      int k = 0;

      for (int i = 0; i < 3; i++)
        {
          if (order[i] == 'y')
            {
              if (n == 2)
                continue;
              if (digits[k] == 3)
                return FALSE;
              y = digits[k] <= 2 ? 2000 + numbers[k] : numbers[k];
            }
          else if (order[i] == 'm')
            m = numbers[k];
          else
            d = numbers[k];
          k++;
        }
      if (n == 2)
        {
          /* Day and month alone: this year. */
          g_autoptr(GDateTime) now = nudge_clock_now_local ();

          y = g_date_time_get_year (now);
        }
    }
  else
    return FALSE;

  if (y < NUDGE_MIN_YEAR || y > NUDGE_MAX_YEAR || !g_date_valid_dmy (d, m, y))
    return FALSE;
  *year = y;
  *month = m;
  *day = d;
  return TRUE;
}

/* "a.m." → "am": what is left of an AM/PM word to compare. */
static char *
fold_meridiem (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '.' && !g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* 0 no AM/PM word, 1 AM, 2 PM, -1 something else. */
static int
parse_meridiem (const char *text)
{
  g_autofree char *word = fold_meridiem (text);
  g_autofree char *am = NULL;
  g_autofree char *pm = NULL;

  if (*word == '\0')
    return 0;
  if (g_str_equal (word, "am") || g_str_equal (word, "a"))
    return 1;
  if (g_str_equal (word, "pm") || g_str_equal (word, "p"))
    return 2;
  am = fold_meridiem (nl_langinfo (AM_STR));
  pm = fold_meridiem (nl_langinfo (PM_STR));
  if (*am != '\0' && g_str_equal (word, am))
    return 1;
  if (*pm != '\0' && g_str_equal (word, pm))
    return 2;
  return -1;
}

gboolean
nudge_parse_time (const char *text,
                  int        *hour,
                  int        *minute)
{
  const char *p = text;
  int h = 0, m = 0, n = 0, meridiem;

  g_return_val_if_fail (hour != NULL && minute != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  while (*p == ' ')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    {
      if (n++ >= 4)
        return FALSE;
      h = h * 10 + (*p++ - '0');
    }
  if (n >= 3)
    {
      /* "930", "0930", "2130" */
      m = h % 100;
      h /= 100;
    }
  else if (*p == ':' || *p == '.')
    {
      p++;
      if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
        return FALSE;
      m = (p[0] - '0') * 10 + (p[1] - '0');
      p += 2;
      /* Seconds are read and dropped: nothing is due at a second. */
      if (*p == ':' && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]))
        p += 3;
    }

  meridiem = parse_meridiem (p);
  if (meridiem < 0 || m > 59)
    return FALSE;
  if (meridiem > 0)
    {
      if (h < 1 || h > 12)
        return FALSE;
      h = h % 12 + (meridiem == 2 ? 12 : 0);
    }
  else if (h > 23)
    return FALSE;

  *hour = h;
  *minute = m;
  return TRUE;
}

GDateWeekday
nudge_locale_first_weekday (void)
{
#ifdef __GLIBC__
  /* glibc: _NL_TIME_WEEK_1STDAY is a date whose weekday is day 1 of the
   * week table; _NL_TIME_FIRST_WEEKDAY is 1-based into that table. This
   * is how GTK's calendar finds Monday for cs, pl and uk. */
  union { unsigned int word; char *string; } langinfo;
  int week_1stday = 0;
  int first_weekday;
  guint week_origin;

  langinfo.string = nl_langinfo (_NL_TIME_FIRST_WEEKDAY);
  first_weekday = langinfo.string[0];
  langinfo.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  week_origin = langinfo.word;
  if (week_origin == 19971130)      /* Sunday */
    week_1stday = 0;
  else if (week_origin == 19971201) /* Monday */
    week_1stday = 1;
  else
    week_1stday = 0;

  /* GDateWeekday: Monday = 1 … Sunday = 7 */
  {
    int day = (week_1stday + first_weekday - 1) % 7; /* 0 = Sunday */
    return day == 0 ? G_DATE_SUNDAY : (GDateWeekday) day;
  }
#else
  return G_DATE_MONDAY;
#endif
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

  if (text == NULL)
    return;
  /* OWASP "CSV injection": also a tab or CR at the start. */
  formula = strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0';
  if (!formula && strpbrk (text, quoted) == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}
