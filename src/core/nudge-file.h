/* nudge-file.h — writing exported files atomically and privately
 *
 * Exports hold phone numbers and e-mail addresses. A file is written to a
 * temporary file beside the target, created 0600, synced and renamed over
 * the target: readers see the old or the new file, never a part. An
 * existing target keeps its permissions; a new one is 0600. The temporary
 * file is removed on every failure, and those a crashed or killed earlier
 * run left behind are removed the next time the same target is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean nudge_file_write_private (const char  *path,
                                   const char  *data,
                                   gsize        length,
                                   GError     **error);

G_END_DECLS
