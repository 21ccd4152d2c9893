/* test-format.c — money, amounts typed by hand and the week start per locale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <time.h>

#include <gio/gio.h>

#include "nudge-clock.h"
#include "nudge-format.h"
#include "nudge-types.h"
#include "nudge-test-core.h"

#define NBSP "\u00a0"

typedef struct
{
  const char   *locale;
  gint64        minor;
  const char   *currency;
  const char   *expected;
} MoneyCase;

static const MoneyCase money_cases[] = {
  { "cs_CZ.UTF-8", 1250000, "CZK", "12" NBSP "500,00" NBSP "Kč" },
  { "cs_CZ.UTF-8", 120000, "EUR", "1" NBSP "200,00" NBSP "€" },
  { "cs_CZ.UTF-8", 99, "CZK", "0,99" NBSP "Kč" },
  { "cs_CZ.UTF-8", -250050, "CZK", "−2" NBSP "500,50" NBSP "Kč" },
  { "cs_CZ.UTF-8", 123456789012, "CZK", "1" NBSP "234" NBSP "567" NBSP "890,12" NBSP "Kč" },
  { "pl_PL.UTF-8", 4999900, "PLN", "49" NBSP "999,00" NBSP "zł" },
  { "pl_PL.UTF-8", 100, "PLN", "1,00" NBSP "zł" },
  { "uk_UA.UTF-8", 7500000, "UAH", "75" NBSP "000,00" NBSP "₴" },
  { "uk_UA.UTF-8", 1999, "USD", "19,99" NBSP "$" },
  { "en_US.UTF-8", 120000, "USD", "$1,200.00" },
  { "en_US.UTF-8", 100000000, "EUR", "€1,000,000.00" },
  { "en_US.UTF-8", 5, "USD", "$0.05" },
  { "en_US.UTF-8", 1500, "JPY", "¥1,500" },
};

static void
test_money (gconstpointer data)
{
  const MoneyCase *c = data;
  g_autofree char *text = NULL;
  gint64 back = -1;

  if (!nudge_test_use_locale (c->locale))
    return;

  text = nudge_format_money (c->minor, c->currency);
  g_assert_cmpstr (text, ==, c->expected);
  g_assert_true (g_utf8_validate (text, -1, NULL));

  /* What is shown can be typed back (without the symbol). */
  if (c->minor >= 0)
    {
      g_autofree char *number = g_strdup (text);
      g_autoptr(GString) bare = g_string_new (NULL);
      const char *symbol = nudge_currency_symbol (c->currency);

      for (const char *p = number; *p; p = g_utf8_next_char (p))
        {
          if (g_str_has_prefix (p, symbol))
            {
              p += strlen (symbol) - 1;
              continue;
            }
          g_string_append_unichar (bare, g_utf8_get_char (p));
        }
      g_assert_true (nudge_parse_money (g_strstrip (bare->str), c->currency, &back, NULL));
      g_assert_cmpint (back, ==, c->minor);
    }

  setlocale (LC_ALL, "C");
}

/* English writes the sign right after the number */
static void
test_percent (void)
{
  g_autofree char *ten = NULL;
  g_autofree char *rounded = NULL;

  if (!nudge_test_use_locale ("en_US.UTF-8"))
    return;
  ten = nudge_format_percent (10);
  g_assert_cmpstr (ten, ==, "10%");
  rounded = nudge_format_percent (87.4);
  g_assert_cmpstr (rounded, ==, "87%");
  setlocale (LC_ALL, "C");
}

static void
test_money_c_locale (void)
{
  g_autofree char *text = NULL;

  setlocale (LC_ALL, "C");
  text = nudge_format_money (1250000, "CZK");
  g_assert_cmpstr (text, ==, "12,500.00" NBSP "Kč");
}

/* Totals on the board: whole units, rounded half away from zero. */
static void
test_money_whole (void)
{
  static const struct { gint64 minor; const char *currency; const char *expected; } cases[] = {
    { 1250049, "CZK", "12" NBSP "500" NBSP "Kč" },
    { 1250050, "CZK", "12" NBSP "501" NBSP "Kč" },
    { -1250050, "CZK", "−12" NBSP "501" NBSP "Kč" },
    { 0, "EUR", "0" NBSP "€" },
    { 1500, "JPY", "1" NBSP "500" NBSP "¥" },
  };

  if (!nudge_test_use_locale ("cs_CZ.UTF-8"))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = nudge_format_money_whole (cases[i].minor, cases[i].currency);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
  setlocale (LC_ALL, "C");
}

/* Times follow the desktop's clock format where GNOME's schema is
 * installed; 24-hour otherwise. */
static void
test_clock_format (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) interface = NULL;
  g_autofree char *morning = NULL;
  g_autofree char *evening = NULL;
  g_autofree char *twelve = NULL;
  gint64 nine_five = 1772438700;    /* 2026-03-02 09:05 in Prague */
  gint64 seventeen = 1772467200;    /* 2026-03-02 17:00 in Prague */

  setlocale (LC_ALL, "C");
  morning = nudge_format_time (nine_five);
  evening = nudge_format_time (seventeen);
  g_assert_cmpstr (morning, ==, "09:05");
  g_assert_cmpstr (evening, ==, "17:00");

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "clock-format"))
    {
      g_test_skip ("org.gnome.desktop.interface is not installed");
      return;
    }
  interface = g_settings_new ("org.gnome.desktop.interface");
  g_settings_set_enum (interface, "clock-format", 1);
  twelve = nudge_format_time (seventeen);
  g_assert_cmpstr (twelve, ==, "5:00 PM");
  g_settings_reset (interface, "clock-format");
}

/* Dates as typed in each locale's own order, or ISO 8601 anywhere. */
static const struct {
  const char *locale;
  const char *text;
  int         year, month, day;   /* 0: refused */
} date_cases[] = {
  { "C", "12/03/26", 2026, 12, 3 },
  { "C", "2026-12-03", 2026, 12, 3 },
  { "C", "2026/1/9", 2026, 1, 9 },
  { "C", "1/2", 2026, 1, 2 },               /* this year */
  { "C", "02/29/2027", 0, 0, 0 },
  { "C", "", 0, 0, 0 },
  { "C", "tomorrow", 0, 0, 0 },
  { "C", "1/2/3/4", 0, 0, 0 },
  { "C", "12345-1-1", 0, 0, 0 },
  { "C", "1/2/026", 0, 0, 0 },
  { "C", "1/2/1899", 0, 0, 0 },
  { "en_US.UTF-8", "12/3/2026", 2026, 12, 3 },
  { "en_US.UTF-8", "13/3/2026", 0, 0, 0 },
  { "cs_CZ.UTF-8", "3.12.2026", 2026, 12, 3 },
  { "cs_CZ.UTF-8", "3. 12. 2026", 2026, 12, 3 },
  { "cs_CZ.UTF-8", "24.12.", 2026, 12, 24 },
  { "cs_CZ.UTF-8", "31.11.2026", 0, 0, 0 },
  { "cs_CZ.UTF-8", "2026-11-30", 2026, 11, 30 },
  { "pl_PL.UTF-8", "03.12.2026", 2026, 12, 3 },
  { "uk_UA.UTF-8", "03.12.26", 2026, 12, 3 },
};

static void
test_parse_date (void)
{
  nudge_clock_pin (1772442000);   /* 2026-03-02 */
  for (guint i = 0; i < G_N_ELEMENTS (date_cases); i++)
    {
      int y = 0, m = 0, d = 0;
      gboolean ok;

      if (!nudge_test_use_locale (date_cases[i].locale))
        return;
      ok = nudge_parse_date (date_cases[i].text, &y, &m, &d);
      if (ok != (date_cases[i].year != 0))
        g_error ("%s: “%s” %s", date_cases[i].locale, date_cases[i].text, ok ? "accepted" : "refused");
      if (ok)
        {
          g_assert_cmpint (y, ==, date_cases[i].year);
          g_assert_cmpint (m, ==, date_cases[i].month);
          g_assert_cmpint (d, ==, date_cases[i].day);
        }
    }
  setlocale (LC_ALL, "C");
  nudge_clock_unpin ();
}

/* A deal's own amount without decimals when it has none to show. */
static void
test_money_brief (void)
{
  g_autofree char *whole = NULL;
  g_autofree char *cents = NULL;

  if (!nudge_test_use_locale ("cs_CZ.UTF-8"))
    return;
  whole = nudge_format_money_brief (97500000, "CZK");
  cents = nudge_format_money_brief (1250050, "CZK");
  g_assert_cmpstr (whole, ==, "975" NBSP "000" NBSP "Kč");
  g_assert_cmpstr (cents, ==, "12" NBSP "500,50" NBSP "Kč");
  setlocale (LC_ALL, "C");
}

/* A year 1 or 9999 is a slip, refused with a word of why; the years a
 * book may hold are read. */
static void
test_iso8601_years (void)
{
  static const struct { const char *text; gboolean ok; } cases[] = {
    { "0001-01-01T09:00", FALSE },
    { "1899-12-31", FALSE },
    { "1900-01-01T00:00Z", TRUE },
    { "2199-12-31T23:59", TRUE },
    { "2200-01-01", FALSE },
    { "9999-12-30T09:00", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 at = 0;

      g_assert_cmpint (nudge_parse_iso8601 (cases[i].text, NULL, &at, &error), ==, cases[i].ok);
      if (!cases[i].ok)
        g_assert_nonnull (strstr (error->message, "1900"));
    }
}

/* The short date in the locale's order, always with the whole year. */
static void
test_format_date (void)
{
  static const struct { const char *locale; const char *text; } cases[] = {
    { "C", "12/03/2026" },
    { "en_US.UTF-8", "12/03/2026" },
    { "cs_CZ.UTF-8", "3.12.2026" },
    { "pl_PL.UTF-8", "03.12.2026" },
    { "uk_UA.UTF-8", "03.12.2026" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;

      if (!nudge_test_use_locale (cases[i].locale))
        return;
      text = nudge_format_date (nudge_test_prague (2026, 12, 3, 9, 0));
      g_assert_cmpstr (text, ==, cases[i].text);
    }

  /* A weekday in a column of "Today" and "Tomorrow" starts as they do,
   * in Polish and Ukrainian too. */
  if (nudge_test_use_locale ("pl_PL.UTF-8"))
    {
      g_autofree char *day = nudge_format_relative_day (nudge_test_prague (2026, 12, 10, 9, 0),
                                                        nudge_test_prague (2026, 12, 7, 9, 0));

      g_assert_cmpstr (day, ==, "Czwartek");
    }
  setlocale (LC_ALL, "C");
  /* A month heading: "prosinec 2026", "листопад" as glibc writes them. */
  {
    g_autofree char *cs = nudge_format_capitalize ("prosinec 2026");
    g_autofree char *uk = nudge_format_capitalize ("листопад 2026");
    g_autofree char *empty = nudge_format_capitalize ("");

    g_assert_cmpstr (cs, ==, "Prosinec 2026");
    g_assert_cmpstr (uk, ==, "Листопад 2026");
    g_assert_cmpstr (empty, ==, "");
  }
}

/* The end of "Snoozed until …": the time alone today, then tomorrow,
 * then the weekday for a week, then the date. */
static void
test_format_until (void)
{
  gint64 now = nudge_test_prague (2026, 12, 3, 16, 0);   /* a Thursday */
  static const struct { int day, hour; const char *text; } cases[] = {
    { 3, 17, "until 17:00" },
    { 4, 9, "until tomorrow at 09:00" },
    { 5, 9, "until Saturday at 09:00" },
    { 7, 9, "until Monday at 09:00" },
    { 9, 9, "until Wednesday at 09:00" },
    { 10, 9, "until 12/10/2026 09:00" },
  };

  setlocale (LC_ALL, "C");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = nudge_format_until (nudge_test_prague (2026, 12, cases[i].day, cases[i].hour, 0), now);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
  /* Past midnight, tomorrow is the next calendar day, not 24 hours on. */
  {
    g_autofree char *text = nudge_format_until (nudge_test_prague (2026, 12, 4, 0, 30),
                                                nudge_test_prague (2026, 12, 3, 23, 50));

    g_assert_cmpstr (text, ==, "until tomorrow at 00:30");
  }
}

/* Times as people type them, 12- or 24-hour, whatever the desktop shows. */
static const struct {
  const char *text;
  int         hour, minute;   /* -1: refused */
} time_cases[] = {
  { "9", 9, 0 },
  { "9:05", 9, 5 },
  { "09:05", 9, 5 },
  { " 9.05 ", 9, 5 },
  { "905", 9, 5 },
  { "2130", 21, 30 },
  { "0:00", 0, 0 },
  { "23:59", 23, 59 },
  { "9:00:30", 9, 0 },
  { "9 PM", 21, 0 },
  { "9pm", 21, 0 },
  { "9:15 p.m.", 21, 15 },
  { "9:15 a.m.", 9, 15 },
  { "12 AM", 0, 0 },
  { "12:30 PM", 12, 30 },
  { "24:00", -1, -1 },
  { "9:60", -1, -1 },
  { "9:5", -1, -1 },
  { "13 PM", -1, -1 },
  { "0 AM", -1, -1 },
  { "9:00 XM", -1, -1 },
  { "12345", -1, -1 },
  { "", -1, -1 },
  { "noon", -1, -1 },
};

static void
test_parse_time (void)
{
  setlocale (LC_ALL, "C");
  for (guint i = 0; i < G_N_ELEMENTS (time_cases); i++)
    {
      int h = -1, m = -1;
      gboolean ok = nudge_parse_time (time_cases[i].text, &h, &m);

      if (ok != (time_cases[i].hour >= 0))
        g_error ("“%s” %s", time_cases[i].text, ok ? "accepted" : "refused");
      if (ok)
        {
          g_assert_cmpint (h, ==, time_cases[i].hour);
          g_assert_cmpint (m, ==, time_cases[i].minute);
        }
    }
}

typedef struct
{
  const char *text;
  const char *currency;
  gint64      minor;
} ParseCase;

/* What the deal editor shows is what the user would type, in each
 * locale, and reads back to the same amount. */
static void
test_amount_round_trip (void)
{
  static const struct { const char *locale; gint64 minor; const char *currency; const char *text; } cases[] = {
    { "cs_CZ.UTF-8", 52500000, "CZK", "525" NBSP "000,00" },
    { "pl_PL.UTF-8", 123450, "PLN", "1" NBSP "234,50" },
    { "uk_UA.UTF-8", 100000000, "UAH", NULL },
    { "en_US.UTF-8", 52500000, "USD", "525,000.00" },
    { "de_DE.UTF-8", 123456789, "EUR", "1.234.567,89" },
    { "en_US.UTF-8", 1500, "JPY", "1,500" },
    { "C", 52500000, "EUR", "525,000.00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      gint64 back = -1;

      if (setlocale (LC_ALL, cases[i].locale) == NULL)
        {
          g_test_message ("%s is not generated here", cases[i].locale);
          continue;
        }
      text = nudge_format_amount (cases[i].minor, cases[i].currency);
      if (cases[i].text != NULL)
        g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_true (nudge_parse_money (text, cases[i].currency, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (back, ==, cases[i].minor);
    }
  setlocale (LC_ALL, "C");
}

static void
test_parse_money (void)
{
  static const ParseCase good[] = {
    { "1234", "CZK", 123400 },
    { "1234.50", "CZK", 123450 },
    { "1234,5", "CZK", 123450 },
    { "1 234,50", "CZK", 123450 },
    { "1" NBSP "234,50", "PLN", 123450 },
    { "1\u202f234,50", "UAH", 123450 },
    { "1,234.50", "USD", 123450 },
    { "1.234,50", "EUR", 123450 },
    { "1.234.567", "EUR", 123456700 },
    { "1,234,567", "USD", 123456700 },
    { "1,234", "USD", 123400 },
    { "12'500", "CHF", 1250000 },
    { "0,05", "CZK", 5 },
    { "  250  ", "CZK", 25000 },
    { "1500", "JPY", 1500 },
    { "0", "CZK", 0 },
    { "1 000 000", "CZK", 100000000 },
    { "999999999999999", "CZK", 99999999999999900 },
    { ",5", "EUR", 50 },
  };
  static const char *const bad[] = {
    "", "   ", "abc", "12a", "-5", "1e5", "12 Kč", "1,2,3.4.5x", "123456789012345678",
    /* Separators that group nothing: not 12.30 and 123.40. */
    "1,2,3", "1.2.3.4", "12,50,00", "1 2 3", "1234,567.5", "1.", ",", "1..5",
    /* 17 digits would overflow in minor units: never a negative amount. */
    "99999999999999999", "1 000 000 000 000 000",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = -1;

      g_test_message ("parsing “%s” as %s", good[i].text, good[i].currency);
      g_assert_true (nudge_parse_money (good[i].text, good[i].currency, &minor, &error));
      g_assert_no_error (error);
      g_assert_cmpint (minor, ==, good[i].minor);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = 42;

      g_test_message ("refusing “%s”", bad[i]);
      g_assert_false (nudge_parse_money (bad[i], "CZK", &minor, &error));
      g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
      g_assert_cmpint (minor, ==, 42);
    }

  g_assert_false (nudge_parse_money (NULL, "CZK", &(gint64){ 0 }, NULL));
}

typedef struct
{
  const char   *locale;
  GDateWeekday  first;
} WeekCase;

static const WeekCase week_cases[] = {
  { "cs_CZ.UTF-8", G_DATE_MONDAY },
  { "pl_PL.UTF-8", G_DATE_MONDAY },
  { "uk_UA.UTF-8", G_DATE_MONDAY },
  { "en_US.UTF-8", G_DATE_SUNDAY },
};

static void
test_first_weekday (gconstpointer data)
{
  const WeekCase *c = data;

  if (!nudge_test_use_locale (c->locale))
    return;
  g_assert_cmpint (nudge_locale_first_weekday (), ==, c->first);
  setlocale (LC_ALL, "C");
}

static void
test_currency_table (void)
{
  g_assert_cmpint (nudge_currency_digits ("CZK"), ==, 2);
  g_assert_cmpint (nudge_currency_digits ("JPY"), ==, 0);
  g_assert_cmpstr (nudge_currency_symbol ("PLN"), ==, "zł");
  g_assert_cmpstr (nudge_currency_symbol ("UAH"), ==, "₴");
  /* An unknown currency shows its code. */
  g_assert_cmpstr (nudge_currency_symbol ("XYZ"), ==, "XYZ");
}

static void
test_links (void)
{
  static const struct { const char *scheme, *value, *uri; } cases[] = {
    { "mailto", "jana@example.cz", "mailto:jana@example.cz" },
    /* One address: no header smuggled in after it. */
    { "mailto", "a@b.example?bcc=boss@c.example", "mailto:a@b.example%3Fbcc%3Dboss@c.example" },
    { "mailto", "a@b.example&cc=x@y.example", "mailto:a@b.example%26cc%3Dx@y.example" },
    { "mailto", "no address", NULL },
    { "tel", "+420 601 234 567", "tel:+420601234567" },
    { "tel", "601-234-567 ext+5", "tel:6012345675" },
    { "tel", "call me", NULL },
    { "http", "example.com", "https://example.com" },
    { "http", "http://example.com/a?b=c", "http://example.com/a?b=c" },
    { "http", "https://example.com:8443/x", "https://example.com:8443/x" },
    { "http", "www.example.com:8080/shop", "https://www.example.com:8080/shop" },
    { "http", "javascript:alert(1)", NULL },
    { "http", "file:///etc/passwd", NULL },
    { "http", "ftp://example.com/", NULL },
    { "http", "smb://server/share", NULL },
    { "sms", "+420 601 234 567", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uri = nudge_format_contact_uri (cases[i].scheme, cases[i].value);

      g_test_message ("%s %s → %s", cases[i].scheme, cases[i].value, uri);
      g_assert_cmpstr (uri, ==, cases[i].uri);
    }

  {
    g_autofree char *mail = nudge_format_mailto_uri ("petra@example.cz?bcc=x@y.example", "Offer & terms",
                                                     "Hello,\nthe offer.");

    g_assert_cmpstr (mail, ==, "mailto:petra@example.cz%3Fbcc%3Dx@y.example"
                               "?subject=Offer%20%26%20terms&body=Hello%2C%0Athe%20offer.");
  }
}

static void
test_csv_cells (void)
{
  static const struct { const char *text, *csv; } cases[] = {
    { "Jana", "Jana" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" },
    { "+420 601 234 567", "\"'+420 601 234 567\"" },
    { "-2+3", "\"'-2+3\"" },
    { "@SUM(A1)", "\"'@SUM(A1)\"" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      nudge_format_append_csv_field (out, cases[i].text);
      g_assert_cmpstr (out->str, ==, cases[i].csv);
    }
}

/* The local zone is kept between calls, yet follows TZ: the same
 * instant, across a DST change, reads as GLib's own local time in each
 * zone set in turn. */
static void
test_local_zone_follows_tz (void)
{
  static const char *zones[] = { "Europe/Prague", "America/New_York", "Europe/Kyiv", "Europe/Prague" };
  /* 2026-03-29 00:30 UTC, 01:30 and 02:30: Prague moves to summer time at 01:00 UTC. */
  static const gint64 instants[] = { 1774744200, 1774747800, 1774751400 };
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_setenv ("TZ", zones[z], TRUE);
      for (guint i = 0; i < G_N_ELEMENTS (instants); i++)
        {
          g_autoptr(GDateTime) ours = nudge_clock_local_from_unix (instants[i]);
          g_autoptr(GDateTime) glib = g_date_time_new_from_unix_local (instants[i]);
          g_autofree char *a = g_date_time_format_iso8601 (ours);
          g_autofree char *b = g_date_time_format_iso8601 (glib);

          g_assert_cmpstr (a, ==, b);
        }
    }
  {
    g_autoptr(GDateTime) noon = nudge_clock_local_new (2026, 3, 29, 12, 0, 0);
    g_autofree char *text = g_date_time_format_iso8601 (noon);

    g_assert_cmpstr (text, ==, "2026-03-29T12:00:00+02");
  }
  if (saved != NULL)
    g_setenv ("TZ", saved, TRUE);
  else
    g_unsetenv ("TZ");
}

int
main (int   argc,
      char *argv[])
{
  nudge_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (money_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/format/money/%s/%u", money_cases[i].locale, i);
      g_test_add_data_func (path, &money_cases[i], test_money);
    }
  g_test_add_func ("/core/format/money/C", test_money_c_locale);
  g_test_add_func ("/core/format/percent", test_percent);
  g_test_add_func ("/core/format/money/whole", test_money_whole);
  g_test_add_func ("/core/format/money/brief", test_money_brief);
  g_test_add_func ("/core/format/clock-format", test_clock_format);
  g_test_add_func ("/core/format/local-zone-follows-tz", test_local_zone_follows_tz);
  g_test_add_func ("/core/format/parse-money", test_parse_money);
  g_test_add_func ("/core/format/amount-round-trip", test_amount_round_trip);
  g_test_add_func ("/core/format/parse-date", test_parse_date);
  g_test_add_func ("/core/format/date", test_format_date);
  g_test_add_func ("/core/format/until", test_format_until);
  g_test_add_func ("/core/format/iso8601-years", test_iso8601_years);
  g_test_add_func ("/core/format/parse-time", test_parse_time);
  g_test_add_func ("/core/format/currencies", test_currency_table);
  g_test_add_func ("/core/format/links", test_links);
  g_test_add_func ("/core/format/csv-cells", test_csv_cells);
  for (guint i = 0; i < G_N_ELEMENTS (week_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/format/first-weekday/%s", week_cases[i].locale);
      g_test_add_data_func (path, &week_cases[i], test_first_weekday);
    }

  return g_test_run ();
}
