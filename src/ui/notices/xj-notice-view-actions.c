/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The steps offered on the notice page.  Only what the notice's state
 * allows is shown (xj_notice_action_allowed(), the core's own table); the
 * core checks again and its refusal is shown on the page.  Issuing and
 * closing need no words and run at once; the other steps ask in an
 * XjNoticeStepDialog.
 */
#define G_LOG_DOMAIN "xj-notice-view"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-label.h"
#include "xj-notice-lifecycle.h"
#include "xj-notice-step-dialog.h"
#include "xj-notice-view-private.h"
#include "xj-photo-viewer.h"
#include "xj-team-role.h"
#include "xj-window-actions.h"

typedef enum {
  DIRECT_ISSUE,
  DIRECT_CLOSE,
} DirectStep;

static const struct {
  const char *action;       /* notice.<action> */
  int         lifecycle;    /* an XjNoticeAction, or -1 */
  const char *label;        /* when not the lifecycle's own label */
  const char *style;
} buttons[] = {
  { "issue", XJ_NOTICE_ACTION_ISSUE, NULL, "suggested-action" },
  { "acknowledge", XJ_NOTICE_ACTION_ACKNOWLEDGE, NULL, "suggested-action" },
  { "rectify", XJ_NOTICE_ACTION_RECTIFY, NULL, "suggested-action" },
  { "accept", XJ_NOTICE_ACTION_ACCEPT, NULL, "suggested-action" },
  { "reject", XJ_NOTICE_ACTION_REJECT, NULL, NULL },
  { "close", XJ_NOTICE_ACTION_CLOSE, NULL, "suggested-action" },
  { "escalate", -1, N_("Escalate…"), NULL },
  { "discard", -1, N_("Discard Draft…"), "destructive-action" },
};

static const struct {
  const char *action;
  const char *label;
} audit_labels[] = {
  { "create", N_("Created") },
  { "edit", N_("Draft edited") },
  { "escalate", N_("Escalated") },
  { "discard", N_("Draft discarded") },
};

const char *
_xj_notice_view_audit_label (const char *action)
{
  for (XjNoticeAction a = 0; a < XJ_NOTICE_N_ACTIONS; a++)
    if (g_strcmp0 (xj_notice_action_to_string (a), action) == 0)
      return xj_notice_action_get_label (a);
  for (guint i = 0; i < G_N_ELEMENTS (audit_labels); i++)
    if (g_strcmp0 (audit_labels[i].action, action) == 0)
      return _(audit_labels[i].label);
  return action;
}

/* Creating, editing and discarding write the number and the user's own
 * reason: fit to show as they are. */
gboolean
_xj_notice_view_audit_has_own_words (const char *action)
{
  return g_strcmp0 (action, "create") == 0 || g_strcmp0 (action, "edit") == 0
         || g_strcmp0 (action, "discard") == 0;
}

/* The steps are in the history already; creating too ("Created as a
 * draft").  Edits, escalations and what else the trail keeps are not. */
gboolean
_xj_notice_view_audit_in_history (const char *action)
{
  if (g_strcmp0 (action, "create") == 0)
    return FALSE;
  for (XjNoticeAction a = 0; a < XJ_NOTICE_N_ACTIONS; a++)
    if (g_strcmp0 (xj_notice_action_to_string (a), action) == 0)
      return FALSE;
  return TRUE;
}

static void
open_photos_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  XjNoticeView *self = XJ_NOTICE_VIEW (widget);
  gboolean after = g_strcmp0 (g_variant_get_string (parameter, NULL), "after") == 0;
  g_autofree char *title = NULL;
  XjPhotoViewer *viewer;

  if (self->notice == NULL)
    return;
  title = g_strdup_printf ("%s · %s", xj_notice_get_number (self->notice),
                           after ? _("After") : _("Before"));
  viewer = xj_photo_viewer_new_for_notice (xj_application_get_store (self->application),
                                           xj_notice_get_id (self->notice),
                                           after ? XJ_NOTICE_PHOTO_AFTER : XJ_NOTICE_PHOTO_BEFORE,
                                           title, 0);
  xj_window_present_over (GTK_WINDOW (viewer), GTK_WIDGET (self));
}

static void
open_step (XjNoticeView *self,
           XjNoticeStep  step)
{
  GtkWidget *dialog;

  if (self->notice == NULL)
    return;
  dialog = xj_notice_step_dialog_new (self->application, self->notice, step);
  xj_window_present_over (GTK_WINDOW (dialog), GTK_WIDGET (self));
}

static void
run_direct (XjNoticeView *self,
            DirectStep    step)
{
  XjStore *store = xj_application_get_store (self->application);
  g_autofree char *actor = xj_application_dup_actor (self->application);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->notice == NULL)
    return;
  xj_notice_view_show_error (self, NULL);
  ok = xj_store_take_notice_step (store, xj_notice_get_id (self->notice),
                                  step == DIRECT_ISSUE ? XJ_NOTICE_ACTION_ISSUE
                                                       : XJ_NOTICE_ACTION_CLOSE,
                                  &(XjNoticeStepOptions) { .by = actor }, &error);
  if (!ok)
    xj_notice_view_show_error (self, error->message);
}

static void
step_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  XjNoticeView *self = XJ_NOTICE_VIEW (widget);
  const char *name = action_name + strlen ("notice.");
  static const struct {
    const char   *action;
    XjNoticeStep  step;
  } steps[] = {
    { "acknowledge", XJ_NOTICE_STEP_ACKNOWLEDGE },
    { "rectify", XJ_NOTICE_STEP_RECTIFY },
    { "accept", XJ_NOTICE_STEP_ACCEPT },
    { "reject", XJ_NOTICE_STEP_REJECT },
    { "escalate", XJ_NOTICE_STEP_ESCALATE },
    { "discard", XJ_NOTICE_STEP_DISCARD },
  };

  if (g_str_equal (name, "issue"))
    run_direct (self, DIRECT_ISSUE);
  else if (g_str_equal (name, "close"))
    run_direct (self, DIRECT_CLOSE);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_str_equal (name, steps[i].action))
      open_step (self, steps[i].step);
}

void
_xj_notice_view_class_init_actions (GtkWidgetClass *widget_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      g_autofree char *name = g_strconcat ("notice.", buttons[i].action, NULL);

      gtk_widget_class_install_action (widget_class, name, NULL, step_activated);
    }
  gtk_widget_class_install_action (widget_class, "notice.open-photos", "s",
                                   open_photos_activated);
}

void
_xj_notice_view_init_actions (XjNoticeView *self)
{
  GtkWidget *why;

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      g_autofree char *name = g_strconcat ("notice.", buttons[i].action, NULL);
      const char *label = buttons[i].lifecycle >= 0
        ? xj_notice_action_get_label (buttons[i].lifecycle) : _(buttons[i].label);
      /* Steps that ask for more say so with an ellipsis. */
      gboolean asks = buttons[i].lifecycle != XJ_NOTICE_ACTION_ISSUE
                      && buttons[i].lifecycle != XJ_NOTICE_ACTION_CLOSE
                      && buttons[i].lifecycle >= 0;
      g_autofree char *text = asks ? g_strconcat (label, "…", NULL) : g_strdup (label);
      GtkWidget *button = gtk_button_new_with_label (text);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), name);
      if (buttons[i].style != NULL)
        gtk_widget_add_css_class (button, buttons[i].style);
      gtk_widget_set_name (button, buttons[i].action);
      gtk_box_append (self->actions_box, button);
    }
  /* After the buttons: why they are off, when the team role says so. */
  why = xj_label_new_wrapped (NULL, "dim-label");
  gtk_widget_set_name (why, "role_refusal");
  gtk_widget_set_visible (why, FALSE);
  gtk_box_append (self->actions_box, why);
}

/* The one place that decides which steps are offered: what the notice's
 * state allows; in a team whose rules refuse the user's role notice steps,
 * offered but off, with the reason beside them. */
void
_xj_notice_view_actions_update (XjNoticeView *self)
{
  XjNoticeState state = self->notice != NULL ? xj_notice_get_state (self->notice) : 0;
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self->actions_box));
  g_autofree char *refusal = self->application != NULL
    ? xj_team_role_refusal_here (self->application, XJ_TEAM_ACT_WRITE_NOTICE) : NULL;
  gboolean any = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++, button = gtk_widget_get_next_sibling (button))
    {
      g_autofree char *name = g_strconcat ("notice.", buttons[i].action, NULL);
      gboolean allowed = FALSE;

      if (self->notice == NULL)
        allowed = FALSE;
      else if (buttons[i].lifecycle >= 0)
        /* No step on a notice whose two team steps wait for a decision:
         * the next step follows whichever one is kept. */
        allowed = xj_notice_action_allowed (state, buttons[i].lifecycle, NULL)
                  && !xj_notice_get_needs_decision (self->notice);
      else if (g_str_equal (buttons[i].action, "escalate"))
        allowed = xj_notice_is_open (self->notice) && !xj_notice_get_escalated (self->notice);
      else
        allowed = state == XJ_NOTICE_STATE_DRAFT;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), name, allowed && refusal == NULL);
      gtk_widget_set_visible (button, allowed);
      gtk_widget_set_tooltip_text (button, refusal);
      any |= allowed;
    }
  /* The label after the buttons. */
  gtk_label_set_text (GTK_LABEL (button), refusal != NULL ? refusal : "");
  gtk_widget_set_visible (button, refusal != NULL && any);
}
