/* test-ui-list-sort.c — the List sorted from its menu, as the keyboard
 * and a narrow window (which has no column headers) sort it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "nudge-clock.h"
#include "nudge-currency.h"
#include "nudge-list-view.h"
#include "nudge-records.h"
#include "nudge-store.h"
#include "nudge-window.h"
#include "nudge-test-core.h"
#include "nudge-test-ui.h"

typedef NudgeTestListWindow Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  nudge_test_book_open_at (&f->book, "ui-list-sort", 1772442000); /* 2026-03-02 10:00 in Prague */
  /* Amounts sort in the home currency */
  g_assert_true (nudge_store_set_home_currency (f->book.store, "CZK", NULL));
  nudge_test_add_deal (f->book.store, "title", "Alpha", "has-amount", TRUE, "amount-minor", (gint64) 50000, NULL);
  nudge_test_add_deal (f->book.store, "title", "Charlie", "has-amount", TRUE, "amount-minor", (gint64) 9000000, NULL);
  nudge_test_add_deal (f->book.store, "title", "Delta", "has-amount", TRUE, "amount-minor", (gint64) 200000, NULL);
  nudge_test_add_deal (f->book.store, "title", "Bravo", "has-amount", TRUE, "amount-minor", (gint64) 100000, NULL);
  f->window = nudge_test_list_window (f->book.store, NUDGE_ENTITY_DEAL, &f->view);
}

/* The deals' titles in the order the table shows them, "Alpha Bravo …" */
static char *
shown_order (Fixture *f)
{
  GListModel *deals = nudge_list_view_get_model (f->view, NUDGE_ENTITY_DEAL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) titles = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (deals); i++)
    {
      g_autoptr(NudgeDeal) deal = g_list_model_get_item (deals, i);

      g_strv_builder_add (builder, nudge_deal_get_title (deal));
    }
  titles = g_strv_builder_end (builder);
  return g_strjoinv (" ", titles);
}

static void
choose (Fixture    *f,
        const char *action,
        const char *target)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), action, "s", target));
  nudge_test_spin (100);
}

/* Every action the menu @model offers, its sections and submenus too */
static void
collect_actions (GMenuModel *model,
                 GPtrArray  *actions)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);
      char *action = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        g_ptr_array_add (actions, action);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) linked = g_menu_link_iter_get_value (links);

          collect_actions (linked, actions);
        }
    }
}

/* The view's menu button: the one whose menu imports */
static gboolean
is_more_button (GtkWidget     *widget,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
  GMenuModel *model;

  if (!GTK_IS_MENU_BUTTON (widget) || (model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget))) == NULL)
    return FALSE;
  collect_actions (model, actions);
  return g_ptr_array_find_with_equal_func (actions, "list.import-csv", g_str_equal, NULL);
}

/* The view's menu has everything it had before sorting came to it:
 * merging duplicates, the columns, and now the order. */
static void
test_menu_offers_sorting (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *button = nudge_test_find (GTK_WIDGET (f->view), NUDGE_TEST_ANY, is_more_button, NULL);
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (button);
  collect_actions (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)), actions);
  g_assert_true (g_ptr_array_find_with_equal_func (actions, "list.merge", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (actions, "columns.deals-status", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (actions, "columns.deals-sort-by", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (actions, "columns.deals-sort-order", g_str_equal, NULL));
}

static gboolean
has_action (GPtrArray  *actions,
            const char *action)
{
  return g_ptr_array_find_with_equal_func (actions, action, g_str_equal, NULL);
}

/* Columns and Sort By are settings of the view: a section of their own
 * in its menu, apart from merging. The same two submenus stay while
 * Deals, Contacts and Companies take turns, and name the columns of the
 * table on show. */
static void
test_view_settings_section (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *button = nudge_test_find (GTK_WIDGET (f->view), NUDGE_TEST_ANY, is_more_button, NULL);
  GMenuModel *menu;
  g_autoptr(GMenuModel) section = NULL;
  g_autoptr(GMenuModel) columns = NULL;
  g_autoptr(GMenuModel) sort_by = NULL;
  static const struct { NudgeEntity entity; const char *shown; const char *other; } tables[] = {
    { NUDGE_ENTITY_CONTACT, "contacts", "deals" },
    { NUDGE_ENTITY_COMPANY, "companies", "contacts" },
    { NUDGE_ENTITY_DEAL, "deals", "companies" },
  };

  g_assert_nonnull (button);
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 3);
  section = g_menu_model_get_item_link (menu, 2, G_MENU_LINK_SECTION);
  g_assert_nonnull (section);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, 2);
  columns = g_menu_model_get_item_link (section, 0, G_MENU_LINK_SUBMENU);
  sort_by = g_menu_model_get_item_link (section, 1, G_MENU_LINK_SUBMENU);
  g_assert_nonnull (columns);
  g_assert_nonnull (sort_by);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autoptr(GPtrArray) column_actions = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) sort_actions = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) section_actions = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *sort_by_action = g_strdup_printf ("columns.%s-sort-by", tables[i].shown);
      g_autofree char *other_sort_by = g_strdup_printf ("columns.%s-sort-by", tables[i].other);
      g_autoptr(GMenuModel) now_section = NULL;
      g_autoptr(GMenuModel) now_columns = NULL;
      g_autoptr(GMenuModel) now_sort_by = NULL;

      nudge_list_view_set_entity (f->view, tables[i].entity);
      nudge_test_spin (100);
      g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 3);
      now_section = g_menu_model_get_item_link (menu, 2, G_MENU_LINK_SECTION);
      now_columns = g_menu_model_get_item_link (now_section, 0, G_MENU_LINK_SUBMENU);
      now_sort_by = g_menu_model_get_item_link (now_section, 1, G_MENU_LINK_SUBMENU);
      g_assert_true (now_section == section);
      g_assert_true (now_columns == columns);
      g_assert_true (now_sort_by == sort_by);

      collect_actions (columns, column_actions);
      collect_actions (sort_by, sort_actions);
      collect_actions (section, section_actions);
      g_assert_cmpuint (column_actions->len, >, 0);
      for (guint j = 0; j < column_actions->len; j++)
        g_assert_true (g_str_has_prefix (g_ptr_array_index (column_actions, j), "columns.") &&
                       g_str_has_prefix ((char *) g_ptr_array_index (column_actions, j) + strlen ("columns."),
                                         tables[i].shown));
      g_assert_true (has_action (sort_actions, sort_by_action));
      g_assert_false (has_action (sort_actions, other_sort_by));
      g_assert_false (has_action (section_actions, "list.merge"));
    }
}

/* The column that sorts the table, by its header */
static void
sort_by_header (Fixture     *f,
                guint        position,
                GtkSortType  direction)
{
  GtkColumnView *column_view = GTK_COLUMN_VIEW (nudge_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_COLUMN_VIEW));
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_assert_nonnull (column_view);
  column = g_list_model_get_item (gtk_column_view_get_columns (column_view), position);

  gtk_column_view_sort_by_column (column_view, column, direction);
  nudge_test_spin (100);
}

static void
test_sort_from_menu (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *order = NULL;

  g_assert_cmpstr ((order = shown_order (f)), ==, "Alpha Bravo Charlie Delta");
  g_clear_pointer (&order, g_free);

  choose (f, "columns.deals-sort-by", "amount");
  g_assert_cmpstr ((order = shown_order (f)), ==, "Alpha Bravo Delta Charlie");
  g_clear_pointer (&order, g_free);

  choose (f, "columns.deals-sort-order", "descending");
  g_assert_cmpstr ((order = shown_order (f)), ==, "Charlie Delta Bravo Alpha");
  g_clear_pointer (&order, g_free);

  /* A header clicked sorts by its column; the menu's order then turns
   * that column round, not the column the menu last had. */
  sort_by_header (f, 0, GTK_SORT_DESCENDING);
  g_assert_cmpstr ((order = shown_order (f)), ==, "Delta Charlie Bravo Alpha");
  g_clear_pointer (&order, g_free);
  choose (f, "columns.deals-sort-order", "ascending");
  g_assert_cmpstr ((order = shown_order (f)), ==, "Alpha Bravo Charlie Delta");
  g_clear_pointer (&order, g_free);

  /* A column chosen again sorts the way the menu says */
  choose (f, "columns.deals-sort-order", "descending");
  choose (f, "columns.deals-sort-by", "amount");
  g_assert_cmpstr ((order = shown_order (f)), ==, "Charlie Delta Bravo Alpha");
}

/* A deal without an amount comes after the smallest and after the
 * largest, as a blank cell does in a spreadsheet. */
static void
test_blanks_last (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *order = NULL;

  nudge_test_add_deal (f->book.store, "title", "Echo", NULL);
  nudge_test_spin (100);

  sort_by_header (f, 4, GTK_SORT_ASCENDING);  /* Amount */
  g_assert_cmpstr ((order = shown_order (f)), ==, "Alpha Bravo Delta Charlie Echo");
  g_clear_pointer (&order, g_free);
  sort_by_header (f, 4, GTK_SORT_DESCENDING);
  g_assert_cmpstr ((order = shown_order (f)), ==, "Charlie Delta Bravo Alpha Echo");
  g_clear_pointer (&order, g_free);

  /* The menu's way turns the column the header chose round, blanks still last */
  choose (f, "columns.deals-sort-order", "ascending");
  g_assert_cmpstr ((order = shown_order (f)), ==, "Alpha Bravo Delta Charlie Echo");
}

/* A text cell left blank comes last too: the deals of no company after
 * the first name and after the last. */
static void
test_blank_text_last (Fixture       *f,
                      gconstpointer  data)
{
  gint64 acme = nudge_test_add_named_company (f->book.store, "Acme");
  gint64 zeta = nudge_test_add_named_company (f->book.store, "Zeta");
  g_autofree char *order = NULL;

  nudge_test_add_deal (f->book.store, "title", "Echo", "company-id", zeta, NULL);
  nudge_test_add_deal (f->book.store, "title", "Foxtrot", "company-id", acme, NULL);
  nudge_test_spin (100);

  choose (f, "columns.deals-sort-order", "ascending");
  choose (f, "columns.deals-sort-by", "company");
  order = shown_order (f);
  g_assert_true (g_str_has_prefix (order, "Foxtrot Echo "));
  g_clear_pointer (&order, g_free);
  choose (f, "columns.deals-sort-order", "descending");
  order = shown_order (f);
  g_assert_true (g_str_has_prefix (order, "Echo Foxtrot "));
}

/* Exchange rates that change sort the amounts anew: the menu still
 * sorts by Amount, and its order still turns it round. */
static void
test_rates_keep_sort_column (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *order = NULL;

  nudge_test_add_deal (f->book.store, "title", "Echo", "currency", "EUR", "has-amount", TRUE,
                       "amount-minor", (gint64) 10000, NULL);
  nudge_test_spin (100);
  choose (f, "columns.deals-sort-by", "amount");
  /* No rate to crowns yet: below every amount that has one */
  g_assert_cmpstr ((order = shown_order (f)), ==, "Echo Alpha Bravo Delta Charlie");
  g_clear_pointer (&order, g_free);

  g_assert_true (nudge_store_set_rate (f->book.store, "EUR", 25.0, nudge_clock_now (), &error));
  g_assert_no_error (error);
  nudge_test_spin (100);
  g_assert_cmpstr ((order = shown_order (f)), ==, "Alpha Bravo Delta Echo Charlie");
  g_clear_pointer (&order, g_free);

  choose (f, "columns.deals-sort-order", "descending");
  g_assert_cmpstr ((order = shown_order (f)), ==, "Charlie Echo Delta Bravo Alpha");
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "menu-offers-sorting", NUDGE_TEST_FUNC (test_menu_offers_sorting) },
    { "view-settings-section", NUDGE_TEST_FUNC (test_view_settings_section) },
    { "sort-from-menu", NUDGE_TEST_FUNC (test_sort_from_menu) },
    { "rates-keep-sort-column", NUDGE_TEST_FUNC (test_rates_keep_sort_column) },
    { "blanks-last", NUDGE_TEST_FUNC (test_blanks_last) },
    { "blank-text-last", NUDGE_TEST_FUNC (test_blank_text_last) },
  };

  nudge_test_ui_init (&argc, &argv, NULL);

  nudge_test_add_table ("/ui/list-sort/", Fixture, fixture_set_up, nudge_test_window_tear_down, cases);

  return g_test_run ();
}
