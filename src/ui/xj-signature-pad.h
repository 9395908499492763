/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "xj-signature.h"

G_BEGIN_DECLS

#define XJ_TYPE_SIGNATURE_PAD (xj_signature_pad_get_type ())
G_DECLARE_FINAL_TYPE (XjSignaturePad, xj_signature_pad, XJ, SIGNATURE_PAD, GtkWidget)

GtkWidget *xj_signature_pad_new              (void);
char      *xj_signature_pad_dup_strokes_json (XjSignaturePad         *self);
void       xj_signature_pad_clear            (XjSignaturePad         *self);
void       xj_signature_pad_undo             (XjSignaturePad         *self);
gboolean   xj_signature_pad_is_empty         (XjSignaturePad         *self);
void       xj_signature_pad_add_stroke       (XjSignaturePad         *self,
                                              const XjSignaturePoint *points,
                                              guint                   n_points);

G_END_DECLS
