/* nudge-accessible.c — names for screen readers where GTK 4.8 gives none
 *
 * GTK 4.8 takes a control's accessible name neither from its tooltip nor,
 * for a GtkDropDown, from the drop-down itself: the button inside it,
 * which is what takes the focus, reads as "GtkToggleButton". The name
 * given here goes to both; a button with a text reads as the name alone
 * ("Restore the backup of …", not "… Restore").
 *
 * Nor does GTK 4.8 drop the mnemonic mark: a button made with
 * gtk_button_new_with_mnemonic ("_Edit") reads as "_Edit Edit" (its raw
 * label, then its label widget). nudge_accessible_init() makes every such
 * button read as its label widget alone, when it is shown and whenever
 * its label changes after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-accessible"

#include "config.h"

#include "nudge-accessible.h"

#include <string.h>

static void
drop_mnemonic_label (GtkButton *button)
{
  const char *label = gtk_button_get_label (button);

  /* A name given with nudge_accessible_set_label() stays. */
  if (g_object_get_data (G_OBJECT (button), "nudge-accessible-label") != NULL)
    return;
  if (label != NULL && strchr (label, '_') != NULL && gtk_button_get_use_underline (button)
      && GTK_IS_LABEL (gtk_button_get_child (button)))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
label_changed_cb (GtkButton  *button,
                  GParamSpec *pspec,
                  gpointer    data)
{
  drop_mnemonic_label (button);
}

static gboolean
widget_map_hook (GSignalInvocationHint *hint,
                 guint                  n_params,
                 const GValue          *params,
                 gpointer               user_data)
{
  GObject *object = g_value_get_object (&params[0]);

  if (GTK_IS_BUTTON (object))
    {
      drop_mnemonic_label (GTK_BUTTON (object));
      /* A label set again while shown ("_Import" → "_Import and Skip 3
       * Rows") is given to the accessible again too. */
      if (g_signal_handler_find (object, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, label_changed_cb, NULL) == 0)
        g_signal_connect (object, "notify::label", G_CALLBACK (label_changed_cb), NULL);
    }
  return TRUE;
}

void
nudge_accessible_init (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      /* Signals exist once their class does; it stays for the process. */
      gpointer widget_class = g_type_class_ref (GTK_TYPE_WIDGET);
      guint map = g_signal_lookup ("map", G_TYPE_FROM_CLASS (widget_class));

      g_signal_add_emission_hook (map, 0, widget_map_hook, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}

void
nudge_accessible_set_label (GtkWidget  *widget,
                            const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (label != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (GTK_IS_BUTTON (widget) && GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (widget))))
    {
      /* The name alone, not followed by the button's text. */
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      g_object_set_data (G_OBJECT (widget), "nudge-accessible-label", GINT_TO_POINTER (TRUE));
    }
  else if (GTK_IS_DROP_DOWN (widget))
    {
      GtkWidget *button = gtk_widget_get_first_child (widget);

      if (GTK_IS_TOGGLE_BUTTON (button))
        gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
}

static GtkWidget *
find_list_box (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = GTK_IS_LIST_BOX (child) ? child : find_list_box (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The list of the rows of @group, an AdwPreferencesGroup without a title
 * (a form's fields): libadwaita 1.2 names it after nothing, and a screen
 * reader entering the form says "GtkListBox". */
void
nudge_accessible_name_rows (GtkWidget  *group,
                            const char *label)
{
  GtkWidget *list;

  g_return_if_fail (GTK_IS_WIDGET (group));
  g_return_if_fail (label != NULL);

  if ((list = find_list_box (group)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* A flat icon button for the end of a row. Its tooltip says what it does;
 * @accessible_name, or else the tooltip, is what a screen reader says,
 * which GTK 4.8 does not take from the tooltip: where every row has one,
 * it says to what ("Remove the rate of EUR"). */
GtkWidget *
nudge_icon_button_new (const char *icon_name,
                       const char *tooltip,
                       const char *accessible_name)
{
  GtkWidget *button;

  g_return_val_if_fail (icon_name != NULL, NULL);
  g_return_val_if_fail (tooltip != NULL, NULL);

  button = gtk_button_new_from_icon_name (icon_name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name != NULL ? accessible_name : tooltip, -1);
  return button;
}
