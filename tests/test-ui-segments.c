/* test-ui-segments.c — segments and bulk actions of the List view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <time.h>

#include "nudge-automation.h"
#include "nudge-clock.h"
#include "nudge-currency.h"
#include "nudge-list-view.h"
#include "nudge-store.h"
#include "nudge-test-core.h"
#include "nudge-window.h"
#include "nudge-test-ui.h"

#define LONG_AGO 1735725600 /* 2025-01-01 11:00 in Prague */
#define NOW      1772442000 /* 2026-03-02 10:00 in Prague */

typedef struct
{
  NudgeTestBook  book;
  NudgeWindow   *window;
  NudgeListView *view;
  gint64         old_deal;
  gint64         new_deal;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->book.store = nudge_test_book_open ("ui-segments", &f->book.dir, &f->book.path);

  /* One deal untouched for over a year, one from today. */
  nudge_clock_pin (LONG_AGO);
  f->old_deal = nudge_test_add_titled_deal (f->book.store, "Hotel \"Praha\", renovation");
  nudge_clock_pin (NOW);
  f->new_deal = nudge_test_add_titled_deal (f->book.store, "Brno fleet tracking");

  f->window = nudge_test_list_window (f->book.store, NUDGE_ENTITY_DEAL, &f->view);
}

static void
test_dormant (Fixture       *f,
              gconstpointer  data)
{
  GListModel *deals = nudge_list_view_get_model (f->view, NUDGE_ENTITY_DEAL);
  g_autoptr(NudgeActivity) call = nudge_activity_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 2);
  g_assert_true (nudge_list_view_set_named_segment (f->view, "dormant"));
  nudge_test_spin (100);
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 1);
  g_assert_true (nudge_test_model_has_deal (deals, "Hotel \"Praha\", renovation"));
  g_assert_false (nudge_test_model_has_deal (deals, "Brno fleet tracking"));

  /* Company segments do not apply to deals. */
  g_assert_false (nudge_list_view_set_named_segment (f->view, "regular"));

  /* A call today wakes the deal up: it leaves the segment by itself. */
  g_object_set (call, "kind", "call", "occurred-at", (gint64) NOW, "deal-id", f->old_deal, NULL);
  nudge_store_add_activity (f->book.store, call, &error);
  g_assert_no_error (error);
  nudge_test_spin (600);
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 0);

  /* Back to a plain segment. */
  nudge_list_view_set_segment (f->view, NUDGE_SEGMENT_ALL);
  nudge_test_spin (100);
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 2);
}

/* The count beside a built-in segment in the sidebar: the last label of
 * the list row whose title is @title */
static GtkWidget *
find_segment_row (GtkWidget  *widget,
                  const char *title)
{
  if (GTK_IS_LIST_BOX_ROW (widget))
    {
      GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (widget));
      GtkWidget *label = box ? gtk_widget_get_first_child (box) : NULL;

      for (; label != NULL; label = gtk_widget_get_next_sibling (label))
        if (GTK_IS_LABEL (label) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), title) == 0)
          return widget;
      return NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_segment_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
segment_count (Fixture    *f,
               const char *title)
{
  GtkWidget *row = find_segment_row (GTK_WIDGET (f->view), title);
  GtkWidget *count;

  g_assert_nonnull (row);
  count = gtk_widget_get_last_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)));
  g_assert_true (GTK_IS_LABEL (count));
  return gtk_label_get_text (GTK_LABEL (count));
}

typedef struct
{
  Fixture    *f;
  const char *title;
  const char *want;
} CountWait;

static gboolean
count_differs (gpointer data)
{
  CountWait *w = data;

  return g_strcmp0 (segment_count (w->f, w->title), w->want) != 0;
}

/* The sidebar counts the deals of each segment (on a worker) and counts
 * again after a change. */
static void
test_counts (Fixture       *f,
             gconstpointer  data)
{
  CountWait all = { f, "All", "2" }, idle = { f, "No activity for 90+ days", "1" };
  CountWait open = { f, "Open", "2" }, won = { f, "Won", "0" };

  g_assert_true (nudge_test_spin_while (count_differs, &all, 5000));
  g_assert_true (nudge_test_spin_while (count_differs, &idle, 5000));
  g_assert_true (nudge_test_spin_while (count_differs, &open, 5000));
  g_assert_true (nudge_test_spin_while (count_differs, &won, 5000));

  nudge_test_add_titled_deal (f->book.store, "Ostrava warehouse");
  all.want = "3";
  open.want = "3";
  g_assert_true (nudge_test_spin_while (count_differs, &all, 5000));
  g_assert_true (nudge_test_spin_while (count_differs, &open, 5000));
  g_assert_cmpstr (segment_count (f, "No activity for 90+ days"), ==, "1");
}

static void
test_apply_cadence (Fixture       *f,
                    gconstpointer  data)
{
  GtkSelectionModel *selection = nudge_list_view_get_selection (f->view, NUDGE_ENTITY_DEAL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cadences = nudge_cadence_list (f->book.store, &error);
  g_autoptr(GPtrArray) old_followups = NULL;
  g_autoptr(GPtrArray) new_followups = NULL;
  NudgeCadence *cadence;
  guint steps;

  g_assert_no_error (error);
  g_assert_cmpuint (cadences->len, >, 0);
  cadence = g_ptr_array_index (cadences, 0);
  steps = cadence->steps->len;
  g_assert_cmpuint (steps, >, 0);

  /* Nothing selected: the action is off and creates nothing. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "list.apply-cadence", "s", cadence->name);
  nudge_test_spin (50);
  old_followups = nudge_store_list_followups (f->book.store, NUDGE_ENTITY_DEAL, f->old_deal, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (old_followups->len, ==, 0);
  g_clear_pointer (&old_followups, g_ptr_array_unref);

  gtk_selection_model_select_all (selection);
  nudge_test_spin (50);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "list.apply-cadence", "s", cadence->name));
  nudge_test_spin (100);

  old_followups = nudge_store_list_followups (f->book.store, NUDGE_ENTITY_DEAL, f->old_deal, TRUE, &error);
  g_assert_no_error (error);
  new_followups = nudge_store_list_followups (f->book.store, NUDGE_ENTITY_DEAL, f->new_deal, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (old_followups->len, ==, steps);
  g_assert_cmpuint (new_followups->len, ==, steps);

  /* A cadence that does not exist creates nothing at all. */
  gtk_selection_model_select_all (selection);
  g_assert_cmpint (nudge_list_view_apply_cadence (f->view, "No such cadence", &error), ==, -1);
  g_assert_nonnull (error);
  g_clear_pointer (&old_followups, g_ptr_array_unref);
  old_followups = nudge_store_list_followups (f->book.store, NUDGE_ENTITY_DEAL, f->old_deal, TRUE, NULL);
  g_assert_cmpuint (old_followups->len, ==, steps);

  /* One more follow-up for each selected deal, through the menu's action. */
  gtk_selection_model_select_all (selection);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "list.plan-followup", "(si)", "call", 1));
  nudge_test_spin (100);
  g_clear_pointer (&old_followups, g_ptr_array_unref);
  old_followups = nudge_store_list_followups (f->book.store, NUDGE_ENTITY_DEAL, f->old_deal, TRUE, NULL);
  g_assert_cmpuint (old_followups->len, ==, steps + 1);
  g_clear_pointer (&new_followups, g_ptr_array_unref);
  new_followups = nudge_store_list_followups (f->book.store, NUDGE_ENTITY_DEAL, f->new_deal, TRUE, NULL);
  g_assert_cmpuint (new_followups->len, ==, steps + 1);
}

static void
test_saved_search (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *deals = nudge_list_view_get_model (f->view, NUDGE_ENTITY_DEAL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) members = NULL;
  g_auto(GStrv) saved = NULL;

  nudge_list_view_set_search (f->view, "praha");
  nudge_test_spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 1);
  g_assert_true (nudge_list_view_save_search (f->view, " Praha deals ", &error));
  g_assert_no_error (error);
  nudge_test_spin (50);

  saved = nudge_segment_list_saved (f->book.store);
  g_assert_cmpstrv (saved, ((const char *[]) { "Praha deals", NULL }));
  /* The search moved into the segment. */
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 1);
  g_assert_true (nudge_test_model_has_deal (deals, "Hotel \"Praha\", renovation"));

  /* A new match joins the segment. */
  nudge_test_add_titled_deal (f->book.store, "Praha office chairs");
  nudge_test_spin (600);
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 2);
  g_assert_true (nudge_test_model_has_deal (deals, "Praha office chairs"));

  /* Saved searches of deals are not segments of companies. */
  nudge_list_view_set_entity (f->view, NUDGE_ENTITY_COMPANY);
  g_assert_false (nudge_list_view_set_named_segment (f->view, "Praha deals"));
  nudge_list_view_set_entity (f->view, NUDGE_ENTITY_DEAL);
  g_assert_true (nudge_list_view_set_named_segment (f->view, "Praha deals"));
  members = nudge_segment_members (f->book.store, "Praha deals", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 2);
}

/* Save Search as Segment asks for the name, the search to begin with:
 * Cancel (as Escape) saves nothing, a blank name cannot be saved, Save
 * (as Enter) keeps the name typed. */
static void
test_saved_search_dialog (Fixture       *f,
                          gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkEditable *entry;
  g_auto(GStrv) saved = NULL;

  nudge_list_view_set_search (f->view, "praha");
  nudge_test_spin (50);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "list.save-search", NULL));
  dialog = ADW_MESSAGE_DIALOG (nudge_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Search as Segment");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "save");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "save"), ==, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_response (dialog, "cancel");
  nudge_test_close_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  saved = nudge_segment_list_saved (f->book.store);
  g_assert_cmpstrv (saved, ((const char *[]) { NULL }));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "list.save-search", NULL));
  dialog = ADW_MESSAGE_DIALOG (nudge_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "praha");
  gtk_editable_set_text (entry, "  ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (entry, "Praha deals");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  adw_message_dialog_response (dialog, "save");
  nudge_test_close_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_clear_pointer (&saved, g_strfreev);
  saved = nudge_segment_list_saved (f->book.store);
  g_assert_cmpstrv (saved, ((const char *[]) { "Praha deals", NULL }));
}

/* A search that finds nothing says so, under the headers, and Clear
 * Search brings the rows back. */
static void
test_nothing_found (Fixture       *f,
                    gconstpointer  data)
{
  GListModel *deals = nudge_list_view_get_model (f->view, NUDGE_ENTITY_DEAL);
  GtkWidget *entry = nudge_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_SEARCH_ENTRY);

  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 2);
  g_assert_null (nudge_test_find_label (GTK_WIDGET (f->view), "No Results"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "zanzibar");
  nudge_test_spin (400);
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 0);
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (f->view), "No Results"));
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (f->view), "Nothing matches “zanzibar”."));

  g_assert_true (nudge_test_click_button (GTK_WIDGET (f->view), "_Clear Search"));
  nudge_test_spin (400);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (deals), ==, 2);
  g_assert_null (nudge_test_find_label (GTK_WIDGET (f->view), "No Results"));

  /* Two rows selected say so, beside what acts on them. */
  gtk_selection_model_select_all (nudge_list_view_get_selection (f->view, NUDGE_ENTITY_DEAL));
  nudge_test_spin (100);
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (f->view), "2 selected"));
}

/* The Amount column sorts by what deals are worth in the home currency,
 * and anew when a rate changes. */
static void
test_amount_in_home_currency (Fixture       *f,
                              gconstpointer  data)
{
  GListModel *deals = nudge_list_view_get_model (f->view, NUDGE_ENTITY_DEAL);
  GtkColumnView *columns = GTK_COLUMN_VIEW (nudge_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_COLUMN_VIEW));
  g_autoptr(GtkColumnViewColumn) amount = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeDeal) first = NULL;

  g_assert_true (nudge_store_set_home_currency (f->book.store, "CZK", &error));
  g_assert_true (nudge_store_set_rate (f->book.store, "UAH", 0.55, NOW, &error));
  g_assert_no_error (error);
  nudge_test_add_deal (f->book.store, "title", "Hryvnias", "has-amount", TRUE,
                       "amount-minor", (gint64) 148000000, "currency", "UAH", NULL);
  nudge_test_add_deal (f->book.store, "title", "Korunas", "has-amount", TRUE,
                       "amount-minor", (gint64) 97500000, "currency", "CZK", NULL);
  nudge_test_spin (600);

  for (guint i = 0; amount == NULL && i < g_list_model_get_n_items (gtk_column_view_get_columns (columns)); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (gtk_column_view_get_columns (columns), i);

      if (g_str_equal (gtk_column_view_column_get_title (column), "Amount"))
        amount = g_steal_pointer (&column);
    }
  g_assert_nonnull (amount);
  gtk_column_view_sort_by_column (columns, amount, GTK_SORT_DESCENDING);
  nudge_test_spin (300);
  /* 1 480 000 ₴ is 814 000 Kč */
  first = g_list_model_get_item (deals, 0);
  g_assert_cmpstr (nudge_deal_get_title (first), ==, "Korunas");
  g_clear_object (&first);

  g_assert_true (nudge_store_set_rate (f->book.store, "UAH", 0.8, NOW, &error));
  g_assert_no_error (error);
  nudge_test_spin (300);
  first = g_list_model_get_item (deals, 0);
  g_assert_cmpstr (nudge_deal_get_title (first), ==, "Hryvnias");
}

static void
test_export_csv (Fixture       *f,
                 gconstpointer  data)
{
  GListModel *deals = nudge_list_view_get_model (f->view, NUDGE_ENTITY_DEAL);
  GtkSelectionModel *selection = nudge_list_view_get_selection (f->view, NUDGE_ENTITY_DEAL);
  GtkColumnView *column_view = GTK_COLUMN_VIEW (nudge_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_COLUMN_VIEW));
  g_autofree char *path = g_build_filename (f->book.dir, "deals.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GListModel *columns;
  guint hotel;

  /* Only the title and status columns are shown. */
  columns = gtk_column_view_get_columns (column_view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *title = gtk_column_view_column_get_title (column);

      gtk_column_view_column_set_visible (column, g_str_equal (title, "Deal") || g_str_equal (title, "Status"));
    }

  hotel = nudge_test_model_find_deal (deals, "Hotel \"Praha\", renovation");
  g_assert_cmpuint (hotel, !=, G_MAXUINT);
  gtk_selection_model_select_item (selection, hotel, TRUE);
  g_assert_true (nudge_list_view_export_selection (f->view, NUDGE_ENTITY_DEAL, file, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==,
                   "\xEF\xBB\xBF" "Deal,Status\r\n"
                   "\"Hotel \"\"Praha\"\", renovation\",open\r\n");

  /* Both rows, in the order shown (by title). */
  gtk_selection_model_select_all (selection);
  g_assert_true (nudge_list_view_export_selection (f->view, NUDGE_ENTITY_DEAL, file, &error));
  g_clear_pointer (&contents, g_free);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[1], ==, "Brno fleet tracking,open");
  g_assert_cmpstr (lines[3], ==, "");
  g_assert_true (g_utf8_validate (contents, -1, NULL));
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "dormant", NUDGE_TEST_FUNC (test_dormant) },
    { "apply-cadence", NUDGE_TEST_FUNC (test_apply_cadence) },
    { "saved-search", NUDGE_TEST_FUNC (test_saved_search) },
    { "saved-search-dialog", NUDGE_TEST_FUNC (test_saved_search_dialog) },
    { "export-csv", NUDGE_TEST_FUNC (test_export_csv) },
    { "nothing-found", NUDGE_TEST_FUNC (test_nothing_found) },
    { "amount-in-home-currency", NUDGE_TEST_FUNC (test_amount_in_home_currency) },
    { "counts", NUDGE_TEST_FUNC (test_counts) },
  };

  nudge_test_ui_init (&argc, &argv, NULL);

  nudge_test_add_table ("/ui/segments/", Fixture, fixture_set_up, nudge_test_window_tear_down, cases);

  return g_test_run ();
}
