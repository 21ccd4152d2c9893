/* nudge-template.h — the fields a rule's or cadence's texts fill in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The fields a template names as {key} ("{contact}"), in the order a
 * menu offers them. That form is what is stored; people see a field by
 * its translated label ("Contact", in a menu) or name ("contact", in a
 * sentence, between NUDGE_TEMPLATE_FIELD_OPEN and _CLOSE). */
#define NUDGE_TEMPLATE_FIELD_OPEN  "‹"
#define NUDGE_TEMPLATE_FIELD_CLOSE "›"

const char *const *nudge_template_keys        (void);
/* NULL when @key is no field. */
const char        *nudge_template_field_label (const char  *key);
const char        *nudge_template_field_name  (const char  *key);
/* "{contact}" for "contact". */
char              *nudge_template_field_text  (const char  *key);
/* @template with each field it names as people read it: "Call
 * ‹contact›" for "Call {contact}". Anything else is left as written. */
char              *nudge_template_describe    (const char  *template);
/* FALSE, with @error saying which and what was probably meant, when
 * @template names a field that does not exist ("{contcat}"): it would
 * go out to a customer as it was typed. @label names the text checked. */
gboolean           nudge_template_check       (const char  *label,
                                               const char  *template,
                                               GError     **error);

G_END_DECLS
