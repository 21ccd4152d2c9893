/* nudge-cli-merge.c — merge two duplicate contacts or companies
 *
 * The first record survives and keeps its values; the second fills in
 * only what the first lacks, then goes to the trash with its deals,
 * activities and follow-ups moved over.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nudge-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-cli.h"
#include "nudge-merge.h"

static int
merge (CliContext  *ctx,
       NudgeEntity  entity,
       int          argc,
       char       **argv)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GPtrArray) take = g_ptr_array_new ();
  g_autoptr(NudgeMergeUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  gint64 survivor, other;

  if (argc != 3 || !cli_parse_id (argv[1], &survivor) || !cli_parse_id (argv[2], &other))
    return cli_usage (entity == NUDGE_ENTITY_CONTACT ? _("merge contact takes two contact IDs: the one to keep, then its duplicate")
                                                     : _("merge company takes two company IDs: the one to keep, then its duplicate"));
  if (!(fields = nudge_merge_compare (ctx->store, entity, survivor, other, TRUE, &error)))
    return cli_fail_error (error);
  for (guint i = 0; i < fields->len; i++)
    {
      NudgeMergeField *field = g_ptr_array_index (fields, i);

      if (field->take_other)
        g_ptr_array_add (take, (gpointer) field->column);
    }
  g_ptr_array_add (take, NULL);
  if (!(undo = nudge_merge_records (ctx->store, entity, survivor, other, (const char * const *) take->pdata, &error)))
    return cli_fail_error (error);

  if (ctx->json)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      g_string_append_printf (out, "{\"id\":%" G_GINT64_FORMAT ",\"merged\":%" G_GINT64_FORMAT ",\"name\":",
                              survivor, other);
      cli_json_string (out, nudge_merge_undo_get_name (undo));
      g_string_append (out, ",\"filled\":[");
      for (guint i = 0; i + 1 < take->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          cli_json_string (out, g_ptr_array_index (take, i));
        }
      g_string_append (out, "]}\n");
      g_print ("%s", out->str);
    }
  else
    {
      g_autofree char *from = g_strdup_printf ("%" G_GINT64_FORMAT, other);
      g_autofree char *into = g_strdup_printf ("%" G_GINT64_FORMAT, survivor);

      /* Translators: "Merged 12 into 7 (Jan Novák)" */
      g_print (_("Merged %s into %s (%s)\n"), from, into, nudge_merge_undo_get_name (undo));
    }
  return CLI_OK;
}

static int
merge_contact (CliContext *ctx,
               int         argc,
               char      **argv)
{
  return merge (ctx, NUDGE_ENTITY_CONTACT, argc, argv);
}

static int
merge_company (CliContext *ctx,
               int         argc,
               char      **argv)
{
  return merge (ctx, NUDGE_ENTITY_COMPANY, argc, argv);
}

const CliCommand cli_merge_commands[] = {
  { "merge", "contact", "ID DUPLICATE_ID",
    N_("Merge a duplicate contact into the first: its deals, activities, follow-ups, e-mails and phones move over"),
    merge_contact, TRUE },
  { "merge", "company", "ID DUPLICATE_ID",
    N_("Merge a duplicate company into the first: its contacts, deals and activities move over"),
    merge_company, TRUE },
  { NULL }
};
