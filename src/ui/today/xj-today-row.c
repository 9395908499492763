/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows of the Today page: an occurrence to start, a draft to resume, a
 * notice to follow up.  Each row's button (and the row itself) activates a
 * page or window action carrying what it needs, so rows hold no state.
 */
#define G_LOG_DOMAIN "xj-today-row"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-clock.h"
#include "xj-inspection.h"
#include "xj-today-row.h"

/* --- helpers -------------------------------------------------------------- */

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  return row;
}

/* A button at the end of the row doing the row's one thing; the row's
 * activation (Enter, a click) does the same.  No access key: the same
 * letter on every row would only cycle between them. */
static GtkWidget *
add_action_button (GtkWidget  *row,
                   const char *label,
                   const char *accessible,
                   const char *action,
                   GVariant   *target,
                   gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  if (target != NULL)
    g_variant_ref_sink (target);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, suggested ? "suggested-action" : "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  g_clear_pointer (&target, g_variant_unref);
  return button;
}

static GtkWidget *
new_tag (const char *text,
         const char *css_class)
{
  GtkWidget *tag = gtk_label_new (text);

  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (tag, "tag");
  gtk_widget_add_css_class (tag, css_class);
  return tag;
}

/* --- public API ----------------------------------------------------------- */

/* "missed 5 times since 6 October": how far behind a checklist is. */
static char *
describe_missed (const XjTodayItem *item)
{
  g_autoptr(GDateTime) since = g_date_time_new_from_unix_local (item->missed_since);
  /* TRANSLATORS: a day in a sentence, "6 October"; zh_CN "10 月 6 日" */
  g_autofree char *date = g_date_time_format (since, _("%B %-d"));

  /* TRANSLATORS: "missed 5 times since 6 October" */
  return g_strdup_printf (ngettext ("missed %u time since %s", "missed %u times since %s",
                                    item->n_missed),
                          item->n_missed, date);
}

/* "周检 · 周检" says the same twice: the kind only when the checklist's
 * name does not already say it. */
static char *
describe_job (const char *template_name,
              const char *kind)
{
  const char *label = xj_inspection_kind_get_label (kind);

  if (g_strcmp0 (label, template_name) == 0)
    return g_strdup (template_name);
  return g_strdup_printf ("%s · %s", template_name, label);
}

/* @refusal: (nullable): why the user's team role may not start it */
GtkWidget *
xj_today_row_new_occurrence (const XjTodayItem *item,
                             gint64             now,
                             const char        *refusal)
{
  const XjOccurrence *occurrence = &item->occurrence;
  g_autoptr(GDateTime) due = g_date_time_new_from_unix_local (occurrence->due);
  g_autofree char *when = NULL;
  g_autofree char *job = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *row;
  GtkWidget *start;

  if (occurrence->status == XJ_OCCURRENCE_OVERDUE && item->n_missed > 1)
    when = describe_missed (item);
  else if (occurrence->status == XJ_OCCURRENCE_OVERDUE)
    {
      g_autofree char *due_text = xj_format_local_minute (occurrence->due);
      g_autofree char *late = xj_format_countdown (occurrence->due, now);

      /* TRANSLATORS: "was due 2026-03-02 10:30, overdue by 2 days" */
      when = g_strdup_printf (_("was due %s, %s"), due_text, late);
    }
  else
    {
      g_autofree char *time = g_date_time_format (due, "%H:%M");
      g_autofree char *left = xj_format_countdown (occurrence->due, now);
      g_autofree char *missed = item->n_missed > 0 ? describe_missed (item) : NULL;

      /* TRANSLATORS: "due by 10:30, 3 hours left" */
      when = g_strdup_printf (_("due by %s, %s"), time, left);
      if (missed != NULL)
        {
          g_autofree char *due_only = g_steal_pointer (&when);

          /* TRANSLATORS: "due by 10:30, 3 hours left; missed 5 times since 6 October" */
          when = g_strdup_printf (_("%s; %s"), due_only, missed);
        }
    }
  job = describe_job (occurrence->template_name, occurrence->kind);
  subtitle = g_strdup_printf ("%s · %s", job, when);
  row = new_row (occurrence->site_name, subtitle);
  if (occurrence->status == XJ_OCCURRENCE_OVERDUE)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), new_tag (_("Overdue"), "overdue-tag"));
  accessible = g_strdup_printf (_("Start %s at %s"), occurrence->template_name,
                                occurrence->site_name);
  start = add_action_button (row, C_("today", "Start"), accessible, "today.start",
                             g_variant_new ("(xx)", occurrence->schedule_id, occurrence->at),
                             TRUE);
  gtk_widget_set_name (start, "start");
  gtk_widget_set_tooltip_text (start, refusal);
  return row;
}

/* A draft or a completed inspection: opened where it was left. */
static GtkWidget *
new_unfinished_row (const XjTodayDraft *draft,
                    gint64              now,
                    const char         *label,
                    const char         *accessible)
{
  g_autofree char *ago = xj_format_ago (draft->started_at, now);
  g_autofree char *started = g_strdup_printf (_("started %s"), ago);
  g_autofree char *job = describe_job (draft->template_name, draft->kind);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", job, started);
  GtkWidget *row = new_row (draft->site_name, subtitle);

  add_action_button (row, label, accessible, "today.resume",
                     g_variant_new_int64 (draft->inspection_id), FALSE);
  return row;
}

GtkWidget *
xj_today_row_new_draft (const XjTodayDraft *draft,
                        gint64              now)
{
  g_autofree char *accessible = g_strdup_printf (_("Resume %s at %s"), draft->template_name,
                                                 draft->site_name);

  return new_unfinished_row (draft, now, C_("today", "Resume"), accessible);
}

/* Failures that no notice takes up yet: opened on its summary, which
 * raises a notice from them. */
GtkWidget *
xj_today_row_new_to_notice (const XjTodayDraft *draft,
                            gint64              now)
{
  g_autofree char *ago = xj_format_ago (draft->started_at, now);
  g_autofree char *job = describe_job (draft->template_name, draft->kind);
  g_autofree char *failures = g_strdup_printf (ngettext ("%u failure without a notice",
                                                         "%u failures without a notice",
                                                         draft->n_failures),
                                               draft->n_failures);
  /* TRANSLATORS: "Weekly check · 2 failures without a notice · 3 days ago" */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s · %s"), job, failures, ago);
  g_autofree char *accessible = g_strdup_printf (_("Open %s at %s to raise notices"),
                                                 draft->template_name, draft->site_name);
  GtkWidget *row = new_row (draft->site_name, subtitle);

  add_action_button (row, C_("today", "Open"), accessible, "today.raise-notices",
                     g_variant_new_int64 (draft->inspection_id), FALSE);
  return row;
}

/* Completed, not signed: opened, its Sign button is the next step. */
GtkWidget *
xj_today_row_new_to_sign (const XjTodayDraft *draft,
                          gint64              now)
{
  g_autofree char *accessible = g_strdup_printf (_("Open %s at %s to sign it"),
                                                 draft->template_name, draft->site_name);

  return new_unfinished_row (draft, now, C_("today", "Open"), accessible);
}

GtkWidget *
xj_today_row_new_notice (XjNotice *notice,
                         gint64    now)
{
  g_autofree char *title = g_strdup_printf ("%s · %s", xj_notice_get_number (notice),
                                            xj_notice_get_site_name (notice));
  g_autofree char *countdown = xj_format_countdown (xj_notice_get_deadline (notice), now);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s",
                                               xj_notice_type_get_label (xj_notice_get_notice_type (notice)),
                                               xj_notice_state_get_label (xj_notice_get_state (notice)),
                                               countdown);
  g_autofree char *accessible = g_strdup_printf (_("Open notice %s"), xj_notice_get_number (notice));
  GtkWidget *row = new_row (title, subtitle);

  if (xj_notice_get_escalated (notice))
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), new_tag (_("Escalated"), "overdue-tag"));
  else if (xj_notice_is_overdue (notice, now))
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), new_tag (_("Overdue"), "overdue-tag"));
  add_action_button (row, C_("today", "Open"), accessible, "win.show-notice",
                     g_variant_new_int64 (xj_notice_get_id (notice)), FALSE);
  return row;
}

/* The end of a long list: the rest is in the Notices area. */
GtkWidget *
xj_today_row_new_more (guint n_more)
{
  g_autofree char *title = g_strdup_printf (ngettext ("%u more notice",
                                                      "%u more notices", n_more), n_more);
  GtkWidget *row = new_row (title, _("Open the Notices area to see them all"));

  add_action_button (row, C_("today", "Show All"), title, "win.show-notice", g_variant_new_int64 (0),
                     FALSE);
  return row;
}

/* The end of a long backlog: the rest is in the Schedules area's calendar. */
GtkWidget *
xj_today_row_new_more_occurrences (guint n_more)
{
  g_autofree char *title = g_strdup_printf (ngettext ("%u more inspection",
                                                      "%u more inspections", n_more), n_more);
  GtkWidget *row = new_row (title, _("See them all in the Schedules calendar"));

  add_action_button (row, C_("today", "Show All"), title, "today.show-schedules", NULL, FALSE);
  return row;
}
