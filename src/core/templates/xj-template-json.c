/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON template format (docs/template-format.md).  Every problem is
 * reported with its JSON path, e.g. $.sections[2].items[0].type.
 */
#define G_LOG_DOMAIN "xj-template"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "xj-template-import-private.h"

/* --- writing -------------------------------------------------------------- */

static void
add_number (JsonBuilder *builder,
            const char  *member,
            double       value)
{
  json_builder_set_member_name (builder, member);
  if (value == floor (value) && fabs (value) < 1e15)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value,
            gboolean     always)
{
  if (!always && (value == NULL || *value == '\0'))
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
add_flag (JsonBuilder *builder,
          const char  *member,
          gboolean     value)
{
  if (!value)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, TRUE);
}

static void
add_item (JsonBuilder          *builder,
          const XjTemplateItem *item)
{
  json_builder_begin_object (builder);
  add_string (builder, "key", item->key, TRUE);
  add_string (builder, "prompt", item->prompt, TRUE);
  add_string (builder, "guidance", item->guidance, FALSE);
  add_string (builder, "do", item->guidance_do, FALSE);
  add_string (builder, "dont", item->guidance_dont, FALSE);
  add_string (builder, "type", xj_response_type_to_string (item->type), TRUE);
  add_string (builder, "unit", item->unit, FALSE);
  if (!isnan (item->range_min))
    add_number (builder, "min", item->range_min);
  if (!isnan (item->range_max))
    add_number (builder, "max", item->range_max);
  if (!isnan (item->threshold))
    add_number (builder, "threshold", item->threshold);
  if (item->type == XJ_RESPONSE_YES_NO)
    add_string (builder, "pass_answer", item->pass_answer ? "yes" : "no", TRUE);
  if (item->options->len > 0)
    {
      json_builder_set_member_name (builder, "options");
      json_builder_begin_array (builder);
      for (guint o = 0; o < item->options->len; o++)
        {
          XjTemplateOption *option = g_ptr_array_index (item->options, o);

          json_builder_begin_object (builder);
          add_string (builder, "label", option->label, TRUE);
          add_number (builder, "score", option->score);
          add_flag (builder, "fails", option->fails);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  add_number (builder, "weight", item->score_weight);
  add_number (builder, "failure_weight", item->failure_weight);
  add_flag (builder, "critical", item->critical);
  add_flag (builder, "required", item->required);
  add_flag (builder, "photo_on_fail", item->photo_on_fail);
  add_flag (builder, "remark_on_fail", item->remark_on_fail);
  add_string (builder, "notice_type", item->notice_type, FALSE);
  add_string (builder, "responsible_party", item->responsible_party, FALSE);
  if (item->deadline_days >= 0)
    add_number (builder, "deadline_days", item->deadline_days);
  add_string (builder, "category", item->category, TRUE);
  json_builder_end_object (builder);
}

/* The file is a copy of the content: no database ids, no uid. */
char *
xj_template_to_json (const XjTemplate *tmpl)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  add_number (builder, "format_version", XJ_TEMPLATE_FORMAT_VERSION);
  add_string (builder, "name", tmpl->name, TRUE);
  add_string (builder, "description", tmpl->description, FALSE);
  add_string (builder, "default_kind", tmpl->default_kind, FALSE);
  json_builder_set_member_name (builder, "sections");
  json_builder_begin_array (builder);
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      json_builder_begin_object (builder);
      add_string (builder, "title", section->title, TRUE);
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; i < section->items->len; i++)
        add_item (builder, g_ptr_array_index (section->items, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  /* A final newline, as text tools expect. */
  return g_strconcat (text, "\n", NULL);
}

/* --- reading -------------------------------------------------------------- */

typedef struct {
  XjImportReport *report;
  int             section;
  int             item;
} Reader;

/* json-glib has no depth limit: refuse deep nesting before parsing, with a
 * scan that understands strings. */
static gboolean
nesting_ok (const char *data,
            gsize       length)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > XJ_TEMPLATE_JSON_DEPTH_MAX)
            return FALSE;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return TRUE;
}

G_GNUC_PRINTF (3, 0)
static void
problemv (Reader     *reader,
          const char *path,
          const char *format,
          va_list     args)
{
  _xj_import_report_addv (reader->report, path, format, args);
  if (reader->section >= 0 && reader->item >= 0)
    _xj_import_report_mark_item (reader->report, reader->section, reader->item);
}

G_GNUC_PRINTF (3, 4)
static void
problem (Reader     *reader,
         const char *path,
         const char *format,
         ...)
{
  va_list args;

  va_start (args, format);
  problemv (reader, path, format, args);
  va_end (args);
}

/* A problem with the member @name of the object at @path. */
G_GNUC_PRINTF (4, 5)
static void
member_problem (Reader     *reader,
                const char *path,
                const char *name,
                const char *format,
                ...)
{
  g_autofree char *where = g_strdup_printf ("%s.%s", path, name);
  va_list args;

  va_start (args, format);
  problemv (reader, where, format, args);
  va_end (args);
}

static void
check_members (Reader            *reader,
               JsonObject        *object,
               const char        *path,
               const char *const *allowed)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *m = members; m != NULL; m = m->next)
    if (!g_strv_contains (allowed, m->data))
      {
        g_autofree char *list = g_strjoinv (", ", (char **) allowed);

        member_problem (reader, path, m->data,
                        _("Unknown field “%s”. Check its spelling; the fields here are: %s."),
                        (char *) m->data, list);
      }
}

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

/* The member @name when it holds text (%JSON_NODE_VALUE) or a list
 * (%JSON_NODE_ARRAY), as @kind says; otherwise NULL, after saying what is
 * wrong (that it is missing only when @required). */
static JsonNode *
read_member (Reader       *reader,
             JsonObject   *object,
             const char   *path,
             const char   *name,
             JsonNodeType  kind,
             gboolean      required)
{
  JsonNode *node = member (object, name);
  gboolean list = kind == JSON_NODE_ARRAY;

  if (node == NULL && required && list)
    member_problem (reader, path, name, _("“%s” is missing. Add it as a list: [ … ]."), name);
  else if (node == NULL && required)
    member_problem (reader, path, name, _("“%s” is missing. Add it."), name);
  else if (node == NULL)
    ;
  else if (list ? JSON_NODE_HOLDS_ARRAY (node)
                : JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return node;
  else if (list)
    member_problem (reader, path, name, _("“%s” must be a list: [ … ]."), name);
  else
    member_problem (reader, path, name, _("“%s” must be text in quotes."), name);
  return NULL;
}

static char *
read_string (Reader     *reader,
             JsonObject *object,
             const char *path,
             const char *name,
             gboolean    required)
{
  JsonNode *node = read_member (reader, object, path, name, JSON_NODE_VALUE, required);

  return node != NULL ? g_strdup (json_node_get_string (node)) : NULL;
}

static void
take_string (char       **field,
             char        *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = value;
}

static double
read_number (Reader     *reader,
             JsonObject *object,
             const char *path,
             const char *name,
             double      fallback)
{
  JsonNode *node = member (object, name);
  GType type;

  if (node == NULL)
    return fallback;
  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type == G_TYPE_INT64)
    return json_node_get_int (node);
  if (type == G_TYPE_DOUBLE && isfinite (json_node_get_double (node)))
    return json_node_get_double (node);
  member_problem (reader, path, name, _("“%s” must be a number (without quotes)."), name);
  return fallback;
}

static gboolean
read_bool (Reader     *reader,
           JsonObject *object,
           const char *path,
           const char *name)
{
  JsonNode *node = member (object, name);

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  member_problem (reader, path, name, _("“%s” must be true or false."), name);
  return FALSE;
}

static char *
read_alias (Reader     *reader,
            JsonObject *object,
            const char *path,
            const char *name,
            const char *allowed)
{
  g_autofree char *text = read_string (reader, object, path, name, FALSE);
  const char *id = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  if (!_xj_import_lookup_alias (name, text, &id))
    {
      member_problem (reader, path, name, _("“%s” is not a known value. Use one of: %s."),
                      text, allowed);
      return NULL;
    }
  return g_strdup (id);
}

static JsonArray *
read_array (Reader     *reader,
            JsonObject *object,
            const char *path,
            const char *name,
            gboolean    required)
{
  JsonNode *node = read_member (reader, object, path, name, JSON_NODE_ARRAY, required);

  return node != NULL ? json_node_get_array (node) : NULL;
}

static JsonObject *
element_object (Reader     *reader,
                JsonArray  *array,
                guint       index,
                const char *path)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (reader, path, _("Expected an object: { … }."));
      return NULL;
    }
  return json_node_get_object (node);
}

static const char *const option_fields[] = { "label", "score", "fails", NULL };
static const char *const item_fields[] = {
  "key", "prompt", "guidance", "do", "dont", "type", "unit", "min", "max", "threshold",
  "pass_answer", "options", "weight", "failure_weight", "critical", "required",
  "photo_on_fail", "remark_on_fail", "notice_type", "responsible_party", "deadline_days",
  "category", NULL
};
static const char *const section_fields[] = { "title", "items", NULL };
static const char *const root_fields[] = {
  "format_version", "uid", "content_version", "name", "description", "default_kind",
  "sections", NULL
};

static void
read_options (Reader         *reader,
              JsonObject     *object,
              const char     *path,
              XjTemplateItem *item)
{
  JsonArray *options = read_array (reader, object, path, "options", FALSE);

  for (guint o = 0; options != NULL && o < json_array_get_length (options); o++)
    {
      g_autofree char *where = g_strdup_printf ("%s.options[%u]", path, o);
      JsonObject *element = element_object (reader, options, o, where);
      g_autofree char *label = NULL;
      gboolean fails;

      if (element == NULL)
        continue;
      check_members (reader, element, where, option_fields);
      label = read_string (reader, element, where, "label", TRUE);
      fails = read_bool (reader, element, where, "fails");
      g_ptr_array_add (item->options,
                       xj_template_option_new (label, read_number (reader, element, where, "score",
                                                                   fails ? 0 : 1), fails));
    }
}

static XjTemplateItem *
read_item (Reader     *reader,
           JsonObject *object,
           const char *path)
{
  XjTemplateItem *item = xj_template_item_new (NULL, NULL, XJ_RESPONSE_PASS_FAIL);
  g_autofree char *type = NULL;
  g_autofree char *pass_answer = NULL;
  g_autofree char *category = NULL;
  double deadline;

  check_members (reader, object, path, item_fields);
  take_string (&item->key, read_string (reader, object, path, "key", FALSE));
  take_string (&item->prompt, read_string (reader, object, path, "prompt", TRUE));
  take_string (&item->guidance, read_string (reader, object, path, "guidance", FALSE));
  take_string (&item->guidance_do, read_string (reader, object, path, "do", FALSE));
  take_string (&item->guidance_dont, read_string (reader, object, path, "dont", FALSE));
  type = read_alias (reader, object, path, "type",
                     "pass_fail, yes_no, rating, number, stopwatch, choice, text, datetime, photo");
  if (type != NULL)
    xj_response_type_from_string (type, &item->type);
  else if (member (object, "type") == NULL)
    {
      g_autofree char *where = g_strdup_printf ("%s.type", path);

      problem (reader, where, _("“%s” is missing. Add it."), "type");
    }
  take_string (&item->unit, read_string (reader, object, path, "unit", FALSE));
  item->range_min = read_number (reader, object, path, "min", NAN);
  item->range_max = read_number (reader, object, path, "max", NAN);
  item->threshold = read_number (reader, object, path, "threshold", NAN);
  pass_answer = read_alias (reader, object, path, "pass_answer", "yes, no");
  item->pass_answer = g_strcmp0 (pass_answer, "no") != 0;
  read_options (reader, object, path, item);
  item->score_weight = read_number (reader, object, path, "weight", 1);
  item->failure_weight = read_number (reader, object, path, "failure_weight", 1);
  item->critical = read_bool (reader, object, path, "critical");
  item->required = read_bool (reader, object, path, "required");
  item->photo_on_fail = read_bool (reader, object, path, "photo_on_fail");
  item->remark_on_fail = read_bool (reader, object, path, "remark_on_fail");
  item->notice_type = read_alias (reader, object, path, "notice_type",
                                  "contact, rectification, work_order");
  item->responsible_party = read_alias (reader, object, path, "responsible_party",
                                        "property, repair_crew, own_works");
  deadline = read_number (reader, object, path, "deadline_days", -1);
  item->deadline_days = deadline >= -1 && deadline <= G_MAXINT && deadline == floor (deadline)
                        ? (int) deadline : G_MAXINT;
  category = read_alias (reader, object, path, "category",
                         "cleaning, greenery, public_order, fire_security, facilities, service, other");
  take_string (&item->category, g_steal_pointer (&category));
  return item;
}

static XjTemplate *
read_template (Reader     *reader,
               JsonObject *root)
{
  g_autoptr(XjTemplate) tmpl = xj_template_new (NULL);
  JsonArray *sections;
  double format;

  reader->section = reader->item = -1;
  check_members (reader, root, "$", root_fields);
  format = read_number (reader, root, "$", "format_version", NAN);
  if (member (root, "format_version") == NULL)
    problem (reader, "$.format_version",
             _("“format_version” is missing. Add \"format_version\": %d."), XJ_TEMPLATE_FORMAT_VERSION);
  else if (!isnan (format) && format != XJ_TEMPLATE_FORMAT_VERSION)
    problem (reader, "$.format_version",
             _("Format version %g is not supported (this Xunjian reads version %d). Export the checklist again with a matching Xunjian, or update Xunjian."),
             format, XJ_TEMPLATE_FORMAT_VERSION);
  tmpl->uid = read_string (reader, root, "$", "uid", FALSE);
  take_string (&tmpl->name, read_string (reader, root, "$", "name", TRUE));
  take_string (&tmpl->description, read_string (reader, root, "$", "description", FALSE));
  tmpl->default_kind = read_string (reader, root, "$", "default_kind", FALSE);
  read_number (reader, root, "$", "content_version", 0);

  sections = read_array (reader, root, "$", "sections", TRUE);
  for (guint s = 0; sections != NULL && s < json_array_get_length (sections); s++)
    {
      g_autofree char *where = g_strdup_printf ("$.sections[%u]", s);
      JsonObject *object = element_object (reader, sections, s, where);
      XjTemplateSection *section = xj_template_section_new (NULL);
      JsonArray *items;

      g_ptr_array_add (tmpl->sections, section);
      if (object == NULL)
        continue;
      reader->section = s;
      reader->item = -1;
      check_members (reader, object, where, section_fields);
      take_string (&section->title, read_string (reader, object, where, "title", TRUE));
      items = read_array (reader, object, where, "items", TRUE);
      for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
        {
          g_autofree char *item_path = g_strdup_printf ("%s.items[%u]", where, i);
          JsonObject *item;

          reader->item = i;
          item = element_object (reader, items, i, item_path);
          g_ptr_array_add (section->items, item != NULL ? read_item (reader, item, item_path)
                                                        : xj_template_item_new ("-", "-", XJ_RESPONSE_TEXT));
        }
    }
  return g_steal_pointer (&tmpl);
}

static void
report_validation (Reader           *reader,
                   const XjTemplate *tmpl)
{
  g_autoptr(GPtrArray) problems = xj_template_validate (tmpl);

  for (guint p = 0; p < problems->len; p++)
    {
      XjTemplateProblem *found = g_ptr_array_index (problems, p);
      g_autofree char *path = NULL;

      /* A field that did not parse was reported already; its knock-on
       * problems would only confuse. */
      if (found->item >= 0 && _xj_import_report_item_bad (reader->report, found->section, found->item))
        continue;
      if (found->section < 0)
        path = g_strdup_printf ("$.%s", found->field);
      else if (found->item < 0)
        path = g_strdup_printf ("$.sections[%d].%s", found->section, found->field);
      else if (found->option >= 0)
        path = g_strdup_printf ("$.sections[%d].items[%d].options[%d].%s",
                                found->section, found->item, found->option, found->field);
      else
        path = g_strdup_printf ("$.sections[%d].items[%d].%s", found->section, found->item, found->field);
      _xj_import_report_add (reader->report, path, "%s", found->message);
    }
}

XjTemplate *
xj_template_from_json (const char  *data,
                       gsize        length,
                       const char  *filename,
                       GError     **error)
{
  XjImportReport report;
  Reader reader = { &report, -1, -1 };
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(XjTemplate) tmpl = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *text = NULL;
  gboolean ok;

  _xj_import_report_init (&report, filename);
  text = _xj_import_check_text (&report, data, &length);
  if (text != NULL && !nesting_ok (text, length))
    _xj_import_report_add (&report, NULL,
                           _("The JSON is nested more than %d levels deep; a checklist needs 7. This is not a checklist file."),
                           XJ_TEMPLATE_JSON_DEPTH_MAX);
  else if (text != NULL)
    {
      parser = json_parser_new_immutable ();
      if (!json_parser_load_from_data (parser, text, length, &parse_error))
        _xj_import_report_add (&report, NULL,
                               _("This is not valid JSON (%s). Check the file in a text editor near that line, or export a checklist to compare."),
                               parse_error->message);
      /* A file of nothing but a comment parses, with no root at all. */
      else if (json_parser_get_root (parser) == NULL
               || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        _xj_import_report_add (&report, "$", _("The file must hold one JSON object: { \"format_version\": 1, … }."));
      else
        {
          tmpl = read_template (&reader, json_node_get_object (json_parser_get_root (parser)));
          if (xj_template_count_items (tmpl) > XJ_TEMPLATE_ITEMS_MAX)
            _xj_import_report_add (&report, "$.sections",
                                   _("The checklist has more than %d items. Split it into several checklists."),
                                   XJ_TEMPLATE_ITEMS_MAX);
          else
            report_validation (&reader, tmpl);
        }
    }
  ok = _xj_import_report_finish (&report, error);
  _xj_import_report_clear (&report);
  return ok ? g_steal_pointer (&tmpl) : NULL;
}
