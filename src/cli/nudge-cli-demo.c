/* nudge-cli-demo.c — fill a database with a sample book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-cli.h"
#include "nudge-demo.h"

static int
demo (CliContext *ctx,
      int         argc,
      char      **argv)
{
  g_autoptr(GError) error = NULL;
  NudgeDemoOptions options;
  int contacts, companies, deals, activities, followups, seed;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "contacts", 0, 0, G_OPTION_ARG_INT, &contacts, N_("Number of contacts"), "N" },
    { "companies", 0, 0, G_OPTION_ARG_INT, &companies, N_("Number of companies"), "N" },
    { "deals", 0, 0, G_OPTION_ARG_INT, &deals, N_("Number of deals"), "N" },
    { "activities", 0, 0, G_OPTION_ARG_INT, &activities, N_("Number of activities"), "N" },
    { "followups", 0, 0, G_OPTION_ARG_INT, &followups, N_("Number of follow-ups"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Random seed (the same seed gives the same book)"), "S" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Add to a database that already has data"), NULL },
    { NULL }
  };
  gint64 start;
  int status;

  nudge_demo_options_init (&options);
  contacts = options.contacts;
  companies = options.companies;
  deals = options.deals;
  activities = options.activities;
  followups = options.followups;
  seed = (int) options.seed;

  if (!cli_parse_args (entries, NULL, 0,
                       _("demo takes only options"),
                       &argc, &argv, &status))
    return status;
  if (contacts < 1 || companies < 1 || deals < 0 || activities < 0 || followups < 0)
    return cli_usage (_("Counts must not be negative, and there must be at least one company and one contact"));
  if (contacts > 1000000 || deals > 1000000 || activities > 10000000 || followups > 1000000 || companies > 1000000)
    return cli_fail (_("That is more than a sample book needs (at most a million of each, ten million activities)"));
  if (!force && !nudge_store_is_empty (ctx->store))
    return cli_fail (_("%s already has data; add --force to add the sample book to it"), nudge_store_get_path (ctx->store));

  options.contacts = contacts;
  options.companies = companies;
  options.deals = deals;
  options.activities = activities;
  options.followups = followups;
  options.seed = (guint32) seed;

  start = g_get_monotonic_time ();
  if (!nudge_demo_generate (ctx->store, &options, &error))
    return cli_fail_error (error);
  cli_merge_search_index (ctx);
  {
    g_autofree char *n_companies = g_strdup_printf (ngettext ("%d company", "%d companies", companies), companies);
    g_autofree char *n_contacts = g_strdup_printf (ngettext ("%d contact", "%d contacts", contacts), contacts);
    g_autofree char *n_deals = g_strdup_printf (ngettext ("%d deal", "%d deals", deals), deals);
    g_autofree char *n_activities = g_strdup_printf (ngettext ("%d activity", "%d activities", activities), activities);
    g_autofree char *n_followups = g_strdup_printf (ngettext ("%d follow-up", "%d follow-ups", followups), followups);

    /* Translators: "Added 3 companies, 10 contacts, 5 deals, 20 activities and 8 follow-ups in 0.2 s" */
    g_print (_("Added %s, %s, %s, %s and %s in %.1f s\n"),
             n_companies, n_contacts, n_deals, n_activities, n_followups,
             (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  }
  return CLI_OK;
}

const CliCommand cli_demo_commands[] = {
  { NULL, "demo", "[--contacts N] [--companies N] [--deals N] [--activities N] [--followups N] [--seed S] [--force]",
    N_("Fill the database with a realistic sample book"), demo, TRUE },
  { NULL }
};
