/* nudge-cli-pipeline.c — pipelines and stages from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nudge-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-cli.h"
#include "nudge-pipeline.h"

static gboolean
resolve_pipeline (CliContext  *ctx,
                  const char  *name,
                  gint64      *out_id)
{
  if (name == NULL)
    {
      *out_id = nudge_store_get_default_pipeline (ctx->store);
      return *out_id > 0;
    }
  *out_id = nudge_pipeline_find (ctx->store, name);
  if (*out_id <= 0 && cli_parse_id (name, out_id))
    {
      g_autoptr(GPtrArray) all = nudge_store_list_pipelines (ctx->store, NULL);

      for (guint i = 0; all && i < all->len; i++)
        if (nudge_stage_get_id (g_ptr_array_index (all, i)) == *out_id)
          return TRUE;
      *out_id = 0;
    }
  return *out_id > 0;
}

/* Open deals of each pipeline, added up in the home currency. */
static GHashTable *
pipeline_totals (CliContext *ctx)
{
  GHashTable *totals = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              (GDestroyNotify) nudge_pipeline_totals_free);
  g_autoptr(GHashTable) stage_pipeline = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GPtrArray) pipelines = nudge_store_list_pipelines (ctx->store, NULL);
  g_autoptr(GPtrArray) deals = nudge_store_list_deals (ctx->store, NULL);

  for (guint i = 0; pipelines && i < pipelines->len; i++)
    {
      gint64 pipeline = nudge_stage_get_id (g_ptr_array_index (pipelines, i));
      g_autoptr(GPtrArray) stages = nudge_store_list_stages (ctx->store, pipeline, NULL);

      g_hash_table_insert (totals, g_memdup2 (&pipeline, sizeof pipeline), nudge_pipeline_totals_new ());
      for (guint s = 0; stages && s < stages->len; s++)
        {
          gint64 stage = nudge_stage_get_id (g_ptr_array_index (stages, s));

          g_hash_table_insert (stage_pipeline, g_memdup2 (&stage, sizeof stage), g_memdup2 (&pipeline, sizeof pipeline));
        }
    }
  for (guint i = 0; deals && i < deals->len; i++)
    {
      NudgeDeal *deal = g_ptr_array_index (deals, i);
      gint64 stage = nudge_deal_get_stage_id (deal);
      gint64 *pipeline = g_hash_table_lookup (stage_pipeline, &stage);
      NudgePipelineTotals *t;

      if (nudge_deal_get_status (deal) != NUDGE_DEAL_OPEN || pipeline == NULL ||
          !(t = g_hash_table_lookup (totals, pipeline)))
        continue;
      nudge_pipeline_totals_add_deal (t, deal);
    }
  return totals;
}

static int
pipeline_list (CliContext *ctx,
               int         argc,
               char      **argv)
{
  g_autoptr(GPtrArray) pipelines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) totals = NULL;
  g_autoptr(NudgeRates) rates = NULL;

  if (argc != 1)
    return cli_usage (_("pipeline list takes no arguments"));
  if (!(pipelines = nudge_store_list_pipelines (ctx->store, &error)))
    return cli_fail_error (error);
  totals = pipeline_totals (ctx);
  rates = nudge_rates_load (ctx->store);

  if (ctx->json)
    {
      g_autoptr(GString) out = g_string_new ("[");

      for (guint i = 0; i < pipelines->len; i++)
        {
          NudgeStage *p = g_ptr_array_index (pipelines, i);
          gint64 id = nudge_stage_get_id (p);
          NudgePipelineTotals *t = g_hash_table_lookup (totals, &id);
          gint64 total = 0, weighted = 0;
          gboolean converted = FALSE;
          guint apart = 0;

          if (t != NULL)
            {
              apart = nudge_pipeline_totals_get_home (t, rates, FALSE, &total, &converted);
              nudge_pipeline_totals_get_home (t, rates, TRUE, &weighted, NULL);
            }
          cli_json_begin_named (out, i, id, nudge_stage_get_name (p));
          g_string_append_printf (out, ",\"open_deals\":%u,\"home_currency\":", t ? nudge_pipeline_totals_get_count (t) : 0);
          cli_json_string (out, nudge_rates_get_home (rates));
          g_string_append_printf (out, ",\"total_home_minor\":%" G_GINT64_FORMAT
                                  ",\"weighted_home_minor\":%" G_GINT64_FORMAT
                                  ",\"converted\":%s,\"deals_without_rate\":%u}",
                                  total, weighted, converted ? "true" : "false", apart);
        }
      g_string_append (out, "]\n");
      g_print ("%s", out->str);
      return CLI_OK;
    }
  for (guint i = 0; i < pipelines->len; i++)
    {
      NudgeStage *p = g_ptr_array_index (pipelines, i);
      gint64 id = nudge_stage_get_id (p);
      NudgePipelineTotals *t = g_hash_table_lookup (totals, &id);
      g_autofree char *total = t ? nudge_pipeline_totals_format_home (t, rates, FALSE) : g_strdup ("");

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\n", id, nudge_stage_get_name (p), total);
    }
  return CLI_OK;
}

static int
stage_list (CliContext *ctx,
            int         argc,
            char      **argv)
{
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pipeline = NULL;
  GOptionEntry entries[] = {
    { "pipeline", 0, 0, G_OPTION_ARG_STRING, &pipeline, N_("Pipeline name (default: the first)"), "NAME" },
    { NULL }
  };
  gint64 pipeline_id;
  int status;

  if (!cli_parse_args (entries, NULL, 0,
                       _("stage list takes only options"),
                       &argc, &argv, &status))
    return status;
  if (!resolve_pipeline (ctx, pipeline, &pipeline_id))
    return cli_fail (_("No pipeline named “%s”"), pipeline ? pipeline : "");
  if (!(stages = nudge_store_list_stages (ctx->store, pipeline_id, &error)))
    return cli_fail_error (error);

  if (ctx->json)
    cli_print_json_list (stages);
  else
    for (guint i = 0; i < stages->len; i++)
      {
        NudgeStage *s = g_ptr_array_index (stages, i);

        g_print ("%" G_GINT64_FORMAT "\t%s\t%d%%\t%d\t%s\t%s\t%u\n", nudge_stage_get_id (s),
                 nudge_stage_get_name (s), nudge_stage_get_probability (s),
                 nudge_stage_get_rotting_days (s), nudge_stage_get_kind (s),
                 nudge_stage_get_required_fields (s),
                 nudge_stage_count_deals (ctx->store, nudge_stage_get_id (s)));
      }
  return CLI_OK;
}

static int
stage_add (CliContext *ctx,
           int         argc,
           char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pipeline = NULL;
  int position = -1;
  GOptionEntry entries[] = {
    { "pipeline", 0, 0, G_OPTION_ARG_STRING, &pipeline, N_("Pipeline name (default: the first)"), "NAME" },
    { "position", 0, 0, G_OPTION_ARG_INT, &position, N_("Position, 0 first (default: before Won)"), "N" },
    { NULL }
  };
  gint64 pipeline_id;
  int status;

  if (!cli_parse_args (entries, "NAME", 1,
                       _("stage add takes one NAME"),
                       &argc, &argv, &status))
    return status;
  if (!resolve_pipeline (ctx, pipeline, &pipeline_id))
    return cli_fail (_("No pipeline named “%s”"), pipeline ? pipeline : "");
  return cli_print_new_id (nudge_stage_create (ctx->store, pipeline_id, argv[1], position, &error), &error);
}

static int
stage_set (CliContext *ctx,
           int         argc,
           char      **argv)
{
  g_autoptr(NudgeStage) stage = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pipeline = NULL, *require = NULL, *kind = NULL, *rename = NULL;
  int probability = CLI_UNSET, rotting_days = CLI_UNSET;
  GOptionEntry entries[] = {
    { "pipeline", 0, 0, G_OPTION_ARG_STRING, &pipeline, N_("Pipeline name (default: the first)"), "NAME" },
    { "probability", 0, 0, G_OPTION_ARG_INT, &probability, N_("Win probability in percent"), "P" },
    { "rotting-days", 0, 0, G_OPTION_ARG_INT, &rotting_days, N_("Idle days before a deal rots (0: never)"), "N" },
    { "require", 0, 0, G_OPTION_ARG_STRING, &require, N_("Required fields: amount, expected_close, contact (empty: none)"), "FIELD,…" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("open, won or lost"), "KIND" },
    { "rename", 0, 0, G_OPTION_ARG_STRING, &rename, N_("New name"), "NAME" },
    { NULL }
  };
  gint64 pipeline_id;
  int status;

  if (!cli_parse_args (entries, "NAME", 1,
                       _("stage set takes one stage NAME"),
                       &argc, &argv, &status))
    return status;
  if (!resolve_pipeline (ctx, pipeline, &pipeline_id))
    return cli_fail (_("No pipeline named “%s”"), pipeline ? pipeline : "");
  if (!(stage = nudge_store_find_stage (ctx->store, pipeline_id, argv[1], &error)))
    return cli_fail_error (error);

  if (probability != CLI_UNSET)
    {
      if ((status = cli_check_range ("probability", probability, 0, 100)) != CLI_OK)
        return status;
      g_object_set (stage, "probability", probability, NULL);
    }
  if (rotting_days != CLI_UNSET)
    {
      if ((status = cli_check_range ("rotting-days", rotting_days, 0, 3650)) != CLI_OK)
        return status;
      g_object_set (stage, "rotting-days", rotting_days, NULL);
    }
  if (require != NULL)
    g_object_set (stage, "required-fields", require, NULL);
  if (kind != NULL)
    g_object_set (stage, "kind", kind, NULL);
  if (rename != NULL)
    g_object_set (stage, "name", rename, NULL);
  if (!nudge_stage_update (ctx->store, stage, &error))
    return cli_fail_error (error);
  return CLI_OK;
}

const CliCommand cli_pipeline_commands[] = {
  { "pipeline", "list", "[--json]", N_("List pipelines"), pipeline_list, TRUE },
  { "stage", "list", "[--pipeline NAME] [--json]", N_("List the stages of a pipeline"), stage_list, TRUE },
  { "stage", "add", "NAME [--pipeline NAME] [--position N]", N_("Add a stage; prints its id"), stage_add, TRUE },
  { "stage", "set", "NAME [--probability P] [--rotting-days N] [--require FIELD,…] [--kind open|won|lost]",
    N_("Change a stage"), stage_set, TRUE },
  { NULL }
};
