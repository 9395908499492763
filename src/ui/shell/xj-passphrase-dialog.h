/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define XJ_TYPE_PASSPHRASE_DIALOG (xj_passphrase_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XjPassphraseDialog, xj_passphrase_dialog, XJ, PASSPHRASE_DIALOG, AdwMessageDialog)

/* The response that carries a passphrase; any other is a refusal. */
#define XJ_PASSPHRASE_RESPONSE "unlock"

XjPassphraseDialog *xj_passphrase_dialog_new            (GtkWindow          *parent,
                                                         const char         *heading,
                                                         const char         *body,
                                                         const char         *unlock_label);
const char         *xj_passphrase_dialog_get_passphrase (XjPassphraseDialog *self);
void                xj_passphrase_dialog_set_passphrase (XjPassphraseDialog *self,
                                                         const char         *passphrase);
void                xj_passphrase_dialog_show_error     (XjPassphraseDialog *self,
                                                         const char         *message,
                                                         const char         *passphrase);
const char         *xj_passphrase_dialog_get_error      (XjPassphraseDialog *self);
gboolean            xj_passphrase_dialog_get_all_selected (XjPassphraseDialog *self);

G_END_DECLS
