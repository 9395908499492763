/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Time as evidence: distance of a photo from its inspection, and the
 * proposals of a bulk import on a prepared set of known times.
 */
#include "config.h"

#include <string.h>

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

/* Answers given during the visit: the answer closest in time. */
static void
test_proposals (void)
{
  /* Deliberately not in time order; 12 and 13 were answered at the same
   * second. */
  const XjMatchAnswer answers[] = {
    { 14, AT (10, 20, 0), 3, FALSE },
    { 13, AT (10, 5, 0), 2, TRUE },
    { 11, AT (10, 0, 0), 0, TRUE },
    { 15, AT (11, 30, 0), 4, FALSE },
    { 12, AT (10, 5, 0), 1, FALSE },
  };
  const XjMatchVisit visit = { AT (9, 0, 0), AT (12, 0, 0) };
  const struct {
    XjMatchPhoto photo;
    XjPhotoMatchStatus status;
    gint64 answer_id;
    gint64 tied_id;
    gint64 distance;
  } cases[] = {
    /* Before the first answer, close enough. */
    { { TRUE, AT (9, 59, 0) }, XJ_PHOTO_MATCH_MATCHED, 11, 0, 60 },
    /* Before the first answer, too early. */
    { { TRUE, AT (9, 20, 0) }, XJ_PHOTO_MATCH_TOO_FAR, 0, 0, 2400 },
    /* Exactly between 11 and 12/13: a tie, never resolved silently. */
    { { TRUE, AT (10, 2, 30) }, XJ_PHOTO_MATCH_TIE, 11, 12, 150 },
    /* Just after 12 and 13, given at the same second: a tie too. */
    { { TRUE, AT (10, 6, 0) }, XJ_PHOTO_MATCH_TIE, 12, 13, 60 },
    /* No EXIF time. */
    { { FALSE, 0 }, XJ_PHOTO_MATCH_NO_TIME, 0, 0, 0 },
    /* Exactly at the maximum distance, and one second beyond it. */
    { { TRUE, AT (10, 50, 0) }, XJ_PHOTO_MATCH_MATCHED, 14, 0, 1800 },
    { { TRUE, AT (10, 50, 1) }, XJ_PHOTO_MATCH_TOO_FAR, 0, 0, 1801 },
    /* At the very second of an answer. */
    { { TRUE, AT (11, 30, 0) }, XJ_PHOTO_MATCH_MATCHED, 15, 0, 0 },
    /* After the last answer. */
    { { TRUE, AT (12, 30, 0) }, XJ_PHOTO_MATCH_TOO_FAR, 0, 0, 3600 },
    /* The day before: outside the visit, whatever the answers. */
    { { TRUE, AT (9, 0, 0) - 86400 }, XJ_PHOTO_MATCH_TOO_FAR, 0, 0, 86400 },
  };
  XjMatchPhoto photos[G_N_ELEMENTS (cases)];
  g_autofree XjPhotoMatchProposal *proposals = NULL;
  g_autofree XjPhotoMatchProposal *without_answers = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    photos[i] = cases[i].photo;
  proposals = xj_photo_match_proposals (photos, G_N_ELEMENTS (photos), answers,
                                        G_N_ELEMENTS (answers), &visit,
                                        XJ_PHOTO_MATCH_MAX_DISTANCE);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u", i);
      g_assert_cmpint (proposals[i].status, ==, cases[i].status);
      g_assert_cmpint (proposals[i].answer_id, ==, cases[i].answer_id);
      g_assert_cmpint (proposals[i].tied_id, ==, cases[i].tied_id);
      g_assert_cmpint (proposals[i].distance, ==, cases[i].distance);
    }

  without_answers = xj_photo_match_proposals (photos, 2, NULL, 0, &visit,
                                              XJ_PHOTO_MATCH_MAX_DISTANCE);
  g_assert_cmpint (without_answers[0].status, ==, XJ_PHOTO_MATCH_TOO_FAR);
  g_assert_cmpint (without_answers[0].answer_id, ==, 0);
}

/* The shopper's form, filled in after leaving: photos at 14:05–14:41, every
 * answer after 16:00.  Items 1, 3 and 4 of the checklist failed. */
static const XjMatchAnswer late_answers[] = {
  { 24, AT (16, 0, 40), 4, TRUE },
  { 20, AT (16, 0, 5), 0, FALSE },
  { 23, AT (16, 0, 30), 3, TRUE },
  { 21, AT (16, 0, 10), 1, TRUE },
  { 22, AT (16, 0, 20), 2, FALSE },
  { 25, AT (16, 0, 50), 5, FALSE },
};
static const XjMatchVisit afternoon = { AT (14, 0, 0), AT (16, 10, 0) };

static void
assert_by_order (const XjMatchPhoto  *photos,
                 gsize                n_photos,
                 const XjMatchAnswer *answers,
                 gsize                n_answers,
                 const gint64        *expected)   /* answer id; 0 ambiguous; -1 too far */
{
  g_autofree XjPhotoMatchProposal *proposals =
    xj_photo_match_proposals (photos, n_photos, answers, n_answers, &afternoon,
                              XJ_PHOTO_MATCH_MAX_DISTANCE);

  for (gsize i = 0; i < n_photos; i++)
    {
      g_test_message ("photo %zu", i);
      if (expected[i] > 0)
        {
          g_assert_cmpint (proposals[i].status, ==, XJ_PHOTO_MATCH_BY_ORDER);
          g_assert_cmpint (proposals[i].answer_id, ==, expected[i]);
        }
      else
        {
          g_assert_cmpint (proposals[i].status, ==, expected[i] == 0 ? XJ_PHOTO_MATCH_AMBIGUOUS
                                                                     : XJ_PHOTO_MATCH_TOO_FAR);
          g_assert_cmpint (proposals[i].answer_id, ==, 0);
        }
    }
}

static void
test_by_order (void)
{
  gsize n = G_N_ELEMENTS (late_answers);
  /* One photo per failure, given out of order: taken order decides. */
  const XjMatchPhoto three[] = { { TRUE, AT (14, 40, 0) }, { TRUE, AT (14, 5, 0) },
                                 { TRUE, AT (14, 20, 0) } };
  const gint64 three_expected[] = { 24, 21, 23 };
  /* Two photos of the first problem and two of the last, in bursts. */
  const XjMatchPhoto bursts[] = { { TRUE, AT (14, 5, 0) }, { TRUE, AT (14, 6, 0) },
                                  { TRUE, AT (14, 20, 0) }, { TRUE, AT (14, 40, 0) },
                                  { TRUE, AT (14, 41, 0) } };
  const gint64 bursts_expected[] = { 21, 21, 23, 24, 24 };
  /* Four photos ten minutes apart for three failures: which two go
   * together is a tie, left to the person. */
  const XjMatchPhoto even[] = { { TRUE, AT (14, 0, 0) }, { TRUE, AT (14, 10, 0) },
                                { TRUE, AT (14, 20, 0) }, { TRUE, AT (14, 30, 0) } };
  const gint64 even_expected[] = { 0, 0, 0, 0 };
  /* Fewer photos than failures: which failures do they show? */
  const XjMatchPhoto two[] = { { TRUE, AT (14, 5, 0) }, { TRUE, AT (14, 20, 0) } };
  const gint64 two_expected[] = { 0, 0 };
  /* A photo from two days before is left out; the rest still pair up. */
  const XjMatchPhoto with_old[] = { { TRUE, AT (14, 5, 0) }, { TRUE, AT (14, 0, 0) - 2 * 86400 },
                                    { TRUE, AT (14, 20, 0) }, { TRUE, AT (14, 40, 0) } };
  const gint64 with_old_expected[] = { 21, -1, 23, 24 };
  /* Nothing failed: nothing to pair with by order, and by time every
   * answer is too far. */
  XjMatchAnswer passed[G_N_ELEMENTS (late_answers)];

  assert_by_order (three, G_N_ELEMENTS (three), late_answers, n, three_expected);
  assert_by_order (bursts, G_N_ELEMENTS (bursts), late_answers, n, bursts_expected);
  assert_by_order (even, G_N_ELEMENTS (even), late_answers, n, even_expected);
  assert_by_order (two, G_N_ELEMENTS (two), late_answers, n, two_expected);
  assert_by_order (with_old, G_N_ELEMENTS (with_old), late_answers, n, with_old_expected);
  memcpy (passed, late_answers, sizeof passed);
  for (gsize i = 0; i < n; i++)
    passed[i].failed = FALSE;
  assert_by_order (three, G_N_ELEMENTS (three), passed, n, (const gint64[]) { -1, -1, -1 });

  /* One answer given before the last photo: answered live, so by time. */
  {
    XjMatchAnswer live[G_N_ELEMENTS (late_answers)];
    g_autofree XjPhotoMatchProposal *proposals = NULL;

    memcpy (live, late_answers, sizeof live);
    live[1].answered_at = AT (14, 30, 0);
    proposals = xj_photo_match_proposals (three, G_N_ELEMENTS (three), live, n, &afternoon,
                                          XJ_PHOTO_MATCH_MAX_DISTANCE);
    g_assert_cmpint (proposals[0].status, ==, XJ_PHOTO_MATCH_MATCHED);
    g_assert_cmpint (proposals[0].answer_id, ==, 20);
  }
}

int
main (int   argc,
      char *argv[])
{
  xj_test_init (&argc, &argv);
  g_test_add_func ("/xj/photo/match/time-distance", test_time_distance);
  g_test_add_func ("/xj/photo/match/proposals", test_proposals);
  g_test_add_func ("/xj/photo/match/by-order", test_by_order);
  return g_test_run ();
}
