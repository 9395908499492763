/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-inspection.h"
#include "xj-store.h"

G_BEGIN_DECLS

#define XJ_SIGNATURE_ERROR (xj_signature_error_quark ())

typedef enum {
  XJ_SIGNATURE_ERROR_INVALID,     /* empty or malformed strokes, a blank name, a wrong role */
  XJ_SIGNATURE_ERROR_NOT_FOUND,   /* no such inspection or notice */
  XJ_SIGNATURE_ERROR_STATE,       /* not completed yet, or already signed */
  XJ_SIGNATURE_ERROR_MISSING,     /* a required signature has not been given */
} XjSignatureError;

/* The order matches XjReportRole and the schema's CHECK list. */
typedef enum {
  XJ_SIGNATURE_ROLE_INSPECTOR,
  XJ_SIGNATURE_ROLE_REPRESENTATIVE,
  XJ_SIGNATURE_ROLE_RECIPIENT,
  XJ_SIGNATURE_ROLE_VERIFIER,
  XJ_SIGNATURE_ROLE_ISSUER,
} XjSignatureRole;

/* A signature pad's output, stored as JSON in signatures.strokes:
 *
 *   [{"t": 0, "points": [[x, y, t], [x, y, t], …]}, …]
 *
 * or as the signature pad (src/ui/inspections/xj-signature-pad.c) writes it:
 *
 *   {"width": w, "height": h, "strokes": [[[x, y, t, pressure], …], …]}
 *
 * one object per stroke (pen down to pen up), x and y in the pad's pixels
 * (y down), t in milliseconds since the pad was opened (the stroke's "t"
 * is when it began).  The time is optional in a point ([x, y] is read with
 * the stroke's t).  Scale does not matter: the report fits the strokes
 * into its box. */
typedef struct {
  double x;
  double y;
  gint64 t;
} XjSignaturePoint;

#define XJ_SIGNATURE_MAX_POINTS 20000

typedef struct {
  gint64           id;
  XjSignatureRole  role;
  char            *name;
  char            *company;
  gint64           signed_at;
  char            *strokes;       /* JSON as above */
} XjSignature;

GQuark       xj_signature_error_quark        (void);


void         xj_signature_free               (XjSignature     *signature);

GPtrArray   *xj_signature_parse_strokes      (const char      *json,
                                              GError         **error);
char        *xj_signature_strokes_to_json    (GPtrArray       *strokes);

gint64       xj_store_add_inspection_signature (XjStore       *store,
                                              gint64           inspection_id,
                                              XjSignatureRole  role,
                                              const char      *name,
                                              const char      *company,
                                              const char      *strokes_json,
                                              GError         **error);
GPtrArray   *xj_store_list_inspection_signatures (XjStore     *store,
                                              gint64           inspection_id,
                                              GError         **error);
GPtrArray   *xj_store_list_notice_signatures (XjStore         *store,
                                              gint64           notice_id,
                                              GError         **error);
gboolean     xj_store_save_signature_draft (XjStore          *store,
                                              gint64           inspection_id,
                                              XjSignatureRole  role,
                                              const char      *strokes_json,
                                              GError         **error);
char        *xj_store_dup_signature_draft  (XjStore          *store,
                                              gint64           inspection_id,
                                              XjSignatureRole  role,
                                              GError         **error);
gboolean     xj_inspection_check_signatures (const XjInspection *inspection,
                                              GPtrArray       *signatures,
                                              GError         **error);
gboolean     xj_store_check_inspection_signatures (XjStore    *store,
                                              gint64           inspection_id,
                                              GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjSignature, xj_signature_free)

G_END_DECLS
