/* nudge-capture-words.c — the words quick capture understands, in
 * English, Czech, Polish and Ukrainian, in one place
 *
 * Written as people write them; they are folded (case and accents aside,
 * as the search folds) before they are compared, so "zitra", "Zítra" and
 * "ZÍTRA" all count.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-capture"

#include "config.h"

#include "nudge-capture-private.h"
#include "nudge-search.h"

const char *const capture_today_words[] = {
  "today", "dnes", "dzisiaj", "dziś", "сьогодні", NULL
};
const char *const capture_tomorrow_words[] = {
  "tomorrow", "zítra", "jutro", "завтра", NULL
};
const char *const capture_after_tomorrow_words[] = {
  "pozítří", "pojutrze", "післязавтра", NULL
};
/* Monday first: index + 1 is the GDateWeekday */
const char *const capture_weekday_words[7][16] = {
  { "monday", "mon", "pondělí", "pondělka", "poniedziałek", "poniedziałku", "понеділок", "понеділка", NULL },
  { "tuesday", "tue", "tues", "úterý", "wtorek", "wtorku", "вівторок", "вівторка", NULL },
  { "wednesday", "wed", "středa", "středu", "středy", "środa", "środę", "środy", "середа", "середу", "середи", NULL },
  { "thursday", "thu", "thurs", "čtvrtek", "čtvrtka", "czwartek", "czwartku", "четвер", "четверга", NULL },
  { "friday", "fri", "pátek", "pátku", "piątek", "piątku", "п'ятниця", "п'ятницю", "п'ятниці", NULL },
  { "saturday", "sat", "sobota", "sobotu", "soboty", "sobotę", "субота", "суботу", "суботи", NULL },
  { "sunday", "sun", "neděle", "neděli", "niedziela", "niedzielę", "niedzieli", "неділя", "неділю", "неділі", NULL },
};
const char *const capture_next_words[] = {
  "next", "příští", "příštím", "příštího", "přístí", "przyszły", "przyszłym", "przyszłą",
  "następny", "następnym", "następną", "наступний", "наступного", "наступному", "наступну",
  "наступної", "наступна", NULL
};
const char *const capture_week_words[] = {
  "week", "týden", "týdnu", "tydzień", "tygodniu", "tydzien", "тиждень", "тижня", "тижні", NULL
};
const char *const capture_weeks_words[] = {
  "weeks", "týdny", "týdnů", "tygodnie", "tygodni", "тижні", "тижнів", NULL
};
const char *const capture_day_unit_words[] = {
  "day", "days", "den", "dny", "dní", "dni", "dzień", "день", "дні", "днів", "дня", NULL
};
const char *const capture_hour_unit_words[] = {
  "hour", "hours", "hodinu", "hodiny", "hodin", "godzinę", "godziny", "godzin",
  "годину", "години", "годин", NULL
};
const char *const capture_in_words[] = {
  "in", "za", "через", NULL
};
/* Before a time or a day: "at 10", "v 10", "o 10", "о 10", "on Monday",
 * "v pondělí", "w piątek", "у понеділок" */
const char *const capture_connector_words[] = {
  "at", "on", "@", "v", "ve", "w", "we", "o", "об", "о", "в", "у", "на", NULL
};
const char *const capture_am_words[] = { "am", "a.m.", "a.m", NULL };
const char *const capture_pm_words[] = { "pm", "p.m.", "p.m", NULL };
/* Words that never start a name: "with", "to", "do", "з" … */
/* Case endings of names, longest first: "Janu Novákovi", "do Jana
 * Nowaka", "Олені Шевченко", "do Kowalskiej" are tried as "jan novak",
 * "jan nowak", "олен шевченко", "kowalsk" when the words as typed match
 * no one. */
const char *const capture_case_endings[] = {
  "owie", "owi", "ovi", "emu", "ymu", "imu", "ego", "iej", "ové", "ou", "em", "om", "ie", "ej",
  "ові", "еві", "ому", "ою", "ею", "ом", "ем", "ої", "ій",
  "a", "e", "u", "y", "i", "é", "ě", "ę", "у", "ю", "і", "а", "я", "и", NULL
};
const char *const capture_stop_words[] = {
  "with", "to", "about", "the", "a", "an", "and", "for", "re", "regarding",
  "s", "se", "k", "ke", "na", "o", "a", "do", "z", "ze", "i", "w", "z", "із", "з",
  "до", "на", "про", "і", "та", "зі", NULL
};

const NudgeCaptureKindWords capture_kind_words[] = {
  { "call",    { "call", "phone", "ring", "zavol", "zavolej", "volat", "telefon", "zadzwo", "zadzwoń",
                 "dzwoń", "подзвон", "зателефон", "дзвін", "дзвон", NULL } },
  { "email",   { "email", "e-mail", "mail", "write", "napsat", "napiš", "napisać", "napisz",
                 "написати", "напиши", "лист", "імейл", "емейл", NULL } },
  { "meeting", { "meet", "schůzk", "sejít", "potkat", "spotka", "spotkać", "зустр", NULL } },
  { "task",    { "task", "todo", "to-do", "úkol", "zadanie", "завдання", NULL } },
};


const guint capture_n_kind_words = G_N_ELEMENTS (capture_kind_words);

G_LOCK_DEFINE_STATIC (folded_lists);

/* A word list folded, once for the life of the process (parses run on
 * the main thread and on workers). */
const char *const *
nudge_capture_folded_list (const char *const *list)
{
  static GHashTable *lists;
  char **folded;

  G_LOCK (folded_lists);
  if (lists == NULL)
    lists = g_hash_table_new (NULL, NULL);
  if (!(folded = g_hash_table_lookup (lists, list)))
    {
      guint n = g_strv_length ((char **) list);

      folded = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        folded[i] = nudge_search_fold (list[i]);
      g_hash_table_insert (lists, (gpointer) list, folded);
    }
  G_UNLOCK (folded_lists);
  return (const char *const *) folded;
}

gboolean
nudge_capture_word_in (const char        *folded,
         const char *const *list)
{
  const char *const *entries = nudge_capture_folded_list (list);

  for (guint i = 0; entries[i] != NULL; i++)
    if (g_str_equal (folded, entries[i]))
      return TRUE;
  return FALSE;
}
