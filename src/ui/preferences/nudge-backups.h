/* nudge-backups.h — the book's health and backups in the running app
 *
 * After start-up a worker runs PRAGMA quick_check on its own connection
 * and, when the book is sound, makes the daily backup (nudge-backup.h).
 * On damage the store stops writing, and a dialog says so and offers to
 * restore the latest backup. Preferences → Backups lists the backups with
 * Restore, and Undo for the last restore.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-context.h"

G_BEGIN_DECLS

void       nudge_backups_start_check             (GtkApplication *app,
                                                  NudgeStore     *store);
/* The newest backup of the book at @book_path that is intact, or NULL. */
char      *nudge_backups_latest_good             (const char     *book_path);
void       nudge_backups_restore_async           (NudgeStore          *store,
                                                  const char          *file,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean   nudge_backups_restore_finish          (NudgeStore     *store,
                                                  GAsyncResult   *result,
                                                  char          **out_previous,
                                                  GError        **error);
void       nudge_backups_restore_latest          (GtkWindow      *parent,
                                                  NudgeStore     *store,
                                                  GtkWidget      *button);
/* "Backups" preferences group. */
GtkWidget *nudge_backups_preferences_group_new   (NudgeContext   *context);

G_END_DECLS
