/* nudge-store-internal.h — shared by the files of src/core/store only
 *
 * The store is one object spread over a file per job (the connection,
 * statements, transactions, one file per table); this header gives them
 * its instance struct and the helpers they share. Other core modules use
 * nudge-store-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "nudge-store-private.h"

G_BEGIN_DECLS

struct _NudgeStore
{
  GObject     parent_instance;

  char       *path;
  char       *open_key;        /* in the books open in this process */
  sqlite3    *db;
  GHashTable *statements;      /* sql text -> sqlite3_stmt */
  NudgeChangeSet *pending;     /* emitted once on commit */
  GPtrArray  *outer_pending;   /* the enclosing levels' sets while in a savepoint */
  GFileMonitor *monitors[2];   /* the book and its write-ahead log */
  gint64      data_version;    /* of the last change this connection saw */
  guint       external_id;
  guint       workers_running; /* our worker jobs under way: what they commit is ours */
  gboolean    external_deferred; /* a look at the file waits for them */
  guint       tx_depth;
  guint       schema_version;
  gint64      default_pipeline;
  gboolean    trash_purged;    /* old trash deleted by this connection's first write */
  gboolean    writing;         /* holds the book's write lock (BEGIN IMMEDIATE) */
  gboolean    read_only;       /* damaged: nothing is written until restored */
};

/* The table of each entity that has one of its own. */
extern const char *const nudge_entity_tables[NUDGE_N_ENTITIES];

/* nudge-store.c */
void           nudge_store_signal_changes    (NudgeStore     *self,
                                              NudgeChangeSet *changes);
gboolean       nudge_store_query_int         (NudgeStore     *self,
                                              const char     *sql,
                                              int            *out,
                                              GError        **error);

/* nudge-store-statements.c: saving and reading rows */
gboolean       nudge_store_check_writable    (NudgeStore     *self,
                                              GError        **error);

typedef gpointer (*NudgeRowReader) (sqlite3_stmt *stmt);

GPtrArray     *nudge_store_collect_rows      (NudgeStore     *self,
                                              sqlite3_stmt   *stmt,
                                              NudgeRowReader  reader,
                                              GError        **error);
gpointer       nudge_store_get_one           (NudgeStore     *self,
                                              const char     *sql,
                                              gint64          id,
                                              NudgeRowReader  reader,
                                              NudgeEntity     entity,
                                              GError        **error);
gboolean       nudge_store_row_exists        (NudgeStore     *self,
                                              NudgeEntity     entity,
                                              gint64          id);
gboolean       nudge_store_check_reference   (NudgeStore     *self,
                                              NudgeEntity     entity,
                                              gint64          id,
                                              GError        **error);

/* nudge-store-validate.c */
gboolean       nudge_check_currency          (const char     *currency,
                                              GError        **error);
gboolean       nudge_check_date              (const char     *label,
                                              const char     *date,
                                              GError        **error);

/* nudge-store-file-watch.c */
gint64         nudge_store_read_data_version (NudgeStore     *self);

/* nudge-store-trash.c: inside a transaction */
gboolean       nudge_store_delete_old_trash  (NudgeStore     *self,
                                              gint64          older_than,
                                              GError        **error);

/* nudge-store-stages.c: the pipeline, stages and lost reasons of a new book */
gboolean       nudge_store_seed_defaults     (NudgeStore     *self,
                                              GError        **error);

G_END_DECLS
