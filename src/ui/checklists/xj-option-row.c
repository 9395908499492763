/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One answer of a single-choice item: its label, the share of the item's
 * weight it earns and whether choosing it fails the item.  The row edits
 * the option in place and says so with ::changed; adding, removing and
 * moving options are the response editor's actions.
 */
#define G_LOG_DOMAIN "xj-option-row"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-editor-rows.h"
#include "xj-option-row.h"

struct _XjOptionRow
{
  GtkListBoxRow     parent_instance;

  XjTemplateOption *option;   /* borrowed from the item being edited */

  GtkEntry         *label_entry;
  GtkSpinButton    *score_spin;
  GtkCheckButton   *fails_check;
  GtkButton        *up_button;
  GtkButton        *down_button;
  GtkButton        *remove_button;
  GtkLabel         *problem_label;
};

G_DEFINE_FINAL_TYPE (XjOptionRow, xj_option_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- helpers -------------------------------------------------------------- */

/* --- callbacks ------------------------------------------------------------ */

static void
on_label_changed_cb (XjOptionRow *self)
{
  g_free (self->option->label);
  self->option->label = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->label_entry)));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_score_changed_cb (XjOptionRow *self)
{
  self->option->score = gtk_spin_button_get_value (self->score_spin);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_fails_toggled_cb (XjOptionRow *self)
{
  self->option->fails = gtk_check_button_get_active (self->fails_check);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_option_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), XJ_TYPE_OPTION_ROW);

  G_OBJECT_CLASS (xj_option_row_parent_class)->dispose (object);
}

static void
xj_option_row_class_init (XjOptionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_option_row_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-option-row.ui");
  gtk_widget_class_bind_template_child (widget_class, XjOptionRow, label_entry);
  gtk_widget_class_bind_template_child (widget_class, XjOptionRow, score_spin);
  gtk_widget_class_bind_template_child (widget_class, XjOptionRow, fails_check);
  gtk_widget_class_bind_template_child (widget_class, XjOptionRow, up_button);
  gtk_widget_class_bind_template_child (widget_class, XjOptionRow, down_button);
  gtk_widget_class_bind_template_child (widget_class, XjOptionRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, XjOptionRow, problem_label);
}

static void
xj_option_row_init (XjOptionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* --- public API ----------------------------------------------------------- */

GtkWidget *
xj_option_row_new (XjTemplateOption *option,
                   guint             index,
                   gboolean          editable)
{
  XjOptionRow *self = g_object_new (XJ_TYPE_OPTION_ROW, NULL);
  GVariant *target = g_variant_new_uint32 (index);
  const char *name = *option->label != '\0' ? option->label : _("Untitled option");

  self->option = option;
  gtk_editable_set_text (GTK_EDITABLE (self->label_entry), option->label);
  gtk_spin_button_set_value (self->score_spin, option->score);
  gtk_check_button_set_active (self->fails_check, option->fails);
  gtk_editable_set_editable (GTK_EDITABLE (self->label_entry), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->score_spin), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->fails_check), editable);

  /* The same index for all three; a floating variant is sunk by the first. */
  g_variant_ref_sink (target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->up_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->down_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->remove_button), target);
  g_variant_unref (target);
  gtk_widget_set_visible (GTK_WIDGET (self->up_button), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->down_button), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->remove_button), editable);
  /* Translators: %s is the label of a choice option */
  _xj_label_widget (GTK_WIDGET (self->up_button), _("Move “%s” up"), name);
  _xj_label_widget (GTK_WIDGET (self->down_button), _("Move “%s” down"), name);
  _xj_label_widget (GTK_WIDGET (self->remove_button), _("Remove “%s”"), name);

  g_signal_connect_swapped (self->label_entry, "changed", G_CALLBACK (on_label_changed_cb), self);
  g_signal_connect_swapped (self->score_spin, "value-changed", G_CALLBACK (on_score_changed_cb), self);
  g_signal_connect_swapped (self->fails_check, "toggled", G_CALLBACK (on_fails_toggled_cb), self);
  return GTK_WIDGET (self);
}

void
xj_option_row_set_problem (XjOptionRow *self,
                           const char  *message)
{
  g_return_if_fail (XJ_IS_OPTION_ROW (self));

  gtk_label_set_text (self->problem_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->label_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->label_entry), "error");
}
