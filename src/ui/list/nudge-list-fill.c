/* nudge-list-fill.c — how a table's rows reach the screen
 *
 * A table's column view gets its rows once the first ones are sorted, a
 * batch a frame; after a reload replaced every row, a table keeps its old
 * rows until the new ones are sorted, then thaws them a batch a frame
 * where it has row widgets, the rest at once; and a table at its top
 * stays there while rows change underneath.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-list-view"

#include "config.h"

#include "nudge-list-view-private.h"
#include "nudge-view.h"

/* Back to the first row. The list is asked to scroll to its first item
 * rather than its adjustment set to 0: while rows are being sorted in, a
 * list view cannot always find the row at a given scroll offset (GTK
 * warns), but it can always put an item at the top. At the top already,
 * or with no rows, there is nothing to do. */
static void
scroll_to_top (Table         *table,
               GtkWidget     *list,
               GtkAdjustment *adjustment)
{
  if (list == NULL || adjustment == NULL || gtk_adjustment_get_value (adjustment) <= 0 ||
      g_list_model_get_n_items (G_LIST_MODEL (table->filtered)) == 0)
    return;
  if (GTK_IS_COLUMN_VIEW (list))
    for (GtkWidget *child = gtk_widget_get_first_child (list); child; child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_LIST_VIEW (child))
        list = child;
  gtk_widget_activate_action (list, "list.scroll-to-item", "u", 0);
}

static gboolean
keep_top_cb (gpointer data)
{
  Table *table = data;

  table->keep_top_id = 0;
  scroll_to_top (table, GTK_WIDGET (table->column_view), table->vadjustment);
  return G_SOURCE_REMOVE;
}

/* A table looked at from its top goes back there once its rows have
 * moved underneath. */
void
_nudge_list_keep_top (Table *table)
{
  if (table->vadjustment != NULL && gtk_adjustment_get_value (table->vadjustment) == 0 &&
      table->keep_top_id == 0)
    table->keep_top_id = g_idle_add (keep_top_cb, table);
}

/* The list views get their rows once the first ones are sorted. Given
 * them unsorted, GTK 4.8's list view keeps its cursor on the row that
 * came first and follows it wherever the sort moves it: the first click
 * on the table then scrolled to that row and selected it, not the row
 * clicked. (So the table also opens on its first rows.) */
static gboolean
first_fill_done (Table *table)
{
  return !nudge_record_list_is_loading (table->records) &&
         gtk_filter_list_model_get_pending (table->filtered) == 0 &&
         gtk_sort_list_model_get_pending (table->sorted) == 0;
}

/* Rows the column view waits for (its first ones, or new ones after a
 * reload replaced them all) are loaded and sorted. */
static gboolean
rows_ready (Table *table)
{
  return (table->first_fill || nudge_head_list_model_is_frozen (table->head)) && first_fill_done (table);
}

/* GTK 4.8 builds up to two hundred rows of a list view, all in the frame
 * after the view gets its model: a table's first rows come a few frames'
 * worth at a time, each batch once the previous one is painted (forty
 * rows, their cells made, measured and shaped, took 60-70 ms on the
 * 100k book; twenty, about 40). */
#define ROWS_PER_FRAME 20
#define ROWS_BUILT 200
/* New rows after a refilter or a reload replace the old ones where they
 * are (nudge_head_list_model_thaw()) and keep their widgets, which the
 * table binds again (nudge-slot-selection.c): cheaper than building or
 * moving rows, but a batch still costs part of a frame. */
#define ROWS_THAWED_PER_FRAME 20

static void
stop_growing (Table *table)
{
  nudge_clear_clock_handler (&table->grow_clock, &table->grow_id);
  nudge_head_list_model_set_size (table->head, G_MAXUINT);
}

/* The scrollbar of what the table shows now: the table or the narrow list. */
static GtkAdjustment *
shown_adjustment (Table *table)
{
  if (table->modes != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (table->modes), "narrow") == 0)
    return table->narrow_vadjustment;
  return table->vadjustment;
}

/* The positions of the rows GTK 4.8 has widgets for, around the first
 * one the table shows (up to ROWS_BUILT of them, more after than
 * before; the list taken to be as tall as its rows, evenly). */
static void
built_rows (Table *table,
            guint *lo,
            guint *hi)
{
  GtkAdjustment *adjustment = shown_adjustment (table);
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (table->head));
  double upper = adjustment != NULL ? gtk_adjustment_get_upper (adjustment) : 0;
  guint first = upper > 0 ? (guint) (gtk_adjustment_get_value (adjustment) / upper * n_shown) : 0;

  *lo = first > ROWS_BUILT ? first - ROWS_BUILT : 0;
  *hi = first + ROWS_BUILT;
}

/* One step of giving a frozen table its rows back. A table frozen at its
 * top gets them a batch a frame from there. A table held where it was
 * scrolled to (5,000 rows down, or one) gets them in place: the rows
 * before those with widgets at once (replaced where they are, they
 * change nothing on screen), the rows with widgets a batch a frame (each
 * row there is bound again), the rest at once. Not held, every range the
 * sort replaced that reached the rows shown rebuilt them all: 35 stalls
 * of 50 ms after Snooze All on the 100k book. */
static gboolean
thaw_step (Table *table)
{
  guint lo, hi, thawed, step;

  if (!table->held)
    return nudge_head_list_model_thaw (table->head, ROWS_THAWED_PER_FRAME, ROWS_BUILT);

  built_rows (table, &lo, &hi);
  thawed = nudge_head_list_model_get_thawed (table->head);
  if (thawed < lo)
    step = lo - thawed;
  else if (thawed < hi)
    step = MIN (ROWS_THAWED_PER_FRAME, hi - thawed);
  else
    step = G_MAXUINT / 4;
  return nudge_head_list_model_thaw (table->head, step, G_MAXUINT);
}

/* A batch a frame: the first rows while the table fills, or the rows
 * of a frozen table given back after a reload replaced them all. */
static void
grow_rows_cb (GdkFrameClock *clock,
              Table         *table)
{
  guint size = nudge_head_list_model_get_size (table->head);

  if (nudge_head_list_model_is_frozen (table->head))
    {
      if (thaw_step (table))
        stop_growing (table);
      else
        /* Rows replaced by the same records change nothing on screen:
         * the next batch still wants a frame. */
        gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
    }
  else if (size >= ROWS_BUILT || size >= g_list_model_get_n_items (G_LIST_MODEL (table->sorted)))
    stop_growing (table);
  else
    nudge_head_list_model_set_size (table->head, size + ROWS_PER_FRAME);
}

static void
start_growing (Table         *table,
               GdkFrameClock *clock)
{
  table->grow_clock = g_object_ref (clock);
  table->grow_id = g_signal_connect (clock, "after-paint", G_CALLBACK (grow_rows_cb), table);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

/* The rows of a frozen table come back once the new ones are sorted,
 * and once it is on show (_nudge_list_table_map_cb): a batch a frame, or all at
 * once without a frame clock. The clock is the stack's, whichever of
 * the table and the narrow list is shown. */
static void
thaw_rows (Table *table)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (table->modes));

  if (!gtk_widget_get_mapped (GTK_WIDGET (table->modes)))
    return;
  if (clock == NULL)
    nudge_head_list_model_thaw (table->head, 0, 0);
  else if (!thaw_step (table) && table->grow_id == 0)
    start_growing (table, clock);
}

static gboolean
end_first_fill_cb (gpointer data)
{
  Table *table = data;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (table->column_view));

  table->end_fill_id = 0;
  if (nudge_head_list_model_is_frozen (table->head))
    {
      if (first_fill_done (table))
        thaw_rows (table);
      return G_SOURCE_REMOVE;
    }
  /* A table out of sight gets its rows when it is shown. */
  if (!table->first_fill || !first_fill_done (table) ||
      !gtk_widget_get_mapped (GTK_WIDGET (table->modes)))
    return G_SOURCE_REMOVE;
  table->first_fill = FALSE;
  if (gtk_column_view_get_model (table->column_view) != NULL)
    return G_SOURCE_REMOVE;
  if (clock != NULL && g_list_model_get_n_items (G_LIST_MODEL (table->sorted)) > ROWS_PER_FRAME)
    {
      nudge_head_list_model_set_size (table->head, ROWS_PER_FRAME);
      start_growing (table, clock);
    }
  gtk_column_view_set_model (table->column_view, GTK_SELECTION_MODEL (table->slots));
  _nudge_list_show_table_mode (table, g_strcmp0 (gtk_stack_get_visible_child_name (table->modes), "narrow") == 0);
  return G_SOURCE_REMOVE;
}

/* Not from within the models' own signals: the sort model says it is
 * done before it tells the last rows it moved. */
static void
end_first_fill (Table *table)
{
  if (table->end_fill_id == 0)
    table->end_fill_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, end_first_fill_cb, table, NULL);
}

/* A whole book is sorted over several frames (incrementally); one row
 * that comes or changes is sorted in at once, for the frame that shows
 * the change: an incremental sort would merge it in over many turns of
 * the main loop. So the sort is incremental only while the rows load or
 * the order changes. */
void
_nudge_list_sort_pending_cb (GtkSortListModel *sorted,
                             GParamSpec       *pspec,
                             Table            *table)
{
  if (gtk_sort_list_model_get_pending (sorted) == 0 && !nudge_record_list_is_loading (table->records))
    gtk_sort_list_model_set_incremental (sorted, FALSE);
  if (rows_ready (table))
    end_first_fill (table);
}

/* A refilter runs incrementally (_nudge_list_refilter()); one row that
 * comes or changes is filtered at once, as it is sorted. */
void
_nudge_list_filter_pending_cb (GtkFilterListModel *filtered,
                               GParamSpec         *pspec,
                               Table              *table)
{
  if (gtk_filter_list_model_get_pending (filtered) == 0)
    gtk_filter_list_model_set_incremental (filtered, FALSE);
  if (rows_ready (table))
    end_first_fill (table);
}

void
_nudge_list_sorter_changed_cb (GtkSorter       *sorter,
                               GtkSorterChange  change,
                               Table           *table)
{
  if (table->sorted != NULL)
    gtk_sort_list_model_set_incremental (table->sorted, TRUE);
  _nudge_list_sort_changed (table);
}

/* A book with no rows of this kind has nothing to sort. */
void
_nudge_list_records_loading_cb (NudgeRecordList *records,
                                GParamSpec      *pspec,
                                Table           *table)
{
  /* A reload's rows (20,000 imported contacts) are filtered in over
   * several turns too. */
  if (nudge_record_list_is_loading (records))
    {
      gtk_filter_list_model_set_incremental (table->filtered, TRUE);
      gtk_sort_list_model_set_incremental (table->sorted, TRUE);
    }
  else
    {
      _nudge_list_filter_pending_cb (table->filtered, NULL, table);
      _nudge_list_sort_pending_cb (table->sorted, NULL, table);
    }
  if (rows_ready (table))
    end_first_fill (table);
}

/* A row that comes first in a table looked at from its top (a deal
 * added by another program, sorted in after a reload): GTK 4.8's list
 * view keeps showing the row that was first, so the new one would sit
 * just above the top, out of sight. The table goes to its top again
 * once the row has reached it. */
void
_nudge_list_head_changed_cb (GListModel *head,
                             guint       position,
                             guint       removed,
                             guint       added,
                             Table      *table)
{
  if (position == 0 && added > 0 && gtk_column_view_get_model (table->column_view) != NULL)
    _nudge_list_keep_top (table);
}

/* A reload is about to replace every row of a table (the daily
 * rescoring, Snooze All moving the next follow-up of thousands of
 * contacts): the table keeps its rows as they are until the new ones are
 * sorted, then gets them back in steps (thaw_step()). A table looked at
 * from its top keeps its first rows only and stays at the top; a table
 * scrolled down keeps them all, so it stays where it was. */
void
_nudge_list_records_replacing_cb (NudgeRecordList *records,
                                  Table           *table)
{
  GtkAdjustment *adjustment = shown_adjustment (table);

  if (table->first_fill || table->grow_id != 0 || adjustment == NULL ||
      nudge_head_list_model_is_frozen (table->head))
    return;
  table->held = gtk_adjustment_get_value (adjustment) > 0;
  if (table->held)
    {
      guint lo, hi;

      built_rows (table, &lo, &hi);
      nudge_head_list_model_freeze_window (table->head, lo, hi - lo);
    }
  else
    nudge_head_list_model_freeze (table->head, ROWS_BUILT);
}

/* Another filter (a segment chosen in the sidebar, a letter typed into
 * the search) puts other rows in a table: filtered, sorted, built,
 * measured and shaped at once, 200 new rows of a big book's table took
 * 150-550 ms. A table keeps its first rows
 * until the new ones are filtered and sorted, then gets them a batch a
 * frame, as after a reload, from its top, in the widgets of the old
 * rows. */
void
_nudge_list_refilter (Table           *table,
                      GtkFilterChange  change)
{
  /* A table out of sight too: GTK 4.8 builds the rows of a list view
   * that is not shown, and the search filters all three tables. Its new
   * rows come when it is shown (_nudge_list_table_map_cb()). */
  gboolean batched = !table->first_fill && table->grow_id == 0 &&
                     gtk_column_view_get_model (table->column_view) != NULL;

  if (batched)
    {
      scroll_to_top (table, GTK_WIDGET (table->column_view), table->vadjustment);
      if (!nudge_head_list_model_is_frozen (table->head))
        table->held = FALSE;
      nudge_head_list_model_freeze (table->head, ROWS_BUILT);
      /* Filtering and sorting 30,000 rows back in take 100 ms and more:
       * over several turns of the main loop (see
       * _nudge_list_filter_pending_cb() and _nudge_list_sort_pending_cb()). */
      gtk_filter_list_model_set_incremental (table->filtered, TRUE);
      gtk_sort_list_model_set_incremental (table->sorted, TRUE);
    }
  gtk_filter_changed (GTK_FILTER (table->filter), change);
  /* Nothing to filter or sort again: the models go back to taking a
   * row that comes or changes at once (their pending never changes). */
  if (gtk_filter_list_model_get_pending (table->filtered) == 0)
    gtk_filter_list_model_set_incremental (table->filtered, FALSE);
  _nudge_list_sort_pending_cb (table->sorted, NULL, table);
  if (batched && rows_ready (table))
    end_first_fill (table);
}

/* A table out of sight gets the last search, its first rows, or its new
 * ones after a reload replaced them, when it is shown. */
void
_nudge_list_table_map_cb (GtkWidget *modes,
                          Table     *table)
{
  _nudge_list_search_if_stale (table);
  if (rows_ready (table))
    end_first_fill (table);
}
