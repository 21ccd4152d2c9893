/* nudge-list-empty.c — what a table says when it shows no row
 *
 * A search that matches nothing, or a segment with no one in it, would
 * leave the List with its column headers alone: the table's page says
 * why instead, under the headers, with Clear Search for a search.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-list"

#include "config.h"

#include <glib/gi18n.h>

#include "nudge-list-view-private.h"

static const char *
nothing_in_segment (NudgeEntity entity)
{
  switch (entity)
    {
    case NUDGE_ENTITY_DEAL:
      return _("No deal is in this segment.");
    case NUDGE_ENTITY_CONTACT:
      return _("No contact is in this segment.");
    case NUDGE_ENTITY_COMPANY:
    default:
      return _("No company is in this segment.");
    }
}

void
_nudge_list_update_empty (Table *table)
{
  NudgeListView *self = table->view;
  AdwStatusPage *page = ADW_STATUS_PAGE (table->empty);
  gboolean empty;

  if (page == NULL)
    return;
  /* Only once the rows are read and filtered: not while they come. */
  empty = !nudge_record_list_is_loading (table->records) &&
          gtk_filter_list_model_get_pending (table->filtered) == 0 &&
          !table->search_stale &&
          g_list_model_get_n_items (G_LIST_MODEL (table->filtered)) == 0;
  if (empty && self->search_text != NULL)
    {
      /* Translators: %s is what was typed in the List's search */
      g_autofree char *nothing = g_strdup_printf (_("Nothing matches “%s”."), self->search_text);

      adw_status_page_set_icon_name (page, "edit-find-symbolic");
      adw_status_page_set_title (page, _("No Results"));
      adw_status_page_set_description (page, nothing);
    }
  else if (empty)
    {
      adw_status_page_set_icon_name (page, "view-list-symbolic");
      adw_status_page_set_title (page, _("Nothing Here"));
      adw_status_page_set_description (page, nothing_in_segment (table->entity));
    }
  gtk_widget_set_visible (table->clear_search, self->search_text != NULL);
  gtk_widget_set_visible (table->empty, empty);
}

static void
clear_search_cb (Table *table)
{
  gtk_editable_set_text (GTK_EDITABLE (table->view->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (table->view->search_entry));
}

/* @table's page: its table (or narrow list) with what it says when it
 * shows nothing over it, centred below the column headers. */
GtkWidget *
_nudge_list_empty_wrap (Table *table)
{
  GtkWidget *overlay = gtk_overlay_new ();

  table->clear_search = gtk_button_new_with_mnemonic (_("_Clear Search"));
  gtk_widget_set_halign (table->clear_search, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (table->clear_search, "pill");
  g_signal_connect_swapped (table->clear_search, "clicked", G_CALLBACK (clear_search_cb), table);

  table->empty = adw_status_page_new ();
  gtk_widget_add_css_class (table->empty, "compact");
  gtk_widget_set_valign (table->empty, GTK_ALIGN_CENTER);
  adw_status_page_set_child (ADW_STATUS_PAGE (table->empty), table->clear_search);
  gtk_widget_set_visible (table->empty, FALSE);

  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (table->modes));
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), table->empty);

  g_signal_connect_swapped (table->filtered, "items-changed", G_CALLBACK (_nudge_list_update_empty), table);
  g_signal_connect_swapped (table->filtered, "notify::pending", G_CALLBACK (_nudge_list_update_empty), table);
  g_signal_connect_swapped (table->records, "notify::loading", G_CALLBACK (_nudge_list_update_empty), table);
  return overlay;
}
