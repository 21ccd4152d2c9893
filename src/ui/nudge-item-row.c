/* nudge-item-row.c — a list row that knows the item it shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-item-row"

#include "config.h"

#include "nudge-item-row.h"

struct _NudgeItemRow
{
  AdwActionRow  parent_instance;

  GObject      *item;
};

G_DEFINE_FINAL_TYPE (NudgeItemRow, nudge_item_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
nudge_item_row_dispose (GObject *object)
{
  NudgeItemRow *self = NUDGE_ITEM_ROW (object);

  g_clear_object (&self->item);

  G_OBJECT_CLASS (nudge_item_row_parent_class)->dispose (object);
}

static void
nudge_item_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  NudgeItemRow *self = NUDGE_ITEM_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nudge_item_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  NudgeItemRow *self = NUDGE_ITEM_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      self->item = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* GTK 4.8's list rows take the focus only from the side (Tab, Left,
 * Right), so Down from the button above a list (Today's Snooze All) went
 * past every row to whatever came after the list, its "Show 20 More".
 * An arrow into a row with no focus in it focuses the row, as Tab does;
 * within the list the arrows move from row to row as before. */
static gboolean
nudge_item_row_focus (GtkWidget        *widget,
                      GtkDirectionType  direction)
{
  if ((direction == GTK_DIR_UP || direction == GTK_DIR_DOWN) &&
      !gtk_widget_has_focus (widget) && gtk_widget_get_focus_child (widget) == NULL)
    return gtk_widget_grab_focus (widget);
  return GTK_WIDGET_CLASS (nudge_item_row_parent_class)->focus (widget, direction);
}

static void
nudge_item_row_class_init (NudgeItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nudge_item_row_dispose;
  object_class->get_property = nudge_item_row_get_property;
  object_class->set_property = nudge_item_row_set_property;
  widget_class->focus = nudge_item_row_focus;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nudge_item_row_init (NudgeItemRow *self)
{
}

GtkWidget *
nudge_item_row_new (gpointer item)
{
  g_return_val_if_fail (G_IS_OBJECT (item), NULL);

  return g_object_new (NUDGE_TYPE_ITEM_ROW, "item", item, NULL);
}

/* The item of @row (or of the item row @row is inside) if it is a @type;
 * else NULL. */
gpointer
nudge_item_row_lookup (GtkWidget *row,
                       GType      type)
{
  GObject *item;

  if (row != NULL && !NUDGE_IS_ITEM_ROW (row))
    row = gtk_widget_get_ancestor (row, NUDGE_TYPE_ITEM_ROW);
  if (row == NULL)
    return NULL;
  item = NUDGE_ITEM_ROW (row)->item;
  return item != NULL && g_type_is_a (G_OBJECT_TYPE (item), type) ? item : NULL;
}

/**
 * nudge_row_set_subtitle:
 * @row: an action row
 * @markup: the subtitle, as Pango markup
 *
 * Sets @row's subtitle, made smaller by Pango rather than by CSS.
 * Adwaita's stylesheet gives a row's subtitle a smaller font-size, and
 * GTK 4.8 measures a wrapping label whose CSS font-size differs from its
 * parent's by laying its text out some twenty-five times, against twice
 * otherwise. Today adds its rows a screenful per frame while it fills,
 * and a record's history has up to 200 rows, so that was most of the
 * time they took. style.css keeps the subtitle of a row with the
 * "small-subtitle" class at the row's size, and the span below makes it
 * smaller, which looks the same.
 */
void
nudge_row_set_subtitle (AdwActionRow *row,
                        const char   *markup)
{
  g_autofree char *smaller = NULL;

  g_return_if_fail (ADW_IS_ACTION_ROW (row));

  gtk_widget_add_css_class (GTK_WIDGET (row), "small-subtitle");
  if (markup != NULL && *markup != '\0')
    smaller = g_strdup_printf ("<span size=\"smaller\">%s</span>", markup);
  adw_action_row_set_subtitle (row, smaller);
}

/**
 * nudge_two_lines_new:
 * @title: (nullable): the first line
 * @subtitle: (nullable): the second line, dimmed and smaller
 * @title_label: (out): the first line's label
 * @subtitle_label: (out): the second line's label
 *
 * Returns: (transfer floating): a box of two lines for a row that is
 * not an action row (a list view's item, a search result); each line
 * ends in "…" where it is too long
 */
GtkWidget *
nudge_two_lines_new (const char  *title,
                     const char  *subtitle,
                     GtkWidget  **title_label,
                     GtkWidget  **subtitle_label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  *title_label = gtk_label_new (title);
  *subtitle_label = gtk_label_new (subtitle);
  gtk_label_set_xalign (GTK_LABEL (*title_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (*title_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (*subtitle_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (*subtitle_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (*subtitle_label, "dim-label");
  gtk_widget_add_css_class (*subtitle_label, "caption");
  gtk_box_append (GTK_BOX (box), *title_label);
  gtk_box_append (GTK_BOX (box), *subtitle_label);
  return box;
}

/**
 * nudge_text_excerpt:
 * @text: (nullable): a text that may be 100,000 characters long
 * @max_chars: how many characters to keep at most
 * @max_lines: how many lines to keep at most
 *
 * For a row's subtitle, which GTK lays out whole at every measure.
 *
 * Returns: (transfer full) (nullable): the beginning of @text, without
 * the blanks around it, with "…" where it goes on; only that much of it
 * is read. NULL for a text of blanks.
 */
char *
nudge_text_excerpt (const char *text,
                    guint       max_chars,
                    guint       max_lines)
{
  GString *excerpt;
  const char *p;
  guint chars = 0, lines = 1;

  if (text == NULL)
    return NULL;
  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return NULL;
  excerpt = g_string_new (NULL);
  for (p = text; *p != '\0' && chars < max_chars; p = g_utf8_next_char (p), chars++)
    {
      if (*p == '\r')
        continue;
      if (*p == '\n' && ++lines > max_lines)
        break;
      g_string_append_unichar (excerpt, g_utf8_get_char (p));
    }
  while (excerpt->len > 0 && g_ascii_isspace (excerpt->str[excerpt->len - 1]))
    g_string_truncate (excerpt, excerpt->len - 1);
  for (; *p != '\0' && g_ascii_isspace (*p); p++)
    ;
  if (*p != '\0')
    g_string_append (excerpt, "…");
  return g_string_free (excerpt, FALSE);
}
