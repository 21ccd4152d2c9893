/* nudge-pipeline-view.c — the kanban board of deals
 *
 * One column per stage of the chosen pipeline. Every column is a
 * GtkListView over one shared live list of deals, filtered to its stage
 * and sorted, so a book of thousands of open deals stays smooth: the deals
 * are read by a worker, the columns filter them a batch per main-loop
 * turn, and the totals are added up a few thousand deals per turn. Drops,
 * the "Move to…" menu and the Alt+←/→ shortcuts all go through the
 * board.move-deal action.
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
#include "nudge-pipeline-view.h"
#include "nudge-record-list.h"
#include "nudge-record-window.h"
#include "nudge-required-fields-dialog.h"
#include "nudge-window.h"

typedef enum
{
  SORT_NEXT_FOLLOWUP,
  SORT_AMOUNT,
  SORT_IDLE,
} SortMode;

typedef struct _Column Column;

struct _NudgePipelineView
{
  GtkWidget            parent_instance;

  NudgeContext    *context;

  NudgeStore          *store;
  GSettings           *settings;
  NudgeRecordList     *deals;
  GPtrArray           *columns;        /* Column* */
  GArray              *pipeline_ids;   /* gint64, as in the selector */
  GtkStringList       *pipeline_names;
  GHashTable          *cards;          /* deal id → bound NudgeDealCard */
  GtkSorter           *sorter;
  NudgeRates          *rates;          /* home currency and rates, read once */
  char                *filter_text;

  GtkWidget           *pipeline_selector;
  GtkWidget           *search;
  GtkWidget           *rotting_only;
  GtkWidget           *show_on_hold;
  GtkWidget           *show_closed;
  GtkWidget           *sort_selector;
  GtkWidget           *columns_box;
  GtkWidget           *summary;
  GtkWidget           *forecast;

  gint64               pipeline_id;
  gint64               focus_deal;
  gint64               focus_stage;
  SortMode             sort_mode;
  guint                totals_id;
  guint                totals_column;  /* the pass under way */
  guint                totals_index;
  NudgePipelineTotals *totals_all;
  GPtrArray           *totals_columns; /* NudgePipelineTotals* per column */
  guint                rebuild_id;
  guint                grow_id;
  guint                attach_tick;
  gboolean             detach;
  guint                focus_id;
  gboolean             updating_selector;

  /* The last move, for Undo */
  gint64               undo_deal;
  gint64               undo_stage;
  NudgeDealStatus      undo_status;
  char                *undo_reason;
};

struct _Column
{
  NudgePipelineView   *view;
  NudgeStage          *stage;
  gboolean             closing;
  GtkWidget           *box;
  GtkWidget           *count;
  GtkWidget           *total;
  GtkWidget           *weighted;
  GtkWidget           *list;
  GtkWidget           *placeholder;
  GtkFilterListModel  *filtered;
  GtkSortListModel    *sorted;
  NudgeHeadListModel  *shown;       /* the first cards of sorted, growing */
  GtkSingleSelection  *selection;
  GtkAdjustment       *vadjustment;
  gboolean             want_more;   /* scrolled near the last card shown */
};

typedef struct
{
  NudgePipelineView *view;
  gint64             deal_id;
  gint64             stage_id;
  NudgeDealStatus    status;
} PendingMove;

G_DEFINE_FINAL_TYPE (NudgePipelineView, nudge_pipeline_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Totals and focus follow a move before the next frame is drawn (the
 * redraw runs at GDK_PRIORITY_REDRAW, 120). */
#define UPDATE_PRIORITY (G_PRIORITY_HIGH_IDLE + 10)
/* How long one main-loop turn may spend adding up totals */
#define TOTALS_BUDGET_US 4000
/* A column starts with this many cards and grows by as many when it is
 * scrolled near its end: GTK 4.8 list views keep up to 200 rows alive,
 * which for a whole board would be a thousand cards laid out in one
 * frame. */
#define CARDS_STEP 10
/* Up to this many changed deals are placed in their columns at once. */
#define FILTER_AT_ONCE 64

static void rebuild_columns (NudgePipelineView *self);
static void queue_grow (NudgePipelineView *self);
static void column_scrolled_cb (GtkAdjustment *adjustment,
                                Column        *column);
static void column_items_changed_cb (GListModel        *model,
                                     guint              position,
                                     guint              removed,
                                     guint              added,
                                     NudgePipelineView *self);

static void
column_free (gpointer data)
{
  Column *column = data;

  /* The list view may outlive the column for a moment: detach its model
   * so the filter never runs with a freed column. */
  g_signal_handlers_disconnect_by_func (column->filtered, column_items_changed_cb, column->view);
  g_signal_handlers_disconnect_by_func (column->vadjustment, column_scrolled_cb, column);
  g_clear_object (&column->vadjustment);
  gtk_filter_list_model_set_model (column->filtered, NULL);
  g_clear_object (&column->stage);
  g_clear_object (&column->selection);
  g_free (column);
}

static void
pending_move_free (gpointer data)
{
  PendingMove *move = data;

  g_clear_object (&move->view);
  g_free (move);
}

static GtkWindow *
parent_window (NudgePipelineView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_toast (NudgePipelineView *self,
            AdwToast          *toast)
{
  g_autoptr(AdwToast) owned = toast;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (NUDGE_IS_WINDOW (root))
    nudge_window_add_toast (NUDGE_WINDOW (root), g_steal_pointer (&owned));
}

static void
show_error (NudgePipelineView *self,
            const GError      *error)
{
  g_warning ("%s", error->message);
  show_toast (self, adw_toast_new (error->message));
}

static Column *
find_column (NudgePipelineView *self,
             gint64             stage_id)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);

      if (nudge_stage_get_id (column->stage) == stage_id)
        return column;
    }
  return NULL;
}

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

static gboolean
column_filter_func (gpointer item,
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

static int
sort_func (gconstpointer a,
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

static gboolean
columns_filtering (NudgePipelineView *self)
{
  if (self->deals == NULL || nudge_record_list_is_loading (self->deals))
    return TRUE;
  for (guint i = 0; i < self->columns->len; i++)
    if (gtk_filter_list_model_get_pending (((Column *) g_ptr_array_index (self->columns, i))->filtered) > 0)
      return TRUE;
  return FALSE;
}

static void
show_column_count (Column *column)
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
            const char                *format,
            const NudgePipelineTotals *totals,
            const NudgeRates          *rates,
            gboolean                   weighted)
{
  g_autofree char *amount = nudge_pipeline_totals_format_home (totals, rates, weighted);
  g_autofree char *tooltip = format_totals_tooltip (totals, rates, weighted);
  g_autofree char *text = format ? g_strdup_printf (format, amount) : NULL;

  gtk_label_set_text (GTK_LABEL (label), text ? text : amount);
  gtk_widget_set_tooltip_text (label, tooltip);
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

      show_column_count (column);
      show_total (column->total, NULL, totals, self->rates, FALSE);
      if (!column->closing)
        /* Translators: the weighted amount of a stage, e.g. "Weighted ≈ 60 000 Kč" */
        show_total (column->weighted, _("Weighted %s"), totals, self->rates, TRUE);
    }

  all_total = nudge_pipeline_totals_format_home (all, self->rates, FALSE);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u open deal · Total %s",
                                          "%u open deals · Total %s",
                                          nudge_pipeline_totals_get_count (all)),
                             nudge_pipeline_totals_get_count (all), all_total);
  gtk_label_set_text (GTK_LABEL (self->summary), summary);
  tooltip = format_totals_tooltip (all, self->rates, FALSE);
  gtk_widget_set_tooltip_text (self->summary, tooltip);
  show_total (self->forecast, _("Weighted forecast %s"), all, self->rates, TRUE);
}

static void
restart_totals (NudgePipelineView *self)
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
    restart_totals (self);

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
static void
update_totals (NudgePipelineView *self)
{
  g_clear_handle_id (&self->totals_id, g_source_remove);
  restart_totals (self);
  add_up_totals (self, 0);
  finish_totals (self);
}

/* The totals of thousands of deals are added up over several main-loop
 * turns; a change meanwhile starts the pass again. */
static gboolean
update_totals_cb (gpointer data)
{
  NudgePipelineView *self = data;

  /* Added up once the columns are filtered (column_pending_cb) */
  if (columns_filtering (self))
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

static void
queue_totals (NudgePipelineView *self)
{
  if (self->columns == NULL)
    return;
  restart_totals (self);
  if (self->totals_id == 0)
    /* Below the frame clock's priority: a frame that shows a move is not
     * held back by adding up the amounts of every deal again. */
    self->totals_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, update_totals_cb, self, NULL);
}

static void filter_incrementally (NudgePipelineView *self,
                                  gboolean           incremental);

static void
refilter (NudgePipelineView *self)
{
  filter_incrementally (self, TRUE);
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);

      gtk_filter_changed (gtk_filter_list_model_get_filter (column->filtered), GTK_FILTER_CHANGE_DIFFERENT);
    }
}

/* ---- focus after a move ----------------------------------------------- */

static gboolean
focus_card_cb (gpointer data)
{
  NudgePipelineView *self = data;
  GtkWidget *card;

  self->focus_id = 0;
  card = g_hash_table_lookup (self->cards, &self->focus_deal);
  if (card && gtk_widget_get_parent (card) && gtk_widget_get_mapped (card))
    {
      gtk_widget_grab_focus (gtk_widget_get_parent (card));
      self->focus_deal = 0;
    }
  /* Otherwise the row is not bound yet: binding it calls back here. */
  return G_SOURCE_REMOVE;
}

static void
focus_deal (NudgePipelineView *self,
            gint64             deal_id,
            gint64             stage_id)
{
  Column *column = find_column (self, stage_id);
  GListModel *model;
  guint n;

  self->focus_stage = 0;
  if (column == NULL)
    return;
  model = G_LIST_MODEL (column->sorted);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NudgeDeal) deal = g_list_model_get_item (model, i);

      if (nudge_deal_get_id (deal) == deal_id)
        {
          if (nudge_head_list_model_get_size (column->shown) <= i)
            nudge_head_list_model_set_size (column->shown, i + CARDS_STEP);
          gtk_single_selection_set_selected (column->selection, i);
          gtk_widget_activate_action (column->list, "list.scroll-to-item", "u", i);
          self->focus_deal = deal_id;
          if (self->focus_id == 0)
            self->focus_id = g_idle_add_full (UPDATE_PRIORITY, focus_card_cb, self, NULL);
          return;
        }
    }
  /* The store tells the lists after the commit: try again when the
   * column changes. */
  self->focus_deal = deal_id;
  self->focus_stage = stage_id;
}

/* ---- moving ----------------------------------------------------------- */

static void
undo_clicked_cb (AdwToast          *toast,
                 NudgePipelineView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "board.undo-move", NULL);
}

/* Writes the move (and what the dialogs asked for) in one transaction. */
static void
commit_move (NudgePipelineView *self,
             gint64             deal_id,
             gint64             stage_id,
             NudgeDeal         *filled,
             NudgeDealStatus    status,
             const char        *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeDeal) before = NULL;
  g_autoptr(NudgeStage) stage = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (!(before = nudge_store_get_deal (self->store, deal_id, &error)) ||
      !(stage = nudge_store_get_stage (self->store, stage_id, &error)))
    {
      show_error (self, error);
      return;
    }

  if (!nudge_store_begin (self->store, &error))
    {
      show_error (self, error);
      return;
    }
  if ((filled && nudge_store_save_deal (self->store, filled, &error) <= 0) ||
      !nudge_store_move_deal_to_stage (self->store, deal_id, stage_id, &error) ||
      ((status == NUDGE_DEAL_WON || status == NUDGE_DEAL_LOST) &&
       !nudge_store_set_deal_status (self->store, deal_id, status, reason, &error)))
    {
      nudge_store_rollback (self->store);
      show_error (self, error);
      return;
    }
  if (!nudge_store_commit (self->store, &error))
    {
      show_error (self, error);
      return;
    }

  self->undo_deal = deal_id;
  self->undo_stage = nudge_deal_get_stage_id (before);
  self->undo_status = nudge_deal_get_status (before);
  g_free (self->undo_reason);
  self->undo_reason = g_strdup (nudge_deal_get_lost_reason (before));

  if (status == NUDGE_DEAL_WON)
    message = g_strdup_printf (_("“%s” won"), nudge_deal_get_title (before));
  else if (status == NUDGE_DEAL_LOST)
    message = g_strdup_printf (_("“%s” lost"), nudge_deal_get_title (before));
  else
    message = g_strdup_printf (_("“%s” moved to %s"), nudge_deal_get_title (before), nudge_stage_get_name (stage));
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  show_toast (self, toast);

  focus_deal (self, deal_id, stage_id);
}

static void
required_fields_done (NudgeDeal *filled,
                      gpointer   user_data)
{
  PendingMove *move = user_data;

  if (filled != NULL)
    commit_move (move->view, move->deal_id, move->stage_id, filled, NUDGE_DEAL_OPEN, NULL);
  else
    focus_deal (move->view, move->deal_id, 0);
}

static void
close_deal_done (gboolean    confirmed,
                 const char *reason,
                 gpointer    user_data)
{
  PendingMove *move = user_data;

  if (confirmed)
    commit_move (move->view, move->deal_id, move->stage_id, NULL, move->status, reason);
}

static void
move_deal (NudgePipelineView *self,
           gint64             deal_id,
           gint64             stage_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeDeal) deal = NULL;
  g_autoptr(NudgeStage) stage = NULL;
  NudgeRequiredFields missing;
  PendingMove *move;
  const char *kind;

  if (!(deal = nudge_store_get_deal (self->store, deal_id, &error)) ||
      !(stage = nudge_store_get_stage (self->store, stage_id, &error)))
    {
      show_error (self, error);
      return;
    }
  if (nudge_deal_get_stage_id (deal) == stage_id)
    return;

  move = g_new0 (PendingMove, 1);
  move->view = g_object_ref (self);
  move->deal_id = deal_id;
  move->stage_id = stage_id;
  move->status = NUDGE_DEAL_OPEN;

  kind = nudge_stage_get_kind (stage);
  if (g_str_equal (kind, "won") || g_str_equal (kind, "lost"))
    {
      move->status = g_str_equal (kind, "won") ? NUDGE_DEAL_WON : NUDGE_DEAL_LOST;
      nudge_close_deal_dialog_present (parent_window (self), self->store, deal, move->status,
                                       close_deal_done, move, pending_move_free);
      return;
    }

  missing = nudge_deal_missing_fields (deal, stage);
  if (missing != NUDGE_REQUIRED_NONE)
    {
      nudge_required_fields_dialog_present (parent_window (self), self->store, deal, stage, missing,
                                            required_fields_done, move, pending_move_free);
      return;
    }

  commit_move (self, deal_id, stage_id, NULL, NUDGE_DEAL_OPEN, NULL);
  pending_move_free (move);
}

static void
move_deal_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gint64 deal_id, stage_id;

  g_variant_get (parameter, "(xx)", &deal_id, &stage_id);
  move_deal (NUDGE_PIPELINE_VIEW (widget), deal_id, stage_id);
}

static NudgeDealCard *
focused_card (NudgePipelineView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *child;

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    if (NUDGE_IS_DEAL_CARD (w))
      return NUDGE_DEAL_CARD (w);
  /* A focused list row holds the card. */
  if (focus && (child = gtk_widget_get_first_child (focus)) && NUDGE_IS_DEAL_CARD (child))
    return NUDGE_DEAL_CARD (child);
  return NULL;
}

static void
move_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  NudgePipelineView *self = NUDGE_PIPELINE_VIEW (widget);
  NudgeDealCard *card = focused_card (self);
  NudgeDeal *deal;
  gint64 target;

  if (card == NULL || (deal = nudge_deal_card_get_deal (card)) == NULL)
    return;
  target = nudge_stage_neighbour (self->store, nudge_deal_get_stage_id (deal), g_variant_get_int32 (parameter));
  if (target > 0)
    move_deal (self, nudge_deal_get_id (deal), target);
  else
    gtk_widget_error_bell (widget);
}

static void
undo_move_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  NudgePipelineView *self = NUDGE_PIPELINE_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeDeal) deal = NULL;
  gint64 deal_id = self->undo_deal;

  if (deal_id <= 0)
    return;
  self->undo_deal = 0;

  if (!(deal = nudge_store_get_deal (self->store, deal_id, &error)) ||
      !nudge_store_begin (self->store, &error))
    {
      show_error (self, error);
      return;
    }
  if (!nudge_store_move_deal_to_stage (self->store, deal_id, self->undo_stage, &error) ||
      ((NudgeDealStatus) nudge_deal_get_status (deal) != self->undo_status &&
       !nudge_store_set_deal_status (self->store, deal_id, self->undo_status, self->undo_reason, &error)))
    {
      nudge_store_rollback (self->store);
      show_error (self, error);
      return;
    }
  if (!nudge_store_commit (self->store, &error))
    {
      show_error (self, error);
      return;
    }
  focus_deal (self, deal_id, self->undo_stage);
}

static void
open_deal_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  NudgePipelineView *self = NUDGE_PIPELINE_VIEW (widget);

  nudge_record_window_present (parent_window (self), self->store, NUDGE_ENTITY_DEAL,
                               g_variant_get_int64 (parameter));
}

static void
plan_next_step_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  NudgePipelineView *self = NUDGE_PIPELINE_VIEW (widget);
  g_autoptr(NudgeDeal) deal = nudge_store_get_deal (self->store, g_variant_get_int64 (parameter), NULL);

  if (deal != NULL)
    nudge_next_step_dialog_present_for_record (parent_window (self), self->store, nudge_deal_get_id (deal),
                                               nudge_deal_get_contact_id (deal));
}

/* ---- cards ------------------------------------------------------------ */

static GMenuModel *
build_card_menu (NudgeDeal *deal,
                 gpointer   user_data)
{
  NudgePipelineView *self = user_data;
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) stages = g_menu_new ();
  g_autoptr(GMenu) closing = g_menu_new ();
  g_autoptr(GMenu) move_to = g_menu_new ();
  g_autoptr(GMenuItem) open = NULL;

  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);
      gint64 stage_id = nudge_stage_get_id (column->stage);
      g_autoptr(GMenuItem) item = NULL;

      if (stage_id == nudge_deal_get_stage_id (deal))
        continue;
      item = g_menu_item_new (nudge_stage_get_name (column->stage), NULL);
      g_menu_item_set_action_and_target_value (item, "board.move-deal",
                                               g_variant_new ("(xx)", nudge_deal_get_id (deal), stage_id));
      g_menu_append_item (column->closing ? closing : stages, item);
    }
  g_menu_append_section (move_to, NULL, G_MENU_MODEL (stages));
  g_menu_append_section (move_to, NULL, G_MENU_MODEL (closing));
  g_menu_append_submenu (menu, _("Move to…"), G_MENU_MODEL (move_to));

  if (nudge_deal_get_status (deal) == NUDGE_DEAL_OPEN)
    {
      g_autoptr(GMenuItem) plan = g_menu_item_new (_("Plan _Next Step…"), NULL);

      g_menu_item_set_action_and_target_value (plan, "board.plan-next-step",
                                               g_variant_new_int64 (nudge_deal_get_id (deal)));
      g_menu_append_item (menu, plan);
    }
  open = g_menu_item_new (_("_Open"), NULL);
  g_menu_item_set_action_and_target_value (open, "board.open-deal", g_variant_new_int64 (nudge_deal_get_id (deal)));
  g_menu_append_item (menu, open);
  return G_MENU_MODEL (menu);
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 NudgeDealCard *card)
{
  NudgeDeal *deal = nudge_deal_card_get_deal (card);

  if (deal == NULL)
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_INT64, nudge_deal_get_id (deal));
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               NudgeDealCard *card)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (card));

  gtk_drag_source_set_icon (source, paintable, 20, 20);
}

static void
setup_card_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               NudgePipelineView        *self)
{
  GtkWidget *card = nudge_deal_card_new (build_card_menu, self);
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), card);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), card);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (source));
  gtk_list_item_set_child (item, card);
}

static void
bind_card_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              NudgePipelineView        *self)
{
  NudgeDeal *deal = gtk_list_item_get_item (item);
  GtkWidget *card = gtk_list_item_get_child (item);
  gint64 *key = g_new (gint64, 1);

  nudge_deal_card_set_deal (NUDGE_DEAL_CARD (card), deal, nudge_clock_now ());
  /* The list's row takes the focus: it reads as its card (GTK 4.8 has no
   * gtk_list_item_set_accessible_label()). */
  if (gtk_widget_get_parent (card) != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (gtk_widget_get_parent (card)),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, card, NULL, -1);
  *key = nudge_deal_get_id (deal);
  g_hash_table_replace (self->cards, key, card);
  if (self->focus_deal == *key && self->focus_id == 0)
    self->focus_id = g_idle_add_full (UPDATE_PRIORITY, focus_card_cb, self, NULL);
}

static void
unbind_card_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                NudgePipelineView        *self)
{
  GtkWidget *card = gtk_list_item_get_child (item);
  NudgeDeal *deal = nudge_deal_card_get_deal (NUDGE_DEAL_CARD (card));

  if (deal != NULL)
    {
      gint64 id = nudge_deal_get_id (deal);

      if (g_hash_table_lookup (self->cards, &id) == card)
        g_hash_table_remove (self->cards, &id);
    }
  nudge_deal_card_set_deal (NUDGE_DEAL_CARD (card), NULL, 0);
}

static void
list_activate_cb (GtkListView *list,
                  guint        position,
                  Column      *column)
{
  g_autoptr(NudgeDeal) deal = g_list_model_get_item (G_LIST_MODEL (column->sorted), position);

  if (deal)
    gtk_widget_activate_action (GTK_WIDGET (column->view), "board.open-deal", "x", nudge_deal_get_id (deal));
}

/* ---- columns ---------------------------------------------------------- */

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         Column        *column)
{
  gtk_widget_remove_css_class (column->box, "drop-target");
  if (!G_VALUE_HOLDS_INT64 (value))
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (column->view), "board.move-deal", "(xx)",
                              g_value_get_int64 (value), nudge_stage_get_id (column->stage));
  return TRUE;
}

static GdkDragAction
drop_enter_cb (GtkDropTarget *target,
               double         x,
               double         y,
               Column        *column)
{
  gtk_widget_add_css_class (column->box, "drop-target");
  return GDK_ACTION_MOVE;
}

static void
drop_leave_cb (GtkDropTarget *target,
               Column        *column)
{
  gtk_widget_remove_css_class (column->box, "drop-target");
}

/* A column shows its cards once its first filtering is done: binding and
 * laying out cards for each batch of a big book would cost a frame each.
 * One column per frame, so a frame lays out only one column's cards. */
static gboolean
attach_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  NudgePipelineView *self = NUDGE_PIPELINE_VIEW (widget);

  if (self->deals != NULL && self->columns != NULL && !nudge_record_list_is_loading (self->deals))
    for (guint i = 0; i < self->columns->len; i++)
      {
        Column *column = g_ptr_array_index (self->columns, i);

        if (gtk_list_view_get_model (GTK_LIST_VIEW (column->list)) == NULL &&
            gtk_filter_list_model_get_pending (column->filtered) == 0)
          {
            gtk_list_view_set_model (GTK_LIST_VIEW (column->list), GTK_SELECTION_MODEL (column->selection));
            return G_SOURCE_CONTINUE;
          }
      }
  self->attach_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
attach_filled_columns (NudgePipelineView *self)
{
  if (self->attach_tick == 0)
    self->attach_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), attach_tick_cb, NULL, NULL);
}

/* Shows the columns that are filtered, and a few more cards in the
 * columns scrolled near their last card. */
static gboolean
grow_cb (gpointer data)
{
  NudgePipelineView *self = data;

  self->grow_id = 0;
  if (self->detach)
    {
      self->detach = FALSE;
      for (guint i = 0; i < self->columns->len; i++)
        {
          Column *column = g_ptr_array_index (self->columns, i);

          if (gtk_filter_list_model_get_pending (column->filtered) == 0)
            continue;
          gtk_list_view_set_model (GTK_LIST_VIEW (column->list), NULL);
          nudge_head_list_model_set_size (column->shown, CARDS_STEP);
        }
    }
  attach_filled_columns (self);
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);
      guint size = nudge_head_list_model_get_size (column->shown);

      if (column->want_more && size < g_list_model_get_n_items (G_LIST_MODEL (column->sorted)))
        nudge_head_list_model_set_size (column->shown, size + CARDS_STEP);
      column->want_more = FALSE;
    }
  return G_SOURCE_REMOVE;
}

static void
column_scrolled_cb (GtkAdjustment *adjustment,
                    Column        *column)
{
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);

  /* Less than a screenful below: the next cards are added (not from
   * here, the list may be laying itself out) */
  if (value + 2 * page >= gtk_adjustment_get_upper (adjustment) &&
      nudge_head_list_model_get_size (column->shown) < g_list_model_get_n_items (G_LIST_MODEL (column->sorted)))
    {
      column->want_more = TRUE;
      queue_grow (column->view);
    }
}

static void
queue_grow (NudgePipelineView *self)
{
  if (self->grow_id == 0 && self->columns != NULL)
    self->grow_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, grow_cb, self, NULL);
}

/* A reload of the whole list (another program wrote) empties the columns
 * and fills them again batch by batch: their cards are unbound meanwhile
 * and shown again, one column per frame, when the columns are filtered. */
/* A load or a search refilters thousands of deals, a batch per main-loop
 * turn; a few changed deals (a move, an edit) are placed at once, before
 * the next frame. Runs before the columns' filters hear of the change. */
static void
filter_incrementally (NudgePipelineView *self,
                      gboolean           incremental)
{
  for (guint i = 0; self->columns != NULL && i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);

      /* Turning it off while a batch is pending would finish it now. */
      if (incremental || gtk_filter_list_model_get_pending (column->filtered) == 0)
        gtk_filter_list_model_set_incremental (column->filtered, incremental);
    }
}

static void
deals_changed_cb (NudgePipelineView *self,
                  guint              position,
                  guint              removed,
                  guint              added)
{
  filter_incrementally (self, added > FILTER_AT_ONCE);
  if (removed > CARDS_STEP * 8)
    self->detach = TRUE;
  queue_grow (self);
}

static void
column_pending_cb (NudgePipelineView *self)
{
  queue_grow (self);
  if (self->columns != NULL && !columns_filtering (self))
    {
      for (guint i = 0; i < self->columns->len; i++)
        show_column_count (g_ptr_array_index (self->columns, i));
      queue_totals (self);
    }
}

static void
column_items_changed_cb (GListModel        *model,
                         guint              position,
                         guint              removed,
                         guint              added,
                         NudgePipelineView *self)
{
  Column *column = NULL;

  /* The count follows at once, the amounts a few turns later */
  for (guint i = 0; i < self->columns->len && column == NULL; i++)
    if (((Column *) g_ptr_array_index (self->columns, i))->filtered == (GtkFilterListModel *) model)
      column = g_ptr_array_index (self->columns, i);
  if (column != NULL)
    show_column_count (column);
  queue_totals (self);
  queue_grow (self);
  if (self->focus_stage > 0 && added > 0)
    focus_deal (self, self->focus_deal, self->focus_stage);
}

static Column *
create_column (NudgePipelineView *self,
               NudgeStage        *stage)
{
  Column *column = g_new0 (Column, 1);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title;
  GtkWidget *scroller;
  GtkWidget *overlay;
  GtkCustomFilter *filter;
  GtkListItemFactory *factory;
  GtkDropTarget *target;
  g_autofree char *probability = NULL;

  column->view = self;
  column->stage = g_object_ref (stage);
  column->closing = !g_str_equal (nudge_stage_get_kind (stage), "open");

  column->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (column->box, "pipeline-column");
  if (column->closing)
    gtk_widget_add_css_class (column->box, "closing");
  gtk_widget_set_size_request (column->box, column->closing ? 200 : 280, -1);

  title = gtk_label_new (nudge_stage_get_name (stage));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  column->count = gtk_label_new ("0");
  gtk_widget_add_css_class (column->count, "stage-count");
  gtk_widget_add_css_class (column->count, "numeric");
  gtk_box_append (GTK_BOX (title_row), title);
  if (!column->closing)
    {
      probability = nudge_format_percent (nudge_stage_get_probability (stage));
      GtkWidget *p = gtk_label_new (probability);
      gtk_widget_add_css_class (p, "dim-label");
      gtk_widget_add_css_class (p, "caption");
      gtk_widget_set_tooltip_text (p, _("Probability of winning from this stage"));
      gtk_box_append (GTK_BOX (title_row), p);
    }
  gtk_box_append (GTK_BOX (title_row), column->count);
  gtk_box_append (GTK_BOX (header), title_row);

  column->total = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (column->total), 0);
  /* One figure; the tooltip has the breakdown should it not fit */
  gtk_label_set_ellipsize (GTK_LABEL (column->total), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (column->total, "numeric");
  gtk_box_append (GTK_BOX (header), column->total);
  column->weighted = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (column->weighted), 0);
  gtk_label_set_ellipsize (GTK_LABEL (column->weighted), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (column->weighted, "dim-label");
  gtk_widget_add_css_class (column->weighted, "caption");
  gtk_widget_set_visible (column->weighted, !column->closing);
  gtk_box_append (GTK_BOX (header), column->weighted);
  gtk_widget_add_css_class (header, "column-header");
  gtk_box_append (GTK_BOX (column->box), header);

  filter = gtk_custom_filter_new (column_filter_func, column, NULL);
  column->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->deals)), GTK_FILTER (filter));
  /* Thousands of deals are filtered a batch per main-loop turn */
  gtk_filter_list_model_set_incremental (column->filtered, TRUE);
  g_signal_connect_object (column->filtered, "notify::pending", G_CALLBACK (column_pending_cb), self,
                           G_CONNECT_SWAPPED);
  column->sorted = gtk_sort_list_model_new (G_LIST_MODEL (column->filtered), g_object_ref (self->sorter));
  column->shown = nudge_head_list_model_new (G_LIST_MODEL (column->sorted), CARDS_STEP);
  column->selection = gtk_single_selection_new (G_LIST_MODEL (column->shown));
  gtk_single_selection_set_autoselect (column->selection, FALSE);
  gtk_single_selection_set_can_unselect (column->selection, TRUE);
  g_signal_connect_object (column->filtered, "items-changed", G_CALLBACK (column_items_changed_cb), self, 0);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_card_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_card_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_card_cb), self, 0);
  /* The cards are bound when the column has filtered the whole book
   * (attach_filled_columns), not for every batch on the way there. */
  column->list = gtk_list_view_new (NULL, factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (column->list), FALSE);
  gtk_widget_add_css_class (column->list, "pipeline-list");
  g_signal_connect (column->list, "activate", G_CALLBACK (list_activate_cb), column);
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  nudge_stage_get_name (stage), -1);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), column->list);
  column->vadjustment = g_object_ref (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)));
  g_signal_connect (column->vadjustment, "value-changed", G_CALLBACK (column_scrolled_cb), column);
  g_signal_connect (column->vadjustment, "changed", G_CALLBACK (column_scrolled_cb), column);
  gtk_widget_set_vexpand (scroller, TRUE);

  column->placeholder = gtk_label_new (column->closing ? _("Drop a deal here to close it")
                                                       : _("No deals"));
  gtk_widget_add_css_class (column->placeholder, "dim-label");
  gtk_widget_set_valign (column->placeholder, GTK_ALIGN_START);
  gtk_widget_set_margin_top (column->placeholder, 24);
  gtk_widget_set_can_target (column->placeholder, FALSE);
  overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (overlay), scroller);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), column->placeholder);
  gtk_box_append (GTK_BOX (column->box), overlay);

  target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), column);
  g_signal_connect (target, "enter", G_CALLBACK (drop_enter_cb), column);
  g_signal_connect (target, "leave", G_CALLBACK (drop_leave_cb), column);
  gtk_widget_add_controller (column->box, GTK_EVENT_CONTROLLER (target));

  return column;
}

static void
load_pipelines (NudgePipelineView *self)
{
  g_autoptr(GPtrArray) pipelines = NULL;
  g_autoptr(GError) error = NULL;
  gint64 wanted = self->pipeline_id;
  guint selected = 0;
  guint n_old;

  if (wanted <= 0 && self->settings)
    wanted = g_settings_get_int64 (self->settings, "default-pipeline");

  if (!(pipelines = nudge_store_list_pipelines (self->store, &error)))
    {
      g_warning ("Could not list the pipelines: %s", error->message);
      return;
    }

  self->updating_selector = TRUE;
  g_array_set_size (self->pipeline_ids, 0);
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->pipeline_names));
  {
    g_autoptr(GPtrArray) names = g_ptr_array_new ();

    for (guint i = 0; i < pipelines->len; i++)
      {
        GObject *pipeline = g_ptr_array_index (pipelines, i);
        gint64 id = 0;
        char *name = NULL;

        g_object_get (pipeline, "id", &id, "name", &name, NULL);
        g_array_append_val (self->pipeline_ids, id);
        g_ptr_array_add (names, name);
        if (id == wanted)
          selected = i;
      }
    g_ptr_array_add (names, NULL);
    gtk_string_list_splice (self->pipeline_names, 0, n_old, (const char * const *) names->pdata);
    for (guint i = 0; i + 1 < names->len; i++)
      g_free (names->pdata[i]);
  }
  if (self->pipeline_ids->len > 0)
    {
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->pipeline_selector), selected);
      self->pipeline_id = g_array_index (self->pipeline_ids, gint64, selected);
    }
  gtk_widget_set_visible (self->pipeline_selector, self->pipeline_ids->len > 1);
  self->updating_selector = FALSE;
}

/* Whether the columns already are these stages (another program's write
 * announces every table as changed: the board then stays as it is). */
static gboolean
same_stages (NudgePipelineView *self,
             GPtrArray         *stages)
{
  if (stages == NULL || stages->len != self->columns->len || stages->len == 0)
    return FALSE;
  for (guint i = 0; i < stages->len; i++)
    {
      NudgeStage *stage = g_ptr_array_index (stages, i);
      NudgeStage *shown = ((Column *) g_ptr_array_index (self->columns, i))->stage;

      if (nudge_stage_get_id (stage) != nudge_stage_get_id (shown) ||
          nudge_stage_get_probability (stage) != nudge_stage_get_probability (shown) ||
          g_strcmp0 (nudge_stage_get_name (stage), nudge_stage_get_name (shown)) != 0 ||
          g_strcmp0 (nudge_stage_get_kind (stage), nudge_stage_get_kind (shown)) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
rebuild_columns (NudgePipelineView *self)
{
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  load_pipelines (self);

  if (self->pipeline_id > 0 &&
      !(stages = nudge_store_list_stages (self->store, self->pipeline_id, &error)))
    {
      g_warning ("Could not list the stages: %s", error->message);
      return;
    }
  if (same_stages (self, stages))
    {
      for (guint i = 0; i < stages->len; i++)
        g_set_object (&((Column *) g_ptr_array_index (self->columns, i))->stage, g_ptr_array_index (stages, i));
      return;
    }

  g_hash_table_remove_all (self->cards);
  while ((child = gtk_widget_get_first_child (self->columns_box)))
    gtk_box_remove (GTK_BOX (self->columns_box), child);
  g_ptr_array_set_size (self->columns, 0);
  restart_totals (self);

  if (stages == NULL)
    return;
  for (guint i = 0; i < stages->len; i++)
    {
      Column *column = create_column (self, g_ptr_array_index (stages, i));

      g_ptr_array_add (self->columns, column);
      gtk_box_append (GTK_BOX (self->columns_box), column->box);
      show_column_count (column);
    }
  queue_grow (self);
  queue_totals (self);
}

static gboolean
rebuild_cb (gpointer data)
{
  NudgePipelineView *self = data;

  self->rebuild_id = 0;
  rebuild_columns (self);
  return G_SOURCE_REMOVE;
}

/* ---- signal callbacks ------------------------------------------------- */

static void
store_changes_cb (NudgePipelineView *self,
                  NudgeChangeSet    *changes,
                  NudgeStore        *store)
{
  if (nudge_change_set_touches_any (changes, NUDGE_ENTITY_BIT (NUDGE_ENTITY_STAGE) |
                                             NUDGE_ENTITY_BIT (NUDGE_ENTITY_PIPELINE)) &&
      self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_cb, self);
  /* A new home currency or rate changes every figure, not the cards */
  if (nudge_change_set_touches_any (changes, NUDGE_ENTITY_BIT (NUDGE_ENTITY_CURRENCY)))
    {
      g_clear_pointer (&self->rates, nudge_rates_free);
      self->rates = nudge_rates_load (store);
      queue_totals (self);
    }
}

static void
pipeline_selected_cb (NudgePipelineView *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->pipeline_selector));

  if (self->updating_selector || selected >= self->pipeline_ids->len)
    return;
  self->pipeline_id = g_array_index (self->pipeline_ids, gint64, selected);
  if (self->settings)
    g_settings_set_int64 (self->settings, "default-pipeline", self->pipeline_id);
  rebuild_columns (self);
}

static void
search_changed_cb (NudgePipelineView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search));

  g_clear_pointer (&self->filter_text, g_free);
  if (text && *text)
    self->filter_text = g_utf8_casefold (text, -1);
  refilter (self);
}

/* The columns scroll up and down and would swallow Shift+wheel (and a
 * touchpad's sideways swipe) over their cards: the board takes those
 * before the columns see them and scrolls sideways. */
static gboolean
board_scroll_cb (GtkEventControllerScroll *controller,
                 double                    dx,
                 double                    dy,
                 GtkScrolledWindow        *board)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (board);
  double page = gtk_adjustment_get_page_size (hadjustment);
  double delta;

  if ((state & GDK_SHIFT_MASK) != 0 && dx == 0)
    delta = dy;
  else if (dx != 0 && ABS (dx) >= ABS (dy))
    delta = dx;
  else
    return FALSE;
  if (gtk_adjustment_get_upper (hadjustment) - gtk_adjustment_get_lower (hadjustment) <= page)
    return FALSE;

  /* The step GtkScrolledWindow uses for a wheel click */
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    delta *= pow (page, 2.0 / 3.0);
  gtk_adjustment_set_value (hadjustment, gtk_adjustment_get_value (hadjustment) + delta);
  return TRUE;
}

static void
sort_selected_cb (NudgePipelineView *self)
{
  self->sort_mode = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->sort_selector));
  gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

/* ---- overrides -------------------------------------------------------- */

static void
nudge_pipeline_view_dispose (GObject *object)
{
  NudgePipelineView *self = (NudgePipelineView *) object;
  GtkWidget *child;

  g_clear_handle_id (&self->totals_id, g_source_remove);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_handle_id (&self->grow_id, g_source_remove);
  if (self->attach_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->attach_tick);
  self->attach_tick = 0;
  g_clear_handle_id (&self->focus_id, g_source_remove);
  if (self->cards)
    g_hash_table_remove_all (self->cards);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_handle_id (&self->totals_id, g_source_remove);
  g_clear_pointer (&self->totals_all, nudge_pipeline_totals_free);
  g_clear_pointer (&self->totals_columns, g_ptr_array_unref);
  g_clear_object (&self->deals);
  g_clear_object (&self->sorter);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (nudge_pipeline_view_parent_class)->dispose (object);
}

static void
nudge_pipeline_view_finalize (GObject *object)
{
  NudgePipelineView *self = (NudgePipelineView *) object;

  g_clear_pointer (&self->cards, g_hash_table_unref);
  g_clear_pointer (&self->pipeline_ids, g_array_unref);
  g_clear_object (&self->pipeline_names);
  g_clear_pointer (&self->rates, nudge_rates_free);
  g_free (self->filter_text);
  g_free (self->undo_reason);

  G_OBJECT_CLASS (nudge_pipeline_view_parent_class)->finalize (object);
}

static void
nudge_pipeline_view_constructed (GObject *object)
{
  NudgePipelineView *self = (NudgePipelineView *) object;

  G_OBJECT_CLASS (nudge_pipeline_view_parent_class)->constructed (object);

  g_assert (NUDGE_IS_CONTEXT (self->context));
  self->store = g_object_ref (nudge_context_get_store (self->context));
  self->rates = nudge_rates_load (self->store);
  self->deals = nudge_record_list_new (self->store, NUDGE_ENTITY_DEAL);
  /* The columns fill when the worker has read the deals */
  nudge_record_list_load_async (self->deals);
  g_signal_connect_object (self->deals, "items-changed", G_CALLBACK (deals_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changes", G_CALLBACK (store_changes_cb), self, G_CONNECT_SWAPPED);
  rebuild_columns (self);
}

static void
nudge_pipeline_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  NudgePipelineView *self = NUDGE_PIPELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nudge_pipeline_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  NudgePipelineView *self = NUDGE_PIPELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nudge_pipeline_view_class_init (NudgePipelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nudge_pipeline_view_constructed;
  object_class->dispose = nudge_pipeline_view_dispose;
  object_class->get_property = nudge_pipeline_view_get_property;
  object_class->set_property = nudge_pipeline_view_set_property;

  properties[PROP_CONTEXT] = nudge_context_param_spec ();
  g_object_class_install_properties (object_class, N_PROPS, properties);
  object_class->finalize = nudge_pipeline_view_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pipelineview");

  gtk_widget_class_install_action (widget_class, "board.move-deal", "(xx)", move_deal_action);
  gtk_widget_class_install_action (widget_class, "board.move-step", "i", move_step_action);
  gtk_widget_class_install_action (widget_class, "board.undo-move", NULL, undo_move_action);
  gtk_widget_class_install_action (widget_class, "board.open-deal", "x", open_deal_action);
  gtk_widget_class_install_action (widget_class, "board.plan-next-step", "x", plan_next_step_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "board.move-step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "board.move-step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketleft, GDK_CONTROL_MASK, "board.move-step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketright, GDK_CONTROL_MASK, "board.move-step", "i", 1);
}

static GtkWidget *
make_toggle (const char *label,
             const char *tooltip)
{
  GtkWidget *toggle = gtk_toggle_button_new_with_mnemonic (label);

  gtk_widget_set_tooltip_text (toggle, tooltip);
  return toggle;
}

static void
nudge_pipeline_view_init (NudgePipelineView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *filters = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *scroller;
  GtkWidget *footer;
  static const char *const sort_labels[] = { N_("Next follow-up"), N_("Amount"), N_("Idle time"), NULL };
  g_autoptr(GtkStringList) sorts = gtk_string_list_new (NULL);
  static gboolean css_loaded;

  if (!css_loaded && gdk_display_get_default ())
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider, "/io/github/nudgecrm/Nudge/ui/nudge-pipeline-view.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      css_loaded = TRUE;
    }

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  self->columns = g_ptr_array_new_with_free_func (column_free);
  self->pipeline_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pipeline_names = gtk_string_list_new (NULL);
  self->cards = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->sorter = GTK_SORTER (gtk_custom_sorter_new (sort_func, self, NULL));

  {
    GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
    g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE) : NULL;

    if (schema)
      self->settings = g_settings_new (APPLICATION_ID);
  }

  /* Toolbar: pipeline, text filter, toggles, sort */
  gtk_widget_add_css_class (toolbar, "toolbar");
  self->pipeline_selector = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->pipeline_names)), NULL);
  gtk_widget_set_tooltip_text (self->pipeline_selector, _("Pipeline"));
  nudge_accessible_set_label (self->pipeline_selector, _("Pipeline"));
  g_signal_connect_swapped (self->pipeline_selector, "notify::selected", G_CALLBACK (pipeline_selected_cb), self);
  gtk_box_append (GTK_BOX (toolbar), self->pipeline_selector);

  self->search = gtk_search_entry_new ();
  g_object_set (self->search, "placeholder-text", _("Filter deals"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Filter deals"), -1);
  gtk_widget_set_hexpand (self->search, TRUE);
  /* Narrow windows: the entry gives way before the toggles do. */
  gtk_editable_set_width_chars (GTK_EDITABLE (self->search), 6);
  g_signal_connect_swapped (self->search, "search-changed", G_CALLBACK (search_changed_cb), self);
  gtk_box_append (GTK_BOX (toolbar), self->search);

  gtk_widget_add_css_class (filters, "linked");
  self->rotting_only = make_toggle (_("_Rotting"), _("Only deals idle longer than their stage allows"));
  self->show_on_hold = make_toggle (_("On _hold"), _("Show deals on hold"));
  self->show_closed = make_toggle (_("_Closed"), _("Show won and lost deals"));
  gtk_box_append (GTK_BOX (filters), self->rotting_only);
  gtk_box_append (GTK_BOX (filters), self->show_on_hold);
  gtk_box_append (GTK_BOX (filters), self->show_closed);
  gtk_box_append (GTK_BOX (toolbar), filters);
  if (self->settings)
    g_settings_bind (self->settings, "show-on-hold", self->show_on_hold, "active", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_swapped (self->rotting_only, "toggled", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self->show_on_hold, "toggled", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self->show_closed, "toggled", G_CALLBACK (refilter), self);

  for (guint i = 0; sort_labels[i]; i++)
    gtk_string_list_append (sorts, _(sort_labels[i]));
  self->sort_selector = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (sorts)), NULL);
  gtk_widget_set_tooltip_text (self->sort_selector, _("Sort cards by"));
  nudge_accessible_set_label (self->sort_selector, _("Sort cards by"));
  g_signal_connect_swapped (self->sort_selector, "notify::selected", G_CALLBACK (sort_selected_cb), self);
  gtk_box_append (GTK_BOX (toolbar), self->sort_selector);
  /* On a phone-narrow window the toolbar scrolls sideways instead of
   * holding the window wide. */
  {
    GtkWidget *toolbar_scroller = gtk_scrolled_window_new ();

    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (toolbar_scroller), GTK_POLICY_EXTERNAL, GTK_POLICY_NEVER);
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (toolbar_scroller), TRUE);
    gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (toolbar_scroller), TRUE);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (toolbar_scroller), toolbar);
    gtk_widget_set_parent (toolbar_scroller, GTK_WIDGET (self));
  }

  /* The board */
  self->columns_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->columns_box, "pipeline-board");
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_widget_add_css_class (scroller, "pipeline-board-scroller");
  /* Columns beyond the window's edge: the scrollbar says they are there */
  gtk_scrolled_window_set_overlay_scrolling (GTK_SCROLLED_WINDOW (scroller), FALSE);
  {
    GtkWidget *viewport = gtk_viewport_new (NULL, NULL);
    GtkEventController *wheel = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);

    /* Tab or a move into a column past the window's edge brings it in */
    gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), TRUE);
    gtk_viewport_set_child (GTK_VIEWPORT (viewport), self->columns_box);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), viewport);
    gtk_event_controller_set_propagation_phase (wheel, GTK_PHASE_CAPTURE);
    g_signal_connect (wheel, "scroll", G_CALLBACK (board_scroll_cb), scroller);
    gtk_widget_add_controller (scroller, wheel);
  }
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_set_parent (scroller, GTK_WIDGET (self));

  /* Footer: the whole pipeline */
  footer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (footer, "pipeline-footer");
  self->summary = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0);
  gtk_label_set_wrap (GTK_LABEL (self->summary), TRUE);
  gtk_widget_add_css_class (self->summary, "numeric");
  gtk_box_append (GTK_BOX (footer), self->summary);
  self->forecast = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->forecast), 0);
  gtk_label_set_wrap (GTK_LABEL (self->forecast), TRUE);
  gtk_widget_add_css_class (self->forecast, "numeric");
  gtk_widget_add_css_class (self->forecast, "dim-label");
  gtk_box_append (GTK_BOX (footer), self->forecast);
  gtk_widget_set_parent (footer, GTK_WIDGET (self));
}

/* ---- public API ------------------------------------------------------- */

GListModel *
nudge_pipeline_view_get_column_model (NudgePipelineView *self,
                                      gint64             stage_id)
{
  Column *column;

  g_return_val_if_fail (NUDGE_IS_PIPELINE_VIEW (self), NULL);

  column = find_column (self, stage_id);
  return column ? G_LIST_MODEL (column->sorted) : NULL;
}

GtkWidget *
nudge_pipeline_view_get_card (NudgePipelineView *self,
                              gint64             deal_id)
{
  g_return_val_if_fail (NUDGE_IS_PIPELINE_VIEW (self), NULL);
  return g_hash_table_lookup (self->cards, &deal_id);
}

char *
nudge_pipeline_view_get_summary (NudgePipelineView *self)
{
  g_return_val_if_fail (NUDGE_IS_PIPELINE_VIEW (self), NULL);
  update_totals (self);
  return g_strdup_printf ("%s\n%s", gtk_label_get_text (GTK_LABEL (self->summary)),
                          gtk_label_get_text (GTK_LABEL (self->forecast)));
}

/**
 * nudge_pipeline_view_dup_column_total:
 * @weighted: the weighted figure instead of the total
 * @out_tooltip: (out) (optional): the breakdown shown on hover
 *
 * Returns: (nullable): the figure a column header shows, NULL for an
 *   unknown stage
 */
char *
nudge_pipeline_view_dup_column_total (NudgePipelineView  *self,
                                      gint64              stage_id,
                                      gboolean            weighted,
                                      char              **out_tooltip)
{
  Column *column;
  GtkWidget *label;

  g_return_val_if_fail (NUDGE_IS_PIPELINE_VIEW (self), NULL);

  if (!(column = find_column (self, stage_id)))
    return NULL;
  update_totals (self);
  label = weighted ? column->weighted : column->total;
  if (out_tooltip != NULL)
    *out_tooltip = g_strdup (gtk_widget_get_tooltip_text (label));
  return g_strdup (gtk_label_get_text (GTK_LABEL (label)));
}

/* Whether the board shows the book as it is: the deals read, every column
 * filtered and sorted, the totals added up. */
gboolean
nudge_pipeline_view_is_busy (NudgePipelineView *self)
{
  g_return_val_if_fail (NUDGE_IS_PIPELINE_VIEW (self), FALSE);

  if (self->deals == NULL)
    return FALSE;
  if (nudge_record_list_is_loading (self->deals) || self->totals_id != 0 || self->rebuild_id != 0 ||
      self->grow_id != 0 || self->attach_tick != 0)
    return TRUE;
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);

      if (gtk_filter_list_model_get_pending (column->filtered) > 0 ||
          gtk_sort_list_model_get_pending (column->sorted) > 0)
        return TRUE;
    }
  return FALSE;
}

GtkWidget *
nudge_pipeline_view_new (NudgeContext *context)
{
  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);

  return g_object_new (NUDGE_TYPE_PIPELINE_VIEW, "context", context, NULL);
}

NudgeContext *
nudge_pipeline_view_get_context (NudgePipelineView *self)
{
  g_return_val_if_fail (NUDGE_IS_PIPELINE_VIEW (self), NULL);

  return self->context;
}
