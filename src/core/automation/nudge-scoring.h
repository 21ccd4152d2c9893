/* nudge-scoring.h — engagement scoring: who comes first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-store.h"

G_BEGIN_DECLS

typedef struct _NudgeScoreWeights NudgeScoreWeights;

typedef struct
{
  double     score;
  const char *temperature;   /* "hot", "warm" or "cold" */
  GPtrArray *reasons;        /* translated lines, strongest first:
                                "Demo request 3 days ago +40" */
} NudgeScore;

#define NUDGE_SCORE_HOT   50.0
#define NUDGE_SCORE_WARM  20.0

NudgeScoreWeights *nudge_score_weights_new          (void);
NudgeScoreWeights *nudge_score_weights_copy         (const NudgeScoreWeights *weights);
void               nudge_score_weights_free         (NudgeScoreWeights       *weights);
void               nudge_score_weights_set          (NudgeScoreWeights       *weights,
                                                     const char              *kind,
                                                     int                      points);
int                nudge_score_weights_get          (const NudgeScoreWeights *weights,
                                                     const char              *kind);
void               nudge_score_weights_set_half_life (NudgeScoreWeights      *weights,
                                                     int                      days);

NudgeScore        *nudge_score_compute              (NudgeStore              *store,
                                                     NudgeEntity              entity,
                                                     gint64                   id,
                                                     const NudgeScoreWeights *weights,
                                                     GError                 **error);
void               nudge_score_free                 (NudgeScore              *score);
gboolean           nudge_score_update_all           (NudgeStore              *store,
                                                     const NudgeScoreWeights *weights,
                                                     GError                 **error);
const char        *nudge_score_temperature          (double                   score);
/* What a deal shows of its temperature: the label the seller (or a rule)
 * set, else "warm" or "hot" from @score; NULL when nothing stands out. */
const char        *nudge_score_temperature_shown    (const char              *label,
                                                     double                   score);
/* "Hot", "Warm", "Cold" in the user's language; NULL for anything else. */
const char        *nudge_score_temperature_label    (const char              *temperature);
const char        *nudge_activity_kind_label        (const char              *kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeScoreWeights, nudge_score_weights_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeScore, nudge_score_free)

G_END_DECLS
