/* nudge-today-actions.c — what Today's rows, buttons and keys do: done,
 * snooze, skip, log, edit, mail, open, plan and add
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-today-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <stdio.h>

#include "nudge-accessible.h"
#include "nudge-activity-log.h"
#include "nudge-clock.h"
#include "nudge-followup-editor.h"
#include "nudge-followup-settings.h"
#include "nudge-followups.h"
#include "nudge-followups-undo.h"
#include "nudge-format.h"
#include "nudge-next-step-dialog.h"
#include "nudge-automation.h"
#include "nudge-today-view-private.h"
#include "nudge-window.h"
#include "nudge-worker.h"
#include "nudge-view-actions.h"
#include "nudge-item-row.h"

/* ---- actions ---------------------------------------------------------- */

static GtkWidget *focused_row (NudgeTodayView *self);

/* The keyboard stays in the list: after the focused row leaves, the row
 * that took its place (or the one above, or the first of a later list)
 * has the focus, so that D, S and R go on down the list. */
static void
refocus_after (NudgeTodayView *self,
               GtkListBox     *list,
               guint           index)
{
  GtkListBox *lists[] = { self->overdue_list, self->today_list, self->week_list };
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);
  gboolean later = FALSE;

  if (row == NULL && index > 0)
    row = gtk_list_box_get_row_at_index (list, index - 1);
  for (guint i = 0; row == NULL && i < G_N_ELEMENTS (lists); i++)
    {
      if (later && gtk_widget_get_mapped (GTK_WIDGET (lists[i])))
        row = gtk_list_box_get_row_at_index (lists[i], 0);
      later = later || lists[i] == list;
    }
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* A row that was done, snoozed, skipped or moved leaves at once; the
 * refresh on the worker that follows puts every count right. */
static void
remove_occurrence_now (NudgeTodayView *self,
                       gint64          followup_id,
                       gint64          start)
{
  GtkWidget *focused = focused_row (self);
  NudgeOccurrence *focused_item = nudge_item_row_lookup (focused, NUDGE_TYPE_OCCURRENCE);

  for (guint s = SECTION_OVERDUE; s <= SECTION_WEEK; s++)
    {
      GListModel *model = G_LIST_MODEL (_nudge_today_section_store (self, s));
      guint n = g_list_model_get_n_items (model);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(NudgeOccurrence) o = g_list_model_get_item (model, i);
          NudgeFollowup *f = nudge_occurrence_get_followup (o);

          if (nudge_followup_get_id (f) == followup_id &&
              (start == 0 || !nudge_occurrence_get_recurring (o) || nudge_occurrence_get_start (o) == start))
            {
              GPtrArray *found = self->found[s];
              GtkListBox *list = o == focused_item ? GTK_LIST_BOX (gtk_widget_get_parent (focused)) : NULL;
              guint index;

              if (found != NULL && g_ptr_array_find (found, o, &index))
                {
                  g_ptr_array_remove_index (found, index);
                  if (self->total[s] > 0)
                    self->total[s]--;
                  if (self->shown[s] > 0 && self->shown[s] > FIRST_ROWS)
                    self->shown[s]--;
                }
              g_list_store_remove (_nudge_today_section_store (self, s), i);
              if (list != NULL)
                refocus_after (self, list, i);
              return;
            }
        }
    }
}

/* An action on a row failed: another program may have done, cancelled
 * or deleted its follow-up after the row was listed (the book is watched,
 * but a click can come first). That is said in a toast and the rows are
 * listed again; any other failure gets the dialog. */
void
_nudge_today_action_failed (NudgeTodayView *self,
                            gint64          id,
                            const GError   *error)
{
  g_autoptr(NudgeFollowup) now = NULL;
  g_autoptr(GError) lookup_error = NULL;
  GtkWidget *overlay;
  const char *message = NULL;

  now = nudge_store_get_followup (self->store, id, &lookup_error);
  if (now == NULL && g_error_matches (lookup_error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND))
    message = _("This follow-up no longer exists");
  else if (now != NULL && g_strcmp0 (nudge_followup_get_status (now), "open") != 0)
    message = _("This follow-up was changed elsewhere");
  if (message == NULL)
    {
      _nudge_today_show_error (self, error);
      return;
    }
  remove_occurrence_now (self, id, 0);
  nudge_today_view_refresh (self);
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    nudge_toast_overlay_add (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    {
      g_autoptr(GError) changed = g_error_new_literal (NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID, message);

      _nudge_today_show_error (self, changed);
    }
}

/* A row's action pressed while one of Nudge's own workers saves a long
 * change (Snooze All on thousands of follow-ups) waits for that write
 * to end, rather than make the window wait on the lock or the seller
 * try again; it looks every WAIT_POLL_MS, for WAIT_USEC at most. */
#define WAIT_POLL_MS 50
#define WAIT_USEC (4 * G_USEC_PER_SEC)

typedef struct
{
  NudgeTodayView             *view;     /* weak */
  GtkWidgetActionActivateFunc action;
  char                       *action_name;
  GVariant                   *param;
  gint64                      deadline;  /* monotonic µs */
} WaitingAction;

static void
waiting_action_free (gpointer data)
{
  WaitingAction *waiting = data;

  g_clear_weak_pointer (&waiting->view);
  g_free (waiting->action_name);
  g_variant_unref (waiting->param);
  g_free (waiting);
}

/* The row of follow-up @id's occurrence @start shows it waits (@pending:
 * greyed out, busy for a screen reader), or no longer does. */
static void
set_row_pending (NudgeTodayView *self,
                 gint64          id,
                 gint64          start,
                 gboolean        pending)
{
  GtkListBox *lists[] = { self->overdue_list, self->today_list, self->week_list };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (lists[i])); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      {
        NudgeOccurrence *o = nudge_item_row_lookup (row, NUDGE_TYPE_OCCURRENCE);

        if (o != NULL && nudge_followup_get_id (nudge_occurrence_get_followup (o)) == id &&
            nudge_occurrence_get_start (o) == start)
          {
            gtk_widget_set_sensitive (row, !pending);
            gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_BUSY, pending, -1);
          }
      }
}

static gboolean
waiting_action_cb (gpointer data)
{
  WaitingAction *waiting = data;
  gint64 id, start;

  if (waiting->view == NULL)
    return G_SOURCE_REMOVE;
  if (nudge_store_other_is_writing (waiting->view->store) && g_get_monotonic_time () < waiting->deadline)
    return G_SOURCE_CONTINUE;
  g_variant_get_child (waiting->param, 0, "x", &id);
  g_variant_get_child (waiting->param, 1, "x", &start);
  set_row_pending (waiting->view, id, start, FALSE);
  if (nudge_store_other_is_writing (waiting->view->store))
    {
      g_autoptr(GError) error = g_error_new_literal (NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_LOCKED,
                                                     _("Nudge is still saving an earlier change; try again in a moment"));

      _nudge_today_action_failed (waiting->view, id, error);
    }
  else
    waiting->action (GTK_WIDGET (waiting->view), waiting->action_name, waiting->param);
  return G_SOURCE_REMOVE;
}

/* Whether @action on the row @param names (its follow-up's id and
 * occurrence first) waits for a write of Nudge's own, to run once it
 * ends; said by the row meanwhile. */
static gboolean
wait_for_own_write (NudgeTodayView              *self,
                    GtkWidgetActionActivateFunc  action,
                    const char                  *action_name,
                    GVariant                    *param)
{
  WaitingAction *waiting;
  gint64 id, start;

  if (!nudge_store_other_is_writing (self->store))
    return FALSE;
  waiting = g_new0 (WaitingAction, 1);
  g_set_weak_pointer (&waiting->view, self);
  waiting->action = action;
  waiting->action_name = g_strdup (action_name);
  waiting->param = g_variant_ref (param);
  waiting->deadline = g_get_monotonic_time () + WAIT_USEC;
  g_variant_get_child (param, 0, "x", &id);
  g_variant_get_child (param, 1, "x", &start);
  set_row_pending (self, id, start, TRUE);
  g_timeout_add_full (G_PRIORITY_DEFAULT, WAIT_POLL_MS, waiting_action_cb, waiting, waiting_action_free);
  return TRUE;
}

typedef struct
{
  GtkWindow          *parent;
  NudgeContext       *context;
  gint64              done_id;
  NudgeFollowupsUndo *undo;     /* the Done's, which the next step joins */
} NextStep;

static void
next_step_free (gpointer data)
{
  NextStep *next = data;

  g_clear_object (&next->parent);
  g_clear_object (&next->context);
  g_clear_pointer (&next->undo, nudge_followups_undo_free);
  g_free (next);
}

static gboolean
present_next_step_cb (gpointer data)
{
  NextStep *next = data;
  NudgeNextStepDialog *dialog = nudge_next_step_dialog_present (next->parent, next->context, next->done_id);

  if (dialog != NULL && next->undo != NULL)
    nudge_next_step_dialog_set_undo (dialog, next->undo);
  return G_SOURCE_REMOVE;
}

/* The follow-up a row's action names: @param begins with its id and
 * the occurrence, "(xx…)". NULL when it is gone (as said). */
static NudgeFollowup *
row_followup (NudgeTodayView *self,
              GVariant       *param,
              gint64         *id,
              gint64         *occurrence)
{
  g_autoptr(GError) error = NULL;
  NudgeFollowup *f;

  g_variant_get_child (param, 0, "x", id);
  g_variant_get_child (param, 1, "x", occurrence);
  if (!(f = nudge_store_get_followup (self->store, *id, &error)))
    _nudge_today_action_failed (self, *id, error);
  return f;
}

/* After a row's action wrote (@ok) its row leaves at once; else the
 * failure is said. */
static gboolean
row_action_done (NudgeTodayView  *self,
                 gint64           id,
                 gint64           occurrence,
                 gboolean         ok,
                 GError         **error)
{
  if (!ok)
    {
      _nudge_today_action_failed (self, id, *error);
      return FALSE;
    }
  remove_occurrence_now (self, id, occurrence);
  return TRUE;
}

static void
next_step_closure_free (gpointer  data,
                        GClosure *closure)
{
  next_step_free (data);
}

/* Once: the question goes to an idle, and the handler (which owns an
 * emptied copy) goes. A window closed before it painted drops it all. */
static void
row_gone_painted_cb (GdkFrameClock *clock,
                     NextStep      *next)
{
  NextStep *later = g_memdup2 (next, sizeof *next);

  memset (next, 0, sizeof *next);
  g_signal_handlers_disconnect_by_func (clock, row_gone_painted_cb, next);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, present_next_step_cb, later, next_step_free);
}

/* A follow-up was done: the seller is asked what comes next
 * (nudge-next-step-dialog.c). The lists are read again a moment later,
 * as after any change, not on a worker that would draw on the cores
 * the frame showing the row gone is being drawn with. The step planned
 * joins @undo, the Done's record, so that its Undo does not leave the
 * step behind beside the follow-up it puts back. */
static void
ask_next_step (NudgeTodayView     *self,
               gint64              id,
               NudgeFollowupsUndo *undo)
{
  NextStep *next;

  /* A series that goes on, or another step planned, is the next step. */
  if (!nudge_followups_needs_next_step_after (self->store, id))
    return;
  next = g_new0 (NextStep, 1);
  GtkWindow *parent = nudge_view_parent_window (GTK_WIDGET (self));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  next->parent = parent ? g_object_ref (parent) : NULL;
  next->context = g_object_ref (nudge_view_get_context (NUDGE_VIEW (self)));
  next->done_id = id;
  next->undo = undo != NULL ? nudge_followups_undo_ref (undo) : NULL;
  /* The question comes once the frame that shows the row gone is
   * painted: a new window is not built before it. */
  if (clock == NULL)
    {
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, present_next_step_cb, next, next_step_free);
      return;
    }
  g_signal_connect_data (clock, "after-paint", G_CALLBACK (row_gone_painted_cb), next,
                         next_step_closure_free, 0);
}

/* A change to follow-up @id that Undo can take back: begun here (NULL
 * when it cannot be, as said), ended with _nudge_today_end_undoable(). */
NudgeFollowupsUndo *
_nudge_today_begin_undoable (NudgeTodayView *self,
                             gint64          id)
{
  g_autoptr(GError) error = NULL;
  NudgeFollowupsUndo *undo = nudge_followups_undo_begin (self->store, &id, 1, &error);

  if (undo == NULL)
    _nudge_today_action_failed (self, id, error);
  return undo;
}

/* Ends the change _nudge_today_begin_undoable() began, which wrote (@ok)
 * or failed with @error. Once written, the row of @occurrence leaves and
 * the record is returned; else the failure is said and NULL returned. */
static NudgeFollowupsUndo *
end_undoable (NudgeTodayView      *self,
              NudgeFollowupsUndo  *undo,
              gint64               id,
              gint64               occurrence,
              gboolean             ok,
              GError             **error)
{
  undo = nudge_followups_undo_end (self->store, undo, ok, error);
  if (!row_action_done (self, id, occurrence, undo != NULL, error))
    return NULL;
  return undo;
}

/* Ends the change _nudge_today_begin_undoable() began, which wrote (@ok)
 * or failed with @error. Once written, the row of @occurrence leaves and
 * a toast says @message, with Undo; else the failure is said. */
gboolean
_nudge_today_end_undoable (NudgeTodayView      *self,
                           NudgeFollowupsUndo  *undo,
                           gint64               id,
                           gint64               occurrence,
                           gboolean             ok,
                           GError             **error,
                           const char          *message)
{
  if (!(undo = end_undoable (self, undo, id, occurrence, ok, error)))
    return FALSE;
  nudge_view_show_store_undo (GTK_WIDGET (self), message, self->store,
                              (NudgeStoreUndoFunc) nudge_followups_undo, undo,
                              (GDestroyNotify) nudge_followups_undo_free, 1);
  return TRUE;
}

void
_nudge_today_done_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (widget);
  g_autoptr(NudgeFollowup) f = NULL;
  g_autoptr(GError) error = NULL;
  NudgeFollowupsUndo *undo;
  gint64 id, occurrence;

  if (wait_for_own_write (self, _nudge_today_done_action, action_name, param))
    return;
  /* The toast names what was done. */
  if (!(f = row_followup (self, param, &id, &occurrence)) || !(undo = _nudge_today_begin_undoable (self, id)))
    return;
  if (!(undo = end_undoable (self, undo, id, occurrence,
                             nudge_followups_complete (self->store, id, occurrence, &error), &error)))
    return;
  ask_next_step (self, id, undo);
  nudge_view_show_done_undo (widget, nudge_followup_get_title (f), self->store,
                             (NudgeStoreUndoFunc) nudge_followups_undo, undo,
                             (GDestroyNotify) nudge_followups_undo_free);
}

void
_nudge_today_snooze_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeFollowup) f = NULL;
  NudgeFollowupsUndo *undo;
  gint64 id, occurrence, until;
  int preset;

  if (wait_for_own_write (self, _nudge_today_snooze_action, action_name, param) ||
      !(f = row_followup (self, param, &id, &occurrence)))
    return;
  g_variant_get_child (param, 2, "i", &preset);
  until = nudge_view_snooze_target (self->settings, preset);
  if ((undo = _nudge_today_begin_undoable (self, id)) &&
      (undo = end_undoable (self, undo, id, occurrence, nudge_followups_snooze (self->store, id, until, &error),
                            &error)))
    nudge_view_show_snoozed_undo (widget, until, self->store, undo);
}

/* Snooze All: every overdue follow-up at once, on a worker (a big book
 * has thousands), in one transaction, with one Undo. */
typedef struct
{
  NudgeSnoozePreset   preset;
  int                 workday_start;
  gboolean            skip_weekends;
  NudgeFollowupsUndo *undo;
} SnoozeOverdue;

static void
snooze_overdue_free (gpointer data)
{
  SnoozeOverdue *job = data;

  g_clear_pointer (&job->undo, nudge_followups_undo_free);
  g_free (job);
}

static gboolean
snooze_overdue_job (NudgeStore    *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  SnoozeOverdue *job = data;

  job->undo = nudge_followups_snooze_overdue (store, job->preset, job->workday_start, job->skip_weekends, error);
  return job->undo != NULL;
}

static void
snooze_overdue_done (gpointer      owner,
                     gpointer      data,
                     const GError *error)
{
  NudgeTodayView *self = owner;
  SnoozeOverdue *job = data;
  g_autofree char *count = NULL;
  g_autofree char *when = NULL;
  g_autofree char *message = NULL;
  gint64 now;
  guint n;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.snooze-overdue", TRUE);
  if (error != NULL)
    {
      _nudge_today_show_error (self, error);
      return;
    }
  n = nudge_followups_undo_get_n_items (job->undo);
  if (n == 0)
    {
      nudge_view_show_message (GTK_WIDGET (self), _("Nothing is overdue"));
      return;
    }
  now = nudge_clock_now ();
  when = nudge_format_until (nudge_followups_snooze_target (job->preset, now, NULL,
                                                            job->workday_start, job->skip_weekends), now);
  count = nudge_format_number (n, 0);
  /* TRANSLATORS: the first %s is a number ("4 527"), the second "until
   * 14:30", "until tomorrow at 09:00", "until Monday at 09:00" or "until
   * 22.12.2026 09:00", each translated apart */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s follow-up snoozed %s",
                                          "%s follow-ups snoozed %s", n), count, when);
  nudge_view_show_store_undo (GTK_WIDGET (self), message, self->store,
                              (NudgeStoreUndoFunc) nudge_followups_undo, g_steal_pointer (&job->undo),
                              (GDestroyNotify) nudge_followups_undo_free, n);
}

void
_nudge_today_snooze_overdue_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (widget);
  SnoozeOverdue *job = g_new0 (SnoozeOverdue, 1);

  job->preset = g_variant_get_int32 (param);
  job->workday_start = nudge_followup_workday_start (self->settings);
  job->skip_weekends = nudge_followup_skip_weekends (self->settings);
  /* Once at a time: a second click would find nothing left overdue. */
  gtk_widget_action_set_enabled (widget, "today.snooze-overdue", FALSE);
  nudge_worker_run (self->store, snooze_overdue_job, job, snooze_overdue_free, NULL, snooze_overdue_done, self);
}

/* The menu of Snooze All: the snoozes that make sense for a pile. */
GMenuModel *
_nudge_today_snooze_overdue_menu (void)
{
  static const NudgeSnoozePreset presets[] = { NUDGE_SNOOZE_TOMORROW, NUDGE_SNOOZE_NEXT_WEEK };
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (nudge_followups_snooze_label (presets[i]), NULL);

      g_menu_item_set_action_and_target_value (item, "today.snooze-overdue", g_variant_new_int32 (presets[i]));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

void
_nudge_today_skip_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (widget);
  g_autoptr(GError) error = NULL;
  NudgeFollowupsUndo *undo;
  gint64 id, occurrence;

  if (wait_for_own_write (self, _nudge_today_skip_action, action_name, param))
    return;
  g_variant_get (param, "(xx)", &id, &occurrence);
  if ((undo = _nudge_today_begin_undoable (self, id)))
    _nudge_today_end_undoable (self, undo, id, occurrence, nudge_followups_skip (self->store, id, occurrence, &error),
                               &error, _("Skipped this time"));
}

void
_nudge_today_log_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (widget);
  g_autoptr(NudgeFollowup) f = NULL;
  g_autoptr(GError) error = NULL;
  NudgeActivityLog *log;
  const char *kind;
  gint64 id, occurrence;

  if (wait_for_own_write (self, _nudge_today_log_action, action_name, param) ||
      !(f = row_followup (self, param, &id, &occurrence)))
    return;
  g_variant_get_child (param, 2, "&s", &kind);

  /* The interaction and the completion land together or not at all,
   * and leave together with Undo, the next step planned after them
   * too. */
  log = nudge_activity_log_answer (self->store, f, occurrence, kind, &error);
  if (!row_action_done (self, id, occurrence, log != NULL, &error))
    return;
  ask_next_step (self, id, nudge_activity_log_get_followups_undo (log));
  nudge_view_show_store_undo (widget, g_str_equal (kind, "call") ? _("Call logged") : _("E-mail logged"),
                              self->store, (NudgeStoreUndoFunc) nudge_activity_log_undo, log,
                              (GDestroyNotify) nudge_activity_log_free, 1);
}

void
_nudge_today_edit_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (widget);
  g_autoptr(NudgeFollowup) f = NULL;
  gint64 id, occurrence;

  if (!(f = row_followup (self, param, &id, &occurrence)))
    return;
  nudge_followup_editor_present (nudge_view_parent_window (widget), nudge_view_get_context (NUDGE_VIEW (self)), f,
                                 *nudge_followup_get_rrule (f) ? occurrence : 0, 0, 0);
}

void
_nudge_today_mailto_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (widget)), g_variant_get_string (param, NULL), GDK_CURRENT_TIME);
}

void
_nudge_today_open_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  int entity;
  gint64 id;

  g_variant_get (param, "(ix)", &entity, &id);
  _nudge_today_open_record (NUDGE_TODAY_VIEW (widget), entity, id);
}

void
_nudge_today_plan_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (widget);
  gint64 deal_id, contact_id;

  g_variant_get (param, "(xx)", &deal_id, &contact_id);
  nudge_followup_editor_present (nudge_view_parent_window (GTK_WIDGET (self)), nudge_view_get_context (NUDGE_VIEW (self)), NULL, 0, deal_id, contact_id);
}

void
_nudge_today_add_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (widget);

  nudge_followup_editor_present (nudge_view_parent_window (GTK_WIDGET (self)), nudge_view_get_context (NUDGE_VIEW (self)), NULL, 0, 0, 0);
}

static GtkWidget *
focused_row (NudgeTodayView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;

  if (row == NULL || !gtk_widget_is_ancestor (row, GTK_WIDGET (self)))
    return NULL;
  return row;
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

void
_nudge_today_key_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  NudgeTodayView *self = NUDGE_TODAY_VIEW (widget);
  GtkWidget *row = focused_row (self);
  NudgeOccurrence *o = nudge_item_row_lookup (row, NUDGE_TYPE_OCCURRENCE);
  const char *which = g_variant_get_string (param, NULL);

  if (o == NULL)
    return;
  if (g_str_equal (which, "done"))
    gtk_widget_activate_action (widget, "today.done", "(xx)",
                                nudge_followup_get_id (nudge_occurrence_get_followup (o)),
                                nudge_occurrence_get_start (o));
  else
    {
      GtkWidget *button = nudge_widget_find (row, is_named, which);

      /* A narrow row has Snooze in its menu; a new day is set in the
       * editor, whose date field the keyboard types in. */
      if (button != NULL && !gtk_widget_get_visible (button) && g_str_equal (which, "reschedule"))
        {
          gtk_widget_activate_action (widget, "today.edit", "(xx)",
                                      nudge_followup_get_id (nudge_occurrence_get_followup (o)),
                                      nudge_occurrence_get_start (o));
          return;
        }
      if (button != NULL && !gtk_widget_get_visible (button))
        button = nudge_widget_find (row, is_named, "more");
      if (button != NULL)
        gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    }
}

/* D, S, R and the menu key act on the focused row; with no row focused
 * they are typing, which the window turns into a search. */
gboolean
_nudge_today_key_binding (GtkWidget *widget,
                          GVariant  *args,
                          gpointer   user_data)
{
  if (focused_row (NUDGE_TODAY_VIEW (widget)) == NULL)
    return FALSE;
  _nudge_today_key_action (widget, "today.key", args);
  return TRUE;
}
