/* test-ui-pipeline.c — the Pipeline board in the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "nudge-clock.h"
#include "nudge-currency.h"
#include "nudge-date-time-entry.h"
#include "nudge-deal-card.h"
#include "nudge-format.h"
#include "nudge-pipeline-view.h"
#include "nudge-preferences-window.h"
#include "nudge-record-picker.h"
#include "nudge-required-fields-dialog.h"
#include "nudge-store.h"
#include "nudge-test-core.h"
#include "nudge-test-notify.h"
#include "nudge-window.h"
#include "nudge-test-ui.h"
#include "nudge-worker.h"

typedef struct
{
  NudgeTestBook      book;
  NudgeWindow       *window;
  NudgePipelineView *view;
  gint64             lead_in;
  gint64             contact_made;
  gint64             proposal;
  gint64             lost;
  gint64             hotel;     /* Lead in, with an amount */
  gint64             fleet;     /* Lead in, no amount */
} Fixture;

static gboolean
has_class (GtkWidget     *widget,
           gconstpointer  css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

static gint64
add_deal (Fixture    *f,
          const char *title,
          gint64      amount_minor)
{
  return nudge_test_add_deal (f->book.store, "title", title, "stage-id", f->lead_in,
                              "has-amount", amount_minor > 0, "amount-minor", amount_minor, NULL);
}

static gboolean
column_has (Fixture *f,
            gint64   stage,
            gint64   deal_id)
{
  GListModel *model = nudge_pipeline_view_get_column_model (f->view, stage);
  guint n;

  g_assert_nonnull (model);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NudgeDeal) deal = g_list_model_get_item (model, i);

      if (nudge_deal_get_id (deal) == deal_id)
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  GtkWidget  *window;
  const char *title;
} ToastWait;

/* The first toast drawn (one on its way out included), or NULL. */
static AdwToast *
first_toast (GtkWidget *window)
{
  GtkWidget *widget = nudge_test_find (window, NUDGE_TEST_MAPPED, nudge_test_is_of_type,
                                       GSIZE_TO_POINTER (g_type_from_name ("AdwToastWidget")));
  AdwToast *toast = NULL;

  if (widget != NULL)
    g_object_get (widget, "toast", &toast, NULL);
  return toast;
}

static gboolean
other_toast_shown (gpointer data)
{
  ToastWait *wait = data;
  g_autoptr(AdwToast) toast = first_toast (wait->window);

  return toast == NULL || g_strcmp0 (adw_toast_get_title (toast), wait->title) != 0;
}

/* The toast titled @title (a new reference), once it is the one drawn:
 * a toast dismissed just after it showed slides in first, then out. */
static AdwToast *
shown_toast (Fixture    *f,
             const char *title)
{
  ToastWait wait = { GTK_WIDGET (f->window), title };
  AdwToast *toast;

  nudge_test_spin_while (other_toast_shown, &wait, 3000);
  toast = first_toast (wait.window);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, title);
  return toast;
}

static void
assert_stage (Fixture *f,
              gint64   deal_id,
              gint64   stage)
{
  g_autoptr(NudgeDeal) deal = nudge_test_get_deal (f->book.store, deal_id);

  g_assert_cmpint (nudge_deal_get_stage_id (deal), ==, stage);
  g_assert_true (column_has (f, stage, deal_id));
}

static void
move (Fixture *f,
      gint64   deal_id,
      gint64   stage)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "board.move-deal", "(xx)", deal_id, stage));
  nudge_test_spin (100);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  nudge_test_book_open_at (&f->book, "ui-pipeline", 1772442000); /* 2026-03-02 10:00 in Prague */

  f->lead_in = nudge_test_stage_id (f->book.store, "Lead in");
  f->contact_made = nudge_test_stage_id (f->book.store, "Contact made");
  f->proposal = nudge_test_stage_id (f->book.store, "Proposal sent");
  f->lost = nudge_test_stage_id (f->book.store, "Lost");
  f->hotel = add_deal (f, "Hotel Praha renovation", 12500000);
  f->fleet = add_deal (f, "Brno fleet tracking", 0);

  f->window = nudge_test_window_new (f->book.store, "pipeline", 1400, 800);
  f->view = NUDGE_PIPELINE_VIEW (nudge_test_find_widget (GTK_WIDGET (f->window), NUDGE_TYPE_PIPELINE_VIEW));
  g_assert_nonnull (f->view);
  g_assert_cmpstr (nudge_window_get_view (f->window), ==, "pipeline");
  nudge_test_set_busy_check ((NudgeTestBusyFunc) nudge_pipeline_view_is_busy, f->view);
  nudge_test_spin (300);
}

static void
test_board (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *summary = NULL;
  g_autofree char *total = NULL;

  g_assert_true (column_has (f, f->lead_in, f->hotel));
  g_assert_true (column_has (f, f->lead_in, f->fleet));
  g_assert_cmpuint (g_list_model_get_n_items (nudge_pipeline_view_get_column_model (f->view, f->contact_made)), ==, 0);

  /* No next step sorts first; cards exist for both deals. */
  g_assert_nonnull (nudge_pipeline_view_get_card (f->view, f->hotel));

  /* The card's menu is built when opened and offers every other stage. */
  {
    GtkWidget *card = nudge_pipeline_view_get_card (f->view, f->hotel);
    GtkWidget *button = nudge_test_find_named (card, "card-menu");
    GtkWidget *popover;
    GMenuModel *menu, *move_to, *stages;

    g_assert_nonnull (button);
    g_assert_true (gtk_widget_is_sensitive (button));
    g_signal_emit_by_name (button, "clicked");
    nudge_test_spin (100);
    popover = nudge_test_find_widget (card, GTK_TYPE_POPOVER_MENU);
    g_assert_nonnull (popover);
    g_assert_true (gtk_widget_get_visible (popover));
    menu = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
    move_to = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SUBMENU);
    stages = g_menu_model_get_item_link (move_to, 0, G_MENU_LINK_SECTION);
    g_assert_cmpint (g_menu_model_get_n_items (stages), ==, 4);   /* open stages but Lead in */
    gtk_popover_popdown (GTK_POPOVER (popover));
    g_object_unref (stages);
    g_object_unref (move_to);
  }
  summary = nudge_pipeline_view_get_summary (f->view);
  total = nudge_format_money_whole (12500000, "CZK");
  g_assert_nonnull (strstr (summary, "2 open deals"));
  g_assert_nonnull (strstr (summary, total));
  g_assert_nonnull (strstr (summary, "\nWeighted forecast "));
}

static void
test_move_action (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(NudgeDeal) deal = NULL;
  GtkWidget *card;

  nudge_clock_pin (1772442000 + 3600);
  move (f, f->hotel, f->contact_made);

  deal = nudge_test_get_deal (f->book.store, f->hotel);
  g_assert_cmpint (nudge_deal_get_stage_id (deal), ==, f->contact_made);
  g_assert_cmpint (nudge_deal_get_stage_entered_at (deal), ==, 1772442000 + 3600);
  g_assert_false (column_has (f, f->lead_in, f->hotel));
  g_assert_true (column_has (f, f->contact_made, f->hotel));

  /* The card stays visible and focused in its new column. */
  card = nudge_pipeline_view_get_card (f->view, f->hotel);
  g_assert_nonnull (card);
  g_assert_true (gtk_widget_is_drawable (card));
  g_assert_true (gtk_widget_is_focus (gtk_widget_get_parent (card)));

  /* The Menu key and Shift+F10 open the focused card's menu. */
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (nudge_test_press_shortcut (GTK_WIDGET (f->view), i == 0 ? "Menu" : "<Shift>F10"));
      nudge_test_spin (100);
      g_assert_true (gtk_widget_get_visible (nudge_test_find_widget (card, GTK_TYPE_POPOVER_MENU)));
      gtk_popover_popdown (GTK_POPOVER (nudge_test_find_widget (card, GTK_TYPE_POPOVER_MENU)));
      g_assert_true (gtk_widget_grab_focus (gtk_widget_get_parent (card)));
    }

  /* Keyboard: Alt+→ on the focused card moves to the next stage. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "board.move-step", "i", 1));
  nudge_test_spin (100);
  g_clear_object (&deal);
  deal = nudge_test_get_deal (f->book.store, f->hotel);
  g_assert_cmpstr (nudge_deal_get_stage_name (deal), ==, "Needs analysis");

  /* Undo puts it back where it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "board.undo-move", NULL));
  nudge_test_spin (100);
  assert_stage (f, f->hotel, f->contact_made);

  /* From the last open stage the keys do not close it: they say how. */
  {
    gint64 negotiation = nudge_test_stage_id (f->book.store, "Negotiation");
    g_autoptr(GError) error = NULL;
    g_autoptr(AdwToast) toast = NULL;

    g_assert_true (nudge_store_move_deal_to_stage (f->book.store, f->hotel, negotiation, &error));
    nudge_test_spin (300);
    card = nudge_pipeline_view_get_card (f->view, f->hotel);
    g_assert_true (gtk_widget_grab_focus (gtk_widget_get_parent (card)));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "board.move-step", "i", 1));
    nudge_test_spin (1000);
    assert_stage (f, f->hotel, negotiation);
    toast = shown_toast (f, "“Hotel Praha renovation” is in the last stage: to close it, "
                            "choose Won or Lost in its Move to… menu");
  }
}

/* The selected deal is a property: a click on a card and a move select
 * it, each change announced once. */
static void
test_selected_deal (Fixture       *f,
                    gconstpointer  data)
{
  guint notified = 0;
  gint64 selected = -1;
  GtkWidget *card;

  g_assert_cmpint (nudge_view_get_selected_deal (NUDGE_VIEW (f->view)), ==, 0);
  nudge_test_count_notify (f->view, "selected-deal", &notified);

  card = nudge_pipeline_view_get_card (f->view, f->fleet);
  g_assert_nonnull (card);
  g_assert_true (gtk_widget_activate_action (card, "listitem.select", "(bb)", FALSE, FALSE));
  g_assert_cmpint (nudge_view_get_selected_deal (NUDGE_VIEW (f->view)), ==, f->fleet);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (gtk_widget_activate_action (card, "listitem.select", "(bb)", FALSE, FALSE));
  g_assert_cmpuint (notified, ==, 1);

  /* A moved deal is selected in its new column */
  move (f, f->hotel, f->contact_made);
  g_object_get (f->view, "selected-deal", &selected, NULL);
  g_assert_cmpint (selected, ==, f->hotel);
  g_assert_cmpuint (notified, ==, 2);
}

typedef struct
{
  GtkWidget *card;
  GtkWidget *board;
} CardShown;

static gboolean
card_not_shown (gpointer data)
{
  CardShown *shown = data;
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (shown->card, shown->board, &bounds))
    return TRUE;
  return bounds.origin.x < 0 || bounds.origin.x + bounds.size.width > gtk_widget_get_width (shown->board);
}

/* A narrow window shows the first columns; a card focused in the last
 * one (as Tab or a move puts it there) is scrolled into view. */
/* Where @widget is drawn within @view: its top and bottom */
static void
vertical_span (GtkWidget *widget,
               GtkWidget *view,
               double    *top,
               double    *bottom)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, view, &bounds));
  *top = bounds.origin.y;
  *bottom = bounds.origin.y + bounds.size.height;
}

typedef struct
{
  GtkWidget *view;
  gboolean   stacked;      /* what is waited for */
} Toolbar;

/* Whether the "Rotting" toggle is not yet where @data waits for it:
 * under the search (stacked) or beside it. */
static gboolean
toolbar_moving (gpointer data)
{
  Toolbar *t = data;
  GtkWidget *search = nudge_test_find (t->view, NUDGE_TEST_MAPPED, nudge_test_is_of_type,
                                       GSIZE_TO_POINTER (GTK_TYPE_SEARCH_ENTRY));
  GtkWidget *rotting = nudge_test_find_button (t->view, "_Rotting");
  double search_top, search_bottom, rotting_top, rotting_bottom;

  if (search == NULL || rotting == NULL)
    return TRUE;
  vertical_span (search, t->view, &search_top, &search_bottom);
  vertical_span (rotting, t->view, &rotting_top, &rotting_bottom);
  return search_bottom - search_top < 20 || (rotting_top >= search_bottom) != t->stacked;
}

/* A narrow window puts the toggles under the search; a wide one beside it */
static void
test_narrow_toolbar (Fixture       *f,
                     gconstpointer  data)
{
  Toolbar t = { GTK_WIDGET (f->view), TRUE };
  GtkWidget *search;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 480, 700);
  g_assert_true (nudge_test_spin_while (toolbar_moving, &t, 5000));
  /* Nothing of the toolbar is out of the window */
  search = nudge_test_find (t.view, NUDGE_TEST_MAPPED, nudge_test_is_of_type, GSIZE_TO_POINTER (GTK_TYPE_SEARCH_ENTRY));
  g_assert_cmpint (gtk_widget_get_width (search) + 24, <=, gtk_widget_get_width (t.view));

  t.stacked = FALSE;
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 800);
  g_assert_true (nudge_test_spin_while (toolbar_moving, &t, 5000));
}

static gboolean
has_css_class (GtkWidget     *widget,
               gconstpointer  css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

static void
test_focus_scrolls (Fixture       *f,
                    gconstpointer  data)
{
  GtkScrolledWindow *board;
  GtkAdjustment *hadjustment;
  GtkWidget *card;
  graphene_rect_t bounds;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 700, 700);
  nudge_test_spin (200);
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (nudge_store_move_deal_to_stage (f->book.store, f->fleet, f->proposal, &error));
    g_assert_no_error (error);
  }
  nudge_test_spin (300);
  g_assert_true (column_has (f, f->proposal, f->fleet));
  board = GTK_SCROLLED_WINDOW (nudge_test_find (GTK_WIDGET (f->view), NUDGE_TEST_ANY, has_css_class,
                                                 "pipeline-board-scroller"));
  g_assert_nonnull (board);
  hadjustment = gtk_scrolled_window_get_hadjustment (board);
  /* The board is wider than the window and says so with a scrollbar */
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), >, gtk_adjustment_get_page_size (hadjustment));
  g_assert_false (gtk_scrolled_window_get_overlay_scrolling (board));

  /* Back to the first column, then the focus moves to the far card */
  card = nudge_pipeline_view_get_card (f->view, f->hotel);
  g_assert_nonnull (card);
  gtk_widget_grab_focus (gtk_widget_get_parent (card));
  gtk_adjustment_set_value (hadjustment, 0);
  nudge_test_spin (200);
  g_assert_cmpfloat (gtk_adjustment_get_value (hadjustment), ==, 0);
  card = nudge_pipeline_view_get_card (f->view, f->fleet);
  g_assert_nonnull (card);
  g_assert_true (gtk_widget_compute_bounds (card, GTK_WIDGET (board), &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, gtk_adjustment_get_page_size (hadjustment));
  gtk_widget_grab_focus (gtk_widget_get_parent (card));
  /* The board may scroll over a few frames (a loaded machine draws few) */
  {
    CardShown shown = { card, GTK_WIDGET (board) };

    g_assert_true (nudge_test_spin_while (card_not_shown, &shown, 3000));
  }
  g_assert_cmpfloat (gtk_adjustment_get_value (hadjustment), >, 0);
  g_assert_true (gtk_widget_compute_bounds (card, GTK_WIDGET (board), &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (board)));
}

/* GTK 4 cannot synthesise a pointer drag between widgets (GdkDrop is not
 * constructible), so the drop target's own "drop" handler is driven with
 * the value a card's drag source provides. */
static void
test_drop (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(NudgeDeal) deal = NULL;
  g_autoptr(GListModel) controllers = NULL;
  GtkWidget *list = NULL;
  GtkWidget *column = NULL;
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  /* The Contact made column: the second column of the board. */
  list = nudge_test_find (GTK_WIDGET (f->view), NUDGE_TEST_ANY, has_class, "pipeline-board");
  g_assert_nonnull (list);
  column = gtk_widget_get_next_sibling (gtk_widget_get_first_child (list));
  g_assert_true (gtk_widget_has_css_class (column, "pipeline-column"));
  controllers = gtk_widget_observe_controllers (column);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, f->fleet);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  nudge_test_spin (100);

  g_assert_true (accepted);
  assert_stage (f, f->fleet, f->contact_made);
}

static void
test_required_fields (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(NudgeDeal) deal = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *amount;

  /* Cancel leaves the deal where it was. */
  move (f, f->fleet, f->proposal);
  dialog = nudge_test_wait_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (nudge_test_find_named (GTK_WIDGET (dialog), "amount"));
  g_assert_null (nudge_test_find_named (GTK_WIDGET (dialog), "contact"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "move"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  nudge_test_spin (100);
  assert_stage (f, f->fleet, f->lead_in);

  /* Filled: moved, with the amount stored. */
  move (f, f->fleet, f->proposal);
  dialog = nudge_test_wait_message_dialog ();
  g_assert_nonnull (dialog);
  amount = nudge_test_find_named (GTK_WIDGET (dialog), "amount");
  gtk_editable_set_text (GTK_EDITABLE (amount), "abc");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "move"));
  gtk_editable_set_text (GTK_EDITABLE (amount), "1500");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "move"));
  adw_message_dialog_response (dialog, "move");
  gtk_window_destroy (GTK_WINDOW (dialog));
  nudge_test_spin (100);
  g_clear_object (&deal);
  deal = nudge_test_get_deal (f->book.store, f->fleet);
  g_assert_cmpint (nudge_deal_get_stage_id (deal), ==, f->proposal);
  g_assert_true (nudge_deal_get_has_amount (deal));
  g_assert_cmpint (nudge_deal_get_amount_minor (deal), ==, 150000);
  g_assert_true (column_has (f, f->proposal, f->fleet));
}

static void
filled_cb (NudgeDeal *filled,
           gpointer   user_data)
{
  NudgeDeal **out = user_data;

  if (filled != NULL)
    *out = g_object_ref (filled);
}

/* An expected close date asked for on the way into a stage: the shared
 * date field, date only; Move waits for a date, with the reason. */
static void
test_required_close_date (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(NudgeDeal) deal = nudge_test_get_deal (f->book.store, f->hotel);
  g_autoptr(NudgeStage) stage = nudge_store_find_stage (f->book.store, 0, "Proposal sent", NULL);
  g_autoptr(NudgeDeal) filled = NULL;
  AdwMessageDialog *dialog;
  NudgeDateTimeEntry *close;
  GtkWidget *reason;

  dialog = ADW_MESSAGE_DIALOG (nudge_required_fields_dialog_present (GTK_WINDOW (f->window), nudge_test_context (f->book.store, NULL), deal, stage,
                                                                     NUDGE_REQUIRED_EXPECTED_CLOSE,
                                                                     filled_cb, &filled, NULL));
  nudge_test_spin (50);
  close = NUDGE_DATE_TIME_ENTRY (nudge_test_find_named (GTK_WIDGET (dialog), "expected-close"));
  reason = nudge_test_find_named (GTK_WIDGET (dialog), "reason");
  g_assert_nonnull (close);
  g_assert_false (nudge_date_time_entry_get_show_time (close));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "move"));
  g_assert_true (gtk_widget_get_visible (reason));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (reason)), "Type a date"));

  nudge_date_time_entry_set_text (close, "2026-02-30", NULL);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "move"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (reason)), "“2026-02-30” is not a date"));

  nudge_date_time_entry_set_text (close, "2026-04-30", NULL);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "move"));
  g_assert_false (gtk_widget_get_visible (reason));
  adw_message_dialog_response (dialog, "move");
  gtk_window_destroy (GTK_WINDOW (dialog));
  nudge_test_spin (50);
  g_assert_nonnull (filled);
  g_assert_cmpstr (nudge_deal_get_expected_close (filled), ==, "2026-04-30");
}

/* A contact asked for on the way into a stage is found by its name:
 * only contacts are offered (a deal of the same name is not), Move waits
 * for one to be chosen. */
static void
test_required_contact (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(NudgeDeal) deal = nudge_test_get_deal (f->book.store, f->hotel);
  g_autoptr(NudgeStage) stage = nudge_store_find_stage (f->book.store, 0, "Proposal sent", NULL);
  g_autoptr(NudgeContact) contact = nudge_contact_new ();
  g_autoptr(NudgeDeal) filled = NULL;
  g_autoptr(GError) error = NULL;
  NudgeRecordPicker *picker;
  AdwMessageDialog *dialog;
  gint64 contact_id;

  g_object_set (contact, "name", "Zdeňka Horáková", NULL);
  contact_id = nudge_store_save_contact (f->book.store, contact, &error);
  g_assert_no_error (error);
  nudge_test_add_deal (f->book.store, "title", "Horáková kitchens", NULL);

  dialog = ADW_MESSAGE_DIALOG (nudge_required_fields_dialog_present (GTK_WINDOW (f->window),
                                                                     nudge_test_context (f->book.store, NULL),
                                                                     deal, stage, NUDGE_REQUIRED_CONTACT,
                                                                     filled_cb, &filled, NULL));
  nudge_test_spin (50);
  picker = NUDGE_RECORD_PICKER (nudge_test_find_named (GTK_WIDGET (dialog), "contact"));
  g_assert_nonnull (picker);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "move"));
  g_assert_true (gtk_widget_get_visible (nudge_test_find_named (GTK_WIDGET (dialog), "reason")));

  nudge_record_picker_set_text (picker, "horakova");
  g_assert_true (nudge_test_spin_while ((NudgeTestBusyFunc) nudge_record_picker_is_busy, picker, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (nudge_record_picker_get_matches (picker)), ==, 1);
  nudge_record_picker_pick (picker, 0);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "move"));
  adw_message_dialog_response (dialog, "move");
  gtk_window_destroy (GTK_WINDOW (dialog));
  nudge_test_spin (50);
  g_assert_nonnull (filled);
  g_assert_cmpint (nudge_deal_get_contact_id (filled), ==, contact_id);
}

static void
test_lost_reason (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *history = NULL;
  g_autoptr(NudgeDeal) deal = NULL;
  g_auto(GStrv) reasons = nudge_store_list_lost_reasons (f->book.store);
  g_autofree char *expected = NULL;
  g_autofree char *open_sql = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *toggle;

  /* Its one open follow-up is offered to go with it, and comes back
   * with Undo. */
  nudge_test_add_followup (f->book.store, f->hotel, "Send the proposal", 1772442000 + 3600, NULL);
  open_sql = g_strdup_printf ("SELECT COUNT(*) FROM followup WHERE status = 'open' AND deal_id = %" G_GINT64_FORMAT,
                              f->hotel);
  move (f, f->hotel, f->lost);
  dialog = nudge_test_wait_message_dialog ();
  g_assert_nonnull (dialog);
  toggle = nudge_test_find_named (GTK_WIDGET (dialog), "cancel-followups");
  g_assert_nonnull (toggle);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_nonnull (nudge_test_find_row (GTK_WIDGET (dialog), "Cancel 1 open follow-up"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (nudge_test_find_named (GTK_WIDGET (dialog), "reason")), 1);
  gtk_editable_set_text (GTK_EDITABLE (nudge_test_find_named (GTK_WIDGET (dialog), "details")), "went with the cheaper offer");
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  nudge_test_spin (100);

  deal = nudge_test_get_deal (f->book.store, f->hotel);
  expected = g_strdup_printf ("%s — went with the cheaper offer", reasons[1]);
  g_assert_cmpint (nudge_deal_get_status (deal), ==, NUDGE_DEAL_LOST);
  g_assert_cmpstr (nudge_deal_get_lost_reason (deal), ==, expected);
  g_assert_cmpint (nudge_deal_get_closed_at (deal), ==, 1772442000);
  /* It left the board (the Lost column shows closed deals only on demand). */
  g_assert_false (column_has (f, f->lead_in, f->hotel));
  g_assert_false (column_has (f, f->lost, f->hotel));
  g_assert_cmpint (nudge_test_sql_int (f->book.path, open_sql), ==, 0);

  /* Undo reopens it in its old stage, and its stage history does not
   * keep the move there and back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "board.undo-move", NULL));
  nudge_test_spin (100);
  g_clear_object (&deal);
  deal = nudge_test_get_deal (f->book.store, f->hotel);
  g_assert_cmpint (nudge_deal_get_status (deal), ==, NUDGE_DEAL_OPEN);
  g_assert_cmpint (nudge_deal_get_stage_id (deal), ==, f->lead_in);
  g_assert_cmpint (nudge_deal_get_closed_at (deal), ==, 0);
  g_assert_true (column_has (f, f->lead_in, f->hotel));
  history = g_strdup_printf ("SELECT COUNT(*) FROM stage_change WHERE deal_id = %" G_GINT64_FORMAT, f->hotel);
  g_assert_cmpint (nudge_test_sql_int (f->book.path, history), ==, 1);
  g_assert_cmpint (nudge_test_sql_int (f->book.path, open_sql), ==, 1);
}

/* Each move's toast undoes its own move: the toast of the first of two
 * moves, back once the second's is closed, moves back the first deal
 * (it moved back the second). */
static void
test_undo_first_toast (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(AdwToast) toast = NULL;

  move (f, f->hotel, f->contact_made);
  nudge_test_spin (400);
  move (f, f->fleet, f->contact_made);
  nudge_test_spin (400);
  toast = shown_toast (f, "“Brno fleet tracking” moved to Contact made");
  adw_toast_dismiss (toast);
  g_clear_object (&toast);
  nudge_test_spin (500);

  toast = shown_toast (f, "“Hotel Praha renovation” moved to Contact made");
  g_assert_true (nudge_test_click_button (GTK_WIDGET (f->window), "_Undo"));
  nudge_test_spin (100);
  assert_stage (f, f->hotel, f->lead_in);
  assert_stage (f, f->fleet, f->contact_made);

  /* The closed toast took its Undo with it: nothing is left to undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "board.undo-move", NULL));
  nudge_test_spin (100);
  assert_stage (f, f->hotel, f->lead_in);
  assert_stage (f, f->fleet, f->contact_made);
}

/* Undo on one toast, then on the next: both moves go back, each its own
 * deal; board.undo-move takes the latest move not undone yet. */
static void
test_undo_each_toast (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(AdwToast) toast = NULL;
  gint64 analysis = nudge_test_stage_id (f->book.store, "Needs analysis");

  /* Each toast that gives way slides out before it can come back
   * (libadwaita 1.2 asserts it has). */
  move (f, f->hotel, f->contact_made);
  nudge_test_spin (400);
  move (f, f->fleet, f->contact_made);
  nudge_test_spin (400);
  move (f, f->hotel, analysis);
  nudge_test_spin (400);

  /* The latest: the hotel goes back to Contact made, its toast goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "board.undo-move", NULL));
  nudge_test_spin (500);
  assert_stage (f, f->hotel, f->contact_made);
  assert_stage (f, f->fleet, f->contact_made);

  toast = shown_toast (f, "“Brno fleet tracking” moved to Contact made");
  g_assert_true (nudge_test_click_button (GTK_WIDGET (f->window), "_Undo"));
  g_clear_object (&toast);
  nudge_test_spin (500);
  assert_stage (f, f->fleet, f->lead_in);
  assert_stage (f, f->hotel, f->contact_made);

  toast = shown_toast (f, "“Hotel Praha renovation” moved to Contact made");
  g_assert_true (nudge_test_click_button (GTK_WIDGET (f->window), "_Undo"));
  nudge_test_spin (100);
  assert_stage (f, f->hotel, f->lead_in);
  assert_stage (f, f->fleet, f->lead_in);
}

static guint
count_cards (GtkWidget *widget)
{
  guint n = NUDGE_IS_DEAL_CARD (widget) ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    n += count_cards (c);
  return n;
}

typedef struct
{
  gint64 deal;
  gint64 stage;
} MoveJob;

static gboolean
move_job (NudgeStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  MoveJob *job = data;

  return nudge_store_move_deal_to_stage (store, job->deal, job->stage, error);
}

/* The deals are read by a worker; a big column builds the cards near the
 * screen first; another connection's writes show on the board. */
static void
test_worker_fill (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *window;
  NudgePipelineView *view;
  MoveJob job = { f->hotel, f->proposal };
  guint cards;

  g_assert_true (nudge_store_begin (f->book.store, &error));
  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *title = g_strdup_printf ("Bulk deal %u", i);

      add_deal (f, title, 100000);
    }
  g_assert_true (nudge_store_commit (f->book.store, &error));
  g_assert_no_error (error);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 800);
  view = NUDGE_PIPELINE_VIEW (nudge_pipeline_view_new (nudge_test_context (f->book.store, NULL)));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  /* Nothing was read on the main loop */
  g_assert_true (nudge_pipeline_view_is_busy (view));
  g_assert_cmpuint (g_list_model_get_n_items (nudge_pipeline_view_get_column_model (view, f->lead_in)), ==, 0);

  nudge_test_set_busy_check ((NudgeTestBusyFunc) nudge_pipeline_view_is_busy, view);
  nudge_test_spin (100);
  g_assert_false (nudge_pipeline_view_is_busy (view));
  g_assert_cmpuint (g_list_model_get_n_items (nudge_pipeline_view_get_column_model (view, f->lead_in)), ==, 152);
  summary = nudge_pipeline_view_get_summary (view);
  g_assert_nonnull (strstr (summary, "152 open deals"));
  /* Cards for what is near the screen, not for all 152 */
  cards = count_cards (GTK_WIDGET (view));
  g_assert_cmpuint (cards, >, 0);
  g_assert_cmpuint (cards, <, 100);

  /* A worker's connection moves a deal: the board follows */
  g_assert_true (nudge_worker_run_sync (f->book.store, move_job, &job, &error));
  g_assert_no_error (error);
  nudge_test_spin (50);
  g_assert_true (column_has (f, f->proposal, f->hotel));
  g_assert_false (column_has (f, f->lead_in, f->hotel));
  {
    GListModel *model = nudge_pipeline_view_get_column_model (view, f->proposal);
    g_autoptr(NudgeDeal) moved = g_list_model_get_item (model, 0);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    g_assert_cmpint (nudge_deal_get_id (moved), ==, f->hotel);
  }

  nudge_test_set_busy_check ((NudgeTestBusyFunc) nudge_pipeline_view_is_busy, f->view);
  gtk_window_destroy (GTK_WINDOW (window));
  nudge_test_spin (50);
}

static char *
column_total (Fixture  *f,
              gint64    stage,
              char    **tooltip)
{
  nudge_test_spin (100);
  return nudge_pipeline_view_dup_column_total (f->view, stage, FALSE, tooltip);
}

/* A column of crowns and euros says one figure in the home currency once
 * the euro has a rate, and keeps the euros apart, said so, until then;
 * a rate changed in Preferences changes the board. */
static void
test_home_totals (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(NudgeDeal) deal = nudge_deal_new ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *crowns = nudge_format_money_whole (12500000, "CZK");
  g_autofree char *euros = nudge_format_money_whole (100000, "EUR");
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *home = NULL;
  g_autofree char *summary = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *prefs, *button, *entry;

  g_assert_true (nudge_store_set_home_currency (f->book.store, "CZK", &error));
  g_assert_no_error (error);
  g_object_set (deal, "title", "Vienna showroom", "currency", "EUR", "stage-id", f->lead_in,
                "has-amount", TRUE, "amount-minor", (gint64) 100000, NULL);
  g_assert_cmpint (nudge_store_save_deal (f->book.store, deal, &error), >, 0);
  g_assert_no_error (error);

  /* No rate for the euro: the crowns, then the euros apart */
  text = column_total (f, f->lead_in, &tooltip);
  expected = g_strdup_printf ("%s + %s", crowns, euros);
  g_assert_cmpstr (text, ==, expected);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "no exchange rate"));
  g_assert_nonnull (strstr (tooltip, "1 deal is in a currency without an exchange rate"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&tooltip, g_free);
  g_clear_pointer (&expected, g_free);

  /* 1 € = 25 Kč: one figure, marked converted, the breakdown on hover */
  g_assert_true (nudge_store_set_rate (f->book.store, "EUR", 25.0, nudge_clock_now (), &error));
  g_assert_no_error (error);
  text = column_total (f, f->lead_in, &tooltip);
  home = nudge_format_money_whole (12500000 + 2500000, "CZK");
  expected = g_strdup_printf ("≈ %s", home);
  g_assert_cmpstr (text, ==, expected);
  g_assert_null (strchr (text, '\n'));
  g_assert_nonnull (strstr (tooltip, crowns));
  g_assert_nonnull (strstr (tooltip, euros));
  g_assert_null (strstr (tooltip, "no exchange rate"));
  summary = nudge_pipeline_view_get_summary (f->view);
  g_assert_nonnull (strstr (summary, expected));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&tooltip, g_free);
  g_clear_pointer (&expected, g_free);
  g_clear_pointer (&home, g_free);

  /* The weighted line too (Lead in wins 10 %) */
  text = nudge_pipeline_view_dup_column_total (f->view, f->lead_in, TRUE, NULL);
  home = nudge_format_money_whole (1250000 + 250000, "CZK");
  expected = g_strdup_printf ("Weighted ≈ %s", home);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  g_clear_pointer (&home, g_free);

  /* Edit the rate in Preferences, the way a person does: 26,5 */
  prefs = nudge_preferences_window_new (nudge_test_context (f->book.store, settings));
  gtk_window_present (GTK_WINDOW (prefs));
  nudge_test_spin (100);
  button = nudge_test_find_named (prefs, "edit-rate-EUR");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Edit Rate");
  g_signal_emit_by_name (button, "clicked");
  dialog = nudge_test_wait_message_dialog ();
  g_assert_nonnull (dialog);
  entry = nudge_test_find_named (GTK_WIDGET (dialog), "rate-value");
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "26,5");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  text = column_total (f, f->lead_in, NULL);
  home = nudge_format_money_whole (12500000 + 2650000, "CZK");
  expected = g_strdup_printf ("≈ %s", home);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);

  /* A rate that is no number cannot be saved */
  g_signal_emit_by_name (nudge_test_find_named (prefs, "edit-rate-EUR"), "clicked");
  dialog = nudge_test_wait_message_dialog ();
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (nudge_test_find_named (GTK_WIDGET (dialog), "rate-value")), "25 Kč");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  nudge_test_spin (50);

  /* Removed in Preferences: the euros are apart again, and Preferences
   * lists the euro as a currency without a rate */
  button = nudge_test_find_named (prefs, "remove-rate-EUR");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  text = column_total (f, f->lead_in, NULL);
  expected = g_strdup_printf ("%s + %s", crowns, euros);
  g_assert_cmpstr (text, ==, expected);
  nudge_test_spin (50);
  g_assert_null (nudge_test_find_named (prefs, "edit-rate-EUR"));
  g_assert_nonnull (nudge_test_find_named (prefs, "add-rate-EUR"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);

  /* The toast's Undo puts the rate back, and the column converts again */
  g_assert_true (nudge_test_click_button (prefs, "_Undo"));
  nudge_test_spin (50);
  g_assert_nonnull (nudge_test_find_named (prefs, "edit-rate-EUR"));
  text = column_total (f, f->lead_in, NULL);
  expected = g_strdup_printf ("≈ %s", home);
  g_assert_cmpstr (text, ==, expected);
  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* A new stage builds the board anew: the old columns let go of their
 * cards' models (and their drop targets) rather than keep them for the
 * life of the window. */
static void
test_columns_let_go (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *old = nudge_pipeline_view_get_column_model (f->view, f->lead_in);
  gint64 demo;

  g_object_add_weak_pointer (G_OBJECT (old), (gpointer *) &old);
  demo = nudge_stage_create (f->book.store, nudge_store_get_default_pipeline (f->book.store), "Demo", -1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 100 && nudge_pipeline_view_get_column_model (f->view, demo) == NULL; i++)
    nudge_test_spin (20);
  g_assert_nonnull (nudge_pipeline_view_get_column_model (f->view, demo));
  g_assert_null (old);
  g_assert_true (column_has (f, f->lead_in, f->hotel));
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "board", NUDGE_TEST_FUNC (test_board) },
    { "move-action", NUDGE_TEST_FUNC (test_move_action) },
    { "drop", NUDGE_TEST_FUNC (test_drop) },
    { "required-fields", NUDGE_TEST_FUNC (test_required_fields) },
    { "required-close-date", NUDGE_TEST_FUNC (test_required_close_date) },
    { "required-contact", NUDGE_TEST_FUNC (test_required_contact) },
    { "lost-reason", NUDGE_TEST_FUNC (test_lost_reason) },
    { "undo-first-toast", NUDGE_TEST_FUNC (test_undo_first_toast) },
    { "undo-each-toast", NUDGE_TEST_FUNC (test_undo_each_toast) },
    { "home-totals", NUDGE_TEST_FUNC (test_home_totals) },
    { "focus-scrolls", NUDGE_TEST_FUNC (test_focus_scrolls) },
    { "worker-fill", NUDGE_TEST_FUNC (test_worker_fill) },
    { "selected-deal", NUDGE_TEST_FUNC (test_selected_deal) },
    { "narrow-toolbar", NUDGE_TEST_FUNC (test_narrow_toolbar) },
    { "columns-let-go", NUDGE_TEST_FUNC (test_columns_let_go) },
  };

  nudge_test_init_environment (NULL);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  nudge_test_add_table ("/ui/pipeline/", Fixture, fixture_set_up, nudge_test_window_tear_down, cases);

  return g_test_run ();
}
