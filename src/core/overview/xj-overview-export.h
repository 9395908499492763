/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-overview.h"

G_BEGIN_DECLS

/* What an export covers: inspections started and notices issued in
 * [from, to) (0: no bound), at one site or all (site_id 0) or at the
 * sites listed (site_ids, when not NULL); inspections of every kind or,
 * with_kind, of one kind of the Overview (notices and compliance follow:
 * compliance of that kind only, notices of the sites whatever raised them). */
typedef struct {
  gint64          from;
  gint64          to;
  gint64          site_id;
  const gint64   *site_ids;
  guint           n_site_ids;
  gboolean        with_kind;
  XjOverviewKind  kind;
} XjExportRange;

typedef struct {
  gint64       id;
  const char  *site;
  const char  *checklist;
  int          version;
  const char  *kind;
  const char  *state;
  const char  *inspector;
  const char  *rep_name;
  gint64       started_at;
  gint64       completed_at;   /* 0 when not */
  gint64       signed_at;      /* 0 when not */
  gboolean     has_score;
  double       score;
  const char  *grade;          /* NULL when none */
  double       failure_index;
  gboolean     critical_failed;
} XjExportInspection;

typedef struct {
  gint64       inspection_id;
  const char  *site;
  const char  *section;
  const char  *item_key;
  const char  *prompt;
  const char  *category;
  const char  *type;
  const char  *value;          /* NULL: unanswered */
  const char  *shown;          /* the answer as a person reads it (合格, 是,
                                * the option chosen, 26.5 °C), NULL: unanswered */
  const char  *outcome;
  double       weight;
  double       earned;         /* weight × the earned fraction, as scored */
  double       failure_weight;
  gboolean     critical;
  const char  *remark;
  gint64       answered_at;
} XjExportAnswer;

typedef struct {
  gint64       id;
  const char  *number;
  const char  *type;
  const char  *state;
  const char  *site;
  const char  *severity;
  const char  *party;
  const char  *description;
  gint64       issued_at;
  gint64       deadline;
  gint64       closed_at;      /* 0 when open */
  gboolean     escalated;
  gboolean     repeat;
} XjExportNotice;

typedef struct {
  const char  *number;
  gint64       at;
  const char  *actor;
  const char  *from_state;     /* NULL for the first */
  const char  *to_state;
  gint64       deadline;       /* 0 when none */
  const char  *remark;
} XjExportEvent;

typedef struct {
  gboolean (*inspection) (const XjExportInspection *row, gpointer user_data, GError **error);
  gboolean (*answer)     (const XjExportAnswer     *row, gpointer user_data, GError **error);
  gboolean (*notice)     (const XjExportNotice     *row, gpointer user_data, GError **error);
  gboolean (*event)      (const XjExportEvent      *row, gpointer user_data, GError **error);
} XjExportSink;

/* Streams every row, sheet after sheet (inspections, answers, notices,
 * events), in one read transaction, without holding them in memory. */
gboolean  xj_store_export_rows       (XjStore              *store,
                                      const XjExportRange  *range,
                                      const XjExportSink   *sink,
                                      gpointer              user_data,
                                      GError              **error);
/* Schedule compliance of every kind in the range (XjOverviewCompliance). */
GArray   *xj_store_export_compliance (XjStore              *store,
                                      const XjExportRange  *range,
                                      GError              **error);

G_END_DECLS
