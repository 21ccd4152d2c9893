/* nudge-record-window.c
 *
 * The salesperson opens the card and sees the whole story: the fields,
 * who and what is related, the follow-ups, and one timeline of
 * activities, stage changes, follow-ups done or missed and what rules
 * did. Phone and e-mail open the system's handlers; a next step is
 * done from here (with Undo, and the question of the next one when it
 * was the last) or opened to edit. The card follows the store, so an
 * edit or a logged call shows at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-record-window"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "nudge-accessible.h"
#include "nudge-activity-dialog.h"
#include "nudge-clock.h"
#include "nudge-contact-links.h"
#include "nudge-dialogs.h"
#include "nudge-eml-drop.h"
#include "nudge-followup-editor.h"
#include "nudge-followups-undo.h"
#include "nudge-followups.h"
#include "nudge-format.h"
#include "nudge-item-row.h"
#include "nudge-next-step-dialog.h"
#include "nudge-record-editor.h"
#include "nudge-record-stage.h"
#include "nudge-record-window.h"
#include "nudge-scoring.h"
#include "nudge-timeline.h"
#include "nudge-view-actions.h"
#include "nudge-window.h"

struct _NudgeRecordWindow
{
  AdwWindow         parent_instance;

  NudgeContext     *context;
  NudgeStore       *store;          /* the context's */
  NudgeEntity       entity;
  gint64            id;
  gint64            deal_contact;   /* a deal's contact, for logging */
  gboolean          closed;         /* a won, lost or on-hold deal */
  guint             refresh_id;

  AdwToastOverlay  *toasts;
  AdwBin           *content;
  GtkWidget        *steps;       /* the page's Next Steps group */
  GtkWidget        *first_step;  /* what takes the focus there */
  gulong            restore_id;
  guint             restore_idle_id;
  double            restore_to;
};

G_DEFINE_FINAL_TYPE (NudgeRecordWindow, nudge_record_window, ADW_TYPE_WINDOW)

static void refresh (NudgeRecordWindow *self);

static const char *
activity_icon (const char *kind)
{
  static const struct { const char *kind; const char *icon; } icons[] = {
    { "call", "call-start-symbolic" },
    { "email", "mail-unread-symbolic" },
    { "meeting", "system-users-symbolic" },
    { "note", "document-edit-symbolic" },
    { "demo", "starred-symbolic" },
    { "pricing_visit", "emblem-important-symbolic" },
    { "download", "folder-download-symbolic" },
    /* Not a chevron: a timeline row does not lead anywhere */
    { "stage_change", "nudge-pipeline-symbolic" },
    { "followup_done", "object-select-symbolic" },
    { "followup_missed", "task-past-due-symbolic" },
    { "rule", "emblem-system-symbolic" },
    { "import", "document-open-symbolic" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    if (g_strcmp0 (icons[i].kind, kind) == 0)
      return icons[i].icon;
  return "emblem-documents-symbolic";
}

/* GTK lays out a long wrapping label at every measure: a whole 100,000
 * character note took a page fifteen seconds to open, and again after
 * each change. The page shows the beginning of notes (a record's own,
 * and a call's or e-mail's in its history row); the editor has them
 * all. */
#define HISTORY_NOTES_CHARS 240
#define HISTORY_NOTES_LINES 3
#define NOTES_CHARS 1500
#define NOTES_LINES 20

/* A call or e-mail to a contact is offered for logging on return
 * (nudge-contact-links.c). */
static void
open_uri_cb (GtkWidget  *row,
             const char *uri)
{
  NudgeRecordWindow *self = NUDGE_RECORD_WINDOW (gtk_widget_get_root (row));

  nudge_contact_links_open (GTK_WINDOW (self), self->toasts, self->context,
                            self->entity == NUDGE_ENTITY_CONTACT ? self->id : self->deal_contact,
                            self->entity == NUDGE_ENTITY_DEAL ? self->id : 0,
                            uri);
}

/* A row's title and subtitle are Pango markup in libadwaita: what the
 * user typed is escaped, or a company "Novák & syn" or a note with
 * "<b>" shows as an empty line. */
static void
set_row_text (GtkWidget  *row,
              const char *title,
              const char *subtitle)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  if (subtitle != NULL)
    {
      g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle, -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
    }
}

/* The row added, NULL for an empty @value. */
static GtkWidget *
add_field (AdwPreferencesGroup *group,
           const char          *title,
           const char          *value,
           const char          *uri_scheme)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return NULL;
  row = adw_action_row_new ();
  set_row_text (row, title, value);
  gtk_widget_add_css_class (row, "property");
  if (uri_scheme != NULL)
    {
      g_autofree char *uri = nudge_format_contact_uri (uri_scheme, value);

      /* Only mailto:, tel: and http(s): links, escaped; none for a value
       * that makes no such link. */
      if (uri != NULL)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name (g_str_equal (uri_scheme, "tel") ? "call-start-symbolic"
                                                          : g_str_equal (uri_scheme, "mailto") ? "mail-send-symbolic"
                                                          : "adw-external-link-symbolic");

          adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_signal_connect_data (row, "activated", G_CALLBACK (open_uri_cb), g_steal_pointer (&uri),
                                 (GClosureNotify) g_free, 0);
        }
    }
  adw_preferences_group_add (group, row);
  return row;
}

static void
add_notes (AdwPreferencesGroup *group,
           const char          *notes)
{
  g_autofree char *excerpt = nudge_text_excerpt (notes, NOTES_CHARS, NOTES_LINES);

  add_field (group, _("Notes"), excerpt, NULL);
}

/* The row of a related record: its entity and id, "(ix)". */
static void
open_related_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  NudgeRecordWindow *self = NUDGE_RECORD_WINDOW (widget);
  gint32 entity;
  gint64 id;

  g_variant_get (parameter, "(ix)", &entity, &id);
  nudge_record_window_present (GTK_WINDOW (self), self->context, entity, id);
}

static void
add_related (NudgeRecordWindow   *self,
             AdwPreferencesGroup *group,
             NudgeEntity          entity,
             gint64               id,
             const char          *title,
             const char          *subtitle)
{
  GtkWidget *row;

  if (id <= 0)
    return;
  row = adw_action_row_new ();
  set_row_text (row, title != NULL ? title : "", subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), entity == NUDGE_ENTITY_DEAL ? "nudge-pipeline-symbolic"
                                                    : entity == NUDGE_ENTITY_CONTACT ? "avatar-default-symbolic"
                                                    : "nudge-list-symbolic");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(ix)", (gint32) entity, id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "record.open-related");
  adw_preferences_group_add (group, row);
}

/* A company may have thousands of contacts: a page shows the first
 * RELATED_SHOWN of a kind, and says how many more there are. */
#define RELATED_SHOWN 100

static gboolean
add_related_more (AdwPreferencesGroup *group,
                  guint                i,
                  guint                n)
{
  GtkWidget *row;
  g_autofree char *title = NULL;

  if (i < RELATED_SHOWN)
    return FALSE;
  /* Translators: the last row of a record's related contacts or deals */
  title = g_strdup_printf (ngettext ("And %u more", "And %u more", n - i), n - i);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (row, "dim-label");
  adw_preferences_group_add (group, row);
  return TRUE;
}

/* Under a deal's title in a contact's or company's deals: the stage an
 * open one is in, and how a closed one ended and when ("Won · 3. 12.
 * 2026") — not the name of the stage it was closed in, which the book
 * may have in another language, and which says nothing of when. Then
 * its amount. */
static char *
related_deal_subtitle (NudgeDeal *deal)
{
  NudgeDealStatus status = nudge_deal_get_status (deal);
  const char *outcome = nudge_deal_status_label (status);
  g_autofree char *amount = NULL;
  g_autofree char *where = NULL;

  if (status == NUDGE_DEAL_OPEN)
    where = g_strdup (nudge_deal_get_stage_name (deal));
  else if (status == NUDGE_DEAL_ON_HOLD)
    where = g_strdup_printf ("%s · %s", outcome, nudge_deal_get_stage_name (deal));
  else if (nudge_deal_get_closed_at (deal) > 0)
    {
      g_autofree char *day = nudge_format_date (nudge_deal_get_closed_at (deal));

      where = g_strdup_printf ("%s · %s", outcome, day);
    }
  else
    where = g_strdup (outcome);
  if (!nudge_deal_get_has_amount (deal))
    return g_steal_pointer (&where);
  amount = nudge_format_money_brief (nudge_deal_get_amount_minor (deal), nudge_deal_get_currency (deal));
  return g_strdup_printf ("%s · %s", where, amount);
}

static void
add_related_deals (NudgeRecordWindow   *self,
                   AdwPreferencesGroup *group,
                   GPtrArray           *deals)
{
  for (guint i = 0; deals != NULL && i < deals->len && !add_related_more (group, i, deals->len); i++)
    {
      NudgeDeal *d = g_ptr_array_index (deals, i);
      g_autofree char *subtitle = related_deal_subtitle (d);

      add_related (self, group, NUDGE_ENTITY_DEAL, nudge_deal_get_id (d), nudge_deal_get_title (d), subtitle);
    }
}

/* A group's title and description are markup too: a record's name and
 * job title or industry are escaped. */
static AdwPreferencesGroup *
new_group (GtkWidget  *page,
           const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (title, -1);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), escaped);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}

static void
set_group_description (AdwPreferencesGroup *group,
                       const char          *description)
{
  g_autofree char *escaped = description != NULL ? g_markup_escape_text (description, -1) : NULL;

  adw_preferences_group_set_description (group, escaped);
}

static void
fill_deal (NudgeRecordWindow *self,
           GtkWidget         *page)
{
  g_autoptr(NudgeDeal) deal = nudge_store_get_deal (self->store, self->id, NULL);
  g_autoptr(NudgeScoreWeights) weights = nudge_score_weights_new ();
  g_autoptr(NudgeScore) score = NULL;
  AdwPreferencesGroup *group;
  g_autofree char *amount = NULL;
  g_autofree char *probability = NULL;
  g_autofree char *close_date = NULL;

  if (deal == NULL)
    return;
  self->deal_contact = nudge_deal_get_contact_id (deal);
  self->closed = nudge_deal_get_status (deal) != NUDGE_DEAL_OPEN;
  gtk_window_set_title (GTK_WINDOW (self), nudge_deal_get_title (deal));

  group = new_group (page, nudge_deal_get_title (deal));
  set_group_description (group, nudge_deal_status_label (nudge_deal_get_status (deal)));
  if (nudge_deal_get_has_amount (deal))
    amount = nudge_format_money_brief (nudge_deal_get_amount_minor (deal), nudge_deal_get_currency (deal));
  {
    const char *iso = nudge_deal_get_expected_close (deal);
    int y, m, d;

    /* Stored as YYYY-MM-DD; shown in the user's own date format. */
    if (iso != NULL && sscanf (iso, "%d-%d-%d", &y, &m, &d) == 3)
      {
        g_autoptr(GDateTime) dt = nudge_clock_local_new (y, m, d, 12, 0, 0);

        if (dt != NULL)
          close_date = nudge_format_date (g_date_time_to_unix (dt));
      }
  }
  {
    g_autofree char *percent = nudge_format_percent (nudge_deal_get_stage_probability (deal));

    probability = g_strdup_printf ("%s · %s", nudge_deal_get_stage_name (deal), percent);
  }
  adw_action_row_add_suffix (ADW_ACTION_ROW (add_field (group, _("Stage"), probability, NULL)),
                             nudge_record_stage_button_new (self->store, deal));
  add_field (group, _("Amount"), amount, NULL);
  add_field (group, _("Expected close"), close_date ? close_date : nudge_deal_get_expected_close (deal), NULL);
  add_field (group, _("Product"), nudge_deal_get_product (deal), NULL);
  add_field (group, _("Labels"), nudge_deal_get_labels (deal), NULL);
  add_field (group, _("Lost reason"), nudge_deal_get_lost_reason (deal), NULL);
  add_notes (group, nudge_deal_get_notes (deal));

  score = nudge_score_compute (self->store, NUDGE_ENTITY_DEAL, self->id, weights, NULL);
  if (score != NULL && score->reasons->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *title = g_strdup_printf (_("Engagement %.0f · %s"), score->score,
                                                g_str_equal (score->temperature, "hot") ? _("Hot")
                                                : g_str_equal (score->temperature, "warm") ? _("Warm") : _("Cold"));

      for (guint i = 0; i < score->reasons->len && i < 4; i++)
        g_string_append_printf (text, "%s%s", i ? "\n" : "", (char *) g_ptr_array_index (score->reasons, i));
      add_field (group, title, text->str, NULL);
    }

  group = new_group (page, _("People"));
  add_related (self, group, NUDGE_ENTITY_CONTACT, nudge_deal_get_contact_id (deal),
               nudge_deal_get_contact_name (deal), _("Contact"));
  add_related (self, group, NUDGE_ENTITY_COMPANY, nudge_deal_get_company_id (deal),
               nudge_deal_get_company_name (deal), _("Company"));
  if (nudge_deal_get_contact_id (deal) <= 0 && nudge_deal_get_company_id (deal) <= 0)
    gtk_widget_set_visible (GTK_WIDGET (group), FALSE);
}

/* "work", "mobile", "home" as the address books wrote them. */
static const char *
channel_label (const char *label)
{
  if (g_strcmp0 (label, "work") == 0)
    return C_("phone or e-mail", "work");
  if (g_strcmp0 (label, "mobile") == 0)
    return C_("phone", "mobile");
  if (g_strcmp0 (label, "home") == 0)
    return C_("phone or e-mail", "home");
  return label;
}

/* Every e-mail and phone a contact came with (imports from address
 * books keep them all), each with its kind; the primary ones first. */
static void
add_channels (NudgeRecordWindow   *self,
              AdwPreferencesGroup *group,
              NudgeContact        *contact)
{
  g_autoptr(GPtrArray) channels = nudge_store_list_contact_channels (self->store, nudge_contact_get_id (contact), NULL);
  gboolean has_phone = FALSE, has_email = FALSE;

  for (guint i = 0; channels != NULL && i < channels->len; i++)
    {
      char **channel = g_ptr_array_index (channels, i);

      has_phone |= g_str_equal (channel[0], "phone") && g_strcmp0 (channel[2], nudge_contact_get_phone (contact)) == 0;
      has_email |= g_str_equal (channel[0], "email") && g_strcmp0 (channel[2], nudge_contact_get_email (contact)) == 0;
    }
  if (!has_phone)
    add_field (group, _("Phone"), nudge_contact_get_phone (contact), "tel");
  if (!has_email)
    add_field (group, _("E-mail"), nudge_contact_get_email (contact), "mailto");
  for (guint i = 0; channels != NULL && i < channels->len; i++)
    {
      char **channel = g_ptr_array_index (channels, i);
      gboolean phone = g_str_equal (channel[0], "phone");
      const char *kind = phone ? _("Phone") : _("E-mail");
      g_autofree char *title = channel[1] != NULL && *channel[1] != '\0'
                               /* Translators: "Phone (mobile)", "E-mail (work)" */
                               ? g_strdup_printf (_("%s (%s)"), kind, channel_label (channel[1]))
                               : g_strdup (kind);

      add_field (group, title, channel[2], phone ? "tel" : "mailto");
    }
}

/* "1985-04-12", or "--04-12" without the year. */
static void
add_birthday (AdwPreferencesGroup *group,
              const char          *birthday)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *text = NULL;
  int y = 0, m = 0, d = 0;

  if (birthday == NULL || *birthday == '\0')
    return;
  if (sscanf (birthday, "%d-%d-%d", &y, &m, &d) == 3 && (day = nudge_clock_local_new (y, m, d, 12, 0, 0)))
    text = nudge_format_date (g_date_time_to_unix (day));
  else if (sscanf (birthday, "--%d-%d", &m, &d) == 2 && (day = nudge_clock_local_new (2000, m, d, 12, 0, 0)))
    /* Translators: a birthday without the year, as strftime: "12 April" */
    text = g_date_time_format (day, _("%-d %B"));
  add_field (group, _("Birthday"), text ? text : birthday, NULL);
}

static void
fill_contact (NudgeRecordWindow *self,
              GtkWidget         *page)
{
  g_autoptr(NudgeContact) contact = nudge_store_get_contact (self->store, self->id, NULL);
  g_autoptr(GPtrArray) deals = NULL;
  AdwPreferencesGroup *group;

  if (contact == NULL)
    return;
  gtk_window_set_title (GTK_WINDOW (self), nudge_contact_get_name (contact));
  group = new_group (page, nudge_contact_get_name (contact));
  set_group_description (group, nudge_contact_get_title (contact));
  add_channels (self, group, contact);
  if (nudge_contact_get_decision_maker (contact))
    add_field (group, _("Role"), _("Makes the buying decision"), NULL);
  add_field (group, _("Source"), nudge_contact_get_source (contact), NULL);
  add_field (group, _("Tags"), nudge_contact_get_tags (contact), NULL);
  if (nudge_contact_get_stay_max_days (contact) > 0)
    {
      NudgeStayState state = nudge_contact_stay_state (contact, nudge_clock_now ());
      int ideal = nudge_contact_get_stay_ideal_days (contact);
      int max = nudge_contact_get_stay_max_days (contact);
      g_autofree char *every = g_strdup_printf (ngettext ("Every %d day", "Every %d days", ideal), ideal);
      /* Translators: how long a contact may go without a touch, e.g. "at the latest after 30 days" */
      g_autofree char *latest = g_strdup_printf (ngettext ("at the latest after %d day", "at the latest after %d days", max),
                                                 max);
      /* Translators: "Every 14 days", "at the latest after 30 days", then "overdue", "due" or "in touch" */
      g_autofree char *text = g_strdup_printf (_("%s, %s — %s"), every, latest,
                                               state == NUDGE_STAY_OVERDUE ? _("overdue")
                                               : state == NUDGE_STAY_DUE ? _("due") : _("in touch"));
      add_field (group, _("Stay in touch"), text, NULL);
    }
  add_birthday (group, nudge_contact_get_birthday (contact));
  add_field (group, _("Address"), nudge_contact_get_address (contact), NULL);
  add_field (group, _("Website"), nudge_contact_get_website (contact), "http");
  add_notes (group, nudge_contact_get_notes (contact));

  group = new_group (page, _("Company and Deals"));
  add_related (self, group, NUDGE_ENTITY_COMPANY, nudge_contact_get_company_id (contact),
               nudge_contact_get_company_name (contact), _("Company"));
  deals = nudge_store_list_deals_of (self->store, NUDGE_ENTITY_CONTACT, self->id, NULL);
  add_related_deals (self, group, deals);
}

static void
fill_company (NudgeRecordWindow *self,
              GtkWidget         *page)
{
  g_autoptr(NudgeCompany) company = nudge_store_get_company (self->store, self->id, NULL);
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) deals = NULL;
  AdwPreferencesGroup *group;

  if (company == NULL)
    return;
  gtk_window_set_title (GTK_WINDOW (self), nudge_company_get_name (company));
  group = new_group (page, nudge_company_get_name (company));
  set_group_description (group, nudge_company_get_industry (company));
  add_field (group, _("Phone"), nudge_company_get_phone (company), "tel");
  add_field (group, _("E-mail"), nudge_company_get_email (company), "mailto");
  add_field (group, _("Website"), nudge_company_get_website (company), "http");
  add_notes (group, nudge_company_get_notes (company));

  group = new_group (page, _("Contacts"));
  contacts = nudge_store_list_company_contacts (self->store, self->id, NULL);
  for (guint i = 0; contacts && i < contacts->len && !add_related_more (group, i, contacts->len); i++)
    {
      NudgeContact *c = g_ptr_array_index (contacts, i);

      add_related (self, group, NUDGE_ENTITY_CONTACT, nudge_contact_get_id (c), nudge_contact_get_name (c),
                   nudge_contact_get_title (c));
    }
  group = new_group (page, _("Deals"));
  deals = nudge_store_list_deals_of (self->store, NUDGE_ENTITY_COMPANY, self->id, NULL);
  add_related_deals (self, group, deals);
}

static void
fill_followups (NudgeRecordWindow *self,
                GtkWidget         *page)
{
  g_autoptr(GPtrArray) followups = NULL;
  AdwPreferencesGroup *group;
  gint64 now = nudge_clock_now ();

  if (self->entity == NUDGE_ENTITY_COMPANY)
    return;
  followups = nudge_store_list_followups (self->store, self->entity, self->id, TRUE, NULL);
  group = new_group (page, _("Next Steps"));
  self->steps = GTK_WIDGET (group);
  if ((followups == NULL || followups->len == 0) && self->closed)
    {
      /* A closed deal is meant to be quiet: nothing to flag. */
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing planned"));
      adw_preferences_group_add (group, row);
      return;
    }
  if (followups == NULL || followups->len == 0)
    {
      GtkWidget *plan = gtk_button_new_with_mnemonic (_("_Plan…"));
      GtkWidget *row = nudge_suffix_row_new (_("No next step"), _("Plan one so this does not go cold"), plan);

      gtk_widget_add_css_class (row, "no-next-step");
      gtk_widget_set_name (plan, "plan-next-step");
      gtk_accessible_update_property (GTK_ACCESSIBLE (plan), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Plan the next step"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (plan), "record.plan-next-step");
      adw_preferences_group_add (group, row);
      self->first_step = plan;
      return;
    }
  for (guint i = 0; i < followups->len; i++)
    {
      NudgeFollowup *f = g_ptr_array_index (followups, i);
      GtkWidget *row = adw_action_row_new ();
      gint64 at = nudge_followup_get_next_at (f) ? nudge_followup_get_next_at (f) : nudge_followup_get_due_at (f);
      g_autofree char *day = nudge_format_relative_day (at, now);
      g_autofree char *time = nudge_format_time (at);
      /* As Today and the search results say it: "Zítra v 10:00" */
      g_autofree char *when = g_strdup_printf (C_("day and time", "%s %s"), day, time);

      /* TRANSLATORS: accessible name of a next step's Done button on a
       * deal's or contact's page; %s is the follow-up's title */
      g_autofree char *done_label = g_strdup_printf (_("Mark %s as done"), nudge_followup_get_title (f));
      GtkWidget *done = nudge_icon_button_new ("object-select-symbolic", _("Done"), done_label);
      g_autofree char *title = g_markup_escape_text (nudge_followup_get_title (f), -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), activity_icon (nudge_followup_get_kind (f)));
      if (at < now)
        gtk_widget_add_css_class (row, "overdue");
      /* The row opens the follow-up; its button marks it done. Both act
       * on its current occurrence (0): @at may be a snoozed time. */
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "record.edit-followup");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(xx)", nudge_followup_get_id (f), (gint64) 0);
      gtk_widget_set_name (done, "followup-done");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (done), "record.followup-done");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (done), "(xx)", nudge_followup_get_id (f), (gint64) 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), done);
      adw_preferences_group_add (group, row);
      if (i == 0)
        self->first_step = row;
    }
}

static void
fill_timeline (NudgeRecordWindow *self,
               GtkWidget         *page)
{
  g_autoptr(GPtrArray) items = nudge_timeline_list (self->store, self->entity, self->id, NULL);
  AdwPreferencesGroup *group = new_group (page, _("History"));
  gint64 now = nudge_clock_now ();

  if (items == NULL || items->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing logged yet"));
      adw_preferences_group_add (group, row);
      return;
    }
  for (guint i = 0; i < items->len && i < 200; i++)
    {
      NudgeActivity *a = g_ptr_array_index (items, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *day = nudge_format_relative_day (nudge_activity_get_occurred_at (a), now);
      g_autofree char *time = nudge_format_time (nudge_activity_get_occurred_at (a));
      /* As Today and the search results say it: "Včera v 16:00" */
      g_autofree char *when = g_strdup_printf (C_("day and time", "%s %s"), day, time);
      const char *kind = nudge_activity_get_kind (a);
      const char *summary = nudge_activity_get_summary (a);
      const char *direction = nudge_activity_get_direction (a) == NUDGE_DIRECTION_IN ? _("from them") : _("from you");
      g_autofree char *excerpt = nudge_text_excerpt (nudge_activity_get_body (a), HISTORY_NOTES_CHARS,
                                                     HISTORY_NOTES_LINES);
      g_autofree char *subtitle = NULL;
      g_autofree char *title = NULL;
      gboolean untitled = summary == NULL || *summary == '\0';

      /* A call logged with notes and no summary is titled by its kind:
       * its subtitle does not say the kind again. */
      title = g_markup_escape_text (untitled ? nudge_activity_kind_label (kind) : summary, -1);
      if (g_str_equal (kind, "stage_change") || g_str_has_prefix (kind, "followup") || g_str_equal (kind, "rule") ||
          g_str_equal (kind, "import"))
        subtitle = g_markup_escape_text (when, -1);
      else if (untitled)
        subtitle = g_markup_printf_escaped ("%s · %s", when, direction);
      else
        subtitle = g_markup_printf_escaped ("%s · %s · %s", when, nudge_activity_kind_label (kind), direction);
      /* What was said: the notes were nowhere on the page. */
      if (excerpt != NULL)
        {
          g_autofree char *escaped = g_markup_escape_text (excerpt, -1);
          char *with_notes = g_strconcat (subtitle, "\n", escaped, NULL);

          g_free (subtitle);
          subtitle = with_notes;
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      nudge_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), activity_icon (kind));
      if (g_str_equal (kind, "followup_missed"))
        gtk_widget_add_css_class (row, "overdue");
      adw_preferences_group_add (group, row);
    }
}

/* AdwPreferencesPage scrolls in a scrolled window of its own (libadwaita
 * 1.2 has no getter for it): its vertical adjustment. */
static GtkAdjustment *
page_vadjustment (GtkWidget *page)
{
  for (GtkWidget *child = page ? gtk_widget_get_first_child (page) : NULL; child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_SCROLLED_WINDOW (child))
      return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (child));
  return NULL;
}

static gboolean
restore_scroll_idle_cb (gpointer data)
{
  NudgeRecordWindow *self = data;
  GtkAdjustment *adjustment = page_vadjustment (adw_bin_get_child (self->content));

  self->restore_idle_id = 0;
  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, self->restore_to);
  return G_SOURCE_REMOVE;
}

/* As the new page grows to its height (in more than one layout), it is
 * scrolled to where the old one was, until it gets there: a step marked
 * done lower down does not send the page to the top. Not from inside
 * the layout that says the new height: the viewport would not move its
 * page for it. */
static void
restore_scroll_cb (GtkAdjustment     *adjustment,
                   NudgeRecordWindow *self)
{
  if (self->restore_idle_id == 0)
    self->restore_idle_id = g_idle_add (restore_scroll_idle_cb, self);
  if (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) >= self->restore_to)
    g_clear_signal_handler (&self->restore_id, adjustment);
}

static void
refresh (NudgeRecordWindow *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkAdjustment *old = page_vadjustment (adw_bin_get_child (self->content));
  GtkAdjustment *adjustment = page_vadjustment (page);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  /* A step was done or planned from the keyboard: the focus stays with
   * the steps, and the page does not scroll to the top for it. */
  gboolean focus_in_steps = focus != NULL && self->steps != NULL && gtk_widget_is_ancestor (focus, self->steps);

  self->steps = self->first_step = NULL;
  switch (self->entity)
    {
    case NUDGE_ENTITY_DEAL:    fill_deal (self, page); break;
    case NUDGE_ENTITY_CONTACT: fill_contact (self, page); break;
    default:                   fill_company (self, page); break;
    }
  fill_followups (self, page);
  fill_timeline (self, page);

  if (self->restore_id != 0 && old != NULL)
    g_clear_signal_handler (&self->restore_id, old);
  else if (old != NULL)
    self->restore_to = gtk_adjustment_get_value (old);
  adw_bin_set_child (self->content, page);
  if (self->restore_to > 0 && adjustment != NULL)
    self->restore_id = g_signal_connect (adjustment, "changed", G_CALLBACK (restore_scroll_cb), self);
  if (focus_in_steps && self->first_step != NULL)
    gtk_widget_grab_focus (self->first_step);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  NudgeRecordWindow *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
store_changes_cb (NudgeRecordWindow *self,
                  NudgeChangeSet    *changes,
                  NudgeStore        *store)
{
  NudgeChange change;

  if (nudge_change_set_lookup (changes, self->entity, self->id, &change) && change == NUDGE_CHANGE_REMOVED)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (150, refresh_idle_cb, self);
}

static void
edit_cb (NudgeRecordWindow *self)
{
  nudge_record_editor_present (GTK_WINDOW (self), self->context, self->entity, self->id);
}

static void
log_cb (NudgeRecordWindow *self)
{
  nudge_activity_dialog_present (GTK_WINDOW (self), self->context,
                                 self->entity == NUDGE_ENTITY_DEAL ? self->id : 0,
                                 self->entity == NUDGE_ENTITY_CONTACT ? self->id : self->deal_contact);
}

static void
plan_next_step_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  NudgeRecordWindow *self = NUDGE_RECORD_WINDOW (widget);

  nudge_next_step_dialog_present_for_record (GTK_WINDOW (self), self->context,
                                             self->entity == NUDGE_ENTITY_DEAL ? self->id : 0,
                                             self->entity == NUDGE_ENTITY_CONTACT ? self->id : 0);
}

/* Ctrl+Z, as in the main window: the Undo of the toast on screen (a
 * move, a step done, a logged call), or a word that there is none. */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NudgeRecordWindow *self = NUDGE_RECORD_WINDOW (widget);

  if (!nudge_toast_undo_last (widget))
    nudge_toast_overlay_add (self->toasts, nudge_view_nothing_to_undo (widget));
}

static void
move_to_stage_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NudgeRecordWindow *self = NUDGE_RECORD_WINDOW (widget);

  nudge_record_stage_move (GTK_WINDOW (self), self->toasts, self->context, self->id, g_variant_get_int64 (parameter));
}

/* A next step done here, as in Today: one transaction, a toast with
 * Undo, and what comes next asked when it was the last. */
static void
followup_done_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NudgeRecordWindow *self = NUDGE_RECORD_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id, occurrence;

  g_variant_get (parameter, "(xx)", &id, &occurrence);
  if (!nudge_next_step_dialog_complete (GTK_WINDOW (self), self->context, self->store, GTK_WIDGET (self->content),
                                        id, occurrence, &error))
    nudge_toast_overlay_add (self->toasts, adw_toast_new (error->message));
}

static void
edit_followup_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NudgeRecordWindow *self = NUDGE_RECORD_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(NudgeFollowup) f = NULL;
  gint64 id, occurrence;

  g_variant_get (parameter, "(xx)", &id, &occurrence);
  if (!(f = nudge_store_get_followup (self->store, id, &error)))
    {
      nudge_toast_overlay_add (self->toasts, adw_toast_new (error->message));
      return;
    }
  nudge_followup_editor_present (GTK_WINDOW (self), self->context, f, occurrence,
                                 nudge_followup_get_deal_id (f), nudge_followup_get_contact_id (f));
}

static void
delete_cb (NudgeRecordWindow *self)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *main_window = gtk_window_get_transient_for (GTK_WINDOW (self));
  AdwToast *toast;

  while (main_window != NULL && !NUDGE_IS_WINDOW (main_window))
    main_window = gtk_window_get_transient_for (main_window);

  if (!nudge_store_trash (self->store, self->entity, &self->id, 1, &error))
    {
      nudge_toast_overlay_add (self->toasts, adw_toast_new (error->message));
      return;
    }

  toast = adw_toast_new (self->entity == NUDGE_ENTITY_DEAL ? _("Deal deleted")
                         : self->entity == NUDGE_ENTITY_CONTACT ? _("Contact deleted") : _("Company deleted"));
  nudge_toast_set_undo_trash (toast, self->store, self->entity, &self->id, 1);
  if (main_window != NULL)
    nudge_window_add_toast (NUDGE_WINDOW (main_window), toast);
  else
    g_object_unref (toast);  /* AdwToast is not floating */
  /* The store's "removed" closes this window. */
}

static void
nudge_record_window_dispose (GObject *object)
{
  NudgeRecordWindow *self = (NudgeRecordWindow *) object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->restore_idle_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), NUDGE_TYPE_RECORD_WINDOW);

  G_OBJECT_CLASS (nudge_record_window_parent_class)->dispose (object);
}

static void
nudge_record_window_class_init (NudgeRecordWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nudge_record_window_dispose;
  nudge_dialogs_install_context_property (object_class, G_STRUCT_OFFSET (NudgeRecordWindow, context),
                                          G_STRUCT_OFFSET (NudgeRecordWindow, store));

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/nudgecrm/Nudge/ui/nudge-record-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NudgeRecordWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, NudgeRecordWindow, content);
  gtk_widget_class_bind_template_callback (widget_class, edit_cb);
  gtk_widget_class_bind_template_callback (widget_class, log_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_cb);

  gtk_widget_class_install_action (widget_class, "record.plan-next-step", NULL, plan_next_step_action);
  gtk_widget_class_install_action (widget_class, "record.open-related", "(ix)", open_related_action);
  gtk_widget_class_install_action (widget_class, "record.move-to-stage", "x", move_to_stage_action);
  gtk_widget_class_install_action (widget_class, "record.followup-done", "(xx)", followup_done_action);
  gtk_widget_class_install_action (widget_class, "record.edit-followup", "(xx)", edit_followup_action);
  gtk_widget_class_install_action (widget_class, "record.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "record.undo", NULL);
}

static void
nudge_record_window_init (NudgeRecordWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

NudgeRecordWindow *
nudge_record_window_present (GtkWindow    *parent,
                             NudgeContext *context,
                             NudgeEntity   entity,
                             gint64        id)
{
  NudgeRecordWindow *self;
  NudgeStore *store;

  g_return_val_if_fail (NUDGE_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (entity <= NUDGE_ENTITY_DEAL, NULL);

  /* One card per record: a second open raises it. */
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l; l = l->next)
      if (NUDGE_IS_RECORD_WINDOW (l->data) &&
          NUDGE_RECORD_WINDOW (l->data)->entity == entity && NUDGE_RECORD_WINDOW (l->data)->id == id)
        {
          gtk_window_present (l->data);
          return l->data;
        }
  }

  self = g_object_new (NUDGE_TYPE_RECORD_WINDOW, "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "context", context, NULL);
  store = self->store;
  self->entity = entity;
  self->id = id;
  /* E-mails dropped on a deal or a contact are logged there (nudge-eml-drop.c). */
  nudge_eml_drop_attach (self->toasts, store, entity == NUDGE_ENTITY_DEAL ? id : 0,
                         entity == NUDGE_ENTITY_CONTACT ? id : 0);
  refresh (self);
  g_signal_connect_object (store, "changes", G_CALLBACK (store_changes_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/* The record shown, for what is done "for the current record" (the
 * header's new follow-up). */
gint64
nudge_record_window_get_record (NudgeRecordWindow *self,
                                NudgeEntity       *entity)
{
  g_return_val_if_fail (NUDGE_IS_RECORD_WINDOW (self), 0);

  if (entity != NULL)
    *entity = self->entity;
  return self->id;
}
