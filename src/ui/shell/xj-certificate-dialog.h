/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum {
  XJ_CERTIFICATE_DIALOG_CREATE,
  XJ_CERTIFICATE_DIALOG_IMPORT,
} XjCertificateDialogMode;

#define XJ_TYPE_CERTIFICATE_DIALOG (xj_certificate_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XjCertificateDialog, xj_certificate_dialog, XJ, CERTIFICATE_DIALOG, AdwWindow)

XjCertificateDialog *xj_certificate_dialog_new       (GtkWindow               *parent,
                                                      const char              *data_dir,
                                                      XjCertificateDialogMode  mode,
                                                      const char              *name,
                                                      const char              *organisation);

G_END_DECLS
