/* nudge-list-actions.c — what the List view does to the records it shows:
 * a row's menu, merging, the cadence menu, Export Selection's and
 * Import's file choosers and saving a search (the writes for a selection
 * are in nudge-list-selection.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-list-view"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-automation.h"
#include "nudge-currency.h"
#include "nudge-dialogs.h"
#include "nudge-file.h"
#include "nudge-import.h"
#include "nudge-import-preview.h"
#include "nudge-list-view-private.h"
#include "nudge-merge-dialog.h"
#include "nudge-next-step-dialog.h"
#include "nudge-window.h"
#include "nudge-view-actions.h"

/* ---- a row's context menu -------------------------------------------- */

static GMenuModel *
build_row_menu (gpointer item)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenuItem) open = g_menu_item_new (_("_Open"), NULL);

  if ((NUDGE_IS_DEAL (item) && nudge_deal_get_status (item) == NUDGE_DEAL_OPEN) || NUDGE_IS_CONTACT (item))
    {
      g_autoptr(GMenuItem) plan = g_menu_item_new (_("Plan _Next Step…"), NULL);
      gint64 deal_id = NUDGE_IS_DEAL (item) ? nudge_deal_get_id (item) : 0;
      gint64 contact_id = NUDGE_IS_DEAL (item) ? nudge_deal_get_contact_id (item) : nudge_contact_get_id (item);

      g_menu_item_set_action_and_target_value (plan, "list.plan-next-step",
                                               g_variant_new ("(xx)", deal_id, contact_id));
      g_menu_append_item (menu, plan);
    }
  g_menu_item_set_action_and_target_value (open, "list.open-record", g_variant_new_int64 (nudge_record_get_id (item)));
  g_menu_append_item (menu, open);
  return G_MENU_MODEL (menu);
}

/* The menu of the row at @position of @table, pointing at (@x, @y) in
 * the view; the row joins the selection first, as in Files. */
static void
popup_row_menu (NudgeListView *self,
                Table         *table,
                guint          position,
                double         x,
                double         y)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (table->selection), position);
  g_autoptr(GMenuModel) menu = NULL;

  if (item == NULL)
    return;
  if (!gtk_selection_model_is_selected (GTK_SELECTION_MODEL (table->selection), position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (table->selection), position, TRUE);
  menu = build_row_menu (item);
  if (self->row_menu == NULL)
    {
      self->row_menu = gtk_popover_menu_new_from_model (menu);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->row_menu), FALSE);
      gtk_widget_set_halign (self->row_menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->row_menu, GTK_WIDGET (self));
    }
  else
    gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->row_menu), menu);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->row_menu));
  gtk_popover_present (GTK_POPOVER (self->row_menu));
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static GQuark
cell_item_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("nudge-list-cell-item");
  return quark;
}

/* A cell's label knows its list item, for the table's right click. */
void
_nudge_list_cell_set_item (GtkWidget   *label,
                           GtkListItem *list_item)
{
  g_object_set_qdata (G_OBJECT (label), cell_item_quark (), list_item);
}

/* The row under (@x, @y) of @table's column view gets its menu. One
 * gesture for the table rather than two for every cell: GTK 4.8 builds
 * two hundred rows of cells each time a table fills. */
static void
popup_row_menu_at (GtkGesture *gesture,
                   double      x,
                   double      y,
                   Table      *table)
{
  GtkWidget *column_view = GTK_WIDGET (table->column_view);
  GtkWidget *view = gtk_widget_get_ancestor (column_view, NUDGE_TYPE_LIST_VIEW);
  GtkListItem *list_item = NULL;
  double view_x, view_y;

  for (GtkWidget *w = gtk_widget_pick (column_view, x, y, GTK_PICK_DEFAULT);
       w != NULL && w != column_view && list_item == NULL;
       w = gtk_widget_get_parent (w))
    {
      /* The label, or the cell around it (the label may be shorter). */
      GtkWidget *child = gtk_widget_get_first_child (w);

      list_item = g_object_get_qdata (G_OBJECT (w), cell_item_quark ());
      if (list_item == NULL && child != NULL)
        list_item = g_object_get_qdata (G_OBJECT (child), cell_item_quark ());
    }
  if (view == NULL || list_item == NULL || gtk_list_item_get_item (list_item) == NULL)
    return;
  if (!gtk_widget_translate_coordinates (column_view, view, x, y, &view_x, &view_y))
    view_x = view_y = 0;
  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  popup_row_menu (NUDGE_LIST_VIEW (view), table, gtk_list_item_get_position (list_item), view_x, view_y);
}

static void
table_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  Table           *table)
{
  popup_row_menu_at (GTK_GESTURE (gesture), x, y, table);
}

static void
table_long_pressed_cb (GtkGestureLongPress *gesture,
                       double               x,
                       double               y,
                       Table               *table)
{
  popup_row_menu_at (GTK_GESTURE (gesture), x, y, table);
}

/* A right click, or a long press on a touchscreen, on a row of @table. */
void
_nudge_list_add_row_menu_gestures (Table *table)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();

  /* Before the rows, which take every button's press themselves. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (table_pressed_cb), table);
  gtk_widget_add_controller (GTK_WIDGET (table->column_view), GTK_EVENT_CONTROLLER (click));
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (long_press), GTK_PHASE_CAPTURE);
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect (long_press, "pressed", G_CALLBACK (table_long_pressed_cb), table);
  gtk_widget_add_controller (GTK_WIDGET (table->column_view), GTK_EVENT_CONTROLLER (long_press));
}

/* Menu or Shift+F10: the menu of the first selected row, at the focus. */
void
_nudge_list_row_menu_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  NudgeListView *self = NUDGE_LIST_VIEW (widget);
  Table *table = _nudge_list_current_table (self);
  g_autoptr(GtkBitset) selected = NULL;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, 0, 0);

  if (table->selection == NULL)
    return;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (table->selection));
  if (gtk_bitset_is_empty (selected))
    return;
  /* At the focused row; else at the top of the table. */
  if ((focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (table->column_view)) ||
       !gtk_widget_compute_bounds (focus, widget, &bounds)) &&
      !gtk_widget_compute_bounds (GTK_WIDGET (table->column_view), widget, &bounds))
    bounds = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  bounds.size.height = MIN (bounds.size.height, 48);
  popup_row_menu (self, table, gtk_bitset_get_minimum (selected),
                  bounds.origin.x + 12, bounds.origin.y + bounds.size.height / 2);
}

void
_nudge_list_plan_next_step_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  NudgeListView *self = NUDGE_LIST_VIEW (widget);
  gint64 deal_id, contact_id;

  g_variant_get (param, "(xx)", &deal_id, &contact_id);
  nudge_next_step_dialog_present_for_record (nudge_view_parent_window (GTK_WIDGET (self)),
                                             nudge_view_get_context (NUDGE_VIEW (self)), deal_id, contact_id);
}

void
_nudge_list_open_record_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  NudgeListView *self = NUDGE_LIST_VIEW (widget);
  GtkWidget *window = gtk_widget_get_ancestor (widget, NUDGE_TYPE_WINDOW);

  if (window != NULL)
    nudge_window_open_record (NUDGE_WINDOW (window), _nudge_list_current_table (self)->entity, g_variant_get_int64 (param));
}

/* The ids of every row @table shows, read from its list: the rows of
 * the list that its filter takes, in the list's own order. Each row read
 * through the selection, the sorting and the filter above the list cost
 * 3 µs: 300 ms of the main loop for 100,000 contacts. NULL while the
 * table shows some of them only. */
GArray *
_nudge_list_shown_ids (Table *table)
{
  GListModel *records = G_LIST_MODEL (table->records);
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (table->filtered));
  g_autoptr(GArray) ids = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (table->selection)) != n_shown ||
      gtk_filter_list_model_get_pending (table->filtered) > 0)
    return NULL;
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_shown);
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      gpointer record = nudge_record_list_get_record (table->records, i);

      if (gtk_filter_match (GTK_FILTER (table->filter), record))
        {
          gint64 id = nudge_record_get_id (record);

          g_array_append_val (ids, id);
        }
    }
  return ids->len == n_shown ? g_steal_pointer (&ids) : NULL;
}

/* Every row of @table is selected (Ctrl+A): their ids read from its
 * list. NULL for a few rows, which keep the order shown. */
static GArray *
every_shown_id (Table     *table,
                GtkBitset *selected)
{
  if (gtk_bitset_get_size (selected) <= NUDGE_VIEW_BULK_ROWS ||
      gtk_bitset_get_size (selected) != g_list_model_get_n_items (G_LIST_MODEL (table->selection)))
    return NULL;
  return _nudge_list_shown_ids (table);
}

GArray *
_nudge_list_selected_ids (Table *table)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (table->selection));
  GArray *ids = every_shown_id (table, selected);
  GtkBitsetIter iter;
  guint position;

  if (ids != NULL)
    return ids;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (table->selection), position);
      gint64 id = nudge_record_get_id (item);

      g_array_append_val (ids, id);
    }
  return ids;
}

void
_nudge_list_new_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  NudgeListView *self = NUDGE_LIST_VIEW (widget);
  Table *table = _nudge_list_current_table (self);
  const char *names[] = { "app.new-company", "app.new-contact", "app.new-deal" };

  if (table->entity <= NUDGE_ENTITY_DEAL)
    gtk_widget_activate_action (widget, names[table->entity], NULL);
}

/* Two duplicates of the same kind become one (nudge-merge-dialog.c). */
void
_nudge_list_merge_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  NudgeListView *self = NUDGE_LIST_VIEW (widget);
  Table *table = _nudge_list_current_table (self);
  g_autoptr(GArray) ids = _nudge_list_selected_ids (table);

  if (ids->len == 2 && table->entity != NUDGE_ENTITY_DEAL)
    nudge_merge_dialog_present (nudge_view_parent_window (GTK_WIDGET (self)),
                                nudge_view_get_context (NUDGE_VIEW (self)), table->entity,
                                g_array_index (ids, gint64, 0), g_array_index (ids, gint64, 1));
}

/* The cadences are listed afresh each time the menu opens: they are
 * edited in the automation settings. */
void
_nudge_list_cadence_popup_cb (GtkMenuButton *button,
                              gpointer       data)
{
  NudgeListView *self = data;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GPtrArray) cadences = NULL;
  g_autoptr(GError) error = NULL;

  cadences = nudge_cadence_list (self->store, &error);
  if (cadences == NULL)
    g_warning ("Could not list cadences: %s", error->message);
  for (guint i = 0; cadences != NULL && i < cadences->len; i++)
    {
      NudgeCadence *cadence = g_ptr_array_index (cadences, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (cadence->name, NULL);

      g_menu_item_set_action_and_target (item, "list.apply-cadence", "s", cadence->name);
      g_menu_append_item (section, item);
    }
  if (cadences == NULL || cadences->len == 0)
    g_menu_append (section, _("No cadences"), "list.no-cadence");
  /* TRANSLATORS: the title of the menu that applies a cadence to the selected rows */
  g_menu_append_section (menu, _("Apply Cadence"), G_MENU_MODEL (section));
  {
    g_autoptr(GMenu) plan = g_menu_new ();
    static const struct { const char *label; const char *kind; int days; } presets[] = {
      { N_("Call Tomorrow"), "call", 1 },
      { N_("E-mail in 3 Days"), "email", 3 },
      { N_("Call Next Week"), "call", 7 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
      {
        g_autoptr(GMenuItem) item = g_menu_item_new (_(presets[i].label), NULL);

        g_menu_item_set_action_and_target (item, "list.plan-followup", "(si)", presets[i].kind, presets[i].days);
        g_menu_append_item (plan, item);
      }
    /* TRANSLATORS: the title of the menu that adds one follow-up to each selected row */
    g_menu_append_section (menu, _("Plan a Follow-up for Each"), G_MENU_MODEL (plan));
  }
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

/* A file chooser over the view; @chosen gets the file the user picked.
 * Shown with gtk_native_dialog_show() once the caller has set it up. */
static GtkFileChooser *
file_chooser_new (NudgeListView        *self,
                  const char           *title,
                  GtkFileChooserAction  action,
                  const char           *accept_label,
                  GtkFileFilter        *filter,
                  NudgeFileChosen       chosen)
{
  GtkFileChooser *dialog = nudge_file_chooser_new (nudge_view_parent_window (GTK_WIDGET (self)), title, action,
                                                   accept_label, self, chosen);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (dialog, filter);
  return dialog;
}

static char *
exported_message (NudgeEntity  entity,
                  guint        n,
                  const char  *file_name)
{
  switch (entity)
    {
    case NUDGE_ENTITY_DEAL:
      /* Translators: %u is how many, %s the file's name, e.g. "deals.csv" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u deal exported to %s", "%'u deals exported to %s", n),
                              n, file_name);
    case NUDGE_ENTITY_CONTACT:
      /* Translators: %u is how many, %s the file's name, e.g. "contacts.csv" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u contact exported to %s", "%'u contacts exported to %s", n),
                              n, file_name);
    case NUDGE_ENTITY_COMPANY:
    default:
      /* Translators: %u is how many, %s the file's name, e.g. "companies.csv" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u company exported to %s", "%'u companies exported to %s", n),
                              n, file_name);
    }
}

/* What the toast after an export names */
typedef struct
{
  NudgeEntity  entity;
  char        *file_name;
} ExportToast;

static void
export_toast_free (ExportToast *toast)
{
  g_free (toast->file_name);
  g_free (toast);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportToast, export_toast_free)

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  NudgeListView *self = NUDGE_LIST_VIEW (source);
  g_autoptr(ExportToast) toast = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n = 0;

  if (!nudge_list_view_export_selection_finish (self, result, &n, &error))
    message = g_strdup_printf (_("Could not export: %s"), error->message);
  else
    message = exported_message (toast->entity, n, toast->file_name);
  nudge_view_show_message (GTK_WIDGET (self), message);
}

static void
export_to_file (gpointer  owner,
                GFile    *file)
{
  NudgeListView *self = owner;
  ExportToast *toast = g_new0 (ExportToast, 1);

  toast->entity = _nudge_list_current_table (self)->entity;
  toast->file_name = g_file_get_basename (file);
  nudge_list_view_export_selection_async (self, toast->entity, file, exported_cb, toast);
}

void
_nudge_list_export_csv_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  NudgeListView *self = NUDGE_LIST_VIEW (widget);
  GtkFileChooser *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char *file_names[] = { N_("companies.csv"), N_("contacts.csv"), N_("deals.csv") };
  NudgeEntity entity = _nudge_list_current_table (self)->entity;

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  dialog = file_chooser_new (self, _("Export Selection"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                             filter, export_to_file);
  if (entity <= NUDGE_ENTITY_DEAL)
    gtk_file_chooser_set_current_name (dialog, g_dgettext (GETTEXT_PACKAGE, file_names[entity]));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- import ------------------------------------------------------------ */

char *
_nudge_list_imported_message (NudgeEntity entity,
                              guint       n)
{
  switch (entity)
    {
    case NUDGE_ENTITY_DEAL:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u deal imported", "%'u deals imported", n), n);
    case NUDGE_ENTITY_CONTACT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u contact imported", "%'u contacts imported", n), n);
    case NUDGE_ENTITY_COMPANY:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u company imported", "%'u companies imported", n), n);
    }
}

static void
preview_import_cb (NudgeImportPreview *preview,
                   GHashTable         *mapping,
                   NudgeListView      *self)
{
  nudge_list_view_import_previewed (self, preview, mapping);
}

/* What the file would do first: its columns, the counts (nudge-import-preview.c) */
static void
preview_import (gpointer  owner,
                GFile    *file)
{
  NudgeListView *self = owner;
  g_autofree char *currency = nudge_currency_for_new_deals (self->settings);
  GtkWidget *preview = nudge_import_preview_new (nudge_view_parent_window (GTK_WIDGET (self)), nudge_view_get_context (NUDGE_VIEW (self)),
                                                 _nudge_list_current_table (self)->entity, file, currency);

  g_signal_connect_object (preview, "import", G_CALLBACK (preview_import_cb), self, 0);
  gtk_window_present (GTK_WINDOW (preview));
}

void
_nudge_list_import_csv_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  NudgeListView *self = NUDGE_LIST_VIEW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV and vCard files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  /* Contacts also come as vCard, recognised by their content */
  gtk_file_filter_add_mime_type (filter, "text/vcard");
  gtk_file_filter_add_mime_type (filter, "text/x-vcard");
  gtk_file_filter_add_suffix (filter, "vcf");
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (file_chooser_new (self, _("Import from CSV"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                                               _("_Import"), filter, preview_import)));
}

static void
save_search_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         NudgeListView    *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "save") &&
      !nudge_list_view_save_search (self, gtk_editable_get_text (entry), &error))
    nudge_view_show_message (GTK_WIDGET (self), error->message);
}

static void
save_entry_changed_cb (GtkEditable      *entry,
                       AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", *name != '\0');
}

void
_nudge_list_save_search_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  NudgeListView *self = NUDGE_LIST_VIEW (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (self->search_text == NULL)
    return;

  dialog = nudge_question_dialog_new (nudge_view_parent_window (GTK_WIDGET (self)), "save", _("_Save"),
                                      ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_heading (dialog, _("Save Search as Segment"));
  /* TRANSLATORS: %s is the search text */
  adw_message_dialog_format_body (dialog, _("The segment lists everything matching “%s”, kept up to date."),
                                  self->search_text);
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Segment name"));
  gtk_editable_set_text (GTK_EDITABLE (entry), self->search_text);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_set_default_response (dialog, "save");
  g_signal_connect (entry, "changed", G_CALLBACK (save_entry_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_search_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

void
_nudge_list_selection_changed_cb (NudgeListView *self)
{
  Table *table = _nudge_list_current_table (self);
  g_autoptr(GtkBitset) selected = NULL;

  _nudge_list_update_selected_deal (self);
  if (table->selection == NULL)
    return;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (table->selection));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.delete", !gtk_bitset_is_empty (selected));
  _nudge_list_update_bulk_actions (self);
}

/**
 * nudge_list_view_save_search:
 * @name: the name of the new segment
 *
 * Saves the current search of the table on screen as a segment, lists it
 * in the sidebar and shows it.
 */
gboolean
nudge_list_view_save_search (NudgeListView  *self,
                             const char     *name,
                             GError        **error)
{
  g_autofree char *stripped = NULL;
  Table *table;

  g_return_val_if_fail (NUDGE_IS_LIST_VIEW (self), FALSE);
  g_return_val_if_fail (self->search_text != NULL, FALSE);

  table = _nudge_list_current_table (self);
  stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (!nudge_segment_save_filter (self->store, stripped, table->entity, self->search_text, error))
    return FALSE;
  _nudge_list_reload_saved_segments (self);
  /* The segment holds the search now; the search entry is free again. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  nudge_list_view_set_search (self, NULL);
  nudge_list_view_set_named_segment (self, stripped);
  return TRUE;
}
