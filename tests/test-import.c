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
#include "nudge-pipeline.h"
#include "nudge-records.h"
#include "nudge-store.h"
#include "nudge-test-core.h"
#include "nudge-store-private.h"

typedef NudgeTestBook Fixture;

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

static void assert_query (Fixture    *f,
                          const char *sql,
                          const char *expected);

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
  g_assert_null (result.format_name);
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
  /* A plain spreadsheet: the one e-mail and phone are the contact's own */
  assert_query (f, "SELECT COUNT(*) FROM contact_channel", "0");
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
  g_clear_pointer (&contacts, g_ptr_array_unref);

  /* Whatever the user's language, the text tells Czech in 1250 ("Černá",
   * not "Èerná") and Ukrainian in 1251 ("Олена", not "Îëåíà"). */
  g_setenv ("LANGUAGE", "en", TRUE);
  g_assert_true (import (f, NUDGE_ENTITY_CONTACT, "Name\n\x8e" "ofie \xc8" "ern\xe1\n", &result, &error));
  g_assert_cmpstr (result.converted_from, ==, "WINDOWS-1250");
  nudge_import_result_clear (&result);
  g_setenv ("LANGUAGE", "cs", TRUE);
  g_assert_true (import (f, NUDGE_ENTITY_CONTACT, "Name\n\xce\xeb\xe5\xed\xe0 \xd8\xe5\xe2\xf7\xe5\xed\xea\xee\n",
                         &result, &error));
  g_unsetenv ("LANGUAGE");
  g_assert_no_error (error);
  g_assert_cmpstr (result.converted_from, ==, "WINDOWS-1251");
  nudge_import_result_clear (&result);
  contacts = nudge_store_list_contacts (f->store, &error);
  g_assert_cmpuint (contacts->len, ==, 3);
  g_assert_cmpstr (nudge_contact_get_name (g_ptr_array_index (contacts, 1)), ==, "Žofie Černá");
  g_assert_cmpstr (nudge_contact_get_name (g_ptr_array_index (contacts, 2)), ==, "Олена Шевченко");
}

/* Excel's "Unicode Text" (UTF-16, tabs) imports; a spreadsheet chosen
 * instead of its CSV is refused for what it is. */
static void
test_utf16_and_binary (Fixture       *f,
                       gconstpointer  data)
{
  static const char zip[] = "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml";
  g_autofree char *utf16 = NULL;
  g_autoptr(GString) with_bom = g_string_new_len ("\xff\xfe", 2);
  g_autoptr(GPtrArray) contacts = NULL;
  NudgeImportResult result = { 0 };
  g_autoptr(GError) error = NULL;
  gsize written = 0;

  utf16 = g_convert ("Name\tE-mail\r\nŽofie Černá\tzofie@example.cz\r\n", -1, "UTF-16LE", "UTF-8", NULL, &written, NULL);
  g_string_append_len (with_bom, utf16, written);
  g_assert_true (nudge_import_csv (f->store, NUDGE_ENTITY_CONTACT, with_bom->str, with_bom->len, "CZK", &result, &error));
  g_assert_no_error (error);
  nudge_import_result_clear (&result);
  contacts = nudge_store_list_contacts (f->store, &error);
  g_assert_cmpuint (contacts->len, ==, 1);
  g_assert_cmpstr (nudge_contact_get_name (g_ptr_array_index (contacts, 0)), ==, "Žofie Černá");
  g_assert_cmpstr (nudge_contact_get_email (g_ptr_array_index (contacts, 0)), ==, "zofie@example.cz");

  g_assert_false (nudge_import_csv (f->store, NUDGE_ENTITY_CONTACT, zip, sizeof zip - 1, "CZK", &result, &error));
  g_assert_nonnull (strstr (error->message, "not text"));
  nudge_import_result_clear (&result);
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

/* ---- the exports of other programs ----------------------------------- */

/* The rows of @sql, columns joined by "|", rows by newlines: the exact
 * records an import left, in one string to compare. */
static char *
query_text (Fixture    *f,
            const char *sql)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = nudge_store_prepare (f->store, sql, &error);

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (out->len > 0)
        g_string_append_c (out, '\n');
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);

          g_string_append_printf (out, "%s%s", c ? "|" : "", text ? text : "");
        }
    }
  sqlite3_reset (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const char contacts_sql[] =
  "SELECT c.name, COALESCE(co.name, ''), c.title, c.email, c.phone, c.birthday, c.address, c.website, c.notes"
  " FROM contact c LEFT JOIN company co ON co.id = c.company_id ORDER BY c.id";
static const char channels_sql[] =
  "SELECT c.name, ch.kind, ch.label, ch.value FROM contact_channel ch JOIN contact c ON c.id = ch.contact_id"
  " ORDER BY ch.contact_id, ch.position";
static const char deals_sql[] =
  "SELECT d.title, COALESCE(d.amount_minor, ''), d.currency, p.name, s.name, d.status, d.lost_reason,"
  " d.expected_close, COALESCE(co.name, ''), COALESCE(ct.name, '')"
  " FROM deal d JOIN stage s ON s.id = d.stage_id JOIN pipeline p ON p.id = s.pipeline_id"
  " LEFT JOIN company co ON co.id = d.company_id LEFT JOIN contact ct ON ct.id = d.contact_id ORDER BY d.id";

static gboolean
import_sample (Fixture            *f,
               NudgeEntity         entity,
               const char         *name,
               NudgeImportResult  *result,
               GError            **error)
{
  g_autofree char *path = g_build_filename (g_getenv ("NUDGE_SOURCE_DIR"), "tests", "data", "import", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return nudge_import_csv_file (f->store, entity, file, "CZK", NULL, result, error);
}

static void
assert_query (Fixture    *f,
              const char *sql,
              const char *expected)
{
  g_autofree char *actual = query_text (f, sql);

  g_assert_cmpstr (actual, ==, expected);
}

static void
assert_imported (Fixture    *f,
                 NudgeEntity entity,
                 const char *file,
                 const char *format_name,
                 guint       n_records,
                 guint       n_companies_added)
{
  NudgeImportResult result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (import_sample (f, entity, file, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.format_name, ==, format_name);
  g_assert_cmpuint (result.n_records, ==, n_records);
  g_assert_cmpuint (result.n_companies_added, ==, n_companies_added);
  nudge_import_result_clear (&result);
}

static gboolean
ignored (NudgeImportResult *result,
         const char        *name)
{
  for (guint i = 0; i < result->ignored_columns->len; i++)
    if (g_str_equal (g_ptr_array_index (result->ignored_columns, i), name))
      return TRUE;
  return FALSE;
}

/* Google's export: the name from its parts where "Name" is empty, every
 * e-mail and phone with its type ("* Work" is the primary one, " ::: "
 * holds two in one cell), the formatted address on one line. Search
 * finds a contact by a secondary address. */
static void
test_google (Fixture       *f,
             gconstpointer  data)
{
  NudgeImportResult result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = NULL;

  g_assert_true (import_sample (f, NUDGE_ENTITY_CONTACT, "google-contacts.csv", &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.format_name, ==, "Google Contacts export");
  g_assert_cmpstr (result.format_message, ==, "Read as a Google Contacts export");
  g_assert_cmpuint (result.n_records, ==, 3);
  g_assert_cmpuint (result.n_companies_added, ==, 3);
  g_assert_true (ignored (&result, "Group Membership"));
  g_assert_true (ignored (&result, "Address 1 - City"));
  g_assert_false (ignored (&result, "E-mail 2 - Type"));
  g_assert_false (ignored (&result, "Organization 1 - Title"));
  nudge_import_result_clear (&result);

  assert_query (f, contacts_sql,
                "Jana Nováková|Stavby Morava, s.r.o.|Nákupčí|jana.novakova@example.cz|+420 541 000 111|1985-03-14"
                "|Masarykova 12, Brno 602 00, Czechia|https://stavby-morava.example.cz|Met at the fair in Brno, 2025\nPrefers calls\n"
                "Łukasz Piotr Wójcik|Wójcik i Synowie||lukasz.wojcik@example.pl|+48 600 700 800|--07-02|||\n"
                "Олена Коваленко|Київстар Трейд|Директорка|olena@example.ua|||||");
  assert_query (f, channels_sql,
                "Jana Nováková|email|work|jana.novakova@example.cz\n"
                "Jana Nováková|email|home|jana@example.com\n"
                "Jana Nováková|email|home|jana.n@example.org\n"
                "Jana Nováková|phone|mobile|+420 777 123 456\n"
                "Jana Nováková|phone|work|+420 541 000 111\n"
                "Łukasz Piotr Wójcik|email|work|lukasz.wojcik@example.pl\n"
                "Łukasz Piotr Wójcik|phone|mobile|+48 600 700 800\n"
                "Олена Коваленко|email|other|olena@example.ua");

  found = nudge_store_search (f->store, NUDGE_ENTITY_CONTACT, "example.org", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  {
    g_autoptr(NudgeContact) jana = nudge_store_get_contact (f->store, g_array_index (found, gint64, 0), &error);
    g_autoptr(GPtrArray) channels = NULL;
    const char *expected[][3] = {
      { "email", "work", "jana.novakova@example.cz" }, { "email", "home", "jana@example.com" },
      { "email", "home", "jana.n@example.org" }, { "phone", "mobile", "+420 777 123 456" },
      { "phone", "work", "+420 541 000 111" },
    };

    g_assert_no_error (error);
    g_assert_cmpstr (nudge_contact_get_name (jana), ==, "Jana Nováková");
    g_assert_cmpstr (nudge_contact_get_birthday (jana), ==, "1985-03-14");
    g_assert_cmpstr (nudge_contact_get_address (jana), ==, "Masarykova 12, Brno 602 00, Czechia");
    g_assert_cmpstr (nudge_contact_get_website (jana), ==, "https://stavby-morava.example.cz");
    channels = nudge_store_list_contact_channels (f->store, nudge_contact_get_id (jana), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (channels->len, ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < channels->len; i++)
      for (guint c = 0; c < 3; c++)
        g_assert_cmpstr (((char **) g_ptr_array_index (channels, i))[c], ==, expected[i][c]);

    /* Saving the contact again keeps what only the import writes */
    g_object_set (jana, "title", "Vedoucí nákupu", NULL);
    g_assert_cmpint (nudge_store_save_contact (f->store, jana, &error), >, 0);
    g_assert_no_error (error);
  }
  assert_query (f, "SELECT title, birthday, address FROM contact WHERE name = 'Jana Nováková'",
                "Vedoucí nákupu|1985-03-14|Masarykova 12, Brno 602 00, Czechia");
  g_clear_pointer (&found, g_array_unref);
  /* …and search still finds her by a secondary address */
  found = nudge_store_search (f->store, NUDGE_ENTITY_CONTACT, "example.org", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_array_unref);
  found = nudge_store_search (f->store, NUDGE_ENTITY_CONTACT, "777 123", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
}

/* Outlook's export: its "Title" is "Ing." or "Mr.", not the job title;
 * the business address first, the home one when there is none; its
 * "0.0.00" is no birthday. CRLF line ends. */
static void
test_outlook (Fixture       *f,
              gconstpointer  data)
{
  NudgeImportResult result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (import_sample (f, NUDGE_ENTITY_CONTACT, "outlook.csv", &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.format_name, ==, "Outlook export");
  g_assert_cmpuint (result.n_records, ==, 3);
  g_assert_cmpuint (result.n_companies_added, ==, 3);
  g_assert_true (ignored (&result, "Title"));
  g_assert_true (ignored (&result, "Anniversary"));
  nudge_import_result_clear (&result);

  assert_query (f, contacts_sql,
                "Petr Dvořák|Dvořák & syn, a.s.|Obchodní ředitel|petr.dvorak@example.cz|+420 555 666 777|1980-03-14"
                "|Na Příkopě 5, Praha, 110 00, Czech Republic|https://dvorak.example|Calls before 9, never on Fridays\nSecretary: paní Malá\n"
                "Agnieszka Maria Zielińska|Zieliński Sp. z o.o.|Kierowniczka zakupów|a.zielinska@example.pl|+48 501 234 567||ul. Długa 3, Gdańsk, 80-827||\n"
                "Тарас Шевченко|Дніпро Агро|||+380 44 123 4567||||");
  assert_query (f, channels_sql,
                "Petr Dvořák|email||petr.dvorak@example.cz\n"
                "Petr Dvořák|email||petr@dvorak.example\n"
                "Petr Dvořák|phone|home|+420 222 333 444\n"
                "Petr Dvořák|phone|work|+420 555 666 777\n"
                "Petr Dvořák|phone|mobile|+420 603 111 222\n"
                "Agnieszka Maria Zielińska|email||a.zielinska@example.pl\n"
                "Agnieszka Maria Zielińska|phone|mobile|+48 501 234 567\n"
                "Тарас Шевченко|phone|work|+380 44 123 4567");
}

/* Newer Google exports ("First Name", "E-mail 1 - Label") and Outlook
 * in Czech and Polish name their columns differently. */
static void
test_export_variants (Fixture       *f,
                      gconstpointer  data)
{
  static const char google[] =
    "First Name,Middle Name,Last Name,Nickname,Organization Name,Organization Title,Birthday,Notes,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value\n"
    "Věra,,Malá,,Malá Pekárna,Majitelka,,,* myContacts,* Home,vera@example.cz,Mobile,+420 606 111 222,Work,+420 381 000 000\n"
    /* Known only by an address ("Other contacts") */
    ",,,,,,,,,,info@piekarnia.example.pl,,,,\n";
  static const char outlook_cs[] =
    "Křestní jméno;Druhé jméno;Příjmení;E-mailová adresa;Telefon do zaměstnání;Mobilní telefon;Společnost;Funkce\r\n"
    "Ondřej;;Kříž;ondrej@example.cz;+420 222 111 000;+420 602 000 111;Kříž Stavby;Stavbyvedoucí\r\n";
  static const char outlook_pl[] =
    "Imię,Drugie imię,Nazwisko,Adres e-mail,Telefon służbowy,Telefon komórkowy,Firma,Stanowisko\n"
    "Michał,,Wiśniewski,michal@example.pl,,+48 512 000 111,Wiśniewski Sp.j.,Prezes\n";
  NudgeImportResult result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (import (f, NUDGE_ENTITY_CONTACT, google, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.format_name, ==, "Google Contacts export");
  nudge_import_result_clear (&result);
  g_assert_true (import (f, NUDGE_ENTITY_CONTACT, outlook_cs, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.format_name, ==, "Outlook export");
  g_assert_cmpuint (result.ignored_columns->len, ==, 0);
  nudge_import_result_clear (&result);
  g_assert_true (import (f, NUDGE_ENTITY_CONTACT, outlook_pl, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.format_name, ==, "Outlook export");
  g_assert_cmpuint (result.ignored_columns->len, ==, 0);
  nudge_import_result_clear (&result);

  assert_query (f, contacts_sql,
                "Věra Malá|Malá Pekárna|Majitelka|vera@example.cz|+420 381 000 000||||\n"
                "info@piekarnia.example.pl|||info@piekarnia.example.pl|||||\n"
                "Ondřej Kříž|Kříž Stavby|Stavbyvedoucí|ondrej@example.cz|+420 222 111 000||||\n"
                "Michał Wiśniewski|Wiśniewski Sp.j.|Prezes|michal@example.pl|+48 512 000 111||||");
  assert_query (f, channels_sql,
                "Věra Malá|email|home|vera@example.cz\n"
                "Věra Malá|phone|mobile|+420 606 111 222\n"
                "Věra Malá|phone|work|+420 381 000 000\n"
                "info@piekarnia.example.pl|email||info@piekarnia.example.pl\n"
                "Ondřej Kříž|email||ondrej@example.cz\n"
                "Ondřej Kříž|phone|work|+420 222 111 000\n"
                "Ondřej Kříž|phone|mobile|+420 602 000 111\n"
                "Michał Wiśniewski|email||michal@example.pl\n"
                "Michał Wiśniewski|phone|mobile|+48 512 000 111");
}

/* Thunderbird: the display name wins over the parts; the birthday comes
 * in three columns, without the year when it is not known. */
static void
test_thunderbird (Fixture       *f,
                  gconstpointer  data)
{
  assert_imported (f, NUDGE_ENTITY_CONTACT, "thunderbird.csv", "Thunderbird address book", 3, 2);
  assert_query (f, contacts_sql,
                "Jiří Černý (Alza)|Alza, a.s.|Key account|jiri.cerny@example.cz|+420 800 100 200|1979-11-05"
                "|Jankovcova 1522/53, Praha 7, 170 00|https://example.cz/cerny|Wants the price list, with VAT\nby Monday\n"
                "Małgorzata Kamińska|Kamiński Transport||m.kaminska@example.pl|+48 22 123 45 67|--02-29|||\n"
                "Андрій Мельник||Інженер||+380 67 555 1234||||");
  assert_query (f, channels_sql,
                "Jiří Černý (Alza)|email||jiri.cerny@example.cz\n"
                "Jiří Černý (Alza)|email||cerny@example.com\n"
                "Jiří Černý (Alza)|phone|work|+420 800 100 200\n"
                "Jiří Černý (Alza)|phone|mobile|+420 777 888 999\n"
                "Małgorzata Kamińska|email||m.kaminska@example.pl\n"
                "Małgorzata Kamińska|phone|home|+48 22 123 45 67\n"
                "Андрій Мельник|phone|mobile|+380 67 555 1234");
}

/* LinkedIn's Connections.csv: the notes before the header are skipped,
 * a company already in the book is matched, and the day of the
 * connection is the first interaction in the timeline. */
static void
test_linkedin (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(NudgeCompany) allegro = nudge_company_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (allegro, "name", "allegro", NULL);
  g_assert_cmpint (nudge_store_save_company (f->store, allegro, &error), >, 0);
  g_assert_no_error (error);

  assert_imported (f, NUDGE_ENTITY_CONTACT, "linkedin-connections.csv", "LinkedIn connections", 3, 1);
  assert_query (f, contacts_sql,
                "Kateřina Svobodová|Svoboda Consulting, s.r.o.|Partner|katerina@example.cz||||https://www.linkedin.com/in/katerina-svobodova|\n"
                "Paweł Nowak|allegro|Head of Sales, CEE|||||https://www.linkedin.com/in/pawel-nowak|\n"
                "Ірина Бондаренко|||||||https://www.linkedin.com/in/iryna-bondarenko|");
  assert_query (f,
                "SELECT c.name, a.kind, a.summary, datetime(a.occurred_at, 'unixepoch'), c.last_activity_at = a.occurred_at"
                " FROM activity a JOIN contact c ON c.id = a.contact_id ORDER BY a.id",
                /* Noon in Prague */
                "Kateřina Svobodová|note|Connected on LinkedIn|2023-11-14 11:00:00|1\n"
                "Paweł Nowak|note|Connected on LinkedIn|2024-01-03 11:00:00|1\n"
                "Ірина Бондаренко|note|Connected on LinkedIn|2022-02-28 11:00:00|1");
}

/* A seller moves from Pipedrive in one evening: organisations, people,
 * then deals in their pipeline and stage. A missing pipeline or stage is
 * created (after the pipeline's last open stage) and reported; won and
 * lost deals sit in the won and lost stages, with the lost reason. */
static void
test_pipedrive (Fixture       *f,
                gconstpointer  data)
{
  NudgeImportResult result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeStage) site_visit = NULL;
  g_autoptr(NudgeStage) negotiation = NULL;

  assert_imported (f, NUDGE_ENTITY_COMPANY, "pipedrive-organizations.csv", "Pipedrive organizations export", 3, 0);
  assert_query (f, "SELECT name FROM company ORDER BY id", "Stavby Morava, s.r.o.\nWójcik i Synowie\nКиївстар Трейд");

  assert_imported (f, NUDGE_ENTITY_CONTACT, "pipedrive-people.csv", "Pipedrive people export", 3, 0);
  assert_query (f, channels_sql,
                "Jana Nováková|email|work|jana.novakova@example.cz\n"
                "Jana Nováková|email|work|j.novakova@example.cz\n"
                "Jana Nováková|email|home|jana@example.com\n"
                "Jana Nováková|phone|work|+420 541 000 111\n"
                "Jana Nováková|phone|mobile|+420 777 123 456\n"
                "Łukasz Wójcik|email|work|lukasz@example.pl\n"
                "Łukasz Wójcik|phone|mobile|+48 600 700 800\n"
                "Олена Коваленко|email||olena@example.ua\n"
                "Олена Коваленко|phone||+380 44 000 1111");
  assert_query (f, "SELECT name, email, phone, tags FROM contact ORDER BY id",
                "Jana Nováková|jana.novakova@example.cz|+420 541 000 111|Hot\n"
                "Łukasz Wójcik|lukasz@example.pl|+48 600 700 800|\n"
                "Олена Коваленко|olena@example.ua|+380 44 000 1111|");

  g_assert_true (import_sample (f, NUDGE_ENTITY_DEAL, "pipedrive-deals.csv", &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.format_name, ==, "Pipedrive deals export");
  g_assert_cmpuint (result.n_records, ==, 5);
  g_assert_cmpuint (result.n_companies_added, ==, 0);
  g_assert_cmpuint (result.created->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (result.created, 0), ==, "pipeline “Partners”");
  g_assert_cmpstr (g_ptr_array_index (result.created, 1), ==, "stage “Negotiation” in “Partners”");
  g_assert_cmpstr (g_ptr_array_index (result.created, 2), ==, "stage “Site visit” in “Sales”");
  g_assert_true (ignored (&result, "Deal - Owner"));
  nudge_import_result_clear (&result);

  assert_query (f, deals_sql,
                "Cladding, phase 2|12500000|CZK|Sales|Proposal sent|open||2026-12-15|Stavby Morava, s.r.o.|Jana Nováková\n"
                "Regały magazynowe|4800050|PLN|Partners|Negotiation|open||2027-01-31|Wójcik i Synowie|Łukasz Wójcik\n"
                "Хмарний сервер|990000|EUR|Sales|Lost|lost|Price too high, chose a competitor||Київстар Трейд|Олена Коваленко\n"
                "Servis 2026|3000000|CZK|Sales|Won|won|||Stavby Morava, s.r.o.|\n"
                "Údržba střech||CZK|Sales|Site visit|open|||Stavby Morava, s.r.o.|");
  /* The new stages come after the open ones, before Won and Lost */
  assert_query (f, "SELECT p.name, s.name, s.kind FROM stage s JOIN pipeline p ON p.id = s.pipeline_id"
                   " ORDER BY p.id, s.position",
                "Sales|Lead in|open\nSales|Contact made|open\nSales|Needs analysis|open\nSales|Proposal sent|open\n"
                "Sales|Negotiation|open\nSales|Site visit|open\nSales|Won|won\nSales|Lost|lost\n"
                "Partners|Negotiation|open\nPartners|Won|won\nPartners|Lost|lost");

  /* Activities done land in the timeline of their deal, person or
   * organisation; one still to do becomes a follow-up. */
  g_assert_true (import_sample (f, NUDGE_ENTITY_ACTIVITY, "pipedrive-activities.csv", &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.format_name, ==, "Pipedrive activities export");
  g_assert_cmpuint (result.n_records, ==, 3);
  g_assert_cmpuint (result.record_ids->len, ==, 2);
  g_assert_cmpuint (result.followup_ids->len, ==, 1);
  nudge_import_result_clear (&result);
  assert_imported (f, NUDGE_ENTITY_ACTIVITY, "pipedrive-notes.csv", "Pipedrive notes export", 3, 0);
  assert_query (f,
                "SELECT a.kind, a.summary, a.body, datetime(a.occurred_at, 'unixepoch'), COALESCE(d.title, ''),"
                " COALESCE(c.name, ''), COALESCE(co.name, '') FROM activity a LEFT JOIN deal d ON d.id = a.deal_id"
                " LEFT JOIN contact c ON c.id = a.contact_id LEFT JOIN company co ON co.id = a.company_id ORDER BY a.id",
                "call|Discovery call|Asked about delivery terms, wants a quote\nby Friday|2026-10-05 07:30:00"
                "|Cladding, phase 2|Jana Nováková|Stavby Morava, s.r.o.\n"
                "meeting|Spotkanie w Łodzi||2026-10-20 12:00:00|Regały magazynowe|Łukasz Wójcik|Wójcik i Synowie\n"
                "note||Budget approved, 125k CZK\nDecision in December|2026-10-06 14:20:00"
                "|Cladding, phase 2|Jana Nováková|Stavby Morava, s.r.o.\n"
                "note||Preferuje kontakt mailowy|2026-09-01 06:00:00||Łukasz Wójcik|\n"
                "note||Клієнт з 2019 року|2026-08-15 08:00:00|||Київстар Трейд");
  assert_query (f,
                "SELECT f.title, f.kind, f.status, datetime(f.due_at, 'unixepoch'), c.name FROM followup f"
                " JOIN contact c ON c.id = f.contact_id",
                "Надіслати пропозицію|task|open|2026-12-10 11:00:00|Олена Коваленко");
}

/* HubSpot: "Closed won" and "Closed lost" stages close the deal; the
 * amount without a currency is in the user's. */
static void
test_hubspot (Fixture       *f,
              gconstpointer  data)
{
  NudgeImportResult result = { 0 };
  g_autoptr(GError) error = NULL;

  assert_imported (f, NUDGE_ENTITY_COMPANY, "hubspot-companies.csv", "HubSpot companies export", 3, 0);
  assert_query (f, "SELECT name, website, industry, phone FROM company ORDER BY id",
                "Novák Stroje, s.r.o.|novak-stroje.example.cz|Machinery|+420 530 000 100\n"
                "Łódź Logistics||Logistics|\n"
                "Львів Софт|lviv-soft.example.ua||");
  assert_imported (f, NUDGE_ENTITY_CONTACT, "hubspot-contacts.csv", "HubSpot contacts export", 3, 0);
  assert_query (f, contacts_sql,
                "Tomáš Novák|Novák Stroje, s.r.o.|Jednatel|tomas.novak@novak-stroje.example.cz|+420 604 000 102||||\n"
                "Zofia Lewandowska|Łódź Logistics||zofia@lodz-logistics.example.pl|||||\n"
                "Богдан Ткаченко|Львів Софт|CTO||+380 50 111 2233||||");
  assert_query (f, channels_sql,
                "Tomáš Novák|email||tomas.novak@novak-stroje.example.cz\n"
                "Tomáš Novák|phone||+420 530 000 101\n"
                "Tomáš Novák|phone|mobile|+420 604 000 102\n"
                "Zofia Lewandowska|email||zofia@lodz-logistics.example.pl\n"
                "Богдан Ткаченко|phone|mobile|+380 50 111 2233");

  g_assert_true (import_sample (f, NUDGE_ENTITY_DEAL, "hubspot-deals.csv", &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.format_message, ==, "Read as a HubSpot deals export");
  g_assert_cmpuint (result.n_records, ==, 3);
  g_assert_cmpuint (result.created->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (result.created, 0), ==, "pipeline “Sales Pipeline”");
  g_assert_cmpstr (g_ptr_array_index (result.created, 1), ==, "stage “Appointment scheduled” in “Sales Pipeline”");
  nudge_import_result_clear (&result);
  assert_query (f, deals_sql,
                "CNC servis, smlouva|25000000|CZK|Sales Pipeline|Appointment scheduled|open||2026-12-31|Novák Stroje, s.r.o.|Tomáš Novák\n"
                "Magazyn Łódź|8000000|CZK|Sales Pipeline|Won|won|||Łódź Logistics|Zofia Lewandowska\n"
                "Ліцензії||CZK|Sales Pipeline|Lost|lost|Budget moved to 2027||Львів Софт|Богдан Ткаченко");
}

/* A recognised export stays all or nothing: a bad row names its line
 * (counting the lines inside quoted fields), and the contacts, channels,
 * companies, pipelines and stages earlier rows made are gone. */
static void
test_export_all_or_nothing (Fixture       *f,
                            gconstpointer  data)
{
  static const char google[] =
    "Name,Given Name,Family Name,Notes,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Name\n"
    "Jana Nováková,Jana,Nováková,\"two\nlines\",* Work,jana@example.cz,Mobile,+420 777 123 456,\"Nová, s.r.o.\"\n"
    ",Paweł,Nowak,,Work,pawel@example.pl,Mobile,call me,Nowak SA\n";
  static const char pipedrive[] =
    "Deal - Title,Deal - Value,Deal - Currency,Deal - Organization,Deal - Contact person,Deal - Pipeline,Deal - Stage,Deal - Status\n"
    "First,100,CZK,New Co,,Partners,Demo,open\n"
    "Second,200,CZK,Other Co,,Sales,Lead in,postponed\n";
  NudgeImportResult result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (import (f, NUDGE_ENTITY_CONTACT, google, &result, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Line 4: “call me” is not a phone number (digits, spaces and + - ( ) only)");
  nudge_import_result_clear (&result);
  g_clear_error (&error);

  g_assert_false (import (f, NUDGE_ENTITY_DEAL, pipedrive, &result, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Line 3: “postponed” is not a deal status: open, won, lost or on hold");
  g_assert_cmpuint (result.created->len, ==, 0);
  nudge_import_result_clear (&result);

  g_clear_error (&error);

  /* A file of one kind imported as another says what to import it as */
  g_assert_false (import_sample (f, NUDGE_ENTITY_DEAL, "google-contacts.csv", &result, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "The file looks like a list of contacts (Google Contacts export); import it as contacts");
  nudge_import_result_clear (&result);
  g_clear_error (&error);
  g_assert_false (import_sample (f, NUDGE_ENTITY_CONTACT, "pipedrive-deals.csv", &result, &error));
  g_assert_cmpstr (error->message, ==, "The file looks like a list of deals (Pipedrive deals export); import it as deals");
  nudge_import_result_clear (&result);

  assert_query (f, "SELECT (SELECT COUNT(*) FROM contact) || ' ' || (SELECT COUNT(*) FROM contact_channel)"
                   " || ' ' || (SELECT COUNT(*) FROM company) || ' ' || (SELECT COUNT(*) FROM deal)"
                   " || ' ' || (SELECT COUNT(*) FROM pipeline) || ' ' || (SELECT COUNT(*) FROM stage)",
                "0 0 0 0 1 7");
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases_1[] = {
    { "contacts", NUDGE_TEST_FUNC (test_contacts) },
    { "all-or-nothing", NUDGE_TEST_FUNC (test_all_or_nothing) },
    { "huge-field", NUDGE_TEST_FUNC (test_huge_field) },
    { "size-limit", NUDGE_TEST_FUNC (test_size_limit) },
    { "no-newline", NUDGE_TEST_FUNC (test_no_newline) },
    { "utf16-and-binary", NUDGE_TEST_FUNC (test_utf16_and_binary) },
    { "legacy-encoding", NUDGE_TEST_FUNC (test_legacy_encoding) },
    { "deals", NUDGE_TEST_FUNC (test_deals) },
    { "companies-round-trip", NUDGE_TEST_FUNC (test_companies_round_trip) },
    { "google", NUDGE_TEST_FUNC (test_google) },
    { "outlook", NUDGE_TEST_FUNC (test_outlook) },
    { "export-variants", NUDGE_TEST_FUNC (test_export_variants) },
    { "thunderbird", NUDGE_TEST_FUNC (test_thunderbird) },
    { "linkedin", NUDGE_TEST_FUNC (test_linkedin) },
    { "pipedrive", NUDGE_TEST_FUNC (test_pipedrive) },
    { "hubspot", NUDGE_TEST_FUNC (test_hubspot) },
    { "export-all-or-nothing", NUDGE_TEST_FUNC (test_export_all_or_nothing) },
  };
  static const NudgeTestCase cases_2[] = {
    { "fifo", NUDGE_TEST_FUNC (test_fifo) },
  };

  g_setenv ("TZ", "Europe/Prague", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  tzset ();
  g_test_init (&argc, &argv, NULL);

  nudge_test_add_table ("/core/import/", Fixture, nudge_test_book_set_up, nudge_test_book_tear_down, cases_1);
  /* Last: it starts threads, and the tests above set the environment */
  nudge_test_add_table ("/core/import/", Fixture, nudge_test_book_set_up, nudge_test_book_tear_down, cases_2);
  return g_test_run ();
}
