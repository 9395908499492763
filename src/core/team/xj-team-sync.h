/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "xj-store.h"
#include "xj-team-connection.h"

G_BEGIN_DECLS

/* What one sync moved.  Errors are in XJ_TEAM_ERROR (xj-team-connection.h):
 * XJ_TEAM_ERROR_CONNECT (offline, unreachable, connection lost),
 * XJ_TEAM_ERROR_AUTH / _NEEDS_PASSWORD, XJ_TEAM_ERROR_TOO_NEW /
 * _NOT_READY (schema newer / older than this program), XJ_TEAM_ERROR_DENIED
 * (refused by the server's rules; the message is the server's),
 * XJ_TEAM_ERROR_INTEGRITY (the same record with other content),
 * XJ_TEAM_ERROR_NOT_JOINED; G_IO_ERROR_CANCELLED between batches.  A
 * record the server refuses while pushing (DENIED, INTEGRITY) does not
 * fail the sync: it is set aside (xj-team-set-aside.h) and the rest goes. */
typedef struct
{
  gint64 pushed;            /* records sent */
  gint64 pulled;            /* records received and applied */
  gint64 photos_sent;
  gint64 photos_received;
  gint64 bytes_sent;        /* photo and report bytes */
  gint64 bytes_received;
  gint64 conflicts_found;   /* new conflicts recorded by this sync */
  gint64 set_aside;         /* records the server refused, set aside by this sync */
  gint64 elapsed_us;
} XjTeamSyncResult;

/* Push the outbox, then pull what others wrote, in bounded batches (each
 * one server transaction and one local transaction; an interrupted sync is
 * repaired by the next one).  Blocking: run it in a worker thread (a GTask)
 * with an XjStore of that thread's own and a connection opened there.
 * @result may be NULL. */
gboolean xj_team_sync (XjStore            *store,
                       XjTeamConnection   *connection,
                       GCancellable       *cancellable,
                       XjTeamSyncResult   *result,
                       GError            **error);

/* When the last sync with nothing to do ran (it wrote nothing to the
 * database), or 0; xj_team_get_membership() gives the later of this and
 * the database's last sync. */
gint64   xj_team_read_sync_stamp (XjStore           *store,
                                  gint64             joined_at);

/* A photo's original: pulls bring renditions and thumbnails only
 * (xj-team-sync-original.c). */
gboolean xj_team_has_original   (XjStore            *store,
                                 const char         *sha256);
char    *xj_team_fetch_original (XjStore            *store,
                                 XjTeamConnection   *connection,
                                 const char         *sha256,
                                 GError            **error);

/* How much of an original has come, called in the fetching thread after
 * each piece (@total: the original's size in bytes). */
typedef void (*XjTeamFetchProgress) (gint64    received,
                                     gint64    total,
                                     gpointer  user_data);

char    *xj_team_fetch_original_full (XjStore              *store,
                                      XjTeamConnection     *connection,
                                      const char           *sha256,
                                      GCancellable         *cancellable,
                                      XjTeamFetchProgress   progress,
                                      gpointer              user_data,
                                      GError              **error);

G_END_DECLS
