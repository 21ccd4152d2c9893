/* nudge-search.h — one search over deals, contacts, companies and
 * follow-ups
 *
 * The search that the header's search popover and the follow-up editor's
 * record picker share. It runs queries, so call it on a worker thread
 * (nudge_worker_run()) with that thread's store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nudge-store.h"

G_BEGIN_DECLS

typedef enum
{
  NUDGE_SEARCH_DEALS     = 1 << 0,
  NUDGE_SEARCH_CONTACTS  = 1 << 1,
  NUDGE_SEARCH_COMPANIES = 1 << 2,
  NUDGE_SEARCH_FOLLOWUPS = 1 << 3,
  NUDGE_SEARCH_ALL       = 0xf,
} NudgeSearchKinds;

/* The records matching @text (as nudge_store_search() matches: every word
 * starts a word of the record, accents and case aside), grouped by kind in
 * this order: NudgeDeal, NudgeContact, NudgeCompany, NudgeFollowup; at most
 * @per_kind of each, best first. Follow-ups are open ones, soonest first:
 * those of a matching deal or contact and those whose title matches.
 * An empty @text finds nothing. */
GPtrArray     *nudge_search_records             (NudgeStore        *store,
                                                 const char        *text,
                                                 NudgeSearchKinds   kinds,
                                                 guint              per_kind,
                                                 GCancellable      *cancellable,
                                                 GError           **error);

/* Whether every word of @text starts a word of @title, accents and case
 * aside (the title match of follow-ups, which have no search index). */
gboolean       nudge_search_title_matches       (const char        *title,
                                                 const char        *text);

/* @text in lower case without accents ("Nowák Łukasz": "nowak lukasz"),
 * as the search index folds its words: for matching typed words against
 * names without a query. */
char          *nudge_search_fold                (const char        *text);

/* A found record as a result row reads it: "Licence CRM", "Proposal sent
 * · 12 500 Kč · next: Call (Tomorrow 10:00)", and for a screen reader
 * "Deal: Licence CRM, Proposal sent, 12 500 Kč, …". */
typedef struct
{
  GObject       *item;          /* NudgeDeal, NudgeContact, NudgeCompany or NudgeFollowup */
  NudgeFollowup *next_step;     /* a deal's next open follow-up, or NULL */
  char          *title;
  char          *description;
  char          *accessible;
} NudgeSearchResult;

NudgeSearchResult *nudge_search_result_new      (NudgeStore        *store,
                                                 GObject           *item,
                                                 gint64             now);
void           nudge_search_result_free         (NudgeSearchResult *result);
GPtrArray     *nudge_search_results             (NudgeStore        *store,
                                                 const char        *text,
                                                 NudgeSearchKinds   kinds,
                                                 guint              per_kind,
                                                 gint64             now,
                                                 GCancellable      *cancellable,
                                                 GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeSearchResult, nudge_search_result_free)

G_END_DECLS
