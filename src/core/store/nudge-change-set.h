/* nudge-change-set.h — what one transaction changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "nudge-types.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_CHANGE_SET (nudge_change_set_get_type ())

typedef struct _NudgeChangeSet NudgeChangeSet;

typedef void (*NudgeChangeFunc) (NudgeEntity entity,
                                 gint64      id,
                                 NudgeChange change,
                                 gpointer    user_data);

GType           nudge_change_set_get_type    (void) G_GNUC_CONST;
NudgeChangeSet *nudge_change_set_new         (void);
NudgeChangeSet *nudge_change_set_new_all     (void);
NudgeChangeSet *nudge_change_set_ref         (NudgeChangeSet  *self);
void            nudge_change_set_unref       (NudgeChangeSet  *self);
void            nudge_change_set_add         (NudgeChangeSet  *self,
                                              NudgeEntity      entity,
                                              gint64           id,
                                              NudgeChange      change);
void            nudge_change_set_add_all     (NudgeChangeSet  *self,
                                              NudgeEntity      entity);
void            nudge_change_set_merge       (NudgeChangeSet  *self,
                                              NudgeChangeSet  *other);
void            nudge_change_set_clear       (NudgeChangeSet  *self);
gboolean        nudge_change_set_is_empty    (NudgeChangeSet  *self);
gboolean        nudge_change_set_touches     (NudgeChangeSet  *self,
                                              NudgeEntity      entity);
gboolean        nudge_change_set_touches_any (NudgeChangeSet  *self,
                                              guint            entity_mask);
gboolean        nudge_change_set_is_all      (NudgeChangeSet  *self,
                                              NudgeEntity      entity);
guint           nudge_change_set_count       (NudgeChangeSet  *self,
                                              NudgeEntity      entity);
gboolean        nudge_change_set_lookup      (NudgeChangeSet  *self,
                                              NudgeEntity      entity,
                                              gint64           id,
                                              NudgeChange     *change);
void            nudge_change_set_set_origin  (NudgeChangeSet  *self,
                                              gconstpointer    origin);
gconstpointer   nudge_change_set_get_origin  (NudgeChangeSet  *self);
void            nudge_change_set_foreach     (NudgeChangeSet  *self,
                                              NudgeEntity      entity,
                                              NudgeChangeFunc  func,
                                              gpointer         user_data);

#define NUDGE_ENTITY_BIT(e) (1u << (e))

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeChangeSet, nudge_change_set_unref)

G_END_DECLS
