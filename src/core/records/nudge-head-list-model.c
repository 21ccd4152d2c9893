/* nudge-head-list-model.c — the first items of a list model
 *
 * What a board column shows: the first cards of a long sorted list,
 * growing as the column is scrolled. GtkSliceListModel does the same, but
 * it reports a change inside the slice as a change of everything from
 * there to its end, so a card moved to the top of a column rebuilds every
 * card below it. This model passes on the change itself, then slides the
 * end of the window by the difference: one card in, one card out.
 *
 * It can also hold its items still while the source is replaced as a
 * whole (the daily rescoring replaces every deal): frozen, it shows what
 * it showed, and thawed a few items at a time it lets a view rebuild its
 * rows over several frames instead of all of them in one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-head-list-model"

#include "config.h"

#include "nudge-head-list-model.h"

struct _NudgeHeadListModel
{
  GObject     parent_instance;

  GListModel *model;
  guint       size;     /* at most this many items */
  guint       n_shown;  /* what the last items-changed left the viewers with */
  GPtrArray  *frozen;   /* the items shown while frozen, or NULL */
  guint       thawed;   /* while frozen: how many first items are the source's again */
  guint       consumed; /* while frozen: how many of the frozen items are gone */
  guint       base;     /* while frozen: the position frozen[0] had when frozen */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NudgeHeadListModel, nudge_head_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static guint
visible (NudgeHeadListModel *self,
         guint               n_source)
{
  return MIN (n_source, self->size);
}

/* Tells the viewers, who see @self->n_shown items, that @removed at
 * @position were replaced by @added; the count follows first, so that
 * they read the model as they expect it. */
static void
emit (NudgeHeadListModel *self,
      guint               position,
      guint               removed,
      guint               added)
{
  if (removed == 0 && added == 0)
    return;
  self->n_shown = self->n_shown - removed + added;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
source_changed_cb (GListModel         *model,
                   guint               position,
                   guint               removed,
                   guint               added,
                   NudgeHeadListModel *self)
{
  guint n_after = g_list_model_get_n_items (model);
  guint old_visible = self->n_shown;
  guint new_visible = visible (self, n_after);
  guint removed_in, added_in, now;

  /* Frozen, the source's changes wait for the thaw; once the thaw has
   * begun, a change among the items given back is told at once (the
   * first @thawed items stay the source's first ones), and a change past
   * them waits. */
  if (self->frozen != NULL)
    {
      guint shown;

      if (self->thawed == 0 || position >= self->thawed)
        return;
      shown = MIN (removed, self->thawed - position);
      self->thawed = self->thawed - shown + added;
      emit (self, position, shown, added);
      return;
    }
  if (position >= old_visible && position >= new_visible)
    return;

  /* The change itself, as far as it reaches into the window... */
  removed_in = position < old_visible ? MIN (removed, old_visible - position) : 0;
  added_in = position < new_visible ? MIN (added, new_visible - position) : 0;
  emit (self, position, removed_in, added_in);

  /* ...then the end of the window: items slid in from below, or out. */
  now = self->n_shown;
  if (now < new_visible)
    emit (self, now, 0, new_visible - now);
  else if (now > new_visible)
    emit (self, new_visible, now - new_visible, 0);
}

static GType
list_get_item_type (GListModel *list)
{
  NudgeHeadListModel *self = NUDGE_HEAD_LIST_MODEL (list);

  return g_list_model_get_item_type (self->model);
}

static guint
list_get_n_items (GListModel *list)
{
  return NUDGE_HEAD_LIST_MODEL (list)->n_shown;
}

static gpointer
list_get_item (GListModel *list,
               guint       position)
{
  NudgeHeadListModel *self = NUDGE_HEAD_LIST_MODEL (list);

  if (position >= self->n_shown)
    return NULL;
  if (self->frozen != NULL && position >= self->thawed)
    {
      /* Where the item was when the model froze */
      guint index = position - self->thawed + self->consumed;
      guint n_source;

      if (index >= self->base && index - self->base < self->frozen->len)
        return g_object_ref (g_ptr_array_index (self->frozen, index - self->base));
      /* Outside a window held (nudge_head_list_model_freeze_window()):
       * no view shows it, the source's item stands in. */
      n_source = g_list_model_get_n_items (self->model);
      if (n_source > 0)
        return g_list_model_get_item (self->model, MIN (position, n_source - 1));
      return self->frozen->len > 0 ? g_object_ref (g_ptr_array_index (self->frozen, 0)) : NULL;
    }
  return g_list_model_get_item (self->model, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static void
nudge_head_list_model_dispose (GObject *object)
{
  NudgeHeadListModel *self = NUDGE_HEAD_LIST_MODEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, source_changed_cb, self);
  g_clear_object (&self->model);
  g_clear_pointer (&self->frozen, g_ptr_array_unref);
  G_OBJECT_CLASS (nudge_head_list_model_parent_class)->dispose (object);
}

static void
nudge_head_list_model_class_init (NudgeHeadListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = nudge_head_list_model_dispose;
}

static void
nudge_head_list_model_init (NudgeHeadListModel *self)
{
}

/**
 * nudge_head_list_model_new:
 * @model: (transfer none): the list to show the first items of
 * @size: how many at most
 */
NudgeHeadListModel *
nudge_head_list_model_new (GListModel *model,
                           guint       size)
{
  NudgeHeadListModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (NUDGE_TYPE_HEAD_LIST_MODEL, NULL);
  self->model = g_object_ref (model);
  self->size = size;
  self->n_shown = visible (self, g_list_model_get_n_items (model));
  g_signal_connect (model, "items-changed", G_CALLBACK (source_changed_cb), self);
  return self;
}

GListModel *
nudge_head_list_model_get_model (NudgeHeadListModel *self)
{
  g_return_val_if_fail (NUDGE_IS_HEAD_LIST_MODEL (self), NULL);
  return self->model;
}

guint
nudge_head_list_model_get_size (NudgeHeadListModel *self)
{
  g_return_val_if_fail (NUDGE_IS_HEAD_LIST_MODEL (self), 0);
  return self->size;
}

void
nudge_head_list_model_set_size (NudgeHeadListModel *self,
                                guint               size)
{
  guint before, after;

  g_return_if_fail (NUDGE_IS_HEAD_LIST_MODEL (self));

  before = self->n_shown;
  self->size = size;
  if (self->frozen != NULL)
    return;
  after = visible (self, g_list_model_get_n_items (self->model));
  if (after > before)
    emit (self, before, 0, after - before);
  else if (after < before)
    emit (self, after, before - after, 0);
}

/**
 * nudge_head_list_model_freeze:
 * @keep: how many of the first items to keep showing
 *
 * Keeps showing the first @keep items shown now (the rest go), whatever
 * the source does, until nudge_head_list_model_thaw() has given them all
 * back. Called before the source changes: the items kept are the ones a
 * view shows.
 */
void
nudge_head_list_model_freeze (NudgeHeadListModel *self,
                              guint               keep)
{
  g_return_if_fail (NUDGE_IS_HEAD_LIST_MODEL (self));

  if (self->frozen != NULL)
    return;
  nudge_head_list_model_freeze_window (self, 0, keep);
  if (self->n_shown > self->frozen->len)
    emit (self, self->frozen->len, self->n_shown - self->frozen->len, 0);
}

/**
 * nudge_head_list_model_freeze_window:
 * @first: the first of the items to hold
 * @n: how many
 *
 * Like nudge_head_list_model_freeze(), but every item shown now stays
 * (a list scrolled down stays where it is), and only the @n items from
 * @first are held as they are: those a view has rows for. Until thawed,
 * the others (no view shows them) are read from the source at their
 * positions, so freezing a long list costs what the rows on screen do.
 */
void
nudge_head_list_model_freeze_window (NudgeHeadListModel *self,
                                     guint               first,
                                     guint               n)
{
  g_return_if_fail (NUDGE_IS_HEAD_LIST_MODEL (self));

  if (self->frozen != NULL)
    return;
  first = MIN (first, self->n_shown);
  n = MIN (n, self->n_shown - first);
  self->frozen = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->frozen, g_list_model_get_item (self->model, first + i));
  self->thawed = 0;
  self->consumed = 0;
  self->base = first;
}

gboolean
nudge_head_list_model_is_frozen (NudgeHeadListModel *self)
{
  g_return_val_if_fail (NUDGE_IS_HEAD_LIST_MODEL (self), FALSE);
  return self->frozen != NULL;
}

/**
 * nudge_head_list_model_get_thawed:
 *
 * Returns: while frozen, how many first items are the source's again
 *   (nudge_head_list_model_thaw()); otherwise all of them
 */
guint
nudge_head_list_model_get_thawed (NudgeHeadListModel *self)
{
  g_return_val_if_fail (NUDGE_IS_HEAD_LIST_MODEL (self), 0);
  return self->frozen != NULL ? self->thawed : self->n_shown;
}

/**
 * nudge_head_list_model_thaw:
 * @n: how many more of the first items to take from the source; past
 *   @at_most of them, all the rest at once
 *
 * Each step gives back @n more of the source's first items, up to
 * @at_most: in the places of as many frozen items, replaced where they
 * are, then (once the frozen items are all replaced) after them, @n / 2
 * a step; then the frozen items left go, from the last, up to 2 × @n a
 * step; then the rest of the source comes at once.
 *
 * A list view builds widgets for its first items only (GTK 4.8: two
 * hundred). An item that replaces another where it is keeps that row's
 * widget, when the view shows the model through a #NudgeSlotSelection;
 * an item added past the frozen ones needs a widget of its own. The
 * first item stays where it is, so the list view, anchored to it, keeps
 * showing the top.
 *
 * Returns: %TRUE once the model follows its source again
 */
gboolean
nudge_head_list_model_thaw (NudgeHeadListModel *self,
                            guint               n,
                            guint               at_most)
{
  guint n_visible, target, n_old, keep;

  g_return_val_if_fail (NUDGE_IS_HEAD_LIST_MODEL (self), TRUE);

  if (self->frozen == NULL)
    return TRUE;
  n_visible = visible (self, g_list_model_get_n_items (self->model));
  target = MIN (n_visible, at_most);
  /* The frozen items still shown, after the thawed ones */
  n_old = self->n_shown - self->thawed;
  if (n > 0 && self->thawed < target)
    {
      guint start = self->thawed;
      guint step = MIN (n_old > 0 ? n : MAX (n / 2, 1), target - start);
      guint replaced = MIN (step, n_old);

      /* The frozen items replaced where they are, then the new ones
       * past them: two changes, the model as each says it is. */
      self->thawed += replaced;
      self->consumed += replaced;
      emit (self, start, replaced, replaced);
      self->thawed += step - replaced;
      emit (self, start + replaced, 0, step - replaced);
      n_old -= replaced;
      /* The frozen items left go in the steps after. */
      if (self->thawed < target || n_old > 0)
        return FALSE;
    }
  if (n > 0 && n_old > 0)
    {
      /* Past the first @at_most, frozen items have no widgets: they go
       * at once. Before, 2 × @n a step. */
      guint end = self->n_shown;
      guint beyond = end > MAX (at_most, self->thawed) ? end - MAX (at_most, self->thawed) : 0;
      guint gone = beyond > 0 ? beyond : MIN (2 * n, n_old);

      if (gone < n_old)
        {
          emit (self, end - gone, gone, 0);
          return FALSE;
        }
    }
  g_clear_pointer (&self->frozen, g_ptr_array_unref);
  /* (The source's changes during the thaw may have left more items
   * given back than a smaller window shows.) */
  keep = MIN (self->thawed, n_visible);
  emit (self, keep, self->n_shown - keep, n_visible - keep);
  return TRUE;
}
