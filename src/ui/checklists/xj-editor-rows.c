/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "xj-editor-rows"

#include "config.h"

#include <math.h>

#include "xj-editor-rows.h"

/* A row whose @control, labelled with the row's title, stands at its end
 * and takes the row's activation. */
static GtkWidget *
control_row_new (const char *title,
                 const char *subtitle,
                 GtkWidget  *control)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (control),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), control);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), control);
  return row;
}

GtkWidget *
_xj_spin_row_new (const char     *title,
                  const char     *subtitle,
                  double          lower,
                  double          upper,
                  double          step,
                  guint           digits,
                  GtkSpinButton **spin)
{
  GtkWidget *button = gtk_spin_button_new_with_range (lower, upper, step);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (button), digits);
  *spin = GTK_SPIN_BUTTON (button);
  return control_row_new (title, subtitle, button);
}

GtkWidget *
_xj_switch_row_new (const char  *title,
                    const char  *subtitle,
                    GtkSwitch  **toggle)
{
  GtkWidget *button = gtk_switch_new ();

  *toggle = GTK_SWITCH (button);
  return control_row_new (title, subtitle, button);
}

/* The accessible name of an icon-only control, with what it acts on. */
void
_xj_label_widget (GtkWidget  *widget,
                  const char *format,
                  ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

char *
_xj_format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", value));
}

/* A decimal number as people type it: surrounding blanks are fine, and a
 * full-width point or digits from a Chinese input method too. */
gboolean
_xj_parse_number (const char *text,
                  double     *value)
{
  g_autofree char *folded = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  char *end = NULL;

  g_strstrip (folded);
  if (*folded == '\0')
    return FALSE;
  *value = g_ascii_strtod (folded, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}
