/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules a template must follow, checked in one place for the editor
 * (inline messages under each field), the importers (a line or a JSON
 * path in front of each message) and the store (before it writes).
 */
#define G_LOG_DOMAIN "xj-template"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "xj-template.h"
#include "xj-text.h"

void
xj_template_problem_free (XjTemplateProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

static void add_problem (GPtrArray  *problems,
                         int         section,
                         int         item,
                         int         option,
                         const char *field,
                         const char *format,
                         ...) G_GNUC_PRINTF (6, 7);

static void
add_problem (GPtrArray  *problems,
             int         section,
             int         item,
             int         option,
             const char *field,
             const char *format,
             ...)
{
  XjTemplateProblem *problem = g_new0 (XjTemplateProblem, 1);
  va_list args;

  problem->section = section;
  problem->item = item;
  problem->option = option;
  problem->field = g_strdup (field);
  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (problems, problem);
}


static void
check_text (GPtrArray  *problems,
            int         section,
            int         item,
            int         option,
            const char *field,
            const char *text,
            guint       max,
            const char *what)
{
  if (xj_text_is_blank (text))
    add_problem (problems, section, item, option, field,
                 /* Translators: %s is what is missing, e.g. “the prompt” */
                 _("%s is empty. Write it in."), what);
  else if (g_utf8_strlen (text, -1) > max)
    add_problem (problems, section, item, option, field,
                 _("%s is too long: at most %u characters. Shorten it."), what, max);
}

static void
check_weight (GPtrArray  *problems,
              int         section,
              int         item,
              const char *field,
              double      weight)
{
  if (!isfinite (weight) || weight < 0)
    add_problem (problems, section, item, -1, field,
                 _("The weight is negative. Use 0 or more (0 leaves the item out)."));
  else if (weight > 1000)
    add_problem (problems, section, item, -1, field,
                 _("The weight is larger than 1000. Use a smaller number."));
}

static void
check_not_set (GPtrArray            *problems,
               int                   section,
               int                   item,
               const char           *field,
               double                value,
               const XjTemplateItem *it)
{
  if (!isnan (value))
    add_problem (problems, section, item, -1, field,
                 _("A “%s” item does not use this value. Remove it or change the type."),
                 xj_response_type_get_label (it->type));
}

static void
check_options (GPtrArray            *problems,
               int                   s,
               int                   i,
               const XjTemplateItem *item)
{
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);

  if (item->type != XJ_RESPONSE_CHOICE)
    {
      if (item->options->len > 0)
        add_problem (problems, s, i, -1, "options",
                     _("Only single-choice items have options. Remove them or make the item a single choice."));
      return;
    }
  if (item->options->len < 2)
    add_problem (problems, s, i, -1, "options",
                 _("A single-choice item needs at least two options. Add them."));
  for (guint o = 0; o < item->options->len; o++)
    {
      XjTemplateOption *option = g_ptr_array_index (item->options, o);

      check_text (problems, s, i, o, "label", option->label, XJ_TEMPLATE_LABEL_MAX,
                  _("The option’s label"));
      if (!xj_text_is_blank (option->label) && !g_hash_table_add (labels, option->label))
        add_problem (problems, s, i, o, "label",
                     _("The option “%s” is listed twice. Give each option its own label."),
                     option->label);
      if (!isfinite (option->score) || option->score < 0 || option->score > 1)
        add_problem (problems, s, i, o, "score",
                     _("An option’s score is a fraction of the item’s weight: use a number from 0 to 1."));
    }
}

static void
check_type_values (GPtrArray            *problems,
                   int                   s,
                   int                   i,
                   const XjTemplateItem *item)
{
  switch (item->type)
    {
    case XJ_RESPONSE_NUMBER:
      check_not_set (problems, s, i, "threshold", item->threshold, item);
      if (isnan (item->range_min) && isnan (item->range_max))
        add_problem (problems, s, i, -1, "min",
                     _("A number item needs an acceptable range. Give a minimum, a maximum or both."));
      else if (!isnan (item->range_min) && !isnan (item->range_max)
               && item->range_min > item->range_max)
        add_problem (problems, s, i, -1, "min",
                     _("The minimum (%g) is larger than the maximum (%g). Swap them."),
                     item->range_min, item->range_max);
      break;
    case XJ_RESPONSE_RATING:
      check_not_set (problems, s, i, "min", item->range_min, item);
      check_not_set (problems, s, i, "max", item->range_max, item);
      if (isnan (item->threshold) || item->threshold < 1 || item->threshold > 5
          || item->threshold != floor (item->threshold))
        add_problem (problems, s, i, -1, "threshold",
                     _("A rating item needs a pass threshold: a whole number from 1 to 5."));
      break;
    case XJ_RESPONSE_STOPWATCH:
      check_not_set (problems, s, i, "min", item->range_min, item);
      check_not_set (problems, s, i, "max", item->range_max, item);
      if (isnan (item->threshold) || item->threshold < 0 || !isfinite (item->threshold))
        add_problem (problems, s, i, -1, "threshold",
                     _("A stopwatch item needs a threshold: the most seconds that still pass."));
      break;
    case XJ_RESPONSE_PASS_FAIL:
    case XJ_RESPONSE_YES_NO:
    case XJ_RESPONSE_CHOICE:
    case XJ_RESPONSE_TEXT:
    case XJ_RESPONSE_DATETIME:
    case XJ_RESPONSE_PHOTO:
    case XJ_N_RESPONSE_TYPES:
    default:
      check_not_set (problems, s, i, "min", item->range_min, item);
      check_not_set (problems, s, i, "max", item->range_max, item);
      check_not_set (problems, s, i, "threshold", item->threshold, item);
      break;
    }
}

static void
check_item (GPtrArray            *problems,
            GHashTable           *keys,
            int                   s,
            int                   i,
            const XjTemplateItem *item)
{
  guint n_choices;
  const XjTemplateChoice *choices;

  check_text (problems, s, i, -1, "key", item->key, XJ_TEMPLATE_KEY_MAX, _("The item’s ID"));
  if (!xj_text_is_blank (item->key) && !g_hash_table_add (keys, item->key))
    add_problem (problems, s, i, -1, "key",
                 _("The item ID “%s” is used twice. Give each item its own ID."), item->key);
  check_text (problems, s, i, -1, "prompt", item->prompt, XJ_TEMPLATE_PROMPT_MAX,
              _("The prompt"));
  if (item->type >= XJ_N_RESPONSE_TYPES)
    add_problem (problems, s, i, -1, "type", _("The response type is unknown."));
  else
    check_type_values (problems, s, i, item);
  check_options (problems, s, i, item);
  check_weight (problems, s, i, "weight", item->score_weight);
  check_weight (problems, s, i, "failure_weight", item->failure_weight);
  if (item->deadline_days < -1 || item->deadline_days > XJ_TEMPLATE_DEADLINE_MAX)
    add_problem (problems, s, i, -1, "deadline_days",
                 _("The deadline is out of range. Use 0 to %d days, or leave it empty."),
                 XJ_TEMPLATE_DEADLINE_MAX);

  choices = xj_template_get_categories (&n_choices);
  if (!xj_template_choice_is_valid (choices, n_choices, item->category))
    add_problem (problems, s, i, -1, "category",
                 _("The category “%s” is unknown. Use one of: cleaning, greenery, public_order, fire_security, facilities, service, other."),
                 item->category != NULL ? item->category : "");
  choices = xj_template_get_notice_types (&n_choices);
  if (item->notice_type != NULL && !xj_template_choice_is_valid (choices, n_choices, item->notice_type))
    add_problem (problems, s, i, -1, "notice_type",
                 _("The notice type “%s” is unknown. Use contact, rectification or work_order, or leave it empty."),
                 item->notice_type);
  choices = xj_template_get_parties (&n_choices);
  if (item->responsible_party != NULL
      && !xj_template_choice_is_valid (choices, n_choices, item->responsible_party))
    add_problem (problems, s, i, -1, "responsible_party",
                 _("The responsible party “%s” is unknown. Use property, repair_crew or own_works, or leave it empty."),
                 item->responsible_party);
}

/**
 * xj_template_validate:
 *
 * Returns: (transfer full) (element-type XjTemplateProblem): every problem,
 * in document order; empty when @tmpl may be saved.
 */
GPtrArray *
xj_template_validate (const XjTemplate *tmpl)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_template_problem_free);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_kinds;
  const XjTemplateChoice *kinds = xj_template_get_kinds (&n_kinds);

  g_return_val_if_fail (tmpl != NULL, problems);

  check_text (problems, -1, -1, -1, "name", tmpl->name, XJ_TEMPLATE_NAME_MAX,
              _("The checklist’s name"));
  if (tmpl->uid != NULL && (*tmpl->uid == '\0' || strlen (tmpl->uid) > XJ_TEMPLATE_KEY_MAX))
    add_problem (problems, -1, -1, -1, "uid",
                 _("The checklist’s ID must have 1 to %d characters."), XJ_TEMPLATE_KEY_MAX);
  if (tmpl->default_kind != NULL && !xj_template_choice_is_valid (kinds, n_kinds, tmpl->default_kind))
    add_problem (problems, -1, -1, -1, "default_kind",
                 _("The inspection kind “%s” is unknown. Use daily, weekly, monthly, mystery_visit, mystery_call or spot_check."),
                 tmpl->default_kind);
  if (tmpl->sections->len == 0)
    add_problem (problems, -1, -1, -1, "sections",
                 _("The checklist has no sections. Add a section with at least one item."));

  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      check_text (problems, s, -1, -1, "title", section->title, XJ_TEMPLATE_NAME_MAX,
                  _("The section’s title"));
      if (section->items->len == 0)
        add_problem (problems, s, -1, -1, "items",
                     _("The section has no items. Add an item or remove the section."));
      for (guint i = 0; i < section->items->len; i++)
        check_item (problems, keys, s, i, g_ptr_array_index (section->items, i));
    }
  return problems;
}

/* The same rules as a GError, for callers that only need yes or no. */
gboolean
xj_template_check (const XjTemplate  *tmpl,
                   GError           **error)
{
  g_autoptr(GPtrArray) problems = xj_template_validate (tmpl);
  g_autoptr(GString) text = g_string_new (NULL);

  if (problems->len == 0)
    return TRUE;
  for (guint p = 0; p < problems->len; p++)
    {
      XjTemplateProblem *problem = g_ptr_array_index (problems, p);

      if (p > 0)
        g_string_append_c (text, '\n');
      if (problem->section >= 0 && problem->item >= 0)
        g_string_append_printf (text, _("Section %d, item %d: "),
                                problem->section + 1, problem->item + 1);
      else if (problem->section >= 0)
        g_string_append_printf (text, _("Section %d: "), problem->section + 1);
      g_string_append (text, problem->message);
    }
  g_set_error_literal (error, XJ_TEMPLATE_ERROR, XJ_TEMPLATE_ERROR_INVALID, text->str);
  return FALSE;
}
