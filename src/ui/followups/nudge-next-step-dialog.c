/* nudge-next-step-dialog.c
 *
 * Completing a follow-up without planning the next one is how leads go
 * cold, so the question comes right away and one click answers it. The
 * same question ends every other step that can leave a deal or contact
 * without a dated next step: a new deal, a logged call, the "No next
 * step" row, the card and list menus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-next-step-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-clock.h"
#include "nudge-dialogs.h"
#include "nudge-followups.h"
#include "nudge-next-step-dialog.h"

struct _NudgeNextStepDialog
{
  AdwMessageDialog  parent_instance;

  NudgeContext     *context;
  NudgeStore       *store;        /* the context's */
  gint64            done_id;      /* or, with none done: */
  gint64            deal_id;
  gint64            contact_id;

  GtkEntry         *title_entry;
  GtkExpander      *date_expander;
  GtkCalendar      *calendar;
};

G_DEFINE_FINAL_TYPE (NudgeNextStepDialog, nudge_next_step_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  NEXT_STEP_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The settings' answers, or their defaults where none are installed. */
static gboolean
skip_weekends (NudgeNextStepDialog *self)
{
  GSettings *settings = nudge_context_get_settings (self->context);

  return settings == NULL || g_settings_get_boolean (settings, "skip-weekends");
}

static int
workday_start (NudgeNextStepDialog *self)
{
  GSettings *settings = nudge_context_get_settings (self->context);

  return settings != NULL ? g_settings_get_int (settings, "working-day-start") : 9 * 60;
}

static void
expanded_cb (NudgeNextStepDialog *self)
{
  gboolean expanded = gtk_expander_get_expanded (self->date_expander);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "date", expanded);
  if (expanded)
    adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "date");
}

static void
nudge_next_step_dialog_response (AdwMessageDialog *dialog,
                                 const char       *response)
{
  NudgeNextStepDialog *self = NUDGE_NEXT_STEP_DIALOG (dialog);
  g_autoptr(GError) error = NULL;
  NudgeNextStep step = NUDGE_NEXT_STEP_NONE;
  gint64 date = 0;
  gint64 id;

  if (g_str_equal (response, "1-day"))
    step = NUDGE_NEXT_STEP_1_DAY;
  else if (g_str_equal (response, "3-days"))
    step = NUDGE_NEXT_STEP_3_DAYS;
  else if (g_str_equal (response, "1-week"))
    step = NUDGE_NEXT_STEP_1_WEEK;
  else if (g_str_equal (response, "date"))
    {
      g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
      g_autoptr(GDateTime) noon = nudge_clock_local_new (g_date_time_get_year (day),
                                                        g_date_time_get_month (day),
                                                        g_date_time_get_day_of_month (day), 12, 0, 0);

      step = NUDGE_NEXT_STEP_DATE;
      date = g_date_time_to_unix (noon);
    }

  if (step != NUDGE_NEXT_STEP_NONE)
    {
      const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_entry));

      if (self->done_id > 0)
        id = nudge_followups_add_next_step (self->store, self->done_id, step, date, skip_weekends (self),
                                            title, &error);
      else
        id = nudge_followups_plan_next_step (self->store, self->deal_id, self->contact_id,
                                             &(NudgeNextStepPlan) { step, date, skip_weekends (self), workday_start (self), title, NULL },
                                             &error);
      if (id == 0)
        g_warning ("Could not add the next step: %s", error ? error->message : "");
      else
        g_signal_emit (self, signals[NEXT_STEP_ADDED], 0, id);
    }

  if (ADW_MESSAGE_DIALOG_CLASS (nudge_next_step_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (nudge_next_step_dialog_parent_class)->response (dialog, response);
}

static void
nudge_next_step_dialog_dispose (GObject *object)
{
  NudgeNextStepDialog *self = NUDGE_NEXT_STEP_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (nudge_next_step_dialog_parent_class)->dispose (object);
}

static void
nudge_next_step_dialog_class_init (NudgeNextStepDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = nudge_next_step_dialog_dispose;
  nudge_dialogs_install_context_property (object_class, G_STRUCT_OFFSET (NudgeNextStepDialog, context),
                                          G_STRUCT_OFFSET (NudgeNextStepDialog, store));
  dialog_class->response = nudge_next_step_dialog_response;

  signals[NEXT_STEP_ADDED] =
    g_signal_new ("next-step-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/nudge-next-step-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeNextStepDialog, title_entry);
  gtk_widget_class_bind_template_child (widget_class, NudgeNextStepDialog, date_expander);
  gtk_widget_class_bind_template_child (widget_class, NudgeNextStepDialog, calendar);
}

static void
nudge_next_step_dialog_init (NudgeNextStepDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->date_expander, "notify::expanded", G_CALLBACK (expanded_cb), self);
}

NudgeNextStepDialog *
nudge_next_step_dialog_present (GtkWindow    *parent,
                                NudgeContext *context,
                                gint64        done_followup_id)
{
  g_autoptr(NudgeFollowup) done = NULL;
  NudgeNextStepDialog *self;
  g_autofree char *body = NULL;
  const char *about;

  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);

  if (!(done = nudge_store_get_followup (nudge_context_get_store (context), done_followup_id, NULL)))
    return NULL;

  self = g_object_new (NUDGE_TYPE_NEXT_STEP_DIALOG, "transient-for", parent, "context", context, NULL);
  self->done_id = done_followup_id;

  about = *nudge_followup_get_deal_title (done) ? nudge_followup_get_deal_title (done)
                                                  : nudge_followup_get_contact_name (done);
  if (*about != '\0')
    body = g_strdup_printf (_("“%s” is done. Plan the next follow-up for “%s” so it does not go cold."),
                            nudge_followup_get_title (done), about);
  else
    body = g_strdup_printf (_("“%s” is done. Plan the next follow-up?"), nudge_followup_get_title (done));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), nudge_followup_get_title (done));

  gtk_window_present (GTK_WINDOW (self));
  return self;
}

NudgeNextStepDialog *
nudge_next_step_dialog_present_for_record (GtkWindow    *parent,
                                           NudgeContext *context,
                                           gint64        deal_id,
                                           gint64        contact_id)
{
  NudgeStore *store;
  g_autoptr(NudgeDeal) deal = NULL;
  g_autoptr(NudgeContact) contact = NULL;
  NudgeNextStepDialog *self;
  g_autofree char *body = NULL;
  const char *about;

  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);

  store = nudge_context_get_store (context);
  if (deal_id > 0)
    deal = nudge_store_get_deal (store, deal_id, NULL);
  else if (contact_id > 0)
    contact = nudge_store_get_contact (store, contact_id, NULL);
  if (deal == NULL && contact == NULL)
    return NULL;

  self = g_object_new (NUDGE_TYPE_NEXT_STEP_DIALOG, "transient-for", parent, "context", context, NULL);
  self->deal_id = MAX (deal_id, 0);
  self->contact_id = MAX (contact_id, 0);

  about = deal != NULL ? nudge_deal_get_title (deal) : nudge_contact_get_name (contact);
  /* From a menu it may be asked of a deal that has a step planned. */
  if (nudge_followups_needs_next_step (store, self->deal_id, self->deal_id > 0 ? 0 : self->contact_id))
    body = g_strdup_printf (_("Nothing is planned for “%s”. Plan the next follow-up so it does not go cold."),
                            about);
  else
    body = g_strdup_printf (_("Plan the next follow-up for “%s”."), about);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), _("Follow up"));

  gtk_window_present (GTK_WINDOW (self));
  return self;
}
