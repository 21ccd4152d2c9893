/* bench-actions-harness.c — waiting for the frame that shows a change,
 * the figures, and finding widgets, for bench-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "nudge-calendar-view.h"
#include "nudge-list-view.h"
#include "nudge-pipeline-view.h"
#include "nudge-records.h"
#include "nudge-today-view.h"

#include "bench-actions.h"

/* ---- waiting ------------------------------------------------------------- */


typedef struct
{
  GListModel    *model;        /* may be NULL: then only the condition */
  gint64         want_id;      /* added (> 0) or removed (< 0) item to see */
  guint          removed_at;   /* where the removed item was */
  gboolean       changed;
  ReflectedFunc  reflected;
  gpointer       data;
  gboolean       done;
  gint64         done_at;
  gint64         started;
} Wait;

static gboolean
model_has_id_at (GListModel *model,
                 guint       position,
                 gint64      id)
{
  g_autoptr(GObject) item = NULL;

  if (position >= g_list_model_get_n_items (model))
    return FALSE;
  item = g_list_model_get_item (model, position);
  return nudge_record_get_id (item) == id;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Wait       *wait)
{
  if (g_getenv ("NUDGE_BENCH_VERBOSE"))
    g_printerr ("%.1f ms: items-changed %u -%u +%u (want %" G_GINT64_FORMAT ")\n",
                (g_get_monotonic_time () - wait->started) / 1000.0, position, removed, added, wait->want_id);
  /* Added: the item must be among the new ones. Removed: checked once
   * the model has settled, at paint time. */
  if (wait->want_id > 0)
    {
      for (guint i = position; i < position + added; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (model, i);

          if (nudge_record_get_id (item) == wait->want_id)
            wait->changed = TRUE;
        }
    }
  else if (removed > 0)
    wait->changed = TRUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Wait          *wait)
{
  if (wait->done)
    return;
  if (wait->model != NULL && !wait->changed)
    return;
  if (wait->model != NULL && wait->want_id < 0 && model_has_id_at (wait->model, wait->removed_at, -wait->want_id))
    {
      wait->changed = FALSE;
      return;
    }
  if (wait->reflected != NULL && !wait->reflected (wait->data))
    return;
  if (g_getenv ("NUDGE_BENCH_VERBOSE"))
    g_printerr ("%.1f ms: painted\n", (g_get_monotonic_time () - wait->started) / 1000.0);
  wait->done = TRUE;
  wait->done_at = g_get_monotonic_time ();
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
spin (int ms)
{
  gboolean over = FALSE;

  g_timeout_add (ms, timeout_cb, &over);
  while (!over)
    g_main_context_iteration (NULL, TRUE);
}

/* Views load on workers and fill over several frames: waits until the
 * one measured has settled (at most 60 s). */
void
settle (GtkWidget *view)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  spin (opt_settle);
  while (view != NULL && g_get_monotonic_time () < deadline &&
         ((NUDGE_IS_LIST_VIEW (view) && nudge_list_view_is_busy (NUDGE_LIST_VIEW (view))) ||
          (NUDGE_IS_PIPELINE_VIEW (view) && nudge_pipeline_view_is_busy (NUDGE_PIPELINE_VIEW (view))) ||
          (NUDGE_IS_TODAY_VIEW (view) && !nudge_today_view_is_loaded (NUDGE_TODAY_VIEW (view)))))
    g_main_context_iteration (NULL, TRUE);
}

/* Closes what an action opened on top (the next-step dialog after Done). */
static void
close_other_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i - 1);

      if (GTK_WIDGET (w) != window)
        gtk_window_destroy (w);
    }
}

/* Time in ms from the call to the painted frame, or -1 when the action
 * does not exist, or TIMEOUT_S * 1000 when nothing showed it in time. */
double
measure (InvokeFunc     invoke,
         gpointer       invoke_data,
         GListModel    *model,
         gint64         want_id,
         guint          removed_at,
         ReflectedFunc  reflected,
         gpointer       data)
{
  Wait wait = { model, want_id, 0, FALSE, reflected, data, FALSE, 0, 0 };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gulong paint_id, changed_id = 0;
  gboolean over = FALSE;
  guint timeout_id;
  gint64 start;
  double ms;

  wait.removed_at = removed_at;
  spin (settle_ms);
  paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &wait);
  if (model != NULL)
    changed_id = g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &wait);
  timeout_id = g_timeout_add_seconds (TIMEOUT_S, timeout_cb, &over);

  start = wait.started = g_get_monotonic_time ();
  if (g_getenv ("NUDGE_BENCH_VERBOSE"))
    g_printerr ("start at monotonic %.3f ms\n", start / 1000.0);
  if (!invoke (invoke_data))
    ms = -1;
  else
    {
      /* Whatever changed has queued its own redraw; a frame that changed
       * nothing would never come, so ask for one. */
      gtk_widget_queue_draw (window);
      while (!wait.done && !over)
        g_main_context_iteration (NULL, TRUE);
      ms = wait.done ? (wait.done_at - start) / 1000.0 : TIMEOUT_S * 1000.0;
    }

  if (!over)
    g_source_remove (timeout_id);
  g_signal_handler_disconnect (clock, paint_id);
  if (changed_id != 0)
    g_signal_handler_disconnect (model, changed_id);
  close_other_windows ();
  return ms;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

void
report_target (const char *what,
               GArray     *times,
               const char *why_not,
               double      target_ms)
{
  double median, p95;

  if (times->len == 0)
    {
      g_print ("%-34s not measured: %s\n", what, why_not ? why_not : "no run");
      not_measured = TRUE;
      return;
    }
  g_array_sort (times, compare_double);
  median = g_array_index (times, double, times->len / 2);
  p95 = g_array_index (times, double, MIN (times->len - 1, (times->len * 95 + 99) / 100 - 1));
  if (target_ms <= 0)   /* a figure to read, not a target */
    g_print ("%-34s %3u runs  median %8.1f ms  p95 %8.1f ms  max %8.1f ms\n",
             what, times->len, median, p95, g_array_index (times, double, times->len - 1));
  else
    g_print ("%-34s %3u runs  median %8.1f ms  p95 %8.1f ms  max %8.1f ms  target %.0f ms  %s\n",
             what, times->len, median, p95, g_array_index (times, double, times->len - 1),
             target_ms, median <= target_ms && p95 <= target_ms ? "PASS" : "FAIL");
  if (g_array_index (times, double, times->len - 1) >= TIMEOUT_S * 1000.0)
    g_print ("%-34s (the last run timed out: nothing was shown within %d s)\n", "", TIMEOUT_S);
}

void
report (const char *what,
        GArray     *times,
        const char *why_not)
{
  report_target (what, times, why_not, TARGET_MS);
}

gboolean
keep_going (GArray *times,
            gint64  began)
{
  if ((int) times->len >= opt_runs)
    return FALSE;
  return times->len < 3 || g_get_monotonic_time () - began < (gint64) opt_budget * G_USEC_PER_SEC;
}

/* ---- the widget tree ----------------------------------------------------- */

GtkWidget *
find_by_type_name (GtkWidget  *root,
                   const char *type_name)
{
  GType type = g_type_from_name (type_name);

  if (type == 0)
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_type_name (child, type_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
collect_actionables (GtkWidget  *root,
                     const char *action,
                     GPtrArray  *out)
{
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect_actionables (child, action, out);
}

gboolean
list_has_target (GtkWidget  *list,
                 const char *action,
                 GVariant   *target)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_actionables (list, action, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GVariant *t = gtk_actionable_get_action_target_value (buttons->pdata[i]);

      if (t != NULL && g_variant_equal (t, target))
        return TRUE;
    }
  return FALSE;
}

/* The last labelled button inside a widget named "toast" in tree order:
 * the toast overlay appends the newest toast last. */
void
find_toast_button (GtkWidget  *root,
                   gboolean    inside_toast,
                   GtkWidget **found)
{
  inside_toast = inside_toast || g_strcmp0 (gtk_widget_get_css_name (root), "toast") == 0;
  if (inside_toast && GTK_IS_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)) != NULL)
    *found = root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    find_toast_button (child, inside_toast, found);
}

gboolean
heartbeat_cb (gpointer data)
{
  Heartbeat *beat = data;
  gint64 now = g_get_monotonic_time ();

  if (now - beat->last > beat->longest)
    {
      beat->longest = now - beat->last;
      beat->longest_from = beat->last;
    }
  beat->last = now;
  return G_SOURCE_CONTINUE;
}
