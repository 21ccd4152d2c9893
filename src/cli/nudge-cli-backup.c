/* nudge-cli-backup.c — check, back up and restore the book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nudge-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-backup.h"
#include "nudge-cli.h"

static int
check (CliContext *ctx,
       int         argc,
       char      **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!cli_parse ((GOptionEntry[]) { { NULL } }, NULL, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return cli_usage (_("check takes no arguments"));
  /* What check finds holds for every program until a restore: the app,
   * its workers and later commands write nothing into a damaged book. */
  if (!nudge_backup_check_store (ctx->store, FALSE, &error))
    {
      /* A busy book is not a damaged one: no mark, try again later. */
      if (!g_error_matches (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_LOCKED))
        nudge_store_set_read_only (ctx->store, TRUE);
      return cli_fail_error (error);
    }
  nudge_store_set_read_only (ctx->store, FALSE);
  g_print (_("%s is intact\n"), nudge_store_get_path (ctx->store));
  return CLI_OK;
}

static void
print_list_json (GPtrArray *list)
{
  g_autoptr(GString) out = g_string_new ("[");

  for (guint i = 0; i < list->len; i++)
    {
      NudgeBackupInfo *info = g_ptr_array_index (list, i);
      g_autofree char *when = cli_format_time (info->time);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"path\":");
      cli_json_string (out, info->path);
      cli_json_member (out, "reason", info->reason);
      cli_json_member (out, "time", when);
      g_string_append_printf (out, ",\"size\":%" G_GINT64_FORMAT "}", info->size);
    }
  g_string_append (out, "]\n");
  g_print ("%s", out->str);
}

static int
backup (CliContext *ctx,
        int         argc,
        char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *path = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the copy here (default: the backup folder)"), "FILE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Machine-readable output"), NULL },
    { NULL }
  };
  int status;

  if (!cli_parse (entries, "[list]", &argc, &argv, &status))
    return status;
  if (argc == 2 && g_str_equal (argv[1], "list"))
    {
      g_autoptr(GPtrArray) list = nudge_backup_list (ctx->db_path);

      if (output != NULL)
        return cli_usage (_("backup list takes no --output"));
      if (json || ctx->json)
        print_list_json (list);
      else
        for (guint i = 0; i < list->len; i++)
          {
            NudgeBackupInfo *info = g_ptr_array_index (list, i);
            g_autofree char *when = cli_format_time (info->time);

            g_print ("%s\t%s\t%s\n", when, info->reason, info->path);
          }
      return CLI_OK;
    }
  if (argc != 1)
    return cli_usage (_("backup takes [-o FILE] or list"));
  if (!(path = nudge_backup_create (ctx->store, output, "manual", &error)))
    return cli_fail_error (error);
  g_print ("%s\n", path);
  return CLI_OK;
}

static int
restore (CliContext *ctx,
         int         argc,
         char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = NULL;
  int status;

  if (!cli_parse ((GOptionEntry[]) { { NULL } }, "FILE", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return cli_usage (_("restore takes one FILE"));
  if (!nudge_backup_restore (ctx->db_path, argv[1], &previous, &error))
    return cli_fail_error (error);
  if (previous != NULL)
    /* Translators: the path of the backup of the book that was replaced */
    g_print (_("Restored; the replaced book is kept as %s\n"), previous);
  else
    g_print (_("Restored\n"));
  return CLI_OK;
}

const CliCommand cli_backup_commands[] = {
  { NULL, "check", "", N_("Check the book for damage (exit 1 naming the problem)"), check, TRUE },
  { NULL, "backup", "[-o FILE] | list [--json]", N_("Copy the book (while it is in use), or list the backups"), backup, TRUE },
  { NULL, "restore", "FILE", N_("Replace the book with a backup; the replaced book is kept as a backup"), restore, FALSE },
  { NULL }
};
