/* bench-actions-bulk.c — bench-actions' whole tables: every contact,
 * deal and company of the List selected, deleted and brought back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "nudge-list-view.h"
#include "nudge-records.h"

#include "bench-actions.h"

/* One step of the walk: what it does, and when the table shows it. */
typedef struct
{
  const char *name;
  gboolean  (*invoke) (NudgeListView *view,
                       NudgeEntity    entity);
} BulkStep;

static gboolean
select_all_invoke (NudgeListView *view,
                   NudgeEntity    entity)
{
  /* As Ctrl+A does (the column view's list.select-all). */
  return gtk_selection_model_select_all (nudge_list_view_get_selection (view, entity));
}

static gboolean
delete_invoke (NudgeListView *view,
               NudgeEntity    entity)
{
  return gtk_widget_activate_action (GTK_WIDGET (view), "list.delete", NULL);
}

static gboolean
undo_invoke (NudgeListView *view,
             NudgeEntity    entity)
{
  GtkWidget *button = NULL;

  find_toast_button (window, FALSE, &button);
  if (button == NULL)
    return FALSE;
  g_signal_emit_by_name (button, "clicked");
  return TRUE;
}

/* Runs the main loop until @model has @n rows (at most TIMEOUT_S), then
 * a second more: whatever the change left for later is counted too. */
static gboolean
wait_rows (GListModel *model,
           guint       n)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;

  while (g_list_model_get_n_items (model) != n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  spin (1000);
  return g_list_model_get_n_items (model) == n;
}

/* Every row of @entity's table on show (the All segment) selected,
 * deleted and brought back by the toast's Undo: the main loop's longest
 * stall in each step, from the step to a second after the table shows
 * it. */
static void
bench_table (NudgeListView *view,
             NudgeEntity    entity,
             const char    *title)
{
  static const BulkStep steps[] = {
    { "select all", select_all_invoke },
    { "delete", delete_invoke },
    { "undo", undo_invoke },
  };
  GListModel *model = nudge_list_view_get_model (view, entity);
  guint n;

  nudge_list_view_set_entity (view, entity);
  nudge_list_view_set_segment (view, NUDGE_SEGMENT_ALL);
  settle (GTK_WIDGET (view));
  n = g_list_model_get_n_items (model);
  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    {
      g_autofree char *what = g_strdup_printf ("%s %s (%u)", title, steps[s].name, n);
      g_autoptr(GArray) stall = g_array_new (FALSE, FALSE, sizeof (double));
      Heartbeat beat = { 0 };
      guint beat_id;
      gboolean shown;
      double ms;

      beat.last = g_get_monotonic_time ();
      beat_id = g_timeout_add_full (G_PRIORITY_HIGH, HEARTBEAT_MS, heartbeat_cb, &beat, NULL);
      if (!steps[s].invoke (view, entity))
        {
          g_source_remove (beat_id);
          report (what, stall, "the step could not be taken");
          return;
        }
      shown = wait_rows (model, steps[s].invoke == delete_invoke ? 0 : n);
      g_source_remove (beat_id);
      ms = MAX (0, (beat.longest - HEARTBEAT_MS * 1000) / 1000.0);
      if (shown)
        g_array_append_val (stall, ms);
      report (what, stall, "the table did not show it in time");
      if (!shown)
        return;
    }
}

/* The longest the main loop stalled while the whole of each table was
 * selected, deleted and brought back (a figure per step). */
void
bench_delete_all (GtkWidget *view)
{
  if (view == NULL)
    {
      g_print ("%-34s not measured: no NudgeListView in the window\n", "delete-all");
      not_measured = TRUE;
      return;
    }
  bench_table (NUDGE_LIST_VIEW (view), NUDGE_ENTITY_CONTACT, "contacts");
  bench_table (NUDGE_LIST_VIEW (view), NUDGE_ENTITY_DEAL, "deals");
  bench_table (NUDGE_LIST_VIEW (view), NUDGE_ENTITY_COMPANY, "companies");
}
