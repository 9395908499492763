/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The summary before completing: score per section, grade, critical
 * failures, failed items with their remarks, items still unanswered.
 * Required ones block completion; each has a button that goes to it.
 */
#define G_LOG_DOMAIN "xj-inspection-summary"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-inspection-summary.h"
#include "xj-notice-dialog.h"
#include "xj-text.h"
#include "xj-window-actions.h"
#include "xj-window.h"
#include "xj-team-role.h"

struct _XjInspectionSummary
{
  AdwWindow   parent_instance;

  XjRunner   *runner;
  guint       n_missing;
  GPtrArray  *finding_checks;   /* GtkCheckButton per failed item, "answer-id" set */

  GtkBox     *content;
  GtkLabel   *score_label;
  GtkLabel   *critical_label;
  GtkLabel   *error_label;
  GtkButton  *complete_button;
  GtkButton  *sign_button;
  GtkWidget  *first_blocking;   /* the first row to handle before completing */
};

G_DEFINE_FINAL_TYPE (XjInspectionSummary, xj_inspection_summary, ADW_TYPE_WINDOW)

/* --- helpers -------------------------------------------------------------- */

static GtkWidget *
add_group (XjInspectionSummary *self,
           const char          *title,
           const char          *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->content, group);
  return group;
}

/* The "Go to Item" button, or Enter on a row that has nothing else to do. */
static void
on_go_clicked_cb (GtkWidget *widget,
                  gpointer   user_data)
{
  XjInspectionSummary *self = XJ_INSPECTION_SUMMARY (gtk_widget_get_root (widget));
  gint64 item_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (widget), "item-id"));

  xj_runner_jump_to_item (self->runner, item_id);
  gtk_window_close (GTK_WINDOW (self));
}

static GtkWidget *
add_item_row (GtkWidget            *group,
              const XjTemplateItem *item,
              const char           *subtitle,
              gboolean              with_go)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->prompt);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (with_go)
    {
      GtkWidget *go = gtk_button_new_with_label (_("Go to Item"));

      gtk_widget_set_valign (go, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (go), "item-id", GSIZE_TO_POINTER ((gsize) item->id));
      g_signal_connect (go, "clicked", G_CALLBACK (on_go_clicked_cb), NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), go);
      /* Enter (or a click) on the row goes there too; a finding's row
       * toggles its check instead (add_finding_check). */
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "item-id", GSIZE_TO_POINTER ((gsize) item->id));
      g_signal_connect (row, "activated", G_CALLBACK (on_go_clicked_cb), NULL);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

/* Findings become notices: each failed item can be picked for one. */
static GtkWidget *
add_failed_group (XjInspectionSummary *self)
{
  GtkWidget *group = add_group (self, _("Failed Items"),
                                _("Pick the findings a rectification notice should cover."));
  GtkWidget *raise = gtk_button_new_with_label (_("Raise Notice…"));

  gtk_widget_set_valign (raise, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (raise), "summary.raise-notice");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), raise);
  return group;
}

static void
add_finding_check (XjInspectionSummary *self,
                   GtkWidget           *row,
                   gint64               answer_id)
{
  GtkWidget *check = gtk_check_button_new ();

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Include in the notice"), -1);
  g_object_set_data (G_OBJECT (check), "answer-id", GSIZE_TO_POINTER ((gsize) answer_id));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  g_signal_handlers_disconnect_by_func (row, on_go_clicked_cb, NULL);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_ptr_array_add (self->finding_checks, check);
}

static char *
describe_section (const XjSectionScore *section)
{
  g_autofree char *failures = g_strdup_printf (ngettext ("%u failure", "%u failures",
                                                         section->n_fail), section->n_fail);

  if (!section->has_score)
    return g_strdup_printf ("%s · %s", _("No score yet"), failures);
  return g_strdup_printf ("%s · %.1f %%", failures, section->score);
}

static void
fill (XjInspectionSummary *self)
{
  const XjTemplate *tmpl = xj_runner_get_template (self->runner);
  GHashTable *answers = xj_runner_get_answers (self->runner);
  g_autoptr(XjScore) score = xj_inspection_score (tmpl, answers);
  g_autoptr(GPtrArray) missing = xj_inspection_missing_required (tmpl, answers);
  g_autofree char *headline = NULL;
  GtkWidget *sections, *blocking = NULL, *failed = NULL, *unanswered = NULL;
  gboolean read_only = xj_runner_get_read_only (self->runner);

  self->n_missing = missing->len;
  if (score->has_score)
    headline = g_strdup_printf ("%.1f %% · %s", score->score, xj_grade_get_label (score->grade));
  else
    headline = g_strdup (_("No score yet"));
  gtk_label_set_text (self->score_label, headline);
  gtk_widget_set_visible (GTK_WIDGET (self->critical_label), score->critical_failed);

  if (missing->len > 0 && !read_only)
    {
      blocking = add_group (self, _("Needed Before Completing"),
                            _("Required items need an answer, and some failures need a remark "
                              "or a photo."));
      for (guint i = 0; i < missing->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (missing, i);
          XjAnswer *answer = g_hash_table_lookup (answers, &item->id);
          const char *needed = _("Required: not answered");

          if (answer != NULL && answer->value != NULL)
            needed = item->remark_on_fail && xj_text_is_blank (answer->remark)
                     ? _("Failed: add a remark") : _("Failed: add a photo");
          GtkWidget *row = add_item_row (blocking, item, needed, TRUE);

          if (self->first_blocking == NULL)
            self->first_blocking = row;
        }
    }

  sections = add_group (self, _("Sections"), NULL);
  for (guint s = 0; s < score->sections->len; s++)
    {
      XjSectionScore *section = g_ptr_array_index (score->sections, s);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = describe_section (section);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), section->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (sections), row);
    }

  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);
          XjAnswer *answer = g_hash_table_lookup (answers, &item->id);
          XjOutcome outcome = xj_template_item_evaluate (item, answer != NULL ? answer->value
                                                                              : NULL, NULL);
          g_autofree char *subtitle = NULL;

          if (outcome == XJ_OUTCOME_FAIL)
            {
              if (failed == NULL)
                failed = add_failed_group (self);
              if (answer->remark != NULL && *answer->remark != '\0')
                subtitle = g_strdup (answer->remark);
              else
                subtitle = g_strdup (_("No remark"));
              if (item->critical)
                {
                  g_autofree char *plain = g_steal_pointer (&subtitle);

                  subtitle = g_strdup_printf ("%s · %s", _("Critical"), plain);
                }
              add_finding_check (self, add_item_row (failed, item, subtitle, TRUE),
                                 answer->answer_id);
            }
          else if (outcome == XJ_OUTCOME_UNANSWERED && !read_only)
            {
              if (unanswered == NULL)
                unanswered = add_group (self, _("Not Answered Yet"), NULL);
              add_item_row (unanswered, item, item->required ? _("Required") : NULL, TRUE);
            }
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->complete_button), !read_only);
  /* A colleague's inspection is theirs to sign (the runner offers no
   * signing either: the button did nothing). */
  gtk_widget_set_visible (GTK_WIDGET (self->sign_button),
                          xj_runner_get_inspection (self->runner)->state == XJ_INSPECTION_COMPLETED
                          && !xj_runner_get_foreign (self->runner));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "summary.complete",
                                 !read_only && missing->len == 0);
}

/* --- actions -------------------------------------------------------------- */

static void
complete_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  XjInspectionSummary *self = XJ_INSPECTION_SUMMARY (widget);
  g_autoptr(GError) error = NULL;

  if (!xj_runner_complete (self->runner, &error))
    {
      xj_inline_error_show (self->error_label, error->message, NULL);
      return;
    }
  xj_toast (GTK_WIDGET (self), _("Inspection completed"));
  gtk_window_close (GTK_WINDOW (self));
}

static void
raise_notice_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  XjInspectionSummary *self = XJ_INSPECTION_SUMMARY (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkWidget *dialog;
  g_autofree char *refusal = xj_team_role_refusal_here (
    XJ_APPLICATION (gtk_window_get_application (parent)), XJ_TEAM_ACT_WRITE_NOTICE);

  /* In a team, the server takes notices only from liaisons and managers. */
  if (refusal != NULL)
    {
      gtk_label_set_text (self->error_label, refusal);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  for (guint i = 0; i < self->finding_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->finding_checks, i);
      gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "answer-id"));

      if (gtk_check_button_get_active (check))
        g_array_append_val (ids, id);
    }
  if (ids->len == 0)
    {
      gtk_label_set_text (self->error_label, _("Pick at least one failed item for the notice."));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  dialog = xj_raise_notice_dialog_new (XJ_APPLICATION (gtk_window_get_application (parent)),
                                       (const gint64 *) ids->data, ids->len);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent);
  gtk_window_close (GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The signing itself is the runner's: it follows the inspection's state. */
static void
sign_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  XjInspectionSummary *self = XJ_INSPECTION_SUMMARY (widget);
  g_autoptr(XjRunner) runner = g_object_ref (self->runner);

  gtk_window_close (GTK_WINDOW (self));
  gtk_widget_activate_action (GTK_WIDGET (runner), "runner.sign", NULL);
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_inspection_summary_dispose (GObject *object)
{
  XjInspectionSummary *self = XJ_INSPECTION_SUMMARY (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_INSPECTION_SUMMARY);
  g_clear_object (&self->runner);
  g_clear_pointer (&self->finding_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (xj_inspection_summary_parent_class)->dispose (object);
}

static void
xj_inspection_summary_class_init (XjInspectionSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_inspection_summary_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-inspection-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, XjInspectionSummary, content);
  gtk_widget_class_bind_template_child (widget_class, XjInspectionSummary, score_label);
  gtk_widget_class_bind_template_child (widget_class, XjInspectionSummary, critical_label);
  gtk_widget_class_bind_template_child (widget_class, XjInspectionSummary, error_label);
  gtk_widget_class_bind_template_child (widget_class, XjInspectionSummary, complete_button);
  gtk_widget_class_bind_template_child (widget_class, XjInspectionSummary, sign_button);

  gtk_widget_class_install_action (widget_class, "summary.complete", NULL, complete_activated);
  gtk_widget_class_install_action (widget_class, "summary.raise-notice", NULL,
                                   raise_notice_activated);
  gtk_widget_class_install_action (widget_class, "summary.sign", NULL, sign_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
xj_inspection_summary_init (XjInspectionSummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->finding_checks = g_ptr_array_new ();
}

/* --- public API ----------------------------------------------------------- */

XjInspectionSummary *
xj_inspection_summary_new (XjRunner *runner)
{
  XjInspectionSummary *self = g_object_new (XJ_TYPE_INSPECTION_SUMMARY, NULL);

  self->runner = g_object_ref (runner);
  fill (self);
  /* Enter does the next thing: go to what blocks completion, or complete. */
  if (self->first_blocking != NULL)
    gtk_window_set_focus (GTK_WINDOW (self), self->first_blocking);
  else if (gtk_widget_get_visible (GTK_WIDGET (self->complete_button)))
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->complete_button));
  return self;
}

/* Items that block completion (for tests and the Complete button). */
guint
xj_inspection_summary_get_n_missing (XjInspectionSummary *self)
{
  g_return_val_if_fail (XJ_IS_INSPECTION_SUMMARY (self), 0);

  return self->n_missing;
}
