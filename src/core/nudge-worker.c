/* nudge-worker.c
 *
 * GTask runs the job on a thread of GLib's pool. Each pool thread opens
 * its own connection to the book once and keeps it (WAL lets it read and
 * write beside the main loop's connection). The job's commits are
 * collected as one change set and handed to the main store when the job
 * is done, so models update as for any other change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-worker"

#include "config.h"

#ifdef __linux__
#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "nudge-store-private.h"
#include "nudge-worker.h"

/* A job: what runs on the worker, and whom it tells on the main loop */
typedef struct
{
  char            *path;
  NudgeWorkerFunc  func;
  gpointer         data;
  GDestroyNotify   data_destroy;
  NudgeChangeSet  *changes;
  NudgeWorkerDone  done;
  gpointer         owner;
  gboolean         wrote;    /* changed the book: a change of the file is ours */
} Job;

static void
job_free (gpointer user_data)
{
  Job *job = user_data;

  if (job->data_destroy != NULL)
    job->data_destroy (job->data);
  g_clear_object (&job->owner);
  g_clear_pointer (&job->changes, nudge_change_set_unref);
  g_free (job->path);
  g_free (job);
}

static GPrivate thread_store = G_PRIVATE_INIT (g_object_unref);

/* The thread's connection, opened on first use and kept until the
 * thread ends; reopened if the app switched to another book. */
static NudgeStore *
get_thread_store (const char  *path,
                  GError     **error)
{
  NudgeStore *store = g_private_get (&thread_store);

  if (store != NULL && g_strcmp0 (nudge_store_get_path (store), path) == 0)
    return store;
  store = nudge_store_open_worker (path, error);
  if (store == NULL)
    return NULL;
  g_private_replace (&thread_store, store);
  return store;
}

static void
collect_changes_cb (NudgeStore     *store,
                    NudgeChangeSet *changes,
                    Job            *job)
{
  nudge_change_set_merge (job->changes, changes);
}

/* A worker yields the processor to the main loop: on two cores, a load
 * or a rescoring at the same priority took the main thread's turn while
 * it drew (stalls of 50-70 ms with its own work done in 30). Linux keeps
 * the nice value per thread; it cannot be raised again, so a pool thread
 * stays in the background once it has run a job. */
#define WORKER_NICE 10

void
nudge_worker_lower_priority (void)
{
#ifdef __linux__
  static GPrivate lowered;

  if (g_private_get (&lowered) != NULL)
    return;
  g_private_set (&lowered, GINT_TO_POINTER (TRUE));
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), WORKER_NICE) != 0)
    g_debug ("Could not lower a worker thread's priority: %s", g_strerror (errno));
#endif
}

static gboolean checkpoint_job (NudgeStore    *store,
                                gpointer       data,
                                GCancellable  *cancellable,
                                GError       **error);

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  NudgeStore *store;
  sqlite3_int64 changes;
  gulong handler;
  gboolean ok;

  nudge_worker_lower_priority ();
  if (!(store = get_thread_store (job->path, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  handler = g_signal_connect (store, "changes", G_CALLBACK (collect_changes_cb), job);
  changes = sqlite3_total_changes64 (nudge_store_get_db (store));
  ok = job->func (store, job->data, cancellable, &error);
  g_signal_handler_disconnect (store, handler);
  /* A job that failed half-way must not leave its transaction open for
   * the next job on this thread. */
  nudge_store_rollback (store);
  /* A checkpoint moves the log into the book: the file changes too. */
  job->wrote = sqlite3_total_changes64 (nudge_store_get_db (store)) != changes || job->func == checkpoint_job;

  if (ok)
    g_task_return_boolean (task, TRUE);
  else if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "worker job failed");
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *outer = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  NudgeStore *store = NUDGE_STORE (source);
  GError *error = NULL;

  /* Announce what was committed first, also when the job failed later. */
  nudge_store_note_worker_done (store, job->wrote);
  if (!nudge_change_set_is_empty (job->changes))
    nudge_store_emit_changes (store, job->changes);

  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_boolean (outer, TRUE);
  else
    g_task_return_error (outer, error);
  g_object_unref (outer);
}

static void
outer_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  if (job->done != NULL)
    job->done (job->owner, job->data, error);
}

/* @origin: what the job's change set says it came from */
static void
run_job (NudgeStore      *store,
         NudgeWorkerFunc  func,
         gpointer         data,
         gpointer         origin,
         GDestroyNotify   data_destroy,
         GCancellable    *cancellable,
         NudgeWorkerDone  done,
         gpointer         owner)
{
  g_autoptr(GTask) inner = NULL;
  GTask *outer;
  Job *job;

  job = g_new0 (Job, 1);
  job->path = g_strdup (nudge_store_get_path (store));
  job->func = func;
  job->data = data;
  job->data_destroy = data_destroy;
  job->changes = nudge_change_set_new ();
  nudge_change_set_set_origin (job->changes, origin);
  job->done = done;
  job->owner = owner != NULL ? g_object_ref (owner) : NULL;

  /* The caller reads its results from @data in @done: the outer task,
   * which lives until then, owns the job. The inner one, on the worker,
   * only borrows it: the outer task outlives it (job_done_cb() holds it). */
  outer = g_task_new (store, cancellable, outer_done_cb, NULL);
  g_task_set_source_tag (outer, nudge_worker_run);
  g_task_set_task_data (outer, job, job_free);

  nudge_store_note_worker_start (store);
  inner = g_task_new (store, cancellable, job_done_cb, outer);
  g_task_set_task_data (inner, job, NULL);
  g_task_set_return_on_cancel (inner, FALSE);
  g_task_run_in_thread (inner, run_in_thread);
}

void
nudge_worker_run (NudgeStore      *store,
                  NudgeWorkerFunc  func,
                  gpointer         data,
                  GDestroyNotify   data_destroy,
                  GCancellable    *cancellable,
                  NudgeWorkerDone  done,
                  gpointer         owner)
{
  g_return_if_fail (NUDGE_IS_STORE (store));
  g_return_if_fail (func != NULL);
  g_return_if_fail (owner == NULL || G_IS_OBJECT (owner));

  run_job (store, func, data, data, data_destroy, cancellable, done, owner);
}

gboolean
nudge_worker_succeeded_in_domain (const char   *log_domain,
                                  const GError *error,
                                  const char   *failure)
{
  if (error == NULL)
    return TRUE;
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_log (log_domain, G_LOG_LEVEL_WARNING, "%s: %s", failure, error->message);
  return FALSE;
}

/* A job that the calling thread waits for */
typedef struct
{
  NudgeWorkerFunc  func;
  gpointer         data;
  gboolean         done;
  GError          *error;
} SyncJob;

static gboolean
sync_job (NudgeStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  SyncJob *job = data;

  return job->func (store, job->data, cancellable, error);
}

static void
sync_done (gpointer      owner,
           gpointer      data,
           const GError *error)
{
  SyncJob *job = data;

  job->error = error != NULL ? g_error_copy (error) : NULL;
  job->done = TRUE;
}

gboolean
nudge_worker_run_sync (NudgeStore       *store,
                       NudgeWorkerFunc   func,
                       gpointer          data,
                       GError          **error)
{
  SyncJob job = { func, data, FALSE, NULL };

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  run_job (store, sync_job, &job, data, NULL, NULL, sync_done, NULL);
  while (!job.done)
    g_main_context_iteration (NULL, TRUE);
  if (job.error == NULL)
    return TRUE;
  g_propagate_error (error, job.error);
  return FALSE;
}

typedef struct
{
  gpointer       data;
  GDestroyNotify destroy;
} Drop;

static void
drop_cb (gpointer data,
         gpointer user_data)
{
  Drop *drop = data;

  nudge_worker_lower_priority ();
  drop->destroy (drop->data);
  g_free (drop);
}

void
nudge_worker_drop (gpointer       data,
                   GDestroyNotify destroy)
{
  static GThreadPool *pool;
  Drop *drop;

  g_return_if_fail (destroy != NULL);

  if (data == NULL)
    return;
  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (drop_cb, NULL, 1, FALSE, NULL));
  drop = g_new (Drop, 1);
  drop->data = data;
  drop->destroy = destroy;
  g_thread_pool_push (pool, drop, NULL);
}

/* ---- checkpoints --------------------------------------------------------- */

/* SQLite's own threshold for its automatic checkpoint. */
#define CHECKPOINT_PAGES 1000

/* The stores whose checkpoint is under way on a worker (main loop only). */
static GHashTable *checkpoints_under_way;

static gboolean
checkpoint_job (NudgeStore    *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  int rc;

  /* Copies back what no reader still needs, and waits for nobody. */
  rc = sqlite3_wal_checkpoint_v2 (nudge_store_get_db (store), NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
    {
      nudge_store_set_sqlite_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static void
checkpoint_done (gpointer      owner,
                 gpointer      data,
                 const GError *error)
{
  NudgeStore *store = owner;

  g_hash_table_remove (checkpoints_under_way, store);
  if (error != NULL)
    g_debug ("Checkpoint of %s: %s", nudge_store_get_path (store), error->message);
}

/* After each commit of the connection, with the pages in the log. */
static int
wal_hook_cb (gpointer    data,
             sqlite3    *db,
             const char *name,
             int         n_pages)
{
  NudgeStore *store = data;

  if (n_pages >= CHECKPOINT_PAGES && !g_hash_table_contains (checkpoints_under_way, store))
    {
      g_hash_table_add (checkpoints_under_way, store);
      nudge_worker_run (store, checkpoint_job, NULL, NULL, NULL, checkpoint_done, store);
    }
  return SQLITE_OK;
}

/* SQLite copies the write-ahead log back into the book in the commit
 * that takes the log past 1000 pages, and tries again in every commit
 * after it while a reader still holds the log: 10–20 ms each on a big
 * book, on the main loop when the main loop commits. For @store, the
 * main loop's connection, a worker does it instead, after the commit. */
void
nudge_worker_take_checkpoints (NudgeStore *store)
{
  g_return_if_fail (NUDGE_IS_STORE (store));

  if (checkpoints_under_way == NULL)
    checkpoints_under_way = g_hash_table_new (NULL, NULL);
  /* Replaces the connection's automatic checkpoint. */
  sqlite3_wal_hook (nudge_store_get_db (store), wal_hook_cb, store);
}
