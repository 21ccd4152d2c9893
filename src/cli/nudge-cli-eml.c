/* nudge-cli-eml.c — log .eml files and mbox files as e-mail activities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nudge-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-cli.h"
#include "nudge-eml.h"

/* The app's own addresses (Preferences), when its settings are
 * installed, plus any given with --own. */
static GStrv
own_addresses (char **given)
{
  g_autoptr(GSettings) settings = cli_app_settings ("own-addresses");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (settings != NULL)
    {
      g_auto(GStrv) saved = g_settings_get_strv (settings, "own-addresses");

      g_strv_builder_addv (builder, (const char **) saved);
    }
  if (given != NULL)
    g_strv_builder_addv (builder, (const char **) given);
  return g_strv_builder_end (builder);
}

/* Logs @files; with @add_contacts, a contact is added for each person
 * no contact has the address of and their messages are logged too:
 * all in one transaction. @result counts the messages once. */
static gboolean
log_files (NudgeStore            *store,
           GPtrArray             *files,
           const NudgeEmlTarget  *target,
           gboolean               add_contacts,
           GArray                *added,
           NudgeEmlResult        *result,
           GError               **error)
{
  NudgeEmlResult again = { 0 };

  if (!nudge_store_begin (store, error))
    return FALSE;
  if (!nudge_eml_import_files (store, (GFile **) files->pdata, files->len, target, NULL, result, error) ||
      (add_contacts && result->strangers != NULL &&
       !nudge_eml_add_strangers (store, result->strangers, result->unmatched, (GFile **) files->pdata, files->len,
                                 target, NULL,
                                 &again, added, error)) ||
      !nudge_store_commit (store, error))
    {
      nudge_store_rollback (store);
      nudge_eml_result_clear (&again);
      return FALSE;
    }
  if (added->len > 0)
    {
      result->n_logged += again.n_logged;
      result->n_unmatched = again.n_unmatched;
    }
  nudge_eml_result_clear (&again);
  return TRUE;
}

static int
import_eml (CliContext *ctx,
            int         argc,
            char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) given = NULL;
  g_auto(GStrv) own = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  NudgeEmlResult result = { 0 };
  gint64 deal_id = 0, contact_id = 0;
  g_autofree char *deal = NULL;
  g_autofree char *contact = NULL;
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean add_contacts = FALSE;
  GOptionEntry entries[] = {
    { "deal", 0, 0, G_OPTION_ARG_STRING, &deal, N_("Log them on this deal"), "ID" },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact, N_("Log them on this contact"), "ID" },
    { "own", 0, 0, G_OPTION_ARG_STRING_ARRAY, &given, N_("Your own address: messages from it are outgoing"), "ADDRESS" },
    { "add-contacts", 0, 0, G_OPTION_ARG_NONE, &add_contacts,
      N_("Add a contact for each person of the messages whom the book does not know, and log their messages"), NULL },
    { NULL }
  };
  int status;

  if (!cli_parse (entries, "eml FILE…", &argc, &argv, &status))
    return status;
  if (argc < 2)
    return cli_usage (_("import eml takes one or more .eml or mbox files"));
  if ((deal != NULL && !cli_parse_id (deal, &deal_id)) || (contact != NULL && !cli_parse_id (contact, &contact_id)))
    return cli_usage (_("--deal and --contact take an ID"));
  for (int i = 1; i < argc; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (argv[i]));
  own = own_addresses (given);

  if (!log_files (ctx->store, files, &(NudgeEmlTarget) { (const char * const *) own, deal_id, contact_id },
                  add_contacts, added, &result, &error))
    {
      nudge_eml_result_clear (&result);
      return cli_fail_error (error);
    }
  if (ctx->json)
    g_print ("{\"logged\":%u,\"duplicates\":%u,\"unmatched\":%u,\"contacts_added\":%u}\n",
             result.n_logged, result.n_duplicates, result.n_unmatched, added->len);
  else
    {
      if (added->len > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, "%u contact added, ", "%u contacts added, ", added->len), added->len);
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u e-mail logged", "%u e-mails logged", result.n_logged), result.n_logged);
      if (result.n_duplicates > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, ", %u already there", ", %u already there", result.n_duplicates),
                 result.n_duplicates);
      if (result.n_unmatched > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, ", %u from or to nobody in the book",
                              ", %u from or to nobody in the book", result.n_unmatched), result.n_unmatched);
      g_print ("\n");
    }
  nudge_eml_result_clear (&result);
  return CLI_OK;
}

/* "import eml" is found before the plain "import" command. */
const CliCommand cli_eml_commands[] = {
  { "import", "eml", "FILE… [--deal ID | --contact ID] [--own ADDRESS] [--add-contacts]",
    N_("Log e-mails (.eml or mbox files) as activities, on the contacts whose addresses they carry; "
       "a message already logged is skipped"), import_eml, TRUE },
  { NULL }
};
