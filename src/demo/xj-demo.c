/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Demo data: a lived-in database in one command.  Every area adds its part
 * here, through the same core API the application uses.
 */
#define G_LOG_DOMAIN "xj-demo"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-demo.h"
#include "xj-demo-inspections.h"
#include "xj-demo-private.h"
#include "xj-inspection-bulk.h"
#include "xj-overview.h"
#include "xj-site.h"

static const struct {
  const char *name;
  XjSiteKind  kind;
  const char *address;
  const char *contact;
  const char *manager;
} demo_sites[] = {
  { "翠湖花园", XJ_SITE_KIND_ESTATE, "杭州市西湖区文三路 388 号", "物业客服 0571-8816 2233", "王建国" },
  { "滨江壹号", XJ_SITE_KIND_ESTATE, "杭州市滨江区江南大道 1 号", "物业前台 0571-8765 4321", "李明" },
  { "金桂苑", XJ_SITE_KIND_ESTATE, "杭州市拱墅区莫干山路 120 号", "物业客服 0571-8520 1100", "陈晓燕" },
  { "云栖小镇人才公寓", XJ_SITE_KIND_ESTATE, "杭州市西湖区云栖路 8 号", "管家 138 0571 2468", "赵磊" },
  { "湖滨银泰旗舰店", XJ_SITE_KIND_STORE, "杭州市上城区延安路 258 号 1F", "店长 周婷", "周婷" },
  { "西溪印象城专卖店", XJ_SITE_KIND_STORE, "杭州市余杭区五常大道 1 号 L2", "店长 吴俊", "吴俊" },
  { "城西客户服务中心", XJ_SITE_KIND_SERVICE_DESK, "杭州市西湖区古墩路 701 号", "值班主管 孙丽", "孙丽" },
  { "下沙燃气服务网点", XJ_SITE_KIND_SERVICE_DESK, "杭州市钱塘区 2 号大街 515 号", "网点主任 郑强", "郑强" },
};

static gboolean
add_sites (XjStore      *store,
           GPtrArray    *sites,
           guint         n_sites,
           GError      **error)
{
  guint count = n_sites != 0 ? n_sites : G_N_ELEMENTS (demo_sites);

  for (guint i = 0; i < count; i++)
    {
      guint base = i % G_N_ELEMENTS (demo_sites);
      g_autoptr(XjSite) site = NULL;
      g_autofree char *name = NULL;

      name = i < G_N_ELEMENTS (demo_sites)
               ? g_strdup (demo_sites[base].name)
               : g_strdup_printf ("%s %u 期", demo_sites[base].name, (guint) (i / G_N_ELEMENTS (demo_sites) + 1));
      site = xj_site_new (name, demo_sites[base].kind);
      xj_site_set_address (site, demo_sites[base].address);
      xj_site_set_contact (site, demo_sites[base].contact);
      xj_site_set_project_manager (site, demo_sites[base].manager);
      if (!xj_store_save_site (store, site, "demo", error))
        return FALSE;
      g_ptr_array_add (sites, g_steal_pointer (&site));
    }
  return TRUE;
}

/**
 * xj_demo_fill:
 *
 * Fills an empty database with demo data.  Refuses a database that already
 * holds sites or inspections: demo data never mixes with real work.
 */
/**
 * xj_demo_check_empty:
 *
 * Demo data goes only into a database without sites or inspections.
 * Returns: %TRUE when @store has none, else %FALSE with @error saying so.
 */
gboolean
xj_demo_check_empty (XjStore  *store,
                     GError  **error)
{
  gboolean empty = FALSE;

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);

  if (!xj_store_is_empty (store, &empty, error))
    return FALSE;
  if (!empty)
    {
      g_set_error (error, XJ_STORE_ERROR, XJ_STORE_ERROR_INVALID,
                   _("The database in “%s” already holds sites or inspections; demo data "
                     "goes only into a new data folder (use --data-dir)."),
                   xj_store_get_data_dir (store));
      return FALSE;
    }
  return TRUE;
}

gboolean
xj_demo_fill (XjStore              *store,
              const XjDemoOptions  *options,
              GError              **error)
{
  g_autoptr(GPtrArray) sites = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (XJ_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (!xj_demo_check_empty (store, error))
    return FALSE;

  if (!add_sites (store, sites, options->n_sites, error))
    return FALSE;
  /* --years: years of history in bulk, for measuring what grows with the
   * data; otherwise a few months, made the way a person would. */
  if (options->years > 0
      ? !_xj_demo_add_bulk_history (store, options->years, options->seed, error)
      : !xj_demo_add_history (store, options->photos_dir, error))
    return FALSE;
  /* The history came in bulk: the Overview's totals of it in one go. */
  return xj_notice_add_demo (store, sites, error) && xj_overview_refresh_totals (store, error);
}
