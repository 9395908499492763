/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Export to Excel" from the Overview: what is on screen (the period, the
 * sites and the kind that the figures shown answer) written by the xlsx
 * writer in a worker; a toast says how many rows went where and offers to
 * open the file.
 */
#define G_LOG_DOMAIN "xj-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-clock.h"
#include "xj-launch.h"
#include "xj-overview-page-private.h"
#include "xj-window-actions.h"
#include "xj-xlsx-export.h"

/* --- opening -------------------------------------------------------------- */

static void
show_not_opened (GtkWidget    *widget,
                 const GError *error)
{
  xj_window_action_activate (widget, "win.show-error", "(ss)",
                             _("No Application Could Open the Spreadsheet"), error->message);
}

static void
on_open_clicked_cb (AdwToast       *toast,
                    XjOverviewPage *self)
{
  xj_launch_path (GTK_WIDGET (self), g_object_get_data (G_OBJECT (toast), "path"),
                  show_not_opened);
}

/* --- writing -------------------------------------------------------------- */

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(XjOverviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_steal_pointer (&self->export_path);
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  GtkWidget *overlay;
  XjXlsxCounts counts;
  AdwToast *toast;

  g_clear_object (&self->export_cancellable);
  _xj_overview_page_update_actions (self);
  if (!xj_xlsx_export_finish (XJ_STORE (source), result, &counts, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        xj_window_action_activate (GTK_WIDGET (self), "win.show-error", "(ss)",
                                   _("Could not export to Excel"), error->message);
      return;
    }
  name = g_path_get_basename (path);
  /* Translators: rows written, and the file's name */
  title = g_strdup_printf (ngettext ("%u inspection exported to “%s”",
                                     "%u inspections exported to “%s”", counts.inspections),
                           counts.inspections, name);
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    return;
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Open"));
  g_object_set_data_full (G_OBJECT (toast), "path", g_steal_pointer (&path), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_open_clicked_cb), self, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/**
 * xj_overview_page_export_file:
 * @file: the .xlsx to write (replaced only once complete)
 *
 * Writes what the page shows, in a worker; the page says when it is done.
 */
void
xj_overview_page_export_file (XjOverviewPage *self,
                              GFile          *file)
{
  XjExportRange range;

  g_return_if_fail (XJ_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (G_IS_FILE (file) && g_file_peek_path (file) != NULL);

  if (self->overview == NULL || self->export_cancellable != NULL)
    return;
  range = (XjExportRange) {
    .from = self->shown.from, .to = self->shown.to,
    .site_ids = self->shown.site_ids, .n_site_ids = self->shown.n_site_ids,
    .with_kind = TRUE, .kind = self->shown.kind,
  };
  self->export_cancellable = g_cancellable_new ();
  self->export_path = g_file_get_path (file);
  _xj_overview_page_update_actions (self);
  xj_xlsx_export_async (xj_application_get_store (self->application), &range,
                        self->export_path, self->export_cancellable, on_exported_cb,
                        g_object_ref (self));
}

gboolean
xj_overview_page_get_exporting (XjOverviewPage *self)
{
  g_return_val_if_fail (XJ_IS_OVERVIEW_PAGE (self), FALSE);
  return self->export_cancellable != NULL;
}

/* --- choosing the file ---------------------------------------------------- */

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        XjOverviewPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      xj_overview_page_export_file (self, file);
    }
  g_object_unref (chooser);
}

/* overview.export: where to write what is on screen. */
void
_xj_overview_page_export_activated (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  XjOverviewPage *self = XJ_OVERVIEW_PAGE (widget);
  g_autofree char *from = xj_format_local_day (self->shown.from);
  g_autofree char *last = xj_format_local_day (self->shown.to - 1);
  g_autofree char *suggested = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  /* Translators: the name a spreadsheet is offered, from its first and last day */
  suggested = g_strdup_printf (_("Overview %s to %s.xlsx"), from, last);
  chooser = gtk_file_chooser_native_new (_("Export to Excel"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Excel workbooks"));
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
