/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Makes one inspector's year for the sync benchmark (bench-sync.sh):
 *   bench-sync-data DIR [INSPECTIONS [PHOTOS [PHOTO_BYTES]]]
 * (defaults 1500, 3000, 3000000): a data folder with three sites, a
 * checklist of 40 items and INSPECTIONS completed inspections spread over
 * a year, every answer given, two failures each with a remark and a photo
 * of about PHOTO_BYTES (PHOTOS in all, every one different).  A folder
 * made before with the same figures is kept as it is (it takes minutes).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "xj-builtins.h"
#include "xj-clock.h"
#include "xj-demo-inspections.h"
#include "xj-photo.h"
#include "xj-photo-store.h"
#include "xj-site.h"
#include "xj-test-photos.h"

#define N_ITEMS 40
#define YEAR_START 1767196800 /* 2026-01-01 00:00 +08:00 */

/* A photo of about @bytes: noise compresses badly, like a real one, so the
 * size follows the pixels; a comment makes each of them different. */
static GBytes *
base_photo (gsize bytes)
{
  int width = 1200;

  for (;;)
    {
      GBytes *jpeg = xj_test_make_jpeg (width, width * 3 / 4, 95, 7, FALSE);

      if (g_bytes_get_size (jpeg) >= bytes || width >= 6000)
        return jpeg;
      width = (int) (width * 1.1);
      g_bytes_unref (jpeg);
    }
}

/* @base with a COM segment naming @index after its SOI marker. */
static GBytes *
variant (GBytes *base,
         guint   index)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (base, &size);
  g_autofree char *comment = g_strdup_printf ("xunjian bench photo %u", index);
  gsize length = strlen (comment) + 2;
  GByteArray *out = g_byte_array_sized_new (size + length + 2);
  guint8 marker[4] = { 0xff, 0xfe, (guint8) (length >> 8), (guint8) (length & 0xff) };

  g_byte_array_append (out, data, 2);
  g_byte_array_append (out, marker, sizeof marker);
  g_byte_array_append (out, (const guint8 *) comment, strlen (comment));
  g_byte_array_append (out, data + 2, size - 2);
  return g_byte_array_free_to_bytes (out);
}

/* The original of @sha256 from @photo, and the rendition and thumbnail of
 * @like (the same pixels) linked under @sha256's names. */
static gboolean
write_files (const char  *dir,
             const char  *like,
             const char  *sha256,
             GBytes      *photo,
             GError     **error)
{
  g_autofree char *original = xj_photo_dup_original_path (dir, sha256, "image/jpeg");
  char *(*derived[]) (const char *, const char *) = { xj_photo_dup_rendition_path,
                                                      xj_photo_dup_thumbnail_path };
  g_autofree char *folder = g_path_get_dirname (original);

  g_mkdir_with_parents (folder, 0755);
  if (!g_file_set_contents (original, g_bytes_get_data (photo, NULL),
                            (gssize) g_bytes_get_size (photo), error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (derived); i++)
    {
      g_autofree char *from = derived[i] (dir, like);
      g_autofree char *to = derived[i] (dir, sha256);
      g_autofree char *to_folder = g_path_get_dirname (to);

      g_mkdir_with_parents (to_folder, 0755);
      if (link (from, to) != 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", to,
                       g_strerror (errno));
          return FALSE;
        }
    }
  return TRUE;
}

static void
check (gboolean  ok,
       GError   *error)
{
  if (!ok)
    {
      fprintf (stderr, "bench-sync-data: %s\n", error != NULL ? error->message : "failed");
      exit (1);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjStore) store = NULL;
  g_autoptr(GBytes) base = NULL;
  g_autoptr(XjPhotoInfo) first = NULL;
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *stamp = NULL;
  g_autofree char *figures = NULL;
  g_autofree char *scratch = NULL;
  g_autofree char *known = NULL;
  guint n_inspections = argc > 2 ? (guint) atoi (argv[2]) : 1500;
  guint n_photos = argc > 3 ? (guint) atoi (argv[3]) : 3000;
  gsize photo_bytes = argc > 4 ? (gsize) atol (argv[4]) : 3000000;
  gint64 sites[3];
  gint64 template_id;
  gint64 start = g_get_monotonic_time ();

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-sync-data DIR [INSPECTIONS [PHOTOS [PHOTO_BYTES]]]\n");
      return 2;
    }
  stamp = g_build_filename (argv[1], "bench-figures", NULL);
  figures = g_strdup_printf ("%u %u %zu", n_inspections, n_photos, photo_bytes);
  if (g_file_get_contents (stamp, &known, NULL, NULL) && g_str_equal (known, figures))
    return 0;
  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      fprintf (stderr, "bench-sync-data: %s holds something else; remove it first\n", argv[1]);
      return 1;
    }

  store = xj_store_open (argv[1], XJ_STORE_OPEN_DEFAULT, &error);
  check (store != NULL, error);
  check (xj_templates_install_builtins (store, &error), error);
  for (guint i = 0; i < G_N_ELEMENTS (sites); i++)
    {
      static const char *const names[] = { "阳光花园", "翠湖花园", "滨江壹号" };
      g_autoptr(XjSite) site = xj_site_new (names[i], XJ_SITE_KIND_ESTATE);

      check (xj_store_save_site (store, site, NULL, &error), error);
      sites[i] = xj_site_get_id (site);
    }
  template_id = xj_demo_add_extended_template (store, N_ITEMS, &error);
  check (template_id > 0, error);

  base = base_photo (photo_bytes);
  printf ("# %u photos of %zu bytes\n", n_photos, g_bytes_get_size (base));
  /* The first photo imported as any would be; the others are the same
   * pixels (a comment apart), so they share its rendition and thumbnail:
   * linked, not made again, which would take an hour for 3,000. */
  scratch = g_build_filename (argv[1], "bench-photo.jpg", NULL);
  for (guint i = 0; i < n_photos; i++)
    {
      g_autoptr(GBytes) photo = variant (base, i);
      g_autoptr(XjPhotoInfo) info = NULL;

      if (first == NULL)
        {
          check (g_file_set_contents (scratch, g_bytes_get_data (photo, NULL),
                                      (gssize) g_bytes_get_size (photo), &error), error);
          first = xj_store_import_photo (store, scratch, &error);
          check (first != NULL, error);
          g_unlink (scratch);
          g_ptr_array_add (photos, g_strdup (first->sha256));
          continue;
        }
      info = g_new0 (XjPhotoInfo, 1);
      *info = *first;
      info->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, photo);
      info->bytes = (gint64) g_bytes_get_size (photo);
      info->camera = g_strdup (first->camera);
      info->original_name = g_strdup_printf ("IMG_%04u.jpg", i);
      info->created_files = NULL;
      info->row_created = FALSE;
      check (write_files (argv[1], first->sha256, info->sha256, photo, &error), error);
      check (xj_store_add_photo (store, info, &error), error);
      g_ptr_array_add (photos, g_strdup (info->sha256));
    }

  for (guint i = 0; i < n_inspections; i++)
    {
      g_autoptr(GPtrArray) own = g_ptr_array_new ();
      XjDemoInspection spec = {
        .site_id = sites[i % G_N_ELEMENTS (sites)],
        .template_id = template_id,
        .kind = "daily",
        .started_at = YEAR_START + (gint64) i * (365 * 86400 / MAX (n_inspections, 1)),
        .n_failures = 2,
        .fail_offset = i,
        .photos = own,
        .complete = TRUE,
      };

      /* Each inspection its own photos, as long as there are. */
      for (guint p = 0; p < 2 && photos->len > 0; p++)
        g_ptr_array_add (own, g_ptr_array_index (photos, (2 * i + p) % photos->len));
      xj_clock_set_fixed (spec.started_at + 3600);
      check (xj_demo_add_inspection (store, &spec, &error) > 0, error);
    }
  xj_clock_unset_fixed ();
  check (g_file_set_contents (stamp, figures, -1, &error), error);
  printf ("# made in %.0f s\n", (g_get_monotonic_time () - start) / 1e6);
  return 0;
}
