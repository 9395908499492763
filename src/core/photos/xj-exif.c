/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * EXIF through libexif: capture time, position, camera and orientation.
 * Absent or malformed fields are simply absent: a photo without EXIF is
 * still a photo.
 */
#define G_LOG_DOMAIN "xj-photo"

#include "config.h"

#include <libexif/exif-data.h>
#include <stdio.h>
#include <string.h>

#include "xj-exif.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExifData, exif_data_unref)

static char *
dup_ascii (ExifData *data,
           ExifIfd   ifd,
           ExifTag   tag)
{
  ExifEntry *entry = exif_content_get_entry (data->ifd[ifd], tag);
  g_autofree char *text = NULL;

  if (entry == NULL || entry->format != EXIF_FORMAT_ASCII || entry->size == 0)
    return NULL;
  text = g_strndup ((const char *) entry->data, entry->size);
  if (!g_utf8_validate (text, -1, NULL))
    return NULL;
  return g_strdup (g_strstrip (text));
}

static int
read_orientation (ExifData *data)
{
  ExifEntry *entry = exif_content_get_entry (data->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
  int value;

  if (entry == NULL || entry->format != EXIF_FORMAT_SHORT || entry->components < 1)
    return 1;
  value = exif_get_short (entry->data, exif_data_get_byte_order (data));
  return value >= 1 && value <= 8 ? value : 1;
}

/* "+08:00" → seconds east of UTC. */
static gboolean
parse_offset (const char *text,
              int        *seconds)
{
  int hours, minutes;
  char sign;

  if (text == NULL || sscanf (text, "%c%2d:%2d", &sign, &hours, &minutes) != 3
      || (sign != '+' && sign != '-') || hours > 14 || minutes > 59)
    return FALSE;
  *seconds = (sign == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
  return TRUE;
}

/* DateTimeOriginal is the wall clock of the camera.  With
 * OffsetTimeOriginal it is exact; without, it is taken as local time,
 * which is right for a phone set to the zone it is used in. */
static gboolean
read_taken_at (ExifData *data,
               gint64   *taken_at)
{
  g_autofree char *text = dup_ascii (data, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL);
  g_autofree char *offset_text = dup_ascii (data, EXIF_IFD_EXIF, EXIF_TAG_OFFSET_TIME_ORIGINAL);
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) when = NULL;
  int year, month, day, hour, minute, second, offset;

  if (text == NULL
      || sscanf (text, "%4d:%2d:%2d %2d:%2d:%2d", &year, &month, &day,
                 &hour, &minute, &second) != 6)
    return FALSE;
  zone = parse_offset (offset_text, &offset) ? g_time_zone_new_offset (offset)
                                             : g_time_zone_new_local ();
  when = g_date_time_new (zone, year, month, day, hour, minute, second);
  if (when == NULL)   /* "0000:00:00 00:00:00" means unknown */
    return FALSE;
  *taken_at = g_date_time_to_unix (when);
  return TRUE;
}

static gboolean
read_coordinate (ExifData   *data,
                 ExifTag     value_tag,
                 ExifTag     ref_tag,
                 const char *negative_ref,
                 double      limit,
                 double     *degrees)
{
  ExifEntry *entry = exif_content_get_entry (data->ifd[EXIF_IFD_GPS], value_tag);
  g_autofree char *ref = dup_ascii (data, EXIF_IFD_GPS, ref_tag);
  ExifByteOrder order = exif_data_get_byte_order (data);
  double parts[3];

  if (entry == NULL || ref == NULL || entry->format != EXIF_FORMAT_RATIONAL
      || entry->components < 3)
    return FALSE;
  for (int i = 0; i < 3; i++)
    {
      ExifRational r = exif_get_rational (entry->data + i * exif_format_get_size (EXIF_FORMAT_RATIONAL),
                                          order);

      if (r.denominator == 0)
        return FALSE;
      parts[i] = (double) r.numerator / r.denominator;
    }
  *degrees = parts[0] + parts[1] / 60.0 + parts[2] / 3600.0;
  if (g_ascii_strcasecmp (ref, negative_ref) == 0)
    *degrees = -*degrees;
  return *degrees >= -limit && *degrees <= limit;
}

static char *
read_camera (ExifData *data)
{
  g_autofree char *make = dup_ascii (data, EXIF_IFD_0, EXIF_TAG_MAKE);
  g_autofree char *model = dup_ascii (data, EXIF_IFD_0, EXIF_TAG_MODEL);

  if (make == NULL || *make == '\0')
    return g_strdup (model != NULL ? model : "");
  if (model == NULL || *model == '\0')
    return g_steal_pointer (&make);
  /* Many models repeat the make ("Canon" + "Canon EOS R6"). */
  if (g_ascii_strncasecmp (model, make, strlen (make)) == 0)
    return g_steal_pointer (&model);
  return g_strdup_printf ("%s %s", make, model);
}

/**
 * xj_exif_read:
 * @data: a whole JPEG file
 *
 * Fills @exif (to be cleared with xj_exif_clear()); never fails.
 */
void
xj_exif_read (const guint8 *data,
              gsize         length,
              XjExif       *exif)
{
  g_autoptr(ExifData) exif_data = exif_data_new ();

  memset (exif, 0, sizeof *exif);
  exif->orientation = 1;
  exif->camera = g_strdup ("");
  if (exif_data == NULL)
    return;
  /* Reading must not "repair" the data into what the specification wants. */
  exif_data_unset_option (exif_data, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  exif_data_load_data (exif_data, data, MIN (length, G_MAXUINT));

  exif->orientation = read_orientation (exif_data);
  exif->has_taken_at = read_taken_at (exif_data, &exif->taken_at);
  exif->has_gps = read_coordinate (exif_data, EXIF_TAG_GPS_LATITUDE, EXIF_TAG_GPS_LATITUDE_REF,
                                   "S", 90.0, &exif->gps_lat)
                  && read_coordinate (exif_data, EXIF_TAG_GPS_LONGITUDE,
                                      EXIF_TAG_GPS_LONGITUDE_REF, "W", 180.0, &exif->gps_lon);
  g_free (exif->camera);
  exif->camera = read_camera (exif_data);
}

void
xj_exif_clear (XjExif *exif)
{
  g_clear_pointer (&exif->camera, g_free);
}
