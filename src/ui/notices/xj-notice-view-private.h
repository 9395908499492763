/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-notice-view.h"

G_BEGIN_DECLS

/* Shared by xj-notice-view.c (the page) and xj-notice-view-actions.c. */
struct _XjNoticeView
{
  AdwBin               parent_instance;

  XjApplication       *application;
  gint64               notice_id;
  XjNotice            *notice;      /* NULL when it could not be read */
  GPtrArray           *rows;        /* widgets added to the groups, removed on reload */

  AdwWindowTitle      *title;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  GtkBox              *actions_box;
  AdwPreferencesGroup *status_group;
  AdwPreferencesGroup *details_group;
  AdwPreferencesGroup *findings_group;
  AdwPreferencesGroup *photos_group;
  AdwPreferencesGroup *signatures_group;
  AdwPreferencesGroup *history_group;
  GCancellable        *document_cancellable; /* a PDF being written */
};

const char  *_xj_notice_view_audit_label        (const char          *action);
gboolean     _xj_notice_view_audit_has_own_words (const char         *action);
gboolean     _xj_notice_view_audit_in_history   (const char          *action);
void         _xj_notice_view_class_init_actions (GtkWidgetClass      *widget_class);
void         _xj_notice_view_init_actions       (XjNoticeView        *self);
void         _xj_notice_view_actions_update     (XjNoticeView        *self);
void         _xj_notice_view_class_init_document (GtkWidgetClass     *widget_class);

G_END_DECLS
