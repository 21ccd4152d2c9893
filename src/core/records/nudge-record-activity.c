/* nudge-record-activity.c — an activity: a call, an e-mail, a meeting, a note as a GObject: its fields and getters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-records"

#include "config.h"

#include "nudge-record.h"
#include "nudge-records-private.h"

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
