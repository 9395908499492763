/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checklist templates as plain data: a version with its sections, items and
 * choice options, and the one place that decides an answer's outcome.
 */
#define G_LOG_DOMAIN "xj-template"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "xj-template.h"
#include "xj-words.h"

G_DEFINE_QUARK (xj-template-error-quark, xj_template_error)

static const XjTemplateChoice response_types[] = {
  [XJ_RESPONSE_PASS_FAIL] = { "pass_fail", N_("Pass / fail") },
  [XJ_RESPONSE_YES_NO] = { "yes_no", N_("Yes / no") },
  [XJ_RESPONSE_RATING] = { "rating", N_("Rating 1–5") },
  [XJ_RESPONSE_NUMBER] = { "number", N_("Number") },
  [XJ_RESPONSE_STOPWATCH] = { "stopwatch", N_("Stopwatch") },
  [XJ_RESPONSE_CHOICE] = { "choice", N_("Single choice") },
  [XJ_RESPONSE_TEXT] = { "text", N_("Text") },
  [XJ_RESPONSE_DATETIME] = { "datetime", N_("Date and time") },
  [XJ_RESPONSE_PHOTO] = { "photo", N_("Photo only") },
};

static const XjTemplateChoice outcomes[] = {
  [XJ_OUTCOME_UNANSWERED] = { "unanswered", NC_("outcome", "Not answered") },
  [XJ_OUTCOME_PASS] = { "pass", NC_("outcome", "Pass") },
  [XJ_OUTCOME_FAIL] = { "fail", NC_("outcome", "Fail") },
  [XJ_OUTCOME_NA] = { "na", NC_("outcome", "N/A") },
  [XJ_OUTCOME_UNSCORED] = { "unscored", NC_("outcome", "Not scored") },
};

static const XjTemplateChoice categories[] = {
  { "cleaning", N_("Cleaning") },
  { "greenery", N_("Greenery") },
  { "public_order", N_("Public order") },
  { "fire_security", N_("Fire & security") },
  { "facilities", N_("Facilities") },
  { "service", N_("Service") },
  { "other", N_("Other") },
};

static const XjTemplateChoice notice_types[] = {
  { "contact", N_("Work contact form") },
  { "rectification", N_("Rectification notice") },
  { "work_order", N_("Work order") },
};

static const XjTemplateChoice parties[] = {
  { "property", N_("Property company") },
  { "repair_crew", N_("Repair crew") },
  { "own_works", N_("Own works") },
};

static const XjTemplateChoice kinds[] = {
  { "daily", N_("Daily patrol") },
  { "weekly", N_("Weekly check") },
  { "monthly", N_("Monthly check") },
  { "mystery_visit", N_("Mystery visit") },
  { "mystery_call", N_("Mystery call") },
  { "spot_check", N_("Spot check") },
};

/* --- enumerations --------------------------------------------------------- */

G_STATIC_ASSERT (G_N_ELEMENTS (response_types) == XJ_N_RESPONSE_TYPES);

XJ_DEFINE_WORDS (extern, xj_response_type, XjResponseType, response_types)

XJ_DEFINE_WORD_LABEL (extern, xj_response_type, XjResponseType, response_types, NULL)

/* Text, date-time and photo answers record facts; they never pass or fail. */
static gboolean
xj_response_type_is_scored (XjResponseType type)
{
  return type != XJ_RESPONSE_TEXT && type != XJ_RESPONSE_DATETIME && type != XJ_RESPONSE_PHOTO;
}

G_STATIC_ASSERT (G_N_ELEMENTS (outcomes) == XJ_N_OUTCOMES);

XJ_DEFINE_WORDS (extern, xj_outcome, XjOutcome, outcomes)

/* What an answer came to, as a person reads it (合格, 不计分 …). */
XJ_DEFINE_WORD_LABEL (extern, xj_outcome, XjOutcome, outcomes, "outcome")

/* The tables hold untranslated labels; callers get them translated once. */
static const XjTemplateChoice *
translated (const XjTemplateChoice *table,
            guint                   n,
            XjTemplateChoice      **cache)
{
  if (g_once_init_enter (cache))
    {
      XjTemplateChoice *copy = g_new (XjTemplateChoice, n);

      for (guint i = 0; i < n; i++)
        copy[i] = (XjTemplateChoice) { table[i].id, _(table[i].label) };
      g_once_init_leave (cache, copy);
    }
  return *cache;
}

#define DEFINE_CHOICES(func, table)                                            \
  const XjTemplateChoice *                                                     \
  func (guint *n_choices)                                                      \
  {                                                                            \
    static XjTemplateChoice *cache;                                            \
    if (n_choices != NULL)                                                     \
      *n_choices = G_N_ELEMENTS (table);                                       \
    return translated (table, G_N_ELEMENTS (table), &cache);                   \
  }

DEFINE_CHOICES (xj_template_get_categories, categories)
DEFINE_CHOICES (xj_template_get_notice_types, notice_types)
DEFINE_CHOICES (xj_template_get_parties, parties)
DEFINE_CHOICES (xj_template_get_kinds, kinds)

gboolean
xj_template_choice_is_valid (const XjTemplateChoice *choices,
                             guint                   n_choices,
                             const char             *id)
{
  return n_choices > 0 && xj_words_find (&choices[0].id, sizeof (*choices), n_choices, id) >= 0;
}

/* --- construction --------------------------------------------------------- */

XjTemplateOption *
xj_template_option_new (const char *label,
                        double      score,
                        gboolean    fails)
{
  XjTemplateOption *option = g_new0 (XjTemplateOption, 1);

  option->label = g_strdup (label != NULL ? label : "");
  option->score = score;
  option->fails = fails;
  return option;
}

void
xj_template_option_free (XjTemplateOption *option)
{
  if (option == NULL)
    return;
  g_free (option->label);
  g_free (option);
}

static gpointer
copy_option (gconstpointer src,
             gpointer      data)
{
  const XjTemplateOption *option = src;

  return xj_template_option_new (option->label, option->score, option->fails);
}

XjTemplateItem *
xj_template_item_new (const char     *key,
                      const char     *prompt,
                      XjResponseType  type)
{
  XjTemplateItem *item = g_new0 (XjTemplateItem, 1);

  item->key = g_strdup (key != NULL ? key : "");
  item->prompt = g_strdup (prompt != NULL ? prompt : "");
  item->guidance = g_strdup ("");
  item->guidance_do = g_strdup ("");
  item->guidance_dont = g_strdup ("");
  item->type = type;
  item->unit = g_strdup ("");
  item->range_min = NAN;
  item->range_max = NAN;
  item->threshold = NAN;
  item->pass_answer = TRUE;
  item->score_weight = 1;
  item->failure_weight = 1;
  item->deadline_days = -1;
  item->category = g_strdup ("other");
  item->options = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_template_option_free);
  return item;
}

XjTemplateItem *
xj_template_item_copy (const XjTemplateItem *item)
{
  XjTemplateItem *copy = g_new0 (XjTemplateItem, 1);

  *copy = *item;
  copy->key = g_strdup (item->key);
  copy->prompt = g_strdup (item->prompt);
  copy->guidance = g_strdup (item->guidance);
  copy->guidance_do = g_strdup (item->guidance_do);
  copy->guidance_dont = g_strdup (item->guidance_dont);
  copy->unit = g_strdup (item->unit);
  copy->notice_type = g_strdup (item->notice_type);
  copy->responsible_party = g_strdup (item->responsible_party);
  copy->category = g_strdup (item->category);
  copy->options = g_ptr_array_copy (item->options, copy_option, NULL);
  g_ptr_array_set_free_func (copy->options, (GDestroyNotify) xj_template_option_free);
  return copy;
}

void
xj_template_item_free (XjTemplateItem *item)
{
  if (item == NULL)
    return;
  g_free (item->key);
  g_free (item->prompt);
  g_free (item->guidance);
  g_free (item->guidance_do);
  g_free (item->guidance_dont);
  g_free (item->unit);
  g_free (item->notice_type);
  g_free (item->responsible_party);
  g_free (item->category);
  g_ptr_array_unref (item->options);
  g_free (item);
}

static gpointer
copy_item (gconstpointer src,
           gpointer      data)
{
  return xj_template_item_copy (src);
}

XjTemplateSection *
xj_template_section_new (const char *title)
{
  XjTemplateSection *section = g_new0 (XjTemplateSection, 1);

  section->title = g_strdup (title != NULL ? title : "");
  section->items = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_template_item_free);
  return section;
}

static XjTemplateSection *
xj_template_section_copy (const XjTemplateSection *section)
{
  XjTemplateSection *copy = g_new0 (XjTemplateSection, 1);

  copy->id = section->id;
  copy->title = g_strdup (section->title);
  copy->items = g_ptr_array_copy (section->items, copy_item, NULL);
  g_ptr_array_set_free_func (copy->items, (GDestroyNotify) xj_template_item_free);
  return copy;
}

void
xj_template_section_free (XjTemplateSection *section)
{
  if (section == NULL)
    return;
  g_free (section->title);
  g_ptr_array_unref (section->items);
  g_free (section);
}

static gpointer
copy_section (gconstpointer src,
              gpointer      data)
{
  return xj_template_section_copy (src);
}

XjTemplate *
xj_template_new (const char *name)
{
  XjTemplate *tmpl = g_new0 (XjTemplate, 1);

  tmpl->name = g_strdup (name != NULL ? name : "");
  tmpl->description = g_strdup ("");
  tmpl->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_template_section_free);
  return tmpl;
}

XjTemplate *
xj_template_copy (const XjTemplate *tmpl)
{
  XjTemplate *copy = g_new0 (XjTemplate, 1);

  *copy = *tmpl;
  copy->uid = g_strdup (tmpl->uid);
  copy->name = g_strdup (tmpl->name);
  copy->description = g_strdup (tmpl->description);
  copy->default_kind = g_strdup (tmpl->default_kind);
  copy->sections = g_ptr_array_copy (tmpl->sections, copy_section, NULL);
  g_ptr_array_set_free_func (copy->sections, (GDestroyNotify) xj_template_section_free);
  return copy;
}

void
xj_template_free (XjTemplate *tmpl)
{
  if (tmpl == NULL)
    return;
  g_free (tmpl->uid);
  g_free (tmpl->name);
  g_free (tmpl->description);
  g_free (tmpl->default_kind);
  g_ptr_array_unref (tmpl->sections);
  g_free (tmpl);
}

guint
xj_template_count_items (const XjTemplate *tmpl)
{
  guint n = 0;

  for (guint s = 0; s < tmpl->sections->len; s++)
    n += ((XjTemplateSection *) g_ptr_array_index (tmpl->sections, s))->items->len;
  return n;
}

XjTemplateItem *
xj_template_find_item (const XjTemplate *tmpl,
                       gint64            item_id)
{
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);

          if (item->id == item_id)
            return item;
        }
    }
  return NULL;
}

/* --- editing -------------------------------------------------------------- */

static void
move_in_array (GPtrArray *array,
               guint      from,
               guint      to)
{
  gpointer moved = array->pdata[from];

  if (from < to)
    memmove (&array->pdata[from], &array->pdata[from + 1], (to - from) * sizeof (gpointer));
  else if (from > to)
    memmove (&array->pdata[to + 1], &array->pdata[to], (from - to) * sizeof (gpointer));
  array->pdata[to] = moved;
}

/* Moves a section so that it ends at index @to (drag and drop, move up/down). */
gboolean
xj_template_move_section (XjTemplate *tmpl,
                          guint       from,
                          guint       to)
{
  if (from >= tmpl->sections->len || to >= tmpl->sections->len)
    return FALSE;
  move_in_array (tmpl->sections, from, to);
  return TRUE;
}

/* Moves an item, within its section or into another one, so that it ends
 * at @to_index of @to_section. */
gboolean
xj_template_move_item (XjTemplate *tmpl,
                       guint       from_section,
                       guint       from_index,
                       guint       to_section,
                       guint       to_index)
{
  XjTemplateSection *source, *target;
  gpointer item;

  if (from_section >= tmpl->sections->len || to_section >= tmpl->sections->len)
    return FALSE;
  source = g_ptr_array_index (tmpl->sections, from_section);
  target = g_ptr_array_index (tmpl->sections, to_section);
  if (from_index >= source->items->len)
    return FALSE;
  if (source == target)
    {
      if (to_index >= source->items->len)
        return FALSE;
      move_in_array (source->items, from_index, to_index);
      return TRUE;
    }
  if (to_index > target->items->len)
    return FALSE;
  item = g_ptr_array_steal_index (source->items, from_index);
  g_ptr_array_insert (target->items, to_index, item);
  return TRUE;
}

/* A key no item of @tmpl has yet, for a new item. */
char *
xj_template_make_item_key (const XjTemplate *tmpl)
{
  for (guint n = xj_template_count_items (tmpl) + 1;; n++)
    {
      g_autofree char *key = g_strdup_printf ("item-%u", n);
      gboolean taken = FALSE;

      for (guint s = 0; s < tmpl->sections->len && !taken; s++)
        {
          XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

          for (guint i = 0; i < section->items->len && !taken; i++)
            taken = g_strcmp0 (((XjTemplateItem *) g_ptr_array_index (section->items, i))->key,
                               key) == 0;
        }
      if (!taken)
        return g_steal_pointer (&key);
    }
}

/* --- outcome -------------------------------------------------------------- */

static gboolean
parse_number (const char *text,
              double     *number)
{
  char *end = NULL;

  if (text == NULL || *text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  *number = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && isfinite (*number);
}

static const XjTemplateOption *
chosen_option (const XjTemplateItem *item,
               const char           *value)
{
  guint64 position;

  if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &position, NULL)
      || position >= item->options->len)
    return NULL;
  return g_ptr_array_index (item->options, position);
}

/**
 * xj_template_item_evaluate:
 * @value: the answer as stored (see the answers table), or NULL
 * @earned: (out) (optional): the fraction of the item's weight earned (0..1)
 *
 * The one place that decides pass / fail:
 * - NULL → unanswered; "na" → n.a. (any type);
 * - pass_fail: "pass" / "fail";
 * - yes_no: passes when the answer is the item's pass answer;
 * - rating "1".."5": passes when ≥ threshold;
 * - number: passes when min ≤ value ≤ max (limits inclusive, either may be unset);
 * - stopwatch seconds: passes when ≤ threshold;
 * - choice (an option position): fails when the option fails, else passes
 *   and earns the option's score;
 * - text, datetime, photo: unscored.
 * A value that does not fit the type counts as unanswered (the runner checks
 * values with xj_template_item_check_value() before storing them).
 */
XjOutcome
xj_template_item_evaluate (const XjTemplateItem *item,
                           const char           *value,
                           double               *earned)
{
  XjOutcome outcome = XJ_OUTCOME_UNANSWERED;
  double fraction = 0, number = 0;
  const XjTemplateOption *option;

  g_return_val_if_fail (item != NULL, XJ_OUTCOME_UNANSWERED);

  if (value == NULL)
    outcome = XJ_OUTCOME_UNANSWERED;
  else if (strcmp (value, "na") == 0)
    outcome = XJ_OUTCOME_NA;
  else
    switch (item->type)
      {
      case XJ_RESPONSE_PASS_FAIL:
        if (strcmp (value, "pass") == 0)
          outcome = XJ_OUTCOME_PASS;
        else if (strcmp (value, "fail") == 0)
          outcome = XJ_OUTCOME_FAIL;
        break;
      case XJ_RESPONSE_YES_NO:
        if (strcmp (value, "yes") == 0 || strcmp (value, "no") == 0)
          outcome = ((strcmp (value, "yes") == 0) == (item->pass_answer != FALSE))
                    ? XJ_OUTCOME_PASS : XJ_OUTCOME_FAIL;
        break;
      case XJ_RESPONSE_RATING:
        if (parse_number (value, &number) && number >= 1 && number <= 5 && number == floor (number))
          outcome = number >= (isnan (item->threshold) ? 3 : item->threshold)
                    ? XJ_OUTCOME_PASS : XJ_OUTCOME_FAIL;
        break;
      case XJ_RESPONSE_NUMBER:
        if (parse_number (value, &number))
          outcome = ((isnan (item->range_min) || number >= item->range_min)
                     && (isnan (item->range_max) || number <= item->range_max))
                    ? XJ_OUTCOME_PASS : XJ_OUTCOME_FAIL;
        break;
      case XJ_RESPONSE_STOPWATCH:
        if (parse_number (value, &number) && number >= 0)
          outcome = (isnan (item->threshold) || number <= item->threshold)
                    ? XJ_OUTCOME_PASS : XJ_OUTCOME_FAIL;
        break;
      case XJ_RESPONSE_CHOICE:
        if ((option = chosen_option (item, value)) != NULL)
          {
            outcome = option->fails ? XJ_OUTCOME_FAIL : XJ_OUTCOME_PASS;
            fraction = option->fails ? 0 : CLAMP (option->score, 0, 1);
          }
        break;
      case XJ_RESPONSE_TEXT:
      case XJ_RESPONSE_DATETIME:
      case XJ_RESPONSE_PHOTO:
      case XJ_N_RESPONSE_TYPES:
      default:
        outcome = XJ_OUTCOME_UNSCORED;
        break;
      }

  if (outcome == XJ_OUTCOME_PASS && item->type != XJ_RESPONSE_CHOICE)
    fraction = 1;
  if (earned != NULL)
    *earned = outcome == XJ_OUTCOME_PASS ? fraction : 0;
  return outcome;
}

/**
 * xj_template_item_check_value:
 *
 * Whether @value may be stored as an answer to @item (the schema's triggers
 * apply the same rule; this one gives a message a person understands).
 */
gboolean
xj_template_item_check_value (const XjTemplateItem *item,
                              const char           *value,
                              GError              **error)
{
  g_return_val_if_fail (item != NULL, FALSE);

  if (value == NULL || strcmp (value, "na") == 0
      || !xj_response_type_is_scored (item->type)
      || xj_template_item_evaluate (item, value, NULL) != XJ_OUTCOME_UNANSWERED)
    {
      if (item->type == XJ_RESPONSE_DATETIME && value != NULL && strcmp (value, "na") != 0)
        {
          g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (value, NULL);

          if (when == NULL)
            {
              g_set_error (error, XJ_TEMPLATE_ERROR, XJ_TEMPLATE_ERROR_INVALID,
                           _("“%s” is not a date and time. Use the form 2026-03-01T10:30:00+08:00."),
                           value);
              return FALSE;
            }
        }
      return TRUE;
    }
  g_set_error (error, XJ_TEMPLATE_ERROR, XJ_TEMPLATE_ERROR_INVALID,
               _("“%s” is not a valid answer for a “%s” item."),
               value, xj_response_type_get_label (item->type));
  return FALSE;
}
