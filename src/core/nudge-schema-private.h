/* nudge-schema-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "NUDG" — stored in PRAGMA application_id so a stranger's SQLite file is
 * never mistaken for ours. */
#define NUDGE_SQLITE_APPLICATION_ID 0x4E554447

guint        nudge_schema_latest_version (void);
const char  *nudge_schema_migration      (guint version);

G_END_DECLS
