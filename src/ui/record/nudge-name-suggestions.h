/* nudge-name-suggestions.h — the book's names offered under an entry row
 *
 * The record editor's Company (and a deal's Contact) is typed as a name
 * and found or made when the record is saved. While one types, the
 * companies (or contacts) whose name matches show as rows right under
 * the field; picking one puts its exact name in the field, so that Save
 * finds it instead of making a second "Agro" beside "Agro Haná s.r.o.".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nudge-search.h"
#include "nudge-store.h"

G_BEGIN_DECLS

#define NUDGE_TYPE_NAME_SUGGESTIONS (nudge_name_suggestions_get_type ())

G_DECLARE_FINAL_TYPE (NudgeNameSuggestions, nudge_name_suggestions, NUDGE, NAME_SUGGESTIONS, GObject)

/* Offers @kind (NUDGE_SEARCH_COMPANIES or NUDGE_SEARCH_CONTACTS) of
 * @store under @row, which must be the last row added to @group so far.
 * "picked" (GObject *record) tells which one was chosen. */
NudgeNameSuggestions *nudge_name_suggestions_new (AdwPreferencesGroup *group,
                                                  AdwEntryRow         *row,
                                                  NudgeStore          *store,
                                                  NudgeSearchKinds     kind);

G_END_DECLS
