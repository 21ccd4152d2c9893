/* nudge-import.c — companies, contacts and deals from a CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A spreadsheet exported from another CRM, from Excel (which writes ";"
 * in Czech and Polish, in the Windows code page unless told "CSV UTF-8")
 * or from Nudge's own List view: the header names
 * the columns, in English or in the user's language, in any order. The
 * whole file is one transaction: a bad row stops the import with its
 * line number and nothing of the file is kept.
 */

#define G_LOG_DOMAIN "nudge-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "nudge-format.h"
#include "nudge-import.h"
#include "nudge-records.h"
#include "nudge-store-private.h"


typedef enum
{
  FIELD_NONE,
  FIELD_NAME,
  FIELD_TITLE,
  FIELD_EMAIL,
  FIELD_PHONE,
  FIELD_JOB_TITLE,
  FIELD_COMPANY,
  FIELD_CONTACT,
  FIELD_SOURCE,
  FIELD_TAGS,
  FIELD_NOTES,
  FIELD_INDUSTRY,
  FIELD_WEBSITE,
  FIELD_AMOUNT,
  FIELD_CURRENCY,
  FIELD_STAGE,
  FIELD_EXPECTED_CLOSE,
  FIELD_PRODUCT,
  N_FIELDS
} Field;

/* A column is recognised by its English names (lower case, "|" between
 * them) or by the title Nudge itself gives it, in the user's language. */
typedef struct
{
  Field       field;
  const char *title;
  const char *aliases;
} FieldName;

static const FieldName company_fields[] = {
  { FIELD_NAME, N_("Name"), "name|company|company name|organisation|organization|account" },
  { FIELD_INDUSTRY, N_("Industry"), "industry|sector" },
  { FIELD_WEBSITE, N_("Website"), "website|web|web site|url|www" },
  { FIELD_PHONE, N_("Phone"), "phone|telephone|tel|phone number" },
  { FIELD_EMAIL, N_("E-mail"), "email|e-mail|email address|mail" },
  { FIELD_NOTES, N_("Notes"), "notes|note|comments|comment|description" },
  { FIELD_NONE, NULL, NULL }
};

static const FieldName contact_fields[] = {
  { FIELD_NAME, N_("Name"), "name|full name|contact|contact name|person" },
  { FIELD_EMAIL, N_("E-mail"), "email|e-mail|email address|mail" },
  { FIELD_PHONE, N_("Phone"), "phone|telephone|tel|mobile|phone number" },
  { FIELD_JOB_TITLE, N_("Job title"), "title|job title|role|position" },
  { FIELD_COMPANY, N_("Company"), "company|company name|organisation|organization|account" },
  { FIELD_SOURCE, N_("Lead source"), "source|lead source" },
  { FIELD_TAGS, N_("Tags"), "tags|labels" },
  { FIELD_NOTES, N_("Notes"), "notes|note|comments|comment" },
  { FIELD_NONE, NULL, NULL }
};

static const FieldName deal_fields[] = {
  { FIELD_TITLE, N_("Deal"), "deal|title|deal name|name|opportunity" },
  { FIELD_COMPANY, N_("Company"), "company|organisation|organization|account" },
  { FIELD_CONTACT, N_("Contact"), "contact|contact name|person" },
  { FIELD_AMOUNT, N_("Amount"), "amount|value|deal value" },
  { FIELD_CURRENCY, N_("Currency"), "currency" },
  { FIELD_STAGE, N_("Stage"), "stage|pipeline stage" },
  { FIELD_EXPECTED_CLOSE, N_("Expected Close"), "expected close|expected close date|close date|expected_close" },
  { FIELD_PRODUCT, N_("Product"), "product" },
  { FIELD_NOTES, N_("Notes"), "notes|note|comments|comment" },
  { FIELD_NONE, NULL, NULL }
};

/* Reads the rows of a CSV text one at a time: a big file is never held
 * as rows and fields all at once. */
typedef struct
{
  const char *p;
  const char *end;
  char        separator;
  guint       line;      /* the line @p is on */
  GString    *field;
} CsvReader;

/* Lower case letters and digits only: "E-mail" and "email", "Expected
 * Close" and "expected_close" are the same column. */
static char *
normalize_header (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static const FieldName *
match_header (const FieldName *fields,
              const char      *header)
{
  g_autofree char *wanted = NULL;

  /* No column name is that long: a file that never breaks its first
   * line is not folded character by character. */
  if (strnlen (header, 257) > 256)
    return NULL;
  wanted = normalize_header (header);
  if (*wanted == '\0')
    return NULL;
  for (const FieldName *f = fields; f->title != NULL; f++)
    {
      g_auto(GStrv) aliases = g_strsplit (f->aliases, "|", -1);
      g_autofree char *title = normalize_header (g_dgettext (GETTEXT_PACKAGE, f->title));

      if (g_str_equal (wanted, title))
        return f;
      for (guint i = 0; aliases[i] != NULL; i++)
        {
          g_autofree char *alias = normalize_header (aliases[i]);

          if (g_str_equal (wanted, alias))
            return f;
        }
    }
  return NULL;
}

/* The separator is whichever of , ; and tab the header line uses most. */
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
  if (semicolons > commas && semicolons >= tabs)
    return ';';
  if (tabs > commas && tabs > semicolons)
    return '\t';
  return ',';
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

/* A blank line is no row. */
static gboolean
is_blank_row (GPtrArray *fields)
{
  return fields->len == 1 && *(char *) g_ptr_array_index (fields, 0) == '\0';
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
          if (c == '\r' && p + 1 < end && p[1] == '\n')
            p++;
          p++;
          reader->line++;
          if (is_blank_row (fields))
            {
              g_clear_pointer (&fields, g_ptr_array_unref);
              row_line = reader->line;
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

/* A value quoted in a message: long ones are cut, so a 10 MB field makes
 * a one-line message. */
static char *
shorten (const char *text)
{
  g_autofree char *start = NULL;

  /* 400 bytes hold at least 100 characters */
  if (g_utf8_strlen (text, 400) <= 80)
    return g_strdup (text);
  start = g_utf8_substring (text, 0, 79);
  return g_strconcat (start, "…", NULL);
}

/* Names to ids, case-insensitive, read once: looking each row's company
 * up in SQL would scan the table for every row of a big file. */
static GHashTable *
load_names (NudgeStore  *store,
            const char  *sql)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (store, sql, NULL)))
    return names;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char *key = g_utf8_casefold ((const char *) sqlite3_column_text (stmt, 1), -1);
      gint64 id = sqlite3_column_int64 (stmt, 0);

      /* The oldest record of a name wins. */
      if (!g_hash_table_contains (names, key))
        g_hash_table_insert (names, key, g_memdup2 (&id, sizeof id));
      else
        g_free (key);
    }
  sqlite3_reset (stmt);
  return names;
}

static gint64
lookup_name (GHashTable *names,
             const char *name)
{
  g_autofree char *key = g_utf8_casefold (name, -1);
  gint64 *id = g_hash_table_lookup (names, key);

  return id ? *id : 0;
}

static gboolean
ensure_company (NudgeStore         *store,
                GHashTable         *companies,
                const char         *name,
                NudgeImportResult  *result,
                gint64             *out_id,
                GError            **error)
{
  g_autoptr(NudgeCompany) company = NULL;
  gint64 id;

  *out_id = 0;
  if (*name == '\0')
    return TRUE;
  if ((*out_id = lookup_name (companies, name)) > 0)
    return TRUE;

  company = nudge_company_new ();
  g_object_set (company, "name", name, NULL);
  if (!(id = nudge_store_save_company (store, company, error)))
    return FALSE;
  g_array_append_val (result->company_ids, id);
  result->n_companies_added++;
  g_hash_table_insert (companies, g_utf8_casefold (name, -1), g_memdup2 (&id, sizeof id));
  *out_id = id;
  return TRUE;
}

/* "12 500,00 Kč", "€1,200.00", "1250": the number, and the currency its
 * symbol or code names, if any. */
static gboolean
parse_amount (const char  *text,
              const char  *currency,
              const char  *default_currency,
              char       **out_currency,
              gint64      *out_minor,
              GError     **error)
{
  static const char *known[] = { "CZK", "PLN", "UAH", "EUR", "USD", "GBP", "CHF", "HUF", "RON", NULL };
  g_autoptr(GString) number = g_string_new (NULL);
  const char *found = NULL;

  for (guint i = 0; known[i] != NULL && found == NULL; i++)
    if (strstr (text, known[i]) != NULL || strstr (text, nudge_currency_symbol (known[i])) != NULL)
      found = known[i];

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_ascii_isdigit (c) || c == '.' || c == ',' || c == ' ' || c == '\'' || c == 0x00a0 || c == 0x202f)
        g_string_append_unichar (number, c);
    }
  g_strstrip (number->str);

  if (*currency == '\0')
    currency = found != NULL ? found : default_currency;
  if (!nudge_parse_money (number->str, currency, out_minor, error))
    return FALSE;
  *out_currency = g_strdup (currency);
  return TRUE;
}

/* ISO dates as they are; otherwise the user's own short date format
 * (what the List view exports), e.g. 22.11.2026 or 11/22/26. */
static char *
parse_date (const char  *text,
            GError     **error)
{
  GDate date;
  int y, m, d;
  char rest;

  g_date_clear (&date, 1);
  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &rest) == 3 && g_date_valid_dmy (d, m, y))
    g_date_set_dmy (&date, d, m, y);
  else
    g_date_set_parse (&date, text);

  if (!g_date_valid (&date))
    {
      g_autofree char *shown = shorten (text);

      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("“%s” is not a date"), shown);
      return NULL;
    }
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

static gint64
import_company (NudgeStore         *store,
                const char * const *v,
                GError            **error)
{
  g_autoptr(NudgeCompany) company = nudge_company_new ();

  g_object_set (company, "name", v[FIELD_NAME], "industry", v[FIELD_INDUSTRY],
                "website", v[FIELD_WEBSITE], "phone", v[FIELD_PHONE], "email", v[FIELD_EMAIL],
                "notes", v[FIELD_NOTES], NULL);
  return nudge_store_save_company (store, company, error);
}

static gint64
import_contact (NudgeStore         *store,
                GHashTable         *companies,
                const char * const *v,
                NudgeImportResult  *result,
                GError            **error)
{
  g_autoptr(NudgeContact) contact = nudge_contact_new ();
  gint64 company_id;

  if (!ensure_company (store, companies, v[FIELD_COMPANY], result, &company_id, error))
    return 0;
  g_object_set (contact, "name", v[FIELD_NAME], "company-id", company_id,
                "email", v[FIELD_EMAIL], "phone", v[FIELD_PHONE], "title", v[FIELD_JOB_TITLE],
                "source", v[FIELD_SOURCE], "tags", v[FIELD_TAGS], "notes", v[FIELD_NOTES], NULL);
  return nudge_store_save_contact (store, contact, error);
}

static gint64
import_deal (NudgeStore         *store,
             GHashTable         *companies,
             GHashTable         *contacts,
             const char * const *v,
             const char         *default_currency,
             NudgeImportResult  *result,
             GError            **error)
{
  g_autoptr(NudgeDeal) deal = nudge_deal_new ();
  g_autofree char *currency = NULL;
  g_autofree char *expected = NULL;
  gint64 company_id, contact_id = 0, amount_minor = 0;

  if (!ensure_company (store, companies, v[FIELD_COMPANY], result, &company_id, error))
    return 0;
  if (*v[FIELD_CONTACT] != '\0' && !(contact_id = lookup_name (contacts, v[FIELD_CONTACT])))
    {
      g_autofree char *shown = shorten (v[FIELD_CONTACT]);

      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND,
                   _("There is no contact “%s”; import the contacts first"), shown);
      return 0;
    }
  if (*v[FIELD_AMOUNT] != '\0')
    {
      if (!parse_amount (v[FIELD_AMOUNT], v[FIELD_CURRENCY], default_currency, &currency, &amount_minor, error))
        return 0;
      g_object_set (deal, "has-amount", TRUE, "amount-minor", amount_minor, NULL);
    }
  if (currency == NULL)
    currency = g_strdup (*v[FIELD_CURRENCY] != '\0' ? v[FIELD_CURRENCY] : default_currency);
  if (*v[FIELD_EXPECTED_CLOSE] != '\0' && !(expected = parse_date (v[FIELD_EXPECTED_CLOSE], error)))
    return 0;
  if (*v[FIELD_STAGE] != '\0')
    {
      g_autoptr(NudgeStage) stage = nudge_store_find_stage (store, 0, v[FIELD_STAGE], error);

      if (stage == NULL)
        return 0;
      g_object_set (deal, "stage-id", nudge_stage_get_id (stage), NULL);
    }
  g_object_set (deal, "title", v[FIELD_TITLE], "company-id", company_id, "contact-id", contact_id,
                "currency", currency, "product", v[FIELD_PRODUCT], "expected-close", expected,
                "notes", v[FIELD_NOTES], NULL);
  return nudge_store_save_deal (store, deal, error);
}

/* Excel saves "CSV" in the Windows code page of the system's language:
 * Windows-1250 in Czech and Polish, Windows-1251 in Ukrainian. A file
 * that is not UTF-8 is read in the one that fits the user's language. */
static const char *
legacy_encoding (void)
{
  static const struct { const char *language; const char *encoding; } code_pages[] = {
    { "cs", "WINDOWS-1250" }, { "pl", "WINDOWS-1250" }, { "sk", "WINDOWS-1250" },
    { "hu", "WINDOWS-1250" }, { "sl", "WINDOWS-1250" }, { "hr", "WINDOWS-1250" },
    { "ro", "WINDOWS-1250" }, { "uk", "WINDOWS-1251" }, { "ru", "WINDOWS-1251" },
    { "bg", "WINDOWS-1251" }, { "be", "WINDOWS-1251" }, { "sr", "WINDOWS-1251" },
  };
  const char * const *languages = g_get_language_names ();

  for (guint l = 0; languages[l] != NULL; l++)
    for (guint i = 0; i < G_N_ELEMENTS (code_pages); i++)
      if (g_str_has_prefix (languages[l], code_pages[i].language) &&
          (languages[l][2] == '\0' || languages[l][2] == '_' || languages[l][2] == '.' || languages[l][2] == '@'))
        return code_pages[i].encoding;
  return "WINDOWS-1252";
}

/* A file that is not UTF-8 throughout is taken for the Windows code page
 * only when it holds no valid multi-byte UTF-8 sequence at all: a file
 * with both (two exports pasted together) would come out garbled either
 * way, so it is refused, naming the line where the trouble starts. */
static gboolean
has_multibyte_utf8 (const char *text,
                    gsize       length)
{
  const char *p = text;
  const char *end = text + length;

  while (p < end)
    {
      const char *bad = NULL;

      if ((guchar) *p < 0x80)
        {
          p++;
          continue;
        }
      if (g_utf8_validate_len (p, MIN ((gsize) (end - p), 4), &bad) || bad > p)
        return TRUE;
      p++;
    }
  return FALSE;
}

static guint
line_at (const char *text,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (text[i] == '\n')
      line++;
  return line;
}

static void
set_too_large_error (GError **error)
{
  g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_TOO_LONG,
               /* Translators: the limit, e.g. "64 MB" */
               _("The file is larger than %s; nothing was imported"), "64 MB");
}

void
nudge_import_result_clear (NudgeImportResult *result)
{
  g_return_if_fail (result != NULL);

  g_clear_pointer (&result->record_ids, g_array_unref);
  g_clear_pointer (&result->company_ids, g_array_unref);
  g_clear_pointer (&result->ignored_columns, g_ptr_array_unref);
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
  return nudge_import_csv_full (store, entity, text, length, default_currency, NULL, NULL, NULL, result, error);
}

/**
 * nudge_import_csv_full:
 * @progress: (nullable): told the share of the file done, now and then,
 *   on the calling thread
 * @cancellable: (nullable): cancelling stops the import; nothing is kept
 *
 * As nudge_import_csv(), for a worker thread that shows progress.
 */
gboolean
nudge_import_csv_full (NudgeStore             *store,
                       NudgeEntity             entity,
                       const char             *text,
                       gsize                   length,
                       const char             *default_currency,
                       NudgeImportProgressFunc progress,
                       gpointer                progress_data,
                       GCancellable           *cancellable,
                       NudgeImportResult      *result,
                       GError                **error)
{
  const FieldName *fields;
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GString) field = g_string_new (NULL);
  g_autofree Field *columns = NULL;
  g_autoptr(GHashTable) companies = NULL;
  g_autoptr(GHashTable) contacts = NULL;
  g_autofree char *converted = NULL;
  gsize converted_length = 0;
  const char *invalid = NULL;
  GError *local_error = NULL;
  CsvReader reader = { 0 };
  guint header_line = 0;
  guint n_rows = 0;
  Field required;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  memset (result, 0, sizeof *result);
  result->record_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  result->company_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  result->ignored_columns = g_ptr_array_new_with_free_func (g_free);

  switch (entity)
    {
    case NUDGE_ENTITY_COMPANY: fields = company_fields; required = FIELD_NAME; break;
    case NUDGE_ENTITY_CONTACT: fields = contact_fields; required = FIELD_NAME; break;
    case NUDGE_ENTITY_DEAL: fields = deal_fields; required = FIELD_TITLE; break;
    default:
      g_return_val_if_reached (FALSE);
    }

  if (length > NUDGE_IMPORT_MAX_BYTES)
    {
      set_too_large_error (error);
      return FALSE;
    }
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }
  if (!g_utf8_validate_len (text, length, &invalid))
    {
      const char *encoding = legacy_encoding ();
      gsize bytes_read = 0;

      if (has_multibyte_utf8 (text, length))
        {
          g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                       _("Line %u is not UTF-8 text while the rest of the file is; save the file as “CSV UTF-8” and import it again"),
                       line_at (text, invalid - text));
          return FALSE;
        }
      converted = g_convert (text, length, "UTF-8", encoding, &bytes_read, &converted_length, NULL);
      if (converted == NULL || !g_utf8_validate_len (converted, converted_length, NULL))
        {
          g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                       /* Translators: %s is the number of a Windows code page, e.g. "1250" */
                       _("Line %u is neither UTF-8 nor Windows-%s text; save the file as “CSV UTF-8” and import it again"),
                       line_at (text, converted == NULL ? bytes_read : (gsize) (invalid - text)),
                       encoding + strlen ("WINDOWS-"));
          return FALSE;
        }
      result->converted_from = encoding;
      text = converted;
      length = converted_length;
    }

  reader.p = text;
  reader.end = text + length;
  reader.separator = guess_separator (text, length);
  reader.line = 1;
  reader.field = field;
  if (!(header = csv_read_row (&reader, &header_line, error)))
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                     _("The file needs a header line naming the columns and at least one row"));
      return FALSE;
    }

  columns = g_new0 (Field, header->len);
  {
    gboolean has_required = FALSE;

    for (guint c = 0; c < header->len; c++)
      {
        const char *name = g_ptr_array_index (header, c);
        const FieldName *match = match_header (fields, name);

        columns[c] = match ? match->field : FIELD_NONE;
        if (match == NULL && *name != '\0')
          g_ptr_array_add (result->ignored_columns, shorten (name));
        has_required |= columns[c] == required;
      }
    if (!has_required)
      {
        const char *title = NULL;

        for (const FieldName *f = fields; f->title != NULL; f++)
          if (f->field == required)
            title = g_dgettext (GETTEXT_PACKAGE, f->title);
        g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                     _("The file has no “%s” column"), title);
        return FALSE;
      }
  }

  if (!nudge_store_begin (store, error))
    return FALSE;
  companies = load_names (store, "SELECT id, name FROM company WHERE trashed_at IS NULL ORDER BY id");
  if (entity == NUDGE_ENTITY_DEAL)
    contacts = load_names (store, "SELECT id, name FROM contact WHERE trashed_at IS NULL ORDER BY id");

  for (;;)
    {
      g_autoptr(GPtrArray) row = NULL;
      const char *values[N_FIELDS];
      guint line = 0;
      gint64 id = 0;

      if (!(row = csv_read_row (&reader, &line, &local_error)))
        break;
      n_rows++;
      if ((n_rows & 255) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            goto fail;
          if (progress != NULL && reader.end > reader.p)
            progress ((double) (reader.p - text) / (double) (reader.end - text), progress_data);
        }
      for (guint f = 0; f < N_FIELDS; f++)
        values[f] = "";
      if (row->len > header->len)
        {
          g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                       g_dngettext (GETTEXT_PACKAGE, "Line %u has %u field; the header has %u",
                                    "Line %u has %u fields; the header has %u", row->len),
                       line, row->len, header->len);
          goto fail;
        }
      for (guint c = 0; c < row->len; c++)
        if (columns[c] != FIELD_NONE)
          values[columns[c]] = g_strstrip ((char *) g_ptr_array_index (row, c));

      if (*values[required] == '\0')
        g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                     required == FIELD_TITLE ? _("The deal has no title") : _("The name is empty"));
      else if (entity == NUDGE_ENTITY_COMPANY)
        id = import_company (store, values, error);
      else if (entity == NUDGE_ENTITY_CONTACT)
        id = import_contact (store, companies, values, result, error);
      else
        id = import_deal (store, companies, contacts, values, default_currency ? default_currency : "EUR",
                          result, error);

      if (id <= 0)
        {
          if (error != NULL && *error != NULL)
            g_prefix_error (error, _("Line %u: "), line);
          goto fail;
        }
      g_array_append_val (result->record_ids, id);
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
      !nudge_store_commit (store, error))
    goto fail;
  if (progress != NULL)
    progress (1.0, progress_data);
  result->n_records = result->record_ids->len;
  return TRUE;

fail:
  nudge_store_rollback (store);
  g_array_set_size (result->record_ids, 0);
  g_array_set_size (result->company_ids, 0);
  result->n_companies_added = 0;
  return FALSE;
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
  return nudge_import_csv_file_full (store, entity, file, default_currency, NULL, NULL,
                                     cancellable, result, error);
}

gboolean
nudge_import_csv_file_full (NudgeStore             *store,
                            NudgeEntity             entity,
                            GFile                  *file,
                            const char             *default_currency,
                            NudgeImportProgressFunc progress,
                            gpointer                progress_data,
                            GCancellable           *cancellable,
                            NudgeImportResult      *result,
                            GError                **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *contents = NULL;
  gsize size = 0;
  gsize length = 0;

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
  return nudge_import_csv_full (store, entity, contents, length, default_currency,
                                progress, progress_data, cancellable, result, error);
}
