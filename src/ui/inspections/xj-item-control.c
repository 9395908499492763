/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjItemControl: the control an item's response type needs — linked toggle
 * buttons for pass / fail, yes / no and ratings, an entry with its unit for
 * numbers (red when out of range), a stopwatch, a drop-down of options, a
 * text or date-time entry.  Typed values are committed on Enter, on focus
 * out and after a short pause, so nothing waits for a Save button.
 */
#define G_LOG_DOMAIN "xj-item-control"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "xj-clock.h"
#include "xj-item-control.h"
#include "xj-stopwatch.h"

#define PAUSE_MS 700
#define MAX_BUTTONS 6

struct _XjItemControl
{
  AdwBin                parent_instance;

  const XjTemplateItem *item;       /* borrowed from the runner's template */
  char                 *value;
  guint                 updating;   /* > 0 while the code, not a person, sets widgets */

  GtkToggleButton      *buttons[MAX_BUTTONS];
  const char           *button_values[MAX_BUTTONS];
  guint                 n_buttons;
  GtkEntry             *entry;      /* number, text, date-time */
  GtkToggleButton      *na_button;  /* beside an entry, a drop-down or the stopwatch */
  GtkDropDown          *dropdown;
  XjStopwatch          *stopwatch;
  GtkButton            *now_button;
  GtkLabel             *photos;
  guint                 pause_id;
};

G_DEFINE_FINAL_TYPE (XjItemControl, xj_item_control, ADW_TYPE_BIN)

enum {
  SIGNAL_CHANGED,
  SIGNAL_INVALID,
  SIGNAL_DONE,
  SIGNAL_TIMER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- helpers -------------------------------------------------------------- */

static void
emit_changed (XjItemControl *self,
              const char    *value)
{
  if (g_strcmp0 (value, self->value) == 0)
    return;
  g_free (self->value);
  self->value = g_strdup (value);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, value);
}

static void
show_entry_state (XjItemControl *self,
                  gboolean       wrong)
{
  if (wrong)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
}

static GtkToggleButton *
add_toggle (XjItemControl *self,
            GtkWidget     *box,
            const char    *label,
            const char    *value)
{
  GtkToggleButton *button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (label));

  if (value != NULL)
    {
      g_assert (self->n_buttons < MAX_BUTTONS);
      self->buttons[self->n_buttons] = button;
      self->button_values[self->n_buttons++] = value;
    }
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (button));
  return button;
}

/* The value an entry holds as it would be stored: numbers with a point,
 * date-times as ISO 8601 with the offset; NULL with *valid FALSE when it
 * cannot be stored. */
static char *
entry_value (XjItemControl *self,
             gboolean      *valid)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  gint64 when;

  *valid = TRUE;
  if (*text == '\0')
    return NULL;
  switch (self->item->type)
    {
    case XJ_RESPONSE_NUMBER:
      g_strdelimit (text, ",", '.');
      if (!xj_template_item_check_value (self->item, text, NULL))
        {
          *valid = FALSE;
          return NULL;
        }
      return g_steal_pointer (&text);
    case XJ_RESPONSE_DATETIME:
      if (!xj_parse_local_minute (text, &when))
        {
          *valid = FALSE;
          return NULL;
        }
      return xj_format_iso8601 (when);
    default:
      return g_steal_pointer (&text);
    }
}

/* @typing: a value half typed ("2026-03") is no answer yet, and no error
 * either until the person pauses, presses Enter or leaves. */
static gboolean
commit_entry_while (XjItemControl *self,
                    gboolean       typing)
{
  gboolean valid;
  g_autofree char *value = NULL;

  if (!typing)
    g_clear_handle_id (&self->pause_id, g_source_remove);
  if (!gtk_editable_get_editable (GTK_EDITABLE (self->entry)))
    return FALSE;
  value = entry_value (self, &valid);
  if (!valid && typing)
    return FALSE;
  if (!valid)
    {
      show_entry_state (self, TRUE);
      g_signal_emit (self, signals[SIGNAL_INVALID], 0,
                     self->item->type == XJ_RESPONSE_NUMBER
                     ? _("Enter a number, for example 22.5.")
                     : _("Enter the date and time as YYYY-MM-DD HH:MM, for example 2026-03-01 10:30."));
      return FALSE;
    }
  /* An empty entry keeps an n.a. answer given with the button. */
  if (value == NULL && self->na_button != NULL && gtk_toggle_button_get_active (self->na_button))
    return TRUE;
  show_entry_state (self, self->item->type == XJ_RESPONSE_NUMBER && value != NULL
                          && xj_template_item_evaluate (self->item, value, NULL) == XJ_OUTCOME_FAIL);
  emit_changed (self, value);
  return TRUE;
}

static void
commit_entry (XjItemControl *self)
{
  commit_entry_while (self, FALSE);
}

/* Enter: the answer is written and the person is done with the item. */
static void
on_entry_activate_cb (XjItemControl *self)
{
  if (commit_entry_while (self, FALSE))
    g_signal_emit (self, signals[SIGNAL_DONE], 0);
}

/* Puts @value in the widgets without reporting it as an answer. */
static void
show_value (XjItemControl *self,
            const char    *value)
{
  gboolean na = g_strcmp0 (value, "na") == 0;

  self->updating++;
  for (guint i = 0; i < self->n_buttons; i++)
    gtk_toggle_button_set_active (self->buttons[i],
                                  g_strcmp0 (self->button_values[i], value) == 0);
  if (self->na_button != NULL)
    gtk_toggle_button_set_active (self->na_button, na);
  if (self->entry != NULL)
    {
      g_autofree char *text = NULL;
      gint64 when;

      if (value != NULL && !na && self->item->type == XJ_RESPONSE_DATETIME)
        {
          g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (value, NULL);

          when = dt != NULL ? g_date_time_to_unix (dt) : 0;
          text = dt != NULL ? xj_format_local_minute (when) : g_strdup (value);
        }
      else
        {
          text = g_strdup (value != NULL && !na ? value : "");
        }
      g_clear_handle_id (&self->pause_id, g_source_remove);
      gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
      show_entry_state (self, self->item->type == XJ_RESPONSE_NUMBER && value != NULL
                              && xj_template_item_evaluate (self->item, value, NULL)
                                 == XJ_OUTCOME_FAIL);
    }
  if (self->dropdown != NULL)
    {
      guint position = 0;
      guint64 option;

      if (na)
        position = self->item->options->len + 1;
      else if (value != NULL && g_ascii_string_to_unsigned (value, 10, 0,
                                                            self->item->options->len - 1,
                                                            &option, NULL))
        position = option + 1;
      gtk_drop_down_set_selected (self->dropdown, position);
    }
  if (self->stopwatch != NULL)
    {
      xj_stopwatch_set_seconds (self->stopwatch, value != NULL && !na
                                                 ? g_ascii_strtod (value, NULL) : 0);
      /* N/A ends a measurement (the store ends it too). */
      if (na)
        xj_stopwatch_set_started (self->stopwatch, 0);
    }
  self->updating--;
}

/* --- callbacks ------------------------------------------------------------ */

static void
on_button_toggled_cb (XjItemControl   *self,
                      GtkToggleButton *button)
{
  if (self->updating > 0)
    return;
  /* A click on the chosen answer keeps it: clearing is not an answer. */
  if (!gtk_toggle_button_get_active (button))
    {
      self->updating++;
      gtk_toggle_button_set_active (button, TRUE);
      self->updating--;
      return;
    }
  for (guint i = 0; i < self->n_buttons; i++)
    if (self->buttons[i] == button)
      {
        show_value (self, self->button_values[i]);
        emit_changed (self, self->button_values[i]);
      }
}

static void
on_na_toggled_cb (XjItemControl *self)
{
  if (self->updating > 0)
    return;
  if (gtk_toggle_button_get_active (self->na_button))
    {
      show_value (self, "na");
      emit_changed (self, "na");
    }
  else if (self->entry != NULL)
    {
      /* Back from n.a.: whatever is typed next is the answer. */
      emit_changed (self, NULL);
      gtk_widget_grab_focus (GTK_WIDGET (self->entry));
    }
  else
    {
      emit_changed (self, NULL);
    }
}

static gboolean
on_pause_cb (gpointer user_data)
{
  XjItemControl *self = user_data;

  self->pause_id = 0;
  commit_entry (self);
  return G_SOURCE_REMOVE;
}

static void
on_entry_changed_cb (XjItemControl *self)
{
  if (self->updating > 0)
    return;
  show_entry_state (self, FALSE);
  if (self->na_button != NULL && gtk_toggle_button_get_active (self->na_button))
    {
      self->updating++;
      gtk_toggle_button_set_active (self->na_button, FALSE);
      self->updating--;
    }
  g_clear_handle_id (&self->pause_id, g_source_remove);
  /* Written as typed, so that nothing typed is lost; what cannot be stored
   * yet is checked again after a pause. */
  if (!commit_entry_while (self, TRUE))
    self->pause_id = g_timeout_add (PAUSE_MS, on_pause_cb, self);
}

static void
on_entry_focus_leave_cb (XjItemControl *self)
{
  if (self->pause_id != 0)
    commit_entry (self);
}

static void
on_now_clicked_cb (XjItemControl *self)
{
  g_autofree char *text = xj_format_local_minute (xj_clock_now ());

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  commit_entry (self);
}

static void
on_dropdown_selected_cb (XjItemControl *self)
{
  guint selected = gtk_drop_down_get_selected (self->dropdown);
  g_autofree char *value = NULL;

  if (self->updating > 0)
    return;
  /* First the prompt "Choose…", then the options, then n.a. */
  if (selected == self->item->options->len + 1)
    value = g_strdup ("na");
  else if (selected > 0 && selected != GTK_INVALID_LIST_POSITION)
    value = g_strdup_printf ("%u", selected - 1);
  emit_changed (self, value);
}

static void
on_stopwatch_stopped_cb (XjItemControl *self,
                         double         seconds)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  self->updating++;
  gtk_toggle_button_set_active (self->na_button, FALSE);
  self->updating--;
  emit_changed (self, g_ascii_formatd (text, sizeof text, "%.1f", seconds));
}

static void
on_stopwatch_started_cb (XjItemControl *self,
                         gint64         started_ms)
{
  g_signal_emit (self, signals[SIGNAL_TIMER], 0, started_ms);
}

static void
on_stopwatch_reset_cb (XjItemControl *self)
{
  g_signal_emit (self, signals[SIGNAL_TIMER], 0, (gint64) 0);
  emit_changed (self, NULL);
}

/* --- building ------------------------------------------------------------- */

static GtkWidget *
build_buttons (XjItemControl *self)
{
  static const char *const ratings[] = { "1", "2", "3", "4", "5" };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (box, "linked");
  switch (self->item->type)
    {
    case XJ_RESPONSE_PASS_FAIL:
      add_toggle (self, box, _("Pass"), "pass");
      add_toggle (self, box, _("Fail"), "fail");
      break;
    case XJ_RESPONSE_YES_NO:
      add_toggle (self, box, _("Yes"), "yes");
      add_toggle (self, box, _("No"), "no");
      break;
    default:
      for (guint i = 0; i < G_N_ELEMENTS (ratings); i++)
        add_toggle (self, box, ratings[i], ratings[i]);
      break;
    }
  add_toggle (self, box, C_("answer", "N/A"), "na");
  for (guint i = 0; i < self->n_buttons; i++)
    {
      /* A chosen answer shows in the colour of its outcome. */
      switch (xj_template_item_evaluate (self->item, self->button_values[i], NULL))
        {
        case XJ_OUTCOME_PASS:
          gtk_widget_add_css_class (GTK_WIDGET (self->buttons[i]), "answer-pass");
          break;
        case XJ_OUTCOME_FAIL:
          gtk_widget_add_css_class (GTK_WIDGET (self->buttons[i]), "answer-fail");
          break;
        default:
          break;
        }
      g_signal_connect_swapped (self->buttons[i], "toggled", G_CALLBACK (on_button_toggled_cb), self);
    }
  return box;
}

static GtkWidget *
add_entry (XjItemControl *self,
           GtkWidget     *box,
           int            width_chars)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), width_chars);
  gtk_widget_set_valign (GTK_WIDGET (self->entry), GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (on_entry_changed_cb), self);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (on_entry_activate_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_entry_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), focus);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->entry));
  return GTK_WIDGET (self->entry);
}

static void
add_na_button (XjItemControl *self,
               GtkWidget     *box)
{
  self->na_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (C_("answer", "N/A")));
  gtk_widget_set_valign (GTK_WIDGET (self->na_button), GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->na_button, "toggled", G_CALLBACK (on_na_toggled_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->na_button));
}

static char *
describe_range (const XjTemplateItem *item)
{
  if (!isnan (item->range_min) && !isnan (item->range_max))
    return g_strdup_printf (_("%g to %g"), item->range_min, item->range_max);
  if (!isnan (item->range_min))
    return g_strdup_printf (_("at least %g"), item->range_min);
  if (!isnan (item->range_max))
    return g_strdup_printf (_("at most %g"), item->range_max);
  return NULL;
}

/* A hint after a control: its range, its limit. */
static void
append_dim_label (GtkWidget  *box,
                  const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
}

static GtkWidget *
build_number (XjItemControl *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *range = describe_range (self->item);
  GtkWidget *entry = add_entry (self, box, 8);

  gtk_entry_set_input_purpose (self->entry, GTK_INPUT_PURPOSE_NUMBER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->item->prompt, -1);
  if (self->item->unit != NULL && *self->item->unit != '\0')
    gtk_box_append (GTK_BOX (box), gtk_label_new (self->item->unit));
  if (range != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("(acceptable: %s)"), range);

      append_dim_label (box, text);
    }
  add_na_button (self, box);
  return box;
}

static GtkWidget *
build_stopwatch (XjItemControl *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->stopwatch = XJ_STOPWATCH (xj_stopwatch_new ());
  g_signal_connect_swapped (self->stopwatch, "stopped", G_CALLBACK (on_stopwatch_stopped_cb), self);
  g_signal_connect_swapped (self->stopwatch, "started", G_CALLBACK (on_stopwatch_started_cb), self);
  g_signal_connect_swapped (self->stopwatch, "reset", G_CALLBACK (on_stopwatch_reset_cb), self);
  xj_stopwatch_set_limit (self->stopwatch, self->item->threshold);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stopwatch));
  if (!isnan (self->item->threshold))
    {
      g_autofree char *text = g_strdup_printf (_("(at most %g s)"), self->item->threshold);

      append_dim_label (box, text);
    }
  add_na_button (self, box);
  return box;
}

static GtkWidget *
build_choice (XjItemControl *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, _("Choose…"));
  for (guint i = 0; i < self->item->options->len; i++)
    gtk_string_list_append (labels, ((XjTemplateOption *) g_ptr_array_index (self->item->options,
                                                                              i))->label);
  gtk_string_list_append (labels, C_("answer", "N/A"));
  self->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL));
  gtk_widget_set_halign (GTK_WIDGET (self->dropdown), GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->item->prompt, -1);
  g_signal_connect_swapped (self->dropdown, "notify::selected",
                            G_CALLBACK (on_dropdown_selected_cb), self);
  return GTK_WIDGET (self->dropdown);
}

static GtkWidget *
build_text (XjItemControl *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = add_entry (self, box, 24);

  gtk_widget_set_hexpand (entry, TRUE);
  gtk_entry_set_placeholder_text (self->entry, _("Answer"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->item->prompt, -1);
  if (self->item->type == XJ_RESPONSE_DATETIME)
    {
      gtk_widget_set_hexpand (entry, FALSE);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 18);
      gtk_entry_set_placeholder_text (self->entry, _("YYYY-MM-DD HH:MM"));
      self->now_button = GTK_BUTTON (gtk_button_new_with_label (_("Now")));
      gtk_widget_set_valign (GTK_WIDGET (self->now_button), GTK_ALIGN_CENTER);
      g_signal_connect_swapped (self->now_button, "clicked", G_CALLBACK (on_now_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->now_button));
      add_na_button (self, box);
    }
  return box;
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_item_control_dispose (GObject *object)
{
  XjItemControl *self = XJ_ITEM_CONTROL (object);

  g_clear_handle_id (&self->pause_id, g_source_remove);

  G_OBJECT_CLASS (xj_item_control_parent_class)->dispose (object);
}

static void
xj_item_control_finalize (GObject *object)
{
  XjItemControl *self = XJ_ITEM_CONTROL (object);

  g_clear_pointer (&self->value, g_free);

  G_OBJECT_CLASS (xj_item_control_parent_class)->finalize (object);
}

static void
xj_item_control_class_init (XjItemControlClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xj_item_control_dispose;
  object_class->finalize = xj_item_control_finalize;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_INVALID] = g_signal_new ("invalid", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 0);
  signals[SIGNAL_TIMER] = g_signal_new ("timer", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
xj_item_control_init (XjItemControl *self)
{
}

/* --- public API ----------------------------------------------------------- */

XjItemControl *
xj_item_control_new (const XjTemplateItem *item)
{
  XjItemControl *self = g_object_new (XJ_TYPE_ITEM_CONTROL, NULL);
  GtkWidget *child;

  self->item = item;
  switch (item->type)
    {
    case XJ_RESPONSE_PASS_FAIL:
    case XJ_RESPONSE_YES_NO:
    case XJ_RESPONSE_RATING:
      child = build_buttons (self);
      break;
    case XJ_RESPONSE_NUMBER:
      child = build_number (self);
      break;
    case XJ_RESPONSE_STOPWATCH:
      child = build_stopwatch (self);
      break;
    case XJ_RESPONSE_CHOICE:
      child = build_choice (self);
      break;
    case XJ_RESPONSE_TEXT:
    case XJ_RESPONSE_DATETIME:
      child = build_text (self);
      break;
    case XJ_RESPONSE_PHOTO:
    case XJ_N_RESPONSE_TYPES:
    default:
      self->photos = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_xalign (self->photos, 0);
      child = GTK_WIDGET (self->photos);
      xj_item_control_set_photo_count (self, 0);
      break;
    }
  adw_bin_set_child (ADW_BIN (self), child);
  return self;
}

void
xj_item_control_set_value (XjItemControl *self,
                           const char    *value)
{
  g_return_if_fail (XJ_IS_ITEM_CONTROL (self));

  if (g_strcmp0 (value, self->value) != 0)
    {
      g_free (self->value);
      self->value = g_strdup (value);
    }
  show_value (self, value);
}

const char *
xj_item_control_get_value (XjItemControl *self)
{
  g_return_val_if_fail (XJ_IS_ITEM_CONTROL (self), NULL);

  return self->value;
}

void
xj_item_control_set_editable (XjItemControl *self,
                              gboolean       editable)
{
  g_return_if_fail (XJ_IS_ITEM_CONTROL (self));

  for (guint i = 0; i < self->n_buttons; i++)
    gtk_widget_set_sensitive (GTK_WIDGET (self->buttons[i]), editable);
  if (self->na_button != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->na_button), editable);
  if (self->entry != NULL)
    gtk_editable_set_editable (GTK_EDITABLE (self->entry), editable);
  if (self->now_button != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->now_button), editable);
  if (self->dropdown != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->dropdown), editable);
  if (self->stopwatch != NULL)
    xj_stopwatch_set_editable (self->stopwatch, editable);
}

void
xj_item_control_set_photo_count (XjItemControl *self,
                                 guint          n_photos)
{
  g_autofree char *text = NULL;

  g_return_if_fail (XJ_IS_ITEM_CONTROL (self));

  if (self->photos == NULL)
    return;
  text = g_strdup_printf (ngettext ("%u photo", "%u photos", n_photos), n_photos);
  gtk_label_set_text (self->photos, text);
}

/* Commits what is being typed, for a row that loses the runner's attention
 * or a runner that closes. */
void
xj_item_control_flush (XjItemControl *self)
{
  g_return_if_fail (XJ_IS_ITEM_CONTROL (self));

  if (self->pause_id != 0)
    commit_entry (self);
}

/* A stopwatch's stored start (0: not running). */
void
xj_item_control_set_timer (XjItemControl *self,
                           gint64         started_ms)
{
  g_return_if_fail (XJ_IS_ITEM_CONTROL (self));

  if (self->stopwatch != NULL)
    xj_stopwatch_set_started (self->stopwatch, started_ms);
}

/* Starts or stops the stopwatch; FALSE when the item has none. */
gboolean
xj_item_control_toggle_stopwatch (XjItemControl *self)
{
  g_return_val_if_fail (XJ_IS_ITEM_CONTROL (self), FALSE);

  if (self->stopwatch == NULL)
    return FALSE;
  xj_stopwatch_toggle (self->stopwatch);
  return TRUE;
}

gboolean
xj_item_control_get_timer_running (XjItemControl *self)
{
  g_return_val_if_fail (XJ_IS_ITEM_CONTROL (self), FALSE);

  return self->stopwatch != NULL && xj_stopwatch_get_running (self->stopwatch);
}

/* Puts the keyboard in the control; FALSE when it has nothing to focus. */
gboolean
xj_item_control_focus (XjItemControl *self)
{
  g_return_val_if_fail (XJ_IS_ITEM_CONTROL (self), FALSE);

  if (self->entry != NULL)
    return gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  if (self->dropdown != NULL)
    return gtk_widget_grab_focus (GTK_WIDGET (self->dropdown));
  if (self->n_buttons > 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->buttons[0]));
  return FALSE;
}
