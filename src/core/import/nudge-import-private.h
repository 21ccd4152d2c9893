/* nudge-import-private.h — what the CSV reader and the known export
 * formats share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "nudge-import.h"

G_BEGIN_DECLS

typedef enum
{
  FIELD_NONE,
  FIELD_NAME,
  FIELD_TITLE,
  FIELD_EMAIL,
  FIELD_PHONE,
  FIELD_JOB_TITLE,
  FIELD_COMPANY,
  FIELD_CONTACT,
  FIELD_SOURCE,
  FIELD_TAGS,
  FIELD_NOTES,
  FIELD_INDUSTRY,
  FIELD_WEBSITE,
  FIELD_AMOUNT,
  FIELD_CURRENCY,
  FIELD_STAGE,
  FIELD_EXPECTED_CLOSE,
  FIELD_PRODUCT,
  /* Only in the exports of other programs */
  FIELD_FIRST_NAME,
  FIELD_MIDDLE_NAME,
  FIELD_LAST_NAME,
  FIELD_DISPLAY_NAME,
  FIELD_CHANNEL_LABEL,   /* the type of the e-mail or phone beside it */
  FIELD_BIRTHDAY,
  FIELD_BIRTH_YEAR,
  FIELD_BIRTH_MONTH,
  FIELD_BIRTH_DAY,
  FIELD_WORK_ADDRESS,    /* parts of an address, joined */
  FIELD_HOME_ADDRESS,
  FIELD_CONNECTED_ON,
  FIELD_PIPELINE,
  FIELD_STATUS,
  FIELD_LOST_REASON,
  FIELD_KIND,            /* of an activity: call, meeting… */
  FIELD_DATE,
  FIELD_TIME,
  FIELD_DEAL,
  FIELD_DONE,
  N_FIELDS
} Field;

/* The exports of the programs people come from, recognised by their
 * header. Names are written as normalize_header() leaves them (lower
 * case letters and digits); localised headers sit beside the English
 * ones. */
typedef struct
{
  Field       field;
  const char *label;    /* of an e-mail or a phone: "work", "mobile", "home" */
  const char *aliases;
} FormatColumn;

typedef struct
{
  const char         *name;       /* "Google Contacts export" */
  const char         *read_as;    /* "Read as a Google Contacts export" */
  NudgeEntity         entity;
  /* Groups of header names, "," between groups, "|" between the names of
   * a group: the format is the file's when each group names a column. */
  const char         *signature;
  /* Dropped from the start of a header before matching ("Deal - Title") */
  const char         *prefix;
  /* Google numbers repeated columns ("E-mail 2 - Value"): the digits are
   * dropped before matching and link a value to its type column. */
  gboolean            numbered;
  /* What separates several values in one cell, or NULL */
  const char         *multi_separator;
  const FormatColumn *columns;
} ImportFormat;

/* One e-mail address or phone number of a contact */
typedef struct
{
  Field  kind;
  char  *label;
  char  *value;
  int    rank;    /* the lowest becomes the contact's primary one */
} Channel;

/* What a contact row brings beyond the contact's own fields */
typedef struct
{
  GPtrArray *channels;      /* Channel */
  GString   *work_address;
  GString   *home_address;
} ContactExtras;

/* A contact row as read, for matching it with the book */
typedef struct
{
  const char * const *v;           /* the row's values by Field */
  ContactExtras      *extras;
  const char         *name;        /* the name columns joined */
  gint64              company_id;  /* of the company it names, or 0 */
  const char         *email;       /* the primary ones, or "" */
  const char         *phone;
  const char         *birthday;
  const char         *address;     /* work, else home */
} ContactRow;

/* Finds the records rows are about, one pass over the book to start
 * (nudge-import-match.c), and counts what each row did. */
typedef struct _NudgeImportMatch NudgeImportMatch;

/* Shared by nudge-import-match.c and nudge-import-deals.c */
struct _NudgeImportMatch
{
  NudgeStore          *store;
  NudgeEntity          entity;
  gboolean             dry_run;
  guint                n_preview_rows;
  NudgeImportResult   *result;
  GHashTable          *emails;           /* casefolded address → gint64 contact id */
  GHashTable          *phones;           /* phone key → contact id */
  GHashTable          *names;            /* casefolded name "\x1f" folded company → contact id */
  GHashTable          *named;            /* an e-mail or phone key "\x1f" casefolded name → contact id:
                                          * of several contacts with one address, the one of that name */
  GHashTable          *company_names;    /* folded name → company id */
  GHashTable          *company_domains;  /* domain → company id */
  GHashTable          *deal_keys;        /* folded title "\x1f" folded company → the deals
                                          * of that key (a DealKey of nudge-import-deals.c) */
  /* A dry run of contacts or companies writes nothing, not even to roll
   * it back: it holds no write lock while it counts a big file. What
   * the rows would have written is kept here instead. */
  gboolean             virtual_rows;
  gint64               next_virtual_id;
  GHashTable          *pending;          /* id → NudgeContact or NudgeCompany as the rows left it */
  GHashTable          *pending_channels; /* contact id → GPtrArray of GStrv { kind, label, value } */
  NudgeImportRowState  state;            /* of the row under way */
  GString             *changes;          /* of the row under way, for the timeline */
  const GArray        *skip_lines;       /* NudgeImportOptions.skip_lines */
  /* What a bad row of a dry run made is forgotten with it, so the rows
   * after it see the book as the import, which leaves it out, will:
   * the companies it created (from result->company_ids[row_first_company]
   * on, also in row_companies, the names deal and activity rows look up)
   * and what it said it created (result->created[row_first_created] on). */
  GHashTable          *row_companies;
  guint                row_first_company;
  guint                row_first_created;
};

/* Reads a row of the book into @match's tables: the first column of
 * @stmt is the record's id. */
typedef void (*NudgeImportRowFunc) (NudgeImportMatch *match,
                                    sqlite3_stmt     *stmt,
                                    gint64            id);

/* What every row of one import reads and adds to */
typedef struct
{
  NudgeStore         *store;
  NudgeImportMatch   *match;
  GHashTable         *companies;         /* name → id: what deals and activities name */
  GHashTable         *contacts;
  GHashTable         *deals;             /* for activities */
  const char         *default_currency;  /* for amounts that name none */
  gboolean            known_format;      /* another program's export */
  NudgeImportResult  *result;
} ImportRows;

NudgeImportMatch   *nudge_import_match_new           (NudgeStore         *store,
                                                      NudgeEntity         entity,
                                                      const NudgeImportOptions *options,
                                                      NudgeImportResult  *result);
void                nudge_import_match_free          (NudgeImportMatch   *match);
NudgeImportMatch   *nudge_import_match_start         (NudgeStore         *store,
                                                      NudgeEntity         entity,
                                                      const NudgeImportOptions *options,
                                                      NudgeImportResult  *result,
                                                      GError            **error);
gboolean            nudge_import_match_keep          (NudgeImportMatch   *match,
                                                      NudgeStore         *store,
                                                      NudgeImportResult  *result,
                                                      GError            **error);
void                nudge_import_match_abandon       (NudgeImportMatch   *match,
                                                      NudgeStore         *store,
                                                      NudgeImportResult  *result);
gboolean            nudge_import_match_is_dry_run    (NudgeImportMatch   *match);
NudgeImportRowState nudge_import_match_row_state     (NudgeImportMatch   *match);
gboolean            nudge_import_match_is_virtual    (NudgeImportMatch   *match);
gint64              nudge_import_match_add_virtual_contact (NudgeImportMatch *match,
                                                            NudgeContact     *contact,
                                                            const ContactRow *row,
                                                            GError          **error);
gint64              nudge_import_match_add_virtual_company (NudgeImportMatch *match,
                                                      NudgeCompany       *company,
                                                      GError            **error);
gboolean            nudge_import_match_begin_row     (NudgeImportMatch   *match,
                                                      GError            **error);
/* TRUE, counted in result->n_skipped, when the row on @line is one of
 * NudgeImportOptions.skip_lines: it is left out (nudge-import-errors.c) */
gboolean            nudge_import_match_skips_line    (NudgeImportMatch   *match,
                                                      guint               line);
gboolean            nudge_import_is_error_column     (const char         *name);
/* A bad row of a dry run, rolled back: forgets what it made */
void                nudge_import_match_forget_row    (NudgeImportMatch   *match);
gboolean            nudge_import_match_end_row       (NudgeImportMatch   *match,
                                                      guint               line,
                                                      gint64              id,
                                                      const char         *name,
                                                      const char         *detail,
                                                      GError            **row_error,
                                                      GError            **error);
gboolean            nudge_import_match_company_for   (NudgeImportMatch   *match,
                                                      const char         *name,
                                                      gint64             *out_id,
                                                      GError            **error);
gint64              nudge_import_match_contact       (NudgeImportMatch   *match,
                                                      const ContactRow   *row,
                                                      GError            **error);
void                nudge_import_match_add_contact   (NudgeImportMatch   *match,
                                                      gint64              id,
                                                      const char         *name,
                                                      const char         *company,
                                                      ContactExtras      *extras,
                                                      const char         *email,
                                                      const char         *phone);
void                nudge_import_match_add_company   (NudgeImportMatch   *match,
                                                      gint64              id,
                                                      const char         *name,
                                                      const char         *website);
gint64              nudge_import_match_company_row   (NudgeImportMatch   *match,
                                                      const char * const *v,
                                                      GError            **error);
gboolean            nudge_import_load_rows           (NudgeImportMatch   *match,
                                                      const char         *sql,
                                                      NudgeImportRowFunc  read_row);
gint64              nudge_import_recall              (GHashTable         *table,
                                                      const char         *key);
gboolean            nudge_import_differs             (const char         *row_value,
                                                      const char         *stored);
void                nudge_import_note                (NudgeImportMatch   *match,
                                                      const char         *text);
void                nudge_import_note_change         (NudgeImportMatch   *match,
                                                      const char         *label,
                                                      const char         *before,
                                                      const char         *after);
gboolean            nudge_import_log_changes         (NudgeImportMatch   *match,
                                                      NudgeEntity         entity,
                                                      gint64              id,
                                                      GError            **error);
/* A contact or company as it was before a row updated it, and as the
 * row left it, for the import's Undo (nudge-import-undo.c) */
typedef struct _NudgeImportUpdate NudgeImportUpdate;

gboolean            nudge_import_update_begin        (NudgeImportMatch   *match,
                                                      NudgeEntity         entity,
                                                      gint64              id,
                                                      NudgeImportUpdate **out_update,
                                                      GError            **error);
gboolean            nudge_import_update_end          (NudgeImportMatch   *match,
                                                      NudgeImportUpdate  *update,
                                                      GError            **error);
void                nudge_import_update_free         (NudgeImportUpdate  *update);
/* The follow-ups an activities file added (result->followup_ids), as
 * they are, into result->followups_undo for Undo: inside the import's
 * transaction, once every row is in. */
gboolean            nudge_import_keep_followups      (NudgeStore         *store,
                                                      NudgeImportResult  *result,
                                                      GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeImportUpdate, nudge_import_update_free)

/* Deals by title and company (nudge-import-deals.c) */
void                nudge_import_load_deals          (NudgeImportMatch   *match);
Field               nudge_import_field_from_key      (const char         *key);
void                nudge_import_column_free         (gpointer            data);
void                nudge_import_preview_row_free    (gpointer            data);
char               *nudge_import_describe_row_name   (const char * const *v);
/* What nudge_store_save_contact() checks, and the address and website
 * (nudge-import-keys.c) */
gboolean            nudge_import_check_contact       (NudgeContact       *contact,
                                                      GError            **error);
const char         *nudge_import_field_key           (Field               field);

char               *nudge_import_normalize_header    (const char         *text);
const ImportFormat *nudge_import_detect_format       (NudgeEntity         entity,
                                                      GPtrArray          *names);
const FormatColumn *nudge_import_match_format_column (const ImportFormat *format,
                                                      const char         *normalized);
int                 nudge_import_find_label_column   (GPtrArray          *names,
                                                      const char         *value_name);
gboolean            nudge_import_refuse_other_kind   (NudgeEntity         entity,
                                                      GPtrArray          *names,
                                                      GError            **error);

/* One row into the book (nudge-import-records.c); @v holds a value per
 * Field, "" for none. */
char               *nudge_import_shorten             (const char         *text);
char               *nudge_import_merge_notes         (const char         *row_value,
                                                      const char         *stored);
GHashTable         *nudge_import_load_names          (NudgeStore         *store,
                                                      const char         *sql);
gint64              nudge_import_lookup_name         (GHashTable         *names,
                                                      const char         *name);
/* The error of a value the file gave, @text shortened into @format's
 * "%s" (“…” is not a date) */
void                nudge_import_set_text_error      (GError            **error,
                                                      int                 code,
                                                      const char         *format,
                                                      const char         *text) G_GNUC_PRINTF (3, 0);
/* A date as the file writes it, as an ISO date; NULL and @error when it
 * is none */
char               *nudge_import_parse_date          (const char         *text,
                                                      GError            **error);
void                nudge_import_channel_free        (gpointer            data);

/* nudge-import-headers.c: a column of a seller's own sheet is known by
 * its usual names or by the field's title in the user's language. */
typedef struct
{
  Field       field;
  const char *title;
  const char *aliases;
} NudgeImportFieldName;

/* The fields of @entity's sheet (ended by FIELD_NONE), and the one it
 * must have; NULL for an entity that is not imported from a sheet. */
const NudgeImportFieldName *nudge_import_header_fields (NudgeEntity  entity,
                                                        Field       *out_required);
const NudgeImportFieldName *nudge_import_match_header  (const NudgeImportFieldName *fields,
                                                        const char                 *header);
/* The field of each column of @header (FIELD_NONE for none). */
Field                      *nudge_import_guess_fields  (const NudgeImportFieldName *fields,
                                                        GPtrArray                  *header);
gboolean            nudge_import_save_channel        (NudgeStore         *store,
                                                      gint64              contact_id,
                                                      const Channel      *channel,
                                                      int                 position,
                                                      GError            **error);
/* Writes and announces a contact's birthday, address and website, which
 * the contact's own saver leaves alone, once they pass the checks of
 * its fields. */
gboolean            nudge_import_save_contact_extras (NudgeStore         *store,
                                                      gint64              contact_id,
                                                      const char         *birthday,
                                                      const char         *address,
                                                      const char         *website,
                                                      GError            **error);
/* Tells @options' progress function, if any, @fraction of the file is done */
void                nudge_import_report_progress     (const NudgeImportOptions *options,
                                                      double                    fraction);
void                nudge_import_add_channels        (GPtrArray          *channels,
                                                      Field               kind,
                                                      const char         *label,
                                                      const char         *value,
                                                      const char         *separator);
void                nudge_import_append_address      (GString            *address,
                                                      const char         *part);
gint64              nudge_import_company_row         (const ImportRows   *rows,
                                                      const char * const *v,
                                                      GError            **error);
gint64              nudge_import_contact_row         (const ImportRows   *rows,
                                                      const char * const *v,
                                                      ContactExtras      *extras,
                                                      GError            **error);
gint64              nudge_import_deal_row            (const ImportRows   *rows,
                                                      const char * const *v,
                                                      GError            **error);
gint64              nudge_import_activity_row        (const ImportRows   *rows,
                                                      const char * const *v,
                                                      gboolean           *out_followup,
                                                      GError            **error);

/* Every card of a vCard file (nudge-vcard.c); @result initialised */
gboolean            nudge_import_vcard_records       (NudgeStore                *store,
                                                      const char                *text,
                                                      gsize                      length,
                                                      const NudgeImportOptions  *options,
                                                      GCancellable              *cancellable,
                                                      NudgeImportResult         *result,
                                                      GError                   **error);

/* nudge-code-page.c */
const char         *_nudge_import_text_of            (const char         *text,
                                                      gsize              *length,
                                                      char              **utf8,
                                                      GError            **error);
const char         *_nudge_import_guess_code_page    (const char         *text,
                                                      gsize               length,
                                                      const char         *preferred);
char               *_nudge_import_convert_code_page  (const char         *text,
                                                      gsize               length,
                                                      const char         *invalid,
                                                      const char        **out_encoding,
                                                      gsize              *out_length,
                                                      GError            **error);

G_END_DECLS
