/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "xj-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "xj-cli.h"
#include "xj-clock.h"
#include "xj-notice-lifecycle.h"
#include "xj-notice-store.h"
#include "xj-report-build.h"
#include "xj-report.h"

#define USAGE "xunjian notice list [--overdue] [--json] | " \
              "xunjian notice export ID|NUMBER FILE.pdf [--organisation NAME] | " \
              "xunjian notice escalate ID|NUMBER REASON [--actor NAME]"

/* Columns on a terminal: CJK characters take two. */
static glong
display_width (const char *text)
{
  glong width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

static void
append_cell (GString    *line,
             const char *text,
             glong       width)
{
  g_string_append (line, text);
  for (glong pad = width - display_width (text); pad > 0; pad--)
    g_string_append_c (line, ' ');
  g_string_append (line, "  ");
}

static char *
format_status (XjNotice *notice,
               gint64    now)
{
  g_autoptr(GString) status = g_string_new (NULL);

  if (xj_notice_is_open (notice) && xj_notice_get_deadline (notice) > 0)
    {
      g_autofree char *countdown = xj_format_countdown (xj_notice_get_deadline (notice), now);

      g_string_append (status, countdown);
    }
  if (xj_notice_get_escalated (notice))
    g_string_append_printf (status, "%s%s", status->len > 0 ? "; " : "",
                            C_("notice flag", "escalated"));
  if (xj_notice_get_repeat (notice))
    g_string_append_printf (status, "%s%s", status->len > 0 ? "; " : "",
                            C_("notice flag", "repeat finding"));
  return g_string_free (g_steal_pointer (&status), FALSE);
}

static void
print_table (GPtrArray *notices,
             gint64     now)
{
  enum { NUMBER, TYPE, STATE, SEVERITY, SITE, DEADLINE, STATUS, N_COLUMNS };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  glong widths[N_COLUMNS] = { 0 };
  char **header = g_new0 (char *, N_COLUMNS + 1);

  header[NUMBER] = g_strdup (C_("notice column", "Number"));
  header[TYPE] = g_strdup (_("Type"));
  header[STATE] = g_strdup (_("State"));
  header[SEVERITY] = g_strdup (_("Severity"));
  header[SITE] = g_strdup (_("Site"));
  header[DEADLINE] = g_strdup (_("Deadline"));
  header[STATUS] = g_strdup ("");
  g_ptr_array_add (rows, header);

  for (guint i = 0; i < notices->len; i++)
    {
      XjNotice *notice = g_ptr_array_index (notices, i);
      char **row = g_new0 (char *, N_COLUMNS + 1);

      row[NUMBER] = g_strdup (xj_notice_get_number (notice));
      row[TYPE] = g_strdup (xj_notice_type_get_label (xj_notice_get_notice_type (notice)));
      row[STATE] = g_strdup (xj_notice_state_get_label (xj_notice_get_state (notice)));
      row[SEVERITY] = g_strdup (xj_notice_severity_get_label (xj_notice_get_severity (notice)));
      row[SITE] = g_strdup (xj_notice_get_site_name (notice));
      row[DEADLINE] = xj_format_local_minute_or (xj_notice_get_deadline (notice), "—");
      row[STATUS] = format_status (notice, now);
      g_ptr_array_add (rows, row);
    }

  for (guint i = 0; i < rows->len; i++)
    for (int c = 0; c < N_COLUMNS; c++)
      widths[c] = MAX (widths[c], display_width (((char **) g_ptr_array_index (rows, i))[c]));

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autoptr(GString) line = g_string_new (NULL);

      for (int c = 0; c < N_COLUMNS; c++)
        append_cell (line, row[c], c == N_COLUMNS - 1 ? 0 : widths[c]);
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      printf ("%s\n", line->str);
    }
}

static void
add_notice (JsonBuilder *builder,
            gpointer     item,
            gpointer     user_data)
{
  XjNotice *notice = item;
  gint64 now = *(const gint64 *) user_data;

  xj_cli_json_int (builder, "id", xj_notice_get_id (notice));
  xj_cli_json_string (builder, "number", xj_notice_get_number (notice));
  xj_cli_json_string (builder, "type", xj_notice_type_to_string (xj_notice_get_notice_type (notice)));
  xj_cli_json_string (builder, "state", xj_notice_state_to_string (xj_notice_get_state (notice)));
  xj_cli_json_string (builder, "site", xj_notice_get_site_name (notice));
  xj_cli_json_int (builder, "site_id", xj_notice_get_site_id (notice));
  xj_cli_json_time (builder, "deadline", xj_notice_get_deadline (notice));
  xj_cli_json_bool (builder, "overdue", xj_notice_is_overdue (notice, now));
  xj_cli_json_bool (builder, "due_soon", xj_notice_is_due_soon (notice, now));
  xj_cli_json_bool (builder, "escalated", xj_notice_get_escalated (notice));
  xj_cli_json_string (builder, "severity",
                      xj_notice_severity_to_string (xj_notice_get_severity (notice)));
  xj_cli_json_string (builder, "party",
                      xj_responsible_party_to_string (xj_notice_get_responsible_party (notice)));
  xj_cli_json_bool (builder, "repeat", xj_notice_get_repeat (notice));
}

static int
list_notices (XjCli *cli)
{
  gboolean json = xj_cli_take_flag (cli, "--json");
  gboolean overdue = xj_cli_take_flag (cli, "--overdue");
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = xj_clock_now ();
  XjNoticeFilter filter;
  XjStore *store;

  if ((store = xj_cli_get_store_for (cli, 1, USAGE)) == NULL)
    return 1;
  xj_notice_filter_init (&filter);
  filter.overdue = overdue;
  if ((notices = xj_store_list_notices (store, &filter, now, &error)) == NULL)
    return xj_cli_fail_error (error);

  if (json)
    xj_cli_print_json_list (notices, add_notice, &now);
  else if (notices->len > 0)
    print_table (notices, now);
  return 0;
}

/* Notices are printed and handed over, not archived: no digital signature. */
static int
export_notice (XjCli *cli)
{
  g_autofree char *organisation = xj_cli_take_option (cli, "--organisation");
  g_autoptr(XjNoticeReportData) data = NULL;
  g_autoptr(GError) error = NULL;
  XjStore *store;
  gint64 id;

  if ((store = xj_cli_get_store_for (cli, 3, USAGE)) == NULL)
    return 1;
  /* The number is what is printed on the notice and what people quote. */
  if (!xj_cli_parse_id (cli->argv[1], &id)
      && !xj_store_find_notice_number (store, cli->argv[1], &id, &error))
    return xj_cli_fail_error (error);
  if ((data = xj_notice_report_data_from_notice (store, id, organisation, &error)) == NULL
      || !xj_report_write_notice (data, cli->argv[2], NULL, NULL, NULL, &error))
    return xj_cli_fail_error (error);
  return 0;
}

/* Escalates an open notice to its site's project manager by hand, as the
 * notice page's Escalate… does. */
static int
escalate_notice (XjCli *cli)
{
  g_autofree char *actor = xj_cli_take_option (cli, "--actor");
  g_autoptr(GError) error = NULL;
  XjStore *store;
  gint64 id;

  if ((store = xj_cli_get_store_for (cli, 3, USAGE)) == NULL)
    return 1;
  if ((!xj_cli_parse_id (cli->argv[1], &id)
       && !xj_store_find_notice_number (store, cli->argv[1], &id, &error))
      || !xj_store_escalate_notice (store, id, cli->argv[2], actor != NULL ? actor : "", &error))
    return xj_cli_fail_error (error);
  printf (_("Notice %s escalated to the project manager.\n"), cli->argv[1]);
  return 0;
}

int
xj_cli_notice (XjCli *cli)
{
  return xj_cli_dispatch (cli, USAGE, "list", list_notices, "export", export_notice,
                          "escalate", escalate_notice, NULL);
}
