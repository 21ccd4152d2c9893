/* nudge-test-ui.c — what the UI tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "nudge-cell-label.h"
#include "nudge-store-private.h"
#include "nudge-test-core.h"
#include "nudge-test-ui.h"
#include "nudge-today-view.h"
#include "nudge-tooltip.h"

static NudgeTestBusyFunc busy_func;
static gpointer          busy_data;

void
nudge_test_ui_init (int          *argc,
                    char       ***argv,
                    const char   *lc_all)
{
  nudge_test_init_environment (lc_all);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  /* As the application does at start-up */
  nudge_tooltip_hush_under_popovers ();
}

/* What nudge_test_spin() also waits for: work on worker threads and
 * models that fill over several frames. */
void
nudge_test_set_busy_check (NudgeTestBusyFunc func,
                           gpointer          data)
{
  busy_func = func;
  busy_data = data;
}

/* Runs the main loop for @ms milliseconds: long enough for idle
 * callbacks, timeouts and the frame clock of a real window; then on
 * until the busy check (if any) says the views have settled. */
void
nudge_test_spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;
  gint64 deadline = until + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < until ||
         (busy_func != NULL && busy_func (busy_data) && g_get_monotonic_time () < deadline))
    g_main_context_iteration (NULL, FALSE);
}

void
nudge_test_wait_gone (gpointer *pointer)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (*pointer != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (*pointer);
}

void
nudge_test_wait_until (NudgeTestBusyFunc until,
                       gpointer          data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!until (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
}

GtkWidget *
nudge_test_find (GtkWidget          *widget,
                 NudgeTestScope      scope,
                 NudgeTestMatchFunc  match,
                 gconstpointer       data)
{
  if ((scope == NUDGE_TEST_MAPPED && !gtk_widget_get_mapped (widget)) ||
      (scope == NUDGE_TEST_VISIBLE && !gtk_widget_get_visible (widget)))
    return NULL;
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = nudge_test_find (child, scope, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect (GtkWidget          *widget,
         NudgeTestMatchFunc  match,
         gconstpointer       data,
         GPtrArray          *found)
{
  if (match (widget, data))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect (child, match, data, found);
}

GPtrArray *
nudge_test_find_all (GtkWidget          *widget,
                     NudgeTestMatchFunc  match,
                     gconstpointer       data)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (widget, match, data, found);
  return found;
}

gboolean
nudge_test_is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
drop_context_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

NudgeContext *
nudge_test_context (NudgeStore *store,
                    GSettings  *settings)
{
  NudgeContext *context = nudge_context_new (store, settings);

  g_idle_add_full (G_PRIORITY_HIGH, drop_context_cb, context, NULL);
  return context;
}

gboolean
nudge_test_spin_while (NudgeTestBusyFunc busy,
                       gpointer          data,
                       guint             timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (busy (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  return !busy (data);
}

typedef struct
{
  GListModel *model;
  NudgeStore *store;
  const char *sql;
  gint64      want;
} CountWait;

static gboolean
count_differs (gpointer data)
{
  CountWait *w = data;
  g_autoptr(GError) error = NULL;
  gint64 have;

  if (w->model != NULL)
    return g_list_model_get_n_items (w->model) != (guint) w->want;
  have = nudge_store_lookup (w->store, w->sql, 0, NULL, &error);
  g_assert_no_error (error);
  return have != w->want;
}

void
nudge_test_wait_n_items (GListModel *model,
                         guint       n)
{
  CountWait w = { model, NULL, NULL, n };

  if (!nudge_test_spin_while (count_differs, &w, 30000))
    g_error ("have %u items, want %u", g_list_model_get_n_items (model), n);
}

void
nudge_test_wait_book_int (NudgeStore *store,
                          const char *sql,
                          gint64      want)
{
  CountWait w = { NULL, store, sql, want };

  if (!nudge_test_spin_while (count_differs, &w, 30000))
    g_error ("%s: have %" G_GINT64_FORMAT ", want %" G_GINT64_FORMAT, sql,
             nudge_store_lookup (store, sql, 0, NULL, NULL), want);
}

gboolean
nudge_test_is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

gboolean
nudge_test_reads (GtkWidget     *widget,
       gconstpointer  text)
{
  if (GTK_IS_LABEL (widget))
    return g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0 ||
           g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
  if (NUDGE_IS_CELL_LABEL (widget))
    return g_strcmp0 (nudge_cell_label_get_text (NUDGE_CELL_LABEL (widget)), text) == 0;
  if (ADW_IS_PREFERENCES_ROW (widget))
    return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) == 0;
  return FALSE;
}

gboolean
nudge_test_label_contains (GtkWidget     *widget,
                           gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
         strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL;
}

gboolean
nudge_test_is_row_titled (GtkWidget     *widget,
                          gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

gboolean
nudge_test_is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

gboolean
nudge_test_click_button (GtkWidget  *widget,
                         const char *label)
{
  GtkWidget *button = nudge_test_find_button (widget, label);

  if (button == NULL)
    return FALSE;
  g_signal_emit_by_name (button, "clicked");
  return TRUE;
}

GPtrArray *
nudge_test_shortcuts (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  GPtrArray *shortcuts = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        g_ptr_array_add (shortcuts, g_list_model_get_item (G_LIST_MODEL (controller), j));
    }
  return shortcuts;
}

GtkShortcut *
nudge_test_find_shortcut (GtkWidget  *widget,
                          const char *accelerator)
{
  g_autoptr(GPtrArray) shortcuts = nudge_test_shortcuts (widget);

  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcuts->pdata[i]));

      if (g_strcmp0 (trigger, accelerator) == 0)
        return g_object_ref (shortcuts->pdata[i]);
    }
  return NULL;
}

gboolean
nudge_test_press_shortcut (GtkWidget  *widget,
                           const char *accelerator)
{
  g_autoptr(GtkShortcut) shortcut = nudge_test_find_shortcut (widget, accelerator);

  if (shortcut == NULL)
    g_error ("no shortcut %s", accelerator);
  return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                       gtk_shortcut_get_arguments (shortcut));
}

gboolean
nudge_test_press_key (GtkWidget       *widget,
                      guint            keyval,
                      GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint pass = 0; pass < 2 && !handled; pass++)
    for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
        gboolean capture = gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE;

        if (GTK_IS_EVENT_CONTROLLER_KEY (controller) && capture == (pass == 0))
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
      }
  return handled;
}

GtkWindow *
nudge_test_find_window_titled (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (GTK_WIDGET (window)) && g_strcmp0 (gtk_window_get_title (window), title) == 0)
        return window;
    }
  return NULL;
}

GtkWindow *
nudge_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* GTK 4.8 shows a tooltip half a second after the pointer came to rest
 * on a widget, asking where the pointer is over the widget's window.
 * When the window was closed meanwhile — a test closes its windows
 * sooner — and is not yet finalized, it has no surface left to ask, and
 * GTK says so with a critical, fatal in a test. The display's pending
 * tooltip (which GTK keeps under this name) is let go first. */
static void
forget_pending_tooltip (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (display != NULL)
    g_object_set_qdata (G_OBJECT (display), g_quark_from_static_string ("gdk-display-current-tooltip"), NULL);
}

void
nudge_test_close_toplevel (GType type)
{
  GtkWindow *window = nudge_test_find_toplevel (type);

  g_assert_nonnull (window);
  gtk_window_destroy (window);
  nudge_test_spin (100);
}

void
nudge_test_destroy_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  forget_pending_tooltip ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  nudge_test_spin (50);
}

NudgeWindow *
nudge_test_window_new (NudgeStore *store,
                       const char *view,
                       int         width,
                       int         height)
{
  NudgeWindow *window = nudge_window_new (NULL, nudge_test_context (store, NULL));

  if (view != NULL)
    nudge_window_show_view (window, view);
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

gboolean
nudge_test_today_busy (gpointer view)
{
  return !nudge_today_view_is_loaded (view);
}

/* The drawn widget @match takes for @text, once there is one; fails the
 * test after 2 s, saying it found no @what. */
static GtkWidget *
wait_drawn (GtkWidget          *widget,
            NudgeTestMatchFunc  match,
            const char         *text,
            const char         *what)
{
  GtkWidget *found = NULL;

  for (guint i = 0; i < 40 && !(found = nudge_test_find (widget, NUDGE_TEST_MAPPED, match, text)); i++)
    nudge_test_spin (50);
  if (found == NULL)
    g_error ("no %s “%s”", what, text);
  return found;
}

GtkWidget *
nudge_test_wait_button (GtkWidget  *widget,
                        const char *label)
{
  return wait_drawn (widget, nudge_test_is_button_labelled, label, "button");
}

GtkWidget *
nudge_test_wait_label (GtkWidget  *widget,
                       const char *text)
{
  return wait_drawn (widget, nudge_test_reads, text, "label");
}

AdwMessageDialog *
nudge_test_wait_message_dialog (void)
{
  for (guint tries = 0; tries < 50; tries++)
    {
      g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

      for (GList *l = toplevels; l; l = l->next)
        if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
          return l->data;
      nudge_test_spin (20);
    }
  g_error ("no dialog was shown");
  return NULL;
}

gboolean
nudge_test_menu_shown (gpointer menu_button)
{
  GtkPopover *popover = gtk_menu_button_get_popover (menu_button);

  return popover != NULL && gtk_widget_get_visible (GTK_WIDGET (popover));
}

void
nudge_test_save_shot (GtkWidget  *widget,
                      const char *name)
{
  const char *dir = g_getenv ("NUDGE_TEST_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

NudgeListView *
nudge_test_list_view (NudgeWindow *window)
{
  NudgeListView *view = NUDGE_LIST_VIEW (nudge_test_find_widget (GTK_WIDGET (window), NUDGE_TYPE_LIST_VIEW));

  g_assert_nonnull (view);
  nudge_test_set_busy_check ((NudgeTestBusyFunc) nudge_list_view_is_busy, view);
  return view;
}

NudgeWindow *
nudge_test_list_window (NudgeStore     *store,
                        NudgeEntity     entity,
                        NudgeListView **view)
{
  NudgeWindow *window = nudge_test_window_new (store, "list", 0, 0);

  *view = nudge_test_list_view (window);
  nudge_list_view_set_entity (*view, entity);
  nudge_list_view_set_segment (*view, NUDGE_SEGMENT_ALL);
  nudge_test_spin (300);
  return window;
}

void
nudge_test_import_done_cb (NudgeListView *view,
                           gboolean       ok,
                           const GError  *error,
                           gpointer       data)
{
  NudgeTestImport *outcome = data;

  outcome->done = TRUE;
  outcome->ok = ok;
  outcome->error = error ? g_error_copy (error) : NULL;
}

void
nudge_test_wait_import (NudgeTestImport *outcome,
                        guint            timeout_s)
{
  gint64 deadline = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;

  while (!outcome->done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (outcome->done);
}

void
nudge_test_book_window_set_up (NudgeTestBookWindow *f,
                               gconstpointer        data)
{
  nudge_test_book_set_up (&f->book, data);
  f->window = gtk_window_new ();
}

void
nudge_test_window_tear_down (NudgeTestBook *book,
                             gconstpointer  data)
{
  nudge_test_set_busy_check (NULL, NULL);
  nudge_test_destroy_windows ();
  nudge_test_book_tear_down (book, data);
}

void
nudge_test_close (GtkWidget   *window,
                  NudgeStore **store,
                  char       **dir,
                  char       **path)
{
  nudge_test_set_busy_check (NULL, NULL);
  forget_pending_tooltip ();
  gtk_window_destroy (GTK_WINDOW (window));
  nudge_test_spin (50);
  nudge_test_book_close (store, dir, path);
}

GVariant *
nudge_test_menu_target (GMenuModel *menu,
                        const char *action,
                        const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SUBMENU);
      g_autofree char *item_action = NULL;
      g_autofree char *item_label = NULL;

      if (section != NULL || submenu != NULL)
        {
          GVariant *found = nudge_test_menu_target (section != NULL ? section : submenu, action, label);

          if (found != NULL)
            return found;
          continue;
        }
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action) &&
          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &item_label) &&
          g_str_equal (item_action, action) && g_str_equal (item_label, label))
        return g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET, NULL);
    }
  return NULL;
}

GMenuModel *
nudge_test_open_menu (GtkWidget *view,
                      GtkWidget *widget)
{
  GtkWidget *popover;

  g_assert_true (gtk_widget_grab_focus (widget));
  g_assert_true (nudge_test_press_shortcut (view, "Menu"));
  nudge_test_spin (100);
  popover = nudge_test_find (view, NUDGE_TEST_VISIBLE, nudge_test_is_of_type, GSIZE_TO_POINTER (GTK_TYPE_POPOVER_MENU));
  g_assert_nonnull (popover);
  return gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
}

void
nudge_test_close_menu (GtkWidget *view)
{
  GtkWidget *popover = nudge_test_find (view, NUDGE_TEST_VISIBLE, nudge_test_is_of_type,
                                        GSIZE_TO_POINTER (GTK_TYPE_POPOVER_MENU));

  g_assert_nonnull (popover);
  gtk_popover_popdown (GTK_POPOVER (popover));
  nudge_test_spin (50);
}

GtkEventController *
nudge_test_find_click (GtkWidget *widget,
                       guint      button)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller) &&
          gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == button)
        return controller;  /* @widget holds it */
    }
  return NULL;
}
