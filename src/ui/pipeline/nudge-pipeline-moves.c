/* nudge-pipeline-moves.c — moving a deal on the board (the asking and
 * writing in nudge-deal-mover.c): undo, and the focus after the move
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-pipeline-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "nudge-accessible.h"
#include "nudge-clock.h"
#include "nudge-currency.h"
#include "nudge-deal-card.h"
#include "nudge-deal-move.h"
#include "nudge-deal-mover.h"
#include "nudge-format.h"
#include "nudge-head-list-model.h"
#include "nudge-next-step-dialog.h"
#include "nudge-pipeline.h"
#include "nudge-pipeline-view-private.h"
#include "nudge-record-list.h"
#include "nudge-record-window.h"
#include "nudge-window.h"
#include "nudge-view-actions.h"

/* ---- focus after a move ----------------------------------------------- */

gboolean
_nudge_pipeline_focus_card_cb (gpointer data)
{
  NudgePipelineView *self = data;
  GtkWidget *card;

  self->focus_id = 0;
  card = g_hash_table_lookup (self->cards, &self->focus_deal);
  if (card && gtk_widget_get_parent (card) && gtk_widget_get_mapped (card))
    {
      gtk_widget_grab_focus (gtk_widget_get_parent (card));
      self->focus_deal = 0;
    }
  /* Otherwise the row is not bound yet: binding it calls back here. */
  return G_SOURCE_REMOVE;
}

void
_nudge_pipeline_focus_deal (NudgePipelineView *self,
                            gint64             deal_id,
                            gint64             stage_id)
{
  Column *column = _nudge_pipeline_find_column (self, stage_id);
  GListModel *model;
  guint n;

  self->focus_stage = 0;
  if (column == NULL)
    return;
  model = G_LIST_MODEL (column->sorted);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NudgeDeal) deal = g_list_model_get_item (model, i);

      if (nudge_deal_get_id (deal) == deal_id)
        {
          if (nudge_head_list_model_get_size (column->shown) <= i)
            nudge_head_list_model_set_size (column->shown, i + CARDS_STEP);
          gtk_single_selection_set_selected (column->selection, i);
          gtk_widget_activate_action (column->list, "list.scroll-to-item", "u", i);
          self->focus_deal = deal_id;
          if (self->focus_id == 0)
            self->focus_id = g_idle_add_full (UPDATE_PRIORITY, _nudge_pipeline_focus_card_cb, self, NULL);
          return;
        }
    }
  /* The store tells the lists after the commit: try again when the
   * column changes. */
  self->focus_deal = deal_id;
  self->focus_stage = stage_id;
}

/* ---- moving ----------------------------------------------------------- */

/* What a move's toast undoes: its own move, whichever toast is on screen
 * when its Undo is pressed. The toast owns it; the board lists it while
 * the move can still be taken back, for board.undo-move. */
typedef struct
{
  NudgePipelineView *view;    /* weak */
  AdwToast          *toast;   /* weak */
  NudgeDealMove     *move;
} MoveUndo;

static void
move_undo_free (gpointer data)
{
  MoveUndo *undo = data;

  if (undo->view != NULL)
    g_ptr_array_remove (undo->view->move_undos, undo);
  g_clear_weak_pointer (&undo->view);
  g_clear_weak_pointer (&undo->toast);
  nudge_deal_move_unref (undo->move);
  g_free (undo);
}

static void
undo_move (NudgePipelineView *self,
           MoveUndo          *undo)
{
  g_autoptr(GError) error = NULL;

  g_ptr_array_remove (self->move_undos, undo);
  /* Undone already, by the other way (the toast, board.undo-move). */
  if (nudge_deal_move_is_undone (undo->move))
    return;
  if (!nudge_deal_move_undo (self->store, undo->move, &error))
    {
      nudge_view_show_undo_error (GTK_WIDGET (self), error);
      return;
    }
  _nudge_pipeline_focus_deal (self, nudge_deal_move_get_deal_id (undo->move),
                              nudge_deal_move_get_from_stage (undo->move));
}

static void
undo_clicked_cb (AdwToast *toast,
                 MoveUndo *undo)
{
  if (undo->view != NULL)
    undo_move (undo->view, undo);
}

/* A toast that timed out may still be on screen while it slides away:
 * its Undo no longer does anything, as Ctrl+Z no longer reaches it. */
static void
undo_dismissed_cb (AdwToast *toast,
                   MoveUndo *undo)
{
  if (undo->view != NULL)
    g_ptr_array_remove (undo->view->move_undos, undo);
  g_clear_weak_pointer (&undo->view);
}

/* A move written (nudge-deal-mover.c): the toast offers to take it
 * back, and the focus follows the card. */
static void
moved_cb (NudgeDealMove *move,
          const char    *message,
          gboolean       cancelled,
          const GError  *error,
          gpointer       user_data)
{
  PendingMove *pending = user_data;
  NudgePipelineView *self = pending->view;
  MoveUndo *undo;
  AdwToast *toast;

  if (move == NULL)
    {
      if (error != NULL)
        _nudge_pipeline_show_error (self, error);
      else if (cancelled)
        _nudge_pipeline_focus_deal (self, pending->deal_id, 0);
      return;
    }

  undo = g_new0 (MoveUndo, 1);
  undo->move = move;
  g_set_weak_pointer (&undo->view, self);
  toast = nudge_view_undo_toast_new (message, G_CALLBACK (undo_clicked_cb), undo, move_undo_free);
  g_set_weak_pointer (&undo->toast, toast);
  g_signal_connect (toast, "dismissed", G_CALLBACK (undo_dismissed_cb), undo);
  g_ptr_array_add (self->move_undos, undo);
  nudge_view_show_toast (GTK_WIDGET (self), toast);

  _nudge_pipeline_focus_deal (self, pending->deal_id, pending->stage_id);
}

static void
move_deal (NudgePipelineView *self,
           gint64             deal_id,
           gint64             stage_id)
{
  PendingMove *pending = g_new0 (PendingMove, 1);

  pending->view = g_object_ref (self);
  pending->deal_id = deal_id;
  pending->stage_id = stage_id;
  nudge_deal_mover_move (nudge_view_parent_window (GTK_WIDGET (self)), nudge_view_get_context (NUDGE_VIEW (self)),
                         deal_id, stage_id, moved_cb, pending, _nudge_pipeline_pending_move_free);
}

void
_nudge_pipeline_move_deal_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  gint64 deal_id, stage_id;

  g_variant_get (parameter, "(xx)", &deal_id, &stage_id);
  move_deal (NUDGE_PIPELINE_VIEW (widget), deal_id, stage_id);
}

static NudgeDealCard *
focused_card (NudgePipelineView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *child;

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    if (NUDGE_IS_DEAL_CARD (w))
      return NUDGE_DEAL_CARD (w);
  /* A focused list row holds the card. */
  if (focus && (child = gtk_widget_get_first_child (focus)) && NUDGE_IS_DEAL_CARD (child))
    return NUDGE_DEAL_CARD (child);
  return NULL;
}

void
_nudge_pipeline_move_step_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  NudgePipelineView *self = NUDGE_PIPELINE_VIEW (widget);
  NudgeDealCard *card = focused_card (self);
  NudgeDeal *deal;
  gint64 target;

  if (card == NULL || (deal = nudge_deal_card_get_deal (card)) == NULL)
    return;
  target = nudge_stage_neighbour (self->store, nudge_deal_get_stage_id (deal), g_variant_get_int32 (parameter));
  if (target > 0)
    move_deal (self, nudge_deal_get_id (deal), target);
  else if (g_variant_get_int32 (parameter) > 0 && nudge_deal_get_status (deal) == NUDGE_DEAL_OPEN)
    {
      /* The keys step through open stages only: a deal is won or lost
       * on purpose, not by one key too many. */
      g_autofree char *title = g_markup_escape_text (nudge_deal_get_title (deal), -1);
      g_autofree char *message = NULL;
      AdwToast *toast;

      /* TRANSLATORS: after Alt+→ on a deal in the pipeline's last open stage; %s is the deal */
      message = g_strdup_printf (_("“%s” is in the last stage: to close it, choose Won or Lost in its Move to… menu"),
                                 title);
      /* The answer to a key: at once, not after the toasts before it. */
      toast = adw_toast_new (message);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      nudge_view_show_toast (widget, toast);
    }
  else
    gtk_widget_error_bell (widget);
}

/* The Menu key, or Shift+F10, on a card opens its menu, as in Today and
 * the List. */
void
_nudge_pipeline_card_menu_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  NudgeDealCard *card = focused_card (NUDGE_PIPELINE_VIEW (widget));

  if (card != NULL)
    nudge_deal_card_popup_menu (card);
  else
    gtk_widget_error_bell (widget);
}

/* Undoes the latest move not undone yet, and its toast goes with it. */
void
_nudge_pipeline_undo_move_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  NudgePipelineView *self = NUDGE_PIPELINE_VIEW (widget);
  g_autoptr(AdwToast) toast = NULL;
  MoveUndo *undo;

  if (self->move_undos->len == 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  undo = g_ptr_array_index (self->move_undos, self->move_undos->len - 1);
  if (undo->toast != NULL)
    toast = g_object_ref (undo->toast);
  undo_move (self, undo);
  if (toast != NULL)
    adw_toast_dismiss (toast);
}

void
_nudge_pipeline_open_deal_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  NudgePipelineView *self = NUDGE_PIPELINE_VIEW (widget);

  nudge_record_window_present (nudge_view_parent_window (GTK_WIDGET (self)),
                               nudge_view_get_context (NUDGE_VIEW (self)), NUDGE_ENTITY_DEAL,
                               g_variant_get_int64 (parameter));
}

void
_nudge_pipeline_plan_next_step_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  NudgePipelineView *self = NUDGE_PIPELINE_VIEW (widget);
  g_autoptr(NudgeDeal) deal = nudge_store_get_deal (self->store, g_variant_get_int64 (parameter), NULL);

  if (deal != NULL)
    nudge_next_step_dialog_present_for_record (nudge_view_parent_window (GTK_WIDGET (self)), nudge_view_get_context (NUDGE_VIEW (self)), nudge_deal_get_id (deal),
                                               nudge_deal_get_contact_id (deal));
}
