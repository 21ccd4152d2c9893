/* nudge-followups-private.h — what the follow-up files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-followups.h"
#include "nudge-store-private.h"

G_BEGIN_DECLS

/* @at as a local time in @tzid (the desktop's zone when empty). */
GDateTime *_nudge_followups_local_time       (gint64                    at,
                                              const char               *tzid);
/* A day's @minute_of_day in @tzid, DST gaps as RFC 5545 says. */
gint64     _nudge_followups_make_local       (const char               *tzid,
                                              int                       year,
                                              int                       month,
                                              int                       day,
                                              int                       minute_of_day);
gint64     _nudge_followups_end_of_local_day (gint64                    at,
                                              const char               *tzid);
/* The desktop's midnight of @at's day in @tzid: where an all-day item
 * falls on the desktop's calendar. */
gint64     _nudge_followups_day_on_desktop   (gint64                    at,
                                              const char               *tzid);
/* Inserts a follow-up inside the caller's transaction. */
gint64     _nudge_followups_insert_from_spec (NudgeStore               *store,
                                              const NudgeFollowupSpec  *spec,
                                              const char               *exdates,
                                              GError                  **error);
/* Writes next_at (and status) after a change, inside the transaction. */
gboolean   _nudge_followups_write_schedule   (NudgeStore               *store,
                                              NudgeFollowup            *f,
                                              GError                  **error);

/* Series: what was recorded of them, where they stand. */
gint64     _nudge_followups_add_local_days    (gint64          at,
                                              const char     *tzid,
                                              int             days);
gint64     _nudge_followups_effective_due     (NudgeFollowup  *f,
                                              gint64          start);
gboolean   _nudge_followups_is_recurring      (NudgeFollowup  *f);
gint64     _nudge_followups_series_position   (NudgeFollowup  *f,
                                              gint64          now);
GHashTable *_nudge_followups_load_recorded    (NudgeStore     *store,
                                              gint64          id);
gint64     _nudge_followups_series_cursor_after (GHashTable   *recorded);
gint64     _nudge_followups_series_cursor     (NudgeFollowup  *f,
                                              GHashTable     *recorded,
                                              gint64          now);
gint64     _nudge_followups_series_first_open (NudgeFollowup  *f,
                                              GHashTable     *recorded,
                                              gint64          now);

G_END_DECLS
