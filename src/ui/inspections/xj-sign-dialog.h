/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-application.h"
#include "xj-signature-pad.h"
#include "xj-signature.h"

G_BEGIN_DECLS

#define XJ_TYPE_SIGN_DIALOG (xj_sign_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XjSignDialog, xj_sign_dialog, XJ, SIGN_DIALOG, AdwWindow)

XjSignDialog   *xj_sign_dialog_new          (XjApplication   *application,
                                             gint64           inspection_id,
                                             GError         **error);
XjSignaturePad *xj_sign_dialog_get_pad      (XjSignDialog    *self,
                                             XjSignatureRole  role);
gboolean        xj_sign_dialog_get_busy     (XjSignDialog    *self);
const char     *xj_sign_dialog_get_error    (XjSignDialog    *self);
const char     *xj_sign_dialog_get_certificate_id (XjSignDialog *self);

G_END_DECLS
