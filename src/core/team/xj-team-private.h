/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libpq-fe.h>

#include "xj-store.h"
#include "xj-team-connection.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

/* What a person calls the record c.record of table c.table_name: the
 * site's name, the checklist's name, the notice's number, an inspection's
 * site and day. */
#define XJ_TEAM_RECORD_LABEL \
  "CASE c.table_name" \
  "  WHEN 'sites' THEN (SELECT name FROM sites WHERE uuid = c.record)" \
  "  WHEN 'templates' THEN (SELECT v.name FROM templates t JOIN template_versions v" \
  "    ON v.template_id = t.id WHERE t.uuid = c.record ORDER BY v.version DESC LIMIT 1)" \
  "  WHEN 'template_versions' THEN (SELECT name FROM template_versions WHERE uuid = c.record)" \
  "  WHEN 'schedules' THEN (SELECT s.name FROM schedules h JOIN sites s ON s.id = h.site_id" \
  "    WHERE h.uuid = c.record)" \
  "  WHEN 'notices' THEN (SELECT number FROM notices WHERE uuid = c.record)" \
  "  WHEN 'notice_events' THEN (SELECT n.number FROM notice_events e" \
  "    JOIN notices n ON n.id = e.notice_id WHERE e.uuid = c.record)" \
  "  WHEN 'inspections' THEN (SELECT s.name || ' · '" \
  "    || strftime('%Y-%m-%d', i.started_at, 'unixepoch', 'localtime')" \
  "    FROM inspections i JOIN sites s ON s.id = i.site_id WHERE i.uuid = c.record)" \
  "  WHEN 'reports' THEN (SELECT number FROM reports WHERE uuid = c.record)" \
  "  ELSE c.record END"

PGconn   *_xj_team_connection_get_conn (XjTeamConnection  *connection);
PGresult *_xj_team_exec                (XjTeamConnection  *connection,
                                        const char        *sql,
                                        int                n_params,
                                        const char *const *params,
                                        GError           **error);
PGresult *_xj_team_exec_binary         (XjTeamConnection  *connection,
                                        const char        *sql,
                                        int                n_params,
                                        const char *const *params,
                                        const int         *lengths,
                                        const int         *formats,
                                        GError           **error);
gboolean  _xj_team_run                 (XjTeamConnection  *connection,
                                        const char        *sql,
                                        GError           **error);
void      _xj_team_rollback            (XjTeamConnection  *connection);
void      _xj_team_set_result_error    (XjTeamConnection  *connection,
                                        const PGresult    *result,
                                        GError           **error);
gboolean  _xj_team_prepare             (XjTeamConnection  *connection,
                                        const char        *name,
                                        const char        *sql,
                                        GError           **error);
char     *_xj_team_read_role           (XjTeamConnection  *connection,
                                        GError           **error);

const char *const *_xj_team_schema_get_tables (void);
/* Team schema step 5 (xj-team-server-step5.c). */
extern const char _xj_team_server_step_5[];
gboolean  _xj_team_set_setting          (XjStore           *store,
                                         const char        *key,
                                         const char        *value,
                                         GError           **error);
gboolean  _xj_team_check_server_version (XjTeamConnection  *connection,
                                         GError           **error);

/* Team schema step 4 (xj-team-server-step4.c). */
extern const char _xj_team_server_step_4[];
/* Team schema step 6 (xj-team-server-step6.c). */
extern const char _xj_team_server_step_6[];
/* Team schema step 7 (xj-team-server-step7.c): additions to a signed
 * inspection checked once per statement. */
extern const char _xj_team_server_step_7[];

G_END_DECLS
