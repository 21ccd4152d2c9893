/* nudge-record-followup.c — a follow-up as a GObject: its fields and getters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-records"

#include "config.h"

#include "nudge-record.h"
#include "nudge-records-private.h"

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
  { "deal-temperature", NUDGE_FIELD_STRING, G_STRUCT_OFFSET (NudgeFollowup, deal_temperature) },
  { "deal-score", NUDGE_FIELD_DOUBLE, G_STRUCT_OFFSET (NudgeFollowup, deal_score) },
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
  copy->deal_temperature = g_strdup (self->deal_temperature);
  copy->deal_score = self->deal_score;
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

const char *
nudge_followup_get_deal_temperature (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), NULL);
  return self->deal_temperature;
}

double
nudge_followup_get_deal_score (NudgeFollowup *self)
{
  g_return_val_if_fail (NUDGE_IS_FOLLOWUP (self), 0);
  return self->deal_score;
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
