/* nudge-records-private.h — record layouts, for the core that fills them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-records.h"

G_BEGIN_DECLS

struct _NudgeCompany
{
  GObject parent_instance;

  gint64    id;
  char     *name;
  char     *industry;
  char     *website;
  char     *phone;
  char     *email;
  char     *notes;
  gint64    created_at;
  gint64    updated_at;
  int       n_contacts;
  int       n_open_deals;
  gint64    last_activity_at;
  gint64    next_followup_at;
};

struct _NudgeContact
{
  GObject parent_instance;

  gint64    id;
  gint64    company_id;
  char     *company_name;
  char     *name;
  char     *email;
  char     *phone;
  char     *title;
  gboolean  decision_maker;
  char     *source;
  char     *tags;
  char     *notes;
  char     *temperature;
  int       stay_ideal_days;
  int       stay_max_days;
  gint64    created_at;
  gint64    updated_at;
  gint64    last_activity_at;
  gint64    next_followup_at;
  double    score;
  /* From imported address books; the store does not write them back */
  char     *birthday;   /* "YYYY-MM-DD", "--MM-DD" without the year, or as written */
  char     *address;
  char     *website;
};

struct _NudgeDeal
{
  GObject parent_instance;

  gint64    id;
  char     *title;
  gint64    company_id;
  char     *company_name;
  gint64    contact_id;
  char     *contact_name;
  gint64    stage_id;
  char     *stage_name;
  gint64    pipeline_id;
  int       stage_probability;
  int       stage_rotting_days;
  gint64    amount_minor;
  gboolean  has_amount;
  char     *currency;
  char     *product;
  char     *expected_close;
  int       status;
  char     *lost_reason;
  char     *labels;
  char     *temperature;
  char     *notes;
  gint64    created_at;
  gint64    updated_at;
  gint64    stage_entered_at;
  gint64    closed_at;
  gint64    last_activity_at;
  gint64    next_followup_at;
  double    score;
};

struct _NudgeStage
{
  GObject parent_instance;

  gint64    id;
  gint64    pipeline_id;
  char     *name;
  int       position;
  int       probability;
  int       rotting_days;
  char     *required_fields;
  char     *kind;
};

struct _NudgeActivity
{
  GObject parent_instance;

  gint64    id;
  char     *kind;
  int       direction;
  gint64    occurred_at;
  gint64    contact_id;
  char     *contact_name;
  gint64    deal_id;
  char     *deal_title;
  gint64    company_id;
  char     *summary;
  char     *body;
  char     *origin;
  gint64    created_at;
};

struct _NudgeFollowup
{
  GObject parent_instance;

  gint64    id;
  char     *uid;
  char     *title;
  char     *kind;
  char     *notes;
  gint64    due_at;
  gboolean  all_day;
  char     *tzid;
  int       duration_min;
  int       remind_before_min;
  int       priority;
  char     *status;
  gint64    done_at;
  gint64    snoozed_until;
  gint64    deal_id;
  char     *deal_title;
  gint64    contact_id;
  char     *contact_name;
  char     *contact_phone;
  char     *company_name;
  char     *rrule;
  char     *exdates;
  int       sequence;
  char     *origin;
  gint64    next_at;
  gint64    created_at;
  gint64    updated_at;
  char     *deal_temperature;  /* the deal's own label, read with the row */
  double    deal_score;
};

G_END_DECLS
