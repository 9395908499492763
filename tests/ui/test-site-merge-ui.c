/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Merging two sites of one name on the Sites page, on the real widgets:
 * both rows flagged, "Merge Into…" asks with what will move, Cancel changes
 * nothing, Merge leaves one row and the inspection under the site kept.
 * Run in English and in zh_CN (tests/ui/meson.build).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "xj-application.h"
#include "xj-inspection.h"
#include "xj-site-merge.h"
#include "xj-site.h"
#include "xj-sites-page.h"
#include "xj-store-private.h"
#include "xj-template-store.h"
#include "xj-test-app.h"
#include "xj-test-ui.h"
#include "xj-test-utils.h"
#include "xj-window.h"

typedef struct
{
  XJ_TEST_APP_FIELDS
  XjSitesPage   *page;
  gint64         kept;      /* made here */
  gint64         arrived;   /* the same name, as if from another laptop */
} Fixture;

static gboolean chinese;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(XjSite) site = xj_site_new ("翠湖花园", XJ_SITE_KIND_ESTATE);
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GError) error = NULL;
  XjInspectionStart start = { 0 };

  xj_test_app_start (XJ_TEST_APP (f));
  xj_test_app_show (XJ_TEST_APP (f), "sites");
  f->page = XJ_SITES_PAGE (xj_test_find_by_type (GTK_WIDGET (f->window), XJ_TYPE_SITES_PAGE));
  g_assert_nonnull (f->page);

  xj_site_set_address (site, "杭州市西湖区文三路 388 号");
  g_assert_true (xj_store_save_site (f->store, site, "王芳", &error));
  g_assert_no_error (error);
  f->kept = xj_site_get_id (site);
  /* What a pull brings from a laptop that made the same site offline
   * (the pull writes rows as they come, not through the save). */
  g_assert_true (xj_store_exec (f->store, "INSERT INTO sites (name, address, created_at, updated_at)"
                                " VALUES ('翠湖花园', '文三路 388 号东门', 1800000000, 1800000000)",
                                &error));
  g_assert_no_error (error);
  f->arrived = sqlite3_last_insert_rowid (xj_store_get_db (f->store));

  templates = xj_store_list_templates (f->store, FALSE, &error);
  g_assert_no_error (error);
  start.site_id = f->arrived;
  start.template_id = ((XjTemplateSummary *) templates->pdata[0])->id;
  start.kind = "daily";
  start.inspector = "李娜";
  g_assert_cmpint (xj_store_start_inspection (f->store, &start, &error), >, 0);
  g_assert_no_error (error);
  xj_store_emit_changed (f->store, "sites");
  xj_test_wait_until (g_list_model_get_n_items (xj_sites_page_get_model (f->page)) == 2);
  xj_test_iterate (50);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  xj_test_app_tear_down (XJ_TEST_APP (f));
}

/* The "Merge Into…" button of @site_id's row. */
static GtkWidget *
find_merge_button (GtkWidget *root,
                   gint64     site_id)
{
  if (GTK_IS_BUTTON (root)
      && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), _("Merge Into…")) == 0)
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (root));

      g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), ==, "sites.merge");
      if (g_variant_get_int64 (target) == site_id)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_merge_button (child, site_id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_labels (GtkWidget  *root,
              const char *text)
{
  guint n = GTK_IS_LABEL (root) && gtk_widget_get_mapped (root)
            && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_labels (child, text);
  return n;
}

static AdwMessageDialog *
open_merge (Fixture *f)
{
  GtkWidget *button = find_merge_button (GTK_WIDGET (f->page), f->arrived);
  GtkWindow *dialog;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
  xj_test_wait_until ((dialog = xj_test_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  xj_test_iterate (50);
  return ADW_MESSAGE_DIALOG (dialog);
}

/* Clicks the dialog's button, as a person would (which also closes it). */
static void
respond (AdwMessageDialog *dialog,
         const char       *label)
{
  GtkWidget *button = xj_test_find_button (GTK_WIDGET (dialog), label);

  g_assert_nonnull (button);
  gtk_widget_activate (button);
}

static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *heading = g_strdup_printf (_("Merge “%s”?"), "翠湖花园");
  g_autofree char *body = g_strdup_printf (_("Its %u inspections, %u schedules and %u notices will be "
                                             "under the site chosen below, and this one leaves the lists. "
                                             "Signed reports stay as they are. The merge is recorded in "
                                             "the audit log and reaches the whole team with the next sync."),
                                           1, 0, 0);
  g_autofree char *toast = g_strdup_printf (_("“%s” merged into “%s”"), "翠湖花园", "翠湖花园");
  XjInspectionFilter filter = XJ_INSPECTION_FILTER_INIT;
  g_autoptr(XjSite) arrived = NULL;
  g_autoptr(XjSite) kept = NULL;
  g_autoptr(GPtrArray) inspections = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkDropDown *choice;
  g_autofree char *first = NULL;

  /* Both rows carry the mark and the action. */
  g_assert_cmpuint (count_labels (GTK_WIDGET (f->page), _("Possible duplicate")), ==, 2);
  g_assert_nonnull (find_merge_button (GTK_WIDGET (f->page), f->kept));
  if (chinese)
    xj_test_assert_translated (GTK_WIDGET (f->window));

  /* Cancel: nothing moves. */
  dialog = open_merge (f);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, body);
  choice = GTK_DROP_DOWN (xj_test_find_named (GTK_WIDGET (dialog), "merge_into"));
  g_assert_nonnull (choice);
  /* The one other site, told apart by its address. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (choice)), ==, 1);
  first = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (choice)), 0));
  g_assert_nonnull (strstr (first, "杭州市西湖区文三路 388 号"));
  if (chinese)
    xj_test_assert_translated (GTK_WIDGET (dialog));
  respond (dialog, _("_Cancel"));
  xj_test_wait_until (xj_test_find_window (ADW_TYPE_MESSAGE_DIALOG) == NULL);
  xj_test_run_pending ();
  g_assert_cmpuint (g_list_model_get_n_items (xj_sites_page_get_model (f->page)), ==, 2);
  arrived = xj_store_get_site (f->store, f->arrived, &error);
  g_assert_null (xj_site_get_merged_into (arrived));
  g_clear_object (&arrived);

  /* Merge. */
  dialog = open_merge (f);
  respond (dialog, _("_Merge"));
  xj_test_wait_until (g_list_model_get_n_items (xj_sites_page_get_model (f->page)) == 1);
  xj_test_wait_until (xj_test_label_shown (GTK_WIDGET (f->window), toast));
  xj_test_iterate (50);
  g_assert_cmpuint (count_labels (GTK_WIDGET (f->page), _("Possible duplicate")), ==, 0);
  g_assert_null (find_merge_button (GTK_WIDGET (f->page), f->kept));
  if (chinese)
    xj_test_assert_translated (GTK_WIDGET (f->window));

  arrived = xj_store_get_site (f->store, f->arrived, &error);
  kept = xj_store_get_site (f->store, f->kept, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (xj_site_get_merged_into (arrived), ==, xj_site_get_uuid (kept));
  /* The inspection, made at the merged site, is listed under the one kept. */
  filter.site_id = f->kept;
  inspections = xj_store_list_inspections (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inspections->len, ==, 1);
  g_assert_cmpint (((XjInspection *) inspections->pdata[0])->site_id, ==, f->kept);
}

int
main (int    argc,
      char **argv)
{
  xj_test_init_ui (&argc, &argv);
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();

  chinese = g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "zh_CN");
  g_test_add (chinese ? "/xj/ui/zh/sites/merge" : "/xj/ui/sites/merge", Fixture, NULL,
              fixture_set_up, test_merge, fixture_tear_down);
  return g_test_run ();
}
