/* nudge-eml.c — e-mails dropped in (or imported) as activities
 *
 * The salesperson's real conversation is in the mail client. Dropping
 * the messages (.eml files, or a whole mbox) on Nudge logs each as an
 * e-mail activity with its subject, date and direction, on the contact
 * whose address it carries. GMime reads them: MIME structure, RFC 2047
 * encoded words in any charset (windows-1250, KOI8-U…), quoted-printable
 * and base64 bodies. The Message-ID is kept with the activity, so
 * dropping the same message again adds nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-eml"

#include "config.h"

#include <glib/gi18n.h>
#include <gmime/gmime.h>
#include <string.h>

#include "nudge-clock.h"
#include "nudge-eml.h"
#include "nudge-store-private.h"
#include "nudge-transaction.h"

/* An activity's body is a reminder of the message, not its archive. */
#define BODY_MAX_CHARS 20000
/* How much text of unmatched messages an import keeps for Add Contacts
 * (a few thousand messages); beyond it their files are read again. */
#define UNMATCHED_KEPT_BYTES (64 * 1024 * 1024)

typedef gboolean (*MessageFunc) (NudgeEmlMessage  *message,
                                 gpointer          data,
                                 GError          **error);

static void
ensure_gmime (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_mime_init ();
      g_once_init_leave (&initialized, 1);
    }
}

/* The addresses of @list into @out, lower case, and their names (or "")
 * into @names when given */
static void
collect_addresses (InternetAddressList *list,
                   GPtrArray           *out,
                   GPtrArray           *names)
{
  int n = list != NULL ? internet_address_list_length (list) : 0;

  for (int i = 0; i < n; i++)
    {
      InternetAddress *address = internet_address_list_get_address (list, i);

      if (INTERNET_ADDRESS_IS_MAILBOX (address))
        {
          const char *addr = internet_address_mailbox_get_idn_addr (INTERNET_ADDRESS_MAILBOX (address));

          if (addr != NULL && strchr (addr, '@') != NULL && g_utf8_validate (addr, -1, NULL))
            {
              const char *name = internet_address_get_name (address);

              g_ptr_array_add (out, g_utf8_strdown (addr, -1));
              if (names != NULL)
                g_ptr_array_add (names, name != NULL ? g_strstrip (g_utf8_make_valid (name, -1)) : g_strdup (""));
            }
        }
      else if (INTERNET_ADDRESS_IS_GROUP (address))
        collect_addresses (internet_address_group_get_members (INTERNET_ADDRESS_GROUP (address)), out, names);
    }
}

/* The text of an HTML part, for messages with no plain text: tags
 * dropped, entities GMime does not decode left as they are. */
static char *
html_to_text (const char *html)
{
  GString *text = g_string_new (NULL);
  gboolean in_tag = FALSE, in_skip = FALSE;

  for (const char *p = html; *p != '\0'; p++)
    {
      if (*p == '<')
        {
          in_tag = TRUE;
          if (g_ascii_strncasecmp (p + 1, "style", 5) == 0 || g_ascii_strncasecmp (p + 1, "script", 6) == 0)
            in_skip = TRUE;
          else if (g_ascii_strncasecmp (p + 1, "/style", 6) == 0 || g_ascii_strncasecmp (p + 1, "/script", 7) == 0)
            in_skip = FALSE;
          else if (g_ascii_strncasecmp (p + 1, "br", 2) == 0 || g_ascii_strncasecmp (p + 1, "/p", 2) == 0 ||
                   g_ascii_strncasecmp (p + 1, "/div", 4) == 0)
            g_string_append_c (text, '\n');
        }
      else if (*p == '>' && in_tag)
        in_tag = FALSE;
      else if (!in_tag && !in_skip)
        g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

/* The first text/plain part that is not an attachment; else the first
 * text/html one. */
static void
find_text_parts (GMimeObject    *object,
                 GMimeTextPart **plain,
                 GMimeTextPart **html)
{
  if (GMIME_IS_MULTIPART (object))
    {
      GMimeMultipart *multipart = GMIME_MULTIPART (object);

      for (int i = 0; i < g_mime_multipart_get_count (multipart) && *plain == NULL; i++)
        find_text_parts (g_mime_multipart_get_part (multipart, i), plain, html);
    }
  else if (GMIME_IS_TEXT_PART (object) && !g_mime_part_is_attachment (GMIME_PART (object)))
    {
      GMimeContentType *type = g_mime_object_get_content_type (object);

      if (*plain == NULL && g_mime_content_type_is_type (type, "text", "plain"))
        *plain = GMIME_TEXT_PART (object);
      else if (*html == NULL && g_mime_content_type_is_type (type, "text", "html"))
        *html = GMIME_TEXT_PART (object);
    }
}

/* Takes valid UTF-8; what is longer than max_chars ends in "…". */
static char *
shortened (char  *valid,
           glong  max_chars)
{
  g_autofree char *cut = NULL;

  if (g_utf8_strlen (valid, -1) <= max_chars)
    return valid;
  cut = g_utf8_substring (valid, 0, max_chars);
  g_free (valid);
  return g_strconcat (cut, "…", NULL);
}

static char *
message_body (GMimeMessage *message)
{
  GMimeObject *root = g_mime_message_get_mime_part (message);
  GMimeTextPart *plain = NULL, *html = NULL;
  g_autofree char *text = NULL;

  if (root == NULL)
    return g_strdup ("");
  find_text_parts (root, &plain, &html);
  if (plain != NULL)
    text = g_mime_text_part_get_text (plain);
  else if (html != NULL)
    {
      g_autofree char *markup = g_mime_text_part_get_text (html);

      text = markup != NULL ? html_to_text (markup) : NULL;
    }
  if (text == NULL)
    return g_strdup ("");
  return shortened (g_utf8_make_valid (g_strstrip (text), -1), BODY_MAX_CHARS);
}

static NudgeEmlMessage *
read_message (GMimeMessage *mime)
{
  NudgeEmlMessage *message = g_new0 (NudgeEmlMessage, 1);
  g_autoptr(GPtrArray) from = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) from_names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *recipients = g_ptr_array_new ();
  GPtrArray *recipient_names = g_ptr_array_new ();
  const char *subject = g_mime_message_get_subject (mime);
  const char *id = g_mime_message_get_message_id (mime);
  GDateTime *date = g_mime_message_get_date (mime);

  message->subject = subject != NULL ? g_utf8_make_valid (subject, -1) : g_strdup ("");
  /* The subject is the activity's summary: a longer one would be refused. */
  message->subject = shortened (g_strstrip (message->subject), NUDGE_MAX_SHORT_CHARS - 1);
  message->date = date != NULL ? g_date_time_to_unix (date) : 0;
  collect_addresses (g_mime_message_get_from (mime), from, from_names);
  message->from = from->len > 0 ? g_strdup (g_ptr_array_index (from, 0)) : g_strdup ("");
  message->from_name = from->len > 0 ? g_strdup (g_ptr_array_index (from_names, 0)) : g_strdup ("");
  collect_addresses (g_mime_message_get_addresses (mime, GMIME_ADDRESS_TYPE_TO), recipients, recipient_names);
  collect_addresses (g_mime_message_get_addresses (mime, GMIME_ADDRESS_TYPE_CC), recipients, recipient_names);
  g_ptr_array_add (recipients, NULL);
  g_ptr_array_add (recipient_names, NULL);
  message->recipients = (GStrv) g_ptr_array_free (recipients, FALSE);
  message->recipient_names = (GStrv) g_ptr_array_free (recipient_names, FALSE);
  message->body = message_body (mime);

  if (id != NULL && *id != '\0' && g_utf8_validate (id, -1, NULL))
    message->message_id = g_strdup (id);
  else
    {
      /* No Message-ID: what identifies it best, so a second drop of the
       * same file is still recognised. */
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "\n%s\n%s\n%s", message->date, message->from,
                                              message->subject, message->body);
      g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);

      message->message_id = g_strconcat ("digest:", digest, NULL);
    }
  return message;
}

static gboolean
parse_stream (GMimeStream   *stream,
              gboolean       mbox,
              MessageFunc    func,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  /* GMime 3.2 has no g_autoptr() support. */
  GMimeParser *parser = g_mime_parser_new_with_stream (stream);
  gboolean ok = TRUE;
  guint n = 0;

  g_mime_parser_set_format (parser, mbox ? GMIME_FORMAT_MBOX : GMIME_FORMAT_MESSAGE);
  while (ok && !g_mime_parser_eos (parser))
    {
      GMimeMessage *mime = g_mime_parser_construct_message (parser, NULL);
      g_autoptr(NudgeEmlMessage) message = NULL;

      if (mime == NULL)
        break;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else
        {
          message = read_message (mime);
          n++;
          ok = func (message, data, error);
        }
      g_object_unref (mime);
      if (!mbox)
        break;
    }
  g_object_unref (parser);
  if (!ok)
    return FALSE;
  if (n == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("No e-mail message found"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
collect_message (NudgeEmlMessage  *message,
                 gpointer          data,
                 GError          **error)
{
  NudgeEmlMessage *copy = g_new0 (NudgeEmlMessage, 1);

  *copy = *message;
  memset (message, 0, sizeof *message);
  g_ptr_array_add (data, copy);
  return TRUE;
}

static gboolean
address_is_own (const char         *address,
                const char * const *own_addresses)
{
  for (guint i = 0; own_addresses != NULL && own_addresses[i] != NULL; i++)
    {
      g_autofree char *own = g_utf8_strdown (own_addresses[i], -1);

      if (*address != '\0' && g_str_equal (g_strstrip (own), address))
        return TRUE;
    }
  return FALSE;
}

static gint64
find_contact (NudgeStore *store,
              const char *address)
{
  static const char sql[] =
    "SELECT id FROM contact WHERE trashed_at IS NULL AND (email = ?1 COLLATE NOCASE"
    " OR id IN (SELECT contact_id FROM contact_channel WHERE kind = 'email' AND value = ?1 COLLATE NOCASE))"
    " ORDER BY id LIMIT 1";

  if (*address == '\0')
    return 0;
  return nudge_store_lookup (store, sql, 0, address, NULL);
}

static gboolean
already_logged (NudgeStore  *store,
                const char  *message_id,
                gboolean    *found,
                GError     **error)
{
  sqlite3_stmt *stmt = nudge_store_prepare (store, "SELECT 1 FROM activity WHERE message_id = ? LIMIT 1", error);

  if (stmt == NULL)
    return FALSE;
  nudge_sql_bind_text (stmt, 1, message_id);
  *found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return TRUE;
}

/* ---- public API --------------------------------------------------------- */

void
nudge_eml_message_free (NudgeEmlMessage *message)
{
  if (message == NULL)
    return;
  g_free (message->subject);
  g_free (message->message_id);
  g_free (message->from);
  g_free (message->from_name);
  g_strfreev (message->recipients);
  g_strfreev (message->recipient_names);
  g_free (message->body);
  g_free (message);
}

static NudgeEmlMessage *
message_copy (const NudgeEmlMessage *message)
{
  NudgeEmlMessage *copy = g_new0 (NudgeEmlMessage, 1);

  copy->subject = g_strdup (message->subject);
  copy->date = message->date;
  copy->message_id = g_strdup (message->message_id);
  copy->from = g_strdup (message->from);
  copy->from_name = g_strdup (message->from_name);
  copy->recipients = g_strdupv (message->recipients);
  copy->recipient_names = g_strdupv (message->recipient_names);
  copy->body = g_strdup (message->body);
  return copy;
}

void
nudge_eml_stranger_free (NudgeEmlStranger *stranger)
{
  if (stranger == NULL)
    return;
  g_free (stranger->address);
  g_free (stranger->name);
  g_free (stranger);
}

void
nudge_eml_result_clear (NudgeEmlResult *result)
{
  g_clear_pointer (&result->activity_ids, g_array_unref);
  g_clear_pointer (&result->strangers, g_ptr_array_unref);
  g_clear_pointer (&result->stranger_index, g_hash_table_unref);
  g_clear_pointer (&result->unmatched, g_ptr_array_unref);
  memset (result, 0, sizeof *result);
}

/* The other side of a message no contact has an address of: its sender,
 * or for the user's own message its first recipient who is not the
 * user. Each once. FALSE when it is no one a contact can be added for. */
static gboolean
note_stranger (NudgeEmlResult     *result,
               NudgeEmlMessage    *message,
               gboolean            outgoing,
               const char * const *own_addresses)
{
  const char *address = NULL, *name = NULL;
  NudgeEmlStranger *stranger;

  if (!outgoing)
    {
      address = message->from;
      name = message->from_name;
    }
  for (guint i = 0; outgoing && message->recipients[i] != NULL; i++)
    if (!address_is_own (message->recipients[i], own_addresses))
      {
        address = message->recipients[i];
        name = message->recipient_names[i];
        break;
      }
  /* Only an address a contact can have ("root@localhost" cannot) */
  if (address == NULL || *address == '\0' || !nudge_check_email (address, NULL))
    return FALSE;
  if (result->strangers == NULL)
    {
      result->strangers = g_ptr_array_new_with_free_func ((GDestroyNotify) nudge_eml_stranger_free);
      result->stranger_index = g_hash_table_new (g_str_hash, g_str_equal);
    }
  if (g_hash_table_contains (result->stranger_index, address))
    return TRUE;
  stranger = g_new0 (NudgeEmlStranger, 1);
  stranger->address = g_strdup (address);
  stranger->name = g_strdup (name != NULL ? name : "");
  g_ptr_array_add (result->strangers, stranger);
  g_hash_table_add (result->stranger_index, stranger->address);
  return TRUE;
}

/* Keeps a copy of @message for Add Contacts, within the budget. */
static void
keep_unmatched (NudgeEmlResult        *result,
                const NudgeEmlMessage *message)
{
  gsize size = strlen (message->subject) + strlen (message->body);

  if (result->unmatched_partial || result->unmatched_size + size > UNMATCHED_KEPT_BYTES)
    {
      result->unmatched_partial = TRUE;
      g_clear_pointer (&result->unmatched, g_ptr_array_unref);
      return;
    }
  if (result->unmatched == NULL)
    result->unmatched = g_ptr_array_new_with_free_func ((GDestroyNotify) nudge_eml_message_free);
  g_ptr_array_add (result->unmatched, message_copy (message));
  result->unmatched_size += size;
}

gboolean
nudge_eml_is_mbox (const char *data,
                   gsize       length)
{
  return length >= 5 && memcmp (data, "From ", 5) == 0;
}

GPtrArray *
nudge_eml_parse (const char  *data,
                 gsize        length,
                 GError     **error)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify) nudge_eml_message_free);
  GMimeStream *stream;
  gboolean ok;

  ensure_gmime ();
  stream = g_mime_stream_mem_new_with_buffer (data, length);
  ok = parse_stream (stream, nudge_eml_is_mbox (data, length), collect_message, messages, NULL, error);
  g_object_unref (stream);
  return ok ? g_steal_pointer (&messages) : NULL;
}

gboolean
nudge_eml_log_message (NudgeStore            *store,
                       NudgeEmlMessage       *message,
                       const NudgeEmlTarget  *target,
                       NudgeEmlResult        *result,
                       GError               **error)
{
  g_autoptr(NudgeActivity) activity = NULL;
  gboolean outgoing, found = FALSE;
  sqlite3_stmt *stmt;
  gint64 contact_id;
  gint64 id, now, occurred_at;

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (message != NULL && target != NULL && result != NULL, FALSE);

  if (result->activity_ids == NULL)
    result->activity_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!already_logged (store, message->message_id, &found, error))
    return FALSE;
  if (found)
    {
      result->n_duplicates++;
      return TRUE;
    }

  outgoing = address_is_own (message->from, target->own_addresses);
  contact_id = target->contact_id;
  if (contact_id <= 0 && !outgoing)
    contact_id = find_contact (store, message->from);
  for (guint i = 0; contact_id <= 0 && message->recipients[i] != NULL; i++)
    if (!address_is_own (message->recipients[i], target->own_addresses))
      contact_id = find_contact (store, message->recipients[i]);
  if (contact_id <= 0 && target->deal_id <= 0)
    {
      result->n_unmatched++;
      if (note_stranger (result, message, outgoing, target->own_addresses))
        keep_unmatched (result, message);
      return TRUE;
    }

  /* A Date: from the future (a wrong clock, a forged header) would be
   * the contact's last activity for ever: it was received now. */
  now = nudge_clock_now ();
  occurred_at = message->date > 0 && message->date <= now + 24 * 3600 ? message->date : now;
  activity = nudge_activity_new ();
  g_object_set (activity,
                "kind", "email",
                "direction", outgoing ? NUDGE_DIRECTION_OUT : NUDGE_DIRECTION_IN,
                "occurred-at", occurred_at,
                "contact-id", contact_id,
                "deal-id", target->deal_id,
                "summary", *message->subject != '\0' ? message->subject : _("(no subject)"),
                "body", message->body,
                NULL);
  if (!nudge_store_begin (store, error))
    return FALSE;
  if (!(id = nudge_store_add_activity (store, activity, error)) ||
      !(stmt = nudge_store_prepare (store, "UPDATE activity SET message_id = ? WHERE id = ?", error)))
    {
      nudge_store_rollback (store);
      return FALSE;
    }
  nudge_sql_bind_text (stmt, 1, message->message_id);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!nudge_store_end (store, nudge_store_step_done (store, stmt, error), error))
    return FALSE;
  g_array_append_val (result->activity_ids, id);
  result->n_logged++;
  return TRUE;
}

typedef struct
{
  NudgeStore            *store;
  const NudgeEmlTarget  *target;
  NudgeEmlResult        *result;
} LogContext;

static gboolean
log_message_cb (NudgeEmlMessage  *message,
                gpointer          data,
                GError          **error)
{
  LogContext *context = data;

  return nudge_eml_log_message (context->store, message, context->target, context->result, error);
}

static gboolean
file_is_mbox (GFile         *file,
              GCancellable  *cancellable,
              gboolean      *mbox,
              GError       **error)
{
  g_autoptr(GFileInputStream) input = g_file_read (file, cancellable, error);
  char head[5];
  gsize n = 0;

  if (input == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (input), head, sizeof head, &n, cancellable, error))
    return FALSE;
  *mbox = nudge_eml_is_mbox (head, n);
  return TRUE;
}

gboolean
nudge_eml_import_files (NudgeStore            *store,
                        GFile                **files,
                        guint                  n_files,
                        const NudgeEmlTarget  *target,
                        GCancellable          *cancellable,
                        NudgeEmlResult        *result,
                        GError               **error)
{
  LogContext context = { store, target, result };

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);

  ensure_gmime ();
  if (result->activity_ids == NULL)
    result->activity_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!nudge_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(GError) local_error = NULL;
      GMimeStream *stream = NULL;
      gboolean mbox = FALSE, ok;

      ok = file_is_mbox (files[i], cancellable, &mbox, &local_error) &&
           /* The stream owns (and releases) the reference it is given. */
           (stream = g_mime_stream_gio_new (g_object_ref (files[i]))) != NULL &&
           parse_stream (stream, mbox, log_message_cb, &context, cancellable, &local_error);
      g_clear_object (&stream);
      if (!ok)
        {
          g_autofree char *name = g_file_get_parse_name (files[i]);

          nudge_store_rollback (store);
          if (local_error != NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            /* Translators: "mail.eml: No e-mail message found" */
            g_set_error (error, local_error->domain, local_error->code, _("%s: %s"), name, local_error->message);
          else if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s could not be read"), name);
          g_array_set_size (result->activity_ids, 0);
          g_clear_pointer (&result->strangers, g_ptr_array_unref);
          g_clear_pointer (&result->stranger_index, g_hash_table_unref);
          g_clear_pointer (&result->unmatched, g_ptr_array_unref);
          result->unmatched_size = 0;
          result->unmatched_partial = FALSE;
          result->n_logged = result->n_duplicates = result->n_unmatched = 0;
          return FALSE;
        }
    }
  return nudge_store_commit_or_rollback (store, error);
}

/* A contact for @stranger, unless one has the address by now: 0 with no
 * error then. */
static gint64
add_stranger (NudgeStore        *store,
              NudgeEmlStranger  *stranger,
              GError           **error)
{
  g_autoptr(NudgeContact) contact = NULL;
  g_autofree char *name = NULL;

  if (find_contact (store, stranger->address) > 0)
    return 0;
  name = g_strdup (*stranger->name != '\0' ? stranger->name : stranger->address);
  if (g_utf8_strlen (name, -1) > NUDGE_MAX_NAME_CHARS)
    name = shortened (name, NUDGE_MAX_NAME_CHARS - 1);
  contact = nudge_contact_new ();
  /* Where the lead came from, as the seller would write it */
  g_object_set (contact, "name", name, "email", stranger->address, "source", _("E-mail"), NULL);
  return nudge_store_save_contact (store, contact, error);
}

/* Logs the kept @unmatched messages, as nudge_eml_import_files() would
 * log them read again. */
static gboolean
log_unmatched (NudgeStore            *store,
               GPtrArray             *unmatched,
               const NudgeEmlTarget  *target,
               GCancellable          *cancellable,
               NudgeEmlResult        *result,
               GError               **error)
{
  if (result->activity_ids == NULL)
    result->activity_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < unmatched->len; i++)
    if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
        !nudge_eml_log_message (store, g_ptr_array_index (unmatched, i), target, result, error))
      return FALSE;
  return TRUE;
}

gboolean
nudge_eml_add_strangers (NudgeStore            *store,
                         GPtrArray             *strangers,
                         GPtrArray             *unmatched,
                         GFile                **files,
                         guint                  n_files,
                         const NudgeEmlTarget  *target,
                         GCancellable          *cancellable,
                         NudgeEmlResult        *result,
                         GArray                *contact_ids,
                         GError               **error)
{
  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (strangers != NULL && contact_ids != NULL, FALSE);

  if (!nudge_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < strangers->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 id = add_stranger (store, g_ptr_array_index (strangers, i), &local_error);

      if (local_error != NULL)
        {
          nudge_store_rollback (store);
          g_array_set_size (contact_ids, 0);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (id > 0)
        g_array_append_val (contact_ids, id);
    }
  if (!(unmatched != NULL ? log_unmatched (store, unmatched, target, cancellable, result, error)
                           : nudge_eml_import_files (store, files, n_files, target, cancellable, result, error)) ||
      !nudge_store_commit (store, error))
    {
      nudge_store_rollback (store);
      g_array_set_size (contact_ids, 0);
      if (result->activity_ids != NULL)
        g_array_set_size (result->activity_ids, 0);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  GArray *activity_ids;
  GArray *contact_ids;
} Unlog;

static gboolean
unlog (NudgeStore  *store,
       gpointer     data,
       GError     **error)
{
  Unlog *what = data;

  for (guint i = 0; i < what->activity_ids->len; i++)
    if (!nudge_store_remove_activity (store, g_array_index (what->activity_ids, gint64, i), error))
      return FALSE;
  return what->contact_ids == NULL || what->contact_ids->len == 0 ||
         nudge_store_trash (store, NUDGE_ENTITY_CONTACT, (const gint64 *) what->contact_ids->data,
                            what->contact_ids->len, error);
}

gboolean
nudge_eml_unlog (NudgeStore  *store,
                 GArray      *activity_ids,
                 GArray      *contact_ids,
                 GError     **error)
{
  Unlog what = { activity_ids, contact_ids };

  g_return_val_if_fail (NUDGE_IS_STORE (store), FALSE);
  g_return_val_if_fail (activity_ids != NULL, FALSE);

  return nudge_transaction_run (store, unlog, &what, error);
}
