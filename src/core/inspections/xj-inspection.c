/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Inspections as plain data: states, kinds, and what scoring and
 * completion need from the answers.
 */
#define G_LOG_DOMAIN "xj-inspection"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-finding.h"
#include "xj-inspection.h"
#include "xj-text.h"
#include "xj-words.h"


G_DEFINE_QUARK (xj-inspection-error-quark, xj_inspection_error)

static const struct {
  const char *id;
  const char *label;
} states[] = {
  [XJ_INSPECTION_DRAFT] = { "draft", N_("Draft") },
  [XJ_INSPECTION_COMPLETED] = { "completed", N_("Completed") },
  [XJ_INSPECTION_SIGNED] = { "signed", N_("Signed") },
  [XJ_INSPECTION_ARCHIVED] = { "archived", N_("Archived") },
};

XJ_DEFINE_WORDS (extern, xj_inspection_state, XjInspectionState, states)

XJ_DEFINE_WORD_LABEL (extern, xj_inspection_state, XjInspectionState, states, NULL)

const char *
xj_inspection_kind_get_label (const char *kind)
{
  guint n = 0;
  const XjTemplateChoice *kinds = xj_template_get_kinds (&n);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (kinds[i].id, kind) == 0)
      return kinds[i].label;
  return kind;
}

/* The standard: weekly and monthly checks are accompanied and signed by
 * the property company's representative. */
gboolean
xj_inspection_kind_needs_representative (const char *kind)
{
  return g_strcmp0 (kind, "weekly") == 0 || g_strcmp0 (kind, "monthly") == 0;
}

void
xj_inspection_free (XjInspection *inspection)
{
  if (inspection == NULL)
    return;
  g_free (inspection->site_name);
  g_free (inspection->template_name);
  g_free (inspection->kind);
  g_free (inspection->inspector);
  g_free (inspection->rep_name);
  g_free (inspection->rep_company);
  g_free (inspection->grade);
  g_free (inspection->owner);
  g_free (inspection->laptop);
  g_free (inspection);
}

/* The team login of the inspector who made @inspection on another laptop
 * (pulled from the team: read-only here); NULL when it was made here. */
const char *
xj_inspection_get_owner (const XjInspection *inspection)
{
  return inspection->owner;
}

/* The short code of the laptop that made @inspection; NULL when unknown
 * (made here before the laptop had a code). */
const char *
xj_inspection_get_laptop (const XjInspection *inspection)
{
  return inspection->laptop;
}

void
xj_answer_free (XjAnswer *answer)
{
  if (answer == NULL)
    return;
  g_free (answer->value);
  g_free (answer->remark);
  g_free (answer);
}

void
xj_previous_answer_free (XjPreviousAnswer *previous)
{
  if (previous == NULL)
    return;
  g_free (previous->value);
  g_free (previous);
}

gboolean
xj_previous_answer_is_repeat (const XjPreviousAnswer *previous,
                              gint64                  now)
{
  /* The notices' rule (xj-finding.c): the same item failed at the same
   * site within the window, whatever was answered in between. */
  return previous != NULL && previous->failed_at > 0
         && now - previous->failed_at <= (gint64) XJ_REPEAT_WINDOW_DAYS_DEFAULT * 86400;
}


static const char *
lookup_value (const XjTemplateItem *item,
              gpointer              user_data)
{
  GHashTable *answers = user_data;
  XjAnswer *answer = g_hash_table_lookup (answers, &item->id);

  return answer != NULL ? answer->value : NULL;
}

/**
 * xj_inspection_score:
 * @answers: (element-type gint64 XjAnswer): answers by item id
 *
 * The live score of an inspection: the one scoring rule, applied to what
 * has been answered so far.
 */
XjScore *
xj_inspection_score (const XjTemplate *tmpl,
                     GHashTable       *answers)
{
  const XjGradeBands bands = XJ_GRADE_BANDS_DEFAULT;

  return xj_score_compute (tmpl, lookup_value, answers, &bands);
}

/**
 * xj_inspection_missing_required:
 *
 * Returns: (transfer container) (element-type XjTemplateItem): items that
 * block completion: required items without an answer (a photo-only item
 * is answered by its photos), and failures whose item asks for a remark or
 * a photo that was not given.
 */
GPtrArray *
xj_inspection_missing_required (const XjTemplate *tmpl,
                                GHashTable       *answers)
{
  GPtrArray *missing = g_ptr_array_new ();

  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);
          XjAnswer *answer = g_hash_table_lookup (answers, &item->id);
          XjOutcome outcome = answer != NULL
                              ? xj_template_item_evaluate (item, answer->value, NULL)
                              : XJ_OUTCOME_UNANSWERED;

          guint n_photos = answer != NULL ? answer->n_photos : 0;

          if (item->required && outcome == XJ_OUTCOME_UNANSWERED
              && !(item->type == XJ_RESPONSE_PHOTO && n_photos > 0))
            g_ptr_array_add (missing, item);
          else if (outcome == XJ_OUTCOME_FAIL && item->remark_on_fail
                   && xj_text_is_blank (answer->remark))
            g_ptr_array_add (missing, item);
          else if (outcome == XJ_OUTCOME_FAIL && item->photo_on_fail && n_photos == 0)
            g_ptr_array_add (missing, item);
        }
    }
  return missing;
}
