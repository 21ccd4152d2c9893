/* nudge-vcard-writer.c — contacts written out as vCard 4.0 (RFC 6350)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nudge-vcard"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "nudge-automation.h"
#include "nudge-file.h"
#include "nudge-ics.h"
#include "nudge-import-private.h"
#include "nudge-store-private.h"
#include "nudge-vcard.h"

static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (*p == '\\' || *p == ',' || *p == ';')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      else if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p != '\r')
        g_string_append_c (out, *p);
    }
}

/* A URI: only backslashes and line breaks need escaping */
static char *
escape_uri (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '\\')
        g_string_append (out, "\\\\");
      else if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p != '\r')
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
append_property (GString    *out,
                 const char *name_and_params,
                 const char *value,
                 gboolean    escape)
{
  g_autoptr(GString) line = g_string_new (name_and_params);

  g_string_append_c (line, ':');
  if (escape)
    append_escaped (line, value);
  else
    g_string_append (line, value);
  /* vCard folds its lines as iCalendar does (RFC 6350 3.2) */
  nudge_ics_append_line (out, line->str);
}

static const char *
type_for_label (const char *label)
{
  if (g_str_equal (label, "mobile"))
    return "cell";
  return label;
}

static void
append_channel (GString    *out,
                const char *kind,
                const char *label,
                const char *value,
                gboolean    pref)
{
  g_autoptr(GString) head = g_string_new (g_str_equal (kind, "email") ? "EMAIL" : "TEL");
  gboolean safe = TRUE;

  /* Labels that are not one word (typed in Nudge) are left out: they
   * would not survive as a parameter. */
  for (const char *p = label; *p; p++)
    safe &= g_ascii_isalnum (*p) || *p == '-';
  if (*label != '\0' && safe)
    g_string_append_printf (head, ";TYPE=%s", type_for_label (label));
  if (pref)
    g_string_append (head, ";PREF=1");
  append_property (out, head->str, value, TRUE);
}

/* One card per contact: these columns, read by append_card(). */
static const char card_sql[] =
  "SELECT c.id, c.name, c.title, c.notes, c.birthday, c.address, c.website, c.email, c.phone,"
  " COALESCE(co.name, '') FROM contact c LEFT JOIN company co ON co.id = c.company_id"
  " WHERE c.trashed_at IS NULL ORDER BY c.id";

enum {
  CARD_COL_ID = 0,
  CARD_COL_NAME,
  CARD_COL_TITLE,
  CARD_COL_NOTES,
  CARD_COL_BIRTHDAY,
  CARD_COL_ADDRESS,
  CARD_COL_WEBSITE,
  CARD_COL_EMAIL,
  CARD_COL_PHONE,
  CARD_COL_COMPANY,
};

static void
append_card (NudgeStore   *store,
             GString      *out,
             sqlite3_stmt *stmt)
{
  gint64 id = sqlite3_column_int64 (stmt, CARD_COL_ID);
  g_autofree char *name = nudge_sql_dup_text (stmt, CARD_COL_NAME);
  g_autofree char *title = nudge_sql_dup_text (stmt, CARD_COL_TITLE);
  g_autofree char *notes = nudge_sql_dup_text (stmt, CARD_COL_NOTES);
  g_autofree char *birthday = nudge_sql_dup_text (stmt, CARD_COL_BIRTHDAY);
  g_autofree char *address = nudge_sql_dup_text (stmt, CARD_COL_ADDRESS);
  g_autofree char *website = nudge_sql_dup_text (stmt, CARD_COL_WEBSITE);
  g_autofree char *email = nudge_sql_dup_text (stmt, CARD_COL_EMAIL);
  g_autofree char *phone = nudge_sql_dup_text (stmt, CARD_COL_PHONE);
  g_autofree char *company = nudge_sql_dup_text (stmt, CARD_COL_COMPANY);
  g_autoptr(GPtrArray) channels = nudge_store_list_contact_channels (store, id, NULL);
  g_autoptr(GString) n = g_string_new (NULL);
  const char *space = strrchr (name, ' ');
  gboolean email_seen = FALSE, phone_seen = FALSE;
  int y, m, d;

  g_string_append (out, "BEGIN:VCARD\r\nVERSION:4.0\r\n");
  append_property (out, "FN", name, TRUE);
  /* Family; Given: the last word is taken for the family name. */
  if (space != NULL)
    {
      g_autofree char *given = g_strndup (name, space - name);

      append_escaped (n, space + 1);
      g_string_append_c (n, ';');
      append_escaped (n, given);
    }
  else
    {
      append_escaped (n, name);
      g_string_append_c (n, ';');
    }
  g_string_append (n, ";;;");
  append_property (out, "N", n->str, FALSE);
  if (*company != '\0')
    append_property (out, "ORG", company, TRUE);
  if (*title != '\0')
    append_property (out, "TITLE", title, TRUE);

  for (guint i = 0; channels != NULL && i < channels->len; i++)
    {
      char **channel = g_ptr_array_index (channels, i);
      gboolean is_email = g_str_equal (channel[0], "email");
      gboolean primary = g_str_equal (channel[2], is_email ? email : phone) &&
                         !(is_email ? email_seen : phone_seen);

      append_channel (out, channel[0], channel[1], channel[2], primary);
      if (primary)
        *(is_email ? &email_seen : &phone_seen) = TRUE;
    }
  /* A contact added in Nudge has its e-mail and phone only. */
  if (*email != '\0' && !email_seen)
    append_channel (out, "email", "", email, TRUE);
  if (*phone != '\0' && !phone_seen)
    append_channel (out, "phone", "", phone, TRUE);

  if (*address != '\0')
    {
      g_autoptr(GString) adr = g_string_new (";;");

      append_escaped (adr, address);
      g_string_append (adr, ";;;;");
      append_property (out, "ADR;TYPE=work", adr->str, FALSE);
    }
  if (*notes != '\0')
    append_property (out, "NOTE", notes, TRUE);
  if (*birthday != '\0')
    {
      char rest;

      if (sscanf (birthday, "%4d-%2d-%2d%c", &y, &m, &d, &rest) == 3 && strlen (birthday) == 10)
        {
          g_autofree char *basic = g_strdup_printf ("%04d%02d%02d", y, m, d);

          append_property (out, "BDAY", basic, FALSE);
        }
      else if (sscanf (birthday, "--%2d-%2d%c", &m, &d, &rest) == 2 && strlen (birthday) == 7)
        {
          g_autofree char *basic = g_strdup_printf ("--%02d%02d", m, d);

          append_property (out, "BDAY", basic, FALSE);
        }
      else
        append_property (out, "BDAY;VALUE=text", birthday, TRUE);
    }
  if (*website != '\0')
    {
      g_autofree char *uri = escape_uri (website);

      append_property (out, "URL", uri, FALSE);
    }
  g_string_append (out, "END:VCARD\r\n");
}

char *
nudge_vcard_export (NudgeStore  *store,
                    const char  *segment,
                    gsize       *length,
                    GError     **error)
{
  g_autoptr(GHashTable) members = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);

  if (segment != NULL)
    {
      NudgeEntity entity = NUDGE_ENTITY_CONTACT;
      g_autoptr(GArray) ids = nudge_segment_members (store, segment, &entity, error);

      if (ids == NULL)
        return NULL;
      if (entity != NUDGE_ENTITY_CONTACT)
        {
          g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                       _("The segment “%s” does not list contacts"), segment);
          return NULL;
        }
      members = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; i < ids->len; i++)
        g_hash_table_add (members, g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)));
    }

  if (!(stmt = nudge_store_prepare (store, card_sql, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (members != NULL && !g_hash_table_contains (members, &id))
        continue;
      append_card (store, out, stmt);
    }
  if (!nudge_store_rows_done (store, stmt, rc, error))
    return NULL;
  if (length != NULL)
    *length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
nudge_vcard_export_to_file (NudgeStore  *store,
                            const char  *segment,
                            const char  *path,
                            GError     **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!(text = nudge_vcard_export (store, segment, &length, error)))
    return FALSE;
  return nudge_file_write_private (path, text, length, error);
}
