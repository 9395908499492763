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
  guint    position;     /* the item's place in the checklist, sections in order */
  gboolean failed;
} XjMatchAnswer;

/* The visit: a photo outside [start − XJ_PHOTO_FAR_THRESHOLD, end +
 * XJ_PHOTO_FAR_THRESHOLD] (the photos flagged as taken at another time)
 * is never proposed. */
typedef struct
{
  gint64   start;
  gint64   end;          /* a running inspection: now */
} XjMatchVisit;

typedef enum {
  XJ_PHOTO_MATCH_MATCHED,    /* the answer given closest in time */
  XJ_PHOTO_MATCH_BY_ORDER,   /* answers all came after the photos: the failed items in order */
  XJ_PHOTO_MATCH_NO_TIME,    /* the photo carries no capture time */
  XJ_PHOTO_MATCH_TOO_FAR,    /* outside the visit, or no answer within the maximum distance */
  XJ_PHOTO_MATCH_TIE,        /* two answers as close: the person chooses */
  XJ_PHOTO_MATCH_AMBIGUOUS,  /* by order, but photos and failed items do not pair up */
} XjPhotoMatchStatus;

typedef struct
{
  XjPhotoMatchStatus status;
  gint64             answer_id;   /* MATCHED, BY_ORDER; TIE: one of the two */
  gint64             tied_id;     /* TIE: the other answer */
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
                                                const XjMatchVisit  *visit,
                                                gint64               max_distance);

G_END_DECLS
