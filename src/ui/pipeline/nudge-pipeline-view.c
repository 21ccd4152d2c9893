/* nudge-pipeline-view.c — the kanban board of deals
 *
 * One column per stage of the chosen pipeline. Every column is a
 * GtkListView over one shared live list of deals, filtered to its stage
 * and sorted, so a book of thousands of open deals stays smooth: the deals
 * are read by a worker, the columns filter them a batch per main-loop
 * turn, and the totals are added up a few thousand deals per turn. Drops,
 * the "Move to…" menu and the Alt+←/→ shortcuts all go through the
 * board.move-deal action.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nudge-pipeline-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "nudge-accessible.h"
#include "nudge-clock.h"
#include "nudge-close-deal-dialog.h"
#include "nudge-currency.h"
#include "nudge-deal-card.h"
#include "nudge-format.h"
#include "nudge-head-list-model.h"
#include "nudge-next-step-dialog.h"
#include "nudge-pipeline.h"
#include "nudge-pipeline-view-private.h"
#include "nudge-record-list.h"
#include "nudge-record-window.h"
#include "nudge-required-fields-dialog.h"
#include "nudge-window.h"
#include "nudge-view-actions.h"

G_DEFINE_FINAL_TYPE (NudgePipelineView, nudge_pipeline_view, NUDGE_TYPE_VIEW)


static void
column_free (gpointer data)
{
  Column *column = data;

  /* The list view may outlive the column for a moment: detach its model
   * so the filter never runs with a freed column. */
  g_signal_handlers_disconnect_by_func (column->filtered, _nudge_pipeline_column_items_changed_cb, column->view);
  g_signal_handlers_disconnect_by_func (column->vadjustment, _nudge_pipeline_column_scrolled_cb, column);
  g_signal_handlers_disconnect_by_func (column->selection, _nudge_pipeline_column_selected_cb, column);
  g_signal_handlers_disconnect_by_data (column->drop, column);
  if (column->view->selected_column == column)
    column->view->selected_column = NULL;
  g_clear_object (&column->vadjustment);
  gtk_filter_list_model_set_model (column->filtered, NULL);
  g_clear_object (&column->stage);
  g_clear_object (&column->selection);
  g_clear_object (&column->sorted);
  g_clear_object (&column->drop);
  nudge_tooltip_clear (&column->total_tooltip);
  nudge_tooltip_clear (&column->weighted_tooltip);
  g_free (column);
}

void
_nudge_pipeline_pending_move_free (gpointer data)
{
  PendingMove *move = data;

  g_clear_object (&move->view);
  g_free (move);
}

void
_nudge_pipeline_show_error (NudgePipelineView *self,
                            const GError      *error)
{
  g_warning ("%s", error->message);
  nudge_view_show_message (GTK_WIDGET (self), error->message);
}

/* The deal selected last in a column; 0 when that column lets it go. */
void
_nudge_pipeline_set_selected_deal (NudgePipelineView *self,
                                   Column            *column,
                                   gint64             deal_id)
{
  if (deal_id == 0 && column != self->selected_column)
    return;
  self->selected_column = deal_id != 0 ? column : NULL;
  nudge_view_set_selected_deal (NUDGE_VIEW (self), deal_id);
}

Column *
_nudge_pipeline_find_column (NudgePipelineView *self,
                             gint64             stage_id)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);

      if (nudge_stage_get_id (column->stage) == stage_id)
        return column;
    }
  return NULL;
}

/* ---- signal callbacks ------------------------------------------------- */

static void
store_changes_cb (NudgePipelineView *self,
                  NudgeChangeSet    *changes,
                  NudgeStore        *store)
{
  if (nudge_change_set_touches_any (changes, NUDGE_ENTITY_BIT (NUDGE_ENTITY_STAGE) |
                                             NUDGE_ENTITY_BIT (NUDGE_ENTITY_PIPELINE)) &&
      self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (_nudge_pipeline_rebuild_cb, self);
  /* A new home currency or rate changes every figure, not the cards */
  if (nudge_change_set_touches_any (changes, NUDGE_ENTITY_BIT (NUDGE_ENTITY_CURRENCY)))
    {
      g_clear_pointer (&self->rates, nudge_rates_free);
      self->rates = nudge_rates_load (store);
      _nudge_pipeline_queue_totals (self);
    }
}

static void
pipeline_selected_cb (NudgePipelineView *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->pipeline_selector));

  if (self->updating_selector || selected >= self->pipeline_ids->len)
    return;
  self->pipeline_id = g_array_index (self->pipeline_ids, gint64, selected);
  if (self->settings)
    g_settings_set_int64 (self->settings, "default-pipeline", self->pipeline_id);
  _nudge_pipeline_rebuild_columns (self);
}

static void
search_changed_cb (NudgePipelineView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search));

  g_clear_pointer (&self->filter_text, g_free);
  if (text && *text)
    self->filter_text = g_utf8_casefold (text, -1);
  _nudge_pipeline_refilter (self);
}

/* The columns scroll up and down and would swallow Shift+wheel (and a
 * touchpad's sideways swipe) over their cards: the board takes those
 * before the columns see them and scrolls sideways. */
static gboolean
board_scroll_cb (GtkEventControllerScroll *controller,
                 double                    dx,
                 double                    dy,
                 GtkScrolledWindow        *board)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (board);
  double page = gtk_adjustment_get_page_size (hadjustment);
  double delta;

  if ((state & GDK_SHIFT_MASK) != 0 && dx == 0)
    delta = dy;
  else if (dx != 0 && ABS (dx) >= ABS (dy))
    delta = dx;
  else
    return FALSE;
  if (gtk_adjustment_get_upper (hadjustment) - gtk_adjustment_get_lower (hadjustment) <= page)
    return FALSE;

  /* The step GtkScrolledWindow uses for a wheel click */
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    delta *= pow (page, 2.0 / 3.0);
  gtk_adjustment_set_value (hadjustment, gtk_adjustment_get_value (hadjustment) + delta);
  return TRUE;
}

static void
sort_selected_cb (NudgePipelineView *self)
{
  self->sort_mode = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->sort_selector));
  gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

/* ---- overrides -------------------------------------------------------- */

static void
nudge_pipeline_view_dispose (GObject *object)
{
  NudgePipelineView *self = (NudgePipelineView *) object;
  GtkWidget *child;

  g_clear_handle_id (&self->totals_id, g_source_remove);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_handle_id (&self->grow_id, g_source_remove);
  if (self->attach_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->attach_tick);
  self->attach_tick = 0;
  g_clear_handle_id (&self->focus_id, g_source_remove);
  if (self->cards)
    g_hash_table_remove_all (self->cards);
  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_PIPELINE_VIEW);
  /* The box of the toolbar, the board and the footer is not bound */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_handle_id (&self->totals_id, g_source_remove);
  g_clear_pointer (&self->totals_all, nudge_pipeline_totals_free);
  g_clear_pointer (&self->totals_columns, g_ptr_array_unref);
  nudge_tooltip_clear (&self->summary_tooltip);
  nudge_tooltip_clear (&self->forecast_tooltip);
  g_clear_object (&self->deals);
  g_clear_object (&self->sorter);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nudge_pipeline_view_parent_class)->dispose (object);
}

static void
nudge_pipeline_view_finalize (GObject *object)
{
  NudgePipelineView *self = (NudgePipelineView *) object;

  g_clear_pointer (&self->cards, g_hash_table_unref);
  g_clear_pointer (&self->pipeline_ids, g_array_unref);
  g_clear_object (&self->pipeline_names);
  g_clear_pointer (&self->rates, nudge_rates_free);
  g_free (self->filter_text);
  g_clear_pointer (&self->move_undos, g_ptr_array_unref);

  G_OBJECT_CLASS (nudge_pipeline_view_parent_class)->finalize (object);
}

static void
nudge_pipeline_view_constructed (GObject *object)
{
  NudgePipelineView *self = (NudgePipelineView *) object;

  G_OBJECT_CLASS (nudge_pipeline_view_parent_class)->constructed (object);

  self->store = g_object_ref (nudge_view_get_store (NUDGE_VIEW (self)));
  self->rates = nudge_rates_load (self->store);
  self->deals = nudge_record_list_new (self->store, NUDGE_ENTITY_DEAL);
  /* The columns fill when the worker has read the deals */
  nudge_record_list_load_async (self->deals);
  g_signal_connect_object (self->deals, "items-changed", G_CALLBACK (_nudge_pipeline_deals_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changes", G_CALLBACK (store_changes_cb), self, G_CONNECT_SWAPPED);
  _nudge_pipeline_rebuild_columns (self);
}

/* Below this width the toggles go under the search, not beside it */
#define NARROW_WIDTH 720

/* Narrow: the search and the sort on one line, the toggles under them.
 * Wide: all on one line, the sort last. */
static void
nudge_pipeline_view_narrow_changed (NudgeView *view)
{
  NudgePipelineView *self = NUDGE_PIPELINE_VIEW (view);
  gboolean narrow = nudge_view_get_narrow (view);
  g_autoptr(GtkWidget) sort = g_object_ref (self->sort_selector);

  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (sort)), sort);
  gtk_box_append (GTK_BOX (narrow ? self->search_group : self->filter_group), sort);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->toolbar),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
}

static void
nudge_pipeline_view_class_init (NudgePipelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nudge_pipeline_view_constructed;
  object_class->dispose = nudge_pipeline_view_dispose;
  object_class->finalize = nudge_pipeline_view_finalize;

  NUDGE_VIEW_CLASS (klass)->narrow_changed = nudge_pipeline_view_narrow_changed;

  gtk_widget_class_set_css_name (widget_class, "pipelineview");

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/nudge-pipeline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgePipelineView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, NudgePipelineView, search_group);
  gtk_widget_class_bind_template_child (widget_class, NudgePipelineView, filter_group);
  gtk_widget_class_bind_template_child (widget_class, NudgePipelineView, pipeline_selector);
  gtk_widget_class_bind_template_child (widget_class, NudgePipelineView, search);
  gtk_widget_class_bind_template_child (widget_class, NudgePipelineView, rotting_only);
  gtk_widget_class_bind_template_child (widget_class, NudgePipelineView, show_on_hold);
  gtk_widget_class_bind_template_child (widget_class, NudgePipelineView, show_closed);
  gtk_widget_class_bind_template_child (widget_class, NudgePipelineView, sort_selector);
  gtk_widget_class_bind_template_child (widget_class, NudgePipelineView, columns_box);
  gtk_widget_class_bind_template_child (widget_class, NudgePipelineView, summary);
  gtk_widget_class_bind_template_child (widget_class, NudgePipelineView, forecast);
  gtk_widget_class_bind_template_callback (widget_class, pipeline_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, _nudge_pipeline_refilter);
  gtk_widget_class_bind_template_callback (widget_class, sort_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, board_scroll_cb);

  gtk_widget_class_install_action (widget_class, "board.move-deal", "(xx)", _nudge_pipeline_move_deal_action);
  gtk_widget_class_install_action (widget_class, "board.move-step", "i", _nudge_pipeline_move_step_action);
  gtk_widget_class_install_action (widget_class, "board.undo-move", NULL, _nudge_pipeline_undo_move_action);
  gtk_widget_class_install_action (widget_class, "board.card-menu", NULL, _nudge_pipeline_card_menu_action);
  gtk_widget_class_install_action (widget_class, "board.open-deal", "x", _nudge_pipeline_open_deal_action);
  gtk_widget_class_install_action (widget_class, "board.plan-next-step", "x", _nudge_pipeline_plan_next_step_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "board.move-step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "board.move-step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketleft, GDK_CONTROL_MASK, "board.move-step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketright, GDK_CONTROL_MASK, "board.move-step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "board.card-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "board.card-menu", NULL);
}

static void
nudge_pipeline_view_init (NudgePipelineView *self)
{
  nudge_view_load_styles ();

  /* Ready before the template's controls can call back */
  self->columns = g_ptr_array_new_with_free_func (column_free);
  self->pipeline_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pipeline_names = gtk_string_list_new (NULL);
  self->cards = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->sorter = GTK_SORTER (gtk_custom_sorter_new (_nudge_pipeline_sort_func, self, NULL));
  self->move_undos = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->pipeline_selector), G_LIST_MODEL (self->pipeline_names));
  /* Named here, with the button inside each drop-down */
  nudge_accessible_set_label (self->pipeline_selector, _("Pipeline"));
  nudge_accessible_set_label (self->sort_selector, _("Sort cards by"));

  nudge_view_set_narrow_width (NUDGE_VIEW (self), NARROW_WIDTH);
  self->settings = nudge_view_settings_new ("default-pipeline", "show-on-hold", NULL);
  if (self->settings)
    g_settings_bind (self->settings, "show-on-hold", self->show_on_hold, "active", G_SETTINGS_BIND_DEFAULT);
}

/* ---- public API ------------------------------------------------------- */

GListModel *
nudge_pipeline_view_get_column_model (NudgePipelineView *self,
                                      gint64             stage_id)
{
  Column *column;

  g_return_val_if_fail (NUDGE_IS_PIPELINE_VIEW (self), NULL);

  column = _nudge_pipeline_find_column (self, stage_id);
  return column ? G_LIST_MODEL (column->sorted) : NULL;
}

GtkWidget *
nudge_pipeline_view_get_card (NudgePipelineView *self,
                              gint64             deal_id)
{
  g_return_val_if_fail (NUDGE_IS_PIPELINE_VIEW (self), NULL);
  return g_hash_table_lookup (self->cards, &deal_id);
}

char *
nudge_pipeline_view_get_summary (NudgePipelineView *self)
{
  g_return_val_if_fail (NUDGE_IS_PIPELINE_VIEW (self), NULL);
  _nudge_pipeline_update_totals (self);
  return g_strdup_printf ("%s\n%s", gtk_label_get_text (GTK_LABEL (self->summary)),
                          gtk_label_get_text (GTK_LABEL (self->forecast)));
}

/**
 * nudge_pipeline_view_dup_column_total:
 * @weighted: the weighted figure instead of the total
 * @out_tooltip: (out) (optional): the breakdown shown on hover
 *
 * Returns: (nullable): the figure a column header shows, NULL for an
 *   unknown stage
 */
char *
nudge_pipeline_view_dup_column_total (NudgePipelineView  *self,
                                      gint64              stage_id,
                                      gboolean            weighted,
                                      char              **out_tooltip)
{
  Column *column;
  GtkWidget *label;

  g_return_val_if_fail (NUDGE_IS_PIPELINE_VIEW (self), NULL);

  if (!(column = _nudge_pipeline_find_column (self, stage_id)))
    return NULL;
  _nudge_pipeline_update_totals (self);
  label = weighted ? column->weighted : column->total;
  if (out_tooltip != NULL)
    *out_tooltip = g_strdup (weighted ? column->weighted_tooltip.text : column->total_tooltip.text);
  return g_strdup (gtk_label_get_text (GTK_LABEL (label)));
}

/* Whether the board shows the book as it is: the deals read, every column
 * filtered and sorted, the totals added up. */
gboolean
nudge_pipeline_view_is_busy (NudgePipelineView *self)
{
  g_return_val_if_fail (NUDGE_IS_PIPELINE_VIEW (self), FALSE);

  if (self->deals == NULL)
    return FALSE;
  if (nudge_record_list_is_loading (self->deals) || self->totals_id != 0 || self->rebuild_id != 0 ||
      self->grow_id != 0 || self->attach_tick != 0)
    return TRUE;
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);

      if (gtk_filter_list_model_get_pending (column->filtered) > 0 ||
          gtk_sort_list_model_get_pending (column->sorted) > 0)
        return TRUE;
    }
  return FALSE;
}

GtkWidget *
nudge_pipeline_view_new (NudgeContext *context)
{
  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);

  return g_object_new (NUDGE_TYPE_PIPELINE_VIEW, "context", context, NULL);
}
