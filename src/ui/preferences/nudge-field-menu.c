/* nudge-field-menu.c — Insert Field: a template's fields by name
 *
 * Rules and cadences store their fields as {contact}, {deal}, … (see
 * nudge-template.h). Nobody has to read or type those by heart: a text
 * shows them by their translated names, ‹contact›, and is read back
 * into the form stored; the menu lists them by name and inserts one at
 * the cursor; and a name that is no field says so while it is typed,
 * before it could go out to a customer. A text with a ‹ or › of its
 * own is edited as stored, so that it is saved back the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-field-menu"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "nudge-dialogs.h"
#include "nudge-field-menu.h"
#include "nudge-template.h"
#include "nudge-types.h"

/* The widget that takes the keyboard for @target: its GtkText when it
 * is an entry or an entry row. */
static GtkWidget *
focus_widget (GtkWidget *target)
{
  GtkWidget *widget = target;

  while (GTK_IS_EDITABLE (widget) && !GTK_IS_TEXT (widget) && gtk_editable_get_delegate (GTK_EDITABLE (widget)))
    widget = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (widget)));
  return widget;
}

/* What a text with fields keeps, on the text itself: whether it shows
 * them by name, its Insert Field button, and its check as typed. */
typedef struct
{
  GtkWidget *target;       /* not held: this lives on it */
  gboolean   shown;
  GtkWidget *button;       /* a weak pointer, or NULL */
  GtkWidget *marked;       /* what the check marks; NULL until it checks */
  char      *label;
  GtkWidget *error_label;
  gboolean   in_error;
} FieldText;

static void
field_text_free (gpointer data)
{
  FieldText *text = data;

  g_clear_weak_pointer (&text->button);
  g_free (text->label);
  g_free (text);
}

static FieldText *
field_text (GtkWidget *target)
{
  FieldText *text = g_object_get_data (G_OBJECT (target), "nudge-field-text");

  if (text == NULL)
    {
      text = g_new0 (FieldText, 1);
      text->target = target;
      g_object_set_data_full (G_OBJECT (target), "nudge-field-text", text, field_text_free);
    }
  return text;
}

static gboolean
is_shown (GtkWidget *target)
{
  return field_text (target)->shown;
}

static void
insert_field (GtkWidget  *target,
              const char *key)
{
  g_autofree char *stored = nudge_template_field_text (key);
  g_autofree char *text = is_shown (target) ? nudge_template_describe (stored) : g_strdup (stored);
  GtkWidget *focus = focus_widget (target);

  if (GTK_IS_TEXT_VIEW (target))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (target));

      gtk_text_buffer_begin_user_action (buffer);
      gtk_text_buffer_delete_selection (buffer, TRUE, gtk_text_view_get_editable (GTK_TEXT_VIEW (target)));
      gtk_text_buffer_insert_at_cursor (buffer, text, -1);
      gtk_text_buffer_end_user_action (buffer);
      gtk_widget_grab_focus (target);
      gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (target), gtk_text_buffer_get_insert (buffer));
    }
  else
    {
      GtkEditable *editable = GTK_EDITABLE (target);
      int start, end, position;

      /* A word selected is replaced; all of it selected is most likely
       * the entry's own doing when it took the focus: added to. */
      if (gtk_editable_get_selection_bounds (editable, &start, &end) &&
          (start > 0 || end < (int) g_utf8_strlen (gtk_editable_get_text (editable), -1)))
        gtk_editable_delete_selection (editable);
      position = gtk_editable_get_position (editable);
      gtk_editable_insert_text (editable, text, -1, &position);
      /* Back to where the user was typing, the text not all selected. */
      if (GTK_IS_TEXT (focus))
        gtk_text_grab_focus_without_selecting (GTK_TEXT (focus));
      else
        gtk_widget_grab_focus (target);
      gtk_editable_set_position (editable, position);
    }
}

static void
insert_activated_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       data)
{
  GtkWidget *target = data;
  FieldText *text = field_text (target);
  const char *key = g_variant_get_string (parameter, NULL);

  g_return_if_fail (nudge_template_field_label (key) != NULL);

  /* Closed first, so that the focus it gives back is taken again. */
  if (text->button != NULL)
    gtk_menu_button_popdown (GTK_MENU_BUTTON (text->button));
  insert_field (target, key);
}

static GMenuModel *
fields_menu (void)
{
  GMenu *menu = g_menu_new ();
  const char *const *keys = nudge_template_keys ();

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (nudge_template_field_label (keys[i]), NULL);

      g_menu_item_set_action_and_target_value (item, "field.insert", g_variant_new_string (keys[i]));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

GtkWidget *
nudge_field_menu_button_new (GtkWidget  *target,
                             const char *target_label,
                             gboolean    with_label)
{
  GtkWidget *button = gtk_menu_button_new ();
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) insert = g_simple_action_new ("insert", G_VARIANT_TYPE_STRING);
  g_autoptr(GMenuModel) menu = fields_menu ();
  /* TRANSLATORS: a screen reader's name of the Insert Field button
   * beside a text; %s is the text's name, e.g. "Follow-up title" */
  g_autofree char *name = g_strdup_printf (_("Insert Field into %s"), target_label);
  GtkWidget *toggle;

  g_return_val_if_fail (GTK_IS_EDITABLE (target) || GTK_IS_TEXT_VIEW (target), NULL);
  g_return_val_if_fail (target_label != NULL, NULL);

  /* The button does not keep its target, nor the target its button. */
  g_set_weak_pointer (&field_text (target)->button, button);
  g_signal_connect_object (insert, "activate", G_CALLBACK (insert_activated_cb), target, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (insert));
  gtk_widget_insert_action_group (button, "field", G_ACTION_GROUP (group));

  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  if (with_label)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("insert-text-symbolic"));
      gtk_box_append (GTK_BOX (box), gtk_label_new (_("Insert Field")));
      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("pan-down-symbolic"));
      gtk_menu_button_set_child (GTK_MENU_BUTTON (button), box);
    }
  else
    gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "insert-text-symbolic");
  gtk_widget_set_tooltip_text (button, _("Insert Field"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  /* What takes the keyboard is the toggle button inside. */
  toggle = gtk_widget_get_first_child (button);
  if (GTK_IS_TOGGLE_BUTTON (toggle))
    gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return button;
}

char *
nudge_field_target_dup_text (GtkWidget *target)
{
  if (GTK_IS_TEXT_VIEW (target))
    return nudge_editor_dup_text_view_text (GTK_TEXT_VIEW (target));
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (target)));
}

void
nudge_field_target_set_template (GtkWidget  *target,
                                 const char *template)
{
  gboolean shown = nudge_template_can_show (template);
  g_autofree char *text = shown ? nudge_template_describe (template) : g_strdup (template ? template : "");

  g_return_if_fail (GTK_IS_EDITABLE (target) || GTK_IS_TEXT_VIEW (target));

  field_text (target)->shown = shown;
  /* A field chosen before the text was clicked into goes at its end. */
  if (GTK_IS_TEXT_VIEW (target))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (target));
      GtkTextIter end;

      gtk_text_buffer_set_text (buffer, text, -1);
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_place_cursor (buffer, &end);
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (target), text);
      gtk_editable_set_position (GTK_EDITABLE (target), -1);
    }
}

char *
nudge_field_target_dup_template (GtkWidget *target)
{
  g_autofree char *text = nudge_field_target_dup_text (target);

  return is_shown (target) ? nudge_template_from_shown (text) : g_steal_pointer (&text);
}

/* ---- checking as it is typed ------------------------------------------ */

static gboolean
check_text (FieldText  *check,
            GError    **error)
{
  g_autofree char *text = nudge_field_target_dup_text (check->target);

  return check->shown ? nudge_template_check_shown (check->label, text, error)
                      : nudge_template_check (check->label, text, error);
}

static void
changed_cb (gpointer   source,
            GtkWidget *target)
{
  FieldText *check = field_text (target);
  g_autoptr(GError) error = NULL;
  gboolean ok = check_text (check, &error);

  if (ok)
    gtk_widget_remove_css_class (check->marked, "error");
  else
    gtk_widget_add_css_class (check->marked, "error");

  if (!ok)
    {
      gtk_label_set_label (GTK_LABEL (check->error_label), error->message);
      gtk_widget_set_visible (check->error_label, TRUE);
    }
  else if (check->in_error)
    gtk_widget_set_visible (check->error_label, FALSE);
  check->in_error = !ok;
}

void
nudge_field_check_on_change (GtkWidget  *target,
                             GtkWidget  *marked,
                             const char *label,
                             GtkWidget  *error_label)
{
  FieldText *check;
  gpointer source;

  g_return_if_fail (GTK_IS_EDITABLE (target) || GTK_IS_TEXT_VIEW (target));
  g_return_if_fail (GTK_IS_LABEL (error_label));

  check = field_text (target);
  g_return_if_fail (check->marked == NULL);
  check->marked = marked ? marked : target;
  check->label = g_strdup (label);
  check->error_label = error_label;
  source = GTK_IS_TEXT_VIEW (target) ? (gpointer) gtk_text_view_get_buffer (GTK_TEXT_VIEW (target)) : target;
  g_signal_connect_object (source, "changed", G_CALLBACK (changed_cb), target, 0);
  /* A text saved before with a field that is none says so at once. */
  changed_cb (source, target);
}

gboolean
nudge_field_target_check (GtkWidget  *target,
                          GError    **error)
{
  FieldText *check = field_text (target);

  return check->marked == NULL || check_text (check, error);
}
