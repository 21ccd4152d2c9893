/* nudge-record-stage.c — a deal moved on, won or lost from its page
 *
 * The seller reading a deal's story moves it on from there, as on the
 * board: a stage that needs fields asks for them, Won asks to confirm
 * and Lost asks why, and the toast's Undo puts the deal back where it
 * was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-record-stage"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-accessible.h"
#include "nudge-close-deal-dialog.h"
#include "nudge-deal-move.h"
#include "nudge-pipeline.h"
#include "nudge-record-stage.h"
#include "nudge-required-fields-dialog.h"
#include "nudge-view-actions.h"

typedef struct
{
  GtkWindow       *window;   /* weak: the deal's page */
  AdwToastOverlay *toasts;   /* weak: its overlay */
  NudgeContext    *context;
  gint64           deal_id;
  gint64           stage_id;
  NudgeDealStatus  status;
} PendingMove;

typedef struct
{
  NudgeStore      *store;
  NudgeDealMove   *move;
  AdwToastOverlay *toasts;   /* weak */
} StageUndo;

static void
pending_move_free (gpointer data)
{
  PendingMove *pending = data;

  g_clear_weak_pointer (&pending->window);
  g_clear_weak_pointer (&pending->toasts);
  g_clear_object (&pending->context);
  g_free (pending);
}

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
show_message (AdwToastOverlay *toasts,
              const char      *message)
{
  if (toasts != NULL)
    nudge_toast_overlay_add (toasts, adw_toast_new (message));
}

static void
undo_clicked_cb (AdwToast  *toast,
                 StageUndo *undo)
{
  g_autoptr(GError) error = NULL;

  if (nudge_deal_move_is_undone (undo->move) || nudge_deal_move_undo (undo->store, undo->move, &error))
    return;
  {
    g_autofree char *message = g_strdup_printf (_("Could not undo: %s"), error->message);

    show_message (undo->toasts, message);
  }
}

/* Writes the move (with what the dialogs asked for) in one
 * transaction, and offers to take it back. */
static void
commit_move (PendingMove        *pending,
             NudgeDeal          *filled,
             const char         *reason,
             NudgeDealMoveFlags  flags)
{
  NudgeStore *store = nudge_context_get_store (pending->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeDeal) before = NULL;
  g_autoptr(NudgeStage) stage = NULL;
  g_autofree char *message = NULL;
  NudgeDealMove *move;
  guint n_cancelled;
  StageUndo *undo;

  if (!(before = nudge_store_get_deal (store, pending->deal_id, &error)) ||
      !(stage = nudge_store_get_stage (store, pending->stage_id, &error)) ||
      !(move = nudge_deal_move_full (store, pending->deal_id, pending->stage_id, filled, reason, flags, &error)))
    {
      show_message (pending->toasts, error->message);
      return;
    }

  n_cancelled = nudge_deal_move_get_n_cancelled (move);
  if (pending->status == NUDGE_DEAL_WON && n_cancelled > 0)
    /* TRANSLATORS: a toast; %s is the deal, %u how many of its follow-ups closing it cancelled */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” won, %u follow-up cancelled",
                                            "“%s” won, %u follow-ups cancelled", n_cancelled),
                               nudge_deal_get_title (before), n_cancelled);
  else if (pending->status == NUDGE_DEAL_WON)
    message = g_strdup_printf (_("“%s” won"), nudge_deal_get_title (before));
  else if (pending->status == NUDGE_DEAL_LOST && n_cancelled > 0)
    /* TRANSLATORS: a toast; %s is the deal, %u how many of its follow-ups closing it cancelled */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” lost, %u follow-up cancelled",
                                            "“%s” lost, %u follow-ups cancelled", n_cancelled),
                               nudge_deal_get_title (before), n_cancelled);
  else if (pending->status == NUDGE_DEAL_LOST)
    message = g_strdup_printf (_("“%s” lost"), nudge_deal_get_title (before));
  else
    message = g_strdup_printf (_("“%s” moved to %s"), nudge_deal_get_title (before), nudge_stage_get_name (stage));

  undo = g_new0 (StageUndo, 1);
  undo->store = g_object_ref (store);
  undo->move = move;
  g_set_weak_pointer (&undo->toasts, pending->toasts);
  if (pending->toasts != NULL)
    nudge_toast_overlay_add (pending->toasts, nudge_view_undo_toast_new (message, G_CALLBACK (undo_clicked_cb),
                                                                         undo, stage_undo_free));
  else
    stage_undo_free (undo);
}

static void
required_fields_done (NudgeDeal *filled,
                      gpointer   user_data)
{
  if (filled != NULL)
    commit_move (user_data, filled, NULL, NUDGE_DEAL_MOVE_DEFAULT);
}

static void
close_deal_done (gboolean    confirmed,
                 const char *reason,
                 gboolean    cancel_followups,
                 gpointer    user_data)
{
  if (confirmed)
    commit_move (user_data, NULL, reason,
                 cancel_followups ? NUDGE_DEAL_MOVE_CANCEL_FOLLOWUPS : NUDGE_DEAL_MOVE_DEFAULT);
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
  NudgeStore *store;
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeDeal) deal = NULL;
  g_autoptr(NudgeStage) stage = NULL;
  NudgeRequiredFields missing;
  PendingMove *pending;
  const char *kind;

  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (NUDGE_IS_CONTEXT (context));

  store = nudge_context_get_store (context);
  if (!(deal = nudge_store_get_deal (store, deal_id, &error)) ||
      !(stage = nudge_store_get_stage (store, stage_id, &error)))
    {
      show_message (toasts, error->message);
      return;
    }

  pending = g_new0 (PendingMove, 1);
  g_set_weak_pointer (&pending->window, window);
  g_set_weak_pointer (&pending->toasts, toasts);
  pending->context = g_object_ref (context);
  pending->deal_id = deal_id;
  pending->stage_id = stage_id;
  pending->status = NUDGE_DEAL_OPEN;

  kind = nudge_stage_get_kind (stage);
  if (g_str_equal (kind, "won") || g_str_equal (kind, "lost"))
    {
      pending->status = g_str_equal (kind, "won") ? NUDGE_DEAL_WON : NUDGE_DEAL_LOST;
      nudge_close_deal_dialog_present (window, context, deal, pending->status, close_deal_done, pending,
                                       pending_move_free);
      return;
    }

  missing = nudge_deal_missing_fields (deal, stage);
  if (missing != NUDGE_REQUIRED_NONE)
    {
      nudge_required_fields_dialog_present (window, context, deal, stage, missing, required_fields_done, pending,
                                            pending_move_free);
      return;
    }

  commit_move (pending, NULL, NULL, NUDGE_DEAL_MOVE_DEFAULT);
  pending_move_free (pending);
}
