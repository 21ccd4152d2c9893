/* nudge-record-contact.c — a contact as a GObject: its fields and getters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-records"

#include "config.h"

#include "nudge-record.h"
#include "nudge-records-private.h"

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
