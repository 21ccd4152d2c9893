/* nudge-store-search.c — full-text search over the book (FTS5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-store"

#include "config.h"

#include <string.h>

#include "nudge-store-internal.h"

/* ---- search ----------------------------------------------------------- */

/* The unicode61 tokenizer strips accents that Unicode decomposes (á, ř,
 * ó, ź…) but keeps the Polish "ł", which has none: so a typed "l" also
 * tries "ł", and "lodz" finds "Łódź". At most the first MAX_L_VARIANTS
 * l's of a term are varied, which bounds a term to 2^3 patterns. */
#define MAX_L_VARIANTS 3

/* One token pattern of the query: a whole token, or the start of one. */
typedef struct
{
  char     *text;    /* token characters only: no quote, no separator */
  gboolean  prefix;
} SearchTerm;

static void
search_term_clear (gpointer data)
{
  SearchTerm *term = data;

  g_free (term->text);
}

static void
append_term_variants (GString          *query,
                      const SearchTerm *term)
{
  const char *word = term->text;
  const char *star = term->prefix ? "*" : "";
  guint l_pos[MAX_L_VARIANTS];
  guint n_l = 0;

  for (guint i = 0; word[i] != '\0' && n_l < MAX_L_VARIANTS; i++)
    if (word[i] == 'l' || word[i] == 'L')
      l_pos[n_l++] = i;

  if (n_l == 0)
    {
      g_string_append_printf (query, "\"%s\"%s", word, star);
      return;
    }

  g_string_append_c (query, '(');
  for (guint mask = 0; mask < (1u << n_l); mask++)
    {
      guint next = 0;

      if (mask > 0)
        g_string_append (query, " OR ");
      g_string_append_c (query, '"');
      for (guint i = 0; word[i] != '\0'; i++)
        {
          if (next < n_l && l_pos[next] == i)
            {
              if (mask & (1u << next))
                g_string_append (query, "ł");
              else
                g_string_append_c (query, word[i]);
              next++;
            }
          else
            g_string_append_c (query, word[i]);
        }
      g_string_append_printf (query, "\"%s", star);
    }
  g_string_append_c (query, ')');
}

/* What the unicode61 tokenizer keeps in a token: letters, digits, marks. */
static gboolean
is_token_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) ||
         g_unichar_type (c) == G_UNICODE_PRIVATE_USE;
}

static gboolean
has_term (GArray           *terms,
          const SearchTerm *term)
{
  for (guint i = 0; i < terms->len; i++)
    {
      SearchTerm *other = &g_array_index (terms, SearchTerm, i);

      if (other->prefix == term->prefix && g_ascii_strcasecmp (other->text, term->text) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The token patterns of @text (see nudge_store_search()): its first
 * NUDGE_SEARCH_MAX_WORDS different words, split where the tokenizer
 * splits ("jan.novak@example": "jan", "novak", "example"), every part but
 * a word's last matched whole, the last as a prefix. The parts are
 * matched each on its own (AND), not as a phrase: a phrase of common
 * tokens that never occur in that order is a scan of every row holding
 * them, while an AND of tokens costs no more than its rarest token. */
static GArray *
collect_terms (const char *text)
{
  static const char separators[] = " \t\n\r,;";
  g_autoptr(GArray) terms = g_array_new (FALSE, FALSE, sizeof (SearchTerm));
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  gsize length = strnlen (text, NUDGE_SEARCH_MAX_BYTES);
  const char *end;
  const char *p = text;

  g_array_set_clear_func (terms, search_term_clear);

  /* Only the valid UTF-8 start of the text: a character cut at the
   * byte limit is left out. */
  g_utf8_validate_len (text, length, &end);

  while (p < end && words->len < NUDGE_SEARCH_MAX_WORDS)
    {
      const char *start;
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) part = g_string_new (NULL);
      g_autofree char *word = NULL;
      guint n_chars = 0;
      gboolean seen = FALSE;

      while (p < end && strchr (separators, *p) != NULL)
        p++;
      start = p;
      while (p < end && strchr (separators, *p) == NULL)
        p = g_utf8_next_char (p);
      if (p == start)
        continue;

      /* Repeated words count once */
      word = g_strndup (start, p - start);
      for (guint i = 0; i < words->len && !seen; i++)
        seen = g_ascii_strcasecmp (g_ptr_array_index (words, i), word) == 0;
      if (seen)
        continue;

      for (const char *c = start; c <= p; c = c < p ? g_utf8_next_char (c) : c + 1)
        {
          if (c < p && is_token_char (g_utf8_get_char (c)))
            {
              if (n_chars < NUDGE_SEARCH_MAX_WORD_CHARS)
                g_string_append_len (part, c, g_utf8_next_char (c) - c);
              n_chars++;
            }
          else if (part->len > 0)
            {
              if (parts->len < NUDGE_SEARCH_MAX_WORD_PARTS)
                g_ptr_array_add (parts, g_strdup (part->str));
              g_string_truncate (part, 0);
            }
        }

      /* A dash or a bracket on its own is no word */
      if (parts->len > 0)
        g_ptr_array_add (words, g_steal_pointer (&word));
      for (guint i = 0; i < parts->len; i++)
        {
          SearchTerm term = { g_ptr_array_index (parts, i), i + 1 == parts->len };

          if (!has_term (terms, &term))
            {
              term.text = g_strdup (term.text);
              g_array_append_val (terms, term);
            }
        }
    }
  return g_steal_pointer (&terms);
}

/* Turns what the user typed into an FTS5 query: an AND of token patterns,
 * each quoted so that FTS syntax in the input (AND, NEAR, *) is taken
 * literally. A prefix that starts another term of the query ("a" and
 * "anna") adds nothing and is left out: every prefix costs a pass over
 * the tokens it matches. So is a one-letter prefix before the last term:
 * it matches a good part of the book and costs the most. */
static char *
build_match_query (const char *text)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GArray) terms = collect_terms (text);

  for (guint i = 0; i < terms->len; i++)
    {
      SearchTerm *term = &g_array_index (terms, SearchTerm, i);
      gboolean implied = FALSE;

      if (term->prefix)
        {
          gsize len = strlen (term->text);

          for (guint j = 0; j < terms->len && !implied; j++)
            {
              SearchTerm *other = &g_array_index (terms, SearchTerm, j);

              implied = j != i && strlen (other->text) >= len &&
                        g_ascii_strncasecmp (other->text, term->text, len) == 0 &&
                        (strlen (other->text) > len || !other->prefix || j < i);
            }
          if (!implied && i + 1 < terms->len && g_utf8_strlen (term->text, -1) == 1)
            implied = TRUE;
        }
      if (implied)
        continue;
      /* Explicit AND: FTS5 does not take an implicit AND before a
       * parenthesised group of variants. */
      if (query->len > 0)
        g_string_append (query, " AND ");
      append_term_variants (query, term);
    }
  return query->len > 0 ? g_string_free (g_steal_pointer (&query), FALSE) : NULL;
}

static GArray *
search_ids (NudgeStore   *self,
            NudgeEntity   entity,
            const char   *text,
            gboolean      ranked,
            guint         limit,
            GError      **error)
{
  static const char *const sqls[] = {
    "SELECT rowid FROM company_fts WHERE company_fts MATCH ?1 ORDER BY rank LIMIT ?2",
    "SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?1 ORDER BY rank LIMIT ?2",
    /* Deals still being worked on before the won and lost ones. */
    "SELECT f.rowid FROM deal_fts f JOIN deal d ON d.id = f.rowid WHERE deal_fts MATCH ?1"
    " ORDER BY d.status IN ('won', 'lost'), f.rank LIMIT ?2",
    /* Unranked: for filtering a whole list, order does not matter and
     * skipping bm25 keeps one-letter prefixes fast. */
    "SELECT rowid FROM company_fts WHERE company_fts MATCH ?1 LIMIT ?2",
    "SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?1 LIMIT ?2",
    "SELECT rowid FROM deal_fts WHERE deal_fts MATCH ?1 LIMIT ?2",
  };
  g_autofree char *match = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (NUDGE_IS_STORE (self), NULL);
  g_return_val_if_fail (entity <= NUDGE_ENTITY_DEAL, NULL);

  match = build_match_query (text ? text : "");
  if (match == NULL)
    return g_steal_pointer (&ids);

  if (!(stmt = nudge_store_prepare (self, sqls[entity + (ranked ? 0 : 3)], error)))
    return NULL;
  nudge_sql_bind_text (stmt, 1, match);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
  if (!nudge_store_append_ids (self, stmt, ids, error))
    return NULL;
  return g_steal_pointer (&ids);
}

GArray *
nudge_store_search (NudgeStore  *self,
                    NudgeEntity  entity,
                    const char  *text,
                    guint        limit,
                    GError     **error)
{
  return search_ids (self, entity, text, limit > 0, limit, error);
}

GArray *
nudge_store_search_unranked (NudgeStore  *self,
                             NudgeEntity  entity,
                             const char  *text,
                             guint        limit,
                             GError     **error)
{
  return search_ids (self, entity, text, FALSE, limit, error);
}

GArray *
nudge_store_search_open_followups (NudgeStore  *self,
                                   const char  *text,
                                   guint        limit,
                                   GError     **error)
{
  /* Soonest first along (status, next_at); the index names the matches. */
  static const char sql[] =
    "SELECT id, next_at FROM followup WHERE status = 'open'"
    " AND id IN (SELECT rowid FROM followup_fts WHERE followup_fts MATCH ?1)"
    " ORDER BY next_at, id LIMIT ?2";
  g_autofree char *match = NULL;
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (NUDGE_IS_STORE (self), NULL);

  match = build_match_query (text ? text : "");
  if (match == NULL)
    return g_steal_pointer (&found);
  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return NULL;
  nudge_sql_bind_text (stmt, 1, match);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pair[2] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_vals (found, pair, 2);
    }
  if (!nudge_store_rows_done (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&found);
}

/* ---- upkeep ----------------------------------------------------------- */

static const char * const search_tables[] = {
  "deal_fts", "contact_fts", "company_fts", "followup_fts",
};

/* Pages of index one step of merging writes: a write lock of a few
 * milliseconds (at most 12 ms on the 100k book), so that a save of the
 * window, which waits at most 40 ms for the lock, hardly notices. */
#define MERGE_PAGES 32
/* Steps for one table at the most: a book built in bulk needs about 50. */
#define MERGE_STEPS 1000

/**
 * nudge_store_merge_search_index:
 *
 * Merges the segments that writes added to the search index, a small
 * step a transaction, until there is nothing left to merge or
 * @cancellable is cancelled. For a worker: the book's writes, the
 * window's among them, leave merging to this (migration 15).
 */
gboolean
nudge_store_merge_search_index (NudgeStore    *self,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_return_val_if_fail (NUDGE_IS_STORE (self), FALSE);

  if (nudge_store_get_read_only (self))
    return TRUE;
  for (guint t = 0; t < G_N_ELEMENTS (search_tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO %s(%s, rank) VALUES ('merge', %d)",
                                              search_tables[t], search_tables[t], MERGE_PAGES);

      for (guint step = 0; step < MERGE_STEPS; step++)
        {
          sqlite3_int64 before = sqlite3_total_changes64 (self->db);

          if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
              !nudge_store_exec (self, sql, error))
            return FALSE;
          /* SQLite's word for "found nothing to merge". */
          if (sqlite3_total_changes64 (self->db) - before < 2)
            break;
        }
    }
  return TRUE;
}
