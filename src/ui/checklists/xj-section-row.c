/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One section in the editor's outline: its title, its items and the means
 * to reorder them — move up / down buttons (and Alt+Up / Alt+Down on a
 * row) for the keyboard, drag and drop for the pointer.  Every change of
 * structure goes through the editor's actions; the row only edits the
 * section's title in place.
 */
#define G_LOG_DOMAIN "xj-section-row"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-editor-rows.h"
#include "xj-section-row.h"

struct _XjSectionRow
{
  GtkBox             parent_instance;

  XjTemplateSection *section;    /* borrowed from the template being edited */
  guint              index;
  gboolean           editable;

  GtkWidget         *header;
  GtkWidget         *handle;
  GtkEntry          *title_entry;
  GtkButton         *up_button;
  GtkButton         *down_button;
  GtkButton         *remove_button;
  GtkLabel          *section_error;
  GtkListBox        *items_list;
  GtkButton         *add_item_button;
  GPtrArray         *warnings;   /* each item row's problem icon, borrowed */
};

G_DEFINE_FINAL_TYPE (XjSectionRow, xj_section_row, GTK_TYPE_BOX)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A move is applied after the drop has finished: it rebuilds the outline,
 * which would otherwise destroy the row while its drop target is running. */
typedef struct
{
  GtkWidget *root;
  char      *action;
  GVariant  *parameter;
} PendingMove;

/* --- helpers -------------------------------------------------------------- */

static const char *
item_title (const XjTemplateItem *item)
{
  return *item->prompt != '\0' ? item->prompt : _("Untitled item");
}

static char *
item_subtitle (const XjTemplateItem *item)
{
  if (item->critical)
    return g_strdup_printf ("%s · %s", xj_response_type_get_label (item->type), _("Critical"));
  return g_strdup (xj_response_type_get_label (item->type));
}

static gboolean
apply_move_cb (gpointer data)
{
  PendingMove *move = data;

  gtk_widget_activate_action_variant (move->root, move->action, move->parameter);
  return G_SOURCE_REMOVE;
}

static void
pending_move_free (PendingMove *move)
{
  g_object_unref (move->root);
  g_free (move->action);
  g_variant_unref (move->parameter);
  g_free (move);
}

static void
schedule_move (XjSectionRow *self,
               const char   *action,
               GVariant     *parameter)
{
  PendingMove *move = g_new0 (PendingMove, 1);

  move->root = g_object_ref (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self))));
  move->action = g_strdup (action);
  move->parameter = g_variant_ref_sink (parameter);
  g_idle_add_full (G_PRIORITY_DEFAULT, apply_move_cb, move, (GDestroyNotify) pending_move_free);
}

/* @to_item: -1 for the end of this section (a drop on its header). */
static gboolean
handle_drop (XjSectionRow *self,
             const char   *data,
             int           to_item)
{
  guint from_section, from_item;

  if (!self->editable)
    return FALSE;
  if (sscanf (data, "item %u %u", &from_section, &from_item) == 2)
    {
      guint n = self->section->items->len;

      if (to_item < 0)
        to_item = from_section == self->index ? (int) n - 1 : (int) n;
      schedule_move (self, "editor.move-item-to",
                     g_variant_new ("(uuuu)", from_section, from_item, self->index, (guint) to_item));
      return TRUE;
    }
  if (sscanf (data, "section %u", &from_section) == 1)
    {
      schedule_move (self, "editor.move-section-to", g_variant_new ("(uu)", from_section, self->index));
      return TRUE;
    }
  return FALSE;
}

/* --- callbacks ------------------------------------------------------------ */

static void
on_title_changed_cb (XjSectionRow *self)
{
  g_free (self->section->title);
  self->section->title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_entry)));
  _xj_label_widget (GTK_WIDGET (self->items_list), _("Items of “%s”"), self->section->title);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_row_activated_cb (XjSectionRow  *self,
                     GtkListBoxRow *row)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.select-item", "(uu)",
                              self->index, (guint) gtk_list_box_row_get_index (row));
}

static GdkContentProvider *
on_item_drag_prepare_cb (GtkDragSource *source,
                         double         x,
                         double         y,
                         XjSectionRow  *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autofree char *data = NULL;

  if (!self->editable)
    return NULL;
  data = g_strdup_printf ("item %u %d", self->index, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)));
  return gdk_content_provider_new_typed (G_TYPE_STRING, data);
}

static GdkContentProvider *
on_section_drag_prepare_cb (GtkDragSource *source,
                            double         x,
                            double         y,
                            XjSectionRow  *self)
{
  g_autofree char *data = NULL;

  if (!self->editable)
    return NULL;
  data = g_strdup_printf ("section %u", self->index);
  return gdk_content_provider_new_typed (G_TYPE_STRING, data);
}

static void
on_drag_begin_cb (GtkDragSource *source,
                  GdkDrag       *drag)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (widget);

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

static gboolean
on_item_drop_cb (GtkDropTarget *target,
                 const GValue  *value,
                 double         x,
                 double         y,
                 XjSectionRow  *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));

  return handle_drop (self, g_value_get_string (value),
                      gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)));
}

static gboolean
on_header_drop_cb (GtkDropTarget *target,
                   const GValue  *value,
                   double         x,
                   double         y,
                   XjSectionRow  *self)
{
  return handle_drop (self, g_value_get_string (value), -1);
}

static void
add_drag_and_drop (XjSectionRow *self,
                   GtkWidget    *source_widget,
                   GtkWidget    *target_widget,
                   GCallback     prepare,
                   GCallback     drop)
{
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", prepare, self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin_cb), NULL);
  gtk_widget_add_controller (source_widget, GTK_EVENT_CONTROLLER (source));
  g_signal_connect (target, "drop", drop, self);
  gtk_widget_add_controller (target_widget, GTK_EVENT_CONTROLLER (target));
}

static GtkWidget *
create_move_button (const char *icon,
                    const char *action,
                    GVariant   *target,
                    const char *tooltip,
                    const char *accessible_label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
add_shortcut (GtkShortcutController *controller,
              const char            *trigger,
              const char            *action,
              GVariant              *target)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string (trigger),
                                            gtk_named_action_new (action));

  gtk_shortcut_set_arguments (shortcut, target);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

static GtkWidget *
create_item_row (XjSectionRow *self,
                 guint         index)
{
  XjTemplateItem *item = g_ptr_array_index (self->section->items, index);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  g_autoptr(GVariant) target = g_variant_ref_sink (g_variant_new ("(uu)", self->index, index));
  g_autofree char *subtitle = item_subtitle (item);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item_title (item));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  if (self->editable)
    {
      GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");

      gtk_widget_add_css_class (handle, "dim-label");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), handle);
    }
  gtk_widget_add_css_class (warning, "warning");
  gtk_widget_set_visible (warning, FALSE);
  g_ptr_array_add (self->warnings, warning);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), warning);
  if (self->editable)
    {
      g_autofree char *up_label = g_strdup_printf (_("Move “%s” up"), item_title (item));
      g_autofree char *down_label = g_strdup_printf (_("Move “%s” down"), item_title (item));
      GtkWidget *up = create_move_button ("go-up-symbolic", "editor.move-item-up", target,
                                          _("Move Item Up (Alt+↑)"), up_label);
      GtkWidget *down = create_move_button ("go-down-symbolic", "editor.move-item-down", target,
                                            _("Move Item Down (Alt+↓)"), down_label);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
      add_drag_and_drop (self, row, row, G_CALLBACK (on_item_drag_prepare_cb),
                         G_CALLBACK (on_item_drop_cb));
      add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Alt>Up", "editor.move-item-up", target);
      add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Alt>Down", "editor.move-item-down", target);
      gtk_widget_add_controller (row, shortcuts);
    }
  else
    {
      g_object_unref (shortcuts);
    }
  return row;
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_section_row_dispose (GObject *object)
{
  XjSectionRow *self = XJ_SECTION_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), XJ_TYPE_SECTION_ROW);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);

  G_OBJECT_CLASS (xj_section_row_parent_class)->dispose (object);
}

static void
xj_section_row_class_init (XjSectionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_section_row_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-section-row.ui");
  gtk_widget_class_bind_template_child (widget_class, XjSectionRow, header);
  gtk_widget_class_bind_template_child (widget_class, XjSectionRow, handle);
  gtk_widget_class_bind_template_child (widget_class, XjSectionRow, title_entry);
  gtk_widget_class_bind_template_child (widget_class, XjSectionRow, up_button);
  gtk_widget_class_bind_template_child (widget_class, XjSectionRow, down_button);
  gtk_widget_class_bind_template_child (widget_class, XjSectionRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, XjSectionRow, section_error);
  gtk_widget_class_bind_template_child (widget_class, XjSectionRow, items_list);
  gtk_widget_class_bind_template_child (widget_class, XjSectionRow, add_item_button);
}

static void
xj_section_row_init (XjSectionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->warnings = g_ptr_array_new ();
}

/* --- public API ----------------------------------------------------------- */

GtkWidget *
xj_section_row_new (XjTemplateSection *section,
                    guint              index,
                    gboolean           editable)
{
  XjSectionRow *self = g_object_new (XJ_TYPE_SECTION_ROW, NULL);
  GVariant *target = g_variant_ref_sink (g_variant_new_uint32 (index));
  const char *name = *section->title != '\0' ? section->title : _("Untitled section");

  self->section = section;
  self->index = index;
  self->editable = editable;

  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), section->title);
  gtk_editable_set_editable (GTK_EDITABLE (self->title_entry), editable);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->up_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->down_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->remove_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->add_item_button), target);
  g_variant_unref (target);
  /* Shown at the ends too, where they do nothing, so that the titles line
   * up (the action, not the row, decides sensitivity). */
  gtk_widget_set_visible (GTK_WIDGET (self->up_button), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->down_button), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->remove_button), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->add_item_button), editable);
  gtk_widget_set_visible (self->handle, editable);
  /* Translators: %s is a section's title */
  _xj_label_widget (GTK_WIDGET (self->up_button), _("Move section “%s” up"), name);
  _xj_label_widget (GTK_WIDGET (self->down_button), _("Move section “%s” down"), name);
  _xj_label_widget (GTK_WIDGET (self->remove_button), _("Remove section “%s”"), name);
  _xj_label_widget (GTK_WIDGET (self->items_list), _("Items of “%s”"), name);

  for (guint i = 0; i < section->items->len; i++)
    gtk_list_box_append (self->items_list, create_item_row (self, i));
  if (editable)
    add_drag_and_drop (self, self->handle, self->header, G_CALLBACK (on_section_drag_prepare_cb),
                       G_CALLBACK (on_header_drop_cb));

  g_signal_connect_swapped (self->title_entry, "changed", G_CALLBACK (on_title_changed_cb), self);
  g_signal_connect_swapped (self->items_list, "row-activated", G_CALLBACK (on_row_activated_cb), self);
  return GTK_WIDGET (self);
}

/* After the item's prompt, type or flags changed. */
void
xj_section_row_update_item (XjSectionRow *self,
                            guint         item)
{
  GtkListBoxRow *row;
  g_autofree char *subtitle = NULL;
  XjTemplateItem *it;

  g_return_if_fail (XJ_IS_SECTION_ROW (self));

  row = gtk_list_box_get_row_at_index (self->items_list, item);
  if (row == NULL || item >= self->section->items->len)
    return;
  it = g_ptr_array_index (self->section->items, item);
  subtitle = item_subtitle (it);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item_title (it));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

/* @problems: the whole template's; this row picks out its own. */
void
xj_section_row_show_problems (XjSectionRow *self,
                              GPtrArray    *problems)
{
  const char *section_message = NULL;
  guint n_items = self->section->items->len;
  g_autofree guint *counts = g_new0 (guint, n_items + 1);
  g_autofree const char **first = g_new0 (const char *, n_items + 1);

  g_return_if_fail (XJ_IS_SECTION_ROW (self));

  for (guint p = 0; p < problems->len; p++)
    {
      XjTemplateProblem *problem = g_ptr_array_index (problems, p);

      if (problem->section != (int) self->index)
        continue;
      if (problem->item < 0)
        section_message = section_message != NULL ? section_message : problem->message;
      else if ((guint) problem->item < n_items)
        {
          if (counts[problem->item]++ == 0)
            first[problem->item] = problem->message;
        }
    }
  if (g_strcmp0 (gtk_label_get_text (self->section_error), section_message ? section_message : "") != 0)
    gtk_label_set_text (self->section_error, section_message);
  gtk_widget_set_visible (GTK_WIDGET (self->section_error), section_message != NULL);

  for (guint i = 0; i < n_items; i++)
    {
      GtkWidget *warning = g_ptr_array_index (self->warnings, i);

      gtk_widget_set_visible (warning, counts[i] > 0);
      if (counts[i] > 0)
        {
          gtk_widget_set_tooltip_text (warning, first[i]);
          gtk_accessible_update_property (GTK_ACCESSIBLE (warning),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, first[i], -1);
        }
    }
}

void
xj_section_row_select (XjSectionRow *self,
                       int           item)
{
  g_return_if_fail (XJ_IS_SECTION_ROW (self));

  if (item < 0)
    gtk_list_box_unselect_all (self->items_list);
  else
    gtk_list_box_select_row (self->items_list, gtk_list_box_get_row_at_index (self->items_list, item));
}

/* Keyboard focus back on a row after the outline was rebuilt around it. */
void
xj_section_row_focus (XjSectionRow *self,
                      int           item)
{
  g_return_if_fail (XJ_IS_SECTION_ROW (self));

  if (item < 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
  else
    gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (self->items_list, item)));
}
