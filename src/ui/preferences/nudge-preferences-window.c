/* nudge-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-backups.h"
#include "nudge-automation-page.h"
#include "nudge-currency-group.h"
#include "nudge-currency.h"
#include "nudge-dialogs.h"
#include "nudge-eml-drop.h"
#include "nudge-export-dialog.h"
#include "nudge-format.h"
#include "nudge-holidays.h"
#include "nudge-pipelines-page.h"
#include "nudge-preferences-window.h"
#include "nudge-reminders.h"

struct _NudgePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  NudgeContext         *context;
  NudgeStore           *store;
  GSettings            *settings;

  AdwComboRow          *currency_row;
  NudgeCurrencyGroup   *currency_group;
  GtkSpinButton        *remind_spin;
  GtkSpinButton        *day_start_spin;
  GtkSpinButton        *day_end_spin;
  GtkSwitch            *weekends_switch;
  AdwComboRow          *holidays_row;
  GtkSwitch            *quiet_switch;
  AdwPreferencesPage   *general_page;

};

/* The last minute of a day, the latest the working day may end. */
#define LAST_MINUTE (23 * 60 + 59)

/* The holidays row's first two entries, then the regions. */
enum
{
  HOLIDAYS_AUTOMATIC,
  HOLIDAYS_NONE,
  HOLIDAYS_FIRST_REGION,
};


G_DEFINE_FINAL_TYPE (NudgePreferencesWindow, nudge_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The working day is stored in minutes after midnight, and shown and
 * typed as a time of day on the desktop's clock: "9:00", "5:00 PM".
 * The arrows move it by an hour; "8", "8:30" or "8 AM" may be typed. */
static gboolean
time_spin_output_cb (GtkSpinButton *spin,
                     gpointer       data)
{
  int minutes = (int) gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  g_autofree char *text = nudge_format_clock_time (minutes / 60 % 24, minutes % 60);

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  /* A screen reader says the time, not a count of minutes. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
  return TRUE;
}

static int
time_spin_input_cb (GtkSpinButton *spin,
                    double        *new_value,
                    gpointer       data)
{
  int hour, minute;

  if (!nudge_parse_time (gtk_editable_get_text (GTK_EDITABLE (spin)), &hour, &minute))
    return GTK_INPUT_ERROR;
  *new_value = hour * 60 + minute;
  return TRUE;
}

static void
setup_time_spin (GtkSpinButton *spin)
{
  int width = 0;

  /* What is not a time, or not one the other end allows, leaves the
   * setting as it was and shows it again. */
  gtk_spin_button_set_update_policy (spin, GTK_UPDATE_IF_VALID);
  g_signal_connect (spin, "output", G_CALLBACK (time_spin_output_cb), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (time_spin_input_cb), NULL);
  /* As wide as the widest time it shows: "23:00", "12:00 PM". */
  for (int hour = 0; hour < 24; hour++)
    {
      g_autofree char *text = nudge_format_clock_time (hour, 59);

      width = MAX (width, (int) g_utf8_strlen (text, -1));
    }
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), width);
  time_spin_output_cb (spin, NULL);
}

/* The working day ends at least an hour after it starts: each spin
 * keeps the other's range on its own side of it. It ends at 23:59 at
 * the latest, the last minute the settings keep. */
static void
working_day_changed_cb (NudgePreferencesWindow *self)
{
  double start = gtk_spin_button_get_value (self->day_start_spin);
  double end = gtk_spin_button_get_value (self->day_end_spin);

  gtk_adjustment_set_lower (gtk_spin_button_get_adjustment (self->day_end_spin), MIN (start + 60, LAST_MINUTE));
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->day_start_spin), MAX (end - 60, 0));
}

static void
currency_selected_cb (NudgePreferencesWindow *self)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (self->currency_row);

  if (item != NULL)
    g_settings_set_string (self->settings, "default-currency", gtk_string_object_get_string (item));
}

static void
select_currency (NudgePreferencesWindow *self)
{
  g_autofree char *currency = nudge_currency_for_new_deals (self->settings);
  GListModel *model = adw_combo_row_get_model (self->currency_row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), currency) == 0)
        adw_combo_row_set_selected (self->currency_row, i);
    }
}

static gboolean
holidays_to_row (GValue   *value,
                 GVariant *variant,
                 gpointer  data)
{
  GArray *regions = data;
  const char *setting = g_variant_get_string (variant, NULL);
  NudgeHolidayRegion region;

  if (g_str_equal (setting, "auto"))
    {
      g_value_set_uint (value, HOLIDAYS_AUTOMATIC);
      return TRUE;
    }
  region = nudge_holidays_region_from_code (setting);
  g_value_set_uint (value, HOLIDAYS_NONE);
  for (guint i = 0; i < regions->len; i++)
    if (g_array_index (regions, NudgeHolidayRegion, i) == region)
      g_value_set_uint (value, HOLIDAYS_FIRST_REGION + i);
  return TRUE;
}

static GVariant *
row_to_holidays (const GValue       *value,
                 const GVariantType *type,
                 gpointer            data)
{
  GArray *regions = data;
  guint selected = g_value_get_uint (value);

  if (selected == HOLIDAYS_AUTOMATIC)
    return g_variant_new_string ("auto");
  if (selected < HOLIDAYS_FIRST_REGION || selected - HOLIDAYS_FIRST_REGION >= regions->len)
    return g_variant_new_string ("none");
  return g_variant_new_string (nudge_holidays_region_code (g_array_index (regions, NudgeHolidayRegion,
                                                                          selected - HOLIDAYS_FIRST_REGION)));
}

/* "Automatic (Czechia)", "None", then the regions by name. */
static void
fill_holidays_row (NudgePreferencesWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GArray) regions = nudge_holidays_list_regions ();
  g_autofree char *automatic = NULL;

  /* Translators: the first choice of Preferences → Public holidays; %s is
   * the country of the date format ("Czechia") or "None" */
  automatic = g_strdup_printf (C_("public holidays", "Automatic (%s)"),
                               nudge_holidays_region_name (nudge_holidays_default_region ()));
  gtk_string_list_append (names, automatic);
  gtk_string_list_append (names, nudge_holidays_region_name (NUDGE_HOLIDAYS_NONE));
  for (guint i = 0; i < regions->len; i++)
    gtk_string_list_append (names, nudge_holidays_region_name (g_array_index (regions, NudgeHolidayRegion, i)));
  adw_combo_row_set_model (self->holidays_row, G_LIST_MODEL (names));
  nudge_combo_row_show_whole_choices (self->holidays_row);
  /* The mapping keeps the list as long as the binding lives. */
  g_settings_bind_with_mapping (self->settings, "holidays", self->holidays_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                holidays_to_row, row_to_holidays, g_array_ref (regions),
                                (GDestroyNotify) g_array_unref);
}

static void
nudge_preferences_window_dispose (GObject *object)
{
  NudgePreferencesWindow *self = (NudgePreferencesWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (nudge_preferences_window_parent_class)->dispose (object);
}

static void
nudge_preferences_window_constructed (GObject *object)
{
  NudgePreferencesWindow *self = (NudgePreferencesWindow *) object;

  G_OBJECT_CLASS (nudge_preferences_window_parent_class)->constructed (object);

  g_assert (NUDGE_IS_CONTEXT (self->context));
  self->settings = g_object_ref (nudge_context_get_settings (self->context));

  nudge_currency_group_set_context (self->currency_group, self->context);
  select_currency (self);
  g_signal_connect_object (self->currency_row, "notify::selected",
                           G_CALLBACK (currency_selected_cb), self, G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "default-remind-minutes", self->remind_spin, "value", G_SETTINGS_BIND_DEFAULT);
  setup_time_spin (self->day_start_spin);
  setup_time_spin (self->day_end_spin);
  g_settings_bind (self->settings, "working-day-start", self->day_start_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "working-day-end", self->day_end_spin, "value", G_SETTINGS_BIND_DEFAULT);
  working_day_changed_cb (self);
  g_signal_connect_object (self->day_start_spin, "value-changed", G_CALLBACK (working_day_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->day_end_spin, "value-changed", G_CALLBACK (working_day_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "skip-weekends", self->weekends_switch, "active", G_SETTINGS_BIND_DEFAULT);
  fill_holidays_row (self);
  g_settings_bind (self->settings, "quiet-hours", self->quiet_switch, "active", G_SETTINGS_BIND_DEFAULT);

  adw_preferences_page_add (self->general_page, ADW_PREFERENCES_GROUP (nudge_export_subscription_group_new ()));
  adw_preferences_page_add (self->general_page, ADW_PREFERENCES_GROUP (nudge_reminders_preferences_group_new (self->settings)));
  adw_preferences_page_add (self->general_page, ADW_PREFERENCES_GROUP (nudge_backups_preferences_group_new (self->context)));
  adw_preferences_page_add (self->general_page, ADW_PREFERENCES_GROUP (nudge_eml_preferences_group_new (self->settings)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (nudge_automation_page_new (self->context)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (nudge_pipelines_page_new (self->context)));
}

static void
nudge_preferences_window_class_init (NudgePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nudge_preferences_window_constructed;
  object_class->dispose = nudge_preferences_window_dispose;

  nudge_dialogs_install_context_property (object_class, G_STRUCT_OFFSET (NudgePreferencesWindow, context),
                                          G_STRUCT_OFFSET (NudgePreferencesWindow, store));

  g_type_ensure (NUDGE_TYPE_CURRENCY_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/nudge-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgePreferencesWindow, currency_group);
  gtk_widget_class_bind_template_child (widget_class, NudgePreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, NudgePreferencesWindow, remind_spin);
  gtk_widget_class_bind_template_child (widget_class, NudgePreferencesWindow, day_start_spin);
  gtk_widget_class_bind_template_child (widget_class, NudgePreferencesWindow, day_end_spin);
  gtk_widget_class_bind_template_child (widget_class, NudgePreferencesWindow, weekends_switch);
  gtk_widget_class_bind_template_child (widget_class, NudgePreferencesWindow, holidays_row);
  gtk_widget_class_bind_template_child (widget_class, NudgePreferencesWindow, quiet_switch);
  gtk_widget_class_bind_template_child (widget_class, NudgePreferencesWindow, general_page);
}

static void
nudge_preferences_window_init (NudgePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
nudge_preferences_window_new (NudgeContext *context)
{
  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);

  return g_object_new (NUDGE_TYPE_PREFERENCES_WINDOW, "context", context, NULL);
}
