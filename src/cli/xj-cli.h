/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "xj-store.h"
#include "xj-team-connection.h"

G_BEGIN_DECLS

/* What every command gets: the data folder, the store (opened on first
 * use) and the arguments after the command word. */
typedef struct
{
  const char  *data_dir;
  XjStore     *store;
  int          argc;
  char       **argv;
} XjCli;

typedef int (*XjCliCommand) (XjCli *cli);

int       xj_cli_run            (const char  *data_dir,
                                 int          argc,
                                 char       **argv);
gboolean  xj_cli_is_command     (const char  *word);

XjStore  *xj_cli_get_store      (XjCli       *cli);
XjStore  *xj_cli_get_store_unchecked (XjCli  *cli);
XjStore  *xj_cli_get_store_for  (XjCli       *cli,
                                 int          n_args,
                                 const char  *usage);
gboolean  xj_cli_take_flag      (XjCli       *cli,
                                 const char  *flag);
char     *xj_cli_take_option    (XjCli       *cli,
                                 const char  *option);
int       xj_cli_fail           (const char  *format,
                                 ...) G_GNUC_PRINTF (1, 2);
int       xj_cli_fail_error     (const GError *error);
int       xj_cli_usage          (const char  *usage);
gboolean  xj_cli_parse_id       (const char  *text,
                                 gint64      *id);
void      xj_cli_print_json     (JsonNode    *node);
void      xj_cli_print_json_builder (JsonBuilder *builder);
int       xj_cli_dispatch       (XjCli       *cli,
                                 const char  *usage,
                                 ...) G_GNUC_NULL_TERMINATED;

/* --json output: one object an item, its members added by @add_members. */
typedef void (*XjCliJsonMembers) (JsonBuilder *builder,
                                  gpointer     item,
                                  gpointer     user_data);
void      xj_cli_print_json_list (GPtrArray        *items,
                                  XjCliJsonMembers  add_members,
                                  gpointer          user_data);

/* A list command's output: with --json one object an item; otherwise
 * @print_line prints each item as a line of text. */
typedef void (*XjCliTextLine) (gpointer item,
                               gpointer user_data);
void      xj_cli_print_list     (GPtrArray        *items,
                                 gboolean          json,
                                 XjCliJsonMembers  add_members,
                                 XjCliTextLine     print_line,
                                 gpointer          user_data);
void      xj_cli_json_string    (JsonBuilder *builder,
                                 const char  *name,
                                 const char  *value);
void      xj_cli_json_int       (JsonBuilder *builder,
                                 const char  *name,
                                 gint64       value);
void      xj_cli_json_bool      (JsonBuilder *builder,
                                 const char  *name,
                                 gboolean     value);
void      xj_cli_json_time      (JsonBuilder *builder,
                                 const char  *name,
                                 gint64       when);

/* Connects to the team as @user: libpq's own password sources, the
 * keyring, the terminal (xj-cli-team.c). */
XjTeamConnection *xj_cli_team_connect (const char  *conninfo,
                                       const char  *user,
                                       GError     **error);

/* `xunjian sync` on @store (xj-cli-sync.c); what is set aside, as text or
 * JSON (xj-cli-team-set-aside.c). */
int       xj_cli_sync_run        (XjStore      *store,
                                  gboolean      json);
gboolean  xj_cli_print_set_aside (XjStore      *store,
                                  gboolean      json,
                                  GError      **error);
gboolean  xj_cli_json_set_aside  (JsonBuilder  *builder,
                                  XjStore      *store,
                                  GError      **error);
int       xj_cli_team_set_aside  (XjCli        *cli);

int       xj_cli_check          (XjCli       *cli);
int       xj_cli_site           (XjCli       *cli);
int       xj_cli_site_add       (XjCli       *cli);
int       xj_cli_site_edit      (XjCli       *cli);
int       xj_cli_demo           (XjCli       *cli);
int       xj_cli_export         (XjCli       *cli);
int       xj_cli_inspection     (XjCli       *cli);
int       xj_cli_notice         (XjCli       *cli);
int       xj_cli_report         (XjCli       *cli);
int       xj_cli_report_monthly (XjCli       *cli);
int       xj_cli_server         (XjCli       *cli);
int       xj_cli_team           (XjCli       *cli);
int       xj_cli_sync           (XjCli       *cli);
int       xj_cli_conflicts      (XjCli       *cli);
int       xj_cli_template       (XjCli       *cli);

G_END_DECLS
