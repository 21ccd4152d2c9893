/* nudge-format-date.c — dates and times as the user's locale and
 * language write them: the short date (a translation may set its own,
 * as Czech does: "7. 12. 2026"), the desktop's clock, days in words
 * ("Tomorrow", "pondělí"), and reading back what was typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-format"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include "nudge-clock.h"
#include "nudge-format.h"
#include "nudge-types.h"

/* The short numeric date, with the whole year. Its form is the
 * translation's to set: Czech typography (ČSN 01 6910) writes
 * "7. 12. 2026" where glibc's cs_CZ writes "7.12.2026". A translation
 * that leaves "%x" alone keeps the locale's own: 07.12.2026 in pl,
 * 12/07/2026 in en_US, and 07.12.2026 in uk too, whose own is 07.12.26
 * (as is C's 12/07/26): a two-digit year in a deal's history or an
 * export period reads wrong. */
static char *
dup_short_date_format (void)
{
  /* TRANSLATORS: the short numeric date, e.g. "7. 12. 2026", as
   * g_date_time_format() (strftime) writes it: %-d the day, %-m the
   * month without a leading zero, %d and %m with one, %Y the year. Leave
   * "%x" to keep the locale's own short date. */
  /* xgettext:no-c-format */
  const char *translated = C_("short date", "%x");
  const char *d_fmt;
  GString *format;

  if (!g_str_equal (translated, "%x"))
    return g_strdup (translated);
  d_fmt = nl_langinfo (D_FMT);
  if (d_fmt == NULL || *d_fmt == '\0')
    return g_strdup ("%x");
  format = g_string_new (d_fmt);
  g_string_replace (format, "%y", "%Y", 0);
  return g_string_free (format, FALSE);
}

char *
nudge_format_date_of (GDateTime *dt)
{
  g_autofree char *format = NULL;

  if (dt == NULL)
    return g_strdup ("");
  format = dup_short_date_format ();
  return g_date_time_format (dt, format);
}

char *
nudge_format_date (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = nudge_clock_local_from_unix (unix_seconds);

  return nudge_format_date_of (dt);
}

/* The desktop's clock: GNOME's clock-format when its schema is
 * installed, else the locale's own time format (en_US writes 12-hour
 * times, cs, pl and uk 24-hour ones). A locale without AM/PM words gets
 * 24 hours either way: "9:00" alone would not say which nine. */
gboolean
nudge_format_clock_is_12h (void)
{
  static GSettings *interface = NULL;
  static gsize initialized = 0;
  const char *t_fmt;
  gboolean twelve;

  if (g_once_init_enter (&initialized))
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
      if (schema != NULL && g_settings_schema_has_key (schema, "clock-format"))
        interface = g_settings_new ("org.gnome.desktop.interface");
      g_once_init_leave (&initialized, 1);
    }
  if (*nl_langinfo (AM_STR) == '\0' || *nl_langinfo (PM_STR) == '\0')
    return FALSE;
  if (interface != NULL)
    return g_settings_get_enum (interface, "clock-format") == 1;
  t_fmt = nl_langinfo (T_FMT);
  twelve = strstr (t_fmt, "%r") != NULL || strstr (t_fmt, "%I") != NULL ||
           strstr (t_fmt, "%l") != NULL || strstr (t_fmt, "%p") != NULL;
  return twelve;
}

/* Hours and minutes, on the desktop's clock. */
const char *
nudge_format_time_pattern (void)
{
  if (nudge_format_clock_is_12h ())
    /* TRANSLATORS: a time of day on a 12-hour clock, see g_date_time_format() */
    return _("%-l:%M %p");
  /* TRANSLATORS: a time of day on a 24-hour clock, see g_date_time_format() */
  return _("%H:%M");
}

char *
nudge_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = nudge_clock_local_from_unix (unix_seconds);

  /* Hours and minutes: a follow-up is never due at a given second. */
  return dt ? g_date_time_format (dt, nudge_format_time_pattern ()) : g_strdup ("");
}

/* A time of day standing alone, as a setting shows it (the start of
 * the working day), written as every time in the app is: "09:00" and
 * "17:30" on a 24-hour clock, "9:00 AM" on a 12-hour one. */
char *
nudge_format_clock_time (int hour,
                         int minute)
{
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (hour >= 0 && hour < 24 && minute >= 0 && minute < 60, NULL);

  dt = g_date_time_new_utc (2000, 1, 1, hour, minute, 0);
  return g_date_time_format (dt, nudge_format_time_pattern ());
}

char *
nudge_format_datetime (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = nudge_clock_local_from_unix (unix_seconds);
  g_autofree char *time = NULL;
  g_autofree char *date = NULL;

  if (dt == NULL)
    return g_strdup ("");
  date = nudge_format_date_of (dt);
  time = g_date_time_format (dt, nudge_format_time_pattern ());
  /* TRANSLATORS: a date and a time, e.g. "22.11.2026 09:00" */
  return g_strdup_printf (C_("date and time", "%s %s"), date, time);
}

char *
nudge_format_iso_date (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = nudge_clock_local_from_unix (unix_seconds);

  return dt ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("");
}

/* Whole local calendar days from @from to @to (negative if @to is earlier). */
int
nudge_days_between (gint64 from,
                    gint64 to)
{
  GDate da, db;

  nudge_clock_local_date (from, &da);
  nudge_clock_local_date (to, &db);
  return g_date_days_between (&da, &db);
}

/* The weekday as a word inside a sentence: a translation gives it in
 * the case the language writes there ("pondělí", where glibc's cs_CZ
 * writes "Pondělí"); one it does not translate keeps the locale's own
 * (English and German capitalise theirs). */
static char *
dup_weekday_in_sentence (GDateTime *dt)
{
  static const char *const names[] = {
    NULL,
    /* TRANSLATORS: a weekday inside a sentence, e.g. "next: Call
     * (Monday 10:00)"; write it as the language does there (in Czech,
     * Polish and Ukrainian in lower case). Likewise for the other
     * days. */
    NC_("mid-sentence", "Monday"),
    NC_("mid-sentence", "Tuesday"),
    NC_("mid-sentence", "Wednesday"),
    NC_("mid-sentence", "Thursday"),
    NC_("mid-sentence", "Friday"),
    NC_("mid-sentence", "Saturday"),
    NC_("mid-sentence", "Sunday"),
  };
  const char *name = names[g_date_time_get_day_of_week (dt)];
  const char *translated = g_dpgettext2 (GETTEXT_PACKAGE, "mid-sentence", name);

  if (translated != name)
    return g_strdup (translated);
  return g_date_time_format (dt, "%A");
}

static char *
format_relative_day (gint64   unix_seconds,
                     gint64   now,
                     gboolean in_sentence)
{
  int days = nudge_days_between (now, unix_seconds);

  if (days == 0)
    /* TRANSLATORS: "today" inside a sentence, e.g. "next: Call (today
     * 10:00)"; the capitalised "Today" stands alone */
    return g_strdup (in_sentence ? C_("mid-sentence", "today") : _("Today"));
  if (days == 1)
    /* TRANSLATORS: "tomorrow" inside a sentence, e.g. "next: Call
     * (tomorrow 10:00)" */
    return g_strdup (in_sentence ? C_("mid-sentence", "tomorrow") : _("Tomorrow"));
  if (days == -1)
    /* TRANSLATORS: "yesterday" inside a sentence, e.g. "Last: Demo,
     * yesterday" */
    return g_strdup (in_sentence ? C_("mid-sentence", "yesterday") : _("Yesterday"));
  if (days > 1 && days < 7)
    {
      g_autoptr(GDateTime) dt = nudge_clock_local_from_unix (unix_seconds);
      g_autofree char *weekday = NULL;

      if (dt == NULL)
        return g_strdup ("");
      weekday = dup_weekday_in_sentence (dt);
      if (in_sentence)
        return g_steal_pointer (&weekday);
      /* As "Today" and "Tomorrow" are: Polish and Ukrainian write their
       * weekdays in lower case ("czwartek"), Czech's glibc does not. */
      return nudge_format_capitalize (weekday);
    }
  if (days < -1 && days > -31)
    {
      g_autofree char *ago = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", -days),
                                              -days);

      /* Standing alone it starts as "Yesterday" does: "Před 3 dny" in
       * Czech; "3 days ago" and "3 dni temu" start with the number. */
      return in_sentence ? g_steal_pointer (&ago) : nudge_format_capitalize (ago);
    }
  return nudge_format_date (unix_seconds);
}

/* A day in words, standing alone (a List cell, a card, the first word
 * of a row's subtitle): "Today", "Tomorrow", "Yesterday", the weekday
 * within a week ahead, "3 days ago" within a month back, else the date. */
char *
nudge_format_relative_day (gint64 unix_seconds,
                           gint64 now)
{
  return format_relative_day (unix_seconds, now, FALSE);
}

/* The same inside a sentence, after other words: "next: Call (tomorrow
 * 10:00)", "Last: Demo, yesterday". Czech, Polish and Ukrainian write
 * today, tomorrow and the weekdays in lower case there; English keeps
 * its weekdays' capitals. */
char *
nudge_format_relative_day_in_sentence (gint64 unix_seconds,
                                       gint64 now)
{
  return format_relative_day (unix_seconds, now, TRUE);
}

/* Where "until @unix_seconds" ends a sentence such as "Snoozed until
 * tomorrow at 09:00", seen at @now: the time alone today, "tomorrow"
 * or the weekday within a week, else the date. Each is a phrase of its
 * own, for the case a language's "until" takes ("do zítřka", "do
 * poniedziałku", "до неділі"). */
char *
nudge_format_until (gint64 unix_seconds,
                    gint64 now)
{
  g_autoptr(GDateTime) dt = nudge_clock_local_from_unix (unix_seconds);
  g_autofree char *time = NULL;
  g_autofree char *when = NULL;
  int days = nudge_days_between (now, unix_seconds);

  if (dt == NULL)
    return g_strdup ("");
  time = g_date_time_format (dt, nudge_format_time_pattern ());
  if (days == 0)
    /* TRANSLATORS: the end of "Snoozed until 14:30"; %s is a time */
    return g_strdup_printf (C_("until", "until %s"), time);
  if (days == 1)
    /* TRANSLATORS: the end of "Snoozed until tomorrow at 09:00"; %s is a time */
    return g_strdup_printf (C_("until", "until tomorrow at %s"), time);
  if (days > 1 && days < 7)
    {
      static const char *const formats[] = {
        NULL,
        /* TRANSLATORS: the end of "Snoozed until Monday at 09:00" (the
         * Monday ahead, within a week); %s is a time. Likewise for the
         * other days. */
        NC_("until", "until Monday at %s"),
        NC_("until", "until Tuesday at %s"),
        NC_("until", "until Wednesday at %s"),
        NC_("until", "until Thursday at %s"),
        NC_("until", "until Friday at %s"),
        NC_("until", "until Saturday at %s"),
        NC_("until", "until Sunday at %s"),
      };

      return g_strdup_printf (g_dpgettext2 (GETTEXT_PACKAGE, "until", formats[g_date_time_get_day_of_week (dt)]), time);
    }
  when = nudge_format_datetime (unix_seconds);
  /* TRANSLATORS: the end of "Snoozed until 22.12.2026 09:00"; %s is a
   * date and a time */
  return g_strdup_printf (C_("until", "until %s"), when);
}

/* @text with a capital first letter, for a name that starts a heading
 * or stands beside capitalized words ("prosinec 2026" → "Prosinec 2026"). */
char *
nudge_format_capitalize (const char *text)
{
  char first[8] = { 0 };

  if (text == NULL || *text == '\0')
    return g_strdup (text);
  g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (text)), first);
  return g_strconcat (first, g_utf8_next_char (text), NULL);
}

/* The order of day, month and year in the short date the app writes
 * (the translation's, or the locale's D_FMT, which %x prints): "mdy" in
 * en_US, "dmy" in cs, pl and uk. */
static void
locale_date_order (char order[4])
{
  g_autofree char *fmt = dup_short_date_format ();
  int n = 0;

  for (const char *p = fmt; p != NULL && *p != '\0' && n < 3; p++)
    {
      if (*p != '%')
        continue;
      p++;
      while (*p == '-' || *p == '_' || *p == '0' || *p == '^' || *p == '#' || *p == 'E' || *p == 'O')
        p++;
      switch (*p)
        {
        case 'd':
        case 'e':
          order[n++] = 'd';
          break;
        case 'm':
          order[n++] = 'm';
          break;
        case 'y':
        case 'Y':
          order[n++] = 'y';
          break;
        case 'D':
          memcpy (order, "mdy", 3);
          n = 3;
          break;
        case 'F':
          memcpy (order, "ymd", 3);
          n = 3;
          break;
        case '\0':
          p--;
          break;
        default:
          break;
        }
    }
  if (n != 3 || memchr (order, 'd', 3) == NULL || memchr (order, 'm', 3) == NULL || memchr (order, 'y', 3) == NULL)
    memcpy (order, "dmy", 3);
  order[3] = '\0';
}

gboolean
nudge_parse_date (const char *text,
                  int        *year,
                  int        *month,
                  int        *day)
{
  int numbers[3] = { 0, 0, 0 };
  int digits[3] = { 0, 0, 0 };
  int n = 0;
  int y = 0, m = 0, d = 0;
  char order[4];

  g_return_val_if_fail (year != NULL && month != NULL && day != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  /* Numbers with anything but letters between them: "3.12.2026",
   * "3. 12. 2026", "12/3/26", "2026-12-03". */
  for (const char *p = text; *p != '\0';)
    {
      if (g_ascii_isdigit (*p))
        {
          if (n == 3)
            return FALSE;
          while (g_ascii_isdigit (*p))
            {
              if (digits[n]++ >= 4)
                return FALSE;
              numbers[n] = numbers[n] * 10 + (*p - '0');
              p++;
            }
          n++;
        }
      else if (*p == '.' || *p == '/' || *p == '-' || *p == ' ' || *p == ',')
        p++;
      else
        return FALSE;
    }

  locale_date_order (order);
  if (n == 3 && digits[0] == 4)
    {
      /* ISO 8601 (and 2026/12/03), whatever the locale. */
      y = numbers[0];
      m = numbers[1];
      d = numbers[2];
    }
  else if (n == 3 || n == 2)
    {
      int k = 0;

      for (int i = 0; i < 3; i++)
        {
          if (order[i] == 'y')
            {
              if (n == 2)
                continue;
              if (digits[k] == 3)
                return FALSE;
              y = digits[k] <= 2 ? 2000 + numbers[k] : numbers[k];
            }
          else if (order[i] == 'm')
            m = numbers[k];
          else
            d = numbers[k];
          k++;
        }
      if (n == 2)
        {
          /* Day and month alone: this year. */
          g_autoptr(GDateTime) now = nudge_clock_now_local ();

          y = g_date_time_get_year (now);
        }
    }
  else
    return FALSE;

  if (y < NUDGE_MIN_YEAR || y > NUDGE_MAX_YEAR || !g_date_valid_dmy (d, m, y))
    return FALSE;
  *year = y;
  *month = m;
  *day = d;
  return TRUE;
}

/* "a.m." → "am": what is left of an AM/PM word to compare. */
static char *
fold_meridiem (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '.' && !g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* 0 no AM/PM word, 1 AM, 2 PM, -1 something else. */
static int
parse_meridiem (const char *text)
{
  g_autofree char *word = fold_meridiem (text);
  g_autofree char *am = NULL;
  g_autofree char *pm = NULL;

  if (*word == '\0')
    return 0;
  if (g_str_equal (word, "am") || g_str_equal (word, "a"))
    return 1;
  if (g_str_equal (word, "pm") || g_str_equal (word, "p"))
    return 2;
  am = fold_meridiem (nl_langinfo (AM_STR));
  pm = fold_meridiem (nl_langinfo (PM_STR));
  if (*am != '\0' && g_str_equal (word, am))
    return 1;
  if (*pm != '\0' && g_str_equal (word, pm))
    return 2;
  return -1;
}

gboolean
nudge_parse_time (const char *text,
                  int        *hour,
                  int        *minute)
{
  const char *p = text;
  int h = 0, m = 0, n = 0, meridiem;

  g_return_val_if_fail (hour != NULL && minute != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  while (*p == ' ')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    {
      if (n++ >= 4)
        return FALSE;
      h = h * 10 + (*p++ - '0');
    }
  if (n >= 3)
    {
      /* "930", "0930", "2130" */
      m = h % 100;
      h /= 100;
    }
  else if (*p == ':' || *p == '.')
    {
      p++;
      if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
        return FALSE;
      m = (p[0] - '0') * 10 + (p[1] - '0');
      p += 2;
      /* Seconds are read and dropped: nothing is due at a second. */
      if (*p == ':' && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]))
        p += 3;
    }

  meridiem = parse_meridiem (p);
  if (meridiem < 0 || m > 59)
    return FALSE;
  if (meridiem > 0)
    {
      if (h < 1 || h > 12)
        return FALSE;
      h = h % 12 + (meridiem == 2 ? 12 : 0);
    }
  else if (h > 23)
    return FALSE;

  *hour = h;
  *minute = m;
  return TRUE;
}

GDateWeekday
nudge_locale_first_weekday (void)
{
#ifdef __GLIBC__
  /* glibc: _NL_TIME_WEEK_1STDAY is a date whose weekday is day 1 of the
   * week table; _NL_TIME_FIRST_WEEKDAY is 1-based into that table. This
   * is how GTK's calendar finds Monday for cs, pl and uk. */
  union { unsigned int word; char *string; } langinfo;
  int week_1stday = 0;
  int first_weekday;
  guint week_origin;

  langinfo.string = nl_langinfo (_NL_TIME_FIRST_WEEKDAY);
  first_weekday = langinfo.string[0];
  langinfo.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  week_origin = langinfo.word;
  if (week_origin == 19971130)      /* Sunday */
    week_1stday = 0;
  else if (week_origin == 19971201) /* Monday */
    week_1stday = 1;
  else
    week_1stday = 0;

  /* GDateWeekday: Monday = 1 … Sunday = 7 */
  {
    int day = (week_1stday + first_weekday - 1) % 7; /* 0 = Sunday */
    return day == 0 ? G_DATE_SUNDAY : (GDateWeekday) day;
  }
#else
  return G_DATE_MONDAY;
#endif
}
