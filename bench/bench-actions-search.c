/* bench-actions-search.c — bench-actions' searches: the List's
 * segments and filter, the header bar's search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "nudge-automation.h"
#include "nudge-list-view.h"
#include "nudge-records.h"
#include "nudge-search-popover.h"
#include "nudge-window.h"

#include "bench-actions.h"

/* ---- The List's segments and search ------------------------------------- */

/* One change of what the List shows: a segment chosen in its sidebar
 * (@segment; NULL with @all: back to All) or a text in its search. */
typedef struct
{
  NudgeListView *view;
  const char    *segment;
  gboolean       all;
  const char    *search;
  GListModel    *model;
  guint          before;
  Heartbeat      beat;
} ListChange;

static gboolean
list_change_invoke (gpointer data)
{
  ListChange *change = data;

  change->before = g_list_model_get_n_items (change->model);
  change->beat.longest = 0;
  change->beat.last = g_get_monotonic_time ();
  if (change->search != NULL)
    nudge_list_view_set_search (change->view, change->search);
  else if (change->all)
    nudge_list_view_set_segment (change->view, NUDGE_SEGMENT_ALL);
  else
    return nudge_list_view_set_named_segment (change->view, change->segment);
  return TRUE;
}

/* A segment: its first rows have come. */
static gboolean
list_change_rows_came (gpointer data)
{
  ListChange *change = data;

  return g_list_model_get_n_items (change->model) != change->before;
}

/* A search: the table has all its new rows (or had nothing to change). */
static gboolean
list_change_settled (gpointer data)
{
  return !nudge_list_view_is_busy (((ListChange *) data)->view);
}

/* To the frame @shown waits for, into @times, and the main loop's longest
 * stall from the change to a second later (the rows come over the next
 * frames), into @stalls. FALSE when the change does not apply. */
static gboolean
measure_list_change (ListChange    *change,
                     ReflectedFunc  shown,
                     const char    *label,
                     GArray        *times,
                     GArray        *stalls)
{
  guint beat_id;
  double ms, stall;

  change->beat.last = g_get_monotonic_time ();
  beat_id = g_timeout_add_full (G_PRIORITY_HIGH, HEARTBEAT_MS, heartbeat_cb, &change->beat, NULL);
  ms = measure (list_change_invoke, change, NULL, 0, 0, shown, change);
  spin (1000);
  g_source_remove (beat_id);
  if (ms < 0)
    return FALSE;
  stall = MAX (0, (change->beat.longest - HEARTBEAT_MS * 1000) / 1000.0);
  if (g_getenv ("NUDGE_BENCH_VERBOSE"))
    g_printerr ("%s: %.1f ms, main loop %.1f ms\nstall-from-monotonic-ms %.3f length-ms %.1f\n",
                label, ms, stall, change->beat.longest_from / 1000.0, change->beat.longest / 1000.0);
  if (ms < TIMEOUT_S * 1000.0)
    g_array_append_val (times, ms);
  g_array_append_val (stalls, stall);
  return TRUE;
}

/* Each built-in segment of the Deals table clicked in the sidebar, and
 * All again. */
void
bench_segments (GtkWidget *view)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stalls = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_segments = 0;
  const NudgeSegmentInfo *segments = nudge_segment_builtins (&n_segments);

  if (view == NULL)
    {
      report ("segment (List sidebar)", times, "no NudgeListView in the window");
      return;
    }
  nudge_list_view_set_entity (NUDGE_LIST_VIEW (view), NUDGE_ENTITY_DEAL);
  settle (view);
  /* The members are counted on a worker after the List opens. */
  spin (3000);
  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < n_segments; i++)
      for (guint back = 0; back < 2; back++)
        {
          ListChange change = { NUDGE_LIST_VIEW (view), segments[i].name, back, NULL,
                                nudge_list_view_get_model (NUDGE_LIST_VIEW (view), NUDGE_ENTITY_DEAL) };
          g_autofree char *label = g_strdup_printf ("segment %s", back ? "(all)" : segments[i].name);

          if (!measure_list_change (&change, list_change_rows_came, label, times, stalls))
            break;   /* not a segment of deals */
        }
  report ("segment (List sidebar)", times, "no segment of deals");
  report ("segment (main loop, per click)", stalls, "no segment of deals");
}

/* Names typed letter by letter into the List's own search over its
 * Contacts table, then cleared. */
void
bench_filter (GtkWidget *view)
{
  static const char *const typed[] = { "Novák", "Kowalski", "" };
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stalls = g_array_new (FALSE, FALSE, sizeof (double));

  if (view == NULL)
    {
      report ("filter (List, typing)", times, "no NudgeListView in the window");
      return;
    }
  nudge_list_view_set_entity (NUDGE_LIST_VIEW (view), NUDGE_ENTITY_CONTACT);
  settle (view);
  for (guint w = 0; w < G_N_ELEMENTS (typed); w++)
    {
      const char *end = typed[w];

      do
        {
          g_autofree char *text = NULL;
          g_autofree char *label = NULL;
          ListChange change = { NUDGE_LIST_VIEW (view), NULL, FALSE, NULL,
                                nudge_list_view_get_model (NUDGE_LIST_VIEW (view), NUDGE_ENTITY_CONTACT) };

          if (*end != '\0')
            end = g_utf8_next_char (end);
          text = g_strndup (typed[w], end - typed[w]);
          label = g_strdup_printf ("filter \"%s\"", text);
          change.search = text;
          measure_list_change (&change, list_change_settled, label, times, stalls);
        }
      while (*end != '\0');
    }
  /* The rows come a batch a frame: the window stays responsive while
   * they do, which the stall says. */
  report_target ("filter (List, all rows in)", times, "nothing typed", 0);
  report ("filter (main loop, per change)", stalls, "nothing typed");
}

/* ---- Search --------------------------------------------------------------- */

typedef struct
{
  GtkEditable *entry;
  const char  *text;
} Keystroke;

static gboolean
keystroke_invoke (gpointer data)
{
  Keystroke *key = data;

  gtk_editable_set_text (key->entry, key->text);
  return TRUE;
}

static gboolean
results_shown (gpointer data)
{
  return !nudge_search_popover_is_busy (data);
}

/* A pasted paragraph of @n words in the users' languages. */
static char *
pasted_words (guint n)
{
  static const char *const words[] = { "Novák", "nabídka", "Praha", "schůzka", "Kowalski", "oferta",
                                       "Київ", "замовлення", "Smith", "invoice", "Brno", "zamówienie" };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? " " : "", words[(i * 7) % G_N_ELEMENTS (words)]);
  return g_string_free (text, FALSE);
}

/* Types names letter by letter into the header bar's search, then pastes
 * 200 and 2000 words: from each change of the text to the frame that
 * shows its results, and the longest the main loop was blocked meanwhile
 * (a keystroke must never cost a frame). */
void
bench_search (GtkWidget *window_widget)
{
  static const char *const typed[] = { "Novák", "Kowalski", "Шевченко", "Moravská logistika", "Smith" };
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stalls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *popover = nudge_window_get_search (NUDGE_WINDOW (window_widget));
  double pasted[2] = { -1, -1 };
  Heartbeat beat = { 0 };
  guint beat_id;

  if (popover == NULL)
    {
      g_print ("%-34s not measured: no search in the header bar\n", "search (typing)");
      not_measured = TRUE;
      return;
    }
  for (guint w = 0; w < G_N_ELEMENTS (typed); w++)
    {
      const char *end = typed[w];

      /* Each prefix, as the entry sees it while one types */
      while (*end != '\0')
        {
          end = g_utf8_next_char (end);
          g_ptr_array_add (texts, g_strndup (typed[w], end - typed[w]));
        }
    }
  g_ptr_array_add (texts, pasted_words (200));
  g_ptr_array_add (texts, pasted_words (2000));

  nudge_search_popover_start (NUDGE_SEARCH_POPOVER (popover), NULL);
  spin (opt_settle);
  for (guint i = 0; i < texts->len; i++)
    {
      Keystroke key = { nudge_search_popover_get_entry (NUDGE_SEARCH_POPOVER (popover)), g_ptr_array_index (texts, i) };
      gboolean is_pasted = i >= texts->len - 2;
      double ms, stall;

      /* A word starts from an empty entry; letters follow at once. */
      if (!is_pasted && g_utf8_strlen (key.text, -1) == 1)
        {
          gtk_editable_set_text (key.entry, "");
          spin (opt_settle);
        }
      beat.longest = 0;
      beat.last = g_get_monotonic_time ();
      beat_id = g_timeout_add_full (G_PRIORITY_HIGH, HEARTBEAT_MS, heartbeat_cb, &beat, NULL);
      ms = measure (keystroke_invoke, &key, NULL, 0, 0, results_shown, popover);
      g_source_remove (beat_id);
      stall = MAX (0, (MAX (beat.longest, g_get_monotonic_time () - beat.last) - HEARTBEAT_MS * 1000) / 1000.0);
      if (ms < 0)
        break;
      if (g_getenv ("NUDGE_BENCH_VERBOSE"))
        g_printerr ("search %.20s: %.1f ms, main loop %.1f ms\n", key.text, ms, stall);
      if (is_pasted)
        pasted[i - (texts->len - 2)] = ms;
      else
        g_array_append_val (times, ms);
      g_array_append_val (stalls, stall);
    }
  gtk_popover_popdown (GTK_POPOVER (popover));
  report ("search (keystroke -> results)", times, "the search did not answer");
  g_print ("%-34s 200 words: %.1f ms, 2000 words: %.1f ms to the results shown\n", "search (pasted text)",
           pasted[0], pasted[1]);
  report_target ("search (main loop, per change)", stalls, "no change measured", SEARCH_STALL_MS);
}
