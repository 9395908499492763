/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every translation of the built-in checklists' text that this installation
 * has, whatever the language of the moment.
 *
 * Built-in text is stored in English and shown translated
 * (xj_builtins_translate()), but what a person wrote from it is kept in the
 * language they wrote it in: a notice's description made from its findings
 * in Chinese.  Printed in English, the description had to be recognised as
 * the findings' own words (issue 12: it printed beside the findings, once
 * more), and gettext answers only in the language of the moment.  The
 * compiled catalogs (.mo) beside the one gettext uses are read once, for
 * the "checklist" context only.
 */
#define G_LOG_DOMAIN "xj-template"

#include "config.h"

#include <libintl.h>

#include "xj-builtins.h"

#define MO_MAGIC 0x950412de
#define CONTEXT "checklist\004"

static guint32
read_u32 (const guint8 *data,
          gsize         at,
          gboolean      swapped)
{
  guint32 value;

  memcpy (&value, data + at, sizeof value);
  return swapped ? GUINT32_SWAP_LE_BE (value) : value;
}

/* A string of the catalog's tables, or NULL when the file is damaged. */
static const char *
table_string (const guint8 *data,
              gsize         size,
              gsize         table,
              guint32       index,
              gboolean      swapped)
{
  gsize entry = table + (gsize) index * 8;
  guint32 length, offset;

  if (entry + 8 > size)
    return NULL;
  length = read_u32 (data, entry, swapped);
  offset = read_u32 (data, entry + 4, swapped);
  if ((gsize) offset + length >= size || data[offset + length] != '\0')
    return NULL;
  return (const char *) data + offset;
}

static void
add_catalog (GHashTable *translations,
             const char *path)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  const guint8 *data;
  gsize size;
  gboolean swapped;
  guint32 n;

  if (file == NULL || (size = g_mapped_file_get_length (file)) < 20)
    return;
  data = (const guint8 *) g_mapped_file_get_contents (file);
  swapped = read_u32 (data, 0, FALSE) != MO_MAGIC;
  if (read_u32 (data, 0, swapped) != MO_MAGIC)
    return;
  n = read_u32 (data, 8, swapped);
  for (guint32 i = 0; i < n; i++)
    {
      const char *original = table_string (data, size, read_u32 (data, 12, swapped), i, swapped);
      const char *translated = table_string (data, size, read_u32 (data, 16, swapped), i, swapped);
      GPtrArray *known;

      if (original == NULL || translated == NULL || !g_str_has_prefix (original, CONTEXT)
          || *translated == '\0')
        continue;
      original += strlen (CONTEXT);
      if ((known = g_hash_table_lookup (translations, original)) == NULL)
        {
          known = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (translations, g_strdup (original), known);
        }
      g_ptr_array_add (known, g_strdup (translated));
    }
}

/* source text → GPtrArray of its translations, read once. */
static GHashTable *
get_translations (void)
{
  static GHashTable *translations;

  if (g_once_init_enter (&translations))
    {
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) g_ptr_array_unref);
      const char *folder = bindtextdomain (GETTEXT_PACKAGE, NULL);
      g_autoptr(GDir) dir = folder != NULL ? g_dir_open (folder, 0, NULL) : NULL;
      const char *language;

      while (dir != NULL && (language = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *mo = g_strconcat (GETTEXT_PACKAGE, ".mo", NULL);
          g_autofree char *path = g_build_filename (folder, language, "LC_MESSAGES", mo, NULL);

          add_catalog (table, path);
        }
      g_once_init_leave (&translations, table);
    }
  return translations;
}

/**
 * xj_builtins_is_translation:
 * @source: built-in text as stored (English)
 * @text: text shown or written from it
 *
 * Returns: whether @text is @source or one of its installed translations
 */
gboolean
xj_builtins_is_translation (const char *source,
                            const char *text)
{
  GPtrArray *known;

  g_return_val_if_fail (source != NULL && text != NULL, FALSE);

  if (g_str_equal (source, text))
    return TRUE;
  known = g_hash_table_lookup (get_translations (), source);
  return known != NULL && g_ptr_array_find_with_equal_func (known, text, g_str_equal, NULL);
}
