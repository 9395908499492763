/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Time as evidence: how far a photo was taken from its inspection, and
 * which answer each photo of a bulk import most likely belongs to.  Pure
 * functions; the review screen lets the inspector correct every proposal.
 */
#define G_LOG_DOMAIN "xj-photo"

#include "config.h"

#include "xj-photo-match.h"

/**
 * xj_photo_time_distance:
 * @end: when the inspection ended; for one still running pass the current
 *   time (an @end before @start counts as @start)
 *
 * Returns: seconds between @taken_at and the span [@start, @end], 0 inside.
 */
gint64
xj_photo_time_distance (gint64 taken_at,
                        gint64 start,
                        gint64 end)
{
  end = MAX (end, start);
  if (taken_at < start)
    return start - taken_at;
  if (taken_at > end)
    return taken_at - end;
  return 0;
}

/**
 * xj_photo_time_is_far:
 * @threshold: seconds, XJ_PHOTO_FAR_THRESHOLD unless the user chose another
 *
 * Whether to flag a photo as taken at another time than the inspection.
 */
gboolean
xj_photo_time_is_far (gint64 taken_at,
                      gint64 start,
                      gint64 end,
                      gint64 threshold)
{
  return xj_photo_time_distance (taken_at, start, end) > threshold;
}

static int
compare_answers (gconstpointer a,
                 gconstpointer b)
{
  const XjMatchAnswer *x = a, *y = b;

  if (x->answered_at != y->answered_at)
    return x->answered_at < y->answered_at ? -1 : 1;
  return (x->answer_id > y->answer_id) - (x->answer_id < y->answer_id);
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  const XjMatchAnswer *x = a, *y = b;

  return (x->position > y->position) - (x->position < y->position);
}

/* Index of the first answer answered at or after @when (n when none). */
static gsize
first_at_or_after (const XjMatchAnswer *sorted,
                   gsize                n,
                   gint64               when)
{
  gsize low = 0, high = n;

  while (low < high)
    {
      gsize middle = low + (high - low) / 2;

      if (sorted[middle].answered_at < when)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

/* The answer closest in time; when two (or more) are as close, none is
 * chosen and the first two are named. */
static void
match_by_time (gint64                when,
               const XjMatchAnswer  *sorted,
               gsize                 n,
               gint64                max_distance,
               XjPhotoMatchProposal *proposal)
{
  gsize after = first_at_or_after (sorted, n, when);
  gint64 best = G_MAXINT64;
  const XjMatchAnswer *first = NULL, *second = NULL;

  if (after < n)
    best = sorted[after].answered_at - when;
  if (after > 0)
    best = MIN (best, when - sorted[after - 1].answered_at);
  if (best == G_MAXINT64)
    {
      proposal->status = XJ_PHOTO_MATCH_TOO_FAR;
      return;
    }
  /* Every answer at that distance, on either side. */
  for (gsize i = after; i > 0 && when - sorted[i - 1].answered_at == best; i--)
    {
      second = first;
      first = &sorted[i - 1];
    }
  for (gsize i = after; i < n && sorted[i].answered_at - when == best; i++)
    {
      if (first == NULL)
        first = &sorted[i];
      else if (second == NULL)
        second = &sorted[i];
    }
  proposal->distance = best;
  if (best > max_distance)
    proposal->status = XJ_PHOTO_MATCH_TOO_FAR;
  else if (second != NULL)
    {
      proposal->status = XJ_PHOTO_MATCH_TIE;
      proposal->answer_id = first->answer_id;
      proposal->tied_id = second->answer_id;
    }
  else
    {
      proposal->status = XJ_PHOTO_MATCH_MATCHED;
      proposal->answer_id = first->answer_id;
    }
}

typedef struct
{
  gsize  photo;
  gint64 taken_at;
} Shot;

static int
compare_shots (gconstpointer a,
               gconstpointer b)
{
  const Shot *x = a, *y = b;

  if (x->taken_at != y->taken_at)
    return x->taken_at < y->taken_at ? -1 : 1;
  return (x->photo > y->photo) - (x->photo < y->photo);
}

typedef struct
{
  gsize  after;    /* the gap follows this shot */
  gint64 length;
} Gap;

static int
compare_gaps (gconstpointer a,
              gconstpointer b)
{
  const Gap *x = a, *y = b;

  if (x->length != y->length)
    return x->length > y->length ? -1 : 1;
  return (x->after > y->after) - (x->after < y->after);
}

/* The form was filled in after the visit: the photos, in the order taken,
 * go to the failed items in checklist order.  With more photos than
 * failures, several photos of one problem are taken close together: the
 * sequence is cut at its longest pauses, unless two pauses are as long
 * (a tie: the person decides).  Fewer photos than failures cannot say
 * which failures they show. */
static void
match_by_order (Shot                 *shots,
                gsize                 n_shots,
                const XjMatchAnswer  *answers,
                gsize                 n_answers,
                XjPhotoMatchProposal *proposals)
{
  g_autofree XjMatchAnswer *targets = g_new (XjMatchAnswer, MAX (n_answers, 1));
  g_autofree gboolean *cut = g_new0 (gboolean, MAX (n_shots, 1));
  gsize n_targets = 0, target = 0;

  for (gsize i = 0; i < n_answers; i++)
    if (answers[i].failed)
      targets[n_targets++] = answers[i];
  qsort (targets, n_targets, sizeof (XjMatchAnswer), compare_positions);
  qsort (shots, n_shots, sizeof (Shot), compare_shots);

  if (n_targets > 1 && n_shots > n_targets)
    {
      g_autofree Gap *gaps = g_new (Gap, n_shots - 1);

      for (gsize i = 0; i + 1 < n_shots; i++)
        {
          gaps[i].after = i;
          gaps[i].length = shots[i + 1].taken_at - shots[i].taken_at;
        }
      qsort (gaps, n_shots - 1, sizeof (Gap), compare_gaps);
      if (gaps[n_targets - 2].length == gaps[n_targets - 1].length)
        n_targets = 0;   /* no clear cut: ambiguous */
      else
        for (gsize i = 0; i + 1 < n_targets; i++)
          cut[gaps[i].after] = TRUE;
    }
  for (gsize i = 0; i < n_shots; i++)
    {
      XjPhotoMatchProposal *proposal = &proposals[shots[i].photo];

      if (n_targets == 0 || n_shots < n_targets)
        {
          proposal->status = XJ_PHOTO_MATCH_AMBIGUOUS;
          continue;
        }
      proposal->status = XJ_PHOTO_MATCH_BY_ORDER;
      proposal->answer_id = targets[target].answer_id;
      if (n_shots == n_targets || cut[i])
        target = MIN (target + 1, n_targets - 1);
    }
}

/**
 * xj_photo_match_proposals:
 * @visit: the inspection's span; photos taken far outside it are not proposed
 * @max_distance: seconds; XJ_PHOTO_MATCH_MAX_DISTANCE by default
 *
 * Proposes an answer for each photo.  When the answers were given during
 * the visit, the answer given closest in time to the photo; when every
 * answer came after every photo (the form filled in after leaving) and
 * some items failed, the failed items in checklist order (see
 * match_by_order()).  A tie is never
 * resolved: the proposal names both answers and chooses neither.
 *
 * Returns: (transfer full) (array length=n_photos): one proposal per photo,
 * in the order of @photos; free with g_free().
 */
XjPhotoMatchProposal *
xj_photo_match_proposals (const XjMatchPhoto  *photos,
                          gsize                n_photos,
                          const XjMatchAnswer *answers,
                          gsize                n_answers,
                          const XjMatchVisit  *visit,
                          gint64               max_distance)
{
  XjPhotoMatchProposal *proposals = g_new0 (XjPhotoMatchProposal, MAX (n_photos, 1));
  g_autofree XjMatchAnswer *sorted = g_memdup2 (answers, sizeof (XjMatchAnswer) * n_answers);
  g_autofree Shot *shots = g_new (Shot, MAX (n_photos, 1));
  gsize n_shots = 0;
  gint64 last_photo = G_MININT64;
  gboolean any_failed = FALSE;

  g_return_val_if_fail (n_photos == 0 || photos != NULL, proposals);
  g_return_val_if_fail (n_answers == 0 || answers != NULL, proposals);
  g_return_val_if_fail (visit != NULL, proposals);

  if (n_answers > 0)
    qsort (sorted, n_answers, sizeof (XjMatchAnswer), compare_answers);
  for (gsize i = 0; i < n_photos; i++)
    {
      if (!photos[i].has_taken_at)
        proposals[i].status = XJ_PHOTO_MATCH_NO_TIME;
      else if (xj_photo_time_is_far (photos[i].taken_at, visit->start, visit->end,
                                     XJ_PHOTO_FAR_THRESHOLD))
        {
          proposals[i].status = XJ_PHOTO_MATCH_TOO_FAR;
          proposals[i].distance = xj_photo_time_distance (photos[i].taken_at, visit->start,
                                                          visit->end);
        }
      else
        {
          shots[n_shots].photo = i;
          shots[n_shots++].taken_at = photos[i].taken_at;
          last_photo = MAX (last_photo, photos[i].taken_at);
        }
    }

  for (gsize i = 0; i < n_answers; i++)
    any_failed |= answers[i].failed;
  /* Photographed first, answered later: by order, if there are failed
   * items to pair with (photos show problems). */
  if (n_shots > 0 && any_failed && sorted[0].answered_at > last_photo)
    match_by_order (shots, n_shots, sorted, n_answers, proposals);
  else
    for (gsize i = 0; i < n_shots; i++)
      match_by_time (shots[i].taken_at, sorted, n_answers, max_distance,
                     &proposals[shots[i].photo]);
  return proposals;
}
