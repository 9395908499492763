/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Time as evidence: distance of a photo from its inspection, and the
 * proposals of a bulk import on a prepared set of known times.
 */
#include "config.h"

#include "xj-photo-match.h"
#include "xj-test-utils.h"

/* 2026-03-14 10:00:00 +08:00 */
#define T0 G_GINT64_CONSTANT (1773453600)
#define AT(h, m, s) (T0 + ((h) - 10) * 3600 + (m) * 60 + (s))

static void
test_time_distance (void)
{
  g_assert_cmpint (xj_photo_time_distance (AT (10, 30, 0), AT (10, 0, 0), AT (11, 0, 0)), ==, 0);
  g_assert_cmpint (xj_photo_time_distance (AT (9, 0, 0), AT (10, 0, 0), AT (11, 0, 0)), ==, 3600);
  g_assert_cmpint (xj_photo_time_distance (AT (11, 0, 1), AT (10, 0, 0), AT (11, 0, 0)), ==, 1);
  /* Still running: an end before the start counts as the start. */
  g_assert_cmpint (xj_photo_time_distance (AT (10, 0, 30), AT (10, 0, 0), 0), ==, 30);

  g_assert_false (xj_photo_time_is_far (AT (10, 0, 0) - 12 * 3600, AT (10, 0, 0), AT (11, 0, 0),
                                        XJ_PHOTO_FAR_THRESHOLD));
  g_assert_true (xj_photo_time_is_far (AT (10, 0, 0) - 12 * 3600 - 1, AT (10, 0, 0), AT (11, 0, 0),
                                       XJ_PHOTO_FAR_THRESHOLD));
  /* A photo from last year's visit. */
  g_assert_true (xj_photo_time_is_far (AT (10, 0, 0) - 365 * 86400, AT (10, 0, 0), AT (11, 0, 0),
                                       XJ_PHOTO_FAR_THRESHOLD));
  g_assert_true (xj_photo_time_is_far (AT (11, 30, 0), AT (10, 0, 0), AT (11, 0, 0), 600));
}

static void
test_proposals (void)
{
  /* Deliberately not in time order; 12 and 13 were answered at the same
   * second. */
  const XjMatchAnswer answers[] = {
    { 14, AT (10, 20, 0) },
    { 13, AT (10, 5, 0) },
    { 11, AT (10, 0, 0) },
    { 15, AT (11, 30, 0) },
    { 12, AT (10, 5, 0) },
  };
  const struct {
    XjMatchPhoto photo;
    XjPhotoMatchStatus status;
    gint64 answer_id;
    gint64 distance;
  } cases[] = {
    /* Before the first answer, close enough. */
    { { TRUE, AT (9, 59, 0) }, XJ_PHOTO_MATCH_MATCHED, 11, 60 },
    /* Before the first answer, too early. */
    { { TRUE, AT (9, 20, 0) }, XJ_PHOTO_MATCH_TOO_FAR, 0, 2400 },
    /* Exactly between 11 and 12/13: the answer given after the photo, and
     * of two given at the same second the lower ID. */
    { { TRUE, AT (10, 2, 30) }, XJ_PHOTO_MATCH_MATCHED, 12, 150 },
    /* Just after 12/13: again the lower ID. */
    { { TRUE, AT (10, 6, 0) }, XJ_PHOTO_MATCH_MATCHED, 12, 60 },
    /* No EXIF time. */
    { { FALSE, 0 }, XJ_PHOTO_MATCH_NO_TIME, 0, 0 },
    /* Exactly at the maximum distance, and one second beyond it. */
    { { TRUE, AT (10, 50, 0) }, XJ_PHOTO_MATCH_MATCHED, 14, 1800 },
    { { TRUE, AT (10, 50, 1) }, XJ_PHOTO_MATCH_TOO_FAR, 0, 1801 },
    /* At the very second of an answer. */
    { { TRUE, AT (11, 30, 0) }, XJ_PHOTO_MATCH_MATCHED, 15, 0 },
    /* After the last answer. */
    { { TRUE, AT (12, 30, 0) }, XJ_PHOTO_MATCH_TOO_FAR, 0, 3600 },
  };
  XjMatchPhoto photos[G_N_ELEMENTS (cases)];
  g_autofree XjPhotoMatchProposal *proposals = NULL;
  g_autofree XjPhotoMatchProposal *without_answers = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    photos[i] = cases[i].photo;
  proposals = xj_photo_match_proposals (photos, G_N_ELEMENTS (photos), answers,
                                        G_N_ELEMENTS (answers), XJ_PHOTO_MATCH_MAX_DISTANCE);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u", i);
      g_assert_cmpint (proposals[i].status, ==, cases[i].status);
      g_assert_cmpint (proposals[i].answer_id, ==, cases[i].answer_id);
      g_assert_cmpint (proposals[i].distance, ==, cases[i].distance);
    }

  without_answers = xj_photo_match_proposals (photos, 2, NULL, 0, XJ_PHOTO_MATCH_MAX_DISTANCE);
  g_assert_cmpint (without_answers[0].status, ==, XJ_PHOTO_MATCH_TOO_FAR);
  g_assert_cmpint (without_answers[0].answer_id, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  xj_test_init (&argc, &argv);
  g_test_add_func ("/xj/photo/match/time-distance", test_time_distance);
  g_test_add_func ("/xj/photo/match/proposals", test_proposals);
  return g_test_run ();
}
