/* nudge-calendar-view.c — follow-ups on a month grid or a week agenda
 *
 * Only the visible range is queried (nudge_followups_list_days), on
 * a worker thread, so a big book costs what one month costs and the window
 * keeps drawing meanwhile. A day shows two chips; the rest of a busy day is
 * built only when its "+N more" list is opened, and only the rows that are
 * scrolled into view. The week agenda grows a few rows per main-loop turn.
 * A chip can be dragged to another day; the drop goes through the
 * calendar.reschedule action and moves the chip at once.
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
#include "nudge-format.h"
#include "nudge-worker.h"
#include "nudge-view-actions.h"

#define NARROW_WIDTH 560

G_DEFINE_FINAL_TYPE (NudgeCalendarView, nudge_calendar_view, NUDGE_TYPE_VIEW)



GDateTime *
_nudge_calendar_date_to_local (const GDate *date)
{
  g_autoptr(GTimeZone) tz = nudge_clock_local_zone ();

  return g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date), g_date_get_day (date), 0, 0, 0);
}

void
_nudge_calendar_today (GDate *out)
{
  nudge_clock_local_date (nudge_clock_now (), out);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  NudgeCalendarView *self = data;

  self->refresh_id = 0;
  _nudge_calendar_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (NudgeCalendarView *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

char *
_nudge_calendar_format_time_of_day (gint64 at)
{
  return nudge_format_time (at);
}

char *
_nudge_calendar_occurrence_label (NudgeOccurrence *o)
{
  NudgeFollowup *f = nudge_occurrence_get_followup (o);
  g_autofree char *time = NULL;

  if (nudge_occurrence_get_all_day (o))
    return g_strdup (nudge_followup_get_title (f));
  time = _nudge_calendar_format_time_of_day (nudge_occurrence_get_due_at (o));
  /* Translators: a calendar chip: time and title */
  return g_strdup_printf (_("%s %s"), time, nudge_followup_get_title (f));
}

char *
_nudge_calendar_occurrence_payload (NudgeOccurrence *o)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                          nudge_followup_get_id (nudge_occurrence_get_followup (o)),
                          nudge_occurrence_get_start (o));
}

/* A month of a big book is thousands of occurrences: freeing them took
 * 40-60 ms. The days the view showed are freed on a worker, once the
 * cells and rows that showed them are gone (they hold references). */
static GPtrArray *
take_days (NudgeCalendarView *self)
{
  GPtrArray *old = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint d = 0; d < GRID_DAYS; d++)
    if (self->days[d] != NULL)
      g_ptr_array_add (old, g_steal_pointer (&self->days[d]));
  return old;
}

static void
drop_days (GPtrArray *old)
{
  nudge_worker_drop (old, (GDestroyNotify) g_ptr_array_unref);
}

/* Empty days, until the worker has read the range. */
static void
show_empty_days (NudgeCalendarView *self)
{
  GPtrArray *old = take_days (self);

  for (guint d = 0; d < GRID_DAYS; d++)
    self->days[d] = g_ptr_array_new_with_free_func (g_object_unref);
  self->loaded = FALSE;
  _nudge_calendar_build_view (self);
  drop_days (old);
}

static gboolean
showing_range (NudgeCalendarView *self)
{
  return self->days[0] != NULL &&
         self->shown_mode == self->mode && self->shown_n_days == self->n_days &&
         g_date_valid (&self->shown_first) && g_date_compare (&self->shown_first, &self->first) == 0;
}

typedef struct
{
  GDate      first;
  guint      n_days;
  gint64     from;
  gint64     to;
  GPtrArray *days[GRID_DAYS];
} RangeJob;

static void
range_job_free (gpointer data)
{
  RangeJob *job = data;

  for (guint d = 0; d < GRID_DAYS; d++)
    if (job->days[d] != NULL)
      nudge_worker_drop (g_steal_pointer (&job->days[d]), (GDestroyNotify) g_ptr_array_unref);
  g_free (job);
}

/* On a worker: a month of a big book is thousands of occurrences, listed
 * and sorted into their days here. */
static gboolean
range_job (NudgeStore    *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  RangeJob *job = data;
  g_autoptr(GPtrArray) occurrences = NULL;

  occurrences = nudge_followups_list_days (store, job->from, job->to, TRUE, error);
  if (occurrences == NULL)
    return FALSE;
  for (guint d = 0; d < GRID_DAYS; d++)
    job->days[d] = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < occurrences->len; i++)
    {
      NudgeOccurrence *o = g_ptr_array_index (occurrences, i);
      GDate day;
      int index;

      if (nudge_occurrence_get_state (o) == NUDGE_OCCURRENCE_SKIPPED)
        continue;
      /* An all-day one on its own day, whatever the desktop's zone */
      nudge_clock_local_date (nudge_occurrence_get_local_due_at (o), &day);
      index = g_date_days_between (&job->first, &day);
      if (index >= 0 && index < (int) job->n_days)
        g_ptr_array_add (job->days[index], g_object_ref (o));
    }
  return TRUE;
}

static void
apply_range (NudgeCalendarView *self,
             RangeJob          *job)
{
  GPtrArray *old = take_days (self);

  for (guint d = 0; d < GRID_DAYS; d++)
    self->days[d] = g_steal_pointer (&job->days[d]);
  self->loaded = TRUE;
  _nudge_calendar_build_view (self);
  drop_days (old);
}

static void load_range (NudgeCalendarView *self);

static void
range_done (gpointer      owner,
            gpointer      data,
            const GError *error)
{
  NudgeCalendarView *self = owner;
  RangeJob *job = data;

  self->loading = FALSE;
  if (!nudge_worker_succeeded (error, "Could not list follow-ups") || self->store == NULL)
    return;

  /* An answer for a range the user has left is of no use */
  if (job->n_days == self->n_days && g_date_compare (&job->first, &self->first) == 0)
    apply_range (self, job);
  else
    self->refresh_again = TRUE;

  if (self->refresh_again)
    {
      self->refresh_again = FALSE;
      load_range (self);
    }
}

static void
load_range (NudgeCalendarView *self)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  RangeJob *job;

  if (self->loading)
    {
      self->refresh_again = TRUE;
      return;
    }
  job = g_new0 (RangeJob, 1);
  job->first = self->first;
  job->n_days = self->n_days;
  start = _nudge_calendar_date_to_local (&self->first);
  end = g_date_time_add_days (start, self->n_days);
  job->from = g_date_time_to_unix (start);
  job->to = g_date_time_to_unix (end);
  self->loading = TRUE;
  nudge_worker_run (self->store, range_job, job, range_job_free, self->cancellable,
                    range_done, self);
}

/* The title and the empty grid of the range follow at once; the chips
 * when the worker has read them. */
void
_nudge_calendar_refresh (NudgeCalendarView *self)
{
  GDate month_start, last;
  char title[128];
  int offset;

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (self->mode == MODE_MONTH)
    {
      g_date_clear (&month_start, 1);
      g_date_set_dmy (&month_start, 1, g_date_get_month (&self->selected), g_date_get_year (&self->selected));
      self->first = month_start;
      offset = ((int) g_date_get_weekday (&month_start) - (int) nudge_locale_first_weekday () + 7) % 7;
      g_date_subtract_days (&self->first, offset);
      self->n_days = GRID_DAYS;
      g_date_strftime (title, sizeof title, "%OB %Y", &month_start);
      /* Some C libraries lack %OB: the nominative month name */
      if (title[0] == '%')
        g_date_strftime (title, sizeof title, "%B %Y", &month_start);
      /* A heading: "Prosinec 2026", though Czech, Polish and Ukrainian
       * write their months in lower case. */
      {
        g_autofree char *capital = nudge_format_capitalize (title);

        g_strlcpy (title, capital, sizeof title);
      }
    }
  else
    {
      self->first = self->selected;
      offset = ((int) g_date_get_weekday (&self->selected) - (int) nudge_locale_first_weekday () + 7) % 7;
      g_date_subtract_days (&self->first, offset);
      self->n_days = 7;
      last = self->first;
      g_date_add_days (&last, 6);
      {
        g_autoptr(GDateTime) a = _nudge_calendar_date_to_local (&self->first);
        g_autofree char *from_text = nudge_format_date (g_date_time_to_unix (a));
        g_autoptr(GDateTime) b = _nudge_calendar_date_to_local (&last);
        g_autofree char *to_text = nudge_format_date (g_date_time_to_unix (b));

        /* Translators: a week's range of dates */
        g_snprintf (title, sizeof title, _("%s – %s"), from_text, to_text);
      }
    }
  gtk_label_set_label (self->title_label, title);
  gtk_stack_set_visible_child_name (self->stack, self->mode == MODE_MONTH ? "month" : "week");
  gtk_toggle_button_set_active (self->month_button, self->mode == MODE_MONTH);
  gtk_toggle_button_set_active (self->week_button, self->mode == MODE_WEEK);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->previous_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->mode == MODE_MONTH ? _("Previous Month") : _("Previous Week"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->next_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->mode == MODE_MONTH ? _("Next Month") : _("Next Week"), -1);

  if (!showing_range (self))
    {
      /* Another month or week: its days at once, empty until read */
      show_empty_days (self);
    }
  else if (self->mode == MODE_MONTH)
    {
      /* Same month, another selected day: only the styles change */
      _nudge_calendar_mark_selected (self);
    }
  load_range (self);
}

static void
store_changes_cb (NudgeCalendarView *self,
                  NudgeChangeSet    *changes)
{
  if (nudge_change_set_touches_any (changes, NUDGE_ENTITY_BIT (NUDGE_ENTITY_FOLLOWUP) |
                                             NUDGE_ENTITY_BIT (NUDGE_ENTITY_DEAL) |
                                             NUDGE_ENTITY_BIT (NUDGE_ENTITY_CONTACT) |
                                             NUDGE_ENTITY_BIT (NUDGE_ENTITY_COMPANY)))
    queue_refresh (self);
}

/* Previous and Next: a month back or on in the month grid, a week in
 * the week's agenda; @direction is -1 or 1. */
static void
move_by_page (NudgeCalendarView *self,
              int                direction)
{
  if (self->mode == MODE_MONTH && direction > 0)
    g_date_add_months (&self->selected, 1);
  else if (self->mode == MODE_MONTH)
    g_date_subtract_months (&self->selected, 1);
  else if (direction > 0)
    g_date_add_days (&self->selected, 7);
  else
    g_date_subtract_days (&self->selected, 7);
  _nudge_calendar_refresh (self);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  move_by_page (NUDGE_CALENDAR_VIEW (widget), -1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  move_by_page (NUDGE_CALENDAR_VIEW (widget), 1);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  NudgeCalendarView *self = NUDGE_CALENDAR_VIEW (widget);

  _nudge_calendar_today (&self->selected);
  _nudge_calendar_refresh (self);
}

static void
move_selection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  NudgeCalendarView *self = NUDGE_CALENDAR_VIEW (widget);
  int days = g_variant_get_int32 (parameter);
  GDate date = self->selected;

  if (days > 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  _nudge_calendar_move_focus_to_day (self, &date);
}

static void
mode_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NudgeCalendarView *self = NUDGE_CALENDAR_VIEW (widget);

  self->wide_mode = g_str_equal (g_variant_get_string (parameter, NULL), "week") ? MODE_WEEK : MODE_MONTH;
  if (!nudge_view_get_narrow (NUDGE_VIEW (self)))
    self->mode = self->wide_mode;
  _nudge_calendar_refresh (self);
}

/* A month's grid in a phone's width is chips cut to "09:…": a narrow
 * window shows the week's agenda, and the month again when wide. */
static void
nudge_calendar_view_narrow_changed (NudgeView *view)
{
  NudgeCalendarView *self = NUDGE_CALENDAR_VIEW (view);
  gboolean narrow = nudge_view_get_narrow (view);

  gtk_widget_set_visible (self->mode_box, !narrow);
  self->mode = narrow ? MODE_WEEK : self->wide_mode;
  _nudge_calendar_refresh (self);
}

/* A busy day's "+N more" list leads here: the week's agenda, the focus
 * on the day's first follow-up (a narrow window shows the agenda anyway). */
void
_nudge_calendar_show_day_in_agenda (NudgeCalendarView *self,
                                    const GDate       *date)
{
  self->selected = *date;
  self->wide_mode = MODE_WEEK;
  self->mode = MODE_WEEK;
  self->refocus = TRUE;
  self->refocus_day = -1;
  self->refocus_row = -1;
  self->refocus_agenda_day = ((int) g_date_get_weekday (date) - (int) nudge_locale_first_weekday () + 7) % 7;
  _nudge_calendar_refresh (self);
}

static void
new_on_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  NudgeCalendarView *self = NUDGE_CALENDAR_VIEW (widget);
  GDate date = self->selected;

  _nudge_calendar_new_followup_on (self, &date);
}

static void
show_error (NudgeCalendarView *self,
            GError            *error)
{
  nudge_view_show_error (GTK_WIDGET (self), _("Could Not Move the Follow-up"), error);
}

/* The chip goes to its new day before the worker has read the range again
 * (which then confirms it): the drop shows within the frame. */
static void
move_chip_now (NudgeCalendarView *self,
               gint64             id,
               gint64             occurrence,
               const GDate       *day)
{
  int to = g_date_days_between (&self->first, day);

  if (!self->loaded || !showing_range (self))
    return;
  for (guint d = 0; d < self->n_days; d++)
    for (guint i = 0; i < self->days[d]->len; i++)
      {
        NudgeOccurrence *o = g_ptr_array_index (self->days[d], i);
        g_autoptr(NudgeOccurrence) moved = NULL;
        gint64 due;
        guint at;

        if (nudge_followup_get_id (nudge_occurrence_get_followup (o)) != id ||
            (occurrence != 0 && nudge_occurrence_get_start (o) != occurrence))
          continue;
        if ((int) d == to)
          return;
        moved = g_ptr_array_steal_index (self->days[d], i);
        if (to >= 0 && to < (int) self->n_days)
          {
            /* Same time of day: ordered among the day's chips by it */
            due = nudge_occurrence_get_local_due_at (moved) + (gint64) (to - (int) d) * 24 * 3600;
            for (at = 0; at < self->days[to]->len; at++)
              if (nudge_occurrence_get_local_due_at (g_ptr_array_index (self->days[to], at)) > due)
                break;
            g_ptr_array_insert (self->days[to], at, g_steal_pointer (&moved));
          }
        if (self->mode == MODE_MONTH)
          {
            GDate now;

            _nudge_calendar_today (&now);
            _nudge_calendar_build_month_cell (self, d, &now);
            if (to >= 0 && to < GRID_DAYS)
              _nudge_calendar_build_month_cell (self, to, &now);
          }
        else
          _nudge_calendar_build_agenda (self);
        return;
      }
}

/* Moves the follow-up (@scope "this": the occurrence; "following":
 * it and those after it, as a new series) to @day, keeping its time. */
static gint64
move_to_day (NudgeCalendarView  *self,
             NudgeFollowup      *f,
             gint64              occurrence,
             const GDate        *day,
             const char         *scope,
             GError            **error)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) moved = NULL;
  NudgeFollowupSpec spec;
  gint64 id = nudge_followup_get_id (f);

  if (!g_str_equal (scope, "following") || *nudge_followup_get_rrule (f) == '\0')
    {
      gint64 holder = nudge_followups_reschedule_to_day (self->store, id,
                                                         *nudge_followup_get_rrule (f) ? occurrence : 0,
                                                         g_date_get_year (day), g_date_get_month (day),
                                                         g_date_get_day (day), error);

      if (holder != 0)
        move_chip_now (self, id, *nudge_followup_get_rrule (f) ? occurrence : 0, day);
      return holder;
    }

  /* This and the following ones: a new series from that day, same time */
  tz = g_time_zone_new_identifier (*nudge_followup_get_tzid (f) ? nudge_followup_get_tzid (f) : "UTC");
  if (tz == NULL)
    tz = nudge_clock_local_zone ();
  utc = g_date_time_new_from_unix_utc (occurrence);
  local = g_date_time_to_timezone (utc, tz);
  moved = g_date_time_new (tz, g_date_get_year (day), g_date_get_month (day), g_date_get_day (day),
                           g_date_time_get_hour (local), g_date_time_get_minute (local), 0);
  nudge_followup_spec_from_followup (&spec, f);
  spec.due_at = g_date_time_to_unix (moved);
  return nudge_followups_edit_following (self->store, id, occurrence, &spec, error);
}

/* The move, in one transaction with what Undo needs; a toast offers it. */
static gboolean
reschedule (NudgeCalendarView  *self,
            gint64              id,
            gint64              occurrence,
            const GDate        *day,
            const char         *scope,
            GError            **error)
{
  g_autoptr(NudgeFollowup) f = nudge_store_get_followup (self->store, id, error);
  g_autoptr(GDateTime) noon = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *message = NULL;
  NudgeFollowupsUndo *undo;
  gint64 holder;

  if (f == NULL || !(undo = nudge_followups_undo_begin (self->store, &id, 1, error)))
    return FALSE;
  if (occurrence == 0)
    occurrence = nudge_followup_get_due_at (f);
  if ((holder = move_to_day (self, f, occurrence, day, scope, error)) != 0)
    nudge_followups_undo_add_created (undo, holder);
  if (!(undo = nudge_followups_undo_end (self->store, undo, holder != 0, error)))
    return FALSE;
  noon = nudge_clock_local_new (g_date_get_year (day), g_date_get_month (day), g_date_get_day (day), 12, 0, 0);
  date_text = nudge_format_date (g_date_time_to_unix (noon));
  /* TRANSLATORS: %s is a date, "16.12.2026" */
  message = g_strdup_printf (_("Moved to %s"), date_text);
  nudge_view_show_store_undo (GTK_WIDGET (self), message, self->store,
                              (NudgeStoreUndoFunc) nudge_followups_undo, undo,
                              (GDestroyNotify) nudge_followups_undo_free, 1);
  return TRUE;
}

typedef struct
{
  NudgeCalendarView *self;
  gint64             id;
  gint64             occurrence;
  GDate              day;
} MoveRequest;

static void
scope_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   MoveRequest      *request)
{
  g_autoptr(GError) error = NULL;

  if ((g_str_equal (response, "this") || g_str_equal (response, "following")) &&
      !reschedule (request->self, request->id, request->occurrence, &request->day, response, &error))
    show_error (request->self, error);
  g_object_unref (request->self);
  g_free (request);
}

static void
reschedule_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  NudgeCalendarView *self = NUDGE_CALENDAR_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeFollowup) f = NULL;
  const char *day_text, *scope;
  gint64 id, occurrence;
  int y, m, d;
  GDate day;

  g_variant_get (parameter, "(xx&s&s)", &id, &occurrence, &day_text, &scope);
  if (sscanf (day_text, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return;
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, d, m, y);

  if (!(f = nudge_store_get_followup (self->store, id, &error)))
    {
      show_error (self, error);
      return;
    }
  _nudge_calendar_menu_moved (self, id);

  if (*scope == '\0' && *nudge_followup_get_rrule (f) != '\0')
    {
      MoveRequest *request = g_new0 (MoveRequest, 1);
      GtkWidget *dialog;

      request->self = g_object_ref (self);
      request->id = id;
      request->occurrence = occurrence;
      request->day = day;
      dialog = adw_message_dialog_new (nudge_view_parent_window (GTK_WIDGET (self)),
                                       _("Move a Repeating Follow-up"),
                                       _("Move only this occurrence, or this and the following ones?"));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "following", _("This and _Following"),
                                        "this", _("_Only This One"),
                                        NULL);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "this");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "this", ADW_RESPONSE_SUGGESTED);
      g_signal_connect (dialog, "response", G_CALLBACK (scope_response_cb), request);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  if (!reschedule (self, id, occurrence, &day, *scope ? scope : "this", &error))
    show_error (self, error);
}

static void
nudge_calendar_view_dispose (GObject *object)
{
  NudgeCalendarView *self = NUDGE_CALENDAR_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->grow_id, g_source_remove);
  _nudge_calendar_menu_dispose (self);
  nudge_clear_clock_handler (&self->month_clock, &self->month_paint_id);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  for (guint d = 0; d < GRID_DAYS; d++)
    g_clear_pointer (&self->days[d], g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_CALENDAR_VIEW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nudge_calendar_view_parent_class)->dispose (object);
}

static gboolean
nudge_calendar_view_focus (GtkWidget        *widget,
                           GtkDirectionType  direction)
{
  _nudge_calendar_lead_focus_to_selected (NUDGE_CALENDAR_VIEW (widget));
  return GTK_WIDGET_CLASS (nudge_calendar_view_parent_class)->focus (widget, direction);
}

static void
nudge_calendar_view_constructed (GObject *object)
{
  NudgeCalendarView *self = (NudgeCalendarView *) object;
  GSettings *settings;

  G_OBJECT_CLASS (nudge_calendar_view_parent_class)->constructed (object);

  self->store = g_object_ref (nudge_view_get_store (NUDGE_VIEW (self)));
  g_signal_connect_object (self->store, "changes", G_CALLBACK (store_changes_cb), self, G_CONNECT_SWAPPED);
  /* The days named as holidays follow Preferences; the refresh waits
   * for an idle, when the application has set the working hours. */
  settings = nudge_context_get_settings (nudge_view_get_context (NUDGE_VIEW (self)));
  if (settings != NULL)
    g_signal_connect_object (settings, "changed::holidays", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  _nudge_calendar_build_weekday_row (self);
  _nudge_calendar_refresh (self);
}

static void
nudge_calendar_view_class_init (NudgeCalendarViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nudge_calendar_view_constructed;
  object_class->dispose = nudge_calendar_view_dispose;
  widget_class->focus = nudge_calendar_view_focus;
  NUDGE_VIEW_CLASS (klass)->narrow_changed = nudge_calendar_view_narrow_changed;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/nudgecrm/Nudge/ui/nudge-calendar-view.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeCalendarView, content);
  gtk_widget_class_bind_template_child (widget_class, NudgeCalendarView, title_label);
  gtk_widget_class_bind_template_child (widget_class, NudgeCalendarView, month_button);
  gtk_widget_class_bind_template_child (widget_class, NudgeCalendarView, week_button);
  gtk_widget_class_bind_template_child (widget_class, NudgeCalendarView, mode_box);
  gtk_widget_class_bind_template_child (widget_class, NudgeCalendarView, previous_button);
  gtk_widget_class_bind_template_child (widget_class, NudgeCalendarView, next_button);
  gtk_widget_class_bind_template_child (widget_class, NudgeCalendarView, stack);
  gtk_widget_class_bind_template_child (widget_class, NudgeCalendarView, weekday_row);
  gtk_widget_class_bind_template_child (widget_class, NudgeCalendarView, month_grid);
  gtk_widget_class_bind_template_child (widget_class, NudgeCalendarView, agenda);

  gtk_widget_class_install_action (widget_class, "calendar.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "calendar.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, today_action);
  gtk_widget_class_install_action (widget_class, "calendar.move-selection", "i", move_selection_action);
  gtk_widget_class_install_action (widget_class, "calendar.mode", "s", mode_action);
  gtk_widget_class_install_action (widget_class, "calendar.new", NULL, new_on_selected_action);
  gtk_widget_class_install_action (widget_class, "calendar.reschedule", "(xxss)", reschedule_action);
  _nudge_calendar_menu_install (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "calendar.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "calendar.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK, "calendar.today", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "calendar.move-selection", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "calendar.move-selection", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "calendar.move-selection", "i", -7);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "calendar.move-selection", "i", 7);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "calendar.move-selection", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "calendar.move-selection", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "calendar.move-selection", "i", -7);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "calendar.move-selection", "i", 7);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "calendar.new", NULL);

  /* No layout manager: NudgeView lays its child out, and sees the
   * width that makes the view narrow (a layout manager's allocation
   * would bypass it). */
  gtk_widget_class_set_css_name (widget_class, "calendarview");
}

static void
nudge_calendar_view_init (NudgeCalendarView *self)
{
  nudge_view_load_styles ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect (self->agenda, "row-activated", G_CALLBACK (_nudge_calendar_agenda_row_activated_cb), self);
  g_date_clear (&self->selected, 1);
  g_date_clear (&self->shown_first, 1);
  _nudge_calendar_today (&self->selected);
  self->cancellable = g_cancellable_new ();
  _nudge_calendar_menu_attach (self);
  nudge_view_set_narrow_width (NUDGE_VIEW (self), NARROW_WIDTH);
}

void
nudge_calendar_view_select_day (NudgeCalendarView *self,
                                int                year,
                                int                month,
                                int                day)
{
  g_return_if_fail (NUDGE_IS_CALENDAR_VIEW (self));
  g_return_if_fail (g_date_valid_dmy (day, month, year));

  g_date_set_dmy (&self->selected, day, month, year);
  _nudge_calendar_refresh (self);
}

GStrv
nudge_calendar_view_dup_day_titles (NudgeCalendarView *self,
                                    int                year,
                                    int                month,
                                    int                day)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  GDate date;
  int index;

  g_return_val_if_fail (NUDGE_IS_CALENDAR_VIEW (self), NULL);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  index = g_date_days_between (&self->first, &date);
  if (index < 0 || index >= (int) self->n_days || self->days[index] == NULL)
    return NULL;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->days[index]->len; i++)
    g_strv_builder_add (builder, nudge_followup_get_title (nudge_occurrence_get_followup (g_ptr_array_index (self->days[index], i))));
  return g_strv_builder_end (builder);
}

/* Whether the grid or agenda shows the answer to the latest change, fully
 * built, alone on screen: the layout the window's width asks for (a
 * width that crossed the threshold is acted on at idle), and no longer
 * crossfading from the other one. */
gboolean
nudge_calendar_view_is_loaded (NudgeCalendarView *self)
{
  CalendarMode wanted;

  g_return_val_if_fail (NUDGE_IS_CALENDAR_VIEW (self), FALSE);

  wanted = nudge_view_get_narrow (NUDGE_VIEW (self)) ? MODE_WEEK : self->wide_mode;
  return self->loaded && !self->loading && self->refresh_id == 0 && self->grow_id == 0 &&
         self->month_paint_id == 0 && self->mode == wanted && !gtk_stack_get_transition_running (self->stack);
}

GtkWidget *
nudge_calendar_view_new (NudgeContext *context)
{
  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);

  return g_object_new (NUDGE_TYPE_CALENDAR_VIEW, "context", context, NULL);
}
