/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A template version's identity by content: the SHA-256 of a canonical
 * serialization of what the version says (name, description, default kind,
 * sections, items, options, in their order), never of ids or times.  Every
 * laptop installs the built-in checklists on its own, with its own ids and
 * UUIDs: the same built-in version has the same hash everywhere, so the
 * team server keeps it once (template_versions.content_sha256).
 *
 * The serialization: compact JSON arrays, every field always present in a
 * fixed order (null when unset), numbers as json-glib writes doubles;
 * stored text, not the translation shown (built-in checklists are stored
 * in English and translated when read).  Its first elements name it and its
 * version, so that a future change of the serialization is a new identity,
 * not a silent one.
 */
#define G_LOG_DOMAIN "xj-template"

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "xj-template-identity.h"
#include "xj-template-private.h"

#define SERIALIZATION      "xunjian-template-content"
#define SERIALIZATION_VERSION 1

static void
add_text (JsonBuilder *builder,
          const char  *text)
{
  if (text == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, text);
}

static void
add_number (JsonBuilder *builder,
            double       value)
{
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_item (JsonBuilder          *builder,
          const XjTemplateItem *item)
{
  json_builder_begin_array (builder);
  add_text (builder, item->key);
  add_text (builder, item->prompt);
  add_text (builder, item->guidance);
  add_text (builder, item->guidance_do);
  add_text (builder, item->guidance_dont);
  add_text (builder, xj_response_type_to_string (item->type));
  add_text (builder, item->unit);
  add_number (builder, item->range_min);
  add_number (builder, item->range_max);
  add_number (builder, item->threshold);
  if (item->type == XJ_RESPONSE_YES_NO)
    json_builder_add_boolean_value (builder, item->pass_answer);
  else
    json_builder_add_null_value (builder);
  add_number (builder, item->score_weight);
  add_number (builder, item->failure_weight);
  json_builder_add_boolean_value (builder, item->critical);
  json_builder_add_boolean_value (builder, item->required);
  json_builder_add_boolean_value (builder, item->photo_on_fail);
  json_builder_add_boolean_value (builder, item->remark_on_fail);
  add_text (builder, item->notice_type);
  add_text (builder, item->responsible_party);
  if (item->deadline_days >= 0)
    json_builder_add_int_value (builder, item->deadline_days);
  else
    json_builder_add_null_value (builder);
  add_text (builder, item->category);
  json_builder_begin_array (builder);
  for (guint o = 0; o < item->options->len; o++)
    {
      XjTemplateOption *option = g_ptr_array_index (item->options, o);

      json_builder_begin_array (builder);
      add_text (builder, option->label);
      add_number (builder, option->score);
      json_builder_add_boolean_value (builder, option->fails);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_array (builder);
}

/**
 * xj_template_content_sha256:
 *
 * The content hash of @tmpl as it is (for a stored version, see
 * xj_store_get_template_version_sha256(), which hashes the stored text).
 * Returns: (transfer full): 64 lower-case hex digits
 */
char *
xj_template_content_sha256 (const XjTemplate *tmpl)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  g_return_val_if_fail (tmpl != NULL, NULL);

  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, SERIALIZATION);
  json_builder_add_int_value (builder, SERIALIZATION_VERSION);
  add_text (builder, tmpl->name);
  add_text (builder, tmpl->description);
  add_text (builder, tmpl->default_kind);
  json_builder_begin_array (builder);
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      json_builder_begin_array (builder);
      add_text (builder, section->title);
      json_builder_begin_array (builder);
      for (guint i = 0; i < section->items->len; i++)
        add_item (builder, g_ptr_array_index (section->items, i));
      json_builder_end_array (builder);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, length);
}

/**
 * xj_store_get_template_version_sha256:
 *
 * The content hash of a stored template version, from its stored text
 * (the same on every laptop for the same built-in version, whatever the
 * language of the moment).
 * Returns: (transfer full): 64 lower-case hex digits, or %NULL with @error
 * set
 */
char *
xj_store_get_template_version_sha256 (XjStore  *store,
                                      gint64    version_id,
                                      GError  **error)
{
  g_autoptr(XjTemplate) tmpl = NULL;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);

  tmpl = _xj_store_load_template_version_as_stored (store, version_id, error);
  return tmpl != NULL ? xj_template_content_sha256 (tmpl) : NULL;
}
