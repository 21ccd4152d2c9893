/* nudge-deal-card.c — one deal on the pipeline board
 *
 * Title, company and contact, amount, the next follow-up in the colours
 * of the follow-up field, the temperature and a rotting mark. The card is
 * the drag source; its menu moves it by keyboard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nudge-deal-card"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-deal-card.h"
#include "nudge-format.h"
#include "nudge-pipeline.h"
#include "nudge-scoring.h"
#include "nudge-tooltip.h"

struct _NudgeDealCard
{
  GtkWidget   parent_instance;

  NudgeDeal  *deal;
  NudgeDealCardMenuFunc menu_func;
  gpointer    menu_data;

  GtkWidget  *title;
  GtkWidget  *menu_button;
  GtkWidget  *popover;
  GtkWidget  *people;
  GtkWidget  *amount;
  GtkWidget  *followup;
  GtkWidget  *temperature;
  GtkWidget  *rotting;

  NudgeTooltip menu_tooltip;
  NudgeTooltip rotting_tooltip;
  NudgeTooltip card_tooltip;
};

G_DEFINE_FINAL_TYPE (NudgeDealCard, nudge_deal_card, GTK_TYPE_WIDGET)

static const char *const followup_classes[] = { "overdue", "due-today", "dim-label", "no-next-step" };
static const char *const temperature_classes[] = { "hot", "warm", "cold" };

static void
set_followup (NudgeDealCard   *self,
              gint64           next,
              NudgeDealStatus  status,
              gint64           now)
{
  g_autofree char *text = NULL;
  const char *css;

  for (guint i = 0; i < G_N_ELEMENTS (followup_classes); i++)
    gtk_widget_remove_css_class (self->followup, followup_classes[i]);

  /* Won, lost and on-hold deals are meant to be quiet: never flagged.
   * Won and lost ones sit in their own column, which says it all. */
  gtk_widget_set_visible (self->followup, next > 0 || (status != NUDGE_DEAL_WON && status != NUDGE_DEAL_LOST));
  if (next <= 0 && status != NUDGE_DEAL_OPEN)
    {
      text = g_strdup (status == NUDGE_DEAL_ON_HOLD ? nudge_deal_status_label (status) : "");
      css = "dim-label";
    }
  else if (next <= 0)
    {
      text = g_strdup (_("No next step"));
      css = "no-next-step";
    }
  else
    {
      int days = nudge_days_between (now, next);

      text = nudge_format_relative_day (next, now);
      css = next < now ? "overdue" : days == 0 ? "due-today" : "dim-label";
    }
  gtk_label_set_text (GTK_LABEL (self->followup), text);
  gtk_widget_add_css_class (self->followup, css);
}

static void
set_temperature (NudgeDealCard *self,
                 NudgeDeal     *deal)
{
  /* A label the seller (or a rule) set shows as is; from the score only
   * warm and hot leads stand out. */
  const char *temperature = nudge_score_temperature_shown (nudge_deal_get_temperature (deal),
                                                           nudge_deal_get_score (deal));
  const char *label = nudge_score_temperature_label (temperature);

  for (guint i = 0; i < G_N_ELEMENTS (temperature_classes); i++)
    gtk_widget_remove_css_class (self->temperature, temperature_classes[i]);

  gtk_widget_set_visible (self->temperature, label != NULL);
  if (label != NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->temperature), label);
      gtk_widget_add_css_class (self->temperature, temperature);
    }
}

/* A plain button and a popover made on first use: a GtkMenuButton
 * without a menu yet stays insensitive in GTK 4.8, and building a menu for
 * every card shown would cost a popover each. */
static void
menu_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  NudgeDealCard *self = user_data;
  g_autoptr(GMenuModel) menu = NULL;
  graphene_rect_t bounds;

  if (self->deal == NULL || self->menu_func == NULL)
    return;
  menu = self->menu_func (self->deal, self->menu_data);
  if (self->popover == NULL)
    {
      self->popover = gtk_popover_menu_new_from_model (menu);
      gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
    }
  else
    gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->popover), menu);

  if (gtk_widget_compute_bounds (self->menu_button, GTK_WIDGET (self), &bounds))
    gtk_popover_set_pointing_to (GTK_POPOVER (self->popover),
                                 &(GdkRectangle) { bounds.origin.x, bounds.origin.y,
                                                   bounds.size.width, bounds.size.height });
  gtk_popover_popup (GTK_POPOVER (self->popover));
  gtk_popover_present (GTK_POPOVER (self->popover));
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
nudge_deal_card_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  NudgeDealCard *self = NUDGE_DEAL_CARD (widget);

  GTK_WIDGET_CLASS (nudge_deal_card_parent_class)->size_allocate (widget, width, height, baseline);
  if (self->popover)
    gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
nudge_deal_card_dispose (GObject *object)
{
  NudgeDealCard *self = (NudgeDealCard *) object;
  GtkWidget *child;

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->deal);
  nudge_tooltip_clear (&self->menu_tooltip);
  nudge_tooltip_clear (&self->rotting_tooltip);
  nudge_tooltip_clear (&self->card_tooltip);

  G_OBJECT_CLASS (nudge_deal_card_parent_class)->dispose (object);
}

static void
nudge_deal_card_class_init (NudgeDealCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nudge_deal_card_dispose;
  widget_class->size_allocate = nudge_deal_card_size_allocate;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dealcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkWidget *
make_label (const char *css,
            gboolean    ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (ellipsize)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css)
    gtk_widget_add_css_class (label, css);
  return label;
}

/* A tooltip that costs nothing until it is shown (see set_deal), and the
 * same text as the widget's accessible description. */
static void
set_tooltip (NudgeTooltip *tooltip,
             GtkWidget    *widget,
             const char   *text)
{
  if (!nudge_tooltip_set (tooltip, widget, text))
    return;
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Built in code, not from a GtkBuilder template: a card is made for every
 * deal scrolled into view, and the same card from a template took about
 * 1.7 times as long to build (125 µs against 70 µs a card, 2000 cards
 * made and filled in a loop; 1.6 times with the box layout still set up
 * in code). */
static void
nudge_deal_card_init (NudgeDealCard *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");

  self->title = make_label ("heading", TRUE);
  gtk_label_set_wrap (GTK_LABEL (self->title), TRUE);
  gtk_label_set_lines (GTK_LABEL (self->title), 2);
  gtk_widget_set_hexpand (self->title, TRUE);
  self->rotting = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (self->rotting, "rotting");
  gtk_widget_set_valign (self->rotting, GTK_ALIGN_START);
  self->menu_button = gtk_button_new_from_icon_name ("view-more-symbolic");
  gtk_widget_set_name (self->menu_button, "card-menu");
  gtk_widget_add_css_class (self->menu_button, "flat");
  gtk_widget_set_valign (self->menu_button, GTK_ALIGN_START);
  /* Move to…, Plan Next Step… and Open: the card's name goes in when
   * it is bound to a deal. */
  set_tooltip (&self->menu_tooltip, self->menu_button, _("More Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("More Actions"), -1);
  g_signal_connect (self->menu_button, "clicked", G_CALLBACK (menu_clicked_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button), GTK_ACCESSIBLE_PROPERTY_HAS_POPUP, TRUE, -1);
  gtk_box_append (GTK_BOX (top), self->title);
  gtk_box_append (GTK_BOX (top), self->rotting);
  gtk_box_append (GTK_BOX (top), self->menu_button);
  gtk_widget_set_parent (top, GTK_WIDGET (self));

  self->people = make_label ("dim-label", TRUE);
  gtk_widget_add_css_class (self->people, "caption");
  gtk_widget_set_parent (self->people, GTK_WIDGET (self));

  self->amount = make_label ("numeric", FALSE);
  gtk_widget_set_hexpand (self->amount, TRUE);
  self->temperature = make_label ("temperature", FALSE);
  gtk_widget_add_css_class (self->temperature, "caption");
  self->followup = make_label ("caption", FALSE);
  gtk_box_append (GTK_BOX (bottom), self->amount);
  gtk_box_append (GTK_BOX (bottom), self->temperature);
  gtk_box_append (GTK_BOX (bottom), self->followup);
  gtk_widget_set_parent (bottom, GTK_WIDGET (self));
}

GtkWidget *
nudge_deal_card_new (NudgeDealCardMenuFunc menu_func,
                     gpointer              user_data)
{
  NudgeDealCard *self = g_object_new (NUDGE_TYPE_DEAL_CARD, NULL);

  self->menu_func = menu_func;
  self->menu_data = user_data;
  return GTK_WIDGET (self);
}

void
nudge_deal_card_set_deal (NudgeDealCard *self,
                          NudgeDeal     *deal,
                          gint64         now)
{
  g_autoptr(GString) people = g_string_new (NULL);
  g_autofree char *amount = NULL;
  g_autofree char *accessible = NULL;
  const char *company;
  const char *contact;

  g_return_if_fail (NUDGE_IS_DEAL_CARD (self));

  g_set_object (&self->deal, deal);
  if (deal == NULL)
    return;

  gtk_label_set_text (GTK_LABEL (self->title), nudge_deal_get_title (deal));

  company = nudge_deal_get_company_name (deal);
  contact = nudge_deal_get_contact_name (deal);
  if (company && *company)
    g_string_append (people, company);
  if (contact && *contact)
    g_string_append_printf (people, "%s%s", people->len ? " · " : "", contact);
  gtk_label_set_text (GTK_LABEL (self->people), people->str);
  gtk_widget_set_visible (self->people, people->len > 0);

  if (nudge_deal_get_has_amount (deal))
    amount = nudge_format_money_whole (nudge_deal_get_amount_minor (deal), nudge_deal_get_currency (deal));
  gtk_label_set_text (GTK_LABEL (self->amount), amount ? amount : "");

  set_followup (self, nudge_deal_get_next_followup_at (deal), nudge_deal_get_status (deal), now);
  set_temperature (self, deal);

  /* gtk_widget_set_tooltip_text() asks the display where the pointer is,
   * a round trip per card: the text is handed over only when shown. */
  gtk_widget_set_visible (self->rotting, nudge_deal_is_rotting (deal, now));
  if (gtk_widget_get_visible (self->rotting))
    {
      int idle = nudge_deal_idle_days (deal, now);
      g_autofree char *tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Idle %d day", "Idle %d days", idle), idle);

      set_tooltip (&self->rotting_tooltip, self->rotting, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->rotting), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      set_tooltip (&self->card_tooltip, GTK_WIDGET (self), tooltip);
    }
  else
    set_tooltip (&self->card_tooltip, GTK_WIDGET (self), NULL);

  /* What a screen reader says for the card: "Deal title, Company, stage,
   * value", then what the card shows of its next step and idleness. */
  {
    g_autoptr(GString) text = g_string_new (nudge_deal_get_title (deal));
    const char *stage = nudge_deal_get_stage_name (deal);

    if (company && *company)
      g_string_append_printf (text, ", %s", company);
    if (stage && *stage)
      g_string_append_printf (text, ", %s", stage);
    if (amount != NULL)
      g_string_append_printf (text, ", %s", amount);
    g_string_append (text, ", ");
    if (nudge_deal_get_next_followup_at (deal) > 0)
      /* Translators: read by screen readers on a deal card, e.g. "next step Tomorrow"; %s is a day */
      g_string_append_printf (text, _("next step %s"), gtk_label_get_text (GTK_LABEL (self->followup)));
    else
      g_string_append (text, gtk_label_get_text (GTK_LABEL (self->followup)));
    if (gtk_widget_get_visible (self->rotting))
      {
        int idle = nudge_deal_idle_days (deal, now);

        g_string_append (text, ", ");
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "idle %d day", "idle %d days", idle), idle);
      }
    accessible = g_string_free (g_steal_pointer (&text), FALSE);
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  {
    /* Translators: accessible name of a deal card's menu button; %s is the deal's title */
    g_autofree char *menu_label = g_strdup_printf (_("More actions for %s"), nudge_deal_get_title (deal));

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);
  }
}

NudgeDeal *
nudge_deal_card_get_deal (NudgeDealCard *self)
{
  g_return_val_if_fail (NUDGE_IS_DEAL_CARD (self), NULL);
  return self->deal;
}

void
nudge_deal_card_popup_menu (NudgeDealCard *self)
{
  g_return_if_fail (NUDGE_IS_DEAL_CARD (self));

  menu_clicked_cb (GTK_BUTTON (self->menu_button), self);
}
