/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starting the inspection of a schedule's occurrence, from Today or the
 * calendar: site, checklist and kind come from the schedule and the new
 * inspection is linked to the occurrence.
 */
#define G_LOG_DOMAIN "xj-occurrence-start"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-inspection.h"
#include "xj-new-inspection-dialog.h"
#include "xj-occurrence-start.h"
#include "xj-team-role.h"
#include "xj-window-actions.h"

static void
open_dialog (XjApplication      *application,
             XjWindow           *window,
             const XjOccurrence *occurrence)
{
  XjNewInspectionDialog *dialog = xj_new_inspection_dialog_new (application);

  xj_new_inspection_dialog_prefill (dialog, occurrence->site_id, occurrence->template_id,
                                    occurrence->kind, occurrence->schedule_id, occurrence->at);
  xj_window_present_over (GTK_WINDOW (dialog), GTK_WIDGET (window));
}

/**
 * xj_occurrence_start:
 *
 * One click: a weekly or monthly check needs the accompanying
 * representative, so it opens the New Inspection dialog filled in for the
 * person to add them; other kinds start at once with the inspector from the
 * preferences (or the dialog too, when no name is set there) and open the
 * runner.
 */
void
xj_occurrence_start (XjApplication      *application,
                     XjWindow           *window,
                     const XjOccurrence *occurrence)
{
  g_autofree char *inspector = g_settings_get_string (xj_application_get_settings (application),
                                                      "inspector-name");
  XjInspectionStart start = {
    .site_id = occurrence->site_id,
    .template_id = occurrence->template_id,
    .kind = occurrence->kind,
    .inspector = inspector,
    .schedule_id = occurrence->schedule_id,
    .occurrence_at = occurrence->at,
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *refusal = NULL;
  gint64 id;

  g_return_if_fail (XJ_IS_WINDOW (window));

  /* In a team, only inspectors start inspections: the server would refuse
   * this one at the next sync. */
  refusal = xj_team_role_refusal_here (application, XJ_TEAM_ACT_START_INSPECTION);
  if (refusal != NULL)
    {
      xj_toast (GTK_WIDGET (window), refusal);
      return;
    }

  if (xj_inspection_kind_needs_representative (occurrence->kind) || *g_strstrip (inspector) == '\0')
    {
      open_dialog (application, window, occurrence);
      return;
    }
  id = xj_store_start_inspection (xj_application_get_store (application), &start, &error);
  if (id == 0)
    {
      xj_toast (GTK_WIDGET (window), error->message);
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-inspection", "x", id);
}
