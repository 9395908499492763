/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Demo schedules: the rhythm the teams work to (standards/property-checks.md)
 * for every demo site — at estates a daily patrol, the weekly check on
 * Monday 10:30 and Thursday 14:00, the monthly check on the last working
 * day and random spot checks of a few items; at stores and service desks
 * mystery visits spread over the month, weekends included, and mystery
 * calls on working days.
 */
#define G_LOG_DOMAIN "xj-demo"

#include "config.h"

#include "xj-schedule.h"
#include "xj-demo.h"
#include "xj-site.h"

typedef struct
{
  XjScheduleRule rule;
  const char    *kind;
  const char    *spec;
} DemoRule;

static const DemoRule daily_patrol = {
  XJ_SCHEDULE_RULE_DAILY, "daily", "{\"from\": \"08:00\", \"to\": \"18:00\"}",
};
static const DemoRule weekly_check = {
  XJ_SCHEDULE_RULE_WEEKLY, "weekly",
  "{\"slots\": [{\"weekday\": 1, \"time\": \"10:30\"}, {\"weekday\": 4, \"time\": \"14:00\"}]}",
};
static const DemoRule monthly_check = {
  XJ_SCHEDULE_RULE_MONTHLY, "monthly", "{\"day\": \"last_working_day\", \"time\": \"15:00\"}",
};
static const DemoRule spot_checks = {
  XJ_SCHEDULE_RULE_RANDOM, "spot_check",
  "{\"per\": \"week\", \"count\": 2, \"from\": \"09:00\", \"to\": \"17:00\", \"items\": 3}",
};
static const DemoRule mystery_visits = {
  XJ_SCHEDULE_RULE_RANDOM, "mystery_visit",
  "{\"per\": \"month\", \"count\": 3, \"from\": \"10:00\", \"to\": \"20:00\","
  " \"weekdays\": [1, 2, 3, 4, 5, 6, 7]}",
};

static const DemoRule mystery_calls = {
  XJ_SCHEDULE_RULE_RANDOM, "mystery_call",
  "{\"per\": \"month\", \"count\": 2, \"from\": \"09:00\", \"to\": \"17:00\","
  " \"weekdays\": [1, 2, 3, 4, 5]}",
};

static gboolean
add (XjStore         *store,
     XjSite          *site,
     gint64           template_id,
     const DemoRule  *demo,
     gint64           starts_at,
     GError         **error)
{
  g_autoptr(XjSchedule) schedule = NULL;
  XjScheduleSpec spec;

  if (template_id == 0)
    return TRUE;
  if (!xj_schedule_spec_parse (demo->rule, demo->spec, &spec, error))
    return FALSE;
  schedule = xj_schedule_new (xj_site_get_id (site), template_id, demo->kind, &spec, starts_at);
  /* Fixed seeds: the same demo database every time. */
  xj_schedule_set_seed (schedule, xj_site_get_id (site) * 7919 + template_id);
  return xj_store_save_schedule (store, schedule, "demo", error);
}

/**
 * xj_schedule_add_demo:
 * @templates: which template each regime uses; 0 leaves that regime out
 * @starts_at: when the schedules start (the start of the demo history)
 *
 * Adds the demo schedules for every active site.
 */
gboolean
xj_schedule_add_demo (XjStore                       *store,
                      const XjScheduleDemoTemplates *templates,
                      gint64                         starts_at,
                      GError                       **error)
{
  g_autoptr(GPtrArray) sites = NULL;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (templates != NULL, FALSE);

  sites = xj_store_list_sites (store, FALSE, error);
  if (sites == NULL)
    return FALSE;
  for (guint i = 0; i < sites->len; i++)
    {
      XjSite *site = sites->pdata[i];
      gboolean ok;

      if (xj_site_get_kind (site) == XJ_SITE_KIND_ESTATE)
        ok = add (store, site, templates->daily_template_id, &daily_patrol, starts_at, error)
             && add (store, site, templates->weekly_template_id, &weekly_check, starts_at, error)
             && add (store, site, templates->monthly_template_id, &monthly_check, starts_at, error)
             && add (store, site, templates->spot_template_id, &spot_checks, starts_at, error);
      else
        ok = add (store, site,
                  xj_site_get_kind (site) == XJ_SITE_KIND_SERVICE_DESK && templates->desk_template_id != 0
                  ? templates->desk_template_id : templates->mystery_template_id,
                  &mystery_visits, starts_at, error)
             && add (store, site, templates->call_template_id, &mystery_calls, starts_at, error);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}
