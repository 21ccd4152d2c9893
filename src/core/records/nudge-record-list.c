/* nudge-record-list.c
 *
 * Loads all rows once, then follows the store's "changed" signal and
 * emits one precise items-changed per changed row: an edit never reloads
 * the list, so a 30,000-deal table keeps its scroll position and
 * selection.
 *
 * The rows are always in id order, as the store lists them: a row is
 * found by bisection, and a reload is merged with the rows in one pass.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-record-list"

#include "config.h"

#include <string.h>

#include "nudge-record-list.h"
#include "nudge-record.h"
#include "nudge-records-private.h"
#include "nudge-worker.h"

struct _NudgeRecordList
{
  GObject      parent_instance;

  NudgeStore  *store;
  NudgeEntity  entity;
  GPtrArray   *items;          /* in id order */
  gulong       changed_id;
  GCancellable *cancellable;
  gboolean     reloading;
  gboolean     reload_again;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NudgeRecordList, nudge_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  REPLACING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
item_id (NudgeRecordList *self,
         gpointer         item)
{
  switch (self->entity)
    {
    case NUDGE_ENTITY_COMPANY: return ((NudgeCompany *) item)->id;
    case NUDGE_ENTITY_CONTACT: return ((NudgeContact *) item)->id;
    case NUDGE_ENTITY_DEAL:    return ((NudgeDeal *) item)->id;
    default: g_assert_not_reached ();
    }
}

/* Where the row with @id is, or would go. */
static guint
bisect (NudgeRecordList *self,
        gint64           id)
{
  guint lo = 0, hi = self->items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (item_id (self, g_ptr_array_index (self->items, mid)) < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

guint
nudge_record_list_find (NudgeRecordList *self,
                        gint64           id)
{
  guint pos;

  g_return_val_if_fail (NUDGE_IS_RECORD_LIST (self), G_MAXUINT);

  pos = bisect (self, id);
  if (pos < self->items->len && item_id (self, g_ptr_array_index (self->items, pos)) == id)
    return pos;
  return G_MAXUINT;
}

gpointer
nudge_record_list_lookup (NudgeRecordList *self,
                          gint64           id)
{
  guint pos = nudge_record_list_find (self, id);

  return pos == G_MAXUINT ? NULL : g_ptr_array_index (self->items, pos);
}

/**
 * nudge_record_list_get_record:
 *
 * As g_list_model_get_item(), without a reference: for reading every
 * row of a big list.
 *
 * Returns: (transfer none) (nullable): the record at @position
 */
gpointer
nudge_record_list_get_record (NudgeRecordList *self,
                              guint            position)
{
  g_return_val_if_fail (NUDGE_IS_RECORD_LIST (self), NULL);

  return position < self->items->len ? g_ptr_array_index (self->items, position) : NULL;
}

static void
refresh_row (NudgeRecordList *self,
             gint64           id)
{
  guint pos = nudge_record_list_find (self, id);
  gpointer fresh = nudge_store_get_record (self->store, self->entity, id, NULL);

  if (pos == G_MAXUINT && fresh == NULL)
    return;

  if (pos == G_MAXUINT)
    {
      /* In id order, also a row restored by Undo: a reload merges its
       * rows with these in one pass. */
      pos = bisect (self, id);
      g_ptr_array_insert (self->items, pos, fresh);
      g_list_model_items_changed (G_LIST_MODEL (self), pos, 0, 1);
    }
  else if (fresh == NULL)
    {
      g_ptr_array_remove_index (self->items, pos);
      g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 0);
    }
  else
    {
      /* The same object, updated: a list view binds its row again
       * instead of building a new one (which restyled and measured
       * every row it had built: 30 ms on a big book). */
      gboolean changed = nudge_record_update_from (g_ptr_array_index (self->items, pos), fresh);

      g_object_unref (fresh);
      if (changed)
        g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 1);
    }
}

/* A rename of a company, contact or stage shows in the rows that name it. */
/* Only a rename (or a stage's numbers) shows in other rows: a company
 * "updated" because one of its deals changed needs no refresh here. */
static gboolean
row_shows_stale (NudgeRecordList *self,
                 gpointer         item,
                 NudgeEntity      entity,
                 gpointer         fresh)
{
  if (fresh == NULL)
    return TRUE;
  if (self->entity == NUDGE_ENTITY_DEAL)
    {
      NudgeDeal *d = item;

      if (entity == NUDGE_ENTITY_COMPANY)
        return g_strcmp0 (d->company_name, ((NudgeCompany *) fresh)->name) != 0;
      if (entity == NUDGE_ENTITY_CONTACT)
        return g_strcmp0 (d->contact_name, ((NudgeContact *) fresh)->name) != 0;
      if (entity == NUDGE_ENTITY_STAGE)
        {
          NudgeStage *s = fresh;
          return g_strcmp0 (d->stage_name, s->name) != 0 || d->stage_probability != s->probability ||
                 d->stage_rotting_days != s->rotting_days;
        }
    }
  else if (self->entity == NUDGE_ENTITY_CONTACT && entity == NUDGE_ENTITY_COMPANY)
    return g_strcmp0 (((NudgeContact *) item)->company_name, ((NudgeCompany *) fresh)->name) != 0;
  return TRUE;
}

/* One pass over the rows for all the companies, contacts or stages a
 * transaction updated: a rename shows in every row that names it. */
static void
refresh_referring_rows (NudgeRecordList *self,
                        NudgeEntity      entity,
                        GHashTable      *fresh_by_id)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < self->items->len; i++)
    {
      gpointer item = g_ptr_array_index (self->items, i);
      gint64 ref = 0;
      gpointer fresh;

      if (self->entity == NUDGE_ENTITY_DEAL)
        {
          NudgeDeal *d = item;
          ref = entity == NUDGE_ENTITY_COMPANY ? d->company_id :
                entity == NUDGE_ENTITY_CONTACT ? d->contact_id :
                entity == NUDGE_ENTITY_STAGE ? d->stage_id : 0;
        }
      else if (self->entity == NUDGE_ENTITY_CONTACT && entity == NUDGE_ENTITY_COMPANY)
        ref = ((NudgeContact *) item)->company_id;

      if (ref <= 0 || !g_hash_table_lookup_extended (fresh_by_id, &ref, NULL, &fresh))
        continue;
      if (row_shows_stale (self, item, entity, fresh))
        {
          gint64 row_id = item_id (self, item);
          g_array_append_val (ids, row_id);
        }
    }

  for (guint i = 0; i < ids->len; i++)
    refresh_row (self, g_array_index (ids, gint64, i));
}

static void
unref_nullable (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
collect_id_cb (NudgeEntity entity,
               gint64      id,
               NudgeChange change,
               gpointer    data)
{
  g_array_append_val ((GArray *) data, id);
}

static void
fetch_referred_cb (NudgeEntity entity,
                   gint64      id,
                   NudgeChange change,
                   gpointer    data)
{
  gpointer *args = data;
  NudgeRecordList *self = args[0];
  GHashTable *fresh_by_id = args[1];
  gpointer fresh = NULL;

  if (change != NUDGE_CHANGE_UPDATED)
    return;
  switch (entity)
    {
    case NUDGE_ENTITY_COMPANY: fresh = nudge_store_get_company (self->store, id, NULL); break;
    case NUDGE_ENTITY_CONTACT: fresh = nudge_store_get_contact (self->store, id, NULL); break;
    case NUDGE_ENTITY_STAGE:   fresh = nudge_store_get_stage (self->store, id, NULL); break;
    default: break;
    }
  g_hash_table_insert (fresh_by_id, g_memdup2 (&id, sizeof id), fresh);
}

typedef struct
{
  NudgeEntity  entity;
  GPtrArray   *rows;
} LoadJob;

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_clear_pointer (&job->rows, g_ptr_array_unref);
  g_free (job);
}

static GPtrArray *
list_rows (NudgeStore   *store,
           NudgeEntity   entity,
           GError      **error)
{
  switch (entity)
    {
    case NUDGE_ENTITY_COMPANY: return nudge_store_list_companies (store, error);
    case NUDGE_ENTITY_CONTACT: return nudge_store_list_contacts (store, error);
    case NUDGE_ENTITY_DEAL:    return nudge_store_list_deals (store, error);
    default: g_assert_not_reached ();
    }
}

static gboolean
load_job (NudgeStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  LoadJob *job = data;

  job->rows = list_rows (store, job->entity, error);
  return job->rows != NULL;
}

static void
replace_items (NudgeRecordList *self,
               GPtrArray       *rows)
{
  g_autoptr(GPtrArray) old = NULL;

  if (self->items->len > 0)
    g_signal_emit (self, signals[REPLACING], 0);
  old = g_steal_pointer (&self->items);
  self->items = rows;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old->len, self->items->len);
  nudge_worker_drop (g_steal_pointer (&old), (GDestroyNotify) g_ptr_array_unref);
}

/* Whether a row reads differently (its own columns or the names and
 * figures joined into it). */
static gboolean
rows_differ (NudgeEntity entity,
             gpointer    a,
             gpointer    b)
{
  switch (entity)
    {
    case NUDGE_ENTITY_COMPANY:
      {
        NudgeCompany *x = a, *y = b;
        return x->updated_at != y->updated_at || x->n_contacts != y->n_contacts ||
               x->n_open_deals != y->n_open_deals || x->last_activity_at != y->last_activity_at ||
               x->next_followup_at != y->next_followup_at || g_strcmp0 (x->name, y->name) != 0;
      }
    case NUDGE_ENTITY_CONTACT:
      {
        NudgeContact *x = a, *y = b;
        return x->updated_at != y->updated_at || x->company_id != y->company_id ||
               x->last_activity_at != y->last_activity_at || x->next_followup_at != y->next_followup_at ||
               x->score != y->score || g_strcmp0 (x->company_name, y->company_name) != 0 ||
               g_strcmp0 (x->name, y->name) != 0 || g_strcmp0 (x->temperature, y->temperature) != 0;
      }
    case NUDGE_ENTITY_DEAL:
      {
        NudgeDeal *x = a, *y = b;
        return x->updated_at != y->updated_at || x->stage_id != y->stage_id || x->status != y->status ||
               x->last_activity_at != y->last_activity_at || x->next_followup_at != y->next_followup_at ||
               x->score != y->score || x->stage_probability != y->stage_probability ||
               x->stage_rotting_days != y->stage_rotting_days ||
               g_strcmp0 (x->company_name, y->company_name) != 0 ||
               g_strcmp0 (x->contact_name, y->contact_name) != 0 ||
               g_strcmp0 (x->stage_name, y->stage_name) != 0 || g_strcmp0 (x->temperature, y->temperature) != 0;
      }
    default:
      g_assert_not_reached ();
    }
}

/* @n rows of @rows in at @position, the rows after moved once. */
static void
insert_run (GPtrArray *items,
            guint      position,
            gpointer  *rows,
            guint      n)
{
  guint tail = items->len - position;

  g_ptr_array_set_size (items, items->len + n);
  memmove (items->pdata + position + n, items->pdata + position, tail * sizeof (gpointer));
  for (guint k = 0; k < n; k++)
    items->pdata[position + k] = g_object_ref (rows[k]);
}

/* Both lists are in id order: one merge pass turns a reload into the
 * precise removals, additions and changed rows it amounts to, so a
 * reload after another program added 20,000 rows is one items-changed
 * at the end, not a reset of 100,000 rows. */
static void
merge_items (NudgeRecordList *self,
             GPtrArray       *fresh)
{
  guint i = 0, j = 0;

  while (i < self->items->len || j < fresh->len)
    {
      gpointer old = i < self->items->len ? g_ptr_array_index (self->items, i) : NULL;
      gpointer new = j < fresh->len ? g_ptr_array_index (fresh, j) : NULL;
      gint64 old_id = old ? item_id (self, old) : G_MAXINT64;
      gint64 new_id = new ? item_id (self, new) : G_MAXINT64;

      if (old_id == new_id)
        {
          guint start = i;

          /* A run of rows that changed in place. */
          while (i < self->items->len && j < fresh->len &&
                 item_id (self, g_ptr_array_index (self->items, i)) == item_id (self, g_ptr_array_index (fresh, j)) &&
                 rows_differ (self->entity, g_ptr_array_index (self->items, i), g_ptr_array_index (fresh, j)))
            {
              g_object_unref (g_ptr_array_index (self->items, i));
              g_ptr_array_index (self->items, i) = g_object_ref (g_ptr_array_index (fresh, j));
              i++, j++;
            }
          if (i > start)
            g_list_model_items_changed (G_LIST_MODEL (self), start, i - start, i - start);
          else
            i++, j++;
        }
      else if (old_id < new_id)
        {
          g_autoptr(GPtrArray) gone = NULL;
          guint n = 0;

          /* A run of rows that are gone. */
          while (i + n < self->items->len &&
                 item_id (self, g_ptr_array_index (self->items, i + n)) < new_id)
            n++;
          /* Kept until the views above have let them go: 100,000 deleted
           * contacts took 300 ms of the main loop to free. */
          gone = g_ptr_array_new_full (n, g_object_unref);
          for (guint k = i; k < i + n; k++)
            g_ptr_array_add (gone, g_ptr_array_index (self->items, k));
          g_ptr_array_set_free_func (self->items, NULL);
          g_ptr_array_remove_range (self->items, i, n);
          g_ptr_array_set_free_func (self->items, g_object_unref);
          g_list_model_items_changed (G_LIST_MODEL (self), i, n, 0);
          nudge_worker_drop (g_steal_pointer (&gone), (GDestroyNotify) g_ptr_array_unref);
        }
      else
        {
          guint n = 0;

          /* A run of new rows. */
          while (j + n < fresh->len && item_id (self, g_ptr_array_index (fresh, j + n)) < old_id)
            n++;
          insert_run (self->items, i, (gpointer *) fresh->pdata + j, n);
          g_list_model_items_changed (G_LIST_MODEL (self), i, 0, n);
          i += n, j += n;
        }
    }
}

/* How many items-changed merging a reload takes (merge_items()), counted
 * up to @limit: one for each run of rows changed in place, added or
 * removed. */
static guint
count_runs (NudgeRecordList *self,
            GPtrArray       *fresh,
            guint            limit)
{
  enum { SAME, CHANGED, GONE, NEW } previous = SAME;
  guint i = 0, j = 0, n = 0;

  while ((i < self->items->len || j < fresh->len) && n <= limit)
    {
      gint64 old_id = i < self->items->len ? item_id (self, g_ptr_array_index (self->items, i)) : G_MAXINT64;
      gint64 new_id = j < fresh->len ? item_id (self, g_ptr_array_index (fresh, j)) : G_MAXINT64;
      int now;

      if (old_id == new_id)
        now = rows_differ (self->entity, g_ptr_array_index (self->items, i++), g_ptr_array_index (fresh, j++))
              ? CHANGED : SAME;
      else if (old_id < new_id)
        now = GONE, i++;
      else
        now = NEW, j++;
      if (now != SAME && now != (int) previous)
        n++;
      previous = now;
    }
  return n;
}

/* Past a number of items-changed (the daily rescoring of every deal, or
 * an import that changed rows all over the book) a reload is told as
 * one change of the whole list: a sorted view takes that as one new
 * sort, spread over several turns. Each run of changed rows costs every
 * model above the list a splice of its bitsets, which takes time in
 * proportion to the rows: a few hundred runs over 120,000 contacts took
 * 75-80 ms of the main loop after an import. So at most this many rows
 * × runs; and thousands of single changed rows were each placed at once
 * by comparing rows (8 s of a frozen window with the List open). */
#define MERGE_ROWS_TIMES_RUNS (10 * 1000 * 1000)

static guint
merge_at_most (NudgeRecordList *self)
{
  return MAX (20, MERGE_ROWS_TIMES_RUNS / MAX (self->items->len, 1));
}

static void reload_async (NudgeRecordList *self);

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_loading (NudgeRecordList *self,
             gboolean         loading)
{
  if (self->reloading == loading)
    return;
  self->reloading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
load_done (gpointer      owner,
           gpointer      data,
           const GError *error)
{
  NudgeRecordList *self = owner;
  LoadJob *job = data;

  if (!nudge_worker_succeeded (error, "Could not reload the list"))
    {
      self->reloading = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      return;
    }
  if (self->store == NULL)
    {
      self->reloading = FALSE;
      return;
    }
  /* An empty list (the first load) takes the rows in one go. The list
   * is still loading meanwhile: a sorted view sorts the new rows in over
   * several turns of the main loop (20,000 imported contacts sorted in
   * at once took 80-90 ms). */
  if (self->items->len == 0 || count_runs (self, job->rows, merge_at_most (self)) > merge_at_most (self))
    replace_items (self, g_steal_pointer (&job->rows));
  else
    merge_items (self, job->rows);
  self->reloading = FALSE;
  /* The rows the list did not take (most of them) go elsewhere to be freed. */
  nudge_worker_drop (g_steal_pointer (&job->rows), (GDestroyNotify) g_ptr_array_unref);
  if (self->reload_again)
    {
      self->reload_again = FALSE;
      reload_async (self);
    }
  if (!self->reloading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* A big book's rows are read by a worker; the list changes in one go
 * when they are there. */
static void
reload_async (NudgeRecordList *self)
{
  LoadJob *job;

  if (self->reloading)
    {
      self->reload_again = TRUE;
      return;
    }
  job = g_new0 (LoadJob, 1);
  job->entity = self->entity;
  set_loading (self, TRUE);
  nudge_worker_run (self->store, load_job, job, load_job_free, self->cancellable,
                    load_done, self);
}

/* Above this many rows of its own kind, a list reloads in one go: one
 * query beats thousands of single-row reads, and one items-changed beats
 * thousands. */
#define MAX_ROW_BY_ROW 64

static void
store_changes_cb (NudgeRecordList *self,
                  NudgeChangeSet  *changes,
                  NudgeStore      *store)
{
  static const NudgeEntity referred[] = { NUDGE_ENTITY_COMPANY, NUDGE_ENTITY_CONTACT, NUDGE_ENTITY_STAGE };

  if (nudge_change_set_is_all (changes, self->entity) ||
      nudge_change_set_count (changes, self->entity) > MAX_ROW_BY_ROW)
    {
      reload_async (self);
      return;
    }

  /* Row by row below; a reload under way gets them too. */
  if (self->reloading)
    self->reload_again = TRUE;

  if (nudge_change_set_touches (changes, self->entity))
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

      nudge_change_set_foreach (changes, self->entity, collect_id_cb, ids);
      for (guint i = 0; i < ids->len; i++)
        refresh_row (self, g_array_index (ids, gint64, i));
    }

  for (guint r = 0; r < G_N_ELEMENTS (referred); r++)
    {
      NudgeEntity entity = referred[r];

      if (entity == self->entity || !nudge_change_set_touches (changes, entity))
        continue;
      if (self->entity == NUDGE_ENTITY_COMPANY ||
          (self->entity == NUDGE_ENTITY_CONTACT && entity != NUDGE_ENTITY_COMPANY))
        continue;

      if (nudge_change_set_is_all (changes, entity) || nudge_change_set_count (changes, entity) > MAX_ROW_BY_ROW)
        {
          reload_async (self);
          return;
        }
      else
        {
          g_autoptr(GHashTable) fresh_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                                     unref_nullable);
          gpointer args[2] = { self, fresh_by_id };

          nudge_change_set_foreach (changes, entity, fetch_referred_cb, args);
          refresh_referring_rows (self, entity, fresh_by_id);
        }
    }
}

static GType
list_get_item_type (GListModel *model)
{
  NudgeRecordList *self = NUDGE_RECORD_LIST (model);

  switch (self->entity)
    {
    case NUDGE_ENTITY_COMPANY: return NUDGE_TYPE_COMPANY;
    case NUDGE_ENTITY_CONTACT: return NUDGE_TYPE_CONTACT;
    case NUDGE_ENTITY_DEAL:    return NUDGE_TYPE_DEAL;
    default: g_assert_not_reached ();
    }
}

static guint
list_get_n_items (GListModel *model)
{
  return NUDGE_RECORD_LIST (model)->items->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  NudgeRecordList *self = NUDGE_RECORD_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static void
nudge_record_list_dispose (GObject *object)
{
  NudgeRecordList *self = (NudgeRecordList *) object;

  g_clear_signal_handler (&self->changed_id, self->store);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nudge_record_list_parent_class)->dispose (object);
}

static void
nudge_record_list_finalize (GObject *object)
{
  NudgeRecordList *self = (NudgeRecordList *) object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (nudge_record_list_parent_class)->finalize (object);
}

static void
nudge_record_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  NudgeRecordList *self = NUDGE_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->reloading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nudge_record_list_class_init (NudgeRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nudge_record_list_dispose;
  object_class->finalize = nudge_record_list_finalize;
  object_class->get_property = nudge_record_list_get_property;

  /**
   * NudgeRecordList:loading:
   *
   * Whether the rows are being read on a worker; it turns %FALSE once
   * they are in the list.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NudgeRecordList::replacing:
   *
   * Emitted just before every row is replaced at once (a reload that
   * changed too many rows to tell one by one), while the list still
   * holds the old rows.
   */
  signals[REPLACING] =
    g_signal_new ("replacing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
nudge_record_list_init (NudgeRecordList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
}

NudgeRecordList *
nudge_record_list_new (NudgeStore  *store,
                       NudgeEntity  entity)
{
  NudgeRecordList *self;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);
  g_return_val_if_fail (entity == NUDGE_ENTITY_COMPANY || entity == NUDGE_ENTITY_CONTACT ||
                        entity == NUDGE_ENTITY_DEAL, NULL);

  self = g_object_new (NUDGE_TYPE_RECORD_LIST, NULL);
  self->store = g_object_ref (store);
  self->entity = entity;
  self->changed_id = g_signal_connect_object (store, "changes",
                                              G_CALLBACK (store_changes_cb), self,
                                              G_CONNECT_SWAPPED);
  return self;
}

NudgeEntity
nudge_record_list_get_entity (NudgeRecordList *self)
{
  g_return_val_if_fail (NUDGE_IS_RECORD_LIST (self), 0);

  return self->entity;
}

/**
 * nudge_record_list_load_async:
 *
 * Loads the rows on a worker thread; the list fills in one
 * items-changed when they are read.
 */
void
nudge_record_list_load_async (NudgeRecordList *self)
{
  g_return_if_fail (NUDGE_IS_RECORD_LIST (self));

  reload_async (self);
}

gboolean
nudge_record_list_is_loading (NudgeRecordList *self)
{
  g_return_val_if_fail (NUDGE_IS_RECORD_LIST (self), FALSE);

  return self->reloading;
}

gboolean
nudge_record_list_load (NudgeRecordList  *self,
                        GError          **error)
{
  GPtrArray *rows;

  g_return_val_if_fail (NUDGE_IS_RECORD_LIST (self), FALSE);

  if (!(rows = list_rows (self->store, self->entity, error)))
    return FALSE;
  replace_items (self, rows);
  return TRUE;
}

gint64
nudge_record_get_id (gpointer record)
{
  if (NUDGE_IS_DEAL (record))
    return nudge_deal_get_id (record);
  if (NUDGE_IS_CONTACT (record))
    return nudge_contact_get_id (record);
  if (NUDGE_IS_COMPANY (record))
    return nudge_company_get_id (record);
  return 0;
}
