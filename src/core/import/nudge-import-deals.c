/* nudge-import-deals.c — a deal row: the deal the book has of that
 * title and company brought up to date, or a new one in its stage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A deal is the same when its title and its company's name agree as
 * nudge_import_fold_name() leaves them (case, accents and repeated
 * spaces aside), whether it is open, won or lost; a row that names no
 * company is about a deal without one. Of two deals of the book that
 * agree so, neither is guessed: the row is an error naming them.
 *
 * A matched deal takes the row's values that differ from its own; an
 * empty cell never erases one. The update is written as a move of the
 * deal is (nudge-deal-move.c): a new stage goes into the stage history,
 * and the deal's row as it was is kept for the import's Undo
 * (nudge-import-undo.c).
 */

#define G_LOG_DOMAIN "nudge-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "nudge-deal-move.h"
#include "nudge-format.h"
#include "nudge-import-private.h"
#include "nudge-pipeline.h"
#include "nudge-records.h"
#include "nudge-store-private.h"

/* The deals of the book a title and company key stands for (deal_keys):
 * a file's row about a deal the seller runs again every year ("Service
 * renewal" at one company, won last year, open now) means the open one. */
typedef struct
{
  gint64 id;        /* the deal when it is the only one */
  guint  n;
  gint64 open_id;   /* the open deal when it is the only open one */
  guint  n_open;
} DealKey;

/* What a deal row says beyond its texts */
typedef struct
{
  gint64           contact_id;
  gboolean         has_amount;
  gint64           amount_minor;
  char            *currency;      /* the amount's or the row's, or NULL */
  char            *expected;      /* an ISO date, or NULL */
  gint64           stage_id;      /* 0: none said */
  gboolean         status_said;
  NudgeDealStatus  status;
} DealValues;

static void
deal_values_clear (DealValues *values)
{
  g_clear_pointer (&values->currency, g_free);
  g_clear_pointer (&values->expected, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DealValues, deal_values_clear)

/* What an update writes: the deal's fields, then its stage and status
 * as a move writes them */
typedef struct
{
  NudgeDeal       *deal;          /* with the row's values */
  gint64           stage_id;      /* 0: it stays where it is */
  gboolean         set_status;
  NudgeDealStatus  status;
  const char      *lost_reason;   /* or NULL: the deal's stays */
  NudgeFollowupsUndo *followups;  /* out: the open follow-ups closing cancelled */
} DealUpdate;

/* ---- the row's values ------------------------------------------------------ */

static gboolean
ensure_company (NudgeStore         *store,
                GHashTable         *companies,
                const char         *name,
                NudgeImportResult  *result,
                gint64             *out_id,
                GError            **error)
{
  g_autoptr(NudgeCompany) company = NULL;
  gint64 id;

  *out_id = 0;
  if (*name == '\0')
    return TRUE;
  if ((*out_id = nudge_import_lookup_name (companies, name)) > 0)
    return TRUE;

  company = nudge_company_new ();
  g_object_set (company, "name", name, NULL);
  if (!(id = nudge_store_save_company (store, company, error)))
    return FALSE;
  g_array_append_val (result->company_ids, id);
  result->n_companies_added++;
  g_hash_table_insert (companies, g_utf8_casefold (name, -1), g_memdup2 (&id, sizeof id));
  *out_id = id;
  return TRUE;
}

/* "12 500,00 Kč", "€1,200.00", "1250": the number, and the currency its
 * symbol or code names, if any. */
static gboolean
parse_amount (const char  *text,
              const char  *currency,
              const char  *default_currency,
              char       **out_currency,
              gint64      *out_minor,
              GError     **error)
{
  static const char *known[] = { "CZK", "PLN", "UAH", "EUR", "USD", "GBP", "CHF", "HUF", "RON", NULL };
  g_autoptr(GString) number = g_string_new (NULL);
  const char *found = NULL;

  for (guint i = 0; known[i] != NULL && found == NULL; i++)
    if (strstr (text, known[i]) != NULL || strstr (text, nudge_currency_symbol (known[i])) != NULL)
      found = known[i];
  /* Ukrainians write "2 500 грн" far more often than "₴" */
  if (found == NULL && strstr (text, "грн") != NULL)
    found = "UAH";

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* c < 0x80: g_ascii_isdigit() looks at the low byte only, and
       * would take the "г" of "грн" (U+0433) for a 3 */
      if ((c < 0x80 && g_ascii_isdigit (c)) || c == '.' || c == ',' || c == ' ' || c == '\'' || c == 0x00a0 || c == 0x202f)
        g_string_append_unichar (number, c);
      /* A minus before the number stays, for the amount to be refused:
       * left out, "-5 000" would import as 5 000 (after it, as in
       * "1 200,- Kč", it is no sign). */
      else if ((c == '-' || c == 0x2212) && strpbrk (number->str, "0123456789") == NULL)
        g_string_append_c (number, '-');
    }
  /* "1 200,- Kč" and "2 500 грн." end in a mark that is no decimal */
  while (number->len > 0)
    {
      const char *last = g_utf8_find_prev_char (number->str, number->str + number->len);
      gunichar c = g_utf8_get_char (last);

      if (c != '.' && c != ',' && c != ' ' && c != 0x00a0 && c != 0x202f)
        break;
      g_string_truncate (number, last - number->str);
    }

  if (*currency == '\0')
    currency = found != NULL ? found : default_currency;
  /* "n/a", "TBD": the message quotes the cell, not what is left of it */
  if (strpbrk (number->str, "0123456789") == NULL)
    {
      nudge_import_set_text_error (error, NUDGE_STORE_ERROR_INVALID,
                                   _("“%s” is not an amount (e.g. 12500 or 12 500,50)"), text);
      return FALSE;
    }
  if (!nudge_parse_money (number->str, currency, out_minor, error))
    return FALSE;
  *out_currency = g_strdup (currency);
  return TRUE;
}

/* Pipedrive writes "won", "lost", "open" (and "deleted"); HubSpot has
 * "Closed won" and "Closed lost" stages; Nudge's own export writes
 * "on_hold", and a sheet may say it as the app does, in the user's
 * language ("Prohraný"). */
static gboolean
parse_status (const char       *status,
              const char       *stage,
              NudgeDealStatus  *out,
              GError          **error)
{
  static const struct
  {
    const char      *word;
    NudgeDealStatus  status;
  } words[] = {
    { "open", NUDGE_DEAL_OPEN },
    { "won", NUDGE_DEAL_WON },
    { "lost", NUDGE_DEAL_LOST },
    { "deleted", NUDGE_DEAL_LOST },
    { "onhold", NUDGE_DEAL_ON_HOLD },
  };
  g_autofree char *wanted = nudge_import_normalize_header (status);
  g_autofree char *stage_key = nudge_import_normalize_header (stage);

  *out = NUDGE_DEAL_OPEN;
  if (g_str_equal (stage_key, "closedwon"))
    *out = NUDGE_DEAL_WON;
  else if (g_str_equal (stage_key, "closedlost"))
    *out = NUDGE_DEAL_LOST;
  if (*wanted == '\0')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_str_equal (wanted, words[i].word))
      {
        *out = words[i].status;
        return TRUE;
      }
  for (NudgeDealStatus s = NUDGE_DEAL_OPEN; s <= NUDGE_DEAL_ON_HOLD; s++)
    {
      g_autofree char *label = nudge_import_normalize_header (nudge_deal_status_label (s));

      if (g_str_equal (wanted, label))
        {
          *out = s;
          return TRUE;
        }
    }
  nudge_import_set_text_error (error, NUDGE_STORE_ERROR_INVALID,
                               /* Translators: a deals file's Status cell; the words in English are
                                * what other programs write, keep them */
                               _("“%s” is not a deal status: open, won, lost or on hold"), status);
  return FALSE;
}

/* Whether a deal that is @before and a row that says @after leave the
 * deal in its stage: open and on hold are both in an open stage */
static gboolean
status_keeps_stage (NudgeDealStatus before,
                    NudgeDealStatus after)
{
  gboolean open_before = before == NUDGE_DEAL_OPEN || before == NUDGE_DEAL_ON_HOLD;
  gboolean open_after = after == NUDGE_DEAL_OPEN || after == NUDGE_DEAL_ON_HOLD;

  return before == after || (open_before && open_after);
}

/* The stage a deal goes to: the pipeline and the stage by name, created
 * (and listed in result->created) when missing; a won or lost deal goes
 * to its pipeline's won or lost stage. 0: the default pipeline's first.
 * A row that names no pipeline is about @deal_pipeline (0: the
 * default one). */
static gboolean
resolve_stage (NudgeStore         *store,
               const char         *pipeline_name,
               const char         *stage_name,
               NudgeDealStatus     status,
               gint64              deal_pipeline,
               NudgeImportResult  *result,
               gint64             *out_stage,
               GError            **error)
{
  g_autoptr(NudgeStage) stage = NULL;
  gint64 pipeline_id = 0;

  *out_stage = 0;
  /* A deal the book has that is open again goes to its pipeline's first
   * open stage. */
  if (*pipeline_name == '\0' && *stage_name == '\0' && status == NUDGE_DEAL_OPEN && deal_pipeline <= 0)
    return TRUE;
  if (*pipeline_name != '\0')
    {
      if (!(pipeline_id = nudge_pipeline_find (store, pipeline_name)))
        {
          if (!(pipeline_id = nudge_pipeline_create (store, pipeline_name, error)))
            return FALSE;
          g_ptr_array_add (result->created,
                           /* Translators: what an import created, e.g. pipeline “Partners” */
                           g_strdup_printf (_("pipeline “%s”"), pipeline_name));
        }
    }
  else
    pipeline_id = deal_pipeline > 0 ? deal_pipeline : nudge_store_get_default_pipeline (store);

  if (status == NUDGE_DEAL_WON || status == NUDGE_DEAL_LOST || *stage_name == '\0')
    {
      if (!nudge_store_first_stage_of_kind (store, pipeline_id,
                                            status == NUDGE_DEAL_WON ? "won" : status == NUDGE_DEAL_LOST ? "lost" : "open",
                                            out_stage, error))
        return FALSE;
      if (*out_stage > 0 || *stage_name == '\0')
        return TRUE;
    }

  if ((stage = nudge_store_find_stage (store, pipeline_id, stage_name, NULL)))
    {
      *out_stage = nudge_stage_get_id (stage);
      return TRUE;
    }
  /* After the last open stage, before Won and Lost */
  if (!(*out_stage = nudge_stage_create (store, pipeline_id, stage_name, -1, error)))
    return FALSE;
  {
    g_autoptr(NudgeStage) pipeline = NULL;
    g_autoptr(GPtrArray) pipelines = nudge_store_list_pipelines (store, NULL);
    const char *shown_pipeline = pipeline_name;

    for (guint i = 0; pipelines != NULL && i < pipelines->len; i++)
      if (nudge_stage_get_id (g_ptr_array_index (pipelines, i)) == pipeline_id)
        shown_pipeline = nudge_stage_get_name (g_ptr_array_index (pipelines, i));
    g_ptr_array_add (result->created,
                     /* Translators: what an import created, e.g. stage “Demo” in “Sales” */
                     g_strdup_printf (_("stage “%s” in “%s”"), stage_name, shown_pipeline));
  }
  return TRUE;
}

/* ---- finding the deal ----------------------------------------------------- */

static char *
deal_key (const char *title,
          const char *company)
{
  g_autofree char *folded_title = nudge_import_fold_name (title);
  g_autofree char *folded_company = nudge_import_fold_name (company != NULL ? company : "");

  return g_strconcat (folded_title, "\x1f", folded_company, NULL);
}

/* Deal @id (open with @is_open) by its title and company */
static void
remember_deal (NudgeImportMatch *match,
               gint64            id,
               gboolean          is_open,
               const char       *title,
               const char       *company)
{
  char *key = deal_key (title, company);
  DealKey *known = g_hash_table_lookup (match->deal_keys, key);

  if (known == NULL)
    {
      known = g_new0 (DealKey, 1);
      g_hash_table_insert (match->deal_keys, key, known);
    }
  else
    g_free (key);
  known->id = id;
  known->n++;
  if (is_open)
    {
      known->open_id = id;
      known->n_open++;
    }
}

static void
read_deal (NudgeImportMatch *match,
           sqlite3_stmt     *stmt,
           gint64            id)
{
  remember_deal (match, id, sqlite3_column_int (stmt, 3),
                 (const char *) sqlite3_column_text (stmt, 1),
                 (const char *) sqlite3_column_text (stmt, 2));
}

/* Every deal of the book, open or closed, by its title and company */
void
nudge_import_load_deals (NudgeImportMatch *match)
{
  nudge_import_load_rows (match,
                          "SELECT d.id, d.title, COALESCE(co.name, ''), d.status IN ('open', 'on_hold') FROM deal d"
                          " LEFT JOIN company co ON co.id = d.company_id"
                          " WHERE d.trashed_at IS NULL ORDER BY d.id", read_deal);
}

/* The deal of the row's title and company in @out_id, 0 when the book
 * has none; FALSE when it has several and not one open among them. */
static gboolean
find_deal (NudgeImportMatch    *match,
           const char * const  *v,
           gint64              *out_id,
           GError             **error)
{
  g_autofree char *key = deal_key (v[FIELD_TITLE], v[FIELD_COMPANY]);
  g_autofree char *title = NULL;
  g_autofree char *company = NULL;
  DealKey *known = g_hash_table_lookup (match->deal_keys, key);

  *out_id = 0;
  if (known == NULL || known->n == 1 || known->n_open == 1)
    {
      *out_id = known == NULL ? 0 : known->n == 1 ? known->id : known->open_id;
      return TRUE;
    }
  title = nudge_import_shorten (v[FIELD_TITLE]);
  company = nudge_import_shorten (v[FIELD_COMPANY]);
  if (*company != '\0')
    g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                 /* Translators: a row of a deals file that two deals of the book could be,
                  * e.g. More than one deal in the book is called “Coffee machines” at “Hotel Praha” */
                 _("More than one deal in the book is called “%s” at “%s”: rename one of them, "
                   "then import the file again"), title, company);
  else
    g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                 _("More than one deal in the book is called “%s” and has no company: rename one "
                   "of them, then import the file again"), title);
  return FALSE;
}

/* ---- reading the row ------------------------------------------------------ */

/* The contact, amount, dates, stage and status of row @v, about @deal
 * (or a new deal with NULL): the deal's pipeline and currency stand for
 * those the row does not name. */
static gboolean
read_deal_values (const ImportRows   *rows,
                  const char * const *v,
                  NudgeDeal          *deal,
                  DealValues         *values,
                  GError            **error)
{
  gint64 pipeline_id = deal != NULL ? nudge_deal_get_pipeline_id (deal) : 0;

  if (*v[FIELD_CONTACT] != '\0' && !(values->contact_id = nudge_import_lookup_name (rows->contacts, v[FIELD_CONTACT])))
    {
      nudge_import_set_text_error (error, NUDGE_STORE_ERROR_NOT_FOUND,
                                   _("There is no contact “%s”; import the contacts first"), v[FIELD_CONTACT]);
      return FALSE;
    }
  if (*v[FIELD_AMOUNT] != '\0')
    {
      if (!parse_amount (v[FIELD_AMOUNT], v[FIELD_CURRENCY],
                         deal != NULL ? nudge_deal_get_currency (deal) : rows->default_currency,
                         &values->currency, &values->amount_minor, error))
        return FALSE;
      values->has_amount = TRUE;
    }
  else if (*v[FIELD_CURRENCY] != '\0')
    values->currency = g_strdup (v[FIELD_CURRENCY]);
  if (*v[FIELD_EXPECTED_CLOSE] != '\0' && !(values->expected = nudge_import_parse_date (v[FIELD_EXPECTED_CLOSE], error)))
    return FALSE;
  /* A plain sheet names stages the book has; another program's export
   * brings its own, created as they come */
  if (!rows->known_format && *v[FIELD_STAGE] != '\0')
    {
      g_autoptr(NudgeStage) stage = nudge_store_find_stage (rows->store, pipeline_id, v[FIELD_STAGE], error);

      if (stage == NULL)
        return FALSE;
      values->stage_id = nudge_stage_get_id (stage);
    }
  if (!rows->known_format && *v[FIELD_STATUS] == '\0')
    return TRUE;

  if (!parse_status (v[FIELD_STATUS], v[FIELD_STAGE], &values->status, error))
    return FALSE;
  values->status_said = *v[FIELD_STATUS] != '\0' || values->status != NUDGE_DEAL_OPEN;
  /* A deal the book has stays in its stage when the row names none
   * and says no status that takes it out. */
  if (deal != NULL && *v[FIELD_STAGE] == '\0' &&
      (!values->status_said || status_keeps_stage (nudge_deal_get_status (deal), values->status)))
    return TRUE;
  return resolve_stage (rows->store, v[FIELD_PIPELINE], v[FIELD_STAGE], values->status, pipeline_id,
                        rows->result, &values->stage_id, error);
}

/* ---- a new deal ------------------------------------------------------------ */

static gint64
add_deal (const ImportRows   *rows,
          const char * const *v,
          const DealValues   *values,
          GError            **error)
{
  g_autoptr(NudgeDeal) deal = nudge_deal_new ();
  gint64 company_id, id;

  if (!ensure_company (rows->store, rows->companies, v[FIELD_COMPANY], rows->result, &company_id, error))
    return 0;
  if (values->has_amount)
    g_object_set (deal, "has-amount", TRUE, "amount-minor", values->amount_minor, NULL);
  if (values->status == NUDGE_DEAL_LOST)
    g_object_set (deal, "status", values->status, "lost-reason", v[FIELD_LOST_REASON], NULL);
  else if (values->status == NUDGE_DEAL_ON_HOLD)
    g_object_set (deal, "status", values->status, NULL);
  g_object_set (deal, "title", v[FIELD_TITLE], "company-id", company_id, "contact-id", values->contact_id,
                "stage-id", values->stage_id,
                "currency", values->currency != NULL ? values->currency : rows->default_currency,
                "product", v[FIELD_PRODUCT], "expected-close", values->expected, "notes", v[FIELD_NOTES], NULL);
  if ((id = nudge_store_save_deal (rows->store, deal, error)) > 0)
    remember_deal (rows->match, id, values->status != NUDGE_DEAL_WON && values->status != NUDGE_DEAL_LOST,
                   v[FIELD_TITLE], v[FIELD_COMPANY]);
  return id;
}

/* ---- an update ------------------------------------------------------------- */

/* A deal the file closes (its status, or a won or lost stage) is closed
 * as on the board: its open follow-ups are cancelled, and the import's
 * Undo puts them back. */
static gboolean
cancel_if_closed (NudgeStore  *store,
                  DealUpdate  *update,
                  GError     **error)
{
  gint64 id = nudge_deal_get_id (update->deal);
  NudgeDealStatus before = nudge_deal_get_status (update->deal);
  gint64 closed = 0;

  if (before == NUDGE_DEAL_WON || before == NUDGE_DEAL_LOST)
    return TRUE;
  if (!nudge_store_lookup_checked (store, "SELECT status IN ('won', 'lost') FROM deal WHERE id = ?1", id,
                                   NULL, &closed, error))
    return FALSE;
  return !closed || nudge_deal_cancel_open_followups (store, id, &update->followups, error) >= 0;
}

/* Another reason for a deal lost already: the day it was lost stays. */
static gboolean
write_lost_reason (NudgeStore  *store,
                   gint64       id,
                   const char  *lost_reason,
                   GError     **error)
{
  static const char lost_reason_sql[] = "UPDATE deal SET lost_reason = ?1 WHERE id = ?2";
  sqlite3_stmt *stmt;

  if (!nudge_check_text (_("Lost reason"), lost_reason, NUDGE_MAX_SHORT_CHARS, FALSE, error) ||
      !(stmt = nudge_store_prepare (store, lost_reason_sql, error)))
    return FALSE;
  nudge_sql_bind_text (stmt, 1, lost_reason);
  sqlite3_bind_int64 (stmt, 2, id);
  return nudge_store_step_done (store, stmt, error);
}

static gboolean
write_update (NudgeStore  *store,
              gpointer     data,
              GError     **error)
{
  DealUpdate *update = data;
  gint64 id = nudge_deal_get_id (update->deal);

  if (nudge_store_save_deal (store, update->deal, error) == 0 ||
      (update->stage_id > 0 && !nudge_store_move_deal_to_stage (store, id, update->stage_id, error)))
    return FALSE;
  if (update->set_status)
    {
      if (!nudge_store_set_deal_status (store, id, update->status, update->lost_reason, error))
        return FALSE;
    }
  else if (update->lost_reason != NULL && !write_lost_reason (store, id, update->lost_reason, error))
    return FALSE;
  return cancel_if_closed (store, update, error);
}

/* The status a deal moved to @stage has (as
 * nudge_store_move_deal_to_stage() sets it) */
static NudgeDealStatus
status_in_stage (NudgeStage *stage)
{
  if (g_strcmp0 (nudge_stage_get_kind (stage), "won") == 0)
    return NUDGE_DEAL_WON;
  if (g_strcmp0 (nudge_stage_get_kind (stage), "lost") == 0)
    return NUDGE_DEAL_LOST;
  return NUDGE_DEAL_OPEN;
}

/* A deal the row closes has its open follow-ups cancelled
 * (cancel_if_closed()): the preview and the timeline say how many. */
static gboolean
note_cancelled_followups (const ImportRows  *rows,
                          NudgeDeal         *deal,
                          NudgeDealStatus    status,
                          GError           **error)
{
  NudgeDealStatus before = nudge_deal_get_status (deal);
  g_autofree char *text = NULL;
  int n;

  if (before == NUDGE_DEAL_WON || before == NUDGE_DEAL_LOST ||
      (status != NUDGE_DEAL_WON && status != NUDGE_DEAL_LOST))
    return TRUE;
  if ((n = nudge_deal_count_open_followups (rows->store, nudge_deal_get_id (deal), error)) <= 0)
    return n == 0;
  /* Translators: what importing a row that closes a deal did, after its
   * other changes, e.g. "status Open → Lost, 2 open follow-ups cancelled" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d open follow-up cancelled",
                                       "%d open follow-ups cancelled", n), n);
  nudge_import_note (rows->match, text);
  return TRUE;
}

/* The stage and status row @v says, into @update */
static gboolean
take_stage (const ImportRows   *rows,
            const char * const *v,
            NudgeDeal          *deal,
            const DealValues   *values,
            DealUpdate         *update,
            GError            **error)
{
  NudgeImportMatch *match = rows->match;
  NudgeDealStatus status = nudge_deal_get_status (deal);
  const char *lost_reason = v[FIELD_LOST_REASON];

  if (values->stage_id > 0 && values->stage_id != nudge_deal_get_stage_id (deal))
    {
      g_autoptr(NudgeStage) stage = nudge_store_get_stage (rows->store, values->stage_id, error);

      if (stage == NULL)
        return FALSE;
      nudge_import_note_change (match, _("stage"), nudge_deal_get_stage_name (deal), nudge_stage_get_name (stage));
      update->stage_id = values->stage_id;
      status = status_in_stage (stage);
    }
  if (values->status_said && values->status != status)
    {
      nudge_import_note_change (match, _("status"), nudge_deal_status_label (status),
                                nudge_deal_status_label (values->status));
      update->set_status = TRUE;
      update->status = status = values->status;
      update->lost_reason = values->status == NUDGE_DEAL_LOST ? lost_reason : "";
    }
  else if (values->status_said && status == NUDGE_DEAL_LOST &&
           nudge_import_differs (lost_reason, nudge_deal_get_lost_reason (deal)))
    {
      nudge_import_note_change (match, _("lost reason"), nudge_deal_get_lost_reason (deal), lost_reason);
      update->lost_reason = lost_reason;
    }
  return note_cancelled_followups (rows, deal, status, error);
}

/* Deal @deal brought up to date with what row @v says otherwise, written
 * as a move and kept for Undo; unchanged when the row says nothing new. */
static gint64
update_deal (const ImportRows   *rows,
             const char * const *v,
             NudgeDeal          *deal,
             const DealValues   *values,
             GError            **error)
{
  NudgeImportMatch *match = rows->match;
  DealUpdate update = { deal, 0, FALSE, NUDGE_DEAL_OPEN, NULL, NULL };
  g_autoptr(NudgeDealMove) move = NULL;
  g_autofree char *notes = NULL;
  gint64 id = nudge_deal_get_id (deal);

#define TAKE(value, prop, label, stored)                                \
  if (nudge_import_differs (value, stored))                             \
    {                                                                   \
      nudge_import_note_change (match, label, stored, value);           \
      g_object_set (deal, prop, value, NULL);                           \
    }
  TAKE (v[FIELD_TITLE], "title", _("title"), nudge_deal_get_title (deal));
  TAKE (v[FIELD_PRODUCT], "product", _("product"), nudge_deal_get_product (deal));
  TAKE (values->expected, "expected-close", _("expected close"), nudge_deal_get_expected_close (deal));
#undef TAKE
  if (values->contact_id > 0 && values->contact_id != nudge_deal_get_contact_id (deal))
    {
      nudge_import_note_change (match, _("contact"), nudge_deal_get_contact_name (deal), v[FIELD_CONTACT]);
      g_object_set (deal, "contact-id", values->contact_id, NULL);
    }
  if (values->has_amount &&
      (!nudge_deal_get_has_amount (deal) || values->amount_minor != nudge_deal_get_amount_minor (deal) ||
       g_strcmp0 (values->currency, nudge_deal_get_currency (deal)) != 0))
    {
      g_autofree char *before = nudge_deal_get_has_amount (deal)
        ? nudge_format_money (nudge_deal_get_amount_minor (deal), nudge_deal_get_currency (deal)) : NULL;
      g_autofree char *after = nudge_format_money (values->amount_minor, values->currency);

      nudge_import_note_change (match, _("amount"), before, after);
      g_object_set (deal, "has-amount", TRUE, "amount-minor", values->amount_minor,
                    "currency", values->currency, NULL);
    }
  else if (!values->has_amount && nudge_import_differs (values->currency, nudge_deal_get_currency (deal)))
    {
      nudge_import_note_change (match, _("currency"), nudge_deal_get_currency (deal), values->currency);
      g_object_set (deal, "currency", values->currency, NULL);
    }
  if ((notes = nudge_import_merge_notes (v[FIELD_NOTES], nudge_deal_get_notes (deal))) != NULL)
    {
      nudge_import_note_change (match, _("notes"), NULL, v[FIELD_NOTES]);
      g_object_set (deal, "notes", notes, NULL);
    }
  if (!take_stage (rows, v, deal, values, &update, error) ||
      !nudge_import_log_changes (match, NUDGE_ENTITY_DEAL, id, error))
    return 0;
  if (match->state == NUDGE_IMPORT_ROW_UNCHANGED)
    return id;
  move = nudge_deal_move_record (rows->store, id, write_update, &update, error);
  if (move != NULL)
    nudge_deal_move_take_followups (move, g_steal_pointer (&update.followups));
  g_clear_pointer (&update.followups, nudge_followups_undo_free);
  if (move == NULL)
    return 0;
  if (!match->dry_run)
    g_ptr_array_add (rows->result->updated_deals, g_steal_pointer (&move));
  return id;
}

/**
 * nudge_import_deal_row:
 *
 * The deal of the row's title and company brought up to date, or a new
 * one; 0 with @error when the row is wrong, or names a deal the book
 * has more than once, none of them the only open one.
 */
gint64
nudge_import_deal_row (const ImportRows   *rows,
                       const char * const *v,
                       GError            **error)
{
  g_auto(DealValues) values = { 0 };
  g_autoptr(NudgeDeal) deal = NULL;
  gint64 id;

  if (!find_deal (rows->match, v, &id, error) ||
      (id > 0 && !(deal = nudge_store_get_deal (rows->store, id, error))) ||
      !read_deal_values (rows, v, deal, &values, error))
    return 0;
  if (deal != NULL)
    return update_deal (rows, v, deal, &values, error);
  return add_deal (rows, v, &values, error);
}
