/* nudge-store.h — the SQLite store: one file, the whole domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nudge-types.h"
#include "nudge-change-set.h"
#include "nudge-records.h"

G_BEGIN_DECLS

/* Limits on user text, enforced with a clear error (never truncated). */
#define NUDGE_MAX_NAME_CHARS     200
#define NUDGE_MAX_EMAIL_CHARS    254
#define NUDGE_MAX_PHONE_CHARS    40
#define NUDGE_MAX_URL_CHARS      2048
#define NUDGE_MAX_SHORT_CHARS    500
#define NUDGE_MAX_NOTES_CHARS    100000

#define NUDGE_TYPE_STORE (nudge_store_get_type ())

G_DECLARE_FINAL_TYPE (NudgeStore, nudge_store, NUDGE, STORE, GObject)

char          *nudge_store_default_path         (void);
char          *nudge_store_resolve_path         (const char      *cli_path);
NudgeStore    *nudge_store_open                 (const char      *path,
                                                 GError         **error);
NudgeStore    *nudge_store_open_worker          (const char      *path,
                                                 GError         **error);
void           nudge_store_set_busy_timeout     (NudgeStore      *self,
                                                 guint            ms);
const char    *nudge_store_get_path             (NudgeStore      *self);
guint          nudge_store_get_schema_version   (NudgeStore      *self);
gboolean       nudge_store_is_empty             (NudgeStore      *self);

void           nudge_store_notify_reset         (NudgeStore      *self);
void           nudge_store_watch_file           (NudgeStore      *self);
void           nudge_store_emit_changes         (NudgeStore      *self,
                                                 NudgeChangeSet  *changes);

gboolean       nudge_store_begin                (NudgeStore      *self,
                                                 GError         **error);
/* Whether another of this process's connections (a worker saving a long
 * change) holds the write lock: a write now would wait for it. */
gboolean       nudge_store_other_is_writing     (NudgeStore      *self);
gboolean       nudge_store_commit               (NudgeStore      *self,
                                                 GError         **error);
void           nudge_store_rollback             (NudgeStore      *self);
/* Commits; when that fails, the level begun last is rolled back too (a
 * failed nested commit otherwise leaves its savepoint to the caller). */
gboolean       nudge_store_commit_or_rollback   (NudgeStore      *self,
                                                 GError         **error);
/* Ends the level begun last with what was written in it: commits when
 * @ok (as nudge_store_commit_or_rollback()), else rolls back. Returns
 * @ok and the commit's result. */
gboolean       nudge_store_end                  (NudgeStore      *self,
                                                 gboolean         ok,
                                                 GError         **error);
/* Many reads from one snapshot, with one lock instead of one a
 * statement; nothing is written in between. TRUE when a snapshot began
 * (not inside a transaction), to be ended with nudge_store_end_read(). */
gboolean       nudge_store_begin_read           (NudgeStore      *self);
void           nudge_store_end_read             (NudgeStore      *self);
/* A damaged book is not written to: begin fails with READ_ONLY, in
 * every connection and every program, until a backup is restored (the
 * mark is a file beside the book, "BOOK.damaged"). */
void           nudge_store_set_read_only        (NudgeStore      *self,
                                                 gboolean         read_only);
gboolean       nudge_store_get_read_only        (NudgeStore      *self);
void           nudge_store_clear_damage_mark    (const char      *path);

/* Companies */
gint64         nudge_store_save_company         (NudgeStore      *self,
                                                 NudgeCompany    *company,
                                                 GError         **error);
NudgeCompany  *nudge_store_get_company          (NudgeStore      *self,
                                                 gint64           id,
                                                 GError         **error);
GPtrArray     *nudge_store_list_companies       (NudgeStore      *self,
                                                 GError         **error);
gint64         nudge_store_find_company_by_name (NudgeStore      *self,
                                                 const char      *name);

/* What saving checks of an e-mail address, for a form to say as the
 * user types; and of a phone number typed by hand, which needs a digit
 * besides. An empty one passes. */
gboolean       nudge_store_check_email          (const char      *email,
                                                 GError         **error);
gboolean       nudge_store_check_phone          (const char      *phone,
                                                 GError         **error);

/* Contacts */
gint64         nudge_store_save_contact         (NudgeStore      *self,
                                                 NudgeContact    *contact,
                                                 GError         **error);
NudgeContact  *nudge_store_get_contact          (NudgeStore      *self,
                                                 gint64           id,
                                                 GError         **error);
GPtrArray     *nudge_store_list_contacts        (NudgeStore      *self,
                                                 GError         **error);
GPtrArray     *nudge_store_list_company_contacts (NudgeStore     *self,
                                                 gint64           company_id,
                                                 GError         **error);
/* Every e-mail address and phone number a contact came with, in order:
 * each a GStrv { kind ("email" or "phone"), label ("work", "mobile",
 * "home", or ""), value }. The contact's e-mail and phone are the
 * primary ones. */
GPtrArray     *nudge_store_list_contact_channels (NudgeStore     *self,
                                                 gint64           contact_id,
                                                 GError         **error);

/* Deals */
gint64         nudge_store_save_deal            (NudgeStore      *self,
                                                 NudgeDeal       *deal,
                                                 GError         **error);
NudgeDeal     *nudge_store_get_deal             (NudgeStore      *self,
                                                 gint64           id,
                                                 GError         **error);
GPtrArray     *nudge_store_list_deals           (NudgeStore      *self,
                                                 GError         **error);
/* The deals of one contact or company (@owner), through its index. */
GPtrArray     *nudge_store_list_deals_of        (NudgeStore      *self,
                                                 NudgeEntity      owner,
                                                 gint64           owner_id,
                                                 GError         **error);
gboolean       nudge_store_move_deal_to_stage   (NudgeStore      *self,
                                                 gint64           deal_id,
                                                 gint64           stage_id,
                                                 GError         **error);
gboolean       nudge_store_set_deal_status      (NudgeStore      *self,
                                                 gint64           deal_id,
                                                 NudgeDealStatus  status,
                                                 const char      *lost_reason,
                                                 GError         **error);

/* A company, contact or deal (@entity) as nudge_store_get_company(),
 * nudge_store_get_contact() or nudge_store_get_deal() reads it: for the
 * code that lists all three alike. */
gpointer       nudge_store_get_record           (NudgeStore      *self,
                                                 NudgeEntity      entity,
                                                 gint64           id,
                                                 GError         **error);

/* Deleting moves rows to the trash (so Undo is exact); restoring brings
 * them back; the trash is emptied after a while. */
gboolean       nudge_store_trash                (NudgeStore      *self,
                                                 NudgeEntity      entity,
                                                 const gint64    *ids,
                                                 guint            n_ids,
                                                 GError         **error);
gboolean       nudge_store_restore              (NudgeStore      *self,
                                                 NudgeEntity      entity,
                                                 const gint64    *ids,
                                                 guint            n_ids,
                                                 GError         **error);
gboolean       nudge_store_empty_trash          (NudgeStore      *self,
                                                 gint64           older_than,
                                                 GError         **error);

/* Pipelines and stages */
gint64         nudge_store_get_default_pipeline (NudgeStore      *self);
GPtrArray     *nudge_store_list_pipelines       (NudgeStore      *self,
                                                 GError         **error);
GPtrArray     *nudge_store_list_stages          (NudgeStore      *self,
                                                 gint64           pipeline_id,
                                                 GError         **error);
NudgeStage    *nudge_store_get_stage            (NudgeStore      *self,
                                                 gint64           id,
                                                 GError         **error);
NudgeStage    *nudge_store_find_stage           (NudgeStore      *self,
                                                 gint64           pipeline_id,
                                                 const char      *name,
                                                 GError         **error);

/* Activities: the interaction history */
gint64         nudge_store_add_activity         (NudgeStore      *self,
                                                 NudgeActivity   *activity,
                                                 GError         **error);
/* Takes an activity out of the history (an Undo's); its deal's, contact's
 * and company's last activity go back with it. One that is gone already
 * is passed over. */
gboolean       nudge_store_remove_activity      (NudgeStore      *self,
                                                 gint64           id,
                                                 GError         **error);
GPtrArray     *nudge_store_list_activities      (NudgeStore      *self,
                                                 NudgeEntity      owner,
                                                 gint64           owner_id,
                                                 GError         **error);

/* Follow-ups (the scheduling core extends these) */
gint64         nudge_store_save_followup        (NudgeStore      *self,
                                                 NudgeFollowup   *followup,
                                                 GError         **error);
NudgeFollowup *nudge_store_get_followup         (NudgeStore      *self,
                                                 gint64           id,
                                                 GError         **error);
GPtrArray     *nudge_store_list_followups       (NudgeStore      *self,
                                                 NudgeEntity      owner,
                                                 gint64           owner_id,
                                                 gboolean         open_only,
                                                 GError         **error);

/* Full-text search: ids of matching rows, best first (@limit 0: all of
 * them, unranked). Every word of @text must start a word of the row,
 * accents and case aside. Only the start of @text counts, so a pasted
 * page costs no more than a typed name: its first NUDGE_SEARCH_MAX_WORDS
 * different words within its first NUDGE_SEARCH_MAX_BYTES bytes, each cut
 * after NUDGE_SEARCH_MAX_WORD_CHARS characters or NUDGE_SEARCH_MAX_WORD_PARTS
 * parts ("jan.novak@example.com" has 4; a cut word still matches as the
 * start of a longer one); later words are ignored. A one-letter word
 * counts only as the last word (the one being typed). */
#define NUDGE_SEARCH_MAX_WORDS      8
#define NUDGE_SEARCH_MAX_WORD_CHARS 32
#define NUDGE_SEARCH_MAX_WORD_PARTS 4
#define NUDGE_SEARCH_MAX_BYTES      1024
GArray        *nudge_store_search               (NudgeStore      *self,
                                                 NudgeEntity      entity,
                                                 const char      *text,
                                                 guint            limit,
                                                 GError         **error);
/* The same, unranked (in no particular order), at most @limit (0: all).
 * A first letter matches much of a big book: ranking every match is
 * then the cost, and means nothing. */
GArray        *nudge_store_search_unranked      (NudgeStore      *self,
                                                 NudgeEntity      entity,
                                                 const char      *text,
                                                 guint            limit,
                                                 GError         **error);

/* Merges what writes added to the search index, a step at a time: for a
 * worker, after a burst of changes (writes do not merge). */
gboolean       nudge_store_merge_search_index   (NudgeStore      *self,
                                                 GCancellable    *cancellable,
                                                 GError         **error);

/* Open follow-ups whose title matches @text as nudge_store_search()
 * matches records: at most @limit (0: all), soonest first, as (id,
 * next_at) pairs of gint64. */
GArray        *nudge_store_search_open_followups (NudgeStore     *self,
                                                  const char     *text,
                                                  guint           limit,
                                                  GError        **error);

/* Lost reasons (editable list) */
GStrv          nudge_store_list_lost_reasons    (NudgeStore      *self);

G_END_DECLS
