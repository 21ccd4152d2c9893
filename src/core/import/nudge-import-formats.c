/* nudge-import-formats.c — the exports of other programs, known by
 * their header
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Google Contacts, Outlook, Thunderbird and LinkedIn address books;
 * Pipedrive and HubSpot organisations, people, deals, activities and
 * notes. Each is told by a few column names only it has, and maps its
 * own columns to Nudge's fields.
 */

#define G_LOG_DOMAIN "nudge-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "nudge-import-private.h"

static const FormatColumn google_columns[] = {
  { FIELD_NAME, NULL, "name" },
  { FIELD_FIRST_NAME, NULL, "givenname|firstname" },
  { FIELD_MIDDLE_NAME, NULL, "additionalname|middlename" },
  { FIELD_LAST_NAME, NULL, "familyname|lastname" },
  { FIELD_BIRTHDAY, NULL, "birthday" },
  { FIELD_NOTES, NULL, "notes" },
  { FIELD_EMAIL, NULL, "emailvalue" },
  { FIELD_PHONE, NULL, "phonevalue" },
  { FIELD_CHANNEL_LABEL, NULL, "emailtype|emaillabel|phonetype|phonelabel" },
  { FIELD_COMPANY, NULL, "organizationname" },
  { FIELD_JOB_TITLE, NULL, "organizationtitle" },
  { FIELD_WORK_ADDRESS, NULL, "addressformatted" },
  { FIELD_WEBSITE, NULL, "websitevalue" },
  { FIELD_NONE, NULL, NULL }
};

static const FormatColumn outlook_columns[] = {
  { FIELD_FIRST_NAME, NULL, "firstname|křestníjméno|imię|імя" },
  { FIELD_MIDDLE_NAME, NULL, "middlename|druhéjméno|drugieimię|побатькові" },
  { FIELD_LAST_NAME, NULL, "lastname|příjmení|nazwisko|прізвище" },
  { FIELD_EMAIL, NULL, "emailaddress|email2address|email3address|emailováadresa|emailováadresa2|emailováadresa3|adresemail|adresemail2|adresemail3|адресаелектронноїпошти" },
  { FIELD_PHONE, "work", "businessphone|businessphone2|companymainphone|telefondozaměstnání|telefonsłużbowy|робочийтелефон" },
  { FIELD_PHONE, "mobile", "mobilephone|mobilnítelefon|telefonkomórkowy|мобільнийтелефон" },
  { FIELD_PHONE, "home", "homephone|homephone2|telefondomů|telefondomowy|домашнійтелефон" },
  { FIELD_PHONE, NULL, "primaryphone|otherphone" },
  { FIELD_COMPANY, NULL, "company|společnost|firma|компанія" },
  { FIELD_JOB_TITLE, NULL, "jobtitle|funkce|stanowisko|посада" },
  { FIELD_NOTES, NULL, "notes|poznámky|notatki|примітки" },
  { FIELD_BIRTHDAY, NULL, "birthday|narozeniny|urodziny|деньнародження" },
  { FIELD_WEBSITE, NULL, "webpage|personalwebpage|webovástránka|stronasieciweb|вебсторінка" },
  { FIELD_WORK_ADDRESS, NULL, "businessstreet|businessstreet2|businessstreet3|businesspostalcode|businesscity|businessstate|businesscountryregion|businesscountry" },
  { FIELD_HOME_ADDRESS, NULL, "homestreet|homestreet2|homestreet3|homepostalcode|homecity|homestate|homecountryregion|homecountry" },
  { FIELD_NONE, NULL, NULL }
};

static const FormatColumn thunderbird_columns[] = {
  { FIELD_FIRST_NAME, NULL, "firstname|jméno|imię|імя" },
  { FIELD_LAST_NAME, NULL, "lastname|příjmení|nazwisko|прізвище" },
  { FIELD_DISPLAY_NAME, NULL, "displayname|zobrazovanéjméno|wyświetlananazwa|показуванеімя" },
  { FIELD_EMAIL, NULL, "primaryemail|secondaryemail|primárníemail|sekundárníemail|podstawowyadresemail|dodatkowyadresemail|основнаелпошта|додатковаелпошта" },
  { FIELD_PHONE, "work", "workphone|telefondopráce|telefondozaměstnání|telefonsłużbowy|робочийтелефон" },
  { FIELD_PHONE, "home", "homephone|telefondomů|telefondomowy|домашнійтелефон" },
  { FIELD_PHONE, "mobile", "mobilenumber|mobil|telefonkomórkowy|мобільний" },
  { FIELD_JOB_TITLE, NULL, "jobtitle|funkce|stanowisko|посада" },
  { FIELD_COMPANY, NULL, "organization|organizace|organizacja|організація" },
  { FIELD_WEBSITE, NULL, "webpage1|webpage2" },
  { FIELD_BIRTH_YEAR, NULL, "birthyear" },
  { FIELD_BIRTH_MONTH, NULL, "birthmonth" },
  { FIELD_BIRTH_DAY, NULL, "birthday" },
  { FIELD_NOTES, NULL, "notes|poznámky|notatki|примітки" },
  { FIELD_WORK_ADDRESS, NULL, "workaddress|workaddress2|workzipcode|workcity|workstate|workcountry" },
  { FIELD_HOME_ADDRESS, NULL, "homeaddress|homeaddress2|homezipcode|homecity|homestate|homecountry" },
  { FIELD_NONE, NULL, NULL }
};

static const FormatColumn linkedin_columns[] = {
  { FIELD_FIRST_NAME, NULL, "firstname" },
  { FIELD_LAST_NAME, NULL, "lastname" },
  { FIELD_WEBSITE, NULL, "url" },
  { FIELD_EMAIL, NULL, "emailaddress" },
  { FIELD_COMPANY, NULL, "company" },
  { FIELD_JOB_TITLE, NULL, "position" },
  { FIELD_CONNECTED_ON, NULL, "connectedon" },
  { FIELD_NONE, NULL, NULL }
};

static const FormatColumn pipedrive_person_columns[] = {
  { FIELD_NAME, NULL, "name" },
  { FIELD_FIRST_NAME, NULL, "firstname" },
  { FIELD_LAST_NAME, NULL, "lastname" },
  { FIELD_COMPANY, NULL, "organization|organisation|organizationname" },
  { FIELD_EMAIL, "work", "emailwork" },
  { FIELD_EMAIL, "home", "emailhome" },
  { FIELD_EMAIL, NULL, "email|emailother" },
  { FIELD_PHONE, "work", "phonework" },
  { FIELD_PHONE, "mobile", "phonemobile" },
  { FIELD_PHONE, "home", "phonehome" },
  { FIELD_PHONE, NULL, "phone|phoneother" },
  { FIELD_JOB_TITLE, NULL, "jobtitle|title|position" },
  { FIELD_NOTES, NULL, "notes|note" },
  { FIELD_BIRTHDAY, NULL, "birthday" },
  { FIELD_WORK_ADDRESS, NULL, "postaladdress|address" },
  { FIELD_TAGS, NULL, "labels|label" },
  { FIELD_NONE, NULL, NULL }
};

static const FormatColumn pipedrive_organization_columns[] = {
  { FIELD_NAME, NULL, "name" },
  { FIELD_WEBSITE, NULL, "website" },
  { FIELD_INDUSTRY, NULL, "industry" },
  { FIELD_NOTES, NULL, "notes|note" },
  { FIELD_NONE, NULL, NULL }
};

static const FormatColumn pipedrive_deal_columns[] = {
  { FIELD_TITLE, NULL, "title" },
  { FIELD_AMOUNT, NULL, "value" },
  { FIELD_CURRENCY, NULL, "currency|currencyofvalue" },
  { FIELD_COMPANY, NULL, "organization|organisation|organizationname" },
  { FIELD_CONTACT, NULL, "contactperson|person|personname" },
  { FIELD_PIPELINE, NULL, "pipeline" },
  { FIELD_STAGE, NULL, "stage" },
  { FIELD_STATUS, NULL, "status" },
  { FIELD_LOST_REASON, NULL, "lostreason" },
  { FIELD_EXPECTED_CLOSE, NULL, "expectedclosedate" },
  { FIELD_PRODUCT, NULL, "product|productname" },
  { FIELD_NOTES, NULL, "notes|note" },
  { FIELD_NONE, NULL, NULL }
};

static const FormatColumn hubspot_contact_columns[] = {
  { FIELD_FIRST_NAME, NULL, "firstname" },
  { FIELD_LAST_NAME, NULL, "lastname" },
  { FIELD_EMAIL, NULL, "email" },
  { FIELD_PHONE, NULL, "phonenumber" },
  { FIELD_PHONE, "mobile", "mobilephonenumber" },
  { FIELD_JOB_TITLE, NULL, "jobtitle" },
  { FIELD_COMPANY, NULL, "companyname|associatedcompany" },
  { FIELD_WEBSITE, NULL, "websiteurl" },
  { FIELD_BIRTHDAY, NULL, "dateofbirth|birthdate" },
  { FIELD_WORK_ADDRESS, NULL, "streetaddress|postalcode|city|stateregion|countryregion" },
  { FIELD_NONE, NULL, NULL }
};

static const FormatColumn hubspot_company_columns[] = {
  { FIELD_NAME, NULL, "companyname|name" },
  { FIELD_WEBSITE, NULL, "websiteurl|companydomainname" },
  { FIELD_INDUSTRY, NULL, "industry" },
  { FIELD_PHONE, NULL, "phonenumber" },
  { FIELD_NOTES, NULL, "description|aboutus" },
  { FIELD_NONE, NULL, NULL }
};

static const FormatColumn hubspot_deal_columns[] = {
  { FIELD_TITLE, NULL, "dealname" },
  { FIELD_AMOUNT, NULL, "amount" },
  { FIELD_CURRENCY, NULL, "currency|dealcurrencycode|currencycode" },
  { FIELD_PIPELINE, NULL, "pipeline" },
  { FIELD_STAGE, NULL, "dealstage" },
  { FIELD_EXPECTED_CLOSE, NULL, "closedate" },
  { FIELD_COMPANY, NULL, "associatedcompany|companyname" },
  { FIELD_CONTACT, NULL, "associatedcontact" },
  { FIELD_LOST_REASON, NULL, "closedlostreason" },
  { FIELD_NOTES, NULL, "dealdescription|description" },
  { FIELD_NONE, NULL, NULL }
};

static const FormatColumn pipedrive_activity_columns[] = {
  { FIELD_TITLE, NULL, "subject" },
  { FIELD_KIND, NULL, "type" },
  { FIELD_DATE, NULL, "duedate" },
  { FIELD_TIME, NULL, "duetime" },
  { FIELD_NOTES, NULL, "note|publicdescription" },
  { FIELD_DEAL, NULL, "deal|dealtitle" },
  { FIELD_CONTACT, NULL, "person|contactperson|personname" },
  { FIELD_COMPANY, NULL, "organization|organisation|organizationname" },
  { FIELD_DONE, NULL, "done" },
  { FIELD_NONE, NULL, NULL }
};

static const FormatColumn pipedrive_note_columns[] = {
  { FIELD_NOTES, NULL, "content" },
  { FIELD_DATE, NULL, "addtime" },
  { FIELD_DEAL, NULL, "deal|dealtitle" },
  { FIELD_CONTACT, NULL, "person|contactperson|personname" },
  { FIELD_COMPANY, NULL, "organization|organisation|organizationname" },
  { FIELD_NONE, NULL, NULL }
};

/* The most specific first: a LinkedIn file has Outlook's "Email
 * Address" too. */
static const ImportFormat formats[] = {
  { N_("LinkedIn connections"), N_("Read as LinkedIn connections"), NUDGE_ENTITY_CONTACT,
    "firstname,lastname,connectedon", NULL, FALSE, NULL, linkedin_columns },
  { N_("Google Contacts export"), N_("Read as a Google Contacts export"), NUDGE_ENTITY_CONTACT,
    "email1value|phone1value|givenname|organization1name", NULL, TRUE, " ::: ", google_columns },
  { N_("Thunderbird address book"), N_("Read as a Thunderbird address book"), NUDGE_ENTITY_CONTACT,
    "primaryemail|primárníemail|podstawowyadresemail|основнаелпошта,"
    "displayname|zobrazovanéjméno|wyświetlananazwa|показуванеімя", NULL, FALSE, NULL, thunderbird_columns },
  { N_("HubSpot contacts export"), N_("Read as a HubSpot contacts export"), NUDGE_ENTITY_CONTACT,
    "recordid,firstname|lastname,email|phonenumber", NULL, FALSE, NULL, hubspot_contact_columns },
  { N_("Outlook export"), N_("Read as an Outlook export"), NUDGE_ENTITY_CONTACT,
    "firstname|křestníjméno|imię|імя,lastname|příjmení|nazwisko|прізвище,"
    "emailaddress|businessphone|mobilephone|emailováadresa|adresemail|telefonkomórkowy|mobilnítelefon", NULL, FALSE, NULL, outlook_columns },
  { N_("Pipedrive people export"), N_("Read as a Pipedrive people export"), NUDGE_ENTITY_CONTACT,
    "personname|personemailwork|personphonework|emailwork|phonework|emailhome|phonemobile",
    "person", FALSE, ",", pipedrive_person_columns },
  { N_("Pipedrive organizations export"), N_("Read as a Pipedrive organizations export"), NUDGE_ENTITY_COMPANY,
    "organizationname,organizationowner|organizationaddress|organizationpeople|organizationopendeals|organizationlabels",
    "organization", FALSE, NULL, pipedrive_organization_columns },
  { N_("HubSpot companies export"), N_("Read as a HubSpot companies export"), NUDGE_ENTITY_COMPANY,
    "recordid,companyname,companydomainname|companyowner|numberofemployees|annualrevenue", NULL, FALSE, NULL,
    hubspot_company_columns },
  { N_("Pipedrive deals export"), N_("Read as a Pipedrive deals export"), NUDGE_ENTITY_DEAL,
    "dealtitle|title,dealcontactperson|contactperson|dealorganization|dealpipeline|dealstage", "deal", FALSE, NULL, pipedrive_deal_columns },
  { N_("HubSpot deals export"), N_("Read as a HubSpot deals export"), NUDGE_ENTITY_DEAL,
    "dealname,dealstage", NULL, FALSE, NULL, hubspot_deal_columns },
  { N_("Pipedrive activities export"), N_("Read as a Pipedrive activities export"), NUDGE_ENTITY_ACTIVITY,
    "activitysubject,activitytype|activityduedate|activitydone", "activity", FALSE, NULL, pipedrive_activity_columns },
  { N_("Pipedrive notes export"), N_("Read as a Pipedrive notes export"), NUDGE_ENTITY_ACTIVITY,
    "notecontent", "note", FALSE, NULL, pipedrive_note_columns },
};

/* Said when a file of one kind is imported as another */
static const struct
{
  NudgeEntity  entity;
  const char  *message;
} other_entities[] = {
  /* Translators: %s is a kind of file, e.g. "Google Contacts export" */
  { NUDGE_ENTITY_CONTACT, N_("The file looks like a list of contacts (%s); import it as contacts") },
  /* Translators: %s is a kind of file, e.g. "HubSpot companies export" */
  { NUDGE_ENTITY_COMPANY, N_("The file looks like a list of companies (%s); import it as companies") },
  /* Translators: %s is a kind of file, e.g. "Pipedrive deals export" */
  { NUDGE_ENTITY_DEAL, N_("The file looks like a list of deals (%s); import it as deals") },
  /* Translators: %s is a kind of file, e.g. "Pipedrive notes export" */
  { NUDGE_ENTITY_ACTIVITY, N_("The file looks like a list of activities (%s); import it as activities") },
};

/* Lower case letters and digits only: "E-mail" and "email", "Expected
 * Close" and "expected_close" are the same column. */
char *
nudge_import_normalize_header (const char *text)
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

static gboolean
names_contain (GPtrArray  *names,
               const char *wanted)
{
  for (guint c = 0; c < names->len; c++)
    if (g_str_equal (g_ptr_array_index (names, c), wanted))
      return TRUE;
  return FALSE;
}

const ImportFormat *
nudge_import_detect_format (NudgeEntity  entity,
                            GPtrArray   *names)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_auto(GStrv) groups = NULL;
      gboolean all = TRUE;

      if (formats[i].entity != entity)
        continue;
      groups = g_strsplit (formats[i].signature, ",", -1);
      for (guint g = 0; all && groups[g] != NULL; g++)
        {
          g_auto(GStrv) alternatives = g_strsplit (groups[g], "|", -1);
          gboolean any = FALSE;

          for (guint a = 0; !any && alternatives[a] != NULL; a++)
            any = names_contain (names, alternatives[a]);
          all = any;
        }
      if (all)
        return &formats[i];
    }
  return NULL;
}

static char *
drop_digits (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

const FormatColumn *
nudge_import_match_format_column (const ImportFormat *format,
                                  const char         *normalized)
{
  g_autofree char *key = NULL;

  if (*normalized == '\0')
    return NULL;
  if (format->prefix != NULL && g_str_has_prefix (normalized, format->prefix) &&
      normalized[strlen (format->prefix)] != '\0')
    normalized += strlen (format->prefix);
  key = format->numbered ? drop_digits (normalized) : g_strdup (normalized);
  for (const FormatColumn *col = format->columns; col->aliases != NULL; col++)
    {
      g_auto(GStrv) aliases = g_strsplit (col->aliases, "|", -1);

      for (guint i = 0; aliases[i] != NULL; i++)
        if (g_str_equal (key, aliases[i]))
          return col;
    }
  return NULL;
}

/* Google's "E-mail 2 - Value" takes its type from "E-mail 2 - Type" (or
 * "- Label" in newer exports). */
int
nudge_import_find_label_column (GPtrArray  *names,
                                const char *value_name)
{
  const char *suffixes[] = { "type", "label" };
  g_autofree char *stem = NULL;

  if (!g_str_has_suffix (value_name, "value"))
    return -1;
  stem = g_strndup (value_name, strlen (value_name) - strlen ("value"));
  for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
    {
      g_autofree char *wanted = g_strconcat (stem, suffixes[s], NULL);

      for (guint c = 0; c < names->len; c++)
        if (g_str_equal (g_ptr_array_index (names, c), wanted))
          return c;
    }
  return -1;
}

gboolean
nudge_import_refuse_other_kind (NudgeEntity   entity,
                                GPtrArray    *names,
                                GError      **error)
{
  for (guint e = 0; e < G_N_ELEMENTS (other_entities); e++)
    {
      const ImportFormat *other;

      if (other_entities[e].entity == entity ||
          !(other = nudge_import_detect_format (other_entities[e].entity, names)))
        continue;
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   g_dgettext (GETTEXT_PACKAGE, other_entities[e].message),
                   g_dgettext (GETTEXT_PACKAGE, other->name));
      return FALSE;
    }
  return TRUE;
}
