/* bench-store.c — opening a big book, filling the deal list, typing a search
 *
 * Builds (or reuses, with --db PATH) the 100k contacts / 30k deals / 300k
 * activities book and prints how long it takes to open the store and fill
 * the deal list, the latency of a search per keystroke as the List view
 * runs it (nudge_store_search (store, entity, text, 0, &error) for every
 * prefix typed), the latency of a search for pasted text (a 200-word and
 * a 2000-word e-mail, a 10 MB string) and the peak resident memory.
 * Then Snooze All on the book's overdue follow-ups and its Undo.
 * Targets: search p95 under 16 ms (one frame) whatever was typed or
 * pasted, deal list fill under 100 ms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "nudge-clock.h"
#include "nudge-demo.h"
#include "nudge-followups.h"
#include "nudge-followups-undo.h"
#include "nudge-record-list.h"
#include "nudge-store.h"

/* What people type into the search field, one keystroke at a time. */
static const char *const typed_words[] = {
  "novak", "dvorakova", "lodz", "wisniewski", "kowalski", "шевченко", "олена",
  "svoboda", "transport", "krakow", "smith", "kucera", "licence", "meble",
  "procházka", "gdansk", "jan nov", "petr dvo", "coffee", "support", "x",
};

/* Words pasted text is made of: short ones, which match the most, many
 * times over. */
static const char *const pasted_words[] = {
  "a", "i", "to", "of", "in", "on", "at", "is", "it", "we", "v", "s", "z", "k", "na", "je", "se",
  "the", "and", "for", "you", "with", "that", "this", "from", "please", "offer", "price",
  "delivery", "invoice", "order", "meeting", "call", "thanks", "regards", "dear", "hello",
  "Jan", "Novák", "Petr", "Dvořák", "Łukasz", "Kraków", "Brno", "Praha", "Olena", "Київ",
  "dobrý", "den", "děkuji", "posílám", "nabídku", "cena", "smlouva", "termín", "zítra",
  "2026", "12", "+420", "s.r.o.", "a.s.", "info@example.com", "—", "-", "(", ")",
};

static char *
make_pasted_text (GRand *rand,
                  guint  n_words)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_words; i++)
    {
      const char *word = pasted_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (pasted_words))];

      if (i > 0)
        g_string_append (text, i % 17 == 0 ? ".\n" : i % 7 == 0 ? ", " : " ");
      g_string_append (text, word);
    }
  return g_string_free (text, FALSE);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint i = (guint) (p * (sorted->len - 1) + 0.5);

  return g_array_index (sorted, double, MIN (i, sorted->len - 1));
}

static void
print_latencies (const char *label,
                 GArray     *times)
{
  g_array_sort (times, compare_double);
  printf ("%-34s p50 %6.2f ms   p95 %6.2f ms   max %6.2f ms   (%u searches)\n",
          label, percentile (times, 0.5), percentile (times, 0.95),
          g_array_index (times, double, times->len - 1), times->len);
}

static gboolean
measure_open_and_fill (const char *path,
                       NudgeEntity entity,
                       double     *open_ms,
                       double     *fill_ms,
                       guint      *n_items)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeStore) store = NULL;
  g_autoptr(NudgeRecordList) list = NULL;
  gint64 start = g_get_monotonic_time ();

  store = nudge_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  *open_ms = ms_since (start);

  start = g_get_monotonic_time ();
  list = nudge_record_list_new (store, entity);
  if (!nudge_record_list_load (list, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  *fill_ms = ms_since (start);
  *n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  static const struct { NudgeEntity entity; const char *name; } entities[] = {
    { NUDGE_ENTITY_DEAL, "deals" },
    { NUDGE_ENTITY_CONTACT, "contacts" },
    { NUDGE_ENTITY_COMPANY, "companies" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeStore) store = NULL;
  g_autoptr(GArray) all_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  const char *db = argc > 2 && g_str_equal (argv[1], "--db") ? argv[2] : NULL;
  struct rusage usage;
  int rounds = 5;

  if (db != NULL)
    path = g_strdup (db);
  else
    {
      dir = g_dir_make_tmp ("nudge-bench-store-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (dir, "nudge.db", NULL);
    }

  store = nudge_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (nudge_store_is_empty (store))
    {
      NudgeDemoOptions options;
      gint64 start;

      nudge_demo_options_init (&options);
      options.contacts = 100000;
      options.companies = 20000;
      options.deals = 30000;
      options.activities = 300000;
      options.followups = 50000;
      options.seed = 42;
      start = g_get_monotonic_time ();
      if (!nudge_demo_generate (store, &options, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      printf ("Built the book (%u contacts, %u companies, %u deals, %u activities, %u follow-ups) in %.0f ms\n",
              options.contacts, options.companies, options.deals, options.activities,
              options.followups, ms_since (start));
    }
  g_clear_object (&store);

  /* Opening and filling: the first run after building, then the median. */
  for (guint e = 0; e < G_N_ELEMENTS (entities); e++)
    {
      g_autoptr(GArray) opens = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) fills = g_array_new (FALSE, FALSE, sizeof (double));
      guint n_items = 0;

      for (int r = 0; r < rounds; r++)
        {
          double open_ms, fill_ms;

          if (!measure_open_and_fill (path, entities[e].entity, &open_ms, &fill_ms, &n_items))
            return 1;
          g_array_append_val (opens, open_ms);
          g_array_append_val (fills, fill_ms);
        }
      printf ("Open the store, fill the %-9s list: first %.1f + %.1f ms, median %.1f + %.1f ms (%u rows)%s\n",
              entities[e].name,
              g_array_index (opens, double, 0), g_array_index (fills, double, 0),
              (g_array_sort (opens, compare_double), percentile (opens, 0.5)),
              (g_array_sort (fills, compare_double), percentile (fills, 0.5)),
              n_items,
              entities[e].entity == NUDGE_ENTITY_DEAL ? "   [target: fill < 100 ms]" : "");
    }

  store = nudge_store_open (path, &error);
  g_assert_no_error (error);

  /* Every prefix of every word, as the List view searches while typing. */
  for (guint e = 0; e < G_N_ELEMENTS (entities); e++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *label = g_strdup_printf ("Search %s per keystroke:", entities[e].name);
      guint64 total_hits = 0;

      for (int r = 0; r < rounds; r++)
        for (guint w = 0; w < G_N_ELEMENTS (typed_words); w++)
          {
            const char *word = typed_words[w];

            for (const char *end = g_utf8_next_char (word); ; end = g_utf8_next_char (end))
              {
                g_autofree char *prefix = g_strndup (word, end - word);
                g_autoptr(GArray) ids = NULL;
                gint64 start = g_get_monotonic_time ();
                double ms;

                ids = nudge_store_search (store, entities[e].entity, prefix, 0, &error);
                ms = ms_since (start);
                if (ids == NULL)
                  {
                    g_printerr ("%s\n", error->message);
                    return 1;
                  }
                total_hits += ids->len;
                g_array_append_val (times, ms);
                g_array_append_val (all_times, ms);
                if (*end == '\0')
                  break;
              }
          }
      print_latencies (label, times);
      if (g_getenv ("BENCH_VERBOSE"))
        printf ("  (%" G_GUINT64_FORMAT " ids returned)\n", total_hits);
    }
  print_latencies ("Search, all lists:", all_times);
  printf ("%-34s target: p95 < 16 ms\n", "");

  /* Pasted text: one search per paste, over every list. */
  {
    static const struct { guint words; guint texts; const char *label; } pastes[] = {
      { 200, 40, "Search pasted 200 words:" },
      { 2000, 40, "Search pasted 2000 words:" },
      { 0, 3, "Search pasted 10 MB string:" },
    };
    g_autoptr(GRand) rand = g_rand_new_with_seed (7);

    for (guint k = 0; k < G_N_ELEMENTS (pastes); k++)
      {
        g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

        for (guint t = 0; t < pastes[k].texts; t++)
          {
            g_autofree char *text = NULL;

            if (pastes[k].words > 0)
              text = make_pasted_text (rand, pastes[k].words);
            else
              {
                /* 10 MB: words, then one word of 5 MB without a break */
                g_autoptr(GString) big = g_string_sized_new (10 * 1024 * 1024 + 64);
                g_autofree char *words = make_pasted_text (rand, 2000);

                while (big->len < 5 * 1024 * 1024)
                  {
                    g_string_append (big, words);
                    g_string_append_c (big, ' ');
                  }
                while (big->len < 10 * 1024 * 1024)
                  g_string_append (big, t % 2 ? "novak" : "ł");
                text = g_string_free (g_steal_pointer (&big), FALSE);
                if (t == 2)
                  memmove (text, text + 5 * 1024 * 1024, strlen (text + 5 * 1024 * 1024) + 1);
              }

            for (guint e = 0; e < G_N_ELEMENTS (entities); e++)
              {
                g_autoptr(GArray) ids = NULL;
                gint64 start = g_get_monotonic_time ();
                double ms;

                ids = nudge_store_search (store, entities[e].entity, text, 0, &error);
                ms = ms_since (start);
                if (ids == NULL)
                  {
                    g_printerr ("%s\n", error->message);
                    return 1;
                  }
                g_array_append_val (times, ms);
              }
          }
        print_latencies (pastes[k].label, times);
      }
    printf ("%-34s target: p95 < 16 ms\n", "");
  }

  /* Snooze All on every overdue follow-up, then its Undo: the book is
   * left as it was. */
  {
    g_autoptr(NudgeFollowupsUndo) undo = NULL;
    gint64 start = g_get_monotonic_time ();
    double snooze_ms;

    if (!(undo = nudge_followups_snooze_overdue (store, NUDGE_SNOOZE_TOMORROW, 9 * 60, TRUE, &error)))
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
    snooze_ms = ms_since (start);
    start = g_get_monotonic_time ();
    if (!nudge_followups_undo (store, undo, &error))
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
    printf ("Snooze All on %u overdue follow-ups: %.0f ms, its Undo %.0f ms\n",
            nudge_followups_undo_get_n_items (undo), snooze_ms, ms_since (start));
  }

  getrusage (RUSAGE_SELF, &usage);
  printf ("Peak resident memory: %.1f MB\n", usage.ru_maxrss / 1024.0);

  g_clear_object (&store);
  if (dir != NULL)
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
