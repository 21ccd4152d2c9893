/* nudge-automation.c — cadences, rules and segments
 *
 * A rule is a trigger (a query that yields subjects, each with an
 * "episode" key and a base time) and an action. A rule fires at most once
 * per subject and episode (rule_fired), in the same transaction as its
 * action, so a restart or a second run never duplicates a follow-up. The
 * episode changes when the situation does: a deal that was quiet since
 * March and gets a reply in May, then goes quiet again, is a new episode.
 *
 * Parameters are stored as GVariant text of type a{ss}.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-automation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "nudge-automation.h"
#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-format.h"
#include "nudge-pace.h"
#include "nudge-scoring.h"
#include "nudge-store-private.h"

#define DAY (24 * 3600)

static int
working_day_start (void)
{
  NudgeWorkingHours hours;

  nudge_working_hours_get (&hours);
  return hours.day_start_min;
}

/* ---- helpers ---------------------------------------------------------- */

static GHashTable *
params_parse (const char *text)
{
  g_autoptr(GVariant) v = NULL;
  GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GVariantIter iter;
  char *key, *value;

  v = g_variant_parse (G_VARIANT_TYPE ("a{ss}"), text ? text : "{}", NULL, NULL, NULL);
  if (v == NULL)
    return params;
  g_variant_iter_init (&iter, v);
  while (g_variant_iter_next (&iter, "{ss}", &key, &value))
    g_hash_table_insert (params, key, value);
  return params;
}

static char *
params_print (GHashTable *params)
{
  g_autoptr(GVariant) v = NULL;
  GVariantBuilder builder;
  GHashTableIter iter;
  gpointer key, value;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_variant_builder_add (&builder, "{ss}", key, value);
  /* The built variant is floating: sunk and dropped here. */
  v = g_variant_ref_sink (g_variant_builder_end (&builder));
  return g_variant_print (v, FALSE);
}

static int
param_int (GHashTable *params,
           const char *key,
           int         fallback)
{
  const char *v = g_hash_table_lookup (params, key);

  return v ? atoi (v) : fallback;
}

char *
nudge_expand_template (const char *template,
                       GHashTable *values)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = template ? template : "";

  while (*p)
    {
      const char *close;

      if (*p == '{' && (close = strchr (p, '}')) != NULL)
        {
          g_autofree char *key = g_strndup (p + 1, close - p - 1);
          const char *value = g_hash_table_lookup (values, key);

          if (value != NULL)
            {
              g_string_append (out, value);
              p = close + 1;
              continue;
            }
        }
      g_string_append_c (out, *p++);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* @day_start plus @days (Monday–Friday only when @working_days), at
 * @minute_of_day local time. */
static gint64
local_due (gint64   base,
           int      days,
           gboolean working_days,
           int      minute_of_day)
{
  g_autoptr(GDateTime) b = g_date_time_new_from_unix_local (base);
  g_autoptr(GDateTime) day = g_date_time_new_local (g_date_time_get_year (b), g_date_time_get_month (b),
                                                    g_date_time_get_day_of_month (b), 0, 0, 0);
  GDateTime *d = g_date_time_ref (day);
  gint64 result;

  if (working_days)
    {
      while (g_date_time_get_day_of_week (d) > 5)
        {
          GDateTime *next = g_date_time_add_days (d, 1);
          g_date_time_unref (d);
          d = next;
        }
      for (int i = 0; i < days; )
        {
          GDateTime *next = g_date_time_add_days (d, 1);
          g_date_time_unref (d);
          d = next;
          if (g_date_time_get_day_of_week (d) <= 5)
            i++;
        }
    }
  else
    {
      GDateTime *next = g_date_time_add_days (d, days);
      g_date_time_unref (d);
      d = next;
    }

  result = nudge_clock_local_to_unix (NULL, g_date_time_get_year (d), g_date_time_get_month (d),
                                      g_date_time_get_day_of_month (d),
                                      minute_of_day / 60, minute_of_day % 60, 0);
  g_date_time_unref (d);
  return result;
}

static gint64
create_followup (NudgeStore  *store,
                 const char  *title,
                 const char  *kind,
                 const char  *notes,
                 gint64       due_at,
                 int          priority,
                 gint64       deal_id,
                 gint64       contact_id,
                 const char  *origin,
                 gint64       rule_id,
                 gint64       cadence_id,
                 GError     **error)
{
  static const char link_sql[] = "UPDATE followup SET rule_id = ?1, cadence_id = ?2 WHERE id = ?3";
  g_autoptr(NudgeFollowup) f = nudge_followup_new ();
  g_autofree char *tz = NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  sqlite3_stmt *stmt;
  gint64 id;

  tz = g_strdup (g_time_zone_get_identifier (local));
  if (tz == NULL || g_str_equal (tz, "Local") || tz[0] == '/')
    {
      g_free (tz);
      tz = g_strdup (g_getenv ("TZ") && g_getenv ("TZ")[0] != ':' ? g_getenv ("TZ") : "UTC");
    }

  g_object_set (f, "title", title, "kind", kind, "notes", notes, "due-at", due_at,
                "tzid", tz, "priority", priority, "deal-id", deal_id, "contact-id", contact_id,
                "origin", origin, "duration-min", 30, "remind-before-min", 0, NULL);
  if (!(id = nudge_store_save_followup (store, f, error)))
    return 0;
  if (!(stmt = nudge_store_prepare (store, link_sql, error)))
    return 0;
  nudge_sql_bind_id (stmt, 1, rule_id);
  nudge_sql_bind_id (stmt, 2, cadence_id);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!nudge_store_step_done (store, stmt, error))
    return 0;
  return id;
}

static gboolean
log_rule_action (NudgeStore  *store,
                 const char  *rule_name,
                 gint64       deal_id,
                 gint64       contact_id,
                 const char  *summary,
                 GError     **error)
{
  g_autoptr(NudgeActivity) a = nudge_activity_new ();
  g_autofree char *text = g_strdup_printf (_("Rule “%s”: %s"), rule_name, summary);

  g_object_set (a, "kind", "rule", "direction", NUDGE_DIRECTION_OUT, "deal-id", deal_id,
                "contact-id", contact_id, "summary", text, "origin", rule_name, NULL);
  return nudge_store_add_activity (store, a, error) > 0;
}

/* ---- cadences --------------------------------------------------------- */

void
nudge_cadence_free (NudgeCadence *cadence)
{
  if (cadence == NULL)
    return;
  for (guint i = 0; cadence->steps && i < cadence->steps->len; i++)
    {
      NudgeCadenceStep *s = &g_array_index (cadence->steps, NudgeCadenceStep, i);
      g_free (s->kind);
      g_free (s->title);
    }
  g_clear_pointer (&cadence->steps, g_array_unref);
  g_free (cadence->name);
  g_free (cadence);
}

static gboolean
load_steps (NudgeStore    *store,
            NudgeCadence  *cadence,
            GError       **error)
{
  static const char sql[] =
    "SELECT offset_days, kind, title FROM cadence_step WHERE cadence_id = ? ORDER BY position, offset_days";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cadence->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NudgeCadenceStep step;

      step.offset_days = sqlite3_column_int (stmt, 0);
      step.kind = nudge_sql_dup_text (stmt, 1);
      step.title = nudge_sql_dup_text (stmt, 2);
      g_array_append_val (cadence->steps, step);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nudge_store_set_sqlite_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* A list is a read: the built-in rules are added when the book is free
 * now, else with a later call, never by waiting for another program. */
static gboolean
ensure_builtins_for_reading (NudgeStore  *store,
                             GError     **error)
{
  sqlite3 *db = nudge_store_get_db (store);
  g_autoptr(GError) local = NULL;
  gboolean ok;

  sqlite3_busy_timeout (db, 0);
  ok = nudge_automation_ensure_builtins (store, &local);
  sqlite3_busy_timeout (db, 5000);
  if (ok || g_error_matches (local, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_LOCKED))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

GPtrArray *
nudge_cadence_list (NudgeStore  *store,
                    GError     **error)
{
  static const char sql[] = "SELECT id, name, working_days, builtin FROM cadence ORDER BY name";
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) nudge_cadence_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!ensure_builtins_for_reading (store, error))
    return NULL;
  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NudgeCadence *c = g_new0 (NudgeCadence, 1);

      c->id = sqlite3_column_int64 (stmt, 0);
      c->name = nudge_sql_dup_text (stmt, 1);
      c->working_days = sqlite3_column_int (stmt, 2);
      c->builtin = sqlite3_column_int (stmt, 3);
      c->steps = g_array_new (FALSE, TRUE, sizeof (NudgeCadenceStep));
      g_ptr_array_add (list, c);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nudge_store_set_sqlite_error (store, rc, error);
      return NULL;
    }
  for (guint i = 0; i < list->len; i++)
    if (!load_steps (store, g_ptr_array_index (list, i), error))
      return NULL;
  return g_steal_pointer (&list);
}

NudgeCadence *
nudge_cadence_find (NudgeStore  *store,
                    const char  *name,
                    GError     **error)
{
  g_autoptr(GPtrArray) all = nudge_cadence_list (store, error);

  if (all == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    {
      NudgeCadence *c = g_ptr_array_index (all, i);

      if (g_utf8_collate (c->name, name) == 0)
        return g_ptr_array_steal_index (all, i);
    }
  g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND,
               _("There is no cadence “%s”"), name);
  return NULL;
}

gint64
nudge_cadence_save (NudgeStore    *store,
                    NudgeCadence  *cadence,
                    GError       **error)
{
  static const char insert_sql[] = "INSERT INTO cadence (name, working_days, builtin) VALUES (?1, ?2, ?3)";
  static const char update_sql[] = "UPDATE cadence SET name = ?1, working_days = ?2 WHERE id = ?4";
  static const char clear_sql[] = "DELETE FROM cadence_step WHERE cadence_id = ?";
  static const char step_sql[] =
    "INSERT INTO cadence_step (cadence_id, position, offset_days, kind, title) VALUES (?, ?, ?, ?, ?)";
  sqlite3_stmt *stmt;

  if (!nudge_check_text (_("Name"), cadence->name, NUDGE_MAX_NAME_CHARS, TRUE, error))
    return 0;
  if (cadence->steps == NULL || cadence->steps->len == 0)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("A cadence needs at least one step"));
      return 0;
    }
  for (guint i = 0; i < cadence->steps->len; i++)
    {
      NudgeCadenceStep *s = &g_array_index (cadence->steps, NudgeCadenceStep, i);

      if (!nudge_check_text (_("Step title"), s->title, NUDGE_MAX_NAME_CHARS, TRUE, error))
        return 0;
      if (s->offset_days < 0 || s->offset_days > 365)
        {
          g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                       _("A step’s day must be between 0 and 365"));
          return 0;
        }
    }

  if (!nudge_store_begin (store, error))
    return 0;
  if (!(stmt = nudge_store_prepare (store, cadence->id > 0 ? update_sql : insert_sql, error)))
    goto fail;
  nudge_sql_bind_text (stmt, 1, cadence->name);
  sqlite3_bind_int (stmt, 2, cadence->working_days);
  if (cadence->id > 0)
    sqlite3_bind_int64 (stmt, 4, cadence->id);
  else
    sqlite3_bind_int (stmt, 3, cadence->builtin);
  if (!nudge_store_step_done (store, stmt, error))
    goto fail;
  if (cadence->id <= 0)
    cadence->id = sqlite3_last_insert_rowid (nudge_store_get_db (store));

  if (!(stmt = nudge_store_prepare (store, clear_sql, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, cadence->id);
  if (!nudge_store_step_done (store, stmt, error))
    goto fail;
  for (guint i = 0; i < cadence->steps->len; i++)
    {
      NudgeCadenceStep *s = &g_array_index (cadence->steps, NudgeCadenceStep, i);

      if (!(stmt = nudge_store_prepare (store, step_sql, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, cadence->id);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_int (stmt, 3, s->offset_days);
      nudge_sql_bind_text (stmt, 4, s->kind ? s->kind : "task");
      nudge_sql_bind_text (stmt, 5, s->title);
      if (!nudge_store_step_done (store, stmt, error))
        goto fail;
    }
  nudge_store_queue_change (store, NUDGE_ENTITY_CADENCE, cadence->id, NUDGE_CHANGE_UPDATED);
  if (!nudge_store_commit (store, error))
    return 0;
  return cadence->id;

fail:
  nudge_store_rollback (store);
  return 0;
}

static GHashTable *
subject_values (NudgeStore *store,
                gint64      deal_id,
                gint64      contact_id)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  gint64 last = 0, created = 0;

  if (deal_id > 0)
    {
      g_autoptr(NudgeDeal) deal = nudge_store_get_deal (store, deal_id, NULL);

      if (deal != NULL)
        {
          g_hash_table_insert (values, "deal", g_strdup (nudge_deal_get_title (deal)));
          g_hash_table_insert (values, "company", g_strdup (nudge_deal_get_company_name (deal)));
          g_hash_table_insert (values, "contact", g_strdup (nudge_deal_get_contact_name (deal)));
          g_hash_table_insert (values, "product", g_strdup (nudge_deal_get_product (deal)));
          last = MAX (nudge_deal_get_last_activity_at (deal), nudge_deal_get_stage_entered_at (deal));
          created = nudge_deal_get_created_at (deal);
          if (contact_id <= 0)
            contact_id = nudge_deal_get_contact_id (deal);
        }
    }
  if (contact_id > 0)
    {
      g_autoptr(NudgeContact) contact = nudge_store_get_contact (store, contact_id, NULL);

      if (contact != NULL)
        {
          g_hash_table_insert (values, "contact", g_strdup (nudge_contact_get_name (contact)));
          g_hash_table_insert (values, "email", g_strdup (nudge_contact_get_email (contact)));
          if (!g_hash_table_contains (values, "company"))
            g_hash_table_insert (values, "company", g_strdup (nudge_contact_get_company_name (contact)));
          if (deal_id <= 0)
            {
              last = nudge_contact_get_last_activity_at (contact);
              created = nudge_contact_get_created_at (contact);
            }
        }
    }
  if (last == 0)
    last = created;
  /* A template never reads "Call  now": a missing contact falls back to
   * the company, then to the deal. */
  for (guint i = 0; i < 2; i++)
    {
      const char *key = i == 0 ? "contact" : "company";
      const char *value = g_hash_table_lookup (values, key);

      if (value == NULL || *value == '\0')
        {
          const char *fallback = g_hash_table_lookup (values, i == 0 ? "company" : "contact");

          if (fallback == NULL || *fallback == '\0')
            fallback = g_hash_table_lookup (values, "deal");
          g_hash_table_insert (values, (gpointer) key, g_strdup (fallback ? fallback : ""));
        }
    }
  g_hash_table_insert (values, "days_idle",
                       g_strdup_printf ("%d", last > 0 ? (int) ((nudge_clock_now () - last) / DAY) : 0));
  return values;
}

int
nudge_cadence_apply (NudgeStore  *store,
                     const char  *name,
                     NudgeEntity  entity,
                     gint64       id,
                     gint64       start_day,
                     int          minute_of_day,
                     GError     **error)
{
  g_autoptr(NudgeCadence) cadence = NULL;
  g_autoptr(GHashTable) values = NULL;
  gint64 deal_id = entity == NUDGE_ENTITY_DEAL ? id : 0;
  gint64 contact_id = entity == NUDGE_ENTITY_CONTACT ? id : 0;
  gint64 now = nudge_clock_now ();

  g_return_val_if_fail (entity == NUDGE_ENTITY_DEAL || entity == NUDGE_ENTITY_CONTACT, -1);

  if (!(cadence = nudge_cadence_find (store, name, error)))
    return -1;
  values = subject_values (store, deal_id, contact_id);
  if (!g_hash_table_contains (values, "contact") && !g_hash_table_contains (values, "deal"))
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND,
                   entity == NUDGE_ENTITY_DEAL ? _("There is no deal with id %lld")
                                               : _("There is no contact with id %lld"), (long long) id);
      return -1;
    }

  if (!nudge_store_begin (store, error))
    return -1;
  for (guint i = 0; i < cadence->steps->len; i++)
    {
      NudgeCadenceStep *s = &g_array_index (cadence->steps, NudgeCadenceStep, i);
      g_autofree char *title = nudge_expand_template (s->title, values);
      gint64 due = local_due (start_day, s->offset_days, cadence->working_days, minute_of_day);

      /* "Call now" on day 0 means now, not 09:00 this morning. */
      if (s->offset_days == 0 && due < now)
        due = now;
      if (!create_followup (store, title, s->kind, "", due, 1, deal_id, contact_id,
                            "cadence", 0, cadence->id, error))
        {
          nudge_store_rollback (store);
          return -1;
        }
    }
  if (!nudge_store_commit (store, error))
    return -1;
  return cadence->steps->len;
}

/**
 * nudge_cadence_apply_many:
 * @ids: (element-type gint64): deals or contacts
 * @per_day: how many of them start a working day (0: all now)
 *
 * Applies the cadence to each of @ids in one transaction, starting @per_day
 * of them a working day (as rules do, see nudge-pace.h), so a whole
 * segment becomes a plan the seller can keep. Returns how many follow-ups
 * it created, -1 with @error set (and nothing created).
 */
int
nudge_cadence_apply_many (NudgeStore  *store,
                          const char  *name,
                          NudgeEntity  entity,
                          GArray      *ids,
                          int          per_day,
                          GError     **error)
{
  g_autoptr(GArray) earliest = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  g_autoptr(GArray) starts = NULL;
  NudgeWorkingHours hours;
  gint64 now = nudge_clock_now ();
  int total = 0;

  g_return_val_if_fail (NUDGE_IS_STORE (store), -1);
  g_return_val_if_fail (ids != NULL, -1);

  for (guint i = 0; i < ids->len; i++)
    g_array_append_val (earliest, now);
  nudge_working_hours_get (&hours);
  starts = nudge_pace_schedule (&hours, now, per_day, earliest, NULL);

  if (!nudge_store_begin (store, error))
    return -1;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 start = g_array_index (starts, gint64, i);
      g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (start);
      int minute = per_day > 0 ? g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local)
                               : hours.day_start_min;
      int n = nudge_cadence_apply (store, name, entity, g_array_index (ids, gint64, i), start, minute, error);

      if (n < 0)
        {
          nudge_store_rollback (store);
          return -1;
        }
      total += n;
    }
  if (!nudge_store_commit (store, error))
    return -1;
  return total;
}

int
nudge_cadence_stop_finished (NudgeStore  *store,
                             GError     **error)
{
  static const char select_sql[] =
    "SELECT f.id, f.deal_id FROM followup f LEFT JOIN deal d ON d.id = f.deal_id"
    " WHERE f.status = 'open' AND f.cadence_id IS NOT NULL AND ("
    "   d.status IN ('won','lost')"
    "   OR EXISTS (SELECT 1 FROM activity a WHERE a.direction = 'in' AND a.occurred_at >= f.created_at"
    "              AND ((f.deal_id IS NOT NULL AND a.deal_id = f.deal_id)"
    "                OR (f.contact_id IS NOT NULL AND a.contact_id = f.contact_id))))";

  return nudge_followups_cancel_where (store, select_sql, nudge_clock_now (), error);
}

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

GPtrArray *
nudge_rule_list (NudgeStore  *store,
                 GError     **error)
{
  static const char sql[] =
    "SELECT id, name, trigger, trigger_params, action, action_params, enabled, builtin FROM rule ORDER BY id";
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) nudge_rule_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!ensure_builtins_for_reading (store, error))
    return NULL;
  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NudgeRule *r = g_new0 (NudgeRule, 1);

      r->id = sqlite3_column_int64 (stmt, 0);
      r->name = nudge_sql_dup_text (stmt, 1);
      r->trigger = nudge_sql_dup_text (stmt, 2);
      r->trigger_params = params_parse ((const char *) sqlite3_column_text (stmt, 3));
      r->action = nudge_sql_dup_text (stmt, 4);
      r->action_params = params_parse ((const char *) sqlite3_column_text (stmt, 5));
      r->enabled = sqlite3_column_int (stmt, 6);
      r->builtin = sqlite3_column_int (stmt, 7);
      g_ptr_array_add (list, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nudge_store_set_sqlite_error (store, rc, error);
      return NULL;
    }
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

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int (stmt, 1, enabled);
  sqlite3_bind_int64 (stmt, 2, rule_id);
  if (!nudge_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (nudge_store_get_db (store)) == 0)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND,
                   _("There is no rule with id %lld"), (long long) rule_id);
      return FALSE;
    }
  nudge_store_queue_change (store, NUDGE_ENTITY_RULE, rule_id, NUDGE_CHANGE_UPDATED);
  return TRUE;
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
          {
            g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                         _("“%s” must be a whole number from 1 to 3650"), (const char *) key);
            return FALSE;
          }
      }
  g_hash_table_iter_init (&iter, rule->action_params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_str_equal (key, "due_days") || g_str_equal (key, "priority") || g_str_equal (key, "daily_limit"))
        {
          char *end = NULL;
          long n = strtol (value, &end, 10);

          if (end == value || *end != '\0' || n < 0 || n > 3650)
            {
              g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                           _("“%s” must be a whole number from 0 to 3650"), (const char *) key);
              return FALSE;
            }
        }
      else if (!nudge_check_text (key, value, g_str_equal (key, "title") ? NUDGE_MAX_NAME_CHARS
                                                                          : NUDGE_MAX_NOTES_CHARS / 10,
                                  g_str_equal (key, "title"), error))
        return FALSE;
    }

  tp = params_print (rule->trigger_params);
  ap = params_print (rule->action_params);
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
  gint64 id;

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
  if (!nudge_store_step_done (store, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (nudge_store_get_db (store));
  nudge_store_queue_change (store, NUDGE_ENTITY_RULE, id, NUDGE_CHANGE_ADDED);
  return id;
}

typedef struct
{
  const char *name;
  const char *trigger;
  const char *trigger_params;
  const char *action;
  const char *action_params;
} BuiltinRule;

gboolean
nudge_automation_ensure_builtins (NudgeStore  *store,
                                  GError     **error)
{
  static const char has_sql[] = "SELECT EXISTS (SELECT 1 FROM rule WHERE builtin = 1)";
  static const char rule_sql[] =
    "INSERT OR IGNORE INTO rule (name, trigger, trigger_params, action, action_params, enabled, builtin)"
    " VALUES (?, ?, ?, ?, ?, 1, 1)";
  /* Titles and templates are written in the user's language when the
   * rules are created; the user can edit them afterwards. */
  const BuiltinRule rules[] = {
    { N_("Reactivation e-mail"), "deal_idle", "{'days': '90', 'include_on_hold': '1'}",
      "prepare_email", NULL },
    { N_("Reactivation call"), "no_reply", NULL, "create_followup", NULL },
    { N_("Check-in after a win"), "deal_won", "{}", "create_followup", NULL },
    { N_("Come back"), "company_last_won", "{'months': '6'}", "create_followup", NULL },
    { N_("Stay in touch"), "stay_in_touch", "{}", "create_followup", NULL },
  };
  sqlite3_stmt *stmt;
  gboolean has = FALSE;

  if (!(stmt = nudge_store_prepare (store, has_sql, error)))
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    has = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (has)
    return TRUE;

  if (!nudge_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(GHashTable) tp = params_parse (rules[i].trigger_params);
      g_autoptr(GHashTable) ap = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autofree char *tp_text = NULL;
      g_autofree char *ap_text = NULL;

      switch (i)
        {
        case 0:
          g_hash_table_insert (ap, g_strdup ("subject"), g_strdup (_("Picking up where we left off: {deal}")));
          g_hash_table_insert (ap, g_strdup ("body"),
                               g_strdup (_("Hello {contact},\n\nit has been {days_idle} days since we last spoke about "
                                           "{deal}. Is it still a topic for {company}? I would be glad to pick it up "
                                           "where we left off.\n\nBest regards")));
          g_hash_table_insert (ap, g_strdup ("title"), g_strdup (_("Reactivation e-mail: {deal}")));
          g_hash_table_insert (ap, g_strdup ("due_days"), g_strdup ("0"));
          break;
        case 1:
          g_hash_table_insert (tp, g_strdup ("days"), g_strdup ("14"));
          g_hash_table_insert (tp, g_strdup ("after_rule"), g_strdup (_(rules[0].name)));
          g_hash_table_insert (ap, g_strdup ("title"), g_strdup (_("Reactivation call — no reply to e-mail")));
          g_hash_table_insert (ap, g_strdup ("notes"), g_strdup (_("Last activity {days_idle} days ago.")));
          g_hash_table_insert (ap, g_strdup ("kind"), g_strdup ("call"));
          g_hash_table_insert (ap, g_strdup ("due_days"), g_strdup ("0"));
          break;
        case 2:
          g_hash_table_insert (ap, g_strdup ("title"), g_strdup (_("Check-in with {contact}: {deal}")));
          g_hash_table_insert (ap, g_strdup ("kind"), g_strdup ("call"));
          g_hash_table_insert (ap, g_strdup ("due_days"), g_strdup ("30"));
          break;
        case 3:
          g_hash_table_insert (ap, g_strdup ("title"), g_strdup (_("Come back: {company}")));
          g_hash_table_insert (ap, g_strdup ("kind"), g_strdup ("call"));
          g_hash_table_insert (ap, g_strdup ("due_days"), g_strdup ("0"));
          break;
        default:
          g_hash_table_insert (ap, g_strdup ("title"), g_strdup (_("Get in touch with {contact}")));
          g_hash_table_insert (ap, g_strdup ("kind"), g_strdup ("call"));
          g_hash_table_insert (ap, g_strdup ("due_days"), g_strdup ("0"));
          break;
        }

      tp_text = params_print (tp);
      ap_text = params_print (ap);
      if (!(stmt = nudge_store_prepare (store, rule_sql, error)))
        goto fail;
      nudge_sql_bind_text (stmt, 1, _(rules[i].name));
      nudge_sql_bind_text (stmt, 2, rules[i].trigger);
      nudge_sql_bind_text (stmt, 3, tp_text);
      nudge_sql_bind_text (stmt, 4, rules[i].action);
      nudge_sql_bind_text (stmt, 5, ap_text);
      if (!nudge_store_step_done (store, stmt, error))
        goto fail;
    }

  {
    NudgeCadence cadence = { 0 };
    NudgeCadenceStep steps[] = {
      { 0, (char *) "call", (char *) _("Call {contact} now") },
      { 3, (char *) "email", (char *) _("Follow-up e-mail to {contact}") },
      { 7, (char *) "call", (char *) _("Second call with {contact}") },
      { 14, (char *) "email", (char *) _("Break-up e-mail to {contact}") },
    };
    g_autoptr(GArray) array = g_array_new (FALSE, FALSE, sizeof (NudgeCadenceStep));
    static const char exists_sql[] = "SELECT EXISTS (SELECT 1 FROM cadence WHERE builtin = 1)";
    gboolean cadence_exists = FALSE;

    if (!(stmt = nudge_store_prepare (store, exists_sql, error)))
      goto fail;
    if (sqlite3_step (stmt) == SQLITE_ROW)
      cadence_exists = sqlite3_column_int (stmt, 0);
    sqlite3_reset (stmt);

    if (!cadence_exists)
      {
        g_array_append_vals (array, steps, G_N_ELEMENTS (steps));
        cadence.name = (char *) _("New inbound lead");
        cadence.working_days = TRUE;
        cadence.builtin = TRUE;
        cadence.steps = array;
        if (!nudge_cadence_save (store, &cadence, error))
          goto fail;
      }
  }

  return nudge_store_commit (store, error);

fail:
  nudge_store_rollback (store);
  return FALSE;
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
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nudge_store_set_sqlite_error (store, rc, error);
      return FALSE;
    }
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
    return collect_candidates (store, idle_sql, out, now - (gint64) param_int (p, "days", 90) * DAY,
                               param_int (p, "include_on_hold", 0), NULL, error);

  if (g_str_equal (rule->trigger, "no_reply"))
    {
      const char *after = g_hash_table_lookup (p, "after_rule");
      gint64 cutoff = now - (gint64) param_int (p, "days", 14) * DAY;

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
      g_autoptr(GDateTime) n = g_date_time_new_from_unix_local (now);
      g_autoptr(GDateTime) back = g_date_time_add_months (n, -param_int (p, "months", 6));

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

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rule->id);
  nudge_sql_bind_text (stmt, 2, c->subject);
  nudge_sql_bind_text (stmt, 3, c->episode);
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
  int due_days = param_int (rule->action_params, "due_days", 0);
  NudgeWorkingHours hours;
  gint64 due;

  nudge_working_hours_get (&hours);
  due = due_days > 0 ? local_due (MAX (c->base_time, now - due_days * (gint64) DAY), due_days, FALSE,
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
  g_autoptr(GHashTable) values = subject_values (store, c->deal_id, c->contact_id);
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

      if (!create_followup (store, title, kind ? kind : "task", notes, due,
                            param_int (p, "priority", 1), c->deal_id, c->contact_id,
                            "rule", rule->id, 0, error))
        return FALSE;
      summary = g_strdup_printf (_("created the follow-up “%s”"), title);
    }
  else if (g_str_equal (rule->action, "apply_cadence"))
    {
      const char *name = g_hash_table_lookup (p, "cadence");

      if (nudge_cadence_apply (store, name ? name : "", c->deal_id > 0 ? NUDGE_ENTITY_DEAL : NUDGE_ENTITY_CONTACT,
                               c->deal_id > 0 ? c->deal_id : c->contact_id, now,
                               working_day_start (), error) < 0)
        return FALSE;
      summary = g_strdup_printf (_("applied the cadence “%s”"), name);
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
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("Rule “%s” has an unknown action “%s”"), rule->name, rule->action);
      return FALSE;
    }

  return log_rule_action (store, rule->name, c->deal_id, c->contact_id, summary, error);
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
  return MAX (param_int (rule->action_params, "daily_limit", NUDGE_PACE_DEFAULT_DAILY_LIMIT), 0);
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

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rule->id);
  nudge_sql_bind_text (stmt, 2, c->subject);
  nudge_sql_bind_text (stmt, 3, c->episode);
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
  g_autoptr(GDateTime) n = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (n), g_date_time_get_month (n),
                                                         g_date_time_get_day_of_month (n), 0, 0, 0);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rule->id);
  sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (midnight));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 due = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (dues, due);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nudge_store_set_sqlite_error (store, rc, error);
      return NULL;
    }
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
                          gint64       now,
                          guint       *out_count,
                          guint       *out_days,
                          GError     **error)
{
  static const char sql[] =
    "SELECT due_at FROM followup WHERE status = 'open' AND origin = 'rule' AND due_at >= ?1";
  g_autoptr(GDateTime) n = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autoptr(GHashTable) days = g_hash_table_new (NULL, NULL);
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (n), g_date_time_get_month (n),
                                                      g_date_time_get_day_of_month (n), 0, 0, 0);
  sqlite3_stmt *stmt;
  guint count = 0;
  int rc;

  tomorrow = g_date_time_add_days (today, 1);
  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_date_time_to_unix (tomorrow));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) t = g_date_time_new_from_unix_local (sqlite3_column_int64 (stmt, 0));

      g_hash_table_add (days, GINT_TO_POINTER (g_date_time_get_year (t) * 1000 + g_date_time_get_day_of_year (t)));
      count++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nudge_store_set_sqlite_error (store, rc, error);
      return FALSE;
    }
  *out_count = count;
  *out_days = g_hash_table_size (days);
  return TRUE;
}

/* ---- segments --------------------------------------------------------- */

static const NudgeSegmentInfo segments[] = {
  { "dormant", N_("Dormant (no activity for 6+ months)"), NUDGE_ENTITY_DEAL },
  { "on_hold", N_("On hold / postponed"), NUDGE_ENTITY_DEAL },
  { "at_risk", N_("At risk (idle past the stage limit)"), NUDGE_ENTITY_DEAL },
  { "lost_customers", N_("Lost customers (bought before, nothing for 6 months)"), NUDGE_ENTITY_COMPANY },
  { "regular", N_("Regular customers (3+ won deals in 12 months)"), NUDGE_ENTITY_COMPANY },
};

const NudgeSegmentInfo *
nudge_segment_builtins (guint *n_segments)
{
  *n_segments = G_N_ELEMENTS (segments);
  return segments;
}

static GArray *
collect_ids (NudgeStore  *store,
             const char  *sql,
             gint64       p1,
             const char  *text2,
             GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, p1);
  if (text2 != NULL)
    nudge_sql_bind_text (stmt, 2, text2);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      nudge_store_set_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

GArray *
nudge_segment_members (NudgeStore   *store,
                       const char   *name,
                       NudgeEntity  *out_entity,
                       GError      **error)
{
  static const char dormant_sql[] =
    "SELECT id FROM deal WHERE trashed_at IS NULL AND status IN ('open','on_hold')"
    " AND MAX(COALESCE(last_activity_at, 0), stage_entered_at) <= ?1 ORDER BY id";
  static const char on_hold_sql[] =
    "SELECT id FROM deal WHERE trashed_at IS NULL AND ?1 = ?1 AND (status = 'on_hold'"
    " OR labels LIKE '%postpone%' OR labels LIKE '%odlo%') ORDER BY id";
  static const char at_risk_sql[] =
    "SELECT d.id FROM deal d JOIN stage s ON s.id = d.stage_id WHERE d.trashed_at IS NULL"
    " AND d.status = 'open' AND s.rotting_days > 0"
    " AND MAX(COALESCE(d.last_activity_at, 0), d.stage_entered_at) + s.rotting_days * 86400 < ?1 ORDER BY d.id";
  static const char lost_sql[] =
    "SELECT co.id FROM company co WHERE co.trashed_at IS NULL"
    " AND EXISTS (SELECT 1 FROM deal d WHERE d.company_id = co.id AND d.status = 'won')"
    " AND NOT EXISTS (SELECT 1 FROM deal d WHERE d.company_id = co.id AND d.trashed_at IS NULL"
    "   AND (d.status = 'open' OR COALESCE(d.last_activity_at, 0) > ?1 OR COALESCE(d.closed_at, 0) > ?1))"
    " AND NOT EXISTS (SELECT 1 FROM contact c WHERE c.company_id = co.id AND COALESCE(c.last_activity_at, 0) > ?1)"
    " ORDER BY co.id";
  static const char regular_sql[] =
    "SELECT company_id FROM deal WHERE trashed_at IS NULL AND status = 'won' AND closed_at >= ?1"
    " AND company_id IS NOT NULL GROUP BY company_id HAVING COUNT(*) >= 3 ORDER BY company_id";
  static const char product_sql[] =
    "SELECT id FROM deal WHERE trashed_at IS NULL AND ?1 = ?1 AND product = ?2 COLLATE NOCASE ORDER BY id";
  static const char industry_sql[] =
    "SELECT id FROM company WHERE trashed_at IS NULL AND ?1 = ?1 AND industry = ?2 COLLATE NOCASE ORDER BY id";
  static const char saved_sql[] = "SELECT entity, query FROM saved_filter WHERE name = ?";
  gint64 now = nudge_clock_now ();
  g_autoptr(GDateTime) n = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) six_months = g_date_time_add_months (n, -6);
  g_autoptr(GDateTime) year = g_date_time_add_months (n, -12);
  NudgeEntity entity = NUDGE_ENTITY_DEAL;
  GArray *ids = NULL;

  if (g_str_equal (name, "dormant"))
    ids = collect_ids (store, dormant_sql, g_date_time_to_unix (six_months), NULL, error);
  else if (g_str_equal (name, "on_hold"))
    ids = collect_ids (store, on_hold_sql, 0, NULL, error);
  else if (g_str_equal (name, "at_risk"))
    ids = collect_ids (store, at_risk_sql, now, NULL, error);
  else if (g_str_equal (name, "lost_customers"))
    {
      entity = NUDGE_ENTITY_COMPANY;
      ids = collect_ids (store, lost_sql, g_date_time_to_unix (six_months), NULL, error);
    }
  else if (g_str_equal (name, "regular"))
    {
      entity = NUDGE_ENTITY_COMPANY;
      ids = collect_ids (store, regular_sql, g_date_time_to_unix (year), NULL, error);
    }
  else if (g_str_has_prefix (name, "product:"))
    ids = collect_ids (store, product_sql, 0, name + strlen ("product:"), error);
  else if (g_str_has_prefix (name, "industry:"))
    {
      entity = NUDGE_ENTITY_COMPANY;
      ids = collect_ids (store, industry_sql, 0, name + strlen ("industry:"), error);
    }
  else
    {
      sqlite3_stmt *stmt = nudge_store_prepare (store, saved_sql, error);
      g_autofree char *query = NULL;
      g_autofree char *entity_name = NULL;

      if (stmt == NULL)
        return NULL;
      nudge_sql_bind_text (stmt, 1, name);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          entity_name = nudge_sql_dup_text (stmt, 0);
          query = nudge_sql_dup_text (stmt, 1);
        }
      sqlite3_reset (stmt);
      if (query == NULL)
        {
          g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND,
                       _("There is no segment “%s”"), name);
          return NULL;
        }
      entity = g_str_equal (entity_name, "contact") ? NUDGE_ENTITY_CONTACT
             : g_str_equal (entity_name, "company") ? NUDGE_ENTITY_COMPANY : NUDGE_ENTITY_DEAL;
      ids = nudge_store_search (store, entity, query, 0, error);
    }

  if (ids != NULL && out_entity != NULL)
    *out_entity = entity;
  return ids;
}

gboolean
nudge_segment_save_filter (NudgeStore   *store,
                           const char   *name,
                           NudgeEntity   entity,
                           const char   *query,
                           GError      **error)
{
  static const char sql[] =
    "INSERT INTO saved_filter (name, entity, query) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (name) DO UPDATE SET entity = ?2, query = ?3";
  sqlite3_stmt *stmt;

  if (!nudge_check_text (_("Name"), name, NUDGE_MAX_NAME_CHARS, TRUE, error) ||
      !nudge_check_text (_("Search"), query, NUDGE_MAX_SHORT_CHARS, TRUE, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (segments); i++)
    if (g_str_equal (segments[i].name, name))
      {
        g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                     _("“%s” is the name of a built-in segment"), name);
        return FALSE;
      }
  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  nudge_sql_bind_text (stmt, 1, name);
  nudge_sql_bind_text (stmt, 2, entity == NUDGE_ENTITY_CONTACT ? "contact"
                                : entity == NUDGE_ENTITY_COMPANY ? "company" : "deal");
  nudge_sql_bind_text (stmt, 3, query);
  return nudge_store_step_done (store, stmt, error);
}

GStrv
nudge_segment_list_saved (NudgeStore *store)
{
  static const char sql[] = "SELECT name FROM saved_filter ORDER BY name";
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  if ((stmt = nudge_store_prepare (store, sql, NULL)))
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return g_strv_builder_end (builder);
}

GStrv
nudge_segment_list_values (NudgeStore *store,
                           const char *kind)
{
  static const char product_sql[] =
    "SELECT product FROM deal WHERE trashed_at IS NULL AND product <> ''"
    " GROUP BY product ORDER BY COUNT(*) DESC, product LIMIT 12";
  static const char industry_sql[] =
    "SELECT industry FROM company WHERE trashed_at IS NULL AND industry <> ''"
    " GROUP BY industry ORDER BY COUNT(*) DESC, industry LIMIT 12";
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  if ((stmt = nudge_store_prepare (store, g_str_equal (kind, "industry") ? industry_sql : product_sql, NULL)))
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return g_strv_builder_end (builder);
}
