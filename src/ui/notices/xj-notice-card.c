/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjNoticeCard: one notice on the board — number, type, site, severity,
 * the deadline as a countdown (red with how long when overdue), and the
 * escalated and repeat marks.  Activating it opens the notice.
 */
#define G_LOG_DOMAIN "xj-notice-card"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-notice-card.h"

struct _XjNoticeCard
{
  GtkListBoxRow  parent_instance;

  XjNotice      *notice;

  GtkLabel      *number;
  GtkLabel      *severity;
  GtkLabel      *type_site;
  GtkLabel      *summary;
  GtkLabel      *countdown;
  GtkWidget     *escalated;
  GtkWidget     *repeat;
  GtkWidget     *needs_decision;
};

G_DEFINE_FINAL_TYPE (XjNoticeCard, xj_notice_card, GTK_TYPE_LIST_BOX_ROW)

static const char *const severity_classes[XJ_NOTICE_N_SEVERITIES] = {
  "severity-low", "severity-normal", "severity-serious", "severity-safety",
};

/* The first line of what is to be done, or of what is wrong. */
static char *
dup_summary (XjNotice *notice)
{
  const char *text = xj_notice_get_required_action (notice);
  const char *newline;

  if (*text == '\0')
    text = xj_notice_get_description (notice);
  newline = strchr (text, '\n');
  return newline != NULL ? g_strndup (text, newline - text) : g_strdup (text);
}

/* A tag or the countdown, with the flow box's cell around it: a hidden
 * label in a shown cell would still take its room. */
static void
set_shown (GtkWidget *widget,
           gboolean   shown)
{
  GtkWidget *cell = gtk_widget_get_parent (widget);

  gtk_widget_set_visible (widget, shown);
  if (GTK_IS_FLOW_BOX_CHILD (cell))
    gtk_widget_set_visible (cell, shown);
}

static void
fill (XjNoticeCard *self,
      gint64        now)
{
  XjNotice *notice = self->notice;
  XjNoticeSeverity severity = xj_notice_get_severity (notice);
  g_autofree char *type_site = g_strdup_printf ("%s · %s",
                                                xj_notice_type_get_label (xj_notice_get_notice_type (notice)),
                                                xj_notice_get_site_name (notice));
  g_autofree char *summary = dup_summary (notice);
  g_autofree char *countdown = NULL;
  g_autofree char *accessible = NULL;

  gtk_label_set_text (self->number, xj_notice_get_number (notice));
  gtk_label_set_text (self->severity, xj_notice_severity_get_label (severity));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->severity), xj_notice_severity_get_label (severity));
  gtk_widget_add_css_class (GTK_WIDGET (self->severity), severity_classes[severity]);
  gtk_label_set_text (self->type_site, type_site);
  gtk_label_set_text (self->summary, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->summary), *summary != '\0');
  set_shown (self->escalated, xj_notice_get_escalated (notice));
  set_shown (self->repeat, xj_notice_get_repeat (notice));
  set_shown (self->needs_decision, xj_notice_get_needs_decision (notice));

  /* The countdown matters while the deadline runs; afterwards the state
   * column says enough. */
  if (xj_notice_get_deadline (notice) > 0 && (xj_notice_is_open (notice)
                                              || xj_notice_get_state (notice) == XJ_NOTICE_STATE_DRAFT))
    countdown = xj_format_countdown (xj_notice_get_deadline (notice), now);
  set_shown (GTK_WIDGET (self->countdown), countdown != NULL);
  if (countdown != NULL)
    {
      gtk_label_set_text (self->countdown, countdown);
    }
  if (xj_notice_is_overdue (notice, now))
    gtk_widget_add_css_class (GTK_WIDGET (self->countdown), "overdue");
  else if (xj_notice_is_due_soon (notice, now))
    gtk_widget_add_css_class (GTK_WIDGET (self->countdown), "due-soon");

  accessible = g_strdup_printf ("%s, %s, %s%s%s", xj_notice_get_number (notice), type_site,
                                xj_notice_severity_get_label (severity),
                                countdown != NULL ? ", " : "", countdown != NULL ? countdown : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

static void
xj_notice_card_dispose (GObject *object)
{
  XjNoticeCard *self = XJ_NOTICE_CARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_NOTICE_CARD);
  g_clear_object (&self->notice);

  G_OBJECT_CLASS (xj_notice_card_parent_class)->dispose (object);
}

static void
xj_notice_card_class_init (XjNoticeCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_notice_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-notice-card.ui");
  gtk_widget_class_bind_template_child (widget_class, XjNoticeCard, number);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeCard, severity);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeCard, type_site);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeCard, summary);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeCard, countdown);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeCard, escalated);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeCard, repeat);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeCard, needs_decision);
}

static void
xj_notice_card_init (XjNoticeCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
xj_notice_card_new (XjNotice *notice,
                    gint64    now)
{
  XjNoticeCard *self;

  g_return_val_if_fail (XJ_IS_NOTICE (notice), NULL);

  self = g_object_new (XJ_TYPE_NOTICE_CARD, NULL);
  self->notice = g_object_ref (notice);
  fill (self, now);
  return GTK_WIDGET (self);
}

XjNotice *
xj_notice_card_get_notice (XjNoticeCard *self)
{
  g_return_val_if_fail (XJ_IS_NOTICE_CARD (self), NULL);
  return self->notice;
}
