/* nudge-context.h — the book and the services every view shares
 *
 * One NudgeContext per open book, made by NudgeApplication (or by a test
 * for a store of its own) and handed to the window, every view and every
 * dialog as their construct-only "context" property. It owns the store,
 * the settings and, once nudge_context_start_services() ran, the services
 * that work on the book for the app's lifetime: the rules runner (rules
 * and scores after changes), reminders (scheduler and notifier) and the
 * subscribed calendar file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "nudge-ics-subscription.h"
#include "nudge-reminders.h"
#include "nudge-rules-runner.h"
#include "nudge-store.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_CONTEXT (nudge_context_get_type ())

G_DECLARE_FINAL_TYPE (NudgeContext, nudge_context, NUDGE, CONTEXT, GObject)

/* Properties: "store" (construct-only), "settings" (construct-only; NULL
 * where no schema is installed, as in tests that build a view alone). */
NudgeContext         *nudge_context_new                (NudgeStore     *store,
                                                        GSettings      *settings);
NudgeStore           *nudge_context_get_store          (NudgeContext   *self);
GSettings            *nudge_context_get_settings       (NudgeContext   *self);
/* The "context" property of every view and dialog: construct-only. */
GParamSpec           *nudge_context_param_spec         (void);
/* The "context" of a widget that a template declares and that is handed
 * its context afterwards: read-write, notified when it is set. */
GParamSpec           *nudge_context_settable_param_spec (void);
/* Starts the rules runner, reminders (with their app actions) and the
 * subscribed calendar file for @app; once. */
void                  nudge_context_start_services     (NudgeContext   *self,
                                                        GtkApplication *app);
/* Stops them (the application's shutdown). */
void                  nudge_context_stop_services      (NudgeContext   *self);
/* NULL until the services started. */
NudgeReminders       *nudge_context_get_reminders      (NudgeContext   *self);

G_END_DECLS
