/* test-ui-translated.c — screens in Ukrainian: nothing the translation
 * makes longer is cut short, counts in their plural forms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "nudge-chart.h"
#include "nudge-export-dialog.h"
#include "nudge-format.h"
#include "nudge-list-view-private.h"
#include "nudge-preferences-window.h"
#include "nudge-record-window.h"
#include "nudge-window.h"
#include "nudge-test-core.h"
#include "nudge-test-ui.h"

static gboolean
is_label_starting (GtkWidget     *widget,
                   gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

/* @label is laid out whole, not ending in "…" */
static void
assert_whole (GtkWidget *label)
{
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_mapped (label));
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));
}

/* "Автоматично (Жодні)" is longer than AdwComboRow's 20 letters: the
 * row shows it whole, and wraps its subtitle instead. */
static void
test_holidays_choice (NudgeTestBook *book,
                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *window, *row;

  g_settings_set_string (settings, "holidays", "auto");
  window = nudge_preferences_window_new (nudge_test_context (book->store, settings));
  gtk_window_present (GTK_WINDOW (window));
  nudge_test_spin (200);

  row = nudge_test_find_row (window, "Державні свята");
  g_assert_nonnull (row);
  assert_whole (nudge_test_find (row, NUDGE_TEST_MAPPED, is_label_starting, "Автоматично ("));

  gtk_window_destroy (GTK_WINDOW (window));
  nudge_test_spin (50);
}

/* "Експортувати календар" beside "Експортувати…" and "Скасувати" */
static void
test_export_title (NudgeTestBook *book,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *parent = gtk_window_new ();
  NudgeExportDialog *dialog;

  gtk_window_present (GTK_WINDOW (parent));
  dialog = nudge_export_dialog_present (GTK_WINDOW (parent), nudge_test_context (book->store, settings));
  g_assert_nonnull (dialog);
  nudge_test_spin (200);

  assert_whole (nudge_test_find (GTK_WIDGET (dialog), NUDGE_TEST_MAPPED, is_label_starting, "Експортувати календар"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (parent));
  nudge_test_spin (50);
}

/* A company's page: its name in the header beside "Редагувати" and
 * "Записати активність" */
static void
test_record_title (NudgeTestBook *book,
                   gconstpointer  data)
{
  const char *name = "ПП «Київ Логістик»";
  gint64 id = nudge_test_add_named_company (book->store, name);
  NudgeRecordWindow *page;

  page = nudge_record_window_present (NULL, nudge_test_context (book->store, NULL), NUDGE_ENTITY_COMPANY, id);
  nudge_test_spin (200);

  /* The header's and the page's heading */
  {
    g_autoptr(GPtrArray) labels = nudge_test_find_all (GTK_WIDGET (page), is_label_starting, name);

    g_assert_cmpuint (labels->len, ==, 2);
    for (guint i = 0; i < labels->len; i++)
      assert_whole (g_ptr_array_index (labels, i));
  }

  gtk_window_destroy (GTK_WINDOW (page));
  nudge_test_spin (50);
}

/* A narrow window in Polish: the view switcher at its foot names each
 * view whole in a fifth of 480 pixels ("Lejek", not "Lejek sprzeda…") */
static void
test_narrow_view_names (NudgeTestBook *book,
                        gconstpointer  data)
{
  NudgeWindow *window;
  GtkWidget *bar;
  g_autoptr(GPtrArray) labels = NULL;

  if (!nudge_test_use_locale ("pl_PL.UTF-8"))
    return;
  /* A book with a deal: the views, not the welcome page */
  nudge_test_add_titled_deal (book->store, "Doradztwo");
  window = nudge_test_window_new (book->store, "today", 480, 800);
  nudge_test_spin (300);

  bar = nudge_test_find (GTK_WIDGET (window), NUDGE_TEST_MAPPED, nudge_test_is_of_type,
                         GSIZE_TO_POINTER (ADW_TYPE_VIEW_SWITCHER_BAR));
  g_assert_nonnull (bar);
  labels = nudge_test_find_all (bar, is_label_starting, "");
  g_assert_nonnull (nudge_test_find (bar, NUDGE_TEST_MAPPED, is_label_starting, "Lejek"));
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (labels, i)))
      {
        g_test_message ("%s", gtk_label_get_text (g_ptr_array_index (labels, i)));
        assert_whole (g_ptr_array_index (labels, i));
      }

  gtk_window_destroy (GTK_WINDOW (window));
  nudge_test_spin (50);
  nudge_test_use_locale ("uk_UA.UTF-8");
}

/* A chart's column of labels is as wide as its longest stage name
 * ("Пропозицію надіслано"), and charts shown together share it. */
static void
test_chart_labels (void)
{
  const char *stage = "Пропозицію надіслано на розгляд";
  NudgeChart *chart = NUDGE_CHART (nudge_chart_new ());
  NudgeChart *other = NUDGE_CHART (nudge_chart_new ());
  g_autoptr(PangoLayout) layout = NULL;
  int width;

  g_object_ref_sink (chart);
  g_object_ref_sink (other);
  nudge_chart_add_bar (chart, "Новий лід", 3, "3", NUDGE_BAR_PLAIN);
  nudge_chart_add_bar (chart, stage, 2, "2", NUDGE_BAR_PLAIN);
  nudge_chart_add_bar (other, "Січень", 1, "1", NUDGE_BAR_PLAIN);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (chart), stage);
  pango_layout_get_pixel_size (layout, &width, NULL);

  g_assert_cmpint (nudge_chart_get_label_column (chart), >, width);
  g_assert_cmpint (nudge_chart_get_label_column (other), <, width);
  nudge_chart_set_label_width (other, nudge_chart_get_label_width (chart));
  g_assert_cmpint (nudge_chart_get_label_column (other), ==, nudge_chart_get_label_column (chart));

  g_object_unref (other);
  g_object_unref (chart);
}

/* Insights' "132 of 169 follow-ups done": the count of all is the one
 * the noun follows, in the genitive — singular after 1 (and 21 in
 * Ukrainian), plural after 2, 5 and 22. */
static void
test_on_time_plural (void)
{
  const struct
  {
    const char *locale;
    guint       n;
    const char *noun;
  } cases[] = {
    { "uk_UA.UTF-8", 1, " нагадування " }, { "uk_UA.UTF-8", 2, " нагадувань " },
    { "uk_UA.UTF-8", 5, " нагадувань " }, { "uk_UA.UTF-8", 21, " нагадування " },
    { "uk_UA.UTF-8", 22, " нагадувань " },
    { "pl_PL.UTF-8", 1, " follow-upu " }, { "pl_PL.UTF-8", 2, " follow-upów " },
    { "pl_PL.UTF-8", 5, " follow-upów " }, { "pl_PL.UTF-8", 22, " follow-upów " },
    { "cs_CZ.UTF-8", 1, " follow-upu " }, { "cs_CZ.UTF-8", 2, " follow-upů " },
    { "cs_CZ.UTF-8", 5, " follow-upů " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *text;

      if (!nudge_test_use_locale (cases[i].locale))
        break;
      text = g_dngettext (GETTEXT_PACKAGE, "%u of %u follow-up done by the end of its day",
                          "%u of %u follow-ups done by the end of their day", cases[i].n);
      g_test_message ("%s, %u: %s", cases[i].locale, cases[i].n, text);
      g_assert_nonnull (strstr (text, cases[i].noun));
    }
  nudge_test_use_locale ("uk_UA.UTF-8");
}

/* @text with every kind of no-break space made a plain one. */
static char *
plain_spaces (const char *text)
{
  g_auto(GStrv) narrow = g_strsplit (text, "\u202f", -1);
  g_autofree char *joined = g_strjoinv (" ", narrow);
  g_auto(GStrv) wide = g_strsplit (joined, "\u00a0", -1);

  return g_strjoinv (" ", wide);
}

/* A count of thousands in a toast is grouped as the language writes
 * it, as the List's sidebar does: "Importováno 100 000 kontaktů", not
 * "100000" (the locale's narrow no-break space, where the sidebar's is
 * a full one). */
static void
test_counts_grouped (void)
{
  const char *locales[] = { "cs_CZ.UTF-8", "pl_PL.UTF-8", "uk_UA.UTF-8" };

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      g_autofree char *number = NULL;
      g_autofree char *grouped = NULL;
      g_autofree char *text = NULL;
      g_autofree char *message = NULL;

      if (!nudge_test_use_locale (locales[i]))
        break;
      number = nudge_format_number (100000, 0);
      grouped = plain_spaces (number);
      text = _nudge_list_imported_message (NUDGE_ENTITY_CONTACT, 100000);
      message = plain_spaces (text);
      g_test_message ("%s: %s", locales[i], message);
      g_assert_cmpstr (grouped, ==, "100 000");
      g_assert_nonnull (strstr (message, grouped));
    }
  nudge_test_use_locale ("uk_UA.UTF-8");
}

/* "E-mail about %s" and "Call about %s" take a deal's title or a
 * contact's name as it is, in the nominative: after a colon, not
 * right after "щодо" or "ohledně", which want another case; a stage's
 * name in a timeline line in quotes. */
static void
test_names_in_nominative (void)
{
  const char *locales[] = { "uk_UA.UTF-8", "pl_PL.UTF-8", "cs_CZ.UTF-8" };

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      const char *texts[4];

      if (!nudge_test_use_locale (locales[i]))
        break;
      texts[0] = g_dpgettext2 (GETTEXT_PACKAGE, "sample", "Call about %s");
      texts[1] = g_dpgettext2 (GETTEXT_PACKAGE, "sample", "E-mail about %s");
      texts[2] = g_dgettext (GETTEXT_PACKAGE, "Call about %s");
      texts[3] = g_dgettext (GETTEXT_PACKAGE, "E-mail about %s");
      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          g_test_message ("%s: %s", locales[i], texts[t]);
          g_assert_false (g_str_has_prefix (texts[t], "Call") || g_str_has_prefix (texts[t], "E-mail about"));
          g_assert_true (g_str_has_suffix (texts[t], ": %s"));
        }
      /* A stage's name, which stays in the nominative, in quotes: "z
       * „Wysłana oferta” do „Negocjacje”" */
      {
        const char *moved = g_dgettext (GETTEXT_PACKAGE, "Moved from %s to %s");
        const char *quoted[] = { "«%s»", "„%s”", "„%s“" };

        g_test_message ("%s: %s", locales[i], moved);
        g_assert_true (strstr (moved, quoted[i]) != NULL);
        g_assert_true (strstr (moved, quoted[i]) != g_strrstr (moved, quoted[i]));
      }
    }
  nudge_test_use_locale ("uk_UA.UTF-8");
}

int
main (int argc, char *argv[])
{
  nudge_test_ui_init (&argc, &argv, "uk_UA.UTF-8");
  if (!nudge_test_use_locale ("uk_UA.UTF-8"))
    return 77;
  nudge_test_use_translations ();

  g_test_add ("/ui/translated/holidays-choice", NudgeTestBook, NULL, nudge_test_book_set_up,
              test_holidays_choice, nudge_test_book_tear_down);
  g_test_add ("/ui/translated/export-title", NudgeTestBook, NULL, nudge_test_book_set_up,
              test_export_title, nudge_test_book_tear_down);
  g_test_add ("/ui/translated/record-title", NudgeTestBook, NULL, nudge_test_book_set_up,
              test_record_title, nudge_test_book_tear_down);
  g_test_add ("/ui/translated/narrow-view-names", NudgeTestBook, NULL, nudge_test_book_set_up,
              test_narrow_view_names, nudge_test_book_tear_down);
  g_test_add_func ("/ui/translated/chart-labels", test_chart_labels);
  g_test_add_func ("/ui/translated/on-time-plural", test_on_time_plural);
  g_test_add_func ("/ui/translated/names-in-nominative", test_names_in_nominative);
  g_test_add_func ("/ui/translated/counts-grouped", test_counts_grouped);
  return g_test_run ();
}
