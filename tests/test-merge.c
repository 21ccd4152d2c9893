/* test-merge.c — merging duplicate contacts and companies, and Undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <time.h>

#include "nudge-clock.h"
#include "nudge-merge.h"
#include "nudge-automation.h"
#include "nudge-store.h"
#include "nudge-store-private.h"
#include "nudge-test-core.h"

#define T0 1772362800  /* 2026-03-01 12:00 Prague */

typedef NudgeTestBook Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  nudge_clock_pin (T0);
  nudge_test_book_set_up (f, data);
}

/* Every row of every table a merge touches, search index included, as
 * text: equal dumps are equal books. */
static char *
dump_book (NudgeStore *store)
{
  static const char *const queries[] = {
    "SELECT * FROM company ORDER BY id",
    "SELECT * FROM contact ORDER BY id",
    "SELECT * FROM deal ORDER BY id",
    "SELECT * FROM activity ORDER BY id",
    "SELECT * FROM followup ORDER BY id",
    "SELECT * FROM contact_channel ORDER BY id",
    "SELECT * FROM rule_fired ORDER BY rule_id, subject, episode",
    /* The words, not the spaces between them (a contact typed in has
     * its index row written without the channels' part). */
    "SELECT rowid, trim(replace(replace(replace(body, '   ', ' '), '  ', ' '), '  ', ' ')) FROM contact_fts ORDER BY rowid",
    "SELECT rowid, trim(replace(replace(replace(body, '   ', ' '), '  ', ' '), '  ', ' ')) FROM deal_fts ORDER BY rowid",
  };

  return nudge_test_dump_rows (store, queries, G_N_ELEMENTS (queries));
}

static gint64
add_deal (NudgeStore *store,
          const char *title,
          gint64      company_id,
          gint64      contact_id)
{
  return nudge_test_add_deal (store, "title", title, "company-id", company_id, "contact-id", contact_id, NULL);
}

static gint64
add_activity (NudgeStore *store,
              gint64      contact_id,
              gint64      deal_id,
              gint64      when,
              const char *summary)
{
  return nudge_test_add_activity (store, "kind", "call", "occurred-at", when, "contact-id", contact_id,
                                  "deal-id", deal_id, "summary", summary, NULL);
}

static gint64
add_followup (NudgeStore *store,
              gint64      contact_id,
              gint64      deal_id,
              const char *title)
{
  g_autoptr(NudgeFollowup) followup = nudge_followup_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_object_set (followup, "title", title, "kind", "call", "due-at", (gint64) T0 + 3 * 86400,
                "contact-id", contact_id, "deal-id", deal_id, NULL);
  id = nudge_store_save_followup (store, followup, &error);
  g_assert_no_error (error);
  return id;
}

static gboolean
has_channel (GPtrArray  *channels,
             const char *value)
{
  for (guint i = 0; i < channels->len; i++)
    if (g_strcmp0 (((char **) g_ptr_array_index (channels, i))[2], value) == 0)
      return TRUE;
  return FALSE;
}

static const NudgeMergeField *
find_field (GPtrArray  *fields,
            const char *column)
{
  for (guint i = 0; i < fields->len; i++)
    if (g_str_equal (((NudgeMergeField *) g_ptr_array_index (fields, i))->column, column))
      return g_ptr_array_index (fields, i);
  return NULL;
}

static gboolean
suggests_other (GPtrArray  *fields,
                const char *column)
{
  const NudgeMergeField *field = find_field (fields, column);

  if (field == NULL)
    g_error ("“%s” is not offered", column);
  return field->take_other;
}

/* Two Jan Nováks: one typed in, one imported later with his private
 * address, a second phone and the title. */
static void
make_duplicates (Fixture *f,
                 gint64  *a,
                 gint64  *b)
{
  *a = nudge_test_add_contact (f->store, "name", "Jan Novák", "email", "jan@firma.cz", "phone", "+420 601 111 222",
                               "title", "", "tags", "vip", NULL);
  nudge_clock_pin (T0 + 3600);
  *b = nudge_test_add_contact (f->store, "name", "Jan Novak", "email", "jan.novak@gmail.com", "phone", "+420601111222",
                               "title", "Nákupčí", "tags", "partner", NULL);
  nudge_test_store_int (f->store, "INSERT INTO contact_channel (contact_id, kind, label, value, position) VALUES"
           " (%" G_GINT64_FORMAT ", 'email', 'work', 'JAN@FIRMA.CZ', 0),"
           " (%" G_GINT64_FORMAT ", 'phone', 'mobile', '+420 777 000 111', 1)", *b, *b);
}

static void
test_compare_suggests (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GPtrArray) fill = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a, b;

  make_duplicates (f, &a, &b);
  fields = nudge_merge_compare (f->store, NUDGE_ENTITY_CONTACT, a, b, FALSE, &error);
  g_assert_no_error (error);
  /* E-mail and phone are united, not chosen; equal fields are not shown. */
  g_assert_null (find_field (fields, "email"));
  g_assert_null (find_field (fields, "phone"));
  g_assert_null (find_field (fields, "source"));
  /* The non-empty value, and between two the newer record's. */
  g_assert_true (suggests_other (fields, "title"));
  g_assert_cmpstr (((const NudgeMergeField *) g_ptr_array_index (fields, 1))->other_text, ==, "Nákupčí");
  g_assert_cmpstr (((const NudgeMergeField *) g_ptr_array_index (fields, 1))->column, ==, "title");
  g_assert_true (suggests_other (fields, "tags"));
  g_assert_true (suggests_other (fields, "name"));

  fill = nudge_merge_compare (f->store, NUDGE_ENTITY_CONTACT, a, b, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (suggests_other (fill, "title"));
  g_assert_false (suggests_other (fill, "tags"));
  g_assert_false (suggests_other (fill, "name"));

  g_assert_null (nudge_merge_compare (f->store, NUDGE_ENTITY_CONTACT, a, a, FALSE, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
}

/* Undoing the merge @undo brings the book back to @before (as
 * dump_book() wrote it), row for row. */
static void
assert_undo_restores (Fixture        *f,
                      NudgeMergeUndo *undo,
                      const char     *before)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *after_undo = NULL;

  g_assert_true (nudge_merge_undo (f->store, undo, &error));
  g_assert_no_error (error);
  after_undo = dump_book (f->store);
  g_assert_cmpstr (after_undo, ==, before);
}

static void
test_contacts (Fixture       *f,
               gconstpointer  data)
{
  const char *take[] = { "title", "tags", NULL };
  g_autoptr(NudgeMergeUndo) undo = NULL;
  g_autoptr(NudgeContact) merged = NULL;
  g_autoptr(NudgeContact) back = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) channels = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autoptr(GArray) found = NULL;
  gint64 a, b, deal_a, deal_b;

  make_duplicates (f, &a, &b);
  deal_a = add_deal (f->store, "Servis", 0, a);
  deal_b = add_deal (f->store, "Licence", 0, b);
  add_activity (f->store, a, 0, T0 - 86400, "First call");
  add_activity (f->store, b, deal_b, T0 + 1800, "Asked for a price");
  add_activity (f->store, b, 0, T0 - 7200, "Met at a fair");
  add_followup (f->store, b, 0, "Send the brochure");
  add_followup (f->store, 0, deal_b, "Call about the licence");
  add_followup (f->store, a, deal_a, "Service visit");
  before = dump_book (f->store);

  undo = nudge_merge_records (f->store, NUDGE_ENTITY_CONTACT, a, b, take, &error);
  g_assert_no_error (error);
  g_assert_nonnull (undo);
  g_assert_cmpstr (nudge_merge_undo_get_name (undo), ==, "Jan Novák");

  /* The other is gone, the chosen values won, the rest is the survivor's. */
  g_assert_null (nudge_store_get_contact (f->store, b, NULL));
  merged = nudge_store_get_contact (f->store, a, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nudge_contact_get_name (merged), ==, "Jan Novák");
  g_assert_cmpstr (nudge_contact_get_title (merged), ==, "Nákupčí");
  g_assert_cmpstr (nudge_contact_get_tags (merged), ==, "partner");
  g_assert_cmpstr (nudge_contact_get_email (merged), ==, "jan@firma.cz");
  g_assert_cmpint (nudge_contact_get_last_activity_at (merged), ==, T0 + 1800);

  /* Every activity, deal and follow-up now hangs on the survivor. */
  history = nudge_store_list_activities (f->store, NUDGE_ENTITY_CONTACT, a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM deal WHERE contact_id = %" G_GINT64_FORMAT, a), ==, 2);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM followup WHERE contact_id = %" G_GINT64_FORMAT, a), ==, 2);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM followup"), ==, 3);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT (SELECT COUNT(*) FROM activity WHERE contact_id = %" G_GINT64_FORMAT ")"
                                     " + (SELECT COUNT(*) FROM followup WHERE contact_id = %" G_GINT64_FORMAT ")"
                                     " + (SELECT COUNT(*) FROM deal WHERE contact_id = %" G_GINT64_FORMAT ")",
                           b, b, b), ==, 0);

  /* Channels united, each once: the other's address and mobile joined,
   * the same address in capitals and the same phone spaced otherwise
   * did not. */
  channels = nudge_store_list_contact_channels (f->store, a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (channels->len, ==, 2);
  g_assert_true (has_channel (channels, "jan.novak@gmail.com"));
  g_assert_true (has_channel (channels, "+420 777 000 111"));
  found = nudge_store_search (f->store, NUDGE_ENTITY_CONTACT, "gmail", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, >=, 1);
  g_assert_cmpint (g_array_index (found, gint64, 0) == a || g_array_index (found, gint64, found->len - 1) == a, ==, TRUE);

  /* Undo: the book as it was, row for row. */
  assert_undo_restores (f, undo, before);
  back = nudge_store_get_contact (f->store, b, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nudge_contact_get_title (back), ==, "Nákupčí");
}

static void
test_companies (Fixture       *f,
                gconstpointer  data)
{
  const char *take[] = { "industry", NULL };
  g_autoptr(NudgeCompany) merged = NULL;
  g_autoptr(NudgeContact) moved = NULL;
  g_autoptr(NudgeMergeUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  gint64 c1, c2, person, deal;

  c1 = nudge_test_add_company (f->store, "name", "Pekárna Novák s.r.o.", "website", "https://pekarna.cz", NULL);
  c2 = nudge_test_add_company (f->store, "name", "Pekárna Novák", "industry", "Potraviny", NULL);
  person = nudge_test_add_contact (f->store, "name", "Eva Malá", "email", "eva@pekarna.cz", "phone", "", "title", "",
                                   "tags", "", NULL);
  nudge_test_store_int (f->store, "UPDATE contact SET company_id = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT, c2, person);
  deal = add_deal (f->store, "Rohlíky", c2, person);
  add_activity (f->store, person, deal, T0, "Degustace");
  before = dump_book (f->store);

  undo = nudge_merge_records (f->store, NUDGE_ENTITY_COMPANY, c1, c2, take, &error);
  g_assert_no_error (error);
  g_assert_null (nudge_store_get_company (f->store, c2, NULL));
  merged = nudge_store_get_company (f->store, c1, &error);
  g_assert_cmpstr (nudge_company_get_industry (merged), ==, "Potraviny");
  g_assert_cmpstr (nudge_company_get_website (merged), ==, "https://pekarna.cz");
  g_assert_cmpint (nudge_company_get_n_contacts (merged), ==, 1);
  g_assert_cmpint (nudge_company_get_n_open_deals (merged), ==, 1);
  moved = nudge_store_get_contact (f->store, person, &error);
  g_assert_cmpint (nudge_contact_get_company_id (moved), ==, c1);

  /* Only the listed fields may be taken. */
  g_assert_null (nudge_merge_records (f->store, NUDGE_ENTITY_COMPANY, c1, c2, take, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  assert_undo_restores (f, undo, before);
}

/* What the seller wrote down on each of the two is kept on the one
 * that stays, the survivor's first; Undo gives each its own again. */
static void
test_notes_kept (Fixture       *f,
                 gconstpointer  data)
{
  const char *take[] = { "name", NULL };
  const char *notes[] = { "notes", NULL };
  g_autoptr(NudgeMergeUndo) undo = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(NudgeContact) merged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  gint64 a = nudge_test_add_contact (f->store, "name", "Jan Horák", "notes", "Budget approved in September", NULL);
  gint64 b = nudge_test_add_contact (f->store, "name", "Jan Horak", "notes", "Call after ten", NULL);
  gint64 c = nudge_test_add_contact (f->store, "name", "J. Horák", NULL);

  fields = nudge_merge_compare (f->store, NUDGE_ENTITY_CONTACT, a, b, FALSE, &error);
  g_assert_no_error (error);
  g_assert_null (find_field (fields, "notes"));
  /* Notes are not a choice: both are kept. */
  g_assert_null (nudge_merge_records (f->store, NUDGE_ENTITY_CONTACT, a, b, notes, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  before = dump_book (f->store);
  undo = nudge_merge_records (f->store, NUDGE_ENTITY_CONTACT, a, b, take, &error);
  g_assert_no_error (error);
  merged = nudge_store_get_contact (f->store, a, &error);
  g_assert_cmpstr (nudge_contact_get_name (merged), ==, "Jan Horak");
  g_assert_cmpstr (nudge_contact_get_notes (merged), ==, "Budget approved in September\n\nCall after ten");
  assert_undo_restores (f, undo, before);

  /* A survivor without notes takes the other's. */
  g_clear_pointer (&undo, nudge_merge_undo_free);
  g_clear_object (&merged);
  undo = nudge_merge_records (f->store, NUDGE_ENTITY_CONTACT, c, b, NULL, &error);
  g_assert_no_error (error);
  merged = nudge_store_get_contact (f->store, c, &error);
  g_assert_cmpstr (nudge_contact_get_notes (merged), ==, "Call after ten");
}

static void
test_refuses_unknown_column (Fixture       *f,
                             gconstpointer  data)
{
  const char *take[] = { "trashed_at", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 a, b;

  make_duplicates (f, &a, &b);
  before = dump_book (f->store);
  g_assert_null (nudge_merge_records (f->store, NUDGE_ENTITY_CONTACT, a, b, take, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  after = dump_book (f->store);
  g_assert_cmpstr (after, ==, before);
}

/* Two long notes, each within the limit, would together pass it: the
 * merge says so, naming the limit, and the book stays as it was. */
static void
test_notes_too_long (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_a = g_strnfill (60000, 'a');
  g_autofree char *long_b = g_strnfill (60000, 'b');
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 a = nudge_test_add_contact (f->store, "name", "Jan Horák", "notes", long_a, NULL);
  gint64 b = nudge_test_add_contact (f->store, "name", "Jan Horak", "notes", long_b, NULL);
  gint64 c1 = nudge_test_add_company (f->store, "name", "Pekárna", "notes", long_a, NULL);
  gint64 c2 = nudge_test_add_company (f->store, "name", "Pekárna Novák", "notes", long_b, NULL);

  before = dump_book (f->store);
  g_assert_null (nudge_merge_records (f->store, NUDGE_ENTITY_CONTACT, a, b, NULL, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "notes"));
  g_assert_nonnull (strstr (error->message, "100000"));
  g_clear_error (&error);
  g_assert_null (nudge_merge_records (f->store, NUDGE_ENTITY_COMPANY, c1, c2, NULL, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_TOO_LONG);
  after = dump_book (f->store);
  g_assert_cmpstr (after, ==, before);
}

/* "Stay in touch" reminded of Jan Novak's last call; merged into Jan
 * Novák, that call is the survivor's last touch, and the rule knows it
 * acted on it already. Undo gives each contact its own memory back. */
static void
test_rule_memory_moves (Fixture       *f,
                        gconstpointer  data)
{
  const char *take[] = { "stay_max_days", NULL };
  g_autoptr(NudgeMergeUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  gint64 a, b, rule;

  nudge_clock_pin (T0 - 100 * 86400);
  a = nudge_test_add_contact (f->store, "name", "Jan Novák", NULL);
  b = nudge_test_add_contact (f->store, "name", "Jan Novak", NULL);
  nudge_test_store_int (f->store, "UPDATE contact SET stay_max_days = 14 WHERE id = %" G_GINT64_FORMAT, b);
  add_activity (f->store, b, 0, T0 - 20 * 86400, "Call about the order");
  nudge_clock_pin (T0);
  g_assert_cmpint (nudge_rules_run (f->store, &error), ==, 1);
  g_assert_no_error (error);
  rule = nudge_test_store_int (f->store, "SELECT rule_id FROM rule_fired WHERE subject = 'contact:%" G_GINT64_FORMAT "'", b);
  g_assert_cmpint (rule, >, 0);
  /* The seller deleted the reminder: the rule is not to make it again. */
  nudge_test_store_int (f->store, "DELETE FROM followup");
  /* Both were reminded once in an episode they share. */
  nudge_test_store_int (f->store, "INSERT INTO rule_fired (rule_id, subject, episode, fired_at) VALUES"
           " (%" G_GINT64_FORMAT ", 'contact:%" G_GINT64_FORMAT "', 'touch:1', 1),"
           " (%" G_GINT64_FORMAT ", 'contact:%" G_GINT64_FORMAT "', 'touch:1', 2)", rule, a, rule, b);
  before = dump_book (f->store);

  undo = nudge_merge_records (f->store, NUDGE_ENTITY_CONTACT, a, b, take, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM rule_fired WHERE subject = 'contact:%" G_GINT64_FORMAT "'", a),
                   ==, 2);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM rule_fired WHERE subject = 'contact:%" G_GINT64_FORMAT "'"
                                     " AND episode = 'touch:1'", a), ==, 1);
  g_assert_cmpint (nudge_rules_run (f->store, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM followup"), ==, 0);

  assert_undo_restores (f, undo, before);
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "compare-suggests", NUDGE_TEST_FUNC (test_compare_suggests) },
    { "contacts", NUDGE_TEST_FUNC (test_contacts) },
    { "companies", NUDGE_TEST_FUNC (test_companies) },
    { "refuses-unknown-column", NUDGE_TEST_FUNC (test_refuses_unknown_column) },
    { "notes-kept", NUDGE_TEST_FUNC (test_notes_kept) },
    { "notes-too-long", NUDGE_TEST_FUNC (test_notes_too_long) },
    { "rule-memory-moves", NUDGE_TEST_FUNC (test_rule_memory_moves) },
  };

  g_setenv ("TZ", "Europe/Prague", TRUE);
  tzset ();
  g_test_init (&argc, &argv, NULL);

  nudge_test_add_table ("/core/merge/", Fixture, fixture_set_up, nudge_test_book_tear_down, cases);

  return g_test_run ();
}
