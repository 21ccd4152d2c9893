/* nudge-deal-mover.c — a deal moved to another stage as the seller asks
 * for it, from the board or from the deal's page: a stage that needs
 * fields asks for them, Won asks to confirm and Lost asks why (both
 * offer to cancel the deal's open follow-ups); the move and what the
 * dialogs asked for are written in one transaction. The
 * caller shows the toast and keeps the move for its Undo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-deal-mover"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-close-deal-dialog.h"
#include "nudge-deal-mover.h"
#include "nudge-pipeline.h"
#include "nudge-required-fields-dialog.h"

typedef struct
{
  NudgeContext       *context;
  gint64              deal_id;
  gint64              stage_id;
  NudgeDealStatus     status;
  NudgeDealMovedFunc  done;
  gpointer            user_data;
  GDestroyNotify      destroy;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  if (request->destroy != NULL)
    request->destroy (request->user_data);
  g_clear_object (&request->context);
  g_free (request);
}

static void
commit (Request            *request,
        NudgeDeal          *filled,
        const char         *reason,
        NudgeDealMoveFlags  flags)
{
  NudgeStore *store = nudge_context_get_store (request->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeDeal) before = NULL;
  g_autoptr(NudgeStage) stage = NULL;
  g_autofree char *message = NULL;
  NudgeDealMove *move;
  guint n_cancelled;

  if (!(before = nudge_store_get_deal (store, request->deal_id, &error)) ||
      !(stage = nudge_store_get_stage (store, request->stage_id, &error)) ||
      !(move = nudge_deal_move_full (store, request->deal_id, request->stage_id, filled, reason, flags, &error)))
    {
      request->done (NULL, NULL, FALSE, error, request->user_data);
      return;
    }

  n_cancelled = nudge_deal_move_get_n_cancelled (move);
  if (request->status == NUDGE_DEAL_WON && n_cancelled > 0)
    /* TRANSLATORS: a toast; %s is the deal, %u how many of its follow-ups closing it cancelled */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” won, %u follow-up cancelled",
                                            "“%s” won, %u follow-ups cancelled", n_cancelled),
                               nudge_deal_get_title (before), n_cancelled);
  else if (request->status == NUDGE_DEAL_WON)
    message = g_strdup_printf (_("“%s” won"), nudge_deal_get_title (before));
  else if (request->status == NUDGE_DEAL_LOST && n_cancelled > 0)
    /* TRANSLATORS: a toast; %s is the deal, %u how many of its follow-ups closing it cancelled */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” lost, %u follow-up cancelled",
                                            "“%s” lost, %u follow-ups cancelled", n_cancelled),
                               nudge_deal_get_title (before), n_cancelled);
  else if (request->status == NUDGE_DEAL_LOST)
    message = g_strdup_printf (_("“%s” lost"), nudge_deal_get_title (before));
  else
    message = g_strdup_printf (_("“%s” moved to %s"), nudge_deal_get_title (before), nudge_stage_get_name (stage));
  request->done (move, message, FALSE, NULL, request->user_data);
}

static void
required_fields_done (NudgeDeal *filled,
                      gpointer   user_data)
{
  Request *request = user_data;

  if (filled != NULL)
    commit (request, filled, NULL, NUDGE_DEAL_MOVE_DEFAULT);
  else
    request->done (NULL, NULL, TRUE, NULL, request->user_data);
}

static void
close_deal_done (gboolean    confirmed,
                 const char *reason,
                 gboolean    cancel_followups,
                 gpointer    user_data)
{
  Request *request = user_data;

  if (confirmed)
    commit (request, NULL, reason, cancel_followups ? NUDGE_DEAL_MOVE_CANCEL_FOLLOWUPS : NUDGE_DEAL_MOVE_DEFAULT);
  else
    request->done (NULL, NULL, TRUE, NULL, request->user_data);
}

/* Moves deal @deal_id to stage @stage_id, asking in dialogs over
 * @parent what the stage needs; @done hears what came of it, once
 * (not at all when the deal is in that stage already). */
void
nudge_deal_mover_move (GtkWindow          *parent,
                       NudgeContext       *context,
                       gint64              deal_id,
                       gint64              stage_id,
                       NudgeDealMovedFunc  done,
                       gpointer            user_data,
                       GDestroyNotify      destroy)
{
  NudgeStore *store;
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeDeal) deal = NULL;
  g_autoptr(NudgeStage) stage = NULL;
  NudgeRequiredFields missing;
  Request *request;
  const char *kind;

  g_return_if_fail (NUDGE_IS_CONTEXT (context));
  g_return_if_fail (done != NULL);

  request = g_new0 (Request, 1);
  request->context = g_object_ref (context);
  request->deal_id = deal_id;
  request->stage_id = stage_id;
  request->status = NUDGE_DEAL_OPEN;
  request->done = done;
  request->user_data = user_data;
  request->destroy = destroy;

  store = nudge_context_get_store (context);
  if (!(deal = nudge_store_get_deal (store, deal_id, &error)) ||
      !(stage = nudge_store_get_stage (store, stage_id, &error)))
    {
      done (NULL, NULL, FALSE, error, user_data);
      request_free (request);
      return;
    }
  if (nudge_deal_get_stage_id (deal) == stage_id)
    {
      request_free (request);
      return;
    }

  kind = nudge_stage_get_kind (stage);
  if (g_str_equal (kind, "won") || g_str_equal (kind, "lost"))
    {
      request->status = g_str_equal (kind, "won") ? NUDGE_DEAL_WON : NUDGE_DEAL_LOST;
      nudge_close_deal_dialog_present (parent, context, deal, request->status, close_deal_done, request,
                                       request_free);
      return;
    }

  missing = nudge_deal_missing_fields (deal, stage);
  if (missing != NUDGE_REQUIRED_NONE)
    {
      nudge_required_fields_dialog_present (parent, context, deal, stage, missing, required_fields_done, request,
                                            request_free);
      return;
    }

  commit (request, NULL, NULL, NUDGE_DEAL_MOVE_DEFAULT);
  request_free (request);
}
