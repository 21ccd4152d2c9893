/* test-ui-record-window.c — a deal's, contact's and company's page as
 * the seller reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "nudge-clock.h"
#include "nudge-format.h"
#include "nudge-record-window.h"
#include "nudge-store.h"
#include "nudge-test-core.h"
#include "nudge-test-ui.h"

#define T0 1772442000 /* 2026-03-02 10:00 in Prague */

typedef struct
{
  char       *dir;
  char       *path;
  NudgeStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  nudge_clock_pin (T0);
  f->store = nudge_test_book_open ("ui-record-window", &f->dir, &f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  nudge_test_destroy_windows ();
  nudge_test_book_close (&f->store, &f->dir, &f->path);
}

static NudgeRecordWindow *
open_page (Fixture     *f,
           NudgeEntity  entity,
           gint64       id)
{
  NudgeRecordWindow *page = nudge_record_window_present (NULL, nudge_test_context (f->store, NULL), entity, id);

  gtk_window_set_default_size (GTK_WINDOW (page), 560, 760);
  nudge_test_spin (200);
  return page;
}

/* The subtitle of the row titled @title on @page. */
static const char *
row_subtitle (NudgeRecordWindow *page,
              const char        *title)
{
  GtkWidget *row = nudge_test_find_row (GTK_WIDGET (page), title);

  if (row == NULL)
    g_error ("the page has no row titled “%s”", title);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* A label drawn with @data as its text: what the user sees, not the
 * markup it was given (which shows nothing when it does not parse). */
static gboolean
shows_text (GtkWidget     *widget,
            gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static void
assert_shows (NudgeRecordWindow *page,
              const char        *text)
{
  if (nudge_test_find (GTK_WIDGET (page), NUDGE_TEST_MAPPED, shows_text, text) == NULL)
    g_error ("the page does not show “%s”", text);
}

/* A contact's and a company's deals say how a closed deal ended and
 * when, not the stage it was closed in ("Lost"); an open one its stage;
 * each its amount. */
static void
test_deal_outcomes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = nudge_format_date (T0);
  g_autofree char *expected = NULL;
  NudgeRecordWindow *page;
  gint64 company = nudge_test_add_named_company (f->store, "Kovo Brno");
  gint64 contact = nudge_test_add_contact (f->store, "name", "Jan Novák", "company-id", company, NULL);
  gint64 open = nudge_test_add_deal (f->store, "title", "Lathes", "company-id", company, "contact-id", contact, NULL);
  gint64 won = nudge_test_add_deal (f->store, "title", "Presses", "company-id", company, "contact-id", contact,
                                    "amount-minor", (gint64) 12000000, "has-amount", TRUE, "currency", "CZK", NULL);
  gint64 lost = nudge_test_add_deal (f->store, "title", "Consulting", "company-id", company, "contact-id", contact,
                                     NULL);
  g_autoptr(NudgeDeal) open_deal = nudge_store_get_deal (f->store, open, NULL);
  g_autofree char *amount = nudge_format_money_brief (12000000, "CZK");

  g_assert_true (nudge_store_set_deal_status (f->store, won, NUDGE_DEAL_WON, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (nudge_store_set_deal_status (f->store, lost, NUDGE_DEAL_LOST, "Price", &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      page = open_page (f, i == 0 ? NUDGE_ENTITY_CONTACT : NUDGE_ENTITY_COMPANY, i == 0 ? contact : company);
      g_assert_cmpstr (row_subtitle (page, "Lathes"), ==, nudge_deal_get_stage_name (open_deal));
      g_clear_pointer (&expected, g_free);
      expected = g_strdup_printf ("Won · %s · %s", today, amount);
      g_assert_cmpstr (row_subtitle (page, "Presses"), ==, expected);
      g_clear_pointer (&expected, g_free);
      expected = g_strdup_printf ("Lost · %s", today);
      g_assert_cmpstr (row_subtitle (page, "Consulting"), ==, expected);
      gtk_window_destroy (GTK_WINDOW (page));
      nudge_test_spin (50);
    }
}

/* Names and notes with "&" and "<b>" are shown as typed: libadwaita
 * reads a row's and a group's text as markup, which showed them as
 * empty lines. */
static void
test_markup_in_names (Fixture       *f,
                      gconstpointer  data)
{
  NudgeRecordWindow *page;
  gint64 company = nudge_test_add_company (f->store, "name", "Novák & syn <b>", "industry", "Okna & dveře",
                                           "notes", "Sleva < 5 % & doprava zdarma", NULL);
  gint64 contact = nudge_test_add_contact (f->store, "name", "Eva <b>Malá</b>", "title", "CEO & founder",
                                           "company-id", company, NULL);
  gint64 deal = nudge_test_add_deal (f->store, "title", "Okna & dveře", "company-id", company,
                                     "contact-id", contact, "product", "<i>PVC</i>", NULL);

  {
    const struct { NudgeEntity entity; gint64 id; const char *shows[5]; } pages[] = {
      { NUDGE_ENTITY_COMPANY, company,
        { "Novák & syn <b>", "Okna & dveře", "Sleva < 5 % & doprava zdarma", "Eva <b>Malá</b>", "CEO & founder" } },
      { NUDGE_ENTITY_CONTACT, contact, { "Eva <b>Malá</b>", "CEO & founder", "Novák & syn <b>", "Okna & dveře" } },
      { NUDGE_ENTITY_DEAL, deal, { "Okna & dveře", "<i>PVC</i>", "Eva <b>Malá</b>", "Novák & syn <b>" } },
    };

    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      {
        page = open_page (f, pages[i].entity, pages[i].id);
        for (guint j = 0; j < G_N_ELEMENTS (pages[i].shows) && pages[i].shows[j] != NULL; j++)
          assert_shows (page, pages[i].shows[j]);
        gtk_window_destroy (GTK_WINDOW (page));
      }
  }
}

/* A label drawn whose text has @data in it. */
static gboolean
shows_text_with (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

/* The history says what was said on a call: its notes' first lines,
 * "&" and all, under it; a 100,000-character note as its beginning. */
static void
test_history_notes (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *long_notes = g_malloc (NUDGE_MAX_NOTES_CHARS + 1);
  gint64 deal = nudge_test_add_titled_deal (f->store, "Okna Brno");
  NudgeRecordWindow *page;
  GtkWidget *label;
  const char *text;

  memset (long_notes, 'x', NUDGE_MAX_NOTES_CHARS);
  long_notes[NUDGE_MAX_NOTES_CHARS] = '\0';
  memcpy (long_notes, "Offer sent", 10);
  nudge_test_add_activity (f->store, "kind", "call", "deal-id", deal, "occurred-at", (gint64) T0 - 3600,
                           "body", "Wants 5 % off & free delivery\nDecides on Friday\n\n", NULL);
  nudge_test_add_activity (f->store, "kind", "email", "deal-id", deal, "occurred-at", (gint64) T0 - 7200,
                           "summary", "The offer", "body", long_notes, NULL);

  page = open_page (f, NUDGE_ENTITY_DEAL, deal);
  label = nudge_test_find (GTK_WIDGET (page), NUDGE_TEST_MAPPED, shows_text_with, "Wants 5 % off & free delivery");
  g_assert_nonnull (label);
  text = gtk_label_get_text (GTK_LABEL (label));
  g_assert_true (g_str_has_suffix (text, "from you\nWants 5 % off & free delivery\nDecides on Friday"));
  /* Titled "Call" by its kind, which its subtitle does not repeat. */
  g_assert_null (strstr (text, "Call"));

  label = nudge_test_find (GTK_WIDGET (page), NUDGE_TEST_MAPPED, shows_text_with, "Offer sent");
  g_assert_nonnull (label);
  text = gtk_label_get_text (GTK_LABEL (label));
  g_assert_true (g_str_has_suffix (text, "…"));
  g_assert_cmpuint (g_utf8_strlen (strstr (text, "Offer sent"), -1), ==, 241);
}

/* A record's own notes as long as the book takes (a 10 MB paste is
 * refused by the editor, 100,000 characters are not) are shown by their
 * beginning: the whole of them kept the page from opening for fifteen
 * seconds, and again after every change. The editor has them all. */
static void
test_long_notes (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *notes = g_malloc (NUDGE_MAX_NOTES_CHARS + 1);
  const char *entities[] = { "deal", "contact", "company" };
  NudgeRecordWindow *page;

  for (guint i = 0; i < NUDGE_MAX_NOTES_CHARS; i++)
    notes[i] = i % 100 == 99 ? '\n' : 'y';
  notes[NUDGE_MAX_NOTES_CHARS] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      gint64 id = i == 0 ? nudge_test_add_deal (f->store, "title", "Okna Brno", "notes", notes, NULL)
                  : i == 1 ? nudge_test_add_contact (f->store, "name", "Eva Malá", "notes", notes, NULL)
                  : nudge_test_add_company (f->store, "name", "Okna Brno s.r.o.", "notes", notes, NULL);
      const char *shown;

      page = open_page (f, i == 0 ? NUDGE_ENTITY_DEAL : i == 1 ? NUDGE_ENTITY_CONTACT : NUDGE_ENTITY_COMPANY, id);
      shown = row_subtitle (page, "Notes");
      g_assert_true (g_str_has_prefix (shown, "yyyy"));
      g_assert_true (g_str_has_suffix (shown, "…"));
      g_assert_cmpuint (strlen (shown), <, 2000);
      gtk_window_destroy (GTK_WINDOW (page));
    }
}

/* In Czech a day and a time read as Today says them, "Včera v 09:00",
 * in the history and the next steps alike — not "Včera 09:00", nor
 * "před 2 dny 17:08". */
static void
test_czech_day_and_time (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *po = g_build_filename (g_getenv ("NUDGE_BUILD_DIR"), "po", NULL);
  gint64 deal = nudge_test_add_titled_deal (f->store, "Okna Brno");
  g_autoptr(NudgeFollowup) call = nudge_followup_new ();
  g_autoptr(GError) error = NULL;
  NudgeRecordWindow *page;
  const char *wanted[] = { "Včera v 09:00 · Hovor · od vás", "Zítra v 14:30", NULL };

  if (!nudge_test_use_locale ("cs_CZ.UTF-8"))
    return;
  bindtextdomain (GETTEXT_PACKAGE, po);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* The app's own strings are in its default domain, as main.c sets it. */
  textdomain (GETTEXT_PACKAGE);
  nudge_test_add_activity (f->store, "kind", "call", "deal-id", deal, "summary", "Nabídka",
                           "occurred-at", nudge_test_prague (2026, 3, 1, 9, 0), NULL);
  g_object_set (call, "title", "Zavolat", "kind", "call", "deal-id", deal,
                "due-at", nudge_test_prague (2026, 3, 3, 14, 30), "tzid", "Europe/Prague", NULL);
  nudge_store_save_followup (f->store, call, &error);
  g_assert_no_error (error);

  page = open_page (f, NUDGE_ENTITY_DEAL, deal);
  for (guint i = 0; wanted[i] != NULL; i++)
    if (nudge_test_find (GTK_WIDGET (page), NUDGE_TEST_MAPPED, shows_text_with, wanted[i]) == NULL)
      {
        setlocale (LC_ALL, "C.UTF-8");
        g_error ("the page does not say “%s”", wanted[i]);
      }
  gtk_window_destroy (GTK_WINDOW (page));
  setlocale (LC_ALL, "C.UTF-8");
}

/* The labels of @model's items, sections flattened, "|"-separated. */
static void
menu_labels (GMenuModel *model,
             GString    *out)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      g_autofree char *label = NULL;

      if (section != NULL)
        {
          menu_labels (section, out);
          continue;
        }
      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_string_append_printf (out, "%s%s", out->len ? "|" : "", label);
    }
}

static NudgeDeal *
get_deal (Fixture *f,
          gint64   id)
{
  g_autoptr(GError) error = NULL;
  NudgeDeal *deal = nudge_store_get_deal (f->store, id, &error);

  g_assert_no_error (error);
  return deal;
}

/* A deal is moved on, won and lost from its own page, as on the board:
 * Lost asks why, and Undo puts it back. */
static void
test_move_from_page (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(NudgeStage) contact_made = nudge_store_find_stage (f->store, 0, "Contact made", NULL);
  g_autoptr(NudgeStage) won = nudge_store_find_stage (f->store, 0, "Won", NULL);
  g_autoptr(NudgeStage) lost = nudge_store_find_stage (f->store, 0, "Lost", NULL);
  g_autoptr(GString) labels = g_string_new (NULL);
  g_auto(GStrv) reasons = nudge_store_list_lost_reasons (f->store);
  g_autoptr(NudgeDeal) deal = NULL;
  gint64 id = nudge_test_add_deal (f->store, "title", "Okna Brno", NULL);
  g_autofree char *stage_sql = NULL;
  gint64 lead_in;
  NudgeRecordWindow *page;
  AdwMessageDialog *dialog;
  GtkWidget *button;

  deal = get_deal (f, id);
  lead_in = nudge_deal_get_stage_id (deal);
  g_clear_object (&deal);
  stage_sql = g_strdup_printf ("SELECT stage_id FROM deal WHERE id = %" G_GINT64_FORMAT, id);
  page = open_page (f, NUDGE_ENTITY_DEAL, id);

  /* Beside the stage: the other open stages, then won and lost in words. */
  button = nudge_test_find_named (GTK_WIDGET (page), "move-deal");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  menu_labels (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)), labels);
  g_assert_cmpstr (labels->str, ==, "Contact made|Needs analysis|Proposal sent|Negotiation|Mark as _Won…|Mark as _Lost…");

  /* On to the next stage, and back with Undo. */
  gtk_widget_activate_action (button, "record.move-to-stage", "x", nudge_stage_get_id (contact_made));
  deal = get_deal (f, id);
  g_assert_cmpint (nudge_deal_get_stage_id (deal), ==, nudge_stage_get_id (contact_made));
  g_clear_object (&deal);
  g_signal_emit_by_name (nudge_test_wait_button (GTK_WIDGET (page), "_Undo"), "clicked");
  nudge_test_wait_book_int (f->store, stage_sql, lead_in);

  /* Ctrl+Z takes a move back as the toast's Undo does. */
  button = nudge_test_find_named (GTK_WIDGET (page), "move-deal");
  gtk_widget_activate_action (button, "record.move-to-stage", "x", nudge_stage_get_id (contact_made));
  nudge_test_wait_button (GTK_WIDGET (page), "_Undo");
  g_assert_true (nudge_test_press_shortcut (GTK_WIDGET (page), "<Control>z"));
  nudge_test_wait_book_int (f->store, stage_sql, lead_in);

  /* Lost, with a reason. */
  button = nudge_test_find_named (GTK_WIDGET (page), "move-deal");
  gtk_widget_activate_action (button, "record.move-to-stage", "x", nudge_stage_get_id (lost));
  dialog = nudge_test_wait_message_dialog ();
  adw_combo_row_set_selected (ADW_COMBO_ROW (nudge_test_find_named (GTK_WIDGET (dialog), "reason")), 1);
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  nudge_test_spin (300);
  deal = get_deal (f, id);
  g_assert_cmpint (nudge_deal_get_status (deal), ==, NUDGE_DEAL_LOST);
  g_assert_cmpstr (nudge_deal_get_lost_reason (deal), ==, reasons[1]);
  g_clear_object (&deal);

  /* A lost deal may be won, or reopened in any open stage. */
  button = nudge_test_find_named (GTK_WIDGET (page), "move-deal");
  g_string_truncate (labels, 0);
  menu_labels (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)), labels);
  g_assert_cmpstr (labels->str, ==, "Lead in|Contact made|Needs analysis|Proposal sent|Negotiation|Mark as _Won…");
  gtk_widget_activate_action (button, "record.move-to-stage", "x", nudge_stage_get_id (won));
  dialog = nudge_test_wait_message_dialog ();
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  nudge_test_spin (300);
  deal = get_deal (f, id);
  g_assert_cmpint (nudge_deal_get_status (deal), ==, NUDGE_DEAL_WON);
}

/* Lost from the page with two open follow-ups: the dialog offers to
 * cancel them, switched on; they are cancelled with the close and the
 * toast's Undo brings them back. A deal with none is offered nothing. */
static void
test_close_cancels_followups (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(NudgeStage) lost = nudge_store_find_stage (f->store, 0, "Lost", NULL);
  g_autoptr(NudgeStage) won = nudge_store_find_stage (f->store, 0, "Won", NULL);
  g_autoptr(NudgeDeal) deal = NULL;
  gint64 id = nudge_test_add_deal (f->store, "title", "Okna Brno", NULL);
  gint64 bare = nudge_test_add_deal (f->store, "title", "Dveře Zlín", NULL);
  gint64 proposal = nudge_test_add_followup (f->store, id, "Send the proposal", nudge_clock_now () + 3600, NULL);
  gint64 call = nudge_test_add_followup (f->store, id, "Call back", nudge_clock_now () + 86400, "FREQ=WEEKLY");
  const char *open_sql = "SELECT COUNT(*) FROM followup WHERE status = 'open' AND deal_id = %" G_GINT64_FORMAT;
  NudgeRecordWindow *page;
  AdwMessageDialog *dialog;
  GtkWidget *toggle;
  GtkWidget *button;

  g_assert_cmpint (proposal, >, 0);
  g_assert_cmpint (call, >, 0);
  page = open_page (f, NUDGE_ENTITY_DEAL, id);
  button = nudge_test_find_named (GTK_WIDGET (page), "move-deal");
  gtk_widget_activate_action (button, "record.move-to-stage", "x", nudge_stage_get_id (lost));
  dialog = nudge_test_wait_message_dialog ();
  toggle = nudge_test_find_named (GTK_WIDGET (dialog), "cancel-followups");
  g_assert_nonnull (toggle);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_nonnull (nudge_test_find_row (GTK_WIDGET (dialog), "Cancel 2 open follow-ups"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Cancel 2 open follow-ups");
  nudge_test_save_shot (GTK_WIDGET (dialog), "close-deal-lost.png");
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  nudge_test_spin (300);
  deal = get_deal (f, id);
  g_assert_cmpint (nudge_deal_get_status (deal), ==, NUDGE_DEAL_LOST);
  g_clear_object (&deal);
  g_assert_cmpint (nudge_test_store_int (f->store, open_sql, id), ==, 0);

  /* The toast says so, and its Undo brings them back. */
  g_assert_nonnull (nudge_test_find_label (GTK_WIDGET (page), "“Okna Brno” lost, 2 follow-ups cancelled"));
  g_signal_emit_by_name (nudge_test_wait_button (GTK_WIDGET (page), "_Undo"), "clicked");
  nudge_test_spin (300);
  deal = get_deal (f, id);
  g_assert_cmpint (nudge_deal_get_status (deal), ==, NUDGE_DEAL_OPEN);
  g_clear_object (&deal);
  g_assert_cmpint (nudge_test_store_int (f->store, open_sql, id), ==, 2);

  /* Switched off, they stay open. */
  button = nudge_test_find_named (GTK_WIDGET (page), "move-deal");
  gtk_widget_activate_action (button, "record.move-to-stage", "x", nudge_stage_get_id (won));
  dialog = nudge_test_wait_message_dialog ();
  toggle = nudge_test_find_named (GTK_WIDGET (dialog), "cancel-followups");
  g_assert_nonnull (toggle);
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  nudge_test_spin (300);
  deal = get_deal (f, id);
  g_assert_cmpint (nudge_deal_get_status (deal), ==, NUDGE_DEAL_WON);
  g_clear_object (&deal);
  g_assert_cmpint (nudge_test_store_int (f->store, open_sql, id), ==, 2);
  gtk_window_destroy (GTK_WINDOW (page));

  /* Nothing open, nothing offered. */
  page = open_page (f, NUDGE_ENTITY_DEAL, bare);
  button = nudge_test_find_named (GTK_WIDGET (page), "move-deal");
  gtk_widget_activate_action (button, "record.move-to-stage", "x", nudge_stage_get_id (lost));
  dialog = nudge_test_wait_message_dialog ();
  g_assert_nonnull (nudge_test_find_named (GTK_WIDGET (dialog), "reason"));
  g_assert_null (nudge_test_find_named (GTK_WIDGET (dialog), "cancel-followups"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "deal-outcomes", NUDGE_TEST_FUNC (test_deal_outcomes) },
    { "markup-in-names", NUDGE_TEST_FUNC (test_markup_in_names) },
    { "move-from-page", NUDGE_TEST_FUNC (test_move_from_page) },
    { "close-cancels-followups", NUDGE_TEST_FUNC (test_close_cancels_followups) },
    { "history-notes", NUDGE_TEST_FUNC (test_history_notes) },
    { "long-notes", NUDGE_TEST_FUNC (test_long_notes) },
    { "czech-day-and-time", NUDGE_TEST_FUNC (test_czech_day_and_time) },
  };

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("TZ", "Europe/Prague", TRUE);
  /* The accessible names are read back (the test backend, no bus). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  nudge_test_add_table ("/ui/record-window/", Fixture, fixture_set_up, fixture_tear_down, cases);

  return g_test_run ();
}
