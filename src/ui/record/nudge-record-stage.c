/* nudge-record-stage.c — a deal moved on, won or lost from its page
 *
 * The seller reading a deal's story moves it on from there, as on the
 * board (nudge-deal-mover.c asks what the stage needs and writes the
 * move), and the toast's Undo puts the deal back where it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-record-stage"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-accessible.h"
#include "nudge-deal-move.h"
#include "nudge-deal-mover.h"
#include "nudge-pipeline.h"
#include "nudge-record-stage.h"
#include "nudge-view-actions.h"

typedef struct
{
  NudgeStore      *store;
  NudgeDealMove   *move;
  AdwToastOverlay *toasts;   /* weak */
} StageUndo;

static void
stage_undo_free (gpointer data)
{
  StageUndo *undo = data;

  g_clear_object (&undo->store);
  nudge_deal_move_unref (undo->move);
  g_clear_weak_pointer (&undo->toasts);
  g_free (undo);
}

static void
undo_clicked_cb (AdwToast  *toast,
                 StageUndo *undo)
{
  g_autoptr(GError) error = NULL;

  if (nudge_deal_move_is_undone (undo->move) || nudge_deal_move_undo (undo->store, undo->move, &error))
    return;
  if (undo->toasts != NULL)
    nudge_view_show_undo_error (GTK_WIDGET (undo->toasts), error);
}

/* A move written (nudge-deal-mover.c): the page's toast offers to take
 * it back. @user_data is the undo, its store and overlay set. */
static void
moved_cb (NudgeDealMove *move,
          const char    *message,
          gboolean       cancelled,
          const GError  *error,
          gpointer       user_data)
{
  StageUndo *pending = user_data;
  StageUndo *undo;

  if (move == NULL)
    {
      if (error != NULL && pending->toasts != NULL)
        nudge_view_show_message (GTK_WIDGET (pending->toasts), error->message);
      return;
    }
  undo = g_new0 (StageUndo, 1);
  undo->store = g_object_ref (pending->store);
  undo->move = move;
  g_set_weak_pointer (&undo->toasts, pending->toasts);
  if (undo->toasts != NULL)
    nudge_toast_overlay_add (undo->toasts, nudge_view_undo_toast_new (message, G_CALLBACK (undo_clicked_cb),
                                                                      undo, stage_undo_free));
  else
    stage_undo_free (undo);
}

/* The stage to move to for "Mark as Won…" or "Mark as Lost…": the
 * first of that kind in the deal's pipeline, 0 when there is none. */
static gint64
closing_stage (GPtrArray  *stages,
               const char *kind)
{
  for (guint i = 0; stages != NULL && i < stages->len; i++)
    if (g_str_equal (nudge_stage_get_kind (g_ptr_array_index (stages, i)), kind))
      return nudge_stage_get_id (g_ptr_array_index (stages, i));
  return 0;
}

GtkWidget *
nudge_record_stage_button_new (NudgeStore *store,
                               NudgeDeal  *deal)
{
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) open = g_menu_new ();
  g_autoptr(GMenu) close = g_menu_new ();
  GtkWidget *button;
  gint64 won, lost;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);
  g_return_val_if_fail (NUDGE_IS_DEAL (deal), NULL);

  stages = nudge_store_list_stages (store, nudge_deal_get_pipeline_id (deal), NULL);
  for (guint i = 0; stages != NULL && i < stages->len; i++)
    {
      NudgeStage *stage = g_ptr_array_index (stages, i);
      g_autoptr(GMenuItem) item = NULL;

      /* Won and lost are offered in words below; a closed deal is
       * reopened by moving it to an open stage. */
      if (!g_str_equal (nudge_stage_get_kind (stage), "open") ||
          nudge_stage_get_id (stage) == nudge_deal_get_stage_id (deal))
        continue;
      item = g_menu_item_new (nudge_stage_get_name (stage), NULL);
      g_menu_item_set_action_and_target (item, "record.move-to-stage", "x", nudge_stage_get_id (stage));
      g_menu_append_item (open, item);
    }
  won = closing_stage (stages, "won");
  lost = closing_stage (stages, "lost");
  if (won > 0 && nudge_deal_get_status (deal) != NUDGE_DEAL_WON)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("Mark as _Won…"), NULL);

      g_menu_item_set_action_and_target (item, "record.move-to-stage", "x", won);
      g_menu_append_item (close, item);
    }
  if (lost > 0 && nudge_deal_get_status (deal) != NUDGE_DEAL_LOST)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("Mark as _Lost…"), NULL);

      g_menu_item_set_action_and_target (item, "record.move-to-stage", "x", lost);
      g_menu_append_item (close, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (open));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (close));

  button = gtk_menu_button_new ();
  gtk_widget_set_name (button, "move-deal");
  /* Translators: the button beside a deal's stage on its page, with a
   * mnemonic that the page's Edit, Log Activity and Plan do not use */
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("_Move"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Move to another stage, win or lose the deal"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Move the deal to another stage"), -1);
  return button;
}

void
nudge_record_stage_move (GtkWindow       *window,
                         AdwToastOverlay *toasts,
                         NudgeContext    *context,
                         gint64           deal_id,
                         gint64           stage_id)
{
  StageUndo *pending;

  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (NUDGE_IS_CONTEXT (context));

  pending = g_new0 (StageUndo, 1);
  pending->store = g_object_ref (nudge_context_get_store (context));
  g_set_weak_pointer (&pending->toasts, toasts);
  nudge_deal_mover_move (window, context, deal_id, stage_id, moved_cb, pending, stage_undo_free);
}
