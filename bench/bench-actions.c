/* bench-actions.c — from a click to the frame that shows it, on a big book
 *
 * Builds the real NudgeWindow on the 100k book (or --db PATH, copied
 * first so the book is left alone) in a real window (run under Xvfb),
 * then times, for each action below, from invoking it the way its button
 * does (gtk_widget_activate_action() on the view, with the button's own
 * target) to the end of the first frame painted after the visible list
 * reflects it:
 *
 *   today.done     the first row of the first Today section (Overdue, or
 *                  Today when nothing is overdue); done when the row has
 *                  left that list and a frame is painted
 *   today.snooze   the same row, snoozed until tomorrow; same end
 *   today.snooze-overdue  Snooze All on the Overdue heading: every
 *                  overdue follow-up snoozed, then back with the toast's
 *                  Undo; the time until the badge says so, and the main
 *                  loop's longest stall meanwhile and a second after
 *   board.move-deal  the first card of the first stage, moved to the
 *                  second; done when the second column's model has
 *                  emitted items-changed with that deal and a frame is
 *                  painted
 *   list.delete    the first contact of the List view, selected; done
 *                  when the contacts model has emitted items-changed
 *                  without it and a frame is painted
 *   delete-all     every contact, then every deal, then every company
 *                  of the List (its All segment) selected, deleted and
 *                  brought back by the toast's Undo: the main loop's
 *                  longest stall in each step, to a second after the
 *                  table shows it (bench-actions-bulk.c)
 *   reschedule     a one-off follow-up of the coming days moved a day on
 *                  in the Calendar's month and back (calendar.reschedule,
 *                  as a dropped chip), to the frame that shows it there
 *   search         names typed letter by letter into the header bar's
 *                  search, then 200 and 2000 words pasted: to the frame
 *                  that shows the results, and the main loop's longest
 *                  stall per change (target 16 ms)
 *   save           the deal editor, opened over the List on its first
 *                  deal, saved with a new title (as its Save button
 *                  does); done when the deals model has emitted
 *                  items-changed with that deal and a frame is painted
 *   filter         names typed letter by letter into the List's own
 *                  filter over its Contacts table, then cleared: the
 *                  main loop's longest stall from the keystroke to a
 *                  second later (target), and the time until every row
 *                  has come (a figure, no target: they come a batch a
 *                  frame)
 *   segment        each built-in segment of the Deals table clicked in
 *                  the List's sidebar, then All again: to the frame that
 *                  shows the new rows, and the main loop's longest stall
 *   import         not a click: 20,000 contacts (with 2,000 new companies)
 *                  imported from a CSV file into the List's contacts
 *                  table on show, as its Import button does; the figure is the longest the main loop
 *                  went without a turn from the start of the import to
 *                  a second after it is done (a 4 ms heartbeat)
 *   undo           the Undo button of the toast that followed, clicked
 *                  right after the deletion was painted, as a pointer
 *                  clicks it (GTK's keyboard activation of a button
 *                  holds it pressed for 250 ms first); done when the
 *                  contacts model has it back and a frame is painted
 *
 * What it leans on, kept small on purpose so it outlives refactors: the
 * action names and parameter types above, the Done buttons carrying
 * "today.done" with an (xx) target, the public getters
 * nudge_pipeline_view_get_column_model(), nudge_list_view_get_model()
 * and _get_selection(), nudge_window_new()/_show_view(), and the toast's
 * button (the last labelled GtkButton inside a widget named "toast";
 * delete and undo run first, before any other toast). Views are
 * found by type in the window's widget tree. When one of these is gone,
 * that action is reported as "not measured" and the others still run.
 *
 * Each action runs up to --runs times (default 20) or until its time
 * budget (--budget seconds, default 30) is spent, after a --settle pause
 * (default 400 ms, so deferred refreshes of the previous run are over).
 * NUDGE_BENCH_VERBOSE=1 prints each items-changed seen, the toast
 * button clicked, and when each run started (CLOCK_MONOTONIC, as
 * perf record -k CLOCK_MONOTONIC stamps its samples).
 *
 * Target: 50 ms at the median and at the 95th percentile. Exit status 0
 * when every action was measured (whatever the figures), 2 otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "nudge-renderer.h"
#include "nudge-automation.h"
#include "nudge-calendar-view.h"
#include "nudge-clock.h"
#include "nudge-demo.h"
#include "nudge-followups.h"
#include "nudge-list-view.h"
#include "nudge-pipeline-view.h"
#include "nudge-record-editor.h"
#include "nudge-search-popover.h"
#include "nudge-store.h"
#include "nudge-today-view.h"
#include "nudge-window.h"
#include "nudge-worker.h"

#include "bench-actions.h"


int opt_runs = 20;
int opt_budget = 30;
int opt_settle = 400;
int settle_ms = 400;
static char *opt_db;
static char *opt_only;

static GOptionEntry entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "Book to copy and use (default: build the 100k book)", "PATH" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Runs of each action (default 20)", "N" },
  { "budget", 0, 0, G_OPTION_ARG_INT, &opt_budget, "Seconds per action at most (default 30; at least 3 runs)", "S" },
  { "settle", 0, 0, G_OPTION_ARG_INT, &opt_settle, "Pause before each run in ms (default 400)", "MS" },
  { "only", 0, 0, G_OPTION_ARG_STRING, &opt_only, "Time only these, comma-separated: delete, delete-all, save, done, snooze, snooze-all, move, reschedule, search, filter, segment, import", "NAMES" },
  { NULL }
};

GtkWidget *window;

/* --only: delete (with its undo), delete-all, save, done, snooze, snooze-all (with its undo), move, reschedule, search, filter, segment, import */
static gboolean
wanted (const char *name)
{
  g_auto(GStrv) names = NULL;

  if (opt_only == NULL)
    return TRUE;
  names = g_strsplit (opt_only, ",", -1);
  return g_strv_contains ((const char * const *) names, name);
}
gboolean not_measured;

/* ---- Today --------------------------------------------------------------- */

typedef struct
{
  GtkWidget *view;
  GtkWidget *row;       /* the row holding the button, kept alive */
  GtkWidget *list;      /* the GtkListBox it was in */
  GVariant  *target;    /* (xx): follow-up id, occurrence */
  const char *action;
  GVariant  *param;
} TodayRun;

/* The first mapped Done button in tree order: the first row of the first
 * section shown. */
static gboolean
pick_today_row (TodayRun *run)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_actionables (run->view, "today.done", buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = buttons->pdata[i];
      GtkWidget *row = gtk_widget_get_ancestor (button, GTK_TYPE_LIST_BOX_ROW);
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));

      if (row == NULL || !gtk_widget_get_mapped (button) || target == NULL ||
          !g_variant_is_of_type (target, G_VARIANT_TYPE ("(xx)")))
        continue;
      run->row = g_object_ref (row);
      run->list = gtk_widget_get_parent (row);
      run->target = g_variant_ref (target);
      return TRUE;
    }
  return FALSE;
}

static gboolean
today_invoke (gpointer data)
{
  TodayRun *run = data;

  return gtk_widget_activate_action_variant (run->view, run->action, run->param);
}

static gboolean
today_reflected (gpointer data)
{
  TodayRun *run = data;

  return gtk_widget_get_parent (run->row) != run->list && !list_has_target (run->list, "today.done", run->target);
}

static void
bench_today (GtkWidget  *view,
             const char *action)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *label = g_strdup_printf ("%s (Today row)", action);
  const char *why_not = "no row with a Done button in the Today view";
  gint64 began = g_get_monotonic_time ();

  nudge_window_show_view (NUDGE_WINDOW (window), "today");
  settle (view);
  while (view != NULL && keep_going (times, began))
    {
      TodayRun run = { view, NULL, NULL, NULL, action, NULL };
      double ms;
      gint64 id, occurrence;

      if (!pick_today_row (&run))
        break;
      g_variant_get (run.target, "(xx)", &id, &occurrence);
      if (g_str_equal (action, "today.snooze"))
        run.param = g_variant_ref_sink (g_variant_new ("(xxi)", id, occurrence, (gint32) NUDGE_SNOOZE_TOMORROW));
      else
        run.param = g_variant_ref (run.target);
      ms = measure (today_invoke, &run, NULL, 0, 0, today_reflected, &run);
      g_clear_object (&run.row);
      g_clear_pointer (&run.target, g_variant_unref);
      g_clear_pointer (&run.param, g_variant_unref);
      if (ms < 0)
        {
          why_not = "the action is gone";
          break;
        }
      g_array_append_val (times, ms);
      if (ms >= TIMEOUT_S * 1000.0)
        break;
    }
  report (label, times, view ? why_not : "no NudgeTodayView in the window");
}

/* ---- Pipeline ------------------------------------------------------------ */

typedef struct
{
  GtkWidget *view;
  gint64     deal_id;
  gint64     stage_id;
} MoveRun;

static gboolean
move_invoke (gpointer data)
{
  MoveRun *run = data;

  return gtk_widget_activate_action (run->view, "board.move-deal", "(xx)", run->deal_id, run->stage_id);
}

static void
bench_move (GtkWidget  *view,
            NudgeStore *store)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GError) error = NULL;
  const char *why_not = "no NudgePipelineView in the window";
  gint64 began = g_get_monotonic_time ();

  nudge_window_show_view (NUDGE_WINDOW (window), "pipeline");
  settle (view);
  stages = nudge_store_list_stages (store, nudge_store_get_default_pipeline (store), &error);
  if (stages == NULL || stages->len < 2)
    why_not = "fewer than two stages";
  while (view != NULL && stages != NULL && stages->len >= 2 && keep_going (times, began))
    {
      /* Back and forth between the first two stages. */
      gint64 from = nudge_stage_get_id (g_ptr_array_index (stages, times->len % 2));
      gint64 to = nudge_stage_get_id (g_ptr_array_index (stages, (times->len + 1) % 2));
      GListModel *source = nudge_pipeline_view_get_column_model (NUDGE_PIPELINE_VIEW (view), from);
      GListModel *dest = nudge_pipeline_view_get_column_model (NUDGE_PIPELINE_VIEW (view), to);
      g_autoptr(GObject) first = NULL;
      MoveRun run = { view, 0, to };
      double ms;

      if (source == NULL || dest == NULL || g_list_model_get_n_items (source) == 0)
        {
          why_not = "no column model or no card in the first stage";
          break;
        }
      first = g_list_model_get_item (source, 0);
      run.deal_id = nudge_record_get_id (first);
      ms = measure (move_invoke, &run, dest, run.deal_id, 0, NULL, NULL);
      if (ms < 0)
        {
          why_not = "the action is gone";
          break;
        }
      g_array_append_val (times, ms);
      if (ms >= TIMEOUT_S * 1000.0)
        break;
    }
  report ("board.move-deal (Pipeline card)", times, why_not);
}

/* ---- List: delete and undo ----------------------------------------------- */

static gboolean toast_after_delete;

static gboolean
delete_invoke (gpointer data)
{
  GtkWidget *button = NULL;

  if (!gtk_widget_activate_action (data, "list.delete", NULL))
    return FALSE;
  find_toast_button (window, FALSE, &button);
  toast_after_delete = button != NULL;
  return TRUE;
}

static gboolean
undo_invoke (gpointer data)
{
  GtkWidget *button = NULL;

  find_toast_button (window, FALSE, &button);
  if (button == NULL)
    return FALSE;
  if (g_getenv ("NUDGE_BENCH_VERBOSE"))
    g_printerr ("undo: button %s \"%s\" mapped %d\n", G_OBJECT_TYPE_NAME (button),
                gtk_button_get_label (GTK_BUTTON (button)), gtk_widget_get_mapped (button));
  /* As a pointer click does: "activate" (the keyboard's) holds the
   * button pressed for a quarter of a second before it clicks. */
  g_signal_emit_by_name (button, "clicked");
  return TRUE;
}

static void
bench_delete_undo (GtkWidget *view)
{
  g_autoptr(GArray) deletes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) undos = g_array_new (FALSE, FALSE, sizeof (double));
  const char *why_not = "no NudgeListView in the window";
  const char *undo_why_not = "no delete";
  gboolean toast_ran_out = FALSE;
  gint64 began = g_get_monotonic_time ();

  nudge_window_show_view (NUDGE_WINDOW (window), "list");
  if (view != NULL)
    nudge_list_view_set_entity (NUDGE_LIST_VIEW (view), NUDGE_ENTITY_CONTACT);
  settle (view);
  while (view != NULL && keep_going (deletes, began))
    {
      GListModel *model = nudge_list_view_get_model (NUDGE_LIST_VIEW (view), NUDGE_ENTITY_CONTACT);
      GtkSelectionModel *selection = nudge_list_view_get_selection (NUDGE_LIST_VIEW (view), NUDGE_ENTITY_CONTACT);
      g_autoptr(GObject) first = NULL;
      gint64 id;
      double ms;

      if (model == NULL || selection == NULL || g_list_model_get_n_items (model) == 0)
        {
          why_not = "no contacts model";
          break;
        }
      first = g_list_model_get_item (model, 0);
      id = nudge_record_get_id (first);
      gtk_selection_model_select_item (selection, 0, TRUE);

      ms = measure (delete_invoke, view, model, -id, 0, NULL, NULL);
      if (ms < 0)
        {
          why_not = "the action is gone";
          break;
        }
      g_array_append_val (deletes, ms);
      if (ms >= TIMEOUT_S * 1000.0)
        break;

      /* Undo right away, as one does when the row vanished by mistake. */
      settle_ms = 0;
      ms = measure (undo_invoke, NULL, model, id, 0, NULL, NULL);
      settle_ms = opt_settle;
      if (ms < 0)
        {
          undo_why_not = toast_after_delete
                         ? "the Undo toast was shown but had timed out by the time the deletion was painted"
                         : "no toast with a button after the delete";
          break;
        }
      g_array_append_val (undos, ms);
      if (ms >= TIMEOUT_S * 1000.0)
        {
          toast_ran_out = g_array_index (deletes, double, deletes->len - 1) > 5000;
          break;
        }
    }
  report ("list.delete (List, one contact)", deletes, why_not);
  report ("undo (toast button)", undos, undo_why_not);
  if (toast_ran_out)
    g_print ("%-34s (the deletion took longer than the toast's 5 s: its Undo did nothing)\n", "");
}

/* ---- Editors -------------------------------------------------------------- */

static gboolean
save_invoke (gpointer data)
{
  NudgeRecordEditor *editor = data;

  if (nudge_record_editor_save (editor) > 0)
    return TRUE;
  g_printerr ("save: the editor did not save: %s\n", nudge_record_editor_get_error (editor));
  return FALSE;
}

static void
bench_save (GtkWidget *view)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  const char *why_not = "no NudgeListView in the window";
  gint64 began = g_get_monotonic_time ();
  guint n = 0;

  if (view != NULL)
    nudge_list_view_set_entity (NUDGE_LIST_VIEW (view), NUDGE_ENTITY_DEAL);
  settle (view);
  while (view != NULL && keep_going (times, began))
    {
      GListModel *model = nudge_list_view_get_model (NUDGE_LIST_VIEW (view), NUDGE_ENTITY_DEAL);
      g_autoptr(GObject) first = NULL;
      g_autofree char *title = NULL;
      NudgeRecordEditor *editor;
      gint64 id;
      double ms;

      if (model == NULL || g_list_model_get_n_items (model) == 0)
        {
          why_not = "no deals model";
          break;
        }
      first = g_list_model_get_item (model, 0);
      id = nudge_record_get_id (first);
      editor = nudge_record_editor_present (GTK_WINDOW (window), nudge_window_get_context (NUDGE_WINDOW (window)),
                                            NUDGE_ENTITY_DEAL, id);
      if (editor == NULL)
        {
          why_not = "the deal editor did not open";
          break;
        }
      title = g_strdup_printf ("Bench renamed deal %u", ++n);
      nudge_record_editor_set_field (editor, "title", title);
      /* From Save to the frame that shows the deal's row changed. */
      ms = measure (save_invoke, editor, model, id, 0, NULL, NULL);
      if (ms < 0)
        {
          why_not = "the editor did not save";
          break;
        }
      g_array_append_val (times, ms);
      if (ms >= TIMEOUT_S * 1000.0)
        break;
    }
  report ("save (deal editor over the List)", times, why_not);
}

/* ---- main ---------------------------------------------------------------- */

static gboolean
copy_book (const char  *from,
           const char  *to,
           GError     **error)
{
  static const char *const suffixes[] = { "", "-wal", NULL };

  for (guint i = 0; suffixes[i] != NULL; i++)
    {
      g_autofree char *src = g_strconcat (from, suffixes[i], NULL);
      g_autofree char *dst = g_strconcat (to, suffixes[i], NULL);
      g_autoptr(GFile) source = g_file_new_for_path (src);
      g_autoptr(GFile) dest = g_file_new_for_path (dst);

      if (i > 0 && !g_file_test (src, G_FILE_TEST_EXISTS))
        continue;
      if (!g_file_copy (source, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static void
painted_cb (GdkFrameClock *clock,
            gboolean      *painted)
{
  *painted = TRUE;
}

/* ---- import: the main loop's longest wait during an import ------------- */

static void
import_done_cb (NudgeListView *view,
                gboolean       ok,
                const GError  *error,
                gpointer       data)
{
  Heartbeat *beat = data;

  beat->done = TRUE;
  beat->ok = ok;
  if (!ok)
    g_printerr ("bench-actions: the import failed: %s\n", error != NULL ? error->message : "?");
}

static GFile *
write_contacts_csv (const char *dir,
                    guint       n)
{
  g_autofree char *path = g_build_filename (dir, "contacts.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("Name;E-mail;Company\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "Imported Person %u;imported%u@example.cz;Imported Company %u\n", i, i, i % 2000);
  if (!g_file_set_contents (path, csv->str, csv->len, NULL))
    return NULL;
  return g_file_new_for_path (path);
}

static void
bench_import (GtkWidget  *view,
              const char *dir)
{
  g_autoptr(GFile) file = NULL;
  Heartbeat beat = { 0 };
  gint64 began, end;
  guint id;

  if (view == NULL || (file = write_contacts_csv (dir, 20000)) == NULL)
    {
      g_print ("%-34s not measured: %s\n", "import (List, 20,000 contacts)",
               view == NULL ? "no List view" : "cannot write the CSV file");
      not_measured = TRUE;
      return;
    }
  /* The contacts table on show, as where one imports contacts. */
  nudge_list_view_set_entity (NUDGE_LIST_VIEW (view), NUDGE_ENTITY_CONTACT);
  settle (view);
  nudge_list_view_set_import_done_hook (NUDGE_LIST_VIEW (view), import_done_cb, &beat);
  beat.last = began = g_get_monotonic_time ();
  id = g_timeout_add_full (G_PRIORITY_HIGH, HEARTBEAT_MS, heartbeat_cb, &beat, NULL);
  nudge_list_view_import_file_async (NUDGE_LIST_VIEW (view), NUDGE_ENTITY_CONTACT, file);
  while (!beat.done && g_get_monotonic_time () - began < 120 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  end = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  nudge_list_view_set_import_done_hook (NUDGE_LIST_VIEW (view), NULL, NULL);
  if (!beat.done || !beat.ok)
    {
      g_print ("%-34s not measured: %s\n", "import (List, 20,000 contacts)",
               beat.done ? "the import failed" : "not done within 120 s");
      not_measured = TRUE;
      return;
    }
  if (g_getenv ("NUDGE_BENCH_VERBOSE") != NULL)
    g_print ("import stall-from-monotonic-ms %.1f length-ms %.1f\n",
             beat.longest_from / 1000.0, beat.longest / 1000.0);
  g_print ("%-34s import took %.1f s; longest stall %6.1f ms  target %.0f ms  %s\n",
           "import (List, 20,000 contacts)", (end - G_USEC_PER_SEC - began) / 1e6,
           (beat.longest - HEARTBEAT_MS * 1000) / 1000.0, TARGET_MS,
           (beat.longest - HEARTBEAT_MS * 1000) / 1000.0 <= TARGET_MS ? "PASS" : "FAIL");
}

/* ---- Today: Snooze All and its Undo ------------------------------------- */

/* Runs the main loop with a heartbeat until @done says so (or 120 s),
 * then a second more; the longest stall in ms (heartbeat removed), and
 * in @took_ms the time until @done. -1 when @done never said so. */
static double
stall_until (gboolean (*done) (GtkWidget *view),
             GtkWidget *view,
             double    *took_ms)
{
  Heartbeat beat = { 0 };
  gint64 began, end;
  guint id;

  beat.last = began = g_get_monotonic_time ();
  id = g_timeout_add_full (G_PRIORITY_HIGH, HEARTBEAT_MS, heartbeat_cb, &beat, NULL);
  while (!(beat.done = done (view)) && g_get_monotonic_time () - began < 120 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  *took_ms = (g_get_monotonic_time () - began) / 1000.0;
  end = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  if (g_getenv ("NUDGE_BENCH_VERBOSE") != NULL)
    g_print ("stall-from-monotonic-ms %.1f length-ms %.1f\n", beat.longest_from / 1000.0, beat.longest / 1000.0);
  return beat.done ? MAX (0, (beat.longest - HEARTBEAT_MS * 1000) / 1000.0) : -1;
}

static gboolean
nothing_overdue (GtkWidget *view)
{
  return nudge_today_view_get_overdue_count (NUDGE_TODAY_VIEW (view)) == 0;
}

static gboolean
overdue_again (GtkWidget *view)
{
  return nudge_today_view_get_overdue_count (NUDGE_TODAY_VIEW (view)) > 0;
}

static void
report_stall (const char *label,
              guint       n,
              double      took_ms,
              double      stall_ms)
{
  if (stall_ms < 0)
    {
      g_print ("%-34s not measured: not done within 120 s\n", label);
      not_measured = TRUE;
      return;
    }
  g_print ("%-34s %u follow-ups in %.0f ms; longest stall %6.1f ms  target %.0f ms  %s\n",
           label, n, took_ms, stall_ms, TARGET_MS, stall_ms <= TARGET_MS ? "PASS" : "FAIL");
}

/* The views Snooze All is measured with, built first. */
static const struct
{
  const char *name;
  const char *type;
  const char *title;
} other_views[] = {
  { "list", "NudgeListView", "List" },
  { "pipeline", "NudgePipelineView", "Pipeline" },
  { "calendar", "NudgeCalendarView", "Calendar" },
  { "insights", "NudgeInsightsView", "Insights" },
};

static gboolean
view_idle (GtkWidget *view)
{
  if (NUDGE_IS_LIST_VIEW (view))
    return !nudge_list_view_is_busy (NUDGE_LIST_VIEW (view));
  if (NUDGE_IS_PIPELINE_VIEW (view))
    return !nudge_pipeline_view_is_busy (NUDGE_PIPELINE_VIEW (view));
  return TRUE;
}

/* Every overdue follow-up of the book snoozed from the Overdue heading
 * (today.snooze-overdue, tomorrow morning), then back with the toast's
 * Undo: the time until the badge says so, and the main loop's longest
 * stall meanwhile and a second after; then the List and the
 * Pipeline shown again. */
static void
bench_snooze_all (GtkWidget *view)
{
  GtkWidget *button = NULL;
  double took_ms, stall_ms;
  guint n;

  if (view == NULL)
    {
      g_print ("%-34s not measured: no Today view\n", "today.snooze-overdue");
      not_measured = TRUE;
      return;
    }
  /* On a Monday morning the user has seen the other views: they are
   * built, and each follows what Snooze All changes. */
  for (guint i = 0; i < G_N_ELEMENTS (other_views); i++)
    {
      nudge_window_show_view (NUDGE_WINDOW (window), other_views[i].name);
      settle (find_by_type_name (window, other_views[i].type));
    }
  nudge_window_show_view (NUDGE_WINDOW (window), "today");
  settle (view);
  n = nudge_today_view_get_overdue_count (NUDGE_TODAY_VIEW (view));
  if (n == 0 || !gtk_widget_activate_action (view, "today.snooze-overdue", "i", (int) NUDGE_SNOOZE_TOMORROW))
    {
      g_print ("%-34s not measured: %s\n", "today.snooze-overdue", n == 0 ? "nothing overdue" : "the action is gone");
      not_measured = TRUE;
      return;
    }
  stall_ms = stall_until (nothing_overdue, view, &took_ms);
  report_stall ("today.snooze-overdue (Snooze All)", n, took_ms, stall_ms);
  if (stall_ms < 0)
    return;

  find_toast_button (window, FALSE, &button);
  if (button == NULL)
    {
      g_print ("%-34s not measured: no toast with a button\n", "undo of Snooze All");
      not_measured = TRUE;
      return;
    }
  g_signal_emit_by_name (button, "clicked");
  stall_ms = stall_until (overdue_again, view, &took_ms);
  report_stall ("undo of Snooze All (toast button)", n, took_ms, stall_ms);

  /* Back to the List and the Pipeline: they get the rows the two
   * reloads brought as they are shown. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *label = g_strdup_printf ("%s shown after Snooze All", other_views[i].title);
      GtkWidget *other = find_by_type_name (window, other_views[i].type);

      nudge_window_show_view (NUDGE_WINDOW (window), other_views[i].name);
      stall_ms = stall_until (view_idle, other, &took_ms);
      report_stall (label, n, took_ms, stall_ms);
    }
}

/* ---- Calendar ------------------------------------------------------------ */

typedef struct
{
  GtkWidget  *view;
  gint64      id;
  const char *title;
  GDate       to;
} RescheduleRun;

static gboolean
reschedule_invoke (gpointer data)
{
  RescheduleRun *run = data;
  char day[16];

  g_snprintf (day, sizeof day, "%04d-%02d-%02d", g_date_get_year (&run->to), g_date_get_month (&run->to),
              g_date_get_day (&run->to));
  return gtk_widget_activate_action (run->view, "calendar.reschedule", "(xxss)", run->id, (gint64) 0, day, "this");
}

static gboolean
day_shows (GtkWidget   *view,
           const GDate *day,
           const char  *title)
{
  g_auto(GStrv) titles = nudge_calendar_view_dup_day_titles (NUDGE_CALENDAR_VIEW (view), g_date_get_year (day),
                                                             g_date_get_month (day), g_date_get_day (day));

  return titles != NULL && g_strv_contains ((const char * const *) titles, title);
}

static gboolean
reschedule_reflected (gpointer data)
{
  RescheduleRun *run = data;

  return day_shows (run->view, &run->to, run->title);
}

static void
wait_calendar_loaded (GtkWidget *view)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  spin (opt_settle);
  while (!nudge_calendar_view_is_loaded (NUDGE_CALENDAR_VIEW (view)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

/* A one-off follow-up of the coming days, moved a day on in the month
 * grid and back, as a drop of its chip does: to the frame that shows it
 * on its new day. */
static void
bench_reschedule (GtkWidget  *view,
                  NudgeStore *store)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) coming = NULL;
  g_autoptr(GTimeZone) tz = nudge_clock_local_zone ();
  g_autofree char *title = NULL;
  gint64 now = nudge_clock_now ();
  gint64 began = g_get_monotonic_time ();
  RescheduleRun run = { view, 0, NULL };
  GDate days[2];

  if (view == NULL)
    {
      report ("reschedule (Calendar chip)", times, "no NudgeCalendarView in the window");
      return;
    }
  wait_calendar_loaded (view);
  coming = nudge_followups_list_occurrences (store, now, now + 7 * 24 * 3600, FALSE, NULL);
  for (guint i = 0; coming != NULL && i < coming->len && run.id == 0; i++)
    {
      NudgeOccurrence *o = g_ptr_array_index (coming, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (nudge_occurrence_get_due_at (o));
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
      NudgeFollowup *f = nudge_occurrence_get_followup (o);

      if (nudge_occurrence_get_recurring (o))
        continue;
      g_date_clear (days, 2);
      g_date_set_dmy (&days[0], g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                      g_date_time_get_year (local));
      days[1] = days[0];
      g_date_add_days (&days[1], 1);
      if (day_shows (view, &days[0], nudge_followup_get_title (f)) && !day_shows (view, &days[1], nudge_followup_get_title (f)))
        {
          run.id = nudge_followup_get_id (f);
          title = g_strdup (nudge_followup_get_title (f));
        }
    }
  if (run.id == 0)
    {
      report ("reschedule (Calendar chip)", times, "no one-off follow-up of the coming days in the month shown");
      return;
    }
  run.title = title;
  while (keep_going (times, began))
    {
      double ms;

      run.to = days[(times->len + 1) % 2];
      ms = measure (reschedule_invoke, &run, NULL, 0, 0, reschedule_reflected, &run);
      if (ms < 0)
        {
          report ("reschedule (Calendar chip)", times, "calendar.reschedule is gone");
          return;
        }
      g_array_append_val (times, ms);
      if (ms >= TIMEOUT_S * 1000.0)
        break;
      wait_calendar_loaded (view);
    }
  report ("reschedule (Calendar chip)", times, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time Nudge's actions from the call to the frame that shows them");
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  gboolean painted = FALSE;
  gulong paint_id;
  gint64 start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-actions: %s\n", error->message);
      return 2;
    }
  settle_ms = opt_settle;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", BENCH_SCHEMA_DIR, FALSE);
  gtk_init ();
  adw_init ();
  /* Drawn as the app draws (see nudge-renderer.c). */
  nudge_renderer_choose (gdk_display_get_default ());

  dir = g_dir_make_tmp ("nudge-bench-actions-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "nudge.db", NULL);
  if (opt_db != NULL)
    {
      if (!copy_book (opt_db, path, &error))
        {
          g_printerr ("bench-actions: cannot copy %s: %s\n", opt_db, error->message);
          return 2;
        }
      store = nudge_store_open (path, &error);
      g_assert_no_error (error);
      g_print ("Book: a copy of %s\n", opt_db);
    }
  else
    {
      NudgeDemoOptions options;

      store = nudge_store_open (path, &error);
      g_assert_no_error (error);
      nudge_demo_options_init (&options);
      options.contacts = 100000;
      options.companies = 20000;
      options.deals = 30000;
      options.activities = 300000;
      options.followups = 50000;
      start = g_get_monotonic_time ();
      if (!nudge_demo_generate (store, &options, &error))
        {
          g_printerr ("bench-actions: cannot build the book: %s\n", error->message);
          return 2;
        }
      g_print ("Book: 100k contacts, 20k companies, 30k deals, 300k activities, 50k follow-ups (built in %.1f s)\n",
               (g_get_monotonic_time () - start) / 1e6);
    }

  /* As the app does. */
  nudge_store_set_busy_timeout (store, 40);
  nudge_worker_take_checkpoints (store);

  start = g_get_monotonic_time ();
  window = GTK_WIDGET (nudge_window_new (NULL, nudge_context_new (store, NULL)));
  gtk_window_present (GTK_WINDOW (window));
  paint_id = g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (painted_cb), &painted);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (window), paint_id);
  g_print ("Window built and first frame painted in %.0f ms\n\n", (g_get_monotonic_time () - start) / 1000.0);

  /* Delete and undo first: no toast of another action is around yet. */
  /* Views are built when first shown. */
  if (wanted ("delete"))
    {
      nudge_window_show_view (NUDGE_WINDOW (window), "list");
      bench_delete_undo (find_by_type_name (window, "NudgeListView"));
    }
  if (wanted ("delete-all"))
    {
      nudge_window_show_view (NUDGE_WINDOW (window), "list");
      bench_delete_all (find_by_type_name (window, "NudgeListView"));
    }
  if (wanted ("save"))
    {
      nudge_window_show_view (NUDGE_WINDOW (window), "list");
      bench_save (find_by_type_name (window, "NudgeListView"));
    }
  if (wanted ("done"))
    bench_today (find_by_type_name (window, "NudgeTodayView"), "today.done");
  if (wanted ("snooze"))
    bench_today (find_by_type_name (window, "NudgeTodayView"), "today.snooze");
  if (wanted ("snooze-all"))
    bench_snooze_all (find_by_type_name (window, "NudgeTodayView"));
  if (wanted ("move"))
    {
      nudge_window_show_view (NUDGE_WINDOW (window), "pipeline");
      bench_move (find_by_type_name (window, "NudgePipelineView"), store);
    }
  if (wanted ("reschedule"))
    {
      nudge_window_show_view (NUDGE_WINDOW (window), "calendar");
      bench_reschedule (find_by_type_name (window, "NudgeCalendarView"), store);
    }
  if (wanted ("search"))
    bench_search (window);
  if (wanted ("filter"))
    {
      nudge_window_show_view (NUDGE_WINDOW (window), "list");
      bench_filter (find_by_type_name (window, "NudgeListView"));
    }
  if (wanted ("segment"))
    {
      nudge_window_show_view (NUDGE_WINDOW (window), "list");
      bench_segments (find_by_type_name (window, "NudgeListView"));
    }
  /* Last: it adds 20,000 contacts to the book. */
  if (wanted ("import"))
    {
      nudge_window_show_view (NUDGE_WINDOW (window), "list");
      bench_import (find_by_type_name (window, "NudgeListView"), dir);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  {
    static const char *const suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

        g_unlink (file);
      }
    g_rmdir (dir);
  }
  return not_measured ? 2 : 0;
}
