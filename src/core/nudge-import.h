/* nudge-import.h — companies, contacts and deals from a CSV file;
 * contacts also from a vCard file (nudge-vcard.c), told by its content
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-store.h"

G_BEGIN_DECLS

/* The largest file an import reads: 64 MB */
#define NUDGE_IMPORT_MAX_BYTES   (64 * 1024 * 1024)
/* The most columns a row may have */
#define NUDGE_IMPORT_MAX_COLUMNS 1000

typedef void (*NudgeImportProgressFunc) (double   fraction,
                                         gpointer user_data);

typedef struct
{
  guint      n_records;          /* rows added (activities: with the follow-ups) */
  guint      n_companies_added;  /* companies created because a row named them */
  GArray    *record_ids;         /* gint64: the rows added, for Undo */
  GArray    *followup_ids;       /* gint64: activities not done yet, added as follow-ups */
  GArray    *company_ids;        /* gint64: the companies created */
  GPtrArray *ignored_columns;    /* header names that match no field */
  const char *converted_from;    /* the legacy encoding the file was read in, or NULL */
  const char *format_name;       /* the program whose export the header shows, translated
                                  * ("Google Contacts export"), or NULL */
  const char *format_message;    /* "Read as a Google Contacts export", or NULL */
  GPtrArray  *created;           /* what rows needed and the book lacked, described
                                  * ("stage “Demo” in “Sales”"): pipelines and stages */
} NudgeImportResult;

void      nudge_import_result_clear (NudgeImportResult  *result);

gboolean  nudge_import_csv          (NudgeStore         *store,
                                     NudgeEntity         entity,
                                     const char         *text,
                                     gsize               length,
                                     const char         *default_currency,
                                     NudgeImportResult  *result,
                                     GError            **error);
gboolean  nudge_import_csv_full     (NudgeStore             *store,
                                     NudgeEntity             entity,
                                     const char             *text,
                                     gsize                   length,
                                     const char             *default_currency,
                                     NudgeImportProgressFunc progress,
                                     gpointer                progress_data,
                                     GCancellable           *cancellable,
                                     NudgeImportResult      *result,
                                     GError                **error);
gboolean  nudge_import_csv_file_full (NudgeStore            *store,
                                     NudgeEntity             entity,
                                     GFile                  *file,
                                     const char             *default_currency,
                                     NudgeImportProgressFunc progress,
                                     gpointer                progress_data,
                                     GCancellable           *cancellable,
                                     NudgeImportResult      *result,
                                     GError                **error);
gboolean  nudge_import_csv_file     (NudgeStore         *store,
                                     NudgeEntity         entity,
                                     GFile              *file,
                                     const char         *default_currency,
                                     GCancellable       *cancellable,
                                     NudgeImportResult  *result,
                                     GError            **error);

G_END_DECLS
