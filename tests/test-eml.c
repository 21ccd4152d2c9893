/* test-eml.c — e-mails read with GMime and logged as activities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "nudge-clock.h"
#include "nudge-eml.h"
#include "nudge-store.h"
#include "nudge-store-private.h"
#include "nudge-test-core.h"

#define NOW 1772712000  /* 2026-03-05 13:00 Prague */

typedef struct
{
  char       *dir;
  char       *path;
  NudgeStore *store;
  gint64      jan;
  gint64      olena;
} Fixture;

static const char *const own[] = { "petra@mojefirma.cz", "petra.svobodova@gmail.com", NULL };

static char *
data_path (const char *name)
{
  const char *source = g_getenv ("NUDGE_SOURCE_DIR");

  return g_build_filename (source != NULL ? source : "..", "tests", "data", "eml", name, NULL);
}

static GPtrArray *
parse (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *messages;
  gsize length;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  messages = nudge_eml_parse (data, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (messages);
  return messages;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  nudge_clock_pin (NOW);
  f->store = nudge_test_book_open ("eml", &f->dir, &f->path);
  f->jan = nudge_test_add_contact (f->store, "name", "Jan Novák", "email", "jan@firma.cz", NULL);
  /* Olena's address is her second one, as an address book gave it. */
  f->olena = nudge_test_add_contact (f->store, "name", "Олена Шевченко", "email", "olena.shevchenko@gmail.com", NULL);
  sql = g_strdup_printf ("INSERT INTO contact_channel (contact_id, kind, label, value) VALUES (%" G_GINT64_FORMAT
                         ", 'email', 'work', 'Olena@Kyiv-Trade.ua')", f->olena);
  nudge_store_exec (f->store, sql, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  nudge_test_book_close (&f->store, &f->dir, &f->path);
}

static void
test_multipart_alternative (void)
{
  g_autoptr(GPtrArray) messages = parse ("multipart-alternative.eml");
  NudgeEmlMessage *m;

  g_assert_cmpuint (messages->len, ==, 1);
  m = g_ptr_array_index (messages, 0);
  g_assert_cmpstr (m->subject, ==, "Re: Nabídka na servis lisů – termín");
  g_assert_cmpstr (m->from, ==, "jan@firma.cz");
  g_assert_cmpuint (g_strv_length (m->recipients), ==, 1);
  g_assert_cmpstr (m->recipients[0], ==, "petra@mojefirma.cz");
  g_assert_cmpint (m->date, ==, 1772439242);  /* 2026-03-02 08:14:02 UTC */
  g_assert_cmpstr (m->message_id, ==, "CAE4f9x2=offer-1@mail.firma.cz");
  /* The plain part, decoded from quoted-printable; not the HTML. */
  g_assert_nonnull (strstr (m->body, "děkuji za nabídku. Termín 12. března nám vyhovuje."));
  g_assert_null (strstr (m->body, "<div"));
  g_assert_null (strstr (m->body, "=C4"));
}

static void
test_czech_windows_1250 (void)
{
  g_autoptr(GPtrArray) messages = parse ("czech-windows-1250.eml");
  NudgeEmlMessage *m = g_ptr_array_index (messages, 0);

  g_assert_cmpstr (m->subject, ==, "Žluťoučký kůň – smlouva k podpisu");
  g_assert_cmpstr (m->from, ==, "petra@mojefirma.cz");
  g_assert_cmpuint (g_strv_length (m->recipients), ==, 2);
  g_assert_cmpstr (m->recipients[0], ==, "jan@firma.cz");
  g_assert_cmpstr (m->recipients[1], ==, "ucetni@firma.cz");
  g_assert_nonnull (strstr (m->body, "Příliš žluťoučký kůň úpěl ďábelské ódy."));
}

static void
test_ukrainian_koi8_u (void)
{
  g_autoptr(GPtrArray) messages = parse ("ukrainian-koi8-u.eml");
  NudgeEmlMessage *m = g_ptr_array_index (messages, 0);

  g_assert_cmpstr (m->subject, ==, "Привіт! Замовлення на квітень");
  g_assert_cmpstr (m->from, ==, "olena@kyiv-trade.ua");
  g_assert_cmpint (m->date, ==, 1772604311);  /* 2026-03-04 06:05:11 UTC */
  g_assert_nonnull (strstr (m->body, "Надсилаю замовлення на квітень."));
}

static void
test_no_date_html_only (void)
{
  g_autoptr(GPtrArray) messages = parse ("no-date.eml");
  NudgeEmlMessage *m = g_ptr_array_index (messages, 0);

  g_assert_cmpint (m->date, ==, 0);
  g_assert_cmpstr (m->subject, ==, "Quick question");
  g_assert_cmpstr (m->body, ==, "Can we move the demo to Friday?");
}

static void
test_mbox (void)
{
  g_autoptr(GPtrArray) messages = parse ("three.mbox");
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (messages->len, ==, 3);
  g_assert_cmpstr (((NudgeEmlMessage *) g_ptr_array_index (messages, 0))->subject, ==, "First");
  g_assert_cmpstr (((NudgeEmlMessage *) g_ptr_array_index (messages, 1))->message_id, ==, "mbox-2@mojefirma.cz");
  g_assert_cmpstr (((NudgeEmlMessage *) g_ptr_array_index (messages, 2))->from, ==, "stranger@example.org");
  g_assert_null (strstr (((NudgeEmlMessage *) g_ptr_array_index (messages, 0))->body, "Second"));

  g_assert_null (nudge_eml_parse ("", 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static GFile *
data_file (const char *name)
{
  g_autofree char *path = data_path (name);

  return g_file_new_for_path (path);
}

static NudgeActivity *
activity_by_message (NudgeStore *store,
                     const char *message_id)
{
  sqlite3_stmt *stmt = nudge_store_prepare (store, "SELECT id, contact_id FROM activity WHERE message_id = ?", NULL);
  g_autoptr(GPtrArray) list = NULL;
  gint64 id = 0, contact = 0;

  nudge_sql_bind_text (stmt, 1, message_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0), contact = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  if (id == 0)
    return NULL;
  list = nudge_store_list_activities (store, NUDGE_ENTITY_CONTACT, contact, NULL);
  for (guint i = 0; list != NULL && i < list->len; i++)
    if (nudge_activity_get_id (g_ptr_array_index (list, i)) == id)
      return g_object_ref (g_ptr_array_index (list, i));
  return NULL;
}

static void
test_log (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GFile) alt = data_file ("multipart-alternative.eml");
  g_autoptr(GFile) cz = data_file ("czech-windows-1250.eml");
  g_autoptr(GFile) uk = data_file ("ukrainian-koi8-u.eml");
  g_autoptr(GFile) nodate = data_file ("no-date.eml");
  g_autoptr(GFile) mbox = data_file ("three.mbox");
  GFile *first[] = { alt, cz, uk, nodate };
  GFile *again[] = { alt, mbox };
  NudgeEmlResult result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeActivity) reply = NULL;
  g_autoptr(NudgeActivity) contract = NULL;
  g_autoptr(NudgeActivity) order = NULL;
  g_autoptr(NudgeActivity) question = NULL;

  g_assert_true (nudge_eml_import_files (f->store, first, G_N_ELEMENTS (first), &(NudgeEmlTarget) { own, 0, 0 }, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_logged, ==, 4);
  g_assert_cmpuint (result.n_duplicates, ==, 0);
  nudge_eml_result_clear (&result);

  /* Jan wrote in: incoming, on Jan, at the Date. */
  reply = activity_by_message (f->store, "CAE4f9x2=offer-1@mail.firma.cz");
  g_assert_nonnull (reply);
  g_assert_cmpstr (nudge_activity_get_kind (reply), ==, "email");
  g_assert_cmpint (nudge_activity_get_direction (reply), ==, NUDGE_DIRECTION_IN);
  g_assert_cmpint (nudge_activity_get_contact_id (reply), ==, f->jan);
  g_assert_cmpint (nudge_activity_get_occurred_at (reply), ==, 1772439242);
  g_assert_cmpstr (nudge_activity_get_summary (reply), ==, "Re: Nabídka na servis lisů – termín");
  /* From one of the user's own addresses (in capitals): outgoing, on the recipient. */
  contract = activity_by_message (f->store, "20260303143000.cz1250@mojefirma.cz");
  g_assert_nonnull (contract);
  g_assert_cmpint (nudge_activity_get_direction (contract), ==, NUDGE_DIRECTION_OUT);
  g_assert_cmpint (nudge_activity_get_contact_id (contract), ==, f->jan);
  /* Olena is found by her second address. */
  order = activity_by_message (f->store, "ukr-koi8u-0304@kyiv-trade.ua");
  g_assert_nonnull (order);
  g_assert_cmpint (nudge_activity_get_contact_id (order), ==, f->olena);
  g_assert_cmpstr (nudge_activity_get_summary (order), ==, "Привіт! Замовлення на квітень");
  /* No Date: logged at the time it was dropped. */
  question = activity_by_message (f->store, "no-date-1@firma.cz");
  g_assert_nonnull (question);
  g_assert_cmpint (nudge_activity_get_occurred_at (question), ==, NOW);

  /* The same message again is skipped; of the mbox, the stranger's
   * message matches nobody. */
  g_assert_true (nudge_eml_import_files (f->store, again, G_N_ELEMENTS (again), &(NudgeEmlTarget) { own, 0, 0 }, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_logged, ==, 2);
  g_assert_cmpuint (result.n_duplicates, ==, 1);
  g_assert_cmpuint (result.n_unmatched, ==, 1);
  nudge_eml_result_clear (&result);
}

static void
test_dropped_on_deal (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GFile) mbox = data_file ("three.mbox");
  g_autoptr(NudgeDeal) deal = nudge_deal_new ();
  g_autoptr(GPtrArray) history = NULL;
  NudgeEmlResult result = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 deal_id;

  g_object_set (deal, "title", "Servis lisů", NULL);
  deal_id = nudge_store_save_deal (f->store, deal, &error);
  g_assert_no_error (error);
  g_assert_true (nudge_eml_import_files (f->store, &mbox, 1, &(NudgeEmlTarget) { own, deal_id, 0 }, NULL, &result, &error));
  g_assert_no_error (error);
  /* On a deal every message is logged, with or without a known contact. */
  g_assert_cmpuint (result.n_logged, ==, 3);
  nudge_eml_result_clear (&result);
  history = nudge_store_list_activities (f->store, NUDGE_ENTITY_DEAL, deal_id, &error);
  g_assert_cmpuint (history->len, ==, 3);

  g_assert_true (nudge_eml_import_files (f->store, &mbox, 1, &(NudgeEmlTarget) { own, deal_id, 0 }, NULL, &result, &error));
  g_assert_cmpuint (result.n_logged, ==, 0);
  g_assert_cmpuint (result.n_duplicates, ==, 3);
  nudge_eml_result_clear (&result);
}

static void
test_long_subject (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) mail = g_string_new ("From: jan@firma.cz\nTo: petra@mojefirma.cz\n"
                                          "Message-ID: <long-subject@firma.cz>\nSubject: ");
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(NudgeActivity) logged = NULL;
  NudgeEmlResult result = { 0 };
  g_autoptr(GError) error = NULL;
  const char *summary;

  /* A subject longer than a summary may be (a forwarded thread's, say)
   * is shortened, not refused. */
  for (guint i = 0; i < 120; i++)
    g_string_append (mail, "Fwd: ");
  g_string_append (mail, "nabídka\n\nDobrý den\n");
  messages = nudge_eml_parse (mail->str, mail->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_true (nudge_eml_log_message (f->store, g_ptr_array_index (messages, 0), &(NudgeEmlTarget) { own, 0, 0 },
                                        &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_logged, ==, 1);
  nudge_eml_result_clear (&result);
  logged = activity_by_message (f->store, "long-subject@firma.cz");
  g_assert_nonnull (logged);
  summary = nudge_activity_get_summary (logged);
  g_assert_true (g_str_has_prefix (summary, "Fwd: Fwd: "));
  g_assert_true (g_str_has_suffix (summary, "…"));
  g_assert_cmpint (g_utf8_strlen (summary, -1), ==, NUDGE_MAX_SHORT_CHARS);
}

static gboolean
is_logged (Fixture    *f,
           const char *message_id)
{
  g_autoptr(NudgeActivity) activity = activity_by_message (f->store, message_id);

  return activity != NULL;
}

/* The people of messages no contact has an address of are noted, each
 * once, with the names the messages give; added, their messages join
 * their timelines, and Undo takes both back. */
static void
test_add_strangers (Fixture       *f,
                    gconstpointer  data)
{
  static const char mails[] =
    "From: Olga Dvořáková <Olga@Novy-Klient.cz>\nTo: petra@mojefirma.cz\nMessage-ID: <s-1@novy-klient.cz>\n"
    "Subject: Poptávka\n\nDobrý den\n";
  static const char reply[] =
    "From: petra@mojefirma.cz\nTo: =?utf-8?q?Marek_Dvo=C5=99=C3=A1k?= <marek@stavby.cz>, petra.svobodova@gmail.com\n"
    "Message-ID: <s-2@mojefirma.cz>\nSubject: Nabídka\n\nPosílám\n";
  static const char cron[] =
    "From: Cron Daemon <root@localhost>\nTo: petra@mojefirma.cz\nMessage-ID: <s-3@localhost>\n"
    "Subject: backup\n\ndone\n";
  g_autofree char *cron_path = g_build_filename (f->dir, "cron.eml", NULL);
  g_autoptr(GFile) daemon = g_file_new_for_path (cron_path);
  g_autofree char *olga_path = g_build_filename (f->dir, "olga.eml", NULL);
  g_autofree char *marek_path = g_build_filename (f->dir, "marek.eml", NULL);
  g_autoptr(GFile) olga = g_file_new_for_path (olga_path);
  g_autoptr(GFile) marek = g_file_new_for_path (marek_path);
  g_autoptr(GFile) mbox = data_file ("three.mbox");
  g_autoptr(GArray) contact_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GFile *files[] = { olga, marek, mbox, daemon };
  NudgeEmlResult result = { 0 }, added = { 0 };
  g_autoptr(GError) error = NULL;
  NudgeEmlStranger *s;
  g_autoptr(NudgeContact) contact = NULL;

  g_file_set_contents (olga_path, mails, -1, &error);
  g_file_set_contents (marek_path, reply, -1, &error);
  g_file_set_contents (cron_path, cron, -1, &error);
  g_assert_no_error (error);
  g_assert_true (nudge_eml_import_files (f->store, files, G_N_ELEMENTS (files), &(NudgeEmlTarget) { own, 0, 0 }, NULL,
                                         &result, &error));
  g_assert_no_error (error);
  /* Jan's two are logged; Olga wrote in, the user wrote to Marek, the
   * mbox's stranger wrote without a name; root@localhost is no address
   * a contact can have, and is not offered. */
  g_assert_cmpuint (result.n_logged, ==, 2);
  g_assert_cmpuint (result.n_unmatched, ==, 4);
  g_assert_cmpuint (result.strangers->len, ==, 3);
  s = g_ptr_array_index (result.strangers, 0);
  g_assert_cmpstr (s->address, ==, "olga@novy-klient.cz");
  g_assert_cmpstr (s->name, ==, "Olga Dvořáková");
  s = g_ptr_array_index (result.strangers, 1);
  g_assert_cmpstr (s->address, ==, "marek@stavby.cz");
  g_assert_cmpstr (s->name, ==, "Marek Dvořák");
  s = g_ptr_array_index (result.strangers, 2);
  g_assert_cmpstr (s->address, ==, "stranger@example.org");
  g_assert_cmpstr (s->name, ==, "");

  /* Their three messages are kept as read: the files a mail client
   * dragged may be gone when Add Contacts is clicked. */
  g_assert_cmpuint (result.unmatched->len, ==, 3);
  g_assert_false (result.unmatched_partial);
  g_assert_cmpint (g_unlink (olga_path), ==, 0);
  g_assert_cmpint (g_unlink (marek_path), ==, 0);
  g_assert_true (nudge_eml_add_strangers (f->store, result.strangers, result.unmatched, files, G_N_ELEMENTS (files),
                                          &(NudgeEmlTarget) { own, 0, 0 }, NULL, &added, contact_ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (contact_ids->len, ==, 3);
  g_assert_cmpuint (added.n_logged, ==, 3);
  g_assert_cmpuint (added.n_duplicates, ==, 0);
  g_assert_cmpuint (added.n_unmatched, ==, 0);
  contact = nudge_store_get_contact (f->store, g_array_index (contact_ids, gint64, 1), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nudge_contact_get_name (contact), ==, "Marek Dvořák");
  g_assert_cmpstr (nudge_contact_get_email (contact), ==, "marek@stavby.cz");
  g_assert_cmpstr (nudge_contact_get_source (contact), ==, "E-mail");
  g_assert_true (is_logged (f, "s-2@mojefirma.cz"));

  /* Undo: the three messages leave, the three contacts go to the trash;
   * Jan's two, logged before, stay. */
  g_assert_true (nudge_eml_unlog (f->store, added.activity_ids, contact_ids, &error));
  g_assert_no_error (error);
  g_assert_false (is_logged (f, "s-2@mojefirma.cz"));
  g_assert_true (is_logged (f, "mbox-1@firma.cz"));
  g_assert_cmpint (nudge_store_lookup (f->store, "SELECT COUNT(*) FROM contact WHERE trashed_at IS NOT NULL", 0, NULL, &error),
                   ==, 3);
  g_assert_no_error (error);

  /* Without kept messages (more than an import keeps), the files are
   * read again: the mbox's stranger gets a contact anew, the two
   * messages of Jan's in it are there already. */
  nudge_eml_result_clear (&added);
  g_array_set_size (contact_ids, 0);
  g_assert_true (nudge_eml_add_strangers (f->store, result.strangers, NULL, &mbox, 1,
                                          &(NudgeEmlTarget) { own, 0, 0 }, NULL, &added, contact_ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (contact_ids->len, ==, 3);
  g_assert_cmpuint (added.n_logged, ==, 1);
  g_assert_cmpuint (added.n_duplicates, ==, 2);
  g_assert_true (is_logged (f, "mbox-3@example.org"));
  nudge_eml_result_clear (&result);
  nudge_eml_result_clear (&added);
  g_unlink (cron_path);
}

static void
test_bad_file_adds_nothing (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GFile) alt = data_file ("multipart-alternative.eml");
  g_autofree char *empty_path = g_build_filename (f->dir, "empty.eml", NULL);
  g_autoptr(GFile) empty = NULL;
  g_autoptr(GPtrArray) history = NULL;
  NudgeEmlResult result = { 0 };
  g_autoptr(GError) error = NULL;
  GFile *files[2];

  g_file_set_contents (empty_path, "", 0, &error);
  g_assert_no_error (error);
  empty = g_file_new_for_path (empty_path);
  files[0] = alt;
  files[1] = empty;
  g_assert_false (nudge_eml_import_files (f->store, files, 2, &(NudgeEmlTarget) { own, 0, 0 }, NULL, &result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "empty.eml"));
  nudge_eml_result_clear (&result);
  history = nudge_store_list_activities (f->store, NUDGE_ENTITY_CONTACT, f->jan, NULL);
  g_assert_cmpuint (history->len, ==, 0);
  g_unlink (empty_path);
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "log", NUDGE_TEST_FUNC (test_log) },
    { "dropped-on-deal", NUDGE_TEST_FUNC (test_dropped_on_deal) },
    { "bad-file-adds-nothing", NUDGE_TEST_FUNC (test_bad_file_adds_nothing) },
    { "long-subject", NUDGE_TEST_FUNC (test_long_subject) },
    { "add-strangers", NUDGE_TEST_FUNC (test_add_strangers) },
  };

  g_setenv ("TZ", "Europe/Prague", TRUE);
  tzset ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/eml/multipart-alternative", test_multipart_alternative);
  g_test_add_func ("/core/eml/czech-windows-1250", test_czech_windows_1250);
  g_test_add_func ("/core/eml/ukrainian-koi8-u", test_ukrainian_koi8_u);
  g_test_add_func ("/core/eml/no-date-html-only", test_no_date_html_only);
  g_test_add_func ("/core/eml/mbox", test_mbox);
  nudge_test_add_table ("/core/eml/", Fixture, fixture_set_up, fixture_tear_down, cases);

  return g_test_run ();
}
