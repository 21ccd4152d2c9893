/* nudge-cli-records.c — companies, contacts, deals, activities, search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "nudge-cli.h"
#include "nudge-clock.h"
#include "nudge-currency.h"
#include "nudge-deal-move.h"
#include "nudge-format.h"
#include "nudge-pipeline.h"

static gboolean
resolve_company (CliContext  *ctx,
                 const char  *text,
                 gint64      *out_id,
                 GError     **error)
{
  g_autoptr(NudgeCompany) company = NULL;

  *out_id = 0;
  if (text == NULL)
    return TRUE;
  if (cli_parse_id (text, out_id))
    {
      company = nudge_store_get_company (ctx->store, *out_id, error);
      return company != NULL;
    }
  *out_id = nudge_store_find_company_by_name (ctx->store, text);
  if (*out_id == 0)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND,
                   _("There is no company “%s”"), text);
      return FALSE;
    }
  return TRUE;
}

/* ---- company ---------------------------------------------------------- */

static int
company_add (CliContext *ctx,
             int         argc,
             char      **argv)
{
  g_autoptr(NudgeCompany) company = nudge_company_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *industry = NULL, *website = NULL, *phone = NULL, *email = NULL, *notes = NULL;
  GOptionEntry entries[] = {
    { "industry", 0, 0, G_OPTION_ARG_STRING, &industry, N_("Industry"), "TEXT" },
    { "website", 0, 0, G_OPTION_ARG_STRING, &website, N_("Website"), "URL" },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_("Phone"), "NUMBER" },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("E-mail"), "ADDRESS" },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("Notes"), "TEXT" },
    { NULL }
  };
  int status;

  if (!cli_parse_args (entries, "NAME", 1,
                       _("company add takes one NAME"),
                       &argc, &argv, &status))
    return status;

  g_object_set (company, "name", argv[1], "industry", industry, "website", website,
                "phone", phone, "email", email, "notes", notes, NULL);
  return cli_print_new_id (nudge_store_save_company (ctx->store, company, &error), &error);
}

static void
print_company_line (gpointer item)
{
  NudgeCompany *c = item;

  g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%d\t%d\n", nudge_company_get_id (c),
           nudge_company_get_name (c), nudge_company_get_industry (c),
           nudge_company_get_n_contacts (c), nudge_company_get_n_open_deals (c));
}

static int
company_list (CliContext *ctx,
              int         argc,
              char      **argv)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 1)
    return cli_usage (_("company list takes no arguments"));
  if (!(rows = nudge_store_list_companies (ctx->store, &error)))
    return cli_fail_error (error);
  return cli_print_records (ctx, rows, print_company_line);
}

/* ---- contact ---------------------------------------------------------- */

static int
contact_add (CliContext *ctx,
             int         argc,
             char      **argv)
{
  g_autoptr(NudgeContact) contact = nudge_contact_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *company = NULL, *email = NULL, *phone = NULL, *title = NULL;
  g_autofree char *source = NULL, *tags = NULL, *notes = NULL;
  gboolean decision_maker = FALSE;
  GOptionEntry entries[] = {
    { "company", 0, 0, G_OPTION_ARG_STRING, &company, N_("Company id or name"), "ID|NAME" },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("E-mail"), "ADDRESS" },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_("Phone"), "NUMBER" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Job title"), "TEXT" },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("Lead source"), "TEXT" },
    { "tags", 0, 0, G_OPTION_ARG_STRING, &tags, N_("Tags"), "TAG,…" },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("Notes"), "TEXT" },
    { "decision-maker", 0, 0, G_OPTION_ARG_NONE, &decision_maker, N_("Makes the buying decision"), NULL },
    { NULL }
  };
  gint64 company_id = 0;
  int status;

  if (!cli_parse_args (entries, "NAME", 1,
                       _("contact add takes one NAME"),
                       &argc, &argv, &status))
    return status;
  if (!resolve_company (ctx, company, &company_id, &error))
    return cli_fail_error (error);

  g_object_set (contact, "name", argv[1], "company-id", company_id, "email", email,
                "phone", phone, "title", title, "source", source, "tags", tags,
                "notes", notes, "decision-maker", decision_maker, NULL);
  return cli_print_new_id (nudge_store_save_contact (ctx->store, contact, &error), &error);
}

static void
print_contact_line (gpointer item)
{
  NudgeContact *c = item;

  g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\n", nudge_contact_get_id (c),
           nudge_contact_get_name (c), nudge_contact_get_company_name (c),
           nudge_contact_get_email (c), nudge_contact_get_phone (c));
}

static int
contact_list (CliContext *ctx,
              int         argc,
              char      **argv)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 1)
    return cli_usage (_("contact list takes no arguments"));
  if (!(rows = nudge_store_list_contacts (ctx->store, &error)))
    return cli_fail_error (error);
  return cli_print_records (ctx, rows, print_contact_line);
}

static int
show_record (CliContext  *ctx,
             GObject     *record,
             NudgeEntity  entity,
             gint64       id)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GPtrArray) followups = NULL;

  activities = nudge_store_list_activities (ctx->store, entity, id, NULL);
  if (entity != NUDGE_ENTITY_COMPANY)
    followups = nudge_store_list_followups (ctx->store, entity, id, FALSE, NULL);

  if (ctx->json)
    {
      /* The record's fields, plus its history. */
      cli_print_json_record (out, record);
      g_string_truncate (out, out->len - 1);
      g_string_append (out, ",\"activities\":[");
      for (guint i = 0; activities && i < activities->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          cli_print_json_record (out, g_ptr_array_index (activities, i));
        }
      g_string_append (out, "],\"followups\":[");
      for (guint i = 0; followups && i < followups->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          cli_print_json_record (out, g_ptr_array_index (followups, i));
        }
      g_string_append (out, "]}\n");
      fwrite (out->str, 1, out->len, stdout);
      return CLI_OK;
    }

  {
    g_autofree GParamSpec **pspecs = NULL;
    guint n;

    pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (record), &n);
    for (guint i = 0; i < n; i++)
      {
        g_auto(GValue) value = G_VALUE_INIT;
        g_auto(GValue) text = G_VALUE_INIT;

        g_value_init (&value, pspecs[i]->value_type);
        g_value_init (&text, G_TYPE_STRING);
        g_object_get_property (record, pspecs[i]->name, &value);
        if (G_VALUE_HOLDS_INT64 (&value) && g_str_has_suffix (pspecs[i]->name, "-at"))
          g_value_take_string (&text, g_value_get_int64 (&value) ? nudge_format_datetime (g_value_get_int64 (&value)) : g_strdup (""));
        else
          g_value_transform (&value, &text);
        g_print ("%-20s %s\n", pspecs[i]->name, g_value_get_string (&text) ? g_value_get_string (&text) : "");
      }
  }

  if (activities && activities->len > 0)
    {
      g_print ("\n%s\n", _("History:"));
      for (guint i = 0; i < activities->len; i++)
        {
          NudgeActivity *a = g_ptr_array_index (activities, i);
          g_autofree char *when = nudge_format_datetime (nudge_activity_get_occurred_at (a));

          g_print ("  %s  %-14s %-3s %s\n", when, nudge_activity_get_kind (a),
                   nudge_activity_get_direction (a) == NUDGE_DIRECTION_IN ? "in" : "out",
                   nudge_activity_get_summary (a));
        }
    }
  if (followups && followups->len > 0)
    {
      g_print ("\n%s\n", _("Follow-ups:"));
      for (guint i = 0; i < followups->len; i++)
        {
          NudgeFollowup *f = g_ptr_array_index (followups, i);
          g_autofree char *when = nudge_format_datetime (nudge_followup_get_next_at (f) ? nudge_followup_get_next_at (f)
                                                                                      : nudge_followup_get_due_at (f));

          g_print ("  %s  %-6s %s\n", when, nudge_followup_get_status (f), nudge_followup_get_title (f));
        }
    }
  return CLI_OK;
}

/* company show, contact show, deal show: the record @argv names, with
 * its history. */
static int
show_record_command (CliContext   *ctx,
                     int           argc,
                     char        **argv,
                     NudgeEntity   entity,
                     const char   *usage)
{
  g_autoptr(GObject) record = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (argc != 2 || !cli_parse_id (argv[1], &id))
    return cli_usage ("%s", usage);
  if (!(record = nudge_store_get_record (ctx->store, entity, id, &error)))
    return cli_fail_error (error);
  return show_record (ctx, record, entity, id);
}

static int
contact_show (CliContext *ctx,
              int         argc,
              char      **argv)
{
  return show_record_command (ctx, argc, argv, NUDGE_ENTITY_CONTACT, _("contact show takes one contact ID"));
}

static int
company_show (CliContext *ctx,
              int         argc,
              char      **argv)
{
  return show_record_command (ctx, argc, argv, NUDGE_ENTITY_COMPANY, _("company show takes one company ID"));
}

/* ---- deal ------------------------------------------------------------- */

static int
deal_add (CliContext *ctx,
          int         argc,
          char      **argv)
{
  g_autoptr(NudgeDeal) deal = nudge_deal_new ();
  g_autoptr(NudgeStage) stage = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL, *company = NULL, *contact = NULL, *amount = NULL;
  g_autofree char *currency = NULL, *stage_name = NULL, *product = NULL, *expected = NULL;
  g_autofree char *labels = NULL, *notes = NULL;
  GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Title"), "TEXT" },
    { "company", 0, 0, G_OPTION_ARG_STRING, &company, N_("Company id or name"), "ID|NAME" },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact, N_("Contact id"), "ID" },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount, N_("Amount, e.g. 1234.50"), "AMOUNT" },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, N_("ISO currency code (default EUR)"), "CODE" },
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage_name, N_("Stage name (default: the first)"), "NAME" },
    { "product", 0, 0, G_OPTION_ARG_STRING, &product, N_("Product"), "TEXT" },
    { "expected-close", 0, 0, G_OPTION_ARG_STRING, &expected, N_("Expected close date"), "YYYY-MM-DD" },
    { "labels", 0, 0, G_OPTION_ARG_STRING, &labels, N_("Labels"), "TEXT" },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("Notes"), "TEXT" },
    { NULL }
  };
  gint64 company_id = 0, contact_id = 0, amount_minor = 0;
  int status;

  if (!cli_parse_args (entries, NULL, 0,
                       _("deal add takes only options"),
                       &argc, &argv, &status))
    return status;
  if (title == NULL)
    return cli_usage (_("deal add needs --title"));
  if (currency == NULL)
    {
      g_autoptr(GSettings) settings = cli_app_settings ("default-currency");

      currency = nudge_currency_for_new_deals (settings);
    }
  if (!resolve_company (ctx, company, &company_id, &error))
    return cli_fail_error (error);
  if (contact != NULL && !cli_parse_id (contact, &contact_id))
    return cli_fail (_("“%s” is not a contact id"), contact);
  if (amount != NULL && !nudge_currency_parse_amount (amount, currency, &amount_minor, &error))
    return cli_fail_error (error);
  if (stage_name != NULL)
    {
      if (!(stage = nudge_store_find_stage (ctx->store, 0, stage_name, &error)))
        return cli_fail_error (error);
      g_object_set (deal, "stage-id", nudge_stage_get_id (stage), NULL);
    }

  g_object_set (deal, "title", title, "company-id", company_id, "contact-id", contact_id,
                "currency", currency, "has-amount", amount != NULL, "amount-minor", amount_minor,
                "product", product, "expected-close", expected, "labels", labels,
                "notes", notes, NULL);
  return cli_print_new_id (nudge_store_save_deal (ctx->store, deal, &error), &error);
}

static void
print_deal_line (gpointer item)
{
  NudgeDeal *d = item;
  g_autofree char *amount = nudge_deal_get_has_amount (d)
    ? nudge_format_money (nudge_deal_get_amount_minor (d), nudge_deal_get_currency (d)) : g_strdup ("");

  g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\n", nudge_deal_get_id (d),
           nudge_deal_get_title (d), nudge_deal_get_company_name (d),
           nudge_deal_get_stage_name (d), amount,
           nudge_deal_status_to_string (nudge_deal_get_status (d)));
}

static int
deal_list (CliContext *ctx,
           int         argc,
           char      **argv)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stage = NULL, *status_text = NULL;
  gboolean rotting = FALSE;
  GOptionEntry entries[] = {
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage, N_("Only deals in this stage"), "NAME" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_text, N_("Only deals with this status"), "open|won|lost|on_hold" },
    { "rotting", 0, 0, G_OPTION_ARG_NONE, &rotting, N_("Only deals idle longer than their stage allows"), NULL },
    { NULL }
  };
  NudgeDealStatus status_filter = NUDGE_DEAL_OPEN;
  gint64 now = nudge_clock_now ();
  int status;

  if (!cli_parse_args (entries, NULL, 0,
                       _("deal list takes only options"),
                       &argc, &argv, &status))
    return status;
  if (status_text != NULL && !nudge_deal_status_from_string (status_text, &status_filter))
    return cli_usage (_("Unknown status “%s” (open, won, lost or on_hold)"), status_text);
  if (!(rows = nudge_store_list_deals (ctx->store, &error)))
    return cli_fail_error (error);

  for (guint i = 0; i < rows->len; i++)
    {
      NudgeDeal *d = g_ptr_array_index (rows, i);

      if (stage != NULL && g_utf8_collate (nudge_deal_get_stage_name (d), stage) != 0)
        continue;
      if (status_text != NULL && (NudgeDealStatus) nudge_deal_get_status (d) != status_filter)
        continue;
      if (rotting && !nudge_deal_is_rotting (d, now))
        continue;
      g_ptr_array_add (shown, d);
    }

  return cli_print_records (ctx, shown, print_deal_line);
}

static int
deal_show (CliContext *ctx,
           int         argc,
           char      **argv)
{
  return show_record_command (ctx, argc, argv, NUDGE_ENTITY_DEAL, _("deal show takes one deal ID"));
}

/* Ends the transaction a command began: committed when @written, else
 * rolled back, with the error the write set. */
static int
end_write (CliContext  *ctx,
           gboolean     written,
           GError     **error)
{
  if (!written)
    nudge_store_rollback (ctx->store);
  if (!written || !nudge_store_commit_or_rollback (ctx->store, error))
    return cli_fail_error (*error);
  return CLI_OK;
}

static int
deal_move (CliContext *ctx,
           int         argc,
           char      **argv)
{
  g_autoptr(NudgeDeal) deal = NULL;
  g_autoptr(NudgeStage) stage = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *amount = NULL, *expected = NULL, *contact = NULL;
  gboolean keep_followups = FALSE;
  GOptionEntry entries[] = {
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount, N_("Amount, when the stage requires one"), "AMOUNT" },
    { "expected-close", 0, 0, G_OPTION_ARG_STRING, &expected, N_("Expected close date, when required"), "YYYY-MM-DD" },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact, N_("Contact id, when required"), "ID" },
    { "keep-followups", 0, 0, G_OPTION_ARG_NONE, &keep_followups,
      N_("Leave the deal's open follow-ups open when the move wins or loses it (they are cancelled otherwise)"), NULL },
    { NULL }
  };
  NudgeRequiredFields missing;
  gint64 id, contact_id = 0, amount_minor = 0;
  int status;

  if (!cli_parse (entries, "ID STAGE", &argc, &argv, &status))
    return status;
  if (argc != 3 || !cli_parse_id (argv[1], &id))
    return cli_usage (_("deal move takes a deal ID and a STAGE"));
  if (!(deal = nudge_store_get_deal (ctx->store, id, &error)) ||
      !(stage = nudge_store_find_stage (ctx->store, nudge_deal_get_pipeline_id (deal), argv[2], &error)))
    return cli_fail_error (error);

  /* What is given with the move fills the deal first. */
  if (amount != NULL)
    {
      if (!nudge_currency_parse_amount (amount, nudge_deal_get_currency (deal), &amount_minor, &error))
        return cli_fail_error (error);
      g_object_set (deal, "has-amount", TRUE, "amount-minor", amount_minor, NULL);
    }
  if (expected != NULL)
    {
      g_autofree char *iso = g_strconcat (expected, "T00:00:00Z", NULL);
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);

      if (dt == NULL || strlen (expected) != 10)
        return cli_fail (_("“%s” is not a date (YYYY-MM-DD)"), expected);
      g_object_set (deal, "expected-close", expected, NULL);
    }
  if (contact != NULL)
    {
      g_autoptr(NudgeContact) c = NULL;

      if (!cli_parse_id (contact, &contact_id))
        return cli_fail (_("“%s” is not a contact id"), contact);
      if (!(c = nudge_store_get_contact (ctx->store, contact_id, &error)))
        return cli_fail_error (error);
      g_object_set (deal, "contact-id", contact_id, NULL);
    }

  missing = nudge_deal_missing_fields (deal, stage);
  if (missing != NUDGE_REQUIRED_NONE)
    {
      g_autofree char *names = nudge_required_fields_to_string (missing);

      return cli_fail (_("%s requires %s (give --%s)"), nudge_stage_get_name (stage), names,
                       (missing & NUDGE_REQUIRED_AMOUNT) ? "amount" :
                       (missing & NUDGE_REQUIRED_EXPECTED_CLOSE) ? "expected-close" : "contact");
    }

  if (!nudge_store_begin (ctx->store, &error))
    return cli_fail_error (error);
  return end_write (ctx, (!(amount || expected || contact) || nudge_store_save_deal (ctx->store, deal, &error) > 0) &&
                         nudge_store_move_deal_to_stage (ctx->store, id, nudge_stage_get_id (stage), &error) &&
                         (keep_followups || g_str_equal (nudge_stage_get_kind (stage), "open") ||
                          nudge_deal_get_stage_id (deal) == nudge_stage_get_id (stage) ||
                          nudge_deal_cancel_open_followups (ctx->store, id, NULL, &error) >= 0),
                    &error);
}

static int
deal_set_status (CliContext *ctx,
                 int         argc,
                 char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeDeal) deal = NULL;
  g_autofree char *reason = NULL;
  gboolean keep_followups = FALSE;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the deal was lost"), "TEXT" },
    { "keep-followups", 0, 0, G_OPTION_ARG_NONE, &keep_followups,
      N_("Leave the deal's open follow-ups open when it is won or lost (they are cancelled otherwise)"), NULL },
    { NULL }
  };
  NudgeDealStatus deal_status;
  int status;
  gint64 id;

  if (!cli_parse (entries, "ID open|won|lost|on_hold", &argc, &argv, &status))
    return status;
  if (argc != 3 || !cli_parse_id (argv[1], &id))
    return cli_usage (_("deal set-status takes a deal ID and a status"));
  if (!nudge_deal_status_from_string (argv[2], &deal_status))
    return cli_usage (_("Unknown status “%s” (open, won, lost or on_hold)"), argv[2]);
  /* A closed deal's reminders stop with it, in the same transaction. */
  if (!(deal = nudge_store_get_deal (ctx->store, id, &error)) || !nudge_store_begin (ctx->store, &error))
    return cli_fail_error (error);
  return end_write (ctx, nudge_store_set_deal_status (ctx->store, id, deal_status, reason, &error) &&
                         (keep_followups || (deal_status != NUDGE_DEAL_WON && deal_status != NUDGE_DEAL_LOST) ||
                          (NudgeDealStatus) nudge_deal_get_status (deal) == deal_status ||
                          nudge_deal_cancel_open_followups (ctx->store, id, NULL, &error) >= 0),
                    &error);
}

/* ---- activity --------------------------------------------------------- */

static int
activity_add (CliContext *ctx,
              int         argc,
              char      **argv)
{
  g_autoptr(NudgeActivity) activity = nudge_activity_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *deal = NULL, *contact = NULL, *kind = NULL, *direction = NULL;
  g_autofree char *at = NULL, *summary = NULL, *body = NULL;
  GOptionEntry entries[] = {
    { "deal", 0, 0, G_OPTION_ARG_STRING, &deal, N_("Deal id"), "ID" },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact, N_("Contact id"), "ID" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("call, email, meeting, note, demo, pricing_visit, download, …"), "KIND" },
    { "direction", 0, 0, G_OPTION_ARG_STRING, &direction, N_("in or out"), "in|out" },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("When (default: now)"), "ISO8601" },
    { "summary", 0, 0, G_OPTION_ARG_STRING, &summary, N_("Summary"), "TEXT" },
    { "body", 0, 0, G_OPTION_ARG_STRING, &body, N_("Notes"), "TEXT" },
    { NULL }
  };
  gint64 deal_id = 0, contact_id = 0, occurred_at = 0;
  int status;

  if (!cli_parse_args (entries, NULL, 0,
                       _("activity add takes only options"),
                       &argc, &argv, &status))
    return status;
  if (deal == NULL && contact == NULL)
    return cli_usage (_("activity add needs --deal or --contact"));
  if (kind == NULL || direction == NULL)
    return cli_usage (_("activity add needs --kind and --direction"));
  if (!g_str_equal (direction, "in") && !g_str_equal (direction, "out"))
    return cli_usage (_("--direction is in or out"));
  if (deal != NULL && !cli_parse_id (deal, &deal_id))
    return cli_fail (_("“%s” is not a deal id"), deal);
  if (contact != NULL && !cli_parse_id (contact, &contact_id))
    return cli_fail (_("“%s” is not a contact id"), contact);
  if (at != NULL && !nudge_parse_iso8601 (at, NULL, &occurred_at, &error))
    return cli_fail_error (error);
  /* An activity happened: a day ahead is a clock's slip, more a typo. */
  if (at != NULL && occurred_at > nudge_clock_now () + 24 * 3600)
    return cli_fail (_("“%s” is in the future; an activity is something that happened"), at);

  g_object_set (activity, "kind", kind, "direction",
                g_str_equal (direction, "in") ? NUDGE_DIRECTION_IN : NUDGE_DIRECTION_OUT,
                "deal-id", deal_id, "contact-id", contact_id, "occurred-at", occurred_at,
                "summary", summary, "body", body, NULL);
  return cli_print_new_id (nudge_store_add_activity (ctx->store, activity, &error), &error);
}

/* ---- search ----------------------------------------------------------- */

static int
search (CliContext *ctx,
        int         argc,
        char      **argv)
{
  static const struct { NudgeEntity entity; const char *label; const char *name_property; } kinds[] = {
    { NUDGE_ENTITY_DEAL, "deal", "title" },
    { NUDGE_ENTITY_CONTACT, "contact", "name" },
    { NUDGE_ENTITY_COMPANY, "company", "name" },
  };
  g_autoptr(GString) json = g_string_new ("[");
  g_autofree char *text = NULL;
  gboolean first = TRUE;

  if (argc < 2)
    return cli_usage (_("search takes the TEXT to look for"));
  text = g_strjoinv (" ", argv + 1);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = nudge_store_search (ctx->store, kinds[k].entity, text, 50, &error);

      if (ids == NULL)
        return cli_fail_error (error);
      for (guint i = 0; i < ids->len; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);
          g_autoptr(GObject) record = nudge_store_get_record (ctx->store, kinds[k].entity, id, NULL);
          g_autofree char *name = NULL;

          if (record == NULL)   /* in the trash */
            continue;
          g_object_get (record, kinds[k].name_property, &name, NULL);

          if (ctx->json)
            {
              if (!first)
                g_string_append (json, ",\n ");
              g_string_append_printf (json, "{\"type\":\"%s\",\"id\":%" G_GINT64_FORMAT ",\"name\":",
                                      kinds[k].label, id);
              cli_json_string (json, name);
              g_string_append_c (json, '}');
            }
          else
            g_print ("%s\t%" G_GINT64_FORMAT "\t%s\n", kinds[k].label, id, name);
          first = FALSE;
        }
    }

  if (ctx->json)
    {
      g_string_append (json, "]\n");
      fwrite (json->str, 1, json->len, stdout);
    }
  return CLI_OK;
}

const CliCommand cli_record_commands[] = {
  { "company", "add", "NAME [--industry T] [--website URL] [--phone N] [--email A]", N_("Add a company; prints its id"), company_add, TRUE },
  { "company", "list", "[--json]", N_("List companies"), company_list, TRUE },
  { "company", "show", "ID [--json]", N_("Show a company and its history"), company_show, TRUE },
  { "contact", "add", "NAME [--company ID|NAME] [--email A] [--phone N] [--title T]", N_("Add a contact; prints its id"), contact_add, TRUE },
  { "contact", "list", "[--json]", N_("List contacts"), contact_list, TRUE },
  { "contact", "show", "ID [--json]", N_("Show a contact and its history"), contact_show, TRUE },
  { "deal", "add", "--title T [--company ID] [--contact ID] [--amount 1234.50] [--currency CZK] [--stage NAME]", N_("Add a deal; prints its id"), deal_add, TRUE },
  { "deal", "list", "[--stage S] [--status S] [--rotting] [--json]", N_("List deals"), deal_list, TRUE },
  { "deal", "show", "ID [--json]", N_("Show a deal with its history and follow-ups"), deal_show, TRUE },
  { "deal", "move", "ID STAGE [--amount A] [--expected-close YYYY-MM-DD] [--contact ID] [--keep-followups]", N_("Move a deal to another stage; a won or lost stage cancels its open follow-ups"), deal_move, TRUE },
  { "deal", "set-status", "ID open|won|lost|on_hold [--reason TEXT] [--keep-followups]", N_("Win, lose, hold or reopen a deal; won or lost cancels its open follow-ups"), deal_set_status, TRUE },
  { "activity", "add", "(--deal ID|--contact ID) --kind K --direction in|out [--at ISO8601] [--summary T]", N_("Log an interaction; prints its id"), activity_add, TRUE },
  { NULL, "search", "TEXT [--json]", N_("Find deals, contacts and companies"), search, TRUE },
  { NULL }
};
