/* nudge-cadence-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-cadence-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-accessible.h"
#include "nudge-cadence-editor.h"
#include "nudge-dialogs.h"
#include "nudge-field-menu.h"

struct _NudgeCadenceEditor
{
  AdwWindow     parent_instance;

  NudgeContext *context;
  NudgeStore   *store;        /* the context's */
  NudgeCadence *cadence;
  GtkWidget    *name_row;
  GtkWidget    *working_switch;
  GtkWidget    *steps_box;
  GtkWidget    *error_label;
  GtkSizeGroup *kinds_group;  /* the steps' titles start in one column */
};

G_DEFINE_FINAL_TYPE (NudgeCadenceEditor, nudge_cadence_editor, ADW_TYPE_WINDOW)

static const char *const kinds[] = { "call", "email", "meeting", "task", NULL };

static const char *
kind_label (guint i)
{
  switch (i)
    {
    case 0: return _("Call");
    case 1: return _("E-mail");
    case 2: return _("Meeting");
    default: return _("Task");
    }
}

/* A step's row holds, in this order, the day, the kind, the title, its
 * Insert Field menu and the Remove button. */
enum {
  STEP_DAY,
  STEP_KIND,
  STEP_TITLE,
};

static GtkWidget *
step_field (GtkWidget *row,
            guint      field)
{
  GtkWidget *child = gtk_widget_get_first_child (row);

  while (field-- > 0)
    child = gtk_widget_get_next_sibling (child);
  return child;
}

static void
remove_step_cb (GtkButton *button,
                gpointer   data)
{
  NudgeCadenceEditor *self = data;

  gtk_box_remove (GTK_BOX (self->steps_box), gtk_widget_get_parent (GTK_WIDGET (button)));
}

void
nudge_cadence_editor_add_step (NudgeCadenceEditor *self,
                               int                 offset_days,
                               const char         *kind,
                               const char         *title)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *day = gtk_spin_button_new_with_range (0, 365, 1);
  GtkStringList *kind_model = gtk_string_list_new (NULL);
  GtkWidget *kind_dropdown;
  GtkWidget *title_entry = gtk_entry_new ();
  GtkWidget *remove = nudge_icon_button_new ("user-trash-symbolic", _("Remove Step"), NULL);
  guint selected = 3;

  g_return_if_fail (NUDGE_IS_CADENCE_EDITOR (self));

  for (guint i = 0; kinds[i]; i++)
    {
      gtk_string_list_append (kind_model, kind_label (i));
      if (g_strcmp0 (kinds[i], kind) == 0)
        selected = i;
    }
  kind_dropdown = gtk_drop_down_new (G_LIST_MODEL (kind_model), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (kind_dropdown), selected);
  gtk_size_group_add_widget (self->kinds_group, kind_dropdown);
  nudge_accessible_set_label (kind_dropdown, _("Kind"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (title_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"), -1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (day), offset_days);
  gtk_widget_set_tooltip_text (day, _("Day of the step (0 = right away)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (day), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Day"), -1);
  nudge_field_target_set_template (title_entry, title);
  gtk_entry_set_placeholder_text (GTK_ENTRY (title_entry), _("What to do, e.g. Call the contact"));
  gtk_widget_set_hexpand (title_entry, TRUE);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_step_cb), self);

  gtk_box_append (GTK_BOX (row), day);
  gtk_box_append (GTK_BOX (row), kind_dropdown);
  gtk_box_append (GTK_BOX (row), title_entry);
  gtk_box_append (GTK_BOX (row), nudge_field_menu_button_new (title_entry, _("Title"), FALSE));
  gtk_box_append (GTK_BOX (row), remove);
  nudge_field_check_on_change (title_entry, NULL, _("Step title"), self->error_label);
  gtk_box_append (GTK_BOX (self->steps_box), row);
}

static void
add_step_cb (NudgeCadenceEditor *self)
{
  GtkWidget *last = gtk_widget_get_last_child (self->steps_box);
  int day = 0;

  if (last != NULL)
    day = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (step_field (last, STEP_DAY))) + 3;
  nudge_cadence_editor_add_step (self, day, "call", "");
  gtk_widget_grab_focus (step_field (gtk_widget_get_last_child (self->steps_box), STEP_TITLE));
}

static void
clear_steps (GArray *steps)
{
  for (guint i = 0; i < steps->len; i++)
    {
      NudgeCadenceStep *s = &g_array_index (steps, NudgeCadenceStep, i);
      g_free (s->kind);
      g_free (s->title);
    }
  g_array_set_size (steps, 0);
}

gboolean
nudge_cadence_editor_save (NudgeCadenceEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (NUDGE_IS_CADENCE_EDITOR (self), FALSE);

  for (GtkWidget *row = gtk_widget_get_first_child (self->steps_box); row; row = gtk_widget_get_next_sibling (row))
    if (!nudge_field_target_check (step_field (row, STEP_TITLE), &error))
      {
        nudge_editor_show_error (self->error_label, error);
        return FALSE;
      }

  g_free (self->cadence->name);
  self->cadence->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  self->cadence->working_days = gtk_switch_get_active (GTK_SWITCH (self->working_switch));
  clear_steps (self->cadence->steps);
  for (GtkWidget *row = gtk_widget_get_first_child (self->steps_box); row; row = gtk_widget_get_next_sibling (row))
    {
      NudgeCadenceStep step;

      step.offset_days = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (step_field (row, STEP_DAY)));
      step.kind = g_strdup (kinds[MIN (gtk_drop_down_get_selected (GTK_DROP_DOWN (step_field (row, STEP_KIND))), 3)]);
      step.title = nudge_field_target_dup_template (step_field (row, STEP_TITLE));
      g_array_append_val (self->cadence->steps, step);
    }

  if (!nudge_cadence_save (self->store, self->cadence, &error))
    {
      nudge_editor_show_error (self->error_label, error);
      return FALSE;
    }
  nudge_editor_close_saved (GTK_WINDOW (self));
  return TRUE;
}

static void
save_clicked_cb (NudgeCadenceEditor *self)
{
  nudge_cadence_editor_save (self);
}

/* Fills the form from the cadence read (or made up) for it. */
static void
fill (NudgeCadenceEditor *self)
{
  if (self->cadence->id > 0)
    gtk_window_set_title (GTK_WINDOW (self), _("Edit Cadence"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), self->cadence->name ? self->cadence->name : "");
  gtk_switch_set_active (GTK_SWITCH (self->working_switch), self->cadence->working_days);

  for (guint i = 0; i < self->cadence->steps->len; i++)
    {
      NudgeCadenceStep *s = &g_array_index (self->cadence->steps, NudgeCadenceStep, i);
      nudge_cadence_editor_add_step (self, s->offset_days, s->kind, s->title);
    }
  if (self->cadence->steps->len == 0)
    nudge_cadence_editor_add_step (self, 0, "call", "");
}

static void
nudge_cadence_editor_dispose (GObject *object)
{
  NudgeCadenceEditor *self = (NudgeCadenceEditor *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_CADENCE_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_pointer (&self->cadence, nudge_cadence_free);
  g_clear_object (&self->kinds_group);

  G_OBJECT_CLASS (nudge_cadence_editor_parent_class)->dispose (object);
}

static void
nudge_cadence_editor_class_init (NudgeCadenceEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nudge_cadence_editor_dispose;
  nudge_dialogs_install_context_property (object_class, G_STRUCT_OFFSET (NudgeCadenceEditor, context),
                                          G_STRUCT_OFFSET (NudgeCadenceEditor, store));

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/nudge-cadence-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeCadenceEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeCadenceEditor, working_switch);
  gtk_widget_class_bind_template_child (widget_class, NudgeCadenceEditor, steps_box);
  gtk_widget_class_bind_template_child (widget_class, NudgeCadenceEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_step_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
nudge_cadence_editor_init (NudgeCadenceEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->kinds_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
}

NudgeCadenceEditor *
nudge_cadence_editor_present (GtkWindow    *parent,
                              NudgeContext *context,
                              const char   *name)
{
  NudgeCadenceEditor *self;

  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);

  self = g_object_new (NUDGE_TYPE_CADENCE_EDITOR, "transient-for", parent, "context", context, NULL);
  if (name != NULL)
    self->cadence = nudge_cadence_find (self->store, name, NULL);
  if (self->cadence == NULL)
    {
      self->cadence = g_new0 (NudgeCadence, 1);
      self->cadence->working_days = TRUE;
      self->cadence->steps = g_array_new (FALSE, TRUE, sizeof (NudgeCadenceStep));
    }
  fill (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
