/* nudge-pipeline.c — forecast, rotting and required fields; managing
 * pipelines and stages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nudge-pipeline"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-currency.h"
#include "nudge-format.h"
#include "nudge-pipeline.h"
#include "nudge-store-private.h"

typedef struct
{
  char   *currency;
  gint64  total;
  gint64  weighted;
  guint   count;
} CurrencySum;

struct _NudgePipelineTotals
{
  GArray *sums;   /* CurrencySum, in order of first appearance */
  guint   count;
};

static const struct
{
  NudgeRequiredFields  flag;
  const char          *name;
  const char          *label;
} required_field_names[] = {
  { NUDGE_REQUIRED_AMOUNT,         "amount",         N_("amount") },
  { NUDGE_REQUIRED_EXPECTED_CLOSE, "expected_close", N_("expected close date") },
  { NUDGE_REQUIRED_CONTACT,        "contact",        N_("contact") },
};

static void
clear_sum (gpointer data)
{
  CurrencySum *sum = data;

  g_free (sum->currency);
}

static int
compare_sums (const CurrencySum **a,
              const CurrencySum **b,
              const char         *first)
{
  gboolean a_first = g_strcmp0 ((*a)->currency, first) == 0;
  gboolean b_first = g_strcmp0 ((*b)->currency, first) == 0;

  if (a_first != b_first)
    return a_first ? -1 : 1;
  return g_strcmp0 ((*a)->currency, (*b)->currency);
}

static gint64
sum_amount (const CurrencySum *sum,
            gboolean           weighted)
{
  return weighted ? sum->weighted : sum->total;
}

static CurrencySum *
find_sum (const NudgePipelineTotals *totals,
          const char                *currency)
{
  for (guint i = 0; i < totals->sums->len; i++)
    {
      CurrencySum *sum = &g_array_index (totals->sums, CurrencySum, i);

      if (g_strcmp0 (sum->currency, currency) == 0)
        return sum;
    }
  return NULL;
}

NudgePipelineTotals *
nudge_pipeline_totals_new (void)
{
  NudgePipelineTotals *totals = g_new0 (NudgePipelineTotals, 1);

  totals->sums = g_array_new (FALSE, TRUE, sizeof (CurrencySum));
  g_array_set_clear_func (totals->sums, clear_sum);
  return totals;
}

void
nudge_pipeline_totals_free (NudgePipelineTotals *totals)
{
  if (totals == NULL)
    return;
  g_array_unref (totals->sums);
  g_free (totals);
}

void
nudge_pipeline_totals_clear (NudgePipelineTotals *totals)
{
  g_return_if_fail (totals != NULL);
  g_array_set_size (totals->sums, 0);
  totals->count = 0;
}

/* amount × probability %, rounded half away from zero in minor units */
gint64
nudge_weighted_amount (gint64 amount_minor,
                       int    probability)
{
  gint64 product;

  probability = CLAMP (probability, 0, 100);
  product = amount_minor * probability;
  if (product >= 0)
    return (product + 50) / 100;
  return -((-product + 50) / 100);
}

void
nudge_pipeline_totals_add (NudgePipelineTotals *totals,
                           const char          *currency,
                           gint64               amount_minor,
                           gboolean             has_amount,
                           int                  probability)
{
  CurrencySum *sum;

  g_return_if_fail (totals != NULL);

  totals->count++;
  if (!has_amount || currency == NULL || *currency == '\0')
    return;

  if (!(sum = find_sum (totals, currency)))
    {
      CurrencySum fresh = { g_strdup (currency), 0, 0, 0 };

      g_array_append_val (totals->sums, fresh);
      sum = &g_array_index (totals->sums, CurrencySum, totals->sums->len - 1);
    }
  sum->total += amount_minor;
  sum->weighted += nudge_weighted_amount (amount_minor, probability);
  sum->count++;
}

void
nudge_pipeline_totals_add_deal (NudgePipelineTotals *totals,
                                NudgeDeal           *deal)
{
  g_return_if_fail (NUDGE_IS_DEAL (deal));
  nudge_pipeline_totals_add (totals,
                             nudge_deal_get_currency (deal),
                             nudge_deal_get_amount_minor (deal),
                             nudge_deal_get_has_amount (deal),
                             nudge_deal_get_stage_probability (deal));
}

guint
nudge_pipeline_totals_get_count (const NudgePipelineTotals *totals)
{
  g_return_val_if_fail (totals != NULL, 0);
  return totals->count;
}

guint
nudge_pipeline_totals_get_n_currencies (const NudgePipelineTotals *totals)
{
  g_return_val_if_fail (totals != NULL, 0);
  return totals->sums->len;
}

const char *
nudge_pipeline_totals_get_currency (const NudgePipelineTotals *totals,
                                    guint                      i)
{
  g_return_val_if_fail (totals != NULL, NULL);
  g_return_val_if_fail (i < totals->sums->len, NULL);
  return g_array_index (totals->sums, CurrencySum, i).currency;
}

static gint64
get_amount (const NudgePipelineTotals *totals,
            const char                *currency,
            gboolean                   weighted)
{
  CurrencySum *sum;

  g_return_val_if_fail (totals != NULL, 0);
  sum = find_sum (totals, currency);
  return sum ? sum_amount (sum, weighted) : 0;
}

gint64
nudge_pipeline_totals_get_total (const NudgePipelineTotals *totals,
                                 const char                *currency)
{
  return get_amount (totals, currency, FALSE);
}

gint64
nudge_pipeline_totals_get_weighted (const NudgePipelineTotals *totals,
                                    const char                *currency)
{
  return get_amount (totals, currency, TRUE);
}

/* The currencies of @totals in a stable order: @first, then by code. */
static GPtrArray *
sorted_sums (const NudgePipelineTotals *totals,
             const char                *first)
{
  GPtrArray *sums = g_ptr_array_sized_new (totals->sums->len);

  for (guint i = 0; i < totals->sums->len; i++)
    g_ptr_array_add (sums, &g_array_index (totals->sums, CurrencySum, i));
  g_ptr_array_sort_with_data (sums, (GCompareDataFunc) compare_sums, (gpointer) first);
  return sums;
}

/* Appends each of @sums in whole units of its currency, @separator
 * between them; with @rates, only those it has no rate for. Returns how
 * many it appended. */
static guint
append_sums (GString          *out,
             GPtrArray        *sums,
             gboolean          weighted,
             const NudgeRates *rates,
             const char       *separator)
{
  guint n = 0;

  for (guint i = 0; i < sums->len; i++)
    {
      CurrencySum *sum = g_ptr_array_index (sums, i);
      g_autofree char *text = NULL;
      double rate;

      if (rates != NULL && nudge_rates_lookup (rates, sum->currency, &rate))
        continue;
      text = nudge_format_money_whole (sum_amount (sum, weighted), sum->currency);
      if (n++ > 0)
        g_string_append (out, separator);
      g_string_append (out, text);
    }
  return n;
}

/* "1 250 000 Kč · 12 000 €" in whole units: the user's currency first,
 * then the others by code. An empty column reads as zero in
 * first_currency. */
char *
nudge_pipeline_totals_format (const NudgePipelineTotals *totals,
                              const char                *first_currency,
                              gboolean                   weighted)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) sums = NULL;

  g_return_val_if_fail (totals != NULL, NULL);

  sums = sorted_sums (totals, first_currency);
  append_sums (out, sums, weighted, NULL, " · ");
  if (out->len == 0 && first_currency != NULL)
    {
      g_autofree char *zero = nudge_format_money_whole (0, first_currency);
      g_string_append (out, zero);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * nudge_pipeline_totals_get_home:
 * @out_home_minor: the sum of what has a rate, in the home currency
 * @out_converted: (nullable): whether any of it was converted
 *
 * Returns: the number of deals whose currency has no rate (counted apart)
 */
guint
nudge_pipeline_totals_get_home (const NudgePipelineTotals *totals,
                                const NudgeRates          *rates,
                                gboolean                   weighted,
                                gint64                    *out_home_minor,
                                gboolean                  *out_converted)
{
  gint64 home_total = 0;
  gboolean converted = FALSE;
  guint apart = 0;

  g_return_val_if_fail (totals != NULL && rates != NULL, 0);

  for (guint i = 0; i < totals->sums->len; i++)
    {
      CurrencySum *sum = &g_array_index (totals->sums, CurrencySum, i);
      gint64 home_minor;

      if (nudge_rates_convert (rates, sum->currency, sum_amount (sum, weighted), &home_minor))
        {
          home_total += home_minor;
          converted |= g_strcmp0 (sum->currency, nudge_rates_get_home (rates)) != 0;
        }
      else
        apart += sum->count;
    }
  *out_home_minor = home_total;
  if (out_converted != NULL)
    *out_converted = converted;
  return apart;
}

/* One figure in the home currency, "≈ 1 250 000 Kč" when any of it was
 * converted; amounts in currencies without a rate follow as they are,
 * "≈ 1 250 000 Kč + 142 000 $", never guessed. */
char *
nudge_pipeline_totals_format_home (const NudgePipelineTotals *totals,
                                   const NudgeRates          *rates,
                                   gboolean                   weighted)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) apart = g_string_new (NULL);
  g_autoptr(GPtrArray) sums = NULL;
  g_autofree char *home_text = NULL;
  gboolean converted = FALSE;
  gint64 home_minor = 0;
  guint n_apart;

  g_return_val_if_fail (totals != NULL && rates != NULL, NULL);

  nudge_pipeline_totals_get_home (totals, rates, weighted, &home_minor, &converted);
  home_text = nudge_format_money_whole (home_minor, nudge_rates_get_home (rates));
  if (converted)
    /* Translators: an amount converted at the user's own rates */
    g_string_printf (out, _("≈ %s"), home_text);
  else
    g_string_assign (out, home_text);

  sums = sorted_sums (totals, nudge_rates_get_home (rates));
  n_apart = append_sums (apart, sums, weighted, rates, " + ");
  /* Nothing had a rate: "384 000 ₴", not "0 Kč + 384 000 ₴" */
  if (n_apart > 0 && n_apart == sums->len)
    return g_string_free (g_steal_pointer (&apart), FALSE);
  if (n_apart > 0)
    g_string_append_printf (out, " + %s", apart->str);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* One line per currency, for a tooltip: "58 000 € at 25.2 = 1 461 600 Kč",
 * "142 000 $ — no rate, not in the total". */
char *
nudge_pipeline_totals_format_breakdown (const NudgePipelineTotals *totals,
                                        const NudgeRates          *rates,
                                        gboolean                   weighted)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) sums = NULL;

  g_return_val_if_fail (totals != NULL && rates != NULL, NULL);

  sums = sorted_sums (totals, nudge_rates_get_home (rates));
  for (guint i = 0; i < sums->len; i++)
    {
      CurrencySum *sum = g_ptr_array_index (sums, i);
      gint64 amount = sum_amount (sum, weighted);
      g_autofree char *text = nudge_format_money_whole (amount, sum->currency);
      gint64 home_minor;
      double rate;

      if (out->len > 0)
        g_string_append_c (out, '\n');
      if (g_strcmp0 (sum->currency, nudge_rates_get_home (rates)) == 0)
        g_string_append (out, text);
      else if (nudge_rates_lookup (rates, sum->currency, &rate) &&
               nudge_rates_convert (rates, sum->currency, amount, &home_minor))
        {
          g_autofree char *rate_text = nudge_currency_format_rate (rate);
          g_autofree char *home_text = nudge_format_money_whole (home_minor, nudge_rates_get_home (rates));

          /* Translators: "58 000 € at 25.20 = 1 461 600 Kč" */
          g_string_append_printf (out, _("%s at %s = %s"), text, rate_text, home_text);
        }
      else
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                  /* Translators: an amount and how many deals it is */
                                                  "%s (%u deal) — no exchange rate, not in the total",
                                                  "%s (%u deals) — no exchange rate, not in the total",
                                                  sum->count),
                                text, sum->count);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gint64
nudge_deal_idle_since (NudgeDeal *deal)
{
  g_return_val_if_fail (NUDGE_IS_DEAL (deal), 0);
  return MAX (nudge_deal_get_last_activity_at (deal), nudge_deal_get_stage_entered_at (deal));
}

int
nudge_deal_idle_days (NudgeDeal *deal,
                      gint64     now)
{
  gint64 since;

  g_return_val_if_fail (NUDGE_IS_DEAL (deal), 0);
  since = nudge_deal_idle_since (deal);
  if (since <= 0 || now <= since)
    return 0;
  return (int) ((now - since) / (24 * 3600));
}

/* Rotting when idle longer than the stage allows; a limit of 0 means the
 * stage never rots (won, lost, or a stage where waiting is normal). */
gboolean
nudge_deal_is_rotting (NudgeDeal *deal,
                       gint64     now)
{
  int limit;

  g_return_val_if_fail (NUDGE_IS_DEAL (deal), FALSE);

  limit = nudge_deal_get_stage_rotting_days (deal);
  if (limit <= 0 || nudge_deal_get_status (deal) != NUDGE_DEAL_OPEN)
    return FALSE;
  return nudge_deal_idle_days (deal, now) > limit;
}

gboolean
nudge_required_fields_parse (const char           *text,
                             NudgeRequiredFields  *out_fields,
                             GError              **error)
{
  g_auto(GStrv) parts = NULL;
  NudgeRequiredFields fields = NUDGE_REQUIRED_NONE;

  g_return_val_if_fail (out_fields != NULL, FALSE);

  parts = g_strsplit (text ? text : "", ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      const char *name = g_strstrip (parts[i]);
      gboolean known = FALSE;

      if (*name == '\0')
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (required_field_names); j++)
        if (g_str_equal (name, required_field_names[j].name))
          {
            fields |= required_field_names[j].flag;
            known = TRUE;
          }
      if (!known)
        return nudge_fail_invalid (error, _("Unknown required field “%s” (use amount, expected_close or contact)"),
                                   name);
    }
  *out_fields = fields;
  return TRUE;
}

/* The fields of @fields joined by @separator: their names, or their
 * translated labels when @labels. */
static char *
join_fields (NudgeRequiredFields  fields,
             const char          *separator,
             gboolean             labels)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (required_field_names); i++)
    if (fields & required_field_names[i].flag)
      {
        if (out->len > 0)
          g_string_append (out, separator);
        g_string_append (out, labels ? _(required_field_names[i].label) : required_field_names[i].name);
      }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
nudge_required_fields_to_string (NudgeRequiredFields fields)
{
  return join_fields (fields, ",", FALSE);
}

char *
nudge_required_fields_describe (NudgeRequiredFields fields)
{
  return join_fields (fields, ", ", TRUE);
}

NudgeRequiredFields
nudge_deal_missing_fields (NudgeDeal  *deal,
                           NudgeStage *stage)
{
  NudgeRequiredFields required = NUDGE_REQUIRED_NONE;
  NudgeRequiredFields missing = NUDGE_REQUIRED_NONE;
  const char *expected_close;

  g_return_val_if_fail (NUDGE_IS_DEAL (deal), NUDGE_REQUIRED_NONE);
  g_return_val_if_fail (NUDGE_IS_STAGE (stage), NUDGE_REQUIRED_NONE);

  /* A stage saved with an unknown name still checks the known ones. */
  if (!nudge_required_fields_parse (nudge_stage_get_required_fields (stage), &required, NULL))
    {
      g_auto(GStrv) parts = g_strsplit (nudge_stage_get_required_fields (stage), ",", -1);

      for (guint i = 0; parts[i]; i++)
        {
          NudgeRequiredFields one;

          if (nudge_required_fields_parse (parts[i], &one, NULL))
            required |= one;
        }
    }

  if ((required & NUDGE_REQUIRED_AMOUNT) && !nudge_deal_get_has_amount (deal))
    missing |= NUDGE_REQUIRED_AMOUNT;
  expected_close = nudge_deal_get_expected_close (deal);
  if ((required & NUDGE_REQUIRED_EXPECTED_CLOSE) && (expected_close == NULL || *expected_close == '\0'))
    missing |= NUDGE_REQUIRED_EXPECTED_CLOSE;
  if ((required & NUDGE_REQUIRED_CONTACT) && nudge_deal_get_contact_id (deal) <= 0)
    missing |= NUDGE_REQUIRED_CONTACT;
  return missing;
}

/* ---- pipelines and stages --------------------------------------------- */

static gboolean
exec_with_id_and_text (NudgeStore  *store,
                       const char  *sql,
                       gint64       id,
                       const char  *text,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  nudge_sql_bind_text (stmt, 2, text);
  return nudge_store_step_done (store, stmt, error);
}

gint64
nudge_pipeline_find (NudgeStore *store,
                     const char *name)
{
  static const char sql[] = "SELECT id FROM pipeline WHERE name = ?1";

  g_return_val_if_fail (NUDGE_IS_STORE (store), 0);

  return nudge_store_lookup (store, sql, 0, name ? name : "", NULL);
}

/* What else goes with a new row, inside its transaction. */
typedef gboolean (*CompleteFunc) (NudgeStore  *store,
                                  gint64       new_id,
                                  gint64       parent_id,
                                  int          position,
                                  GError     **error);

/* Inserts a pipeline or stage named @name with @sql (?1 @parent_id, ?2 @name), lets
 * @complete add what goes with it, and announces it, all in one
 * transaction. Returns the new row's id, 0 with @error set. */
static gint64
create_named (NudgeStore    *store,
              NudgeEntity    entity,
              const char    *sql,
              gint64         parent_id,
              const char    *name,
              CompleteFunc   complete,
              int            position,
              GError       **error)
{
  gint64 id;

  if (!nudge_check_text (_("Name"), name, NUDGE_MAX_NAME_CHARS, TRUE, error))
    return 0;
  /* Pipelines are chosen by name. */
  if (entity == NUDGE_ENTITY_PIPELINE && nudge_pipeline_find (store, name) > 0)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CONSTRAINT,
                   _("A pipeline named “%s” already exists"), name);
      return 0;
    }
  if (!nudge_store_begin (store, error))
    return 0;
  if (!exec_with_id_and_text (store, sql, parent_id, name, error))
    goto fail;
  id = sqlite3_last_insert_rowid (nudge_store_get_db (store));
  if (!complete (store, id, parent_id, position, error))
    goto fail;
  nudge_store_queue_change (store, entity, id, NUDGE_CHANGE_ADDED);
  if (!nudge_store_commit (store, error))
    return 0;
  return id;

fail:
  nudge_store_rollback (store);
  return 0;
}

/* Every pipeline can close a deal. */
static gboolean
add_closing_stages (NudgeStore  *store,
                    gint64       pipeline_id,
                    gint64       unused_parent,
                    int          unused_position,
                    GError     **error)
{
  static const char sql[] =
    "INSERT INTO stage (pipeline_id, name, position, probability, kind) VALUES"
    " (?1, ?2, 0, 100, 'won'), (?1, ?3, 1, 0, 'lost')";
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pipeline_id);
  nudge_sql_bind_text (stmt, 2, _("Won"));
  nudge_sql_bind_text (stmt, 3, _("Lost"));
  return nudge_store_step_done (store, stmt, error);
}

gint64
nudge_pipeline_create (NudgeStore  *store,
                       const char  *name,
                       GError     **error)
{
  static const char sql[] =
    "INSERT INTO pipeline (name, position) VALUES (?2, (SELECT COALESCE(MAX(position), -1) + 1 FROM pipeline))";

  g_return_val_if_fail (NUDGE_IS_STORE (store), 0);

  return create_named (store, NUDGE_ENTITY_PIPELINE, sql, 0, name, add_closing_stages, 0, error);
}

gboolean
nudge_pipeline_rename (NudgeStore  *store,
                       gint64       pipeline_id,
                       const char  *name,
                       GError     **error)
{
  static const char sql[] = "UPDATE pipeline SET name = ?2 WHERE id = ?1";

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  if (!nudge_check_text (_("Name"), name, NUDGE_MAX_NAME_CHARS, TRUE, error))
    return FALSE;
  if (!exec_with_id_and_text (store, sql, pipeline_id, name, error))
    return FALSE;
  nudge_store_queue_change (store, NUDGE_ENTITY_PIPELINE, pipeline_id, NUDGE_CHANGE_UPDATED);
  return TRUE;
}

gboolean
nudge_pipeline_delete (NudgeStore  *store,
                       gint64       pipeline_id,
                       GError     **error)
{
  static const char count_sql[] =
    "SELECT COUNT(*) FROM deal d JOIN stage s ON s.id = d.stage_id WHERE s.pipeline_id = ?1";
  static const char delete_sql[] = "DELETE FROM pipeline WHERE id = ?1";
  gint64 deals;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  if (!nudge_store_lookup_checked (store, count_sql, pipeline_id, NULL, &deals, error))
    return FALSE;

  /* Nothing is lost: deals must be moved to another pipeline first. */
  if (deals > 0)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CONSTRAINT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The pipeline still holds %d deal",
                                "The pipeline still holds %d deals", (gulong) deals),
                   (int) deals);
      return FALSE;
    }
  if (!nudge_store_exec_ids (store, delete_sql, pipeline_id, 0, error))
    return FALSE;
  nudge_store_queue_change (store, NUDGE_ENTITY_PIPELINE, pipeline_id, NUDGE_CHANGE_REMOVED);
  return TRUE;
}

/* Renumbers a pipeline's stages 0…n-1 with stage_id at position (or
 * appended before the won/lost stages when position < 0). */
static gboolean
renumber_stages (NudgeStore  *store,
                 gint64       pipeline_id,
                 gint64       stage_id,
                 int          position,
                 GError     **error)
{
  static const char update_sql[] = "UPDATE stage SET position = ?2 WHERE id = ?1";
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint first_closing = 0;

  if (!(stages = nudge_store_list_stages (store, pipeline_id, error)))
    return FALSE;

  for (guint i = 0; i < stages->len; i++)
    {
      NudgeStage *stage = g_ptr_array_index (stages, i);
      gint64 id = nudge_stage_get_id (stage);

      if (id == stage_id)
        continue;
      if (g_str_equal (nudge_stage_get_kind (stage), "open"))
        first_closing = order->len + 1;
      g_array_append_val (order, id);
    }
  if (position < 0 || (guint) position > order->len)
    position = position < 0 ? (int) first_closing : (int) order->len;
  g_array_insert_val (order, position, stage_id);

  for (guint i = 0; i < order->len; i++)
    if (!nudge_store_exec_ids (store, update_sql, g_array_index (order, gint64, i), i, error))
      return FALSE;
  return TRUE;
}

/* A new stage goes to @position (before the won and lost stages when
 * negative) and the others move up. */
static gboolean
place_new_stage (NudgeStore  *store,
                 gint64       stage_id,
                 gint64       pipeline_id,
                 int          position,
                 GError     **error)
{
  return renumber_stages (store, pipeline_id, stage_id, position, error);
}

gint64
nudge_stage_create (NudgeStore  *store,
                    gint64       pipeline_id,
                    const char  *name,
                    int          position,
                    GError     **error)
{
  static const char sql[] =
    "INSERT INTO stage (pipeline_id, name, position, probability, kind) VALUES (?1, ?2, 1000000, 0, 'open')";

  g_return_val_if_fail (NUDGE_IS_STORE (store), 0);

  return create_named (store, NUDGE_ENTITY_STAGE, sql, pipeline_id, name, place_new_stage, position, error);
}

gboolean
nudge_stage_update (NudgeStore  *store,
                    NudgeStage  *stage,
                    GError     **error)
{
  static const char sql[] =
    "UPDATE stage SET name = ?2, probability = ?3, rotting_days = ?4, required_fields = ?5, kind = ?6"
    " WHERE id = ?1";
  NudgeRequiredFields fields;
  g_autofree char *canonical = NULL;
  const char *kind;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (NUDGE_IS_STAGE (stage), FALSE);

  kind = nudge_stage_get_kind (stage);
  if (!nudge_check_text (_("Name"), nudge_stage_get_name (stage), NUDGE_MAX_NAME_CHARS, TRUE, error) ||
      !nudge_required_fields_parse (nudge_stage_get_required_fields (stage), &fields, error))
    return FALSE;
  if (nudge_stage_get_probability (stage) < 0 || nudge_stage_get_probability (stage) > 100)
    return nudge_fail_invalid (error, _("Probability must be between 0 and 100 %%"));
  if (nudge_stage_get_rotting_days (stage) < 0)
    return nudge_fail_invalid (error, _("The rotting limit cannot be negative"));
  if (g_strcmp0 (kind, "open") != 0 && g_strcmp0 (kind, "won") != 0 && g_strcmp0 (kind, "lost") != 0)
    return nudge_fail_invalid (error, _("A stage is open, won or lost"));

  canonical = nudge_required_fields_to_string (fields);
  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, nudge_stage_get_id (stage));
  nudge_sql_bind_text (stmt, 2, nudge_stage_get_name (stage));
  sqlite3_bind_int (stmt, 3, nudge_stage_get_probability (stage));
  sqlite3_bind_int (stmt, 4, nudge_stage_get_rotting_days (stage));
  nudge_sql_bind_text (stmt, 5, canonical);
  nudge_sql_bind_text (stmt, 6, kind);
  if (!nudge_store_step_done (store, stmt, error))
    return FALSE;
  nudge_store_queue_change (store, NUDGE_ENTITY_STAGE, nudge_stage_get_id (stage), NUDGE_CHANGE_UPDATED);
  return TRUE;
}

gboolean
nudge_stage_reorder (NudgeStore  *store,
                     gint64       stage_id,
                     int          position,
                     GError     **error)
{
  g_autoptr(NudgeStage) stage = NULL;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  if (!(stage = nudge_store_get_stage (store, stage_id, error)))
    return FALSE;
  if (!nudge_store_begin (store, error))
    return FALSE;
  if (!renumber_stages (store, nudge_stage_get_pipeline_id (stage), stage_id, MAX (position, 0), error))
    {
      nudge_store_rollback (store);
      return FALSE;
    }
  nudge_store_queue_change (store, NUDGE_ENTITY_STAGE, stage_id, NUDGE_CHANGE_UPDATED);
  return nudge_store_commit_or_rollback (store, error);
}

guint
nudge_stage_count_deals (NudgeStore *store,
                         gint64      stage_id)
{
  static const char sql[] = "SELECT COUNT(*) FROM deal WHERE stage_id = ?1";

  g_return_val_if_fail (NUDGE_IS_STORE (store), 0);

  return (guint) nudge_store_lookup (store, sql, stage_id, NULL, NULL);
}

/* Deals in the stage (trashed ones too, so nothing is lost) go to
 * move_deals_to with a stage_change row each, then the stage goes. */
gboolean
nudge_stage_delete (NudgeStore  *store,
                    gint64       stage_id,
                    gint64       move_deals_to,
                    GError     **error)
{
  static const char deals_sql[] = "SELECT id FROM deal WHERE stage_id = ?1";
  static const char move_trashed_sql[] =
    "UPDATE deal SET stage_id = ?2 WHERE stage_id = ?1";
  static const char delete_sql[] = "DELETE FROM stage WHERE id = ?1";
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(NudgeStage) stage = NULL;
  g_autoptr(NudgeStage) target = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  if (!(stage = nudge_store_get_stage (store, stage_id, error)))
    return FALSE;

  if (!(stmt = nudge_store_prepare (store, deals_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stage_id);
  nudge_store_append_ids (store, stmt, ids, NULL);

  if (ids->len > 0)
    {
      if (move_deals_to <= 0 || move_deals_to == stage_id)
        {
          g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_CONSTRAINT,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "The stage holds %u deal: choose where to move it",
                                    "The stage holds %u deals: choose where to move them", ids->len),
                       ids->len);
          return FALSE;
        }
      if (!(target = nudge_store_get_stage (store, move_deals_to, error)))
        return FALSE;
    }

  if (!nudge_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      /* Trashed deals are not found by the move; they are moved below. */
      if (!nudge_store_move_deal_to_stage (store, g_array_index (ids, gint64, i), move_deals_to, &local_error) &&
          !g_error_matches (local_error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto fail;
        }
    }
  if (ids->len > 0)
    {
      if (!nudge_store_exec_ids (store, move_trashed_sql, stage_id, move_deals_to, error))
        goto fail;
    }
  if (!nudge_store_exec_ids (store, delete_sql, stage_id, 0, error))
    goto fail;

  nudge_store_queue_change (store, NUDGE_ENTITY_STAGE, stage_id, NUDGE_CHANGE_REMOVED);
  return nudge_store_commit_or_rollback (store, error);

fail:
  nudge_store_rollback (store);
  return FALSE;
}

/* The previous (direction < 0) or next open stage of the same pipeline,
 * or 0 at either end. */
gint64
nudge_stage_neighbour (NudgeStore *store,
                       gint64      stage_id,
                       int         direction)
{
  g_autoptr(NudgeStage) stage = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GPtrArray) open = g_ptr_array_new ();

  g_return_val_if_fail (NUDGE_IS_STORE (store), 0);

  if (!(stage = nudge_store_get_stage (store, stage_id, NULL)) ||
      !(stages = nudge_store_list_stages (store, nudge_stage_get_pipeline_id (stage), NULL)))
    return 0;
  for (guint i = 0; i < stages->len; i++)
    if (g_str_equal (nudge_stage_get_kind (g_ptr_array_index (stages, i)), "open"))
      g_ptr_array_add (open, g_ptr_array_index (stages, i));
  for (guint i = 0; i < open->len; i++)
    if (nudge_stage_get_id (g_ptr_array_index (open, i)) == stage_id)
      {
        if (direction < 0 && i > 0)
          return nudge_stage_get_id (g_ptr_array_index (open, i - 1));
        if (direction > 0 && i + 1 < open->len)
          return nudge_stage_get_id (g_ptr_array_index (open, i + 1));
        return 0;
      }
  return 0;
}

gboolean
nudge_lost_reason_add (NudgeStore  *store,
                       const char  *name,
                       GError     **error)
{
  static const char sql[] =
    "INSERT OR IGNORE INTO lost_reason (name, position)"
    " VALUES (?2, (SELECT COALESCE(MAX(position), -1) + 1 FROM lost_reason))";

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  if (!nudge_check_text (_("Lost reason"), name, NUDGE_MAX_SHORT_CHARS, TRUE, error))
    return FALSE;
  return exec_with_id_and_text (store, sql, 0, name, error);
}

gboolean
nudge_lost_reason_remove (NudgeStore  *store,
                          const char  *name,
                          GError     **error)
{
  static const char sql[] = "DELETE FROM lost_reason WHERE name = ?2";

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  return exec_with_id_and_text (store, sql, 0, name, error);
}
