/* nudge-currency.c — the home currency and the exchange rates the user
 * enters
 *
 * A seller in Prague quotes in crowns, euros and dollars; a column of the
 * board should still say one number. The book keeps a home currency (by
 * default the one of the user's region) and the rates the user typed in,
 * each with its date: Nudge works offline and never fetches rates, so a
 * converted figure is marked as such and a currency without a rate is
 * counted apart, never guessed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-currency"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "nudge-currency.h"
#include "nudge-format.h"
#include "nudge-store-private.h"

struct _NudgeRates
{
  char       *home;
  GHashTable *rates;   /* code -> double* */
};

void
nudge_rate_free (NudgeRate *rate)
{
  if (rate == NULL)
    return;
  g_free (rate->currency);
  g_free (rate);
}

/**
 * nudge_currency_normalize:
 *
 * "czk", " CZK " → "CZK"; anything that is not three letters is refused.
 */
char *
nudge_currency_normalize (const char  *code,
                          GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (code ? code : ""));

  if (strlen (stripped) != 3 || !g_ascii_isalpha (stripped[0]) ||
      !g_ascii_isalpha (stripped[1]) || !g_ascii_isalpha (stripped[2]))
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("“%s” is not a currency code; use three letters such as CZK, PLN, UAH or EUR"),
                   stripped);
      return NULL;
    }
  return g_ascii_strup (stripped, -1);
}

/* A rate as the user would write it: "25.20", "0.55", "0.1552" — two
 * decimals unless it has more. */
char *
nudge_currency_format_rate (double rate)
{
  double hundredths = rate * 100;

  return nudge_format_number (rate, fabs (hundredths - round (hundredths)) < 1e-6 ? 2 : 4);
}

/* The currency of the user's region: CZK in Czechia, PLN in Poland, UAH
 * in Ukraine, the locale's own elsewhere, euros when the locale says
 * nothing (C). */
char *
nudge_currency_locale_default (void)
{
  static const struct { const char *region; const char *currency; } regions[] = {
    { "_CZ", "CZK" }, { "_PL", "PLN" }, { "_UA", "UAH" },
  };
  const char *monetary = setlocale (LC_MONETARY, NULL);
  const char *symbol;
  g_autofree char *code = NULL;

  for (guint i = 0; monetary != NULL && i < G_N_ELEMENTS (regions); i++)
    if (strstr (monetary, regions[i].region) != NULL)
      return g_strdup (regions[i].currency);
#ifdef __INT_CURR_SYMBOL
  symbol = nl_langinfo (__INT_CURR_SYMBOL);
#else
  symbol = NULL;
#endif
  if (symbol != NULL && (code = nudge_currency_normalize (symbol, NULL)) != NULL)
    return g_steal_pointer (&code);
  return g_strdup ("EUR");
}

char *
nudge_currency_for_new_deals (GSettings *settings)
{
  g_autofree char *chosen = settings != NULL ? g_settings_get_string (settings, "default-currency") : NULL;

  if (chosen != NULL && *chosen != '\0')
    return g_steal_pointer (&chosen);
  return nudge_currency_locale_default ();
}

char *
nudge_store_get_home_currency (NudgeStore *store)
{
  sqlite3_stmt *stmt;
  char *home = NULL;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  stmt = nudge_store_prepare (store, "SELECT value FROM book_setting WHERE key = 'home-currency'", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    home = nudge_sql_dup_text (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  if (home == NULL || *home == '\0')
    {
      g_free (home);
      home = nudge_currency_locale_default ();
    }
  return home;
}

static gboolean
write_change (NudgeStore   *store,
              sqlite3_stmt *stmt,
              GError      **error)
{
  if (!nudge_store_begin (store, error))
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  if (!nudge_store_step_done (store, stmt, error))
    {
      nudge_store_rollback (store);
      return FALSE;
    }
  nudge_store_queue_change (store, NUDGE_ENTITY_CURRENCY, 1, NUDGE_CHANGE_UPDATED);
  return nudge_store_commit_or_rollback (store, error);
}

gboolean
nudge_store_set_home_currency (NudgeStore  *store,
                               const char  *code,
                               GError     **error)
{
  g_autofree char *home = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  if (!(home = nudge_currency_normalize (code, error)))
    return FALSE;
  if (!(stmt = nudge_store_prepare (store,
                                    "INSERT INTO book_setting (key, value) VALUES ('home-currency', ?1)"
                                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error)))
    return FALSE;
  nudge_sql_bind_text (stmt, 1, home);
  return write_change (store, stmt, error);
}

/* @currency as a code, with the home currency its rate is in, in
 * @out_home; NULL when it is no code, or when it is the home currency
 * itself and @refuse_home. */
static char *
rate_currency (NudgeStore  *store,
               const char  *currency,
               gboolean     refuse_home,
               char       **out_home,
               GError     **error)
{
  g_autofree char *code = NULL;
  g_autofree char *home = NULL;

  if (!(code = nudge_currency_normalize (currency, error)))
    return NULL;
  home = nudge_store_get_home_currency (store);
  if (refuse_home && g_str_equal (code, home))
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("%s is the home currency; it needs no rate"), code);
      return NULL;
    }
  *out_home = g_steal_pointer (&home);
  return g_steal_pointer (&code);
}

gboolean
nudge_store_set_rate (NudgeStore  *store,
                      const char  *currency,
                      double       rate,
                      gint64       as_of,
                      GError     **error)
{
  g_autofree char *code = NULL;
  g_autofree char *home = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  if (!(code = rate_currency (store, currency, TRUE, &home, error)))
    return FALSE;
  if (!isfinite (rate) || rate <= 0 || rate >= 1e9)
    return nudge_fail_invalid (error, _("A rate must be a number above zero"));
  if (!(stmt = nudge_store_prepare (store,
                                    "INSERT INTO exchange_rate (currency, home, rate, as_of) VALUES (?1, ?2, ?3, ?4)"
                                    " ON CONFLICT (currency, home) DO UPDATE"
                                    " SET rate = excluded.rate, as_of = excluded.as_of", error)))
    return FALSE;
  nudge_sql_bind_text (stmt, 1, code);
  nudge_sql_bind_text (stmt, 2, home);
  sqlite3_bind_double (stmt, 3, rate);
  sqlite3_bind_int64 (stmt, 4, as_of);
  return write_change (store, stmt, error);
}

gboolean
nudge_store_remove_rate (NudgeStore  *store,
                         const char  *currency,
                         GError     **error)
{
  g_autofree char *code = NULL;
  g_autofree char *home = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  if (!(code = rate_currency (store, currency, FALSE, &home, error)))
    return FALSE;
  if (!(stmt = nudge_store_prepare (store, "DELETE FROM exchange_rate WHERE currency = ?1 AND home = ?2", error)))
    return FALSE;
  nudge_sql_bind_text (stmt, 1, code);
  nudge_sql_bind_text (stmt, 2, home);
  return write_change (store, stmt, error);
}

/**
 * nudge_store_list_rates:
 *
 * The rates of the current home currency, by currency code.
 *
 * Returns: (transfer full) (element-type NudgeRate)
 */
GPtrArray *
nudge_store_list_rates (NudgeStore  *store,
                        GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) nudge_rate_free);
  g_autofree char *home = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  home = nudge_store_get_home_currency (store);
  if (!(stmt = nudge_store_prepare (store,
                                    "SELECT currency, rate, as_of FROM exchange_rate WHERE home = ?1 ORDER BY currency",
                                    error)))
    return NULL;
  nudge_sql_bind_text (stmt, 1, home);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NudgeRate *rate = g_new0 (NudgeRate, 1);

      rate->currency = nudge_sql_dup_text (stmt, 0);
      rate->rate = sqlite3_column_double (stmt, 1);
      rate->as_of = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (list, rate);
    }
  if (!nudge_store_rows_done (store, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

void
nudge_currency_use_free (NudgeCurrencyUse *use)
{
  if (use == NULL)
    return;
  g_free (use->currency);
  g_free (use);
}

/**
 * nudge_store_list_deal_currencies:
 *
 * The currencies of the book's open deals that have an amount, by code:
 * what the board's and Insights' totals need a rate for.
 *
 * Returns: (transfer full) (element-type NudgeCurrencyUse)
 */
GPtrArray *
nudge_store_list_deal_currencies (NudgeStore  *store,
                                  GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) nudge_currency_use_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  if (!(stmt = nudge_store_prepare (store,
                                    "SELECT currency, COUNT(*) FROM deal"
                                    " WHERE trashed_at IS NULL AND status = 'open' AND amount_minor IS NOT NULL AND currency <> ''"
                                    " GROUP BY currency ORDER BY currency", error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NudgeCurrencyUse *use = g_new0 (NudgeCurrencyUse, 1);

      use->currency = nudge_sql_dup_text (stmt, 0);
      use->n_deals = sqlite3_column_int (stmt, 1);
      g_ptr_array_add (list, use);
    }
  if (!nudge_store_rows_done (store, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

/* "25,20", "25.20", " 25.2 " and "1 234,5" alike: whatever the locale's
 * decimal separator, a comma or a dot is what people type; the last one
 * is the decimal point, spaces and other separators group digits. */
gboolean
nudge_currency_parse_rate (const char *text,
                           double     *out_rate)
{
  g_autoptr(GString) plain = g_string_new (NULL);
  const char *decimal = NULL;
  char *end = NULL;

  g_return_val_if_fail (out_rate != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (*p == ',' || *p == '.')
      decimal = p;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (p == decimal)
        g_string_append_c (plain, '.');
      else if (g_ascii_isdigit (c))
        g_string_append_c (plain, (char) c);
      else if (c == ',' || c == '.' || c == '\'' || g_unichar_isspace (c) || c == 0x202F || c == 0xA0)
        continue;
      else
        return FALSE;
    }
  if (plain->len == 0 || !g_ascii_isdigit (plain->str[0]))
    return FALSE;
  *out_rate = g_ascii_strtod (plain->str, &end);
  return end != NULL && *end == '\0' && isfinite (*out_rate);
}

/* How an amount's currency is written beside it, the longer marks before
 * the shorter ones they end with ("US$" before "$"). */
static const struct {
  const char *currency;
  const char *mark;
} amount_marks[] = {
  { "CZK", "Kč" }, { "PLN", "zł" }, { "UAH", "грн." }, { "UAH", "грн" }, { "UAH", "₴" },
  { "EUR", "€" }, { "USD", "US$" }, { "USD", "$" }, { "GBP", "£" }, { "CHF", "Fr." },
  { "HUF", "Ft" }, { "RON", "lei" }, { "SEK", "kr" }, { "JPY", "¥" },
  { "CZK", "CZK" }, { "PLN", "PLN" }, { "UAH", "UAH" }, { "EUR", "EUR" }, { "USD", "USD" },
  { "GBP", "GBP" }, { "CHF", "CHF" }, { "HUF", "HUF" }, { "RON", "RON" }, { "SEK", "SEK" },
  { "JPY", "JPY" },
};

/* @text (casefolded) less the mark it starts or ends with, in @rest;
 * the currency of that mark, or NULL. @currency's own marks are looked
 * for first, so that "kr" is the crowns the deal is in. */
static const char *
find_amount_mark (const char  *text,
                  const char  *currency,
                  char       **rest)
{
  gsize len = strlen (text);

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i <= G_N_ELEMENTS (amount_marks); i++)
      {
        /* The last turn is @currency's code, also one not listed. */
        const char *owner = i < G_N_ELEMENTS (amount_marks) ? amount_marks[i].currency : currency;
        const char *mark = i < G_N_ELEMENTS (amount_marks) ? amount_marks[i].mark : currency;
        g_autofree char *folded = NULL;
        gsize n;

        if (owner == NULL || (pass == 0) != (g_strcmp0 (owner, currency) == 0))
          continue;
        folded = g_utf8_casefold (mark, -1);
        n = strlen (folded);
        if (n == 0 || n >= len)
          continue;
        if (g_str_has_suffix (text, folded))
          *rest = g_strndup (text, len - n);
        else if (g_str_has_prefix (text, folded))
          *rest = g_strdup (text + n);
        else
          continue;
        return owner;
      }
  return NULL;
}

/* @text without white space, and without the ",-" or ".–" that says
 * "no hellers" ("12 500,- Kč"), at its end. */
static void
trim_amount_end (char *text)
{
  gboolean dash_seen = FALSE;
  char *end = text + strlen (text);

  while (end > text)
    {
      char *prev = g_utf8_find_prev_char (text, end);
      gunichar c = g_utf8_get_char (prev);

      if (g_unichar_isspace (c) || c == 0x202f)
        end = prev;
      else if (!dash_seen && (c == '-' || c == 0x2013 || c == 0x2014))
        {
          dash_seen = TRUE;
          end = prev;
          /* Only ",-" is such a mark: a dash alone stays, and is refused. */
          prev = end > text ? g_utf8_find_prev_char (text, end) : NULL;
          if (prev == NULL || (*prev != ',' && *prev != '.'))
            return;
          end = prev;
        }
      else
        break;
    }
  *end = '\0';
}

/**
 * nudge_currency_parse_amount:
 *
 * nudge_parse_money(), also for an amount written with its currency's
 * sign or code before or after it, as people write them: "12 500 Kč",
 * "12 500,- Kč", "CZK 12 500", "2 500 грн", "€4,000" for a deal in that
 * currency. An amount marked as another currency's is refused, naming
 * both: it would be saved as a different sum.
 */
gboolean
nudge_currency_parse_amount (const char  *text,
                             const char  *currency,
                             gint64      *out_minor,
                             GError     **error)
{
  g_autofree char *folded = NULL;
  g_autofree char *rest = NULL;
  const char *named;

  if (text == NULL)
    return nudge_parse_money (text, currency, out_minor, error);
  folded = g_utf8_casefold (text, -1);
  trim_amount_end (folded);
  g_strchug (folded);
  if ((named = find_amount_mark (folded, currency, &rest)) == NULL)
    return nudge_parse_money (text, currency, out_minor, error);
  if (g_strcmp0 (named, currency) != 0)
    {
      g_autofree char *shown = g_strstrip (g_strdup (text));

      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   /* TRANSLATORS: an amount as typed, then two currency
                    * codes: "“4 000 €” is in EUR, not in CZK" */
                   _("“%s” is in %s, not in %s"), shown, named, currency);
      return FALSE;
    }
  trim_amount_end (rest);
  return nudge_parse_money (rest, currency, out_minor, error);
}

NudgeRates *
nudge_rates_new (const char *home)
{
  NudgeRates *rates = g_new0 (NudgeRates, 1);

  rates->home = g_strdup (home);
  rates->rates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return rates;
}

void
nudge_rates_set (NudgeRates *rates,
                 const char *currency,
                 double      rate)
{
  g_return_if_fail (rates != NULL && currency != NULL);
  g_hash_table_replace (rates->rates, g_strdup (currency), g_memdup2 (&rate, sizeof rate));
}

NudgeRates *
nudge_rates_load (NudgeStore *store)
{
  g_autofree char *home = nudge_store_get_home_currency (store);
  g_autoptr(GPtrArray) list = nudge_store_list_rates (store, NULL);
  NudgeRates *rates = nudge_rates_new (home);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      NudgeRate *rate = g_ptr_array_index (list, i);

      nudge_rates_set (rates, rate->currency, rate->rate);
    }
  return rates;
}

void
nudge_rates_free (NudgeRates *rates)
{
  if (rates == NULL)
    return;
  g_free (rates->home);
  g_hash_table_unref (rates->rates);
  g_free (rates);
}

const char *
nudge_rates_get_home (const NudgeRates *rates)
{
  g_return_val_if_fail (rates != NULL, NULL);
  return rates->home;
}

gboolean
nudge_rates_lookup (const NudgeRates *rates,
                    const char       *currency,
                    double           *out_rate)
{
  double *rate;

  g_return_val_if_fail (rates != NULL, FALSE);

  if (g_strcmp0 (currency, rates->home) == 0)
    {
      *out_rate = 1.0;
      return TRUE;
    }
  if (currency == NULL || !(rate = g_hash_table_lookup (rates->rates, currency)))
    return FALSE;
  *out_rate = *rate;
  return TRUE;
}

/* Minor units of @currency to minor units of the home currency, rounded
 * half away from zero; FALSE (and nothing converted) without a rate. */
gboolean
nudge_rates_convert (const NudgeRates *rates,
                     const char       *currency,
                     gint64            amount_minor,
                     gint64           *out_home_minor)
{
  double rate, value;

  g_return_val_if_fail (rates != NULL && out_home_minor != NULL, FALSE);

  if (g_strcmp0 (currency, rates->home) == 0)
    {
      *out_home_minor = amount_minor;
      return TRUE;
    }
  if (!nudge_rates_lookup (rates, currency, &rate))
    return FALSE;
  value = (double) amount_minor / pow (10, nudge_currency_digits (currency)) * rate *
          pow (10, nudge_currency_digits (rates->home));
  *out_home_minor = (gint64) round (value);
  return TRUE;
}
