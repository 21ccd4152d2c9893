/* nudge-backup.h — checking a book and keeping copies of it
 *
 * One SQLite file holds a salesperson's whole business. Copies are made
 * with SQLite's online backup API (a consistent snapshot, while the app
 * keeps working) into $XDG_DATA_HOME/nudge/backups/, named
 * "<book>-<hash of its path>-YYYYMMDD-HHMMSS-<reason>.db", 0600:
 *   daily    at most one a day; 7 days and 4 weeks are kept
 *   import   before an import
 *   restore  the book a restore replaced (so a restore can be undone)
 *   manual   nudge-cli backup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-store.h"

G_BEGIN_DECLS

#define NUDGE_BACKUP_KEEP_DAILY  7
#define NUDGE_BACKUP_KEEP_WEEKLY 4

typedef struct
{
  char   *path;
  char   *reason;     /* "daily", "import", "restore", "manual" */
  gint64  time;       /* when it was made, UTC seconds */
  gint64  size;
} NudgeBackupInfo;

void        nudge_backup_info_free   (NudgeBackupInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeBackupInfo, nudge_backup_info_free)

/* $XDG_DATA_HOME/nudge/backups */
char       *nudge_backup_dir         (void);
/* PRAGMA integrity_check (or quick_check with @quick) of @store: FALSE
 * with the first problem SQLite names. */
gboolean    nudge_backup_check_store (NudgeStore   *store,
                                      gboolean      quick,
                                      GError      **error);
/* Copies @store to @dest, or (NULL) into the backup folder; returns the
 * path written. */
char       *nudge_backup_create      (NudgeStore   *store,
                                      const char   *dest,
                                      const char   *reason,
                                      GError      **error);
/* The backups of the book at @book_path, newest first. */
GPtrArray  *nudge_backup_list        (const char   *book_path);
/* Makes today's daily backup unless there is one, then keeps 7 daily and
 * 4 weekly ones. Sets @made when it made one. */
gboolean    nudge_backup_daily       (NudgeStore   *store,
                                      gboolean     *made,
                                      GError      **error);
/* TRUE when @path is a Nudge book of a version this Nudge knows, intact. */
gboolean    nudge_backup_check_file  (const char   *path,
                                      GError      **error);
/* Replaces the book at @book_path with the copy at @file (checked first);
 * the replaced book is kept as a "restore" backup, its path in
 * @out_previous. */
gboolean    nudge_backup_restore     (const char   *book_path,
                                      const char   *file,
                                      char        **out_previous,
                                      GError      **error);

G_END_DECLS
