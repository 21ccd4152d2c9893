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

  if (text == NULL)
    text = "";
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
  GRefString *key;
} SortKey;

static void
sort_key_clear (gpointer data)
{
  g_ref_string_release (((SortKey *) data)->key);
}

/* A row's collation key for a text column, made the first time a sort
 * asks for it and kept with the row until one of its fields changes
 * (nudge_record_derived_quark()): a row renamed in place sorts by its new
 * name. GtkStringSorter made the keys of every row on the main loop each
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
  made.column = column;
  made.key = g_ref_string_acquire (collate_key_for (_nudge_list_column_field (column, item)));
  g_array_append_val (keys, made);
  return made.key;
}

static int
compare_text_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  ColumnId column = (ColumnId) GPOINTER_TO_INT (data);
  int order = strcmp (row_sort_key ((gpointer) a, column), row_sort_key ((gpointer) b, column));

  return order < 0 ? GTK_ORDERING_SMALLER : order > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* A missing time sorts after every real one. */
static gint64
time_key (gint64 at)
{
  return at > 0 ? at : G_MAXINT64;
}

static gint64
column_sort_number (gpointer item,
                    gpointer data)
{
  switch ((ColumnId) GPOINTER_TO_INT (data))
    {
    case COL_DEAL_STAGE:
      return nudge_deal_get_stage_probability (item);
    case COL_DEAL_AMOUNT:
      return nudge_deal_get_has_amount (item) ? nudge_deal_get_amount_minor (item) : G_MININT64;
    case COL_DEAL_LAST_ACTIVITY:
      return time_key (nudge_deal_get_last_activity_at (item));
    case COL_DEAL_NEXT_FOLLOWUP:
      return time_key (nudge_deal_get_next_followup_at (item));
    case COL_DEAL_STATUS:
      return nudge_deal_get_status (item);
    case COL_CONTACT_LAST_ACTIVITY:
      return time_key (nudge_contact_get_last_activity_at (item));
    case COL_CONTACT_NEXT_FOLLOWUP:
      return time_key (nudge_contact_get_next_followup_at (item));
    case COL_COMPANY_CONTACTS:
      return nudge_company_get_n_contacts (item);
    case COL_COMPANY_OPEN_DEALS:
      return nudge_company_get_n_open_deals (item);
    case COL_COMPANY_LAST_ACTIVITY:
      return time_key (nudge_company_get_last_activity_at (item));
    case COL_DEAL_SCORE:
      return (gint64) (nudge_deal_get_score (item) * 10);
    case COL_CONTACT_SCORE:
      return (gint64) (nudge_contact_get_score (item) * 10);
    default:
      g_assert_not_reached ();
    }
}

/* Amounts sort by what they are worth in the home currency: 1 480 000 ₴
 * is less than 975 000 Kč. The rates are read when first needed and
 * again after they change, which sorts the column anew. */
typedef struct
{
  NudgeStore *store;
  gulong      changes_id;
  NudgeRates *rates;
  GtkSorter  *sorter;     /* weak */
} AmountKey;

static void
amount_key_free (gpointer data)
{
  AmountKey *key = data;

  g_clear_signal_handler (&key->changes_id, key->store);
  g_clear_object (&key->store);
  g_clear_pointer (&key->rates, nudge_rates_free);
  g_clear_weak_pointer (&key->sorter);
  g_free (key);
}

static void
amount_rates_changed_cb (NudgeStore     *store,
                         NudgeChangeSet *changes,
                         AmountKey      *key)
{
  if (!nudge_change_set_touches_any (changes, NUDGE_ENTITY_BIT (NUDGE_ENTITY_CURRENCY)))
    return;
  g_clear_pointer (&key->rates, nudge_rates_free);
  if (key->sorter != NULL)
    gtk_sorter_changed (key->sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

static gint64
amount_sort_key (gpointer   item,
                 AmountKey *key)
{
  gint64 home = 0;

  if (!nudge_deal_get_has_amount (item))
    return G_MININT64;
  if (key->rates == NULL)
    key->rates = nudge_rates_load (key->store);
  if (key->rates != NULL &&
      nudge_rates_convert (key->rates, nudge_deal_get_currency (item), nudge_deal_get_amount_minor (item), &home))
    return home;
  /* No rate to the home currency: below every amount that has one */
  return G_MININT64 + 1;
}

static GtkSorter *
amount_sorter_new (NudgeStore *store)
{
  AmountKey *key = g_new0 (AmountKey, 1);
  GtkExpression *expression;
  GtkSorter *sorter;

  key->store = g_object_ref (store);
  key->changes_id = g_signal_connect (store, "changes", G_CALLBACK (amount_rates_changed_cb), key);
  expression = gtk_cclosure_expression_new (G_TYPE_INT64, NULL, 0, NULL, G_CALLBACK (amount_sort_key),
                                            key, (GClosureNotify) (void (*) (void)) amount_key_free);
  sorter = GTK_SORTER (gtk_numeric_sorter_new (expression));
  g_set_weak_pointer (&key->sorter, sorter);
  return sorter;
}

static GtkSorter *
column_sorter_new (ColumnId column)
{
  GtkExpression *expression;

  if (_nudge_list_column_is_text (column))
    return GTK_SORTER (gtk_custom_sorter_new (compare_text_cb, GINT_TO_POINTER (column), NULL));
  expression = gtk_cclosure_expression_new (G_TYPE_INT64, NULL, 0, NULL,
                                            G_CALLBACK (column_sort_number),
                                            GINT_TO_POINTER (column), NULL);
  return GTK_SORTER (gtk_numeric_sorter_new (expression));
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

/* GTK 4.8 does not say which column a header click sorted by: the menu
 * ticks no column, and offers no order, until one is chosen in it. A
 * column that sorts anew by itself (amounts, after the exchange rates
 * change) is no header click: the menu keeps the column it ticks. */
void
_nudge_list_sort_changed_by_header (Table *table)
{
  if (table->sorting_from_menu || table->column_resorting || table->sort_by == NULL)
    return;
  g_simple_action_set_state (table->sort_by, g_variant_new_string (""));
  g_simple_action_set_enabled (table->sort_order, FALSE);
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
  GtkSorter *sorter;

  if (column != COL_DEAL_AMOUNT)
    return column_sorter_new (column);
  sorter = amount_sorter_new (table->view->store);
  g_signal_connect (sorter, "changed", G_CALLBACK (column_resort_begin_cb), table);
  g_signal_connect_after (sorter, "changed", G_CALLBACK (column_resort_end_cb), table);
  return sorter;
}
