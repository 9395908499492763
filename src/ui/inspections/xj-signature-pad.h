/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define XJ_TYPE_SIGNATURE_PAD (xj_signature_pad_get_type ())
G_DECLARE_FINAL_TYPE (XjSignaturePad, xj_signature_pad, XJ, SIGNATURE_PAD, GtkWidget)

GtkWidget  *xj_signature_pad_new              (void);
gboolean    xj_signature_pad_get_empty        (XjSignaturePad *self);
gboolean    xj_signature_pad_get_can_undo     (XjSignaturePad *self);
gboolean    xj_signature_pad_get_can_redo     (XjSignaturePad *self);
void        xj_signature_pad_clear            (XjSignaturePad *self);
void        xj_signature_pad_undo             (XjSignaturePad *self);
void        xj_signature_pad_redo             (XjSignaturePad *self);

/* What the gestures do, for programs and tests: widget coordinates,
 * pressure 0…1 (1 without a stylus). */
void        xj_signature_pad_begin_stroke     (XjSignaturePad *self,
                                               double          x,
                                               double          y,
                                               double          pressure);
void        xj_signature_pad_extend_stroke    (XjSignaturePad *self,
                                               double          x,
                                               double          y,
                                               double          pressure);
void        xj_signature_pad_end_stroke       (XjSignaturePad *self);

char       *xj_signature_pad_dup_strokes_json (XjSignaturePad *self);
gboolean    xj_signature_pad_set_strokes_json (XjSignaturePad *self,
                                               const char     *json,
                                               GError        **error);

G_END_DECLS
