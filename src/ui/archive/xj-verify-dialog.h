/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-report-archive.h"

G_BEGIN_DECLS

#define XJ_TYPE_VERIFY_DIALOG (xj_verify_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XjVerifyDialog, xj_verify_dialog, XJ, VERIFY_DIALOG, AdwWindow)

XjVerifyDialog *xj_verify_dialog_new        (GtkWindow                   *parent,
                                             const XjArchiveVerification *verification);
gboolean        xj_verify_dialog_get_intact (XjVerifyDialog              *self);

G_END_DECLS
