/* test-currency.c — the home currency, the user's exchange rates and
 * totals in one currency
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "nudge-currency.h"
#include "nudge-demo.h"
#include "nudge-pipeline.h"
#include "nudge-store.h"
#include "nudge-test-core.h"

typedef struct
{
  char       *dir;
  char       *path;
  NudgeStore *store;
  guint       currency_changes;
} Fixture;

static void
changes_cb (NudgeStore     *store,
            NudgeChangeSet *changes,
            Fixture        *f)
{
  if (nudge_change_set_touches (changes, NUDGE_ENTITY_CURRENCY))
    f->currency_changes++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = nudge_test_book_open ("currency", &f->dir, &f->path);
  g_signal_connect (f->store, "changes", G_CALLBACK (changes_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  nudge_test_book_close (&f->store, &f->dir, &f->path);
}

static void
test_normalize (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *czk = nudge_currency_normalize (" czk ", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (czk, ==, "CZK");
  g_assert_null (nudge_currency_normalize ("Kč", &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (nudge_currency_normalize ("EURO", &error));
  g_assert_nonnull (error);
}

/* The region decides: Czech, Polish and Ukrainian users count in crowns,
 * złoty and hryvnias. */
static void
test_locale_default (void)
{
  static const struct { const char *locale; const char *currency; } cases[] = {
    { "cs_CZ.UTF-8", "CZK" }, { "pl_PL.UTF-8", "PLN" }, { "uk_UA.UTF-8", "UAH" }, { "de_DE.UTF-8", "EUR" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *code = NULL;

      if (setlocale (LC_MONETARY, cases[i].locale) == NULL)
        {
          g_test_message ("%s is not generated here", cases[i].locale);
          continue;
        }
      code = nudge_currency_locale_default ();
      g_assert_cmpstr (code, ==, cases[i].currency);
    }
  setlocale (LC_MONETARY, "C");
  {
    g_autofree char *fallback = nudge_currency_locale_default ();
    g_assert_cmpstr (fallback, ==, "EUR");
  }
}

/* A new deal is in the region's currency until the seller picks
 * another in Preferences. */
static void
test_new_deal_currency (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *untouched = NULL;
  g_autofree char *chosen = NULL;
  g_autofree char *without = NULL;

  if (setlocale (LC_MONETARY, "uk_UA.UTF-8") == NULL)
    {
      g_test_skip ("uk_UA.UTF-8 is not generated here");
      return;
    }
  g_settings_reset (settings, "default-currency");
  untouched = nudge_currency_for_new_deals (settings);
  g_assert_cmpstr (untouched, ==, "UAH");
  without = nudge_currency_for_new_deals (NULL);
  g_assert_cmpstr (without, ==, "UAH");
  g_settings_set_string (settings, "default-currency", "EUR");
  chosen = nudge_currency_for_new_deals (settings);
  g_assert_cmpstr (chosen, ==, "EUR");
  g_settings_reset (settings, "default-currency");
  setlocale (LC_MONETARY, "C");
}

/* The home currency and the rates live in the book, for the app and
 * nudge-cli alike, and each change is announced. */
static void
test_rates_in_the_book (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeStore) again = NULL;
  g_autoptr(GPtrArray) rates = NULL;
  g_autofree char *home = NULL;

  g_assert_true (nudge_store_set_home_currency (f->store, "czk", &error));
  g_assert_no_error (error);
  g_assert_true (nudge_store_set_rate (f->store, "EUR", 25.2, 1796256000, &error));
  g_assert_true (nudge_store_set_rate (f->store, "usd", 23.1, 1796256000, &error));
  g_assert_true (nudge_store_set_rate (f->store, "EUR", 25.3, 1796342400, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->currency_changes, ==, 4);

  g_assert_false (nudge_store_set_rate (f->store, "CZK", 1.0, 0, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (nudge_store_set_rate (f->store, "PLN", -5.9, 0, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (nudge_store_set_rate (f->store, "PLN", 0, 0, &error));
  g_clear_error (&error);

  again = nudge_store_open (f->path, &error);
  g_assert_no_error (error);
  home = nudge_store_get_home_currency (again);
  g_assert_cmpstr (home, ==, "CZK");
  rates = nudge_store_list_rates (again, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rates->len, ==, 2);
  g_assert_cmpstr (((NudgeRate *) g_ptr_array_index (rates, 0))->currency, ==, "EUR");
  g_assert_cmpfloat (((NudgeRate *) g_ptr_array_index (rates, 0))->rate, ==, 25.3);
  g_assert_cmpint (((NudgeRate *) g_ptr_array_index (rates, 0))->as_of, ==, 1796342400);

  g_assert_true (nudge_store_remove_rate (again, "usd", &error));
  g_clear_pointer (&rates, g_ptr_array_unref);
  rates = nudge_store_list_rates (f->store, &error);
  g_assert_cmpuint (rates->len, ==, 1);

  /* Rates belong to the home currency they were entered for. */
  g_assert_true (nudge_store_set_home_currency (f->store, "PLN", &error));
  g_clear_pointer (&rates, g_ptr_array_unref);
  rates = nudge_store_list_rates (f->store, &error);
  g_assert_cmpuint (rates->len, ==, 0);
}

/* Rates as people type them, and the currencies of the book's deals that
 * may need one. */
static void
test_parse_rate (void)
{
  struct { const char *text; gboolean ok; double rate; } cases[] = {
    { "25,20", TRUE, 25.2 }, { "25.20", TRUE, 25.2 }, { " 0.5600 ", TRUE, 0.56 },
    { "1 234,5", TRUE, 1234.5 }, { "1,234.5", TRUE, 1234.5 }, { "0,0432", TRUE, 0.0432 },
    { "", FALSE, 0 }, { "abc", FALSE, 0 }, { "25 Kč", FALSE, 0 }, { "-3", FALSE, 0 }, { ",5", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double rate = 0;

      g_assert_cmpint (nudge_currency_parse_rate (cases[i].text, &rate), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpfloat_with_epsilon (rate, cases[i].rate, 1e-9);
    }
}

/* An amount typed with its currency, as a Czech, Polish or Ukrainian
 * seller writes it, is that amount; another currency's sign is refused,
 * not saved as crowns. */
static void
test_parse_amount (void)
{
  static const struct {
    const char *text;
    const char *currency;
    gint64      minor;
  } good[] = {
    { "12 500 Kč", "CZK", 1250000 },
    { "12\u00a0500\u00a0Kč", "CZK", 1250000 },
    { "12 500,- Kč", "CZK", 1250000 },
    { "12500Kč", "CZK", 1250000 },
    { "12 500 kč", "CZK", 1250000 },
    { "CZK 12 500,50", "CZK", 1250050 },
    { "12 500 czk", "CZK", 1250000 },
    { "1 250,50 zł", "PLN", 125050 },
    { "2 500 грн", "UAH", 250000 },
    { "2 500 грн.", "UAH", 250000 },
    { "2 500 ₴", "UAH", 250000 },
    { "€4,000", "EUR", 400000 },
    { "4.000 €", "EUR", 400000 },
    { "US$ 1,500.25", "USD", 150025 },
    { "12 500", "CZK", 1250000 },
  };
  static const struct {
    const char *text;
    const char *currency;
    const char *says;
  } bad[] = {
    { "4 000 €", "CZK", "EUR" },
    { "12 500 Kč", "PLN", "CZK" },
    { "Kč", "CZK", NULL },
    { "-5 Kč", "CZK", NULL },
    { "12 Kč 50", "CZK", NULL },
    { "12 500 -", "CZK", NULL },
    { "", "CZK", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = -1;

      g_test_message ("reading “%s” in %s", good[i].text, good[i].currency);
      g_assert_true (nudge_currency_parse_amount (good[i].text, good[i].currency, &minor, &error));
      g_assert_no_error (error);
      g_assert_cmpint (minor, ==, good[i].minor);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = 42;

      g_test_message ("refusing “%s” in %s", bad[i].text, bad[i].currency);
      g_assert_false (nudge_currency_parse_amount (bad[i].text, bad[i].currency, &minor, &error));
      g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
      g_assert_cmpint (minor, ==, 42);
      if (bad[i].says != NULL)
        g_assert_nonnull (strstr (error->message, bad[i].says));
    }
}

static void
test_deal_currencies (Fixture       *f,
                      gconstpointer  data)
{
  const struct { const char *currency; gint64 amount; gboolean has_amount; NudgeDealStatus status; } deals[] = {
    { "EUR", 100000, TRUE, NUDGE_DEAL_OPEN }, { "CZK", 500000, TRUE, NUDGE_DEAL_OPEN },
    { "EUR", 20000, TRUE, NUDGE_DEAL_OPEN }, { "USD", 0, FALSE, NUDGE_DEAL_OPEN },
    { "GBP", 70000, TRUE, NUDGE_DEAL_WON }, { "EUR", 30000, TRUE, NUDGE_DEAL_LOST },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) used = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (deals); i++)
    {
      g_autoptr(NudgeDeal) deal = nudge_deal_new ();

      g_object_set (deal, "title", "Deal", "currency", deals[i].currency, "has-amount", deals[i].has_amount,
                    "amount-minor", deals[i].amount, "status", deals[i].status, NULL);
      g_assert_cmpint (nudge_store_save_deal (f->store, deal, &error), >, 0);
      g_assert_no_error (error);
    }
  used = nudge_store_list_deal_currencies (f->store, &error);
  g_assert_no_error (error);
  /* By code; a deal without an amount or closed needs no rate */
  g_assert_cmpuint (used->len, ==, 2);
  g_assert_cmpstr (((NudgeCurrencyUse *) g_ptr_array_index (used, 0))->currency, ==, "CZK");
  g_assert_cmpuint (((NudgeCurrencyUse *) g_ptr_array_index (used, 0))->n_deals, ==, 1);
  g_assert_cmpstr (((NudgeCurrencyUse *) g_ptr_array_index (used, 1))->currency, ==, "EUR");
  g_assert_cmpuint (((NudgeCurrencyUse *) g_ptr_array_index (used, 1))->n_deals, ==, 2);
}

/* The sample book comes with rates for every home currency it can have,
 * so the board shows one total from the start. */
static void
test_sample_book_rates (Fixture       *f,
                        gconstpointer  data)
{
  static const char *const homes[] = { "CZK", "PLN", "UAH", "EUR", "USD" };
  g_autoptr(GError) error = NULL;

  nudge_test_add_demo (f->store, 0, 0, 0, 0, 0);

  for (guint h = 0; h < G_N_ELEMENTS (homes); h++)
    {
      g_autoptr(GPtrArray) used = NULL;
      NudgeRates *rates;

      g_assert_true (nudge_store_set_home_currency (f->store, homes[h], &error));
      g_assert_no_error (error);
      used = nudge_store_list_deal_currencies (f->store, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (used->len, >=, 4);
      rates = nudge_rates_load (f->store);
      for (guint i = 0; i < used->len; i++)
        {
          NudgeCurrencyUse *use = g_ptr_array_index (used, i);
          gint64 home_minor = 0;

          g_assert_true (nudge_rates_convert (rates, use->currency, 100000, &home_minor));
          g_assert_cmpint (home_minor, >, 0);
        }
      nudge_rates_free (rates);
    }

  /* 1 EUR in crowns is the sample's 25.20, as typed */
  g_assert_true (nudge_store_set_home_currency (f->store, "CZK", &error));
  {
    NudgeRates *rates = nudge_rates_load (f->store);
    gint64 czk = 0;

    g_assert_true (nudge_rates_convert (rates, "EUR", 100, &czk));
    g_assert_cmpint (czk, ==, 2520);
    nudge_rates_free (rates);
  }
}

/* Minor units to minor units, rounded half away from zero, across
 * currencies with 2 and 0 decimals. */
static void
test_convert (void)
{
  g_autoptr(NudgeRates) rates = nudge_rates_new ("CZK");
  gint64 out = 0;

  nudge_rates_set (rates, "EUR", 25.2);
  nudge_rates_set (rates, "JPY", 0.155);
  g_assert_true (nudge_rates_convert (rates, "CZK", 12345, &out));
  g_assert_cmpint (out, ==, 12345);
  g_assert_true (nudge_rates_convert (rates, "EUR", 100000, &out));   /* 1 000.00 € */
  g_assert_cmpint (out, ==, 2520000);                                  /* 25 200.00 Kč */
  g_assert_true (nudge_rates_convert (rates, "EUR", 1, &out));        /* 0.01 € = 0.252 Kč */
  g_assert_cmpint (out, ==, 25);
  g_assert_true (nudge_rates_convert (rates, "EUR", -3, &out));
  g_assert_cmpint (out, ==, -76);
  g_assert_true (nudge_rates_convert (rates, "JPY", 1000, &out));     /* ¥1000 = 155 Kč */
  g_assert_cmpint (out, ==, 15500);
  g_assert_false (nudge_rates_convert (rates, "USD", 100, &out));
}

/* One figure per column, marked ≈ when converted; a currency without a
 * rate is shown apart; the breakdown keeps one order. */
static void
test_totals_in_home_currency (void)
{
  g_autoptr(NudgeRates) rates = nudge_rates_new ("CZK");
  NudgePipelineTotals *totals = nudge_pipeline_totals_new ();
  NudgePipelineTotals *reversed = nudge_pipeline_totals_new ();
  g_autofree char *home_only = NULL;
  g_autofree char *text = NULL;
  g_autofree char *breakdown = NULL;
  g_autofree char *breakdown_reversed = NULL;
  gint64 home_minor = 0;
  gboolean converted = FALSE;

  setlocale (LC_ALL, "C.UTF-8");
  nudge_rates_set (rates, "EUR", 25.0);

  nudge_pipeline_totals_add (totals, "CZK", 100000000, TRUE, 50);   /* 1 000 000 Kč */
  home_only = nudge_pipeline_totals_format_home (totals, rates, FALSE);
  g_assert_null (strstr (home_only, "≈"));

  nudge_pipeline_totals_add (totals, "EUR", 4000000, TRUE, 50);     /* 40 000 € */
  nudge_pipeline_totals_add (totals, "USD", 1000000, TRUE, 50);     /* 10 000 $ */
  nudge_pipeline_totals_add (totals, "USD", 500000, TRUE, 50);
  g_assert_cmpuint (nudge_pipeline_totals_get_home (totals, rates, FALSE, &home_minor, &converted), ==, 2);
  g_assert_cmpint (home_minor, ==, 200000000);                        /* 2 000 000 Kč */
  g_assert_true (converted);
  g_assert_cmpuint (nudge_pipeline_totals_get_home (totals, rates, TRUE, &home_minor, NULL), ==, 2);
  g_assert_cmpint (home_minor, ==, 100000000);

  text = nudge_pipeline_totals_format_home (totals, rates, FALSE);
  g_assert_true (g_str_has_prefix (text, "≈ "));
  g_assert_nonnull (strstr (text, "2,000,000") ? strstr (text, "2,000,000") : strstr (text, "2000000"));
  g_assert_nonnull (strstr (text, " + "));
  g_assert_null (strstr (text, "€"));

  nudge_pipeline_totals_add (reversed, "USD", 500000, TRUE, 50);
  nudge_pipeline_totals_add (reversed, "USD", 1000000, TRUE, 50);
  nudge_pipeline_totals_add (reversed, "EUR", 4000000, TRUE, 50);
  nudge_pipeline_totals_add (reversed, "CZK", 100000000, TRUE, 50);
  breakdown = nudge_pipeline_totals_format_breakdown (totals, rates, FALSE);
  breakdown_reversed = nudge_pipeline_totals_format_breakdown (reversed, rates, FALSE);
  g_assert_cmpstr (breakdown, ==, breakdown_reversed);
  g_assert_nonnull (strstr (breakdown, "no exchange rate"));
  g_assert_nonnull (strstr (breakdown, "(2 deals)"));

  nudge_pipeline_totals_free (totals);
  nudge_pipeline_totals_free (reversed);
}

int
main (int argc, char *argv[])
{
  static const NudgeTestCase cases_1[] = {
    { "deal-currencies", NUDGE_TEST_FUNC (test_deal_currencies) },
  };
  static const NudgeTestCase cases_2[] = {
    { "sample-book-rates", NUDGE_TEST_FUNC (test_sample_book_rates) },
    { "rates-in-the-book", NUDGE_TEST_FUNC (test_rates_in_the_book) },
  };

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/currency/normalize", test_normalize);
  g_test_add_func ("/core/currency/locale-default", test_locale_default);
  g_test_add_func ("/core/currency/new-deal-currency", test_new_deal_currency);
  g_test_add_func ("/core/currency/convert", test_convert);
  g_test_add_func ("/core/currency/parse-rate", test_parse_rate);
  g_test_add_func ("/core/currency/parse-amount", test_parse_amount);
  nudge_test_add_table ("/core/currency/", Fixture, fixture_set_up, fixture_tear_down, cases_1);
  g_test_add_func ("/core/currency/totals-in-home-currency", test_totals_in_home_currency);
  nudge_test_add_table ("/core/currency/", Fixture, fixture_set_up, fixture_tear_down, cases_2);
  return g_test_run ();
}
