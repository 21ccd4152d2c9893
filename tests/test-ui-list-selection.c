/* test-ui-list-selection.c — what the List writes for its selected rows,
 * and its Undo: a cadence or a follow-up each, taken back from the toast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "nudge-clock.h"
#include "nudge-list-view.h"
#include "nudge-store.h"
#include "nudge-store-private.h"
#include "nudge-test-core.h"
#include "nudge-view-actions.h"
#include "nudge-window.h"
#include "nudge-test-ui.h"

#define CADENCE "New inbound lead"
#define CADENCE_STEPS 4

typedef NudgeTestListWindow Fixture;

/* Two deals, the hotel's with a next step of its own, in the List. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gint64 hotel;

  nudge_test_book_open_at (&f->book, "ui-list-selection", 1772442000); /* 2026-03-02 10:00 in Prague */

  hotel = nudge_test_add_titled_deal (f->book.store, "Hotel Praha renovation");
  nudge_test_add_titled_deal (f->book.store, "Brno fleet tracking");
  nudge_test_add_followup (f->book.store, hotel, "Send the offer", 1772442000 + 86400, NULL);

  f->window = nudge_test_list_window (f->book.store, NUDGE_ENTITY_DEAL, &f->view);
}

/* Read through the window's own store, which waits for a worker's
 * write to end (a connection of the test's own would be refused). */
static gint64
book_int (Fixture    *f,
          const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = nudge_store_lookup (f->book.store, sql, 0, NULL, &error);

  g_assert_no_error (error);
  return value;
}

/* How many follow-ups the book has, and the sum of their ids: together
 * they tell that it has exactly the ones it had. */
static int
count_followups (Fixture *f)
{
  return book_int (f, "SELECT COUNT(*) FROM followup");
}

static int
sum_followup_ids (Fixture *f)
{
  return book_int (f, "SELECT TOTAL(id) FROM followup");
}

static void
select_both_deals (Fixture *f)
{
  GtkSelectionModel *selection = nudge_list_view_get_selection (f->view, NUDGE_ENTITY_DEAL);

  g_assert_cmpuint (g_list_model_get_n_items (nudge_list_view_get_model (f->view, NUDGE_ENTITY_DEAL)), ==, 2);
  gtk_selection_model_select_all (selection);
  nudge_test_spin (50);
}

/* A cadence for the selected deals says that one already had a next
 * step; its toast's Undo leaves the book with exactly the follow-ups it
 * had before. */
static void
test_cadence_undo (Fixture       *f,
                   gconstpointer  data)
{
  int before = count_followups (f);
  int before_ids = sum_followup_ids (f);

  select_both_deals (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "list.apply-cadence", "s", CADENCE));
  nudge_test_spin (200);
  g_assert_cmpint (count_followups (f), ==, before + 2 * CADENCE_STEPS);
  nudge_test_wait_label (GTK_WIDGET (f->window),
                         "8 follow-ups created, 1 deal already had a next step");

  g_assert_true (nudge_test_click_button (GTK_WIDGET (f->window), "_Undo"));
  nudge_test_spin (200);
  g_assert_cmpint (count_followups (f), ==, before);
  g_assert_cmpint (sum_followup_ids (f), ==, before_ids);
  g_assert_cmpint (book_int (f, "SELECT COUNT(*) FROM followup WHERE cadence_id IS NOT NULL"), ==, 0);
}

/* A follow-up each, and its Undo; after one of them was edited, Undo
 * says why it cannot, and removes none. */
static void
test_plan_undo_refused (Fixture       *f,
                        gconstpointer  data)
{
  int before = count_followups (f);
  gint64 edited_id;

  select_both_deals (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "list.plan-followup", "(si)", "call", 1));
  nudge_test_spin (200);
  g_assert_cmpint (count_followups (f), ==, before + 2);
  g_assert_true (nudge_test_click_button (GTK_WIDGET (f->window), "_Undo"));
  nudge_test_spin (200);
  g_assert_cmpint (count_followups (f), ==, before);

  gtk_selection_model_select_all (nudge_list_view_get_selection (f->view, NUDGE_ENTITY_DEAL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "list.plan-followup", "(si)", "call", 1));
  nudge_test_spin (200);
  g_assert_cmpint (count_followups (f), ==, before + 2);
  edited_id = book_int (f, "SELECT id FROM followup WHERE title = 'Call about Brno fleet tracking'");
  nudge_test_rename_followup (f->book.store, edited_id, "Call Brno about the vans");
  nudge_test_spin (100);

  g_assert_true (nudge_test_click_button (GTK_WIDGET (f->window), "_Undo"));
  nudge_test_spin (200);
  g_assert_cmpint (count_followups (f), ==, before + 2);
  nudge_test_wait_label (GTK_WIDGET (f->window),
                         "Could not undo: 1 of the follow-ups was changed since; "
                         "undoing would lose that change");
}

/* Selects every row shown; whether fewer than want[1] are selected yet
 * (rows still arrive, and a reload gives them back unselected). */
static gboolean
not_all_selected (gpointer data)
{
  gpointer *want = data;
  g_autoptr(GtkBitset) selected = NULL;

  gtk_selection_model_select_all (want[0]);
  selected = gtk_selection_model_get_selection (want[0]);
  return gtk_bitset_get_size (selected) != GPOINTER_TO_UINT (want[1]);
}

/* More contacts than NUDGE_VIEW_BULK_ROWS get a cadence on a worker;
 * the Undo of its thousands of follow-ups runs on a worker too, and
 * takes back every one. */
static void
test_bulk_cadence_undo (Fixture       *f,
                        gconstpointer  data)
{
  GtkSelectionModel *shown = nudge_list_view_get_selection (f->view, NUDGE_ENTITY_CONTACT);
  g_autoptr(GError) error = NULL;
  guint n = NUDGE_VIEW_BULK_ROWS + 100;
  int before = count_followups (f);
  int before_ids = sum_followup_ids (f);
  gpointer want[2] = { shown, GUINT_TO_POINTER (n) };

  nudge_test_add_bulk_contacts (f->book.store, n);
  nudge_list_view_set_entity (f->view, NUDGE_ENTITY_CONTACT);
  /* The table's rows arrive a batch a frame: all of them selected. */
  g_assert_true (nudge_test_spin_while (not_all_selected, want, 30000));
  nudge_test_spin (300);
  g_assert_false (not_all_selected (want));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "list.apply-cadence", "s", CADENCE));
  nudge_test_wait_book_int (f->book.store, "SELECT COUNT(*) FROM followup", before + n * CADENCE_STEPS);
  nudge_test_spin (200);

  g_assert_true (nudge_test_click_button (GTK_WIDGET (f->window), "_Undo"));
  nudge_test_wait_book_int (f->book.store, "SELECT COUNT(*) FROM followup", before);
  g_assert_cmpint (sum_followup_ids (f), ==, before_ids);
}

/* Every row a search shows, selected with Ctrl+A and deleted, is read
 * from the table's list by its filter, not row by row through the
 * table: exactly the rows shown go to the trash, the hidden ones stay,
 * and Undo brings back every one, shown again and none selected. */
static void
test_delete_all_shown_undo (Fixture       *f,
                            gconstpointer  data)
{
  GtkSelectionModel *shown = nudge_list_view_get_selection (f->view, NUDGE_ENTITY_CONTACT);
  GListModel *contacts = nudge_list_view_get_model (f->view, NUDGE_ENTITY_CONTACT);
  const char *left = "SELECT COUNT(*) FROM contact WHERE trashed_at IS NULL";
  guint n = 2 * NUDGE_VIEW_BULK_ROWS + 200;
  g_autofree char *deleted = NULL;
  g_autoptr(GtkBitset) selected = NULL;
  int before_ids;

  /* Five in six are shown; the hidden ones are among them. */
  g_assert_true (nudge_store_begin (f->book.store, NULL));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf (i % 6 == 5 ? "Hidden Person %u" : "Bulk Person %u", i);

      nudge_test_add_named_contact (f->book.store, name);
    }
  g_assert_true (nudge_store_commit (f->book.store, NULL));
  before_ids = book_int (f, "SELECT TOTAL(id) FROM contact WHERE trashed_at IS NULL");
  nudge_list_view_set_entity (f->view, NUDGE_ENTITY_CONTACT);
  nudge_test_wait_n_items (contacts, n);
  nudge_list_view_set_search (f->view, "Bulk");
  nudge_test_wait_n_items (contacts, 1000);
  nudge_test_spin (300);
  gtk_selection_model_select_all (shown);
  selected = gtk_selection_model_get_selection (shown);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1000);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "list.delete", NULL));
  nudge_test_wait_book_int (f->book.store, left, n - 1000);
  nudge_test_wait_n_items (contacts, 0);
  g_assert_cmpint (book_int (f, "SELECT COUNT(*) FROM contact WHERE trashed_at IS NULL "
                                "AND name LIKE 'Hidden Person %'"), ==, n - 1000);
  deleted = g_strdup_printf ("%'u contacts deleted", 1000u);
  nudge_test_spin (100);
  nudge_test_wait_label (GTK_WIDGET (f->window), deleted);

  g_assert_true (nudge_test_click_button (GTK_WIDGET (f->window), "_Undo"));
  nudge_test_wait_book_int (f->book.store, left, n);
  nudge_test_wait_n_items (contacts, 1000);
  g_assert_cmpint (book_int (f, "SELECT TOTAL(id) FROM contact WHERE trashed_at IS NULL"), ==, before_ids);
  g_clear_pointer (&selected, gtk_bitset_unref);
  selected = gtk_selection_model_get_selection (shown);
  g_assert_true (gtk_bitset_is_empty (selected));
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "cadence-undo", NUDGE_TEST_FUNC (test_cadence_undo) },
    { "plan-undo-refused", NUDGE_TEST_FUNC (test_plan_undo_refused) },
    { "bulk-cadence-undo", NUDGE_TEST_FUNC (test_bulk_cadence_undo) },
    { "delete-all-shown-undo", NUDGE_TEST_FUNC (test_delete_all_shown_undo) },
  };

  nudge_test_ui_init (&argc, &argv, NULL);

  nudge_test_add_table ("/ui/list-selection/", Fixture, fixture_set_up, nudge_test_window_tear_down, cases);

  return g_test_run ();
}
