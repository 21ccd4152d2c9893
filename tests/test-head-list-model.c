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
  guint       in_place;  /* of those, items replaced by as many at the same places */
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
  if (removed == added)
    viewer->in_place += added;
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

/* The viewer starts from what the model shows, then follows its signals. */
static void
viewer_watch (Viewer             *viewer,
              NudgeHeadListModel *head)
{
  viewer->head = G_LIST_MODEL (head);
  viewer->seen = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (viewer->head); i++)
    g_ptr_array_add (viewer->seen, g_list_model_get_item (viewer->head, i));
  g_signal_connect (head, "items-changed", G_CALLBACK (head_changed_cb), viewer);
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
  viewer_watch (&viewer, head);

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
  viewer_watch (&viewer, head);

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

static void
fill_store (GListStore *store,
            guint       n)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_object_new (G_TYPE_OBJECT, NULL));
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), items->pdata, n);
}

/* The first @n items @model shows now. */
static GPtrArray *
first_items (GListModel *model,
             guint       n)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  return items;
}

/* A whole book shown in full, as a table at its top shows it. */
typedef struct
{
  GListStore         *store;
  NudgeHeadListModel *head;
  Viewer              viewer;
} Book;

static void
book_set_up (Book          *book,
             gconstpointer  data)
{
  book->store = g_list_store_new (G_TYPE_OBJECT);
  fill_store (book->store, 1000);
  book->head = nudge_head_list_model_new (G_LIST_MODEL (book->store), G_MAXUINT);
  viewer_watch (&book->viewer, book->head);
}

static void
book_tear_down (Book          *book,
                gconstpointer  data)
{
  g_clear_object (&book->head);
  g_clear_object (&book->store);
  g_clear_pointer (&book->viewer.seen, g_ptr_array_unref);
}

/* Every row replaced at once (the daily rescoring): frozen, the viewer
 * keeps the first rows it had and loses the rest at once; the source's
 * changes reach it only as the thaw gives the rows back, a batch a step,
 * each batch a change of those rows alone; then the frozen rows go and
 * it follows the source again. */
static void
test_freeze_and_thaw (Book          *book,
                      gconstpointer  data)
{
  Viewer *viewer = &book->viewer;
  g_autoptr(GPtrArray) before = first_items (viewer->head, 100);
  guint steps = 0;

  nudge_head_list_model_freeze (book->head, 100);
  g_assert_true (nudge_head_list_model_is_frozen (book->head));
  g_assert_cmpuint (viewer->seen->len, ==, 100);
  g_assert_cmpuint (viewer->touched, ==, 900);

  /* Replaced, then a few rows fewer: none of it shows yet. */
  viewer->touched = 0;
  fill_store (book->store, 1000);
  g_list_store_splice (book->store, 0, 10, NULL, 0);
  g_assert_cmpuint (viewer->touched, ==, 0);
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (viewer->head, i);

      g_assert_true (item == g_ptr_array_index (before, i));
      g_assert_true (g_ptr_array_index (viewer->seen, i) == item);
    }

  /* Thawed 30 at a time: rows 0–29, 30–59, 60–89, then the rest. */
  for (;;)
    {
      gboolean done;

      viewer->touched = 0;
      viewer->in_place = 0;
      done = nudge_head_list_model_thaw (book->head, 30, 100);
      steps++;
      if (done)
        break;
      /* 30 frozen rows replaced where they are, the rows after them
       * still the frozen ones */
      g_assert_cmpuint (viewer->touched, ==, 60);
      g_assert_cmpuint (viewer->in_place, ==, 30);
      for (guint i = 30 * steps; i < 100; i++)
        g_assert_true (g_ptr_array_index (viewer->seen, i) == g_ptr_array_index (before, i));
      for (guint i = 0; i < 30 * steps; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (book->store), i);

          g_assert_true (g_ptr_array_index (viewer->seen, i) == item);
        }
    }
  g_assert_cmpuint (steps, ==, 4);
  g_assert_false (nudge_head_list_model_is_frozen (book->head));
  assert_shows_head (viewer, book->store, G_MAXUINT);

  /* Following the source again. */
  g_list_store_remove (book->store, 5);
  assert_shows_head (viewer, book->store, G_MAXUINT);
}

/* Thaws @book's head about @n rows a step up to @at_most, checking that each
 * step touches at most @most rows and that the viewer's first rows are
 * the source's as far as they are thawed; returns the steps taken. */
static guint
thaw_checked (Book  *book,
              guint  n,
              guint  at_most,
              guint  most)
{
  Viewer *viewer = &book->viewer;
  guint steps = 0;

  for (gboolean done = FALSE; !done; steps++)
    {
      guint n_source = g_list_model_get_n_items (G_LIST_MODEL (book->store));

      viewer->touched = 0;
      viewer->in_place = 0;
      done = nudge_head_list_model_thaw (book->head, n, at_most);
      /* (A row replaced where it is counts once.) */
      if (!done)
        g_assert_cmpuint (viewer->touched - viewer->in_place, <=, most);
      /* At least @n / 2 rows a step (@n once @at_most rows are shown) */
      for (guint i = 0; i < MIN (MAX (n / 2, 1) * (steps + 1), MIN (n_source, at_most)); i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (book->store), i);

          g_assert_true (g_ptr_array_index (viewer->seen, i) == item);
        }
      g_assert_cmpuint (steps, <, 1000);
    }
  assert_shows_head (viewer, book->store, G_MAXUINT);
  return steps;
}

/* Few rows frozen (a small segment), many after: the rows past the
 * frozen ones come a few a step too, not all at once; fewer while the
 * viewer has fewer than @at_most rows, as each needs a widget of its own
 * then. */
static void
test_thaw_more_rows (Book          *book,
                     gconstpointer  data)
{
  fill_store (book->store, 15);
  nudge_head_list_model_freeze (book->head, 100);
  g_assert_cmpuint (book->viewer.seen->len, ==, 15);
  fill_store (book->store, 1000);
  /* 10 frozen rows replaced, then the other 5 and 5 new ones, then 5 a
   * step to 100, then the rest in. */
  g_assert_cmpuint (thaw_checked (book, 10, 100, 10), ==, 18);
}

/* Many rows frozen, few after (a segment chosen): the new rows replace
 * the first frozen ones where they are, then the other frozen rows go,
 * 20 a step from the last, not all at once. */
static void
test_thaw_fewer_rows (Book          *book,
                      gconstpointer  data)
{
  nudge_head_list_model_freeze (book->head, 100);
  fill_store (book->store, 15);
  /* 10 replaced, 5 replaced, then 85 frozen rows out: 20 a step and
   * the last 5. */
  g_assert_cmpuint (thaw_checked (book, 10, 100, 20), ==, 7);
}

/* A change among the rows given back reaches the viewer at once, as
 * itself; one past them waits for the thaw, which goes on. The viewer
 * never holds rows the source no longer has where it had them. */
static void
test_change_during_thaw (Book          *book,
                         gconstpointer  data)
{
  Viewer *viewer = &book->viewer;
  g_autoptr(GObject) new = g_object_new (G_TYPE_OBJECT, NULL);

  nudge_head_list_model_freeze (book->head, 200);
  fill_store (book->store, 600);
  g_assert_false (nudge_head_list_model_thaw (book->head, 20, 200));

  viewer->touched = 0;
  g_list_store_remove (book->store, 3);
  g_assert_cmpuint (viewer->touched, ==, 1);
  g_list_store_insert (book->store, 5, new);
  g_assert_cmpuint (viewer->touched, ==, 2);
  g_list_store_remove (book->store, 300);
  g_assert_cmpuint (viewer->touched, ==, 2);
  g_assert_true (nudge_head_list_model_is_frozen (book->head));
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (book->store), i);

      g_assert_true (g_ptr_array_index (viewer->seen, i) == item);
    }

  /* A removal reaching past the rows given back: 15 rows left, then
   * 20 a step to 200, the frozen ones going with the last step. */
  g_list_store_splice (book->store, 15, 10, NULL, 0);
  g_assert_cmpuint (thaw_checked (book, 20, 200, 40), ==, 10);
}

/* The next step of thawing a head held at rows @lo to @hi, as the List
 * takes it: the rows before at once, @batch a step among them, the rest
 * at once. */
static guint
window_step (NudgeHeadListModel *head,
             guint               lo,
             guint               hi,
             guint               batch)
{
  guint thawed = nudge_head_list_model_get_thawed (head);

  if (thawed < lo)
    return lo - thawed;
  return thawed < hi ? batch : G_MAXUINT / 4;
}

/* Thaws @book's head held at rows @lo to @hi (window_step()), checking
 * that each step but the last replaces rows in place only, no more than
 * asked for; returns the steps taken. */
static guint
thaw_window_checked (Book  *book,
                     guint  lo,
                     guint  hi,
                     guint  batch)
{
  Viewer *viewer = &book->viewer;
  guint n_shown = viewer->seen->len;
  guint steps = 1;
  guint step;

  viewer->touched = viewer->in_place = 0;
  while (!nudge_head_list_model_thaw (book->head, step = window_step (book->head, lo, hi, batch), G_MAXUINT))
    {
      g_assert_cmpuint (viewer->touched, ==, 2 * viewer->in_place);
      g_assert_cmpuint (viewer->in_place, <=, step);
      g_assert_cmpuint (viewer->seen->len, ==, n_shown);
      g_assert_cmpuint (++steps, <, 100);
      viewer->touched = viewer->in_place = 0;
    }
  assert_shows_head (viewer, book->store, G_MAXUINT);
  return steps;
}

/* A table scrolled down when every row is replaced: it keeps all its
 * rows, none of the change shows, and the rows it has widgets for
 * (here 400–599) read as they were, the others never nothing; the thaw
 * replaces rows in place only: 0–399, four batches of 50, 600–989, then
 * the last 10 rows go. */
static void
test_freeze_window (Book          *book,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) before = first_items (book->viewer.head, 1000);

  nudge_head_list_model_freeze_window (book->head, 400, 200);
  g_assert_true (nudge_head_list_model_is_frozen (book->head));
  fill_store (book->store, 990);
  g_assert_cmpuint (book->viewer.touched, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (book->viewer.head), ==, 1000);
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (book->viewer.head, i);

      g_assert_nonnull (item);
      if (i >= 400 && i < 600)
        g_assert_true (item == g_ptr_array_index (before, i));
    }

  g_assert_cmpuint (thaw_window_checked (book, 400, 600, 50), ==, 7);
  g_assert_false (nudge_head_list_model_is_frozen (book->head));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/head-list-model/follows-source", test_follows_source);
  g_test_add_func ("/core/head-list-model/one-change-touches-two", test_one_change_touches_two);
  g_test_add ("/core/head-list-model/freeze-and-thaw", Book, NULL, book_set_up, test_freeze_and_thaw, book_tear_down);
  g_test_add ("/core/head-list-model/thaw-more-rows", Book, NULL, book_set_up, test_thaw_more_rows, book_tear_down);
  g_test_add ("/core/head-list-model/thaw-fewer-rows", Book, NULL, book_set_up, test_thaw_fewer_rows, book_tear_down);
  g_test_add ("/core/head-list-model/freeze-window", Book, NULL, book_set_up, test_freeze_window, book_tear_down);
  g_test_add ("/core/head-list-model/change-during-thaw", Book, NULL, book_set_up, test_change_during_thaw,
              book_tear_down);
  return g_test_run ();
}
