/* dbus-recorder.c — what the recording D-Bus services of the tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dbus-recorder.h"

static void
method_call (GDBusConnection       *connection,
             const char            *sender,
             const char            *path,
             const char            *interface,
             const char            *method,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation,
             gpointer               user_data)
{
  DBusRecorder *self = user_data;

  self->service->method_call (self, method, parameters, invocation);
}

static GVariant *
get_property (GDBusConnection  *connection,
              const char       *sender,
              const char       *path,
              const char       *interface,
              const char       *property,
              GError          **error,
              gpointer          user_data)
{
  DBusRecorder *self = user_data;

  return self->service->get_property (self, property);
}

static const GDBusInterfaceVTable vtable = { method_call, get_property, NULL, { 0 } };

static gpointer
thread_main (gpointer data)
{
  DBusRecorder *self = data;
  const DBusRecorderService *service = self->service;
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (service->introspection_xml, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  g_main_context_push_thread_default (self->context);
  self->connection = g_dbus_connection_new_for_address_sync (self->address,
                                                             G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                             G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                             NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (self->connection, service->object_path,
                                     info->interfaces[0], &vtable, self, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (self->connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", service->bus_name, 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  g_mutex_lock (&self->lock);
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  g_main_loop_run (self->loop);

  g_dbus_connection_close_sync (self->connection, NULL, NULL);
  g_clear_object (&self->connection);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

void
dbus_recorder_start (DBusRecorder              *self,
                     const DBusRecorderService *service,
                     const char                *address)
{
  self->address = g_strdup (address);
  self->service = service;
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->calls = g_ptr_array_new_with_free_func (service->free_call);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->thread = g_thread_new (service->thread_name, thread_main, self);

  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
dbus_recorder_stop (DBusRecorder *self)
{
  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_ptr_array_unref (self->calls);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self->address);
}

void
dbus_recorder_add (DBusRecorder *self,
                   gpointer      call)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->calls, call);
  g_mutex_unlock (&self->lock);
}

guint
dbus_recorder_count (DBusRecorder *self,
                     const char   *method)
{
  guint n = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->calls->len; i++)
    if (g_str_equal (*(const char **) g_ptr_array_index (self->calls, i), method))
      n++;
  g_mutex_unlock (&self->lock);
  return n;
}

GTestDBus *
dbus_recorder_private_bus (void)
{
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  GTestDBus *bus = g_test_dbus_new (G_TEST_DBUS_NONE);

  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  return bus;
}

GTestDBus *
dbus_recorder_notify_bus (gboolean portal)
{
  /* libnotify's switches, one set and the other gone. */
  g_setenv (portal ? "NOTIFY_FORCE_PORTAL" : "NOTIFY_IGNORE_PORTAL", "1", TRUE);
  g_unsetenv (portal ? "NOTIFY_IGNORE_PORTAL" : "NOTIFY_FORCE_PORTAL");
  if (portal)
    g_setenv ("GTK_USE_PORTAL", "1", TRUE);
  return dbus_recorder_private_bus ();
}

void
dbus_recorder_private_bus_stop (GTestDBus *bus)
{
  g_autoptr(GDBusConnection) session = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  if (session != NULL)
    g_dbus_connection_set_exit_on_close (session, FALSE);
  g_test_dbus_stop (bus);
}
