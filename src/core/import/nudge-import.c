/* nudge-import.c — companies, contacts and deals from a CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A spreadsheet exported from another CRM, from Excel (which writes ";"
 * in Czech and Polish, in the Windows code page unless told "CSV UTF-8")
 * or from Nudge's own List view: the header names
 * the columns, in English or in the user's language, in any order. The
 * exports of Google Contacts, Outlook, Thunderbird, LinkedIn, Pipedrive
 * and HubSpot are known by their header (nudge-import-formats.c). The
 * whole file is one transaction: a bad row stops the import with its
 * line number and nothing of the file is kept. A dry run reads on past
 * bad rows and lists their lines (and their text, to be written out
 * with nudge_import_write_error_rows()); the import that follows may
 * leave exactly those out (NudgeImportOptions.skip_lines). As the dry
 * run keeps each good row and forgets each bad one, every row the
 * import writes sees the book as it did then.
 */

#define G_LOG_DOMAIN "nudge-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "nudge-import.h"
#include "nudge-import-private.h"
#include "nudge-vcard.h"
#include "nudge-records.h"
#include "nudge-store-private.h"

/* What one header column brings */
typedef struct
{
  Field       field;
  const char *label;
  int         label_column;  /* the column naming this value's type, or -1 */
} Column;

/* Reads the rows of a CSV text one at a time: a big file is never held
 * as rows and fields all at once. */
typedef struct
{
  const char *p;
  const char *end;
  char        separator;
  guint       line;      /* the line @p is on */
  GString    *field;
  const char *row_start; /* the text of the row read last, without its line end */
  const char *row_end;
} CsvReader;

/* The separator is whichever of , ; and tab the header line uses most.
 * A header with none of them names one column: a spreadsheet saves a
 * sheet of one column with no separator at all, whatever its region's,
 * so a comma in one of its cells ("Novák, Jan") is text. Then there is
 * no separator ('\0', which no line of text holds). */
static char
guess_separator (const char *text,
                 gsize       length)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean in_quotes = FALSE;

  for (gsize i = 0; i < length && (in_quotes || (text[i] != '\n' && text[i] != '\r')); i++)
    {
      if (text[i] == '"')
        in_quotes = !in_quotes;
      else if (!in_quotes && text[i] == ',')
        commas++;
      else if (!in_quotes && text[i] == ';')
        semicolons++;
      else if (!in_quotes && text[i] == '\t')
        tabs++;
    }
  if (commas == 0 && semicolons == 0 && tabs == 0)
    return '\0';
  if (semicolons > commas && semicolons >= tabs)
    return ';';
  if (tabs > commas && tabs > semicolons)
    return '\t';
  return ',';
}

/* Excel's "sep=;" first line names the separator of the lines after
 * it: it is read and passed over, and the header follows. */
static void
read_separator_line (CsvReader *reader)
{
  const char *p = reader->p;

  if (reader->end - p < 5 || g_ascii_strncasecmp (p, "sep=", 4) != 0)
    return;
  p += 4;
  if (*p == '\r' || *p == '\n')
    return;
  if (p + 1 < reader->end && p[1] != '\r' && p[1] != '\n')
    return;
  reader->separator = *p++;
  if (p < reader->end && *p == '\r')
    p++;
  if (p < reader->end && *p == '\n')
    p++;
  reader->p = p;
  reader->line++;
}

static gboolean
end_field (CsvReader  *reader,
           GPtrArray **fields,
           guint       row_line,
           GError    **error)
{
  if (*fields == NULL)
    *fields = g_ptr_array_new_with_free_func (g_free);
  if ((*fields)->len >= NUDGE_IMPORT_MAX_COLUMNS)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_TOO_LONG,
                   g_dngettext (GETTEXT_PACKAGE, "Line %u has more than %u field",
                                "Line %u has more than %u fields", NUDGE_IMPORT_MAX_COLUMNS),
                   row_line, NUDGE_IMPORT_MAX_COLUMNS);
      return FALSE;
    }
  g_ptr_array_add (*fields, g_strndup (reader->field->str, reader->field->len));
  g_string_truncate (reader->field, 0);
  return TRUE;
}

/* A blank line is no row, nor one of empty cells only (";;;;;": the
 * rows Excel writes below a table). */
static gboolean
is_blank_row (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    {
      const char *field = g_ptr_array_index (fields, i);

      for (; *field != '\0'; field = g_utf8_next_char (field))
        if (!g_unichar_isspace (g_utf8_get_char (field)))
          return FALSE;
    }
  return TRUE;
}

/* RFC 4180, leniently: LF or CRLF line ends, quotes doubled inside
 * quoted fields, line breaks inside them. Returns the next row (blank
 * lines skipped) and the line it starts on; NULL at the end of the text,
 * or with @error set. */
static GPtrArray *
csv_read_row (CsvReader  *reader,
              guint      *out_line,
              GError    **error)
{
  g_autoptr(GPtrArray) fields = NULL;
  GString *field = reader->field;
  gboolean in_quotes = FALSE;
  gboolean quoted = FALSE;
  guint row_line = reader->line;
  const char *p = reader->p;
  const char *end = reader->end;

  reader->row_start = p;
  g_string_truncate (field, 0);
  while (p < end)
    {
      char c = *p;

      if (in_quotes)
        {
          if (c == '"' && p + 1 < end && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p += 2;
              continue;
            }
          if (c == '"')
            in_quotes = FALSE;
          else if (c == '\r' && p + 1 < end && p[1] == '\n')
            ;                           /* a line break in a note is "\n", as typed in the app */
          else
            {
              if (c == '\n')
                reader->line++;
              g_string_append_c (field, c);
            }
          p++;
          continue;
        }

      if (c == '"' && field->len == 0 && !quoted)
        {
          in_quotes = quoted = TRUE;
          p++;
          continue;
        }
      if (c == reader->separator)
        {
          if (!end_field (reader, &fields, row_line, error))
            return NULL;
          quoted = FALSE;
          p++;
          continue;
        }
      if (c == '\r' || c == '\n')
        {
          if (!end_field (reader, &fields, row_line, error))
            return NULL;
          quoted = FALSE;
          reader->row_end = p;
          if (c == '\r' && p + 1 < end && p[1] == '\n')
            p++;
          p++;
          reader->line++;
          if (is_blank_row (fields))
            {
              g_clear_pointer (&fields, g_ptr_array_unref);
              row_line = reader->line;
              reader->row_start = p;
              continue;
            }
          reader->p = p;
          *out_line = row_line;
          return g_steal_pointer (&fields);
        }
      if (quoted)
        {
          g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                       _("Line %u: text after the closing quote of a field"), reader->line);
          return NULL;
        }
      if (c == '"')
        {
          g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                       _("Line %u: a quote inside a field that does not start with one"), reader->line);
          return NULL;
        }
      /* The rest of a plain field in one go */
      {
        const char *stop = p + 1;

        while (stop < end && *stop != reader->separator && *stop != '"' &&
               *stop != '\r' && *stop != '\n')
          stop++;
        g_string_append_len (field, p, stop - p);
        p = stop;
      }
    }

  reader->p = p;
  reader->row_end = p;
  if (in_quotes)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("Line %u: a quoted field is not closed"), row_line);
      return NULL;
    }
  if (field->len > 0 || fields != NULL || quoted)
    {
      if (!end_field (reader, &fields, row_line, error))
        return NULL;
      if (!is_blank_row (fields))
        {
          *out_line = row_line;
          return g_steal_pointer (&fields);
        }
    }
  return NULL;
}

/* The header names as normalize_header() leaves them; "" for one too
 * long to be a column name. */
static GPtrArray *
normalize_row (GPtrArray *header)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < header->len; c++)
    {
      const char *name = g_ptr_array_index (header, c);

      g_ptr_array_add (names, strnlen (name, 257) > 256 ? g_strdup ("") : nudge_import_normalize_header (name));
    }
  return names;
}

static void
set_too_large_error (GError **error)
{
  g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_TOO_LONG,
               /* Translators: the limit, e.g. "64 MB" */
               _("The file is larger than %s; nothing was imported"), "64 MB");
}

void
nudge_import_report_progress (const NudgeImportOptions *options,
                              double                    fraction)
{
  if (options != NULL && options->progress != NULL)
    options->progress (fraction, options->progress_data);
}

/* The file up to its header's line end, for a file of its bad rows
 * (nudge-import-errors.c): the lines before the header ("sep=;", a
 * LinkedIn export's notes) stay, so the file reads again alike. */
static void
keep_csv_head (NudgeImportResult *result,
               const char        *text,
               const CsvReader   *reader,
               const char        *head_end)
{
  GString *head = g_string_new_len (text, head_end - text);

  g_string_append (head, head_end < reader->end && *head_end == '\r' ? "\r\n" : "\n");
  g_free (result->csv_head);
  result->csv_head = g_string_free (head, FALSE);
  result->csv_separator = reader->separator;
}

void
nudge_import_result_clear (NudgeImportResult *result)
{
  g_return_if_fail (result != NULL);

  g_clear_pointer (&result->record_ids, g_array_unref);
  g_clear_pointer (&result->company_ids, g_array_unref);
  g_clear_pointer (&result->ignored_columns, g_ptr_array_unref);
  g_clear_pointer (&result->created, g_ptr_array_unref);
  g_clear_pointer (&result->followup_ids, g_array_unref);
  g_clear_pointer (&result->errors, g_ptr_array_unref);
  g_clear_pointer (&result->error_lines, g_array_unref);
  g_clear_pointer (&result->error_records, g_ptr_array_unref);
  g_clear_pointer (&result->error_messages, g_ptr_array_unref);
  g_clear_pointer (&result->csv_head, g_free);
  g_clear_pointer (&result->checksum, g_free);
  g_clear_pointer (&result->columns, g_ptr_array_unref);
  g_clear_pointer (&result->preview_rows, g_ptr_array_unref);
  g_clear_pointer (&result->updated_deals, g_ptr_array_unref);
  g_clear_pointer (&result->updated_records, g_ptr_array_unref);
  g_clear_pointer (&result->followups_undo, nudge_followups_undo_free);
  result->n_new = result->n_updated = result->n_unchanged = result->n_errors = result->n_skipped = 0;
  result->csv_separator = '\0';
  result->format_name = NULL;
  result->format_message = NULL;
  result->n_records = 0;
  result->n_companies_added = 0;
}

/**
 * nudge_import_csv:
 * @default_currency: for amounts that name none (the user's currency)
 *
 * Adds one record of @entity per row of the CSV @text, creating the
 * companies the rows name. All or nothing: on error nothing is added and
 * the message names the line.
 */
gboolean
nudge_import_csv (NudgeStore         *store,
                  NudgeEntity         entity,
                  const char         *text,
                  gsize               length,
                  const char         *default_currency,
                  NudgeImportResult  *result,
                  GError            **error)
{
  return nudge_import_csv_with_options (store, entity, text, length, default_currency, NULL,
                                        NULL, result, error);
}

/**
 * nudge_import_csv_with_options:
 * @options: (nullable): a dry run, a column mapping, preview rows, progress
 * @cancellable: (nullable): cancelling stops the import; nothing is kept
 *
 * As nudge_import_csv(), for a worker thread that shows progress. Rows about a company, contact or deal
 * the book has already update it (nudge-import-match.c). A dry run does all the
 * import does, counts it in @result, and keeps nothing.
 */
gboolean
nudge_import_csv_with_options (NudgeStore                *store,
                               NudgeEntity                entity,
                               const char                *text,
                               gsize                      length,
                               const char                *default_currency,
                               const NudgeImportOptions  *options,
                               GCancellable              *cancellable,
                               NudgeImportResult         *result,
                               GError                   **error)
{
  const NudgeImportFieldName *fields;
  NudgeImportMatch *matcher = NULL;
  ImportRows rows;
  gboolean dry_run = options != NULL && options->dry_run;
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GString) field = g_string_new (NULL);
  g_autofree Column *columns = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) channels = g_ptr_array_new_with_free_func (nudge_import_channel_free);
  g_autoptr(GString) work_address = g_string_new (NULL);
  g_autoptr(GString) home_address = g_string_new (NULL);
  ContactExtras extras = { channels, work_address, home_address };
  const ImportFormat *format = NULL;
  g_autoptr(GHashTable) companies = NULL;
  g_autoptr(GHashTable) contacts = NULL;
  g_autoptr(GHashTable) deals = NULL;
  g_autofree char *converted = NULL;
  g_autofree char *from_utf16 = NULL;
  gsize converted_length = 0;
  const char *invalid = NULL;
  GError *local_error = NULL;
  CsvReader reader = { 0 };
  guint header_line = 0;
  guint next_line = 0;
  guint n_rows = 0;
  Field required;
  const char *head_end;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  memset (result, 0, sizeof *result);
  result->record_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  result->company_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  result->ignored_columns = g_ptr_array_new_with_free_func (g_free);
  result->created = g_ptr_array_new_with_free_func (g_free);
  result->followup_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  result->errors = g_ptr_array_new_with_free_func (g_free);
  result->error_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  result->error_records = g_ptr_array_new_with_free_func (g_free);
  result->error_messages = g_ptr_array_new_with_free_func (g_free);
  result->columns = g_ptr_array_new_with_free_func (nudge_import_column_free);
  result->preview_rows = g_ptr_array_new_with_free_func (nudge_import_preview_row_free);
  result->updated_deals = g_ptr_array_new_with_free_func ((GDestroyNotify) nudge_deal_move_unref);
  result->updated_records = g_ptr_array_new_with_free_func ((GDestroyNotify) nudge_import_update_free);

  if (!(fields = nudge_import_header_fields (entity, &required)))
    g_return_val_if_reached (FALSE);

  if (length > NUDGE_IMPORT_MAX_BYTES)
    {
      set_too_large_error (error);
      return FALSE;
    }
  if (!(text = _nudge_import_text_of (text, &length, &from_utf16, error)))
    return FALSE;
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }
  /* An address book's export, recognised by its content */
  if (nudge_vcard_detect (text, length))
    {
      if (entity != NUDGE_ENTITY_CONTACT)
        return nudge_fail_invalid (error, _("The file is a vCard address book: import it as contacts"));
      return nudge_import_vcard_records (store, text, length, options, cancellable, result, error);
    }
  if (!g_utf8_validate_len (text, length, &invalid))
    {
      const char *encoding = NULL;

      if (!(converted = _nudge_import_convert_code_page (text, length, invalid, &encoding, &converted_length, error)))
        return FALSE;
      result->converted_from = encoding;
      text = converted;
      length = converted_length;
    }

  reader.p = text;
  reader.end = text + length;
  reader.separator = guess_separator (text, length);
  reader.line = 1;
  reader.field = field;
  read_separator_line (&reader);
  if (!(header = csv_read_row (&reader, &header_line, error)))
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                     _("The file needs a header line naming the columns and at least one row"));
      return FALSE;
    }
  head_end = reader.row_end;

  /* LinkedIn's Connections.csv begins with a few lines of notes; a
   * header is never a single column of another format's file. */
  names = normalize_row (header);
  for (guint skipped = 0; !(format = nudge_import_detect_format (entity, names)) && header->len == 1 && skipped < 10; skipped++)
    {
      g_autoptr(GPtrArray) next = NULL;

      {
        const NudgeImportFieldName *match = nudge_import_match_header (fields, g_ptr_array_index (header, 0));

        if (match != NULL && match->field == required)
          break;
      }
      /* A line of notes has no separator; the header after it tells */
      if (reader.separator == '\0')
        {
          const char *q = reader.p;

          while (q < reader.end && (*q == '\r' || *q == '\n'))
            q++;
          reader.separator = guess_separator (q, reader.end - q);
        }
      if (!(next = csv_read_row (&reader, &next_line, &local_error)))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
          break;
        }
      header_line = next_line;
      head_end = reader.row_end;
      g_ptr_array_unref (header);
      header = g_steal_pointer (&next);
      g_ptr_array_unref (names);
      names = normalize_row (header);
    }
  keep_csv_head (result, text, &reader, head_end);
  if (format != NULL)
    {
      result->format_name = g_dgettext (GETTEXT_PACKAGE, format->name);
      result->format_message = g_dgettext (GETTEXT_PACKAGE, format->read_as);
    }

  columns = g_new0 (Column, header->len);
  if (format == NULL)
    {
      g_autofree Field *guessed = nudge_import_guess_fields (fields, header);

      for (guint c = 0; c < header->len; c++)
        columns[c].field = guessed[c];
    }
  {
    gboolean has_required = FALSE;

    for (guint c = 0; c < header->len; c++)
      {
        const char *name = g_ptr_array_index (header, c);

        columns[c].label_column = -1;
        if (format != NULL)
          {
            const FormatColumn *match = nudge_import_match_format_column (format, g_ptr_array_index (names, c));

            if (match != NULL)
              {
                columns[c].field = match->field;
                columns[c].label = match->label;
                if (format->numbered && (match->field == FIELD_EMAIL || match->field == FIELD_PHONE))
                  columns[c].label_column = nudge_import_find_label_column (names, g_ptr_array_index (names, c));
              }
          }

        /* The user's mapping over what the header says */
        if (options != NULL && options->mapping != NULL &&
            g_hash_table_contains (options->mapping, name))
          {
            const char *key = g_hash_table_lookup (options->mapping, name);
            Field wanted = nudge_import_field_from_key (key);

            if (wanted != columns[c].field)
              {
                columns[c].field = wanted;
                columns[c].label = NULL;
                columns[c].label_column = -1;
              }
          }
        {
          NudgeImportColumn *column = g_new0 (NudgeImportColumn, 1);

          column->name = nudge_import_shorten (name);
          column->field = g_strdup (nudge_import_field_key (columns[c].field));
          column->sample = g_strdup ("");
          g_ptr_array_add (result->columns, column);
        }
        if (columns[c].field == FIELD_NONE && *name != '\0' && !nudge_import_is_error_column (name))
          g_ptr_array_add (result->ignored_columns, nudge_import_shorten (name));
        has_required |= columns[c].field == required;
        /* A contact's name may come in parts */
        /* An activity may have a note and no subject */
        if (entity == NUDGE_ENTITY_ACTIVITY)
          has_required |= columns[c].field == FIELD_NOTES;
        if (entity == NUDGE_ENTITY_CONTACT)
          has_required |= columns[c].field == FIELD_DISPLAY_NAME || columns[c].field == FIELD_FIRST_NAME ||
                          columns[c].field == FIELD_LAST_NAME;
      }
    /* A file another program exported as a list of something else is
     * refused even when one of its columns could pass for a title. */
    if (format == NULL && !nudge_import_refuse_other_kind (entity, names, error))
      return FALSE;
    if (!has_required)
      {
        const char *title = NULL;

        for (const NudgeImportFieldName *f = fields; f->title != NULL; f++)
          if (f->field == required)
            title = g_dgettext (GETTEXT_PACKAGE, f->title);
        return nudge_fail_invalid (error, _("The file has no “%s” column"), title);
      }
  }

  if (!(matcher = nudge_import_match_start (store, entity, options, result, error)))
    return FALSE;
  /* Contacts and companies find theirs through the matcher */
  if (entity == NUDGE_ENTITY_DEAL || entity == NUDGE_ENTITY_ACTIVITY)
    companies = nudge_import_load_names (store, "SELECT id, name FROM company WHERE trashed_at IS NULL ORDER BY id");
  if (entity == NUDGE_ENTITY_DEAL || entity == NUDGE_ENTITY_ACTIVITY)
    contacts = nudge_import_load_names (store, "SELECT id, name FROM contact WHERE trashed_at IS NULL ORDER BY id");
  if (entity == NUDGE_ENTITY_ACTIVITY)
    deals = nudge_import_load_names (store, "SELECT id, title FROM deal WHERE trashed_at IS NULL ORDER BY id");
  rows = (ImportRows) { store, matcher, companies, contacts, deals,
                        default_currency ? default_currency : "EUR", format != NULL, result };
  matcher->row_companies = companies;

  for (;;)
    {
      g_autoptr(GPtrArray) row = NULL;
      const char *values[N_FIELDS];
      guint line = 0;
      gint64 id = 0;
      gboolean followup = FALSE;
      GError *row_error = NULL;
      g_autoptr(GString) detail = NULL;
      g_autofree char *row_name = NULL;
      g_autofree char *message = NULL;
      guint n_errors = result->n_errors;

      if (!(row = csv_read_row (&reader, &line, &local_error)))
        break;
      n_rows++;
      if ((n_rows & 255) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            goto fail;
          if (reader.end > reader.p)
            nudge_import_report_progress (options, (double) (reader.p - text) / (double) (reader.end - text));
        }
      if (nudge_import_match_skips_line (matcher, line))
        continue;
      for (guint f = 0; f < N_FIELDS; f++)
        values[f] = "";
      g_ptr_array_set_size (extras.channels, 0);
      g_string_truncate (extras.work_address, 0);
      g_string_truncate (extras.home_address, 0);
      if (row->len > header->len && !dry_run)
        {
          g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                       g_dngettext (GETTEXT_PACKAGE, "Line %u has %u field; the header has %u",
                                    "Line %u has %u fields; the header has %u", row->len),
                       line, row->len, header->len);
          goto fail;
        }
      if (options != NULL && n_rows <= options->n_preview_rows)
        detail = g_string_new (NULL);
      for (guint c = 0; c < row->len && c < header->len; c++)
        {
          char *value = g_strstrip ((char *) g_ptr_array_index (row, c));

          /* Nudge's export puts an apostrophe before what a spreadsheet
           * would run as a formula ("'+420 601…"): the value is after it. */
          if (value[0] == '\'' && value[1] != '\0' && strchr ("=+-@", value[1]) != NULL)
            value++;
          Field target = columns[c].field;
          NudgeImportColumn *column = g_ptr_array_index (result->columns, c);

          if (*column->sample == '\0' && *value != '\0')
            {
              g_free (column->sample);
              column->sample = nudge_import_shorten (value);
            }
          if (target == FIELD_NONE || *value == '\0')
            continue;
          /* The name is the row's title already */
          if (detail != NULL && target != FIELD_NAME && target != FIELD_DISPLAY_NAME && target != FIELD_TITLE)
            {
              g_autofree char *shown = nudge_import_shorten (value);

              g_string_append_printf (detail, "%s%s: %s", detail->len > 0 ? " · " : "",
                                      nudge_import_field_label (nudge_import_field_key (target)), shown);
            }
          if (entity == NUDGE_ENTITY_CONTACT && (target == FIELD_EMAIL || target == FIELD_PHONE))
            {
              const char *label = columns[c].label;
              int label_column = columns[c].label_column;

              if (label_column >= 0 && (guint) label_column < row->len)
                label = g_strstrip ((char *) g_ptr_array_index (row, label_column));
              nudge_import_add_channels (extras.channels, target, label, value,
                                         format != NULL ? format->multi_separator : NULL);
            }
          else if (target == FIELD_WORK_ADDRESS)
            nudge_import_append_address (extras.work_address, value);
          else if (target == FIELD_HOME_ADDRESS)
            nudge_import_append_address (extras.home_address, value);
          else if (*values[target] == '\0')
            values[target] = value;
        }

      row_name = nudge_import_describe_row_name (values);
      if (!nudge_import_match_begin_row (matcher, error))
        goto fail;
      if (row->len > header->len)
        g_set_error (&row_error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                     g_dngettext (GETTEXT_PACKAGE, "%u field; the header has %u",
                                  "%u fields; the header has %u", row->len),
                     row->len, header->len);
      else if (entity != NUDGE_ENTITY_CONTACT && entity != NUDGE_ENTITY_ACTIVITY && *values[required] == '\0')
        g_set_error (&row_error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                     required == FIELD_TITLE ? _("The deal has no title") : _("The name is empty"));
      else if (entity == NUDGE_ENTITY_COMPANY)
        id = nudge_import_company_row (&rows, values, &row_error);
      else if (entity == NUDGE_ENTITY_CONTACT)
        id = nudge_import_contact_row (&rows, values, &extras, &row_error);
      else if (entity == NUDGE_ENTITY_ACTIVITY)
        id = nudge_import_activity_row (&rows, values, &followup, &row_error);
      else
        id = nudge_import_deal_row (&rows, values, &row_error);

      if (id <= 0 && row_error != NULL)
        {
          message = g_strdup (row_error->message);
          g_prefix_error (&row_error, _("Line %u: "), line);
        }
      if (id > 0 && nudge_import_match_row_state (matcher) == NUDGE_IMPORT_ROW_NEW)
        g_array_append_val (followup ? result->followup_ids : result->record_ids, id);
      if (!nudge_import_match_end_row (matcher, line, id, row_name, detail ? detail->str : NULL, &row_error, error))
        goto fail;
      /* A dry run's bad row, kept to be written out as the file has it */
      if (result->n_errors > n_errors)
        {
          g_ptr_array_add (result->error_records, g_strndup (reader.row_start, reader.row_end - reader.row_start));
          g_ptr_array_add (result->error_messages, message != NULL ? g_steal_pointer (&message) : g_strdup (""));
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      goto fail;
    }
  if (n_rows == 0)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("The file needs a header line naming the columns and at least one row"));
      goto fail;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      (!dry_run && result->followup_ids->len > 0 && !nudge_import_keep_followups (store, result, error)) ||
      !nudge_import_match_keep (matcher, store, result, error))
    goto fail;
  nudge_import_match_free (g_steal_pointer (&matcher));
  nudge_import_report_progress (options, 1.0);
  result->n_records = dry_run ? result->n_new : result->record_ids->len + result->followup_ids->len;
  return TRUE;

fail:
  nudge_import_match_abandon (matcher, store, result);
  g_ptr_array_set_size (result->created, 0);
  g_array_set_size (result->followup_ids, 0);
  g_clear_pointer (&result->followups_undo, nudge_followups_undo_free);
  return FALSE;
}

/* A matcher with the import's transaction begun; none for a dry run of
 * contacts or companies, which writes nothing. NULL when it cannot
 * begin. */
NudgeImportMatch *
nudge_import_match_start (NudgeStore               *store,
                          NudgeEntity               entity,
                          const NudgeImportOptions *options,
                          NudgeImportResult        *result,
                          GError                  **error)
{
  NudgeImportMatch *match = nudge_import_match_new (store, entity, options, result);

  if (!nudge_import_match_is_virtual (match) && !nudge_store_begin (store, error))
    {
      nudge_import_match_free (match);
      return NULL;
    }
  return match;
}

/* Once every row is read: commits them, or for a dry run keeps nothing
 * and forgets the new records' ids (they were only counted). */
gboolean
nudge_import_match_keep (NudgeImportMatch   *match,
                         NudgeStore         *store,
                         NudgeImportResult  *result,
                         GError            **error)
{
  /* A line to leave out that starts no row: the file is not the one
   * the dry run read. */
  if (match->skip_lines != NULL && result->n_skipped != match->skip_lines->len)
    return nudge_fail_invalid (error,
                               _("The file has changed since its rows were checked; nothing was imported. Check it again."));
  if (!nudge_import_match_is_dry_run (match))
    return nudge_store_commit_or_rollback (store, error);
  if (!nudge_import_match_is_virtual (match))
    nudge_store_rollback (store);
  g_array_set_size (result->record_ids, 0);
  g_array_set_size (result->company_ids, 0);
  g_array_set_size (result->followup_ids, 0);
  g_ptr_array_set_size (result->updated_deals, 0);
  g_ptr_array_set_size (result->updated_records, 0);
  return TRUE;
}

/* After an error: rolls back what the rows wrote and frees @match
 * (which may be NULL); the result lists no new record. */
void
nudge_import_match_abandon (NudgeImportMatch  *match,
                            NudgeStore        *store,
                            NudgeImportResult *result)
{
  if (match == NULL || !nudge_import_match_is_virtual (match))
    nudge_store_rollback (store);
  nudge_import_match_free (match);
  g_array_set_size (result->record_ids, 0);
  g_array_set_size (result->company_ids, 0);
  g_ptr_array_set_size (result->updated_deals, 0);
  g_ptr_array_set_size (result->updated_records, 0);
  result->n_companies_added = 0;
}

/* Reads @stream to its end, refusing it as soon as it passes the limit:
 * /dev/zero or an endless pipe stops at NUDGE_IMPORT_MAX_BYTES. */
static char *
read_bounded (GInputStream  *stream,
              gsize          size_hint,
              gsize         *length,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_sized_new (MIN (size_hint, NUDGE_IMPORT_MAX_BYTES) + 1);
  guint8 block[64 * 1024];

  for (;;)
    {
      gssize n = g_input_stream_read (stream, block, sizeof block, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (bytes->len + (gsize) n > NUDGE_IMPORT_MAX_BYTES)
        {
          set_too_large_error (error);
          return NULL;
        }
      g_byte_array_append (bytes, block, n);
    }
  *length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
}

/**
 * nudge_import_csv_file:
 * @file: a CSV file; also a FIFO or a device
 *
 * Reads @file in blocks and imports it as nudge_import_csv() does. A file
 * larger than NUDGE_IMPORT_MAX_BYTES is refused by its size when it has
 * one, else as soon as that much has been read; nothing is added.
 */
gboolean
nudge_import_csv_file (NudgeStore         *store,
                       NudgeEntity         entity,
                       GFile              *file,
                       const char         *default_currency,
                       GCancellable       *cancellable,
                       NudgeImportResult  *result,
                       GError            **error)
{
  return nudge_import_file_with_options (store, entity, file, default_currency, NULL,
                                         cancellable, result, error);
}

/**
 * nudge_import_file_with_options:
 *
 * nudge_import_csv_file() with a dry run, a mapping, preview rows and
 * progress (@options), as nudge_import_csv_with_options().
 */
gboolean
nudge_import_file_with_options (NudgeStore                *store,
                                NudgeEntity                entity,
                                GFile                     *file,
                                const char                *default_currency,
                                const NudgeImportOptions  *options,
                                GCancellable              *cancellable,
                                NudgeImportResult         *result,
                                GError                   **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *checksum = NULL;
  gsize size = 0;
  gsize length = 0;
  gboolean ok;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  memset (result, 0, sizeof *result);
  if (!(stream = g_file_read (file, cancellable, error)))
    return FALSE;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                         cancellable, NULL);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
    {
      size = g_file_info_get_size (info);
      if (size > NUDGE_IMPORT_MAX_BYTES)
        {
          set_too_large_error (error);
          return FALSE;
        }
    }
  if (!(contents = read_bounded (G_INPUT_STREAM (stream), size, &length, cancellable, error)))
    return FALSE;
  g_clear_object (&stream);
  checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  /* Saved again since the preview read it: its rows to leave out, and
   * what the preview said, may be of other rows now. */
  if (options != NULL && options->expected_checksum != NULL && g_strcmp0 (options->expected_checksum, checksum) != 0)
    {
      g_set_error_literal (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CHANGED,
                           _("The file was changed after it was checked, so nothing was imported. "
                             "Import it again to see what it holds now."));
      return FALSE;
    }
  ok = nudge_import_csv_with_options (store, entity, contents, length, default_currency, options,
                                      cancellable, result, error);
  result->checksum = g_steal_pointer (&checksum);
  return ok;
}
