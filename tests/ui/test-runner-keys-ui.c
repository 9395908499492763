/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The runner's keyboard flow and what it shows on the way, on the real
 * widgets: F on a failure that needs evidence, R after an answer, Enter,
 * the digits of a rating, the hints that go once the remark or photo is
 * given, a running stopwatch across leaving and restarting, the summary's
 * focus and where the keyboard is after completing.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>

#include "runner-fixture.h"
#include "xj-clock.h"
#include "xj-inspection-summary.h"
#include "xj-item-control.h"
#include "xj-sign-dialog.h"
#include "xj-stopwatch.h"
#include "xj-test-ui.h"
#include "xj-test-utils.h"

/* --- helpers -------------------------------------------------------------- */

static XjItemRow *
current (XjRunner *runner)
{
  return xj_runner_get_current_row (runner);
}

static guint
current_number (XjRunner *runner)
{
  return (guint) g_ascii_strtoull (gtk_label_get_text (GTK_LABEL (xj_test_find_widget (GTK_WIDGET (current (runner)),
                                                                                       "number"))),
                                   NULL, 10);
}

/* The item at 1-based position @number, in template order. */
static const XjTemplateItem *
template_item (const XjTemplate *tmpl,
               guint             number)
{
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      if (number <= section->items->len)
        return g_ptr_array_index (section->items, number - 1);
      number -= section->items->len;
    }
  g_assert_not_reached ();
}

static const XjTemplateItem *
item_at (XjRunner *runner,
         guint     number)
{
  return template_item (xj_runner_get_template (runner), number);
}

static void
go_to (XjRunner *runner,
       guint     number)
{
  xj_runner_jump_to_item (runner, item_at (runner, number)->id);
  gtk_widget_grab_focus (GTK_WIDGET (current (runner)));
  xj_test_wait_until ((current_number (runner)) == (number));
}

static XjAnswer *
stored (Fixture  *f,
        XjRunner *runner,
        guint     number)
{
  g_autoptr(GHashTable) answers = xj_store_load_answers (f->store,
                                                         xj_runner_get_inspection_id (runner),
                                                         NULL);
  XjAnswer *answer = g_hash_table_lookup (answers, &item_at (runner, number)->id);

  if (answer == NULL)
    return NULL;
  g_hash_table_steal (answers, &answer->item_id);
  return answer;
}

static GtkWidget *
focus_of (XjRunner *runner)
{
  return gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (runner)));
}

static gboolean
remark_has_focus (XjItemRow *row)
{
  GtkWidget *remark = xj_test_find_widget (GTK_WIDGET (row), "remark");
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (row)));

  return focus != NULL && (focus == remark || gtk_widget_is_ancestor (focus, remark));
}

static const char *
hint (XjItemRow *row)
{
  GtkWidget *label = xj_test_find_widget (GTK_WIDGET (row), "requirement");

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static void
type_remark (XjItemRow  *row,
             const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (xj_test_find_widget (GTK_WIDGET (row), "remark")), text);
}

static void
rate (XjRunner *runner,
      int       digit)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (runner), "runner.rate", "i", digit));
  xj_test_iterate (5);
}

/* --- tests ---------------------------------------------------------------- */

/* P then R: the remark is the answered item's; it is in the database as it
 * is typed, with no pause.  F on a failure that needs a photo stays there
 * with the remark focused; Enter in the remark moves on.  Enter in a text
 * item's entry writes it and moves on. */
static void
test_fail_remark_enter (Fixture       *f,
                        gconstpointer  data)
{
  gint64 id = start_inspection (f, "xunjian:builtin:weekly-check", "weekly");
  XjRunner *runner = open_runner (f, id);
  g_autoptr(XjAnswer) answer = NULL;
  XjItemRow *row;
  GtkWidget *entry;

  run (runner, "runner.pass");
  g_assert_cmpuint (current_number (runner), ==, 2);
  run (runner, "runner.remark");
  g_assert_cmpuint (current_number (runner), ==, 1);
  g_assert_true (remark_has_focus (current (runner)));
  type_remark (current (runner), "东门地面已清扫");
  answer = stored (f, runner, 1);
  g_assert_cmpstr (answer->remark, ==, "东门地面已清扫");
  g_assert_cmpstr (answer->value, ==, "pass");
  g_clear_pointer (&answer, xj_answer_free);

  /* R after moving by hand is the current item's, as before. */
  run (runner, "runner.to-item");
  run (runner, "runner.next");
  run (runner, "runner.remark");
  g_assert_cmpuint (current_number (runner), ==, 2);
  run (runner, "runner.to-item");

  /* F: item 2 needs a photo on failure, so the keyboard stays there. */
  run (runner, "runner.fail");
  row = current (runner);
  g_assert_cmpuint (current_number (runner), ==, 2);
  g_assert_true (remark_has_focus (row));
  g_assert_cmpstr (hint (row), ==, _("A failure needs a photo."));
  attach_photo (runner, item_at (runner, 2));
  xj_test_wait_until ((hint (row)) == NULL);
  g_signal_emit_by_name (xj_test_find_widget (GTK_WIDGET (row), "remark"), "activate");
  xj_test_wait_until ((current_number (runner)) == (3));

  /* Item 7 needs both: the hint says what is still missing. */
  go_to (runner, 7);
  run (runner, "runner.fail");
  row = current (runner);
  g_assert_cmpuint (current_number (runner), ==, 7);
  g_assert_cmpstr (hint (row), ==, _("A failure needs a remark and a photo."));
  type_remark (row, "座椅损坏");
  g_assert_cmpstr (hint (row), ==, _("A failure needs a photo."));
  attach_photo (runner, item_at (runner, 7));
  xj_test_wait_until ((hint (row)) == NULL);

  /* Item 6 is a text: Enter writes it and moves on. */
  go_to (runner, 6);
  run (runner, "runner.pass");
  entry = control_child (current (runner), GTK_TYPE_ENTRY);
  g_assert_true (gtk_widget_has_focus (entry) || gtk_widget_is_ancestor (focus_of (runner), entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "无其他问题");
  answer = stored (f, runner, 6);
  g_assert_cmpstr (answer->value, ==, "无其他问题");
  g_signal_emit_by_name (entry, "activate");
  xj_test_wait_until ((current_number (runner)) == (7));
}

/* 1 to 5 rate a rating item and move on; a failing rating that needs a
 * remark stays with the remark focused; digits do nothing elsewhere. */
static void
test_rating_digits (Fixture       *f,
                    gconstpointer  data)
{
  gint64 id = start_inspection (f, "xunjian:builtin:mystery-store-visit", "mystery_visit");
  XjRunner *runner = open_runner (f, id);
  g_autoptr(XjAnswer) answer = NULL;

  go_to (runner, 3);
  rate (runner, 4);
  g_assert_cmpuint (current_number (runner), ==, 3);
  g_assert_null (stored (f, runner, 3));

  go_to (runner, 4);
  g_assert_cmpint (item_at (runner, 4)->type, ==, XJ_RESPONSE_RATING);
  rate (runner, 4);
  answer = stored (f, runner, 4);
  g_assert_cmpstr (answer->value, ==, "4");
  g_assert_cmpuint (current_number (runner), ==, 5);
  g_clear_pointer (&answer, xj_answer_free);

  go_to (runner, 7);
  rate (runner, 2);
  answer = stored (f, runner, 7);
  g_assert_cmpstr (answer->value, ==, "2");
  g_assert_cmpint (answer->outcome, ==, XJ_OUTCOME_FAIL);
  g_assert_cmpuint (current_number (runner), ==, 7);
  g_assert_true (remark_has_focus (current (runner)));
  g_assert_cmpstr (hint (current (runner)), ==, _("A failure needs a remark."));
  type_remark (current (runner), "距离过近");
  g_assert_null (hint (current (runner)));
}

static XjStopwatch *
stopwatch_of (XjItemRow *row)
{
  return XJ_STOPWATCH (control_child (row, XJ_TYPE_STOPWATCH));
}

static const char *
digits_of (XjItemRow *row)
{
  GtkWidget *label = xj_test_find_by_type (GTK_WIDGET (stopwatch_of (row)), GTK_TYPE_LABEL);

  return gtk_label_get_text (GTK_LABEL (label));
}

/* S starts the first stopwatch; it keeps running when the runner is left
 * and when the program starts again, and S stops it with the whole time. */
static void
test_stopwatch_survives (Fixture       *f,
                         gconstpointer  data)
{
  gint64 id = start_inspection (f, "xunjian:builtin:mystery-store-visit", "mystery_visit");
  XjRunner *runner = open_runner (f, id);
  g_autoptr(XjAnswer) answer = NULL;
  gint64 started;
  GtkWindow *ask;

  run (runner, "runner.stopwatch");
  g_assert_cmpuint (current_number (runner), ==, 6);
  g_assert_true (xj_item_row_get_timer_running (current (runner)));
  answer = stored (f, runner, 6);
  g_assert_nonnull (answer);
  started = answer->timer_started_ms;
  g_assert_cmpint (started, >, 0);
  g_assert_null (answer->value);
  g_clear_pointer (&answer, xj_answer_free);
  xj_test_iterate (300);

  /* Back to the list and in again: still running from the same start. */
  run (runner, "runner.back");
  xj_test_iterate (50);
  runner = open_runner (f, id);
  g_assert_true (xj_item_row_get_timer_running (xj_runner_get_row (runner, item_at (runner, 6)->id)));
  g_assert_cmpstr (digits_of (xj_runner_get_row (runner, item_at (runner, 6)->id)), !=, "00:00.0");

  /* Closing the last window while it runs asks first. */
  gtk_window_close (GTK_WINDOW (f->window));
  xj_test_wait_until ((ask = xj_test_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (ask), "cancel");
  xj_test_iterate (50);

  /* The program stops and starts again: the stopwatch runs on. */
  fixture_restart (f);
  runner = open_runner (f, id);
  g_assert_true (xj_item_row_get_timer_running (xj_runner_get_row (runner, item_at (runner, 6)->id)));
  answer = stored (f, runner, 6);
  g_assert_cmpint (answer->timer_started_ms, ==, started);
  g_clear_pointer (&answer, xj_answer_free);

  run (runner, "runner.stopwatch");
  answer = stored (f, runner, 6);
  g_assert_nonnull (answer->value);
  g_assert_cmpfloat (g_ascii_strtod (answer->value, NULL), >=, 0.3);
  g_assert_cmpint (answer->timer_started_ms, ==, 0);
  g_assert_false (xj_item_row_get_timer_running (xj_runner_get_row (runner, item_at (runner, 6)->id)));
}

/* Past the limit while running, the digits say so as it happens. */
static void
test_stopwatch_limit (Fixture       *f,
                      gconstpointer  data)
{
  gint64 id = start_inspection (f, "xunjian:builtin:mystery-store-visit", "mystery_visit");
  g_autoptr(XjTemplate) tmpl = xj_store_load_inspection_template (f->store, id, NULL);
  const XjTemplateItem *item = NULL;
  g_autoptr(GError) error = NULL;
  XjRunner *runner;
  GtkWidget *digits;

  for (guint i = 0; i < tmpl->sections->len && item == NULL; i++)
    {
      GPtrArray *items = ((XjTemplateSection *) g_ptr_array_index (tmpl->sections, i))->items;

      for (guint j = 0; j < items->len && item == NULL; j++)
        if (((XjTemplateItem *) g_ptr_array_index (items, j))->type == XJ_RESPONSE_STOPWATCH)
          item = g_ptr_array_index (items, j);
    }

  /* Started 25 s ago: under the 30 s limit, then over it 5 s later. */
  g_assert_nonnull (item);
  g_assert_cmpfloat (item->threshold, ==, 30);
  g_assert_true (xj_store_set_timer_started (f->store, id, item, g_get_real_time () / 1000 - 25500,
                                             &error));
  g_assert_no_error (error);
  runner = open_runner (f, id);
  digits = xj_test_find_by_type (GTK_WIDGET (stopwatch_of (xj_runner_get_row (runner, item->id))),
                                 GTK_TYPE_LABEL);
  g_assert_false (gtk_widget_has_css_class (digits, "over-limit"));
  xj_test_wait_until (gtk_widget_has_css_class (digits, "over-limit"));
  g_assert_true (gtk_widget_has_css_class (digits, "over-limit"));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (digits)), "00:3"));
}

/* The summary focuses what comes next: the first row to handle (Enter goes
 * there), or Complete; after completing the keyboard is on the item. */
static void
test_summary_focus (Fixture       *f,
                    gconstpointer  data)
{
  gint64 id = start_inspection (f, "xunjian:builtin:weekly-check", "weekly");
  XjRunner *runner = open_runner (f, id);
  guint total = xj_template_count_items (xj_runner_get_template (runner));
  GtkWindow *summary;
  GtkWidget *focus;

  go_to (runner, 3);
  run (runner, "runner.fail");
  run (runner, "runner.to-item");
  go_to (runner, 1);
  run (runner, "runner.summary");
  summary = xj_test_find_window (XJ_TYPE_INSPECTION_SUMMARY);
  g_assert_nonnull (summary);
  xj_test_iterate (30);
  focus = gtk_root_get_focus (GTK_ROOT (summary));
  g_assert_true (ADW_IS_ACTION_ROW (focus));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (focus)), ==,
                   item_at (runner, 3)->prompt);
  g_signal_emit_by_name (focus, "activate");
  xj_test_wait_until ((xj_test_find_window (XJ_TYPE_INSPECTION_SUMMARY)) == NULL);
  g_assert_cmpuint (current_number (runner), ==, 3);

  /* Everything answered (n.a. moves on by itself), photo attached. */
  attach_photo (runner, item_at (runner, 3));
  xj_test_iterate (20);
  go_to (runner, 4);
  for (guint i = 4; i <= total; i++)
    run (runner, "runner.na");
  run (runner, "runner.summary");
  summary = xj_test_find_window (XJ_TYPE_INSPECTION_SUMMARY);
  xj_test_iterate (30);
  focus = gtk_root_get_focus (GTK_ROOT (summary));
  g_assert_true (focus == xj_test_find_widget (GTK_WIDGET (summary), "complete_button"));
  g_signal_emit_by_name (focus, "clicked");
  xj_test_wait_until (xj_runner_get_read_only (runner));
  g_assert_true (focus_of (runner) == GTK_WIDGET (current (runner)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (runner), "runner.previous", NULL));
  g_assert_cmpuint (current_number (runner), ==, total - 1);

  /* The sign dialog closed: the keyboard is back on the item. */
  gtk_window_set_focus (GTK_WINDOW (f->window), NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (runner), "runner.sign", NULL));
  xj_test_wait_until (!(xj_test_find_window (XJ_TYPE_SIGN_DIALOG) == NULL));
  g_assert_nonnull (xj_test_find_window (XJ_TYPE_SIGN_DIALOG));
  gtk_window_close (xj_test_find_window (XJ_TYPE_SIGN_DIALOG));
  xj_test_wait_until (focus_of (runner) == GTK_WIDGET (current (runner)));
}

/* "Repeat finding" beside "Last time: pass" gives the failure's date; a
 * date-time answered last time reads in local time. */
static void
test_previous_answers (Fixture       *f,
                       gconstpointer  data)
{
  gint64 now = xj_clock_now ();
  gint64 earlier, later, id;
  g_autoptr(XjTemplate) tmpl = NULL;
  g_autofree char *when = xj_format_iso8601 (now - 20 * 86400);
  g_autofree char *shown = xj_format_local_minute (now - 20 * 86400);
  g_autofree char *failed = NULL;
  g_autoptr(GError) error = NULL;
  XjRunner *runner;
  XjItemRow *row;
  const char *tag;

  xj_clock_set_fixed (now - 20 * 86400);
  earlier = start_inspection (f, "xunjian:builtin:mystery-store-visit", "mystery_visit");
  tmpl = xj_store_load_inspection_template (f->store, earlier, &error);
  g_assert_true (xj_store_set_answer (f->store, earlier, template_item (tmpl, 1), when, &error));
  g_assert_true (xj_store_set_answer (f->store, earlier, template_item (tmpl, 3), "no", &error));
  g_assert_no_error (error);
  failed = xj_format_local_minute (now - 20 * 86400);
  xj_clock_set_fixed (now - 10 * 86400);
  later = start_inspection (f, "xunjian:builtin:mystery-store-visit", "mystery_visit");
  g_assert_true (xj_store_set_answer (f->store, later, template_item (tmpl, 3), "yes", &error));
  xj_clock_unset_fixed ();
  id = start_inspection (f, "xunjian:builtin:mystery-store-visit", "mystery_visit");

  runner = open_runner (f, id);
  row = xj_runner_get_row (runner, item_at (runner, 1)->id);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (xj_test_find_widget (GTK_WIDGET (row), "previous"))),
                            shown));
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (xj_test_find_widget (GTK_WIDGET (row), "previous"))),
                         when));

  go_to (runner, 3);
  run (runner, "runner.fail");
  row = xj_runner_get_row (runner, item_at (runner, 3)->id);
  g_assert_true (xj_item_row_is_repeat (row));
  tag = gtk_label_get_text (GTK_LABEL (xj_test_find_widget (GTK_WIDGET (row), "repeat_tag")));
  g_assert_nonnull (strstr (tag, failed));
}

int
main (int    argc,
      char **argv)
{
  xj_test_init_ui (&argc, &argv);
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();

  g_test_add ("/xj/ui/runner-keys/fail-remark-enter", Fixture, NULL, fixture_set_up,
              test_fail_remark_enter, fixture_tear_down);
  g_test_add ("/xj/ui/runner-keys/rating-digits", Fixture, NULL, fixture_set_up,
              test_rating_digits, fixture_tear_down);
  g_test_add ("/xj/ui/runner-keys/stopwatch-survives", Fixture, NULL, fixture_set_up,
              test_stopwatch_survives, fixture_tear_down);
  g_test_add ("/xj/ui/runner-keys/stopwatch-limit", Fixture, NULL, fixture_set_up,
              test_stopwatch_limit, fixture_tear_down);
  g_test_add ("/xj/ui/runner-keys/summary-focus", Fixture, NULL, fixture_set_up,
              test_summary_focus, fixture_tear_down);
  g_test_add ("/xj/ui/runner-keys/previous-answers", Fixture, NULL, fixture_set_up,
              test_previous_answers, fixture_tear_down);

  return g_test_run ();
}
