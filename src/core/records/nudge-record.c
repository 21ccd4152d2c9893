/* nudge-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-record"

#include "config.h"

#include "nudge-record.h"

typedef struct
{
  const NudgeField *fields;
  guint             n_fields;
} FieldTable;

static GQuark
field_table_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("nudge-record-fields");
  return quark;
}

static const FieldTable *
lookup_table (GType type)
{
  while (type != 0)
    {
      const FieldTable *table = g_type_get_qdata (type, field_table_quark ());

      if (table != NULL)
        return table;
      type = g_type_parent (type);
    }
  return NULL;
}

static void
record_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  const FieldTable *table = lookup_table (G_OBJECT_TYPE (object));
  const NudgeField *field;
  gpointer member;

  g_assert (table != NULL && prop_id >= 1 && prop_id <= table->n_fields);

  field = &table->fields[prop_id - 1];
  member = G_STRUCT_MEMBER_P (object, field->offset);

  switch (field->type)
    {
    case NUDGE_FIELD_INT64:   g_value_set_int64 (value, *(gint64 *) member); break;
    case NUDGE_FIELD_INT:     g_value_set_int (value, *(int *) member); break;
    case NUDGE_FIELD_BOOLEAN: g_value_set_boolean (value, *(gboolean *) member); break;
    case NUDGE_FIELD_DOUBLE:  g_value_set_double (value, *(double *) member); break;
    case NUDGE_FIELD_STRING:  g_value_set_string (value, *(char **) member); break;
    default: g_assert_not_reached ();
    }
}

static void
record_set_property (GObject      *object,
                     guint         prop_id,
                     const GValue *value,
                     GParamSpec   *pspec)
{
  const FieldTable *table = lookup_table (G_OBJECT_TYPE (object));
  const NudgeField *field;
  gpointer member;
  gboolean changed = FALSE;

  g_assert (table != NULL && prop_id >= 1 && prop_id <= table->n_fields);

  field = &table->fields[prop_id - 1];
  member = G_STRUCT_MEMBER_P (object, field->offset);

  switch (field->type)
    {
    case NUDGE_FIELD_INT64:
      changed = *(gint64 *) member != g_value_get_int64 (value);
      *(gint64 *) member = g_value_get_int64 (value);
      break;
    case NUDGE_FIELD_INT:
      changed = *(int *) member != g_value_get_int (value);
      *(int *) member = g_value_get_int (value);
      break;
    case NUDGE_FIELD_BOOLEAN:
      changed = *(gboolean *) member != g_value_get_boolean (value);
      *(gboolean *) member = g_value_get_boolean (value);
      break;
    case NUDGE_FIELD_DOUBLE:
      changed = *(double *) member != g_value_get_double (value);
      *(double *) member = g_value_get_double (value);
      break;
    case NUDGE_FIELD_STRING:
      {
        char **str = member;
        const char *new_str = g_value_get_string (value);

        if (g_strcmp0 (*str, new_str) != 0)
          {
            g_free (*str);
            *str = g_strdup (new_str);
            changed = TRUE;
          }
      }
      break;
    default:
      g_assert_not_reached ();
    }

  if (changed)
    {
      g_object_set_qdata (object, nudge_record_derived_quark (), NULL);
      g_object_notify_by_pspec (object, pspec);
    }
}

/**
 * nudge_record_derived_quark:
 *
 * The qdata key under which a view keeps what it derives from a record's
 * fields (the List's collation keys, by column): dropped whenever a field
 * changes, by a property set or by nudge_record_update_from().
 */
G_DEFINE_QUARK (nudge-record-derived, nudge_record_derived)

void
nudge_record_class_install (GObjectClass     *klass,
                            const NudgeField *fields,
                            guint             n_fields)
{
  FieldTable *table;
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  table = g_new0 (FieldTable, 1);
  table->fields = fields;
  table->n_fields = n_fields;
  g_type_set_qdata (G_OBJECT_CLASS_TYPE (klass), field_table_quark (), table);

  klass->get_property = record_get_property;
  klass->set_property = record_set_property;

  for (guint i = 0; i < n_fields; i++)
    {
      const NudgeField *field = &fields[i];
      GParamSpec *pspec = NULL;

      switch (field->type)
        {
        case NUDGE_FIELD_INT64:
          pspec = g_param_spec_int64 (field->name, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
          break;
        case NUDGE_FIELD_INT:
          pspec = g_param_spec_int (field->name, NULL, NULL, G_MININT, G_MAXINT, 0, flags);
          break;
        case NUDGE_FIELD_BOOLEAN:
          pspec = g_param_spec_boolean (field->name, NULL, NULL, FALSE, flags);
          break;
        case NUDGE_FIELD_DOUBLE:
          pspec = g_param_spec_double (field->name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
          break;
        case NUDGE_FIELD_STRING:
          pspec = g_param_spec_string (field->name, NULL, NULL, NULL, flags);
          break;
        default:
          g_assert_not_reached ();
        }

      g_object_class_install_property (klass, i + 1, pspec);
    }
}

void
nudge_record_clear_strings (GObject *object)
{
  const FieldTable *table = lookup_table (G_OBJECT_TYPE (object));

  g_assert (table != NULL);

  for (guint i = 0; i < table->n_fields; i++)
    if (table->fields[i].type == NUDGE_FIELD_STRING)
      g_clear_pointer ((char **) G_STRUCT_MEMBER_P (object, table->fields[i].offset), g_free);
}

/**
 * nudge_record_update_from:
 * @record: a record
 * @fresh: a newer read of the same row, of the same type
 *
 * Moves into @record the fields of @fresh that differ, with a notify for
 * each; @fresh is left with the old values (to be dropped). Main thread
 * only, like every holder of a record a list shows.
 *
 * Returns: whether any field changed
 */
gboolean
nudge_record_update_from (GObject *record,
                          GObject *fresh)
{
  const FieldTable *table;
  gboolean changed = FALSE;

  g_return_val_if_fail (G_IS_OBJECT (record), FALSE);
  g_return_val_if_fail (G_OBJECT_TYPE (fresh) == G_OBJECT_TYPE (record), FALSE);

  table = lookup_table (G_OBJECT_TYPE (record));
  g_assert (table != NULL);
  g_object_freeze_notify (record);
  for (guint i = 0; i < table->n_fields; i++)
    {
      const NudgeField *field = &table->fields[i];
      gpointer a = G_STRUCT_MEMBER_P (record, field->offset);
      gpointer b = G_STRUCT_MEMBER_P (fresh, field->offset);
      gboolean differs;

      switch (field->type)
        {
        case NUDGE_FIELD_INT64:
          differs = *(gint64 *) a != *(gint64 *) b;
          *(gint64 *) a = *(gint64 *) b;
          break;
        case NUDGE_FIELD_INT:
          differs = *(int *) a != *(int *) b;
          *(int *) a = *(int *) b;
          break;
        case NUDGE_FIELD_BOOLEAN:
          differs = *(gboolean *) a != *(gboolean *) b;
          *(gboolean *) a = *(gboolean *) b;
          break;
        case NUDGE_FIELD_DOUBLE:
          differs = *(double *) a != *(double *) b;
          *(double *) a = *(double *) b;
          break;
        case NUDGE_FIELD_STRING:
          differs = g_strcmp0 (*(char **) a, *(char **) b) != 0;
          if (differs)
            {
              char *old = *(char **) a;

              *(char **) a = *(char **) b;
              *(char **) b = old;
            }
          break;
        default:
          g_assert_not_reached ();
        }
      if (differs)
        {
          g_object_notify (record, field->name);
          changed = TRUE;
        }
    }
  if (changed)
    g_object_set_qdata (record, nudge_record_derived_quark (), NULL);
  g_object_thaw_notify (record);
  return changed;
}

const NudgeField *
nudge_record_find_field (GType       type,
                         const char *name)
{
  const FieldTable *table = lookup_table (type);

  if (table == NULL)
    return NULL;
  for (guint i = 0; i < table->n_fields; i++)
    if (g_strcmp0 (table->fields[i].name, name) == 0)
      return &table->fields[i];
  return NULL;
}
