/* nudge-automation-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-automation-page"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "nudge-accessible.h"
#include "nudge-automation.h"
#include "nudge-automation-page.h"
#include "nudge-cadence-editor.h"
#include "nudge-dialogs.h"
#include "nudge-rule-editor.h"
#include "nudge-scoring.h"

struct _NudgeAutomationPage
{
  AdwPreferencesPage    parent_instance;

  NudgeContext         *context;
  NudgeStore           *store;      /* the context's */
  GSettings            *settings;   /* the context's */

  AdwPreferencesGroup  *rules_group;
  AdwPreferencesGroup  *cadences_group;
  AdwPreferencesGroup  *scoring_group;
  GPtrArray            *rule_rows;
  gboolean              toggling;
  GPtrArray            *cadence_rows;
  GtkSpinButton        *weight_spins[16];   /* one per scored_kinds */
};

G_DEFINE_FINAL_TYPE (NudgeAutomationPage, nudge_automation_page, ADW_TYPE_PREFERENCES_PAGE)

static const struct {
  const char *kind;
  const char *label;
} scored_kinds[] = {
  { "demo", N_("Demo request") },
  { "pricing_visit", N_("Pricing page visit") },
  { "meeting", N_("Meeting") },
  { "call", N_("Inbound call") },
  { "email", N_("Inbound e-mail") },
  { "download", N_("Download") },
  { "blog_read", N_("Blog read") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (scored_kinds) <= G_N_ELEMENTS (((NudgeAutomationPage *) NULL)->weight_spins));

static char *
describe_rule (NudgeRule *rule)
{
  const char *when;
  const char *then;
  const char *days = g_hash_table_lookup (rule->trigger_params, "days");
  const char *months = g_hash_table_lookup (rule->trigger_params, "months");
  const char *due = g_hash_table_lookup (rule->action_params, "due_days");
  /* Its fields read as names, "‹contact›", not as the {contact} stored. */
  g_autofree char *title = nudge_template_describe (g_hash_table_lookup (rule->action_params, "title"));
  g_autofree char *when_text = NULL;
  g_autofree char *then_text = NULL;

  if (g_str_equal (rule->trigger, "deal_idle"))
    {
      int n = days ? atoi (days) : 90;

      when_text = g_strdup_printf (ngettext ("A deal is on hold or idle for %d day",
                                             "A deal is on hold or idle for %d days", n), n);
    }
  else if (g_str_equal (rule->trigger, "no_reply"))
    {
      int n = days ? atoi (days) : 14;

      when_text = g_strdup_printf (ngettext ("No reply %d day after “%s”", "No reply %d days after “%s”", n), n,
                                   (const char *) g_hash_table_lookup (rule->trigger_params, "after_rule"));
    }
  else if (g_str_equal (rule->trigger, "deal_won"))
    when_text = g_strdup (_("A deal is won"));
  else if (g_str_equal (rule->trigger, "company_last_won"))
    {
      int n = months ? atoi (months) : 6;

      when_text = g_strdup_printf (ngettext ("A company’s last won deal is %d month old",
                                             "A company’s last won deal is %d months old", n), n);
    }
  else if (g_str_equal (rule->trigger, "stay_in_touch"))
    when_text = g_strdup (_("A contact passes its “stay in touch” maximum"));
  else if (g_str_equal (rule->trigger, "deal_enters_stage"))
    when_text = g_strdup_printf (_("A deal enters %s"), (const char *) g_hash_table_lookup (rule->trigger_params, "stage"));
  else
    when_text = g_strdup (rule->trigger);

  if (g_str_equal (rule->action, "prepare_email"))
    then_text = g_strdup (_("prepare an e-mail from the template"));
  else if (due != NULL && g_strcmp0 (due, "0") != 0)
    then_text = g_strdup_printf (ngettext ("“%s” in %d day", "“%s” in %d days", atoi (due)), title, atoi (due));
  else
    then_text = g_strdup_printf (_("“%s”"), g_hash_table_contains (rule->action_params, "title") ? title : rule->action);

  when = when_text;
  then = then_text;
  /* TRANSLATORS: "When <condition> → <action>" */
  return g_strdup_printf (_("%s → %s"), when, then);
}

/* What a row's switch or Edit button acts on. */
typedef struct
{
  NudgeAutomationPage *self;
  gint64               rule_id;
  char                *cadence_name;
} RowTarget;

static void
row_target_free (gpointer  data,
                 GClosure *closure)
{
  RowTarget *target = data;

  g_free (target->cadence_name);
  g_free (target);
}

static void
connect_row_target (GtkWidget           *widget,
                    const char          *signal,
                    GCallback            callback,
                    NudgeAutomationPage *self,
                    gint64               rule_id,
                    const char          *cadence_name)
{
  RowTarget *target = g_new0 (RowTarget, 1);

  target->self = self;
  target->rule_id = rule_id;
  target->cadence_name = g_strdup (cadence_name);
  g_signal_connect_data (widget, signal, callback, target, row_target_free, 0);
}

static void
rule_switch_cb (GtkSwitch  *widget,
                GParamSpec *pspec,
                RowTarget  *target)
{
  NudgeAutomationPage *self = target->self;
  gint64 id = target->rule_id;
  g_autoptr(GError) error = NULL;

  self->toggling = TRUE;
  if (!nudge_rule_set_enabled (self->store, id, gtk_switch_get_active (widget), &error))
    g_warning ("%s", error->message);
  self->toggling = FALSE;
}

static void
edit_rule_cb (GtkButton *button,
              RowTarget *target)
{
  NudgeAutomationPage *self = target->self;

  nudge_rule_editor_present (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->context, target->rule_id);
}

static void
edit_cadence_cb (GtkButton *button,
                 RowTarget *target)
{
  NudgeAutomationPage *self = target->self;

  nudge_cadence_editor_present (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->context,
                                target->cadence_name);
}

static void
new_cadence_cb (NudgeAutomationPage *self)
{
  nudge_cadence_editor_present (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->context, NULL);
}

static const struct {
  const char *id;
  const char *label;
} new_rule_triggers[] = {
  { "deal_enters_stage", N_("A deal enters a stage") },
  { "deal_idle", N_("A deal is idle for some days") },
  { "deal_on_hold", N_("A deal is put on hold") },
  { "no_reply", N_("No reply some days after a touch") },
  { "deal_won", N_("A deal is won") },
  { "company_last_won", N_("A company’s last win is months old") },
  { "stay_in_touch", N_("A contact passes its stay-in-touch interval") },
}, new_rule_actions[] = {
  { "create_followup", N_("Create a follow-up") },
  { "apply_cadence", N_("Apply a cadence") },
  { "set_temperature", N_("Set the temperature") },
  { "prepare_email", N_("Prepare an e-mail") },
};

/* The New Rule dialog's fields. */
typedef struct
{
  NudgeAutomationPage *self;
  GtkEditable         *name;
  GtkDropDown         *trigger;
  GtkDropDown         *action;
} NewRuleFields;

static void
new_rule_fields_free (gpointer  data,
                      GClosure *closure)
{
  g_free (data);
}

static void
new_rule_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      NewRuleFields    *fields)
{
  NudgeAutomationPage *self = fields->self;
  g_autoptr(GError) error = NULL;
  GtkEditable *name = fields->name;
  GtkDropDown *trigger = fields->trigger, *action = fields->action;
  gint64 id;

  if (g_strcmp0 (response, "create") != 0)
    return;
  id = nudge_rule_create (self->store, gtk_editable_get_text (name),
                          new_rule_triggers[gtk_drop_down_get_selected (trigger)].id,
                          new_rule_actions[gtk_drop_down_get_selected (action)].id, &error);
  if (id == 0)
    {
      g_warning ("%s", error->message);
      return;
    }
  /* The new rule starts disabled; its editor sets the details. */
  nudge_rule_editor_present (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->context, id);
}

static void
new_rule_cb (NudgeAutomationPage *self)
{
  AdwMessageDialog *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *name = gtk_entry_new ();
  GtkStringList *triggers = gtk_string_list_new (NULL);
  GtkStringList *actions = gtk_string_list_new (NULL);
  GtkWidget *trigger, *action;
  NewRuleFields *fields;

  for (guint i = 0; i < G_N_ELEMENTS (new_rule_triggers); i++)
    gtk_string_list_append (triggers, _(new_rule_triggers[i].label));
  for (guint i = 0; i < G_N_ELEMENTS (new_rule_actions); i++)
    gtk_string_list_append (actions, _(new_rule_actions[i].label));
  /* The drop-downs take the lists. */
  trigger = gtk_drop_down_new (G_LIST_MODEL (triggers), NULL);
  action = gtk_drop_down_new (G_LIST_MODEL (actions), NULL);
  gtk_entry_set_placeholder_text (GTK_ENTRY (name), _("Name of the rule"));
  nudge_accessible_set_label (trigger, C_("rule", "When"));
  nudge_accessible_set_label (action, _("Then"));
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), trigger);
  gtk_box_append (GTK_BOX (box), action);

  dialog = nudge_question_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), "create", _("_Create"),
                                      ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_heading (dialog, _("New Rule"));
  adw_message_dialog_set_body (dialog, _("Choose when the rule acts and what it does; the details come next."));
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_set_default_response (dialog, "create");
  fields = g_new0 (NewRuleFields, 1);
  fields->self = self;
  fields->name = GTK_EDITABLE (name);
  fields->trigger = GTK_DROP_DOWN (trigger);
  fields->action = GTK_DROP_DOWN (action);
  g_signal_connect_data (dialog, "response", G_CALLBACK (new_rule_response_cb), fields,
                         new_rule_fields_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The Edit button of a rule's or a cadence's row; a screen reader says
 * which one it edits (@spoken, with the rule's or cadence's name). */
static GtkWidget *
new_edit_button (NudgeAutomationPage *self,
                 const char          *label,
                 const char          *spoken,
                 const char          *name,
                 GCallback            callback,
                 gint64               rule_id,
                 const char          *cadence_name)
{
  g_autofree char *says = g_strdup_printf (spoken, name);
  GtkWidget *edit = nudge_icon_button_new ("document-edit-symbolic", label, says);

  connect_row_target (edit, "clicked", callback, self, rule_id, cadence_name);
  return edit;
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
fill_rules (NudgeAutomationPage *self)
{
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GError) error = NULL;

  clear_rows (self->rules_group, self->rule_rows);

  if (!(rules = nudge_rule_list (self->store, &error)))
    {
      g_warning ("Could not list rules: %s", error->message);
      return;
    }
  for (guint i = 0; i < rules->len; i++)
    {
      NudgeRule *rule = g_ptr_array_index (rules, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();
      g_autofree char *subtitle = describe_rule (rule);

      /* Names and titles are the user's text, not markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rule->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_switch_set_active (GTK_SWITCH (toggle), rule->enabled);
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      connect_row_target (toggle, "notify::active", G_CALLBACK (rule_switch_cb), self, rule->id, NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 /* Translators: %s is a rule's name */
                                 new_edit_button (self, _("Edit Rule"), _("Edit rule “%s”"), rule->name,
                                                  G_CALLBACK (edit_rule_cb), rule->id, NULL));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      adw_preferences_group_add (self->rules_group, row);
      g_ptr_array_add (self->rule_rows, row);
    }
}

static void
fill_cadences (NudgeAutomationPage *self)
{
  g_autoptr(GPtrArray) cadences = NULL;
  g_autoptr(GError) error = NULL;

  clear_rows (self->cadences_group, self->cadence_rows);
  if (!(cadences = nudge_cadence_list (self->store, &error)))
    {
      g_warning ("Could not list cadences: %s", error->message);
      return;
    }
  for (guint i = 0; i < cadences->len; i++)
    {
      NudgeCadence *cadence = g_ptr_array_index (cadences, i);
      GtkWidget *expander = adw_expander_row_new ();
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step", "%u steps",
                                                                cadence->steps->len),
                                                   cadence->steps->len);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), cadence->name);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      for (guint s = 0; s < cadence->steps->len; s++)
        {
          NudgeCadenceStep *step = &g_array_index (cadence->steps, NudgeCadenceStep, s);
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *title = nudge_template_describe (step->title);
          g_autofree char *day = step->offset_days == 0
            ? g_strdup (_("Right away"))
            : g_strdup_printf (cadence->working_days
                               ? g_dngettext (GETTEXT_PACKAGE, "After %d working day", "After %d working days", step->offset_days)
                               : g_dngettext (GETTEXT_PACKAGE, "After %d day", "After %d days", step->offset_days),
                               step->offset_days);

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), day);
          adw_action_row_set_icon_name (ADW_ACTION_ROW (row),
                                        g_str_equal (step->kind, "call") ? "call-start-symbolic" :
                                        g_str_equal (step->kind, "email") ? "mail-unread-symbolic" :
                                        "object-select-symbolic");
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander),
                                   /* Translators: %s is a cadence's name */
                                   new_edit_button (self, _("Edit Cadence"), _("Edit cadence “%s”"), cadence->name,
                                                    G_CALLBACK (edit_cadence_cb), 0, cadence->name));
      adw_preferences_group_add (self->cadences_group, expander);
      g_ptr_array_add (self->cadence_rows, expander);
    }
}

static void
save_weights (NudgeAutomationPage *self)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{si}"));
  for (guint i = 0; i < G_N_ELEMENTS (scored_kinds); i++)
    {
      g_variant_builder_add (&builder, "{si}", scored_kinds[i].kind,
                             gtk_spin_button_get_value_as_int (self->weight_spins[i]));
    }
  g_settings_set_value (self->settings, "score-weights", g_variant_builder_end (&builder));
}

static void
weight_changed_cb (GtkSpinButton *spin,
                   gpointer       data)
{
  save_weights (NUDGE_AUTOMATION_PAGE (data));
}

static GtkWidget *
add_spin_row (AdwPreferencesGroup *group,
              const char          *title,
              const char          *subtitle,
              int                  max,
              int                  value)
{
  GtkWidget *spin;

  adw_preferences_group_add (group, nudge_spin_row_new (title, subtitle, max, value, &spin));
  return spin;
}

static void
fill_scoring (NudgeAutomationPage *self)
{
  g_autoptr(GVariant) weights = g_settings_get_value (self->settings, "score-weights");
  GtkWidget *half_life;

  for (guint i = 0; i < G_N_ELEMENTS (scored_kinds); i++)
    {
      int points = 0;
      GtkWidget *spin;

      g_variant_lookup (weights, scored_kinds[i].kind, "i", &points);
      spin = add_spin_row (self->scoring_group, _(scored_kinds[i].label), NULL, 100, points);
      self->weight_spins[i] = GTK_SPIN_BUTTON (spin);
      g_signal_connect (spin, "value-changed", G_CALLBACK (weight_changed_cb), self);
    }

  half_life = add_spin_row (self->scoring_group, _("Half-life in days"),
                            _("After this many days an interaction counts half"), 365,
                            g_settings_get_int (self->settings, "score-half-life-days"));
  gtk_spin_button_set_range (GTK_SPIN_BUTTON (half_life), 1, 365);
  g_settings_bind (self->settings, "score-half-life-days", half_life, "value", G_SETTINGS_BIND_DEFAULT);
}

static void
store_changes_cb (NudgeAutomationPage *self,
                  NudgeChangeSet      *changes,
                  NudgeStore          *store)
{
  /* A switch flipped in this page needs no rebuild; an edit does. */
  if (nudge_change_set_touches (changes, NUDGE_ENTITY_RULE) && !self->toggling)
    fill_rules (self);
  if (nudge_change_set_touches (changes, NUDGE_ENTITY_CADENCE))
    fill_cadences (self);
}

static void
nudge_automation_page_dispose (GObject *object)
{
  NudgeAutomationPage *self = (NudgeAutomationPage *) object;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_pointer (&self->rule_rows, g_ptr_array_unref);
  g_clear_pointer (&self->cadence_rows, g_ptr_array_unref);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_AUTOMATION_PAGE);

  G_OBJECT_CLASS (nudge_automation_page_parent_class)->dispose (object);
}

static void
nudge_automation_page_constructed (GObject *object)
{
  NudgeAutomationPage *self = (NudgeAutomationPage *) object;

  G_OBJECT_CLASS (nudge_automation_page_parent_class)->constructed (object);

  g_assert (NUDGE_IS_CONTEXT (self->context));
  self->settings = g_object_ref (nudge_context_get_settings (self->context));
  fill_rules (self);
  fill_cadences (self);
  fill_scoring (self);
  g_signal_connect_object (self->store, "changes", G_CALLBACK (store_changes_cb), self, G_CONNECT_SWAPPED);
}

static void
nudge_automation_page_class_init (NudgeAutomationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nudge_automation_page_constructed;
  object_class->dispose = nudge_automation_page_dispose;
  nudge_dialogs_install_context_property (object_class, G_STRUCT_OFFSET (NudgeAutomationPage, context),
                                          G_STRUCT_OFFSET (NudgeAutomationPage, store));

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/nudge-automation-page.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeAutomationPage, rules_group);
  gtk_widget_class_bind_template_child (widget_class, NudgeAutomationPage, cadences_group);
  gtk_widget_class_bind_template_child (widget_class, NudgeAutomationPage, scoring_group);
  gtk_widget_class_bind_template_callback (widget_class, new_rule_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_cadence_cb);
}

static void
nudge_automation_page_init (NudgeAutomationPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rule_rows = g_ptr_array_new ();
  self->cadence_rows = g_ptr_array_new ();
}

NudgeScoreWeights *
nudge_score_weights_new_from_settings (GSettings *settings)
{
  NudgeScoreWeights *weights = nudge_score_weights_new ();
  g_autoptr(GVariant) value = g_settings_get_value (settings, "score-weights");
  GVariantIter iter;
  const char *kind;
  int points;

  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "{&si}", &kind, &points))
    nudge_score_weights_set (weights, kind, points);
  nudge_score_weights_set_half_life (weights, g_settings_get_int (settings, "score-half-life-days"));
  return weights;
}

GtkWidget *
nudge_automation_page_new (NudgeContext *context)
{
  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (nudge_context_get_settings (context)), NULL);

  return g_object_new (NUDGE_TYPE_AUTOMATION_PAGE, "context", context, NULL);
}
