/* nudge-today-view-private.h — what the Today view's files share
 *
 * The view (nudge-today-view.c) loads its sections on a worker and fills
 * them; the rows and their menus, and what the rows' buttons and keys do,
 * live in files of their own in this folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-followups-undo.h"
#include "nudge-today-view.h"

G_BEGIN_DECLS

#define REFRESH_DELAY_MS 100

enum {
  SECTION_OVERDUE,
  SECTION_TODAY,
  SECTION_WEEK,
  SECTION_NOSTEP,
  SECTION_ROTTING,
  N_SECTIONS
};

struct _NudgeTodayView
{
  NudgeView    parent_instance;

  NudgeStore  *store;
  GSettings   *settings;
  guint        refresh_id;
  guint        tick_id;
  guint        n_overdue;

  GListStore  *overdue;
  GListStore  *today;
  GListStore  *week;
  GListStore  *nostep;
  GListStore  *rotting;

  GtkStack    *stack;
  GtkWidget   *overdue_section;
  GtkWidget   *today_section;
  GtkWidget   *week_section;
  GtkWidget   *nostep_section;
  GtkWidget   *rotting_section;
  GtkLabel    *overdue_title;
  GtkMenuButton *snooze_all_button;
  GtkLabel    *today_title;
  GtkLabel    *week_title;
  GtkWidget   *queued_label;    /* what rules have planned after today */
  GtkLabel    *nostep_title;
  GtkLabel    *rotting_title;
  GtkListBox  *overdue_list;
  GtkListBox  *today_list;
  GtkListBox  *week_list;
  GtkListBox  *nostep_list;
  GtkListBox  *rotting_list;

  /* What the last refresh found, per section, and how many rows the
   * section has in all (a big book has thousands overdue: a refresh
   * reads only the first shown[i]); the lists show the first shown[i]
   * rows and a "Show More" button the rest. */
  GPtrArray   *found[N_SECTIONS];
  guint        total[N_SECTIONS];
  guint        shown[N_SECTIONS];
  GtkWidget   *more_button[N_SECTIONS];
  GCancellable *cancellable;
  gboolean     loading;
  gboolean     refresh_again;
  gboolean     loaded;
  guint        grow_id;
  GdkFrameClock *grow_clock;  /* while growth waits for a frame to be painted */
  gulong       grow_paint_id;
  gint64       grow_frame;    /* the frame the last rows were added in, */
  guint        grown_in_frame; /* and how many */
};

/* Below this width a row keeps Done and its menu only: the title needs
 * the room more than two more buttons do. */
#define NARROW_WIDTH 560

/* Rows a section shows at first, and how many more each "Show More"
 * adds: what a person reads at a glance, and cheap to build. */
#define FIRST_ROWS 20
#define MORE_ROWS 50

/* nudge-today-view.c */
char *_nudge_today_format_time_of_day (gint64 at);
gint64 _nudge_today_local_midnight (gint64 at,
                                    int    add_days);
void _nudge_today_open_record (NudgeTodayView *self,
                               NudgeEntity     entity,
                               gint64          id);
void _nudge_today_show_error (NudgeTodayView *self,
                              const GError   *error);
GListStore *_nudge_today_section_store (NudgeTodayView *self,
                                        guint           section);
/* nudge-today-rows.c */
GtkWidget *_nudge_today_create_occurrence_row (gpointer item,
                                               gpointer user_data);
GtkWidget *_nudge_today_create_rotting_row (gpointer item,
                                            gpointer user_data);
GtkWidget *_nudge_today_create_deal_row (gpointer item,
                                         gpointer user_data);
/* nudge-today-actions.c */
NudgeFollowupsUndo *_nudge_today_begin_undoable (NudgeTodayView *self,
                                                 gint64          id);
gboolean _nudge_today_end_undoable (NudgeTodayView      *self,
                                    NudgeFollowupsUndo  *undo,
                                    gint64               id,
                                    gint64               occurrence,
                                    gboolean             ok,
                                    GError             **error,
                                    const char          *message);
void _nudge_today_action_failed (NudgeTodayView *self,
                                 gint64          id,
                                 const GError   *error);
void _nudge_today_done_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param);
void _nudge_today_snooze_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param);
void _nudge_today_snooze_overdue_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param);
GMenuModel *_nudge_today_snooze_overdue_menu (void);
void _nudge_today_skip_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param);
void _nudge_today_log_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param);
void _nudge_today_edit_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param);
void _nudge_today_mailto_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param);
void _nudge_today_open_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param);
void _nudge_today_plan_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param);
void _nudge_today_add_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param);
void _nudge_today_key_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param);
gboolean _nudge_today_key_binding (GtkWidget *widget,
                                   GVariant  *args,
                                   gpointer   user_data);

G_END_DECLS
