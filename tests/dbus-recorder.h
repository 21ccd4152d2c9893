/* dbus-recorder.h — what the recording D-Bus services of the tests share
 *
 * A service object on the bus at an address, owning a well-known name,
 * run in its own thread and main context so that synchronous calls from
 * the test thread are answered; the calls it records kept in an array
 * under a lock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _DBusRecorder DBusRecorder;

/* What a recorder serves, in a thread named @thread_name: an object at
 * @object_path with the first interface of @introspection_xml, under
 * the well-known name @bus_name. */
typedef struct
{
  const char      *thread_name;
  const char      *bus_name;
  const char      *object_path;
  const char      *introspection_xml;
  /* Answers (and may record) a call of @method. */
  void           (*method_call)  (DBusRecorder          *self,
                                  const char            *method,
                                  GVariant              *parameters,
                                  GDBusMethodInvocation *invocation);
  /* The value of @property (NULL: the interface has no properties). */
  GVariant      *(*get_property) (DBusRecorder          *self,
                                  const char            *property);
  GDestroyNotify   free_call;
} DBusRecorderService;

struct _DBusRecorder
{
  char                      *address;
  const DBusRecorderService *service;
  GThread                   *thread;
  GMainContext              *context;
  GMainLoop                 *loop;
  GDBusConnection           *connection;
  GMutex                     lock;
  GCond                      cond;
  gboolean                   ready;
  /* Each call a struct whose first member is its method's name (char *). */
  GPtrArray                 *calls;
};

/* Starts @self, the first member of the recorder the service's
 * callbacks get, on the bus at @address, and returns once it owns the
 * service's name. */
void   dbus_recorder_start (DBusRecorder              *self,
                            const DBusRecorderService *service,
                            const char                *address);
void   dbus_recorder_stop  (DBusRecorder              *self);
/* Records @call (taken). */
void   dbus_recorder_add   (DBusRecorder              *self,
                            gpointer                   call);
guint  dbus_recorder_count (DBusRecorder              *self,
                            const char                *method);

/* A private session bus for the test, up; with DISPLAY kept (GTestDBus
 * unsets it against X11 autolaunch, and a window needs it). Call it
 * before GTK or GIO talk to any session bus. */
GTestDBus *dbus_recorder_private_bus      (void);
/* dbus_recorder_private_bus(), with libnotify sent to the notification
 * portal (@portal, as in the Flatpak sandbox, GTK's portals too) or
 * straight to a notification server. */
GTestDBus *dbus_recorder_notify_bus       (gboolean   portal);
/* Stops @bus without waiting for it to go: GTK and GIO keep their
 * session bus connection to the end (and must not exit when it closes);
 * finalizing the GTestDBus would wait for it. */
void       dbus_recorder_private_bus_stop (GTestDBus *bus);

G_END_DECLS
