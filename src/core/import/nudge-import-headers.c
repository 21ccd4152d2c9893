/* nudge-import-headers.c — which field a spreadsheet's column holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A column is recognised by its usual names (lower case, "|" between
 * them) or by the title Nudge itself gives the field, in the user's
 * language; the titles of Nudge's own translations are among the names,
 * so that a file exported in one language imports in any other.
 */

#define G_LOG_DOMAIN "nudge-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "nudge-import-private.h"

static const NudgeImportFieldName company_fields[] = {
  { FIELD_NAME, N_("Name"), "name|company|company name|organisation|organization|account|jméno|název|nazwa|ім’я|назва" },
  { FIELD_INDUSTRY, N_("Industry"), "industry|sector|odvětví|obor|branża|галузь" },
  { FIELD_WEBSITE, N_("Website"), "website|web|web site|url|www" },
  { FIELD_PHONE, N_("Phone"), "phone|telephone|tel|phone number|telefon|телефон" },
  { FIELD_EMAIL, N_("E-mail"), "email|e-mail|email address|mail|ел. пошта" },
  { FIELD_NOTES, N_("Notes"), "notes|note|comments|comment|description" },
  { FIELD_NONE, NULL, NULL }
};

/* The headers a seller's own sheet may have: English, Czech, Polish and
 * Ukrainian (besides each field's name in the user's language). */
static const NudgeImportFieldName contact_fields[] = {
  { FIELD_NAME, N_("Name"), "name|full name|contact|contact name|person|jméno|celé jméno|kontakt|imię i nazwisko|nazwa|ім'я|ім’я|піб" },
  { FIELD_FIRST_NAME, N_("First name"), "first name|given name|křestní jméno|imię|власне ім'я" },
  { FIELD_LAST_NAME, N_("Last name"), "last name|surname|family name|příjmení|nazwisko|прізвище" },
  { FIELD_EMAIL, N_("E-mail"), "email|e-mail|email address|mail|e-mailová adresa|adres e-mail|електронна пошта|ел. пошта" },
  { FIELD_PHONE, N_("Phone"), "phone|telephone|tel|mobile|phone number|telefon|mobil|telefon komórkowy|телефон|мобільний" },
  { FIELD_JOB_TITLE, N_("Job title"), "title|job title|role|position|pozice|funkce|stanowisko|посада" },
  { FIELD_COMPANY, N_("Company"), "company|company name|organisation|organization|account|firma|společnost|organizace|organizacja|компанія|організація" },
  { FIELD_SOURCE, N_("Lead source"), "source|lead source|zdroj|źródło|джерело" },
  { FIELD_TAGS, N_("Tags"), "tags|labels|štítky|tagy|tagi|etykiety|теги|мітки" },
  { FIELD_NOTES, N_("Notes"), "notes|note|comments|comment|poznámka|poznámky|notatka|notatki|uwagi|примітка|примітки|нотатки" },
  { FIELD_NONE, NULL, NULL }
};

static const NudgeImportFieldName deal_fields[] = {
  { FIELD_TITLE, N_("Deal"), "deal|title|deal name|name|opportunity|obchod|název|szansa|nazwa|угода|назва" },
  { FIELD_COMPANY, N_("Company"), "company|organisation|organization|account|firma|společnost|organizace|organizacja|компанія|організація" },
  { FIELD_CONTACT, N_("Contact"), "contact|contact name|person|kontakt|osoba|контакт" },
  { FIELD_AMOUNT, N_("Amount"), "amount|value|deal value|částka|hodnota|kwota|wartość|сума|вартість" },
  { FIELD_CURRENCY, N_("Currency"), "currency|měna|waluta|валюта" },
  { FIELD_STAGE, N_("Stage"), "stage|pipeline stage|fáze|etap|етап" },
  { FIELD_STATUS, N_("Status"), "status|deal status|stav|stav obchodu|status szansy|стан|статус" },
  { FIELD_LOST_REASON, N_("Lost reason"), "lost reason|reason lost|důvod prohry|důvod ztráty|powód przegranej|"
                                          "powód utraty|причина програшу|причина втрати" },
  { FIELD_EXPECTED_CLOSE, N_("Expected Close"), "expected close|expected close date|close date|expected_close|"
                                                "očekávané uzavření|datum uzavření|uzavření|data zamknięcia|zamknięcie|очікуване закриття|закриття" },
  { FIELD_PRODUCT, N_("Product"), "product|produkt|продукт" },
  { FIELD_NOTES, N_("Notes"), "notes|note|comments|comment|poznámka|poznámky|notatka|notatki|uwagi|примітка|примітки|нотатки" },
  { FIELD_NONE, NULL, NULL }
};

/* The timeline: calls, meetings and notes; one not yet done is a
 * follow-up. A seller's own log may name its columns in Czech, Polish
 * or Ukrainian as well. */
static const NudgeImportFieldName activity_fields[] = {
  { FIELD_TITLE, N_("Subject"), "subject|summary|title|předmět|temat|tytuł|тема" },
  { FIELD_NOTES, N_("Notes"), "notes|note|content|body|description|poznámka|poznámky|popis|notatka|notatki|opis|uwagi|"
                              "примітка|примітки|нотатки|опис" },
  { FIELD_KIND, N_("Type"), "type|kind|activity type|typ|druh|rodzaj|тип|вид" },
  { FIELD_DATE, N_("Date"), "date|when|occurred at|due date|datum|termín|data|termin|дата" },
  { FIELD_TIME, N_("Time"), "time|due time|čas|czas|godzina|час" },
  { FIELD_DEAL, N_("Deal"), "deal|deal title|obchod|szansa|угода" },
  { FIELD_CONTACT, N_("Contact"), "contact|contact name|person|kontakt|osoba|контакт" },
  { FIELD_COMPANY, N_("Company"), "company|organisation|organization|account|firma|společnost|organizace|organizacja|"
                                  "компанія|організація" },
  { FIELD_DONE, N_("Done"), "done|status|hotovo|stav|splněno|wykonane|zrobione|виконано|статус" },
  { FIELD_NONE, NULL, NULL }
};

const NudgeImportFieldName *
nudge_import_header_fields (NudgeEntity  entity,
                            Field       *out_required)
{
  switch (entity)
    {
    case NUDGE_ENTITY_COMPANY:
      *out_required = FIELD_NAME;
      return company_fields;
    case NUDGE_ENTITY_CONTACT:
      *out_required = FIELD_NAME;
      return contact_fields;
    case NUDGE_ENTITY_DEAL:
      *out_required = FIELD_TITLE;
      return deal_fields;
    case NUDGE_ENTITY_ACTIVITY:
      *out_required = FIELD_TITLE;
      return activity_fields;
    case NUDGE_ENTITY_FOLLOWUP:
    case NUDGE_N_ENTITIES:
    default:
      return NULL;
    }
}

const NudgeImportFieldName *
nudge_import_match_header (const NudgeImportFieldName *fields,
                           const char                 *header)
{
  g_autofree char *wanted = NULL;

  /* No column name is that long: a file that never breaks its first
   * line is not folded character by character. */
  if (strnlen (header, 257) > 256)
    return NULL;
  wanted = nudge_import_normalize_header (header);
  if (*wanted == '\0')
    return NULL;
  for (const NudgeImportFieldName *f = fields; f->title != NULL; f++)
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

/* The field of each column by its name. "Jméno", "Imię", "Name" beside a
 * last name column are the first name ("Jméno;Příjmení"), else the
 * whole name. */
Field *
nudge_import_guess_fields (const NudgeImportFieldName *fields,
                           GPtrArray                  *header)
{
  Field *guessed = g_new0 (Field, MAX (header->len, 1));
  gboolean first = FALSE, last = FALSE;

  for (guint c = 0; c < header->len; c++)
    {
      const NudgeImportFieldName *match = nudge_import_match_header (fields, g_ptr_array_index (header, c));

      guessed[c] = match ? match->field : FIELD_NONE;
      first |= guessed[c] == FIELD_FIRST_NAME;
      last |= guessed[c] == FIELD_LAST_NAME;
    }
  for (guint c = 0; last && !first && c < header->len; c++)
    if (guessed[c] == FIELD_NAME)
      {
        guessed[c] = FIELD_FIRST_NAME;
        first = TRUE;
      }
  return guessed;
}

/**
 * nudge_import_header_title:
 * @key: a key of nudge_import_list_fields(): "title", "amount"…
 *
 * Returns: (nullable): the header a CSV import of @entity reads as the
 *   field @key in every language: its title in the user's (what an
 *   export writes), NULL for a field no header names.
 */
const char *
nudge_import_header_title (NudgeEntity  entity,
                           const char  *key)
{
  Field required;
  Field field = nudge_import_field_from_key (key);
  const NudgeImportFieldName *fields = nudge_import_header_fields (entity, &required);

  for (const NudgeImportFieldName *f = fields; field != FIELD_NONE && f != NULL && f->title != NULL; f++)
    if (f->field == field)
      return g_dgettext (GETTEXT_PACKAGE, f->title);
  return NULL;
}
