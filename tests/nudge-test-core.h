/* nudge-test-core.h — what the tests share: a scratch book in a
 * temporary folder, times in the pinned zone, records added in one call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-followups.h"
#include "nudge-holidays.h"
#include "nudge-store.h"

G_BEGIN_DECLS

/* The zone the tests pin TZ to (one with daylight saving time). */
#define NUDGE_TEST_TZID "Europe/Prague"

void         nudge_test_init_environment (const char  *lc_all);
/* nudge_test_init_environment(), then g_test_init(). */
void         nudge_test_init             (int         *argc,
                                          char      ***argv,
                                          const char  *lc_all);

/* A test of a table: its path (after the table's prefix), function (of
 * a fixture, or of nothing for a table without one) and the data the
 * fixture's set-up and the function are given (NULL when left out). */
typedef struct
{
  const char       *path;
  GTestFixtureFunc  func;
  gconstpointer     data;
} NudgeTestCase;

#define NUDGE_TEST_FUNC(func) ((GTestFixtureFunc) (func))

/* Adds each of @cases as "@prefix@path", on a fixture of @fixture_size
 * bytes that @set_up and @tear_down (either may be NULL) prepare. */
void         nudge_test_add_cases        (const char          *prefix,
                                          gsize                fixture_size,
                                          GTestFixtureFunc     set_up,
                                          GTestFixtureFunc     tear_down,
                                          const NudgeTestCase *cases,
                                          gsize                n_cases);
#define nudge_test_add_table(prefix, Fixture, set_up, tear_down, cases) \
  nudge_test_add_cases ((prefix), sizeof (Fixture), NUDGE_TEST_FUNC (set_up), NUDGE_TEST_FUNC (tear_down), \
                        (cases), G_N_ELEMENTS (cases))

gint64       nudge_test_prague           (int          year,
                                          int          month,
                                          int          day,
                                          int          hour,
                                          int          minute);
gint64       nudge_test_utc              (const char  *iso8601);

NudgeStore  *nudge_test_book_open        (const char  *name,
                                          char       **dir,
                                          char       **path);
void         nudge_test_book_close       (NudgeStore **store,
                                          char       **dir,
                                          char       **path);
void         nudge_test_remove_tree      (const char  *path);
/* The sample data in @store: the demo's own sizes with all 0, else so
 * many of each. */
void         nudge_test_add_demo         (NudgeStore  *store,
                                          guint        contacts,
                                          guint        companies,
                                          guint        deals,
                                          guint        activities,
                                          guint        followups);
/* A new temporary folder named after @name; @path (may be NULL) gets
 * the path of a book "nudge.db" in it, not made yet. */
char        *nudge_test_make_dir         (const char  *name,
                                          char       **path);
/* Runs @sql in the SQLite file at @path (made if there is none). */
void         nudge_test_sqlite_exec      (const char  *path,
                                          const char  *sql);
/* Opening the file at @path, which is not empty, fails with @code of
 * NUDGE_STORE_ERROR and leaves the file as it was to the byte. */
void         nudge_test_assert_open_refused (const char *path,
                                             int         code);

/* A scratch book as a GTest fixture, for g_test_add (…, NudgeTestBook,
 * NULL, nudge_test_book_set_up, test, nudge_test_book_tear_down). */
typedef struct
{
  char       *dir;
  char       *path;
  NudgeStore *store;
} NudgeTestBook;

void         nudge_test_book_set_up      (NudgeTestBook *book,
                                          gconstpointer  data);
void         nudge_test_book_tear_down   (NudgeTestBook *book,
                                          gconstpointer  data);
/* A scratch book in a folder named after @name, with the clock pinned
 * to @now (nudge_test_book_tear_down() lets it run again). */
void         nudge_test_book_open_at     (NudgeTestBook *book,
                                          const char    *name,
                                          gint64         now);
/* nudge_test_book_set_up() with the clock pinned to 2026-03-01 12:00 in
 * Prague (nudge_test_book_tear_down() lets it run again). */
void         nudge_test_pinned_book_set_up (NudgeTestBook *book,
                                            gconstpointer  data);

/* Runs the idles still pending (libnotify drops the notifications
 * closed on the desktop from one), then lets libnotify go. */
void         nudge_test_notify_uninit    (void);

/* Saves a record of @type (company, contact, deal or activity) with
 * the given properties ("name", "Acme", …, NULL); a deal is in CZK
 * unless "currency" says otherwise. The test fails if the store refuses
 * it. */
gint64       nudge_test_add              (NudgeStore  *store,
                                          GType        type,
                                          const char  *first_property,
                                          ...) G_GNUC_NULL_TERMINATED;
#define nudge_test_add_company(store, ...)  nudge_test_add ((store), NUDGE_TYPE_COMPANY, __VA_ARGS__)
#define nudge_test_add_contact(store, ...)  nudge_test_add ((store), NUDGE_TYPE_CONTACT, __VA_ARGS__)
#define nudge_test_add_deal(store, ...)     nudge_test_add ((store), NUDGE_TYPE_DEAL, __VA_ARGS__)
#define nudge_test_add_activity(store, ...) nudge_test_add ((store), NUDGE_TYPE_ACTIVITY, __VA_ARGS__)
/* A @kind activity of deal @deal at @when: the prospect's when
 * @inbound, ours when not. */
#define nudge_test_add_touch(store, deal, kind, inbound, when) \
  nudge_test_add_activity ((store), "deal-id", (gint64) (deal), "kind", (kind), "occurred-at", (gint64) (when), \
                           "direction", (inbound) ? NUDGE_DIRECTION_IN : NUDGE_DIRECTION_OUT, NULL)
/* A company called @name, with nothing else said. */
#define nudge_test_add_named_company(store, name) nudge_test_add_company ((store), "name", (name), NULL)
/* A contact called @name, with nothing else said. */
#define nudge_test_add_named_contact(store, name) nudge_test_add_contact ((store), "name", (name), NULL)
/* @n contacts "Bulk Person 0000", "Bulk Person 0001"…, in one transaction */
void         nudge_test_add_bulk_contacts (NudgeStore  *store,
                                           guint        n);
/* A deal titled @title, with nothing else said. */
#define nudge_test_add_titled_deal(store, title) nudge_test_add_deal ((store), "title", (title), NULL)
/* A deal titled @title in the default pipeline's stage called @stage,
 * with @amount_minor (no amount with 0) in @currency, created at
 * @created (read as UTC, the time the clock is pinned to) and expected
 * to close on @expected_close (or not said with NULL). */
gint64       nudge_test_add_staged_deal  (NudgeStore  *store,
                                          const char  *title,
                                          const char  *stage,
                                          gint64       amount_minor,
                                          const char  *currency,
                                          const char  *created,
                                          const char  *expected_close);
/* A spec for a call titled @title, due at @due_at in the test zone,
 * for @deal_id (or none with 0), for the caller to fill in further. */
void         nudge_test_call_spec        (NudgeFollowupSpec *spec,
                                          const char  *title,
                                          gint64       due_at,
                                          gint64       deal_id);
/* The follow-up @spec describes; the test fails if it is refused. */
gint64       nudge_test_create_followup  (NudgeStore  *store,
                                          const NudgeFollowupSpec *spec);
gint64       nudge_test_add_followup     (NudgeStore  *store,
                                          gint64       deal_id,
                                          const char  *title,
                                          gint64       due_at,
                                          const char  *rrule);
/* The deal the reminder tests remind of, "Brno office fit-out", for
 * Jana Nováková (with a phone number, whose id goes to @contact_id). */
gint64       nudge_test_add_brno_deal    (NudgeStore  *store,
                                          gint64      *contact_id);
/* Whether searching @store's @entity records for @text finds @id. */
/* The public holidays of @region are days off of the working hours
 * (nudge_working_hours_set()) from now on; a test that sets them sets
 * NUDGE_HOLIDAYS_NONE back before it ends. */
void         nudge_test_use_holidays     (NudgeHolidayRegion region);
/* setlocale (LC_ALL, @locale), or the test skipped when the machine
 * lacks it. */
gboolean     nudge_test_use_locale       (const char  *locale);
/* The build's own translations (po/ in NUDGE_BUILD_DIR) for the
 * strings the code under test marks, in the language of the locale
 * nudge_test_use_locale() sets; call it in main(), before any string
 * is translated. */
void         nudge_test_use_translations (void);
/* Every row that each of @queries reads from @store, as text (NULL
 * for a NULL): equal dumps, equal books. */
char        *nudge_test_dump_rows        (NudgeStore        *store,
                                          const char *const *queries,
                                          gsize              n_queries);
/* Every column of every contact and company in @store (not in the
 * trash), of their e-mail and phone rows, of the timeline's import
 * lines and of their search index, as nudge_test_dump_rows() gives
 * them. */
char        *nudge_test_book_rows        (NudgeStore  *store);
gboolean     nudge_test_search_finds     (NudgeStore  *store,
                                          NudgeEntity  entity,
                                          const char  *text,
                                          gint64       id);
/* The id of the default pipeline's stage called @name. */
gint64       nudge_test_stage_id         (NudgeStore  *store,
                                          const char  *name);
/* The deal @id, read from @store; the test fails if it cannot be. */
NudgeDeal   *nudge_test_get_deal         (NudgeStore  *store,
                                          gint64       id);
/* The follow-up @id, read from @store; the test fails if it cannot be. */
NudgeFollowup *nudge_test_get_followup   (NudgeStore  *store,
                                          gint64       id);
/* The one follow-up of deal @deal_id (the one open, with @open_only);
 * the test fails if there is not exactly one. */
NudgeFollowup *nudge_test_only_followup  (NudgeStore  *store,
                                          gint64       deal_id,
                                          gboolean     open_only);
/* Renames the follow-up @id to @title and saves it, as an edit in the
 * editor would; the test fails if the store refuses. */
void         nudge_test_rename_followup  (NudgeStore  *store,
                                          gint64       id,
                                          const char  *title);
/* The first column of the first row of the SQL @format writes, read
 * through @store's own connection (-1 with no row). */
gint64       nudge_test_store_int        (NudgeStore  *store,
                                          const char  *format,
                                          ...) G_GNUC_PRINTF (2, 3);
/* The same as text (NULL with no row); @sql is taken as it is. */
char        *nudge_test_store_text       (NudgeStore  *store,
                                          const char  *sql);
/* The first column of the first row @sql reads from the book file at
 * @path, opened read-only on its own (-1 with no row). */
int          nudge_test_sql_int          (const char  *path,
                                          const char  *sql);
/* How many deals @store lists (those in the trash not counted) */
guint        nudge_test_count_deals      (NudgeStore  *store);
/* Runs nudge-cli ($NUDGE_CLI) on the book at @path with the arguments
 * from @first (up to a NULL), as another program; what it printed goes
 * to the test's log, and the test fails unless it succeeds. */
void         nudge_test_run_cli          (const char  *path,
                                          const char  *first,
                                          ...) G_GNUC_NULL_TERMINATED;

/* One record of a change set the store announced. */
typedef struct
{
  int    entity;
  gint64 id;
  int    change;
} NudgeTestChange;

/* A handler of NudgeStore::changes: appends each record of @set to
 * @changes (of NudgeTestChange), one transaction's in entity and id
 * order. */
void         nudge_test_record_changes   (NudgeStore     *store,
                                          NudgeChangeSet *set,
                                          GArray         *changes);

/* The name of @item that nudge_test_model_find() compares (a title, a
 * name: a getter cast to it). */
typedef const char *(*NudgeTestNameFunc) (gpointer item);

/* The position in @model of the first item whose @name_of is @name, or
 * G_MAXUINT. */
guint        nudge_test_model_find       (GListModel        *model,
                                          NudgeTestNameFunc  name_of,
                                          const char        *name);
/* The position in @model (of NudgeDeal) of the deal titled @title, or
 * G_MAXUINT; whether it holds one. */
guint        nudge_test_model_find_deal  (GListModel  *model,
                                          const char  *title);
gboolean     nudge_test_model_has_deal   (GListModel  *model,
                                          const char  *title);
/* The deal titled @title in @deals (of NudgeDeal); the test fails
 * without one. */
NudgeDeal   *nudge_test_find_deal        (GPtrArray   *deals,
                                          const char  *title);
/* The contact called @name in @contacts (of NudgeContact); the test
 * fails without one. */
NudgeContact *nudge_test_find_contact    (GPtrArray   *contacts,
                                          const char  *name);

G_END_DECLS
