/* nudge-currency-group.c — the home currency and exchange rates in
 * Preferences
 *
 * The board and Insights add deals up in one currency, the home one, at
 * rates the user types in (Nudge is offline and never fetches them). The
 * group shows each rate with its date, lets the user edit or remove it,
 * and lists the currencies of deals that have no rate yet, since their
 * amounts are counted apart from every total until they do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-currency-group"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-accessible.h"
#include "nudge-clock.h"
#include "nudge-currency.h"
#include "nudge-currency-group.h"
#include "nudge-date-time-entry.h"
#include "nudge-dialogs.h"
#include "nudge-format.h"
#include "nudge-view-actions.h"

struct _NudgeCurrencyGroup
{
  AdwPreferencesGroup  parent_instance;

  NudgeContext        *context;
  NudgeStore          *store;       /* the context's */
  GtkStringList       *codes;
  AdwComboRow         *home_row;
  GtkWidget           *add_row;     /* also ours: removed and added back last */
  GPtrArray           *rows;        /* rate and missing-rate rows, refilled */
  gboolean             filling;
};

typedef struct
{
  NudgeCurrencyGroup *group;
  AdwMessageDialog   *dialog;
  GtkWidget          *currency;
  GtkWidget          *rate;
  GtkWidget          *date;
} RateDialog;

G_DEFINE_FINAL_TYPE (NudgeCurrencyGroup, nudge_currency_group, ADW_TYPE_PREFERENCES_GROUP)

/* The buttons of a rate's row: each one's action ("currency.edit-rate")
 * gets the currency and names the button with it; a screen reader says
 * which rate (@spoken, with the currency's code). */
static const struct
{
  const char *action;
  const char *icon_name;
  const char *tooltip;
  const char *spoken;
  gboolean    activates_row;
} rate_buttons[] = {
  { "edit-rate", "document-edit-symbolic", N_("Edit Rate"),
    /* Translators: accessible name of a button, "Edit the rate of EUR" */
    N_("Edit the rate of %s"), TRUE },
  { "remove-rate", "user-trash-symbolic", N_("Remove Rate"),
    /* Translators: accessible name of a button, "Remove the rate of EUR" */
    N_("Remove the rate of %s"), FALSE },
};

/* Offered first, in this order: the region's neighbours, then the big ones */
static const char * const common_codes[] = {
  "CZK", "PLN", "UAH", "EUR", "USD", "GBP", "CHF", "HUF", "RON", "SEK", "NOK", "DKK", "BGN", "JPY", "CAD",
};

/* ---- helpers ---------------------------------------------------------- */

/* "25.20 Kč": what 1 unit is worth, in the home currency */
static char *
format_rate_value (double      rate,
                   const char *home)
{
  g_autofree char *number = nudge_currency_format_rate (rate);

  /* Translators: a rate's value in the home currency, "25.20 Kč" */
  return g_strdup_printf (_("%s %s"), number, nudge_currency_symbol (home));
}

static gboolean
has_code (GtkStringList *codes,
          const char    *code)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (codes)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (codes, i), code) == 0)
      return TRUE;
  return FALSE;
}

static void
fill_home_row (NudgeCurrencyGroup *self,
               const char         *home,
               GPtrArray          *used)
{
  g_autoptr(GtkStringList) codes = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (common_codes); i++)
    gtk_string_list_append (codes, common_codes[i]);
  for (guint i = 0; used != NULL && i < used->len; i++)
    {
      NudgeCurrencyUse *use = g_ptr_array_index (used, i);

      if (!has_code (codes, use->currency))
        gtk_string_list_append (codes, use->currency);
    }
  if (!has_code (codes, home))
    gtk_string_list_append (codes, home);

  g_set_object (&self->codes, codes);
  adw_combo_row_set_model (self->home_row, G_LIST_MODEL (codes));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (codes)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (codes, i), home) == 0)
      adw_combo_row_set_selected (self->home_row, i);
}

static GtkWidget *
new_rate_row (NudgeCurrencyGroup *self,
              const NudgeRate    *rate,
              const char         *home)
{
  g_autofree char *value = format_rate_value (rate->rate, home);
  g_autofree char *title = NULL;
  g_autofree char *date = nudge_format_date (rate->as_of);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  /* Translators: an exchange rate, "1 EUR = 25.20 Kč" */
  title = g_strdup_printf (_("1 %s = %s"), rate->currency, value);
  /* Translators: when the user entered a rate, "Entered for 3 Dec 2026" */
  subtitle = g_strdup_printf (_("Entered for %s"), date);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (row, "numeric");

  for (guint i = 0; i < G_N_ELEMENTS (rate_buttons); i++)
    {
      g_autofree char *says = g_strdup_printf (_(rate_buttons[i].spoken), rate->currency);
      g_autofree char *name = g_strdup_printf ("%s-%s", rate_buttons[i].action, rate->currency);
      g_autofree char *action_name = g_strconcat ("currency.", rate_buttons[i].action, NULL);
      GtkWidget *button = nudge_icon_button_new (rate_buttons[i].icon_name, _(rate_buttons[i].tooltip), says);

      gtk_widget_set_name (button, name);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", rate->currency);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      if (rate_buttons[i].activates_row)
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
    }
  return row;
}

/* A currency of some deals that has no rate: their amounts stay out of
 * the totals, which the user should see here rather than wonder. */
static GtkWidget *
new_missing_row (NudgeCurrencyGroup     *self,
                 const NudgeCurrencyUse *use,
                 const char             *home)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *name = g_strdup_printf ("add-rate-%s", use->currency);
  g_autofree char *accessible = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add Rate"));

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: %u deals in a currency without a rate to %s (home) */
                                           "No rate to %2$s: %1$u deal counted apart from the totals",
                                           "No rate to %2$s: %1$u deals counted apart from the totals",
                                           use->n_deals),
                              use->n_deals, home);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), use->currency);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (icon, "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Rate missing"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_widget_set_name (add, name);
  /* Translators: accessible name of a button, "Add a rate for USD" */
  accessible = g_strdup_printf (_("Add a rate for %s"), use->currency);
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (add), "s", use->currency);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "currency.edit-rate");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), add);
  return row;
}

static void
fill (NudgeCurrencyGroup *self)
{
  g_autoptr(GPtrArray) rates = NULL;
  g_autoptr(GPtrArray) used = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;

  if (self->store == NULL)
    return;
  self->filling = TRUE;
  home = nudge_store_get_home_currency (self->store);
  used = nudge_store_list_deal_currencies (self->store, NULL);
  fill_home_row (self, home, used);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  /* The add row goes last again */
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->add_row);

  if (!(rates = nudge_store_list_rates (self->store, &error)))
    g_warning ("Could not read the exchange rates: %s", error->message);
  for (guint i = 0; rates != NULL && i < rates->len; i++)
    {
      GtkWidget *row = new_rate_row (self, g_ptr_array_index (rates, i), home);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }
  for (guint i = 0; used != NULL && i < used->len; i++)
    {
      NudgeCurrencyUse *use = g_ptr_array_index (used, i);
      gboolean has_rate = FALSE;
      GtkWidget *row;

      if (g_str_equal (use->currency, home))
        continue;
      for (guint j = 0; rates != NULL && j < rates->len && !has_rate; j++)
        has_rate = g_str_equal (((NudgeRate *) g_ptr_array_index (rates, j))->currency, use->currency);
      if (has_rate)
        continue;
      row = new_missing_row (self, use, home);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->add_row);
  self->filling = FALSE;
}

/* ---- the rate dialog -------------------------------------------------- */

static gboolean
rate_dialog_read (RateDialog  *d,
                  char       **out_code,
                  double      *out_rate)
{
  g_autofree char *code = nudge_currency_normalize (gtk_editable_get_text (GTK_EDITABLE (d->currency)), NULL);
  g_autofree char *home = nudge_store_get_home_currency (d->group->store);
  gboolean code_ok = code != NULL && !g_str_equal (code, home);
  double rate = 0;
  gboolean rate_ok = nudge_currency_parse_rate (gtk_editable_get_text (GTK_EDITABLE (d->rate)), &rate) &&
                     rate > 0 && rate < 1e9;
  const char *code_text = gtk_editable_get_text (GTK_EDITABLE (d->currency));
  const char *rate_text = gtk_editable_get_text (GTK_EDITABLE (d->rate));

  /* Mark a field wrong only once something is typed in it */
  if (code_ok || *code_text == '\0')
    gtk_widget_remove_css_class (d->currency, "error");
  else
    gtk_widget_add_css_class (d->currency, "error");
  if (rate_ok || *rate_text == '\0')
    gtk_widget_remove_css_class (d->rate, "error");
  else
    gtk_widget_add_css_class (d->rate, "error");

  if (out_code != NULL)
    *out_code = g_steal_pointer (&code);
  if (out_rate != NULL)
    *out_rate = rate;
  return code_ok && rate_ok && nudge_date_time_entry_get_valid (NUDGE_DATE_TIME_ENTRY (d->date));
}

static void
rate_dialog_changed_cb (RateDialog *d)
{
  adw_message_dialog_set_response_enabled (d->dialog, "save", rate_dialog_read (d, NULL, NULL));
}

static void
rate_dialog_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         RateDialog       *d)
{
  g_autofree char *code = NULL;
  g_autoptr(GError) error = NULL;
  double rate;

  if (!g_str_equal (response, "save") || !rate_dialog_read (d, &code, &rate))
    return;
  if (!nudge_store_set_rate (d->group->store, code, rate,
                             nudge_date_time_entry_get_unix (NUDGE_DATE_TIME_ENTRY (d->date)), &error))
    nudge_view_show_message (GTK_WIDGET (d->group), error->message);
}

static void
rate_dialog_free (gpointer  data,
                  GClosure *closure)
{
  RateDialog *d = data;

  g_object_unref (d->group);
  g_free (d);
}

static GtkWidget *
new_entry_row (const char *title,
               const char *name)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, name);
  return row;
}

/* ---- signal callbacks ------------------------------------------------- */

static void
edit_rate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  nudge_currency_group_edit_rate (NUDGE_CURRENCY_GROUP (widget), g_variant_get_string (parameter, NULL));
}

/* Undo puts the removed rate back. */
static gboolean
restore_rate (NudgeStore  *store,
              gpointer     undo,
              GError     **error)
{
  NudgeRate *rate = undo;

  return nudge_store_set_rate (store, rate->currency, rate->rate, rate->as_of, error);
}

static void
remove_rate_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  NudgeCurrencyGroup *self = NUDGE_CURRENCY_GROUP (widget);
  const char *currency = g_variant_get_string (parameter, NULL);
  g_autoptr(GPtrArray) rates = nudge_store_list_rates (self->store, NULL);
  g_autoptr(GError) error = NULL;
  NudgeRate *old = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  for (guint i = 0; rates != NULL && i < rates->len; i++)
    if (g_str_equal (((NudgeRate *) g_ptr_array_index (rates, i))->currency, currency))
      old = g_ptr_array_steal_index (rates, i);
  if (!nudge_store_remove_rate (self->store, currency, &error))
    {
      nudge_rate_free (old);
      nudge_view_show_message (GTK_WIDGET (self), error->message);
      return;
    }
  /* Translators: a toast, "Rate of EUR removed" */
  title = g_strdup_printf (_("Rate of %s removed"), currency);
  toast = adw_toast_new (title);
  if (old != NULL)
    nudge_toast_set_store_undo (toast, self->store, restore_rate, old, (GDestroyNotify) nudge_rate_free,
                                "Could not restore a removed rate");
  nudge_view_show_toast (GTK_WIDGET (self), toast);
}

static void
home_selected_cb (NudgeCurrencyGroup *self)
{
  guint selected = adw_combo_row_get_selected (self->home_row);
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;
  const char *code;

  if (self->filling || self->codes == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  code = gtk_string_list_get_string (self->codes, selected);
  home = nudge_store_get_home_currency (self->store);
  if (code == NULL || g_strcmp0 (code, home) == 0)
    return;
  if (!nudge_store_set_home_currency (self->store, code, &error))
    nudge_view_show_message (GTK_WIDGET (self), error->message);
}

static void
add_activated_cb (NudgeCurrencyGroup *self)
{
  nudge_currency_group_edit_rate (self, NULL);
}

static void
store_changes_cb (NudgeCurrencyGroup *self,
                  NudgeChangeSet     *changes,
                  NudgeStore         *store)
{
  /* Deals bring in or drop currencies that need a rate */
  if (nudge_change_set_touches_any (changes, NUDGE_ENTITY_BIT (NUDGE_ENTITY_CURRENCY) |
                                             NUDGE_ENTITY_BIT (NUDGE_ENTITY_DEAL)))
    fill (self);
}

/* ---- overrides -------------------------------------------------------- */

static void
nudge_currency_group_dispose (GObject *object)
{
  NudgeCurrencyGroup *self = (NudgeCurrencyGroup *) object;

  /* The template's child pointer is cleared with the template */
  if (self->add_row != NULL)
    g_object_unref (self->add_row);
  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_CURRENCY_GROUP);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_object (&self->codes);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (nudge_currency_group_parent_class)->dispose (object);
}

static void
nudge_currency_group_class_init (NudgeCurrencyGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nudge_currency_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/nudge-currency-group.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeCurrencyGroup, home_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeCurrencyGroup, add_row);
  gtk_widget_class_bind_template_callback (widget_class, home_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_activated_cb);

  gtk_widget_class_install_action (widget_class, "currency.edit-rate", "s", edit_rate_action);
  gtk_widget_class_install_action (widget_class, "currency.remove-rate", "s", remove_rate_action);
}

static void
nudge_currency_group_init (NudgeCurrencyGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  /* fill() takes it out and puts it back last */
  g_object_ref (self->add_row);
}

/* ---- public API ------------------------------------------------------- */

void
nudge_currency_group_set_context (NudgeCurrencyGroup *self,
                                  NudgeContext       *context)
{
  g_return_if_fail (NUDGE_IS_CURRENCY_GROUP (self));
  g_return_if_fail (NUDGE_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  self->store = g_object_ref (nudge_context_get_store (context));
  g_signal_connect_object (self->store, "changes", G_CALLBACK (store_changes_cb), self, G_CONNECT_SWAPPED);
  fill (self);
}

GtkWidget *
nudge_currency_group_edit_rate (NudgeCurrencyGroup *self,
                                const char         *currency)
{
  g_autoptr(GPtrArray) rates = NULL;
  g_autofree char *home = NULL;
  g_autofree char *body = NULL;
  g_autofree char *rate_title = NULL;
  RateDialog *d;
  GtkWidget *list, *date_row;

  g_return_val_if_fail (NUDGE_IS_CURRENCY_GROUP (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  home = nudge_store_get_home_currency (self->store);
  rates = nudge_store_list_rates (self->store, NULL);

  d = g_new0 (RateDialog, 1);
  d->group = g_object_ref (self);
  d->dialog = nudge_question_dialog_new (nudge_view_parent_window (GTK_WIDGET (self)), "save", _("_Save"),
                                         ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_heading (d->dialog, currency ? _("Exchange Rate") : _("Add Exchange Rate"));
  if (currency != NULL)
    /* Translators: "How many CZK is 1 EUR worth? …" */
    body = g_strdup_printf (_("How many %s is 1 %s worth? Use the rate of your bank or the central bank; "
                              "totals converted with it are marked “≈”."), home, currency);
  else
    /* Translators: %s is the home currency code, e.g. CZK */
    body = g_strdup_printf (_("How many %s is one unit of the currency worth? Use the rate of your bank or "
                              "the central bank; totals converted with it are marked “≈”."), home);
  adw_message_dialog_set_body (d->dialog, body);
  gtk_window_set_modal (GTK_WINDOW (d->dialog), TRUE);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  d->currency = new_entry_row (_("Currency code"), "rate-currency");
  /* Translators: the field of a rate's value, "Rate in CZK" */
  rate_title = g_strdup_printf (_("Rate in %s"), home);
  d->rate = new_entry_row (rate_title, "rate-value");
  gtk_list_box_append (GTK_LIST_BOX (list), d->currency);
  gtk_list_box_append (GTK_LIST_BOX (list), d->rate);

  date_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (date_row), _("Date"));
  d->date = nudge_date_time_entry_new ();
  nudge_date_time_entry_set_show_time (NUDGE_DATE_TIME_ENTRY (d->date), FALSE);
  nudge_date_time_entry_set_unix (NUDGE_DATE_TIME_ENTRY (d->date), nudge_clock_now ());
  gtk_widget_set_valign (d->date, GTK_ALIGN_CENTER);
  gtk_widget_set_name (d->date, "rate-date");
  adw_action_row_add_suffix (ADW_ACTION_ROW (date_row), d->date);
  gtk_list_box_append (GTK_LIST_BOX (list), date_row);

  if (currency != NULL)
    {
      /* The currency is the one the row was for; a different one is a
       * new rate, added from the Add Rate row */
      gtk_editable_set_text (GTK_EDITABLE (d->currency), currency);
      gtk_widget_set_visible (d->currency, FALSE);
      for (guint i = 0; rates != NULL && i < rates->len; i++)
        {
          NudgeRate *rate = g_ptr_array_index (rates, i);

          if (g_str_equal (rate->currency, currency))
            {
              g_autofree char *number = nudge_currency_format_rate (rate->rate);

              gtk_editable_set_text (GTK_EDITABLE (d->rate), number);
              nudge_date_time_entry_set_unix (NUDGE_DATE_TIME_ENTRY (d->date), rate->as_of);
            }
        }
    }
  adw_message_dialog_set_extra_child (d->dialog, list);
  adw_message_dialog_set_default_response (d->dialog, "save");

  g_signal_connect_swapped (d->currency, "changed", G_CALLBACK (rate_dialog_changed_cb), d);
  g_signal_connect_swapped (d->rate, "changed", G_CALLBACK (rate_dialog_changed_cb), d);
  g_signal_connect_swapped (d->date, "notify::valid", G_CALLBACK (rate_dialog_changed_cb), d);
  g_signal_connect_data (d->dialog, "response", G_CALLBACK (rate_dialog_response_cb), d,
                         rate_dialog_free, 0);
  rate_dialog_changed_cb (d);
  gtk_window_present (GTK_WINDOW (d->dialog));
  gtk_widget_grab_focus (currency != NULL ? d->rate : d->currency);
  return GTK_WIDGET (d->dialog);
}
