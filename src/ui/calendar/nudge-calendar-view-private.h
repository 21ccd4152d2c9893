/* nudge-calendar-view-private.h — what the Calendar's files share
 *
 * The view (nudge-calendar-view.c) loads a range on a worker, moves
 * through months and reschedules; the month's cells with their chips and
 * the agenda are built in nudge-calendar-cells.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-calendar-view.h"
#include "nudge-followups.h"

G_BEGIN_DECLS

#define GRID_DAYS     42
#define CHIPS_PER_DAY 2
/* How long one main-loop turn may spend adding agenda rows */
#define GROW_BUDGET_US 4000

typedef enum
{
  MODE_MONTH,
  MODE_WEEK,
} CalendarMode;

struct _NudgeCalendarView
{
  NudgeView       parent_instance;

  GtkWidget      *content;
  GtkLabel       *title_label;
  GtkToggleButton *month_button;
  GtkToggleButton *week_button;
  GtkWidget      *mode_box;
  GtkWidget      *previous_button;
  GtkWidget      *next_button;
  GtkStack       *stack;
  GtkGrid        *weekday_row;
  GtkGrid        *month_grid;
  GtkListBox     *agenda;

  NudgeStore     *store;
  CalendarMode    mode;
  CalendarMode    wide_mode;      /* chosen; a narrow window shows the agenda */
  GDate           selected;
  GDate           first;          /* first visible day */
  guint           n_days;         /* visible days */
  GtkWidget      *cells[GRID_DAYS];
  GPtrArray      *days[GRID_DAYS]; /* NudgeOccurrence per visible day */
  guint           refresh_id;

  /* What the grid or agenda shows, and the worker that reads it */
  GDate           shown_first;
  guint           shown_n_days;
  CalendarMode    shown_mode;
  GCancellable   *cancellable;
  gboolean        loading;
  gboolean        loaded;
  gboolean        refresh_again;
  guint           grow_id;
  /* The month's last weeks, built after the frame that shows its first. */
  GdkFrameClock  *month_clock;
  gulong          month_paint_id;
  guint           grow_day;
  guint           grow_index;

  /* A follow-up's menu, and where it was opened (nudge-calendar-menu.c) */
  GtkWidget      *menu;
  GtkWidget      *menu_anchor;    /* its chip, its tooltip off meanwhile */
  NudgeOccurrence *menu_occurrence;
  gint64          menu_id;
  int             menu_day;       /* a month cell, or -1 */
  guint           menu_index;     /* its chip; G_MAXUINT: its "+N more" list */
  int             menu_row;       /* an agenda row, or -1 */
  /* Where the focus goes back once the calendar is rebuilt */
  gboolean        refocus;
  int             refocus_day;
  guint           refocus_index;
  int             refocus_row;
  int             refocus_agenda_day; /* its first row, or -1 */
  double          refocus_scroll; /* the agenda's, else */
};

/* nudge-calendar-view.c */
GDateTime *_nudge_calendar_date_to_local (const GDate *date);
void _nudge_calendar_today (GDate *out);
char *_nudge_calendar_format_time_of_day (gint64 at);
char *_nudge_calendar_occurrence_label (NudgeOccurrence *o);
char *_nudge_calendar_occurrence_payload (NudgeOccurrence *o);
void _nudge_calendar_refresh (NudgeCalendarView *self);
void _nudge_calendar_show_day_in_agenda (NudgeCalendarView *self,
                                         const GDate       *date);
/* nudge-calendar-menu.c */
void _nudge_calendar_set_occurrence (GtkWidget       *widget,
                                     NudgeOccurrence *o);
GMenuModel *_nudge_calendar_occurrence_menu (NudgeOccurrence *o);
void _nudge_calendar_refocus_cell (NudgeCalendarView *self,
                                   guint              d);
void _nudge_calendar_refocus_row (NudgeCalendarView *self,
                                  GtkWidget         *row,
                                  int                index);
void _nudge_calendar_refocus_done (NudgeCalendarView *self);
void _nudge_calendar_move_focus_to_day (NudgeCalendarView *self,
                                        const GDate       *date);
void _nudge_calendar_menu_moved (NudgeCalendarView *self,
                                 gint64             id);
void _nudge_calendar_menu_attach (NudgeCalendarView *self);
void _nudge_calendar_menu_attach_to (NudgeCalendarView *self,
                                     GtkWidget         *widget);
void _nudge_calendar_menu_dispose (NudgeCalendarView *self);
void _nudge_calendar_menu_install (GtkWidgetClass *widget_class);
/* nudge-calendar-cells.c */
void _nudge_calendar_edit_occurrence (NudgeCalendarView *self,
                                      NudgeOccurrence   *o);
void _nudge_calendar_select_date (NudgeCalendarView *self,
                                  const GDate       *date);
/* The selected day's cell: marked, and where Tab into the month goes */
void _nudge_calendar_mark_selected (NudgeCalendarView *self);
void _nudge_calendar_lead_focus_to_selected (NudgeCalendarView *self);
void _nudge_calendar_new_followup_on (NudgeCalendarView *self,
                                      const GDate       *date);
void _nudge_calendar_build_weekday_row (NudgeCalendarView *self);
void _nudge_calendar_agenda_row_activated_cb (GtkListBox        *box,
                                              GtkListBoxRow     *row,
                                              NudgeCalendarView *self);
void _nudge_calendar_build_agenda (NudgeCalendarView *self);
void _nudge_calendar_build_month_cell (NudgeCalendarView *self,
                                       guint              d,
                                       const GDate       *now);
void _nudge_calendar_build_view (NudgeCalendarView *self);

G_END_DECLS
