/* nudge-store-followups.c — saving, reading and listing follow-ups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nudge-clock.h"
#include "nudge-store-internal.h"

const char NUDGE_FOLLOWUP_SELECT[] =
  "SELECT f.id, f.uid, f.title, f.kind, f.notes, f.due_at, f.all_day, f.tzid, f.duration_min,"
  " f.remind_before_min, f.priority, f.status, f.done_at, f.snoozed_until, f.deal_id, d.title,"
  " f.contact_id, ct.name, ct.phone, co.name, f.rrule, f.exdates, f.sequence, f.origin, f.next_at,"
  " f.created_at, f.updated_at, d.temperature, d.score"
  " FROM followup f LEFT JOIN deal d ON d.id = f.deal_id"
  " LEFT JOIN contact ct ON ct.id = COALESCE(f.contact_id, d.contact_id)"
  " LEFT JOIN company co ON co.id = COALESCE(d.company_id, ct.company_id) ";

/* The columns of NUDGE_FOLLOWUP_SELECT, in order: the row reader reads them by these names. */
enum {
  FOLLOWUP_COL_ID = 0,
  FOLLOWUP_COL_UID,
  FOLLOWUP_COL_TITLE,
  FOLLOWUP_COL_KIND,
  FOLLOWUP_COL_NOTES,
  FOLLOWUP_COL_DUE_AT,
  FOLLOWUP_COL_ALL_DAY,
  FOLLOWUP_COL_TZID,
  FOLLOWUP_COL_DURATION_MIN,
  FOLLOWUP_COL_REMIND_BEFORE_MIN,
  FOLLOWUP_COL_PRIORITY,
  FOLLOWUP_COL_STATUS,
  FOLLOWUP_COL_DONE_AT,
  FOLLOWUP_COL_SNOOZED_UNTIL,
  FOLLOWUP_COL_DEAL_ID,
  FOLLOWUP_COL_DEAL_TITLE,
  FOLLOWUP_COL_CONTACT_ID,
  FOLLOWUP_COL_CONTACT_NAME,
  FOLLOWUP_COL_CONTACT_PHONE,
  FOLLOWUP_COL_COMPANY_NAME,
  FOLLOWUP_COL_RRULE,
  FOLLOWUP_COL_EXDATES,
  FOLLOWUP_COL_SEQUENCE,
  FOLLOWUP_COL_ORIGIN,
  FOLLOWUP_COL_NEXT_AT,
  FOLLOWUP_COL_CREATED_AT,
  FOLLOWUP_COL_UPDATED_AT,
  FOLLOWUP_COL_DEAL_TEMPERATURE,
  FOLLOWUP_COL_DEAL_SCORE,
  FOLLOWUP_N_COLUMNS
};

NudgeFollowup *
nudge_store_read_followup (sqlite3_stmt *stmt)
{
  NudgeFollowup *f = nudge_followup_new ();

  g_assert (sqlite3_column_count (stmt) >= FOLLOWUP_N_COLUMNS);

  f->id = sqlite3_column_int64 (stmt, FOLLOWUP_COL_ID);
  f->uid = nudge_sql_dup_text (stmt, FOLLOWUP_COL_UID);
  f->title = nudge_sql_dup_text (stmt, FOLLOWUP_COL_TITLE);
  f->kind = nudge_sql_dup_text (stmt, FOLLOWUP_COL_KIND);
  f->notes = nudge_sql_dup_text (stmt, FOLLOWUP_COL_NOTES);
  f->due_at = sqlite3_column_int64 (stmt, FOLLOWUP_COL_DUE_AT);
  f->all_day = sqlite3_column_int (stmt, FOLLOWUP_COL_ALL_DAY) != 0;
  f->tzid = nudge_sql_dup_text (stmt, FOLLOWUP_COL_TZID);
  f->duration_min = sqlite3_column_int (stmt, FOLLOWUP_COL_DURATION_MIN);
  f->remind_before_min = sqlite3_column_int (stmt, FOLLOWUP_COL_REMIND_BEFORE_MIN);
  f->priority = sqlite3_column_int (stmt, FOLLOWUP_COL_PRIORITY);
  f->status = nudge_sql_dup_text (stmt, FOLLOWUP_COL_STATUS);
  f->done_at = sqlite3_column_int64 (stmt, FOLLOWUP_COL_DONE_AT);
  f->snoozed_until = sqlite3_column_int64 (stmt, FOLLOWUP_COL_SNOOZED_UNTIL);
  f->deal_id = sqlite3_column_int64 (stmt, FOLLOWUP_COL_DEAL_ID);
  f->deal_title = nudge_sql_dup_text (stmt, FOLLOWUP_COL_DEAL_TITLE);
  f->contact_id = sqlite3_column_int64 (stmt, FOLLOWUP_COL_CONTACT_ID);
  f->contact_name = nudge_sql_dup_text (stmt, FOLLOWUP_COL_CONTACT_NAME);
  f->contact_phone = nudge_sql_dup_text (stmt, FOLLOWUP_COL_CONTACT_PHONE);
  f->company_name = nudge_sql_dup_text (stmt, FOLLOWUP_COL_COMPANY_NAME);
  f->rrule = nudge_sql_dup_text (stmt, FOLLOWUP_COL_RRULE);
  f->exdates = nudge_sql_dup_text (stmt, FOLLOWUP_COL_EXDATES);
  f->sequence = sqlite3_column_int (stmt, FOLLOWUP_COL_SEQUENCE);
  f->origin = nudge_sql_dup_text (stmt, FOLLOWUP_COL_ORIGIN);
  f->next_at = sqlite3_column_int64 (stmt, FOLLOWUP_COL_NEXT_AT);
  f->created_at = sqlite3_column_int64 (stmt, FOLLOWUP_COL_CREATED_AT);
  f->updated_at = sqlite3_column_int64 (stmt, FOLLOWUP_COL_UPDATED_AT);
  f->deal_temperature = nudge_sql_dup_text (stmt, FOLLOWUP_COL_DEAL_TEMPERATURE);
  f->deal_score = sqlite3_column_double (stmt, FOLLOWUP_COL_DEAL_SCORE);
  return f;
}

/* ---- follow-ups ------------------------------------------------------- */

gint64
nudge_store_save_followup (NudgeStore     *self,
                           NudgeFollowup  *followup,
                           GError        **error)
{
  static const char insert_sql[] =
    "INSERT INTO followup (uid, title, kind, notes, due_at, all_day, tzid, duration_min,"
    " remind_before_min, priority, status, done_at, snoozed_until, deal_id, contact_id, rrule,"
    " exdates, sequence, origin, next_at, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?21)";
  static const char update_sql[] =
    "UPDATE followup SET title = ?2, kind = ?3, notes = ?4, due_at = ?5, all_day = ?6, tzid = ?7,"
    " duration_min = ?8, remind_before_min = ?9, priority = ?10, status = ?11, done_at = ?12,"
    " snoozed_until = ?13, deal_id = ?14, contact_id = ?15, rrule = ?16, exdates = ?17,"
    " sequence = ?18, origin = ?19, next_at = ?20, updated_at = ?21 WHERE id = ?22";
  NudgeFollowup *f = followup;
  sqlite3_stmt *stmt;
  gint64 now = nudge_clock_now ();
  gboolean is_new = f->id <= 0;
  gint64 old_deal = 0;

  g_return_val_if_fail (NUDGE_IS_STORE (self), 0);
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (followup), 0);

  if (!nudge_check_text (_("Title"), f->title, NUDGE_MAX_NAME_CHARS, TRUE, error) ||
      !nudge_check_text (_("Notes"), f->notes, NUDGE_MAX_NOTES_CHARS, FALSE, error) ||
      !nudge_store_check_reference (self, NUDGE_ENTITY_DEAL, f->deal_id, error) ||
      !nudge_store_check_reference (self, NUDGE_ENTITY_CONTACT, f->contact_id, error))
    return 0;
  if (f->due_at == 0)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("A follow-up needs a due date"));
      return 0;
    }
  if (f->duration_min < 0 || f->remind_before_min < 0)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("Duration and reminder lead time cannot be negative"));
      return 0;
    }

  if (f->uid == NULL || *f->uid == '\0')
    {
      g_autofree char *uuid = g_uuid_string_random ();

      g_free (f->uid);
      f->uid = g_strdup_printf ("%s@nudge", uuid);
    }
  if (f->kind == NULL || *f->kind == '\0')
    f->kind = g_strdup ("task");
  if (f->status == NULL || *f->status == '\0')
    f->status = g_strdup ("open");
  if (f->origin == NULL || *f->origin == '\0')
    f->origin = g_strdup ("manual");
  if (f->next_at == 0 && (f->rrule == NULL || *f->rrule == '\0'))
    f->next_at = f->snoozed_until > 0 ? f->snoozed_until : f->due_at;

  if (!is_new)
    {
      g_autoptr(NudgeFollowup) old = nudge_store_get_followup (self, f->id, error);

      if (old == NULL)
        return 0;
      old_deal = old->deal_id;
    }

  if (!(stmt = nudge_store_prepare (self, is_new ? insert_sql : update_sql, error)))
    return 0;
  if (is_new)
    nudge_sql_bind_text (stmt, 1, f->uid);
  nudge_sql_bind_text (stmt, 2, g_strstrip (f->title));
  nudge_sql_bind_text (stmt, 3, f->kind);
  nudge_sql_bind_text (stmt, 4, f->notes);
  sqlite3_bind_int64 (stmt, 5, f->due_at);
  sqlite3_bind_int (stmt, 6, f->all_day ? 1 : 0);
  nudge_sql_bind_text (stmt, 7, f->tzid);
  sqlite3_bind_int (stmt, 8, f->duration_min);
  sqlite3_bind_int (stmt, 9, f->remind_before_min);
  sqlite3_bind_int (stmt, 10, f->priority);
  nudge_sql_bind_text (stmt, 11, f->status);
  nudge_sql_bind_time (stmt, 12, f->done_at);
  nudge_sql_bind_time (stmt, 13, f->snoozed_until);
  nudge_sql_bind_id (stmt, 14, f->deal_id);
  nudge_sql_bind_id (stmt, 15, f->contact_id);
  nudge_sql_bind_text (stmt, 16, f->rrule);
  nudge_sql_bind_text (stmt, 17, f->exdates);
  sqlite3_bind_int (stmt, 18, f->sequence);
  nudge_sql_bind_text (stmt, 19, f->origin);
  nudge_sql_bind_time (stmt, 20, f->next_at);
  sqlite3_bind_int64 (stmt, 21, now);
  if (!is_new)
    sqlite3_bind_int64 (stmt, 22, f->id);
  if (!nudge_store_step_done (self, stmt, error))
    return 0;

  if (is_new)
    {
      f->id = sqlite3_last_insert_rowid (self->db);
      f->created_at = now;
    }
  f->updated_at = now;

  nudge_store_queue_change (self, NUDGE_ENTITY_FOLLOWUP, f->id,
                            is_new ? NUDGE_CHANGE_ADDED : NUDGE_CHANGE_UPDATED);
  /* The triggers moved "next follow-up" of the deal and the contact. */
  if (f->deal_id > 0)
    nudge_store_queue_change (self, NUDGE_ENTITY_DEAL, f->deal_id, NUDGE_CHANGE_UPDATED);
  if (old_deal > 0 && old_deal != f->deal_id)
    nudge_store_queue_change (self, NUDGE_ENTITY_DEAL, old_deal, NUDGE_CHANGE_UPDATED);
  if (f->contact_id > 0)
    nudge_store_queue_change (self, NUDGE_ENTITY_CONTACT, f->contact_id, NUDGE_CHANGE_UPDATED);
  return f->id;
}

/* Keeps follow-up @id's row whole, so that an undo compares and puts
 * back a column a later migration adds without knowing of it. */
sqlite3_value **
nudge_store_copy_followup_row (NudgeStore  *self,
                               gint64       id,
                               GStrv       *columns,
                               guint       *n_columns,
                               GError     **error)
{
  return nudge_sql_row_copy (self, "SELECT * FROM followup WHERE id = ?", id, NUDGE_ENTITY_FOLLOWUP,
                             columns, n_columns, error);
}

/* Takes back a follow-up that a change created, inside the caller's
 * transaction: no trash, as if it had never been. The store's triggers
 * read the next step of @deal_id and @contact_id again (either may be
 * 0), so their rows are announced with it. */
gboolean
nudge_store_remove_followup_row (NudgeStore  *self,
                                 gint64       id,
                                 gint64       deal_id,
                                 gint64       contact_id,
                                 GError     **error)
{
  sqlite3_stmt *stmt = nudge_store_prepare (self, "DELETE FROM followup WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!nudge_store_step_done (self, stmt, error))
    return FALSE;
  nudge_store_queue_change (self, NUDGE_ENTITY_FOLLOWUP, id, NUDGE_CHANGE_REMOVED);
  if (deal_id > 0)
    nudge_store_queue_change (self, NUDGE_ENTITY_DEAL, deal_id, NUDGE_CHANGE_UPDATED);
  if (contact_id > 0)
    nudge_store_queue_change (self, NUDGE_ENTITY_CONTACT, contact_id, NUDGE_CHANGE_UPDATED);
  return TRUE;
}

NudgeFollowup *
nudge_store_get_followup (NudgeStore  *self,
                          gint64       id,
                          GError     **error)
{
  static char sql[sizeof NUDGE_FOLLOWUP_SELECT + 32];

  if (sql[0] == '\0')
    g_snprintf (sql, sizeof sql, "%sWHERE f.id = ?", NUDGE_FOLLOWUP_SELECT);
  return nudge_store_get_one (self, sql, id, (NudgeRowReader) nudge_store_read_followup, NUDGE_ENTITY_FOLLOWUP, error);
}

GPtrArray *
nudge_store_list_followups (NudgeStore  *self,
                            NudgeEntity  owner,
                            gint64       owner_id,
                            gboolean     open_only,
                            GError     **error)
{
  static char sqls[2][3][sizeof NUDGE_FOLLOWUP_SELECT + 128];
  static const char *const where[3] = {
    "WHERE f.deal_id = ?1",
    "WHERE f.contact_id = ?1",
    "WHERE 1",
  };
  sqlite3_stmt *stmt;
  int w;

  switch (owner)
    {
    case NUDGE_ENTITY_DEAL:    w = 0; break;
    case NUDGE_ENTITY_CONTACT: w = 1; break;
    default:                   w = 2; break;
    }

  if (sqls[open_only][w][0] == '\0')
    g_snprintf (sqls[open_only][w], sizeof sqls[open_only][w], "%s%s%s ORDER BY f.next_at, f.id",
                NUDGE_FOLLOWUP_SELECT, where[w], open_only ? " AND f.status = 'open'" : "");

  if (!(stmt = nudge_store_prepare (self, sqls[open_only][w], error)))
    return NULL;
  if (w < 2)
    sqlite3_bind_int64 (stmt, 1, owner_id);
  return nudge_store_collect_rows (self, stmt, (NudgeRowReader) nudge_store_read_followup, error);
}
