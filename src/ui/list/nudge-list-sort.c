/* nudge-list-sort.c — how the List's tables sort: each column's sort
 * key (collation keys for text, amounts in the home currency) and Sort
 * By in the view's menu, the keyboard's and a narrow window's way to sort
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-list-view"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-currency.h"
#include "nudge-list-view-private.h"
#include "nudge-record.h"
#include "nudge-records.h"

/* Collation keys by text, shared by every row and column. A reload
 * brings new row objects for the same texts (the daily rescoring
 * replaces every deal), and a key made anew for each costs 30–60 µs on
 * the main loop; looked up here, the new rows sort as fast as the old.
 * Only the main thread sorts. */
#define COLLATE_KEYS_AT_MOST 200000

static char *
collate_key_for (const char *text)
{
  static GHashTable *keys;
  char *key;

  if (keys == NULL)
    keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ref_string_release);
  key = g_hash_table_lookup (keys, text);
  if (key == NULL)
    {
      g_autofree char *folded = g_utf8_casefold (text, -1);
      g_autofree char *made = g_utf8_collate_key (folded, -1);

      /* Rows hold their own references: forgetting every key now and
       * then bounds the table, not the rows' keys. */
      if (g_hash_table_size (keys) >= COLLATE_KEYS_AT_MOST)
        g_hash_table_remove_all (keys);
      key = g_ref_string_new (made);
      g_hash_table_insert (keys, g_strdup (text), key);
    }
  return key;
}

typedef struct
{
  ColumnId    column;
  GRefString *key;     /* NULL for a blank cell */
} SortKey;

static void
sort_key_clear (gpointer data)
{
  g_clear_pointer (&((SortKey *) data)->key, g_ref_string_release);
}

/* A row's collation key for a text column, NULL when the cell is blank,
 * made the first time a sort asks for it and kept with the row until one
 * of its fields changes (nudge_record_derived_quark()): a row renamed in
 * place sorts by its new name. GtkStringSorter made the keys of every row on the main loop each
 * time the rows were replaced (about 60 µs a key with glibc: 3 s for
 * 30,000 deals rescored); compared here, they are made inside the sort's
 * own steps, which GTK spreads over frames while the rows load. Same
 * order: case folded, then collated. */
static const char *
row_sort_key (gpointer item,
              ColumnId column)
{
  GQuark quark = nudge_record_derived_quark ();
  GArray *keys = g_object_get_qdata (item, quark);
  const char *text;
  SortKey made;

  for (guint i = 0; keys != NULL && i < keys->len; i++)
    if (g_array_index (keys, SortKey, i).column == column)
      return g_array_index (keys, SortKey, i).key;
  if (keys == NULL)
    {
      keys = g_array_sized_new (FALSE, FALSE, sizeof (SortKey), 1);
      g_array_set_clear_func (keys, sort_key_clear);
      g_object_set_qdata_full (item, quark, keys, (GDestroyNotify) g_array_unref);
    }
  text = _nudge_list_column_field (column, item);
  made.column = column;
  made.key = text == NULL || *text == '\0' ? NULL : g_ref_string_acquire (collate_key_for (text));
  g_array_append_val (keys, made);
  return made.key;
}

/* How one column sorts. The Amount column's sorts by what a deal is
 * worth in the home currency: 1 480 000 ₴ is less than 975 000 Kč; the
 * rates are read when first needed and again after they change, which
 * sorts the column anew. */
typedef enum
{
  SORT_NONE,
  SORT_ASCENDING,
  SORT_DESCENDING,
} SortWay;

typedef struct
{
  ColumnId    column;
  SortWay     way;       /* as the table sorts by it (probe_way()) */
  gboolean    probing;
  /* the Amount column's */
  NudgeStore *store;
  gulong      changes_id;
  NudgeRates *rates;
  GtkSorter  *sorter;    /* weak */
} ColumnSort;

static void
column_sort_free (gpointer data)
{
  ColumnSort *sort = data;

  g_clear_signal_handler (&sort->changes_id, sort->store);
  g_clear_object (&sort->store);
  g_clear_pointer (&sort->rates, nudge_rates_free);
  g_clear_weak_pointer (&sort->sorter);
  g_free (sort);
}

static void
amount_rates_changed_cb (NudgeStore     *store,
                         NudgeChangeSet *changes,
                         ColumnSort     *sort)
{
  if (!nudge_change_set_touches_any (changes, NUDGE_ENTITY_BIT (NUDGE_ENTITY_CURRENCY)))
    return;
  g_clear_pointer (&sort->rates, nudge_rates_free);
  if (sort->sorter != NULL)
    gtk_sorter_changed (sort->sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

static gboolean
amount_value (ColumnSort *sort,
              gpointer    item,
              gint64     *out_value)
{
  if (!nudge_deal_get_has_amount (item))
    return FALSE;
  if (sort->rates == NULL)
    sort->rates = nudge_rates_load (sort->store);
  if (sort->rates == NULL ||
      !nudge_rates_convert (sort->rates, nudge_deal_get_currency (item),
                            nudge_deal_get_amount_minor (item), out_value))
    *out_value = G_MININT64;  /* no rate to the home currency: below every amount that has one */
  return TRUE;
}

static gboolean
time_value (gint64  at,
            gint64 *out_value)
{
  *out_value = at;
  return at > 0;
}

/* What @item holds in a column that is not text; FALSE when the cell is
 * blank (no amount, never in touch, no next step). */
static gboolean
sort_value (ColumnSort *sort,
            gpointer    item,
            gint64     *out_value)
{
  switch (sort->column)
    {
    case COL_DEAL_STAGE:
      *out_value = nudge_deal_get_stage_probability (item);
      return TRUE;
    case COL_DEAL_AMOUNT:
      return amount_value (sort, item, out_value);
    case COL_DEAL_LAST_ACTIVITY:
      return time_value (nudge_deal_get_last_activity_at (item), out_value);
    case COL_DEAL_NEXT_FOLLOWUP:
      return time_value (nudge_deal_get_next_followup_at (item), out_value);
    case COL_DEAL_STATUS:
      *out_value = nudge_deal_get_status (item);
      return TRUE;
    case COL_CONTACT_LAST_ACTIVITY:
      return time_value (nudge_contact_get_last_activity_at (item), out_value);
    case COL_CONTACT_NEXT_FOLLOWUP:
      return time_value (nudge_contact_get_next_followup_at (item), out_value);
    case COL_COMPANY_CONTACTS:
      *out_value = nudge_company_get_n_contacts (item);
      return TRUE;
    case COL_COMPANY_OPEN_DEALS:
      *out_value = nudge_company_get_n_open_deals (item);
      return TRUE;
    case COL_COMPANY_LAST_ACTIVITY:
      return time_value (nudge_company_get_last_activity_at (item), out_value);
    case COL_DEAL_SCORE:
      *out_value = (gint64) (nudge_deal_get_score (item) * 10);
      return TRUE;
    case COL_CONTACT_SCORE:
      *out_value = (gint64) (nudge_contact_get_score (item) * 10);
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

/* Two stand-ins for rows, which only a column being probed tells apart
 * (probe_way()) */
static GObject *
probe_item (guint i)
{
  static GObject *items[2];

  if (items[i] == NULL)
    items[i] = g_object_new (G_TYPE_OBJECT, NULL);
  return items[i];
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      data)
{
  ColumnSort *sort = data;
  gboolean a_blank, b_blank;
  int order = 0;

  if (a == probe_item (0) || a == probe_item (1))
    return !sort->probing ? GTK_ORDERING_EQUAL : a == probe_item (0) ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;

  if (_nudge_list_column_is_text (sort->column))
    {
      const char *x = row_sort_key ((gpointer) a, sort->column);
      const char *y = row_sort_key ((gpointer) b, sort->column);

      a_blank = x == NULL;
      b_blank = y == NULL;
      if (!a_blank && !b_blank)
        order = strcmp (x, y);
    }
  else
    {
      gint64 x = 0, y = 0;

      a_blank = !sort_value (sort, (gpointer) a, &x);
      b_blank = !sort_value (sort, (gpointer) b, &y);
      order = (x > y) - (x < y);
    }

  /* A blank cell comes last, whichever way the column sorts, as in a
   * spreadsheet: the deals without an amount after the smallest and
   * after the largest. */
  if (a_blank || b_blank)
    order = a_blank == b_blank ? 0 : (a_blank ? 1 : -1) * (sort->way == SORT_DESCENDING ? -1 : 1);

  return order < 0 ? GTK_ORDERING_SMALLER : order > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* GTK 4.8 does not say which way a column sorts (GtkColumnViewSorter's
 * getters are 4.10): the column view's sorter is asked to order the two
 * stand-ins, which only @sort tells apart. */
static SortWay
probe_way (Table      *table,
           ColumnSort *sort)
{
  GtkOrdering order;

  sort->probing = TRUE;
  order = gtk_sorter_compare (gtk_column_view_get_sorter (table->column_view), probe_item (0), probe_item (1));
  sort->probing = FALSE;
  return order == GTK_ORDERING_SMALLER ? SORT_ASCENDING : order == GTK_ORDERING_LARGER ? SORT_DESCENDING : SORT_NONE;
}

/* ---- sorting from the view's menu --------------------------------------- */

/* The column headers sort with the mouse only (GTK 4.8 gives them no
 * keyboard focus), and a narrow window has none: the view's menu sorts
 * too, with "columns.<table>-sort-by" (a column's key) and
 * "columns.<table>-sort-order" ("ascending" or "descending"). */
static void
sort_from_menu (Table *table)
{
  g_autoptr(GVariant) key = g_action_get_state (G_ACTION (table->sort_by));
  g_autoptr(GVariant) order = g_action_get_state (G_ACTION (table->sort_order));
  gboolean descending = g_str_equal (g_variant_get_string (order, NULL), "descending");

  for (guint i = 0; i < table->all_columns->len; i++)
    if (g_str_equal (table->column_infos[i].key, g_variant_get_string (key, NULL)))
      {
        table->sorting_from_menu = TRUE;
        gtk_column_view_sort_by_column (table->column_view, g_ptr_array_index (table->all_columns, i),
                                        descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
        table->sorting_from_menu = FALSE;
        return;
      }
}

static void
sort_by_changed_cb (GSimpleAction *action,
                    GVariant      *value,
                    Table         *table)
{
  g_simple_action_set_state (action, value);
  g_simple_action_set_enabled (table->sort_order, TRUE);
  sort_from_menu (table);
}

static void
sort_order_changed_cb (GSimpleAction *action,
                       GVariant      *value,
                       Table         *table)
{
  g_simple_action_set_state (action, value);
  sort_from_menu (table);
}

/* The table's order changed: each column learns which way it sorts now,
 * so its blank cells stay last. After a header click, the one column
 * whose way changed is the one clicked: the menu ticks it and its way.
 * Where that cannot be told (a header clicked again that already sorted
 * the same way further down), the menu ticks no column until one is
 * chosen in it. A column that sorts anew by itself (amounts, after the
 * exchange rates change) is no header click: the menu keeps its tick. */
void
_nudge_list_sort_changed (Table *table)
{
  int clicked = -1;

  for (guint i = 0; table->sorts != NULL && i < table->sorts->len; i++)
    {
      ColumnSort *sort = g_ptr_array_index (table->sorts, i);
      SortWay way = probe_way (table, sort);

      if (way != sort->way && way != SORT_NONE)
        clicked = clicked == -1 ? (int) i : -2;
      sort->way = way;
    }

  if (table->sorting_from_menu || table->column_resorting || table->sort_by == NULL)
    return;
  if (clicked >= 0)
    {
      ColumnSort *sort = g_ptr_array_index (table->sorts, clicked);

      g_simple_action_set_state (table->sort_by, g_variant_new_string (table->column_infos[clicked].key));
      g_simple_action_set_state (table->sort_order,
                                 g_variant_new_string (sort->way == SORT_DESCENDING ? "descending" : "ascending"));
      g_simple_action_set_enabled (table->sort_order, TRUE);
    }
  else
    {
      g_simple_action_set_state (table->sort_by, g_variant_new_string (""));
      g_simple_action_set_enabled (table->sort_order, FALSE);
    }
}

/* A column's own sorter changed (before and after the column view's
 * handler, which GTK connects once the column sorts) */
static void
column_resort_begin_cb (GtkSorter       *sorter,
                        GtkSorterChange  change,
                        Table           *table)
{
  table->column_resorting = TRUE;
}

static void
column_resort_end_cb (GtkSorter       *sorter,
                      GtkSorterChange  change,
                      Table           *table)
{
  table->column_resorting = FALSE;
}

/* The table opens sorted by its first column, A to Z. */
void
_nudge_list_add_sort_actions (Table            *table,
                              const ColumnInfo *columns,
                              guint             n_columns)
{
  NudgeListView *self = table->view;
  g_autofree char *sort_by_name = g_strdup_printf ("%s-sort-by", table->name);
  g_autofree char *sort_order_name = g_strdup_printf ("%s-sort-order", table->name);
  g_autofree char *sort_by_detailed = g_strdup_printf ("columns.%s", sort_by_name);
  g_autofree char *sort_order_detailed = g_strdup_printf ("columns.%s", sort_order_name);
  g_autoptr(GMenu) by_column = g_menu_new ();
  g_autoptr(GMenu) order = g_menu_new ();
  g_autoptr(GSimpleAction) sort_by = NULL;
  g_autoptr(GSimpleAction) sort_order = NULL;

  sort_by = g_simple_action_new_stateful (sort_by_name, G_VARIANT_TYPE_STRING, g_variant_new_string (columns[0].key));
  sort_order = g_simple_action_new_stateful (sort_order_name, G_VARIANT_TYPE_STRING, g_variant_new_string ("ascending"));
  g_signal_connect (sort_by, "change-state", G_CALLBACK (sort_by_changed_cb), table);
  g_signal_connect (sort_order, "change-state", G_CALLBACK (sort_order_changed_cb), table);
  g_action_map_add_action (G_ACTION_MAP (self->column_actions), G_ACTION (sort_by));
  g_action_map_add_action (G_ACTION_MAP (self->column_actions), G_ACTION (sort_order));
  table->sort_by = sort_by;
  table->sort_order = sort_order;

  for (guint i = 0; i < n_columns; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (g_dgettext (GETTEXT_PACKAGE, columns[i].title), NULL);

      g_menu_item_set_action_and_target_value (item, sort_by_detailed, g_variant_new_string (columns[i].key));
      g_menu_append_item (by_column, item);
    }
  {
    g_autoptr(GMenuItem) ascending = g_menu_item_new (_("_Ascending"), NULL);
    g_autoptr(GMenuItem) descending = g_menu_item_new (_("_Descending"), NULL);

    g_menu_item_set_action_and_target_value (ascending, sort_order_detailed, g_variant_new_string ("ascending"));
    g_menu_item_set_action_and_target_value (descending, sort_order_detailed, g_variant_new_string ("descending"));
    g_menu_append_item (order, ascending);
    g_menu_append_item (order, descending);
  }
  table->sort_menu = g_menu_new ();
  g_menu_append_section (table->sort_menu, NULL, G_MENU_MODEL (by_column));
  g_menu_append_section (table->sort_menu, NULL, G_MENU_MODEL (order));
}

/* A column's sorter; the Amount column's sorts anew by itself when the
 * exchange rates change. */
GtkSorter *
_nudge_list_column_sorter_new (Table    *table,
                               ColumnId  column)
{
  ColumnSort *sort = g_new0 (ColumnSort, 1);
  GtkSorter *sorter;

  sort->column = column;
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_cb, sort, column_sort_free));
  if (table->sorts == NULL)
    table->sorts = g_ptr_array_new ();
  g_ptr_array_add (table->sorts, sort);
  if (column == COL_DEAL_AMOUNT)
    {
      sort->store = g_object_ref (table->view->store);
      sort->changes_id = g_signal_connect (sort->store, "changes", G_CALLBACK (amount_rates_changed_cb), sort);
      g_set_weak_pointer (&sort->sorter, sorter);
      g_signal_connect (sorter, "changed", G_CALLBACK (column_resort_begin_cb), table);
      g_signal_connect_after (sorter, "changed", G_CALLBACK (column_resort_end_cb), table);
    }
  return sorter;
}
