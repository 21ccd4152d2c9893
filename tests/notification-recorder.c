/* notification-recorder.c — a recording org.freedesktop.Notifications server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "notification-recorder.h"

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "    <signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  "    <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "  </interface>"
  "</node>";

struct _NotificationRecorder
{
  char            *address;
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  GDBusConnection *connection;
  GMutex           lock;
  GCond            cond;
  gboolean         ready;
  GPtrArray       *calls;
  guint32          next_id;
};

void
recorded_call_free (RecordedCall *call)
{
  g_free (call->method);
  g_free (call->summary);
  g_free (call->body);
  g_strfreev (call->actions);
  g_free (call);
}

static RecordedCall *
call_copy (const RecordedCall *call)
{
  RecordedCall *copy = g_memdup2 (call, sizeof *call);

  copy->method = g_strdup (call->method);
  copy->summary = g_strdup (call->summary);
  copy->body = g_strdup (call->body);
  copy->actions = g_strdupv (call->actions);
  return copy;
}

static void
emit_closed (NotificationRecorder *self,
             guint32               id,
             guint32               reason)
{
  g_dbus_connection_emit_signal (self->connection, NULL, "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", "NotificationClosed",
                                 g_variant_new ("(uu)", id, reason), NULL);
}

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
  NotificationRecorder *self = user_data;

  if (g_str_equal (method, "GetCapabilities"))
    {
      const char *caps[] = { "actions", "body", NULL };
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(ssss)", "recorder", "Nudge tests", "1.0", "1.2"));
  else if (g_str_equal (method, "Notify"))
    {
      RecordedCall *call = g_new0 (RecordedCall, 1);
      const char *app, *icon, *summary, *body;
      g_autoptr(GVariant) hints = NULL;
      int timeout;

      call->method = g_strdup (method);
      g_variant_get (parameters, "(&su&s&s&s^as@a{sv}i)", &app, &call->replaces_id, &icon,
                     &summary, &body, &call->actions, &hints, &timeout);
      call->summary = g_strdup (summary);
      call->body = g_strdup (body);
      call->urgency = 1;
      g_variant_lookup (hints, "urgency", "y", &call->urgency);
      g_mutex_lock (&self->lock);
      call->id = call->replaces_id != 0 ? call->replaces_id : ++self->next_id;
      g_ptr_array_add (self->calls, call);
      g_mutex_unlock (&self->lock);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", call->id));
    }
  else if (g_str_equal (method, "CloseNotification"))
    {
      RecordedCall *call = g_new0 (RecordedCall, 1);

      call->method = g_strdup (method);
      g_variant_get (parameters, "(u)", &call->id);
      g_mutex_lock (&self->lock);
      g_ptr_array_add (self->calls, call);
      g_mutex_unlock (&self->lock);
      g_dbus_method_invocation_return_value (invocation, NULL);
      emit_closed (self, call->id, 3);
    }
}

static const GDBusInterfaceVTable vtable = { method_call, NULL, NULL, { 0 } };

static gpointer
thread_main (gpointer data)
{
  NotificationRecorder *self = data;
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (introspection_xml, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  g_main_context_push_thread_default (self->context);
  self->connection = g_dbus_connection_new_for_address_sync (self->address,
                                                             G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                             G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                             NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (self->connection, "/org/freedesktop/Notifications",
                                     info->interfaces[0], &vtable, self, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (self->connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.Notifications", 4),
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

NotificationRecorder *
notification_recorder_start (const char *address)
{
  NotificationRecorder *self = g_new0 (NotificationRecorder, 1);

  self->address = g_strdup (address);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->calls = g_ptr_array_new_with_free_func ((GDestroyNotify) recorded_call_free);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->thread = g_thread_new ("notification-recorder", thread_main, self);

  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
  return self;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
notification_recorder_stop (NotificationRecorder *self)
{
  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_ptr_array_unref (self->calls);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self->address);
  g_free (self);
}

GPtrArray *
notification_recorder_calls (NotificationRecorder *self)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) recorded_call_free);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->calls->len; i++)
    g_ptr_array_add (copy, call_copy (g_ptr_array_index (self->calls, i)));
  g_mutex_unlock (&self->lock);
  return copy;
}

guint
notification_recorder_count (NotificationRecorder *self,
                             const char           *method)
{
  guint n = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->calls->len; i++)
    if (g_str_equal (((RecordedCall *) g_ptr_array_index (self->calls, i))->method, method))
      n++;
  g_mutex_unlock (&self->lock);
  return n;
}

void
notification_recorder_invoke (NotificationRecorder *self,
                              guint32               id,
                              const char           *action)
{
  g_dbus_connection_emit_signal (self->connection, NULL, "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", "ActionInvoked",
                                 g_variant_new ("(us)", id, action), NULL);
  g_dbus_connection_flush_sync (self->connection, NULL, NULL);
}

void
notification_recorder_close (NotificationRecorder *self,
                             guint32               id,
                             guint32               reason)
{
  emit_closed (self, id, reason);
  g_dbus_connection_flush_sync (self->connection, NULL, NULL);
}
