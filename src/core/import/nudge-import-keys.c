/* nudge-import-keys.c — what matching compares (folded names, phone
 * keys, web domains), the fields a file column may fill, and the checks
 * a record passes before it is saved, for a dry run that saves nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nudge-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "nudge-import-private.h"
#include "nudge-store-private.h"

typedef struct
{
  Field       field;
  const char *key;
  const char *label;
  guint       entities;   /* a bit per NudgeEntity */
} FieldKey;

#define COMPANY  (1u << NUDGE_ENTITY_COMPANY)
#define CONTACT  (1u << NUDGE_ENTITY_CONTACT)
#define DEAL     (1u << NUDGE_ENTITY_DEAL)
#define ACTIVITY (1u << NUDGE_ENTITY_ACTIVITY)

static const FieldKey field_keys[] = {
  { FIELD_NAME, "name", N_("Name"), COMPANY | CONTACT },
  { FIELD_FIRST_NAME, "first-name", N_("First name"), CONTACT },
  { FIELD_MIDDLE_NAME, "middle-name", N_("Middle name"), CONTACT },
  { FIELD_LAST_NAME, "last-name", N_("Last name"), CONTACT },
  { FIELD_DISPLAY_NAME, "display-name", N_("Display name"), CONTACT },
  { FIELD_TITLE, "title", N_("Title"), DEAL | ACTIVITY },
  { FIELD_EMAIL, "email", N_("E-mail"), COMPANY | CONTACT },
  { FIELD_PHONE, "phone", N_("Phone"), COMPANY | CONTACT },
  { FIELD_CHANNEL_LABEL, "channel-label", N_("Type of e-mail or phone"), CONTACT },
  { FIELD_JOB_TITLE, "job-title", N_("Job title"), CONTACT },
  { FIELD_COMPANY, "company", N_("Company"), CONTACT | DEAL | ACTIVITY },
  { FIELD_CONTACT, "contact", N_("Contact"), DEAL | ACTIVITY },
  { FIELD_SOURCE, "source", N_("Lead source"), CONTACT },
  { FIELD_TAGS, "tags", N_("Tags"), CONTACT },
  { FIELD_NOTES, "notes", N_("Notes"), COMPANY | CONTACT | DEAL | ACTIVITY },
  { FIELD_INDUSTRY, "industry", N_("Industry"), COMPANY },
  { FIELD_WEBSITE, "website", N_("Website"), COMPANY | CONTACT },
  { FIELD_BIRTHDAY, "birthday", N_("Birthday"), CONTACT },
  { FIELD_BIRTH_YEAR, "birth-year", N_("Year of birth"), CONTACT },
  { FIELD_BIRTH_MONTH, "birth-month", N_("Month of birth"), CONTACT },
  { FIELD_BIRTH_DAY, "birth-day", N_("Day of birth"), CONTACT },
  { FIELD_WORK_ADDRESS, "work-address", N_("Work address"), CONTACT },
  { FIELD_HOME_ADDRESS, "home-address", N_("Home address"), CONTACT },
  { FIELD_CONNECTED_ON, "connected-on", N_("Connected on"), CONTACT },
  { FIELD_AMOUNT, "amount", N_("Amount"), DEAL },
  { FIELD_CURRENCY, "currency", N_("Currency"), DEAL },
  { FIELD_PIPELINE, "pipeline", N_("Pipeline"), DEAL },
  { FIELD_STAGE, "stage", N_("Stage"), DEAL },
  { FIELD_STATUS, "status", N_("Status"), DEAL },
  { FIELD_LOST_REASON, "lost-reason", N_("Lost reason"), DEAL },
  { FIELD_EXPECTED_CLOSE, "expected-close", N_("Expected close"), DEAL },
  { FIELD_PRODUCT, "product", N_("Product"), DEAL },
  { FIELD_KIND, "kind", N_("Type"), ACTIVITY },
  { FIELD_DATE, "date", N_("Date"), ACTIVITY },
  { FIELD_TIME, "time", N_("Time"), ACTIVITY },
  { FIELD_DEAL, "deal", N_("Deal"), ACTIVITY },
  { FIELD_DONE, "done", N_("Done"), ACTIVITY },
};

/* ---- matching keys --------------------------------------------------------------- */

/**
 * nudge_import_fold_name:
 *
 * @name without case, accents or repeated spaces: "Škoda  AUTO" and
 * "skoda auto" fold alike.
 */
char *
nudge_import_fold_name (const char *name)
{
  g_autofree char *decomposed = g_utf8_normalize (name, -1, G_NORMALIZE_NFD);
  g_autoptr(GString) bare = g_string_new (NULL);
  gboolean space = FALSE;

  if (decomposed == NULL)
    return g_strdup ("");
  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (g_unichar_isspace (c))
        {
          space = bare->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (bare, ' ');
      space = FALSE;
      g_string_append_unichar (bare, c);
    }
  return g_utf8_casefold (bare->str, -1);
}

/**
 * nudge_import_phone_key:
 *
 * Returns: (nullable): what two numbers share when they are one: the
 *   last nine digits of a long number, every digit of a shorter one;
 *   NULL for fewer than six digits.
 */
char *
nudge_import_phone_key (const char *phone)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  for (const char *p = phone; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  if (digits->len < 6)
    return NULL;
  if (digits->len > 9)
    return g_strdup (digits->str + digits->len - 9);
  return g_string_free (g_steal_pointer (&digits), FALSE);
}

/**
 * nudge_import_website_domain:
 *
 * Returns: (nullable): the host of @website in lower case without
 *   "www.": "https://www.Acme.cz/about" → "acme.cz"
 */
char *
nudge_import_website_domain (const char *website)
{
  const char *start = website;
  const char *scheme = website != NULL ? strstr (website, "://") : NULL;
  const char *at;
  gsize length;
  g_autofree char *host = NULL;

  if (website == NULL)
    return NULL;
  if (scheme != NULL)
    start = scheme + 3;
  length = strcspn (start, "/?#");
  host = g_ascii_strdown (start, length);
  if ((at = strrchr (host, '@')) != NULL)
    memmove (host, at + 1, strlen (at + 1) + 1);
  host[strcspn (host, ":")] = '\0';
  g_strstrip (host);
  while (*host != '\0' && host[strlen (host) - 1] == '.')
    host[strlen (host) - 1] = '\0';
  if (g_str_has_prefix (host, "www."))
    memmove (host, host + 4, strlen (host + 4) + 1);
  if (strchr (host, '.') == NULL || strchr (host, ' ') != NULL)
    return NULL;
  return g_steal_pointer (&host);
}

/* ---- fields ------------------------------------------------------------- */

Field
nudge_import_field_from_key (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_keys); i++)
    if (g_str_equal (field_keys[i].key, key))
      return field_keys[i].field;
  return FIELD_NONE;
}

const char *
nudge_import_field_key (Field field)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_keys); i++)
    if (field_keys[i].field == field)
      return field_keys[i].key;
  return "";
}

GPtrArray *
nudge_import_list_fields (NudgeEntity entity)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (field_keys); i++)
    if (field_keys[i].entities & (1u << entity))
      {
        NudgeImportField *field = g_new (NudgeImportField, 1);

        field->key = field_keys[i].key;
        field->label = g_dgettext (GETTEXT_PACKAGE, field_keys[i].label);
        g_ptr_array_add (fields, field);
      }
  return fields;
}

const char *
nudge_import_field_label (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_keys); i++)
    if (g_str_equal (field_keys[i].key, key))
      return g_dgettext (GETTEXT_PACKAGE, field_keys[i].label);
  return NULL;
}

/**
 * nudge_import_parse_mapping:
 * @text: "File column=field,Other column=ignore"
 *
 * Adds each pair to @mapping; a field is a key of
 * nudge_import_list_fields() or "ignore".
 */
gboolean
nudge_import_parse_mapping (GHashTable  *mapping,
                            const char  *text,
                            GError     **error)
{
  g_auto(GStrv) pairs = g_strsplit (text, ",", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *equals;
      g_autofree char *column = NULL;
      g_autofree char *field = NULL;

      if (*g_strstrip (pairs[i]) == '\0')
        continue;
      equals = strrchr (pairs[i], '=');
      if (equals == NULL)
        return nudge_fail_invalid (error, _("“%s” is not “File column=field”"), pairs[i]);
      column = g_strstrip (g_strndup (pairs[i], equals - pairs[i]));
      field = g_strstrip (g_strdup (equals + 1));
      if (!g_str_equal (field, "ignore") && nudge_import_field_from_key (field) == FIELD_NONE)
        return nudge_fail_invalid (error,
                                   _("“%s” is not a field (name, email, phone, company, job-title, notes… or ignore)"),
                                   field);
      g_hash_table_insert (mapping, g_steal_pointer (&column), g_steal_pointer (&field));
    }
  return TRUE;
}

/* What nudge_store_save_contact() checks, and the fields of a contact
 * only the import fills */
gboolean
nudge_import_check_contact (NudgeContact  *c,
                            GError       **error)
{
  return nudge_check_contact (c, error) &&
         nudge_check_text (_("Address"), c->address, NUDGE_MAX_SHORT_CHARS, FALSE, error) &&
         nudge_check_text (_("Website"), c->website, NUDGE_MAX_URL_CHARS, FALSE, error);
}

/* ---- what a preview shows ------------------------------------------------ */

void
nudge_import_column_free (gpointer data)
{
  NudgeImportColumn *column = data;

  g_free (column->name);
  g_free (column->field);
  g_free (column->sample);
  g_free (column);
}

void
nudge_import_preview_row_free (gpointer data)
{
  NudgeImportPreviewRow *row = data;

  g_free (row->name);
  g_free (row->detail);
  g_free (row);
}

/* What a row of a CSV file is called in a preview */
char *
nudge_import_describe_row_name (const char * const *v)
{
  const Field names[] = { FIELD_DISPLAY_NAME, FIELD_NAME, FIELD_TITLE };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (*v[names[i]] != '\0')
      return g_strdup (v[names[i]]);
  if (*v[FIELD_FIRST_NAME] != '\0' || *v[FIELD_LAST_NAME] != '\0')
    return g_strstrip (g_strdup_printf ("%s %s", v[FIELD_FIRST_NAME], v[FIELD_LAST_NAME]));
  return g_strdup (v[FIELD_NOTES]);
}
