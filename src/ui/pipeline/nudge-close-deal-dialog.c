/* nudge-close-deal-dialog.c — confirm a won deal, ask why a deal was lost
 *
 * A deal that still has open follow-ups is offered to have them
 * cancelled with the close, switched on: "Send the proposal" for a lost
 * deal would only keep reminding the seller of nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nudge-close-deal"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-close-deal-dialog.h"
#include "nudge-deal-move.h"
#include "nudge-dialogs.h"

/* The dialog's: it keeps the reasons and the reply. */
typedef struct
{
  NudgeDialogReply   *reply;
  GtkWidget          *reason;      /* combo row of the lost reasons, or NULL */
  GtkWidget          *details;
  GtkWidget          *cancel;      /* switch: cancel the open follow-ups, or NULL */
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
      func (FALSE, NULL, FALSE, request->reply->user_data);
      return;
    }
  if (request->reason)
    reason = read_reason (request);
  func (TRUE, reason, request->cancel != NULL && gtk_switch_get_active (GTK_SWITCH (request->cancel)),
        request->reply->user_data);
}

/* "Cancel 2 open follow-ups", when the deal has any */
static void
add_cancel_row (Request         *request,
                NudgeContext    *context,
                NudgeDeal       *deal,
                NudgeDealStatus  status,
                GtkWidget       *group)
{
  int n = nudge_deal_count_open_followups (nudge_context_get_store (context), nudge_deal_get_id (deal), NULL);
  g_autofree char *title = NULL;
  GtkWidget *row;

  if (n <= 0)
    return;
  /* TRANSLATORS: a switch in the dialog that marks a deal won or lost */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Cancel %d open follow-up", "Cancel %d open follow-ups", n),
                           n);
  request->cancel = gtk_switch_new ();
  gtk_widget_set_name (request->cancel, "cancel-followups");
  gtk_switch_set_active (GTK_SWITCH (request->cancel), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (request->cancel), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  row = nudge_suffix_row_new (title,
                              status == NUDGE_DEAL_WON
                                ? _("The offers and calls planned to win it are moot now; the check-in after the win is still planned")
                                : _("Their reminders would keep coming for a deal that is over"),
                              request->cancel);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
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
  GtkWidget *group = adw_preferences_group_new ();

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
    }
  add_cancel_row (request, context, deal, status, group);
  /* A won deal with nothing open asks nothing more than to confirm. */
  if (request->reason != NULL || request->cancel != NULL)
    adw_message_dialog_set_extra_child (dialog, group);
  else
    g_object_unref (g_object_ref_sink (group));
  adw_message_dialog_set_default_response (dialog, "close");
  request->reply = nudge_dialog_reply_new (dialog, G_CALLBACK (func), user_data, destroy);

  /* The dialog's response handler owns the request. */
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), request, (GClosureNotify) g_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}
