/* nudge-import-records.c — one row of an import as a company, a
 * contact (with every e-mail and phone) or an activity in the timeline;
 * what the rows of every kind read (dates, names, values quoted in
 * errors); deals are in nudge-import-deals.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nudge-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nudge-clock.h"
#include "nudge-import-private.h"
#include "nudge-records.h"
#include "nudge-store-private.h"

/* A value quoted in a message: long ones are cut, so a 10 MB field makes
 * a one-line message. */
char *
nudge_import_shorten (const char *text)
{
  g_autofree char *start = NULL;

  /* 400 bytes hold at least 100 characters */
  if (g_utf8_strlen (text, 400) <= 80)
    return g_strdup (text);
  start = g_utf8_substring (text, 0, 79);
  return g_strconcat (start, "…", NULL);
}

/* The notes a row brings to a record that has @stored: NULL when they
 * add nothing (empty, or already there), the row's own when they extend
 * the stored ones, else both. What the seller wrote in the app is never
 * replaced. */
char *
nudge_import_merge_notes (const char *row_value,
                          const char *stored)
{
  if (row_value == NULL || *row_value == '\0' || (stored != NULL && strstr (stored, row_value) != NULL))
    return NULL;
  if (stored == NULL || *stored == '\0' || g_str_has_prefix (row_value, stored))
    return g_strdup (row_value);
  return g_strconcat (stored, "\n\n", row_value, NULL);
}

/* The error of a value the file gave, @text shortened into @format's
 * "%s" (“…” is not a date) */
void
nudge_import_set_text_error (GError     **error,
                             int          code,
                             const char  *format,
                             const char  *text)
{
  g_autofree char *shown = nudge_import_shorten (text);

  g_set_error (error, NUDGE_STORE_ERROR, code, format, shown);
}

/* Names to ids, case-insensitive, read once: looking each row's company
 * up in SQL would scan the table for every row of a big file. */
GHashTable *
nudge_import_load_names (NudgeStore  *store,
                         const char  *sql)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (store, sql, NULL)))
    return names;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char *key = g_utf8_casefold ((const char *) sqlite3_column_text (stmt, 1), -1);
      gint64 id = sqlite3_column_int64 (stmt, 0);

      /* The oldest record of a name wins. */
      if (!g_hash_table_contains (names, key))
        g_hash_table_insert (names, key, g_memdup2 (&id, sizeof id));
      else
        g_free (key);
    }
  sqlite3_reset (stmt);
  return names;
}

gint64
nudge_import_lookup_name (GHashTable *names,
                          const char *name)
{
  g_autofree char *key = g_utf8_casefold (name, -1);
  gint64 *id = g_hash_table_lookup (names, key);

  return id ? *id : 0;
}

/* "3.12.2026", "03.12.2026" or "3. 12. 2026", as Czech, Polish and
 * Ukrainian spreadsheets write a day, perhaps with a time after it: the
 * day always comes first. g_date_set_parse() would read the numbers in
 * the order of the user's locale, and under an English one take 3.12.
 * for March 12, with no error. Returns what follows the year (a time,
 * or ""), or NULL when @text is not such a date. */
static const char *
parse_dotted_date (const char *text,
                   int        *y,
                   int        *m,
                   int        *d)
{
  const char *p = text;
  int parts[3];

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      const char *start;

      while (*p == ' ')
        p++;
      start = p;
      parts[i] = 0;
      while (g_ascii_isdigit (*p) && p - start < 4)
        parts[i] = parts[i] * 10 + (*p++ - '0');
      /* One or two digits of a day and a month, four of a year */
      if (p == start || (i < 2 && p - start > 2) || (i == 2 && p - start != 4))
        return NULL;
      if (i < 2 && *p++ != '.')
        return NULL;
    }
  if (*p != '\0' && *p != ' ')
    return NULL;
  *d = parts[0];
  *m = parts[1];
  *y = parts[2];
  return p;
}

/* ISO dates as they are; day-first dates with dots (see
 * parse_dotted_date()); otherwise the user's own short date format
 * (what the List view exported before it wrote ISO dates), e.g.
 * 11/22/26. */
char *
nudge_import_parse_date (const char  *text,
                         GError     **error)
{
  GDate date;
  int y, m, d, n;
  char rest;

  g_date_clear (&date, 1);
  n = sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &rest);
  if ((n == 3 || (n == 4 && (rest == ' ' || rest == 'T'))) && g_date_valid_dmy (d, m, y))
    g_date_set_dmy (&date, d, m, y);
  else if (parse_dotted_date (text, &y, &m, &d) != NULL)
    {
      /* 31.2.2026 is no day, not a day of some other month */
      if (g_date_valid_dmy (d, m, y))
        g_date_set_dmy (&date, d, m, y);
    }
  else
    g_date_set_parse (&date, text);

  if (!g_date_valid (&date))
    {
      nudge_import_set_text_error (error, NUDGE_STORE_ERROR_INVALID, _("“%s” is not a date"), text);
      return NULL;
    }
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

gint64
nudge_import_company_row (const ImportRows   *rows,
                          const char * const *v,
                          GError            **error)
{
  g_autoptr(NudgeCompany) company = NULL;
  GError *local_error = NULL;
  gint64 id;

  /* The company of that name or website, brought up to date */
  if ((id = nudge_import_match_company_row (rows->match, v, &local_error)) > 0 || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return id;
    }
  company = nudge_company_new ();
  g_object_set (company, "name", v[FIELD_NAME], "industry", v[FIELD_INDUSTRY],
                "website", v[FIELD_WEBSITE], "phone", v[FIELD_PHONE], "email", v[FIELD_EMAIL],
                "notes", v[FIELD_NOTES], NULL);
  if (nudge_import_match_is_virtual (rows->match))
    id = nudge_import_match_add_virtual_company (rows->match, company, error);
  else
    id = nudge_store_save_company (rows->store, company, error);
  if (id > 0)
    nudge_import_match_add_company (rows->match, id, v[FIELD_NAME], v[FIELD_WEBSITE]);
  return id;
}

void
nudge_import_channel_free (gpointer data)
{
  Channel *channel = data;

  g_free (channel->label);
  g_free (channel->value);
  g_free (channel);
}

/* Adds @channel to the contact's e-mail addresses or phone numbers, at
 * @position among them */
gboolean
nudge_import_save_channel (NudgeStore     *store,
                           gint64          contact_id,
                           const Channel  *channel,
                           int             position,
                           GError        **error)
{
  static const char sql[] =
    "INSERT INTO contact_channel (contact_id, kind, label, value, position) VALUES (?1, ?2, ?3, ?4, ?5)";
  sqlite3_stmt *stmt;

  if (!(stmt = nudge_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  nudge_sql_bind_text (stmt, 2, channel->kind == FIELD_EMAIL ? "email" : "phone");
  nudge_sql_bind_text (stmt, 3, channel->label);
  nudge_sql_bind_text (stmt, 4, channel->value);
  sqlite3_bind_int (stmt, 5, position);
  return nudge_store_step_done (store, stmt, error);
}

gboolean
nudge_import_save_contact_extras (NudgeStore  *store,
                                  gint64       contact_id,
                                  const char  *birthday,
                                  const char  *address,
                                  const char  *website,
                                  GError     **error)
{
  static const char update_sql[] =
    "UPDATE contact SET birthday = ?2, address = ?3, website = ?4 WHERE id = ?1";
  sqlite3_stmt *stmt;

  if (!nudge_check_text (_("Address"), address, NUDGE_MAX_SHORT_CHARS, FALSE, error) ||
      !nudge_check_text (_("Website"), website, NUDGE_MAX_URL_CHARS, FALSE, error) ||
      !(stmt = nudge_store_prepare (store, update_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  nudge_sql_bind_text (stmt, 2, birthday);
  nudge_sql_bind_text (stmt, 3, address);
  nudge_sql_bind_text (stmt, 4, website);
  if (!nudge_store_step_done (store, stmt, error))
    return FALSE;
  nudge_store_queue_change (store, NUDGE_ENTITY_CONTACT, contact_id, NUDGE_CHANGE_UPDATED);
  return TRUE;
}

/* "* Work", "Mobile", "cell": the label Nudge shows; a starred (Google)
 * or work value comes first as the primary one. */
static char *
channel_label (const char *text,
               int        *rank)
{
  g_autofree char *folded = NULL;
  gboolean starred = FALSE;

  while (*text == '*' || *text == ' ')
    {
      starred |= *text == '*';
      text++;
    }
  folded = g_utf8_casefold (text, -1);
  g_strstrip (folded);
  if (g_str_equal (folded, "work") || g_str_equal (folded, "business"))
    *rank = 0;
  else if (g_str_equal (folded, "mobile") || g_str_equal (folded, "cell"))
    {
      *rank = 1;
      g_free (folded);
      folded = g_strdup ("mobile");
    }
  else if (g_str_equal (folded, "home"))
    *rank = 3;
  else
    *rank = 2;
  if (g_str_equal (folded, "business"))
    {
      g_free (folded);
      folded = g_strdup ("work");
    }
  if (starred)
    *rank = -1;
  return g_steal_pointer (&folded);
}

void
nudge_import_add_channels (GPtrArray  *channels,
                           Field       kind,
                           const char *label,
                           const char *value,
                           const char *separator)
{
  g_auto(GStrv) parts = NULL;
  int rank = 2;
  g_autofree char *shown_label = label != NULL ? channel_label (label, &rank) : g_strdup ("");

  if (separator != NULL)
    parts = g_strsplit (value, separator, -1);
  else
    parts = g_strsplit (value, "\n", 1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      Channel *channel;

      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      channel = g_new0 (Channel, 1);
      channel->kind = kind;
      channel->label = g_strdup (shown_label);
      channel->value = g_strdup (parts[i]);
      /* A second value of the same cell is not the primary one. */
      channel->rank = i == 0 ? rank : MAX (rank, 2);
      g_ptr_array_add (channels, channel);
    }
}

/* Address parts, or a formatted address on several lines, on one line */
void
nudge_import_append_address (GString    *address,
                             const char *part)
{
  g_auto(GStrv) lines = g_strsplit_set (part, "\r\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] == '\0')
        continue;
      if (address->len > 0)
        g_string_append (address, ", ");
      g_string_append (address, lines[i]);
    }
}

static const Channel *
primary_channel (GPtrArray *channels,
                 Field      kind)
{
  const Channel *best = NULL;

  for (guint i = 0; i < channels->len; i++)
    {
      const Channel *channel = g_ptr_array_index (channels, i);

      if (channel->kind == kind && (best == NULL || channel->rank < best->rank))
        best = channel;
    }
  return best;
}

/* The name shown: the display name, the full name, or the parts */
static char *
compose_name (const char * const *v)
{
  g_autoptr(GString) name = NULL;
  const Field parts[] = { FIELD_FIRST_NAME, FIELD_MIDDLE_NAME, FIELD_LAST_NAME };

  if (*v[FIELD_DISPLAY_NAME] != '\0')
    return g_strdup (v[FIELD_DISPLAY_NAME]);
  if (*v[FIELD_NAME] != '\0')
    return g_strdup (v[FIELD_NAME]);
  name = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (*v[parts[i]] != '\0')
      g_string_append_printf (name, "%s%s", name->len > 0 ? " " : "", v[parts[i]]);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* A birthday as an ISO date, or "--MM-DD" without the year. Outlook
 * writes "0.0.00" for none; a date in no known form is kept as written
 * rather than lost. */
static char *
compose_birthday (const char * const *v)
{
  int y = 0, m = 0, d = 0;
  const char *text = v[FIELD_BIRTHDAY];

  if (*v[FIELD_BIRTH_MONTH] != '\0' && *v[FIELD_BIRTH_DAY] != '\0')
    {
      y = atoi (v[FIELD_BIRTH_YEAR]);
      m = atoi (v[FIELD_BIRTH_MONTH]);
      d = atoi (v[FIELD_BIRTH_DAY]);
      if (m < 1 || m > 12 || d < 1 || d > 31)
        return g_strdup ("");
      if (y > 0)
        return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
      return g_strdup_printf ("--%02d-%02d", m, d);
    }
  if (*text == '\0' || strspn (text, "0./- ") == strlen (text) ||
      g_str_equal (text, "1/0/00") || g_str_equal (text, "0/0/00"))
    return g_strdup ("");
  if (sscanf (text, "--%2d-%2d", &m, &d) == 2 && m >= 1 && m <= 12 && d >= 1 && d <= 31)
    return g_strdup_printf ("--%02d-%02d", m, d);
  {
    g_autofree char *iso = nudge_import_parse_date (text, NULL);
    const char *end = NULL;

    if (iso != NULL)
      return g_steal_pointer (&iso);
    /* 40 bytes at most, never half a character */
    g_utf8_validate (text, MIN (strlen (text), 40), &end);
    return g_strndup (text, end - text);
  }
}

/* A date in any form nudge_import_parse_date() knows, as its year,
 * month and day */
static gboolean
parse_date_parts (const char  *text,
                  int         *y,
                  int         *m,
                  int         *d,
                  GError     **error)
{
  g_autofree char *iso = nudge_import_parse_date (text, error);

  return iso != NULL && sscanf (iso, "%d-%d-%d", y, m, d) == 3;
}

/* @hour:@minute on @y-@m-@d in the user's zone; 0 and an error naming
 * @text, the date as the file gave it, when there is no such day. */
static gint64
local_moment (const char  *text,
              int          y,
              int          m,
              int          d,
              int          hour,
              int          minute,
              GError     **error)
{
  g_autoptr(GDateTime) moment = NULL;

  if (!g_date_valid_dmy (d, m, y) ||
      !(moment = nudge_clock_local_new (y, m, d, hour, minute, 0)))
    {
      nudge_import_set_text_error (error, NUDGE_STORE_ERROR_INVALID, _("“%s” is not a date"), text);
      return 0;
    }
  return g_date_time_to_unix (moment);
}

/* LinkedIn's "14 Nov 2023", or a date in any form
 * nudge_import_parse_date() knows, as noon of that day in the user's
 * zone. */
static gint64
parse_day (const char  *text,
           GError     **error)
{
  static const char *months[] = { "jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec" };
  char month[4] = { 0 };
  int y = 0, m = 0, d = 0;

  if (sscanf (text, "%2d %3s %4d", &d, month, &y) == 3)
    for (guint i = 0; i < G_N_ELEMENTS (months); i++)
      if (g_ascii_strcasecmp (month, months[i]) == 0)
        m = i + 1;
  if (m == 0 && !parse_date_parts (text, &y, &m, &d, error))
    return 0;
  return local_moment (text, y, m, d, 12, 0, error);
}

static gboolean
check_channel (const Channel  *channel,
               GError        **error)
{
  g_autofree char *shown = nudge_import_shorten (channel->value);

  if (channel->kind == FIELD_EMAIL)
    {
      const char *at = strchr (channel->value, '@');

      if (g_utf8_strlen (channel->value, -1) > NUDGE_MAX_EMAIL_CHARS || at == NULL ||
          at == channel->value || strchr (at + 1, '.') == NULL ||
          strchr (channel->value, ' ') != NULL || strchr (at + 1, '@') != NULL)
        return nudge_fail_invalid (error, _("“%s” is not an e-mail address"), shown);
      return TRUE;
    }
  if (g_utf8_strlen (channel->value, -1) > NUDGE_MAX_PHONE_CHARS ||
      strspn (channel->value, "0123456789 +-()./") != strlen (channel->value))
    return nudge_fail_invalid (error, _("“%s” is not a phone number (digits, spaces and + - ( ) only)"), shown);
  return TRUE;
}

static gboolean
save_contact_extras (NudgeStore          *store,
                     gint64               contact_id,
                     const char * const  *v,
                     ContactExtras       *extras,
                     GError             **error)
{
  g_autofree char *birthday = compose_birthday (v);
  const char *address = extras->work_address->len > 0 ? extras->work_address->str : extras->home_address->str;

  if ((*birthday != '\0' || *address != '\0' || *v[FIELD_WEBSITE] != '\0') &&
      !nudge_import_save_contact_extras (store, contact_id, birthday, address, v[FIELD_WEBSITE], error))
    return FALSE;
  for (guint i = 0; i < extras->channels->len; i++)
    if (!nudge_import_save_channel (store, contact_id, g_ptr_array_index (extras->channels, i), i, error))
      return FALSE;
  return TRUE;
}

gint64
nudge_import_contact_row (const ImportRows   *rows,
                          const char * const *v,
                          ContactExtras      *extras,
                          GError            **error)
{
  g_autoptr(NudgeContact) contact = nudge_contact_new ();
  g_autofree char *name = compose_name (v);
  const Channel *primary_email = primary_channel (extras->channels, FIELD_EMAIL);
  const Channel *primary_phone = primary_channel (extras->channels, FIELD_PHONE);
  g_autofree char *email = g_strdup (primary_email ? primary_email->value : "");
  g_autofree char *phone = g_strdup (primary_phone ? primary_phone->value : "");
  g_autofree char *birthday = compose_birthday (v);
  const char *address = extras->work_address->len > 0 ? extras->work_address->str : extras->home_address->str;
  gint64 company_id, id, connected_on = 0;
  ContactRow row;

  /* Address books keep people known only by an address or a number
   * (Google's "Other contacts"); a plain spreadsheet needs its names. */
  if (*name == '\0' && rows->known_format && (*email != '\0' || *phone != '\0'))
    {
      g_free (name);
      name = g_strdup (*email != '\0' ? email : phone);
    }
  for (guint i = 0; i < extras->channels->len; i++)
    if (!check_channel (g_ptr_array_index (extras->channels, i), error))
      return 0;
  if (*v[FIELD_CONNECTED_ON] != '\0' && !(connected_on = parse_day (v[FIELD_CONNECTED_ON], error)))
    return 0;
  if (!nudge_import_match_company_for (rows->match, v[FIELD_COMPANY], &company_id, error))
    return 0;
  row = (ContactRow) { v, extras, name, company_id, email, phone, birthday, address };
  /* A plain spreadsheet has one e-mail and one phone column: the
   * contact's own are all there is, and a big file is not slowed by a
   * second row (and a search update) per value. */
  if (!rows->known_format)
    g_ptr_array_set_size (extras->channels, 0);
  /* The contact the row is about, if the book has it already */
  {
    GError *local_error = NULL;

    if ((id = nudge_import_match_contact (rows->match, &row, &local_error)) > 0 ||
        local_error != NULL)
      {
        if (local_error != NULL)
          g_propagate_error (error, local_error);
        return id;
      }
  }
  /* A row that finds its contact by e-mail or phone may leave the name
   * out; a new contact needs one. */
  if (*name == '\0')
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID, _("The name is empty"));
      return 0;
    }
  g_object_set (contact, "name", name, "company-id", company_id,
                "email", email, "phone", phone,
                "title", v[FIELD_JOB_TITLE], "source", v[FIELD_SOURCE], "tags", v[FIELD_TAGS],
                "notes", v[FIELD_NOTES], NULL);
  /* A dry run checks and counts, and writes nothing */
  if (nudge_import_match_is_virtual (rows->match))
    {
      if (!(id = nudge_import_match_add_virtual_contact (rows->match, contact, &row, error)))
        return 0;
      nudge_import_match_add_contact (rows->match, id, name, v[FIELD_COMPANY], extras, email, phone);
      return id;
    }
  if (!(id = nudge_store_save_contact (rows->store, contact, error)))
    return 0;
  if (!save_contact_extras (rows->store, id, v, extras, error))
    return 0;
  nudge_import_match_add_contact (rows->match, id, name, v[FIELD_COMPANY], extras, email, phone);

  /* The day a LinkedIn connection was made is the first interaction. */
  if (connected_on != 0)
    {
      g_autoptr(NudgeActivity) activity = nudge_activity_new ();

      g_object_set (activity, "kind", "note", "direction", NUDGE_DIRECTION_OUT,
                    "occurred-at", connected_on, "contact-id", id, "company-id", company_id,
                    "summary", _("Connected on LinkedIn"), "origin", "import", NULL);
      if (!nudge_store_add_activity (rows->store, activity, error))
        return 0;
    }
  return id;
}

/* Pipedrive's activity types, and the words of a seller's own log in
 * Czech, Polish and Ukrainian, as Nudge's kinds (compared as
 * nudge_import_normalize_header() leaves them) */
static const struct
{
  const char *kind;
  const char *words;
} activity_kinds[] = {
  { "call", "call|hovor|telefonát|telefon|rozmowa|дзвінок" },
  { "meeting", "meeting|lunch|schůzka|oběd|spotkanie|зустріч" },
  { "email", "email|mail|wiadomość|лист" },
  { "demo", "demo|prezentace|prezentacja|демо|презентація" },
  { "note", "note|poznámka|notatka|нотатка|примітка" },
};

static const char *
activity_kind (const char *type)
{
  g_autofree char *key = nudge_import_normalize_header (type);

  for (guint i = 0; i < G_N_ELEMENTS (activity_kinds); i++)
    {
      g_auto(GStrv) words = g_strsplit (activity_kinds[i].words, "|", -1);

      for (guint w = 0; words[w] != NULL; w++)
        if (g_str_equal (key, words[w]))
          return activity_kinds[i].kind;
    }
  return *key == '\0' ? "note" : "task";
}

/* "2026-11-02", "2026-11-02 10:15:00", "2.11.2026 10:15" or a date and
 * a time apart, in the user's zone; noon when no time is given. */
static gint64
parse_moment (const char  *date,
              const char  *time,
              GError     **error)
{
  int y, m, d, hour = 12, minute = 0;
  const char *clock = time;
  const char *rest;

  if (sscanf (date, "%4d-%2d-%2d", &y, &m, &d) == 3)
    {
      if (*clock == '\0' && strlen (date) > 10)
        clock = date + 11;
    }
  /* "3.12.2026 14:30": a spreadsheet's date and time in one cell */
  else if ((rest = parse_dotted_date (date, &y, &m, &d)) != NULL)
    {
      while (*rest == ' ')
        rest++;
      if (*clock == '\0')
        clock = rest;
    }
  else if (!parse_date_parts (date, &y, &m, &d, error))
    return 0;
  if (*clock != '\0' && (sscanf (clock, "%2d:%2d", &hour, &minute) != 2 ||
                         hour < 0 || hour > 23 || minute < 0 || minute > 59))
    {
      nudge_import_set_text_error (error, NUDGE_STORE_ERROR_INVALID, _("“%s” is not a time"), clock);
      return 0;
    }
  return local_moment (date, y, m, d, hour, minute, error);
}

static gboolean
lookup_owner (GHashTable  *names,
              const char  *name,
              const char  *message,
              gint64      *out_id,
              GError     **error)
{
  *out_id = 0;
  if (*name == '\0')
    return TRUE;
  if ((*out_id = nudge_import_lookup_name (names, name)) > 0)
    return TRUE;
  nudge_import_set_text_error (error, NUDGE_STORE_ERROR_NOT_FOUND, message, name);
  return FALSE;
}

/* A call, meeting or note into the timeline of its deal, contact or
 * company; one marked not done ("To do") becomes a follow-up. */
gint64
nudge_import_activity_row (const ImportRows   *rows,
                           const char * const *v,
                           gboolean           *out_followup,
                           GError            **error)
{
  g_autofree char *done = nudge_import_normalize_header (v[FIELD_DONE]);
  gint64 company_id, contact_id, deal_id, when;
  gboolean is_done;

  *out_followup = FALSE;
  if (*v[FIELD_TITLE] == '\0' && *v[FIELD_NOTES] == '\0')
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("The activity has neither a subject nor a note"));
      return 0;
    }
  if (!lookup_owner (rows->companies, v[FIELD_COMPANY], _("There is no company “%s”; import the companies first"),
                     &company_id, error) ||
      !lookup_owner (rows->contacts, v[FIELD_CONTACT], _("There is no contact “%s”; import the contacts first"),
                     &contact_id, error) ||
      !lookup_owner (rows->deals, v[FIELD_DEAL], _("There is no deal “%s”; import the deals first"),
                     &deal_id, error))
    return 0;
  if (company_id == 0 && contact_id == 0 && deal_id == 0)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("The activity names no deal, contact or company"));
      return 0;
    }
  if (*v[FIELD_DATE] == '\0')
    when = nudge_clock_now ();
  else if (!(when = parse_moment (v[FIELD_DATE], v[FIELD_TIME], error)))
    return 0;
  /* Not done, in English, Czech, Polish and Ukrainian */
  is_done = !(g_str_equal (done, "todo") || g_str_equal (done, "0") || g_str_equal (done, "no") ||
              g_str_equal (done, "false") || g_str_equal (done, "notdone") || g_str_equal (done, "open") ||
              g_str_equal (done, "ne") || g_str_equal (done, "nie") || g_str_equal (done, "ні") ||
              g_str_equal (done, "otevřeno") || g_str_equal (done, "otwarte") || g_str_equal (done, "відкрито"));

  if (!is_done)
    {
      g_autoptr(NudgeFollowup) followup = nudge_followup_new ();
      const char *kind = activity_kind (v[FIELD_KIND]);

      *out_followup = TRUE;
      g_object_set (followup, "title", *v[FIELD_TITLE] != '\0' ? v[FIELD_TITLE] : v[FIELD_NOTES],
                    "kind", g_str_equal (kind, "note") ? "task" : kind, "due-at", when,
                    "notes", *v[FIELD_TITLE] != '\0' ? v[FIELD_NOTES] : "",
                    "deal-id", deal_id, "contact-id", contact_id, NULL);
      return nudge_store_save_followup (rows->store, followup, error);
    }
  {
    g_autoptr(NudgeActivity) activity = nudge_activity_new ();

    g_object_set (activity, "kind", activity_kind (v[FIELD_KIND]), "direction", NUDGE_DIRECTION_OUT,
                  "occurred-at", when, "deal-id", deal_id, "contact-id", contact_id,
                  "company-id", company_id, "summary", v[FIELD_TITLE], "body", v[FIELD_NOTES],
                  "origin", "import", NULL);
    return nudge_store_add_activity (rows->store, activity, error);
  }
}

