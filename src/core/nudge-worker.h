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

void        nudge_worker_run          (NudgeStore           *store,
                                       NudgeWorkerFunc       func,
                                       gpointer              data,
                                       GDestroyNotify        data_destroy,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean    nudge_worker_run_finish   (NudgeStore           *store,
                                       GAsyncResult         *result,
                                       GError              **error);
gpointer    nudge_worker_get_data     (GAsyncResult         *result);

/* For a callback that has no one to hand a failure to: as
 * nudge_worker_run_finish(), and a failure other than a cancellation is
 * logged as a warning in @log_domain, "<@format's words>: <the error>". */
gboolean    nudge_worker_run_finish_logged (NudgeStore      *store,
                                            GAsyncResult    *result,
                                            const char      *log_domain,
                                            const char      *format,
                                            ...) G_GNUC_PRINTF (4, 5);

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
