/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starting an inspection: site, checklist (its latest version), kind,
 * inspector, the accompanying representative (required for weekly and
 * monthly checks, hidden for mystery kinds) and the start time.  A refused
 * start says why above the form and keeps everything entered.
 */
#define G_LOG_DOMAIN "xj-new-inspection-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-choices-private.h"
#include "xj-clock.h"
#include "xj-inspection.h"
#include "xj-new-inspection-dialog.h"
#include "xj-site.h"
#include "xj-template-store.h"
#include "xj-today.h"
#include "xj-window-actions.h"
#include "xj-window.h"

struct _XjNewInspectionDialog
{
  AdwWindow            parent_instance;

  XjApplication       *application;
  gint64               schedule_id;     /* when started for a schedule's occurrence */
  gint64               occurrence_at;
  char                *read_error;      /* the sites or checklists could not be read */

  GtkLabel            *error_label;
  AdwComboRow         *site_row;
  AdwComboRow         *template_row;
  AdwComboRow         *kind_row;
  AdwEntryRow         *inspector_row;
  AdwEntryRow         *start_row;
  AdwPreferencesGroup *rep_group;
  AdwEntryRow         *rep_name_row;
  AdwEntryRow         *rep_company_row;
  GtkWidget           *start_button;
};

G_DEFINE_FINAL_TYPE (XjNewInspectionDialog, xj_new_inspection_dialog, ADW_TYPE_WINDOW)

/* --- helpers -------------------------------------------------------------- */

static gboolean
is_blank (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text == '\0';
}

static const char *selected_kind (XjNewInspectionDialog *self);

/* The first field the person still has to fill in, or NULL. */
static GtkWidget *
first_missing_field (XjNewInspectionDialog *self)
{
  if (is_blank (self->inspector_row))
    return GTK_WIDGET (self->inspector_row);
  if (xj_inspection_kind_needs_representative (selected_kind (self)) && is_blank (self->rep_name_row))
    return GTK_WIDGET (self->rep_name_row);
  return NULL;
}

static const char *
selected_kind (XjNewInspectionDialog *self)
{
  guint n_kinds = 0;
  const XjTemplateChoice *kinds = xj_template_get_kinds (&n_kinds);
  guint selected = adw_combo_row_get_selected (self->kind_row);

  return selected < n_kinds ? kinds[selected].id : NULL;
}

/* --- callbacks ------------------------------------------------------------ */

static void
on_kind_changed_cb (XjNewInspectionDialog *self)
{
  const char *kind = selected_kind (self);

  /* Mystery shoppers come alone: nothing to ask. */
  gtk_widget_set_visible (GTK_WIDGET (self->rep_group), !g_str_has_prefix (kind != NULL ? kind : "",
                                                                          "mystery"));
  adw_preferences_group_set_description (self->rep_group,
                                         xj_inspection_kind_needs_representative (kind)
                                         ? _("Required for weekly and monthly checks.")
                                         : _("Optional."));
}

/* The checklist says what kind of inspection it is made for. */
static void
on_template_changed_cb (XjNewInspectionDialog *self)
{
  _xj_kind_row_select (self->kind_row, _xj_combo_row_get_default_kind (self->template_row));
}

static void
start_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  XjNewInspectionDialog *self = XJ_NEW_INSPECTION_DIALOG (widget);
  XjInspectionStart start = { 0 };
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  gint64 id;

  /* A time corrected since the last try is no longer marked. */
  gtk_widget_remove_css_class (GTK_WIDGET (self->start_row), "error");
  if (self->read_error != NULL)
    {
      xj_inline_error_show (self->error_label, self->read_error, NULL);
      return;
    }
  if (!xj_parse_local_minute (gtk_editable_get_text (GTK_EDITABLE (self->start_row)),
                              &start.started_at))
    {
      xj_inline_error_show (self->error_label,
                            _("Enter the start time as YYYY-MM-DD HH:MM, for example 2026-03-01 10:30."),
                            GTK_WIDGET (self->start_row));
      return;
    }
  start.site_id = _xj_combo_row_get_id (self->site_row);
  start.template_id = _xj_combo_row_get_id (self->template_row);
  start.kind = selected_kind (self);
  start.inspector = gtk_editable_get_text (GTK_EDITABLE (self->inspector_row));
  start.rep_name = gtk_editable_get_text (GTK_EDITABLE (self->rep_name_row));
  start.rep_company = gtk_editable_get_text (GTK_EDITABLE (self->rep_company_row));
  start.schedule_id = self->schedule_id;
  start.occurrence_at = self->occurrence_at;
  /* Started by hand, it still does what a schedule has due that day. */
  if (start.schedule_id == 0
      && !xj_today_find_due (xj_application_get_store (self->application), start.site_id,
                             start.template_id, start.kind, start.started_at,
                             &start.schedule_id, &start.occurrence_at, &error))
    {
      xj_inline_error_show (self->error_label, error->message, NULL);
      return;
    }

  id = xj_store_start_inspection (xj_application_get_store (self->application), &start, &error);
  if (id == 0)
    {
      xj_inline_error_show (self->error_label, error->message, first_missing_field (self));
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-inspection", "x", id);
}

/* --- building ------------------------------------------------------------- */

static void
fill_choices (XjNewInspectionDialog *self)
{
  XjStore *store = xj_application_get_store (self->application);
  g_autoptr(GListModel) sites = _xj_site_choices_new (store, FALSE, NULL);
  g_autoptr(GListModel) templates = _xj_template_choices_new (store);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  const GError *error = _xj_choices_get_error (sites);
  guint n_kinds = 0;
  const XjTemplateChoice *kind_choices = xj_template_get_kinds (&n_kinds);

  for (guint i = 0; i < n_kinds; i++)
    gtk_string_list_append (kinds, kind_choices[i].label);

  _xj_combo_row_set_choices (self->site_row, sites);
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  _xj_combo_row_set_choices (self->template_row, templates);
  /* A read that failed is said as such, not as "no site yet". */
  if (error == NULL)
    error = _xj_choices_get_error (templates);
  if (error != NULL)
    {
      self->read_error = g_strdup (error->message);
      xj_inline_error_show (self->error_label, self->read_error, NULL);
    }
  else if (_xj_choices_is_empty (sites))
    xj_inline_error_show (self->error_label,
                          _("There is no active site yet: add the site in Sites first."), NULL);
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_new_inspection_dialog_dispose (GObject *object)
{
  XjNewInspectionDialog *self = XJ_NEW_INSPECTION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_NEW_INSPECTION_DIALOG);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (xj_new_inspection_dialog_parent_class)->dispose (object);
}

static void
xj_new_inspection_dialog_finalize (GObject *object)
{
  XjNewInspectionDialog *self = XJ_NEW_INSPECTION_DIALOG (object);

  g_free (self->read_error);

  G_OBJECT_CLASS (xj_new_inspection_dialog_parent_class)->finalize (object);
}

static void
xj_new_inspection_dialog_class_init (XjNewInspectionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_new_inspection_dialog_dispose;
  object_class->finalize = xj_new_inspection_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-new-inspection-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, XjNewInspectionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, XjNewInspectionDialog, site_row);
  gtk_widget_class_bind_template_child (widget_class, XjNewInspectionDialog, template_row);
  gtk_widget_class_bind_template_child (widget_class, XjNewInspectionDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, XjNewInspectionDialog, inspector_row);
  gtk_widget_class_bind_template_child (widget_class, XjNewInspectionDialog, start_button);
  gtk_widget_class_bind_template_child (widget_class, XjNewInspectionDialog, start_row);
  gtk_widget_class_bind_template_child (widget_class, XjNewInspectionDialog, rep_group);
  gtk_widget_class_bind_template_child (widget_class, XjNewInspectionDialog, rep_name_row);
  gtk_widget_class_bind_template_child (widget_class, XjNewInspectionDialog, rep_company_row);

  gtk_widget_class_install_action (widget_class, "new-inspection.start", NULL, start_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
xj_new_inspection_dialog_init (XjNewInspectionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _xj_combo_row_wrap_names (self->site_row);
  _xj_combo_row_wrap_names (self->template_row);
}

/* --- public API ----------------------------------------------------------- */

XjNewInspectionDialog *
xj_new_inspection_dialog_new (XjApplication *application)
{
  XjNewInspectionDialog *self = g_object_new (XJ_TYPE_NEW_INSPECTION_DIALOG, NULL);
  g_autofree char *inspector = g_settings_get_string (xj_application_get_settings (application),
                                                      "inspector-name");
  g_autofree char *now = xj_format_local_minute (xj_clock_now ());

  self->application = g_object_ref (application);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_kind_changed_cb),
                            self);
  g_signal_connect_swapped (self->template_row, "notify::selected",
                            G_CALLBACK (on_template_changed_cb), self);
  fill_choices (self);
  on_template_changed_cb (self);
  on_kind_changed_cb (self);
  gtk_editable_set_text (GTK_EDITABLE (self->inspector_row), inspector);
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), now);
  /* The first field, not the Cancel button; the inspector's name first
   * when it is not known yet. */
  gtk_widget_grab_focus (is_blank (self->inspector_row) ? GTK_WIDGET (self->inspector_row)
                                                        : GTK_WIDGET (self->site_row));
  return self;
}

/**
 * xj_new_inspection_dialog_prefill:
 * @schedule_id: the schedule whose occurrence this inspection does, or 0
 *
 * Fills in site, checklist and kind (as Today's Start does) and links the
 * inspection that will be started to the occurrence; the person still
 * enters the representative.
 */
void
xj_new_inspection_dialog_prefill (XjNewInspectionDialog *self,
                                  gint64                 site_id,
                                  gint64                 template_id,
                                  const char            *kind,
                                  gint64                 schedule_id,
                                  gint64                 occurrence_at)
{
  guint n_kinds = 0;
  const XjTemplateChoice *kinds = xj_template_get_kinds (&n_kinds);
  GtkWidget *field;

  g_return_if_fail (XJ_IS_NEW_INSPECTION_DIALOG (self));

  _xj_combo_row_select_id (self->site_row, site_id);
  /* After the checklist, whose own default kind would otherwise win. */
  _xj_combo_row_select_id (self->template_row, template_id);
  for (guint i = 0; kind != NULL && i < n_kinds; i++)
    if (g_strcmp0 (kinds[i].id, kind) == 0)
      adw_combo_row_set_selected (self->kind_row, i);
  self->schedule_id = schedule_id;
  self->occurrence_at = occurrence_at;
  /* Everything Today knew is filled in: the keyboard goes to what is still
   * missing, or to Start. */
  field = first_missing_field (self);
  gtk_widget_grab_focus (field != NULL ? field : GTK_WIDGET (self->start_button));
}
