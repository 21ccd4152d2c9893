/* nudge-store-activities.c — activities: calls, e-mails, meetings, notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nudge-clock.h"
#include "nudge-store-internal.h"

static const char ACTIVITY_SELECT[] =
  "SELECT a.id, a.kind, a.direction, a.occurred_at, a.contact_id, ct.name, a.deal_id, d.title,"
  " a.company_id, a.summary, a.body, a.origin, a.created_at"
  " FROM activity a LEFT JOIN contact ct ON ct.id = a.contact_id"
  " LEFT JOIN deal d ON d.id = a.deal_id ";

/* The columns of ACTIVITY_SELECT, in order: the row reader reads them by these names. */
enum {
  ACTIVITY_COL_ID = 0,
  ACTIVITY_COL_KIND,
  ACTIVITY_COL_DIRECTION,
  ACTIVITY_COL_OCCURRED_AT,
  ACTIVITY_COL_CONTACT_ID,
  ACTIVITY_COL_CONTACT_NAME,
  ACTIVITY_COL_DEAL_ID,
  ACTIVITY_COL_DEAL_TITLE,
  ACTIVITY_COL_COMPANY_ID,
  ACTIVITY_COL_SUMMARY,
  ACTIVITY_COL_BODY,
  ACTIVITY_COL_ORIGIN,
  ACTIVITY_COL_CREATED_AT,
  ACTIVITY_N_COLUMNS
};

static NudgeActivity *
read_activity (sqlite3_stmt *stmt)
{
  NudgeActivity *a = nudge_activity_new ();

  g_assert (sqlite3_column_count (stmt) >= ACTIVITY_N_COLUMNS);

  a->id = sqlite3_column_int64 (stmt, ACTIVITY_COL_ID);
  a->kind = nudge_sql_dup_text (stmt, ACTIVITY_COL_KIND);
  a->direction = g_strcmp0 ((const char *) sqlite3_column_text (stmt, ACTIVITY_COL_DIRECTION), "in") == 0
                 ? NUDGE_DIRECTION_IN : NUDGE_DIRECTION_OUT;
  a->occurred_at = sqlite3_column_int64 (stmt, ACTIVITY_COL_OCCURRED_AT);
  a->contact_id = sqlite3_column_int64 (stmt, ACTIVITY_COL_CONTACT_ID);
  a->contact_name = nudge_sql_dup_text (stmt, ACTIVITY_COL_CONTACT_NAME);
  a->deal_id = sqlite3_column_int64 (stmt, ACTIVITY_COL_DEAL_ID);
  a->deal_title = nudge_sql_dup_text (stmt, ACTIVITY_COL_DEAL_TITLE);
  a->company_id = sqlite3_column_int64 (stmt, ACTIVITY_COL_COMPANY_ID);
  a->summary = nudge_sql_dup_text (stmt, ACTIVITY_COL_SUMMARY);
  a->body = nudge_sql_dup_text (stmt, ACTIVITY_COL_BODY);
  a->origin = nudge_sql_dup_text (stmt, ACTIVITY_COL_ORIGIN);
  a->created_at = sqlite3_column_int64 (stmt, ACTIVITY_COL_CREATED_AT);
  return a;
}

/* ---- activities ------------------------------------------------------- */

gint64
nudge_store_add_activity (NudgeStore     *self,
                          NudgeActivity  *activity,
                          GError        **error)
{
  static const char sql[] =
    "INSERT INTO activity (kind, direction, occurred_at, contact_id, deal_id, company_id,"
    " summary, body, origin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  NudgeActivity *a = activity;
  sqlite3_stmt *stmt;
  gint64 now = nudge_clock_now ();

  g_return_val_if_fail (NUDGE_IS_STORE (self), 0);
  g_return_val_if_fail (NUDGE_IS_ACTIVITY (activity), 0);

  if (!nudge_check_text (_("Kind"), a->kind, 40, TRUE, error) ||
      !nudge_check_text (_("Summary"), a->summary, NUDGE_MAX_SHORT_CHARS, FALSE, error) ||
      !nudge_check_text (_("Notes"), a->body, NUDGE_MAX_NOTES_CHARS, FALSE, error) ||
      !nudge_store_check_reference (self, NUDGE_ENTITY_DEAL, a->deal_id, error) ||
      !nudge_store_check_reference (self, NUDGE_ENTITY_CONTACT, a->contact_id, error) ||
      !nudge_store_check_reference (self, NUDGE_ENTITY_COMPANY, a->company_id, error))
    return 0;
  if (a->deal_id <= 0 && a->contact_id <= 0 && a->company_id <= 0)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("An activity belongs to a deal, a contact or a company"));
      return 0;
    }

  /* A deal's activity also belongs to its contact's history. */
  if (a->contact_id <= 0 && a->deal_id > 0)
    {
      g_autoptr(NudgeDeal) deal = nudge_store_get_deal (self, a->deal_id, NULL);

      if (deal != NULL)
        {
          a->contact_id = deal->contact_id;
          if (a->company_id <= 0)
            a->company_id = deal->company_id;
        }
    }

  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return 0;
  nudge_sql_bind_text (stmt, 1, a->kind);
  nudge_sql_bind_text (stmt, 2, a->direction == NUDGE_DIRECTION_IN ? "in" : "out");
  sqlite3_bind_int64 (stmt, 3, a->occurred_at != 0 ? a->occurred_at : now);
  nudge_sql_bind_id (stmt, 4, a->contact_id);
  nudge_sql_bind_id (stmt, 5, a->deal_id);
  nudge_sql_bind_id (stmt, 6, a->company_id);
  nudge_sql_bind_text (stmt, 7, a->summary);
  nudge_sql_bind_text (stmt, 8, a->body);
  nudge_sql_bind_text (stmt, 9, a->origin);
  sqlite3_bind_int64 (stmt, 10, now);
  if (!nudge_store_step_done (self, stmt, error))
    return 0;

  a->id = sqlite3_last_insert_rowid (self->db);
  if (a->occurred_at == 0)
    a->occurred_at = now;
  a->created_at = now;

  nudge_store_queue_change (self, NUDGE_ENTITY_ACTIVITY, a->id, NUDGE_CHANGE_ADDED);
  /* The triggers moved "last activity" of the deal and the contact. */
  if (a->deal_id > 0)
    nudge_store_queue_change (self, NUDGE_ENTITY_DEAL, a->deal_id, NUDGE_CHANGE_UPDATED);
  if (a->contact_id > 0)
    nudge_store_queue_change (self, NUDGE_ENTITY_CONTACT, a->contact_id, NUDGE_CHANGE_UPDATED);
  if (a->company_id > 0)
    nudge_store_queue_change (self, NUDGE_ENTITY_COMPANY, a->company_id, NUDGE_CHANGE_UPDATED);
  return a->id;
}

gboolean
nudge_store_remove_activity (NudgeStore  *self,
                             gint64       id,
                             GError     **error)
{
  static const NudgeEntity owners[] = { NUDGE_ENTITY_DEAL, NUDGE_ENTITY_CONTACT, NUDGE_ENTITY_COMPANY };
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (NUDGE_IS_STORE (self), FALSE);

  if (!(stmt = nudge_store_prepare (self, "DELETE FROM activity WHERE id = ? RETURNING deal_id, contact_id, company_id",
                                    error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      nudge_store_queue_change (self, NUDGE_ENTITY_ACTIVITY, id, NUDGE_CHANGE_REMOVED);
      /* The triggers moved their "last activity" back. */
      for (guint i = 0; i < G_N_ELEMENTS (owners); i++)
        if (sqlite3_column_int64 (stmt, i) > 0)
          nudge_store_queue_change (self, owners[i], sqlite3_column_int64 (stmt, i), NUDGE_CHANGE_UPDATED);
      rc = sqlite3_step (stmt);
    }
  return nudge_store_rows_done (self, stmt, rc, error);
}

GPtrArray *
nudge_store_list_activities (NudgeStore  *self,
                             NudgeEntity  owner,
                             gint64       owner_id,
                             GError     **error)
{
  static char deal_sql[sizeof ACTIVITY_SELECT + 64];
  static char contact_sql[sizeof ACTIVITY_SELECT + 64];
  static char company_sql[sizeof ACTIVITY_SELECT + 160];
  sqlite3_stmt *stmt;
  const char *sql;

  if (deal_sql[0] == '\0')
    {
      g_snprintf (deal_sql, sizeof deal_sql, "%sWHERE a.deal_id = ? ORDER BY a.occurred_at DESC, a.id DESC", ACTIVITY_SELECT);
      g_snprintf (contact_sql, sizeof contact_sql, "%sWHERE a.contact_id = ? ORDER BY a.occurred_at DESC, a.id DESC", ACTIVITY_SELECT);
      g_snprintf (company_sql, sizeof company_sql,
                  "%sWHERE a.company_id = ?1 OR a.contact_id IN (SELECT id FROM contact WHERE company_id = ?1)"
                  " ORDER BY a.occurred_at DESC, a.id DESC", ACTIVITY_SELECT);
    }

  switch (owner)
    {
    case NUDGE_ENTITY_DEAL:    sql = deal_sql; break;
    case NUDGE_ENTITY_CONTACT: sql = contact_sql; break;
    case NUDGE_ENTITY_COMPANY: sql = company_sql; break;
    default: g_return_val_if_reached (NULL);
    }

  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, owner_id);
  return nudge_store_collect_rows (self, stmt, (NudgeRowReader) read_activity, error);
}
