/* notification-recorder.c — a recording org.freedesktop.Notifications server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "notification-recorder.h"

#include "dbus-recorder.h"

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
  DBusRecorder base;
  guint32      next_id;
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
  g_dbus_connection_emit_signal (self->base.connection, NULL, "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", "NotificationClosed",
                                 g_variant_new ("(uu)", id, reason), NULL);
}

static void
method_call (DBusRecorder          *base,
             const char            *method,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation)
{
  NotificationRecorder *self = (NotificationRecorder *) base;

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
      g_mutex_lock (&self->base.lock);
      call->id = call->replaces_id != 0 ? call->replaces_id : ++self->next_id;
      g_ptr_array_add (self->base.calls, call);
      g_mutex_unlock (&self->base.lock);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", call->id));
    }
  else if (g_str_equal (method, "CloseNotification"))
    {
      RecordedCall *call = g_new0 (RecordedCall, 1);

      call->method = g_strdup (method);
      g_variant_get (parameters, "(u)", &call->id);
      dbus_recorder_add (&self->base, call);
      g_dbus_method_invocation_return_value (invocation, NULL);
      emit_closed (self, call->id, 3);
    }
}

static const DBusRecorderService service = {
  "notification-recorder", "org.freedesktop.Notifications", "/org/freedesktop/Notifications",
  introspection_xml, method_call, NULL, (GDestroyNotify) recorded_call_free,
};

NotificationRecorder *
notification_recorder_start (const char *address)
{
  NotificationRecorder *self = g_new0 (NotificationRecorder, 1);

  dbus_recorder_start (&self->base, &service, address);
  return self;
}

void
notification_recorder_stop (NotificationRecorder *self)
{
  dbus_recorder_stop (&self->base);
  g_free (self);
}

GPtrArray *
notification_recorder_calls (NotificationRecorder *self)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) recorded_call_free);

  g_mutex_lock (&self->base.lock);
  for (guint i = 0; i < self->base.calls->len; i++)
    g_ptr_array_add (copy, call_copy (g_ptr_array_index (self->base.calls, i)));
  g_mutex_unlock (&self->base.lock);
  return copy;
}

guint
notification_recorder_count (NotificationRecorder *self,
                             const char           *method)
{
  return dbus_recorder_count (&self->base, method);
}

void
notification_recorder_invoke (NotificationRecorder *self,
                              guint32               id,
                              const char           *action)
{
  g_dbus_connection_emit_signal (self->base.connection, NULL, "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", "ActionInvoked",
                                 g_variant_new ("(us)", id, action), NULL);
  g_dbus_connection_flush_sync (self->base.connection, NULL, NULL);
}

void
notification_recorder_close (NotificationRecorder *self,
                             guint32               id,
                             guint32               reason)
{
  emit_closed (self, id, reason);
  g_dbus_connection_flush_sync (self->base.connection, NULL, NULL);
}
