/* nudge-capture.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-capture"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "nudge-capture.h"
#include "nudge-capture-private.h"
#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-format.h"
#include "nudge-pace.h"
#include "nudge-records.h"
#include "nudge-search.h"
#include "nudge-store-private.h"

/* Words looked at, and words a name may have: a pasted paragraph costs
 * no more than a sentence. */
#define MAX_WORDS      32


static void
word_clear (gpointer data)
{
  Word *word = data;

  g_free (word->folded);
}

static gboolean
is_trailing_punctuation (gunichar c)
{
  return c == ',' || c == ';' || c == '!' || c == '?' || c == '.' || c == ':' ||
         c == ')' || c == '"' || c == 0x201C || c == 0x201D;
}

/* The words of @text, split at white space; trailing punctuation is not
 * part of a word ("tomorrow," is "tomorrow"), a dot after a.m./p.m. is. */
static GArray *
split_text (const char *text)
{
  GArray *words = g_array_new (FALSE, TRUE, sizeof (Word));
  const char *p = text;

  g_array_set_clear_func (words, word_clear);
  while (*p != '\0' && words->len < MAX_WORDS)
    {
      const char *start, *end;
      g_autofree char *raw = NULL;
      g_autoptr(GString) normal = NULL;
      Word word = { 0, };

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;
      start = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      end = p;
      while (end > start)
        {
          const char *last = g_utf8_prev_char (end);

          if (!is_trailing_punctuation (g_utf8_get_char (last)))
            break;
          /* "p.m." keeps its dot */
          if (*last == '.' && last - start >= 2 && last[-2] == '.')
            break;
          end = last;
        }
      if (end == start)
        continue;

      /* Typographic apostrophes as the ASCII one: п’ятниця, пʼятниця */
      normal = g_string_new_len (start, end - start);
      g_string_replace (normal, "’", "'", 0);
      g_string_replace (normal, "ʼ", "'", 0);
      word.start = start - text;
      word.end = end - text;
      word.folded = nudge_search_fold (normal->str);
      word.capital = g_unichar_isupper (g_utf8_get_char (start));
      word.role = -1;
      g_array_append_val (words, word);
    }
  return words;
}

/* A whole number of at most 3 digits, or -1 */
static int
parse_count (const char *folded)
{
  gsize len = strlen (folded);

  if (len == 0 || len > 3)
    return g_str_equal (folded, "a") || g_str_equal (folded, "one") ? 1 : -1;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (folded[i]))
      return -1;
  return atoi (folded);
}

/* A time of day: "10", "10:30", "15:00", "3pm", "3:30pm", "10h"; and
 * "3 pm" with the next word. *@explicit_time: more than a bare number. */
static gboolean
parse_clock (const char *folded,
             const char *next,
             int        *hour,
             int        *minute,
             gboolean   *explicit_time,
             gboolean   *uses_next)
{
  const char *p = folded;
  int h = 0, m = 0, digits = 0;
  gboolean pm = FALSE, am = FALSE;

  *uses_next = FALSE;
  *explicit_time = FALSE;
  while (g_ascii_isdigit (*p) && digits < 3)
    h = h * 10 + (*p++ - '0'), digits++;
  if (digits == 0 || digits > 2)
    return FALSE;
  if (*p == ':')
    {
      p++;
      if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
        return FALSE;
      m = (p[0] - '0') * 10 + (p[1] - '0');
      p += 2;
      *explicit_time = TRUE;
    }
  if (*p == 'h' && p[1] == '\0')
    {
      p++;
      *explicit_time = TRUE;
    }
  if (*p != '\0')
    {
      if (nudge_capture_word_in (p, capture_pm_words))
        pm = TRUE;
      else if (nudge_capture_word_in (p, capture_am_words))
        am = TRUE;
      else
        return FALSE;
    }
  else if (next != NULL && nudge_capture_word_in (next, capture_pm_words))
    pm = *uses_next = TRUE;
  else if (next != NULL && nudge_capture_word_in (next, capture_am_words))
    am = *uses_next = TRUE;

  if (am || pm)
    {
      if (h < 1 || h > 12)
        return FALSE;
      h = h % 12 + (pm ? 12 : 0);
      *explicit_time = TRUE;
    }
  if (h > 23 || m > 59)
    return FALSE;
  *hour = h;
  *minute = m;
  return TRUE;
}

/* Marks an unused connector ("at", "v", "o", "у") just before word @i. */
static void
take_connector (GArray *words,
                guint   i)
{
  if (i > 0 && is_free (words, i - 1) && nudge_capture_word_in (word_at (words, i - 1)->folded, capture_connector_words))
    set_role (words, i - 1, NUDGE_CAPTURE_WHEN);
}

typedef struct
{
  int      day_offset;     /* from today; -1 none */
  int      weekday;        /* GDateWeekday or 0 */
  gboolean next_week;
  int      hours_ahead;    /* -1 none */
  int      hour;           /* -1 none */
  int      minute;
} When;

/* Reads the words that say when, marking them NUDGE_CAPTURE_WHEN. */
static void
read_when (GArray *words,
           When   *when)
{
  for (guint i = 0; i < words->len; i++)
    {
      Word *word = word_at (words, i);
      Word *next = word_at (words, i + 1);
      const char *f = word->folded;
      int count;

      if (!is_free (words, i))
        continue;

      if (when->day_offset < 0 && when->weekday == 0 && !when->next_week)
        {
          int offset = nudge_capture_word_in (f, capture_today_words) ? 0 :
                       nudge_capture_word_in (f, capture_tomorrow_words) ? 1 :
                       nudge_capture_word_in (f, capture_after_tomorrow_words) ? 2 : -1;

          if (offset >= 0)
            {
              when->day_offset = offset;
              set_role (words, i, NUDGE_CAPTURE_WHEN);
              continue;
            }
          for (guint d = 0; d < 7; d++)
            if (nudge_capture_word_in (f, capture_weekday_words[d]))
              {
                when->weekday = d + 1;
                set_role (words, i, NUDGE_CAPTURE_WHEN);
                if (i > 0 && is_free (words, i - 1) && nudge_capture_word_in (word_at (words, i - 1)->folded, capture_next_words))
                  {
                    when->next_week = TRUE;
                    set_role (words, i - 1, NUDGE_CAPTURE_WHEN);
                    take_connector (words, i - 1);
                  }
                else
                  take_connector (words, i);
                break;
              }
          if (when->weekday != 0)
            continue;
          /* "next week", "příští týden", "w przyszłym tygodniu", "наступного тижня" */
          if (next != NULL && nudge_capture_word_in (f, capture_next_words) && nudge_capture_word_in (next->folded, capture_week_words))
            {
              when->next_week = TRUE;
              set_role (words, i, NUDGE_CAPTURE_WHEN);
              set_role (words, i + 1, NUDGE_CAPTURE_WHEN);
              take_connector (words, i);
              i++;
              continue;
            }
          /* "in 3 days", "za 3 dny", "через 2 тижні", "za týden", "in 2 hours" */
          if (next != NULL && nudge_capture_word_in (f, capture_in_words))
            {
              Word *unit = next;
              guint used = 1;

              count = parse_count (next->folded);
              if (count >= 0 && word_at (words, i + 2) != NULL)
                {
                  unit = word_at (words, i + 2);
                  used = 2;
                }
              else
                count = 1;
              if (nudge_capture_word_in (unit->folded, capture_day_unit_words))
                when->day_offset = count;
              else if (nudge_capture_word_in (unit->folded, capture_week_words) || nudge_capture_word_in (unit->folded, capture_weeks_words))
                when->day_offset = 7 * count;
              else if (nudge_capture_word_in (unit->folded, capture_hour_unit_words) && when->hours_ahead < 0)
                when->hours_ahead = count;
              else
                used = 0;
              for (guint k = 0; k <= used && used > 0; k++)
                set_role (words, i + k, NUDGE_CAPTURE_WHEN);
              if (used > 0)
                {
                  i += used;
                  continue;
                }
            }
        }

      if (when->hour < 0)
        {
          int hour, minute;
          gboolean explicit_time, uses_next;

          if (parse_clock (f, next ? next->folded : NULL, &hour, &minute, &explicit_time, &uses_next))
            {
              Word *prev = i > 0 ? &g_array_index (words, Word, i - 1) : NULL;
              gboolean after_connector = prev != NULL && prev->role < 0 &&
                                         nudge_capture_word_in (prev->folded, capture_connector_words);
              gboolean after_day = prev != NULL && prev->role == NUDGE_CAPTURE_WHEN;
              gboolean last = i + 1 == words->len;

              if (explicit_time || after_connector || after_day || last)
                {
                  when->hour = hour;
                  when->minute = minute;
                  set_role (words, i, NUDGE_CAPTURE_WHEN);
                  if (uses_next)
                    set_role (words, ++i, NUDGE_CAPTURE_WHEN);
                  take_connector (words, i - (uses_next ? 1 : 0));
                }
            }
        }
    }
}

static gint64
local_instant (GDateTime *now,
               GDate     *day,
               int        hour,
               int        minute)
{
  return nudge_clock_local_to_unix (g_date_time_get_timezone (now),
                                    g_date_get_year (day), g_date_get_month (day),
                                    g_date_get_day (day), hour, minute, 0);
}

/* The instant @when means from @now: days on the calendar, the time on
 * the wall clock (so DST changes keep 10:00 at 10:00). */
static gint64
resolve_when (const When *when,
              GDateTime  *now,
              gboolean   *has_day,
              gboolean   *has_time)
{
  NudgeWorkingHours hours;
  g_autoptr(GDate) day = g_date_new_dmy (g_date_time_get_day_of_month (now),
                                         g_date_time_get_month (now),
                                         g_date_time_get_year (now));
  int hour, minute;
  gint64 at;

  nudge_working_hours_get (&hours);
  *has_time = when->hour >= 0 || when->hours_ahead >= 0;
  *has_day = when->day_offset >= 0 || when->weekday != 0 || when->next_week || when->hours_ahead >= 0;

  if (when->hours_ahead >= 0)
    {
      gint64 t = g_date_time_to_unix (now) + (gint64) when->hours_ahead * 3600;

      return t - t % 60;
    }

  hour = when->hour >= 0 ? when->hour : hours.day_start_min / 60;
  minute = when->hour >= 0 ? when->minute : hours.day_start_min % 60;

  if (when->next_week)
    {
      /* Monday of next week, then the weekday in it */
      int today = g_date_get_weekday (day);

      g_date_add_days (day, 8 - today);
      if (when->weekday != 0)
        g_date_add_days (day, when->weekday - 1);
    }
  else if (when->weekday != 0)
    {
      int delta = ((int) when->weekday - (int) g_date_get_weekday (day) + 7) % 7;

      g_date_add_days (day, delta == 0 ? 7 : delta);
    }
  else if (when->day_offset > 0)
    g_date_add_days (day, when->day_offset);

  at = local_instant (now, day, hour, minute);
  /* No day said: today while still ahead, else tomorrow */
  if (!*has_day && at <= g_date_time_to_unix (now))
    {
      g_date_add_days (day, 1);
      at = local_instant (now, day, hour, minute);
    }
  return at;
}

static void
read_kind (GArray       *words,
           NudgeCapture *capture)
{
  guint looked = 0;

  for (guint i = 0; i < words->len && looked < 2; i++)
    {
      Word *word = word_at (words, i);

      if (!is_free (words, i))
        continue;
      looked++;
      for (guint k = 0; k < capture_n_kind_words; k++)
        for (const char *const *stem = nudge_capture_folded_list (capture_kind_words[k].stems); *stem != NULL; stem++)
          {
            if (g_str_has_prefix (word->folded, *stem))
              {
                g_free (capture->kind);
                capture->kind = g_strdup (capture_kind_words[k].kind);
                capture->has_kind = TRUE;
                set_role (words, i, NUDGE_CAPTURE_KIND);
                return;
              }
          }
    }
}

/* ---- the result ------------------------------------------------------- */

static void
collect_spans (NudgeCapture *capture,
               GArray       *words)
{
  for (guint i = 0; i < words->len; i++)
    {
      Word *word = word_at (words, i);
      NudgeCaptureSpan *prev = capture->spans->len > 0 ?
        &g_array_index (capture->spans, NudgeCaptureSpan, capture->spans->len - 1) : NULL;
      NudgeCaptureSpan span = { word->role, word->start, word->end };

      if (word->role < 0)
        continue;
      if (prev != NULL && prev->role == (NudgeCaptureRole) word->role &&
          i > 0 && word_at (words, i - 1)->role == word->role)
        prev->end = word->end;
      else
        g_array_append_val (capture->spans, span);
    }
}

/* The text without the words that say when: "Call Jan Novák". */
static char *
make_title (NudgeCapture *capture,
            GArray       *words)
{
  g_autoptr(GString) title = g_string_new (NULL);
  const char *text = capture->text;

  for (guint i = 0; i < words->len; i++)
    {
      Word *word = word_at (words, i);
      gsize end = word->end;

      if (word->role == NUDGE_CAPTURE_WHEN)
        continue;
      /* Keep punctuation inside the title ("Send offer, then call") */
      if (i + 1 < words->len && word_at (words, i + 1)->role != NUDGE_CAPTURE_WHEN)
        while (text[end] != '\0' && !g_ascii_isspace (text[end]))
          end++;
      if (title->len > 0)
        g_string_append_c (title, ' ');
      g_string_append_len (title, text + word->start, end - word->start);
    }
  /* Past the words read (MAX_WORDS): kept as typed, not dropped; a title
   * too long for one is then refused, saying so. */
  if (words->len == MAX_WORDS)
    {
      const char *rest = text + word_at (words, words->len - 1)->end;

      while (*rest != '\0' && !g_ascii_isspace (*rest))
        rest++;
      while (g_ascii_isspace (*rest))
        rest++;
      if (*rest != '\0')
        g_string_append_printf (title, " %s", rest);
    }
  while (title->len > 0 && strchr (",;:-", title->str[title->len - 1]) != NULL)
    g_string_truncate (title, title->len - 1);
  if (title->len == 0)
    g_string_append (title, capture->has_kind ? nudge_capture_kind_label (capture->kind) : _("Follow up"));
  return g_string_free (g_steal_pointer (&title), FALSE);
}

void
nudge_capture_free (NudgeCapture *capture)
{
  if (capture == NULL)
    return;
  g_free (capture->text);
  g_free (capture->kind);
  g_free (capture->title);
  g_free (capture->name);
  g_clear_pointer (&capture->candidates, g_ptr_array_unref);
  g_clear_pointer (&capture->spans, g_array_unref);
  g_free (capture);
}

NudgeCapture *
nudge_capture_parse (NudgeStore  *store,
                     const char  *text,
                     GDateTime   *now,
                     GError     **error)
{
  g_autoptr(NudgeCapture) capture = NULL;
  g_autoptr(GArray) words = NULL;
  When when = { -1, 0, FALSE, -1, -1, 0 };

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  capture = g_new0 (NudgeCapture, 1);
  capture->text = g_utf8_make_valid (text, strnlen (text, NUDGE_SEARCH_MAX_BYTES));
  g_strstrip (capture->text);
  capture->kind = g_strdup ("task");
  capture->candidates = g_ptr_array_new_with_free_func (nudge_capture_candidate_free);
  capture->spans = g_array_new (FALSE, FALSE, sizeof (NudgeCaptureSpan));

  words = split_text (capture->text);
  if (words->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Type what to follow up, e.g. “Call Jan Novák tomorrow at 10”"));
      return NULL;
    }

  read_when (words, &when);
  capture->due_at = resolve_when (&when, now, &capture->has_day, &capture->has_time);
  read_kind (words, capture);
  if (!nudge_capture_read_name (store, capture, words, error))
    return NULL;
  collect_spans (capture, words);
  capture->title = make_title (capture, words);
  return g_steal_pointer (&capture);
}

const char *
nudge_capture_kind_of (const char *text)
{
  g_autoptr(GArray) words = NULL;
  NudgeCapture scratch = { 0 };
  const char *kind = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  words = split_text (text);
  read_kind (words, &scratch);
  if (scratch.has_kind)
    kind = g_intern_string (scratch.kind);
  g_free (scratch.kind);
  return kind;
}

const NudgeCaptureCandidate *
nudge_capture_get_link (NudgeCapture *capture)
{
  g_return_val_if_fail (capture != NULL, NULL);

  return capture->candidates->len == 1 ? g_ptr_array_index (capture->candidates, 0) : NULL;
}

gint64
nudge_capture_save (NudgeStore    *store,
                    NudgeCapture  *capture,
                    NudgeEntity    entity,
                    gint64         id,
                    int            remind_before_min,
                    GError       **error)
{
  NudgeFollowupSpec spec;
  g_autoptr(NudgeDeal) deal = NULL;

  g_return_val_if_fail (NUDGE_IS_STORE (store), 0);
  g_return_val_if_fail (capture != NULL, 0);
  g_return_val_if_fail (id == 0 || entity == NUDGE_ENTITY_CONTACT || entity == NUDGE_ENTITY_DEAL, 0);

  nudge_followup_spec_init (&spec);
  spec.title = capture->title;
  spec.kind = capture->kind;
  spec.due_at = capture->due_at;
  spec.remind_before_min = MAX (remind_before_min, 0);
  if (id > 0 && entity == NUDGE_ENTITY_DEAL)
    {
      if (!(deal = nudge_store_get_deal (store, id, error)))
        return 0;
      spec.deal_id = id;
      spec.contact_id = nudge_deal_get_contact_id (deal);
    }
  else if (id > 0)
    spec.contact_id = id;
  return nudge_followups_create (store, &spec, error);
}

char *
nudge_capture_format_when (NudgeCapture *capture,
                           gint64        now)
{
  g_autofree char *day = NULL;
  g_autofree char *date = NULL;
  g_autofree char *full = NULL;

  g_return_val_if_fail (capture != NULL, NULL);

  day = nudge_format_relative_day (capture->due_at, now);
  date = nudge_format_date (capture->due_at);
  full = nudge_format_datetime (capture->due_at);
  if (g_strcmp0 (day, date) == 0)
    return g_steal_pointer (&full);
  /* Translators: when a follow-up is due, e.g. "Tomorrow, 30.03.2026 10:00" */
  return g_strdup_printf (_("%s, %s"), day, full);
}

const char *
nudge_capture_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "call") == 0)
    return _("Call");
  if (g_strcmp0 (kind, "email") == 0)
    return _("E-mail");
  if (g_strcmp0 (kind, "meeting") == 0)
    return _("Meeting");
  return _("Task");
}

/* Not a calendar or a check mark: those are Reschedule and Done on
 * Today's rows. */
const char *
nudge_capture_kind_icon (const char *kind)
{
  if (g_strcmp0 (kind, "call") == 0)
    return "call-start-symbolic";
  if (g_strcmp0 (kind, "email") == 0)
    return "mail-unread-symbolic";
  if (g_strcmp0 (kind, "meeting") == 0)
    return "system-users-symbolic";
  return "checkbox-symbolic";
}
