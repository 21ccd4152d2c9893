/* nudge-timeline.h — one history of a deal, contact or company
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-store.h"

G_BEGIN_DECLS

/* Activities, stage changes, follow-ups done and missed, and what rules
 * did, newest first, as NudgeActivity records. The synthesized entries
 * have id 0 and kind "stage_change", "followup_done" or "followup_missed"
 * (rule entries are stored activities of kind "rule"). */
GPtrArray *nudge_timeline_list (NudgeStore  *store,
                                NudgeEntity  owner,
                                gint64       owner_id,
                                GError     **error);

typedef enum
{
  NUDGE_STAY_NONE,     /* no interval set */
  NUDGE_STAY_OK,
  NUDGE_STAY_DUE,      /* past the ideal interval: amber */
  NUDGE_STAY_OVERDUE,  /* past the maximum: red */
} NudgeStayState;

NudgeStayState nudge_contact_stay_state (NudgeContact *contact,
                                         gint64        now);

G_END_DECLS
