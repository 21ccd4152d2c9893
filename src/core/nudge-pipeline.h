/* nudge-pipeline.h — forecast, rotting and required fields; managing
 * pipelines and stages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nudge-currency.h"
#include "nudge-store.h"

G_BEGIN_DECLS

typedef enum
{
  NUDGE_REQUIRED_NONE           = 0,
  NUDGE_REQUIRED_AMOUNT         = 1 << 0,
  NUDGE_REQUIRED_EXPECTED_CLOSE = 1 << 1,
  NUDGE_REQUIRED_CONTACT        = 1 << 2,
} NudgeRequiredFields;

/* Sums of amounts per currency, kept apart; converted only for display,
 * at the rates the user entered. */
typedef struct _NudgePipelineTotals NudgePipelineTotals;

NudgePipelineTotals *nudge_pipeline_totals_new          (void);
void                 nudge_pipeline_totals_free         (NudgePipelineTotals       *totals);
void                 nudge_pipeline_totals_clear        (NudgePipelineTotals       *totals);
void                 nudge_pipeline_totals_add          (NudgePipelineTotals       *totals,
                                                         const char                *currency,
                                                         gint64                     amount_minor,
                                                         gboolean                   has_amount,
                                                         int                        probability);
void                 nudge_pipeline_totals_add_deal     (NudgePipelineTotals       *totals,
                                                         NudgeDeal                 *deal);
guint                nudge_pipeline_totals_get_count    (const NudgePipelineTotals *totals);
guint                nudge_pipeline_totals_get_n_currencies (const NudgePipelineTotals *totals);
const char          *nudge_pipeline_totals_get_currency (const NudgePipelineTotals *totals,
                                                         guint                      i);
gint64               nudge_pipeline_totals_get_total    (const NudgePipelineTotals *totals,
                                                         const char                *currency);
gint64               nudge_pipeline_totals_get_weighted (const NudgePipelineTotals *totals,
                                                         const char                *currency);
char                *nudge_pipeline_totals_format       (const NudgePipelineTotals *totals,
                                                         const char                *first_currency,
                                                         gboolean                   weighted);
/* In the home currency, at the user's rates (nudge-currency.h). */
guint                nudge_pipeline_totals_get_home     (const NudgePipelineTotals *totals,
                                                         const NudgeRates          *rates,
                                                         gboolean                   weighted,
                                                         gint64                    *out_home_minor,
                                                         gboolean                  *out_converted);
char                *nudge_pipeline_totals_format_home  (const NudgePipelineTotals *totals,
                                                         const NudgeRates          *rates,
                                                         gboolean                   weighted);
char                *nudge_pipeline_totals_format_breakdown (const NudgePipelineTotals *totals,
                                                         const NudgeRates          *rates,
                                                         gboolean                   weighted);

gint64               nudge_weighted_amount              (gint64                     amount_minor,
                                                         int                        probability);

/* Rotting: idle since the later of the last activity and the stage move. */
gint64               nudge_deal_idle_since              (NudgeDeal                 *deal);
int                  nudge_deal_idle_days               (NudgeDeal                 *deal,
                                                         gint64                     now);
gboolean             nudge_deal_is_rotting              (NudgeDeal                 *deal,
                                                         gint64                     now);

/* Required fields: a comma list in stage.required_fields. */
gboolean             nudge_required_fields_parse        (const char                *text,
                                                         NudgeRequiredFields       *out_fields,
                                                         GError                   **error);
char                *nudge_required_fields_to_string    (NudgeRequiredFields        fields);
char                *nudge_required_fields_describe     (NudgeRequiredFields        fields);
NudgeRequiredFields  nudge_deal_missing_fields          (NudgeDeal                 *deal,
                                                         NudgeStage                *stage);

/* Pipelines and stages */
gint64               nudge_pipeline_find                (NudgeStore                *store,
                                                         const char                *name);
gint64               nudge_pipeline_create              (NudgeStore                *store,
                                                         const char                *name,
                                                         GError                   **error);
gboolean             nudge_pipeline_rename              (NudgeStore                *store,
                                                         gint64                     pipeline_id,
                                                         const char                *name,
                                                         GError                   **error);
gboolean             nudge_pipeline_delete              (NudgeStore                *store,
                                                         gint64                     pipeline_id,
                                                         GError                   **error);
gint64               nudge_stage_create                 (NudgeStore                *store,
                                                         gint64                     pipeline_id,
                                                         const char                *name,
                                                         int                        position,
                                                         GError                   **error);
gboolean             nudge_stage_update                 (NudgeStore                *store,
                                                         NudgeStage                *stage,
                                                         GError                   **error);
gboolean             nudge_stage_reorder                (NudgeStore                *store,
                                                         gint64                     stage_id,
                                                         int                        position,
                                                         GError                   **error);
guint                nudge_stage_count_deals            (NudgeStore                *store,
                                                         gint64                     stage_id);
gboolean             nudge_stage_delete                 (NudgeStore                *store,
                                                         gint64                     stage_id,
                                                         gint64                     move_deals_to,
                                                         GError                   **error);
gint64               nudge_stage_neighbour              (NudgeStore                *store,
                                                         gint64                     stage_id,
                                                         int                        direction);

/* Lost reasons */
gboolean             nudge_lost_reason_add              (NudgeStore                *store,
                                                         const char                *name,
                                                         GError                   **error);
gboolean             nudge_lost_reason_remove           (NudgeStore                *store,
                                                         const char                *name,
                                                         GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgePipelineTotals, nudge_pipeline_totals_free)

G_END_DECLS
