/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report's one font: a Chinese TrueType font found through fontconfig,
 * subset with hb-subset to the characters the document uses, then embedded
 * by libharu.  libharu alone would embed most of a 5 MB font and drops
 * composite glyphs above ID 32767; after subsetting the glyph IDs are small
 * and the embedded program holds only what is printed.
 */
#define G_LOG_DOMAIN "xj-report"

#include "config.h"

#include <fontconfig/fontconfig.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <hb-subset.h>
#include <hpdf_doc.h>
#include <unistd.h>

#include "xj-report.h"
#include "xj-report-private.h"

#define BMP_SIZE 0x10000

G_DEFINE_AUTOPTR_CLEANUP_FUNC (hb_blob_t, hb_blob_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (hb_face_t, hb_face_destroy)

struct _XjReportCharset
{
  guint8 bits[BMP_SIZE / 8];
};

XjReportCharset *
_xj_report_charset_new (void)
{
  XjReportCharset *charset = g_new0 (XjReportCharset, 1);

  /* Printable ASCII and the punctuation the layout adds are always there:
   * numbers, dates, page counts, ellipses and brackets. */
  for (gunichar c = 0x20; c < 0x7f; c++)
    charset->bits[c / 8] |= 1u << (c % 8);
  _xj_report_charset_add (charset, "…—·（）：，、");
  return charset;
}

void
_xj_report_charset_free (XjReportCharset *charset)
{
  g_free (charset);
}

void
_xj_report_charset_add (XjReportCharset *charset,
                        const char      *text)
{
  if (text == NULL)
    return;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c < BMP_SIZE && c >= 0x20)
        charset->bits[c / 8] |= 1u << (c % 8);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
    }
}

gboolean
_xj_report_charset_has (const XjReportCharset *charset,
                        gunichar               c)
{
  return c < BMP_SIZE && (charset->bits[c / 8] & (1u << (c % 8))) != 0;
}

/* ---- Finding the font -------------------------------------------------- */

/* libharu embeds TrueType outlines only; CFF-flavoured OpenType (Noto CJK)
 * has no glyf table and cannot be used. */
static hb_face_t *
open_truetype_face (const char *file,
                    int         index)
{
  g_autoptr(hb_blob_t) blob = hb_blob_create_from_file_or_fail (file);
  g_autoptr(hb_face_t) face = NULL;
  g_autoptr(hb_blob_t) glyf = NULL;

  if (blob == NULL)
    return NULL;
  face = hb_face_create (blob, index);
  glyf = hb_face_reference_table (face, HB_TAG ('g', 'l', 'y', 'f'));
  if (hb_blob_get_length (glyf) == 0)
    return NULL;
  return g_steal_pointer (&face);
}

/* The regular face closest to the request among fonts matching pattern. */
static hb_face_t *
find_face (FcPattern *pattern)
{
  g_autoptr(hb_face_t) best = NULL;
  FcObjectSet *objects;
  FcFontSet *fonts;
  int best_distance = G_MAXINT;

  objects = FcObjectSetBuild (FC_FILE, FC_INDEX, FC_WEIGHT, FC_SLANT, NULL);
  fonts = FcFontList (NULL, pattern, objects);
  FcObjectSetDestroy (objects);
  if (fonts == NULL)
    return NULL;

  for (int i = 0; i < fonts->nfont; i++)
    {
      FcChar8 *file = NULL;
      int index = 0, weight = FC_WEIGHT_REGULAR, slant = FC_SLANT_ROMAN, distance;
      hb_face_t *face;

      if (FcPatternGetString (fonts->fonts[i], FC_FILE, 0, &file) != FcResultMatch)
        continue;
      FcPatternGetInteger (fonts->fonts[i], FC_INDEX, 0, &index);
      FcPatternGetInteger (fonts->fonts[i], FC_WEIGHT, 0, &weight);
      FcPatternGetInteger (fonts->fonts[i], FC_SLANT, 0, &slant);
      distance = ABS (weight - FC_WEIGHT_REGULAR) + (slant != FC_SLANT_ROMAN ? 1000 : 0);
      if (distance >= best_distance)
        continue;
      face = open_truetype_face ((const char *) file, index);
      if (face == NULL)
        continue;
      g_clear_pointer (&best, hb_face_destroy);
      best = face;
      best_distance = distance;
    }
  FcFontSetDestroy (fonts);
  return g_steal_pointer (&best);
}

static hb_face_t *
find_font (GError **error)
{
  const char *family = g_getenv (XJ_REPORT_FONT_ENV);
  hb_face_t *face;
  FcPattern *pattern;

  if (family != NULL && *family != '\0')
    {
      pattern = FcPatternBuild (NULL, FC_FAMILY, FcTypeString, family, NULL);
      face = find_face (pattern);
      FcPatternDestroy (pattern);
      if (face == NULL)
        g_set_error (error, XJ_REPORT_ERROR, XJ_REPORT_ERROR_NO_FONT,
                     _("The font “%s” set in %s is not installed or is not a TrueType font. "
                       "Unset it, or install the Debian package fonts-wqy-microhei."),
                     family, XJ_REPORT_FONT_ENV);
      return face;
    }

  pattern = FcPatternBuild (NULL, FC_FAMILY, FcTypeString, XJ_REPORT_DEFAULT_FONT, NULL);
  face = find_face (pattern);
  FcPatternDestroy (pattern);
  if (face != NULL)
    return face;

  /* Any other Chinese font with TrueType outlines will do. */
  pattern = FcPatternBuild (NULL, FC_LANG, FcTypeString, "zh-cn", NULL);
  face = find_face (pattern);
  FcPatternDestroy (pattern);
  if (face == NULL)
    g_set_error (error, XJ_REPORT_ERROR, XJ_REPORT_ERROR_NO_FONT,
                 _("No Chinese TrueType font is installed, so reports cannot be written. "
                   "Install the Debian package fonts-wqy-microhei."));
  return face;
}

/* ---- Subsetting and embedding ------------------------------------------ */

static hb_blob_t *
subset_face (hb_face_t             *face,
             const XjReportCharset *charset)
{
  static const hb_tag_t unused[] = {
    HB_TAG ('G', 'S', 'U', 'B'), HB_TAG ('G', 'P', 'O', 'S'), HB_TAG ('G', 'D', 'E', 'F'),
    HB_TAG ('k', 'e', 'r', 'n'), HB_TAG ('v', 'h', 'e', 'a'), HB_TAG ('v', 'm', 't', 'x'),
    HB_TAG ('g', 'a', 's', 'p'), HB_TAG ('D', 'S', 'I', 'G'), HB_TAG ('h', 'd', 'm', 'x'),
  };
  hb_subset_input_t *input = hb_subset_input_create_or_fail ();
  g_autoptr(hb_face_t) subset = NULL;
  hb_set_t *unicodes, *drop;

  if (input == NULL)
    return NULL;
  unicodes = hb_subset_input_unicode_set (input);
  for (gunichar c = 0; c < BMP_SIZE; c++)
    if (_xj_report_charset_has (charset, c))
      hb_set_add (unicodes, c);
  drop = hb_subset_input_set (input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (gsize i = 0; i < G_N_ELEMENTS (unused); i++)
    hb_set_add (drop, unused[i]);
  hb_subset_input_set_flags (input, HB_SUBSET_FLAGS_NO_HINTING);

  subset = hb_subset_or_fail (face, input);
  hb_subset_input_destroy (input);
  if (subset == NULL)
    return NULL;
  return hb_face_reference_blob (subset);
}

/* libharu writes its encoding CMap as ToUnicode, which maps every code to
 * CID 0, so text would not extract.  With the UTF-8 encoder the codes in
 * the content streams are the UTF-16 code units themselves: map each used
 * block of 256 to itself. */
static gboolean
write_to_unicode (HPDF_Doc               doc,
                  HPDF_Font              font,
                  const XjReportCharset *charset)
{
  g_autoptr(GString) cmap = g_string_new (NULL);
  g_autoptr(GArray) blocks = g_array_new (FALSE, FALSE, sizeof (guint));
  HPDF_Dict stream;

  for (guint high = 0; high < 0x100; high++)
    {
      if (high >= 0xd8 && high <= 0xdf)
        continue;
      for (guint low = 0; low < 0x100; low++)
        if (_xj_report_charset_has (charset, high << 8 | low))
          {
            g_array_append_val (blocks, high);
            break;
          }
    }

  g_string_append (cmap,
                   "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                   "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                   "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                   "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
  for (guint i = 0; i < blocks->len; i += 100)
    {
      guint n = MIN (100, blocks->len - i);

      g_string_append_printf (cmap, "%u beginbfrange\n", n);
      for (guint j = i; j < i + n; j++)
        {
          guint high = g_array_index (blocks, guint, j);
          g_string_append_printf (cmap, "<%02X00> <%02XFF> <%02X00>\n", high, high, high);
        }
      g_string_append (cmap, "endbfrange\n");
    }
  g_string_append (cmap, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");

  stream = HPDF_DictStream_New (doc->mmgr, doc->xref);
  if (stream == NULL)
    return FALSE;
  stream->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  return HPDF_Stream_WriteStr (stream->stream, cmap->str) == HPDF_OK
         && HPDF_Dict_Add (font, "ToUnicode", stream) == HPDF_OK;
}

HPDF_Font
_xj_report_font_load (HPDF_Doc               doc,
                      const XjReportCharset *charset,
                      GError               **error)
{
  g_autoptr(hb_face_t) face = NULL;
  g_autoptr(hb_blob_t) subset = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  const char *data, *name;
  unsigned int length;
  HPDF_Font font = NULL;
  int fd;

  face = find_font (error);
  if (face == NULL)
    return NULL;
  subset = subset_face (face, charset);
  if (subset == NULL)
    {
      g_set_error (error, XJ_REPORT_ERROR, XJ_REPORT_ERROR_FONT,
                   _("The Chinese font could not be prepared for the PDF."));
      return NULL;
    }

  /* libharu loads TrueType from files only.  It keeps the file open until
   * the document is saved, so the name can go at once. */
  data = hb_blob_get_data (subset, &length);
  fd = g_file_open_tmp ("xunjian-font-XXXXXX.ttf", &path, &local_error);
  if (fd >= 0)
    close (fd);
  if (fd < 0 || !g_file_set_contents (path, data, length, &local_error))
    {
      if (path != NULL)
        g_unlink (path);
      g_set_error (error, XJ_REPORT_ERROR, XJ_REPORT_ERROR_FONT,
                   _("The Chinese font could not be prepared for the PDF: %s"),
                   local_error->message);
      return NULL;
    }

  name = HPDF_LoadTTFontFromFile (doc, path, HPDF_TRUE);
  if (name != NULL)
    font = HPDF_GetFont (doc, name, "UTF-8");
  g_unlink (path);
  if (font == NULL || !write_to_unicode (doc, font, charset))
    {
      g_set_error (error, XJ_REPORT_ERROR, XJ_REPORT_ERROR_FONT,
                   _("The Chinese font could not be embedded in the PDF."));
      return NULL;
    }
  return font;
}
