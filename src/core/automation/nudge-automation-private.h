/* nudge-automation-private.h — what cadences, rules and segments share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-automation.h"
#include "nudge-store-private.h"

G_BEGIN_DECLS

#define NUDGE_DAY (24 * 3600)

/* Parameters are stored as GVariant text of type a{ss}. */
GHashTable *nudge_params_parse     (const char  *text);
char       *nudge_params_print     (GHashTable  *params);
int         nudge_param_int        (GHashTable  *params,
                              const char  *key,
                              int          fallback);
int         nudge_working_day_start (void);
/* @base's day plus @days (working days only when @working_days: Monday
 * to Friday, not a public holiday of the working hours' region), at
 * @minute_of_day local time. */
gint64      nudge_local_due        (gint64       base,
                              int          days,
                              gboolean     working_days,
                              int          minute_of_day);
/* A follow-up a rule or a cadence step creates, and what created it */
typedef struct
{
  const char *title;
  const char *kind;
  const char *notes;
  gint64      due_at;
  int         priority;
  gint64      deal_id;
  gint64      contact_id;
  const char *origin;      /* "rule" or "cadence" */
  gint64      rule_id;     /* 0: none */
  gint64      cadence_id;  /* 0: none */
} NudgeAutomationFollowup;

gint64      nudge_automation_create_followup  (NudgeStore                     *store,
                                               const NudgeAutomationFollowup  *followup,
                                               GError                        **error);
gboolean    nudge_log_rule_action  (NudgeStore  *store,
                              const char  *rule_name,
                              gint64       deal_id,
                              gint64       contact_id,
                              const char  *summary,
                              GError     **error);
/* The built-in rules and cadence exist before anything reads them. */
gboolean    nudge_automation_ensure_builtins_for_reading (NudgeStore  *store,
                                         GError     **error);
/* {deal}, {contact}, {company}, {days_idle}, {email} of a subject. */
GHashTable *nudge_subject_values   (NudgeStore  *store,
                              gint64       deal_id,
                              gint64       contact_id);
/* Whether deal or contact @id has an open follow-up (a next step). */
gboolean    nudge_subject_has_open_followup (NudgeStore   *store,
                                             NudgeEntity   entity,
                                             gint64        id,
                                             gboolean     *out_has,
                                             GError      **error);
/* nudge_cadence_apply_many() inside the caller's transaction (which
 * rolls back on failure): the ids of the follow-ups it creates are
 * appended to @created (if not NULL), @out_stacked (if not NULL)
 * counts the subjects that already had an open follow-up, and
 * @out_running (if not NULL) those left out because the cadence still
 * runs for them. */
int         nudge_cadence_apply_many_in (NudgeStore   *store,
                                         const char   *name,
                                         NudgeEntity   entity,
                                         GArray       *ids,
                                         int           per_day,
                                         GArray       *created,
                                         guint        *out_stacked,
                                         guint        *out_running,
                                         GError      **error);

G_END_DECLS
