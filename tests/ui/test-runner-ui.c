/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Inspections area, the new-inspection dialog and the runner, built
 * from the real widgets on a fresh data folder and driven through the same
 * actions that the keyboard shortcuts trigger.
 */
#include "config.h"

#include "xj-choices-private.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>

#include "xj-application.h"
#include "xj-inspection-summary.h"
#include "xj-notice-dialog.h"
#include "xj-inspections-page.h"
#include "xj-item-control.h"
#include "xj-new-inspection-dialog.h"
#include "xj-photo-store.h"
#include "xj-runner.h"
#include "xj-site.h"
#include "xj-template-store.h"
#include "xj-test-photos.h"
#include "xj-test-ui.h"
#include "xj-test-utils.h"
#include "xj-window.h"

#include "runner-fixture.h"

static const char *
score_shown (XjRunner *runner)
{
  return gtk_label_get_text (GTK_LABEL (xj_test_find_widget (GTK_WIDGET (runner), "score_label")));
}

/* What the header must say for what is stored: the one scoring rule. */
static char *
expected_score_text (Fixture *f,
                     gint64   inspection_id)
{
  g_autoptr(XjTemplate) tmpl = xj_store_load_inspection_template (f->store, inspection_id, NULL);
  g_autoptr(GHashTable) answers = xj_store_load_answers (f->store, inspection_id, NULL);
  g_autoptr(XjScore) score = xj_inspection_score (tmpl, answers);
  g_autofree char *failures = NULL;

  g_assert_true (score->has_score);
  failures = g_strdup_printf (ngettext ("%u failure", "%u failures", score->n_fail), score->n_fail);
  return g_strdup_printf ("%.1f %% · %s · %s", score->score, xj_grade_get_label (score->grade),
                          failures);
}


/* Answers every item of the runner's checklist from the first to the last,
 * as an inspector with the keyboard would: P / F / N on pass-fail and
 * yes-no items (which move on by themselves), the control itself for the
 * rest, R and a remark where a failure needs one.  Returns the values
 * given, by item id. */
static GHashTable *
fill_whole_checklist (XjRunner *runner)
{
  GHashTable *given = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  const XjTemplate *tmpl = xj_runner_get_template (runner);
  guint total = xj_template_count_items (tmpl);

  for (guint n = 0; n < total; n++)
    {
      XjItemRow *row = xj_runner_get_current_row (runner);
      const XjTemplateItem *item = xj_item_row_get_item (row);
      gint64 *key = g_memdup2 (&item->id, sizeof item->id);
      const char *value = NULL;
      gboolean moves = TRUE;

      switch (item->type)
        {
        case XJ_RESPONSE_PASS_FAIL:
        case XJ_RESPONSE_YES_NO:
          if (n % 4 == 1)
            {
              /* A failure that needs a remark or a photo keeps the
               * keyboard in its remark; the photo is attached below. */
              run (runner, "runner.fail");
              value = item->type == XJ_RESPONSE_PASS_FAIL ? "fail"
                      : item->pass_answer ? "no" : "yes";
              moves = xj_runner_get_current_row (runner) == row;
              g_assert_true (moves == (item->photo_on_fail || item->remark_on_fail));
              if (item->remark_on_fail)
                gtk_editable_set_text (GTK_EDITABLE (xj_test_find_widget (GTK_WIDGET (row),
                                                                          "remark")),
                                       "消防通道堆放杂物");
              break;
            }
          else if (n % 4 == 3)
            {
              run (runner, "runner.na");
              value = "na";
            }
          else
            {
              run (runner, "runner.pass");
              value = item->type == XJ_RESPONSE_PASS_FAIL ? "pass"
                      : item->pass_answer ? "yes" : "no";
            }
          moves = FALSE;
          break;
        case XJ_RESPONSE_CHOICE:
          gtk_drop_down_set_selected (GTK_DROP_DOWN (control_child (row, GTK_TYPE_DROP_DOWN)), 1);
          value = "0";
          break;
        case XJ_RESPONSE_RATING:
          /* No pass / fail key for a rating: F gives its control the keyboard. */
          run (runner, "runner.fail");
          g_assert_true (xj_runner_get_current_row (runner) == row);
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (xj_test_find_button (GTK_WIDGET (row), "4")), TRUE);
          value = "4";
          break;
        case XJ_RESPONSE_NUMBER:
          gtk_editable_set_text (GTK_EDITABLE (control_child (row, GTK_TYPE_ENTRY)), "21.5");
          /* Enter writes a typed answer and moves on. */
          g_signal_emit_by_name (control_child (row, GTK_TYPE_ENTRY), "activate");
          value = "21.5";
          /* ... unless a failure still needs its remark or photo. */
          moves = xj_runner_get_current_row (runner) == row && n + 1 < total;
          g_assert_true (!moves || (xj_template_item_evaluate (item, value, NULL) == XJ_OUTCOME_FAIL
                                    && (item->photo_on_fail || item->remark_on_fail)));
          break;
        default:
          gtk_editable_set_text (GTK_EDITABLE (control_child (row, GTK_TYPE_ENTRY)),
                                 "值班记录齐全，交接清楚");
          g_signal_emit_by_name (control_child (row, GTK_TYPE_ENTRY), "activate");
          value = "值班记录齐全，交接清楚";
          /* ... unless a failure still needs its remark or photo. */
          moves = xj_runner_get_current_row (runner) == row && n + 1 < total;
          g_assert_true (!moves || (xj_template_item_evaluate (item, value, NULL) == XJ_OUTCOME_FAIL
                                    && (item->photo_on_fail || item->remark_on_fail)));
          break;
        }
      g_assert_false (gtk_widget_get_visible (xj_test_find_widget (GTK_WIDGET (row), "error")));
      if (item->photo_on_fail && xj_template_item_evaluate (item, value, NULL) == XJ_OUTCOME_FAIL)
        attach_photo (runner, item);
      g_hash_table_insert (given, key, g_strdup (value));
      if (moves)
        run (runner, "runner.next");
      /* P / F / N moved to the next item, except on the last one. */
      if (n + 1 < total)
        g_assert_true (xj_runner_get_current_row (runner) != row);
    }
  return given;
}

static void
assert_stored (Fixture    *f,
               gint64      inspection_id,
               GHashTable *given)
{
  g_autoptr(GHashTable) stored = xj_store_load_answers (f->store, inspection_id, NULL);
  GHashTableIter iter;
  gint64 *item_id;
  const char *value;

  g_hash_table_iter_init (&iter, given);
  while (g_hash_table_iter_next (&iter, (gpointer *) &item_id, (gpointer *) &value))
    {
      XjAnswer *answer = g_hash_table_lookup (stored, item_id);

      if (answer == NULL)
        g_error ("item %lld: no answer stored, %s given", (long long) *item_id, value);
      g_assert_cmpstr (answer->value, ==, value);
    }
  g_assert_cmpuint (g_hash_table_size (stored), ==, g_hash_table_size (given));
}

/* A whole checklist through the runner, the summary, completion; the score
 * shown, the live score of what is stored and the stored score agree. */
static void
fill_and_complete (Fixture    *f,
                   const char *uid,
                   const char *kind)
{
  gint64 id = start_inspection (f, uid, kind);
  XjRunner *runner = open_runner (f, id);
  g_autoptr(GHashTable) given = fill_whole_checklist (runner);
  g_autofree char *expected = NULL;
  g_autoptr(XjInspection) done = NULL;
  g_autoptr(GError) error = NULL;
  XjInspectionSummary *summary;
  GtkWindow *found;

  xj_test_iterate (20);
  assert_stored (f, id, given);
  expected = expected_score_text (f, id);
  g_assert_cmpstr (score_shown (runner), ==, expected);

  run (runner, "runner.summary");
  found = xj_test_find_window (XJ_TYPE_INSPECTION_SUMMARY);
  g_assert_nonnull (found);
  summary = XJ_INSPECTION_SUMMARY (found);
  g_assert_cmpuint (xj_inspection_summary_get_n_missing (summary), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (summary), "summary.complete", NULL));
  xj_test_wait_until ((xj_test_find_window (XJ_TYPE_INSPECTION_SUMMARY)) == NULL);

  done = xj_store_get_inspection (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (done->state, ==, XJ_INSPECTION_COMPLETED);
  g_assert_true (done->has_score);
  {
    g_autofree char *stored = g_strdup_printf ("%.1f %%", done->score);

    g_assert_true (g_str_has_prefix (score_shown (runner), stored));
  }

  /* Completed: read-only in the runner, the keys no longer answer. */
  g_assert_true (xj_runner_get_read_only (runner));
  run (runner, "runner.previous");
  gtk_widget_activate_action (GTK_WIDGET (runner), "runner.fail", NULL);
  xj_test_iterate (5);
  assert_stored (f, id, given);
  g_assert_true (gtk_widget_get_visible (xj_test_find_widget (GTK_WIDGET (runner), "read_only_bar")));
}

/* Findings become a notice from the summary: the failed items are picked,
 * the raise dialog opens on them. */
static void
test_raise_notice (Fixture       *f,
                   gconstpointer  data)
{
  gint64 id = start_inspection (f, "xunjian:builtin:weekly-check", "weekly");
  g_autoptr(XjTemplate) tmpl = xj_store_load_inspection_template (f->store, id, NULL);
  g_autoptr(GError) error = NULL;
  XjRunner *runner;
  GtkWindow *summary;
  guint failed = 0;

  for (guint s = 0; s < tmpl->sections->len && failed < 2; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len && failed < 2; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);

          if (item->type != XJ_RESPONSE_PASS_FAIL)
            continue;
          g_assert_true (xj_store_set_answer (f->store, id, item, "fail", &error));
          g_assert_true (xj_store_set_remark (f->store, id, item, "北侧绿化带有垃圾", &error));
          failed++;
        }
    }
  runner = open_runner (f, id);
  run (runner, "runner.summary");
  summary = xj_test_find_window (XJ_TYPE_INSPECTION_SUMMARY);
  g_assert_nonnull (summary);
  g_assert_nonnull (xj_test_find_button (GTK_WIDGET (summary), "Raise Notice…"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (summary), "summary.raise-notice", NULL));
  xj_test_wait_until ((xj_test_find_window (XJ_TYPE_INSPECTION_SUMMARY)) == NULL);
  g_assert_nonnull (xj_test_find_window (XJ_TYPE_NOTICE_DIALOG));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (xj_test_find_window (XJ_TYPE_NOTICE_DIALOG)),
                                      "北侧绿化带有垃圾"));
  gtk_window_destroy (xj_test_find_window (XJ_TYPE_NOTICE_DIALOG));
}

static void
test_fill_daily (Fixture       *f,
                 gconstpointer  data)
{
  fill_and_complete (f, "xunjian:builtin:daily-patrol", "daily");
}

static void
test_fill_weekly (Fixture       *f,
                  gconstpointer  data)
{
  fill_and_complete (f, "xunjian:builtin:weekly-check", "weekly");
}

static void
test_fill_monthly (Fixture       *f,
                   gconstpointer  data)
{
  fill_and_complete (f, "xunjian:builtin:monthly-check", "monthly");
}

/* The keys the shortcuts window lists trigger these actions. */
static void
test_shortcuts (Fixture       *f,
                gconstpointer  data)
{
  static const char *const expected[][2] = {
    { "p", "runner.pass" }, { "f", "runner.fail" }, { "n", "runner.na" },
    { "j", "runner.next" }, { "Down", "runner.next" }, { "k", "runner.previous" },
    { "Up", "runner.previous" }, { "r", "runner.remark" }, { "<Control>f", "runner.search" },
    { "<Control>Return", "runner.summary" }, { "Escape", "runner.to-item" },
  };
  XjRunner *runner = open_runner (f, start_inspection (f, "xunjian:builtin:daily-patrol", "daily"));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (runner));
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  static const char *const listed[] = { "p", "f", "n", "j Down", "k Up", "r", "<Primary>f",
                                        "<Primary>Return", "<Alt>Left", "Escape" };

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_NAMED_ACTION (action))
            g_hash_table_insert (found, gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut)),
                                 g_strdup (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action))));
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_hash_table_lookup (found, expected[i][0]), ==, expected[i][1]);

  /* The shortcuts window lists them. */
  {
    GtkWidget *overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)));
    g_autoptr(GPtrArray) accels = g_ptr_array_new_with_free_func (g_free);

    g_assert_nonnull (overlay);
    for (GtkWidget *w = overlay; w != NULL;)
      {
        if (GTK_IS_SHORTCUTS_SHORTCUT (w))
          {
            char *accel = NULL;

            g_object_get (w, "accelerator", &accel, NULL);
            g_ptr_array_add (accels, accel);
          }
        /* Depth-first walk of the widget tree. */
        if (gtk_widget_get_first_child (w) != NULL)
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != NULL && w != overlay && gtk_widget_get_next_sibling (w) == NULL)
              w = gtk_widget_get_parent (w);
            w = w == NULL || w == overlay ? NULL : gtk_widget_get_next_sibling (w);
          }
      }
    g_ptr_array_add (accels, NULL);
    for (guint i = 0; i < G_N_ELEMENTS (listed); i++)
      g_assert_true (g_strv_contains ((const char *const *) accels->pdata, listed[i]));
  }
}

/* A draft reopens exactly where it was left; one runner per inspection. */
static void
test_resume_draft (Fixture       *f,
                   gconstpointer  data)
{
  gint64 id = start_inspection (f, "xunjian:builtin:weekly-check", "weekly");
  XjRunner *runner = open_runner (f, id);
  gint64 left_at;
  XjWindow *second;
  GtkWidget *drafts;
  GtkWidget *row;

  run (runner, "runner.pass");
  run (runner, "runner.fail");
  run (runner, "runner.next");
  run (runner, "runner.next");
  run (runner, "runner.previous");
  left_at = xj_item_row_get_item (xj_runner_get_current_row (runner))->id;

  /* A second window asked for the same draft brings the first forward. */
  second = xj_window_new (f->app);
  gtk_window_present (GTK_WINDOW (second));
  g_assert_true (xj_window_open_inspection (second, id));
  g_assert_null (xj_window_get_runner (second));
  gtk_window_destroy (GTK_WINDOW (second));

  run (runner, "runner.back");
  xj_test_wait_until ((xj_window_get_runner (f->window)) == NULL);

  /* The page lists the draft first (read in a worker); opening it resumes
   * at the same item. */
  xj_test_wait_until (xj_inspections_page_get_n_drafts (f->page) == 1);
  drafts = xj_test_find_widget (GTK_WIDGET (f->page), "drafts_group");
  row = xj_test_find_by_type (drafts, GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  g_assert_true (xj_test_label_shown (row, "answer"));
  g_assert_true (gtk_widget_activate (row));
  xj_test_wait_until ((runner = XJ_RUNNER (xj_window_get_runner (f->window))) != NULL);
  g_assert_cmpint (xj_item_row_get_item (xj_runner_get_current_row (runner))->id, ==, left_at);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (xj_runner_get_current_row (runner)), "current"));
}

/* Out of range turns red and is stored; searching filters by prompt. */
static void
test_number_and_search (Fixture       *f,
                        gconstpointer  data)
{
  gint64 id = start_inspection (f, "xunjian:builtin:monthly-check", "monthly");
  XjRunner *runner = open_runner (f, id);
  const XjTemplate *tmpl = xj_runner_get_template (runner);
  const XjTemplateItem *number = NULL;
  XjItemRow *row;
  GtkWidget *entry;
  GtkWidget *search;
  g_autoptr(GHashTable) stored = NULL;
  g_autofree char *out_of_range = NULL;

  for (guint s = 0; s < tmpl->sections->len && number == NULL; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len && number == NULL; i++)
        if (((XjTemplateItem *) g_ptr_array_index (section->items, i))->type == XJ_RESPONSE_NUMBER)
          number = g_ptr_array_index (section->items, i);
    }
  g_assert_nonnull (number);
  row = xj_runner_get_row (runner, number->id);
  entry = control_child (row, GTK_TYPE_ENTRY);

  /* Not a number: said on the row, nothing stored, the text kept. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "abc");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (gtk_widget_get_visible (xj_test_find_widget (GTK_WIDGET (row), "error")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "abc");
  stored = xj_store_load_answers (f->store, id, NULL);
  g_assert_null (g_hash_table_lookup (stored, &number->id));
  g_clear_pointer (&stored, g_hash_table_unref);

  out_of_range = g_strdup_printf ("%g", isnan (number->range_max) ? number->range_min - 1
                                                                   : number->range_max + 1);
  gtk_editable_set_text (GTK_EDITABLE (entry), out_of_range);
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (gtk_widget_get_visible (xj_test_find_widget (GTK_WIDGET (row), "error")));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "failed"));
  stored = xj_store_load_answers (f->store, id, NULL);
  g_assert_cmpstr (((XjAnswer *) g_hash_table_lookup (stored, &number->id))->value, ==, out_of_range);

  /* Ctrl+F: only items whose prompt matches stay visible. */
  run (runner, "runner.search");
  search = xj_test_find_widget (GTK_WIDGET (runner), "search_entry");
  gtk_editable_set_text (GTK_EDITABLE (search), number->prompt);
  g_signal_emit_by_name (search, "search-changed");
  xj_test_wait_until (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_assert_true (xj_runner_get_current_row (runner) == row);
  run (runner, "runner.next");
  g_assert_true (xj_runner_get_current_row (runner) == row);
  gtk_editable_set_text (GTK_EDITABLE (search), "no such item anywhere");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_true (gtk_widget_get_visible (xj_test_find_widget (GTK_WIDGET (runner), "no_match")));
}

static XjNewInspectionDialog *
open_new_dialog (Fixture *f)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "inspections.new", NULL));
  xj_test_wait_until ((dialog = xj_test_find_window (XJ_TYPE_NEW_INSPECTION_DIALOG)) != NULL);
  return XJ_NEW_INSPECTION_DIALOG (dialog);
}

static void
choose_template (XjNewInspectionDialog *dialog,
                 const char            *name)
{
  AdwComboRow *row = ADW_COMBO_ROW (xj_test_find_widget (GTK_WIDGET (dialog), "template_row"));
  GListModel *model = adw_combo_row_get_model (row);

  /* The entries are core's checklist records, their names as shown. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (_xj_choice_get_name (item), name) == 0)
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_assert_not_reached ();
}

/* Empty state, then the dialog: weekly without the representative is
 * refused with the core's message and nothing lost; a mystery visit hides
 * the representative; Start opens the runner. */
static void
test_new_inspection (Fixture       *f,
                     gconstpointer  data)
{
  XjNewInspectionDialog *dialog;
  GtkWidget *rep_group, *error_label;
  g_autoptr(GPtrArray) listed = NULL;
  XjInspectionFilter filter = XJ_INSPECTION_FILTER_INIT;

  /* Once counted: while the list is counted, its frame shows, not the empty state. */
  xj_test_wait_until (xj_test_label_shown (GTK_WIDGET (f->window), "No Inspections Yet"));
  dialog = open_new_dialog (f);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (xj_test_find_widget (GTK_WIDGET (dialog), "inspector_row"))),
                   ==, "王芳");
  choose_template (dialog, "Weekly check");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (xj_test_find_widget (GTK_WIDGET (dialog),
                                                                                    "kind_row"))),
                    ==, 1);
  rep_group = xj_test_find_widget (GTK_WIDGET (dialog), "rep_group");
  g_assert_true (gtk_widget_get_visible (rep_group));
  gtk_editable_set_text (GTK_EDITABLE (xj_test_find_widget (GTK_WIDGET (dialog), "rep_name_row")),
                         "李强");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-inspection.start", NULL));
  error_label = xj_test_find_widget (GTK_WIDGET (dialog), "error_label");
  xj_test_wait_until (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "representative"));
  listed = xj_store_list_inspections (f->store, &filter, NULL);
  g_assert_cmpuint (listed->len, ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (xj_test_find_widget (GTK_WIDGET (dialog), "rep_name_row"))),
                   ==, "李强");

  /* A bad start time is refused under the same rule. */
  gtk_editable_set_text (GTK_EDITABLE (xj_test_find_widget (GTK_WIDGET (dialog), "start_row")),
                         "2026-02-30 10:00");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-inspection.start", NULL));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "YYYY-MM-DD"));

  /* Mystery kinds are not accompanied. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (xj_test_find_widget (GTK_WIDGET (dialog), "kind_row")), 3);
  g_assert_false (gtk_widget_get_visible (rep_group));
  adw_combo_row_set_selected (ADW_COMBO_ROW (xj_test_find_widget (GTK_WIDGET (dialog), "kind_row")), 1);

  gtk_editable_set_text (GTK_EDITABLE (xj_test_find_widget (GTK_WIDGET (dialog), "start_row")),
                         "2026-03-02 09:15");
  gtk_editable_set_text (GTK_EDITABLE (xj_test_find_widget (GTK_WIDGET (dialog), "rep_company_row")),
                         "绿城物业");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-inspection.start", NULL));
  xj_test_wait_until ((xj_test_find_window (XJ_TYPE_NEW_INSPECTION_DIALOG)) == NULL);
  g_assert_nonnull (xj_window_get_runner (f->window));
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = xj_store_list_inspections (f->store, &filter, NULL);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (((XjInspection *) g_ptr_array_index (listed, 0))->rep_company, ==, "绿城物业");
  g_assert_cmpstr (((XjInspection *) g_ptr_array_index (listed, 0))->kind, ==, "weekly");

  /* Back on the page: listed under Drafts, no more empty state. */
  run (XJ_RUNNER (xj_window_get_runner (f->window)), "runner.back");
  xj_test_wait_until ((xj_inspections_page_get_n_drafts (f->page)) == (1));
  g_assert_false (xj_test_label_shown (GTK_WIDGET (f->window), "No Inspections Yet"));
}

/* Run in a process started under zh_CN.UTF-8 (see tests/ui/meson.build). */
static void
test_chinese (void)
{
  Fixture f = { 0 };
  XjNewInspectionDialog *dialog;
  XjRunner *runner;
  GtkWindow *summary;
  gint64 id;

  fixture_set_up (&f, NULL);
  xj_test_wait_until (xj_test_label_shown (GTK_WIDGET (f.window), "还没有检查记录"));
  xj_test_assert_translated (GTK_WIDGET (f.window));

  dialog = open_new_dialog (&f);
  /* Refused whatever checklist comes first: the message is translated. */
  gtk_editable_set_text (GTK_EDITABLE (xj_test_find_widget (GTK_WIDGET (dialog), "inspector_row")), "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-inspection.start", NULL));
  /* Refused: the dialog stays open. */
  xj_test_run_pending ();
  g_assert_nonnull (xj_test_find_window (XJ_TYPE_NEW_INSPECTION_DIALOG));
  xj_test_assert_translated (GTK_WIDGET (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  id = start_inspection (&f, "xunjian:builtin:monthly-check", "monthly");
  runner = open_runner (&f, id);
  run (runner, "runner.pass");
  run (runner, "runner.fail");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (xj_test_find_widget (GTK_WIDGET (xj_runner_get_current_row (runner)),
                                                                       "guidance_button")), TRUE);
  xj_test_wait_until (xj_test_label_shown (GTK_WIDGET (runner), "项不合格"));
  xj_test_assert_translated (GTK_WIDGET (f.window));

  run (runner, "runner.summary");
  summary = xj_test_find_window (XJ_TYPE_INSPECTION_SUMMARY);
  g_assert_nonnull (summary);
  xj_test_iterate (30);
  xj_test_assert_translated (GTK_WIDGET (summary));
  gtk_window_destroy (summary);

  run (runner, "runner.back");
  xj_test_iterate (50);
  xj_test_assert_translated (GTK_WIDGET (f.window));
  fixture_tear_down (&f, NULL);
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

  if (g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "zh_CN"))
    {
      g_test_add_func ("/xj/ui/zh/runner-translated", test_chinese);
      return g_test_run ();
    }

  g_test_add ("/xj/ui/runner/fill-daily-patrol", Fixture, NULL, fixture_set_up, test_fill_daily,
              fixture_tear_down);
  g_test_add ("/xj/ui/runner/fill-weekly-check", Fixture, NULL, fixture_set_up, test_fill_weekly,
              fixture_tear_down);
  g_test_add ("/xj/ui/runner/fill-monthly-check", Fixture, NULL, fixture_set_up,
              test_fill_monthly, fixture_tear_down);
  g_test_add ("/xj/ui/runner/raise-notice", Fixture, NULL, fixture_set_up, test_raise_notice,
              fixture_tear_down);
  g_test_add ("/xj/ui/runner/shortcuts", Fixture, NULL, fixture_set_up, test_shortcuts,
              fixture_tear_down);
  g_test_add ("/xj/ui/runner/resume-draft", Fixture, NULL, fixture_set_up, test_resume_draft,
              fixture_tear_down);
  g_test_add ("/xj/ui/runner/number-and-search", Fixture, NULL, fixture_set_up,
              test_number_and_search, fixture_tear_down);
  g_test_add ("/xj/ui/inspections/new-inspection", Fixture, NULL, fixture_set_up,
              test_new_inspection, fixture_tear_down);

  return g_test_run ();
}
