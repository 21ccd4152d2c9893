/* nudge-capture.h — a follow-up typed in plain words
 *
 * "Call Jan Novák tomorrow at 10", "Zavolat Jan Novák zítra v 10",
 * "Zadzwonić do Jan Nowak jutro o 10", "Подзвонити Олена Шевченко
 * завтра о 10": the kind (call, e-mail, meeting, task), the contact or
 * deal by name (accents and case aside, a unique prefix is enough) and
 * when (today, tomorrow, weekday names, "in 3 days", "next week", 10,
 * 10:30, 3pm, 15:00) in English, Czech, Polish and Ukrainian.
 *
 * Days are counted on the calendar and the instant is made from the
 * local wall-clock time (nudge_clock_local_to_unix()), so "tomorrow at
 * 10" on the eve of a DST change is 10:00 local. The week starts on
 * Monday: "next week" is next Monday, "next Friday" the Friday of next
 * week, a bare weekday the next such day after today. A time without a
 * day is today while still ahead, else tomorrow; a day without a time is
 * at the start of the working day (nudge_working_hours_get()).
 *
 * The name is looked up in the store's full-text index (a few indexed
 * queries, no scan of the book), so nudge_capture_parse() runs on the
 * thread that owns @store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-store.h"

G_BEGIN_DECLS

typedef enum
{
  NUDGE_CAPTURE_KIND,     /* "Call" */
  NUDGE_CAPTURE_NAME,     /* "Jan Novák" */
  NUDGE_CAPTURE_WHEN,     /* "tomorrow at 10" */
} NudgeCaptureRole;

/* A run of words of the text that was understood: bytes [@start, @end). */
typedef struct
{
  NudgeCaptureRole role;
  gsize            start;
  gsize            end;
} NudgeCaptureSpan;

/* A contact or deal the name may mean. */
typedef struct
{
  NudgeEntity  entity;    /* NUDGE_ENTITY_CONTACT or NUDGE_ENTITY_DEAL */
  gint64       id;
  char        *name;      /* the contact's name or the deal's title */
  char        *detail;    /* what tells two of one name apart: the
                           * company, else the contact's e-mail; or NULL */
} NudgeCaptureCandidate;

typedef struct
{
  char      *text;          /* as typed */
  char      *kind;          /* "call", "email", "meeting" or "task" */
  gboolean   has_kind;      /* a kind word was understood */
  gint64     due_at;        /* UTC */
  gboolean   has_day;       /* a day was understood */
  gboolean   has_time;      /* a time of day was understood */
  char      *title;         /* the text without the words for when */
  char      *name;          /* the words taken for the name, as typed, or NULL */
  GPtrArray *candidates;    /* NudgeCaptureCandidate: one = linked, more = ask */
  GArray    *spans;         /* NudgeCaptureSpan, in text order */
} NudgeCapture;

void           nudge_capture_free              (NudgeCapture  *capture);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeCapture, nudge_capture_free)

/* What @text says, from @now (its time zone is the one the day and time
 * are read in). NULL with @error only when the store failed; an empty
 * text is an error too (G_IO_ERROR_INVALID_ARGUMENT). */
NudgeCapture  *nudge_capture_parse             (NudgeStore    *store,
                                                const char    *text,
                                                GDateTime     *now,
                                                GError       **error);

/* The kind the first words of @text name ("Call Tomáš…": "call"), or
 * NULL when they name none. */
const char    *nudge_capture_kind_of           (const char    *text);

/* The one candidate when the name is not ambiguous, else NULL. */
const NudgeCaptureCandidate *
               nudge_capture_get_link          (NudgeCapture  *capture);

/* Creates the follow-up through nudge_followups_create() (one
 * transaction), linked to @entity/@id (0: unlinked; a deal's contact is
 * linked too), reminding @remind_before_min minutes before. Returns the
 * new id, 0 on error. */
gint64         nudge_capture_save              (NudgeStore    *store,
                                                NudgeCapture  *capture,
                                                NudgeEntity    entity,
                                                gint64         id,
                                                int            remind_before_min,
                                                GError       **error);

/* When, for people, in the locale's format: "Tomorrow, 30.03.2026 10:00". */
char          *nudge_capture_format_when       (NudgeCapture  *capture,
                                                gint64         now);

/* The kind's word for people: "Call", "E-mail", "Meeting", "Task". */
const char    *nudge_capture_kind_label        (const char    *kind);
/* Its symbolic icon name: the one a follow-up of that kind shows
 * everywhere (Today's rows, quick capture). */
const char    *nudge_capture_kind_icon         (const char    *kind);

G_END_DECLS
