/* nudge-activity-dialog.c
 *
 * Log Activity: what happened (a call, an e-mail, a meeting, a note, or
 * what the other side did), when, a summary and notes. Logging what the
 * seller did closes the open follow-up that asked for it; a deal or
 * contact left with nothing planned then gets the next-step prompt.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-activity-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-activity-dialog.h"
#include "nudge-clock.h"
#include "nudge-date-time-entry.h"
#include "nudge-followups.h"
#include "nudge-next-step-dialog.h"
#include "nudge-transaction.h"

static const struct {
  const char *kind;
  const char *label;
  gboolean    inbound;
} log_kinds[] = {
  { "call", N_("Call"), FALSE },
  { "email", N_("E-mail"), FALSE },
  { "meeting", N_("Meeting"), FALSE },
  { "note", N_("Note"), FALSE },
  { "demo", N_("Demo request"), TRUE },
  { "pricing_visit", N_("Pricing page visit"), TRUE },
  { "download", N_("Download"), TRUE },
};

/* The activity, and for the seller's own touch the closing of the open
 * follow-up of that kind that asked for it, in one transaction. Unlike
 * nudge_activity_log_add(), the dialog also keeps the notes typed in
 * it (the activity's body). */
static gboolean
write_activity (NudgeStore  *store,
                gpointer     data,
                GError     **error)
{
  NudgeActivity *activity = data;
  gint64 deal_id = nudge_activity_get_deal_id (activity);
  gint64 contact_id = nudge_activity_get_contact_id (activity);

  if (!nudge_store_add_activity (store, activity, error))
    return FALSE;
  return nudge_activity_get_direction (activity) == NUDGE_DIRECTION_IN || (deal_id <= 0 && contact_id <= 0) ||
         nudge_followups_close_matching (store, deal_id, contact_id, nudge_activity_get_kind (activity), error) >= 0;
}

typedef struct
{
  NudgeStore *store;
  gint64      deal_id;
  gint64      contact_id;
  GtkWidget  *window;
  GtkWidget  *kind;
  GtkWidget  *direction;
  GtkWidget  *when;         /* NudgeDateTimeEntry */
  GtkWidget  *when_reason;
  GtkWidget  *save;
  GtkWidget  *summary;
  GtkWidget  *body;
  GtkWidget  *error;
} LogDialog;

static void
log_dialog_window_gone (gpointer  data,
                        GObject  *window)
{
  LogDialog *dialog = data;

  g_clear_object (&dialog->store);
  g_free (dialog);
}

static void
log_kind_changed_cb (LogDialog *dialog)
{
  guint k = adw_combo_row_get_selected (ADW_COMBO_ROW (dialog->kind));

  if (k < G_N_ELEMENTS (log_kinds))
    adw_combo_row_set_selected (ADW_COMBO_ROW (dialog->direction), log_kinds[k].inbound ? 1 : 0);
}

/* Add stays insensitive, and Enter does nothing, while the time is not
 * a time; the reason shows under it. */
static void
log_validate_cb (LogDialog *dialog)
{
  NudgeDateTimeEntry *when = NUDGE_DATE_TIME_ENTRY (dialog->when);
  gboolean valid = nudge_date_time_entry_get_valid (when);

  gtk_label_set_label (GTK_LABEL (dialog->when_reason), valid ? "" : nudge_date_time_entry_get_reason (when));
  gtk_widget_set_visible (dialog->when_reason, !valid);
  gtk_widget_set_sensitive (dialog->save, valid);
}

/* The call closed the follow-up that asked for it (or there was none):
 * the question of what comes next follows at once, on the window the
 * activity was logged from. */
static void
ask_next_step_after_log (LogDialog *dialog)
{
  g_autoptr(NudgeStore) store = g_object_ref (dialog->store);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog->window));
  gint64 deal_id = dialog->deal_id;
  gint64 contact_id = dialog->contact_id;

  gtk_window_destroy (GTK_WINDOW (dialog->window));
  if (nudge_followups_needs_next_step (store, deal_id, deal_id > 0 ? 0 : contact_id))
    nudge_next_step_dialog_present_for_record (parent, store, deal_id, contact_id);
}

static void
log_save_cb (LogDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeActivity) activity = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (dialog->body));
  GtkTextIter start, end;
  g_autofree char *body = NULL;
  guint k = adw_combo_row_get_selected (ADW_COMBO_ROW (dialog->kind));
  gboolean inbound = adw_combo_row_get_selected (ADW_COMBO_ROW (dialog->direction)) == 1;

  if (!nudge_date_time_entry_get_valid (NUDGE_DATE_TIME_ENTRY (dialog->when)))
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  body = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  activity = nudge_activity_new ();
  g_object_set (activity,
                "kind", log_kinds[MIN (k, G_N_ELEMENTS (log_kinds) - 1)].kind,
                "direction", inbound ? NUDGE_DIRECTION_IN : NUDGE_DIRECTION_OUT,
                "deal-id", dialog->deal_id, "contact-id", dialog->contact_id,
                "occurred-at", nudge_date_time_entry_get_unix (NUDGE_DATE_TIME_ENTRY (dialog->when)),
                "summary", gtk_editable_get_text (GTK_EDITABLE (dialog->summary)), "body", body, NULL);
  if (!nudge_transaction_run (dialog->store, write_activity, activity, &error))
    {
      gtk_label_set_label (GTK_LABEL (dialog->error), error->message);
      gtk_widget_set_visible (dialog->error, TRUE);
      return;
    }
  ask_next_step_after_log (dialog);
}

void
nudge_activity_dialog_present (GtkWindow    *parent,
                               NudgeContext *context,
                               gint64        deal_id,
                               gint64        contact_id)
{
  LogDialog *dialog = g_new0 (LogDialog, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Add"));
  GtkWidget *when_row = adw_action_row_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *notes_group = adw_preferences_group_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkStringList *kinds = gtk_string_list_new (NULL);
  GtkStringList *directions = gtk_string_list_new (NULL);

  g_return_if_fail (NUDGE_IS_CONTEXT (context));

  dialog->store = g_object_ref (nudge_context_get_store (context));
  dialog->deal_id = deal_id;
  dialog->contact_id = contact_id;
  dialog->save = save;
  dialog->window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (dialog->window), _("Log Activity"));
  gtk_window_set_transient_for (GTK_WINDOW (dialog->window), parent);
  gtk_window_set_modal (GTK_WINDOW (dialog->window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog->window), 480, 560);
  /* The window owns the dialog's state. */
  g_object_weak_ref (G_OBJECT (dialog->window), log_dialog_window_gone, dialog);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), dialog->window);
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (log_save_cb), dialog);
  gtk_window_set_default_widget (GTK_WINDOW (dialog->window), save);
  gtk_box_append (GTK_BOX (box), header);

  dialog->error = gtk_label_new (NULL);
  gtk_widget_add_css_class (dialog->error, "error");
  gtk_label_set_wrap (GTK_LABEL (dialog->error), TRUE);
  gtk_widget_set_margin_top (dialog->error, 12);
  gtk_widget_set_visible (dialog->error, FALSE);
  gtk_box_append (GTK_BOX (box), dialog->error);

  for (guint i = 0; i < G_N_ELEMENTS (log_kinds); i++)
    gtk_string_list_append (kinds, _(log_kinds[i].label));
  gtk_string_list_append (directions, _("From you"));
  gtk_string_list_append (directions, _("From them"));

  dialog->kind = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (dialog->kind), _("What"));
  adw_combo_row_set_model (ADW_COMBO_ROW (dialog->kind), G_LIST_MODEL (kinds));
  dialog->direction = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (dialog->direction), _("Who reached out"));
  adw_combo_row_set_model (ADW_COMBO_ROW (dialog->direction), G_LIST_MODEL (directions));
  g_signal_connect_swapped (dialog->kind, "notify::selected", G_CALLBACK (log_kind_changed_cb), dialog);
  /* When it happened: now, on the desktop's clock, as it is typed. */
  dialog->when = nudge_date_time_entry_new ();
  gtk_widget_set_margin_top (dialog->when, 6);
  gtk_widget_set_margin_bottom (dialog->when, 6);
  nudge_date_time_entry_set_unix (NUDGE_DATE_TIME_ENTRY (dialog->when), nudge_clock_now ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (when_row), _("When"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (when_row), dialog->when);
  dialog->when_reason = gtk_label_new (NULL);
  gtk_widget_set_name (dialog->when_reason, "when-reason");
  gtk_widget_add_css_class (dialog->when_reason, "error");
  gtk_label_set_wrap (GTK_LABEL (dialog->when_reason), TRUE);
  gtk_label_set_xalign (GTK_LABEL (dialog->when_reason), 0);
  gtk_widget_set_margin_top (dialog->when_reason, 6);
  g_signal_connect_swapped (dialog->when, "notify::valid", G_CALLBACK (log_validate_cb), dialog);
  g_signal_connect_swapped (dialog->when, "notify::reason", G_CALLBACK (log_validate_cb), dialog);
  dialog->summary = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (dialog->summary), _("Summary"));
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (dialog->summary), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), dialog->kind);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), dialog->direction);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), dialog->summary);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), when_row);
  /* Not a row: under the list, right below the field it is about. */
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), dialog->when_reason);
  log_validate_cb (dialog);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  dialog->body = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (dialog->body), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (dialog->body), 10);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (dialog->body), 10);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (dialog->body), 10);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), dialog->body);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
  gtk_widget_add_css_class (scrolled, "card");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (notes_group), _("Notes"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (notes_group), scrolled);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (notes_group));

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (dialog->window), box);
  g_object_unref (kinds);
  g_object_unref (directions);
  gtk_window_present (GTK_WINDOW (dialog->window));
  gtk_widget_grab_focus (dialog->summary);
}
