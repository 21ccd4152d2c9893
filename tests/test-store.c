/* test-store.c — the SQLite store's records: saving and reading them,
 * validation, search, trash and stages (how changes are announced is in
 * test-store-changes.c, how the file is opened in test-store-file.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "nudge-clock.h"
#include "nudge-record.h"
#include "nudge-store.h"
#include "nudge-test-core.h"

typedef NudgeTestBook Fixture;

static gint64
add_contact (NudgeStore *store,
             const char *name,
             gint64      company_id)
{
  return nudge_test_add_contact (store, "name", name, "company-id", company_id, NULL);
}

static gint64
add_deal (NudgeStore *store,
          const char *title,
          gint64      company_id,
          gint64      contact_id)
{
  return nudge_test_add_deal (store, "title", title, "company-id", company_id, "contact-id", contact_id,
                              "amount-minor", (gint64) 12000000, "has-amount", TRUE, NULL);
}

/* ---- records ---------------------------------------------------------- */

static void
test_company_crud (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(NudgeCompany) company = nudge_company_new ();
  g_autoptr(NudgeCompany) loaded = NULL;
  g_autoptr(NudgeCompany) reopened = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_object_set (company,
                "name", "  Dvořák Strojírny s.r.o.  ",
                "industry", "Manufacturing",
                "website", "https://dvorak.example.cz",
                "phone", "+420 601 234 567",
                "email", "obchod@dvorak.example.cz",
                NULL);
  id = nudge_store_save_company (f->store, company, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  loaded = nudge_store_get_company (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nudge_company_get_name (loaded), ==, "Dvořák Strojírny s.r.o.");
  g_assert_cmpstr (nudge_company_get_industry (loaded), ==, "Manufacturing");
  g_assert_cmpstr (nudge_company_get_phone (loaded), ==, "+420 601 234 567");
  g_assert_cmpint (nudge_company_get_created_at (loaded), ==, nudge_clock_now ());

  nudge_clock_pin (nudge_clock_now () + 60);
  g_object_set (loaded, "industry", "Machinery", NULL);
  g_assert_cmpint (nudge_store_save_company (f->store, loaded, &error), ==, id);
  g_assert_no_error (error);

  /* What was written survives closing the file. */
  g_clear_object (&f->store);
  f->store = nudge_store_open (f->path, &error);
  g_assert_no_error (error);
  reopened = nudge_store_get_company (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nudge_company_get_industry (reopened), ==, "Machinery");
  g_assert_cmpint (nudge_company_get_updated_at (reopened), ==, nudge_clock_now ());

  all = nudge_store_list_companies (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);

  g_assert_null (nudge_store_get_company (f->store, id + 100, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND);
}

static void
test_contact_crud (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(NudgeContact) contact = nudge_contact_new ();
  g_autoptr(NudgeContact) loaded = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  gint64 company_id = nudge_test_add_named_company (f->store, "Wiśniewski i Syn sp. z o.o.");
  gint64 id;

  g_object_set (contact,
                "name", "Łukasz Wiśniewski",
                "company-id", company_id,
                "email", "lukasz.wisniewski@example.pl",
                "phone", "+48 512 345 678",
                "title", "Dyrektor zakupów",
                "decision-maker", TRUE,
                "stay-ideal-days", 14,
                "stay-max-days", 30,
                NULL);
  id = nudge_store_save_contact (f->store, contact, &error);
  g_assert_no_error (error);

  loaded = nudge_store_get_contact (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nudge_contact_get_name (loaded), ==, "Łukasz Wiśniewski");
  g_assert_cmpstr (nudge_contact_get_company_name (loaded), ==, "Wiśniewski i Syn sp. z o.o.");
  g_assert_cmpstr (nudge_contact_get_email (loaded), ==, "lukasz.wisniewski@example.pl");
  g_assert_true (nudge_contact_get_decision_maker (loaded));
  g_assert_cmpint (nudge_contact_get_stay_max_days (loaded), ==, 30);

  g_object_set (loaded, "title", "Prezes", NULL);
  g_assert_cmpint (nudge_store_save_contact (f->store, loaded, &error), ==, id);
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = nudge_store_get_contact (f->store, id, &error);
  g_assert_cmpstr (nudge_contact_get_title (loaded), ==, "Prezes");

  all = nudge_store_list_contacts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);

  /* The ideal interval cannot exceed the maximum. */
  g_object_set (loaded, "stay-ideal-days", 40, NULL);
  g_assert_cmpint (nudge_store_save_contact (f->store, loaded, &error), ==, 0);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A contact cannot point at a company that does not exist. */
  g_clear_object (&contact);
  contact = nudge_contact_new ();
  g_object_set (contact, "name", "Олена Шевченко", "company-id", company_id + 50, NULL);
  g_assert_cmpint (nudge_store_save_contact (f->store, contact, &error), ==, 0);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND);
}

static void
test_deal_crud (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(NudgeDeal) loaded = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GPtrArray) deals = NULL;
  g_autoptr(GError) error = NULL;
  gint64 company_id = nudge_test_add_named_company (f->store, "ТОВ Шевченко Агро");
  gint64 contact_id = add_contact (f->store, "Олена Шевченко", company_id);
  gint64 id = add_deal (f->store, "Зернові сушарки", company_id, contact_id);

  stages = nudge_store_list_stages (f->store, nudge_store_get_default_pipeline (f->store), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stages->len, ==, 7);

  loaded = nudge_store_get_deal (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nudge_deal_get_title (loaded), ==, "Зернові сушарки");
  g_assert_cmpstr (nudge_deal_get_company_name (loaded), ==, "ТОВ Шевченко Агро");
  g_assert_cmpstr (nudge_deal_get_contact_name (loaded), ==, "Олена Шевченко");
  g_assert_cmpint (nudge_deal_get_amount_minor (loaded), ==, 12000000);
  g_assert_true (nudge_deal_get_has_amount (loaded));
  g_assert_cmpstr (nudge_deal_get_currency (loaded), ==, "CZK");
  g_assert_cmpint (nudge_deal_get_status (loaded), ==, NUDGE_DEAL_OPEN);
  /* A new deal starts in the first stage. */
  g_assert_cmpint (nudge_deal_get_stage_id (loaded), ==,
                   nudge_stage_get_id (g_ptr_array_index (stages, 0)));
  g_assert_cmpint (nudge_deal_get_stage_entered_at (loaded), ==, nudge_clock_now ());

  g_object_set (loaded, "amount-minor", (gint64) 15000000, "product", "Sušárna S-200", NULL);
  g_assert_cmpint (nudge_store_save_deal (f->store, loaded, &error), ==, id);
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = nudge_store_get_deal (f->store, id, &error);
  g_assert_cmpint (nudge_deal_get_amount_minor (loaded), ==, 15000000);
  g_assert_cmpstr (nudge_deal_get_product (loaded), ==, "Sušárna S-200");

  deals = nudge_store_list_deals (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deals->len, ==, 1);
}

static void
test_activity_crud (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(NudgeActivity) activity = nudge_activity_new ();
  g_autoptr(NudgeActivity) orphan = nudge_activity_new ();
  g_autoptr(NudgeDeal) deal = NULL;
  g_autoptr(NudgeContact) contact = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  gint64 contact_id = add_contact (f->store, "Jana Nováková", 0);
  gint64 deal_id = add_deal (f->store, "Servisní smlouva", 0, contact_id);
  gint64 when = nudge_clock_now () - 3600;
  gint64 id;

  g_object_set (activity,
                "kind", "call",
                "direction", NUDGE_DIRECTION_IN,
                "occurred-at", when,
                "deal-id", deal_id,
                "summary", "Volala kvůli ceně",
                NULL);
  id = nudge_store_add_activity (f->store, activity, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  /* A deal's activity also lands in its contact's history. */
  g_assert_cmpint (nudge_activity_get_contact_id (activity), ==, contact_id);

  history = nudge_store_list_activities (f->store, NUDGE_ENTITY_CONTACT, contact_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpstr (nudge_activity_get_kind (g_ptr_array_index (history, 0)), ==, "call");
  g_assert_cmpint (nudge_activity_get_direction (g_ptr_array_index (history, 0)), ==, NUDGE_DIRECTION_IN);
  g_assert_cmpstr (nudge_activity_get_summary (g_ptr_array_index (history, 0)), ==, "Volala kvůli ceně");
  g_assert_cmpint (nudge_activity_get_occurred_at (g_ptr_array_index (history, 0)), ==, when);

  deal = nudge_store_get_deal (f->store, deal_id, &error);
  contact = nudge_store_get_contact (f->store, contact_id, &error);
  g_assert_cmpint (nudge_deal_get_last_activity_at (deal), ==, when);
  g_assert_cmpint (nudge_contact_get_last_activity_at (contact), ==, when);

  /* An activity of nobody is refused. */
  g_object_set (orphan, "kind", "note", NULL);
  g_assert_cmpint (nudge_store_add_activity (f->store, orphan, &error), ==, 0);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
}

static void
test_followup_crud (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(NudgeFollowup) followup = nudge_followup_new ();
  g_autoptr(NudgeFollowup) loaded = NULL;
  g_autoptr(NudgeFollowup) undated = nudge_followup_new ();
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GError) error = NULL;
  gint64 contact_id = add_contact (f->store, "Petr Dvořák", 0);
  gint64 deal_id = add_deal (f->store, "Licence na rok", 0, contact_id);
  gint64 due = nudge_clock_now () + 86400;
  gint64 id;

  g_object_set (followup,
                "title", "Zavolat kvůli nabídce",
                "kind", "call",
                "due-at", due,
                "deal-id", deal_id,
                NULL);
  id = nudge_store_save_followup (f->store, followup, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  loaded = nudge_store_get_followup (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nudge_followup_get_title (loaded), ==, "Zavolat kvůli nabídce");
  g_assert_cmpint (nudge_followup_get_due_at (loaded), ==, due);
  g_assert_cmpint (nudge_followup_get_deal_id (loaded), ==, deal_id);
  g_assert_cmpstr (nudge_followup_get_deal_title (loaded), ==, "Licence na rok");
  g_assert_nonnull (nudge_followup_get_uid (loaded));
  g_assert_cmpstr (nudge_followup_get_uid (loaded), !=, "");

  open = nudge_store_list_followups (f->store, NUDGE_ENTITY_DEAL, deal_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 1);

  g_object_set (loaded, "title", "Poslat smlouvu", NULL);
  g_assert_cmpint (nudge_store_save_followup (f->store, loaded, &error), ==, id);
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = nudge_store_get_followup (f->store, id, &error);
  g_assert_cmpstr (nudge_followup_get_title (loaded), ==, "Poslat smlouvu");

  g_object_set (undated, "title", "Bez data", NULL);
  g_assert_cmpint (nudge_store_save_followup (f->store, undated, &error), ==, 0);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
}

/* ---- validation ------------------------------------------------------- */

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeCompany) company = nudge_company_new ();
  g_autoptr(NudgeContact) contact = nudge_contact_new ();
  g_autoptr(NudgeDeal) deal = nudge_deal_new ();
  g_autofree char *long_name = g_strnfill (NUDGE_MAX_NAME_CHARS + 1, 'x');
  /* Characters are counted, not bytes: 200 two-byte letters fit. */
  g_autoptr(GString) wide_name = g_string_new (NULL);
  g_autofree char *huge_notes = NULL;

  g_object_set (company, "name", "", NULL);
  g_assert_cmpint (nudge_store_save_company (f->store, company, &error), ==, 0);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_object_set (company, "name", "   \t ", NULL);
  g_assert_cmpint (nudge_store_save_company (f->store, company, &error), ==, 0);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_object_set (company, "name", long_name, NULL);
  g_assert_cmpint (nudge_store_save_company (f->store, company, &error), ==, 0);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_TOO_LONG);
  g_clear_error (&error);

  for (guint i = 0; i < NUDGE_MAX_NAME_CHARS; i++)
    g_string_append (wide_name, "ř");
  g_object_set (company, "name", wide_name->str, NULL);
  g_assert_cmpint (nudge_store_save_company (f->store, company, &error), >, 0);
  g_assert_no_error (error);

  /* 10 MB of notes: refused as too long, nothing written. */
  huge_notes = g_strnfill (10 * 1024 * 1024, 'n');
  g_object_set (contact, "name", "Karel Novák", "notes", huge_notes, NULL);
  g_assert_cmpint (nudge_store_save_contact (f->store, contact, &error), ==, 0);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_TOO_LONG);
  g_clear_error (&error);
  g_assert_cmpint (nudge_contact_get_id (contact), <=, 0);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM contact"), ==, 0);

  g_object_set (deal, "title", "Velká zakázka", "notes", huge_notes, NULL);
  g_assert_cmpint (nudge_store_save_deal (f->store, deal, &error), ==, 0);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_TOO_LONG);
  g_clear_error (&error);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM deal"), ==, 0);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM stage_change"), ==, 0);

  g_object_set (contact, "notes", "", "email", "karel.novak@", NULL);
  g_assert_cmpint (nudge_store_save_contact (f->store, contact, &error), ==, 0);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_object_set (contact, "email", "karel novak@example.cz", NULL);
  g_assert_cmpint (nudge_store_save_contact (f->store, contact, &error), ==, 0);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A domain no mail can be sent to, or a tab pasted with the address. */
  {
    static const char *const unsendable[] = {
      "karel@novak.", "karel@.cz", "karel@novak..cz", "karel@novak", "karel@novak.cz\t", "karel@novak\u00a0.cz",
    };

    for (guint i = 0; i < G_N_ELEMENTS (unsendable); i++)
      {
        g_object_set (contact, "email", unsendable[i], NULL);
        g_assert_cmpint (nudge_store_save_contact (f->store, contact, &error), ==, 0);
        g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
        g_clear_error (&error);
        g_assert_false (nudge_store_check_email (unsendable[i], NULL));
      }
  }
  g_assert_true (nudge_store_check_email ("karel.novak@mail.example.cz", NULL));

  /* By hand, a phone needs a digit; an imported "-" for "none" is kept. */
  g_assert_false (nudge_store_check_phone ("---", &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (nudge_store_check_phone ("+420 abc", NULL));
  g_assert_true (nudge_store_check_phone ("+420 603 123 456", NULL));
  g_assert_true (nudge_store_check_phone ("", NULL));

  g_object_set (contact, "email", "karel.novak@example.cz", NULL);
  g_assert_cmpint (nudge_store_save_contact (f->store, contact, &error), >, 0);
  g_assert_no_error (error);

  g_object_set (deal, "notes", "", "currency", "KORUNY", NULL);
  g_assert_cmpint (nudge_store_save_deal (f->store, deal, &error), ==, 0);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_object_set (deal, "currency", "czk", NULL);
  g_assert_cmpint (nudge_store_save_deal (f->store, deal, &error), ==, 0);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_object_set (deal, "currency", "PLN", "has-amount", TRUE, "amount-minor", (gint64) -5, NULL);
  g_assert_cmpint (nudge_store_save_deal (f->store, deal, &error), ==, 0);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_object_set (deal, "amount-minor", (gint64) 500000, "expected-close", "2026-02-30", NULL);
  g_assert_cmpint (nudge_store_save_deal (f->store, deal, &error), ==, 0);
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_object_set (deal, "expected-close", "2026-04-30", NULL);
  g_assert_cmpint (nudge_store_save_deal (f->store, deal, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM deal"), ==, 1);
}

/* ---- search ----------------------------------------------------------- */

/* The records test_search() makes, in the order it makes them. */
enum
{
  SEARCH_LODZ,
  SEARCH_BRNO,
  SEARCH_NOVAK,
  SEARCH_KYIV,
  SEARCH_DEAL,
  SEARCH_OTHER_DEAL,
  SEARCH_LUKASZ,
  N_SEARCH_RECORDS
};

/* What typing @text finds among @entity records: the record @who or not. */
typedef struct
{
  NudgeEntity  entity;
  const char  *text;
  int          who;
  gboolean     found;
} SearchCase;

static const SearchCase search_cases[] = {
  /* Prefixes of words, without diacritics and in any case. */
  { NUDGE_ENTITY_CONTACT, "novak", SEARCH_NOVAK, TRUE },
  { NUDGE_ENTITY_CONTACT, "Nov", SEARCH_NOVAK, TRUE },
  { NUDGE_ENTITY_CONTACT, "NOVÁK", SEARCH_NOVAK, TRUE },
  { NUDGE_ENTITY_CONTACT, "jan nov", SEARCH_NOVAK, TRUE },
  { NUDGE_ENTITY_CONTACT, "jan nox", SEARCH_NOVAK, FALSE },
  { NUDGE_ENTITY_CONTACT, "ovak", SEARCH_NOVAK, FALSE },
  { NUDGE_ENTITY_COMPANY, "lodz", SEARCH_LODZ, TRUE },
  { NUDGE_ENTITY_COMPANY, "Łód", SEARCH_LODZ, TRUE },
  { NUDGE_ENTITY_COMPANY, "lodz", SEARCH_BRNO, FALSE },
  { NUDGE_ENTITY_CONTACT, "шевч", SEARCH_KYIV, TRUE },
  /* Several words, some of them with an l that may be ł. */
  { NUDGE_ENTITY_CONTACT, "lukasz wisn", SEARCH_LUKASZ, TRUE },
  { NUDGE_ENTITY_CONTACT, "wis luk", SEARCH_LUKASZ, TRUE },
  { NUDGE_ENTITY_CONTACT, "lukasz lodz", SEARCH_LUKASZ, TRUE },
  { NUDGE_ENTITY_CONTACT, "lukasz novak", SEARCH_LUKASZ, FALSE },
  { NUDGE_ENTITY_DEAL, "obrabec", SEARCH_DEAL, TRUE },
  /* A deal is found by its company's and contact's names. */
  { NUDGE_ENTITY_DEAL, "brnenske", SEARCH_DEAL, TRUE },
  { NUDGE_ENTITY_DEAL, "novak", SEARCH_DEAL, TRUE },
  { NUDGE_ENTITY_DEAL, "novak", SEARCH_OTHER_DEAL, FALSE },
};

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(NudgeCompany) company = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) limited = NULL;
  g_autoptr(GArray) nothing = NULL;
  gint64 ids[N_SEARCH_RECORDS];

  ids[SEARCH_LODZ] = nudge_test_add_named_company (f->store, "Fabryka Łódź sp. z o.o.");
  ids[SEARCH_BRNO] = nudge_test_add_named_company (f->store, "Brněnské strojírny a.s.");
  ids[SEARCH_NOVAK] = add_contact (f->store, "Jan Novák", ids[SEARCH_BRNO]);
  ids[SEARCH_KYIV] = add_contact (f->store, "Олена Шевченко", 0);
  ids[SEARCH_DEAL] = add_deal (f->store, "Dodávka obráběcích strojů", ids[SEARCH_BRNO], ids[SEARCH_NOVAK]);
  ids[SEARCH_OTHER_DEAL] = add_deal (f->store, "Linka na balení", ids[SEARCH_LODZ], 0);
  ids[SEARCH_LUKASZ] = add_contact (f->store, "Łukasz Wiśniewski", ids[SEARCH_LODZ]);

  for (gsize i = 0; i < G_N_ELEMENTS (search_cases); i++)
    {
      const SearchCase *c = &search_cases[i];

      g_test_message ("searching for “%s”", c->text);
      g_assert_cmpint (nudge_test_search_finds (f->store, c->entity, c->text, ids[c->who]), ==, c->found);
    }

  /* ... also after the company is renamed. */
  company = nudge_store_get_company (f->store, ids[SEARCH_BRNO], &error);
  g_object_set (company, "name", "Moravské závody a.s.", NULL);
  g_assert_cmpint (nudge_store_save_company (f->store, company, &error), ==, ids[SEARCH_BRNO]);
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_DEAL, "moravske zav", ids[SEARCH_DEAL]));
  g_assert_false (nudge_test_search_finds (f->store, NUDGE_ENTITY_DEAL, "brnenske", ids[SEARCH_DEAL]));
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_CONTACT, "moravske", ids[SEARCH_NOVAK]));

  /* FTS syntax in what was typed is taken literally. */
  nothing = nudge_store_search (f->store, NUDGE_ENTITY_CONTACT, "\"nov* OR NEAR(", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nothing->len, ==, 0);
  g_clear_pointer (&nothing, g_array_unref);
  nothing = nudge_store_search (f->store, NUDGE_ENTITY_CONTACT, "   ", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nothing->len, ==, 0);

  add_contact (f->store, "Jana Nováková", 0);
  add_contact (f->store, "Tomáš Novotný", 0);
  limited = nudge_store_search (f->store, NUDGE_ENTITY_CONTACT, "nov", 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (limited->len, ==, 2);
  g_clear_pointer (&limited, g_array_unref);

  /* A deal still being worked on comes before a won one, though the won
   * one's shorter title matches better. */
  ids[SEARCH_DEAL] = add_deal (f->store, "Školení", 0, 0);
  g_assert_true (nudge_store_set_deal_status (f->store, ids[SEARCH_DEAL], NUDGE_DEAL_WON, NULL, &error));
  ids[SEARCH_OTHER_DEAL] = add_deal (f->store, "Školení prodejního týmu v pobočce Brno", 0, 0);
  limited = nudge_store_search (f->store, NUDGE_ENTITY_DEAL, "skoleni", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (limited->len, ==, 2);
  g_assert_cmpint (g_array_index (limited, gint64, 0), ==, ids[SEARCH_OTHER_DEAL]);
}

/* Pasted text: only its first NUDGE_SEARCH_MAX_WORDS different words
 * count, each cut after NUDGE_SEARCH_MAX_WORD_CHARS characters or
 * NUDGE_SEARCH_MAX_WORD_PARTS parts; what comes after is ignored. */
static void
test_search_pasted (Fixture       *f,
                    gconstpointer  data)
{
  static const char *const filler[] = {
    "a", "the", "of", "and", "to", "in", "offer", "price", "delivery", "—", "s.r.o.", "(", "Praha", "v",
  };
  g_autoptr(NudgeContact) contact = nudge_contact_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) pasted = g_string_new ("Jan Novák, jan.novak@strojirny.example.cz, Brněnské strojírny; "
                                            "dobrý den, super");
  g_autoptr(GString) huge = NULL;
  g_autoptr(GString) eight = g_string_new (NULL);
  g_autoptr(GArray) ids = NULL;
  g_autofree char *long_word = NULL;
  gint64 brno = nudge_test_add_named_company (f->store, "Brněnské strojírny a.s.");
  gint64 novak;
  gint64 other = add_contact (f->store, "Jana Nováková", 0);

  g_object_set (contact, "name", "Jan Novák", "company-id", brno,
                "email", "jan.novak@strojirny.example.cz",
                "notes", "Dobrý den; supercalifragilisticexpialidociousness", NULL);
  novak = nudge_store_save_contact (f->store, contact, &error);
  g_assert_no_error (error);

  /* A 2000-word e-mail pasted in: its first eight words find Jan Novák
   * and not Jana Nováková, whatever follows. */
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (pasted, " %s", filler[i % G_N_ELEMENTS (filler)]);
  ids = nudge_store_search (f->store, NUDGE_ENTITY_CONTACT, pasted->str, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, novak);
  g_clear_pointer (&ids, g_array_unref);
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_DEAL, pasted->str, 0) == FALSE);

  /* Exactly NUDGE_SEARCH_MAX_WORDS words count: with seven that match,
   * a non-matching eighth empties the result, a ninth is ignored.
   * Repeated words count once. */
  g_string_assign (eight, "jan jan novak novak dobry den strojirny example brnenske super");
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_CONTACT, eight->str, novak));
  g_string_append (eight, " zzzz");
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_CONTACT, eight->str, novak));
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_CONTACT, "jan novak dobry den strojirny example cz zzzz", novak) == FALSE);
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_CONTACT, "jan novak dobry den strojirny example cz super zzzz", novak));

  /* A word longer than NUDGE_SEARCH_MAX_WORD_CHARS counts by its start */
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_CONTACT,
                               "supercalifragilisticexpialidociousnessXYZ", novak));
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_CONTACT,
                               "supercalifragilisticexpialidociXYZ", novak) == FALSE);

  /* A word of parts: each part a token, the fifth and later ignored */
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_CONTACT, "jan.novak@strojirny.example.cz", novak));
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_CONTACT, "jan.novak@strojirny.example.zzzz", novak));
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_CONTACT, "jan.novak@strojirny.zzzz", novak) == FALSE);
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_CONTACT, "jana.novak", other));
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_CONTACT, "jan.novak", other) == FALSE);

  /* 10 MB: a word that never ends, and the same after a name */
  long_word = g_strnfill (10 * 1024 * 1024, 'x');
  ids = nudge_store_search (f->store, NUDGE_ENTITY_CONTACT, long_word, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  huge = g_string_new ("novák ");
  g_string_append (huge, long_word);
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_CONTACT, huge->str, novak) == FALSE);
  huge->str[6] = '\0';
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_CONTACT, huge->str, novak));
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_CONTACT, huge->str, other));

  /* Text cut inside a character, or not UTF-8 at all, is no error */
  g_string_assign (huge, "jan ");
  while (huge->len < NUDGE_SEARCH_MAX_BYTES - 1)
    g_string_append_c (huge, ' ');
  g_string_append (huge, "ř novak");
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_CONTACT, huge->str, other));
  g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_CONTACT, "jan \xff\xfe novak", novak));
}

/* Writes leave the search index's segments to nudge_store_merge_search_index():
 * each save adds one, and the merge leaves fewer, with every row still
 * found. */
static void
test_search_merge (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gint64 ids[12];
  int before, after;

  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT v FROM deal_fts_config WHERE k = 'automerge'"), ==, 0);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT v FROM followup_fts_config WHERE k = 'crisismerge'"), ==, 64);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *title = g_strdup_printf ("Merged deal %c%c", 'a' + i, 'a' + i);

      ids[i] = add_deal (f->store, title, 0, 0);
    }
  before = nudge_test_sql_int (f->path, "SELECT count(DISTINCT segid) FROM deal_fts_idx");
  g_assert_cmpint (before, >=, (int) G_N_ELEMENTS (ids));

  g_cancellable_cancel (cancelled);
  g_assert_false (nudge_store_merge_search_index (f->store, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT count(DISTINCT segid) FROM deal_fts_idx"), ==, before);

  g_assert_true (nudge_store_merge_search_index (f->store, NULL, &error));
  g_assert_no_error (error);
  after = nudge_test_sql_int (f->path, "SELECT count(DISTINCT segid) FROM deal_fts_idx");
  g_assert_cmpint (after, <, 4);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *word = g_strdup_printf ("%c%c", 'a' + i, 'a' + i);

      g_assert_true (nudge_test_search_finds (f->store, NUDGE_ENTITY_DEAL, word, ids[i]));
    }
}

/* ---- trash ------------------------------------------------------------ */

static void
test_trash_restore (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (NudgeTestChange));
  g_autoptr(GPtrArray) deals = NULL;
  g_autoptr(NudgeDeal) back = NULL;
  gint64 ids[2];
  gint64 kept;

  ids[0] = add_deal (f->store, "One", 0, 0);
  ids[1] = add_deal (f->store, "Two", 0, 0);
  kept = add_deal (f->store, "Three", 0, 0);

  g_signal_connect (f->store, "changes", G_CALLBACK (nudge_test_record_changes), changes);
  g_assert_true (nudge_store_trash (f->store, NUDGE_ENTITY_DEAL, ids, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpint (g_array_index (changes, NudgeTestChange, 0).change, ==, NUDGE_CHANGE_REMOVED);

  deals = nudge_store_list_deals (f->store, &error);
  g_assert_cmpuint (deals->len, ==, 1);
  g_assert_cmpint (nudge_deal_get_id (g_ptr_array_index (deals, 0)), ==, kept);
  g_assert_null (nudge_store_get_deal (f->store, ids[0], &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Still in the file, so Undo is exact. */
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM deal"), ==, 3);

  g_assert_true (nudge_store_restore (f->store, NUDGE_ENTITY_DEAL, ids, 2, &error));
  g_assert_cmpuint (changes->len, ==, 4);
  g_assert_cmpint (g_array_index (changes, NudgeTestChange, 3).change, ==, NUDGE_CHANGE_ADDED);
  g_clear_pointer (&deals, g_ptr_array_unref);
  deals = nudge_store_list_deals (f->store, &error);
  g_assert_cmpuint (deals->len, ==, 3);
  back = nudge_store_get_deal (f->store, ids[1], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nudge_deal_get_title (back), ==, "Two");

  /* Emptying the trash removes only what was trashed long enough ago. */
  g_assert_true (nudge_store_trash (f->store, NUDGE_ENTITY_DEAL, ids, 1, &error));
  g_assert_true (nudge_store_empty_trash (f->store, nudge_clock_now () - 1, &error));
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM deal"), ==, 3);
  g_assert_true (nudge_store_empty_trash (f->store, nudge_clock_now () + 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nudge_test_sql_int (f->path, "SELECT COUNT(*) FROM deal"), ==, 2);

  g_signal_handlers_disconnect_by_func (f->store, nudge_test_record_changes, changes);
}

/* A deal whose contact or company is in the trash reads without them
 * (a call cannot be logged with a deleted contact); restored, they are
 * its own again. */
static void
test_trash_links (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 acme = nudge_test_add_named_company (f->store, "Acme Ltd");
  gint64 jana = add_contact (f->store, "Jana", acme);
  gint64 deal = add_deal (f->store, "Renewal", acme, jana);
  NudgeDeal *read;
  NudgeContact *contact;

  g_assert_true (nudge_store_trash (f->store, NUDGE_ENTITY_CONTACT, &jana, 1, &error));
  g_assert_true (nudge_store_trash (f->store, NUDGE_ENTITY_COMPANY, &acme, 1, &error));
  g_assert_no_error (error);
  read = nudge_store_get_deal (f->store, deal, &error);
  g_assert_cmpint (nudge_deal_get_contact_id (read), ==, 0);
  g_assert_cmpstr (nudge_deal_get_contact_name (read), ==, "");
  g_assert_cmpint (nudge_deal_get_company_id (read), ==, 0);
  g_assert_cmpstr (nudge_deal_get_company_name (read), ==, "");
  g_object_unref (read);

  g_assert_true (nudge_store_restore (f->store, NUDGE_ENTITY_CONTACT, &jana, 1, &error));
  contact = nudge_store_get_contact (f->store, jana, &error);
  g_assert_cmpint (nudge_contact_get_company_id (contact), ==, 0);
  g_object_unref (contact);
  g_assert_true (nudge_store_restore (f->store, NUDGE_ENTITY_COMPANY, &acme, 1, &error));
  g_assert_no_error (error);
  read = nudge_store_get_deal (f->store, deal, &error);
  g_assert_cmpint (nudge_deal_get_contact_id (read), ==, jana);
  g_assert_cmpstr (nudge_deal_get_contact_name (read), ==, "Jana");
  g_assert_cmpint (nudge_deal_get_company_id (read), ==, acme);
  g_assert_cmpstr (nudge_deal_get_company_name (read), ==, "Acme Ltd");
  g_object_unref (read);
  contact = nudge_store_get_contact (f->store, jana, &error);
  g_assert_cmpint (nudge_contact_get_company_id (contact), ==, acme);
  g_object_unref (contact);
}

static void
test_company_list_counts (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) companies = NULL;
  g_autoptr(NudgeCompany) single = NULL;
  gint64 acme = nudge_test_add_named_company (f->store, "Acme Ltd");
  gint64 empty = nudge_test_add_named_company (f->store, "Empty a.s.");
  gint64 kept = add_contact (f->store, "Kept", acme);
  gint64 gone = add_contact (f->store, "Gone", acme);
  gint64 open_deal = add_deal (f->store, "Open", acme, kept);
  gint64 won_deal = add_deal (f->store, "Won", acme, kept);
  gint64 trashed_deal = add_deal (f->store, "Trashed", acme, kept);

  g_assert_true (nudge_store_set_deal_status (f->store, won_deal, NUDGE_DEAL_WON, NULL, &error));
  g_assert_true (nudge_store_trash (f->store, NUDGE_ENTITY_CONTACT, &gone, 1, &error));
  g_assert_true (nudge_store_trash (f->store, NUDGE_ENTITY_DEAL, &trashed_deal, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (open_deal, >, 0);

  companies = nudge_store_list_companies (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (companies->len, ==, 2);
  g_assert_cmpint (nudge_company_get_id (g_ptr_array_index (companies, 0)), ==, acme);
  g_assert_cmpint (nudge_company_get_n_contacts (g_ptr_array_index (companies, 0)), ==, 1);
  g_assert_cmpint (nudge_company_get_n_open_deals (g_ptr_array_index (companies, 0)), ==, 1);
  g_assert_cmpint (nudge_company_get_id (g_ptr_array_index (companies, 1)), ==, empty);
  g_assert_cmpint (nudge_company_get_n_contacts (g_ptr_array_index (companies, 1)), ==, 0);
  g_assert_cmpint (nudge_company_get_n_open_deals (g_ptr_array_index (companies, 1)), ==, 0);
  g_assert_cmpint (nudge_company_get_last_activity_at (g_ptr_array_index (companies, 1)), ==, 0);

  /* The list and a single read agree. */
  single = nudge_store_get_company (f->store, acme, &error);
  g_assert_cmpint (nudge_company_get_n_contacts (single), ==, 1);
  g_assert_cmpint (nudge_company_get_n_open_deals (single), ==, 1);
  g_assert_cmpint (nudge_company_get_last_activity_at (single), ==,
                   nudge_company_get_last_activity_at (g_ptr_array_index (companies, 0)));
  g_assert_cmpint (nudge_company_get_next_followup_at (single), ==,
                   nudge_company_get_next_followup_at (g_ptr_array_index (companies, 0)));
}

/* ---- stages ----------------------------------------------------------- */

static void
test_move_writes_stage_change (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(NudgeDeal) deal = NULL;
  gint64 id = add_deal (f->store, "Pohyb", 0, 0);
  gint64 first, third;
  g_autofree char *sql = NULL;

  stages = nudge_store_list_stages (f->store, nudge_store_get_default_pipeline (f->store), &error);
  first = nudge_stage_get_id (g_ptr_array_index (stages, 0));
  third = nudge_stage_get_id (g_ptr_array_index (stages, 2));

  nudge_clock_pin (nudge_clock_now () + 3600);
  g_assert_true (nudge_store_move_deal_to_stage (f->store, id, third, &error));
  g_assert_no_error (error);

  deal = nudge_store_get_deal (f->store, id, &error);
  g_assert_cmpint (nudge_deal_get_stage_id (deal), ==, third);
  g_assert_cmpint (nudge_deal_get_stage_entered_at (deal), ==, nudge_clock_now ());
  g_assert_cmpint (nudge_deal_get_status (deal), ==, NUDGE_DEAL_OPEN);

  sql = g_strdup_printf ("SELECT COUNT(*) FROM stage_change WHERE deal_id = %" G_GINT64_FORMAT
                         " AND from_stage = %" G_GINT64_FORMAT " AND to_stage = %" G_GINT64_FORMAT
                         " AND at = %" G_GINT64_FORMAT, id, first, third, nudge_clock_now ());
  g_assert_cmpint (nudge_test_sql_int (f->path, sql), ==, 1);
  /* The creation is history too. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT COUNT(*) FROM stage_change WHERE deal_id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (nudge_test_sql_int (f->path, sql), ==, 2);

  /* A move to the stage it is in changes nothing. */
  g_assert_true (nudge_store_move_deal_to_stage (f->store, id, third, &error));
  g_assert_cmpint (nudge_test_sql_int (f->path, sql), ==, 2);

  g_assert_false (nudge_store_move_deal_to_stage (f->store, id, 9999, &error));
  g_assert_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_NOT_FOUND);
}

static void
test_won_moves_to_won_stage (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeDeal) deal = NULL;
  g_autoptr(NudgeDeal) lost = NULL;
  g_autoptr(NudgeStage) stage = NULL;
  gint64 id = add_deal (f->store, "Vyhraná", 0, 0);
  gint64 lost_id = add_deal (f->store, "Prohraná", 0, 0);

  g_assert_true (nudge_store_set_deal_status (f->store, id, NUDGE_DEAL_WON, NULL, &error));
  g_assert_no_error (error);
  deal = nudge_store_get_deal (f->store, id, &error);
  g_assert_cmpint (nudge_deal_get_status (deal), ==, NUDGE_DEAL_WON);
  g_assert_cmpint (nudge_deal_get_closed_at (deal), ==, nudge_clock_now ());
  stage = nudge_store_get_stage (f->store, nudge_deal_get_stage_id (deal), &error);
  g_assert_cmpstr (nudge_stage_get_kind (stage), ==, "won");

  g_assert_true (nudge_store_set_deal_status (f->store, lost_id, NUDGE_DEAL_LOST, "Price", &error));
  lost = nudge_store_get_deal (f->store, lost_id, &error);
  g_assert_cmpint (nudge_deal_get_status (lost), ==, NUDGE_DEAL_LOST);
  g_assert_cmpstr (nudge_deal_get_lost_reason (lost), ==, "Price");
  g_clear_object (&stage);
  stage = nudge_store_get_stage (f->store, nudge_deal_get_stage_id (lost), &error);
  g_assert_cmpstr (nudge_stage_get_kind (stage), ==, "lost");
}

/* What a view derived from a record (its sort keys) goes when a field
 * changes, by a property set or by an update in place; an update that
 * changes nothing keeps it. */
static void
test_derived_data (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_deal (f->store, "Obnova hotelu", 0, 0);
  g_autoptr(NudgeDeal) shown = nudge_store_get_deal (f->store, id, &error);
  g_autoptr(NudgeDeal) same = nudge_store_get_deal (f->store, id, &error);
  g_autoptr(NudgeDeal) renamed = nudge_store_get_deal (f->store, id, &error);
  GQuark quark = nudge_record_derived_quark ();

  g_object_set_qdata_full (G_OBJECT (shown), quark, g_strdup ("key"), g_free);
  g_assert_false (nudge_record_update_from (G_OBJECT (shown), G_OBJECT (same)));
  g_assert_nonnull (g_object_get_qdata (G_OBJECT (shown), quark));

  g_object_set (renamed, "title", "Obnova hotelu Praha", NULL);
  g_assert_true (nudge_record_update_from (G_OBJECT (shown), G_OBJECT (renamed)));
  g_assert_null (g_object_get_qdata (G_OBJECT (shown), quark));

  g_object_set_qdata_full (G_OBJECT (shown), quark, g_strdup ("key"), g_free);
  g_object_set (shown, "title", "Obnova hotelu Praha", NULL);
  g_assert_nonnull (g_object_get_qdata (G_OBJECT (shown), quark));
  g_object_set (shown, "title", "Obnova hotelu Brno", NULL);
  g_assert_null (g_object_get_qdata (G_OBJECT (shown), quark));
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "company", NUDGE_TEST_FUNC (test_company_crud) },
    { "contact", NUDGE_TEST_FUNC (test_contact_crud) },
    { "deal", NUDGE_TEST_FUNC (test_deal_crud) },
    { "activity", NUDGE_TEST_FUNC (test_activity_crud) },
    { "followup", NUDGE_TEST_FUNC (test_followup_crud) },
    { "validation", NUDGE_TEST_FUNC (test_validation) },
    { "search", NUDGE_TEST_FUNC (test_search) },
    { "search-pasted", NUDGE_TEST_FUNC (test_search_pasted) },
    { "search-merge", NUDGE_TEST_FUNC (test_search_merge) },
    { "trash-restore", NUDGE_TEST_FUNC (test_trash_restore) },
    { "trash-links", NUDGE_TEST_FUNC (test_trash_links) },
    { "company-list-counts", NUDGE_TEST_FUNC (test_company_list_counts) },
    { "move-stage-change", NUDGE_TEST_FUNC (test_move_writes_stage_change) },
    { "won-stage", NUDGE_TEST_FUNC (test_won_moves_to_won_stage) },
    { "derived-data", NUDGE_TEST_FUNC (test_derived_data) },
  };

  nudge_test_init (&argc, &argv, NULL);

  nudge_test_add_table ("/core/store/", Fixture, nudge_test_pinned_book_set_up, nudge_test_book_tear_down, cases);

  return g_test_run ();
}
