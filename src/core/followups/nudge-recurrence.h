/* nudge-recurrence.h — recurring follow-ups: RRULE validation and expansion
 *
 * A recurring follow-up stores its rule in followup.rrule (an RFC 5545
 * RRULE value without the "RRULE:" prefix), its first occurrence in
 * followup.due_at (UTC) and the wall-clock zone in followup.tzid. The rule
 * is expanded with libical in that zone, so "09:00 every Monday" stays
 * 09:00 local across DST changes while the UTC hour moves. All-day items
 * recur as dates; each occurrence starts at local midnight.
 *
 * Skipped occurrences are stored in followup.exdates as a comma-separated
 * list of LOCAL date-times in the follow-up's TZID, "YYYYMMDDTHHMMSS" for
 * timed items and "YYYYMMDD" for all-day items, e.g.
 * "20261102T090000,20261109T090000". The iCalendar exporter writes them
 * as EXDATE;TZID=<tzid>:<value> (EXDATE;VALUE=DATE for all-day items).
 *
 * Supported: FREQ=DAILY|WEEKLY|MONTHLY|YEARLY, INTERVAL, COUNT or UNTIL,
 * BYDAY (weekly; monthly/yearly with BYSETPOS or an ordinal like 1MO,-1FR),
 * BYMONTHDAY (incl. negative: -1 = the last day), BYMONTH, BYSETPOS, WKST.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-types.h"

G_BEGIN_DECLS

#define NUDGE_RECURRENCE_ERROR (nudge_recurrence_error_quark ())

typedef enum
{
  NUDGE_RECURRENCE_ERROR_INVALID,      /* libical refuses it */
  NUDGE_RECURRENCE_ERROR_UNSUPPORTED,  /* valid iCalendar, not supported here */
  NUDGE_RECURRENCE_ERROR_EMPTY,        /* produces no occurrence */
  NUDGE_RECURRENCE_ERROR_TIMEZONE,     /* unknown TZID */
} NudgeRecurrenceError;

/* A series as the followup table stores it (see above) */
typedef struct
{
  const char *rrule;    /* NULL or "": a one-off at dtstart */
  gint64      dtstart;  /* the first occurrence, UTC */
  const char *tzid;
  gboolean    all_day;
  const char *exdates;  /* NULL: none skipped */
} NudgeRecurrenceSeries;

GQuark      nudge_recurrence_error_quark     (void);

/* The zone used when a follow-up has no TZID: the system's (TZ or
 * /etc/localtime), "UTC" when it has no usable name. */
char       *nudge_recurrence_default_tzid    (void);
gboolean    nudge_recurrence_tzid_is_known   (const char     *tzid);

/* Validates @rrule for a series starting at @dtstart (UTC) in @tzid; the
 * error message is meant for the user ("FREQ=HOURLY is not supported"). */
gboolean    nudge_recurrence_validate        (const char     *rrule,
                                              gint64          dtstart,
                                              const char     *tzid,
                                              gboolean        all_day,
                                              GError        **error);

/* Occurrence starts (gint64 UTC unix seconds, ascending) of the series in
 * [@from, @to), EXDATEs removed, at most @max (0 = no limit). A follow-up
 * without a rule has its due_at as its only occurrence. */
GArray     *nudge_recurrence_expand          (NudgeFollowup  *followup,
                                              gint64          from,
                                              gint64          to,
                                              guint           max,
                                              GError        **error);
GArray     *nudge_recurrence_expand_rule     (const NudgeRecurrenceSeries  *series,
                                              gint64                        from,
                                              gint64                        to,
                                              guint                         max,
                                              GError                      **error);

/* The first occurrence at or after @at (EXDATEs removed), 0 when none. */
gint64      nudge_recurrence_next            (NudgeFollowup  *followup,
                                              gint64          at);
/* The last occurrence at or before @at, 0 when none. */
gint64      nudge_recurrence_previous        (NudgeFollowup  *followup,
                                              gint64          at);
/* TRUE when @at is an occurrence of the series (EXDATEs removed). */
gboolean    nudge_recurrence_is_occurrence   (NudgeFollowup  *followup,
                                              gint64          at);

/* The rule's UNTIL as UTC unix seconds: a date UNTIL means the end of
 * that local day (23:59:59 in @tzid). 0 when the rule has no UNTIL. */
gint64      nudge_recurrence_get_until_utc   (const char     *rrule,
                                              const char     *tzid);
/* COUNT, or 0. */
int         nudge_recurrence_get_count       (const char     *rrule);
/* @rrule with COUNT removed and UNTIL set to @until (UTC; written as
 * YYYYMMDD for all-day series, else YYYYMMDDTHHMMSSZ). */
char       *nudge_recurrence_set_until       (const char     *rrule,
                                              gint64          until,
                                              const char     *tzid,
                                              gboolean        all_day);

/* EXDATE values (see above) */
char       *nudge_recurrence_format_local    (gint64          at,
                                              const char     *tzid,
                                              gboolean        all_day);
gint64      nudge_recurrence_parse_local     (const char     *text,
                                              const char     *tzid);
char       *nudge_recurrence_exdates_add     (const char     *exdates,
                                              gint64          occurrence,
                                              const char     *tzid,
                                              gboolean        all_day);
gboolean    nudge_recurrence_exdates_contain (const char     *exdates,
                                              gint64          occurrence,
                                              const char     *tzid,
                                              gboolean        all_day);

/* A short sentence for the UI: "Every week on Monday", "Monthly on the
 * last day", "Every 2 days, 5 times". */
char       *nudge_recurrence_describe        (const char     *rrule);

G_END_DECLS
