/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Vocabularies: an enum whose values are stored as words ("draft",
 * "signed" …).  Each domain keeps its table (an array indexed by the enum,
 * of structs whose .id is the stored word, usually with a label); the two
 * conversions are written once, here.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The index of @text among the .id of @n_words structs of @stride bytes
 * starting at @first_id, or -1. */
static inline int
xj_words_find (const char *const *first_id,
               gsize              stride,
               gsize              n_words,
               const char        *text)
{
  for (gsize i = 0; i < n_words; i++)
    {
      const char *id = *(const char *const *) (gconstpointer) ((const char *) first_id + i * stride);

      if (g_strcmp0 (text, id) == 0)
        return (int) i;
    }
  return -1;
}

/* The index of @text in @table (an array, not a pointer), or -1. */
#define XJ_WORDS_FIND(table, text) \
  xj_words_find (&(table)[0].id, sizeof ((table)[0]), G_N_ELEMENTS (table), (text))

/* Defines prefix_to_string (Type) → the word, and prefix_from_string
 * (text, Type *) → TRUE when @text is one of the words; @scope is extern
 * or static. */
#define XJ_DEFINE_WORD_TO_STRING(scope, prefix, Type, table)                 \
  scope const char *                                                          \
  prefix##_to_string (Type value)                                             \
  {                                                                           \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (table), NULL);       \
    return (table)[value].id;                                                 \
  }

#define XJ_DEFINE_WORD_FROM_STRING(scope, prefix, Type, table)               \
  scope gboolean                                                              \
  prefix##_from_string (const char *text,                                     \
                        Type       *value)                                    \
  {                                                                           \
    int found = XJ_WORDS_FIND (table, text);                                  \
                                                                              \
    if (found < 0)                                                            \
      return FALSE;                                                           \
    *value = (Type) found;                                                    \
    return TRUE;                                                              \
  }

/* Defines prefix_get_label (Type) → the translated .label: @context is
 * NULL for labels marked with N_(), the context of NC_() otherwise. */
#define XJ_DEFINE_WORD_LABEL(scope, prefix, Type, table, context)          \
  scope const char *                                                          \
  prefix##_get_label (Type value)                                             \
  {                                                                           \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (table), NULL);       \
    if ((context) != NULL)                                                    \
      return g_dpgettext2 (GETTEXT_PACKAGE, (context), (table)[value].label); \
    return g_dgettext (GETTEXT_PACKAGE, (table)[value].label);                \
  }

#define XJ_DEFINE_WORDS(scope, prefix, Type, table)                          \
  XJ_DEFINE_WORD_TO_STRING (scope, prefix, Type, table)                      \
  XJ_DEFINE_WORD_FROM_STRING (scope, prefix, Type, table)

G_END_DECLS
