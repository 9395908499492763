/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A photo taken this long before or after its inspection is flagged. */
#define XJ_PHOTO_FAR_THRESHOLD      (12 * 3600)
/* Bulk import attaches a photo to the answer closest in time within this. */
#define XJ_PHOTO_MATCH_MAX_DISTANCE (30 * 60)

typedef struct
{
  gboolean has_taken_at;
  gint64   taken_at;
} XjMatchPhoto;

typedef struct
{
  gint64   answer_id;
  gint64   answered_at;
} XjMatchAnswer;

typedef enum {
  XJ_PHOTO_MATCH_MATCHED,
  XJ_PHOTO_MATCH_NO_TIME,    /* the photo carries no capture time */
  XJ_PHOTO_MATCH_TOO_FAR,    /* no answer within the maximum distance */
} XjPhotoMatchStatus;

typedef struct
{
  XjPhotoMatchStatus status;
  gint64             answer_id;   /* 0 unless matched */
  gint64             distance;    /* seconds to the closest answer; 0 without a time */
} XjPhotoMatchProposal;

gint64                xj_photo_time_distance   (gint64               taken_at,
                                                gint64               start,
                                                gint64               end);
gboolean              xj_photo_time_is_far     (gint64               taken_at,
                                                gint64               start,
                                                gint64               end,
                                                gint64               threshold);
XjPhotoMatchProposal *xj_photo_match_proposals (const XjMatchPhoto  *photos,
                                                gsize                n_photos,
                                                const XjMatchAnswer *answers,
                                                gsize                n_answers,
                                                gint64               max_distance);

G_END_DECLS
