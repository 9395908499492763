/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Importing photos: storage by hash and deduplication, rendition geometry
 * for all eight EXIF orientations, EXIF time / GPS / camera, photos as
 * phones and editors save them (HEIC, Adobe's inverted CMYK), and the
 * catalogue of bad files and unsupported formats, each refused by name
 * with what to do and nothing stored.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "xj-photo-store.h"
#include "xj-test-photos.h"
#include "xj-test-utils.h"

typedef struct
{
  char    *dir;       /* data folder */
  char    *camera;    /* where the "camera" files are */
  XjStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = xj_test_make_data_dir ();
  f->camera = xj_test_make_data_dir ();
  f->store = xj_store_open (f->dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  xj_test_remove_tree (f->dir);
  xj_test_remove_tree (f->camera);
  g_free (f->dir);
  g_free (f->camera);
}

static char *
camera_file (Fixture    *f,
             const char *name,
             GBytes     *bytes)
{
  char *path = g_build_filename (f->camera, name, NULL);

  if (bytes != NULL)
    xj_test_write_bytes (path, bytes);
  return path;
}

static gint64
count_rows (Fixture    *f,
           const char *sql)
{
  return xj_test_query_int (xj_store_get_db (f->store), sql);
}

static guint
count_stored_files (Fixture *f)
{
  return xj_test_count_stored_files (f->dir);
}

static XjPhotoInfo *
import_ok (Fixture    *f,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  XjPhotoInfo *info = xj_store_import_photo (f->store, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (info);
  return info;
}

/* --- storing ------------------------------------------------------------- */

static void
test_import_dedup (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) jpeg = xj_test_make_jpeg (640, 480, 90, 7, FALSE);
  g_autofree char *first_path = camera_file (f, "IMG_0001.JPG", jpeg);
  g_autofree char *second_path = camera_file (f, "copy of IMG_0001.jpg", jpeg);
  g_autofree char *expected_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, jpeg);
  g_autoptr(XjPhotoInfo) first = import_ok (f, first_path);
  g_autoptr(XjPhotoInfo) second = NULL;
  g_autofree char *original = NULL;
  g_autoptr(GBytes) stored = NULL;

  g_assert_cmpstr (first->sha256, ==, expected_sha);
  g_assert_cmpstr (first->mime, ==, "image/jpeg");
  g_assert_cmpint (first->bytes, ==, g_bytes_get_size (jpeg));
  g_assert_cmpint (first->width, ==, 640);
  g_assert_cmpint (first->height, ==, 480);
  g_assert_cmpstr (first->original_name, ==, "IMG_0001.JPG");
  g_assert_cmpuint (g_strv_length (first->created_files), ==, 3);

  /* Byte for byte, under photos/<2 hex>/<sha256>.jpg. */
  original = xj_photo_dup_original_path (f->dir, first->sha256, first->mime);
  {
    g_autofree char *prefix = g_strndup (expected_sha, 2);
    g_autofree char *name = g_strconcat (expected_sha, ".jpg", NULL);
    g_autofree char *expected_path = g_build_filename (f->dir, "photos", prefix, name, NULL);

    g_assert_cmpstr (original, ==, expected_path);
  }
  stored = xj_test_read_bytes (original);
  g_assert_true (g_bytes_equal (stored, jpeg));

  second = import_ok (f, second_path);
  g_assert_cmpstr (second->sha256, ==, first->sha256);
  g_assert_cmpuint (g_strv_length (second->created_files), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM photos"), ==, 1);
  g_assert_cmpuint (count_stored_files (f), ==, 3);
}

static void
test_import_sizes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) big = xj_test_make_jpeg (4000, 3000, 92, 1, FALSE);
  g_autoptr(GBytes) small = xj_test_make_jpeg (800, 600, 90, 2, FALSE);
  g_autoptr(GBytes) png = xj_test_make_png (300, 200);
  g_autofree char *big_path = camera_file (f, "big.jpg", big);
  g_autofree char *small_path = camera_file (f, "small.jpg", small);
  g_autofree char *png_path = camera_file (f, "screen.png", png);
  g_autoptr(XjPhotoInfo) big_info = import_ok (f, big_path);
  g_autoptr(XjPhotoInfo) small_info = import_ok (f, small_path);
  g_autoptr(XjPhotoInfo) png_info = import_ok (f, png_path);
  struct { XjPhotoInfo *info; int rendition_w, rendition_h, thumb_w, thumb_h; } cases[] = {
    { big_info, 1600, 1200, 256, 192 },
    { small_info, 800, 600, 256, 192 },
    { png_info, 300, 200, 256, 170 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *rendition = xj_photo_dup_rendition_path (f->dir, cases[i].info->sha256);
      g_autofree char *thumbnail = xj_photo_dup_thumbnail_path (f->dir, cases[i].info->sha256);
      g_autofree guint8 *pixels = NULL;
      g_autofree guint8 *thumb_pixels = NULL;
      int w, h;

      pixels = xj_test_decode_jpeg (rendition, &w, &h);
      g_assert_cmpint (w, ==, cases[i].rendition_w);
      g_assert_cmpint (h, ==, cases[i].rendition_h);
      thumb_pixels = xj_test_decode_jpeg (thumbnail, &w, &h);
      g_assert_cmpint (w, ==, cases[i].thumb_w);
      g_assert_cmpint (h, ==, cases[i].thumb_h);
    }
  g_assert_cmpstr (png_info->mime, ==, "image/png");
  {
    g_autofree char *png_original = xj_photo_dup_original_path (f->dir, png_info->sha256, "image/png");

    g_assert_true (g_str_has_suffix (png_original, ".png"));
    g_assert_true (g_file_test (png_original, G_FILE_TEST_IS_REGULAR));
  }
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM photos"), ==, 3);
}

/* --- orientation --------------------------------------------------------- */

typedef enum { RED, GREEN, BLUE, WHITE } Colour;

static Colour
classify (const guint8 *p)
{
  gboolean r = p[0] > 180, g = p[1] > 180, b = p[2] > 180;

  if (r && g && b)
    return WHITE;
  if (r && !g && !b)
    return RED;
  if (!r && g && !b)
    return GREEN;
  g_assert_true (!r && !g && b);
  return BLUE;
}

/* The stored picture has red, green, blue and white quadrants (top-left,
 * top-right, bottom-left, bottom-right); after turning it upright by the
 * EXIF value, the quadrants must be where a viewer shows them. */
static void
test_orientation (Fixture       *f,
                  gconstpointer  data)
{
  static const Colour expected[9][4] = {
    [1] = { RED, GREEN, BLUE, WHITE },
    [2] = { GREEN, RED, WHITE, BLUE },    /* mirrored */
    [3] = { WHITE, BLUE, GREEN, RED },    /* turned 180° */
    [4] = { BLUE, WHITE, RED, GREEN },    /* flipped */
    [5] = { RED, BLUE, GREEN, WHITE },    /* transposed */
    [6] = { BLUE, RED, WHITE, GREEN },    /* 90° clockwise */
    [7] = { WHITE, GREEN, BLUE, RED },    /* transversed */
    [8] = { GREEN, WHITE, RED, BLUE },    /* 90° anticlockwise */
  };
  int orientation = GPOINTER_TO_INT (data);
  XjTestExif exif = { .orientation = orientation };
  /* 2000 × 1000: decoded at 7/8 scale, then area-averaged to 1600 × 800. */
  g_autoptr(GBytes) plain = xj_test_make_jpeg (2000, 1000, 95, 0, TRUE);
  g_autoptr(GBytes) jpeg = xj_test_add_exif (plain, &exif);
  g_autofree char *name = g_strdup_printf ("orientation-%d.jpg", orientation);
  g_autofree char *path = camera_file (f, name, jpeg);
  g_autoptr(XjPhotoInfo) info = import_ok (f, path);
  const char *files[2] = { NULL, NULL };
  g_autofree char *rendition = xj_photo_dup_rendition_path (f->dir, info->sha256);
  g_autofree char *thumbnail = xj_photo_dup_thumbnail_path (f->dir, info->sha256);
  gboolean swapped = orientation >= 5;

  g_assert_cmpint (info->orientation, ==, orientation);
  g_assert_cmpint (info->width, ==, 2000);    /* the stored pixels, not turned */
  g_assert_cmpint (info->height, ==, 1000);
  files[0] = rendition;
  files[1] = thumbnail;
  for (guint i = 0; i < 2; i++)
    {
      int long_side = i == 0 ? 1600 : 256;
      int w, h;
      g_autofree guint8 *pixels = xj_test_decode_jpeg (files[i], &w, &h);
      int points[4][2] = { { w / 4, h / 4 }, { 3 * w / 4, h / 4 },
                           { w / 4, 3 * h / 4 }, { 3 * w / 4, 3 * h / 4 } };

      g_assert_cmpint (w, ==, swapped ? long_side / 2 : long_side);
      g_assert_cmpint (h, ==, swapped ? long_side : long_side / 2);
      for (guint q = 0; q < 4; q++)
        g_assert_cmpint (classify (pixels + ((gsize) points[q][1] * w + points[q][0]) * 3), ==,
                         expected[orientation][q]);
    }
}

/* --- EXIF ---------------------------------------------------------------- */

static XjPhotoInfo *
import_with_exif (Fixture          *f,
                  const char       *name,
                  const XjTestExif *exif)
{
  g_autoptr(GBytes) plain = xj_test_make_jpeg (320, 240, 90, g_str_hash (name), FALSE);
  g_autoptr(GBytes) jpeg = xj_test_add_exif (plain, exif);
  g_autofree char *path = camera_file (f, name, jpeg);

  return import_ok (f, path);
}

static void
test_exif (Fixture       *f,
           gconstpointer  data)
{
  XjTestExif shanghai = { .taken = "2026:03:14 09:30:05", .offset = "+08:00", .has_gps = TRUE,
                          .lat = 31.2304, .lon = 121.4737, .make = "HUAWEI", .model = "P40 Pro" };
  XjTestExif sydney_west = { .taken = "2026:03:14 09:30:05", .offset = "-05:00", .has_gps = TRUE,
                             .lat = -33.8688, .lon = -70.6693, .make = "Canon",
                             .model = "Canon EOS R6" };
  XjTestExif local = { .taken = "2026:03:14 09:30:05" };
  XjTestExif unknown = { .taken = "0000:00:00 00:00:00", .model = "Scanner" };
  g_autoptr(XjPhotoInfo) a = import_with_exif (f, "a.jpg", &shanghai);
  g_autoptr(XjPhotoInfo) b = import_with_exif (f, "b.jpg", &sydney_west);
  g_autoptr(XjPhotoInfo) c = import_with_exif (f, "c.jpg", &local);
  g_autoptr(XjPhotoInfo) d = import_with_exif (f, "d.jpg", &unknown);
  /* 2026-03-14 01:30:05 UTC */
  const gint64 utc = 1773451805;

  g_assert_true (a->has_taken_at);
  g_assert_cmpint (a->taken_at, ==, utc);
  g_assert_true (a->has_gps);
  g_assert_cmpfloat_with_epsilon (a->gps_lat, 31.2304, 1e-5);
  g_assert_cmpfloat_with_epsilon (a->gps_lon, 121.4737, 1e-5);
  g_assert_cmpstr (a->camera, ==, "HUAWEI P40 Pro");

  /* 09:30:05 at UTC−5 is 14:30:05 UTC; south and west are negative. */
  g_assert_cmpint (b->taken_at, ==, utc + 13 * 3600);
  g_assert_cmpfloat_with_epsilon (b->gps_lat, -33.8688, 1e-5);
  g_assert_cmpfloat_with_epsilon (b->gps_lon, -70.6693, 1e-5);
  g_assert_cmpstr (b->camera, ==, "Canon EOS R6");

  /* No offset: the camera's clock is local time (TZ is Asia/Shanghai). */
  g_assert_true (c->has_taken_at);
  g_assert_cmpint (c->taken_at, ==, utc);
  g_assert_false (c->has_gps);
  g_assert_cmpstr (c->camera, ==, "");
  g_assert_cmpint (c->orientation, ==, 1);

  g_assert_false (d->has_taken_at);
  g_assert_cmpstr (d->camera, ==, "Scanner");

  /* And as stored in the row. */
  g_assert_cmpint (count_rows (f, "SELECT taken_at FROM photos WHERE camera = 'HUAWEI P40 Pro'"),
                   ==, utc);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM photos WHERE gps_lat < 0 AND gps_lon < 0"),
                   ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM photos WHERE taken_at IS NULL"), ==, 1);
}

/* --- phones and editors: HEIC, CMYK, formats we cannot read --------------- */

/* The quadrants of the stored rendition, top-left to bottom-right. */
static void
assert_rendition (Fixture      *f,
                  const char   *sha256,
                  int           width,
                  int           height,
                  const Colour  expected[4])
{
  g_autofree char *rendition = xj_photo_dup_rendition_path (f->dir, sha256);
  int w, h;
  g_autofree guint8 *pixels = xj_test_decode_jpeg (rendition, &w, &h);
  int points[4][2] = { { w / 4, h / 4 }, { 3 * w / 4, h / 4 },
                       { w / 4, 3 * h / 4 }, { 3 * w / 4, 3 * h / 4 } };

  g_assert_cmpint (w, ==, width);
  g_assert_cmpint (h, ==, height);
  for (guint q = 0; q < 4; q++)
    {
      const guint8 *p = pixels + ((gsize) points[q][1] * w + points[q][0]) * 3;

      g_test_message ("quadrant %u: %u %u %u", q, p[0], p[1], p[2]);
      g_assert_cmpint (classify (p), ==, expected[q]);
    }
}

static void
test_heic (Fixture       *f,
           gconstpointer  data)
{
  static const Colour upright[4] = { RED, GREEN, BLUE, WHITE };
  static const Colour turned[4] = { BLUE, RED, WHITE, GREEN };   /* 90° clockwise */
  XjTestExif exif = { .orientation = 6, .taken = "2026:03:14 09:30:05", .offset = "+08:00",
                      .has_gps = TRUE, .lat = 31.2304, .lon = 121.4737, .make = "Apple",
                      .model = "iPhone 15 Pro" };
  g_autoptr(GBytes) plain = xj_test_make_heic (640, 480, 1, NULL);
  g_autoptr(GBytes) portrait = xj_test_make_heic (640, 480, 6, &exif);
  g_autofree char *plain_path = camera_file (f, "IMG_4001.HEIC", plain);
  g_autofree char *portrait_path = camera_file (f, "IMG_4002.HEIC", portrait);
  g_autoptr(GError) error = NULL;
  g_autoptr(XjPhotoInfo) first = xj_store_import_photo (f->store, plain_path, &error);
  g_autoptr(XjPhotoInfo) second = NULL;
  g_autofree char *original = NULL;
  g_autoptr(GBytes) stored = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (first->mime, ==, "image/heic");
  g_assert_cmpint (first->width, ==, 640);
  g_assert_cmpint (first->height, ==, 480);
  g_assert_false (first->has_taken_at);
  assert_rendition (f, first->sha256, 640, 480, upright);

  /* The original is kept byte for byte, as .heic. */
  original = xj_photo_dup_original_path (f->dir, first->sha256, first->mime);
  g_assert_true (g_str_has_suffix (original, ".heic"));
  stored = xj_test_read_bytes (original);
  g_assert_true (g_bytes_equal (stored, plain));

  /* Held in portrait: its irot box turns it; the EXIF block gives time,
   * place and phone, and its orientation is not applied a second time. */
  second = xj_store_import_photo (f->store, portrait_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second->orientation, ==, 1);
  g_assert_cmpint (second->width, ==, 480);
  g_assert_cmpint (second->height, ==, 640);
  g_assert_true (second->has_taken_at);
  g_assert_cmpint (second->taken_at, ==, 1773451805);   /* 2026-03-14 01:30:05 UTC */
  g_assert_true (second->has_gps);
  g_assert_cmpfloat_with_epsilon (second->gps_lat, 31.2304, 1e-5);
  g_assert_cmpstr (second->camera, ==, "Apple iPhone 15 Pro");
  assert_rendition (f, second->sha256, 480, 640, turned);

  g_assert_cmpint (xj_test_query_int (xj_store_get_db (f->store),
                                      "SELECT count(*) FROM photos WHERE mime = 'image/heic'"), ==, 2);

  /* Cut short on the way from the phone: damaged, named, nothing stored. */
  {
    g_autoptr(GBytes) cut = g_bytes_new_from_bytes (portrait, 0, g_bytes_get_size (portrait) * 2 / 3);
    g_autofree char *cut_path = camera_file (f, "IMG_4003.HEIC", cut);
    g_autoptr(XjPhotoInfo) none = xj_store_import_photo (f->store, cut_path, &error);

    g_assert_null (none);
    g_assert_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_CORRUPT);
    g_assert_nonnull (strstr (error->message, "IMG_4003.HEIC"));
    g_clear_error (&error);
    g_assert_cmpint (xj_test_query_int (xj_store_get_db (f->store), "SELECT count(*) FROM photos"),
                     ==, 2);
  }
  {
    g_autoptr(GString) report = g_string_new (NULL);

    g_assert_true (xj_photo_store_check (f->store, report, &error));
    g_assert_no_error (error);
  }
}

/* Photoshop's CMYK JPEGs, YCCK and plain, were called damaged before. */
static void
test_cmyk (Fixture       *f,
           gconstpointer  data)
{
  static const Colour upright[4] = { RED, GREEN, BLUE, WHITE };

  for (int ycck = 0; ycck <= 1; ycck++)
    {
      g_autoptr(GBytes) jpeg = xj_test_make_cmyk_jpeg (800, 600, ycck);
      g_autofree char *path = camera_file (f, ycck ? "print-ycck.jpg" : "print-cmyk.jpg", jpeg);
      g_autoptr(GError) error = NULL;
      g_autoptr(XjPhotoInfo) info = xj_store_import_photo (f->store, path, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (info->mime, ==, "image/jpeg");
      g_assert_cmpint (info->width, ==, 800);
      assert_rendition (f, info->sha256, 800, 600, upright);
    }
}

static void
assert_named (Fixture    *f,
              const char *name,
              GBytes     *bytes,
              int         code,
              const char *format,
              const char *advice)
{
  g_autofree char *path = camera_file (f, name, bytes);
  g_autoptr(GError) error = NULL;
  g_autoptr(XjPhotoInfo) info = xj_store_import_photo (f->store, path, &error);

  g_assert_null (info);
  g_test_message ("%s", error->message);
  g_assert_error (error, XJ_PHOTO_ERROR, code);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, format));
  g_assert_nonnull (strstr (error->message, advice));
  g_assert_cmpuint (xj_test_count_stored_files (f->dir), ==, 0);
}

static void
test_unsupported (Fixture       *f,
                  gconstpointer  data)
{
  static const guint8 webp[] = "RIFF\x24\0\0\0WEBPVP8 \x18\0\0\0";
  static const guint8 gif[] = "GIF89a\x01\0\x01\0\0\0\0;";
  static const guint8 tiff[] = "II*\0\x08\0\0\0\0\0\0\0";
  static const guint8 mov[] = "\0\0\0\x14" "ftypqt  \0\0\0\0qt  ";
  g_autoptr(GBytes) webp_bytes = g_bytes_new_static (webp, sizeof webp);
  g_autoptr(GBytes) gif_bytes = g_bytes_new_static (gif, sizeof gif);
  g_autoptr(GBytes) tiff_bytes = g_bytes_new_static (tiff, sizeof tiff);
  g_autoptr(GBytes) mov_bytes = g_bytes_new_static (mov, sizeof mov);
  g_autoptr(GBytes) notes = g_bytes_new_static ("notes", 5);

  assert_named (f, "IMG_0007.webp", webp_bytes, XJ_PHOTO_ERROR_UNSUPPORTED, "WebP", "JPEG");
  /* Named by its content whatever the name says. */
  assert_named (f, "shared.jpg", gif_bytes, XJ_PHOTO_ERROR_UNSUPPORTED, "GIF", "JPEG");
  assert_named (f, "DSC_0001.NEF", tiff_bytes, XJ_PHOTO_ERROR_UNSUPPORTED, "NEF", "JPEG");
  assert_named (f, "IMG_0008.MOV", mov_bytes, XJ_PHOTO_ERROR_UNSUPPORTED, "video", "screenshot");
  assert_named (f, "notes.jpg", notes, XJ_PHOTO_ERROR_NOT_IMAGE, "HEIC", "Choose a photo");
}

/* What a phone's export folder holds; side files and hidden ones are left
 * out, everything that looks like a picture or a video is listed. */
static void
test_list_folder (Fixture       *f,
                  gconstpointer  data)
{
  const char *names[] = { "IMG_0001.JPG", "IMG_0002.HEIC", "IMG_0002.AAE", "IMG_0003.MOV",
                          "IMG_0004.webp", "scan.png", ".hidden.jpg", "notes.txt" };
  const char *listed[] = { "IMG_0001.JPG", "IMG_0002.HEIC", "IMG_0003.MOV", "IMG_0004.webp",
                           "scan.png" };
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_free (camera_file (f, names[i], bytes));
  paths = xj_photo_list_folder (f->camera, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (paths->len, ==, G_N_ELEMENTS (listed));
  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *base = g_path_get_basename (paths->pdata[i]);

      g_assert_cmpstr (base, ==, listed[i]);
    }
}

/* --- bad files ----------------------------------------------------------- */

static void
assert_refused (Fixture      *f,
                const char   *path,
                XjPhotoError  code,
                const char   *also_in_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjPhotoInfo) info = xj_store_import_photo (f->store, path, &error);
  g_autofree char *display = g_filename_display_name (path);

  g_assert_null (info);
  g_assert_error (error, XJ_PHOTO_ERROR, (int) code);
  g_test_message ("%s", error->message);
  /* Names the file, and says what to do. */
  g_assert_nonnull (strstr (error->message, display));
  if (also_in_message != NULL)
    g_assert_nonnull (strstr (error->message, also_in_message));
  g_assert_cmpuint (count_stored_files (f), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM photos"), ==, 0);
}

/* Zlib's CRC-32, for patching a PNG header. */
static guint32
crc32 (const guint8 *data,
       gsize         length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  return ~crc;
}

static GBytes *
patched (GBytes *bytes,
         gsize   offset,
         const guint8 *replacement,
         gsize   length)
{
  gsize size = 0;
  guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, &size), g_bytes_get_size (bytes));

  g_assert_cmpuint (offset + length, <=, size);
  memcpy (copy + offset, replacement, length);
  return g_bytes_new_take (copy, size);
}

static gsize
find_marker (GBytes *jpeg,
             guint8  marker)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (jpeg, &size);

  for (gsize i = 2; i + 1 < size; i++)
    if (data[i] == 0xff && data[i + 1] == marker)
      return i;
  g_assert_not_reached ();
}

static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("Meeting notes, not a photo\n", 27);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) jpeg = xj_test_make_jpeg (640, 480, 90, 3, FALSE);
  g_autoptr(GBytes) png = xj_test_make_png (200, 100);
  g_autoptr(GBytes) truncated_jpeg = g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) / 2);
  g_autoptr(GBytes) truncated_png = g_bytes_new_from_bytes (png, 0, g_bytes_get_size (png) - 40);
  guint8 garbage[512];
  g_autoptr(GBytes) corrupt_jpeg = NULL;
  g_autoptr(GBytes) corrupt_png = NULL;
  g_autoptr(GBytes) bomb_jpeg = NULL;
  g_autoptr(GBytes) bomb_png = NULL;
  g_autofree char *path = NULL;

  path = camera_file (f, "notes.jpg", text);
  assert_refused (f, path, XJ_PHOTO_ERROR_NOT_IMAGE, "JPEG");
  g_free (path);
  path = camera_file (f, "empty.jpg", empty);
  assert_refused (f, path, XJ_PHOTO_ERROR_EMPTY, "0");
  g_free (path);
  path = camera_file (f, "cut.jpg", truncated_jpeg);
  assert_refused (f, path, XJ_PHOTO_ERROR_CORRUPT, NULL);
  g_free (path);
  path = camera_file (f, "cut.png", truncated_png);
  assert_refused (f, path, XJ_PHOTO_ERROR_CORRUPT, NULL);

  /* Garbage in the middle of the compressed data. */
  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (i * 73 + 11) & 0xff;
  corrupt_jpeg = patched (jpeg, g_bytes_get_size (jpeg) / 2, garbage, sizeof garbage);
  g_free (path);
  path = camera_file (f, "corrupt.jpg", corrupt_jpeg);
  assert_refused (f, path, XJ_PHOTO_ERROR_CORRUPT, NULL);
  corrupt_png = patched (png, g_bytes_get_size (png) / 2, garbage, 16);
  g_free (path);
  path = camera_file (f, "corrupt.png", corrupt_png);
  assert_refused (f, path, XJ_PHOTO_ERROR_CORRUPT, NULL);

  /* Image bombs: a few kilobytes claiming 60000 × 60000 pixels.  SOF0 holds
   * height then width after its length and precision. */
  {
    guint8 size[4] = { 60000 >> 8, 60000 & 0xff, 60000 >> 8, 60000 & 0xff };

    bomb_jpeg = patched (jpeg, find_marker (jpeg, 0xc0) + 5, size, 4);
    g_free (path);
    path = camera_file (f, "bomb.jpg", bomb_jpeg);
    assert_refused (f, path, XJ_PHOTO_ERROR_TOO_MANY_PIXELS, "100");
  }
  {
    /* IHDR: length, "IHDR", width, height, …, CRC over type and data. */
    guint8 ihdr[4 + 13];
    gsize size = 0;
    const guint8 *bytes = g_bytes_get_data (png, &size);
    guint32 crc;
    guint8 crc_bytes[4];
    g_autoptr(GBytes) step = NULL;

    memcpy (ihdr, bytes + 12, sizeof ihdr);
    ihdr[4] = 0; ihdr[5] = 1; ihdr[6] = 0; ihdr[7] = 0;     /* width 65536 */
    ihdr[8] = 0; ihdr[9] = 1; ihdr[10] = 0; ihdr[11] = 0;   /* height 65536 */
    crc = crc32 (ihdr, sizeof ihdr);
    crc_bytes[0] = crc >> 24; crc_bytes[1] = crc >> 16; crc_bytes[2] = crc >> 8; crc_bytes[3] = crc;
    step = patched (png, 12, ihdr, sizeof ihdr);
    bomb_png = patched (step, 12 + sizeof ihdr, crc_bytes, 4);
    g_free (path);
    path = camera_file (f, "bomb.png", bomb_png);
    assert_refused (f, path, XJ_PHOTO_ERROR_TOO_MANY_PIXELS, "100");
  }
}

static void
test_unreadable (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *missing = camera_file (f, "missing.jpg", NULL);
  g_autofree char *folder = camera_file (f, "DCIM.jpg", NULL);
  g_autofree char *fifo = camera_file (f, "pipe.jpg", NULL);
  g_autofree char *huge = camera_file (f, "huge.jpg", NULL);
  FILE *file;

  /* The tests may run as root, so permissions cannot make a file
   * unreadable: a missing file, a folder and a pipe can. */
  assert_refused (f, missing, XJ_PHOTO_ERROR_UNREADABLE, NULL);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  assert_refused (f, folder, XJ_PHOTO_ERROR_UNREADABLE, NULL);
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  assert_refused (f, fifo, XJ_PHOTO_ERROR_UNREADABLE, NULL);

  /* Larger than the limit (sparse, so it costs no disk). */
  file = fopen (huge, "w");
  g_assert_nonnull (file);
  g_assert_cmpint (ftruncate (fileno (file), 60 * 1000 * 1000), ==, 0);
  fclose (file);
  assert_refused (f, huge, XJ_PHOTO_ERROR_TOO_LARGE, "50.0");
}

/* A full disk, for real: the kernel's file size limit makes write() fail
 * exactly as a full disk does, without needing root or a tiny mount. */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) jpeg = xj_test_make_jpeg (2000, 1500, 92, 9, FALSE);
  g_autofree char *path = camera_file (f, "IMG_2000.jpg", jpeg);
  struct rlimit saved, limit;
  g_autoptr(GError) error = NULL;
  g_autoptr(XjPhotoInfo) info = NULL;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = 64 * 1024;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  info = xj_photo_import_file (f->dir, path, NULL, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, SIG_DFL);

  g_assert_null (info);
  g_assert_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_NO_SPACE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "IMG_2000.jpg"));
  g_assert_nonnull (strstr (error->message, "Free some space"));
  g_assert_cmpuint (count_stored_files (f), ==, 0);

  /* With space again the same photo goes in. */
  g_clear_error (&error);
  info = xj_photo_import_file (f->dir, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_stored_files (f), ==, 3);
}

static void
test_import_bytes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) png = xj_test_make_png (64, 48);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(XjPhotoInfo) info = xj_photo_import_bytes (f->dir, png, "clipboard.png", NULL, &error);
  g_autoptr(XjPhotoInfo) none = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (info->original_name, ==, "clipboard.png");
  g_assert_cmpint (info->width, ==, 64);
  none = xj_photo_import_bytes (f->dir, empty, "clipboard.png", NULL, &error);
  g_assert_null (none);
  g_assert_error (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "clipboard.png"));
}

int
main (int   argc,
      char *argv[])
{
  xj_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/xj/photo/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("import/dedup", test_import_dedup);
  ADD ("import/sizes", test_import_sizes);
  ADD ("import/bytes", test_import_bytes);
  ADD ("exif", test_exif);
  ADD ("bad/files", test_bad_files);
  ADD ("bad/unreadable", test_unreadable);
  ADD ("bad/disk-full", test_disk_full);
  ADD ("format/heic", test_heic);
  ADD ("format/cmyk", test_cmyk);
  ADD ("format/unsupported", test_unsupported);
  ADD ("format/list-folder", test_list_folder);
#undef ADD
  for (int orientation = 1; orientation <= 8; orientation++)
    {
      g_autofree char *name = g_strdup_printf ("/xj/photo/orientation/%d", orientation);

      g_test_add (name, Fixture, GINT_TO_POINTER (orientation), fixture_set_up,
                  test_orientation, fixture_tear_down);
    }
  return g_test_run ();
}
