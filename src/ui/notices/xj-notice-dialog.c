/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjNoticeDialog: raising a notice, either standalone (a problem seen on
 * a patrol without a checklist) or from findings (failed answers of an
 * inspection), pre-filled with what the items say (type, responsible
 * party, deadline, severity — xj_store_new_notice_from_findings()).  The
 * notice is saved as a draft and opened on the notice page, where it is
 * issued.  Problems are shown above the form with the field marked; the
 * dialog keeps everything typed until the save succeeds.
 */
#define G_LOG_DOMAIN "xj-notice-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-choices-private.h"
#include "xj-clock.h"
#include "xj-deadline-row.h"
#include "xj-finding.h"
#include "xj-notice-dialog.h"
#include "xj-notice-store.h"
#include "xj-site.h"
#include "xj-window-actions.h"

struct _XjNoticeDialog
{
  AdwWindow            parent_instance;

  XjApplication       *application;
  XjNotice            *notice;        /* the unsaved notice being edited */
  gboolean             from_findings;

  GtkBox              *form;
  GtkLabel            *error_label;
  AdwPreferencesGroup *findings_group;
  AdwComboRow         *site_row;
  AdwEntryRow         *area_row;
  AdwComboRow         *type_row;
  AdwComboRow         *severity_row;
  AdwComboRow         *party_row;
  XjDeadlineRow       *deadline_row;
  AdwEntryRow         *company_row;
  AdwEntryRow         *person_row;
  GtkTextView         *description_view;
  GtkTextView         *action_view;
};

G_DEFINE_FINAL_TYPE (XjNoticeDialog, xj_notice_dialog, ADW_TYPE_WINDOW)

/* --- helpers -------------------------------------------------------------- */

static GtkTextView *
add_text_area (XjNoticeDialog *self,
               const char     *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *view = gtk_text_view_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 10);
  gtk_widget_set_size_request (view, -1, 80);
  gtk_widget_add_css_class (view, "card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), view);
  gtk_box_append (self->form, box);
  return GTK_TEXT_VIEW (view);
}

static char *
dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
set_text (GtkTextView *view,
          const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static void
set_choices (AdwComboRow *row,
             guint        n,
             const char *(*get_label) (int))
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, get_label ((int) i));
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

static void
load_sites (XjNoticeDialog *self)
{
  g_autoptr(GListModel) sites = _xj_site_choices_new (xj_application_get_store (self->application),
                                                      FALSE, NULL);
  const GError *error = _xj_choices_get_error (sites);

  if (error != NULL)
    {
      xj_inline_error_show (self->error_label, error->message, NULL);
      return;
    }
  _xj_combo_row_set_choices (self->site_row, sites);
}

static gint64
first_site_id (XjNoticeDialog *self)
{
  GListModel *sites = adw_combo_row_get_model (self->site_row);
  g_autoptr(GObject) first = sites != NULL ? g_list_model_get_item (sites, 0) : NULL;

  return _xj_choice_get_id (first);
}

static void
select_site (XjNoticeDialog *self,
             gint64          site_id)
{
  _xj_combo_row_select_id (self->site_row, site_id);
}

/* Puts the notice's values into the form. */
static void
show_notice (XjNoticeDialog *self)
{
  XjNotice *notice = self->notice;

  select_site (self, xj_notice_get_site_id (notice));
  gtk_editable_set_text (GTK_EDITABLE (self->area_row), xj_notice_get_area (notice));
  adw_combo_row_set_selected (self->type_row, xj_notice_get_notice_type (notice));
  adw_combo_row_set_selected (self->severity_row, xj_notice_get_severity (notice));
  adw_combo_row_set_selected (self->party_row, xj_notice_get_responsible_party (notice));
  xj_deadline_row_set_deadline (self->deadline_row, xj_notice_get_deadline (notice));
  gtk_editable_set_text (GTK_EDITABLE (self->company_row), xj_notice_get_addressed_company (notice));
  gtk_editable_set_text (GTK_EDITABLE (self->person_row), xj_notice_get_addressed_person (notice));
  set_text (self->description_view, xj_notice_get_description (notice));
  set_text (self->action_view, xj_notice_get_required_action (notice));
}

static void
show_findings (XjNoticeDialog *self,
               GPtrArray      *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      XjFinding *finding = g_ptr_array_index (findings, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), finding->prompt);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (*finding->remark != '\0')
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), finding->remark);
      if (finding->previous_answer_id > 0)
        {
          GtkWidget *tag = gtk_label_new (C_("finding", "Repeat"));

          gtk_widget_add_css_class (tag, "tag");
          gtk_widget_add_css_class (tag, "repeat-tag");
          gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (tag, _("The same item failed at this site before"));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
        }
      adw_preferences_group_add (self->findings_group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->findings_group), findings->len > 0);
}

/* --- actions -------------------------------------------------------------- */

static gboolean
read_form (XjNoticeDialog *self)
{
  XjNotice *notice = self->notice;
  gint64 site_id = _xj_combo_row_get_id (self->site_row);
  g_autofree char *description = dup_text (self->description_view);
  g_autofree char *action = dup_text (self->action_view);
  gint64 deadline = xj_deadline_row_get_deadline (self->deadline_row);

  if (site_id == 0)
    {
      xj_inline_error_show (self->error_label, _("Choose the site the notice is for."),
                            GTK_WIDGET (self->site_row));
      return FALSE;
    }
  if (!self->from_findings && *description == '\0')
    {
      xj_inline_error_show (self->error_label,
                            _("Describe the problem: a notice without findings needs a description."),
                            GTK_WIDGET (self->description_view));
      return FALSE;
    }
  if (deadline <= xj_clock_now ())
    {
      xj_inline_error_show (self->error_label, _("Set a deadline in the future."),
                            GTK_WIDGET (self->deadline_row));
      return FALSE;
    }
  xj_notice_set_site_id (notice, site_id);
  xj_notice_set_area (notice, gtk_editable_get_text (GTK_EDITABLE (self->area_row)));
  xj_notice_set_notice_type (notice, adw_combo_row_get_selected (self->type_row));
  xj_notice_set_severity (notice, adw_combo_row_get_selected (self->severity_row));
  xj_notice_set_responsible_party (notice, adw_combo_row_get_selected (self->party_row));
  xj_notice_set_deadline (notice, deadline);
  xj_notice_set_addressed_company (notice, gtk_editable_get_text (GTK_EDITABLE (self->company_row)));
  xj_notice_set_addressed_person (notice, gtk_editable_get_text (GTK_EDITABLE (self->person_row)));
  xj_notice_set_description (notice, description);
  xj_notice_set_required_action (notice, action);
  return TRUE;
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  XjNoticeDialog *self = XJ_NOTICE_DIALOG (widget);
  g_autofree char *actor = xj_application_dup_actor (self->application);
  g_autoptr(GError) error = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->site_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->description_view), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->deadline_row), "error");
  xj_inline_error_show (self->error_label, NULL, NULL);
  if (self->notice == NULL || !read_form (self))
    return;
  if (!xj_store_create_notice (xj_application_get_store (self->application), self->notice,
                               XJ_REPEAT_WINDOW_DAYS_DEFAULT, actor, &error))
    {
      xj_inline_error_show (self->error_label, error->message, NULL);
      return;
    }
  /* The notice page is where it is issued. */
  g_action_group_activate_action (G_ACTION_GROUP (self->application), "show-notice",
                                  g_variant_new_int64 (xj_notice_get_id (self->notice)));
  gtk_window_close (GTK_WINDOW (self));
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_notice_dialog_dispose (GObject *object)
{
  XjNoticeDialog *self = XJ_NOTICE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_NOTICE_DIALOG);
  g_clear_object (&self->notice);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (xj_notice_dialog_parent_class)->dispose (object);
}

static void
xj_notice_dialog_class_init (XjNoticeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_notice_dialog_dispose;

  g_type_ensure (XJ_TYPE_DEADLINE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-notice-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, XjNoticeDialog, form);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeDialog, findings_group);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeDialog, site_row);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeDialog, area_row);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeDialog, type_row);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeDialog, severity_row);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeDialog, party_row);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeDialog, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeDialog, company_row);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeDialog, person_row);

  gtk_widget_class_install_action (widget_class, "notice.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
xj_notice_dialog_init (XjNoticeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->description_view = add_text_area (self, _("Description of the problem"));
  self->action_view = add_text_area (self, _("Required action"));
  set_choices (self->type_row, XJ_NOTICE_N_TYPES, (gpointer) xj_notice_type_get_label);
  set_choices (self->severity_row, XJ_NOTICE_N_SEVERITIES, (gpointer) xj_notice_severity_get_label);
  set_choices (self->party_row, XJ_RESPONSIBLE_N_PARTIES, (gpointer) xj_responsible_party_get_label);
}

/* --- public API ----------------------------------------------------------- */

/**
 * xj_notice_dialog_new:
 * @site_id: the site to propose, 0 for none
 *
 * A standalone notice: a problem seen without a checklist.
 */
GtkWidget *
xj_notice_dialog_new (XjApplication *application,
                      gint64         site_id)
{
  XjNoticeDialog *self = g_object_new (XJ_TYPE_NOTICE_DIALOG, NULL);

  self->application = g_object_ref (application);
  load_sites (self);
  self->notice = xj_notice_new (XJ_NOTICE_TYPE_RECTIFICATION,
                                site_id > 0 ? site_id
                                : first_site_id (self));
  xj_notice_set_severity (self->notice, XJ_NOTICE_SEVERITY_NORMAL);
  xj_notice_set_deadline (self->notice, xj_clock_now () + 3 * 24 * 3600);
  gtk_window_set_title (GTK_WINDOW (self), _("New Notice"));
  show_notice (self);
  /* The first field has the focus, never Cancel. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->site_row));
  return GTK_WIDGET (self);
}

/**
 * xj_raise_notice_dialog_new:
 * @answer_ids: (array length=n_answer_ids): failed answers, of one site
 *
 * A notice from findings, as the inspection summary raises it: the form
 * starts from the items' defaults and shows the findings with their
 * remarks and repeat marks.  Findings that cannot share a notice (other
 * sites, answers that did not fail) are said so in the dialog, which then
 * saves nothing.
 */
GtkWidget *
xj_raise_notice_dialog_new (XjApplication *application,
                            const gint64  *answer_ids,
                            guint          n_answer_ids)
{
  XjNoticeDialog *self = g_object_new (XJ_TYPE_NOTICE_DIALOG, NULL);
  XjStore *store = xj_application_get_store (application);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;

  self->application = g_object_ref (application);
  self->from_findings = TRUE;
  gtk_window_set_title (GTK_WINDOW (self), _("Raise Notice from Findings"));
  load_sites (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->site_row), FALSE);

  findings = xj_store_load_findings (store, answer_ids, n_answer_ids,
                                     XJ_REPEAT_WINDOW_DAYS_DEFAULT, &error);
  if (findings != NULL)
    self->notice = xj_notice_defaults_from_findings (findings, xj_clock_now (), &error);
  if (self->notice == NULL)
    {
      xj_inline_error_show (self->error_label, error->message, NULL);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "notice.save", FALSE);
      return GTK_WIDGET (self);
    }
  show_findings (self, findings);
  show_notice (self);
  /* The site comes with the findings: the area is the first field. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->area_row));
  return GTK_WIDGET (self);
}
