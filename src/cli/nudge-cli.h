/* nudge-cli.h — shared by the nudge-cli command files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-store.h"

G_BEGIN_DECLS

/* Exit codes: 0 success, 1 bad input or a failed operation (one line on
 * stderr), 2 wrong usage. */
#define CLI_OK    0
#define CLI_FAIL  1
#define CLI_USAGE 2

typedef struct
{
  char       *db_path;
  NudgeStore *store;
  gboolean    json;
} CliContext;

typedef int (*CliHandler) (CliContext *ctx,
                           int         argc,
                           char      **argv);

/* Write an item of a list: the members of its JSON object after the id
 * and the name into @out, or lines on stdout. */
typedef void (*CliPrintJson) (GString  *out,
                              gpointer  item);
typedef void (*CliPrintText) (gpointer  item);

typedef struct
{
  const char *group;      /* "deal", or NULL for a top-level command */
  const char *name;       /* "add" */
  const char *usage;      /* arguments, for --help */
  const char *summary;
  CliHandler  handler;
  gboolean    needs_store;
} CliCommand;

/* Every command file exports its table; nudge-cli.c lists them. */
extern const CliCommand cli_record_commands[];
extern const CliCommand cli_demo_commands[];
extern const CliCommand cli_insights_commands[];
extern const CliCommand cli_followup_commands[];
extern const CliCommand cli_ics_commands[];
extern const CliCommand cli_pipeline_commands[];
extern const CliCommand cli_import_commands[];
extern const CliCommand cli_backup_commands[];
extern const CliCommand cli_currency_commands[];
extern const CliCommand cli_capture_commands[];
extern const CliCommand cli_merge_commands[];
extern const CliCommand cli_eml_commands[];

int        cli_fail              (const char   *format,
                                  ...) G_GNUC_PRINTF (1, 2);
int        cli_fail_error        (GError       *error);
/* After a bulk write: the search index's new segments merged (the app
 * merges on its worker; nudge-cli has none, and a book written in bulk
 * would be left with dozens). A failure leaves them for the app. */
void       cli_merge_search_index (CliContext  *ctx);
int        cli_usage             (const char   *format,
                                  ...) G_GNUC_PRINTF (1, 2);
gboolean   cli_parse             (GOptionEntry *entries,
                                  const char   *params,
                                  int          *argc,
                                  char       ***argv,
                                  int          *exit_code);
gboolean   cli_parse_args        (GOptionEntry *entries,
                                  const char   *params,
                                  int           n_args,
                                  const char   *usage,
                                  int          *argc,
                                  char       ***argv,
                                  int          *exit_code);
/* Unset int options hold CLI_UNSET. */
#define CLI_UNSET G_MININT
int        cli_check_range       (const char   *option,
                                  int           value,
                                  int           min,
                                  int           max);
gboolean   cli_parse_id          (const char   *text,
                                  gint64       *out_id);
void       cli_print_json_record (GString      *out,
                                  GObject      *record);
void       cli_print_json_list   (GPtrArray    *records);
int        cli_print_new_id      (gint64        id,
                                  GError      **error);
int        cli_print_records     (CliContext   *ctx,
                                  GPtrArray    *records,
                                  CliPrintText  print_line);
void       cli_json_string       (GString      *out,
                                  const char   *text);
void       cli_json_begin_named  (GString      *out,
                                  guint         index,
                                  gint64        id,
                                  const char   *name);
void       cli_json_print_array  (GString      *out);
int        cli_print_named_items (CliContext   *ctx,
                                  GPtrArray    *items,
                                  glong         id_offset,
                                  glong         name_offset,
                                  CliPrintJson  print_json,
                                  CliPrintText  print_text);
void       cli_json_member       (GString      *out,
                                  const char   *key,
                                  const char   *text);
char      *cli_format_time       (gint64        at);
GSettings *cli_app_settings      (const char   *key);

G_END_DECLS
