/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjVerifyDialog: the verdict on an archived report, said plainly for a
 * manager in a dispute: a big mark, one sentence, who signed and when, and
 * the two checks behind it (the archive's SHA-256, the digital signature).
 */
#define G_LOG_DOMAIN "xj-verify-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-clock.h"
#include "xj-verify-dialog.h"

struct _XjVerifyDialog
{
  AdwWindow  parent_instance;

  gboolean   intact;
  GtkBox    *content;
};

G_DEFINE_FINAL_TYPE (XjVerifyDialog, xj_verify_dialog, ADW_TYPE_WINDOW)

static GtkWidget *
add_label (XjVerifyDialog *self,
           const char     *text,
           const char     *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (self->content, label);
  return label;
}

static void
add_row (GtkWidget  *group,
         const char *title,
         const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void
fill (XjVerifyDialog              *self,
      const XjArchiveVerification *v)
{
  GtkWidget *mark, *group;
  g_autofree char *signer = NULL;
  g_autofree char *when = NULL;

  self->intact = v->intact;
  mark = add_label (self, v->intact ? "✓" : "✗", "verify-mark");
  gtk_widget_add_css_class (mark, v->intact ? "success" : "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  v->intact ? _("Intact") : _("Not intact"), -1);
  add_label (self, v->intact ? _("This report is intact")
                             : _("This report cannot be trusted"), "title-2");
  /* The reason is the verdict's detail when something is wrong; when all
   * is well the rows below say it better than its technical sentence. */
  if (!v->intact)
    add_label (self, v->reason != NULL ? v->reason : "", "dim-label");
  else
    add_label (self, _("Nothing in it has changed since it was signed."), "dim-label");

  group = adw_preferences_group_new ();
  gtk_widget_set_margin_top (group, 12);
  gtk_box_append (self->content, group);
  if (v->number != NULL)
    add_row (group, _("Report Number"), v->number);
  if (v->signer_name != NULL && *v->signer_name != '\0')
    {
      signer = v->organisation != NULL && *v->organisation != '\0'
               /* Translators: the signer's name, then their organisation. */
               ? g_strdup_printf (C_("signer", "%s, %s"), v->signer_name, v->organisation)
               : g_strdup (v->signer_name);
      add_row (group, _("Signed By"), signer);
    }
  else if (v->intact && v->reason != NULL)
    /* No certificate here vouches for the signer: say so, name no one. */
    add_row (group, _("Signed By"), v->reason);
  if (v->signing_time > 0)
    {
      when = xj_format_local_minute (v->signing_time);
      add_row (group, _("Signed At"), when);
    }
  add_row (group, _("File Against the Archive Record"),
           v->hash_matches ? _("Unchanged: the SHA-256 matches") : _("Changed: the SHA-256 differs"));
  add_row (group, _("Digital Signature"), v->signature_valid ? _("Valid, covers the whole file")
                                                             : _("Not valid"));
}

static void
xj_verify_dialog_class_init (XjVerifyDialogClass *klass)
{
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0,
                                       "window.close", NULL);
}

static void
xj_verify_dialog_init (XjVerifyDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *close = gtk_button_new_with_mnemonic (_("_Close"));

  gtk_window_set_title (GTK_WINDOW (self), _("Verify Report"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, -1);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (close), "window.close");
  gtk_widget_add_css_class (close, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), close);
  gtk_box_append (GTK_BOX (box), header);

  self->content = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_widget_set_margin_top (GTK_WIDGET (self->content), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->content), 24);
  gtk_widget_set_margin_start (GTK_WIDGET (self->content), 24);
  gtk_widget_set_margin_end (GTK_WIDGET (self->content), 24);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->content));
  adw_window_set_content (ADW_WINDOW (self), box);
}

XjVerifyDialog *
xj_verify_dialog_new (GtkWindow                   *parent,
                      const XjArchiveVerification *verification)
{
  XjVerifyDialog *self = g_object_new (XJ_TYPE_VERIFY_DIALOG, "transient-for", parent, NULL);

  g_return_val_if_fail (verification != NULL, self);

  fill (self, verification);
  return self;
}

gboolean
xj_verify_dialog_get_intact (XjVerifyDialog *self)
{
  g_return_val_if_fail (XJ_IS_VERIFY_DIALOG (self), FALSE);

  return self->intact;
}
