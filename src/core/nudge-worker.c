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

typedef struct
{
  char            *path;
  NudgeWorkerFunc  func;
  gpointer         data;
  NudgeChangeSet  *changes;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

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

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  NudgeStore *store;
  gulong handler;
  gboolean ok;

  nudge_worker_lower_priority ();
  if (!(store = get_thread_store (job->path, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  handler = g_signal_connect (store, "changes", G_CALLBACK (collect_changes_cb), job);
  ok = job->func (store, job->data, cancellable, &error);
  g_signal_handler_disconnect (store, handler);
  /* A job that failed half-way must not leave its transaction open for
   * the next job on this thread. */
  nudge_store_rollback (store);

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
  nudge_store_note_worker_commit (store);
  if (!nudge_change_set_is_empty (job->changes))
    nudge_store_emit_changes (store, job->changes);

  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_boolean (outer, TRUE);
  else
    g_task_return_error (outer, error);
  g_object_unref (outer);
}

void
nudge_worker_run (NudgeStore          *store,
                  NudgeWorkerFunc      func,
                  gpointer             data,
                  GDestroyNotify       data_destroy,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) inner = NULL;
  GTask *outer;
  Job *job;

  g_return_if_fail (NUDGE_IS_STORE (store));
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->path = g_strdup (nudge_store_get_path (store));
  job->func = func;
  job->data = data;
  job->changes = nudge_change_set_new ();
  nudge_change_set_set_origin (job->changes, data);

  outer = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (outer, nudge_worker_run);
  /* The caller reads its results from @data in the callback: the outer
   * task, which lives until then, owns it. */
  g_task_set_task_data (outer, data, data_destroy);

  inner = g_task_new (store, cancellable, job_done_cb, outer);
  g_task_set_task_data (inner, job, job_free);
  g_task_set_return_on_cancel (inner, FALSE);
  g_task_run_in_thread (inner, run_in_thread);
}

gboolean
nudge_worker_run_finish (NudgeStore    *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gpointer
nudge_worker_get_data (GAsyncResult *result)
{
  return g_task_get_task_data (G_TASK (result));
}

gboolean
nudge_worker_run_finish_logged (NudgeStore    *store,
                                GAsyncResult  *result,
                                const char    *log_domain,
                                const char    *format,
                                ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;
  va_list args;

  if (nudge_worker_run_finish (store, result, &error))
    return TRUE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_log (log_domain, G_LOG_LEVEL_WARNING, "%s: %s", what, error->message);
  return FALSE;
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} SyncWait;

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncWait *wait = user_data;

  wait->ok = nudge_worker_run_finish (NUDGE_STORE (source), result, &wait->error);
  wait->done = TRUE;
}

gboolean
nudge_worker_run_sync (NudgeStore       *store,
                       NudgeWorkerFunc   func,
                       gpointer          data,
                       GError          **error)
{
  SyncWait wait = { FALSE, FALSE, NULL };

  nudge_worker_run (store, func, data, NULL, NULL, sync_done_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  if (!wait.ok)
    g_propagate_error (error, wait.error);
  return wait.ok;
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
checkpoint_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  NudgeStore *store = NUDGE_STORE (source);
  g_autoptr(GError) error = NULL;

  g_hash_table_remove (checkpoints_under_way, store);
  if (!nudge_worker_run_finish (store, result, &error))
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
      nudge_worker_run (store, checkpoint_job, NULL, NULL, NULL, checkpoint_done_cb, NULL);
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
