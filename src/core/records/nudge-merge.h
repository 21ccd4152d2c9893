/* nudge-merge.h — two contacts (or two companies) that are one: merged
 * into the survivor, with everything that hung on the other, and undone
 * exactly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nudge-store.h"

G_BEGIN_DECLS

/* One field where the two records differ, as shown to the user. */
typedef struct
{
  const char *column;         /* the table's column (static) */
  const char *label;          /* translated, e.g. "Job title" */
  char       *survivor_text;  /* the values as shown ("" when empty) */
  char       *other_text;
  gboolean    take_other;     /* the suggested choice */
} NudgeMergeField;

typedef struct _NudgeMergeUndo NudgeMergeUndo;

/* The fields where @survivor and @other differ (NudgeMergeField, freed
 * with the array). The suggestion takes the non-empty value; where both
 * have one, with @fill_only the survivor's, else the more recently
 * edited record's. E-mails, phones and notes are not listed: they are
 * united. */
GPtrArray      *nudge_merge_compare     (NudgeStore          *store,
                                         NudgeEntity          entity,
                                         gint64               survivor,
                                         gint64               other,
                                         gboolean             fill_only,
                                         GError             **error);

/* Merges @other into @survivor in one transaction: the columns named in
 * @take_other get the other's values; e-mails and phones are united;
 * deals, activities and follow-ups (for companies: contacts, deals and
 * activities) move to the survivor; the other goes to the trash. Returns
 * what Undo needs, or NULL with @error set (nothing changed). */
NudgeMergeUndo *nudge_merge_records     (NudgeStore          *store,
                                         NudgeEntity          entity,
                                         gint64               survivor,
                                         gint64               other,
                                         const char * const  *take_other,
                                         GError             **error);
/* Puts both records and every link back as they were before the merge. */
gboolean        nudge_merge_undo        (NudgeStore          *store,
                                         NudgeMergeUndo      *undo,
                                         GError             **error);
void            nudge_merge_undo_free   (NudgeMergeUndo      *undo);

/* The survivor's name after the merge, for "Merged into …". */
const char     *nudge_merge_undo_get_name (NudgeMergeUndo    *undo);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeMergeUndo, nudge_merge_undo_free)

G_END_DECLS
