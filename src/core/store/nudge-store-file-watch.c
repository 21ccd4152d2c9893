/* nudge-store-file-watch.c — noticing what other programs write to the book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-store"

#include "config.h"

#include "nudge-store-internal.h"

gint64
nudge_store_read_data_version (NudgeStore *self)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

/* Another program (nudge-cli, a script, a restored or synced file)
 * committed to the book: what it changed is not known row by row, so
 * listeners reload. SQLite's data_version tells a real commit by another
 * connection from our own writes and from mere reads. */
static gboolean
check_external_cb (gpointer data)
{
  NudgeStore *self = data;
  gint64 version;

  self->external_id = 0;
  if (self->tx_depth > 0)
    return G_SOURCE_REMOVE;
  /* A worker of ours that committed but has not said so yet would look
   * like another program: look again once they are all done. */
  if (self->workers_running > 0)
    {
      self->external_deferred = TRUE;
      return G_SOURCE_REMOVE;
    }
  version = nudge_store_read_data_version (self);
  if (version >= 0 && version != self->data_version)
    {
      g_autoptr(NudgeChangeSet) all = nudge_change_set_new_all ();

      self->data_version = version;
      g_debug ("%s changed on disk: reloading", self->path);
      nudge_store_emit_changes (self, all);
    }
  return G_SOURCE_REMOVE;
}

static void
file_changed_cb (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event,
                 NudgeStore        *self)
{
  /* A bulk write is many events: look once it has settled a little. */
  if (self->external_id == 0)
    self->external_id = g_timeout_add (150, check_external_cb, self);
}

/**
 * nudge_store_watch_file:
 * @self: a #NudgeStore
 *
 * Follows writes by other programs to the book, announced as changes of
 * everything. For the app's long-lived main connection. It may start
 * after the book was opened (watching a folder costs a moment): what
 * other programs committed in between is announced once it starts.
 */
void
nudge_store_watch_file (NudgeStore *self)
{
  g_autofree char *wal = NULL;
  const char *paths[2];

  g_return_if_fail (NUDGE_IS_STORE (self));

  if (self->monitors[0] != NULL)
    return;
  wal = g_strconcat (self->path, "-wal", NULL);
  paths[0] = self->path;
  paths[1] = wal;
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);

      self->monitors[i] = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, NULL);
      if (self->monitors[i] != NULL)
        {
          g_file_monitor_set_rate_limit (self->monitors[i], 100);
          g_signal_connect (self->monitors[i], "changed", G_CALLBACK (file_changed_cb), self);
        }
    }
  if (nudge_store_read_data_version (self) != self->data_version)
    file_changed_cb (NULL, NULL, NULL, G_FILE_MONITOR_EVENT_CHANGED, self);
}

/* A worker job of ours is done. What it wrote is not another program's
 * change, also when it announced no row (bookkeeping such as rule runs).
 * A job that wrote nothing leaves a change of the file that came
 * meanwhile to be looked at: another program's. */
void
nudge_store_note_worker_done (NudgeStore *self,
                              gboolean    wrote)
{
  g_return_if_fail (NUDGE_IS_STORE (self));

  if (wrote)
    self->data_version = nudge_store_read_data_version (self);
  if (self->workers_running > 0)
    self->workers_running--;
  if (self->workers_running == 0 && self->external_deferred)
    {
      self->external_deferred = FALSE;
      file_changed_cb (NULL, NULL, NULL, G_FILE_MONITOR_EVENT_CHANGED, self);
    }
}

/* A worker job of ours starts: until it is done, changes of the file are
 * not taken for another program's (nudge_store_note_worker_done()). */
void
nudge_store_note_worker_start (NudgeStore *self)
{
  g_return_if_fail (NUDGE_IS_STORE (self));

  self->workers_running++;
}
