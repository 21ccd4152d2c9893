/* nudge-context.c — the book and the services every view shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-context"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-automation-page.h"
#include "nudge-context.h"
#include "nudge-export-dialog.h"
#include "nudge-reminders.h"

struct _NudgeContext
{
  GObject               parent_instance;

  NudgeStore           *store;
  GSettings            *settings;

  /* The services, from nudge_context_start_services() on */
  NudgeRulesRunner     *rules;
  NudgeReminders       *reminders;
  NudgeIcsSubscription *subscription;
};

G_DEFINE_FINAL_TYPE (NudgeContext, nudge_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
score_settings_changed_cb (NudgeContext *self,
                           const char   *key,
                           GSettings    *settings)
{
  if (self->rules == NULL)
    return;
  nudge_rules_runner_set_weights (self->rules, nudge_score_weights_new_from_settings (settings));
  nudge_rules_runner_rescore (self->rules);
}

static void
nudge_context_dispose (GObject *object)
{
  NudgeContext *self = (NudgeContext *) object;

  nudge_context_stop_services (self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (nudge_context_parent_class)->dispose (object);
}

static void
nudge_context_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  NudgeContext *self = NUDGE_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nudge_context_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  NudgeContext *self = NUDGE_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nudge_context_class_init (NudgeContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nudge_context_dispose;
  object_class->get_property = nudge_context_get_property;
  object_class->set_property = nudge_context_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, NUDGE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nudge_context_init (NudgeContext *self)
{
}

NudgeContext *
nudge_context_new (NudgeStore *store,
                   GSettings  *settings)
{
  g_return_val_if_fail (NUDGE_IS_STORE (store), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (NUDGE_TYPE_CONTEXT, "store", store, "settings", settings, NULL);
}

NudgeStore *
nudge_context_get_store (NudgeContext *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTEXT (self), NULL);

  return self->store;
}

GSettings *
nudge_context_get_settings (NudgeContext *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTEXT (self), NULL);

  return self->settings;
}

void
nudge_context_start_services (NudgeContext   *self,
                              GtkApplication *app)
{
  g_return_if_fail (NUDGE_IS_CONTEXT (self));
  g_return_if_fail (GTK_IS_APPLICATION (app));
  g_return_if_fail (G_IS_SETTINGS (self->settings));

  if (self->rules != NULL)
    return;

  self->rules = nudge_rules_runner_new (self->store);
  nudge_rules_runner_set_weights (self->rules, nudge_score_weights_new_from_settings (self->settings));
  nudge_rules_runner_start (self->rules);
  g_signal_connect_object (self->settings, "changed::score-weights",
                           G_CALLBACK (score_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::score-half-life-days",
                           G_CALLBACK (score_settings_changed_cb), self, G_CONNECT_SWAPPED);

  self->reminders = nudge_reminders_new (app, self->store, self->settings);

  /* The subscribed file follows the setting for the app's lifetime. */
  self->subscription = nudge_ics_subscription_new (self->store, NULL);
  g_settings_bind (self->settings, "ics-subscription-path", self->subscription, "path",
                   G_SETTINGS_BIND_GET);
  nudge_export_dialog_add_app_action (app);
}

void
nudge_context_stop_services (NudgeContext *self)
{
  g_return_if_fail (NUDGE_IS_CONTEXT (self));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, score_settings_changed_cb, self);
  g_clear_pointer (&self->reminders, nudge_reminders_free);
  if (self->subscription != NULL && self->settings != NULL)
    g_settings_unbind (self->subscription, "path");
  if (self->subscription != NULL)
    nudge_ics_subscription_stop (self->subscription);
  g_clear_object (&self->subscription);
  if (self->rules != NULL)
    nudge_rules_runner_stop (self->rules);
  g_clear_object (&self->rules);
}

NudgeReminders *
nudge_context_get_reminders (NudgeContext *self)
{
  g_return_val_if_fail (NUDGE_IS_CONTEXT (self), NULL);

  return self->reminders;
}

GParamSpec *
nudge_context_param_spec (void)
{
  return g_param_spec_object ("context", NULL, NULL, NUDGE_TYPE_CONTEXT,
                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
}

/* For the widgets a template declares (a picker, a Preferences group,
 * a view's page): their owner hands them the context once built. */
GParamSpec *
nudge_context_settable_param_spec (void)
{
  return g_param_spec_object ("context", NULL, NULL, NUDGE_TYPE_CONTEXT,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}
