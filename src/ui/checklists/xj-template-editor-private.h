/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between the editor window and its actions.
 */
#pragma once

#include "xj-item-editor.h"
#include "xj-template-editor.h"

G_BEGIN_DECLS

struct _XjTemplateEditor
{
  AdwWindow          parent_instance;

  XjApplication     *application;
  XjTemplate        *tmpl;            /* the working copy, edited in place */
  char              *snapshot;        /* JSON of what is stored: tells unsaved changes */
  gboolean           read_only;       /* built-in: read, duplicate, never change */
  int                selected_section; /* -1: none */
  int                selected_item;    /* -1: none (a section may still be current) */
  GPtrArray         *problems;        /* (element-type XjTemplateProblem) */
  guint              n_problems;      /* problems plus unparsable number fields */
  gboolean           close_when_saved;
  gboolean           discard_confirmed;
  gboolean           loading;         /* filling the fields: not an edit */

  AdwToastOverlay   *toasts;
  AdwWindowTitle    *window_title;
  GtkButton         *save_button;
  GtkButton         *problems_button;
  GtkRevealer       *read_only_banner;
  GtkLabel          *read_only_label;
  GtkWidget         *duplicate_button;
  AdwPreferencesGroup *template_group;
  AdwEntryRow       *name_row;
  AdwEntryRow       *description_row;
  AdwComboRow       *kind_row;
  GtkLabel          *template_error;
  GtkBox            *sections_box;
  GtkStack          *detail_stack;
  XjItemEditor      *item_editor;
};

void _xj_template_editor_load           (XjTemplateEditor *self,
                                         XjTemplate       *tmpl);
void _xj_template_editor_rebuild        (XjTemplateEditor *self);
void _xj_template_editor_select         (XjTemplateEditor *self,
                                         int               section,
                                         int               item);
void _xj_template_editor_changed        (XjTemplateEditor *self);

void _xj_template_editor_actions_init   (GtkWidgetClass   *widget_class);
void _xj_template_editor_actions_update (XjTemplateEditor *self);

G_END_DECLS
