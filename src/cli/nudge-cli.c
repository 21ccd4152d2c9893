/* nudge-cli.c — the command-line tool: the same core, for scripting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "nudge-cli.h"
#include "nudge-clock.h"
#include "nudge-pace.h"

static const CliCommand *const command_tables[] = {
  cli_record_commands,
  cli_demo_commands,
  cli_insights_commands,
  cli_followup_commands,
  cli_ics_commands,
  cli_pipeline_commands,
  cli_eml_commands,
  cli_import_commands,
  cli_backup_commands,
  cli_currency_commands,
  cli_capture_commands,
  cli_merge_commands,
};

static void
print_message (gboolean    one_line,
               const char *format,
               va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  if (one_line)
    g_strdelimit (message, "\n", ' ');
  g_printerr ("nudge-cli: %s\n", message);
}

int
cli_fail (const char *format,
          ...)
{
  va_list args;

  /* One line, so scripts can show it as is. */
  va_start (args, format);
  print_message (TRUE, format, args);
  va_end (args);
  return CLI_FAIL;
}

int
cli_fail_error (GError *error)
{
  return cli_fail ("%s", error ? error->message : _("Unknown error"));
}

void
cli_merge_search_index (CliContext *ctx)
{
  g_autoptr(GError) error = NULL;

  if (!nudge_store_merge_search_index (ctx->store, NULL, &error))
    g_debug ("Search index not merged: %s", error->message);
}

int
cli_usage (const char *format,
           ...)
{
  va_list args;

  va_start (args, format);
  print_message (FALSE, format, args);
  va_end (args);
  g_printerr (_("Run “nudge-cli --help” for the list of commands.\n"));
  return CLI_USAGE;
}

gboolean
cli_parse (GOptionEntry   *entries,
           const char     *params,
           int            *argc,
           char         ***argv,
           int            *exit_code)
{
  g_autoptr(GOptionContext) context = g_option_context_new (params);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, TRUE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_code = cli_usage ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* cli_parse(), then exactly @n_args arguments after the command name;
 * else @usage, and FALSE with the exit code in @exit_code. */
gboolean
cli_parse_args (GOptionEntry   *entries,
                const char     *params,
                int             n_args,
                const char     *usage,
                int            *argc,
                char         ***argv,
                int            *exit_code)
{
  if (!cli_parse (entries, params, argc, argv, exit_code))
    return FALSE;
  if (*argc != n_args + 1)
    {
      *exit_code = cli_usage ("%s", usage);
      return FALSE;
    }
  return TRUE;
}

/* The app's settings, when they are installed and know @key (the
 * command-line tool also runs where only it is installed); else NULL. */
GSettings *
cli_app_settings (const char *key)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE)) ||
      !g_settings_schema_has_key (schema, key))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/* An option's number within [@min, @max]; 0 when it is, else the exit
 * code of a message naming the option. */
int
cli_check_range (const char *option,
                 int         value,
                 int         min,
                 int         max)
{
  if (value >= min && value <= max)
    return CLI_OK;
  /* Translators: e.g. "--duration must be between 1 and 525600, not -50" */
  return cli_fail (_("--%s must be between %d and %d, not %d"), option, min, max, value);
}

gboolean
cli_parse_id (const char *text,
              gint64     *out_id)
{
  char *end = NULL;
  gint64 id;

  if (text == NULL || *text == '\0')
    return FALSE;
  id = g_ascii_strtoll (text, &end, 10);
  if (end == NULL || *end != '\0' || id <= 0)
    return FALSE;
  *out_id = id;
  return TRUE;
}

/* Starts the @index-th object of a JSON array: {"id":@id,"name":"@name" */
void
cli_json_begin_named (GString    *out,
                      guint       index,
                      gint64      id,
                      const char *name)
{
  g_string_append_printf (out, "%s{\"id\":%" G_GINT64_FORMAT ",\"name\":", index ? "," : "", id);
  cli_json_string (out, name);
}

/* @items, structs with a gint64 id and a name at the offsets given:
 * with --json an array of objects, each its id, its name and what
 * @print_json appends; else through @print_text. */
int
cli_print_named_items (CliContext   *ctx,
                       GPtrArray    *items,
                       glong         id_offset,
                       glong         name_offset,
                       CliPrintJson  print_json,
                       CliPrintText  print_text)
{
  g_autoptr(GString) out = g_string_new ("[");

  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);

      if (!ctx->json)
        {
          print_text (item);
          continue;
        }
      cli_json_begin_named (out, i, G_STRUCT_MEMBER (gint64, item, id_offset),
                            G_STRUCT_MEMBER (const char *, item, name_offset));
      print_json (out, item);
      g_string_append_c (out, '}');
    }
  if (ctx->json)
    cli_json_print_array (out);
  return CLI_OK;
}

/* Closes the JSON array in @out and writes it to stdout as it is. */
void
cli_json_print_array (GString *out)
{
  g_string_append (out, "]\n");
  fwrite (out->str, 1, out->len, stdout);
}

/* Appends ,"@key":"@text" to the object being written in @out. */
void
cli_json_member (GString    *out,
                 const char *key,
                 const char *text)
{
  g_string_append_printf (out, ",\"%s\":", key);
  cli_json_string (out, text);
}

void
cli_json_string (GString    *out,
                 const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text ? text : ""; *p; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if ((guchar) *p < 0x20)
            g_string_append_printf (out, "\\u%04x", (guchar) *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

char *
cli_format_time (gint64 at)
{
  g_autoptr(GDateTime) dt = NULL;

  if (at == 0)
    return NULL;
  dt = g_date_time_new_from_unix_utc (at);
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/* Serialises any domain record through its GObject properties; *-at
 * properties become ISO 8601 UTC strings (null when unset). */
void
cli_print_json_record (GString *out,
                       GObject *record)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (record), &n_pspecs);
  g_string_append_c (out, '{');
  for (guint i = 0; i < n_pspecs; i++)
    {
      const char *name = pspecs[i]->name;
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *key = g_strdelimit (g_strdup (name), "-", '_');

      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (record, name, &value);

      if (i > 0)
        g_string_append_c (out, ',');
      cli_json_string (out, key);
      g_string_append_c (out, ':');

      /* Enumerations read as the words the command line takes. */
      if (NUDGE_IS_DEAL (record) && g_str_equal (name, "status"))
        cli_json_string (out, nudge_deal_status_to_string (g_value_get_int (&value)));
      else if (NUDGE_IS_ACTIVITY (record) && g_str_equal (name, "direction"))
        cli_json_string (out, g_value_get_int (&value) == NUDGE_DIRECTION_IN ? "in" : "out");
      else if (G_VALUE_HOLDS_STRING (&value))
        cli_json_string (out, g_value_get_string (&value));
      else if (G_VALUE_HOLDS_BOOLEAN (&value))
        g_string_append (out, g_value_get_boolean (&value) ? "true" : "false");
      else if (G_VALUE_HOLDS_DOUBLE (&value))
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          g_string_append (out, g_ascii_dtostr (buf, sizeof buf, g_value_get_double (&value)));
        }
      else if (G_VALUE_HOLDS_INT (&value))
        g_string_append_printf (out, "%d", g_value_get_int (&value));
      else if (G_VALUE_HOLDS_INT64 (&value))
        {
          gint64 v = g_value_get_int64 (&value);

          if (g_str_has_suffix (name, "-at") || g_str_equal (name, "snoozed-until"))
            {
              g_autofree char *iso = cli_format_time (v);

              if (iso)
                cli_json_string (out, iso);
              else
                g_string_append (out, "null");
            }
          else if (v == 0 && g_str_has_suffix (name, "-id"))
            g_string_append (out, "null");
          else
            g_string_append_printf (out, "%" G_GINT64_FORMAT, v);
        }
      else
        g_string_append (out, "null");
    }
  g_string_append_c (out, '}');
}

void
cli_print_json_list (GPtrArray *records)
{
  g_autoptr(GString) out = g_string_new ("[");

  for (guint i = 0; i < records->len; i++)
    {
      if (i > 0)
        g_string_append (out, ",\n ");
      cli_print_json_record (out, g_ptr_array_index (records, i));
    }
  cli_json_print_array (out);
}

/* What an add command prints: the new record's @id, or when it is 0,
 * the @error its write set. */
int
cli_print_new_id (gint64   id,
                  GError **error)
{
  if (id == 0)
    return cli_fail_error (*error);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return CLI_OK;
}

/* A list command's output: @records (GObjects) as cli_print_json_list()
 * writes them with --json, else a line each through @print_line. */
int
cli_print_records (CliContext   *ctx,
                   GPtrArray    *records,
                   CliPrintText  print_line)
{
  if (ctx->json)
    cli_print_json_list (records);
  else
    for (guint i = 0; i < records->len; i++)
      print_line (g_ptr_array_index (records, i));
  return CLI_OK;
}

static void
print_help (void)
{
  g_print (_("Usage: nudge-cli [--db PATH] [--json] COMMAND [ARGUMENTS…]\n\n"));
  g_print (_("Keeps deals, contacts and follow-ups in the same database as Nudge.\n"
             "The database is --db PATH, else $NUDGE_DB, else the default\n"
             "(%s).\n"
             "NUDGE_NOW=2026-03-29T09:00 pins the clock.\n\n"), "$XDG_DATA_HOME/nudge/nudge.db");
  g_print (_("Commands:\n"));
  for (guint t = 0; t < G_N_ELEMENTS (command_tables); t++)
    for (const CliCommand *c = command_tables[t]; c->name != NULL; c++)
      {
        g_autofree char *name = c->group ? g_strdup_printf ("%s %s", c->group, c->name) : g_strdup (c->name);
        g_print ("  %-18s %s\n", name, c->usage ? c->usage : "");
        g_print ("  %-18s   %s\n", "", _(c->summary));
      }
}

static const CliCommand *
find_command (const char *group,
              const char *name,
              gboolean   *group_known)
{
  *group_known = FALSE;
  for (guint t = 0; t < G_N_ELEMENTS (command_tables); t++)
    for (const CliCommand *c = command_tables[t]; c->name != NULL; c++)
      {
        if (c->group == NULL && g_strcmp0 (c->name, group) == 0)
          return c;
        if (c->group != NULL && g_strcmp0 (c->group, group) == 0)
          {
            *group_known = TRUE;
            if (g_strcmp0 (c->name, name) == 0)
              return c;
          }
      }
  return NULL;
}

/* The working hours of the app's preferences, when its settings are
 * installed: rules plan the same from here as from the app. Without
 * them, the preferences' defaults: the public holidays of the date
 * format's country, as "auto" means, so that the sample book and rules
 * leave out the same days off as the app would. */
static void
load_working_hours (void)
{
  /* The newest of the keys read: settings that know it know the rest. */
  g_autoptr(GSettings) settings = cli_app_settings ("holidays");
  NudgeWorkingHours hours;

  if (settings == NULL)
    {
      nudge_working_hours_get (&hours);
      hours.holidays = nudge_holidays_region_from_setting ("auto");
    }
  else
    nudge_working_hours_from_settings (settings, &hours);
  nudge_working_hours_set (&hours);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_opt = NULL;
  gboolean json = FALSE;
  gboolean help = FALSE;
  const CliCommand *command;
  CliContext ctx = { 0 };
  gboolean group_known;
  int first;
  int status;

  setlocale (LC_ALL, "");
  /* NUDGE_LOCALEDIR: the build's own translations, for `meson devenv` */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("NUDGE_LOCALEDIR") ? g_getenv ("NUDGE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  load_working_hours ();

  /* Global options come before the command; the command parses its own. */
  for (first = 1; first < argc && argv[first][0] == '-'; first++)
    {
      if (g_str_equal (argv[first], "--db") && first + 1 < argc)
        {
          g_free (db_opt);
          db_opt = g_strdup (argv[++first]);
        }
      else if (g_str_has_prefix (argv[first], "--db="))
        {
          g_free (db_opt);
          db_opt = g_strdup (argv[first] + 5);
        }
      else if (g_str_equal (argv[first], "--json"))
        json = TRUE;
      else if (g_str_equal (argv[first], "--help") || g_str_equal (argv[first], "-h"))
        help = TRUE;
      else if (g_str_equal (argv[first], "--version"))
        {
          g_print ("nudge-cli %s\n", PACKAGE_VERSION);
          return CLI_OK;
        }
      else
        return cli_usage (_("Unknown option %s"), argv[first]);
    }

  if (help)
    {
      print_help ();
      return CLI_OK;
    }
  if (first >= argc)
    return cli_usage (_("No command given"));

  command = find_command (argv[first], first + 1 < argc ? argv[first + 1] : NULL, &group_known);
  if (command == NULL)
    {
      if (group_known)
        return cli_usage (_("Unknown %s command “%s”"), argv[first],
                          first + 1 < argc ? argv[first + 1] : "");
      return cli_usage (_("Unknown command “%s”"), argv[first]);
    }

  if (!nudge_clock_pin_from_env (&error))
    return cli_fail_error (error);

  ctx.json = json;
  ctx.db_path = nudge_store_resolve_path (db_opt);
  if (command->needs_store)
    {
      ctx.store = nudge_store_open (ctx.db_path, &error);
      if (ctx.store == NULL)
        {
          g_free (ctx.db_path);
          return cli_fail_error (error);
        }
    }

  {
    /* The command sees its own name as argv[0], then its arguments, and
     * may take --json after the command too. */
    int skip = command->group ? 2 : 1;
    int sub_argc = argc - first - skip + 1;
    g_autofree char **sub_argv = g_new0 (char *, sub_argc + 1);
    int n = 1;

    sub_argv[0] = argv[first + skip - 1];
    for (int i = first + skip; i < argc; i++)
      {
        if (g_str_equal (argv[i], "--json"))
          ctx.json = TRUE;
        else
          sub_argv[n++] = argv[i];
      }
    sub_argv[n] = NULL;
    status = command->handler (&ctx, n, sub_argv);
  }

  g_clear_object (&ctx.store);
  g_free (ctx.db_path);
  return status;
}
