/* test-ui-search.c — the header bar's search over the whole book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "nudge-calendar-view.h"
#include "nudge-clock.h"
#include "nudge-demo.h"
#include "nudge-followup-editor.h"
#include "nudge-followups.h"
#include "nudge-list-view.h"
#include "nudge-pipeline-view.h"
#include "nudge-record-window.h"
#include "nudge-search-popover.h"
#include "nudge-search.h"
#include "nudge-store.h"
#include "nudge-test-core.h"
#include "nudge-today-view.h"
#include "nudge-window.h"
#include "nudge-test-ui.h"

typedef struct
{
  char               *dir;
  char               *path;
  NudgeStore         *store;
  NudgeWindow        *window;
  NudgeSearchPopover *search;
  gint64              rehor;
  gint64              offer;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeFollowup) followup = nudge_followup_new ();

  nudge_clock_pin (1772442000); /* 2026-03-02 10:00 in Prague */
  f->store = nudge_test_book_open ("ui-search", &f->dir, &f->path);

  nudge_test_add_demo (f->store, 0, 0, 0, 0, 0);

  /* Accents in the name only: the e-mail cannot be what matches. */
  f->rehor = nudge_test_add_contact (f->store, "name", "Řehoř Žlůva", "email", "rz@example.cz", NULL);
  g_object_set (followup, "title", "Připravit nabídku na sklady", "kind", "call",
                "due-at", nudge_clock_now () + 86400, "tzid", "Europe/Prague", NULL);
  f->offer = nudge_store_save_followup (f->store, followup, &error);
  g_assert_no_error (error);

  f->window = nudge_test_window_new (f->store, "today", 1280, 800);
  f->search = NUDGE_SEARCH_POPOVER (nudge_window_get_search (f->window));
  g_assert_nonnull (f->search);
  nudge_test_set_busy_check ((NudgeTestBusyFunc) nudge_search_popover_is_busy, f->search);
  nudge_test_spin (300);
}

static void
destroy_toplevels (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i - 1);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
        gtk_window_destroy (GTK_WINDOW (w));
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  nudge_test_set_busy_check (NULL, NULL);
  /* Closed first, as the user closes it: a tooltip of a row under the
   * pointer must not outlive its surface. */
  gtk_popover_popdown (GTK_POPOVER (f->search));
  nudge_test_spin (50);
  destroy_toplevels (NUDGE_TYPE_RECORD_WINDOW);
  destroy_toplevels (NUDGE_TYPE_FOLLOWUP_EDITOR);
  nudge_test_close (GTK_WIDGET (f->window), &f->store, &f->dir, &f->path);
}

static GtkEventController *
find_controller (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint i = nudge_test_model_find (controllers, (NudgeTestNameFunc) gtk_event_controller_get_name, name);
  g_autoptr(GtkEventController) controller = NULL;

  if (i == G_MAXUINT)
    return NULL;
  /* @widget holds it. */
  controller = g_list_model_get_item (controllers, i);
  return controller;
}

/* Whether the window binds @accelerator to @action, as the class's
 * shortcut controller holds it. */
static gboolean
has_shortcut (GtkWidget  *widget,
              const char *accelerator,
              const char *action)
{
  g_autoptr(GtkShortcut) shortcut = nudge_test_find_shortcut (widget, accelerator);
  GtkShortcutAction *a = shortcut != NULL ? gtk_shortcut_get_action (shortcut) : NULL;

  return GTK_IS_NAMED_ACTION (a) && g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (a)), action) == 0;
}

static void
type (Fixture    *f,
      const char *text)
{
  gtk_editable_set_text (nudge_search_popover_get_entry (f->search), text);
  nudge_test_spin (50);
  g_assert_false (nudge_search_popover_is_busy (f->search));
}

/* The position of the first result of @type named @name (a prefix), or -1. */
static int
find_result (Fixture    *f,
             GType       type,
             const char *name)
{
  for (guint i = 0; i < nudge_search_popover_get_n_results (f->search); i++)
    {
      GObject *item = nudge_search_popover_get_result (f->search, i);
      const char *item_name = NULL;

      if (!G_TYPE_CHECK_INSTANCE_TYPE (item, type))
        continue;
      if (NUDGE_IS_CONTACT (item))
        item_name = nudge_contact_get_name (NUDGE_CONTACT (item));
      else if (NUDGE_IS_DEAL (item))
        item_name = nudge_deal_get_title (NUDGE_DEAL (item));
      else if (NUDGE_IS_COMPANY (item))
        item_name = nudge_company_get_name (NUDGE_COMPANY (item));
      else
        item_name = nudge_followup_get_title (NUDGE_FOLLOWUP (item));
      if (g_str_has_prefix (item_name, name) || strstr (item_name, name) != NULL)
        return (int) i;
    }
  return -1;
}

static gboolean
entry_has_focus (Fixture *f)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (f->window));
  GtkWidget *entry = GTK_WIDGET (nudge_search_popover_get_entry (f->search));

  return focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry));
}

/* The shortcuts window is built when first asked for, not with the main
 * window, and is the same window the next time. */
static void
test_shortcuts_window (Fixture       *f,
                       gconstpointer  data)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (f->window);
  GtkShortcutsWindow *overlay;

  g_assert_null (gtk_application_window_get_help_overlay (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  nudge_test_spin (100);
  overlay = gtk_application_window_get_help_overlay (window);
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));

  gtk_window_close (GTK_WINDOW (overlay));
  nudge_test_spin (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  nudge_test_spin (100);
  g_assert_true (gtk_application_window_get_help_overlay (window) == overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  gtk_window_close (GTK_WINDOW (overlay));
}

static void
add_listed_key (GHashTable *keys,
                const char *key)
{
  g_autoptr(GtkShortcutTrigger) trigger = gtk_shortcut_trigger_parse_string (key);

  g_assert_nonnull (trigger);
  g_hash_table_add (keys, gtk_shortcut_trigger_to_string (trigger));
}

/* Adds each key of @accelerator ("<Alt>Left <Control>bracketleft", or a
 * range as "<Alt>1...5") to @keys, as GTK writes a trigger. */
static void
add_listed_keys (GHashTable *keys,
                 const char *accelerator)
{
  g_auto(GStrv) parts = g_strsplit (accelerator, " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *dots = strstr (parts[i], "...");

      if (dots == NULL)
        {
          add_listed_key (keys, parts[i]);
          continue;
        }
      /* "<Alt>1...5": <Alt>1, <Alt>2 … <Alt>5 */
      for (char c = dots[-1]; c <= dots[3]; c++)
        {
          g_autofree char *one = g_strdup_printf ("%.*s%c", (int) (dots - parts[i] - 1), parts[i], c);

          add_listed_key (keys, one);
        }
    }
}

/* Every key a view binds is in the shortcuts window: of the keys that do
 * the same thing (Alt+Left and Ctrl+[ in the Pipeline), at least one. */
static void
test_shortcuts_listed (Fixture       *f,
                       gconstpointer  data)
{
  static const struct { const char *name; GType (*type) (void); } views[] = {
    { "today", nudge_today_view_get_type },
    { "pipeline", nudge_pipeline_view_get_type },
    { "list", nudge_list_view_get_type },
    { "calendar", nudge_calendar_view_get_type },
  };
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) rows = NULL;
  GtkShortcutsWindow *overlay;
  guint n_checked = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL));
  nudge_test_spin (100);
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window));
  rows = nudge_test_find_all (GTK_WIDGET (overlay), nudge_test_is_of_type,
                              GSIZE_TO_POINTER (GTK_TYPE_SHORTCUTS_SHORTCUT));
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *accelerator = NULL;

      g_object_get (rows->pdata[i], "accelerator", &accelerator, NULL);
      if (accelerator != NULL)
        add_listed_keys (listed, accelerator);
    }
  g_assert_true (g_hash_table_contains (listed, "<Alt>3"));
  gtk_window_close (GTK_WINDOW (overlay));

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      g_autoptr(GHashTable) actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autoptr(GPtrArray) shortcuts = NULL;
      GtkWidget *view;
      GHashTableIter iter;
      gpointer action, found;

      nudge_window_show_view (f->window, views[v].name);
      nudge_test_spin (100);
      view = nudge_test_find_widget (GTK_WIDGET (f->window), views[v].type ());
      g_assert_nonnull (view);
      shortcuts = nudge_test_shortcuts (view);
      for (guint i = 0; i < shortcuts->len; i++)
        {
          GtkShortcut *shortcut = shortcuts->pdata[i];
          GVariant *args = gtk_shortcut_get_arguments (shortcut);
          g_autofree char *what = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));
          g_autofree char *with = args != NULL ? g_variant_print (args, FALSE) : NULL;
          char *key = g_strdup_printf ("%s (%s)", what, with ? with : "");
          char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          /* What does it, and one of the keys that do it, listed if any is. */
          found = g_hash_table_lookup (actions, key);
          if (found == NULL || !g_hash_table_contains (listed, found))
            g_hash_table_replace (actions, key, trigger);
          else
            {
              g_free (key);
              g_free (trigger);
            }
          n_checked++;
        }
      g_hash_table_iter_init (&iter, actions);
      while (g_hash_table_iter_next (&iter, &action, &found))
        if (!g_hash_table_contains (listed, found))
          g_error ("%s: %s does %s, and the shortcuts window does not say so", views[v].name,
                   (char *) found, (char *) action);
    }
  /* D, S, R on Today, the Pipeline's moves, Delete, the calendar's keys. */
  g_assert_cmpuint (n_checked, >=, 20);
}

/* Ctrl+F opens the search in every view, and "novak" finds Novák there. */
static void
test_every_view (Fixture       *f,
                 gconstpointer  data)
{
  static const char *const views[] = { "today", "pipeline", "list", "calendar", "insights" };

  g_assert_true (has_shortcut (GTK_WIDGET (f->window), "<Control>f", "win.search"));
  g_assert_true (has_shortcut (GTK_WIDGET (f->window), "<Shift><Control>f", "win.filter"));

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      int found;

      nudge_window_show_view (f->window, views[i]);
      nudge_test_spin (200);
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->search)));

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
      nudge_test_spin (100);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->search)));
      g_assert_true (entry_has_focus (f));

      type (f, "novak");
      found = find_result (f, NUDGE_TYPE_CONTACT, "");
      g_assert_cmpint (found, >=, 0);
      g_assert_nonnull (strstr (nudge_contact_get_name (NUDGE_CONTACT (nudge_search_popover_get_result (f->search, found))),
                                "Novák"));

      /* Escape closes it. */
      g_signal_emit_by_name (nudge_search_popover_get_entry (f->search), "stop-search");
      nudge_test_spin (100);
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->search)));
    }
}

/* One list, grouped by kind, accents aside; each row says what it is. */
static void
test_results (Fixture       *f,
              gconstpointer  data)
{
  guint n;
  int contact, followup, deal;
  GObject *previous = NULL;
  guint kind_changes = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));

  /* The name has accents, the e-mail not the words: only the folded
   * name can match. */
  type (f, "rehor zluva");
  contact = find_result (f, NUDGE_TYPE_CONTACT, "Řehoř Žlůva");
  g_assert_cmpint (contact, >=, 0);
  g_assert_cmpstr (nudge_search_popover_get_description (f->search, contact), ==, "rz@example.cz");
  g_assert_cmpstr (nudge_search_popover_get_accessible_name (f->search, contact), ==,
                   "Contact: Řehoř Žlůva, rz@example.cz");

  /* A follow-up by its title, with its due time. */
  type (f, "pripravit nabid");
  followup = find_result (f, NUDGE_TYPE_FOLLOWUP, "Připravit nabídku");
  g_assert_cmpint (followup, >=, 0);
  g_assert_true (g_str_has_prefix (nudge_search_popover_get_description (f->search, followup), "Tomorrow"));

  /* A broad word: all four kinds, each kind in one run. */
  type (f, "novak");
  n = nudge_search_popover_get_n_results (f->search);
  g_assert_cmpuint (n, >, 3);
  g_assert_cmpint (find_result (f, NUDGE_TYPE_CONTACT, ""), >=, 0);
  deal = find_result (f, NUDGE_TYPE_DEAL, "");
  for (guint i = 0; i < n; i++)
    {
      GObject *item = nudge_search_popover_get_result (f->search, i);

      if (previous != NULL && G_OBJECT_TYPE (previous) != G_OBJECT_TYPE (item))
        kind_changes++;
      previous = item;
    }
  g_assert_cmpint (find_result (f, NUDGE_TYPE_FOLLOWUP, ""), >=, 0);
  /* Deals come first, follow-ups last; each kind once. */
  g_assert_true (NUDGE_IS_FOLLOWUP (nudge_search_popover_get_result (f->search, n - 1)));
  if (deal >= 0)
    {
      NudgeDeal *d = NUDGE_DEAL (nudge_search_popover_get_result (f->search, deal));
      /* Whose deal it is, then where it stands. */
      g_autofree char *expected = g_strdup_printf ("Deal: %s, %s, %s", nudge_deal_get_title (d),
                                                   nudge_deal_get_company_name (d), nudge_deal_get_stage_name (d));
      g_autofree char *line = g_strdup_printf ("%s · %s", nudge_deal_get_company_name (d), nudge_deal_get_stage_name (d));

      g_assert_true (NUDGE_IS_DEAL (nudge_search_popover_get_result (f->search, 0)));
      g_assert_true (g_str_has_prefix (nudge_search_popover_get_accessible_name (f->search, deal), expected));
      g_assert_true (g_str_has_prefix (nudge_search_popover_get_description (f->search, deal), line));
    }
  g_assert_cmpuint (kind_changes, <=, 3);

  /* Nothing matches: no rows. */
  type (f, "qqqxxz");
  g_assert_cmpuint (nudge_search_popover_get_n_results (f->search), ==, 0);
}

/* While one types, the list keeps its height (no popup resize a
 * keystroke); once the typing pauses, it fits fewer results, with no
 * empty space under them. */
static void
test_fits_results (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *popover = GTK_WIDGET (f->search);
  GtkEditable *entry = nudge_search_popover_get_entry (f->search);
  int many, position;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  type (f, "z");
  nudge_test_spin (900);
  g_assert_cmpuint (nudge_search_popover_get_n_results (f->search), >, 5);
  many = gtk_widget_get_height (popover);

  /* Typed on, as keys do (set_text() would empty the entry first). */
  position = g_utf8_strlen (gtk_editable_get_text (entry), -1);
  gtk_editable_insert_text (entry, "luva", -1, &position);
  nudge_test_spin (50);
  g_assert_false (nudge_search_popover_is_busy (f->search));
  g_assert_cmpuint (nudge_search_popover_get_n_results (f->search), ==, 1);
  g_assert_cmpint (gtk_widget_get_height (popover), ==, many);

  nudge_test_spin (900);
  g_assert_cmpint (gtk_widget_get_height (popover), <, many - 100);
}

/* Enter opens the first result; arrows pick another. */
static void
test_open (Fixture       *f,
           gconstpointer  data)
{
  GtkWindow *card;
  GtkEventController *keys;
  gboolean handled = FALSE;
  GObject *second;

  nudge_window_show_view (f->window, "calendar");
  nudge_test_spin (200);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  type (f, "rehor");
  g_assert_true (NUDGE_IS_CONTACT (nudge_search_popover_get_result (f->search, 0)));
  g_signal_emit_by_name (nudge_search_popover_get_entry (f->search), "activate");
  nudge_test_spin (300);
  card = nudge_test_find_toplevel (NUDGE_TYPE_RECORD_WINDOW);
  g_assert_nonnull (card);
  g_assert_cmpstr (gtk_window_get_title (card), ==, "Řehoř Žlůva");
  g_assert_true (gtk_window_get_transient_for (card) == GTK_WINDOW (f->window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->search)));
  gtk_window_destroy (card);
  nudge_test_spin (50);

  /* Down, Down, Up, Down: the second result. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  type (f, "novak");
  g_assert_cmpuint (nudge_search_popover_get_n_results (f->search), >=, 2);
  second = nudge_search_popover_get_result (f->search, 1);
  keys = find_controller (GTK_WIDGET (nudge_search_popover_get_entry (f->search)), "nudge-search-keys");
  g_assert_nonnull (keys);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
  g_assert_true (handled);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Up, 0, 0, &handled);
  /* The first was selected when the results came: Down, Down, Up is the second. */
  g_signal_emit_by_name (nudge_search_popover_get_entry (f->search), "activate");
  nudge_test_spin (300);
  card = nudge_test_find_toplevel (NUDGE_IS_DEAL (second) || NUDGE_IS_CONTACT (second) || NUDGE_IS_COMPANY (second)
                        ? NUDGE_TYPE_RECORD_WINDOW : NUDGE_TYPE_FOLLOWUP_EDITOR);
  g_assert_nonnull (card);
  if (NUDGE_IS_DEAL (second))
    g_assert_cmpstr (gtk_window_get_title (card), ==, nudge_deal_get_title (NUDGE_DEAL (second)));
  else if (NUDGE_IS_CONTACT (second))
    g_assert_cmpstr (gtk_window_get_title (card), ==, nudge_contact_get_name (NUDGE_CONTACT (second)));
  gtk_window_destroy (card);
  nudge_test_spin (50);

  /* A company opens in its record window too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  type (f, "optika plzen");
  {
    int company = find_result (f, NUDGE_TYPE_COMPANY, "Optika");
    const char *name;

    g_assert_cmpint (company, >=, 0);
    name = nudge_company_get_name (NUDGE_COMPANY (nudge_search_popover_get_result (f->search, company)));
    g_assert_true (g_str_has_prefix (nudge_search_popover_get_accessible_name (f->search, company), "Company: "));
    nudge_search_popover_open_result (f->search, company);
    nudge_test_spin (300);
    card = nudge_test_find_toplevel (NUDGE_TYPE_RECORD_WINDOW);
    g_assert_nonnull (card);
    g_assert_cmpstr (gtk_window_get_title (card), ==, name);
    gtk_window_destroy (card);
    nudge_test_spin (50);
  }

  /* A follow-up opens in its editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  type (f, "pripravit nabidku");
  g_assert_true (NUDGE_IS_FOLLOWUP (nudge_search_popover_get_result (f->search, 0)));
  nudge_search_popover_open_result (f->search, 0);
  nudge_test_spin (300);
  g_assert_nonnull (nudge_test_find_toplevel (NUDGE_TYPE_FOLLOWUP_EDITOR));
}

/* Typing while no field has the focus starts the search with that key. */
static void
test_type_to_search (Fixture       *f,
                     gconstpointer  data)
{
  GtkEventController *keys = find_controller (GTK_WIDGET (f->window), "nudge-type-to-search");
  gboolean handled = FALSE;

  g_assert_nonnull (keys);
  nudge_window_show_view (f->window, "insights");
  nudge_test_spin (200);
  gtk_window_set_focus (GTK_WINDOW (f->window), NULL);

  /* Shortcuts are not typing. */
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_z, 0, GDK_CONTROL_MASK, &handled);
  g_assert_false (handled);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->search)));

  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_z, 0, 0, &handled);
  g_assert_true (handled);
  nudge_test_spin (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->search)));
  g_assert_true (entry_has_focus (f));
  g_assert_cmpstr (gtk_editable_get_text (nudge_search_popover_get_entry (f->search)), ==, "z");
  g_signal_emit_by_name (nudge_search_popover_get_entry (f->search), "stop-search");
  nudge_test_spin (100);

  /* Not while a text field has the focus: the List's filter keeps its keys. */
  nudge_window_show_view (f->window, "list");
  nudge_test_spin (200);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.filter", NULL));
  nudge_test_spin (50);
  g_assert_false (entry_has_focus (f));
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_q, 0, 0, &handled);
  g_assert_false (handled);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->search)));
}

static gboolean
is_shown_popover (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_POPOVER (widget) && gtk_widget_get_visible (widget);
}

static gboolean
close_visible_popover (GtkWidget *widget)
{
  GtkWidget *popover = nudge_test_find (widget, NUDGE_TEST_ANY, is_shown_popover, NULL);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  return popover != NULL;
}

/* Today's D, S and R act on the focused row; with none focused they are
 * the first letter of a search ("smith"). */
static void
test_today_letters (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *today = nudge_test_find_widget (GTK_WIDGET (f->window), NUDGE_TYPE_TODAY_VIEW);
  GtkWidget *row;

  g_assert_nonnull (today);
  nudge_test_set_busy_check (nudge_test_today_busy, today);
  nudge_test_spin (100);
  nudge_test_set_busy_check ((NudgeTestBusyFunc) nudge_search_popover_is_busy, f->search);
  g_assert_true (nudge_today_view_is_loaded (NUDGE_TODAY_VIEW (today)));
  gtk_window_set_focus (GTK_WINDOW (f->window), NULL);
  g_assert_false (nudge_test_press_shortcut (today, "s"));
  g_assert_false (nudge_test_press_shortcut (today, "d"));

  row = nudge_test_find_widget (today, GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_grab_focus (row));
  g_assert_true (nudge_test_press_shortcut (today, "r"));
  nudge_test_spin (100);
  /* The row's Reschedule popover opened; not the search. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->search)));
  g_assert_true (close_visible_popover (today));
  nudge_test_spin (100);
}

static gboolean
results_name (Fixture    *f,
              const char *needle)
{
  for (guint i = 0; i < nudge_search_popover_get_n_results (f->search); i++)
    {
      GObject *item = nudge_search_popover_get_result (f->search, i);

      if (NUDGE_IS_CONTACT (item) && strstr (nudge_contact_get_name (NUDGE_CONTACT (item)), needle))
        return TRUE;
    }
  return FALSE;
}

/* A query typed over a running one: the older is dropped, its results
 * never shown, not even for a frame. */
static void
test_stale (Fixture       *f,
            gconstpointer  data)
{
  GtkEditable *entry = nudge_search_popover_get_entry (f->search);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  type (f, "rehor");
  g_assert_true (results_name (f, "Řehoř"));

  /* Several keystrokes in one go, no result in between. */
  gtk_editable_set_text (entry, "n");
  gtk_editable_set_text (entry, "no");
  gtk_editable_set_text (entry, "novak");
  gtk_editable_set_text (entry, "zluv");
  g_assert_true (nudge_search_popover_is_busy (f->search));
  while (nudge_search_popover_is_busy (f->search) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_false (results_name (f, "Novák"));
      g_assert_false (results_name (f, "Nováková"));
    }
  g_assert_false (nudge_search_popover_is_busy (f->search));
  nudge_test_spin (300);
  g_assert_false (results_name (f, "Novák"));
  g_assert_true (results_name (f, "Žlůva"));
  g_assert_cmpuint (nudge_search_popover_get_n_results (f->search), ==, 1);

  /* Enter before the results came opens the first once they are in. */
  gtk_editable_set_text (entry, "rehor");
  g_signal_emit_by_name (entry, "activate");
  nudge_test_spin (300);
  g_assert_nonnull (nudge_test_find_toplevel (NUDGE_TYPE_RECORD_WINDOW));
}

/* What searching @f's book for @text finds among @kinds, @per_kind at
 * most of each. */
static GPtrArray *
search (Fixture          *f,
        const char       *text,
        NudgeSearchKinds  kinds,
        guint             per_kind)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *found = nudge_search_records (f->store, text, kinds, per_kind, NULL, &error);

  g_assert_no_error (error);
  return found;
}

/* Searching @f's follow-ups for @text, @per_kind at most, finds the
 * @n_ids follow-ups whose ids come after it (gint64), in that order. */
static void
assert_finds_followups (Fixture    *f,
                        const char *text,
                        guint       per_kind,
                        guint       n_ids,
                        ...)
{
  g_autoptr(GPtrArray) found = search (f, text, NUDGE_SEARCH_FOLLOWUPS, per_kind);
  va_list ids;

  g_assert_cmpuint (found->len, ==, n_ids);
  va_start (ids, n_ids);
  for (guint i = 0; i < n_ids; i++)
    g_assert_cmpint (nudge_followup_get_id (g_ptr_array_index (found, i)), ==, va_arg (ids, gint64));
  va_end (ids);
}

/* The core the popover and the follow-up editor's picker share. */
static void
test_core (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_assert_true (nudge_search_title_matches ("Připravit nabídku", "pripr NABID"));
  g_assert_true (nudge_search_title_matches ("Zavolat do Łodzi", "lodz"));
  g_assert_false (nudge_search_title_matches ("Připravit nabídku", "nabidka"));
  g_assert_false (nudge_search_title_matches ("Připravit nabídku", ""));

  found = search (f, "novak", NUDGE_SEARCH_CONTACTS, 3);
  g_assert_cmpuint (found->len, ==, 3);
  for (guint i = 0; i < found->len; i++)
    g_assert_true (NUDGE_IS_CONTACT (g_ptr_array_index (found, i)));
  g_clear_pointer (&found, g_ptr_array_unref);

  found = search (f, "", NUDGE_SEARCH_ALL, 5);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Follow-ups: soonest first, by title or by the record they are for. */
  {
    static const struct { const char *title; int days; gboolean for_rehor; } plan[] = {
      { "Zkontrolovat sklad v Ostravě", 3, FALSE },
      { "Zkontrolovat sklad v Brně", 1, FALSE },
      { "Call back", 2, TRUE },
    };
    gint64 ids[G_N_ELEMENTS (plan)];

    for (guint i = 0; i < G_N_ELEMENTS (plan); i++)
      {
        g_autoptr(NudgeFollowup) followup = nudge_followup_new ();

        g_object_set (followup, "title", plan[i].title, "kind", "task",
                      "due-at", nudge_clock_now () + plan[i].days * 86400, "tzid", "Europe/Prague",
                      "contact-id", plan[i].for_rehor ? f->rehor : (gint64) 0, NULL);
        ids[i] = nudge_store_save_followup (f->store, followup, &error);
        g_assert_no_error (error);
      }
    assert_finds_followups (f, "zkontrolovat sklad", 5, 2, ids[1], ids[0]);
    assert_finds_followups (f, "zluva", 5, 1, ids[2]);
    /* At most @per_kind. */
    assert_finds_followups (f, "zkontrolovat", 1, 1, ids[1]);

    /* The title's index follows a rename, without the accents; a
     * follow-up done is no longer found. */
    nudge_test_rename_followup (f->store, ids[0], "Objednat palety do Ostravy");
    assert_finds_followups (f, "zkontrolovat", 5, 1, ids[1]);
    assert_finds_followups (f, "palety ostravy", 5, 1, ids[0]);
    g_assert_true (nudge_followups_complete (f->store, ids[0], 0, &error));
    g_assert_no_error (error);
    assert_finds_followups (f, "palety", 5, 0);
  }

  g_cancellable_cancel (cancellable);
  found = nudge_search_records (f->store, "novak", NUDGE_SEARCH_ALL, 5, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (found);
}

int
main (int   argc,
      char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "every-view", NUDGE_TEST_FUNC (test_every_view) },
    { "shortcuts-window", NUDGE_TEST_FUNC (test_shortcuts_window) },
    { "shortcuts-listed", NUDGE_TEST_FUNC (test_shortcuts_listed) },
    { "results", NUDGE_TEST_FUNC (test_results) },
    { "fits-results", NUDGE_TEST_FUNC (test_fits_results) },
    { "open", NUDGE_TEST_FUNC (test_open) },
    { "type-to-search", NUDGE_TEST_FUNC (test_type_to_search) },
    { "today-letters", NUDGE_TEST_FUNC (test_today_letters) },
    { "stale", NUDGE_TEST_FUNC (test_stale) },
    { "core", NUDGE_TEST_FUNC (test_core) },
  };

  nudge_test_init_environment (NULL);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  nudge_test_add_table ("/ui/search/", Fixture, fixture_set_up, fixture_tear_down, cases);

  return g_test_run ();
}
