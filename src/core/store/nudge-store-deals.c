/* nudge-store-deals.c — deals: saving, moving between stages, winning and losing, lost reasons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nudge-clock.h"
#include "nudge-store-internal.h"

/* A company or contact in the trash is not the deal's while it is there
 * (no name shown, no contact to log a call with); the deal row keeps
 * the link, so restoring it puts it back. */
const char NUDGE_DEAL_SELECT[] =
  "SELECT d.id, d.title, co.id, co.name, ct.id, ct.name, d.stage_id, s.name,"
  " s.pipeline_id, s.probability, s.rotting_days, d.amount_minor, d.currency, d.product,"
  " d.expected_close, d.status, d.lost_reason, d.labels, d.temperature, d.notes, d.created_at,"
  " d.updated_at, d.stage_entered_at, d.closed_at, d.last_activity_at, d.next_followup_at, d.score"
  " FROM deal d JOIN stage s ON s.id = d.stage_id"
  " LEFT JOIN company co ON co.id = d.company_id AND co.trashed_at IS NULL"
  " LEFT JOIN contact ct ON ct.id = d.contact_id AND ct.trashed_at IS NULL ";

/* The columns of NUDGE_DEAL_SELECT, in order: the row reader reads them by these names. */
enum {
  DEAL_COL_ID = 0,
  DEAL_COL_TITLE,
  DEAL_COL_COMPANY_ID,
  DEAL_COL_COMPANY_NAME,
  DEAL_COL_CONTACT_ID,
  DEAL_COL_CONTACT_NAME,
  DEAL_COL_STAGE_ID,
  DEAL_COL_STAGE_NAME,
  DEAL_COL_PIPELINE_ID,
  DEAL_COL_STAGE_PROBABILITY,
  DEAL_COL_STAGE_ROTTING_DAYS,
  DEAL_COL_AMOUNT_MINOR,
  DEAL_COL_CURRENCY,
  DEAL_COL_PRODUCT,
  DEAL_COL_EXPECTED_CLOSE,
  DEAL_COL_STATUS,
  DEAL_COL_LOST_REASON,
  DEAL_COL_LABELS,
  DEAL_COL_TEMPERATURE,
  DEAL_COL_NOTES,
  DEAL_COL_CREATED_AT,
  DEAL_COL_UPDATED_AT,
  DEAL_COL_STAGE_ENTERED_AT,
  DEAL_COL_CLOSED_AT,
  DEAL_COL_LAST_ACTIVITY_AT,
  DEAL_COL_NEXT_FOLLOWUP_AT,
  DEAL_COL_SCORE,
  DEAL_N_COLUMNS
};

const char *
nudge_deal_status_to_string (NudgeDealStatus status)
{
  switch (status)
    {
    case NUDGE_DEAL_OPEN:    return "open";
    case NUDGE_DEAL_WON:     return "won";
    case NUDGE_DEAL_LOST:    return "lost";
    case NUDGE_DEAL_ON_HOLD: return "on_hold";
    default:                 return "open";
    }
}

gboolean
nudge_deal_status_from_string (const char      *text,
                               NudgeDealStatus *status)
{
  static const char *const names[] = { "open", "won", "lost", "on_hold" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *status = i;
        return TRUE;
      }
  if (g_strcmp0 (text, "on-hold") == 0)
    {
      *status = NUDGE_DEAL_ON_HOLD;
      return TRUE;
    }
  return FALSE;
}

const char *
nudge_deal_status_label (NudgeDealStatus status)
{
  switch (status)
    {
    case NUDGE_DEAL_OPEN:    return C_("deal status", "Open");
    case NUDGE_DEAL_WON:     return C_("deal status", "Won");
    case NUDGE_DEAL_LOST:    return C_("deal status", "Lost");
    case NUDGE_DEAL_ON_HOLD: return C_("deal status", "On hold");
    default:                 return "";
    }
}

NudgeDeal *
nudge_store_read_deal (sqlite3_stmt *stmt)
{
  NudgeDeal *d = nudge_deal_new ();
  NudgeDealStatus status = NUDGE_DEAL_OPEN;

  g_assert (sqlite3_column_count (stmt) >= DEAL_N_COLUMNS);

  d->id = sqlite3_column_int64 (stmt, DEAL_COL_ID);
  d->title = nudge_sql_dup_text (stmt, DEAL_COL_TITLE);
  d->company_id = sqlite3_column_int64 (stmt, DEAL_COL_COMPANY_ID);
  d->company_name = nudge_sql_dup_text (stmt, DEAL_COL_COMPANY_NAME);
  d->contact_id = sqlite3_column_int64 (stmt, DEAL_COL_CONTACT_ID);
  d->contact_name = nudge_sql_dup_text (stmt, DEAL_COL_CONTACT_NAME);
  d->stage_id = sqlite3_column_int64 (stmt, DEAL_COL_STAGE_ID);
  d->stage_name = nudge_sql_dup_text (stmt, DEAL_COL_STAGE_NAME);
  d->pipeline_id = sqlite3_column_int64 (stmt, DEAL_COL_PIPELINE_ID);
  d->stage_probability = sqlite3_column_int (stmt, DEAL_COL_STAGE_PROBABILITY);
  d->stage_rotting_days = sqlite3_column_int (stmt, DEAL_COL_STAGE_ROTTING_DAYS);
  d->has_amount = sqlite3_column_type (stmt, DEAL_COL_AMOUNT_MINOR) != SQLITE_NULL;
  d->amount_minor = sqlite3_column_int64 (stmt, DEAL_COL_AMOUNT_MINOR);
  d->currency = nudge_sql_dup_text (stmt, DEAL_COL_CURRENCY);
  d->product = nudge_sql_dup_text (stmt, DEAL_COL_PRODUCT);
  d->expected_close = nudge_sql_dup_text (stmt, DEAL_COL_EXPECTED_CLOSE);
  nudge_deal_status_from_string ((const char *) sqlite3_column_text (stmt, DEAL_COL_STATUS), &status);
  d->status = status;
  d->lost_reason = nudge_sql_dup_text (stmt, DEAL_COL_LOST_REASON);
  d->labels = nudge_sql_dup_text (stmt, DEAL_COL_LABELS);
  d->temperature = nudge_sql_dup_text (stmt, DEAL_COL_TEMPERATURE);
  d->notes = nudge_sql_dup_text (stmt, DEAL_COL_NOTES);
  d->created_at = sqlite3_column_int64 (stmt, DEAL_COL_CREATED_AT);
  d->updated_at = sqlite3_column_int64 (stmt, DEAL_COL_UPDATED_AT);
  d->stage_entered_at = sqlite3_column_int64 (stmt, DEAL_COL_STAGE_ENTERED_AT);
  d->closed_at = sqlite3_column_int64 (stmt, DEAL_COL_CLOSED_AT);
  d->last_activity_at = sqlite3_column_int64 (stmt, DEAL_COL_LAST_ACTIVITY_AT);
  d->next_followup_at = sqlite3_column_int64 (stmt, DEAL_COL_NEXT_FOLLOWUP_AT);
  d->score = sqlite3_column_double (stmt, DEAL_COL_SCORE);
  return d;
}

/* ---- deals ------------------------------------------------------------ */

static gboolean
insert_stage_change (NudgeStore  *self,
                     gint64       deal_id,
                     gint64       from_stage,
                     gint64       to_stage,
                     gint64       at,
                     GError     **error)
{
  static const char sql[] =
    "INSERT INTO stage_change (deal_id, from_stage, to_stage, at) VALUES (?, ?, ?, ?)";
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  nudge_sql_bind_id (stmt, 2, from_stage);
  nudge_sql_bind_id (stmt, 3, to_stage);
  sqlite3_bind_int64 (stmt, 4, at);
  return nudge_store_step_done (self, stmt, error);
}

static gboolean
validate_deal (NudgeStore  *self,
               NudgeDeal   *d,
               GError     **error)
{
  if (!nudge_check_text (_("Title"), d->title, NUDGE_MAX_NAME_CHARS, TRUE, error) ||
      !nudge_check_currency (d->currency, error) ||
      !nudge_check_text (_("Product"), d->product, NUDGE_MAX_NAME_CHARS, FALSE, error) ||
      !nudge_check_text (_("Labels"), d->labels, NUDGE_MAX_SHORT_CHARS, FALSE, error) ||
      !nudge_check_text (_("Lost reason"), d->lost_reason, NUDGE_MAX_SHORT_CHARS, FALSE, error) ||
      !nudge_check_text (_("Notes"), d->notes, NUDGE_MAX_NOTES_CHARS, FALSE, error) ||
      !nudge_check_date (_("Expected close"), d->expected_close, error) ||
      !nudge_store_check_reference (self, NUDGE_ENTITY_COMPANY, d->company_id, error) ||
      !nudge_store_check_reference (self, NUDGE_ENTITY_CONTACT, d->contact_id, error))
    return FALSE;

  if (d->has_amount && (d->amount_minor < 0 || d->amount_minor > G_GINT64_CONSTANT (100000000000000000)))
    return nudge_fail_invalid (error, _("The amount must be between 0 and 1,000,000,000,000,000"));
  return TRUE;
}

gint64
nudge_store_save_deal (NudgeStore  *self,
                       NudgeDeal   *deal,
                       GError     **error)
{
  static const char insert_sql[] =
    "INSERT INTO deal (title, company_id, contact_id, stage_id, amount_minor, currency, product,"
    " expected_close, status, lost_reason, labels, temperature, notes, created_at, updated_at,"
    " stage_entered_at, closed_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, ?14, ?15)";
  static const char update_sql[] =
    "UPDATE deal SET title = ?1, company_id = ?2, contact_id = ?3, amount_minor = ?5,"
    " currency = ?6, product = ?7, expected_close = ?8, labels = ?11, temperature = ?12,"
    " notes = ?13, updated_at = ?14 WHERE id = ?16";
  NudgeDeal *d = deal;
  g_autoptr(NudgeStage) stage = NULL;
  sqlite3_stmt *stmt;
  gint64 now = nudge_clock_now ();
  gboolean is_new = d->id <= 0;

  g_return_val_if_fail (NUDGE_IS_STORE (self), 0);
  g_return_val_if_fail (NUDGE_IS_DEAL (deal), 0);

  if (d->currency == NULL || *d->currency == '\0')
    d->currency = g_strdup ("EUR");
  if (!validate_deal (self, d, error))
    return 0;

  if (is_new)
    {
      if (d->stage_id <= 0)
        {
          g_autoptr(GPtrArray) stages = nudge_store_list_stages (self, nudge_store_get_default_pipeline (self), error);

          if (stages == NULL || stages->len == 0)
            return 0;
          d->stage_id = nudge_stage_get_id (g_ptr_array_index (stages, 0));
        }
      if (!(stage = nudge_store_get_stage (self, d->stage_id, error)))
        return 0;
      if (g_strcmp0 (nudge_stage_get_kind (stage), "won") == 0)
        d->status = NUDGE_DEAL_WON;
      else if (g_strcmp0 (nudge_stage_get_kind (stage), "lost") == 0)
        d->status = NUDGE_DEAL_LOST;
    }

  if (!nudge_store_begin (self, error))
    return 0;

  if (!(stmt = nudge_store_prepare (self, is_new ? insert_sql : update_sql, error)))
    goto fail;
  nudge_sql_bind_text (stmt, 1, g_strstrip (d->title));
  nudge_sql_bind_id (stmt, 2, d->company_id);
  nudge_sql_bind_id (stmt, 3, d->contact_id);
  if (is_new)
    sqlite3_bind_int64 (stmt, 4, d->stage_id);
  if (d->has_amount)
    sqlite3_bind_int64 (stmt, 5, d->amount_minor);
  else
    sqlite3_bind_null (stmt, 5);
  nudge_sql_bind_text (stmt, 6, d->currency);
  nudge_sql_bind_text (stmt, 7, d->product);
  nudge_sql_bind_text (stmt, 8, d->expected_close);
  if (is_new)
    {
      nudge_sql_bind_text (stmt, 9, nudge_deal_status_to_string (d->status));
      nudge_sql_bind_text (stmt, 10, d->lost_reason);
    }
  nudge_sql_bind_text (stmt, 11, d->labels);
  nudge_sql_bind_text (stmt, 12, d->temperature);
  nudge_sql_bind_text (stmt, 13, d->notes);
  sqlite3_bind_int64 (stmt, 14, d->created_at > 0 && is_new ? d->created_at : now);
  if (is_new)
    nudge_sql_bind_time (stmt, 15, d->status == NUDGE_DEAL_WON || d->status == NUDGE_DEAL_LOST ? now : 0);
  else
    sqlite3_bind_int64 (stmt, 16, d->id);
  if (!nudge_store_step_save (self, stmt, NUDGE_ENTITY_DEAL, &d->id, error))
    goto fail;
  if (is_new && !insert_stage_change (self, d->id, 0, d->stage_id,
                                      d->created_at > 0 ? d->created_at : now, error))
    goto fail;

  if (d->company_id > 0)
    nudge_store_queue_change (self, NUDGE_ENTITY_COMPANY, d->company_id, NUDGE_CHANGE_UPDATED);

  if (!nudge_store_commit (self, error))
    return 0;
  return d->id;

fail:
  nudge_store_rollback (self);
  if (is_new)
    d->id = 0;
  return 0;
}

NudgeDeal *
nudge_store_get_deal (NudgeStore  *self,
                      gint64       id,
                      GError     **error)
{
  static char sql[sizeof NUDGE_DEAL_SELECT + 64];

  if (sql[0] == '\0')
    g_snprintf (sql, sizeof sql, "%sWHERE d.id = ? AND d.trashed_at IS NULL", NUDGE_DEAL_SELECT);
  return nudge_store_get_one (self, sql, id, (NudgeRowReader) nudge_store_read_deal, NUDGE_ENTITY_DEAL, error);
}

GPtrArray *
nudge_store_list_deals (NudgeStore  *self,
                        GError     **error)
{
  static char sql[sizeof NUDGE_DEAL_SELECT + 64];
  sqlite3_stmt *stmt;

  if (sql[0] == '\0')
    g_snprintf (sql, sizeof sql, "%sWHERE d.trashed_at IS NULL ORDER BY d.id", NUDGE_DEAL_SELECT);
  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return NULL;
  return nudge_store_collect_rows (self, stmt, (NudgeRowReader) nudge_store_read_deal, error);
}

GPtrArray *
nudge_store_list_deals_of (NudgeStore   *self,
                           NudgeEntity   owner,
                           gint64        owner_id,
                           GError      **error)
{
  static char by_contact[sizeof NUDGE_DEAL_SELECT + 64];
  static char by_company[sizeof NUDGE_DEAL_SELECT + 64];
  char *sql = owner == NUDGE_ENTITY_CONTACT ? by_contact : by_company;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (NUDGE_IS_STORE (self), NULL);
  g_return_val_if_fail (owner == NUDGE_ENTITY_CONTACT || owner == NUDGE_ENTITY_COMPANY, NULL);

  if (sql[0] == '\0')
    g_snprintf (sql, sizeof by_contact, "%sWHERE d.%s = ? AND d.trashed_at IS NULL ORDER BY d.id",
                NUDGE_DEAL_SELECT, owner == NUDGE_ENTITY_CONTACT ? "contact_id" : "company_id");
  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, owner_id);
  return nudge_store_collect_rows (self, stmt, (NudgeRowReader) nudge_store_read_deal, error);
}

gboolean
nudge_store_move_deal_to_stage (NudgeStore  *self,
                                gint64       deal_id,
                                gint64       stage_id,
                                GError     **error)
{
  static const char sql[] =
    "UPDATE deal SET stage_id = ?1, stage_entered_at = ?2, updated_at = ?2,"
    " status = CASE ?3 WHEN 'won' THEN 'won' WHEN 'lost' THEN 'lost'"
    "   ELSE CASE WHEN status IN ('won','lost') THEN 'open' ELSE status END END,"
    " closed_at = CASE WHEN ?3 IN ('won','lost') THEN ?2 ELSE NULL END"
    " WHERE id = ?4";
  g_autoptr(NudgeDeal) deal = NULL;
  g_autoptr(NudgeStage) stage = NULL;
  sqlite3_stmt *stmt;
  gint64 now = nudge_clock_now ();

  g_return_val_if_fail (NUDGE_IS_STORE (self), FALSE);

  if (!(deal = nudge_store_get_deal (self, deal_id, error)) ||
      !(stage = nudge_store_get_stage (self, stage_id, error)))
    return FALSE;

  if (deal->stage_id == stage_id)
    return TRUE;

  if (!nudge_store_begin (self, error))
    return FALSE;

  if (!(stmt = nudge_store_prepare (self, sql, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, stage_id);
  sqlite3_bind_int64 (stmt, 2, now);
  nudge_sql_bind_text (stmt, 3, nudge_stage_get_kind (stage));
  sqlite3_bind_int64 (stmt, 4, deal_id);
  if (!nudge_store_step_done (self, stmt, error) ||
      !insert_stage_change (self, deal_id, deal->stage_id, stage_id, now, error))
    goto fail;

  nudge_store_queue_change (self, NUDGE_ENTITY_DEAL, deal_id, NUDGE_CHANGE_UPDATED);
  return nudge_store_commit_or_rollback (self, error);

fail:
  nudge_store_rollback (self);
  return FALSE;
}

gboolean
nudge_store_set_deal_status (NudgeStore       *self,
                             gint64            deal_id,
                             NudgeDealStatus   status,
                             const char       *lost_reason,
                             GError          **error)
{
  static const char sql[] =
    "UPDATE deal SET status = ?1, lost_reason = ?2, updated_at = ?3,"
    " closed_at = CASE WHEN ?1 IN ('won','lost') THEN ?3 ELSE NULL END WHERE id = ?4";
  g_autoptr(NudgeDeal) deal = NULL;
  sqlite3_stmt *stmt;
  gint64 now = nudge_clock_now ();
  gint64 closing_stage = 0;

  g_return_val_if_fail (NUDGE_IS_STORE (self), FALSE);

  if (!nudge_check_text (_("Lost reason"), lost_reason, NUDGE_MAX_SHORT_CHARS, FALSE, error))
    return FALSE;
  if (!(deal = nudge_store_get_deal (self, deal_id, error)))
    return FALSE;

  if (!nudge_store_begin (self, error))
    return FALSE;

  /* Won and lost deals also sit in the pipeline's won/lost stage, so the
   * stage history and the board agree with the status. */
  if (status == NUDGE_DEAL_WON || status == NUDGE_DEAL_LOST)
    {
      if (!nudge_store_first_stage_of_kind (self, deal->pipeline_id, nudge_deal_status_to_string (status),
                                            &closing_stage, error))
        goto fail;
      if (closing_stage > 0 && closing_stage != deal->stage_id &&
          !nudge_store_move_deal_to_stage (self, deal_id, closing_stage, error))
        goto fail;
    }

  if (!(stmt = nudge_store_prepare (self, sql, error)))
    goto fail;
  nudge_sql_bind_text (stmt, 1, nudge_deal_status_to_string (status));
  nudge_sql_bind_text (stmt, 2, status == NUDGE_DEAL_LOST ? lost_reason : "");
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, deal_id);
  if (!nudge_store_step_done (self, stmt, error))
    goto fail;

  nudge_store_queue_change (self, NUDGE_ENTITY_DEAL, deal_id, NUDGE_CHANGE_UPDATED);
  if (deal->company_id > 0)
    nudge_store_queue_change (self, NUDGE_ENTITY_COMPANY, deal->company_id, NUDGE_CHANGE_UPDATED);
  return nudge_store_commit_or_rollback (self, error);

fail:
  nudge_store_rollback (self);
  return FALSE;
}

GStrv
nudge_store_list_lost_reasons (NudgeStore *self)
{
  static const char sql[] = "SELECT name FROM lost_reason ORDER BY position, id";

  return nudge_store_list_texts (self, sql);
}
