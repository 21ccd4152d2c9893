/* nudge-calendar-menu.c — a follow-up's menu in the Calendar (right
 * click, the Menu key or Shift+F10 on a chip or an agenda row): Open,
 * Done, Snooze, and moving it a day or a week without a mouse; the focus
 * kept on the day or the row it was on once the calendar is rebuilt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-calendar"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "nudge-calendar-view-private.h"
#include "nudge-clock.h"
#include "nudge-context.h"
#include "nudge-followup-editor.h"
#include "nudge-followups.h"
#include "nudge-followups-undo.h"
#include "nudge-next-step-dialog.h"
#include "nudge-view.h"
#include "nudge-view-actions.h"

/* A day's heading in the agenda, above its first row */
#define AGENDA_HEADING_ROOM 48
/* How many frames the agenda may take to lay out the rows it is given */
#define SCROLL_FRAMES 60

static GQuark
occurrence_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("nudge-calendar-occurrence");
  return quark;
}

/* The chip or agenda row @widget shows @o: its menu acts on it. */
void
_nudge_calendar_set_occurrence (GtkWidget       *widget,
                                NudgeOccurrence *o)
{
  g_object_set_qdata_full (G_OBJECT (widget), occurrence_quark (), g_object_ref (o), g_object_unref);
}

/* The chip or row @widget is or is inside, and what it shows */
static GtkWidget *
occurrence_widget (GtkWidget        *widget,
                   NudgeOccurrence **o)
{
  for (; widget != NULL && !NUDGE_IS_CALENDAR_VIEW (widget); widget = gtk_widget_get_parent (widget))
    if ((*o = g_object_get_qdata (G_OBJECT (widget), occurrence_quark ())) != NULL)
      return widget;
  *o = NULL;
  return NULL;
}

/* Where @widget is: its day in the month (and which of the day's chips,
 * or G_MAXUINT for a chip of its "+N more" list), or its agenda row. */
static void
remember_place (NudgeCalendarView *self,
                GtkWidget         *widget)
{
  GtkWidget *list = gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER);

  /* A chip of a busy day's list, a popover of the day's "+N more"
   * button (inside the day's cell): the button is its place */
  if (list != NULL && GTK_IS_MENU_BUTTON (gtk_widget_get_parent (list)))
    {
      remember_place (self, gtk_widget_get_parent (list));
      self->menu_index = G_MAXUINT;
      return;
    }
  self->menu_day = -1;
  self->menu_index = 0;
  self->menu_row = -1;
  for (guint d = 0; d < GRID_DAYS; d++)
    if (self->cells[d] != NULL && gtk_widget_is_ancestor (widget, self->cells[d]))
      {
        self->menu_day = d;
        for (GtkWidget *c = gtk_widget_get_first_child (self->cells[d]); c; c = gtk_widget_get_next_sibling (c))
          if (c == widget)
            return;
          else if (gtk_widget_has_css_class (c, "calendar-chip"))
            self->menu_index++;
        return;
      }
  if (GTK_IS_LIST_BOX_ROW (widget) && gtk_widget_is_ancestor (widget, GTK_WIDGET (self->agenda)))
    self->menu_row = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (widget));
}

/* An action of the menu of follow-up @id: once the calendar shows the
 * change, the focus goes back where the menu was opened. */
static void
keep_focus (NudgeCalendarView *self,
            gint64             id)
{
  if (self->menu_id != id || (self->menu_day < 0 && self->menu_row < 0))
    return;
  self->refocus = TRUE;
  self->refocus_day = self->menu_day;
  self->refocus_index = self->menu_index;
  self->refocus_row = self->menu_row;
  self->refocus_agenda_day = -1;
  self->refocus_scroll = 0;
  if (self->menu_row >= 0)
    {
      GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self->agenda), GTK_TYPE_SCROLLED_WINDOW);

      self->refocus_scroll = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)));
    }
  self->menu_id = 0;
}

static void
give_focus (NudgeCalendarView *self,
            GtkWidget         *widget)
{
  if (widget != NULL && gtk_widget_grab_focus (widget))
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* The day cell @d was just built: if the focus was on it, it is again,
 * on the chip at the same place (the last one when fewer are left), or
 * on its "+N more" button. */
void
_nudge_calendar_refocus_cell (NudgeCalendarView *self,
                              guint              d)
{
  GtkWidget *chip = NULL;
  GtkWidget *more = NULL;
  guint index = 0;

  if (!self->refocus || self->refocus_day != (int) d || self->cells[d] == NULL)
    return;
  for (GtkWidget *c = gtk_widget_get_first_child (self->cells[d]); c; c = gtk_widget_get_next_sibling (c))
    if (gtk_widget_has_css_class (c, "calendar-chip") && (chip == NULL || index <= self->refocus_index))
      {
        chip = c;
        index++;
      }
    else if (GTK_IS_MENU_BUTTON (c))
      more = c;
  give_focus (self, self->refocus_index == G_MAXUINT && more != NULL ? more : chip != NULL ? chip : more);
}

/* Once laid out, the agenda scrolls to the focused row, with its day's
 * heading above it, or back to where it was (@user_data, not negative):
 * a row focused as it is added has no place yet for the scrolled window
 * to follow, and the rows rebuilt after a change start at the top. */
typedef struct
{
  double scroll;
  guint  frames;
} RowScroll;

static gboolean
scroll_to_row_cb (GtkWidget     *row,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  RowScroll *to = user_data;
  GtkWidget *scroller = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *agenda = gtk_widget_get_ancestor (row, GTK_TYPE_LIST_BOX);
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;

  if (scroller == NULL || agenda == NULL || !gtk_widget_compute_bounds (row, agenda, &bounds))
    return G_SOURCE_REMOVE;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  /* Its day's heading is above it: at the top, it is not laid out yet;
   * and the rows below it may still be coming */
  if ((bounds.origin.y <= 0 ||
       gtk_adjustment_get_upper (adjustment) < to->scroll + gtk_adjustment_get_page_size (adjustment)) &&
      to->frames++ < SCROLL_FRAMES)
    return G_SOURCE_CONTINUE;
  gtk_adjustment_set_value (adjustment, to->scroll >= 0 ? to->scroll : MAX (0, bounds.origin.y - AGENDA_HEADING_ROOM));
  return G_SOURCE_REMOVE;
}

/* The arrow keys select another day; the focus, when it was on a day
 * of the month, goes with the selection: to the day's first chip (or its
 * "+N more"), else to the view, where the next arrow key is heard. When
 * the month turns, it follows once the new month is drawn. */
void
_nudge_calendar_move_focus_to_day (NudgeCalendarView *self,
                                   const GDate       *date)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean in_month = focus != NULL && self->mode == MODE_MONTH &&
                      (focus == GTK_WIDGET (self) || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->month_grid)));
  int index;

  _nudge_calendar_select_date (self, date);
  index = g_date_days_between (&self->first, date);
  if (!in_month || index < 0 || index >= GRID_DAYS)
    return;
  self->refocus = TRUE;
  self->refocus_day = index;
  self->refocus_index = 0;
  self->refocus_row = -1;
  self->refocus_agenda_day = -1;
  /* The same month: its cells stay, nothing is rebuilt */
  if (self->cells[index] != NULL && self->loaded)
    {
      _nudge_calendar_refocus_cell (self, index);
      self->refocus = FALSE;
    }
}

/* The agenda row @row was just added at @index */
void
_nudge_calendar_refocus_row (NudgeCalendarView *self,
                             GtkWidget         *row,
                             int                index)
{
  RowScroll *to;

  if (!self->refocus || self->refocus_row != index || !gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)))
    return;
  give_focus (self, row);
  to = g_new0 (RowScroll, 1);
  to->scroll = self->refocus_agenda_day >= 0 ? -1 : self->refocus_scroll;
  gtk_widget_add_tick_callback (row, scroll_to_row_cb, to, g_free);
}

/* The calendar shows what the store holds since the action: no more
 * focus to give back. */
void
_nudge_calendar_refocus_done (NudgeCalendarView *self)
{
  self->refocus = FALSE;
  self->refocus_agenda_day = -1;
}

static void
add_move (GMenu           *menu,
          const char      *label,
          NudgeOccurrence *o,
          int              days)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);
  GDate day;
  char text[16];

  nudge_clock_local_date (nudge_occurrence_get_local_due_at (o), &day);
  if (days > 0)
    g_date_add_days (&day, days);
  else
    g_date_subtract_days (&day, -days);
  g_snprintf (text, sizeof text, "%04d-%02d-%02d", g_date_get_year (&day), g_date_get_month (&day),
              g_date_get_day (&day));
  g_menu_item_set_action_and_target_value (item, "calendar.reschedule",
                                           g_variant_new ("(xxss)",
                                                          nudge_followup_get_id (nudge_occurrence_get_followup (o)),
                                                          nudge_occurrence_get_recurring (o) ? nudge_occurrence_get_start (o) : 0,
                                                          text, ""));
  g_menu_append_item (menu, item);
}

/* Snooze, as Today's and a reminder's: the presets that put @o off.
 * Snoozing is for what is due by then — one due later would come
 * sooner: in minutes, what is due already; to tomorrow morning, what
 * is due before tomorrow; to next week, what is due before Monday. */
static void
add_snoozes (GMenu           *state,
             NudgeOccurrence *o)
{
  static const NudgeSnoozePreset presets[] = {
    NUDGE_SNOOZE_10_MINUTES, NUDGE_SNOOZE_1_HOUR, NUDGE_SNOOZE_TOMORROW, NUDGE_SNOOZE_NEXT_WEEK,
  };
  g_autoptr(GMenu) snoozes = g_menu_new ();
  gint64 id = nudge_followup_get_id (nudge_occurrence_get_followup (o));
  GDate day, tomorrow, monday;

  nudge_clock_local_date (nudge_occurrence_get_local_due_at (o), &day);
  _nudge_calendar_today (&tomorrow);
  monday = tomorrow;
  g_date_add_days (&tomorrow, 1);
  g_date_add_days (&monday, 8 - g_date_get_weekday (&monday));
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_autoptr(GMenuItem) item = NULL;
      gboolean puts_off;

      switch (presets[i])
        {
        case NUDGE_SNOOZE_10_MINUTES:
        case NUDGE_SNOOZE_1_HOUR:
          puts_off = nudge_occurrence_get_due_at (o) <= nudge_clock_now ();
          break;
        case NUDGE_SNOOZE_TOMORROW:
          puts_off = g_date_compare (&day, &tomorrow) < 0;
          break;
        case NUDGE_SNOOZE_NEXT_WEEK:
        default:
          puts_off = g_date_compare (&day, &monday) < 0;
          break;
        }
      if (!puts_off)
        continue;
      item = g_menu_item_new (nudge_followups_snooze_label (presets[i]), NULL);
      g_menu_item_set_action_and_target_value (item, "calendar.snooze",
                                               g_variant_new ("(xxi)", id, nudge_occurrence_get_start (o),
                                                              (int) presets[i]));
      g_menu_append_item (snoozes, item);
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (snoozes)) > 0)
    g_menu_append_submenu (state, _("_Snooze"), G_MENU_MODEL (snoozes));
}

/* What can be done to @o from the calendar */
GMenuModel *
_nudge_calendar_occurrence_menu (NudgeOccurrence *o)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) state = g_menu_new ();
  g_autoptr(GMenu) move = g_menu_new ();
  GVariant *target = g_variant_new ("(xx)", nudge_followup_get_id (nudge_occurrence_get_followup (o)),
                                    nudge_occurrence_get_start (o));

  g_variant_ref_sink (target);
  g_menu_append (menu, _("_Open"), "calendar.open");
  if (nudge_occurrence_get_state (o) != NUDGE_OCCURRENCE_DONE)
    {
      g_autoptr(GMenuItem) done = g_menu_item_new (_("Mark as _Done"), NULL);

      g_menu_item_set_action_and_target_value (done, "calendar.done", target);
      g_menu_append_item (state, done);
      add_snoozes (state, o);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (state));
    }
  add_move (move, _("Move to the _Previous Day"), o, -1);
  add_move (move, _("Move to the _Next Day"), o, 1);
  add_move (move, _("Move a _Week Later"), o, 7);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (move));
  g_variant_unref (target);
  return G_MENU_MODEL (menu);
}

/* The chip's tooltip says what its label says; over its open menu it
 * would only hide the first item. */
static void
menu_closed_cb (GtkPopover        *menu,
                NudgeCalendarView *self)
{
  if (self->menu_anchor != NULL)
    {
      gtk_widget_set_has_tooltip (self->menu_anchor, TRUE);
      g_clear_weak_pointer (&self->menu_anchor);
    }
}

/* The menu of the chip or row @widget, pointing at it */
static void
popup_menu (NudgeCalendarView *self,
            GtkWidget         *widget,
            NudgeOccurrence   *o)
{
  g_autoptr(GMenuModel) menu = _nudge_calendar_occurrence_menu (o);
  graphene_rect_t bounds;

  g_set_object (&self->menu_occurrence, o);
  self->menu_id = nudge_followup_get_id (nudge_occurrence_get_followup (o));
  remember_place (self, widget);
  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (menu);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      g_signal_connect (self->menu, "closed", G_CALLBACK (menu_closed_cb), self);
    }
  else
    gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), menu);
  /* A chip of a busy day's list: the menu shows over the list, which
   * Escape gives back as it was */
  if (gtk_widget_get_has_tooltip (widget))
    {
      menu_closed_cb (GTK_POPOVER (self->menu), self);
      g_set_weak_pointer (&self->menu_anchor, widget);
      gtk_widget_set_has_tooltip (widget, FALSE);
    }
  if (gtk_widget_compute_bounds (widget, GTK_WIDGET (self), &bounds))
    gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                                 &(GdkRectangle) { bounds.origin.x, bounds.origin.y,
                                                   bounds.size.width, bounds.size.height });
  gtk_popover_popup (GTK_POPOVER (self->menu));
  gtk_popover_present (GTK_POPOVER (self->menu));
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* A right click on a chip or row: on the view, or in a busy day's list,
 * which is a popover of its own (its clicks do not reach the view) */
static void
secondary_pressed_cb (GtkGestureClick   *gesture,
                      int                n_press,
                      double             x,
                      double             y,
                      NudgeCalendarView *self)
{
  GtkWidget *clicked = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked = gtk_widget_pick (clicked, x, y, GTK_PICK_DEFAULT);
  NudgeOccurrence *o;
  GtkWidget *widget = occurrence_widget (picked, &o);

  if (widget == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu (self, widget, o);
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NudgeCalendarView *self = NUDGE_CALENDAR_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  NudgeOccurrence *o;

  if ((focus = occurrence_widget (focus, &o)) != NULL)
    popup_menu (self, focus, o);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NudgeCalendarView *self = NUDGE_CALENDAR_VIEW (widget);

  if (self->menu_occurrence != NULL)
    _nudge_calendar_edit_occurrence (self, self->menu_occurrence);
}

static void
failed (NudgeCalendarView *self,
        GError            *error)
{
  nudge_view_show_error (GTK_WIDGET (self), _("Could Not Change the Follow-up"), error);
}

/* Done here as in Today: one transaction, a toast with Undo, and the
 * deal's next step asked for when it was the last. */
static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NudgeCalendarView *self = NUDGE_CALENDAR_VIEW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id, occurrence;

  g_variant_get (parameter, "(xx)", &id, &occurrence);
  keep_focus (self, id);
  if (!nudge_next_step_dialog_complete (nudge_view_parent_window (widget), nudge_view_get_context (NUDGE_VIEW (self)),
                                        self->store, widget, id, occurrence, &error))
    failed (self, error);
}

/* A preset's snooze, to where Today's and a reminder's would put it
 * (the seller's morning, whatever zone the follow-up keeps) */
static void
snooze_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NudgeCalendarView *self = NUDGE_CALENDAR_VIEW (widget);
  GSettings *settings = nudge_context_get_settings (nudge_view_get_context (NUDGE_VIEW (self)));
  g_autoptr(GError) error = NULL;
  NudgeFollowupsUndo *undo;
  gint64 id, occurrence, until;
  int preset;

  g_variant_get (parameter, "(xxi)", &id, &occurrence, &preset);
  until = nudge_view_snooze_target (settings, preset);
  if (!(undo = nudge_followups_undo_begin (self->store, &id, 1, &error)))
    {
      failed (self, error);
      return;
    }
  keep_focus (self, id);
  if (!(undo = nudge_followups_undo_end (self->store, undo,
                                         nudge_followups_snooze (self->store, id, until, &error), &error)))
    {
      failed (self, error);
      return;
    }
  nudge_view_show_snoozed_undo (widget, until, self->store, undo);
}

/* A move from the menu keeps the focus where it was, as Done does */
void
_nudge_calendar_menu_moved (NudgeCalendarView *self,
                            gint64             id)
{
  keep_focus (self, id);
}

/* A right click on a chip or row inside @widget opens its menu */
void
_nudge_calendar_menu_attach_to (NudgeCalendarView *self,
                                GtkWidget         *widget)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (secondary_pressed_cb), self, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
}

void
_nudge_calendar_menu_attach (NudgeCalendarView *self)
{
  self->menu_day = -1;
  self->menu_row = -1;
  self->refocus_agenda_day = -1;
  _nudge_calendar_menu_attach_to (self, GTK_WIDGET (self));
}

void
_nudge_calendar_menu_dispose (NudgeCalendarView *self)
{
  g_clear_weak_pointer (&self->menu_anchor);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_object (&self->menu_occurrence);
}

void
_nudge_calendar_menu_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "calendar.menu", NULL, menu_action);
  gtk_widget_class_install_action (widget_class, "calendar.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "calendar.done", "(xx)", done_action);
  gtk_widget_class_install_action (widget_class, "calendar.snooze", "(xxi)", snooze_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "calendar.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "calendar.menu", NULL);
}
