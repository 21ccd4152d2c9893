/* nudge-import-errors.c — the rows a dry run found wrong: left out of
 * the import that follows, and written out as a CSV file to correct and
 * import again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import may leave its bad rows out (NudgeImportOptions.skip_lines);
 * they are handed back as a file of their own: the lines before and of
 * the header, then each bad row as the file has it — quotes, line breaks
 * inside quotes and all — with its message in an added last column, in
 * the file's separator and line ends, in UTF-8 with a BOM (which Excel
 * needs to read it as UTF-8). Corrected in a spreadsheet, it
 * imports as the first file did: rows about records the book has since
 * update them, and the "Error" column is a column no field takes.
 */

#define G_LOG_DOMAIN "nudge-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "nudge-format.h"
#include "nudge-import-private.h"

/* ---- leaving rows out ------------------------------------------------- */

gboolean
nudge_import_match_skips_line (NudgeImportMatch *match,
                               guint             line)
{
  guint lo = 0, hi = match->skip_lines != NULL ? match->skip_lines->len : 0;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint at = g_array_index (match->skip_lines, guint, mid);

      if (at == line)
        {
          match->result->n_skipped++;
          return TRUE;
        }
      if (at < line)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

static gboolean
is_row_company (gpointer key,
                gpointer value,
                gpointer data)
{
  NudgeImportMatch *match = data;
  GArray *ids = match->result->company_ids;

  for (guint i = match->row_first_company; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == *(gint64 *) value)
      return TRUE;
  return FALSE;
}

/* A bad row of a dry run, rolled back: the companies it made leave the
 * tables too, else a later row naming one would find a company the
 * import, leaving the bad row out, never makes. */
void
nudge_import_match_forget_row (NudgeImportMatch *match)
{
  NudgeImportResult *result = match->result;
  GArray *ids = result->company_ids;

  if (ids->len > match->row_first_company)
    {
      g_hash_table_foreach_remove (match->company_names, is_row_company, match);
      g_hash_table_foreach_remove (match->company_domains, is_row_company, match);
      if (match->row_companies != NULL)
        g_hash_table_foreach_remove (match->row_companies, is_row_company, match);
      for (guint i = match->row_first_company; i < ids->len; i++)
        g_hash_table_remove (match->pending, &g_array_index (ids, gint64, i));
      result->n_companies_added -= MIN (result->n_companies_added, ids->len - match->row_first_company);
      g_array_set_size (ids, match->row_first_company);
    }
  if (result->created->len > match->row_first_created)
    g_ptr_array_set_size (result->created, match->row_first_created);
}

/* ---- the file of bad rows ----------------------------------------------- */

/* The title of the column the file of bad rows adds */
static const char *
error_column_title (void)
{
  /* Translators: the title of the column added to a file of the rows an
   * import left out, which says what was wrong with each */
  return C_("import", "Error");
}

/* Whether a file's column @name is the one a file of bad rows adds (in
 * the language of now, or in English): no field takes it, as none
 * should, and an import of the corrected file does not call it left out. */
gboolean
nudge_import_is_error_column (const char *name)
{
  return g_strcmp0 (name, error_column_title ()) == 0 || g_strcmp0 (name, "Error") == 0;
}

/**
 * nudge_import_write_error_rows:
 * @result: of a dry run of a CSV file
 *
 * Returns: (transfer full) (nullable): the file's header and its bad
 *   rows, each followed by its message, as UTF-8 CSV; NULL when
 *   @result holds no bad row of a CSV file
 */
GBytes *
nudge_import_write_error_rows (const NudgeImportResult *result)
{
  g_autoptr(GString) out = NULL;
  const char *head;
  const char *line_end;
  char separator;

  g_return_val_if_fail (result != NULL, NULL);

  if (result->csv_head == NULL || result->error_records == NULL || result->error_records->len == 0 ||
      result->error_messages == NULL || result->error_messages->len != result->error_records->len)
    return NULL;
  head = result->csv_head;
  line_end = g_str_has_suffix (head, "\r\n") ? "\r\n" : "\n";
  /* A sheet of one column has no separator: a tab, which its header
   * line has none of, makes the added column read as one. */
  separator = result->csv_separator != '\0' ? result->csv_separator : '\t';

  out = g_string_new ("\xEF\xBB\xBF");
  g_string_append_len (out, head, strlen (head) - strlen (line_end));
  g_string_append_c (out, separator);
  nudge_format_append_csv_quoted (out, error_column_title ());
  g_string_append (out, line_end);
  for (guint i = 0; i < result->error_records->len; i++)
    {
      const char *record = g_ptr_array_index (result->error_records, i);

      /* A cell of a one-column sheet may hold the tab: it goes in quotes
       * (a cell without them holds no quote). */
      if (result->csv_separator == '\0' && *record != '"' && strchr (record, '\t') != NULL)
        nudge_format_append_csv_quoted (out, record);
      else
        g_string_append (out, record);
      g_string_append_c (out, separator);
      nudge_format_append_csv_quoted (out, g_ptr_array_index (result->error_messages, i));
      g_string_append (out, line_end);
    }
  return g_string_free_to_bytes (g_steal_pointer (&out));
}
