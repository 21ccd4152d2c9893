/* nudge-quick-capture.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-quick-capture"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-capture.h"
#include "nudge-clock.h"
#include "nudge-dialogs.h"
#include "nudge-followup-settings.h"
#include "nudge-followups.h"
#include "nudge-quick-capture.h"
#include "nudge-record-picker.h"
#include "nudge-view-actions.h"
#include "nudge-window.h"
#include "nudge-worker.h"

struct _NudgeQuickCapture
{
  GtkPopover         parent_instance;

  NudgeContext      *context;
  NudgeStore        *store;         /* the context's */
  NudgeCapture      *capture;       /* the last parse of the entry's text */
  GCancellable      *cancellable;   /* the parse under way */
  guint              parse_id;      /* waiting for the typing to pause */
  gboolean           save_when_parsed;

  GtkEntry          *entry;
  GtkWidget         *preview;
  AdwActionRow      *kind_row;
  AdwActionRow      *link_row;
  AdwActionRow      *when_row;
  AdwActionRow      *title_row;
  GtkWidget         *choice_box;
  GtkLabel          *choice_label;
  GtkListBox        *candidates;
  GtkWidget         *picker_box;
  NudgeRecordPicker *picker;
  GtkLabel          *hint;
};

G_DEFINE_FINAL_TYPE (NudgeQuickCapture, nudge_quick_capture, GTK_TYPE_POPOVER)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  GCancellable *cancellable;
  char         *text;
  GDateTime    *now;
  NudgeCapture *capture;
} ParseJob;

static void
parse_job_free (gpointer data)
{
  ParseJob *job = data;

  g_clear_object (&job->cancellable);
  g_free (job->text);
  g_date_time_unref (job->now);
  nudge_capture_free (job->capture);
  g_free (job);
}

static const char *
entity_label (NudgeEntity entity)
{
  return entity == NUDGE_ENTITY_DEAL ? _("Deal") : _("Contact");
}

static void
clear_candidates (NudgeQuickCapture *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->candidates))) != NULL)
    gtk_list_box_remove (self->candidates, child);
}

/* The candidate the user chose from the list, or NULL */
static const NudgeCaptureCandidate *
chosen_candidate (NudgeQuickCapture *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->candidates);
  int index;

  if (row == NULL || self->capture == NULL)
    return NULL;
  index = gtk_list_box_row_get_index (row);
  if (index < 0 || (guint) index >= self->capture->candidates->len)
    return NULL;
  return g_ptr_array_index (self->capture->candidates, index);
}

static void
update_link_row (NudgeQuickCapture *self)
{
  const NudgeCaptureCandidate *link;

  if (self->capture == NULL)
    return;
  link = nudge_capture_get_link (self->capture);
  if (link == NULL)
    link = chosen_candidate (self);

  if (link != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->link_row), link->name);
      adw_action_row_set_subtitle (self->link_row, entity_label (link->entity));
      adw_action_row_set_icon_name (self->link_row, link->entity == NUDGE_ENTITY_DEAL ?
                                    "nudge-pipeline-symbolic" : "avatar-default-symbolic");
    }
  else if (self->capture->candidates->len > 1)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->link_row), _("Choose below"));
      /* Translators: %s is a name as typed, e.g. "Jan" */
      g_autofree char *what = g_strdup_printf (_("“%s” could be several"), self->capture->name);
      adw_action_row_set_subtitle (self->link_row, what);
      adw_action_row_set_icon_name (self->link_row, "dialog-question-symbolic");
    }
  else if (nudge_record_picker_get_record (self->picker, NULL) > 0)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->link_row),
                                     nudge_record_picker_get_text (self->picker));
      adw_action_row_set_subtitle (self->link_row, _("Chosen"));
      adw_action_row_set_icon_name (self->link_row, "avatar-default-symbolic");
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->link_row), _("No one"));
      adw_action_row_set_subtitle (self->link_row, _("Saved without a link"));
      adw_action_row_set_icon_name (self->link_row, "dialog-information-symbolic");
    }
}

static void
show_capture (NudgeQuickCapture *self)
{
  NudgeCapture *capture = self->capture;
  g_autofree char *when = NULL;
  gboolean ambiguous;

  gtk_widget_set_visible (self->preview, capture != NULL);
  clear_candidates (self);
  if (capture == NULL)
    {
      gtk_widget_set_visible (self->choice_box, FALSE);
      gtk_widget_set_visible (self->picker_box, FALSE);
      return;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), nudge_capture_kind_label (capture->kind));
  adw_action_row_set_subtitle (self->kind_row, capture->has_kind ? _("Kind") : _("Kind (no word for it: a task)"));
  adw_action_row_set_icon_name (self->kind_row, nudge_capture_kind_icon (capture->kind));

  when = nudge_capture_format_when (capture, nudge_clock_now ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->when_row), when);
  adw_action_row_set_subtitle (self->when_row,
                               capture->has_day || capture->has_time ? _("When") :
                               _("When (nothing said: the start of the working day)"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->title_row), capture->title);

  ambiguous = capture->candidates->len > 1;
  if (ambiguous)
    {
      /* Translators: %s is a name as typed, e.g. "Jan" */
      g_autofree char *question = g_strdup_printf (_("Which “%s”?"), capture->name);

      gtk_label_set_text (self->choice_label, question);
      for (guint i = 0; i < capture->candidates->len; i++)
        {
          NudgeCaptureCandidate *c = g_ptr_array_index (capture->candidates, i);
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->name);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          g_autofree char *subtitle = c->detail != NULL
                                      /* TRANSLATORS: a record's kind, then its company or
                                       * e-mail: "Contact · Stavby Novák s.r.o." */
                                      ? g_strdup_printf (C_("candidate", "%s · %s"), entity_label (c->entity), c->detail)
                                      : g_strdup (entity_label (c->entity));

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_list_box_append (self->candidates, row);
        }
    }
  gtk_widget_set_visible (self->choice_box, ambiguous);
  gtk_widget_set_visible (self->picker_box, capture->candidates->len == 0);
  update_link_row (self);
}

static void
parse_done (gpointer      owner,
            gpointer      data,
            const GError *error)
{
  NudgeQuickCapture *self = owner;
  ParseJob *job = data;

  /* A parse of text typed over since */
  if (job->cancellable != self->cancellable)
    return;
  g_clear_object (&self->cancellable);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
        g_warning ("Could not read the follow-up: %s", error->message);
      self->save_when_parsed = FALSE;
      show_capture (self);
      return;
    }
  g_clear_pointer (&self->capture, nudge_capture_free);
  self->capture = g_steal_pointer (&job->capture);
  show_capture (self);
  if (self->save_when_parsed)
    {
      self->save_when_parsed = FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self), "capture.save", NULL);
    }
}

static gboolean
parse_in_worker (NudgeStore    *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  ParseJob *job = data;

  job->capture = nudge_capture_parse (store, job->text, job->now, error);
  return job->capture != NULL;
}

/* Typing pauses this long before the book is searched: one parse per
 * pause, not one per key. */
#define PARSE_DELAY_MS 120

static gboolean
parse_timeout_cb (gpointer user_data)
{
  NudgeQuickCapture *self = user_data;
  ParseJob *job = g_new0 (ParseJob, 1);

  self->parse_id = 0;
  job->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  job->now = nudge_clock_now_local ();
  self->cancellable = g_cancellable_new ();
  job->cancellable = g_object_ref (self->cancellable);
  nudge_worker_run (self->store, parse_in_worker, job, parse_job_free, self->cancellable,
                    parse_done, self);
  return G_SOURCE_REMOVE;
}

static void
entry_changed_cb (NudgeQuickCapture *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->parse_id, g_source_remove);
  g_clear_pointer (&self->capture, nudge_capture_free);
  nudge_record_picker_set_record (self->picker, NUDGE_ENTITY_CONTACT, 0);
  gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
  if (*stripped == '\0')
    {
      self->save_when_parsed = FALSE;
      show_capture (self);
      return;
    }
  self->parse_id = g_timeout_add (PARSE_DELAY_MS, parse_timeout_cb, self);
}

static void
candidate_selected_cb (NudgeQuickCapture *self)
{
  update_link_row (self);
}

/* Undo of a capture: the follow-up is cancelled, as if never planned. */
static gboolean
cancel_added (NudgeStore  *store,
              gpointer     undo,
              GError     **error)
{
  return nudge_followups_cancel (store, *(gint64 *) undo, error);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NudgeQuickCapture *self = NUDGE_QUICK_CAPTURE (widget);
  const NudgeCaptureCandidate *link;
  g_autoptr(GError) error = NULL;
  NudgeEntity entity = NUDGE_ENTITY_CONTACT;
  gint64 link_id = 0, id;
  GtkRoot *root;

  if (self->parse_id != 0 || self->cancellable != NULL)
    {
      self->save_when_parsed = TRUE;
      return;
    }
  if (self->capture == NULL)
    return;

  if ((link = nudge_capture_get_link (self->capture)) != NULL ||
      (link = chosen_candidate (self)) != NULL)
    {
      entity = link->entity;
      link_id = link->id;
    }
  else if (self->capture->candidates->len > 1)
    {
      /* Ambiguous: ask, do not guess */
      GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->candidates, 0);

      gtk_widget_error_bell (GTK_WIDGET (self));
      if (first != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (first));
      return;
    }
  else
    link_id = nudge_record_picker_get_record (self->picker, &entity);

  if (!(id = nudge_capture_save (self->store, self->capture, entity, link_id,
                                 nudge_followup_default_remind_minutes (nudge_context_get_settings (self->context)), &error)))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
      gtk_label_set_text (self->hint, error->message);
      return;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (NUDGE_IS_WINDOW (root))
    {
      /* Typed fast, read back in the toast: a wrong day or person is
       * taken back with Undo. */
      AdwToast *toast = adw_toast_new (_("Follow-up added"));

      nudge_toast_set_store_undo (toast, self->store, cancel_added, g_memdup2 (&id, sizeof id), g_free,
                                  "Could not take the follow-up back");
      nudge_window_add_toast (NUDGE_WINDOW (root), toast);
    }
  g_signal_emit (self, signals[SAVED], 0, id);
  gtk_popover_popdown (GTK_POPOVER (self));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
}

static void
row_activated_cb (NudgeQuickCapture *self,
                  GtkListBoxRow     *row)
{
  gtk_list_box_select_row (self->candidates, row);
  gtk_widget_activate_action (GTK_WIDGET (self), "capture.save", NULL);
}

static void
entry_activate_cb (NudgeQuickCapture *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "capture.save", NULL);
}

/* Down from the entry while it asks "Which Pokorný?": straight to the
 * names to choose from (the chosen one, else the first), past the rows
 * of what was understood, as a completion list goes. */
static gboolean
entry_key_pressed_cb (NudgeQuickCapture *self,
                      guint              keyval,
                      guint              keycode,
                      GdkModifierType    state)
{
  GtkListBoxRow *row;

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0 ||
      !gtk_widget_get_visible (self->choice_box))
    return FALSE;
  row = gtk_list_box_get_selected_row (self->candidates);
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->candidates, 0);
  return row != NULL && gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
shown_cb (NudgeQuickCapture *self)
{
  gtk_label_set_text (self->hint, _("Enter saves, Escape cancels"));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
nudge_quick_capture_dispose (GObject *object)
{
  NudgeQuickCapture *self = (NudgeQuickCapture *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->parse_id, g_source_remove);
  g_clear_pointer (&self->capture, nudge_capture_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_QUICK_CAPTURE);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (nudge_quick_capture_parent_class)->dispose (object);
}

static void
nudge_quick_capture_constructed (GObject *object)
{
  NudgeQuickCapture *self = NUDGE_QUICK_CAPTURE (object);

  G_OBJECT_CLASS (nudge_quick_capture_parent_class)->constructed (object);
  g_assert (NUDGE_IS_CONTEXT (self->context));
  nudge_record_picker_set_context (self->picker, self->context);
}

static void
nudge_quick_capture_class_init (NudgeQuickCaptureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nudge_quick_capture_constructed;
  object_class->dispose = nudge_quick_capture_dispose;
  nudge_dialogs_install_context_property (object_class, G_STRUCT_OFFSET (NudgeQuickCapture, context),
                                          G_STRUCT_OFFSET (NudgeQuickCapture, store));

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (NUDGE_TYPE_RECORD_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/nudge-quick-capture.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeQuickCapture, entry);
  gtk_widget_class_bind_template_child (widget_class, NudgeQuickCapture, preview);
  gtk_widget_class_bind_template_child (widget_class, NudgeQuickCapture, kind_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeQuickCapture, link_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeQuickCapture, when_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeQuickCapture, title_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeQuickCapture, choice_box);
  gtk_widget_class_bind_template_child (widget_class, NudgeQuickCapture, choice_label);
  gtk_widget_class_bind_template_child (widget_class, NudgeQuickCapture, candidates);
  gtk_widget_class_bind_template_child (widget_class, NudgeQuickCapture, picker_box);
  gtk_widget_class_bind_template_child (widget_class, NudgeQuickCapture, picker);
  gtk_widget_class_bind_template_child (widget_class, NudgeQuickCapture, hint);

  gtk_widget_class_install_action (widget_class, "capture.save", NULL, save_action);
}

static void
nudge_quick_capture_init (NudgeQuickCapture *self)
{
  AdwActionRow *rows[4];
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Names and titles as typed: "Smith & Sons" is no markup */
  rows[0] = self->kind_row, rows[1] = self->link_row, rows[2] = self->when_row, rows[3] = self->title_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (rows[i]), FALSE);

  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (entry_changed_cb), self);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (entry_activate_cb), self);
  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (entry_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), controller);
  g_signal_connect_swapped (self->candidates, "selected-rows-changed", G_CALLBACK (candidate_selected_cb), self);
  g_signal_connect_swapped (self->candidates, "row-activated", G_CALLBACK (row_activated_cb), self);
  g_signal_connect_swapped (self->picker, "notify::record-id", G_CALLBACK (update_link_row), self);
  g_signal_connect (self, "show", G_CALLBACK (shown_cb), NULL);
  show_capture (self);
}

GtkWidget *
nudge_quick_capture_new (NudgeContext *context)
{
  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);

  return g_object_new (NUDGE_TYPE_QUICK_CAPTURE, "context", context, NULL);
}

char *
nudge_quick_capture_dup_preview (NudgeQuickCapture *self)
{
  AdwActionRow *rows[] = { self->kind_row, self->link_row, self->when_row, self->title_row };
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (NUDGE_IS_QUICK_CAPTURE (self), NULL);

  if (nudge_quick_capture_is_busy (self) || self->capture == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_string_append_printf (text, "%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[i])));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
nudge_quick_capture_is_busy (NudgeQuickCapture *self)
{
  g_return_val_if_fail (NUDGE_IS_QUICK_CAPTURE (self), FALSE);

  return self->parse_id != 0 || self->cancellable != NULL;
}
