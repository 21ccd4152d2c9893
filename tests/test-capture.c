/* test-capture.c — a follow-up typed in plain words, in English, Czech,
 * Polish and Ukrainian, read against a real book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "nudge-capture.h"
#include "nudge-clock.h"
#include "nudge-followups.h"
#include "nudge-pace.h"
#include "nudge-records.h"
#include "nudge-store.h"
#include "nudge-test-core.h"

#define TZID "Europe/Prague"

typedef NudgeTestBook Fixture;

static GDateTime *
prague_dt (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (TZID);

  return g_date_time_new (tz, year, month, day, hour, minute, 0);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const char *people[] = {
    "Jan Novák", "Jan Nowak", "Tereza Procházková", "Hannah Wilson", "Łukasz Wójcik", "Олена Шевченко",
    "Eva Pokorná", "Jiří Pokorný", "Aleksandra Kowalska", "Оксана Ковальська",
  };
  NudgeWorkingHours hours = { 9 * 60, 17 * 60, TRUE, NUDGE_HOLIDAYS_NONE };

  nudge_working_hours_set (&hours);
  f->store = nudge_test_book_open ("capture", &f->dir, &f->path);

  for (gsize i = 0; i < G_N_ELEMENTS (people); i++)
    nudge_test_add_named_contact (f->store, people[i]);
  nudge_test_add_titled_deal (f->store, "Licence CRM");
  /* Not a person: a deal about printers must not catch "printer" words
   * of other phrases unless named */
  nudge_test_add_titled_deal (f->store, "Fleet tracking");
}

static NudgeCapture *
parse_at (Fixture    *f,
          const char *text,
          GDateTime  *now)
{
  g_autoptr(GError) error = NULL;
  NudgeCapture *capture = nudge_capture_parse (f->store, text, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (capture);
  return capture;
}

/* Wednesday 25 March 2026, 11:00 in Prague */
#define Y 2026
#define M 3
#define D 25

/* @text read at the tests' usual now: Wednesday 25 March 2026, 11:00 in
 * Prague. */
static NudgeCapture *
parse (Fixture    *f,
       const char *text)
{
  g_autoptr(GDateTime) now = prague_dt (Y, M, D, 11, 0);

  return parse_at (f, text, now);
}

typedef struct
{
  const char *text;
  const char *kind;
  const char *linked;      /* the one candidate's name; NULL: none */
  int         month, day, hour, minute;
} Phrase;

static const Phrase phrases[] = {
  /* English */
  { "Call Jan Novák tomorrow at 10",                "call",    "Jan Novák",          3, 26, 10, 0 },
  { "call jan novak tomorrow at 10",                "call",    "Jan Novák",          3, 26, 10, 0 },
  { "Email Hannah Wilson on Monday",                "email",   "Hannah Wilson",      3, 30,  9, 0 },
  { "Meeting with Hannah Wilson next Monday at 3pm", "meeting", "Hannah Wilson",     3, 30, 15, 0 },
  { "Call Tereza on Friday",                        "call",    "Tereza Procházková", 3, 27,  9, 0 },
  { "Call Tereza next Friday 10:30",                "call",    "Tereza Procházková", 4,  3, 10, 30 },
  { "Call Hannah Wilson in 3 days",                 "call",    "Hannah Wilson",      3, 28,  9, 0 },
  { "Task for Hannah Wilson next week",             "task",    "Hannah Wilson",      3, 30,  9, 0 },
  /* 10:00 has passed at 11:00: tomorrow; 15:00 is still ahead: today */
  { "Call Jan Novák at 10",                         "call",    "Jan Novák",          3, 26, 10, 0 },
  { "Call Jan Novák at 15:00",                      "call",    "Jan Novák",          3, 25, 15, 0 },
  { "Call Hannah Wilson 10:30",                     "call",    "Hannah Wilson",      3, 26, 10, 30 },
  { "Call Jan Novák today at 3pm",                  "call",    "Jan Novák",          3, 25, 15, 0 },
  { "Call Tere tomorrow",                           "call",    "Tereza Procházková", 3, 26,  9, 0 },
  { "Call Jan Novák in 2 weeks",                    "call",    "Jan Novák",          4,  8,  9, 0 },
  { "Call about Licence CRM tomorrow",              "call",    "Licence CRM",        3, 26,  9, 0 },
  /* Nothing said of when: the working day's start, tomorrow as 09:00 has passed */
  { "Send the offer to Hannah Wilson",              "task",    "Hannah Wilson",      3, 26,  9, 0 },
  /* Czech */
  { "Zavolat Jan Novák zítra v 10",                 "call",    "Jan Novák",          3, 26, 10, 0 },
  { "Napsat Tereza Procházková v pondělí",          "email",   "Tereza Procházková", 3, 30,  9, 0 },
  { "Schůzka s Hannah Wilson v pátek v 14:30",      "meeting", "Hannah Wilson",      3, 27, 14, 30 },
  { "Zavolat Jan Novák příští týden",               "call",    "Jan Novák",          3, 30,  9, 0 },
  { "Zavolat Jan Novák za 3 dny",                   "call",    "Jan Novák",          3, 28,  9, 0 },
  { "ZAVOLAT JAN NOVAK VE STŘEDU",                  "call",    "Jan Novák",          4,  1,  9, 0 },
  /* Polish */
  { "Zadzwonić do Jan Nowak jutro o 10",            "call",    "Jan Nowak",          3, 26, 10, 0 },
  { "Spotkanie z Jan Nowak w poniedziałek o 9:30",  "meeting", "Jan Nowak",          3, 30,  9, 30 },
  { "Napisać do Łukasz Wójcik w piątek",            "email",   "Łukasz Wójcik",      3, 27,  9, 0 },
  { "Zadzwonić do Jan Nowak w przyszłym tygodniu",  "call",    "Jan Nowak",          3, 30,  9, 0 },
  { "zadzwonić do lukasz wojcik za 3 dni",          "call",    "Łukasz Wójcik",      3, 28,  9, 0 },
  /* Ukrainian */
  { "Подзвонити Олена Шевченко завтра о 10",        "call",    "Олена Шевченко",     3, 26, 10, 0 },
  { "Зустріч з Олена Шевченко у понеділок",         "meeting", "Олена Шевченко",     3, 30,  9, 0 },
  { "Написати Олена Шевченко в п’ятницю о 15:00",   "email",   "Олена Шевченко",     3, 27, 15, 0 },
  { "Подзвонити Олена Шевченко наступного тижня",   "call",    "Олена Шевченко",     3, 30,  9, 0 },
  { "подзвонити олена через 3 дні",                 "call",    "Олена Шевченко",     3, 28,  9, 0 },
  /* Inflected names, as people say them */
  { "Zavolat Janu Novákovi zítra v 10",             "call",    "Jan Novák",          3, 26, 10, 0 },
  { "Zadzwonić do Łukasza Wójcika jutro",           "call",    "Łukasz Wójcik",      3, 26,  9, 0 },
  { "Подзвонити Олені Шевченко завтра о 10",        "call",    "Олена Шевченко",     3, 26, 10, 0 },
  /* A surname that is an adjective: "Kowalska", "do Kowalskiej", "z Kowalską" */
  { "Zadzwonić do Kowalskiej jutro",                "call",    "Aleksandra Kowalska", 3, 26, 9, 0 },
  { "Spotkanie z Aleksandrą Kowalską w piątek",     "meeting", "Aleksandra Kowalska", 3, 27, 9, 0 },
  { "Подзвонити Оксані Ковальській завтра",         "call",    "Оксана Ковальська",  3, 26,  9, 0 },
  /* A short first name: "Evě" is Eva, not any Pokorný */
  { "Zavolat Evě Pokorné zítra v 10",               "call",    "Eva Pokorná",        3, 26, 10, 0 },
  /* No one by that name: saved unlinked */
  { "Call the printer service tomorrow at 8",       "call",    NULL,                 3, 26,  8, 0 },
};

static void
test_phrases (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GDateTime) now = prague_dt (Y, M, D, 11, 0);

  for (guint i = 0; i < G_N_ELEMENTS (phrases); i++)
    {
      const Phrase *p = &phrases[i];
      g_autoptr(NudgeCapture) capture = parse_at (f, p->text, now);
      const NudgeCaptureCandidate *link = nudge_capture_get_link (capture);
      gint64 expected = nudge_test_prague (Y, p->month, p->day, p->hour, p->minute);

      g_test_message ("%s", p->text);
      g_assert_cmpstr (capture->kind, ==, p->kind);
      if (p->linked == NULL)
        g_assert_cmpuint (capture->candidates->len, ==, 0);
      else
        {
          g_assert_nonnull (link);
          g_assert_cmpstr (link->name, ==, p->linked);
        }
      if (capture->due_at != expected)
        {
          g_autoptr(GDateTime) got = g_date_time_new_from_unix_local (capture->due_at);
          g_autofree char *text = g_date_time_format_iso8601 (got);

          g_error ("“%s”: due %s, not %d-%02d-%02d %02d:%02d", p->text, text,
                   Y, p->month, p->day, p->hour, p->minute);
        }
    }
}

/* The title keeps what was said but the when; the spans say which words
 * meant what, as the app shows them. */
static void
test_title_and_spans (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(NudgeCapture) capture = parse (f, "Call Jan Novák tomorrow at 10");
  g_autoptr(NudgeCapture) bare = parse (f, "tomorrow at 10");
  const char *roles[] = { "Call", "Jan Novák", "tomorrow at 10" };

  g_assert_cmpstr (capture->title, ==, "Call Jan Novák");
  g_assert_cmpstr (capture->name, ==, "Jan Novák");
  g_assert_true (capture->has_kind && capture->has_day && capture->has_time);
  g_assert_cmpuint (capture->spans->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      NudgeCaptureSpan *span = &g_array_index (capture->spans, NudgeCaptureSpan, i);
      g_autofree char *words = g_strndup (capture->text + span->start, span->end - span->start);

      g_assert_cmpint (span->role, ==, (NudgeCaptureRole) i);
      g_assert_cmpstr (words, ==, roles[i]);
    }

  /* Only when: a title all the same, no kind, no one */
  g_assert_cmpstr (bare->title, ==, "Follow up");
  g_assert_cmpstr (bare->kind, ==, "task");
  g_assert_false (bare->has_kind);
  g_assert_null (bare->name);
}

/* Europe/Prague moves its clocks on the last Sundays of March and
 * October: "tomorrow at 10" the day before is 10:00 local, 23 or 25
 * hours later, not 24. */
static void
test_dst (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GDateTime) spring = prague_dt (2026, 3, 28, 10, 0);
  g_autoptr(GDateTime) autumn = prague_dt (2026, 10, 24, 10, 0);
  g_autoptr(NudgeCapture) forward = parse_at (f, "Call Jan Novák tomorrow at 10", spring);
  g_autoptr(NudgeCapture) back = parse_at (f, "Zavolat Jan Novák zítra v 10", autumn);
  g_autoptr(NudgeCapture) week = parse_at (f, "Call Jan Novák next week", spring);
  g_autoptr(NudgeCapture) days = parse_at (f, "Call Jan Novák in 3 days at 9:00", autumn);

  g_assert_cmpint (forward->due_at, ==, nudge_test_prague (2026, 3, 29, 10, 0));
  g_assert_cmpint (forward->due_at - g_date_time_to_unix (spring), ==, 23 * 3600);
  g_assert_cmpint (back->due_at, ==, nudge_test_prague (2026, 10, 25, 10, 0));
  g_assert_cmpint (back->due_at - g_date_time_to_unix (autumn), ==, 25 * 3600);
  g_assert_cmpint (week->due_at, ==, nudge_test_prague (2026, 3, 30, 9, 0));
  g_assert_cmpint (days->due_at, ==, nudge_test_prague (2026, 10, 27, 9, 0));
}

/* A name two people share, or a prefix of two names, asks; the names
 * themselves narrow it. */
static void
test_ambiguous (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(NudgeCapture) prefix = parse (f, "Call Jan No tomorrow");
  g_autoptr(NudgeCapture) exact = NULL;
  g_autoptr(NudgeCapture) twins = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 second;

  g_assert_null (nudge_capture_get_link (prefix));
  g_assert_cmpuint (prefix->candidates->len, ==, 2);
  for (guint i = 0; i < prefix->candidates->len; i++)
    g_hash_table_add (names, ((NudgeCaptureCandidate *) g_ptr_array_index (prefix->candidates, i))->name);
  g_assert_true (g_hash_table_contains (names, "Jan Novák"));
  g_assert_true (g_hash_table_contains (names, "Jan Nowak"));
  /* The day is understood whatever the name */
  g_assert_cmpint (prefix->due_at, ==, nudge_test_prague (Y, M, 26, 9, 0));

  /* "Jan Nováková" starts with "Jan Novák" too, but the exact name wins */
  nudge_test_add_named_contact (f->store, "Jana Nováková");
  exact = parse (f, "Call Jan Novák tomorrow");
  g_assert_nonnull (nudge_capture_get_link (exact));
  g_assert_cmpstr (nudge_capture_get_link (exact)->name, ==, "Jan Novák");

  second = nudge_test_add_named_contact (f->store, "Jan Novák");
  {
    g_autoptr(NudgeContact) c = nudge_store_get_contact (f->store, second, NULL);

    g_object_set (c, "email", "jan@druhy.example", NULL);
    g_assert_cmpint (nudge_store_save_contact (f->store, c, NULL), ==, second);
  }
  twins = parse (f, "Call Jan Novák tomorrow");
  g_assert_null (nudge_capture_get_link (twins));
  g_assert_cmpuint (twins->candidates->len, ==, 2);
  /* Told apart by what else is known of them: here the e-mail. */
  for (guint i = 0; i < twins->candidates->len; i++)
    {
      NudgeCaptureCandidate *c = g_ptr_array_index (twins->candidates, i);

      g_assert_cmpstr (c->detail, ==, c->id == second ? "jan@druhy.example" : NULL);
    }
}

/* A long note keeps every word it was typed with, past the words read
 * for the day, the kind and the name. */
static void
test_long_text (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("Call Jan Novák tomorrow about");
  g_autoptr(NudgeCapture) capture = NULL;

  for (int i = 1; i <= 40; i++)
    g_string_append_printf (text, " p%d", i);
  capture = parse (f, text->str);
  g_assert_true (g_str_has_suffix (capture->title, " p39 p40"));
  g_assert_nonnull (strstr (capture->title, "about p1 p2 "));
  g_assert_true (capture->has_day);
}

/* The default time is the working day's start of the preferences. */
static void
test_default_time (Fixture       *f,
                   gconstpointer  data)
{
  NudgeWorkingHours hours = { 8 * 60 + 30, 16 * 60, TRUE, NUDGE_HOLIDAYS_NONE };
  g_autoptr(GDateTime) early = prague_dt (Y, M, D, 7, 0);
  g_autoptr(NudgeCapture) today = NULL;
  g_autoptr(NudgeCapture) monday = NULL;

  nudge_working_hours_set (&hours);
  today = parse_at (f, "Call Jan Novák", early);
  monday = parse_at (f, "Call Jan Novák on Monday", early);
  g_assert_cmpint (today->due_at, ==, nudge_test_prague (Y, M, D, 8, 30));
  g_assert_false (today->has_day || today->has_time);
  g_assert_cmpint (monday->due_at, ==, nudge_test_prague (Y, M, 30, 8, 30));
}

/* Saved through the follow-ups' own create: linked, with its reminder;
 * a deal's contact comes along. */
static void
test_save (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(NudgeCapture) capture = parse (f, "Zavolat Jan Novák zítra v 10");
  g_autoptr(NudgeCapture) unlinked = parse (f, "Call the printer service tomorrow");
  const NudgeCaptureCandidate *link = nudge_capture_get_link (capture);
  g_autoptr(NudgeFollowup) saved = NULL;
  g_autoptr(NudgeFollowup) plain = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, plain_id;

  g_assert_nonnull (link);
  id = nudge_capture_save (f->store, capture, link->entity, link->id, 15, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  saved = nudge_store_get_followup (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nudge_followup_get_title (saved), ==, "Zavolat Jan Novák");
  g_assert_cmpstr (nudge_followup_get_kind (saved), ==, "call");
  g_assert_cmpint (nudge_followup_get_contact_id (saved), ==, link->id);
  g_assert_cmpint (nudge_followup_get_due_at (saved), ==, nudge_test_prague (Y, M, 26, 10, 0));
  g_assert_cmpint (nudge_followup_get_remind_before_min (saved), ==, 15);

  plain_id = nudge_capture_save (f->store, unlinked, NUDGE_ENTITY_CONTACT, 0, 15, &error);
  g_assert_no_error (error);
  plain = nudge_store_get_followup (f->store, plain_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nudge_followup_get_contact_id (plain), ==, 0);
  g_assert_cmpint (nudge_followup_get_deal_id (plain), ==, 0);
  g_assert_cmpstr (nudge_followup_get_title (plain), ==, "Call the printer service");
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GDateTime) now = prague_dt (Y, M, D, 11, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeCapture) capture = nudge_capture_parse (f->store, "   ", now, &error);

  g_assert_null (capture);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

int
main (int argc, char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "phrases", NUDGE_TEST_FUNC (test_phrases) },
    { "title-and-spans", NUDGE_TEST_FUNC (test_title_and_spans) },
    { "dst", NUDGE_TEST_FUNC (test_dst) },
    { "ambiguous", NUDGE_TEST_FUNC (test_ambiguous) },
    { "long-text", NUDGE_TEST_FUNC (test_long_text) },
    { "default-time", NUDGE_TEST_FUNC (test_default_time) },
    { "save", NUDGE_TEST_FUNC (test_save) },
    { "empty", NUDGE_TEST_FUNC (test_empty) },
  };

  g_setenv ("TZ", TZID, TRUE);
  g_setenv ("LC_ALL", "C", TRUE);
  tzset ();
  g_test_init (&argc, &argv, NULL);

  nudge_test_add_table ("/core/capture/", Fixture, fixture_set_up, nudge_test_book_tear_down, cases);
  return g_test_run ();
}
