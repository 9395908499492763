/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjDeadlineRow: a date (from a calendar) and a time of day, in the local
 * time zone, as one Unix time.  Used wherever a notice gets a deadline.
 */
#define G_LOG_DOMAIN "xj-deadline-row"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-clock.h"
#include "xj-deadline-row.h"

struct _XjDeadlineRow
{
  AdwActionRow    parent_instance;

  GtkMenuButton  *date_button;
  GtkCalendar    *calendar;
  GtkSpinButton  *hour;
  GtkSpinButton  *minute;
};

G_DEFINE_FINAL_TYPE (XjDeadlineRow, xj_deadline_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_DEADLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_date_label (XjDeadlineRow *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  /* Translators: the deadline's date on its button, strftime format */
  g_autofree char *text = g_date_time_format (date, _("%Y-%m-%d, %A"));

  gtk_menu_button_set_label (self->date_button, text);
}

static void
on_changed_cb (XjDeadlineRow *self)
{
  update_date_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEADLINE]);
}

static void
on_day_selected_cb (XjDeadlineRow *self)
{
  gtk_menu_button_popdown (self->date_button);
  on_changed_cb (self);
}

static GtkSpinButton *
make_spin (int           max,
           int           step,
           const char   *label)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, max, step));

  gtk_spin_button_set_wrap (spin, TRUE);
  gtk_spin_button_set_numeric (spin, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 2);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (spin), GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_valign (GTK_WIDGET (spin), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return spin;
}

/* Two digits always: 09:05, not 9:5. */
static gboolean
on_spin_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
xj_deadline_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_DEADLINE:
      g_value_set_int64 (value, xj_deadline_row_get_deadline (XJ_DEADLINE_ROW (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xj_deadline_row_class_init (XjDeadlineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = xj_deadline_row_get_property;
  properties[PROP_DEADLINE] =
    g_param_spec_int64 ("deadline", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
xj_deadline_row_init (XjDeadlineRow *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *colon = gtk_label_new (":");

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->calendar));
  self->date_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_popover (self->date_button, popover);
  gtk_widget_set_valign (GTK_WIDGET (self->date_button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_button), _("Choose the date"));
  self->hour = make_spin (23, 1, _("Hour"));
  self->minute = make_spin (59, 5, _("Minute"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), _("Deadline"));
  /* A wrapping title beside wide suffixes confuses the height-for-width
   * measure of the row (GTK warns of overlapping widgets). */
  adw_action_row_set_title_lines (ADW_ACTION_ROW (self), 1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->date_button));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->hour));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), colon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->minute));

  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (on_day_selected_cb), self);
  g_signal_connect (self->hour, "output", G_CALLBACK (on_spin_output_cb), NULL);
  g_signal_connect (self->minute, "output", G_CALLBACK (on_spin_output_cb), NULL);
  g_signal_connect_swapped (self->hour, "value-changed", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->minute, "value-changed", G_CALLBACK (on_changed_cb), self);

  xj_deadline_row_set_deadline (self, xj_clock_now () + 24 * 3600);
}

gint64
xj_deadline_row_get_deadline (XjDeadlineRow *self)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (XJ_IS_DEADLINE_ROW (self), 0);

  date = gtk_calendar_get_date (self->calendar);
  local = g_date_time_new_local (g_date_time_get_year (date), g_date_time_get_month (date),
                                 g_date_time_get_day_of_month (date),
                                 gtk_spin_button_get_value_as_int (self->hour),
                                 gtk_spin_button_get_value_as_int (self->minute), 0);
  return g_date_time_to_unix (local);
}

void
xj_deadline_row_set_deadline (XjDeadlineRow *self,
                              gint64         deadline)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_if_fail (XJ_IS_DEADLINE_ROW (self));

  if (deadline <= 0)
    deadline = xj_clock_now () + 24 * 3600;
  local = g_date_time_new_from_unix_local (deadline);
  gtk_calendar_select_day (self->calendar, local);
  gtk_spin_button_set_value (self->hour, g_date_time_get_hour (local));
  gtk_spin_button_set_value (self->minute, g_date_time_get_minute (local));
  update_date_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEADLINE]);
}
