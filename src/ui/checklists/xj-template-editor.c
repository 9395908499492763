/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checklist editor: an outline of sections and items beside the
 * editor of the chosen item.  The template is a working copy checked with
 * xj_template_validate() after every change, each problem shown where it
 * is; Save waits until there are none.  Closing with unsaved changes asks
 * first: nothing typed is dropped without the person saying so.
 */
#define G_LOG_DOMAIN "xj-template-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-editor-rows.h"
#include "xj-window-actions.h"
#include "xj-section-row.h"
#include "xj-team-role.h"
#include "xj-template-editor-private.h"
#include "xj-template-io.h"

G_DEFINE_FINAL_TYPE (XjTemplateEditor, xj_template_editor, ADW_TYPE_WINDOW)

/* --- helpers -------------------------------------------------------------- */

static XjSectionRow *
get_section_row (XjTemplateEditor *self,
                 int               section)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box));

  for (int s = 0; child != NULL && s < section; s++)
    child = gtk_widget_get_next_sibling (child);
  return child != NULL ? XJ_SECTION_ROW (child) : NULL;
}

static XjTemplateItem *
get_selected_item (XjTemplateEditor *self)
{
  XjTemplateSection *section;

  if (self->selected_section < 0 || self->selected_item < 0
      || (guint) self->selected_section >= self->tmpl->sections->len)
    return NULL;
  section = g_ptr_array_index (self->tmpl->sections, self->selected_section);
  if ((guint) self->selected_item >= section->items->len)
    return NULL;
  return g_ptr_array_index (section->items, self->selected_item);
}

static void
update_title (XjTemplateEditor *self)
{
  g_autofree char *subtitle = NULL;
  const char *name = *self->tmpl->name != '\0' ? self->tmpl->name : _("Untitled checklist");

  if (self->read_only)
    /* Translators: the editor's subtitle for a built-in checklist */
    subtitle = g_strdup_printf (_("Built-in · version %d · read-only"), self->tmpl->version);
  else if (self->tmpl->template_id == 0)
    subtitle = g_strdup (_("Not saved yet"));
  else if (xj_template_editor_get_modified (self))
    subtitle = g_strdup_printf (_("Version %d · unsaved changes"), self->tmpl->version);
  else
    subtitle = g_strdup_printf (_("Version %d"), self->tmpl->version);
  adw_window_title_set_title (self->window_title, name);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), name);
}

static void
show_problems (XjTemplateEditor *self)
{
  g_autoptr(GPtrArray) item_problems = g_ptr_array_new ();
  const char *template_message = NULL;

  for (guint p = 0; p < self->problems->len; p++)
    {
      XjTemplateProblem *problem = g_ptr_array_index (self->problems, p);

      if (problem->section < 0 && template_message == NULL)
        template_message = problem->message;
      if (problem->section == self->selected_section && problem->item == self->selected_item
          && problem->item >= 0)
        g_ptr_array_add (item_problems, problem);
    }
  xj_inline_problem_show (self->template_error, template_message, NULL);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    xj_section_row_show_problems (XJ_SECTION_ROW (row), self->problems);
  if (get_selected_item (self) != NULL)
    xj_item_editor_show_problems (self->item_editor, item_problems);
}

static void
update_problem_count (XjTemplateEditor *self)
{
  g_autofree char *label = NULL;

  self->n_problems = self->problems->len + xj_item_editor_get_n_input_errors (self->item_editor);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_button), self->n_problems > 0 && !self->read_only);
  label = g_strdup_printf (ngettext ("%u problem", "%u problems", self->n_problems), self->n_problems);
  gtk_button_set_label (self->problems_button, label);
}

static void
fill_kinds (XjTemplateEditor *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint n;
  const XjTemplateChoice *kinds = xj_template_get_kinds (&n);

  /* Translators: no default inspection kind */
  gtk_string_list_append (labels, C_("inspection kind", "None"));
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (labels, kinds[i].label);
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (labels));
}

static guint
kind_position (const char *kind)
{
  guint n;
  const XjTemplateChoice *kinds = xj_template_get_kinds (&n);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (kinds[i].id, kind) == 0)
      return i + 1;
  return 0;
}

/* --- callbacks ------------------------------------------------------------ */

static void
on_template_field_changed_cb (XjTemplateEditor *self)
{
  guint n, position = adw_combo_row_get_selected (self->kind_row);
  const XjTemplateChoice *kinds = xj_template_get_kinds (&n);

  if (self->tmpl == NULL || self->read_only || self->loading)
    return;
  g_free (self->tmpl->name);
  self->tmpl->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_free (self->tmpl->description);
  self->tmpl->description = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->description_row)));
  g_free (self->tmpl->default_kind);
  self->tmpl->default_kind = position > 0 && position <= n ? g_strdup (kinds[position - 1].id) : NULL;
  _xj_template_editor_changed (self);
}

static void
on_item_changed_cb (XjTemplateEditor *self)
{
  XjSectionRow *row = get_section_row (self, self->selected_section);

  if (row != NULL && self->selected_item >= 0)
    xj_section_row_update_item (row, self->selected_item);
  _xj_template_editor_changed (self);
}

/* Runs once the question has gone: closing the editor from inside the
 * dialog's response would destroy the dialog's parent under it. */
static gboolean
finish_close_cb (gpointer data)
{
  XjTemplateEditor *self = data;

  if (self->discard_confirmed)
    gtk_window_close (GTK_WINDOW (self));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
  return G_SOURCE_REMOVE;
}

static void
on_save_before_close_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         XjTemplateEditor *self)
{
  if (g_str_equal (response, "cancel"))
    return;
  self->discard_confirmed = g_str_equal (response, "discard");
  self->close_when_saved = g_str_equal (response, "save");
  g_idle_add_full (G_PRIORITY_DEFAULT, finish_close_cb, g_object_ref (self), g_object_unref);
}

/* --- GObject -------------------------------------------------------------- */

static gboolean
xj_template_editor_close_request (GtkWindow *window)
{
  XjTemplateEditor *self = XJ_TEMPLATE_EDITOR (window);
  AdwMessageDialog *dialog;

  if (self->discard_confirmed || self->tmpl == NULL || !xj_template_editor_get_modified (self))
    return GTK_WINDOW_CLASS (xj_template_editor_parent_class)->close_request (window);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Save Changes?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("“%s” has changes that are not saved. Save them, or discard them for good."),
                                  *self->tmpl->name != '\0' ? self->tmpl->name : _("Untitled checklist"));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", C_("unsaved changes", "_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  /* With problems the template cannot be stored: say so instead. */
  adw_message_dialog_set_response_enabled (dialog, "save", self->n_problems == 0);
  if (self->n_problems > 0)
    adw_message_dialog_format_body (dialog,
                                    ngettext ("“%s” has changes that are not saved, and %u problem to fix before it can be saved. Keep editing, or discard the changes for good.",
                                              "“%s” has changes that are not saved, and %u problems to fix before it can be saved. Keep editing, or discard the changes for good.",
                                              self->n_problems),
                                    *self->tmpl->name != '\0' ? self->tmpl->name : _("Untitled checklist"),
                                    self->n_problems);
  adw_message_dialog_set_default_response (dialog, self->n_problems == 0 ? "save" : "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_before_close_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
xj_template_editor_dispose (GObject *object)
{
  XjTemplateEditor *self = XJ_TEMPLATE_EDITOR (object);

  /* The item editor and rows borrow from the template: drop them first. */
  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_TEMPLATE_EDITOR);
  g_clear_pointer (&self->tmpl, xj_template_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (xj_template_editor_parent_class)->dispose (object);
}

static void
xj_template_editor_finalize (GObject *object)
{
  XjTemplateEditor *self = XJ_TEMPLATE_EDITOR (object);

  g_free (self->snapshot);

  G_OBJECT_CLASS (xj_template_editor_parent_class)->finalize (object);
}

/* win.toast (s): the editor is a window of its own, so toasts from its
 * fields and actions stand over it rather than over the main window. */
static void
toast_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  XjTemplateEditor *self = XJ_TEMPLATE_EDITOR (widget);
  AdwToast *toast = adw_toast_new (g_variant_get_string (parameter, NULL));

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

static void
xj_template_editor_class_init (XjTemplateEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = xj_template_editor_dispose;
  object_class->finalize = xj_template_editor_finalize;
  window_class->close_request = xj_template_editor_close_request;

  g_type_ensure (XJ_TYPE_ITEM_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-template-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, XjTemplateEditor, toasts);
  gtk_widget_class_bind_template_child (widget_class, XjTemplateEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, XjTemplateEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, XjTemplateEditor, problems_button);
  gtk_widget_class_bind_template_child (widget_class, XjTemplateEditor, read_only_banner);
  gtk_widget_class_bind_template_child (widget_class, XjTemplateEditor, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, XjTemplateEditor, duplicate_button);
  gtk_widget_class_bind_template_child (widget_class, XjTemplateEditor, template_group);
  gtk_widget_class_bind_template_child (widget_class, XjTemplateEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, XjTemplateEditor, description_row);
  gtk_widget_class_bind_template_child (widget_class, XjTemplateEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, XjTemplateEditor, template_error);
  gtk_widget_class_bind_template_child (widget_class, XjTemplateEditor, sections_box);
  gtk_widget_class_bind_template_child (widget_class, XjTemplateEditor, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, XjTemplateEditor, item_editor);

  _xj_template_editor_actions_init (widget_class);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_activated);
}

static void
xj_template_editor_init (XjTemplateEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->selected_section = self->selected_item = -1;
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_template_problem_free);
  fill_kinds (self);

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (on_template_field_changed_cb), self);
  g_signal_connect_swapped (self->description_row, "changed",
                            G_CALLBACK (on_template_field_changed_cb), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected",
                            G_CALLBACK (on_template_field_changed_cb), self);
  g_signal_connect_swapped (self->item_editor, "changed", G_CALLBACK (on_item_changed_cb), self);
}

/* --- private API ---------------------------------------------------------- */

/* Takes @tmpl; what it holds now counts as saved. */
void
_xj_template_editor_load (XjTemplateEditor *self,
                          XjTemplate       *tmpl)
{
  XjTemplate *old = self->tmpl;
  /* In a team whose rules keep the user's role from changing checklists,
   * every checklist opens read-only and the banner says why. */
  g_autofree char *refusal = xj_team_role_refusal_here (self->application,
                                                        XJ_TEAM_ACT_EDIT_SHARED);

  /* Widgets borrow from the old template until the rebuild replaces them. */
  xj_item_editor_set_item (self->item_editor, NULL, FALSE);
  self->tmpl = tmpl;
  self->read_only = tmpl->builtin || refusal != NULL;
  g_free (self->snapshot);
  self->snapshot = tmpl->template_id != 0 ? xj_template_to_json (tmpl) : g_strdup ("");

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), tmpl->name);
  gtk_editable_set_text (GTK_EDITABLE (self->description_row), tmpl->description);
  adw_combo_row_set_selected (self->kind_row, kind_position (tmpl->default_kind));
  self->loading = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->template_group), !self->read_only);
  gtk_revealer_set_reveal_child (self->read_only_banner, self->read_only);
  gtk_widget_set_visible (self->duplicate_button, refusal == NULL);
  gtk_label_set_text (self->read_only_label,
                      refusal != NULL ? refusal
                      : _("Built-in checklists are read-only. Duplicate this one to adapt it; "
                          "the copy is yours to edit."));
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), !self->read_only);

  self->selected_section = self->selected_item = -1;
  _xj_template_editor_rebuild (self);
  if (old != NULL)
    xj_template_free (old);
  if (tmpl->sections->len > 0)
    _xj_template_editor_select (self, 0,
                                ((XjTemplateSection *) g_ptr_array_index (tmpl->sections, 0))->items->len > 0
                                ? 0 : -1);
  _xj_template_editor_changed (self);
}

static void
on_section_changed_cb (XjTemplateEditor *self)
{
  _xj_template_editor_changed (self);
}

/* After a change of structure: every section row anew. */
void
_xj_template_editor_rebuild (XjTemplateEditor *self)
{
  GtkWidget *child;
  double scroll = xj_item_editor_get_scroll (self->item_editor);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box))) != NULL)
    gtk_box_remove (self->sections_box, child);
  for (guint s = 0; s < self->tmpl->sections->len; s++)
    {
      GtkWidget *row = xj_section_row_new (g_ptr_array_index (self->tmpl->sections, s), s,
                                           !self->read_only);

      g_signal_connect_swapped (row, "changed", G_CALLBACK (on_section_changed_cb), self);
      gtk_box_append (self->sections_box, row);
    }
  _xj_template_editor_select (self, self->selected_section, self->selected_item);
  /* The same item, where the person was in it. */
  xj_item_editor_set_scroll (self->item_editor, scroll);
}

/* @item: -1 to make a section current without an item (a new section). */
void
_xj_template_editor_select (XjTemplateEditor *self,
                            int               section,
                            int               item)
{
  XjTemplateItem *selected;
  int s = 0;

  if (section < 0 || (guint) section >= self->tmpl->sections->len)
    section = item = -1;
  self->selected_section = section;
  self->selected_item = item;
  selected = get_selected_item (self);
  if (selected == NULL)
    self->selected_item = -1;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box)); row != NULL;
       row = gtk_widget_get_next_sibling (row), s++)
    xj_section_row_select (XJ_SECTION_ROW (row), s == section ? self->selected_item : -1);
  xj_item_editor_set_item (self->item_editor, selected, !self->read_only);
  gtk_stack_set_visible_child_name (self->detail_stack, selected != NULL ? "item" : "empty");
  show_problems (self);
  _xj_template_editor_actions_update (self);
}

/* After any edit: check again, show the problems, decide what Save can do. */
void
_xj_template_editor_changed (XjTemplateEditor *self)
{
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = xj_template_validate (self->tmpl);
  show_problems (self);
  update_problem_count (self);
  update_title (self);
  _xj_template_editor_actions_update (self);
}

/* --- public API ----------------------------------------------------------- */

/* Takes @tmpl: a template loaded from the store, or a new one (id 0). */
XjTemplateEditor *
xj_template_editor_new (XjApplication *application,
                        XjTemplate    *tmpl)
{
  XjTemplateEditor *self = g_object_new (XJ_TYPE_TEMPLATE_EDITOR, "application", application, NULL);

  self->application = g_object_ref (application);
  _xj_template_editor_load (self, tmpl);
  /* The first field, not the Cancel button. */
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}

const XjTemplate *
xj_template_editor_get_template (XjTemplateEditor *self)
{
  g_return_val_if_fail (XJ_IS_TEMPLATE_EDITOR (self), NULL);

  return self->tmpl;
}

guint
xj_template_editor_get_n_problems (XjTemplateEditor *self)
{
  g_return_val_if_fail (XJ_IS_TEMPLATE_EDITOR (self), 0);

  return self->n_problems;
}

gboolean
xj_template_editor_get_read_only (XjTemplateEditor *self)
{
  g_return_val_if_fail (XJ_IS_TEMPLATE_EDITOR (self), FALSE);

  return self->read_only;
}

/* A template never saved counts as modified: closing it asks. */
gboolean
xj_template_editor_get_modified (XjTemplateEditor *self)
{
  g_autofree char *now = NULL;

  g_return_val_if_fail (XJ_IS_TEMPLATE_EDITOR (self), FALSE);

  if (self->read_only || self->tmpl == NULL)
    return FALSE;
  now = xj_template_to_json (self->tmpl);
  return g_strcmp0 (now, self->snapshot) != 0;
}
