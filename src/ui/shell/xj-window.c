/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjWindow: a sidebar of the application's areas beside the page of the
 * area chosen.  Each area is a page widget that takes the store.
 */
#define G_LOG_DOMAIN "xj-window"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-archive-page.h"
#include "xj-confirm.h"
#include "xj-conflicts-page.h"
#include "xj-overview-page.h"
#include "xj-inspections-page.h"
#include "xj-runner.h"
#include "xj-notices-page.h"
#include "xj-schedules-page.h"
#include "xj-sites-page.h"
#include "xj-sync-status.h"
#include "xj-templates-page.h"
#include "xj-today-page.h"
#include "xj-window.h"

struct _XjWindow
{
  AdwApplicationWindow  parent_instance;

  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar;
  GtkBox               *sidebar_pane;
  GtkWidget            *sync_status;  /* at the sidebar's foot, once the store is open */
  GtkStack             *pages;
  GtkStack             *main_stack;
  AdwStatusPage        *fatal_page;
  GtkRevealer          *banner;
  GtkLabel             *banner_label;
  AdwToastOverlay      *toasts;
  XjRunner             *runner;     /* shown over the areas while an inspection is open */
  gboolean              quit_confirmed;
};

G_DEFINE_FINAL_TYPE (XjWindow, xj_window, ADW_TYPE_APPLICATION_WINDOW)

typedef GtkWidget *(*PageFactory) (XjApplication *application);

/* The areas in sidebar order; each appears when the work that builds it
 * lands. */
static const struct {
  const char  *id;
  const char  *icon;
  const char  *label;
  PageFactory  create;
} areas[] = {
  { "today", "go-home-symbolic", N_("Today"), (PageFactory) xj_today_page_new },
  { "overview", "view-grid-symbolic", N_("Overview"),
    (PageFactory) xj_overview_page_new },
  { "inspections", "document-edit-symbolic", N_("Inspections"),
    (PageFactory) xj_inspections_page_new },
  { "notices", "mail-unread-symbolic", N_("Notices"), (PageFactory) xj_notices_page_new },
  { "templates", "view-list-bullet-symbolic", N_("Templates"), (PageFactory) xj_templates_page_new },
  { "schedules", "x-office-calendar-symbolic", N_("Schedules"), (PageFactory) xj_schedules_page_new },
  { "sites", "find-location-symbolic", N_("Sites"), (PageFactory) xj_sites_page_new },
  { "archive", "folder-documents-symbolic", N_("Archive"), (PageFactory) xj_archive_page_new },
  /* Shown only while the laptop is in a team (update_team_rows). */
  { "conflicts", "dialog-warning-symbolic", N_("Conflicts"), xj_conflicts_page_new },
};

/* --- helpers -------------------------------------------------------------- */

static GtkWidget *
create_sidebar_row (guint index)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (areas[index].icon);
  GtkWidget *label = gtk_label_new (_(areas[index].label));
  GtkWidget *badge = gtk_label_new (NULL);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  /* Counts that an area reports (xj_window_set_badge), hidden at zero. */
  gtk_widget_set_name (badge, "badge");
  gtk_widget_set_visible (badge, FALSE);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "sidebar-badge");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), badge);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, areas[index].id);
  return row;
}

static void
save_window_state (XjWindow *self)
{
  GSettings *settings = xj_application_get_settings (
    XJ_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  int width, height;

  if (settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

/* The Conflicts area is there while the laptop is in a team, with the
 * count of conflicts waiting as its badge. */
static void
update_team_rows (XjWindow      *self,
                  GParamSpec    *pspec,
                  XjSyncMonitor *monitor)
{
  GtkWidget *row = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    if (g_str_equal (areas[i].id, "conflicts"))
      row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->sidebar, i));
  if (row == NULL)
    return;
  gtk_widget_set_visible (row, xj_sync_monitor_get_state (monitor) != XJ_SYNC_STATE_NOT_JOINED);
  xj_window_set_badge (self, "conflicts", xj_sync_monitor_get_conflicts (monitor), TRUE);
}

/* The team's sync status at the sidebar's foot (hidden without a team). */
static void
add_sync_status (XjWindow *self)
{
  XjApplication *application = XJ_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  XjSyncMonitor *monitor = xj_application_get_sync_monitor (application);

  if (self->sync_status != NULL || monitor == NULL)
    return;
  self->sync_status = xj_sync_status_new (monitor, xj_application_get_store (application));
  gtk_box_append (self->sidebar_pane, self->sync_status);
  g_signal_connect_object (monitor, "notify::state", G_CALLBACK (update_team_rows), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (monitor, "notify::conflicts", G_CALLBACK (update_team_rows), self,
                           G_CONNECT_SWAPPED);
  update_team_rows (self, NULL, monitor);
}

/* --- callbacks ------------------------------------------------------------ */

/* Pages are made the first time they are needed: start-up builds only the
 * first one, whatever the size of the data behind the others. */
static GtkWidget *
ensure_page (XjWindow   *self,
             const char *area)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  GtkWidget *page = gtk_stack_get_child_by_name (self->pages, area);

  if (page != NULL || application == NULL
      || xj_application_get_store (XJ_APPLICATION (application)) == NULL)
    return page;
  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    if (g_strcmp0 (areas[i].id, area) == 0)
      {
        page = areas[i].create (XJ_APPLICATION (application));
        gtk_stack_add_named (self->pages, page, areas[i].id);
      }
  return page;
}

static void
on_sidebar_row_activated_cb (XjWindow      *self,
                             GtkListBoxRow *row)
{
  const char *area = gtk_widget_get_name (GTK_WIDGET (row));
  gboolean built = gtk_stack_get_child_by_name (self->pages, area) != NULL;

  ensure_page (self, area);
  /* A page shown for the first time comes at once: a crossfade would draw
   * it, and the page it leaves, every frame while its lists are built
   * (a fifth of a frame's time each with software drawing). */
  gtk_stack_set_visible_child_full (self->pages, area,
                                    built ? gtk_stack_get_transition_type (self->pages)
                                          : GTK_STACK_TRANSITION_TYPE_NONE);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_banner_close_cb (XjWindow *self)
{
  gtk_revealer_set_reveal_child (self->banner, FALSE);
}

/* win.show-notice (x): the notice on its page (0: the board). */
static void
show_notice_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  XjWindow *self = XJ_WINDOW (widget);
  gint64 notice_id = g_variant_get_int64 (parameter);
  GtkWidget *page;

  xj_window_close_inspection (self);
  xj_window_show_area (self, "notices");
  page = xj_window_get_area (self, "notices");
  if (XJ_IS_NOTICES_PAGE (page) && notice_id > 0)
    xj_notices_page_show_notice (XJ_NOTICES_PAGE (page), notice_id);
  else if (XJ_IS_NOTICES_PAGE (page))
    xj_notices_page_show_board (XJ_NOTICES_PAGE (page));
}

/* win.show-notices ((axibb)): the board filtered by sites (none: any),
 * responsible party (-1: any), overdue only, escalated only; from a figure
 * of the Overview, with the Overview's sites (a selection or a group). */
static void
show_notices_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  XjWindow *self = XJ_WINDOW (widget);
  g_autoptr(GVariant) sites = NULL;
  XjNoticeFilter filter;
  GtkWidget *page;
  gsize n_sites;

  xj_notice_filter_init (&filter);
  g_variant_get (parameter, "(@axibb)", &sites, &filter.party, &filter.overdue,
                 &filter.escalated);
  filter.site_ids = g_variant_get_fixed_array (sites, &n_sites, sizeof (gint64));
  filter.n_site_ids = (guint) n_sites;
  xj_window_close_inspection (self);
  xj_window_show_area (self, "notices");
  page = xj_window_get_area (self, "notices");
  if (!XJ_IS_NOTICES_PAGE (page))
    return;
  xj_notices_page_show_board (XJ_NOTICES_PAGE (page));
  xj_notices_page_set_filter (XJ_NOTICES_PAGE (page), &filter);
}

/* win.show-area (s): from a page's call to action to another area. */
static void
show_area_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  xj_window_show_area (XJ_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* win.toast (s): a short message from any page or dialog. */
static void
toast_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  XjWindow *self = XJ_WINDOW (widget);

  adw_toast_overlay_add_toast (self->toasts,
                               adw_toast_new (g_variant_get_string (parameter, NULL)));
}

static gboolean
present_later_cb (gpointer data)
{
  gtk_window_present (data);
  return G_SOURCE_REMOVE;
}

/* Once the window is on screen, the dialog goes over it. */
static void
on_mapped_present_cb (GtkWindow *dialog)
{
  g_idle_add_full (G_PRIORITY_LOW, present_later_cb, g_object_ref (dialog), g_object_unref);
}

/* win.show-error ((ss)): a title and what went wrong, in a dialog over the
 * window, for an error that nothing on the page can show. */
static void
show_error_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  const char *title, *message;
  GtkWidget *dialog;

  g_variant_get (parameter, "(&s&s)", &title, &message);
  dialog = adw_message_dialog_new (GTK_WINDOW (widget), title, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  /* Asked for before the window shows (`--open-inspection` at start-up):
   * presented once it does, or the window would cover it. */
  if (gtk_widget_get_mapped (widget))
    gtk_window_present (GTK_WINDOW (dialog));
  else
    g_signal_connect_object (widget, "map", G_CALLBACK (on_mapped_present_cb), dialog,
                             G_CONNECT_SWAPPED);
}

/* win.open-inspection (x): the runner of that inspection. */
static void
open_inspection_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  xj_window_open_inspection (XJ_WINDOW (widget), g_variant_get_int64 (parameter));
}

/* --- GObject -------------------------------------------------------------- */

static void
on_quit_response_cb (XjWindow   *self,
                     const char *response)
{
  if (g_strcmp0 (response, "quit") != 0)
    return;
  self->quit_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* The last window going while a stopwatch runs: the time is kept (the start
 * is stored), but a shopper who quits by mistake would rather be asked. */
static gboolean
confirm_quit_with_stopwatch (XjWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  guint n_windows = 0;
  XjStore *store;
  AdwMessageDialog *dialog;

  if (self->quit_confirmed || !XJ_IS_APPLICATION (app))
    return FALSE;
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    n_windows += XJ_IS_WINDOW (l->data);
  store = xj_application_get_store (XJ_APPLICATION (app));
  if (n_windows > 1 || store == NULL || xj_store_count_running_timers (store, NULL) == 0)
    return FALSE;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Quit with the Stopwatch Running?"),
                                                       NULL));
  adw_message_dialog_set_body (dialog, _("It keeps counting: open the inspection again to "
                                         "stop it."));
  xj_confirm_present (dialog, "quit", _("_Quit"), ADW_RESPONSE_DEFAULT, "cancel",
                      G_CALLBACK (on_quit_response_cb), self, G_CONNECT_SWAPPED);
  return TRUE;
}

static gboolean
xj_window_close_request (GtkWindow *window)
{
  XjWindow *self = XJ_WINDOW (window);

  /* What is being typed in the runner is written before the window goes. */
  if (self->runner != NULL)
    xj_runner_flush (self->runner);
  if (confirm_quit_with_stopwatch (self))
    return TRUE;
  save_window_state (self);
  return GTK_WINDOW_CLASS (xj_window_parent_class)->close_request (window);
}

static void
xj_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), XJ_TYPE_WINDOW);

  G_OBJECT_CLASS (xj_window_parent_class)->dispose (object);
}

static void
xj_window_class_init (XjWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = xj_window_dispose;
  window_class->close_request = xj_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-window.ui");
  gtk_widget_class_bind_template_child (widget_class, XjWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, XjWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, XjWindow, sidebar_pane);
  gtk_widget_class_bind_template_child (widget_class, XjWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, XjWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, XjWindow, fatal_page);
  gtk_widget_class_bind_template_child (widget_class, XjWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, XjWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, XjWindow, toasts);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_close_cb);

  gtk_widget_class_install_action (widget_class, "win.show-notice", "x", show_notice_activated);
  gtk_widget_class_install_action (widget_class, "win.show-area", "s", show_area_activated);
  gtk_widget_class_install_action (widget_class, "win.show-notices", "(axibb)",
                                   show_notices_activated);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_activated);
  gtk_widget_class_install_action (widget_class, "win.show-error", "(ss)", show_error_activated);
  gtk_widget_class_install_action (widget_class, "win.open-inspection", "x",
                                   open_inspection_activated);
}

static void
xj_window_init (XjWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* --- public API ----------------------------------------------------------- */

XjWindow *
xj_window_new (XjApplication *application)
{
  XjWindow *self = g_object_new (XJ_TYPE_WINDOW, "application", application, NULL);
  GSettings *settings = xj_application_get_settings (application);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  if (xj_application_get_store (application) != NULL)
    xj_window_store_ready (self);
  return self;
}

/* The store is open (at start, or once the start-up page's retry got
 * through): the sidebar and the first area replace that page. */
void
xj_window_store_ready (XjWindow *self)
{
  g_return_if_fail (XJ_IS_WINDOW (self));

  if (gtk_list_box_get_row_at_index (self->sidebar, 0) == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
      gtk_list_box_append (self->sidebar, create_sidebar_row (i));
  ensure_page (self, areas[0].id);
  add_sync_status (self);
  gtk_list_box_select_row (self->sidebar, gtk_list_box_get_row_at_index (self->sidebar, 0));
  gtk_stack_set_visible_child (self->main_stack, GTK_WIDGET (self->leaflet));
}

void
xj_window_show_area (XjWindow   *self,
                     const char *area)
{
  g_return_if_fail (XJ_IS_WINDOW (self));

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    if (g_strcmp0 (areas[i].id, area) == 0)
      {
        GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->sidebar, i);

        gtk_list_box_select_row (self->sidebar, row);
        on_sidebar_row_activated_cb (self, row);
      }
}

/* The page of an area, to be told what to show; NULL without a store. */
GtkWidget *
xj_window_get_area (XjWindow   *self,
                    const char *area)
{
  g_return_val_if_fail (XJ_IS_WINDOW (self), NULL);

  return ensure_page (self, area);
}

/* A count beside an area's name in the sidebar; @count 0 hides it.
 * @urgent colours it as a warning (overdue work). */
void
xj_window_set_badge (XjWindow   *self,
                     const char *area,
                     guint       count,
                     gboolean    urgent)
{
  g_return_if_fail (XJ_IS_WINDOW (self));

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    if (g_strcmp0 (areas[i].id, area) == 0)
      {
        GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->sidebar, i);
        GtkWidget *badge;
        char text[16];

        if (row == NULL)
          return;
        badge = gtk_widget_get_last_child (gtk_list_box_row_get_child (row));
        g_snprintf (text, sizeof text, "%u", count);
        gtk_label_set_text (GTK_LABEL (badge), text);
        gtk_widget_set_visible (badge, count > 0);
        if (urgent)
          gtk_widget_add_css_class (badge, "urgent");
        else
          gtk_widget_remove_css_class (badge, "urgent");
      }
}

void
xj_window_show_error (XjWindow   *self,
                      const char *message)
{
  g_return_if_fail (XJ_IS_WINDOW (self));

  gtk_label_set_text (self->banner_label, message);
  gtk_revealer_set_reveal_child (self->banner, TRUE);
}

/* Nothing can be done without the database: say why and what to do. */
void
xj_window_show_fatal (XjWindow   *self,
                      const char *message)
{
  g_return_if_fail (XJ_IS_WINDOW (self));

  adw_status_page_set_description (self->fatal_page, message);
  gtk_stack_set_visible_child (self->main_stack, GTK_WIDGET (self->fatal_page));
}

/* The runner of an inspection, over the areas.  One runner per inspection
 * in the whole application: opening one that another window shows brings
 * that window forward instead of making a second copy. */
gboolean
xj_window_open_inspection (XjWindow *self,
                           gint64    inspection_id)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  XjRunner *runner;

  g_return_val_if_fail (XJ_IS_WINDOW (self), FALSE);

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (XJ_IS_WINDOW (l->data) && xj_window_get_inspection_id (l->data) == inspection_id)
      {
        gtk_window_present (l->data);
        return TRUE;
      }

  runner = xj_runner_new (XJ_APPLICATION (app), inspection_id, &error);
  if (runner == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "(ss)",
                                  _("Cannot Open the Inspection"), error->message);
      return FALSE;
    }
  xj_window_close_inspection (self);
  self->runner = runner;
  gtk_stack_add_child (self->main_stack, GTK_WIDGET (runner));
  gtk_stack_set_visible_child (self->main_stack, GTK_WIDGET (runner));
  return TRUE;
}

/* Back to the area the runner was opened from. */
void
xj_window_close_inspection (XjWindow *self)
{
  g_return_if_fail (XJ_IS_WINDOW (self));

  if (self->runner == NULL)
    return;
  xj_runner_flush (self->runner);
  gtk_stack_set_visible_child (self->main_stack, GTK_WIDGET (self->leaflet));
  gtk_stack_remove (self->main_stack, GTK_WIDGET (self->runner));
  self->runner = NULL;
}

gint64
xj_window_get_inspection_id (XjWindow *self)
{
  g_return_val_if_fail (XJ_IS_WINDOW (self), 0);

  return self->runner != NULL ? xj_runner_get_inspection_id (self->runner) : 0;
}

GtkWidget *
xj_window_get_runner (XjWindow *self)
{
  g_return_val_if_fail (XJ_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->runner);
}
