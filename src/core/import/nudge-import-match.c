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
 * A deal is the same when its title and company agree likewise
 * (nudge-import-deals.c).
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

gint64
nudge_import_recall (GHashTable *table,
                     const char *key)
{
  gint64 *id = key != NULL ? g_hash_table_lookup (table, key) : NULL;

  return id != NULL ? *id : 0;
}

/* What an e-mail address (@is_email) or a phone number is matched by;
 * NULL for a number without digits */
static char *
channel_key (gboolean    is_email,
             const char *value)
{
  return is_email ? g_utf8_casefold (value, -1) : nudge_import_phone_key (value);
}

/* An e-mail address (@is_email) or a phone number of contact @id */
static void
remember_channel (NudgeImportMatch *match,
                  gboolean          is_email,
                  const char       *value,
                  const char       *folded_name,
                  gint64            id)
{
  char *key = channel_key (is_email, value);

  if (key == NULL)
    return;
  remember (match->named, named_key (key, folded_name), id);
  remember (is_email ? match->emails : match->phones, key, id);
}

/* Contact @id by its name and company, its e-mail and its phone */
static void
remember_contact (NudgeImportMatch *match,
                  gint64            id,
                  const char       *name,
                  const char       *company,
                  const char       *email,
                  const char       *phone)
{
  g_autofree char *folded_name = g_utf8_casefold (name, -1);

  remember (match->names, name_key (name, company), id);
  if (email != NULL && *email != '\0')
    remember_channel (match, TRUE, email, folded_name, id);
  if (phone != NULL && *phone != '\0')
    remember_channel (match, FALSE, phone, folded_name, id);
}

static GHashTable *
new_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* ---- reading the book once ------------------------------------------------ */

/* @read_row on every row of @sql, whose first column is the id; FALSE
 * when the query cannot be prepared. */
gboolean
nudge_import_load_rows (NudgeImportMatch   *match,
                        const char         *sql,
                        NudgeImportRowFunc  read_row)
{
  sqlite3_stmt *stmt = nudge_store_prepare (match->store, sql, NULL);

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    read_row (match, stmt, sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  return TRUE;
}

static void
read_company (NudgeImportMatch *match,
              sqlite3_stmt     *stmt,
              gint64            id)
{
  const char *website = (const char *) sqlite3_column_text (stmt, 2);

  remember (match->company_names, nudge_import_fold_name ((const char *) sqlite3_column_text (stmt, 1)), id);
  if (website != NULL && *website != '\0')
    remember (match->company_domains, nudge_import_website_domain (website), id);
}

static void
read_contact (NudgeImportMatch *match,
              sqlite3_stmt     *stmt,
              gint64            id)
{
  remember_contact (match, id, (const char *) sqlite3_column_text (stmt, 1),
                    (const char *) sqlite3_column_text (stmt, 4),
                    (const char *) sqlite3_column_text (stmt, 2),
                    (const char *) sqlite3_column_text (stmt, 3));
}

static void
read_contact_channel (NudgeImportMatch *match,
                      sqlite3_stmt     *stmt,
                      gint64            id)
{
  gboolean is_email = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "email") == 0;
  const char *value = (const char *) sqlite3_column_text (stmt, 2);
  g_autofree char *folded_name = g_utf8_casefold ((const char *) sqlite3_column_text (stmt, 3), -1);

  remember_channel (match, is_email, value, folded_name, id);
}

static void
load_companies (NudgeImportMatch *match)
{
  nudge_import_load_rows (match, "SELECT id, name, website FROM company WHERE trashed_at IS NULL ORDER BY id",
                          read_company);
}

static void
load_contacts (NudgeImportMatch *match)
{
  if (nudge_import_load_rows (match,
                              "SELECT c.id, c.name, c.email, c.phone, COALESCE(co.name, '') FROM contact c"
                              " LEFT JOIN company co ON co.id = c.company_id"
                              " WHERE c.trashed_at IS NULL ORDER BY c.id", read_contact))
    nudge_import_load_rows (match,
                            "SELECT ch.contact_id, ch.kind, ch.value, c.name FROM contact_channel ch"
                            " JOIN contact c ON c.id = ch.contact_id WHERE c.trashed_at IS NULL"
                            " ORDER BY ch.contact_id", read_contact_channel);
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
  match->skip_lines = options != NULL ? options->skip_lines : NULL;
  match->result = result;
  match->emails = new_table ();
  match->phones = new_table ();
  match->names = new_table ();
  match->named = new_table ();
  match->company_names = new_table ();
  match->company_domains = new_table ();
  match->deal_keys = new_table ();
  match->changes = g_string_new (NULL);
  match->virtual_rows = match->dry_run && (entity == NUDGE_ENTITY_COMPANY || entity == NUDGE_ENTITY_CONTACT);
  match->next_virtual_id = G_GINT64_CONSTANT (1) << 60;
  match->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  match->pending_channels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                   (GDestroyNotify) g_ptr_array_unref);
  if (entity == NUDGE_ENTITY_COMPANY || entity == NUDGE_ENTITY_CONTACT)
    load_companies (match);
  if (entity == NUDGE_ENTITY_CONTACT)
    load_contacts (match);
  if (entity == NUDGE_ENTITY_DEAL)
    nudge_import_load_deals (match);
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
  g_hash_table_unref (match->deal_keys);
  g_string_free (match->changes, TRUE);
  g_hash_table_unref (match->pending);
  g_hash_table_unref (match->pending_channels);
  g_free (match);
}

gboolean
nudge_import_match_is_dry_run (NudgeImportMatch *match)
{
  return match->dry_run;
}

/* TRUE when the rows are checked and counted without being written */
gboolean
nudge_import_match_is_virtual (NudgeImportMatch *match)
{
  return match->virtual_rows;
}

static void
keep_pending (NudgeImportMatch *match,
              gint64            id,
              gpointer          record)
{
  g_hash_table_replace (match->pending, g_memdup2 (&id, sizeof id), g_object_ref (record));
}

typedef gpointer (*GetRecordFunc) (NudgeStore  *store,
                                   gint64       id,
                                   GError     **error);

/* Record @id as the rows so far left it, else as @get_record reads it
 * from the book */
static gpointer
get_pending (NudgeImportMatch  *match,
             gint64             id,
             GetRecordFunc      get_record,
             GError           **error)
{
  GObject *pending = g_hash_table_lookup (match->pending, &id);

  return pending != NULL ? g_object_ref (pending) : get_record (match->store, id, error);
}

static NudgeContact *
get_contact (NudgeImportMatch  *match,
             gint64             id,
             GError           **error)
{
  return get_pending (match, id, (GetRecordFunc) nudge_store_get_contact, error);
}

static NudgeCompany *
get_company (NudgeImportMatch  *match,
             gint64             id,
             GError           **error)
{
  return get_pending (match, id, (GetRecordFunc) nudge_store_get_company, error);
}

static void
set_text (char       **slot,
          const char  *value)
{
  g_free (*slot);
  *slot = g_strdup (value != NULL ? value : "");
}

/**
 * nudge_import_match_add_virtual_contact:
 *
 * In a dry run, a new contact as the import would save it, with the
 * company, birthday, address, website and channels of @row: checked as
 * the store checks it, kept in memory under an id of its own.
 */
gint64
nudge_import_match_add_virtual_contact (NudgeImportMatch  *match,
                                        NudgeContact      *contact,
                                        const ContactRow  *row,
                                        GError           **error)
{
  char **texts[] = { &contact->name, &contact->email, &contact->phone, &contact->title, &contact->source,
                     &contact->tags, &contact->notes, &contact->temperature };
  GPtrArray *channels;
  gint64 id;

  /* As a saved contact reads back: "" for none */
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (*texts[i] == NULL)
      *texts[i] = g_strdup ("");
  g_strstrip (contact->name);
  set_text (&contact->company_name, row->v[FIELD_COMPANY]);
  set_text (&contact->birthday, row->birthday);
  set_text (&contact->address, row->address);
  set_text (&contact->website, row->v[FIELD_WEBSITE]);
  if (!nudge_import_check_contact (contact, error))
    return 0;
  id = match->next_virtual_id++;
  contact->id = id;
  keep_pending (match, id, contact);
  channels = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < row->extras->channels->len; i++)
    {
      const Channel *channel = g_ptr_array_index (row->extras->channels, i);
      char **entry = g_new0 (char *, 4);

      entry[0] = g_strdup (channel->kind == FIELD_EMAIL ? "email" : "phone");
      entry[1] = g_strdup (channel->label);
      entry[2] = g_strdup (channel->value);
      g_ptr_array_add (channels, entry);
    }
  g_hash_table_replace (match->pending_channels, g_memdup2 (&id, sizeof id), channels);
  return id;
}

/* In a dry run, a new company, likewise */
gint64
nudge_import_match_add_virtual_company (NudgeImportMatch  *match,
                                        NudgeCompany      *company,
                                        GError           **error)
{
  char **texts[] = { &company->name, &company->industry, &company->website, &company->phone,
                     &company->email, &company->notes };
  gint64 id;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (*texts[i] == NULL)
      *texts[i] = g_strdup ("");
  if (!nudge_check_company (company, error))
    return 0;
  id = match->next_virtual_id++;
  company->id = id;
  keep_pending (match, id, company);
  return id;
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
  match->row_first_company = match->result->company_ids->len;
  match->row_first_created = match->result->created->len;
  return !match->dry_run || match->virtual_rows || nudge_store_begin (match->store, error);
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
      if (match->dry_run && !match->virtual_rows && !nudge_store_commit (match->store, error))
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
  if (!match->virtual_rows)
    nudge_store_rollback (match->store);
  nudge_import_match_forget_row (match);
  result->n_errors++;
  if (result->error_lines != NULL)
    g_array_append_val (result->error_lines, line);
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

/* Adds @text, a change said in words of its own, to what the row changed */
void
nudge_import_note (NudgeImportMatch *match,
                   const char       *text)
{
  if (match->changes->len > 0)
    g_string_append (match->changes, ", ");
  g_string_append (match->changes, text);
}

/* Says in the row's changes that @label went from @before (NULL or ""
 * for nothing) to @after */
void
nudge_import_note_change (NudgeImportMatch *match,
                          const char       *label,
                          const char       *before,
                          const char       *after)
{
  g_autofree char *shown_before = NULL;
  g_autofree char *shown_after = nudge_import_shorten (after);
  g_autofree char *text = NULL;

  if (before == NULL || *before == '\0')
    /* Translators: what an import filled in, e.g. "job title Sales manager" */
    text = g_strdup_printf (_("%s %s"), label, shown_after);
  else
    {
      shown_before = nudge_import_shorten (before);
      /* Translators: what an import changed, e.g. "phone 777 123 456 → 777 999 000" */
      text = g_strdup_printf (_("%s %s → %s"), label, shown_before, shown_after);
    }
  nudge_import_note (match, text);
}

/* The row's state by its changes, which go into the timeline of record
 * @id (a contact, a company or a deal) as one line; 0: none to write. */
gboolean
nudge_import_log_changes (NudgeImportMatch  *match,
                          NudgeEntity        entity,
                          gint64             id,
                          GError           **error)
{
  static const char sql[] =
    "INSERT INTO import_change (contact_id, company_id, deal_id, at, summary) VALUES (?1, ?2, ?3, ?4, ?5)";
  g_autofree char *summary = NULL;
  sqlite3_stmt *stmt;

  g_assert (entity == NUDGE_ENTITY_CONTACT || entity == NUDGE_ENTITY_COMPANY || entity == NUDGE_ENTITY_DEAL);

  if (match->changes->len == 0)
    {
      match->state = NUDGE_IMPORT_ROW_UNCHANGED;
      return TRUE;
    }
  match->state = NUDGE_IMPORT_ROW_UPDATED;
  if (match->virtual_rows || id == 0)
    return TRUE;
  nudge_store_queue_change (match->store, entity, id, NUDGE_CHANGE_UPDATED);
  /* Translators: a line of a record's timeline, e.g. "Imported: phone 777 123 456 → 777 999 000" */
  summary = g_strdup_printf (_("Imported: %s"), match->changes->str);
  if (!(stmt = nudge_store_prepare (match->store, sql, error)))
    return FALSE;
  nudge_sql_bind_id (stmt, 1, entity == NUDGE_ENTITY_CONTACT ? id : 0);
  nudge_sql_bind_id (stmt, 2, entity == NUDGE_ENTITY_COMPANY ? id : 0);
  nudge_sql_bind_id (stmt, 3, entity == NUDGE_ENTITY_DEAL ? id : 0);
  sqlite3_bind_int64 (stmt, 4, nudge_clock_now ());
  nudge_sql_bind_text (stmt, 5, summary);
  return nudge_store_step_done (match->store, stmt, error);
}

/* A value the row brings and the record lacks or has otherwise */
gboolean
nudge_import_differs (const char *row_value,
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
  if ((*out_id = nudge_import_recall (match->company_names, folded)) > 0)
    return TRUE;
  company = nudge_company_new ();
  g_object_set (company, "name", name, NULL);
  if (match->virtual_rows)
    id = nudge_import_match_add_virtual_company (match, company, error);
  else
    id = nudge_store_save_company (match->store, company, error);
  if (id == 0)
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
  g_autoptr(NudgeImportUpdate) update = NULL;
  g_autofree char *notes = NULL;
  gint64 id;
  gboolean changed = FALSE;

  if (!(id = nudge_import_recall (match->company_names, folded)) &&
      !(id = nudge_import_recall (match->company_domains, domain)))
    return 0;
  if (!(company = get_company (match, id, error)) ||
      !nudge_import_update_begin (match, NUDGE_ENTITY_COMPANY, id, &update, error))
    return 0;

#define TAKE(field, prop, label, stored)                                \
  if (nudge_import_differs (v[field], stored))                          \
    {                                                                   \
      nudge_import_note_change (match, label, stored, v[field]);        \
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
#undef TAKE
  if ((notes = nudge_import_merge_notes (v[FIELD_NOTES], nudge_company_get_notes (company))) != NULL)
    {
      nudge_import_note_change (match, _("notes"), NULL, v[FIELD_NOTES]);
      g_object_set (company, "notes", notes, NULL);
      changed = TRUE;
    }

  if (changed && match->virtual_rows)
    {
      if (!nudge_check_company (company, error))
        return 0;
      keep_pending (match, id, company);
    }
  else if (changed && !nudge_store_save_company (match->store, company, error))
    return 0;
  if (!nudge_import_log_changes (match, NUDGE_ENTITY_COMPANY, id, error) ||
      !nudge_import_update_end (match, g_steal_pointer (&update), error))
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
      key = channel_key (kind == FIELD_EMAIL, value);
      if (key == NULL)
        continue;
      named = named_key (key, folded_name);
      if ((id = nudge_import_recall (match->named, named)) > 0 || (id = nudge_import_recall (table, key)) > 0)
        return id;
    }
  return 0;
}

static gint64
find_contact (NudgeImportMatch *match,
              const ContactRow *row)
{
  g_autofree char *folded_name = g_utf8_casefold (row->name, -1);
  g_autofree char *key = NULL;
  gint64 id;

  if ((id = find_by_channel (match, FIELD_EMAIL, row->email, row->extras, folded_name)) > 0 ||
      (id = find_by_channel (match, FIELD_PHONE, row->phone, row->extras, folded_name)) > 0)
    return id;
  key = name_key (row->name, row->v[FIELD_COMPANY]);
  return nudge_import_recall (match->names, key);
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

  remember_contact (match, id, name, company, email, phone);
  for (guint i = 0; i < extras->channels->len; i++)
    {
      const Channel *channel = g_ptr_array_index (extras->channels, i);

      remember_channel (match, channel->kind == FIELD_EMAIL, channel->value, folded_name, id);
    }
}

/* The channels a matched contact lacks, added after its own; said in
 * the preview when @told (the row's own, not the replaced primaries). */
static gboolean
add_missing_channels (NudgeImportMatch  *match,
                      gint64             id,
                      ContactExtras     *extras,
                      const char        *email,
                      const char        *phone,
                      gboolean           told,
                      GError           **error)
{
  g_autoptr(GPtrArray) known = NULL;
  guint position;

  if (extras->channels->len == 0)
    return TRUE;
  if ((known = g_hash_table_lookup (match->pending_channels, &id)) != NULL)
    g_ptr_array_ref (known);
  else if (!(known = nudge_store_list_contact_channels (match->store, id, error)))
    return FALSE;
  else if (match->virtual_rows)
    g_hash_table_replace (match->pending_channels, g_memdup2 (&id, sizeof id), g_ptr_array_ref (known));
  position = known->len;
  for (guint i = 0; i < extras->channels->len; i++)
    {
      const Channel *channel = g_ptr_array_index (extras->channels, i);
      gboolean is_email = channel->kind == FIELD_EMAIL;
      gboolean found = FALSE;

      for (guint k = 0; k < known->len && !found; k++)
        {
          char **entry = g_ptr_array_index (known, k);

          if (g_str_equal (entry[0], is_email ? "email" : "phone"))
            found = is_email ? same_email (entry[2], channel->value) : same_phone (entry[2], channel->value);
        }
      if (found)
        continue;
      if (!match->virtual_rows &&
          !nudge_import_save_channel (match->store, id, channel, position++, error))
        return FALSE;
      {
        char **entry = g_new0 (char *, 4);

        entry[0] = g_strdup (is_email ? "email" : "phone");
        entry[1] = g_strdup (channel->label);
        entry[2] = g_strdup (channel->value);
        g_ptr_array_add (known, entry);
      }
      /* The primary one was said already */
      if (told && !g_str_equal (channel->value, is_email ? email : phone))
        nudge_import_note_change (match, is_email ? _("e-mail added") : _("phone added"), NULL, channel->value);
    }
  return TRUE;
}

static void
keep_replaced (GPtrArray  *replaced,
               Field       kind,
               const char *value)
{
  Channel *channel;

  if (value == NULL || *value == '\0')
    return;
  channel = g_new0 (Channel, 1);
  channel->kind = kind;
  channel->label = g_strdup ("");
  channel->value = g_strdup (value);
  g_ptr_array_add (replaced, channel);
}

/**
 * nudge_import_match_contact:
 *
 * The contact the row is about, brought up to date with the values it
 * lacks or has otherwise; 0 with no error when the book has none.
 */
gint64
nudge_import_match_contact (NudgeImportMatch  *match,
                            const ContactRow  *row,
                            GError           **error)
{
  g_autoptr(NudgeContact) contact = NULL;
  g_autoptr(NudgeImportUpdate) update = NULL;
  g_autoptr(GPtrArray) replaced = g_ptr_array_new_with_free_func (nudge_import_channel_free);
  g_autofree char *notes = NULL;
  gint64 id;
  gboolean changed = FALSE, extras_changed = FALSE;
  const char *new_birthday, *new_address, *new_website;

  if (!(id = find_contact (match, row)))
    return 0;
  if (!(contact = get_contact (match, id, error)) ||
      !nudge_import_update_begin (match, NUDGE_ENTITY_CONTACT, id, &update, error))
    return 0;

#define TAKE(value, prop, label, stored)                                \
  if (nudge_import_differs (value, stored))                             \
    {                                                                   \
      nudge_import_note_change (match, label, stored, value);           \
      g_object_set (contact, prop, value, NULL);                        \
      changed = TRUE;                                                   \
    }
  TAKE (row->name, "name", _("name"), nudge_contact_get_name (contact));
  if (*row->email != '\0' && !same_email (row->email, nudge_contact_get_email (contact)))
    {
      keep_replaced (replaced, FIELD_EMAIL, nudge_contact_get_email (contact));
      TAKE (row->email, "email", _("e-mail"), nudge_contact_get_email (contact));
    }
  if (*row->phone != '\0' && !same_phone (row->phone, nudge_contact_get_phone (contact)))
    {
      keep_replaced (replaced, FIELD_PHONE, nudge_contact_get_phone (contact));
      TAKE (row->phone, "phone", _("phone"), nudge_contact_get_phone (contact));
    }
  TAKE (row->v[FIELD_JOB_TITLE], "title", _("job title"), nudge_contact_get_title (contact));
  TAKE (row->v[FIELD_SOURCE], "source", _("lead source"), nudge_contact_get_source (contact));
  TAKE (row->v[FIELD_TAGS], "tags", _("tags"), nudge_contact_get_tags (contact));
#undef TAKE
  if ((notes = nudge_import_merge_notes (row->v[FIELD_NOTES], nudge_contact_get_notes (contact))) != NULL)
    {
      nudge_import_note_change (match, _("notes"), NULL, row->v[FIELD_NOTES]);
      g_object_set (contact, "notes", notes, NULL);
      changed = TRUE;
    }
  if (row->company_id > 0 && row->company_id != nudge_contact_get_company_id (contact) &&
      !same_company (row->v[FIELD_COMPANY], nudge_contact_get_company_name (contact)))
    {
      nudge_import_note_change (match, _("company"), nudge_contact_get_company_name (contact), row->v[FIELD_COMPANY]);
      g_object_set (contact, "company-id", row->company_id, NULL);
      set_text (&contact->company_name, row->v[FIELD_COMPANY]);
      changed = TRUE;
    }

  new_birthday = nudge_contact_get_birthday (contact);
  new_address = nudge_contact_get_address (contact);
  new_website = nudge_contact_get_website (contact);
  if (nudge_import_differs (row->birthday, new_birthday))
    {
      nudge_import_note_change (match, _("birthday"), new_birthday, row->birthday);
      new_birthday = row->birthday;
      extras_changed = TRUE;
    }
  if (nudge_import_differs (row->address, new_address))
    {
      nudge_import_note_change (match, _("address"), new_address, row->address);
      new_address = row->address;
      extras_changed = TRUE;
    }
  if (nudge_import_differs (row->v[FIELD_WEBSITE], new_website))
    {
      nudge_import_note_change (match, _("website"), new_website, row->v[FIELD_WEBSITE]);
      new_website = row->v[FIELD_WEBSITE];
      extras_changed = TRUE;
    }

  if ((changed || extras_changed) && match->virtual_rows)
    {
      g_autofree char *birthday_kept = g_strdup (new_birthday);
      g_autofree char *address_kept = g_strdup (new_address);
      g_autofree char *website_kept = g_strdup (new_website);

      set_text (&contact->birthday, birthday_kept);
      set_text (&contact->address, address_kept);
      set_text (&contact->website, website_kept);
      if (!nudge_import_check_contact (contact, error))
        return 0;
      keep_pending (match, id, contact);
    }
  else if (changed && !nudge_store_save_contact (match->store, contact, error))
    return 0;
  if (extras_changed && !match->virtual_rows &&
      !nudge_import_save_contact_extras (match->store, id, new_birthday, new_address, new_website, error))
    return 0;
  if (!add_missing_channels (match, id, row->extras, row->email, row->phone, TRUE, error))
    return 0;
  /* A phone's card brings a private address: the work one the book had
   * stays the contact's too, and e-mails from it are still logged. */
  if (replaced->len > 0 &&
      !add_missing_channels (match, id, &(ContactExtras) { replaced, NULL, NULL }, row->email, row->phone, FALSE, error))
    return 0;
  if (!nudge_import_log_changes (match, NUDGE_ENTITY_CONTACT, id, error) ||
      !nudge_import_update_end (match, g_steal_pointer (&update), error))
    return 0;
  nudge_import_match_add_contact (match, id, nudge_contact_get_name (contact),
                                  *row->v[FIELD_COMPANY] != '\0' ? row->v[FIELD_COMPANY] : nudge_contact_get_company_name (contact),
                                  row->extras, row->email, row->phone);
  return id;
}
