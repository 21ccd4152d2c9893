/* nudge-bulk-plan.c — follow-ups planned for many deals or contacts at
 * once, and taking them back
 *
 * Rows are copied whole (SELECT *), as nudge-followups-undo.c copies
 * them, so that a column a later migration adds is compared too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-automation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nudge-automation-private.h"
#include "nudge-bulk-plan.h"
#include "nudge-transaction.h"

struct _NudgeBulkPlan
{
  GStrv      columns;    /* of the followup table, as SELECT * gave them */
  guint      n_columns;
  GArray    *ids;        /* gint64: the follow-ups created */
  GPtrArray *rows;       /* sqlite3_value *[n_columns]: each as written */
  guint      n_stacked;
  guint      n_running;  /* subjects left out: the cadence runs for them */
};

static NudgeBulkPlan *
bulk_plan_new (void)
{
  NudgeBulkPlan *plan = g_new0 (NudgeBulkPlan, 1);

  plan->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  plan->rows = g_ptr_array_new ();
  return plan;
}

void
nudge_bulk_plan_free (NudgeBulkPlan *plan)
{
  if (plan == NULL)
    return;
  for (guint i = 0; i < plan->rows->len; i++)
    nudge_sql_values_free (g_ptr_array_index (plan->rows, i), plan->n_columns);
  g_ptr_array_unref (plan->rows);
  g_array_unref (plan->ids);
  g_strfreev (plan->columns);
  g_free (plan);
}

/* Follow-up @id as it is now; NULL with NUDGE_STORE_ERROR_NOT_FOUND
 * when it is not there. */
static sqlite3_value **
read_row (NudgeStore     *store,
          NudgeBulkPlan  *plan,
          gint64          id,
          GError        **error)
{
  return nudge_store_copy_followup_row (store, id, &plan->columns, &plan->n_columns, error);
}

/* Inside the transaction that wrote them: the rows as written, which
 * no one else can have changed yet. */
static gboolean
copy_created (NudgeStore     *store,
              NudgeBulkPlan  *plan,
              GError        **error)
{
  for (guint i = 0; i < plan->ids->len; i++)
    {
      sqlite3_value **row = read_row (store, plan, g_array_index (plan->ids, gint64, i), error);

      if (row == NULL)
        return FALSE;
      g_ptr_array_add (plan->rows, row);
    }
  return TRUE;
}

/* Ends the transaction the plan was written in: the plan, or NULL with
 * everything rolled back. */
static NudgeBulkPlan *
finish (NudgeStore     *store,
        NudgeBulkPlan  *plan,
        gboolean        ok,
        GError        **error)
{
  g_autoptr(NudgeBulkPlan) owned = plan;

  if (!ok || !copy_created (store, plan, error))
    {
      nudge_store_rollback (store);
      return NULL;
    }
  if (!nudge_store_commit_or_rollback (store, error))
    return NULL;
  return g_steal_pointer (&owned);
}

NudgeBulkPlan *
nudge_bulk_plan_cadence (NudgeStore   *store,
                         const char   *name,
                         NudgeEntity   entity,
                         GArray       *ids,
                         int           per_day,
                         GError      **error)
{
  NudgeBulkPlan *plan;
  int n;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (ids != NULL, NULL);
  g_return_val_if_fail (entity == NUDGE_ENTITY_DEAL || entity == NUDGE_ENTITY_CONTACT, NULL);

  if (!nudge_store_begin (store, error))
    return NULL;
  plan = bulk_plan_new ();
  n = nudge_cadence_apply_many_in (store, name, entity, ids, per_day, plan->ids, &plan->n_stacked,
                                   &plan->n_running, error);
  return finish (store, plan, n >= 0, error);
}

NudgeBulkPlan *
nudge_bulk_plan_followups (NudgeStore   *store,
                           NudgeEntity   entity,
                           GArray       *ids,
                           GPtrArray    *titles,
                           const char   *kind,
                           gint64        due_at,
                           const char   *tzid,
                           GError      **error)
{
  NudgeBulkPlan *plan;
  gboolean ok = TRUE;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL, NULL);
  g_return_val_if_fail (titles != NULL && titles->len == ids->len, NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (entity == NUDGE_ENTITY_DEAL || entity == NUDGE_ENTITY_CONTACT, NULL);

  if (!nudge_store_begin (store, error))
    return NULL;
  plan = bulk_plan_new ();
  for (guint i = 0; ok && i < ids->len; i++)
    {
      g_autoptr(NudgeFollowup) followup = nudge_followup_new ();
      gint64 subject = g_array_index (ids, gint64, i);
      gboolean has_step = FALSE;
      gint64 id;

      if (!(ok = nudge_subject_has_open_followup (store, entity, subject, &has_step, error)))
        break;
      if (has_step)
        plan->n_stacked++;
      g_object_set (followup, "title", g_ptr_array_index (titles, i), "kind", kind,
                    "due-at", due_at, "tzid", tzid, "priority", 2, "duration-min", 30,
                    entity == NUDGE_ENTITY_DEAL ? "deal-id" : "contact-id", subject, NULL);
      if ((ok = (id = nudge_store_save_followup (store, followup, error)) > 0))
        g_array_append_val (plan->ids, id);
    }
  return finish (store, plan, ok, error);
}

guint
nudge_bulk_plan_get_n_created (NudgeBulkPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);

  return plan->ids->len;
}

guint
nudge_bulk_plan_get_n_stacked (NudgeBulkPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);

  return plan->n_stacked;
}

guint
nudge_bulk_plan_get_n_running (NudgeBulkPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);

  return plan->n_running;
}

/* How many of the plan's follow-ups are not as it wrote them (or gone). */
static gboolean
count_changed (NudgeStore     *store,
               NudgeBulkPlan  *plan,
               guint          *out_changed,
               GError        **error)
{
  guint changed = 0;

  for (guint i = 0; i < plan->ids->len; i++)
    {
      GError *local_error = NULL;
      sqlite3_value **written = g_ptr_array_index (plan->rows, i);
      sqlite3_value **now = read_row (store, plan, g_array_index (plan->ids, gint64, i), &local_error);

      /* A follow-up gone since counts as changed. */
      if (local_error != NULL && !g_error_matches (local_error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      g_clear_error (&local_error);
      if (!nudge_sql_rows_equal (now, written, plan->n_columns))
        changed++;
      nudge_sql_values_free (now, plan->n_columns);
    }
  *out_changed = changed;
  return TRUE;
}

static gboolean
remove_created (NudgeStore     *store,
                NudgeBulkPlan  *plan,
                GError        **error)
{
  for (guint i = 0; i < plan->ids->len; i++)
    {
      sqlite3_value **written = g_ptr_array_index (plan->rows, i);
      gint64 id = g_array_index (plan->ids, gint64, i);
      gint64 deal_id = nudge_sql_row_int (plan->columns, written, "deal_id");
      gint64 contact_id = nudge_sql_row_int (plan->columns, written, "contact_id");

      if (!nudge_store_remove_followup_row (store, id, deal_id, contact_id, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
undo_write_cb (NudgeStore  *store,
               gpointer     data,
               GError     **error)
{
  NudgeBulkPlan *plan = data;
  guint changed = 0;

  if (!count_changed (store, plan, &changed, error))
    return FALSE;
  /* All or none: removing the rest would leave half a plan that no one
   * asked for. */
  if (changed > 0)
    {
      g_autofree char *message = NULL;

      /* TRANSLATORS: why Undo of a plan for many deals or contacts
       * refused; %u is how many of its follow-ups were done, snoozed,
       * edited or deleted since */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of the follow-ups was changed since; "
                                              "undoing would lose that change", "%u of the follow-ups were "
                                              "changed since; undoing would lose those changes", changed),
                                 changed);
      g_set_error_literal (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CHANGED, message);
      return FALSE;
    }
  return remove_created (store, plan, error);
}

gboolean
nudge_bulk_plan_undo (NudgeStore     *store,
                      NudgeBulkPlan  *plan,
                      GError        **error)
{
  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  return nudge_transaction_run (store, undo_write_cb, plan, error);
}
