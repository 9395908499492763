/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The small PDF reader signing needs: find startxref, walk the classic
 * cross-reference tables and trailers (following /Prev), and locate
 * dictionaries and their entries as byte spans of the file.  Nothing is
 * decoded or copied; the spans let the writer splice new entries into
 * verbatim copies of the catalog and page.
 */
#define G_LOG_DOMAIN "xj-pdf-sign"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "xj-pdf-sign-private.h"

#define MAX_NESTING      64
#define MAX_XREF_CHAIN   256
#define STARTXREF_WINDOW 1024

/* --- lexer ------------------------------------------------------------------ */

static gboolean
is_space (guint8 c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static gboolean
is_delimiter (guint8 c)
{
  return strchr ("()<>[]{}/%", c) != NULL && c != '\0';
}

gsize
_xj_pdf_skip_space (const guint8 *data,
                    gsize         size,
                    gsize         pos)
{
  while (pos < size)
    {
      if (data[pos] == '%')
        while (pos < size && data[pos] != '\n' && data[pos] != '\r')
          pos++;
      else if (is_space (data[pos]))
        pos++;
      else
        break;
    }
  return pos;
}

static gsize
skip_token (const guint8 *data,
            gsize         size,
            gsize         pos)
{
  while (pos < size && !is_space (data[pos]) && !is_delimiter (data[pos]))
    pos++;
  return pos;
}

static gsize
skip_literal_string (const guint8 *data,
                     gsize         size,
                     gsize         pos)
{
  guint depth = 0;

  for (; pos < size; pos++)
    {
      if (data[pos] == '\\')
        pos++;
      else if (data[pos] == '(')
        depth++;
      else if (data[pos] == ')' && --depth == 0)
        return pos + 1;
    }
  return XJ_PDF_BAD_POS;
}

static gsize
skip_object_nested (const guint8 *data,
                    gsize         size,
                    gsize         pos,
                    guint         depth)
{
  gboolean dict;

  pos = _xj_pdf_skip_space (data, size, pos);
  if (pos >= size || depth > MAX_NESTING)
    return XJ_PDF_BAD_POS;

  switch (data[pos])
    {
    case '(':
      return skip_literal_string (data, size, pos);
    case '/':
      return skip_token (data, size, pos + 1);
    case '<':
      if (pos + 1 < size && data[pos + 1] != '<')
        {
          const guint8 *end = memchr (data + pos, '>', size - pos);
          return end != NULL ? (gsize) (end - data) + 1 : XJ_PDF_BAD_POS;
        }
      G_GNUC_FALLTHROUGH;
    case '[':
      /* Dictionaries are skipped as sequences of objects: keys are names. */
      dict = data[pos] == '<';
      pos += dict ? 2 : 1;
      for (;;)
        {
          pos = _xj_pdf_skip_space (data, size, pos);
          if (pos >= size)
            return XJ_PDF_BAD_POS;
          if (dict && data[pos] == '>' && pos + 1 < size && data[pos + 1] == '>')
            return pos + 2;
          if (!dict && data[pos] == ']')
            return pos + 1;
          pos = skip_object_nested (data, size, pos, depth + 1);
          if (pos == XJ_PDF_BAD_POS)
            return XJ_PDF_BAD_POS;
        }
    case ')': case '>': case ']': case '{': case '}':
      return XJ_PDF_BAD_POS;
    default:
      return skip_token (data, size, pos);
    }
}

/* Returns the offset just after the object starting at or after @pos, or
 * XJ_PDF_BAD_POS when it is malformed or truncated. */
static gsize
_xj_pdf_skip_object (const guint8 *data,
                     gsize         size,
                     gsize         pos)
{
  return skip_object_nested (data, size, pos, 0);
}

gboolean
_xj_pdf_read_int (const guint8 *data,
                  gsize         size,
                  gsize        *pos,
                  gint64       *value)
{
  gsize p = _xj_pdf_skip_space (data, size, *pos);
  gboolean negative = FALSE;
  gint64 result = 0;
  gsize digits = 0;

  if (p < size && (data[p] == '-' || data[p] == '+'))
    negative = data[p++] == '-';
  for (; p < size && g_ascii_isdigit (data[p]); p++, digits++)
    {
      if (result > (G_MAXINT64 - 9) / 10)
        return FALSE;
      result = result * 10 + (data[p] - '0');
    }
  if (digits == 0 || (p < size && !is_space (data[p]) && !is_delimiter (data[p])))
    return FALSE;
  *pos = p;
  *value = negative ? -result : result;
  return TRUE;
}

static gboolean
has_keyword (const XjPdfDocument *doc,
             gsize                pos,
             const char          *keyword)
{
  gsize length = strlen (keyword);

  return pos + length <= doc->size && memcmp (doc->data + pos, keyword, length) == 0 &&
         (pos + length == doc->size || is_space (doc->data[pos + length]) ||
          is_delimiter (doc->data[pos + length]));
}

/* --- spans and dictionaries ------------------------------------------------- */

gboolean
_xj_pdf_span_get_int (const XjPdfDocument *doc,
                      XjPdfSpan            span,
                      gint64              *value)
{
  gsize pos = span.start;

  return _xj_pdf_read_int (doc->data, span.end, &pos, value) &&
         _xj_pdf_skip_space (doc->data, span.end, pos) == span.end;
}

gboolean
_xj_pdf_span_get_ref (const XjPdfDocument *doc,
                      XjPdfSpan            span,
                      guint               *number,
                      guint               *generation)
{
  gsize pos = span.start;
  gint64 n, g;

  if (!_xj_pdf_read_int (doc->data, span.end, &pos, &n) ||
      !_xj_pdf_read_int (doc->data, span.end, &pos, &g) ||
      n <= 0 || n > G_MAXINT || g < 0 || g > 65535)
    return FALSE;
  pos = _xj_pdf_skip_space (doc->data, span.end, pos);
  if (!has_keyword (doc, pos, "R") || pos + 1 != span.end)
    return FALSE;
  *number = (guint) n;
  *generation = (guint) g;
  return TRUE;
}

/* An indirect reference is three tokens; extends @end over "G R" when the
 * value at @start is the first of them. */
static gsize
extend_over_ref (const XjPdfDocument *doc,
                 gsize                start,
                 gsize                end)
{
  gsize pos = start;
  gint64 ignored;

  if (!_xj_pdf_read_int (doc->data, doc->size, &pos, &ignored) ||
      !_xj_pdf_read_int (doc->data, doc->size, &pos, &ignored))
    return end;
  pos = _xj_pdf_skip_space (doc->data, doc->size, pos);
  return has_keyword (doc, pos, "R") ? pos + 1 : end;
}

/* Finds a top-level entry of the dictionary @dict ("<< … >>"). */
gboolean
_xj_pdf_dict_lookup (const XjPdfDocument *doc,
                     XjPdfSpan            dict,
                     const char          *key,
                     XjPdfSpan           *value)
{
  gsize key_length = strlen (key);
  gsize pos = dict.start + 2;

  for (;;)
    {
      gsize name_end, value_start, value_end;

      pos = _xj_pdf_skip_space (doc->data, dict.end, pos);
      if (pos >= dict.end - 2 || doc->data[pos] != '/')
        return FALSE;
      name_end = skip_token (doc->data, dict.end, pos + 1);
      value_start = _xj_pdf_skip_space (doc->data, dict.end, name_end);
      value_end = _xj_pdf_skip_object (doc->data, dict.end - 2, value_start);
      if (value_end == XJ_PDF_BAD_POS)
        return FALSE;
      value_end = extend_over_ref (doc, value_start, value_end);

      if (name_end - pos - 1 == key_length &&
          memcmp (doc->data + pos + 1, key, key_length) == 0)
        {
          value->start = value_start;
          value->end = value_end;
          return TRUE;
        }
      pos = value_end;
    }
}

/* --- cross-reference tables ------------------------------------------------- */

static gboolean
malformed (GError **error)
{
  g_set_error_literal (error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_MALFORMED,
                       _("The file is not a valid PDF document: its cross-reference table is damaged"));
  return FALSE;
}

static gboolean
find_startxref (XjPdfDocument  *doc,
                GError        **error)
{
  gsize window = MIN (doc->size, STARTXREF_WINDOW);
  const guint8 *tail = doc->data + doc->size - window;
  gint64 offset;

  for (gsize i = window; i >= 9; i--)
    if (memcmp (tail + i - 9, "startxref", 9) == 0)
      {
        gsize pos = doc->size - window + i;

        if (!_xj_pdf_read_int (doc->data, doc->size, &pos, &offset) ||
            offset < 0 || (guint64) offset >= doc->size)
          return malformed (error);
        doc->startxref = (gsize) offset;
        return TRUE;
      }
  g_set_error_literal (error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_MALFORMED,
                       _("The file is not a PDF document or it is truncated"));
  return FALSE;
}

/* Reads one "xref … trailer << … >>" section at @offset; returns the
 * trailer in @trailer.  Earlier (newer) sections win for each object. */
static gboolean
parse_xref_section (XjPdfDocument  *doc,
                    gsize           offset,
                    XjPdfSpan      *trailer,
                    GError        **error)
{
  gsize pos = _xj_pdf_skip_space (doc->data, doc->size, offset);

  if (!has_keyword (doc, pos, "xref"))
    {
      g_set_error_literal (error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_UNSUPPORTED,
                           _("The PDF uses compressed cross-reference streams, which cannot be signed yet"));
      return FALSE;
    }
  pos += 4;

  for (;;)
    {
      gint64 first, count;

      pos = _xj_pdf_skip_space (doc->data, doc->size, pos);
      if (has_keyword (doc, pos, "trailer"))
        break;
      if (!_xj_pdf_read_int (doc->data, doc->size, &pos, &first) ||
          !_xj_pdf_read_int (doc->data, doc->size, &pos, &count) ||
          first < 0 || count < 0 || first + count > G_MAXINT ||
          (guint64) count > doc->size / 18)
        return malformed (error);

      for (gint64 i = 0; i < count; i++)
        {
          gint64 entry_offset, generation;
          gpointer key = GUINT_TO_POINTER ((guint) (first + i));

          if (!_xj_pdf_read_int (doc->data, doc->size, &pos, &entry_offset) ||
              !_xj_pdf_read_int (doc->data, doc->size, &pos, &generation))
            return malformed (error);
          pos = _xj_pdf_skip_space (doc->data, doc->size, pos);
          if (pos >= doc->size || (doc->data[pos] != 'n' && doc->data[pos] != 'f'))
            return malformed (error);
          if (doc->data[pos] == 'n' && entry_offset >= 0 && (guint64) entry_offset < doc->size &&
              !g_hash_table_contains (doc->objects, key))
            g_hash_table_insert (doc->objects, key, GSIZE_TO_POINTER ((gsize) entry_offset + 1));
          pos++;
        }
    }

  trailer->start = _xj_pdf_skip_space (doc->data, doc->size, pos + strlen ("trailer"));
  trailer->end = _xj_pdf_skip_object (doc->data, doc->size, trailer->start);
  if (trailer->end == XJ_PDF_BAD_POS || trailer->end - trailer->start < 4 ||
      doc->data[trailer->start] != '<' || doc->data[trailer->start + 1] != '<')
    return malformed (error);
  return TRUE;
}

gboolean
_xj_pdf_document_parse (XjPdfDocument  *doc,
                        const guint8   *data,
                        gsize           size,
                        GError        **error)
{
  g_autoptr(GHashTable) visited = g_hash_table_new (NULL, NULL);
  gsize offset;

  memset (doc, 0, sizeof *doc);
  doc->data = data;
  doc->size = size;
  doc->objects = g_hash_table_new (NULL, NULL);

  if (size < 8 || memcmp (data, "%PDF-", 5) != 0)
    {
      g_set_error_literal (error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_MALFORMED,
                           _("The file is not a PDF document"));
      return FALSE;
    }
  if (!find_startxref (doc, error))
    return FALSE;

  for (offset = doc->startxref; ; )
    {
      XjPdfSpan trailer, prev;
      gint64 prev_offset;

      if (g_hash_table_size (visited) >= MAX_XREF_CHAIN ||
          !g_hash_table_add (visited, GSIZE_TO_POINTER (offset + 1)))
        return malformed (error);
      if (!parse_xref_section (doc, offset, &trailer, error))
        return FALSE;
      if (doc->trailer.end == 0)
        doc->trailer = trailer;
      if (!_xj_pdf_dict_lookup (doc, trailer, "Prev", &prev))
        break;
      if (!_xj_pdf_span_get_int (doc, prev, &prev_offset) ||
          prev_offset < 0 || (guint64) prev_offset >= size)
        return malformed (error);
      offset = (gsize) prev_offset;
    }
  return TRUE;
}

void
_xj_pdf_document_clear (XjPdfDocument *doc)
{
  g_clear_pointer (&doc->objects, g_hash_table_unref);
}

/* Locates the dictionary of object @number ("N G obj << … >>"). */
gboolean
_xj_pdf_document_get_dict (const XjPdfDocument  *doc,
                           guint                 number,
                           guint                *generation,
                           XjPdfSpan            *dict,
                           GError              **error)
{
  gsize offset = GPOINTER_TO_SIZE (g_hash_table_lookup (doc->objects, GUINT_TO_POINTER (number)));
  gsize pos;
  gint64 n, g;

  if (offset == 0)
    {
      g_set_error (error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_MALFORMED,
                   _("The PDF document is damaged: object %u is missing"), number);
      return FALSE;
    }
  pos = offset - 1;
  if (!_xj_pdf_read_int (doc->data, doc->size, &pos, &n) ||
      !_xj_pdf_read_int (doc->data, doc->size, &pos, &g) || n != number || g < 0 || g > 65535)
    goto bad;
  pos = _xj_pdf_skip_space (doc->data, doc->size, pos);
  if (!has_keyword (doc, pos, "obj"))
    goto bad;
  dict->start = _xj_pdf_skip_space (doc->data, doc->size, pos + 3);
  dict->end = _xj_pdf_skip_object (doc->data, doc->size, dict->start);
  if (dict->end == XJ_PDF_BAD_POS || dict->start + 1 >= doc->size ||
      doc->data[dict->start] != '<' || doc->data[dict->start + 1] != '<')
    goto bad;
  *generation = (guint) g;
  return TRUE;

bad:
  g_set_error (error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_MALFORMED,
               _("The PDF document is damaged: object %u is not where its table says"), number);
  return FALSE;
}
