/* nudge-pipeline-columns.c — a stage's column and its cards: the list,
 * drag and drop, growing as it scrolls, and building the columns of a
 * pipeline
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

/* ---- cards ------------------------------------------------------------ */

static GMenuModel *
build_card_menu (NudgeDeal *deal,
                 gpointer   user_data)
{
  NudgePipelineView *self = user_data;
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) stages = g_menu_new ();
  g_autoptr(GMenu) closing = g_menu_new ();
  g_autoptr(GMenu) move_to = g_menu_new ();
  g_autoptr(GMenuItem) open = NULL;

  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);
      gint64 stage_id = nudge_stage_get_id (column->stage);
      g_autoptr(GMenuItem) item = NULL;

      if (stage_id == nudge_deal_get_stage_id (deal))
        continue;
      item = g_menu_item_new (nudge_stage_get_name (column->stage), NULL);
      g_menu_item_set_action_and_target_value (item, "board.move-deal",
                                               g_variant_new ("(xx)", nudge_deal_get_id (deal), stage_id));
      g_menu_append_item (column->closing ? closing : stages, item);
    }
  g_menu_append_section (move_to, NULL, G_MENU_MODEL (stages));
  g_menu_append_section (move_to, NULL, G_MENU_MODEL (closing));
  g_menu_append_submenu (menu, _("Move to…"), G_MENU_MODEL (move_to));

  if (nudge_deal_get_status (deal) == NUDGE_DEAL_OPEN)
    {
      g_autoptr(GMenuItem) plan = g_menu_item_new (_("Plan _Next Step…"), NULL);

      g_menu_item_set_action_and_target_value (plan, "board.plan-next-step",
                                               g_variant_new_int64 (nudge_deal_get_id (deal)));
      g_menu_append_item (menu, plan);
    }
  open = g_menu_item_new (_("_Open"), NULL);
  g_menu_item_set_action_and_target_value (open, "board.open-deal", g_variant_new_int64 (nudge_deal_get_id (deal)));
  g_menu_append_item (menu, open);
  return G_MENU_MODEL (menu);
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 NudgeDealCard *card)
{
  NudgeDeal *deal = nudge_deal_card_get_deal (card);

  if (deal == NULL)
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_INT64, nudge_deal_get_id (deal));
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               NudgeDealCard *card)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (card));

  gtk_drag_source_set_icon (source, paintable, 20, 20);
}

static void
setup_card_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               NudgePipelineView        *self)
{
  GtkWidget *card = nudge_deal_card_new (build_card_menu, self);
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), card);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), card);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (source));
  gtk_list_item_set_child (item, card);
}

void
_nudge_pipeline_column_selected_cb (GtkSingleSelection *selection,
                                    GParamSpec         *pspec,
                                    Column             *column)
{
  NudgeDeal *deal = gtk_single_selection_get_selected_item (selection);

  _nudge_pipeline_set_selected_deal (column->view, column, deal != NULL ? nudge_deal_get_id (deal) : 0);
}

static void
bind_card_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              NudgePipelineView        *self)
{
  NudgeDeal *deal = gtk_list_item_get_item (item);
  GtkWidget *card = gtk_list_item_get_child (item);
  gint64 *key = g_new (gint64, 1);

  nudge_deal_card_set_deal (NUDGE_DEAL_CARD (card), deal, nudge_clock_now ());
  /* The list's row takes the focus: it reads as its card (GTK 4.8 has no
   * gtk_list_item_set_accessible_label()). */
  if (gtk_widget_get_parent (card) != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (gtk_widget_get_parent (card)),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, card, NULL, -1);
  *key = nudge_deal_get_id (deal);
  g_hash_table_replace (self->cards, key, card);
  if (self->focus_deal == *key && self->focus_id == 0)
    self->focus_id = g_idle_add_full (UPDATE_PRIORITY, _nudge_pipeline_focus_card_cb, self, NULL);
}

static void
unbind_card_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                NudgePipelineView        *self)
{
  GtkWidget *card = gtk_list_item_get_child (item);
  NudgeDeal *deal = nudge_deal_card_get_deal (NUDGE_DEAL_CARD (card));

  if (deal != NULL)
    {
      gint64 id = nudge_deal_get_id (deal);

      if (g_hash_table_lookup (self->cards, &id) == card)
        g_hash_table_remove (self->cards, &id);
    }
  nudge_deal_card_set_deal (NUDGE_DEAL_CARD (card), NULL, 0);
}

static void
list_activate_cb (GtkListView *list,
                  guint        position,
                  Column      *column)
{
  g_autoptr(NudgeDeal) deal = g_list_model_get_item (G_LIST_MODEL (column->sorted), position);

  if (deal)
    gtk_widget_activate_action (GTK_WIDGET (column->view), "board.open-deal", "x", nudge_deal_get_id (deal));
}

/* ---- columns ---------------------------------------------------------- */

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         Column        *column)
{
  gtk_widget_remove_css_class (column->box, "drop-target");
  if (!G_VALUE_HOLDS_INT64 (value))
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (column->view), "board.move-deal", "(xx)",
                              g_value_get_int64 (value), nudge_stage_get_id (column->stage));
  return TRUE;
}

static GdkDragAction
drop_enter_cb (GtkDropTarget *target,
               double         x,
               double         y,
               Column        *column)
{
  gtk_widget_add_css_class (column->box, "drop-target");
  return GDK_ACTION_MOVE;
}

static void
drop_leave_cb (GtkDropTarget *target,
               Column        *column)
{
  gtk_widget_remove_css_class (column->box, "drop-target");
}

/* A column shows its cards once its first filtering is done: binding and
 * laying out cards for each batch of a big book would cost a frame each.
 * One column per frame, so a frame lays out only one column's cards. */
static gboolean
attach_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  NudgePipelineView *self = NUDGE_PIPELINE_VIEW (widget);

  if (self->deals != NULL && self->columns != NULL && !nudge_record_list_is_loading (self->deals))
    for (guint i = 0; i < self->columns->len; i++)
      {
        Column *column = g_ptr_array_index (self->columns, i);

        if (gtk_list_view_get_model (GTK_LIST_VIEW (column->list)) == NULL &&
            gtk_filter_list_model_get_pending (column->filtered) == 0)
          {
            gtk_list_view_set_model (GTK_LIST_VIEW (column->list), GTK_SELECTION_MODEL (column->selection));
            return G_SOURCE_CONTINUE;
          }
      }
  self->attach_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
attach_filled_columns (NudgePipelineView *self)
{
  if (self->attach_tick == 0)
    self->attach_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), attach_tick_cb, NULL, NULL);
}

/* Shows the columns that are filtered, and a few more cards in the
 * columns scrolled near their last card: in one column a turn of the
 * main loop, as GTK 4.8 builds the new cards at once (ten cards in each
 * of seven columns, built and measured together, took 40–60 ms on the
 * 100k book's board as it opened). */
static gboolean
grow_cb (gpointer data)
{
  NudgePipelineView *self = data;
  gboolean grown = FALSE;

  self->grow_id = 0;
  if (self->detach)
    {
      self->detach = FALSE;
      for (guint i = 0; i < self->columns->len; i++)
        {
          Column *column = g_ptr_array_index (self->columns, i);

          if (gtk_filter_list_model_get_pending (column->filtered) == 0)
            continue;
          gtk_list_view_set_model (GTK_LIST_VIEW (column->list), NULL);
          nudge_head_list_model_set_size (column->shown, CARDS_STEP);
        }
    }
  attach_filled_columns (self);
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);
      guint size = nudge_head_list_model_get_size (column->shown);

      if (!column->want_more)
        continue;
      if (grown)
        {
          _nudge_pipeline_queue_grow (self);
          break;
        }
      if (size < g_list_model_get_n_items (G_LIST_MODEL (column->sorted)))
        {
          nudge_head_list_model_set_size (column->shown, size + CARDS_STEP);
          grown = TRUE;
        }
      column->want_more = FALSE;
    }
  return G_SOURCE_REMOVE;
}

void
_nudge_pipeline_column_scrolled_cb (GtkAdjustment *adjustment,
                                    Column        *column)
{
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);

  /* Less than a screenful below: the next cards are added (not from
   * here, the list may be laying itself out) */
  if (value + 2 * page >= gtk_adjustment_get_upper (adjustment) &&
      nudge_head_list_model_get_size (column->shown) < g_list_model_get_n_items (G_LIST_MODEL (column->sorted)))
    {
      column->want_more = TRUE;
      _nudge_pipeline_queue_grow (column->view);
    }
}

void
_nudge_pipeline_queue_grow (NudgePipelineView *self)
{
  if (self->grow_id == 0 && self->columns != NULL)
    self->grow_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, grow_cb, self, NULL);
}

/* A reload of the whole list (another program wrote) empties the columns
 * and fills them again batch by batch: their cards are unbound meanwhile
 * and shown again, one column per frame, when the columns are filtered. */
/* A load or a search refilters thousands of deals, a batch per main-loop
 * turn; a few changed deals (a move, an edit) are placed at once, before
 * the next frame. Runs before the columns' filters hear of the change. */
void
_nudge_pipeline_filter_incrementally (NudgePipelineView *self,
                                      gboolean           incremental)
{
  for (guint i = 0; self->columns != NULL && i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);

      /* Turning it off while a batch is pending would finish it now. */
      if (incremental || gtk_filter_list_model_get_pending (column->filtered) == 0)
        gtk_filter_list_model_set_incremental (column->filtered, incremental);
    }
}

void
_nudge_pipeline_deals_changed_cb (NudgePipelineView *self,
                                  guint              position,
                                  guint              removed,
                                  guint              added)
{
  _nudge_pipeline_filter_incrementally (self, added > FILTER_AT_ONCE);
  if (removed > CARDS_STEP * 8)
    self->detach = TRUE;
  _nudge_pipeline_queue_grow (self);
}

void
_nudge_pipeline_column_pending_cb (NudgePipelineView *self)
{
  _nudge_pipeline_queue_grow (self);
  if (self->columns != NULL && !_nudge_pipeline_columns_filtering (self))
    {
      for (guint i = 0; i < self->columns->len; i++)
        _nudge_pipeline_show_column_count (g_ptr_array_index (self->columns, i));
      _nudge_pipeline_queue_totals (self);
    }
}

void
_nudge_pipeline_column_items_changed_cb (GListModel        *model,
                                         guint              position,
                                         guint              removed,
                                         guint              added,
                                         NudgePipelineView *self)
{
  Column *column = NULL;

  /* The count follows at once, the amounts a few turns later */
  for (guint i = 0; i < self->columns->len && column == NULL; i++)
    if (((Column *) g_ptr_array_index (self->columns, i))->filtered == (GtkFilterListModel *) model)
      column = g_ptr_array_index (self->columns, i);
  if (column != NULL)
    _nudge_pipeline_show_column_count (column);
  _nudge_pipeline_queue_totals (self);
  _nudge_pipeline_queue_grow (self);
  if (self->focus_stage > 0 && added > 0)
    _nudge_pipeline_focus_deal (self, self->focus_deal, self->focus_stage);
}

static Column *
create_column (NudgePipelineView *self,
               NudgeStage        *stage)
{
  Column *column = g_new0 (Column, 1);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title;
  GtkWidget *scroller;
  GtkWidget *overlay;
  GtkCustomFilter *filter;
  GtkListItemFactory *factory;
  g_autofree char *probability = NULL;

  column->view = self;
  column->stage = g_object_ref (stage);
  column->closing = !g_str_equal (nudge_stage_get_kind (stage), "open");

  column->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (column->box, "pipeline-column");
  if (column->closing)
    gtk_widget_add_css_class (column->box, "closing");
  gtk_widget_set_size_request (column->box, column->closing ? 200 : 280, -1);

  title = gtk_label_new (nudge_stage_get_name (stage));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  column->count = gtk_label_new ("0");
  gtk_widget_add_css_class (column->count, "stage-count");
  gtk_widget_add_css_class (column->count, "numeric");
  gtk_box_append (GTK_BOX (title_row), title);
  if (!column->closing)
    {
      probability = nudge_format_percent (nudge_stage_get_probability (stage));
      GtkWidget *p = gtk_label_new (probability);
      gtk_widget_add_css_class (p, "dim-label");
      gtk_widget_add_css_class (p, "caption");
      gtk_widget_set_tooltip_text (p, _("Probability of winning from this stage"));
      gtk_box_append (GTK_BOX (title_row), p);
    }
  gtk_box_append (GTK_BOX (title_row), column->count);
  gtk_box_append (GTK_BOX (header), title_row);

  column->total = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (column->total), 0);
  /* One figure; the tooltip has the breakdown should it not fit */
  gtk_label_set_ellipsize (GTK_LABEL (column->total), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (column->total, "numeric");
  gtk_box_append (GTK_BOX (header), column->total);
  column->weighted = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (column->weighted), 0);
  gtk_label_set_ellipsize (GTK_LABEL (column->weighted), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (column->weighted, "dim-label");
  gtk_widget_add_css_class (column->weighted, "caption");
  gtk_widget_set_visible (column->weighted, !column->closing);
  gtk_box_append (GTK_BOX (header), column->weighted);
  gtk_widget_add_css_class (header, "column-header");
  gtk_box_append (GTK_BOX (column->box), header);

  filter = gtk_custom_filter_new (_nudge_pipeline_column_filter_func, column, NULL);
  column->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->deals)), GTK_FILTER (filter));
  /* Thousands of deals are filtered a batch per main-loop turn */
  gtk_filter_list_model_set_incremental (column->filtered, TRUE);
  g_signal_connect_object (column->filtered, "notify::pending", G_CALLBACK (_nudge_pipeline_column_pending_cb), self,
                           G_CONNECT_SWAPPED);
  column->sorted = gtk_sort_list_model_new (G_LIST_MODEL (column->filtered), g_object_ref (self->sorter));
  column->shown = nudge_head_list_model_new (G_LIST_MODEL (column->sorted), CARDS_STEP);
  column->selection = gtk_single_selection_new (G_LIST_MODEL (column->shown));
  gtk_single_selection_set_autoselect (column->selection, FALSE);
  gtk_single_selection_set_can_unselect (column->selection, TRUE);
  g_signal_connect (column->selection, "notify::selected-item", G_CALLBACK (_nudge_pipeline_column_selected_cb), column);
  g_signal_connect_object (column->filtered, "items-changed", G_CALLBACK (_nudge_pipeline_column_items_changed_cb), self, 0);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_card_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_card_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_card_cb), self, 0);
  /* The cards are bound when the column has filtered the whole book
   * (attach_filled_columns), not for every batch on the way there. */
  column->list = gtk_list_view_new (NULL, factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (column->list), FALSE);
  gtk_widget_add_css_class (column->list, "pipeline-list");
  g_signal_connect (column->list, "activate", G_CALLBACK (list_activate_cb), column);
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  nudge_stage_get_name (stage), -1);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), column->list);
  column->vadjustment = g_object_ref (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)));
  g_signal_connect (column->vadjustment, "value-changed", G_CALLBACK (_nudge_pipeline_column_scrolled_cb), column);
  g_signal_connect (column->vadjustment, "changed", G_CALLBACK (_nudge_pipeline_column_scrolled_cb), column);
  gtk_widget_set_vexpand (scroller, TRUE);

  column->placeholder = gtk_label_new (column->closing ? _("Drop a deal here to close it")
                                                       : _("No deals"));
  gtk_widget_add_css_class (column->placeholder, "dim-label");
  /* Within the column in every language: "Přetažením sem obchod uzavřete" */
  gtk_label_set_wrap (GTK_LABEL (column->placeholder), TRUE);
  gtk_label_set_justify (GTK_LABEL (column->placeholder), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_start (column->placeholder, 12);
  gtk_widget_set_margin_end (column->placeholder, 12);
  gtk_widget_set_valign (column->placeholder, GTK_ALIGN_START);
  gtk_widget_set_margin_top (column->placeholder, 24);
  gtk_widget_set_can_target (column->placeholder, FALSE);
  overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (overlay), scroller);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), column->placeholder);
  gtk_box_append (GTK_BOX (column->box), overlay);

  column->drop = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  g_signal_connect (column->drop, "drop", G_CALLBACK (drop_cb), column);
  g_signal_connect (column->drop, "enter", G_CALLBACK (drop_enter_cb), column);
  g_signal_connect (column->drop, "leave", G_CALLBACK (drop_leave_cb), column);
  gtk_widget_add_controller (column->box, GTK_EVENT_CONTROLLER (g_object_ref (column->drop)));

  return column;
}

static void
load_pipelines (NudgePipelineView *self)
{
  g_autoptr(GPtrArray) pipelines = NULL;
  g_autoptr(GError) error = NULL;
  gint64 wanted = self->pipeline_id;
  guint selected = 0;
  guint n_old;

  if (wanted <= 0 && self->settings)
    wanted = g_settings_get_int64 (self->settings, "default-pipeline");

  if (!(pipelines = nudge_store_list_pipelines (self->store, &error)))
    {
      g_warning ("Could not list the pipelines: %s", error->message);
      return;
    }

  self->updating_selector = TRUE;
  g_array_set_size (self->pipeline_ids, 0);
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->pipeline_names));
  {
    g_autoptr(GPtrArray) names = g_ptr_array_new ();

    for (guint i = 0; i < pipelines->len; i++)
      {
        GObject *pipeline = g_ptr_array_index (pipelines, i);
        gint64 id = 0;
        char *name = NULL;

        g_object_get (pipeline, "id", &id, "name", &name, NULL);
        g_array_append_val (self->pipeline_ids, id);
        g_ptr_array_add (names, name);
        if (id == wanted)
          selected = i;
      }
    g_ptr_array_add (names, NULL);
    gtk_string_list_splice (self->pipeline_names, 0, n_old, (const char * const *) names->pdata);
    for (guint i = 0; i + 1 < names->len; i++)
      g_free (names->pdata[i]);
  }
  if (self->pipeline_ids->len > 0)
    {
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->pipeline_selector), selected);
      self->pipeline_id = g_array_index (self->pipeline_ids, gint64, selected);
    }
  gtk_widget_set_visible (self->pipeline_selector, self->pipeline_ids->len > 1);
  self->updating_selector = FALSE;
}

/* Whether the columns already are these stages (another program's write
 * announces every table as changed: the board then stays as it is). */
static gboolean
same_stages (NudgePipelineView *self,
             GPtrArray         *stages)
{
  if (stages == NULL || stages->len != self->columns->len || stages->len == 0)
    return FALSE;
  for (guint i = 0; i < stages->len; i++)
    {
      NudgeStage *stage = g_ptr_array_index (stages, i);
      NudgeStage *shown = ((Column *) g_ptr_array_index (self->columns, i))->stage;

      if (nudge_stage_get_id (stage) != nudge_stage_get_id (shown) ||
          nudge_stage_get_probability (stage) != nudge_stage_get_probability (shown) ||
          g_strcmp0 (nudge_stage_get_name (stage), nudge_stage_get_name (shown)) != 0 ||
          g_strcmp0 (nudge_stage_get_kind (stage), nudge_stage_get_kind (shown)) != 0)
        return FALSE;
    }
  return TRUE;
}

void
_nudge_pipeline_rebuild_columns (NudgePipelineView *self)
{
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  load_pipelines (self);

  if (self->pipeline_id > 0 &&
      !(stages = nudge_store_list_stages (self->store, self->pipeline_id, &error)))
    {
      g_warning ("Could not list the stages: %s", error->message);
      return;
    }
  if (same_stages (self, stages))
    {
      for (guint i = 0; i < stages->len; i++)
        g_set_object (&((Column *) g_ptr_array_index (self->columns, i))->stage, g_ptr_array_index (stages, i));
      return;
    }

  g_hash_table_remove_all (self->cards);
  while ((child = gtk_widget_get_first_child (self->columns_box)))
    gtk_box_remove (GTK_BOX (self->columns_box), child);
  g_ptr_array_set_size (self->columns, 0);
  _nudge_pipeline_restart_totals (self);

  if (stages == NULL)
    return;
  for (guint i = 0; i < stages->len; i++)
    {
      Column *column = create_column (self, g_ptr_array_index (stages, i));

      g_ptr_array_add (self->columns, column);
      gtk_box_append (GTK_BOX (self->columns_box), column->box);
      _nudge_pipeline_show_column_count (column);
    }
  _nudge_pipeline_queue_grow (self);
  _nudge_pipeline_queue_totals (self);
}

gboolean
_nudge_pipeline_rebuild_cb (gpointer data)
{
  NudgePipelineView *self = data;

  self->rebuild_id = 0;
  _nudge_pipeline_rebuild_columns (self);
  return G_SOURCE_REMOVE;
}
