/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The calendar of the Schedules area: a month of occurrences coloured by
 * status, with month navigation and a site filter; beside it the chosen
 * day's occurrences and the chosen one's details, with Start and Skip for
 * those still to do.  The month is computed in a worker on its own
 * connection (all sites at once reads a month of inspections), and only
 * once the page is first shown, never at start-up.
 */
#define G_LOG_DOMAIN "xj-calendar-page"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-calendar-page.h"
#include "xj-cancel.h"
#include "xj-choices-private.h"
#include "xj-clock.h"
#include "xj-inspection.h"
#include "xj-label.h"
#include "xj-occurrence-start.h"
#include "xj-reader-task.h"
#include "xj-site.h"
#include "xj-window-actions.h"
#include "xj-window.h"

typedef struct
{
  int     year;
  int     month;
  gint64  site_id;
} MonthJob;

struct _XjCalendarPage
{
  AdwBin         parent_instance;

  XjApplication *application;
  int            year;
  int            month;
  GArray        *occurrences;    /* the month shown */
  int            day;            /* chosen, or 0 */
  gint64         chosen_schedule;
  gint64         chosen_at;
  GCancellable  *cancellable;
  gboolean       loaded;
  gboolean       dirty;
  guint          refresh_source;

  GtkLabel      *month_label;
  GtkSpinner    *spinner;
  GtkDropDown   *site_filter;
  XjCalendar    *calendar;
  AdwPreferencesGroup *day_group;
  AdwPreferencesGroup *details_group;
  GtkListBox    *day_list;
  AdwActionRow  *status_row;
  AdwActionRow  *times_row;
  GtkWidget     *start_button;
  GtkWidget     *reason_row;
  GtkWidget     *skip_button;
  GtkLabel      *skip_error;
};

G_DEFINE_FINAL_TYPE (XjCalendarPage, xj_calendar_page, ADW_TYPE_BIN)

static void load (XjCalendarPage *self);

/* --- the worker ------------------------------------------------------------ */

static gpointer
month_on_reader (XjStore       *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  MonthJob *job = data;

  return xj_schedule_calendar_month (store, job->year, job->month, job->site_id, error);
}

static const XjReaderTask month_task = {
  .run = month_on_reader,
  .job_free = g_free,
  .result_free = (GDestroyNotify) g_array_unref,
};

/* --- helpers -------------------------------------------------------------- */

static const XjOccurrence *
find (XjCalendarPage *self,
      gint64          schedule_id,
      gint64          at)
{
  for (guint i = 0; self->occurrences != NULL && i < self->occurrences->len; i++)
    {
      const XjOccurrence *o = &g_array_index (self->occurrences, XjOccurrence, i);

      if (o->schedule_id == schedule_id && o->at == at)
        return o;
    }
  return NULL;
}

static int
local_day (gint64 at)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (at);

  return g_date_time_get_day_of_month (dt);
}

static char *
format_time (gint64 at)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (at);

  return g_date_time_format (dt, "%H:%M");
}

static void
show_details (XjCalendarPage *self)
{
  const XjOccurrence *o = find (self, self->chosen_schedule, self->chosen_at);
  g_autofree char *planned = NULL;
  g_autofree char *due = NULL;
  g_autofree char *times = NULL;
  g_autofree char *status = NULL;
  gboolean to_do;

  gtk_widget_set_visible (GTK_WIDGET (self->details_group), o != NULL);
  if (o == NULL)
    return;
  to_do = o->status == XJ_OCCURRENCE_DUE || o->status == XJ_OCCURRENCE_OVERDUE;
  planned = xj_format_local_minute (o->at);
  due = format_time (o->due);
  times = g_strdup_printf (_("Planned %s, due by %s"), planned, due);
  if (o->status == XJ_OCCURRENCE_SKIPPED)
    status = g_strdup_printf (_("Skipped: %s"), o->skip_reason);
  else if (o->status == XJ_OCCURRENCE_DONE && o->late)
    status = g_strdup_printf (_("%s, started late"), xj_occurrence_status_get_label (o->status));
  else
    status = g_strdup (xj_occurrence_status_get_label (o->status));

  adw_preferences_group_set_description (self->details_group, o->site_name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), status);
  adw_action_row_set_subtitle (self->status_row, o->template_name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->times_row), times);
  adw_action_row_set_subtitle (self->times_row, xj_inspection_kind_get_label (o->kind));
  gtk_widget_set_visible (self->start_button, to_do);
  gtk_widget_set_visible (self->reason_row, to_do);
  gtk_widget_set_visible (self->skip_button, to_do);
  gtk_widget_set_visible (GTK_WIDGET (self->skip_error), FALSE);
}

static void
show_day (XjCalendarPage *self)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *title = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->day_list))) != NULL)
    gtk_list_box_remove (self->day_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->day_list), self->day > 0);
  if (self->day <= 0)
    return;
  date = g_date_time_new_local (self->year, self->month, self->day, 0, 0, 0);
  title = g_date_time_format (date, _("%A, %B %-d"));
  adw_preferences_group_set_title (self->day_group, title);
  adw_preferences_group_set_description (self->day_group, NULL);
  for (guint i = 0; self->occurrences != NULL && i < self->occurrences->len; i++)
    {
      const XjOccurrence *o = &g_array_index (self->occurrences, XjOccurrence, i);
      g_autofree char *time = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *css = NULL;
      GtkWidget *row, *tag;

      if (local_day (o->at) != self->day)
        continue;
      time = format_time (o->at);
      subtitle = g_strdup_printf ("%s · %s", time, o->template_name);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), o->site_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      tag = gtk_label_new (xj_occurrence_status_get_label (o->status));
      css = g_strdup_printf ("status-%s", xj_occurrence_status_to_string (o->status));
      gtk_widget_add_css_class (tag, "calendar-chip");
      gtk_widget_add_css_class (tag, css);
      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "calendar.choose");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(xx)", o->schedule_id, o->at);
      gtk_list_box_append (self->day_list, row);
    }
}

static void
show_month (XjCalendarPage *self)
{
  g_autoptr(GDateTime) first = g_date_time_new_local (self->year, self->month, 1, 0, 0, 0);
  g_autofree char *title = g_date_time_format (first, _("%B %Y"));

  gtk_label_set_text (self->month_label, title);
  xj_calendar_set_month (self->calendar, self->year, self->month, self->occurrences);
  show_day (self);
  show_details (self);
}

static void
on_month_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(XjCalendarPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GArray *occurrences = xj_store_run_on_reader_finish (result, &month_task, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&occurrences, g_array_unref);
      return;
    }
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  if (occurrences == NULL)
    {
      xj_toast (GTK_WIDGET (self), error->message);
      return;
    }
  g_clear_pointer (&self->occurrences, g_array_unref);
  self->occurrences = occurrences;
  show_month (self);
}

static void
fill_site_filter (XjCalendarPage *self)
{
  g_autoptr(GListModel) sites = _xj_site_choices_new (xj_application_get_store (self->application),
                                                      FALSE, _("All Sites"));

  _xj_dropdown_set_choices (self->site_filter, sites);
}

static void
load (XjCalendarPage *self)
{
  MonthJob *job = g_new0 (MonthJob, 1);

  if (!self->loaded)
    {
      self->loaded = TRUE;
      fill_site_filter (self);
    }
  self->dirty = FALSE;
  xj_cancel_clear (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);

  job->year = self->year;
  job->month = self->month;
  job->site_id = _xj_dropdown_get_id (self->site_filter);
  xj_store_run_on_reader_async (xj_application_get_store (self->application), &month_task, job,
                                self->cancellable, on_month_done_cb, g_object_ref (self));
}

static void
move_month (XjCalendarPage *self,
            int             delta)
{
  int index = self->year * 12 + (self->month - 1) + delta;

  xj_calendar_page_show_month (self, index / 12, index % 12 + 1);
}

/* --- callbacks and actions ------------------------------------------------- */

static void
on_day_selected_cb (XjCalendarPage *self,
                    int             day)
{
  self->day = day;
  show_day (self);
}

static void
on_occurrence_activated_cb (XjCalendarPage *self,
                            gint64          schedule_id,
                            gint64          at)
{
  xj_calendar_page_select (self, schedule_id, at);
}

static void
on_site_changed_cb (XjCalendarPage *self)
{
  if (self->loaded)
    load (self);
}

static gboolean
refresh_cb (gpointer data)
{
  XjCalendarPage *self = data;

  self->refresh_source = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
  else
    self->dirty = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (XjCalendarPage *self)
{
  if (!self->loaded)
    return;
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->refresh_source = g_timeout_add (300, refresh_cb, self);
}

static void
on_map_cb (XjCalendarPage *self)
{
  if (!self->loaded || self->dirty)
    load (self);
}

static void
month_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  XjCalendarPage *self = XJ_CALENDAR_PAGE (widget);

  if (g_str_equal (action_name, "calendar.previous"))
    move_month (self, -1);
  else if (g_str_equal (action_name, "calendar.next"))
    move_month (self, 1);
  else
    {
      g_autoptr(GDateTime) now = xj_clock_now_local ();

      xj_calendar_page_show_month (self, g_date_time_get_year (now), g_date_time_get_month (now));
    }
}

static void
choose_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gint64 schedule_id, at;

  g_variant_get (parameter, "(xx)", &schedule_id, &at);
  xj_calendar_page_select (XJ_CALENDAR_PAGE (widget), schedule_id, at);
}

static void
start_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  XjCalendarPage *self = XJ_CALENDAR_PAGE (widget);
  const XjOccurrence *o = find (self, self->chosen_schedule, self->chosen_at);
  GtkWidget *window = gtk_widget_get_ancestor (widget, XJ_TYPE_WINDOW);

  if (o != NULL && window != NULL)
    xj_occurrence_start (self->application, XJ_WINDOW (window), o);
}

static void
skip_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  XjCalendarPage *self = XJ_CALENDAR_PAGE (widget);
  g_autofree char *actor = xj_application_dup_actor (self->application);
  g_autoptr(GError) error = NULL;

  if (!xj_schedule_skip (xj_application_get_store (self->application), self->chosen_schedule,
                         self->chosen_at, gtk_editable_get_text (GTK_EDITABLE (self->reason_row)),
                         actor, &error))
    {
      xj_inline_error_show (self->skip_error, error->message, self->reason_row);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), "");
  xj_inline_error_show (self->skip_error, NULL, self->reason_row);
  /* Shown skipped once the month is read again. */
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  load (self);
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_calendar_page_dispose (GObject *object)
{
  XjCalendarPage *self = XJ_CALENDAR_PAGE (object);

  xj_cancel_clear (&self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_CALENDAR_PAGE);
  g_clear_pointer (&self->occurrences, g_array_unref);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (xj_calendar_page_parent_class)->dispose (object);
}

static void
xj_calendar_page_class_init (XjCalendarPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_calendar_page_dispose;

  g_type_ensure (XJ_TYPE_CALENDAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-calendar-page.ui");
  gtk_widget_class_bind_template_child (widget_class, XjCalendarPage, month_label);
  gtk_widget_class_bind_template_child (widget_class, XjCalendarPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, XjCalendarPage, site_filter);
  gtk_widget_class_bind_template_child (widget_class, XjCalendarPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, XjCalendarPage, day_group);
  gtk_widget_class_bind_template_child (widget_class, XjCalendarPage, details_group);

  gtk_widget_class_install_action (widget_class, "calendar.previous", NULL, month_activated);
  gtk_widget_class_install_action (widget_class, "calendar.next", NULL, month_activated);
  gtk_widget_class_install_action (widget_class, "calendar.this-month", NULL, month_activated);
  gtk_widget_class_install_action (widget_class, "calendar.choose", "(xx)", choose_activated);
  gtk_widget_class_install_action (widget_class, "calendar.start", NULL, start_activated);
  gtk_widget_class_install_action (widget_class, "calendar.skip", NULL, skip_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "calendar.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "calendar.next", NULL);
}

static GtkWidget *
new_button (const char *label,
            const char *action,
            const char *css_class)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_add_css_class (button, css_class);
  gtk_widget_set_margin_top (button, 12);
  return button;
}

/* What the chips' colours mean, in the order of the day's life. */
static GtkWidget *
new_legend (void)
{
  static const XjOccurrenceStatus order[] = {
    XJ_OCCURRENCE_UPCOMING, XJ_OCCURRENCE_DUE, XJ_OCCURRENCE_OVERDUE,
    XJ_OCCURRENCE_DONE, XJ_OCCURRENCE_SKIPPED,
  };
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *chips = gtk_flow_box_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Colours"));
  gtk_widget_set_name (chips, "legend");
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (chips), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (chips), G_N_ELEMENTS (order));
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (chips), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (chips), 6);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      GtkWidget *chip = gtk_label_new (xj_occurrence_status_get_label (order[i]));
      g_autofree char *css = g_strdup_printf ("status-%s",
                                              xj_occurrence_status_to_string (order[i]));

      gtk_widget_add_css_class (chip, "calendar-chip");
      gtk_widget_add_css_class (chip, css);
      gtk_flow_box_append (GTK_FLOW_BOX (chips), chip);
      gtk_widget_set_can_focus (gtk_widget_get_parent (chip), FALSE);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), chips);
  return group;
}

static void
xj_calendar_page_init (XjCalendarPage *self)
{
  g_autoptr(GDateTime) now = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_box_prepend (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->day_group))), new_legend ());

  self->day_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->day_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->day_list), "boxed-list");
  gtk_widget_set_visible (GTK_WIDGET (self->day_list), FALSE);
  adw_preferences_group_add (self->day_group, GTK_WIDGET (self->day_list));

  self->status_row = ADW_ACTION_ROW (adw_action_row_new ());
  self->times_row = ADW_ACTION_ROW (adw_action_row_new ());
  self->reason_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row), _("Reason for skipping"));
  gtk_widget_set_name (self->reason_row, "skip-reason");
  self->skip_error = GTK_LABEL (xj_label_new_wrapped (NULL, "field-error"));
  gtk_widget_set_visible (GTK_WIDGET (self->skip_error), FALSE);
  self->start_button = new_button (_("_Start Inspection"), "calendar.start", "suggested-action");
  self->skip_button = new_button (_("S_kip…"), "calendar.skip", "flat");
  gtk_widget_set_tooltip_text (self->skip_button, _("Skip this occurrence, with the reason kept"));
  adw_preferences_group_add (self->details_group, GTK_WIDGET (self->status_row));
  adw_preferences_group_add (self->details_group, GTK_WIDGET (self->times_row));
  adw_preferences_group_add (self->details_group, self->start_button);
  adw_preferences_group_add (self->details_group, self->reason_row);
  adw_preferences_group_add (self->details_group, GTK_WIDGET (self->skip_error));
  adw_preferences_group_add (self->details_group, self->skip_button);

  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (on_day_selected_cb), self);
  g_signal_connect_swapped (self->calendar, "occurrence-activated",
                            G_CALLBACK (on_occurrence_activated_cb), self);
  g_signal_connect_swapped (self->site_filter, "notify::selected",
                            G_CALLBACK (on_site_changed_cb), self);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);

  now = xj_clock_now_local ();
  self->year = g_date_time_get_year (now);
  self->month = g_date_time_get_month (now);
}

/* --- public API ----------------------------------------------------------- */

GtkWidget *
xj_calendar_page_new (XjApplication *application)
{
  XjCalendarPage *self = g_object_new (XJ_TYPE_CALENDAR_PAGE, NULL);

  self->application = g_object_ref (application);
  g_signal_connect_object (xj_application_get_store (application), "changed",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

void
xj_calendar_page_show_month (XjCalendarPage *self,
                             int             year,
                             int             month)
{
  g_return_if_fail (XJ_IS_CALENDAR_PAGE (self));

  self->year = year;
  self->month = month;
  self->day = 0;
  self->chosen_schedule = 0;
  g_clear_pointer (&self->occurrences, g_array_unref);
  show_month (self);
  load (self);
}

gboolean
xj_calendar_page_get_busy (XjCalendarPage *self)
{
  g_return_val_if_fail (XJ_IS_CALENDAR_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

XjCalendar *
xj_calendar_page_get_calendar (XjCalendarPage *self)
{
  g_return_val_if_fail (XJ_IS_CALENDAR_PAGE (self), NULL);

  return self->calendar;
}

/* Shows the occurrence's day and details; %FALSE if the month shown has no
 * such occurrence. */
gboolean
xj_calendar_page_select (XjCalendarPage *self,
                         gint64          schedule_id,
                         gint64          at)
{
  g_return_val_if_fail (XJ_IS_CALENDAR_PAGE (self), FALSE);

  if (find (self, schedule_id, at) == NULL)
    return FALSE;
  self->chosen_schedule = schedule_id;
  self->chosen_at = at;
  self->day = local_day (at);
  show_day (self);
  show_details (self);
  return TRUE;
}
