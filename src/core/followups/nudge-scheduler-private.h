/* nudge-scheduler-private.h — the scheduler's record of the reminders
 * that fired (nudge-reminder-fired.c), for the scheduler alone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-store.h"

G_BEGIN_DECLS

/* Whether the reminder recorded by @key has fired. */
gboolean nudge_reminder_fired_has_key          (NudgeStore  *store,
                                                const char  *key);
/* Whether the snooze to @snoozed of an occurrence of the series @uid has. */
gboolean nudge_reminder_fired_has_snooze       (NudgeStore  *store,
                                                const char  *uid,
                                                gint64       snoozed);
/* @sql once for each of @keys (?1), with @value (?2): one transaction. */
gboolean nudge_reminder_fired_write            (NudgeStore  *store,
                                                const char  *sql,
                                                GPtrArray   *keys,
                                                gint64       value,
                                                GError     **error);
void     nudge_reminder_fired_forget_on_screen (NudgeStore  *store);

G_END_DECLS
