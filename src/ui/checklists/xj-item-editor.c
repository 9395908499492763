/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every field of one checklist item, each with the control that fits it,
 * the item's problems under the fields concerned and a preview of the item
 * as the inspector will see it.  The item is edited in place; ::changed
 * tells the editor window to check the template again.
 */
#define G_LOG_DOMAIN "xj-item-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-editor-rows.h"
#include "xj-window-actions.h"
#include "xj-item-editor.h"
#include "xj-item-preview.h"
#include "xj-response-editor.h"

#define WEIGHT_MAX 1000

struct _XjItemEditor
{
  AdwBin               parent_instance;

  XjTemplateItem      *item;          /* borrowed from the template being edited */
  gboolean             loading;

  XjItemPreview       *preview;
  AdwPreferencesGroup *item_group;
  AdwEntryRow         *prompt_row;
  AdwComboRow         *category_row;
  GtkLabel            *item_error;
  AdwPreferencesGroup *guidance_group;
  AdwPreferencesGroup *do_group;
  AdwEntryRow         *do_row;
  AdwEntryRow         *dont_row;
  GtkTextView         *guidance_view;
  XjResponseEditor    *response_editor;
  AdwPreferencesGroup *scoring_group;
  GtkSpinButton       *weight_spin;
  GtkSpinButton       *failure_weight_spin;
  GtkSwitch           *critical_switch;
  GtkSwitch           *required_switch;
  GtkSwitch           *photo_switch;
  GtkSwitch           *remark_switch;
  GtkLabel            *scoring_error;
  AdwPreferencesGroup *followup_group;
  AdwComboRow         *notice_row;
  AdwComboRow         *party_row;
  GtkSpinButton       *deadline_spin;
  GtkLabel            *followup_error;
};

G_DEFINE_FINAL_TYPE (XjItemEditor, xj_item_editor, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- helpers -------------------------------------------------------------- */

/* A combo row over a choice table; with @none_label, position 0 is “none”. */
static void
fill_choices (AdwComboRow            *row,
              const XjTemplateChoice *choices,
              guint                   n_choices,
              const char             *none_label)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  if (none_label != NULL)
    gtk_string_list_append (labels, none_label);
  for (guint i = 0; i < n_choices; i++)
    gtk_string_list_append (labels, choices[i].label);
  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
}

static guint
choice_position (const XjTemplateChoice *choices,
                 guint                   n_choices,
                 const char             *id,
                 gboolean                with_none)
{
  for (guint i = 0; i < n_choices; i++)
    if (g_strcmp0 (choices[i].id, id) == 0)
      return with_none ? i + 1 : i;
  return 0;
}

static char *
choice_at (const XjTemplateChoice *choices,
           guint                   n_choices,
           guint                   position,
           gboolean                with_none)
{
  if (with_none)
    {
      if (position == 0)
        return NULL;
      position--;
    }
  return position < n_choices ? g_strdup (choices[position].id) : NULL;
}

static void
replace_text (char      **field,
              const char *text)
{
  g_free (*field);
  *field = g_strdup (text);
}

static void
emit_changed (XjItemEditor *self)
{
  if (self->loading || self->item == NULL)
    return;
  xj_item_preview_set_item (self->preview, self->item);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* --- callbacks ------------------------------------------------------------ */

static void
on_field_changed_cb (XjItemEditor *self)
{
  guint n;
  const XjTemplateChoice *choices;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->guidance_view);
  GtkTextIter start, end;
  g_autofree char *guidance = NULL;

  if (self->loading || self->item == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  guidance = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  replace_text (&self->item->prompt, gtk_editable_get_text (GTK_EDITABLE (self->prompt_row)));
  replace_text (&self->item->guidance, guidance);
  replace_text (&self->item->guidance_do, gtk_editable_get_text (GTK_EDITABLE (self->do_row)));
  replace_text (&self->item->guidance_dont, gtk_editable_get_text (GTK_EDITABLE (self->dont_row)));

  choices = xj_template_get_categories (&n);
  g_free (self->item->category);
  self->item->category = choice_at (choices, n, adw_combo_row_get_selected (self->category_row), FALSE);
  choices = xj_template_get_notice_types (&n);
  g_free (self->item->notice_type);
  self->item->notice_type = choice_at (choices, n, adw_combo_row_get_selected (self->notice_row), TRUE);
  choices = xj_template_get_parties (&n);
  g_free (self->item->responsible_party);
  self->item->responsible_party = choice_at (choices, n, adw_combo_row_get_selected (self->party_row), TRUE);

  self->item->score_weight = gtk_spin_button_get_value (self->weight_spin);
  self->item->failure_weight = gtk_spin_button_get_value (self->failure_weight_spin);
  self->item->deadline_days = gtk_spin_button_get_value_as_int (self->deadline_spin);
  self->item->critical = gtk_switch_get_active (self->critical_switch);
  self->item->required = gtk_switch_get_active (self->required_switch);
  self->item->photo_on_fail = gtk_switch_get_active (self->photo_switch);
  self->item->remark_on_fail = gtk_switch_get_active (self->remark_switch);
  emit_changed (self);
}

/* The deadline is optional: below 0 days the field reads “none”. */
static gboolean
on_deadline_output_cb (GtkSpinButton *spin)
{
  int days = gtk_spin_button_get_value_as_int (spin);
  g_autofree char *text = days < 0 ? g_strdup (C_("deadline", "None")) : g_strdup_printf ("%d", days);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_deadline_input_cb (GtkSpinButton *spin,
                      double        *value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));

  if (!_xj_parse_number (text, value))
    *value = -1;
  return TRUE;
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_item_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), XJ_TYPE_ITEM_EDITOR);

  G_OBJECT_CLASS (xj_item_editor_parent_class)->dispose (object);
}

static void
xj_item_editor_class_init (XjItemEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_item_editor_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (XJ_TYPE_ITEM_PREVIEW);
  g_type_ensure (XJ_TYPE_RESPONSE_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-item-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, XjItemEditor, preview);
  gtk_widget_class_bind_template_child (widget_class, XjItemEditor, item_group);
  gtk_widget_class_bind_template_child (widget_class, XjItemEditor, prompt_row);
  gtk_widget_class_bind_template_child (widget_class, XjItemEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, XjItemEditor, item_error);
  gtk_widget_class_bind_template_child (widget_class, XjItemEditor, guidance_group);
  gtk_widget_class_bind_template_child (widget_class, XjItemEditor, do_group);
  gtk_widget_class_bind_template_child (widget_class, XjItemEditor, do_row);
  gtk_widget_class_bind_template_child (widget_class, XjItemEditor, dont_row);
  gtk_widget_class_bind_template_child (widget_class, XjItemEditor, guidance_view);
  gtk_widget_class_bind_template_child (widget_class, XjItemEditor, response_editor);
  gtk_widget_class_bind_template_child (widget_class, XjItemEditor, scoring_group);
  gtk_widget_class_bind_template_child (widget_class, XjItemEditor, followup_group);
  gtk_widget_class_bind_template_child (widget_class, XjItemEditor, notice_row);
  gtk_widget_class_bind_template_child (widget_class, XjItemEditor, party_row);
  gtk_widget_class_bind_template_child (widget_class, XjItemEditor, followup_error);
}

static void
add_switch (XjItemEditor  *self,
            const char    *name,
            const char    *title,
            const char    *subtitle,
            GtkSwitch    **toggle)
{
  GtkWidget *row = _xj_switch_row_new (title, subtitle, toggle);

  gtk_widget_set_name (row, name);
  adw_preferences_group_add (self->scoring_group, row);
  g_signal_connect_swapped (*toggle, "notify::active", G_CALLBACK (on_field_changed_cb), self);
}

static void
create_scoring_rows (XjItemEditor *self)
{
  GtkWidget *row;

  row = _xj_spin_row_new (_("Score weight"), _("Points this item is worth; 0 leaves it out of the score"),
                          0, WEIGHT_MAX, 0.5, 1, &self->weight_spin);
  gtk_widget_set_name (row, "weight_row");
  adw_preferences_group_add (self->scoring_group, row);
  row = _xj_spin_row_new (_("Failure weight"), _("Added to the failure index when the item fails"),
                          0, WEIGHT_MAX, 0.5, 1, &self->failure_weight_spin);
  gtk_widget_set_name (row, "failure_weight_row");
  adw_preferences_group_add (self->scoring_group, row);
  g_signal_connect_swapped (self->weight_spin, "value-changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->failure_weight_spin, "value-changed",
                            G_CALLBACK (on_field_changed_cb), self);

  add_switch (self, "critical_row", _("Critical"),
              _("A failure fails the whole inspection, whatever its score"), &self->critical_switch);
  add_switch (self, "required_row", _("Required"),
              _("The inspection cannot be completed without an answer"), &self->required_switch);
  add_switch (self, "photo_row", _("Photo required on failure"), NULL, &self->photo_switch);
  add_switch (self, "remark_row", _("Remark required on failure"), NULL, &self->remark_switch);

  self->scoring_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->scoring_error, TRUE);
  gtk_label_set_xalign (self->scoring_error, 0);
  gtk_widget_set_margin_start (GTK_WIDGET (self->scoring_error), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->scoring_error), "field-error");
  gtk_widget_set_visible (GTK_WIDGET (self->scoring_error), FALSE);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->scoring_group))),
                              GTK_WIDGET (self->scoring_error), GTK_WIDGET (self->scoring_group));
}

static void
xj_item_editor_init (XjItemEditor *self)
{
  const XjTemplateChoice *choices;
  GtkWidget *row;
  guint n;

  gtk_widget_init_template (GTK_WIDGET (self));

  choices = xj_template_get_categories (&n);
  fill_choices (self->category_row, choices, n, NULL);
  choices = xj_template_get_notice_types (&n);
  /* Translators: no default notice type */
  fill_choices (self->notice_row, choices, n, C_("notice type", "None"));
  choices = xj_template_get_parties (&n);
  fill_choices (self->party_row, choices, n, C_("responsible party", "None"));
  create_scoring_rows (self);

  row = _xj_spin_row_new (_("Deadline in days"), _("Below 0: no default deadline"),
                          -1, XJ_TEMPLATE_DEADLINE_MAX, 1, 0, &self->deadline_spin);
  gtk_widget_set_name (row, "deadline_row");
  adw_preferences_group_add (self->followup_group, row);
  g_signal_connect (self->deadline_spin, "output", G_CALLBACK (on_deadline_output_cb), NULL);
  g_signal_connect (self->deadline_spin, "input", G_CALLBACK (on_deadline_input_cb), NULL);

  g_signal_connect_swapped (self->prompt_row, "changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->do_row, "changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->dont_row, "changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->guidance_view), "changed",
                            G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->category_row, "notify::selected", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->notice_row, "notify::selected", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->party_row, "notify::selected", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->deadline_spin, "value-changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->response_editor, "changed", G_CALLBACK (emit_changed), self);
}

/* The scrolled window is the bin's child, not a bound template child:
 * disposing the template would otherwise unparent it twice. */
static GtkAdjustment *
vadjustment (XjItemEditor *self)
{
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (adw_bin_get_child (ADW_BIN (self))));
}

/* --- public API ----------------------------------------------------------- */

void
xj_item_editor_set_item (XjItemEditor   *self,
                         XjTemplateItem *item,
                         gboolean        editable)
{
  const XjTemplateChoice *choices;
  guint n;

  g_return_if_fail (XJ_IS_ITEM_EDITOR (self));

  self->loading = TRUE;
  self->item = item;
  xj_response_editor_set_item (self->response_editor, item, editable);
  xj_item_preview_set_item (self->preview, item);
  if (item != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->prompt_row), item->prompt);
      gtk_editable_set_text (GTK_EDITABLE (self->do_row), item->guidance_do);
      gtk_editable_set_text (GTK_EDITABLE (self->dont_row), item->guidance_dont);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->guidance_view), item->guidance, -1);
      choices = xj_template_get_categories (&n);
      adw_combo_row_set_selected (self->category_row, choice_position (choices, n, item->category, FALSE));
      choices = xj_template_get_notice_types (&n);
      adw_combo_row_set_selected (self->notice_row, choice_position (choices, n, item->notice_type, TRUE));
      choices = xj_template_get_parties (&n);
      adw_combo_row_set_selected (self->party_row,
                                  choice_position (choices, n, item->responsible_party, TRUE));
      gtk_spin_button_set_value (self->weight_spin, item->score_weight);
      gtk_spin_button_set_value (self->failure_weight_spin, item->failure_weight);
      gtk_spin_button_set_value (self->deadline_spin, item->deadline_days);
      gtk_switch_set_active (self->critical_switch, item->critical);
      gtk_switch_set_active (self->required_switch, item->required);
      gtk_switch_set_active (self->photo_switch, item->photo_on_fail);
      gtk_switch_set_active (self->remark_switch, item->remark_on_fail);
    }
  /* Read-only: everything can be read and scrolled, nothing changed. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->item_group), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->guidance_group), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->do_group), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scoring_group), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->followup_group), editable);
  gtk_adjustment_set_value (vadjustment (self), 0);
  self->loading = FALSE;
}

/* How far down the item is scrolled, to be put back with
 * xj_item_editor_set_scroll() when the same item is shown anew (a save, a
 * rebuild), where xj_item_editor_set_item() starts at the top. */
double
xj_item_editor_get_scroll (XjItemEditor *self)
{
  g_return_val_if_fail (XJ_IS_ITEM_EDITOR (self), 0);

  return gtk_adjustment_get_value (vadjustment (self));
}

void
xj_item_editor_set_scroll (XjItemEditor *self,
                           double        value)
{
  g_return_if_fail (XJ_IS_ITEM_EDITOR (self));

  gtk_adjustment_set_value (vadjustment (self), value);
}

/* @problems: this item's problems only. */
void
xj_item_editor_show_problems (XjItemEditor *self,
                              GPtrArray    *problems)
{
  const char *item_message = NULL, *scoring = NULL, *followup = NULL;
  gboolean prompt_bad = FALSE;

  g_return_if_fail (XJ_IS_ITEM_EDITOR (self));

  for (guint p = 0; p < problems->len; p++)
    {
      XjTemplateProblem *problem = g_ptr_array_index (problems, p);
      const char *field = problem->field;

      if (problem->option >= 0 || g_str_equal (field, "type") || g_str_equal (field, "options")
          || g_str_equal (field, "min") || g_str_equal (field, "max")
          || g_str_equal (field, "threshold"))
        continue;
      if (g_str_equal (field, "weight") || g_str_equal (field, "failure_weight"))
        scoring = scoring != NULL ? scoring : problem->message;
      else if (g_str_equal (field, "deadline_days") || g_str_equal (field, "notice_type")
               || g_str_equal (field, "responsible_party"))
        followup = followup != NULL ? followup : problem->message;
      else if (item_message == NULL)
        {
          item_message = problem->message;
          prompt_bad = g_str_equal (field, "prompt") || g_str_equal (field, "key");
        }
    }
  xj_inline_problem_show (self->item_error, item_message, GTK_WIDGET (self->prompt_row));
  if (!prompt_bad)
    gtk_widget_remove_css_class (GTK_WIDGET (self->prompt_row), "error");
  xj_inline_problem_show (self->scoring_error, scoring, NULL);
  xj_inline_problem_show (self->followup_error, followup, NULL);
  xj_response_editor_show_problems (self->response_editor, problems);
}

guint
xj_item_editor_get_n_input_errors (XjItemEditor *self)
{
  g_return_val_if_fail (XJ_IS_ITEM_EDITOR (self), 0);

  return xj_response_editor_get_n_input_errors (self->response_editor);
}

void
xj_item_editor_focus_prompt (XjItemEditor *self)
{
  g_return_if_fail (XJ_IS_ITEM_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->prompt_row));
}
