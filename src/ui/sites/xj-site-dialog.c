/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adding or editing a site.  Problems are shown under the field concerned;
 * the dialog stays open with everything typed until the site is saved.
 */
#define G_LOG_DOMAIN "xj-site-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-site-dialog.h"
#include "xj-window-actions.h"

struct _XjSiteDialog
{
  AdwWindow       parent_instance;

  XjApplication  *application;
  XjSite         *site;    /* NULL for a new site */

  AdwEntryRow    *name_row;
  AdwComboRow    *kind_row;
  AdwEntryRow    *address_row;
  AdwEntryRow    *contact_row;
  AdwEntryRow    *group_row;
  AdwEntryRow    *manager_row;
  GtkLabel       *name_error;
  GtkLabel       *general_error;
};

G_DEFINE_FINAL_TYPE (XjSiteDialog, xj_site_dialog, ADW_TYPE_WINDOW)

/* --- callbacks ------------------------------------------------------------ */

static void
on_name_changed_cb (XjSiteDialog *self)
{
  xj_inline_error_show (self->name_error, NULL, GTK_WIDGET (self->name_row));
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  XjSiteDialog *self = XJ_SITE_DIALOG (widget);
  g_autoptr(XjSite) site = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = xj_application_dup_actor (self->application);

  /* Work on a copy so that a refused save leaves the listed site as it is. */
  site = self->site != NULL ? g_object_ref (self->site) : xj_site_new ("", XJ_SITE_KIND_ESTATE);
  xj_site_set_name (site, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  xj_site_set_kind (site, adw_combo_row_get_selected (self->kind_row));
  xj_site_set_address (site, gtk_editable_get_text (GTK_EDITABLE (self->address_row)));
  xj_site_set_contact (site, gtk_editable_get_text (GTK_EDITABLE (self->contact_row)));
  xj_site_set_project_manager (site, gtk_editable_get_text (GTK_EDITABLE (self->manager_row)));
  xj_site_set_group (site, gtk_editable_get_text (GTK_EDITABLE (self->group_row)));

  xj_inline_error_show (self->general_error, NULL, NULL);
  if (!xj_store_save_site (xj_application_get_store (self->application), site, actor, &error))
    {
      if (error->domain == XJ_SITE_ERROR && error->code != XJ_SITE_ERROR_NOT_FOUND)
        xj_inline_error_show (self->name_error, error->message, GTK_WIDGET (self->name_row));
      else
        xj_inline_error_show (self->general_error, error->message, NULL);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_site_dialog_dispose (GObject *object)
{
  XjSiteDialog *self = XJ_SITE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_SITE_DIALOG);
  g_clear_object (&self->site);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (xj_site_dialog_parent_class)->dispose (object);
}

static void
xj_site_dialog_class_init (XjSiteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_site_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-site-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, XjSiteDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, XjSiteDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, XjSiteDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, XjSiteDialog, contact_row);
  gtk_widget_class_bind_template_child (widget_class, XjSiteDialog, group_row);
  gtk_widget_class_bind_template_child (widget_class, XjSiteDialog, manager_row);
  gtk_widget_class_bind_template_child (widget_class, XjSiteDialog, name_error);
  gtk_widget_class_bind_template_child (widget_class, XjSiteDialog, general_error);

  gtk_widget_class_install_action (widget_class, "site.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
xj_site_dialog_init (XjSiteDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (XjSiteKind kind = XJ_SITE_KIND_ESTATE; kind <= XJ_SITE_KIND_SERVICE_DESK; kind++)
    gtk_string_list_append (kinds, xj_site_kind_get_label (kind));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (on_name_changed_cb), self);
}

/* --- public API ----------------------------------------------------------- */

XjSiteDialog *
xj_site_dialog_new (XjApplication *application,
                    XjSite        *site)
{
  XjSiteDialog *self = g_object_new (XJ_TYPE_SITE_DIALOG, NULL);

  self->application = g_object_ref (application);
  if (site != NULL)
    {
      /* Edit a fresh copy from the store, never the row's object. */
      g_autoptr(GError) error = NULL;

      self->site = xj_store_get_site (xj_application_get_store (application),
                                      xj_site_get_id (site), &error);
      if (self->site == NULL)
        xj_inline_error_show (self->general_error, error->message, NULL);
    }

  gtk_window_set_title (GTK_WINDOW (self), self->site != NULL ? _("Edit Site") : _("New Site"));
  if (self->site != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), xj_site_get_name (self->site));
      adw_combo_row_set_selected (self->kind_row, xj_site_get_kind (self->site));
      gtk_editable_set_text (GTK_EDITABLE (self->address_row), xj_site_get_address (self->site));
      gtk_editable_set_text (GTK_EDITABLE (self->contact_row), xj_site_get_contact (self->site));
      gtk_editable_set_text (GTK_EDITABLE (self->group_row), xj_site_get_group (self->site));
      gtk_editable_set_text (GTK_EDITABLE (self->manager_row),
                             xj_site_get_project_manager (self->site));
    }
  /* The first field, not the Cancel button. */
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}
