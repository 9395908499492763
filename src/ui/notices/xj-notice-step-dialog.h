/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-application.h"
#include "xj-notice.h"
#include "xj-photo-picker.h"

G_BEGIN_DECLS

/* The steps of a notice that need a few words from the user. */
typedef enum {
  XJ_NOTICE_STEP_ACKNOWLEDGE,
  XJ_NOTICE_STEP_RECTIFY,
  XJ_NOTICE_STEP_ACCEPT,
  XJ_NOTICE_STEP_REJECT,
  XJ_NOTICE_STEP_ESCALATE,
  XJ_NOTICE_STEP_DISCARD,
} XjNoticeStep;

#define XJ_TYPE_NOTICE_STEP_DIALOG (xj_notice_step_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XjNoticeStepDialog, xj_notice_step_dialog, XJ, NOTICE_STEP_DIALOG, AdwWindow)

GtkWidget    *xj_notice_step_dialog_new      (XjApplication      *application,
                                              XjNotice           *notice,
                                              XjNoticeStep        step);
XjPhotoPicker *xj_notice_step_dialog_get_photo_picker (XjNoticeStepDialog *self);

G_END_DECLS
