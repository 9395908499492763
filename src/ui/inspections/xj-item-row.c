/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjItemRow: one checklist item in the runner — prompt, the control for
 * its response type, guidance on demand, the previous answer at this site,
 * a remark with the team's frequent remarks, and what a failure requires.
 * The row reports what the person does; the runner writes it.
 */
#define G_LOG_DOMAIN "xj-item-row"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-clock.h"
#include "xj-item-control.h"
#include "xj-item-row.h"
#include "xj-label.h"
#include "xj-photo-strip.h"
#include "xj-text.h"

struct _XjItemRow
{
  AdwBin                  parent_instance;

  const XjTemplateItem   *item;
  XjItemControl          *control;
  GMenuModel             *remarks_menu;
  char                   *saved_remark;    /* as last handed to the runner */
  guint                   updating;
  gboolean                repeat_possible; /* the last answer here failed recently */
  guint                   n_photos;
  gboolean                guidance_built;

  GtkLabel               *number;
  GtkLabel               *prompt;
  GtkLabel               *critical_tag;
  GtkLabel               *repeat_tag;
  GtkToggleButton        *guidance_button;
  GtkBox                 *guidance_box;
  GtkBox                 *control_box;
  GtkLabel               *previous;
  GtkLabel               *requirement;
  GtkLabel               *error;
  GtkBox                 *remark_box;
  GtkEntry               *remark;
  GtkMenuButton          *remarks_button;
  GtkLabel               *photo_count;
  GtkButton              *attach_button;
  XjPhotoStrip           *strip;
};

G_DEFINE_FINAL_TYPE (XjItemRow, xj_item_row, ADW_TYPE_BIN)

enum {
  SIGNAL_ANSWER,
  SIGNAL_REMARK,
  SIGNAL_ENTERED,
  SIGNAL_DONE,
  SIGNAL_TIMER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- helpers -------------------------------------------------------------- */

static XjOutcome
current_outcome (XjItemRow *self)
{
  return xj_template_item_evaluate (self->item, xj_item_control_get_value (self->control), NULL);
}

/* What a failure asks for, and whether the row is failed or repeated. */
static void
update_state (XjItemRow *self)
{
  gboolean failed = current_outcome (self) == XJ_OUTCOME_FAIL;
  gboolean needs_remark = self->item->remark_on_fail
                          && xj_text_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->remark)));
  gboolean needs_photo = self->item->photo_on_fail && self->n_photos == 0;
  const char *needs = NULL;

  /* Says what is still missing, and goes once it is given. */
  if (needs_remark && needs_photo)
    needs = _("A failure needs a remark and a photo.");
  else if (needs_remark)
    needs = _("A failure needs a remark.");
  else if (needs_photo)
    needs = _("A failure needs a photo.");
  gtk_label_set_text (self->requirement, needs);
  gtk_widget_set_visible (GTK_WIDGET (self->requirement), failed && needs != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->repeat_tag), failed && self->repeat_possible);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self), "failed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "failed");
}

static void
update_photo_count (XjItemRow *self,
                    guint      n_photos)
{
  g_autofree char *text = g_strdup_printf (ngettext ("%u photo", "%u photos", n_photos), n_photos);

  /* Photo-only items say it in their control already. */
  gtk_label_set_text (self->photo_count, text);
  gtk_widget_set_visible (GTK_WIDGET (self->photo_count),
                          n_photos > 0 && self->item->type != XJ_RESPONSE_PHOTO);
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

static void
add_guidance_label (XjItemRow *self,
                    char      *line)
{
  g_autofree char *owned = line;
  gtk_box_append (self->guidance_box, xj_label_new_wrapped (owned, NULL));
}

static void
flush_remark (XjItemRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->remark));

  if (!gtk_editable_get_editable (GTK_EDITABLE (self->remark))
      || g_strcmp0 (text, self->saved_remark != NULL ? self->saved_remark : "") == 0)
    return;
  g_free (self->saved_remark);
  self->saved_remark = g_strdup (text);
  g_signal_emit (self, signals[SIGNAL_REMARK], 0, text);
}

/* --- callbacks ------------------------------------------------------------ */

static void
on_control_changed_cb (XjItemRow  *self,
                       const char *value)
{
  xj_item_row_set_error (self, NULL);
  update_state (self);
  g_signal_emit (self, signals[SIGNAL_ANSWER], 0, value);
}

static void
on_control_timer_cb (XjItemRow *self,
                     gint64     started_ms)
{
  g_signal_emit (self, signals[SIGNAL_TIMER], 0, started_ms);
}

static void
on_control_invalid_cb (XjItemRow  *self,
                       const char *message)
{
  xj_item_row_set_error (self, message);
}

static void
on_guidance_toggled_cb (XjItemRow *self)
{
  /* Built on first use: most rows never show it. */
  if (self->guidance_built || !gtk_toggle_button_get_active (self->guidance_button))
    return;
  self->guidance_built = TRUE;
  if (!is_empty (self->item->guidance))
    add_guidance_label (self, g_strdup (self->item->guidance));
  if (!is_empty (self->item->guidance_do))
    add_guidance_label (self, g_strdup_printf (_("Do: %s"), self->item->guidance_do));
  if (!is_empty (self->item->guidance_dont))
    add_guidance_label (self, g_strdup_printf (_("Don’t: %s"), self->item->guidance_dont));
}

/* Every change is written at once (a write costs well under a millisecond):
 * a remark typed just before the laptop dies is there afterwards. */
static void
on_remark_changed_cb (XjItemRow *self)
{
  update_state (self);
  if (self->updating > 0)
    return;
  flush_remark (self);
}

/* Enter in the remark or a typed answer: written, and on to the next item. */
static void
on_done_cb (XjItemRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  flush_remark (self);
  /* The entry's text widget inside it has the keyboard, not the entry. */
  g_signal_emit (self, signals[SIGNAL_DONE], 0,
                 focus != NULL && (focus == GTK_WIDGET (self->remark)
                                   || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->remark))));
}

static void
on_focus_enter_cb (XjItemRow *self)
{
  g_signal_emit (self, signals[SIGNAL_ENTERED], 0);
}

static void
on_remark_focus_leave_cb (XjItemRow *self)
{
  flush_remark (self);
}

static void
on_pressed_cb (XjItemRow *self)
{
  g_signal_emit (self, signals[SIGNAL_ENTERED], 0);
}

static void
create_remarks_popup_cb (GtkMenuButton *button,
                         gpointer       user_data)
{
  XjItemRow *self = user_data;

  /* A popover per row would cost a lot for a long checklist: made on use. */
  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->remarks_menu);
}

static void
use_remark_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  XjItemRow *self = XJ_ITEM_ROW (widget);
  const char *chosen = g_variant_get_string (parameter, NULL);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->remark));
  g_autofree char *joined = NULL;

  /* Adds to what is there: a remark is often two observations. */
  joined = *text != '\0' ? g_strdup_printf (_("%s; %s"), text, chosen) : g_strdup (chosen);
  gtk_editable_set_text (GTK_EDITABLE (self->remark), joined);
  flush_remark (self);
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_item_row_dispose (GObject *object)
{
  XjItemRow *self = XJ_ITEM_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_ITEM_ROW);
  g_clear_object (&self->remarks_menu);

  G_OBJECT_CLASS (xj_item_row_parent_class)->dispose (object);
}

static void
xj_item_row_finalize (GObject *object)
{
  XjItemRow *self = XJ_ITEM_ROW (object);

  g_clear_pointer (&self->saved_remark, g_free);

  G_OBJECT_CLASS (xj_item_row_parent_class)->finalize (object);
}

static void
xj_item_row_class_init (XjItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_item_row_dispose;
  object_class->finalize = xj_item_row_finalize;

  signals[SIGNAL_ANSWER] = g_signal_new ("answer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_REMARK] = g_signal_new ("remark", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_ENTERED] = g_signal_new ("entered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[SIGNAL_TIMER] = g_signal_new ("timer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-item-row.ui");
  gtk_widget_class_bind_template_child (widget_class, XjItemRow, number);
  gtk_widget_class_bind_template_child (widget_class, XjItemRow, prompt);
  gtk_widget_class_bind_template_child (widget_class, XjItemRow, critical_tag);
  gtk_widget_class_bind_template_child (widget_class, XjItemRow, repeat_tag);
  gtk_widget_class_bind_template_child (widget_class, XjItemRow, guidance_button);
  gtk_widget_class_bind_template_child (widget_class, XjItemRow, guidance_box);
  gtk_widget_class_bind_template_child (widget_class, XjItemRow, control_box);
  gtk_widget_class_bind_template_child (widget_class, XjItemRow, previous);
  gtk_widget_class_bind_template_child (widget_class, XjItemRow, requirement);
  gtk_widget_class_bind_template_child (widget_class, XjItemRow, error);
  gtk_widget_class_bind_template_child (widget_class, XjItemRow, remark_box);
  gtk_widget_class_bind_template_child (widget_class, XjItemRow, remark);
  gtk_widget_class_bind_template_child (widget_class, XjItemRow, remarks_button);
  gtk_widget_class_bind_template_child (widget_class, XjItemRow, photo_count);
  gtk_widget_class_bind_template_child (widget_class, XjItemRow, attach_button);

  gtk_widget_class_install_action (widget_class, "item.use-remark", "s", use_remark_activated);
}

static void
xj_item_row_init (XjItemRow *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *remark_focus = gtk_event_controller_focus_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_focus_enter_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (on_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_swapped (remark_focus, "leave", G_CALLBACK (on_remark_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->remark), remark_focus);
  g_signal_connect_swapped (self->remark, "changed", G_CALLBACK (on_remark_changed_cb), self);
  g_signal_connect_swapped (self->remark, "activate", G_CALLBACK (on_done_cb), self);
  g_signal_connect_swapped (self->guidance_button, "toggled", G_CALLBACK (on_guidance_toggled_cb),
                            self);
  gtk_menu_button_set_create_popup_func (self->remarks_button, create_remarks_popup_cb, self, NULL);
  self->strip = xj_photo_strip_new ();
  /* The bin's own child is not bound: AdwBin unparents it itself. */
  gtk_box_append (GTK_BOX (adw_bin_get_child (ADW_BIN (self))), GTK_WIDGET (self->strip));
}

/* --- public API ----------------------------------------------------------- */

XjItemRow *
xj_item_row_new (const XjTemplateItem *item,
                 guint                 number,
                 GMenuModel           *remarks_menu)
{
  XjItemRow *self = g_object_new (XJ_TYPE_ITEM_ROW, NULL);
  g_autofree char *number_text = g_strdup_printf ("%u", number);
  gboolean has_guidance = !is_empty (item->guidance) || !is_empty (item->guidance_do)
                          || !is_empty (item->guidance_dont);

  self->item = item;
  self->remarks_menu = g_object_ref (remarks_menu);
  gtk_label_set_text (self->number, number_text);
  gtk_label_set_text (self->prompt, item->prompt);
  gtk_widget_set_visible (GTK_WIDGET (self->critical_tag), item->critical);
  gtk_widget_set_visible (GTK_WIDGET (self->guidance_button), has_guidance);

  self->control = xj_item_control_new (item);
  g_signal_connect_swapped (self->control, "changed", G_CALLBACK (on_control_changed_cb), self);
  g_signal_connect_swapped (self->control, "invalid", G_CALLBACK (on_control_invalid_cb), self);
  g_signal_connect_swapped (self->control, "done", G_CALLBACK (on_done_cb), self);
  g_signal_connect_swapped (self->control, "timer", G_CALLBACK (on_control_timer_cb), self);
  gtk_box_prepend (self->control_box, GTK_WIDGET (self->control));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  self->prompt, NULL, -1);
  return self;
}

const XjTemplateItem *
xj_item_row_get_item (XjItemRow *self)
{
  g_return_val_if_fail (XJ_IS_ITEM_ROW (self), NULL);

  return self->item;
}

/* Shows a stored answer (NULL: none) without reporting it back. */
void
xj_item_row_set_answer (XjItemRow      *self,
                        const XjAnswer *answer)
{
  const char *remark = answer != NULL && answer->remark != NULL ? answer->remark : "";

  g_return_if_fail (XJ_IS_ITEM_ROW (self));

  xj_item_control_set_value (self->control, answer != NULL ? answer->value : NULL);
  xj_item_control_set_photo_count (self->control, answer != NULL ? answer->n_photos : 0);
  xj_item_control_set_timer (self->control, answer != NULL ? answer->timer_started_ms : 0);
  self->n_photos = answer != NULL ? answer->n_photos : 0;
  update_photo_count (self, self->n_photos);
  if (g_strcmp0 (remark, gtk_editable_get_text (GTK_EDITABLE (self->remark))) != 0)
    {
      self->updating++;
      gtk_editable_set_text (GTK_EDITABLE (self->remark), remark);
      self->updating--;
    }
  g_free (self->saved_remark);
  self->saved_remark = g_strdup (remark);
  update_state (self);
}

const char *
xj_item_row_get_value (XjItemRow *self)
{
  g_return_val_if_fail (XJ_IS_ITEM_ROW (self), NULL);

  return xj_item_control_get_value (self->control);
}

static const char *
describe_outcome (const XjTemplateItem   *item,
                  const XjPreviousAnswer *previous)
{
  switch (previous->outcome)
    {
    case XJ_OUTCOME_PASS:
      return C_("last time", "pass");
    case XJ_OUTCOME_FAIL:
      return C_("last time", "fail");
    case XJ_OUTCOME_NA:
      return C_("last time", "n.a.");
    default:
      return NULL;
    }
}

/* What was answered, as a person reads it (a date-time in local time). */
static char *
describe_previous (const XjTemplateItem   *item,
                   const XjPreviousAnswer *previous)
{
  const char *outcome = describe_outcome (item, previous);
  g_autoptr(GDateTime) when = NULL;

  if (outcome != NULL)
    return g_strdup (outcome);
  if (item->type == XJ_RESPONSE_DATETIME && previous->value != NULL
      && (when = g_date_time_new_from_iso8601 (previous->value, NULL)) != NULL)
    return xj_format_local_minute (g_date_time_to_unix (when));
  return g_strdup (previous->value);
}

void
xj_item_row_set_previous (XjItemRow              *self,
                          const XjPreviousAnswer *previous,
                          gint64                  now)
{
  g_autofree char *ago = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (XJ_IS_ITEM_ROW (self));

  self->repeat_possible = xj_previous_answer_is_repeat (previous, now);
  gtk_widget_set_visible (GTK_WIDGET (self->previous), previous != NULL);
  if (previous != NULL)
    {
      g_autofree char *answered = describe_previous (self->item, previous);

      ago = xj_format_ago (previous->answered_at, now);
      /* Translators: "Last time: fail, 3 weeks ago" */
      text = g_strdup_printf (_("Last time: %s, %s"), answered, ago);
      gtk_label_set_text (self->previous, text);
    }
  if (self->repeat_possible)
    {
      /* "Last time: pass" beside "Repeat finding" needs the failure's date. */
      g_autofree char *failed = xj_format_local_minute (previous->failed_at);
      g_autofree char *tag = g_strdup_printf (_("Repeat finding (failed %s)"), failed);

      gtk_label_set_text (self->repeat_tag, tag);
    }
  update_state (self);
}

void
xj_item_row_set_read_only (XjItemRow *self,
                           gboolean   read_only)
{
  g_return_if_fail (XJ_IS_ITEM_ROW (self));

  xj_item_control_set_editable (self->control, !read_only);
  gtk_editable_set_editable (GTK_EDITABLE (self->remark), !read_only);
  gtk_widget_set_visible (GTK_WIDGET (self->remarks_button), !read_only);
  gtk_widget_set_visible (GTK_WIDGET (self->attach_button), !read_only);
  /* A completed inspection shows the remarks given, no empty entries. */
  gtk_widget_set_visible (GTK_WIDGET (self->remark_box),
                          !read_only || *gtk_editable_get_text (GTK_EDITABLE (self->remark)) != '\0');
}

void
xj_item_row_set_current (XjItemRow *self,
                         gboolean   current)
{
  g_return_if_fail (XJ_IS_ITEM_ROW (self));

  if (current)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "current");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_SELECTED, TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "current");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_SELECTED, FALSE, -1);
    }
}

void
xj_item_row_set_error (XjItemRow  *self,
                       const char *message)
{
  g_return_if_fail (XJ_IS_ITEM_ROW (self));

  gtk_label_set_text (self->error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error), message != NULL);
}

/* The remark was not stored: keep the text and try again on the next pause. */
void
xj_item_row_remark_failed (XjItemRow  *self,
                           const char *message)
{
  g_return_if_fail (XJ_IS_ITEM_ROW (self));

  g_clear_pointer (&self->saved_remark, g_free);
  xj_item_row_set_error (self, message);
}

/* Answers as if the person had used the control (the runner's P / F / N). */
void
xj_item_row_choose (XjItemRow  *self,
                    const char *value)
{
  g_return_if_fail (XJ_IS_ITEM_ROW (self));

  xj_item_control_set_value (self->control, value);
  on_control_changed_cb (self, value);
}

gboolean
xj_item_row_focus_control (XjItemRow *self)
{
  g_return_val_if_fail (XJ_IS_ITEM_ROW (self), FALSE);

  return xj_item_control_focus (self->control);
}

void
xj_item_row_focus_remark (XjItemRow *self)
{
  g_return_if_fail (XJ_IS_ITEM_ROW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->remark));
}

/* Hands over anything still being typed (leaving the runner, closing). */
void
xj_item_row_flush (XjItemRow *self)
{
  g_return_if_fail (XJ_IS_ITEM_ROW (self));

  xj_item_control_flush (self->control);
  flush_remark (self);
}

gboolean
xj_item_row_toggle_stopwatch (XjItemRow *self)
{
  g_return_val_if_fail (XJ_IS_ITEM_ROW (self), FALSE);

  return xj_item_control_toggle_stopwatch (self->control);
}

gboolean
xj_item_row_get_timer_running (XjItemRow *self)
{
  g_return_val_if_fail (XJ_IS_ITEM_ROW (self), FALSE);

  return xj_item_control_get_timer_running (self->control);
}

gboolean
xj_item_row_is_repeat (XjItemRow *self)
{
  g_return_val_if_fail (XJ_IS_ITEM_ROW (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->repeat_tag));
}

XjPhotoStrip *
xj_item_row_get_photo_strip (XjItemRow *self)
{
  g_return_val_if_fail (XJ_IS_ITEM_ROW (self), NULL);

  return self->strip;
}
