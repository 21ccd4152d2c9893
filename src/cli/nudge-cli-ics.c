/* nudge-cli-ics.c — iCalendar export from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "nudge-cli.h"
#include "nudge-clock.h"
#include "nudge-ics.h"

static int
export_ics (CliContext *ctx,
            int         argc,
            char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL, *from_text = NULL, *to_text = NULL, *deal_text = NULL;
  gboolean vtodo = FALSE, include_done = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (\"-\" for standard output)"), "FILE" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("From (default: include everything overdue)"), "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Until, exclusive (default: a year from now)"), "DATE" },
    { "vtodo", 0, 0, G_OPTION_ARG_NONE, &vtodo, N_("Write tasks (VTODO) instead of events"), NULL },
    { "deal", 0, 0, G_OPTION_ARG_STRING, &deal_text, N_("Only the follow-ups of this deal"), "ID" },
    { "include-done", 0, 0, G_OPTION_ARG_NONE, &include_done, N_("Include done items"), NULL },
    { NULL }
  };
  NudgeIcsOptions options;
  int status;

  if (!cli_parse_args (entries, NULL, 0,
                       _("export-ics takes only options"),
                       &argc, &argv, &status))
    return status;
  if (output == NULL)
    return cli_usage (_("export-ics needs -o FILE"));

  nudge_ics_options_init (&options);
  options.as_tasks = vtodo;
  options.include_done = include_done;
  if (from_text != NULL && !nudge_parse_iso8601 (from_text, NULL, &options.from, &error))
    return cli_fail_error (error);
  if (to_text != NULL && !nudge_parse_iso8601 (to_text, NULL, &options.to, &error))
    return cli_fail_error (error);
  if (deal_text != NULL && !cli_parse_id (deal_text, &options.deal_id))
    return cli_fail (_("Not a deal id: %s"), deal_text);

  if (g_str_equal (output, "-"))
    {
      gsize length = 0;
      g_autofree char *text = nudge_ics_export (ctx->store, &options, &length, &error);

      if (text == NULL)
        return cli_fail_error (error);
      fwrite (text, 1, length, stdout);
      return CLI_OK;
    }
  if (!nudge_ics_export_to_file (ctx->store, &options, output, &error))
    return cli_fail_error (error);
  return CLI_OK;
}

const CliCommand cli_ics_commands[] = {
  { NULL, "export-ics", "-o FILE [--from DATE] [--to DATE] [--vtodo] [--deal ID] [--include-done]",
    N_("Export follow-ups as an iCalendar file"), export_ics, TRUE },
  { NULL }
};
