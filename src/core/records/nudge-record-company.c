/* nudge-record-company.c — a company as a GObject: its fields and getters
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
