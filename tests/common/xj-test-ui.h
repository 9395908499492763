/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Finding and driving real widgets in UI tests. */
GtkWidget *xj_test_find_widget   (GtkWidget   *root,
                                  const char  *buildable_id);
GtkWidget *xj_test_find_by_type  (GtkWidget   *root,
                                  GType        type);
GtkWindow *xj_test_find_window   (GType        type);
void       xj_test_iterate       (guint        milliseconds);
GtkWidget *xj_test_find_button   (GtkWidget   *root,
                                  const char  *label);
gboolean   xj_test_label_shown   (GtkWidget   *root,
                                  const char  *text);

void       xj_test_collect_untranslated (GtkWidget *root,
                                         GPtrArray *found);
void       xj_test_assert_translated    (GtkWidget *root);

G_END_DECLS
