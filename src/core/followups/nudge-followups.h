/* nudge-followups.h — operations on follow-ups and what is due when
 *
 * nudge_followups_list_occurrences() is the single source of truth for
 * "what is due when": the Today view, the calendar, nudge-cli, the
 * iCalendar export and the reminder scheduler all read it.
 *
 * A recurring series has a cursor: occurrences before the latest one that
 * has started (or before the latest completed one) and that were not
 * completed are missed and no longer listed as open, so a missed weekly
 * check-in shows once as overdue, not once per week.
 *
 * followup.snoozed_until applies to the first open occurrence; completing,
 * skipping or rescheduling it clears the snooze. followup.next_at is the
 * effective due time of the first open occurrence (snooze included), NULL
 * when nothing is open; the deal/contact next_followup_at follow it. It is
 * written by the operations below, so for a missed occurrence it stays in
 * the past (the deal shows overdue) until the user acts; what comes after
 * a given instant is nudge_recurrence_next() or the occurrence listing.
 * followup.sequence grows whenever the time or the rule changes.
 *
 * Every operation is one transaction and queues store changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-followups-undo.h"
#include "nudge-store.h"

G_BEGIN_DECLS

typedef enum
{
  NUDGE_OCCURRENCE_OPEN,
  NUDGE_OCCURRENCE_DONE,
  NUDGE_OCCURRENCE_SKIPPED,
} NudgeOccurrenceState;

#define NUDGE_TYPE_OCCURRENCE (nudge_occurrence_get_type ())

G_DECLARE_FINAL_TYPE (NudgeOccurrence, nudge_occurrence, NUDGE, OCCURRENCE, GObject)

/* Properties: "followup", "start", "end", "due-at", "state", "is-overdue",
 * "all-day", "recurring" (read-only). */
NudgeFollowup        *nudge_occurrence_get_followup   (NudgeOccurrence *self);
/* The scheduled start (UTC): the occurrence's identity (RECURRENCE-ID). */
gint64                nudge_occurrence_get_start      (NudgeOccurrence *self);
gint64                nudge_occurrence_get_end        (NudgeOccurrence *self);
/* When it is due now: the snooze when snoozed, else the start. */
gint64                nudge_occurrence_get_due_at     (NudgeOccurrence *self);
/* Where it falls on the desktop's calendar: for an all-day occurrence,
 * the desktop's midnight of its own day (in its zone), so that a day
 * kept in Prague shows on that day also on a computer in New York or
 * Tokyo; else the due time. Place and word days by this. */
gint64                nudge_occurrence_get_local_due_at (NudgeOccurrence *self);
NudgeOccurrenceState  nudge_occurrence_get_state      (NudgeOccurrence *self);
gboolean              nudge_occurrence_get_is_overdue (NudgeOccurrence *self);
gboolean              nudge_occurrence_get_all_day    (NudgeOccurrence *self);
gboolean              nudge_occurrence_get_recurring  (NudgeOccurrence *self);
/* "<uid>/<start>", stable across runs: the reminder_fired key. */
char                 *nudge_occurrence_dup_key        (NudgeOccurrence *self);
const char           *nudge_occurrence_state_to_string (NudgeOccurrenceState state);

/* Occurrences whose due time (done/skipped: start) is in [@from, @to),
 * of open follow-ups (and, with @include_done, completed ones and skipped
 * occurrences), sorted by due time. Follow-ups of trashed deals or
 * contacts are left out. @from = G_MININT64 gives every overdue one. */
GPtrArray *nudge_followups_list_occurrences (NudgeStore  *store,
                                             gint64       from,
                                             gint64       to,
                                             gboolean     include_done,
                                             GError     **error);
/* The same for a span of days on the desktop's calendar (@from and @to
 * local midnights): the calendar's. An occurrence is listed by
 * nudge_occurrence_get_local_due_at(), so an all-day one shows on its
 * own day whatever the desktop's zone. */
GPtrArray *nudge_followups_list_days        (NudgeStore  *store,
                                             gint64       from,
                                             gint64       to,
                                             gboolean     include_done,
                                             GError     **error);
/* A recurring series as nudge_followups_list_occurrences() lists it for a
 * range, without an object per occurrence: for an export that writes the
 * rule (iCalendar). Every occurrence of the rule from @first's start to
 * @last_start is listed, except those in @unlisted. */
typedef struct
{
  NudgeFollowup   *followup;
  NudgeOccurrence *first;       /* the first listed occurrence */
  gint64           last_start;  /* the start of the last listed one */
  gboolean         has_open;    /* some listed occurrence is open */
  GPtrArray       *exceptions;  /* NudgeOccurrence, by start: the listed
                                 * ones done or due later (snoozed) */
  GArray          *unlisted;    /* gint64, ascending: starts of the rule
                                 * (skipped, missed, done when done ones
                                 * are not listed) between the first and
                                 * the last listed occurrence */
} NudgeSeriesListing;

void       nudge_series_listing_free        (NudgeSeriesListing *listing);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeSeriesListing, nudge_series_listing_free)

/* What nudge_followups_list_occurrences() lists for [@from, @to), split:
 * @one_offs gets the occurrences (NudgeOccurrence, by due time) of
 * follow-ups without a rule, @series a NudgeSeriesListing per recurring
 * series with a listed occurrence (by the due time of its first). The
 * open occurrences of a series are never expanded, so a range of a
 * century costs what a month does; done ones (@include_done) are
 * expanded over the span where they were recorded. */
gboolean   nudge_followups_list_summary     (NudgeStore  *store,
                                             gint64       from,
                                             gint64       to,
                                             gboolean     include_done,
                                             GPtrArray  **one_offs,
                                             GPtrArray  **series,
                                             GError     **error);
/* The occurrences of one recurring series that
 * nudge_followups_list_occurrences() lists for [@from, @to). */
GPtrArray *nudge_followups_list_series_occurrences (NudgeStore    *store,
                                                    NudgeFollowup *followup,
                                                    gint64         from,
                                                    gint64         to,
                                                    gboolean       include_done);
/* The parts of Today's agenda */
typedef enum
{
  NUDGE_AGENDA_OVERDUE,
  NUDGE_AGENDA_TODAY,   /* due before @end_of_today, not overdue */
  NUDGE_AGENDA_LATER,   /* due in [@end_of_today, @to) */
  NUDGE_AGENDA_N_PARTS
} NudgeAgendaPart;

/* What Today lists: what nudge_followups_list_occurrences() lists for
 * [G_MININT64, @to) without done ones, except that of the one-offs of
 * each part (thousands on a big book) only the first @limits[part] are
 * listed, and @left_out[part] says how many more there are: in each
 * part, the first @limits[part] occurrences listed are those of the full
 * list. Series and all-day one-offs near now are always listed; up to
 * @to means a nudge_occurrence_get_local_due_at() before it, so an
 * all-day one is in the week of its own day. */
GPtrArray *nudge_followups_list_agenda      (NudgeStore  *store,
                                             gint64       end_of_today,
                                             gint64       to,
                                             const guint  limits[NUDGE_AGENDA_N_PARTS],
                                             guint        left_out[NUDGE_AGENDA_N_PARTS],
                                             GError     **error);
/* Open occurrences due before the end of today (local), overdue first. */
GPtrArray *nudge_followups_list_due         (NudgeStore  *store,
                                             GError     **error);
/* How many occurrences are overdue now: exactly the ones
 * nudge_followups_list_occurrences() lists with "is-overdue". Overdue
 * means due before now (the snooze when snoozed; an all-day one once its
 * day has ended in its zone; a series' latest occurrence until the next
 * one's day comes), not "due today": the view switcher's badge,
 * Today's Overdue section and the catch-up notification all count this. */
guint      nudge_followups_count_overdue    (NudgeStore  *store);
/* Whether any follow-up is open, also one for no deal or contact. */
gboolean   nudge_followups_any_open         (NudgeStore  *store);

/* What the user fills in to create or edit a follow-up. */
typedef struct
{
  const char *title;
  const char *kind;          /* call, email, meeting, task; NULL = task */
  const char *notes;
  gint64      due_at;        /* UTC; all-day: local midnight in tzid */
  gboolean    all_day;
  const char *tzid;          /* NULL or "" = nudge_recurrence_default_tzid() */
  int         duration_min;  /* < 0 = 30 */
  int         remind_before_min;
  int         priority;      /* 0 none, 1 low, 2 normal, 3 high */
  gint64      deal_id;
  gint64      contact_id;
  const char *rrule;         /* NULL or "" = one-off */
} NudgeFollowupSpec;

void       nudge_followup_spec_init         (NudgeFollowupSpec *spec);
void       nudge_followup_spec_from_followup (NudgeFollowupSpec *spec,
                                             NudgeFollowup     *followup);

/* Returns the new id, 0 on error (e.g. an invalid rule). */
gint64     nudge_followups_create           (NudgeStore               *store,
                                             const NudgeFollowupSpec  *spec,
                                             GError                  **error);
/* Edits the whole follow-up (or series). */
gboolean   nudge_followups_update           (NudgeStore               *store,
                                             gint64                    id,
                                             const NudgeFollowupSpec  *spec,
                                             GError                  **error);
/* Recurring only: this occurrence becomes a one-off with @spec (the series
 * gets an EXDATE). Returns the new one-off's id. */
gint64     nudge_followups_edit_this        (NudgeStore               *store,
                                             gint64                    id,
                                             gint64                    occurrence,
                                             const NudgeFollowupSpec  *spec,
                                             GError                  **error);
/* Recurring only: the series ends before @occurrence (UNTIL) and a new
 * series with @spec starts (its due_at is the new first occurrence).
 * Completed occurrences from @occurrence on move to the new series.
 * Returns the new series' id. */
gint64     nudge_followups_edit_following   (NudgeStore               *store,
                                             gint64                    id,
                                             gint64                    occurrence,
                                             const NudgeFollowupSpec  *spec,
                                             GError                  **error);

/* @occurrence 0 = the first open one. A one-off becomes done; a recurring
 * occurrence is recorded and the series moves on (done when the last).
 * A call, e-mail or meeting of a deal or contact is logged as that touch
 * too (its origin nudge_followups_touch_origin()). */
gboolean   nudge_followups_complete         (NudgeStore  *store,
                                             gint64       id,
                                             gint64       occurrence,
                                             GError     **error);
/* The same, for the caller that logs the touch that answers it. */
gboolean   nudge_followups_complete_answered (NudgeStore *store,
                                             gint64       id,
                                             gint64       occurrence,
                                             GError     **error);
/* "followup:<id>": the origin of the touch a Done logged. */
char      *nudge_followups_touch_origin     (gint64       followup_id);
/* Recurring only: adds an EXDATE. */
gboolean   nudge_followups_skip             (NudgeStore  *store,
                                             gint64       id,
                                             gint64       occurrence,
                                             GError     **error);
/* Cancels a one-off or a whole series. */
gboolean   nudge_followups_cancel           (NudgeStore  *store,
                                             gint64       id,
                                             GError     **error);
gboolean   nudge_followups_snooze           (NudgeStore  *store,
                                             gint64       id,
                                             gint64       until,
                                             GError     **error);

/* Moves a one-off (or, for a recurring series, the given occurrence as a
 * one-off: EXDATE + new item) to @new_start. Returns the id that now holds
 * the item (the same id for a one-off). */
gint64     nudge_followups_reschedule       (NudgeStore  *store,
                                             gint64       id,
                                             gint64       occurrence,
                                             gint64       new_start,
                                             GError     **error);
/* Moves to another local day keeping the local time of day. */
gint64     nudge_followups_reschedule_to_day (NudgeStore *store,
                                             gint64       id,
                                             gint64       occurrence,
                                             int          year,
                                             int          month,
                                             int          day,
                                             GError     **error);

typedef enum
{
  NUDGE_SNOOZE_10_MINUTES,
  NUDGE_SNOOZE_1_HOUR,
  NUDGE_SNOOZE_TOMORROW,     /* tomorrow at the working day start */
  NUDGE_SNOOZE_NEXT_WEEK,    /* next Monday at the working day start */
} NudgeSnoozePreset;

/* When a preset snoozes to, from @now, in @tzid (NULL = default zone).
 * @workday_start_min: minutes after midnight (GSettings working-day-start).
 * @skip_weekends: a result on Saturday or Sunday moves to Monday at the
 * working day start. A result on a public holiday of the working hours
 * (nudge_working_hours_get()) moves to the next working day. */
gint64     nudge_followups_snooze_target    (NudgeSnoozePreset  preset,
                                             gint64             now,
                                             const char        *tzid,
                                             int                workday_start_min,
                                             gboolean           skip_weekends);
/* @minutes after the minute @now is in: snoozes land on whole minutes
 * ("10:00:27, snooze 1 hour" is 11:00:00), as the clock shows them. */
gint64     nudge_followups_snooze_in        (gint64             now,
                                             int                minutes);
/* The one wording of a preset, in the app's menus and in notifications:
 * "Snooze 10 minutes", "Snooze 1 hour", "Tomorrow morning", "Next week". */
const char *nudge_followups_snooze_label    (NudgeSnoozePreset  preset);
/* Snoozes every overdue occurrence (those nudge_followups_count_overdue()
 * counts) to where @preset lands in its follow-up's zone, in one
 * transaction. Returns what Undo needs (none may have been overdue:
 * nudge_followups_undo_get_n_items() says how many were), or NULL with
 * @error set. */
NudgeFollowupsUndo *nudge_followups_snooze_overdue (NudgeStore         *store,
                                                    NudgeSnoozePreset   preset,
                                                    int                 workday_start_min,
                                                    gboolean            skip_weekends,
                                                    GError            **error);

typedef enum
{
  NUDGE_NEXT_STEP_NONE,
  NUDGE_NEXT_STEP_1_DAY,
  NUDGE_NEXT_STEP_3_DAYS,
  NUDGE_NEXT_STEP_1_WEEK,
  NUDGE_NEXT_STEP_DATE,
} NudgeNextStep;

/* When and what the next step of a deal or contact is (the "No next step"
 * row's choices, see nudge_followups_plan_next_step()) */
typedef struct
{
  NudgeNextStep  step;
  gint64         date;               /* NUDGE_NEXT_STEP_DATE: a moment of the day */
  gboolean       skip_weekends;
  int            workday_start_min;  /* minutes after local midnight */
  const char    *title;              /* NULL or "": "Follow up" */
  const char    *kind;               /* NULL or "": "call" */
} NudgeNextStepPlan;

/* After completing @done_id: a new one-off for the same deal/contact, kind
 * and local time of day, N days from today (or on the local day of @date
 * for NUDGE_NEXT_STEP_DATE). @skip_weekends moves a +N days result off
 * Saturday and Sunday to Monday, and a public holiday moves it to the
 * next working day; a picked date stays as it is. @title NULL = the same
 * title. Returns the new id, 0 for NUDGE_NEXT_STEP_NONE or on error
 * (NUDGE_STORE_ERROR_INVALID for a picked date that would be due now or
 * earlier). */
gint64     nudge_followups_add_next_step    (NudgeStore     *store,
                                             gint64          done_id,
                                             NudgeNextStep   step,
                                             gint64          date,
                                             gboolean        skip_weekends,
                                             const char     *title,
                                             GError        **error);

/* When the next step after @done would be due, as
 * nudge_followups_add_next_step() plans it: what the question shows
 * and checks before it is answered. */
gint64     nudge_followups_next_step_due    (NudgeFollowup  *done,
                                             NudgeNextStep   step,
                                             gint64          date,
                                             gboolean        skip_weekends);
/* The same, as part of the change @undo recorded (the Done that asked
 * for it; it was committed before): Undo of that change removes the
 * next step too, or refuses if the step was changed since. The step and
 * its copy in @undo are one transaction; @undo is left as it was when it
 * fails. Not for NUDGE_NEXT_STEP_NONE. (In nudge-followups-undo.c.) */
gint64     nudge_followups_undo_add_next_step (NudgeStore          *store,
                                               NudgeFollowupsUndo  *undo,
                                               gint64               done_id,
                                               NudgeNextStep        step,
                                               gint64               date,
                                               gboolean             skip_weekends,
                                               const char          *title,
                                               GError             **error);

/* Plans the next step of a deal (or, with @deal_id 0, of a contact) when
 * no follow-up was just done: after creating a deal, logging an activity,
 * or from the "No next step" row. A new one-off N days from today (skip
 * weekends as for nudge_followups_add_next_step()), or on the local day of
 * @plan's date for NUDGE_NEXT_STEP_DATE, at its workday_start_min minutes
 * after local midnight (GSettings working-day-start). A deal's contact is
 * linked too. Returns the new id, 0 for NUDGE_NEXT_STEP_NONE or on error
 * (a deal or contact that does not exist, a picked date that would be
 * due now or earlier). One transaction. */
gint64     nudge_followups_plan_next_step   (NudgeStore               *store,
                                             gint64                    deal_id,
                                             gint64                    contact_id,
                                             const NudgeNextStepPlan  *plan,
                                             GError                  **error);
/* When @plan's step would be due, as nudge_followups_plan_next_step()
 * plans it. */
gint64     nudge_followups_plan_due         (const NudgeNextStepPlan  *plan);
/* Whether the deal (or, with @deal_id 0, the contact) is left without a
 * dated next step: an open deal (won, lost and on-hold ones are meant to
 * be quiet) or a contact with no open follow-up. FALSE when it does not
 * exist or is in the trash. */
gboolean   nudge_followups_needs_next_step  (NudgeStore     *store,
                                             gint64          deal_id,
                                             gint64          contact_id);
/* Whether ending follow-up @id (done, or logged and done) leaves its deal,
 * or with no deal its contact, without a next step: what asks for one.
 * FALSE for a series that goes on, a deal with another step planned and
 * a reminder of no deal or contact. */
gboolean   nudge_followups_needs_next_step_after (NudgeStore *store,
                                                  gint64      id);

/* Open deals (not trashed) without an open follow-up, the longest idle
 * first: by their last activity, or their creation when never touched
 * (NudgeDeal). */
GPtrArray *nudge_followups_list_deals_without_next_step (NudgeStore  *store,
                                                         GError     **error);
/* The first @limit of them, and with @total how many there are. */
GPtrArray *nudge_followups_list_deals_without_next_step_page (NudgeStore  *store,
                                                              guint        limit,
                                                              guint       *total,
                                                              GError     **error);

/* Open deals idle longer than their stage's rotting limit (no activity
 * and no stage change) that do have a next step, most idle first. */
GPtrArray *nudge_followups_list_rotting_deals (NudgeStore  *store,
                                               GError     **error);
/* The first @limit of them, and with @total how many there are. */
GPtrArray *nudge_followups_list_rotting_deals_page (NudgeStore  *store,
                                                    guint        limit,
                                                    guint       *total,
                                                    GError     **error);

/* Logging an interaction closes the matching open follow-up: the earliest
 * open one-off (or the current occurrence of a series) of that deal (else
 * that contact) whose kind equals @kind (NULL = any), due before the end
 * of today. Returns its id, 0 when none matched. */
gint64     nudge_followups_close_matching   (NudgeStore  *store,
                                             gint64       deal_id,
                                             gint64       contact_id,
                                             const char  *kind,
                                             GError     **error);

/* For core modules: cancels the follow-ups @select_sql selects as (id,
 * deal_id), ?1 being @now, in one transaction. Returns how many. */
int        nudge_followups_cancel_where     (NudgeStore  *store,
                                             const char  *select_sql,
                                             gint64       now,
                                             GError     **error);
/* For core modules cancelling many at once: marks follow-up @id
 * cancelled at @now and announces it, inside the caller's transaction,
 * without reading it first. */
gboolean   nudge_followups_mark_cancelled   (NudgeStore  *store,
                                             gint64       id,
                                             gint64       now,
                                             GError     **error);

/* Recomputes followup.next_at (and status when a finite series is over);
 * the operations above call it; exported for importers. */
gboolean   nudge_followups_refresh_next_at  (NudgeStore  *store,
                                             gint64       id,
                                             GError     **error);

G_END_DECLS
