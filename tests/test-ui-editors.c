/* test-ui-editors.c — creating and editing records through the forms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "nudge-clock.h"
#include "nudge-demo.h"
#include "nudge-followups.h"
#include "nudge-record-editor.h"
#include "nudge-record-window.h"
#include "nudge-timeline.h"
#include "nudge-list-view.h"
#include "nudge-window.h"
#include "nudge-test-ui.h"

typedef struct
{
  char       *dir;
  char       *path;
  NudgeStore *store;
  GtkWidget  *parent;
} Fixture;

static gboolean
find_label (GtkWidget  *widget,
            const char *text)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) == 0)
    return TRUE;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (find_label (child, text))
      return TRUE;
  return FALSE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("nudge-ui-editors-XXXXXX", &error);
  f->path = g_build_filename (f->dir, "nudge.db", NULL);
  f->store = nudge_store_open (f->path, &error);
  g_assert_no_error (error);
  f->parent = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (f->parent));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  nudge_test_set_busy_check (NULL, NULL);

  gtk_window_destroy (GTK_WINDOW (f->parent));
  nudge_test_spin (50);
  g_clear_object (&f->store);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static guint
count_deals (NudgeStore *store)
{
  g_autoptr(GPtrArray) deals = nudge_store_list_deals (store, NULL);
  return deals->len;
}

static void
test_create_deal (Fixture       *f,
                  gconstpointer  data)
{
  NudgeRecordEditor *editor = nudge_record_editor_present (GTK_WINDOW (f->parent), f->store, NUDGE_ENTITY_DEAL, 0);
  g_autoptr(GPtrArray) deals = NULL;
  NudgeDeal *deal;
  gint64 id;

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  nudge_record_editor_set_field (editor, "title", "Fleet tracking, 25 vans");
  nudge_record_editor_set_field (editor, "company", "Kovárna Brno s.r.o.");
  nudge_record_editor_set_field (editor, "contact", "Petra Dvořáková");
  nudge_record_editor_set_field (editor, "currency", "CZK");

  /* Not an amount: refused, the form stays, nothing is written. */
  nudge_record_editor_set_field (editor, "amount", "twelve thousand");
  g_assert_cmpint (nudge_record_editor_save (editor), ==, 0);
  g_assert_nonnull (editor);
  g_assert_nonnull (strstr (nudge_record_editor_get_error (editor), "is not an amount"));
  g_assert_cmpuint (count_deals (f->store), ==, 0);
  g_assert_cmpint (nudge_store_find_company_by_name (f->store, "Kovárna Brno s.r.o."), ==, 0);

  nudge_record_editor_set_field (editor, "amount", "12 500,50");
  id = nudge_record_editor_save (editor);
  nudge_test_spin (50);
  g_assert_cmpint (id, >, 0);
  g_assert_null (editor);

  deals = nudge_store_list_deals (f->store, NULL);
  g_assert_cmpuint (deals->len, ==, 1);
  deal = g_ptr_array_index (deals, 0);
  g_assert_cmpint (nudge_deal_get_amount_minor (deal), ==, 1250050);
  g_assert_cmpstr (nudge_deal_get_currency (deal), ==, "CZK");
  g_assert_cmpstr (nudge_deal_get_company_name (deal), ==, "Kovárna Brno s.r.o.");
  g_assert_cmpstr (nudge_deal_get_contact_name (deal), ==, "Petra Dvořáková");
  g_assert_cmpstr (nudge_deal_get_stage_name (deal), ==, "Lead in");

  /* Found by search, as the List view finds it. */
  {
    g_autoptr(GError) search_error = NULL;
    g_autoptr(GArray) hits = nudge_store_search (f->store, NUDGE_ENTITY_DEAL, "kovarna flee", 0, &search_error);
    g_assert_no_error (search_error);
    g_assert_nonnull (hits);
    g_assert_cmpuint (hits->len, ==, 1);
  }
}

static void
test_huge_notes (Fixture       *f,
                 gconstpointer  data)
{
  NudgeRecordEditor *editor = nudge_record_editor_present (GTK_WINDOW (f->parent), f->store, NUDGE_ENTITY_CONTACT, 0);
  g_autofree char *notes = g_malloc (10 * 1024 * 1024 + 1);
  g_autoptr(GPtrArray) contacts = NULL;

  memset (notes, 'x', 10 * 1024 * 1024);
  notes[10 * 1024 * 1024] = '\0';
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  nudge_record_editor_set_field (editor, "name", "Олена Шевченко");
  nudge_record_editor_set_field (editor, "notes", notes);
  g_assert_cmpint (nudge_record_editor_save (editor), ==, 0);
  g_assert_nonnull (editor);
  g_assert_nonnull (strstr (nudge_record_editor_get_error (editor), "too long"));
  contacts = nudge_store_list_contacts (f->store, NULL);
  g_assert_cmpuint (contacts->len, ==, 0);
  nudge_test_set_busy_check (NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_card_and_logging (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(NudgeDeal) deal = nudge_deal_new ();
  g_autoptr(NudgeFollowup) call = nudge_followup_new ();
  g_autoptr(NudgeFollowup) after = NULL;
  g_autoptr(GError) error = NULL;
  NudgeRecordWindow *card;
  gint64 deal_id, followup_id;

  g_object_set (deal, "title", "ERP upgrade", "currency", "PLN", NULL);
  deal_id = nudge_store_save_deal (f->store, deal, &error);
  g_object_set (call, "title", "Call about the offer", "kind", "call", "deal-id", deal_id,
                "due-at", nudge_clock_now () - 3600, "tzid", "Europe/Prague", NULL);
  followup_id = nudge_store_save_followup (f->store, call, &error);
  g_assert_no_error (error);

  card = nudge_record_window_present (GTK_WINDOW (f->parent), f->store, NUDGE_ENTITY_DEAL, deal_id);
  nudge_test_spin (100);
  g_assert_true (find_label (GTK_WIDGET (card), "Call about the offer"));
  g_assert_true (find_label (GTK_WIDGET (card), "Created in Lead in"));

  /* Logging the call closes the follow-up that asked for it, and the
   * card shows it in the history. */
  g_assert_cmpint (nudge_log_activity (f->store, deal_id, 0, "call", FALSE, nudge_clock_now (),
                                       "Agreed on a demo next week", "", &error), >, 0);
  g_assert_no_error (error);
  nudge_test_spin (400);
  g_assert_true (find_label (GTK_WIDGET (card), "Agreed on a demo next week"));
  after = nudge_store_get_followup (f->store, followup_id, &error);
  g_assert_cmpstr (nudge_followup_get_status (after), ==, "done");
  g_assert_true (find_label (GTK_WIDGET (card), "No next step"));

  /* Opening it again raises the same card. */
  g_assert_true (nudge_record_window_present (GTK_WINDOW (f->parent), f->store, NUDGE_ENTITY_DEAL, deal_id) == card);
  nudge_test_set_busy_check (NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (card));
}

static NudgeRecordEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (NUDGE_IS_RECORD_EDITOR (window))
        return NUDGE_RECORD_EDITOR (window);
    }
  return NULL;
}

static void
test_edit_deal (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(NudgeDeal) deal = nudge_deal_new ();
  g_autoptr(NudgeDeal) saved = NULL;
  g_autoptr(GError) error = NULL;
  NudgeRecordEditor *editor;
  gint64 deal_id;

  g_object_set (deal, "title", "Warehouse scanners", "currency", "UAH", NULL);
  deal_id = nudge_store_save_deal (f->store, deal, &error);
  g_assert_no_error (error);
  saved = nudge_store_get_deal (f->store, deal_id, &error);
  g_assert_no_error (error);

  g_assert_null (find_editor ());
  nudge_deal_editor_present (GTK_WINDOW (f->parent), f->store, saved);
  editor = find_editor ();
  g_assert_nonnull (editor);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);

  /* An empty title is refused and the stored deal keeps its own. */
  nudge_record_editor_set_field (editor, "title", "");
  g_assert_cmpint (nudge_record_editor_save (editor), ==, 0);
  g_assert_nonnull (editor);

  nudge_record_editor_set_field (editor, "title", "Warehouse scanners, 40 units");
  g_assert_cmpint (nudge_record_editor_save (editor), ==, deal_id);
  nudge_test_spin (50);
  g_assert_null (editor);
  g_clear_object (&saved);
  saved = nudge_store_get_deal (f->store, deal_id, &error);
  g_assert_cmpstr (nudge_deal_get_title (saved), ==, "Warehouse scanners, 40 units");
  g_assert_cmpstr (nudge_deal_get_currency (saved), ==, "UAH");
}

/* The whole path on a sample book: a deal made in the form is found by
 * the List view's search and is in the database. */
static void
test_end_to_end (Fixture       *f,
                 gconstpointer  data)
{
  NudgeDemoOptions options;
  g_autoptr(GError) error = NULL;
  NudgeWindow *window;
  NudgeListView *view;
  NudgeRecordEditor *editor;
  GtkWidget *entry;
  GListModel *deals;
  guint before;
  gint64 id;
  gboolean found = FALSE;

  nudge_demo_options_init (&options);
  g_assert_true (nudge_demo_generate (f->store, &options, &error));
  g_assert_no_error (error);
  before = count_deals (f->store);

  window = nudge_window_new (NULL, f->store);
  nudge_window_show_view (window, "list");
  gtk_window_present (GTK_WINDOW (window));
  view = NUDGE_LIST_VIEW (nudge_test_find_widget (GTK_WIDGET (window), NUDGE_TYPE_LIST_VIEW));
  nudge_test_set_busy_check ((NudgeTestBusyFunc) nudge_list_view_is_busy, view);
  g_assert_nonnull (view);
  nudge_list_view_set_segment (view, NUDGE_SEGMENT_ALL);
  nudge_test_spin (300);

  editor = nudge_record_editor_present (GTK_WINDOW (window), f->store, NUDGE_ENTITY_DEAL, 0);
  nudge_record_editor_set_field (editor, "title", "Zebra crossing sensors");
  nudge_record_editor_set_field (editor, "company", "Silniční senzory a.s.");
  nudge_record_editor_set_field (editor, "currency", "CZK");
  nudge_record_editor_set_field (editor, "amount", "480 000");
  id = nudge_record_editor_save (editor);
  g_assert_cmpint (id, >, 0);
  nudge_test_spin (200);
  g_assert_cmpuint (count_deals (f->store), ==, before + 1);

  entry = nudge_test_find_widget (GTK_WIDGET (view), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "zebra sens");
  nudge_test_spin (500);
  deals = nudge_list_view_get_model (view, NUDGE_ENTITY_DEAL);
  g_assert_cmpuint (g_list_model_get_n_items (deals), >=, 1);
  for (guint i = 0; i < g_list_model_get_n_items (deals); i++)
    {
      g_autoptr(NudgeDeal) deal = g_list_model_get_item (deals, i);

      if (nudge_deal_get_id (deal) == id)
        {
          found = TRUE;
          g_assert_cmpint (nudge_deal_get_amount_minor (deal), ==, 48000000);
          g_assert_cmpstr (nudge_deal_get_company_name (deal), ==, "Silniční senzory a.s.");
        }
    }
  g_assert_true (found);
  g_assert_cmpint (nudge_store_find_company_by_name (f->store, "Silniční senzory a.s."), >, 0);

  nudge_test_set_busy_check (NULL, NULL);

  gtk_window_destroy (GTK_WINDOW (window));
  nudge_test_spin (50);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("TZ", "Europe/Prague", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/editors/create-deal", Fixture, NULL, fixture_set_up, test_create_deal, fixture_tear_down);
  g_test_add ("/ui/editors/edit-deal", Fixture, NULL, fixture_set_up, test_edit_deal, fixture_tear_down);
  g_test_add ("/ui/editors/huge-notes", Fixture, NULL, fixture_set_up, test_huge_notes, fixture_tear_down);
  g_test_add ("/ui/editors/card-and-logging", Fixture, NULL, fixture_set_up, test_card_and_logging, fixture_tear_down);
  g_test_add ("/ui/editors/end-to-end", Fixture, NULL, fixture_set_up, test_end_to_end, fixture_tear_down);

  return g_test_run ();
}
