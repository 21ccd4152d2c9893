/* test-ui-next-step.c — every way a step ends asks for the next one
 *
 * The record page's "No next step" row, Plan Next Step… in the card menu
 * and in the List's row menu, a new deal, a logged call, and Done from a
 * notification: with the window open the prompt comes up on it; with it
 * closed (nudge --background) a recording notification server on a
 * private bus sees "What is the next step for …?" and its +3 days button
 * plans the follow-up. Won and lost deals are never flagged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libnotify/notify.h>
#include <string.h>
#include <time.h>

#include "dbus-recorder.h"
#include "notification-recorder.h"
#include "nudge-application-private.h"
#include "nudge-clock.h"
#include "nudge-followup-editor.h"
#include "nudge-followups.h"
#include "nudge-list-view.h"
#include "nudge-next-step-dialog.h"
#include "nudge-pipeline-view.h"
#include "nudge-record-editor.h"
#include "nudge-record-window.h"
#include "nudge-reminders.h"
#include "nudge-store.h"
#include "nudge-test-core.h"
#include "nudge-test-ui.h"
#include "nudge-window.h"


static GTestDBus *bus;

typedef struct
{
  NudgeTestBook book;
  gint64      contact;
  gint64      deal;       /* open, nothing planned */
  gint64      won;
  gint64      lost;
  GtkWidget  *window;     /* a record window, and where its Next Steps */
  double      steps_y;    /* heading was drawn */
} Fixture;

static gint64
add_deal (Fixture         *f,
          const char      *title,
          NudgeDealStatus  status)
{
  gint64 id = nudge_test_add_deal (f->book.store, "title", title, "contact-id", f->contact, NULL);

  if (status != NUDGE_DEAL_OPEN)
    g_assert_true (nudge_store_set_deal_status (f->book.store, id, status, status == NUDGE_DEAL_LOST ? "Price" : NULL, NULL));
  return id;
}

static gint64
add_followup (Fixture    *f,
              gint64      deal_id,
              const char *title,
              gint64      due)
{
  NudgeFollowupSpec spec;

  nudge_test_call_spec (&spec, title, due, deal_id);
  spec.contact_id = f->contact;
  return nudge_test_create_followup (f->book.store, &spec);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(NudgeContact) contact = nudge_contact_new ();
  g_autoptr(GError) error = NULL;

  /* Monday 2026-03-02 10:00 in Prague */
  nudge_test_book_open_at (&f->book, "ui-next-step", nudge_test_prague (2026, 3, 2, 10, 0));

  g_object_set (contact, "name", "Jana Nováková", NULL);
  f->contact = nudge_store_save_contact (f->book.store, contact, &error);
  g_assert_no_error (error);
  f->deal = add_deal (f, "Brno fleet tracking", NUDGE_DEAL_OPEN);
  f->won = add_deal (f, "Praha office chairs", NUDGE_DEAL_WON);
  f->lost = add_deal (f, "Kraków ERP licences", NUDGE_DEAL_LOST);
}

static gboolean
is_closed_filter (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_TOGGLE_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Closed") == 0;
}

/* The board's "Closed" filter: won and lost deals show. */
static gboolean
show_closed (GtkWidget *widget)
{
  GtkWidget *toggle = nudge_test_find (widget, NUDGE_TEST_ANY, is_closed_filter, NULL);

  if (toggle != NULL)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  return toggle != NULL;
}

/* The one open follow-up of @deal_id (asserts there is exactly one). */
static NudgeFollowup *
only_open_followup (Fixture *f,
                    gint64   deal_id)
{
  g_autoptr(GPtrArray) open = nudge_store_list_followups (f->book.store, NUDGE_ENTITY_DEAL, deal_id, TRUE, NULL);

  g_assert_nonnull (open);
  g_assert_cmpuint (open->len, ==, 1);
  return g_object_ref (g_ptr_array_index (open, 0));
}

/* Answers the prompt with @button and checks what it planned. */
static void
answer_prompt (Fixture    *f,
               const char *button,
               gint64      deal_id,
               gint64      expected_due)
{
  NudgeNextStepDialog *dialog = (NudgeNextStepDialog *) nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG);
  g_autoptr(NudgeFollowup) next = NULL;

  g_assert_nonnull (dialog);
  g_assert_true (nudge_test_click_button (GTK_WIDGET (dialog), button));
  nudge_test_spin (200);
  g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG));
  next = only_open_followup (f, deal_id);
  g_assert_cmpint (nudge_followup_get_due_at (next), ==, expected_due);
  g_assert_cmpint (nudge_followup_get_contact_id (next), ==, f->contact);
  g_assert_false (nudge_followups_needs_next_step (f->book.store, deal_id, 0));
}

/* A menu item's action, activated as a click on it would. */
static void
activate_menu_item (GtkWidget  *widget,
                    GMenuModel *menu,
                    const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *item_label = NULL;
      g_autofree char *action = NULL;
      g_autoptr(GVariant) target = NULL;

      if (!g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &item_label) ||
          !g_str_equal (item_label, label))
        continue;
      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
      target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET, NULL);
      g_assert_true (gtk_widget_activate_action_variant (widget, action, target));
      return;
    }
  g_assert_not_reached ();
}

static gboolean
menu_has (GMenuModel *menu,
          const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *item_label = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &item_label) &&
          g_str_equal (item_label, label))
        return TRUE;
    }
  return FALSE;
}

static void
test_record_row (Fixture       *f,
                 gconstpointer  data)
{
  NudgeRecordWindow *window = nudge_record_window_present (NULL, nudge_test_context (f->book.store, NULL),
                                                           NUDGE_ENTITY_DEAL, f->deal);
  GtkWidget *plan;

  nudge_test_spin (100);
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (window), "No next step"));
  plan = nudge_test_find_named (GTK_WIDGET (window), "plan-next-step");
  g_assert_nonnull (plan);
  g_assert_true (gtk_widget_is_visible (plan));
  g_assert_true (gtk_widget_is_sensitive (plan));
  g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG));

  g_signal_emit_by_name (plan, "clicked");
  nudge_test_spin (100);
  g_assert_nonnull (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG))), ==,
                   "Nothing is planned for “Brno fleet tracking”. Plan the next follow-up so it does not go cold.");
  /* On a Monday, in 3 days at the start of the working day. */
  answer_prompt (f, "In _3 Days", f->deal, nudge_test_prague (2026, 3, 5, 9, 0));
  nudge_test_spin (300);
  g_assert_null (nudge_test_find_label (GTK_WIDGET (window), "No next step"));
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (window), "Follow up"));
  g_assert_null (nudge_test_find_named (GTK_WIDGET (window), "plan-next-step"));
}

/* Where the label reading @text is drawn in @window, from its top; -1
 * while there is none. */
static double
window_y (GtkWidget  *window,
          const char *text)
{
  GtkWidget *label = nudge_test_find_label (window, text);
  graphene_point_t at;

  if (label == NULL || !gtk_widget_compute_point (label, window, &GRAPHENE_POINT_INIT (0, 0), &at))
    return -1;
  return at.y;
}

static gboolean
steps_moved (Fixture *f)
{
  return ABS (window_y (f->window, "Next Steps") - f->steps_y) > 1;
}

/* A next step done on the deal's page: with another planned, just done
 * (and Undo puts it back); the last one asks what comes next. A row
 * opens its follow-up in the editor. */
static void
test_record_done (Fixture       *f,
                  gconstpointer  data)
{
  gint64 call = add_followup (f, f->deal, "Call Jana", nudge_test_prague (2026, 3, 2, 14, 0));
  gint64 offer = add_followup (f, f->deal, "Send the offer", nudge_test_prague (2026, 3, 4, 9, 0));
  NudgeRecordWindow *window = nudge_record_window_present (NULL, nudge_test_context (f->book.store, NULL),
                                                           NUDGE_ENTITY_DEAL, f->deal);
  g_autoptr(GPtrArray) buttons = NULL;
  g_autoptr(GPtrArray) scrolled = NULL;
  g_autoptr(NudgeFollowup) done = NULL;
  g_autoptr(NudgeFollowup) back = NULL;
  GtkAdjustment *adjustment;
  GtkWidget *row;
  double steps_y;

  /* A long history, for a page that scrolls. */
  for (int i = 0; i < 40; i++)
    nudge_test_add_activity (f->book.store, "kind", "call", "summary", "Call", "deal-id", f->deal,
                             "occurred-at", nudge_test_prague (2026, 2, 1, 9, i), NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 500);
  nudge_test_spin (400);
  scrolled = nudge_test_find_all (GTK_WIDGET (window), nudge_test_is_of_type, GSIZE_TO_POINTER (GTK_TYPE_SCROLLED_WINDOW));
  adjustment = gtk_scrolled_window_get_vadjustment (scrolled->pdata[0]);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, 700);
  gtk_adjustment_set_value (adjustment, 300);
  nudge_test_spin (100);
  steps_y = window_y (GTK_WIDGET (window), "Next Steps");
  g_assert_cmpfloat (steps_y, >=, 0);
  buttons = nudge_test_find_all (GTK_WIDGET (window), nudge_test_is_named, "followup-done");
  g_assert_cmpuint (buttons->len, ==, 2);

  /* Today's call: the offer is still planned. */
  g_signal_emit_by_name (buttons->pdata[0], "clicked");
  nudge_test_spin (300);
  done = nudge_store_get_followup (f->book.store, call, NULL);
  g_assert_cmpstr (nudge_followup_get_status (done), ==, "done");
  g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG));
  /* Its row leaves the steps; the call it was is in the history now. */
  g_clear_pointer (&buttons, g_ptr_array_unref);
  buttons = nudge_test_find_all (GTK_WIDGET (window), nudge_test_is_named, "followup-done");
  g_assert_cmpuint (buttons->len, ==, 1);
  g_assert_nonnull (nudge_test_find_row (GTK_WIDGET (window), "Call Jana"));
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (window), "“Call Jana” done"));
  /* The page, made again, shows what it showed where it showed it (once
   * it is laid out: a frame or two after it is made). */
  f->steps_y = steps_y;
  f->window = GTK_WIDGET (window);
  nudge_test_spin_while ((NudgeTestBusyFunc) steps_moved, f, 3000);
  g_assert_cmpfloat_with_epsilon (window_y (GTK_WIDGET (window), "Next Steps"), steps_y, 1);
  g_assert_true (nudge_test_click_button (GTK_WIDGET (window), "_Undo"));
  nudge_test_spin (400);
  back = nudge_store_get_followup (f->book.store, call, NULL);
  g_assert_cmpstr (nudge_followup_get_status (back), ==, "open");
  g_assert_nonnull (nudge_test_find_row (GTK_WIDGET (window), "Call Jana"));
  g_clear_pointer (&buttons, g_ptr_array_unref);
  buttons = nudge_test_find_all (GTK_WIDGET (window), nudge_test_is_named, "followup-done");
  g_assert_cmpuint (buttons->len, ==, 2);

  /* Both done, the last one snoozed first: it asks. */
  g_assert_true (nudge_followups_complete (f->book.store, call, 0, NULL));
  g_assert_true (nudge_followups_snooze (f->book.store, offer, nudge_test_prague (2026, 3, 4, 11, 0), NULL));
  nudge_test_spin (300);
  g_clear_pointer (&buttons, g_ptr_array_unref);
  buttons = nudge_test_find_all (GTK_WIDGET (window), nudge_test_is_named, "followup-done");
  g_assert_cmpuint (buttons->len, ==, 1);
  g_signal_emit_by_name (buttons->pdata[0], "clicked");
  nudge_test_spin (300);
  g_clear_object (&done);
  done = nudge_store_get_followup (f->book.store, offer, NULL);
  g_assert_cmpstr (nudge_followup_get_status (done), ==, "done");
  answer_prompt (f, "In _3 Days", f->deal, nudge_test_prague (2026, 3, 5, 9, 0));

  /* The Done's Undo takes back the step planned after it too. */
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (window), "“Send the offer” done"));
  g_assert_true (nudge_test_click_button (GTK_WIDGET (window), "_Undo"));
  nudge_test_spin (400);
  {
    g_autoptr(NudgeFollowup) only = only_open_followup (f, f->deal);

    g_assert_cmpint (nudge_followup_get_id (only), ==, offer);
  }

  /* The step's row opens it. */
  nudge_test_spin (300);
  row = nudge_test_find_row (GTK_WIDGET (window), "Send the offer");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (row));
  nudge_test_spin (200);
  g_assert_nonnull (nudge_test_find_toplevel (NUDGE_TYPE_FOLLOWUP_EDITOR));
}

/* Won and lost deals are never flagged: record page, card, core query. */
static void
test_closed_not_flagged (Fixture       *f,
                         gconstpointer  data)
{
  NudgeWindow *main_window;
  NudgePipelineView *view;
  g_autoptr(GPtrArray) without = nudge_followups_list_deals_without_next_step (f->book.store, NULL);
  gint64 closed[] = { f->won, f->lost };

  g_assert_cmpuint (without->len, ==, 1);
  g_assert_cmpint (nudge_deal_get_id (g_ptr_array_index (without, 0)), ==, f->deal);

  for (guint i = 0; i < G_N_ELEMENTS (closed); i++)
    {
      NudgeRecordWindow *window = nudge_record_window_present (NULL, nudge_test_context (f->book.store, NULL),
                                                               NUDGE_ENTITY_DEAL, closed[i]);

      nudge_test_spin (100);
      g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (window), "Nothing planned"));
      g_assert_null (nudge_test_find_label (GTK_WIDGET (window), "No next step"));
      g_assert_null (nudge_test_find_named (GTK_WIDGET (window), "plan-next-step"));
      gtk_window_destroy (GTK_WINDOW (window));
    }

  main_window = nudge_test_window_new (f->book.store, "pipeline", 1400, 800);
  view = NUDGE_PIPELINE_VIEW (nudge_test_find_widget (GTK_WIDGET (main_window), NUDGE_TYPE_PIPELINE_VIEW));
  g_assert_nonnull (view);
  nudge_test_set_busy_check ((NudgeTestBusyFunc) nudge_pipeline_view_is_busy, view);
  g_assert_true (show_closed (GTK_WIDGET (view)));
  nudge_test_spin (300);
  g_assert_nonnull (nudge_test_find_label (nudge_pipeline_view_get_card (view, f->deal), "No next step"));
  for (guint i = 0; i < G_N_ELEMENTS (closed); i++)
    {
      GtkWidget *card = nudge_pipeline_view_get_card (view, closed[i]);

      g_assert_nonnull (card);
      g_assert_null (nudge_test_find_label (card, "No next step"));
    }
}

static void
test_card_menu (Fixture       *f,
                gconstpointer  data)
{
  NudgeWindow *window;
  NudgePipelineView *view;
  GtkWidget *card, *popover;
  GMenuModel *menu;

  window = nudge_test_window_new (f->book.store, "pipeline", 1400, 800);
  view = NUDGE_PIPELINE_VIEW (nudge_test_find_widget (GTK_WIDGET (window), NUDGE_TYPE_PIPELINE_VIEW));
  nudge_test_set_busy_check ((NudgeTestBusyFunc) nudge_pipeline_view_is_busy, view);
  nudge_test_spin (300);

  card = nudge_pipeline_view_get_card (view, f->deal);
  g_assert_nonnull (card);
  g_signal_emit_by_name (nudge_test_find_named (card, "card-menu"), "clicked");
  nudge_test_spin (100);
  popover = nudge_test_find_widget (card, GTK_TYPE_POPOVER_MENU);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  menu = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
  activate_menu_item (card, menu, "Plan _Next Step…");
  gtk_popover_popdown (GTK_POPOVER (popover));
  nudge_test_spin (100);
  answer_prompt (f, "In a _Week", f->deal, nudge_test_prague (2026, 3, 9, 9, 0));
  nudge_test_spin (300);
  g_assert_null (nudge_test_find_label (nudge_pipeline_view_get_card (view, f->deal), "No next step"));
}

/* The view has other menus (columns, cadences): the one on screen. */
static gboolean
is_shown_menu (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_POPOVER_MENU (widget) && gtk_widget_get_visible (widget);
}

static void
test_list_menu (Fixture       *f,
                gconstpointer  data)
{
  NudgeWindow *window;
  NudgeListView *view;
  GtkSelectionModel *selection;
  GtkWidget *popover;
  GMenuModel *menu;
  guint position = G_MAXUINT;

  window = nudge_test_window_new (f->book.store, "list", 0, 0);
  view = nudge_test_list_view (window);
  nudge_list_view_set_segment (view, NUDGE_SEGMENT_ALL);
  nudge_test_spin (300);

  /* A right click on a won deal's row selects it; its menu opens the
   * deal but plans nothing. */
  {
    GtkWidget *cell = nudge_test_find_label (GTK_WIDGET (view), "Praha office chairs");
    GtkWidget *table = cell ? gtk_widget_get_ancestor (cell, GTK_TYPE_COLUMN_VIEW) : NULL;
    g_autoptr(GListModel) controllers = NULL;
    GtkGesture *click = NULL;
    double x, y;

    g_assert_nonnull (cell);
    g_assert_nonnull (table);
    /* One gesture for the whole table, at the cell's place in it. */
    controllers = gtk_widget_observe_controllers (table);
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_GESTURE_CLICK (controller) &&
            gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_SECONDARY)
          click = GTK_GESTURE (controller);
      }
    g_assert_nonnull (click);
    g_assert_true (gtk_widget_translate_coordinates (cell, table, 5.0, 5.0, &x, &y));
    g_signal_emit_by_name (click, "pressed", 1, x, y);
    nudge_test_spin (100);
    popover = nudge_test_find (GTK_WIDGET (view), NUDGE_TEST_ANY, is_shown_menu, NULL);
    g_assert_nonnull (popover);
    menu = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
    g_assert_true (menu_has (menu, "_Open"));
    g_assert_false (menu_has (menu, "Plan _Next Step…"));
    gtk_popover_popdown (GTK_POPOVER (popover));
    nudge_test_spin (50);
    selection = nudge_list_view_get_selection (view, NUDGE_ENTITY_DEAL);
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
      {
        g_autoptr(NudgeDeal) deal = g_list_model_get_item (G_LIST_MODEL (selection), i);

        if (nudge_deal_get_id (deal) == f->won)
          g_assert_true (gtk_selection_model_is_selected (selection, i));
      }
  }

  selection = nudge_list_view_get_selection (view, NUDGE_ENTITY_DEAL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr(NudgeDeal) deal = g_list_model_get_item (G_LIST_MODEL (selection), i);

      if (nudge_deal_get_id (deal) == f->deal)
        position = i;
    }
  g_assert_cmpuint (position, !=, G_MAXUINT);
  g_assert_true (gtk_selection_model_select_item (selection, position, TRUE));

  /* The Menu key opens the row's menu. */
  g_assert_null (nudge_test_find (GTK_WIDGET (view), NUDGE_TEST_ANY, is_shown_menu, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "list.row-menu", NULL));
  nudge_test_spin (100);
  popover = nudge_test_find (GTK_WIDGET (view), NUDGE_TEST_ANY, is_shown_menu, NULL);
  g_assert_nonnull (popover);
  menu = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
  g_assert_true (menu_has (menu, "_Open"));
  activate_menu_item (GTK_WIDGET (view), menu, "Plan _Next Step…");
  gtk_popover_popdown (GTK_POPOVER (popover));
  nudge_test_spin (100);
  answer_prompt (f, "_Tomorrow", f->deal, nudge_test_prague (2026, 3, 3, 9, 0));
}

static void
test_after_new_deal (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *parent = gtk_window_new ();
  NudgeRecordEditor *editor;
  gint64 id;

  gtk_window_present (GTK_WINDOW (parent));
  editor = nudge_record_editor_present (GTK_WINDOW (parent), nudge_test_context (f->book.store, NULL),
                                        NUDGE_ENTITY_DEAL, 0);
  nudge_record_editor_set_field (editor, "title", "Olomouc warehouse racks");
  nudge_record_editor_set_field (editor, "contact", "Jana Nováková");
  id = nudge_record_editor_save (editor);
  g_assert_cmpint (id, >, 0);
  nudge_test_spin (100);
  g_assert_nonnull (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG));
  g_assert_true (gtk_window_get_transient_for (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG)) == GTK_WINDOW (parent));
  answer_prompt (f, "In _3 Days", id, nudge_test_prague (2026, 3, 5, 9, 0));

  /* Editing it again asks nothing. */
  editor = nudge_record_editor_present (GTK_WINDOW (parent), nudge_test_context (f->book.store, NULL),
                                        NUDGE_ENTITY_DEAL, f->deal);
  g_assert_cmpint (nudge_record_editor_save (editor), ==, f->deal);
  nudge_test_spin (100);
  g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG));
}

static void
test_after_log_activity (Fixture       *f,
                         gconstpointer  data)
{
  NudgeRecordWindow *window;
  GtkWindow *log;
  gint64 call = add_followup (f, f->deal, "Call about the offer", nudge_test_prague (2026, 3, 2, 9, 0));
  gint64 other = add_deal (f, "Ostrava fit-out", NUDGE_DEAL_OPEN);

  /* Logging the call closes the follow-up that asked for it: the deal is
   * left with nothing planned, so the question follows. */
  window = nudge_record_window_present (NULL, nudge_test_context (f->book.store, NULL), NUDGE_ENTITY_DEAL, f->deal);
  g_assert_true (nudge_test_click_button (GTK_WIDGET (window), "_Log Activity"));
  nudge_test_spin (100);
  log = nudge_test_find_window_titled ("Log Activity");
  g_assert_nonnull (log);
  g_assert_true (nudge_test_click_button (GTK_WIDGET (log), "_Add"));
  nudge_test_spin (100);
  g_assert_null (nudge_test_find_window_titled ("Log Activity"));
  {
    g_autoptr(NudgeFollowup) done = nudge_store_get_followup (f->book.store, call, NULL);

    g_assert_cmpstr (nudge_followup_get_status (done), ==, "done");
  }
  g_assert_nonnull (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG));
  g_assert_true (gtk_window_get_transient_for (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG)) == GTK_WINDOW (window));
  answer_prompt (f, "In _3 Days", f->deal, nudge_test_prague (2026, 3, 5, 9, 0));

  /* With a next step still planned, logging asks nothing. */
  add_followup (f, other, "Send the quote", nudge_test_prague (2026, 3, 10, 9, 0));
  window = nudge_record_window_present (NULL, nudge_test_context (f->book.store, NULL), NUDGE_ENTITY_DEAL, other);
  g_assert_true (nudge_test_click_button (GTK_WIDGET (window), "_Log Activity"));
  nudge_test_spin (100);
  g_assert_true (nudge_test_click_button (GTK_WIDGET (nudge_test_find_window_titled ("Log Activity")), "_Add"));
  nudge_test_spin (100);
  g_assert_null (nudge_test_find_window_titled ("Log Activity"));
  g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG));
}

/* ---- Picking a date ---------------------------------------------------- */

/* The question after @done_id was done, over a window of its own. */
static NudgeNextStepDialog *
ask_after_done (Fixture *f,
                gint64   done_id)
{
  GtkWidget *parent = gtk_window_new ();
  NudgeNextStepDialog *dialog;

  gtk_window_present (GTK_WINDOW (parent));
  g_assert_true (nudge_followups_complete (f->book.store, done_id, 0, NULL));
  dialog = nudge_next_step_dialog_present (GTK_WINDOW (parent), nudge_test_context (f->book.store, NULL), done_id);
  g_assert_nonnull (dialog);
  nudge_test_spin (100);
  return dialog;
}

static void
pick_day (NudgeNextStepDialog *dialog,
          int                  month,
          int                  day)
{
  GtkCalendar *calendar = GTK_CALENDAR (nudge_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_CALENDAR));
  g_autoptr(GDateTime) date = g_date_time_new_local (2026, month, day, 12, 0, 0);

  gtk_calendar_select_day (calendar, date);
  g_signal_emit_by_name (calendar, "day-selected");
  nudge_test_spin (50);
}

/* "On the Date" starts from the app's today, and a day that would plan
 * a step already overdue cannot be answered: the dialog says why. */
static void
test_pick_date (Fixture       *f,
                gconstpointer  data)
{
  gint64 call = add_followup (f, f->deal, "Call Jana", nudge_test_prague (2026, 3, 2, 9, 0));
  NudgeNextStepDialog *dialog = ask_after_done (f, call);
  AdwMessageDialog *message = ADW_MESSAGE_DIALOG (dialog);
  GtkCalendar *calendar;
  GtkWidget *date_error;
  g_autoptr(GDateTime) shown = NULL;
  g_autoptr(GPtrArray) open = NULL;

  /* While the calendar is folded, "On the Date" unfolds it, plans
   * nothing and keeps the dialog open. */
  g_assert_true (adw_message_dialog_get_response_enabled (message, "date"));
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (nudge_test_find_widget (GTK_WIDGET (dialog),
                                                                                    GTK_TYPE_EXPANDER))));
  g_assert_true (nudge_test_click_button (GTK_WIDGET (dialog), "On the _Date"));
  nudge_test_spin (100);
  g_assert_true (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG) == GTK_WINDOW (dialog));
  g_assert_true (gtk_expander_get_expanded (GTK_EXPANDER (nudge_test_find_widget (GTK_WIDGET (dialog),
                                                                                   GTK_TYPE_EXPANDER))));
  open = nudge_store_list_followups (f->book.store, NUDGE_ENTITY_DEAL, f->deal, TRUE, NULL);
  g_assert_cmpuint (open->len, ==, 0);
  calendar = GTK_CALENDAR (nudge_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_CALENDAR));
  date_error = nudge_test_find_named (GTK_WIDGET (dialog), "date-error");
  g_assert_nonnull (calendar);
  g_assert_nonnull (date_error);

  /* The pinned Monday, not the day the test runs on. */
  shown = gtk_calendar_get_date (calendar);
  g_assert_cmpint (g_date_time_get_year (shown), ==, 2026);
  g_assert_cmpint (g_date_time_get_month (shown), ==, 3);
  g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 2);

  /* Today at 9:00, the time of the call, has passed at 10:00. */
  g_assert_false (adw_message_dialog_get_response_enabled (message, "date"));
  g_assert_true (gtk_widget_get_visible (date_error));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (date_error)), "The next step would be due today at "));

  /* The arrow keys go from today, not from the grid's top-left day: two
   * on is Wednesday 4 March, which can be answered; Enter goes on to the
   * dialog's default answer. */
  g_assert_true (nudge_test_press_key (GTK_WIDGET (calendar), GDK_KEY_Right, 0));
  g_assert_true (nudge_test_press_key (GTK_WIDGET (calendar), GDK_KEY_Right, 0));
  nudge_test_spin (50);
  g_assert_true (adw_message_dialog_get_response_enabled (message, "date"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (message), ==, "date");
  g_assert_false (nudge_test_press_key (GTK_WIDGET (calendar), GDK_KEY_Return, 0));

  pick_day (dialog, 2, 27);
  g_assert_false (adw_message_dialog_get_response_enabled (message, "date"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (date_error)), ==, "That day is in the past. Pick today or a later day.");
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (dialog), "That day is in the past. Pick today or a later day."));

  pick_day (dialog, 3, 4);
  g_assert_true (adw_message_dialog_get_response_enabled (message, "date"));
  g_assert_false (gtk_widget_get_visible (date_error));
  g_assert_cmpstr (adw_message_dialog_get_default_response (message), ==, "date");
  answer_prompt (f, "On the _Date", f->deal, nudge_test_prague (2026, 3, 4, 9, 0));
}

/* Escape (a close no button made) answers "No Next Step" and closes,
 * also while the calendar is folded. */
static void
test_escape (Fixture       *f,
             gconstpointer  data)
{
  gint64 call = add_followup (f, f->deal, "Call Jana", nudge_test_prague (2026, 3, 2, 9, 0));
  NudgeNextStepDialog *dialog = ask_after_done (f, call);
  g_autoptr(GPtrArray) open = NULL;

  gtk_window_close (GTK_WINDOW (dialog));
  nudge_test_spin (200);
  g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG));
  open = nudge_store_list_followups (f->book.store, NUDGE_ENTITY_DEAL, f->deal, TRUE, NULL);
  g_assert_cmpuint (open->len, ==, 0);
}

/* A step that cannot be saved is said in a dialog over the window, not
 * only logged: here the hour picked passed while the question was open. */
static void
test_save_failure (Fixture       *f,
                   gconstpointer  data)
{
  gint64 call = add_followup (f, f->deal, "Call Jana", nudge_test_prague (2026, 3, 2, 14, 0));
  NudgeNextStepDialog *dialog = ask_after_done (f, call);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  g_autoptr(GPtrArray) open = NULL;
  GtkWindow *error_dialog;

  gtk_expander_set_expanded (GTK_EXPANDER (nudge_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_EXPANDER)), TRUE);
  nudge_test_spin (50);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "date"));
  nudge_clock_pin (nudge_test_prague (2026, 3, 2, 15, 0));
  g_assert_true (nudge_test_click_button (GTK_WIDGET (dialog), "On the _Date"));
  nudge_test_spin (200);

  g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG));
  open = nudge_store_list_followups (f->book.store, NUDGE_ENTITY_DEAL, f->deal, TRUE, NULL);
  g_assert_cmpuint (open->len, ==, 0);
  error_dialog = nudge_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (error_dialog);
  g_assert_true (gtk_window_get_transient_for (error_dialog) == parent);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (error_dialog)), ==,
                   "Could Not Plan the Next Step");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (error_dialog)), ==,
                   "The next step would be due in the past; pick a later day");
}

/* ---- Done from a notification ------------------------------------------ */

static NotificationRecorder *recorder;

static RecordedCall *
last_notify (const char *summary_prefix)
{
  g_autoptr(GPtrArray) calls = notification_recorder_calls (recorder);

  for (guint i = calls->len; i > 0; i--)
    {
      RecordedCall *call = g_ptr_array_index (calls, i - 1);

      if (g_str_equal (call->method, "Notify") && g_str_has_prefix (call->summary, summary_prefix))
        {
          RecordedCall *copy = g_new0 (RecordedCall, 1);

          copy->method = g_strdup (call->method);
          copy->id = call->id;
          copy->summary = g_strdup (call->summary);
          copy->body = g_strdup (call->body);
          copy->actions = g_strdupv (call->actions);
          return copy;
        }
    }
  return NULL;
}

static void
spin_until_planned (Fixture *f,
                    gint64   deal_id)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (nudge_followups_needs_next_step (f->book.store, deal_id, 0))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
test_done_from_notification (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(NudgeApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeFollowup) next = NULL;
  RecordedCall *question;
  NudgeWindow *window;
  gint64 thursday_call, monday_call, pick_call;
  gint64 second = add_deal (f, "Ostrava fit-out", NUDGE_DEAL_OPEN);
  gint64 third = add_deal (f, "Plzeň showroom", NUDGE_DEAL_OPEN);

  /* Thursday 10:00: +3 days is Sunday, so Monday with weekends skipped. */
  nudge_clock_pin (nudge_test_prague (2026, 3, 5, 10, 0));
  thursday_call = add_followup (f, f->deal, "Call Jana about the offer", nudge_test_prague (2026, 3, 5, 10, 0));
  monday_call = add_followup (f, second, "Send the revised offer", nudge_test_prague (2026, 3, 5, 10, 0));
  pick_call = add_followup (f, third, "Book the site visit", nudge_test_prague (2026, 3, 5, 10, 0));

  /* The application as `nudge --background` runs it: registered, the
   * book and the reminders open, no window. */
  g_settings_set_boolean (settings, "skip-weekends", TRUE);
  g_setenv ("NUDGE_DB", f->book.path, TRUE);
  app = nudge_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (_nudge_application_ensure_store (app, &error));
  g_assert_no_error (error);

  /* The window closed (nudge --background): the question comes as a
   * notification with three buttons and a default action. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "followup-done", g_variant_new_int64 (thursday_call));
  nudge_test_spin (200);
  g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG));
  question = last_notify ("What is the next step");
  g_assert_nonnull (question);
  g_test_message ("Notify %s | %s", question->summary, question->body);
  g_assert_cmpstr (question->summary, ==, "What is the next step for Brno fleet tracking?");
  g_assert_nonnull (strstr (question->body, "Call Jana about the offer"));
  g_assert_cmpuint (g_strv_length (question->actions), ==, 8);
  g_assert_cmpstr (question->actions[0], ==, "default");
  g_assert_cmpstr (question->actions[1], ==, "Pick a date…");
  g_assert_cmpstr (question->actions[3], ==, "Tomorrow");
  g_assert_cmpstr (question->actions[5], ==, "In 3 days");
  g_assert_cmpstr (question->actions[7], ==, "In a week");
  g_assert_true (nudge_followups_needs_next_step (f->book.store, f->deal, 0));

  /* +3 days plans it, with no window, at the time of the one done. */
  notification_recorder_invoke (recorder, question->id, question->actions[4]);
  spin_until_planned (f, f->deal);
  next = only_open_followup (f, f->deal);
  g_assert_cmpint (nudge_followup_get_due_at (next), ==, nudge_test_prague (2026, 3, 9, 10, 0));
  g_assert_cmpstr (nudge_followup_get_title (next), ==, "Call Jana about the offer");
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  recorded_call_free (question);
  g_clear_object (&next);

  /* Weekends allowed: the same button lands on Sunday. */
  g_settings_set_boolean (settings, "skip-weekends", FALSE);
  g_action_group_activate_action (G_ACTION_GROUP (app), "followup-done", g_variant_new_int64 (monday_call));
  nudge_test_spin (200);
  question = last_notify ("What is the next step for Ostrava");
  g_assert_nonnull (question);
  notification_recorder_invoke (recorder, question->id, "next-3");
  spin_until_planned (f, second);
  next = only_open_followup (f, second);
  g_assert_cmpint (nudge_followup_get_due_at (next), ==, nudge_test_prague (2026, 3, 8, 10, 0));
  recorded_call_free (question);
  g_clear_object (&next);
  g_settings_set_boolean (settings, "skip-weekends", TRUE);

  /* Planned elsewhere (here: in the book the app has open) before the
   * question was answered: the question goes away. */
  {
    gint64 fourth = add_deal (f, "Zlín kiosks", NUDGE_DEAL_OPEN);
    gint64 kiosk_call = add_followup (f, fourth, "Call about the kiosks", nudge_test_prague (2026, 3, 5, 10, 0));
    g_autoptr(GPtrArray) calls = NULL;
    gboolean closed = FALSE;

    g_action_group_activate_action (G_ACTION_GROUP (app), "followup-done", g_variant_new_int64 (kiosk_call));
    nudge_test_spin (200);
    question = last_notify ("What is the next step for Zlín");
    g_assert_nonnull (question);
    g_assert_cmpint (nudge_followups_plan_next_step (nudge_application_get_store (app), fourth, 0,
                                                     &(NudgeNextStepPlan) { NUDGE_NEXT_STEP_1_WEEK, 0, TRUE, 540, NULL, NULL },
                                                     &error), >, 0);
    g_assert_no_error (error);
    nudge_test_spin (200);
    calls = notification_recorder_calls (recorder);
    for (guint i = 0; i < calls->len; i++)
      {
        RecordedCall *call = g_ptr_array_index (calls, i);

        closed |= g_str_equal (call->method, "CloseNotification") && call->id == question->id;
      }
    g_assert_true (closed);
    recorded_call_free (question);
  }

  /* The window open: the prompt comes up on it, no notification. */
  window = NUDGE_WINDOW (nudge_application_present_main_window (app, NULL));
  nudge_test_spin (300);
  {
    guint before = notification_recorder_count (recorder, "Notify");
    NudgeNextStepDialog *dialog;

    g_action_group_activate_action (G_ACTION_GROUP (app), "followup-done", g_variant_new_int64 (pick_call));
    nudge_test_spin (200);
    dialog = (NudgeNextStepDialog *) nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG);
    g_assert_nonnull (dialog);
    g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
    g_assert_null (last_notify ("What is the next step for Plzeň"));
    g_assert_cmpuint (notification_recorder_count (recorder, "Notify"), ==, before);
    answer_prompt (f, "_Tomorrow", third, nudge_test_prague (2026, 3, 6, 10, 0));

    /* As in Today: a toast names it, and its Undo leaves the deal with
     * the follow-up it had, not that and the step. */
    g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (window), "“Book the site visit” done"));
    g_assert_true (nudge_test_click_button (GTK_WIDGET (window), "_Undo"));
    nudge_test_spin (400);
    {
      g_autoptr(NudgeFollowup) only = only_open_followup (f, third);

      g_assert_cmpint (nudge_followup_get_id (only), ==, pick_call);
    }
  }
  gtk_window_destroy (GTK_WINDOW (window));
  nudge_test_spin (100);

  /* Pick a date… on a question opens the app with the prompt. */
  {
    g_autoptr(NudgeFollowup) again = only_open_followup (f, third);
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    g_action_group_activate_action (G_ACTION_GROUP (app), "followup-done",
                                    g_variant_new_int64 (nudge_followup_get_id (again)));
    nudge_test_spin (200);
    question = last_notify ("What is the next step for Plzeň");
    g_assert_nonnull (question);
    g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG));
    g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
    notification_recorder_invoke (recorder, question->id, "default");
    while (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG) == NULL)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
    g_assert_true (NUDGE_IS_WINDOW (gtk_window_get_transient_for (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG))));
    /* The notification said "Pick a date…": the calendar is open. */
    g_assert_true (gtk_expander_get_expanded (GTK_EXPANDER (nudge_test_find_widget (
      GTK_WIDGET (nudge_test_find_toplevel (NUDGE_TYPE_NEXT_STEP_DIALOG)), GTK_TYPE_EXPANDER))));
    recorded_call_free (question);
    answer_prompt (f, "In a _Week", third, nudge_test_prague (2026, 3, 12, 10, 0));
  }
  {
    GList *windows;

    while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
      gtk_window_destroy (windows->data);
  }
  /* Nothing of it runs on after the book is gone. */
  _nudge_application_stop_services (app);
  g_unsetenv ("NUDGE_DB");
}

int
main (int argc, char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "record-row", NUDGE_TEST_FUNC (test_record_row) },
    { "record-done", NUDGE_TEST_FUNC (test_record_done) },
    { "closed-deals-not-flagged", NUDGE_TEST_FUNC (test_closed_not_flagged) },
    { "card-menu", NUDGE_TEST_FUNC (test_card_menu) },
    { "list-menu", NUDGE_TEST_FUNC (test_list_menu) },
    { "after-new-deal", NUDGE_TEST_FUNC (test_after_new_deal) },
    { "after-log-activity", NUDGE_TEST_FUNC (test_after_log_activity) },
    { "done-from-notification", NUDGE_TEST_FUNC (test_done_from_notification) },
    { "pick-date", NUDGE_TEST_FUNC (test_pick_date) },
    { "escape", NUDGE_TEST_FUNC (test_escape) },
    { "save-failure", NUDGE_TEST_FUNC (test_save_failure) },
  };

  int status;

  /* A private bus with the recording notification server, which
   * libnotify reaches on its own path, not the portal's. */
  bus = dbus_recorder_notify_bus (FALSE);
  recorder = notification_recorder_start (g_test_dbus_get_bus_address (bus));

  nudge_test_ui_init (&argc, &argv, "C");

  nudge_test_add_table ("/ui/next-step/", Fixture, fixture_set_up, nudge_test_window_tear_down, cases);
  status = g_test_run ();

  if (notify_is_initted ())
    notify_uninit ();
  notification_recorder_stop (recorder);
  dbus_recorder_private_bus_stop (bus);
  return status;
}
