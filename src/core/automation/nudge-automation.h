/* nudge-automation.h — cadences, "if this, then that" rules, segments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-store.h"
#include "nudge-template.h"

G_BEGIN_DECLS

/* ---- cadences: named sequences of follow-ups ---- */

typedef struct
{
  int   offset_days;
  char *kind;
  char *title;
} NudgeCadenceStep;

typedef struct
{
  gint64    id;
  char     *name;
  gboolean  working_days;   /* offsets count Monday–Friday only, public holidays not */
  gboolean  builtin;
  GArray   *steps;          /* NudgeCadenceStep */
} NudgeCadence;

void          nudge_cadence_free            (NudgeCadence  *cadence);
GPtrArray    *nudge_cadence_list            (NudgeStore    *store,
                                             GError       **error);
NudgeCadence *nudge_cadence_find            (NudgeStore    *store,
                                             const char    *name,
                                             GError       **error);
gint64        nudge_cadence_save            (NudgeStore    *store,
                                             NudgeCadence  *cadence,
                                             GError       **error);
/* Creates the cadence's follow-ups for a deal or a contact, the first on
 * @start_day at @minute_of_day local time. Returns how many: none when
 * the cadence still runs for it (it has open steps of the cadence). */
int           nudge_cadence_apply           (NudgeStore    *store,
                                             const char    *name,
                                             NudgeEntity    entity,
                                             gint64         id,
                                             gint64         start_day,
                                             int            minute_of_day,
                                             GError       **error);
/* The cadence for many deals or contacts at once, @per_day of them
 * starting each working day (0: all now); one transaction. Those the
 * cadence still runs for are left out, and counted in @out_running (if
 * not NULL). */
int           nudge_cadence_apply_many      (NudgeStore    *store,
                                             const char    *name,
                                             NudgeEntity    entity,
                                             GArray        *ids,
                                             int            per_day,
                                             guint         *out_running,
                                             GError       **error);
/* Cancels the remaining cadence steps of leads that replied (an inbound
 * activity after the cadence started) and of deals won or lost. */
int           nudge_cadence_stop_finished   (NudgeStore    *store,
                                             GError       **error);

/* ---- rules ---- */

typedef struct
{
  gint64    id;
  char     *name;
  char     *trigger;          /* deal_enters_stage, deal_idle, deal_on_hold, no_reply,
                                 deal_won, company_last_won, stay_in_touch */
  GHashTable *trigger_params; /* string -> string */
  char     *action;           /* create_followup, apply_cadence, set_temperature, prepare_email */
  GHashTable *action_params;
  gboolean  enabled;
  gboolean  builtin;
} NudgeRule;

void          nudge_rule_free               (NudgeRule     *rule);
GPtrArray    *nudge_rule_list               (NudgeStore    *store,
                                             GError       **error);
/* A new rule, disabled, with default parameters for its trigger
 * (deal_enters_stage, deal_idle, deal_on_hold, no_reply, deal_won,
 * company_last_won, stay_in_touch) and action (create_followup,
 * apply_cadence, set_temperature, prepare_email), to be edited. */
gint64        nudge_rule_create             (NudgeStore    *store,
                                             const char    *name,
                                             const char    *trigger,
                                             const char    *action,
                                             GError       **error);
/* Saves the name, parameters and enabled state (trigger and action kinds
 * are fixed); refuses non-numeric day counts and empty titles. */
gboolean      nudge_rule_save               (NudgeStore    *store,
                                             NudgeRule     *rule,
                                             GError       **error);
gboolean      nudge_rule_set_enabled        (NudgeStore    *store,
                                             gint64         rule_id,
                                             gboolean       enabled,
                                             GError       **error);
/* Adds the built-in cadence and rules the first time (idempotent). */
gboolean      nudge_automation_ensure_builtins (NudgeStore *store,
                                             GError       **error);
/* Evaluates every enabled rule now (nudge_clock_now()); each fires at most
 * once per subject and episode, and a rule that makes follow-ups makes at
 * most its daily limit a working day (the rest are planned onto the next
 * working days, see nudge-pace.h). Returns how many actions ran. */
int           nudge_rules_run               (NudgeStore    *store,
                                             GError       **error);

/* Inside the caller's transaction, takes back what rules did when deal
 * @deal_id entered its stage at @entered_at (and was won at @won_at, or
 * 0): the open follow-ups they created, their log, the record that they
 * fired. For the Undo of a move (nudge-deal-move.h). */
gboolean      nudge_rules_take_back_move    (NudgeStore    *store,
                                             gint64         deal_id,
                                             gint64         entered_at,
                                             gint64         won_at,
                                             GError       **error);

/* The action parameter "daily_limit" ("0": no limit); the default for
 * rules that make follow-ups, 0 for the others. */
int           nudge_rule_get_daily_limit    (NudgeRule     *rule);

typedef struct
{
  gint64 due_at;
  gint64 deal_id;
  gint64 contact_id;
} NudgePlannedFollowup;

/* What running @rule now would create, without creating it. */
GArray       *nudge_rule_preview            (NudgeStore    *store,
                                             NudgeRule     *rule,
                                             GError       **error);
char         *nudge_rule_preview_describe   (GArray        *planned,
                                             int            daily_limit);
/* The open follow-ups rules made that are due at or after @from: how
 * many, and when the last of them is due. */
/* A parameter's name for people ("Due in days"), its place in the
 * editor, and the values it may take when it is one of a few (NULL
 * when any text or number). */
const char   *nudge_rule_param_label        (const char    *key);
int           nudge_rule_param_order        (const char    *key);
const char *const *nudge_rule_param_choices (const char    *key);
/* Whether a parameter is a text whose fields ({contact}) are filled in
 * when the rule acts (see nudge-template.h). */
gboolean      nudge_rule_param_is_template  (const char    *key);
gboolean      nudge_rules_count_queued      (NudgeStore    *store,
                                             gint64         from,
                                             guint         *out_count,
                                             gint64        *out_last,
                                             GError       **error);
char         *nudge_expand_template         (const char    *template,
                                             GHashTable    *values);

/* ---- segments ---- */

typedef struct
{
  const char  *name;          /* stable key: "dormant" */
  const char  *label;         /* translated */
  NudgeEntity  entity;
} NudgeSegmentInfo;

const NudgeSegmentInfo *nudge_segment_builtins (guint *n_segments);
/* Members of a built-in segment ("dormant", "on_hold", "lost_customers",
 * "at_risk", "regular"), of "product:NAME" / "industry:NAME", or of a saved
 * filter. */
GArray       *nudge_segment_members         (NudgeStore    *store,
                                             const char    *name,
                                             NudgeEntity   *out_entity,
                                             GError       **error);
gboolean      nudge_segment_save_filter     (NudgeStore    *store,
                                             const char    *name,
                                             NudgeEntity    entity,
                                             const char    *query,
                                             GError       **error);
GStrv         nudge_segment_list_saved      (NudgeStore    *store);
/* The most common products of deals ("product") or industries of
 * companies ("industry"), for "product:NAME" / "industry:NAME" segments. */
GStrv         nudge_segment_list_values     (NudgeStore    *store,
                                             const char    *kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeCadence, nudge_cadence_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeRule, nudge_rule_free)

G_END_DECLS
