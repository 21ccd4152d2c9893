/* nudge-search-provider.c — deals, contacts and companies in GNOME
 * Shell's search
 *
 * org.gnome.Shell.SearchProvider2 on the application's own bus name: the
 * Shell asks while the user types in the overview, whether Nudge runs
 * with its window, only in the background, or not at all (D-Bus starts
 * it). Each answer is one search on a worker, so the window (when there
 * is one) never waits; what was found is kept for the result metas the
 * Shell asks for next. Activating a result emits ::activate-result, for
 * the application to open the record; "more results" emits
 * ::launch-search.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-search-provider"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "nudge-clock.h"
#include "nudge-records.h"
#include "nudge-search.h"
#include "nudge-search-provider.h"
#include "nudge-worker.h"

/* The Shell shows a few results per provider. */
#define RESULTS_PER_KIND 5

struct _NudgeSearchProvider
{
  GObject                       parent_instance;

  NudgeSearchProviderStoreFunc  get_store;
  gpointer                      get_store_data;
  GDBusConnection              *connection;
  guint                         registration_id;
  GHashTable                   *found;        /* result id -> NudgeSearchResult */
};

G_DEFINE_FINAL_TYPE (NudgeSearchProvider, nudge_search_provider, G_TYPE_OBJECT)

enum {
  ACTIVATE_RESULT,
  LAUNCH_SEARCH,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.gnome.Shell.SearchProvider2'>"
  "    <method name='GetInitialResultSet'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetSubsearchResultSet'>"
  "      <arg type='as' name='previous_results' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetResultMetas'>"
  "      <arg type='as' name='identifiers' direction='in'/>"
  "      <arg type='aa{sv}' name='metas' direction='out'/>"
  "    </method>"
  "    <method name='ActivateResult'>"
  "      <arg type='s' name='identifier' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "    <method name='LaunchSearch'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

/* "deal:12", "contact:5", "company:3" */
static char *
result_id (GObject *item)
{
  if (NUDGE_IS_DEAL (item))
    return g_strdup_printf ("deal:%" G_GINT64_FORMAT, nudge_deal_get_id (NUDGE_DEAL (item)));
  if (NUDGE_IS_CONTACT (item))
    return g_strdup_printf ("contact:%" G_GINT64_FORMAT, nudge_contact_get_id (NUDGE_CONTACT (item)));
  return g_strdup_printf ("company:%" G_GINT64_FORMAT, nudge_company_get_id (NUDGE_COMPANY (item)));
}

static gboolean
parse_result_id (const char  *id,
                 NudgeEntity *out_entity,
                 gint64      *out_id)
{
  const char *colon = id ? strchr (id, ':') : NULL;
  char *end = NULL;

  if (colon == NULL)
    return FALSE;
  if (g_str_has_prefix (id, "deal:"))
    *out_entity = NUDGE_ENTITY_DEAL;
  else if (g_str_has_prefix (id, "contact:"))
    *out_entity = NUDGE_ENTITY_CONTACT;
  else if (g_str_has_prefix (id, "company:"))
    *out_entity = NUDGE_ENTITY_COMPANY;
  else
    return FALSE;
  *out_id = g_ascii_strtoll (colon + 1, &end, 10);
  return end != NULL && *end == '\0' && *out_id > 0;
}

static const char *
result_icon (GObject *item)
{
  if (NUDGE_IS_DEAL (item))
    return "emblem-documents-symbolic";
  if (NUDGE_IS_CONTACT (item))
    return "avatar-default-symbolic";
  return "x-office-address-book-symbolic";
}

/* ---- the jobs, on a worker ------------------------------------------------ */

typedef struct
{
  GDBusMethodInvocation *invocation;
  char                  *text;       /* a search, or NULL */
  GStrv                  ids;        /* metas to read, or NULL */
  gint64                 now;
  GPtrArray             *results;    /* NudgeSearchResult */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->invocation);
  g_free (job->text);
  g_strfreev (job->ids);
  g_clear_pointer (&job->results, g_ptr_array_unref);
  g_free (job);
}

static gboolean
job_run (NudgeStore    *store,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  Job *job = data;

  if (job->text != NULL)
    {
      job->results = nudge_search_results (store, job->text,
                                           NUDGE_SEARCH_DEALS | NUDGE_SEARCH_CONTACTS | NUDGE_SEARCH_COMPANIES,
                                           RESULTS_PER_KIND, job->now, cancellable, error);
      return job->results != NULL;
    }

  job->results = g_ptr_array_new_with_free_func ((GDestroyNotify) nudge_search_result_free);
  for (guint i = 0; job->ids != NULL && job->ids[i] != NULL; i++)
    {
      g_autoptr(GObject) item = NULL;
      NudgeEntity entity;
      gint64 id;

      if (!parse_result_id (job->ids[i], &entity, &id))
        continue;
      item = nudge_store_get_record (store, entity, id, NULL);
      if (item != NULL)
        g_ptr_array_add (job->results, nudge_search_result_new (store, item, job->now));
    }
  return TRUE;
}

/* What was found is kept for the metas the Shell asks for next; @results
 * gives its items up. */
static void
keep_found (NudgeSearchProvider *self,
            GPtrArray           *results)
{
  g_ptr_array_set_free_func (results, NULL);
  for (guint i = 0; i < results->len; i++)
    {
      NudgeSearchResult *result = g_ptr_array_index (results, i);

      g_hash_table_replace (self->found, result_id (result->item), result);
    }
  g_ptr_array_set_size (results, 0);
}

static GVariant *
metas_for (NudgeSearchProvider *self,
           const char * const  *ids)
{
  GVariantBuilder metas;

  g_variant_builder_init (&metas, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      NudgeSearchResult *result = g_hash_table_lookup (self->found, ids[i]);
      g_autoptr(GIcon) icon = NULL;
      g_autofree char *icon_text = NULL;
      GVariantBuilder meta;

      if (result == NULL)
        continue;
      icon = g_themed_icon_new (result_icon (result->item));
      icon_text = g_icon_to_string (icon);
      g_variant_builder_init (&meta, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (ids[i]));
      g_variant_builder_add (&meta, "{sv}", "name", g_variant_new_string (result->title));
      g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (result->description));
      g_variant_builder_add (&meta, "{sv}", "gicon", g_variant_new_string (icon_text));
      g_variant_builder_add_value (&metas, g_variant_builder_end (&meta));
    }
  return g_variant_new ("(aa{sv})", &metas);
}

static void
job_done (gpointer      owner,
          gpointer      data,
          const GError *error)
{
  NudgeSearchProvider *self = owner;
  Job *job = data;
  GApplication *app = g_application_get_default ();

  if (app != NULL)
    g_application_release (app);
  if (error != NULL)
    {
      g_dbus_method_invocation_return_gerror (job->invocation, error);
      return;
    }

  if (job->text != NULL)
    {
      GVariantBuilder ids;

      g_variant_builder_init (&ids, G_VARIANT_TYPE ("as"));
      for (guint i = 0; i < job->results->len; i++)
        {
          g_autofree char *id = result_id (((NudgeSearchResult *) g_ptr_array_index (job->results, i))->item);

          g_variant_builder_add (&ids, "s", id);
        }
      keep_found (self, job->results);
      g_dbus_method_invocation_return_value (job->invocation, g_variant_new ("(as)", &ids));
      return;
    }
  keep_found (self, job->results);
  g_dbus_method_invocation_return_value (job->invocation, metas_for (self, (const char * const *) job->ids));
}

static void
start_job (NudgeSearchProvider   *self,
           GDBusMethodInvocation *invocation,
           char                  *text,
           GStrv                  ids)
{
  NudgeStore *store = self->get_store ? self->get_store (self->get_store_data) : NULL;
  GApplication *app = g_application_get_default ();
  Job *job;

  if (store == NULL)
    {
      g_dbus_method_invocation_return_error (invocation, G_IO_ERROR, G_IO_ERROR_FAILED,
                                             _("The book cannot be opened"));
      g_free (text);
      g_strfreev (ids);
      return;
    }
  job = g_new0 (Job, 1);
  job->invocation = g_object_ref (invocation);
  job->text = text;
  job->ids = ids;
  job->now = nudge_clock_now ();
  /* A process D-Bus started for the Shell stays while it answers. */
  if (app != NULL)
    g_application_hold (app);
  nudge_worker_run (store, job_run, job, job_free, NULL, job_done, self);
}

/* ---- the D-Bus interface ---------------------------------------------------- */

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  NudgeSearchProvider *self = user_data;

  if (g_str_equal (method_name, "GetInitialResultSet") || g_str_equal (method_name, "GetSubsearchResultSet"))
    {
      g_autofree const char **terms = NULL;
      char *text;

      if (g_str_equal (method_name, "GetInitialResultSet"))
        g_variant_get (parameters, "(^a&s)", &terms);
      else
        g_variant_get (parameters, "(@as^a&s)", NULL, &terms);
      text = g_strjoinv (" ", (char **) terms);
      /* A new search: what an older one found is no longer asked for. */
      if (g_str_equal (method_name, "GetInitialResultSet"))
        g_hash_table_remove_all (self->found);
      start_job (self, invocation, text, NULL);
    }
  else if (g_str_equal (method_name, "GetResultMetas"))
    {
      g_auto(GStrv) ids = NULL;
      gboolean all_known = TRUE;

      g_variant_get (parameters, "(^as)", &ids);
      for (guint i = 0; ids[i] != NULL && all_known; i++)
        all_known = g_hash_table_contains (self->found, ids[i]);
      if (all_known)
        g_dbus_method_invocation_return_value (invocation, metas_for (self, (const char * const *) ids));
      else
        start_job (self, invocation, NULL, g_steal_pointer (&ids));
    }
  else if (g_str_equal (method_name, "ActivateResult"))
    {
      const char *id = NULL;
      guint32 timestamp = 0;
      NudgeEntity entity;
      gint64 record;

      g_variant_get (parameters, "(&sasu)", &id, NULL, &timestamp);
      if (parse_result_id (id, &entity, &record))
        g_signal_emit (self, signals[ACTIVATE_RESULT], 0, (int) entity, record, timestamp);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "LaunchSearch"))
    {
      g_autofree const char **terms = NULL;
      g_autofree char *text = NULL;
      guint32 timestamp = 0;

      g_variant_get (parameters, "(^a&su)", &terms, &timestamp);
      text = g_strjoinv (" ", (char **) terms);
      g_signal_emit (self, signals[LAUNCH_SEARCH], 0, text, timestamp);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                           "Unknown method %s", method_name);
}

static const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL, { 0 } };

gboolean
nudge_search_provider_register (NudgeSearchProvider  *self,
                                GDBusConnection      *connection,
                                const char           *object_path,
                                GError              **error)
{
  g_autoptr(GDBusNodeInfo) info = NULL;

  g_return_val_if_fail (NUDGE_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);

  if (!(info = g_dbus_node_info_new_for_xml (introspection_xml, error)))
    return FALSE;
  self->registration_id = g_dbus_connection_register_object (connection, object_path, info->interfaces[0],
                                                             &vtable, self, NULL, error);
  if (self->registration_id == 0)
    return FALSE;
  g_set_object (&self->connection, connection);
  return TRUE;
}

void
nudge_search_provider_unregister (NudgeSearchProvider *self)
{
  g_return_if_fail (NUDGE_IS_SEARCH_PROVIDER (self));

  if (self->connection != NULL && self->registration_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration_id);
  self->registration_id = 0;
  g_clear_object (&self->connection);
}

static void
nudge_search_provider_dispose (GObject *object)
{
  NudgeSearchProvider *self = NUDGE_SEARCH_PROVIDER (object);

  nudge_search_provider_unregister (self);
  g_clear_pointer (&self->found, g_hash_table_unref);
  G_OBJECT_CLASS (nudge_search_provider_parent_class)->dispose (object);
}

static void
nudge_search_provider_class_init (NudgeSearchProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = nudge_search_provider_dispose;

  /**
   * NudgeSearchProvider::activate-result:
   * @entity: a NudgeEntity (deal, contact or company)
   * @id: the record
   * @timestamp: the Shell's event time, for presenting a window
   */
  signals[ACTIVATE_RESULT] =
    g_signal_new ("activate-result", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_INT64, G_TYPE_UINT);
  /**
   * NudgeSearchProvider::launch-search:
   * @text: the terms, joined
   * @timestamp: the Shell's event time
   */
  signals[LAUNCH_SEARCH] =
    g_signal_new ("launch-search", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);
}

static void
nudge_search_provider_init (NudgeSearchProvider *self)
{
  self->found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) nudge_search_result_free);
}

NudgeSearchProvider *
nudge_search_provider_new (NudgeSearchProviderStoreFunc get_store,
                           gpointer                     user_data)
{
  NudgeSearchProvider *self = g_object_new (NUDGE_TYPE_SEARCH_PROVIDER, NULL);

  self->get_store = get_store;
  self->get_store_data = user_data;
  return self;
}
