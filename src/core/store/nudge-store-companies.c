/* nudge-store-companies.c — companies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nudge-clock.h"
#include "nudge-store-internal.h"

static const char COMPANY_SELECT[] =
  "SELECT co.id, co.name, co.industry, co.website, co.phone, co.email, co.notes, co.created_at,"
  " co.updated_at,"
  " (SELECT COUNT(*) FROM contact c WHERE c.company_id = co.id AND c.trashed_at IS NULL),"
  " (SELECT COUNT(*) FROM deal d WHERE d.company_id = co.id AND d.status = 'open' AND d.trashed_at IS NULL),"
  " (SELECT MAX(last_activity_at) FROM contact c WHERE c.company_id = co.id),"
  " (SELECT MIN(next_followup_at) FROM deal d WHERE d.company_id = co.id AND d.trashed_at IS NULL)"
  " FROM company co ";

/* The columns of COMPANY_SELECT, in order: the row reader reads them by these names. */
enum {
  COMPANY_COL_ID = 0,
  COMPANY_COL_NAME,
  COMPANY_COL_INDUSTRY,
  COMPANY_COL_WEBSITE,
  COMPANY_COL_PHONE,
  COMPANY_COL_EMAIL,
  COMPANY_COL_NOTES,
  COMPANY_COL_CREATED_AT,
  COMPANY_COL_UPDATED_AT,
  COMPANY_COL_N_CONTACTS,
  COMPANY_COL_N_OPEN_DEALS,
  COMPANY_COL_LAST_ACTIVITY_AT,
  COMPANY_COL_NEXT_FOLLOWUP_AT,
  COMPANY_N_COLUMNS
};

static NudgeCompany *
read_company (sqlite3_stmt *stmt)
{
  NudgeCompany *c = nudge_company_new ();

  g_assert (sqlite3_column_count (stmt) >= COMPANY_N_COLUMNS);

  c->id = sqlite3_column_int64 (stmt, COMPANY_COL_ID);
  c->name = nudge_sql_dup_text (stmt, COMPANY_COL_NAME);
  c->industry = nudge_sql_dup_text (stmt, COMPANY_COL_INDUSTRY);
  c->website = nudge_sql_dup_text (stmt, COMPANY_COL_WEBSITE);
  c->phone = nudge_sql_dup_text (stmt, COMPANY_COL_PHONE);
  c->email = nudge_sql_dup_text (stmt, COMPANY_COL_EMAIL);
  c->notes = nudge_sql_dup_text (stmt, COMPANY_COL_NOTES);
  c->created_at = sqlite3_column_int64 (stmt, COMPANY_COL_CREATED_AT);
  c->updated_at = sqlite3_column_int64 (stmt, COMPANY_COL_UPDATED_AT);
  c->n_contacts = sqlite3_column_int (stmt, COMPANY_COL_N_CONTACTS);
  c->n_open_deals = sqlite3_column_int (stmt, COMPANY_COL_N_OPEN_DEALS);
  c->last_activity_at = sqlite3_column_int64 (stmt, COMPANY_COL_LAST_ACTIVITY_AT);
  c->next_followup_at = sqlite3_column_int64 (stmt, COMPANY_COL_NEXT_FOLLOWUP_AT);
  return c;
}

/* ---- companies -------------------------------------------------------- */

gboolean
nudge_check_company (NudgeCompany  *c,
                     GError       **error)
{
  return nudge_check_text (_("Name"), c->name, NUDGE_MAX_NAME_CHARS, TRUE, error) &&
         nudge_check_text (_("Industry"), c->industry, NUDGE_MAX_NAME_CHARS, FALSE, error) &&
         nudge_check_text (_("Website"), c->website, NUDGE_MAX_URL_CHARS, FALSE, error) &&
         nudge_check_phone (c->phone, error) &&
         nudge_check_email (c->email, error) &&
         nudge_check_text (_("Notes"), c->notes, NUDGE_MAX_NOTES_CHARS, FALSE, error);
}

gint64
nudge_store_save_company (NudgeStore    *self,
                          NudgeCompany  *company,
                          GError       **error)
{
  static const char insert_sql[] =
    "INSERT INTO company (name, industry, website, phone, email, notes, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)";
  static const char update_sql[] =
    "UPDATE company SET name = ?1, industry = ?2, website = ?3, phone = ?4, email = ?5,"
    " notes = ?6, updated_at = ?7 WHERE id = ?8";
  NudgeCompany *c = company;
  sqlite3_stmt *stmt;
  gint64 now = nudge_clock_now ();
  gboolean is_new = c->id <= 0;

  g_return_val_if_fail (NUDGE_IS_STORE (self), 0);
  g_return_val_if_fail (NUDGE_IS_COMPANY (company), 0);

  if (!nudge_check_company (c, error))
    return 0;

  if (!(stmt = nudge_store_prepare (self, is_new ? insert_sql : update_sql, error)))
    return 0;
  nudge_sql_bind_text (stmt, 1, g_strstrip (c->name));
  nudge_sql_bind_text (stmt, 2, c->industry);
  nudge_sql_bind_text (stmt, 3, c->website);
  nudge_sql_bind_text (stmt, 4, c->phone);
  nudge_sql_bind_text (stmt, 5, c->email);
  nudge_sql_bind_text (stmt, 6, c->notes);
  sqlite3_bind_int64 (stmt, 7, now);
  if (!is_new)
    sqlite3_bind_int64 (stmt, 8, c->id);
  if (!nudge_store_step_save (self, stmt, NUDGE_ENTITY_COMPANY, &c->id, error))
    return 0;
  if (is_new)
    c->created_at = now;
  c->updated_at = now;
  return c->id;
}

NudgeCompany *
nudge_store_get_company (NudgeStore  *self,
                         gint64       id,
                         GError     **error)
{
  static char sql[sizeof COMPANY_SELECT + 64];

  if (sql[0] == '\0')
    g_snprintf (sql, sizeof sql, "%sWHERE co.id = ? AND co.trashed_at IS NULL", COMPANY_SELECT);
  return nudge_store_get_one (self, sql, id, (NudgeRowReader) read_company, NUDGE_ENTITY_COMPANY, error);
}

GPtrArray *
nudge_store_list_companies (NudgeStore  *self,
                            GError     **error)
{
  /* The same columns as COMPANY_SELECT, but the counts are grouped once
   * for all companies instead of four subqueries per company: a third
   * faster on a book of 20,000 companies. */
  static const char sql[] =
    "SELECT co.id, co.name, co.industry, co.website, co.phone, co.email, co.notes, co.created_at,"
    " co.updated_at, COALESCE(c.n, 0), COALESCE(d.n, 0), c.last_activity_at, d.next_followup_at"
    " FROM company co"
    " LEFT JOIN (SELECT company_id, SUM(trashed_at IS NULL) AS n, MAX(last_activity_at) AS last_activity_at"
    "   FROM contact WHERE company_id IS NOT NULL GROUP BY company_id) c ON c.company_id = co.id"
    " LEFT JOIN (SELECT company_id, SUM(status = 'open') AS n, MIN(next_followup_at) AS next_followup_at"
    "   FROM deal WHERE trashed_at IS NULL AND company_id IS NOT NULL GROUP BY company_id) d"
    "   ON d.company_id = co.id"
    " WHERE co.trashed_at IS NULL ORDER BY co.id";
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return NULL;
  return nudge_store_collect_rows (self, stmt, (NudgeRowReader) read_company, error);
}

gint64
nudge_store_find_company_by_name (NudgeStore *self,
                                  const char *name)
{
  static const char sql[] =
    "SELECT id FROM company WHERE name = ? COLLATE NOCASE AND trashed_at IS NULL ORDER BY id LIMIT 1";

  return nudge_store_lookup (self, sql, 0, name ? name : "", NULL);
}
