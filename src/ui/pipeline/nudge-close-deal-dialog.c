/* nudge-close-deal-dialog.c — confirm a won deal, ask why a deal was lost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nudge-close-deal"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-close-deal-dialog.h"
#include "nudge-dialogs.h"

/* The dialog's: it keeps the reasons and the reply. */
typedef struct
{
  NudgeDialogReply   *reply;
  GtkWidget          *reason;      /* combo row of the lost reasons, or NULL */
  GtkWidget          *details;
} Request;

/* "Price too high — they found it cheaper locally": the list keeps the
 * reasons countable, the free text keeps the story. */
static char *
read_reason (Request *request)
{
  const char *details = gtk_editable_get_text (GTK_EDITABLE (request->details));
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (request->reason));
  GListModel *reasons = adw_combo_row_get_model (ADW_COMBO_ROW (request->reason));
  const char *reason = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (details));

  if (selected < g_list_model_get_n_items (reasons))
    reason = gtk_string_list_get_string (GTK_STRING_LIST (reasons), selected);
  if (reason && *trimmed)
    return g_strdup_printf ("%s — %s", reason, trimmed);
  if (reason)
    return g_strdup (reason);
  return g_steal_pointer (&trimmed);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Request          *request)
{
  NudgeCloseDealFunc func = (NudgeCloseDealFunc) request->reply->func;
  g_autofree char *reason = NULL;

  if (g_strcmp0 (response, "close") != 0)
    {
      func (FALSE, NULL, request->reply->user_data);
      return;
    }
  if (request->reason)
    reason = read_reason (request);
  func (TRUE, reason, request->reply->user_data);
}

GtkWidget *
nudge_close_deal_dialog_present (GtkWindow          *parent,
                                 NudgeContext       *context,
                                 NudgeDeal          *deal,
                                 NudgeDealStatus     status,
                                 NudgeCloseDealFunc  func,
                                 gpointer            user_data,
                                 GDestroyNotify      destroy)
{
  Request *request;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (status == NUDGE_DEAL_WON || status == NUDGE_DEAL_LOST, NULL);

  request = g_new0 (Request, 1);

  if (status == NUDGE_DEAL_WON)
    {
      dialog = nudge_question_dialog_new (parent, "close", _("Mark as _Won"), ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_format_heading (dialog, _("Mark “%s” as Won?"), nudge_deal_get_title (deal));
      adw_message_dialog_set_body (dialog, _("Today is recorded as the close date. The deal leaves the board."));
    }
  else
    {
      GtkWidget *group = adw_preferences_group_new ();
      g_auto(GStrv) reasons = nudge_store_list_lost_reasons (nudge_context_get_store (context));
      g_autoptr(GtkStringList) names = gtk_string_list_new ((const char * const *) reasons);

      dialog = nudge_question_dialog_new (parent, "close", _("Mark as _Lost"), ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_format_heading (dialog, _("Mark “%s” as Lost?"), nudge_deal_get_title (deal));
      adw_message_dialog_set_body (dialog, _("Why was it lost? The reasons show up in Insights."));

      request->reason = adw_combo_row_new ();
      gtk_widget_set_name (request->reason, "reason");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (request->reason), _("Reason"));
      adw_combo_row_set_model (ADW_COMBO_ROW (request->reason), G_LIST_MODEL (names));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), request->reason);

      request->details = adw_entry_row_new ();
      gtk_widget_set_name (request->details, "details");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (request->details), _("Details (optional)"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), request->details);
      adw_message_dialog_set_extra_child (dialog, group);
    }
  adw_message_dialog_set_default_response (dialog, "close");
  request->reply = nudge_dialog_reply_new (dialog, G_CALLBACK (func), user_data, destroy);

  /* The dialog's response handler owns the request. */
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), request, (GClosureNotify) g_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}
