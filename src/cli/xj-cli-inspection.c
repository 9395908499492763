/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `inspection list` and `inspection show`: enough in the JSON for a reader
 * to recompute the score from the rule (weights, flags, outcomes).
 */
#define G_LOG_DOMAIN "xj-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "xj-cli.h"
#include "xj-clock.h"
#include "xj-inspection.h"
#include "xj-photo-store.h"
#include "xj-template-store.h"

#define USAGE "xunjian inspection list [--json] | xunjian inspection show ID [--json]"

static void
add_score (JsonBuilder *builder,
           const char  *name,
           gboolean     has_score,
           double       score)
{
  json_builder_set_member_name (builder, name);
  if (has_score)
    json_builder_add_double_value (builder, score);
  else
    json_builder_add_null_value (builder);
}

/* The keys DESIGN.md promises for an inspection in a list. */
static void
add_summary (JsonBuilder        *builder,
             const XjInspection *inspection,
             const XjScore      *live)
{
  xj_cli_json_int (builder, "id", inspection->id);
  xj_cli_json_string (builder, "site", inspection->site_name);
  xj_cli_json_int (builder, "site_id", inspection->site_id);
  xj_cli_json_string (builder, "template", inspection->template_name);
  xj_cli_json_int (builder, "template_version", inspection->template_version);
  xj_cli_json_string (builder, "kind", inspection->kind);
  xj_cli_json_string (builder, "state", xj_inspection_state_to_string (inspection->state));
  xj_cli_json_string (builder, "inspector", inspection->inspector);
  xj_cli_json_string (builder, "owner", xj_inspection_get_owner (inspection));
  xj_cli_json_string (builder, "laptop", xj_inspection_get_laptop (inspection));
  xj_cli_json_string (builder, "representative", inspection->rep_name);
  xj_cli_json_string (builder, "representative_company", inspection->rep_company);
  xj_cli_json_time (builder, "started_at", inspection->started_at);
  xj_cli_json_time (builder, "completed_at", inspection->completed_at);
  /* A draft has no stored score yet: show the live one where known. */
  if (live != NULL && inspection->state == XJ_INSPECTION_DRAFT)
    {
      add_score (builder, "score", live->has_score, live->score);
      xj_cli_json_string (builder, "grade", xj_grade_to_string (live->grade));
    }
  else
    {
      add_score (builder, "score", inspection->has_score, inspection->score);
      xj_cli_json_string (builder, "grade", inspection->grade);
    }
  xj_cli_json_int (builder, "photos", inspection->n_photos);
}

static void
add_listed (JsonBuilder *builder,
            gpointer     item,
            gpointer     user_data)
{
  add_summary (builder, item, NULL);
}

static void
print_listed (gpointer item,
              gpointer user_data)
{
  XjInspection *inspection = item;
  g_autofree char *started = xj_format_iso8601 (inspection->started_at);
  g_autofree char *score = inspection->has_score
                           ? g_strdup_printf ("%.1f%%", inspection->score)
                           : g_strdup ("—");

  printf ("%lld\t%s\t%s\t%s\t%s\t%s\t%s\n", (long long) inspection->id, started,
          inspection->site_name, inspection->template_name,
          xj_inspection_kind_get_label (inspection->kind),
          xj_inspection_state_get_label (inspection->state), score);
}

static int
list_inspections (XjCli *cli)
{
  gboolean json = xj_cli_take_flag (cli, "--json");
  XjInspectionFilter filter = XJ_INSPECTION_FILTER_INIT;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  XjStore *store;

  if ((store = xj_cli_get_store_for (cli, 1, USAGE)) == NULL)
    return 1;
  filter.limit = G_MAXINT;
  if ((list = xj_store_list_inspections (store, &filter, &error)) == NULL)
    return xj_cli_fail_error (error);

  xj_cli_print_list (list, json, add_listed, print_listed, NULL);
  return 0;
}

static void
add_answer (JsonBuilder          *builder,
            const XjTemplateItem *item,
            XjAnswer             *answer,
            GPtrArray            *photos)
{
  XjOutcome outcome = answer != NULL ? xj_template_item_evaluate (item, answer->value, NULL)
                                     : XJ_OUTCOME_UNANSWERED;
  double earned = 0;

  if (answer != NULL)
    xj_template_item_evaluate (item, answer->value, &earned);
  json_builder_begin_object (builder);
  xj_cli_json_int (builder, "item_id", item->id);
  xj_cli_json_string (builder, "item_key", item->key);
  xj_cli_json_string (builder, "prompt", item->prompt);
  xj_cli_json_string (builder, "type", xj_response_type_to_string (item->type));
  xj_cli_json_string (builder, "value", answer != NULL ? answer->value : NULL);
  xj_cli_json_string (builder, "outcome", xj_outcome_to_string (outcome));
  json_builder_set_member_name (builder, "earned");
  json_builder_add_double_value (builder, earned);
  json_builder_set_member_name (builder, "weight");
  json_builder_add_double_value (builder, item->score_weight);
  json_builder_set_member_name (builder, "failure_weight");
  json_builder_add_double_value (builder, item->failure_weight);
  xj_cli_json_bool (builder, "critical", item->critical);
  xj_cli_json_bool (builder, "required", item->required);
  xj_cli_json_string (builder, "remark", answer != NULL ? answer->remark : "");
  json_builder_set_member_name (builder, "photos");
  json_builder_begin_array (builder);
  for (guint i = 0; photos != NULL && i < photos->len; i++)
    json_builder_add_string_value (builder, ((XjAttachedPhoto *) g_ptr_array_index (photos, i))->sha256);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static int
show_inspection (XjCli *cli)
{
  gboolean json = xj_cli_take_flag (cli, "--json");
  g_autoptr(XjInspection) inspection = NULL;
  g_autoptr(XjTemplate) tmpl = NULL;
  g_autoptr(GHashTable) answers = NULL;
  g_autoptr(XjScore) score = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  XjStore *store;
  gint64 id;

  if (cli->argc != 2 || !g_ascii_string_to_signed (cli->argv[1], 10, 1, G_MAXINT64, &id, NULL))
    return xj_cli_usage (USAGE);
  if ((store = xj_cli_get_store (cli)) == NULL)
    return 1;
  if ((inspection = xj_store_get_inspection (store, id, &error)) == NULL
      || (tmpl = xj_store_load_template_version (store, inspection->version_id, &error)) == NULL
      || (answers = xj_store_load_answers (store, id, &error)) == NULL)
    return xj_cli_fail_error (error);
  score = xj_inspection_score (tmpl, answers);

  json_builder_begin_object (builder);
  add_summary (builder, inspection, score);
  xj_cli_json_bool (builder, "critical_failed", score->critical_failed);
  json_builder_set_member_name (builder, "failure_index");
  json_builder_add_double_value (builder, score->failure_index);
  json_builder_set_member_name (builder, "sections");
  json_builder_begin_array (builder);
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);
      XjSectionScore *section_score = g_ptr_array_index (score->sections, s);

      json_builder_begin_object (builder);
      xj_cli_json_string (builder, "title", section->title);
      add_score (builder, "score", section_score->has_score, section_score->score);
      json_builder_set_member_name (builder, "answers");
      json_builder_begin_array (builder);
      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);
          XjAnswer *answer = g_hash_table_lookup (answers, &item->id);
          g_autoptr(GPtrArray) photos = NULL;

          /* A photo list that cannot be read is an error, not "no photos". */
          if (answer != NULL
              && (photos = xj_store_list_photos (store, XJ_ANSWER_PHOTOS (answer->answer_id),
                                                 &error)) == NULL)
            return xj_cli_fail_error (error);
          add_answer (builder, item, answer, photos);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  if (json)
    {
      xj_cli_print_json (root);
      return 0;
    }

  printf ("%s · %s · %s\n", inspection->site_name, inspection->template_name,
          xj_inspection_kind_get_label (inspection->kind));
  printf (_("State: %s\n"), xj_inspection_state_get_label (inspection->state));
  if (score->has_score)
    printf (_("Score: %.1f%% (%s)\n"), score->score, xj_grade_get_label (score->grade));
  else
    printf (_("Score: none (%s)\n"), xj_grade_get_label (score->grade));
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      printf ("\n%s\n", section->title);
      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);
          XjAnswer *answer = g_hash_table_lookup (answers, &item->id);
          XjOutcome outcome = answer != NULL ? xj_template_item_evaluate (item, answer->value, NULL)
                                             : XJ_OUTCOME_UNANSWERED;

          printf ("  [%s] %s%s%s\n", xj_outcome_to_string (outcome), item->prompt,
                  answer != NULL && answer->remark != NULL && *answer->remark ? " — " : "",
                  answer != NULL && answer->remark != NULL ? answer->remark : "");
        }
    }
  return 0;
}

int
xj_cli_inspection (XjCli *cli)
{
  return xj_cli_dispatch (cli, USAGE, "list", list_inspections, "show", show_inspection, NULL);
}
