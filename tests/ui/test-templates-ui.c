/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Checklists area and the template editor, built from the real widgets
 * on a fresh data folder (with the built-in checklists installed) and
 * driven through their actions.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>

#include "xj-application.h"
#include "xj-inspection.h"
#include "xj-site.h"
#include "xj-item-editor.h"
#include "xj-template-editor.h"
#include "xj-template-store.h"
#include "xj-templates-page.h"
#include "xj-test-app.h"
#include "xj-test-ui.h"
#include "xj-test-utils.h"
#include "xj-window.h"

typedef struct
{
  XJ_TEST_APP_FIELDS
  XjTemplatesPage *page;
} Fixture;

/* --- fixture -------------------------------------------------------------- */

static void
destroy_windows (GType type)
{
  GtkWindow *window;

  while ((window = xj_test_find_window (type)) != NULL)
    gtk_window_destroy (window);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  /* @data: a function making the data folder, or NULL for a fresh one. */
  if (data != NULL)
    f->dir = ((char *(*) (void)) data) ();
  xj_test_app_start (XJ_TEST_APP (f));
  xj_test_app_show (XJ_TEST_APP (f), "templates");
  f->page = XJ_TEMPLATES_PAGE (xj_test_find_by_type (GTK_WIDGET (f->window), XJ_TYPE_TEMPLATES_PAGE));
  g_assert_nonnull (f->page);
  xj_test_iterate (50);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  xj_test_app_tear_down (XJ_TEST_APP (f));
}

/* --- helpers -------------------------------------------------------------- */

static XjStore *
get_store (Fixture *f)
{
  return xj_application_get_store (f->app);
}

static gint64
first_builtin (Fixture *f)
{
  GPtrArray *summaries = xj_templates_page_get_summaries (f->page);

  for (guint i = 0; i < summaries->len; i++)
    {
      XjTemplateSummary *summary = g_ptr_array_index (summaries, i);

      if (summary->builtin)
        return summary->id;
    }
  g_assert_not_reached ();
}

static guint
stored_template_count (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) summaries = xj_store_list_templates (get_store (f), TRUE, &error);

  g_assert_no_error (error);
  return summaries->len;
}

static XjTemplateEditor *
wait_for_editor (void)
{
  GtkWindow *editor = NULL;

  xj_test_wait_until ((editor = xj_test_find_window (XJ_TYPE_TEMPLATE_EDITOR)) != NULL);
  return XJ_TEMPLATE_EDITOR (editor);
}

/* Duplicates the first built-in from the page; the copy opens for editing. */
static XjTemplateEditor *
open_duplicate (Fixture *f)
{
  XjTemplateEditor *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "templates.duplicate", "x",
                                             first_builtin (f)));
  editor = wait_for_editor ();
  g_assert_nonnull (editor);
  g_assert_false (xj_template_editor_get_read_only (editor));
  return editor;
}

static GtkWidget *
find_in (gpointer    root,
         const char *id)
{
  GtkWidget *widget = xj_test_find_widget (GTK_WIDGET (root), id);

  g_assert_nonnull (widget);
  return widget;
}

static void
type_into (gpointer    root,
           const char *id,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find_in (root, id)), text);
  xj_test_iterate (10);
}

static void
editor_action (XjTemplateEditor *editor,
               const char       *action,
               GVariant         *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (editor), action, parameter));
  xj_test_iterate (30);
}

static gboolean
save_enabled (XjTemplateEditor *editor)
{
  return gtk_widget_get_sensitive (find_in (editor, "save_button"));
}

static AdwMessageDialog *
wait_for_message_dialog (void)
{
  GtkWindow *dialog = NULL;

  xj_test_wait_until ((dialog = xj_test_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  return ADW_MESSAGE_DIALOG (dialog);
}

static const XjTemplateItem *
item_at (const XjTemplate *tmpl,
         guint             section,
         guint             item)
{
  XjTemplateSection *s = g_ptr_array_index (tmpl->sections, section);

  return g_ptr_array_index (s->items, item);
}

static XjTemplate *
load_stored (Fixture *f,
             gint64   template_id)
{
  g_autoptr(GError) error = NULL;
  XjTemplate *tmpl = xj_store_load_template (get_store (f), template_id, &error);

  g_assert_no_error (error);
  return tmpl;
}

/* --- tests ---------------------------------------------------------------- */

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  GPtrArray *summaries = xj_templates_page_get_summaries (f->page);
  XjTemplateSummary *first;
  g_autofree char *items = NULL;

  /* The built-in checklists are listed with their size and a badge. */
  g_assert_cmpuint (summaries->len, >=, 6);
  first = g_ptr_array_index (summaries, 0);
  g_assert_true (first->builtin);
  g_assert_true (xj_test_label_shown (GTK_WIDGET (f->window), first->name));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (f->window), "Built-in"));
  items = g_strdup_printf ("Version 1 · %u items · not used yet", first->n_items);
  g_assert_true (xj_test_label_shown (GTK_WIDGET (f->window), items));
}

/* "Not used yet" follows an inspection started elsewhere, at once when
 * the page is in view and when it is shown again otherwise. */
static void
test_use_follows (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(XjSite) site = xj_site_new ("翠湖花园", XJ_SITE_KIND_ESTATE);
  XjTemplateSummary *first = g_ptr_array_index (xj_templates_page_get_summaries (f->page), 0);
  g_autofree char *unused = g_strdup_printf ("Version 1 · %u items · not used yet", first->n_items);
  g_autofree char *once = g_strdup_printf ("Version 1 · %u items · used by 1 inspection",
                                           first->n_items);
  g_autofree char *twice = g_strdup_printf ("Version 1 · %u items · used by 2 inspections",
                                            first->n_items);
  XjInspectionStart start = { .template_id = first->id, .kind = "spot_check", .inspector = "王芳" };
  g_autoptr(GError) error = NULL;

  g_assert_true (xj_store_save_site (get_store (f), site, "测试", &error));
  start.site_id = xj_site_get_id (site);
  g_assert_true (xj_test_label_shown (GTK_WIDGET (f->window), unused));

  xj_window_show_area (f->window, "today");
  xj_test_iterate (20);  /* Lays the Today page out before the store changes under it. */
  g_assert_cmpint (xj_store_start_inspection (get_store (f), &start, &error), >, 0);
  xj_test_iterate (20);
  xj_window_show_area (f->window, "templates");
  xj_test_wait_until (xj_test_label_shown (GTK_WIDGET (f->window), once));

  g_assert_cmpint (xj_store_start_inspection (get_store (f), &start, &error), >, 0);
  xj_test_wait_until (xj_test_label_shown (GTK_WIDGET (f->window), twice));
}

/* A new checklist's editor opens on its name, not on Cancel. */
static void
test_editor_focus (Fixture       *f,
                   gconstpointer  data)
{
  XjTemplateEditor *editor;
  GtkWidget *focus, *name;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "templates.new", NULL));
  editor = wait_for_editor ();
  g_assert_nonnull (editor);
  xj_test_iterate (50);
  focus = gtk_root_get_focus (GTK_ROOT (editor));
  name = find_in (editor, "name_row");
  g_assert_true (focus != NULL && (focus == name || gtk_widget_is_ancestor (focus, name)));
}

static void
test_builtin_read_only (Fixture       *f,
                        gconstpointer  data)
{
  gint64 builtin = first_builtin (f);
  guint before = stored_template_count (f);
  XjTemplateEditor *editor;
  g_autofree char *name = NULL;
  guint sections;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "templates.edit", "x", builtin));
  editor = wait_for_editor ();
  g_assert_nonnull (editor);
  g_assert_true (xj_template_editor_get_read_only (editor));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (find_in (editor, "read_only_banner"))));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (editor), "Built-in checklists are read-only"));
  g_assert_false (gtk_widget_get_visible (find_in (editor, "save_button")));

  /* Editing actions do nothing on a built-in. */
  sections = xj_template_editor_get_template (editor)->sections->len;
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-section", NULL);
  xj_test_run_pending ();
  g_assert_cmpuint (xj_template_editor_get_template (editor)->sections->len, ==, sections);

  /* “Duplicate to Edit” turns the window into the editor of a copy. */
  g_assert_true (gtk_widget_get_sensitive (find_in (editor, "duplicate_button")));
  name = g_strdup_printf ("%s (copy)", xj_template_editor_get_template (editor)->name);
  editor_action (editor, "editor.duplicate", NULL);
  g_assert_false (xj_template_editor_get_read_only (editor));
  g_assert_cmpstr (xj_template_editor_get_template (editor)->name, ==, name);
  g_assert_cmpint (xj_template_editor_get_template (editor)->template_id, !=, builtin);
  g_assert_cmpuint (stored_template_count (f), ==, before + 1);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (find_in (editor, "read_only_banner"))));
}

static void
test_edit_validate_save (Fixture       *f,
                         gconstpointer  data)
{
  XjTemplateEditor *editor = open_duplicate (f);
  const XjTemplate *tmpl = xj_template_editor_get_template (editor);
  guint n_sections = tmpl->sections->len;
  GtkWidget *range_error;
  g_autoptr(XjTemplate) stored = NULL;
  const XjTemplateItem *item;

  g_assert_false (save_enabled (editor));
  g_assert_cmpuint (xj_template_editor_get_n_problems (editor), ==, 0);

  /* A new section is empty: that is a problem, and Save waits. */
  editor_action (editor, "editor.add-section", NULL);
  g_assert_cmpuint (tmpl->sections->len, ==, n_sections + 1);
  g_assert_true (xj_test_label_shown (GTK_WIDGET (editor), "The section has no items"));
  g_assert_false (save_enabled (editor));

  /* An item added through the editor lands in the new section, selected. */
  editor_action (editor, "editor.add-item", NULL);
  g_assert_cmpuint (((XjTemplateSection *) g_ptr_array_index (tmpl->sections, n_sections))->items->len,
                    ==, 1);
  g_assert_false (xj_test_label_shown (GTK_WIDGET (editor), "The section has no items"));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (editor), "The prompt is empty"));
  type_into (gtk_widget_get_last_child (find_in (editor, "sections_box")), "title_entry", "冷链");
  type_into (editor, "prompt_row", "冷藏柜温度");
  g_assert_false (xj_test_label_shown (GTK_WIDGET (editor), "The prompt is empty"));

  /* A number range upside down: the message under the range, Save off. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_in (editor, "type_row")), XJ_RESPONSE_NUMBER);
  xj_test_iterate (20);
  type_into (editor, "unit_row", "°C");
  type_into (editor, "min_row", "30");
  type_into (editor, "max_row", "10");
  range_error = find_in (editor, "range_error");
  g_assert_true (gtk_widget_get_visible (range_error));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (range_error)), ==,
                   "The minimum (30) is larger than the maximum (10). Swap them.");
  g_assert_cmpuint (xj_template_editor_get_n_problems (editor), ==, 1);
  g_assert_false (save_enabled (editor));
  g_assert_true (gtk_widget_get_visible (find_in (editor, "problems_button")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (find_in (editor, "problems_button"))), ==, "1 problem");

  /* Text that is not a number is a problem too. */
  type_into (editor, "max_row", "四十");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (range_error)), ==,
                   "Enter a number, such as 18 or 22.5, or leave the field empty.");
  g_assert_false (save_enabled (editor));

  /* Fixed: the message goes, Save comes back and stores it. */
  type_into (editor, "max_row", "40");
  g_assert_false (gtk_widget_get_visible (range_error));
  g_assert_cmpuint (xj_template_editor_get_n_problems (editor), ==, 0);
  g_assert_true (save_enabled (editor));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (editor), "Acceptable: 30 – 40 °C"));
  editor_action (editor, "editor.save", NULL);
  g_assert_null (xj_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_false (xj_template_editor_get_modified (editor));
  g_assert_false (save_enabled (editor));

  stored = load_stored (f, tmpl->template_id);
  g_assert_cmpint (stored->version, ==, 1);
  g_assert_cmpuint (stored->sections->len, ==, n_sections + 1);
  g_assert_cmpstr (((XjTemplateSection *) g_ptr_array_index (stored->sections, n_sections))->title, ==, "冷链");
  item = item_at (stored, n_sections, 0);
  g_assert_cmpstr (item->prompt, ==, "冷藏柜温度");
  g_assert_cmpint (item->type, ==, XJ_RESPONSE_NUMBER);
  g_assert_cmpstr (item->unit, ==, "°C");
  g_assert_cmpfloat (item->range_min, ==, 30);
  g_assert_cmpfloat (item->range_max, ==, 40);
  g_assert_true (isnan (item->threshold));
}

/* Saving keeps the person where they were in the item: down at its
 * scoring, not back at the top. */
static void
test_save_keeps_place (Fixture       *f,
                       gconstpointer  data)
{
  XjTemplateEditor *editor = open_duplicate (f);
  XjItemEditor *item_editor = XJ_ITEM_EDITOR (xj_test_find_by_type (GTK_WIDGET (editor),
                                                                     XJ_TYPE_ITEM_EDITOR));

  xj_test_wait_until (gtk_widget_get_height (GTK_WIDGET (item_editor)) > 0);
  xj_test_iterate (10);
  xj_item_editor_set_scroll (item_editor, 250);
  g_assert_cmpfloat (xj_item_editor_get_scroll (item_editor), ==, 250);
  type_into (editor, "prompt_row", "地面干净，无积水");
  g_assert_true (save_enabled (editor));
  editor_action (editor, "editor.save", NULL);
  g_assert_false (xj_template_editor_get_modified (editor));
  g_assert_cmpfloat (xj_item_editor_get_scroll (item_editor), ==, 250);

  /* Another item starts at its top. */
  editor_action (editor, "editor.select-item", g_variant_new ("(uu)", 0, 1));
  g_assert_cmpfloat (xj_item_editor_get_scroll (item_editor), ==, 0);
}

static void
test_choice_options (Fixture       *f,
                     gconstpointer  data)
{
  XjTemplateEditor *editor = open_duplicate (f);
  GtkWidget *options_error = find_in (editor, "options_error");
  const XjTemplateItem *item;
  g_autoptr(XjTemplate) stored = NULL;
  GtkListBox *list;

  adw_combo_row_set_selected (ADW_COMBO_ROW (find_in (editor, "type_row")), XJ_RESPONSE_CHOICE);
  xj_test_wait_until (gtk_widget_get_visible (options_error));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (options_error)), ==,
                   "A single-choice item needs at least two options. Add them.");
  g_assert_false (save_enabled (editor));

  g_assert_true (gtk_widget_activate_action (find_in (editor, "response_editor"), "response.add-option", NULL));
  g_assert_true (gtk_widget_activate_action (find_in (editor, "response_editor"), "response.add-option", NULL));
  xj_test_wait_until (!(gtk_widget_get_visible (options_error)));
  list = GTK_LIST_BOX (find_in (editor, "options_list"));
  /* Two empty labels: each option says so on its own row. */
  g_assert_true (xj_test_label_shown (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)),
                                      "The option’s label is empty"));
  type_into (gtk_list_box_get_row_at_index (list, 0), "label_entry", "整洁");
  type_into (gtk_list_box_get_row_at_index (list, 1), "label_entry", "整洁");
  g_assert_true (xj_test_label_shown (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1)),
                                      "is listed twice"));
  type_into (gtk_list_box_get_row_at_index (list, 1), "label_entry", "脏乱");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_in (gtk_list_box_get_row_at_index (list, 1), "score_spin")), 0);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_in (gtk_list_box_get_row_at_index (list, 1), "fails_check")), TRUE);
  xj_test_wait_until ((xj_template_editor_get_n_problems (editor)) == (0));

  /* Reordered with the option's own action. */
  g_assert_true (gtk_widget_activate_action (find_in (editor, "response_editor"),
                                             "response.move-option-up", "u", 1));
  xj_test_iterate (20);
  editor_action (editor, "editor.save", NULL);
  stored = load_stored (f, xj_template_editor_get_template (editor)->template_id);
  item = item_at (stored, 0, 0);
  g_assert_cmpint (item->type, ==, XJ_RESPONSE_CHOICE);
  g_assert_cmpuint (item->options->len, ==, 2);
  g_assert_cmpstr (((XjTemplateOption *) g_ptr_array_index (item->options, 0))->label, ==, "脏乱");
  g_assert_true (((XjTemplateOption *) g_ptr_array_index (item->options, 0))->fails);
  g_assert_cmpfloat (((XjTemplateOption *) g_ptr_array_index (item->options, 0))->score, ==, 0);
  g_assert_cmpstr (((XjTemplateOption *) g_ptr_array_index (item->options, 1))->label, ==, "整洁");
}

static void
test_reorder (Fixture       *f,
              gconstpointer  data)
{
  XjTemplateEditor *editor = open_duplicate (f);
  const XjTemplate *tmpl = xj_template_editor_get_template (editor);
  g_autofree char *first = g_strdup (item_at (tmpl, 0, 0)->key);
  g_autofree char *second = g_strdup (item_at (tmpl, 0, 1)->key);
  g_autofree char *next_first = g_strdup (item_at (tmpl, 1, 0)->key);
  guint n0 = ((XjTemplateSection *) g_ptr_array_index (tmpl->sections, 0))->items->len;
  g_autoptr(XjTemplate) stored = NULL;

  /* Down within the section, then the first item of section 2 up across
   * the boundary to the end of section 1. */
  editor_action (editor, "editor.move-item-down", g_variant_new ("(uu)", 0, 0));
  g_assert_cmpstr (item_at (tmpl, 0, 0)->key, ==, second);
  g_assert_cmpstr (item_at (tmpl, 0, 1)->key, ==, first);
  g_assert_true (xj_template_editor_get_modified (editor));
  editor_action (editor, "editor.move-item-up", g_variant_new ("(uu)", 1, 0));
  g_assert_cmpstr (item_at (tmpl, 0, n0)->key, ==, next_first);
  /* The drag and drop path: the last item back to the top. */
  editor_action (editor, "editor.move-item-to", g_variant_new ("(uuuu)", 0, n0, 0, 0));
  g_assert_cmpstr (item_at (tmpl, 0, 0)->key, ==, next_first);

  editor_action (editor, "editor.save", NULL);
  stored = load_stored (f, tmpl->template_id);
  g_assert_cmpstr (item_at (stored, 0, 0)->key, ==, next_first);
  g_assert_cmpstr (item_at (stored, 0, 1)->key, ==, second);
  g_assert_cmpstr (item_at (stored, 0, 2)->key, ==, first);
  g_assert_cmpuint (((XjTemplateSection *) g_ptr_array_index (stored->sections, 0))->items->len, ==, n0 + 1);

  /* Sections move too. */
  {
    g_autofree char *title = g_strdup (((XjTemplateSection *) g_ptr_array_index (tmpl->sections, 0))->title);

    editor_action (editor, "editor.move-section-down", g_variant_new_uint32 (0));
    g_assert_cmpstr (((XjTemplateSection *) g_ptr_array_index (tmpl->sections, 1))->title, ==, title);
  }
}

static void
test_used_template_new_version (Fixture       *f,
                                gconstpointer  data)
{
  XjTemplateEditor *editor = open_duplicate (f);
  const XjTemplate *tmpl = xj_template_editor_get_template (editor);
  gint64 template_id = tmpl->template_id, old_version_id = tmpl->version_id;
  g_autoptr(XjSite) site = xj_site_new ("翠湖花园", XJ_SITE_KIND_ESTATE);
  XjInspectionStart start = { 0 };
  g_autoptr(XjInspection) inspection = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  gint64 inspection_id;

  g_assert_true (xj_store_save_site (get_store (f), site, "测试", &error));
  start.site_id = xj_site_get_id (site);
  start.template_id = template_id;
  start.kind = "spot_check";
  start.inspector = "王芳";
  inspection_id = xj_store_start_inspection (get_store (f), &start, &error);
  g_assert_no_error (error);

  type_into (editor, "prompt_row", "公共区域无明显垃圾（修订）");
  editor_action (editor, "editor.save", NULL);
  dialog = wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save as Version 2?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "This checklist was used by 1 inspection. Saving creates version 2; "
                   "that inspection keeps showing version 1.");
  adw_message_dialog_response (dialog, "save");
  xj_test_wait_until (!xj_template_editor_get_modified (editor));

  versions = xj_store_list_template_versions (get_store (f), template_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  g_assert_cmpint (tmpl->version, ==, 2);
  g_assert_cmpint (tmpl->version_id, !=, old_version_id);
  inspection = xj_store_get_inspection (get_store (f), inspection_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (inspection->version_id, ==, old_version_id);
  g_assert_cmpint (inspection->template_version, ==, 1);
  g_assert_false (xj_template_editor_get_modified (editor));
}

static void
test_unsaved_close (Fixture       *f,
                    gconstpointer  data)
{
  XjTemplateEditor *editor = open_duplicate (f);
  gint64 template_id = xj_template_editor_get_template (editor)->template_id;
  AdwMessageDialog *dialog;
  g_autoptr(XjTemplate) stored = NULL;

  /* Unchanged: closes at once. */
  gtk_window_close (GTK_WINDOW (editor));
  xj_test_wait_until ((xj_test_find_window (XJ_TYPE_TEMPLATE_EDITOR)) == NULL);

  /* Changed: asks; Cancel keeps the window and what was typed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "templates.edit", "x", template_id));
  editor = wait_for_editor ();
  type_into (editor, "prompt_row", "改过的检查项");
  gtk_window_close (GTK_WINDOW (editor));
  dialog = wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  adw_message_dialog_response (dialog, "cancel");
  /* Cancelled: the editor stays open. */
  xj_test_run_pending ();
  g_assert_nonnull (xj_test_find_window (XJ_TYPE_TEMPLATE_EDITOR));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_in (editor, "prompt_row"))), ==, "改过的检查项");

  /* Save from the question: stored, window gone. */
  gtk_window_close (GTK_WINDOW (editor));
  dialog = wait_for_message_dialog ();
  adw_message_dialog_response (dialog, "save");
  xj_test_wait_until ((xj_test_find_window (XJ_TYPE_TEMPLATE_EDITOR)) == NULL);
  stored = load_stored (f, template_id);
  g_assert_cmpstr (item_at (stored, 0, 0)->prompt, ==, "改过的检查项");

  /* Discard: nothing stored. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "templates.edit", "x", template_id));
  editor = wait_for_editor ();
  type_into (editor, "prompt_row", "不要保存");
  gtk_window_close (GTK_WINDOW (editor));
  dialog = wait_for_message_dialog ();
  adw_message_dialog_response (dialog, "discard");
  xj_test_wait_until ((xj_test_find_window (XJ_TYPE_TEMPLATE_EDITOR)) == NULL);
  g_clear_pointer (&stored, xj_template_free);
  stored = load_stored (f, template_id);
  g_assert_cmpstr (item_at (stored, 0, 0)->prompt, ==, "改过的检查项");
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  return path;
}

static void
test_import_bad_csv (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = write_file (f, "bad.csv",
                                      "template,section,prompt,type,min,max\n"
                                      "Cold chain,Store,Fridge temperature,number,8,2\n"
                                      "Cold chain,Store,Freezer door closed,thermometer,,\n");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint before = stored_template_count (f);
  AdwMessageDialog *dialog;
  GtkWidget *label;
  const char *text;

  xj_templates_page_import_file (f->page, file);
  dialog = wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Cannot Import “bad.csv”");
  label = xj_test_find_by_type (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_LABEL);
  text = gtk_label_get_text (GTK_LABEL (label));
  /* Every problem, each with its file and line. */
  g_assert_nonnull (strstr (text, "bad.csv:2:"));
  g_assert_nonnull (strstr (text, "bad.csv:3:"));
  g_assert_nonnull (strstr (text, "larger than the maximum"));
  g_assert_nonnull (strstr (text, "thermometer"));
  g_assert_cmpuint (stored_template_count (f), ==, before);
  adw_message_dialog_response (dialog, "close");
  xj_test_iterate (20);
}

static void
test_export_import (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "daily", NULL);
  g_autofree char *json = g_strconcat (path, ".json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) written = g_file_new_for_path (json);
  guint before = stored_template_count (f);
  AdwMessageDialog *dialog;

  /* No extension: JSON is written. */
  xj_templates_page_export_file (f->page, first_builtin (f), file);
  xj_test_wait_until (g_file_test (json, G_FILE_TEST_EXISTS));

  xj_templates_page_import_file (f->page, written);
  /* Shown first; stored only when the person agrees. */
  dialog = wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpuint (stored_template_count (f), ==, before);
  /* What a click on the button does: the response, then the dialog goes. */
  adw_message_dialog_response (dialog, "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
  xj_test_wait_until (!(stored_template_count (f) == before));
  g_assert_cmpuint (stored_template_count (f), ==, before + 1);
  g_assert_null (xj_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
}

/* A CSV that Excel on Chinese Windows saved ("CSV (逗号分隔)", GB18030):
 * decoded, shown as it reads, and only added on "Import"; "Cancel" adds
 * nothing. */
static void
test_import_gb18030 (Fixture       *f,
                     gconstpointer  data)
{
  static const char utf8[] =
    "template,section,key,prompt,type\n"
    "暗访门店,亲切招呼,greet,顾客进店 30 秒内主动问候,合格/不合格\n"
    "暗访门店,探询需求,needs,询问顾客购物场合,合格/不合格\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *gb = NULL;
  g_autofree char *path = g_build_filename (f->dir, "excel.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint before = stored_template_count (f);
  AdwMessageDialog *dialog;
  GtkWidget *label;
  gsize length = 0;

  gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, gb, length, &error));

  for (guint round = 0; round < 2; round++)
    {
      xj_templates_page_import_file (f->page, file);
      dialog = wait_for_message_dialog ();
      g_assert_nonnull (dialog);
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Import “暗访门店”?");
      label = xj_test_find_by_type (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_LABEL);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                       "亲切招呼 · 顾客进店 30 秒内主动问候\n探询需求 · 询问顾客购物场合");
      g_assert_cmpuint (stored_template_count (f), ==, before);
      adw_message_dialog_response (dialog, round == 0 ? "cancel" : "import");
      gtk_window_destroy (GTK_WINDOW (dialog));
      xj_test_iterate (20);
    }
  xj_test_wait_until (stored_template_count (f) == before + 1);
  g_assert_cmpuint (stored_template_count (f), ==, before + 1);
}

/* Run in a process started under zh_CN.UTF-8 (see tests/ui/meson.build). */
static void
test_chinese (void)
{
  Fixture f = { 0 };
  XjTemplateEditor *editor;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  AdwMessageDialog *dialog;

  fixture_set_up (&f, NULL);
  g_assert_true (xj_test_label_shown (GTK_WIDGET (f.window), "内置"));
  xj_test_assert_translated (GTK_WIDGET (f.window));

  /* A built-in, read-only. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "templates.edit", "x", first_builtin (&f)));
  editor = wait_for_editor ();
  xj_test_assert_translated (GTK_WIDGET (editor));
  destroy_windows (XJ_TYPE_TEMPLATE_EDITOR);

  /* A copy, with every response type in the preview and its own fields. */
  editor = open_duplicate (&f);
  for (XjResponseType type = 0; type < XJ_N_RESPONSE_TYPES; type++)
    {
      adw_combo_row_set_selected (ADW_COMBO_ROW (find_in (editor, "type_row")), type);
      xj_test_iterate (30);
      xj_test_assert_translated (GTK_WIDGET (editor));
    }
  editor_action (editor, "editor.add-section", NULL);
  editor_action (editor, "editor.add-item", NULL);
  xj_test_assert_translated (GTK_WIDGET (editor));
  gtk_window_close (GTK_WINDOW (editor));
  dialog = wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  xj_test_assert_translated (GTK_WIDGET (dialog));
  adw_message_dialog_response (dialog, "discard");
  xj_test_iterate (30);

  /* The import problems, in Chinese too. */
  path = write_file (&f, "坏文件.CSV", "分区,检查项,类型\n大堂,地面干净,温度计\n");
  file = g_file_new_for_path (path);
  xj_templates_page_import_file (f.page, file);
  dialog = wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  /* The problems themselves quote the file format's own words (type
   * names, column names), which stay as they are; the rest is Chinese. */
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "无法导入“坏文件.CSV”");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "未导入任何内容。请在文件中改正以下问题后重新导入：");
  g_assert_true (xj_test_label_shown (GTK_WIDGET (dialog), "坏文件.CSV:2:"));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (dialog), "不是可识别的值"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  fixture_tear_down (&f, NULL);
}

/* A data folder first opened from an English shell: the real binary
 * installs the built-in checklists there under LANG=C. */
static char *
make_english_folder (void)
{
  char *dir = xj_test_make_data_dir ();
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LANG", "C", TRUE);
  const char *argv[] = { g_getenv ("XUNJIAN_BINARY"), "--data-dir", dir, "template", "list", NULL };
  g_autoptr(GError) error = NULL;
  int status = -1;

  env = g_environ_setenv (env, "LC_ALL", "C", TRUE);
  env = g_environ_unsetenv (env, "LANGUAGE");
  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return dir;
}

/* Under zh_CN, the built-in checklists of that English-first folder show
 * their Chinese names, in the list and in the read-only editor. */
static void
test_chinese_builtins (void)
{
  Fixture f = { 0 };
  XjTemplateEditor *editor;

  fixture_set_up (&f, make_english_folder);
  g_assert_true (xj_test_label_shown (GTK_WIDGET (f.page), "日常巡视"));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (f.page), "周检"));
  g_assert_false (xj_test_label_shown (GTK_WIDGET (f.page), "Daily patrol"));
  g_assert_false (xj_test_label_shown (GTK_WIDGET (f.page), "Weekly check"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "templates.edit", "x", first_builtin (&f)));
  editor = wait_for_editor ();
  g_assert_false (xj_test_label_shown (GTK_WIDGET (editor), "Daily patrol"));
  g_assert_false (xj_test_label_shown (GTK_WIDGET (editor), "Weekly check"));
  g_assert_false (xj_test_label_shown (GTK_WIDGET (editor), "Monthly check"));
  destroy_windows (XJ_TYPE_TEMPLATE_EDITOR);
  fixture_tear_down (&f, NULL);
}

int
main (int    argc,
      char **argv)
{
  xj_test_init_ui (&argc, &argv);
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();

  if (g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "zh_CN"))
    {
      g_test_add_func ("/xj/ui/zh/templates-translated", test_chinese);
      g_test_add_func ("/xj/ui/zh/builtins-follow-language", test_chinese_builtins);
      return g_test_run ();
    }

  g_test_add ("/xj/ui/templates/list", Fixture, NULL, fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/xj/ui/templates/use-follows", Fixture, NULL, fixture_set_up, test_use_follows,
              fixture_tear_down);
  g_test_add ("/xj/ui/templates/editor-focus", Fixture, NULL, fixture_set_up, test_editor_focus,
              fixture_tear_down);
  g_test_add ("/xj/ui/templates/builtin-read-only", Fixture, NULL, fixture_set_up,
              test_builtin_read_only, fixture_tear_down);
  g_test_add ("/xj/ui/templates/edit-validate-save", Fixture, NULL, fixture_set_up,
              test_edit_validate_save, fixture_tear_down);
  g_test_add ("/xj/ui/templates/save-keeps-place", Fixture, NULL, fixture_set_up,
              test_save_keeps_place, fixture_tear_down);
  g_test_add ("/xj/ui/templates/choice-options", Fixture, NULL, fixture_set_up,
              test_choice_options, fixture_tear_down);
  g_test_add ("/xj/ui/templates/reorder", Fixture, NULL, fixture_set_up, test_reorder,
              fixture_tear_down);
  g_test_add ("/xj/ui/templates/used-template-new-version", Fixture, NULL, fixture_set_up,
              test_used_template_new_version, fixture_tear_down);
  g_test_add ("/xj/ui/templates/unsaved-close", Fixture, NULL, fixture_set_up, test_unsaved_close,
              fixture_tear_down);
  g_test_add ("/xj/ui/templates/import-bad-csv", Fixture, NULL, fixture_set_up, test_import_bad_csv,
              fixture_tear_down);
  g_test_add ("/xj/ui/templates/export-import", Fixture, NULL, fixture_set_up, test_export_import,
              fixture_tear_down);
  g_test_add ("/xj/ui/templates/import-gb18030", Fixture, NULL, fixture_set_up,
              test_import_gb18030, fixture_tear_down);

  return g_test_run ();
}
