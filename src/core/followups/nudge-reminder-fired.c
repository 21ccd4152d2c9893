/* nudge-reminder-fired.c — which reminders have fired: when an
 * occurrence's reminder is due and the key it is recorded by, and the
 * reminder_fired table the scheduler writes and reads them in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-scheduler"

#include "config.h"

#include "nudge-scheduler.h"
#include "nudge-scheduler-private.h"
#include "nudge-store-private.h"

gint64
nudge_scheduler_fire_time (NudgeOccurrence *occ)
{
  NudgeFollowup *followup = nudge_occurrence_get_followup (occ);
  gint64 start = nudge_occurrence_get_start (occ);
  gint64 due = nudge_occurrence_get_due_at (occ);

  if (due != start)
    return due;                         /* snoozed: exactly when asked */
  return start - (gint64) MAX (0, nudge_followup_get_remind_before_min (followup)) * 60;
}

char *
nudge_scheduler_dup_fire_key (NudgeOccurrence *occ)
{
  g_autofree char *key = nudge_occurrence_dup_key (occ);
  gint64 start = nudge_occurrence_get_start (occ);
  gint64 due = nudge_occurrence_get_due_at (occ);

  if (due != start)
    return g_strdup_printf ("%s/snooze/%" G_GINT64_FORMAT, key, due);
  return g_steal_pointer (&key);
}

gboolean
nudge_reminder_fired_has_key (NudgeStore *store,
                              const char *key)
{
  return nudge_store_lookup (store, "SELECT 1 FROM reminder_fired WHERE occurrence_key = ?", 0, key, NULL) != 0;
}

/* Whether the snooze to @snoozed of an occurrence of the series @uid
 * has fired (its key names the occurrence: uid/start/snooze/time). */
gboolean
nudge_reminder_fired_has_snooze (NudgeStore *store,
                                 const char *uid,
                                 gint64      snoozed)
{
  static const char sql[] =
    "SELECT 1 FROM reminder_fired WHERE substr(occurrence_key, 1, length(?1)) = ?1"
    " AND substr(occurrence_key, -length(?2)) = ?2";
  g_autofree char *prefix = g_strdup_printf ("%s/", uid);
  g_autofree char *suffix = g_strdup_printf ("/snooze/%" G_GINT64_FORMAT, snoozed);
  sqlite3_stmt *stmt = nudge_store_prepare (store, sql, NULL);
  gboolean fired;

  if (stmt == NULL)
    return FALSE;
  nudge_sql_bind_text (stmt, 1, prefix);
  nudge_sql_bind_text (stmt, 2, suffix);
  fired = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return fired;
}

/* @sql once for each of @keys (?1), with @value (?2): one transaction. */
gboolean
nudge_reminder_fired_write (NudgeStore  *store,
                            const char  *sql,
                            GPtrArray   *keys,
                            gint64       value,
                            GError     **error)
{
  if (!nudge_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < keys->len; i++)
    {
      sqlite3_stmt *stmt = nudge_store_prepare (store, sql, error);

      if (stmt == NULL)
        goto failed;
      nudge_sql_bind_text (stmt, 1, g_ptr_array_index (keys, i));
      sqlite3_bind_int64 (stmt, 2, value);
      if (!nudge_store_step_done (store, stmt, error))
        goto failed;
    }
  if (nudge_store_commit (store, error))
    return TRUE;

failed:
  nudge_store_rollback (store);
  return FALSE;
}

/* The first check of a run that confirms delivery: reminders a run
 * before left on screen went with it (see migration 16), unseen — they
 * are due again. Done here, when the app starts, and not when it quits,
 * so a run that was killed or crashed, or a session that ended, loses
 * none either. One statement: one transaction. */
void
nudge_reminder_fired_forget_on_screen (NudgeStore *store)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = nudge_store_prepare (store, "DELETE FROM reminder_fired INDEXED BY reminder_fired_on_screen"
                                                   " WHERE on_screen = 1", &error);

  if (stmt == NULL || !nudge_store_step_done (store, stmt, &error))
    g_warning ("Reminders: %s", error->message);
}
