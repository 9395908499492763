/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "xj-scoring.h"
#include "xj-test-utils.h"

static XjTemplateItem *
item_new (gint64          id,
          XjResponseType  type,
          double          weight)
{
  g_autofree char *key = g_strdup_printf ("k%lld", (long long) id);
  XjTemplateItem *item = xj_template_item_new (key, "prompt", type);

  item->id = id;
  item->score_weight = weight;
  return item;
}

static XjOutcome
eval (const XjTemplateItem *item,
      const char           *value,
      double               *earned)
{
  return xj_template_item_evaluate (item, value, earned);
}

static void
test_pass_fail (void)
{
  g_autoptr(XjTemplateItem) item = item_new (1, XJ_RESPONSE_PASS_FAIL, 1);
  double earned = -1;

  g_assert_cmpint (eval (item, "pass", &earned), ==, XJ_OUTCOME_PASS);
  g_assert_cmpfloat (earned, ==, 1);
  g_assert_cmpint (eval (item, "fail", &earned), ==, XJ_OUTCOME_FAIL);
  g_assert_cmpfloat (earned, ==, 0);
  g_assert_cmpint (eval (item, "na", &earned), ==, XJ_OUTCOME_NA);
  g_assert_cmpint (eval (item, NULL, &earned), ==, XJ_OUTCOME_UNANSWERED);
  g_assert_cmpint (eval (item, "yes", NULL), ==, XJ_OUTCOME_UNANSWERED);
  g_assert_false (xj_template_item_check_value (item, "yes", NULL));
  g_assert_true (xj_template_item_check_value (item, "pass", NULL));
}

static void
test_yes_no (void)
{
  g_autoptr(XjTemplateItem) item = item_new (1, XJ_RESPONSE_YES_NO, 1);

  g_assert_cmpint (eval (item, "yes", NULL), ==, XJ_OUTCOME_PASS);
  g_assert_cmpint (eval (item, "no", NULL), ==, XJ_OUTCOME_FAIL);
  /* “Is there litter on the lawn?”: no passes. */
  item->pass_answer = FALSE;
  g_assert_cmpint (eval (item, "yes", NULL), ==, XJ_OUTCOME_FAIL);
  g_assert_cmpint (eval (item, "no", NULL), ==, XJ_OUTCOME_PASS);
  g_assert_cmpint (eval (item, "na", NULL), ==, XJ_OUTCOME_NA);
}

static void
test_rating (void)
{
  g_autoptr(XjTemplateItem) item = item_new (1, XJ_RESPONSE_RATING, 1);

  item->threshold = 4;
  g_assert_cmpint (eval (item, "3", NULL), ==, XJ_OUTCOME_FAIL);
  g_assert_cmpint (eval (item, "4", NULL), ==, XJ_OUTCOME_PASS);
  g_assert_cmpint (eval (item, "5", NULL), ==, XJ_OUTCOME_PASS);
  g_assert_cmpint (eval (item, "1", NULL), ==, XJ_OUTCOME_FAIL);
  g_assert_cmpint (eval (item, "6", NULL), ==, XJ_OUTCOME_UNANSWERED);
  g_assert_cmpint (eval (item, "4.5", NULL), ==, XJ_OUTCOME_UNANSWERED);
  g_assert_cmpint (eval (item, "", NULL), ==, XJ_OUTCOME_UNANSWERED);
}

static void
test_number (void)
{
  g_autoptr(XjTemplateItem) item = item_new (1, XJ_RESPONSE_NUMBER, 1);

  /* Illuminance in lux: 50 to 300 inclusive. */
  item->range_min = 50;
  item->range_max = 300;
  g_assert_cmpint (eval (item, "50", NULL), ==, XJ_OUTCOME_PASS);
  g_assert_cmpint (eval (item, "300", NULL), ==, XJ_OUTCOME_PASS);
  g_assert_cmpint (eval (item, "300.0", NULL), ==, XJ_OUTCOME_PASS);
  g_assert_cmpint (eval (item, "49.99", NULL), ==, XJ_OUTCOME_FAIL);
  g_assert_cmpint (eval (item, "300.01", NULL), ==, XJ_OUTCOME_FAIL);
  g_assert_cmpint (eval (item, "-1", NULL), ==, XJ_OUTCOME_FAIL);
  g_assert_cmpint (eval (item, "abc", NULL), ==, XJ_OUTCOME_UNANSWERED);
  g_assert_cmpint (eval (item, " 60", NULL), ==, XJ_OUTCOME_UNANSWERED);
  /* A decimal limit is met exactly by the same decimal. */
  item->range_max = 0.3;
  item->range_min = NAN;
  g_assert_cmpint (eval (item, "0.3", NULL), ==, XJ_OUTCOME_PASS);
  g_assert_cmpint (eval (item, "0.30001", NULL), ==, XJ_OUTCOME_FAIL);
  /* Only a minimum. */
  item->range_max = NAN;
  item->range_min = 3;
  g_assert_cmpint (eval (item, "1000", NULL), ==, XJ_OUTCOME_PASS);
  g_assert_cmpint (eval (item, "2", NULL), ==, XJ_OUTCOME_FAIL);
}

static void
test_stopwatch (void)
{
  g_autoptr(XjTemplateItem) item = item_new (1, XJ_RESPONSE_STOPWATCH, 1);

  item->threshold = 30;
  g_assert_cmpint (eval (item, "29.5", NULL), ==, XJ_OUTCOME_PASS);
  g_assert_cmpint (eval (item, "30", NULL), ==, XJ_OUTCOME_PASS);
  g_assert_cmpint (eval (item, "30.1", NULL), ==, XJ_OUTCOME_FAIL);
  g_assert_cmpint (eval (item, "0", NULL), ==, XJ_OUTCOME_PASS);
  g_assert_cmpint (eval (item, "-3", NULL), ==, XJ_OUTCOME_UNANSWERED);
}

static void
add_options (XjTemplateItem *item)
{
  g_ptr_array_add (item->options, xj_template_option_new ("良好", 1, FALSE));
  g_ptr_array_add (item->options, xj_template_option_new ("一般", 0.5, FALSE));
  g_ptr_array_add (item->options, xj_template_option_new ("差", 0, TRUE));
}

static void
test_choice (void)
{
  g_autoptr(XjTemplateItem) item = item_new (1, XJ_RESPONSE_CHOICE, 1);
  double earned = -1;

  add_options (item);
  g_assert_cmpint (eval (item, "0", &earned), ==, XJ_OUTCOME_PASS);
  g_assert_cmpfloat (earned, ==, 1);
  g_assert_cmpint (eval (item, "1", &earned), ==, XJ_OUTCOME_PASS);
  g_assert_cmpfloat (earned, ==, 0.5);
  g_assert_cmpint (eval (item, "2", &earned), ==, XJ_OUTCOME_FAIL);
  g_assert_cmpfloat (earned, ==, 0);
  g_assert_cmpint (eval (item, "3", NULL), ==, XJ_OUTCOME_UNANSWERED);
  g_assert_cmpint (eval (item, "-1", NULL), ==, XJ_OUTCOME_UNANSWERED);
  g_assert_cmpint (eval (item, "na", NULL), ==, XJ_OUTCOME_NA);
}

static void
test_unscored (void)
{
  XjResponseType types[] = { XJ_RESPONSE_TEXT, XJ_RESPONSE_DATETIME, XJ_RESPONSE_PHOTO };

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr(XjTemplateItem) item = item_new (1, types[t], 1);
      double earned = -1;

      g_assert_cmpint (eval (item, "2026-03-01T10:30:00+08:00", &earned), ==, XJ_OUTCOME_UNSCORED);
      g_assert_cmpfloat (earned, ==, 0);
      g_assert_cmpint (eval (item, "na", NULL), ==, XJ_OUTCOME_NA);
      g_assert_cmpint (eval (item, NULL, NULL), ==, XJ_OUTCOME_UNANSWERED);
    }
}

/* --- scoring -------------------------------------------------------------- */

typedef struct
{
  XjTemplate *tmpl;
  GHashTable *values;
} Sheet;

static XjTemplateItem *
sheet_add (Sheet          *sheet,
           guint           section,
           XjResponseType  type,
           double          weight,
           const char     *value)
{
  XjTemplateSection *s;
  XjTemplateItem *item;
  gint64 *key;

  while (sheet->tmpl->sections->len <= section)
    g_ptr_array_add (sheet->tmpl->sections, xj_template_section_new ("section"));
  s = g_ptr_array_index (sheet->tmpl->sections, section);
  item = item_new (g_hash_table_size (sheet->values) + 1, type, weight);
  g_ptr_array_add (s->items, item);
  key = g_new (gint64, 1);
  *key = item->id;
  g_hash_table_insert (sheet->values, key, g_strdup (value));
  return item;
}

static void
sheet_init (Sheet *sheet)
{
  sheet->tmpl = xj_template_new ("t");
  sheet->values = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

static void
sheet_clear (Sheet *sheet)
{
  xj_template_free (sheet->tmpl);
  g_hash_table_unref (sheet->values);
}

static XjSectionScore *
section_of (XjScore *score,
            guint    index)
{
  return g_ptr_array_index (score->sections, index);
}

static void
test_weighted (void)
{
  Sheet sheet;
  g_autoptr(XjScore) score = NULL;
  XjTemplateItem *item;

  sheet_init (&sheet);
  /* Section 1: pass (w 2), fail (w 1, failure weight 5), choice 一般 (w 2 × 0.5).
   * earned 2 + 0 + 1 = 3 of 5 → 60 %. */
  sheet_add (&sheet, 0, XJ_RESPONSE_PASS_FAIL, 2, "pass");
  item = sheet_add (&sheet, 0, XJ_RESPONSE_PASS_FAIL, 1, "fail");
  item->failure_weight = 5;
  add_options (sheet_add (&sheet, 0, XJ_RESPONSE_CHOICE, 2, "1"));
  /* Section 2: stopwatch 25 s ≤ 30 (w 3), text (unscored), rating 2 < 3 (w 1,
   * failure weight 2) → 3 of 4 = 75 %. */
  item = sheet_add (&sheet, 1, XJ_RESPONSE_STOPWATCH, 3, "25");
  item->threshold = 30;
  sheet_add (&sheet, 1, XJ_RESPONSE_TEXT, 1, "晴");
  item = sheet_add (&sheet, 1, XJ_RESPONSE_RATING, 1, "2");
  item->threshold = 3;
  item->failure_weight = 2;

  score = xj_score_compute_for_values (sheet.tmpl, sheet.values, NULL);
  g_assert_true (section_of (score, 0)->has_score);
  g_assert_cmpfloat_with_epsilon (section_of (score, 0)->score, 60.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (section_of (score, 1)->score, 75.0, 1e-9);
  g_assert_cmpfloat (section_of (score, 1)->failure_index, ==, 2);
  /* Overall: (3 + 3) / (5 + 4) = 66.67 %, not the mean of 60 and 75. */
  g_assert_cmpfloat_with_epsilon (score->score, 600.0 / 9, 1e-9);
  g_assert_cmpfloat (score->failure_index, ==, 7);
  g_assert_cmpuint (score->n_pass, ==, 3);
  g_assert_cmpuint (score->n_fail, ==, 2);
  g_assert_cmpuint (score->n_unscored, ==, 1);
  g_assert_false (score->critical_failed);
  g_assert_cmpint (score->grade, ==, XJ_GRADE_PASS);
  sheet_clear (&sheet);
}

static void
test_all_na (void)
{
  Sheet sheet;
  g_autoptr(XjScore) score = NULL;

  sheet_init (&sheet);
  sheet_add (&sheet, 0, XJ_RESPONSE_PASS_FAIL, 1, "na");
  sheet_add (&sheet, 0, XJ_RESPONSE_YES_NO, 2, "na");
  sheet_add (&sheet, 1, XJ_RESPONSE_PASS_FAIL, 1, "pass");
  sheet_add (&sheet, 1, XJ_RESPONSE_PASS_FAIL, 1, "fail");

  score = xj_score_compute_for_values (sheet.tmpl, sheet.values, NULL);
  /* The all-n.a. section has no score, and does not drag the total. */
  g_assert_false (section_of (score, 0)->has_score);
  g_assert_cmpuint (section_of (score, 0)->n_na, ==, 2);
  g_assert_cmpfloat (section_of (score, 0)->possible, ==, 0);
  g_assert_cmpfloat_with_epsilon (score->score, 50.0, 1e-9);
  g_assert_cmpint (score->grade, ==, XJ_GRADE_FAIL);
  g_clear_pointer (&score, xj_score_free);

  /* Everything n.a.: no score and no grade. */
  g_hash_table_remove_all (sheet.values);
  g_ptr_array_set_size (sheet.tmpl->sections, 1);
  score = xj_score_compute_for_values (sheet.tmpl, sheet.values, NULL);
  g_assert_false (score->has_score);
  g_assert_cmpint (score->grade, ==, XJ_GRADE_NONE);
  g_assert_cmpuint (score->n_unanswered, ==, 2);
  sheet_clear (&sheet);
}

static void
test_zero_weight (void)
{
  Sheet sheet;
  g_autoptr(XjScore) score = NULL;
  XjTemplateItem *item;

  sheet_init (&sheet);
  sheet_add (&sheet, 0, XJ_RESPONSE_PASS_FAIL, 4, "pass");
  /* Weight 0 but failure weight 3: out of the percentage, in the index. */
  item = sheet_add (&sheet, 0, XJ_RESPONSE_PASS_FAIL, 0, "fail");
  item->failure_weight = 3;
  score = xj_score_compute_for_values (sheet.tmpl, sheet.values, NULL);
  g_assert_cmpfloat (score->possible, ==, 4);
  g_assert_cmpfloat_with_epsilon (score->score, 100.0, 1e-9);
  g_assert_cmpfloat (score->failure_index, ==, 3);
  g_assert_cmpint (score->grade, ==, XJ_GRADE_EXCELLENT);
  g_clear_pointer (&score, xj_score_free);

  /* A section of zero-weight items only has no score. */
  g_ptr_array_remove_index (((XjTemplateSection *) g_ptr_array_index (sheet.tmpl->sections, 0))->items, 0);
  score = xj_score_compute_for_values (sheet.tmpl, sheet.values, NULL);
  g_assert_false (section_of (score, 0)->has_score);
  g_assert_false (score->has_score);
  sheet_clear (&sheet);
}

static void
test_unanswered (void)
{
  Sheet sheet;
  g_autoptr(XjScore) score = NULL;

  sheet_init (&sheet);
  /* A completed inspection with two items never answered: out of the
   * denominator, counted so the report can say so. 3 of 4 → 75 % good. */
  sheet_add (&sheet, 0, XJ_RESPONSE_PASS_FAIL, 3, "pass");
  sheet_add (&sheet, 0, XJ_RESPONSE_PASS_FAIL, 1, "fail");
  sheet_add (&sheet, 0, XJ_RESPONSE_PASS_FAIL, 5, NULL);
  sheet_add (&sheet, 0, XJ_RESPONSE_RATING, 5, "9");
  score = xj_score_compute_for_values (sheet.tmpl, sheet.values, NULL);
  g_assert_cmpfloat_with_epsilon (score->score, 75.0, 1e-9);
  g_assert_cmpuint (score->n_unanswered, ==, 2);
  g_assert_cmpint (score->grade, ==, XJ_GRADE_GOOD);
  sheet_clear (&sheet);
}

static void
test_critical (void)
{
  Sheet sheet;
  g_autoptr(XjScore) score = NULL;
  XjTemplateItem *item;

  sheet_init (&sheet);
  /* 19 passes of weight 1 and a critical fire-panel item of weight 1 that
   * fails: 19 / 20 = 95 %, yet the inspection fails. */
  for (guint i = 0; i < 19; i++)
    sheet_add (&sheet, 0, XJ_RESPONSE_PASS_FAIL, 1, "pass");
  item = sheet_add (&sheet, 1, XJ_RESPONSE_YES_NO, 1, "no");
  item->critical = TRUE;
  item->failure_weight = 10;
  score = xj_score_compute_for_values (sheet.tmpl, sheet.values, NULL);
  g_assert_cmpfloat_with_epsilon (score->score, 95.0, 1e-9);
  g_assert_true (score->critical_failed);
  g_assert_true (section_of (score, 1)->critical_failed);
  g_assert_false (section_of (score, 0)->critical_failed);
  g_assert_cmpint (score->grade, ==, XJ_GRADE_FAIL);
  g_assert_cmpfloat (score->failure_index, ==, 10);
  sheet_clear (&sheet);
}

static void
test_grades (void)
{
  XjGradeBands strict = { 95, 85, 70 };

  g_assert_cmpint (xj_grade_for_score (NULL, TRUE, 90, FALSE), ==, XJ_GRADE_EXCELLENT);
  /* 89.96 reads as 90.0 and grades as it reads. */
  g_assert_cmpint (xj_grade_for_score (NULL, TRUE, 89.96, FALSE), ==, XJ_GRADE_EXCELLENT);
  g_assert_cmpint (xj_grade_for_score (NULL, TRUE, 89.94, FALSE), ==, XJ_GRADE_GOOD);
  g_assert_cmpint (xj_grade_for_score (NULL, TRUE, 75, FALSE), ==, XJ_GRADE_GOOD);
  g_assert_cmpint (xj_grade_for_score (NULL, TRUE, 60, FALSE), ==, XJ_GRADE_PASS);
  g_assert_cmpint (xj_grade_for_score (NULL, TRUE, 59.9, FALSE), ==, XJ_GRADE_FAIL);
  g_assert_cmpint (xj_grade_for_score (NULL, TRUE, 100, TRUE), ==, XJ_GRADE_FAIL);
  g_assert_cmpint (xj_grade_for_score (NULL, FALSE, 0, TRUE), ==, XJ_GRADE_FAIL);
  g_assert_cmpint (xj_grade_for_score (&strict, TRUE, 90, FALSE), ==, XJ_GRADE_GOOD);
  g_assert_cmpint (xj_grade_for_score (&strict, TRUE, 69, FALSE), ==, XJ_GRADE_FAIL);
  g_assert_true (xj_grade_bands_check (&strict, NULL));
  strict.good = 99;
  g_assert_false (xj_grade_bands_check (&strict, NULL));
  g_assert_cmpstr (xj_grade_to_string (XJ_GRADE_GOOD), ==, "good");
  /* A grade as stored reads as its label; nothing, or a word that is not
   * a grade, reads as nothing. */
  g_assert_cmpstr (xj_grade_label_for_id ("good"), ==, xj_grade_get_label (XJ_GRADE_GOOD));
  g_assert_cmpstr (xj_grade_label_for_id ("fail"), ==, xj_grade_get_label (XJ_GRADE_FAIL));
  g_assert_cmpstr (xj_grade_label_for_id (NULL), ==, "");
  g_assert_cmpstr (xj_grade_label_for_id ("superb"), ==, "");
}

int
main (int argc, char **argv)
{
  xj_test_init (&argc, &argv);

  g_test_add_func ("/xj/template/evaluate/pass-fail", test_pass_fail);
  g_test_add_func ("/xj/template/evaluate/yes-no", test_yes_no);
  g_test_add_func ("/xj/template/evaluate/rating", test_rating);
  g_test_add_func ("/xj/template/evaluate/number", test_number);
  g_test_add_func ("/xj/template/evaluate/stopwatch", test_stopwatch);
  g_test_add_func ("/xj/template/evaluate/choice", test_choice);
  g_test_add_func ("/xj/template/evaluate/unscored", test_unscored);
  g_test_add_func ("/xj/scoring/weighted", test_weighted);
  g_test_add_func ("/xj/scoring/all-na", test_all_na);
  g_test_add_func ("/xj/scoring/zero-weight", test_zero_weight);
  g_test_add_func ("/xj/scoring/unanswered", test_unanswered);
  g_test_add_func ("/xj/scoring/critical", test_critical);
  g_test_add_func ("/xj/scoring/grades", test_grades);

  return g_test_run ();
}
