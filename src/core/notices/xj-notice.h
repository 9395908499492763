/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-store.h"

G_BEGIN_DECLS

#define XJ_NOTICE_ERROR (xj_notice_error_quark ())

typedef enum {
  XJ_NOTICE_ERROR_NOT_FOUND,
  XJ_NOTICE_ERROR_INVALID,             /* a value the notice cannot take */
  XJ_NOTICE_ERROR_INVALID_FINDINGS,    /* findings that cannot share one notice */
  XJ_NOTICE_ERROR_ILLEGAL_TRANSITION,  /* the lifecycle does not allow it now */
} XjNoticeError;

typedef enum {
  XJ_NOTICE_TYPE_CONTACT,         /* 工作联系单 */
  XJ_NOTICE_TYPE_RECTIFICATION,   /* 整改通知单 */
  XJ_NOTICE_TYPE_WORK_ORDER,      /* 派工单 */
} XjNoticeType;
#define XJ_NOTICE_N_TYPES 3

typedef enum {
  XJ_NOTICE_STATE_DRAFT,
  XJ_NOTICE_STATE_ISSUED,
  XJ_NOTICE_STATE_ACKNOWLEDGED,
  XJ_NOTICE_STATE_RECTIFIED,
  XJ_NOTICE_STATE_VERIFIED,
  XJ_NOTICE_STATE_CLOSED,
} XjNoticeState;
#define XJ_NOTICE_N_STATES 6

/* Ordered: a higher value is more severe. */
typedef enum {
  XJ_NOTICE_SEVERITY_LOW,
  XJ_NOTICE_SEVERITY_NORMAL,
  XJ_NOTICE_SEVERITY_SERIOUS,
  XJ_NOTICE_SEVERITY_SAFETY,      /* 安全隐患 */
} XjNoticeSeverity;
#define XJ_NOTICE_N_SEVERITIES 4

typedef enum {
  XJ_RESPONSIBLE_PARTY_PROPERTY,      /* 物业公司 */
  XJ_RESPONSIBLE_PARTY_REPAIR_CREW,   /* 修缮队伍 */
  XJ_RESPONSIBLE_PARTY_OWN_WORKS,     /* 自有工程 */
} XjResponsibleParty;
#define XJ_RESPONSIBLE_N_PARTIES 3

/* "Due within 24 h": the window before the deadline that reminders cover. */
#define XJ_NOTICE_DUE_SOON_SECONDS (24 * 60 * 60)

#define XJ_TYPE_NOTICE (xj_notice_get_type ())
G_DECLARE_FINAL_TYPE (XjNotice, xj_notice, XJ, NOTICE, GObject)

GQuark              xj_notice_error_quark           (void);

const char         *xj_notice_type_to_string        (XjNoticeType        type);
gboolean            xj_notice_type_from_string      (const char         *text,
                                                     XjNoticeType       *type);
const char         *xj_notice_type_get_label        (XjNoticeType        type);
const char         *xj_notice_type_get_prefix       (XjNoticeType        type);
const char         *xj_notice_state_to_string       (XjNoticeState       state);
gboolean            xj_notice_state_from_string     (const char         *text,
                                                     XjNoticeState      *state);
const char         *xj_notice_state_get_label       (XjNoticeState       state);
const char         *xj_notice_severity_to_string    (XjNoticeSeverity    severity);
gboolean            xj_notice_severity_from_string  (const char         *text,
                                                     XjNoticeSeverity   *severity);
const char         *xj_notice_severity_get_label    (XjNoticeSeverity    severity);
const char         *xj_responsible_party_to_string  (XjResponsibleParty  party);
gboolean            xj_responsible_party_from_string (const char        *text,
                                                     XjResponsibleParty *party);
const char         *xj_responsible_party_get_label  (XjResponsibleParty  party);
const char         *xj_notice_escalation_reason_get_label (const char   *reason);

XjNotice           *xj_notice_new                   (XjNoticeType        type,
                                                     gint64              site_id);

gint64              xj_notice_get_id                (XjNotice           *self);
const char         *xj_notice_get_number            (XjNotice           *self);
XjNoticeType        xj_notice_get_notice_type       (XjNotice           *self);
void                xj_notice_set_notice_type       (XjNotice           *self,
                                                     XjNoticeType        type);
XjNoticeState       xj_notice_get_state             (XjNotice           *self);
gint64              xj_notice_get_site_id           (XjNotice           *self);
void                xj_notice_set_site_id           (XjNotice           *self,
                                                     gint64              site_id);
const char         *xj_notice_get_site_name         (XjNotice           *self);
const char         *xj_notice_get_project_manager   (XjNotice           *self);
gint64              xj_notice_get_inspection_id     (XjNotice           *self);
void                xj_notice_set_inspection_id     (XjNotice           *self,
                                                     gint64              inspection_id);
XjNoticeSeverity    xj_notice_get_severity          (XjNotice           *self);
void                xj_notice_set_severity          (XjNotice           *self,
                                                     XjNoticeSeverity    severity);
XjResponsibleParty  xj_notice_get_responsible_party (XjNotice           *self);
void                xj_notice_set_responsible_party (XjNotice           *self,
                                                     XjResponsibleParty  party);
const char         *xj_notice_get_addressed_company (XjNotice           *self);
void                xj_notice_set_addressed_company (XjNotice           *self,
                                                     const char         *company);
const char         *xj_notice_get_addressed_person  (XjNotice           *self);
void                xj_notice_set_addressed_person  (XjNotice           *self,
                                                     const char         *person);
const char         *xj_notice_get_area              (XjNotice           *self);
void                xj_notice_set_area              (XjNotice           *self,
                                                     const char         *area);
const char         *xj_notice_get_description       (XjNotice           *self);
void                xj_notice_set_description       (XjNotice           *self,
                                                     const char         *description);
const char         *xj_notice_get_required_action   (XjNotice           *self);
void                xj_notice_set_required_action   (XjNotice           *self,
                                                     const char         *action);
gint64              xj_notice_get_deadline          (XjNotice           *self);
void                xj_notice_set_deadline          (XjNotice           *self,
                                                     gint64              deadline);
gint64              xj_notice_get_issued_at         (XjNotice           *self);
const char         *xj_notice_get_issued_by         (XjNotice           *self);
gint64              xj_notice_get_acknowledged_at   (XjNotice           *self);
const char         *xj_notice_get_acknowledged_by   (XjNotice           *self);
gint64              xj_notice_get_rectified_at      (XjNotice           *self);
const char         *xj_notice_get_rectification_remark (XjNotice        *self);
gint64              xj_notice_get_verified_at       (XjNotice           *self);
const char         *xj_notice_get_verified_by       (XjNotice           *self);
gint64              xj_notice_get_closed_at         (XjNotice           *self);
gboolean            xj_notice_get_escalated         (XjNotice           *self);
gint64              xj_notice_get_escalated_at      (XjNotice           *self);
const char         *xj_notice_get_escalation_reason (XjNotice           *self);
gboolean            xj_notice_get_repeat            (XjNotice           *self);
/* Two steps made offline on two laptops cannot both stand: a person
 * decides on the Conflicts page. */
gboolean            xj_notice_get_needs_decision    (XjNotice           *self);

/* Findings are answer ids; photos are SHA-256 names of the photo store. */
GArray             *xj_notice_get_findings          (XjNotice           *self);
void                xj_notice_add_finding           (XjNotice           *self,
                                                     gint64              answer_id);
GPtrArray          *xj_notice_get_before_photos     (XjNotice           *self);
GPtrArray          *xj_notice_get_after_photos      (XjNotice           *self);
void                xj_notice_add_before_photo      (XjNotice           *self,
                                                     const char         *sha256);

/* Derived from the deadline; @now from xj_clock_now (). */
gboolean            xj_notice_is_open               (XjNotice           *self);
gboolean            xj_notice_is_overdue            (XjNotice           *self,
                                                     gint64              now);
gboolean            xj_notice_is_due_soon           (XjNotice           *self,
                                                     gint64              now);
gboolean            xj_notice_deadline_is_overdue   (XjNoticeState       state,
                                                     gint64              deadline,
                                                     gint64              now);
gboolean            xj_notice_deadline_is_due_soon  (XjNoticeState       state,
                                                     gint64              deadline,
                                                     gint64              now);
char               *xj_format_countdown             (gint64              deadline,
                                                     gint64              now);

gboolean            xj_notice_validate              (XjNotice           *self,
                                                     GError            **error);

G_END_DECLS
