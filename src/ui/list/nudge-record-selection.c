/* nudge-record-selection.c — a selection of records that follows their ids
 *
 * GtkMultiSelection keeps every selected item in a table of its own, to
 * find it again when the model replaces it: selecting every row of the
 * 100k book read and referenced each of them through the selection, the
 * sorting and the filter (350 ms of the main loop), and each change of
 * the rows while they were selected walked the whole table again.
 *
 * This model keeps the positions selected in a bitset and the ids of the
 * records selected in a set:
 * - Select All takes the ids from a function that reads them without
 *   the models above the records (nudge_record_selection_set_ids_func());
 * - a row that goes and comes back in one change (a sort, a reload, an
 *   edit that gave its record a new object) is selected again if its
 *   record was, found by id rather than by object;
 * - a row that comes alone (a new record) is not selected;
 * - a selected record out of sight (a search that hides it) stays
 *   selected, and is again when it is shown, while other selected rows
 *   are in sight and until the selection is replaced (a click, Select
 *   All, Unselect All). Only the rows shown count as selected.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-record-selection"

#include "config.h"

#include "nudge-record-selection.h"
#include "nudge-records.h"

struct _NudgeRecordSelection
{
  GObject             parent_instance;

  GListModel         *model;
  GtkBitset          *selected;  /* positions in @model */
  GHashTable         *ids;       /* gint64 *: the records selected, shown or not */
  NudgeRecordIdsFunc  ids_func;
  gpointer            ids_data;
};

static void list_model_iface_init (GListModelInterface *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NudgeRecordSelection, nudge_record_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL, selection_model_iface_init))

static gint64
id_at (NudgeRecordSelection *self,
       guint                 position)
{
  g_autoptr(GObject) item = g_list_model_get_item (self->model, position);

  return item != NULL ? nudge_record_get_id (item) : 0;
}

static void
add_id (NudgeRecordSelection *self,
        gint64                id)
{
  g_hash_table_add (self->ids, g_memdup2 (&id, sizeof id));
}

static void
emit_changed (NudgeRecordSelection *self,
              guint                 first,
              guint                 last)
{
  if (first <= last)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), first, last - first + 1);
}

static void
model_items_changed_cb (GListModel           *model,
                        guint                 position,
                        guint                 removed,
                        guint                 added,
                        NudgeRecordSelection *self)
{
  /* The records to look for among the rows that came: the selected
   * ones that went, and those that were out of sight. */
  guint64 wanted = g_hash_table_size (self->ids) - gtk_bitset_get_size (self->selected);

  if (removed > 0)
    wanted += gtk_bitset_get_size_in_range (self->selected, position, position + removed - 1);
  gtk_bitset_splice (self->selected, position, removed, added);
  for (guint i = position; wanted > 0 && i < position + added; i++)
    {
      gint64 id = id_at (self, i);

      if (g_hash_table_contains (self->ids, &id))
        {
          gtk_bitset_add (self->selected, i);
          wanted--;
        }
    }
  /* No selected row left in sight (all deleted, or hidden by a search):
   * they come back unselected. */
  if (gtk_bitset_is_empty (self->selected))
    g_hash_table_remove_all (self->ids);
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static GType
list_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (NUDGE_RECORD_SELECTION (list)->model);
}

static guint
list_get_n_items (GListModel *list)
{
  return g_list_model_get_n_items (NUDGE_RECORD_SELECTION (list)->model);
}

static gpointer
list_get_item (GListModel *list,
               guint       position)
{
  return g_list_model_get_item (NUDGE_RECORD_SELECTION (list)->model, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static gboolean
selection_is_selected (GtkSelectionModel *model,
                       guint              position)
{
  return gtk_bitset_contains (NUDGE_RECORD_SELECTION (model)->selected, position);
}

static GtkBitset *
selection_get_selection_in_range (GtkSelectionModel *model,
                                  guint              position,
                                  guint              n_items)
{
  GtkBitset *range = gtk_bitset_new_range (position, n_items);

  gtk_bitset_intersect (range, NUDGE_RECORD_SELECTION (model)->selected);
  return range;
}

/* Select Item, Select Range and their Unselect come here too (GTK's
 * defaults for them call set_selection()). */
static gboolean
selection_set_selection (GtkSelectionModel *model,
                         GtkBitset         *selected,
                         GtkBitset         *mask)
{
  NudgeRecordSelection *self = NUDGE_RECORD_SELECTION (model);
  guint n = g_list_model_get_n_items (self->model);
  g_autoptr(GtkBitset) changes = gtk_bitset_copy (self->selected);
  GtkBitsetIter iter;
  guint first, last, position;

  gtk_bitset_difference (changes, selected);
  gtk_bitset_intersect (changes, mask);
  if (gtk_bitset_is_empty (changes))
    return TRUE;
  first = gtk_bitset_get_minimum (changes);
  last = gtk_bitset_get_maximum (changes);

  if (n > 0 && gtk_bitset_get_size_in_range (mask, 0, n - 1) == n)
    {
      /* The selection replaced (a click): what was selected, shown or
       * not, is let go without reading it. */
      g_hash_table_remove_all (self->ids);
      gtk_bitset_remove_all (self->selected);
      for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
           ok && position < n;
           ok = gtk_bitset_iter_next (&iter, &position))
        {
          add_id (self, id_at (self, position));
          gtk_bitset_add (self->selected, position);
        }
    }
  else
    {
      for (gboolean ok = gtk_bitset_iter_init_first (&iter, changes, &position);
           ok && position < n;
           ok = gtk_bitset_iter_next (&iter, &position))
        {
          gint64 id = id_at (self, position);

          if (gtk_bitset_contains (selected, position))
            {
              add_id (self, id);
              gtk_bitset_add (self->selected, position);
            }
          else
            {
              g_hash_table_remove (self->ids, &id);
              gtk_bitset_remove (self->selected, position);
            }
        }
    }
  emit_changed (self, first, last);
  return TRUE;
}

static gboolean
selection_select_all (GtkSelectionModel *model)
{
  NudgeRecordSelection *self = NUDGE_RECORD_SELECTION (model);
  guint n = g_list_model_get_n_items (self->model);
  g_autoptr(GArray) ids = self->ids_func != NULL ? self->ids_func (self->ids_data) : NULL;
  g_autoptr(GtkBitset) all = NULL;

  if (n == 0)
    return TRUE;
  if (ids == NULL || ids->len != n)
    {
      all = gtk_bitset_new_range (0, n);
      return selection_set_selection (model, all, all);
    }
  g_hash_table_remove_all (self->ids);
  for (guint i = 0; i < ids->len; i++)
    add_id (self, g_array_index (ids, gint64, i));
  gtk_bitset_add_range (self->selected, 0, n);
  emit_changed (self, 0, n - 1);
  return TRUE;
}

static gboolean
selection_unselect_all (GtkSelectionModel *model)
{
  NudgeRecordSelection *self = NUDGE_RECORD_SELECTION (model);
  guint first, last;

  g_hash_table_remove_all (self->ids);
  if (gtk_bitset_is_empty (self->selected))
    return TRUE;
  first = gtk_bitset_get_minimum (self->selected);
  last = gtk_bitset_get_maximum (self->selected);
  gtk_bitset_remove_all (self->selected);
  emit_changed (self, first, last);
  return TRUE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = selection_is_selected;
  iface->get_selection_in_range = selection_get_selection_in_range;
  iface->set_selection = selection_set_selection;
  iface->select_all = selection_select_all;
  iface->unselect_all = selection_unselect_all;
}

static void
nudge_record_selection_dispose (GObject *object)
{
  NudgeRecordSelection *self = NUDGE_RECORD_SELECTION (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (nudge_record_selection_parent_class)->dispose (object);
}

static void
nudge_record_selection_finalize (GObject *object)
{
  NudgeRecordSelection *self = NUDGE_RECORD_SELECTION (object);

  g_clear_pointer (&self->selected, gtk_bitset_unref);
  g_clear_pointer (&self->ids, g_hash_table_unref);
  G_OBJECT_CLASS (nudge_record_selection_parent_class)->finalize (object);
}

static void
nudge_record_selection_class_init (NudgeRecordSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nudge_record_selection_dispose;
  object_class->finalize = nudge_record_selection_finalize;
}

static void
nudge_record_selection_init (NudgeRecordSelection *self)
{
  self->selected = gtk_bitset_new_empty ();
  self->ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/**
 * nudge_record_selection_new:
 * @model: (transfer none): a model of deals, contacts or companies
 */
NudgeRecordSelection *
nudge_record_selection_new (GListModel *model)
{
  NudgeRecordSelection *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (NUDGE_TYPE_RECORD_SELECTION, NULL);
  self->model = g_object_ref (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (model_items_changed_cb), self);
  return self;
}

/**
 * nudge_record_selection_set_ids_func:
 * @func: (nullable): tells the ids of every item of the model at once,
 *   for Select All; without it, or when it returns %NULL, each item is
 *   read through the model
 */
void
nudge_record_selection_set_ids_func (NudgeRecordSelection *self,
                                     NudgeRecordIdsFunc    func,
                                     gpointer              data)
{
  g_return_if_fail (NUDGE_IS_RECORD_SELECTION (self));

  self->ids_func = func;
  self->ids_data = data;
}
