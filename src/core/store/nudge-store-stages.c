/* nudge-store-stages.c — pipelines and their stages, and the ones a new book starts with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nudge-store-internal.h"

static const struct {
  const char *name;
  int probability;
  int rotting_days;
  const char *kind;
} default_stages[] = {
  { N_("Lead in"),        10, 3,  "open" },
  { N_("Contact made"),   20, 7,  "open" },
  { N_("Needs analysis"), 40, 10, "open" },
  { N_("Proposal sent"),  60, 7,  "open" },
  { N_("Negotiation"),    80, 14, "open" },
  { N_("Won"),            100, 0, "won" },
  { N_("Lost"),           0,  0,  "lost" },
};

static const char *const default_lost_reasons[] = {
  N_("Price too high"),
  N_("Chose a competitor"),
  N_("No budget"),
  N_("No decision"),
  N_("Bad timing"),
  N_("Not a fit"),
};

static const char STAGE_SELECT[] =
  "SELECT id, pipeline_id, name, position, probability, rotting_days, required_fields, kind"
  " FROM stage ";

/* The columns of STAGE_SELECT, in order: the row reader reads them by these names. */
enum {
  STAGE_COL_ID = 0,
  STAGE_COL_PIPELINE_ID,
  STAGE_COL_NAME,
  STAGE_COL_POSITION,
  STAGE_COL_PROBABILITY,
  STAGE_COL_ROTTING_DAYS,
  STAGE_COL_REQUIRED_FIELDS,
  STAGE_COL_KIND,
  STAGE_N_COLUMNS
};

static NudgeStage *
read_stage (sqlite3_stmt *stmt)
{
  NudgeStage *s = nudge_stage_new ();

  g_assert (sqlite3_column_count (stmt) >= STAGE_N_COLUMNS);

  s->id = sqlite3_column_int64 (stmt, STAGE_COL_ID);
  s->pipeline_id = sqlite3_column_int64 (stmt, STAGE_COL_PIPELINE_ID);
  s->name = nudge_sql_dup_text (stmt, STAGE_COL_NAME);
  s->position = sqlite3_column_int (stmt, STAGE_COL_POSITION);
  s->probability = sqlite3_column_int (stmt, STAGE_COL_PROBABILITY);
  s->rotting_days = sqlite3_column_int (stmt, STAGE_COL_ROTTING_DAYS);
  s->required_fields = nudge_sql_dup_text (stmt, STAGE_COL_REQUIRED_FIELDS);
  s->kind = nudge_sql_dup_text (stmt, STAGE_COL_KIND);
  return s;
}

gboolean
nudge_store_seed_defaults (NudgeStore  *self,
                           GError     **error)
{
  static const char insert_pipeline[] = "INSERT INTO pipeline (name, position) VALUES (?, 0)";
  static const char insert_stage[] =
    "INSERT INTO stage (pipeline_id, name, position, probability, rotting_days, required_fields, kind)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)";
  static const char insert_reason[] = "INSERT INTO lost_reason (name, position) VALUES (?, ?)";
  sqlite3_stmt *stmt;
  gint64 pipeline_id;

  if (!(stmt = nudge_store_prepare (self, insert_pipeline, error)))
    return FALSE;
  nudge_sql_bind_text (stmt, 1, _("Sales"));
  if (!nudge_store_step_done (self, stmt, error))
    return FALSE;
  pipeline_id = sqlite3_last_insert_rowid (self->db);

  for (guint i = 0; i < G_N_ELEMENTS (default_stages); i++)
    {
      if (!(stmt = nudge_store_prepare (self, insert_stage, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, pipeline_id);
      nudge_sql_bind_text (stmt, 2, _(default_stages[i].name));
      sqlite3_bind_int (stmt, 3, i);
      sqlite3_bind_int (stmt, 4, default_stages[i].probability);
      sqlite3_bind_int (stmt, 5, default_stages[i].rotting_days);
      /* A proposal needs an amount to be worth forecasting. */
      nudge_sql_bind_text (stmt, 6, i == 3 || i == 4 ? "amount" : "");
      nudge_sql_bind_text (stmt, 7, default_stages[i].kind);
      if (!nudge_store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (default_lost_reasons); i++)
    {
      if (!(stmt = nudge_store_prepare (self, insert_reason, error)))
        return FALSE;
      nudge_sql_bind_text (stmt, 1, _(default_lost_reasons[i]));
      sqlite3_bind_int (stmt, 2, i);
      if (!nudge_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- pipelines and stages --------------------------------------------- */

gint64
nudge_store_get_default_pipeline (NudgeStore *self)
{
  static const char sql[] = "SELECT id FROM pipeline ORDER BY position, id LIMIT 1";

  g_return_val_if_fail (NUDGE_IS_STORE (self), 0);

  return nudge_store_lookup (self, sql, 0, NULL, NULL);
}

static gpointer
read_pipeline_name (sqlite3_stmt *stmt)
{
  NudgeStage *s = nudge_stage_new ();

  /* Pipelines are listed as (id, name) pairs in stage records with kind
   * "pipeline"; the pipeline has no fields of its own beyond these. */
  s->id = sqlite3_column_int64 (stmt, 0);
  s->pipeline_id = s->id;
  s->name = nudge_sql_dup_text (stmt, 1);
  s->position = sqlite3_column_int (stmt, 2);
  s->kind = g_strdup ("pipeline");
  return s;
}

GPtrArray *
nudge_store_list_pipelines (NudgeStore  *self,
                            GError     **error)
{
  static const char sql[] = "SELECT id, name, position FROM pipeline ORDER BY position, id";
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return NULL;
  return nudge_store_collect_rows (self, stmt, read_pipeline_name, error);
}

GPtrArray *
nudge_store_list_stages (NudgeStore  *self,
                         gint64       pipeline_id,
                         GError     **error)
{
  static char sql[sizeof STAGE_SELECT + 64];
  sqlite3_stmt *stmt;

  if (sql[0] == '\0')
    g_snprintf (sql, sizeof sql, "%sWHERE pipeline_id = ? ORDER BY position, id", STAGE_SELECT);
  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pipeline_id);
  return nudge_store_collect_rows (self, stmt, (NudgeRowReader) read_stage, error);
}

NudgeStage *
nudge_store_get_stage (NudgeStore  *self,
                       gint64       id,
                       GError     **error)
{
  static char sql[sizeof STAGE_SELECT + 64];

  if (sql[0] == '\0')
    g_snprintf (sql, sizeof sql, "%sWHERE id = ?", STAGE_SELECT);
  return nudge_store_get_one (self, sql, id, (NudgeRowReader) read_stage, NUDGE_ENTITY_STAGE, error);
}

NudgeStage *
nudge_store_find_stage (NudgeStore  *self,
                        gint64       pipeline_id,
                        const char  *name,
                        GError     **error)
{
  static char sql[sizeof STAGE_SELECT + 128];
  sqlite3_stmt *stmt;
  NudgeStage *stage = NULL;

  if (sql[0] == '\0')
    g_snprintf (sql, sizeof sql, "%sWHERE pipeline_id = ? AND name = ? COLLATE NOCASE", STAGE_SELECT);
  if (pipeline_id <= 0)
    pipeline_id = nudge_store_get_default_pipeline (self);
  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pipeline_id);
  nudge_sql_bind_text (stmt, 2, name);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    stage = read_stage (stmt);
  sqlite3_reset (stmt);

  if (stage == NULL)
    g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND,
                 _("There is no stage “%s” in this pipeline"), name);
  return stage;
}

gboolean
nudge_store_first_stage_of_kind (NudgeStore  *self,
                                 gint64       pipeline_id,
                                 const char  *kind,
                                 gint64      *out_stage,
                                 GError     **error)
{
  static const char sql[] =
    "SELECT id FROM stage WHERE pipeline_id = ?1 AND kind = ?2 ORDER BY position LIMIT 1";
  sqlite3_stmt *stmt;
  int rc;

  *out_stage = 0;
  if (!(stmt = nudge_store_prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pipeline_id);
  nudge_sql_bind_text (stmt, 2, kind);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *out_stage = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }
  return nudge_store_rows_done (self, stmt, rc, error);
}
