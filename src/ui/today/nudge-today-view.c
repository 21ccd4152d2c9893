/* nudge-today-view.c
 *
 * Sections are GtkListBoxes bound to GListStores of NudgeOccurrence (and
 * NudgeDeal for "no next step"), rebuilt from
 * nudge_followups_list_occurrences() whenever the store changes. One
 * timeout is armed for the next moment a row turns overdue or the day
 * ends, so the view stays right without polling.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-today-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <stdio.h>

#include "nudge-accessible.h"
#include "nudge-clock.h"
#include "nudge-followup-editor.h"
#include "nudge-followups.h"
#include "nudge-format.h"
#include "nudge-next-step-dialog.h"
#include "nudge-automation.h"
#include "nudge-today-view-private.h"
#include "nudge-window.h"
#include "nudge-worker.h"
#include "nudge-view-actions.h"
#include "nudge-item-row.h"

G_DEFINE_FINAL_TYPE (NudgeTodayView, nudge_today_view, NUDGE_TYPE_VIEW)

enum {
  PROP_0,
  PROP_OVERDUE_COUNT,
  N_PROPS
};

enum {
  OPEN_RECORD,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_refresh (NudgeTodayView *self);
static void show_more_cb     (GtkButton      *button,
                              NudgeTodayView *self);

/* ---- helpers ---------------------------------------------------------- */

char *
_nudge_today_format_time_of_day (gint64 at)
{
  return nudge_format_time (at);
}

gint64
_nudge_today_local_midnight (gint64 at,
                             int    add_days)
{
  g_autoptr(GDateTime) local = nudge_clock_local_from_unix (at);
  g_autoptr(GDateTime) midnight = nudge_clock_local_new (g_date_time_get_year (local),
                                                        g_date_time_get_month (local),
                                                        g_date_time_get_day_of_month (local), 0, 0, 0);
  g_autoptr(GDateTime) moved = g_date_time_add_days (midnight, add_days);

  return g_date_time_to_unix (moved);
}

void
_nudge_today_open_record (NudgeTodayView *self,
                          NudgeEntity     entity,
                          gint64          id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_signal_emit (self, signals[OPEN_RECORD], 0, entity, id);
  if (NUDGE_IS_WINDOW (root))
    nudge_window_open_record (NUDGE_WINDOW (root), entity, id);
}

void
_nudge_today_show_error (NudgeTodayView *self,
                         const GError   *error)
{
  nudge_view_show_error (GTK_WIDGET (self), _("Could Not Change the Follow-up"), error);
}

/* Sets the badge of the view switcher page that holds this view. */
static void
update_badge (NudgeTodayView *self)
{
  GtkWidget *child = GTK_WIDGET (self);
  GtkWidget *parent = gtk_widget_get_parent (child);

  while (parent != NULL && !ADW_IS_VIEW_STACK (parent))
    {
      child = parent;
      parent = gtk_widget_get_parent (parent);
    }
  /* AdwViewStack keeps its children in an internal GtkStack. */
  if (parent == NULL)
    {
      GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_VIEW_STACK);

      if (stack == NULL)
        return;
      for (GtkWidget *w = GTK_WIDGET (self); w != NULL && w != stack; w = gtk_widget_get_parent (w))
        {
          AdwViewStackPage *page = adw_view_stack_get_page (ADW_VIEW_STACK (stack), w);

          if (page != NULL)
            {
              adw_view_stack_page_set_badge_number (page, self->n_overdue);
              adw_view_stack_page_set_needs_attention (page, self->n_overdue > 0);
              return;
            }
        }
      return;
    }
  {
    AdwViewStackPage *page = adw_view_stack_get_page (ADW_VIEW_STACK (parent), child);

    if (page != NULL)
      {
        adw_view_stack_page_set_badge_number (page, self->n_overdue);
        adw_view_stack_page_set_needs_attention (page, self->n_overdue > 0);
      }
  }
}

static void
set_section (GtkWidget  *section,
             GtkLabel   *title,
             guint       n,
             char       *text)
{
  gtk_widget_set_visible (section, n > 0);
  gtk_label_set_label (title, text);
  g_free (text);
}

static gboolean
tick_cb (gpointer data)
{
  NudgeTodayView *self = data;

  self->tick_id = 0;
  nudge_today_view_refresh (self);
  return G_SOURCE_REMOVE;
}

/* ---- signal callbacks ------------------------------------------------- */

static void
row_activated_cb (GtkListBox     *list,
                  GtkListBoxRow  *row,
                  NudgeTodayView *self)
{
  NudgeOccurrence *o = nudge_item_row_lookup (GTK_WIDGET (row), NUDGE_TYPE_OCCURRENCE);
  NudgeDeal *deal = nudge_item_row_lookup (GTK_WIDGET (row), NUDGE_TYPE_DEAL);

  if (deal != NULL)
    _nudge_today_open_record (self, NUDGE_ENTITY_DEAL, nudge_deal_get_id (deal));
  else if (o != NULL)
    {
      NudgeFollowup *f = nudge_occurrence_get_followup (o);

      if (nudge_followup_get_deal_id (f) > 0)
        _nudge_today_open_record (self, NUDGE_ENTITY_DEAL, nudge_followup_get_deal_id (f));
      else if (nudge_followup_get_contact_id (f) > 0)
        _nudge_today_open_record (self, NUDGE_ENTITY_CONTACT, nudge_followup_get_contact_id (f));
      else
        nudge_followup_editor_present (nudge_view_parent_window (GTK_WIDGET (self)), nudge_view_get_context (NUDGE_VIEW (self)), f,
                                       nudge_occurrence_get_recurring (o) ? nudge_occurrence_get_start (o) : 0, 0, 0);
    }
}

static void
store_changes_cb (NudgeStore     *store,
                  NudgeChangeSet *changes,
                  NudgeTodayView *self)
{
  if (nudge_change_set_touches_any (changes, NUDGE_ENTITY_BIT (NUDGE_ENTITY_FOLLOWUP) |
                                             NUDGE_ENTITY_BIT (NUDGE_ENTITY_DEAL) |
                                             NUDGE_ENTITY_BIT (NUDGE_ENTITY_CONTACT) |
                                             NUDGE_ENTITY_BIT (NUDGE_ENTITY_COMPANY)))
    schedule_refresh (self);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  NudgeTodayView *self = data;

  self->refresh_id = 0;
  nudge_today_view_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (NudgeTodayView *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_idle_cb, self);
}

/* ---- overrides -------------------------------------------------------- */

static void
set_secondary_visible (GtkWidget *widget,
                       gboolean   visible)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_has_css_class (child, "secondary-action"))
        gtk_widget_set_visible (child, visible);
      else
        set_secondary_visible (child, visible);
    }
}

/* Switched to, the keyboard starts on the first row to do: D, S and R
 * act at once. */
static gboolean
nudge_today_view_focus_start (NudgeView *view)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (view);
  GtkListBox *lists[] = { self->overdue_list, self->today_list, self->week_list };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (lists[i], 0);

      if (row != NULL && gtk_widget_get_mapped (GTK_WIDGET (lists[i])))
        return gtk_widget_grab_focus (GTK_WIDGET (row));
    }
  /* No row drawn yet: the view holds the keyboard until they are */
  if (!self->loaded || self->grow_id != 0)
    return FALSE;
  return NUDGE_VIEW_CLASS (nudge_today_view_parent_class)->focus_start (view);
}

/* Narrow: snooze and reschedule live in the rows' menus */
static void
nudge_today_view_narrow_changed (NudgeView *view)
{
  set_secondary_visible (GTK_WIDGET (view), !nudge_view_get_narrow (view));
}

static void
nudge_today_view_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (nudge_today_view_parent_class)->root (widget);
  update_badge (NUDGE_TODAY_VIEW (widget));
}

static void
nudge_today_view_constructed (GObject *object)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (object);

  G_OBJECT_CLASS (nudge_today_view_parent_class)->constructed (object);

  self->store = g_object_ref (nudge_view_get_store (NUDGE_VIEW (self)));
  g_signal_connect_object (self->store, "changes", G_CALLBACK (store_changes_cb), self, 0);
  nudge_today_view_refresh (self);
}

static void stop_waiting_for_paint (NudgeTodayView *self);

static void
nudge_today_view_dispose (GObject *object)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_TODAY_VIEW);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->grow_id, g_source_remove);
  stop_waiting_for_paint (self);
  for (guint i = 0; i < N_SECTIONS; i++)
    g_clear_pointer (&self->found[i], g_ptr_array_unref);
  g_clear_object (&self->overdue);
  g_clear_object (&self->today);
  g_clear_object (&self->week);
  g_clear_object (&self->nostep);
  g_clear_object (&self->rotting);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nudge_today_view_parent_class)->dispose (object);
}

static void
nudge_today_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (object);

  switch (prop_id)
    {
    case PROP_OVERDUE_COUNT:
      g_value_set_uint (value, self->n_overdue);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nudge_today_view_class_init (NudgeTodayViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nudge_today_view_constructed;
  object_class->dispose = nudge_today_view_dispose;
  object_class->get_property = nudge_today_view_get_property;
  widget_class->root = nudge_today_view_root;

  properties[PROP_OVERDUE_COUNT] =
    g_param_spec_uint ("overdue-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPEN_RECORD] =
    g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/nudge-today-view.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, stack);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, overdue_section);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, today_section);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, week_section);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, nostep_section);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, rotting_section);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, overdue_title);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, snooze_all_button);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, today_title);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, week_title);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, nostep_title);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, rotting_title);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, overdue_list);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, today_list);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, week_list);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, nostep_list);
  gtk_widget_class_bind_template_child (widget_class, NudgeTodayView, rotting_list);

  gtk_widget_class_install_action (widget_class, "today.done", "(xx)", _nudge_today_done_action);
  gtk_widget_class_install_action (widget_class, "today.snooze", "(xxi)", _nudge_today_snooze_action);
  gtk_widget_class_install_action (widget_class, "today.skip", "(xx)", _nudge_today_skip_action);
  gtk_widget_class_install_action (widget_class, "today.snooze-overdue", "i", _nudge_today_snooze_overdue_action);
  gtk_widget_class_install_action (widget_class, "today.plan", "(xx)", _nudge_today_plan_action);
  gtk_widget_class_install_action (widget_class, "today.log", "(xxs)", _nudge_today_log_action);
  gtk_widget_class_install_action (widget_class, "today.edit", "(xx)", _nudge_today_edit_action);
  gtk_widget_class_install_action (widget_class, "today.open", "(ix)", _nudge_today_open_action);
  gtk_widget_class_install_action (widget_class, "today.mailto", "s", _nudge_today_mailto_action);
  gtk_widget_class_install_action (widget_class, "today.add", NULL, _nudge_today_add_action);
  gtk_widget_class_install_action (widget_class, "today.key", "s", _nudge_today_key_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_d, 0, _nudge_today_key_binding, "s", "done");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, 0, _nudge_today_key_binding, "s", "snooze");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_r, 0, _nudge_today_key_binding, "s", "reschedule");
  /* The row's menu (log a call or an e-mail, edit, open), as a row's
   * menu opens in the List. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, _nudge_today_key_binding, "s", "more");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, _nudge_today_key_binding, "s", "more");

  NUDGE_VIEW_CLASS (klass)->narrow_changed = nudge_today_view_narrow_changed;
  NUDGE_VIEW_CLASS (klass)->focus_start = nudge_today_view_focus_start;
  gtk_widget_class_set_css_name (widget_class, "todayview");
}

static void
nudge_today_view_init (NudgeTodayView *self)
{
  g_autoptr(GMenuModel) snooze_all = _nudge_today_snooze_overdue_menu ();

  gtk_widget_init_template (GTK_WIDGET (self));
  nudge_view_set_narrow_width (NUDGE_VIEW (self), NARROW_WIDTH);
  gtk_menu_button_set_menu_model (self->snooze_all_button, snooze_all);

  /* Under "Next 7 Days": rules keep to a daily pace (nudge-pace.c), and
   * the seller sees the plan rather than a wall of rows. */
  self->queued_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->queued_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->queued_label), TRUE);
  gtk_widget_add_css_class (self->queued_label, "dim-label");
  gtk_widget_add_css_class (self->queued_label, "caption");
  gtk_widget_set_visible (self->queued_label, FALSE);
  gtk_box_insert_child_after (GTK_BOX (self->week_section), self->queued_label, GTK_WIDGET (self->week_title));

  /* Tests and tools may run without the compiled schema. */
  self->settings = nudge_view_settings_new ("working-day-start", "skip-weekends", NULL);

  self->overdue = g_list_store_new (NUDGE_TYPE_OCCURRENCE);
  self->today = g_list_store_new (NUDGE_TYPE_OCCURRENCE);
  self->week = g_list_store_new (NUDGE_TYPE_OCCURRENCE);
  self->nostep = g_list_store_new (NUDGE_TYPE_DEAL);
  self->rotting = g_list_store_new (NUDGE_TYPE_DEAL);
  gtk_list_box_bind_model (self->overdue_list, G_LIST_MODEL (self->overdue), _nudge_today_create_occurrence_row, self, NULL);
  gtk_list_box_bind_model (self->today_list, G_LIST_MODEL (self->today), _nudge_today_create_occurrence_row, self, NULL);
  gtk_list_box_bind_model (self->week_list, G_LIST_MODEL (self->week), _nudge_today_create_occurrence_row, self, NULL);
  gtk_list_box_bind_model (self->nostep_list, G_LIST_MODEL (self->nostep), _nudge_today_create_deal_row, self, NULL);
  gtk_list_box_bind_model (self->rotting_list, G_LIST_MODEL (self->rotting), _nudge_today_create_rotting_row, self, NULL);
  g_signal_connect (self->overdue_list, "row-activated", G_CALLBACK (row_activated_cb), self);
  g_signal_connect (self->today_list, "row-activated", G_CALLBACK (row_activated_cb), self);
  g_signal_connect (self->week_list, "row-activated", G_CALLBACK (row_activated_cb), self);
  g_signal_connect (self->nostep_list, "row-activated", G_CALLBACK (row_activated_cb), self);
  g_signal_connect (self->rotting_list, "row-activated", G_CALLBACK (row_activated_cb), self);

  self->cancellable = g_cancellable_new ();
  {
    GtkListBox *lists[N_SECTIONS] = { self->overdue_list, self->today_list, self->week_list,
                                      self->nostep_list, self->rotting_list };

    for (guint i = 0; i < N_SECTIONS; i++)
      {
        GtkWidget *button = gtk_button_new ();

        self->shown[i] = FIRST_ROWS;
        gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
        gtk_widget_add_css_class (button, "pill");
        gtk_widget_set_visible (button, FALSE);
        g_signal_connect (button, "clicked", G_CALLBACK (show_more_cb), self);
        gtk_box_append (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (lists[i]))), button);
        self->more_button[i] = button;
      }
  }
}

/* ---- public API ------------------------------------------------------- */

GtkWidget *
nudge_today_view_new (NudgeContext *context)
{
  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);

  return g_object_new (NUDGE_TYPE_TODAY_VIEW, "context", context, NULL);
}

typedef struct
{
  gint64     now;
  GPtrArray *occurrences;
  GPtrArray *deals;
  GPtrArray *rotting;
  guint      limit[N_SECTIONS];   /* the rows each section shows */
  guint      left_out[NUDGE_AGENDA_N_PARTS];  /* overdue, today, week */
  guint      n_deals;
  guint      n_rotting;
  guint      queued;        /* rules' follow-ups after the week */
  gint64     queued_last;
} RefreshJob;

static void
refresh_job_free (gpointer data)
{
  RefreshJob *job = data;

  g_clear_pointer (&job->occurrences, g_ptr_array_unref);
  g_clear_pointer (&job->deals, g_ptr_array_unref);
  g_clear_pointer (&job->rotting, g_ptr_array_unref);
  g_free (job);
}

/* On a worker: the queries of a big book take longer than a frame. */
static gboolean
refresh_job (NudgeStore    *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  RefreshJob *job = data;

  /* Only what the sections show is read, and counted otherwise: a big
   * book has thousands of overdue follow-ups and idle deals. */
  guint limits[NUDGE_AGENDA_N_PARTS] = { job->limit[SECTION_OVERDUE], job->limit[SECTION_TODAY],
                                         job->limit[SECTION_WEEK] };

  job->occurrences = nudge_followups_list_agenda (store, _nudge_today_local_midnight (job->now, 1),
                                                  _nudge_today_local_midnight (job->now, 8),
                                                  limits, job->left_out, error);
  if (job->occurrences == NULL)
    return FALSE;
  job->deals = nudge_followups_list_deals_without_next_step_page (store, job->limit[SECTION_NOSTEP],
                                                                  &job->n_deals, NULL);
  job->rotting = nudge_followups_list_rotting_deals_page (store, job->limit[SECTION_ROTTING],
                                                         &job->n_rotting, NULL);
  if (!nudge_rules_count_queued (store, _nudge_today_local_midnight (job->now, 8), &job->queued,
                                 &job->queued_last, NULL))
    job->queued = 0;
  return TRUE;
}

GListStore *
_nudge_today_section_store (NudgeTodayView *self,
                            guint           section)
{
  switch (section)
    {
    case SECTION_OVERDUE: return self->overdue;
    case SECTION_TODAY:   return self->today;
    case SECTION_WEEK:    return self->week;
    case SECTION_NOSTEP:  return self->nostep;
    case SECTION_ROTTING: return self->rotting;
    default: g_assert_not_reached ();
    }
}

static void
update_more_button (NudgeTodayView *self,
                    guint           section)
{
  guint total = self->total[section];
  guint left = total > self->shown[section] ? total - self->shown[section] : 0;
  guint next = MIN (left, MORE_ROWS);
  g_autofree char *label = NULL;

  gtk_widget_set_visible (self->more_button[section], left > 0);
  if (left == 0)
    return;
  /* TRANSLATORS: a button under a long section of Today */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u More", "Show %u More", next), next);
  gtk_button_set_label (GTK_BUTTON (self->more_button[section]), label);
}

#define ROWS_PER_TURN 4
/* Rows shown for the first time are measured and their text shaped in
 * the next frame: at most this many a frame, so no frame lays out a
 * whole screen of new rows (up to 50 ms on the 100k book). */
#define ROWS_PER_FRAME 12

static gboolean grow_cb (gpointer data);

static void
stop_waiting_for_paint (NudgeTodayView *self)
{
  nudge_clear_clock_handler (&self->grow_clock, &self->grow_paint_id);
}

static void
grow_after_paint_cb (GdkFrameClock  *clock,
                     NudgeTodayView *self)
{
  stop_waiting_for_paint (self);
  if (self->grow_id == 0)
    self->grow_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, grow_cb, self, NULL);
}

static gboolean
grow_cb (gpointer data)
{
  NudgeTodayView *self = data;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  guint budget = ROWS_PER_TURN;

  if (clock != NULL)
    {
      gint64 frame = gdk_frame_clock_get_frame_counter (clock);

      if (frame != self->grow_frame)
        {
          self->grow_frame = frame;
          self->grown_in_frame = 0;
        }
      if (self->grown_in_frame >= ROWS_PER_FRAME)
        {
          /* The rest after this frame is painted. */
          self->grow_id = 0;
          self->grow_clock = g_object_ref (clock);
          self->grow_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (grow_after_paint_cb), self);
          return G_SOURCE_REMOVE;
        }
    }

  for (guint i = 0; i < N_SECTIONS && budget > 0; i++)
    {
      GListStore *store = _nudge_today_section_store (self, i);
      GPtrArray *found = self->found[i];
      guint have = g_list_model_get_n_items (G_LIST_MODEL (store));
      guint want = found ? MIN (self->shown[i], found->len) : 0;
      guint add = want > have ? MIN (want - have, budget) : 0;

      if (add > 0)
        {
          g_list_store_splice (store, have, 0, found->pdata + have, add);
          budget -= add;
          self->grown_in_frame += add;
        }
    }
  if (budget > 0)
    {
      self->grow_id = 0;
      nudge_view_content_ready (NUDGE_VIEW (self));
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Whether a row's item and a fresh one are about the same thing. */
static gint64
item_key (guint    section,
          gpointer item)
{
  if (section <= SECTION_WEEK)
    {
      NudgeOccurrence *o = item;

      /* An occurrence is its follow-up and its start; a clash of two
       * keys only costs a row built again. */
      return nudge_followup_get_id (nudge_occurrence_get_followup (o)) * 1000003 ^ nudge_occurrence_get_start (o);
    }
  return nudge_deal_get_id (item);
}

/* Whether a row showing @a shows exactly what it would for @b. */
static gboolean
same_item (guint    section,
           gpointer a,
           gpointer b)
{
  if (section <= SECTION_WEEK)
    {
      NudgeOccurrence *oa = a, *ob = b;
      NudgeFollowup *fa = nudge_occurrence_get_followup (oa), *fb = nudge_occurrence_get_followup (ob);

      return nudge_followup_get_id (fa) == nudge_followup_get_id (fb) &&
             nudge_occurrence_get_start (oa) == nudge_occurrence_get_start (ob) &&
             nudge_occurrence_get_due_at (oa) == nudge_occurrence_get_due_at (ob) &&
             nudge_occurrence_get_local_due_at (oa) == nudge_occurrence_get_local_due_at (ob) &&
             nudge_occurrence_get_is_overdue (oa) == nudge_occurrence_get_is_overdue (ob) &&
             nudge_followup_get_updated_at (fa) == nudge_followup_get_updated_at (fb) &&
             g_strcmp0 (nudge_followup_get_title (fa), nudge_followup_get_title (fb)) == 0 &&
             g_strcmp0 (nudge_followup_get_deal_title (fa), nudge_followup_get_deal_title (fb)) == 0 &&
             g_strcmp0 (nudge_followup_get_contact_name (fa), nudge_followup_get_contact_name (fb)) == 0 &&
             g_strcmp0 (nudge_followup_get_deal_temperature (fa), nudge_followup_get_deal_temperature (fb)) == 0 &&
             nudge_followup_get_deal_score (fa) == nudge_followup_get_deal_score (fb);
    }
  else
    {
      NudgeDeal *da = a, *db = b;

      return nudge_deal_get_id (da) == nudge_deal_get_id (db) &&
             nudge_deal_get_updated_at (da) == nudge_deal_get_updated_at (db) &&
             nudge_deal_get_last_activity_at (da) == nudge_deal_get_last_activity_at (db) &&
             g_strcmp0 (nudge_deal_get_stage_name (da), nudge_deal_get_stage_name (db)) == 0 &&
             g_strcmp0 (nudge_deal_get_company_name (da), nudge_deal_get_company_name (db)) == 0;
    }
}

/* Shows the first rows of a section. The rows on screen are matched
 * against the fresh list in order: a row still right stays, a row whose
 * item is gone is removed, a changed or new item gets a row where it
 * belongs. Done on the first of twenty rows so removes one row and adds
 * the twenty-first, instead of building the nineteen others again. When
 * more than a few rows would be built at once (a new day, a new order),
 * the rest is left to grow_cb, a few per main-loop turn, so a refresh
 * never holds a frame. */
static void
fill_section (NudgeTodayView *self,
              guint           section)
{
  GListStore *store = _nudge_today_section_store (self, section);
  GListModel *model = G_LIST_MODEL (store);
  GPtrArray *found = self->found[section];
  guint n = MIN (self->shown[section], found->len);
  guint have = g_list_model_get_n_items (model);
  guint pos = 0, next = 0, built = 0;
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < n; i++)
    g_hash_table_add (keys, g_memdup2 (&(gint64) { item_key (section, g_ptr_array_index (found, i)) }, sizeof (gint64)));

  while (next < n && pos < have && built <= ROWS_PER_TURN)
    {
      g_autoptr(GObject) old = g_list_model_get_item (model, pos);
      gpointer fresh = g_ptr_array_index (found, next);
      gint64 old_key = item_key (section, old);

      if (same_item (section, old, fresh))
        {
          pos++;
          next++;
        }
      else if (!g_hash_table_contains (keys, &old_key))
        {
          g_list_store_remove (store, pos);
          have--;
        }
      else
        {
          /* The same item changed (one row for another), or a new one
           * comes before a row that stays. */
          guint removed = old_key == item_key (section, fresh) ? 1 : 0;

          g_list_store_splice (store, pos, removed, &fresh, 1);
          have += 1 - removed;
          pos++;
          next++;
          built++;
        }
    }

  /* What is left on screen past the rows that match is stale; what is
   * left to show comes from grow_cb. */
  if (pos < have)
    g_list_store_splice (store, pos, have - pos, NULL, 0);
  update_more_button (self, section);
  if (pos < n && self->grow_id == 0 && self->grow_paint_id == 0)
    self->grow_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, grow_cb, self, NULL);
}

static void
show_more_cb (GtkButton      *button,
              NudgeTodayView *self)
{
  for (guint i = 0; i < N_SECTIONS; i++)
    if (self->more_button[i] == GTK_WIDGET (button))
      {
        self->shown[i] += MORE_ROWS;
        /* The last refresh read only the rows shown before. */
        if (self->found[i] != NULL && self->found[i]->len < MIN (self->shown[i], self->total[i]))
          nudge_today_view_refresh (self);
        else
          fill_section (self, i);
      }
}

static void
apply_refresh (NudgeTodayView *self,
               RefreshJob     *job)
{
  g_autoptr(GPtrArray) overdue = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) today = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) week = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = nudge_clock_now ();
  gint64 end_of_today = _nudge_today_local_midnight (now, 1);
  gint64 next_change = end_of_today;
  guint counts[N_SECTIONS];
  gboolean empty;

  for (guint i = 0; i < job->occurrences->len; i++)
    {
      NudgeOccurrence *o = g_ptr_array_index (job->occurrences, i);
      /* An all-day one by its own day, whatever the desktop's zone */
      gint64 due = nudge_occurrence_get_local_due_at (o);

      if (nudge_occurrence_get_is_overdue (o))
        g_ptr_array_add (overdue, g_object_ref (o));
      else
        {
          if (due < end_of_today)
            g_ptr_array_add (today, g_object_ref (o));
          else
            g_ptr_array_add (week, g_object_ref (o));
          if (!nudge_occurrence_get_all_day (o) && due > now && due < next_change)
            next_change = due;
        }
    }

  for (guint i = 0; i < N_SECTIONS; i++)
    g_clear_pointer (&self->found[i], g_ptr_array_unref);
  self->found[SECTION_OVERDUE] = g_steal_pointer (&overdue);
  self->found[SECTION_TODAY] = g_steal_pointer (&today);
  self->found[SECTION_WEEK] = g_steal_pointer (&week);
  self->found[SECTION_NOSTEP] = job->deals ? g_ptr_array_ref (job->deals)
                                           : g_ptr_array_new_with_free_func (g_object_unref);
  self->found[SECTION_ROTTING] = job->rotting ? g_ptr_array_ref (job->rotting)
                                             : g_ptr_array_new_with_free_func (g_object_unref);
  counts[SECTION_OVERDUE] = self->found[SECTION_OVERDUE]->len + job->left_out[NUDGE_AGENDA_OVERDUE];
  counts[SECTION_TODAY] = self->found[SECTION_TODAY]->len + job->left_out[NUDGE_AGENDA_TODAY];
  counts[SECTION_WEEK] = self->found[SECTION_WEEK]->len + job->left_out[NUDGE_AGENDA_LATER];
  counts[SECTION_NOSTEP] = job->deals ? job->n_deals : 0;
  counts[SECTION_ROTTING] = job->rotting ? job->n_rotting : 0;
  for (guint i = 0; i < N_SECTIONS; i++)
    {
      self->total[i] = counts[i];
      fill_section (self, i);
    }

  {
    /* A big book has thousands overdue: "1 950" in Czech, "1,950" in English */
    g_autofree char *n_overdue = nudge_format_number (counts[SECTION_OVERDUE], 0);
    g_autofree char *n_today = nudge_format_number (counts[SECTION_TODAY], 0);
    g_autofree char *n_week = nudge_format_number (counts[SECTION_WEEK], 0);
    g_autofree char *n_rotting = nudge_format_number (counts[SECTION_ROTTING], 0);
    g_autofree char *n_nostep = nudge_format_number (counts[SECTION_NOSTEP], 0);

    /* TRANSLATORS: section titles with the number of rows */
    set_section (self->overdue_section, self->overdue_title, counts[SECTION_OVERDUE],
                 g_strdup_printf (_("Overdue · %s"), n_overdue));
    set_section (self->today_section, self->today_title, counts[SECTION_TODAY],
                 g_strdup_printf (_("Today · %s"), n_today));
    set_section (self->week_section, self->week_title, counts[SECTION_WEEK],
                 g_strdup_printf (_("Next 7 Days · %s"), n_week));
    set_section (self->rotting_section, self->rotting_title, counts[SECTION_ROTTING],
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s Rotting Deal", "%s Rotting Deals",
                                               counts[SECTION_ROTTING]), n_rotting));
    set_section (self->nostep_section, self->nostep_title, counts[SECTION_NOSTEP],
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s Deal With No Next Step",
                                               "%s Deals With No Next Step", counts[SECTION_NOSTEP]),
                                  n_nostep));
  }

  if (job->queued > 0)
    {
      g_autofree char *last = nudge_format_date (job->queued_last);
      g_autofree char *queued = nudge_format_number (job->queued, 0);
      g_autofree char *text = NULL;

      /* Translators: under the next 7 days' follow-ups: "Rules have planned 12 more
       * follow-ups after these, a few a day until 18. 12. 2026" */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Rules have planned %s more follow-up after these, a few a day until %s",
                                           "Rules have planned %s more follow-ups after these, a few a day until %s",
                                           job->queued),
                              queued, last);
      gtk_label_set_label (GTK_LABEL (self->queued_label), text);
    }
  gtk_widget_set_visible (self->queued_label, job->queued > 0);

  empty = counts[0] + counts[1] + counts[2] + counts[3] + counts[4] == 0;
  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");

  if (counts[SECTION_OVERDUE] != self->n_overdue)
    {
      self->n_overdue = counts[SECTION_OVERDUE];
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERDUE_COUNT]);
    }
  update_badge (self);

  /* Wake up when the next row turns overdue or the day ends. */
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (!nudge_clock_is_pinned ())
    self->tick_id = g_timeout_add_seconds ((guint) CLAMP (next_change - now + 1, 1, 24 * 3600), tick_cb, self);
}

static gboolean
initial_focus (GtkWidget *focus)
{
  return focus == NULL ||
         (gtk_widget_get_ancestor (focus, ADW_TYPE_HEADER_BAR) != NULL &&
          gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) == NULL);
}

/* The app opens on Today: the first row to do has the keyboard, so D, S
 * and R work at once, rather than the header bar's first button the
 * window gave it; not when the user went elsewhere meanwhile. After the
 * first rows are in, once they are drawn. */
static gboolean
take_initial_focus (gpointer data)
{
  NudgeTodayView *self = data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)) && initial_focus (gtk_root_get_focus (root)))
    nudge_view_focus_start (NUDGE_VIEW (self));
  return G_SOURCE_REMOVE;
}

static void
refresh_done (gpointer      owner,
              gpointer      data,
              const GError *error)
{
  NudgeTodayView *self = owner;
  gboolean first = !self->loaded;

  self->loading = FALSE;
  if (nudge_worker_succeeded (error, "Could not list follow-ups") && self->store != NULL)
    {
      apply_refresh (self, data);
      self->loaded = TRUE;
      if (first)
        g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, take_initial_focus, g_object_ref (self), g_object_unref);
    }

  if (self->refresh_again && self->store != NULL)
    {
      self->refresh_again = FALSE;
      nudge_today_view_refresh (self);
    }
}

/**
 * nudge_today_view_refresh:
 *
 * Lists what is due again, on a worker thread; the sections change when
 * the answer comes back.
 */
void
nudge_today_view_refresh (NudgeTodayView *self)
{
  RefreshJob *job;

  g_return_if_fail (NUDGE_IS_TODAY_VIEW (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->loading)
    {
      self->refresh_again = TRUE;
      return;
    }

  job = g_new0 (RefreshJob, 1);
  job->now = nudge_clock_now ();
  memcpy (job->limit, self->shown, sizeof job->limit);
  self->loading = TRUE;
  nudge_worker_run (self->store, refresh_job, job, refresh_job_free, self->cancellable,
                    refresh_done, self);
}

/* Whether the sections show the answer to the latest refresh. */
gboolean
nudge_today_view_is_loaded (NudgeTodayView *self)
{
  g_return_val_if_fail (NUDGE_IS_TODAY_VIEW (self), FALSE);

  return self->loaded && !self->loading && self->refresh_id == 0 && self->grow_id == 0 &&
         self->grow_paint_id == 0;
}

/* What the row with the keyboard focus is about: the contact of a
 * follow-up (its deal when it has no contact), or a listed deal. */
gint64
nudge_today_view_get_focused_record (NudgeTodayView *self,
                                     NudgeEntity    *entity)
{
  GtkRoot *root;
  GtkWidget *focus;
  NudgeOccurrence *o;
  NudgeDeal *deal;

  g_return_val_if_fail (NUDGE_IS_TODAY_VIEW (self), 0);

  if (!(root = gtk_widget_get_root (GTK_WIDGET (self))) || !(focus = gtk_root_get_focus (root)) ||
      !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return 0;
  if ((o = nudge_item_row_lookup (focus, NUDGE_TYPE_OCCURRENCE)))
    {
      NudgeFollowup *f = nudge_occurrence_get_followup (o);

      if (nudge_followup_get_contact_id (f) != 0)
        {
          *entity = NUDGE_ENTITY_CONTACT;
          return nudge_followup_get_contact_id (f);
        }
      *entity = NUDGE_ENTITY_DEAL;
      return nudge_followup_get_deal_id (f);
    }
  if ((deal = nudge_item_row_lookup (focus, NUDGE_TYPE_DEAL)))
    {
      *entity = NUDGE_ENTITY_DEAL;
      return nudge_deal_get_id (deal);
    }
  return 0;
}

guint
nudge_today_view_get_overdue_count (NudgeTodayView *self)
{
  g_return_val_if_fail (NUDGE_IS_TODAY_VIEW (self), 0);
  return self->n_overdue;
}
