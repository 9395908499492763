/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjCalendar: a month as a 7-column grid (Monday first) of day cells, each
 * with small chips coloured by the status of its occurrences.  A day with
 * a few occurrences shows each one; a busy day (all sites at once) shows
 * one chip per status with the count, so the grid stays readable.
 *
 * Signals: "day-selected" (int day) when a cell or a count chip is
 * clicked, "occurrence-activated" (gint64 schedule_id, gint64 at) when an
 * occurrence's chip is.
 */
#define G_LOG_DOMAIN "xj-calendar"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-calendar.h"
#include "xj-clock.h"

/* Up to this many occurrences a day shows them one by one. */
#define MAX_SINGLE_CHIPS 3
#define N_CELLS 42

struct _XjCalendar
{
  GtkWidget  parent_instance;

  GtkWidget *grid;
  GtkWidget *cells[N_CELLS];
  int        year;
  int        month;
  int        first_cell;       /* the cell of day 1 */
  int        n_days;
  GArray    *occurrences;      /* XjOccurrence, owned by the page; a reference */
};

enum {
  SIGNAL_DAY_SELECTED,
  SIGNAL_OCCURRENCE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (XjCalendar, xj_calendar, GTK_TYPE_WIDGET)

/* --- helpers -------------------------------------------------------------- */

static int
day_of (gint64 at)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (at);

  return g_date_time_get_day_of_month (dt);
}

static void
clear_cell (GtkWidget *cell)
{
  GtkWidget *child = gtk_widget_get_first_child (cell);

  /* The first child is the day number, kept. */
  while (child != NULL && gtk_widget_get_next_sibling (child) != NULL)
    gtk_box_remove (GTK_BOX (cell), gtk_widget_get_next_sibling (child));
}

static void
on_chip_clicked_cb (GtkButton  *chip,
                    XjCalendar *self)
{
  gint64 *key = g_object_get_data (G_OBJECT (chip), "occurrence");
  int day = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chip), "day"));

  g_signal_emit (self, signals[SIGNAL_DAY_SELECTED], 0, day);
  if (key != NULL)
    g_signal_emit (self, signals[SIGNAL_OCCURRENCE_ACTIVATED], 0, key[0], key[1]);
}

static GtkWidget *
new_chip (XjCalendar         *self,
          const char         *text,
          const char         *accessible,
          XjOccurrenceStatus  status,
          int                 day)
{
  GtkWidget *chip = gtk_button_new_with_label (text);
  g_autofree char *css = g_strdup_printf ("status-%s", xj_occurrence_status_to_string (status));

  gtk_widget_add_css_class (chip, "calendar-chip");
  gtk_widget_add_css_class (chip, css);
  gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (chip))),
                           PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (chip))), 0);
  gtk_widget_set_tooltip_text (chip, accessible);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data (G_OBJECT (chip), "day", GINT_TO_POINTER (day));
  g_signal_connect (chip, "clicked", G_CALLBACK (on_chip_clicked_cb), self);
  return chip;
}

static void
fill_day (XjCalendar *self,
          int         day,
          guint       first,
          guint       end)
{
  GtkWidget *cell = self->cells[self->first_cell + day - 1];
  guint by_status[XJ_OCCURRENCE_SKIPPED + 1] = { 0 };

  if (end - first <= MAX_SINGLE_CHIPS)
    {
      for (guint i = first; i < end; i++)
        {
          const XjOccurrence *o = &g_array_index (self->occurrences, XjOccurrence, i);
          g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (o->at);
          g_autofree char *time = g_date_time_format (at, "%H:%M");
          g_autofree char *text = g_strdup_printf ("%s %s", time, o->template_name);
          g_autofree char *accessible = g_strdup_printf ("%s %s · %s · %s", time, o->site_name,
                                                         o->template_name,
                                                         xj_occurrence_status_get_label (o->status));
          GtkWidget *chip = new_chip (self, text, accessible, o->status, day);
          gint64 *key = g_new (gint64, 2);

          key[0] = o->schedule_id;
          key[1] = o->at;
          g_object_set_data_full (G_OBJECT (chip), "occurrence", key, g_free);
          gtk_box_append (GTK_BOX (cell), chip);
        }
      return;
    }
  for (guint i = first; i < end; i++)
    by_status[g_array_index (self->occurrences, XjOccurrence, i).status]++;
  /* Most urgent first. */
  {
    static const XjOccurrenceStatus order[] = {
      XJ_OCCURRENCE_OVERDUE, XJ_OCCURRENCE_DUE, XJ_OCCURRENCE_UPCOMING, XJ_OCCURRENCE_DONE,
      XJ_OCCURRENCE_SKIPPED,
    };

    for (guint k = 0; k < G_N_ELEMENTS (order); k++)
      if (by_status[order[k]] > 0)
        {
          /* The colour says the status; the number fits the narrowest cell. */
          g_autofree char *count = g_strdup_printf ("%u", by_status[order[k]]);
          /* TRANSLATORS: a count chip's tooltip in a calendar day, e.g. "12 done" */
          g_autofree char *text = g_strdup_printf (_("%u %s"), by_status[order[k]],
                                                   xj_occurrence_status_get_label (order[k]));

          gtk_box_append (GTK_BOX (cell), new_chip (self, count, text, order[k], day));
        }
  }
}

static void
rebuild (XjCalendar *self)
{
  g_autoptr(GDateTime) first = g_date_time_new_local (self->year, self->month, 1, 0, 0, 0);
  g_autoptr(GDateTime) today = xj_clock_now_local ();
  gboolean this_month = g_date_time_get_year (today) == self->year
                        && g_date_time_get_month (today) == self->month;
  guint i = 0;

  self->first_cell = g_date_time_get_day_of_week (first) - 1;
  self->n_days = g_date_get_days_in_month (self->month, self->year);
  for (int c = 0; c < N_CELLS; c++)
    {
      GtkWidget *cell = self->cells[c];
      GtkWidget *number = gtk_widget_get_first_child (cell);
      int day = c - self->first_cell + 1;
      gboolean in_month = day >= 1 && day <= self->n_days;
      char text[8];

      clear_cell (cell);
      g_snprintf (text, sizeof text, "%d", day);
      gtk_label_set_text (GTK_LABEL (number), in_month ? text : "");
      gtk_widget_set_visible (cell, c < 35 || self->first_cell + self->n_days > 35);
      if (in_month)
        gtk_widget_remove_css_class (cell, "other-month");
      else
        gtk_widget_add_css_class (cell, "other-month");
      if (this_month && day == g_date_time_get_day_of_month (today))
        gtk_widget_add_css_class (cell, "today");
      else
        gtk_widget_remove_css_class (cell, "today");
    }
  if (self->occurrences == NULL)
    return;
  /* The occurrences come sorted by time: one run per day. */
  while (i < self->occurrences->len)
    {
      int day = day_of (g_array_index (self->occurrences, XjOccurrence, i).at);
      guint end = i + 1;

      while (end < self->occurrences->len
             && day_of (g_array_index (self->occurrences, XjOccurrence, end).at) == day)
        end++;
      if (day >= 1 && day <= self->n_days)
        fill_day (self, day, i, end);
      i = end;
    }
}

static void
on_cell_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    XjCalendar      *self)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  for (int c = 0; c < N_CELLS; c++)
    if (self->cells[c] == cell)
      {
        int day = c - self->first_cell + 1;

        if (day >= 1 && day <= self->n_days)
          g_signal_emit (self, signals[SIGNAL_DAY_SELECTED], 0, day);
      }
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_calendar_dispose (GObject *object)
{
  XjCalendar *self = XJ_CALENDAR (object);

  g_clear_pointer (&self->grid, gtk_widget_unparent);
  g_clear_pointer (&self->occurrences, g_array_unref);

  G_OBJECT_CLASS (xj_calendar_parent_class)->dispose (object);
}

static void
xj_calendar_class_init (XjCalendarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_calendar_dispose;

  signals[SIGNAL_DAY_SELECTED] =
    g_signal_new ("day-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[SIGNAL_OCCURRENCE_ACTIVATED] =
    g_signal_new ("occurrence-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "calendar-grid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
xj_calendar_init (XjCalendar *self)
{
  self->grid = gtk_grid_new ();
  gtk_grid_set_column_homogeneous (GTK_GRID (self->grid), TRUE);
  gtk_grid_set_row_homogeneous (GTK_GRID (self->grid), FALSE);
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 4);
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 4);
  gtk_widget_set_parent (self->grid, GTK_WIDGET (self));

  for (guint weekday = 1; weekday <= 7; weekday++)
    {
      GtkWidget *header = gtk_label_new (xj_schedule_weekday_get_label (weekday));

      gtk_widget_add_css_class (header, "calendar-weekday");
      gtk_label_set_ellipsize (GTK_LABEL (header), PANGO_ELLIPSIZE_END);
      gtk_grid_attach (GTK_GRID (self->grid), header, weekday - 1, 0, 1, 1);
    }
  for (int c = 0; c < N_CELLS; c++)
    {
      GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *number = gtk_label_new (NULL);
      GtkGesture *click = gtk_gesture_click_new ();

      gtk_widget_add_css_class (cell, "calendar-day");
      gtk_widget_set_hexpand (cell, TRUE);
      gtk_widget_set_vexpand (cell, TRUE);
      gtk_widget_set_size_request (cell, 0, 84);
      gtk_widget_set_overflow (cell, GTK_OVERFLOW_HIDDEN);
      gtk_label_set_xalign (GTK_LABEL (number), 0);
      gtk_widget_add_css_class (number, "calendar-day-number");
      gtk_box_append (GTK_BOX (cell), number);
      g_signal_connect (click, "pressed", G_CALLBACK (on_cell_pressed_cb), self);
      gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (click));
      gtk_grid_attach (GTK_GRID (self->grid), cell, c % 7, 1 + c / 7, 1, 1);
      self->cells[c] = cell;
    }
  self->year = 2000;
  self->month = 1;
  rebuild (self);
}

/* --- public API ----------------------------------------------------------- */

/**
 * xj_calendar_set_month:
 * @occurrences: (nullable): XjOccurrence of that month, sorted by time, as
 *   xj_schedule_calendar_month() returns them; the calendar keeps a reference
 */
void
xj_calendar_set_month (XjCalendar *self,
                       int         year,
                       int         month,
                       GArray     *occurrences)
{
  g_return_if_fail (XJ_IS_CALENDAR (self));
  g_return_if_fail (month >= 1 && month <= 12);

  self->year = year;
  self->month = month;
  if (occurrences != NULL)
    g_array_ref (occurrences);
  g_clear_pointer (&self->occurrences, g_array_unref);
  self->occurrences = occurrences;
  rebuild (self);
}

/* How many of the day's occurrences have @status (for tests and a11y). */
guint
xj_calendar_count_status (XjCalendar         *self,
                          int                 day,
                          XjOccurrenceStatus  status)
{
  guint n = 0;

  g_return_val_if_fail (XJ_IS_CALENDAR (self), 0);

  for (guint i = 0; self->occurrences != NULL && i < self->occurrences->len; i++)
    {
      const XjOccurrence *o = &g_array_index (self->occurrences, XjOccurrence, i);

      if (o->status == status && day_of (o->at) == day)
        n++;
    }
  return n;
}

/* The cell of @day in the month shown, or %NULL. */
GtkWidget *
xj_calendar_get_cell (XjCalendar *self,
                      int         day)
{
  g_return_val_if_fail (XJ_IS_CALENDAR (self), NULL);

  if (day < 1 || day > self->n_days)
    return NULL;
  return self->cells[self->first_cell + day - 1];
}
