/* nudge-rules-runner.c
 *
 * Rules run a moment after the data changes (coalesced, so a burst of
 * edits is one run), once at start-up, and shortly after every local
 * midnight, when idle times and "N days after" conditions move on their
 * own. Scores are recomputed at start-up and daily, as they decay with
 * time. Changes the run itself makes do not schedule another run. Runs
 * happen on a worker thread: a rule run or a score recompute over a big
 * book never holds the window. Each run then merges what the changes
 * added to the search index, which writes leave to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-rules-runner"

#include "config.h"

#include "nudge-automation.h"
#include "nudge-clock.h"
#include "nudge-rules-runner.h"
#include "nudge-worker.h"

#define CHANGE_DELAY_MS 2000
#define AFTER_MIDNIGHT_S 300

struct _NudgeRulesRunner
{
  GObject            parent_instance;

  NudgeStore        *store;
  NudgeScoreWeights *weights;
  guint              change_id;
  guint              daily_id;
  gboolean           again;         /* data changed during a run */
  gboolean           again_scores;
  gpointer           job;           /* the running job's data */
  GCancellable      *cancellable;
};

typedef struct
{
  NudgeScoreWeights *weights;     /* NULL: rules only */
} RunJob;

G_DEFINE_FINAL_TYPE (NudgeRulesRunner, nudge_rules_runner, G_TYPE_OBJECT)

static void arm_daily (NudgeRulesRunner *self);

static void
run_job_free (gpointer data)
{
  RunJob *job = data;

  g_clear_pointer (&job->weights, nudge_score_weights_free);
  g_free (job);
}

/* Merges what writes added to the search index (they leave it to
 * this). A failure is no reason to skip the rules: another program's
 * long write may hold the book, and the next run merges. */
static void
merge_search_index (NudgeStore   *store,
                    GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (!nudge_store_merge_search_index (store, cancellable, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Search index not merged: %s", error->message);
}

static gboolean
run_job (NudgeStore    *store,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  RunJob *job = data;

  /* First what the changes that brought this run added, then what the
   * run adds itself. */
  merge_search_index (store, cancellable);
  if (nudge_rules_run (store, error) < 0)
    return FALSE;
  if (job->weights != NULL && !g_cancellable_is_cancelled (cancellable) &&
      !nudge_score_update_all (store, job->weights, error))
    return FALSE;
  merge_search_index (store, cancellable);
  return TRUE;
}

static void run_logged (NudgeRulesRunner *self,
                        gboolean          with_scores);

static void
run_done (gpointer      owner,
          gpointer      data,
          const GError *error)
{
  NudgeRulesRunner *self = owner;

  /* The run's own changes were announced just before this: they do not
   * schedule another run. */
  self->job = NULL;
  nudge_worker_succeeded (error, "Automation rules failed");

  if (self->again && self->store != NULL)
    {
      gboolean scores = self->again_scores;

      self->again = self->again_scores = FALSE;
      run_logged (self, scores);
    }
}

static void
run_logged (NudgeRulesRunner *self,
            gboolean          with_scores)
{
  RunJob *job;

  if (self->store == NULL)  /* stopped */
    return;
  if (self->job != NULL)
    {
      self->again = TRUE;
      self->again_scores |= with_scores;
      return;
    }

  job = g_new0 (RunJob, 1);
  if (with_scores)
    job->weights = nudge_score_weights_copy (self->weights);
  self->job = job;
  nudge_worker_run (self->store, run_job, job, run_job_free, self->cancellable,
                    run_done, self);
}

static gboolean
change_timeout_cb (gpointer data)
{
  NudgeRulesRunner *self = data;

  self->change_id = 0;
  run_logged (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
store_changes_cb (NudgeRulesRunner *self,
                  NudgeChangeSet   *changes,
                  NudgeStore       *store)
{
  if (self->job != NULL && nudge_change_set_get_origin (changes) == self->job)
    return;
  if (self->job != NULL)
    {
      self->again = TRUE;
      return;
    }
  if (self->change_id == 0)
    self->change_id = g_timeout_add (CHANGE_DELAY_MS, change_timeout_cb, self);
}

static gboolean
daily_cb (gpointer data)
{
  NudgeRulesRunner *self = data;

  self->daily_id = 0;
  run_logged (self, TRUE);
  arm_daily (self);
  return G_SOURCE_REMOVE;
}

static void
arm_daily (NudgeRulesRunner *self)
{
  g_autoptr(GDateTime) now = nudge_clock_now_local ();
  g_autoptr(GDateTime) today = nudge_clock_local_new (g_date_time_get_year (now), g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) next = g_date_time_add_days (today, 1);
  gint64 seconds = g_date_time_to_unix (next) - g_date_time_to_unix (now) + AFTER_MIDNIGHT_S;

  g_clear_handle_id (&self->daily_id, g_source_remove);
  self->daily_id = g_timeout_add_seconds ((guint) MAX (seconds, 60), daily_cb, self);
}

static gboolean
start_idle_cb (gpointer data)
{
  NudgeRulesRunner *self = data;

  run_logged (self, TRUE);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

void
nudge_rules_runner_start (NudgeRulesRunner *self)
{
  g_return_if_fail (NUDGE_IS_RULES_RUNNER (self));

  /* A moment after start-up: the window's first frames come first. */
  g_timeout_add_seconds_full (G_PRIORITY_LOW, 2, start_idle_cb, g_object_ref (self), NULL);
  arm_daily (self);
}

/* Scores again with new weights, on the worker. */
void
nudge_rules_runner_rescore (NudgeRulesRunner *self)
{
  g_return_if_fail (NUDGE_IS_RULES_RUNNER (self));

  run_logged (self, TRUE);
}

void
nudge_rules_runner_set_weights (NudgeRulesRunner  *self,
                                NudgeScoreWeights *weights)
{
  g_return_if_fail (NUDGE_IS_RULES_RUNNER (self));

  g_clear_pointer (&self->weights, nudge_score_weights_free);
  self->weights = weights;
}

void
nudge_rules_runner_stop (NudgeRulesRunner *self)
{
  g_return_if_fail (NUDGE_IS_RULES_RUNNER (self));

  g_clear_handle_id (&self->change_id, g_source_remove);
  g_clear_handle_id (&self->daily_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
}

static void
nudge_rules_runner_dispose (GObject *object)
{
  NudgeRulesRunner *self = (NudgeRulesRunner *) object;

  nudge_rules_runner_stop (self);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->weights, nudge_score_weights_free);

  G_OBJECT_CLASS (nudge_rules_runner_parent_class)->dispose (object);
}

static void
nudge_rules_runner_class_init (NudgeRulesRunnerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = nudge_rules_runner_dispose;
}

static void
nudge_rules_runner_init (NudgeRulesRunner *self)
{
  self->weights = nudge_score_weights_new ();
  self->cancellable = g_cancellable_new ();
}

NudgeRulesRunner *
nudge_rules_runner_new (NudgeStore *store)
{
  NudgeRulesRunner *self;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  self = g_object_new (NUDGE_TYPE_RULES_RUNNER, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changes", G_CALLBACK (store_changes_cb), self, G_CONNECT_SWAPPED);
  return self;
}
