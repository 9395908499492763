/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjNoticeView: the notice page — every field, the findings with their
 * remarks, the photos, the signatures, the history of states and the
 * audit trail, and the buttons of the steps the notice's state allows
 * (the actions are in xj-notice-view-actions.c).  One notice is a handful
 * of rows: it is read on the main thread, again whenever notices change.
 */
#define G_LOG_DOMAIN "xj-notice-view"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-cancel.h"
#include "xj-clock.h"
#include "xj-finding.h"
#include "xj-label.h"
#include "xj-notice-history.h"
#include "xj-notice-lifecycle.h"
#include "xj-notice-store.h"
#include "xj-notice-view-private.h"
#include "xj-photo.h"
#include "xj-signature-pad.h"
#include "xj-signature.h"

G_DEFINE_FINAL_TYPE (XjNoticeView, xj_notice_view, ADW_TYPE_BIN)

/* --- helpers -------------------------------------------------------------- */

/* A field of the notice: its name small on the left, its value in body
 * text beside it (libadwaita 1.2 has no "property" row style, and a
 * subtitle is grey and small: hard to read for what matters). */
static GtkWidget *
add_row (XjNoticeView        *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_widget_set_valign (name, GTK_ALIGN_START);
  gtk_widget_set_size_request (name, 120, -1);
  gtk_widget_add_css_class (name, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  if (value != NULL && *value != '\0')
    {
      GtkWidget *label = xj_label_new_wrapped (value, NULL);

      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), label);
    }
  else
    gtk_widget_set_hexpand (name, TRUE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "box", box);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  return row;
}

static GtkWidget *
add_suffix_label (GtkWidget  *row,
                  const char *text,
                  const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (g_object_get_data (G_OBJECT (row), "box")), label);
  return label;
}

static void
clear_rows (XjNoticeView *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

/* "by · at", leaving out what is not known. */
static char *
by_at (const char *by,
       gint64      at)
{
  g_autofree char *when = xj_format_local_minute_or (at, "");

  if (by == NULL || *by == '\0')
    return g_steal_pointer (&when);
  if (*when == '\0')
    return g_strdup (by);
  return g_strdup_printf ("%s · %s", by, when);
}

/* --- sections ------------------------------------------------------------- */

static void
fill_status (XjNoticeView *self,
             XjNotice     *notice,
             gint64        now)
{
  gint64 deadline = xj_notice_get_deadline (notice);
  GtkWidget *row;

  row = add_row (self, self->status_group, _("State"),
                 xj_notice_state_get_label (xj_notice_get_state (notice)));
  if (xj_notice_get_needs_decision (notice))
    {
      row = add_row (self, self->status_group, _("Needs a decision"),
                     _("Two steps made offline on two laptops cannot both stand; the first "
                       "is in force until someone decides on the Conflicts page."));
      gtk_widget_add_css_class (row, "needs-decision-row");
    }
  if (deadline > 0)
    {
      g_autofree char *when = xj_format_local_minute_or (deadline, "");
      const char *css = xj_notice_is_overdue (notice, now) ? "overdue"
                        : xj_notice_is_due_soon (notice, now) ? "due-soon" : NULL;

      row = add_row (self, self->status_group, _("Deadline"), when);
      if (xj_notice_is_open (notice))
        {
          g_autofree char *countdown = xj_format_countdown (deadline, now);

          GtkWidget *label = add_suffix_label (row, countdown, "countdown");

          if (css != NULL)
            gtk_widget_add_css_class (label, css);
        }
    }
  if (xj_notice_get_escalated (notice))
    {
      g_autofree char *when = xj_format_local_minute_or (xj_notice_get_escalated_at (notice), "");
      g_autofree char *detail = g_strdup_printf (
        /* Translators: reason · when · to whom a notice was escalated */
        _("%s · %s · to %s"),
        xj_notice_escalation_reason_get_label (xj_notice_get_escalation_reason (notice)), when,
        *xj_notice_get_project_manager (notice) != '\0' ? xj_notice_get_project_manager (notice)
                                                        : _("the project manager"));

      row = add_row (self, self->status_group, _("Escalated"), detail);
      gtk_widget_add_css_class (row, "escalated-row");
    }
  if (xj_notice_get_repeat (notice))
    add_row (self, self->status_group, _("Repeat finding"),
             _("The same item failed at this site before."));
}

static void
fill_details (XjNoticeView *self,
              XjNotice     *notice,
              GPtrArray    *findings)
{
  AdwPreferencesGroup *group = self->details_group;
  g_autofree char *addressed = NULL;
  const char *company = xj_notice_get_addressed_company (notice);
  const char *person = xj_notice_get_addressed_person (notice);
  /* Each step once done: when, by whom where the notice keeps it, and for
   * the rectification what was done. */
  const struct {
    const char *label;
    gint64      at;
    const char *by;
    const char *remark_label;
    const char *remark;
  } steps[] = {
    { _("Issued"), xj_notice_get_issued_at (notice), xj_notice_get_issued_by (notice), NULL, NULL },
    { _("Acknowledged"), xj_notice_get_acknowledged_at (notice),
      xj_notice_get_acknowledged_by (notice), NULL, NULL },
    { _("Rectified"), xj_notice_get_rectified_at (notice), NULL,
      _("What was done"), xj_notice_get_rectification_remark (notice) },
    { _("Verified"), xj_notice_get_verified_at (notice), xj_notice_get_verified_by (notice),
      NULL, NULL },
    { _("Closed out"), xj_notice_get_closed_at (notice), NULL, NULL, NULL },
  };

  add_row (self, group, _("Type"), xj_notice_type_get_label (xj_notice_get_notice_type (notice)));
  add_row (self, group, _("Site"), xj_notice_get_site_name (notice));
  if (*xj_notice_get_area (notice) != '\0')
    add_row (self, group, _("Area"), xj_notice_get_area (notice));
  add_row (self, group, _("Severity"), xj_notice_severity_get_label (xj_notice_get_severity (notice)));
  add_row (self, group, _("Responsible party"),
           xj_responsible_party_get_label (xj_notice_get_responsible_party (notice)));
  addressed = *company != '\0' && *person != '\0' ? g_strdup_printf ("%s · %s", company, person)
                                                  : g_strdup (*company != '\0' ? company : person);
  if (*addressed != '\0')
    add_row (self, group, _("Addressed to"), addressed);
  if (*xj_notice_get_required_action (notice) != '\0')
    add_row (self, group, _("Required action"), xj_notice_get_required_action (notice));
  /* A description left as the findings made it (in any language) would
   * only repeat them. */
  if (*xj_notice_get_description (notice) != '\0'
      && (findings == NULL
          || !xj_findings_describe_matches (findings, xj_notice_get_description (notice))))
    add_row (self, group, _("Description"), xj_notice_get_description (notice));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *text = NULL;

      if (steps[i].at <= 0)
        continue;
      text = by_at (steps[i].by, steps[i].at);
      add_row (self, group, steps[i].label, text);
      if (steps[i].remark_label != NULL)
        add_row (self, group, steps[i].remark_label, steps[i].remark);
    }
}

/* Numbered 1…n, as the printed notice numbers them. */
static void
fill_findings (XjNoticeView *self,
               GPtrArray    *findings,
               const GError *error)
{
  gtk_widget_set_visible (GTK_WIDGET (self->findings_group),
                          findings == NULL || findings->len > 0);
  if (findings == NULL)
    {
      add_row (self, self->findings_group, error->message, NULL);
      return;
    }
  for (guint i = 0; i < findings->len; i++)
    {
      XjFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *text = *finding->remark != '\0'
                              ? g_strdup_printf ("%s\n%s", finding->prompt, finding->remark)
                              : g_strdup (finding->prompt);
      GtkWidget *row = add_row (self, self->findings_group, number, text);

      if (finding->photos->len > 0)
        {
          g_autofree char *photos = g_strdup_printf (g_dngettext (NULL, "%u photo", "%u photos",
                                                                  finding->photos->len),
                                                     finding->photos->len);
          add_suffix_label (row, photos, "dim-label");
        }
      if (finding->previous_answer_id > 0)
        add_suffix_label (row, C_("finding", "Repeat"), "tag");
    }
}

static void
add_photo_row (XjNoticeView *self,
               const char   *title,
               const char   *phase,
               GPtrArray    *photos)
{
  const char *data_dir = xj_store_get_data_dir (xj_application_get_store (self->application));
  g_autofree char *count = g_strdup_printf (g_dngettext (NULL, "%u photo", "%u photos",
                                                         photos->len), photos->len);
  g_autofree char *open_label = g_strdup_printf (_("Open the Photos: %s"), title);
  GtkWidget *row = add_row (self, self->photos_group, title, NULL);
  GtkWidget *strip, *button;

  if (photos->len == 0)
    {
      add_suffix_label (row, count, "dim-label");
      return;
    }
  /* The evidence itself, small: the thumbnails made at import; a click
   * opens them in the photo viewer. */
  strip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  for (guint i = 0; i < photos->len && i < 6; i++)
    {
      g_autofree char *path = xj_photo_dup_thumbnail_path (data_dir,
                                                           g_ptr_array_index (photos, i));
      GtkWidget *picture = gtk_picture_new_for_filename (path);

      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_widget_set_size_request (picture, 72, 54);
      gtk_box_append (GTK_BOX (strip), picture);
    }
  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), strip);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, open_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  open_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "notice.open-photos");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", phase);
  gtk_box_append (GTK_BOX (g_object_get_data (G_OBJECT (row), "box")), button);
  add_suffix_label (row, count, "dim-label");
}

static void
fill_photos (XjNoticeView *self,
             XjNotice     *notice)
{
  add_photo_row (self, _("Before"), "before", xj_notice_get_before_photos (notice));
  add_photo_row (self, _("After"), "after", xj_notice_get_after_photos (notice));
}

static void
fill_signatures (XjNoticeView *self)
{
  g_autoptr(GPtrArray) signatures = NULL;
  g_autoptr(GError) error = NULL;

  signatures = xj_store_list_notice_signatures (xj_application_get_store (self->application),
                                                xj_notice_get_id (self->notice), &error);
  gtk_widget_set_visible (GTK_WIDGET (self->signatures_group),
                          signatures == NULL || signatures->len > 0);
  if (signatures == NULL)
    {
      add_row (self, self->signatures_group, error->message, NULL);
      return;
    }
  for (guint i = 0; i < signatures->len; i++)
    {
      XjSignature *signature = g_ptr_array_index (signatures, i);
      g_autofree char *who = *signature->company != '\0'
        ? g_strdup_printf ("%s · %s", signature->name, signature->company)
        : g_strdup (signature->name);
      g_autofree char *when = xj_format_local_minute_or (signature->signed_at, "");
      g_autoptr(GtkWidget) pad = g_object_ref_sink (xj_signature_pad_new ());

      add_row (self, self->signatures_group, who, when);
      /* Drawn as signed, but not to be drawn on. */
      if (xj_signature_pad_set_strokes_json (XJ_SIGNATURE_PAD (pad), signature->strokes, NULL))
        {
          gtk_widget_set_can_target (pad, FALSE);
          gtk_widget_set_halign (pad, GTK_ALIGN_START);
          adw_preferences_group_add (self->signatures_group, pad);
          g_ptr_array_add (self->rows, pad);
        }
    }
}

/* Who did what when, in one list: the changes of state with their words,
 * and from the audit trail what is not a change of state (edits of the
 * draft, an escalation).  The trail's own entries for the steps would
 * only repeat the states. */
static void
fill_history (XjNoticeView *self)
{
  XjStore *store = xj_application_get_store (self->application);
  gint64 id = xj_notice_get_id (self->notice);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  guint e = 0, a = 0;

  if ((events = xj_store_list_notice_events (store, id, &error)) == NULL
      || (audit = xj_store_list_audit (store, "notice", id, &error)) == NULL)
    {
      add_row (self, self->history_group, error->message, NULL);
      return;
    }
  while (e < events->len || a < audit->len)
    {
      XjNoticeEvent *event = e < events->len ? g_ptr_array_index (events, e) : NULL;
      XjAuditEntry *entry = a < audit->len ? g_ptr_array_index (audit, a) : NULL;
      g_autofree char *title = NULL;
      g_autofree char *text = NULL;

      if (entry != NULL && (event == NULL || entry->at < event->at))
        {
          a++;
          if (!_xj_notice_view_audit_in_history (entry->action))
            continue;
          title = g_strdup (_xj_notice_view_audit_label (entry->action));
          text = by_at (entry->actor, entry->at);
          if (_xj_notice_view_audit_has_own_words (entry->action))
            {
              g_autofree char *with_detail = g_strdup_printf ("%s\n%s", text, entry->detail);
              g_free (text);
              text = g_steal_pointer (&with_detail);
            }
        }
      else
        {
          e++;
          title = event->from_state < 0
            ? g_strdup (_("Created as a draft"))
            : g_strdup_printf ("%s → %s", xj_notice_state_get_label (event->from_state),
                               xj_notice_state_get_label (event->to_state));
          text = by_at (event->actor, event->at);
          if (*event->remark != '\0')
            {
              g_autofree char *with_remark = g_strdup_printf ("%s\n%s", text, event->remark);
              g_free (text);
              text = g_steal_pointer (&with_remark);
            }
        }
      add_row (self, self->history_group, title, text);
    }
}

/* --- GObject -------------------------------------------------------------- */

static void reload_notice (XjNoticeView *self);

static void
on_store_changed_cb (XjNoticeView *self)
{
  if (self->notice_id > 0)
    reload_notice (self);
}

static void
xj_notice_view_dispose (GObject *object)
{
  XjNoticeView *self = XJ_NOTICE_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_NOTICE_VIEW);
  xj_cancel_clear (&self->document_cancellable);
  g_clear_object (&self->notice);
  g_clear_object (&self->application);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (xj_notice_view_parent_class)->dispose (object);
}

static void
xj_notice_view_class_init (XjNoticeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_notice_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-notice-view.ui");
  gtk_widget_class_bind_template_child (widget_class, XjNoticeView, title);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeView, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeView, error_label);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeView, actions_box);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeView, status_group);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeView, details_group);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeView, findings_group);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeView, photos_group);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeView, signatures_group);
  gtk_widget_class_bind_template_child (widget_class, XjNoticeView, history_group);

  _xj_notice_view_class_init_actions (widget_class);
  _xj_notice_view_class_init_document (widget_class);
}

static void
xj_notice_view_init (XjNoticeView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  _xj_notice_view_init_actions (self);
  _xj_notice_view_actions_update (self);
}

/* --- private API ---------------------------------------------------------- */

static void
reload_notice (XjNoticeView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjNotice) notice = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  gint64 now = xj_clock_now ();
  GArray *ids;

  notice = xj_store_get_notice (xj_application_get_store (self->application), self->notice_id,
                                &error);
  clear_rows (self);
  g_clear_object (&self->notice);
  if (notice == NULL)
    {
      /* Discarded (or never there): nothing to act on any more. */
      adw_window_title_set_title (self->title, "");
      adw_window_title_set_subtitle (self->title, "");
      xj_notice_view_show_error (self, error->message);
      _xj_notice_view_actions_update (self);
      return;
    }
  self->notice = g_steal_pointer (&notice);
  adw_window_title_set_title (self->title, xj_notice_get_number (self->notice));
  adw_window_title_set_subtitle (self->title,
                                 xj_notice_type_get_label (xj_notice_get_notice_type (self->notice)));
  fill_status (self, self->notice, now);
  ids = xj_notice_get_findings (self->notice);
  if (ids->len > 0)
    findings = xj_store_load_findings (xj_application_get_store (self->application),
                                       (const gint64 *) ids->data, ids->len,
                                       XJ_REPEAT_WINDOW_DAYS_DEFAULT, &error);
  else
    findings = g_ptr_array_new ();
  fill_details (self, self->notice, findings);
  fill_findings (self, findings, error);
  fill_photos (self, self->notice);
  fill_signatures (self);
  fill_history (self);
  _xj_notice_view_actions_update (self);
}

/* --- public API ----------------------------------------------------------- */

GtkWidget *
xj_notice_view_new (XjApplication *application)
{
  XjNoticeView *self = g_object_new (XJ_TYPE_NOTICE_VIEW, NULL);

  self->application = g_object_ref (application);
  g_signal_connect_object (xj_application_get_store (application), "changed::notices",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  /* Joining a team may change which steps the user's role may take. */
  g_signal_connect_object (xj_application_get_store (application), "changed::team_settings",
                           G_CALLBACK (_xj_notice_view_actions_update), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

void
xj_notice_view_set_notice_id (XjNoticeView *self,
                              gint64        notice_id)
{
  g_return_if_fail (XJ_IS_NOTICE_VIEW (self));

  self->notice_id = notice_id;
  xj_notice_view_show_error (self, NULL);
  reload_notice (self);
}

XjNotice *
xj_notice_view_get_notice (XjNoticeView *self)
{
  g_return_val_if_fail (XJ_IS_NOTICE_VIEW (self), NULL);
  return self->notice;
}

/* The place the user looks when a step on this page fails. */
void
xj_notice_view_show_error (XjNoticeView *self,
                           const char   *message)
{
  g_return_if_fail (XJ_IS_NOTICE_VIEW (self));

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}
