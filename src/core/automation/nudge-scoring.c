/* nudge-scoring.c
 *
 * A score is the sum of the prospect's own signals, each worth the points
 * of its kind (demo request highest, pricing-page visit high, downloads and
 * blog reads lower), halved every half-life days. Several inbound
 * interactions within 24 hours in the last week add a hot-intent bonus.
 * Only what the prospect did counts: inbound activities, and meetings
 * (which need both sides). Slow, sporadic engagement decays to "cold".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-scoring"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "nudge-clock.h"
#include "nudge-format.h"
#include "nudge-scoring.h"
#include "nudge-store-private.h"

#define HOT_INTENT_BONUS   25.0
#define HOT_INTENT_COUNT   3
#define HOT_INTENT_WINDOW  (24 * 3600)
#define HOT_INTENT_RECENT  (7 * 24 * 3600)
#define HORIZON            (365 * 24 * 3600)

struct _NudgeScoreWeights
{
  GHashTable *points;   /* kind -> int */
  int         half_life_days;
};

static const struct {
  const char *kind;
  int points;
} default_weights[] = {
  { "demo", 40 },
  { "pricing_visit", 15 },
  { "meeting", 12 },
  { "call", 6 },
  { "email", 4 },
  { "download", 5 },
  { "blog_read", 2 },
  { "note", 0 },
};

const char *
nudge_activity_kind_label (const char *kind)
{
  static const struct { const char *kind; const char *label; } labels[] = {
    { "call", N_("Call") },
    { "email", N_("E-mail") },
    { "meeting", N_("Meeting") },
    { "note", N_("Note") },
    { "demo", N_("Demo request") },
    { "pricing_visit", N_("Pricing page visit") },
    { "download", N_("Download") },
    { "blog_read", N_("Blog read") },
    { "task", N_("Task") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].kind, kind) == 0)
      return _(labels[i].label);
  return kind;
}

NudgeScoreWeights *
nudge_score_weights_new (void)
{
  NudgeScoreWeights *weights = g_new0 (NudgeScoreWeights, 1);

  weights->points = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  weights->half_life_days = 14;
  for (guint i = 0; i < G_N_ELEMENTS (default_weights); i++)
    nudge_score_weights_set (weights, default_weights[i].kind, default_weights[i].points);
  return weights;
}

NudgeScoreWeights *
nudge_score_weights_copy (const NudgeScoreWeights *weights)
{
  NudgeScoreWeights *copy = g_new0 (NudgeScoreWeights, 1);
  GHashTableIter iter;
  gpointer key, value;

  copy->points = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  copy->half_life_days = weights->half_life_days;
  g_hash_table_iter_init (&iter, weights->points);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->points, g_strdup (key), value);
  return copy;
}

void
nudge_score_weights_free (NudgeScoreWeights *weights)
{
  if (weights == NULL)
    return;
  g_hash_table_unref (weights->points);
  g_free (weights);
}

void
nudge_score_weights_set (NudgeScoreWeights *weights,
                         const char        *kind,
                         int                points)
{
  g_hash_table_insert (weights->points, g_strdup (kind), GINT_TO_POINTER (points));
}

int
nudge_score_weights_get (const NudgeScoreWeights *weights,
                         const char              *kind)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (weights->points, kind));
}

void
nudge_score_weights_set_half_life (NudgeScoreWeights *weights,
                                   int                days)
{
  weights->half_life_days = MAX (days, 1);
}

const char *
nudge_score_temperature (double score)
{
  if (score >= NUDGE_SCORE_HOT)
    return "hot";
  if (score >= NUDGE_SCORE_WARM)
    return "warm";
  return "cold";
}

const char *
nudge_score_temperature_shown (const char *label,
                               double      score)
{
  const char *temperature;

  if (label != NULL && *label != '\0')
    return label;
  /* "Cold" from the score would be on most deals: noise. */
  temperature = score > 0 ? nudge_score_temperature (score) : NULL;
  return g_strcmp0 (temperature, "cold") == 0 ? NULL : temperature;
}

const char *
nudge_score_temperature_label (const char *temperature)
{
  if (g_strcmp0 (temperature, "hot") == 0)
    return C_("temperature", "Hot");
  if (g_strcmp0 (temperature, "warm") == 0)
    return C_("temperature", "Warm");
  if (g_strcmp0 (temperature, "cold") == 0)
    return C_("temperature", "Cold");
  return NULL;
}

void
nudge_score_free (NudgeScore *score)
{
  if (score == NULL)
    return;
  g_clear_pointer (&score->reasons, g_ptr_array_unref);
  g_free (score);
}

typedef struct
{
  double  points;
  char   *reason;
} Contribution;

/* Scores one subject from its activities (newest first). */
typedef struct
{
  const NudgeScoreWeights *weights;
  gint64                   now;
  double                   total;
  GArray                  *recent_inbound;   /* gint64, within the last week */
  GArray                  *contributions;    /* Contribution, or NULL when not explaining */
} Accumulator;

static void
accumulate (Accumulator *acc,
            const char  *kind,
            gboolean     inbound,
            gint64       at)
{
  double age_days;
  double points;

  if (!inbound && g_strcmp0 (kind, "meeting") != 0)
    return;
  if (at > acc->now || acc->now - at > HORIZON)
    return;

  age_days = (acc->now - at) / 86400.0;
  points = nudge_score_weights_get (acc->weights, kind) * pow (0.5, age_days / acc->weights->half_life_days);
  acc->total += points;

  if (inbound && acc->now - at <= HOT_INTENT_RECENT)
    g_array_append_val (acc->recent_inbound, at);

  if (acc->contributions != NULL && points >= 0.5)
    {
      Contribution c;
      /* In calendar days, as the history beside it counts them. */
      int days = nudge_days_between (at, acc->now);
      g_autofree char *when = days == 0
        ? g_strdup (_("today"))
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", days), days);

      c.points = points;
      /* TRANSLATORS: "Demo request 3 days ago +40" */
      c.reason = g_strdup_printf (_("%s %s +%.0f"), nudge_activity_kind_label (kind), when, points);
      g_array_append_val (acc->contributions, c);
    }
}

/* The points a burst of inbound interactions adds, 0 without one. A
 * burst is hot intent, to be answered at once (as the field notes have
 * it): it makes the subject hot, not merely warmer, also when what was
 * done in it weighs little, three blog reads in an afternoon. */
static double
finish_hot_intent (Accumulator *acc)
{
  GArray *times = acc->recent_inbound;

  /* times are newest first: any HOT_INTENT_COUNT consecutive within 24 h */
  for (guint i = 0; i + HOT_INTENT_COUNT <= times->len; i++)
    if (g_array_index (times, gint64, i) - g_array_index (times, gint64, i + HOT_INTENT_COUNT - 1) <= HOT_INTENT_WINDOW)
      {
        double bonus = MAX (HOT_INTENT_BONUS, ceil (NUDGE_SCORE_HOT - acc->total));

        acc->total += bonus;
        return bonus;
      }
  return 0;
}

static int
compare_contribution (gconstpointer a,
                      gconstpointer b)
{
  double x = ((const Contribution *) a)->points;
  double y = ((const Contribution *) b)->points;

  return x > y ? -1 : x < y;
}

NudgeScore *
nudge_score_compute (NudgeStore               *store,
                     NudgeEntity               entity,
                     gint64                    id,
                     const NudgeScoreWeights  *weights,
                     GError                  **error)
{
  static const char deal_sql[] =
    "SELECT kind, direction, occurred_at FROM activity WHERE deal_id = ?1 AND occurred_at >= ?2"
    " ORDER BY occurred_at DESC";
  static const char contact_sql[] =
    "SELECT kind, direction, occurred_at FROM activity WHERE contact_id = ?1 AND occurred_at >= ?2"
    " ORDER BY occurred_at DESC";
  g_autoptr(GArray) recent = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) contributions = g_array_new (FALSE, FALSE, sizeof (Contribution));
  Accumulator acc = { weights, nudge_clock_now (), 0, recent, contributions };
  NudgeScore *score;
  sqlite3_stmt *stmt;
  double bonus;
  int rc;

  g_return_val_if_fail (entity == NUDGE_ENTITY_DEAL || entity == NUDGE_ENTITY_CONTACT, NULL);

  if (!(stmt = nudge_store_prepare (store, entity == NUDGE_ENTITY_DEAL ? deal_sql : contact_sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, acc.now - HORIZON);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    accumulate (&acc, (const char *) sqlite3_column_text (stmt, 0),
                g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "in") == 0,
                sqlite3_column_int64 (stmt, 2));
  if (!nudge_store_rows_done (store, stmt, rc, error))
    return NULL;

  score = g_new0 (NudgeScore, 1);
  score->reasons = g_ptr_array_new_with_free_func (g_free);
  if ((bonus = finish_hot_intent (&acc)) > 0)
    g_ptr_array_add (score->reasons, g_strdup_printf (_("Several interactions within 24 hours +%.0f"), bonus));
  g_array_sort (contributions, compare_contribution);
  for (guint i = 0; i < contributions->len; i++)
    g_ptr_array_add (score->reasons, g_array_index (contributions, Contribution, i).reason);

  score->score = round (acc.total * 10) / 10;
  score->temperature = nudge_score_temperature (score->score);
  return score;
}

/* Ends the rows of one deal or contact: its score, rounded as shown,
 * goes to @scores next to its id. */
static void
add_owner_score (Accumulator *acc,
                 gint64       owner,
                 GArray      *ids,
                 GArray      *scores)
{
  double score;

  finish_hot_intent (acc);
  score = round (acc->total * 10) / 10;
  g_array_append_val (ids, owner);
  g_array_append_val (scores, score);
}

static gboolean
update_table (NudgeStore               *store,
              NudgeEntity               entity,
              const char               *select_sql,
              const char               *update_sql,
              const char               *scored_sql,
              const NudgeScoreWeights  *weights,
              gint64                    now,
              GError                  **error)
{
  g_autoptr(GArray) recent = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (double));
  Accumulator acc = { weights, now, 0, recent, NULL };
  sqlite3_stmt *stmt;
  gint64 current = 0;
  int rc;

  if (!(stmt = nudge_store_prepare (store, select_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now - HORIZON);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 owner = sqlite3_column_int64 (stmt, 0);

      if (owner != current)
        {
          if (current != 0)
            add_owner_score (&acc, current, ids, scores);
          current = owner;
          acc.total = 0;
          g_array_set_size (recent, 0);
        }
      accumulate (&acc, (const char *) sqlite3_column_text (stmt, 1),
                  g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "in") == 0,
                  sqlite3_column_int64 (stmt, 3));
    }
  if (!nudge_store_rows_done (store, stmt, rc, error))
    return FALSE;
  if (current != 0)
    add_owner_score (&acc, current, ids, scores);

  /* Subjects with no recent activity fall back to 0. */
  {
    g_autoptr(GHashTable) scored = g_hash_table_new (g_int64_hash, g_int64_equal);
    g_autoptr(GArray) zero = g_array_new (FALSE, FALSE, sizeof (gint64));
    double nothing = 0;

    for (guint i = 0; i < ids->len; i++)
      g_hash_table_add (scored, &g_array_index (ids, gint64, i));
    if (!(stmt = nudge_store_prepare (store, scored_sql, error)))
      return FALSE;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);

        if (!g_hash_table_contains (scored, &id))
          g_array_append_val (zero, id);
      }
    if (!nudge_store_rows_done (store, stmt, rc, error))
      return FALSE;
    for (guint i = 0; i < zero->len; i++)
      {
        g_array_append_val (ids, g_array_index (zero, gint64, i));
        g_array_append_val (scores, nothing);
      }
  }

  /* Only rows whose score moved are written, and only they are
   * announced: a daily recompute does not make every list reload. */
  for (guint i = 0; i < ids->len; i++)
    {
      if (!(stmt = nudge_store_prepare (store, update_sql, error)))
        return FALSE;
      sqlite3_bind_double (stmt, 1, g_array_index (scores, double, i));
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      if (!nudge_store_step_done (store, stmt, error))
        return FALSE;
      if (sqlite3_changes (nudge_store_get_db (store)) > 0)
        nudge_store_queue_change (store, entity, g_array_index (ids, gint64, i), NUDGE_CHANGE_UPDATED);
    }
  return TRUE;
}

gboolean
nudge_score_update_all (NudgeStore               *store,
                        const NudgeScoreWeights  *weights,
                        GError                  **error)
{
  static const char deal_select[] =
    "SELECT deal_id, kind, direction, occurred_at FROM activity"
    " WHERE deal_id IS NOT NULL AND occurred_at >= ?1 ORDER BY deal_id, occurred_at DESC";
  static const char contact_select[] =
    "SELECT contact_id, kind, direction, occurred_at FROM activity"
    " WHERE contact_id IS NOT NULL AND occurred_at >= ?1 ORDER BY contact_id, occurred_at DESC";
  static const char deal_update[] = "UPDATE deal SET score = ?1 WHERE id = ?2 AND score <> ?1";
  static const char contact_update[] = "UPDATE contact SET score = ?1 WHERE id = ?2 AND score <> ?1";
  static const char deal_scored[] = "SELECT id FROM deal WHERE score <> 0";
  static const char contact_scored[] = "SELECT id FROM contact WHERE score <> 0";
  gint64 now = nudge_clock_now ();

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  if (!nudge_store_begin (store, error))
    return FALSE;
  if (!update_table (store, NUDGE_ENTITY_DEAL, deal_select, deal_update, deal_scored, weights, now, error) ||
      !update_table (store, NUDGE_ENTITY_CONTACT, contact_select, contact_update, contact_scored, weights, now, error))
    {
      nudge_store_rollback (store);
      return FALSE;
    }
  return nudge_store_commit_or_rollback (store, error);
}
