/* nudge-slot-selection.c — a selection whose rows keep their widgets
 *
 * GTK 4.8's list item manager gives a row widget to an item: when the
 * items at some positions are replaced by others (a segment chosen, a
 * column sorted, the first rows of a new filter given back), it takes
 * the old rows' widgets away and builds or moves widgets for the new
 * items, and every moved or new row has its cells styled again from
 * scratch. On a big book that made the frames that show a segment's
 * rows 40–60 ms long.
 *
 * This model shows the items of a selection model through slots: a
 * NudgeSlot stands for an item, and follows it as items come and go
 * before it. When items are replaced by as many others at the same
 * positions, the slots there take the new items and the model says the
 * selection of those positions changed instead of the items: the list
 * view keeps the row widgets where they are and binds them again (GTK
 * binds a row again on each update of it), which changes their text
 * and nothing else.
 *
 * Selecting goes to the model below, so the selection still follows the
 * records.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-slot-selection"

#include "config.h"

#include "nudge-slot-selection.h"

struct _NudgeSlot
{
  GObject  parent_instance;

  GObject *item;
};

G_DEFINE_FINAL_TYPE (NudgeSlot, nudge_slot, G_TYPE_OBJECT)

static void
nudge_slot_finalize (GObject *object)
{
  g_clear_object (&NUDGE_SLOT (object)->item);
  G_OBJECT_CLASS (nudge_slot_parent_class)->finalize (object);
}

static void
nudge_slot_class_init (NudgeSlotClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nudge_slot_finalize;
}

static void
nudge_slot_init (NudgeSlot *self)
{
}

/**
 * nudge_slot_get_item:
 *
 * Returns: (transfer none) (type GObject): the item the slot shows now
 */
gpointer
nudge_slot_get_item (NudgeSlot *self)
{
  g_return_val_if_fail (NUDGE_IS_SLOT (self), NULL);
  return self->item;
}

/**
 * nudge_slot_list_item_get_item:
 *
 * Returns: (transfer none) (nullable) (type GObject): the item shown by
 *   @list_item of a view on a #NudgeSlotSelection
 */
gpointer
nudge_slot_list_item_get_item (GtkListItem *list_item)
{
  gpointer slot = gtk_list_item_get_item (list_item);

  return slot != NULL ? nudge_slot_get_item (slot) : NULL;
}

struct _NudgeSlotSelection
{
  GObject            parent_instance;

  GtkSelectionModel *model;
  GPtrArray         *slots;   /* one a position: a slot given out, or NULL */
};

static void list_model_iface_init (GListModelInterface *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NudgeSlotSelection, nudge_slot_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL, selection_model_iface_init))

/* @removed slots at @position make way for @added empty ones, the slots
 * after them moving with their items. */
static void
splice_slots (NudgeSlotSelection *self,
              guint               position,
              guint               removed,
              guint               added)
{
  guint len = self->slots->len;
  guint tail = len - position - removed;

  for (guint i = position; i < position + removed; i++)
    g_clear_object ((NudgeSlot **) &self->slots->pdata[i]);
  if (added > removed)
    g_ptr_array_set_size (self->slots, len + added - removed);
  /* An empty array has no pdata to move within. */
  if (tail > 0)
    memmove (&self->slots->pdata[position + added], &self->slots->pdata[position + removed],
             tail * sizeof (gpointer));
  if (added > removed)
    memset (&self->slots->pdata[position], 0, added * sizeof (gpointer));
  else
    g_ptr_array_set_size (self->slots, len - removed + added);
}

/* The items at @position were replaced by as many others: the slots
 * there show the new ones. A slot no view holds any more is let go. */
static void
retarget_slots (NudgeSlotSelection *self,
                guint               position,
                guint               n)
{
  for (guint i = position; i < position + n; i++)
    {
      NudgeSlot *slot = g_ptr_array_index (self->slots, i);

      if (slot == NULL)
        continue;
      if (G_OBJECT (slot)->ref_count == 1)
        {
          g_clear_object ((NudgeSlot **) &self->slots->pdata[i]);
          continue;
        }
      g_clear_object (&slot->item);
      slot->item = g_list_model_get_item (G_LIST_MODEL (self->model), i);
    }
}

static void
model_items_changed_cb (GListModel         *model,
                        guint               position,
                        guint               removed,
                        guint               added,
                        NudgeSlotSelection *self)
{
  if (removed == added)
    {
      retarget_slots (self, position, added);
      /* The list view updates, and so binds again, the rows there. */
      gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, added);
      return;
    }
  splice_slots (self, position, removed, added);
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
model_selection_changed_cb (GtkSelectionModel  *model,
                            guint               position,
                            guint               n_items,
                            NudgeSlotSelection *self)
{
  gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, n_items);
}

static GType
list_get_item_type (GListModel *list)
{
  return NUDGE_TYPE_SLOT;
}

static guint
list_get_n_items (GListModel *list)
{
  return NUDGE_SLOT_SELECTION (list)->slots->len;
}

static gpointer
list_get_item (GListModel *list,
               guint       position)
{
  NudgeSlotSelection *self = NUDGE_SLOT_SELECTION (list);
  NudgeSlot *slot;

  if (position >= self->slots->len)
    return NULL;
  slot = g_ptr_array_index (self->slots, position);
  if (slot == NULL)
    {
      slot = g_object_new (NUDGE_TYPE_SLOT, NULL);
      slot->item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
      self->slots->pdata[position] = slot;
    }
  return g_object_ref (slot);
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
  return gtk_selection_model_is_selected (NUDGE_SLOT_SELECTION (model)->model, position);
}

static GtkBitset *
selection_get_selection_in_range (GtkSelectionModel *model,
                                  guint              position,
                                  guint              n_items)
{
  return gtk_selection_model_get_selection_in_range (NUDGE_SLOT_SELECTION (model)->model, position, n_items);
}

static gboolean
selection_select_all (GtkSelectionModel *model)
{
  return gtk_selection_model_select_all (NUDGE_SLOT_SELECTION (model)->model);
}

static gboolean
selection_unselect_all (GtkSelectionModel *model)
{
  return gtk_selection_model_unselect_all (NUDGE_SLOT_SELECTION (model)->model);
}

/* Select Item, Select Range and their Unselect come here too (GTK's
 * defaults for them call set_selection()). */
static gboolean
selection_set_selection (GtkSelectionModel *model,
                         GtkBitset         *selected,
                         GtkBitset         *mask)
{
  return gtk_selection_model_set_selection (NUDGE_SLOT_SELECTION (model)->model, selected, mask);
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = selection_is_selected;
  iface->get_selection_in_range = selection_get_selection_in_range;
  iface->select_all = selection_select_all;
  iface->unselect_all = selection_unselect_all;
  iface->set_selection = selection_set_selection;
}

static void
nudge_slot_selection_dispose (GObject *object)
{
  NudgeSlotSelection *self = NUDGE_SLOT_SELECTION (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  if (self->slots != NULL)
    splice_slots (self, 0, self->slots->len, 0);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  G_OBJECT_CLASS (nudge_slot_selection_parent_class)->dispose (object);
}

static void
nudge_slot_selection_class_init (NudgeSlotSelectionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = nudge_slot_selection_dispose;
}

static void
nudge_slot_selection_init (NudgeSlotSelection *self)
{
}

/**
 * nudge_slot_selection_new:
 * @model: (transfer none): the selection to show
 */
NudgeSlotSelection *
nudge_slot_selection_new (GtkSelectionModel *model)
{
  NudgeSlotSelection *self;

  g_return_val_if_fail (GTK_IS_SELECTION_MODEL (model), NULL);

  self = g_object_new (NUDGE_TYPE_SLOT_SELECTION, NULL);
  self->model = g_object_ref (model);
  self->slots = g_ptr_array_new ();
  g_ptr_array_set_size (self->slots, g_list_model_get_n_items (G_LIST_MODEL (model)));
  g_signal_connect (model, "items-changed", G_CALLBACK (model_items_changed_cb), self);
  g_signal_connect (model, "selection-changed", G_CALLBACK (model_selection_changed_cb), self);
  return self;
}

/**
 * nudge_slot_selection_get_model:
 *
 * Returns: (transfer none): the selection @self shows
 */
GtkSelectionModel *
nudge_slot_selection_get_model (NudgeSlotSelection *self)
{
  g_return_val_if_fail (NUDGE_IS_SLOT_SELECTION (self), NULL);
  return self->model;
}
