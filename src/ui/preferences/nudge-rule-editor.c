/* nudge-rule-editor.c
 *
 * The form is built from the rule's own parameters, so every built-in and
 * user rule gets the same editor: numbers ("after how many days") as
 * entries checked by the store, templates as entries, e-mail bodies and
 * notes as multi-line text. Their fields ({contact}, {deal}, …) are
 * filled in when the rule acts: Insert Field beside each text offers
 * them by name, and one that is no field says so as it is typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-rule-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "nudge-capture.h"
#include "nudge-dialogs.h"
#include "nudge-field-menu.h"
#include "nudge-pace.h"
#include "nudge-rule-editor.h"
#include "nudge-scoring.h"
#include "nudge-worker.h"

struct _NudgeRuleEditor
{
  AdwWindow     parent_instance;

  NudgeContext *context;
  NudgeStore   *store;        /* the context's */
  NudgeRule    *rule;
  GHashTable   *fields;       /* "t:key" / "a:key" -> widget */
  GtkWidget    *name_row;
  GtkWidget    *enabled_switch;
  GtkWidget    *error_label;
  GtkWidget    *when_group;
  GtkWidget    *then_group;
  GtkWidget    *pace_group;   /* shown for rules with a pace */
  GtkWidget    *limit_spin;   /* new follow-ups a day, 0: no limit */
  GtkWidget    *preview_row;
  GCancellable *preview_cancellable;
  guint         preview_id;
};

G_DEFINE_FINAL_TYPE (NudgeRuleEditor, nudge_rule_editor, ADW_TYPE_WINDOW)

static gboolean
is_multiline (const char *key)
{
  return g_str_equal (key, "body") || g_str_equal (key, "notes");
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const char *x = *(const char **) a, *y = *(const char **) b;
  int ix = nudge_rule_param_order (x), iy = nudge_rule_param_order (y);

  return ix != iy ? ix - iy : g_strcmp0 (x, y);
}

/* What a choice reads as: a kind by its name, a temperature too. */
static const char *
choice_label (const char *key,
              const char *value)
{
  if (g_str_equal (key, "kind"))
    return nudge_capture_kind_label (value);
  if (*value == '\0')
    return C_("temperature", "From the engagement score");
  return nudge_score_temperature_label (value);
}

/* A parameter that is one of a few: chosen, not typed. */
static GtkWidget *
add_choice_row (GtkWidget          *group,
                const char         *key,
                const char *const  *choices,
                const char         *value)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();
  guint selected = 0;

  for (guint i = 0; choices[i] != NULL; i++)
    {
      gtk_string_list_append (labels, choice_label (key, choices[i]));
      if (g_strcmp0 (choices[i], value) == 0)
        selected = i;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), nudge_rule_param_label (key));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static void
add_params (NudgeRuleEditor *self,
            GtkWidget       *group,
            const char      *prefix,
            GHashTable      *params)
{
  g_autofree gpointer *keys = NULL;
  guint n;

  keys = g_hash_table_get_keys_as_array (params, &n);
  qsort (keys, n, sizeof (gpointer), (GCompareFunc) compare_keys);

  for (guint i = 0; i < n; i++)
    {
      const char *key = keys[i];
      const char *value = g_hash_table_lookup (params, key);
      GtkWidget *widget;

      /* The pace has a group of its own. */
      if (g_str_equal (key, "daily_limit"))
        continue;

      if (is_multiline (key))
        {
          GtkWidget *label = gtk_label_new (nudge_rule_param_label (key));
          GtkWidget *scrolled = gtk_scrolled_window_new ();
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
          GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

          widget = gtk_text_view_new ();
          gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (widget), GTK_WRAP_WORD_CHAR);
          gtk_text_view_set_top_margin (GTK_TEXT_VIEW (widget), 8);
          gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (widget), 8);
          gtk_text_view_set_left_margin (GTK_TEXT_VIEW (widget), 8);
          gtk_text_view_set_right_margin (GTK_TEXT_VIEW (widget), 8);
          nudge_field_target_set_template (widget, value);
          gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          nudge_rule_param_label (key), -1);
          gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), widget);
          gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
          gtk_widget_add_css_class (scrolled, "card");
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_widget_set_hexpand (label, TRUE);
          gtk_widget_add_css_class (label, "dim-label");
          gtk_widget_set_margin_top (box, 12);
          gtk_box_append (GTK_BOX (header), label);
          gtk_box_append (GTK_BOX (header),
                          nudge_field_menu_button_new (widget, nudge_rule_param_label (key), TRUE));
          gtk_box_append (GTK_BOX (box), header);
          gtk_box_append (GTK_BOX (box), scrolled);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
          nudge_field_check_on_change (widget, scrolled, nudge_rule_param_label (key), self->error_label);
        }
      else if (nudge_rule_param_choices (key) != NULL)
        widget = add_choice_row (group, key, nudge_rule_param_choices (key), value);
      else
        {
          widget = nudge_editor_add_entry_row (group, nudge_rule_param_label (key), value);
          if (nudge_rule_param_is_template (key))
            {
              nudge_field_target_set_template (widget, value);
              adw_entry_row_add_suffix (ADW_ENTRY_ROW (widget),
                                        nudge_field_menu_button_new (widget, nudge_rule_param_label (key), FALSE));
              nudge_field_check_on_change (widget, NULL, nudge_rule_param_label (key), self->error_label);
            }
        }
      g_hash_table_insert (self->fields, g_strconcat (prefix, key, NULL), widget);
    }
}

static char *
field_text (const char *key,
            GtkWidget  *widget)
{
  if (ADW_IS_COMBO_ROW (widget))
    return g_strdup (nudge_rule_param_choices (key)[adw_combo_row_get_selected (ADW_COMBO_ROW (widget))]);
  if (nudge_rule_param_is_template (key))
    return nudge_field_target_dup_template (widget);
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
}

/* ---- the pace and its preview ---------------------------------------- */

typedef struct
{
  gint64  rule_id;
  int     daily_limit;
  char   *text;        /* out */
} PreviewJob;

static void
preview_job_free (gpointer data)
{
  PreviewJob *job = data;

  g_free (job->text);
  g_free (job);
}

/* On a worker: the rule as saved, at the limit being edited. */
static gboolean
preview_job (NudgeStore    *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  PreviewJob *job = data;
  g_autoptr(GPtrArray) rules = nudge_rule_list (store, error);
  g_autoptr(GArray) planned = NULL;

  for (guint i = 0; rules != NULL && i < rules->len; i++)
    {
      NudgeRule *rule = g_ptr_array_index (rules, i);

      if (rule->id != job->rule_id)
        continue;
      g_hash_table_replace (rule->action_params, g_strdup ("daily_limit"), g_strdup_printf ("%d", job->daily_limit));
      if (!(planned = nudge_rule_preview (store, rule, error)))
        return FALSE;
      job->text = nudge_rule_preview_describe (planned, job->daily_limit);
    }
  return rules != NULL;
}

static void
preview_done (gpointer      owner,
              gpointer      data,
              const GError *error)
{
  NudgeRuleEditor *self = owner;
  PreviewJob *job = data;

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preview_row), error->message);
      return;
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preview_row), job->text ? job->text : "");
}

static gboolean
preview_cb (gpointer data)
{
  NudgeRuleEditor *self = data;
  PreviewJob *job = g_new0 (PreviewJob, 1);

  self->preview_id = 0;
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();
  job->rule_id = self->rule->id;
  job->daily_limit = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->limit_spin));
  nudge_worker_run (self->store, preview_job, job, preview_job_free, self->preview_cancellable,
                    preview_done, self);
  return G_SOURCE_REMOVE;
}

static void
limit_changed_cb (NudgeRuleEditor *self)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preview_row), _("Working out the plan…"));
  g_clear_handle_id (&self->preview_id, g_source_remove);
  self->preview_id = g_timeout_add (250, preview_cb, self);
}

/* "0" reads as "No limit". */
static gboolean
limit_output_cb (GtkSpinButton *spin)
{
  int value = gtk_spin_button_get_value_as_int (spin);
  g_autofree char *text = value > 0 ? g_strdup_printf ("%d", value) : g_strdup (_("No limit"));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* And back: a number, or anything else (No limit) as 0. */
static int
limit_input_cb (GtkSpinButton *spin,
                double        *new_value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  long value = strtol (text, &end, 10);

  *new_value = end != text ? CLAMP (value, 0, 100) : 0;
  return TRUE;
}

static void
show_pace (NudgeRuleEditor *self)
{
  gtk_widget_set_visible (self->pace_group, TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->limit_spin), nudge_rule_get_daily_limit (self->rule));
  g_signal_connect_swapped (self->limit_spin, "value-changed", G_CALLBACK (limit_changed_cb), self);
  preview_cb (self);
}

static void
save_clicked_cb (NudgeRuleEditor *self)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, widget;

  g_free (self->rule->name);
  self->rule->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  self->rule->enabled = gtk_switch_get_active (GTK_SWITCH (self->enabled_switch));

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, &key, &widget))
    if (!nudge_field_target_check (widget, &error))
      {
        nudge_editor_show_error (self->error_label, error);
        return;
      }

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, &key, &widget))
    {
      const char *k = key;
      GHashTable *params = k[0] == 't' ? self->rule->trigger_params : self->rule->action_params;

      g_hash_table_insert (params, g_strdup (k + 2), field_text (k + 2, widget));
    }
  if (gtk_widget_get_visible (self->pace_group))
    g_hash_table_insert (self->rule->action_params, g_strdup ("daily_limit"),
                         g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->limit_spin))));

  if (!nudge_rule_save (self->store, self->rule, &error))
    {
      nudge_editor_show_error (self->error_label, error);
      return;
    }
  nudge_editor_close_saved (GTK_WINDOW (self));
}

/* Fills the form from the rule's own parameters. */
static void
fill (NudgeRuleEditor *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), self->rule->name ? self->rule->name : "");
  gtk_switch_set_active (GTK_SWITCH (self->enabled_switch), self->rule->enabled);

  gtk_widget_set_visible (self->when_group, g_hash_table_size (self->rule->trigger_params) > 0);
  add_params (self, self->when_group, "t:", self->rule->trigger_params);
  add_params (self, self->then_group, "a:", self->rule->action_params);
  if (nudge_rule_get_daily_limit (self->rule) > 0 || g_hash_table_contains (self->rule->action_params, "daily_limit"))
    show_pace (self);
}

static void
nudge_rule_editor_dispose (GObject *object)
{
  NudgeRuleEditor *self = (NudgeRuleEditor *) object;

  g_clear_handle_id (&self->preview_id, g_source_remove);
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_RULE_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_pointer (&self->rule, nudge_rule_free);
  g_clear_pointer (&self->fields, g_hash_table_unref);

  G_OBJECT_CLASS (nudge_rule_editor_parent_class)->dispose (object);
}

static void
nudge_rule_editor_class_init (NudgeRuleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nudge_rule_editor_dispose;
  nudge_dialogs_install_context_property (object_class, G_STRUCT_OFFSET (NudgeRuleEditor, context),
                                          G_STRUCT_OFFSET (NudgeRuleEditor, store));

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/nudge-rule-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeRuleEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeRuleEditor, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, NudgeRuleEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, NudgeRuleEditor, when_group);
  gtk_widget_class_bind_template_child (widget_class, NudgeRuleEditor, then_group);
  gtk_widget_class_bind_template_child (widget_class, NudgeRuleEditor, pace_group);
  gtk_widget_class_bind_template_child (widget_class, NudgeRuleEditor, limit_spin);
  gtk_widget_class_bind_template_child (widget_class, NudgeRuleEditor, preview_row);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, limit_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, limit_input_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
nudge_rule_editor_init (NudgeRuleEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

NudgeRuleEditor *
nudge_rule_editor_present (GtkWindow    *parent,
                           NudgeContext *context,
                           gint64        rule_id)
{
  g_autoptr(GPtrArray) rules = NULL;
  NudgeRuleEditor *self;

  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);

  if (!(rules = nudge_rule_list (nudge_context_get_store (context), NULL)))
    return NULL;

  self = g_object_new (NUDGE_TYPE_RULE_EDITOR, "transient-for", parent, "context", context, NULL);
  for (guint i = 0; i < rules->len; i++)
    if (((NudgeRule *) g_ptr_array_index (rules, i))->id == rule_id)
      self->rule = g_ptr_array_steal_index (rules, i);
  if (self->rule == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  fill (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
