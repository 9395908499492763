/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window and the Sites area, built from the real widgets on a
 * fresh data folder and driven through their actions.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "xj-application.h"
#include "xj-new-inspection-dialog.h"
#include "xj-record.h"
#include "xj-schedule-dialog.h"
#include "xj-schedules-page.h"
#include "xj-site-dialog.h"
#include "xj-inspection.h"
#include "xj-site.h"
#include "xj-sites-page.h"
#include "xj-test-app.h"
#include "xj-test-ui.h"
#include "xj-template-store.h"
#include "xj-test-utils.h"
#include "xj-window.h"
#include "xj-window-actions.h"

typedef struct
{
  XJ_TEST_APP_FIELDS
  XjSitesPage   *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  xj_test_app_start (XJ_TEST_APP (f));
  xj_test_app_show (XJ_TEST_APP (f), "sites");
  f->page = XJ_SITES_PAGE (xj_test_find_by_type (GTK_WIDGET (f->window), XJ_TYPE_SITES_PAGE));
  g_assert_nonnull (f->page);
  xj_test_iterate (50);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  xj_test_app_tear_down (XJ_TEST_APP (f));
}

static XjSiteDialog *
open_add_dialog (Fixture *f)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "sites.add", NULL));
  xj_test_wait_until ((dialog = xj_test_find_window (XJ_TYPE_SITE_DIALOG)) != NULL);
  return XJ_SITE_DIALOG (dialog);
}

static void
type_into (XjSiteDialog *dialog,
           const char   *row_id,
           const char   *text)
{
  GtkWidget *row = xj_test_find_widget (GTK_WIDGET (dialog), row_id);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static guint
stored_site_count (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sites = xj_store_list_sites (xj_application_get_store (f->app), TRUE, &error);

  g_assert_no_error (error);
  return sites->len;
}

static void
test_empty_state (Fixture       *f,
                  gconstpointer  data)
{
  /* A new user sees what to do, not an empty list. */
  g_assert_true (xj_test_label_shown (GTK_WIDGET (f->window), "No Sites Yet"));
  g_assert_cmpuint (g_list_model_get_n_items (xj_sites_page_get_model (f->page)), ==, 0);
}

static void
test_add_site (Fixture       *f,
               gconstpointer  data)
{
  XjSiteDialog *dialog = open_add_dialog (f);
  GListModel *model = xj_sites_page_get_model (f->page);
  g_autoptr(XjSite) listed = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;

  type_into (dialog, "name_row", "翠湖花园");
  type_into (dialog, "address_row", "杭州市西湖区文三路 388 号");
  type_into (dialog, "manager_row", "王建国");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "site.save", NULL));

  /* The dialog closed, the list shows the site, the database has it. */
  xj_test_wait_until (xj_test_find_window (XJ_TYPE_SITE_DIALOG) == NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  listed = g_list_model_get_item (model, 0);
  g_assert_cmpstr (xj_site_get_name (listed), ==, "翠湖花园");
  g_assert_true (xj_test_label_shown (GTK_WIDGET (f->window), "翠湖花园"));
  g_assert_false (xj_test_label_shown (GTK_WIDGET (f->window), "No Sites Yet"));

  stored = xj_store_list_sites (xj_application_get_store (f->app), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 1);
  g_assert_cmpstr (xj_site_get_name (g_ptr_array_index (stored, 0)), ==, "翠湖花园");
  g_assert_cmpstr (xj_site_get_address (g_ptr_array_index (stored, 0)), ==,
                   "杭州市西湖区文三路 388 号");
  g_assert_cmpstr (xj_site_get_project_manager (g_ptr_array_index (stored, 0)), ==, "王建国");
}

static void
test_validation_inline (Fixture       *f,
                        gconstpointer  data)
{
  XjSiteDialog *dialog = open_add_dialog (f);
  GtkWidget *name_error;
  GtkWidget *name_row;

  /* Empty name: the message is under the field and nothing is saved. */
  type_into (dialog, "address_row", "杭州市滨江区江南大道 1 号");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "site.save", NULL));
  name_error = xj_test_find_widget (GTK_WIDGET (dialog), "name_error");
  xj_test_wait_until (gtk_widget_get_visible (name_error));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (name_error)), ==, "Enter the site’s name.");
  /* The field is marked and the focus is in it. */
  name_row = xj_test_find_widget (GTK_WIDGET (dialog), "name_row");
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (dialog)), name_row));
  g_assert_nonnull (xj_test_find_window (XJ_TYPE_SITE_DIALOG));
  g_assert_cmpuint (stored_site_count (f), ==, 0);
  /* What was typed is still there. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (xj_test_find_widget (GTK_WIDGET (dialog),
                                                                             "address_row"))),
                   ==, "杭州市滨江区江南大道 1 号");

  /* Typing clears the message; saving works. */
  type_into (dialog, "name_row", "滨江壹号");
  g_assert_false (gtk_widget_get_visible (name_error));
  g_assert_false (gtk_widget_has_css_class (name_row, "error"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "site.save", NULL));
  xj_test_wait_until ((stored_site_count (f)) == (1));

  /* A second site with the same name is refused under the field. */
  dialog = open_add_dialog (f);
  type_into (dialog, "name_row", "滨江壹号");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "site.save", NULL));
  name_error = xj_test_find_widget (GTK_WIDGET (dialog), "name_error");
  xj_test_wait_until (gtk_widget_get_visible (name_error));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (name_error)), "already exists"));
  g_assert_cmpuint (stored_site_count (f), ==, 1);
}

static void
test_edit_and_deactivate (Fixture       *f,
                          gconstpointer  data)
{
  XjStore *store = xj_application_get_store (f->app);
  g_autoptr(XjSite) site = xj_site_new ("金桂苑", XJ_SITE_KIND_ESTATE);
  g_autoptr(XjSite) read = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  GtkWidget *button;

  g_assert_true (xj_store_save_site (store, site, "test", &error));
  xj_test_wait_until ((g_list_model_get_n_items (xj_sites_page_get_model (f->page))) == (1));

  /* Activating the row opens it for editing with its values. */
  {
    GtkWidget *list = xj_test_find_widget (GTK_WIDGET (f->page), "list");
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);

    g_signal_emit_by_name (row, "activate");
  }
  xj_test_wait_until ((dialog = xj_test_find_window (XJ_TYPE_SITE_DIALOG)) != NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (xj_test_find_widget (GTK_WIDGET (dialog),
                                                                             "name_row"))),
                   ==, "金桂苑");
  type_into (XJ_SITE_DIALOG (dialog), "name_row", "金桂苑二期");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "site.save", NULL));
  xj_test_wait_until (xj_test_find_window (XJ_TYPE_SITE_DIALOG) == NULL);
  read = xj_store_get_site (store, xj_site_get_id (site), &error);
  g_assert_cmpstr (xj_site_get_name (read), ==, "金桂苑二期");

  /* Deactivate from the row: it leaves the list of active sites. */
  button = xj_test_find_button (GTK_WIDGET (f->page), "Deactivate");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  xj_test_wait_until ((g_list_model_get_n_items (xj_sites_page_get_model (f->page))) == (0));
  g_clear_object (&read);
  read = xj_store_get_site (store, xj_site_get_id (site), &error);
  g_assert_false (xj_site_get_active (read));
  /* The page says they are all deactivated, not that there are none. */
  g_assert_true (xj_test_label_shown (GTK_WIDGET (f->page), "All Sites Are Deactivated"));
  g_assert_false (xj_test_label_shown (GTK_WIDGET (f->page), "No Sites Yet"));

  /* The toast's Undo takes it back. */
  g_assert_true (xj_test_label_shown (GTK_WIDGET (f->window), "“金桂苑二期” deactivated"));
  button = xj_test_find_button (GTK_WIDGET (f->window), "_Undo");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  xj_test_wait_until ((g_list_model_get_n_items (xj_sites_page_get_model (f->page))) == (1));
  g_clear_object (&read);
  read = xj_store_get_site (store, xj_site_get_id (site), &error);
  g_assert_true (xj_site_get_active (read));

  /* Deactivated again, the page's own button shows them. */
  button = xj_test_find_button (GTK_WIDGET (f->page), "Deactivate");
  g_signal_emit_by_name (button, "clicked");
  xj_test_wait_until (g_list_model_get_n_items (xj_sites_page_get_model (f->page)) == 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "sites.show-inactive", NULL));
  xj_test_wait_until (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
                   xj_test_find_widget (GTK_WIDGET (f->page), "show_inactive"))));
  g_assert_cmpuint (g_list_model_get_n_items (xj_sites_page_get_model (f->page)), ==, 1);
  g_assert_true (xj_test_label_shown (GTK_WIDGET (f->window), "Inactive"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (xj_test_find_widget (GTK_WIDGET (f->page),
                                                                        "show_inactive")), FALSE);
  xj_test_iterate (30);

  /* Show Inactive brings it back into view. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (xj_test_find_widget (GTK_WIDGET (f->page),
                                                                        "show_inactive")), TRUE);
  xj_test_wait_until ((g_list_model_get_n_items (xj_sites_page_get_model (f->page))) == (1));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (f->window), "Inactive"));
}

static void
test_shortcuts (Fixture       *f,
                gconstpointer  data)
{
  GtkApplication *app = GTK_APPLICATION (f->app);
  g_auto(GStrv) quit = gtk_application_get_accels_for_action (app, "app.quit");
  g_auto(GStrv) prefs = gtk_application_get_accels_for_action (app, "app.preferences");
  g_auto(GStrv) help = gtk_application_get_accels_for_action (app, "win.show-help-overlay");

  g_assert_cmpstr (quit[0], ==, "<Control>q");
  g_assert_cmpstr (prefs[0], ==, "<Control>comma");
  g_assert_cmpstr (help[0], ==, "<Control>question");
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)));

  /* The shortcuts window opens on its paged layout without a warning
   * (warnings are fatal here: it used to say "GtkLabel reported min width
   * -4" for each page number). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL));
  {
    GtkWindow *overlay = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)));

    GtkWidget *first_group;
    g_autofree char *first_title = NULL;

    xj_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
    /* Laid out and drawn a few frames: any warning would be fatal. */
    xj_test_iterate (300);
    /* The first page opens on the general shortcuts (GTK 4.8 shuffles the
     * pages of a section each time it lays them out: with taller columns,
     * General stays first). */
    first_group = xj_test_find_by_type (GTK_WIDGET (overlay), GTK_TYPE_SHORTCUTS_GROUP);
    g_assert_nonnull (first_group);
    g_object_get (first_group, "title", &first_title, NULL);
    g_assert_cmpstr (first_title, ==, "General");
    gtk_window_close (overlay);
    xj_test_iterate (50);
  }

  /* Preferences open and edit the settings. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  xj_test_wait_until (xj_test_find_window (ADW_TYPE_PREFERENCES_WINDOW) != NULL);
  {
    GtkWindow *prefs_window = xj_test_find_window (ADW_TYPE_PREFERENCES_WINDOW);
    GtkWidget *row;
    g_autofree char *name = NULL;

    g_assert_nonnull (prefs_window);
    row = xj_test_find_widget (GTK_WIDGET (prefs_window), "inspector_row");
    gtk_editable_set_text (GTK_EDITABLE (row), "王芳");
    name = g_settings_get_string (xj_application_get_settings (f->app), "inspector-name");
    g_assert_cmpstr (name, ==, "王芳");
    gtk_window_destroy (prefs_window);
  }
}

static GtkWidget *
find_tooltip_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tooltip_label (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A Chinese tooltip is one line, not one character per line.  The window
 * fills the screen; xdotool (as in test-runner-kill) moves the pointer onto
 * the button. */
static void
test_tooltip_width (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = gtk_button_new_with_label ("刷新");
  GType tooltip_type;
  GtkWidget *label = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_widget_set_tooltip_text (button, "刷新今日待办的检查 (Ctrl+R)");
  gtk_window_set_child (GTK_WINDOW (window), button);
  gtk_window_present (GTK_WINDOW (window));
  xj_test_iterate (200);
  for (guint i = 0; i < 150 && label == NULL; i++)
    {
      /* A real pointer motion over the button, as a person hovers. */
      if (i % 25 == 0)
        {
          g_autofree char *move = g_strdup_printf ("xdotool mousemove %u 400", 600 + i / 25);

          g_assert_true (g_spawn_command_line_sync (move, NULL, NULL, NULL, NULL));
        }
      xj_test_iterate (20);
      tooltip_type = g_type_from_name ("GtkTooltipWindow");
      for (GtkWidget *child = gtk_widget_get_first_child (window); child != NULL && tooltip_type != 0;
           child = gtk_widget_get_next_sibling (child))
        if (G_TYPE_CHECK_INSTANCE_TYPE (child, tooltip_type) && gtk_widget_get_mapped (child))
          label = find_tooltip_label (child);
    }
  g_assert_nonnull (label);
  /* Shown: laid out at its allocated width. */
  xj_test_wait_until (!(gtk_widget_get_width (label) == 0));
  g_assert_cmpint (gtk_widget_get_width (label), >, 0);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "刷新今日待办的检查 (Ctrl+R)");
  g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (label))), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The main menu's tooltip does not cover the open menu: it is off while
 * the menu is shown and back once it closes. */
static void
test_menu_tooltip (Fixture       *f,
                   gconstpointer  data)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (xj_test_find_by_type (GTK_WIDGET (f->window),
                                                                 GTK_TYPE_MENU_BUTTON));

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (button)));
  gtk_menu_button_popup (button);
  xj_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (gtk_menu_button_get_popover (button))));
  g_assert_false (gtk_widget_get_has_tooltip (GTK_WIDGET (button)));
  gtk_menu_button_popdown (button);
  xj_test_wait_until (gtk_widget_get_has_tooltip (GTK_WIDGET (button)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), ==, "Main Menu");
}

/* Run in a process started under zh_CN.UTF-8 (see tests/ui/meson.build):
 * GLib decides once per process whether to translate. */
static void
test_chinese (void)
{
  Fixture f = { 0 };
  XjSiteDialog *dialog;
  g_autoptr(XjSite) site = NULL;
  g_autoptr(GError) error = NULL;

  fixture_set_up (&f, NULL);

  g_assert_true (xj_test_label_shown (GTK_WIDGET (f.window), "还没有项目"));
  xj_test_assert_translated (GTK_WIDGET (f.window));

  site = xj_site_new ("翠湖花园", XJ_SITE_KIND_ESTATE);
  xj_site_set_address (site, "杭州市西湖区文三路 388 号");
  g_assert_true (xj_store_save_site (xj_application_get_store (f.app), site, "测试", &error));
  xj_test_wait_until (g_strcmp0 (xj_site_kind_get_label (XJ_SITE_KIND_ESTATE), "物业小区") == 0);
  g_assert_true (xj_test_label_shown (GTK_WIDGET (f.window), "翠湖花园"));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (f.window), "物业小区"));
  xj_test_assert_translated (GTK_WIDGET (f.window));

  /* Listed in pinyin order: Bīnjiāng before Cuìhú, whatever the code points. */
  {
    g_autoptr(XjSite) other = xj_site_new ("滨江壹号", XJ_SITE_KIND_ESTATE);
    g_autoptr(XjSite) first = NULL;

    g_assert_true (xj_store_save_site (xj_application_get_store (f.app), other, "测试", &error));
    xj_test_iterate (50);
    first = g_list_model_get_item (xj_sites_page_get_model (f.page), 0);
    g_assert_cmpstr (xj_site_get_name (first), ==, "滨江壹号");
  }

  dialog = open_add_dialog (&f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "site.save", NULL));
  xj_test_wait_until (xj_test_label_shown (GTK_WIDGET (dialog), "请输入项目名称"));
  xj_test_assert_translated (GTK_WIDGET (dialog));

  g_action_group_activate_action (G_ACTION_GROUP (f.app), "preferences", NULL);
  xj_test_wait_until (xj_test_find_window (ADW_TYPE_PREFERENCES_WINDOW) != NULL);
  xj_test_iterate (50);  /* laid out before its labels are read */
  xj_test_assert_translated (GTK_WIDGET (xj_test_find_window (ADW_TYPE_PREFERENCES_WINDOW)));
  gtk_window_destroy (xj_test_find_window (ADW_TYPE_PREFERENCES_WINDOW));

  fixture_tear_down (&f, NULL);
}

/* What a dialog says when the sites table cannot be read: that, not "no
 * active site yet". */
static void
assert_read_error (const char *text)
{
  g_assert_nonnull (text);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "address"));
  g_assert_null (strstr (text, "no active site"));
}

/* The sites cannot be read (a damaged table: a column gone): the New Inspection and
 * schedule dialogs say so, and not "no active site yet" over empty lists;
 * starting or saving says it again. */
static void
test_dialogs_read_error (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  XjNewInspectionDialog *start;
  XjScheduleDialog *schedule;
  GtkLabel *label;

  g_assert_true (xj_store_exec (xj_application_get_store (f->app), "ALTER TABLE sites RENAME COLUMN address TO address_damaged", &error));
  g_assert_no_error (error);

  start = xj_new_inspection_dialog_new (f->app);
  gtk_window_set_transient_for (GTK_WINDOW (start), GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (start));
  xj_test_iterate (20);
  label = GTK_LABEL (xj_test_find_widget (GTK_WIDGET (start), "error_label"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
  assert_read_error (gtk_label_get_text (label));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (start), "new-inspection.start", NULL));
  xj_test_iterate (20);
  g_assert_nonnull (xj_test_find_window (XJ_TYPE_NEW_INSPECTION_DIALOG));
  assert_read_error (gtk_label_get_text (label));
  gtk_window_destroy (GTK_WINDOW (start));

  schedule = xj_schedule_dialog_new (f->app, NULL);
  gtk_window_present (GTK_WINDOW (schedule));
  xj_test_iterate (20);
  assert_read_error (xj_schedule_dialog_get_error (schedule));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (schedule), "schedule.save", NULL));
  xj_test_iterate (20);
  g_assert_nonnull (xj_test_find_window (XJ_TYPE_SCHEDULE_DIALOG));
  assert_read_error (xj_schedule_dialog_get_error (schedule));
  gtk_window_destroy (GTK_WINDOW (schedule));

  g_assert_true (xj_store_exec (xj_application_get_store (f->app), "ALTER TABLE sites RENAME COLUMN address_damaged TO address", &error));
}

/* Chooses the checklist named @name in a dialog's checklist row. */
static void
choose_checklist (GtkWidget  *dialog,
                  const char *name)
{
  AdwComboRow *row = ADW_COMBO_ROW (xj_test_find_widget (dialog, "template_row"));
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(XjRecord) item = g_list_model_get_item (model, i);
      const XjTemplateSummary *summary = xj_record_get_data (item);

      if (g_strcmp0 (summary->name, name) == 0)
        {
          adw_combo_row_set_selected (row, i);
          xj_test_iterate (5);
          return;
        }
    }
  g_error ("no checklist named %s", name);
}

static const char *
chosen_checklist (GtkWidget *dialog)
{
  AdwComboRow *row = ADW_COMBO_ROW (xj_test_find_widget (dialog, "template_row"));

  return ((XjTemplateSummary *) xj_record_get_data (adw_combo_row_get_selected_item (row)))->name;
}

static guint
chosen (GtkWidget  *dialog,
        const char *row_id)
{
  return adw_combo_row_get_selected (ADW_COMBO_ROW (xj_test_find_widget (dialog, row_id)));
}

static guint
kind_position (const char *kind)
{
  guint n_kinds = 0;
  const XjTemplateChoice *kinds = xj_template_get_kinds (&n_kinds);

  for (guint i = 0; i < n_kinds; i++)
    if (g_str_equal (kinds[i].id, kind))
      return i;
  g_assert_not_reached ();
}

/* The checklist chosen says what it is made for: a new schedule starts on
 * the weekly check, weekly; the monthly check makes it monthly, the daily
 * patrol daily, a mystery call takes its kind and keeps the repeat chosen.
 * A schedule edited keeps its own kind and repeat whatever checklist is
 * chosen.  The
 * New Inspection dialog takes the kind the same way. */
static void
test_checklist_sets_kind (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjSite) site = xj_site_new ("翠湖花园", XJ_SITE_KIND_ESTATE);
  g_autoptr(GPtrArray) saved = NULL;
  XjScheduleDialog *schedule;
  XjNewInspectionDialog *start;
  GtkWidget *dialog;

  g_assert_true (xj_store_save_site (xj_application_get_store (f->app), site, "test", &error));
  g_assert_no_error (error);

  schedule = xj_schedule_dialog_new (f->app, NULL);
  dialog = GTK_WIDGET (schedule);
  gtk_window_present (GTK_WINDOW (schedule));
  xj_test_iterate (10);
  g_assert_cmpstr (chosen_checklist (dialog), ==, "Weekly check");
  g_assert_cmpuint (chosen (dialog, "kind_row"), ==, kind_position ("weekly"));
  g_assert_cmpuint (chosen (dialog, "rule_row"), ==, XJ_SCHEDULE_RULE_WEEKLY);
  choose_checklist (dialog, "Monthly check");
  g_assert_cmpuint (chosen (dialog, "kind_row"), ==, kind_position ("monthly"));
  g_assert_cmpuint (chosen (dialog, "rule_row"), ==, XJ_SCHEDULE_RULE_MONTHLY);
  g_assert_null (xj_schedule_dialog_get_error (schedule));
  choose_checklist (dialog, "Daily patrol");
  g_assert_cmpuint (chosen (dialog, "kind_row"), ==, kind_position ("daily"));
  g_assert_cmpuint (chosen (dialog, "rule_row"), ==, XJ_SCHEDULE_RULE_DAILY);
  choose_checklist (dialog, "Mystery call");
  g_assert_cmpuint (chosen (dialog, "kind_row"), ==, kind_position ("mystery_call"));
  g_assert_cmpuint (chosen (dialog, "rule_row"), ==, XJ_SCHEDULE_RULE_DAILY);
  g_assert_true (gtk_widget_activate_action (dialog, "schedule.save", NULL));
  xj_test_wait_until (xj_test_find_window (XJ_TYPE_SCHEDULE_DIALOG) == NULL);

  /* Edited: its kind and repeat stay as saved. */
  saved = xj_store_list_schedules (xj_application_get_store (f->app), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->len, ==, 1);
  g_assert_cmpstr (xj_schedule_get_kind (saved->pdata[0]), ==, "mystery_call");
  schedule = xj_schedule_dialog_new (f->app, saved->pdata[0]);
  dialog = GTK_WIDGET (schedule);
  gtk_window_present (GTK_WINDOW (schedule));
  xj_test_iterate (10);
  g_assert_cmpstr (chosen_checklist (dialog), ==, "Mystery call");
  choose_checklist (dialog, "Monthly check");
  g_assert_cmpuint (chosen (dialog, "kind_row"), ==, kind_position ("mystery_call"));
  g_assert_cmpuint (chosen (dialog, "rule_row"), ==, XJ_SCHEDULE_RULE_DAILY);
  gtk_window_destroy (GTK_WINDOW (schedule));

  start = xj_new_inspection_dialog_new (f->app);
  dialog = GTK_WIDGET (start);
  gtk_window_present (GTK_WINDOW (start));
  xj_test_iterate (10);
  g_assert_cmpstr (chosen_checklist (dialog), ==, "Daily patrol");
  g_assert_cmpuint (chosen (dialog, "kind_row"), ==, kind_position ("daily"));
  choose_checklist (dialog, "Monthly check");
  g_assert_cmpuint (chosen (dialog, "kind_row"), ==, kind_position ("monthly"));
  choose_checklist (dialog, "Service-desk visit");
  g_assert_cmpuint (chosen (dialog, "kind_row"), ==, kind_position ("mystery_visit"));
  gtk_window_destroy (GTK_WINDOW (start));
}

/* A short list is a short card: one schedule makes a card one row tall,
 * not a white box down to the window's bottom. */
static void
test_short_list_card (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjSite) site = xj_site_new ("翠湖花园", XJ_SITE_KIND_ESTATE);
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(XjSchedule) schedule = NULL;
  XjScheduleSpec spec;
  GtkWidget *page;
  GtkListView *list;

  g_assert_true (xj_store_save_site (xj_application_get_store (f->app), site, "test", &error));
  templates = xj_store_list_templates (xj_application_get_store (f->app), FALSE, &error);
  g_assert_no_error (error);
  xj_schedule_spec_init (&spec, XJ_SCHEDULE_RULE_DAILY);
  schedule = xj_schedule_new (xj_site_get_id (site),
                              ((XjTemplateSummary *) templates->pdata[0])->id, "daily", &spec, 0);
  g_assert_true (xj_store_save_schedule (xj_application_get_store (f->app), schedule, "test",
                                         &error));
  g_assert_no_error (error);

  xj_test_app_show (XJ_TEST_APP (f), "schedules");
  page = xj_test_find_by_type (GTK_WIDGET (f->window), XJ_TYPE_SCHEDULES_PAGE);
  g_assert_nonnull (page);
  list = xj_test_find_page_list (page);
  xj_test_wait_until (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))) == 1
                      && gtk_widget_get_height (GTK_WIDGET (list)) > 0);
  xj_test_iterate (10);
  g_assert_cmpint (gtk_widget_get_height (page), >, 400);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (list)), <, 150);
}

/* The window's actions, activated from a page and from a dialog over it,
 * as pages and dialogs ask for a toast, an error dialog and the runner. */
static void
test_window_actions (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjSite) site = xj_site_new ("翠湖花园", XJ_SITE_KIND_ESTATE);
  g_autoptr(GPtrArray) templates = NULL;
  XjInspectionStart start = { 0 };
  XjSiteDialog *dialog;
  GtkWindow *shown;
  gint64 id;

  /* win.toast from the page, and from a dialog that stands over the window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "win.toast", "s",
                                             "Toast from the page"));
  xj_test_wait_until (xj_test_label_shown (GTK_WIDGET (f->window), "Toast from the page"));
  dialog = open_add_dialog (f);
  g_assert_true (xj_window_action_activate (GTK_WIDGET (dialog), "win.toast", "s",
                                            "Toast from a dialog"));
  xj_test_wait_until (xj_test_label_shown (GTK_WIDGET (f->window), "Toast from a dialog"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* win.show-error: a dialog over the window with the title and the message. */
  g_assert_null (xj_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "win.show-error", "(ss)",
                                             "Cannot Do That", "The disk is full."));
  xj_test_wait_until ((shown = xj_test_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (shown)), ==, "Cannot Do That");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (shown)), ==, "The disk is full.");
  g_assert_true (gtk_window_get_transient_for (shown) == GTK_WINDOW (f->window));
  gtk_window_destroy (shown);

  /* win.open-inspection: the runner of that inspection over the areas. */
  g_assert_true (xj_store_save_site (f->store, site, "test", &error));
  templates = xj_store_list_templates (f->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (templates->len, >, 0);
  start.site_id = xj_site_get_id (site);
  start.template_id = ((XjTemplateSummary *) templates->pdata[0])->id;
  start.kind = "daily";
  start.inspector = "王芳";
  id = xj_store_start_inspection (f->store, &start, &error);
  g_assert_no_error (error);
  g_assert_null (xj_window_get_runner (f->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "win.open-inspection", "x", id));
  xj_test_wait_until (xj_window_get_runner (f->window) != NULL);
  g_assert_cmpint (xj_window_get_inspection_id (f->window), ==, id);
  g_assert_true (gtk_widget_get_mapped (xj_window_get_runner (f->window)));

  /* One that cannot be opened is said in the error dialog. */
  xj_window_close_inspection (f->window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "win.open-inspection", "x",
                                             (gint64) 999999));
  xj_test_wait_until ((shown = xj_test_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (shown)), ==,
                   "Cannot Open the Inspection");
  g_assert_null (xj_window_get_runner (f->window));
  gtk_window_destroy (shown);
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

  if (g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "zh_CN"))
    {
      g_test_add_func ("/xj/ui/zh/all-translated", test_chinese);
      return g_test_run ();
    }

  g_test_add ("/xj/ui/sites/empty-state", Fixture, NULL, fixture_set_up, test_empty_state,
              fixture_tear_down);
  g_test_add ("/xj/ui/sites/add", Fixture, NULL, fixture_set_up, test_add_site,
              fixture_tear_down);
  g_test_add ("/xj/ui/sites/validation-inline", Fixture, NULL, fixture_set_up,
              test_validation_inline, fixture_tear_down);
  g_test_add ("/xj/ui/sites/edit-and-deactivate", Fixture, NULL, fixture_set_up,
              test_edit_and_deactivate, fixture_tear_down);
  g_test_add ("/xj/ui/window/shortcuts", Fixture, NULL, fixture_set_up, test_shortcuts,
              fixture_tear_down);
  g_test_add ("/xj/ui/window/tooltip-width", Fixture, NULL, fixture_set_up, test_tooltip_width,
              fixture_tear_down);
  g_test_add ("/xj/ui/window/menu-tooltip", Fixture, NULL, fixture_set_up, test_menu_tooltip,
              fixture_tear_down);
  g_test_add ("/xj/ui/sites/dialogs-read-error", Fixture, NULL, fixture_set_up,
              test_dialogs_read_error, fixture_tear_down);
  g_test_add ("/xj/ui/dialogs/checklist-sets-kind", Fixture, NULL, fixture_set_up,
              test_checklist_sets_kind, fixture_tear_down);
  g_test_add ("/xj/ui/schedules/short-list-card", Fixture, NULL, fixture_set_up,
              test_short_list_card, fixture_tear_down);
  g_test_add ("/xj/ui/window/actions", Fixture, NULL, fixture_set_up, test_window_actions,
              fixture_tear_down);

  return g_test_run ();
}
