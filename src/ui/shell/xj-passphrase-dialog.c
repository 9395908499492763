/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjPassphraseDialog: asks the passphrase of the signing certificate.  The
 * passphrase lives only in the entry; nothing stores it, and the caller
 * reads it once, on the unlock response.  When it was wrong, the caller
 * asks again with xj_passphrase_dialog_show_error(): the message in the
 * prompt itself, the typed text selected to be typed over.
 */
#define G_LOG_DOMAIN "xj-passphrase-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-label.h"
#include "xj-passphrase-dialog.h"

struct _XjPassphraseDialog
{
  AdwMessageDialog  parent_instance;

  GtkWidget        *entry;
  GtkWidget        *error_label;
};

G_DEFINE_FINAL_TYPE (XjPassphraseDialog, xj_passphrase_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
update_unlock (XjPassphraseDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), XJ_PASSPHRASE_RESPONSE,
                                           *text != '\0');
}

static void
on_entry_changed_cb (XjPassphraseDialog *self)
{
  update_unlock (self);
  /* Typing again answers the message. */
  gtk_widget_remove_css_class (self->entry, "error");
}

static void
on_entry_activate_cb (XjPassphraseDialog *self)
{
  if (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), XJ_PASSPHRASE_RESPONSE))
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), XJ_PASSPHRASE_RESPONSE);
}

static void
xj_passphrase_dialog_class_init (XjPassphraseDialogClass *klass)
{
}

static void
xj_passphrase_dialog_init (XjPassphraseDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  /* A plain entry: GtkPasswordEntry and AdwPasswordEntryRow, on GTK 4.8,
   * warn of an invalid cast when a message dialog destroys them. */
  self->entry = gtk_entry_new ();
  gtk_entry_set_visibility (GTK_ENTRY (self->entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (self->entry), GTK_INPUT_PURPOSE_PASSWORD);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->entry), _("Passphrase"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Passphrase"), -1);
  g_signal_connect_object (self->entry, "changed", G_CALLBACK (on_entry_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (on_entry_activate_cb), self,
                           G_CONNECT_SWAPPED);
  /* Under the entry, inside the prompt: where the eyes are. */
  self->error_label = xj_label_new_wrapped (NULL, "field-error");
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_box_append (GTK_BOX (box), self->entry);
  gtk_box_append (GTK_BOX (box), self->error_label);
  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, XJ_PASSPHRASE_RESPONSE, _("_Sign"));
  adw_message_dialog_set_response_appearance (dialog, XJ_PASSPHRASE_RESPONSE,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, XJ_PASSPHRASE_RESPONSE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  update_unlock (self);
}

/**
 * xj_passphrase_dialog_new:
 * @unlock_label: (nullable): the label of the unlocking button; %NULL: "Sign"
 */
XjPassphraseDialog *
xj_passphrase_dialog_new (GtkWindow  *parent,
                          const char *heading,
                          const char *body,
                          const char *unlock_label)
{
  XjPassphraseDialog *self = g_object_new (XJ_TYPE_PASSPHRASE_DIALOG,
                                           "transient-for", parent,
                                           "modal", TRUE,
                                           "heading", heading,
                                           "body", body,
                                           NULL);

  if (unlock_label != NULL)
    adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), XJ_PASSPHRASE_RESPONSE,
                                           unlock_label);
  return self;
}

/**
 * xj_passphrase_dialog_show_error:
 * @passphrase: what was typed, put back selected so that typing replaces it
 *
 * Asks again after a wrong passphrase, saying so in the prompt.
 */
void
xj_passphrase_dialog_show_error (XjPassphraseDialog *self,
                                 const char         *message,
                                 const char         *passphrase)
{
  g_return_if_fail (XJ_IS_PASSPHRASE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), passphrase != NULL ? passphrase : "");
  gtk_label_set_text (GTK_LABEL (self->error_label), message);
  gtk_widget_set_visible (self->error_label, TRUE);
  gtk_widget_add_css_class (self->entry, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  gtk_window_set_focus (GTK_WINDOW (self), self->entry);
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

/* The message shown in the prompt, or NULL (tests). */
const char *
xj_passphrase_dialog_get_error (XjPassphraseDialog *self)
{
  g_return_val_if_fail (XJ_IS_PASSPHRASE_DIALOG (self), NULL);

  return gtk_widget_get_visible (self->error_label)
         ? gtk_label_get_text (GTK_LABEL (self->error_label)) : NULL;
}

/* Whether all of the typed text is selected (tests). */
gboolean
xj_passphrase_dialog_get_all_selected (XjPassphraseDialog *self)
{
  int start = 0, end = 0;

  g_return_val_if_fail (XJ_IS_PASSPHRASE_DIALOG (self), FALSE);

  return gtk_editable_get_selection_bounds (GTK_EDITABLE (self->entry), &start, &end)
         && start == 0 && end == (int) g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (self->entry)), -1);
}

const char *
xj_passphrase_dialog_get_passphrase (XjPassphraseDialog *self)
{
  g_return_val_if_fail (XJ_IS_PASSPHRASE_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

/* As if typed (tests). */
void
xj_passphrase_dialog_set_passphrase (XjPassphraseDialog *self,
                                     const char         *passphrase)
{
  g_return_if_fail (XJ_IS_PASSPHRASE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), passphrase);
}
