/* nudge-import.h — companies, contacts and deals from a CSV file;
 * contacts also from a vCard file (nudge-vcard.c), told by its content
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-deal-move.h"
#include "nudge-followups-undo.h"
#include "nudge-store.h"

G_BEGIN_DECLS

/* The largest file an import reads: 64 MB */
#define NUDGE_IMPORT_MAX_BYTES   (64 * 1024 * 1024)
/* The most columns a row may have */
#define NUDGE_IMPORT_MAX_COLUMNS 1000

typedef void (*NudgeImportProgressFunc) (double   fraction,
                                         gpointer user_data);

/* What a row of the file does to the book (nudge-import-match.c) */
typedef enum
{
  NUDGE_IMPORT_ROW_NEW,
  NUDGE_IMPORT_ROW_UPDATED,
  NUDGE_IMPORT_ROW_UNCHANGED,
  NUDGE_IMPORT_ROW_ERROR,
} NudgeImportRowState;

/* One of the first rows of a file, as it would be imported */
typedef struct
{
  NudgeImportRowState  state;
  guint                line;
  char                *name;     /* the record's name or title */
  char                *detail;   /* its values; what changed; or the error */
} NudgeImportPreviewRow;

/* One column of a CSV file and the Nudge field it fills */
typedef struct
{
  char *name;       /* as the header writes it */
  char *field;      /* a key of nudge_import_list_fields(), "" when left out */
  char *sample;     /* its first value, or "" */
} NudgeImportColumn;

/* A Nudge field a column may fill, for a mapping */
typedef struct
{
  const char *key;     /* "email", "phone"… */
  const char *label;   /* translated */
} NudgeImportField;

typedef struct
{
  /* Reads, matches and validates every row, counts, and keeps nothing */
  gboolean    dry_run;
  /* File column (as the header writes it) → a field key, or "ignore";
   * columns not named keep the field their header says. NULL: none. */
  GHashTable *mapping;
  /* How many of the first rows to describe in preview_rows */
  guint       n_preview_rows;
  /* Told the share of the file done, now and then, on the calling
   * thread; NULL: none */
  NudgeImportProgressFunc progress;
  gpointer                progress_data;
  /* guint, ascending: the lines of rows to leave out (the error_lines
   * of a dry run of the same file), each the line a row starts on (a
   * card's BEGIN line in vCard). A row left out writes nothing; any
   * other bad row still stops a real import. NULL: none. */
  const GArray           *skip_lines;
  /* The checksum a dry run of the same file gave (its result's
   * checksum): a file that reads otherwise now, changed since, is
   * refused, nothing written. NULL: none. */
  const char             *expected_checksum;
} NudgeImportOptions;

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
  /* Matching (nudge-import-match.c): record_ids holds the new rows only */
  guint       n_new;
  guint       n_updated;          /* matched a record and changed it */
  guint       n_unchanged;        /* matched a record that has every value already */
  guint       n_errors;           /* a dry run goes on after a bad row */
  GPtrArray  *errors;             /* "Line 5: …", one per bad row */
  GArray     *error_lines;        /* guint: the line each bad row starts on, ascending */
  char       *checksum;           /* SHA-256 of the file's bytes, when read from a file */
  /* Of a CSV file, for nudge_import_write_error_rows(): each bad row's
   * text as the file has it (its line breaks, quotes and separators,
   * without the line end) and its message without the line number */
  GPtrArray  *error_records;
  GPtrArray  *error_messages;
  char       *csv_head;           /* the file up to and with the end of its header line,
                                   * as UTF-8 without a BOM; NULL for a vCard file */
  char        csv_separator;      /* ',', ';', '\t', or '\0' for one column */
  guint       n_skipped;          /* rows left out by NudgeImportOptions.skip_lines */
  GPtrArray  *columns;            /* NudgeImportColumn, for a CSV file */
  GPtrArray  *preview_rows;       /* NudgeImportPreviewRow, up to n_preview_rows */
  GPtrArray  *updated_deals;      /* NudgeDealMove: each update of a deal, as it was, for Undo */
  GPtrArray  *updated_records;    /* each update of a contact or a company, as it was, for Undo */
  NudgeFollowupsUndo *followups_undo; /* the follow-ups of followup_ids as added, for Undo, or NULL */
} NudgeImportResult;

void      nudge_import_result_clear (NudgeImportResult  *result);

/* The file's header and its bad rows as a CSV file that imports again
 * once corrected: each row as the file has it, its message in an added
 * last column ("Error"); NULL when the result has none (nudge-import-errors.c) */
GBytes   *nudge_import_write_error_rows (const NudgeImportResult *result);

/* What Undo of an import takes back (nudge-import-undo.c): the records
 * it added, the companies it created, the deals, contacts and companies
 * it updated */
typedef struct _NudgeImportUndo NudgeImportUndo;

NudgeImportUndo *nudge_import_undo_new      (NudgeEntity               entity,
                                             const NudgeImportResult  *result);
void             nudge_import_undo_free     (NudgeImportUndo          *undo);
guint            nudge_import_undo_get_size (NudgeImportUndo          *undo);
gboolean         nudge_import_undo          (NudgeStore               *store,
                                             NudgeImportUndo          *undo,
                                             GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeImportUndo, nudge_import_undo_free)

gboolean  nudge_import_csv          (NudgeStore         *store,
                                     NudgeEntity         entity,
                                     const char         *text,
                                     gsize               length,
                                     const char         *default_currency,
                                     NudgeImportResult  *result,
                                     GError            **error);
gboolean  nudge_import_csv_file     (NudgeStore         *store,
                                     NudgeEntity         entity,
                                     GFile              *file,
                                     const char         *default_currency,
                                     GCancellable       *cancellable,
                                     NudgeImportResult  *result,
                                     GError            **error);

gboolean  nudge_import_file_with_options (NudgeStore                *store,
                                          NudgeEntity                entity,
                                          GFile                     *file,
                                          const char                *default_currency,
                                          const NudgeImportOptions  *options,
                                          GCancellable              *cancellable,
                                          NudgeImportResult         *result,
                                          GError                   **error);
gboolean  nudge_import_csv_with_options (NudgeStore                *store,
                                         NudgeEntity                entity,
                                         const char                *text,
                                         gsize                      length,
                                         const char                *default_currency,
                                         const NudgeImportOptions  *options,
                                         GCancellable              *cancellable,
                                         NudgeImportResult         *result,
                                         GError                   **error);

/* The fields a column of an @entity file may fill (NudgeImportField,
 * not to be freed one by one); "ignore" is not among them. */
GPtrArray *nudge_import_list_fields     (NudgeEntity         entity);
const char *nudge_import_field_label    (const char         *key);
/* The column title the import reads as @key, in the user's language */
const char *nudge_import_header_title   (NudgeEntity         entity,
                                         const char         *key);
/* "work e-mail=email,Mobile=phone" or one pair per call, into @mapping */
gboolean  nudge_import_parse_mapping    (GHashTable         *mapping,
                                         const char         *text,
                                         GError            **error);

/* Matching keys, exposed for tests and the documentation of the rules */
char     *nudge_import_fold_name        (const char         *name);
char     *nudge_import_phone_key        (const char         *phone);
char     *nudge_import_website_domain   (const char         *website);

G_END_DECLS
