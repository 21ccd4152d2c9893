/* nudge-cli-currency.c — the home currency and exchange rates from the
 * command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nudge-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "nudge-clock.h"
#include "nudge-cli.h"
#include "nudge-currency.h"
#include "nudge-format.h"

static int
currency_home (CliContext *ctx,
               int         argc,
               char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;
  int status;

  if (!cli_parse ((GOptionEntry[]) { { NULL } }, "[CODE]", &argc, &argv, &status))
    return status;
  if (argc > 2)
    return cli_usage (_("currency home takes at most one CODE"));
  if (argc == 2 && !nudge_store_set_home_currency (ctx->store, argv[1], &error))
    return cli_fail_error (error);
  home = nudge_store_get_home_currency (ctx->store);
  g_print ("%s\n", home);
  return CLI_OK;
}

/* "25.2" and "25,2" alike: a rate is typed the way the user writes it. */
static gboolean
parse_rate (const char *text,
            double     *out_rate)
{
  g_autofree char *dotted = g_strdelimit (g_strstrip (g_strdup (text)), ",", '.');
  char *end = NULL;

  *out_rate = g_ascii_strtod (dotted, &end);
  return *dotted != '\0' && end != NULL && *end == '\0' && isfinite (*out_rate);
}

static int
currency_rate (CliContext *ctx,
               int         argc,
               char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  gint64 as_of = nudge_clock_now ();
  double rate;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day the rate is from (YYYY-MM-DD; default: today)"), "DATE" },
    { NULL }
  };
  int status;

  if (!cli_parse_args (entries, "CODE RATE", 2,
                       _("currency rate takes CODE RATE, e.g. “currency rate EUR 25.20”"),
                       &argc, &argv, &status))
    return status;
  if (!parse_rate (argv[2], &rate))
    return cli_fail (_("RATE: “%s” is not a number"), argv[2]);
  if (date != NULL)
    {
      g_autoptr(GDateTime) day = NULL;
      int y, m, d;

      if (!nudge_parse_date (date, &y, &m, &d) || !(day = nudge_clock_local_new (y, m, d, 12, 0, 0)))
        return cli_fail (_("--date: “%s” is not a date (YYYY-MM-DD)"), date);
      as_of = g_date_time_to_unix (day);
    }
  if (!nudge_store_set_rate (ctx->store, argv[1], rate, as_of, &error))
    return cli_fail_error (error);
  return CLI_OK;
}

static int
currency_remove (CliContext *ctx,
                 int         argc,
                 char      **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!cli_parse ((GOptionEntry[]) { { NULL } }, "CODE", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return cli_usage (_("currency remove takes one CODE"));
  if (!nudge_store_remove_rate (ctx->store, argv[1], &error))
    return cli_fail_error (error);
  return CLI_OK;
}

static int
currency_list (CliContext *ctx,
               int         argc,
               char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rates = NULL;
  g_autofree char *home = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Machine-readable output"), NULL },
    { NULL }
  };
  int status;

  if (!cli_parse_args (entries, NULL, 0,
                       _("currency list takes only options"),
                       &argc, &argv, &status))
    return status;
  home = nudge_store_get_home_currency (ctx->store);
  if (!(rates = nudge_store_list_rates (ctx->store, &error)))
    return cli_fail_error (error);

  if (json || ctx->json)
    {
      g_autoptr(GString) out = g_string_new ("{\"home\":");

      cli_json_string (out, home);
      g_string_append (out, ",\"rates\":[");
      for (guint i = 0; i < rates->len; i++)
        {
          NudgeRate *r = g_ptr_array_index (rates, i);
          g_autofree char *day = nudge_format_iso_date (r->as_of);
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append (out, i ? ",{\"currency\":" : "{\"currency\":");
          cli_json_string (out, r->currency);
          g_string_append_printf (out, ",\"rate\":%s,\"date\":",
                                  g_ascii_formatd (number, sizeof number, "%.10g", r->rate));
          cli_json_string (out, day);
          g_string_append_c (out, '}');
        }
      g_string_append (out, "]}\n");
      g_print ("%s", out->str);
      return CLI_OK;
    }

  /* Translators: the home currency, e.g. "Home currency: CZK" */
  g_print (_("Home currency: %s\n"), home);
  for (guint i = 0; i < rates->len; i++)
    {
      NudgeRate *r = g_ptr_array_index (rates, i);
      g_autofree char *rate = nudge_currency_format_rate (r->rate);
      g_autofree char *day = nudge_format_date (r->as_of);

      /* Translators: "1 EUR = 25.20 CZK (3 Dec 2026)" */
      g_print (_("1 %s = %s %s (%s)\n"), r->currency, rate, home, day);
    }
  return CLI_OK;
}

const CliCommand cli_currency_commands[] = {
  { "currency", "home", "[CODE]", N_("Show or set the home currency totals are counted in"), currency_home, TRUE },
  { "currency", "rate", "CODE RATE [--date DATE]", N_("Set what 1 CODE is worth in the home currency"), currency_rate, TRUE },
  { "currency", "remove", "CODE", N_("Forget the rate of a currency"), currency_remove, TRUE },
  { "currency", "list", "[--json]", N_("The home currency and the rates, with their dates"), currency_list, TRUE },
  { NULL }
};
