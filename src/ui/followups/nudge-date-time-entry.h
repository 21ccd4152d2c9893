/* nudge-date-time-entry.h — one date-and-time field for every dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define NUDGE_TYPE_DATE_TIME_ENTRY (nudge_date_time_entry_get_type ())

G_DECLARE_FINAL_TYPE (NudgeDateTimeEntry, nudge_date_time_entry, NUDGE, DATE_TIME_ENTRY, GtkWidget)

GtkWidget  *nudge_date_time_entry_new            (void);
gint64      nudge_date_time_entry_get_unix       (NudgeDateTimeEntry *self);
void        nudge_date_time_entry_set_unix       (NudgeDateTimeEntry *self,
                                                  gint64              unix_seconds);
void        nudge_date_time_entry_set_time_zone  (NudgeDateTimeEntry *self,
                                                  const char         *time_zone);
gboolean    nudge_date_time_entry_get_show_time  (NudgeDateTimeEntry *self);
void        nudge_date_time_entry_set_show_time  (NudgeDateTimeEntry *self,
                                                  gboolean            show_time);
void        nudge_date_time_entry_set_optional   (NudgeDateTimeEntry *self,
                                                  gboolean            optional);
gboolean    nudge_date_time_entry_get_valid      (NudgeDateTimeEntry *self);
const char *nudge_date_time_entry_get_reason     (NudgeDateTimeEntry *self);
/* The day shown; FALSE when the field is invalid or (optional) empty. */
gboolean    nudge_date_time_entry_get_date       (NudgeDateTimeEntry *self,
                                                  int                *year,
                                                  int                *month,
                                                  int                *day);
/* The day as YYYY-MM-DD, "" when (optional) empty, NULL when invalid. */
char       *nudge_date_time_entry_dup_iso_date   (NudgeDateTimeEntry *self);
void        nudge_date_time_entry_set_date       (NudgeDateTimeEntry *self,
                                                  int                 year,
                                                  int                 month,
                                                  int                 day);
/* Types into the fields as a person would; NULL leaves a field as it is. */
void        nudge_date_time_entry_set_text       (NudgeDateTimeEntry *self,
                                                  const char         *date_text,
                                                  const char         *time_text);

/* Names the arrows of a GtkCalendar (month and year) for screen
 * readers, as this field's calendar has them; for other calendars in
 * popovers. */
void        nudge_date_time_entry_name_calendar_arrows (GtkCalendar *calendar);
/* The arrow keys move a GtkCalendar's picked day from the one it shows;
 * Enter or Space picks it, as a click does ("day-selected"), and outside
 * a popover Enter goes on to the window's default button. */
void        nudge_date_time_entry_steer_calendar       (GtkCalendar *calendar);

G_END_DECLS
