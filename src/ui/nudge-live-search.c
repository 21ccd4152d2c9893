/* nudge-live-search.c — search as one types, on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-live-search"

#include "config.h"

#include "nudge-clock.h"
#include "nudge-live-search.h"
#include "nudge-view.h"
#include "nudge-worker.h"

typedef struct
{
  NudgeLiveSearch *search;      /* in the owner, which the job keeps alive */
  guint            generation;
  gint64           now;         /* 0: records only */
  char            *text;
  GPtrArray       *found;
} SearchJob;

static void
search_job_free (gpointer data)
{
  SearchJob *job = data;

  g_free (job->text);
  g_clear_pointer (&job->found, g_ptr_array_unref);
  g_free (job);
}

/* On a worker: ranked full-text matches, deals first, described for
 * their rows where asked. */
static gboolean
search_job (NudgeStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  SearchJob *job = data;

  if (job->now != 0)
    job->found = nudge_search_results (store, job->text, job->search->kinds, job->search->per_kind, job->now,
                                       cancellable, error);
  else
    job->found = nudge_search_records (store, job->text, job->search->kinds, job->search->per_kind,
                                       cancellable, error);
  return job->found != NULL && !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static void
search_done (gpointer      owner,
             gpointer      data,
             const GError *error)
{
  SearchJob *job = data;
  gboolean found = nudge_worker_succeeded (error, "Could not search");

  /* Typed on meanwhile: a newer search is on its way. */
  if (job->generation == job->search->generation)
    job->search->done (owner, found ? job->found : NULL);
}

void
nudge_live_search_stop (NudgeLiveSearch *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->generation++;
}

void
nudge_live_search_start (NudgeLiveSearch *self,
                         NudgeStore      *store,
                         const char      *text,
                         GObject         *owner)
{
  SearchJob *job;

  g_return_if_fail (NUDGE_IS_STORE (store));
  g_return_if_fail (self->done != NULL);

  nudge_live_search_stop (self);
  self->cancellable = g_cancellable_new ();
  job = g_new0 (SearchJob, 1);
  job->search = self;
  job->generation = self->generation;
  job->now = self->describe ? nudge_clock_now () : 0;
  job->text = g_strdup (text);
  nudge_worker_run (store, search_job, job, search_job_free, self->cancellable,
                    search_done, owner);
}
