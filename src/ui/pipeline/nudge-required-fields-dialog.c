/* nudge-required-fields-dialog.c — ask for what a stage requires
 *
 * A deal entering a stage that requires an amount, an expected close date
 * or a contact it lacks gets exactly those fields asked for; Move stays
 * insensitive until they are valid, Cancel leaves the deal where it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nudge-required-fields"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-date-time-entry.h"
#include "nudge-dialogs.h"
#include "nudge-currency.h"
#include "nudge-format.h"
#include "nudge-record-picker.h"
#include "nudge-required-fields-dialog.h"

typedef struct
{
  AdwMessageDialog        *dialog;      /* owns us */
  NudgeDeal               *deal;
  GtkWidget               *amount;
  GtkWidget               *expected_close;
  GtkWidget               *contact;
  GtkWidget               *reason;
  NudgeDialogReply        *reply;       /* the dialog's */
} Request;

static void
request_free (gpointer  data,
              GClosure *closure)
{
  Request *request = data;

  g_clear_object (&request->deal);
  g_free (request);
}

/* Fills a copy of the deal; FALSE while an asked field is invalid. */
static gboolean
read_fields (Request    *request,
             NudgeDeal **out)
{
  g_autoptr(NudgeDeal) filled = nudge_deal_copy (request->deal);

  if (request->amount)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (request->amount));
      gint64 minor = 0;

      if (!nudge_currency_parse_amount (text, nudge_deal_get_currency (filled), &minor, NULL) || minor <= 0)
        return FALSE;
      g_object_set (filled, "has-amount", TRUE, "amount-minor", minor, NULL);
    }
  if (request->expected_close)
    {
      g_autofree char *iso = nudge_date_time_entry_dup_iso_date (NUDGE_DATE_TIME_ENTRY (request->expected_close));

      if (iso == NULL || *iso == '\0')
        return FALSE;
      g_object_set (filled, "expected-close", iso, NULL);
    }
  if (request->contact)
    {
      NudgeEntity entity;
      gint64 contact_id = nudge_record_picker_get_record (NUDGE_RECORD_PICKER (request->contact), &entity);

      if (contact_id <= 0 || entity != NUDGE_ENTITY_CONTACT)
        return FALSE;
      g_object_set (filled, "contact-id", contact_id, NULL);
    }
  if (out)
    *out = g_steal_pointer (&filled);
  return TRUE;
}

static void
update_sensitivity (Request *request)
{
  AdwMessageDialog *dialog = request->dialog;
  gboolean valid = read_fields (request, NULL);
  const char *reason = NULL;

  if (request->amount)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (request->amount));
      gint64 minor = 0;
      gboolean ok = *text == '\0' ||
                    (nudge_currency_parse_amount (text, nudge_deal_get_currency (request->deal), &minor, NULL) && minor > 0);

      if (ok)
        gtk_widget_remove_css_class (request->amount, "error");
      else
        {
          gtk_widget_add_css_class (request->amount, "error");
          reason = _("The amount is not an amount greater than zero");
        }
    }
  if (reason == NULL && request->expected_close != NULL)
    reason = nudge_date_time_entry_get_reason (NUDGE_DATE_TIME_ENTRY (request->expected_close));
  if (reason == NULL && request->contact != NULL &&
      nudge_record_picker_get_record (NUDGE_RECORD_PICKER (request->contact), NULL) == 0)
    reason = _("Type the contact’s name and choose them from the list");
  /* Move stays insensitive, and Enter does nothing, until the fields are
   * valid; what is wrong shows under them. */
  gtk_label_set_label (GTK_LABEL (request->reason), reason ? reason : "");
  gtk_widget_set_visible (request->reason, reason != NULL);
  adw_message_dialog_set_response_enabled (dialog, "move", valid);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Request          *request)
{
  NudgeRequiredFieldsFunc func = (NudgeRequiredFieldsFunc) request->reply->func;
  g_autoptr(NudgeDeal) filled = NULL;

  /* Fields still invalid (Enter does nothing then) leave it NULL. */
  if (g_strcmp0 (response, "move") == 0)
    read_fields (request, &filled);
  func (filled, request->reply->user_data);
}

GtkWidget *
nudge_required_fields_dialog_present (GtkWindow               *parent,
                                      NudgeContext            *context,
                                      NudgeDeal               *deal,
                                      NudgeStage              *stage,
                                      NudgeRequiredFields      missing,
                                      NudgeRequiredFieldsFunc  func,
                                      gpointer                 user_data,
                                      GDestroyNotify           destroy)
{
  Request *request;
  g_autofree char *fields = NULL;
  GtkWidget *group;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);

  request = g_new0 (Request, 1);
  fields = nudge_required_fields_describe (missing);
  group = adw_preferences_group_new ();
  dialog = nudge_question_dialog_new (parent, "move", _("_Move"), ADW_RESPONSE_SUGGESTED);

  request->deal = g_object_ref (deal);
  request->reply = nudge_dialog_reply_new (dialog, G_CALLBACK (func), user_data, destroy);
  request->dialog = dialog;
  adw_message_dialog_format_heading (dialog, _("Move to %s"), nudge_stage_get_name (stage));
  adw_message_dialog_format_body (dialog, _("“%s” needs these before it can enter this stage: %s."),
                                  nudge_deal_get_title (deal), fields);
  adw_message_dialog_set_default_response (dialog, "move");

  if (missing & NUDGE_REQUIRED_AMOUNT)
    {
      g_autofree char *title = g_strdup_printf (_("Amount (%s)"), nudge_deal_get_currency (deal));

      request->amount = adw_entry_row_new ();
      gtk_widget_set_name (request->amount, "amount");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (request->amount), title);
      adw_entry_row_set_activates_default (ADW_ENTRY_ROW (request->amount), TRUE);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), request->amount);
      g_signal_connect_swapped (request->amount, "changed", G_CALLBACK (update_sensitivity), request);
    }
  if (missing & NUDGE_REQUIRED_EXPECTED_CLOSE)
    {
      GtkWidget *row = adw_action_row_new ();

      request->expected_close = nudge_date_time_entry_new ();
      gtk_widget_set_name (request->expected_close, "expected-close");
      gtk_widget_set_margin_top (request->expected_close, 6);
      gtk_widget_set_margin_bottom (request->expected_close, 6);
      nudge_date_time_entry_set_show_time (NUDGE_DATE_TIME_ENTRY (request->expected_close), FALSE);
      /* Empty, as nothing was known: a date to be typed or picked. */
      nudge_date_time_entry_set_text (NUDGE_DATE_TIME_ENTRY (request->expected_close), "", NULL);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Expected close"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), request->expected_close);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_signal_connect_swapped (request->expected_close, "notify::valid", G_CALLBACK (update_sensitivity), request);
      g_signal_connect_swapped (request->expected_close, "notify::unix", G_CALLBACK (update_sensitivity), request);
      g_signal_connect_swapped (request->expected_close, "notify::reason", G_CALLBACK (update_sensitivity), request);
    }
  if (missing & NUDGE_REQUIRED_CONTACT)
    {
      GtkWidget *label = gtk_label_new (_("Contact"));

      /* Found by typing a name: a book may hold 100,000 contacts, too
       * many to read, let alone to list in a drop-down. */
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_add_css_class (label, "heading");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
      request->contact = nudge_record_picker_new (context);
      nudge_record_picker_set_contacts_only (NUDGE_RECORD_PICKER (request->contact));
      gtk_widget_set_name (request->contact, "contact");
      gtk_accessible_update_relation (GTK_ACCESSIBLE (request->contact), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      label, NULL, -1);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), request->contact);
      g_signal_connect_swapped (request->contact, "notify::record-id", G_CALLBACK (update_sensitivity), request);
    }
  request->reason = gtk_label_new (NULL);
  gtk_widget_set_name (request->reason, "reason");
  gtk_widget_add_css_class (request->reason, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (request->reason), TRUE);
  gtk_label_set_xalign (GTK_LABEL (request->reason), 0);
  gtk_widget_set_margin_top (request->reason, 6);
  gtk_widget_set_visible (request->reason, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), request->reason);
  adw_message_dialog_set_extra_child (dialog, group);

  /* The dialog's response handler owns the request. */
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), request, request_free, 0);
  update_sensitivity (request);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}
