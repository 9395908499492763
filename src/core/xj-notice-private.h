/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-notice.h"

G_BEGIN_DECLS

/* The model's fields, shared by the files that load and change notices. */
struct _XjNotice
{
  GObject             parent_instance;

  gint64              id;
  char               *number;
  XjNoticeType        type;
  XjNoticeState       state;
  gint64              site_id;
  char               *site_name;
  char               *project_manager;
  gint64              inspection_id;
  XjNoticeSeverity    severity;
  XjResponsibleParty  party;
  char               *addressed_company;
  char               *addressed_person;
  char               *area;
  char               *description;
  char               *required_action;
  gint64              deadline;
  gint64              created_at;
  gint64              issued_at;
  char               *issued_by;
  gint64              acknowledged_at;
  char               *acknowledged_by;
  gint64              rectified_at;
  char               *rectification_remark;
  gint64              verified_at;
  char               *verified_by;
  gint64              closed_at;
  gboolean            escalated;
  gint64              escalated_at;
  char               *escalation_reason;
  gboolean            repeat;

  GArray             *findings;       /* gint64 answer ids */
  GPtrArray          *before_photos;  /* sha256 strings */
  GPtrArray          *after_photos;
};

/* Replaces *@field with a copy of @value (NULL reads as ""); TRUE if changed. */
gboolean _xj_notice_set_string (char       **field,
                                const char  *value);

/* In xj-notice-store.c, for the lifecycle. */
gboolean _xj_notice_insert_photos (XjStore            *store,
                                   gint64              notice_id,
                                   const char         *phase,
                                   const char *const  *photos,
                                   guint               n_photos,
                                   GError            **error);
gboolean _xj_notice_insert_event  (XjStore            *store,
                                   gint64              notice_id,
                                   const char         *actor,
                                   const char         *from_state,
                                   const char         *to_state,
                                   gint64              deadline,
                                   const char         *remark,
                                   GError            **error);

G_END_DECLS
