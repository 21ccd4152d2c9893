/* test-vcard.c — contacts in and out as vCard 3.0 and 4.0
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include "nudge-import.h"
#include "nudge-records.h"
#include "nudge-store.h"
#include "nudge-store-private.h"
#include "nudge-test-core.h"
#include "nudge-vcard.h"

typedef NudgeTestBook Fixture;

static NudgeStore *
open_store (const char *dir,
            const char *name,
            char      **out_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  NudgeStore *store = nudge_store_open (path, &error);

  g_assert_no_error (error);
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("nudge-vcard-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = open_store (f->dir, "nudge.db", &f->path);
}

static char *
sample_path (const char *name)
{
  return g_build_filename (g_getenv ("NUDGE_SOURCE_DIR"), "tests", "data", "vcard", name, NULL);
}

static gboolean
import_file (NudgeStore         *store,
             const char         *name,
             NudgeImportResult  *result,
             GError            **error)
{
  g_autofree char *path = sample_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return nudge_import_csv_file (store, NUDGE_ENTITY_CONTACT, file, "EUR", NULL, result, error);
}

static gboolean
import_text (NudgeStore         *store,
             const char         *text,
             NudgeImportResult  *result,
             GError            **error)
{
  return nudge_import_csv (store, NUDGE_ENTITY_CONTACT, text, strlen (text), "EUR", result, error);
}

/* Every contact with every field and channel, one line each, by name */
static char *
dump_contacts (NudgeStore *store)
{
  static const char sql[] =
    "SELECT c.id, c.name, COALESCE(co.name, ''), c.title, c.email, c.phone, c.notes, c.birthday,"
    " c.address, c.website FROM contact c LEFT JOIN company co ON co.id = c.company_id"
    " WHERE c.trashed_at IS NULL ORDER BY c.name";
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = nudge_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GPtrArray) channels = nudge_store_list_contact_channels (store, sqlite3_column_int64 (stmt, 0), &error);

      g_assert_no_error (error);
      for (int c = 1; c < 10; c++)
        {
          /* Line breaks inside values shown as ⏎: one line per contact */
          for (const char *p = (const char *) sqlite3_column_text (stmt, c); *p; p++)
            if (*p == '\n')
              g_string_append (out, "⏎");
            else
              g_string_append_c (out, *p);
          g_string_append_c (out, '|');
        }
      for (guint i = 0; i < channels->len; i++)
        {
          char **channel = g_ptr_array_index (channels, i);

          g_string_append_printf (out, " %s:%s:%s", channel[0], channel[1], channel[2]);
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_reset (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The dump line of the contact called @name */
static char *
contact_line (NudgeStore *store,
              const char *name)
{
  g_autofree char *dump = dump_contacts (store);
  g_auto(GStrv) lines = g_strsplit (dump, "\n", -1);
  g_autofree char *prefix = g_strconcat (name, "|", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strdup (lines[i]);
  g_error ("no contact %s in\n%s", name, dump);
}

static guint
count_contacts (NudgeStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = nudge_store_list_contacts (store, &error);

  g_assert_no_error (error);
  return rows->len;
}

static void
test_detect (void)
{
  g_assert_true (nudge_vcard_detect ("BEGIN:VCARD\r\n", 13));
  g_assert_true (nudge_vcard_detect ("\xEF\xBB\xBF\n  begin:vcard\n", 17));
  g_assert_false (nudge_vcard_detect ("Name,E-mail\nBEGIN:VCARD\n", 24));
  g_assert_false (nudge_vcard_detect ("BEGIN:VCAL", 10));
}

static void
test_read_3_0 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  NudgeImportResult result = { 0 };
  g_autofree char *jan = NULL, *agnieszka = NULL;

  g_assert_true (import_file (f->store, "contacts-3.0.vcf", &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.format_message, ==, "Read as vCard");
  g_assert_cmpuint (result.n_records, ==, 2);
  g_assert_cmpuint (result.n_companies_added, ==, 2);
  nudge_import_result_clear (&result);

  /* Groups, repeated TYPE parameters, a folded escaped note, a folded
   * base64 photo dropped, the first ORG component as the company. */
  jan = contact_line (f->store, "Jan Novák");
  g_assert_cmpstr (jan, ==,
                   "Jan Novák|Stavby Novák s.r.o.|Obchodní ředitel|jan.novak@stavby.cz|+420 222 333 444|"
                   "Zajímá se o střešní krytiny, hlavně tašky; volat po 10:00.⏎"
                   "Druhý řádek poznámky, který je dost dlouhý na zalomení do více řádků.|1980-05-02|"
                   "Vinohradská 12, Praha, 120 00, Česko|https://stavby.cz|"
                   " email:work:jan.novak@stavby.cz email:home:jan@novak.cz"
                   " phone:work:+420 222 333 444 phone:mobile:+420 777 888 999");
  /* The name built from N; "pref" makes the e-mail the primary one */
  agnieszka = contact_line (f->store, "Agnieszka Nowak");
  g_assert_cmpstr (agnieszka, ==,
                   "Agnieszka Nowak|Budowy Nowak Sp. z o.o.||agnieszka.nowak@budowy.pl|+48 22 123 45 67||--04-15|||"
                   " email:work:agnieszka.nowak@budowy.pl email:home:a.nowak@poczta.pl"
                   " phone:work:+48 22 123 45 67 phone:mobile:+48 601 234 567");
}

/* Importing the sample file @sample reads @n_records contacts, and the
 * one called @name is stored as @line says (see contact_line()). */
static void
assert_sample_reads_as (Fixture    *f,
                        const char *sample,
                        guint       n_records,
                        const char *name,
                        const char *line)
{
  g_autoptr(GError) error = NULL;
  NudgeImportResult result = { 0 };
  g_autofree char *stored = NULL;

  g_assert_true (import_file (f->store, sample, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_records, ==, n_records);
  nudge_import_result_clear (&result);
  stored = contact_line (f->store, name);
  g_assert_cmpstr (stored, ==, line);
}

static void
test_read_4_0 (Fixture       *f,
               gconstpointer  data)
{
  assert_sample_reads_as (f, "contacts-4.0.vcf", 1, "Олена Шевченко",
                          "Олена Шевченко|ТОВ «Будівельник»|Менеджерка з продажу|olena@budivelnyk.ua|+380 44 123 4567|"
                          "Говорить українською та польською.|1985-03-12|вул. Хрещатик, 1, Київ, 01001, Україна|"
                          "https://budivelnyk.ua|"
                          " email:work:olena@budivelnyk.ua email:home:olena.shevchenko@ukr.net"
                          " phone:work:+380 44 123 4567 phone:mobile:+380 67 765 4321");
}

/* N in windows-1250, a note whose soft break splits a UTF-8 sequence */
static void
test_read_quoted_printable (Fixture       *f,
                            gconstpointer  data)
{
  assert_sample_reads_as (f, "quoted-printable.vcf", 1, "Petra Dvořáková",
                          "Petra Dvořáková|||petra@dvorakova.cz|+420 603 111 222|"
                          "Poznámka: přijde v úterý, potvrdit termín schůzky v Brně u zákazníka.||||"
                          " phone:mobile:+420 603 111 222 email:work:petra@dvorakova.cz");
}

static void
test_company_matched (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeCompany) company = nudge_company_new ();
  g_autoptr(NudgeContact) contact = NULL;
  NudgeImportResult result = { 0 };
  gint64 company_id;
  g_autoptr(GPtrArray) contacts = NULL;

  g_object_set (company, "name", "STAVBY NOVÁK S.R.O.", NULL);
  company_id = nudge_store_save_company (f->store, company, &error);
  g_assert_no_error (error);

  g_assert_true (import_file (f->store, "contacts-3.0.vcf", &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_companies_added, ==, 1);
  nudge_import_result_clear (&result);
  contacts = nudge_store_list_contacts (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < contacts->len; i++)
    {
      NudgeContact *c = g_ptr_array_index (contacts, i);
      g_autofree char *name = NULL;
      gint64 id = 0;

      g_object_get (c, "name", &name, "company-id", &id, NULL);
      if (g_str_equal (name, "Jan Novák"))
        g_assert_cmpint (id, ==, company_id);
      else
        g_assert_cmpint (id, !=, company_id);
    }
}

static void
assert_refused (Fixture    *f,
                const char *text,
                const char *message_part)
{
  g_autoptr(GError) error = NULL;
  NudgeImportResult result = { 0 };

  g_assert_false (import_text (f->store, text, &result, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not name “%s”", error->message, message_part);
  g_assert_cmpuint (result.n_records, ==, 0);
  g_assert_cmpuint (count_contacts (f->store), ==, 0);
  nudge_import_result_clear (&result);
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  NudgeImportResult result = { 0 };
  g_autoptr(GPtrArray) companies = NULL;

  /* The first card is good; the second has a line without a colon. */
  g_assert_false (import_file (f->store, "malformed.vcf", &result, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Line 9 "));
  g_assert_cmpuint (count_contacts (f->store), ==, 0);
  nudge_import_result_clear (&result);
  g_clear_error (&error);

  g_assert_false (import_file (f->store, "nested.vcf", &result, &error));
  g_assert_nonnull (strstr (error->message, "Line 4:"));
  nudge_import_result_clear (&result);
  g_clear_error (&error);

  assert_refused (f, "BEGIN:VCARD\nVERSION:3.0\nFN:Jan Novák\n", "line 1 has no END:VCARD");
  assert_refused (f, "BEGIN:VCARD\nFN:A\nEND:VCARD\nFN:B\n", "Line 4 is outside");
  assert_refused (f, "BEGIN:VCARD\nVERSION:5.0\nFN:A\nEND:VCARD\n", "Line 2:");
  assert_refused (f, "BEGIN:VCARD\nFN:A\nEND:VCALENDAR\n", "Line 3 ends");
  /* A company is rolled back with its card */
  assert_refused (f, "BEGIN:VCARD\r\nFN:Jan\r\nORG:Nová firma\r\nEND:VCARD\r\n"
                     "BEGIN:VCARD\r\nFN:Eva\r\nEMAIL:not-an-address\r\nEND:VCARD\r\n",
                  "The card on line 5: ");
  assert_refused (f, "BEGIN:VCARD\nFN;CHARSET=UTF-8:\xC5\nEND:VCARD\n", "Line 2 is not UTF-8");
  /* Messages quote the file as valid UTF-8 */
  assert_refused (f, "BEGIN:VCARD\n\xEE\xEE no colon\nEND:VCARD\n", "Line 2 is not a vCard property");
  assert_refused (f, "BEGIN:VCARD\nFN;CHARSET=UTF-16:x\nEND:VCARD\n", "Line 2 is not text in UTF-16");
  assert_refused (f, "BEGIN:VCARD\nEMAIL:a@b.cz\nEND:VCARD\nBEGIN:VCARD\nEND:VCARD\n", "The name is empty");
  /* An address book is contacts, whatever list it is imported into */
  g_assert_false (nudge_import_csv (f->store, NUDGE_ENTITY_COMPANY, "BEGIN:VCARD\nFN:A\nEND:VCARD\n", 27,
                                    "EUR", &result, &error));
  g_assert_nonnull (strstr (error->message, "import it as contacts"));
  nudge_import_result_clear (&result);
  g_clear_error (&error);
  companies = nudge_store_list_companies (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (companies->len, ==, 0);
}

static void
assert_export_shape (const char *text,
                     gsize       length)
{
  const char *p = text;

  g_assert_cmpuint (strlen (text), ==, length);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCARD\r\nVERSION:4.0\r\n"));
  g_assert_true (g_str_has_suffix (text, "END:VCARD\r\n"));
  while (*p)
    {
      const char *eol = strstr (p, "\r\n");

      g_assert_nonnull (eol);
      /* 75 octets at most, and never a UTF-8 sequence cut in two */
      g_assert_cmpuint (eol - p, <=, 75);
      g_assert_true (g_utf8_validate (p, eol - p, NULL));
      g_assert_null (memchr (p, '\n', eol - p));
      p = eol + 2;
    }
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  const char *samples[] = { "contacts-3.0.vcf", "contacts-4.0.vcf", "quoted-printable.vcf" };
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeStore) copy = NULL;
  g_autoptr(NudgeContact) plain = nudge_contact_new ();
  g_autofree char *before = NULL, *after = NULL, *out = NULL, *text = NULL;
  g_autofree char *long_note = NULL;
  NudgeImportResult result = { 0 };
  gsize length = 0;
  GStatBuf st;

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_assert_true (import_file (f->store, samples[i], &result, &error));
      g_assert_no_error (error);
      nudge_import_result_clear (&result);
    }
  /* One added in Nudge itself: its e-mail and phone only, a long note
   * that folds inside Cyrillic, characters to escape. */
  {
    g_autoptr(GString) note = g_string_new (NULL);

    for (int i = 0; i < 20; i++)
      g_string_append (note, "Київ, Львів; Харків\\Одеса ");
    g_string_append (note, "\nnew line");
    long_note = g_string_free (g_steal_pointer (&note), FALSE);
  }
  g_object_set (plain, "name", "Zuzana Malá", "email", "zuzana@mala.cz", "phone", "+420 601 000 111",
                "notes", long_note, NULL);
  nudge_store_save_contact (f->store, plain, &error);
  g_assert_no_error (error);
  before = dump_contacts (f->store);

  out = g_build_filename (f->dir, "contacts.vcf", NULL);
  g_assert_true (nudge_vcard_export_to_file (f->store, NULL, out, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (out, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (out, &text, &length, &error));
  assert_export_shape (text, length);
  g_assert_nonnull (strstr (text, "\r\nEMAIL;TYPE=work;PREF=1:jan.novak@stavby.cz\r\n"));
  g_assert_nonnull (strstr (text, "\r\nTEL;TYPE=cell:+420 777 888 999\r\n"));
  g_assert_nonnull (strstr (text, "\r\nBDAY:19800502\r\n"));
  g_assert_nonnull (strstr (text, "\r\nBDAY:--0415\r\n"));
  g_assert_nonnull (strstr (text, "\r\nN:Novák;Jan;;;\r\n"));
  g_assert_nonnull (strstr (text, "\r\nNOTE:Київ\\, Львів\\; Харків\\\\Одеса"));

  copy = open_store (f->dir, "copy.db", NULL);
  {
    g_autoptr(GFile) file = g_file_new_for_path (out);

    g_assert_true (nudge_import_csv_file (copy, NUDGE_ENTITY_CONTACT, file, "EUR", NULL, &result, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (result.n_records, ==, 5);
    nudge_import_result_clear (&result);
  }
  after = dump_contacts (copy);
  /* The contact added in Nudge comes back with its e-mail and phone
   * listed as channels too; everything else is the same. */
  {
    const char *listed = " email::zuzana@mala.cz phone::+420 601 000 111";
    char *at = strstr (after, listed);

    g_assert_nonnull (at);
    memmove (at, at + strlen (listed), strlen (at + strlen (listed)) + 1);
  }
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "read-3.0", NUDGE_TEST_FUNC (test_read_3_0) },
    { "read-4.0", NUDGE_TEST_FUNC (test_read_4_0) },
    { "quoted-printable", NUDGE_TEST_FUNC (test_read_quoted_printable) },
    { "company-matched", NUDGE_TEST_FUNC (test_company_matched) },
    { "malformed", NUDGE_TEST_FUNC (test_malformed) },
    { "round-trip", NUDGE_TEST_FUNC (test_round_trip) },
  };

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("TZ", "Europe/Prague", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vcard/detect", test_detect);
  nudge_test_add_table ("/vcard/", Fixture, fixture_set_up, nudge_test_book_tear_down, cases);
  return g_test_run ();
}
