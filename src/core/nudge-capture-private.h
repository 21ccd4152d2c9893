/* nudge-capture-private.h — what nudge-capture.c and its word tables
 * (nudge-capture-words.c) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char        *kind;
  const char *const  stems[16];
} NudgeCaptureKindWords;

extern const char *const capture_today_words[];
extern const char *const capture_tomorrow_words[];
extern const char *const capture_after_tomorrow_words[];
extern const char *const capture_weekday_words[7][16];
extern const char *const capture_next_words[];
extern const char *const capture_week_words[];
extern const char *const capture_weeks_words[];
extern const char *const capture_day_unit_words[];
extern const char *const capture_hour_unit_words[];
extern const char *const capture_in_words[];
extern const char *const capture_connector_words[];
extern const char *const capture_am_words[];
extern const char *const capture_pm_words[];
extern const char *const capture_stop_words[];
extern const NudgeCaptureKindWords capture_kind_words[];
extern const guint capture_n_kind_words;

/* A NULL-terminated word list folded, once for the life of the process */
const char *const *nudge_capture_folded_list (const char *const *list);
/* Whether @folded is one of @list's words */
gboolean           nudge_capture_word_in     (const char        *folded,
                                              const char *const *list);


G_END_DECLS
