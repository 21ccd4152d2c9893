/* nudge-activity-log.c — one logged activity, and its Undo
 *
 * A call logged with one click must be as easy to take back. Logging
 * may also close the follow-up that asked for the call (and, for a
 * series, record the occurrence and move it to the next date), so the
 * open follow-ups of the deal or contact are copied first and Undo puts
 * them back (nudge-followups-undo.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-activity-log"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-activity-log.h"
#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-followups-undo.h"
#include "nudge-store-private.h"
#include "nudge-transaction.h"

struct _NudgeActivityLog
{
  gint64              activity_id;
  NudgeFollowupsUndo *followups;   /* the open ones, as they were */
};

/* The ids of the open follow-ups of @deal_id or @contact_id. */
static GArray *
open_followups (NudgeStore  *store,
                gint64       deal_id,
                gint64       contact_id,
                GError     **error)
{
  static const char sql[] =
    "SELECT id FROM followup WHERE status = 'open' AND ((?1 > 0 AND deal_id = ?1) OR (?2 > 0 AND contact_id = ?2))";
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  sqlite3_bind_int64 (stmt, 2, contact_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&ids);
}

/* Adds @activity and closes what it answers, copying first what Undo
 * needs: follow-up @answered's @occurrence, or (with 0) for the seller's
 * own touch the open follow-up of that kind that asked for it. */
static NudgeActivityLog *
log_activity (NudgeStore     *store,
              NudgeActivity  *activity,
              gint64          answered,
              gint64          occurrence,
              GError        **error)
{
  g_autoptr(NudgeActivityLog) log = g_new0 (NudgeActivityLog, 1);
  g_autoptr(GArray) ids = NULL;
  gint64 deal_id = nudge_activity_get_deal_id (activity);
  gint64 contact_id = nudge_activity_get_contact_id (activity);
  gboolean outbound = nudge_activity_get_direction (activity) == NUDGE_DIRECTION_OUT;
  NudgeFollowupsUndo *undo;
  gboolean ok;

  if (!nudge_store_begin (store, error))
    return NULL;
  if (answered > 0)
    ids = g_array_append_vals (g_array_new (FALSE, FALSE, sizeof (gint64)), &answered, 1);
  else
    ids = open_followups (store, deal_id, contact_id, error);
  if (ids == NULL || !(undo = nudge_followups_undo_copy (store, (const gint64 *) ids->data, ids->len, error)))
    {
      nudge_store_rollback (store);
      return NULL;
    }
  ok = (log->activity_id = nudge_store_add_activity (store, activity, error)) != 0;
  if (ok && answered > 0)
    ok = nudge_followups_complete_answered (store, answered, occurrence, error);
  else if (ok && outbound && (deal_id > 0 || contact_id > 0))
    ok = nudge_followups_close_matching (store, deal_id, contact_id, nudge_activity_get_kind (activity), error) >= 0;
  log->followups = undo;
  if (!nudge_store_end (store, ok && nudge_followups_undo_seal (store, undo, error), error))
    return NULL;
  return g_steal_pointer (&log);
}

NudgeActivityLog *
nudge_activity_log_add (NudgeStore  *store,
                        gint64       deal_id,
                        gint64       contact_id,
                        const char  *kind,
                        gboolean     inbound,
                        gint64       at,
                        const char  *summary,
                        GError     **error)
{
  g_autoptr(NudgeActivity) activity = nudge_activity_new ();

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  g_object_set (activity, "kind", kind, "direction", inbound ? NUDGE_DIRECTION_IN : NUDGE_DIRECTION_OUT,
                "deal-id", deal_id, "contact-id", contact_id, "occurred-at", at, "summary", summary, NULL);
  return log_activity (store, activity, 0, 0, error);
}

NudgeActivityLog *
nudge_activity_log_answer (NudgeStore     *store,
                           NudgeFollowup  *followup,
                           gint64          occurrence,
                           const char     *kind,
                           GError        **error)
{
  g_autoptr(NudgeActivity) activity = nudge_activity_new ();

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (followup), NULL);

  g_object_set (activity, "kind", kind, "direction", NUDGE_DIRECTION_OUT,
                "occurred-at", nudge_clock_now (), "deal-id", nudge_followup_get_deal_id (followup),
                "contact-id", nudge_followup_get_contact_id (followup),
                "summary", nudge_followup_get_title (followup), NULL);
  return log_activity (store, activity, nudge_followup_get_id (followup), occurrence, error);
}

gint64
nudge_activity_log_get_id (NudgeActivityLog *log)
{
  g_return_val_if_fail (log != NULL, 0);

  return log->activity_id;
}

NudgeFollowupsUndo *
nudge_activity_log_get_followups_undo (NudgeActivityLog *log)
{
  g_return_val_if_fail (log != NULL, NULL);

  return log->followups;
}

static gboolean
undo_log (NudgeStore  *store,
          gpointer     data,
          GError     **error)
{
  NudgeActivityLog *log = data;

  return nudge_store_remove_activity (store, log->activity_id, error) &&
         nudge_followups_undo_write (store, log->followups, error);
}

gboolean
nudge_activity_log_undo (NudgeStore        *store,
                         NudgeActivityLog  *log,
                         GError           **error)
{
  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (log != NULL, FALSE);

  return nudge_transaction_run (store, undo_log, log, error);
}

void
nudge_activity_log_free (NudgeActivityLog *log)
{
  if (log == NULL)
    return;
  g_clear_pointer (&log->followups, nudge_followups_undo_free);
  g_free (log);
}
