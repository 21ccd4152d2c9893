/* nudge-required-fields-dialog.h — ask for what a stage requires
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nudge-context.h"
#include "nudge-pipeline.h"

G_BEGIN_DECLS

/* Called with the deal carrying the filled fields, or NULL on Cancel. */
typedef void (*NudgeRequiredFieldsFunc) (NudgeDeal *filled,
                                         gpointer   user_data);

GtkWidget *nudge_required_fields_dialog_present (GtkWindow               *parent,
                                                 NudgeContext            *context,
                                                 NudgeDeal               *deal,
                                                 NudgeStage              *stage,
                                                 NudgeRequiredFields      missing,
                                                 NudgeRequiredFieldsFunc  func,
                                                 gpointer                 user_data,
                                                 GDestroyNotify           destroy);

G_END_DECLS
