/* nudge-automation.c — cadences, and what rules and segments share
 *
 * Rules are in nudge-rules.c, segments in nudge-segments.c. A rule is a trigger (a query that yields subjects, each with an
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

#include "nudge-automation-private.h"
#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-format.h"
#include "nudge-pace.h"
#include "nudge-scoring.h"
#include "nudge-store-private.h"

#define DAY NUDGE_DAY

int
nudge_working_day_start (void)
{
  NudgeWorkingHours hours;

  nudge_working_hours_get (&hours);
  return hours.day_start_min;
}

/* ---- helpers ---------------------------------------------------------- */

GHashTable *
nudge_params_parse (const char *text)
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

char *
nudge_params_print (GHashTable *params)
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

int
nudge_param_int (GHashTable *params,
           const char *key,
           int         fallback)
{
  const char *v = g_hash_table_lookup (params, key);

  return v ? atoi (v) : fallback;
}

static gboolean
append_value (GString    *out,
              const char *key,
              gsize       length,
              gpointer    values)
{
  g_autofree char *name = g_strndup (key, length);
  const char *value = g_hash_table_lookup (values, name);

  if (value == NULL)
    return FALSE;
  g_string_append (out, value);
  return TRUE;
}

char *
nudge_expand_template (const char *template,
                       GHashTable *values)
{
  return nudge_template_replace_fields (template, "{", "}", append_value, values);
}

/* @day_start plus @days (working days only when @working_days: Monday
 * to Friday, not a public holiday), at @minute_of_day local time. */
gint64
nudge_local_due (gint64   base,
           int      days,
           gboolean working_days,
           int      minute_of_day)
{
  g_autoptr(GDateTime) b = nudge_clock_local_from_unix (base);
  g_autoptr(GDateTime) day = nudge_clock_local_new (g_date_time_get_year (b), g_date_time_get_month (b),
                                                    g_date_time_get_day_of_month (b), 12, 0, 0);
  GDateTime *d;
  gint64 result;

  if (working_days)
    {
      NudgeWorkingHours hours;

      /* A cadence counting working days skips weekends whatever the
       * snoozes do: that is what it says it counts. */
      nudge_working_hours_get (&hours);
      hours.skip_weekends = TRUE;
      d = nudge_working_hours_first_working_day (&hours, day);
      for (int i = 0; i < days; i++)
        {
          GDateTime *next = g_date_time_add_days (d, 1);

          g_date_time_unref (d);
          d = nudge_working_hours_first_working_day (&hours, next);
          g_date_time_unref (next);
        }
    }
  else
    d = g_date_time_add_days (day, days);

  result = nudge_clock_local_to_unix (NULL, g_date_time_get_year (d), g_date_time_get_month (d),
                                      g_date_time_get_day_of_month (d),
                                      minute_of_day / 60, minute_of_day % 60, 0);
  g_date_time_unref (d);
  return result;
}

gint64
nudge_automation_create_followup (NudgeStore                     *store,
                                  const NudgeAutomationFollowup  *what,
                                  GError                        **error)
{
  static const char link_sql[] = "UPDATE followup SET rule_id = ?1, cadence_id = ?2 WHERE id = ?3";
  g_autoptr(NudgeFollowup) f = nudge_followup_new ();
  g_autofree char *tz = NULL;
  g_autoptr(GTimeZone) local = nudge_clock_local_zone ();
  sqlite3_stmt *stmt;
  gint64 id;

  tz = g_strdup (g_time_zone_get_identifier (local));
  if (tz == NULL || g_str_equal (tz, "Local") || tz[0] == '/')
    {
      g_free (tz);
      tz = g_strdup (g_getenv ("TZ") && g_getenv ("TZ")[0] != ':' ? g_getenv ("TZ") : "UTC");
    }

  g_object_set (f, "title", what->title, "kind", what->kind, "notes", what->notes,
                "due-at", what->due_at, "tzid", tz, "priority", what->priority,
                "deal-id", what->deal_id, "contact-id", what->contact_id, "origin", what->origin,
                "duration-min", 30, "remind-before-min", 0, NULL);
  if (!(id = nudge_store_save_followup (store, f, error)))
    return 0;
  if (!(stmt = nudge_store_prepare (store, link_sql, error)))
    return 0;
  nudge_sql_bind_id (stmt, 1, what->rule_id);
  nudge_sql_bind_id (stmt, 2, what->cadence_id);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!nudge_store_step_done (store, stmt, error))
    return 0;
  return id;
}

gboolean
nudge_log_rule_action (NudgeStore  *store,
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
  if (!nudge_store_rows_done (store, stmt, rc, error))
    return FALSE;
  return TRUE;
}

/* A list is a read: the built-in rules are added when the book is free
 * now, else with a later call, never by waiting for another program. */
gboolean
nudge_automation_ensure_builtins_for_reading (NudgeStore  *store,
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

  if (!nudge_automation_ensure_builtins_for_reading (store, error))
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
  if (!nudge_store_rows_done (store, stmt, rc, error))
    return NULL;
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

      if (!nudge_check_text (_("Step title"), s->title, NUDGE_MAX_NAME_CHARS, TRUE, error) ||
          !nudge_template_check (_("Step title"), s->title, error))
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

  if (!nudge_store_exec_ids (store, clear_sql, cadence->id, 0, error))
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

GHashTable *
nudge_subject_values (NudgeStore *store,
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
          g_hash_table_insert (values, (char *) "deal", g_strdup (nudge_deal_get_title (deal)));
          g_hash_table_insert (values, (char *) "company", g_strdup (nudge_deal_get_company_name (deal)));
          g_hash_table_insert (values, (char *) "contact", g_strdup (nudge_deal_get_contact_name (deal)));
          g_hash_table_insert (values, (char *) "product", g_strdup (nudge_deal_get_product (deal)));
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
          g_hash_table_insert (values, (char *) "contact", g_strdup (nudge_contact_get_name (contact)));
          g_hash_table_insert (values, (char *) "email", g_strdup (nudge_contact_get_email (contact)));
          if (!g_hash_table_contains (values, "company"))
            g_hash_table_insert (values, (char *) "company", g_strdup (nudge_contact_get_company_name (contact)));
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
  g_hash_table_insert (values, (char *) "days_idle",
                       g_strdup_printf ("%d", last > 0 ? (int) ((nudge_clock_now () - last) / DAY) : 0));
  return values;
}

/* The steps of @cadence for one deal or contact, inside the caller's
 * transaction; the ids of the follow-ups written go into @created when
 * it is not NULL. How many, or -1 with @error set. */
static int
write_cadence_steps (NudgeStore    *store,
                     NudgeCadence  *cadence,
                     NudgeEntity    entity,
                     gint64         id,
                     gint64         start_day,
                     int            minute_of_day,
                     GArray        *created,
                     GError       **error)
{
  g_autoptr(GHashTable) values = NULL;
  gint64 deal_id = entity == NUDGE_ENTITY_DEAL ? id : 0;
  gint64 contact_id = entity == NUDGE_ENTITY_CONTACT ? id : 0;
  gint64 now = nudge_clock_now ();
  NudgeWorkingHours hours;

  nudge_working_hours_get (&hours);
  values = nudge_subject_values (store, deal_id, contact_id);
  if (!g_hash_table_contains (values, "contact") && !g_hash_table_contains (values, "deal"))
    {
      nudge_store_set_not_found (error, entity, id);
      return -1;
    }

  for (guint i = 0; i < cadence->steps->len; i++)
    {
      NudgeCadenceStep *s = &g_array_index (cadence->steps, NudgeCadenceStep, i);
      g_autofree char *title = nudge_expand_template (s->title, values);
      gint64 due = nudge_local_due (start_day, s->offset_days, cadence->working_days, minute_of_day);
      gint64 followup_id;

      /* "Call now" on day 0 means now, not 09:00 this morning; at 23:30
       * or on a Saturday, now is the next working morning. */
      if (s->offset_days == 0 && due < now)
        due = nudge_working_hours_next (&hours, now);
      NudgeAutomationFollowup step = {
        .title = title, .kind = s->kind, .notes = "", .due_at = due, .priority = 1,
        .deal_id = deal_id, .contact_id = contact_id, .origin = "cadence", .cadence_id = cadence->id,
      };

      if (!(followup_id = nudge_automation_create_followup (store, &step, error)))
        return -1;
      if (created != NULL)
        g_array_append_val (created, followup_id);
    }
  return cadence->steps->len;
}

/* Whether deal or contact @id still has open steps of @cadence: applied
 * again, the cadence would put a second copy of each step beside them. */
static gboolean
subject_runs_cadence (NudgeStore    *store,
                      NudgeCadence  *cadence,
                      NudgeEntity    entity,
                      gint64         id,
                      gboolean      *out_runs,
                      GError       **error)
{
  static const char deal_sql[] =
    "SELECT EXISTS (SELECT 1 FROM followup WHERE deal_id = ?1 AND cadence_id = ?2 AND status = 'open')";
  static const char contact_sql[] =
    "SELECT EXISTS (SELECT 1 FROM followup WHERE contact_id = ?1 AND cadence_id = ?2 AND status = 'open')";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = nudge_store_prepare (store, entity == NUDGE_ENTITY_DEAL ? deal_sql : contact_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, cadence->id);
  rc = sqlite3_step (stmt);
  *out_runs = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  if (rc == SQLITE_ROW)
    rc = sqlite3_step (stmt);
  return nudge_store_rows_done (store, stmt, rc, error);
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
  gboolean runs = FALSE;
  int n;

  g_return_val_if_fail (entity == NUDGE_ENTITY_DEAL || entity == NUDGE_ENTITY_CONTACT, -1);

  if (!(cadence = nudge_cadence_find (store, name, error)))
    return -1;
  if (!nudge_store_begin (store, error))
    return -1;
  if (!subject_runs_cadence (store, cadence, entity, id, &runs, error) ||
      (n = runs ? 0 : write_cadence_steps (store, cadence, entity, id, start_day, minute_of_day, NULL, error)) < 0)
    {
      nudge_store_rollback (store);
      return -1;
    }
  if (!nudge_store_commit_or_rollback (store, error))
    return -1;
  return n;
}

gboolean
nudge_subject_has_open_followup (NudgeStore   *store,
                                 NudgeEntity   entity,
                                 gint64        id,
                                 gboolean     *out_has,
                                 GError      **error)
{
  static const char deal_sql[] = "SELECT EXISTS (SELECT 1 FROM followup WHERE deal_id = ? AND status = 'open')";
  static const char contact_sql[] = "SELECT EXISTS (SELECT 1 FROM followup WHERE contact_id = ? AND status = 'open')";
  gint64 has;

  if (!nudge_store_lookup_checked (store, entity == NUDGE_ENTITY_DEAL ? deal_sql : contact_sql, id, NULL, &has, error))
    return FALSE;
  *out_has = has != 0;
  return TRUE;
}

int
nudge_cadence_apply_many_in (NudgeStore   *store,
                             const char   *name,
                             NudgeEntity   entity,
                             GArray       *ids,
                             int           per_day,
                             GArray       *created,
                             guint        *out_stacked,
                             guint        *out_running,
                             GError      **error)
{
  g_autoptr(GArray) earliest = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  g_autoptr(GArray) todo = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  g_autoptr(GArray) starts = NULL;
  g_autoptr(NudgeCadence) cadence = NULL;
  NudgeWorkingHours hours;
  gint64 now = nudge_clock_now ();
  guint stacked = 0;
  guint running = 0;
  int total = 0;

  g_return_val_if_fail (NUDGE_IS_STORE (store), -1);
  g_return_val_if_fail (ids != NULL, -1);
  g_return_val_if_fail (entity == NUDGE_ENTITY_DEAL || entity == NUDGE_ENTITY_CONTACT, -1);

  /* Found once: the steps are the same for every subject. */
  if (!(cadence = nudge_cadence_find (store, name, error)))
    return -1;
  /* A deal or contact the cadence still runs for is left as it is: a
   * second click, or a segment applied again, would otherwise double
   * every step it has left. It takes no place in the day's pace. */
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      gboolean runs = FALSE;

      if (!subject_runs_cadence (store, cadence, entity, id, &runs, error))
        return -1;
      if (runs)
        running++;
      else
        g_array_append_val (todo, id);
    }
  for (guint i = 0; i < todo->len; i++)
    g_array_append_val (earliest, now);
  nudge_working_hours_get (&hours);
  starts = nudge_pace_schedule (&hours, now, per_day, earliest, NULL);

  for (guint i = 0; i < todo->len; i++)
    {
      gint64 id = g_array_index (todo, gint64, i);
      gint64 start = g_array_index (starts, gint64, i);
      g_autoptr(GDateTime) local = nudge_clock_local_from_unix (start);
      int minute = per_day > 0 ? g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local)
                               : hours.day_start_min;
      gboolean has_step = FALSE;
      int n;

      /* The sequence goes on top of a next step the subject has: said,
       * not prevented, so that the seller knows two plans now run. */
      if (out_stacked != NULL && !nudge_subject_has_open_followup (store, entity, id, &has_step, error))
        return -1;
      if (has_step)
        stacked++;
      if ((n = write_cadence_steps (store, cadence, entity, id, start, minute, created, error)) < 0)
        return -1;
      total += n;
    }
  if (out_stacked != NULL)
    *out_stacked = stacked;
  if (out_running != NULL)
    *out_running = running;
  return total;
}

/**
 * nudge_cadence_apply_many:
 * @ids: (element-type gint64): deals or contacts
 * @per_day: how many of them start a working day (0: all now)
 * @out_running: (out) (optional): how many of @ids were left out because
 *   the cadence still runs for them
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
                          guint       *out_running,
                          GError     **error)
{
  int total;

  g_return_val_if_fail (NUDGE_IS_STORE (store), -1);
  g_return_val_if_fail (ids != NULL, -1);

  if (!nudge_store_begin (store, error))
    return -1;
  if ((total = nudge_cadence_apply_many_in (store, name, entity, ids, per_day, NULL, NULL, out_running, error)) < 0)
    {
      nudge_store_rollback (store);
      return -1;
    }
  if (!nudge_store_commit_or_rollback (store, error))
    return -1;
  return total;
}

int
nudge_cadence_stop_finished (NudgeStore  *store,
                             GError     **error)
{
  /* A reply is often logged on the person, not the deal (an e-mail
   * dropped on the window finds its contact by address), or on the deal
   * alone: the deal's contact answering, about no other deal of theirs,
   * ends the deal's cadence, and an answer on a contact's deal ends the
   * contact's. */
  static const char select_sql[] =
    "SELECT f.id, f.deal_id FROM followup f LEFT JOIN deal d ON d.id = f.deal_id"
    " WHERE f.status = 'open' AND f.cadence_id IS NOT NULL AND ("
    "   d.status IN ('won','lost')"
    "   OR EXISTS (SELECT 1 FROM activity a WHERE a.direction = 'in' AND a.occurred_at >= f.created_at"
    "              AND ((f.deal_id IS NOT NULL AND a.deal_id = f.deal_id)"
    "                OR (f.contact_id IS NOT NULL AND a.contact_id = f.contact_id)"
    "                OR (d.contact_id IS NOT NULL AND a.contact_id = d.contact_id"
    "                    AND (a.deal_id IS NULL OR a.deal_id = f.deal_id))"
    "                OR (f.contact_id IS NOT NULL AND a.contact_id IS NULL"
    "                    AND a.deal_id IN (SELECT id FROM deal WHERE contact_id = f.contact_id)))))";

  return nudge_followups_cancel_where (store, select_sql, nudge_clock_now (), error);
}

/* ---- the built-in rules and cadence ---------------------------------- */

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
  gint64 has = 0;

  if (!nudge_store_lookup_checked (store, has_sql, 0, NULL, &has, error))
    return FALSE;
  if (has)
    return TRUE;

  if (!nudge_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(GHashTable) tp = nudge_params_parse (rules[i].trigger_params);
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

      tp_text = nudge_params_print (tp);
      ap_text = nudge_params_print (ap);
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
    gint64 cadence_exists = 0;

    if (!nudge_store_lookup_checked (store, exists_sql, 0, NULL, &cadence_exists, error))
      goto fail;
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

  return nudge_store_commit_or_rollback (store, error);

fail:
  nudge_store_rollback (store);
  return FALSE;
}
