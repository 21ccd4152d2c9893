/* nudge-code-page.c — which Windows code page a CSV file that is not UTF-8 is in
 *
 * Excel saves "CSV" in the Windows code page of the system's language:
 * Windows-1250 in Czech and Polish, Windows-1251 in Ukrainian, 1252 in
 * the west. The file does not say which. Read in the wrong one, Czech
 * "Černá" comes out "Èerná" and Ukrainian "Олена" "Îëåíà", and would be
 * saved that way. So each of the three readings is scored by how much
 * it looks like text of its languages, and the user's language decides
 * only where the text does not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "nudge-import-private.h"

/* Enough of a file to tell, and little enough to read three times */
#define SAMPLE_BYTES (256 * 1024)

typedef struct
{
  const char *encoding;
  const char *common;   /* letters its languages use a lot (lower case) */
  const char *rare;     /* letters they use, but seldom */
  const char *capitals; /* capitals they use a lot: "Černá", not "Èerná" */
} CodePage;

/* On a tie between two pages that are not the user's, the first wins. */
static const CodePage code_pages[] = {
  /* de, fr, es, it, pt, nl, sv, da, no, fi */
  { "WINDOWS-1252", "äöüßéèàçêñáíóúâô", "ëïîûœãõåæøìòùýÿšž", "ÄÖÜÉÅØÆ" },
  /* cs, pl, sk, hu, sl, hr, ro */
  { "WINDOWS-1250", "áčďéěíňóřšťúůýžąćęłńśźż", "äôöőüűĺľŕăâîşţđç", "ČŘŠŽĎŤŇĽŁŚŻŹĆÁÉÍÓÚ" },
  /* uk, ru, bg, be, sr: every letter is Cyrillic (scored apart) */
  { "WINDOWS-1251", "", "", "" },
};

static gboolean
is_cyrillic (gunichar c)
{
  return c >= 0x400 && c <= 0x4ff;
}

/* А to я, and і ї є ґ ё ў: what Ukrainian, Russian, Bulgarian and
 * Belarusian are written with (not Ѓ or Ќ, which stray bytes become) */
static gboolean
is_common_cyrillic (gunichar c)
{
  c = g_unichar_tolower (c);
  return (c >= 0x430 && c <= 0x44f) || c == 0x456 || c == 0x457 || c == 0x454 ||
         c == 0x491 || c == 0x451 || c == 0x45e;
}

static gboolean
is_ascii_letter (gunichar c)
{
  return c < 0x80 && g_ascii_isalpha (c);
}

static gboolean
is_other_letter (gunichar c)
{
  return c >= 0x80 && g_unichar_isalpha (c);
}

static gboolean
lists_letter (const char *letters,
              gunichar    c)
{
  char utf8[8] = { 0 };

  g_unichar_to_utf8 (c, utf8);
  return strstr (letters, utf8) != NULL;
}

/* How much @text, read as @page, looks like text of its languages: each
 * letter beyond ASCII counts for or against, by its neighbours too. */
static int
score (const CodePage *page,
       const gunichar *text,
       glong           length)
{
  int total = 0;

  for (glong i = 0; i < length; i++)
    {
      gunichar c = text[i], before = i > 0 ? text[i - 1] : ' ', after = i + 1 < length ? text[i + 1] : ' ';

      if (c < 0x80)
        continue;
      if (!g_unichar_isalpha (c))
        {
          /* "¹" or "³" inside a word is a letter read in the wrong page */
          if (g_unichar_isalpha (before) && g_unichar_isalpha (after))
            total -= 3;
          continue;
        }
      if (is_cyrillic (c))
        {
          /* Cyrillic among Latin letters is a Latin text misread */
          if (is_ascii_letter (before) || is_ascii_letter (after))
            total -= 3;
          else if (is_common_cyrillic (c))
            total += 3;
          continue;
        }
      /* Three accented letters in a row: Cyrillic read as Latin */
      if (is_other_letter (before) && is_other_letter (after))
        total -= 3;
      else if (g_unichar_isupper (c))
        total += lists_letter (page->capitals, c) ? 3 : 0;
      else if (lists_letter (page->common, c))
        total += 3;
      else if (lists_letter (page->rare, c))
        total += 1;
    }
  return total;
}

/* The code page of @text, which is not UTF-8; @preferred is the one of
 * the user's language, chosen unless the text clearly reads better in
 * another. */
const char *
_nudge_import_guess_code_page (const char *text,
                               gsize       length,
                               const char *preferred)
{
  const char *best = preferred;
  int best_score = G_MININT;
  int preferred_score = G_MININT;

  length = MIN (length, SAMPLE_BYTES);
  for (guint i = 0; i < G_N_ELEMENTS (code_pages); i++)
    {
      g_autofree char *converted = g_convert (text, length, "UTF-8", code_pages[i].encoding, NULL, NULL, NULL);
      g_autofree gunichar *chars = NULL;
      glong n_chars = 0;
      int s;

      /* A byte the page leaves undefined: not this one */
      if (converted == NULL || !(chars = g_utf8_to_ucs4_fast (converted, -1, &n_chars)))
        continue;
      s = score (&code_pages[i], chars, n_chars);
      if (g_str_equal (code_pages[i].encoding, preferred))
        preferred_score = s;
      if (s > best_score)
        {
          best_score = s;
          best = code_pages[i].encoding;
        }
    }
  /* Another page only when it reads clearly better (a German "Müller"
   * is the same in 1250 and 1252) and like text at all: stray bytes
   * are refused in the user's page, with the line they are on. */
  if (best_score <= 0 || (preferred_score != G_MININT && best_score - preferred_score < 3))
    return preferred;
  return best;
}

/* Excel's "Unicode Text" is UTF-16 behind its byte order mark (and
 * tab-separated): it is read as UTF-8, into *@utf8. Other NUL bytes
 * stand in no text of any code page: a spreadsheet (.xlsx and .ods are
 * zip files) chosen instead of its CSV export. Returns the text to
 * read, with *@length, or NULL with @error. */
const char *
_nudge_import_text_of (const char  *text,
                       gsize       *length,
                       char       **utf8,
                       GError     **error)
{
  gboolean le = *length >= 2 && (guchar) text[0] == 0xff && (guchar) text[1] == 0xfe;
  gboolean be = *length >= 2 && (guchar) text[0] == 0xfe && (guchar) text[1] == 0xff;

  if (le || be)
    {
      gsize written = 0;

      *utf8 = g_convert (text + 2, *length - 2, "UTF-8", le ? "UTF-16LE" : "UTF-16BE", NULL, &written, NULL);
      if (*utf8 == NULL)
        {
          g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                       _("The file says it is UTF-16 text but is not; save it as “CSV UTF-8” and import it again"));
          return NULL;
        }
      *length = written;
      return *utf8;
    }
  if (memchr (text, '\0', MIN (*length, SAMPLE_BYTES)) != NULL)
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("The file is not text: save a spreadsheet (.xlsx, .ods) as CSV and import that"));
      return NULL;
    }
  return text;
}

/* Excel saves "CSV" in the Windows code page of the system's language:
 * Windows-1250 in Czech and Polish, Windows-1251 in Ukrainian. A file
 * that is not UTF-8 is read in the one its text fits best, else in the
 * one that fits the user's language (_nudge_import_guess_code_page()). */
static const char *
legacy_encoding (void)
{
  static const struct { const char *language; const char *encoding; } language_pages[] = {
    { "cs", "WINDOWS-1250" }, { "pl", "WINDOWS-1250" }, { "sk", "WINDOWS-1250" },
    { "hu", "WINDOWS-1250" }, { "sl", "WINDOWS-1250" }, { "hr", "WINDOWS-1250" },
    { "ro", "WINDOWS-1250" }, { "uk", "WINDOWS-1251" }, { "ru", "WINDOWS-1251" },
    { "bg", "WINDOWS-1251" }, { "be", "WINDOWS-1251" }, { "sr", "WINDOWS-1251" },
  };
  const char * const *languages = g_get_language_names ();

  for (guint l = 0; languages[l] != NULL; l++)
    for (guint i = 0; i < G_N_ELEMENTS (language_pages); i++)
      if (g_str_has_prefix (languages[l], language_pages[i].language) &&
          (languages[l][2] == '\0' || languages[l][2] == '_' || languages[l][2] == '.' || languages[l][2] == '@'))
        return language_pages[i].encoding;
  return "WINDOWS-1252";
}

/* A file that is not UTF-8 throughout is taken for the Windows code page
 * only when it holds no valid multi-byte UTF-8 sequence at all: a file
 * with both (two exports pasted together) would come out garbled either
 * way, so it is refused, naming the line where the trouble starts. */
static gboolean
has_multibyte_utf8 (const char *text,
                    gsize       length)
{
  const char *p = text;
  const char *end = text + length;

  while (p < end)
    {
      const char *bad = NULL;

      if ((guchar) *p < 0x80)
        {
          p++;
          continue;
        }
      if (g_utf8_validate_len (p, MIN ((gsize) (end - p), 4), &bad) || bad > p)
        return TRUE;
      p++;
    }
  return FALSE;
}

static guint
line_at (const char *text,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (text[i] == '\n')
      line++;
  return line;
}

/* @text, which is not UTF-8 from @invalid on, converted from the code
 * page it fits (into @out_encoding); NULL with @error when it is
 * neither that nor UTF-8 throughout. */
char *
_nudge_import_convert_code_page (const char   *text,
                                 gsize         length,
                                 const char   *invalid,
                                 const char  **out_encoding,
                                 gsize        *out_length,
                                 GError      **error)
{
  g_autofree char *converted = NULL;
  const char *encoding = _nudge_import_guess_code_page (text, length, legacy_encoding ());
  gsize bytes_read = 0;

  if (has_multibyte_utf8 (text, length))
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   _("Line %u is not UTF-8 text while the rest of the file is; save the file as “CSV UTF-8” and import it again"),
                   line_at (text, invalid - text));
      return NULL;
    }
  converted = g_convert (text, length, "UTF-8", encoding, &bytes_read, out_length, NULL);
  if (converted == NULL || !g_utf8_validate_len (converted, *out_length, NULL))
    {
      g_set_error (error, NUDGE_STORE_ERROR, NUDGE_STORE_ERROR_INVALID,
                   /* Translators: %s is the number of a Windows code page, e.g. "1250" */
                   _("Line %u is neither UTF-8 nor Windows-%s text; save the file as “CSV UTF-8” and import it again"),
                   line_at (text, converted == NULL ? bytes_read : (gsize) (invalid - text)),
                   encoding + strlen ("WINDOWS-"));
      return NULL;
    }
  *out_encoding = encoding;
  return g_steal_pointer (&converted);
}
