/* nudge-store-read-only.c — the damage mark: a damaged book is not written to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "nudge-store-internal.h"

static char *
damage_mark_path (const char *path)
{
  if (path == NULL || *path == '\0' || g_str_equal (path, ":memory:"))
    return NULL;
  return g_strconcat (path, ".damaged", NULL);
}

void
nudge_store_set_read_only (NudgeStore *self,
                           gboolean    read_only)
{
  g_autofree char *mark = NULL;

  g_return_if_fail (NUDGE_IS_STORE (self));

  self->read_only = !!read_only;
  if (!read_only)
    nudge_store_clear_damage_mark (self->path);
  /* Told to the other connections (workers, nudge-cli, a second window)
   * through a file: none of them writes into the damage either. */
  else if ((mark = damage_mark_path (self->path)) != NULL &&
           !g_file_set_contents (mark, "damaged\n", -1, NULL))
    g_warning ("Cannot mark %s as damaged", self->path);
  g_object_notify (G_OBJECT (self), "read-only");
}

gboolean
nudge_store_get_read_only (NudgeStore *self)
{
  g_autofree char *mark = NULL;

  g_return_val_if_fail (NUDGE_IS_STORE (self), FALSE);

  if (self->read_only)
    return TRUE;
  /* One stat per transaction, so that every program sees the mark. */
  mark = damage_mark_path (self->path);
  return mark != NULL && g_file_test (mark, G_FILE_TEST_EXISTS);
}

/* FALSE, with @error saying why, when the book is marked damaged: every
 * write asks, in a transaction (nudge_store_begin) or not. */
gboolean
nudge_store_check_writable (NudgeStore  *self,
                            GError     **error)
{
  if (!nudge_store_get_read_only (self))
    return TRUE;
  g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_READ_ONLY,
               _("%s is damaged; nothing is saved until a backup is restored"), self->path);
  return FALSE;
}

/* After a restore the book is whole again. */
void
nudge_store_clear_damage_mark (const char *path)
{
  g_autofree char *mark = damage_mark_path (path);

  if (mark != NULL)
    g_unlink (mark);
}
