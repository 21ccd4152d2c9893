/* nudge-store-private.h — for core modules that run their own SQL
 *
 * The store owns the connection; modules in src/core (follow-ups, the
 * scheduler, iCalendar export, metrics, rules) prepare statements through
 * it so they share the statement cache, the transaction and the change
 * notifications. Nothing outside src/core includes this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "nudge-store.h"
#include "nudge-records-private.h"

G_BEGIN_DECLS

sqlite3       *nudge_store_get_db            (NudgeStore    *self);
sqlite3_stmt  *nudge_store_prepare           (NudgeStore    *self,
                                              const char    *sql,
                                              GError       **error);
gboolean       nudge_store_exec              (NudgeStore    *self,
                                              const char    *sql,
                                              GError       **error);
gboolean       nudge_store_step_done         (NudgeStore    *self,
                                              sqlite3_stmt  *stmt,
                                              GError       **error);
/* Runs an INSERT (when *@id is 0) or an UPDATE of row *@id of @entity
 * and announces the row: *@id becomes the new row's; an UPDATE that
 * meets no row fails with "not found". */
gboolean       nudge_store_step_save         (NudgeStore    *self,
                                              sqlite3_stmt  *stmt,
                                              NudgeEntity    entity,
                                              gint64        *id,
                                              GError       **error);
gboolean       nudge_store_rows_done         (NudgeStore    *self,
                                              sqlite3_stmt  *stmt,
                                              int            rc,
                                              GError       **error);
typedef void (*NudgeRowFunc) (sqlite3_stmt *stmt,
                              gpointer      user_data);

gboolean       nudge_store_each_row          (NudgeStore    *self,
                                              sqlite3_stmt  *stmt,
                                              NudgeRowFunc   func,
                                              gpointer       user_data,
                                              GError       **error);
/* The first column of each row (an id, or any integer) into @ids */
gboolean       nudge_store_append_ids        (NudgeStore    *self,
                                              sqlite3_stmt  *stmt,
                                              GArray        *ids,
                                              GError       **error);
/* The first column of every row @sql finds; empty when it fails */
GStrv          nudge_store_list_texts        (NudgeStore    *self,
                                              const char    *sql);
gboolean       nudge_store_exec_ids          (NudgeStore    *self,
                                              const char    *sql,
                                              gint64         id,
                                              gint64         other,
                                              GError       **error);
gint64         nudge_store_lookup            (NudgeStore    *self,
                                              const char    *sql,
                                              gint64         id,
                                              const char    *text,
                                              GError       **error);
gboolean       nudge_store_lookup_checked    (NudgeStore    *self,
                                              const char    *sql,
                                              gint64         id,
                                              const char    *text,
                                              gint64        *out_value,
                                              GError       **error);
/* The first stage of @kind ("open", "won" or "lost") of the pipeline
 * @pipeline_id in *@out_stage (0 when it has none); FALSE with @error
 * set when the query fails. */
gboolean       nudge_store_first_stage_of_kind (NudgeStore  *self,
                                                gint64       pipeline_id,
                                                const char  *kind,
                                                gint64      *out_stage,
                                                GError     **error);
void           nudge_store_set_sqlite_error  (NudgeStore    *self,
                                              int            rc,
                                              GError       **error);
/* "There is no deal with id 42": NUDGE_STORE_ERROR_NOT_FOUND, worded
 * for @entity. */
void           nudge_store_set_not_found     (GError       **error,
                                              NudgeEntity    entity,
                                              gint64         id);
void           nudge_store_queue_change      (NudgeStore    *self,
                                              NudgeEntity    entity,
                                              gint64         id,
                                              NudgeChange    change);
void           nudge_store_note_worker_start  (NudgeStore    *self);
void           nudge_store_note_worker_done   (NudgeStore    *self,
                                              gboolean       wrote);
gboolean       nudge_store_migrate_to        (NudgeStore    *self,
                                              guint          version,
                                              GError       **error);
NudgeStore    *nudge_store_open_at_version   (const char    *path,
                                              guint          version,
                                              GError       **error);
/* Makes the folder @dir and its parents where missing, private to the
 * user (0700), for a book or its backups. */
gboolean       nudge_store_make_private_dir  (const char    *dir,
                                              GError       **error);

/* Column helpers: NULL reads as "" / 0 */
char          *nudge_sql_dup_text            (sqlite3_stmt  *stmt,
                                              int            col);
void           nudge_sql_bind_text           (sqlite3_stmt  *stmt,
                                              int            idx,
                                              const char    *text);
void           nudge_sql_bind_id             (sqlite3_stmt  *stmt,
                                              int            idx,
                                              gint64         id);
void           nudge_sql_bind_time           (sqlite3_stmt  *stmt,
                                              int            idx,
                                              gint64         at);
gboolean       nudge_sql_values_equal        (sqlite3_value *a,
                                              sqlite3_value *b);
gboolean       nudge_sql_rows_equal          (sqlite3_value **a,
                                              sqlite3_value **b,
                                              guint           n);
/* A row kept to be put back (an undo): copies of its @n values. */
sqlite3_value **nudge_sql_values_dup         (sqlite3_stmt    *stmt,
                                              guint            n);
void           nudge_sql_values_free         (sqlite3_value  **values,
                                              guint            n);
/* The row @stmt (a SELECT * of a table) stands on; the first time, the
 * names of its columns go into @columns and @n_columns. */
sqlite3_value **nudge_sql_row_dup            (sqlite3_stmt    *stmt,
                                              GStrv           *columns,
                                              guint           *n_columns);
/* A copy of the row that @sql (a SELECT * … WHERE id = ?1) finds for
 * @id, as nudge_sql_row_dup() makes it; NULL with
 * NUDGE_STORE_ERROR_NOT_FOUND for @entity when there is none. */
sqlite3_value **nudge_sql_row_copy           (NudgeStore      *store,
                                              const char      *sql,
                                              gint64           id,
                                              NudgeEntity      entity,
                                              GStrv           *columns,
                                              guint           *n_columns,
                                              GError         **error);
/* The place of the column @name in @columns, -1 when none. */
int            nudge_sql_column_index        (GStrv            columns,
                                              const char      *name);
/* An undo's write: the columns of row @id of @table whose value in
 * @before differs from @after get their @before value back, with
 * updated_at now (and @also, e.g. "sequence = sequence + 1"); the id,
 * updated_at and the @also column are never copied back. Only what the
 * change wrote is written: an unchanged title does not send the row
 * through the search index again. */
gboolean       nudge_sql_write_back          (NudgeStore      *store,
                                              const char      *table,
                                              GStrv            columns,
                                              sqlite3_value  **before,
                                              sqlite3_value  **after,
                                              const char      *also,
                                              gint64           id,
                                              GError         **error);
/* Whether the columns a change wrote (those where @before and @after
 * differ, updated_at aside: an undo is an edit of its own) still hold
 * what it wrote in row @now; NULL @now (the row is gone) never does. */
gboolean       nudge_sql_written_unchanged   (GStrv            columns,
                                              guint            n_columns,
                                              sqlite3_value  **before,
                                              sqlite3_value  **after,
                                              sqlite3_value  **now);
/* An undo's check: row @id that @sql (a SELECT * … WHERE id = ?1) reads
 * still holds what a change wrote, as nudge_sql_written_unchanged()
 * tells; else FALSE with NUDGE_STORE_ERROR_NOT_FOUND for @entity when
 * it is gone, or NUDGE_STORE_ERROR_CHANGED and @changed_message. */
gboolean       nudge_sql_check_written       (NudgeStore      *store,
                                              const char      *sql,
                                              gint64           id,
                                              NudgeEntity      entity,
                                              GStrv            columns,
                                              guint            n_columns,
                                              sqlite3_value  **before,
                                              sqlite3_value  **after,
                                              const char      *changed_message,
                                              GError         **error);
/* The integer in the column @name of a row @values (0 when none). */
gint64         nudge_sql_row_int             (GStrv            columns,
                                              sqlite3_value  **values,
                                              const char      *name);
/* An undo's copy of follow-up @id's whole row (SELECT *), as
 * nudge_sql_row_copy() makes it: the first time, the names of its
 * columns go into @columns and @n_columns; NULL with
 * NUDGE_STORE_ERROR_NOT_FOUND when the follow-up is not there. */
sqlite3_value **nudge_store_copy_followup_row (NudgeStore  *self,
                                               gint64       id,
                                               GStrv       *columns,
                                               guint       *n_columns,
                                               GError     **error);
/* An undo's removal of a follow-up its change created (inside the
 * caller's transaction), announced with its deal and contact (either
 * may be 0). */
gboolean       nudge_store_remove_followup_row (NudgeStore  *self,
                                                gint64       id,
                                                gint64       deal_id,
                                                gint64       contact_id,
                                                GError     **error);

/* Row readers, matching the NUDGE_*_COLUMNS select lists */
extern const char NUDGE_DEAL_SELECT[];
extern const char NUDGE_FOLLOWUP_SELECT[];
NudgeDeal     *nudge_store_read_deal         (sqlite3_stmt  *stmt);
NudgeFollowup *nudge_store_read_followup     (sqlite3_stmt  *stmt);

/* Validation shared by the savers. nudge_fail_invalid() sets @error to
 * NUDGE_STORE_ERROR_INVALID with a printf-style message and is FALSE, so
 * that a check can `return nudge_fail_invalid (error, _("…"), …);`. */
#define nudge_fail_invalid(error, ...) \
  (g_set_error ((error), NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID, __VA_ARGS__), FALSE)
gboolean       nudge_check_text              (const char    *label,
                                              const char    *text,
                                              guint          max_chars,
                                              gboolean       required,
                                              GError       **error);
gboolean       nudge_check_email             (const char    *email,
                                              GError       **error);
gboolean       nudge_check_phone             (const char    *phone,
                                              GError       **error);
/* What nudge_store_save_company() checks of a company's fields, and what
 * nudge_store_save_contact() checks of a contact's own fields (not its
 * company); the import checks them too before it updates a row itself. */
gboolean       nudge_check_company           (NudgeCompany  *company,
                                              GError       **error);
gboolean       nudge_check_contact           (NudgeContact  *contact,
                                              GError       **error);

G_END_DECLS
