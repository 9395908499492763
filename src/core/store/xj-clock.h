/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The one clock of the program.  Tests fix it; nothing else reads time. */
gint64     xj_clock_now          (void);
GDateTime *xj_clock_now_local    (void);
void       xj_clock_set_fixed    (gint64 unix_seconds);
void       xj_clock_unset_fixed  (void);
gboolean   xj_clock_get_fixed    (gint64 *unix_seconds);
/* The local time zone's name ("Asia/Shanghai"): what stored local-time
 * figures were computed in. */
char      *xj_clock_dup_zone_name (void);

/* The one date formatter: local time, ISO 8601 with offset. */
char      *xj_format_iso8601     (gint64 unix_seconds);

/* What people type and read in forms: local "YYYY-MM-DD HH:MM". */
char      *xj_format_local_minute (gint64       unix_seconds);
char      *xj_format_local_minute_or (gint64     unix_seconds,
                                      const char *unset);
gboolean   xj_parse_local_minute  (const char  *text,
                                   gint64      *unix_seconds);
/* "YYYY-MM-DD", local; and back to its local midnight, @days later. */
char      *xj_format_local_day    (gint64       unix_seconds);
gboolean   xj_parse_local_day     (const char  *text,
                                   int          days,
                                   gint64      *unix_seconds);

/* The one relative-time formatter: "3 weeks ago", for what happened before
 * @now (a time after @now reads as "just now"). */
char      *xj_format_ago         (gint64 then,
                                  gint64 now);

G_END_DECLS
