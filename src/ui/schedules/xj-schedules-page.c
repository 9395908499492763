/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Schedules area: the list of schedules (add, edit, pause, delete)
 * and, in a second view, the month calendar of their occurrences.  Both
 * read the database only when first shown: nothing here costs start-up.
 * The list is a lazy model read in a worker (two hundred sites have a
 * thousand schedules): only the rows on screen are built.
 */
#define G_LOG_DOMAIN "xj-schedules-page"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-calendar-page.h"
#include "xj-clock.h"
#include "xj-confirm.h"
#include "xj-inspection.h"
#include "xj-list-row.h"
#include "xj-record-rows-private.h"
#include "xj-schedule-dialog.h"
#include "xj-schedule-model.h"
#include "xj-schedules-page.h"
#include "xj-team-role.h"
#include "xj-window-actions.h"
#include "xj-window.h"

/* How far ahead the list looks for the next occurrence. */
#define NEXT_HORIZON_S (93 * 24 * 60 * 60)

struct _XjSchedulesPage
{
  AdwBin          parent_instance;

  XjApplication  *application;
  XjPagedModel   *model;        /* NULL until first shown */
  gboolean        loaded;
  gboolean        dirty;
  char           *refusal;      /* why the team role may not change schedules, or NULL */

  AdwViewStack   *views;
  GtkWidget      *add_button;
  GtkWidget      *empty_add_button;
  GtkStack       *stack;
  GtkListView    *list;
  GtkWidget      *calendar_page;
};

G_DEFINE_FINAL_TYPE (XjSchedulesPage, xj_schedules_page, ADW_TYPE_BIN)

/* --- helpers -------------------------------------------------------------- */

/* One row's read (well under a millisecond): the list holds only pages. */
static XjSchedule *
find (XjSchedulesPage *self,
      gint64           schedule_id)
{
  g_autoptr(GError) error = NULL;
  XjSchedule *schedule = xj_store_get_schedule (xj_application_get_store (self->application),
                                                schedule_id, &error);

  if (schedule == NULL)
    xj_toast (GTK_WIDGET (self), error->message);
  return schedule;
}

static GtkWidget *
icon_button (const char *icon)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
set_button (GtkWidget  *button,
            const char *tooltip,
            const char *accessible,
            const char *action,
            GVariant   *target)
{
  gtk_widget_set_visible (button, TRUE);
  xj_list_row_set_child_tooltip (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  /* The target first: the action's parameter type must match it at once. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
}

/* A row of the list, recycled as it scrolls: update_row() fills it. */
static GtkWidget *
create_row (gpointer user_data)
{
  GtkWidget *row = xj_list_row_new ();
  GtkWidget *tag = gtk_label_new (_("Paused"));
  const char *names[] = { "pause", "edit", "delete" };
  const char *icons[] = { "media-playback-pause-symbolic", "document-edit-symbolic",
                          "user-trash-symbolic" };

  gtk_widget_add_css_class (tag, "tag");
  gtk_widget_add_css_class (tag, "paused-tag");
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  xj_list_row_add_prefix (XJ_LIST_ROW (row), tag);
  g_object_set_data (G_OBJECT (row), "tag", tag);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkWidget *button = icon_button (icons[i]);

      gtk_widget_set_name (button, names[i]);
      xj_list_row_add_suffix (XJ_LIST_ROW (row), button);
      g_object_set_data (G_OBJECT (row), names[i], button);
    }
  return row;
}

static void
update_row (GtkWidget *row,
            gpointer   data,
            gpointer   user_data)
{
  XjSchedule *schedule = data;
  const char *refusal = XJ_SCHEDULES_PAGE (user_data)->refusal;
  GtkWidget *pause = g_object_get_data (G_OBJECT (row), "pause");
  GtkWidget *edit = g_object_get_data (G_OBJECT (row), "edit");
  GtkWidget *delete = g_object_get_data (G_OBJECT (row), "delete");
  gint64 now = xj_clock_now ();
  gint64 id;
  gboolean paused;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *next = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *edit_label = NULL;
  g_autofree char *pause_label = NULL;
  g_autofree char *delete_label = NULL;
  g_autoptr(GArray) planned = NULL;

  if (schedule == NULL)
    {
      _xj_record_row_show_blank (row);
      gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "tag"), FALSE);
      gtk_widget_set_visible (pause, FALSE);
      gtk_widget_set_visible (edit, FALSE);
      gtk_widget_set_visible (delete, FALSE);
      return;
    }
  id = xj_schedule_get_id (schedule);
  paused = xj_schedule_get_paused (schedule);
  title = g_strdup_printf ("%s · %s", xj_schedule_get_site_name (schedule),
                           xj_schedule_get_template_name (schedule));
  description = xj_schedule_dup_description (schedule);
  edit_label = g_strdup_printf (_("Edit schedule %s"), title);
  pause_label = g_strdup_printf (paused ? _("Resume schedule %s") : _("Pause schedule %s"), title);
  delete_label = g_strdup_printf (_("Delete schedule %s"), title);
  if (!paused)
    planned = xj_schedule_plan (schedule, now, now + NEXT_HORIZON_S);
  if (planned != NULL && planned->len > 0)
    {
      g_autofree char *when = xj_format_local_minute (g_array_index (planned, gint64, 0));

      next = g_strdup_printf (_("next %s"), when);
    }
  else
    next = g_strdup (paused ? _("paused") : _("nothing planned soon"));
  subtitle = g_strdup_printf ("%s · %s · %s", xj_inspection_kind_get_label (xj_schedule_get_kind (schedule)),
                              description, next);

  xj_list_row_set_text (XJ_LIST_ROW (row), title, subtitle, NULL);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "tag"), paused);
  gtk_button_set_icon_name (GTK_BUTTON (pause), paused ? "media-playback-start-symbolic"
                                                       : "media-playback-pause-symbolic");
  set_button (pause, refusal != NULL ? refusal : paused ? _("Resume") : _("Pause"), pause_label,
              "schedules.pause", g_variant_new ("(xb)", id, !paused));
  set_button (edit, refusal != NULL ? refusal : _("Edit"), edit_label, "schedules.edit",
              g_variant_new_int64 (id));
  set_button (delete, refusal != NULL ? refusal : _("Delete"), delete_label, "schedules.delete",
              g_variant_new_int64 (id));
}

static void
on_loading_cb (XjSchedulesPage *self)
{
  const GError *error = xj_paged_model_get_error (self->model);

  if (error != NULL)
    xj_toast (GTK_WIDGET (self), error->message);
  if (xj_paged_model_get_counted (self->model))
    gtk_stack_set_visible_child_name (self->stack,
                                      g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0
                                      ? "list" : "empty");
}

/* In a team, whether the role may change schedules (the server refuses it
 * otherwise): add, edit, pause and delete are off and say why. */
static void
read_team (XjSchedulesPage *self)
{
  const char *actions[] = { "schedules.add", "schedules.edit", "schedules.pause",
                            "schedules.delete" };

  g_free (self->refusal);
  self->refusal = xj_team_role_refusal_here (self->application, XJ_TEAM_ACT_EDIT_SHARED);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], self->refusal == NULL);
  gtk_widget_set_tooltip_text (self->add_button,
                               self->refusal != NULL ? self->refusal : _("Add Schedule (Ctrl+N)"));
  gtk_widget_set_tooltip_text (self->empty_add_button, self->refusal);
}

static void
reload (XjSchedulesPage *self)
{
  read_team (self);
  self->loaded = TRUE;
  self->dirty = FALSE;
  if (self->model != NULL)
    {
      xj_paged_model_reload (self->model);
      return;
    }
  self->model = xj_schedule_model_new (xj_application_get_store (self->application), 0);
  g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (on_loading_cb), self,
                           G_CONNECT_SWAPPED);
  _xj_record_rows_bind (self->list, G_LIST_MODEL (self->model), create_row, update_row, self);
}

static void
open_dialog (XjSchedulesPage *self,
             XjSchedule      *schedule)
{
  XjScheduleDialog *dialog = xj_schedule_dialog_new (self->application, schedule);

  xj_window_present_over (GTK_WINDOW (dialog), GTK_WIDGET (self));
}

/* --- callbacks and actions ------------------------------------------------ */

static void
on_list_activate_cb (XjSchedulesPage *self,
                     guint            position)
{
  XjSchedule *schedule = _xj_record_rows_get_data (self->list, position);

  if (self->refusal != NULL)
    xj_toast (GTK_WIDGET (self), self->refusal);
  else if (schedule != NULL)
    open_dialog (self, schedule);
}

static void
on_store_changed_cb (XjSchedulesPage *self)
{
  if (!self->loaded)
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  else
    self->dirty = TRUE;
}

static void
on_map_cb (XjSchedulesPage *self)
{
  if (!self->loaded || self->dirty)
    reload (self);
}

static void
add_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  /* The shortcut is window-wide; act only when this page is the one shown. */
  if (gtk_widget_get_mapped (widget))
    open_dialog (XJ_SCHEDULES_PAGE (widget), NULL);
}

static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  XjSchedulesPage *self = XJ_SCHEDULES_PAGE (widget);
  g_autoptr(XjSchedule) schedule = find (self, g_variant_get_int64 (parameter));

  if (schedule != NULL)
    open_dialog (self, schedule);
}

static void
pause_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  XjSchedulesPage *self = XJ_SCHEDULES_PAGE (widget);
  g_autofree char *actor = xj_application_dup_actor (self->application);
  g_autoptr(GError) error = NULL;
  gint64 id;
  gboolean paused;

  g_variant_get (parameter, "(xb)", &id, &paused);
  if (!xj_store_set_schedule_paused (xj_application_get_store (self->application), id, paused,
                                     actor, &error))
    xj_toast (GTK_WIDGET (self), error->message);
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       XjSchedulesPage  *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "schedule-id"));
  g_autofree char *actor = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  actor = xj_application_dup_actor (self->application);
  if (!xj_store_delete_schedule (xj_application_get_store (self->application), id, actor, &error))
    xj_toast (GTK_WIDGET (self), error->message);
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  XjSchedulesPage *self = XJ_SCHEDULES_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(XjSchedule) schedule = find (self, id);
  GtkWidget *dialog;

  if (schedule == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Delete the Schedule?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("No more inspections of “%s” at %s will be planned. "
                                    "Inspections already made are kept."),
                                  xj_schedule_get_template_name (schedule),
                                  xj_schedule_get_site_name (schedule));
  g_object_set_data (G_OBJECT (dialog), "schedule-id", GSIZE_TO_POINTER ((gsize) id));
  xj_confirm_present (ADW_MESSAGE_DIALOG (dialog), "delete", _("_Delete"),
                      ADW_RESPONSE_DESTRUCTIVE, "cancel",
                      G_CALLBACK (on_delete_response_cb), self, 0);
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_schedules_page_dispose (GObject *object)
{
  XjSchedulesPage *self = XJ_SCHEDULES_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_SCHEDULES_PAGE);
  g_clear_object (&self->model);
  g_clear_pointer (&self->refusal, g_free);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (xj_schedules_page_parent_class)->dispose (object);
}

static void
xj_schedules_page_class_init (XjSchedulesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_schedules_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-schedules-page.ui");
  gtk_widget_class_bind_template_child (widget_class, XjSchedulesPage, views);
  gtk_widget_class_bind_template_child (widget_class, XjSchedulesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, XjSchedulesPage, list);
  gtk_widget_class_bind_template_child (widget_class, XjSchedulesPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, XjSchedulesPage, empty_add_button);

  gtk_widget_class_install_action (widget_class, "schedules.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "schedules.edit", "x", edit_activated);
  gtk_widget_class_install_action (widget_class, "schedules.pause", "(xb)", pause_activated);
  gtk_widget_class_install_action (widget_class, "schedules.delete", "x", delete_activated);
}

static void
xj_schedules_page_init (XjSchedulesPage *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The list's frame while it is counted, not the empty state: the stack
   * (not homogeneous) measures only the child shown. */
  gtk_stack_set_visible_child_name (self->stack, "list");
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
  g_signal_connect_swapped (self->list, "activate", G_CALLBACK (on_list_activate_cb), self);

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Primary>n"),
                                                          gtk_named_action_new ("schedules.add")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

/* --- public API ----------------------------------------------------------- */

GtkWidget *
xj_schedules_page_new (XjApplication *application)
{
  XjSchedulesPage *self = g_object_new (XJ_TYPE_SCHEDULES_PAGE, NULL);
  AdwViewStackPage *page;

  self->application = g_object_ref (application);
  self->calendar_page = xj_calendar_page_new (application);
  page = adw_view_stack_add_titled (self->views, self->calendar_page, "calendar", _("Calendar"));
  adw_view_stack_page_set_icon_name (page, "x-office-calendar-symbolic");
  g_signal_connect_object (xj_application_get_store (application), "changed",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

XjCalendarPage *
xj_schedules_page_show_calendar (XjSchedulesPage *self)
{
  g_return_val_if_fail (XJ_IS_SCHEDULES_PAGE (self), NULL);

  adw_view_stack_set_visible_child_name (self->views, "calendar");
  return XJ_CALENDAR_PAGE (self->calendar_page);
}
