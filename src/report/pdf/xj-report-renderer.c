/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The renderer: one libharu document with its pages, a cursor running down
 * the page, the embedded font and the margins.  Text is measured with the
 * font's advances and wrapped here (libharu's own wrapping knows neither
 * Chinese line breaking nor our pages).  Writes never leave half a file.
 */
#define G_LOG_DOMAIN "xj-report"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "xj-report-private.h"

#define A4_WIDTH     595.276
#define A4_HEIGHT    841.890
#define MARGIN_SIDE  45.0
#define MARGIN_TOP   52.0
#define MARGIN_FOOT  58.0
#define UNKNOWN_ADVANCE G_MAXUINT16

/* wqy-microhei's ascent and descent, in em: where a baseline sits in its line. */
#define FONT_ASCENT  0.936
#define FONT_DESCENT 0.235

const XjReportStyle xj_report_style_body = { 9.0, FALSE, XJ_REPORT_INK };
const XjReportStyle xj_report_style_bold = { 9.0, TRUE, XJ_REPORT_INK };
const XjReportStyle xj_report_style_small = { 7.5, FALSE, XJ_REPORT_MUTED };
const XjReportStyle xj_report_style_heading = { 12.0, TRUE, XJ_REPORT_ACCENT };
const XjReportStyle xj_report_style_title = { 19.0, TRUE, XJ_REPORT_INK };

G_DEFINE_QUARK (xj-report-error-quark, xj_report_error)

/* ---- Helpers ----------------------------------------------------------- */

static void
on_hpdf_error_cb (HPDF_STATUS error_no,
                  HPDF_STATUS detail_no,
                  void       *user_data)
{
  XjReportRenderer *self = user_data;

  if (self->hpdf_error == 0)
    {
      self->hpdf_error = error_no;
      self->hpdf_detail = detail_no;
    }
}

static void
set_fill (HPDF_Page page,
          guint32   rgb)
{
  HPDF_Page_SetRGBFill (page, ((rgb >> 16) & 0xff) / 255.0f,
                        ((rgb >> 8) & 0xff) / 255.0f, (rgb & 0xff) / 255.0f);
}

static void
set_stroke (HPDF_Page page,
            guint32   rgb)
{
  HPDF_Page_SetRGBStroke (page, ((rgb >> 16) & 0xff) / 255.0f,
                          ((rgb >> 8) & 0xff) / 255.0f, (rgb & 0xff) / 255.0f);
}

static double
advance (XjReportRenderer *self,
         gunichar          c)
{
  if (self->advances[c] == UNKNOWN_ADVANCE)
    self->advances[c] = (guint16) CLAMP (HPDF_Font_GetUnicodeWidth (self->font, c), 0, 4000);
  return self->advances[c];
}

/* libharu's text is 16-bit: anything outside the BMP becomes '?', and
 * control characters other than line breaks are dropped. */
static gunichar
printable (gunichar c)
{
  if (c == '\t')
    return ' ';
  if (c < 0x20 || (c >= 0x7f && c < 0xa0))
    return 0;
  if (c > 0xffff || (c >= 0xd800 && c <= 0xdfff))
    return '?';
  return c;
}

/* Chinese line breaking, simplified: never start a line with closing
 * punctuation nor end one with opening punctuation. */
static gboolean
no_line_start (gunichar c)
{
  return strchr (",.;:!?)]}%", (int) (c < 0x80 ? c : 1)) != NULL
         || (c >= 0x80 && g_utf8_strchr ("，。、；：？！）」』】》〉’”…—·％", -1, c) != NULL);
}

static gboolean
no_line_end (gunichar c)
{
  return strchr ("([{", (int) (c < 0x80 ? c : 1)) != NULL
         || (c >= 0x80 && g_utf8_strchr ("（「『【《〈‘“", -1, c) != NULL);
}

static gboolean
can_break (gunichar before,
           gunichar after)
{
  if (after == ' ')
    return FALSE;
  if (before == ' ')
    return TRUE;
  if (no_line_start (after) || no_line_end (before))
    return FALSE;
  if (g_unichar_iswide (before) || g_unichar_iswide (after))
    return TRUE;
  return before == '-' || before == '/';
}

static void
wrap_paragraph (XjReportRenderer    *self,
                const gunichar      *chars,
                glong                n,
                double               scale,
                double               width,
                GPtrArray           *lines)
{
  glong i = 0;

  if (n == 0)
    g_ptr_array_add (lines, g_strdup (""));
  while (i < n)
    {
      glong start = i, j = i, end, last_break = -1;
      double line_width = 0;

      for (; j < n; j++)
        {
          double w = advance (self, chars[j]) * scale;

          if (line_width + w > width && j > start)
            break;
          line_width += w;
          if (j + 1 < n && can_break (chars[j], chars[j + 1]))
            last_break = j + 1;
        }
      if (j == n)
        end = n;
      else if (last_break > start)
        end = last_break;
      else
        end = j;
      i = end;
      while (end > start && chars[end - 1] == ' ')
        end--;
      g_ptr_array_add (lines, g_ucs4_to_utf8 (chars + start, end - start, NULL, NULL, NULL));
      while (i < n && chars[i] == ' ')
        i++;
    }
}

typedef struct {
  double            height;
  XjReportKeepFunc  draw;
  char             *text;
  char             *note;
} KeptBlock;

static void
kept_block_clear (gpointer data)
{
  KeptBlock *block = data;

  g_clear_pointer (&block->text, g_free);
  g_clear_pointer (&block->note, g_free);
}

static double
kept_height (XjReportRenderer *self)
{
  double height = 0;

  for (guint i = 0; i < self->kept->len; i++)
    height += g_array_index (self->kept, KeptBlock, i).height;
  return height;
}

/* Draws the kept blocks at the cursor, in the order they came. */
static void
draw_kept (XjReportRenderer *self)
{
  self->placing = TRUE;
  for (guint i = 0; i < self->kept->len; i++)
    {
      KeptBlock *block = &g_array_index (self->kept, KeptBlock, i);

      block->draw (self, block->text, block->note);
    }
  g_array_set_size (self->kept, 0);
  self->placing = FALSE;
}

/* ---- Public API -------------------------------------------------------- */

/* Adds the renderer's own strings to charset, then embeds the font. */
XjReportRenderer *
_xj_report_renderer_new (XjReportCharset       *charset,
                         GCancellable          *cancellable,
                         XjReportProgressFunc   progress,
                         gpointer               progress_data,
                         GError               **error)
{
  g_autoptr(XjReportRenderer) self = g_new0 (XjReportRenderer, 1);

  _xj_report_charset_add (charset, _("Page %u of %u"));
  self->charset = charset;
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->progress = progress;
  self->progress_data = progress_data;
  self->work_total = 1;
  self->pages = g_ptr_array_new ();
  self->kept = g_array_new (FALSE, TRUE, sizeof (KeptBlock));
  g_array_set_clear_func (self->kept, kept_block_clear);
  self->images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->advances = g_new (guint16, 0x10000);
  memset (self->advances, 0xff, 0x10000 * sizeof (guint16));
  self->page_width = A4_WIDTH;
  self->page_height = A4_HEIGHT;
  self->left = MARGIN_SIDE;
  self->right = A4_WIDTH - MARGIN_SIDE;
  self->top = A4_HEIGHT - MARGIN_TOP;
  self->bottom = MARGIN_FOOT;

  self->doc = HPDF_New (on_hpdf_error_cb, self);
  if (self->doc == NULL)
    {
      g_set_error (error, XJ_REPORT_ERROR, XJ_REPORT_ERROR_FAILED,
                   _("Not enough memory to write the PDF."));
      return NULL;
    }
  /* Page content (text, rules, the chart's paths) is flate-compressed;
   * JPEG photos keep their DCT data whatever the mode. */
  HPDF_SetCompressionMode (self->doc, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings (self->doc);
  HPDF_SetInfoAttr (self->doc, HPDF_INFO_CREATOR, "Xunjian " PACKAGE_VERSION);

  self->font = _xj_report_font_load (self->doc, charset, error);
  if (self->font == NULL)
    return NULL;
  if (!_xj_report_renderer_check (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
_xj_report_renderer_free (XjReportRenderer *self)
{
  if (self == NULL)
    return;
  if (self->doc != NULL)
    HPDF_Free (self->doc);
  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->pages);
  g_array_unref (self->kept);
  g_hash_table_unref (self->images);
  g_free (self->advances);
  g_free (self->running_header);
  g_free (self->watermark);
  g_free (self);
}

gboolean
_xj_report_renderer_check (XjReportRenderer  *self,
                           GError           **error)
{
  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return FALSE;
  if (self->hpdf_error != 0)
    {
      g_set_error (error, XJ_REPORT_ERROR, XJ_REPORT_ERROR_FAILED,
                   _("The PDF could not be written (libharu error 0x%04X, %u)."),
                   (unsigned int) self->hpdf_error, (unsigned int) self->hpdf_detail);
      return FALSE;
    }
  return TRUE;
}

void
_xj_report_renderer_advance (XjReportRenderer *self,
                             double            units)
{
  self->work_done += units;
  if (self->progress != NULL)
    self->progress (MIN (self->work_done / self->work_total, 1.0), self->progress_data);
}

gboolean
_xj_report_renderer_add_page (XjReportRenderer  *self,
                              GError           **error)
{
  if (!_xj_report_renderer_check (self, error))
    return FALSE;
  self->page = HPDF_AddPage (self->doc);
  if (self->page == NULL)
    return _xj_report_renderer_check (self, error);
  HPDF_Page_SetSize (self->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
  g_ptr_array_add (self->pages, self->page);
  self->y = self->top;
  self->placing = TRUE;

  if (self->pages->len > 1 && self->running_header != NULL)
    {
      double baseline = self->page_height - 32;

      _xj_report_renderer_text (self, self->left, baseline, self->running_header,
                                &xj_report_style_small, XJ_REPORT_ALIGN_LEFT);
      _xj_report_renderer_line (self, self->left, baseline - 5, self->right, baseline - 5,
                                0.5, XJ_REPORT_RULE);
    }
  /* What repeats on every page (a table's header), unless it waits to be
   * drawn anyway. */
  if (self->page_started != NULL && !_xj_report_renderer_keeping (self, self->page_started))
    self->page_started (self, NULL, NULL);
  self->fresh_y = self->y;
  self->placing = FALSE;
  return _xj_report_renderer_check (self, error);
}

/* Starts a new page unless height points are left above the footer for
 * the kept blocks and the block that follows them, then draws the kept
 * blocks: a heading never ends a page without its content.  A block taller
 * than a page starts on a fresh one, never after an empty page. */
gboolean
_xj_report_renderer_ensure (XjReportRenderer  *self,
                            double             height,
                            GError           **error)
{
  double needed = kept_height (self) + height;

  if (self->page == NULL
      || (self->y - needed < self->bottom && self->y < self->fresh_y))
    {
      if (!_xj_report_renderer_add_page (self, error))
        return FALSE;
    }
  if (self->kept->len > 0)
    draw_kept (self);
  return TRUE;
}

/* Holds a block of height points that must not end a page (a heading, a
 * table's header, a group's title) until the next
 * _xj_report_renderer_ensure (), which draws it with draw on the page
 * where the block after it starts.  So every block starts with an
 * ensure () of its first part's height (a row, a line, a row of photos). */
void
_xj_report_renderer_keep (XjReportRenderer *self,
                          double            height,
                          XjReportKeepFunc  draw,
                          const char       *text,
                          const char       *note)
{
  KeptBlock block = { height, draw, g_strdup (text), g_strdup (note) };

  g_array_append_val (self->kept, block);
}

gboolean
_xj_report_renderer_keeping (XjReportRenderer *self,
                             XjReportKeepFunc  draw)
{
  for (guint i = 0; i < self->kept->len; i++)
    if (g_array_index (self->kept, KeptBlock, i).draw == draw)
      return TRUE;
  return FALSE;
}

double
_xj_report_renderer_leading (const XjReportStyle *style)
{
  return style->size * 1.42;
}

double
_xj_report_renderer_width (XjReportRenderer    *self,
                           const char          *text,
                           const XjReportStyle *style)
{
  double width = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = printable (g_utf8_get_char (p));

      if (c != 0)
        width += advance (self, c);
    }
  return width * style->size / 1000.0;
}

/* Lines that fit width; an empty text is one empty line. */
GStrv
_xj_report_renderer_wrap (XjReportRenderer    *self,
                          const char          *text,
                          const XjReportStyle *style,
                          double               width)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) paragraphs = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autofree gunichar *chars = NULL;
      glong n = 0, kept = 0;

      chars = g_utf8_to_ucs4_fast (paragraphs[i], -1, &n);
      for (glong j = 0; j < n; j++)
        if ((chars[kept] = printable (chars[j])) != 0)
          kept++;
      wrap_paragraph (self, chars, kept, style->size / 1000.0, width, lines);
    }
  if (lines->len == 0)
    g_ptr_array_add (lines, g_strdup (""));
  g_ptr_array_add (lines, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&lines), FALSE);
}

void
_xj_report_renderer_text (XjReportRenderer    *self,
                          double               x,
                          double               baseline,
                          const char          *text,
                          const XjReportStyle *style,
                          XjReportAlign        align)
{
  g_autoptr(GString) clean = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = printable (g_utf8_get_char (p));

      if (c == 0)
        continue;
      /* Every string must be collected before the font is subset. */
      if (!_xj_report_charset_has (self->charset, c))
        g_critical ("Report text “%s” was not collected for the font subset", text);
      g_string_append_unichar (clean, c);
    }
  if (clean->len == 0)
    return;
  /* Drawn before the heading it follows would be placed: on top of it. */
  if (self->kept->len > 0 && !self->placing)
    g_critical ("Report text “%s” drawn before what is kept with it: start its block with "
                "_xj_report_renderer_ensure ()", text);
  if (align != XJ_REPORT_ALIGN_LEFT)
    {
      double width = _xj_report_renderer_width (self, clean->str, style);
      x -= align == XJ_REPORT_ALIGN_RIGHT ? width : width / 2;
    }

  HPDF_Page_BeginText (self->page);
  HPDF_Page_SetFontAndSize (self->page, self->font, style->size);
  set_fill (self->page, style->rgb);
  if (style->bold)
    {
      /* The font has no bold face: stroke the outlines as well. */
      set_stroke (self->page, style->rgb);
      HPDF_Page_SetLineWidth (self->page, style->size * 0.035);
      HPDF_Page_SetTextRenderingMode (self->page, HPDF_FILL_THEN_STROKE);
    }
  else
    HPDF_Page_SetTextRenderingMode (self->page, HPDF_FILL);
  HPDF_Page_TextOut (self->page, x, baseline, clean->str);
  HPDF_Page_EndText (self->page);
}

/* Wrapped text from the cursor down, breaking pages between lines. */
gboolean
_xj_report_renderer_paragraph (XjReportRenderer     *self,
                               double                x,
                               double                width,
                               const char           *text,
                               const XjReportStyle  *style,
                               GError              **error)
{
  g_auto(GStrv) lines = _xj_report_renderer_wrap (self, text, style, width);
  double leading = _xj_report_renderer_leading (style);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (!_xj_report_renderer_ensure (self, leading, error))
        return FALSE;
      _xj_report_renderer_text (self, x, _xj_report_baseline (self->y, style),
                                lines[i], style, XJ_REPORT_ALIGN_LEFT);
      self->y -= leading;
    }
  return TRUE;
}

double
_xj_report_baseline (double               line_top,
                     const XjReportStyle *style)
{
  double leading = _xj_report_renderer_leading (style);

  return line_top - (leading - (FONT_ASCENT + FONT_DESCENT) * style->size) / 2
         - FONT_ASCENT * style->size;
}

/* y is the top edge; fill and stroke of 0xffffffff are left out. */
void
_xj_report_renderer_rect (XjReportRenderer *self,
                          double            x,
                          double            y,
                          double            width,
                          double            height,
                          guint32           fill,
                          guint32           stroke)
{
  if (fill != G_MAXUINT32)
    set_fill (self->page, fill);
  if (stroke != G_MAXUINT32)
    {
      set_stroke (self->page, stroke);
      HPDF_Page_SetLineWidth (self->page, 0.6);
    }
  HPDF_Page_Rectangle (self->page, x, y - height, width, height);
  if (fill != G_MAXUINT32 && stroke != G_MAXUINT32)
    HPDF_Page_FillStroke (self->page);
  else if (fill != G_MAXUINT32)
    HPDF_Page_Fill (self->page);
  else
    HPDF_Page_Stroke (self->page);
}

void
_xj_report_renderer_line (XjReportRenderer *self,
                          double            x1,
                          double            y1,
                          double            x2,
                          double            y2,
                          double            width,
                          guint32           rgb)
{
  set_stroke (self->page, rgb);
  HPDF_Page_SetLineWidth (self->page, width);
  HPDF_Page_MoveTo (self->page, x1, y1);
  HPDF_Page_LineTo (self->page, x2, y2);
  HPDF_Page_Stroke (self->page);
}

/* Large, pale and diagonal over the content: a preview cannot pass for
 * the signed report, printed or on screen. */
static void
draw_watermark (XjReportRenderer *self)
{
  const XjReportStyle style = { 54, TRUE, XJ_REPORT_FAIL };
  const double c = G_SQRT2 / 2, s = G_SQRT2 / 2;  /* 45° */
  double width = _xj_report_renderer_width (self, self->watermark, &style);
  double x = self->page_width / 2 - c * width / 2 + s * style.size / 3;
  double y = self->page_height / 2 - s * width / 2 - c * style.size / 3;
  HPDF_ExtGState pale = HPDF_CreateExtGState (self->doc);

  HPDF_ExtGState_SetAlphaFill (pale, 0.18f);
  HPDF_ExtGState_SetAlphaStroke (pale, 0.18f);
  HPDF_Page_GSave (self->page);
  HPDF_Page_SetExtGState (self->page, pale);
  HPDF_Page_BeginText (self->page);
  HPDF_Page_SetFontAndSize (self->page, self->font, style.size);
  set_fill (self->page, style.rgb);
  HPDF_Page_SetTextRenderingMode (self->page, HPDF_FILL);
  HPDF_Page_SetTextMatrix (self->page, c, s, -s, c, x, y);
  HPDF_Page_ShowText (self->page, self->watermark);
  HPDF_Page_EndText (self->page);
  HPDF_Page_GRestore (self->page);
}

/* Draws the footers now that the page count is known, then writes the
 * document to a temporary file beside path and renames it into place. */
gboolean
_xj_report_renderer_save (XjReportRenderer  *self,
                          const char        *footer_left,
                          const char        *footer_right,
                          const char        *path,
                          GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree HPDF_BYTE *bytes = NULL;
  HPDF_UINT32 size;

  /* What a heading at the very end introduces is missing: draw it anyway. */
  if (self->kept->len > 0 && !_xj_report_renderer_ensure (self, 0, error))
    return FALSE;
  for (guint i = 0; i < self->pages->len; i++)
    {
      g_autofree char *count = g_strdup_printf (_("Page %u of %u"), i + 1, self->pages->len);
      double baseline = self->bottom - 30;

      self->page = g_ptr_array_index (self->pages, i);
      _xj_report_renderer_line (self, self->left, baseline + 11, self->right, baseline + 11,
                                0.5, XJ_REPORT_RULE);
      _xj_report_renderer_text (self, self->left, baseline, footer_left,
                                &xj_report_style_small, XJ_REPORT_ALIGN_LEFT);
      _xj_report_renderer_text (self, (self->left + self->right) / 2, baseline, count,
                                &xj_report_style_small, XJ_REPORT_ALIGN_CENTER);
      _xj_report_renderer_text (self, self->right, baseline, footer_right,
                                &xj_report_style_small, XJ_REPORT_ALIGN_RIGHT);
      if (self->watermark != NULL)
        draw_watermark (self);
    }

  if (!_xj_report_renderer_check (self, error))
    return FALSE;
  if (HPDF_SaveToStream (self->doc) != HPDF_OK)
    return _xj_report_renderer_check (self, error);
  size = HPDF_GetStreamSize (self->doc);
  bytes = g_malloc (MAX (size, 1));
  HPDF_ReadFromStream (self->doc, bytes, &size);
  /* libharu reports reaching the end of its stream through the handler. */
  if (self->hpdf_error == HPDF_STREAM_EOF)
    self->hpdf_error = 0;
  if (size != HPDF_GetStreamSize (self->doc))
    self->hpdf_error = HPDF_STREAM_EOF;
  if (!_xj_report_renderer_check (self, error))
    return FALSE;
  if (!g_file_set_contents_full (path, (const char *) bytes, size,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0666, &local_error))
    {
      g_set_error (error, XJ_REPORT_ERROR, XJ_REPORT_ERROR_WRITE, "%s", local_error->message);
      return FALSE;
    }
  _xj_report_renderer_advance (self, self->work_total);
  return TRUE;
}
