/* nudge-name-suggestions.c — the book's names offered under an entry row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-record"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-live-search.h"
#include "nudge-name-suggestions.h"
#include "nudge-records.h"

#define MAX_SUGGESTIONS 4

struct _NudgeNameSuggestions
{
  GObject          parent_instance;

  NudgeStore      *store;
  AdwEntryRow     *row;                      /* weak */
  GtkWidget       *rows[MAX_SUGGESTIONS];    /* weak: the group's */
  GPtrArray       *shown;                    /* the records they name */
  NudgeLiveSearch  search;
  gboolean         setting_text;
};

G_DEFINE_FINAL_TYPE (NudgeNameSuggestions, nudge_name_suggestions, G_TYPE_OBJECT)

enum {
  PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
record_name (GObject *record)
{
  return NUDGE_IS_COMPANY (record) ? nudge_company_get_name (NUDGE_COMPANY (record))
                                   : nudge_contact_get_name (NUDGE_CONTACT (record));
}

static gboolean
already_shown (NudgeNameSuggestions *self,
               const char           *name)
{
  for (guint i = 0; i < self->shown->len; i++)
    if (g_utf8_collate (record_name (g_ptr_array_index (self->shown, i)), name) == 0)
      return TRUE;
  return FALSE;
}

static void
show_records (NudgeNameSuggestions *self,
              GPtrArray            *found)
{
  const char *text;
  guint n = 0;

  /* A search that ends after the editor closed */
  if (self->row == NULL)
    return;
  text = gtk_editable_get_text (GTK_EDITABLE (self->row));
  g_ptr_array_set_size (self->shown, 0);
  for (guint i = 0; found != NULL && i < found->len && n < MAX_SUGGESTIONS; i++)
    {
      GObject *record = g_ptr_array_index (found, i);

      /* What is typed already names it: nothing to offer */
      if (g_utf8_collate (record_name (record), text) == 0)
        {
          g_ptr_array_set_size (self->shown, 0);
          n = 0;
          break;
        }
      /* Two of one name are one choice: Save finds it by name. */
      if (!already_shown (self, record_name (record)))
        {
          g_ptr_array_add (self->shown, g_object_ref (record));
          n++;
        }
    }
  for (guint i = 0; i < MAX_SUGGESTIONS; i++)
    {
      GtkWidget *row = self->rows[i];

      if (row == NULL)
        continue;
      if (i < n)
        {
          GObject *record = g_ptr_array_index (self->shown, i);
          /* A contact's company, a company's industry */
          const char *detail = NUDGE_IS_CONTACT (record) ? nudge_contact_get_company_name (NUDGE_CONTACT (record))
                                                         : nudge_company_get_industry (NUDGE_COMPANY (record));

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), record_name (record));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail != NULL ? detail : "");
        }
      gtk_widget_set_visible (row, i < n);
    }
}

static void
search_done (gpointer   owner,
             GPtrArray *found)
{
  NudgeNameSuggestions *self = owner;

  if (found != NULL)
    show_records (self, found);
}

static void
changed_cb (NudgeNameSuggestions *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->row));

  if (self->setting_text)
    return;
  if (g_utf8_strlen (text, -1) < 2)
    {
      nudge_live_search_stop (&self->search);
      show_records (self, NULL);
      return;
    }
  nudge_live_search_start (&self->search, self->store, text, G_OBJECT (self));
}

static void
row_activated_cb (AdwActionRow *row,
                  gpointer      data)
{
  NudgeNameSuggestions *self = data;
  g_autoptr(GObject) record = NULL;

  for (guint i = 0; i < self->shown->len && i < MAX_SUGGESTIONS; i++)
    if (self->rows[i] == GTK_WIDGET (row))
      record = g_object_ref (g_ptr_array_index (self->shown, i));
  if (record == NULL || self->row == NULL)
    return;
  self->setting_text = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->row), record_name (record));
  gtk_editable_set_position (GTK_EDITABLE (self->row), -1);
  self->setting_text = FALSE;
  show_records (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->row));
  g_signal_emit (self, signals[PICKED], 0, record);
}

static void
nudge_name_suggestions_dispose (GObject *object)
{
  NudgeNameSuggestions *self = NUDGE_NAME_SUGGESTIONS (object);

  nudge_live_search_stop (&self->search);
  if (self->row != NULL)
    g_signal_handlers_disconnect_by_data (self->row, self);
  g_clear_weak_pointer (&self->row);
  for (guint i = 0; i < MAX_SUGGESTIONS; i++)
    g_clear_weak_pointer (&self->rows[i]);
  g_clear_object (&self->store);
  g_clear_pointer (&self->shown, g_ptr_array_unref);

  G_OBJECT_CLASS (nudge_name_suggestions_parent_class)->dispose (object);
}

static void
nudge_name_suggestions_class_init (NudgeNameSuggestionsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = nudge_name_suggestions_dispose;

  /**
   * NudgeNameSuggestions::picked:
   * @record: the NudgeCompany or NudgeContact chosen
   */
  signals[PICKED] = g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_OBJECT);
}

static void
nudge_name_suggestions_init (NudgeNameSuggestions *self)
{
  self->shown = g_ptr_array_new_with_free_func (g_object_unref);
  self->search.per_kind = 2 * MAX_SUGGESTIONS;
  self->search.done = search_done;
}

NudgeNameSuggestions *
nudge_name_suggestions_new (AdwPreferencesGroup *group,
                            AdwEntryRow         *row,
                            NudgeStore          *store,
                            NudgeSearchKinds     kind)
{
  NudgeNameSuggestions *self;

  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);
  g_return_val_if_fail (ADW_IS_ENTRY_ROW (row), NULL);
  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);
  g_return_val_if_fail (kind == NUDGE_SEARCH_COMPANIES || kind == NUDGE_SEARCH_CONTACTS, NULL);

  self = g_object_new (NUDGE_TYPE_NAME_SUGGESTIONS, NULL);
  self->store = g_object_ref (store);
  self->search.kinds = kind;
  g_set_weak_pointer (&self->row, row);
  for (guint i = 0; i < MAX_SUGGESTIONS; i++)
    {
      GtkWidget *suggestion = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (kind == NUDGE_SEARCH_COMPANIES ? "x-office-address-book-symbolic"
                                                                                    : "avatar-default-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (suggestion), FALSE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (suggestion), icon);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (suggestion), TRUE);
      gtk_widget_add_css_class (suggestion, "suggestion");
      gtk_widget_set_visible (suggestion, FALSE);
      g_signal_connect_object (suggestion, "activated", G_CALLBACK (row_activated_cb), self, 0);
      adw_preferences_group_add (group, suggestion);
      g_set_weak_pointer (&self->rows[i], suggestion);
    }
  g_signal_connect_swapped (row, "changed", G_CALLBACK (changed_cb), self);
  return self;
}
