/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between the report's own files: the character set, the font, the
 * renderer (document, page, cursor, fonts, margins) and its tables.
 */
#pragma once

#include <hpdf.h>

#include "xj-report.h"

G_BEGIN_DECLS

#define XJ_REPORT_DEFAULT_FONT "WenQuanYi Micro Hei"

/* ---- Characters and font (xj-report-font.c) ---------------------------- */

/* The characters a document uses (Basic Multilingual Plane: libharu's text
 * is 16-bit).  The font is subset to exactly these before embedding. */
typedef struct _XjReportCharset XjReportCharset;

XjReportCharset *_xj_report_charset_new  (void);
void             _xj_report_charset_free (XjReportCharset       *charset);
void             _xj_report_charset_add  (XjReportCharset       *charset,
                                          const char            *text);
gboolean         _xj_report_charset_has  (const XjReportCharset *charset,
                                          gunichar               c);
HPDF_Font        _xj_report_font_load    (HPDF_Doc               doc,
                                          const XjReportCharset *charset,
                                          GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjReportCharset, _xj_report_charset_free)

/* ---- Renderer (xj-report-renderer.c) ----------------------------------- */

typedef struct {
  double   size;
  gboolean bold;
  guint32  rgb;
} XjReportStyle;

typedef enum {
  XJ_REPORT_ALIGN_LEFT,
  XJ_REPORT_ALIGN_CENTER,
  XJ_REPORT_ALIGN_RIGHT,
} XjReportAlign;

/* Colours of the house layout. */
#define XJ_REPORT_INK        0x1d2330
#define XJ_REPORT_MUTED      0x5e6673
#define XJ_REPORT_ACCENT     0x1c4e80
#define XJ_REPORT_FAIL       0xc01c28
#define XJ_REPORT_PASS       0x2a7a3b
#define XJ_REPORT_RULE       0xc9ced6
#define XJ_REPORT_SHADE      0xeef1f5
#define XJ_REPORT_ZEBRA      0xf7f8fa

extern const XjReportStyle xj_report_style_body;
extern const XjReportStyle xj_report_style_bold;
extern const XjReportStyle xj_report_style_small;
extern const XjReportStyle xj_report_style_heading;
extern const XjReportStyle xj_report_style_title;

typedef struct _XjReportRenderer XjReportRenderer;

/* Draws a kept block (see _xj_report_renderer_keep) at the cursor. */
typedef void (*XjReportKeepFunc) (XjReportRenderer *self,
                                  const char       *text,
                                  const char       *note);

struct _XjReportRenderer
{
  HPDF_Doc          doc;
  HPDF_Font         font;
  HPDF_Page         page;
  GPtrArray        *pages;
  double            page_width;
  double            page_height;
  double            left;             /* content box, PDF points from the */
  double            right;            /* bottom-left corner */
  double            top;
  double            bottom;
  double            y;                /* cursor: top of the next block */
  double            fresh_y;          /* the cursor on a page with nothing on it yet */
  char             *running_header;   /* printed on pages after the first */
  char             *watermark;        /* across every page (a preview), or NULL */

  const XjReportCharset *charset;
  guint16          *advances;         /* per code point, 1/1000 em; cached */
  GHashTable       *images;           /* path → HPDF_Image */
  HPDF_STATUS       hpdf_error;       /* first libharu error, 0 if none */
  HPDF_STATUS       hpdf_detail;

  GCancellable     *cancellable;
  XjReportProgressFunc progress;
  gpointer          progress_data;
  double            work_done;
  double            work_total;

  /* The table being drawn (xj-report-table.c's own state). */
  const struct _XjReportTable *table;
  /* Called on every new page below the running header, unless it is among
   * the kept blocks anyway: a table's header repeats this way, without the
   * renderer knowing about tables.  NULL when nothing repeats. */
  XjReportKeepFunc  page_started;

  /* Blocks that keep with what follows them (headings, a table's header, a
   * group's title), waiting for the next _xj_report_renderer_ensure () to
   * draw them on the page where the block after them starts. */
  GArray           *kept;
  gboolean          placing;          /* drawing a page's top or the kept blocks */
};

XjReportRenderer *_xj_report_renderer_new          (XjReportCharset       *charset,
                                                    GCancellable          *cancellable,
                                                    XjReportProgressFunc   progress,
                                                    gpointer               progress_data,
                                                    GError               **error);
void              _xj_report_renderer_free         (XjReportRenderer      *self);
gboolean          _xj_report_renderer_add_page     (XjReportRenderer      *self,
                                                    GError               **error);
gboolean          _xj_report_renderer_ensure       (XjReportRenderer      *self,
                                                    double                 height,
                                                    GError               **error);
void              _xj_report_renderer_keep         (XjReportRenderer      *self,
                                                    double                 height,
                                                    XjReportKeepFunc       draw,
                                                    const char            *text,
                                                    const char            *note);
gboolean          _xj_report_renderer_keeping      (XjReportRenderer      *self,
                                                    XjReportKeepFunc       draw);
double            _xj_report_renderer_width        (XjReportRenderer      *self,
                                                    const char            *text,
                                                    const XjReportStyle   *style);
GStrv             _xj_report_renderer_wrap         (XjReportRenderer      *self,
                                                    const char            *text,
                                                    const XjReportStyle   *style,
                                                    double                 width);
double            _xj_report_renderer_leading      (const XjReportStyle   *style);
double            _xj_report_baseline              (double                 line_top,
                                                    const XjReportStyle   *style);
void              _xj_report_renderer_text         (XjReportRenderer      *self,
                                                    double                 x,
                                                    double                 baseline,
                                                    const char            *text,
                                                    const XjReportStyle   *style,
                                                    XjReportAlign          align);
gboolean          _xj_report_renderer_paragraph    (XjReportRenderer      *self,
                                                    double                 x,
                                                    double                 width,
                                                    const char            *text,
                                                    const XjReportStyle   *style,
                                                    GError               **error);
void              _xj_report_renderer_rect         (XjReportRenderer      *self,
                                                    double                 x,
                                                    double                 y,
                                                    double                 width,
                                                    double                 height,
                                                    guint32                fill,
                                                    guint32                stroke);
void              _xj_report_renderer_line         (XjReportRenderer      *self,
                                                    double                 x1,
                                                    double                 y1,
                                                    double                 x2,
                                                    double                 y2,
                                                    double                 width,
                                                    guint32                rgb);
HPDF_Image        _xj_report_renderer_image        (XjReportRenderer      *self,
                                                    const char            *path,
                                                    GError               **error);
void              _xj_report_renderer_draw_image   (XjReportRenderer      *self,
                                                    HPDF_Image             image,
                                                    double                 x,
                                                    double                 y,
                                                    double                 width,
                                                    double                 height);
void              _xj_report_renderer_advance      (XjReportRenderer      *self,
                                                    double                 units);
gboolean          _xj_report_renderer_check        (XjReportRenderer      *self,
                                                    GError               **error);
gboolean          _xj_report_renderer_save         (XjReportRenderer      *self,
                                                    const char            *footer_left,
                                                    const char            *footer_right,
                                                    const char            *path,
                                                    GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjReportRenderer, _xj_report_renderer_free)

/* ---- Tables and blocks (xj-report-table.c) ----------------------------- */

typedef struct {
  const char    *title;
  double         width;               /* fraction of the content width */
  XjReportAlign  align;
} XjReportColumn;

typedef struct _XjReportTable {
  const XjReportColumn *columns;
  guint                 n_columns;
} XjReportTable;

/* Collects every string a table or block can print. */
void              _xj_report_table_collect         (const XjReportTable   *table,
                                                    XjReportCharset       *charset);
gboolean          _xj_report_table_begin           (XjReportRenderer      *self,
                                                    const XjReportTable   *table,
                                                    GError               **error);
gboolean          _xj_report_table_row             (XjReportRenderer      *self,
                                                    const char * const    *cells,
                                                    const XjReportStyle * const *styles,
                                                    guint32                background,
                                                    GError               **error);
gboolean          _xj_report_table_group           (XjReportRenderer      *self,
                                                    const char            *title,
                                                    const char            *note,
                                                    GError               **error);
void              _xj_report_table_end             (XjReportRenderer      *self);
gboolean          _xj_report_heading               (XjReportRenderer      *self,
                                                    const char            *text,
                                                    GError               **error);
gboolean          _xj_report_fields                (XjReportRenderer      *self,
                                                    const char * const    *pairs,
                                                    GError               **error);
gboolean          _xj_report_letterhead            (XjReportRenderer      *self,
                                                    const char            *logo_path,
                                                    const char            *organisation,
                                                    const XjReportStyle   *style,
                                                    GError               **error);
double            _xj_report_photo_row_height      (XjReportRenderer      *self,
                                                    guint                  per_row,
                                                    double                 indent);
gboolean          _xj_report_photo_grid            (XjReportRenderer      *self,
                                                    GPtrArray             *photos,
                                                    guint                  per_row,
                                                    double                 indent,
                                                    GError               **error);
gboolean          _xj_report_signature_boxes       (XjReportRenderer      *self,
                                                    XjReportSignature * const *signatures,
                                                    const char * const    *roles,
                                                    guint                  n,
                                                    GError               **error);
gboolean          _xj_report_finding               (XjReportRenderer      *self,
                                                    guint                  number,
                                                    const char            *section,
                                                    const XjReportAnswer  *answer,
                                                    guint                  per_row,
                                                    GError               **error);
const char       *_xj_report_repeat_label          (void);
void              _xj_report_collect_finding_labels (XjReportCharset      *charset);
void              _xj_report_collect_photos        (XjReportCharset       *charset,
                                                    GPtrArray             *photos);
void              _xj_report_collect_answer        (XjReportCharset       *charset,
                                                    const XjReportAnswer  *answer);
void              _xj_report_collect_signature     (XjReportCharset       *charset,
                                                    const XjReportSignature *signature);
const char       *_xj_report_role_label            (XjReportRole           role);

/* ---- Chart (xj-report-chart.c) ----------------------------------------- */

gboolean          _xj_report_chart_bars            (XjReportRenderer      *self,
                                                    const char            *caption,
                                                    const char * const    *labels,
                                                    const double          *values,
                                                    guint                  n,
                                                    GError               **error);

G_END_DECLS
