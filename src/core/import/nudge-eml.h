/* nudge-eml.h — e-mails (.eml files, mbox) logged as activities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nudge-store.h"

G_BEGIN_DECLS

/* One message as read (GMime), before it is logged. */
typedef struct
{
  char   *subject;      /* decoded, UTF-8; "" when none */
  gint64  date;         /* Unix time; 0 when the message has no Date */
  char   *message_id;   /* without <>; a digest of the headers when none */
  char   *from;         /* the sender's address, lower case; "" when none */
  char   *from_name;    /* the sender's name as the message gives it; "" when none */
  GStrv   recipients;   /* To and Cc addresses, lower case */
  GStrv   recipient_names; /* their names, "" where none */
  char   *body;         /* the text part (or the HTML's text), UTF-8 */
} NudgeEmlMessage;

void             nudge_eml_message_free (NudgeEmlMessage *message);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NudgeEmlMessage, nudge_eml_message_free)

/* Someone a message was from (or, sent by the user, to) whom no contact
 * has as an address */
typedef struct
{
  char *address;          /* lower case */
  char *name;             /* as the message gives it; "" when none */
} NudgeEmlStranger;

void             nudge_eml_stranger_free (NudgeEmlStranger *stranger);

typedef struct
{
  guint       n_logged;
  guint       n_duplicates;   /* the same Message-ID was logged before */
  guint       n_unmatched;    /* no contact has any of its addresses */
  GArray     *activity_ids;   /* gint64, the activities added */
  GPtrArray  *strangers;      /* NudgeEmlStranger of the unmatched messages, each once */
  GHashTable *stranger_index; /* their addresses */
  GPtrArray  *unmatched;      /* NudgeEmlMessage: the unmatched messages of @strangers, as read */
  gsize       unmatched_size; /* their text, in bytes */
  gboolean    unmatched_partial; /* more text than is kept: some are not in @unmatched */
} NudgeEmlResult;

/* Where messages are logged and whose they are */
typedef struct
{
  const char * const *own_addresses;  /* the user's: a message from one is outgoing */
  gint64              deal_id;        /* or 0 */
  gint64              contact_id;     /* or 0: the first contact an address belongs to */
} NudgeEmlTarget;

void             nudge_eml_result_clear (NudgeEmlResult   *result);

/* TRUE when @data looks like an mbox ("From " on the first line). */
gboolean         nudge_eml_is_mbox      (const char       *data,
                                         gsize             length);
/* The messages of one .eml or of an mbox (NudgeEmlMessage). An input
 * with no message in it is an error. */
GPtrArray       *nudge_eml_parse        (const char       *data,
                                         gsize             length,
                                         GError          **error);

/* Logs @message as an e-mail activity: outgoing when it is from one of
 * @target's own_addresses, else incoming; linked to its deal_id (or 0) and
 * to its contact_id, or, with 0, to the first contact one of its addresses
 * belongs to (the sender's first for a message received). A message
 * logged before (same Message-ID) is counted as a duplicate, one that
 * matches nobody (no contact or deal) as unmatched. */
gboolean         nudge_eml_log_message  (NudgeStore            *store,
                                         NudgeEmlMessage       *message,
                                         const NudgeEmlTarget  *target,
                                         NudgeEmlResult        *result,
                                         GError               **error);
/* Every message of every file (each an .eml or an mbox, read message by
 * message, so a large mbox is never whole in memory), in one
 * transaction: all or nothing. For a worker thread. */
gboolean         nudge_eml_import_files (NudgeStore            *store,
                                         GFile                **files,
                                         guint                  n_files,
                                         const NudgeEmlTarget  *target,
                                         GCancellable          *cancellable,
                                         NudgeEmlResult        *result,
                                         GError               **error);
/* Adds a contact for each of @strangers (named as their messages name
 * them, else by their address) that no contact has the address of by
 * now, then logs their messages: @unmatched as an earlier import kept
 * them (so the files may be gone by now), or, when it could not keep
 * them all (NULL), @files read again as nudge_eml_import_files() does.
 * The messages join the new contacts' timelines. All in one
 * transaction. The new contacts' ids are appended to @contact_ids. For
 * a worker thread. */
gboolean         nudge_eml_add_strangers (NudgeStore           *store,
                                          GPtrArray            *strangers,
                                          GPtrArray            *unmatched,
                                          GFile               **files,
                                          guint                 n_files,
                                          const NudgeEmlTarget *target,
                                          GCancellable         *cancellable,
                                          NudgeEmlResult       *result,
                                          GArray               *contact_ids,
                                          GError              **error);
/* Takes the activities an import added (@activity_ids, gint64) out of
 * the timeline again, and the contacts it added (@contact_ids, or NULL)
 * to the trash, in one transaction; the "last touch" of their deals and
 * contacts goes back with them. An activity deleted since is passed
 * over. */
gboolean         nudge_eml_unlog        (NudgeStore            *store,
                                         GArray                *activity_ids,
                                         GArray                *contact_ids,
                                         GError               **error);

G_END_DECLS
