/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Inspections: starting, answering (durably, one transaction each),
 * scoring, completing, and what earlier inspections tell the runner.
 */
#include "config.h"

#include <math.h>

#include "xj-builtins.h"
#include "xj-clock.h"
#include "xj-inspection.h"
#include "xj-photo-store.h"
#include "xj-site.h"
#include "xj-template-store.h"
#include "xj-test-photos.h"
#include "xj-test-utils.h"

typedef struct
{
  char    *dir;
  XjStore *store;
  gint64   site_id;
  gint64   daily_id;     /* template ids of two built-ins */
  gint64   weekly_id;
} Fixture;

static gint64
find_template (XjStore    *store,
               const char *uid)
{
  g_autoptr(GPtrArray) list = xj_store_list_templates (store, FALSE, NULL);

  for (guint i = 0; i < list->len; i++)
    {
      XjTemplateSummary *summary = g_ptr_array_index (list, i);

      if (g_strcmp0 (summary->uid, uid) == 0)
        return summary->id;
    }
  g_assert_not_reached ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjSite) site = xj_site_new ("翠湖花园", XJ_SITE_KIND_ESTATE);

  xj_clock_set_fixed (1790000000);
  f->dir = xj_test_make_data_dir ();
  f->store = xj_store_open (f->dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (xj_templates_install_builtins (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (xj_store_save_site (f->store, site, "test", &error));
  f->site_id = xj_site_get_id (site);
  f->daily_id = find_template (f->store, "xunjian:builtin:daily-patrol");
  f->weekly_id = find_template (f->store, "xunjian:builtin:weekly-check");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  xj_test_remove_tree (f->dir);
  g_free (f->dir);
  xj_clock_unset_fixed ();
}

static gint64
start (Fixture    *f,
       gint64      template_id,
       const char *kind)
{
  XjInspectionStart params = { f->site_id, template_id, kind, "王芳", "李明", "绿城物业", 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  gint64 id = xj_store_start_inspection (f->store, &params, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* An answer that passes (or is at least valid) for any response type. */
static const char *
passing_value (const XjTemplateItem *item)
{
  switch (item->type)
    {
    case XJ_RESPONSE_PASS_FAIL: return "pass";
    case XJ_RESPONSE_YES_NO: return item->pass_answer ? "yes" : "no";
    case XJ_RESPONSE_RATING: return "5";
    case XJ_RESPONSE_STOPWATCH: return "1";
    case XJ_RESPONSE_CHOICE: return "0";
    case XJ_RESPONSE_TEXT: return "正常";
    case XJ_RESPONSE_DATETIME: return "2026-09-22T10:30:00+08:00";
    case XJ_RESPONSE_NUMBER:
      return !isnan (item->range_min) ? "NUMBER_MIN" : "0";
    case XJ_RESPONSE_PHOTO:
    default:
      return NULL;
    }
}

static void
answer_all_passing (Fixture          *f,
                    gint64            id,
                    const XjTemplate *tmpl)
{
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);
          const char *value = passing_value (item);
          g_autofree char *number = NULL;
          g_autoptr(GError) error = NULL;

          if (g_strcmp0 (value, "NUMBER_MIN") == 0)
            value = number = g_strdup_printf ("%g", item->range_min);
          if (value == NULL)
            continue;
          g_assert_true (xj_store_set_answer (f->store, id, item, value, &error));
          g_assert_no_error (error);
        }
    }
}

static XjTemplateItem *
first_item_of_type (const XjTemplate *tmpl,
                    XjResponseType    type)
{
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);

          if (item->type == type)
            return item;
        }
    }
  return NULL;
}

static void
test_start_validation (Fixture       *f,
                       gconstpointer  data)
{
  XjInspectionStart params = { f->site_id, f->weekly_id, "weekly", "王芳", "", "", 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  XjInspectionFilter filter = XJ_INSPECTION_FILTER_INIT;

  /* Weekly checks are accompanied by the property's representative. */
  g_assert_cmpint (xj_store_start_inspection (f->store, &params, &error), ==, 0);
  g_assert_error (error, XJ_INSPECTION_ERROR, XJ_INSPECTION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "representative"));
  g_clear_error (&error);

  params.kind = "yearly";
  g_assert_cmpint (xj_store_start_inspection (f->store, &params, &error), ==, 0);
  g_assert_error (error, XJ_INSPECTION_ERROR, XJ_INSPECTION_ERROR_INVALID);
  g_clear_error (&error);

  params.kind = "daily";
  params.inspector = "  ";
  g_assert_cmpint (xj_store_start_inspection (f->store, &params, &error), ==, 0);
  g_assert_error (error, XJ_INSPECTION_ERROR, XJ_INSPECTION_ERROR_INVALID);
  g_clear_error (&error);

  list = xj_store_list_inspections (f->store, &filter, &error);
  g_assert_cmpuint (list->len, ==, 0);

  /* Mystery visits record no representative even when one is typed. */
  params.inspector = "王芳";
  params.kind = "mystery_visit";
  params.rep_name = "someone";
  {
    gint64 id = xj_store_start_inspection (f->store, &params, &error);
    g_autoptr(XjInspection) read = xj_store_get_inspection (f->store, id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (read->rep_name, ==, "");
    g_assert_cmpint (read->state, ==, XJ_INSPECTION_DRAFT);
    g_assert_cmpstr (read->site_name, ==, "翠湖花园");
  }
}

/* An inspection starts only from a checklist still in use and an active
 * site; each refusal says which choice to change. */
static void
test_start_needs_live_choices (Fixture       *f,
                               gconstpointer  data)
{
  XjInspectionStart params = { f->site_id, f->daily_id, "daily", "王芳", "", "", 0, 0, 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (xj_store_set_template_archived (f->store, f->daily_id, TRUE, "王芳", &error));
  g_assert_cmpint (xj_store_start_inspection (f->store, &params, &error), ==, 0);
  g_assert_error (error, XJ_INSPECTION_ERROR, XJ_INSPECTION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "checklist no longer exists"));
  g_clear_error (&error);
  g_assert_true (xj_store_set_template_archived (f->store, f->daily_id, FALSE, "王芳", &error));

  g_assert_true (xj_store_set_site_active (f->store, f->site_id, FALSE, "王芳", &error));
  g_assert_cmpint (xj_store_start_inspection (f->store, &params, &error), ==, 0);
  g_assert_error (error, XJ_INSPECTION_ERROR, XJ_INSPECTION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "site is not active"));
  g_clear_error (&error);
  g_assert_true (xj_store_set_site_active (f->store, f->site_id, TRUE, "王芳", &error));

  params.site_id = f->site_id + 1000;
  g_assert_cmpint (xj_store_start_inspection (f->store, &params, &error), ==, 0);
  g_assert_error (error, XJ_INSPECTION_ERROR, XJ_INSPECTION_ERROR_INVALID);
  g_clear_error (&error);

  params.site_id = f->site_id;
  g_assert_cmpint (xj_store_start_inspection (f->store, &params, &error), >, 0);
  g_assert_no_error (error);
}

static void
test_answers_durable_and_scored (Fixture       *f,
                                 gconstpointer  data)
{
  gint64 id = start (f, f->daily_id, "daily");
  g_autoptr(XjTemplate) tmpl = xj_store_load_inspection_template (f->store, id, NULL);
  g_autoptr(GHashTable) answers = NULL;
  g_autoptr(XjScore) score = NULL;
  g_autoptr(GError) error = NULL;
  XjTemplateItem *item = first_item_of_type (tmpl, XJ_RESPONSE_PASS_FAIL);
  XjAnswer *answer;

  g_assert_nonnull (item);
  g_assert_true (xj_store_set_answer (f->store, id, item, "fail", &error));
  g_assert_true (xj_store_set_remark (f->store, id, item, "3 号楼门口有烟头", &error));
  g_assert_no_error (error);

  /* A second connection (another process) sees it at once: committed. */
  {
    g_autofree char *db_path = g_build_filename (f->dir, "xunjian.db", NULL);
    sqlite3 *other = xj_store_open_connection (db_path, TRUE, &error);
    sqlite3_stmt *stmt = NULL;

    g_assert_no_error (error);
    sqlite3_prepare_v2 (other, "SELECT value, outcome, remark FROM answers WHERE item_id = ?1",
                        -1, &stmt, NULL);
    sqlite3_bind_int64 (stmt, 1, item->id);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "fail");
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "fail");
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "3 号楼门口有烟头");
    sqlite3_finalize (stmt);
    sqlite3_close (other);
  }

  /* A value of the wrong shape is refused and changes nothing. */
  g_assert_false (xj_store_set_answer (f->store, id, item, "maybe", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  answers = xj_store_load_answers (f->store, id, &error);
  answer = g_hash_table_lookup (answers, &item->id);
  g_assert_cmpstr (answer->value, ==, "fail");
  g_assert_cmpint (answer->outcome, ==, XJ_OUTCOME_FAIL);

  /* The live score is the scoring rule on what is stored. */
  score = xj_inspection_score (tmpl, answers);
  g_assert_true (score->has_score);
  g_assert_cmpfloat (score->score, ==, 0);
  g_assert_cmpuint (score->n_fail, ==, 1);
  g_assert_cmpfloat (score->failure_index, ==, item->failure_weight);

  /* Clearing an answer leaves it unanswered. */
  g_assert_true (xj_store_set_answer (f->store, id, item, NULL, &error));
  g_clear_pointer (&answers, g_hash_table_unref);
  answers = xj_store_load_answers (f->store, id, &error);
  answer = g_hash_table_lookup (answers, &item->id);
  g_assert_null (answer->value);
  g_assert_cmpint (answer->outcome, ==, XJ_OUTCOME_UNANSWERED);
  g_assert_cmpstr (answer->remark, ==, "3 号楼门口有烟头");
}

static XjTemplateItem *
find_pass_fail (const XjTemplate *tmpl,
                gboolean          photo_on_fail)
{
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);

          if (item->type == XJ_RESPONSE_PASS_FAIL && item->photo_on_fail == photo_on_fail)
            return item;
        }
    }
  g_assert_not_reached ();
}

/* A generated photo, imported and attached to the item's answer. */
static void
attach_new_photo (Fixture              *f,
                  gint64                id,
                  const XjTemplateItem *item)
{
  g_autoptr(GBytes) jpeg = xj_test_make_jpeg (64, 48, 90, (guint32) item->id, FALSE);
  g_autofree char *path = g_build_filename (f->dir, "IMG_0001.jpg", NULL);
  g_autoptr(XjPhotoInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  gint64 answer_id = 0;

  xj_test_write_bytes (path, jpeg);
  info = xj_store_import_photo (f->store, path, &error);
  g_assert_no_error (error);
  g_assert_true (xj_store_ensure_answer (f->store, id, item, &answer_id, &error));
  g_assert_true (xj_store_attach_photo (f->store, XJ_ANSWER_PHOTOS (answer_id), info->sha256, NULL,
                                        "王芳", NULL, &error));
  g_assert_no_error (error);
}

static void
test_complete (Fixture       *f,
               gconstpointer  data)
{
  gint64 id = start (f, f->weekly_id, "weekly");
  g_autoptr(XjTemplate) tmpl = xj_store_load_inspection_template (f->store, id, NULL);
  g_autoptr(XjInspection) done = NULL;
  g_autoptr(GHashTable) answers = NULL;
  g_autoptr(XjScore) score = NULL;
  g_autoptr(GPtrArray) remarks = NULL;
  g_autoptr(GError) error = NULL;
  XjTemplateItem *item = first_item_of_type (tmpl, XJ_RESPONSE_PASS_FAIL);
  guint required = 0;

  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        required += ((XjTemplateItem *) g_ptr_array_index (section->items, i))->required;
    }

  /* Unanswered required items block completion, with a message. */
  if (required > 0)
    {
      g_assert_false (xj_store_complete_inspection (f->store, id, "王芳", &error));
      g_assert_error (error, XJ_INSPECTION_ERROR, XJ_INSPECTION_ERROR_INCOMPLETE);
      g_clear_error (&error);
    }

  answer_all_passing (f, id, tmpl);
  /* A failure whose item needs a remark blocks until the remark is given. */
  item->remark_on_fail = TRUE;
  g_assert_true (xj_store_set_answer (f->store, id, item, "fail", &error));
  answers = xj_store_load_answers (f->store, id, &error);
  {
    g_autoptr(GPtrArray) missing = xj_inspection_missing_required (tmpl, answers);

    g_assert_cmpuint (missing->len, ==, 1);
    g_assert_true (g_ptr_array_index (missing, 0) == item);
  }
  g_assert_true (xj_store_set_remark (f->store, id, item, "垃圾桶外壁有污渍", &error));
  /* The photo a failure may need has its own test (complete-needs-photo). */
  if (item->photo_on_fail)
    attach_new_photo (f, id, item);

  g_assert_true (xj_store_complete_inspection (f->store, id, "王芳", &error));
  g_assert_no_error (error);

  /* The stored score is the one the rule gives. */
  g_clear_pointer (&answers, g_hash_table_unref);
  answers = xj_store_load_answers (f->store, id, &error);
  score = xj_inspection_score (tmpl, answers);
  done = xj_store_get_inspection (f->store, id, &error);
  g_assert_cmpint (done->state, ==, XJ_INSPECTION_COMPLETED);
  g_assert_true (done->has_score);
  g_assert_cmpfloat_with_epsilon (done->score, score->score, 0.051);
  g_assert_cmpfloat (done->score, <, 100);
  g_assert_cmpstr (done->grade, ==, xj_grade_to_string (score->grade));
  g_assert_cmpfloat (done->failure_index, ==, score->failure_index);
  g_assert_cmpint (done->completed_at, ==, xj_clock_now ());

  /* Completed: read-only. */
  g_assert_false (xj_store_set_answer (f->store, id, item, "pass", &error));
  g_assert_error (error, XJ_INSPECTION_ERROR, XJ_INSPECTION_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (xj_store_set_remark (f->store, id, item, "x", &error));
  g_assert_error (error, XJ_INSPECTION_ERROR, XJ_INSPECTION_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* Remarks were learned for next time. */
  remarks = xj_store_list_frequent_remarks (f->store, 10, &error);
  g_assert_cmpuint (remarks->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (remarks, 0), ==, "垃圾桶外壁有污渍");
}

/* A failure whose item asks for a photo blocks completion until one is
 * attached (a photo may come before or after the answer). */
static void
test_complete_needs_photo (Fixture       *f,
                           gconstpointer  data)
{
  gint64 id = start (f, f->daily_id, "daily");
  g_autoptr(XjTemplate) tmpl = xj_store_load_inspection_template (f->store, id, NULL);
  g_autoptr(GHashTable) answers = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GError) error = NULL;
  XjTemplateItem *item = find_pass_fail (tmpl, TRUE);
  gint64 answer_id = 0, again = 0;

  answer_all_passing (f, id, tmpl);
  g_assert_true (xj_store_set_answer (f->store, id, item, "fail", &error));
  g_assert_true (xj_store_set_remark (f->store, id, item, "消防通道堆放杂物", &error));
  answers = xj_store_load_answers (f->store, id, &error);
  missing = xj_inspection_missing_required (tmpl, answers);
  g_assert_cmpuint (missing->len, ==, 1);
  g_assert_true (g_ptr_array_index (missing, 0) == item);
  g_assert_false (xj_store_complete_inspection (f->store, id, "王芳", &error));
  g_assert_error (error, XJ_INSPECTION_ERROR, XJ_INSPECTION_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "photo"));
  g_clear_error (&error);

  g_assert_true (xj_store_ensure_answer (f->store, id, item, &answer_id, &error));
  g_assert_true (xj_store_ensure_answer (f->store, id, item, &again, &error));
  g_assert_cmpint (answer_id, ==, again);
  g_assert_cmpint (answer_id, ==, ((XjAnswer *) g_hash_table_lookup (answers, &item->id))->answer_id);
  attach_new_photo (f, id, item);
  g_assert_true (xj_store_complete_inspection (f->store, id, "王芳", &error));
  g_assert_no_error (error);
  /* Completed: no new answer rows for photos. */
  g_assert_false (xj_store_ensure_answer (f->store, id, first_item_of_type (tmpl, XJ_RESPONSE_PASS_FAIL),
                                          &again, &error));
  g_assert_error (error, XJ_INSPECTION_ERROR, XJ_INSPECTION_ERROR_READ_ONLY);
}

static void
test_previous_answers (Fixture       *f,
                       gconstpointer  data)
{
  gint64 first = start (f, f->daily_id, "daily");
  g_autoptr(XjTemplate) tmpl = xj_store_load_inspection_template (f->store, first, NULL);
  g_autoptr(GHashTable) previous = NULL;
  g_autoptr(GError) error = NULL;
  XjTemplateItem *item = first_item_of_type (tmpl, XJ_RESPONSE_PASS_FAIL);
  XjPreviousAnswer *last;
  gint64 second;

  g_assert_true (xj_store_set_answer (f->store, first, item, "fail", &error));
  xj_clock_set_fixed (1790000000 + 21 * 86400);
  second = start (f, f->daily_id, "daily");

  previous = xj_store_load_previous_answers (f->store, second, &error);
  g_assert_no_error (error);
  last = g_hash_table_lookup (previous, item->key);
  g_assert_nonnull (last);
  g_assert_cmpint (last->inspection_id, ==, first);
  g_assert_cmpint (last->outcome, ==, XJ_OUTCOME_FAIL);
  g_assert_cmpint (last->answered_at, ==, 1790000000);
  /* Failing again three weeks later is a repeat; after 91 days it is not. */
  g_assert_true (xj_previous_answer_is_repeat (last, xj_clock_now ()));
  g_assert_false (xj_previous_answer_is_repeat (last, 1790000000 + 91 * 86400));

  /* A pass in between: "last time" says pass, but failing again is still a
   * repeat of the failure within the window (the notices' rule too). */
  {
    g_autoptr(GHashTable) later = NULL;
    gint64 third;

    g_assert_true (xj_store_set_answer (f->store, second, item, "pass", &error));
    xj_clock_set_fixed (1790000000 + 42 * 86400);
    third = start (f, f->daily_id, "daily");
    later = xj_store_load_previous_answers (f->store, third, &error);
    last = g_hash_table_lookup (later, item->key);
    g_assert_cmpint (last->inspection_id, ==, second);
    g_assert_cmpint (last->outcome, ==, XJ_OUTCOME_PASS);
    g_assert_cmpint (last->failed_at, ==, 1790000000);
    g_assert_true (xj_previous_answer_is_repeat (last, xj_clock_now ()));
  }

  /* The first inspection has nothing before it. */
  g_clear_pointer (&previous, g_hash_table_unref);
  previous = xj_store_load_previous_answers (f->store, first, &error);
  g_assert_cmpuint (g_hash_table_size (previous), ==, 0);
}

static void
test_list_filters (Fixture       *f,
                   gconstpointer  data)
{
  XjInspectionFilter filter = XJ_INSPECTION_FILTER_INIT;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) weekly = NULL;
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GError) error = NULL;

  start (f, f->daily_id, "daily");
  xj_clock_set_fixed (1790000000 + 86400);
  start (f, f->weekly_id, "weekly");
  xj_clock_set_fixed (1790000000 + 2 * 86400);
  start (f, f->daily_id, "spot_check");

  all = xj_store_list_inspections (f->store, &filter, &error);
  g_assert_cmpuint (all->len, ==, 3);
  /* Newest first. */
  g_assert_cmpstr (((XjInspection *) g_ptr_array_index (all, 0))->kind, ==, "spot_check");

  filter.kind = "weekly";
  weekly = xj_store_list_inspections (f->store, &filter, &error);
  g_assert_cmpuint (weekly->len, ==, 1);

  filter.kind = NULL;
  filter.from = 1790000000 + 86400;
  recent = xj_store_list_inspections (f->store, &filter, &error);
  g_assert_cmpuint (recent->len, ==, 2);

  filter.from = 0;
  filter.state = XJ_INSPECTION_COMPLETED;
  drafts = xj_store_list_inspections (f->store, &filter, &error);
  g_assert_cmpuint (drafts->len, ==, 0);
}

static void
test_format_ago (void)
{
  const gint64 now = 1790000000;
  const struct {
    gint64      ago;
    const char *text;
  } cases[] = {
    { -30, "just now" },
    { 59, "just now" },
    { 60, "1 minute ago" },
    { 3599, "59 minutes ago" },
    { 7200, "2 hours ago" },
    { 86400, "1 day ago" },
    { 13 * 86400, "13 days ago" },
    { 21 * 86400, "3 weeks ago" },
    { 59 * 86400, "8 weeks ago" },
    { 60 * 86400, "2 months ago" },
    { 364 * 86400, "12 months ago" },
    { 800 * 86400, "2 years ago" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = xj_format_ago (now - cases[i].ago, now);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_local_minute (void)
{
  const char *const refused[] = { "", "2026-02-30 10:00", "2026-13-01 10:00", "2026-03-01",
                                  "2026-03-01 24:00", "2026-03-01 10:60", "2026-03-01 10:30 x",
                                  "tomorrow", NULL };
  g_autoptr(GDateTime) expected = g_date_time_new_local (2026, 3, 1, 10, 30, 0);
  g_autofree char *text = NULL;
  gint64 when = 0;

  g_assert_true (xj_parse_local_minute ("2026-03-01 10:30", &when));
  g_assert_cmpint (when, ==, g_date_time_to_unix (expected));
  g_assert_true (xj_parse_local_minute (" 2026-3-1  10:30 ", &when));
  g_assert_cmpint (when, ==, g_date_time_to_unix (expected));
  text = xj_format_local_minute (when);
  g_assert_cmpstr (text, ==, "2026-03-01 10:30");
  g_assert_true (xj_parse_local_minute ("2028-02-29 00:00", &when));
  for (guint i = 0; refused[i] != NULL; i++)
    g_assert_false (xj_parse_local_minute (refused[i], &when));
}

int
main (int    argc,
      char **argv)
{
  xj_test_init (&argc, &argv);

  g_test_add_func ("/xj/clock/format-ago", test_format_ago);
  g_test_add_func ("/xj/clock/local-minute", test_local_minute);
  g_test_add ("/xj/inspection/start-validation", Fixture, NULL, fixture_set_up,
              test_start_validation, fixture_tear_down);
  g_test_add ("/xj/inspection/start-needs-live-choices", Fixture, NULL, fixture_set_up,
              test_start_needs_live_choices, fixture_tear_down);
  g_test_add ("/xj/inspection/answers-durable-and-scored", Fixture, NULL, fixture_set_up,
              test_answers_durable_and_scored, fixture_tear_down);
  g_test_add ("/xj/inspection/complete", Fixture, NULL, fixture_set_up, test_complete,
              fixture_tear_down);
  g_test_add ("/xj/inspection/complete-needs-photo", Fixture, NULL, fixture_set_up,
              test_complete_needs_photo, fixture_tear_down);
  g_test_add ("/xj/inspection/previous-answers", Fixture, NULL, fixture_set_up,
              test_previous_answers, fixture_tear_down);
  g_test_add ("/xj/inspection/list-filters", Fixture, NULL, fixture_set_up, test_list_filters,
              fixture_tear_down);

  return g_test_run ();
}
