/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row of the long lists (Inspections, Schedules, Archive): a title, a
 * dimmer subtitle and a figure at the end, each on one line, ellipsized,
 * with optional widgets before (a tag) and after (buttons).
 *
 * It is light on purpose.  A GtkListView of GTK 4.8 keeps up to 200 rows
 * around the visible ones and binds and measures every one of them when
 * the list jumps; an AdwActionRow is a dozen widgets with wrapping labels,
 * each shaped by Pango at every measure, so a jump cost a third of a
 * second.  This row is one widget: its height comes from the font's line
 * height (the same for every row), and its text is laid out only when the
 * row is drawn, which only the rows on screen are.
 */
#define G_LOG_DOMAIN "xj-list-row"

#include "config.h"

#include "xj-list-row.h"

#define PADDING_X 12
#define PADDING_Y 8
#define SPACING 12
#define MIN_HEIGHT 50
#define SUBTITLE_ALPHA 0.55

typedef struct
{
  char        *title;
  char        *subtitle;
  char        *tail;
  /* Made when first drawn, kept while the text stays. */
  PangoLayout *title_layout;
  PangoLayout *subtitle_layout;
  PangoLayout *tail_layout;
  GPtrArray   *prefixes;
  GPtrArray   *suffixes;
  int          text_x;
  int          text_width;
} XjListRowPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (XjListRow, xj_list_row, GTK_TYPE_WIDGET)

/* --- text ------------------------------------------------------------------- */

static PangoAttrList *
subtitle_attributes (void)
{
  PangoAttrList *attributes = pango_attr_list_new ();

  pango_attr_list_insert (attributes, pango_attr_scale_new (PANGO_SCALE_SMALL));
  return attributes;
}

static PangoAttrList *
tail_attributes (void)
{
  PangoAttrList *attributes = pango_attr_list_new ();

  pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum=1"));
  return attributes;
}

static PangoLayout *
make_layout (GtkWidget     *widget,
             const char    *text,
             PangoAttrList *attributes)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);

  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  if (attributes != NULL)
    {
      pango_layout_set_attributes (layout, attributes);
      pango_attr_list_unref (attributes);
    }
  return layout;
}

/* The height of the title and subtitle lines in the row's font: the same
 * for every row, so it is found once per font (not per row). */
static int
text_height (GtkWidget *widget)
{
  static GHashTable *heights;
  PangoContext *context = gtk_widget_get_pango_context (widget);
  g_autofree char *font = pango_font_description_to_string (pango_context_get_font_description (context));
  gpointer known;

  if (heights == NULL)
    heights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  known = g_hash_table_lookup (heights, font);
  if (known == NULL)
    {
      g_autoptr(PangoLayout) title = make_layout (widget, "Ag巡检", NULL);
      g_autoptr(PangoLayout) subtitle = make_layout (widget, "Ag巡检", subtitle_attributes ());
      int title_height = 0;
      int subtitle_height = 0;

      pango_layout_get_pixel_size (title, NULL, &title_height);
      pango_layout_get_pixel_size (subtitle, NULL, &subtitle_height);
      known = GINT_TO_POINTER (title_height + subtitle_height);
      g_hash_table_insert (heights, g_steal_pointer (&font), known);
    }
  return GPOINTER_TO_INT (known);
}

static void
forget_layouts (XjListRowPrivate *priv)
{
  g_clear_object (&priv->title_layout);
  g_clear_object (&priv->subtitle_layout);
  g_clear_object (&priv->tail_layout);
}

static gboolean
is_blank (const char *text)
{
  return text == NULL || text[strspn (text, " ")] == '\0';
}

/* --- GtkWidget ------------------------------------------------------------ */

static void
measure_children (GPtrArray      *children,
                  GtkOrientation  orientation,
                  int            *minimum,
                  int            *natural)
{
  for (guint i = 0; i < children->len; i++)
    {
      GtkWidget *child = g_ptr_array_index (children, i);
      int child_min = 0;
      int child_nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          *minimum += child_min + SPACING;
          *natural += child_nat + SPACING;
        }
      else
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
    }
}

static void
xj_list_row_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  XjListRowPrivate *priv = xj_list_row_get_instance_private (XJ_LIST_ROW (widget));
  int child_min = 0;
  int child_nat = 0;

  measure_children (priv->prefixes, orientation, &child_min, &child_nat);
  measure_children (priv->suffixes, orientation, &child_min, &child_nat);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* The text gives way: it is ellipsized, never wrapped. */
      *minimum = 2 * PADDING_X + child_min + 8 * SPACING;
      *natural = 2 * PADDING_X + child_nat + 40 * SPACING;
    }
  else
    {
      int height = MAX (MIN_HEIGHT, text_height (widget) + 2 * PADDING_Y);

      *minimum = MAX (height, child_min + 2 * PADDING_Y);
      *natural = MAX (height, child_nat + 2 * PADDING_Y);
    }
}

/* Places @child at @x (from the start, or back from the end when @from_end)
 * at its natural width, centred in the height; returns the width taken. */
static int
place_child (GtkWidget *child,
             int        x,
             int        height,
             gboolean   from_end)
{
  int width = 0;
  int child_height = 0;

  if (!gtk_widget_should_layout (child))
    return 0;
  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &child_height, NULL, NULL);
  child_height = MIN (child_height, height);
  gtk_widget_size_allocate (child, &(GtkAllocation) { from_end ? x - width : x,
                                                      (height - child_height) / 2, width,
                                                      child_height }, -1);
  return width + SPACING;
}

static void
xj_list_row_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  XjListRowPrivate *priv = xj_list_row_get_instance_private (XJ_LIST_ROW (widget));
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int start = PADDING_X;
  int end = width - PADDING_X;

  /* In a right-to-left locale the row is mirrored: prefixes on the right. */
  for (guint i = 0; i < priv->prefixes->len; i++)
    {
      GtkWidget *child = g_ptr_array_index (priv->prefixes, i);

      if (rtl)
        end -= place_child (child, end, height, TRUE);
      else
        start += place_child (child, start, height, FALSE);
    }
  for (guint i = priv->suffixes->len; i > 0; i--)
    {
      GtkWidget *child = g_ptr_array_index (priv->suffixes, i - 1);

      if (rtl)
        start += place_child (child, start, height, FALSE);
      else
        end -= place_child (child, end, height, TRUE);
    }
  priv->text_x = start;
  priv->text_width = MAX (0, end - start);
}

static void
append_layout (GtkSnapshot   *snapshot,
               PangoLayout   *layout,
               int            x,
               int            y,
               const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
xj_list_row_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  XjListRowPrivate *priv = xj_list_row_get_instance_private (XJ_LIST_ROW (widget));
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int height = gtk_widget_get_height (widget);
  int available = priv->text_width;
  int title_height = 0;
  int subtitle_height = 0;
  int x = priv->text_x;
  int y;
  GdkRGBA color;
  GdkRGBA dim;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  dim = color;
  dim.alpha *= SUBTITLE_ALPHA;

  if (!is_blank (priv->tail))
    {
      int tail_width = 0;
      int tail_height = 0;

      if (priv->tail_layout == NULL)
        priv->tail_layout = make_layout (widget, priv->tail, tail_attributes ());
      pango_layout_set_width (priv->tail_layout, available * PANGO_SCALE);
      pango_layout_get_pixel_size (priv->tail_layout, &tail_width, &tail_height);
      append_layout (snapshot, priv->tail_layout, rtl ? x : x + available - tail_width,
                     (height - tail_height) / 2, &color);
      available = MAX (0, available - tail_width - SPACING);
      if (rtl)
        x += tail_width + SPACING;
    }
  if (!is_blank (priv->title))
    {
      if (priv->title_layout == NULL)
        priv->title_layout = make_layout (widget, priv->title, NULL);
      pango_layout_set_width (priv->title_layout, available * PANGO_SCALE);
      pango_layout_get_pixel_size (priv->title_layout, NULL, &title_height);
    }
  if (!is_blank (priv->subtitle))
    {
      if (priv->subtitle_layout == NULL)
        priv->subtitle_layout = make_layout (widget, priv->subtitle, subtitle_attributes ());
      pango_layout_set_width (priv->subtitle_layout, available * PANGO_SCALE);
      pango_layout_get_pixel_size (priv->subtitle_layout, NULL, &subtitle_height);
    }
  y = (height - title_height - subtitle_height) / 2;
  if (priv->title_layout != NULL && !is_blank (priv->title))
    append_layout (snapshot, priv->title_layout, x, y, &color);
  if (priv->subtitle_layout != NULL && !is_blank (priv->subtitle))
    append_layout (snapshot, priv->subtitle_layout, x, y + title_height, &dim);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_snapshot_child (widget, child, snapshot);
}

/* The whole text as a tooltip when the row had to shorten it. */
static gboolean
xj_list_row_query_tooltip (GtkWidget  *widget,
                           int         x,
                           int         y,
                           gboolean    keyboard,
                           GtkTooltip *tooltip)
{
  XjListRowPrivate *priv = xj_list_row_get_instance_private (XJ_LIST_ROW (widget));
  g_autofree char *text = NULL;

  if ((priv->title_layout == NULL || !pango_layout_is_ellipsized (priv->title_layout))
      && (priv->subtitle_layout == NULL || !pango_layout_is_ellipsized (priv->subtitle_layout)))
    return GTK_WIDGET_CLASS (xj_list_row_parent_class)->query_tooltip (widget, x, y, keyboard,
                                                                        tooltip);
  text = g_strdup_printf ("%s\n%s", priv->title, priv->subtitle);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
xj_list_row_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (xj_list_row_parent_class)->css_changed (widget, change);
  /* A new font or scale: the text is laid out again when drawn. */
  forget_layouts (xj_list_row_get_instance_private (XJ_LIST_ROW (widget)));
  gtk_widget_queue_resize (widget);
}

static void
xj_list_row_direction_changed (GtkWidget        *widget,
                               GtkTextDirection  previous)
{
  forget_layouts (xj_list_row_get_instance_private (XJ_LIST_ROW (widget)));
  gtk_widget_queue_resize (widget);
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_list_row_dispose (GObject *object)
{
  XjListRowPrivate *priv = xj_list_row_get_instance_private (XJ_LIST_ROW (object));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_ptr_array_set_size (priv->prefixes, 0);
  g_ptr_array_set_size (priv->suffixes, 0);
  forget_layouts (priv);

  G_OBJECT_CLASS (xj_list_row_parent_class)->dispose (object);
}

static void
xj_list_row_finalize (GObject *object)
{
  XjListRowPrivate *priv = xj_list_row_get_instance_private (XJ_LIST_ROW (object));

  g_free (priv->title);
  g_free (priv->subtitle);
  g_free (priv->tail);
  g_ptr_array_unref (priv->prefixes);
  g_ptr_array_unref (priv->suffixes);

  G_OBJECT_CLASS (xj_list_row_parent_class)->finalize (object);
}

static void
xj_list_row_class_init (XjListRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_list_row_dispose;
  object_class->finalize = xj_list_row_finalize;
  widget_class->measure = xj_list_row_measure;
  widget_class->size_allocate = xj_list_row_size_allocate;
  widget_class->snapshot = xj_list_row_snapshot;
  widget_class->query_tooltip = xj_list_row_query_tooltip;
  widget_class->css_changed = xj_list_row_css_changed;
  widget_class->direction_changed = xj_list_row_direction_changed;
  gtk_widget_class_set_css_name (widget_class, "xjlistrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
xj_list_row_init (XjListRow *self)
{
  XjListRowPrivate *priv = xj_list_row_get_instance_private (self);

  priv->title = g_strdup ("");
  priv->subtitle = g_strdup ("");
  priv->tail = g_strdup ("");
  priv->prefixes = g_ptr_array_new ();
  priv->suffixes = g_ptr_array_new ();
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

/* --- public API ----------------------------------------------------------- */

GtkWidget *
xj_list_row_new (void)
{
  return g_object_new (XJ_TYPE_LIST_ROW, NULL);
}

static gboolean
replace_text (char       **field,
              const char  *text)
{
  if (g_strcmp0 (*field, text != NULL ? text : "") == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (text != NULL ? text : "");
  return TRUE;
}

/**
 * xj_list_row_set_text:
 * @tail: (nullable): a short figure shown at the end (a score, a count)
 *
 * Shows a record in the row.  The text is laid out when the row is next
 * drawn; the row's height does not depend on it.
 */
void
xj_list_row_set_text (XjListRow  *self,
                      const char *title,
                      const char *subtitle,
                      const char *tail)
{
  XjListRowPrivate *priv = xj_list_row_get_instance_private (self);
  gboolean changed = FALSE;

  g_return_if_fail (XJ_IS_LIST_ROW (self));

  if (replace_text (&priv->title, title))
    {
      g_clear_object (&priv->title_layout);
      changed = TRUE;
    }
  if (replace_text (&priv->subtitle, subtitle))
    {
      g_clear_object (&priv->subtitle_layout);
      changed = TRUE;
    }
  if (replace_text (&priv->tail, tail))
    {
      g_clear_object (&priv->tail_layout);
      changed = TRUE;
    }
  if (!changed)
    return;
  if (is_blank (priv->title))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
  else
    {
      g_autofree char *label = is_blank (priv->tail)
        ? g_strdup_printf ("%s, %s", priv->title, priv->subtitle)
        : g_strdup_printf ("%s, %s, %s", priv->title, priv->subtitle, priv->tail);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
xj_list_row_get_title (XjListRow *self)
{
  g_return_val_if_fail (XJ_IS_LIST_ROW (self), NULL);

  return ((XjListRowPrivate *) xj_list_row_get_instance_private (self))->title;
}

const char *
xj_list_row_get_subtitle (XjListRow *self)
{
  g_return_val_if_fail (XJ_IS_LIST_ROW (self), NULL);

  return ((XjListRowPrivate *) xj_list_row_get_instance_private (self))->subtitle;
}

const char *
xj_list_row_get_tail (XjListRow *self)
{
  g_return_val_if_fail (XJ_IS_LIST_ROW (self), NULL);

  return ((XjListRowPrivate *) xj_list_row_get_instance_private (self))->tail;
}

static void
add_child (XjListRow *self,
           GPtrArray *children,
           GtkWidget *child)
{
  g_return_if_fail (XJ_IS_LIST_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (gtk_widget_get_parent (child) == NULL);

  gtk_widget_set_parent (child, GTK_WIDGET (self));
  g_ptr_array_add (children, child);
}

/* @child goes before the text (after the prefixes already there). */
void
xj_list_row_add_prefix (XjListRow *self,
                        GtkWidget *child)
{
  add_child (self, ((XjListRowPrivate *) xj_list_row_get_instance_private (self))->prefixes, child);
}

/* @child goes after the text and the tail (after the suffixes already there). */
void
xj_list_row_add_suffix (XjListRow *self,
                        GtkWidget *child)
{
  add_child (self, ((XjListRowPrivate *) xj_list_row_get_instance_private (self))->suffixes, child);
}

static gboolean
on_child_query_tooltip_cb (GtkWidget  *child,
                           int         x,
                           int         y,
                           gboolean    keyboard,
                           GtkTooltip *tooltip)
{
  const char *text = g_object_get_data (G_OBJECT (child), "xj-list-row-tooltip");

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/**
 * xj_list_row_set_child_tooltip:
 * @child: a prefix or suffix of a row
 *
 * Gives @child a tooltip, read when it is shown.  Unlike
 * gtk_widget_set_tooltip_text(), which asks the display where the pointer
 * is at every call, this costs nothing when a recycled row is given
 * another record.
 */
void
xj_list_row_set_child_tooltip (GtkWidget  *child,
                               const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (child));

  if (!gtk_widget_get_has_tooltip (child))
    {
      g_signal_connect (child, "query-tooltip", G_CALLBACK (on_child_query_tooltip_cb), NULL);
      gtk_widget_set_has_tooltip (child, TRUE);
    }
  g_object_set_data_full (G_OBJECT (child), "xj-list-row-tooltip", g_strdup (text), g_free);
}
