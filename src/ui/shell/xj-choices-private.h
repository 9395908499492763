/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-store.h"

G_BEGIN_DECLS

/* The site and checklist choosers of the pages and dialogs, over core's
 * site and checklist models: an entry is the XjSite (or the checklist's
 * record) itself, so its id comes with it.  With @all_label the first
 * entry means "all sites" and has the id 0. */
GListModel    *_xj_site_choices_new       (XjStore      *store,
                                           gboolean      include_inactive,
                                           const char   *all_label);
GListModel    *_xj_template_choices_new   (XjStore      *store);
const GError  *_xj_choices_get_error      (GListModel   *choices);
gboolean       _xj_choices_is_empty       (GListModel   *choices);

gint64         _xj_choice_get_id          (gpointer      item);
const char    *_xj_choice_get_name        (gpointer      item);

GtkDropDown   *_xj_choice_dropdown_new    (GListModel   *choices,
                                           const char   *accessible_label);
void           _xj_dropdown_set_choices   (GtkDropDown  *dropdown,
                                           GListModel   *choices);
gint64         _xj_dropdown_get_id        (GtkDropDown  *dropdown);
void           _xj_dropdown_select_id     (GtkDropDown  *dropdown,
                                           gint64        id);
void           _xj_combo_row_set_choices  (AdwComboRow  *row,
                                           GListModel   *choices);
void           _xj_combo_row_wrap_names   (AdwComboRow  *row);
gint64         _xj_combo_row_get_id       (AdwComboRow  *row);
void           _xj_combo_row_select_id    (AdwComboRow  *row,
                                           gint64        id);
const char    *_xj_combo_row_get_default_kind (AdwComboRow *row);
gboolean       _xj_combo_row_select_for_kind  (AdwComboRow *row,
                                               const char  *kind);
void           _xj_kind_row_select        (AdwComboRow  *row,
                                           const char   *kind);

G_END_DECLS
