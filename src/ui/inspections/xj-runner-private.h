/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-runner.h"

G_BEGIN_DECLS

struct _XjRunner
{
  AdwBin          parent_instance;

  XjApplication  *application;
  gint64          inspection_id;
  XjInspection   *inspection;
  XjTemplate     *tmpl;
  GHashTable     *answers;         /* item id → XjAnswer, as stored */
  GHashTable     *previous;        /* item key → XjPreviousAnswer */
  GPtrArray      *rows;            /* XjItemRow, template order (owned by items_box) */
  GPtrArray      *section_headers; /* GtkLabel per section */
  GPtrArray      *section_progress;/* GtkLabel per section, in the sidebar */
  GArray         *row_section;     /* guint: the section of each row */
  GMenu          *remarks_menu;
  guint           current;
  guint           just_answered;   /* the row P / F / N left, G_MAXUINT after any other move */
  gboolean        read_only;
  gboolean        last_write_ok;
  guint           save_current_id;
  guint           scroll_tick_id;
  guint           scroll_frames;
  GCancellable   *folder_import;

  AdwWindowTitle *title;
  GtkLabel       *score_label;
  GtkLabel       *critical_badge;
  GtkLabel       *read_only_bar;
  gboolean        foreign;        /* a colleague's inspection, from the team */
  GtkWidget      *summary_button;
  GtkWidget      *sign_button;
  GtkWidget      *report_button;
  GtkSearchBar   *search_bar;
  GtkSearchEntry *search_entry;
  AdwFlap        *flap;
  GtkListBox     *sections_list;
  GtkScrolledWindow *scroller;
  GtkBox         *items_box;
  GtkLabel       *no_match;
  GtkBox         *import_bar;
  GtkProgressBar *import_progress;
};

/* xj-runner.c */
void     _xj_runner_set_current        (XjRunner   *self,
                                        guint       index,
                                        gboolean    focus);
void     _xj_runner_move               (XjRunner   *self,
                                        int         delta);
void     _xj_runner_focus_current      (XjRunner   *self);

guint    _xj_runner_find_row           (XjRunner   *self,
                                        gint64      item_id);

/* xj-runner-answers.c */
void     _xj_runner_update_score       (XjRunner   *self);
void     _xj_runner_reload_answers     (XjRunner   *self);
guint    _xj_runner_resume_row         (XjRunner   *self,
                                        guint       stored);
void     _xj_runner_connect_row        (XjRunner   *self,
                                        XjItemRow  *row);

/* xj-runner-photos.c */
void     _xj_runner_setup_photos       (XjRunner   *self,
                                        XjItemRow  *row);
void     _xj_runner_reload_photos      (XjRunner   *self);
void     _xj_runner_choose_photos      (XjRunner   *self,
                                        gboolean    folder);
void     _xj_runner_import_folder      (XjRunner   *self,
                                        const char *folder);
void     _xj_runner_cancel_folder_import (XjRunner *self);
void     _xj_runner_paste              (XjRunner   *self);

/* xj-runner-actions.c */
void     _xj_runner_class_add_actions  (GtkWidgetClass *widget_class);
void     _xj_runner_add_shortcuts      (XjRunner   *self);
void     _xj_runner_actions_update     (XjRunner   *self);
gboolean _xj_runner_needs_evidence     (XjRunner   *self,
                                        const XjTemplateItem *item);

/* xj-runner-archive.c */
void     _xj_runner_class_add_archive_actions (GtkWidgetClass *widget_class);
void     _xj_runner_archive_update     (XjRunner   *self);

G_END_DECLS
