/* nudge-file.c — writing exported files atomically and privately
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "nudge-file.h"

#define TMP_SUFFIX ".nudge-tmp"
#define STALE_AFTER_S (60 * 60)

/* ".<name>.<pid>.XXXXXX.nudge-tmp": left behind when its writer no longer
 * runs (or an hour later, should the pid have been reused). */
static void
remove_stale (const char *dir,
              const char *base)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strdup_printf (".%s.", base);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      const char *pid_text;
      char *end = NULL;
      gint64 pid;
      GStatBuf st;

      if (!g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, TMP_SUFFIX))
        continue;
      pid_text = name + strlen (prefix);
      pid = g_ascii_strtoll (pid_text, &end, 10);
      if (end == pid_text || *end != '.' || pid <= 0)
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      if ((pid != getpid () && kill ((pid_t) pid, 0) < 0 && errno == ESRCH) ||
          st.st_mtime < (time_t) (g_get_real_time () / G_USEC_PER_SEC - STALE_AFTER_S))
        g_unlink (path);
    }
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length)
{
  while (length > 0)
    {
      ssize_t n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

gboolean
nudge_file_write_private (const char  *path,
                          const char  *data,
                          gsize        length,
                          GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *name = NULL;
  mode_t mode = 0600;
  GStatBuf st;
  int fd, saved;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  remove_stale (dir, base);

  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode))
    mode = st.st_mode & 0777;

  name = g_strdup_printf (".%s.%d.XXXXXX" TMP_SUFFIX, base, (int) getpid ());
  tmp = g_build_filename (dir, name, NULL);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }

  if (!write_all (fd, data, length) || fsync (fd) != 0 || fchmod (fd, mode) != 0)
    goto failed;
  if (close (fd) != 0)
    {
      fd = -1;
      goto failed;
    }
  fd = -1;
  if (g_rename (tmp, path) != 0)
    goto failed;
  return TRUE;

failed:
  saved = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
               _("Cannot write “%s”: %s"), path, g_strerror (saved));
  return FALSE;
}
