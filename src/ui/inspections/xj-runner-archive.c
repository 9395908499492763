/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The runner of a finished inspection: Sign… once it is completed, then
 * the signed report (open, save a copy, verify) once it is archived.
 */
#define G_LOG_DOMAIN "xj-runner"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-archive-actions.h"
#include "xj-report-archive.h"
#include "xj-runner-private.h"
#include "xj-sign-dialog.h"
#include "xj-window-actions.h"
#include "xj-window.h"

static XjStore *
get_store (XjRunner *self)
{
  return xj_application_get_store (self->application);
}

/* Signed: read the inspection again (its state) and show what it allows. */
static void
on_signed_cb (XjRunner *self)
{
  XjInspection *inspection = xj_store_get_inspection (get_store (self), self->inspection_id, NULL);

  if (inspection == NULL)
    return;
  g_clear_pointer (&self->inspection, xj_inspection_free);
  self->inspection = inspection;
  _xj_runner_actions_update (self);
}

static void
sign_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  XjRunner *self = XJ_RUNNER (widget);
  g_autoptr(GError) error = NULL;
  XjSignDialog *dialog = xj_sign_dialog_new (self->application, self->inspection_id, &error);

  if (dialog == NULL)
    {
      xj_toast (GTK_WIDGET (self), error->message);
      return;
    }
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (dialog, "signed", G_CALLBACK (on_signed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (_xj_runner_focus_current), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* runner.open-report, runner.save-copy, runner.verify */
static void
report_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  XjRunner *self = XJ_RUNNER (widget);

  xj_archive_act_on_inspection (widget, get_store (self), xj_archive_action_from_name (action_name),
                                self->inspection_id);
}

void
_xj_runner_class_add_archive_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "runner.sign", NULL, sign_activated);
  gtk_widget_class_install_action (widget_class, "runner.open-report", NULL, report_activated);
  gtk_widget_class_install_action (widget_class, "runner.save-copy", NULL, report_activated);
  gtk_widget_class_install_action (widget_class, "runner.verify", NULL, report_activated);
}

/* Part of _xj_runner_actions_update(): what the inspection's state allows. */
void
_xj_runner_archive_update (XjRunner *self)
{
  XjInspectionState state = self->inspection != NULL ? self->inspection->state
                                                     : XJ_INSPECTION_DRAFT;
  gboolean foreign = self->foreign;
  /* A colleague's inspection is theirs to sign. */
  gboolean can_sign = state == XJ_INSPECTION_COMPLETED && !foreign;
  gboolean archived = state == XJ_INSPECTION_ARCHIVED;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runner.sign", can_sign);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runner.open-report", archived);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runner.save-copy", archived);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runner.verify", archived);
  gtk_widget_set_visible (self->sign_button, can_sign);
  gtk_widget_set_visible (self->report_button, archived);
  /* One suggested button: Sign… once there is nothing left to answer. */
  if (state == XJ_INSPECTION_DRAFT)
    gtk_widget_add_css_class (self->summary_button, "suggested-action");
  else
    gtk_widget_remove_css_class (self->summary_button, "suggested-action");
  if ((archived || state == XJ_INSPECTION_SIGNED) && !foreign)
    gtk_label_set_text (self->read_only_bar,
                        _("This inspection is signed and archived: it is locked for ever."));
}
