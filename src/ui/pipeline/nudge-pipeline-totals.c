/* nudge-pipeline-totals.c — the board's search filter, card order and
 * each column's count and totals (summed in steps, in the home currency)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-pipeline-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "nudge-accessible.h"
#include "nudge-clock.h"
#include "nudge-close-deal-dialog.h"
#include "nudge-currency.h"
#include "nudge-deal-card.h"
#include "nudge-format.h"
#include "nudge-head-list-model.h"
#include "nudge-next-step-dialog.h"
#include "nudge-pipeline.h"
#include "nudge-pipeline-view-private.h"
#include "nudge-record-list.h"
#include "nudge-record-window.h"
#include "nudge-required-fields-dialog.h"
#include "nudge-window.h"

/* ---- filtering, sorting, totals --------------------------------------- */

static gboolean
matches_text (NudgeDeal  *deal,
              const char *needle)
{
  const char *fields[] = {
    nudge_deal_get_title (deal),
    nudge_deal_get_company_name (deal),
    nudge_deal_get_contact_name (deal),
    nudge_deal_get_product (deal),
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *folded = NULL;

      if (fields[i] == NULL || *fields[i] == '\0')
        continue;
      folded = g_utf8_casefold (fields[i], -1);
      if (strstr (folded, needle))
        return TRUE;
    }
  return FALSE;
}

gboolean
_nudge_pipeline_column_filter_func (gpointer item,
                                    gpointer user_data)
{
  Column *column = user_data;
  NudgePipelineView *self = column->view;
  NudgeDeal *deal = item;
  NudgeDealStatus status;

  if (nudge_deal_get_stage_id (deal) != nudge_stage_get_id (column->stage))
    return FALSE;

  status = nudge_deal_get_status (deal);
  if (column->closing || status == NUDGE_DEAL_WON || status == NUDGE_DEAL_LOST)
    {
      if (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->show_closed)))
        return FALSE;
    }
  else if (status == NUDGE_DEAL_ON_HOLD &&
           !gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->show_on_hold)))
    return FALSE;

  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->rotting_only)) &&
      !nudge_deal_is_rotting (deal, nudge_clock_now ()))
    return FALSE;

  if (self->filter_text && !matches_text (deal, self->filter_text))
    return FALSE;
  return TRUE;
}

static int
compare_int64 (gint64 a,
               gint64 b)
{
  return a < b ? GTK_ORDERING_SMALLER : a > b ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

int
_nudge_pipeline_sort_func (gconstpointer a,
                           gconstpointer b,
                           gpointer      user_data)
{
  NudgePipelineView *self = user_data;
  NudgeDeal *x = (NudgeDeal *) a;
  NudgeDeal *y = (NudgeDeal *) b;
  int order = GTK_ORDERING_EQUAL;

  switch (self->sort_mode)
    {
    case SORT_NEXT_FOLLOWUP:
      {
        /* Deals without a next step first: they are the ones to fix. */
        gint64 nx = nudge_deal_get_next_followup_at (x);
        gint64 ny = nudge_deal_get_next_followup_at (y);

        order = compare_int64 (nx > 0 ? nx : G_MININT64, ny > 0 ? ny : G_MININT64);
      }
      break;

    case SORT_AMOUNT:
      order = compare_int64 (nudge_deal_get_has_amount (y) ? nudge_deal_get_amount_minor (y) : -1,
                             nudge_deal_get_has_amount (x) ? nudge_deal_get_amount_minor (x) : -1);
      break;

    case SORT_IDLE:
      order = compare_int64 (nudge_deal_idle_since (x), nudge_deal_idle_since (y));
      break;

    default:
      g_assert_not_reached ();
    }
  if (order == GTK_ORDERING_EQUAL)
    order = compare_int64 (nudge_deal_get_id (x), nudge_deal_get_id (y));
  return order;
}

gboolean
_nudge_pipeline_columns_filtering (NudgePipelineView *self)
{
  if (self->deals == NULL || nudge_record_list_is_loading (self->deals))
    return TRUE;
  for (guint i = 0; i < self->columns->len; i++)
    if (gtk_filter_list_model_get_pending (((Column *) g_ptr_array_index (self->columns, i))->filtered) > 0)
      return TRUE;
  return FALSE;
}

void
_nudge_pipeline_show_column_count (Column *column)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (column->filtered));
  char count[16];

  /* Half-way counts would only make the board lay itself out again */
  if (gtk_filter_list_model_get_pending (column->filtered) > 0)
    return;
  g_snprintf (count, sizeof count, "%u", n);
  gtk_label_set_text (GTK_LABEL (column->count), count);
  gtk_widget_set_visible (column->placeholder, n == 0);
}

/* The tooltip of a total: one line per currency, and what is left out
 * of the figure when a currency has no rate. */
static char *
format_totals_tooltip (const NudgePipelineTotals *totals,
                       const NudgeRates          *rates,
                       gboolean                   weighted)
{
  g_autofree char *breakdown = NULL;
  g_autofree char *apart_text = NULL;
  gint64 home_minor;
  guint apart;

  if (nudge_pipeline_totals_get_count (totals) == 0)
    return NULL;
  breakdown = nudge_pipeline_totals_format_breakdown (totals, rates, weighted);
  apart = nudge_pipeline_totals_get_home (totals, rates, weighted, &home_minor, NULL);
  if (apart == 0)
    return g_steal_pointer (&breakdown);
  apart_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u deal is in a currency without an exchange rate: its amount "
                                             "follows the total after “+”. Add the rate in Preferences.",
                                             "%u deals are in currencies without an exchange rate: their amounts "
                                             "follow the total after “+”. Add the rates in Preferences.",
                                             apart),
                                apart);
  return g_strdup_printf ("%s\n\n%s", breakdown, apart_text);
}

/* One figure in the home currency on @label (@format around it), the
 * per-currency breakdown in its tooltip. */
static void
show_total (GtkWidget                 *label,
            NudgeTooltip              *label_tooltip,
            const char                *format,
            const NudgePipelineTotals *totals,
            const NudgeRates          *rates,
            gboolean                   weighted)
{
  g_autofree char *amount = nudge_pipeline_totals_format_home (totals, rates, weighted);
  g_autofree char *tooltip = format_totals_tooltip (totals, rates, weighted);
  g_autofree char *text = format ? g_strdup_printf (format, amount) : NULL;

  gtk_label_set_text (GTK_LABEL (label), text ? text : amount);
  nudge_tooltip_set (label_tooltip, label, tooltip);
}

static void
show_totals (NudgePipelineView   *self,
             NudgePipelineTotals *all,
             GPtrArray           *column_totals)
{
  g_autofree char *all_total = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *tooltip = NULL;

  for (guint c = 0; c < self->columns->len; c++)
    {
      Column *column = g_ptr_array_index (self->columns, c);
      NudgePipelineTotals *totals = g_ptr_array_index (column_totals, c);

      _nudge_pipeline_show_column_count (column);
      show_total (column->total, &column->total_tooltip, NULL, totals, self->rates, FALSE);
      if (!column->closing)
        /* Translators: the weighted amount of a stage, e.g. "Weighted ≈ 60 000 Kč" */
        show_total (column->weighted, &column->weighted_tooltip, _("Weighted %s"), totals, self->rates, TRUE);
    }

  all_total = nudge_pipeline_totals_format_home (all, self->rates, FALSE);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u open deal · Total %s",
                                          "%u open deals · Total %s",
                                          nudge_pipeline_totals_get_count (all)),
                             nudge_pipeline_totals_get_count (all), all_total);
  gtk_label_set_text (GTK_LABEL (self->summary), summary);
  tooltip = format_totals_tooltip (all, self->rates, FALSE);
  nudge_tooltip_set (&self->summary_tooltip, self->summary, tooltip);
  show_total (self->forecast, &self->forecast_tooltip, _("Weighted forecast %s"), all, self->rates, TRUE);
}

void
_nudge_pipeline_restart_totals (NudgePipelineView *self)
{
  self->totals_column = 0;
  self->totals_index = 0;
  g_clear_pointer (&self->totals_all, nudge_pipeline_totals_free);
  g_clear_pointer (&self->totals_columns, g_ptr_array_unref);
  self->totals_all = nudge_pipeline_totals_new ();
  self->totals_columns = g_ptr_array_new_with_free_func ((GDestroyNotify) nudge_pipeline_totals_free);
}

/* Adds up from where the pass stands until @until (0: to the end);
 * TRUE when the pass is complete. */
static gboolean
add_up_totals (NudgePipelineView *self,
               gint64             until)
{
  guint steps = 0;

  if (self->totals_all == NULL)
    _nudge_pipeline_restart_totals (self);

  for (; self->totals_column < self->columns->len; self->totals_column++, self->totals_index = 0)
    {
      Column *column = g_ptr_array_index (self->columns, self->totals_column);
      GListModel *model = G_LIST_MODEL (column->filtered);
      guint n = g_list_model_get_n_items (model);
      NudgePipelineTotals *totals;

      if (self->totals_columns->len <= self->totals_column)
        g_ptr_array_add (self->totals_columns, nudge_pipeline_totals_new ());
      totals = g_ptr_array_index (self->totals_columns, self->totals_column);
      for (; self->totals_index < n; self->totals_index++)
        {
          g_autoptr(NudgeDeal) deal = g_list_model_get_item (model, self->totals_index);

          nudge_pipeline_totals_add_deal (totals, deal);
          if (!column->closing)
            nudge_pipeline_totals_add_deal (self->totals_all, deal);
          if (until > 0 && ++steps % 64 == 0 && g_get_monotonic_time () >= until)
            {
              self->totals_index++;
              return FALSE;
            }
        }
    }
  return TRUE;
}

static void
finish_totals (NudgePipelineView *self)
{
  show_totals (self, self->totals_all, self->totals_columns);
  g_clear_pointer (&self->totals_all, nudge_pipeline_totals_free);
  g_clear_pointer (&self->totals_columns, g_ptr_array_unref);
}

/* Now, in one go: for what reads the totals back (tests). */
void
_nudge_pipeline_update_totals (NudgePipelineView *self)
{
  g_clear_handle_id (&self->totals_id, g_source_remove);
  _nudge_pipeline_restart_totals (self);
  add_up_totals (self, 0);
  finish_totals (self);
}

/* The totals of thousands of deals are added up over several main-loop
 * turns; a change meanwhile starts the pass again. */
static gboolean
update_totals_cb (gpointer data)
{
  NudgePipelineView *self = data;

  /* Added up once the columns are filtered (_nudge_pipeline_column_pending_cb) */
  if (_nudge_pipeline_columns_filtering (self))
    {
      self->totals_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (!add_up_totals (self, g_get_monotonic_time () + TOTALS_BUDGET_US))
    return G_SOURCE_CONTINUE;
  self->totals_id = 0;
  finish_totals (self);
  return G_SOURCE_REMOVE;
}

void
_nudge_pipeline_queue_totals (NudgePipelineView *self)
{
  if (self->columns == NULL)
    return;
  _nudge_pipeline_restart_totals (self);
  if (self->totals_id == 0)
    /* Below the frame clock's priority: a frame that shows a move is not
     * held back by adding up the amounts of every deal again. */
    self->totals_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, update_totals_cb, self, NULL);
}


void
_nudge_pipeline_refilter (NudgePipelineView *self)
{
  _nudge_pipeline_filter_incrementally (self, TRUE);
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);

      gtk_filter_changed (gtk_filter_list_model_get_filter (column->filtered), GTK_FILTER_CHANGE_DIFFERENT);
    }
}
