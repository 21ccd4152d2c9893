/* nudge-rules-undo.c — taking back what rules did when a deal moved
 *
 * Rules run a moment after a change (nudge-rules-runner.c), so a move
 * cannot know what they will make of it. What they made is found when
 * the move is taken back: a rule that fired for the deal in the episode
 * the move began ("stage:" or "won:" with the time, as rule_candidates()
 * in nudge-rules.c keys them) made the follow-ups linked to it (or to
 * the cadence it applied) and the "rule" activity that logs it, no
 * earlier than it fired.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-rules"

#include "config.h"

#include "nudge-automation-private.h"

typedef struct
{
  gint64  rule_id;
  char   *episode;
  gint64  fired_at;
  char   *name;
  gint64  cadence_id;   /* the cadence an apply_cadence rule applied, or 0 */
} Firing;

static void
clear_firing (gpointer data)
{
  Firing *firing = data;

  g_free (firing->episode);
  g_free (firing->name);
}

static gint64
cadence_of (NudgeStore  *store,
            const char  *action,
            const char  *params)
{
  static const char sql[] = "SELECT id FROM cadence WHERE name = ?";
  g_autoptr(GHashTable) parsed = NULL;
  const char *name;

  if (g_strcmp0 (action, "apply_cadence") != 0)
    return 0;
  parsed = nudge_params_parse (params);
  name = g_hash_table_lookup (parsed, "cadence");
  return nudge_store_lookup (store, sql, 0, name ? name : "", NULL);
}

static gboolean
list_firings (NudgeStore   *store,
              const char   *subject,
              const char  **episodes,
              GArray       *firings,
              GError      **error)
{
  static const char sql[] =
    "SELECT rf.rule_id, rf.episode, rf.fired_at, r.name, r.action, r.action_params"
    " FROM rule_fired rf JOIN rule r ON r.id = rf.rule_id"
    " WHERE rf.subject = ?1 AND rf.episode = ?2";

  for (guint e = 0; episodes[e] != NULL; e++)
    {
      sqlite3_stmt *stmt = nudge_store_prepare (store, sql, error);
      g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
      guint first = firings->len;
      int rc;

      if (stmt == NULL)
        return FALSE;
      nudge_sql_bind_text (stmt, 1, subject);
      nudge_sql_bind_text (stmt, 2, episodes[e]);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          Firing firing = {
            .rule_id = sqlite3_column_int64 (stmt, 0),
            .episode = nudge_sql_dup_text (stmt, 1),
            .fired_at = sqlite3_column_int64 (stmt, 2),
            .name = nudge_sql_dup_text (stmt, 3),
          };

          g_array_append_val (firings, firing);
          g_ptr_array_add (actions, nudge_sql_dup_text (stmt, 4));
          g_ptr_array_add (params, nudge_sql_dup_text (stmt, 5));
        }
      if (!nudge_store_rows_done (store, stmt, rc, error))
        return FALSE;
      /* After the rows are read: the cadence's query is another
       * statement of the cache. */
      for (guint i = first; i < firings->len; i++)
        g_array_index (firings, Firing, i).cadence_id =
          cadence_of (store, g_ptr_array_index (actions, i - first), g_ptr_array_index (params, i - first));
    }
  return TRUE;
}

/* Follow-ups a seller already finished record work done: they stay. */
static gboolean
remove_followups (NudgeStore  *store,
                  gint64       deal_id,
                  Firing      *firing,
                  GError     **error)
{
  static const char select_sql[] =
    "SELECT id, contact_id FROM followup WHERE deal_id = ?1 AND status = 'open' AND created_at >= ?2"
    " AND (rule_id = ?3 OR (?4 > 0 AND origin = 'cadence' AND cadence_id = ?4))";
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) contacts = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = nudge_store_prepare (store, select_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  sqlite3_bind_int64 (stmt, 2, firing->fired_at);
  sqlite3_bind_int64 (stmt, 3, firing->rule_id);
  sqlite3_bind_int64 (stmt, 4, firing->cadence_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 contact_id = sqlite3_column_int64 (stmt, 1);

      g_array_append_val (ids, id);
      g_array_append_val (contacts, contact_id);
    }
  if (!nudge_store_rows_done (store, stmt, rc, error))
    return FALSE;

  /* No deal: the move taken back announces it. */
  for (guint i = 0; i < ids->len; i++)
    if (!nudge_store_remove_followup_row (store, g_array_index (ids, gint64, i), 0,
                                          g_array_index (contacts, gint64, i), error))
      return FALSE;
  return TRUE;
}

static gboolean
remove_log (NudgeStore  *store,
            gint64       deal_id,
            Firing      *firing,
            GError     **error)
{
  static const char select_sql[] =
    "SELECT id FROM activity WHERE deal_id = ?1 AND kind = 'rule' AND origin = ?2 AND created_at >= ?3";
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (store, select_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  nudge_sql_bind_text (stmt, 2, firing->name);
  sqlite3_bind_int64 (stmt, 3, firing->fired_at);
  if (!nudge_store_append_ids (store, stmt, ids, error))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    if (!nudge_store_remove_activity (store, g_array_index (ids, gint64, i), error))
      return FALSE;
  return TRUE;
}

/* The firing goes too: the move it answered never happened. */
static gboolean
forget_firing (NudgeStore  *store,
               const char  *subject,
               Firing      *firing,
               GError     **error)
{
  static const char sql[] = "DELETE FROM rule_fired WHERE rule_id = ?1 AND subject = ?2 AND episode = ?3";
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, firing->rule_id);
  nudge_sql_bind_text (stmt, 2, subject);
  nudge_sql_bind_text (stmt, 3, firing->episode);
  return nudge_store_step_done (store, stmt, error);
}

/**
 * nudge_rules_take_back_move:
 * @deal_id: the deal that moved
 * @entered_at: when the move put it in its stage
 * @won_at: when the move won it, or 0
 *
 * Inside the caller's transaction, removes what rules did for @deal_id
 * in reaction to that move: the open follow-ups they created, the
 * activities that log them and the record that they fired.
 */
gboolean
nudge_rules_take_back_move (NudgeStore  *store,
                            gint64       deal_id,
                            gint64       entered_at,
                            gint64       won_at,
                            GError     **error)
{
  g_autofree char *subject = g_strdup_printf ("deal:%" G_GINT64_FORMAT, deal_id);
  g_autofree char *entered = g_strdup_printf ("stage:%" G_GINT64_FORMAT, entered_at);
  g_autofree char *won = won_at > 0 ? g_strdup_printf ("won:%" G_GINT64_FORMAT, won_at) : NULL;
  const char *episodes[] = { entered, won, NULL };
  g_autoptr(GArray) firings = g_array_new (FALSE, TRUE, sizeof (Firing));

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  g_array_set_clear_func (firings, clear_firing);

  if (!list_firings (store, subject, episodes, firings, error))
    return FALSE;
  for (guint i = 0; i < firings->len; i++)
    {
      Firing *firing = &g_array_index (firings, Firing, i);

      if (!remove_followups (store, deal_id, firing, error) ||
          !remove_log (store, deal_id, firing, error) ||
          !forget_firing (store, subject, firing, error))
        return FALSE;
    }
  return TRUE;
}
