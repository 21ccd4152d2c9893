/* nudge-test-ui.h — what the UI tests share: letting the main loop run,
 * finding widgets and windows, clicking, a window on a scratch book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-context.h"
#include "nudge-test-core.h"
#include "nudge-list-view.h"
#include "nudge-window.h"

G_BEGIN_DECLS

typedef gboolean (*NudgeTestBusyFunc) (gpointer data);

/* nudge_test_init_environment() with the settings in memory, then
 * gtk_test_init() and adw_init(). */
void        nudge_test_ui_init     (int         *argc,
                                    char      ***argv,
                                    const char  *lc_all);
void        nudge_test_spin        (guint      ms);
/* Runs the main loop until the object behind the weak pointer @pointer
 * is gone (a saved editor is destroyed after the next frame of the
 * window it was over); fails the test after 5 s. */
void        nudge_test_wait_gone   (gpointer  *pointer);
/* Runs the main loop until @until says so; fails the test after 10 s. */
void        nudge_test_wait_until  (NudgeTestBusyFunc  until,
                                    gpointer           data);
void        nudge_test_set_busy_check (NudgeTestBusyFunc func,
                                       gpointer          data);
/* A busy check: whether the NudgeTodayView @view has not loaded yet. */
gboolean    nudge_test_today_busy  (gpointer   view);
/* A wait check: whether the GtkMenuButton @menu_button's menu is shown. */
gboolean    nudge_test_menu_shown  (gpointer   menu_button);
/* Which widgets a search of a tree goes into: all, or only those
 * visible, or only those drawn (mapped). */
typedef enum
{
  NUDGE_TEST_ANY,
  NUDGE_TEST_VISIBLE,
  NUDGE_TEST_MAPPED,
} NudgeTestScope;

typedef gboolean (*NudgeTestMatchFunc) (GtkWidget     *widget,
                                        gconstpointer  data);

/* The first widget in @widget's tree (@widget included, depth first,
 * within @scope) for which @match holds. */
GtkWidget  *nudge_test_find        (GtkWidget          *widget,
                                    NudgeTestScope      scope,
                                    NudgeTestMatchFunc  match,
                                    gconstpointer       data);
/* Every widget in @widget's tree for which @match holds, in order. */
GPtrArray  *nudge_test_find_all    (GtkWidget          *widget,
                                    NudgeTestMatchFunc  match,
                                    gconstpointer       data);
/* A context for @store (and @settings, or NULL) without services, to
 * hand straight to a view or window: its own reference is dropped when
 * the main loop next runs, so it lives as long as what took it. */
NudgeContext *nudge_test_context   (NudgeStore *store,
                                    GSettings  *settings);

/* Runs the main loop while @busy says so, for @timeout_ms at most;
 * whether it settled. */
gboolean    nudge_test_spin_while  (NudgeTestBusyFunc busy,
                                    gpointer          data,
                                    guint             timeout_ms);
/* Runs the main loop until @model has @n items (30 s at most). */
void        nudge_test_wait_n_items (GListModel *model,
                                     guint       n);
/* Runs the main loop until the number @sql reads through @store (the
 * connection the app writes with: one of the test's own may be refused
 * while a worker writes) is @want (30 s at most). */
void        nudge_test_wait_book_int (NudgeStore *store,
                                      const char *sql,
                                      gint64      want);

/* Matches for nudge_test_find(): a widget of the type
 * GSIZE_TO_POINTER (type), named @name, a label or preferences row
 * reading @text (with or without its markup), a preferences row titled
 * @title, a button labelled @label (mnemonic included: "_Save"), a
 * shown label whose text contains @text. */
gboolean    nudge_test_is_of_type  (GtkWidget     *widget,
                                    gconstpointer  type);
gboolean    nudge_test_is_named    (GtkWidget     *widget,
                                    gconstpointer  name);
gboolean    nudge_test_reads       (GtkWidget     *widget,
                                    gconstpointer  text);
gboolean    nudge_test_is_row_titled (GtkWidget     *widget,
                                      gconstpointer  title);
gboolean    nudge_test_is_button_labelled (GtkWidget     *widget,
                                           gconstpointer  label);
gboolean    nudge_test_label_contains (GtkWidget     *widget,
                                       gconstpointer  text);

/* The first widget of @type in @widget's tree, @widget included. */
#define nudge_test_find_widget(widget, type) \
  nudge_test_find ((widget), NUDGE_TEST_ANY, nudge_test_is_of_type, GSIZE_TO_POINTER (type))
#define nudge_test_find_named(widget, name) \
  nudge_test_find ((widget), NUDGE_TEST_ANY, nudge_test_is_named, (name))
/* A label or preferences row that is drawn (mapped) and reads @text. */
#define nudge_test_find_label(widget, text) \
  nudge_test_find ((widget), NUDGE_TEST_MAPPED, nudge_test_reads, (text))
/* A preferences row titled @title, drawn or not. */
#define nudge_test_find_row(widget, title) \
  nudge_test_find ((widget), NUDGE_TEST_ANY, nudge_test_is_row_titled, (title))
/* A drawn button labelled @label (mnemonic included: "_Save"). */
#define nudge_test_find_button(widget, label) \
  nudge_test_find ((widget), NUDGE_TEST_MAPPED, nudge_test_is_button_labelled, (label))
/* That button, once it is drawn (a toast's, which takes its turn
 * after an animation); fails the test after 2 s. */
GtkWidget  *nudge_test_wait_button  (GtkWidget  *widget,
                                     const char *label);
/* The label reading @text, once it is drawn (a toast's, an error's);
 * fails the test after 2 s. */
GtkWidget  *nudge_test_wait_label   (GtkWidget  *widget,
                                     const char *text);
/* The message dialog shown (an Undo's question, a rate's editor), once
 * it is; fails the test after 1 s. */
AdwMessageDialog *nudge_test_wait_message_dialog (void);
/* Clicks that button; whether there was one. */
gboolean    nudge_test_click_button (GtkWidget  *widget,
                                     const char *label);
/* Every shortcut of @widget's own shortcut controllers, its class's
 * bindings included. */
GPtrArray   *nudge_test_shortcuts     (GtkWidget  *widget);
/* The shortcut for @accelerator ("<Control>l") among @widget's own
 * shortcut controllers (a new reference), or NULL. */
GtkShortcut *nudge_test_find_shortcut (GtkWidget  *widget,
                                       const char *accelerator);
/* Runs the shortcut for @accelerator ("<Control>l") among @widget's own
 * shortcut controllers; fails the test when there is none. */
gboolean    nudge_test_press_shortcut (GtkWidget  *widget,
                                       const char *accelerator);
/* Presses @keyval (with @state) on @widget as GTK delivers it there: to
 * its capture-phase key controllers, then to the others, until one
 * handles it; whether one did. */
gboolean    nudge_test_press_key      (GtkWidget       *widget,
                                       guint            keyval,
                                       GdkModifierType  state);

/* A shown top-level window titled @title, or of @type. */
GtkWindow  *nudge_test_find_window_titled (const char *title);
GtkWindow  *nudge_test_find_toplevel      (GType       type);
/* Destroys the shown top-level window of @type, which the test fails
 * without, then lets the main loop run. */
void        nudge_test_close_toplevel     (GType       type);
/* Destroys every top-level window, then lets the main loop run. */
void        nudge_test_destroy_windows    (void);

/* With NUDGE_TEST_SHOTS=DIR, saves @widget as drawn to DIR/@name, for
 * a person to look at; nothing otherwise. */
void        nudge_test_save_shot   (GtkWidget  *widget,
                                    const char *name);

/* The main window on @store (context without services or settings),
 * on @view (or the one it opens on, if NULL), @width × @height (or its
 * own size, if 0), shown. */
NudgeWindow *nudge_test_window_new (NudgeStore *store,
                                    const char *view,
                                    int         width,
                                    int         height);

/* The main window on @store's List, showing every @entity record, with
 * the List in @view (which nudge_test_spin() then waits for), settled. */
NudgeWindow *nudge_test_list_window (NudgeStore     *store,
                                     NudgeEntity     entity,
                                     NudgeListView **view);
/* @window's List, which nudge_test_spin() then waits for. */
NudgeListView *nudge_test_list_view (NudgeWindow *window);
/* How a List's import ended, as its done hook reports it. */
typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} NudgeTestImport;

/* The done hook (nudge_list_view_set_import_done_hook()) that fills in
 * the NudgeTestImport @outcome. */
void        nudge_test_import_done_cb (NudgeListView *view,
                                       gboolean       ok,
                                       const GError  *error,
                                       gpointer       outcome);
/* Runs the main loop until the import is done, for @timeout_s at most;
 * fails the test if it is not. */
void        nudge_test_wait_import    (NudgeTestImport *outcome,
                                       guint            timeout_s);

/* A scratch book and the main window on its List as a GTest fixture:
 * the test's own set-up fills the book and opens the window
 * (nudge_test_list_window()); torn down by
 * nudge_test_window_tear_down(). */
typedef struct
{
  NudgeTestBook  book;
  NudgeWindow   *window;
  NudgeListView *view;
} NudgeTestListWindow;

/* A scratch book and a new window (not shown) as a GTest fixture: set
 * up by nudge_test_book_window_set_up(), torn down by
 * nudge_test_window_tear_down(). */
typedef struct
{
  NudgeTestBook book;
  GtkWidget    *window;
} NudgeTestBookWindow;

void        nudge_test_book_window_set_up (NudgeTestBookWindow *f,
                                           gconstpointer        data);
/* The tear-down of a test on a scratch book with windows: no busy
 * check, every window destroyed, the book closed and removed. */
void        nudge_test_window_tear_down (NudgeTestBook *book,
                                         gconstpointer  data);
/* The usual tear-down: no busy check, @window destroyed, the book
 * closed and removed (see nudge_test_book_close()). */
void        nudge_test_close       (GtkWidget   *window,
                                    NudgeStore **store,
                                    char       **dir,
                                    char       **path);

/* The target of the item of @menu (its sections and submenus included)
 * that activates @action and reads @label, or NULL */
GVariant   *nudge_test_menu_target  (GMenuModel *menu,
                                     const char *action,
                                     const char *label);
/* The menu the Menu key opens on @widget (focused first) in @view */
GMenuModel *nudge_test_open_menu    (GtkWidget  *view,
                                     GtkWidget  *widget);
/* Closes the menu open in @view */
void        nudge_test_close_menu   (GtkWidget  *view);
/* @widget's click gesture for mouse button @button (GDK_BUTTON_SECONDARY),
 * or NULL */
GtkEventController *nudge_test_find_click (GtkWidget *widget,
                                           guint      button);

G_END_DECLS
