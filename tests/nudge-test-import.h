/* nudge-test-import.h — what the import tests share: a CSV text imported
 * (or only tried) with its counts checked, its Undo, and what it wrote
 * in the book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-import.h"
#include "nudge-store.h"

G_BEGIN_DECLS

/* A text that sums up part of the book: equal texts, an unchanged part */
typedef char *(*NudgeTestSnapshotFunc) (NudgeStore *store);

/* Every contact and company row and what the timeline kept of imports */
char            *nudge_test_import_snapshot      (NudgeStore              *store);
/* @text imported as @entity records in CZK (only tried with @dry_run),
 * the first 5 rows described, columns by @mapping when not NULL */
gboolean         nudge_test_import_text          (NudgeStore              *store,
                                                  NudgeEntity              entity,
                                                  const char              *text,
                                                  gboolean                 dry_run,
                                                  GHashTable              *mapping,
                                                  NudgeImportResult       *result,
                                                  GError                 **error);
void             nudge_test_assert_import_counts (const NudgeImportResult *result,
                                                  guint                    n_new,
                                                  guint                    n_updated,
                                                  guint                    n_unchanged,
                                                  guint                    n_errors);
/* nudge_test_import_text() without errors and with these counts; a dry
 * run writes nothing, an import gives the ids of the new records */
void             nudge_test_import_checked       (NudgeStore              *store,
                                                  gboolean                 dry_run,
                                                  NudgeEntity              entity,
                                                  const char              *text,
                                                  guint                    n_new,
                                                  guint                    n_updated,
                                                  guint                    n_unchanged);
/* @text imported into @result; the Undo of that import */
NudgeImportUndo *nudge_test_import_for_undo      (NudgeStore              *store,
                                                  NudgeEntity              entity,
                                                  const char              *text,
                                                  NudgeImportResult       *result);
/* Undo of @undo done (@code 0) or refused with @code, and the book then
 * as @expected says, by @snapshot */
void             nudge_test_assert_import_undo   (NudgeStore              *store,
                                                  NudgeImportUndo         *undo,
                                                  int                      code,
                                                  NudgeTestSnapshotFunc    snapshot,
                                                  const char              *expected);
/* The summary of the one line imports wrote in the timeline of record
 * @id, or NULL for none */
const char      *nudge_test_import_line          (NudgeStore              *store,
                                                  NudgeEntity              entity,
                                                  gint64                   id);

G_END_DECLS
