/* nudge-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-window"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-deal-card.h"
#include "nudge-dialogs.h"
#include "nudge-demo.h"
#include "nudge-followups.h"
#include "nudge-calendar-view.h"
#include "nudge-insights-view.h"
#include "nudge-list-view.h"
#include "nudge-pipeline-view.h"
#include "nudge-quick-capture.h"
#include "nudge-record-window.h"
#include "nudge-search-popover.h"
#include "nudge-today-view.h"
#include "nudge-view-page.h"
#include "nudge-view-actions.h"
#include "nudge-backup.h"
#include "nudge-backups.h"
#include "nudge-eml-drop.h"
#include "nudge-window.h"
#include "nudge-worker.h"

struct _NudgeWindow
{
  AdwApplicationWindow  parent_instance;

  NudgeContext    *context;

  NudgeStore           *store;
  GSettings            *settings;

  AdwToastOverlay      *toast_overlay;
  GtkWidget            *add_button;
  GtkWidget            *search_button;
  GtkWidget            *search_popover;
  AdwViewStack         *view_stack;
  GtkStack             *main_stack;
  GtkWidget            *switcher_bar;
  AdwViewSwitcherTitle *switcher_title;
  GtkInfoBar           *damage_bar;
  GtkWidget            *restore_button;
};

G_DEFINE_FINAL_TYPE (NudgeWindow, nudge_window, ADW_TYPE_APPLICATION_WINDOW)


/* The view itself, built into its page (nudge-window.ui) on first use. */
static GtkWidget *
ensure_view (NudgeWindow *self,
             const char  *name)
{
  GtkWidget *page = name ? adw_view_stack_get_child_by_name (self->view_stack, name) : NULL;

  return page != NULL ? nudge_view_page_ensure_view (NUDGE_VIEW_PAGE (page)) : NULL;
}

/* An empty book gets a welcome instead of empty views; a follow-up added
 * to it for no deal or contact brings up Today, where it shows. */
static void
update_empty_state (NudgeWindow *self)
{
  gboolean empty = nudge_store_is_empty (self->store) && !nudge_followups_any_open (self->store);

  gtk_stack_set_visible_child_name (self->main_stack, empty ? "empty" : "views");
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, !empty);
  gtk_widget_set_visible (self->switcher_bar, !empty);
}

static gboolean
is_shown_search_entry (GtkWidget     *widget,
                       gconstpointer  data)
{
  return GTK_IS_SEARCH_ENTRY (widget) && gtk_widget_get_mapped (widget);
}

/* Ctrl+F: the one search over the whole book, from every view. The List
 * view's own filter, which Ctrl+F used to focus there, stays a click or
 * a Tab away and has Ctrl+Shift+F ("win.filter"): finding one record and
 * narrowing a table are different jobs, and Ctrl+F should not mean one in
 * one view and the other elsewhere. */
static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NudgeWindow *self = NUDGE_WINDOW (widget);

  if (self->search_popover != NULL)
    nudge_search_popover_start (NUDGE_SEARCH_POPOVER (self->search_popover), NULL);
}

/* Ctrl+?: built when first asked for. GtkApplication would build the
 * shortcuts window with every new window, before its first frame. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/ui/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      /* Which also shows the application's keys in its rows. */
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

/* Ctrl+Shift+F: the filter of whichever view is showing (the List's);
 * a view without one gets the search. */
static void
filter_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NudgeWindow *self = NUDGE_WINDOW (widget);
  GtkWidget *view = adw_view_stack_get_visible_child (self->view_stack);
  GtkWidget *entry = view != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "views") == 0
                     ? nudge_widget_find (view, is_shown_search_entry, NULL) : NULL;

  if (entry != NULL)
    gtk_widget_grab_focus (entry);
  else
    search_action (widget, "win.search", NULL);
}

/* Typing while no text field has the focus starts a search with what was
 * typed, as in GNOME's own apps. Runs after the focused widget had the
 * key, so fields, lists' own keys and shortcuts come first. */
static gboolean
key_pressed_cb (NudgeWindow           *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gunichar c = gdk_keyval_to_unicode (keyval);
  char text[8] = { 0 };

  if (self->search_popover == NULL ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK)) != 0 ||
      c == 0 || !g_unichar_isgraph (c))
    return GDK_EVENT_PROPAGATE;
  if (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus) ||
                        gtk_widget_get_ancestor (focus, GTK_TYPE_EDITABLE) != NULL))
    return GDK_EVENT_PROPAGATE;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "views") != 0)
    return GDK_EVENT_PROPAGATE;

  g_unichar_to_utf8 (c, text);
  nudge_search_popover_start (NUDGE_SEARCH_POPOVER (self->search_popover), text);
  return GDK_EVENT_STOP;
}

static gboolean
sample_data_job (NudgeStore    *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  NudgeDemoOptions options;

  /* Only into an empty book: sample deals must never mix with real ones. */
  if (!nudge_store_is_empty (store))
    return TRUE;
  nudge_demo_options_init (&options);
  return nudge_demo_generate (store, &options, error);
}

static void
sample_data_done (gpointer      owner,
                  gpointer      data,
                  const GError *error)
{
  NudgeWindow *self = owner;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-sample-data", TRUE);
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not load the sample data: %s"), error->message);

      nudge_window_add_toast (self, adw_toast_new (message));
      return;
    }
  update_empty_state (self);
}

/* Written by a worker: the window goes on drawing meanwhile. */
static void
load_sample_data_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  NudgeWindow *self = NUDGE_WINDOW (widget);

  if (!nudge_store_is_empty (self->store))
    return;
  gtk_widget_action_set_enabled (widget, "win.load-sample-data", FALSE);
  nudge_worker_run (self->store, sample_data_job, NULL, NULL, NULL,
                    sample_data_done, self);
}

/* The List view's import, from the welcome an empty book shows: the
 * imported records are in the List once the welcome gives way. */
static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NudgeWindow *self = NUDGE_WINDOW (widget);
  GtkWidget *list = ensure_view (self, "list");

  g_return_if_fail (list != NULL);
  nudge_window_show_view (self, "list");
  gtk_widget_activate_action (list, "list.import-csv", NULL);
}

/* A damaged book says so for as long as it is one, not only in the
 * dialog that first told it (nudge-backups.c). */
static void
read_only_changed_cb (NudgeWindow *self)
{
  gboolean damaged = nudge_store_get_read_only (self->store);
  g_autoptr(GPtrArray) backups = damaged ? nudge_backup_list (nudge_store_get_path (self->store)) : NULL;

  gtk_widget_set_visible (self->restore_button, backups != NULL && backups->len > 0);
  gtk_info_bar_set_revealed (self->damage_bar, damaged);
}

static void
restore_clicked_cb (NudgeWindow *self)
{
  nudge_backups_restore_latest (GTK_WINDOW (self), self->store, self->restore_button);
}

static void
store_changed_cb (NudgeWindow *self)
{
  update_empty_state (self);
}

static void
visible_child_cb (NudgeWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);
  GtkWidget *view;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (name == NULL)
    return;
  view = ensure_view (self, name);
  g_settings_set_string (self->settings, "last-view", name);
  /* Alt+3 and the keys go on in the List, not in the header bar or in
   * the view left behind. */
  if (NUDGE_IS_VIEW (view) && (focus == NULL || !gtk_widget_is_ancestor (focus, view)))
    nudge_view_focus_start (NUDGE_VIEW (view));
}

static gboolean
nudge_window_close_request (GtkWindow *window)
{
  NudgeWindow *self = NUDGE_WINDOW (window);
  int width, height;

  if (self->search_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->search_popover));

  if (self->context != NULL && nudge_context_get_reminders (self->context) != NULL &&
      nudge_reminders_ask_on_close (nudge_context_get_reminders (self->context), window))
    return TRUE;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  return GTK_WINDOW_CLASS (nudge_window_parent_class)->close_request (window);
}

static void
nudge_window_dispose (GObject *object)
{
  NudgeWindow *self = (NudgeWindow *) object;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (nudge_window_parent_class)->dispose (object);
}

/* The quick capture is built when first opened, not before the first frame. */
static void
create_quick_capture (GtkMenuButton *arrow,
                      gpointer       user_data)
{
  NudgeWindow *self = user_data;

  gtk_menu_button_set_create_popup_func (arrow, NULL, NULL, NULL);
  adw_split_button_set_popover (ADW_SPLIT_BUTTON (self->add_button),
                                GTK_POPOVER (nudge_quick_capture_new (self->context)));
}

/* The "+" button's drop-down: a follow-up in plain words (Ctrl+L) */
static void
setup_quick_capture (NudgeWindow *self)
{
  GtkWidget *button = gtk_widget_get_first_child (self->add_button);
  GtkWidget *arrow = gtk_widget_get_last_child (self->add_button);

  if (GTK_IS_MENU_BUTTON (arrow))
    gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (arrow), create_quick_capture, self, NULL);
  else
    adw_split_button_set_popover (ADW_SPLIT_BUTTON (self->add_button),
                                  GTK_POPOVER (nudge_quick_capture_new (self->context)));
  /* The split button's own parts: GTK 4.8 names them after their class */
  if (GTK_IS_BUTTON (button))
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("New Follow-up"), -1);
  if (GTK_IS_MENU_BUTTON (arrow))
    gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Quick Capture"), -1);
}

/* Ctrl+Z: the Undo of the last toast that offers one, while it is on
 * screen (a text field being typed in takes Ctrl+Z for itself first). */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  NudgeWindow *self = NUDGE_WINDOW (widget);

  /* Said, not silent: the last change's toast is gone, and with it its
   * Undo. */
  if (!nudge_toast_undo_last (widget))
    nudge_window_add_toast (self, nudge_view_nothing_to_undo (widget));
}

static void
quick_capture_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  adw_split_button_popup (ADW_SPLIT_BUTTON (NUDGE_WINDOW (widget)->add_button));
}

static void
nudge_window_constructed (GObject *object)
{
  NudgeWindow *self = (NudgeWindow *) object;
  g_autofree char *last_view = NULL;

  G_OBJECT_CLASS (nudge_window_parent_class)->constructed (object);

  g_assert (NUDGE_IS_CONTEXT (self->context));
  self->settings = g_settings_new (APPLICATION_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  setup_quick_capture (self);
  self->search_popover = nudge_search_popover_new (self->context);
  nudge_eml_drop_attach (self->toast_overlay, self->store, 0, 0);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->search_button), self->search_popover);

  /* Today is always there: it keeps the switcher's overdue badge. */
  ensure_view (self, "today");

  last_view = g_settings_get_string (self->settings, "last-view");
  nudge_window_show_view (self, last_view);
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (visible_child_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->store, "changes", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::read-only", G_CALLBACK (read_only_changed_cb), self,
                           G_CONNECT_SWAPPED);
  read_only_changed_cb (self);
  update_empty_state (self);
}

static void
nudge_window_class_init (NudgeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = nudge_window_constructed;
  object_class->dispose = nudge_window_dispose;

  /* nudge-window.ui names the views' types. */
  g_type_ensure (NUDGE_TYPE_VIEW_PAGE);
  g_type_ensure (NUDGE_TYPE_TODAY_VIEW);
  g_type_ensure (NUDGE_TYPE_PIPELINE_VIEW);
  g_type_ensure (NUDGE_TYPE_LIST_VIEW);
  g_type_ensure (NUDGE_TYPE_CALENDAR_VIEW);
  g_type_ensure (NUDGE_TYPE_INSIGHTS_VIEW);

  nudge_dialogs_install_context_property (object_class, G_STRUCT_OFFSET (NudgeWindow, context),
                                          G_STRUCT_OFFSET (NudgeWindow, store));
  window_class->close_request = nudge_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/nudge-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, NudgeWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, NudgeWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, NudgeWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, NudgeWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, NudgeWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, NudgeWindow, damage_bar);
  gtk_widget_class_bind_template_child (widget_class, NudgeWindow, restore_button);
  gtk_widget_class_bind_template_callback (widget_class, restore_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.load-sample-data", NULL, load_sample_data_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.filter", NULL, filter_action);
  gtk_widget_class_install_action (widget_class, "win.quick-capture", NULL, quick_capture_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.quick-capture", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.filter", NULL);
  gtk_widget_class_bind_template_child (widget_class, NudgeWindow, switcher_title);
}

static void
nudge_window_init (NudgeWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_event_controller_set_name (keys, "nudge-type-to-search");
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  /* A click on "+" leaves the focus on the card or row it is for. */
  gtk_widget_set_focus_on_click (self->add_button, FALSE);

  if (g_str_has_suffix (APPLICATION_ID, ".Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

void
nudge_window_show_view (NudgeWindow *self,
                        const char  *name)
{
  g_return_if_fail (NUDGE_IS_WINDOW (self));

  if (name != NULL && adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    {
      ensure_view (self, name);
      adw_view_stack_set_visible_child_name (self->view_stack, name);
    }
}

const char *
nudge_window_get_view (NudgeWindow *self)
{
  g_return_val_if_fail (NUDGE_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
nudge_window_add_toast (NudgeWindow *self,
                        AdwToast    *toast)
{
  g_return_if_fail (NUDGE_IS_WINDOW (self));

  nudge_toast_overlay_add (self->toast_overlay, toast);
}

/* The record the user is on in the visible view: the deal or contact
 * selected in the List, the focused card in the Pipeline, the focused
 * row's contact (or deal) in Today. 0 when none. */
gint64
nudge_window_get_selected_record (NudgeWindow *self,
                                  NudgeEntity *entity)
{
  GtkWidget *page;
  GtkWidget *view;
  NudgeEntity found_entity = 0;
  gint64 found = 0;

  g_return_val_if_fail (NUDGE_IS_WINDOW (self), 0);

  page = adw_view_stack_get_visible_child (self->view_stack);
  view = page != NULL ? nudge_view_page_get_view (NUDGE_VIEW_PAGE (page)) : NULL;
  if (view == NULL || gtk_stack_get_visible_child (self->main_stack) == NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "views") != 0)
    return 0;

  if (NUDGE_IS_TODAY_VIEW (view))
    found = nudge_today_view_get_focused_record (NUDGE_TODAY_VIEW (view), &found_entity);
  else if (NUDGE_IS_LIST_VIEW (view))
    {
      NudgeEntity shown = nudge_list_view_get_entity (NUDGE_LIST_VIEW (view));
      GtkSelectionModel *selection = nudge_list_view_get_selection (NUDGE_LIST_VIEW (view), shown);
      g_autoptr(GtkBitset) selected = selection ? gtk_selection_model_get_selection (selection) : NULL;
      g_autoptr(GObject) item = NULL;

      if (selected != NULL && !gtk_bitset_is_empty (selected))
        item = g_list_model_get_item (G_LIST_MODEL (selection), gtk_bitset_get_minimum (selected));
      if (item != NULL && NUDGE_IS_DEAL (item))
        {
          found_entity = NUDGE_ENTITY_DEAL;
          found = nudge_deal_get_id (NUDGE_DEAL (item));
        }
      else if (item != NULL && NUDGE_IS_CONTACT (item))
        {
          found_entity = NUDGE_ENTITY_CONTACT;
          found = nudge_contact_get_id (NUDGE_CONTACT (item));
        }
    }
  else if (NUDGE_IS_PIPELINE_VIEW (view))
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
      GtkWidget *card = NULL;

      if (focus != NULL && gtk_widget_is_ancestor (focus, view))
        {
          card = NUDGE_IS_DEAL_CARD (focus) ? focus : gtk_widget_get_ancestor (focus, NUDGE_TYPE_DEAL_CARD);
          /* The list item around the card has the focus. */
          for (GtkWidget *child = gtk_widget_get_first_child (focus); card == NULL && child != NULL;
               child = gtk_widget_get_next_sibling (child))
            if (NUDGE_IS_DEAL_CARD (child))
              card = child;
        }
      if (card != NULL && nudge_deal_card_get_deal (NUDGE_DEAL_CARD (card)) != NULL)
        {
          found_entity = NUDGE_ENTITY_DEAL;
          found = nudge_deal_get_id (nudge_deal_card_get_deal (NUDGE_DEAL_CARD (card)));
        }
    }
  if (found != 0 && entity != NULL)
    *entity = found_entity;
  return found;
}

void
nudge_window_open_record (NudgeWindow *self,
                          NudgeEntity  entity,
                          gint64       id)
{
  g_return_if_fail (NUDGE_IS_WINDOW (self));

  nudge_record_window_present (GTK_WINDOW (self), self->context, entity, id);
}

GtkWidget *
nudge_window_get_search (NudgeWindow *self)
{
  g_return_val_if_fail (NUDGE_IS_WINDOW (self), NULL);

  return self->search_popover;
}

NudgeWindow *
nudge_window_new (NudgeApplication *app,
                  NudgeContext     *context)
{
  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);

  return g_object_new (NUDGE_TYPE_WINDOW, "application", app, "context", context, NULL);
}

NudgeContext *
nudge_window_get_context (NudgeWindow *self)
{
  g_return_val_if_fail (NUDGE_IS_WINDOW (self), NULL);

  return self->context;
}
