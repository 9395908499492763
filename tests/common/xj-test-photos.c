/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Photos made on the spot for the tests and the benchmark: JPEGs encoded
 * with turbojpeg (CMYK ones with libjpeg), HEIC with libheif, EXIF blocks
 * built with libexif and spliced in as APP1.  Nothing binary is committed.
 */
#include "config.h"

#include <libexif/exif-data.h>
#include <libheif/heif.h>
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <string.h>
#include <turbojpeg.h>
#include <jpeglib.h>

#include "xj-test-photos.h"

/* Noise as a phone's image processor leaves it: mostly in brightness
 * (about ±8 levels), little in colour (±2). */
static void
fill_photo (guint8  *pixels,
            int      width,
            int      height,
            guint32  seed)
{
  guint32 state = seed * 2654435761u + 1;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + ((gsize) y * width + x) * 3;
        int luma, chroma;
        gboolean disc;

        state = state * 1664525u + 1013904223u;
        luma = (int) (state >> 28) - 8;
        chroma = (int) ((state >> 20) & 3) - 2;
        /* A sky-to-ground gradient, a sun and stripes like a building. */
        disc = (x - width / 3) * (x - width / 3) + (y - height / 3) * (y - height / 3)
               < (height / 6) * (height / 6);
        p[0] = CLAMP ((disc ? 250 : 40 + 180 * y / height) + luma + chroma, 0, 255);
        p[1] = CLAMP ((disc ? 220 : 90 + 100 * x / width) + luma, 0, 255);
        p[2] = CLAMP ((((x / 37) % 2) ? 60 : 200 - 150 * y / height) + luma - chroma
                      + (int) (seed % 7), 0, 255);
      }
}

static void
fill_quadrants_row (guint8 *row,
                    int     width,
                    int     y,
                    int     height)
{
  static const guint8 colours[4][3] = {
    { 255, 0, 0 }, { 0, 255, 0 }, { 0, 0, 255 }, { 255, 255, 255 },
  };

  for (int x = 0; x < width; x++)
    memcpy (row + (gsize) x * 3, colours[(y >= height / 2) * 2 + (x >= width / 2)], 3);
}

static void
fill_quadrants (guint8 *pixels,
                int     width,
                int     height)
{
  for (int y = 0; y < height; y++)
    fill_quadrants_row (pixels + (gsize) y * width * 3, width, y, height);
}

GBytes *
xj_test_make_jpeg (int      width,
                   int      height,
                   int      quality,
                   guint32  seed,
                   gboolean quadrants)
{
  g_autofree guint8 *pixels = g_malloc ((gsize) width * height * 3);
  tjhandle handle = tjInitCompress ();
  unsigned char *jpeg = NULL;
  unsigned long size = 0;
  GBytes *bytes;

  if (quadrants)
    fill_quadrants (pixels, width, height);
  else
    fill_photo (pixels, width, height, seed);
  g_assert_cmpint (tjCompress2 (handle, pixels, width, 0, height, TJPF_RGB, &jpeg, &size,
                                TJSAMP_420, quality, 0), ==, 0);
  bytes = g_bytes_new (jpeg, size);
  tjFree (jpeg);
  tjDestroy (handle);
  return bytes;
}

GBytes *
xj_test_make_png (int width,
                  int height)
{
  g_autofree guint8 *pixels = g_malloc ((gsize) width * height * 3);
  png_image png = { 0 };
  png_alloc_size_t size = 0;
  guint8 *buffer;

  fill_quadrants (pixels, width, height);
  png.version = PNG_IMAGE_VERSION;
  png.width = width;
  png.height = height;
  png.format = PNG_FORMAT_RGB;
  g_assert_true (png_image_write_to_memory (&png, NULL, &size, 0, pixels, 0, NULL));
  buffer = g_malloc (size);
  g_assert_true (png_image_write_to_memory (&png, buffer, &size, 0, pixels, 0, NULL));
  return g_bytes_new_take (buffer, size);
}

static ExifEntry *
add_entry (ExifData   *data,
           ExifIfd     ifd,
           ExifTag     tag,
           ExifFormat  format,
           gsize       components)
{
  ExifEntry *entry = exif_entry_new ();

  entry->tag = tag;
  entry->format = format;
  entry->components = components;
  entry->size = exif_format_get_size (format) * components;
  entry->data = g_malloc0 (entry->size);
  exif_content_add_entry (data->ifd[ifd], entry);
  exif_entry_unref (entry);
  return entry;
}

static void
add_ascii (ExifData   *data,
           ExifIfd     ifd,
           ExifTag     tag,
           const char *text)
{
  ExifEntry *entry = add_entry (data, ifd, tag, EXIF_FORMAT_ASCII, strlen (text) + 1);

  memcpy (entry->data, text, strlen (text) + 1);
}

static void
add_coordinate (ExifData *data,
                ExifTag   tag,
                ExifTag   ref_tag,
                double    value,
                const char *positive,
                const char *negative)
{
  ExifEntry *entry = add_entry (data, EXIF_IFD_GPS, tag, EXIF_FORMAT_RATIONAL, 3);
  double degrees = fabs (value);
  ExifRational parts[3] = {
    { (ExifLong) degrees, 1 },
    { (ExifLong) ((degrees - (int) degrees) * 60), 1 },
    { (ExifLong) (fmod (degrees * 3600, 60) * 1000 + 0.5), 1000 },
  };

  for (int i = 0; i < 3; i++)
    exif_set_rational (entry->data + 8 * i, EXIF_BYTE_ORDER_INTEL, parts[i]);
  add_ascii (data, EXIF_IFD_GPS, ref_tag, value < 0 ? negative : positive);
}

/* The EXIF block of @exif as libexif saves it: "Exif\0\0" and the TIFF
 * structure; free() it. */
static unsigned char *
make_exif_block (const XjTestExif *exif,
                 unsigned int     *block_size)
{
  ExifData *data = exif_data_new ();
  unsigned char *block = NULL;

  exif_data_set_option (data, EXIF_DATA_OPTION_IGNORE_UNKNOWN_TAGS);
  exif_data_unset_option (data, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  exif_data_set_byte_order (data, EXIF_BYTE_ORDER_INTEL);
  if (exif->orientation != 0)
    {
      ExifEntry *e = add_entry (data, EXIF_IFD_0, EXIF_TAG_ORIENTATION, EXIF_FORMAT_SHORT, 1);

      exif_set_short (e->data, EXIF_BYTE_ORDER_INTEL, exif->orientation);
    }
  if (exif->make != NULL)
    add_ascii (data, EXIF_IFD_0, EXIF_TAG_MAKE, exif->make);
  if (exif->model != NULL)
    add_ascii (data, EXIF_IFD_0, EXIF_TAG_MODEL, exif->model);
  if (exif->taken != NULL)
    add_ascii (data, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL, exif->taken);
  if (exif->offset != NULL)
    add_ascii (data, EXIF_IFD_EXIF, EXIF_TAG_OFFSET_TIME_ORIGINAL, exif->offset);
  if (exif->has_gps)
    {
      add_coordinate (data, EXIF_TAG_GPS_LATITUDE, EXIF_TAG_GPS_LATITUDE_REF, exif->lat, "N", "S");
      add_coordinate (data, EXIF_TAG_GPS_LONGITUDE, EXIF_TAG_GPS_LONGITUDE_REF, exif->lon, "E", "W");
    }
  exif_data_save_data (data, &block, block_size);
  g_assert_nonnull (block);
  exif_data_unref (data);
  return block;
}

GBytes *
xj_test_add_exif (GBytes           *jpeg,
                  const XjTestExif *exif)
{
  unsigned int block_size = 0;
  unsigned char *block = make_exif_block (exif, &block_size);
  gsize jpeg_size = 0;
  const guint8 *jpeg_data = g_bytes_get_data (jpeg, &jpeg_size);
  GByteArray *out = g_byte_array_new ();
  guint8 marker[4];

  g_assert_cmpuint (block_size + 2, <, 65536);

  /* SOI, then APP1 carrying the EXIF block, then the rest of the file. */
  g_byte_array_append (out, jpeg_data, 2);
  marker[0] = 0xff;
  marker[1] = 0xe1;
  marker[2] = (block_size + 2) >> 8;
  marker[3] = (block_size + 2) & 0xff;
  g_byte_array_append (out, marker, 4);
  g_byte_array_append (out, block, block_size);
  g_byte_array_append (out, jpeg_data + 2, jpeg_size - 2);
  free (block);
  return g_byte_array_free_to_bytes (out);
}

GBytes *
xj_test_make_cmyk_jpeg (int      width,
                        int      height,
                        gboolean ycck)
{
  /* Red, green, blue, white in ink, stored inverted (255 = no ink). */
  static const guint8 inks[4][4] = {
    { 255, 0, 0, 255 }, { 0, 255, 0, 255 }, { 0, 0, 255, 255 }, { 255, 255, 255, 255 },
  };
  struct jpeg_compress_struct cinfo;
  struct jpeg_error_mgr jerr;
  unsigned char *buffer = NULL;
  unsigned long size = 0;
  g_autofree guint8 *row = g_malloc ((gsize) width * 4);
  GBytes *bytes;

  cinfo.err = jpeg_std_error (&jerr);
  jpeg_create_compress (&cinfo);
  jpeg_mem_dest (&cinfo, &buffer, &size);
  cinfo.image_width = width;
  cinfo.image_height = height;
  cinfo.input_components = 4;
  cinfo.in_color_space = JCS_CMYK;
  jpeg_set_defaults (&cinfo);
  jpeg_set_colorspace (&cinfo, ycck ? JCS_YCCK : JCS_CMYK);   /* writes the Adobe marker */
  jpeg_set_quality (&cinfo, 95, TRUE);
  jpeg_start_compress (&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height)
    {
      int y = cinfo.next_scanline;

      for (int x = 0; x < width; x++)
        memcpy (row + x * 4, inks[(y >= height / 2) * 2 + (x >= width / 2)], 4);
      jpeg_write_scanlines (&cinfo, (JSAMPROW *) &row, 1);
    }
  jpeg_finish_compress (&cinfo);
  jpeg_destroy_compress (&cinfo);
  bytes = g_bytes_new (buffer, size);
  free (buffer);
  return bytes;
}

static struct heif_error
append_bytes (struct heif_context *context,
              const void          *data,
              size_t               size,
              void                *user_data)
{
  struct heif_error ok = { heif_error_Ok, heif_suberror_Unspecified, "" };

  g_byte_array_append (user_data, data, size);
  return ok;
}

#define HEIF_OK(call) g_assert_cmpint ((call).code, ==, heif_error_Ok)

GBytes *
xj_test_make_heic (int               width,
                   int               height,
                   int               orientation,
                   const XjTestExif *exif)
{
  struct heif_context *context = NULL;
  struct heif_encoder *encoder = NULL;
  struct heif_image *image = NULL;
  struct heif_image_handle *handle = NULL;
  struct heif_encoding_options *options = heif_encoding_options_alloc ();
  struct heif_writer writer = { 1, append_bytes };
  GByteArray *out = g_byte_array_new ();
  guint8 *plane;
  int stride = 0;

  /* As the program does (src/core/photos/xj-image-heif.c): initialised, never
   * deinitialised. */
  HEIF_OK (heif_init (NULL));
  context = heif_context_alloc ();
  HEIF_OK (heif_context_get_encoder_for_format (context, heif_compression_HEVC, &encoder));
  HEIF_OK (heif_encoder_set_lossy_quality (encoder, 90));
  HEIF_OK (heif_image_create (width, height, heif_colorspace_RGB, heif_chroma_interleaved_RGB,
                              &image));
  HEIF_OK (heif_image_add_plane (image, heif_channel_interleaved, width, height, 8));
  plane = heif_image_get_plane (image, heif_channel_interleaved, &stride);
  for (int y = 0; y < height; y++)
    fill_quadrants_row (plane + (gsize) y * stride, width, y, height);
  options->image_orientation = (enum heif_orientation) orientation;
  HEIF_OK (heif_context_encode_image (context, image, encoder, options, &handle));
  if (exif != NULL)
    {
      unsigned int block_size = 0;
      unsigned char *block = make_exif_block (exif, &block_size);

      HEIF_OK (heif_context_add_exif_metadata (context, handle, block, block_size));
      free (block);
    }
  HEIF_OK (heif_context_write (context, &writer, out));
  heif_image_handle_release (handle);
  heif_image_release (image);
  heif_encoder_release (encoder);
  heif_encoding_options_free (options);
  heif_context_free (context);
  return g_byte_array_free_to_bytes (out);
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  if (dir == NULL)
    return g_file_test (path, G_FILE_TEST_IS_REGULAR) ? 1 : 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      n += count_files (child);
    }
  return n;
}

guint
xj_test_count_stored_files (const char *data_dir)
{
  const char *areas[] = { "photos", "renditions", "thumbnails" };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    {
      g_autofree char *area = g_build_filename (data_dir, areas[i], NULL);

      n += count_files (area);
    }
  return n;
}

void
xj_test_write_bytes (const char *path,
                     GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

guint8 *
xj_test_decode_jpeg (const char *path,
                     int        *width,
                     int        *height)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  tjhandle handle = tjInitDecompress ();
  int subsampling, colorspace;
  guint8 *pixels;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpint (tjDecompressHeader3 (handle, (guint8 *) data, length, width, height,
                                        &subsampling, &colorspace), ==, 0);
  pixels = g_malloc ((gsize) *width * *height * 3);
  g_assert_cmpint (tjDecompress2 (handle, (guint8 *) data, length, pixels, *width, 0, *height,
                                  TJPF_RGB, 0), ==, 0);
  tjDestroy (handle);
  return pixels;
}
