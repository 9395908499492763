/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "xj-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "xj-cli.h"
#include "xj-clock.h"
#include "xj-notice-store.h"
#include "xj-report-build.h"
#include "xj-report.h"

#define USAGE "xunjian notice list [--overdue] [--json] | " \
              "xunjian notice export ID|NUMBER FILE.pdf [--organisation NAME]"

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
format_deadline (gint64 deadline)
{
  g_autoptr(GDateTime) local = NULL;

  if (deadline <= 0)
    return g_strdup ("—");
  local = g_date_time_new_from_unix_local (deadline);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
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
      row[DEADLINE] = format_deadline (xj_notice_get_deadline (notice));
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
add_member (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
print_json (GPtrArray *notices,
            gint64     now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < notices->len; i++)
    {
      XjNotice *notice = g_ptr_array_index (notices, i);
      g_autofree char *deadline = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, xj_notice_get_id (notice));
      add_member (builder, "number", xj_notice_get_number (notice));
      add_member (builder, "type", xj_notice_type_to_string (xj_notice_get_notice_type (notice)));
      add_member (builder, "state", xj_notice_state_to_string (xj_notice_get_state (notice)));
      add_member (builder, "site", xj_notice_get_site_name (notice));
      json_builder_set_member_name (builder, "site_id");
      json_builder_add_int_value (builder, xj_notice_get_site_id (notice));
      json_builder_set_member_name (builder, "deadline");
      if (xj_notice_get_deadline (notice) > 0
          && (deadline = xj_format_iso8601 (xj_notice_get_deadline (notice))) != NULL)
        json_builder_add_string_value (builder, deadline);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "overdue");
      json_builder_add_boolean_value (builder, xj_notice_is_overdue (notice, now));
      json_builder_set_member_name (builder, "due_soon");
      json_builder_add_boolean_value (builder, xj_notice_is_due_soon (notice, now));
      json_builder_set_member_name (builder, "escalated");
      json_builder_add_boolean_value (builder, xj_notice_get_escalated (notice));
      add_member (builder, "severity",
                  xj_notice_severity_to_string (xj_notice_get_severity (notice)));
      add_member (builder, "party",
                  xj_responsible_party_to_string (xj_notice_get_responsible_party (notice)));
      json_builder_set_member_name (builder, "repeat");
      json_builder_add_boolean_value (builder, xj_notice_get_repeat (notice));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  xj_cli_print_json (root);
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

  if (cli->argc != 1)
    return xj_cli_usage (USAGE);
  if ((store = xj_cli_get_store (cli)) == NULL)
    return 1;
  xj_notice_filter_init (&filter);
  filter.overdue = overdue;
  if ((notices = xj_store_list_notices (store, &filter, now, &error)) == NULL)
    return xj_cli_fail_error (error);

  if (json)
    print_json (notices, now);
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

  if (cli->argc != 3)
    return xj_cli_usage (USAGE);
  if ((store = xj_cli_get_store (cli)) == NULL)
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

int
xj_cli_notice (XjCli *cli)
{
  if (cli->argc >= 1 && g_strcmp0 (cli->argv[0], "list") == 0)
    return list_notices (cli);
  if (cli->argc >= 1 && g_strcmp0 (cli->argv[0], "export") == 0)
    return export_notice (cli);
  return xj_cli_usage (USAGE);
}
