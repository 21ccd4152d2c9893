/* nudge-capture-names.c — the contact or deal a quick capture names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-capture"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "nudge-capture-private.h"
#include "nudge-search.h"
#include "nudge-store-private.h"

void
nudge_capture_candidate_free (gpointer data)
{
  NudgeCaptureCandidate *candidate = data;

  g_free (candidate->name);
  g_free (candidate->detail);
  g_free (candidate);
}

static GPtrArray *
split_folded (char *folded)
{
  GPtrArray *parts = g_ptr_array_new ();
  char *p = folded;

  while (*p != '\0')
    {
      char *start;

      while (*p != '\0' && !g_unichar_isalnum (g_utf8_get_char (p)) && *p != '\'')
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;
      start = p;
      while (*p != '\0' && (g_unichar_isalnum (g_utf8_get_char (p)) || *p == '\''))
        p = g_utf8_next_char (p);
      if (*p != '\0')
        *p++ = '\0';
      g_ptr_array_add (parts, start);
    }
  return parts;
}

/* How @query (folded words) matches @name: 0 not, 1 each word starts a
 * word of the name in order (with @whole_words, the words before the
 * last must be whole), 2 the name is exactly those words. */
static int
words_match (GPtrArray  *query,
             const char *name,
             gboolean    whole_words)
{
  g_autofree char *folded = nudge_search_fold (name);
  g_autoptr(GPtrArray) parts = split_folded (folded);
  guint p = 0;
  gboolean exact = parts->len == query->len;

  for (guint k = 0; k < query->len; k++)
    {
      const char *q = g_ptr_array_index (query, k);
      gboolean found = FALSE;

      for (; p < parts->len && !found; p++)
        {
          const char *w = g_ptr_array_index (parts, p);

          if (g_str_equal (w, q) || ((!whole_words || k + 1 == query->len) && g_str_has_prefix (w, q)))
            {
              found = TRUE;
              exact = exact && g_str_equal (w, q);
            }
          else
            exact = FALSE;
        }
      if (!found)
        return 0;
    }
  return exact ? 2 : 1;
}

/* A name as typed: the last word may be cut short, the others whole */
static int
name_match (GPtrArray  *query,
            const char *name)
{
  return words_match (query, name, TRUE);
}

/* Whether each of @stems starts a word of @name, in order */
static int
stems_match (GPtrArray  *stems,
             const char *name)
{
  return words_match (stems, name, FALSE);
}

/* Where a contact's or an open deal's name is read from */
typedef struct
{
  NudgeEntity  entity;
  const char  *sql;
} NameTable;

/* The name, then what tells two of one name apart */
static const NameTable name_tables[] = {
  { NUDGE_ENTITY_CONTACT, "SELECT c.name, COALESCE (co.name, NULLIF (c.email, '')) FROM contact c"
                          " LEFT JOIN company co ON co.id = c.company_id AND co.trashed_at IS NULL"
                          " WHERE c.id = ?1 AND c.trashed_at IS NULL" },
  { NUDGE_ENTITY_DEAL, "SELECT d.title, co.name FROM deal d"
                       " LEFT JOIN company co ON co.id = d.company_id AND co.trashed_at IS NULL"
                       " WHERE d.id = ?1 AND d.trashed_at IS NULL AND d.status IN ('open', 'on_hold')" },
};

/* How @words match a name: 0 not at all */
typedef int (*NameMatchFunc) (GPtrArray  *words,
                              const char *name);

/* The records @ids of @table whose name @match_name matches, into @found
 * with their match into @matches (when not NULL). */
static gboolean
collect_candidates (NudgeStore       *store,
                    const NameTable  *table,
                    GArray           *ids,
                    GPtrArray        *words,
                    NameMatchFunc     match_name,
                    GPtrArray        *found,
                    GArray           *matches,
                    GError          **error)
{
  sqlite3_stmt *stmt;

  if (ids->len == 0)
    return TRUE;
  if (!(stmt = nudge_store_prepare (store, table->sql, error)))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *name = (const char *) sqlite3_column_text (stmt, 0);
          int match = name ? match_name (words, name) : 0;

          if (match > 0)
            {
              NudgeCaptureCandidate *candidate = g_new0 (NudgeCaptureCandidate, 1);

              candidate->entity = table->entity;
              candidate->id = id;
              candidate->name = g_strdup (name);
              candidate->detail = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
              g_ptr_array_add (found, candidate);
              if (matches != NULL)
                g_array_append_val (matches, match);
            }
        }
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* The contacts (and with @deals, the open deals) whose name the words
 * [@first, @last] of @text match, into @found with their match
 * (name_match()). */
static gboolean
lookup_name (NudgeStore  *store,
             const char  *text,
             GArray      *words,
             guint        first,
             guint        last,
             gboolean     deals,
             GPtrArray   *found,
             GArray      *matches,
             GError     **error)
{
  g_autoptr(GString) query_text = g_string_new (NULL);
  g_autoptr(GPtrArray) query = g_ptr_array_new ();

  for (guint i = first; i <= last; i++)
    {
      Word *word = word_at (words, i);

      if (query_text->len > 0)
        g_string_append_c (query_text, ' ');
      g_string_append_len (query_text, text + word->start, word->end - word->start);
      g_ptr_array_add (query, word->folded);
    }

  for (guint t = 0; t < (deals ? G_N_ELEMENTS (name_tables) : 1); t++)
    {
      g_autoptr(GArray) ids = nudge_store_search (store, name_tables[t].entity, query_text->str, LOOKUP_LIMIT, error);

      if (ids == NULL ||
          !collect_candidates (store, &name_tables[t], ids, query, name_match, found, matches, error))
        return FALSE;
    }
  return TRUE;
}

/* Tries a name starting at word @first, as long as it keeps matching. */
static gboolean
read_name_at (NudgeStore    *store,
              NudgeCapture  *capture,
              GArray        *words,
              guint          first,
              gboolean       deals,
              guint         *out_last,
              GError       **error)
{
  g_autoptr(GPtrArray) best = NULL;
  g_autoptr(GArray) best_matches = NULL;
  guint best_last = first;

  guint longest = first;

  /* The longest run first: a full name costs one narrow query, where its
   * first name alone ("Jan") would rank a good part of the book. */
  while (longest + 1 < words->len && longest + 1 < first + MAX_NAME_WORDS && is_free (words, longest + 1))
    longest++;
  for (guint last = longest + 1; last-- > first && best == NULL; )
    {
      g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (nudge_capture_candidate_free);
      g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (int));
      if (!lookup_name (store, capture->text, words, first, last, deals, found, matches, error))
        return FALSE;
      if (found->len > 0)
        {
          best = g_steal_pointer (&found);
          best_matches = g_steal_pointer (&matches);
          best_last = last;
        }
    }
  if (best == NULL)
    return TRUE;

  /* Names that are exactly the words win over longer ones they start:
   * "Jan Novák" over "Jan Nováková"; two exact ones still ask. */
  for (guint i = 0; i < best->len; i++)
    if (g_array_index (best_matches, int, i) == 2)
      {
        for (guint j = best->len; j-- > 0; )
          if (g_array_index (best_matches, int, j) != 2)
            g_ptr_array_remove_index (best, j);
        break;
      }

  g_ptr_array_extend_and_steal (capture->candidates, g_steal_pointer (&best));
  *out_last = best_last;
  return TRUE;
}

/* @folded without a case ending, at least 2 characters left: a short
 * first name keeps its start ("Evě" → "ev", of Eva), which the rest of
 * the name narrows down; the index is only asked for a stem of 3. */
static char *
stem (const char *folded)
{
  const char *const *endings = nudge_capture_folded_list (capture_case_endings);
  glong length = g_utf8_strlen (folded, -1);

  for (guint i = 0; endings[i] != NULL; i++)
    if (g_str_has_suffix (folded, endings[i]) &&
        length - g_utf8_strlen (endings[i], -1) >= 2)
      return g_strndup (folded, strlen (folded) - strlen (endings[i]));
  return g_strdup (folded);
}

/* Inflected names, when nothing matched as typed: the capitalised words
 * [@first, @last] without their case endings, looked up by the longest
 * stem in the index, each stem then starting a word of the contact's
 * name. */
static gboolean
read_inflected_name (NudgeStore    *store,
                     NudgeCapture  *capture,
                     GArray        *words,
                     guint          first,
                     guint          last,
                     GError       **error)
{
  g_autoptr(GPtrArray) stems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = NULL;
  const char *longest = NULL;

  for (guint i = first; i <= last; i++)
    {
      char *s = stem (g_array_index (words, Word, i).folded);

      g_ptr_array_add (stems, s);
      if (longest == NULL || strlen (s) > strlen (longest))
        longest = s;
    }
  /* "J" would read a good part of the book for nothing */
  if (g_utf8_strlen (longest, -1) < 3)
    return TRUE;
  if (!(ids = nudge_store_search (store, NUDGE_ENTITY_CONTACT, longest, LOOKUP_LIMIT, error)))
    return FALSE;
  return collect_candidates (store, &name_tables[0], ids, stems, stems_match, capture->candidates, NULL, error);
}

static void
take_name (NudgeCapture *capture,
           GArray       *words,
           guint         first,
           guint         last)
{
  Word *start = &g_array_index (words, Word, first);
  Word *end = &g_array_index (words, Word, last);

  capture->name = g_strndup (capture->text + start->start, end->end - start->start);
  for (guint k = first; k <= last; k++)
    set_role (words, k, NUDGE_CAPTURE_NAME);
}

gboolean
nudge_capture_read_name (NudgeStore    *store,
           NudgeCapture  *capture,
           GArray        *words,
           GError       **error)
{
  /* Capitalised words first: "Call Jan about the offer" tries "Jan"
   * before "about"; then any word ("call jan novak"), for contacts only:
   * deal titles are made of common words ("service", "renewal"). */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < words->len; i++)
      {
        Word *word = word_at (words, i);
        guint last = i;

        if (!is_free (words, i) || nudge_capture_word_in (word->folded, capture_stop_words) ||
            g_utf8_strlen (word->folded, -1) < 2 ||
            (pass == 0) != word->capital)
          continue;
        if (!read_name_at (store, capture, words, i, pass == 0, &last, error))
          return FALSE;
        if (capture->candidates->len > 0)
          {
            /* "do Ewy Woźniak": the inflected first name too, if it fits */
            if (pass == 0 && i > 0 && is_free (words, i - 1) && g_array_index (words, Word, i - 1).capital &&
                !nudge_capture_word_in (g_array_index (words, Word, i - 1).folded, capture_stop_words))
              {
                g_autoptr(GPtrArray) as_typed = g_steal_pointer (&capture->candidates);

                capture->candidates = g_ptr_array_new_with_free_func (nudge_capture_candidate_free);
                if (!read_inflected_name (store, capture, words, i - 1, last, error))
                  return FALSE;
                if (capture->candidates->len > 0)
                  {
                    take_name (capture, words, i - 1, last);
                    return TRUE;
                  }
                g_ptr_array_unref (capture->candidates);
                capture->candidates = g_steal_pointer (&as_typed);
              }
            take_name (capture, words, i, last);
            return TRUE;
          }
      }

  /* Runs of capitalised words, longest first, without case endings */
  for (guint i = 0; i < words->len; i++)
    {
      guint last = i;

      if (!is_free (words, i) || !g_array_index (words, Word, i).capital ||
          nudge_capture_word_in (g_array_index (words, Word, i).folded, capture_stop_words))
        continue;
      while (last + 1 < words->len && last + 1 < i + MAX_NAME_WORDS && is_free (words, last + 1) &&
             g_array_index (words, Word, last + 1).capital)
        last++;
      for (guint end = last + 1; end-- > i; )
        {
          if (!read_inflected_name (store, capture, words, i, end, error))
            return FALSE;
          if (capture->candidates->len > 0)
            {
              take_name (capture, words, i, end);
              return TRUE;
            }
        }
    }
  return TRUE;
}
