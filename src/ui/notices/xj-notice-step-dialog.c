/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjNoticeStepDialog: what a step of the notice's life needs — who
 * received it (and their signature), what was done, who verified it, why
 * it was rejected and by when it must be done again, why it is escalated
 * or discarded.  The core decides; a refusal is shown here, above the
 * fields, and the dialog stays open with everything typed.  The remark is
 * written as it is typed (xj_store_save_notice_step_draft), so a crash
 * loses none of it: the dialog of the same step starts from it again.
 */
#define G_LOG_DOMAIN "xj-notice-step-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-clock.h"
#include "xj-deadline-row.h"
#include "xj-icon-button.h"
#include "xj-notice-lifecycle.h"
#include "xj-notice-step-dialog.h"
#include "xj-photo-picker.h"
#include "xj-signature-pad.h"
#include "xj-window-actions.h"

#define DAY (24 * 3600)

struct _XjNoticeStepDialog
{
  AdwWindow        parent_instance;

  XjApplication   *application;
  XjNotice        *notice;
  XjNoticeStep     step;

  GtkButton       *apply_button;
  GtkLabel        *intro;
  GtkLabel        *error_label;
  GtkWidget       *fields;
  AdwEntryRow     *name_row;
  AdwEntryRow     *company_row;
  XjDeadlineRow   *deadline_row;
  GtkWidget       *photos_box;
  GtkLabel        *photos_title;
  XjPhotoPicker   *photo_picker;    /* rectification only */
  gboolean         photos_required;
  GtkWidget       *remark_box;
  GtkLabel        *remark_title;
  GtkTextView     *remark_view;
  GtkWidget       *signature_box;
  XjSignaturePad  *signature_pad;
  GtkBox          *signature_buttons;
};

G_DEFINE_FINAL_TYPE (XjNoticeStepDialog, xj_notice_step_dialog, ADW_TYPE_WINDOW)

/* --- helpers -------------------------------------------------------------- */

/* The step as the store keeps its draft. */
static const char *
step_word (XjNoticeStep step)
{
  static const char *const words[] = {
    [XJ_NOTICE_STEP_ACKNOWLEDGE] = "acknowledge",
    [XJ_NOTICE_STEP_RECTIFY] = "rectify",
    [XJ_NOTICE_STEP_ACCEPT] = "accept",
    [XJ_NOTICE_STEP_REJECT] = "reject",
    [XJ_NOTICE_STEP_ESCALATE] = "escalate",
    [XJ_NOTICE_STEP_DISCARD] = "discard",
  };

  g_return_val_if_fail ((guint) step < G_N_ELEMENTS (words), NULL);
  return words[step];
}

static char *
dup_remark (XjNoticeStepDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->remark_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
require (XjNoticeStepDialog *self,
         const char         *text,
         GtkWidget          *field,
         const char         *message)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (*trimmed != '\0')
    return TRUE;
  xj_inline_error_show (self->error_label, message, field);
  return FALSE;
}

/* The lifecycle action of a step, -1 for the two that are not one. */
static int
step_action (XjNoticeStep step)
{
  switch (step)
    {
    case XJ_NOTICE_STEP_ACKNOWLEDGE:
      return XJ_NOTICE_ACTION_ACKNOWLEDGE;
    case XJ_NOTICE_STEP_RECTIFY:
      return XJ_NOTICE_ACTION_RECTIFY;
    case XJ_NOTICE_STEP_ACCEPT:
      return XJ_NOTICE_ACTION_ACCEPT;
    case XJ_NOTICE_STEP_REJECT:
      return XJ_NOTICE_ACTION_REJECT;
    case XJ_NOTICE_STEP_ESCALATE:
    case XJ_NOTICE_STEP_DISCARD:
    default:
      return -1;
    }
}

/* Whether the fields the step needs are filled; FALSE with the reason shown. */
static gboolean
check_fields (XjNoticeStepDialog *self,
              const char         *remark,
              char * const       *after)
{
  GtkWidget *remark_field = GTK_WIDGET (self->remark_view);
  GtkWidget *name_field = GTK_WIDGET (self->name_row);

  switch (self->step)
    {
    case XJ_NOTICE_STEP_ACKNOWLEDGE:
      return require (self, entry_text (self->name_row), name_field,
                      _("Enter who received the notice."));
    case XJ_NOTICE_STEP_RECTIFY:
      if (!require (self, remark, remark_field,
                    _("Describe what was done to rectify the problem.")))
        return FALSE;
      if (xj_photo_picker_get_busy (self->photo_picker))
        {
          xj_inline_error_show (self->error_label,
                                _("Photos are still being imported: wait or cancel first."),
                                NULL);
          return FALSE;
        }
      if (self->photos_required && after[0] == NULL)
        {
          xj_inline_error_show (self->error_label, _("Add at least one photo taken after the rectification: "
                                    "the findings of this notice require photos."), NULL);
          gtk_widget_grab_focus (GTK_WIDGET (self->photo_picker));
          return FALSE;
        }
      return TRUE;
    case XJ_NOTICE_STEP_ACCEPT:
      return require (self, entry_text (self->name_row), name_field,
                      _("Enter who verified the rectification."));
    case XJ_NOTICE_STEP_REJECT:
      if (!require (self, entry_text (self->name_row), name_field,
                    _("Enter who verified the rectification."))
          || !require (self, remark, remark_field, _("Say why the rectification is rejected.")))
        return FALSE;
      if (xj_deadline_row_get_deadline (self->deadline_row) <= xj_clock_now ())
        {
          xj_inline_error_show (self->error_label, _("Set a deadline in the future."),
                                GTK_WIDGET (self->deadline_row));
          return FALSE;
        }
      return TRUE;
    case XJ_NOTICE_STEP_ESCALATE:
      return require (self, remark, remark_field, _("Say why the notice is escalated."));
    case XJ_NOTICE_STEP_DISCARD:
    default:
      return require (self, remark, remark_field, _("Say why the draft is discarded."));
    }
}

/* Runs the step in the store; FALSE with the reason shown. */
static gboolean
apply_step (XjNoticeStepDialog *self,
            GError            **error)
{
  XjStore *store = xj_application_get_store (self->application);
  gint64 id = xj_notice_get_id (self->notice);
  g_autofree char *actor = xj_application_dup_actor (self->application);
  g_autofree char *remark = dup_remark (self);
  g_autofree char *strokes = NULL;
  g_auto(GStrv) after = NULL;
  XjNoticeStepOptions options = { 0 };
  int action = step_action (self->step);

  if (self->step == XJ_NOTICE_STEP_RECTIFY)
    after = xj_photo_picker_dup_photos (self->photo_picker);
  if (!check_fields (self, remark, after))
    return FALSE;
  if (self->step == XJ_NOTICE_STEP_ESCALATE)
    return xj_store_escalate_notice (store, id, remark, actor, error);
  if (action < 0)
    return xj_store_discard_notice_draft (store, id, remark, actor, error);

  /* The name typed is who takes the step (the recipient, the verifier);
   * the user records an acknowledgement and a rectification. */
  options.by = self->step == XJ_NOTICE_STEP_RECTIFY ? actor : entry_text (self->name_row);
  options.remark = remark;
  if (self->step == XJ_NOTICE_STEP_ACKNOWLEDGE)
    {
      strokes = xj_signature_pad_dup_strokes_json (self->signature_pad);
      options.recorded_by = actor;
      options.company = entry_text (self->company_row);
      options.strokes_json = strokes;
    }
  options.after_photos = (const char *const *) after;
  if (self->step == XJ_NOTICE_STEP_REJECT)
    options.new_deadline = xj_deadline_row_get_deadline (self->deadline_row);
  return xj_store_take_notice_step (store, id, action, &options, error);
}

/* --- callbacks ------------------------------------------------------------ */

/* Every change is written at once, like the runner's remarks. */
static void
on_remark_changed_cb (XjNoticeStepDialog *self)
{
  g_autofree char *remark = dup_remark (self);
  g_autoptr(GError) error = NULL;

  if (!xj_store_save_notice_step_draft (xj_application_get_store (self->application),
                                        xj_notice_get_id (self->notice), step_word (self->step),
                                        remark, &error))
    xj_inline_error_show (self->error_label, error->message, NULL);
}

/* The photos picked, kept with the remark (issue 12: a crash lost them). */
static void
on_photos_changed_cb (XjNoticeStepDialog *self)
{
  g_auto(GStrv) photos = xj_photo_picker_dup_photos (self->photo_picker);
  g_autoptr(GError) error = NULL;

  if (!xj_store_save_notice_step_draft_photos (xj_application_get_store (self->application),
                                               xj_notice_get_id (self->notice),
                                               step_word (self->step),
                                               (const char * const *) photos, &error))
    xj_inline_error_show (self->error_label, error->message, NULL);
}

/* Closed on purpose (Cancel, Escape, or done): what was typed and picked
 * goes.  A crash closes nothing, and the draft stays for the next time. */
static gboolean
on_close_request_cb (XjNoticeStepDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!xj_store_forget_notice_step_draft (xj_application_get_store (self->application),
                                          xj_notice_get_id (self->notice), step_word (self->step),
                                          &error))
    g_warning ("Could not forget the remark typed for the notice: %s", error->message);
  return FALSE;
}

static void
apply_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  XjNoticeStepDialog *self = XJ_NOTICE_STEP_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->remark_view), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->deadline_row), "error");
  xj_inline_error_show (self->error_label, NULL, NULL);
  if (apply_step (self, &error))
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  if (error != NULL)
    xj_inline_error_show (self->error_label, error->message, NULL);
}

static GtkWidget *
add_pad_button (XjNoticeStepDialog *self,
                const char         *icon,
                const char         *label,
                const char         *property,
                GCallback           callback)
{
  GtkWidget *button = xj_icon_button_new (icon, label);

  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_swapped (button, "clicked", callback, self->signature_pad);
  g_object_bind_property (self->signature_pad, property, button, "sensitive",
                          G_BINDING_SYNC_CREATE | (g_str_equal (property, "empty")
                                                   ? G_BINDING_INVERT_BOOLEAN : 0));
  gtk_box_append (self->signature_buttons, button);
  return button;
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_notice_step_dialog_dispose (GObject *object)
{
  XjNoticeStepDialog *self = XJ_NOTICE_STEP_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_NOTICE_STEP_DIALOG);
  g_clear_object (&self->notice);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (xj_notice_step_dialog_parent_class)->dispose (object);
}

static void
xj_notice_step_dialog_class_init (XjNoticeStepDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_notice_step_dialog_dispose;

  g_type_ensure (XJ_TYPE_DEADLINE_ROW);
  g_type_ensure (XJ_TYPE_SIGNATURE_PAD);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-notice-step-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, XjNoticeStepDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeStepDialog, intro);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeStepDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeStepDialog, fields);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeStepDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeStepDialog, company_row);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeStepDialog, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeStepDialog, photos_box);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeStepDialog, photos_title);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeStepDialog, remark_box);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeStepDialog, remark_title);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeStepDialog, remark_view);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeStepDialog, signature_box);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeStepDialog, signature_pad);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeStepDialog, signature_buttons);

  gtk_widget_class_install_action (widget_class, "step.apply", NULL, apply_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
xj_notice_step_dialog_init (XjNoticeStepDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  add_pad_button (self, "edit-undo-symbolic", _("Undo Stroke"), "can-undo",
                  G_CALLBACK (xj_signature_pad_undo));
  add_pad_button (self, "edit-redo-symbolic", _("Redo Stroke"), "can-redo",
                  G_CALLBACK (xj_signature_pad_redo));
  add_pad_button (self, "edit-clear-all-symbolic", _("Clear Signature"), "empty",
                  G_CALLBACK (xj_signature_pad_clear));
}

/* --- public API ----------------------------------------------------------- */

/* The after-photos: picked as in the runner, and those picked before the
 * application stopped; required when the findings' items require photos
 * (the core checks again). */
static void
set_up_photos (XjNoticeStepDialog *self)
{
  XjStore *store = xj_application_get_store (self->application);
  XjNotice *notice = self->notice;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) kept = NULL;
  gint64 since = xj_notice_get_acknowledged_at (notice) > 0 ? xj_notice_get_acknowledged_at (notice)
                                                           : xj_notice_get_issued_at (notice);

  /* Room for the thumbnails that come in after the dialog is shown. */
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 560);
  self->photo_picker = xj_photo_picker_new (store);
  xj_photo_picker_set_taken_after (self->photo_picker, since);
  gtk_box_append (GTK_BOX (self->photos_box), GTK_WIDGET (self->photo_picker));
  if (!xj_store_notice_needs_after_photos (store, xj_notice_get_id (notice),
                                           &self->photos_required, &error))
    g_warning ("%s", error->message);
  if (self->photos_required)
    gtk_label_set_text (self->photos_title, _("Photos After the Rectification (at least one)"));
  g_clear_error (&error);
  kept = xj_store_dup_notice_step_draft_photos (store, xj_notice_get_id (notice),
                                                step_word (self->step), &error);
  if (kept == NULL)
    xj_inline_error_show (self->error_label, error->message, NULL);
  else
    xj_photo_picker_add_stored (self->photo_picker, (const char * const *) kept);
  g_signal_connect_object (self->photo_picker, "notify::n-photos",
                           G_CALLBACK (on_photos_changed_cb), self, G_CONNECT_SWAPPED);
}

/* What was typed for this step before the application stopped, then every
 * change written as it is made. */
static void
restore_remark (XjNoticeStepDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->remark_view);
  g_autoptr(GError) error = NULL;
  g_autofree char *draft = NULL;

  draft = xj_store_dup_notice_step_draft (xj_application_get_store (self->application),
                                          xj_notice_get_id (self->notice), step_word (self->step),
                                          &error);
  if (error != NULL)
    xj_inline_error_show (self->error_label, error->message, NULL);
  if (draft != NULL)
    gtk_text_buffer_set_text (buffer, draft, -1);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_remark_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), NULL);
}

/* Which fields each step asks for, and in which words. */
static void
set_up_step (XjNoticeStepDialog *self)
{
  XjNotice *notice = self->notice;
  g_autofree char *actor = xj_application_dup_actor (self->application);
  const char *title, *apply, *intro, *name = NULL, *remark = NULL;
  gboolean company = FALSE, deadline = FALSE, photos = FALSE, signature = FALSE;

  switch (self->step)
    {
    case XJ_NOTICE_STEP_ACKNOWLEDGE:
      title = _("Acknowledge Notice");
      apply = _("_Acknowledge");
      intro = _("Record who at the responsible party received the notice. They may sign below.");
      name = _("Received by");
      company = signature = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), xj_notice_get_addressed_person (notice));
      gtk_editable_set_text (GTK_EDITABLE (self->company_row),
                             xj_notice_get_addressed_company (notice));
      break;
    case XJ_NOTICE_STEP_RECTIFY:
      title = _("Record Rectification");
      apply = _("_Record");
      intro = _("Record what the responsible party did, with the photos taken afterwards.");
      remark = _("What was done");
      photos = TRUE;
      set_up_photos (self);
      break;
    case XJ_NOTICE_STEP_ACCEPT:
      title = _("Accept Rectification");
      apply = _("_Accept");
      intro = _("The rectification was checked on site and is accepted.");
      name = _("Verified by");
      remark = _("Remark (optional)");
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), actor);
      break;
    case XJ_NOTICE_STEP_REJECT:
      title = _("Reject Rectification");
      apply = _("_Reject");
      intro = _("The notice goes back to the responsible party with a new deadline; the old one stays in the history.");
      name = _("Verified by");
      remark = _("Reason");
      deadline = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), actor);
      xj_deadline_row_set_deadline (self->deadline_row, xj_clock_now () + 3 * DAY);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->deadline_row), _("New deadline"));
      break;
    case XJ_NOTICE_STEP_ESCALATE:
      title = _("Escalate Notice");
      apply = _("_Escalate");
      intro = _("The notice is flagged for the project manager of the site.");
      remark = _("Reason");
      break;
    case XJ_NOTICE_STEP_DISCARD:
    default:
      title = _("Discard Draft");
      apply = _("_Discard");
      intro = _("The draft is deleted. Its number is not used again; the audit log keeps the reason.");
      remark = _("Reason");
      gtk_widget_remove_css_class (GTK_WIDGET (self->apply_button), "suggested-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->apply_button), "destructive-action");
      break;
    }

  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_button_set_label (self->apply_button, apply);
  gtk_button_set_use_underline (self->apply_button, TRUE);
  gtk_label_set_text (self->intro, intro);
  gtk_widget_set_visible (GTK_WIDGET (self->name_row), name != NULL);
  if (name != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), name);
  gtk_widget_set_visible (GTK_WIDGET (self->company_row), company);
  gtk_widget_set_visible (GTK_WIDGET (self->deadline_row), deadline);
  gtk_widget_set_visible (self->photos_box, photos);
  gtk_widget_set_visible (self->fields, name != NULL || deadline);
  gtk_widget_set_visible (self->remark_box, remark != NULL);
  if (remark != NULL)
    gtk_label_set_text (self->remark_title, remark);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remark_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remark != NULL ? remark : "", -1);
  gtk_widget_set_visible (self->signature_box, signature);
  if (remark != NULL)
    restore_remark (self);

  /* The first thing to fill in has the focus, never Cancel. */
  gtk_window_set_focus (GTK_WINDOW (self), name != NULL ? GTK_WIDGET (self->name_row)
                                           : GTK_WIDGET (self->remark_view));
}

GtkWidget *
xj_notice_step_dialog_new (XjApplication *application,
                           XjNotice      *notice,
                           XjNoticeStep   step)
{
  XjNoticeStepDialog *self = g_object_new (XJ_TYPE_NOTICE_STEP_DIALOG, NULL);

  self->application = g_object_ref (application);
  self->notice = g_object_ref (notice);
  self->step = step;
  set_up_step (self);
  return GTK_WIDGET (self);
}

/* The after-photos of a rectification; NULL for the other steps. */
XjPhotoPicker *
xj_notice_step_dialog_get_photo_picker (XjNoticeStepDialog *self)
{
  g_return_val_if_fail (XJ_IS_NOTICE_STEP_DIALOG (self), NULL);
  return self->photo_picker;
}
