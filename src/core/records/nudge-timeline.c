/* nudge-timeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-timeline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nudge-clock.h"
#include "nudge-store-private.h"
#include "nudge-timeline.h"

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  gint64 x = nudge_activity_get_occurred_at (*(NudgeActivity **) a);
  gint64 y = nudge_activity_get_occurred_at (*(NudgeActivity **) b);

  return x > y ? -1 : x < y;
}

static NudgeActivity *
synthesize (const char *kind,
            gint64      at,
            gint64      deal_id,
            const char *deal_title,
            gint64      contact_id,
            char       *summary)
{
  NudgeActivity *a = nudge_activity_new ();

  a->kind = g_strdup (kind);
  a->occurred_at = at;
  a->deal_id = deal_id;
  a->deal_title = g_strdup (deal_title ? deal_title : "");
  a->contact_id = contact_id;
  a->contact_name = g_strdup ("");
  a->summary = summary;
  a->body = g_strdup ("");
  a->origin = g_strdup ("");
  a->direction = NUDGE_DIRECTION_OUT;
  return a;
}

GPtrArray *
nudge_timeline_list (NudgeStore  *store,
                     NudgeEntity  owner,
                     gint64       owner_id,
                     GError     **error)
{
  /* Deals of the owner: the deal itself, a contact's deals, a company's. */
  static const char stage_sql[] =
    "SELECT sc.at, sc.deal_id, d.title, d.contact_id, fs.name, ts.name FROM stage_change sc"
    " JOIN deal d ON d.id = sc.deal_id"
    " LEFT JOIN stage fs ON fs.id = sc.from_stage LEFT JOIN stage ts ON ts.id = sc.to_stage"
    " WHERE (?1 = 0 AND d.id = ?2) OR (?1 = 1 AND d.contact_id = ?2) OR (?1 = 2 AND d.company_id = ?2)";
  /* Follow-ups done or missed, of the deal, of the contact or its deals,
   * of the company's deals or contacts: one statement each, so SQLite
   * finds them through the owner's indexes. The status is kept out of
   * the index search (+): on it SQLite read every follow-up of the book,
   * 110-160 ms of the main loop on the 100k book at every change while
   * a contact's or company's window was open. */
#define FOLLOWUP_SELECT \
  "SELECT f.status, f.done_at, f.due_at, f.deal_id, d.title, f.contact_id, f.title FROM followup f" \
  " LEFT JOIN deal d ON d.id = f.deal_id WHERE "
#define FOLLOWUP_PAST \
  " AND f.rrule = '' AND (+f.status = 'done' OR (+f.status = 'open' AND f.due_at < ?3))"
  static const char *const followup_sql[] = {
    FOLLOWUP_SELECT "f.deal_id = ?2" FOLLOWUP_PAST,
    FOLLOWUP_SELECT "(f.contact_id = ?2 OR f.deal_id IN (SELECT id FROM deal WHERE contact_id = ?2))" FOLLOWUP_PAST,
    FOLLOWUP_SELECT "(f.deal_id IN (SELECT id FROM deal WHERE company_id = ?2)"
                    " OR f.contact_id IN (SELECT id FROM contact WHERE company_id = ?2))" FOLLOWUP_PAST,
  };
#undef FOLLOWUP_SELECT
#undef FOLLOWUP_PAST
  g_autoptr(GPtrArray) items = NULL;
  sqlite3_stmt *stmt;
  gint64 now = nudge_clock_now ();
  int kind;
  int rc;

  switch (owner)
    {
    case NUDGE_ENTITY_DEAL:    kind = 0; break;
    case NUDGE_ENTITY_CONTACT: kind = 1; break;
    case NUDGE_ENTITY_COMPANY: kind = 2; break;
    default: g_return_val_if_reached (NULL);
    }

  if (!(items = nudge_store_list_activities (store, owner, owner_id, error)))
    return NULL;

  if (!(stmt = nudge_store_prepare (store, stage_sql, error)))
    return NULL;
  sqlite3_bind_int (stmt, 1, kind);
  sqlite3_bind_int64 (stmt, 2, owner_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *from = (const char *) sqlite3_column_text (stmt, 4);
      const char *to = (const char *) sqlite3_column_text (stmt, 5);
      char *summary = from ? g_strdup_printf (_("Moved from %s to %s"), from, to ? to : "?")
                           : g_strdup_printf (_("Created in %s"), to ? to : "?");

      g_ptr_array_add (items, synthesize ("stage_change", sqlite3_column_int64 (stmt, 0),
                                          sqlite3_column_int64 (stmt, 1),
                                          (const char *) sqlite3_column_text (stmt, 2),
                                          sqlite3_column_int64 (stmt, 3), summary));
    }
  if (!nudge_store_rows_done (store, stmt, rc, error))
    return NULL;

  if (!(stmt = nudge_store_prepare (store, followup_sql[kind], error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 2, owner_id);
  sqlite3_bind_int64 (stmt, 3, now);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean done = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "done") == 0;
      const char *title = (const char *) sqlite3_column_text (stmt, 6);
      gint64 at = done ? sqlite3_column_int64 (stmt, 1) : sqlite3_column_int64 (stmt, 2);

      g_ptr_array_add (items, synthesize (done ? "followup_done" : "followup_missed", at,
                                          sqlite3_column_int64 (stmt, 3),
                                          (const char *) sqlite3_column_text (stmt, 4),
                                          sqlite3_column_int64 (stmt, 5),
                                          done ? g_strdup_printf (_("Follow-up done: %s"), title)
                                               : g_strdup_printf (_("Follow-up missed: %s"), title)));
    }
  if (!nudge_store_rows_done (store, stmt, rc, error))
    return NULL;

  /* What re-imports changed (nudge-import-match.c) */
  {
    static const char import_sql[] =
      "SELECT at, summary FROM import_change"
      " WHERE (?1 = 0 AND deal_id = ?2) OR (?1 = 1 AND contact_id = ?2) OR (?1 = 2 AND company_id = ?2)";

    if (!(stmt = nudge_store_prepare (store, import_sql, error)))
      return NULL;
    sqlite3_bind_int (stmt, 1, kind);
    sqlite3_bind_int64 (stmt, 2, owner_id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_ptr_array_add (items, synthesize ("import", sqlite3_column_int64 (stmt, 0), kind == 0 ? owner_id : 0, NULL,
                                          kind == 1 ? owner_id : 0, nudge_sql_dup_text (stmt, 1)));
    if (!nudge_store_rows_done (store, stmt, rc, error))
      return NULL;
  }

  g_ptr_array_sort (items, compare_newest_first);
  return g_steal_pointer (&items);
}

NudgeStayState
nudge_contact_stay_state (NudgeContact *contact,
                          gint64        now)
{
  gint64 last;
  int ideal, max;

  g_return_val_if_fail (NUDGE_IS_CONTACT (contact), NUDGE_STAY_NONE);

  ideal = nudge_contact_get_stay_ideal_days (contact);
  max = nudge_contact_get_stay_max_days (contact);
  if (ideal <= 0 && max <= 0)
    return NUDGE_STAY_NONE;

  last = nudge_contact_get_last_activity_at (contact);
  if (last == 0)
    last = nudge_contact_get_created_at (contact);

  if (max > 0 && now - last > (gint64) max * 86400)
    return NUDGE_STAY_OVERDUE;
  if (ideal > 0 && now - last > (gint64) ideal * 86400)
    return NUDGE_STAY_DUE;
  return NUDGE_STAY_OK;
}
