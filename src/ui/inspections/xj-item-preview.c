/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How an item will look to the inspector: its prompt, guidance and a
 * compact rendition of the control for its response type.  The controls
 * are real widgets so that the preview matches the runner's look, but they
 * take no input: a preview that could be "answered" would only confuse.
 */
#define G_LOG_DOMAIN "xj-item-preview"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "xj-editor-rows.h"
#include "xj-item-preview.h"
#include "xj-label.h"

struct _XjItemPreview
{
  AdwBin     parent_instance;

  GtkWidget *box;
};

G_DEFINE_FINAL_TYPE (XjItemPreview, xj_item_preview, ADW_TYPE_BIN)

/* --- helpers -------------------------------------------------------------- */

static GtkWidget *
add_label (GtkWidget  *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = xj_label_new_wrapped (text, css_class);

  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static GtkWidget *
linked_buttons (const char *const *labels,
                guint              n_labels)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_halign (box, GTK_ALIGN_START);
  for (guint i = 0; i < n_labels; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (labels[i]);

      gtk_widget_set_size_request (button, 64, -1);
      gtk_box_append (GTK_BOX (box), button);
    }
  return box;
}

static char *
describe_range (const XjTemplateItem *item)
{
  g_autofree char *low = isnan (item->range_min) ? NULL : _xj_format_number (item->range_min);
  g_autofree char *high = isnan (item->range_max) ? NULL : _xj_format_number (item->range_max);
  const char *unit = item->unit != NULL ? item->unit : "";

  if (low != NULL && high != NULL)
    /* Translators: an acceptable range, e.g. “Acceptable: 18 – 26 °C” */
    return g_strdup_printf (_("Acceptable: %s – %s %s"), low, high, unit);
  if (low != NULL)
    return g_strdup_printf (_("Acceptable: at least %s %s"), low, unit);
  if (high != NULL)
    return g_strdup_printf (_("Acceptable: at most %s %s"), high, unit);
  return NULL;
}

static GtkWidget *
number_control (const XjTemplateItem *item,
                char                **caption)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "0");
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 8);
  gtk_box_append (GTK_BOX (box), entry);
  if (item->unit != NULL && *item->unit != '\0')
    gtk_box_append (GTK_BOX (box), gtk_label_new (item->unit));
  *caption = describe_range (item);
  return box;
}

static GtkWidget *
stopwatch_control (const XjTemplateItem *item,
                   char                **caption)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *digits = gtk_label_new ("00:00.0");
  GtkWidget *start = gtk_button_new_from_icon_name ("media-playback-start-symbolic");

  gtk_accessible_update_property (GTK_ACCESSIBLE (start), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Start the stopwatch"), -1);
  gtk_widget_add_css_class (digits, "title-2");
  gtk_widget_add_css_class (digits, "numeric");
  gtk_widget_add_css_class (start, "circular");
  gtk_box_append (GTK_BOX (box), start);
  gtk_box_append (GTK_BOX (box), digits);
  if (!isnan (item->threshold))
    *caption = g_strdup_printf (_("Passes within %g seconds"), item->threshold);
  return box;
}

static GtkWidget *
choice_control (const XjTemplateItem *item)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint o = 0; o < item->options->len; o++)
    gtk_string_list_append (labels, ((XjTemplateOption *) g_ptr_array_index (item->options, o))->label);
  if (item->options->len == 0)
    gtk_string_list_append (labels, _("No options yet"));
  return gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
}

static GtkWidget *
icon_button (const char *icon,
             const char *label)
{
  GtkWidget *button = gtk_button_new ();

  gtk_button_set_child (GTK_BUTTON (button),
                        g_object_new (ADW_TYPE_BUTTON_CONTENT, "icon-name", icon, "label", label, NULL));
  return button;
}

static GtkWidget *
create_control (const XjTemplateItem *item,
                char                **caption)
{
  const char *pass_fail[] = { _("Pass"), _("Fail"), _("N/A") };
  const char *yes_no[] = { _("Yes"), _("No"), _("N/A") };
  const char *rating[] = { "1", "2", "3", "4", "5" };
  GtkWidget *control;

  switch (item->type)
    {
    case XJ_RESPONSE_PASS_FAIL:
      return linked_buttons (pass_fail, G_N_ELEMENTS (pass_fail));
    case XJ_RESPONSE_YES_NO:
      *caption = g_strdup (item->pass_answer ? _("“Yes” passes") : _("“No” passes"));
      return linked_buttons (yes_no, G_N_ELEMENTS (yes_no));
    case XJ_RESPONSE_RATING:
      if (!isnan (item->threshold))
        *caption = g_strdup_printf (_("Passes from %g"), item->threshold);
      return linked_buttons (rating, G_N_ELEMENTS (rating));
    case XJ_RESPONSE_NUMBER:
      return number_control (item, caption);
    case XJ_RESPONSE_STOPWATCH:
      return stopwatch_control (item, caption);
    case XJ_RESPONSE_CHOICE:
      return choice_control (item);
    case XJ_RESPONSE_TEXT:
      control = gtk_entry_new ();
      gtk_entry_set_placeholder_text (GTK_ENTRY (control), _("Write what you see"));
      return control;
    case XJ_RESPONSE_DATETIME:
      return icon_button ("x-office-calendar-symbolic", _("Pick Date and Time"));
    case XJ_RESPONSE_PHOTO:
    case XJ_N_RESPONSE_TYPES:
    default:
      return icon_button ("camera-photo-symbolic", _("Add Photo"));
    }
}

static char *
describe_flags (const XjTemplateItem *item)
{
  g_autoptr(GPtrArray) flags = g_ptr_array_new ();

  if (item->critical)
    g_ptr_array_add (flags, _("Critical"));
  if (item->required)
    g_ptr_array_add (flags, _("Required"));
  if (item->photo_on_fail)
    g_ptr_array_add (flags, _("Photo required on failure"));
  if (item->remark_on_fail)
    g_ptr_array_add (flags, _("Remark required on failure"));
  if (flags->len == 0)
    return NULL;
  g_ptr_array_add (flags, NULL);
  return g_strjoinv (" · ", (char **) flags->pdata);
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_item_preview_class_init (XjItemPreviewClass *klass)
{
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
xj_item_preview_init (XjItemPreview *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_add_css_class (GTK_WIDGET (self), "item-preview");
}

/* --- public API ----------------------------------------------------------- */

void
xj_item_preview_set_item (XjItemPreview        *self,
                          const XjTemplateItem *item)
{
  g_autofree char *caption = NULL;
  g_autofree char *flags = NULL;
  GtkWidget *control;

  g_return_if_fail (XJ_IS_ITEM_PREVIEW (self));

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_margin_start (self->box, 18);
  gtk_widget_set_margin_end (self->box, 18);
  gtk_widget_set_margin_top (self->box, 14);
  gtk_widget_set_margin_bottom (self->box, 14);
  adw_bin_set_child (ADW_BIN (self), self->box);
  if (item == NULL)
    return;

  add_label (self->box, *item->prompt != '\0' ? item->prompt : _("Untitled item"), "heading");
  if (*item->guidance != '\0')
    add_label (self->box, item->guidance, "dim-label");
  control = create_control (item, &caption);
  /* Shown, not answered: no pointer or keyboard input reaches it. */
  gtk_widget_set_can_target (control, FALSE);
  gtk_widget_set_can_focus (control, FALSE);
  gtk_widget_set_halign (control, GTK_ALIGN_START);
  gtk_widget_set_margin_top (control, 4);
  gtk_box_append (GTK_BOX (self->box), control);
  if (caption != NULL)
    add_label (self->box, caption, "caption");
  flags = describe_flags (item);
  if (flags != NULL)
    add_label (self->box, flags, "caption-heading");
}
