/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Photos, logos and handwritten signatures.  Photos are the JPEG renditions
 * made at import: their bytes go into the PDF as they are (DCTDecode), never
 * decoded or re-encoded, and each file becomes one image object however
 * often it is drawn.  Signatures are vector paths, sharp at any zoom.
 */
#define G_LOG_DOMAIN "xj-report"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "xj-report-private.h"

#define PHOTO_GAP      8.0

/* A suspicious photo's flag line, small and in the colour of failures. */
static const XjReportStyle flag_style = { 7.5, FALSE, XJ_REPORT_FAIL };
#define SIGNATURE_GAP  16.0
#define STROKE_HEIGHT  52.0

const char *
_xj_report_role_label (XjReportRole role)
{
  switch (role)
    {
    case XJ_REPORT_ROLE_INSPECTOR:
      return _("Inspector");
    case XJ_REPORT_ROLE_REPRESENTATIVE:
      return _("Property representative");
    case XJ_REPORT_ROLE_RECIPIENT:
      return _("Recipient");
    case XJ_REPORT_ROLE_VERIFIER:
      return _("Verifier");
    case XJ_REPORT_ROLE_ISSUER:
      return _("Issuer");
    default:
      g_return_val_if_reached ("");
    }
}

/* Said in words: the embedded CJK fonts have no warning sign. */
static char *
dup_flag_line (const XjReportPhoto *photo)
{
  /* Translators: under a photo in the report; %s says why, e.g. "Taken
   * 2026-12-03 08:10, 38 hours before the inspection." */
  return g_strdup_printf (_("Suspicious photo: %s"), photo->flag);
}

void
_xj_report_collect_photos (XjReportCharset *charset,
                           GPtrArray       *photos)
{
  for (guint i = 0; i < photos->len; i++)
    {
      XjReportPhoto *photo = g_ptr_array_index (photos, i);

      _xj_report_charset_add (charset, photo->capture_time);
      _xj_report_charset_add (charset, photo->caption);
      if (photo->flag != NULL)
        {
          g_autofree char *flag = dup_flag_line (photo);

          _xj_report_charset_add (charset, flag);
        }
    }
}

/* An answer's texts and its photos' (a finding of a notice too). */
void
_xj_report_collect_answer (XjReportCharset      *charset,
                           const XjReportAnswer *answer)
{
  _xj_report_charset_add (charset, answer->prompt);
  _xj_report_charset_add (charset, answer->answer);
  _xj_report_charset_add (charset, answer->remark);
  _xj_report_collect_photos (charset, answer->photos);
}

void
_xj_report_collect_signature (XjReportCharset         *charset,
                              const XjReportSignature *signature)
{
  _xj_report_charset_add (charset, C_("person", "Name"));
  _xj_report_charset_add (charset, _("Date"));
  _xj_report_charset_add (charset, "（）");
  if (signature == NULL)
    return;
  _xj_report_charset_add (charset, _xj_report_role_label (signature->role));
  _xj_report_charset_add (charset, signature->name);
  _xj_report_charset_add (charset, signature->company);
  _xj_report_charset_add (charset, signature->time);
}

/* The image of path, loaded once per document. */
HPDF_Image
_xj_report_renderer_image (XjReportRenderer  *self,
                           const char        *path,
                           GError           **error)
{
  HPDF_Image image = g_hash_table_lookup (self->images, path);
  guint8 magic[8] = { 0 };
  FILE *file;
  size_t n;

  if (image != NULL)
    return image;
  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return NULL;

  /* Read the magic ourselves: libharu's errors say nothing about the file. */
  file = fopen (path, "rb");
  if (file == NULL)
    {
      int saved_errno = errno;
      g_set_error (error, XJ_REPORT_ERROR, XJ_REPORT_ERROR_IMAGE,
                   _("The image “%s” could not be read: %s"), path, g_strerror (saved_errno));
      return NULL;
    }
  n = fread (magic, 1, sizeof magic, file);
  fclose (file);

  if (n >= 3 && magic[0] == 0xff && magic[1] == 0xd8 && magic[2] == 0xff)
    image = HPDF_LoadJpegImageFromFile (self->doc, path);
  else if (n == 8 && memcmp (magic, "\x89PNG\r\n\x1a\n", 8) == 0)
    image = HPDF_LoadPngImageFromFile (self->doc, path);
  /* libharu's JPEG reader takes any file with the magic; it has no size then. */
  if (image == NULL || HPDF_Image_GetWidth (image) == 0 || HPDF_Image_GetHeight (image) == 0)
    {
      g_set_error (error, XJ_REPORT_ERROR, XJ_REPORT_ERROR_IMAGE,
                   _("The image “%s” is not a JPEG or PNG file that can be printed."), path);
      return NULL;
    }
  g_hash_table_insert (self->images, g_strdup (path), image);
  _xj_report_renderer_advance (self, 1);
  return image;
}

/* Fits image into the box whose top-left corner is (x, y), centred. */
void
_xj_report_renderer_draw_image (XjReportRenderer *self,
                                HPDF_Image        image,
                                double            x,
                                double            y,
                                double            width,
                                double            height)
{
  double image_width = HPDF_Image_GetWidth (image);
  double image_height = HPDF_Image_GetHeight (image);
  double scale = MIN (width / image_width, height / image_height);
  double w = image_width * scale, h = image_height * scale;

  HPDF_Page_DrawImage (self->page, image, x + (width - w) / 2, y - height + (height - h) / 2,
                       w, h);
}

/* Strokes scaled into the box at (x, y) (top-left), smoothed with
 * quadratic curves through the midpoints of successive points. */
static void
_xj_report_renderer_strokes (XjReportRenderer        *self,
                             const XjReportSignature *signature,
                             double                   x,
                             double                   y,
                             double                   width,
                             double                   height)
{
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  double scale, offset_x, offset_y;
  HPDF_Page page = self->page;

#define PX(p) (offset_x + ((p).x - min_x) * scale)
#define PY(p) (offset_y - ((p).y - min_y) * scale)

  for (guint s = 0; s < signature->strokes->len; s++)
    {
      GArray *stroke = g_ptr_array_index (signature->strokes, s);

      for (guint i = 0; i < stroke->len; i++)
        {
          XjReportPoint *p = &g_array_index (stroke, XjReportPoint, i);

          min_x = MIN (min_x, p->x);
          max_x = MAX (max_x, p->x);
          min_y = MIN (min_y, p->y);
          max_y = MAX (max_y, p->y);
        }
    }
  if (min_x > max_x)
    return;

  /* Never enlarge: a short scribble stays a short scribble. */
  scale = MIN (1.0, MIN (width / MAX (max_x - min_x, 1), height / MAX (max_y - min_y, 1)));
  offset_x = x + (width - (max_x - min_x) * scale) / 2;
  offset_y = y - (height - (max_y - min_y) * scale) / 2;

  HPDF_Page_SetRGBStroke (page, 0.05f, 0.1f, 0.3f);
  HPDF_Page_SetLineWidth (page, 1.1);
  HPDF_Page_SetLineCap (page, HPDF_ROUND_END);
  HPDF_Page_SetLineJoin (page, HPDF_ROUND_JOIN);
  for (guint s = 0; s < signature->strokes->len; s++)
    {
      GArray *stroke = g_ptr_array_index (signature->strokes, s);
      XjReportPoint *points = (XjReportPoint *) stroke->data;
      double cx, cy;

      if (stroke->len == 0)
        continue;
      cx = PX (points[0]);
      cy = PY (points[0]);
      HPDF_Page_MoveTo (page, cx, cy);
      for (guint i = 1; i + 1 < stroke->len; i++)
        {
          double px = PX (points[i]), py = PY (points[i]);
          double mx = (px + PX (points[i + 1])) / 2, my = (py + PY (points[i + 1])) / 2;

          HPDF_Page_CurveTo (page, cx + 2 * (px - cx) / 3, cy + 2 * (py - cy) / 3,
                             mx + 2 * (px - mx) / 3, my + 2 * (py - my) / 3, mx, my);
          cx = mx;
          cy = my;
        }
      HPDF_Page_LineTo (page, PX (points[stroke->len - 1]), PY (points[stroke->len - 1]));
      HPDF_Page_Stroke (page);
    }
  HPDF_Page_SetLineCap (page, HPDF_BUTT_END);
  HPDF_Page_SetLineJoin (page, HPDF_MITER_JOIN);
#undef PX
#undef PY
}

static double
caption_height (XjReportRenderer *self,
                XjReportPhoto    *photo,
                double            width)
{
  double leading = _xj_report_renderer_leading (&xj_report_style_small);
  g_auto(GStrv) lines = NULL;
  double height = 4;

  if (photo->capture_time != NULL && *photo->capture_time != '\0')
    height += leading;
  if (photo->caption != NULL && *photo->caption != '\0')
    {
      lines = _xj_report_renderer_wrap (self, photo->caption, &xj_report_style_small, width);
      height += leading * g_strv_length (lines);
    }
  if (photo->flag != NULL)
    {
      g_auto(GStrv) flag_lines = NULL;
      g_autofree char *flag = dup_flag_line (photo);

      flag_lines = _xj_report_renderer_wrap (self, flag, &flag_style, width);
      height += leading * g_strv_length (flag_lines);
    }
  return height;
}

static double
cell_width (XjReportRenderer *self,
            guint             per_row,
            double            indent)
{
  return (self->right - self->left - indent - (per_row - 1) * PHOTO_GAP) / per_row;
}

/* The height of a row of photos with a capture time and a one-line
 * caption, to keep a row of photos with what introduces it. */
double
_xj_report_photo_row_height (XjReportRenderer *self,
                             guint             per_row,
                             double            indent)
{
  return cell_width (self, per_row, indent) * 0.75 + 4
         + 2 * _xj_report_renderer_leading (&xj_report_style_small) + PHOTO_GAP;
}

/* Photos in rows of per_row, indent points from the left margin, each
 * with its capture time, caption and, for a suspicious one, its flag. */
gboolean
_xj_report_photo_grid (XjReportRenderer  *self,
                       GPtrArray         *photos,
                       guint              per_row,
                       double             indent,
                       GError           **error)
{
  double cell = cell_width (self, per_row, indent);
  double box = cell * 0.75;
  const XjReportStyle *small = &xj_report_style_small;
  double leading = _xj_report_renderer_leading (small);

  for (guint first = 0; first < photos->len; first += per_row)
    {
      guint last = MIN (first + per_row, photos->len);
      double captions = 0;

      for (guint i = first; i < last; i++)
        captions = MAX (captions, caption_height (self, g_ptr_array_index (photos, i), cell));
      if (!_xj_report_renderer_ensure (self, box + captions + PHOTO_GAP, error))
        return FALSE;

      for (guint i = first; i < last; i++)
        {
          XjReportPhoto *photo = g_ptr_array_index (photos, i);
          double x = self->left + indent + (i - first) * (cell + PHOTO_GAP);
          double y = self->y - box - 4;
          HPDF_Image image = _xj_report_renderer_image (self, photo->path, error);

          if (image == NULL)
            return FALSE;
          _xj_report_renderer_rect (self, x, self->y, cell, box, XJ_REPORT_ZEBRA,
                                    XJ_REPORT_RULE);
          _xj_report_renderer_draw_image (self, image, x + 1, self->y - 1, cell - 2, box - 2);
          if (photo->capture_time != NULL && *photo->capture_time != '\0')
            {
              _xj_report_renderer_text (self, x, _xj_report_baseline (y, small),
                                        photo->capture_time, small, XJ_REPORT_ALIGN_LEFT);
              y -= leading;
            }
          if (photo->caption != NULL && *photo->caption != '\0')
            {
              g_auto(GStrv) lines = _xj_report_renderer_wrap (self, photo->caption, small, cell);

              for (guint l = 0; lines[l] != NULL; l++, y -= leading)
                _xj_report_renderer_text (self, x, _xj_report_baseline (y, small), lines[l],
                                          small, XJ_REPORT_ALIGN_LEFT);
            }
          if (photo->flag != NULL)
            {
              g_autofree char *flag = dup_flag_line (photo);
              g_auto(GStrv) lines = _xj_report_renderer_wrap (self, flag, &flag_style, cell);

              for (guint l = 0; lines[l] != NULL; l++, y -= leading)
                _xj_report_renderer_text (self, x, _xj_report_baseline (y, &flag_style), lines[l],
                                          &flag_style, XJ_REPORT_ALIGN_LEFT);
            }
        }
      self->y -= box + captions + PHOTO_GAP;
    }
  return _xj_report_renderer_check (self, error);
}

/* Signature boxes two a row: role, the handwriting (or an empty line to
 * sign on paper), name with company, and date. */
gboolean
_xj_report_signature_boxes (XjReportRenderer          *self,
                            XjReportSignature * const *signatures,
                            const char * const        *roles,
                            guint                      n,
                            GError                   **error)
{
  double width = (self->right - self->left - SIGNATURE_GAP) / 2;
  double leading = _xj_report_renderer_leading (&xj_report_style_body);
  double height = leading * 4 + STROKE_HEIGHT + 8;

  for (guint i = 0; i < n; i++)
    {
      const XjReportSignature *signature = signatures[i];
      double x = self->left + (i % 2) * (width + SIGNATURE_GAP), y;
      g_autofree char *name = NULL;

      if (i % 2 == 0 && !_xj_report_renderer_ensure (self, height, error))
        return FALSE;
      y = self->y;
      _xj_report_renderer_text (self, x, _xj_report_baseline (y, &xj_report_style_bold),
                                roles[i], &xj_report_style_bold, XJ_REPORT_ALIGN_LEFT);
      y -= leading;
      if (signature != NULL)
        _xj_report_renderer_strokes (self, signature, x + 4, y - 2, width - 8,
                                     STROKE_HEIGHT - 4);
      y -= STROKE_HEIGHT;
      _xj_report_renderer_line (self, x, y, x + width, y, 0.6, XJ_REPORT_MUTED);
      y -= 3;

      if (signature != NULL && signature->company != NULL && *signature->company != '\0')
        name = g_strdup_printf ("%s（%s）", signature->name, signature->company);
      else if (signature != NULL)
        name = g_strdup (signature->name);
      _xj_report_renderer_text (self, x, _xj_report_baseline (y, &xj_report_style_small),
                                C_("person", "Name"), &xj_report_style_small, XJ_REPORT_ALIGN_LEFT);
      if (name != NULL)
        _xj_report_renderer_text (self, x + 60, _xj_report_baseline (y, &xj_report_style_body),
                                  name, &xj_report_style_body, XJ_REPORT_ALIGN_LEFT);
      y -= leading;
      _xj_report_renderer_text (self, x, _xj_report_baseline (y, &xj_report_style_small),
                                _("Date"), &xj_report_style_small, XJ_REPORT_ALIGN_LEFT);
      if (signature != NULL && signature->time != NULL)
        _xj_report_renderer_text (self, x + 60, _xj_report_baseline (y, &xj_report_style_body),
                                  signature->time, &xj_report_style_body, XJ_REPORT_ALIGN_LEFT);
      if (i % 2 == 1 || i + 1 == n)
        self->y -= height;
    }
  return _xj_report_renderer_check (self, error);
}
