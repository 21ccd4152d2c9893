/* nudge-cli-import.c — import companies, contacts or deals from CSV
 * (contacts also from vCard); export contacts as vCard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nudge-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "nudge-backup.h"
#include "nudge-cli.h"
#include "nudge-import.h"
#include "nudge-vcard.h"

/* "3 new, 1 updated, 96 unchanged, 2 errors" */
static void
print_counts (const NudgeImportResult *result)
{
  g_print (g_dngettext (GETTEXT_PACKAGE, "%'u new", "%'u new", result->n_new), result->n_new);
  g_print (g_dngettext (GETTEXT_PACKAGE, ", %'u updated", ", %'u updated", result->n_updated), result->n_updated);
  g_print (g_dngettext (GETTEXT_PACKAGE, ", %'u unchanged", ", %'u unchanged", result->n_unchanged), result->n_unchanged);
  g_print (g_dngettext (GETTEXT_PACKAGE, ", %'u error", ", %'u errors", result->n_errors), result->n_errors);
}

/* What an import would do: the counts, then each bad line; exit 1 when
 * there is one (the import would refuse the file). */
static int
print_dry_run (CliContext        *ctx,
               NudgeImportResult *result)
{
  int status = result->n_errors > 0 ? CLI_FAIL : CLI_OK;

  if (ctx->json)
    {
      g_autoptr(GString) out = g_string_new ("{\"dry_run\":true");

      g_string_append_printf (out, ",\"new\":%u,\"updated\":%u,\"unchanged\":%u,\"companies_added\":%u,\"format\":",
                              result->n_new, result->n_updated, result->n_unchanged, result->n_companies_added);
      if (result->format_name != NULL)
        cli_json_string (out, result->format_name);
      else
        g_string_append (out, "null");
      g_string_append (out, ",\"errors\":[");
      for (guint i = 0; result->errors != NULL && i < result->errors->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          cli_json_string (out, g_ptr_array_index (result->errors, i));
        }
      g_string_append (out, "]}\n");
      g_print ("%s", out->str);
    }
  else
    {
      if (result->format_message != NULL)
        g_print ("%s\n", result->format_message);
      /* Translators: before "3 new, 1 updated, 96 unchanged, 0 errors" */
      g_print ("%s", _("Dry run: "));
      print_counts (result);
      g_print ("%s\n", _("; nothing was written"));
      for (guint i = 0; result->errors != NULL && i < result->errors->len; i++)
        g_print ("%s\n", (const char *) g_ptr_array_index (result->errors, i));
    }
  nudge_import_result_clear (result);
  return status;
}

/* --skip-errors: a dry run first, its bad lines told on stderr and
 * handed to the import to leave out (@skip_lines), with the checksum of
 * the file it read (@out_checksum), so that a file saved again in
 * between is refused. FALSE with @error when the file cannot be read
 * at all, or every row is bad. */
static gboolean
find_bad_rows (CliContext                *ctx,
               NudgeEntity                entity,
               GFile                     *file,
               const char                *currency,
               const NudgeImportOptions  *options,
               GArray                    *skip_lines,
               char                     **out_checksum,
               GError                   **error)
{
  NudgeImportOptions dry_run = *options;
  NudgeImportResult result = { 0 };
  gboolean ok;

  dry_run.dry_run = TRUE;
  if (!nudge_import_file_with_options (ctx->store, entity, file, currency, &dry_run, NULL, &result, error))
    {
      nudge_import_result_clear (&result);
      return FALSE;
    }
  for (guint i = 0; i < result.errors->len; i++)
    g_printerr ("%s\n", (const char *) g_ptr_array_index (result.errors, i));
  g_array_append_vals (skip_lines, result.error_lines->data, result.error_lines->len);
  *out_checksum = g_steal_pointer (&result.checksum);
  ok = result.n_errors == 0 || result.n_new + result.n_updated + result.n_unchanged > 0;
  if (!ok)
    g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                 _("Every row of the file has an error; nothing was imported"));
  nudge_import_result_clear (&result);
  return ok;
}

static int
import (CliContext *ctx,
        int         argc,
        char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *currency = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GHashTable) mapping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) maps = NULL;
  NudgeImportResult result = { 0 };
  NudgeImportOptions options = { 0 };
  g_autoptr(GArray) skip_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *checksum = NULL;
  gboolean dry_run = FALSE;
  gboolean skip_errors = FALSE;
  NudgeEntity entity;
  GOptionEntry entries[] = {
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, N_("Currency of amounts that name none (default EUR)"), "CODE" },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Say what would be new, updated, unchanged or wrong, and write nothing"), NULL },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps, N_("Read a file column as a field, or leave it out: \"Column=field,Other=ignore\""), "MAPPING" },
    { "skip-errors", 0, 0, G_OPTION_ARG_NONE, &skip_errors, N_("Import the good rows and leave out the rows with errors, each told on standard error"), NULL },
    { NULL }
  };
  int status;

  if (!cli_parse_args (entries, "companies|contacts|deals|activities FILE", 2,
                       _("import takes what to import (companies, contacts, deals or activities) and a FILE"),
                       &argc, &argv, &status))
    return status;
  if (g_str_equal (argv[1], "companies"))
    entity = NUDGE_ENTITY_COMPANY;
  else if (g_str_equal (argv[1], "contacts"))
    entity = NUDGE_ENTITY_CONTACT;
  else if (g_str_equal (argv[1], "deals"))
    entity = NUDGE_ENTITY_DEAL;
  else if (g_str_equal (argv[1], "activities"))
    entity = NUDGE_ENTITY_ACTIVITY;
  else
    return cli_usage (_("import takes companies, contacts, deals or activities, not “%s”"), argv[1]);

  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    if (!nudge_import_parse_mapping (mapping, maps[i], &error))
      return cli_usage ("%s", error->message);
  options.dry_run = dry_run;
  options.mapping = g_hash_table_size (mapping) > 0 ? mapping : NULL;

  file = g_file_new_for_commandline_arg (argv[2]);
  if (skip_errors && !dry_run)
    {
      if (!find_bad_rows (ctx, entity, file, currency ? currency : "EUR", &options, skip_lines, &checksum, &error))
        return cli_fail_error (error);
      options.skip_lines = skip_lines;
      options.expected_checksum = checksum;
    }
  /* A copy first, so a wrong import can be undone with restore. */
  if (!dry_run && g_file_query_exists (file, NULL) && !nudge_store_is_empty (ctx->store))
    {
      g_autofree char *copy = nudge_backup_create (ctx->store, NULL, "import", &error);

      if (copy == NULL)
        return cli_fail_error (error);
    }
  if (!nudge_import_file_with_options (ctx->store, entity, file, currency ? currency : "EUR", &options,
                                       NULL, &result, &error))
    {
      nudge_import_result_clear (&result);
      return cli_fail_error (error);
    }

  if (dry_run)
    return print_dry_run (ctx, &result);

  cli_merge_search_index (ctx);

  if (ctx->json)
    {
      g_autoptr(GString) out = g_string_new ("{\"imported\":");

      g_string_append_printf (out, "%u,\"companies_added\":%u,\"ids\":[", result.n_records, result.n_companies_added);
      for (guint i = 0; i < result.record_ids->len; i++)
        g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (result.record_ids, gint64, i));
      g_string_append (out, "],\"ignored_columns\":[");
      for (guint i = 0; i < result.ignored_columns->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          cli_json_string (out, g_ptr_array_index (result.ignored_columns, i));
        }
      g_string_append_printf (out, "],\"followups_added\":%u", result.followup_ids->len);
      g_string_append_printf (out, ",\"new\":%u,\"updated\":%u,\"unchanged\":%u,\"skipped\":%u",
                              result.n_new, result.n_updated, result.n_unchanged, result.n_skipped);
      g_string_append (out, ",\"format\":");
      if (result.format_name != NULL)
        cli_json_string (out, result.format_name);
      else
        g_string_append (out, "null");
      g_string_append (out, ",\"created\":[");
      for (guint i = 0; i < result.created->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          cli_json_string (out, g_ptr_array_index (result.created, i));
        }
      g_string_append (out, "]}\n");
      g_print ("%s", out->str);
    }
  else
    {
      if (result.format_message != NULL)
        g_print ("%s\n", result.format_message);
      /* A file that found records the book has says what it did to
       * them ("0 new, 1 updated, …"), not "Imported 0 records". */
      if (result.n_updated > 0 || result.n_unchanged > 0)
        print_counts (&result);
      else
        g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %'u record", "Imported %'u records", result.n_records),
                 result.n_records);
      if (result.n_companies_added > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, ", %'u new company", ", %'u new companies", result.n_companies_added),
                 result.n_companies_added);
      if (result.converted_from != NULL)
        g_print (_(" (read as %s)"), result.converted_from);
      if (result.n_skipped > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, "; %'u row with errors left out", "; %'u rows with errors left out",
                              result.n_skipped), result.n_skipped);
      g_print ("\n");
      if (result.created->len > 0)
        {
          g_autofree char *joined = NULL;

          g_ptr_array_add (result.created, NULL);
          joined = g_strjoinv (", ", (char **) result.created->pdata);
          /* Translators: what the rows needed and the book lacked, e.g. stage “Demo” in “Sales” */
          g_print (_("Created: %s\n"), joined);
        }
      if (result.ignored_columns->len > 0)
        {
          g_autofree char *joined = NULL;

          g_ptr_array_add (result.ignored_columns, NULL);
          joined = g_strjoinv (", ", (char **) result.ignored_columns->pdata);
          g_printerr (_("Columns left out: %s\n"), joined);
        }
    }
  nudge_import_result_clear (&result);
  return CLI_OK;
}

static int
export_vcard (CliContext *ctx,
              int         argc,
              char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL, *segment = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (\"-\" for standard output)"), "FILE" },
    { "segment", 0, 0, G_OPTION_ARG_STRING, &segment, N_("Only the contacts of this segment"), "NAME" },
    { NULL }
  };
  int status;

  if (!cli_parse_args (entries, NULL, 0,
                       _("export-vcard takes only options"),
                       &argc, &argv, &status))
    return status;
  if (output == NULL)
    return cli_usage (_("export-vcard needs -o FILE"));

  if (g_str_equal (output, "-"))
    {
      gsize length = 0;
      g_autofree char *text = nudge_vcard_export (ctx->store, segment, &length, &error);

      if (text == NULL)
        return cli_fail_error (error);
      fwrite (text, 1, length, stdout);
      return CLI_OK;
    }
  if (!nudge_vcard_export_to_file (ctx->store, segment, output, &error))
    return cli_fail_error (error);
  return CLI_OK;
}

const CliCommand cli_import_commands[] = {
  { NULL, "import", "companies|contacts|deals|activities FILE [--currency CODE] [--dry-run] [--skip-errors] [--map \"Column=field,…\"]",
    N_("Add companies, contacts, deals or timeline activities from a CSV file, or contacts from a vCard file (all or nothing, or with --skip-errors all but the rows with errors); contacts and companies already in the book are updated"), import, TRUE },
  { NULL, "export-vcard", "-o FILE [--segment NAME]",
    N_("Export contacts as a vCard 4.0 file"), export_vcard, TRUE },
  { NULL }
};
