/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The response type of an item and the values that only some types use:
 * unit and range (number), threshold (rating, stopwatch), which answer
 * passes (yes / no) and the options of a single choice.  Rows that do not
 * apply to the chosen type are hidden, and their values cleared when the
 * type changes, because the template's rules refuse values a type ignores.
 */
#define G_LOG_DOMAIN "xj-response-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "xj-editor-rows.h"
#include "xj-window-actions.h"
#include "xj-option-row.h"
#include "xj-response-editor.h"

#define DEFAULT_RATING_THRESHOLD 3
#define DEFAULT_STOPWATCH_SECONDS 30

typedef enum {
  INPUT_MIN = 1 << 0,
  INPUT_MAX = 1 << 1,
} InputError;

struct _XjResponseEditor
{
  AdwBin                parent_instance;

  XjTemplateItem       *item;        /* borrowed from the template being edited */
  gboolean              editable;
  gboolean              loading;
  InputError            input_errors;

  AdwPreferencesGroup  *response_group;
  AdwComboRow          *type_row;
  AdwEntryRow          *unit_row;
  AdwEntryRow          *min_row;
  AdwEntryRow          *max_row;
  AdwComboRow          *pass_row;
  GtkWidget            *rating_row;
  GtkSpinButton        *rating_spin;
  GtkWidget            *seconds_row;
  GtkSpinButton        *seconds_spin;
  GtkLabel             *range_error;
  AdwPreferencesGroup  *options_group;
  GtkListBox           *options_list;
  GtkWidget            *add_option_button;
  GtkLabel             *options_error;
};

G_DEFINE_FINAL_TYPE (XjResponseEditor, xj_response_editor, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- helpers -------------------------------------------------------------- */

static void
emit_changed (XjResponseEditor *self)
{
  if (!self->loading)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
update_visibility (XjResponseEditor *self)
{
  XjResponseType type = self->item != NULL ? self->item->type : XJ_RESPONSE_PASS_FAIL;

  gtk_widget_set_visible (GTK_WIDGET (self->unit_row), type == XJ_RESPONSE_NUMBER);
  gtk_widget_set_visible (GTK_WIDGET (self->min_row), type == XJ_RESPONSE_NUMBER);
  gtk_widget_set_visible (GTK_WIDGET (self->max_row), type == XJ_RESPONSE_NUMBER);
  gtk_widget_set_visible (GTK_WIDGET (self->pass_row), type == XJ_RESPONSE_YES_NO);
  gtk_widget_set_visible (self->rating_row, type == XJ_RESPONSE_RATING);
  gtk_widget_set_visible (self->seconds_row, type == XJ_RESPONSE_STOPWATCH);
  gtk_widget_set_visible (GTK_WIDGET (self->options_group), type == XJ_RESPONSE_CHOICE);
  gtk_widget_set_visible (self->add_option_button, type == XJ_RESPONSE_CHOICE && self->editable);
}

static void
on_option_changed_cb (XjResponseEditor *self)
{
  emit_changed (self);
}

static void
rebuild_options (XjResponseEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->options_list))) != NULL)
    gtk_list_box_remove (self->options_list, child);
  if (self->item == NULL)
    return;
  for (guint o = 0; o < self->item->options->len; o++)
    {
      GtkWidget *row = xj_option_row_new (g_ptr_array_index (self->item->options, o), o,
                                          self->editable);

      g_signal_connect_swapped (row, "changed", G_CALLBACK (on_option_changed_cb), self);
      gtk_list_box_append (self->options_list, row);
    }
}

static gboolean
read_limit (AdwEntryRow *row,
            double      *limit)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*text == '\0' || !_xj_parse_number (text, limit))
    {
      *limit = NAN;
      return *text == '\0';
    }
  return TRUE;
}

static void
set_limit_text (AdwEntryRow *row,
                double       limit)
{
  g_autofree char *text = _xj_format_number (limit);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* --- callbacks ------------------------------------------------------------ */

static void
on_type_selected_cb (XjResponseEditor *self)
{
  XjResponseType type = adw_combo_row_get_selected (self->type_row);

  if (self->loading || self->item == NULL || type >= XJ_N_RESPONSE_TYPES || type == self->item->type)
    return;
  self->item->type = type;
  self->item->range_min = self->item->range_max = self->item->threshold = NAN;
  self->input_errors = 0;
  if (type == XJ_RESPONSE_NUMBER)
    {
      self->input_errors |= read_limit (self->min_row, &self->item->range_min) ? 0 : INPUT_MIN;
      self->input_errors |= read_limit (self->max_row, &self->item->range_max) ? 0 : INPUT_MAX;
    }
  else if (type == XJ_RESPONSE_RATING)
    self->item->threshold = gtk_spin_button_get_value (self->rating_spin);
  else if (type == XJ_RESPONSE_STOPWATCH)
    self->item->threshold = gtk_spin_button_get_value (self->seconds_spin);
  if (type != XJ_RESPONSE_CHOICE && self->item->options->len > 0)
    {
      g_ptr_array_set_size (self->item->options, 0);
      rebuild_options (self);
    }
  update_visibility (self);
  emit_changed (self);
}

static void
on_unit_changed_cb (XjResponseEditor *self)
{
  if (self->loading || self->item == NULL)
    return;
  g_free (self->item->unit);
  self->item->unit = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->unit_row)));
  emit_changed (self);
}

static void
on_limit_changed_cb (XjResponseEditor *self,
                     AdwEntryRow      *row)
{
  InputError flag = row == self->min_row ? INPUT_MIN : INPUT_MAX;
  double *limit;

  if (self->loading || self->item == NULL)
    return;
  limit = row == self->min_row ? &self->item->range_min : &self->item->range_max;
  if (read_limit (row, limit))
    self->input_errors &= ~flag;
  else
    self->input_errors |= flag;
  emit_changed (self);
}

static void
on_min_changed_cb (XjResponseEditor *self)
{
  on_limit_changed_cb (self, self->min_row);
}

static void
on_max_changed_cb (XjResponseEditor *self)
{
  on_limit_changed_cb (self, self->max_row);
}

static void
on_pass_selected_cb (XjResponseEditor *self)
{
  if (self->loading || self->item == NULL)
    return;
  self->item->pass_answer = adw_combo_row_get_selected (self->pass_row) == 0;
  emit_changed (self);
}

static void
on_threshold_changed_cb (XjResponseEditor *self,
                         GtkSpinButton    *spin)
{
  if (self->loading || self->item == NULL)
    return;
  if ((spin == self->rating_spin && self->item->type == XJ_RESPONSE_RATING)
      || (spin == self->seconds_spin && self->item->type == XJ_RESPONSE_STOPWATCH))
    {
      self->item->threshold = gtk_spin_button_get_value (spin);
      emit_changed (self);
    }
}

/* --- actions -------------------------------------------------------------- */

static void
focus_option (XjResponseEditor *self,
              guint             index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->options_list, index);

  if (row != NULL)
    gtk_widget_child_focus (GTK_WIDGET (row), GTK_DIR_TAB_FORWARD);
}

static void
add_option_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  XjResponseEditor *self = XJ_RESPONSE_EDITOR (widget);

  if (self->item == NULL || !self->editable)
    return;
  g_ptr_array_add (self->item->options, xj_template_option_new ("", 1, FALSE));
  rebuild_options (self);
  focus_option (self, self->item->options->len - 1);
  emit_changed (self);
}

static void
remove_option_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  XjResponseEditor *self = XJ_RESPONSE_EDITOR (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (self->item == NULL || !self->editable || index >= self->item->options->len)
    return;
  g_ptr_array_remove_index (self->item->options, index);
  rebuild_options (self);
  emit_changed (self);
}

static void
move_option_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  XjResponseEditor *self = XJ_RESPONSE_EDITOR (widget);
  guint index = g_variant_get_uint32 (parameter);
  guint other = g_str_has_suffix (action_name, "-up") ? index - 1 : index + 1;
  GPtrArray *options;
  gpointer swap;

  if (self->item == NULL || !self->editable)
    return;
  options = self->item->options;
  if (index >= options->len || other >= options->len)
    return;
  swap = options->pdata[index];
  options->pdata[index] = options->pdata[other];
  options->pdata[other] = swap;
  rebuild_options (self);
  focus_option (self, other);
  emit_changed (self);
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_response_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), XJ_TYPE_RESPONSE_EDITOR);

  G_OBJECT_CLASS (xj_response_editor_parent_class)->dispose (object);
}

static void
xj_response_editor_class_init (XjResponseEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_response_editor_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-response-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, XjResponseEditor, response_group);
  gtk_widget_class_bind_template_child (widget_class, XjResponseEditor, type_row);
  gtk_widget_class_bind_template_child (widget_class, XjResponseEditor, unit_row);
  gtk_widget_class_bind_template_child (widget_class, XjResponseEditor, min_row);
  gtk_widget_class_bind_template_child (widget_class, XjResponseEditor, max_row);
  gtk_widget_class_bind_template_child (widget_class, XjResponseEditor, pass_row);
  gtk_widget_class_bind_template_child (widget_class, XjResponseEditor, range_error);
  gtk_widget_class_bind_template_child (widget_class, XjResponseEditor, options_group);
  gtk_widget_class_bind_template_child (widget_class, XjResponseEditor, options_list);
  gtk_widget_class_bind_template_child (widget_class, XjResponseEditor, add_option_button);
  gtk_widget_class_bind_template_child (widget_class, XjResponseEditor, options_error);

  gtk_widget_class_install_action (widget_class, "response.add-option", NULL, add_option_activated);
  gtk_widget_class_install_action (widget_class, "response.remove-option", "u",
                                   remove_option_activated);
  gtk_widget_class_install_action (widget_class, "response.move-option-up", "u",
                                   move_option_activated);
  gtk_widget_class_install_action (widget_class, "response.move-option-down", "u",
                                   move_option_activated);
}

static void
xj_response_editor_init (XjResponseEditor *self)
{
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (XjResponseType type = 0; type < XJ_N_RESPONSE_TYPES; type++)
    gtk_string_list_append (types, xj_response_type_get_label (type));
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (types));

  self->rating_row = _xj_spin_row_new (_("Passes from"), _("The lowest rating that passes, 1 to 5"),
                                       1, 5, 1, 0, &self->rating_spin);
  gtk_spin_button_set_value (self->rating_spin, DEFAULT_RATING_THRESHOLD);
  gtk_widget_set_name (self->rating_row, "rating_row");
  adw_preferences_group_add (self->response_group, self->rating_row);
  self->seconds_row = _xj_spin_row_new (_("Passes within (seconds)"),
                                        _("The most seconds that still pass"),
                                        0, 3600, 1, 0, &self->seconds_spin);
  gtk_spin_button_set_value (self->seconds_spin, DEFAULT_STOPWATCH_SECONDS);
  gtk_widget_set_name (self->seconds_row, "seconds_row");
  adw_preferences_group_add (self->response_group, self->seconds_row);

  g_signal_connect_swapped (self->type_row, "notify::selected", G_CALLBACK (on_type_selected_cb), self);
  g_signal_connect_swapped (self->unit_row, "changed", G_CALLBACK (on_unit_changed_cb), self);
  g_signal_connect_swapped (self->min_row, "changed", G_CALLBACK (on_min_changed_cb), self);
  g_signal_connect_swapped (self->max_row, "changed", G_CALLBACK (on_max_changed_cb), self);
  g_signal_connect_swapped (self->pass_row, "notify::selected", G_CALLBACK (on_pass_selected_cb), self);
  g_signal_connect_swapped (self->rating_spin, "value-changed", G_CALLBACK (on_threshold_changed_cb), self);
  g_signal_connect_swapped (self->seconds_spin, "value-changed", G_CALLBACK (on_threshold_changed_cb), self);
}

/* --- public API ----------------------------------------------------------- */

/* @item is edited in place and must outlive its use here. */
void
xj_response_editor_set_item (XjResponseEditor *self,
                             XjTemplateItem   *item,
                             gboolean          editable)
{
  g_return_if_fail (XJ_IS_RESPONSE_EDITOR (self));

  self->loading = TRUE;
  self->item = item;
  self->editable = editable;
  self->input_errors = 0;
  gtk_widget_set_sensitive (GTK_WIDGET (self->response_group), editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "response.add-option", editable);
  if (item != NULL)
    {
      adw_combo_row_set_selected (self->type_row, item->type);
      gtk_editable_set_text (GTK_EDITABLE (self->unit_row), item->unit);
      set_limit_text (self->min_row, item->range_min);
      set_limit_text (self->max_row, item->range_max);
      adw_combo_row_set_selected (self->pass_row, item->pass_answer ? 0 : 1);
      gtk_spin_button_set_value (self->rating_spin, item->type == XJ_RESPONSE_RATING
                                 && !isnan (item->threshold) ? item->threshold
                                 : DEFAULT_RATING_THRESHOLD);
      gtk_spin_button_set_value (self->seconds_spin, item->type == XJ_RESPONSE_STOPWATCH
                                 && !isnan (item->threshold) ? item->threshold
                                 : DEFAULT_STOPWATCH_SECONDS);
    }
  rebuild_options (self);
  update_visibility (self);
  self->loading = FALSE;
}

/* @problems: this item's problems only (see xj_template_validate). */
void
xj_response_editor_show_problems (XjResponseEditor *self,
                                  GPtrArray        *problems)
{
  const char *range = NULL, *options = NULL;
  GtkWidget *range_field = NULL;

  g_return_if_fail (XJ_IS_RESPONSE_EDITOR (self));

  for (guint o = 0; self->item != NULL && o < self->item->options->len; o++)
    xj_option_row_set_problem (XJ_OPTION_ROW (gtk_list_box_get_row_at_index (self->options_list, o)),
                               NULL);
  if (self->input_errors != 0)
    {
      range = _("Enter a number, such as 18 or 22.5, or leave the field empty.");
      range_field = GTK_WIDGET ((self->input_errors & INPUT_MIN) ? self->min_row : self->max_row);
    }
  for (guint p = 0; p < problems->len; p++)
    {
      XjTemplateProblem *problem = g_ptr_array_index (problems, p);

      if (problem->option >= 0)
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->options_list, problem->option);

          if (row != NULL)
            xj_option_row_set_problem (XJ_OPTION_ROW (row), problem->message);
        }
      else if (g_str_equal (problem->field, "options") && options == NULL)
        options = problem->message;
      else if (range == NULL && (g_str_equal (problem->field, "min") || g_str_equal (problem->field, "max")
                                 || g_str_equal (problem->field, "threshold")))
        {
          range = problem->message;
          range_field = g_str_equal (problem->field, "max") ? GTK_WIDGET (self->max_row)
                        : g_str_equal (problem->field, "min") ? GTK_WIDGET (self->min_row) : NULL;
        }
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->min_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->max_row), "error");
  xj_inline_problem_show (self->range_error, range, range_field);
  xj_inline_problem_show (self->options_error, options, NULL);
}

/* Text in a number field that is not a number: not in the template (it
 * holds no value there), but Save must wait for it all the same. */
guint
xj_response_editor_get_n_input_errors (XjResponseEditor *self)
{
  g_return_val_if_fail (XJ_IS_RESPONSE_EDITOR (self), 0);

  return (self->input_errors & INPUT_MIN ? 1 : 0) + (self->input_errors & INPUT_MAX ? 1 : 0);
}
