/* nudge-vcard.h — contacts in and out as vCard (3.0 and 4.0)
 *
 * Reading goes through the contact import (nudge_import_csv() and its
 * file variant recognise a vCard by its content); writing produces
 * vCard 4.0.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-store.h"

G_BEGIN_DECLS

/* TRUE when @text starts (after a BOM and white space) with BEGIN:VCARD */
gboolean  nudge_vcard_detect          (const char  *text,
                                       gsize        length);

/* Every contact, or the members of the contact segment @segment (NULL
 * for all), as vCard 4.0 text. */
char     *nudge_vcard_export          (NudgeStore  *store,
                                       const char  *segment,
                                       gsize       *length,
                                       GError     **error);
/* The same written privately and atomically to @path */
gboolean  nudge_vcard_export_to_file  (NudgeStore  *store,
                                       const char  *segment,
                                       const char  *path,
                                       GError     **error);

G_END_DECLS
