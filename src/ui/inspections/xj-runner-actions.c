/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The runner's actions and keyboard: P / F / N answer and move on, J / K
 * and the arrows move, R goes to the remark, Ctrl+F searches, Ctrl+Enter
 * opens the summary.  Every key has a button too.  Letters are bound on
 * the runner in the bubble phase, so an entry that is being typed in takes
 * them first.  1 to 5 rate, S starts and stops the stopwatch.
 */
#define G_LOG_DOMAIN "xj-runner"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-inspection-summary.h"
#include "xj-runner-private.h"
#include "xj-text.h"
#include "xj-window-actions.h"
#include "xj-window.h"

/* Keys and the actions they trigger; the shortcuts window lists the same. */
static const struct {
  const char *trigger;
  const char *action;
} shortcuts[] = {
  { "p", "runner.pass" },
  { "f", "runner.fail" },
  { "n", "runner.na" },
  { "j", "runner.next" },
  { "Down", "runner.next" },
  { "k", "runner.previous" },
  { "Up", "runner.previous" },
  { "r", "runner.remark" },
  { "s", "runner.stopwatch" },
  { "1", "runner.rate(1)" },
  { "2", "runner.rate(2)" },
  { "3", "runner.rate(3)" },
  { "4", "runner.rate(4)" },
  { "5", "runner.rate(5)" },
  { "KP_1", "runner.rate(1)" },
  { "KP_2", "runner.rate(2)" },
  { "KP_3", "runner.rate(3)" },
  { "KP_4", "runner.rate(4)" },
  { "KP_5", "runner.rate(5)" },
  { "<Primary>f", "runner.search" },
  { "<Alt>Left", "runner.back" },
  { "Escape", "runner.to-item" },
  { "<Primary>v", "runner.paste" },
};

/* Before an entry sees them: a text entry takes Ctrl+Shift+A for itself,
 * and these are what a person in a remark wants next. */
static const struct {
  const char *trigger;
  const char *action;
} early_shortcuts[] = {
  { "<Primary>Return", "runner.summary" },
  { "<Primary>KP_Enter", "runner.summary" },
  { "<Primary><Shift>a", "runner.attach-photos" },
  { "<Primary><Shift>i", "runner.import-folder" },
};

/* --- helpers -------------------------------------------------------------- */

static const char *
quick_value (const XjTemplateItem *item,
             XjOutcome             outcome)
{
  gboolean pass = outcome == XJ_OUTCOME_PASS;

  if (outcome == XJ_OUTCOME_NA)
    return "na";
  if (item->type == XJ_RESPONSE_PASS_FAIL)
    return pass ? "pass" : "fail";
  if (item->type == XJ_RESPONSE_YES_NO)
    return pass == (item->pass_answer != FALSE) ? "yes" : "no";
  return NULL;
}

/* A failure that needs a remark or a photo keeps the person on the item,
 * in its remark, until they are given (Enter then moves on). */
gboolean
_xj_runner_needs_evidence (XjRunner             *self,
                           const XjTemplateItem *item)
{
  XjAnswer *answer = g_hash_table_lookup (self->answers, &item->id);

  if (answer == NULL || answer->outcome != XJ_OUTCOME_FAIL)
    return FALSE;
  return (item->remark_on_fail && xj_text_is_blank (answer->remark))
         || (item->photo_on_fail && answer->n_photos == 0);
}

static void
answer_and_move_on (XjRunner   *self,
                    XjItemRow  *row,
                    const char *value)
{
  guint answered = self->current;

  xj_item_row_choose (row, value);
  if (!self->last_write_ok)
    return;
  if (_xj_runner_needs_evidence (self, xj_item_row_get_item (row)))
    {
      xj_item_row_focus_remark (row);
      return;
    }
  _xj_runner_move (self, 1);
  if (self->current != answered)
    self->just_answered = answered;
}

/* --- actions -------------------------------------------------------------- */

static void answer_current (XjRunner  *self,
                            XjOutcome  outcome);

/* runner.pass, runner.fail, runner.na */
static void
answer_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  XjOutcome outcome = XJ_OUTCOME_NA;

  if (g_str_equal (action_name, "runner.pass"))
    outcome = XJ_OUTCOME_PASS;
  else if (g_str_equal (action_name, "runner.fail"))
    outcome = XJ_OUTCOME_FAIL;
  answer_current (XJ_RUNNER (widget), outcome);
}

/* runner.next, runner.previous */
static void
move_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _xj_runner_move (XJ_RUNNER (widget), g_str_equal (action_name, "runner.next") ? 1 : -1);
}

static void
remark_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  XjRunner *self = XJ_RUNNER (widget);

  /* R just after P / F / N is about the item just answered, not the next. */
  if (self->just_answered != G_MAXUINT)
    _xj_runner_set_current (self, self->just_answered, TRUE);
  if (self->rows->len > 0)
    xj_item_row_focus_remark (xj_runner_get_current_row (self));
}

/* S: stops the stopwatch that runs, wherever the person is; otherwise
 * starts the current item's, or the first unanswered stopwatch item's. */
static void
stopwatch_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  XjRunner *self = XJ_RUNNER (widget);
  guint first = G_MAXUINT;

  for (guint i = 0; i < self->rows->len; i++)
    if (xj_item_row_get_timer_running (g_ptr_array_index (self->rows, i)))
      {
        xj_item_row_toggle_stopwatch (g_ptr_array_index (self->rows, i));
        return;
      }
  if (self->rows->len == 0 || xj_item_row_toggle_stopwatch (xj_runner_get_current_row (self)))
    return;
  for (guint i = 0; i < self->rows->len && first == G_MAXUINT; i++)
    {
      XjItemRow *row = g_ptr_array_index (self->rows, i);

      if (xj_item_row_get_item (row)->type == XJ_RESPONSE_STOPWATCH
          && xj_item_row_get_value (row) == NULL)
        first = i;
    }
  if (first == G_MAXUINT)
    return;
  _xj_runner_set_current (self, first, TRUE);
  xj_item_row_toggle_stopwatch (g_ptr_array_index (self->rows, first));
}

static void
rate_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  XjRunner *self = XJ_RUNNER (widget);
  XjItemRow *row = xj_runner_get_current_row (self);
  char value[2] = { (char) ('0' + g_variant_get_int32 (parameter)), '\0' };

  if (row == NULL || self->read_only || xj_item_row_get_item (row)->type != XJ_RESPONSE_RATING)
    return;
  answer_and_move_on (self, row, value);
}

/* Escape in a remark or an answer entry: back to the item, where the
 * letters answer again (leaving the entry saves what was typed). */
static void
to_item_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  XjItemRow *row = xj_runner_get_current_row (XJ_RUNNER (widget));

  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  XjRunner *self = XJ_RUNNER (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
summary_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  XjRunner *self = XJ_RUNNER (widget);
  XjInspectionSummary *summary;

  xj_runner_flush (self);
  summary = xj_inspection_summary_new (self);
  xj_window_present_over (GTK_WINDOW (summary), widget);
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (XJ_IS_WINDOW (root))
    xj_window_close_inspection (XJ_WINDOW (root));
}

static void
forget_remark_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  XjRunner *self = XJ_RUNNER (widget);
  g_autoptr(GError) error = NULL;

  if (!xj_store_forget_frequent_remark (xj_application_get_store (self->application),
                                        g_variant_get_string (parameter, NULL), &error))
    xj_toast (widget, error->message);
}

/* runner.attach-photos, runner.import-folder */
static void
choose_photos_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  _xj_runner_choose_photos (XJ_RUNNER (widget),
                            g_str_equal (action_name, "runner.import-folder"));
}

static void
cancel_import_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  _xj_runner_cancel_folder_import (XJ_RUNNER (widget));
}

static void
paste_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  _xj_runner_paste (XJ_RUNNER (widget));
}

/* --- private API ---------------------------------------------------------- */

void
_xj_runner_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "runner.pass", NULL, answer_activated);
  gtk_widget_class_install_action (widget_class, "runner.fail", NULL, answer_activated);
  gtk_widget_class_install_action (widget_class, "runner.na", NULL, answer_activated);
  gtk_widget_class_install_action (widget_class, "runner.next", NULL, move_activated);
  gtk_widget_class_install_action (widget_class, "runner.previous", NULL, move_activated);
  gtk_widget_class_install_action (widget_class, "runner.remark", NULL, remark_activated);
  gtk_widget_class_install_action (widget_class, "runner.rate", "i", rate_activated);
  gtk_widget_class_install_action (widget_class, "runner.stopwatch", NULL, stopwatch_activated);
  gtk_widget_class_install_action (widget_class, "runner.to-item", NULL, to_item_activated);
  gtk_widget_class_install_action (widget_class, "runner.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "runner.summary", NULL, summary_activated);
  gtk_widget_class_install_action (widget_class, "runner.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "runner.forget-remark", "s",
                                   forget_remark_activated);
  gtk_widget_class_install_action (widget_class, "runner.attach-photos", NULL,
                                   choose_photos_activated);
  gtk_widget_class_install_action (widget_class, "runner.import-folder", NULL,
                                   choose_photos_activated);
  gtk_widget_class_install_action (widget_class, "runner.cancel-import", NULL,
                                   cancel_import_activated);
  gtk_widget_class_install_action (widget_class, "runner.paste", NULL, paste_activated);
}

void
_xj_runner_add_shortcuts (XjRunner *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GVariant) target = NULL;
      GtkShortcut *shortcut;

      if (!g_action_parse_detailed_name (shortcuts[i].action, &name, &target, NULL))
        g_assert_not_reached ();
      shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string (shortcuts[i].trigger),
                                   gtk_named_action_new (name));
      gtk_shortcut_set_arguments (shortcut, target);
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (early_shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (early_shortcuts[i].trigger),
                                                            gtk_named_action_new (early_shortcuts[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* One place decides what can be done: a completed inspection is read. */
void
_xj_runner_actions_update (XjRunner *self)
{
  gboolean editable = !self->read_only && self->rows->len > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runner.pass", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runner.fail", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runner.na", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runner.remark", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runner.rate", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runner.stopwatch", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runner.forget-remark", editable);
  _xj_runner_archive_update (self);
  /* Photos cannot be added to a completed or signed inspection. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runner.attach-photos", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runner.import-folder", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runner.paste", editable);
}

/* P / F / N: answer the current item and go to the next one.  Types that
 * have no pass or fail button (a number, a rating) get the keyboard
 * instead, so that the answer can be typed. */
static void
answer_current (XjRunner  *self,
                           XjOutcome  outcome)
{
  XjItemRow *row = xj_runner_get_current_row (self);
  const char *value;

  if (row == NULL || self->read_only)
    return;
  value = quick_value (xj_item_row_get_item (row), outcome);
  if (value == NULL)
    {
      xj_item_row_focus_control (row);
      return;
    }
  answer_and_move_on (self, row, value);
}
