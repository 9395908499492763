/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Checklists area: every template's latest version with its size and
 * use, and what can be done with it — new, edit (built-ins open read-only),
 * duplicate, archive, import and export.  In a team whose rules keep the
 * user's role from changing checklists, those are off, with the reason, and
 * Edit opens the checklist read-only.
 */
#define G_LOG_DOMAIN "xj-templates-page"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-team-role.h"
#include "xj-template-editor.h"
#include "xj-template-store.h"
#include "xj-templates-page-private.h"
#include "xj-window-actions.h"
#include "xj-window.h"

struct _XjTemplatesPage
{
  AdwBin           parent_instance;

  XjApplication   *application;
  GPtrArray       *summaries;     /* (element-type XjTemplateSummary) as listed */
  gboolean         stale;         /* inspections changed while the page was hidden */
  char            *refusal;       /* why the team role may not change checklists, or NULL */

  GtkStack        *stack;
  GtkListBox      *list;
  GtkToggleButton *show_archived;
  GtkWidget       *new_button;
  GtkWidget       *import_button;
  GtkWidget       *empty_new_button;
};

G_DEFINE_FINAL_TYPE (XjTemplatesPage, xj_templates_page, ADW_TYPE_BIN)

/* --- helpers -------------------------------------------------------------- */

static const XjTemplateSummary *
find_summary (XjTemplatesPage *self,
              gint64           template_id)
{
  for (guint i = 0; i < self->summaries->len; i++)
    {
      XjTemplateSummary *summary = g_ptr_array_index (self->summaries, i);

      if (summary->id == template_id)
        return summary;
    }
  return NULL;
}

static char *
describe (const XjTemplateSummary *summary)
{
  g_autofree char *version = g_strdup_printf (_("Version %d"), summary->version);
  g_autofree char *items = g_strdup_printf (ngettext ("%u item", "%u items", summary->n_items),
                                            summary->n_items);
  g_autofree char *used = NULL;

  if (summary->n_inspections == 0)
    used = g_strdup (_("not used yet"));
  else
    used = g_strdup_printf (ngettext ("used by %u inspection", "used by %u inspections",
                                      summary->n_inspections),
                            summary->n_inspections);
  return g_strjoin (" · ", version, items, used, NULL);
}

static GtkWidget *
create_tag (const char *text,
            const char *css_class)
{
  GtkWidget *tag = gtk_label_new (text);

  gtk_widget_add_css_class (tag, css_class);
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  return tag;
}

static GMenuModel *
create_row_menu (const XjTemplateSummary *summary)
{
  GMenu *menu = g_menu_new ();
  GVariant *target = g_variant_ref_sink (g_variant_new_int64 (summary->id));
  g_autoptr(GMenuItem) duplicate = g_menu_item_new (_("_Duplicate"), NULL);
  g_autoptr(GMenuItem) export = g_menu_item_new (_("_Export…"), NULL);
  g_autoptr(GMenuItem) archive = g_menu_item_new (summary->archived ? _("_Restore") : _("_Archive"), NULL);

  g_menu_item_set_action_and_target_value (duplicate, "templates.duplicate", target);
  g_menu_item_set_action_and_target_value (export, "templates.export", target);
  g_menu_item_set_action_and_target_value (archive, summary->archived ? "templates.restore"
                                                                      : "templates.archive", target);
  g_menu_append_item (menu, duplicate);
  g_menu_append_item (menu, export);
  g_menu_append_item (menu, archive);
  g_variant_unref (target);
  return G_MENU_MODEL (menu);
}

static GtkWidget *
create_row (const XjTemplateSummary *summary,
            const char              *refusal)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *edit = gtk_button_new_with_label (summary->builtin || refusal != NULL ? _("View")
                                                                                  : _("Edit"));
  GtkWidget *more = gtk_menu_button_new ();
  g_autoptr(GMenuModel) menu = create_row_menu (summary);
  g_autofree char *subtitle = describe (summary);
  /* Translators: %s is a checklist's name */
  g_autofree char *more_label = g_strdup_printf (_("More actions for “%s”"), summary->name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), summary->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "templates.edit");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_int64 (summary->id));

  if (summary->builtin)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_tag (_("Built-in"), "badge"));
  if (summary->archived)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_tag (_("Archived"), "dim-label"));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "templates.edit");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (edit), g_variant_new_int64 (summary->id));
  gtk_widget_set_name (edit, "edit");
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (edit, "flat");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (more), menu);
  gtk_widget_set_name (more, "more");
  gtk_widget_set_tooltip_text (more, refusal != NULL ? refusal : _("More Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (more), GTK_ACCESSIBLE_PROPERTY_LABEL, more_label, -1);
  gtk_widget_set_valign (more, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (more, "flat");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), more);
  return row;
}

/* In a team, whether the role may change checklists (the server refuses
 * it otherwise): the actions that would are off and say why.  Returns:
 * whether that changed. */
static gboolean
read_team (XjTemplatesPage *self)
{
  const char *actions[] = { "templates.new", "templates.duplicate", "templates.archive",
                            "templates.restore", "templates.import" };
  g_autofree char *refusal = xj_team_role_refusal_here (self->application,
                                                        XJ_TEAM_ACT_EDIT_SHARED);
  gboolean changed = g_strcmp0 (refusal, self->refusal) != 0;

  g_free (self->refusal);
  self->refusal = g_steal_pointer (&refusal);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], self->refusal == NULL);
  gtk_widget_set_tooltip_text (self->new_button,
                               self->refusal != NULL ? self->refusal : _("New Checklist (Ctrl+N)"));
  gtk_widget_set_tooltip_text (self->empty_new_button, self->refusal);
  gtk_widget_set_tooltip_text (self->import_button,
                               self->refusal != NULL
                               ? self->refusal
                               : _("Import a checklist from a JSON or CSV file (Ctrl+I)"));
  return changed;
}

/* Whether the rows of @shown say what those of @summaries would: every
 * sync writes the team's settings and may touch inspections, and rows
 * rebuilt for nothing lose a click made on them meanwhile. */
static gboolean
same_summaries (GPtrArray *shown,
                GPtrArray *summaries)
{
  if (shown == NULL || shown->len != summaries->len)
    return FALSE;
  for (guint i = 0; i < shown->len; i++)
    {
      const XjTemplateSummary *a = g_ptr_array_index (shown, i);
      const XjTemplateSummary *b = g_ptr_array_index (summaries, i);

      if (a->id != b->id || g_strcmp0 (a->name, b->name) != 0 || a->version != b->version
          || a->n_items != b->n_items || a->builtin != b->builtin || a->archived != b->archived
          || a->n_inspections != b->n_inspections || a->updated_at != b->updated_at)
        return FALSE;
    }
  return TRUE;
}

static void
reload (XjTemplatesPage *self)
{
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  summaries = xj_store_list_templates (xj_application_get_store (self->application),
                                       gtk_toggle_button_get_active (self->show_archived), &error);
  if (summaries == NULL)
    {
      xj_toast (GTK_WIDGET (self), error->message);
      return;
    }
  if (!read_team (self) && same_summaries (self->summaries, summaries))
    return;
  g_clear_pointer (&self->summaries, g_ptr_array_unref);
  self->summaries = g_steal_pointer (&summaries);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < self->summaries->len; i++)
    gtk_list_box_append (self->list, create_row (g_ptr_array_index (self->summaries, i),
                                                 self->refusal));
  gtk_stack_set_visible_child_name (self->stack, self->summaries->len > 0 ? "list" : "empty");
}

/* One editor per template: a second Edit brings the open one forward. */
static void
open_editor (XjTemplatesPage *self,
             XjTemplate      *tmpl)
{
  XjTemplateEditor *editor;

  if (tmpl->template_id != 0)
    for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self->application)); l; l = l->next)
      if (XJ_IS_TEMPLATE_EDITOR (l->data)
          && xj_template_editor_get_template (l->data)->template_id == tmpl->template_id)
        {
          xj_template_free (tmpl);
          gtk_window_present (l->data);
          return;
        }
  editor = xj_template_editor_new (self->application, tmpl);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
open_template (XjTemplatesPage *self,
               gint64           template_id)
{
  g_autoptr(GError) error = NULL;
  XjTemplate *tmpl = xj_store_load_template (xj_application_get_store (self->application),
                                             template_id, &error);

  if (tmpl == NULL)
    xj_toast (GTK_WIDGET (self), error->message);
  else
    open_editor (self, tmpl);
}

/* --- callbacks ------------------------------------------------------------ */

static void
on_show_archived_toggled_cb (XjTemplatesPage *self)
{
  reload (self);
}

static void
on_store_changed_cb (XjTemplatesPage *self)
{
  reload (self);
}

/* "Used by N inspections" follows inspections started (or removed)
 * elsewhere; answers change them all the time, so only a page in view
 * reloads at once, a hidden one when it is shown again. */
static void
on_inspections_changed_cb (XjTemplatesPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  else
    self->stale = TRUE;
}

static void
on_map_cb (XjTemplatesPage *self)
{
  if (self->stale)
    {
      self->stale = FALSE;
      reload (self);
    }
}

/* --- actions -------------------------------------------------------------- */

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  XjTemplatesPage *self = XJ_TEMPLATES_PAGE (widget);
  XjTemplate *tmpl;
  XjTemplateSection *section;

  /* The shortcut is window-wide; act only when this page is the one shown. */
  if (!gtk_widget_get_mapped (widget))
    return;
  tmpl = xj_template_new (_("New checklist"));
  section = xj_template_section_new (_("General"));
  g_ptr_array_add (section->items, xj_template_item_new ("item-1", "", XJ_RESPONSE_PASS_FAIL));
  g_ptr_array_add (tmpl->sections, section);
  open_editor (self, tmpl);
}

static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  open_template (XJ_TEMPLATES_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
duplicate_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  XjTemplatesPage *self = XJ_TEMPLATES_PAGE (widget);
  g_autofree char *actor = xj_application_dup_actor (self->application);
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = xj_store_duplicate_template (xj_application_get_store (self->application),
                                    g_variant_get_int64 (parameter), NULL, actor, &error);
  if (id == 0)
    xj_toast (GTK_WIDGET (self), error->message);
  else
    open_template (self, id);
}

static void
archive_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  XjTemplatesPage *self = XJ_TEMPLATES_PAGE (widget);
  g_autofree char *actor = xj_application_dup_actor (self->application);
  g_autoptr(GError) error = NULL;
  gboolean archive = g_str_equal (action_name, "templates.archive");

  if (!xj_store_set_template_archived (xj_application_get_store (self->application),
                                       g_variant_get_int64 (parameter), archive, actor, &error))
    xj_toast (GTK_WIDGET (self), error->message);
  else if (archive)
    xj_toast (GTK_WIDGET (self), _("Archived. “Show Archived” lists it again."));
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  if (gtk_widget_get_mapped (widget))
    _xj_templates_page_choose_import (XJ_TEMPLATES_PAGE (widget));
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  XjTemplatesPage *self = XJ_TEMPLATES_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  const XjTemplateSummary *summary = find_summary (self, id);

  _xj_templates_page_choose_export (self, id, summary != NULL ? summary->name : NULL);
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_templates_page_dispose (GObject *object)
{
  XjTemplatesPage *self = XJ_TEMPLATES_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_TEMPLATES_PAGE);
  g_clear_pointer (&self->summaries, g_ptr_array_unref);
  g_clear_pointer (&self->refusal, g_free);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (xj_templates_page_parent_class)->dispose (object);
}

static void
xj_templates_page_class_init (XjTemplatesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_templates_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-templates-page.ui");
  gtk_widget_class_bind_template_child (widget_class, XjTemplatesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, XjTemplatesPage, list);
  gtk_widget_class_bind_template_child (widget_class, XjTemplatesPage, show_archived);
  gtk_widget_class_bind_template_child (widget_class, XjTemplatesPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, XjTemplatesPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, XjTemplatesPage, empty_new_button);
  gtk_widget_class_bind_template_callback (widget_class, on_show_archived_toggled_cb);

  gtk_widget_class_install_action (widget_class, "templates.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "templates.edit", "x", edit_activated);
  gtk_widget_class_install_action (widget_class, "templates.duplicate", "x", duplicate_activated);
  gtk_widget_class_install_action (widget_class, "templates.archive", "x", archive_activated);
  gtk_widget_class_install_action (widget_class, "templates.restore", "x", archive_activated);
  gtk_widget_class_install_action (widget_class, "templates.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "templates.export", "x", export_activated);
}

static void
add_global_shortcut (GtkShortcutController *controller,
                     const char            *trigger,
                     const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (trigger),
                                                          gtk_named_action_new (action)));
}

static void
xj_templates_page_init (XjTemplatesPage *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->summaries = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_template_summary_free);

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  add_global_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Primary>n", "templates.new");
  add_global_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Primary>i", "templates.import");
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

/* --- private API ---------------------------------------------------------- */

XjApplication *
_xj_templates_page_get_application (XjTemplatesPage *self)
{
  return self->application;
}

/* --- public API ----------------------------------------------------------- */

GtkWidget *
xj_templates_page_new (XjApplication *application)
{
  XjTemplatesPage *self = g_object_new (XJ_TYPE_TEMPLATES_PAGE, NULL);

  self->application = g_object_ref (application);
  g_signal_connect_object (xj_application_get_store (application), "changed::templates",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (xj_application_get_store (application), "changed::team_settings",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (xj_application_get_store (application), "changed::inspections",
                           G_CALLBACK (on_inspections_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
  reload (self);
  return GTK_WIDGET (self);
}

/* Returns: (transfer none) (element-type XjTemplateSummary): the rows. */
GPtrArray *
xj_templates_page_get_summaries (XjTemplatesPage *self)
{
  g_return_val_if_fail (XJ_IS_TEMPLATES_PAGE (self), NULL);

  return self->summaries;
}
