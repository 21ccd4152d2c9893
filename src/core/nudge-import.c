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
#include <stdlib.h>
#include <string.h>

#include "nudge-clock.h"
#include "nudge-format.h"
#include "nudge-import.h"
#include "nudge-import-private.h"
#include "nudge-pipeline.h"
#include "nudge-records.h"
#include "nudge-store-private.h"


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

/* What one header column brings */
typedef struct
{
  Field       field;
  const char *label;
  int         label_column;  /* the column naming this value's type, or -1 */
} Column;

/* The timeline: calls, meetings and notes; one not yet done is a
 * follow-up. */
static const FieldName activity_fields[] = {
  { FIELD_TITLE, N_("Subject"), "subject|summary|title" },
  { FIELD_NOTES, N_("Notes"), "notes|note|content|body|description" },
  { FIELD_KIND, N_("Type"), "type|kind|activity type" },
  { FIELD_DATE, N_("Date"), "date|when|occurred at|due date" },
  { FIELD_TIME, N_("Time"), "time|due time" },
  { FIELD_DEAL, N_("Deal"), "deal|deal title" },
  { FIELD_CONTACT, N_("Contact"), "contact|contact name|person" },
  { FIELD_COMPANY, N_("Company"), "company|organisation|organization|account" },
  { FIELD_DONE, N_("Done"), "done|status" },
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

static const FieldName *
match_header (const FieldName *fields,
              const char      *header)
{
  g_autofree char *wanted = NULL;

  /* No column name is that long: a file that never breaks its first
   * line is not folded character by character. */
  if (strnlen (header, 257) > 256)
    return NULL;
  wanted = nudge_import_normalize_header (header);
  if (*wanted == '\0')
    return NULL;
  for (const FieldName *f = fields; f->title != NULL; f++)
    {
      g_auto(GStrv) aliases = g_strsplit (f->aliases, "|", -1);
      g_autofree char *title = nudge_import_normalize_header (g_dgettext (GETTEXT_PACKAGE, f->title));

      if (g_str_equal (wanted, title))
        return f;
      for (guint i = 0; aliases[i] != NULL; i++)
        {
          g_autofree char *alias = nudge_import_normalize_header (aliases[i]);

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
  int y, m, d, n;
  char rest;

  g_date_clear (&date, 1);
  n = sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &rest);
  if ((n == 3 || (n == 4 && (rest == ' ' || rest == 'T'))) && g_date_valid_dmy (d, m, y))
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

/* One e-mail address or phone number of a contact */
typedef struct
{
  Field  kind;
  char  *label;
  char  *value;
  int    rank;    /* the lowest becomes the contact's primary one */
} Channel;

static void
channel_free (gpointer data)
{
  Channel *channel = data;

  g_free (channel->label);
  g_free (channel->value);
  g_free (channel);
}

/* What a contact row brings beyond the contact's own fields */
typedef struct
{
  GPtrArray *channels;      /* Channel */
  GString   *work_address;
  GString   *home_address;
} ContactExtras;

/* "* Work", "Mobile", "cell": the label Nudge shows; a starred (Google)
 * or work value comes first as the primary one. */
static char *
channel_label (const char *text,
               int        *rank)
{
  g_autofree char *folded = NULL;
  gboolean starred = FALSE;

  while (*text == '*' || *text == ' ')
    {
      starred |= *text == '*';
      text++;
    }
  folded = g_utf8_casefold (text, -1);
  g_strstrip (folded);
  if (g_str_equal (folded, "work") || g_str_equal (folded, "business"))
    *rank = 0;
  else if (g_str_equal (folded, "mobile") || g_str_equal (folded, "cell"))
    {
      *rank = 1;
      g_free (folded);
      folded = g_strdup ("mobile");
    }
  else if (g_str_equal (folded, "home"))
    *rank = 3;
  else
    *rank = 2;
  if (g_str_equal (folded, "business"))
    {
      g_free (folded);
      folded = g_strdup ("work");
    }
  if (starred)
    *rank = -1;
  return g_steal_pointer (&folded);
}

static void
add_channels (GPtrArray  *channels,
              Field       kind,
              const char *label,
              const char *value,
              const char *separator)
{
  g_auto(GStrv) parts = NULL;
  int rank = 2;
  g_autofree char *shown_label = label != NULL ? channel_label (label, &rank) : g_strdup ("");

  if (separator != NULL)
    parts = g_strsplit (value, separator, -1);
  else
    parts = g_strsplit (value, "\n", 1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      Channel *channel;

      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      channel = g_new0 (Channel, 1);
      channel->kind = kind;
      channel->label = g_strdup (shown_label);
      channel->value = g_strdup (parts[i]);
      /* A second value of the same cell is not the primary one. */
      channel->rank = i == 0 ? rank : MAX (rank, 2);
      g_ptr_array_add (channels, channel);
    }
}

/* Address parts, or a formatted address on several lines, on one line */
static void
append_address (GString    *address,
                const char *part)
{
  g_auto(GStrv) lines = g_strsplit_set (part, "\r\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] == '\0')
        continue;
      if (address->len > 0)
        g_string_append (address, ", ");
      g_string_append (address, lines[i]);
    }
}

static const Channel *
primary_channel (GPtrArray *channels,
                 Field      kind)
{
  const Channel *best = NULL;

  for (guint i = 0; i < channels->len; i++)
    {
      const Channel *channel = g_ptr_array_index (channels, i);

      if (channel->kind == kind && (best == NULL || channel->rank < best->rank))
        best = channel;
    }
  return best;
}

/* The name shown: the display name, the full name, or the parts */
static char *
compose_name (const char * const *v)
{
  g_autoptr(GString) name = NULL;
  const Field parts[] = { FIELD_FIRST_NAME, FIELD_MIDDLE_NAME, FIELD_LAST_NAME };

  if (*v[FIELD_DISPLAY_NAME] != '\0')
    return g_strdup (v[FIELD_DISPLAY_NAME]);
  if (*v[FIELD_NAME] != '\0')
    return g_strdup (v[FIELD_NAME]);
  name = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (*v[parts[i]] != '\0')
      g_string_append_printf (name, "%s%s", name->len > 0 ? " " : "", v[parts[i]]);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* A birthday as an ISO date, or "--MM-DD" without the year. Outlook
 * writes "0.0.00" for none; a date in no known form is kept as written
 * rather than lost. */
static char *
compose_birthday (const char * const *v)
{
  int y = 0, m = 0, d = 0;
  const char *text = v[FIELD_BIRTHDAY];

  if (*v[FIELD_BIRTH_MONTH] != '\0' && *v[FIELD_BIRTH_DAY] != '\0')
    {
      y = atoi (v[FIELD_BIRTH_YEAR]);
      m = atoi (v[FIELD_BIRTH_MONTH]);
      d = atoi (v[FIELD_BIRTH_DAY]);
      if (m < 1 || m > 12 || d < 1 || d > 31)
        return g_strdup ("");
      if (y > 0)
        return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
      return g_strdup_printf ("--%02d-%02d", m, d);
    }
  if (*text == '\0' || strspn (text, "0./- ") == strlen (text) ||
      g_str_equal (text, "1/0/00") || g_str_equal (text, "0/0/00"))
    return g_strdup ("");
  if (sscanf (text, "--%2d-%2d", &m, &d) == 2 && m >= 1 && m <= 12 && d >= 1 && d <= 31)
    return g_strdup_printf ("--%02d-%02d", m, d);
  {
    g_autofree char *iso = parse_date (text, NULL);

    return iso != NULL ? g_steal_pointer (&iso) : g_strndup (text, 40);
  }
}

/* LinkedIn's "14 Nov 2023", or a date in any form parse_date() knows,
 * as noon of that day in the user's zone. */
static gint64
parse_day (const char  *text,
           GError     **error)
{
  static const char *months[] = { "jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec" };
  g_autoptr(GDateTime) noon = NULL;
  char month[4] = { 0 };
  int y = 0, m = 0, d = 0;

  if (sscanf (text, "%2d %3s %4d", &d, month, &y) == 3)
    for (guint i = 0; i < G_N_ELEMENTS (months); i++)
      if (g_ascii_strcasecmp (month, months[i]) == 0)
        m = i + 1;
  if (m == 0)
    {
      g_autofree char *iso = parse_date (text, error);

      if (iso == NULL || sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3)
        return 0;
    }
  if (!g_date_valid_dmy (d, m, y) ||
      !(noon = g_date_time_new_local (y, m, d, 12, 0, 0)))
    {
      g_autofree char *shown = shorten (text);

      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("“%s” is not a date"), shown);
      return 0;
    }
  return g_date_time_to_unix (noon);
}

static gboolean
check_channel (const Channel  *channel,
               GError        **error)
{
  g_autofree char *shown = shorten (channel->value);

  if (channel->kind == FIELD_EMAIL)
    {
      const char *at = strchr (channel->value, '@');

      if (g_utf8_strlen (channel->value, -1) > NUDGE_MAX_EMAIL_CHARS || at == NULL ||
          at == channel->value || strchr (at + 1, '.') == NULL ||
          strchr (channel->value, ' ') != NULL || strchr (at + 1, '@') != NULL)
        {
          g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                       _("“%s” is not an e-mail address"), shown);
          return FALSE;
        }
      return TRUE;
    }
  if (g_utf8_strlen (channel->value, -1) > NUDGE_MAX_PHONE_CHARS ||
      strspn (channel->value, "0123456789 +-()./") != strlen (channel->value))
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("“%s” is not a phone number (digits, spaces and + - ( ) only)"), shown);
      return FALSE;
    }
  return TRUE;
}

static gboolean
save_contact_extras (NudgeStore          *store,
                     gint64               contact_id,
                     const char * const  *v,
                     ContactExtras       *extras,
                     GError             **error)
{
  static const char update_sql[] =
    "UPDATE contact SET birthday = ?2, address = ?3, website = ?4 WHERE id = ?1";
  static const char channel_sql[] =
    "INSERT INTO contact_channel (contact_id, kind, label, value, position) VALUES (?1, ?2, ?3, ?4, ?5)";
  g_autofree char *birthday = compose_birthday (v);
  const char *address = extras->work_address->len > 0 ? extras->work_address->str : extras->home_address->str;
  sqlite3_stmt *stmt;

  if (!nudge_check_text (_("Address"), address, NUDGE_MAX_SHORT_CHARS, FALSE, error) ||
      !nudge_check_text (_("Website"), v[FIELD_WEBSITE], NUDGE_MAX_URL_CHARS, FALSE, error))
    return FALSE;
  if (*birthday != '\0' || *address != '\0' || *v[FIELD_WEBSITE] != '\0')
    {
      if (!(stmt = nudge_store_prepare (store, update_sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, contact_id);
      nudge_sql_bind_text (stmt, 2, birthday);
      nudge_sql_bind_text (stmt, 3, address);
      nudge_sql_bind_text (stmt, 4, v[FIELD_WEBSITE]);
      if (!nudge_store_step_done (store, stmt, error))
        return FALSE;
    }
  for (guint i = 0; i < extras->channels->len; i++)
    {
      const Channel *channel = g_ptr_array_index (extras->channels, i);

      if (!(stmt = nudge_store_prepare (store, channel_sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, contact_id);
      nudge_sql_bind_text (stmt, 2, channel->kind == FIELD_EMAIL ? "email" : "phone");
      nudge_sql_bind_text (stmt, 3, channel->label);
      nudge_sql_bind_text (stmt, 4, channel->value);
      sqlite3_bind_int (stmt, 5, i);
      if (!nudge_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gint64
import_contact (NudgeStore         *store,
                GHashTable         *companies,
                const char * const *v,
                ContactExtras      *extras,
                gboolean            known_format,
                NudgeImportResult  *result,
                GError            **error)
{
  g_autoptr(NudgeContact) contact = nudge_contact_new ();
  g_autofree char *name = compose_name (v);
  const Channel *email = primary_channel (extras->channels, FIELD_EMAIL);
  const Channel *phone = primary_channel (extras->channels, FIELD_PHONE);
  gint64 company_id, id, connected_on = 0;

  if (*name == '\0')
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID, _("The name is empty"));
      return 0;
    }
  for (guint i = 0; i < extras->channels->len; i++)
    if (!check_channel (g_ptr_array_index (extras->channels, i), error))
      return 0;
  if (*v[FIELD_CONNECTED_ON] != '\0' && !(connected_on = parse_day (v[FIELD_CONNECTED_ON], error)))
    return 0;
  if (!ensure_company (store, companies, v[FIELD_COMPANY], result, &company_id, error))
    return 0;
  g_object_set (contact, "name", name, "company-id", company_id,
                "email", email ? email->value : "", "phone", phone ? phone->value : "",
                "title", v[FIELD_JOB_TITLE], "source", v[FIELD_SOURCE], "tags", v[FIELD_TAGS],
                "notes", v[FIELD_NOTES], NULL);
  if (!(id = nudge_store_save_contact (store, contact, error)))
    return 0;
  /* A plain spreadsheet has one e-mail and one phone column: the
   * contact's own are all there is, and a big file is not slowed by a
   * second row (and a search update) per value. */
  if (!known_format)
    g_ptr_array_set_size (extras->channels, 0);
  if (!save_contact_extras (store, id, v, extras, error))
    return 0;

  /* The day a LinkedIn connection was made is the first interaction. */
  if (connected_on != 0)
    {
      g_autoptr(NudgeActivity) activity = nudge_activity_new ();

      g_object_set (activity, "kind", "note", "direction", NUDGE_DIRECTION_OUT,
                    "occurred-at", connected_on, "contact-id", id, "company-id", company_id,
                    "summary", _("Connected on LinkedIn"), "origin", "import", NULL);
      if (!nudge_store_add_activity (store, activity, error))
        return 0;
    }
  return id;
}

/* Pipedrive writes "won", "lost", "open"; HubSpot has "Closed won" and
 * "Closed lost" stages. */
static gboolean
parse_status (const char       *status,
              const char       *stage,
              NudgeDealStatus  *out,
              GError          **error)
{
  g_autofree char *wanted = nudge_import_normalize_header (status);
  g_autofree char *stage_key = nudge_import_normalize_header (stage);

  *out = NUDGE_DEAL_OPEN;
  if (g_str_equal (stage_key, "closedwon"))
    *out = NUDGE_DEAL_WON;
  else if (g_str_equal (stage_key, "closedlost"))
    *out = NUDGE_DEAL_LOST;
  if (*wanted == '\0')
    return TRUE;
  if (g_str_equal (wanted, "won"))
    *out = NUDGE_DEAL_WON;
  else if (g_str_equal (wanted, "lost") || g_str_equal (wanted, "deleted"))
    *out = NUDGE_DEAL_LOST;
  else if (g_str_equal (wanted, "open"))
    *out = NUDGE_DEAL_OPEN;
  else
    {
      g_autofree char *shown = shorten (status);

      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("“%s” is not a deal status (open, won or lost)"), shown);
      return FALSE;
    }
  return TRUE;
}

/* The stage a deal goes to: the pipeline and the stage by name, created
 * (and listed in result->created) when missing; a won or lost deal goes
 * to its pipeline's won or lost stage. 0: the default pipeline's first. */
static gboolean
resolve_stage (NudgeStore         *store,
               const char         *pipeline_name,
               const char         *stage_name,
               NudgeDealStatus     status,
               NudgeImportResult  *result,
               gint64             *out_stage,
               GError            **error)
{
  static const char kind_sql[] =
    "SELECT id FROM stage WHERE pipeline_id = ?1 AND kind = ?2 ORDER BY position LIMIT 1";
  g_autoptr(NudgeStage) stage = NULL;
  gint64 pipeline_id = 0;
  sqlite3_stmt *stmt;

  *out_stage = 0;
  if (*pipeline_name == '\0' && *stage_name == '\0' && status == NUDGE_DEAL_OPEN)
    return TRUE;
  if (*pipeline_name != '\0')
    {
      if (!(pipeline_id = nudge_pipeline_find (store, pipeline_name)))
        {
          if (!(pipeline_id = nudge_pipeline_create (store, pipeline_name, error)))
            return FALSE;
          g_ptr_array_add (result->created,
                           /* Translators: what an import created, e.g. pipeline “Partners” */
                           g_strdup_printf (_("pipeline “%s”"), pipeline_name));
        }
    }
  else
    pipeline_id = nudge_store_get_default_pipeline (store);

  if (status == NUDGE_DEAL_WON || status == NUDGE_DEAL_LOST || *stage_name == '\0')
    {
      if (!(stmt = nudge_store_prepare (store, kind_sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, pipeline_id);
      nudge_sql_bind_text (stmt, 2, status == NUDGE_DEAL_WON ? "won" : status == NUDGE_DEAL_LOST ? "lost" : "open");
      if (sqlite3_step (stmt) == SQLITE_ROW)
        *out_stage = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (*out_stage > 0 || *stage_name == '\0')
        return TRUE;
    }

  if ((stage = nudge_store_find_stage (store, pipeline_id, stage_name, NULL)))
    {
      *out_stage = nudge_stage_get_id (stage);
      return TRUE;
    }
  /* After the last open stage, before Won and Lost */
  if (!(*out_stage = nudge_stage_create (store, pipeline_id, stage_name, -1, error)))
    return FALSE;
  {
    g_autoptr(NudgeStage) pipeline = NULL;
    g_autoptr(GPtrArray) pipelines = nudge_store_list_pipelines (store, NULL);
    const char *shown_pipeline = pipeline_name;

    for (guint i = 0; pipelines != NULL && i < pipelines->len; i++)
      if (nudge_stage_get_id (g_ptr_array_index (pipelines, i)) == pipeline_id)
        shown_pipeline = nudge_stage_get_name (g_ptr_array_index (pipelines, i));
    g_ptr_array_add (result->created,
                     /* Translators: what an import created, e.g. stage “Demo” in “Sales” */
                     g_strdup_printf (_("stage “%s” in “%s”"), stage_name, shown_pipeline));
  }
  return TRUE;
}

static gint64
import_deal (NudgeStore         *store,
             GHashTable         *companies,
             GHashTable         *contacts,
             const char * const *v,
             const char         *default_currency,
             gboolean            known_format,
             NudgeImportResult  *result,
             GError            **error)
{
  g_autoptr(NudgeDeal) deal = nudge_deal_new ();
  g_autofree char *currency = NULL;
  g_autofree char *expected = NULL;
  gint64 company_id, contact_id = 0, amount_minor = 0;
  NudgeDealStatus status = NUDGE_DEAL_OPEN;

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
  if (known_format)
    {
      gint64 stage_id;

      if (!parse_status (v[FIELD_STATUS], v[FIELD_STAGE], &status, error) ||
          !resolve_stage (store, v[FIELD_PIPELINE], v[FIELD_STAGE], status, result, &stage_id, error))
        return 0;
      g_object_set (deal, "stage-id", stage_id, NULL);
      if (status == NUDGE_DEAL_LOST)
        g_object_set (deal, "status", status, "lost-reason", v[FIELD_LOST_REASON], NULL);
    }
  else if (*v[FIELD_STAGE] != '\0')
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

/* Pipedrive's activity types, as Nudge's kinds */
static const char *
activity_kind (const char *type)
{
  g_autofree char *key = nudge_import_normalize_header (type);

  if (g_str_equal (key, "call"))
    return "call";
  if (g_str_equal (key, "meeting") || g_str_equal (key, "lunch"))
    return "meeting";
  if (g_str_equal (key, "email"))
    return "email";
  if (g_str_equal (key, "demo"))
    return "demo";
  return *key == '\0' ? "note" : "task";
}

/* "2026-11-02", "2026-11-02 10:15:00" or a date and a time apart, in
 * the user's zone; noon when no time is given. */
static gint64
parse_moment (const char  *date,
              const char  *time,
              GError     **error)
{
  g_autoptr(GDateTime) moment = NULL;
  int y, m, d, hour = 12, minute = 0;
  const char *clock = time;

  if (sscanf (date, "%4d-%2d-%2d", &y, &m, &d) == 3)
    {
      if (*clock == '\0' && strlen (date) > 10)
        clock = date + 11;
    }
  else
    {
      g_autofree char *iso = parse_date (date, error);

      if (iso == NULL || sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3)
        return 0;
    }
  if (*clock != '\0' && (sscanf (clock, "%2d:%2d", &hour, &minute) != 2 ||
                         hour < 0 || hour > 23 || minute < 0 || minute > 59))
    {
      g_autofree char *shown = shorten (clock);

      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("“%s” is not a time"), shown);
      return 0;
    }
  if (!g_date_valid_dmy (d, m, y) ||
      !(moment = g_date_time_new_local (y, m, d, hour, minute, 0)))
    {
      g_autofree char *shown = shorten (date);

      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("“%s” is not a date"), shown);
      return 0;
    }
  return g_date_time_to_unix (moment);
}

static gboolean
lookup_owner (GHashTable  *names,
              const char  *name,
              const char  *message,
              gint64      *out_id,
              GError     **error)
{
  *out_id = 0;
  if (*name == '\0')
    return TRUE;
  if ((*out_id = lookup_name (names, name)) > 0)
    return TRUE;
  {
    g_autofree char *shown = shorten (name);

    g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND, message, shown);
  }
  return FALSE;
}

/* A call, meeting or note into the timeline of its deal, contact or
 * company; one marked not done ("To do") becomes a follow-up. */
static gint64
import_activity (NudgeStore         *store,
                 GHashTable         *companies,
                 GHashTable         *contacts,
                 GHashTable         *deals,
                 const char * const *v,
                 gboolean           *out_followup,
                 GError            **error)
{
  g_autofree char *done = nudge_import_normalize_header (v[FIELD_DONE]);
  gint64 company_id, contact_id, deal_id, when;
  gboolean is_done;

  *out_followup = FALSE;
  if (*v[FIELD_TITLE] == '\0' && *v[FIELD_NOTES] == '\0')
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("The activity has neither a subject nor a note"));
      return 0;
    }
  if (!lookup_owner (companies, v[FIELD_COMPANY], _("There is no company “%s”; import the companies first"),
                     &company_id, error) ||
      !lookup_owner (contacts, v[FIELD_CONTACT], _("There is no contact “%s”; import the contacts first"),
                     &contact_id, error) ||
      !lookup_owner (deals, v[FIELD_DEAL], _("There is no deal “%s”; import the deals first"),
                     &deal_id, error))
    return 0;
  if (company_id == 0 && contact_id == 0 && deal_id == 0)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("The activity names no deal, contact or company"));
      return 0;
    }
  if (*v[FIELD_DATE] == '\0')
    when = nudge_clock_now ();
  else if (!(when = parse_moment (v[FIELD_DATE], v[FIELD_TIME], error)))
    return 0;
  is_done = !(g_str_equal (done, "todo") || g_str_equal (done, "0") || g_str_equal (done, "no") ||
              g_str_equal (done, "false") || g_str_equal (done, "notdone") || g_str_equal (done, "open"));

  if (!is_done)
    {
      g_autoptr(NudgeFollowup) followup = nudge_followup_new ();
      const char *kind = activity_kind (v[FIELD_KIND]);

      *out_followup = TRUE;
      g_object_set (followup, "title", *v[FIELD_TITLE] != '\0' ? v[FIELD_TITLE] : v[FIELD_NOTES],
                    "kind", g_str_equal (kind, "note") ? "task" : kind, "due-at", when,
                    "notes", *v[FIELD_TITLE] != '\0' ? v[FIELD_NOTES] : "",
                    "deal-id", deal_id, "contact-id", contact_id, NULL);
      return nudge_store_save_followup (store, followup, error);
    }
  {
    g_autoptr(NudgeActivity) activity = nudge_activity_new ();

    g_object_set (activity, "kind", activity_kind (v[FIELD_KIND]), "direction", NUDGE_DIRECTION_OUT,
                  "occurred-at", when, "deal-id", deal_id, "contact-id", contact_id,
                  "company-id", company_id, "summary", v[FIELD_TITLE], "body", v[FIELD_NOTES],
                  "origin", "import", NULL);
    return nudge_store_add_activity (store, activity, error);
  }
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
  g_clear_pointer (&result->created, g_ptr_array_unref);
  g_clear_pointer (&result->followup_ids, g_array_unref);
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
  g_autofree Column *columns = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) channels = g_ptr_array_new_with_free_func (channel_free);
  g_autoptr(GString) work_address = g_string_new (NULL);
  g_autoptr(GString) home_address = g_string_new (NULL);
  ContactExtras extras = { channels, work_address, home_address };
  const ImportFormat *format = NULL;
  g_autoptr(GHashTable) companies = NULL;
  g_autoptr(GHashTable) contacts = NULL;
  g_autoptr(GHashTable) deals = NULL;
  g_autofree char *converted = NULL;
  gsize converted_length = 0;
  const char *invalid = NULL;
  GError *local_error = NULL;
  CsvReader reader = { 0 };
  guint header_line = 0;
  guint next_line = 0;
  guint n_rows = 0;
  Field required;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  memset (result, 0, sizeof *result);
  result->record_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  result->company_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  result->ignored_columns = g_ptr_array_new_with_free_func (g_free);
  result->created = g_ptr_array_new_with_free_func (g_free);
  result->followup_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  switch (entity)
    {
    case NUDGE_ENTITY_COMPANY: fields = company_fields; required = FIELD_NAME; break;
    case NUDGE_ENTITY_CONTACT: fields = contact_fields; required = FIELD_NAME; break;
    case NUDGE_ENTITY_DEAL: fields = deal_fields; required = FIELD_TITLE; break;
    case NUDGE_ENTITY_ACTIVITY: fields = activity_fields; required = FIELD_TITLE; break;
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

  /* LinkedIn's Connections.csv begins with a few lines of notes; a
   * header is never a single column of another format's file. */
  names = normalize_row (header);
  for (guint skipped = 0; !(format = nudge_import_detect_format (entity, names)) && header->len == 1 && skipped < 10; skipped++)
    {
      g_autoptr(GPtrArray) next = NULL;

      {
        const FieldName *match = match_header (fields, g_ptr_array_index (header, 0));

        if (match != NULL && match->field == required)
          break;
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
      g_ptr_array_unref (header);
      header = g_steal_pointer (&next);
      g_ptr_array_unref (names);
      names = normalize_row (header);
    }
  if (format != NULL)
    {
      result->format_name = g_dgettext (GETTEXT_PACKAGE, format->name);
      result->format_message = g_dgettext (GETTEXT_PACKAGE, format->read_as);
    }

  columns = g_new0 (Column, header->len);
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
        else
          {
            const FieldName *match = match_header (fields, name);

            columns[c].field = match ? match->field : FIELD_NONE;
          }
        if (columns[c].field == FIELD_NONE && *name != '\0')
          g_ptr_array_add (result->ignored_columns, shorten (name));
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
  if (entity == NUDGE_ENTITY_DEAL || entity == NUDGE_ENTITY_ACTIVITY)
    contacts = load_names (store, "SELECT id, name FROM contact WHERE trashed_at IS NULL ORDER BY id");
  if (entity == NUDGE_ENTITY_ACTIVITY)
    deals = load_names (store, "SELECT id, title FROM deal WHERE trashed_at IS NULL ORDER BY id");

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
      g_ptr_array_set_size (extras.channels, 0);
      g_string_truncate (extras.work_address, 0);
      g_string_truncate (extras.home_address, 0);
      if (row->len > header->len)
        {
          g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                       _("Line %u has %u fields; the header has %u"),
                       line, row->len, header->len);
          goto fail;
        }
      for (guint c = 0; c < row->len; c++)
        {
          char *value = g_strstrip ((char *) g_ptr_array_index (row, c));
          Field target = columns[c].field;

          if (target == FIELD_NONE || *value == '\0')
            continue;
          if (entity == NUDGE_ENTITY_CONTACT && (target == FIELD_EMAIL || target == FIELD_PHONE))
            {
              const char *label = columns[c].label;
              int label_column = columns[c].label_column;

              if (label_column >= 0 && (guint) label_column < row->len)
                label = g_strstrip ((char *) g_ptr_array_index (row, label_column));
              add_channels (extras.channels, target, label, value,
                            format != NULL ? format->multi_separator : NULL);
            }
          else if (target == FIELD_WORK_ADDRESS)
            append_address (extras.work_address, value);
          else if (target == FIELD_HOME_ADDRESS)
            append_address (extras.home_address, value);
          else if (*values[target] == '\0')
            values[target] = value;
        }

      gboolean followup = FALSE;

      if (entity != NUDGE_ENTITY_CONTACT && entity != NUDGE_ENTITY_ACTIVITY && *values[required] == '\0')
        g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                     required == FIELD_TITLE ? _("The deal has no title") : _("The name is empty"));
      else if (entity == NUDGE_ENTITY_COMPANY)
        id = import_company (store, values, error);
      else if (entity == NUDGE_ENTITY_CONTACT)
        id = import_contact (store, companies, values, &extras, format != NULL, result, error);
      else if (entity == NUDGE_ENTITY_ACTIVITY)
        id = import_activity (store, companies, contacts, deals, values, &followup, error);
      else
        id = import_deal (store, companies, contacts, values, default_currency ? default_currency : "EUR",
                          format != NULL, result, error);

      if (id <= 0)
        {
          if (error != NULL && *error != NULL)
            g_prefix_error (error, _("Line %u: "), line);
          goto fail;
        }
      g_array_append_val (followup ? result->followup_ids : result->record_ids, id);
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
  result->n_records = result->record_ids->len + result->followup_ids->len;
  return TRUE;

fail:
  nudge_store_rollback (store);
  g_array_set_size (result->record_ids, 0);
  g_array_set_size (result->company_ids, 0);
  g_ptr_array_set_size (result->created, 0);
  g_array_set_size (result->followup_ids, 0);
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
