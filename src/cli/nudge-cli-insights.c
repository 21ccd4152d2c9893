/* nudge-cli-insights.c — metrics and scores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "nudge-automation.h"
#include "nudge-cli.h"
#include "nudge-pace.h"
#include "nudge-clock.h"
#include "nudge-format.h"
#include "nudge-insights.h"
#include "nudge-scoring.h"

static void
append_number (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value < 0)
    g_string_append (out, "null");
  else
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.4f", value));
}

static void
append_minor (GString    *out,
              gint64      minor,
              const char *currency)
{
  double scale = nudge_currency_minor_per_unit (currency);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.2f", minor / scale));
}

/* {"Stage":number,…} over the open stages: their conversion, or the
 * mean days deals spend in them */
static void
append_open_stages (GString  *out,
                    GArray   *stages,
                    gboolean  conversion)
{
  const char *separator = "";

  g_string_append_c (out, '{');
  for (guint i = 0; i < stages->len; i++)
    {
      NudgeStageMetric *m = &g_array_index (stages, NudgeStageMetric, i);

      if (m->open)
        {
          g_string_append (out, separator);
          cli_json_string (out, m->stage_name);
          g_string_append_c (out, ':');
          append_number (out, conversion ? m->conversion : m->mean_days);
          separator = ",";
        }
    }
  g_string_append_c (out, '}');
}

static char *
text_number (double      value,
             int         digits,
             const char *unit)
{
  g_autofree char *number = NULL;

  if (value < 0)
    return g_strdup ("—");
  number = nudge_format_number (value, digits);
  return g_strconcat (number, unit, NULL);
}

static int
insights (CliContext *ctx,
          int         argc,
          char      **argv)
{
  g_autoptr(NudgeInsights) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *from_text = NULL, *to_text = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("Start of the period (default: a year ago)"), "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("End of the period, exclusive (default: now)"), "DATE" },
    { NULL }
  };
  gint64 now = nudge_clock_now ();
  gint64 from = now - 365 * 86400, to = now;
  const char *last_month = NULL;
  int status;

  if (!cli_parse_args (entries, NULL, 0,
                       _("insights takes only options"),
                       &argc, &argv, &status))
    return status;
  if ((from_text && !nudge_parse_iso8601 (from_text, NULL, &from, &error)) ||
      (to_text && !nudge_parse_iso8601 (to_text, NULL, &to, &error)))
    return cli_fail_error (error);
  if (from > to)
    return cli_fail (_("The period starts after it ends"));
  if (!(result = nudge_insights_compute (ctx->store, from, to, &error)))
    return cli_fail_error (error);

  if (!ctx->json)
    {
      g_autofree char *response = text_number (result->lead_response_median_hours, 1, _(" h"));
      g_autofree char *reply = text_number (result->first_touch_reply_rate * 100, 0, " %");
      g_autofree char *won = text_number (result->touches_per_won_deal, 1, "");
      g_autofree char *lost = text_number (result->touches_per_lost_deal, 1, "");
      g_autofree char *interval = text_number (result->followup_interval_mean_days, 1, _(" days"));
      g_autofree char *on_time = text_number (result->followup_on_time_rate * 100, 0, " %");

      g_print (ngettext ("Lead response (median):   %s over %u deal\n", "Lead response (median):   %s over %u deals\n",
                         result->lead_response_n),
               response, result->lead_response_n);
      g_print (_("First-touch reply rate:   %s\n"), reply);
      g_print (ngettext ("Touches per won deal:     %s (%u won)\n", "Touches per won deal:     %s (%u won)\n",
                         result->won_n),
               won, result->won_n);
      g_print (ngettext ("Touches per lost deal:    %s (%u lost)\n", "Touches per lost deal:    %s (%u lost)\n",
                         result->lost_n),
               lost, result->lost_n);
      g_print (_("Follow-up interval:       %s\n"), interval);
      g_print (_("Follow-ups on time:       %s of %u\n"), on_time, result->followups_done_n);
      for (guint i = 0; i < result->stages->len; i++)
        {
          NudgeStageMetric *m = &g_array_index (result->stages, NudgeStageMetric, i);
          g_autofree char *conversion = text_number (m->conversion * 100, 0, " %");
          g_autofree char *days = text_number (m->mean_days, 1, _(" days"));

          if (m->open)
            g_print (_("  %-20s %4u entered  %6s on  %10s\n"), m->stage_name, m->entered, conversion, days);
        }
      g_print (_("Bottleneck:               %s\n"), result->bottleneck_stage ? result->bottleneck_stage : "—");
      if (result->forecast_home->len > 0)
        g_print (_("Weighted forecast in %s:\n"), nudge_rates_get_home (result->rates));
      for (guint i = 0; i < result->forecast_home->len; i++)
        {
          NudgeForecastMonth *m = &g_array_index (result->forecast_home, NudgeForecastMonth, i);
          g_autofree char *money = nudge_pipeline_totals_format_home (m->totals, result->rates, TRUE);

          g_print ("  %s  %s\n", m->month, money);
        }
      return CLI_OK;
    }

  {
    g_autofree char *from_iso = cli_format_time (from);
    g_autofree char *to_iso = cli_format_time (to);

    g_string_append (out, "{\"from\":");
    cli_json_string (out, from_iso);
    cli_json_member (out, "to", to_iso);
  }
  g_string_append (out, ",\"lead_response_median_hours\":");
  append_number (out, result->lead_response_median_hours);
  g_string_append_printf (out, ",\"lead_response_deals\":%u,\"lead_response_trend\":[", result->lead_response_n);
  for (guint i = 0; i < result->lead_response_trend->len; i++)
    {
      NudgeResponseMonth *m = &g_array_index (result->lead_response_trend, NudgeResponseMonth, i);
      g_string_append_printf (out, "%s{\"month\":\"%s\",\"median_hours\":", i ? "," : "", m->month);
      append_number (out, m->median_hours);
      g_string_append_printf (out, ",\"deals\":%u}", m->n_deals);
    }
  g_string_append (out, "],\"first_touch_reply_rate\":");
  append_number (out, result->first_touch_reply_rate);
  g_string_append (out, ",\"touches_per_won_deal\":");
  append_number (out, result->touches_per_won_deal);
  g_string_append (out, ",\"touches_per_lost_deal\":");
  append_number (out, result->touches_per_lost_deal);
  g_string_append (out, ",\"followup_interval_mean_days\":");
  append_number (out, result->followup_interval_mean_days);
  g_string_append (out, ",\"followup_on_time_rate\":");
  append_number (out, result->followup_on_time_rate);
  g_string_append_printf (out, ",\"followups_done\":%u", result->followups_done_n);
  g_string_append (out, ",\"stage_conversion\":");
  append_open_stages (out, result->stages, TRUE);
  g_string_append (out, ",\"stage_time_mean_days\":");
  append_open_stages (out, result->stages, FALSE);
  g_string_append (out, ",\"bottleneck_stage\":");
  if (result->bottleneck_stage)
    cli_json_string (out, result->bottleneck_stage);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"weighted_forecast\":{");
  for (guint i = 0; i < result->forecast->len; i++)
    {
      NudgeForecastRow *row = &g_array_index (result->forecast, NudgeForecastRow, i);

      if (g_strcmp0 (last_month, row->month) != 0)
        {
          if (last_month != NULL)
            g_string_append (out, "},");
          cli_json_string (out, row->month);
          g_string_append (out, ":{");
          last_month = row->month;
        }
      else
        g_string_append_c (out, ',');
      cli_json_string (out, row->currency);
      g_string_append_c (out, ':');
      append_minor (out, row->weighted_minor, row->currency);
    }
  if (last_month != NULL)
    g_string_append_c (out, '}');
  /* The same, one figure per month in the home currency at the user's
   * rates; deals in a currency without a rate are counted apart. */
  g_string_append (out, "},\"home_currency\":");
  cli_json_string (out, nudge_rates_get_home (result->rates));
  g_string_append (out, ",\"weighted_forecast_home\":[");
  for (guint i = 0; i < result->forecast_home->len; i++)
    {
      NudgeForecastMonth *m = &g_array_index (result->forecast_home, NudgeForecastMonth, i);

      g_string_append_printf (out, "%s{\"month\":", i ? "," : "");
      cli_json_string (out, m->month);
      g_string_append_printf (out, ",\"weighted_home_minor\":%" G_GINT64_FORMAT
                              ",\"total_home_minor\":%" G_GINT64_FORMAT
                              ",\"converted\":%s,\"deals_without_rate\":%u}",
                              m->weighted_home_minor, m->total_home_minor,
                              m->converted ? "true" : "false", m->apart);
    }
  g_string_append (out, "]}\n");
  fwrite (out->str, 1, out->len, stdout);
  return CLI_OK;
}

static int
score (CliContext *ctx,
       int         argc,
       char      **argv)
{
  g_autoptr(NudgeScoreWeights) weights = nudge_score_weights_new ();
  g_autoptr(NudgeScore) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *kind = NULL;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("What the id is: deal (default) or contact"), "deal|contact" },
    { NULL }
  };
  NudgeEntity entity = NUDGE_ENTITY_DEAL;
  int status;
  gint64 id;

  if (!cli_parse (entries, "ID", &argc, &argv, &status))
    return status;
  if (argc != 2 || !cli_parse_id (argv[1], &id))
    return cli_usage (_("score takes one deal or contact ID"));
  if (kind != NULL && g_str_equal (kind, "contact"))
    entity = NUDGE_ENTITY_CONTACT;
  else if (kind != NULL && !g_str_equal (kind, "deal"))
    return cli_usage (_("--kind is deal or contact"));

  {
    g_autoptr(GObject) subject = nudge_store_get_record (ctx->store, entity, id, &error);

    if (subject == NULL)
      return cli_fail_error (error);
  }

  if (!(result = nudge_score_compute (ctx->store, entity, id, weights, &error)))
    return cli_fail_error (error);

  if (!ctx->json)
    {
      g_print ("%.1f (%s)\n", result->score, result->temperature);
      for (guint i = 0; i < result->reasons->len; i++)
        g_print ("  %s\n", (const char *) g_ptr_array_index (result->reasons, i));
      return CLI_OK;
    }

  g_string_append_printf (out, "{\"%s_id\":%" G_GINT64_FORMAT ",\"score\":",
                          entity == NUDGE_ENTITY_DEAL ? "deal" : "contact", id);
  append_number (out, result->score);
  cli_json_member (out, "temperature", result->temperature);
  g_string_append (out, ",\"explanation\":[");
  for (guint i = 0; i < result->reasons->len; i++)
    {
      if (i)
        g_string_append_c (out, ',');
      cli_json_string (out, g_ptr_array_index (result->reasons, i));
    }
  g_string_append (out, "]}\n");
  fwrite (out->str, 1, out->len, stdout);
  return CLI_OK;
}


static int
segment_list (CliContext *ctx,
              int         argc,
              char      **argv)
{
  g_autoptr(GString) out = g_string_new ("[");
  g_auto(GStrv) saved = NULL;
  const NudgeSegmentInfo *builtins;
  guint n;

  if (argc != 1)
    return cli_usage (_("segment list takes no arguments"));
  builtins = nudge_segment_builtins (&n);
  saved = nudge_segment_list_saved (ctx->store);

  for (guint i = 0; i < n + g_strv_length (saved); i++)
    {
      const char *name = i < n ? builtins[i].name : saved[i - n];
      g_autoptr(GError) error = NULL;
      NudgeEntity entity;
      g_autoptr(GArray) ids = nudge_segment_members (ctx->store, name, &entity, &error);

      if (ids == NULL)
        return cli_fail_error (error);
      if (ctx->json)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          g_string_append (out, "{\"name\":");
          cli_json_string (out, name);
          cli_json_member (out, "label", i < n ? _(builtins[i].label) : name);
          g_string_append_printf (out, ",\"entity\":\"%s\",\"count\":%u,\"builtin\":%s}",
                                  entity == NUDGE_ENTITY_COMPANY ? "company" : entity == NUDGE_ENTITY_CONTACT ? "contact" : "deal",
                                  ids->len, i < n ? "true" : "false");
        }
      else
        g_print ("%-16s %6u  %s\n", name, ids->len, i < n ? _(builtins[i].label) : "");
    }
  if (ctx->json)
    cli_json_print_array (out);
  return CLI_OK;
}

static void
print_member_line (gpointer item)
{
  g_autofree char *name = NULL;
  gint64 id;

  g_object_get (item, "id", &id, NUDGE_IS_DEAL (item) ? "title" : "name", &name, NULL);
  g_print ("%" G_GINT64_FORMAT "\t%s\n", id, name);
}

static int
segment_show (CliContext *ctx,
              int         argc,
              char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  NudgeEntity entity;

  if (argc != 2)
    return cli_usage (_("segment show takes one segment NAME (see segment list; also product:NAME, industry:NAME)"));
  if (!(ids = nudge_segment_members (ctx->store, argv[1], &entity, &error)))
    return cli_fail_error (error);

  for (guint i = 0; i < ids->len; i++)
    {
      GObject *row = nudge_store_get_record (ctx->store, entity, g_array_index (ids, gint64, i), NULL);

      if (row != NULL)
        g_ptr_array_add (rows, row);
    }
  return cli_print_records (ctx, rows, print_member_line);
}

static int
segment_save (CliContext *ctx,
              int         argc,
              char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *entity_text = NULL;
  GOptionEntry entries[] = {
    { "entity", 0, 0, G_OPTION_ARG_STRING, &entity_text, N_("deal (default), contact or company"), "KIND" },
    { NULL }
  };
  NudgeEntity entity = NUDGE_ENTITY_DEAL;
  int status;

  if (!cli_parse_args (entries, "NAME QUERY", 2,
                       _("segment save takes a NAME and a search QUERY"),
                       &argc, &argv, &status))
    return status;
  if (g_strcmp0 (entity_text, "contact") == 0)
    entity = NUDGE_ENTITY_CONTACT;
  else if (g_strcmp0 (entity_text, "company") == 0)
    entity = NUDGE_ENTITY_COMPANY;
  else if (entity_text != NULL && !g_str_equal (entity_text, "deal"))
    return cli_usage (_("--entity is deal, contact or company"));
  if (!nudge_segment_save_filter (ctx->store, argv[1], entity, argv[2], &error))
    return cli_fail_error (error);
  return CLI_OK;
}

static void
print_cadence_json (GString  *out,
                    gpointer  item)
{
  NudgeCadence *c = item;

  g_string_append_printf (out, ",\"working_days\":%s,\"steps\":[", c->working_days ? "true" : "false");
  for (guint s = 0; s < c->steps->len; s++)
    {
      NudgeCadenceStep *step = &g_array_index (c->steps, NudgeCadenceStep, s);
      g_string_append_printf (out, "%s{\"offset_days\":%d,\"kind\":", s ? "," : "", step->offset_days);
      cli_json_string (out, step->kind);
      cli_json_member (out, "title", step->title);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
}

static void
print_cadence_text (gpointer item)
{
  NudgeCadence *c = item;

  g_print ("%s\n", c->name);
  for (guint s = 0; s < c->steps->len; s++)
    {
      NudgeCadenceStep *step = &g_array_index (c->steps, NudgeCadenceStep, s);
      g_print (_("  day %-3d %-8s %s\n"), step->offset_days, step->kind, step->title);
    }
}

static int
cadence_list (CliContext *ctx,
              int         argc,
              char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cadences = NULL;

  if (argc != 1)
    return cli_usage (_("cadence list takes no arguments"));
  if (!(cadences = nudge_cadence_list (ctx->store, &error)))
    return cli_fail_error (error);
  return cli_print_named_items (ctx, cadences, G_STRUCT_OFFSET (NudgeCadence, id), G_STRUCT_OFFSET (NudgeCadence, name),
                                print_cadence_json, print_cadence_text);
}

static int
cadence_apply (CliContext *ctx,
               int         argc,
               char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *deal = NULL, *contact = NULL, *segment = NULL;
  int per_day = NUDGE_PACE_DEFAULT_DAILY_LIMIT;
  GOptionEntry entries[] = {
    { "deal", 0, 0, G_OPTION_ARG_STRING, &deal, N_("Deal id"), "ID" },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact, N_("Contact id"), "ID" },
    { "segment", 0, 0, G_OPTION_ARG_STRING, &segment, N_("Every deal or contact of a segment"), "NAME" },
    { "per-day", 0, 0, G_OPTION_ARG_INT, &per_day, N_("Start this many a working day (default 5; 0: all now)"), "N" },
    { NULL }
  };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  NudgeEntity entity = NUDGE_ENTITY_DEAL;
  guint running = 0;
  int status;
  int total = 0;

  if (!cli_parse (entries, "NAME", &argc, &argv, &status))
    return status;
  if (argc != 2 || (deal != NULL) + (contact != NULL) + (segment != NULL) != 1)
    return cli_usage (_("cadence apply takes a cadence NAME and one of --deal, --contact or --segment"));
  if (per_day < 0 || per_day > 1000)
    return cli_fail (_("--per-day must be a whole number from 0 to 1000"));

  if (segment != NULL)
    {
      g_autoptr(GArray) members = nudge_segment_members (ctx->store, segment, &entity, &error);

      if (members == NULL)
        return cli_fail_error (error);
      if (entity == NUDGE_ENTITY_COMPANY)
        return cli_fail (_("A cadence applies to deals or contacts, and “%s” is a segment of companies"), segment);
      g_array_append_vals (ids, members->data, members->len);
    }
  else
    {
      gint64 id;

      if (!cli_parse_id (deal ? deal : contact, &id))
        return cli_fail (_("“%s” is not an id"), deal ? deal : contact);
      entity = deal ? NUDGE_ENTITY_DEAL : NUDGE_ENTITY_CONTACT;
      g_array_append_val (ids, id);
    }

  /* All or nothing, also for a whole segment, a few a day. */
  if ((total = nudge_cadence_apply_many (ctx->store, argv[1], entity, ids, per_day, &running, &error)) < 0)
    return cli_fail_error (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%d follow-up created\n", "%d follow-ups created\n", total), total);
  if (running > 0)
    g_print (entity == NUDGE_ENTITY_DEAL
             ? g_dngettext (GETTEXT_PACKAGE, "%u deal already runs this cadence: left as it is\n",
                            "%u deals already run this cadence: left as they are\n", running)
             : g_dngettext (GETTEXT_PACKAGE, "%u contact already runs this cadence: left as it is\n",
                            "%u contacts already run this cadence: left as they are\n", running),
             running);
  return CLI_OK;
}

static void
print_rule_json (GString  *out,
                 gpointer  item)
{
  NudgeRule *r = item;

  cli_json_member (out, "trigger", r->trigger);
  cli_json_member (out, "action", r->action);
  g_string_append_printf (out, ",\"enabled\":%s,\"builtin\":%s", r->enabled ? "true" : "false",
                          r->builtin ? "true" : "false");
}

static void
print_rule_text (gpointer item)
{
  NudgeRule *r = item;

  g_print ("%" G_GINT64_FORMAT "\t%s\t%s → %s%s\n", r->id, r->name, r->trigger, r->action,
           r->enabled ? "" : _(" (disabled)"));
}

static int
rules_list (CliContext *ctx,
            int         argc,
            char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = NULL;

  if (argc != 1)
    return cli_usage (_("rules list takes no arguments"));
  if (!(rules = nudge_rule_list (ctx->store, &error)))
    return cli_fail_error (error);
  return cli_print_named_items (ctx, rules, G_STRUCT_OFFSET (NudgeRule, id), G_STRUCT_OFFSET (NudgeRule, name),
                                print_rule_json, print_rule_text);
}

static int
rules_add (CliContext *ctx,
           int         argc,
           char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *trigger = NULL, *action = NULL;
  GOptionEntry entries[] = {
    { "trigger", 0, 0, G_OPTION_ARG_STRING, &trigger, N_("deal_enters_stage, deal_idle, deal_on_hold, no_reply, deal_won, company_last_won or stay_in_touch"), "TRIGGER" },
    { "action", 0, 0, G_OPTION_ARG_STRING, &action, N_("create_followup, apply_cadence, set_temperature or prepare_email"), "ACTION" },
    { NULL }
  };
  int status;

  if (!cli_parse (entries, "NAME", &argc, &argv, &status))
    return status;
  if (argc != 2 || trigger == NULL || action == NULL)
    return cli_usage (_("rules add takes a NAME, --trigger and --action"));
  return cli_print_new_id (nudge_rule_create (ctx->store, argv[1], trigger, action, &error), &error);
}

static int
rules_run (CliContext *ctx,
           int         argc,
           char      **argv)
{
  g_autoptr(GError) error = NULL;
  int n;

  if (argc != 1)
    return cli_usage (_("rules run takes no arguments"));
  if ((n = nudge_rules_run (ctx->store, &error)) < 0)
    return cli_fail_error (error);
  if (ctx->json)
    g_print ("{\"actions\":%d}\n", n);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "%d rule action\n", "%d rule actions\n", n), n);
  return CLI_OK;
}

/* What a rule would create now, day by day, without creating it. */
static int
rules_preview (CliContext *ctx,
               int         argc,
               char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GArray) planned = NULL;
  g_autofree char *summary = NULL;
  NudgeRule *rule = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Machine-readable output"), NULL },
    { NULL }
  };
  int status;
  gint64 id = 0;

  if (!cli_parse_args (entries, "NAME", 1,
                       _("rules preview takes one rule NAME or id"),
                       &argc, &argv, &status))
    return status;
  if (!(rules = nudge_rule_list (ctx->store, &error)))
    return cli_fail_error (error);
  cli_parse_id (argv[1], &id);
  for (guint i = 0; i < rules->len && rule == NULL; i++)
    {
      NudgeRule *r = g_ptr_array_index (rules, i);

      if (g_utf8_collate (r->name, argv[1]) == 0 || (id > 0 && r->id == id))
        rule = r;
    }
  if (rule == NULL)
    return cli_fail (_("No rule “%s”; see “nudge-cli rules list”"), argv[1]);
  if (!(planned = nudge_rule_preview (ctx->store, rule, &error)))
    return cli_fail_error (error);

  if (json || ctx->json)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      g_string_append_printf (out, "{\"rule\":%" G_GINT64_FORMAT ",\"daily_limit\":%d,\"followups\":[",
                              rule->id, nudge_rule_get_daily_limit (rule));
      for (guint i = 0; i < planned->len; i++)
        {
          NudgePlannedFollowup *p = &g_array_index (planned, NudgePlannedFollowup, i);
          g_autofree char *due = cli_format_time (p->due_at);

          g_string_append_printf (out, "%s{\"due\":", i ? "," : "");
          cli_json_string (out, due);
          g_string_append_printf (out, ",\"deal_id\":%" G_GINT64_FORMAT ",\"contact_id\":%" G_GINT64_FORMAT "}",
                                  p->deal_id, p->contact_id);
        }
      g_string_append (out, "]}\n");
      fwrite (out->str, 1, out->len, stdout);
      return CLI_OK;
    }
  summary = nudge_rule_preview_describe (planned, nudge_rule_get_daily_limit (rule));
  g_print ("%s\n", summary);
  for (guint i = 0; i < planned->len; i++)
    {
      NudgePlannedFollowup *p = &g_array_index (planned, NudgePlannedFollowup, i);
      g_autofree char *due = cli_format_time (p->due_at);

      if (p->deal_id > 0)
        g_print ("%s\t%s %" G_GINT64_FORMAT "\n", due, _("deal"), p->deal_id);
      else
        g_print ("%s\t%s %" G_GINT64_FORMAT "\n", due, _("contact"), p->contact_id);
    }
  return CLI_OK;
}

const CliCommand cli_insights_commands[] = {
  { NULL, "insights", "[--from DATE] [--to DATE] [--json]", N_("Lead response, reply rate, on-time rate, conversion, forecast"), insights, TRUE },
  { NULL, "score", "ID [--kind deal|contact] [--json]", N_("Engagement score of a deal or contact, explained"), score, TRUE },
  { "segment", "list", "[--json]", N_("Built-in and saved segments with their sizes"), segment_list, TRUE },
  { "segment", "show", "NAME [--json]", N_("Members of a segment (also product:NAME, industry:NAME)"), segment_show, TRUE },
  { "segment", "save", "NAME QUERY [--entity deal|contact|company]", N_("Save a search as a segment"), segment_save, TRUE },
  { "cadence", "list", "[--json]", N_("Cadences and their steps"), cadence_list, TRUE },
  { "cadence", "apply", "NAME (--deal ID|--contact ID|--segment NAME [--per-day N])", N_("Create a cadence's follow-ups, a few deals or contacts a day"), cadence_apply, TRUE },
  { "rules", "list", "[--json]", N_("Automation rules"), rules_list, TRUE },
  { "rules", "add", "NAME --trigger T --action A", N_("Add a rule (disabled; set it up in Preferences); prints its id"), rules_add, TRUE },
  { "rules", "run", "", N_("Evaluate the rules now (honours NUDGE_NOW and each rule's daily limit)"), rules_run, TRUE },
  { "rules", "preview", "NAME [--json]", N_("What a rule would create now, day by day, without creating it"), rules_preview, TRUE },
  { NULL }
};
