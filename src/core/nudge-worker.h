/* nudge-worker.h — long work on a thread with its own connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nudge-store.h"

G_BEGIN_DECLS

/* Runs on a worker thread with that thread's own connection to the same
 * file. Whatever it commits reaches the main store's "changes" listeners
 * on the main loop, before the callback of nudge_worker_run() runs. */
typedef gboolean (*NudgeWorkerFunc) (NudgeStore    *store,
                                     gpointer       data,
                                     GCancellable  *cancellable,
                                     GError       **error);

/* Called on the main loop when a job is over, after what it committed
 * has reached the store's "changes" listeners. @error is NULL when the
 * job did its work, G_IO_ERROR_CANCELLED when its cancellable was
 * cancelled. @data is freed after this returns. */
typedef void (*NudgeWorkerDone) (gpointer      owner,
                                 gpointer      data,
                                 const GError *error);

/* @done: (nullable): given @owner, a GObject (or NULL) held until then */
void        nudge_worker_run          (NudgeStore           *store,
                                       NudgeWorkerFunc       func,
                                       gpointer              data,
                                       GDestroyNotify        data_destroy,
                                       GCancellable         *cancellable,
                                       NudgeWorkerDone       done,
                                       gpointer              owner);

/* For a @done that has no one to hand a failure to: whether the job did
 * its work. A failure other than a cancellation goes to the log as a
 * warning in the caller's domain, "<@failure>: <the error>". */
#define nudge_worker_succeeded(error, failure) \
  nudge_worker_succeeded_in_domain (G_LOG_DOMAIN, (error), (failure))
gboolean    nudge_worker_succeeded_in_domain (const char   *log_domain,
                                              const GError *error,
                                              const char   *failure);

/* Frees @data on a thread of its own, for big results whose freeing
 * would stall the main loop (100,000 rows: about 100 ms). Only for data
 * no other thread uses but through atomic references (GObject refs). */
void        nudge_worker_drop         (gpointer              data,
                                       GDestroyNotify        destroy);

/* The write-ahead log of @store, the main loop's connection, is copied
 * back into the book by a worker rather than by the commit that fills it. */
void        nudge_worker_take_checkpoints (NudgeStore         *store);

/* For a thread of one's own that works in the background. */
void        nudge_worker_lower_priority (void);

/* For tests and tools: waits on the calling thread's main context. */
gboolean    nudge_worker_run_sync     (NudgeStore           *store,
                                       NudgeWorkerFunc       func,
                                       gpointer              data,
                                       GError              **error);

G_END_DECLS
