/* test-search-provider.c — GNOME Shell's search over D-Bus: a private
 * session bus, the provider on one connection, the "Shell" on another
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "nudge-search-provider.h"
#include "nudge-store.h"
#include "nudge-test-core.h"

#define PATH "/io/github/nudgecrm/Nudge/SearchProvider"
#define IFACE "org.gnome.Shell.SearchProvider2"

typedef struct
{
  GTestDBus           *bus;
  char                *dir;
  char                *path;
  NudgeStore          *store;
  NudgeSearchProvider *provider;
  GDBusConnection     *app;
  GDBusConnection     *shell;
  int                  activated_entity;
  gint64               activated_id;
  char                *launched;
} Fixture;

static NudgeStore *
get_store (gpointer data)
{
  return ((Fixture *) data)->store;
}

static void
activate_cb (NudgeSearchProvider *provider,
             int                  entity,
             gint64               id,
             guint32              timestamp,
             Fixture             *f)
{
  f->activated_entity = entity;
  f->activated_id = id;
}

static void
launch_cb (NudgeSearchProvider *provider,
           const char          *text,
           guint32              timestamp,
           Fixture             *f)
{
  g_free (f->launched);
  f->launched = g_strdup (text);
}

static gint64
add_contact (Fixture    *f,
             const char *name,
             const char *email,
             gint64      company_id)
{
  return nudge_test_add_contact (f->store, "name", name, "email", email, "company-id", company_id, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeCompany) company = nudge_company_new ();
  g_autoptr(NudgeDeal) deal = nudge_deal_new ();
  g_autofree char *address = NULL;
  gint64 company_id, contact_id;

  f->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (f->bus);
  address = g_strdup (g_test_dbus_get_bus_address (f->bus));
  f->app = g_dbus_connection_new_for_address_sync (address, G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                   G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                   NULL, NULL, &error);
  g_assert_no_error (error);
  f->shell = g_dbus_connection_new_for_address_sync (address, G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                     G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                     NULL, NULL, &error);
  g_assert_no_error (error);

  f->store = nudge_test_book_open ("search-provider", &f->dir, &f->path);

  g_object_set (company, "name", "Strojírny Přerov a.s.", NULL);
  company_id = nudge_store_save_company (f->store, company, &error);
  g_assert_no_error (error);
  contact_id = add_contact (f, "Jan Novák", "jan.novak@example.cz", company_id);
  add_contact (f, "Petra Nováková", "petra@example.cz", 0);
  add_contact (f, "Olena Shevchenko", "olena@example.ua", 0);
  g_object_set (deal, "title", "Licence CRM", "company-id", company_id, "contact-id", contact_id,
                "amount-minor", (gint64) 1250000, "has-amount", TRUE, "currency", "CZK", NULL);
  nudge_store_save_deal (f->store, deal, &error);
  g_assert_no_error (error);

  f->provider = nudge_search_provider_new (get_store, f);
  g_signal_connect (f->provider, "activate-result", G_CALLBACK (activate_cb), f);
  g_signal_connect (f->provider, "launch-search", G_CALLBACK (launch_cb), f);
  g_assert_true (nudge_search_provider_register (f->provider, f->app, PATH, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->provider);
  g_clear_object (&f->store);
  g_dbus_connection_close_sync (f->app, NULL, NULL);
  g_dbus_connection_close_sync (f->shell, NULL, NULL);
  g_clear_object (&f->app);
  g_clear_object (&f->shell);
  g_test_dbus_down (f->bus);
  g_clear_object (&f->bus);
  nudge_test_book_close (&f->store, &f->dir, &f->path);
  g_free (f->launched);
}

static void
call_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GVariant **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  g_assert_no_error (error);
}

/* As the Shell calls it: asynchronously, while the provider's main loop
 * (the same one here) answers. */
static GVariant *
call (Fixture    *f,
      const char *method,
      GVariant   *parameters)
{
  GVariant *reply = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_dbus_connection_call (f->shell, g_dbus_connection_get_unique_name (f->app), PATH, IFACE, method,
                          parameters, NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, call_done_cb, &reply);
  while (reply == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  return reply;
}

static GVariant *
terms (const char *first,
       ...)
{
  GVariantBuilder builder;
  va_list args;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("as"));
  va_start (args, first);
  for (const char *t = first; t != NULL; t = va_arg (args, const char *))
    g_variant_builder_add (&builder, "s", t);
  va_end (args);
  return g_variant_builder_end (&builder);
}

/* "novak" finds both Nováks (accents aside) and the deal of Jan's
 * company; the metas say what each is. */
static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) metas = NULL;
  g_autoptr(GVariant) sub = NULL;
  g_autofree const char **ids = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  GVariant *meta;
  guint n_metas = 0;
  gboolean saw_jan = FALSE;

  reply = call (f, "GetInitialResultSet", g_variant_new ("(@as)", terms ("novak", NULL)));
  g_variant_get (reply, "(^a&s)", &ids);
  g_assert_cmpuint (g_strv_length ((char **) ids), ==, 3);
  g_assert_true (g_strv_contains (ids, "deal:1"));
  g_assert_true (g_strv_contains (ids, "contact:1"));
  g_assert_true (g_strv_contains (ids, "contact:2"));

  metas = call (f, "GetResultMetas", g_variant_new ("(@as)", g_variant_new_strv (ids, -1)));
  g_variant_get (metas, "(aa{sv})", &iter);
  while ((meta = g_variant_iter_next_value (iter)))
    {
      const char *id = NULL, *name = NULL, *description = NULL, *icon = NULL;

      g_assert_true (g_variant_lookup (meta, "id", "&s", &id));
      g_assert_true (g_variant_lookup (meta, "name", "&s", &name));
      g_assert_true (g_variant_lookup (meta, "description", "&s", &description));
      g_assert_true (g_variant_lookup (meta, "gicon", "&s", &icon));
      if (g_str_equal (id, "contact:1"))
        {
          saw_jan = TRUE;
          g_assert_cmpstr (name, ==, "Jan Novák");
          g_assert_nonnull (strstr (description, "Strojírny Přerov a.s."));
          g_assert_nonnull (strstr (description, "jan.novak@example.cz"));
        }
      if (g_str_equal (id, "deal:1"))
        g_assert_nonnull (strstr (description, "no next step"));
      n_metas++;
      g_variant_unref (meta);
    }
  g_assert_cmpuint (n_metas, ==, 3);
  g_assert_true (saw_jan);

  /* Typing on narrows it. */
  sub = call (f, "GetSubsearchResultSet",
              g_variant_new ("(@as@as)", g_variant_new_strv (ids, -1), terms ("novak", "petra", NULL)));
  {
    g_autofree const char **narrowed = NULL;

    g_variant_get (sub, "(^a&s)", &narrowed);
    g_assert_cmpuint (g_strv_length ((char **) narrowed), ==, 1);
    g_assert_cmpstr (narrowed[0], ==, "contact:2");
  }
}

/* Metas of results the provider has not kept (the Shell may ask after a
 * restart) are read from the book. */
static void
test_metas_unknown (Fixture       *f,
                    gconstpointer  data)
{
  const char *ids[] = { "contact:3", "company:1", "nonsense", NULL };
  g_autoptr(GVariant) metas = call (f, "GetResultMetas", g_variant_new ("(@as)", g_variant_new_strv (ids, -1)));
  g_autoptr(GVariant) list = g_variant_get_child_value (metas, 0);

  g_assert_cmpuint (g_variant_n_children (list), ==, 2);
}

static void
test_activate (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GVariant) a = call (f, "ActivateResult", g_variant_new ("(s@asu)", "deal:1", terms ("licence", NULL), 0));
  g_autoptr(GVariant) b = NULL;

  g_assert_cmpint (f->activated_entity, ==, NUDGE_ENTITY_DEAL);
  g_assert_cmpint (f->activated_id, ==, 1);
  b = call (f, "LaunchSearch", g_variant_new ("(@asu)", terms ("jan", "nov", NULL), 0));
  g_assert_cmpstr (f->launched, ==, "jan nov");
}

int
main (int argc, char *argv[])
{
  static const NudgeTestCase cases[] = {
    { "search", NUDGE_TEST_FUNC (test_search) },
    { "metas-unknown", NUDGE_TEST_FUNC (test_metas_unknown) },
    { "activate", NUDGE_TEST_FUNC (test_activate) },
  };

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);
  nudge_test_add_table ("/core/search-provider/", Fixture, fixture_set_up, fixture_tear_down, cases);
  return g_test_run ();
}
