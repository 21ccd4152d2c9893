/* nudge-store-contacts.c — contacts and their channels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nudge-clock.h"
#include "nudge-store-internal.h"

/* A company in the trash is not the contact's while it is there. */
static const char CONTACT_SELECT[] =
  "SELECT c.id, co.id, co.name, c.name, c.email, c.phone, c.title, c.decision_maker,"
  " c.source, c.tags, c.notes, c.temperature, c.stay_ideal_days, c.stay_max_days, c.created_at,"
  " c.updated_at, c.last_activity_at, c.next_followup_at, c.score, c.birthday, c.address, c.website"
  " FROM contact c LEFT JOIN company co ON co.id = c.company_id AND co.trashed_at IS NULL ";

/* The columns of CONTACT_SELECT, in order: the row reader reads them by these names. */
enum {
  CONTACT_COL_ID = 0,
  CONTACT_COL_COMPANY_ID,
  CONTACT_COL_COMPANY_NAME,
  CONTACT_COL_NAME,
  CONTACT_COL_EMAIL,
  CONTACT_COL_PHONE,
  CONTACT_COL_TITLE,
  CONTACT_COL_DECISION_MAKER,
  CONTACT_COL_SOURCE,
  CONTACT_COL_TAGS,
  CONTACT_COL_NOTES,
  CONTACT_COL_TEMPERATURE,
  CONTACT_COL_STAY_IDEAL_DAYS,
  CONTACT_COL_STAY_MAX_DAYS,
  CONTACT_COL_CREATED_AT,
  CONTACT_COL_UPDATED_AT,
  CONTACT_COL_LAST_ACTIVITY_AT,
  CONTACT_COL_NEXT_FOLLOWUP_AT,
  CONTACT_COL_SCORE,
  CONTACT_COL_BIRTHDAY,
  CONTACT_COL_ADDRESS,
  CONTACT_COL_WEBSITE,
  CONTACT_N_COLUMNS
};

static NudgeContact *
read_contact (sqlite3_stmt *stmt)
{
  NudgeContact *c = nudge_contact_new ();

  g_assert (sqlite3_column_count (stmt) >= CONTACT_N_COLUMNS);

  c->id = sqlite3_column_int64 (stmt, CONTACT_COL_ID);
  c->company_id = sqlite3_column_int64 (stmt, CONTACT_COL_COMPANY_ID);
  c->company_name = nudge_sql_dup_text (stmt, CONTACT_COL_COMPANY_NAME);
  c->name = nudge_sql_dup_text (stmt, CONTACT_COL_NAME);
  c->email = nudge_sql_dup_text (stmt, CONTACT_COL_EMAIL);
  c->phone = nudge_sql_dup_text (stmt, CONTACT_COL_PHONE);
  c->title = nudge_sql_dup_text (stmt, CONTACT_COL_TITLE);
  c->decision_maker = sqlite3_column_int (stmt, CONTACT_COL_DECISION_MAKER) != 0;
  c->source = nudge_sql_dup_text (stmt, CONTACT_COL_SOURCE);
  c->tags = nudge_sql_dup_text (stmt, CONTACT_COL_TAGS);
  c->notes = nudge_sql_dup_text (stmt, CONTACT_COL_NOTES);
  c->temperature = nudge_sql_dup_text (stmt, CONTACT_COL_TEMPERATURE);
  c->stay_ideal_days = sqlite3_column_int (stmt, CONTACT_COL_STAY_IDEAL_DAYS);
  c->stay_max_days = sqlite3_column_int (stmt, CONTACT_COL_STAY_MAX_DAYS);
  c->created_at = sqlite3_column_int64 (stmt, CONTACT_COL_CREATED_AT);
  c->updated_at = sqlite3_column_int64 (stmt, CONTACT_COL_UPDATED_AT);
  c->last_activity_at = sqlite3_column_int64 (stmt, CONTACT_COL_LAST_ACTIVITY_AT);
  c->next_followup_at = sqlite3_column_int64 (stmt, CONTACT_COL_NEXT_FOLLOWUP_AT);
  c->score = sqlite3_column_double (stmt, CONTACT_COL_SCORE);
  c->birthday = nudge_sql_dup_text (stmt, CONTACT_COL_BIRTHDAY);
  c->address = nudge_sql_dup_text (stmt, CONTACT_COL_ADDRESS);
  c->website = nudge_sql_dup_text (stmt, CONTACT_COL_WEBSITE);
  return c;
}

/* ---- contacts --------------------------------------------------------- */

gboolean
nudge_check_contact (NudgeContact  *c,
                     GError       **error)
{
  return nudge_check_text (_("Name"), c->name, NUDGE_MAX_NAME_CHARS, TRUE, error) &&
         nudge_check_email (c->email, error) &&
         nudge_check_phone (c->phone, error) &&
         nudge_check_text (_("Job title"), c->title, NUDGE_MAX_NAME_CHARS, FALSE, error) &&
         nudge_check_text (_("Source"), c->source, NUDGE_MAX_NAME_CHARS, FALSE, error) &&
         nudge_check_text (_("Tags"), c->tags, NUDGE_MAX_SHORT_CHARS, FALSE, error) &&
         nudge_check_text (_("Notes"), c->notes, NUDGE_MAX_NOTES_CHARS, FALSE, error);
}

gint64
nudge_store_save_contact (NudgeStore    *self,
                          NudgeContact  *contact,
                          GError       **error)
{
  static const char insert_sql[] =
    "INSERT INTO contact (company_id, name, email, phone, title, decision_maker, source, tags,"
    " notes, temperature, stay_ideal_days, stay_max_days, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)";
  static const char update_sql[] =
    "UPDATE contact SET company_id = ?1, name = ?2, email = ?3, phone = ?4, title = ?5,"
    " decision_maker = ?6, source = ?7, tags = ?8, notes = ?9, temperature = ?10,"
    " stay_ideal_days = ?11, stay_max_days = ?12, updated_at = ?13 WHERE id = ?14";
  NudgeContact *c = contact;
  sqlite3_stmt *stmt;
  gint64 now = nudge_clock_now ();
  gboolean is_new = c->id <= 0;

  g_return_val_if_fail (NUDGE_IS_STORE (self), 0);
  g_return_val_if_fail (NUDGE_IS_CONTACT (contact), 0);

  if (!nudge_check_contact (c, error) ||
      !nudge_store_check_reference (self, NUDGE_ENTITY_COMPANY, c->company_id, error))
    return 0;
  if (c->stay_ideal_days < 0 || c->stay_max_days < 0 ||
      (c->stay_max_days > 0 && c->stay_ideal_days > c->stay_max_days))
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("The “stay in touch” maximum must not be shorter than the ideal interval"));
      return 0;
    }

  if (!(stmt = nudge_store_prepare (self, is_new ? insert_sql : update_sql, error)))
    return 0;
  nudge_sql_bind_id (stmt, 1, c->company_id);
  nudge_sql_bind_text (stmt, 2, g_strstrip (c->name));
  nudge_sql_bind_text (stmt, 3, c->email);
  nudge_sql_bind_text (stmt, 4, c->phone);
  nudge_sql_bind_text (stmt, 5, c->title);
  sqlite3_bind_int (stmt, 6, c->decision_maker ? 1 : 0);
  nudge_sql_bind_text (stmt, 7, c->source);
  nudge_sql_bind_text (stmt, 8, c->tags);
  nudge_sql_bind_text (stmt, 9, c->notes);
  nudge_sql_bind_text (stmt, 10, c->temperature);
  sqlite3_bind_int (stmt, 11, c->stay_ideal_days);
  sqlite3_bind_int (stmt, 12, c->stay_max_days);
  sqlite3_bind_int64 (stmt, 13, now);
  if (!is_new)
    sqlite3_bind_int64 (stmt, 14, c->id);
  if (!nudge_store_step_save (self, stmt, NUDGE_ENTITY_CONTACT, &c->id, error))
    return 0;
  if (is_new)
    c->created_at = now;
  c->updated_at = now;
  if (c->company_id > 0)
    nudge_store_queue_change (self, NUDGE_ENTITY_COMPANY, c->company_id, NUDGE_CHANGE_UPDATED);
  return c->id;
}

NudgeContact *
nudge_store_get_contact (NudgeStore  *self,
                         gint64       id,
                         GError     **error)
{
  static char sql[sizeof CONTACT_SELECT + 64];

  if (sql[0] == '\0')
    g_snprintf (sql, sizeof sql, "%sWHERE c.id = ? AND c.trashed_at IS NULL", CONTACT_SELECT);
  return nudge_store_get_one (self, sql, id, (NudgeRowReader) read_contact, NUDGE_ENTITY_CONTACT, error);
}

GPtrArray *
nudge_store_list_contacts (NudgeStore  *self,
                           GError     **error)
{
  static char sql[sizeof CONTACT_SELECT + 64];
  sqlite3_stmt *stmt;

  if (sql[0] == '\0')
    g_snprintf (sql, sizeof sql, "%sWHERE c.trashed_at IS NULL ORDER BY c.id", CONTACT_SELECT);
  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return NULL;
  return nudge_store_collect_rows (self, stmt, (NudgeRowReader) read_contact, error);
}

GPtrArray *
nudge_store_list_company_contacts (NudgeStore  *self,
                                   gint64       company_id,
                                   GError     **error)
{
  static char sql[sizeof CONTACT_SELECT + 64];
  sqlite3_stmt *stmt;

  g_return_val_if_fail (NUDGE_IS_STORE (self), NULL);

  if (sql[0] == '\0')
    g_snprintf (sql, sizeof sql, "%sWHERE c.company_id = ? AND c.trashed_at IS NULL ORDER BY c.id", CONTACT_SELECT);
  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, company_id);
  return nudge_store_collect_rows (self, stmt, (NudgeRowReader) read_contact, error);
}

GPtrArray *
nudge_store_list_contact_channels (NudgeStore  *self,
                                   gint64       contact_id,
                                   GError     **error)
{
  static const char sql[] =
    "SELECT kind, label, value FROM contact_channel WHERE contact_id = ? ORDER BY position, id";
  g_autoptr(GPtrArray) channels = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (NUDGE_IS_STORE (self), NULL);

  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char **channel = g_new0 (char *, 4);

      for (int c = 0; c < 3; c++)
        channel[c] = nudge_sql_dup_text (stmt, c);
      g_ptr_array_add (channels, channel);
    }
  if (!nudge_store_rows_done (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&channels);
}
