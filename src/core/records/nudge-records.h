/* nudge-records.h — the domain records: snapshots of one row each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-types.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_COMPANY (nudge_company_get_type ())
G_DECLARE_FINAL_TYPE (NudgeCompany, nudge_company, NUDGE, COMPANY, GObject)

NudgeCompany *nudge_company_new (void);
NudgeCompany *nudge_company_copy (NudgeCompany *self);
gint64       nudge_company_get_id (NudgeCompany *self);
const char * nudge_company_get_name (NudgeCompany *self);
const char * nudge_company_get_industry (NudgeCompany *self);
const char * nudge_company_get_website (NudgeCompany *self);
const char * nudge_company_get_phone (NudgeCompany *self);
const char * nudge_company_get_email (NudgeCompany *self);
const char * nudge_company_get_notes (NudgeCompany *self);
gint64       nudge_company_get_created_at (NudgeCompany *self);
gint64       nudge_company_get_updated_at (NudgeCompany *self);
int          nudge_company_get_n_contacts (NudgeCompany *self);
int          nudge_company_get_n_open_deals (NudgeCompany *self);
gint64       nudge_company_get_last_activity_at (NudgeCompany *self);
gint64       nudge_company_get_next_followup_at (NudgeCompany *self);

#define NUDGE_TYPE_CONTACT (nudge_contact_get_type ())
G_DECLARE_FINAL_TYPE (NudgeContact, nudge_contact, NUDGE, CONTACT, GObject)

NudgeContact *nudge_contact_new (void);
NudgeContact *nudge_contact_copy (NudgeContact *self);
gint64       nudge_contact_get_id (NudgeContact *self);
gint64       nudge_contact_get_company_id (NudgeContact *self);
const char * nudge_contact_get_company_name (NudgeContact *self);
const char * nudge_contact_get_name (NudgeContact *self);
const char * nudge_contact_get_email (NudgeContact *self);
const char * nudge_contact_get_phone (NudgeContact *self);
const char * nudge_contact_get_title (NudgeContact *self);
gboolean     nudge_contact_get_decision_maker (NudgeContact *self);
const char * nudge_contact_get_source (NudgeContact *self);
const char * nudge_contact_get_tags (NudgeContact *self);
const char * nudge_contact_get_notes (NudgeContact *self);
const char * nudge_contact_get_temperature (NudgeContact *self);
const char * nudge_contact_get_birthday (NudgeContact *self);
const char * nudge_contact_get_address (NudgeContact *self);
const char * nudge_contact_get_website (NudgeContact *self);
int          nudge_contact_get_stay_ideal_days (NudgeContact *self);
int          nudge_contact_get_stay_max_days (NudgeContact *self);
gint64       nudge_contact_get_created_at (NudgeContact *self);
gint64       nudge_contact_get_updated_at (NudgeContact *self);
gint64       nudge_contact_get_last_activity_at (NudgeContact *self);
gint64       nudge_contact_get_next_followup_at (NudgeContact *self);
double       nudge_contact_get_score (NudgeContact *self);

#define NUDGE_TYPE_DEAL (nudge_deal_get_type ())
G_DECLARE_FINAL_TYPE (NudgeDeal, nudge_deal, NUDGE, DEAL, GObject)

NudgeDeal *nudge_deal_new (void);
NudgeDeal *nudge_deal_copy (NudgeDeal *self);
gint64       nudge_deal_get_id (NudgeDeal *self);
const char * nudge_deal_get_title (NudgeDeal *self);
gint64       nudge_deal_get_company_id (NudgeDeal *self);
const char * nudge_deal_get_company_name (NudgeDeal *self);
gint64       nudge_deal_get_contact_id (NudgeDeal *self);
const char * nudge_deal_get_contact_name (NudgeDeal *self);
gint64       nudge_deal_get_stage_id (NudgeDeal *self);
const char * nudge_deal_get_stage_name (NudgeDeal *self);
gint64       nudge_deal_get_pipeline_id (NudgeDeal *self);
int          nudge_deal_get_stage_probability (NudgeDeal *self);
int          nudge_deal_get_stage_rotting_days (NudgeDeal *self);
gint64       nudge_deal_get_amount_minor (NudgeDeal *self);
gboolean     nudge_deal_get_has_amount (NudgeDeal *self);
const char * nudge_deal_get_currency (NudgeDeal *self);
const char * nudge_deal_get_product (NudgeDeal *self);
const char * nudge_deal_get_expected_close (NudgeDeal *self);
int          nudge_deal_get_status (NudgeDeal *self);
const char * nudge_deal_get_lost_reason (NudgeDeal *self);
const char * nudge_deal_get_labels (NudgeDeal *self);
const char * nudge_deal_get_temperature (NudgeDeal *self);
const char * nudge_deal_get_notes (NudgeDeal *self);
gint64       nudge_deal_get_created_at (NudgeDeal *self);
gint64       nudge_deal_get_updated_at (NudgeDeal *self);
gint64       nudge_deal_get_stage_entered_at (NudgeDeal *self);
gint64       nudge_deal_get_closed_at (NudgeDeal *self);
gint64       nudge_deal_get_last_activity_at (NudgeDeal *self);
gint64       nudge_deal_get_next_followup_at (NudgeDeal *self);
double       nudge_deal_get_score (NudgeDeal *self);

#define NUDGE_TYPE_STAGE (nudge_stage_get_type ())
G_DECLARE_FINAL_TYPE (NudgeStage, nudge_stage, NUDGE, STAGE, GObject)

NudgeStage *nudge_stage_new (void);
NudgeStage *nudge_stage_copy (NudgeStage *self);
gint64       nudge_stage_get_id (NudgeStage *self);
gint64       nudge_stage_get_pipeline_id (NudgeStage *self);
const char * nudge_stage_get_name (NudgeStage *self);
int          nudge_stage_get_position (NudgeStage *self);
int          nudge_stage_get_probability (NudgeStage *self);
int          nudge_stage_get_rotting_days (NudgeStage *self);
const char * nudge_stage_get_required_fields (NudgeStage *self);
const char * nudge_stage_get_kind (NudgeStage *self);

#define NUDGE_TYPE_ACTIVITY (nudge_activity_get_type ())
G_DECLARE_FINAL_TYPE (NudgeActivity, nudge_activity, NUDGE, ACTIVITY, GObject)

NudgeActivity *nudge_activity_new (void);
NudgeActivity *nudge_activity_copy (NudgeActivity *self);
gint64       nudge_activity_get_id (NudgeActivity *self);
const char * nudge_activity_get_kind (NudgeActivity *self);
int          nudge_activity_get_direction (NudgeActivity *self);
gint64       nudge_activity_get_occurred_at (NudgeActivity *self);
gint64       nudge_activity_get_contact_id (NudgeActivity *self);
const char * nudge_activity_get_contact_name (NudgeActivity *self);
gint64       nudge_activity_get_deal_id (NudgeActivity *self);
const char * nudge_activity_get_deal_title (NudgeActivity *self);
gint64       nudge_activity_get_company_id (NudgeActivity *self);
const char * nudge_activity_get_summary (NudgeActivity *self);
const char * nudge_activity_get_body (NudgeActivity *self);
const char * nudge_activity_get_origin (NudgeActivity *self);
gint64       nudge_activity_get_created_at (NudgeActivity *self);

#define NUDGE_TYPE_FOLLOWUP (nudge_followup_get_type ())
G_DECLARE_FINAL_TYPE (NudgeFollowup, nudge_followup, NUDGE, FOLLOWUP, GObject)

NudgeFollowup *nudge_followup_new (void);
NudgeFollowup *nudge_followup_copy (NudgeFollowup *self);
gint64       nudge_followup_get_id (NudgeFollowup *self);
const char * nudge_followup_get_uid (NudgeFollowup *self);
const char * nudge_followup_get_title (NudgeFollowup *self);
const char * nudge_followup_get_kind (NudgeFollowup *self);
const char * nudge_followup_get_notes (NudgeFollowup *self);
gint64       nudge_followup_get_due_at (NudgeFollowup *self);
gboolean     nudge_followup_get_all_day (NudgeFollowup *self);
const char * nudge_followup_get_tzid (NudgeFollowup *self);
int          nudge_followup_get_duration_min (NudgeFollowup *self);
int          nudge_followup_get_remind_before_min (NudgeFollowup *self);
int          nudge_followup_get_priority (NudgeFollowup *self);
const char * nudge_followup_get_status (NudgeFollowup *self);
gint64       nudge_followup_get_done_at (NudgeFollowup *self);
gint64       nudge_followup_get_snoozed_until (NudgeFollowup *self);
gint64       nudge_followup_get_deal_id (NudgeFollowup *self);
const char * nudge_followup_get_deal_title (NudgeFollowup *self);
const char * nudge_followup_get_deal_temperature (NudgeFollowup *self);
double       nudge_followup_get_deal_score (NudgeFollowup *self);
gint64       nudge_followup_get_contact_id (NudgeFollowup *self);
const char * nudge_followup_get_contact_name (NudgeFollowup *self);
const char * nudge_followup_get_contact_phone (NudgeFollowup *self);
const char * nudge_followup_get_company_name (NudgeFollowup *self);
const char * nudge_followup_get_rrule (NudgeFollowup *self);
const char * nudge_followup_get_exdates (NudgeFollowup *self);
int          nudge_followup_get_sequence (NudgeFollowup *self);
const char * nudge_followup_get_origin (NudgeFollowup *self);
gint64       nudge_followup_get_next_at (NudgeFollowup *self);
gint64       nudge_followup_get_created_at (NudgeFollowup *self);
gint64       nudge_followup_get_updated_at (NudgeFollowup *self);

/* The id of a deal, contact or company (a row of the List); 0 for
 * anything else */
gint64       nudge_record_get_id (gpointer record);

G_END_DECLS
