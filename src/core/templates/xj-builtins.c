/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The built-in checklists (the JSON files in resources/checklists/, English) are
 * installed into the database on first start and on upgrade, in English, and
 * translated when read into the language of the moment with gettext (context
 * "checklist"; the strings reach xgettext through the generated
 * xj-builtin-strings.c).
 *
 * A built-in file carries a uid and a "content_version".  The built-in
 * template's version number is that content version, so a newer file adds
 * one new version and an unchanged one costs a single indexed query; built-in
 * templates are read-only, so no edit can take that number first.
 */
#define G_LOG_DOMAIN "xj-template"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "xj-builtins.h"
#include "xj-checklist-resources.h"
#include "xj-template-io.h"
#include "xj-template-private.h"
#include "xj-transaction.h"

#define CHECKLISTS_PATH "/io/github/xunjian/Xunjian/checklists/"

/**
 * xj_builtins_translate:
 * @text: (inout): text of a built-in checklist as stored
 *
 * Built-in checklists are stored in English, as their files say, and shown
 * in the language of the moment: @text becomes its translation when it is
 * one of the built-in strings (stored text that is not, such as a checklist
 * installed translated by an older version, stays as it is).
 */
void
xj_builtins_translate (char **text)
{
  const char *translated;

  if (*text == NULL || **text == '\0')
    return;
  translated = g_dpgettext2 (GETTEXT_PACKAGE, "checklist", *text);
  if (translated != *text)
    {
      g_free (*text);
      *text = g_strdup (translated);
    }
}

/**
 * xj_builtins_translate_template:
 *
 * Puts the text of @tmpl, when it is a built-in checklist, into the language
 * of the moment (see xj_builtins_translate()); a checklist someone wrote or
 * copied is left as written.
 */
void
xj_builtins_translate_template (XjTemplate *tmpl)
{
  if (!tmpl->builtin)
    return;
  xj_builtins_translate (&tmpl->name);
  xj_builtins_translate (&tmpl->description);
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      xj_builtins_translate (&section->title);
      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);

          xj_builtins_translate (&item->prompt);
          xj_builtins_translate (&item->guidance);
          xj_builtins_translate (&item->guidance_do);
          xj_builtins_translate (&item->guidance_dont);
          xj_builtins_translate (&item->unit);
          for (guint o = 0; o < item->options->len; o++)
            xj_builtins_translate (&((XjTemplateOption *) g_ptr_array_index (item->options, o))->label);
        }
    }
}

/* The installed content version of a built-in, 0 when absent (a user's
 * checklist with the same uid is not it). */
static gboolean
installed_version (XjStore     *store,
                   const char  *uid,
                   gint64      *template_id,
                   int         *version,
                   GError     **error)
{
  gboolean builtin = FALSE;

  if (!_xj_template_find_uid (store, uid, template_id, &builtin, version, error))
    return FALSE;
  if (!builtin || *version == 0)
    {
      *template_id = 0;
      *version = 0;
    }
  return TRUE;
}

gboolean
_xj_templates_install_builtin (XjStore     *store,
                               GBytes      *json,
                               const char  *name,
                               gboolean    *installed,
                               GError     **error)
{
  g_autoptr(XjTransaction) tx = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(XjTemplate) tmpl = NULL;
  JsonObject *root;
  const char *uid;
  gint64 content_version, template_id = 0;
  int version = 0;
  gsize length;
  const char *data = g_bytes_get_data (json, &length);

  *installed = FALSE;
  /* Read only the header first: the usual case is “nothing new”. */
  if (!json_parser_load_from_data (parser, data, length, error))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  uid = json_object_get_string_member_with_default (root, "uid", NULL);
  content_version = json_object_get_int_member_with_default (root, "content_version", 0);
  g_return_val_if_fail (uid != NULL && content_version >= 1, FALSE);

  if (!installed_version (store, uid, &template_id, &version, error))
    return FALSE;
  if (version >= content_version)
    return TRUE;

  /* Stored in English: translated when read (xj_builtins_translate_template),
   * so the checklist follows the language of whoever opens the folder. */
  if ((tmpl = xj_template_from_json (data, length, name, error)) == NULL)
    return FALSE;
  if ((tx = xj_transaction_begin (store, error)) == NULL)
    return FALSE;
  if (template_id == 0)
    template_id = _xj_template_insert_family (store, uid, TRUE, error);
  if (template_id == 0
      || !_xj_template_insert_version (store, tmpl, template_id, content_version, error)
      || !xj_store_audit (store, NULL, "template", template_id, "install-builtin", name, error)
      || !xj_transaction_commit (tx, error))
    return FALSE;
  *installed = TRUE;
  return TRUE;
}

/**
 * xj_templates_install_builtins:
 *
 * Installs the built-in checklists that are new or newer than those in
 * @store.  Cheap when nothing changed: a few small files parsed and one
 * indexed query each, however much data the database holds.
 */
gboolean
xj_templates_install_builtins (XjStore  *store,
                               GError  **error)
{
  GResource *resource = xj_checklists_get_resource ();
  g_auto(GStrv) names = NULL;
  gboolean changed = FALSE;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);

  names = g_resource_enumerate_children (resource, CHECKLISTS_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (names == NULL)
    return FALSE;
  for (guint n = 0; names[n] != NULL; n++)
    {
      g_autofree char *path = g_strconcat (CHECKLISTS_PATH, names[n], NULL);
      g_autoptr(GBytes) json = g_resource_lookup_data (resource, path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      gboolean installed = FALSE;

      if (json == NULL || !_xj_templates_install_builtin (store, json, names[n], &installed, error))
        return FALSE;
      changed |= installed;
    }
  if (changed)
    xj_store_emit_changed (store, "templates");
  return TRUE;
}
