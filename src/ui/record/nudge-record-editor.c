/* nudge-record-editor.c
 *
 * One form class for the three records: the fields differ, the behaviour
 * does not. Required fields and obvious mistakes (an amount that is not
 * an amount, an e-mail without @) are flagged while typing; everything
 * else is the store's own validation, whose message is shown above the
 * form — which stays open with what was typed (a 10 MB paste included).
 * A company or contact typed by name is found, or created in the same
 * transaction as the deal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-record-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "nudge-accessible.h"
#include "nudge-currency.h"
#include "nudge-date-time-entry.h"
#include "nudge-dialogs.h"
#include "nudge-followups.h"
#include "nudge-format.h"
#include "nudge-next-step-dialog.h"
#include "nudge-name-suggestions.h"
#include "nudge-record-editor.h"
#include "nudge-view-actions.h"

typedef enum
{
  FIELD_TEXT,
  FIELD_MULTILINE,
  FIELD_SWITCH,
  FIELD_NUMBER,
  FIELD_CHOICE,
  FIELD_DATE,
} FieldKind;

typedef struct
{
  const char *key;         /* property or pseudo-field */
  const char *label;
  FieldKind   kind;
  gboolean    required;
} FieldSpec;

/* The Stage list offers the open stages (and the stage a closed deal is
 * in): a deal is won or lost through Move on its page or the board,
 * which ask why, offer to cancel its follow-ups and can be undone, not
 * silently by a choice in a form. Choosing an open stage reopens it. */
static void
keep_open_stages (GPtrArray *stages,
                  gint64     current)
{
  for (guint i = stages != NULL ? stages->len : 0; i > 0; i--)
    {
      NudgeStage *stage = g_ptr_array_index (stages, i - 1);

      if (!g_str_equal (nudge_stage_get_kind (stage), "open") && nudge_stage_get_id (stage) != current)
        g_ptr_array_remove_index (stages, i - 1);
    }
}
static const FieldSpec deal_fields[] = {
  { "title", N_("Title"), FIELD_TEXT, TRUE },
  { "company", N_("Company"), FIELD_TEXT, FALSE },
  { "contact", N_("Contact"), FIELD_TEXT, FALSE },
  { "amount", N_("Amount"), FIELD_TEXT, FALSE },
  { "currency", N_("Currency"), FIELD_CHOICE, FALSE },
  { "stage", N_("Stage"), FIELD_CHOICE, FALSE },
  { "expected-close", N_("Expected close"), FIELD_DATE, FALSE },
  { "product", N_("Product"), FIELD_TEXT, FALSE },
  { "labels", N_("Labels"), FIELD_TEXT, FALSE },
  { "notes", N_("Notes"), FIELD_MULTILINE, FALSE },
};

static const FieldSpec contact_fields[] = {
  { "name", N_("Name"), FIELD_TEXT, TRUE },
  { "company", N_("Company"), FIELD_TEXT, FALSE },
  { "email", N_("E-mail"), FIELD_TEXT, FALSE },
  { "phone", N_("Phone"), FIELD_TEXT, FALSE },
  { "title", N_("Job title"), FIELD_TEXT, FALSE },
  { "decision-maker", N_("Decision maker"), FIELD_SWITCH, FALSE },
  { "source", N_("Source"), FIELD_TEXT, FALSE },
  { "tags", N_("Tags"), FIELD_TEXT, FALSE },
  { "stay-ideal-days", N_("Stay in touch every (days)"), FIELD_NUMBER, FALSE },
  { "stay-max-days", N_("At the latest after (days)"), FIELD_NUMBER, FALSE },
  { "notes", N_("Notes"), FIELD_MULTILINE, FALSE },
};

static const FieldSpec company_fields[] = {
  { "name", N_("Name"), FIELD_TEXT, TRUE },
  { "industry", N_("Industry"), FIELD_TEXT, FALSE },
  { "website", N_("Website"), FIELD_TEXT, FALSE },
  { "phone", N_("Phone"), FIELD_TEXT, FALSE },
  { "email", N_("E-mail"), FIELD_TEXT, FALSE },
  { "notes", N_("Notes"), FIELD_MULTILINE, FALSE },
};

static const char *const currencies[] = { "CZK", "PLN", "UAH", "EUR", "USD", "GBP", "CHF", "HUF", "RON", "SEK", NULL };

struct _NudgeRecordEditor
{
  AdwWindow         parent_instance;

  NudgeContext     *context;
  NudgeStore       *store;         /* the context's */
  NudgeEntity       entity;
  gint64            id;
  GObject          *record;        /* a copy being edited */
  const FieldSpec  *fields;
  guint             n_fields;
  GHashTable       *widgets;       /* key -> widget */
  GPtrArray        *stages;        /* NudgeStage, for the stage choice */
  char             *error;

  GtkWidget        *save_button;
  GtkWidget        *error_label;
  GtkWidget        *fields_group;
  GtkWidget        *notes_group;
  GtkWidget        *reason_label;  /* why Save/Add is insensitive */
  NudgeNameSuggestions *company_suggestions;
  NudgeNameSuggestions *contact_suggestions;
};

G_DEFINE_FINAL_TYPE (NudgeRecordEditor, nudge_record_editor, ADW_TYPE_WINDOW)

static GtkWidget *
field_widget (NudgeRecordEditor *self,
              const char        *key)
{
  return g_hash_table_lookup (self->widgets, key);
}

static char *
field_text (NudgeRecordEditor *self,
            const char        *key)
{
  GtkWidget *widget = field_widget (self, key);

  if (widget == NULL)
    return NULL;
  if (NUDGE_IS_DATE_TIME_ENTRY (widget))
    {
      char *iso = nudge_date_time_entry_dup_iso_date (NUDGE_DATE_TIME_ENTRY (widget));

      return iso ? iso : g_strdup ("");
    }
  if (GTK_IS_TEXT_VIEW (widget))
    return nudge_editor_dup_text_view_text (GTK_TEXT_VIEW (widget));
  if (ADW_IS_COMBO_ROW (widget))
    {
      GtkStringObject *item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (widget));
      return g_strdup (item ? gtk_string_object_get_string (item) : "");
    }
  if (GTK_IS_EDITABLE (widget))
    return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget))));
  return NULL;
}

static void
mark (GtkWidget  *widget,
      gboolean    bad)
{
  if (bad)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

static void
show_error (NudgeRecordEditor *self,
            const char        *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_label (GTK_LABEL (self->error_label), message ? message : "");
  gtk_widget_set_visible (self->error_label, message != NULL);
}

/* Checks as the user types: required fields, amounts, e-mails and dates.
 * Save/Add stays insensitive, and Enter does nothing, until they pass;
 * the first reason shows under the fields. */
static void
validate (NudgeRecordEditor *self)
{
  g_autofree char *reason = NULL;
  gboolean wrong = FALSE;
  gboolean ok = TRUE;

  for (guint i = 0; i < self->n_fields; i++)
    {
      const FieldSpec *f = &self->fields[i];
      GtkWidget *widget = field_widget (self, f->key);
      g_autofree char *text = NULL;
      g_autofree char *why = NULL;
      gboolean bad = FALSE;

      if (f->kind == FIELD_DATE)
        {
          NudgeDateTimeEntry *entry = NUDGE_DATE_TIME_ENTRY (widget);

          if (!nudge_date_time_entry_get_valid (entry))
            {
              ok = FALSE;
              if (reason == NULL)
                {
                  /* TRANSLATORS: a field's name, then why it is wrong */
                  reason = g_strdup_printf (_("%s: %s"), _(f->label), nudge_date_time_entry_get_reason (entry));
                  wrong = TRUE;
                }
            }
          continue;
        }
      if (f->kind != FIELD_TEXT)
        continue;
      text = field_text (self, f->key);

      if (f->required && *text == '\0')
        {
          ok = FALSE;
          if (reason == NULL)
            reason = g_strdup_printf (_("%s is required"), _(f->label));
          continue;   /* empty is not an error to shout about, just not savable */
        }
      if (g_str_equal (f->key, "amount") && *text != '\0')
        {
          g_autofree char *currency = field_text (self, "currency");
          g_autoptr(GError) error = NULL;
          gint64 minor;

          bad = !nudge_currency_parse_amount (text, currency, &minor, &error);
          if (bad)
            why = g_strdup (error->message);
        }
      else if (g_str_equal (f->key, "email") && *text != '\0')
        {
          /* What saving will check, said now. */
          bad = !nudge_store_check_email (text, NULL);
          if (bad)
            why = g_strdup_printf (_("“%s” is not an e-mail address (e.g. name@example.com)"), text);
        }
      else if (g_str_equal (f->key, "phone") && *text != '\0')
        {
          g_autoptr(GError) error = NULL;

          bad = !nudge_store_check_phone (text, &error);
          if (bad)
            why = g_strdup (error->message);
        }
      mark (widget, bad);
      ok = ok && !bad;
      if (bad && (reason == NULL || !wrong))
        {
          g_free (reason);
          reason = g_strdup_printf (_("%s: %s"), _(f->label), why);
          wrong = TRUE;
        }
    }
  gtk_widget_set_sensitive (self->save_button, ok);
  gtk_label_set_label (GTK_LABEL (self->reason_label), reason ? reason : "");
  gtk_widget_set_visible (self->reason_label, reason != NULL);
  /* Something missing is said quietly, something wrong as an error. */
  if (wrong)
    {
      gtk_widget_add_css_class (self->reason_label, "error");
      gtk_widget_remove_css_class (self->reason_label, "dim-label");
    }
  else
    {
      gtk_widget_add_css_class (self->reason_label, "dim-label");
      gtk_widget_remove_css_class (self->reason_label, "error");
    }
}

static gint64
find_or_create_company (NudgeRecordEditor  *self,
                        const char         *name,
                        GError            **error)
{
  g_autoptr(NudgeCompany) company = NULL;
  gint64 id;

  if (name == NULL || *name == '\0')
    return 0;
  if ((id = nudge_store_find_company_by_name (self->store, name)) > 0)
    return id;
  company = nudge_company_new ();
  g_object_set (company, "name", name, NULL);
  return nudge_store_save_company (self->store, company, error);
}

static gint64
find_or_create_contact (NudgeRecordEditor  *self,
                        const char         *name,
                        gint64              company_id,
                        GError            **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(NudgeContact) contact = NULL;

  if (name == NULL || *name == '\0')
    return 0;
  ids = nudge_store_search (self->store, NUDGE_ENTITY_CONTACT, name, 20, NULL);
  for (guint i = 0; ids && i < ids->len; i++)
    {
      g_autoptr(NudgeContact) c = nudge_store_get_contact (self->store, g_array_index (ids, gint64, i), NULL);

      if (c != NULL && g_utf8_collate (nudge_contact_get_name (c), name) == 0 &&
          (company_id == 0 || nudge_contact_get_company_id (c) == company_id))
        return nudge_contact_get_id (c);
    }
  contact = nudge_contact_new ();
  g_object_set (contact, "name", name, "company-id", company_id, NULL);
  return nudge_store_save_contact (self->store, contact, error);
}

gint64
nudge_record_editor_save (NudgeRecordEditor *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_return_val_if_fail (NUDGE_IS_RECORD_EDITOR (self), 0);

  for (guint i = 0; i < self->n_fields; i++)
    {
      GtkWidget *widget = field_widget (self, self->fields[i].key);

      if (NUDGE_IS_DATE_TIME_ENTRY (widget) && !nudge_date_time_entry_get_valid (NUDGE_DATE_TIME_ENTRY (widget)))
        {
          g_set_error_literal (&error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                               nudge_date_time_entry_get_reason (NUDGE_DATE_TIME_ENTRY (widget)));
          goto failed;
        }
      /* Typed by hand: checked more closely than the store checks an
       * imported one (see validate()). */
      if (g_str_equal (self->fields[i].key, "phone"))
        {
          g_autofree char *phone = field_text (self, "phone");

          if (!nudge_store_check_phone (phone, &error))
            goto failed;
        }
    }
  if (!nudge_store_begin (self->store, &error))
    goto failed;

  /* Plain properties straight from their widgets. */
  for (guint i = 0; i < self->n_fields; i++)
    {
      const FieldSpec *f = &self->fields[i];
      GtkWidget *widget = field_widget (self, f->key);
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self->record), f->key);

      if (pspec == NULL)
        continue;
      if (f->kind == FIELD_SWITCH)
        g_object_set (self->record, f->key, gtk_switch_get_active (GTK_SWITCH (widget)), NULL);
      else if (f->kind == FIELD_NUMBER)
        g_object_set (self->record, f->key, gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (widget)), NULL);
      else
        {
          g_autofree char *text = field_text (self, f->key);
          g_object_set (self->record, f->key, text, NULL);
        }
    }

  if (self->entity == NUDGE_ENTITY_DEAL || self->entity == NUDGE_ENTITY_CONTACT)
    {
      g_autofree char *company = field_text (self, "company");
      gint64 company_id = find_or_create_company (self, company, &error);

      if (company != NULL && *company != '\0' && company_id == 0)
        goto failed;
      g_object_set (self->record, "company-id", company_id, NULL);

      if (self->entity == NUDGE_ENTITY_DEAL)
        {
          g_autofree char *contact = field_text (self, "contact");
          g_autofree char *amount = field_text (self, "amount");
          g_autofree char *currency = field_text (self, "currency");
          gint64 contact_id = find_or_create_contact (self, contact, company_id, &error);
          gint64 minor = 0;

          if (contact != NULL && *contact != '\0' && contact_id == 0)
            goto failed;
          if (*amount != '\0' && !nudge_currency_parse_amount (amount, currency, &minor, &error))
            goto failed;
          g_object_set (self->record, "contact-id", contact_id, "has-amount", *amount != '\0',
                        "amount-minor", minor, "currency", currency, NULL);
          if (self->id == 0 && self->stages != NULL)
            {
              guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (field_widget (self, "stage")));

              if (selected < self->stages->len)
                g_object_set (self->record, "stage-id",
                              nudge_stage_get_id (g_ptr_array_index (self->stages, selected)), NULL);
            }
        }
    }

  switch (self->entity)
    {
    case NUDGE_ENTITY_DEAL:
      id = nudge_store_save_deal (self->store, NUDGE_DEAL (self->record), &error);
      /* Moving an existing deal is a stage change with its history. */
      if (id > 0 && self->id > 0 && self->stages != NULL)
        {
          guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (field_widget (self, "stage")));

          if (selected < self->stages->len &&
              !nudge_store_move_deal_to_stage (self->store, id,
                                               nudge_stage_get_id (g_ptr_array_index (self->stages, selected)),
                                               &error))
            id = 0;
        }
      break;
    case NUDGE_ENTITY_CONTACT:
      id = nudge_store_save_contact (self->store, NUDGE_CONTACT (self->record), &error);
      break;
    case NUDGE_ENTITY_COMPANY:
      id = nudge_store_save_company (self->store, NUDGE_COMPANY (self->record), &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (id == 0)
    goto failed;
  if (!nudge_store_commit (self->store, &error))
    goto failed;

  /* A new deal starts with its first step planned, or it starts cold. */
  if (self->entity == NUDGE_ENTITY_DEAL && self->id == 0 && nudge_followups_needs_next_step (self->store, id, 0))
    {
      g_autoptr(NudgeContext) context = g_object_ref (self->context);
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

      gtk_window_destroy (GTK_WINDOW (self));
      nudge_next_step_dialog_present_for_record (parent, context, id, 0);
      return id;
    }
  nudge_editor_close_saved (GTK_WINDOW (self));
  return id;

failed:
  nudge_store_rollback (self->store);
  /* A new record keeps id 0, so a second Save inserts again. */
  if (self->id == 0)
    g_object_set (self->record, "id", (gint64) 0, NULL);
  show_error (self, error ? error->message : _("The record could not be saved"));
  return 0;
}

const char *
nudge_record_editor_get_error (NudgeRecordEditor *self)
{
  g_return_val_if_fail (NUDGE_IS_RECORD_EDITOR (self), NULL);

  return self->error;
}

void
nudge_record_editor_set_field (NudgeRecordEditor *self,
                               const char        *field,
                               const char        *value)
{
  GtkWidget *widget;

  g_return_if_fail (NUDGE_IS_RECORD_EDITOR (self));

  widget = field_widget (self, field);
  g_return_if_fail (widget != NULL);

  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), value, -1);
  else if (NUDGE_IS_DATE_TIME_ENTRY (widget))
    nudge_date_time_entry_set_text (NUDGE_DATE_TIME_ENTRY (widget), value, NULL);
  else if (ADW_IS_COMBO_ROW (widget))
    {
      GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (widget));

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

          if (g_strcmp0 (gtk_string_object_get_string (item), value) == 0)
            adw_combo_row_set_selected (ADW_COMBO_ROW (widget), i);
        }
    }
  else if (GTK_IS_SWITCH (widget))
    gtk_switch_set_active (GTK_SWITCH (widget), g_strcmp0 (value, "true") == 0);
  else if (GTK_IS_SPIN_BUTTON (widget))
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), g_ascii_strtod (value, NULL));
  else if (GTK_IS_EDITABLE (widget))
    gtk_editable_set_text (GTK_EDITABLE (widget), value);
  validate (self);
}

static void
changed_cb (NudgeRecordEditor *self)
{
  show_error (self, NULL);
  validate (self);
}

static char *
initial_text (NudgeRecordEditor *self,
              const FieldSpec   *f)
{
  g_autofree char *text = NULL;

  if (self->id == 0)
    {
      if (g_str_equal (f->key, "currency"))
        {
          g_autoptr(GSettings) settings = nudge_view_settings_new ("default-currency", NULL);

          return nudge_currency_for_new_deals (settings);
        }
      return g_strdup ("");
    }

  if (g_str_equal (f->key, "company"))
    g_object_get (self->record, "company-name", &text, NULL);
  else if (g_str_equal (f->key, "contact"))
    g_object_get (self->record, "contact-name", &text, NULL);
  else if (g_str_equal (f->key, "amount"))
    {
      NudgeDeal *deal = NUDGE_DEAL (self->record);

      /* As the user would type it: "525 000,00" in Czech */
      if (nudge_deal_get_has_amount (deal))
        text = nudge_format_amount (nudge_deal_get_amount_minor (deal), nudge_deal_get_currency (deal));
    }
  else if (g_str_equal (f->key, "stage"))
    g_object_get (self->record, "stage-name", &text, NULL);
  else
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self->record), f->key);

      /* Switches and numbers are read where they are built. */
      if (pspec != NULL && G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_STRING)
        g_object_get (self->record, f->key, &text, NULL);
    }
  return g_steal_pointer (&text);
}

/* A contact chosen for a deal brings its company, when none is typed. */
static void
contact_picked_cb (NudgeRecordEditor *self,
                   GObject           *record)
{
  GtkWidget *company = field_widget (self, "company");
  const char *name = nudge_contact_get_company_name (NUDGE_CONTACT (record));

  if (company != NULL && name != NULL && *name != '\0' &&
      *gtk_editable_get_text (GTK_EDITABLE (company)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (company), name);
}

/* The companies (a deal's contacts) of the book under the field that
 * names one (nudge-name-suggestions.h). */
static void
add_suggestions (NudgeRecordEditor *self,
                 const FieldSpec   *f,
                 AdwEntryRow       *row)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (self->fields_group);

  if (g_str_equal (f->key, "company") && self->entity != NUDGE_ENTITY_COMPANY)
    self->company_suggestions = nudge_name_suggestions_new (group, row, self->store, NUDGE_SEARCH_COMPANIES);
  else if (g_str_equal (f->key, "contact") && self->entity == NUDGE_ENTITY_DEAL)
    {
      self->contact_suggestions = nudge_name_suggestions_new (group, row, self->store, NUDGE_SEARCH_CONTACTS);
      g_signal_connect_object (self->contact_suggestions, "picked", G_CALLBACK (contact_picked_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
build (NudgeRecordEditor *self)
{
  static const char *const titles_new[] = { N_("New Company"), N_("New Contact"), N_("New Deal") };
  static const char *const titles_edit[] = { N_("Edit Company"), N_("Edit Contact"), N_("Edit Deal") };
  GtkWidget *group = self->fields_group;
  GtkWidget *notes_group = self->notes_group;

  gtk_window_set_title (GTK_WINDOW (self), self->id ? _(titles_edit[self->entity]) : _(titles_new[self->entity]));
  nudge_accessible_name_rows (group, gtk_window_get_title (GTK_WINDOW (self)));
  gtk_button_set_label (GTK_BUTTON (self->save_button), self->id ? _("_Save") : _("_Add"));

  for (guint i = 0; i < self->n_fields; i++)
    {
      const FieldSpec *f = &self->fields[i];
      g_autofree char *value = initial_text (self, f);
      GtkWidget *widget = NULL;

      switch (f->kind)
        {
        case FIELD_TEXT:
          {
            /* TRANSLATORS: a required field's title, e.g. "Title *" */
            g_autofree char *title = f->required ? g_strdup_printf (_("%s *"), _(f->label)) : g_strdup (_(f->label));

            widget = adw_entry_row_new ();
            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), title);
          }
          gtk_editable_set_text (GTK_EDITABLE (widget), value ? value : "");
          g_signal_connect_swapped (widget, "changed", G_CALLBACK (changed_cb), self);
          adw_entry_row_set_activates_default (ADW_ENTRY_ROW (widget), TRUE);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), widget);
          add_suggestions (self, f, ADW_ENTRY_ROW (widget));
          break;

        case FIELD_DATE:
          {
            GtkWidget *row = adw_action_row_new ();
            int y, m, d;

            widget = nudge_date_time_entry_new ();
            gtk_widget_set_margin_top (widget, 6);
            gtk_widget_set_margin_bottom (widget, 6);
            nudge_date_time_entry_set_show_time (NUDGE_DATE_TIME_ENTRY (widget), FALSE);
            nudge_date_time_entry_set_optional (NUDGE_DATE_TIME_ENTRY (widget), TRUE);
            /* Stored as YYYY-MM-DD; empty while nobody knows. */
            if (value != NULL && sscanf (value, "%d-%d-%d", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y))
              nudge_date_time_entry_set_date (NUDGE_DATE_TIME_ENTRY (widget), y, m, d);
            else
              nudge_date_time_entry_set_unix (NUDGE_DATE_TIME_ENTRY (widget), 0);
            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(f->label));
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), widget);
            g_signal_connect_swapped (widget, "notify::valid", G_CALLBACK (changed_cb), self);
            g_signal_connect_swapped (widget, "notify::unix", G_CALLBACK (changed_cb), self);
            g_signal_connect_swapped (widget, "notify::reason", G_CALLBACK (changed_cb), self);
            adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          }
          break;

        case FIELD_CHOICE:
          {
            GtkStringList *list = gtk_string_list_new (NULL);
            guint selected = 0;

            widget = adw_combo_row_new ();
            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), _(f->label));
            if (g_str_equal (f->key, "currency"))
              {
                for (guint c = 0; currencies[c]; c++)
                  {
                    gtk_string_list_append (list, currencies[c]);
                    if (g_strcmp0 (currencies[c], value) == 0)
                      selected = c;
                  }
              }
            else
              {
                for (guint s = 0; self->stages && s < self->stages->len; s++)
                  {
                    NudgeStage *stage = g_ptr_array_index (self->stages, s);

                    gtk_string_list_append (list, nudge_stage_get_name (stage));
                    if (g_strcmp0 (nudge_stage_get_name (stage), value) == 0)
                      selected = s;
                  }
              }
            adw_combo_row_set_model (ADW_COMBO_ROW (widget), G_LIST_MODEL (list));
            adw_combo_row_set_selected (ADW_COMBO_ROW (widget), selected);
            if (g_str_equal (f->key, "stage"))
              adw_action_row_set_subtitle (ADW_ACTION_ROW (widget),
                                           self->id > 0 && nudge_deal_get_status (NUDGE_DEAL (self->record)) != NUDGE_DEAL_OPEN
                                             ? _("Choose an open stage to reopen the deal")
                                             : _("To win or lose the deal, use Move on its page or the board"));
            g_signal_connect_swapped (widget, "notify::selected", G_CALLBACK (changed_cb), self);
            g_object_unref (list);
            adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), widget);
          }
          break;

        case FIELD_SWITCH:
          {
            gboolean active = FALSE;

            if (self->id)
              g_object_get (self->record, f->key, &active, NULL);
            widget = gtk_switch_new ();
            gtk_switch_set_active (GTK_SWITCH (widget), active);
            adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), nudge_suffix_row_new (_(f->label), NULL, widget));
          }
          break;

        case FIELD_NUMBER:
          {
            int number = 0;

            if (self->id)
              g_object_get (self->record, f->key, &number, NULL);
            adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                       nudge_spin_row_new (_(f->label), _("0 for none"), 3650, number, &widget));
          }
          break;

        case FIELD_MULTILINE:
          {
            GtkWidget *scrolled = gtk_scrolled_window_new ();

            widget = gtk_text_view_new ();
            gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (widget), GTK_WRAP_WORD_CHAR);
            gtk_text_view_set_top_margin (GTK_TEXT_VIEW (widget), 10);
            gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (widget), 10);
            gtk_text_view_set_left_margin (GTK_TEXT_VIEW (widget), 10);
            gtk_text_view_set_right_margin (GTK_TEXT_VIEW (widget), 10);
            gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), value ? value : "", -1);
            g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), "changed",
                                      G_CALLBACK (changed_cb), self);
            gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, _(f->label), -1);
            gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), widget);
            gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
            gtk_widget_add_css_class (scrolled, "card");
            adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (notes_group), _(f->label));
            adw_preferences_group_add (ADW_PREFERENCES_GROUP (notes_group), scrolled);
          }
          break;

        default:
          g_assert_not_reached ();
        }
      g_hash_table_insert (self->widgets, (gpointer) f->key, widget);
    }

  validate (self);
  gtk_widget_grab_focus (field_widget (self, self->fields[0].key));
}

static void
nudge_record_editor_dispose (GObject *object)
{
  NudgeRecordEditor *self = (NudgeRecordEditor *) object;

  g_clear_object (&self->company_suggestions);
  g_clear_object (&self->contact_suggestions);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_object (&self->record);
  g_clear_pointer (&self->widgets, g_hash_table_unref);
  g_clear_pointer (&self->stages, g_ptr_array_unref);
  g_clear_pointer (&self->error, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_RECORD_EDITOR);

  G_OBJECT_CLASS (nudge_record_editor_parent_class)->dispose (object);
}

static void
cancel_clicked_cb (GtkButton         *button,
                   NudgeRecordEditor *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_clicked_cb (GtkButton         *button,
                 NudgeRecordEditor *self)
{
  nudge_record_editor_save (self);
}

static void
nudge_record_editor_class_init (NudgeRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nudge_record_editor_dispose;
  nudge_dialogs_install_context_property (object_class, G_STRUCT_OFFSET (NudgeRecordEditor, context),
                                          G_STRUCT_OFFSET (NudgeRecordEditor, store));

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/nudgecrm/Nudge/ui/nudge-record-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeRecordEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, NudgeRecordEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, NudgeRecordEditor, fields_group);
  gtk_widget_class_bind_template_child (widget_class, NudgeRecordEditor, notes_group);
  gtk_widget_class_bind_template_child (widget_class, NudgeRecordEditor, reason_label);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
nudge_record_editor_init (NudgeRecordEditor *self)
{
  self->widgets = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_widget_init_template (GTK_WIDGET (self));
}

NudgeRecordEditor *
nudge_record_editor_present (GtkWindow    *parent,
                             NudgeContext *context,
                             NudgeEntity   entity,
                             gint64        id)
{
  g_autoptr(GError) error = NULL;
  NudgeRecordEditor *self;
  NudgeStore *store;

  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (entity <= NUDGE_ENTITY_DEAL, NULL);

  self = g_object_new (NUDGE_TYPE_RECORD_EDITOR, "transient-for", parent, "context", context, NULL);
  store = self->store;
  self->entity = entity;
  self->id = id;

  switch (entity)
    {
    case NUDGE_ENTITY_DEAL:
      self->fields = deal_fields;
      self->n_fields = G_N_ELEMENTS (deal_fields);
      self->record = id ? G_OBJECT (nudge_store_get_deal (store, id, &error)) : G_OBJECT (nudge_deal_new ());
      if (self->record != NULL)
        {
          self->stages = nudge_store_list_stages (store, id ? nudge_deal_get_pipeline_id (NUDGE_DEAL (self->record))
                                                           : nudge_store_get_default_pipeline (store), NULL);
          keep_open_stages (self->stages, id ? nudge_deal_get_stage_id (NUDGE_DEAL (self->record)) : 0);
        }
      break;
    case NUDGE_ENTITY_CONTACT:
      self->fields = contact_fields;
      self->n_fields = G_N_ELEMENTS (contact_fields);
      self->record = id ? G_OBJECT (nudge_store_get_contact (store, id, &error)) : G_OBJECT (nudge_contact_new ());
      break;
    default:
      self->fields = company_fields;
      self->n_fields = G_N_ELEMENTS (company_fields);
      self->record = id ? G_OBJECT (nudge_store_get_company (store, id, &error)) : G_OBJECT (nudge_company_new ());
      break;
    }

  if (self->record == NULL)
    {
      g_warning ("Cannot edit: %s", error ? error->message : "?");
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  build (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
