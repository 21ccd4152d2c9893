/* bench-pipeline.c — the Pipeline board with 5,000 open deals
 *
 * Measures, in a real window (run under Xvfb): the time to build and show
 * the board until its first frame is painted, until it is filled (the
 * longest main-loop turn meanwhile), and the time for one move
 * through the board's action (database write + stage_change row + list
 * models updated), which should stay under one frame (16 ms).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "nudge-pipeline-view.h"
#include "nudge-store.h"

#define N_DEALS 5000
#define N_MOVES 200

static gboolean painted;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  painted = TRUE;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  static const char *const currencies[] = { "CZK", "CZK", "CZK", "EUR", "PLN" };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(NudgeStore) store = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *window, *view;
  GdkFrameClock *clock;
  gint64 start, deal_ids[N_MOVES];
  double build_ms, construct_ms, filled_ms, longest_turn = 0, sum = 0;
  guint n_deals;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_init ();
  adw_init ();

  dir = g_dir_make_tmp ("nudge-bench-pipeline-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "nudge.db", NULL);
  store = nudge_store_open (path, &error);
  g_assert_no_error (error);
  stages = nudge_store_list_stages (store, nudge_store_get_default_pipeline (store), &error);
  g_assert_no_error (error);

  /* 5,000 open deals over the first three stages (no required fields). */
  nudge_store_begin (store, &error);
  n_deals = g_getenv ("NUDGE_BENCH_DEALS") ? atoi (g_getenv ("NUDGE_BENCH_DEALS")) : N_DEALS;
  n_deals = MAX (n_deals, 5 * N_MOVES);
  for (guint i = 0; i < n_deals; i++)
    {
      g_autoptr(NudgeDeal) deal = nudge_deal_new ();
      g_autofree char *title = g_strdup_printf ("Deal %u", i);
      gint64 id;

      g_object_set (deal, "title", title,
                    "stage-id", nudge_stage_get_id (g_ptr_array_index (stages, i % 5)),
                    "currency", currencies[i % G_N_ELEMENTS (currencies)],
                    "has-amount", TRUE, "amount-minor", (gint64) (1000 + i * 137) * 100, NULL);
      id = nudge_store_save_deal (store, deal, &error);
      g_assert_no_error (error);
      if (i % 5 < 2 && i / 5 < N_MOVES)
        deal_ids[i / 5] = id;
    }
  nudge_store_commit (store, &error);
  g_assert_no_error (error);

  /* The database part alone, before any list listens. */
  {
    double db_sum = 0;

    for (guint i = 0; i < N_MOVES; i++)
      {
        start = g_get_monotonic_time ();
        nudge_store_move_deal_to_stage (store, deal_ids[i], nudge_stage_get_id (g_ptr_array_index (stages, 3)), &error);
        g_assert_no_error (error);
        nudge_store_move_deal_to_stage (store, deal_ids[i], nudge_stage_get_id (g_ptr_array_index (stages, 1)), &error);
        g_assert_no_error (error);
        db_sum += (g_get_monotonic_time () - start) / 2000.0;
      }
    g_print ("Move, database only (stage + stage_change, one transaction): mean %.2f ms\n", db_sum / N_MOVES);
  }

  /* Build and show, until the first frame is painted. */
  start = g_get_monotonic_time ();
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  view = nudge_pipeline_view_new (nudge_context_new (store, NULL));
  construct_ms = (g_get_monotonic_time () - start) / 1000.0;
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_realize (window);
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  build_ms = (g_get_monotonic_time () - start) / 1000.0;

  /* The deals are read by a worker and the columns fill over several
   * frames: until the board is complete, no main-loop turn may be long. */
  while (nudge_pipeline_view_is_busy (NUDGE_PIPELINE_VIEW (view)))
    {
      gint64 turn = g_get_monotonic_time ();

      g_main_context_iteration (NULL, TRUE);
      longest_turn = MAX (longest_turn, (g_get_monotonic_time () - turn) / 1000.0);
    }
  filled_ms = (g_get_monotonic_time () - start) / 1000.0;

  /* Moves: Lead in → Contact made, through the action the drop uses. */
  for (guint i = 0; i < N_MOVES; i++)
    {
      gint64 target = nudge_stage_get_id (g_ptr_array_index (stages, 2));
      double ms;

      start = g_get_monotonic_time ();
      gtk_widget_activate_action (view, "board.move-deal", "(xx)", deal_ids[i], target);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
      sum += ms;
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_array_sort (times, compare_double);

  g_print ("Board with %u open deals: built in %.1f ms, first frame painted at %.1f ms, "
           "filled (worker load, filter, sort, totals) at %.1f ms, longest main-loop turn meanwhile %.1f ms\n",
           n_deals, construct_ms, build_ms, filled_ms, longest_turn);
  g_print ("Move (database + models), %d moves: median %.2f ms, mean %.2f ms, 95th %.2f ms, max %.2f ms\n",
           N_MOVES, g_array_index (times, double, N_MOVES / 2), sum / N_MOVES,
           g_array_index (times, double, N_MOVES * 95 / 100), g_array_index (times, double, N_MOVES - 1));

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  return 0;
}
