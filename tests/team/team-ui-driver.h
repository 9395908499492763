/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the steps of team-ui-driver (team-ui-driver.c, team-ui-roles.c):
 * one application on a data folder the script prepared, and the helpers
 * that drive it.
 */
#pragma once

#include "xj-sync-monitor.h"
#include "xj-team-laptop.h"
#include "xj-team-page.h"
#include "xj-test-app.h"

G_BEGIN_DECLS

#define NETWORK_WAIT_MS 60000

typedef struct
{
  XJ_TEST_APP_FIELDS
} Fixture;

const char       *env                   (const char    *name);
void              fixture_set_up        (Fixture       *f,
                                         gconstpointer  data);
void              fixture_tear_down     (Fixture       *f,
                                         gconstpointer  data);
XjTeamPage       *open_team_page        (Fixture       *f);
void              type_into             (XjTeamPage    *page,
                                         const char    *row_id,
                                         const char    *text);
XjTeamMembership *membership            (Fixture       *f);
gboolean          joined                (Fixture       *f);
XjSyncMonitor    *monitor               (Fixture       *f);
guint             changes_waiting       (Fixture       *f);
XjSyncState       sync_now              (Fixture       *f);
const char       *status_text           (Fixture       *f);
const char       *status_icon           (Fixture       *f,
                                         const char   **label);
guint             count_visible_windows (void);
void              shoot                 (Fixture       *f,
                                         const char    *name);

GtkWidget        *open_status_details   (Fixture       *f);
void              shoot_status_details  (Fixture       *f,
                                         const char    *name);

typedef void (*XjTeamStep) (Fixture *f, gconstpointer data);
void              add_step              (const char    *name,
                                         XjTeamStep     step);
void              team_ui_add_role_tests (void);

G_END_DECLS
