/* nudge-import-match.c — imports that can be repeated: each row finds
 * the record it is about, fills in what changed, and says so in the
 * record's timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A contact is the same person when, in this order:
 *   1. one of the row's e-mail addresses is one of the contact's (case
 *      aside);
 *   2. one of its phone numbers is one of the contact's, read as digits
 *      only: numbers of nine digits or more agree on their last nine
 *      (the subscriber number of most European plans, so "+420 777 123
 *      456", "00420777123456" and "777 123 456" are one number, and so
 *      are "+44 20 7946 0958" and "020 7946 0958"); shorter ones agree
 *      digit for digit; fewer than six digits never match;
 *   3. the name and the company are the same (case aside).
 * A company is the same when its name agrees with case and accents
 * folded ("ACME s.r.o." = "Acme S.R.O.", "Škoda" = "skoda"), or its
 * website is on the same domain ("https://www.acme.cz/about" = "acme.cz").
 *
 * A matched record takes the row's values that differ from its own; an
 * empty cell never erases one. What changed goes into the record's
 * timeline as one line ("Imported: phone 777 123 456 → 777 999 000"),
 * kept in import_change rather than as an activity, so an import is not
 * taken for a touch (last activity, scores, cadences stay as they were).
 *
 * The book is read once into hash tables when the import starts; rows
 * added or changed by the file go into them too, so a file that names a
 * person twice makes one contact.
 */

#define G_LOG_DOMAIN "nudge-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "nudge-clock.h"
#include "nudge-import-private.h"
#include "nudge-records.h"
#include "nudge-store-private.h"

struct _NudgeImportMatch
{
  NudgeStore          *store;
  NudgeEntity          entity;
  gboolean             dry_run;
  guint                n_preview_rows;
  NudgeImportResult   *result;
  GHashTable          *emails;           /* casefolded address → gint64 contact id */
  GHashTable          *phones;           /* phone key → contact id */
  GHashTable          *names;            /* casefolded name "\x1f" folded company → contact id */
  GHashTable          *named;            /* an e-mail or phone key "\x1f" casefolded name → contact id:
                                          * of several contacts with one address, the one of that name */
  GHashTable          *company_names;    /* folded name → company id */
  GHashTable          *company_domains;  /* domain → company id */
  NudgeImportRowState  state;            /* of the row under way */
  GString             *changes;          /* of the row under way, for the timeline */
};

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

/* ---- keys --------------------------------------------------------------- */

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
  const char *scheme = strstr (website, "://");
  const char *at;
  gsize length;
  g_autofree char *host = NULL;

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

/* A book may hold two companies of one name: a person is matched by
 * the company's name, not by which of them. */
static char *
name_key (const char *name,
          const char *company)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  g_autofree char *folded_company = nudge_import_fold_name (company);

  return g_strconcat (folded, "\x1f", folded_company, NULL);
}

/* "key\x1fname", for the named table */
static char *
named_key (const char *key,
           const char *folded_name)
{
  return key != NULL ? g_strconcat (key, "\x1f", folded_name, NULL) : NULL;
}

/* The oldest record of a key wins. */
static void
remember (GHashTable *table,
          char       *key,
          gint64      id)
{
  if (key == NULL || *key == '\0' || g_hash_table_contains (table, key))
    {
      g_free (key);
      return;
    }
  g_hash_table_insert (table, key, g_memdup2 (&id, sizeof id));
}

static gint64
recall (GHashTable *table,
        const char *key)
{
  gint64 *id = key != NULL ? g_hash_table_lookup (table, key) : NULL;

  return id != NULL ? *id : 0;
}

/* An e-mail address (@is_email) or a phone number of contact @id */
static void
remember_channel (GHashTable *table,
                  GHashTable *named,
                  gboolean    is_email,
                  const char *value,
                  const char *folded_name,
                  gint64      id)
{
  char *key = is_email ? g_utf8_casefold (value, -1) : nudge_import_phone_key (value);

  if (key == NULL)
    return;
  remember (named, named_key (key, folded_name), id);
  remember (table, key, id);
}

static GHashTable *
new_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
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
        {
          g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                       _("“%s” is not “File column=field”"), pairs[i]);
          return FALSE;
        }
      column = g_strstrip (g_strndup (pairs[i], equals - pairs[i]));
      field = g_strstrip (g_strdup (equals + 1));
      if (!g_str_equal (field, "ignore") && nudge_import_field_from_key (field) == FIELD_NONE)
        {
          g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                       _("“%s” is not a field (name, email, phone, company, job-title, notes… or ignore)"), field);
          return FALSE;
        }
      g_hash_table_insert (mapping, g_steal_pointer (&column), g_steal_pointer (&field));
    }
  return TRUE;
}

/* ---- reading the book once ------------------------------------------------ */

static void
load_companies (NudgeImportMatch *match)
{
  sqlite3_stmt *stmt = nudge_store_prepare (match->store,
                                            "SELECT id, name, website FROM company WHERE trashed_at IS NULL ORDER BY id",
                                            NULL);

  if (stmt == NULL)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *website = (const char *) sqlite3_column_text (stmt, 2);

      remember (match->company_names, nudge_import_fold_name ((const char *) sqlite3_column_text (stmt, 1)), id);
      if (website != NULL && *website != '\0')
        remember (match->company_domains, nudge_import_website_domain (website), id);
    }
  sqlite3_reset (stmt);
}

static void
load_contacts (NudgeImportMatch *match)
{
  sqlite3_stmt *stmt = nudge_store_prepare (match->store,
                                            "SELECT c.id, c.name, c.email, c.phone, COALESCE(co.name, '') FROM contact c"
                                            " LEFT JOIN company co ON co.id = c.company_id"
                                            " WHERE c.trashed_at IS NULL ORDER BY c.id", NULL);

  if (stmt == NULL)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *email = (const char *) sqlite3_column_text (stmt, 2);
      const char *phone = (const char *) sqlite3_column_text (stmt, 3);
      g_autofree char *folded_name = g_utf8_casefold (name, -1);

      remember (match->names, name_key (name, (const char *) sqlite3_column_text (stmt, 4)), id);
      if (email != NULL && *email != '\0')
        remember_channel (match->emails, match->named, TRUE, email, folded_name, id);
      if (phone != NULL && *phone != '\0')
        remember_channel (match->phones, match->named, FALSE, phone, folded_name, id);
    }
  sqlite3_reset (stmt);

  stmt = nudge_store_prepare (match->store,
                              "SELECT ch.contact_id, ch.kind, ch.value, c.name FROM contact_channel ch"
                              " JOIN contact c ON c.id = ch.contact_id WHERE c.trashed_at IS NULL ORDER BY ch.contact_id",
                              NULL);
  if (stmt == NULL)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 2);
      g_autofree char *folded_name = g_utf8_casefold ((const char *) sqlite3_column_text (stmt, 3), -1);

      remember_channel (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "email") == 0 ? match->emails : match->phones,
                        match->named, g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "email") == 0,
                        value, folded_name, id);
    }
  sqlite3_reset (stmt);
}

NudgeImportMatch *
nudge_import_match_new (NudgeStore               *store,
                        NudgeEntity               entity,
                        const NudgeImportOptions *options,
                        NudgeImportResult        *result)
{
  NudgeImportMatch *match = g_new0 (NudgeImportMatch, 1);

  match->store = store;
  match->entity = entity;
  match->dry_run = options != NULL && options->dry_run;
  match->n_preview_rows = options != NULL ? options->n_preview_rows : 0;
  match->result = result;
  match->emails = new_table ();
  match->phones = new_table ();
  match->names = new_table ();
  match->named = new_table ();
  match->company_names = new_table ();
  match->company_domains = new_table ();
  match->changes = g_string_new (NULL);
  if (entity == NUDGE_ENTITY_COMPANY || entity == NUDGE_ENTITY_CONTACT)
    load_companies (match);
  if (entity == NUDGE_ENTITY_CONTACT)
    load_contacts (match);
  return match;
}

void
nudge_import_match_free (NudgeImportMatch *match)
{
  if (match == NULL)
    return;
  g_hash_table_unref (match->emails);
  g_hash_table_unref (match->phones);
  g_hash_table_unref (match->names);
  g_hash_table_unref (match->named);
  g_hash_table_unref (match->company_names);
  g_hash_table_unref (match->company_domains);
  g_string_free (match->changes, TRUE);
  g_free (match);
}

gboolean
nudge_import_match_is_dry_run (NudgeImportMatch *match)
{
  return match->dry_run;
}

NudgeImportRowState
nudge_import_match_row_state (NudgeImportMatch *match)
{
  return match->state;
}

/* ---- one row ------------------------------------------------------------------ */

/* A dry run puts each row in a savepoint of its own: a bad row is
 * undone and counted, and the rows after it are still read. */
gboolean
nudge_import_match_begin_row (NudgeImportMatch  *match,
                              GError           **error)
{
  match->state = NUDGE_IMPORT_ROW_NEW;
  g_string_truncate (match->changes, 0);
  return !match->dry_run || nudge_store_begin (match->store, error);
}

static void
add_preview_row (NudgeImportMatch    *match,
                 NudgeImportRowState  state,
                 guint                line,
                 const char          *name,
                 const char          *detail)
{
  NudgeImportPreviewRow *row;

  if (match->result->preview_rows == NULL || match->result->preview_rows->len >= match->n_preview_rows)
    return;
  row = g_new0 (NudgeImportPreviewRow, 1);
  row->state = state;
  row->line = line;
  row->name = nudge_import_shorten (name != NULL ? name : "");
  row->detail = g_strdup (detail != NULL ? detail : "");
  g_ptr_array_add (match->result->preview_rows, row);
}

/**
 * nudge_import_match_end_row:
 * @id: the row's record, or 0 when @row_error says why not
 *
 * Counts the row. A bad row stops a real import (@row_error moves to
 * @error, FALSE); a dry run undoes it, counts it and goes on.
 */
gboolean
nudge_import_match_end_row (NudgeImportMatch  *match,
                            guint              line,
                            gint64             id,
                            const char        *name,
                            const char        *detail,
                            GError           **row_error,
                            GError           **error)
{
  NudgeImportResult *result = match->result;

  if (id > 0)
    {
      if (match->dry_run && !nudge_store_commit (match->store, error))
        return FALSE;
      switch (match->state)
        {
        case NUDGE_IMPORT_ROW_UPDATED: result->n_updated++; detail = match->changes->str; break;
        case NUDGE_IMPORT_ROW_UNCHANGED: result->n_unchanged++; break;
        case NUDGE_IMPORT_ROW_NEW:
        case NUDGE_IMPORT_ROW_ERROR:
        default: result->n_new++; break;
        }
      add_preview_row (match, match->state, line, name, detail);
      return TRUE;
    }

  if (!match->dry_run)
    {
      if (row_error != NULL && *row_error != NULL)
        g_propagate_error (error, g_steal_pointer (row_error));
      else
        g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID, _("Line %u could not be imported"), line);
      return FALSE;
    }
  nudge_store_rollback (match->store);
  result->n_errors++;
  {
    const char *message = row_error != NULL && *row_error != NULL ? (*row_error)->message : "";

    if (result->errors != NULL)
      g_ptr_array_add (result->errors, g_strdup (message));
    add_preview_row (match, NUDGE_IMPORT_ROW_ERROR, line, name, message);
  }
  if (row_error != NULL)
    g_clear_error (row_error);
  return TRUE;
}

static void
note_change (NudgeImportMatch *match,
             const char       *label,
             const char       *before,
             const char       *after)
{
  g_autofree char *shown_before = NULL;
  g_autofree char *shown_after = nudge_import_shorten (after);

  if (match->changes->len > 0)
    g_string_append (match->changes, ", ");
  if (before == NULL || *before == '\0')
    /* Translators: what an import filled in, e.g. "job title Sales manager" */
    g_string_append_printf (match->changes, _("%s %s"), label, shown_after);
  else
    {
      shown_before = nudge_import_shorten (before);
      /* Translators: what an import changed, e.g. "phone 777 123 456 → 777 999 000" */
      g_string_append_printf (match->changes, _("%s %s → %s"), label, shown_before, shown_after);
    }
}

static gboolean
log_changes (NudgeImportMatch  *match,
             gint64             contact_id,
             gint64             company_id,
             GError           **error)
{
  static const char sql[] =
    "INSERT INTO import_change (contact_id, company_id, at, summary) VALUES (?1, ?2, ?3, ?4)";
  g_autofree char *summary = NULL;
  sqlite3_stmt *stmt;

  if (match->changes->len == 0)
    {
      match->state = NUDGE_IMPORT_ROW_UNCHANGED;
      return TRUE;
    }
  match->state = NUDGE_IMPORT_ROW_UPDATED;
  nudge_store_queue_change (match->store, contact_id > 0 ? NUDGE_ENTITY_CONTACT : NUDGE_ENTITY_COMPANY,
                            contact_id > 0 ? contact_id : company_id, NUDGE_CHANGE_UPDATED);
  /* Translators: a line of a record's timeline, e.g. "Imported: phone 777 123 456 → 777 999 000" */
  summary = g_strdup_printf (_("Imported: %s"), match->changes->str);
  if (!(stmt = nudge_store_prepare (match->store, sql, error)))
    return FALSE;
  nudge_sql_bind_id (stmt, 1, contact_id);
  nudge_sql_bind_id (stmt, 2, company_id);
  sqlite3_bind_int64 (stmt, 3, nudge_clock_now ());
  nudge_sql_bind_text (stmt, 4, summary);
  return nudge_store_step_done (match->store, stmt, error);
}

/* A value the row brings and the record lacks or has otherwise */
static gboolean
differs (const char *row_value,
         const char *stored)
{
  return row_value != NULL && *row_value != '\0' && g_strcmp0 (row_value, stored) != 0;
}

static gboolean
same_email (const char *a,
            const char *b)
{
  g_autofree char *x = g_utf8_casefold (a, -1);
  g_autofree char *y = g_utf8_casefold (b, -1);

  return g_str_equal (x, y);
}

static gboolean
same_phone (const char *a,
            const char *b)
{
  g_autofree char *x = nudge_import_phone_key (a);
  g_autofree char *y = nudge_import_phone_key (b);

  return g_str_equal (a, b) || (x != NULL && g_strcmp0 (x, y) == 0);
}

static gboolean
same_company (const char *a,
              const char *b)
{
  g_autofree char *x = nudge_import_fold_name (a);
  g_autofree char *y = nudge_import_fold_name (b != NULL ? b : "");

  return g_str_equal (x, y);
}

/* ---- companies ------------------------------------------------------------------ */

void
nudge_import_match_add_company (NudgeImportMatch *match,
                  gint64            id,
                  const char       *name,
                  const char       *website)
{
  remember (match->company_names, nudge_import_fold_name (name), id);
  if (website != NULL && *website != '\0')
    remember (match->company_domains, nudge_import_website_domain (website), id);
}

/* The company a contact row names, made when the book has none by that
 * name (accents and case aside). */
gboolean
nudge_import_match_company_for (NudgeImportMatch  *match,
                                const char        *name,
                                gint64            *out_id,
                                GError           **error)
{
  g_autoptr(NudgeCompany) company = NULL;
  g_autofree char *folded = NULL;
  gint64 id;

  *out_id = 0;
  if (*name == '\0')
    return TRUE;
  folded = nudge_import_fold_name (name);
  if ((*out_id = recall (match->company_names, folded)) > 0)
    return TRUE;
  company = nudge_company_new ();
  g_object_set (company, "name", name, NULL);
  if (!(id = nudge_store_save_company (match->store, company, error)))
    return FALSE;
  g_array_append_val (match->result->company_ids, id);
  match->result->n_companies_added++;
  nudge_import_match_add_company (match, id, name, NULL);
  *out_id = id;
  return TRUE;
}

/* A company row: the one of that name or website, brought up to date,
 * or 0 with no error when the book has none (the caller adds it). */
gint64
nudge_import_match_company_row (NudgeImportMatch   *match,
                                const char * const *v,
                                GError            **error)
{
  g_autofree char *folded = nudge_import_fold_name (v[FIELD_NAME]);
  g_autofree char *domain = *v[FIELD_WEBSITE] != '\0' ? nudge_import_website_domain (v[FIELD_WEBSITE]) : NULL;
  g_autoptr(NudgeCompany) company = NULL;
  gint64 id;
  gboolean changed = FALSE;

  if (!(id = recall (match->company_names, folded)) && !(id = recall (match->company_domains, domain)))
    return 0;
  if (!(company = nudge_store_get_company (match->store, id, error)))
    return 0;

#define TAKE(field, prop, label, stored)                                \
  if (differs (v[field], stored))                                       \
    {                                                                   \
      note_change (match, label, stored, v[field]);                     \
      g_object_set (company, prop, v[field], NULL);                     \
      changed = TRUE;                                                   \
    }
  TAKE (FIELD_INDUSTRY, "industry", _("industry"), nudge_company_get_industry (company));
  if (domain != NULL)
    {
      g_autofree char *stored = nudge_import_website_domain (nudge_company_get_website (company));

      if (g_strcmp0 (stored, domain) != 0)
        {
          TAKE (FIELD_WEBSITE, "website", _("website"), nudge_company_get_website (company));
        }
    }
  if (*v[FIELD_PHONE] != '\0' && !same_phone (v[FIELD_PHONE], nudge_company_get_phone (company)))
    {
      TAKE (FIELD_PHONE, "phone", _("phone"), nudge_company_get_phone (company));
    }
  if (*v[FIELD_EMAIL] != '\0' && !same_email (v[FIELD_EMAIL], nudge_company_get_email (company)))
    {
      TAKE (FIELD_EMAIL, "email", _("e-mail"), nudge_company_get_email (company));
    }
  TAKE (FIELD_NOTES, "notes", _("notes"), nudge_company_get_notes (company));
#undef TAKE

  if (changed && !nudge_store_save_company (match->store, company, error))
    return 0;
  if (!log_changes (match, 0, id, error))
    return 0;
  nudge_import_match_add_company (match, id, v[FIELD_NAME], nudge_company_get_website (company));
  return id;
}

/* ---- contacts ------------------------------------------------------------------ */

/* The contact of @kind's values (e-mail or phone) of the row: the
 * first value the book knows; of several contacts with it, the one of
 * the row's name. */
static gint64
find_by_channel (NudgeImportMatch *match,
                 Field             kind,
                 const char       *primary,
                 ContactExtras    *extras,
                 const char       *folded_name)
{
  GHashTable *table = kind == FIELD_EMAIL ? match->emails : match->phones;

  for (int i = -1; i < (int) extras->channels->len; i++)
    {
      const Channel *channel = i >= 0 ? g_ptr_array_index (extras->channels, i) : NULL;
      const char *value = channel != NULL ? channel->value : primary;
      g_autofree char *key = NULL;
      g_autofree char *named = NULL;
      gint64 id;

      if ((channel != NULL && channel->kind != kind) || *value == '\0')
        continue;
      key = kind == FIELD_EMAIL ? g_utf8_casefold (value, -1) : nudge_import_phone_key (value);
      if (key == NULL)
        continue;
      named = named_key (key, folded_name);
      if ((id = recall (match->named, named)) > 0 || (id = recall (table, key)) > 0)
        return id;
    }
  return 0;
}

static gint64
find_contact (NudgeImportMatch *match,
              const char       *name,
              const char       *company,
              ContactExtras    *extras,
              const char       *email,
              const char       *phone)
{
  g_autofree char *folded_name = g_utf8_casefold (name, -1);
  g_autofree char *key = NULL;
  gint64 id;

  if ((id = find_by_channel (match, FIELD_EMAIL, email, extras, folded_name)) > 0 ||
      (id = find_by_channel (match, FIELD_PHONE, phone, extras, folded_name)) > 0)
    return id;
  key = name_key (name, company);
  return recall (match->names, key);
}

void
nudge_import_match_add_contact (NudgeImportMatch *match,
                                gint64            id,
                                const char       *name,
                                const char       *company,
                                ContactExtras    *extras,
                                const char       *email,
                                const char       *phone)
{
  g_autofree char *folded_name = g_utf8_casefold (name, -1);

  remember (match->names, name_key (name, company), id);
  if (*email != '\0')
    remember_channel (match->emails, match->named, TRUE, email, folded_name, id);
  if (*phone != '\0')
    remember_channel (match->phones, match->named, FALSE, phone, folded_name, id);
  for (guint i = 0; i < extras->channels->len; i++)
    {
      const Channel *channel = g_ptr_array_index (extras->channels, i);

      remember_channel (channel->kind == FIELD_EMAIL ? match->emails : match->phones, match->named,
                        channel->kind == FIELD_EMAIL, channel->value, folded_name, id);
    }
}

/* The channels a matched contact lacks, added after its own */
static gboolean
add_missing_channels (NudgeImportMatch  *match,
                      gint64             id,
                      ContactExtras     *extras,
                      const char        *email,
                      const char        *phone,
                      GError           **error)
{
  static const char insert_sql[] =
    "INSERT INTO contact_channel (contact_id, kind, label, value, position) VALUES (?1, ?2, ?3, ?4, ?5)";
  g_autoptr(GPtrArray) known = NULL;
  guint position;

  if (extras->channels->len == 0)
    return TRUE;
  if (!(known = nudge_store_list_contact_channels (match->store, id, error)))
    return FALSE;
  position = known->len;
  for (guint i = 0; i < extras->channels->len; i++)
    {
      const Channel *channel = g_ptr_array_index (extras->channels, i);
      gboolean is_email = channel->kind == FIELD_EMAIL;
      gboolean found = FALSE;
      sqlite3_stmt *stmt;

      for (guint k = 0; k < known->len && !found; k++)
        {
          char **entry = g_ptr_array_index (known, k);

          if (g_str_equal (entry[0], is_email ? "email" : "phone"))
            found = is_email ? same_email (entry[2], channel->value) : same_phone (entry[2], channel->value);
        }
      if (found)
        continue;
      if (!(stmt = nudge_store_prepare (match->store, insert_sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      nudge_sql_bind_text (stmt, 2, is_email ? "email" : "phone");
      nudge_sql_bind_text (stmt, 3, channel->label);
      nudge_sql_bind_text (stmt, 4, channel->value);
      sqlite3_bind_int (stmt, 5, position++);
      if (!nudge_store_step_done (match->store, stmt, error))
        return FALSE;
      {
        char **entry = g_new0 (char *, 4);

        entry[0] = g_strdup (is_email ? "email" : "phone");
        entry[1] = g_strdup (channel->label);
        entry[2] = g_strdup (channel->value);
        g_ptr_array_add (known, entry);
      }
      /* The primary one was said already */
      if (!g_str_equal (channel->value, is_email ? email : phone))
        note_change (match, is_email ? _("e-mail added") : _("phone added"), NULL, channel->value);
    }
  return TRUE;
}

/**
 * nudge_import_match_contact:
 *
 * The contact the row is about, brought up to date with the values it
 * lacks or has otherwise; 0 with no error when the book has none.
 */
gint64
nudge_import_match_contact (NudgeImportMatch   *match,
                            const char         *name,
                            gint64              company_id,
                            const char * const *v,
                            ContactExtras      *extras,
                            const char         *email,
                            const char         *phone,
                            const char         *birthday,
                            const char         *address,
                            GError            **error)
{
  static const char extras_sql[] =
    "UPDATE contact SET birthday = ?2, address = ?3, website = ?4 WHERE id = ?1";
  g_autoptr(NudgeContact) contact = NULL;
  gint64 id;
  gboolean changed = FALSE, extras_changed = FALSE;
  const char *new_birthday, *new_address, *new_website;

  if (!(id = find_contact (match, name, v[FIELD_COMPANY], extras, email, phone)))
    return 0;
  if (!(contact = nudge_store_get_contact (match->store, id, error)))
    return 0;

#define TAKE(value, prop, label, stored)                                \
  if (differs (value, stored))                                          \
    {                                                                   \
      note_change (match, label, stored, value);                        \
      g_object_set (contact, prop, value, NULL);                        \
      changed = TRUE;                                                   \
    }
  TAKE (name, "name", _("name"), nudge_contact_get_name (contact));
  if (*email != '\0' && !same_email (email, nudge_contact_get_email (contact)))
    {
      TAKE (email, "email", _("e-mail"), nudge_contact_get_email (contact));
    }
  if (*phone != '\0' && !same_phone (phone, nudge_contact_get_phone (contact)))
    {
      TAKE (phone, "phone", _("phone"), nudge_contact_get_phone (contact));
    }
  TAKE (v[FIELD_JOB_TITLE], "title", _("job title"), nudge_contact_get_title (contact));
  TAKE (v[FIELD_SOURCE], "source", _("lead source"), nudge_contact_get_source (contact));
  TAKE (v[FIELD_TAGS], "tags", _("tags"), nudge_contact_get_tags (contact));
  TAKE (v[FIELD_NOTES], "notes", _("notes"), nudge_contact_get_notes (contact));
#undef TAKE
  if (company_id > 0 && company_id != nudge_contact_get_company_id (contact) &&
      !same_company (v[FIELD_COMPANY], nudge_contact_get_company_name (contact)))
    {
      g_autoptr(NudgeCompany) company = nudge_store_get_company (match->store, company_id, NULL);

      note_change (match, _("company"), nudge_contact_get_company_name (contact),
                   company != NULL ? nudge_company_get_name (company) : "");
      g_object_set (contact, "company-id", company_id, NULL);
      changed = TRUE;
    }

  new_birthday = nudge_contact_get_birthday (contact);
  new_address = nudge_contact_get_address (contact);
  new_website = nudge_contact_get_website (contact);
  if (differs (birthday, new_birthday))
    {
      note_change (match, _("birthday"), new_birthday, birthday);
      new_birthday = birthday;
      extras_changed = TRUE;
    }
  if (differs (address, new_address))
    {
      note_change (match, _("address"), new_address, address);
      new_address = address;
      extras_changed = TRUE;
    }
  if (differs (v[FIELD_WEBSITE], new_website))
    {
      note_change (match, _("website"), new_website, v[FIELD_WEBSITE]);
      new_website = v[FIELD_WEBSITE];
      extras_changed = TRUE;
    }

  if (changed && !nudge_store_save_contact (match->store, contact, error))
    return 0;
  if (extras_changed)
    {
      sqlite3_stmt *stmt;

      if (!nudge_check_text (_("Address"), new_address, NUDGE_MAX_SHORT_CHARS, FALSE, error) ||
          !nudge_check_text (_("Website"), new_website, NUDGE_MAX_URL_CHARS, FALSE, error) ||
          !(stmt = nudge_store_prepare (match->store, extras_sql, error)))
        return 0;
      sqlite3_bind_int64 (stmt, 1, id);
      nudge_sql_bind_text (stmt, 2, new_birthday);
      nudge_sql_bind_text (stmt, 3, new_address);
      nudge_sql_bind_text (stmt, 4, new_website);
      if (!nudge_store_step_done (match->store, stmt, error))
        return 0;
      nudge_store_queue_change (match->store, NUDGE_ENTITY_CONTACT, id, NUDGE_CHANGE_UPDATED);
    }
  if (!add_missing_channels (match, id, extras, email, phone, error))
    return 0;
  if (!log_changes (match, id, 0, error))
    return 0;
  nudge_import_match_add_contact (match, id, nudge_contact_get_name (contact),
                                  *v[FIELD_COMPANY] != '\0' ? v[FIELD_COMPANY] : nudge_contact_get_company_name (contact),
                                  extras, email, phone);
  return id;
}
