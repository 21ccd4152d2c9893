/* nudge-cli-followup.c — follow-ups and what is due, from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-cli.h"
#include "nudge-clock.h"
#include "nudge-followup-settings.h"
#include "nudge-followups.h"
#include "nudge-format.h"
#include "nudge-recurrence.h"

static const char *const kinds[] = { "call", "email", "meeting", "task", NULL };

static gboolean
parse_time_in (const char  *text,
               const char  *tzid,
               gint64      *out,
               GError     **error)
{
  g_autoptr(GTimeZone) tz = NULL;

  if (tzid != NULL && *tzid != '\0')
    tz = g_time_zone_new_identifier (tzid);
  return nudge_parse_iso8601 (text, tz, out, error);
}

static void
print_occurrence_json (GString         *out,
                       NudgeOccurrence *o)
{
  NudgeFollowup *f = nudge_occurrence_get_followup (o);
  g_autofree char *start = cli_format_time (nudge_occurrence_get_start (o));
  g_autofree char *end = cli_format_time (nudge_occurrence_get_end (o));
  g_autofree char *due = cli_format_time (nudge_occurrence_get_due_at (o));

  g_string_append_printf (out, "{\"id\":%" G_GINT64_FORMAT ",\"uid\":", nudge_followup_get_id (f));
  cli_json_string (out, nudge_followup_get_uid (f));
  cli_json_member (out, "title", nudge_followup_get_title (f));
  cli_json_member (out, "kind", nudge_followup_get_kind (f));
  cli_json_member (out, "start", start);
  cli_json_member (out, "end", end);
  cli_json_member (out, "due", due);
  g_string_append_printf (out, ",\"all_day\":%s,\"tzid\":",
                          nudge_occurrence_get_all_day (o) ? "true" : "false");
  cli_json_string (out, nudge_followup_get_tzid (f));
  cli_json_member (out, "state", nudge_occurrence_state_to_string (nudge_occurrence_get_state (o)));
  g_string_append_printf (out, ",\"overdue\":%s", nudge_occurrence_get_is_overdue (o) ? "true" : "false");
  if (nudge_followup_get_deal_id (f) > 0)
    g_string_append_printf (out, ",\"deal_id\":%" G_GINT64_FORMAT, nudge_followup_get_deal_id (f));
  else
    g_string_append (out, ",\"deal_id\":null");
  if (nudge_followup_get_contact_id (f) > 0)
    g_string_append_printf (out, ",\"contact_id\":%" G_GINT64_FORMAT, nudge_followup_get_contact_id (f));
  else
    g_string_append (out, ",\"contact_id\":null");
  cli_json_member (out, "deal_title", nudge_followup_get_deal_title (f));
  cli_json_member (out, "contact_name", nudge_followup_get_contact_name (f));
  cli_json_member (out, "company_name", nudge_followup_get_company_name (f));
  g_string_append_printf (out, ",\"recurring\":%s,\"rrule\":",
                          nudge_occurrence_get_recurring (o) ? "true" : "false");
  cli_json_string (out, nudge_followup_get_rrule (f));
  g_string_append_printf (out, ",\"priority\":%d,\"remind_before_min\":%d,\"sequence\":%d}",
                          nudge_followup_get_priority (f), nudge_followup_get_remind_before_min (f),
                          nudge_followup_get_sequence (f));
}

static int
print_occurrences (CliContext *ctx,
                   GPtrArray  *occurrences)
{
  if (ctx->json)
    {
      g_autoptr(GString) out = g_string_new ("[");

      for (guint i = 0; i < occurrences->len; i++)
        {
          if (i > 0)
            g_string_append (out, ",\n ");
          print_occurrence_json (out, g_ptr_array_index (occurrences, i));
        }
      g_string_append (out, "]\n");
      g_print ("%s", out->str);
      return CLI_OK;
    }

  for (guint i = 0; i < occurrences->len; i++)
    {
      NudgeOccurrence *o = g_ptr_array_index (occurrences, i);
      NudgeFollowup *f = nudge_occurrence_get_followup (o);
      g_autofree char *when = nudge_occurrence_get_all_day (o)
                              ? nudge_format_date (nudge_occurrence_get_local_due_at (o))
                              : nudge_format_datetime (nudge_occurrence_get_due_at (o));
      const char *state = nudge_occurrence_get_is_overdue (o)
                          ? _("overdue")
                          : nudge_occurrence_state_to_string (nudge_occurrence_get_state (o));
      const char *context = *nudge_followup_get_deal_title (f) ? nudge_followup_get_deal_title (f)
                                                               : nudge_followup_get_contact_name (f);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s%s%s%s\n", nudge_followup_get_id (f), when, state,
               nudge_followup_get_title (f),
               *context ? " — " : "", context,
               nudge_occurrence_get_recurring (o) ? " ↻" : "");
    }
  return CLI_OK;
}

static int
followup_add (CliContext *ctx,
              int         argc,
              char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL, *deal = NULL, *contact = NULL, *due = NULL, *tz = NULL;
  g_autofree char *kind = NULL, *rrule = NULL, *notes = NULL;
  gboolean all_day = FALSE;
  int duration = CLI_UNSET, remind = 0, priority = 0;
  GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Title"), "TEXT" },
    { "deal", 0, 0, G_OPTION_ARG_STRING, &deal, N_("Deal id"), "ID" },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact, N_("Contact id"), "ID" },
    { "due", 0, 0, G_OPTION_ARG_STRING, &due, N_("Due date and time"), "ISO8601" },
    { "tz", 0, 0, G_OPTION_ARG_STRING, &tz, N_("Time zone (default: the system's)"), "TZID" },
    { "all-day", 0, 0, G_OPTION_ARG_NONE, &all_day, N_("All day"), NULL },
    { "duration", 0, 0, G_OPTION_ARG_INT, &duration, N_("Duration in minutes"), "MIN" },
    { "remind", 0, 0, G_OPTION_ARG_INT, &remind, N_("Remind this many minutes before"), "MIN" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("call, email, meeting or task"), "KIND" },
    { "priority", 0, 0, G_OPTION_ARG_INT, &priority, N_("0 none, 1 low, 2 normal, 3 high"), "P" },
    { "rrule", 0, 0, G_OPTION_ARG_STRING, &rrule, N_("Recurrence rule, e.g. FREQ=WEEKLY;BYDAY=MO"), "RRULE" },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("Notes"), "TEXT" },
    { NULL }
  };
  NudgeFollowupSpec spec;
  int status;

  if (!cli_parse_args (entries, NULL, 0,
                       _("followup add takes only options"),
                       &argc, &argv, &status))
    return status;
  if (title == NULL || due == NULL)
    return cli_usage (_("followup add needs --title and --due"));
  if (duration != CLI_UNSET && (status = cli_check_range ("duration", duration, 1, 366 * 24 * 60)) != CLI_OK)
    return status;
  if ((status = cli_check_range ("remind", remind, 0, 366 * 24 * 60)) != CLI_OK)
    return status;

  nudge_followup_spec_init (&spec);
  if (deal != NULL && !cli_parse_id (deal, &spec.deal_id))
    return cli_fail (_("“%s” is not a deal id"), deal);
  if (contact != NULL && !cli_parse_id (contact, &spec.contact_id))
    return cli_fail (_("“%s” is not a contact id"), contact);
  if (tz != NULL && !nudge_recurrence_tzid_is_known (tz))
    return cli_fail (_("Unknown time zone “%s”"), tz);
  if (kind != NULL && !g_strv_contains (kinds, kind))
    return cli_fail (_("“%s” is not a kind (call, email, meeting or task)"), kind);
  if (priority < 0 || priority > 3)
    return cli_fail (_("Priority must be between 0 and 3"));
  if (!parse_time_in (due, tz, &spec.due_at, &error))
    return cli_fail_error (error);
  if (all_day)
    {
      g_autoptr(GTimeZone) zone = tz ? g_time_zone_new_identifier (tz) : nudge_clock_local_zone ();
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (spec.due_at);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
      spec.due_at = nudge_clock_local_to_unix (zone, g_date_time_get_year (local),
                                               g_date_time_get_month (local),
                                               g_date_time_get_day_of_month (local), 0, 0, 0);
      if (duration == CLI_UNSET)
        duration = 24 * 60;
    }

  spec.title = title;
  spec.kind = kind;
  spec.notes = notes;
  spec.all_day = all_day;
  spec.tzid = tz;
  spec.duration_min = duration == CLI_UNSET ? 30 : duration;
  spec.remind_before_min = remind;
  spec.priority = priority;
  spec.rrule = rrule;
  return cli_print_new_id (nudge_followups_create (ctx->store, &spec, &error), &error);
}

static int
followup_list (CliContext *ctx,
               int         argc,
               char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autofree char *from_text = NULL, *to_text = NULL;
  gboolean include_done = FALSE;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("From (default: include everything overdue)"), "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Until, exclusive (default: 30 days from now)"), "DATE" },
    { "done", 0, 0, G_OPTION_ARG_NONE, &include_done, N_("Include done and skipped occurrences"), NULL },
    { NULL }
  };
  gint64 from = G_MININT64, to = nudge_clock_now () + 30 * 24 * 3600;
  int status;

  if (!cli_parse_args (entries, NULL, 0,
                       _("followup list takes only options"),
                       &argc, &argv, &status))
    return status;
  if (from_text != NULL && !nudge_parse_iso8601 (from_text, NULL, &from, &error))
    return cli_fail_error (error);
  if (to_text != NULL && !nudge_parse_iso8601 (to_text, NULL, &to, &error))
    return cli_fail_error (error);
  if (!(occurrences = nudge_followups_list_occurrences (ctx->store, from, to, include_done, &error)))
    return cli_fail_error (error);
  return print_occurrences (ctx, occurrences);
}

static NudgeFollowup *
load_arg (CliContext  *ctx,
          int          argc,
          char       **argv,
          const char  *command,
          int         *status)
{
  g_autoptr(GError) error = NULL;
  NudgeFollowup *f;
  gint64 id;

  if (argc != 2)
    {
      *status = cli_usage (_("followup %s needs one follow-up id"), command);
      return NULL;
    }
  if (!cli_parse_id (argv[1], &id))
    {
      *status = cli_fail (_("“%s” is not a follow-up id"), argv[1]);
      return NULL;
    }
  if (!(f = nudge_store_get_followup (ctx->store, id, &error)))
    *status = cli_fail_error (error);
  return f;
}

typedef gboolean (*OccurrenceAction) (NudgeStore  *store,
                                      gint64       id,
                                      gint64       occurrence,
                                      GError     **error);

/* done and skip: @action on one occurrence of the follow-up whose id is
 * the argument, given by --occurrence in the follow-up's zone; without
 * @missing_usage the option may be left out (0: the next open one). */
static int
act_on_occurrence (CliContext       *ctx,
                   int               argc,
                   char            **argv,
                   const char       *command,
                   const char       *option_help,
                   const char       *missing_usage,
                   OccurrenceAction  action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeFollowup) f = NULL;
  g_autofree char *occurrence_text = NULL;
  GOptionEntry entries[] = {
    { "occurrence", 0, 0, G_OPTION_ARG_STRING, &occurrence_text, option_help, "ISO8601" },
    { NULL }
  };
  gint64 occurrence = 0;
  int status;

  if (!cli_parse (entries, "ID", &argc, &argv, &status))
    return status;
  if (occurrence_text == NULL && missing_usage != NULL)
    return cli_usage ("%s", missing_usage);
  if (!(f = load_arg (ctx, argc, argv, command, &status)))
    return status;
  if (occurrence_text != NULL &&
      !parse_time_in (occurrence_text, nudge_followup_get_tzid (f), &occurrence, &error))
    return cli_fail_error (error);
  if (!action (ctx->store, nudge_followup_get_id (f), occurrence, &error))
    return cli_fail_error (error);
  return CLI_OK;
}

static int
followup_done (CliContext *ctx,
               int         argc,
               char      **argv)
{
  return act_on_occurrence (ctx, argc, argv, "done",
                            N_("Which occurrence of a repeating follow-up (default: the next open one)"),
                            NULL, nudge_followups_complete);
}

static int
followup_snooze (CliContext *ctx,
                 int         argc,
                 char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeFollowup) f = NULL;
  g_autofree char *until_text = NULL;
  int minutes = CLI_UNSET;
  GOptionEntry entries[] = {
    { "for", 0, 0, G_OPTION_ARG_INT, &minutes, N_("Minutes from now"), "MIN" },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until_text, N_("Date and time"), "ISO8601" },
    { NULL }
  };
  gint64 until = 0;
  int status;

  if (!cli_parse (entries, "ID", &argc, &argv, &status))
    return status;
  if ((minutes != CLI_UNSET) == (until_text != NULL))
    return cli_usage (_("followup snooze needs either --for MIN or --until ISO8601"));
  if (minutes != CLI_UNSET && (status = cli_check_range ("for", minutes, 1, 366 * 24 * 60)) != CLI_OK)
    return status;
  if (!(f = load_arg (ctx, argc, argv, "snooze", &status)))
    return status;
  if (until_text != NULL)
    {
      if (!parse_time_in (until_text, nudge_followup_get_tzid (f), &until, &error))
        return cli_fail_error (error);
    }
  else
    until = nudge_followups_snooze_in (nudge_clock_now (), minutes);
  if (!nudge_followups_snooze (ctx->store, nudge_followup_get_id (f), until, &error))
    return cli_fail_error (error);
  return CLI_OK;
}

/* Snooze All, as Today's Overdue heading does it: every overdue
 * follow-up to tomorrow's or next Monday's working-day start. */
static int
followup_snooze_overdue (CliContext *ctx,
                         int         argc,
                         char      **argv)
{
  g_autoptr(GSettings) settings = cli_app_settings ("working-day-start");
  g_autoptr(NudgeFollowupsUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  gboolean tomorrow = FALSE, next_week = FALSE;
  GOptionEntry entries[] = {
    { "tomorrow", 0, 0, G_OPTION_ARG_NONE, &tomorrow, N_("Until tomorrow morning"), NULL },
    { "next-week", 0, 0, G_OPTION_ARG_NONE, &next_week, N_("Until next week"), NULL },
    { NULL }
  };
  int status;

  if (!cli_parse (entries, NULL, &argc, &argv, &status))
    return status;
  if (argc != 1 || tomorrow == next_week)
    return cli_usage (_("followup snooze-overdue needs either --tomorrow or --next-week"));
  undo = nudge_followups_snooze_overdue (ctx->store, tomorrow ? NUDGE_SNOOZE_TOMORROW : NUDGE_SNOOZE_NEXT_WEEK,
                                         nudge_followup_workday_start (settings),
                                         nudge_followup_skip_weekends (settings),
                                         &error);
  if (undo == NULL)
    return cli_fail_error (error);
  g_print ("%u\n", nudge_followups_undo_get_n_items (undo));
  return CLI_OK;
}

static int
followup_skip (CliContext *ctx,
               int         argc,
               char      **argv)
{
  return act_on_occurrence (ctx, argc, argv, "skip", N_("The occurrence to skip"),
                            _("followup skip needs --occurrence"), nudge_followups_skip);
}

static int
followup_cancel (CliContext *ctx,
                 int         argc,
                 char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeFollowup) f = NULL;
  int status;

  if (!(f = load_arg (ctx, argc, argv, "cancel", &status)))
    return status;
  if (!nudge_followups_cancel (ctx->store, nudge_followup_get_id (f), &error))
    return cli_fail_error (error);
  return CLI_OK;
}

static void
print_deal_line (gpointer item)
{
  NudgeDeal *d = item;

  g_print ("%" G_GINT64_FORMAT "\t%s\t%s\n", nudge_deal_get_id (d), nudge_deal_get_title (d),
           nudge_deal_get_company_name (d));
}

static int
followup_no_next_step (CliContext *ctx,
                       int         argc,
                       char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) deals = NULL;

  if (argc != 1)
    return cli_usage (_("followup no-next-step takes no arguments"));
  if (!(deals = nudge_followups_list_deals_without_next_step (ctx->store, &error)))
    return cli_fail_error (error);
  return cli_print_records (ctx, deals, print_deal_line);
}

static int
due (CliContext *ctx,
     int         argc,
     char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) occurrences = NULL;

  if (argc != 1)
    return cli_usage (_("due takes no arguments"));
  if (!(occurrences = nudge_followups_list_due (ctx->store, &error)))
    return cli_fail_error (error);
  return print_occurrences (ctx, occurrences);
}

const CliCommand cli_followup_commands[] = {
  { "followup", "add", "--title T [--deal ID|--contact ID] --due ISO8601 [--tz TZID] [--all-day] [--duration MIN] [--remind MIN] [--kind K] [--priority P] [--rrule RRULE]", N_("Add a follow-up; prints its id"), followup_add, TRUE },
  { "followup", "list", "[--from DATE] [--to DATE] [--done] [--json]", N_("List follow-ups, repeating ones expanded"), followup_list, TRUE },
  { "followup", "done", "ID [--occurrence ISO8601]", N_("Mark a follow-up (or one occurrence) done"), followup_done, TRUE },
  { "followup", "snooze", "ID (--for MIN | --until ISO8601)", N_("Remind again later"), followup_snooze, TRUE },
  { "followup", "snooze-overdue", "(--tomorrow | --next-week)", N_("Snooze every overdue follow-up; prints how many"), followup_snooze_overdue, TRUE },
  { "followup", "skip", "ID --occurrence ISO8601", N_("Skip one occurrence of a repeating follow-up"), followup_skip, TRUE },
  { "followup", "cancel", "ID", N_("Cancel a follow-up or a whole series"), followup_cancel, TRUE },
  { "followup", "no-next-step", "[--json]", N_("Open deals without a next step"), followup_no_next_step, TRUE },
  { NULL, "due", "[--json]", N_("What is overdue and due today"), due, TRUE },
  { NULL }
};
