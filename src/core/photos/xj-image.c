/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pixel buffers: an area-averaging downscaler and the eight EXIF
 * orientations.  Kept free of cairo so that the core links GLib only.
 */
#define G_LOG_DOMAIN "xj-photo"

#include "config.h"

#include <math.h>
#include <string.h>

#include "xj-image.h"

/* Pixel buffers of photos are megabytes: malloc serves them with fresh
 * mappings that the kernel must fault in and zero page by page, about a
 * sixth of an import's time.  A few freed buffers are kept for the next
 * image instead (at most CACHE_SLOTS, so at most ~40 MB for 12 MP photos). */
#define CACHE_SLOTS 3
#define CACHE_MIN_BYTES (1 << 20)

typedef struct
{
  guint8 *pixels;
  gsize   capacity;
} CachedBuffer;

static GMutex cache_lock;
static CachedBuffer cache[CACHE_SLOTS];

static guint8 *
take_buffer (gsize   size,
             gsize  *capacity)
{
  guint8 *pixels = NULL;

  if (size >= CACHE_MIN_BYTES)
    {
      g_mutex_lock (&cache_lock);
      for (guint i = 0; i < CACHE_SLOTS && pixels == NULL; i++)
        if (cache[i].pixels != NULL && cache[i].capacity >= size)
          {
            pixels = cache[i].pixels;
            *capacity = cache[i].capacity;
            cache[i].pixels = NULL;
          }
      g_mutex_unlock (&cache_lock);
    }
  if (pixels == NULL)
    {
      pixels = g_malloc (size);
      *capacity = size;
    }
  return pixels;
}

static void
give_back_buffer (guint8 *pixels,
                  gsize   capacity)
{
  if (capacity >= CACHE_MIN_BYTES)
    {
      g_mutex_lock (&cache_lock);
      for (guint i = 0; i < CACHE_SLOTS && pixels != NULL; i++)
        if (cache[i].pixels == NULL)
          {
            cache[i].pixels = pixels;
            cache[i].capacity = capacity;
            pixels = NULL;
          }
      g_mutex_unlock (&cache_lock);
    }
  g_free (pixels);
}

XjImage *
xj_image_new (int width,
              int height)
{
  XjImage *image;

  g_return_val_if_fail (width > 0 && height > 0, NULL);

  image = g_new0 (XjImage, 1);
  image->width = width;
  image->height = height;
  image->pixels = take_buffer ((gsize) width * height * 3, &image->capacity);
  return image;
}

void
xj_image_free (XjImage *image)
{
  if (image == NULL)
    return;
  give_back_buffer (image->pixels, image->capacity);
  g_free (image);
}

/* --- area-averaging downscale ------------------------------------------- */

/* Which source pixels cover each destination pixel, and how much of each:
 * every destination pixel gets the same number of taps (zero weights pad
 * the short ones) so that the inner loop has a fixed length.  Weights are
 * in 1/65536 and sum to exactly 65536, so a flat area stays exactly flat. */
typedef struct
{
  int      taps;
  int     *first;     /* per destination pixel; first + taps <= source */
  guint32 *weights;   /* taps per destination pixel */
} Spans;

static void
make_spans (Spans *spans,
            int    source,
            int    dest)
{
  double ratio = (double) source / dest;

  /* The widest span: a pixel of a ratio-wide window, plus one when the
   * window starts inside a pixel and crosses into an extra one. */
  spans->taps = 1;
  for (int d = 0; d < dest; d++)
    {
      int first = (int) (d * ratio);
      int last = MIN ((int) ceil (MIN ((d + 1) * ratio, source)) - 1, source - 1);

      spans->taps = MAX (spans->taps, last - first + 1);
    }
  spans->first = g_new (int, dest);
  spans->weights = g_new0 (guint32, (gsize) dest * spans->taps);
  for (int d = 0; d < dest; d++)
    {
      double start = d * ratio;
      double end = MIN ((d + 1) * ratio, source);
      int first = MIN ((int) start, source - spans->taps);
      int last = MIN ((int) ceil (end) - 1, source - 1);
      guint32 *weights = spans->weights + (gsize) d * spans->taps;
      guint32 previous = 0;

      spans->first[d] = first;
      /* Cumulative rounding: no weight goes negative, the sum is exact. */
      for (int s = MAX ((int) start, first); s <= last; s++)
        {
          double covered = MIN (end, s + 1.0) - start;
          guint32 boundary = s == last ? 65536 : (guint32) (covered / ratio * 65536.0 + 0.5);

          boundary = CLAMP (boundary, previous, 65536);
          weights[s - first] = boundary - previous;
          previous = boundary;
        }
    }
}

static void
clear_spans (Spans *spans)
{
  g_clear_pointer (&spans->first, g_free);
  g_clear_pointer (&spans->weights, g_free);
}

/* Kept apart, with restrict, so that the compiler vectorises them (this
 * file is built with -ftree-vectorize, see meson.build). */
static void
accumulate_row (guint32       *restrict accumulator,
                const guint8  *restrict source,
                guint32                 weight,
                gsize                   length)
{
  for (gsize i = 0; i < length; i++)
    accumulator[i] += weight * source[i];
}

static void
narrow_row (guint16        *restrict out,
            const guint32  *restrict accumulator,
            gsize                    length)
{
  for (gsize i = 0; i < length; i++)
    out[i] = (accumulator[i] + 128) >> 8;
}

/* Inlined with @taps a constant for the common ratios, so the tap loop
 * unrolls. */
static G_ALWAYS_INLINE inline void
horizontal_pass (guint8          *restrict out,
                 const guint16   *restrict row,
                 const Spans     *columns,
                 int              dest_w,
                 int              taps)
{
  for (int dx = 0; dx < dest_w; dx++, out += 3)
    {
      const guint16 *p = row + columns->first[dx] * 3;
      const guint32 *w = columns->weights + (gsize) dx * taps;
      guint32 sum_r = 1 << 23, sum_g = 1 << 23, sum_b = 1 << 23;

      for (int t = 0; t < taps; t++)
        {
          sum_r += w[t] * p[t * 3];
          sum_g += w[t] * p[t * 3 + 1];
          sum_b += w[t] * p[t * 3 + 2];
        }
      out[0] = MIN (255u, sum_r >> 24);
      out[1] = MIN (255u, sum_g >> 24);
      out[2] = MIN (255u, sum_b >> 24);
    }
}

/**
 * xj_image_scale_to_fit:
 *
 * Returns: (transfer full): a copy whose long side is at most
 * @max_long_side, each pixel the exact area average of what it covers.
 */
XjImage *
xj_image_scale_to_fit (const XjImage *image,
                       int            max_long_side)
{
  int long_side = MAX (image->width, image->height);
  gsize row_length = (gsize) image->width * 3;
  int dest_w, dest_h;
  Spans columns, rows;
  g_autofree guint16 *vertical = NULL;
  g_autofree guint32 *accumulator = NULL;
  XjImage *result;

  g_return_val_if_fail (max_long_side > 0, NULL);

  if (long_side <= max_long_side)
    {
      result = xj_image_new (image->width, image->height);
      memcpy (result->pixels, image->pixels, row_length * image->height);
      return result;
    }
  dest_w = MAX (1, (int) ((gint64) image->width * max_long_side / long_side));
  dest_h = MAX (1, (int) ((gint64) image->height * max_long_side / long_side));
  result = xj_image_new (dest_w, dest_h);
  make_spans (&columns, image->width, dest_w);
  make_spans (&rows, image->height, dest_h);

  /* Vertical pass first: each destination row is the weighted sum of the
   * few source rows it covers, whole rows at a time; then one horizontal
   * pass per destination row.  Intermediate values keep 8 extra bits. */
  vertical = g_new (guint16, row_length);
  accumulator = g_new (guint32, row_length);
  for (int dy = 0; dy < dest_h; dy++)
    {
      guint8 *out = result->pixels + (gsize) dy * dest_w * 3;

      memset (accumulator, 0, sizeof (guint32) * row_length);
      for (int r = 0; r < rows.taps; r++)
        {
          guint32 weight = rows.weights[(gsize) dy * rows.taps + r];

          if (weight != 0)
            accumulate_row (accumulator, image->pixels + (gsize) (rows.first[dy] + r) * row_length,
                            weight, row_length);
        }
      narrow_row (vertical, accumulator, row_length);

      switch (columns.taps)
        {
        case 2: horizontal_pass (out, vertical, &columns, dest_w, 2); break;
        case 3: horizontal_pass (out, vertical, &columns, dest_w, 3); break;
        default: horizontal_pass (out, vertical, &columns, dest_w, columns.taps); break;
        }
    }

  clear_spans (&columns);
  clear_spans (&rows);
  return result;
}

/* --- orientation -------------------------------------------------------- */

#define TILE 32

/**
 * xj_image_apply_orientation:
 * @orientation: the EXIF value 1–8 (how the stored pixels must be turned
 *   to be seen upright)
 *
 * Returns: (transfer full): the upright image; width and height are
 * swapped for 5–8.
 */
XjImage *
xj_image_apply_orientation (const XjImage *image,
                            int            orientation)
{
  gboolean swap = orientation >= 5 && orientation <= 8;
  gssize w = image->width, h = image->height;
  XjImage *result = swap ? xj_image_new (h, w) : xj_image_new (w, h);
  gssize first, step_x, step_y;   /* source offsets, in pixels */

  /* The source pixel of output (x, y) is first + x·step_x + y·step_y. */
  switch (orientation)
    {
    case 2: first = w - 1; step_x = -1; step_y = w; break;                  /* mirror */
    case 3: first = (h - 1) * w + w - 1; step_x = -1; step_y = -w; break;   /* 180° */
    case 4: first = (h - 1) * w; step_x = 1; step_y = -w; break;            /* flip */
    case 5: first = 0; step_x = w; step_y = 1; break;                       /* transpose */
    case 6: first = (h - 1) * w; step_x = -w; step_y = 1; break;            /* 90° clockwise */
    case 7: first = (h - 1) * w + w - 1; step_x = -w; step_y = -1; break;   /* transverse */
    case 8: first = w - 1; step_x = w; step_y = -1; break;                  /* 90° anticlockwise */
    default:
      memcpy (result->pixels, image->pixels, (gsize) w * h * 3);
      return result;
    }

  /* In tiles, so that reading down source columns stays within the cache. */
  for (int tile_y = 0; tile_y < result->height; tile_y += TILE)
    for (int tile_x = 0; tile_x < result->width; tile_x += TILE)
      for (int oy = tile_y; oy < MIN (tile_y + TILE, result->height); oy++)
        {
          int end_x = MIN (tile_x + TILE, result->width);
          guint8 *out = result->pixels + ((gsize) oy * result->width + tile_x) * 3;
          gssize offset = first + oy * step_y + tile_x * step_x;

          for (int ox = tile_x; ox < end_x; ox++, out += 3, offset += step_x)
            {
              const guint8 *in = image->pixels + offset * 3;

              out[0] = in[0];
              out[1] = in[1];
              out[2] = in[2];
            }
        }
  return result;
}
