/* nudge-cli-capture.c — nudge-cli add "Call Jan Novák tomorrow at 10"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-capture.h"
#include "nudge-cli.h"
#include "nudge-clock.h"
#include "nudge-followup-settings.h"

static const char *
entity_word (NudgeEntity entity)
{
  return entity == NUDGE_ENTITY_DEAL ? "deal" : "contact";
}

static void
print_json (NudgeCapture *capture,
            NudgeEntity   entity,
            gint64        link_id,
            const char   *link_name,
            gint64        id)
{
  g_autoptr(GString) out = g_string_new ("{\"kind\":");
  g_autofree char *due = cli_format_time (capture->due_at);

  cli_json_string (out, capture->kind);
  g_string_append (out, ",\"due_at\":");
  cli_json_string (out, due);
  g_string_append (out, ",\"title\":");
  cli_json_string (out, capture->title);
  g_string_append (out, ",\"name\":");
  if (capture->name != NULL)
    cli_json_string (out, capture->name);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"candidates\":[");
  for (guint i = 0; i < capture->candidates->len; i++)
    {
      NudgeCaptureCandidate *c = g_ptr_array_index (capture->candidates, i);

      g_string_append_printf (out, "%s{\"entity\":\"%s\",\"id\":%" G_GINT64_FORMAT ",\"name\":",
                              i > 0 ? "," : "", entity_word (c->entity), c->id);
      cli_json_string (out, c->name);
      if (c->detail != NULL)
        {
          g_string_append (out, ",\"detail\":");
          cli_json_string (out, c->detail);
        }
      g_string_append_c (out, '}');
    }
  g_string_append (out, "],\"linked\":");
  if (link_id > 0)
    {
      g_string_append_printf (out, "{\"entity\":\"%s\",\"id\":%" G_GINT64_FORMAT ",\"name\":",
                              entity_word (entity), link_id);
      cli_json_string (out, link_name);
      g_string_append_c (out, '}');
    }
  else
    g_string_append (out, "null");
  if (id > 0)
    g_string_append_printf (out, ",\"id\":%" G_GINT64_FORMAT "}", id);
  else
    g_string_append (out, ",\"id\":null}");
  g_print ("%s\n", out->str);
}

static int
add (CliContext *ctx,
     int         argc,
     char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeCapture) capture = NULL;
  g_autoptr(GDateTime) now = nudge_clock_now_local ();
  /* The app's reminder lead time, when its settings are installed */
  g_autoptr(GSettings) settings = cli_app_settings ("default-remind-minutes");
  g_autofree char *text = NULL, *when = NULL, *contact = NULL, *deal = NULL;
  g_autofree char *link_text = NULL, *id_text = NULL;
  gboolean dry_run = FALSE;
  const NudgeCaptureCandidate *link;
  NudgeEntity entity = NUDGE_ENTITY_CONTACT;
  gint64 link_id = 0, id = 0;
  const char *link_name = NULL;
  GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Show what was understood; save nothing"), NULL },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact, N_("Link to this contact instead"), "ID" },
    { "deal", 0, 0, G_OPTION_ARG_STRING, &deal, N_("Link to this deal instead"), "ID" },
    { NULL }
  };
  int status;

  if (!cli_parse (entries, N_("TEXT"), &argc, &argv, &status))
    return status;
  if (argc < 2)
    return cli_usage (_("add needs the follow-up in words, e.g. “Call Jan Novák tomorrow at 10”"));
  if (contact != NULL && deal != NULL)
    return cli_usage (_("Give --contact or --deal, not both"));
  text = g_strjoinv (" ", argv + 1);

  if (!(capture = nudge_capture_parse (ctx->store, text, now, &error)))
    return cli_fail_error (error);

  if (contact != NULL || deal != NULL)
    {
      g_autoptr(GObject) record = NULL;

      entity = contact != NULL ? NUDGE_ENTITY_CONTACT : NUDGE_ENTITY_DEAL;
      if (!cli_parse_id (contact ? contact : deal, &link_id))
        return cli_fail (_("“%s” is not an id"), contact ? contact : deal);
      record = entity == NUDGE_ENTITY_CONTACT ?
        G_OBJECT (nudge_store_get_contact (ctx->store, link_id, &error)) :
        G_OBJECT (nudge_store_get_deal (ctx->store, link_id, &error));
      if (record == NULL)
        return cli_fail_error (error);
    }
  else if ((link = nudge_capture_get_link (capture)) != NULL)
    {
      entity = link->entity;
      link_id = link->id;
      link_name = link->name;
    }
  else if (capture->candidates->len > 1)
    {
      if (ctx->json)
        print_json (capture, entity, 0, NULL, 0);
      else
        for (guint i = 0; i < capture->candidates->len; i++)
          {
            NudgeCaptureCandidate *c = g_ptr_array_index (capture->candidates, i);

            g_print ("%s %" G_GINT64_FORMAT "\t%s%s%s\n", entity_word (c->entity), c->id, c->name,
                     c->detail ? "\t" : "", c->detail ? c->detail : "");
          }
      /* Translators: %s is a name as typed, e.g. "Jan" */
      return cli_fail (_("“%s” matches %u records; pick one with --contact ID or --deal ID, or type more of the name"),
                       capture->name, capture->candidates->len);
    }

  if (!dry_run && !(id = nudge_capture_save (ctx->store, capture, entity, link_id,
                                             nudge_followup_default_remind_minutes (settings), &error)))
    return cli_fail_error (error);

  if (ctx->json)
    {
      print_json (capture, entity, link_id, link_name, id);
      return CLI_OK;
    }

  when = nudge_capture_format_when (capture, g_date_time_to_unix (now));
  g_print (_("Kind:  %s\n"), nudge_capture_kind_label (capture->kind));
  /* Ids as text: a G_GINT64_FORMAT inside _() would hide the rest of
   * the string from xgettext. */
  link_text = g_strdup_printf ("%" G_GINT64_FORMAT, link_id);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  if (link_id > 0 && link_name != NULL)
    /* Translators: "For:   Jan Novák (contact 12)" */
    g_print (_("For:   %s (%s %s)\n"), link_name, entity_word (entity), link_text);
  else if (link_id > 0)
    g_print (_("For:   %s %s\n"), entity_word (entity), link_text);
  else if (capture->name != NULL)
    g_print (_("For:   nothing linked\n"));
  else
    g_print (_("For:   nothing linked (no contact or deal matched)\n"));
  g_print (_("When:  %s\n"), when);
  g_print (_("Title: %s\n"), capture->title);
  if (dry_run)
    g_print (_("Nothing saved (--dry-run)\n"));
  else
    g_print (_("Added follow-up %s\n"), id_text);
  return CLI_OK;
}

const CliCommand cli_capture_commands[] = {
  { NULL, "add", "TEXT [--dry-run] [--contact ID|--deal ID] [--json]",
    N_("Add a follow-up written in words: “Call Jan Novák tomorrow at 10”"), add, TRUE },
  { NULL }
};
