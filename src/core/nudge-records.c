/* nudge-records.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-records"

#include "config.h"

#include "nudge-record.h"
#include "nudge-records-private.h"

G_DEFINE_FINAL_TYPE (NudgeCompany, nudge_company, G_TYPE_OBJECT)

static const NudgeField company_fields[] = {
  { "id", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeCompany, id) },
  { "name", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeCompany, name) },
  { "industry", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeCompany, industry) },
  { "website", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeCompany, website) },
  { "phone", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeCompany, phone) },
  { "email", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeCompany, email) },
  { "notes", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeCompany, notes) },
  { "created-at", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeCompany, created_at) },
  { "updated-at", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeCompany, updated_at) },
  { "n-contacts", NUDGE_FIELD_INT, G_STRUCT_OFFSET (NudgeCompany, n_contacts) },
  { "n-open-deals", NUDGE_FIELD_INT, G_STRUCT_OFFSET (NudgeCompany, n_open_deals) },
  { "last-activity-at", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeCompany, last_activity_at) },
  { "next-followup-at", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeCompany, next_followup_at) },
};

static void
nudge_company_finalize (GObject *object)
{
  nudge_record_clear_strings (object);
  G_OBJECT_CLASS (nudge_company_parent_class)->finalize (object);
}

static void
nudge_company_class_init (NudgeCompanyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nudge_company_finalize;
  nudge_record_class_install (object_class, company_fields, G_N_ELEMENTS (company_fields));
}

static void
nudge_company_init (NudgeCompany *self)
{
}

NudgeCompany *
nudge_company_new (void)
{
  return g_object_new (NUDGE_TYPE_COMPANY, NULL);
}

NudgeCompany *
nudge_company_copy (NudgeCompany *self)
{
  NudgeCompany *copy;

  g_return_val_if_fail (NUDGE_IS_COMPANY (self), NULL);

  copy = nudge_company_new ();
  copy->id = self->id;
  copy->name = g_strdup (self->name);
  copy->industry = g_strdup (self->industry);
  copy->website = g_strdup (self->website);
  copy->phone = g_strdup (self->phone);
  copy->email = g_strdup (self->email);
  copy->notes = g_strdup (self->notes);
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;
  copy->n_contacts = self->n_contacts;
  copy->n_open_deals = self->n_open_deals;
  copy->last_activity_at = self->last_activity_at;
  copy->next_followup_at = self->next_followup_at;
  return copy;
}

gint64
nudge_company_get_id (NudgeCompany *self)
{
  g_return_val_if_fail (NUDGE_IS_COMPANY (self), 0);
  return self->id;
}

const char *
nudge_company_get_name (NudgeCompany *self)
{
  g_return_val_if_fail (NUDGE_IS_COMPANY (self), NULL);
  return self->name;
}

const char *
nudge_company_get_industry (NudgeCompany *self)
{
  g_return_val_if_fail (NUDGE_IS_COMPANY (self), NULL);
  return self->industry;
}

const char *
nudge_company_get_website (NudgeCompany *self)
{
  g_return_val_if_fail (NUDGE_IS_COMPANY (self), NULL);
  return self->website;
}

const char *
nudge_company_get_phone (NudgeCompany *self)
{
  g_return_val_if_fail (NUDGE_IS_COMPANY (self), NULL);
  return self->phone;
}

const char *
nudge_company_get_email (NudgeCompany *self)
{
  g_return_val_if_fail (NUDGE_IS_COMPANY (self), NULL);
  return self->email;
}

const char *
nudge_company_get_notes (NudgeCompany *self)
{
  g_return_val_if_fail (NUDGE_IS_COMPANY (self), NULL);
  return self->notes;
}

gint64
nudge_company_get_created_at (NudgeCompany *self)
{
  g_return_val_if_fail (NUDGE_IS_COMPANY (self), 0);
  return self->created_at;
}

gint64
nudge_company_get_updated_at (NudgeCompany *self)
{
  g_return_val_if_fail (NUDGE_IS_COMPANY (self), 0);
  return self->updated_at;
}

int
nudge_company_get_n_contacts (NudgeCompany *self)
{
  g_return_val_if_fail (NUDGE_IS_COMPANY (self), 0);
  return self->n_contacts;
}

int
nudge_company_get_n_open_deals (NudgeCompany *self)
{
  g_return_val_if_fail (NUDGE_IS_COMPANY (self), 0);
  return self->n_open_deals;
}

gint64
nudge_company_get_last_activity_at (NudgeCompany *self)
{
  g_return_val_if_fail (NUDGE_IS_COMPANY (self), 0);
  return self->last_activity_at;
}

gint64
nudge_company_get_next_followup_at (NudgeCompany *self)
{
  g_return_val_if_fail (NUDGE_IS_COMPANY (self), 0);
  return self->next_followup_at;
}

G_DEFINE_FINAL_TYPE (NudgeContact, nudge_contact, G_TYPE_OBJECT)

static const NudgeField contact_fields[] = {
  { "id", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeContact, id) },
  { "company-id", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeContact, company_id) },
  { "company-name", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeContact, company_name) },
  { "name", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeContact, name) },
  { "email", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeContact, email) },
  { "phone", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeContact, phone) },
  { "title", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeContact, title) },
  { "decision-maker", NUDGE_FIELD_BOOLEAN, G_STRUCT_OFFSET (NudgeContact, decision_maker) },
  { "source", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeContact, source) },
  { "tags", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeContact, tags) },
  { "notes", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeContact, notes) },
  { "temperature", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeContact, temperature) },
  { "stay-ideal-days", NUDGE_FIELD_INT, G_STRUCT_OFFSET (NudgeContact, stay_ideal_days) },
  { "stay-max-days", NUDGE_FIELD_INT, G_STRUCT_OFFSET (NudgeContact, stay_max_days) },
  { "created-at", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeContact, created_at) },
  { "updated-at", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeContact, updated_at) },
  { "last-activity-at", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeContact, last_activity_at) },
  { "next-followup-at", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeContact, next_followup_at) },
  { "score", NUDGE_FIELD_DOUBLE, G_STRUCT_OFFSET (NudgeContact, score) },
  { "birthday", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeContact, birthday) },
  { "address", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeContact, address) },
  { "website", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeContact, website) },
};

static void
nudge_contact_finalize (GObject *object)
{
  nudge_record_clear_strings (object);
  G_OBJECT_CLASS (nudge_contact_parent_class)->finalize (object);
}

static void
nudge_contact_class_init (NudgeContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nudge_contact_finalize;
  nudge_record_class_install (object_class, contact_fields, G_N_ELEMENTS (contact_fields));
}

static void
nudge_contact_init (NudgeContact *self)
{
}

NudgeContact *
nudge_contact_new (void)
{
  return g_object_new (NUDGE_TYPE_CONTACT, NULL);
}

NudgeContact *
nudge_contact_copy (NudgeContact *self)
{
  NudgeContact *copy;

  g_return_val_if_fail (NUDGE_IS_CONTACT (self), NULL);

  copy = nudge_contact_new ();
  copy->id = self->id;
  copy->company_id = self->company_id;
  copy->company_name = g_strdup (self->company_name);
  copy->name = g_strdup (self->name);
  copy->email = g_strdup (self->email);
  copy->phone = g_strdup (self->phone);
  copy->title = g_strdup (self->title);
  copy->decision_maker = self->decision_maker;
  copy->source = g_strdup (self->source);
  copy->tags = g_strdup (self->tags);
  copy->notes = g_strdup (self->notes);
  copy->temperature = g_strdup (self->temperature);
  copy->stay_ideal_days = self->stay_ideal_days;
  copy->stay_max_days = self->stay_max_days;
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;
  copy->last_activity_at = self->last_activity_at;
  copy->next_followup_at = self->next_followup_at;
  copy->score = self->score;
  return copy;
}

gint64
nudge_contact_get_id (NudgeContact *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTACT (self), 0);
  return self->id;
}

gint64
nudge_contact_get_company_id (NudgeContact *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTACT (self), 0);
  return self->company_id;
}

const char *
nudge_contact_get_company_name (NudgeContact *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTACT (self), NULL);
  return self->company_name;
}

const char *
nudge_contact_get_name (NudgeContact *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTACT (self), NULL);
  return self->name;
}

const char *
nudge_contact_get_email (NudgeContact *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTACT (self), NULL);
  return self->email;
}

const char *
nudge_contact_get_phone (NudgeContact *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTACT (self), NULL);
  return self->phone;
}

const char *
nudge_contact_get_title (NudgeContact *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTACT (self), NULL);
  return self->title;
}

gboolean
nudge_contact_get_decision_maker (NudgeContact *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTACT (self), 0);
  return self->decision_maker;
}

const char *
nudge_contact_get_source (NudgeContact *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTACT (self), NULL);
  return self->source;
}

const char *
nudge_contact_get_tags (NudgeContact *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTACT (self), NULL);
  return self->tags;
}

const char *
nudge_contact_get_notes (NudgeContact *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTACT (self), NULL);
  return self->notes;
}

const char *
nudge_contact_get_temperature (NudgeContact *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTACT (self), NULL);
  return self->temperature;
}

const char *
nudge_contact_get_birthday (NudgeContact *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTACT (self), NULL);
  return self->birthday;
}

const char *
nudge_contact_get_address (NudgeContact *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTACT (self), NULL);
  return self->address;
}

const char *
nudge_contact_get_website (NudgeContact *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTACT (self), NULL);
  return self->website;
}

int
nudge_contact_get_stay_ideal_days (NudgeContact *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTACT (self), 0);
  return self->stay_ideal_days;
}

int
nudge_contact_get_stay_max_days (NudgeContact *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTACT (self), 0);
  return self->stay_max_days;
}

gint64
nudge_contact_get_created_at (NudgeContact *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTACT (self), 0);
  return self->created_at;
}

gint64
nudge_contact_get_updated_at (NudgeContact *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTACT (self), 0);
  return self->updated_at;
}

gint64
nudge_contact_get_last_activity_at (NudgeContact *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTACT (self), 0);
  return self->last_activity_at;
}

gint64
nudge_contact_get_next_followup_at (NudgeContact *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTACT (self), 0);
  return self->next_followup_at;
}

double
nudge_contact_get_score (NudgeContact *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTACT (self), 0);
  return self->score;
}

G_DEFINE_FINAL_TYPE (NudgeDeal, nudge_deal, G_TYPE_OBJECT)

static const NudgeField deal_fields[] = {
  { "id", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeDeal, id) },
  { "title", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeDeal, title) },
  { "company-id", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeDeal, company_id) },
  { "company-name", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeDeal, company_name) },
  { "contact-id", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeDeal, contact_id) },
  { "contact-name", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeDeal, contact_name) },
  { "stage-id", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeDeal, stage_id) },
  { "stage-name", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeDeal, stage_name) },
  { "pipeline-id", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeDeal, pipeline_id) },
  { "stage-probability", NUDGE_FIELD_INT, G_STRUCT_OFFSET (NudgeDeal, stage_probability) },
  { "stage-rotting-days", NUDGE_FIELD_INT, G_STRUCT_OFFSET (NudgeDeal, stage_rotting_days) },
  { "amount-minor", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeDeal, amount_minor) },
  { "has-amount", NUDGE_FIELD_BOOLEAN, G_STRUCT_OFFSET (NudgeDeal, has_amount) },
  { "currency", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeDeal, currency) },
  { "product", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeDeal, product) },
  { "expected-close", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeDeal, expected_close) },
  { "status", NUDGE_FIELD_INT, G_STRUCT_OFFSET (NudgeDeal, status) },
  { "lost-reason", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeDeal, lost_reason) },
  { "labels", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeDeal, labels) },
  { "temperature", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeDeal, temperature) },
  { "notes", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeDeal, notes) },
  { "created-at", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeDeal, created_at) },
  { "updated-at", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeDeal, updated_at) },
  { "stage-entered-at", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeDeal, stage_entered_at) },
  { "closed-at", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeDeal, closed_at) },
  { "last-activity-at", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeDeal, last_activity_at) },
  { "next-followup-at", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeDeal, next_followup_at) },
  { "score", NUDGE_FIELD_DOUBLE, G_STRUCT_OFFSET (NudgeDeal, score) },
};

static void
nudge_deal_finalize (GObject *object)
{
  nudge_record_clear_strings (object);
  G_OBJECT_CLASS (nudge_deal_parent_class)->finalize (object);
}

static void
nudge_deal_class_init (NudgeDealClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nudge_deal_finalize;
  nudge_record_class_install (object_class, deal_fields, G_N_ELEMENTS (deal_fields));
}

static void
nudge_deal_init (NudgeDeal *self)
{
}

NudgeDeal *
nudge_deal_new (void)
{
  return g_object_new (NUDGE_TYPE_DEAL, NULL);
}

NudgeDeal *
nudge_deal_copy (NudgeDeal *self)
{
  NudgeDeal *copy;

  g_return_val_if_fail (NUDGE_IS_DEAL (self), NULL);

  copy = nudge_deal_new ();
  copy->id = self->id;
  copy->title = g_strdup (self->title);
  copy->company_id = self->company_id;
  copy->company_name = g_strdup (self->company_name);
  copy->contact_id = self->contact_id;
  copy->contact_name = g_strdup (self->contact_name);
  copy->stage_id = self->stage_id;
  copy->stage_name = g_strdup (self->stage_name);
  copy->pipeline_id = self->pipeline_id;
  copy->stage_probability = self->stage_probability;
  copy->stage_rotting_days = self->stage_rotting_days;
  copy->amount_minor = self->amount_minor;
  copy->has_amount = self->has_amount;
  copy->currency = g_strdup (self->currency);
  copy->product = g_strdup (self->product);
  copy->expected_close = g_strdup (self->expected_close);
  copy->status = self->status;
  copy->lost_reason = g_strdup (self->lost_reason);
  copy->labels = g_strdup (self->labels);
  copy->temperature = g_strdup (self->temperature);
  copy->notes = g_strdup (self->notes);
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;
  copy->stage_entered_at = self->stage_entered_at;
  copy->closed_at = self->closed_at;
  copy->last_activity_at = self->last_activity_at;
  copy->next_followup_at = self->next_followup_at;
  copy->score = self->score;
  return copy;
}

gint64
nudge_deal_get_id (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), 0);
  return self->id;
}

const char *
nudge_deal_get_title (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), NULL);
  return self->title;
}

gint64
nudge_deal_get_company_id (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), 0);
  return self->company_id;
}

const char *
nudge_deal_get_company_name (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), NULL);
  return self->company_name;
}

gint64
nudge_deal_get_contact_id (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), 0);
  return self->contact_id;
}

const char *
nudge_deal_get_contact_name (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), NULL);
  return self->contact_name;
}

gint64
nudge_deal_get_stage_id (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), 0);
  return self->stage_id;
}

const char *
nudge_deal_get_stage_name (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), NULL);
  return self->stage_name;
}

gint64
nudge_deal_get_pipeline_id (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), 0);
  return self->pipeline_id;
}

int
nudge_deal_get_stage_probability (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), 0);
  return self->stage_probability;
}

int
nudge_deal_get_stage_rotting_days (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), 0);
  return self->stage_rotting_days;
}

gint64
nudge_deal_get_amount_minor (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), 0);
  return self->amount_minor;
}

gboolean
nudge_deal_get_has_amount (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), 0);
  return self->has_amount;
}

const char *
nudge_deal_get_currency (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), NULL);
  return self->currency;
}

const char *
nudge_deal_get_product (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), NULL);
  return self->product;
}

const char *
nudge_deal_get_expected_close (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), NULL);
  return self->expected_close;
}

int
nudge_deal_get_status (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), 0);
  return self->status;
}

const char *
nudge_deal_get_lost_reason (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), NULL);
  return self->lost_reason;
}

const char *
nudge_deal_get_labels (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), NULL);
  return self->labels;
}

const char *
nudge_deal_get_temperature (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), NULL);
  return self->temperature;
}

const char *
nudge_deal_get_notes (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), NULL);
  return self->notes;
}

gint64
nudge_deal_get_created_at (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), 0);
  return self->created_at;
}

gint64
nudge_deal_get_updated_at (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), 0);
  return self->updated_at;
}

gint64
nudge_deal_get_stage_entered_at (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), 0);
  return self->stage_entered_at;
}

gint64
nudge_deal_get_closed_at (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), 0);
  return self->closed_at;
}

gint64
nudge_deal_get_last_activity_at (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), 0);
  return self->last_activity_at;
}

gint64
nudge_deal_get_next_followup_at (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), 0);
  return self->next_followup_at;
}

double
nudge_deal_get_score (NudgeDeal *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (self), 0);
  return self->score;
}

G_DEFINE_FINAL_TYPE (NudgeStage, nudge_stage, G_TYPE_OBJECT)

static const NudgeField stage_fields[] = {
  { "id", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeStage, id) },
  { "pipeline-id", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeStage, pipeline_id) },
  { "name", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeStage, name) },
  { "position", NUDGE_FIELD_INT, G_STRUCT_OFFSET (NudgeStage, position) },
  { "probability", NUDGE_FIELD_INT, G_STRUCT_OFFSET (NudgeStage, probability) },
  { "rotting-days", NUDGE_FIELD_INT, G_STRUCT_OFFSET (NudgeStage, rotting_days) },
  { "required-fields", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeStage, required_fields) },
  { "kind", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeStage, kind) },
};

static void
nudge_stage_finalize (GObject *object)
{
  nudge_record_clear_strings (object);
  G_OBJECT_CLASS (nudge_stage_parent_class)->finalize (object);
}

static void
nudge_stage_class_init (NudgeStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nudge_stage_finalize;
  nudge_record_class_install (object_class, stage_fields, G_N_ELEMENTS (stage_fields));
}

static void
nudge_stage_init (NudgeStage *self)
{
}

NudgeStage *
nudge_stage_new (void)
{
  return g_object_new (NUDGE_TYPE_STAGE, NULL);
}

NudgeStage *
nudge_stage_copy (NudgeStage *self)
{
  NudgeStage *copy;

  g_return_val_if_fail (NUDGE_IS_STAGE (self), NULL);

  copy = nudge_stage_new ();
  copy->id = self->id;
  copy->pipeline_id = self->pipeline_id;
  copy->name = g_strdup (self->name);
  copy->position = self->position;
  copy->probability = self->probability;
  copy->rotting_days = self->rotting_days;
  copy->required_fields = g_strdup (self->required_fields);
  copy->kind = g_strdup (self->kind);
  return copy;
}

gint64
nudge_stage_get_id (NudgeStage *self)
{
  g_return_val_if_fail (NUDGE_IS_STAGE (self), 0);
  return self->id;
}

gint64
nudge_stage_get_pipeline_id (NudgeStage *self)
{
  g_return_val_if_fail (NUDGE_IS_STAGE (self), 0);
  return self->pipeline_id;
}

const char *
nudge_stage_get_name (NudgeStage *self)
{
  g_return_val_if_fail (NUDGE_IS_STAGE (self), NULL);
  return self->name;
}

int
nudge_stage_get_position (NudgeStage *self)
{
  g_return_val_if_fail (NUDGE_IS_STAGE (self), 0);
  return self->position;
}

int
nudge_stage_get_probability (NudgeStage *self)
{
  g_return_val_if_fail (NUDGE_IS_STAGE (self), 0);
  return self->probability;
}

int
nudge_stage_get_rotting_days (NudgeStage *self)
{
  g_return_val_if_fail (NUDGE_IS_STAGE (self), 0);
  return self->rotting_days;
}

const char *
nudge_stage_get_required_fields (NudgeStage *self)
{
  g_return_val_if_fail (NUDGE_IS_STAGE (self), NULL);
  return self->required_fields;
}

const char *
nudge_stage_get_kind (NudgeStage *self)
{
  g_return_val_if_fail (NUDGE_IS_STAGE (self), NULL);
  return self->kind;
}

G_DEFINE_FINAL_TYPE (NudgeActivity, nudge_activity, G_TYPE_OBJECT)

static const NudgeField activity_fields[] = {
  { "id", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeActivity, id) },
  { "kind", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeActivity, kind) },
  { "direction", NUDGE_FIELD_INT, G_STRUCT_OFFSET (NudgeActivity, direction) },
  { "occurred-at", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeActivity, occurred_at) },
  { "contact-id", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeActivity, contact_id) },
  { "contact-name", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeActivity, contact_name) },
  { "deal-id", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeActivity, deal_id) },
  { "deal-title", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeActivity, deal_title) },
  { "company-id", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeActivity, company_id) },
  { "summary", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeActivity, summary) },
  { "body", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeActivity, body) },
  { "origin", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeActivity, origin) },
  { "created-at", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeActivity, created_at) },
};

static void
nudge_activity_finalize (GObject *object)
{
  nudge_record_clear_strings (object);
  G_OBJECT_CLASS (nudge_activity_parent_class)->finalize (object);
}

static void
nudge_activity_class_init (NudgeActivityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nudge_activity_finalize;
  nudge_record_class_install (object_class, activity_fields, G_N_ELEMENTS (activity_fields));
}

static void
nudge_activity_init (NudgeActivity *self)
{
}

NudgeActivity *
nudge_activity_new (void)
{
  return g_object_new (NUDGE_TYPE_ACTIVITY, NULL);
}

NudgeActivity *
nudge_activity_copy (NudgeActivity *self)
{
  NudgeActivity *copy;

  g_return_val_if_fail (NUDGE_IS_ACTIVITY (self), NULL);

  copy = nudge_activity_new ();
  copy->id = self->id;
  copy->kind = g_strdup (self->kind);
  copy->direction = self->direction;
  copy->occurred_at = self->occurred_at;
  copy->contact_id = self->contact_id;
  copy->contact_name = g_strdup (self->contact_name);
  copy->deal_id = self->deal_id;
  copy->deal_title = g_strdup (self->deal_title);
  copy->company_id = self->company_id;
  copy->summary = g_strdup (self->summary);
  copy->body = g_strdup (self->body);
  copy->origin = g_strdup (self->origin);
  copy->created_at = self->created_at;
  return copy;
}

gint64
nudge_activity_get_id (NudgeActivity *self)
{
  g_return_val_if_fail (NUDGE_IS_ACTIVITY (self), 0);
  return self->id;
}

const char *
nudge_activity_get_kind (NudgeActivity *self)
{
  g_return_val_if_fail (NUDGE_IS_ACTIVITY (self), NULL);
  return self->kind;
}

int
nudge_activity_get_direction (NudgeActivity *self)
{
  g_return_val_if_fail (NUDGE_IS_ACTIVITY (self), 0);
  return self->direction;
}

gint64
nudge_activity_get_occurred_at (NudgeActivity *self)
{
  g_return_val_if_fail (NUDGE_IS_ACTIVITY (self), 0);
  return self->occurred_at;
}

gint64
nudge_activity_get_contact_id (NudgeActivity *self)
{
  g_return_val_if_fail (NUDGE_IS_ACTIVITY (self), 0);
  return self->contact_id;
}

const char *
nudge_activity_get_contact_name (NudgeActivity *self)
{
  g_return_val_if_fail (NUDGE_IS_ACTIVITY (self), NULL);
  return self->contact_name;
}

gint64
nudge_activity_get_deal_id (NudgeActivity *self)
{
  g_return_val_if_fail (NUDGE_IS_ACTIVITY (self), 0);
  return self->deal_id;
}

const char *
nudge_activity_get_deal_title (NudgeActivity *self)
{
  g_return_val_if_fail (NUDGE_IS_ACTIVITY (self), NULL);
  return self->deal_title;
}

gint64
nudge_activity_get_company_id (NudgeActivity *self)
{
  g_return_val_if_fail (NUDGE_IS_ACTIVITY (self), 0);
  return self->company_id;
}

const char *
nudge_activity_get_summary (NudgeActivity *self)
{
  g_return_val_if_fail (NUDGE_IS_ACTIVITY (self), NULL);
  return self->summary;
}

const char *
nudge_activity_get_body (NudgeActivity *self)
{
  g_return_val_if_fail (NUDGE_IS_ACTIVITY (self), NULL);
  return self->body;
}

const char *
nudge_activity_get_origin (NudgeActivity *self)
{
  g_return_val_if_fail (NUDGE_IS_ACTIVITY (self), NULL);
  return self->origin;
}

gint64
nudge_activity_get_created_at (NudgeActivity *self)
{
  g_return_val_if_fail (NUDGE_IS_ACTIVITY (self), 0);
  return self->created_at;
}

G_DEFINE_FINAL_TYPE (NudgeFollowup, nudge_followup, G_TYPE_OBJECT)

static const NudgeField followup_fields[] = {
  { "id", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeFollowup, id) },
  { "uid", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeFollowup, uid) },
  { "title", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeFollowup, title) },
  { "kind", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeFollowup, kind) },
  { "notes", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeFollowup, notes) },
  { "due-at", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeFollowup, due_at) },
  { "all-day", NUDGE_FIELD_BOOLEAN, G_STRUCT_OFFSET (NudgeFollowup, all_day) },
  { "tzid", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeFollowup, tzid) },
  { "duration-min", NUDGE_FIELD_INT, G_STRUCT_OFFSET (NudgeFollowup, duration_min) },
  { "remind-before-min", NUDGE_FIELD_INT, G_STRUCT_OFFSET (NudgeFollowup, remind_before_min) },
  { "priority", NUDGE_FIELD_INT, G_STRUCT_OFFSET (NudgeFollowup, priority) },
  { "status", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeFollowup, status) },
  { "done-at", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeFollowup, done_at) },
  { "snoozed-until", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeFollowup, snoozed_until) },
  { "deal-id", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeFollowup, deal_id) },
  { "deal-title", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeFollowup, deal_title) },
  { "contact-id", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeFollowup, contact_id) },
  { "contact-name", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeFollowup, contact_name) },
  { "contact-phone", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeFollowup, contact_phone) },
  { "company-name", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeFollowup, company_name) },
  { "rrule", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeFollowup, rrule) },
  { "exdates", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeFollowup, exdates) },
  { "sequence", NUDGE_FIELD_INT, G_STRUCT_OFFSET (NudgeFollowup, sequence) },
  { "origin", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeFollowup, origin) },
  { "next-at", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeFollowup, next_at) },
  { "created-at", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeFollowup, created_at) },
  { "updated-at", NUDGE_FIELD_INT64, G_STRUCT_OFFSET (NudgeFollowup, updated_at) },
};

static void
nudge_followup_finalize (GObject *object)
{
  nudge_record_clear_strings (object);
  G_OBJECT_CLASS (nudge_followup_parent_class)->finalize (object);
}

static void
nudge_followup_class_init (NudgeFollowupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nudge_followup_finalize;
  nudge_record_class_install (object_class, followup_fields, G_N_ELEMENTS (followup_fields));
}

static void
nudge_followup_init (NudgeFollowup *self)
{
}

NudgeFollowup *
nudge_followup_new (void)
{
  return g_object_new (NUDGE_TYPE_FOLLOWUP, NULL);
}

NudgeFollowup *
nudge_followup_copy (NudgeFollowup *self)
{
  NudgeFollowup *copy;

  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), NULL);

  copy = nudge_followup_new ();
  copy->id = self->id;
  copy->uid = g_strdup (self->uid);
  copy->title = g_strdup (self->title);
  copy->kind = g_strdup (self->kind);
  copy->notes = g_strdup (self->notes);
  copy->due_at = self->due_at;
  copy->all_day = self->all_day;
  copy->tzid = g_strdup (self->tzid);
  copy->duration_min = self->duration_min;
  copy->remind_before_min = self->remind_before_min;
  copy->priority = self->priority;
  copy->status = g_strdup (self->status);
  copy->done_at = self->done_at;
  copy->snoozed_until = self->snoozed_until;
  copy->deal_id = self->deal_id;
  copy->deal_title = g_strdup (self->deal_title);
  copy->contact_id = self->contact_id;
  copy->contact_name = g_strdup (self->contact_name);
  copy->contact_phone = g_strdup (self->contact_phone);
  copy->company_name = g_strdup (self->company_name);
  copy->rrule = g_strdup (self->rrule);
  copy->exdates = g_strdup (self->exdates);
  copy->sequence = self->sequence;
  copy->origin = g_strdup (self->origin);
  copy->next_at = self->next_at;
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;
  return copy;
}

gint64
nudge_followup_get_id (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), 0);
  return self->id;
}

const char *
nudge_followup_get_uid (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), NULL);
  return self->uid;
}

const char *
nudge_followup_get_title (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), NULL);
  return self->title;
}

const char *
nudge_followup_get_kind (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), NULL);
  return self->kind;
}

const char *
nudge_followup_get_notes (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), NULL);
  return self->notes;
}

gint64
nudge_followup_get_due_at (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), 0);
  return self->due_at;
}

gboolean
nudge_followup_get_all_day (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), 0);
  return self->all_day;
}

const char *
nudge_followup_get_tzid (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), NULL);
  return self->tzid;
}

int
nudge_followup_get_duration_min (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), 0);
  return self->duration_min;
}

int
nudge_followup_get_remind_before_min (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), 0);
  return self->remind_before_min;
}

int
nudge_followup_get_priority (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), 0);
  return self->priority;
}

const char *
nudge_followup_get_status (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), NULL);
  return self->status;
}

gint64
nudge_followup_get_done_at (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), 0);
  return self->done_at;
}

gint64
nudge_followup_get_snoozed_until (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), 0);
  return self->snoozed_until;
}

gint64
nudge_followup_get_deal_id (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), 0);
  return self->deal_id;
}

const char *
nudge_followup_get_deal_title (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), NULL);
  return self->deal_title;
}

gint64
nudge_followup_get_contact_id (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), 0);
  return self->contact_id;
}

const char *
nudge_followup_get_contact_name (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), NULL);
  return self->contact_name;
}

const char *
nudge_followup_get_contact_phone (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), NULL);
  return self->contact_phone;
}

const char *
nudge_followup_get_company_name (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), NULL);
  return self->company_name;
}

const char *
nudge_followup_get_rrule (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), NULL);
  return self->rrule;
}

const char *
nudge_followup_get_exdates (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), NULL);
  return self->exdates;
}

int
nudge_followup_get_sequence (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), 0);
  return self->sequence;
}

const char *
nudge_followup_get_origin (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), NULL);
  return self->origin;
}

gint64
nudge_followup_get_next_at (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), 0);
  return self->next_at;
}

gint64
nudge_followup_get_created_at (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), 0);
  return self->created_at;
}

gint64
nudge_followup_get_updated_at (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), 0);
  return self->updated_at;
}
