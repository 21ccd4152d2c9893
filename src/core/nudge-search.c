/* nudge-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-search"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "nudge-search.h"
#include "nudge-store-private.h"

/* Deals and contacts whose follow-ups are listed: more than are shown, so
 * a follow-up of the tenth "Novák" still turns up, but bounded so that a
 * one-letter query costs no more than a word. */
#define OWNERS_FOR_FOLLOWUPS 200

/* Lower case without accents, as the unicode61 tokenizer with
 * remove_diacritics folds tokens; "ł", which has no decomposition, as
 * "l" too (nudge_store_search() tries both). Into @out, reused from row
 * to row: the follow-up scan allocates nothing per title. */
static void
fold_into (const char *text,
           GString    *out)
{
  g_string_truncate (out, 0);
  for (const char *p = text; *p != '\0'; )
    {
      gunichar c, base[4];

      if ((guchar) *p < 0x80)
        {
          g_string_append_c (out, g_ascii_tolower (*p));
          p++;
          continue;
        }
      c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      p = g_utf8_next_char (p);
      if (g_unichar_ismark (c))
        continue;
      if (g_unichar_fully_decompose (c, FALSE, base, G_N_ELEMENTS (base)) > 0)
        c = base[0];
      if (c == 0x0141 || c == 0x0142) /* Ł ł */
        c = 'l';
      g_string_append_unichar (out, g_unichar_tolower (c));
    }
}

static char *
fold (const char *text)
{
  GString *out = g_string_new (NULL);

  fold_into (text, out);
  return g_string_free (out, FALSE);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c);
}

/* The words of @folded text, as pointers into it (cut in place); at most
 * @max_words of them. */
static GPtrArray *
split_words (char  *folded,
             guint  max_words)
{
  GPtrArray *words = g_ptr_array_new ();
  char *p = folded;

  while (*p != '\0' && words->len < max_words)
    {
      char *start;

      while (*p != '\0' && !is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;
      start = p;
      while (*p != '\0' && is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p != '\0')
        {
          char *next = g_utf8_next_char (p);

          memset (p, '\0', next - p);
          p = next;
        }
      g_ptr_array_add (words, start);
    }
  return words;
}

/* Whether each of @query_words starts a word of @folded (a folded
 * title). A word starts after a byte that is ASCII and not a letter or
 * digit: letters beyond ASCII are word characters. */
static gboolean
words_match (const char *folded,
             GPtrArray  *query_words)
{
  for (guint i = 0; i < query_words->len; i++)
    {
      const char *q = g_ptr_array_index (query_words, i);
      const char *at = folded;
      gboolean found = FALSE;

      while (!found && (at = strstr (at, q)) != NULL)
        {
          found = at == folded || ((guchar) at[-1] < 0x80 && !g_ascii_isalnum (at[-1]));
          at++;
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static void
ids_to_set (GHashTable *set,
            GArray     *ids)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_hash_table_add (set, &g_array_index (ids, gint64, i));
}

/* Open follow-ups of the matching deals and contacts (@deals,
 * @contacts: their ids), and those whose title matches. Follow-ups have
 * no search index: their open ones are read in one pass (a few ten
 * thousand short titles at most, fewer when matches are common), folded
 * into one reused buffer. */
static gboolean
find_followups (NudgeStore    *store,
                const char    *text,
                GArray        *deals,
                GArray        *contacts,
                GPtrArray     *found,
                guint          per_kind,
                GCancellable  *cancellable,
                GError       **error)
{
  /* Soonest first, along the (status, next_at) index: the scan stops at
   * the @per_kind-th match, so a common word reads few rows. */
  static const char sql[] =
    "SELECT id, title, deal_id, contact_id FROM followup WHERE status = 'open'"
    " ORDER BY next_at, id";
  g_autoptr(GHashTable) deal_set = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) contact_set = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) folded = g_string_sized_new (256);
  g_autofree char *bounded = g_utf8_make_valid (text, strnlen (text, NUDGE_SEARCH_MAX_BYTES));
  g_autofree char *folded_query = fold (bounded);
  g_autoptr(GPtrArray) query_words = split_words (folded_query, NUDGE_SEARCH_MAX_WORDS);
  sqlite3_stmt *stmt;
  guint n_rows = 0;
  int rc;

  if (query_words->len == 0)
    return TRUE;
  ids_to_set (deal_set, deals);
  ids_to_set (contact_set, contacts);

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 deal_id = sqlite3_column_int64 (stmt, 2);
      gint64 contact_id = sqlite3_column_int64 (stmt, 3);
      gboolean match = (deal_id > 0 && g_hash_table_contains (deal_set, &deal_id)) ||
                       (contact_id > 0 && g_hash_table_contains (contact_set, &contact_id));

      if (!match)
        {
          const char *title = (const char *) sqlite3_column_text (stmt, 1);

          if (title != NULL)
            {
              fold_into (title, folded);
              match = words_match (folded->str, query_words);
            }
        }
      if (match)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (hits, id);
          if (hits->len >= per_kind)
            break;
        }
      if (++n_rows % 4096 == 0 && g_cancellable_is_cancelled (cancellable))
        break;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      nudge_store_set_sqlite_error (store, rc, error);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  for (guint i = 0; i < hits->len; i++)
    {
      NudgeFollowup *followup = nudge_store_get_followup (store, g_array_index (hits, gint64, i), NULL);

      if (followup != NULL)
        g_ptr_array_add (found, followup);
    }
  return TRUE;
}

GPtrArray *
nudge_search_records (NudgeStore        *store,
                      const char        *text,
                      NudgeSearchKinds   kinds,
                      guint              per_kind,
                      GCancellable      *cancellable,
                      GError           **error)
{
  static const struct {
    NudgeSearchKinds kind;
    NudgeEntity      entity;
  } indexed[] = {
    { NUDGE_SEARCH_DEALS,     NUDGE_ENTITY_DEAL },
    { NUDGE_SEARCH_CONTACTS,  NUDGE_ENTITY_CONTACT },
    { NUDGE_SEARCH_COMPANIES, NUDGE_ENTITY_COMPANY },
  };
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) deal_ids = NULL;
  g_autoptr(GArray) contact_ids = NULL;
  gboolean followups = (kinds & NUDGE_SEARCH_FOLLOWUPS) != 0;
  g_autofree char *stripped = NULL;
  gboolean one_letter;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  if (text == NULL || *text == '\0' || per_kind == 0)
    return g_steal_pointer (&found);
  stripped = g_strstrip (g_utf8_make_valid (text, strnlen (text, NUDGE_SEARCH_MAX_BYTES)));
  one_letter = g_utf8_strlen (stripped, -1) == 1;

  for (guint k = 0; k < G_N_ELEMENTS (indexed); k++)
    {
      gboolean shown = (kinds & indexed[k].kind) != 0;
      gboolean owners = followups && indexed[k].entity != NUDGE_ENTITY_COMPANY;
      g_autoptr(GArray) ids = NULL;
      guint limit;

      if (!shown && !owners)
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      /* One query serves both the rows shown and the follow-ups' owners:
       * ranking costs the same for any limit. A first letter matches a
       * good part of the book, where ranking is both the cost (bm25 over
       * every match) and meaningless: those come unranked. */
      limit = owners ? MAX (per_kind, OWNERS_FOR_FOLLOWUPS) : per_kind;
      if (!(ids = nudge_store_search (store, indexed[k].entity, text, one_letter ? 0 : limit, error)))
        return NULL;
      if (ids->len > limit)
        g_array_set_size (ids, limit);
      for (guint i = 0; shown && i < ids->len && i < per_kind; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);
          gpointer item = NULL;

          switch (indexed[k].entity)
            {
            case NUDGE_ENTITY_DEAL:
              item = nudge_store_get_deal (store, id, NULL);
              break;
            case NUDGE_ENTITY_CONTACT:
              item = nudge_store_get_contact (store, id, NULL);
              break;
            case NUDGE_ENTITY_COMPANY:
              item = nudge_store_get_company (store, id, NULL);
              break;
            default:
              g_assert_not_reached ();
            }
          if (item != NULL)
            g_ptr_array_add (found, item);
        }
      if (indexed[k].entity == NUDGE_ENTITY_DEAL)
        deal_ids = g_steal_pointer (&ids);
      else if (indexed[k].entity == NUDGE_ENTITY_CONTACT)
        contact_ids = g_steal_pointer (&ids);
    }

  if (followups &&
      !find_followups (store, text, deal_ids, contact_ids, found, per_kind, cancellable, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&found);
}

gboolean
nudge_search_title_matches (const char *title,
                            const char *text)
{
  g_autofree char *folded_title = NULL;
  g_autofree char *folded_text = NULL;
  g_autoptr(GPtrArray) text_words = NULL;

  if (title == NULL || text == NULL)
    return FALSE;
  folded_text = fold (text);
  text_words = split_words (folded_text, NUDGE_SEARCH_MAX_WORDS);
  if (text_words->len == 0)
    return FALSE;
  folded_title = fold (title);
  return words_match (folded_title, text_words);
}
