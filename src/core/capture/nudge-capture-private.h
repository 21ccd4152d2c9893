/* nudge-capture-private.h — what the quick capture parser
 * (nudge-capture.c), its name lookup (nudge-capture-names.c) and its
 * word tables (nudge-capture-words.c) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-capture.h"

G_BEGIN_DECLS

/* Words a name may have */
#define MAX_NAME_WORDS 4
/* Rows of the index read per name tried */
#define LOOKUP_LIMIT   64

/* A word of the text: bytes [@start, @end) of it, folded */
typedef struct
{
  gsize    start;
  gsize    end;        /* without trailing punctuation */
  char    *folded;
  gboolean capital;
  int      role;       /* -1 or a NudgeCaptureRole */
} Word;

static inline Word *
word_at (GArray *words,
         guint   i)
{
  return i < words->len ? &g_array_index (words, Word, i) : NULL;
}

static inline gboolean
is_free (GArray *words,
         guint   i)
{
  Word *word = word_at (words, i);

  return word != NULL && word->role < 0;
}

static inline void
set_role (GArray *words,
          guint   i,
          int     role)
{
  Word *word = word_at (words, i);

  if (word != NULL)
    word->role = role;
}

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
extern const char *const capture_case_endings[];
extern const NudgeCaptureKindWords capture_kind_words[];
extern const guint capture_n_kind_words;

/* A NULL-terminated word list folded, once for the life of the process */
const char *const *nudge_capture_folded_list (const char *const *list);
/* Whether @folded is one of @list's words */
gboolean           nudge_capture_word_in     (const char        *folded,
                                              const char *const *list);

void               nudge_capture_candidate_free (gpointer data);
/* Finds the contact or deal the free words of @words name, into
 * @capture's candidates and name, marking those words */
gboolean           nudge_capture_read_name   (NudgeStore        *store,
                                              NudgeCapture      *capture,
                                              GArray            *words,
                                              GError           **error);

G_END_DECLS
