/* nudge-change-set.c
 *
 * The rows one transaction touched, per entity, in a hash table each, so
 * recording a change is O(1) however big the transaction is, and a row
 * changed many times is one entry. An entity can also be marked as
 * changed as a whole (a bulk load, another program's write): listeners
 * then reload that entity instead of following rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-change-set"

#include "config.h"

#include "nudge-change-set.h"

struct _NudgeChangeSet
{
  gatomicrefcount  ref_count;
  GHashTable      *rows[NUDGE_N_ENTITIES];   /* gint64 id -> NudgeChange + 1 */
  guint            all;                      /* NUDGE_ENTITY_BIT mask */
  gconstpointer    origin;
};

G_DEFINE_BOXED_TYPE (NudgeChangeSet, nudge_change_set, nudge_change_set_ref, nudge_change_set_unref)

NudgeChangeSet *
nudge_change_set_new (void)
{
  NudgeChangeSet *self = g_new0 (NudgeChangeSet, 1);

  g_atomic_ref_count_init (&self->ref_count);
  return self;
}

/* Everything may have changed: what another program's write means. */
NudgeChangeSet *
nudge_change_set_new_all (void)
{
  NudgeChangeSet *self = nudge_change_set_new ();

  for (guint e = 0; e < NUDGE_N_ENTITIES; e++)
    nudge_change_set_add_all (self, e);
  return self;
}

NudgeChangeSet *
nudge_change_set_ref (NudgeChangeSet *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
nudge_change_set_clear (NudgeChangeSet *self)
{
  g_return_if_fail (self != NULL);

  for (guint e = 0; e < NUDGE_N_ENTITIES; e++)
    g_clear_pointer (&self->rows[e], g_hash_table_unref);
  self->all = 0;
}

void
nudge_change_set_unref (NudgeChangeSet *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      nudge_change_set_clear (self);
      g_free (self);
    }
}

void
nudge_change_set_add (NudgeChangeSet *self,
                      NudgeEntity     entity,
                      gint64          id,
                      NudgeChange     change)
{
  GHashTable *rows;
  gpointer old;

  g_return_if_fail (self != NULL);
  g_return_if_fail (entity < NUDGE_N_ENTITIES);

  if (id <= 0 || (self->all & NUDGE_ENTITY_BIT (entity)))
    return;

  if (self->rows[entity] == NULL)
    self->rows[entity] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  rows = self->rows[entity];

  if (g_hash_table_lookup_extended (rows, &id, NULL, &old))
    {
      NudgeChange was = GPOINTER_TO_UINT (old) - 1;

      /* Added then changed is still "added"; added then removed within
       * one transaction is nothing anyone saw, but "removed" is harmless
       * for listeners that never had the row. */
      if (was == NUDGE_CHANGE_ADDED && change == NUDGE_CHANGE_UPDATED)
        return;
      if (was == NUDGE_CHANGE_REMOVED && change == NUDGE_CHANGE_ADDED)
        change = NUDGE_CHANGE_UPDATED;
      g_hash_table_insert (rows, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (change + 1));
      return;
    }
  g_hash_table_insert (rows, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (change + 1));
}

void
nudge_change_set_add_all (NudgeChangeSet *self,
                          NudgeEntity     entity)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (entity < NUDGE_N_ENTITIES);

  self->all |= NUDGE_ENTITY_BIT (entity);
  g_clear_pointer (&self->rows[entity], g_hash_table_unref);
}

void
nudge_change_set_merge (NudgeChangeSet *self,
                        NudgeChangeSet *other)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (other != NULL);

  for (guint e = 0; e < NUDGE_N_ENTITIES; e++)
    {
      GHashTableIter iter;
      gpointer key, value;

      if (other->all & NUDGE_ENTITY_BIT (e))
        {
          nudge_change_set_add_all (self, e);
          continue;
        }
      if (other->rows[e] == NULL)
        continue;
      g_hash_table_iter_init (&iter, other->rows[e]);
      while (g_hash_table_iter_next (&iter, &key, &value))
        nudge_change_set_add (self, e, *(gint64 *) key, GPOINTER_TO_UINT (value) - 1);
    }
}

gboolean
nudge_change_set_is_empty (NudgeChangeSet *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  if (self->all != 0)
    return FALSE;
  for (guint e = 0; e < NUDGE_N_ENTITIES; e++)
    if (nudge_change_set_count (self, e) > 0)
      return FALSE;
  return TRUE;
}

gboolean
nudge_change_set_touches (NudgeChangeSet *self,
                          NudgeEntity     entity)
{
  return nudge_change_set_is_all (self, entity) || nudge_change_set_count (self, entity) > 0;
}

gboolean
nudge_change_set_touches_any (NudgeChangeSet *self,
                              guint           entity_mask)
{
  for (guint e = 0; e < NUDGE_N_ENTITIES; e++)
    if ((entity_mask & NUDGE_ENTITY_BIT (e)) && nudge_change_set_touches (self, e))
      return TRUE;
  return FALSE;
}

gboolean
nudge_change_set_is_all (NudgeChangeSet *self,
                         NudgeEntity     entity)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (entity < NUDGE_N_ENTITIES, FALSE);

  return (self->all & NUDGE_ENTITY_BIT (entity)) != 0;
}

/* Rows recorded one by one; 0 for an entity changed as a whole. */
guint
nudge_change_set_count (NudgeChangeSet *self,
                        NudgeEntity     entity)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (entity < NUDGE_N_ENTITIES, 0);

  return self->rows[entity] != NULL ? g_hash_table_size (self->rows[entity]) : 0;
}

gboolean
nudge_change_set_lookup (NudgeChangeSet *self,
                         NudgeEntity     entity,
                         gint64          id,
                         NudgeChange    *change)
{
  gpointer value;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (entity < NUDGE_N_ENTITIES, FALSE);

  if (self->rows[entity] == NULL ||
      !g_hash_table_lookup_extended (self->rows[entity], &id, NULL, &value))
    return FALSE;
  if (change != NULL)
    *change = GPOINTER_TO_UINT (value) - 1;
  return TRUE;
}

/* Who made the change (a worker job's data), for listeners that must not
 * react to their own writes; NULL for the main loop's own changes. */
void
nudge_change_set_set_origin (NudgeChangeSet *self,
                             gconstpointer   origin)
{
  g_return_if_fail (self != NULL);

  self->origin = origin;
}

gconstpointer
nudge_change_set_get_origin (NudgeChangeSet *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->origin;
}

void
nudge_change_set_foreach (NudgeChangeSet  *self,
                          NudgeEntity      entity,
                          NudgeChangeFunc  func,
                          gpointer         user_data)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (self != NULL);
  g_return_if_fail (entity < NUDGE_N_ENTITIES);
  g_return_if_fail (func != NULL);

  if (self->rows[entity] == NULL)
    return;
  g_hash_table_iter_init (&iter, self->rows[entity]);
  while (g_hash_table_iter_next (&iter, &key, &value))
    func (entity, *(gint64 *) key, GPOINTER_TO_UINT (value) - 1, user_data);
}
