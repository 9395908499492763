/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scoring: the one function the inspection runner, the CLI and the reports
 * use.  The rule (also in docs/scoring.md):
 *
 * - Each item's outcome comes from xj_template_item_evaluate(): pass, fail,
 *   n.a., unscored (text, date-time, photo) or unanswered.
 * - Only pass and fail items with a score weight above 0 count.  An item
 *   adds its weight to the possible points and weight × earned fraction to
 *   the earned points (1 for pass, 0 for fail, the option's score for a
 *   single choice).  N.a., unscored and unanswered items are left out of
 *   the denominator, so are zero-weight items.
 * - A section's score is earned / possible × 100; with nothing possible
 *   (all n.a., say) it has no score — neither 0 nor 100.  The overall score
 *   is Σ earned / Σ possible over all sections (item-weighted, not an
 *   average of section percentages).
 * - Any failed critical item fails the inspection whatever its percentage,
 *   even with weight 0: critical_failed is set and the grade is fail.
 * - The failure index is Σ failure weight of failed items (score weight
 *   plays no part; lower is better).
 * - The grade compares the score rounded to one decimal with the bands
 *   (default ≥ 90 excellent, ≥ 75 good, ≥ 60 pass, else fail), so the
 *   figure a person reads and the grade agree.  No score and no critical
 *   failure: no grade.
 */
#define G_LOG_DOMAIN "xj-scoring"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "xj-scoring.h"
#include "xj-words.h"

/* An inspection's grade, as in 优秀 / 良好 / 合格 / 不合格. */
static const XjTemplateChoice grades[] = {
  [XJ_GRADE_NONE] = { "none", NC_("grade", "No grade") },
  [XJ_GRADE_EXCELLENT] = { "excellent", NC_("grade", "Excellent") },
  [XJ_GRADE_GOOD] = { "good", NC_("grade", "Good") },
  [XJ_GRADE_PASS] = { "pass", NC_("grade", "Pass") },
  [XJ_GRADE_FAIL] = { "fail", NC_("grade", "Fail") },
};

XJ_DEFINE_WORD_TO_STRING (extern, xj_grade, XjGrade, grades)

XJ_DEFINE_WORD_LABEL (extern, xj_grade, XjGrade, grades, "grade")

/**
 * xj_grade_label_for_id:
 * @grade: (nullable): a grade as stored (xj_grade_to_string)
 *
 * Returns: the grade's label, or "" when @grade is %NULL or not a grade.
 */
const char *
xj_grade_label_for_id (const char *grade)
{
  int found = XJ_WORDS_FIND (grades, grade);

  return found >= 0 ? xj_grade_get_label (found) : "";
}

gboolean
xj_grade_bands_check (const XjGradeBands  *bands,
                      GError             **error)
{
  if (!(bands->pass >= 0 && bands->pass <= bands->good && bands->good <= bands->excellent
        && bands->excellent <= 100))
    {
      g_set_error_literal (error, XJ_TEMPLATE_ERROR, XJ_TEMPLATE_ERROR_INVALID,
                           _("Grade bands must rise from pass to good to excellent, between 0 and 100 %."));
      return FALSE;
    }
  return TRUE;
}

XjGrade
xj_grade_for_score (const XjGradeBands *bands,
                    gboolean            has_score,
                    double              score,
                    gboolean            critical_failed)
{
  XjGradeBands defaults = XJ_GRADE_BANDS_DEFAULT;
  double shown;

  if (bands == NULL)
    bands = &defaults;
  if (critical_failed)
    return XJ_GRADE_FAIL;
  if (!has_score)
    return XJ_GRADE_NONE;
  shown = round (score * 10) / 10;
  if (shown >= bands->excellent)
    return XJ_GRADE_EXCELLENT;
  if (shown >= bands->good)
    return XJ_GRADE_GOOD;
  if (shown >= bands->pass)
    return XJ_GRADE_PASS;
  return XJ_GRADE_FAIL;
}

static void
section_score_free (XjSectionScore *section)
{
  g_free (section->title);
  g_free (section);
}

void
xj_score_free (XjScore *score)
{
  if (score == NULL)
    return;
  g_ptr_array_unref (score->sections);
  g_free (score);
}

static void
count_outcome (XjOutcome  outcome,
               guint     *n_pass,
               guint     *n_fail,
               guint     *n_na,
               guint     *n_unscored,
               guint     *n_unanswered)
{
  switch (outcome)
    {
    case XJ_OUTCOME_PASS: (*n_pass)++; break;
    case XJ_OUTCOME_FAIL: (*n_fail)++; break;
    case XJ_OUTCOME_NA: (*n_na)++; break;
    case XJ_OUTCOME_UNSCORED: (*n_unscored)++; break;
    case XJ_OUTCOME_UNANSWERED:
    case XJ_N_OUTCOMES:
    default: (*n_unanswered)++; break;
    }
}

/**
 * xj_score_compute:
 * @lookup: gives each item's answer value (NULL: unanswered)
 * @bands: (nullable): grade bands; NULL for the defaults
 *
 * Applies the rule at the top of this file.
 */
XjScore *
xj_score_compute (const XjTemplate   *tmpl,
                  XjAnswerLookup      lookup,
                  gpointer            user_data,
                  const XjGradeBands *bands)
{
  XjScore *score = g_new0 (XjScore, 1);

  g_return_val_if_fail (tmpl != NULL && lookup != NULL, score);

  score->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_score_free);
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);
      XjSectionScore *result = g_new0 (XjSectionScore, 1);

      result->title = g_strdup (section->title);
      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);
          double earned = 0;
          XjOutcome outcome = xj_template_item_evaluate (item, lookup (item, user_data), &earned);

          count_outcome (outcome, &result->n_pass, &result->n_fail, &result->n_na,
                         &result->n_unscored, &result->n_unanswered);
          if ((outcome == XJ_OUTCOME_PASS || outcome == XJ_OUTCOME_FAIL) && item->score_weight > 0)
            {
              result->possible += item->score_weight;
              result->earned += item->score_weight * earned;
            }
          if (outcome == XJ_OUTCOME_FAIL)
            {
              result->failure_index += item->failure_weight;
              result->critical_failed |= item->critical;
            }
        }
      result->has_score = result->possible > 0;
      result->score = result->has_score ? 100 * result->earned / result->possible : 0;

      score->earned += result->earned;
      score->possible += result->possible;
      score->failure_index += result->failure_index;
      score->critical_failed |= result->critical_failed;
      score->n_pass += result->n_pass;
      score->n_fail += result->n_fail;
      score->n_na += result->n_na;
      score->n_unscored += result->n_unscored;
      score->n_unanswered += result->n_unanswered;
      g_ptr_array_add (score->sections, result);
    }
  score->has_score = score->possible > 0;
  score->score = score->has_score ? 100 * score->earned / score->possible : 0;
  score->grade = xj_grade_for_score (bands, score->has_score, score->score,
                                     score->critical_failed);
  return score;
}

static const char *
lookup_in_table (const XjTemplateItem *item,
                 gpointer              user_data)
{
  return g_hash_table_lookup (user_data, &item->id);
}

/**
 * xj_score_compute_for_values:
 * @values: (element-type gint64 utf8): item id (a #gint64 key, hashed with
 *   g_int64_hash()) → answer value
 */
XjScore *
xj_score_compute_for_values (const XjTemplate   *tmpl,
                             GHashTable         *values,
                             const XjGradeBands *bands)
{
  return xj_score_compute (tmpl, lookup_in_table, values, bands);
}
