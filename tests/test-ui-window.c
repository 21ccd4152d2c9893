/* test-ui-window.c — the main window's views: declared in its template,
 * each built with the window's context the first time it is shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "nudge-calendar-view.h"
#include "nudge-insights-view.h"
#include "nudge-list-view.h"
#include "nudge-pipeline-view.h"
#include "nudge-test-core.h"
#include "nudge-test-ui.h"
#include "nudge-today-view.h"
#include "nudge-tooltip.h"
#include "nudge-view-actions.h"
#include "nudge-view-page.h"
#include "nudge-window.h"

static NudgeViewPage *
page_named (NudgeWindow *window,
            const char  *name)
{
  GtkWidget *stack = nudge_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);
  GtkWidget *page = adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack), name);

  g_assert_true (NUDGE_IS_VIEW_PAGE (page));
  return NUDGE_VIEW_PAGE (page);
}

static NudgeContext *
view_context (GtkWidget *view)
{
  g_autoptr(NudgeContext) context = NULL;

  g_object_get (view, "context", &context, NULL);
  return context;
}

static void
test_views_built_when_shown (NudgeTestBook *book,
                             gconstpointer  data)
{
  static const struct {
    const char *name;
    GType     (*get_type) (void);
  } pages[] = {
    { "today",    nudge_today_view_get_type },
    { "pipeline", nudge_pipeline_view_get_type },
    { "list",     nudge_list_view_get_type },
    { "calendar", nudge_calendar_view_get_type },
    { "insights", nudge_insights_view_get_type },
  };
  NudgeWindow *window;
  NudgeContext *context;
  gint64 contact_id;

  nudge_test_add_brno_deal (book->store, &contact_id);
  window = nudge_test_window_new (book->store, NULL, 1000, 700);
  context = nudge_window_get_context (window);
  nudge_test_spin (100);

  /* Every page knows its view's type and has the window's context; only
   * Today, the view on show, is built. */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      NudgeViewPage *page = page_named (window, pages[i].name);
      GtkWidget *view = nudge_view_page_get_view (page);

      g_assert_true (nudge_view_page_get_view_type (page) == pages[i].get_type ());
      g_assert_true (nudge_view_page_get_context (page) == context);
      if (i == 0)
        {
          g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (view, pages[i].get_type ()));
          g_assert_true (view_context (view) == context);
        }
      else
        g_assert_null (view);
    }

  /* Each is built when shown, once, with the same context. */
  for (guint i = 1; i < G_N_ELEMENTS (pages); i++)
    {
      NudgeViewPage *page = page_named (window, pages[i].name);
      GtkWidget *view;

      nudge_window_show_view (window, pages[i].name);
      nudge_test_spin (50);
      view = nudge_view_page_get_view (page);
      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (view, pages[i].get_type ()));
      g_assert_true (view_context (view) == context);
      g_assert_true (nudge_view_page_ensure_view (page) == view);
      g_assert_cmpstr (nudge_window_get_view (window), ==, pages[i].name);
    }
}

/* The undos count in the test's own variable: nothing to free. */
static void
keep_count (gpointer undo)
{
}

static gboolean
count_undo (NudgeStore  *store,
            gpointer     undo,
            GError     **error)
{
  (*(guint *) undo)++;
  return TRUE;
}

/* Clicks the close button of the toast that shows @text (its title, or
 * its button's label); whether there was one. */
static gboolean
click_close (GtkWidget  *window,
             const char *text)
{
  GtkWidget *shown = nudge_test_find (window, NUDGE_TEST_MAPPED, nudge_test_reads, text);

  if (shown == NULL)
    shown = nudge_test_find_button (window, text);
  /* The toast's title and buttons are siblings, or the title is in a
   * box beside them. */
  for (GtkWidget *parent = shown ? gtk_widget_get_parent (shown) : NULL; parent != NULL;
       parent = gtk_widget_get_parent (parent))
    for (GtkWidget *child = gtk_widget_get_first_child (parent); child; child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), "window-close-symbolic") == 0)
        {
          g_signal_emit_by_name (child, "clicked");
          return TRUE;
        }
  return FALSE;
}

/* Clicks the Undo, then the close button of the toast that has it, as a
 * quick hand would: libadwaita dismisses the toast on either, the Undo
 * from an idle (late on a busy main loop), the close button at once. */
static void
click_undo_and_close (GtkWidget *window)
{
  GtkWidget *undo = nudge_test_find_button (window, "_Undo");

  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  g_assert_true (click_close (window, "_Undo"));
}

/* A seller going down a list with the keyboard (a key held down
 * repeats 30 times a second): each change's toast takes the place of
 * the last one, and Ctrl+Z right after the last undoes it. libadwaita
 * 1.2 reads freed memory when a toast it slides in over another is
 * dismissed within 0.2 s (its slide-in outlasts its hide), by a key
 * or a quick click; the window must not crash (MALLOC_PERTURB_ makes
 * such a read crash). */
static void
test_undo_toasts_in_a_row (NudgeTestBook *book,
                           gconstpointer  data)
{
  NudgeWindow *window = nudge_test_window_new (book->store, NULL, 1000, 700);
  GtkWidget *view = nudge_view_page_get_view (page_named (window, "today"));
  guint undone = 0;

  nudge_test_spin (100);
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *message = g_strdup_printf ("Change %u", i);

      nudge_view_show_store_undo (view, message, book->store, count_undo, &undone, keep_count, 1);
      nudge_test_spin (30 + 20 * (i % 3));
    }
  /* One toast said them all, the last change's. */
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (window), "Change 11"));
  g_assert_null (nudge_test_find_label (GTK_WIDGET (window), "Change 10"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (undone, ==, 1);
  /* Still sliding in, it stays a moment, with no Undo to click twice. */
  nudge_test_spin (30);
  g_assert_null (nudge_test_find_button (GTK_WIDGET (window), "_Undo"));

  /* A change right after the Undo has a toast of its own, undone at once
   * too; the first one, on its way out, does not come back. */
  nudge_test_spin (80);
  nudge_view_show_store_undo (view, "Change 12", book->store, count_undo, &undone, keep_count, 1);
  nudge_test_spin (60);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (undone, ==, 2);
  nudge_test_spin (1500);
  g_assert_cmpuint (undone, ==, 2);
  g_assert_null (nudge_test_find_label (GTK_WIDGET (window), "Change 11"));
  g_assert_null (nudge_test_find_label (GTK_WIDGET (window), "Change 12"));

  /* A change made while the toast of an undone one is held (still
   * sliding in) has a toast of its own, which keeps its Undo for its
   * time: the held one goes as it was going. */
  nudge_view_show_store_undo (view, "Undone at once", book->store, count_undo, &undone, keep_count, 1);
  nudge_test_spin (60);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (undone, ==, 3);
  nudge_test_spin (100);
  nudge_view_show_store_undo (view, "Made after", book->store, count_undo, &undone, keep_count, 1);
  nudge_test_spin (1500);
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (window), "Made after"));
  g_assert_nonnull (nudge_test_find_button (GTK_WIDGET (window), "_Undo"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (undone, ==, 4);
  nudge_test_spin (1500);

  /* A toast that waited behind an Undo toast slides in when that goes,
   * long after it was added: closed at once then, it is held too. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *message = g_strdup_printf ("Waited %u", i);

      nudge_view_show_store_undo (view, "Changed", book->store, count_undo, &undone, keep_count, 1);
      nudge_test_spin (100);
      nudge_view_show_message (view, message);
      nudge_test_spin (900);
      g_assert_null (nudge_test_find_label (GTK_WIDGET (window), message));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
      nudge_test_spin (40);
      g_assert_true (click_close (GTK_WIDGET (window), message));
      nudge_test_spin (10);
      g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (window), message));
      nudge_test_spin (1500);
    }

  /* A toast's own Undo clicked as soon as it shows, while it still
   * slides in over the toast before it: libadwaita 1.2 dismisses it at
   * once, and showed the toast it had pushed aside while that was still
   * on its way out (an assertion), or read freed memory at the end of
   * the slide-in. */
  undone = 0;
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *message = g_strdup_printf ("Clicked %u", i);

      nudge_view_show_message (view, "Saved");
      nudge_test_spin (80);
      nudge_view_show_store_undo (view, message, book->store, count_undo, &undone, keep_count, 1);
      nudge_test_spin (40);
      click_undo_and_close (GTK_WIDGET (window));
      g_assert_cmpuint (undone, ==, i + 1);
      /* The toast stays a moment, its button gone, and Ctrl+Z has
       * nothing left to undo. */
      nudge_test_spin (10);
      g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (window), message));
      g_assert_null (nudge_test_find_button (GTK_WIDGET (window), "_Undo"));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
      g_assert_cmpuint (undone, ==, i + 1);
      nudge_test_spin (900);
    }
  nudge_test_spin (500);
  g_assert_null (nudge_test_find_label (GTK_WIDGET (window), "Clicked 5"));
}

static gboolean
is_menu_button_with_tooltip (GtkWidget     *widget,
                             gconstpointer  text)
{
  return GTK_IS_MENU_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

/* GTK 4.8 showed a menu button's tooltip over the first item of the menu
 * it had just opened: while the menu is shown, the button has none. */
static void
test_menu_hides_its_tooltip (NudgeTestBook *book,
                             gconstpointer  data)
{
  NudgeWindow *window;
  GtkWidget *button;
  GtkPopover *popover;

  nudge_tooltip_hush_under_popovers ();
  window = nudge_test_window_new (book->store, NULL, 1000, 700);
  button = nudge_test_find (GTK_WIDGET (window), NUDGE_TEST_MAPPED, is_menu_button_with_tooltip, "Main Menu");
  g_assert_nonnull (button);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  /* Twice: what the first time took, it gave back. */
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (gtk_widget_get_has_tooltip (button));
      gtk_menu_button_popup (GTK_MENU_BUTTON (button));
      nudge_test_spin (100);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
      g_assert_false (gtk_widget_get_has_tooltip (button));
      gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
      nudge_test_spin (50);
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
      g_assert_true (gtk_widget_get_has_tooltip (button));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Main Menu");
    }

  /* A popover taken away open (its owner rebuilds it) gives the
   * tooltip back too */
  {
    GtkWidget *owner_window = gtk_window_new ();
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    GtkWidget *taken = gtk_popover_new ();

    gtk_widget_set_size_request (box, 200, 200);
    gtk_widget_set_tooltip_text (box, "Owner");
    gtk_box_append (GTK_BOX (box), gtk_button_new_with_label ("Focus"));
    gtk_window_set_child (GTK_WINDOW (owner_window), box);
    gtk_window_present (GTK_WINDOW (owner_window));
    nudge_test_spin (100);
    gtk_widget_grab_focus (gtk_widget_get_first_child (box));
    gtk_popover_set_child (GTK_POPOVER (taken), gtk_label_new ("Menu"));
    gtk_widget_set_parent (taken, box);
    gtk_popover_popup (GTK_POPOVER (taken));
    nudge_test_spin (100);
    g_assert_false (gtk_widget_get_has_tooltip (box));
    gtk_widget_unparent (taken);
    nudge_test_spin (50);
    g_assert_true (gtk_widget_get_has_tooltip (box));
    gtk_window_destroy (GTK_WINDOW (owner_window));
  }
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "views-built-when-shown", NUDGE_TEST_FUNC (test_views_built_when_shown) },
    { "undo-toasts-in-a-row", NUDGE_TEST_FUNC (test_undo_toasts_in_a_row) },
    { "menu-hides-its-tooltip", NUDGE_TEST_FUNC (test_menu_hides_its_tooltip) },
  };

  nudge_test_ui_init (&argc, &argv, "C.UTF-8");

  nudge_test_add_table ("/ui/window/", NudgeTestBook, nudge_test_book_set_up, nudge_test_window_tear_down, cases);

  return g_test_run ();
}
