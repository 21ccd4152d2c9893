/* test-ui-slot-selection.c — rows that keep their widgets when their
 * items are replaced where they are
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "nudge-clock.h"
#include "nudge-demo.h"
#include "nudge-record-selection.h"
#include "nudge-records.h"
#include "nudge-slot-selection.h"
#include "nudge-test-ui.h"

typedef struct
{
  guint items_changed;
  guint selection_changed;
  guint last_position;
  guint last_n;
} Signals;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Signals    *signals)
{
  signals->items_changed++;
}

static void
selection_changed_cb (GtkSelectionModel *model,
                      guint              position,
                      guint              n_items,
                      Signals           *signals)
{
  signals->selection_changed++;
  signals->last_position = position;
  signals->last_n = n_items;
}

static GtkStringObject *
string_at (GListModel *model,
           guint       position)
{
  g_autoptr(NudgeSlot) slot = g_list_model_get_item (model, position);

  return nudge_slot_get_item (slot);
}

static void
splice_strings (GtkStringList *strings,
                guint          position,
                guint          removed,
                const char    *first,
                ...)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    g_ptr_array_add (added, (gpointer) s);
  va_end (args);
  g_ptr_array_add (added, NULL);
  gtk_string_list_splice (strings, position, removed, (const char *const *) added->pdata);
}

/* Items replaced by as many at the same places: the slots there stay and
 * show the new items, which the model says as a change of selection.
 * Items that come or go: the slots after them move with their items. */
static void
test_slots_follow (void)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new ((const char *[]) { "a", "b", "c", "d", NULL });
  g_autoptr(GtkMultiSelection) selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (strings)));
  g_autoptr(NudgeSlotSelection) slots = nudge_slot_selection_new (GTK_SELECTION_MODEL (selection));
  GListModel *model = G_LIST_MODEL (slots);
  g_autoptr(NudgeSlot) slot_b = NULL;
  g_autoptr(NudgeSlot) slot_d = NULL;
  Signals signals = { 0 };

  g_signal_connect (slots, "items-changed", G_CALLBACK (items_changed_cb), &signals);
  g_signal_connect (slots, "selection-changed", G_CALLBACK (selection_changed_cb), &signals);
  g_assert_true (g_list_model_get_item_type (model) == NUDGE_TYPE_SLOT);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  slot_b = g_list_model_get_item (model, 1);
  slot_d = g_list_model_get_item (model, 3);
  g_assert_cmpstr (gtk_string_object_get_string (nudge_slot_get_item (slot_b)), ==, "b");

  /* The same slot for the same position while it is held. */
  {
    g_autoptr(NudgeSlot) again = g_list_model_get_item (model, 1);

    g_assert_true (again == slot_b);
  }

  /* b and c replaced where they are by x and y. */
  splice_strings (strings, 1, 2, "x", "y", NULL);
  g_assert_cmpuint (signals.items_changed, ==, 0);
  g_assert_cmpuint (signals.selection_changed, ==, 1);
  g_assert_cmpuint (signals.last_position, ==, 1);
  g_assert_cmpuint (signals.last_n, ==, 2);
  g_assert_cmpstr (gtk_string_object_get_string (nudge_slot_get_item (slot_b)), ==, "x");
  g_assert_cmpstr (gtk_string_object_get_string (string_at (model, 2)), ==, "y");

  /* One item before d: d's slot moves to position 4 with it. */
  splice_strings (strings, 0, 0, "new", NULL);
  g_assert_cmpuint (signals.items_changed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  {
    g_autoptr(NudgeSlot) at_4 = g_list_model_get_item (model, 4);

    g_assert_true (at_4 == slot_d);
    g_assert_cmpstr (gtk_string_object_get_string (nudge_slot_get_item (at_4)), ==, "d");
  }
  g_assert_cmpstr (gtk_string_object_get_string (string_at (model, 0)), ==, "new");
  g_assert_cmpstr (gtk_string_object_get_string (string_at (model, 2)), ==, "x");

  /* Two gone: the rest close up. */
  splice_strings (strings, 1, 2, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  {
    g_autoptr(NudgeSlot) at_2 = g_list_model_get_item (model, 2);

    g_assert_true (at_2 == slot_d);
  }
  g_assert_null (g_list_model_get_item (model, 3));
}

/* Selecting through the slots selects in the model below, and its
 * changes of selection come up. */
static void
test_selection_passes_through (void)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new ((const char *[]) { "a", "b", "c", NULL });
  g_autoptr(GtkMultiSelection) selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (strings)));
  g_autoptr(NudgeSlotSelection) slots = nudge_slot_selection_new (GTK_SELECTION_MODEL (selection));
  g_autoptr(GtkBitset) selected = NULL;
  Signals signals = { 0 };

  g_signal_connect (slots, "selection-changed", G_CALLBACK (selection_changed_cb), &signals);
  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (slots), 1, TRUE));
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (selection), 1));
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (slots), 1));
  g_assert_cmpuint (signals.selection_changed, >=, 1);

  g_assert_true (gtk_selection_model_select_range (GTK_SELECTION_MODEL (slots), 0, 2, FALSE));
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (slots));
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 2);

  /* The selection follows the item, not the position, as items come. */
  splice_strings (strings, 0, 0, "first", NULL);
  g_assert_false (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (slots), 0));
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (slots), 1));
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (slots), 2));

  g_assert_true (gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (slots)));
  g_assert_false (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (selection), 1));
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item)
{
  gtk_list_item_set_child (list_item, gtk_label_new (NULL));
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item)
{
  GtkStringObject *string = nudge_slot_list_item_get_item (list_item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), gtk_string_object_get_string (string));
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A list view on the slots, on screen: rows replaced where they are
 * keep their widgets, which show the new items' text. */
static void
test_rows_keep_widgets (void)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new ((const char *[]) { "one", "two", "three", NULL });
  GtkMultiSelection *selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (strings)));
  NudgeSlotSelection *slots = nudge_slot_selection_new (GTK_SELECTION_MODEL (selection));
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list;
  GtkWidget *label_two, *row_two;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (slots), factory);
  g_object_unref (selection);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 300);
  gtk_window_present (GTK_WINDOW (window));
  nudge_test_spin (200);

  label_two = find_label (list, "two");
  g_assert_nonnull (label_two);
  row_two = gtk_widget_get_parent (label_two);

  splice_strings (strings, 1, 1, "zwei", NULL);
  nudge_test_spin (100);
  g_assert_null (find_label (list, "two"));
  g_assert_true (find_label (list, "zwei") == label_two);
  g_assert_true (gtk_widget_get_parent (label_two) == row_two);

  /* Selected through the view's model, shown as selected by its row. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (slots), 1, TRUE);
  nudge_test_spin (50);
  g_assert_true (gtk_widget_has_css_class (row_two, "selected") ||
                 (gtk_widget_get_state_flags (row_two) & GTK_STATE_FLAG_SELECTED) != 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A big contacts table scrolled halfway down when a reload replaces all
 * its rows (every other contact changed: thousands of runs of changed
 * rows, too many to merge one by one): the view's model never tells of
 * rows added or removed, only of rows to bind again, so the table stays
 * where it was and builds no row anew; and its rows end up the new ones. */
/* Every other contact of @store, in id order, changed in one
 * transaction a minute on. */
static void
change_every_other_contact (NudgeStore *store,
                            gint64      n)
{
  g_autoptr(GError) error = NULL;

  nudge_clock_pin (nudge_clock_now () + 60);
  g_assert_true (nudge_store_begin (store, &error));
  for (gint64 id = 1; id <= n; id += 2)
    {
      g_autoptr(NudgeContact) contact = nudge_store_get_contact (store, id, &error);

      g_assert_no_error (error);
      g_object_set (contact, "notes", "Changed", NULL);
      g_assert_cmpint (nudge_store_save_contact (store, contact, &error), ==, id);
    }
  g_assert_true (nudge_store_commit (store, &error));
  g_assert_no_error (error);
}

static void
test_scrolled_table_held (NudgeTestBook *book,
                          gconstpointer  data)
{
  NudgeStore *store = book->store;
  Signals signals = { 0 };
  NudgeListView *view;
  NudgeWindow *window;
  GtkWidget *column_view;
  GtkAdjustment *adjustment;
  GtkSelectionModel *shown;
  GListModel *sorted;
  double value;
  guint n;

  nudge_test_add_demo (store, 10000, 200, 100, 100, 50);
  window = nudge_test_list_window (store, NUDGE_ENTITY_CONTACT, &view);
  g_assert_true (nudge_test_spin_while ((NudgeTestBusyFunc) nudge_list_view_is_busy, view, 30000));
  column_view = nudge_test_find (GTK_WIDGET (view), NUDGE_TEST_MAPPED, nudge_test_is_of_type,
                                 GSIZE_TO_POINTER (GTK_TYPE_COLUMN_VIEW));
  g_assert_nonnull (column_view);
  shown = gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view));
  g_assert_true (NUDGE_IS_SLOT_SELECTION (shown));
  n = g_list_model_get_n_items (G_LIST_MODEL (shown));
  g_assert_cmpuint (n, ==, 10000);

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
  nudge_test_spin (300);
  value = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (value, >, 0);

  g_signal_connect (shown, "items-changed", G_CALLBACK (items_changed_cb), &signals);
  g_signal_connect (shown, "selection-changed", G_CALLBACK (selection_changed_cb), &signals);

  change_every_other_contact (store, 10000);
  nudge_test_spin (500);
  g_assert_true (nudge_test_spin_while ((NudgeTestBusyFunc) nudge_list_view_is_busy, view, 30000));
  nudge_test_spin (300);

  g_assert_cmpuint (signals.items_changed, ==, 0);
  g_assert_cmpuint (signals.selection_changed, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, n);
  g_assert_cmpfloat (ABS (gtk_adjustment_get_value (adjustment) - value), <, 1);

  /* The rows shown are the book's as it is now. */
  sorted = nudge_list_view_get_model (view, NUDGE_ENTITY_CONTACT);
  for (guint i = 0; i < n; i += 997)
    {
      g_autoptr(NudgeContact) row = g_list_model_get_item (sorted, i);
      g_autoptr(NudgeContact) now = nudge_store_get_contact (store, nudge_contact_get_id (row), NULL);
      g_autoptr(NudgeSlot) slot = g_list_model_get_item (G_LIST_MODEL (shown), i);

      g_assert_true (nudge_slot_get_item (slot) == (gpointer) row);
      g_assert_cmpstr (nudge_contact_get_notes (row), ==, nudge_contact_get_notes (now));
    }

  g_signal_handlers_disconnect_by_data (shown, &signals);
  nudge_test_set_busy_check (NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  nudge_test_spin (50);
}

/* ---- the selection of records ------------------------------------------ */

/* @store holds a company for each of the NULL-ended ids, new objects at
 * @position in place of @removed (as a reload or a sort gives them). */
static void
splice_companies (GListStore *store,
                  guint       position,
                  guint       removed,
                  ...)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, removed);
  for (gint64 id = va_arg (args, gint64); id != 0; id = va_arg (args, gint64))
    {
      NudgeCompany *company = nudge_company_new ();

      g_object_set (company, "id", id, NULL);
      g_ptr_array_add (added, company);
    }
  va_end (args);
  g_list_store_splice (store, position, removed, added->pdata, added->len);
}

/* The ids of the companies selected, in their order, as "2 4". */
static char *
selected_ids (GtkSelectionModel *selection)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);
  g_autoptr(GString) ids = g_string_new (NULL);
  GtkBitsetIter iter;
  guint position;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(NudgeCompany) company = g_list_model_get_item (G_LIST_MODEL (selection), position);

      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 0 ? " " : "", nudge_company_get_id (company));
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

#define assert_selected(selection, expected) \
  G_STMT_START { \
    g_autofree char *_ids = selected_ids (GTK_SELECTION_MODEL (selection)); \
    g_assert_cmpstr (_ids, ==, (expected)); \
  } G_STMT_END

typedef struct
{
  GListModel *model;
  guint       calls;
  gboolean    unknown;
} IdsSource;

static GArray *
read_ids (gpointer data)
{
  IdsSource *source = data;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  source->calls++;
  if (source->unknown)
    return NULL;
  /* In another order than the model's, as a list's own order is. */
  for (guint i = g_list_model_get_n_items (source->model); i-- > 0;)
    {
      g_autoptr(NudgeCompany) company = g_list_model_get_item (source->model, i);
      gint64 id = nudge_company_get_id (company);

      g_array_append_val (ids, id);
    }
  return ids;
}

/* Selected records follow their ids: through a sort or reload that gives
 * them new objects, not onto a record that comes new; Select All takes
 * the ids told at once, or reads the rows when they cannot be told; a
 * click replaces the selection. */
static void
test_records_follow_ids (void)
{
  g_autoptr(GListStore) store = g_list_store_new (NUDGE_TYPE_COMPANY);
  g_autoptr(NudgeRecordSelection) selection = NULL;
  GtkSelectionModel *model;
  IdsSource source = { G_LIST_MODEL (store), 0, FALSE };
  Signals signals = { 0 };

  splice_companies (store, 0, 0, (gint64) 1, (gint64) 2, (gint64) 3, (gint64) 4, (gint64) 0);
  selection = nudge_record_selection_new (G_LIST_MODEL (store));
  model = GTK_SELECTION_MODEL (selection);
  g_signal_connect (selection, "selection-changed", G_CALLBACK (selection_changed_cb), &signals);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (selection)) == NUDGE_TYPE_COMPANY);

  g_assert_true (gtk_selection_model_select_item (model, 1, FALSE));
  g_assert_true (gtk_selection_model_select_item (model, 3, FALSE));
  assert_selected (selection, "2 4");
  g_assert_cmpuint (signals.selection_changed, ==, 2);
  g_assert_cmpuint (signals.last_position, ==, 3);
  g_assert_cmpuint (signals.last_n, ==, 1);

  /* Sorted the other way round: new objects, the same records. */
  splice_companies (store, 0, 4, (gint64) 4, (gint64) 3, (gint64) 2, (gint64) 1, (gint64) 0);
  assert_selected (selection, "4 2");
  g_assert_true (gtk_selection_model_is_selected (model, 0));
  g_assert_false (gtk_selection_model_is_selected (model, 1));

  /* A new record is not selected; one replaced in place stays so. */
  splice_companies (store, 0, 0, (gint64) 9, (gint64) 0);
  splice_companies (store, 3, 1, (gint64) 2, (gint64) 0);
  assert_selected (selection, "4 2");

  /* Hidden (by a search) and shown again while 4 stays in sight. */
  g_list_store_remove (store, 3);
  assert_selected (selection, "4");
  splice_companies (store, 3, 0, (gint64) 2, (gint64) 0);
  assert_selected (selection, "4 2");

  /* Unselected, then every selected row gone: none comes back selected. */
  g_assert_true (gtk_selection_model_unselect_item (model, 3));
  assert_selected (selection, "4");
  g_list_store_remove (store, 1);
  assert_selected (selection, "");
  splice_companies (store, 1, 0, (gint64) 4, (gint64) 0);
  assert_selected (selection, "");

  /* Select All: from the ids told... */
  nudge_record_selection_set_ids_func (selection, read_ids, &source);
  signals.selection_changed = 0;
  g_assert_true (gtk_selection_model_select_all (model));
  g_assert_cmpuint (source.calls, ==, 1);
  assert_selected (selection, "9 4 3 2 1");
  g_assert_cmpuint (signals.selection_changed, ==, 1);
  g_assert_cmpuint (signals.last_position, ==, 0);
  g_assert_cmpuint (signals.last_n, ==, 5);
  splice_companies (store, 0, 5, (gint64) 1, (gint64) 2, (gint64) 3, (gint64) 4, (gint64) 9, (gint64) 0);
  assert_selected (selection, "1 2 3 4 9");
  splice_companies (store, 5, 0, (gint64) 10, (gint64) 0);
  assert_selected (selection, "1 2 3 4 9");

  /* ...a click replaces it, the rest let go... */
  g_assert_true (gtk_selection_model_select_item (model, 2, TRUE));
  assert_selected (selection, "3");
  splice_companies (store, 0, 6, (gint64) 10, (gint64) 9, (gint64) 4, (gint64) 3, (gint64) 2, (gint64) 1, (gint64) 0);
  assert_selected (selection, "3");

  /* ...and read from the rows when the ids cannot be told. */
  source.unknown = TRUE;
  g_assert_true (gtk_selection_model_select_all (model));
  assert_selected (selection, "10 9 4 3 2 1");
  g_assert_true (gtk_selection_model_unselect_all (model));
  assert_selected (selection, "");
  splice_companies (store, 0, 6, (gint64) 1, (gint64) 2, (gint64) 3, (gint64) 4, (gint64) 9, (gint64) 10, (gint64) 0);
  assert_selected (selection, "");
}

int
main (int   argc,
      char *argv[])
{
  nudge_test_ui_init (&argc, &argv, "C.UTF-8");

  g_test_add_func ("/ui/slot-selection/slots-follow", test_slots_follow);
  g_test_add_func ("/ui/slot-selection/selection-passes-through", test_selection_passes_through);
  g_test_add_func ("/ui/slot-selection/rows-keep-widgets", test_rows_keep_widgets);
  g_test_add_func ("/ui/slot-selection/records-follow-ids", test_records_follow_ids);
  g_test_add ("/ui/slot-selection/scrolled-table-held", NudgeTestBook, NULL, nudge_test_pinned_book_set_up,
              test_scrolled_table_held, nudge_test_book_tear_down);
  return g_test_run ();
}
