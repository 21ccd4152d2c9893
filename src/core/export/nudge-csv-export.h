/* nudge-csv-export.h — deals, contacts and companies as CSV data: dates
 * in ISO 8601, amounts as plain numbers beside their currency code,
 * headers the CSV import reads back, laid out for the user's spreadsheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-store.h"

G_BEGIN_DECLS

typedef struct _NudgeCsvExport NudgeCsvExport;

/* ';' where the locale writes a decimal comma (cs, pl, uk, de…), else ',' */
char             nudge_csv_export_locale_separator (void);

/* A CSV text of @entity records with the columns @fields names (the keys
 * of the List's columns: "title", "amount", "last-activity"…; NULL: all
 * the entity knows), the header written. */
NudgeCsvExport  *nudge_csv_export_new           (NudgeEntity          entity,
                                                 const char * const  *fields);
void             nudge_csv_export_free          (NudgeCsvExport      *self);
/* Appends one row; @record is a NudgeDeal, NudgeContact or NudgeCompany
 * as the entity says. */
void             nudge_csv_export_add_record    (NudgeCsvExport      *self,
                                                 gpointer             record);
guint            nudge_csv_export_get_n_records (NudgeCsvExport      *self);
/* The text so far: UTF-8 with a byte order mark, CRLF line ends */
const char      *nudge_csv_export_get_text      (NudgeCsvExport      *self,
                                                 gsize               *length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeCsvExport, nudge_csv_export_free)

G_END_DECLS
