/* nudge-rules.c — "if this, then that": rules, their runs and their pace
 *
 * A rule is a trigger (a query that yields subjects, each with an
 * "episode" key and a base time) and an action. A rule fires at most once
 * per subject and episode (rule_fired), in the same transaction as its
 * action, so a restart or a second run never duplicates a follow-up. A
 * rule that makes follow-ups keeps to its daily limit (nudge-pace.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "nudge-automation-private.h"
#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-format.h"
#include "nudge-pace.h"
#include "nudge-scoring.h"

#define DAY NUDGE_DAY

/* ---- rules ------------------------------------------------------------ */

void
nudge_rule_free (NudgeRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->name);
  g_free (rule->trigger);
  g_free (rule->action);
  g_clear_pointer (&rule->trigger_params, g_hash_table_unref);
  g_clear_pointer (&rule->action_params, g_hash_table_unref);
  g_free (rule);
}

static const char rule_sql[] =
  "SELECT id, name, trigger, trigger_params, action, action_params, enabled, builtin FROM rule ORDER BY id";

/* The columns of rule_sql, in order. */
enum {
  RULE_COL_ID = 0,
  RULE_COL_NAME,
  RULE_COL_TRIGGER,
  RULE_COL_TRIGGER_PARAMS,
  RULE_COL_ACTION,
  RULE_COL_ACTION_PARAMS,
  RULE_COL_ENABLED,
  RULE_COL_BUILTIN,
};

GPtrArray *
nudge_rule_list (NudgeStore  *store,
                 GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) nudge_rule_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!nudge_automation_ensure_builtins_for_reading (store, error))
    return NULL;
  if (!(stmt = nudge_store_prepare (store, rule_sql, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NudgeRule *r = g_new0 (NudgeRule, 1);

      r->id = sqlite3_column_int64 (stmt, RULE_COL_ID);
      r->name = nudge_sql_dup_text (stmt, RULE_COL_NAME);
      r->trigger = nudge_sql_dup_text (stmt, RULE_COL_TRIGGER);
      r->trigger_params = nudge_params_parse ((const char *) sqlite3_column_text (stmt, RULE_COL_TRIGGER_PARAMS));
      r->action = nudge_sql_dup_text (stmt, RULE_COL_ACTION);
      r->action_params = nudge_params_parse ((const char *) sqlite3_column_text (stmt, RULE_COL_ACTION_PARAMS));
      r->enabled = sqlite3_column_int (stmt, RULE_COL_ENABLED);
      r->builtin = sqlite3_column_int (stmt, RULE_COL_BUILTIN);
      g_ptr_array_add (list, r);
    }
  if (!nudge_store_rows_done (store, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

gboolean
nudge_rule_set_enabled (NudgeStore  *store,
                        gint64       rule_id,
                        gboolean     enabled,
                        GError     **error)
{
  static const char sql[] = "UPDATE rule SET enabled = ?1 WHERE id = ?2";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (rule_id > 0, FALSE);

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int (stmt, 1, enabled);
  sqlite3_bind_int64 (stmt, 2, rule_id);
  return nudge_store_step_save (store, stmt, NUDGE_ENTITY_RULE, &rule_id, error);
}

/* A rule's parameters as people read them, in the editor's order. */
static const struct {
  const char *key;
  const char *label;
} param_labels[] = {
  { "days", N_("After how many days") },
  { "months", N_("After how many months") },
  { "after_rule", N_("After the rule") },
  { "include_on_hold", N_("Also deals on hold (1 = yes)") },
  { "stage", N_("Stage") },
  { "title", N_("Follow-up title") },
  { "due_days", N_("Due in days") },
  { "kind", N_("Kind") },
  { "priority", N_("Priority (0–3)") },
  { "subject", N_("E-mail subject") },
  { "body", N_("E-mail text") },
  { "notes", N_("Notes") },
  { "cadence", N_("Cadence") },
  { "temperature", N_("Temperature") },
  { "daily_limit", N_("At most a day") },
};

/* The values a parameter may take when it is one of a few. */
static const char *const kind_choices[] = { "call", "email", "meeting", "task", NULL };
static const char *const temperature_choices[] = { "", "hot", "warm", "cold", NULL };

const char *
nudge_rule_param_label (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (param_labels); i++)
    if (g_str_equal (param_labels[i].key, key))
      return _(param_labels[i].label);
  return key;
}

int
nudge_rule_param_order (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (param_labels); i++)
    if (g_str_equal (param_labels[i].key, key))
      return (int) i;
  return G_N_ELEMENTS (param_labels);
}

const char *const *
nudge_rule_param_choices (const char *key)
{
  if (g_str_equal (key, "kind"))
    return kind_choices;
  if (g_str_equal (key, "temperature"))
    return temperature_choices;
  return NULL;
}

gboolean
nudge_rule_param_is_template (const char *key)
{
  g_return_val_if_fail (key != NULL, FALSE);

  return g_str_equal (key, "title") || g_str_equal (key, "subject") || g_str_equal (key, "body") ||
         g_str_equal (key, "notes");
}

gboolean
nudge_rule_save (NudgeStore  *store,
                 NudgeRule   *rule,
                 GError     **error)
{
  static const char sql[] =
    "UPDATE rule SET name = ?1, trigger_params = ?2, action_params = ?3, enabled = ?4 WHERE id = ?5";
  g_autofree char *tp = NULL;
  g_autofree char *ap = NULL;
  GHashTableIter iter;
  gpointer key, value;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (rule != NULL && rule->id > 0, FALSE);

  if (!nudge_check_text (_("Name"), rule->name, NUDGE_MAX_NAME_CHARS, TRUE, error))
    return FALSE;

  /* Numbers must be numbers; templates must fit in a follow-up. */
  g_hash_table_iter_init (&iter, rule->trigger_params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_equal (key, "days") || g_str_equal (key, "months"))
      {
        char *end = NULL;
        long n = strtol (value, &end, 10);

        if (end == value || *end != '\0' || n < 1 || n > 3650)
          return nudge_fail_invalid (error, _("“%s” must be a whole number from 1 to 3650"),
                                     nudge_rule_param_label (key));
      }
  g_hash_table_iter_init (&iter, rule->action_params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_str_equal (key, "due_days") || g_str_equal (key, "priority") || g_str_equal (key, "daily_limit"))
        {
          char *end = NULL;
          long n = strtol (value, &end, 10);

          if (end == value || *end != '\0' || n < 0 || n > 3650)
            return nudge_fail_invalid (error, _("“%s” must be a whole number from 0 to 3650"),
                                       nudge_rule_param_label (key));
        }
      else if (nudge_rule_param_choices (key) != NULL &&
               !g_strv_contains (nudge_rule_param_choices (key), value))
        return nudge_fail_invalid (error, _("“%s” cannot be “%s”"), nudge_rule_param_label (key), (const char *) value);
      else if (!nudge_check_text (nudge_rule_param_label (key), value,
                                  g_str_equal (key, "title") ? NUDGE_MAX_NAME_CHARS : NUDGE_MAX_NOTES_CHARS / 10,
                                  g_str_equal (key, "title"), error))
        return FALSE;
      else if (nudge_rule_param_is_template (key) && !nudge_template_check (nudge_rule_param_label (key), value, error))
        return FALSE;
    }

  tp = nudge_params_print (rule->trigger_params);
  ap = nudge_params_print (rule->action_params);
  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  nudge_sql_bind_text (stmt, 1, rule->name);
  nudge_sql_bind_text (stmt, 2, tp);
  nudge_sql_bind_text (stmt, 3, ap);
  sqlite3_bind_int (stmt, 4, rule->enabled);
  sqlite3_bind_int64 (stmt, 5, rule->id);
  if (!nudge_store_step_done (store, stmt, error))
    return FALSE;
  nudge_store_queue_change (store, NUDGE_ENTITY_RULE, rule->id, NUDGE_CHANGE_UPDATED);
  return TRUE;
}

static const struct {
  const char *trigger;
  const char *params;
} trigger_defaults[] = {
  { "deal_enters_stage", "{'stage': ''}" },
  { "deal_idle", "{'days': '30', 'include_on_hold': '0'}" },
  { "deal_on_hold", "{'days': '1', 'include_on_hold': '1'}" },
  { "no_reply", "{'days': '7'}" },
  { "deal_won", "{}" },
  { "company_last_won", "{'months': '6'}" },
  { "stay_in_touch", "{}" },
};

static const struct {
  const char *action;
  const char *params;
} action_defaults[] = {
  { "create_followup", "{'title': 'Follow up on {deal}', 'kind': 'call', 'due_days': '0', 'priority': '2', 'notes': ''}" },
  { "apply_cadence", "{'cadence': ''}" },
  { "set_temperature", "{'temperature': 'hot'}" },
  { "prepare_email", "{'title': 'E-mail {contact}', 'subject': '{deal}', 'body': 'Hello {contact},', 'due_days': '0'}" },
};

gint64
nudge_rule_create (NudgeStore  *store,
                   const char  *name,
                   const char  *trigger,
                   const char  *action,
                   GError     **error)
{
  static const char sql[] =
    "INSERT INTO rule (name, trigger, trigger_params, action, action_params, enabled, builtin)"
    " VALUES (?1, ?2, ?3, ?4, ?5, 0, 0)";
  const char *tp = NULL, *ap = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (NUDGE_IS_STORE (store), 0);

  if (!nudge_check_text (_("Name"), name, NUDGE_MAX_NAME_CHARS, TRUE, error))
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (trigger_defaults); i++)
    if (g_strcmp0 (trigger_defaults[i].trigger, trigger) == 0)
      tp = trigger_defaults[i].params;
  for (guint i = 0; i < G_N_ELEMENTS (action_defaults); i++)
    if (g_strcmp0 (action_defaults[i].action, action) == 0)
      ap = action_defaults[i].params;
  if (tp == NULL || ap == NULL)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   tp == NULL ? _("Unknown trigger “%s”") : _("Unknown action “%s”"),
                   tp == NULL ? trigger : action);
      return 0;
    }
  /* "On hold" is the idle trigger that takes on-hold deals at once. */
  if (g_str_equal (trigger, "deal_on_hold"))
    trigger = "deal_idle";

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return 0;
  nudge_sql_bind_text (stmt, 1, name);
  nudge_sql_bind_text (stmt, 2, trigger);
  nudge_sql_bind_text (stmt, 3, tp);
  nudge_sql_bind_text (stmt, 4, action);
  nudge_sql_bind_text (stmt, 5, ap);
  return nudge_store_step_save (store, stmt, NUDGE_ENTITY_RULE, &id, error) ? id : 0;
}

typedef struct
{
  gint64  deal_id;
  gint64  contact_id;
  char   *subject;
  char   *episode;
  gint64  base_time;
} Candidate;

static void
clear_candidate (gpointer data)
{
  Candidate *c = data;

  g_free (c->subject);
  g_free (c->episode);
}

static gboolean
collect_candidates (NudgeStore  *store,
                    const char  *sql,
                    GArray      *out,
                    gint64       p1,
                    gint64       p2,
                    const char  *text3,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* Every trigger query returns: deal_id, contact_id, episode, base_time */
  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p1);
  sqlite3_bind_int64 (stmt, 2, p2);
  if (text3 != NULL)
    nudge_sql_bind_text (stmt, 3, text3);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Candidate c;

      c.deal_id = sqlite3_column_int64 (stmt, 0);
      c.contact_id = sqlite3_column_int64 (stmt, 1);
      c.subject = c.deal_id > 0 ? g_strdup_printf ("deal:%" G_GINT64_FORMAT, c.deal_id)
                                : g_strdup_printf ("contact:%" G_GINT64_FORMAT, c.contact_id);
      c.episode = nudge_sql_dup_text (stmt, 2);
      c.base_time = sqlite3_column_int64 (stmt, 3);
      g_array_append_val (out, c);
    }
  if (!nudge_store_rows_done (store, stmt, rc, error))
    return FALSE;
  return TRUE;
}

static gboolean
rule_candidates (NudgeStore  *store,
                 NudgeRule   *rule,
                 GPtrArray   *rules,
                 gint64       now,
                 GArray      *out,
                 GError     **error)
{
  static const char idle_sql[] =
    "SELECT id, contact_id, 'quiet:' || MAX(COALESCE(last_activity_at, 0), stage_entered_at),"
    "  MAX(COALESCE(last_activity_at, 0), stage_entered_at) FROM deal"
    " WHERE trashed_at IS NULL AND ((status = 'open' AND MAX(COALESCE(last_activity_at, 0), stage_entered_at) <= ?1"
    "     AND MAX(COALESCE(last_activity_at, 0), stage_entered_at) > ?1 - 30 * 86400)"
    "   OR (?2 AND status = 'on_hold'))";
  static const char no_reply_after_sql[] =
    "SELECT f.deal_id, f.contact_id, 'after:' || f.id, f.done_at FROM followup f"
    " JOIN deal d ON d.id = f.deal_id"
    " WHERE f.rule_id = ?2 AND f.status = 'done' AND f.done_at <= ?1 AND d.trashed_at IS NULL"
    "   AND d.status IN ('open','on_hold')"
    "   AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.deal_id = f.deal_id AND a.direction = 'in'"
    "                   AND a.occurred_at >= f.done_at)";
  static const char no_reply_sql[] =
    "SELECT d.id, d.contact_id, 'touch:' || t.last_out, t.last_out FROM deal d"
    " JOIN (SELECT deal_id, MAX(occurred_at) AS last_out FROM activity WHERE direction = 'out'"
    "       AND kind IN ('call','email','meeting') GROUP BY deal_id) t ON t.deal_id = d.id"
    " WHERE d.trashed_at IS NULL AND d.status = 'open' AND t.last_out <= ?1 AND ?2 = ?2"
    "   AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.deal_id = d.id AND a.direction = 'in'"
    "                   AND a.occurred_at >= t.last_out)";
  static const char won_sql[] =
    "SELECT id, contact_id, 'won:' || closed_at, closed_at FROM deal"
    " WHERE trashed_at IS NULL AND status = 'won' AND closed_at IS NOT NULL AND closed_at >= ?1 - ?2";
  static const char company_won_sql[] =
    "SELECT (SELECT id FROM deal WHERE company_id = w.company_id AND status = 'won' ORDER BY closed_at DESC LIMIT 1),"
    "  NULL, 'lastwon:' || w.last_won, w.last_won FROM"
    " (SELECT company_id, MAX(closed_at) AS last_won FROM deal WHERE status = 'won' AND trashed_at IS NULL"
    "  AND company_id IS NOT NULL GROUP BY company_id) w"
    " WHERE w.last_won <= ?1 AND w.last_won > ?1 - ?2"
    "   AND NOT EXISTS (SELECT 1 FROM deal o WHERE o.company_id = w.company_id AND o.status = 'open'"
    "                   AND o.trashed_at IS NULL)";
  static const char stage_sql[] =
    "SELECT d.id, d.contact_id, 'stage:' || d.stage_entered_at, d.stage_entered_at FROM deal d"
    " JOIN stage s ON s.id = d.stage_id"
    " WHERE d.trashed_at IS NULL AND s.name = ?3 COLLATE NOCASE AND d.stage_entered_at >= ?1 - ?2";
  static const char stay_sql[] =
    "SELECT NULL, id, 'touch:' || COALESCE(last_activity_at, created_at), COALESCE(last_activity_at, created_at)"
    " FROM contact WHERE trashed_at IS NULL AND stay_max_days > 0"
    "   AND COALESCE(last_activity_at, created_at) + stay_max_days * 86400 <= ?1"
    "   AND COALESCE(last_activity_at, created_at) + stay_max_days * 86400 > ?1 - ?2";
  GHashTable *p = rule->trigger_params;

  /* Deals that went quiet within the last month: a book imported with
   * years of dormant deals gets them as a segment to work through, not
   * hundreds of e-mails on the first morning. */
  if (g_str_equal (rule->trigger, "deal_idle"))
    return collect_candidates (store, idle_sql, out, now - (gint64) nudge_param_int (p, "days", 90) * DAY,
                               nudge_param_int (p, "include_on_hold", 0), NULL, error);

  if (g_str_equal (rule->trigger, "no_reply"))
    {
      const char *after = g_hash_table_lookup (p, "after_rule");
      gint64 cutoff = now - (gint64) nudge_param_int (p, "days", 14) * DAY;

      if (after != NULL)
        {
          for (guint i = 0; i < rules->len; i++)
            {
              NudgeRule *other = g_ptr_array_index (rules, i);

              if (g_strcmp0 (other->name, after) == 0)
                return collect_candidates (store, no_reply_after_sql, out, cutoff, other->id, NULL, error);
            }
          return TRUE;
        }
      return collect_candidates (store, no_reply_sql, out, cutoff, 0, NULL, error);
    }

  /* Look back a limited window so a new rule does not fire for the whole
   * history at once. */
  if (g_str_equal (rule->trigger, "deal_won"))
    return collect_candidates (store, won_sql, out, now, 60 * DAY, NULL, error);

  if (g_str_equal (rule->trigger, "company_last_won"))
    {
      g_autoptr(GDateTime) n = nudge_clock_local_from_unix (now);
      g_autoptr(GDateTime) back = g_date_time_add_months (n, -nudge_param_int (p, "months", 6));

      return collect_candidates (store, company_won_sql, out, g_date_time_to_unix (back), 180 * DAY, NULL, error);
    }

  if (g_str_equal (rule->trigger, "deal_enters_stage"))
    return collect_candidates (store, stage_sql, out, now, 7 * DAY,
                               g_hash_table_lookup (p, "stage"), error);

  if (g_str_equal (rule->trigger, "stay_in_touch"))
    return collect_candidates (store, stay_sql, out, now, 30 * DAY, NULL, error);

  g_debug ("Unknown trigger %s in rule %s", rule->trigger, rule->name);
  return TRUE;
}

/* @sql about what fired: ?1 the rule, ?2 the candidate's subject, ?3
 * its episode. */
static sqlite3_stmt *
prepare_fired (NudgeStore  *store,
               const char  *sql,
               NudgeRule   *rule,
               Candidate   *c,
               GError     **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rule->id);
  nudge_sql_bind_text (stmt, 2, c->subject);
  nudge_sql_bind_text (stmt, 3, c->episode);
  return stmt;
}

static gboolean
mark_fired (NudgeStore  *store,
            NudgeRule   *rule,
            Candidate   *c,
            gint64       now,
            gboolean    *first_time,
            GError     **error)
{
  static const char sql[] =
    "INSERT OR IGNORE INTO rule_fired (rule_id, subject, episode, fired_at) VALUES (?, ?, ?, ?)";
  sqlite3_stmt *stmt;

  if (!(stmt = prepare_fired (store, sql, rule, c, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 4, now);
  if (!nudge_store_step_done (store, stmt, error))
    return FALSE;
  *first_time = sqlite3_changes (nudge_store_get_db (store)) > 0;
  return TRUE;
}

/* When the rule's follow-up would be due without pacing: @due_days after
 * what triggered it, at the start of the working day; now at once. */
static gint64
default_due (NudgeRule *rule,
             Candidate *c,
             gint64     now)
{
  int due_days = nudge_param_int (rule->action_params, "due_days", 0);
  NudgeWorkingHours hours;
  gint64 due;

  nudge_working_hours_get (&hours);
  due = due_days > 0 ? nudge_local_due (MAX (c->base_time, now - due_days * (gint64) DAY), due_days, FALSE,
                                  hours.day_start_min)
                     : now;
  return MAX (due, now);
}

static gboolean
run_action (NudgeStore  *store,
            NudgeRule   *rule,
            Candidate   *c,
            gint64       now,
            gint64       due,
            GError     **error)
{
  GHashTable *p = rule->action_params;
  g_autoptr(GHashTable) values = nudge_subject_values (store, c->deal_id, c->contact_id);
  g_autofree char *summary = NULL;

  if (g_str_equal (rule->action, "create_followup") || g_str_equal (rule->action, "prepare_email"))
    {
      g_autofree char *title = nudge_expand_template (g_hash_table_lookup (p, "title"), values);
      g_autofree char *notes = nudge_expand_template (g_hash_table_lookup (p, "notes"), values);
      const char *kind = g_hash_table_lookup (p, "kind");

      if (g_str_equal (rule->action, "prepare_email"))
        {
          g_autofree char *subject = nudge_expand_template (g_hash_table_lookup (p, "subject"), values);
          g_autofree char *body = nudge_expand_template (g_hash_table_lookup (p, "body"), values);
          g_autofree char *mailto = nudge_format_mailto_uri (g_hash_table_lookup (values, "email"),
                                                             subject, body);

          /* The follow-up carries the ready e-mail; its last line opens it
           * in the mail client. */
          g_free (notes);
          notes = g_strdup_printf ("%s\n\n%s\n\n%s", subject, body, mailto);
          kind = "email";
        }

      NudgeAutomationFollowup followup = {
        .title = title, .kind = kind ? kind : "task", .notes = notes, .due_at = due,
        .priority = nudge_param_int (p, "priority", 1), .deal_id = c->deal_id,
        .contact_id = c->contact_id, .origin = "rule", .rule_id = rule->id,
      };

      if (!nudge_automation_create_followup (store, &followup, error))
        return FALSE;
      summary = g_strdup_printf (_("created the follow-up “%s”"), title);
    }
  else if (g_str_equal (rule->action, "apply_cadence"))
    {
      const char *name = g_hash_table_lookup (p, "cadence");

      int n = nudge_cadence_apply (store, name ? name : "", c->deal_id > 0 ? NUDGE_ENTITY_DEAL : NUDGE_ENTITY_CONTACT,
                                   c->deal_id > 0 ? c->deal_id : c->contact_id, now,
                                   nudge_working_day_start (), error);

      if (n < 0)
        return FALSE;
      /* A cadence still running is not applied twice (see
       * nudge_cadence_apply()): the timeline says so. */
      summary = n > 0 ? g_strdup_printf (_("applied the cadence “%s”"), name)
                      : g_strdup_printf (_("left the cadence “%s” running as it was"), name);
    }
  else if (g_str_equal (rule->action, "set_temperature"))
    {
      static const char sql[] = "UPDATE deal SET temperature = ?1 WHERE id = ?2";
      const char *t = g_hash_table_lookup (p, "temperature");
      sqlite3_stmt *stmt;

      if (c->deal_id <= 0)
        return TRUE;
      if (!(stmt = nudge_store_prepare (store, sql, error)))
        return FALSE;
      nudge_sql_bind_text (stmt, 1, t);
      sqlite3_bind_int64 (stmt, 2, c->deal_id);
      if (!nudge_store_step_done (store, stmt, error))
        return FALSE;
      nudge_store_queue_change (store, NUDGE_ENTITY_DEAL, c->deal_id, NUDGE_CHANGE_UPDATED);
      summary = g_strdup_printf (_("set the temperature to %s"), t ? t : "");
    }
  else
    return nudge_fail_invalid (error, _("Rule “%s” has an unknown action “%s”"), rule->name, rule->action);

  return nudge_log_rule_action (store, rule->name, c->deal_id, c->contact_id, summary, error);
}

/* Rules that make follow-ups keep to a daily limit (see nudge-pace.c). */
static gboolean
rule_is_paced (NudgeRule *rule)
{
  return g_str_equal (rule->action, "create_followup") || g_str_equal (rule->action, "prepare_email");
}

int
nudge_rule_get_daily_limit (NudgeRule *rule)
{
  g_return_val_if_fail (rule != NULL, 0);

  if (!rule_is_paced (rule))
    return 0;
  return MAX (nudge_param_int (rule->action_params, "daily_limit", NUDGE_PACE_DEFAULT_DAILY_LIMIT), 0);
}

static int
compare_planned (gconstpointer a,
                 gconstpointer b)
{
  const NudgePlannedFollowup *x = a, *y = b;

  return (x->due_at > y->due_at) - (x->due_at < y->due_at);
}

static gboolean
has_fired (NudgeStore  *store,
           NudgeRule   *rule,
           Candidate   *c,
           gboolean    *out_fired,
           GError     **error)
{
  static const char sql[] =
    "SELECT EXISTS (SELECT 1 FROM rule_fired WHERE rule_id = ?1 AND subject = ?2 AND episode = ?3)";
  sqlite3_stmt *stmt;

  if (!(stmt = prepare_fired (store, sql, rule, c, error)))
    return FALSE;
  *out_fired = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

static double
subject_score (NudgeStore *store,
               Candidate  *c)
{
  static const char deal_sql[] = "SELECT score FROM deal WHERE id = ?1";
  static const char contact_sql[] = "SELECT score FROM contact WHERE id = ?1";
  sqlite3_stmt *stmt = nudge_store_prepare (store, c->deal_id > 0 ? deal_sql : contact_sql, NULL);
  double score = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, c->deal_id > 0 ? c->deal_id : c->contact_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    score = sqlite3_column_double (stmt, 0);
  sqlite3_reset (stmt);
  return score;
}

typedef struct
{
  Candidate *candidate;
  double     score;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *x = a, *y = b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->candidate->deal_id != y->candidate->deal_id
    ? (x->candidate->deal_id < y->candidate->deal_id ? -1 : 1)
    : (x->candidate->contact_id < y->candidate->contact_id ? -1 : (x->candidate->contact_id > y->candidate->contact_id));
}

/* Due times this rule's follow-ups already hold from today on. */
static GArray *
planned_dues (NudgeStore  *store,
              NudgeRule   *rule,
              gint64       now,
              GError     **error)
{
  static const char sql[] =
    "SELECT due_at FROM followup WHERE rule_id = ?1 AND status <> 'cancelled' AND due_at >= ?2";
  g_autoptr(GArray) dues = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GDateTime) n = nudge_clock_local_from_unix (now);
  g_autoptr(GDateTime) midnight = nudge_clock_local_new (g_date_time_get_year (n), g_date_time_get_month (n),
                                                         g_date_time_get_day_of_month (n), 0, 0, 0);
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rule->id);
  sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (midnight));
  if (!nudge_store_append_ids (store, stmt, dues, error))
    return NULL;
  return g_steal_pointer (&dues);
}

/* What the rule would do now: the subjects it has not fired for yet, best
 * first, each with its due time within the rule's daily limit. The same
 * plan is previewed and run. */
static gboolean
plan_rule (NudgeStore  *store,
           NudgeRule   *rule,
           GPtrArray   *rules,
           gint64       now,
           GArray      *out_fresh,    /* Candidate, taken over */
           GArray      *out_dues,     /* gint64 */
           GError     **error)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autoptr(GArray) earliest = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) taken = NULL;
  g_autoptr(GArray) dues = NULL;
  NudgeWorkingHours hours;

  g_array_set_clear_func (candidates, clear_candidate);
  if (!rule_candidates (store, rule, rules, now, candidates, error))
    return FALSE;

  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);
      gboolean fired = FALSE;
      Ranked r = { c, 0 };

      if (!has_fired (store, rule, c, &fired, error))
        return FALSE;
      if (fired)
        continue;
      if (rule_is_paced (rule))
        r.score = subject_score (store, c);
      g_array_append_val (ranked, r);
    }
  /* Best-scored first: they get the first free slots. */
  if (rule_is_paced (rule))
    g_array_sort (ranked, compare_ranked);

  for (guint i = 0; i < ranked->len; i++)
    {
      gint64 due = default_due (rule, g_array_index (ranked, Ranked, i).candidate, now);
      g_array_append_val (earliest, due);
    }
  nudge_working_hours_get (&hours);
  if (rule_is_paced (rule))
    {
      if (!(taken = planned_dues (store, rule, now, error)))
        return FALSE;
      dues = nudge_pace_schedule (&hours, now, nudge_rule_get_daily_limit (rule), earliest, taken);
    }
  else
    dues = g_array_ref (earliest);

  for (guint i = 0; i < ranked->len; i++)
    {
      Candidate *c = g_array_index (ranked, Ranked, i).candidate;
      Candidate copy = *c;

      /* The strings move to @out_fresh. */
      c->subject = NULL;
      c->episode = NULL;
      g_array_append_val (out_fresh, copy);
      g_array_append_val (out_dues, g_array_index (dues, gint64, i));
    }
  return TRUE;
}

int
nudge_rules_run (NudgeStore  *store,
                 GError     **error)
{
  g_autoptr(GPtrArray) rules = NULL;
  gint64 now = nudge_clock_now ();
  int n_actions = 0;

  if (nudge_cadence_stop_finished (store, error) < 0)
    return -1;
  if (nudge_pace_drop_answered (store, now, error) < 0)
    return -1;
  if (!(rules = nudge_rule_list (store, error)))
    return -1;

  for (guint r = 0; r < rules->len; r++)
    {
      NudgeRule *rule = g_ptr_array_index (rules, r);
      g_autoptr(GArray) fresh = g_array_new (FALSE, TRUE, sizeof (Candidate));
      g_autoptr(GArray) dues = g_array_new (FALSE, FALSE, sizeof (gint64));

      if (!rule->enabled)
        continue;
      g_array_set_clear_func (fresh, clear_candidate);
      if (!plan_rule (store, rule, rules, now, fresh, dues, error))
        return -1;

      for (guint i = 0; i < fresh->len; i++)
        {
          Candidate *c = &g_array_index (fresh, Candidate, i);
          gboolean first_time = FALSE;

          /* One transaction per firing: the record that it fired and what
           * it did land together or not at all. */
          if (!nudge_store_begin (store, error))
            return -1;
          if (!mark_fired (store, rule, c, now, &first_time, error))
            goto fail;
          if (first_time)
            {
              if (!run_action (store, rule, c, now, g_array_index (dues, gint64, i), error))
                goto fail;
              n_actions++;
            }
          if (!nudge_store_commit (store, error))
            return -1;
          continue;

fail:
          nudge_store_rollback (store);
          return -1;
        }
    }
  return n_actions;
}

/**
 * nudge_rule_preview:
 * @rule: as saved or as being edited (enabled or not)
 *
 * What running @rule now would create, without creating it: one
 * NudgePlannedFollowup per subject, in due order.
 */
GArray *
nudge_rule_preview (NudgeStore  *store,
                    NudgeRule   *rule,
                    GError     **error)
{
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GArray) fresh = g_array_new (FALSE, TRUE, sizeof (Candidate));
  g_autoptr(GArray) dues = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *planned;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);
  g_return_val_if_fail (rule != NULL, NULL);

  g_array_set_clear_func (fresh, clear_candidate);
  if (!(rules = nudge_rule_list (store, error)) ||
      !plan_rule (store, rule, rules, nudge_clock_now (), fresh, dues, error))
    return NULL;

  planned = g_array_sized_new (FALSE, FALSE, sizeof (NudgePlannedFollowup), fresh->len);
  for (guint i = 0; i < fresh->len; i++)
    {
      Candidate *c = &g_array_index (fresh, Candidate, i);
      NudgePlannedFollowup p = { g_array_index (dues, gint64, i), c->deal_id, c->contact_id };

      g_array_append_val (planned, p);
    }
  g_array_sort (planned, compare_planned);
  return planned;
}

/* "This will create 100 follow-ups: 5 a day until Thursday 14 January." */
char *
nudge_rule_preview_describe (GArray *planned,
                             int     daily_limit)
{
  gint64 last = 0;
  g_autofree char *until = NULL;

  g_return_val_if_fail (planned != NULL, NULL);

  if (planned->len == 0)
    return g_strdup (_("Nothing to create now: no deal or contact meets the condition."));
  for (guint i = 0; i < planned->len; i++)
    last = MAX (last, g_array_index (planned, NudgePlannedFollowup, i).due_at);
  until = nudge_format_date (last);
  if (daily_limit <= 0 || planned->len <= (guint) daily_limit)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "This will create %u follow-up, due by %s.",
                                         "This will create %u follow-ups, due by %s.", planned->len),
                            planned->len, until);
  {
    g_autofree char *per_day = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d a day", "%d a day", daily_limit),
                                                daily_limit);

    /* Translators: "This will create 100 follow-ups: 5 a day until 14 Jan 2027." */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "This will create %u follow-up: %s until %s.",
                                         "This will create %u follow-ups: %s until %s.", planned->len),
                            planned->len, per_day, until);
  }
}

/* Rule follow-ups planned after today, and over how many days: "12 more
 * reactivations planned over the next 3 days". */
gboolean
nudge_rules_count_queued (NudgeStore  *store,
                          gint64       from,
                          guint       *out_count,
                          gint64      *out_last,
                          GError     **error)
{
  static const char sql[] =
    "SELECT COUNT(*), COALESCE(MAX(due_at), 0) FROM followup INDEXED BY followup_rule_queue"
    " WHERE status = 'open' AND origin = 'rule' AND due_at >= ?1";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *out_count = (guint) sqlite3_column_int64 (stmt, 0);
      *out_last = sqlite3_column_int64 (stmt, 1);
      rc = sqlite3_step (stmt);
    }
  return nudge_store_rows_done (store, stmt, rc, error);
}

