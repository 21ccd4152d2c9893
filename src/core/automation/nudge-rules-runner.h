/* nudge-rules-runner.h — runs the automation when data changes and daily
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-scoring.h"
#include "nudge-store.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_RULES_RUNNER (nudge_rules_runner_get_type ())

G_DECLARE_FINAL_TYPE (NudgeRulesRunner, nudge_rules_runner, NUDGE, RULES_RUNNER, GObject)

NudgeRulesRunner *nudge_rules_runner_new         (NudgeStore        *store);
void              nudge_rules_runner_set_weights (NudgeRulesRunner  *self,
                                                  NudgeScoreWeights *weights);
void              nudge_rules_runner_rescore     (NudgeRulesRunner  *self);
void              nudge_rules_runner_start       (NudgeRulesRunner  *self);
/* No run starts any more, and the one running is cancelled: for when
 * the app quits or the book closes, also while a run holds the runner. */
void              nudge_rules_runner_stop        (NudgeRulesRunner  *self);

G_END_DECLS
