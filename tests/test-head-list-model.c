/* test-head-list-model.c — the first items of a list, with changes that
 * say exactly what changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "nudge-head-list-model.h"

typedef struct
{
  GListModel *head;
  GPtrArray  *seen;      /* what a viewer built from the signals alone */
  guint       touched;   /* items removed plus added in the last change */
} Viewer;

static void
head_changed_cb (GListModel *head,
                 guint       position,
                 guint       removed,
                 guint       added,
                 Viewer     *viewer)
{
  g_assert_cmpuint (position + removed, <=, viewer->seen->len);
  g_ptr_array_remove_range (viewer->seen, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (viewer->seen, position + i, g_list_model_get_item (head, position + i));
  g_assert_cmpuint (g_list_model_get_n_items (head), ==, viewer->seen->len);
  viewer->touched += removed + added;
}

static void
assert_shows_head (Viewer     *viewer,
                   GListStore *store,
                   guint       size)
{
  guint n = MIN (size, g_list_model_get_n_items (G_LIST_MODEL (store)));

  g_assert_cmpuint (viewer->seen->len, ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (viewer->head), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_assert_true (g_ptr_array_index (viewer->seen, i) == item);
    }
}

/* Random splices, in and out of the window, and a window that grows and
 * shrinks: the viewer always sees the first items. */
static void
test_follows_source (void)
{
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(NudgeHeadListModel) head = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);
  Viewer viewer = { 0 };
  guint size = 10;

  for (guint i = 0; i < 25; i++)
    {
      g_autoptr(GObject) o = g_object_new (G_TYPE_OBJECT, NULL);
      g_list_store_append (store, o);
    }
  head = nudge_head_list_model_new (G_LIST_MODEL (store), size);
  viewer.head = G_LIST_MODEL (head);
  viewer.seen = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < size; i++)
    g_ptr_array_add (viewer.seen, g_list_model_get_item (viewer.head, i));
  g_signal_connect (head, "items-changed", G_CALLBACK (head_changed_cb), &viewer);

  for (guint step = 0; step < 5000; step++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
      guint op = g_rand_int_range (rand, 0, 10);

      if (op == 0)
        {
          size = g_rand_int_range (rand, 0, 30);
          nudge_head_list_model_set_size (head, size);
        }
      else
        {
          guint position = g_rand_int_range (rand, 0, n + 1);
          guint removed = g_rand_int_range (rand, 0, MIN (n - position, 4) + 1);
          guint added = n > 40 ? 0 : g_rand_int_range (rand, 0, 4);
          g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

          for (guint i = 0; i < added; i++)
            g_ptr_array_add (items, g_object_new (G_TYPE_OBJECT, NULL));
          g_list_store_splice (store, position, removed, items->pdata, added);
        }
      assert_shows_head (&viewer, store, size);
    }
  g_ptr_array_unref (viewer.seen);
}

/* A card leaving the top of a long column, or arriving there: the
 * viewer is told of that card and of the one sliding in or out at the
 * end, not of every card in between. */
static void
test_one_change_touches_two (void)
{
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(NudgeHeadListModel) head = NULL;
  g_autoptr(GObject) first = NULL;
  Viewer viewer = { 0 };

  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(GObject) o = g_object_new (G_TYPE_OBJECT, NULL);
      g_list_store_append (store, o);
    }
  head = nudge_head_list_model_new (G_LIST_MODEL (store), 50);
  viewer.head = G_LIST_MODEL (head);
  viewer.seen = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < 50; i++)
    g_ptr_array_add (viewer.seen, g_list_model_get_item (viewer.head, i));
  g_signal_connect (head, "items-changed", G_CALLBACK (head_changed_cb), &viewer);

  first = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_list_store_remove (store, 0);
  g_assert_cmpuint (viewer.touched, ==, 2);
  assert_shows_head (&viewer, store, 50);

  viewer.touched = 0;
  g_list_store_insert (store, 0, first);
  g_assert_cmpuint (viewer.touched, ==, 2);
  assert_shows_head (&viewer, store, 50);

  viewer.touched = 0;
  g_list_store_remove (store, 700);
  g_assert_cmpuint (viewer.touched, ==, 0);
  assert_shows_head (&viewer, store, 50);
  g_ptr_array_unref (viewer.seen);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/head-list-model/follows-source", test_follows_source);
  g_test_add_func ("/core/head-list-model/one-change-touches-two", test_one_change_touches_two);
  return g_test_run ();
}
