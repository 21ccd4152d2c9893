/* test-ui-list.c — the List view in the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "nudge-backup.h"
#include "nudge-cell-label.h"
#include "nudge-clock.h"
#include "nudge-demo.h"
#include "nudge-list-view.h"
#include "nudge-record-window.h"
#include "nudge-slot-selection.h"
#include "nudge-view-actions.h"
#include "nudge-store.h"
#include "nudge-test-core.h"
#include "nudge-test-notify.h"
#include "nudge-window.h"
#include "nudge-test-ui.h"

typedef struct
{
  NudgeTestBook book;
  NudgeWindow *window;
  NudgeListView *view;
  gint64       hotel;
  gint64       fleet;
  gint64       chairs;
  gint64       licences;
} Fixture;

static gboolean
is_status_page_titled (GtkWidget     *widget,
                       gconstpointer  title)
{
  return ADW_IS_STATUS_PAGE (widget) && g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0;
}

static gint64
add_deal (NudgeStore      *store,
          const char      *title,
          NudgeDealStatus  status)
{
  g_autoptr(GError) error = NULL;
  gint64 id = nudge_test_add_titled_deal (store, title);

  if (status != NUDGE_DEAL_OPEN)
    {
      nudge_store_set_deal_status (store, id, status, status == NUDGE_DEAL_LOST ? "Price" : NULL, &error);
      g_assert_no_error (error);
    }
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  nudge_test_book_open_at (&f->book, "ui-list", 1772442000); /* 2026-03-02 10:00 in Prague */

  f->hotel = add_deal (f->book.store, "Hotel Praha renovation", NUDGE_DEAL_OPEN);
  f->fleet = add_deal (f->book.store, "Brno fleet tracking", NUDGE_DEAL_OPEN);
  f->chairs = add_deal (f->book.store, "Praha office chairs", NUDGE_DEAL_WON);
  f->licences = add_deal (f->book.store, "Kraków ERP licences", NUDGE_DEAL_LOST);
  nudge_test_add_contact (f->book.store, "name", "Jana Nováková", "email", "jana@hotelpraha.cz", NULL);
  nudge_test_add_contact (f->book.store, "name", "Piotr Kowalski", "email", "piotr@krakowsoft.pl", NULL);

  f->window = nudge_test_list_window (f->book.store, NUDGE_ENTITY_DEAL, &f->view);
  g_assert_cmpstr (nudge_window_get_view (f->window), ==, "list");
}

static void
type_search (Fixture    *f,
             const char *text)
{
  GtkWidget *entry = nudge_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_SEARCH_ENTRY);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* The entry waits a moment for more typing before it searches. */
  nudge_test_spin (400);
}

static gboolean
is_entity_stack (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "contacts") != NULL;
}

static gboolean
stack_moving (gpointer stack)
{
  return gtk_stack_get_transition_running (stack);
}

/* Shows @entity's table, and waits until the one it replaces has gone
 * (the crossfade takes longer on a busy machine). */
static void
show_table (Fixture     *f,
            NudgeEntity  entity)
{
  GtkWidget *stack = nudge_test_find (GTK_WIDGET (f->view), NUDGE_TEST_ANY, is_entity_stack, NULL);

  g_assert_nonnull (stack);
  nudge_list_view_set_entity (f->view, entity);
  nudge_test_spin (50);
  g_assert_true (nudge_test_spin_while (stack_moving, stack, 10000));
}

static gboolean
has_no_items (gpointer model)
{
  return g_list_model_get_n_items (model) == 0;
}

static gboolean
has_one_item (gpointer model)
{
  return g_list_model_get_n_items (model) == 1;
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  GListModel *deals = nudge_list_view_get_model (f->view, NUDGE_ENTITY_DEAL);
  GListModel *contacts = nudge_list_view_get_model (f->view, NUDGE_ENTITY_CONTACT);

  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 2);

  /* Ctrl+Shift+F puts the cursor in the list's filter (Ctrl+F is the
   * search over the whole book, tests/test-ui-search.c). */
  {
    GtkWidget *entry = nudge_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_SEARCH_ENTRY);
    GtkWidget *focus;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.filter", NULL));
    focus = gtk_window_get_focus (GTK_WINDOW (f->window));
    g_assert_nonnull (focus);
    g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));
  }

  type_search (f, "Pra");
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 2);
  g_assert_true (nudge_test_model_has_deal (deals, "Hotel Praha renovation"));
  g_assert_true (nudge_test_model_has_deal (deals, "Praha office chairs"));

  type_search (f, "Praha off");
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 1);
  g_assert_true (nudge_test_model_has_deal (deals, "Praha office chairs"));

  type_search (f, "zzzz");
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 0);

  /* The contacts table follows the same search, when it is shown: out
   * of sight, it is not searched again on each letter (a big book's
   * contacts cost the main loop 20-30 ms a letter). */
  nudge_list_view_set_entity (f->view, NUDGE_ENTITY_CONTACT);
  /* Filtered on a worker: as soon as it is done, however busy the
   * machine. */
  nudge_test_wait_until (has_no_items, contacts);
  show_table (f, NUDGE_ENTITY_DEAL);
  type_search (f, "piotr");
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 0);
  nudge_list_view_set_entity (f->view, NUDGE_ENTITY_CONTACT);
  nudge_test_wait_until (has_one_item, contacts);
  nudge_test_spin (100);
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 1);
  {
    GListModel *rows = G_LIST_MODEL (nudge_list_view_get_selection (f->view, NUDGE_ENTITY_CONTACT));
    g_autoptr(NudgeContact) shown = g_list_model_get_item (rows, 0);

    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
    g_assert_cmpstr (nudge_contact_get_name (shown), ==, "Piotr Kowalski");
  }
  nudge_list_view_set_entity (f->view, NUDGE_ENTITY_DEAL);

  type_search (f, "");
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 4);
  nudge_list_view_set_entity (f->view, NUDGE_ENTITY_CONTACT);
  nudge_test_spin (300);
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 2);
  nudge_list_view_set_entity (f->view, NUDGE_ENTITY_DEAL);
  nudge_test_spin (100);

  /* A deal added while searching appears when it matches. */
  type_search (f, "fleet");
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 1);
  add_deal (f->book.store, "Ostrava fleet vans", NUDGE_DEAL_OPEN);
  add_deal (f->book.store, "Olomouc printers", NUDGE_DEAL_OPEN);
  nudge_test_spin (500);
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 2);
  g_assert_true (nudge_test_model_has_deal (deals, "Ostrava fleet vans"));
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *deals = nudge_list_view_get_model (f->view, NUDGE_ENTITY_DEAL);
  GtkSelectionModel *selection = nudge_list_view_get_selection (f->view, NUDGE_ENTITY_DEAL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeDeal) gone = NULL;
  g_autoptr(NudgeDeal) back = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  gint64 selected_ids[2];

  /* Sorted by title: Brno, Hotel, Kraków, Praha. Select the first two. */
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 4);
  gtk_selection_model_select_range (selection, 0, 2, TRUE);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(NudgeDeal) deal = g_list_model_get_item (deals, i);

      selected_ids[i] = nudge_deal_get_id (deal);
    }
  g_assert_cmpint (selected_ids[0], ==, f->fleet);
  g_assert_cmpint (selected_ids[1], ==, f->hotel);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "list.delete", NULL));
  nudge_test_spin (300);

  listed = nudge_store_list_deals (f->book.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  gone = nudge_store_get_deal (f->book.store, f->hotel, &error);
  g_assert_null (gone);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 2);

  /* The toast offers Undo; pressing it brings both deals back. */
  g_assert_true (nudge_test_click_button (GTK_WIDGET (f->window), "_Undo"));
  nudge_test_spin (300);

  back = nudge_store_get_deal (f->book.store, f->hotel, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = nudge_store_list_deals (f->book.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 4);

  /* Ctrl+Z (win.undo) does what the toast's Undo does, once. */
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "list.delete", NULL));
  nudge_test_spin (300);
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  nudge_test_spin (300);
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  nudge_test_spin (300);
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 4);
}

/* More contacts than NUDGE_VIEW_BULK_ROWS, shown and all selected in
 * the Contacts table: how many there are now. */
static guint
select_bulk_contacts (Fixture *f)
{
  GListModel *contacts = nudge_list_view_get_model (f->view, NUDGE_ENTITY_CONTACT);
  guint n = NUDGE_VIEW_BULK_ROWS + 100;
  g_autoptr(GError) error = NULL;
  guint all;

  nudge_test_add_bulk_contacts (f->book.store, n);
  nudge_list_view_set_entity (f->view, NUDGE_ENTITY_CONTACT);
  all = nudge_test_sql_int (f->book.path, "SELECT COUNT(*) FROM contact WHERE trashed_at IS NULL");
  g_assert_cmpuint (all, ==, n + 2);
  nudge_test_wait_n_items (contacts, all);
  gtk_selection_model_select_all (nudge_list_view_get_selection (f->view, NUDGE_ENTITY_CONTACT));
  return all;
}

/* More rows than NUDGE_VIEW_BULK_ROWS are deleted, and brought back by
 * Undo, on a worker: the table follows each change set, nothing is lost. */
static void
test_bulk_delete_undo (Fixture       *f,
                       gconstpointer  data)
{
  GListModel *contacts = nudge_list_view_get_model (f->view, NUDGE_ENTITY_CONTACT);
  guint before = select_bulk_contacts (f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "list.delete", NULL));
  nudge_test_wait_n_items (contacts, 0);
  g_assert_cmpint (nudge_test_sql_int (f->book.path, "SELECT COUNT(*) FROM contact WHERE trashed_at IS NULL"), ==, 0);

  /* The toast comes with the change; its Undo brings every row back. */
  nudge_test_spin (100);
  g_assert_true (nudge_test_click_button (GTK_WIDGET (f->window), "_Undo"));
  nudge_test_wait_n_items (contacts, before);
  g_assert_cmpint (nudge_test_sql_int (f->book.path, "SELECT COUNT(*) FROM contact WHERE trashed_at IS NULL"), ==, before);
}

/* A follow-up for each of thousands of selected rows is written on a
 * worker, all of them, and the toast counts them. */
static void
test_bulk_plan (Fixture       *f,
                gconstpointer  data)
{
  guint all = select_bulk_contacts (f);
  g_autofree char *message = g_strdup_printf ("%u follow-ups created", all);

  g_assert_cmpint (nudge_test_sql_int (f->book.path, "SELECT COUNT(*) FROM followup WHERE contact_id IS NOT NULL"), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "list.plan-followup", "(si)", "call", 1));
  nudge_test_wait_book_int (f->book.store, "SELECT COUNT(*) FROM followup WHERE contact_id IS NOT NULL", all);
  g_assert_cmpint (nudge_test_sql_int (f->book.path, "SELECT COUNT(*) FROM followup WHERE title = 'Call about Bulk Person 0042'"), ==, 1);
  nudge_test_spin (200);
  nudge_test_wait_label (GTK_WIDGET (f->window), message);
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  int *outcome = user_data;
  g_autoptr(GError) error = NULL;
  guint n_rows = 0;

  /* The number of rows written, for the toast */
  *outcome = nudge_list_view_export_selection_finish (NUDGE_LIST_VIEW (source), result, &n_rows, &error)
             ? (int) n_rows : -1;
  g_assert_no_error (error);
}

static gboolean
not_exported (gpointer data)
{
  return *(int *) data == G_MININT;
}

/* A big selection goes to CSV a batch at a time: every row is in the
 * file, in the order shown, and changing the selection meanwhile changes
 * nothing of it. */
static void
test_bulk_export (Fixture       *f,
                  gconstpointer  data)
{
  guint all = select_bulk_contacts (f);
  g_autofree char *path = g_build_filename (f->book.dir, "contacts.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  int outcome = G_MININT;

  nudge_list_view_export_selection_async (f->view, NUDGE_ENTITY_CONTACT, file, exported_cb, &outcome);
  gtk_selection_model_unselect_all (nudge_list_view_get_selection (f->view, NUDGE_ENTITY_CONTACT));
  g_assert_true (nudge_test_spin_while (not_exported, &outcome, 30000));
  g_assert_cmpint (outcome, ==, all);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\r\n", -1);
  /* A header, a line a contact and nothing after the last line's end */
  g_assert_cmpuint (g_strv_length (lines), ==, all + 2);
  g_assert_cmpstr (lines[all + 1], ==, "");
  g_assert_nonnull (strstr (text, "Bulk Person 0000"));
  g_assert_nonnull (strstr (text, "Bulk Person 0599"));
  g_assert_true (strstr (text, "Bulk Person 0001") < strstr (text, "Bulk Person 0002"));
}

/* The selected deal is a property: one deal selected in the Deals table
 * is it; none or several are 0; each change is announced once. */
static void
test_selected_deal (Fixture       *f,
                    gconstpointer  data)
{
  GtkSelectionModel *selection = nudge_list_view_get_selection (f->view, NUDGE_ENTITY_DEAL);
  guint notified = 0;
  gint64 selected = -1;

  g_assert_cmpint (nudge_view_get_selected_deal (NUDGE_VIEW (f->view)), ==, 0);
  nudge_test_count_notify (f->view, "selected-deal", &notified);

  /* Sorted by title: Brno first, then Hotel */
  gtk_selection_model_select_item (selection, 1, TRUE);
  g_assert_cmpint (nudge_view_get_selected_deal (NUDGE_VIEW (f->view)), ==, f->hotel);
  g_assert_cmpuint (notified, ==, 1);
  gtk_selection_model_select_item (selection, 1, TRUE);
  g_assert_cmpuint (notified, ==, 1);

  gtk_selection_model_select_item (selection, 0, FALSE);
  g_assert_cmpint (nudge_view_get_selected_deal (NUDGE_VIEW (f->view)), ==, 0);
  g_assert_cmpuint (notified, ==, 2);

  gtk_selection_model_select_item (selection, 0, TRUE);
  g_object_get (f->view, "selected-deal", &selected, NULL);
  g_assert_cmpint (selected, ==, f->fleet);
  g_assert_cmpuint (notified, ==, 3);
}

static void
test_segments (Fixture       *f,
               gconstpointer  data)
{
  GListModel *deals = nudge_list_view_get_model (f->view, NUDGE_ENTITY_DEAL);
  g_autoptr(NudgeDeal) won = NULL;

  nudge_list_view_set_segment (f->view, NUDGE_SEGMENT_WON);
  nudge_test_spin (100);
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 1);
  won = g_list_model_get_item (deals, 0);
  g_assert_cmpstr (nudge_deal_get_title (won), ==, "Praha office chairs");

  nudge_list_view_set_segment (f->view, NUDGE_SEGMENT_OPEN);
  nudge_test_spin (100);
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 2);
  g_assert_false (nudge_test_model_has_deal (deals, "Praha office chairs"));

  /* Winning a deal moves it between segments without a refresh. */
  nudge_store_set_deal_status (f->book.store, f->fleet, NUDGE_DEAL_WON, NULL, NULL);
  nudge_test_spin (300);
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 1);

  nudge_list_view_set_segment (f->view, NUDGE_SEGMENT_LOST);
  nudge_test_spin (100);
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 1);
  g_assert_true (nudge_test_model_has_deal (deals, "Kraków ERP licences"));

  /* Segment and search combine. */
  nudge_list_view_set_segment (f->view, NUDGE_SEGMENT_WON);
  type_search (f, "brno");
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 1);
  g_assert_true (nudge_test_model_has_deal (deals, "Brno fleet tracking"));
}

static void
test_open_record (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *column_view = nudge_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_COLUMN_VIEW);
  NudgeRecordWindow *card;

  g_assert_nonnull (column_view);
  g_assert_null (nudge_test_find_toplevel (NUDGE_TYPE_RECORD_WINDOW));

  /* Enter or a double click on a row opens its card. */
  g_signal_emit_by_name (column_view, "activate", 1);
  nudge_test_spin (300);
  card = NUDGE_RECORD_WINDOW (nudge_test_find_toplevel (NUDGE_TYPE_RECORD_WINDOW));
  g_assert_nonnull (card);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (card)) == GTK_WINDOW (f->window));
  /* Sorted by title, row 1 is the Hotel Praha deal. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (card)), ==, "Hotel Praha renovation");
  nudge_test_set_busy_check (NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (card));
}

/* A window resize takes a few frames under Xvfb */
static gboolean
wait_mapped (GtkWidget *widget,
             gboolean   mapped)
{
  for (guint tries = 0; tries < 100 && gtk_widget_get_mapped (widget) != mapped; tries++)
    nudge_test_spin (30);
  return gtk_widget_get_mapped (widget) == mapped;
}

/* A phone-narrow window shows two lines a record instead of the table;
 * a tap on one opens it; a wide window brings the table back. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *column_view = nudge_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_COLUMN_VIEW);
  GtkWidget *list = NULL;
  NudgeRecordWindow *card;

  g_assert_nonnull (column_view);
  g_assert_true (gtk_widget_get_mapped (column_view));
  /* A screen reader entering the table, or the list of its rows, hears
   * which table it is, not "GtkColumnView". */
  gtk_test_accessible_assert_property (column_view, GTK_ACCESSIBLE_PROPERTY_LABEL, "Deals");
  gtk_test_accessible_assert_property (nudge_test_find_widget (column_view, GTK_TYPE_LIST_VIEW),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Deals");

  gtk_window_set_default_size (GTK_WINDOW (f->window), 400, 700);
  nudge_test_spin (300);
  g_assert_true (wait_mapped (column_view, FALSE));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->view)), <, 600);
  for (GtkWidget *w = gtk_widget_get_parent (column_view); w != NULL && list == NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_STACK (w))
      list = nudge_test_find_widget (gtk_stack_get_child_by_name (GTK_STACK (w), "narrow"), GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (list);
  g_assert_true (gtk_widget_get_mapped (list));
  gtk_test_accessible_assert_property (list, GTK_ACCESSIBLE_PROPERTY_LABEL, "Deals");
  /* The same records, two lines each: the name, then what it is about */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)))), ==, 4);

  g_signal_emit_by_name (list, "activate", 1);
  nudge_test_spin (300);
  card = NUDGE_RECORD_WINDOW (nudge_test_find_toplevel (NUDGE_TYPE_RECORD_WINDOW));
  g_assert_nonnull (card);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (card)), ==, "Hotel Praha renovation");
  gtk_window_destroy (GTK_WINDOW (card));

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  nudge_test_spin (300);
  g_assert_true (wait_mapped (column_view, TRUE));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->view)), >=, 600);
  g_assert_false (gtk_widget_get_mapped (list));
  /* Hidden, it keeps no rows (GTK 4.8 would build them all the same). */
  g_assert_null (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
}

static gboolean
has_column (GtkColumnView *column_view,
            const char    *title)
{
  return nudge_test_model_find (gtk_column_view_get_columns (column_view),
                                (NudgeTestNameFunc) gtk_column_view_column_get_title, title) != G_MAXUINT;
}

static void
test_columns (Fixture       *f,
              gconstpointer  data)
{
  GtkColumnView *column_view = GTK_COLUMN_VIEW (nudge_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_COLUMN_VIEW));
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_auto(GStrv) hidden = NULL;
  GListModel *columns;
  GMenuModel *menu;
  guint n_columns;

  g_assert_nonnull (column_view);
  columns = gtk_column_view_get_columns (column_view);
  n_columns = g_list_model_get_n_items (columns);
  g_assert_true (has_column (column_view, "Status"));
  /* Expected Close and Score start hidden, so the table fits 1200 px. */
  g_assert_false (has_column (column_view, "Expected Close"));
  g_assert_false (has_column (column_view, "Score"));

  /* Every column header offers the list of all columns, hidden ones
   * included, the name excepted. */
  {
    g_autoptr(GtkColumnViewColumn) first = g_list_model_get_item (columns, 0);

    menu = gtk_column_view_column_get_header_menu (first);
    g_assert_nonnull (menu);
    menu = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
    g_assert_cmpint (g_menu_model_get_n_items (menu), ==, n_columns + 2 - 1);
    g_object_unref (menu);
  }

  /* Hiding Status takes it out of the table and remembers it. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "columns.deals-status", NULL);
  nudge_test_spin (50);
  g_assert_false (has_column (column_view, "Status"));
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, n_columns - 1);
  hidden = g_settings_get_strv (settings, "hidden-list-columns");
  g_assert_true (g_strv_contains ((const char * const *) hidden, "deals:status"));

  /* Shown again, it comes back in its place, after Score. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "columns.deals-status", NULL);
  nudge_test_spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, n_columns);
  {
    g_autoptr(GtkColumnViewColumn) last = g_list_model_get_item (columns, n_columns - 1);

    g_assert_cmpstr (gtk_column_view_column_get_title (last), ==, "Status");
  }
  g_clear_pointer (&hidden, g_strfreev);
  hidden = g_settings_get_strv (settings, "hidden-list-columns");
  g_assert_false (g_strv_contains ((const char * const *) hidden, "deals:status"));

  /* A column hidden in the settings is not shown by a new window. */
  {
    const char *hide[] = { "deals:contact", NULL };

    g_settings_set_strv (settings, "hidden-list-columns", hide);
  }
  nudge_test_set_busy_check (NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = nudge_test_window_new (f->book.store, "list", 0, 0);
  f->view = nudge_test_list_view (f->window);
  nudge_test_spin (100);
  column_view = GTK_COLUMN_VIEW (nudge_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_COLUMN_VIEW));
  g_assert_false (has_column (column_view, "Contact"));
  g_assert_true (has_column (column_view, "Company"));
  g_settings_reset (settings, "hidden-list-columns");
}

/* Import from the view's menu: the rows land in the table at once; a
 * bad file adds nothing and says which line is wrong. */
static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  GListModel *contacts = nudge_list_view_get_model (f->view, NUDGE_ENTITY_CONTACT);
  g_autofree char *good_path = g_build_filename (f->book.dir, "contacts.csv", NULL);
  g_autofree char *bad_path = g_build_filename (f->book.dir, "bad.csv", NULL);
  g_autoptr(GFile) good = g_file_new_for_path (good_path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GError) error = NULL;
  guint before;

  g_assert_true (g_file_set_contents (good_path,
                                      "Name;E-mail;Company\n"
                                      "Oksana Melnyk;oksana@lvivkava.ua;Lvivska Kava\n"
                                      "Tomáš Dvořák;tomas@kovarna.cz;Kovárna Brno\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad_path, "Name,Phone\nOK Person,123\nBad Person,not a phone\n", -1, NULL));

  nudge_list_view_set_entity (f->view, NUDGE_ENTITY_CONTACT);
  nudge_test_spin (100);
  before = g_list_model_get_n_items (contacts);

  g_assert_false (nudge_list_view_import_file (f->view, NUDGE_ENTITY_CONTACT, bad, &error));
  g_assert_nonnull (strstr (error->message, "Line 3: "));
  nudge_test_spin (100);
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, before);

  g_assert_true (nudge_list_view_import_file (f->view, NUDGE_ENTITY_CONTACT, good, NULL));
  nudge_test_spin (200);
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, before + 2);
  g_assert_cmpint (nudge_store_find_company_by_name (f->book.store, "Kovárna Brno"), >, 0);
  g_unlink (good_path);
  g_unlink (bad_path);

  /* Each import into a book with data kept a copy of it first. */
  {
    g_autoptr(GPtrArray) backups = nudge_backup_list (nudge_store_get_path (f->book.store));
    guint n_import = 0;

    for (guint i = 0; i < backups->len; i++)
      {
        NudgeBackupInfo *info = g_ptr_array_index (backups, i);

        if (g_str_equal (info->reason, "import"))
          {
            n_import++;
            g_unlink (info->path);
          }
      }
    g_assert_cmpuint (n_import, ==, 2);
  }
}

static gboolean
is_drawn_progress_bar (GtkWidget     *widget,
                       gconstpointer  data)
{
  return GTK_IS_PROGRESS_BAR (widget) && gtk_widget_get_mapped (widget);
}

/* The view imports on a worker: a progress bar shows while the window
 * goes on drawing, Cancel keeps nothing, and a finished import reaches
 * the table. */
static void
test_import_async (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *contacts = nudge_list_view_get_model (f->view, NUDGE_ENTITY_CONTACT);
  g_autofree char *big_path = g_build_filename (f->book.dir, "big.csv", NULL);
  g_autoptr(GFile) big = g_file_new_for_path (big_path);
  g_autoptr(GString) csv = g_string_new ("Name;E-mail;Company\n");
  NudgeTestImport outcome = { 0 };
  guint before;
  GtkWidget *bar = NULL;
  gint64 deadline;

  for (guint i = 0; i < 60000; i++)
    g_string_append_printf (csv, "Person %u;person%u@example.cz;Company %u\n", i, i, i % 500);
  g_assert_true (g_file_set_contents (big_path, csv->str, csv->len, NULL));

  nudge_list_view_set_entity (f->view, NUDGE_ENTITY_CONTACT);
  nudge_test_spin (100);
  before = g_list_model_get_n_items (contacts);
  nudge_list_view_set_import_done_hook (f->view, nudge_test_import_done_cb, &outcome);

  /* Cancelled half-way: nothing is kept. */
  nudge_list_view_import_file_async (f->view, NUDGE_ENTITY_CONTACT, big);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (bar == NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      bar = nudge_test_find (GTK_WIDGET (f->view), NUDGE_TEST_ANY, is_drawn_progress_bar, NULL);
    }
  g_assert_nonnull (bar);
  nudge_list_view_cancel_import (f->view);
  nudge_test_wait_import (&outcome, 60);
  g_assert_false (outcome.ok);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&outcome.error);
  nudge_test_spin (200);
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, before);
  g_assert_cmpint (nudge_store_find_company_by_name (f->book.store, "Company 7"), ==, 0);

  /* Run to the end: every row reaches the table, the bar goes away. */
  memset (&outcome, 0, sizeof outcome);
  nudge_list_view_import_file_async (f->view, NUDGE_ENTITY_CONTACT, big);
  nudge_test_wait_import (&outcome, 60);
  g_assert_true (outcome.ok);
  nudge_test_spin (500);
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, before + 60000);
  g_assert_cmpint (nudge_store_find_company_by_name (f->book.store, "Company 7"), >, 0);
  g_assert_null (nudge_test_find (GTK_WIDGET (f->view), NUDGE_TEST_ANY, is_drawn_progress_bar, NULL));

  nudge_list_view_set_import_done_hook (f->view, NULL, NULL);
  g_unlink (big_path);
}

static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action_name)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_action_button (c, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_sample_data (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(NudgeStore) store = NULL;
  NudgeWindow *window;
  NudgeListView *view;
  GtkWidget *status_page;

  nudge_clock_pin (1772442000);
  store = nudge_test_book_open ("ui-list", &dir, NULL);

  window = nudge_test_window_new (store, "list", 0, 0);
  nudge_test_spin (200);

  /* An empty book greets with a welcome page instead of empty tables. */
  status_page = nudge_test_find (GTK_WIDGET (window), NUDGE_TEST_ANY, is_status_page_titled, "No Deals Yet");
  g_assert_nonnull (status_page);
  g_assert_true (gtk_widget_get_mapped (status_page));
  view = nudge_test_list_view (window);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (view)));

  /* The welcome offers the List's import: the same file chooser */
  {
    GtkWidget *import = find_action_button (status_page, "win.import");
    GtkWidget *chooser = NULL;

    g_assert_nonnull (import);
    g_assert_true (gtk_widget_get_mapped (import));
    g_signal_emit_by_name (import, "clicked");
    for (guint tries = 0; tries < 50 && chooser == NULL; tries++)
      {
        g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

        nudge_test_spin (20);
        for (GList *l = toplevels; l; l = l->next)
          if (GTK_IS_FILE_CHOOSER (l->data) && gtk_widget_get_visible (l->data))
            chooser = l->data;
      }
    g_assert_nonnull (chooser);
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (chooser)), ==, "Import from CSV");
    g_assert_cmpstr (nudge_window_get_view (window), ==, "list");
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
    nudge_test_spin (100);
    g_assert_true (nudge_store_is_empty (store));
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-sample-data", NULL));
  nudge_test_spin (1500);

  g_assert_false (nudge_store_is_empty (store));
  g_assert_false (gtk_widget_get_mapped (status_page));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  nudge_list_view_set_segment (view, NUDGE_SEGMENT_ALL);
  nudge_test_spin (1500);
  g_assert_cmpuint (g_list_model_get_n_items (nudge_list_view_get_model (view, NUDGE_ENTITY_DEAL)), >, 0);

  nudge_test_set_busy_check (NULL, NULL);

  gtk_window_destroy (GTK_WINDOW (window));
  nudge_test_spin (50);
  nudge_test_book_close (&store, &dir, NULL);
}

static void
log_items_changed_cb (GListModel *model,
                      guint       position,
                      guint       removed,
                      guint       added,
                      GArray     *log)
{
  guint change[3] = { position, removed, added };

  g_array_append_vals (log, change, 1);
}

/* The table opens at its first sorted rows, and taking the keyboard
 * focus (as the first click on a row does) keeps it there: GTK 4.8's
 * cursor stayed on the row that came first before sorting and scrolled
 * the table to wherever the sort had moved it. */
static void
test_first_focus (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(NudgeStore) store = NULL;
  g_autoptr(GError) error = NULL;
  NudgeWindow *window;
  NudgeListView *view;
  GtkWidget *column_view;
  GtkAdjustment *adjustment;

  nudge_clock_pin (1772442000);
  store = nudge_test_book_open ("ui-list", &dir, NULL);
  nudge_test_add_demo (store, 0, 0, 0, 0, 0);

  window = nudge_test_list_window (store, NUDGE_ENTITY_DEAL, &view);
  column_view = nudge_test_find_widget (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW);
  g_assert_nonnull (column_view);
  g_assert_true (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)) != NULL);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view));
  for (guint tries = 0; tries < 100 && gtk_adjustment_get_upper (adjustment) <= 0; tries++)
    nudge_test_spin (30);
  g_assert_cmpuint (g_list_model_get_n_items (nudge_list_view_get_model (view, NUDGE_ENTITY_DEAL)), >, 100);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, 2 * gtk_adjustment_get_page_size (adjustment));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  gtk_widget_grab_focus (column_view);
  nudge_test_spin (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  /* One deal deleted is one row gone for the rows the view shows, not
   * every row after it changed. */
  {
    GtkSelectionModel *selection = nudge_list_view_get_selection (view, NUDGE_ENTITY_DEAL);
    g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (guint) * 3);
    g_autoptr(NudgeDeal) first = g_list_model_get_item (G_LIST_MODEL (selection), 0);
    gint64 id = nudge_deal_get_id (first);
    guint n = g_list_model_get_n_items (G_LIST_MODEL (selection));

    GtkSelectionModel *shown = gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view));

    /* The column view shows the selection's rows through slots. */
    g_assert_true (NUDGE_IS_SLOT_SELECTION (shown));
    g_assert_true (nudge_slot_selection_get_model (NUDGE_SLOT_SELECTION (shown)) == selection);
    g_signal_connect (selection, "items-changed", G_CALLBACK (log_items_changed_cb), log);
    g_assert_true (nudge_store_trash (store, NUDGE_ENTITY_DEAL, &id, 1, &error));
    g_assert_no_error (error);
    nudge_test_spin (300);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, n - 1);
    for (guint i = 0; i < log->len; i++)
      {
        guint *change = &g_array_index (log, guint, i * 3);

        g_assert_cmpuint (change[1], <=, 1);
        g_assert_cmpuint (change[2], <=, 1);
      }
    g_signal_handlers_disconnect_by_data (selection, log);
  }

  nudge_test_set_busy_check (NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  nudge_test_spin (50);
  nudge_test_book_close (&store, &dir, NULL);
}

/* A table cell keeps one marking class ("overdue", "dim-label"…) beside
 * "numeric", and changes it only when it changes: a bind with the same
 * classes leaves the cell's style alone. */
static void
test_cell_style_class (void)
{
  GtkWidget *label = g_object_ref_sink (nudge_cell_label_new ());
  guint n_notifies = 0;

  nudge_cell_label_set_numeric (NUDGE_CELL_LABEL (label), TRUE);
  g_assert_true (gtk_widget_has_css_class (label, "numeric"));
  nudge_test_count_notify (label, "css-classes", &n_notifies);

  nudge_cell_label_set_style_class (NUDGE_CELL_LABEL (label), "overdue");
  g_assert_true (gtk_widget_has_css_class (label, "overdue"));
  nudge_cell_label_set_style_class (NUDGE_CELL_LABEL (label), "overdue");
  g_assert_cmpuint (n_notifies, ==, 1);

  nudge_cell_label_set_style_class (NUDGE_CELL_LABEL (label), "dim-label");
  g_assert_false (gtk_widget_has_css_class (label, "overdue"));
  g_assert_true (gtk_widget_has_css_class (label, "dim-label"));

  nudge_cell_label_set_style_class (NUDGE_CELL_LABEL (label), NULL);
  g_assert_false (gtk_widget_has_css_class (label, "dim-label"));
  g_assert_true (gtk_widget_has_css_class (label, "numeric"));
  n_notifies = 0;
  nudge_cell_label_set_style_class (NUDGE_CELL_LABEL (label), NULL);
  g_assert_cmpuint (n_notifies, ==, 0);

  g_object_unref (label);
}

/* A deal renamed moves to where its new title sorts: the row is the same
 * object, updated, and its sort key follows the new title. */
static void
test_rename_resorts (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeDeal) deal = nudge_store_get_deal (f->book.store, f->fleet, &error);
  GListModel *deals = nudge_list_view_get_model (f->view, NUDGE_ENTITY_DEAL);
  guint n = g_list_model_get_n_items (deals);
  g_autoptr(NudgeDeal) first = NULL;
  g_autoptr(NudgeDeal) last = NULL;

  g_assert_cmpuint (n, ==, 4);
  first = g_list_model_get_item (deals, 0);
  g_assert_cmpint (nudge_deal_get_id (first), ==, f->fleet);

  g_object_set (deal, "title", "Zlín fleet tracking", NULL);
  g_assert_cmpint (nudge_store_save_deal (f->book.store, deal, &error), ==, f->fleet);
  g_assert_no_error (error);
  nudge_test_spin (300);

  last = g_list_model_get_item (deals, n - 1);
  g_assert_cmpint (nudge_deal_get_id (last), ==, f->fleet);
  g_assert_cmpstr (nudge_deal_get_title (last), ==, "Zlín fleet tracking");
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "search", NUDGE_TEST_FUNC (test_search) },
    { "delete-undo", NUDGE_TEST_FUNC (test_delete_undo) },
    { "bulk-delete-undo", NUDGE_TEST_FUNC (test_bulk_delete_undo) },
    { "bulk-plan", NUDGE_TEST_FUNC (test_bulk_plan) },
    { "bulk-export", NUDGE_TEST_FUNC (test_bulk_export) },
    { "segments", NUDGE_TEST_FUNC (test_segments) },
    { "open-record", NUDGE_TEST_FUNC (test_open_record) },
    { "narrow", NUDGE_TEST_FUNC (test_narrow) },
    { "columns", NUDGE_TEST_FUNC (test_columns) },
    { "import", NUDGE_TEST_FUNC (test_import) },
    { "import-async", NUDGE_TEST_FUNC (test_import_async) },
    { "selected-deal", NUDGE_TEST_FUNC (test_selected_deal) },
    { "rename-resorts", NUDGE_TEST_FUNC (test_rename_resorts) },
  };

  /* Accessible names kept for the tests to read, whatever the session */
  g_setenv ("GTK_A11Y", "test", TRUE);
  nudge_test_ui_init (&argc, &argv, NULL);

  nudge_test_add_table ("/ui/list/", Fixture, fixture_set_up, nudge_test_window_tear_down, cases);
  g_test_add_func ("/ui/list/sample-data", test_sample_data);
  g_test_add_func ("/ui/list/first-focus", test_first_focus);
  g_test_add_func ("/ui/list/cell-style-class", test_cell_style_class);

  return g_test_run ();
}
