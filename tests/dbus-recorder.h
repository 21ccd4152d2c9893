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

typedef struct
{
  char                       *address;
  const char                 *bus_name;
  const char                 *object_path;
  const char                 *introspection_xml;
  const GDBusInterfaceVTable *vtable;
  GThread                    *thread;
  GMainContext               *context;
  GMainLoop                  *loop;
  GDBusConnection            *connection;
  GMutex                      lock;
  GCond                       cond;
  gboolean                    ready;
  /* Each call a struct whose first member is its method's name (char *). */
  GPtrArray                  *calls;
} DBusRecorder;

/* Starts @self, the first member of the recorder the vtable's callbacks
 * get as user data, and returns once it owns @bus_name. */
void   dbus_recorder_start (DBusRecorder               *self,
                            const char                 *thread_name,
                            const char                 *address,
                            const char                 *bus_name,
                            const char                 *object_path,
                            const char                 *introspection_xml,
                            const GDBusInterfaceVTable *vtable,
                            GDestroyNotify              free_call);
void   dbus_recorder_stop  (DBusRecorder               *self);
/* Records @call (taken). */
void   dbus_recorder_add   (DBusRecorder               *self,
                            gpointer                    call);
guint  dbus_recorder_count (DBusRecorder               *self,
                            const char                 *method);

/* A private session bus for the test, up; with DISPLAY kept (GTestDBus
 * unsets it against X11 autolaunch, and a window needs it). Call it
 * before GTK or GIO talk to any session bus. */
GTestDBus *dbus_recorder_private_bus      (void);
/* Stops @bus without waiting for it to go: GTK and GIO keep their
 * session bus connection to the end (and must not exit when it closes);
 * finalizing the GTestDBus would wait for it. */
void       dbus_recorder_private_bus_stop (GTestDBus *bus);

G_END_DECLS
