/* nudge-store-validate.c — checking what is saved: text, e-mail, phone, currency, dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "nudge-store-internal.h"

gboolean
nudge_check_text (const char  *label,
                  const char  *text,
                  guint        max_chars,
                  gboolean     required,
                  GError     **error)
{
  glong len;

  if (text == NULL || *text == '\0')
    {
      if (required)
        return nudge_fail_invalid (error, _("%s is required"), label);
      return TRUE;
    }

  if (!g_utf8_validate (text, -1, NULL))
    return nudge_fail_invalid (error, _("%s is not valid UTF-8 text"), label);

  if (required)
    {
      const char *p = text;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        return nudge_fail_invalid (error, _("%s is required"), label);
    }

  len = g_utf8_strlen (text, -1);
  if ((guint) len > max_chars)
    {
      g_autofree char *has = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%ld character", "%ld characters", len),
                                              len);
      g_autofree char *allowed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "at most %u is allowed",
                                                               "at most %u are allowed", max_chars),
                                                  max_chars);

      /* Translators: a field, then "300 characters", then "at most 200 are allowed" */
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_TOO_LONG,
                   _("%s is too long: %s, %s"), label, has, allowed);
      return FALSE;
    }
  return TRUE;
}

/* A domain of names joined by dots, at least two: "novak.cz", never
 * "novak.", ".cz" or "novak..cz", which no mail could be sent to. */
static gboolean
is_mail_domain (const char *domain)
{
  const char *p = domain;
  guint labels = 0;

  while (TRUE)
    {
      const char *dot = strchr (p, '.');
      gsize len = dot != NULL ? (gsize) (dot - p) : strlen (p);

      if (len == 0)
        return FALSE;
      labels++;
      if (dot == NULL)
        return labels >= 2;
      p = dot + 1;
    }
}

gboolean
nudge_check_email (const char  *email,
                   GError     **error)
{
  const char *at;

  if (!nudge_check_text (_("E-mail"), email, NUDGE_MAX_EMAIL_CHARS, FALSE, error))
    return FALSE;
  if (email == NULL || *email == '\0')
    return TRUE;

  at = strchr (email, '@');
  if (at == NULL || at == email || !is_mail_domain (at + 1) || strchr (at + 1, '@') != NULL)
    return nudge_fail_invalid (error, _("“%s” is not an e-mail address"), email);
  /* A tab or a no-break space pasted with the address is no more an
   * address than a space is. */
  for (const char *p = email; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)) || g_utf8_get_char (p) == 0x00a0)
      return nudge_fail_invalid (error, _("“%s” is not an e-mail address"), email);
  return TRUE;
}

gboolean
nudge_store_check_email (const char  *email,
                         GError     **error)
{
  return nudge_check_email (email, error);
}

gboolean
nudge_store_check_phone (const char  *phone,
                         GError     **error)
{
  if (!nudge_check_phone (phone, error))
    return FALSE;
  /* Typed by hand, "---" or "+" is a slip of the finger; an imported
   * sheet's "-" for "none" stays what the book keeps. */
  if (phone != NULL && *phone != '\0' && strpbrk (phone, "0123456789") == NULL)
    return nudge_fail_invalid (error, _("“%s” is not a phone number (digits, spaces and + - ( ) only)"), phone);
  return TRUE;
}

gboolean
nudge_check_phone (const char  *phone,
                   GError     **error)
{
  if (!nudge_check_text (_("Phone"), phone, NUDGE_MAX_PHONE_CHARS, FALSE, error))
    return FALSE;
  for (const char *p = phone; p && *p; p++)
    if (!g_ascii_isdigit (*p) && strchr (" +-()./", *p) == NULL)
      return nudge_fail_invalid (error, _("“%s” is not a phone number (digits, spaces and + - ( ) only)"), phone);
  return TRUE;
}

gboolean
nudge_check_currency (const char  *currency,
                      GError     **error)
{
  if (currency == NULL || strlen (currency) != 3 ||
      !g_ascii_isupper (currency[0]) || !g_ascii_isupper (currency[1]) || !g_ascii_isupper (currency[2]))
    return nudge_fail_invalid (error, _("“%s” is not a currency code (three capital letters, e.g. CZK)"),
                               currency ? currency : "");
  return TRUE;
}

gboolean
nudge_check_date (const char  *label,
                  const char  *date,
                  GError     **error)
{
  int y, m, d;
  char tail;

  if (date == NULL || *date == '\0')
    return TRUE;
  if (sscanf (date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return nudge_fail_invalid (error, _("%s: “%s” is not a date (YYYY-MM-DD)"), label, date);
  return TRUE;
}
