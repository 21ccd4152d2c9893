/* test-import.c — companies, contacts and deals from CSV, all or nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "nudge-import.h"
#include "nudge-records.h"
#include "nudge-store.h"

typedef struct
{
  char       *dir;
  char       *path;
  NudgeStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("nudge-import-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "nudge.db", NULL);
  f->store = nudge_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (f->path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static guint
count (Fixture     *f,
       NudgeEntity  entity)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  if (entity == NUDGE_ENTITY_COMPANY)
    rows = nudge_store_list_companies (f->store, &error);
  else if (entity == NUDGE_ENTITY_CONTACT)
    rows = nudge_store_list_contacts (f->store, &error);
  else
    rows = nudge_store_list_deals (f->store, &error);
  g_assert_no_error (error);
  return rows->len;
}

static gboolean
import (Fixture            *f,
        NudgeEntity         entity,
        const char         *text,
        NudgeImportResult  *result,
        GError            **error)
{
  return nudge_import_csv (f->store, entity, text, strlen (text), "CZK", result, error);
}

/* Excel in Czech: a BOM, ";" between fields, CRLF; quotes doubled inside
 * quoted fields, a line break inside one; columns in any order, one that
 * Nudge has no field for. */
static void
test_contacts (Fixture       *f,
               gconstpointer  data)
{
  static const char csv[] =
    "\xEF\xBB\xBF" "E-mail;Full name;Company;City;Phone\r\n"
    "jana@hotelpraha.cz;Jana Nováková;Hotel Praha a.s.;Praha;+420 602 123 456\r\n"
    "\r\n"
    "petr@novak.cz;\"Novák; \"\"Petr\"\"\";hotel praha A.S.;Brno;\r\n"
    "iryna@karpaty.ua;Ірина Коваленко;ТОВ «Карпати»;\"Київ,\nвул. Хрещатик\";+380 44 123 4567";
  NudgeImportResult result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  NudgeContact *petr = NULL;

  g_assert_true (import (f, NUDGE_ENTITY_CONTACT, csv, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_records, ==, 3);
  /* "hotel praha A.S." is the company the first row created. */
  g_assert_cmpuint (result.n_companies_added, ==, 2);
  g_assert_cmpuint (result.ignored_columns->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (result.ignored_columns, 0), ==, "City");
  nudge_import_result_clear (&result);

  contacts = nudge_store_list_contacts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 3);
  for (guint i = 0; i < contacts->len; i++)
    if (g_str_has_prefix (nudge_contact_get_name (g_ptr_array_index (contacts, i)), "Novák"))
      petr = g_ptr_array_index (contacts, i);
  g_assert_nonnull (petr);
  g_assert_cmpstr (nudge_contact_get_name (petr), ==, "Novák; \"Petr\"");
  g_assert_cmpstr (nudge_contact_get_email (petr), ==, "petr@novak.cz");
  g_assert_cmpstr (nudge_contact_get_company_name (petr), ==, "Hotel Praha a.s.");
  g_assert_cmpuint (count (f, NUDGE_ENTITY_COMPANY), ==, 2);
}

/* A bad row stops the import with its line number, and nothing of the
 * file stays, not even the companies earlier rows created. */
static void
test_all_or_nothing (Fixture       *f,
                     gconstpointer  data)
{
  static const struct { const char *csv; const char *message; } bad[] = {
    { "name,phone,company\nA One,123,New Co\nB Two,call me maybe,Other Co\n", "Line 3: " },
    { "name,notes\nA One,\"never closed\nB Two,x\n", "Line 2: a quoted field is not closed" },
    { "name,email\nA One,a@x.cz,extra\n", "Line 2 has 3 fields; the header has 2" },
    { "name,email\nA One,a@\"x\".cz\n", "Line 2: a quote inside" },
    { "email,phone\na@x.cz,123\n", "no “Name” column" },
    { "name\n", "at least one row" },
    { "name,company\n,Orphan Co\n", "Line 2: The name is empty" },
    { "name\n\x81\x8d broken\n", "Line 2 is neither UTF-8 nor Windows-1252" },
    /* Two exports pasted together: UTF-8 rows, then a Windows-1250 one. */
    { "name\nJana Nov\xc3\xa1kov\xc3\xa1\nPetr Nov\xe1k\n", "Line 3 is not UTF-8 text while the rest" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      NudgeImportResult result = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_false (import (f, NUDGE_ENTITY_CONTACT, bad[i].csv, &result, &error));
      g_assert_nonnull (error);
      if (strstr (error->message, bad[i].message) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, bad[i].message);
      g_assert_cmpuint (result.n_records, ==, 0);
      nudge_import_result_clear (&result);
      g_assert_cmpuint (count (f, NUDGE_ENTITY_CONTACT), ==, 0);
      g_assert_cmpuint (count (f, NUDGE_ENTITY_COMPANY), ==, 0);
    }
}

/* Excel's "CSV" in Czech is Windows-1250: read in the code page of the
 * user's language, and said so. */
static void
test_legacy_encoding (Fixture       *f,
                      gconstpointer  data)
{
  static const char csv[] = "Name;Company\nJana Nov\xe1kov\xe1;Stroj\xedrny P\xf8" "erov\n";
  NudgeImportResult result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;

  g_setenv ("LANGUAGE", "cs", TRUE);
  g_assert_true (import (f, NUDGE_ENTITY_CONTACT, csv, &result, &error));
  g_unsetenv ("LANGUAGE");
  g_assert_no_error (error);
  g_assert_cmpstr (result.converted_from, ==, "WINDOWS-1250");
  nudge_import_result_clear (&result);

  contacts = nudge_store_list_contacts (f->store, &error);
  g_assert_cmpuint (contacts->len, ==, 1);
  g_assert_cmpstr (nudge_contact_get_name (g_ptr_array_index (contacts, 0)), ==, "Jana Nováková");
  g_assert_cmpstr (nudge_contact_get_company_name (g_ptr_array_index (contacts, 0)), ==, "Strojírny Přerov");
}

/* A 10 MB note is refused with the field's limit; the store is unharmed. */
static void
test_huge_field (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("Name,Notes\nFine Co,short\nBig Co,");
  NudgeImportResult result = { 0 };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 10 * 1024 * 1024 / 8; i++)
    g_string_append (csv, "abcdefg ");
  g_string_append_c (csv, '\n');

  g_assert_false (nudge_import_csv (f->store, NUDGE_ENTITY_COMPANY, csv->str, csv->len, "CZK", &result, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_TOO_LONG);
  g_assert_true (g_str_has_prefix (error->message, "Line 3: "));
  nudge_import_result_clear (&result);
  g_assert_cmpuint (count (f, NUDGE_ENTITY_COMPANY), ==, 0);
}

static gboolean
import_file (Fixture            *f,
             const char         *path,
             NudgeImportResult  *result,
             GError            **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return nudge_import_csv_file (f->store, NUDGE_ENTITY_CONTACT, file, "CZK", NULL, result, error);
}

/* Endless or huge input is refused by the size limit while it is read,
 * before it is held in memory; nothing is added. */
static void
test_size_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *huge = g_build_filename (f->dir, "huge.csv", NULL);
  NudgeImportResult result = { 0 };
  g_autoptr(GError) error = NULL;
  int fd;

  g_assert_false (import_file (f, "/dev/zero", &result, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "64 MB"));
  nudge_import_result_clear (&result);
  g_clear_error (&error);

  /* One byte over the limit: a sparse file, refused by its size */
  fd = g_open (huge, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "Name\nJan\n", 9), ==, 9);
  g_assert_cmpint (ftruncate (fd, NUDGE_IMPORT_MAX_BYTES + 1), ==, 0);
  close (fd);
  g_assert_false (import_file (f, huge, &result, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_TOO_LONG);
  nudge_import_result_clear (&result);
  g_clear_error (&error);
  g_unlink (huge);

  g_assert_cmpuint (count (f, NUDGE_ENTITY_CONTACT), ==, 0);
}

typedef struct
{
  char       *path;
  const char *text;
  gsize       repeat;   /* times @text is written */
} FifoWriter;

static gpointer
write_fifo (gpointer data)
{
  FifoWriter *w = data;
  int fd = g_open (w->path, O_WRONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  for (gsize i = 0; i < w->repeat; i++)
    if (write (fd, w->text, strlen (w->text)) < 0)
      break;  /* the reader gave up: EPIPE */
  close (fd);
  return NULL;
}

/* A FIFO is read to its end like a file, and refused at the limit when
 * it goes on for ever. */
static void
test_fifo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "contacts.fifo", NULL);
  FifoWriter small = { path, "Name,E-mail\nJana Nováková,jana@example.cz\n", 1 };
  g_autoptr(GString) rows = g_string_new ("Name,Notes\n");
  FifoWriter endless = { path, NULL, G_MAXSIZE };
  NudgeImportResult result = { 0 };
  g_autoptr(GError) error = NULL;
  GThread *thread;

  while (rows->len < 64 * 1024)
    g_string_append (rows, "Jan,Jan\n");
  endless.text = rows->str;

  signal (SIGPIPE, SIG_IGN);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);

  thread = g_thread_new ("fifo", write_fifo, &small);
  g_assert_true (import_file (f, path, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_records, ==, 1);
  nudge_import_result_clear (&result);
  g_thread_join (thread);

  thread = g_thread_new ("fifo", write_fifo, &endless);
  g_assert_false (import_file (f, path, &result, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_TOO_LONG);
  nudge_import_result_clear (&result);
  g_thread_join (thread);
  g_unlink (path);

  g_assert_cmpuint (count (f, NUDGE_ENTITY_CONTACT), ==, 1);
}

/* A file that never breaks its first line: refused by the column limit,
 * or as a header without the name column, promptly. */
static void
test_no_newline (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("Name,");
  NudgeImportResult result = { 0 };
  g_autoptr(GError) error = NULL;

  while (csv->len < 8 * 1024 * 1024)
    g_string_append (csv, "a,");
  g_assert_false (nudge_import_csv (f->store, NUDGE_ENTITY_CONTACT, csv->str, csv->len, "CZK", &result, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_TOO_LONG);
  g_assert_true (g_str_has_prefix (error->message, "Line 1 "));
  nudge_import_result_clear (&result);
  g_clear_error (&error);

  /* Exactly NUDGE_IMPORT_MAX_COLUMNS columns are fine */
  g_string_assign (csv, "Name");
  for (guint i = 1; i < NUDGE_IMPORT_MAX_COLUMNS; i++)
    g_string_append_printf (csv, ",Extra %u", i);
  g_string_append (csv, "\nJan Novák\n");
  g_assert_true (nudge_import_csv (f->store, NUDGE_ENTITY_CONTACT, csv->str, csv->len, "CZK", &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.ignored_columns->len, ==, NUDGE_IMPORT_MAX_COLUMNS - 1);
  nudge_import_result_clear (&result);

  /* 60 MB without a separator: one column name, shown cut */
  g_string_assign (csv, "");
  while (csv->len < 60 * 1024 * 1024)
    g_string_append (csv, "abcdefghij");
  g_assert_false (nudge_import_csv (f->store, NUDGE_ENTITY_CONTACT, csv->str, csv->len, "CZK", &result, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_assert_cmpuint (result.ignored_columns->len, ==, 1);
  g_assert_cmpuint (g_utf8_strlen (g_ptr_array_index (result.ignored_columns, 0), -1), ==, 80);
  nudge_import_result_clear (&result);

  g_assert_cmpuint (count (f, NUDGE_ENTITY_CONTACT), ==, 1);
}

static void
test_deals (Fixture       *f,
            gconstpointer  data)
{
  static const char contacts_csv[] = "Name,Company\nJana Nováková,Hotel Praha a.s.\n";
  static const char deals_csv[] =
    "Deal,Amount,Currency,Stage,Expected Close,Company,Contact,Status\n"
    "CRM licence,\"12 500,50\",,Proposal sent,2026-12-31,Hotel Praha a.s.,jana nováková,Open\n"
    "ERP rollout,\"€1,200.00\",,,,,,Open\n"
    "Support,,PLN,,,,,Open\n";
  NudgeImportResult result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) deals = NULL;

  g_assert_true (import (f, NUDGE_ENTITY_CONTACT, contacts_csv, &result, &error));
  nudge_import_result_clear (&result);

  g_assert_true (import (f, NUDGE_ENTITY_DEAL, deals_csv, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_records, ==, 3);
  g_assert_cmpuint (result.n_companies_added, ==, 0);
  nudge_import_result_clear (&result);

  deals = nudge_store_list_deals (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deals->len, ==, 3);
  for (guint i = 0; i < deals->len; i++)
    {
      NudgeDeal *deal = g_ptr_array_index (deals, i);
      const char *title = nudge_deal_get_title (deal);

      if (g_str_equal (title, "CRM licence"))
        {
          /* No currency column value: the default one. */
          g_assert_cmpint (nudge_deal_get_amount_minor (deal), ==, 1250050);
          g_assert_cmpstr (nudge_deal_get_currency (deal), ==, "CZK");
          g_assert_cmpstr (nudge_deal_get_stage_name (deal), ==, "Proposal sent");
          g_assert_cmpstr (nudge_deal_get_expected_close (deal), ==, "2026-12-31");
          g_assert_cmpstr (nudge_deal_get_contact_name (deal), ==, "Jana Nováková");
          g_assert_cmpstr (nudge_deal_get_company_name (deal), ==, "Hotel Praha a.s.");
        }
      else if (g_str_equal (title, "ERP rollout"))
        {
          /* The symbol names the currency. */
          g_assert_cmpint (nudge_deal_get_amount_minor (deal), ==, 120000);
          g_assert_cmpstr (nudge_deal_get_currency (deal), ==, "EUR");
        }
      else
        {
          g_assert_cmpstr (title, ==, "Support");
          g_assert_false (nudge_deal_get_has_amount (deal));
          g_assert_cmpstr (nudge_deal_get_currency (deal), ==, "PLN");
        }
    }

  /* A contact that is not in the book, or a stage that is not in the
   * pipeline, stops the import. */
  g_assert_false (import (f, NUDGE_ENTITY_DEAL, "Deal,Contact\nX,Nobody Known\n", &result, &error));
  g_assert_nonnull (strstr (error->message, "Line 2: There is no contact “Nobody Known”"));
  nudge_import_result_clear (&result);
  g_clear_error (&error);
  g_assert_false (import (f, NUDGE_ENTITY_DEAL, "Deal,Stage\nX,Signed\n", &result, &error));
  g_assert_nonnull (strstr (error->message, "Line 2: "));
  nudge_import_result_clear (&result);
  g_clear_error (&error);
  g_assert_false (import (f, NUDGE_ENTITY_DEAL, "Deal,Expected close\nX,someday\n", &result, &error));
  g_assert_nonnull (strstr (error->message, "“someday” is not a date"));
  nudge_import_result_clear (&result);
  g_assert_cmpuint (count (f, NUDGE_ENTITY_DEAL), ==, 3);
}

/* What the List view exports, it imports again. */
static void
test_companies_round_trip (Fixture       *f,
                           gconstpointer  data)
{
  static const char csv[] =
    "Name,Industry,Contacts,Open Deals,Last Activity\r\n"
    "\"Kovárna Brno, s.r.o.\",Manufacturing,0,0,\r\n"
    "Apteka Zdrowie sp. z o.o.,Healthcare,0,0,\r\n";
  NudgeImportResult result = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (import (f, NUDGE_ENTITY_COMPANY, csv, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_records, ==, 2);
  g_assert_cmpuint (result.ignored_columns->len, ==, 3);
  nudge_import_result_clear (&result);
  id = nudge_store_find_company_by_name (f->store, "Kovárna Brno, s.r.o.");
  g_assert_cmpint (id, >, 0);
  {
    g_autoptr(NudgeCompany) company = nudge_store_get_company (f->store, id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (nudge_company_get_industry (company), ==, "Manufacturing");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "Europe/Prague", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  tzset ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/core/import/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("contacts", test_contacts);
  ADD ("all-or-nothing", test_all_or_nothing);
  ADD ("huge-field", test_huge_field);
  ADD ("size-limit", test_size_limit);
  ADD ("no-newline", test_no_newline);
  ADD ("legacy-encoding", test_legacy_encoding);
  ADD ("deals", test_deals);
  ADD ("companies-round-trip", test_companies_round_trip);
  /* Last: it starts threads, and the tests above set the environment */
  ADD ("fifo", test_fifo);
#undef ADD
  return g_test_run ();
}
