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

/**
 * xj_photo_match_proposals:
 * @max_distance: seconds; XJ_PHOTO_MATCH_MAX_DISTANCE by default
 *
 * Proposes for each photo the answer answered closest in time.  Ties go to
 * the answer given after the photo (an inspector photographs the problem,
 * then marks the item), and among answers given at the same second to the
 * lowest answer ID, so the result never depends on input order.
 *
 * Returns: (transfer full) (array length=n_photos): one proposal per photo,
 * in the order of @photos; free with g_free().
 */
XjPhotoMatchProposal *
xj_photo_match_proposals (const XjMatchPhoto  *photos,
                          gsize                n_photos,
                          const XjMatchAnswer *answers,
                          gsize                n_answers,
                          gint64               max_distance)
{
  XjPhotoMatchProposal *proposals = g_new0 (XjPhotoMatchProposal, MAX (n_photos, 1));
  g_autofree XjMatchAnswer *sorted = g_memdup2 (answers, sizeof (XjMatchAnswer) * n_answers);

  g_return_val_if_fail (n_photos == 0 || photos != NULL, proposals);
  g_return_val_if_fail (n_answers == 0 || answers != NULL, proposals);

  if (n_answers > 0)
    qsort (sorted, n_answers, sizeof (XjMatchAnswer), compare_answers);

  for (gsize i = 0; i < n_photos; i++)
    {
      XjPhotoMatchProposal *proposal = &proposals[i];
      gint64 when = photos[i].taken_at;
      const XjMatchAnswer *best = NULL;
      gsize after;

      if (!photos[i].has_taken_at)
        {
          proposal->status = XJ_PHOTO_MATCH_NO_TIME;
          continue;
        }
      after = first_at_or_after (sorted, n_answers, when);
      if (after < n_answers)
        best = &sorted[after];
      if (after > 0)
        {
          gsize before = after - 1;

          /* The lowest ID among answers given at that same second. */
          while (before > 0 && sorted[before - 1].answered_at == sorted[before].answered_at)
            before--;
          if (best == NULL || when - sorted[before].answered_at < best->answered_at - when)
            best = &sorted[before];
        }

      if (best == NULL)
        {
          proposal->status = XJ_PHOTO_MATCH_TOO_FAR;
          continue;
        }
      proposal->distance = ABS (best->answered_at - when);
      if (proposal->distance > max_distance)
        {
          proposal->status = XJ_PHOTO_MATCH_TOO_FAR;
          continue;
        }
      proposal->status = XJ_PHOTO_MATCH_MATCHED;
      proposal->answer_id = best->answer_id;
    }
  return proposals;
}
