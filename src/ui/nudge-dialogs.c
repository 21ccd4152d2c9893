/* nudge-dialogs.c — what the windows, dialogs and editors share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-dialogs.h"

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GQuark
context_offset_quark (void)
{
  return g_quark_from_static_string ("nudge-context-offset");
}

static GQuark
store_offset_quark (void)
{
  return g_quark_from_static_string ("nudge-context-store-offset");
}

/* Where the instance of the class that installed @pspec keeps its
 * context. */
static NudgeContext **
context_slot (GObject    *object,
              GParamSpec *pspec)
{
  gsize offset = GPOINTER_TO_SIZE (g_type_get_qdata (pspec->owner_type, context_offset_quark ()));

  g_assert (offset > 0);
  return G_STRUCT_MEMBER_P (object, offset);
}

/* And its store; NULL for a class that keeps none. */
static NudgeStore **
store_slot (GObject    *object,
            GParamSpec *pspec)
{
  gsize offset = GPOINTER_TO_SIZE (g_type_get_qdata (pspec->owner_type, store_offset_quark ()));

  return offset > 0 ? G_STRUCT_MEMBER_P (object, offset) : NULL;
}

static void
get_context_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    g_value_set_object (value, *context_slot (object, pspec));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
set_context_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  if (prop_id == PROP_CONTEXT)
    {
      NudgeContext *context = g_value_dup_object (value);
      NudgeStore **store = store_slot (object, pspec);

      *context_slot (object, pspec) = context;
      if (store != NULL && context != NULL)
        *store = g_object_ref (nudge_context_get_store (context));
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

void
nudge_dialogs_install_context_property (GObjectClass *klass,
                                        gsize         context_offset,
                                        gsize         store_offset)
{
  g_return_if_fail (G_IS_OBJECT_CLASS (klass));
  g_return_if_fail (context_offset > 0);

  g_type_set_qdata (G_OBJECT_CLASS_TYPE (klass), context_offset_quark (), GSIZE_TO_POINTER (context_offset));
  g_type_set_qdata (G_OBJECT_CLASS_TYPE (klass), store_offset_quark (), GSIZE_TO_POINTER (store_offset));
  klass->get_property = get_context_property;
  klass->set_property = set_context_property;
  g_object_class_install_property (klass, PROP_CONTEXT, nudge_context_param_spec ());
}

/* An editor on its way out: hidden, destroyed after the next frame of
 * the window it was over, or after a moment if none comes. */
typedef struct
{
  GtkWindow     *editor;
  GdkFrameClock *clock;
  gulong         paint_id;
  guint          timeout_id;
} Closing;

static void
closing_finish (Closing *closing)
{
  /* GDK drops the handlers of a window's clock with the window. */
  if (closing->paint_id != 0 && g_signal_handler_is_connected (closing->clock, closing->paint_id))
    g_signal_handler_disconnect (closing->clock, closing->paint_id);
  g_clear_handle_id (&closing->timeout_id, g_source_remove);
  gtk_window_destroy (closing->editor);
  g_object_unref (closing->editor);
  g_clear_object (&closing->clock);
  g_free (closing);
}

static void
closing_painted_cb (GdkFrameClock *clock,
                    Closing       *closing)
{
  closing_finish (closing);
}

static gboolean
closing_timeout_cb (gpointer data)
{
  Closing *closing = data;

  closing->timeout_id = 0;
  closing_finish (closing);
  return G_SOURCE_REMOVE;
}

void
nudge_editor_close_saved (GtkWindow *editor)
{
  GtkWindow *parent;
  Closing *closing;

  g_return_if_fail (GTK_IS_WINDOW (editor));

  parent = gtk_window_get_transient_for (editor);
  closing = g_new0 (Closing, 1);
  closing->editor = g_object_ref (editor);
  gtk_widget_set_visible (GTK_WIDGET (editor), FALSE);
  if (parent != NULL && gtk_widget_get_mapped (GTK_WIDGET (parent)) &&
      (closing->clock = gtk_widget_get_frame_clock (GTK_WIDGET (parent))) != NULL)
    {
      g_object_ref (closing->clock);
      closing->paint_id = g_signal_connect (closing->clock, "after-paint", G_CALLBACK (closing_painted_cb), closing);
      gtk_widget_queue_draw (GTK_WIDGET (parent));
    }
  closing->timeout_id = g_timeout_add (closing->clock != NULL ? 500 : 0, closing_timeout_cb, closing);
}

GtkWidget *
nudge_editor_add_entry_row (GtkWidget  *group,
                            const char *title,
                            const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

GtkWidget *
nudge_suffix_row_new (const char *title,
                      const char *subtitle,
                      GtkWidget  *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  g_return_val_if_fail (GTK_IS_WIDGET (suffix), NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  /* Named by the row, as its activatable widget: a label of its own
   * made screen readers say the title twice. */
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), suffix);
  return row;
}

GtkWidget *
nudge_spin_row_new (const char  *title,
                    const char  *subtitle,
                    int          max,
                    int          value,
                    GtkWidget  **spin)
{
  g_return_val_if_fail (spin != NULL, NULL);

  *spin = gtk_spin_button_new_with_range (0, max, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (*spin), value);
  return nudge_suffix_row_new (title, subtitle, *spin);
}

char *
nudge_editor_dup_text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
nudge_editor_show_error (GtkWidget    *error_label,
                         const GError *error)
{
  gtk_label_set_label (GTK_LABEL (error_label), error->message);
  gtk_widget_set_visible (error_label, TRUE);
}

/* Says what went wrong, over @parent, with a Close button. */
void
nudge_error_dialog_present (GtkWindow  *parent,
                            const char *heading,
                            const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A file chooser's answer goes to its owner. */
typedef struct
{
  GObject         *owner;
  NudgeFileChosen  chosen;
} FileChoice;

static void
file_choice_response_cb (GtkNativeDialog *dialog,
                         int              response,
                         FileChoice      *choice)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    choice->chosen (choice->owner, file);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (choice->owner);
  g_free (choice);
}

/**
 * nudge_file_chooser_new:
 * @parent: (nullable): the window it is over
 * @accept_label: the button that takes the file; the other one cancels
 * @owner: what @chosen is called with, kept until the chooser is answered
 * @chosen: called with the file picked; not called on Cancel
 *
 * Returns: (transfer none): a file chooser to set up and show with
 * gtk_native_dialog_show(); it goes once answered
 */
GtkFileChooser *
nudge_file_chooser_new (GtkWindow            *parent,
                        const char           *title,
                        GtkFileChooserAction  action,
                        const char           *accept_label,
                        gpointer              owner,
                        NudgeFileChosen       chosen)
{
  GtkFileChooserNative *dialog;
  FileChoice *choice;

  g_return_val_if_fail (G_IS_OBJECT (owner), NULL);

  dialog = gtk_file_chooser_native_new (title, parent, action, accept_label, _("_Cancel"));
  choice = g_new0 (FileChoice, 1);
  choice->owner = g_object_ref (owner);
  choice->chosen = chosen;
  g_signal_connect (dialog, "response", G_CALLBACK (file_choice_response_cb), choice);
  return GTK_FILE_CHOOSER (dialog);
}

AdwMessageDialog *
nudge_question_dialog_new (GtkWindow             *parent,
                           const char            *response,
                           const char            *label,
                           AdwResponseAppearance  appearance)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, NULL, NULL));

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    response, label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, response, appearance);
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

static void
dialog_gone (gpointer  data,
             GObject  *dialog)
{
  NudgeDialogReply *reply = data;

  if (reply->destroy != NULL)
    reply->destroy (reply->user_data);
  g_free (reply);
}

NudgeDialogReply *
nudge_dialog_reply_new (AdwMessageDialog *dialog,
                        GCallback         func,
                        gpointer          user_data,
                        GDestroyNotify    destroy)
{
  NudgeDialogReply *reply = g_new0 (NudgeDialogReply, 1);

  reply->func = func;
  reply->user_data = user_data;
  reply->destroy = destroy;
  g_object_weak_ref (G_OBJECT (dialog), dialog_gone, reply);
  return reply;
}

/* A choice, and a check mark on the chosen one, as AdwComboRow's own
 * list has it */
static void
setup_choice_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

static void
update_check (AdwComboRow *row,
              GParamSpec  *pspec,
              GtkListItem *item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (check, adw_combo_row_get_selected_item (row) == gtk_list_item_get_item (item) ? 1 : 0);
}

static void
bind_choice_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                AdwComboRow              *row)
{
  GtkStringObject *choice = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (item));

  gtk_label_set_label (GTK_LABEL (label), gtk_string_object_get_string (choice));
  update_check (row, NULL, item);
  g_signal_connect_object (row, "notify::selected-item", G_CALLBACK (update_check), item, 0);
}

static void
unbind_choice_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  AdwComboRow              *row)
{
  g_signal_handlers_disconnect_by_func (row, update_check, item);
}

/* The chosen one on the row, whole: the row wraps its subtitle for it */
static void
setup_value_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
bind_value_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkStringObject *choice = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (choice));
}

void
nudge_combo_row_show_whole_choices (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) value_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  g_signal_connect (value_factory, "setup", G_CALLBACK (setup_value_cb), NULL);
  g_signal_connect (value_factory, "bind", G_CALLBACK (bind_value_cb), NULL);
  adw_combo_row_set_factory (row, value_factory);
  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_choice_cb), NULL);
  g_signal_connect (list_factory, "bind", G_CALLBACK (bind_choice_cb), row);
  g_signal_connect (list_factory, "unbind", G_CALLBACK (unbind_choice_cb), row);
  adw_combo_row_set_list_factory (row, list_factory);
}
