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

extern const char * const nudge_schema_bulk_triggers[];
char        *nudge_schema_bulk_catch_up_sql (gint64 last_company,
                                             gint64 last_contact,
                                             gint64 last_deal,
                                             gint64 last_activity);

G_END_DECLS
