/* nudge-ics.h — follow-ups as an iCalendar (RFC 5545) file
 *
 * The export lists exactly the occurrences nudge_followups_list_occurrences()
 * gives for the same range: a one-off in the range becomes one VEVENT (or
 * VTODO); a recurring series with an occurrence in the range becomes one
 * VEVENT with DTSTART at its first listed occurrence, an RRULE ending
 * (UNTIL) at its last listed one and an EXDATE for every occurrence of
 * the rule that is not listed (skipped, done, missed). A snoozed or done
 * occurrence of a series is an override with RECURRENCE-ID. The rule is
 * never expanded for this (nudge_followups_list_summary()), so exporting
 * a century costs what a month does. Rules outside what every client
 * imports (DAILY; WEEKLY with BYDAY; MONTHLY with one BYMONTHDAY;
 * INTERVAL; UNTIL) are written as one item per occurrence in the range.
 *
 * The text is written by our own line writer: CRLF, TEXT escaping and
 * folding at 75 octets that never splits a UTF-8 character. Time zones are
 * plain IANA TZIDs with one trimmed VTIMEZONE each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64      from;              /* UTC; G_MININT64 = every overdue one */
  gint64      to;                /* UTC, exclusive */
  gboolean    include_one_offs;  /* open one-off follow-ups */
  gboolean    include_recurring; /* recurring reminders */
  gboolean    include_done;      /* done items and occurrences */
  gboolean    as_tasks;          /* VTODO instead of VEVENT */
  gint64      deal_id;           /* 0 = every deal */
  const char *calendar_name;     /* NULL = "Nudge follow-ups" */
} NudgeIcsOptions;

/* Defaults: everything open from every overdue one to a year from now,
 * as events. */
void      nudge_ics_options_init      (NudgeIcsOptions        *options);

/* The whole calendar as text (CRLF line ends), NULL on error. */
char     *nudge_ics_export            (NudgeStore             *store,
                                       const NudgeIcsOptions  *options,
                                       gsize                  *length,
                                       GError                **error);
/* Writes atomically (temporary file + rename): a reader sees the old or
 * the new calendar, never a part. */
gboolean  nudge_ics_export_to_file    (NudgeStore             *store,
                                       const NudgeIcsOptions  *options,
                                       const char             *path,
                                       GError                **error);

/* Line writer, exported for tests and the vCard writer. */
char     *nudge_ics_escape_text       (const char             *text);
void      nudge_ics_append_line       (GString                *out,
                                       const char             *line);

G_END_DECLS
