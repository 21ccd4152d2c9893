/* nudge-merge.c — merging duplicate contacts and companies
 *
 * Imports from two address books leave the same person twice. A merge
 * keeps one record (the survivor), takes the values the user chose from
 * the other, unites e-mails, phones and notes, and moves every deal, activity
 * and follow-up over, so the timeline tells the whole story in one
 * place, with what rules already did to it (so they do not act again).
 * Notes that would together pass the limit refuse the merge. The other
 * record goes to the trash, not away: Undo moves each recorded link
 * back and restores both rows' columns as they were.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-merge"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nudge-clock.h"
#include "nudge-merge.h"
#include "nudge-store-private.h"
#include "nudge-transaction.h"

typedef enum
{
  KIND_TEXT,
  KIND_COMPANY,   /* a company id, shown by name */
  KIND_FLAG,
  KIND_DAYS,
  KIND_NOTES,     /* not chosen: both records' notes are kept */
} FieldKind;

typedef struct
{
  const char *column;
  const char *label;
  FieldKind   kind;
} FieldInfo;

/* The fields the user chooses between, in the order shown. */
static const FieldInfo contact_fields[] = {
  { "name", N_("Name"), KIND_TEXT },
  { "company_id", N_("Company"), KIND_COMPANY },
  { "title", N_("Job title"), KIND_TEXT },
  { "decision_maker", N_("Makes the buying decision"), KIND_FLAG },
  { "source", N_("Source"), KIND_TEXT },
  { "tags", N_("Tags"), KIND_TEXT },
  { "temperature", N_("Temperature"), KIND_TEXT },
  { "birthday", N_("Birthday"), KIND_TEXT },
  { "address", N_("Address"), KIND_TEXT },
  { "website", N_("Website"), KIND_TEXT },
  { "stay_ideal_days", N_("Stay in touch every"), KIND_DAYS },
  { "stay_max_days", N_("Stay in touch at the latest after"), KIND_DAYS },
  { "notes", N_("Notes"), KIND_NOTES },
};

static const FieldInfo company_fields[] = {
  { "name", N_("Name"), KIND_TEXT },
  { "industry", N_("Industry"), KIND_TEXT },
  { "website", N_("Website"), KIND_TEXT },
  { "phone", N_("Phone"), KIND_TEXT },
  { "email", N_("E-mail"), KIND_TEXT },
  { "notes", N_("Notes"), KIND_NOTES },
};

/* Columns saved for Undo besides the chosen ones: what a merge or the
 * triggers behind it may change. */
static const char contact_snapshot[] =
  "name, company_id, title, decision_maker, source, tags, temperature, birthday, address, website,"
  " stay_ideal_days, stay_max_days, notes, email, phone, updated_at, last_activity_at, next_followup_at";
static const char company_snapshot[] =
  "name, industry, website, phone, email, notes, updated_at";

/* Every link to the merged record: (table, column). */
typedef struct
{
  NudgeEntity  entity;     /* announced as updated, or NUDGE_N_ENTITIES */
  const char  *table;
  const char  *column;
} Link;

static const Link contact_links[] = {
  { NUDGE_ENTITY_DEAL, "deal", "contact_id" },
  { NUDGE_ENTITY_ACTIVITY, "activity", "contact_id" },
  { NUDGE_ENTITY_FOLLOWUP, "followup", "contact_id" },
};

static const Link company_links[] = {
  { NUDGE_ENTITY_CONTACT, "contact", "company_id" },
  { NUDGE_ENTITY_DEAL, "deal", "company_id" },
  { NUDGE_ENTITY_ACTIVITY, "activity", "company_id" },
};

#define CHANNEL_LINK (G_N_ELEMENTS (contact_links))
#define MAX_LINKS 4

typedef struct
{
  guint           n_values;
  sqlite3_value **values;
} Snapshot;

struct _NudgeMergeUndo
{
  NudgeEntity  entity;
  gint64       survivor;
  gint64       other;
  char        *name;
  Snapshot     survivor_row;
  Snapshot     other_row;
  GArray      *moved[MAX_LINKS];    /* ids per link; the last: channels */
  GArray      *added_channels;      /* ids of channel rows the merge created */
  GPtrArray   *rule_memory;         /* RuleMemory moved to the survivor */
};

/* A rule_fired row of the other contact: the rule already acted on it
 * in that episode. */
typedef struct
{
  gint64  rule_id;
  char   *episode;
} RuleMemory;

static const FieldInfo *
fields_for (NudgeEntity  entity,
            guint       *n_fields)
{
  if (entity == NUDGE_ENTITY_CONTACT)
    {
      *n_fields = G_N_ELEMENTS (contact_fields);
      return contact_fields;
    }
  *n_fields = G_N_ELEMENTS (company_fields);
  return company_fields;
}

static const char *
table_for (NudgeEntity entity)
{
  return entity == NUDGE_ENTITY_CONTACT ? "contact" : "company";
}

static void
snapshot_clear (Snapshot *snapshot)
{
  for (guint i = 0; i < snapshot->n_values; i++)
    sqlite3_value_free (snapshot->values[i]);
  g_clear_pointer (&snapshot->values, g_free);
  snapshot->n_values = 0;
}

static gboolean
check_pair (NudgeStore   *store,
            NudgeEntity   entity,
            gint64        survivor,
            gint64        other,
            GError      **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gboolean found;

  if (entity != NUDGE_ENTITY_CONTACT && entity != NUDGE_ENTITY_COMPANY)
    return nudge_fail_invalid (error, _("Only contacts and companies can be merged"));
  if (survivor == other)
    return nudge_fail_invalid (error, _("A record cannot be merged with itself"));
  sql = g_strdup_printf ("SELECT COUNT(*) = 2 FROM %s WHERE id IN (?1, ?2) AND trashed_at IS NULL",
                         table_for (entity));
  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, survivor);
  sqlite3_bind_int64 (stmt, 2, other);
  found = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (!found)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND,
                   entity == NUDGE_ENTITY_CONTACT ? _("No such contact") : _("No such company"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
take_snapshot (NudgeStore   *store,
               NudgeEntity   entity,
               gint64        id,
               Snapshot     *snapshot,
               GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?",
                                          entity == NUDGE_ENTITY_CONTACT ? contact_snapshot : company_snapshot,
                                          table_for (entity));
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND, _("The record is gone"));
      return FALSE;
    }
  snapshot->n_values = sqlite3_column_count (stmt);
  snapshot->values = g_new0 (sqlite3_value *, snapshot->n_values);
  for (guint i = 0; i < snapshot->n_values; i++)
    snapshot->values[i] = sqlite3_value_dup (sqlite3_column_value (stmt, i));
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
restore_snapshot (NudgeStore   *store,
                  NudgeEntity   entity,
                  gint64        id,
                  Snapshot     *snapshot,
                  GError      **error)
{
  g_auto(GStrv) columns = g_strsplit (entity == NUDGE_ENTITY_CONTACT ? contact_snapshot : company_snapshot, ",", -1);
  g_autoptr(GString) sql = g_string_new ("UPDATE ");
  sqlite3_stmt *stmt;

  g_assert (g_strv_length (columns) == snapshot->n_values);
  g_string_append_printf (sql, "%s SET ", table_for (entity));
  for (guint i = 0; columns[i] != NULL; i++)
    g_string_append_printf (sql, "%s%s = ?%u", i > 0 ? ", " : "", g_strstrip (columns[i]), i + 1);
  g_string_append_printf (sql, " WHERE id = ?%u", snapshot->n_values + 1);
  if (!(stmt = nudge_store_prepare (store, sql->str, error)))
    return FALSE;
  for (guint i = 0; i < snapshot->n_values; i++)
    sqlite3_bind_value (stmt, i + 1, snapshot->values[i]);
  sqlite3_bind_int64 (stmt, snapshot->n_values + 1, id);
  return nudge_store_step_done (store, stmt, error);
}

/* The text in @column of the contact or company @id, "" when there is
 * none */
static char *
read_text (NudgeStore  *store,
           NudgeEntity  entity,
           gint64       id,
           const char  *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?", column, table_for (entity));
  sqlite3_stmt *stmt = nudge_store_prepare (store, sql, NULL);
  char *name = NULL;

  if (stmt == NULL)
    return g_strdup ("");
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = nudge_sql_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return name != NULL ? name : g_strdup ("");
}

static char *
describe_value (NudgeStore      *store,
                const FieldInfo *info,
                sqlite3_value   *value)
{
  gint64 number = sqlite3_value_int64 (value);

  switch (info->kind)
    {
    case KIND_COMPANY:
      return number > 0 ? read_text (store, NUDGE_ENTITY_COMPANY, number, "name") : g_strdup ("");
    case KIND_FLAG:
      return g_strdup (number ? _("Yes") : _("No"));
    case KIND_DAYS:
      return number > 0 ? g_strdup_printf (ngettext ("%d day", "%d days", (gulong) number), (int) number)
                        : g_strdup ("");
    case KIND_TEXT:
    default:
      return g_strdup ((const char *) sqlite3_value_text (value) ?: "");
    }
}

static gboolean
value_is_empty (sqlite3_value *value)
{
  switch (sqlite3_value_type (value))
    {
    case SQLITE_NULL:
      return TRUE;
    case SQLITE_INTEGER:
    case SQLITE_FLOAT:
      return sqlite3_value_int64 (value) == 0;
    default:
      return sqlite3_value_bytes (value) == 0;
    }
}

static void
merge_field_free (gpointer data)
{
  NudgeMergeField *field = data;

  g_free (field->survivor_text);
  g_free (field->other_text);
  g_free (field);
}

static gboolean
column_is_choosable (NudgeEntity  entity,
                     const char  *column)
{
  guint n_fields;
  const FieldInfo *fields = fields_for (entity, &n_fields);

  for (guint i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].column, column))
      return fields[i].kind != KIND_NOTES;
  return FALSE;
}

/* Values compared the way a person would: e-mail case aside, a phone
 * number's digits only. */
static char *
channel_key (const char *kind,
             const char *value)
{
  if (g_strcmp0 (kind, "phone") == 0)
    {
      GString *digits = g_string_new ("phone:");

      for (const char *p = value; *p != '\0'; p++)
        if (g_ascii_isdigit (*p))
          g_string_append_c (digits, *p);
      return g_string_free (digits, FALSE);
    }
  return g_strconcat ("email:", value, NULL);
}

static void
add_channel_key (GHashTable *keys,
                 const char *kind,
                 const char *value)
{
  g_autofree char *key = NULL;

  if (value == NULL || *value == '\0')
    return;
  key = channel_key (kind, value);
  g_hash_table_add (keys, g_utf8_casefold (key, -1));
}

static gboolean
has_channel_key (GHashTable *keys,
                 const char *kind,
                 const char *value)
{
  g_autofree char *key = channel_key (kind, value);
  g_autofree char *folded = g_utf8_casefold (key, -1);

  return g_hash_table_contains (keys, folded);
}

static gboolean
read_primary (NudgeStore  *store,
              gint64       id,
              char       **email,
              char       **phone,
              GError     **error)
{
  sqlite3_stmt *stmt = nudge_store_prepare (store, "SELECT email, phone FROM contact WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *email = nudge_sql_dup_text (stmt, 0);
      *phone = nudge_sql_dup_text (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (*email == NULL)
    *email = g_strdup (""), *phone = g_strdup ("");
  return TRUE;
}

static gboolean
add_channel (NudgeStore  *store,
             gint64       contact_id,
             const char  *kind,
             const char  *value,
             GArray      *added,
             GError     **error)
{
  static const char sql[] =
    "INSERT INTO contact_channel (contact_id, kind, label, value, position)"
    " VALUES (?1, ?2, '', ?3, (SELECT COALESCE(MAX(position) + 1, 0) FROM contact_channel WHERE contact_id = ?1))";
  sqlite3_stmt *stmt = nudge_store_prepare (store, sql, error);
  gint64 id;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  nudge_sql_bind_text (stmt, 2, kind);
  nudge_sql_bind_text (stmt, 3, value);
  if (!nudge_store_step_done (store, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (nudge_store_get_db (store));
  g_array_append_val (added, id);
  return TRUE;
}

/* The channels (contact_channel rows) @ids to contact @contact_id: the
 * merge moves them to the survivor, its Undo back. */
static gboolean
move_channels (NudgeStore  *store,
               GArray      *ids,
               gint64       contact_id,
               GError     **error)
{
  sqlite3_stmt *stmt = nudge_store_prepare (store, "UPDATE contact_channel SET contact_id = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, contact_id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      if (!nudge_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* E-mails and phones are united: the other's primary ones fill the
 * survivor's empty primary or become extra channels; its channels move
 * over unless the survivor has the same already (those stay with the
 * trashed record, so Undo finds them there). */
static gboolean
unite_channels (NudgeStore      *store,
                NudgeMergeUndo  *undo,
                GError         **error)
{
  static const char kinds[][6] = { "email", "phone" };
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *email = NULL, *phone = NULL, *other_email = NULL, *other_phone = NULL;
  sqlite3_stmt *stmt;
  GArray *moved = undo->moved[CHANNEL_LINK];

  if (!read_primary (store, undo->survivor, &email, &phone, error) ||
      !read_primary (store, undo->other, &other_email, &other_phone, error))
    return FALSE;
  add_channel_key (keys, "email", email);
  add_channel_key (keys, "phone", phone);
  if (!(stmt = nudge_store_prepare (store, "SELECT kind, value FROM contact_channel WHERE contact_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, undo->survivor);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    add_channel_key (keys, (const char *) sqlite3_column_text (stmt, 0), (const char *) sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      const char *mine = i == 0 ? email : phone;
      const char *theirs = i == 0 ? other_email : other_phone;

      if (*theirs == '\0' || has_channel_key (keys, kinds[i], theirs))
        continue;
      if (*mine == '\0')
        {
          g_autofree char *sql = g_strdup_printf ("UPDATE contact SET %s = ? WHERE id = ?", kinds[i]);

          if (!(stmt = nudge_store_prepare (store, sql, error)))
            return FALSE;
          nudge_sql_bind_text (stmt, 1, theirs);
          sqlite3_bind_int64 (stmt, 2, undo->survivor);
          if (!nudge_store_step_done (store, stmt, error))
            return FALSE;
        }
      else if (!add_channel (store, undo->survivor, kinds[i], theirs, undo->added_channels, error))
        return FALSE;
      add_channel_key (keys, kinds[i], theirs);
    }

  if (!(stmt = nudge_store_prepare (store, "SELECT id, kind, value FROM contact_channel WHERE contact_id = ? ORDER BY position, id",
                                    error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, undo->other);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);
      const char *value = (const char *) sqlite3_column_text (stmt, 2);
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (has_channel_key (keys, kind, value))
        continue;
      add_channel_key (keys, kind, value);
      g_array_append_val (moved, id);
    }
  sqlite3_reset (stmt);

  return move_channels (store, moved, undo->survivor, error);
}

static gboolean
move_links (NudgeStore      *store,
            NudgeMergeUndo  *undo,
            gboolean         back,
            GError         **error)
{
  gboolean contact = undo->entity == NUDGE_ENTITY_CONTACT;
  const Link *links = contact ? contact_links : company_links;
  guint n_links = contact ? G_N_ELEMENTS (contact_links) : G_N_ELEMENTS (company_links);

  for (guint l = 0; l < n_links; l++)
    {
      GArray *ids = undo->moved[l];
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;

      if (!back)
        {
          sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ? ORDER BY id", links[l].table, links[l].column);
          if (!(stmt = nudge_store_prepare (store, sql, error)))
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, undo->other);
          nudge_store_append_ids (store, stmt, ids, NULL);
          g_clear_pointer (&sql, g_free);
        }

      sql = g_strdup_printf ("UPDATE %s SET %s = ? WHERE id = ?", links[l].table, links[l].column);
      if (!(stmt = nudge_store_prepare (store, sql, error)))
        return FALSE;
      for (guint i = 0; i < ids->len; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);

          sqlite3_bind_int64 (stmt, 1, back ? undo->other : undo->survivor);
          sqlite3_bind_int64 (stmt, 2, id);
          if (!nudge_store_step_done (store, stmt, error))
            return FALSE;
          nudge_store_queue_change (store, links[l].entity, id, NUDGE_CHANGE_UPDATED);
        }
    }
  return TRUE;
}

/* The search index of a contact lists its channels; an UPDATE naming a
 * column runs the trigger that rewrites it. Last activity follows the
 * activities that moved. */
static gboolean
refresh_derived (NudgeStore      *store,
                 NudgeMergeUndo  *undo,
                 GError         **error)
{
  static const char sql[] =
    "UPDATE contact SET name = name,"
    " last_activity_at = (SELECT MAX(occurred_at) FROM activity WHERE contact_id = contact.id AND kind <> 'rule')"
    " WHERE id IN (?1, ?2)";

  if (undo->entity != NUDGE_ENTITY_CONTACT)
    return TRUE;
  return nudge_store_exec_ids (store, sql, undo->survivor, undo->other, error);
}

static gboolean
take_values (NudgeStore          *store,
             NudgeMergeUndo      *undo,
             const char * const  *take_other,
             GError             **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  const char *table = table_for (undo->entity);
  sqlite3_stmt *stmt;

  g_string_printf (sql, "UPDATE %s SET updated_at = ?1", table);
  for (guint i = 0; take_other != NULL && take_other[i] != NULL; i++)
    {
      if (!column_is_choosable (undo->entity, take_other[i]))
        return nudge_fail_invalid (error, _("“%s” is not a field that can be merged"), take_other[i]);
      g_string_append_printf (sql, ", %s = (SELECT %s FROM %s WHERE id = ?3)",
                              take_other[i], take_other[i], table);
    }
  /* Notes are what the seller wrote down about the person ("call after
   * ten", "budget in September"): choosing one record's would leave the
   * other's only in the trash, which is emptied. Both are kept, the
   * survivor's first. */
  g_string_append_printf (sql,
                          ", notes = CASE WHEN COALESCE((SELECT notes FROM %1$s WHERE id = ?3), '') = '' THEN notes"
                          " WHEN COALESCE(notes, '') = '' OR notes = (SELECT notes FROM %1$s WHERE id = ?3)"
                          " THEN (SELECT notes FROM %1$s WHERE id = ?3)"
                          " ELSE notes || char(10) || char(10) || (SELECT notes FROM %1$s WHERE id = ?3) END",
                          table);
  g_string_append (sql, " WHERE id = ?2");
  if (!(stmt = nudge_store_prepare (store, sql->str, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, nudge_clock_now ());
  sqlite3_bind_int64 (stmt, 2, undo->survivor);
  sqlite3_bind_int64 (stmt, 3, undo->other);
  return nudge_store_step_done (store, stmt, error);
}

/* Both notes kept (take_values()) may together pass the limit every
 * save checks: the merge is refused, saying so, rather than leaving a
 * record no editor could save again or cutting what the seller wrote. */
static gboolean
check_united_notes (NudgeStore      *store,
                    NudgeMergeUndo  *undo,
                    GError         **error)
{
  g_autofree char *notes = read_text (store, undo->entity, undo->survivor, "notes");
  GError *too_long = NULL;

  if (nudge_check_text (_("Notes"), notes, NUDGE_MAX_NOTES_CHARS, FALSE, &too_long))
    return TRUE;
  g_propagate_prefixed_error (error, too_long,
                              _("Both records’ notes are kept in a merge, and together they are too long."
                                " Shorten the notes of one of them first. "));
  return FALSE;
}

static void
rule_memory_free (gpointer data)
{
  RuleMemory *memory = data;

  g_free (memory->episode);
  g_free (memory);
}

/* What rules did to the other contact (rule_fired, by subject) goes to
 * the survivor, so a rule that already acted on either does not act
 * again on the one left; what both had stays with the trashed record,
 * where Undo finds it. @back puts the moved rows back. Deals are not
 * merged, and companies are no rule's subject. */
static gboolean
move_rule_memory (NudgeStore      *store,
                  NudgeMergeUndo  *undo,
                  gboolean         back,
                  GError         **error)
{
  static const char list_sql[] =
    "SELECT rule_id, episode FROM rule_fired r WHERE subject = ?1 AND NOT EXISTS"
    " (SELECT 1 FROM rule_fired s WHERE s.rule_id = r.rule_id AND s.subject = ?2 AND s.episode = r.episode)";
  static const char move_sql[] =
    "UPDATE rule_fired SET subject = ?1 WHERE rule_id = ?2 AND subject = ?3 AND episode = ?4";
  g_autofree char *other = g_strdup_printf ("contact:%" G_GINT64_FORMAT, undo->other);
  g_autofree char *survivor = g_strdup_printf ("contact:%" G_GINT64_FORMAT, undo->survivor);
  sqlite3_stmt *stmt;
  int rc;

  if (undo->entity != NUDGE_ENTITY_CONTACT)
    return TRUE;
  if (!back)
    {
      if (!(stmt = nudge_store_prepare (store, list_sql, error)))
        return FALSE;
      nudge_sql_bind_text (stmt, 1, other);
      nudge_sql_bind_text (stmt, 2, survivor);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          RuleMemory *memory = g_new0 (RuleMemory, 1);

          memory->rule_id = sqlite3_column_int64 (stmt, 0);
          memory->episode = nudge_sql_dup_text (stmt, 1);
          g_ptr_array_add (undo->rule_memory, memory);
        }
      if (!nudge_store_rows_done (store, stmt, rc, error))
        return FALSE;
    }

  if (!(stmt = nudge_store_prepare (store, move_sql, error)))
    return FALSE;
  for (guint i = 0; i < undo->rule_memory->len; i++)
    {
      RuleMemory *memory = g_ptr_array_index (undo->rule_memory, i);

      nudge_sql_bind_text (stmt, 1, back ? other : survivor);
      sqlite3_bind_int64 (stmt, 2, memory->rule_id);
      nudge_sql_bind_text (stmt, 3, back ? survivor : other);
      nudge_sql_bind_text (stmt, 4, memory->episode);
      if (!nudge_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- public API --------------------------------------------------------- */

GPtrArray *
nudge_merge_compare (NudgeStore   *store,
                     NudgeEntity   entity,
                     gint64        survivor,
                     gint64        other,
                     gboolean      fill_only,
                     GError      **error)
{
  g_autoptr(GPtrArray) result = NULL;
  Snapshot a = { 0 }, b = { 0 };
  guint n_fields, updated;
  const FieldInfo *fields;
  gboolean other_newer;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  if (!check_pair (store, entity, survivor, other, error) ||
      !take_snapshot (store, entity, survivor, &a, error) ||
      !take_snapshot (store, entity, other, &b, error))
    {
      snapshot_clear (&a);
      return NULL;
    }

  fields = fields_for (entity, &n_fields);
  /* The snapshot begins with the choosable fields, in order; then
   * e-mail, phone, updated_at. */
  updated = entity == NUDGE_ENTITY_CONTACT ? n_fields + 2 : n_fields;
  other_newer = sqlite3_value_int64 (b.values[updated]) > sqlite3_value_int64 (a.values[updated]);
  result = g_ptr_array_new_with_free_func (merge_field_free);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *mine = describe_value (store, &fields[i], a.values[i]);
      g_autofree char *theirs = describe_value (store, &fields[i], b.values[i]);
      gboolean mine_empty = value_is_empty (a.values[i]);
      gboolean theirs_empty = value_is_empty (b.values[i]);
      NudgeMergeField *field;

      /* Both kept (see take_values()): nothing to choose. */
      if (fields[i].kind == KIND_NOTES)
        continue;

      if (sqlite3_value_type (a.values[i]) == sqlite3_value_type (b.values[i]) && g_str_equal (mine, theirs) &&
          mine_empty == theirs_empty)
        continue;
      field = g_new0 (NudgeMergeField, 1);
      field->column = fields[i].column;
      field->label = _(fields[i].label);
      field->survivor_text = g_steal_pointer (&mine);
      field->other_text = g_steal_pointer (&theirs);
      field->take_other = !theirs_empty && (mine_empty || (!fill_only && other_newer));
      g_ptr_array_add (result, field);
    }
  snapshot_clear (&a);
  snapshot_clear (&b);
  return g_steal_pointer (&result);
}

NudgeMergeUndo *
nudge_merge_records (NudgeStore          *store,
                     NudgeEntity          entity,
                     gint64               survivor,
                     gint64               other,
                     const char * const  *take_other,
                     GError             **error)
{
  g_autoptr(NudgeMergeUndo) undo = NULL;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  if (!nudge_store_begin (store, error))
    return NULL;
  if (!check_pair (store, entity, survivor, other, error))
    {
      nudge_store_rollback (store);
      return NULL;
    }

  undo = g_new0 (NudgeMergeUndo, 1);
  undo->entity = entity;
  undo->survivor = survivor;
  undo->other = other;
  for (guint i = 0; i < MAX_LINKS; i++)
    undo->moved[i] = g_array_new (FALSE, FALSE, sizeof (gint64));
  undo->added_channels = g_array_new (FALSE, FALSE, sizeof (gint64));
  undo->rule_memory = g_ptr_array_new_with_free_func (rule_memory_free);

  if (!take_snapshot (store, entity, survivor, &undo->survivor_row, error) ||
      !take_snapshot (store, entity, other, &undo->other_row, error) ||
      !take_values (store, undo, take_other, error) ||
      !check_united_notes (store, undo, error) ||
      (entity == NUDGE_ENTITY_CONTACT && !unite_channels (store, undo, error)) ||
      !move_links (store, undo, FALSE, error) ||
      !move_rule_memory (store, undo, FALSE, error) ||
      !refresh_derived (store, undo, error) ||
      !nudge_store_trash (store, entity, &other, 1, error))
    {
      nudge_store_rollback (store);
      return NULL;
    }
  nudge_store_queue_change (store, entity, survivor, NUDGE_CHANGE_UPDATED);
  undo->name = read_text (store, entity, survivor, "name");
  if (!nudge_store_commit_or_rollback (store, error))
    return NULL;
  return g_steal_pointer (&undo);
}

static gboolean
undo_merge (NudgeStore  *store,
            gpointer     data,
            GError     **error)
{
  NudgeMergeUndo *undo = data;
  sqlite3_stmt *stmt;

  if (!nudge_store_restore (store, undo->entity, &undo->other, 1, error) ||
      !move_links (store, undo, TRUE, error) ||
      !move_rule_memory (store, undo, TRUE, error))
    return FALSE;
  if (undo->entity == NUDGE_ENTITY_CONTACT)
    {
      if (!move_channels (store, undo->moved[CHANNEL_LINK], undo->other, error))
        return FALSE;
      if (!(stmt = nudge_store_prepare (store, "DELETE FROM contact_channel WHERE id = ?", error)))
        return FALSE;
      for (guint i = 0; i < undo->added_channels->len; i++)
        {
          sqlite3_bind_int64 (stmt, 1, g_array_index (undo->added_channels, gint64, i));
          if (!nudge_store_step_done (store, stmt, error))
            return FALSE;
        }
    }
  /* Last: the triggers above moved "next follow-up" and the rest; the
   * rows get back exactly what they held. */
  if (!refresh_derived (store, undo, error) ||
      !restore_snapshot (store, undo->entity, undo->survivor, &undo->survivor_row, error) ||
      !restore_snapshot (store, undo->entity, undo->other, &undo->other_row, error))
    return FALSE;
  nudge_store_queue_change (store, undo->entity, undo->survivor, NUDGE_CHANGE_UPDATED);
  return TRUE;
}

gboolean
nudge_merge_undo (NudgeStore      *store,
                  NudgeMergeUndo  *undo,
                  GError         **error)
{
  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (undo != NULL, FALSE);

  return nudge_transaction_run (store, undo_merge, undo, error);
}

const char *
nudge_merge_undo_get_name (NudgeMergeUndo *undo)
{
  g_return_val_if_fail (undo != NULL, NULL);

  return undo->name;
}

void
nudge_merge_undo_free (NudgeMergeUndo *undo)
{
  if (undo == NULL)
    return;
  snapshot_clear (&undo->survivor_row);
  snapshot_clear (&undo->other_row);
  for (guint i = 0; i < MAX_LINKS; i++)
    g_clear_pointer (&undo->moved[i], g_array_unref);
  g_clear_pointer (&undo->added_channels, g_array_unref);
  g_clear_pointer (&undo->rule_memory, g_ptr_array_unref);
  g_free (undo->name);
  g_free (undo);
}
