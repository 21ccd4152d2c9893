/* nudge-vcard-reader.c — contacts read from vCard (RFC 2426, RFC 6350) into the book
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
#include "nudge-import-private.h"
#include "nudge-store-private.h"
#include "nudge-vcard.h"

gboolean
nudge_vcard_detect (const char *text,
                    gsize       length)
{
  const char *p = text, *end = text + length;

  if (text == NULL)
    return FALSE;
  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (p < end && g_ascii_isspace (*p))
    p++;
  return (gsize) (end - p) >= 11 && g_ascii_strncasecmp (p, "BEGIN:VCARD", 11) == 0;
}

/* ---- reading ----------------------------------------------------------- */

/* A piece of the file quoted in a message: valid UTF-8, one line */
static char *
shown_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  return nudge_import_shorten (valid);
}

typedef struct
{
  const char *p;
  const char *end;
  guint       next_line;  /* the number of the physical line at p */
} LineReader;

/* One physical line without its line break, or FALSE at the end */
static gboolean
read_physical (LineReader  *reader,
               const char **start,
               gsize       *len)
{
  const char *eol;

  if (reader->p >= reader->end)
    return FALSE;
  *start = reader->p;
  eol = memchr (reader->p, '\n', reader->end - reader->p);
  if (eol == NULL)
    eol = reader->end;
  *len = eol - reader->p;
  if (*len > 0 && (*start)[*len - 1] == '\r')
    (*len)--;
  reader->p = eol < reader->end ? eol + 1 : eol;
  reader->next_line++;
  return TRUE;
}

static gboolean
peek_continues (LineReader *reader)
{
  return reader->p < reader->end && (*reader->p == ' ' || *reader->p == '\t');
}

static gboolean
is_quoted_printable (const char *line)
{
  const char *colon = strchr (line, ':');
  g_autofree char *head = g_ascii_strup (line, colon ? colon - line : (gssize) strlen (line));

  return strstr (head, "QUOTED-PRINTABLE") != NULL;
}

/* One logical line: folded lines unfolded, quoted-printable soft breaks
 * joined. @line_no is the number of its first physical line. */
static gboolean
read_logical (LineReader *reader,
              GString    *line,
              guint      *line_no)
{
  const char *start;
  gsize len;

  g_string_truncate (line, 0);
  if (!read_physical (reader, &start, &len))
    return FALSE;
  *line_no = reader->next_line;
  g_string_append_len (line, start, len);
  for (;;)
    {
      if (peek_continues (reader))
        {
          read_physical (reader, &start, &len);
          g_string_append_len (line, start + 1, len - 1);
        }
      else if (line->len > 0 && line->str[line->len - 1] == '=' &&
               is_quoted_printable (line->str) && reader->p < reader->end)
        {
          g_string_truncate (line, line->len - 1);
          read_physical (reader, &start, &len);
          g_string_append_len (line, start, len);
        }
      else
        break;
    }
  return TRUE;
}

typedef struct
{
  char      *name;       /* upper case, group dropped */
  GPtrArray *types;      /* lower case TYPE values */
  char      *encoding;   /* upper case, or NULL */
  char      *charset;
  char      *value_type; /* VALUE=, lower case */
  gboolean   pref;
  char      *value;      /* raw, still escaped */
} Property;

static void
property_clear (Property *prop)
{
  g_free (prop->name);
  g_clear_pointer (&prop->types, g_ptr_array_unref);
  g_free (prop->encoding);
  g_free (prop->charset);
  g_free (prop->value_type);
  g_free (prop->value);
  memset (prop, 0, sizeof *prop);
}

static char *
unquote (const char *text)
{
  gsize len = strlen (text);

  if (len >= 2 && text[0] == '"' && text[len - 1] == '"')
    return g_strndup (text + 1, len - 2);
  return g_strdup (text);
}

static void
add_param (Property   *prop,
           const char *param)
{
  const char *eq = strchr (param, '=');
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  if (eq == NULL)
    {
      /* vCard 2.1: bare values ("WORK", "QUOTED-PRINTABLE") */
      key = g_ascii_strup (param, -1);
      if (g_str_equal (key, "QUOTED-PRINTABLE") || g_str_equal (key, "BASE64") ||
          g_str_equal (key, "8BIT") || g_str_equal (key, "7BIT"))
        {
          g_free (prop->encoding);
          prop->encoding = g_steal_pointer (&key);
          return;
        }
      value = g_strdup (param);
      g_free (key);
      key = g_strdup ("TYPE");
    }
  else
    {
      key = g_ascii_strup (param, eq - param);
      value = unquote (eq + 1);
    }

  if (g_str_equal (key, "TYPE"))
    {
      g_auto(GStrv) parts = g_strsplit (value, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_autofree char *part = unquote (g_strstrip (parts[i]));
          char *lower = g_ascii_strdown (part, -1);

          if (g_str_equal (lower, "pref"))
            {
              prop->pref = TRUE;
              g_free (lower);
            }
          else if (*lower != '\0')
            g_ptr_array_add (prop->types, lower);
          else
            g_free (lower);
        }
    }
  else if (g_str_equal (key, "PREF"))
    prop->pref = TRUE;
  else if (g_str_equal (key, "ENCODING"))
    {
      g_free (prop->encoding);
      prop->encoding = g_ascii_strup (value, -1);
    }
  else if (g_str_equal (key, "CHARSET"))
    {
      g_free (prop->charset);
      prop->charset = g_steal_pointer (&value);
    }
  else if (g_str_equal (key, "VALUE"))
    {
      g_free (prop->value_type);
      prop->value_type = g_ascii_strdown (value, -1);
    }
}

/* "item1.EMAIL;TYPE=work:jan@example.com" */
static gboolean
parse_property (const char  *line,
                Property    *prop)
{
  const char *p = line;
  const char *name_start = line;
  gboolean quoted = FALSE;
  g_autoptr(GString) param = NULL;

  while (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.')
    {
      if (*p == '.')
        name_start = p + 1;
      p++;
    }
  if (p == name_start || (*p != ':' && *p != ';'))
    return FALSE;
  prop->name = g_ascii_strup (name_start, p - name_start);
  prop->types = g_ptr_array_new_with_free_func (g_free);
  param = g_string_new (NULL);
  if (*p == ';')
    {
      p++;
      for (; *p != '\0'; p++)
        {
          if (*p == '"')
            quoted = !quoted;
          if (!quoted && (*p == ';' || *p == ':'))
            {
              if (param->len > 0)
                add_param (prop, param->str);
              g_string_truncate (param, 0);
              if (*p == ':')
                break;
              continue;
            }
          g_string_append_c (param, *p);
        }
      if (*p != ':')
        return FALSE;
    }
  prop->value = g_strdup (p + 1);
  return TRUE;
}

static char *
decode_quoted_printable (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '=' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          g_string_append_c (out, (char) (g_ascii_xdigit_value (p[1]) * 16 + g_ascii_xdigit_value (p[2])));
          p += 2;
        }
      else if (*p == '=' && p[1] == '\0')
        break;
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The value as UTF-8 text, still escaped: quoted-printable decoded and
 * converted from its CHARSET. */
static char *
decode_value (Property  *prop,
              guint      line,
              GError   **error)
{
  g_autofree char *bytes = NULL;

  if (prop->encoding != NULL && g_str_equal (prop->encoding, "QUOTED-PRINTABLE"))
    bytes = decode_quoted_printable (prop->value);
  else
    bytes = g_strdup (prop->value);

  if (prop->charset != NULL && g_ascii_strcasecmp (prop->charset, "UTF-8") != 0 &&
      g_ascii_strcasecmp (prop->charset, "US-ASCII") != 0)
    {
      char *converted = g_convert (bytes, -1, "UTF-8", prop->charset, NULL, NULL, NULL);

      if (converted == NULL)
        {
          g_autofree char *charset = shown_text (prop->charset);

          g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                       _("Line %u is not text in %s"), line, charset);
          return NULL;
        }
      return converted;
    }
  if (!g_utf8_validate (bytes, -1, NULL))
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("Line %u is not UTF-8 text"), line);
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

/* Splits on unescaped @separator (0: none) and undoes \n \, \; \\ */
static GPtrArray *
split_unescape (const char *text,
                char        separator)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  GString *part = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (part, (*p == 'n' || *p == 'N') ? '\n' : *p);
        }
      else if (separator != 0 && *p == separator)
        {
          g_ptr_array_add (parts, g_string_free (part, FALSE));
          part = g_string_new (NULL);
        }
      else
        g_string_append_c (part, *p);
    }
  g_ptr_array_add (parts, g_string_free (part, FALSE));
  return parts;
}

static char *
unescape (const char *text)
{
  g_autoptr(GPtrArray) parts = split_unescape (text, 0);

  return g_strdup (g_ptr_array_index (parts, 0));
}

static gboolean
has_type (Property   *prop,
          const char *type)
{
  for (guint i = 0; i < prop->types->len; i++)
    if (g_str_equal (g_ptr_array_index (prop->types, i), type))
      return TRUE;
  return FALSE;
}

/* The label an e-mail or phone keeps: work, mobile, home, or the first
 * type that says more than "voice" or "internet". */
static char *
channel_label_for (Property *prop)
{
  static const char *noise[] = { "voice", "internet", "x400", "text", "msg", "uri", NULL };
  const char *label = "";

  if (has_type (prop, "cell") || has_type (prop, "mobile"))
    label = "mobile";
  else if (has_type (prop, "work"))
    label = "work";
  else if (has_type (prop, "home"))
    label = "home";
  else
    for (guint i = 0; i < prop->types->len && *label == '\0'; i++)
      {
        const char *type = g_ptr_array_index (prop->types, i);

        /* A word only: it is written back as a TYPE parameter */
        if (!g_strv_contains (noise, type) && strspn (type, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen (type))
          label = type;
      }
  return g_strconcat (prop->pref ? "*" : "", label, NULL);
}

/* 19800502, 1980-05-02, --0502, --05-02: the forms Nudge keeps */
static char *
normalize_birthday (const char *text)
{
  int y, m, d;
  char rest;

  if (sscanf (text, "--%2d%2d%c", &m, &d, &rest) == 2 && strlen (text) == 6)
    return g_strdup_printf ("--%02d-%02d", m, d);
  if (strlen (text) >= 8 && strspn (text, "0123456789") >= 8 &&
      sscanf (text, "%4d%2d%2d", &y, &m, &d) == 3)
    return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  return g_strdup (text);
}

typedef struct
{
  guint      begin_line;
  gboolean   open;
  char      *fn;
  GPtrArray *n;
  char      *org;
  char      *title;
  char      *note;
  char      *bday;
  char      *url;
  ContactExtras extras;
} Card;

static void
card_reset (Card *card)
{
  g_clear_pointer (&card->fn, g_free);
  g_clear_pointer (&card->n, g_ptr_array_unref);
  g_clear_pointer (&card->org, g_free);
  g_clear_pointer (&card->title, g_free);
  g_clear_pointer (&card->note, g_free);
  g_clear_pointer (&card->bday, g_free);
  g_clear_pointer (&card->url, g_free);
  g_ptr_array_set_size (card->extras.channels, 0);
  g_string_truncate (card->extras.work_address, 0);
  g_string_truncate (card->extras.home_address, 0);
  card->open = FALSE;
}

static void
set_once (char       **slot,
          const char  *value)
{
  if (*slot == NULL && value != NULL && *value != '\0')
    *slot = g_strdup (value);
}

static gboolean
card_add_property (Card      *card,
                   Property  *prop,
                   guint      line,
                   GError   **error)
{
  g_autofree char *value = NULL;
  const char *name = prop->name;

  /* A photo, a logo or a sound is binary: dropped without decoding. */
  if (g_str_equal (name, "PHOTO") || g_str_equal (name, "LOGO") || g_str_equal (name, "SOUND") ||
      g_str_equal (name, "KEY") || g_str_equal (name, "PRODID") || g_str_equal (name, "UID") ||
      g_str_equal (name, "REV") || g_str_equal (name, "VERSION"))
    return TRUE;
  if (!(value = decode_value (prop, line, error)))
    return FALSE;

  if (g_str_equal (name, "FN"))
    {
      g_autofree char *text = unescape (value);

      set_once (&card->fn, g_strstrip (text));
    }
  else if (g_str_equal (name, "N"))
    {
      if (card->n == NULL)
        card->n = split_unescape (value, ';');
    }
  else if (g_str_equal (name, "ORG"))
    {
      g_autoptr(GPtrArray) parts = split_unescape (value, ';');

      set_once (&card->org, g_strstrip ((char *) g_ptr_array_index (parts, 0)));
    }
  else if (g_str_equal (name, "TITLE"))
    {
      g_autofree char *text = unescape (value);

      set_once (&card->title, g_strstrip (text));
    }
  else if (g_str_equal (name, "NOTE"))
    {
      g_autofree char *text = unescape (value);

      set_once (&card->note, g_strstrip (text));
    }
  else if (g_str_equal (name, "BDAY"))
    {
      g_autofree char *text = unescape (value);
      g_autofree char *bday = normalize_birthday (g_strstrip (text));

      set_once (&card->bday, bday);
    }
  else if (g_str_equal (name, "URL"))
    {
      g_autofree char *text = unescape (value);

      set_once (&card->url, g_strstrip (text));
    }
  else if (g_str_equal (name, "EMAIL") || g_str_equal (name, "TEL"))
    {
      g_autofree char *text = unescape (value);
      g_autofree char *label = channel_label_for (prop);
      const char *shown = g_strstrip (text);

      if (g_ascii_strncasecmp (shown, "tel:", 4) == 0)
        shown += 4;
      else if (g_ascii_strncasecmp (shown, "mailto:", 7) == 0)
        shown += 7;
      nudge_import_add_channels (card->extras.channels,
                                 name[0] == 'E' ? FIELD_EMAIL : FIELD_PHONE, label, shown, NULL);
    }
  else if (g_str_equal (name, "ADR"))
    {
      g_autoptr(GPtrArray) parts = split_unescape (value, ';');
      GString *address = has_type (prop, "home") && !has_type (prop, "work")
                         ? card->extras.home_address : card->extras.work_address;

      /* The first address of each kind */
      if (address->len == 0)
        for (guint i = 0; i < parts->len; i++)
          nudge_import_append_address (address, g_ptr_array_index (parts, i));
    }
  return TRUE;
}

/* E-mail, phone and organisation, for a preview */
static char *
card_describe (Card *card)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < card->extras.channels->len && i < 2; i++)
    {
      const Channel *channel = g_ptr_array_index (card->extras.channels, i);

      g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", channel->value);
    }
  if (card->org != NULL && *card->org != '\0')
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", card->org);
  return g_string_free (text, FALSE);
}

static gint64
card_save (Card              *card,
           const ImportRows  *rows,
           GError           **error)
{
  const char *values[N_FIELDS];
  gint64 id;

  for (guint f = 0; f < N_FIELDS; f++)
    values[f] = "";
  if (card->fn != NULL)
    values[FIELD_DISPLAY_NAME] = card->fn;
  if (card->n != NULL)
    {
      /* family; given; additional; prefix; suffix */
      const Field order[] = { FIELD_LAST_NAME, FIELD_FIRST_NAME, FIELD_MIDDLE_NAME };

      for (guint i = 0; i < G_N_ELEMENTS (order) && i < card->n->len; i++)
        values[order[i]] = g_strstrip ((char *) g_ptr_array_index (card->n, i));
    }
  if (card->org != NULL)
    values[FIELD_COMPANY] = card->org;
  if (card->title != NULL)
    values[FIELD_JOB_TITLE] = card->title;
  if (card->note != NULL)
    values[FIELD_NOTES] = card->note;
  if (card->bday != NULL)
    values[FIELD_BIRTHDAY] = card->bday;
  if (card->url != NULL)
    values[FIELD_WEBSITE] = card->url;

  id = nudge_import_contact_row (rows, values, &card->extras, error);
  if (id <= 0 && error != NULL && *error != NULL)
    g_prefix_error (error, _("The card on line %u: "), card->begin_line);
  return id;
}

/* Imports every card of @text into the book, within the transaction the
 * caller has not begun yet; @result is initialised. */
gboolean
nudge_import_vcard_records (NudgeStore                *store,
                            const char                *text,
                            gsize                      length,
                            const NudgeImportOptions  *options,
                            GCancellable              *cancellable,
                            NudgeImportResult         *result,
                            GError                   **error)
{
  LineReader reader = { text, text + length, 0 };
  g_autoptr(GString) line = g_string_new (NULL);
  NudgeImportMatch *match = NULL;
  ImportRows rows;
  g_autoptr(GPtrArray) channels = g_ptr_array_new_with_free_func (nudge_import_channel_free);
  g_autoptr(GString) work_address = g_string_new (NULL);
  g_autoptr(GString) home_address = g_string_new (NULL);
  Card card = { 0 };
  guint line_no = 0, n_cards = 0;

  card.extras.channels = channels;
  card.extras.work_address = work_address;
  card.extras.home_address = home_address;
  result->format_name = _("vCard");
  result->format_message = _("Read as vCard");

  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    reader.p += 3;
  {
    const char *nul = memchr (text, '\0', length);

    if (nul != NULL)
      {
        guint at = 1;

        for (const char *p = text; p < nul; p++)
          at += *p == '\n';
        g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID, _("Line %u is not text"), at);
        return FALSE;
      }
  }

  if (!(match = nudge_import_match_start (store, NUDGE_ENTITY_CONTACT, options, result, error)))
    return FALSE;
  rows = (ImportRows) { .store = store, .match = match, .known_format = TRUE, .result = result };

  while (read_logical (&reader, line, &line_no))
    {
      Property prop = { 0 };
      gboolean ok = TRUE;

      if ((line_no & 1023) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            goto fail;
          nudge_import_report_progress (options, (double) (reader.p - text) / (double) MAX (length, 1));
        }
      g_strstrip (line->str);
      if (line->str[0] == '\0')
        continue;
      if (!parse_property (line->str, &prop))
        {
          g_autofree char *shown = shown_text (line->str);

          property_clear (&prop);
          g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                       _("Line %u is not a vCard property (NAME:value): “%s”"), line_no, shown);
          goto fail;
        }
      if (g_str_equal (prop.name, "BEGIN"))
        {
          if (card.open)
            {
              g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                           _("Line %u: a card begins inside the card begun on line %u"),
                           line_no, card.begin_line);
              ok = FALSE;
            }
          else if (g_ascii_strcasecmp (g_strstrip (prop.value), "VCARD") != 0)
            {
              g_autofree char *shown = shown_text (prop.value);

              g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                           _("Line %u: “BEGIN:%s” is not a vCard"), line_no, shown);
              ok = FALSE;
            }
          else
            {
              card.open = TRUE;
              card.begin_line = line_no;
            }
        }
      else if (!card.open)
        {
          g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                       _("Line %u is outside any card (BEGIN:VCARD … END:VCARD)"), line_no);
          ok = FALSE;
        }
      else if (g_str_equal (prop.name, "END"))
        {
          gint64 id;

          if (g_ascii_strcasecmp (g_strstrip (prop.value), "VCARD") != 0)
            {
              g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                           _("Line %u ends something other than the card begun on line %u"),
                           line_no, card.begin_line);
              ok = FALSE;
            }
          else if (nudge_import_match_skips_line (match, card.begin_line))
            {
              n_cards++;
              card_reset (&card);
            }
          else
            {
              /* A dry run counts a bad card and goes on (nudge-import-match.c) */
              GError *card_error = NULL;
              g_autofree char *described = card_describe (&card);

              if (!nudge_import_match_begin_row (match, error))
                ok = FALSE;
              else if ((id = card_save (&card, &rows, &card_error)) > 0 &&
                       nudge_import_match_row_state (match) == NUDGE_IMPORT_ROW_NEW)
                g_array_append_val (result->record_ids, id);
              if (ok)
                ok = nudge_import_match_end_row (match, card.begin_line, id, card.fn,
                                                 described, &card_error, error);
              n_cards++;
              card_reset (&card);
            }
        }
      else if (g_str_equal (prop.name, "VERSION"))
        {
          const char *version = g_strstrip (prop.value);

          if (!g_str_equal (version, "2.1") && !g_str_equal (version, "3.0") && !g_str_equal (version, "4.0"))
            {
              g_autofree char *shown = shown_text (version);

              g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                           _("Line %u: vCard version “%s” is not known (2.1, 3.0 and 4.0 are)"),
                           line_no, shown);
              ok = FALSE;
            }
        }
      else
        ok = card_add_property (&card, &prop, line_no, error);
      property_clear (&prop);
      if (!ok)
        goto fail;
    }
  if (card.open)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("The card begun on line %u has no END:VCARD"), card.begin_line);
      goto fail;
    }
  if (n_cards == 0)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID, _("The file holds no card"));
      goto fail;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;
  if (!nudge_import_match_keep (match, store, result, error))
    goto fail;
  nudge_import_match_free (match);
  card_reset (&card);
  nudge_import_report_progress (options, 1.0);
  result->n_records = result->n_new;
  return TRUE;

fail:
  nudge_import_match_abandon (match, store, result);
  card_reset (&card);
  return FALSE;
}
