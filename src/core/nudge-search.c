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

typedef struct
{
  gint64 id;
  gint64 next_at;
} FollowupHit;

/* Lower case without accents, as the unicode61 tokenizer with
 * remove_diacritics folds tokens; "ł", which has no decomposition, as
 * "l" too (nudge_store_search() tries both). */
static char *
fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *out;

  for (const char *p = text; ; p++)
    {
      if (*p == '\0')
        return g_ascii_strdown (text, -1);
      if ((guchar) *p >= 0x80)
        break;
    }

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (c == 0x0141 || c == 0x0142) /* Ł ł */
        c = 'l';
      g_string_append_unichar (out, g_unichar_tolower (c));
    }
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

static gboolean
words_match (GPtrArray *title_words,
             GPtrArray *query_words)
{
  for (guint i = 0; i < query_words->len; i++)
    {
      const char *q = g_ptr_array_index (query_words, i);
      gsize len = strlen (q);
      gboolean found = FALSE;

      for (guint j = 0; j < title_words->len && !found; j++)
        found = strncmp (g_ptr_array_index (title_words, j), q, len) == 0;
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static void
ids_to_set (GHashTable *set,
            GArray     *ids)
{
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (set, &g_array_index (ids, gint64, i));
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const FollowupHit *ha = a;
  const FollowupHit *hb = b;

  if (ha->next_at != hb->next_at)
    return ha->next_at < hb->next_at ? -1 : 1;
  return ha->id < hb->id ? -1 : ha->id > hb->id;
}

/* Open follow-ups of the matching deals and contacts, and those whose
 * title matches. Follow-ups have no search index: their open ones are
 * read once (a few ten thousand short titles at most). */
static gboolean
find_followups (NudgeStore    *store,
                const char    *text,
                GPtrArray     *found,
                guint          per_kind,
                GCancellable  *cancellable,
                GError       **error)
{
  static const char sql[] =
    "SELECT id, title, next_at, deal_id, contact_id FROM followup WHERE status = 'open'";
  g_autoptr(GArray) deals = NULL;
  g_autoptr(GArray) contacts = NULL;
  g_autoptr(GHashTable) deal_set = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) contact_set = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (FollowupHit));
  g_autofree char *bounded = g_utf8_make_valid (text, strnlen (text, NUDGE_SEARCH_MAX_BYTES));
  g_autofree char *folded_query = fold (bounded);
  g_autoptr(GPtrArray) query_words = split_words (folded_query, NUDGE_SEARCH_MAX_WORDS);
  sqlite3_stmt *stmt;
  guint n_rows = 0;
  int rc;

  if (query_words->len == 0)
    return TRUE;
  if (!(deals = nudge_store_search (store, NUDGE_ENTITY_DEAL, text, OWNERS_FOR_FOLLOWUPS, error)))
    return FALSE;
  if (!(contacts = nudge_store_search (store, NUDGE_ENTITY_CONTACT, text, OWNERS_FOR_FOLLOWUPS, error)))
    return FALSE;
  ids_to_set (deal_set, deals);
  ids_to_set (contact_set, contacts);

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 deal_id = sqlite3_column_int64 (stmt, 3);
      gint64 contact_id = sqlite3_column_int64 (stmt, 4);
      gboolean match = g_hash_table_contains (deal_set, &deal_id) ||
                       g_hash_table_contains (contact_set, &contact_id);

      if (!match)
        {
          const char *title = (const char *) sqlite3_column_text (stmt, 1);

          if (title != NULL)
            {
              g_autofree char *folded = fold (title);
              g_autoptr(GPtrArray) words = split_words (folded, G_MAXUINT);

              match = words_match (words, query_words);
            }
        }
      if (match)
        {
          FollowupHit hit = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 2) };

          if (hit.next_at <= 0)
            hit.next_at = G_MAXINT64;
          g_array_append_val (hits, hit);
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

  g_array_sort (hits, compare_hits);
  for (guint i = 0; i < hits->len && i < per_kind; i++)
    {
      NudgeFollowup *followup = nudge_store_get_followup (store, g_array_index (hits, FollowupHit, i).id, NULL);

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

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  if (text == NULL || *text == '\0' || per_kind == 0)
    return g_steal_pointer (&found);

  for (guint k = 0; k < G_N_ELEMENTS (indexed); k++)
    {
      g_autoptr(GArray) ids = NULL;

      if (!(kinds & indexed[k].kind))
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (!(ids = nudge_store_search (store, indexed[k].entity, text, per_kind, error)))
        return NULL;
      for (guint i = 0; i < ids->len; i++)
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
    }

  if ((kinds & NUDGE_SEARCH_FOLLOWUPS) &&
      !find_followups (store, text, found, per_kind, cancellable, error))
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
  g_autoptr(GPtrArray) title_words = NULL;
  g_autoptr(GPtrArray) text_words = NULL;

  if (title == NULL || text == NULL)
    return FALSE;
  folded_text = fold (text);  /* the user's few words */
  text_words = split_words (folded_text, NUDGE_SEARCH_MAX_WORDS);
  if (text_words->len == 0)
    return FALSE;
  folded_title = fold (title);
  title_words = split_words (folded_title, G_MAXUINT);
  return words_match (title_words, text_words);
}
