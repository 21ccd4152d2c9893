/* nudge-csv-export.c — deals, contacts and companies as CSV data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the file holds is data, not what the List shows: a day is
 * 2026-11-22, never "24 days ago", which is wrong by tomorrow; an amount
 * is 20000.00 in the deal's own currency with the code beside it, so a
 * column sums and converts. The headers are the ones the CSV import
 * reads (nudge_import_header_title()), so the file comes back in.
 *
 * Excel splits a CSV file by the list separator of the system's region,
 * which is ";" wherever the decimal separator is a comma (Czech, Polish,
 * Ukrainian), and reads it in the ANSI code page unless a byte order
 * mark says UTF-8. So: a BOM, ";" and decimal commas under such a
 * locale, "," and decimal points elsewhere. The import reads both.
 */

#define G_LOG_DOMAIN "nudge-csv-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "nudge-clock.h"
#include "nudge-csv-export.h"
#include "nudge-format.h"
#include "nudge-import.h"

#define DEAL    (1u << NUDGE_ENTITY_DEAL)
#define CONTACT (1u << NUDGE_ENTITY_CONTACT)
#define COMPANY (1u << NUDGE_ENTITY_COMPANY)

typedef enum
{
  VALUE_TITLE,
  VALUE_NAME,
  VALUE_COMPANY,
  VALUE_CONTACT,
  VALUE_STAGE,
  VALUE_AMOUNT,     /* and the currency in the next column */
  VALUE_EXPECTED_CLOSE,
  VALUE_PRODUCT,
  VALUE_EMAIL,
  VALUE_PHONE,
  VALUE_JOB_TITLE,
  VALUE_INDUSTRY,
  VALUE_WEBSITE,
  VALUE_NOTES,
  VALUE_STATUS,
  VALUE_LAST_ACTIVITY,
  VALUE_NEXT_FOLLOWUP,
  VALUE_SCORE,
  VALUE_N_CONTACTS,
  VALUE_N_OPEN_DEALS,
} Value;

typedef struct
{
  Value       value;
  const char *key;
  const char *title;     /* NULL: the import's header for the key */
  guint       entities;  /* a bit per NudgeEntity */
} ExportColumn;

/* In the order of a whole export; the List's column keys */
static const ExportColumn export_columns[] = {
  { VALUE_TITLE, "title", NULL, DEAL },
  { VALUE_NAME, "name", NULL, CONTACT | COMPANY },
  { VALUE_COMPANY, "company", NULL, DEAL | CONTACT },
  { VALUE_CONTACT, "contact", NULL, DEAL },
  { VALUE_STAGE, "stage", NULL, DEAL },
  { VALUE_AMOUNT, "amount", NULL, DEAL },
  { VALUE_EXPECTED_CLOSE, "expected-close", NULL, DEAL },
  { VALUE_PRODUCT, "product", NULL, DEAL },
  { VALUE_EMAIL, "email", NULL, CONTACT | COMPANY },
  { VALUE_PHONE, "phone", NULL, CONTACT | COMPANY },
  { VALUE_JOB_TITLE, "job-title", NULL, CONTACT },
  { VALUE_INDUSTRY, "industry", NULL, COMPANY },
  { VALUE_WEBSITE, "website", NULL, COMPANY },
  { VALUE_NOTES, "notes", NULL, DEAL | CONTACT | COMPANY },
  /* Read back by the import, as its stage is */
  { VALUE_STATUS, "status", N_("Status"), DEAL },
  { VALUE_LAST_ACTIVITY, "last-activity", N_("Last Activity"), DEAL | CONTACT | COMPANY },
  { VALUE_NEXT_FOLLOWUP, "next-followup", N_("Next Follow-up"), DEAL | CONTACT },
  { VALUE_SCORE, "score", N_("Score"), DEAL | CONTACT },
  { VALUE_N_CONTACTS, "contacts", N_("Contacts"), COMPANY },
  { VALUE_N_OPEN_DEALS, "open-deals", N_("Open Deals"), COMPANY },
};

struct _NudgeCsvExport
{
  NudgeEntity  entity;
  GString     *out;
  GArray      *values;     /* Value of each column asked for */
  char         separator;
  char         decimal;
  guint        n_records;
};

static char
locale_decimal (void)
{
  const char *point = localeconv ()->decimal_point;

  return point != NULL && g_str_equal (point, ",") ? ',' : '.';
}

static const ExportColumn *
find_column (NudgeEntity  entity,
             const char  *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (export_columns); i++)
    if ((export_columns[i].entities & (1u << entity)) && g_str_equal (export_columns[i].key, key))
      return &export_columns[i];
  return NULL;
}

static const char *
column_title (NudgeEntity         entity,
              const ExportColumn *column)
{
  if (column->title != NULL)
    return g_dgettext (GETTEXT_PACKAGE, column->title);
  return nudge_import_header_title (entity, column->key);
}

static void
start_field (NudgeCsvExport *self,
             guint           column)
{
  if (column > 0)
    g_string_append_c (self->out, self->separator);
}

static void
add_text (NudgeCsvExport *self,
          const char     *text)
{
  nudge_format_append_csv_field_sep (self->out, text, self->separator);
}

/* "2026-11-22 14:05", local time; nothing for no time at all */
static void
add_time (NudgeCsvExport *self,
          gint64          at)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *text = NULL;

  if (at <= 0 || (local = nudge_clock_local_from_unix (at)) == NULL)
    return;
  text = g_date_time_format (local, "%Y-%m-%d %H:%M");
  g_string_append (self->out, text);
}

/* An expected close is stored as 2026-11-22 already; anything else
 * (an older book's text) is kept as text. */
static void
add_date (NudgeCsvExport *self,
          const char     *iso)
{
  add_text (self, iso);
}

/* 1234567 minor units of CZK → 12345.67 (or 12345,67): no grouping, no
 * symbol, as many decimals as the currency has. */
static void
add_amount (NudgeCsvExport *self,
            gint64          minor,
            const char     *currency)
{
  int digits = nudge_currency_digits (currency);
  guint64 scale = nudge_currency_minor_per_unit (currency);
  guint64 magnitude = minor < 0 ? -(guint64) minor : (guint64) minor;

  g_string_append_printf (self->out, "%s%" G_GUINT64_FORMAT, minor < 0 ? "-" : "", magnitude / scale);
  if (digits > 0)
    g_string_append_printf (self->out, "%c%0*" G_GUINT64_FORMAT, self->decimal, digits, magnitude % scale);
}

static void
add_value (NudgeCsvExport *self,
           Value           value,
           gpointer        record)
{
  gboolean deal = self->entity == NUDGE_ENTITY_DEAL;
  gboolean contact = self->entity == NUDGE_ENTITY_CONTACT;

  switch (value)
    {
    case VALUE_TITLE:
      add_text (self, nudge_deal_get_title (record));
      break;
    case VALUE_NAME:
      add_text (self, contact ? nudge_contact_get_name (record) : nudge_company_get_name (record));
      break;
    case VALUE_COMPANY:
      add_text (self, deal ? nudge_deal_get_company_name (record) : nudge_contact_get_company_name (record));
      break;
    case VALUE_CONTACT:
      add_text (self, nudge_deal_get_contact_name (record));
      break;
    case VALUE_STAGE:
      add_text (self, nudge_deal_get_stage_name (record));
      break;
    case VALUE_AMOUNT:
      if (nudge_deal_get_has_amount (record))
        add_amount (self, nudge_deal_get_amount_minor (record), nudge_deal_get_currency (record));
      g_string_append_c (self->out, self->separator);
      add_text (self, nudge_deal_get_currency (record));
      break;
    case VALUE_EXPECTED_CLOSE:
      add_date (self, nudge_deal_get_expected_close (record));
      break;
    case VALUE_PRODUCT:
      add_text (self, nudge_deal_get_product (record));
      break;
    case VALUE_EMAIL:
      add_text (self, contact ? nudge_contact_get_email (record) : nudge_company_get_email (record));
      break;
    case VALUE_PHONE:
      add_text (self, contact ? nudge_contact_get_phone (record) : nudge_company_get_phone (record));
      break;
    case VALUE_JOB_TITLE:
      add_text (self, nudge_contact_get_title (record));
      break;
    case VALUE_INDUSTRY:
      add_text (self, nudge_company_get_industry (record));
      break;
    case VALUE_WEBSITE:
      add_text (self, nudge_company_get_website (record));
      break;
    case VALUE_NOTES:
      add_text (self, deal ? nudge_deal_get_notes (record)
                           : contact ? nudge_contact_get_notes (record) : nudge_company_get_notes (record));
      break;
    case VALUE_STATUS:
      /* The word the book stores and imports read, in any language */
      add_text (self, nudge_deal_status_to_string (nudge_deal_get_status (record)));
      break;
    case VALUE_LAST_ACTIVITY:
      add_time (self, deal ? nudge_deal_get_last_activity_at (record)
                           : contact ? nudge_contact_get_last_activity_at (record)
                                     : nudge_company_get_last_activity_at (record));
      break;
    case VALUE_NEXT_FOLLOWUP:
      add_time (self, deal ? nudge_deal_get_next_followup_at (record) : nudge_contact_get_next_followup_at (record));
      break;
    case VALUE_SCORE:
      {
        double score = deal ? nudge_deal_get_score (record) : nudge_contact_get_score (record);

        /* Below 0.5 the List shows none: not scored yet */
        if (score >= 0.5)
          g_string_append_printf (self->out, "%" G_GINT64_FORMAT, (gint64) (score + 0.5));
      }
      break;
    case VALUE_N_CONTACTS:
      g_string_append_printf (self->out, "%u", (guint) nudge_company_get_n_contacts (record));
      break;
    case VALUE_N_OPEN_DEALS:
      g_string_append_printf (self->out, "%u", (guint) nudge_company_get_n_open_deals (record));
      break;
    default:
      g_assert_not_reached ();
    }
}

/**
 * nudge_csv_export_locale_separator:
 *
 * Returns: the field separator a spreadsheet of the user's region
 *   expects: ';' where numbers have a decimal comma, else ','
 */
char
nudge_csv_export_locale_separator (void)
{
  return locale_decimal () == ',' ? ';' : ',';
}

NudgeCsvExport *
nudge_csv_export_new (NudgeEntity          entity,
                      const char * const  *fields)
{
  NudgeCsvExport *self;
  const char *required = entity == NUDGE_ENTITY_DEAL ? "title" : "name";

  g_return_val_if_fail (entity == NUDGE_ENTITY_DEAL || entity == NUDGE_ENTITY_CONTACT ||
                        entity == NUDGE_ENTITY_COMPANY, NULL);

  self = g_new0 (NudgeCsvExport, 1);
  self->entity = entity;
  self->out = g_string_new ("\xEF\xBB\xBF");
  self->values = g_array_new (FALSE, FALSE, sizeof (Value));
  self->decimal = locale_decimal ();
  self->separator = self->decimal == ',' ? ';' : ',';

  /* The name or title first when the columns asked for leave it out:
   * without it the file would not import. */
  if (fields != NULL && !g_strv_contains (fields, required))
    g_array_append_val (self->values, find_column (entity, required)->value);
  for (guint i = 0; i < G_N_ELEMENTS (export_columns); i++)
    if (fields == NULL && (export_columns[i].entities & (1u << entity)))
      g_array_append_val (self->values, export_columns[i].value);
  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    {
      const ExportColumn *column = find_column (entity, fields[i]);

      if (column != NULL)
        g_array_append_val (self->values, column->value);
    }

  for (guint c = 0; c < self->values->len; c++)
    {
      const ExportColumn *column = NULL;

      for (guint i = 0; column == NULL && i < G_N_ELEMENTS (export_columns); i++)
        if (export_columns[i].value == g_array_index (self->values, Value, c))
          column = &export_columns[i];
      start_field (self, c);
      add_text (self, column_title (entity, column));
      if (column->value == VALUE_AMOUNT)
        {
          g_string_append_c (self->out, self->separator);
          add_text (self, nudge_import_header_title (entity, "currency"));
        }
    }
  g_string_append (self->out, "\r\n");
  return self;
}

void
nudge_csv_export_free (NudgeCsvExport *self)
{
  if (self == NULL)
    return;
  g_string_free (self->out, TRUE);
  g_array_unref (self->values);
  g_free (self);
}

void
nudge_csv_export_add_record (NudgeCsvExport *self,
                             gpointer        record)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (G_IS_OBJECT (record));

  for (guint c = 0; c < self->values->len; c++)
    {
      start_field (self, c);
      add_value (self, g_array_index (self->values, Value, c), record);
    }
  g_string_append (self->out, "\r\n");
  self->n_records++;
}

guint
nudge_csv_export_get_n_records (NudgeCsvExport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_records;
}

const char *
nudge_csv_export_get_text (NudgeCsvExport *self,
                           gsize          *length)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (length != NULL)
    *length = self->out->len;
  return self->out->str;
}
