/* nudge-test-core.h — what the tests share: a scratch book in a
 * temporary folder, times in the pinned zone, records added in one call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-store.h"

G_BEGIN_DECLS

/* The zone the tests pin TZ to (one with daylight saving time). */
#define NUDGE_TEST_TZID "Europe/Prague"

void         nudge_test_init_environment (const char  *lc_all);

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

gint64       nudge_test_add_company      (NudgeStore  *store,
                                          const char  *first_property,
                                          ...) G_GNUC_NULL_TERMINATED;
gint64       nudge_test_add_contact      (NudgeStore  *store,
                                          const char  *first_property,
                                          ...) G_GNUC_NULL_TERMINATED;
gint64       nudge_test_add_deal         (NudgeStore  *store,
                                          const char  *first_property,
                                          ...) G_GNUC_NULL_TERMINATED;
gint64       nudge_test_add_followup     (NudgeStore  *store,
                                          gint64       deal_id,
                                          const char  *title,
                                          gint64       due_at,
                                          const char  *rrule);
/* The first column of the first row @sql reads from the book file at
 * @path, opened read-only on its own (-1 with no row). */
int          nudge_test_sql_int          (const char  *path,
                                          const char  *sql);

/* Whether @model (of NudgeDeal) holds a deal titled @title. */
gboolean     nudge_test_model_has_deal   (GListModel  *model,
                                          const char  *title);

G_END_DECLS
