/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

char  *xj_test_make_data_dir (void);
void   xj_test_remove_tree   (const char *path);
GBytes *xj_test_read_bytes   (const char *path);
/* Whether the migration tests have a fixture for @version: every shipped
 * version has one; the newest may not have it yet (it is made when the
 * version ships). */
gboolean xj_test_has_fixture (const char *fixtures_dir,
                              guint       version,
                              guint       newest);
void   xj_test_copy_file     (const char *from,
                              const char *to);
gint64 xj_test_query_int     (sqlite3    *db,
                              const char *sql);
char  *xj_test_query_text    (sqlite3    *db,
                              const char *sql);
void   xj_test_init          (int         *argc,
                              char      ***argv);
void   xj_test_init_ui       (int         *argc,
                              char      ***argv);

G_END_DECLS
