/* nudge-template.c — the fields a rule's or cadence's texts fill in
 *
 * A template stores its fields as {key}, the form nudge_expand_template()
 * fills in, in every language: templates saved before keep working and
 * a book moves between languages. People see and edit them by name
 * instead, "‹kontakt›", read back into the stored form exactly; and a
 * name that is no field ("{contcat}", "{kontakt}", "‹kontak›") is
 * refused with what was probably meant, as it would otherwise reach the
 * customer as typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-template"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "nudge-template.h"
#include "nudge-types.h"

static const struct {
  const char *key;
  const char *label;
  const char *name;
} fields[] = {
  /* TRANSLATORS: the fields a follow-up's or e-mail's template fills in.
   * The first form is a menu item (Insert Field → Contact); the second,
   * in lower case, is how the field reads inside a sentence, between
   * ‹ and › (“Call ‹contact›”). */
  { "contact", NC_("template field", "Contact"), NC_("template field in a sentence", "contact") },
  { "deal", NC_("template field", "Deal"), NC_("template field in a sentence", "deal") },
  { "company", NC_("template field", "Company"), NC_("template field in a sentence", "company") },
  { "days_idle", NC_("template field", "Days Without Activity"), NC_("template field in a sentence", "days without activity") },
  { "product", NC_("template field", "Product"), NC_("template field in a sentence", "product") },
  { "email", NC_("template field", "E-mail Address"), NC_("template field in a sentence", "e-mail address") },
};

static const char *const keys[] = { "contact", "deal", "company", "days_idle", "product", "email", NULL };

G_STATIC_ASSERT (G_N_ELEMENTS (keys) == G_N_ELEMENTS (fields) + 1);

static int
find_field (const char *key,
            gssize      len)
{
  if (len < 0)
    len = strlen (key);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (strlen (fields[i].key) == (gsize) len && strncmp (fields[i].key, key, len) == 0)
      return (int) i;
  return -1;
}

/* Whether the text between braces is meant as a field: a word, as
 * "{contcat}" or "{kontakt}" is, not "{ }" or "{Q3 plan}". */
static gboolean
looks_like_field (const char *text,
                  gsize       len)
{
  const char *end = text + len;

  if (len == 0 || len > 40 || !g_utf8_validate (text, len, NULL))
    return FALSE;
  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c) && c != '_' && c != '-')
        return FALSE;
    }
  return TRUE;
}

/* How many letters to add, drop, change or swap with the next to turn
 * @a into @b (the optimal string alignment distance). */
static guint
distance (const char *a,
          const char *b)
{
  g_autofree gunichar *x = g_utf8_to_ucs4_fast (a, -1, NULL);
  g_autofree gunichar *y = g_utf8_to_ucs4_fast (b, -1, NULL);
  g_autofree guint *d = NULL;
  guint n = 0, m = 0;

  while (x[n])
    n++;
  while (y[m])
    m++;
#define D(i, j) d[(i) * (m + 1) + (j)]
  d = g_new (guint, (n + 1) * (m + 1));
  for (guint i = 0; i <= n; i++)
    D (i, 0) = i;
  for (guint j = 0; j <= m; j++)
    D (0, j) = j;
  for (guint i = 1; i <= n; i++)
    for (guint j = 1; j <= m; j++)
      {
        guint cost = x[i - 1] == y[j - 1] ? 0 : 1;

        D (i, j) = MIN (MIN (D (i - 1, j) + 1, D (i, j - 1) + 1), D (i - 1, j - 1) + cost);
        if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1])
          D (i, j) = MIN (D (i, j), D (i - 2, j - 2) + 1);
      }
  return D (n, m);
#undef D
}

/* The field @text (between braces, not one) probably means: the same
 * in other letters or words ("{Contact}", "{kontakt}" in Czech, "{days
 * without activity}"), or one or two letters off ("{contcat}"). -1 for
 * none. */
static int
guess_field (const char *text,
             gsize       len)
{
  g_autoptr(GString) spaced = g_string_new_len (text, len);
  g_autofree char *typed = NULL;
  int best = -1;
  guint best_distance = G_MAXUINT;

  g_string_replace (spaced, "\302\240", " ", 0);
  typed = g_utf8_casefold (spaced->str, -1);
  g_strdelimit (typed, " -", '_');
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *forms[] = {
        fields[i].key,
        g_dpgettext2 (GETTEXT_PACKAGE, "template field", fields[i].label),
        g_dpgettext2 (GETTEXT_PACKAGE, "template field in a sentence", fields[i].name),
      };

      for (guint f = 0; f < G_N_ELEMENTS (forms); f++)
        {
          g_autofree char *form = g_utf8_casefold (forms[f], -1);
          guint d;

          g_strdelimit (form, " -", '_');
          d = distance (typed, form);
          /* Two letters off in a long word, one in a short one. */
          if (d < best_distance && d <= (guint) CLAMP (g_utf8_strlen (form, -1) / 3, 1, 2))
            {
              best = (int) i;
              best_distance = d;
            }
        }
    }
  return best;
}

const char *const *
nudge_template_keys (void)
{
  return keys;
}

const char *
nudge_template_field_label (const char *key)
{
  int i = key ? find_field (key, -1) : -1;

  return i < 0 ? NULL : g_dpgettext2 (GETTEXT_PACKAGE, "template field", fields[i].label);
}

const char *
nudge_template_field_name (const char *key)
{
  int i = key ? find_field (key, -1) : -1;

  return i < 0 ? NULL : g_dpgettext2 (GETTEXT_PACKAGE, "template field in a sentence", fields[i].name);
}

char *
nudge_template_field_text (const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return g_strconcat ("{", key, "}", NULL);
}

/* A field's name as shown: between ‹ and ›, its spaces not broken
 * across lines. */
static void
append_name (GString *out,
             int      field)
{
  const char *name = g_dpgettext2 (GETTEXT_PACKAGE, "template field in a sentence", fields[field].name);

  g_string_append (out, NUDGE_TEMPLATE_FIELD_OPEN);
  for (const char *c = name; *c; c++)
    if (*c == ' ')
      g_string_append (out, "\302\240");
    else
      g_string_append_c (out, *c);
  g_string_append (out, NUDGE_TEMPLATE_FIELD_CLOSE);
}

/* The field shown as @text (between ‹ and ›, not included), or -1. */
static int
find_name (const char *text,
           gsize       len)
{
  g_autofree char *shown = g_strndup (text, len);
  g_autofree char *folded = NULL;

  folded = g_utf8_casefold (shown, -1);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *name = g_utf8_casefold (g_dpgettext2 (GETTEXT_PACKAGE, "template field in a sentence",
                                                             fields[i].name), -1);
      g_autoptr(GString) spaced = g_string_new (folded);

      g_string_replace (spaced, "\302\240", " ", 0);
      if (g_str_equal (spaced->str, name))
        return (int) i;
    }
  return -1;
}

char *
nudge_template_replace_fields (const char             *text,
                               const char             *open,
                               const char             *close,
                               NudgeTemplateFieldFunc  field,
                               gpointer                user_data)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gsize open_len = strlen (open);
  const char *p = text ? text : "";

  while (*p)
    {
      const char *end;

      if (g_str_has_prefix (p, open) && (end = strstr (p + open_len, close)) != NULL &&
          field (out, p + open_len, end - p - open_len, user_data))
        {
          p = end + strlen (close);
          continue;
        }
      g_string_append_c (out, *p++);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A field as stored ({key}) written as shown (‹name›) when @to_shown,
 * else the other way */
static gboolean
convert_field (GString    *out,
               const char *inner,
               gsize       length,
               gpointer    to_shown)
{
  int i = to_shown ? find_field (inner, length) : find_name (inner, length);

  if (i < 0)
    return FALSE;
  if (to_shown)
    append_name (out, i);
  else
    g_string_append_printf (out, "{%s}", fields[i].key);
  return TRUE;
}

char *
nudge_template_describe (const char *template)
{
  return nudge_template_replace_fields (template, "{", "}", convert_field, GINT_TO_POINTER (TRUE));
}

gboolean
nudge_template_can_show (const char *template)
{
  return template == NULL ||
         (strstr (template, NUDGE_TEMPLATE_FIELD_OPEN) == NULL && strstr (template, NUDGE_TEMPLATE_FIELD_CLOSE) == NULL);
}

char *
nudge_template_from_shown (const char *text)
{
  return nudge_template_replace_fields (text, NUDGE_TEMPLATE_FIELD_OPEN, NUDGE_TEMPLATE_FIELD_CLOSE,
                                        convert_field, GINT_TO_POINTER (FALSE));
}

/* The error for @typed, a field that is none, whose name is @inner. */
static gboolean
fail_unknown (const char  *label,
              const char  *typed,
              const char  *inner,
              gsize        inner_len,
              gboolean     shown,
              GError     **error)
{
  int guess = guess_field (inner, inner_len);

  if (guess >= 0)
    {
      g_autoptr(GString) meant = g_string_new (NULL);

      if (shown)
        {
          append_name (meant, guess);
          /* TRANSLATORS: "Follow-up title: “{kontakt}” is no field to
           * fill in. Did you mean ‹contact›?" */
          g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                       _("%s: “%s” is no field to fill in. Did you mean %s?"), label, typed, meant->str);
          return FALSE;
        }
      g_string_append_printf (meant, "{%s}", fields[guess].key);
      /* TRANSLATORS: "Follow-up title: “{contcat}” is no field to fill
       * in. Did you mean {contact} (Contact)?" */
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("%s: “%s” is no field to fill in. Did you mean %s (%s)?"), label, typed, meant->str,
                   g_dpgettext2 (GETTEXT_PACKAGE, "template field", fields[guess].label));
    }
  else
    /* TRANSLATORS: "Follow-up title: “{price}” is no field to fill in…" */
    g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                 _("%s: “%s” is no field to fill in. Choose one from Insert Field."), label, typed);
  return FALSE;
}

/* Checks the {fields} of @template, and its ‹fields› when @shown. */
static gboolean
check (const char  *label,
       const char  *template,
       gboolean     shown,
       GError     **error)
{
  gsize open_len = strlen (NUDGE_TEMPLATE_FIELD_OPEN);

  g_return_val_if_fail (label != NULL, FALSE);

  for (const char *p = template ? template : ""; *p; p++)
    {
      const char *close;
      g_autofree char *typed = NULL;

      if (shown && g_str_has_prefix (p, NUDGE_TEMPLATE_FIELD_OPEN))
        {
          const char *inner = p + open_len;

          close = strstr (inner, NUDGE_TEMPLATE_FIELD_CLOSE);
          if (close != NULL && find_name (inner, close - inner) >= 0)
            {
              p = close;
              continue;
            }
          /* What is left of a field: up to its › on the same line, or
           * the ‹ alone. */
          if (close != NULL && memchr (inner, '\n', close - inner) != NULL)
            close = NULL;
          typed = close != NULL ? g_strndup (p, close + strlen (NUDGE_TEMPLATE_FIELD_CLOSE) - p)
                                : g_strdup (NUDGE_TEMPLATE_FIELD_OPEN);
          return fail_unknown (label, typed, inner, close != NULL ? (gsize) (close - inner) : 0, TRUE, error);
        }
      if (shown && g_str_has_prefix (p, NUDGE_TEMPLATE_FIELD_CLOSE))
        return fail_unknown (label, NUDGE_TEMPLATE_FIELD_CLOSE, "", 0, TRUE, error);

      if (*p != '{' || (close = strchr (p, '}')) == NULL || find_field (p + 1, close - p - 1) >= 0 ||
          !looks_like_field (p + 1, close - p - 1))
        continue;
      typed = g_strndup (p, close - p + 1);
      return fail_unknown (label, typed, p + 1, close - p - 1, shown, error);
    }
  return TRUE;
}

gboolean
nudge_template_check (const char  *label,
                      const char  *template,
                      GError     **error)
{
  return check (label, template, FALSE, error);
}

gboolean
nudge_template_check_shown (const char  *label,
                            const char  *text,
                            GError     **error)
{
  return check (label, text, TRUE, error);
}
