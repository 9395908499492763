/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Overview's period: a drop-down of the usual choices and, for a custom
 * range, a popover with the first and last day (typed as YYYY-MM-DD, the
 * way the CLI takes them).  A range that is not one is refused in the
 * popover with what to type instead, and the figures stay as they were.
 */
#define G_LOG_DOMAIN "xj-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-clock.h"
#include "xj-period-picker.h"

/* Up to a quarter of days, a point a week; longer, a point a month. */
#define WEEKLY_UP_TO_DAYS 92

struct _XjPeriodPicker
{
  XjPicker      parent_instance;

  GtkDropDown  *period_dropdown;
  GtkEntry     *from_entry;
  GtkEntry     *to_entry;
  GtkLabel     *error_label;
  GtkButton    *apply_button;

  gint64        custom_from;   /* 0 until a custom range was applied */
  gint64        custom_to;
  char         *error;
};

G_DEFINE_FINAL_TYPE (XjPeriodPicker, xj_period_picker, XJ_TYPE_PICKER)

/* --- helpers -------------------------------------------------------------- */

static void
show_error (XjPeriodPicker *self,
            char           *message)   /* (transfer full) (nullable) */
{
  g_free (self->error);
  self->error = message;
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_button_label (XjPeriodPicker *self)
{
  g_autofree char *from = NULL;
  g_autofree char *last = NULL;
  g_autofree char *label = NULL;

  if (self->custom_from == 0)
    {
      xj_picker_set_label (XJ_PICKER (self), _("Choose days…"));
      return;
    }
  from = xj_format_local_day (self->custom_from);
  /* The range ends at the midnight after its last day. */
  last = xj_format_local_day (self->custom_to - 1);
  /* Translators: a period from its first to its last day */
  label = g_strdup_printf (_("%s to %s"), from, last);
  xj_picker_set_label (XJ_PICKER (self), label);
}

/* The entries start from the range in force, or this month so far. */
static void
fill_entries (XjPeriodPicker *self)
{
  g_autofree char *from = NULL;
  g_autofree char *last = NULL;

  if (self->custom_from != 0)
    {
      from = xj_format_local_day (self->custom_from);
      last = xj_format_local_day (self->custom_to - 1);
    }
  else
    {
      g_autoptr(GDateTime) now = xj_clock_now_local ();

      from = g_date_time_format (now, "%Y-%m-01");
      last = xj_format_local_day (g_date_time_to_unix (now));
    }
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), last);
}

/* --- callbacks ------------------------------------------------------------ */

static void
on_period_selected_cb (XjPeriodPicker *self)
{
  gboolean custom = gtk_drop_down_get_selected (self->period_dropdown) == XJ_PERIOD_CUSTOM;

  gtk_widget_set_visible (GTK_WIDGET (xj_picker_get_button (XJ_PICKER (self))), custom);
  if (custom && self->custom_from == 0)
    {
      /* Nothing to show until days are chosen. */
      fill_entries (self);
      show_error (self, NULL);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        gtk_menu_button_popup (xj_picker_get_button (XJ_PICKER (self)));
      return;
    }
  xj_picker_emit_changed (XJ_PICKER (self));
}

static void
on_apply_cb (XjPeriodPicker *self)
{
  xj_period_picker_apply_custom (self, gtk_editable_get_text (GTK_EDITABLE (self->from_entry)),
                                 gtk_editable_get_text (GTK_EDITABLE (self->to_entry)));
}

static void
on_popover_show_cb (XjPeriodPicker *self)
{
  fill_entries (self);
  show_error (self, NULL);
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_period_picker_finalize (GObject *object)
{
  g_free (XJ_PERIOD_PICKER (object)->error);
  G_OBJECT_CLASS (xj_period_picker_parent_class)->finalize (object);
}

static void
xj_period_picker_class_init (XjPeriodPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = xj_period_picker_finalize;
  xj_picker_class_set_template (widget_class, "/io/github/xunjian/Xunjian/xj-period-picker.ui",
                                "custom_button", "custom_popover");
  gtk_widget_class_bind_template_child (widget_class, XjPeriodPicker, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XjPeriodPicker, from_entry);
  gtk_widget_class_bind_template_child (widget_class, XjPeriodPicker, to_entry);
  gtk_widget_class_bind_template_child (widget_class, XjPeriodPicker, error_label);
  gtk_widget_class_bind_template_child (widget_class, XjPeriodPicker, apply_button);
}

static void
xj_period_picker_init (XjPeriodPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_button_label (self);
  g_signal_connect_swapped (self->period_dropdown, "notify::selected",
                            G_CALLBACK (on_period_selected_cb), self);
  g_signal_connect_swapped (self->apply_button, "clicked", G_CALLBACK (on_apply_cb), self);
  g_signal_connect_swapped (self->from_entry, "activate", G_CALLBACK (on_apply_cb), self);
  g_signal_connect_swapped (self->to_entry, "activate", G_CALLBACK (on_apply_cb), self);
  g_signal_connect_swapped (xj_picker_get_popover (XJ_PICKER (self)), "show",
                            G_CALLBACK (on_popover_show_cb), self);
}

/* --- public API ----------------------------------------------------------- */

GtkWidget *
xj_period_picker_new (void)
{
  return g_object_new (XJ_TYPE_PERIOD_PICKER, NULL);
}

XjPeriodChoice
xj_period_picker_get_choice (XjPeriodPicker *self)
{
  g_return_val_if_fail (XJ_IS_PERIOD_PICKER (self), XJ_PERIOD_THIS_MONTH);
  return gtk_drop_down_get_selected (self->period_dropdown);
}

void
xj_period_picker_set_choice (XjPeriodPicker *self,
                             XjPeriodChoice  choice)
{
  g_return_if_fail (XJ_IS_PERIOD_PICKER (self));
  gtk_drop_down_set_selected (self->period_dropdown, choice);
}

/* Whether the picker describes a period yet: a custom choice needs days. */
static gboolean
has_range (XjPeriodPicker *self)
{
  return xj_period_picker_get_choice (self) != XJ_PERIOD_CUSTOM || self->custom_from != 0;
}

/**
 * xj_period_picker_get_range:
 *
 * The period [@from, @to) in force and the buckets of its trend lines.
 * Under a custom choice without days yet, the last 12 months.
 */
void
xj_period_picker_get_range (XjPeriodPicker   *self,
                            gint64           *from,
                            gint64           *to,
                            XjOverviewBucket *bucket)
{
  XjPeriodChoice choice;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) month = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GDateTime) first = NULL;

  g_return_if_fail (XJ_IS_PERIOD_PICKER (self));

  choice = has_range (self) ? xj_period_picker_get_choice (self) : XJ_PERIOD_LAST_12_MONTHS;
  if (choice == XJ_PERIOD_CUSTOM)
    {
      *from = self->custom_from;
      *to = self->custom_to;
      *bucket = *to - *from <= WEEKLY_UP_TO_DAYS * 86400 ? XJ_OVERVIEW_BY_WEEK
                                                         : XJ_OVERVIEW_BY_MONTH;
      return;
    }
  now = xj_clock_now_local ();
  month = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now), 1,
                                 0, 0, 0);
  next = g_date_time_add_months (month, 1);
  first = g_date_time_add_months (month, choice == XJ_PERIOD_THIS_MONTH ? 0
                                         : choice == XJ_PERIOD_LAST_3_MONTHS ? -2 : -11);
  *from = g_date_time_to_unix (first);
  *to = g_date_time_to_unix (next);
  *bucket = choice == XJ_PERIOD_LAST_12_MONTHS ? XJ_OVERVIEW_BY_MONTH : XJ_OVERVIEW_BY_WEEK;
}

/**
 * xj_period_picker_apply_custom:
 * @from_text: the first day, YYYY-MM-DD
 * @to_text: the last day
 *
 * What the popover's button does: checks the days, and either makes them
 * the period (and emits "changed") or says in the popover what is wrong.
 *
 * Returns: whether the days were taken.
 */
gboolean
xj_period_picker_apply_custom (XjPeriodPicker *self,
                               const char     *from_text,
                               const char     *to_text)
{
  gint64 from, to;

  g_return_val_if_fail (XJ_IS_PERIOD_PICKER (self), FALSE);

  if (!xj_parse_local_day (from_text, 0, &from))
    {
      show_error (self, g_strdup_printf (_("“%s” is not a date: write it as YYYY-MM-DD"),
                                         from_text));
      gtk_widget_grab_focus (GTK_WIDGET (self->from_entry));
      return FALSE;
    }
  if (!xj_parse_local_day (to_text, 1, &to))
    {
      show_error (self, g_strdup_printf (_("“%s” is not a date: write it as YYYY-MM-DD"),
                                         to_text));
      gtk_widget_grab_focus (GTK_WIDGET (self->to_entry));
      return FALSE;
    }
  if (to <= from)
    {
      show_error (self, g_strdup (_("The period ends before it starts: the last day must not "
                                    "be before the first.")));
      gtk_widget_grab_focus (GTK_WIDGET (self->to_entry));
      return FALSE;
    }
  show_error (self, NULL);
  self->custom_from = from;
  self->custom_to = to;
  update_button_label (self);
  gtk_popover_popdown (xj_picker_get_popover (XJ_PICKER (self)));
  if (xj_period_picker_get_choice (self) != XJ_PERIOD_CUSTOM)
    xj_period_picker_set_choice (self, XJ_PERIOD_CUSTOM);   /* emits "changed" */
  else
    xj_picker_emit_changed (XJ_PICKER (self));
  return TRUE;
}

/* The popover's message about the days last tried, NULL when none. */
const char *
xj_period_picker_get_error (XjPeriodPicker *self)
{
  g_return_val_if_fail (XJ_IS_PERIOD_PICKER (self), NULL);
  return self->error;
}
