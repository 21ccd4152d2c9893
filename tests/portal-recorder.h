/* portal-recorder.h — a recording notification portal
 *
 * Owns org.freedesktop.portal.Desktop on the bus at @address and answers
 * org.freedesktop.portal.Notification (version 1) at
 * /org/freedesktop/portal/desktop, in its own thread and main context.
 * A click on a button or on the notification does what the desktop does
 * with it (xdg-desktop-portal, GNOME Shell): an app.* action is activated
 * in the application with org.freedesktop.Application.ActivateAction on
 * the bus name of @app_id — which D-Bus activation would start — and any
 * other action is only announced with the portal's ActionInvoked signal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _PortalRecorder PortalRecorder;

typedef struct
{
  char     *label;
  char     *action;
  GVariant *target;     /* nullable */
} PortalButton;

typedef struct
{
  char      *method;                /* "AddNotification" or "RemoveNotification" */
  char      *id;
  char      *title;
  char      *body;
  char      *priority;
  char      *default_action;        /* nullable */
  GVariant  *default_target;        /* nullable */
  GPtrArray *buttons;               /* PortalButton */
} PortalCall;

PortalRecorder *portal_recorder_start      (const char     *address,
                                            const char     *app_id);
void            portal_recorder_stop       (PortalRecorder *self);
guint           portal_recorder_count      (PortalRecorder *self,
                                            const char     *method);
/* A copy of the last call of @method about notification @id, or NULL. */
PortalCall     *portal_recorder_last       (PortalRecorder *self,
                                            const char     *method,
                                            const char     *id);
/* Clicks the button labelled @label of the notification @id as last added
 * (the notification itself when @label is NULL). Returns at once; the
 * activation is answered later: see portal_recorder_n_answered(). */
void            portal_recorder_click      (PortalRecorder *self,
                                            const char     *id,
                                            const char     *label);
/* How many activations the application answered, and the error of the
 * last one that failed (NULL when none did). */
/* What a click on a notification shown by an earlier process does:
 * @action (app.* or not, NULL to activate the app) with @target. */
void            portal_recorder_activate   (PortalRecorder *self,
                                            const char     *id,
                                            const char     *action,
                                            GVariant       *target);
guint           portal_recorder_n_answered (PortalRecorder *self);
char           *portal_recorder_dup_error  (PortalRecorder *self);
void            portal_call_free           (PortalCall     *call);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PortalCall, portal_call_free)

G_END_DECLS
