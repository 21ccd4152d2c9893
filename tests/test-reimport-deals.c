/* test-reimport-deals.c — a deals file imported again: the deals it
 * names found and brought up to date (their stage through the board's
 * moves), a renewal told from last year's deal, and Undo, on a real book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "nudge-clock.h"
#include "nudge-records.h"
#include "nudge-test-core.h"
#include "nudge-test-import.h"

typedef NudgeTestBook Fixture;

#define dry_run_ok(f, ...) nudge_test_import_checked ((f)->store, TRUE, __VA_ARGS__)
#define import_ok(f, ...)  nudge_test_import_checked ((f)->store, FALSE, __VA_ARGS__)

/* Every deal as the book has it (its stage, status and the times they
 * changed among them), and the stage history: equal snapshots, an
 * unchanged board. */
static char *
deal_snapshot (NudgeStore *store)
{
  return nudge_test_store_text (store,
    "SELECT (SELECT COUNT(*) FROM deal WHERE trashed_at IS NULL) || '|' || (SELECT COUNT(*) FROM stage_change"
    "   WHERE deal_id IN (SELECT id FROM deal WHERE trashed_at IS NULL))"
    " || '|' || (SELECT COUNT(*) FROM company WHERE trashed_at IS NULL) || '|' ||"
    " COALESCE((SELECT group_concat(title || '/' || COALESCE(company_id, 0) || '/' || COALESCE(contact_id, 0) || '/'"
    "   || stage_id || '/' || status || '/' || COALESCE(amount_minor, '-') || '/' || currency || '/' || product"
    "   || '/' || expected_close || '/' || notes || '/' || lost_reason || '/' || COALESCE(closed_at, 0) || '/'"
    "   || stage_entered_at, ';') FROM deal WHERE trashed_at IS NULL), '')");
}

static const char deals_csv[] =
  "Deal,Company,Amount,Currency,Stage,Expected Close,Product,Notes\n"
  "Coffee machines,Hotel Praha,\"125 000\",CZK,Proposal sent,2026-06-30,Espresso Pro,Needs two units\n"
  "Website redesign,,\"4 800\",EUR,Lead in,,,\n"
  "Office fit-out,Stavby Morava,\"980 000\",CZK,Negotiation,2026-09-01,,\n";

/* The same file twice: the second time every deal is found and none
 * is added or changed. A title and company spelled otherwise (case and
 * spaces aside) find theirs too, and the title takes the new spelling,
 * as a contact's name does. */
static void
test_deals_twice (Fixture       *f,
                  gconstpointer  data)
{
  static const char respelled[] =
    "Deal,Company\n"
    "COFFEE  machines,hotel praha\n"
    "website redesign,\n";
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  import_ok (f, NUDGE_ENTITY_DEAL, deals_csv, 3, 0, 0);
  before = deal_snapshot (f->store);
  dry_run_ok (f, NUDGE_ENTITY_DEAL, deals_csv, 0, 0, 3);
  import_ok (f, NUDGE_ENTITY_DEAL, deals_csv, 0, 0, 3);
  after = deal_snapshot (f->store);
  g_assert_cmpstr (before, ==, after);
  import_ok (f, NUDGE_ENTITY_DEAL, respelled, 0, 2, 0);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM deal"), ==, 3);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM deal WHERE title = 'COFFEE  machines'"), ==, 1);
}

/* The deal titled @title, read from the book */
static NudgeDeal *
deal_titled (Fixture    *f,
             const char *title)
{
  g_autoptr(GPtrArray) deals = nudge_store_list_deals (f->store, NULL);

  return g_object_ref (nudge_test_find_deal (deals, title));
}

#define import_deals_for_undo(f, text, result) nudge_test_import_for_undo ((f)->store, NUDGE_ENTITY_DEAL, (text), (result))

#define assert_undo(f, undo, code, expected) nudge_test_assert_import_undo ((f)->store, (undo), (code), deal_snapshot, (expected))

/* An updated amount and stage change the deal, the move goes into its
 * stage history, and the import's Undo puts the deal back as it was. */
static void
test_deal_updated_and_undone (Fixture       *f,
                              gconstpointer  data)
{
  static const char updated_csv[] =
    "Deal,Company,Amount,Stage\n"
    "Coffee machines,Hotel Praha,\"150 000\",Negotiation\n"
    "Website redesign,,,Won\n"
    "Office fit-out,Stavby Morava,\"980 000\",\n"
    "Catering,Hotel Praha,\"20 000\",Lead in\n";
  g_autoptr(NudgeImportUndo) undo = NULL;
  g_autoptr(NudgeDeal) coffee = NULL;
  g_autoptr(NudgeDeal) website = NULL;
  g_autofree char *before = NULL;
  NudgeImportResult result = { 0 };

  import_ok (f, NUDGE_ENTITY_DEAL, deals_csv, 3, 0, 0);
  before = deal_snapshot (f->store);
  undo = import_deals_for_undo (f, updated_csv, &result);
  nudge_test_assert_import_counts (&result, 1, 2, 1, 0);
  g_assert_cmpuint (result.updated_deals->len, ==, 2);
  g_assert_cmpstr (((NudgeImportPreviewRow *) g_ptr_array_index (result.preview_rows, 0))->detail, ==,
                   "amount 125,000.00\u00a0Kč → 150,000.00\u00a0Kč, stage Proposal sent → Negotiation");
  coffee = deal_titled (f, "Coffee machines");
  g_assert_cmpint (nudge_deal_get_amount_minor (coffee), ==, 15000000);
  g_assert_cmpstr (nudge_deal_get_currency (coffee), ==, "CZK");
  g_assert_cmpstr (nudge_deal_get_stage_name (coffee), ==, "Negotiation");
  g_assert_cmpstr (nudge_deal_get_product (coffee), ==, "Espresso Pro");
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM stage_change sc JOIN stage s ON s.id = sc.to_stage"
                                 " WHERE s.name = 'Negotiation' AND sc.deal_id ="
                                 " (SELECT id FROM deal WHERE title = 'Coffee machines')"), ==, 1);
  website = deal_titled (f, "Website redesign");
  g_assert_cmpint (nudge_deal_get_status (website), ==, NUDGE_DEAL_WON);
  g_assert_cmpint (nudge_deal_get_amount_minor (website), ==, 480000);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM deal"), ==, 4);
  g_assert_cmpstr (nudge_test_import_line (f->store, NUDGE_ENTITY_DEAL, nudge_deal_get_id (coffee)), ==,
                   "Imported: amount 125,000.00\u00a0Kč → 150,000.00\u00a0Kč, stage Proposal sent → Negotiation");

  assert_undo (f, undo, 0, before);
  g_assert_null (nudge_test_import_line (f->store, NUDGE_ENTITY_DEAL, nudge_deal_get_id (coffee)));
  nudge_import_result_clear (&result);
}

/* The deals and the status of every follow-up (whose sequence Undo
 * moves on: a calendar takes the event back only as a newer one) */
static char *
deals_and_followups_snapshot (NudgeStore *store)
{
  g_autofree char *deals = deal_snapshot (store);
  g_autofree char *followups =
    nudge_test_store_text (store, "SELECT group_concat(title || '/' || status, ';')"
                                  " FROM (SELECT * FROM followup ORDER BY id)");

  return g_strconcat (deals, "#", followups, NULL);
}

/* A file that closes a deal (by its status, or by a won stage) cancels
 * its open follow-ups, as closing it on the board does; a deal it leaves
 * open keeps its own. The import's Undo puts them back. */
static void
test_deal_closed_cancels_followups (Fixture       *f,
                                    gconstpointer  data)
{
  static const char closing_csv[] =
    "Deal - Title,Deal - Organization,Deal - Stage,Deal - Status,Deal - Lost reason\n"
    "Coffee machines,Hotel Praha,,lost,No budget\n"
    "Website redesign,,Won,,\n"
    "Office fit-out,Stavby Morava,Proposal sent,,\n";
  static const char *titles[] = { "Coffee machines", "Website redesign", "Office fit-out" };
  g_autoptr(NudgeImportUndo) undo = NULL;
  g_autofree char *before = NULL;
  g_autofree char *closed = NULL;
  NudgeImportResult result = { 0 };
  gint64 due = nudge_clock_now () + 2 * 86400;

  import_ok (f, NUDGE_ENTITY_DEAL, deals_csv, 3, 0, 0);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(NudgeDeal) deal = deal_titled (f, titles[i]);

      nudge_test_add_followup (f->store, nudge_deal_get_id (deal), titles[i], due, NULL);
    }
  before = deals_and_followups_snapshot (f->store);

  undo = import_deals_for_undo (f, closing_csv, &result);
  nudge_test_assert_import_counts (&result, 0, 3, 0, 0);
  /* The preview says what closing them does */
  g_assert_cmpstr (((NudgeImportPreviewRow *) g_ptr_array_index (result.preview_rows, 0))->detail, ==,
                   "stage Proposal sent → Lost, lost reason No budget, 1 open follow-up cancelled");
  g_assert_cmpstr (((NudgeImportPreviewRow *) g_ptr_array_index (result.preview_rows, 1))->detail, ==,
                   "stage Lead in → Won, 1 open follow-up cancelled");
  g_assert_cmpstr (((NudgeImportPreviewRow *) g_ptr_array_index (result.preview_rows, 2))->detail, ==,
                   "stage Negotiation → Proposal sent");
  closed = nudge_test_store_text (f->store, "SELECT group_concat(f.title || '/' || d.status || '/' || f.status, ';')"
                                            " FROM (SELECT * FROM followup ORDER BY id) f JOIN deal d ON d.id = f.deal_id");
  g_assert_cmpstr (closed, ==, "Coffee machines/lost/cancelled;Website redesign/won/cancelled;"
                              "Office fit-out/open/open");

  nudge_test_assert_import_undo (f->store, undo, 0, deals_and_followups_snapshot, before);
  nudge_import_result_clear (&result);
}

/* Undo refuses, changing nothing, when an updated deal was changed since. */
static void
test_deal_undo_after_edit (Fixture       *f,
                           gconstpointer  data)
{
  static const char updated_csv[] =
    "Deal,Company,Amount\n"
    "Coffee machines,Hotel Praha,\"150 000\"\n"
    "Catering,Hotel Praha,\"20 000\"\n";
  g_autoptr(NudgeImportUndo) undo = NULL;
  g_autoptr(NudgeDeal) coffee = NULL;
  g_autofree char *edited = NULL;
  NudgeImportResult result = { 0 };

  import_ok (f, NUDGE_ENTITY_DEAL, deals_csv, 3, 0, 0);
  undo = import_deals_for_undo (f, updated_csv, &result);
  coffee = deal_titled (f, "Coffee machines");
  g_object_set (coffee, "amount-minor", (gint64) 16000000, NULL);
  g_assert_cmpint (nudge_store_save_deal (f->store, coffee, NULL), >, 0);
  edited = deal_snapshot (f->store);
  assert_undo (f, undo, NUDGE_STORE_ERROR_CHANGED, edited);
  nudge_import_result_clear (&result);
}

/* Two deals of one title and company in the book: the row is not
 * guessed at; a dry run lists it, an import stops, and the book stays
 * as it was. */
static void
test_deal_ambiguous (Fixture       *f,
                     gconstpointer  data)
{
  static const char update_csv[] =
    "Deal,Company,Amount\n"
    "Coffee machines,HOTEL PRAHA,\"200 000\"\n"
    "Website redesign,,\"6 000\"\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  NudgeImportResult result = { 0 };

  /* Saved one by one, as the seller did by hand */
  nudge_test_add_deal (f->store, "title", "Coffee machines", "company-id",
                       nudge_test_add_named_company (f->store, "Hotel Praha"), NULL);
  nudge_test_add_deal (f->store, "title", "Coffee Machines", "company-id",
                       nudge_test_store_int (f->store, "SELECT id FROM company WHERE name = 'Hotel Praha'"), NULL);
  nudge_test_add_titled_deal (f->store, "Website redesign");
  nudge_test_add_titled_deal (f->store, "Website  redesign");
  before = deal_snapshot (f->store);

  g_assert_true (nudge_test_import_text (f->store, NUDGE_ENTITY_DEAL, update_csv, TRUE, NULL, &result, &error));
  nudge_test_assert_import_counts (&result, 0, 0, 0, 2);
  g_assert_cmpstr (g_ptr_array_index (result.errors, 0), ==,
                   "Line 2: More than one deal in the book is called “Coffee machines” at “HOTEL PRAHA”: "
                   "rename one of them, then import the file again");
  g_assert_cmpstr (g_ptr_array_index (result.errors, 1), ==,
                   "Line 3: More than one deal in the book is called “Website redesign” and has no company: "
                   "rename one of them, then import the file again");
  nudge_import_result_clear (&result);

  g_assert_false (nudge_test_import_text (f->store, NUDGE_ENTITY_DEAL, update_csv, FALSE, NULL, &result, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“Coffee machines”"));
  nudge_import_result_clear (&result);
  after = deal_snapshot (f->store);
  g_assert_cmpstr (before, ==, after);
}

/* A deal sold again every year: last year's is won, this year's is
 * open. A row about it means the open one; once both are closed the row
 * could be either and is refused. */
static void
test_deal_renewal_open_one (Fixture       *f,
                            gconstpointer  data)
{
  static const char update_csv[] =
    "Deal,Company,Amount\n"
    "Service renewal,ACME s.r.o.,\"50 000\"\n";
  g_autoptr(GError) error = NULL;
  NudgeImportResult result = { 0 };
  gint64 acme = nudge_test_add_named_company (f->store, "ACME s.r.o.");
  gint64 last_year = nudge_test_add_deal (f->store, "title", "Service renewal", "company-id", acme,
                                          "has-amount", TRUE, "amount-minor", G_GINT64_CONSTANT (4000000), NULL);
  gint64 this_year = nudge_test_add_deal (f->store, "title", "Service renewal", "company-id", acme, NULL);

  g_assert_true (nudge_store_set_deal_status (f->store, last_year, NUDGE_DEAL_WON, NULL, &error));
  g_assert_true (nudge_test_import_text (f->store, NUDGE_ENTITY_DEAL, update_csv, FALSE, NULL, &result, &error));
  g_assert_no_error (error);
  nudge_test_assert_import_counts (&result, 0, 1, 0, 0);
  nudge_import_result_clear (&result);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT amount_minor FROM deal WHERE id = %" G_GINT64_FORMAT,
                                         this_year), ==, 5000000);
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT amount_minor FROM deal WHERE id = %" G_GINT64_FORMAT,
                                         last_year), ==, 4000000);

  g_assert_true (nudge_store_set_deal_status (f->store, this_year, NUDGE_DEAL_WON, NULL, &error));
  g_assert_true (nudge_test_import_text (f->store, NUDGE_ENTITY_DEAL, update_csv, TRUE, NULL, &result, &error));
  nudge_test_assert_import_counts (&result, 0, 0, 0, 1);
  nudge_import_result_clear (&result);
}

/* Empty cells keep what the book has; only what the row fills is
 * written, and a row with nothing new is unchanged. */
static void
test_deal_empty_cells_keep_values (Fixture       *f,
                                   gconstpointer  data)
{
  static const char sparse_csv[] =
    "Deal,Company,Amount,Currency,Stage,Expected Close,Product,Notes\n"
    "Coffee machines,Hotel Praha,,,,,,\n"
    "Office fit-out,Stavby Morava,,,,2026-10-15,,\n";
  g_autoptr(NudgeDeal) coffee = NULL;
  g_autoptr(NudgeDeal) office = NULL;

  import_ok (f, NUDGE_ENTITY_DEAL, deals_csv, 3, 0, 0);
  dry_run_ok (f, NUDGE_ENTITY_DEAL, sparse_csv, 0, 1, 1);
  import_ok (f, NUDGE_ENTITY_DEAL, sparse_csv, 0, 1, 1);
  coffee = deal_titled (f, "Coffee machines");
  g_assert_cmpint (nudge_deal_get_amount_minor (coffee), ==, 12500000);
  g_assert_cmpstr (nudge_deal_get_currency (coffee), ==, "CZK");
  g_assert_cmpstr (nudge_deal_get_stage_name (coffee), ==, "Proposal sent");
  g_assert_cmpstr (nudge_deal_get_expected_close (coffee), ==, "2026-06-30");
  g_assert_cmpstr (nudge_deal_get_product (coffee), ==, "Espresso Pro");
  g_assert_cmpstr (nudge_deal_get_notes (coffee), ==, "Needs two units");
  office = deal_titled (f, "Office fit-out");
  g_assert_cmpstr (nudge_deal_get_expected_close (office), ==, "2026-10-15");
  g_assert_cmpint (nudge_deal_get_amount_minor (office), ==, 98000000);
  g_assert_cmpstr (nudge_deal_get_stage_name (office), ==, "Negotiation");
}

/* A dry run counts the deals an import would update and leave, writes
 * nothing, and the import then does what it said. */
static void
test_deal_dry_run_counts (Fixture       *f,
                          gconstpointer  data)
{
  static const char updated_csv[] =
    "Deal,Company,Amount,Currency,Stage,Expected Close,Product,Notes\n"
    "Coffee machines,Hotel Praha,\"125 000\",CZK,Proposal sent,2026-07-31,Espresso Pro,Needs two units\n"
    "Website redesign,,\"4 800\",EUR,Lead in,,,\n"
    "Office fit-out,Stavby Morava,\"980 000\",CZK,Lost,2026-09-01,,\n"
    "Catering,Hotel Praha,\"20 000\",CZK,,,,\n";
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *status = NULL;

  import_ok (f, NUDGE_ENTITY_DEAL, deals_csv, 3, 0, 0);
  before = deal_snapshot (f->store);
  dry_run_ok (f, NUDGE_ENTITY_DEAL, updated_csv, 1, 2, 1);
  after = deal_snapshot (f->store);
  g_assert_cmpstr (before, ==, after);
  import_ok (f, NUDGE_ENTITY_DEAL, updated_csv, 1, 2, 1);
  dry_run_ok (f, NUDGE_ENTITY_DEAL, updated_csv, 0, 0, 4);
  status = nudge_test_store_text (f->store, "SELECT status FROM deal WHERE title = 'Office fit-out'");
  g_assert_cmpstr (status, ==, "lost");
}

/* Pipedrive's status: a deal won in the book is won again by a row
 * that says so (unchanged), lost with its reason, and open again in its
 * pipeline's first open stage; the history keeps each move. */
/* A deal's status, as Pipedrive's export and a plain sheet say it:
 * won and lost move the deal to its pipeline's Won or Lost stage, with
 * the reason; on hold keeps it where it is; open brings a closed one
 * back to the pipeline's first stage. */
static void
test_deal_status (Fixture       *f,
                  gconstpointer  data)
{
  static const char *const headers[] = {
    "Deal - Title,Deal - Organization,Deal - Stage,Deal - Status,Deal - Lost reason\n",
    "Deal,Company,Stage,Status,Lost reason\n",
  };
  const char *header = headers[GPOINTER_TO_UINT (data)];
  static const struct
  {
    const char *row;
    guint       n_updated;
    const char *expected;
  } steps[] = {
    { "Coffee machines,Hotel Praha,Proposal sent,won,\n", 0, "Won/won/" },
    { "Coffee machines,Hotel Praha,,won,\n", 0, "Won/won/" },
    { "Coffee machines,Hotel Praha,,lost,No budget\n", 1, "Lost/lost/No budget" },
    { "Coffee machines,Hotel Praha,,lost,Bad timing\n", 1, "Lost/lost/Bad timing" },
    { "Coffee machines,Hotel Praha,,open,\n", 1, "Lead in/open/" },
    { "Coffee machines,Hotel Praha,,On hold,\n", 1, "Lead in/on_hold/" },
    { "Coffee machines,Hotel Praha,Negotiation,,\n", 1, "Negotiation/on_hold/" },
    { "Coffee machines,Hotel Praha,,open,\n", 1, "Negotiation/open/" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *csv = g_strconcat (header, steps[i].row, NULL);
      g_autofree char *deal = NULL;

      import_ok (f, NUDGE_ENTITY_DEAL, csv, i == 0, steps[i].n_updated, i > 0 && steps[i].n_updated == 0);
      deal = nudge_test_store_text (f->store, "SELECT s.name || '/' || d.status || '/' || IIF(d.status = 'lost', d.lost_reason, '')"
                            " FROM deal d JOIN stage s ON s.id = d.stage_id");
      g_assert_cmpstr (deal, ==, steps[i].expected);
    }
  g_assert_cmpint (nudge_test_store_int (f->store, "SELECT COUNT(*) FROM stage_change"), ==, 4);
}

/* A Czech sheet says the status as the app shows it; a word that is no
 * status is refused with the words that are. */
static void
test_deal_status_in_czech (Fixture       *f,
                           gconstpointer  data)
{
  static const char sheet[] =
    "Obchod;Firma;Stav;Důvod prohry\n"
    "Kávovary;Hotel Praha;Prohraný;Cena\n"
    "Catering;Hotel Praha;pozastavený;\n";
  static const char wrong[] = "Obchod;Firma;Stav\nKávovary;Hotel Praha;Horký\n";
  NudgeImportResult result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *deals = NULL;

  if (!nudge_test_use_locale ("cs_CZ.UTF-8"))
    return;
  import_ok (f, NUDGE_ENTITY_DEAL, sheet, 2, 0, 0);
  deals = nudge_test_store_text (f->store, "SELECT group_concat(title || '/' || status || '/' || lost_reason, ';')"
                                           " FROM (SELECT * FROM deal ORDER BY id)");
  g_assert_cmpstr (deals, ==, "Kávovary/lost/Cena;Catering/on_hold/");
  g_assert_false (nudge_test_import_text (f->store, NUDGE_ENTITY_DEAL, wrong, FALSE, NULL, &result, &error));
  g_assert_cmpstr (error->message, ==, "Řádek 2: „Horký“ není stav obchodu: otevřený, vyhraný, prohraný nebo "
                                       "pozastavený (open, won, lost, on hold)");
  nudge_import_result_clear (&result);
  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "deals-twice", NUDGE_TEST_FUNC (test_deals_twice) },
    { "deal-updated-and-undone", NUDGE_TEST_FUNC (test_deal_updated_and_undone) },
    { "deal-undo-after-edit", NUDGE_TEST_FUNC (test_deal_undo_after_edit) },
    { "deal-closed-cancels-followups", NUDGE_TEST_FUNC (test_deal_closed_cancels_followups) },
    { "deal-ambiguous", NUDGE_TEST_FUNC (test_deal_ambiguous) },
    { "deal-renewal-open-one", NUDGE_TEST_FUNC (test_deal_renewal_open_one) },
    { "deal-empty-cells-keep-values", NUDGE_TEST_FUNC (test_deal_empty_cells_keep_values) },
    { "deal-dry-run-counts", NUDGE_TEST_FUNC (test_deal_dry_run_counts) },
    { "deal-status-from-pipedrive", NUDGE_TEST_FUNC (test_deal_status), GUINT_TO_POINTER (0) },
    { "deal-status-from-sheet", NUDGE_TEST_FUNC (test_deal_status), GUINT_TO_POINTER (1) },
    { "deal-status-in-czech", NUDGE_TEST_FUNC (test_deal_status_in_czech) },
  };

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("NUDGE_NOW", "2026-03-29T09:00", TRUE);
  nudge_test_init (&argc, &argv, NULL);
  nudge_test_use_translations ();

  nudge_test_add_table ("/core/reimport/", Fixture, nudge_test_book_set_up, nudge_test_book_tear_down, cases);

  return g_test_run ();
}
