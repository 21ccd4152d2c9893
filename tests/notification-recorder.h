/* notification-recorder.h — a recording org.freedesktop.Notifications server
 *
 * Runs in its own thread and main context on the bus at @address, so the
 * synchronous calls libnotify makes from the test thread are answered.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _NotificationRecorder NotificationRecorder;

typedef struct
{
  char    *method;      /* "Notify" or "CloseNotification" */
  guint32  id;
  guint32  replaces_id;
  char    *summary;
  char    *body;
  char   **actions;     /* key, label, key, label… */
  guchar   urgency;
} RecordedCall;

NotificationRecorder *notification_recorder_start  (const char           *address);
void                  notification_recorder_stop   (NotificationRecorder *self);
/* Copies of the calls so far. */
GPtrArray            *notification_recorder_calls  (NotificationRecorder *self);
guint                 notification_recorder_count  (NotificationRecorder *self,
                                                    const char           *method);
void                  notification_recorder_invoke (NotificationRecorder *self,
                                                    guint32               id,
                                                    const char           *action);
void                  notification_recorder_close  (NotificationRecorder *self,
                                                    guint32               id,
                                                    guint32               reason);
void                  recorded_call_free           (RecordedCall         *call);

G_END_DECLS
