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
/* Appends what stands for the field @inner (@length bytes, without its
 * marks) to @out; FALSE leaves the field as written. */
typedef gboolean (*NudgeTemplateFieldFunc) (GString    *out,
                                            const char *inner,
                                            gsize       length,
                                            gpointer    user_data);

/* @text with each field marked between @open and @close replaced as
 * @field says; the rest as written. How nudge_expand_template() fills a
 * template in and the functions below show it and read it back. */
char              *nudge_template_replace_fields (const char             *text,
                                                  const char             *open,
                                                  const char             *close,
                                                  NudgeTemplateFieldFunc  field,
                                                  gpointer                user_data);
/* @template with each field it names as people read it: "Call
 * ‹contact›" for "Call {contact}" (a name of several words joined by
 * no-break spaces). Anything else is left as written. */
char              *nudge_template_describe    (const char  *template);
/* Whether @template can be edited as nudge_template_describe() shows
 * it and read back the same with nudge_template_from_shown(): not when
 * it has a ‹ or › of its own. */
gboolean           nudge_template_can_show    (const char  *template);
/* The template @text shows: each ‹name› of a field as its {key}. */
char              *nudge_template_from_shown  (const char  *text);
/* FALSE, with @error saying which and what was probably meant, when
 * @template names a field that does not exist ("{contcat}"): it would
 * go out to a customer as it was typed. @label names the text checked. */
gboolean           nudge_template_check       (const char  *label,
                                               const char  *template,
                                               GError     **error);
/* The same for a template as shown, whose ‹fields› must be whole. */
gboolean           nudge_template_check_shown (const char  *label,
                                               const char  *text,
                                               GError     **error);

G_END_DECLS
