/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Importing and exporting checklists from the templates page.  Reading and
 * checking a file, and writing one, run in a worker; only storing the
 * checked template (one short transaction) happens on the main thread.
 * A refused file lists every problem the importer found, each with its
 * file and line or JSON path, and nothing is stored; a good one is shown
 * (its first items, decoded) and stored only when the person agrees.
 */
#define G_LOG_DOMAIN "xj-templates-page"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-chooser.h"
#include "xj-confirm.h"
#include "xj-label.h"
#include "xj-template-io.h"
#include "xj-template-store.h"
#include "xj-templates-page-private.h"
#include "xj-window-actions.h"

/* --- import --------------------------------------------------------------- */

#define PREVIEW_ITEMS 12

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  XjTemplate *tmpl = xj_template_read_file (task_data, &error);

  if (tmpl == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, tmpl, (GDestroyNotify) xj_template_free);
}

/* A dialog's long text: selectable, wrapped, scrolled past 320 pixels. */
static GtkWidget *
scrolled_text (const char *text,
               const char *name)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *label = xj_label_new_wrapped (text, NULL);

  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_name (label, name);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
  return scroller;
}

static void
show_import_problems (XjTemplatesPage *self,
                      const char      *path,
                      const GError    *error)
{
  GtkWidget *dialog;
  g_autofree char *basename = g_path_get_basename (path);
  g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_string_append_printf (text, "%s• %s", text->len > 0 ? "\n" : "", lines[i]);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), NULL, NULL);
  /* Translators: %s is a file name */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Cannot Import “%s”"), basename);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               error->domain == XJ_TEMPLATE_ERROR && error->code == XJ_TEMPLATE_ERROR_FILE
                               ? _("Nothing was imported. Correct these problems in the file, then import it again:")
                               : _("Nothing was imported."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog),
                                      scrolled_text (text->str, "problems_label"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, -1);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The first items as the file reads once decoded (UTF-8, or the GB18030
 * that Excel saves on Chinese Windows): garbled text shows here, before
 * anything is added. */
static char *
describe_items (const XjTemplate *tmpl)
{
  GString *text = g_string_new (NULL);
  guint shown = 0, total = xj_template_count_items (tmpl);

  for (guint s = 0; s < tmpl->sections->len && shown < PREVIEW_ITEMS; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len && shown < PREVIEW_ITEMS; i++, shown++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);

          g_string_append_printf (text, "%s%s · %s", text->len > 0 ? "\n" : "", section->title,
                                  item->prompt);
        }
    }
  if (total > shown)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("… and %u more item", "… and %u more items",
                                              total - shown), total - shown);
    }
  return g_string_free (text, FALSE);
}

static void
on_preview_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        XjTemplatesPage  *self)
{
  XjTemplate *tmpl = g_object_get_data (G_OBJECT (dialog), "template");
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  XjApplication *application = _xj_templates_page_get_application (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = NULL;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "import"))
    return;
  actor = xj_application_dup_actor (application);
  tmpl->template_id = 0;
  if (!xj_store_save_template (xj_application_get_store (application), tmpl, actor, &error))
    {
      show_import_problems (self, path, error);
      return;
    }
  /* Translators: %s is the imported checklist's name */
  message = g_strdup_printf (_("Imported “%s”"), tmpl->name);
  xj_toast (GTK_WIDGET (self), message);
}

static void
show_import_preview (XjTemplatesPage *self,
                     const char      *path,
                     XjTemplate      *tmpl)
{
  GtkWidget *dialog;
  g_autofree char *items = describe_items (tmpl);
  guint n_items = xj_template_count_items (tmpl);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), NULL, NULL);
  /* Translators: %s is the checklist's name as read from the file */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Import “%s”?"), tmpl->name);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  ngettext ("%u item. Check that the text reads correctly before it is added:",
                                            "%u items. Check that the text reads correctly before they are added:",
                                            n_items), n_items);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog),
                                      scrolled_text (items, "preview_label"));
  g_object_set_data_full (G_OBJECT (dialog), "template", tmpl, (GDestroyNotify) xj_template_free);
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, -1);
  xj_confirm_present (ADW_MESSAGE_DIALOG (dialog), "import", _("_Import"),
                      ADW_RESPONSE_SUGGESTED, "import",
                      G_CALLBACK (on_preview_response_cb), self, 0);
}

static void
on_read_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  XjTemplatesPage *self = XJ_TEMPLATES_PAGE (source);
  const char *path = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  XjTemplate *tmpl = g_task_propagate_pointer (G_TASK (result), &error);

  if (tmpl == NULL)
    show_import_problems (self, path, error);
  else
    show_import_preview (self, path, tmpl);
}

static void
on_import_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       XjTemplatesPage *self)
{
  g_autoptr(GFile) file = xj_chooser_dup_file (chooser, response);

  if (file != NULL)
    xj_templates_page_import_file (self, file);
  g_object_unref (chooser);
}

static void
add_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _("Checklists (JSON or CSV)"));
  gtk_file_filter_add_suffix (all, "json");
  gtk_file_filter_add_suffix (all, "csv");
  gtk_file_filter_set_name (json, _("JSON"));
  gtk_file_filter_add_suffix (json, "json");
  gtk_file_filter_set_name (csv, _("CSV (spreadsheet)"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_add_filter (chooser, json);
  gtk_file_chooser_add_filter (chooser, csv);
}

void
_xj_templates_page_choose_import (XjTemplatesPage *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import Checklist"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  add_filters (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
xj_templates_page_import_file (XjTemplatesPage *self,
                               GFile           *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (XJ_IS_TEMPLATES_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, NULL, on_read_done_cb, NULL);
  g_task_set_source_tag (task, xj_templates_page_import_file);
  g_task_set_task_data (task, g_file_get_path (file), g_free);
  g_task_run_in_thread (task, read_thread);
}

/* --- export --------------------------------------------------------------- */

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  XjTemplate *tmpl = task_data;
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  GError *error = NULL;

  if (xj_template_write_file (tmpl, path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_write_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  XjTemplatesPage *self = XJ_TEMPLATES_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *basename = g_path_get_basename (g_object_get_data (G_OBJECT (result), "path"));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      xj_toast (GTK_WIDGET (self), error->message);
      return;
    }
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Exported to “%s”"), basename);
  xj_toast (GTK_WIDGET (self), message);
}

/* A name without .json or .csv gets .json: the format follows the name. */
static char *
export_path (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".json") || g_str_has_suffix (lower, ".csv"))
    return g_steal_pointer (&path);
  return g_strconcat (path, ".json", NULL);
}

void
xj_templates_page_export_file (XjTemplatesPage *self,
                               gint64           template_id,
                               GFile           *file)
{
  XjApplication *application = _xj_templates_page_get_application (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  XjTemplate *tmpl;

  g_return_if_fail (XJ_IS_TEMPLATES_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  tmpl = xj_store_load_template (xj_application_get_store (application), template_id, &error);
  if (tmpl == NULL)
    {
      xj_toast (GTK_WIDGET (self), error->message);
      return;
    }
  task = g_task_new (self, NULL, on_write_done_cb, NULL);
  g_task_set_source_tag (task, xj_templates_page_export_file);
  g_task_set_task_data (task, tmpl, (GDestroyNotify) xj_template_free);
  g_object_set_data_full (G_OBJECT (task), "path", export_path (file), g_free);
  g_task_run_in_thread (task, write_thread);
}

static void
on_export_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       XjTemplatesPage *self)
{
  g_autoptr(GFile) file = xj_chooser_dup_file (chooser, response);

  if (file != NULL)
    xj_templates_page_export_file (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (chooser), "id")),
                                   file);
  g_object_unref (chooser);
}

void
_xj_templates_page_choose_export (XjTemplatesPage *self,
                                  gint64           template_id,
                                  const char      *name)
{
  GtkFileChooserNative *chooser;
  g_autofree char *suggested = g_strconcat (name != NULL ? name : _("checklist"), ".json", NULL);

  chooser = gtk_file_chooser_native_new (_("Export Checklist"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  add_filters (GTK_FILE_CHOOSER (chooser));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "id", GSIZE_TO_POINTER ((gsize) template_id));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
