/* nudge-calendar-cells.c — what the Calendar shows: a month of day
 * cells with follow-up chips (drag to reschedule, "+N more"), the weekday
 * row, and the agenda of a narrow window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-calendar"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "nudge-calendar-view-private.h"
#include "nudge-clock.h"
#include "nudge-followup-editor.h"
#include "nudge-followups.h"
#include "nudge-format.h"
#include "nudge-item-row.h"
#include "nudge-pace.h"
#include "nudge-tooltip.h"
#include "nudge-view.h"
#include "nudge-view-actions.h"
#include "nudge-worker.h"

/* A chip or an agenda row opens its follow-up (a repeating one at that
 * occurrence) in the editor. */
void
_nudge_calendar_edit_occurrence (NudgeCalendarView *self,
                                 NudgeOccurrence   *o)
{
  nudge_followup_editor_present (nudge_view_parent_window (GTK_WIDGET (self)), nudge_view_get_context (NUDGE_VIEW (self)),
                                 nudge_occurrence_get_followup (o),
                                 nudge_occurrence_get_recurring (o) ? nudge_occurrence_get_start (o) : 0,
                                 0, 0);
}

static void
chip_clicked_cb (GtkButton       *button,
                 NudgeOccurrence *o)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (button), NUDGE_TYPE_CALENDAR_VIEW);

  if (view != NULL)
    _nudge_calendar_edit_occurrence (NUDGE_CALENDAR_VIEW (view), o);
}

static GdkContentProvider *
chip_drag_prepare_cb (GtkDragSource   *source,
                      double           x,
                      double           y,
                      NudgeOccurrence *o)
{
  g_autofree char *payload = _nudge_calendar_occurrence_payload (o);

  return gdk_content_provider_new_typed (G_TYPE_STRING, payload);
}

static void
chip_drag_begin_cb (GtkDragSource *source,
                    GdkDrag       *drag,
                    gpointer       user_data)
{
  GtkWidget *chip = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (chip);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static GtkWidget *
create_chip (NudgeOccurrence *o)
{
  NudgeFollowup *f = nudge_occurrence_get_followup (o);
  g_autofree char *text = _nudge_calendar_occurrence_label (o);
  g_autofree char *kind_class = g_strconcat ("kind-", nudge_followup_get_kind (f), NULL);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *chip = gtk_button_new ();
  GtkDragSource *source;

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_button_set_child (GTK_BUTTON (chip), label);
  _nudge_calendar_set_occurrence (chip, o);
  nudge_tooltip_set_static (chip, text);
  {
    g_autofree char *day = nudge_format_date (nudge_occurrence_get_local_due_at (o));
    g_autofree char *name = nudge_occurrence_get_is_overdue (o)
      /* Translators: a follow-up in the calendar, read by screen readers:
       * its time and title, then its day, e.g. "09:00 Call Jan Novák, 12/01/26, overdue" */
      ? g_strdup_printf (_("%s, %s, overdue"), text, day)
      : nudge_occurrence_get_state (o) == NUDGE_OCCURRENCE_DONE
      /* Translators: a follow-up in the calendar that was done, read by
       * screen readers: its time and title, then its day, e.g.
       * "09:00 Call Jan Novák, 12/01/26, done" */
      ? g_strdup_printf (_("%s, %s, done"), text, day)
      /* Translators: a follow-up in the calendar, read by screen readers:
       * its time and title, then its day, e.g. "09:00 Call Jan Novák, 12/01/26" */
      : g_strdup_printf (_("%s, %s"), text, day);

    gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
  gtk_widget_add_css_class (chip, "flat");
  gtk_widget_add_css_class (chip, "calendar-chip");
  gtk_widget_add_css_class (chip, kind_class);
  if (nudge_occurrence_get_is_overdue (o))
    gtk_widget_add_css_class (chip, "overdue");
  if (nudge_occurrence_get_state (o) == NUDGE_OCCURRENCE_DONE)
    gtk_widget_add_css_class (chip, "done");
  g_signal_connect_data (chip, "clicked", G_CALLBACK (chip_clicked_cb),
                         g_object_ref (o), (GClosureNotify) (void (*) (void)) g_object_unref, 0);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect_data (source, "prepare", G_CALLBACK (chip_drag_prepare_cb),
                         g_object_ref (o), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  g_signal_connect (source, "drag-begin", G_CALLBACK (chip_drag_begin_cb), NULL);
  gtk_widget_add_controller (chip, GTK_EVENT_CONTROLLER (source));
  return chip;
}

/* What a day cell's handlers act on: the view and the day */
typedef struct
{
  NudgeCalendarView *self;
  GDate              date;
} CellDay;

static CellDay *
cell_day_new (NudgeCalendarView *self,
              const GDate       *date)
{
  CellDay *day = g_new (CellDay, 1);

  day->self = self;
  day->date = *date;
  return day;
}

static gboolean
cell_drop_cb (GtkDropTarget *target,
              const GValue  *value,
              double         x,
              double         y,
              CellDay       *cell_day)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  const GDate *date = &cell_day->date;
  const char *payload = g_value_get_string (value);
  gint64 id = 0, occurrence = 0;
  char day[16];

  gtk_widget_remove_css_class (cell, "drop-target");
  if (payload == NULL || sscanf (payload, "%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, &id, &occurrence) != 2)
    return FALSE;
  g_snprintf (day, sizeof day, "%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
              g_date_get_day (date));
  gtk_widget_activate_action (GTK_WIDGET (cell_day->self), "calendar.reschedule", "(xxss)", id, occurrence, day, "");
  return TRUE;
}

static GdkDragAction
cell_enter_cb (GtkDropTarget *target,
               double         x,
               double         y,
               gpointer       user_data)
{
  gtk_widget_add_css_class (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)), "drop-target");
  return GDK_ACTION_MOVE;
}

static void
cell_leave_cb (GtkDropTarget *target,
               gpointer       user_data)
{
  gtk_widget_remove_css_class (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)), "drop-target");
}

/* Moving the selection inside the visible month only restyles the cells:
 * rebuilding them under the pointer would drop a click on a chip. */
void
_nudge_calendar_select_date (NudgeCalendarView *self,
                             const GDate       *date)
{
  gboolean same_month = g_date_get_month (date) == g_date_get_month (&self->selected) &&
                        g_date_get_year (date) == g_date_get_year (&self->selected);
  int index = g_date_days_between (&self->first, date);

  self->selected = *date;
  if (self->mode != MODE_MONTH || !same_month || index < 0 || index >= GRID_DAYS)
    {
      _nudge_calendar_refresh (self);
      return;
    }
  _nudge_calendar_mark_selected (self);
}

static gboolean
focus_in_month (NudgeCalendarView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->month_grid));
}

/* Tab into the month goes first to the selected day's cell (it went to
 * the top-left day, a week of the month before): the grid's focus child
 * as the focus comes in. */
void
_nudge_calendar_lead_focus_to_selected (NudgeCalendarView *self)
{
  int index = g_date_days_between (&self->first, &self->selected);

  if (self->mode != MODE_MONTH || index < 0 || index >= GRID_DAYS || self->cells[index] == NULL ||
      focus_in_month (self))
    return;
  gtk_widget_set_focus_child (GTK_WIDGET (self->month_grid), self->cells[index]);
}

void
_nudge_calendar_mark_selected (NudgeCalendarView *self)
{
  int index = g_date_days_between (&self->first, &self->selected);

  for (int d = 0; d < GRID_DAYS; d++)
    if (self->cells[d] != NULL)
      {
        if (d == index)
          gtk_widget_add_css_class (self->cells[d], "selected");
        else
          gtk_widget_remove_css_class (self->cells[d], "selected");
      }
}

void
_nudge_calendar_new_followup_on (NudgeCalendarView *self,
                                 const GDate       *date)
{
  NudgeFollowupEditor *editor;

  _nudge_calendar_select_date (self, date);
  editor = nudge_followup_editor_present (nudge_view_parent_window (GTK_WIDGET (self)), nudge_view_get_context (NUDGE_VIEW (self)),
                                          NULL, 0, 0, 0);
  /* The new follow-up starts on the activated day */
  nudge_followup_editor_set_day (editor, g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

static void
cell_pressed_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 CellDay         *cell_day)
{
  GDate date = cell_day->date;

  /* Selecting may rebuild the cells, and this handler's data with them */
  if (n_press == 2)
    _nudge_calendar_new_followup_on (cell_day->self, &date);
  else
    _nudge_calendar_select_date (cell_day->self, &date);
}

/* The day the focus is on is the selected day: Ctrl+Enter adds to it,
 * and the arrow keys move from it. A day of the months around is left
 * alone: selecting it would turn the page under the focus. */
static void
cell_focus_enter_cb (GtkEventControllerFocus *controller,
                     CellDay                 *cell_day)
{
  NudgeCalendarView *self = cell_day->self;
  GDate date = cell_day->date;

  if (g_date_compare (&date, &self->selected) != 0 &&
      g_date_get_month (&date) == g_date_get_month (&self->selected) &&
      g_date_get_year (&date) == g_date_get_year (&self->selected))
    _nudge_calendar_select_date (self, &date);
}

static void
more_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
}

static void
more_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, create_chip (gtk_list_item_get_item (item)));
}

static void
more_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  gtk_list_item_set_child (item, NULL);
}

#define MORE_STEP 30
#define MORE_MAX_HEIGHT 480
#define MORE_MIN_HEIGHT 120
#define MORE_WINDOW_MARGIN 220
/* Wide enough for a title of a few words */
#define MORE_WIDTH 320

/* The chips of a busy day's list built so far, and more to come */
typedef struct
{
  GtkSliceListModel *slice;
  guint              grow_id;
} MoreList;

static void
more_list_free (gpointer data)
{
  MoreList *more = data;

  g_clear_handle_id (&more->grow_id, g_source_remove);
  g_object_unref (more->slice);
  g_free (more);
}

static gboolean
grow_more_cb (gpointer data)
{
  MoreList *more = data;
  guint size = gtk_slice_list_model_get_size (more->slice);
  GListModel *all = gtk_slice_list_model_get_model (more->slice);

  more->grow_id = 0;
  if (all != NULL && size < g_list_model_get_n_items (all))
    gtk_slice_list_model_set_size (more->slice, size + MORE_STEP);
  return G_SOURCE_REMOVE;
}

/* Near the end of the chips built so far: the next ones (not from here,
 * the list may be laying itself out) */
static void
more_scrolled_cb (GtkAdjustment *adjustment,
                  MoreList      *more)
{
  if (gtk_adjustment_get_value (adjustment) + 2 * gtk_adjustment_get_page_size (adjustment) >=
        gtk_adjustment_get_upper (adjustment) &&
      more->grow_id == 0)
    more->grow_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, grow_more_cb, more, NULL);
}

/* The list may be as tall as the window leaves room for, never taller:
 * the rest scrolls. */
static int
more_max_height (GtkWidget *button)
{
  GtkRoot *root = gtk_widget_get_root (button);
  int height = root != NULL ? gtk_widget_get_height (GTK_WIDGET (root)) : 0;

  if (height <= 0)
    return MORE_MAX_HEIGHT;
  return CLAMP (height - MORE_WINDOW_MARGIN, MORE_MIN_HEIGHT, MORE_MAX_HEIGHT);
}

/* The window may have been resized since the list was built (the
 * button's tooltip is off while the list is open: nudge-tooltip.c) */
static void
more_popover_visible_cb (GtkWidget  *popover,
                         GParamSpec *pspec,
                         GtkWidget  *button)
{
  GtkWidget *scroller = gtk_widget_get_last_child (gtk_popover_get_child (GTK_POPOVER (popover)));

  if (gtk_widget_get_visible (popover) && GTK_IS_SCROLLED_WINDOW (scroller))
    gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), more_max_height (button));
}

/* A busy day: its follow-ups and its date, for its "+N more" list */
typedef struct
{
  GPtrArray *occurrences;
  GDate      date;
} MoreDay;

static void
more_day_free (gpointer data)
{
  MoreDay *day = data;

  g_ptr_array_unref (day->occurrences);
  g_free (day);
}

static void
show_in_agenda_cb (GtkButton *button,
                   MoreDay   *day)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (button), NUDGE_TYPE_CALENDAR_VIEW);
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);
  GDate date = day->date;

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  if (view != NULL)
    _nudge_calendar_show_day_in_agenda (NUDGE_CALENDAR_VIEW (view), &date);
}

static char *day_heading (const GDate *date);

/* The list's heading: which day, how many, and the way to the week's
 * agenda, where a busy day is worked through row by row. */
static GtkWidget *
create_more_header (MoreDay *day)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *heading = day_heading (&day->date);
  g_autofree char *count = nudge_format_number (day->occurrences->len, 0);
  /* TRANSLATORS: the heading of a busy calendar day's list: the number
   * of its follow-ups ("33", formatted) */
  g_autofree char *count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s follow-up", "%s follow-ups",
                                                              day->occurrences->len), count);
  GtkWidget *title_label, *count_label;
  GtkWidget *titles = nudge_two_lines_new (heading, count_text, &title_label, &count_label);
  GtkWidget *show = gtk_button_new_with_mnemonic (_("Show in _Agenda"));

  gtk_widget_add_css_class (title_label, "heading");
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_widget_set_valign (show, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (show, "flat");
  gtk_widget_set_name (show, "show-in-agenda");
  g_signal_connect (show, "clicked", G_CALLBACK (show_in_agenda_cb), day);
  gtk_box_append (GTK_BOX (header), titles);
  gtk_box_append (GTK_BOX (header), show);
  gtk_widget_set_margin_start (header, 6);
  gtk_widget_set_margin_end (header, 6);
  gtk_widget_set_margin_top (header, 6);
  gtk_widget_set_margin_bottom (header, 6);
  return header;
}

/* The list of a busy day (thousands on a big book): chips are built for
 * the first rows and more as the list is scrolled. */
static void
create_more_popup (GtkMenuButton *button,
                   gpointer       user_data)
{
  MoreDay *day = user_data;
  GPtrArray *occurrences = day->occurrences;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_autoptr(GListStore) model = g_list_store_new (NUDGE_TYPE_OCCURRENCE);
  GtkSliceListModel *slice;
  GtkAdjustment *vadjustment;
  MoreList *more;
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list, *view;

  g_list_store_splice (model, 0, 0, occurrences->pdata, occurrences->len);
  slice = gtk_slice_list_model_new (G_LIST_MODEL (g_steal_pointer (&model)), 0, MORE_STEP);
  g_signal_connect (factory, "setup", G_CALLBACK (more_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (more_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (more_unbind_cb), NULL);
  more = g_new0 (MoreList, 1);
  more->slice = g_object_ref (slice);
  /* Both handlers go with the adjustment; the first one frees the list */
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_signal_connect_data (vadjustment, "value-changed", G_CALLBACK (more_scrolled_cb),
                         more, (GClosureNotify) (void (*) (void)) more_list_free, 0);
  g_signal_connect (vadjustment, "changed", G_CALLBACK (more_scrolled_cb), more);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (slice))), factory);
  gtk_widget_add_css_class (list, "calendar-more-list");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), more_max_height (GTK_WIDGET (button)));
  gtk_widget_set_size_request (scroller, MORE_WIDTH, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_box_append (GTK_BOX (box), create_more_header (day));
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  if ((view = gtk_widget_get_ancestor (GTK_WIDGET (button), NUDGE_TYPE_CALENDAR_VIEW)) != NULL)
    _nudge_calendar_menu_attach_to (NUDGE_CALENDAR_VIEW (view), list);
  g_signal_connect_object (popover, "notify::visible", G_CALLBACK (more_popover_visible_cb), button, 0);
  gtk_menu_button_set_popover (button, popover);
}

/* The public holiday on @date, of the working hours' region, or NULL:
 * the seller sees why nothing is planned that day. */
static const char *
holiday_on (const GDate *date)
{
  NudgeWorkingHours hours;

  nudge_working_hours_get (&hours);
  return nudge_holidays_name (hours.holidays, g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

/* A holiday's name beside its day's number, small and dim; cut short
 * in a narrow column, whole in its tooltip and for screen readers. */
static GtkWidget *
create_holiday_heading (GtkWidget   *cell,
                        GtkWidget   *number,
                        const GDate *date,
                        const char  *holiday)
{
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (holiday);
  g_autoptr(GDateTime) day = _nudge_calendar_date_to_local (date);
  g_autofree char *day_text = nudge_format_date (g_date_time_to_unix (day));
  g_autofree char *name = NULL;

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_valign (label, GTK_ALIGN_BASELINE);
  gtk_widget_set_valign (number, GTK_ALIGN_BASELINE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "calendar-holiday");
  nudge_tooltip_set_static (label, holiday);
  gtk_box_append (GTK_BOX (heading), number);
  gtk_box_append (GTK_BOX (heading), label);
  /* Translators: read by screen readers for a calendar day that is a
   * public holiday; the first %s is a date, the second the holiday */
  name = g_strdup_printf (_("%s, %s"), day_text, holiday);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_add_css_class (cell, "holiday");
  return heading;
}

static GtkWidget *
create_cell (NudgeCalendarView *self,
             const GDate       *date,
             GPtrArray         *occurrences,
             gboolean           in_month,
             gboolean           is_today)
{
  GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  const char *holiday = holiday_on (date);
  GtkWidget *number;
  GtkDropTarget *target;
  GtkGesture *click;
  GtkEventController *focus;
  char text[8];

  gtk_widget_add_css_class (cell, "calendar-day");
  if (!in_month)
    gtk_widget_add_css_class (cell, "other-month");
  if (is_today)
    gtk_widget_add_css_class (cell, "today");
  if (g_date_compare (date, &self->selected) == 0)
    gtk_widget_add_css_class (cell, "selected");
  gtk_widget_set_overflow (cell, GTK_OVERFLOW_HIDDEN);

  g_snprintf (text, sizeof text, "%d", g_date_get_day (date));
  number = gtk_label_new (text);
  gtk_widget_set_halign (number, GTK_ALIGN_START);
  gtk_widget_add_css_class (number, "calendar-day-number");
  gtk_box_append (GTK_BOX (cell), holiday != NULL ? create_holiday_heading (cell, number, date, holiday) : number);
  /* Today is marked for the eye by its circled number; for a screen
   * reader, by the cell's name */
  if (is_today)
    {
      g_autoptr(GDateTime) day = _nudge_calendar_date_to_local (date);
      g_autofree char *day_text = nudge_format_date (g_date_time_to_unix (day));
      g_autofree char *base = holiday != NULL ? g_strdup_printf (_("%s, %s"), day_text, holiday) : NULL;
      /* Translators: read by screen readers for today's day in the
       * calendar; %s is its date (and the public holiday it is) */
      g_autofree char *name = g_strdup_printf (_("%s, today"), base != NULL ? base : day_text);

      gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }

  for (guint i = 0; i < occurrences->len && i < CHIPS_PER_DAY; i++)
    gtk_box_append (GTK_BOX (cell), create_chip (g_ptr_array_index (occurrences, i)));

  if (occurrences->len > CHIPS_PER_DAY)
    {
      GtkWidget *more = gtk_menu_button_new ();
      GtkWidget *squeezer = adw_squeezer_new ();
      g_autofree char *label = NULL;
      g_autofree char *count = NULL;

      /* Translators: more follow-ups on a calendar day than fit */
      label = g_strdup_printf (ngettext ("+%u more", "+%u more", occurrences->len - CHIPS_PER_DAY),
                               occurrences->len - CHIPS_PER_DAY);
      count = g_strdup_printf ("+%u", occurrences->len - CHIPS_PER_DAY);
      /* Narrow windows: a day column narrower than the words shows the
       * count alone, not "+3 dal…" */
      adw_squeezer_add (ADW_SQUEEZER (squeezer), gtk_label_new (label));
      adw_squeezer_add (ADW_SQUEEZER (squeezer), gtk_label_new (count));
      adw_squeezer_set_xalign (ADW_SQUEEZER (squeezer), 0);
      gtk_menu_button_set_child (GTK_MENU_BUTTON (more), squeezer);
      nudge_tooltip_set_static (more, label);
      {
        g_autoptr(GDateTime) day = _nudge_calendar_date_to_local (date);
        g_autofree char *day_text = nudge_format_date (g_date_time_to_unix (day));
        guint n = occurrences->len - CHIPS_PER_DAY;
        g_autofree char *name = NULL;

        /* Translators: read by screen readers for a calendar day's "+N more"
         * button; %u is a count, %s a date */
        name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more follow-up on %s",
                                             "%u more follow-ups on %s", n), n, day_text);
        gtk_accessible_update_property (GTK_ACCESSIBLE (more), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      }
      gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (more), FALSE);
      gtk_widget_set_halign (more, GTK_ALIGN_START);
      gtk_widget_add_css_class (more, "calendar-more");
      /* The whole day's list is built when it is opened */
      {
        MoreDay *more_day = g_new (MoreDay, 1);

        more_day->occurrences = g_ptr_array_ref (occurrences);
        more_day->date = *date;
        gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (more), create_more_popup,
                                               more_day, more_day_free);
      }
      gtk_box_append (GTK_BOX (cell), more);
    }

  target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  g_signal_connect_data (target, "drop", G_CALLBACK (cell_drop_cb),
                         cell_day_new (self, date), (GClosureNotify) (void (*) (void)) g_free, 0);
  g_signal_connect (target, "enter", G_CALLBACK (cell_enter_cb), self);
  g_signal_connect (target, "leave", G_CALLBACK (cell_leave_cb), self);
  gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (target));

  click = gtk_gesture_click_new ();
  g_signal_connect_data (click, "pressed", G_CALLBACK (cell_pressed_cb),
                         cell_day_new (self, date), (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (click));

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_data (focus, "enter", G_CALLBACK (cell_focus_enter_cb),
                         cell_day_new (self, date), (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_widget_add_controller (cell, focus);
  return cell;
}

void
_nudge_calendar_build_weekday_row (NudgeCalendarView *self)
{
  GtkWidget *child;
  GDate date;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->weekday_row))))
    gtk_grid_remove (self->weekday_row, child);

  /* 2024-01-01 was a Monday */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, 1, 2024);
  g_date_add_days (&date, (nudge_locale_first_weekday () - G_DATE_MONDAY + 7) % 7);
  for (int i = 0; i < 7; i++)
    {
      char name[64];
      GtkWidget *label;

      g_date_strftime (name, sizeof name, "%a", &date);
      label = gtk_label_new (name);
      gtk_widget_add_css_class (label, "calendar-weekday");
      gtk_grid_attach (self->weekday_row, label, i, 0, 1, 1);
      g_date_add_days (&date, 1);
    }
}

static GtkWidget *
create_agenda_row (NudgeCalendarView *self,
                   NudgeOccurrence   *o)
{
  NudgeFollowup *f = nudge_occurrence_get_followup (o);
  GtkWidget *row = nudge_item_row_new (o);
  g_autofree char *time = nudge_occurrence_get_all_day (o)
                          ? g_strdup (_("All day"))
                          : _nudge_calendar_format_time_of_day (nudge_occurrence_get_due_at (o));
  const char *context = *nudge_followup_get_deal_title (f) ? nudge_followup_get_deal_title (f)
                                                           : nudge_followup_get_contact_name (f);
  GtkWidget *time_label = gtk_label_new (time);
  g_autofree char *title = g_markup_escape_text (nudge_followup_get_title (f), -1);
  g_autofree char *subtitle = g_markup_escape_text (context, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  nudge_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_size_request (time_label, 64, -1);
  gtk_label_set_xalign (GTK_LABEL (time_label), 0);
  gtk_widget_add_css_class (time_label, "numeric");
  if (nudge_occurrence_get_is_overdue (o))
    gtk_widget_add_css_class (time_label, "overdue");
  /* Done is said as in the month's chips: struck through, dimmed, and
   * to a screen reader after the title. */
  if (nudge_occurrence_get_state (o) == NUDGE_OCCURRENCE_DONE)
    {
      /* Translators: a follow-up of the week agenda that was done, read
       * by screen readers after its title, e.g. "Call Jan Novák, done" */
      g_autofree char *name = g_strdup_printf (_("%s, done"), nudge_followup_get_title (f));

      gtk_widget_add_css_class (row, "calendar-done");
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), time_label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  _nudge_calendar_set_occurrence (row, o);
  return row;
}

void
_nudge_calendar_agenda_row_activated_cb (GtkListBox        *box,
                                         GtkListBoxRow     *row,
                                         NudgeCalendarView *self)
{
  NudgeOccurrence *o = nudge_item_row_lookup (GTK_WIDGET (row), NUDGE_TYPE_OCCURRENCE);

  if (o != NULL)
    _nudge_calendar_edit_occurrence (self, o);
}

/* A day's heading in the agenda and over a busy day's list */
static char *
day_heading (const GDate *date)
{
  g_autoptr(GDateTime) noon = NULL;
  g_autofree char *weekday = NULL;
  g_autofree char *day = NULL;
  const char *holiday;

  noon = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                g_date_get_day (date), 12, 0, 0);
  /* A heading starts with a capital: Polish and Ukrainian weekdays are
   * lower case ("poniedziałek"), Czech's glibc's are not. */
  {
    g_autofree char *as_written = g_date_time_format (noon, "%A");

    weekday = nudge_format_capitalize (as_written);
  }
  day = nudge_format_date_of (noon);
  if ((holiday = holiday_on (date)) != NULL)
    /* TRANSLATORS: an agenda day's heading: the weekday, the date, then
     * the public holiday it is */
    return g_strdup_printf (C_("agenda day", "%s %s · %s"), weekday, day, holiday);
  /* TRANSLATORS: an agenda day's heading: the weekday, then the date */
  return g_strdup_printf (C_("agenda day", "%s %s"), weekday, day);
}

static void
add_agenda_day_header (NudgeCalendarView *self,
                       guint              d,
                       const GDate       *now)
{
  GDate date = self->first;
  g_autofree char *name = NULL;
  GtkWidget *header;

  g_date_add_days (&date, d);
  name = day_heading (&date);
  header = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_widget_set_margin_start (header, 12);
  if (g_date_compare (&date, now) == 0)
    gtk_widget_add_css_class (header, "accent");
  gtk_list_box_append (self->agenda, header);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (header)), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (header)), FALSE);
  if (self->loaded && self->days[d]->len == 0)
    {
      GtkWidget *empty = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (empty), _("Nothing planned"));
      gtk_widget_add_css_class (empty, "dim-label");
      gtk_list_box_append (self->agenda, empty);
    }
}

/* A busy week has hundreds of rows: they are added a few per main-loop
 * turn, in order, so the first days show at once. */
static gboolean
grow_agenda_cb (gpointer data)
{
  NudgeCalendarView *self = data;
  gint64 until = g_get_monotonic_time () + GROW_BUDGET_US;
  GDate now;

  _nudge_calendar_today (&now);
  while (self->grow_day < 7)
    {
      GPtrArray *day = self->days[self->grow_day];

      if (self->grow_index == 0)
        add_agenda_day_header (self, self->grow_day, &now);
      while (self->grow_index < day->len)
        {
          GtkWidget *row = create_agenda_row (self, g_ptr_array_index (day, self->grow_index));

          gtk_list_box_append (self->agenda, row);
          if (self->refocus && self->refocus_agenda_day == (int) self->grow_day && self->grow_index == 0)
            self->refocus_row = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
          _nudge_calendar_refocus_row (self, row, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)));
          self->grow_index++;
          if (g_get_monotonic_time () >= until)
            return G_SOURCE_CONTINUE;
        }
      self->grow_day++;
      self->grow_index = 0;
      if (g_get_monotonic_time () >= until)
        return G_SOURCE_CONTINUE;
    }
  self->grow_id = 0;
  if (self->loaded)
    _nudge_calendar_refocus_done (self);
  return G_SOURCE_REMOVE;
}

void
_nudge_calendar_build_agenda (NudgeCalendarView *self)
{
  GtkWidget *child;

  g_clear_handle_id (&self->grow_id, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->agenda))))
    gtk_list_box_remove (self->agenda, child);
  self->grow_day = 0;
  self->grow_index = 0;
  if (grow_agenda_cb (self) == G_SOURCE_CONTINUE)
    self->grow_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, grow_agenda_cb, self, NULL);
}

void
_nudge_calendar_build_month_cell (NudgeCalendarView *self,
                                  guint              d,
                                  const GDate       *now)
{
  GDate date = self->first;

  g_date_add_days (&date, d);
  if (self->cells[d] != NULL)
    gtk_grid_remove (self->month_grid, self->cells[d]);
  self->cells[d] = create_cell (self, &date, self->days[d],
                                g_date_get_month (&date) == g_date_get_month (&self->selected),
                                g_date_compare (&date, now) == 0);
  gtk_grid_attach (self->month_grid, self->cells[d], d % 7, d / 7, 1, 1);
  _nudge_calendar_refocus_cell (self, d);
}

/* A month's 42 days with their chips, made, measured and shaped in one
 * frame, took 40-90 ms on two cores: its first three weeks come in the
 * frame that shows the month, the last three in the next one. */
#define FIRST_DAYS_BUILT 21

static void
build_month_days (NudgeCalendarView *self,
                  guint              from,
                  guint              to)
{
  GDate now;

  _nudge_calendar_today (&now);
  for (guint d = from; d < to; d++)
    _nudge_calendar_build_month_cell (self, d, &now);
  if (to == GRID_DAYS && self->loaded)
    _nudge_calendar_refocus_done (self);
}

static void
month_painted_cb (GdkFrameClock     *clock,
                  NudgeCalendarView *self)
{
  nudge_clear_clock_handler (&self->month_clock, &self->month_paint_id);
  build_month_days (self, FIRST_DAYS_BUILT, GRID_DAYS);
}

/* Draws what self->days holds: the month grid or the week agenda. */
void
_nudge_calendar_build_view (NudgeCalendarView *self)
{
  self->shown_first = self->first;
  self->shown_n_days = self->n_days;
  self->shown_mode = self->mode;
  nudge_clear_clock_handler (&self->month_clock, &self->month_paint_id);
  if (self->mode == MODE_MONTH)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
      GtkWidget *child;

      g_clear_handle_id (&self->grow_id, g_source_remove);
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->month_grid))))
        gtk_grid_remove (self->month_grid, child);
      memset (self->cells, 0, sizeof self->cells);
      if (clock == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
        {
          build_month_days (self, 0, GRID_DAYS);
          return;
        }
      build_month_days (self, 0, FIRST_DAYS_BUILT);
      self->month_clock = g_object_ref (clock);
      self->month_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (month_painted_cb), self);
    }
  else
    {
      memset (self->cells, 0, sizeof self->cells);
      _nudge_calendar_build_agenda (self);
    }
}
