/* nudge-record.h — table-driven GObject properties for the domain records
 *
 * The domain objects (deal, contact, company, …) are plain snapshots of a
 * row. Their properties are described once, as a table of fields with the
 * struct offset, so get/set/finalize are shared instead of written out for
 * every one of their ~25 properties.
 *
 * A list that shows a record updates it in place from a fresh read
 * (nudge_record_update_from()): the object stays the same, so a list view
 * keeps its row widget and only binds it again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  NUDGE_FIELD_INT64,
  NUDGE_FIELD_INT,
  NUDGE_FIELD_BOOLEAN,
  NUDGE_FIELD_DOUBLE,
  NUDGE_FIELD_STRING,
} NudgeFieldType;

typedef struct
{
  const char     *name;
  NudgeFieldType  type;
  gsize           offset;
} NudgeField;

void nudge_record_class_install (GObjectClass     *klass,
                                 const NudgeField *fields,
                                 guint             n_fields);
void nudge_record_clear_strings (GObject          *object);
gboolean nudge_record_update_from (GObject        *record,
                                   GObject        *fresh);
const NudgeField *nudge_record_find_field (GType       type,
                                           const char *name);
GQuark nudge_record_derived_quark (void);

G_END_DECLS
