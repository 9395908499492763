/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Blocks built on the renderer: tables whose header repeats after a page
 * break and whose tall rows split between lines, headings and group titles
 * that keep with what follows, and label / value grids.
 */
#define G_LOG_DOMAIN "xj-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "xj-report-private.h"

#define CELL_PAD_X  4.0
#define CELL_PAD_Y  3.0
/* A row of at most this many lines moves to the next page whole. */
#define KEEP_LINES  6
/* Space above a heading, but at the top of a page. */
#define HEADING_SPACE 10.0

static const XjReportStyle header_style = { 8.5, TRUE, XJ_REPORT_INK };

static double
column_x (XjReportRenderer *self,
          guint             column)
{
  double x = self->left;

  for (guint i = 0; i < column; i++)
    x += self->table->columns[i].width * (self->right - self->left);
  return x;
}

static double
column_width (XjReportRenderer *self,
              guint             column)
{
  return self->table->columns[column].width * (self->right - self->left);
}

static double
cell_x (XjReportRenderer *self,
        guint             column,
        XjReportAlign     align)
{
  double x = column_x (self, column);

  if (align == XJ_REPORT_ALIGN_RIGHT)
    return x + column_width (self, column) - CELL_PAD_X;
  if (align == XJ_REPORT_ALIGN_CENTER)
    return x + column_width (self, column) / 2;
  return x + CELL_PAD_X;
}

void
_xj_report_table_collect (const XjReportTable *table,
                          XjReportCharset     *charset)
{
  for (guint i = 0; i < table->n_columns; i++)
    _xj_report_charset_add (charset, _(table->columns[i].title));
}

static double
header_height (void)
{
  return _xj_report_renderer_leading (&header_style) + 2 * CELL_PAD_Y;
}

/* Draws the header of the table being drawn; the renderer calls it again
 * on each new page, through its page-started hook. */
static void
draw_header (XjReportRenderer *self,
             const char       *text,
             const char       *note)
{
  const XjReportTable *table = self->table;
  double height = header_height ();

  _xj_report_renderer_rect (self, self->left, self->y, self->right - self->left, height,
                            XJ_REPORT_SHADE, G_MAXUINT32);
  for (guint i = 0; i < table->n_columns; i++)
    _xj_report_renderer_text (self, cell_x (self, i, table->columns[i].align),
                              _xj_report_baseline (self->y - CELL_PAD_Y, &header_style),
                              _(table->columns[i].title), &header_style,
                              table->columns[i].align);
  self->y -= height;
  _xj_report_renderer_line (self, self->left, self->y, self->right, self->y, 0.8,
                            XJ_REPORT_ACCENT);
}

/* The header is drawn with the first row, on that row's page. */
gboolean
_xj_report_table_begin (XjReportRenderer     *self,
                        const XjReportTable  *table,
                        GError              **error)
{
  self->table = table;
  self->page_started = draw_header;
  _xj_report_renderer_keep (self, header_height (), draw_header, NULL, NULL);
  return _xj_report_renderer_check (self, error);
}

/* A header or group title with no row after it is drawn all the same.
 * Errors stay in the renderer for the next check. */
void
_xj_report_table_end (XjReportRenderer *self)
{
  if (self->kept->len > 0)
    _xj_report_renderer_ensure (self, 0, NULL);
  self->table = NULL;
  self->page_started = NULL;
  self->y -= 10;
}

gboolean
_xj_report_table_row (XjReportRenderer            *self,
                      const char * const          *cells,
                      const XjReportStyle * const *styles,
                      guint32                      background,
                      GError                     **error)
{
  const XjReportTable *table = self->table;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  double leading = _xj_report_renderer_leading (&xj_report_style_body);
  guint n_lines = 1, done = 0;

  for (guint i = 0; i < table->n_columns; i++)
    {
      const XjReportStyle *style = styles != NULL && styles[i] != NULL ? styles[i]
                                                                       : &xj_report_style_body;
      GStrv cell = _xj_report_renderer_wrap (self, cells[i], style,
                                             column_width (self, i) - 2 * CELL_PAD_X);

      n_lines = MAX (n_lines, g_strv_length (cell));
      g_ptr_array_add (lines, cell);
    }

  /* The row's first part (all of a short row) starts on the page of what
   * is kept with it: the header, a group's title. */
  if (!_xj_report_renderer_ensure (self, (n_lines <= KEEP_LINES ? n_lines : 1) * leading
                                         + 2 * CELL_PAD_Y, error))
    return FALSE;
  while (done < n_lines)
    {
      guint fit = (guint) MAX (0, floor ((self->y - self->bottom - 2 * CELL_PAD_Y) / leading));
      guint chunk = MIN (fit, n_lines - done);
      double height;

      if (chunk == 0 || (chunk < n_lines - done && n_lines - done <= KEEP_LINES))
        {
          if (!_xj_report_renderer_add_page (self, error))
            return FALSE;
          continue;
        }
      height = chunk * leading + 2 * CELL_PAD_Y;
      if (background != G_MAXUINT32)
        _xj_report_renderer_rect (self, self->left, self->y, self->right - self->left, height,
                                  background, G_MAXUINT32);
      for (guint i = 0; i < table->n_columns; i++)
        {
          const XjReportStyle *style = styles != NULL && styles[i] != NULL
                                       ? styles[i] : &xj_report_style_body;
          GStrv cell = g_ptr_array_index (lines, i);
          guint n = g_strv_length (cell);

          for (guint l = done; l < done + chunk && l < n; l++)
            _xj_report_renderer_text (self, cell_x (self, i, table->columns[i].align),
                                      _xj_report_baseline (self->y - CELL_PAD_Y
                                                           - (l - done) * leading,
                                                           &xj_report_style_body),
                                      cell[l], style, table->columns[i].align);
        }
      self->y -= height;
      _xj_report_renderer_line (self, self->left, self->y, self->right, self->y, 0.4,
                                XJ_REPORT_RULE);
      done += chunk;
    }
  return TRUE;
}

/* A group's title, wrapped beside its note. */
static GStrv
wrap_group (XjReportRenderer *self,
            const char       *title,
            const char       *note)
{
  double note_width = note != NULL
                      ? _xj_report_renderer_width (self, note, &xj_report_style_bold) + 12 : 0;

  return _xj_report_renderer_wrap (self, title, &xj_report_style_bold,
                                   self->right - self->left - 2 * CELL_PAD_X - note_width);
}

static void
draw_group (XjReportRenderer *self,
            const char       *title,
            const char       *note)
{
  const XjReportStyle *style = &xj_report_style_bold;
  double leading = _xj_report_renderer_leading (style);
  g_auto(GStrv) lines = wrap_group (self, title, note);
  double height = g_strv_length (lines) * leading + 2 * CELL_PAD_Y;

  _xj_report_renderer_rect (self, self->left, self->y, self->right - self->left, height,
                            XJ_REPORT_SHADE, G_MAXUINT32);
  for (guint l = 0; lines[l] != NULL; l++)
    _xj_report_renderer_text (self, self->left + CELL_PAD_X,
                              _xj_report_baseline (self->y - CELL_PAD_Y - l * leading, style),
                              lines[l], style, XJ_REPORT_ALIGN_LEFT);
  if (note != NULL)
    _xj_report_renderer_text (self, self->right - CELL_PAD_X,
                              _xj_report_baseline (self->y - CELL_PAD_Y, style), note, style,
                              XJ_REPORT_ALIGN_RIGHT);
  self->y -= height;
}

/* A row spanning the table: a group's title, with an optional note at the
 * right; drawn on the page of the row that follows. */
gboolean
_xj_report_table_group (XjReportRenderer  *self,
                        const char        *title,
                        const char        *note,
                        GError           **error)
{
  g_auto(GStrv) lines = wrap_group (self, title, note);
  double leading = _xj_report_renderer_leading (&xj_report_style_bold);

  _xj_report_renderer_keep (self, g_strv_length (lines) * leading + 2 * CELL_PAD_Y, draw_group,
                            title, note);
  return _xj_report_renderer_check (self, error);
}

static void
draw_heading (XjReportRenderer *self,
              const char       *text,
              const char       *note)
{
  const XjReportStyle *style = &xj_report_style_heading;
  double leading = _xj_report_renderer_leading (style);

  if (self->y < self->fresh_y)
    self->y -= HEADING_SPACE;
  _xj_report_renderer_text (self, self->left, _xj_report_baseline (self->y, style), text,
                            style, XJ_REPORT_ALIGN_LEFT);
  self->y -= leading + 2;
  _xj_report_renderer_line (self, self->left, self->y, self->right, self->y, 1.0,
                            XJ_REPORT_ACCENT);
  self->y -= 8;
}

/* A section heading with a rule, drawn on the page of what follows it. */
gboolean
_xj_report_heading (XjReportRenderer  *self,
                    const char        *text,
                    GError           **error)
{
  double leading = _xj_report_renderer_leading (&xj_report_style_heading);

  _xj_report_renderer_keep (self, HEADING_SPACE + leading + 10, draw_heading, text, NULL);
  return _xj_report_renderer_check (self, error);
}

/* Label / value pairs (a NULL-terminated list, two strings a pair), two
 * pairs a row on a shaded panel; pairs with a NULL or empty value are left
 * out. */
gboolean
_xj_report_fields (XjReportRenderer    *self,
                   const char * const  *pairs,
                   GError             **error)
{
  const XjReportStyle *label_style = &xj_report_style_small;
  const XjReportStyle *value_style = &xj_report_style_body;
  double leading = _xj_report_renderer_leading (value_style);
  double half = (self->right - self->left) / 2;
  double label_width = 78, pad = 6;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; pairs[i] != NULL; i += 2)
    if (pairs[i + 1] != NULL && *pairs[i + 1] != '\0')
      {
        g_ptr_array_add (kept, (gpointer) pairs[i]);
        g_ptr_array_add (kept, (gpointer) pairs[i + 1]);
      }

  for (guint i = 0; i < kept->len; i += 4)
    {
      g_auto(GStrv) left = NULL;
      g_auto(GStrv) right = NULL;
      guint n_lines;
      double height;

      left = _xj_report_renderer_wrap (self, kept->pdata[i + 1], value_style,
                                       half - label_width - 2 * pad);
      if (i + 2 < kept->len)
        right = _xj_report_renderer_wrap (self, kept->pdata[i + 3], value_style,
                                          half - label_width - 2 * pad);
      n_lines = MAX (g_strv_length (left), right != NULL ? g_strv_length (right) : 0);
      height = n_lines * leading + 2 * CELL_PAD_Y;
      if (!_xj_report_renderer_ensure (self, height, error))
        return FALSE;

      _xj_report_renderer_rect (self, self->left, self->y, self->right - self->left, height,
                                XJ_REPORT_ZEBRA, G_MAXUINT32);
      for (guint side = 0; side < 2; side++)
        {
          GStrv values = side == 0 ? left : right;
          double x = self->left + side * half + pad;

          if (values == NULL)
            continue;
          _xj_report_renderer_text (self, x, _xj_report_baseline (self->y - CELL_PAD_Y,
                                                                  value_style),
                                    kept->pdata[i + side * 2], label_style,
                                    XJ_REPORT_ALIGN_LEFT);
          for (guint l = 0; values[l] != NULL; l++)
            _xj_report_renderer_text (self, x + label_width,
                                      _xj_report_baseline (self->y - CELL_PAD_Y - l * leading,
                                                           value_style),
                                      values[l], value_style, XJ_REPORT_ALIGN_LEFT);
        }
      self->y -= height;
    }
  self->y -= 8;
  return TRUE;
}

/* Starts a document's first page: the organisation's logo (if any) and its
 * name at the top left, on the line at self->y, which stays where it is
 * for what goes at the right of that line. */
gboolean
_xj_report_letterhead (XjReportRenderer     *self,
                       const char           *logo_path,
                       const char           *organisation,
                       const XjReportStyle  *style,
                       GError              **error)
{
  double x = self->left;

  if (!_xj_report_renderer_add_page (self, error))
    return FALSE;
  if (logo_path != NULL)
    {
      HPDF_Image logo = _xj_report_renderer_image (self, logo_path, error);

      if (logo == NULL)
        return FALSE;
      _xj_report_renderer_draw_image (self, logo, self->left, self->y + 14, 60, 28);
      x += 68;
    }
  _xj_report_renderer_text (self, x, _xj_report_baseline (self->y, style), organisation, style,
                            XJ_REPORT_ALIGN_LEFT);
  return TRUE;
}
