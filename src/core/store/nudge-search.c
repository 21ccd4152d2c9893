/* nudge-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-search"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "nudge-format.h"
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

char *
nudge_search_fold (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return fold (text);
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

typedef struct
{
  gint64 id;
  gint64 next_at;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->next_at != y->next_at)
    return x->next_at < y->next_at ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

/* The soonest @limit open follow-ups of each owner in @owner_ids. */
static gboolean
add_owners_followups (NudgeStore  *store,
                      const char  *sql,
                      GArray      *owner_ids,
                      guint        limit,
                      GArray      *candidates,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  if (owner_ids == NULL || owner_ids->len == 0)
    return TRUE;
  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  for (guint i = 0; i < owner_ids->len; i++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, g_array_index (owner_ids, gint64, i));
      sqlite3_bind_int64 (stmt, 2, limit);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          Candidate c = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

          g_array_append_val (candidates, c);
        }
      if (!nudge_store_rows_done (store, stmt, rc, error))
        return FALSE;
    }
  return TRUE;
}

/* Open follow-ups of the matching deals and contacts (@deals,
 * @contacts: their ids), and those whose title matches: the soonest
 * @per_kind of them. Each source gives its soonest @per_kind through an
 * index; the merge keeps the soonest of all. */
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
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) by_title = NULL;
  guint n_hits = 0;

  if (!(by_title = nudge_store_search_open_followups (store, text, per_kind, error)))
    return FALSE;
  g_array_append_vals (candidates, by_title->data, by_title->len / 2);
  if (!add_owners_followups (store,
                             "SELECT id, next_at FROM followup WHERE deal_id = ?1 AND status = 'open'"
                             " ORDER BY next_at, id LIMIT ?2",
                             deals, per_kind, candidates, error) ||
      !add_owners_followups (store,
                             "SELECT id, next_at FROM followup WHERE contact_id = ?1 AND status = 'open'"
                             " ORDER BY next_at, id LIMIT ?2",
                             contacts, per_kind, candidates, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  g_array_sort (candidates, compare_candidates);
  for (guint i = 0; i < candidates->len && n_hits < per_kind; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);
      NudgeFollowup *followup;

      /* A follow-up of a matching deal and contact, or also matching by title */
      if (i > 0 && g_array_index (candidates, Candidate, i - 1).id == c->id)
        continue;
      if ((followup = nudge_store_get_followup (store, c->id, NULL)) != NULL)
        {
          g_ptr_array_add (found, followup);
          n_hits++;
        }
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
  gboolean first_letters;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  if (text == NULL || *text == '\0' || per_kind == 0)
    return g_steal_pointer (&found);
  stripped = g_strstrip (g_utf8_make_valid (text, strnlen (text, NUDGE_SEARCH_MAX_BYTES)));
  first_letters = g_utf8_strlen (stripped, -1) <= 2;

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
       * ranking costs the same for any limit. The first one or two
       * letters match a good part of the book, where ranking is both the
       * cost (bm25 over every match: 40-80 ms on the 100k book) and
       * meaningless: those come unranked. */
      limit = owners ? MAX (per_kind, OWNERS_FOR_FOLLOWUPS) : per_kind;
      ids = first_letters ? nudge_store_search_unranked (store, indexed[k].entity, text, limit, error)
                       : nudge_store_search (store, indexed[k].entity, text, limit, error);
      if (ids == NULL)
        return NULL;
      if (ids->len > limit)
        g_array_set_size (ids, limit);
      for (guint i = 0; shown && i < ids->len && i < per_kind; i++)
        {
          gpointer item = nudge_store_get_record (store, indexed[k].entity, g_array_index (ids, gint64, i), NULL);

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

/* ---- results as rows read them ----------------------------------------- */

/* "Tomorrow 10:00", "Monday", "12/3/2026 09:00"; @in_sentence after
 * other words: "next: Call (tomorrow 10:00)" */
static char *
format_when (gint64   at,
             gboolean all_day,
             gboolean in_sentence,
             gint64   now)
{
  g_autofree char *day = in_sentence ? nudge_format_relative_day_in_sentence (at, now)
                                     : nudge_format_relative_day (at, now);
  g_autofree char *time = NULL;

  if (all_day)
    return g_steal_pointer (&day);
  time = nudge_format_time (at);
  /* TRANSLATORS: a due day and time in the search results: "Tomorrow 10:00" */
  return g_strdup_printf (C_("day and time", "%s %s"), day, time);
}

static void
add_part (GPtrArray  *parts,
          const char *text)
{
  if (text != NULL && *text != '\0')
    g_ptr_array_add (parts, g_strdup (text));
}

/* The row's one line and its accessible name: "Hotel Praha · Proposal
 * sent · 12 500 Kč · next: Call (Tomorrow 10:00)" and "Deal: Licence CRM,
 * Hotel Praha, Proposal sent, 12 500 Kč, next: …". */
static void
describe (NudgeSearchResult *hit,
          gint64             now)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *kind_name = NULL;

  if (NUDGE_IS_DEAL (hit->item))
      {
        NudgeDeal *deal = NUDGE_DEAL (hit->item);
        int status = nudge_deal_get_status (deal);

        hit->title = g_strdup (nudge_deal_get_title (deal));
        /* TRANSLATORS: the kind of a search result, read by screen readers */
        kind_name = _("Deal");
        /* Whose deal: titles such as "Training" say little on their own. */
        add_part (parts, nudge_deal_get_company_name (deal));
        if (nudge_deal_get_company_name (deal) == NULL || *nudge_deal_get_company_name (deal) == '\0')
          add_part (parts, nudge_deal_get_contact_name (deal));
        add_part (parts, nudge_deal_get_stage_name (deal));
        if (status != NUDGE_DEAL_OPEN && status != NUDGE_DEAL_WON && status != NUDGE_DEAL_LOST)
          add_part (parts, nudge_deal_status_label (status));
        if (nudge_deal_get_has_amount (deal))
          g_ptr_array_add (parts, nudge_format_money_whole (nudge_deal_get_amount_minor (deal),
                                                            nudge_deal_get_currency (deal)));
        if (hit->next_step != NULL)
          {
            g_autofree char *when = format_when (nudge_followup_get_next_at (hit->next_step),
                                                 nudge_followup_get_all_day (hit->next_step), TRUE, now);

            /* TRANSLATORS: a deal's next follow-up in the search results: "next: Call (tomorrow 10:00)" */
            g_ptr_array_add (parts, g_strdup_printf (_("next: %s (%s)"),
                                                     nudge_followup_get_title (hit->next_step), when));
          }
        else if (status == NUDGE_DEAL_OPEN)
          g_ptr_array_add (parts, g_strdup (_("no next step")));
      }
  else if (NUDGE_IS_CONTACT (hit->item))
      {
        NudgeContact *contact = NUDGE_CONTACT (hit->item);

        hit->title = g_strdup (nudge_contact_get_name (contact));
        kind_name = _("Contact");
        add_part (parts, nudge_contact_get_company_name (contact));
        add_part (parts, nudge_contact_get_email (contact));
        if (parts->len == 0)
          add_part (parts, nudge_contact_get_phone (contact));
      }
  else if (NUDGE_IS_COMPANY (hit->item))
      {
        NudgeCompany *company = NUDGE_COMPANY (hit->item);
        int n_contacts = nudge_company_get_n_contacts (company);
        int n_deals = nudge_company_get_n_open_deals (company);

        hit->title = g_strdup (nudge_company_get_name (company));
        kind_name = _("Company");
        add_part (parts, nudge_company_get_industry (company));
        if (n_contacts > 0)
          g_ptr_array_add (parts, g_strdup_printf (ngettext ("%d contact", "%d contacts", n_contacts), n_contacts));
        if (n_deals > 0)
          g_ptr_array_add (parts, g_strdup_printf (ngettext ("%d open deal", "%d open deals", n_deals), n_deals));
      }
  else
      {
        NudgeFollowup *followup = NUDGE_FOLLOWUP (hit->item);
        gint64 at = nudge_followup_get_next_at (followup);
        const char *deal = nudge_followup_get_deal_title (followup);
        const char *contact = nudge_followup_get_contact_name (followup);

        hit->title = g_strdup (nudge_followup_get_title (followup));
        kind_name = _("Follow-up");
        if (at <= 0)
          at = nudge_followup_get_due_at (followup);
        if (at > 0)
          {
            g_autofree char *when = format_when (at, nudge_followup_get_all_day (followup), FALSE, now);

            g_ptr_array_add (parts, at < now
                                    /* TRANSLATORS: an overdue follow-up in the search results */
                                    ? g_strdup_printf (_("Overdue · %s"), when)
                                    : g_steal_pointer (&when));
          }
        add_part (parts, deal != NULL && *deal != '\0' ? deal : contact);
      }

  g_ptr_array_add (parts, NULL);
  hit->description = g_strjoinv (" · ", (char **) parts->pdata);
  {
    g_autofree char *details = g_strjoinv (", ", (char **) parts->pdata);

    /* TRANSLATORS: a search result for screen readers: "Deal: Licence CRM, Proposal sent, 12 500 Kč" */
    hit->accessible = *details ? g_strdup_printf (_("%s: %s, %s"), kind_name, hit->title, details)
                               : g_strdup_printf (C_("search result", "%s: %s"), kind_name, hit->title);
  }
}


/**
 * nudge_search_result_new:
 * @item: a NudgeDeal, NudgeContact, NudgeCompany or NudgeFollowup
 *
 * @item described as a result row (a deal with its next step, read from
 * @store). Call it on a worker.
 */
NudgeSearchResult *
nudge_search_result_new (NudgeStore *store,
                         GObject    *item,
                         gint64      now)
{
  NudgeSearchResult *result = g_new0 (NudgeSearchResult, 1);

  result->item = g_object_ref (item);
  if (NUDGE_IS_DEAL (item))
    {
      g_autoptr(GPtrArray) open = nudge_store_list_followups (store, NUDGE_ENTITY_DEAL,
                                                              nudge_deal_get_id (NUDGE_DEAL (item)), TRUE, NULL);

      if (open != NULL && open->len > 0)
        result->next_step = g_object_ref (g_ptr_array_index (open, 0));
    }
  describe (result, now);
  return result;
}

void
nudge_search_result_free (NudgeSearchResult *result)
{
  if (result == NULL)
    return;
  g_clear_object (&result->item);
  g_clear_object (&result->next_step);
  g_free (result->title);
  g_free (result->description);
  g_free (result->accessible);
  g_free (result);
}

/**
 * nudge_search_results:
 *
 * nudge_search_records(), each with what a result row says: its title, a
 * one-line description (a deal's stage, amount and next step) and the
 * sentence a screen reader reads. Call it on a worker.
 *
 * Returns: (transfer full) (element-type NudgeSearchResult)
 */
GPtrArray *
nudge_search_results (NudgeStore        *store,
                      const char        *text,
                      NudgeSearchKinds   kinds,
                      guint              per_kind,
                      gint64             now,
                      GCancellable      *cancellable,
                      GError           **error)
{
  g_autoptr(GPtrArray) found = NULL;
  GPtrArray *results = NULL;
  /* Hundreds of small reads (each matching owner's follow-ups, each
   * result's description): one snapshot spares each its own lock. */
  gboolean snapshot = nudge_store_begin_read (store);

  if ((found = nudge_search_records (store, text, kinds, per_kind, cancellable, error)))
    {
      results = g_ptr_array_new_with_free_func ((GDestroyNotify) nudge_search_result_free);
      for (guint i = 0; i < found->len; i++)
        g_ptr_array_add (results, nudge_search_result_new (store, g_ptr_array_index (found, i), now));
    }
  if (snapshot)
    nudge_store_end_read (store);
  return results;
}
