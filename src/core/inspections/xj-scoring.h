/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-template.h"

G_BEGIN_DECLS

typedef enum {
  XJ_GRADE_NONE,        /* nothing was scored and nothing critical failed */
  XJ_GRADE_EXCELLENT,
  XJ_GRADE_GOOD,
  XJ_GRADE_PASS,
  XJ_GRADE_FAIL,
} XjGrade;

/* Lowest percentage (inclusive, compared with the score rounded to one
 * decimal) for each grade; below @pass the grade is fail. */
typedef struct {
  double excellent;
  double good;
  double pass;
} XjGradeBands;

#define XJ_GRADE_BANDS_DEFAULT ((XjGradeBands) { 90, 75, 60 })

typedef struct {
  char      *title;
  gboolean   has_score;       /* FALSE when nothing in the section was scored */
  double     score;           /* percent 0..100, when has_score */
  double     earned;          /* Σ weight × earned fraction of scored items */
  double     possible;        /* Σ weight of scored items */
  double     failure_index;   /* Σ failure weight of failed items */
  gboolean   critical_failed;
  guint      n_pass, n_fail, n_na, n_unscored, n_unanswered;
} XjSectionScore;

typedef struct {
  gboolean   has_score;
  double     score;
  double     earned;
  double     possible;
  double     failure_index;
  gboolean   critical_failed;
  XjGrade    grade;
  guint      n_pass, n_fail, n_na, n_unscored, n_unanswered;
  GPtrArray *sections;        /* (element-type XjSectionScore), template order */
} XjScore;

/* Returns the stored answer value of @item, or NULL when it has none. */
typedef const char *(*XjAnswerLookup) (const XjTemplateItem *item,
                                       gpointer              user_data);

XjScore     *xj_score_compute             (const XjTemplate    *tmpl,
                                           XjAnswerLookup       lookup,
                                           gpointer             user_data,
                                           const XjGradeBands  *bands);
XjScore     *xj_score_compute_for_values  (const XjTemplate    *tmpl,
                                           GHashTable          *values,
                                           const XjGradeBands  *bands);
void         xj_score_free                (XjScore             *score);

XjGrade      xj_grade_for_score           (const XjGradeBands  *bands,
                                           gboolean             has_score,
                                           double               score,
                                           gboolean             critical_failed);
const char  *xj_grade_to_string           (XjGrade              grade);
const char  *xj_grade_get_label           (XjGrade              grade);
const char  *xj_grade_label_for_id        (const char          *grade);
gboolean     xj_grade_bands_check         (const XjGradeBands  *bands,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjScore, xj_score_free)

G_END_DECLS
