/* portal-recorder.c — a recording notification portal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "portal-recorder.h"

#include "dbus-recorder.h"

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Notification'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' name='id' direction='in'/>"
  "      <arg type='a{sv}' name='notification' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' name='id' direction='in'/>"
  "    </method>"
  "    <signal name='ActionInvoked'>"
  "      <arg type='s' name='id'/><arg type='s' name='action'/><arg type='av' name='parameter'/>"
  "    </signal>"
  "    <property name='version' type='u' access='read'/>"
  "  </interface>"
  "</node>";

struct _PortalRecorder
{
  DBusRecorder  base;           /* calls: PortalCall */
  char         *app_id;
  guint         n_answered;
  char         *error;
};

typedef struct
{
  PortalRecorder *self;
  char           *id;
  char           *action;
  GVariant       *target;
} Click;

static void
button_free (PortalButton *button)
{
  g_free (button->label);
  g_free (button->action);
  g_clear_pointer (&button->target, g_variant_unref);
  g_free (button);
}

void
portal_call_free (PortalCall *call)
{
  g_free (call->method);
  g_free (call->id);
  g_free (call->title);
  g_free (call->body);
  g_free (call->priority);
  g_free (call->default_action);
  g_clear_pointer (&call->default_target, g_variant_unref);
  g_clear_pointer (&call->buttons, g_ptr_array_unref);
  g_free (call);
}

static PortalCall *
call_copy (const PortalCall *call)
{
  PortalCall *copy = g_new0 (PortalCall, 1);

  copy->method = g_strdup (call->method);
  copy->id = g_strdup (call->id);
  copy->title = g_strdup (call->title);
  copy->body = g_strdup (call->body);
  copy->priority = g_strdup (call->priority);
  copy->default_action = g_strdup (call->default_action);
  copy->default_target = call->default_target ? g_variant_ref (call->default_target) : NULL;
  copy->buttons = g_ptr_array_new_with_free_func ((GDestroyNotify) button_free);
  for (guint i = 0; call->buttons != NULL && i < call->buttons->len; i++)
    {
      PortalButton *b = g_ptr_array_index (call->buttons, i);
      PortalButton *c = g_new0 (PortalButton, 1);

      c->label = g_strdup (b->label);
      c->action = g_strdup (b->action);
      c->target = b->target ? g_variant_ref (b->target) : NULL;
      g_ptr_array_add (copy->buttons, c);
    }
  return copy;
}

static PortalCall *
parse_notification (const char *id,
                    GVariant   *notification)
{
  PortalCall *call = g_new0 (PortalCall, 1);
  g_autoptr(GVariant) buttons = NULL;

  call->method = g_strdup ("AddNotification");
  call->id = g_strdup (id);
  g_variant_lookup (notification, "title", "s", &call->title);
  g_variant_lookup (notification, "body", "s", &call->body);
  g_variant_lookup (notification, "priority", "s", &call->priority);
  g_variant_lookup (notification, "default-action", "s", &call->default_action);
  call->default_target = g_variant_lookup_value (notification, "default-action-target", NULL);
  call->buttons = g_ptr_array_new_with_free_func ((GDestroyNotify) button_free);
  buttons = g_variant_lookup_value (notification, "buttons", G_VARIANT_TYPE ("aa{sv}"));
  for (gsize i = 0; buttons != NULL && i < g_variant_n_children (buttons); i++)
    {
      g_autoptr(GVariant) dict = g_variant_get_child_value (buttons, i);
      PortalButton *button = g_new0 (PortalButton, 1);

      g_variant_lookup (dict, "label", "s", &button->label);
      g_variant_lookup (dict, "action", "s", &button->action);
      button->target = g_variant_lookup_value (dict, "target", NULL);
      g_ptr_array_add (call->buttons, button);
    }
  return call;
}

static void
method_call (DBusRecorder          *base,
             const char            *method,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation)
{
  PortalCall *call;

  if (g_str_equal (method, "AddNotification"))
    {
      const char *id;
      g_autoptr(GVariant) notification = NULL;

      g_variant_get (parameters, "(&s@a{sv})", &id, &notification);
      call = parse_notification (id, notification);
    }
  else
    {
      call = g_new0 (PortalCall, 1);
      call->method = g_strdup (method);
      g_variant_get (parameters, "(s)", &call->id);
    }
  dbus_recorder_add (base, call);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

/* The one property, "version". */
static GVariant *
get_property (DBusRecorder *base,
              const char   *property)
{
  return g_variant_new_uint32 (1);
}

static const DBusRecorderService service = {
  "portal-recorder", "org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop",
  introspection_xml, method_call, get_property, (GDestroyNotify) portal_call_free,
};

PortalRecorder *
portal_recorder_start (const char *address,
                       const char *app_id)
{
  PortalRecorder *self = g_new0 (PortalRecorder, 1);

  self->app_id = g_strdup (app_id);
  dbus_recorder_start (&self->base, &service, address);
  return self;
}

void
portal_recorder_stop (PortalRecorder *self)
{
  dbus_recorder_stop (&self->base);
  g_free (self->app_id);
  g_free (self->error);
  g_free (self);
}

guint
portal_recorder_count (PortalRecorder *self,
                       const char     *method)
{
  return dbus_recorder_count (&self->base, method);
}

PortalCall *
portal_recorder_last (PortalRecorder *self,
                      const char     *method,
                      const char     *id)
{
  PortalCall *found = NULL;

  g_mutex_lock (&self->base.lock);
  for (guint i = self->base.calls->len; i > 0 && found == NULL; i--)
    {
      PortalCall *call = g_ptr_array_index (self->base.calls, i - 1);

      if (g_str_equal (call->method, method) && g_str_equal (call->id, id))
        found = call_copy (call);
    }
  g_mutex_unlock (&self->base.lock);
  return found;
}

static void
click_free (Click *click)
{
  g_free (click->id);
  g_free (click->action);
  g_clear_pointer (&click->target, g_variant_unref);
  g_free (click);
}

static void
activated_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PortalRecorder *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);

  g_mutex_lock (&self->base.lock);
  self->n_answered++;
  if (error != NULL)
    {
      g_free (self->error);
      self->error = g_strdup (error->message);
    }
  g_mutex_unlock (&self->base.lock);
}

/* In the recorder's thread: what the desktop does with a click. */
static gboolean
click_cb (gpointer data)
{
  Click *click = data;
  PortalRecorder *self = click->self;
  g_autofree char *path = g_strconcat ("/", self->app_id, NULL);

  g_strdelimit (path, ".", '/');
  g_strdelimit (path, "-", '_');

  if (click->action == NULL)
    g_dbus_connection_call (self->base.connection, self->app_id, path, "org.freedesktop.Application", "Activate",
                            g_variant_new ("(a{sv})", NULL), NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                            activated_cb, self);
  else if (g_str_has_prefix (click->action, "app."))
    {
      GVariantBuilder parameter;

      g_variant_builder_init (&parameter, G_VARIANT_TYPE ("av"));
      if (click->target != NULL)
        g_variant_builder_add (&parameter, "v", click->target);
      g_dbus_connection_call (self->base.connection, self->app_id, path, "org.freedesktop.Application",
                              "ActivateAction",
                              g_variant_new ("(sav@a{sv})", click->action + strlen ("app."), &parameter,
                                             g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                              NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, activated_cb, self);
    }
  else
    {
      GVariantBuilder parameter;

      g_variant_builder_init (&parameter, G_VARIANT_TYPE ("av"));
      if (click->target != NULL)
        g_variant_builder_add (&parameter, "v", click->target);
      g_dbus_connection_emit_signal (self->base.connection, NULL, "/org/freedesktop/portal/desktop",
                                     "org.freedesktop.portal.Notification", "ActionInvoked",
                                     g_variant_new ("(ssav)", click->id, click->action, &parameter), NULL);
      g_mutex_lock (&self->base.lock);
      self->n_answered++;
      g_mutex_unlock (&self->base.lock);
    }
  return G_SOURCE_REMOVE;
}

void
portal_recorder_activate (PortalRecorder *self,
                          const char     *id,
                          const char     *action,
                          GVariant       *target)
{
  Click *click = g_new0 (Click, 1);
  g_autoptr(GVariant) sunk = target ? g_variant_ref_sink (target) : NULL;

  click->self = self;
  click->id = g_strdup (id);
  click->action = g_strdup (action);
  click->target = g_steal_pointer (&sunk);
  g_main_context_invoke_full (self->base.context, G_PRIORITY_DEFAULT, click_cb, click, (GDestroyNotify) click_free);
}

void
portal_recorder_click (PortalRecorder *self,
                       const char     *id,
                       const char     *label)
{
  g_autoptr(PortalCall) call = portal_recorder_last (self, "AddNotification", id);
  const char *action = NULL;
  GVariant *target = NULL;

  g_assert_nonnull (call);
  if (label == NULL)
    {
      action = call->default_action;
      target = call->default_target;
    }
  else
    {
      for (guint i = 0; i < call->buttons->len; i++)
        {
          PortalButton *button = g_ptr_array_index (call->buttons, i);

          if (g_strcmp0 (button->label, label) == 0)
            {
              action = button->action;
              target = button->target;
            }
        }
      g_assert_nonnull (action);
    }
  portal_recorder_activate (self, id, action, target);
}

guint
portal_recorder_n_answered (PortalRecorder *self)
{
  guint n;

  g_mutex_lock (&self->base.lock);
  n = self->n_answered;
  g_mutex_unlock (&self->base.lock);
  return n;
}

char *
portal_recorder_dup_error (PortalRecorder *self)
{
  char *error;

  g_mutex_lock (&self->base.lock);
  error = g_strdup (self->error);
  g_mutex_unlock (&self->base.lock);
  return error;
}
