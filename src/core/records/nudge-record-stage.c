/* nudge-record-stage.c — a pipeline stage as a GObject: its fields and getters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-records"

#include "config.h"

#include "nudge-record.h"
#include "nudge-records-private.h"

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
