/* nudge-record-picker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-record-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-live-search.h"
#include "nudge-record-picker.h"

/* Matches listed per kind: a name is being looked for, not browsed. */
#define MATCHES_PER_KIND 6

struct _NudgeRecordPicker
{
  GtkWidget       parent_instance;

  NudgeContext   *context;
  NudgeStore     *store;          /* the context's, or one set alone */
  NudgeEntity     entity;
  gint64          record_id;

  GtkWidget      *entry;
  GtkWidget      *list;
  GtkWidget      *no_match;
  GtkWidget      *detail;
  GListStore     *matches;
  NudgeLiveSearch search;
  gboolean        setting_text;
  gboolean        searching;
  gboolean        typed;
};

G_DEFINE_FINAL_TYPE (NudgeRecordPicker, nudge_record_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RECORD_ID,
  PROP_ENTITY,
  PROP_TEXT,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
describe (GObject *item)
{
  if (NUDGE_IS_DEAL (item))
    {
      const char *company = nudge_deal_get_company_name (NUDGE_DEAL (item));

      /* TRANSLATORS: a deal in the follow-up editor's "For" list */
      return *company ? g_strdup_printf (_("Deal · %s"), company) : g_strdup (_("Deal"));
    }
  else
    {
      const char *company = nudge_contact_get_company_name (NUDGE_CONTACT (item));

      /* TRANSLATORS: a contact in the follow-up editor's "For" list */
      return *company ? g_strdup_printf (_("Contact · %s"), company) : g_strdup (_("Contact"));
    }
}

static const char *
item_name (GObject *item)
{
  return NUDGE_IS_DEAL (item) ? nudge_deal_get_title (NUDGE_DEAL (item))
                              : nudge_contact_get_name (NUDGE_CONTACT (item));
}

static GtkWidget *
create_match_row (gpointer item,
                  gpointer user_data)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (NUDGE_IS_DEAL (item) ? "emblem-documents-symbolic"
                                                                       : "avatar-default-symbolic");
  g_autofree char *title = g_markup_escape_text (item_name (item), -1);
  g_autofree char *subtitle = describe (item);
  g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  NUDGE_IS_DEAL (item) ? _("Deal") : _("Contact"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
update_list (NudgeRecordPicker *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->matches));
  gboolean open = self->record_id == 0 && self->typed &&
                  *gtk_editable_get_text (GTK_EDITABLE (self->entry)) != '\0';

  gtk_widget_set_visible (self->detail, self->record_id != 0);
  gtk_widget_set_visible (self->list, open && n > 0);
  gtk_widget_set_visible (self->no_match, open && n == 0 && !self->searching);
}

static void
set_text_quietly (NudgeRecordPicker *self,
                  const char        *text)
{
  self->setting_text = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  self->setting_text = FALSE;
}

static void
set_pick (NudgeRecordPicker *self,
          NudgeEntity        entity,
          gint64             id)
{
  if (self->entity == entity && self->record_id == id)
    return;
  self->entity = entity;
  self->record_id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTITY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD_ID]);
}

static void
pick_item (NudgeRecordPicker *self,
           GObject           *item)
{
  g_autofree char *detail = describe (item);

  if (NUDGE_IS_DEAL (item))
    set_pick (self, NUDGE_ENTITY_DEAL, nudge_deal_get_id (NUDGE_DEAL (item)));
  else
    set_pick (self, NUDGE_ENTITY_CONTACT, nudge_contact_get_id (NUDGE_CONTACT (item)));
  set_text_quietly (self, item_name (item));
  gtk_label_set_label (GTK_LABEL (self->detail), detail);
  self->typed = FALSE;
  g_list_store_remove_all (self->matches);
  update_list (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  gtk_widget_grab_focus (self->entry);
}

static void
search_done (gpointer   owner,
             GPtrArray *found)
{
  NudgeRecordPicker *self = owner;

  self->searching = FALSE;
  if (found == NULL)
    return;
  g_list_store_splice (self->matches, 0, g_list_model_get_n_items (G_LIST_MODEL (self->matches)),
                       found->pdata, found->len);
  update_list (self);
}

/* Ranked full-text matches, deals first (the header search's core,
 * limited to the kinds a follow-up can be for). */
static void
search (NudgeRecordPicker *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  if (self->store == NULL || *text == '\0' || self->record_id != 0)
    {
      nudge_live_search_stop (&self->search);
      self->searching = FALSE;
      g_list_store_remove_all (self->matches);
      update_list (self);
      return;
    }
  nudge_live_search_start (&self->search, self->store, text, G_OBJECT (self));
}

/* GtkEditable::changed, at once: a pick no longer matches the text. */
static void
entry_changed_cb (NudgeRecordPicker *self)
{
  if (self->setting_text)
    return;
  self->typed = TRUE;
  self->searching = TRUE;
  set_pick (self, 0, 0);
  update_list (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/* GtkSearchEntry::search-changed, once the typing pauses. */
static void
search_changed_cb (NudgeRecordPicker *self)
{
  if (!self->setting_text)
    search (self);
}

/* Enter: the first match, when the list is up to date; with a record
 * picked (or nothing typed), the dialog's default button. */
static void
activate_cb (NudgeRecordPicker *self)
{
  g_autoptr(GObject) first = NULL;

  if (self->record_id != 0 || *gtk_editable_get_text (GTK_EDITABLE (self->entry)) == '\0')
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "default.activate", NULL);
      return;
    }
  if (self->searching)
    return;
  first = g_list_model_get_item (G_LIST_MODEL (self->matches), 0);
  if (first != NULL)
    pick_item (self, first);
}

/* Escape: the first closes the list, the next one is the dialog's. */
static void
stop_search_cb (NudgeRecordPicker *self)
{
  if (gtk_widget_get_visible (self->list) || gtk_widget_get_visible (self->no_match))
    {
      self->typed = FALSE;
      update_list (self);
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "window.close", NULL);
}

static void
row_activated_cb (NudgeRecordPicker *self,
                  GtkListBoxRow     *row)
{
  nudge_record_picker_pick (self, (guint) gtk_list_box_row_get_index (row));
}

static gboolean
key_pressed_cb (NudgeRecordPicker     *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GtkListBoxRow *first;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  if (!gtk_widget_get_visible (self->list) ||
      !(first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), 0)))
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (first));
  return TRUE;
}

static void
nudge_record_picker_dispose (GObject *object)
{
  NudgeRecordPicker *self = NUDGE_RECORD_PICKER (object);

  nudge_live_search_stop (&self->search);
  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_RECORD_PICKER);
  g_clear_object (&self->matches);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (nudge_record_picker_parent_class)->dispose (object);
}

static void
nudge_record_picker_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  NudgeRecordPicker *self = NUDGE_RECORD_PICKER (object);

  switch (prop_id)
    {
    case PROP_RECORD_ID:
      g_value_set_int64 (value, self->record_id);
      break;
    case PROP_ENTITY:
      g_value_set_int (value, self->entity);
      break;
    case PROP_TEXT:
      g_value_set_string (value, nudge_record_picker_get_text (self));
      break;
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nudge_record_picker_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  NudgeRecordPicker *self = NUDGE_RECORD_PICKER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      nudge_record_picker_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
nudge_record_picker_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (NUDGE_RECORD_PICKER (widget)->entry);
}

static void
nudge_record_picker_class_init (NudgeRecordPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nudge_record_picker_dispose;
  object_class->get_property = nudge_record_picker_get_property;
  object_class->set_property = nudge_record_picker_set_property;
  widget_class->grab_focus = nudge_record_picker_grab_focus;

  properties[PROP_RECORD_ID] =
    g_param_spec_int64 ("record-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENTITY] =
    g_param_spec_int ("entity", NULL, NULL, 0, NUDGE_N_ENTITIES, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Not construct-only: the dialogs that hold a picker declare it in
   * their templates and hand it their context afterwards. */
  properties[PROP_CONTEXT] = nudge_context_settable_param_spec ();
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/nudgecrm/Nudge/ui/nudge-record-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeRecordPicker, entry);
  gtk_widget_class_bind_template_child (widget_class, NudgeRecordPicker, detail);
  gtk_widget_class_bind_template_child (widget_class, NudgeRecordPicker, list);
  gtk_widget_class_bind_template_child (widget_class, NudgeRecordPicker, no_match);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_set_css_name (widget_class, "recordpicker");
}

static void
nudge_record_picker_init (NudgeRecordPicker *self)
{
  self->search.kinds = NUDGE_SEARCH_DEALS | NUDGE_SEARCH_CONTACTS;
  self->search.per_kind = MATCHES_PER_KIND;
  self->search.done = search_done;
  self->matches = g_list_store_new (G_TYPE_OBJECT);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_bind_model (GTK_LIST_BOX (self->list), G_LIST_MODEL (self->matches),
                           create_match_row, self, NULL);
}

/* ---- public API ------------------------------------------------------- */

GtkWidget *
nudge_record_picker_new (NudgeContext *context)
{
  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);

  return g_object_new (NUDGE_TYPE_RECORD_PICKER, "context", context, NULL);
}

void
nudge_record_picker_set_contacts_only (NudgeRecordPicker *self)
{
  g_return_if_fail (NUDGE_IS_RECORD_PICKER (self));

  self->search.kinds = NUDGE_SEARCH_CONTACTS;
}

void
nudge_record_picker_set_context (NudgeRecordPicker *self,
                                 NudgeContext      *context)
{
  g_return_if_fail (NUDGE_IS_RECORD_PICKER (self));
  g_return_if_fail (context == NULL || NUDGE_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  g_clear_object (&self->store);
  if (context != NULL)
    self->store = g_object_ref (nudge_context_get_store (context));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

void
nudge_record_picker_set_record (NudgeRecordPicker *self,
                                NudgeEntity        entity,
                                gint64             id)
{
  g_autoptr(GObject) item = NULL;

  g_return_if_fail (NUDGE_IS_RECORD_PICKER (self));
  g_return_if_fail (id == 0 || entity == NUDGE_ENTITY_DEAL || entity == NUDGE_ENTITY_CONTACT);

  if (id > 0 && self->store != NULL)
    item = nudge_store_get_record (self->store, entity, id, NULL);
  if (item != NULL)
    {
      pick_item (self, item);
      return;
    }
  set_pick (self, 0, 0);
  set_text_quietly (self, "");
  self->typed = FALSE;
  g_list_store_remove_all (self->matches);
  update_list (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

gint64
nudge_record_picker_get_record (NudgeRecordPicker *self,
                                NudgeEntity       *entity)
{
  g_return_val_if_fail (NUDGE_IS_RECORD_PICKER (self), 0);

  if (entity != NULL)
    *entity = self->entity;
  return self->record_id;
}

const char *
nudge_record_picker_get_text (NudgeRecordPicker *self)
{
  g_return_val_if_fail (NUDGE_IS_RECORD_PICKER (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
nudge_record_picker_set_text (NudgeRecordPicker *self,
                              const char        *text)
{
  g_return_if_fail (NUDGE_IS_RECORD_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text ? text : "");
}

GListModel *
nudge_record_picker_get_matches (NudgeRecordPicker *self)
{
  g_return_val_if_fail (NUDGE_IS_RECORD_PICKER (self), NULL);

  return G_LIST_MODEL (self->matches);
}

gboolean
nudge_record_picker_is_busy (NudgeRecordPicker *self)
{
  g_return_val_if_fail (NUDGE_IS_RECORD_PICKER (self), FALSE);

  return self->searching;
}

void
nudge_record_picker_pick (NudgeRecordPicker *self,
                          guint              position)
{
  g_autoptr(GObject) item = NULL;

  g_return_if_fail (NUDGE_IS_RECORD_PICKER (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->matches), position);
  if (item != NULL)
    pick_item (self, item);
}
