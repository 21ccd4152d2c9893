/* nudge-import-preview.h — what a file would do to the book, before it
 * is imported: its format, the column mapping, the counts, the first rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-context.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_IMPORT_PREVIEW (nudge_import_preview_get_type ())

G_DECLARE_FINAL_TYPE (NudgeImportPreview, nudge_import_preview, NUDGE, IMPORT_PREVIEW, AdwWindow)

/* Property: "context" (construct-only): the book it works on, and its settings. */

GtkWidget   *nudge_import_preview_new         (GtkWindow          *parent,
                                               NudgeContext       *context,
                                               NudgeEntity         entity,
                                               GFile              *file,
                                               const char         *default_currency);
NudgeEntity  nudge_import_preview_get_entity  (NudgeImportPreview *self);
GFile       *nudge_import_preview_get_file    (NudgeImportPreview *self);
gboolean     nudge_import_preview_is_busy     (NudgeImportPreview *self);
void         nudge_import_preview_get_counts  (NudgeImportPreview *self,
                                               guint              *n_new,
                                               guint              *n_updated,
                                               guint              *n_unchanged,
                                               guint              *n_errors);
gboolean     nudge_import_preview_set_column_field (NudgeImportPreview *self,
                                               const char         *column,
                                               const char         *field_key);
GHashTable  *nudge_import_preview_dup_mapping (NudgeImportPreview *self);
const char  *nudge_import_preview_get_checksum   (NudgeImportPreview *self);
GArray      *nudge_import_preview_get_skip_lines (NudgeImportPreview *self);

G_END_DECLS
