/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plain data the PDF writers take.  The caller (core, the CLI, the UI)
 * fills these from the database; the report module never reads the store or
 * a widget.  Times are text already formatted by the caller's one date
 * formatter; strings are UTF-8 and may be NULL where marked "optional".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  XJ_REPORT_KIND_DAILY,
  XJ_REPORT_KIND_WEEKLY,
  XJ_REPORT_KIND_MONTHLY,
  XJ_REPORT_KIND_MYSTERY_VISIT,
  XJ_REPORT_KIND_MYSTERY_CALL,
  XJ_REPORT_KIND_SPOT_CHECK,
} XjReportKind;

typedef enum {
  XJ_REPORT_OUTCOME_PASS,
  XJ_REPORT_OUTCOME_FAIL,
  XJ_REPORT_OUTCOME_NA,
  XJ_REPORT_OUTCOME_UNSCORED,
  XJ_REPORT_OUTCOME_UNANSWERED,
} XjReportOutcome;

/* How an answer is judged: a hard standard is a measurement against a
 * limit (a time, a count), a soft one a rating; the others are neither. */
typedef enum {
  XJ_REPORT_STANDARD_NONE,
  XJ_REPORT_STANDARD_HARD,
  XJ_REPORT_STANDARD_SOFT,
} XjReportStandard;

typedef enum {
  XJ_REPORT_ROLE_INSPECTOR,
  XJ_REPORT_ROLE_REPRESENTATIVE,
  XJ_REPORT_ROLE_RECIPIENT,
  XJ_REPORT_ROLE_VERIFIER,
  XJ_REPORT_ROLE_ISSUER,
} XjReportRole;

typedef enum {
  XJ_NOTICE_REPORT_CONTACT,        /* 工作联系单 */
  XJ_NOTICE_REPORT_RECTIFICATION,  /* 整改通知单 */
  XJ_NOTICE_REPORT_WORK_ORDER,     /* 派工单: printed in three parts */
} XjNoticeReportType;

/* A report rendition (JPEG, long side ≤ 1600 px), embedded byte for byte. */
typedef struct {
  char *path;
  int   width;
  int   height;
  char *capture_time;             /* optional */
  char *caption;                  /* optional */
  char *flag;                     /* optional: why it is suspicious as evidence */
} XjReportPhoto;

typedef struct {
  char            *prompt;
  char            *answer;        /* the value as text, optional */
  XjReportStandard standard;
  char            *limit;         /* a hard standard's limit ("≤ 30 s"), optional */
  XjReportOutcome  outcome;
  char            *remark;        /* optional */
  gboolean         repeat;        /* the same item failed here before */
  gboolean         critical;
  GPtrArray       *photos;        /* of XjReportPhoto */
} XjReportAnswer;

typedef struct {
  char      *title;
  double     score;               /* percent; negative: no score */
  GPtrArray *answers;             /* of XjReportAnswer */
} XjReportSection;

typedef struct {
  double x;
  double y;
} XjReportPoint;

/* Handwritten strokes in the pad's coordinates (y down); drawn as vector
 * paths scaled into the signature box. */
typedef struct {
  XjReportRole  role;
  char         *name;
  char         *company;          /* optional */
  char         *time;             /* optional */
  GPtrArray    *strokes;          /* of GArray of XjReportPoint */
} XjReportSignature;

typedef struct {
  char *number;
  char *deadline;
} XjReportNotice;

typedef struct {
  char         *organisation;
  char         *logo_path;        /* optional, PNG or JPEG */
  XjReportKind  kind;
  char         *number;
  char         *site;
  char         *date;
  char         *inspector;
  char         *representative;   /* optional */
  char         *representative_company; /* optional */
  char         *template_name;
  int           template_version;
  double        score;            /* percent; negative: no score */
  char         *grade;            /* optional */
  int           critical_failures;
  double        failure_index;
  GPtrArray    *sections;         /* of XjReportSection */
  GPtrArray    *notices;          /* of XjReportNotice */
  GPtrArray    *signatures;       /* of XjReportSignature */
  char         *generated;
  gboolean      preview;          /* unsigned, marked as a preview on every page */
} XjReportData;

typedef struct {
  char               *organisation;
  char               *logo_path;  /* optional, PNG or JPEG */
  XjNoticeReportType  type;
  char               *number;
  char               *site;
  char               *addressed_company;
  char               *addressed_person; /* optional */
  char               *issued;
  char               *deadline;
  char               *state;      /* optional: the state's label */
  char               *severity;   /* optional */
  char               *area;       /* optional */
  char               *description; /* optional: the problem in the issuer's words */
  char               *required_action;
  GPtrArray          *findings;   /* of XjReportAnswer, numbered 1…n */
  GPtrArray          *before_photos; /* of XjReportPhoto */
  GPtrArray          *after_photos;  /* of XjReportPhoto: printed once rectified */
  /* Each stage once it is done, else NULL: when, by whom, in their words. */
  char               *rectified;
  char               *rectified_by;
  char               *rectification;
  char               *verified;
  char               *verified_by;
  char               *verification;
  char               *closed;
  char               *closed_by;
  XjReportSignature  *issuer;     /* optional: NULL prints an empty line */
  XjReportSignature  *recipient;  /* optional */
  XjReportSignature  *verifier;   /* optional: printed once verified */
  char               *generated;
} XjNoticeReportData;

XjReportPhoto      *xj_report_photo_new            (const char         *path,
                                                    int                 width,
                                                    int                 height,
                                                    const char         *capture_time,
                                                    const char         *caption);
void                xj_report_photo_free           (XjReportPhoto      *photo);

XjReportAnswer     *xj_report_answer_new           (const char         *prompt,
                                                    const char         *answer,
                                                    XjReportOutcome     outcome,
                                                    const char         *remark);
void                xj_report_answer_free          (XjReportAnswer     *answer);

XjReportSection    *xj_report_section_new          (const char         *title,
                                                    double              score);
void                xj_report_section_free         (XjReportSection    *section);

XjReportSignature  *xj_report_signature_new        (XjReportRole        role,
                                                    const char         *name,
                                                    const char         *company,
                                                    const char         *time);
GArray             *xj_report_signature_add_stroke (XjReportSignature  *signature);
void                xj_report_signature_free       (XjReportSignature  *signature);

XjReportNotice     *xj_report_notice_new           (const char         *number,
                                                    const char         *deadline);
void                xj_report_notice_free          (XjReportNotice     *notice);

XjReportData       *xj_report_data_new             (XjReportKind        kind);
void                xj_report_data_free            (XjReportData       *data);

XjNoticeReportData *xj_notice_report_data_new      (XjNoticeReportType  type);
void                xj_notice_report_data_free     (XjNoticeReportData *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjReportPhoto, xj_report_photo_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjReportAnswer, xj_report_answer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjReportSection, xj_report_section_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjReportSignature, xj_report_signature_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjReportNotice, xj_report_notice_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjReportData, xj_report_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjNoticeReportData, xj_notice_report_data_free)

G_END_DECLS
