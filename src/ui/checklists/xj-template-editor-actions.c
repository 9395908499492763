/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the template editor does: add, remove and reorder sections and
 * items, move through the problems, duplicate a built-in checklist and
 * save.  Buttons, shortcuts, drag and drop and the tests all come here
 * through the editor.* actions; _xj_template_editor_actions_update()
 * decides what is enabled.
 */
#define G_LOG_DOMAIN "xj-template-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-confirm.h"
#include "xj-template-editor-private.h"
#include "xj-template-io.h"
#include "xj-template-store.h"
#include "xj-section-row.h"
#include "xj-window-actions.h"

/* --- helpers -------------------------------------------------------------- */

static XjTemplateSection *
get_section (XjTemplateEditor *self,
             guint             section)
{
  return section < self->tmpl->sections->len ? g_ptr_array_index (self->tmpl->sections, section) : NULL;
}

/* Rebuild, select, and give the keyboard back to what was moved or added. */
static void
after_structure_change (XjTemplateEditor *self,
                        int               section,
                        int               item,
                        gboolean          focus)
{
  _xj_template_editor_rebuild (self);
  _xj_template_editor_select (self, section, item);
  _xj_template_editor_changed (self);
  if (focus && section >= 0)
    {
      GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box));

      for (int s = 0; row != NULL && s < section; s++)
        row = gtk_widget_get_next_sibling (row);
      if (row != NULL)
        xj_section_row_focus (XJ_SECTION_ROW (row), item);
    }
}

static void
add_item_to (XjTemplateEditor *self,
             guint             section_index)
{
  XjTemplateSection *section = get_section (self, section_index);
  g_autofree char *key = NULL;

  if (section == NULL || self->read_only)
    return;
  key = xj_template_make_item_key (self->tmpl);
  g_ptr_array_add (section->items, xj_template_item_new (key, "", XJ_RESPONSE_PASS_FAIL));
  after_structure_change (self, section_index, section->items->len - 1, FALSE);
  xj_item_editor_focus_prompt (self->item_editor);
}

static void
move_item (XjTemplateEditor *self,
           guint             from_section,
           guint             from_item,
           guint             to_section,
           guint             to_item)
{
  if (self->read_only
      || !xj_template_move_item (self->tmpl, from_section, from_item, to_section, to_item))
    return;
  after_structure_change (self, to_section, to_item, TRUE);
}

/* --- actions -------------------------------------------------------------- */

static void
add_section_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  XjTemplateEditor *self = XJ_TEMPLATE_EDITOR (widget);

  g_ptr_array_add (self->tmpl->sections, xj_template_section_new (_("New section")));
  after_structure_change (self, self->tmpl->sections->len - 1, -1, TRUE);
}

static void
add_item_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  XjTemplateEditor *self = XJ_TEMPLATE_EDITOR (widget);

  /* Into the current section, or the last one. */
  if (self->tmpl->sections->len == 0)
    g_ptr_array_add (self->tmpl->sections, xj_template_section_new (_("New section")));
  add_item_to (self, self->selected_section >= 0 ? (guint) self->selected_section
                                                  : self->tmpl->sections->len - 1);
}

static void
add_item_to_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  add_item_to (XJ_TEMPLATE_EDITOR (widget), g_variant_get_uint32 (parameter));
}

static void
remove_item_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  XjTemplateEditor *self = XJ_TEMPLATE_EDITOR (widget);
  XjTemplateSection *section = get_section (self, self->selected_section);
  int item = self->selected_item;

  if (section == NULL || item < 0 || (guint) item >= section->items->len)
    return;
  /* The item editor borrows the item: let go of it before it is freed. */
  _xj_template_editor_select (self, self->selected_section, -1);
  g_ptr_array_remove_index (section->items, item);
  if ((guint) item >= section->items->len)
    item = (int) section->items->len - 1;
  after_structure_change (self, self->selected_section, item, TRUE);
  xj_toast (GTK_WIDGET (self), _("Item removed"));
}

static void
remove_section_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  XjTemplateEditor *self = XJ_TEMPLATE_EDITOR (widget);
  guint section = g_variant_get_uint32 (parameter);

  if (get_section (self, section) == NULL)
    return;
  _xj_template_editor_select (self, -1, -1);
  g_ptr_array_remove_index (self->tmpl->sections, section);
  if (section >= self->tmpl->sections->len)
    section = self->tmpl->sections->len - 1;
  after_structure_change (self, (int) section, self->tmpl->sections->len > 0 ? 0 : -1, FALSE);
}

static void
move_section_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  XjTemplateEditor *self = XJ_TEMPLATE_EDITOR (widget);
  guint from, to;

  if (g_variant_is_of_type (parameter, G_VARIANT_TYPE ("(uu)")))
    g_variant_get (parameter, "(uu)", &from, &to);
  else
    {
      from = g_variant_get_uint32 (parameter);
      to = g_str_has_suffix (action_name, "-up") ? from - 1 : from + 1;
    }
  if (from == to || !xj_template_move_section (self->tmpl, from, to))
    return;
  after_structure_change (self, to, -1, TRUE);
}

/* Up from the first item of a section goes to the end of the one above,
 * down from the last to the start of the one below: the keyboard can put
 * an item anywhere, like a drag can. */
static void
move_item_step_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  XjTemplateEditor *self = XJ_TEMPLATE_EDITOR (widget);
  gboolean up = g_str_has_suffix (action_name, "-up");
  XjTemplateSection *section;
  guint s, i;

  g_variant_get (parameter, "(uu)", &s, &i);
  if ((section = get_section (self, s)) == NULL || i >= section->items->len)
    return;
  if (up && i > 0)
    move_item (self, s, i, s, i - 1);
  else if (up && s > 0)
    move_item (self, s, i, s - 1, get_section (self, s - 1)->items->len);
  else if (!up && i + 1 < section->items->len)
    move_item (self, s, i, s, i + 1);
  else if (!up && s + 1 < self->tmpl->sections->len)
    move_item (self, s, i, s + 1, 0);
}

static void
move_item_to_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  guint from_section, from_item, to_section, to_item;

  g_variant_get (parameter, "(uuuu)", &from_section, &from_item, &to_section, &to_item);
  move_item (XJ_TEMPLATE_EDITOR (widget), from_section, from_item, to_section, to_item);
}

static void
select_item_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  guint section, item;

  g_variant_get (parameter, "(uu)", &section, &item);
  _xj_template_editor_select (XJ_TEMPLATE_EDITOR (widget), section, item);
}

/* The first problem after the current item, wrapping round. */
static void
next_problem_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  XjTemplateEditor *self = XJ_TEMPLATE_EDITOR (widget);
  XjTemplateProblem *first = NULL, *next = NULL;

  for (guint p = 0; p < self->problems->len; p++)
    {
      XjTemplateProblem *problem = g_ptr_array_index (self->problems, p);

      if (first == NULL)
        first = problem;
      if (next == NULL && (problem->section > self->selected_section
                           || (problem->section == self->selected_section
                               && problem->item > self->selected_item)))
        next = problem;
    }
  if (next == NULL)
    next = first;
  if (next == NULL)
    return;
  if (next->section < 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  else
    after_structure_change (self, next->section, next->item, TRUE);
}

static void
duplicate_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  XjTemplateEditor *self = XJ_TEMPLATE_EDITOR (widget);
  XjStore *store = xj_application_get_store (self->application);
  g_autofree char *actor = xj_application_dup_actor (self->application);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  XjTemplate *copy;
  gint64 id;

  id = xj_store_duplicate_template (store, self->tmpl->template_id, NULL, actor, &error);
  if (id == 0 || (copy = xj_store_load_template (store, id, &error)) == NULL)
    {
      xj_toast (GTK_WIDGET (self), error->message);
      return;
    }
  _xj_template_editor_load (self, copy);
  /* Translators: %s is the new checklist's name */
  message = g_strdup_printf (_("Duplicated. You are editing “%s” now."), self->tmpl->name);
  xj_toast (GTK_WIDGET (self), message);
}

static void save_template (XjTemplateEditor *self);

static gboolean
save_cb (gpointer data)
{
  save_template (data);
  return G_SOURCE_REMOVE;
}

/* Saved once the question has gone: a save may close the editor, which
 * must not happen under the dialog's own response. */
static void
on_new_version_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            XjTemplateEditor *self)
{
  if (g_str_equal (response, "save"))
    g_idle_add_full (G_PRIORITY_DEFAULT, save_cb, g_object_ref (self), g_object_unref);
  else
    self->close_when_saved = FALSE;
}

/* How many inspections used the version being edited; 0 when none (or a
 * new template): then saving changes that version in place. */
static guint
count_inspections (XjTemplateEditor  *self,
                   int               *latest,
                   GError           **error)
{
  g_autoptr(GPtrArray) versions = NULL;
  guint n = 0;

  *latest = self->tmpl->version;
  if (self->tmpl->template_id == 0)
    return 0;
  versions = xj_store_list_template_versions (xj_application_get_store (self->application),
                                              self->tmpl->template_id, error);
  if (versions == NULL)
    return 0;
  for (guint v = 0; v < versions->len; v++)
    {
      XjTemplateVersionInfo *info = g_ptr_array_index (versions, v);

      if (info->version_id == self->tmpl->version_id)
        n = info->n_inspections;
      *latest = MAX (*latest, info->version);
    }
  return n;
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  XjTemplateEditor *self = XJ_TEMPLATE_EDITOR (widget);
  AdwMessageDialog *dialog;
  g_autoptr(GError) error = NULL;
  guint used;
  int latest;

  used = count_inspections (self, &latest, &error);
  if (error != NULL)
    {
      xj_toast (GTK_WIDGET (self), error->message);
      return;
    }
  if (used == 0)
    {
      save_template (self);
      return;
    }
  /* Translators: %d is the number of the version that saving creates */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
  adw_message_dialog_format_heading (dialog, _("Save as Version %d?"), latest + 1);
  adw_message_dialog_format_body (dialog,
                                  ngettext ("This checklist was used by %u inspection. Saving creates version %d; that inspection keeps showing version %d.",
                                            "This checklist was used by %u inspections. Saving creates version %d; those inspections keep showing version %d.",
                                            used),
                                  used, latest + 1, self->tmpl->version);
  xj_confirm_present (dialog, "save", _("_Save"), ADW_RESPONSE_SUGGESTED, "save",
                      G_CALLBACK (on_new_version_response_cb), self, 0);
}

/* --- private API ---------------------------------------------------------- */

static void
save_template (XjTemplateEditor *self)
{
  g_autofree char *actor = xj_application_dup_actor (self->application);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  int section = self->selected_section, item = self->selected_item;
  double scroll = xj_item_editor_get_scroll (self->item_editor);

  /* Saving replaces the sections with the stored ones: nothing may keep
   * pointing into the old ones. */
  _xj_template_editor_select (self, -1, -1);
  if (!xj_store_save_template (xj_application_get_store (self->application), self->tmpl, actor, &error))
    {
      self->close_when_saved = FALSE;
      _xj_template_editor_rebuild (self);
      _xj_template_editor_select (self, section, item);
      xj_item_editor_set_scroll (self->item_editor, scroll);
      xj_toast (GTK_WIDGET (self), error->message);
      return;
    }
  g_free (self->snapshot);
  self->snapshot = xj_template_to_json (self->tmpl);
  if (self->close_when_saved)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  _xj_template_editor_rebuild (self);
  _xj_template_editor_select (self, section, item);
  xj_item_editor_set_scroll (self->item_editor, scroll);
  _xj_template_editor_changed (self);
  /* Translators: %d is a version number */
  message = g_strdup_printf (_("Saved as version %d"), self->tmpl->version);
  xj_toast (GTK_WIDGET (self), message);
}

void
_xj_template_editor_actions_update (XjTemplateEditor *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean editable = !self->read_only;
  gboolean has_item = self->selected_item >= 0;

  gtk_widget_action_set_enabled (widget, "editor.save", editable && self->n_problems == 0
                                 && xj_template_editor_get_modified (self));
  gtk_widget_action_set_enabled (widget, "editor.add-section", editable);
  gtk_widget_action_set_enabled (widget, "editor.add-item", editable);
  gtk_widget_action_set_enabled (widget, "editor.add-item-to", editable);
  gtk_widget_action_set_enabled (widget, "editor.remove-item", editable && has_item);
  gtk_widget_action_set_enabled (widget, "editor.remove-section", editable);
  gtk_widget_action_set_enabled (widget, "editor.move-section-up", editable);
  gtk_widget_action_set_enabled (widget, "editor.move-section-down", editable);
  gtk_widget_action_set_enabled (widget, "editor.move-section-to", editable);
  gtk_widget_action_set_enabled (widget, "editor.move-item-up", editable);
  gtk_widget_action_set_enabled (widget, "editor.move-item-down", editable);
  gtk_widget_action_set_enabled (widget, "editor.move-item-to", editable);
  gtk_widget_action_set_enabled (widget, "editor.next-problem", self->n_problems > 0);
  gtk_widget_action_set_enabled (widget, "editor.duplicate", self->tmpl->template_id != 0);
}

void
_xj_template_editor_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.add-section", NULL, add_section_activated);
  gtk_widget_class_install_action (widget_class, "editor.add-item", NULL, add_item_activated);
  gtk_widget_class_install_action (widget_class, "editor.add-item-to", "u", add_item_to_activated);
  gtk_widget_class_install_action (widget_class, "editor.remove-item", NULL, remove_item_activated);
  gtk_widget_class_install_action (widget_class, "editor.remove-section", "u", remove_section_activated);
  gtk_widget_class_install_action (widget_class, "editor.move-section-up", "u", move_section_activated);
  gtk_widget_class_install_action (widget_class, "editor.move-section-down", "u", move_section_activated);
  gtk_widget_class_install_action (widget_class, "editor.move-section-to", "(uu)", move_section_activated);
  gtk_widget_class_install_action (widget_class, "editor.move-item-up", "(uu)", move_item_step_activated);
  gtk_widget_class_install_action (widget_class, "editor.move-item-down", "(uu)", move_item_step_activated);
  gtk_widget_class_install_action (widget_class, "editor.move-item-to", "(uuuu)", move_item_to_activated);
  gtk_widget_class_install_action (widget_class, "editor.select-item", "(uu)", select_item_activated);
  gtk_widget_class_install_action (widget_class, "editor.next-problem", NULL, next_problem_activated);
  gtk_widget_class_install_action (widget_class, "editor.duplicate", NULL, duplicate_activated);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "editor.add-item", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.add-section", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}
