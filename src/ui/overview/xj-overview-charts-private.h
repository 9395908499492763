/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What every Overview chart draws with: the widget's own foreground (light
 * and dark styles), text through Pango, the grade bands' colours. */
void _xj_chart_fg   (GtkWidget  *widget,
                     GdkRGBA    *color);
/* Returns the text's width; @align 0 left, 0.5 centre, 1 right of @x. */
int  _xj_chart_text (GtkWidget  *widget,
                     cairo_t    *cr,
                     const char *text,
                     double      x,
                     double      y,
                     double      align);
void _xj_chart_band (double      score,
                     double     *rgb);

G_END_DECLS
