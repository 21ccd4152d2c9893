/* nudge-insights-view.c
 *
 * The on-time rate comes first: it is the number this app exists to
 * raise. The view recomputes when the period changes and, debounced, when
 * the store changes while it is visible. The metrics of a big book take
 * longer than a frame: they are computed on a worker thread with its own
 * connection, and the tiles and charts change when they are back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-insights-view"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "nudge-accessible.h"
#include "nudge-chart.h"
#include "nudge-clock.h"
#include "nudge-format.h"
#include "nudge-insights.h"
#include "nudge-insights-view.h"
#include "nudge-worker.h"

#define REFRESH_DELAY_MS 500
/* Months of the forecast drawn; the rest are counted under the chart */
#define FORECAST_MONTHS 24
/* Below this width the header stacks the drop-down over the period */
#define NARROW_WIDTH 560

struct _NudgeInsightsView
{
  NudgeView    parent_instance;

  NudgeStore  *store;
  NudgeInsightsPeriod period;
  guint        refresh_id;
  gboolean     stale;
  GCancellable *cancellable;
  gboolean     loading;
  gboolean     loaded;
  gboolean     refresh_again;

  GtkStack    *stack;
  GtkBox      *header_box;
  GtkLabel    *period_label;
  GtkDropDown *period_dropdown;
  GtkFlowBox  *tiles;
  GtkBox      *trend_box;
  GtkBox      *funnel_box;
  GtkBox      *time_box;
  GtkBox      *forecast_box;
  NudgeChart  *trend_chart;
  NudgeChart  *funnel_chart;
  NudgeChart  *time_chart;
  NudgeChart  *forecast_chart;
  GtkLabel    *trend_note;
  GtkLabel    *forecast_note;
};

G_DEFINE_FINAL_TYPE (NudgeInsightsView, nudge_insights_view, NUDGE_TYPE_VIEW)

enum {
  PROP_0,
  PROP_PERIOD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The first of the month @back months before @local's, at midnight */
static GDateTime *
month_start (GDateTime *local,
             int        back)
{
  int months = g_date_time_get_year (local) * 12 + g_date_time_get_month (local) - 1 - back;

  return nudge_clock_local_new (months / 12, months % 12 + 1, 1, 0, 0, 0);
}

/* Every period is whole calendar months, the current one so far: the
 * months of its charts are those of its figures, and only the month in
 * progress is partial (and drawn so). */
static void
period_range (guint   period,
              gint64 *from,
              gint64 *to)
{
  gint64 now = nudge_clock_now ();
  g_autoptr(GDateTime) local = nudge_clock_local_from_unix (now);
  g_autoptr(GDateTime) first = NULL;

  *to = now;
  switch (period)
    {
    case NUDGE_INSIGHTS_PERIOD_THIS_MONTH: first = month_start (local, 0); break;
    case NUDGE_INSIGHTS_PERIOD_3_MONTHS:   first = month_start (local, 2); break;
    case NUDGE_INSIGHTS_PERIOD_THIS_YEAR:  first = month_start (local, g_date_time_get_month (local) - 1); break;
    case NUDGE_INSIGHTS_PERIOD_12_MONTHS:
    default:                               first = month_start (local, 11); break;
    }
  *from = g_date_time_to_unix (first);
}

/* "December 2026" (%OB: the month's name on its own, the nominative) */
static char *
format_month (int year,
              int month)
{
  g_autoptr(GDateTime) dt = nudge_clock_local_new (year, month, 1, 0, 0, 0);

  return dt != NULL ? g_date_time_format (dt, "%OB %Y") : g_strdup_printf ("%04d-%02d", year, month);
}

static char *
format_month_key (const char *key)
{
  int y, mo;

  if (sscanf (key, "%d-%d", &y, &mo) == 2)
    return format_month (y, mo);
  return g_strdup (key);
}

static char *
format_percent (double fraction)
{
  if (fraction < 0)
    return g_strdup ("—");
  return nudge_format_percent (fraction * 100);
}

static char *
format_days (double days)
{
  g_autofree char *number = NULL;

  if (days < 0)
    return g_strdup ("—");
  number = nudge_format_number (days, 1);
  /* TRANSLATORS: a duration in days with a fraction, e.g. "3.5 d" (an
   * abbreviation reads right with any number) */
  return g_strdup_printf (_("%s d"), number);
}

/* Minutes under an hour, hours under two days, days after */
static char *
format_hours (double hours)
{
  g_autofree char *number = NULL;

  if (hours < 0)
    return g_strdup ("—");
  if (hours < 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", (int) (hours * 60)),
                            (int) (hours * 60));
  if (hours < 48)
    {
      number = nudge_format_number (hours, hours < 10 ? 1 : 0);
      /* TRANSLATORS: a duration in hours, e.g. "5.5 h" */
      return g_strdup_printf (_("%s h"), number);
    }
  return format_days (hours / 24);
}

static char *
format_count (double value)
{
  if (value < 0)
    return g_strdup ("—");
  return nudge_format_number (value, 1);
}

/* What a number stands for: @none when nothing counted (@n is 0), else
 * @format, made with what follows it */
static char *count_text (guint       n,
                         const char *none,
                         const char *format,
                         ...) G_GNUC_PRINTF (3, 4);

static char *
count_text (guint       n,
            const char *none,
            const char *format,
            ...)
{
  va_list args;
  char *text;

  if (n == 0)
    return g_strdup (none);
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return text;
}

/* The widest a tile's words run before they wrap, in characters */
#define TILE_CHARS 40

static void
add_tile (NudgeInsightsView *self,
          const char        *value,
          const char        *caption,
          const char        *detail,
          gboolean           primary)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *value_label = gtk_label_new (value);
  GtkWidget *caption_label = gtk_label_new (caption);
  GtkWidget *tile;

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "insight-tile");
  if (primary)
    gtk_widget_add_css_class (box, "primary");
  gtk_widget_add_css_class (value_label, "title-1");
  gtk_widget_add_css_class (caption_label, "heading");
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_xalign (GTK_LABEL (caption_label), 0);
  gtk_label_set_wrap (GTK_LABEL (caption_label), TRUE);
  /* Longer words (Czech, Polish) wrap, rather than take a tile's
   * column away: the tiles' box lays out by natural widths. */
  gtk_label_set_max_width_chars (GTK_LABEL (caption_label), TILE_CHARS);
  gtk_widget_set_margin_top (value_label, 12);
  gtk_widget_set_margin_start (box, 0);
  for (GtkWidget **w = (GtkWidget *[]) { value_label, caption_label, NULL }; *w; w++)
    {
      gtk_widget_set_margin_start (*w, 12);
      gtk_widget_set_margin_end (*w, 12);
    }
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_box_append (GTK_BOX (box), caption_label);
  gtk_flow_box_append (self->tiles, box);
  /* The tile is what the keyboard stops at: a screen reader says what it
   * counts and its figure ("Follow-ups on Time 78 %"), and then what it
   * is made of, not "GtkFlowBoxChild". */
  tile = gtk_widget_get_parent (box);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (tile), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  caption_label, value_label, NULL, -1);
  if (detail != NULL)
    {
      GtkWidget *detail_label = gtk_label_new (detail);

      gtk_widget_add_css_class (detail_label, "dim-label");
      gtk_widget_add_css_class (detail_label, "caption");
      gtk_label_set_xalign (GTK_LABEL (detail_label), 0);
      gtk_label_set_wrap (GTK_LABEL (detail_label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (detail_label), TILE_CHARS);
      gtk_widget_set_margin_start (detail_label, 12);
      gtk_widget_set_margin_end (detail_label, 12);
      gtk_box_append (GTK_BOX (box), detail_label);
      /* GTK 4.8 passes on a description, not what describes it. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (tile), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, detail, -1);
    }
  gtk_widget_set_margin_bottom (gtk_widget_get_last_child (box), 12);
}

/* A dim line at the foot of a chart's card: what the chart leaves out,
 * or why it has no bar */
static GtkLabel *
add_note (GtkBox *card)
{
  GtkWidget *note = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_widget_add_css_class (note, "caption");
  gtk_widget_set_margin_start (note, 12);
  gtk_widget_set_margin_end (note, 12);
  gtk_widget_set_margin_bottom (note, 12);
  gtk_widget_set_visible (note, FALSE);
  gtk_box_append (card, note);
  return GTK_LABEL (note);
}

/* Shows @text in @note, or hides it when there is nothing to say; alone
 * in its card (no bar drawn above it), it keeps off the card's top. */
static void
set_note (GtkLabel   *note,
          const char *text,
          gboolean    alone)
{
  gtk_label_set_text (note, text);
  gtk_widget_set_visible (GTK_WIDGET (note), text != NULL && *text != '\0');
  gtk_widget_set_margin_top (GTK_WIDGET (note), alone ? 12 : 0);
}

static void
clear_tiles (NudgeInsightsView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tiles))) != NULL)
    gtk_flow_box_remove (self->tiles, child);
}

/* One bar per month in the home currency, all on one scale; amounts in
 * currencies without a rate follow the figure ("+ 142 000 $") but are
 * not drawn, and the note under the chart says so. */
static void
show_forecast (NudgeInsightsView   *self,
               const NudgeInsights *m)
{
  g_autoptr(GString) note = g_string_new (NULL);
  guint apart = 0;
  guint shown = MIN (m->forecast_home->len, FORECAST_MONTHS);

  nudge_chart_clear (self->forecast_chart);
  for (guint i = 0; i < m->forecast_home->len; i++)
    {
      NudgeForecastMonth *month = &g_array_index (m->forecast_home, NudgeForecastMonth, i);
      g_autofree char *money = NULL;
      g_autofree char *label = NULL;

      apart += month->apart;
      if (i >= shown)
        continue;
      money = nudge_pipeline_totals_format_home (month->totals, m->rates, TRUE);
      label = format_month_key (month->month);
      nudge_chart_add_bar (self->forecast_chart, label, (double) MAX (month->weighted_home_minor, 0), money,
                           NUDGE_BAR_PLAIN);
    }

  if (m->forecast_home->len > shown)
    {
      NudgeForecastMonth *last = &g_array_index (m->forecast_home, NudgeForecastMonth, shown - 1);
      g_autofree char *after = format_month_key (last->month);
      guint more = m->forecast_home->len - shown;

      g_string_append_printf (note, g_dngettext (GETTEXT_PACKAGE,
                                                 /* Translators: under the forecast chart, e.g. "And 3 more months after December 2028." */
                                                 "And %u more month after %s.",
                                                 "And %u more months after %s.",
                                                 more),
                              more, after);
    }
  if (apart > 0)
    {
      if (note->len > 0)
        g_string_append_c (note, ' ');
      g_string_append_printf (note, g_dngettext (GETTEXT_PACKAGE,
                                                 /* Translators: %s is the home currency, e.g. "CZK" */
                                                 "%u deal is in a currency without an exchange rate to %s: its amount "
                                                 "follows the month’s figure after “+” and is not drawn. "
                                                 "Add the rate in Preferences.",
                                                 "%u deals are in currencies without an exchange rate to %s: their "
                                                 "amounts follow the month’s figure after “+” and are not drawn. "
                                                 "Add the rates in Preferences.",
                                                 apart),
                              apart, nudge_rates_get_home (m->rates));
    }
  if (m->forecast_home->len == 0)
    {
      g_autoptr(GDateTime) first = nudge_clock_local_from_unix (m->from);
      g_autofree char *month = format_month (g_date_time_get_year (first), g_date_time_get_month (first));

      g_string_append_printf (note,
                              /* Translators: in the forecast's card when it has no bar; %s is the
                               * period's first month, "January 2026" */
                              _("No open deal with an amount is expected to close in %s or later."), month);
    }
  set_note (self->forecast_note, note->str, m->forecast_home->len == 0);
}

/* What the drop-down's period is, and its days */
static char *
describe_period (NudgeInsightsPeriod  period,
                 const NudgeInsights *m)
{
  g_autofree char *from = nudge_format_date (m->from);
  g_autofree char *to = nudge_format_date (m->to);

  switch (period)
    {
    case NUDGE_INSIGHTS_PERIOD_THIS_MONTH:
      /* Translators: under Insights' header, the period's first day and today */
      return g_strdup_printf (_("This month so far, from %s to %s"), from, to);
    case NUDGE_INSIGHTS_PERIOD_3_MONTHS:
      return g_strdup_printf (_("This month so far and the 2 before it, from %s to %s"), from, to);
    case NUDGE_INSIGHTS_PERIOD_THIS_YEAR:
      return g_strdup_printf (_("This year so far, from %s to %s"), from, to);
    case NUDGE_INSIGHTS_PERIOD_12_MONTHS:
    default:
      return g_strdup_printf (_("This month so far and the 11 before it, from %s to %s"), from, to);
    }
}

/* One bar for every month of the period, those without a new deal
 * included, so the months read as a calendar; the month in progress is
 * drawn lighter. A period without any first touch says so in one line
 * rather than in a column of empty bars. */
static void
show_trend (NudgeInsightsView   *self,
            const NudgeInsights *m)
{
  g_autoptr(GDateTime) first = nudge_clock_local_from_unix (m->from);
  g_autoptr(GDateTime) last = nudge_clock_local_from_unix (MAX (m->to - 1, m->from));
  int start = g_date_time_get_year (first) * 12 + g_date_time_get_month (first) - 1;
  int end = g_date_time_get_year (last) * 12 + g_date_time_get_month (last) - 1;
  g_autoptr(GDateTime) now = nudge_clock_local_from_unix (nudge_clock_now ());
  int current = g_date_time_get_year (now) * 12 + g_date_time_get_month (now) - 1;
  guint next = 0;

  nudge_chart_clear (self->trend_chart);
  for (int months = start; months <= end; months++)
    {
      g_autofree char *key = g_strdup_printf ("%04d-%02d", months / 12, months % 12 + 1);
      g_autofree char *label = format_month (months / 12, months % 12 + 1);
      g_autofree char *value = NULL;
      NudgeResponseMonth *month = NULL;

      while (next < m->lead_response_trend->len &&
             g_strcmp0 (g_array_index (m->lead_response_trend, NudgeResponseMonth, next).month, key) < 0)
        next++;
      if (next < m->lead_response_trend->len &&
          g_strcmp0 (g_array_index (m->lead_response_trend, NudgeResponseMonth, next).month, key) == 0)
        month = &g_array_index (m->lead_response_trend, NudgeResponseMonth, next);
      /* Translators: beside a month's bar of lead response: no deal
       * created that month was called or e-mailed yet */
      value = month != NULL ? format_hours (month->median_hours) : g_strdup (_("No first touch"));
      nudge_chart_add_bar (self->trend_chart, label, month != NULL ? month->median_hours : 0, value,
                           months >= current ? NUDGE_BAR_PARTIAL : NUDGE_BAR_PLAIN);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->trend_chart), m->lead_response_trend->len > 0);
  set_note (self->trend_note,
            m->lead_response_trend->len > 0 ? NULL : _("No deal created in this period was called or e-mailed yet"),
            TRUE);
}

static void
fill (NudgeInsightsView *self,
      NudgeInsights     *m)
{
  g_autofree char *on_time = format_percent (m->followup_on_time_rate);
  g_autofree char *on_time_detail = NULL;
  g_autofree char *response = format_hours (m->lead_response_median_hours);
  g_autofree char *response_detail = NULL;
  g_autofree char *reply = format_percent (m->first_touch_reply_rate);
  g_autofree char *reply_detail = NULL;
  g_autofree char *won = format_count (m->touches_per_won_deal);
  g_autofree char *won_detail = NULL;
  g_autofree char *lost = format_count (m->touches_per_lost_deal);
  g_autofree char *lost_detail = NULL;
  g_autofree char *interval = format_days (m->followup_interval_mean_days);
  g_autofree char *period = describe_period (self->period, m);

  gtk_label_set_label (self->period_label, period);

  on_time_detail = count_text (m->followups_done_n, _("No follow-ups were completed in this period"),
                               g_dngettext (GETTEXT_PACKAGE,
                                            "%u of %u follow-up done by the end of its day",
                                            "%u of %u follow-ups done by the end of their day",
                                            m->followups_done_n),
                               m->followups_on_time_n, m->followups_done_n);
  response_detail = count_text (m->lead_response_n, _("No deal created in this period was called or e-mailed yet"),
                                g_dngettext (GETTEXT_PACKAGE,
                                             "From a new deal to the first call or e-mail, over %u deal",
                                             "From a new deal to the first call or e-mail, over %u deals",
                                             m->lead_response_n),
                                m->lead_response_n);
  reply_detail = count_text (m->lead_response_n, _("Deals that answered after the first call or e-mail"),
                             g_dngettext (GETTEXT_PACKAGE,
                                          "Deals that answered after the first call or e-mail, of %u deal",
                                          "Deals that answered after the first call or e-mail, of %u deals",
                                          m->first_touch_n),
                             m->first_touch_n);
  won_detail = count_text (m->won_n, _("No deals were won in this period"),
                           g_dngettext (GETTEXT_PACKAGE,
                                        "Calls, e-mails, meetings and demos before the win, over %u won deal",
                                        "Calls, e-mails, meetings and demos before the win, over %u won deals",
                                        m->won_n),
                           m->won_n);
  lost_detail = count_text (m->lost_n, _("No deals were lost in this period"),
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Calls, e-mails, meetings and demos before the loss, over %u lost deal",
                                         "Calls, e-mails, meetings and demos before the loss, over %u lost deals",
                                         m->lost_n),
                            m->lost_n);

  clear_tiles (self);
  add_tile (self, on_time, _("Follow-ups on Time"), on_time_detail, TRUE);
  add_tile (self, response, _("Lead Response (Median)"), response_detail, FALSE);
  add_tile (self, reply, _("First-Touch Reply Rate"), reply_detail, FALSE);
  add_tile (self, won, _("Touches per Won Deal"), won_detail, FALSE);
  add_tile (self, lost, _("Touches per Lost Deal"), lost_detail, FALSE);
  add_tile (self, interval, _("Average Follow-up Interval"),
            m->followup_interval_mean_days < 0 ? _("No deal was touched twice in this period")
                                               : _("Between two touches of one deal"),
            FALSE);

  show_trend (self, m);

  nudge_chart_clear (self->funnel_chart);
  nudge_chart_clear (self->time_chart);
  for (guint i = 0; i < m->stages->len; i++)
    {
      NudgeStageMetric *s = &g_array_index (m->stages, NudgeStageMetric, i);
      g_autofree char *percent = format_percent (s->conversion);
      g_autofree char *conversion_text = NULL;
      g_autofree char *days = format_days (s->mean_days);

      if (!s->open)
        continue;
      conversion_text = count_text (s->entered,
                                    /* Translators: beside a stage's bar: no deal
                                     * entered the stage in the period */
                                    _("No deals"),
                                    /* Translators: beside a stage's bar: the share of
                                     * the deals that entered the stage in the period
                                     * and moved on, and how many entered, "80% of 167
                                     * deals" */
                                    g_dngettext (GETTEXT_PACKAGE, "%s of %u deal", "%s of %u deals", s->entered),
                                    percent, s->entered);
      nudge_chart_add_bar (self->funnel_chart, s->stage_name, MAX (s->conversion, 0), conversion_text,
                           NUDGE_BAR_PLAIN);
      nudge_chart_add_bar (self->time_chart, s->stage_name, MAX (s->mean_days, 0), days,
                           g_strcmp0 (s->stage_name, m->bottleneck_stage) == 0 ? NUDGE_BAR_HIGHLIGHT : NUDGE_BAR_PLAIN);
    }

  show_forecast (self, m);

  /* A chart without a bar keeps its card: the note in it says why */
  gtk_widget_set_visible (GTK_WIDGET (self->forecast_chart), nudge_chart_get_n_bars (self->forecast_chart) > 0);

  /* One column of labels and one of values for the charts shown: the
   * bars start and end alike */
  {
    NudgeChart *charts[] = { self->trend_chart, self->funnel_chart, self->time_chart, self->forecast_chart };
    int label_width = 0;
    int value_width = 0;

    for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
      if (gtk_widget_get_visible (GTK_WIDGET (charts[i])))
        {
          label_width = MAX (label_width, nudge_chart_get_label_width (charts[i]));
          value_width = MAX (value_width, nudge_chart_get_value_width (charts[i]));
        }
    for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
      {
        nudge_chart_set_label_width (charts[i], label_width);
        nudge_chart_set_value_width (charts[i], value_width);
      }
  }
}

typedef struct
{
  gint64         from;
  gint64         to;
  gboolean       empty;
  NudgeInsights *metrics;
} ComputeJob;

static void
compute_job_free (gpointer data)
{
  ComputeJob *job = data;

  g_clear_pointer (&job->metrics, nudge_insights_free);
  g_free (job);
}

/* On a worker: on a big book this reads every activity of the period. */
static gboolean
compute_job (NudgeStore    *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ComputeJob *job = data;

  job->empty = nudge_store_is_empty (store);
  if (job->empty)
    return TRUE;
  job->metrics = nudge_insights_compute (store, job->from, job->to, error);
  return job->metrics != NULL;
}

static void
compute_done (gpointer      owner,
              gpointer      data,
              const GError *error)
{
  NudgeInsightsView *self = owner;
  ComputeJob *job = data;

  self->loading = FALSE;
  if (nudge_worker_succeeded (error, "Could not compute insights") &&
      self->store != NULL && !self->refresh_again)
    {
      if (job->empty)
        gtk_stack_set_visible_child_name (self->stack, "empty");
      else
        {
          fill (self, job->metrics);
          gtk_stack_set_visible_child_name (self->stack, "metrics");
        }
      self->loaded = TRUE;
      nudge_view_content_ready (NUDGE_VIEW (self));
    }

  if (self->refresh_again && self->store != NULL)
    {
      self->refresh_again = FALSE;
      nudge_insights_view_refresh (self);
    }
}

/**
 * nudge_insights_view_refresh:
 *
 * Computes the metrics of the chosen period again, on a worker thread;
 * the view changes when they are back.
 */
void
nudge_insights_view_refresh (NudgeInsightsView *self)
{
  ComputeJob *job;

  g_return_if_fail (NUDGE_IS_INSIGHTS_VIEW (self));

  self->stale = FALSE;
  if (self->loading)
    {
      /* The answer under way is for an older book or period */
      self->refresh_again = TRUE;
      return;
    }
  job = g_new0 (ComputeJob, 1);
  period_range (self->period, &job->from, &job->to);
  self->loading = TRUE;
  nudge_worker_run (self->store, compute_job, job, compute_job_free, self->cancellable,
                    compute_done, self);
}

/* Whether the view shows the metrics of the book as it is now. */
gboolean
nudge_insights_view_is_loaded (NudgeInsightsView *self)
{
  g_return_val_if_fail (NUDGE_IS_INSIGHTS_VIEW (self), FALSE);

  return self->loaded && !self->loading && self->refresh_id == 0;
}

static gboolean
refresh_timeout_cb (gpointer data)
{
  NudgeInsightsView *self = data;

  self->refresh_id = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    nudge_insights_view_refresh (self);
  else
    self->stale = TRUE;
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (NudgeInsightsView *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_timeout_cb, self);
}

static void
store_changes_cb (NudgeInsightsView *self,
                  NudgeChangeSet    *changes,
                  NudgeStore        *store)
{
  schedule_refresh (self);
}

static void
period_changed_cb (NudgeInsightsView *self,
                   GParamSpec        *pspec,
                   GtkDropDown       *dropdown)
{
  nudge_insights_view_set_period (self, gtk_drop_down_get_selected (dropdown));
}

static void
nudge_insights_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  NudgeInsightsView *self = NUDGE_INSIGHTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_PERIOD:
      g_value_set_uint (value, self->period);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nudge_insights_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  NudgeInsightsView *self = NUDGE_INSIGHTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_PERIOD:
      nudge_insights_view_set_period (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Narrow, the period's words get the whole width under its drop-down,
 * rather than wrap into a column beside it. */
static void
nudge_insights_view_narrow_changed (NudgeView *view)
{
  NudgeInsightsView *self = NUDGE_INSIGHTS_VIEW (view);
  gboolean narrow = nudge_view_get_narrow (view);
  GtkWidget *dropdown = GTK_WIDGET (self->period_dropdown);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->header_box),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (self->header_box, narrow ? 6 : 12);
  gtk_widget_set_halign (dropdown, narrow ? GTK_ALIGN_START : GTK_ALIGN_FILL);
  if (narrow)
    gtk_box_reorder_child_after (self->header_box, dropdown, NULL);
  else
    gtk_box_reorder_child_after (self->header_box, dropdown, GTK_WIDGET (self->period_label));
}

static void
nudge_insights_view_map (GtkWidget *widget)
{
  NudgeInsightsView *self = NUDGE_INSIGHTS_VIEW (widget);

  GTK_WIDGET_CLASS (nudge_insights_view_parent_class)->map (widget);
  if (self->stale)
    nudge_insights_view_refresh (self);
}

static void
nudge_insights_view_dispose (GObject *object)
{
  NudgeInsightsView *self = (NudgeInsightsView *) object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_INSIGHTS_VIEW);

  G_OBJECT_CLASS (nudge_insights_view_parent_class)->dispose (object);
}

static void
nudge_insights_view_constructed (GObject *object)
{
  NudgeInsightsView *self = (NudgeInsightsView *) object;

  G_OBJECT_CLASS (nudge_insights_view_parent_class)->constructed (object);

  self->store = g_object_ref (nudge_view_get_store (NUDGE_VIEW (self)));
  g_signal_connect_object (self->store, "changes", G_CALLBACK (store_changes_cb), self, G_CONNECT_SWAPPED);
  nudge_insights_view_refresh (self);
}

static void
nudge_insights_view_class_init (NudgeInsightsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nudge_insights_view_constructed;
  object_class->dispose = nudge_insights_view_dispose;
  object_class->get_property = nudge_insights_view_get_property;
  object_class->set_property = nudge_insights_view_set_property;

  /**
   * NudgeInsightsView:period:
   *
   * The #NudgeInsightsPeriod the metrics are computed over; the view's
   * drop-down shows it.
   */
  properties[PROP_PERIOD] =
    g_param_spec_uint ("period", NULL, NULL,
                       0, NUDGE_INSIGHTS_N_PERIODS - 1, NUDGE_INSIGHTS_PERIOD_12_MONTHS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->map = nudge_insights_view_map;
  NUDGE_VIEW_CLASS (klass)->narrow_changed = nudge_insights_view_narrow_changed;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/nudge-insights-view.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeInsightsView, stack);
  gtk_widget_class_bind_template_child (widget_class, NudgeInsightsView, header_box);
  gtk_widget_class_bind_template_child (widget_class, NudgeInsightsView, period_label);
  gtk_widget_class_bind_template_child (widget_class, NudgeInsightsView, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NudgeInsightsView, tiles);
  gtk_widget_class_bind_template_child (widget_class, NudgeInsightsView, trend_box);
  gtk_widget_class_bind_template_child (widget_class, NudgeInsightsView, funnel_box);
  gtk_widget_class_bind_template_child (widget_class, NudgeInsightsView, time_box);
  gtk_widget_class_bind_template_child (widget_class, NudgeInsightsView, forecast_box);
}

static void
nudge_insights_view_init (NudgeInsightsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  self->trend_chart = NUDGE_CHART (nudge_chart_new ());
  self->funnel_chart = NUDGE_CHART (nudge_chart_new ());
  self->time_chart = NUDGE_CHART (nudge_chart_new ());
  self->forecast_chart = NUDGE_CHART (nudge_chart_new ());
  gtk_box_append (self->trend_box, GTK_WIDGET (self->trend_chart));
  gtk_box_append (self->funnel_box, GTK_WIDGET (self->funnel_chart));
  gtk_box_append (self->time_box, GTK_WIDGET (self->time_chart));
  gtk_box_append (self->forecast_box, GTK_WIDGET (self->forecast_chart));
  gtk_widget_set_name (GTK_WIDGET (self->trend_chart), "trend-chart");
  gtk_widget_set_name (GTK_WIDGET (self->funnel_chart), "funnel-chart");
  gtk_widget_set_name (GTK_WIDGET (self->time_chart), "time-chart");
  gtk_widget_set_name (GTK_WIDGET (self->forecast_chart), "forecast-chart");
  self->trend_note = add_note (self->trend_box);
  self->forecast_note = add_note (self->forecast_box);
  for (NudgeChart **c = (NudgeChart *[]) { self->trend_chart, self->funnel_chart, self->time_chart, self->forecast_chart, NULL }; *c; c++)
    {
      gtk_widget_set_margin_top (GTK_WIDGET (*c), 12);
      gtk_widget_set_margin_bottom (GTK_WIDGET (*c), 12);
      gtk_widget_set_margin_start (GTK_WIDGET (*c), 12);
      gtk_widget_set_margin_end (GTK_WIDGET (*c), 12);
    }

  /* A screen reader names each chart by its heading; its description
   * reads the bars */
  nudge_chart_set_title (self->trend_chart, _("Lead Response by Month"));
  nudge_chart_set_title (self->funnel_chart, _("Conversion by Stage"));
  nudge_chart_set_title (self->time_chart, _("Average Time in Stage"));
  nudge_chart_set_title (self->forecast_chart, _("Weighted Forecast by Expected Close"));
  nudge_chart_set_max (self->funnel_chart, 1.0);
  nudge_view_set_narrow_width (NUDGE_VIEW (self), NARROW_WIDTH);
  nudge_accessible_set_label (GTK_WIDGET (self->period_dropdown), _("Period"));
  self->period = NUDGE_INSIGHTS_PERIOD_12_MONTHS;
  gtk_drop_down_set_selected (self->period_dropdown, self->period);
  g_signal_connect_object (self->period_dropdown, "notify::selected",
                           G_CALLBACK (period_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
nudge_insights_view_new (NudgeContext *context)
{
  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);

  return g_object_new (NUDGE_TYPE_INSIGHTS_VIEW, "context", context, NULL);
}

NudgeInsightsPeriod
nudge_insights_view_get_period (NudgeInsightsView *self)
{
  g_return_val_if_fail (NUDGE_IS_INSIGHTS_VIEW (self), NUDGE_INSIGHTS_PERIOD_12_MONTHS);

  return self->period;
}

/**
 * nudge_insights_view_set_period:
 * @period: what the metrics are computed over
 *
 * Selects @period in the drop-down and computes the metrics again.
 */
void
nudge_insights_view_set_period (NudgeInsightsView   *self,
                                NudgeInsightsPeriod  period)
{
  g_return_if_fail (NUDGE_IS_INSIGHTS_VIEW (self));
  g_return_if_fail (period < NUDGE_INSIGHTS_N_PERIODS);

  if (self->period == period)
    return;
  self->period = period;
  gtk_drop_down_set_selected (self->period_dropdown, period);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD]);
  /* Set at construction, the first refresh comes once the store is there */
  if (self->store != NULL)
    nudge_insights_view_refresh (self);
}
