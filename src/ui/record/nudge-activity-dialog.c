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
#include "nudge-dialogs.h"
#include "nudge-followups.h"
#include "nudge-next-step-dialog.h"
#include "nudge-transaction.h"

struct _NudgeActivityDialog
{
  AdwWindow     parent_instance;

  NudgeContext *context;
  NudgeStore   *store;          /* the context's */
  gint64        deal_id;
  gint64        contact_id;

  GtkWidget    *save_button;
  GtkWidget    *error_label;
  GtkWidget    *kind_row;
  GtkWidget    *direction_row;
  GtkWidget    *summary_row;
  GtkWidget    *when;           /* NudgeDateTimeEntry */
  GtkWidget    *when_reason;
  GtkWidget    *body_view;
};

G_DEFINE_FINAL_TYPE (NudgeActivityDialog, nudge_activity_dialog, ADW_TYPE_WINDOW)

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

static void
kind_changed_cb (NudgeActivityDialog *self)
{
  guint k = adw_combo_row_get_selected (ADW_COMBO_ROW (self->kind_row));

  if (k < G_N_ELEMENTS (log_kinds))
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->direction_row), log_kinds[k].inbound ? 1 : 0);
}

/* Add stays insensitive, and Enter does nothing, while the time is not
 * a time; the reason shows under it. */
static void
validate_cb (NudgeActivityDialog *self)
{
  NudgeDateTimeEntry *when = NUDGE_DATE_TIME_ENTRY (self->when);
  gboolean valid = nudge_date_time_entry_get_valid (when);

  gtk_label_set_label (GTK_LABEL (self->when_reason), valid ? "" : nudge_date_time_entry_get_reason (when));
  gtk_widget_set_visible (self->when_reason, !valid);
  gtk_widget_set_sensitive (self->save_button, valid);
}

/* The call closed the follow-up that asked for it (or there was none):
 * the question of what comes next follows at once, on the window the
 * activity was logged from. */
static void
ask_next_step_after_log (NudgeActivityDialog *self)
{
  g_autoptr(NudgeContext) context = g_object_ref (self->context);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  gint64 deal_id = self->deal_id;
  gint64 contact_id = self->contact_id;

  gtk_window_destroy (GTK_WINDOW (self));
  if (nudge_followups_needs_next_step (nudge_context_get_store (context), deal_id, deal_id > 0 ? 0 : contact_id))
    nudge_next_step_dialog_present_for_record (parent, context, deal_id, contact_id);
}

static void
save_clicked_cb (NudgeActivityDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeActivity) activity = NULL;
  g_autofree char *body = NULL;
  guint k = adw_combo_row_get_selected (ADW_COMBO_ROW (self->kind_row));
  gboolean inbound = adw_combo_row_get_selected (ADW_COMBO_ROW (self->direction_row)) == 1;

  if (!nudge_date_time_entry_get_valid (NUDGE_DATE_TIME_ENTRY (self->when)))
    return;
  body = nudge_editor_dup_text_view_text (GTK_TEXT_VIEW (self->body_view));

  activity = nudge_activity_new ();
  g_object_set (activity,
                "kind", log_kinds[MIN (k, G_N_ELEMENTS (log_kinds) - 1)].kind,
                "direction", inbound ? NUDGE_DIRECTION_IN : NUDGE_DIRECTION_OUT,
                "deal-id", self->deal_id, "contact-id", self->contact_id,
                "occurred-at", nudge_date_time_entry_get_unix (NUDGE_DATE_TIME_ENTRY (self->when)),
                "summary", gtk_editable_get_text (GTK_EDITABLE (self->summary_row)), "body", body, NULL);
  if (!nudge_transaction_run (self->store, write_activity, activity, &error))
    {
      gtk_label_set_label (GTK_LABEL (self->error_label), error->message);
      gtk_widget_set_visible (self->error_label, TRUE);
      return;
    }
  ask_next_step_after_log (self);
}

static void
nudge_activity_dialog_dispose (GObject *object)
{
  NudgeActivityDialog *self = NUDGE_ACTIVITY_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_ACTIVITY_DIALOG);

  G_OBJECT_CLASS (nudge_activity_dialog_parent_class)->dispose (object);
}

static void
nudge_activity_dialog_class_init (NudgeActivityDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nudge_activity_dialog_dispose;
  nudge_dialogs_install_context_property (object_class, G_STRUCT_OFFSET (NudgeActivityDialog, context),
                                          G_STRUCT_OFFSET (NudgeActivityDialog, store));

  g_type_ensure (NUDGE_TYPE_DATE_TIME_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/nudgecrm/Nudge/ui/nudge-activity-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeActivityDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, NudgeActivityDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, NudgeActivityDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeActivityDialog, direction_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeActivityDialog, summary_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeActivityDialog, when);
  gtk_widget_class_bind_template_child (widget_class, NudgeActivityDialog, when_reason);
  gtk_widget_class_bind_template_child (widget_class, NudgeActivityDialog, body_view);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, validate_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
}

static void
nudge_activity_dialog_init (NudgeActivityDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (log_kinds); i++)
    gtk_string_list_append (kinds, _(log_kinds[i].label));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->kind_row), G_LIST_MODEL (kinds));
  nudge_date_time_entry_set_unix (NUDGE_DATE_TIME_ENTRY (self->when), nudge_clock_now ());
  validate_cb (self);
}

NudgeActivityDialog *
nudge_activity_dialog_present (GtkWindow    *parent,
                               NudgeContext *context,
                               gint64        deal_id,
                               gint64        contact_id)
{
  NudgeActivityDialog *self;

  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);

  self = g_object_new (NUDGE_TYPE_ACTIVITY_DIALOG, "transient-for", parent, "context", context, NULL);
  self->deal_id = deal_id;
  self->contact_id = contact_id;
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (self->summary_row);
  return self;
}
