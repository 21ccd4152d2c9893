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
#include "nudge-date-time-entry.h"
#include "nudge-dialogs.h"
#include "nudge-followup-settings.h"
#include "nudge-followups.h"
#include "nudge-format.h"
#include "nudge-next-step-dialog.h"
#include "nudge-view-actions.h"

struct _NudgeNextStepDialog
{
  AdwMessageDialog    parent_instance;

  NudgeContext       *context;
  NudgeStore         *store;       /* the context's */
  gint64              done_id;
  NudgeFollowup      *done;        /* as it was when asked */
  NudgeFollowupsUndo *undo;        /* the Done's, which the step joins; or NULL */
  gint64              deal_id;     /* these two with none done */
  gint64              contact_id;

  GtkEntry           *title_entry;
  GtkExpander        *date_expander;
  GtkCalendar        *calendar;
  GtkLabel           *date_error;

  gboolean            answered;     /* a response has been emitted */
  gboolean            held_open;    /* a button's close was held until its response */
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
  return nudge_followup_skip_weekends (nudge_context_get_settings (self->context));
}

static int
workday_start (NudgeNextStepDialog *self)
{
  return nudge_followup_workday_start (nudge_context_get_settings (self->context));
}

/* Noon of the day the calendar shows picked: the core takes its day. */
static gint64
picked_date (NudgeNextStepDialog *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) noon = nudge_clock_local_new (g_date_time_get_year (day), g_date_time_get_month (day),
                                                    g_date_time_get_day_of_month (day), 12, 0, 0);

  return g_date_time_to_unix (noon);
}

/* When the step "On the Date" would plan is due, as the core will plan it. */
static gint64
picked_due (NudgeNextStepDialog *self)
{
  NudgeNextStepPlan plan = { NUDGE_NEXT_STEP_DATE, picked_date (self), skip_weekends (self),
                             workday_start (self), NULL, NULL };

  if (self->done != NULL)
    return nudge_followups_next_step_due (self->done, NUDGE_NEXT_STEP_DATE, plan.date, plan.skip_weekends);
  return nudge_followups_plan_due (&plan);
}

/* A day that has passed (or today after the hour the step would have)
 * would plan a step that is overdue the moment it is saved: such a day
 * cannot be answered, and the calendar says why beneath it. The core
 * refuses it too. While the calendar is folded, "On the Date" unfolds
 * it (see nudge_next_step_dialog_close_request()). */
static void
update_date_response (NudgeNextStepDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  gboolean expanded = gtk_expander_get_expanded (self->date_expander);
  gint64 now = nudge_clock_now ();
  gint64 due = picked_due (self);
  gboolean past = due <= now;

  if (past && nudge_days_between (now, due) < 0)
    gtk_label_set_text (self->date_error, _("That day is in the past. Pick today or a later day."));
  else if (past)
    {
      g_autofree char *time = nudge_format_time (due);
      /* TRANSLATORS: %s is a time of day ("9:00"), when a next step
       * planned for today would be due */
      g_autofree char *message = g_strdup_printf (_("The next step would be due today at %s, which has passed. "
                                                    "Pick a later day."), time);

      gtk_label_set_text (self->date_error, message);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->date_error), expanded && past);
  adw_message_dialog_set_response_enabled (dialog, "date", !expanded || !past);
  if (expanded && !past)
    adw_message_dialog_set_default_response (dialog, "date");
  else if (g_strcmp0 (adw_message_dialog_get_default_response (dialog), "date") == 0)
    adw_message_dialog_set_default_response (dialog, "3-days");
}

/* Whether the follow-up asked about is still as its Done left it: an
 * Undo (the toast's, Ctrl+Z, another window's) may have put it back. */
static gboolean
still_done (NudgeNextStepDialog *self)
{
  g_autoptr(NudgeFollowup) now = nudge_store_get_followup (self->store, self->done_id, NULL);

  return now != NULL && g_strcmp0 (nudge_followup_get_status (now), nudge_followup_get_status (self->done)) == 0;
}

/* A question about a follow-up that is no longer done goes, unanswered:
 * its answer would plan a step beside the follow-up put back. */
static void
store_changes_cb (NudgeNextStepDialog *self,
                  NudgeChangeSet      *changes,
                  NudgeStore          *store)
{
  if (self->answered ||
      (!nudge_change_set_lookup (changes, NUDGE_ENTITY_FOLLOWUP, self->done_id, NULL) &&
       !nudge_change_set_is_all (changes, NUDGE_ENTITY_FOLLOWUP)) ||
      still_done (self))
    return;
  gtk_window_close (GTK_WINDOW (self));
}

/* The dialog closes on any answer: a step that could not be saved is
 * said over the window it was asked on. */
static void
show_save_error (NudgeNextStepDialog *self,
                 const GError        *error)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent == NULL)
    {
      g_warning ("Could not add the next step: %s", error->message);
      return;
    }
  nudge_error_dialog_present (parent, _("Could Not Plan the Next Step"), error->message);
}

/* AdwMessageDialog closes itself before it says which button was
 * clicked, and a close with no answer yet can only be a button's (a
 * close from Escape or the window answers "none" first). While the
 * calendar is folded that button may be "On the Date", which must unfold
 * it and stay: the close is held until the response says which it was. */
static gboolean
nudge_next_step_dialog_close_request (GtkWindow *window)
{
  NudgeNextStepDialog *self = NUDGE_NEXT_STEP_DIALOG (window);

  /* AdwMessageDialog's answers a close that no button made. */
  if (GTK_WINDOW_CLASS (nudge_next_step_dialog_parent_class)->close_request (window))
    return TRUE;
  if (self->answered || gtk_expander_get_expanded (self->date_expander))
    return FALSE;
  self->held_open = TRUE;
  return TRUE;
}

static void
nudge_next_step_dialog_response (AdwMessageDialog *dialog,
                                 const char       *response)
{
  NudgeNextStepDialog *self = NUDGE_NEXT_STEP_DIALOG (dialog);
  g_autoptr(GError) error = NULL;
  NudgeNextStep step = NUDGE_NEXT_STEP_NONE;
  gboolean held_open = self->held_open;
  gint64 date = 0;
  gint64 id;

  self->held_open = FALSE;
  /* Not an answer yet: the day is to be picked. */
  if (g_str_equal (response, "date") && !gtk_expander_get_expanded (self->date_expander))
    {
      nudge_next_step_dialog_unfold_calendar (self);
      return;
    }
  self->answered = TRUE;

  if (g_str_equal (response, "1-day"))
    step = NUDGE_NEXT_STEP_1_DAY;
  else if (g_str_equal (response, "3-days"))
    step = NUDGE_NEXT_STEP_3_DAYS;
  else if (g_str_equal (response, "1-week"))
    step = NUDGE_NEXT_STEP_1_WEEK;
  else if (g_str_equal (response, "date"))
    {
      step = NUDGE_NEXT_STEP_DATE;
      date = picked_date (self);
    }

  /* Undone meanwhile, in the same turn of the main loop */
  if (self->done_id > 0 && !still_done (self))
    step = NUDGE_NEXT_STEP_NONE;
  if (step != NUDGE_NEXT_STEP_NONE)
    {
      const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_entry));

      if (self->done_id > 0 && self->undo != NULL)
        id = nudge_followups_undo_add_next_step (self->store, self->undo, self->done_id, step, date,
                                                 skip_weekends (self), title, &error);
      else if (self->done_id > 0)
        id = nudge_followups_add_next_step (self->store, self->done_id, step, date, skip_weekends (self),
                                            title, &error);
      else
        id = nudge_followups_plan_next_step (self->store, self->deal_id, self->contact_id,
                                             &(NudgeNextStepPlan) { step, date, skip_weekends (self), workday_start (self), title, NULL },
                                             &error);
      if (id == 0)
        show_save_error (self, error);
      else
        g_signal_emit (self, signals[NEXT_STEP_ADDED], 0, id);
    }

  if (ADW_MESSAGE_DIALOG_CLASS (nudge_next_step_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (nudge_next_step_dialog_parent_class)->response (dialog, response);
  if (held_open)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
nudge_next_step_dialog_constructed (GObject *object)
{
  G_OBJECT_CLASS (nudge_next_step_dialog_parent_class)->constructed (object);
  /* The due time "On the Date" would plan goes by the context's settings. */
  update_date_response (NUDGE_NEXT_STEP_DIALOG (object));
}

static void
nudge_next_step_dialog_dispose (GObject *object)
{
  NudgeNextStepDialog *self = NUDGE_NEXT_STEP_DIALOG (object);

  g_clear_pointer (&self->undo, nudge_followups_undo_free);
  g_clear_object (&self->done);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (nudge_next_step_dialog_parent_class)->dispose (object);
}

static void
nudge_next_step_dialog_class_init (NudgeNextStepDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->constructed = nudge_next_step_dialog_constructed;
  object_class->dispose = nudge_next_step_dialog_dispose;
  nudge_dialogs_install_context_property (object_class, G_STRUCT_OFFSET (NudgeNextStepDialog, context),
                                          G_STRUCT_OFFSET (NudgeNextStepDialog, store));
  window_class->close_request = nudge_next_step_dialog_close_request;
  dialog_class->response = nudge_next_step_dialog_response;

  signals[NEXT_STEP_ADDED] =
    g_signal_new ("next-step-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/nudge-next-step-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeNextStepDialog, title_entry);
  gtk_widget_class_bind_template_child (widget_class, NudgeNextStepDialog, date_expander);
  gtk_widget_class_bind_template_child (widget_class, NudgeNextStepDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, NudgeNextStepDialog, date_error);
}

static void
nudge_next_step_dialog_init (NudgeNextStepDialog *self)
{
  g_autoptr(GDateTime) today = nudge_clock_local_from_unix (nudge_clock_now ());

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The app's today, not the system's: they differ under NUDGE_NOW and
   * in tests, and the check below goes by the app's. */
  gtk_calendar_select_day (self->calendar, today);
  g_signal_connect_swapped (self->date_expander, "notify::expanded", G_CALLBACK (update_date_response), self);
  /* Moving to another month or year changes the date without a click. */
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (update_date_response), self);
  g_signal_connect_swapped (self->calendar, "notify::day", G_CALLBACK (update_date_response), self);
  g_signal_connect_swapped (self->calendar, "notify::month", G_CALLBACK (update_date_response), self);
  g_signal_connect_swapped (self->calendar, "notify::year", G_CALLBACK (update_date_response), self);
  /* The arrow keys go from today, not from the grid's top-left day. */
  nudge_date_time_entry_steer_calendar (self->calendar);
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
  self->done = g_object_ref (done);
  g_signal_connect_object (self->store, "changes", G_CALLBACK (store_changes_cb), self, G_CONNECT_SWAPPED);

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

void
nudge_next_step_dialog_set_undo (NudgeNextStepDialog *self,
                                 NudgeFollowupsUndo  *undo)
{
  g_return_if_fail (NUDGE_IS_NEXT_STEP_DIALOG (self));
  g_return_if_fail (self->done_id > 0);

  g_clear_pointer (&self->undo, nudge_followups_undo_free);
  self->undo = undo != NULL ? nudge_followups_undo_ref (undo) : NULL;
}

void
nudge_next_step_dialog_unfold_calendar (NudgeNextStepDialog *self)
{
  g_return_if_fail (NUDGE_IS_NEXT_STEP_DIALOG (self));

  gtk_expander_set_expanded (self->date_expander, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->calendar));
}

gboolean
nudge_next_step_dialog_complete (GtkWindow     *parent,
                                 NudgeContext  *context,
                                 NudgeStore    *store,
                                 GtkWidget     *toast_widget,
                                 gint64         id,
                                 gint64         occurrence,
                                 GError       **error)
{
  g_autoptr(NudgeFollowup) done = NULL;
  NudgeFollowupsUndo *undo = NULL;
  NudgeNextStepDialog *dialog;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  /* The toast names what was done. */
  if ((done = nudge_store_get_followup (store, id, error)) &&
      (undo = nudge_followups_undo_begin (store, &id, 1, error)))
    undo = nudge_followups_undo_end (store, undo, nudge_followups_complete (store, id, occurrence, error), error);
  if (undo == NULL)
    return FALSE;
  /* The next step joins the Done's record: its Undo takes both back. */
  if (nudge_followups_needs_next_step_after (store, id) &&
      (dialog = nudge_next_step_dialog_present (parent, context, id)))
    nudge_next_step_dialog_set_undo (dialog, undo);
  nudge_view_show_done_undo (toast_widget, nudge_followup_get_title (done), store,
                             (NudgeStoreUndoFunc) nudge_followups_undo, undo,
                             (GDestroyNotify) nudge_followups_undo_free);
  return TRUE;
}
