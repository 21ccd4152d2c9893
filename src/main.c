/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "nudge-application.h"

/* Without its schema the first g_settings_new() would abort the process:
 * say what is missing instead, in one line, before anything uses it. */
static gboolean
schema_is_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  return schema != NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(NudgeApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* NUDGE_LOCALEDIR: the build's own translations, for `meson devenv` */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("NUDGE_LOCALEDIR") ? g_getenv ("NUDGE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!schema_is_installed ())
    {
      /* Translators: %s is the schema id, e.g. io.github.nudgecrm.Nudge */
      g_printerr (_("nudge: the settings schema %s is not installed; install Nudge with “meson install” (see README.md)\n"),
                  APPLICATION_ID);
      return 1;
    }

  app = nudge_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
