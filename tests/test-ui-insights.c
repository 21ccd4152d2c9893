/* test-ui-insights.c — the Insights view on a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "nudge-chart.h"
#include "nudge-clock.h"
#include "nudge-currency.h"
#include "nudge-format.h"
#include "nudge-insights-view.h"
#include "nudge-store.h"
#include "nudge-test-core.h"
#include "nudge-test-notify.h"
#include "nudge-test-ui.h"
#include "nudge-worker.h"

#define DAY (24 * 3600)
/* Sunday 2026-11-22 10:00 UTC */
#define NOW G_GINT64_CONSTANT (1795341600)

static void
add_deal_with_touch (NudgeStore *store,
                     gint64      created,
                     gint64      touch_after)
{
  g_autoptr(NudgeDeal) deal = nudge_deal_new ();
  g_autoptr(NudgeActivity) call = nudge_activity_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  nudge_clock_pin (created);
  g_object_set (deal, "title", "Fleet tracking", "currency", "CZK", NULL);
  id = nudge_store_save_deal (store, deal, &error);
  g_assert_no_error (error);
  g_object_set (call, "deal-id", id, "kind", "call", "direction", NUDGE_DIRECTION_OUT,
                "occurred-at", created + touch_after, NULL);
  g_assert_cmpint (nudge_store_add_activity (store, call, &error), >, 0);
}

static void
add_done_followup (NudgeStore *store,
                   gint64      due,
                   gint64      done)
{
  g_autoptr(NudgeFollowup) f = nudge_followup_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (f, "title", "Call back", "due-at", due, "status", "done", "done-at", done,
                "tzid", "Europe/Prague", NULL);
  g_assert_cmpint (nudge_store_save_followup (store, f, &error), >, 0);
  g_assert_no_error (error);
}

static gboolean
add_done_followup_job (NudgeStore    *store,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  add_done_followup (store, NOW - 3 * DAY, NOW - 3 * DAY + 600);
  return TRUE;
}

static gboolean
insights_busy (gpointer view)
{
  return !nudge_insights_view_is_loaded (NUDGE_INSIGHTS_VIEW (view));
}

typedef NudgeTestBookWindow Fixture;

/* A scratch book with the clock at NOW, and a tall window for the view. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  nudge_test_book_window_set_up (f, data);
  nudge_clock_pin (NOW);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 1400);
}

/* Shows @view in the fixture's window; nudge_test_spin() then waits
 * until it has loaded. */
static void
show_view (Fixture   *f,
           GtkWidget *view)
{
  gtk_window_set_child (GTK_WINDOW (f->window), view);
  gtk_window_present (GTK_WINDOW (f->window));
  nudge_test_set_busy_check (insights_busy, view);
}

static void
test_insights_view (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *view;

  /* Empty book: the empty state, not zeros. */
  view = nudge_insights_view_new (nudge_test_context (f->book.store, NULL));
  show_view (f, view);
  /* Computed on a worker: the view waits for it, it does not guess */
  g_assert_false (nudge_insights_view_is_loaded (NUDGE_INSIGHTS_VIEW (view)));
  g_assert_null (nudge_test_find_label (f->window, "No Insights Yet"));
  nudge_test_spin (300);
  g_assert_true (nudge_insights_view_is_loaded (NUDGE_INSIGHTS_VIEW (view)));
  g_assert_nonnull (nudge_test_find_label (f->window, "No Insights Yet"));

  /* Two deals answered in 2 h and 6 h; one follow-up on time, one late. */
  add_deal_with_touch (f->book.store, NOW - 40 * DAY, 2 * 3600);
  add_deal_with_touch (f->book.store, NOW - 20 * DAY, 6 * 3600);
  add_done_followup (f->book.store, NOW - 10 * DAY, NOW - 10 * DAY + 3600);
  add_done_followup (f->book.store, NOW - 9 * DAY, NOW - 5 * DAY);
  nudge_clock_pin (NOW);

  /* The view follows the store by itself (debounced). */
  nudge_test_spin (1200);
  g_assert_null (nudge_test_find_label (f->window, "No Insights Yet"));
  g_assert_nonnull (nudge_test_find_label (f->window, "50%"));
  g_assert_nonnull (nudge_test_find_label (f->window, "4.0 h"));
  g_assert_nonnull (nudge_test_find_label (f->window, "1 of 2 follow-ups done by the end of their day"));

  /* A stage's conversion says of how many deals it is, and the charts say
   * what they show and what their highlighted bar means. */
  {
    NudgeChart *funnel = NUDGE_CHART (nudge_test_find_named (f->window, "funnel-chart"));

    g_assert_nonnull (funnel);
    g_assert_cmpuint (nudge_chart_get_n_bars (funnel), >, 0);
    g_assert_cmpstr (nudge_chart_get_bar_value_text (funnel, 0), ==, "0% of 2 deals");
    g_assert_nonnull (nudge_test_find_label (f->window, "How many of the deals that entered each stage in this "
                                                        "period moved on from it"));
    g_assert_nonnull (nudge_test_find_label (f->window, "Days a deal spends in each stage on average; "
                                                        "the slowest stage is highlighted"));
  }

  /* One more on-time follow-up moves the rate to two thirds. */
  add_done_followup (f->book.store, NOW - 2 * DAY, NOW - 2 * DAY);
  nudge_clock_pin (NOW);
  nudge_test_spin (1200);
  g_assert_nonnull (nudge_test_find_label (f->window, "67%"));

  /* Another connection (a worker job) completes one more on time: 3 of 4 */
  g_assert_true (nudge_worker_run_sync (f->book.store, add_done_followup_job, NULL, &error));
  g_assert_no_error (error);
  nudge_clock_pin (NOW);
  nudge_test_spin (700);
  g_assert_nonnull (nudge_test_find_label (f->window, "75%"));
}

/* The period is a property: the drop-down and the API set the same one,
 * it is announced once per real change, and the metrics follow it. */
static void
test_period (Fixture       *f,
             gconstpointer  data)
{
  NudgeInsightsView *view;
  GtkDropDown *dropdown;
  guint notified = 0;

  /* A deal, so the book is not empty; on time 40 days ago: outside 30
   * days, inside 90 */
  add_deal_with_touch (f->book.store, NOW - 200 * DAY, 3600);
  add_done_followup (f->book.store, NOW - 40 * DAY, NOW - 40 * DAY + 600);
  nudge_clock_pin (NOW);
  view = NUDGE_INSIGHTS_VIEW (g_object_new (NUDGE_TYPE_INSIGHTS_VIEW, "context", nudge_test_context (f->book.store, NULL),
                                            "period", NUDGE_INSIGHTS_PERIOD_THIS_MONTH, NULL));
  show_view (f, GTK_WIDGET (view));
  nudge_test_spin (300);
  dropdown = GTK_DROP_DOWN (nudge_test_find_widget (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (dropdown);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, NUDGE_INSIGHTS_PERIOD_THIS_MONTH);
  g_assert_nonnull (nudge_test_find_label (f->window, "No follow-ups were completed in this period"));

  nudge_test_count_notify (view, "period", &notified);
  gtk_drop_down_set_selected (dropdown, NUDGE_INSIGHTS_PERIOD_3_MONTHS);
  g_assert_cmpuint (nudge_insights_view_get_period (view), ==, NUDGE_INSIGHTS_PERIOD_3_MONTHS);
  g_assert_cmpuint (notified, ==, 1);
  nudge_test_spin (300);
  g_assert_null (nudge_test_find_label (f->window, "No follow-ups were completed in this period"));
  g_assert_nonnull (nudge_test_find_label (f->window, "100%"));

  nudge_insights_view_set_period (view, NUDGE_INSIGHTS_PERIOD_3_MONTHS);
  g_assert_cmpuint (notified, ==, 1);
  g_object_set (view, "period", NUDGE_INSIGHTS_PERIOD_THIS_MONTH, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, NUDGE_INSIGHTS_PERIOD_THIS_MONTH);
  nudge_test_spin (300);
  g_assert_nonnull (nudge_test_find_label (f->window, "No follow-ups were completed in this period"));
}

static void
add_forecast_deal (NudgeStore *store,
                   const char *currency,
                   gint64      amount_minor,
                   const char *expected_close)
{
  g_autoptr(NudgeStage) stage = nudge_store_find_stage (store, 0, "Proposal sent", NULL);
  g_autoptr(NudgeDeal) deal = nudge_deal_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (stage);
  g_object_set (deal, "title", "Forecast", "currency", currency, "stage-id", nudge_stage_get_id (stage),
                "has-amount", TRUE, "amount-minor", amount_minor, "expected-close", expected_close, NULL);
  g_assert_cmpint (nudge_store_save_deal (store, deal, &error), >, 0);
  g_assert_no_error (error);
}

/* The weighted forecast: one bar per month on one scale in the home
 * currency, months named in full, amounts without a rate apart and said
 * so, every month counted. */
static void
test_forecast_home (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *december = NULL;
  g_autofree char *home = nudge_format_money_whole (6000000 + 3000000, "CZK");
  g_autofree char *dollars = nudge_format_money_whole (60000, "USD");
  GtkWidget *view, *note;
  NudgeChart *chart;

  g_assert_true (nudge_store_set_home_currency (f->book.store, "CZK", &error));
  g_assert_true (nudge_store_set_rate (f->book.store, "EUR", 25.0, NOW, &error));
  g_assert_no_error (error);
  /* Proposal sent weighs 60 %: 100 000 Kč and 2 000 € (= 50 000 Kč) in
   * December, 1 000 $ without a rate in January, then one deal a month
   * for 26 months */
  add_forecast_deal (f->book.store, "CZK", 10000000, "2026-12-15");
  add_forecast_deal (f->book.store, "EUR", 200000, "2026-12-20");
  add_forecast_deal (f->book.store, "USD", 100000, "2027-01-10");
  for (int i = 0; i < 26; i++)
    {
      g_autofree char *date = g_strdup_printf ("%04d-%02d-01", 2027 + (i + 1) / 12, (i + 1) % 12 + 1);

      add_forecast_deal (f->book.store, "CZK", 1000000, date);
    }
  nudge_clock_pin (NOW);

  view = nudge_insights_view_new (nudge_test_context (f->book.store, NULL));
  show_view (f, view);
  nudge_test_spin (300);
  g_assert_true (nudge_insights_view_is_loaded (NUDGE_INSIGHTS_VIEW (view)));

  chart = NUDGE_CHART (nudge_test_find_named (f->window, "forecast-chart"));
  g_assert_nonnull (chart);
  g_assert_cmpuint (nudge_chart_get_n_bars (chart), ==, 24);
  g_assert_cmpstr (nudge_chart_get_bar_label (chart, 0), ==, "December 2026");
  december = g_strdup_printf ("≈ %s", home);
  g_assert_cmpstr (nudge_chart_get_bar_value_text (chart, 0), ==, december);
  g_assert_cmpstr (nudge_chart_get_bar_label (chart, 1), ==, "January 2027");
  g_assert_cmpstr (nudge_chart_get_bar_value_text (chart, 1), ==, dollars);
  g_assert_cmpstr (nudge_chart_get_bar_label (chart, 23), ==, "November 2028");

  /* What is not drawn is said under the chart */
  note = gtk_widget_get_next_sibling (GTK_WIDGET (chart));
  g_assert_true (GTK_IS_LABEL (note));
  g_assert_true (gtk_widget_get_visible (note));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (note)), "And 4 more months after November 2028."));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (note)),
                            "1 deal is in a currency without an exchange rate to CZK"));

  /* With a rate for the dollar the note says only what is beyond */
  g_assert_true (nudge_store_set_rate (f->book.store, "USD", 20.0, NOW, &error));
  g_assert_no_error (error);
  nudge_clock_pin (NOW);
  nudge_test_spin (1200);
  {
    g_autofree char *converted = nudge_format_money_whole (60000 * 20, "CZK");
    g_autofree char *january = g_strdup_printf ("≈ %s", converted);

    g_assert_cmpstr (nudge_chart_get_bar_value_text (chart, 1), ==, january);
    g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (note)), "exchange rate"));
  }
}

static char *
local_date (int year,
            int month,
            int day)
{
  g_autoptr(GDateTime) dt = nudge_clock_local_new (year, month, day, 0, 0, 0);

  return nudge_format_date (g_date_time_to_unix (dt));
}

static const char *
period_text (Fixture *f)
{
  GtkWidget *dropdown = nudge_test_find_widget (f->window, GTK_TYPE_DROP_DOWN);
  GtkWidget *label = dropdown != NULL ? gtk_widget_get_parent (dropdown) : NULL;

  g_assert_nonnull (label);
  label = nudge_test_find_widget (label, GTK_TYPE_LABEL);
  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

/* Every period is whole months up to today: on 22 November 2026 the last
 * 12 months are December 2025 to November 2026, one bar each, the month
 * in progress marked so, and the cards count over the same days. */
static void
test_whole_months (Fixture       *f,
                   gconstpointer  data)
{
  NudgeInsightsView *view;
  NudgeChart *trend;
  g_autofree char *first = local_date (2025, 12, 1);
  g_autofree char *today = nudge_format_date (NOW);
  g_autofree char *expected = g_strdup_printf ("This month so far and the 11 before it, from %s to %s", first, today);

  /* 25 November 2025: inside a year counted back from today, but in a
   * month the last 12 months do not hold */
  add_deal_with_touch (f->book.store, NOW - 362 * DAY, 3600);
  add_done_followup (f->book.store, NOW - 362 * DAY, NOW - 362 * DAY + 600);
  /* 2 November 2026, answered in 2 h */
  add_deal_with_touch (f->book.store, NOW - 20 * DAY, 2 * 3600);
  /* 14 August 2026, answered after two and a half days */
  add_deal_with_touch (f->book.store, NOW - 100 * DAY, 60 * 3600);
  nudge_clock_pin (NOW);

  view = NUDGE_INSIGHTS_VIEW (nudge_insights_view_new (nudge_test_context (f->book.store, NULL)));
  show_view (f, GTK_WIDGET (view));
  nudge_test_spin (300);
  g_assert_cmpuint (nudge_insights_view_get_period (view), ==, NUDGE_INSIGHTS_PERIOD_12_MONTHS);
  g_assert_cmpstr (period_text (f), ==, expected);
  g_assert_nonnull (nudge_test_find_label (f->window, "No follow-ups were completed in this period"));
  g_assert_nonnull (nudge_test_find_label (f->window, "From a new deal to the first call or e-mail, over 2 deals"));

  trend = NUDGE_CHART (nudge_test_find_named (f->window, "trend-chart"));
  g_assert_nonnull (trend);
  g_assert_cmpuint (nudge_chart_get_n_bars (trend), ==, 12);
  g_assert_cmpstr (nudge_chart_get_bar_label (trend, 0), ==, "December 2025");
  g_assert_cmpint (nudge_chart_get_bar_style (trend, 0), ==, NUDGE_BAR_PLAIN);
  /* A month without a touched deal is there, and says so */
  g_assert_cmpstr (nudge_chart_get_bar_label (trend, 5), ==, "May 2026");
  g_assert_cmpstr (nudge_chart_get_bar_value_text (trend, 5), ==, "No first touch");
  /* Two days or more read in days */
  g_assert_cmpstr (nudge_chart_get_bar_label (trend, 8), ==, "August 2026");
  g_assert_cmpstr (nudge_chart_get_bar_value_text (trend, 8), ==, "2.5 d");
  g_assert_cmpstr (nudge_chart_get_bar_label (trend, 11), ==, "November 2026");
  g_assert_cmpstr (nudge_chart_get_bar_value_text (trend, 11), ==, "2.0 h");
  g_assert_cmpint (nudge_chart_get_bar_style (trend, 11), ==, NUDGE_BAR_PARTIAL);
  g_assert_nonnull (strstr (nudge_chart_get_description (trend), "November 2026 (so far): 2.0 h"));

  /* This month: one bar, from the first of November */
  nudge_insights_view_set_period (view, NUDGE_INSIGHTS_PERIOD_THIS_MONTH);
  nudge_test_spin (300);
  {
    g_autofree char *november = local_date (2026, 11, 1);
    g_autofree char *text = g_strdup_printf ("This month so far, from %s to %s", november, today);

    g_assert_cmpstr (period_text (f), ==, text);
  }
  g_assert_cmpuint (nudge_chart_get_n_bars (trend), ==, 1);
  g_assert_cmpstr (nudge_chart_get_bar_label (trend, 0), ==, "November 2026");

  /* Three months: September to November */
  nudge_insights_view_set_period (view, NUDGE_INSIGHTS_PERIOD_3_MONTHS);
  nudge_test_spin (300);
  {
    g_autofree char *september = local_date (2026, 9, 1);
    g_autofree char *text = g_strdup_printf ("This month so far and the 2 before it, from %s to %s", september, today);

    g_assert_cmpstr (period_text (f), ==, text);
  }
  g_assert_cmpuint (nudge_chart_get_n_bars (trend), ==, 3);
  g_assert_cmpstr (nudge_chart_get_bar_label (trend, 0), ==, "September 2026");

  /* This year: January to November */
  nudge_insights_view_set_period (view, NUDGE_INSIGHTS_PERIOD_THIS_YEAR);
  nudge_test_spin (300);
  g_assert_cmpuint (nudge_chart_get_n_bars (trend), ==, 11);
  g_assert_cmpstr (nudge_chart_get_bar_label (trend, 0), ==, "January 2026");
  g_assert_cmpint (nudge_chart_get_bar_style (trend, 10), ==, NUDGE_BAR_PARTIAL);
}

static int
height_of (GtkWidget *widget)
{
  int minimum, natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
  return natural - gtk_widget_get_margin_top (widget) - gtk_widget_get_margin_bottom (widget);
}

/* The charts read as one set: a month's bar as thick as a stage's, one
 * column of values for all, each named and described for a screen
 * reader; every card says what its figure counts. */
static void
test_charts_and_cards (Fixture       *f,
                       gconstpointer  data)
{
  const char *names[] = { "trend-chart", "funnel-chart", "time-chart", "forecast-chart" };
  const char *titles[] = { "Lead Response by Month", "Conversion by Stage", "Average Time in Stage",
                           "Weighted Forecast by Expected Close" };
  NudgeChart *charts[G_N_ELEMENTS (names)];
  GtkWidget *view, *tiles;
  int row = 0;

  add_deal_with_touch (f->book.store, NOW - 40 * DAY, 3600);
  add_deal_with_touch (f->book.store, NOW - 70 * DAY, 5 * 3600);
  add_forecast_deal (f->book.store, "CZK", 10000000, "2026-12-15");
  add_forecast_deal (f->book.store, "USD", 12345600, "2026-12-20");
  nudge_clock_pin (NOW);

  view = nudge_insights_view_new (nudge_test_context (f->book.store, NULL));
  show_view (f, view);
  nudge_test_spin (300);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      guint n;

      charts[i] = NUDGE_CHART (nudge_test_find_named (f->window, names[i]));
      g_assert_nonnull (charts[i]);
      n = nudge_chart_get_n_bars (charts[i]);
      g_assert_cmpuint (n, >, 0);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (charts[i])));
      /* As tall a row per bar as any other chart */
      if (row == 0)
        row = height_of (GTK_WIDGET (charts[i])) / n;
      g_assert_cmpint (height_of (GTK_WIDGET (charts[i])), ==, row * (int) n);
      /* Named by its heading, its bars described */
      g_assert_cmpstr (nudge_chart_get_title (charts[i]), ==, titles[i]);
      g_assert_nonnull (strstr (nudge_chart_get_description (charts[i]), nudge_chart_get_bar_label (charts[i], 0)));
    }
  g_assert_cmpint (row, <, 48);
  /* The forecast's "… Kč + … $" is wider than the other charts'
   * values, and they all make room for it */
  g_assert_cmpint (nudge_chart_get_value_width (charts[3]), >, nudge_chart_get_value_width (charts[0]));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpint (nudge_chart_get_value_column (charts[i]), ==, nudge_chart_get_value_width (charts[3]));

  /* Every card: its figure, what it is, and what it counts */
  tiles = nudge_test_find_widget (view, GTK_TYPE_FLOW_BOX);
  g_assert_nonnull (tiles);
  for (GtkWidget *child = gtk_widget_get_first_child (tiles); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *tile = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      guint labels = 0;

      GtkWidget *value = gtk_widget_get_first_child (tile);
      GtkWidget *caption = gtk_widget_get_next_sibling (value);

      for (GtkWidget *w = gtk_widget_get_first_child (tile); w; w = gtk_widget_get_next_sibling (w))
        labels += GTK_IS_LABEL (w) && gtk_label_get_text (GTK_LABEL (w))[0] != '\0';
      g_assert_cmpuint (labels, ==, 3);
      /* The keyboard stops at the card: it reads as what it counts and
       * its figure, then what the figure is made of. */
      g_assert_true (gtk_widget_get_focusable (child));
      gtk_test_accessible_assert_relation (child, GTK_ACCESSIBLE_RELATION_LABELLED_BY, caption, value, NULL);
      gtk_test_accessible_assert_property (child, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                           gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (tile))));
    }
  g_assert_nonnull (nudge_test_find_label (f->window, "No deals were won in this period"));
  g_assert_nonnull (nudge_test_find_label (f->window, "No deals were lost in this period"));

  /* A won deal: its touches before the win are counted, and said so */
  nudge_clock_pin (NOW - 3600);
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (nudge_store_set_deal_status (f->book.store, 1, NUDGE_DEAL_WON, NULL, &error));
    g_assert_no_error (error);
  }
  nudge_clock_pin (NOW);
  nudge_test_spin (1200);
  g_assert_nonnull (nudge_test_find_label (f->window, "Calls, e-mails, meetings and demos before the win, over 1 won deal"));
}

/* A book whose deals were never called: the lead-response card says so
 * in a line, not in twelve empty bars, and so does the forecast without
 * an expected close; narrow, the drop-down sits over the period's words. */
static void
test_little_data_narrow (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(NudgeDeal) deal = nudge_deal_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *view, *dropdown, *header;
  NudgeChart *trend, *forecast;

  g_object_set (deal, "title", "Fleet tracking", "currency", "CZK", NULL);
  g_assert_cmpint (nudge_store_save_deal (f->book.store, deal, &error), >, 0);
  g_assert_no_error (error);
  nudge_clock_pin (NOW);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 400, 1400);
  view = nudge_insights_view_new (nudge_test_context (f->book.store, NULL));
  show_view (f, view);
  nudge_test_spin (300);

  trend = NUDGE_CHART (nudge_test_find_named (f->window, "trend-chart"));
  forecast = NUDGE_CHART (nudge_test_find_named (f->window, "forecast-chart"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (trend)));
  g_assert_nonnull (nudge_test_find_label (f->window, "No deal created in this period was called or e-mailed yet"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (forecast)));
  g_assert_nonnull (nudge_test_find_label (f->window, "No open deal with an amount is expected to close in "
                                                      "December 2025 or later."));
  g_assert_nonnull (nudge_test_find_label (f->window, "No deal was touched twice in this period"));
  /* A stage no deal entered says so, not "— of 0 deals" */
  g_assert_cmpstr (nudge_chart_get_bar_value_text (NUDGE_CHART (nudge_test_find_named (f->window, "funnel-chart")), 1),
                   ==, "No deals");

  dropdown = nudge_test_find_widget (view, GTK_TYPE_DROP_DOWN);
  header = gtk_widget_get_parent (dropdown);
  g_assert_true (nudge_view_get_narrow (NUDGE_VIEW (view)));
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (header)), ==, GTK_ORIENTATION_VERTICAL);
  g_assert_true (gtk_widget_get_first_child (header) == dropdown);
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "view", NUDGE_TEST_FUNC (test_insights_view) },
    { "forecast-home", NUDGE_TEST_FUNC (test_forecast_home) },
    { "period", NUDGE_TEST_FUNC (test_period) },
    { "whole-months", NUDGE_TEST_FUNC (test_whole_months) },
    { "charts-and-cards", NUDGE_TEST_FUNC (test_charts_and_cards) },
    { "little-data-narrow", NUDGE_TEST_FUNC (test_little_data_narrow) },
  };

  /* Accessible names kept for the tests to read, whatever the session */
  g_setenv ("GTK_A11Y", "test", TRUE);
  nudge_test_ui_init (&argc, &argv, "C.UTF-8");

  nudge_test_add_table ("/ui/insights/", Fixture, fixture_set_up, nudge_test_window_tear_down, cases);

  return g_test_run ();
}
