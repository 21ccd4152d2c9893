/* nudge-record-deal.c — a deal as a GObject: its fields and getters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-records"

#include "config.h"

#include "nudge-record.h"
#include "nudge-records-private.h"

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
