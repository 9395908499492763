/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Sites area: list, add, edit, deactivate and reactivate; in a team,
 * follow a site (its notices arriving by sync are announced), and what the
 * user's role may not change is off, with the reason.
 */
#define G_LOG_DOMAIN "xj-sites-page"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-site-dialog.h"
#include "xj-site-merge-dialog.h"
#include "xj-site.h"
#include "xj-sites-page.h"
#include "xj-team-laptop.h"
#include "xj-team-news.h"
#include "xj-team-probe.h"
#include "xj-window-actions.h"
#include "xj-window.h"

struct _XjSitesPage
{
  AdwBin          parent_instance;

  XjApplication  *application;
  GListStore     *sites;
  GHashTable     *followed;     /* ids of the sites followed; NULL: in no team */
  char           *refusal;      /* why the team role may not change sites, or NULL */

  GtkStack       *stack;
  GtkListBox     *list;
  GtkToggleButton *show_inactive;
  GtkWidget      *add_button;
};

G_DEFINE_FINAL_TYPE (XjSitesPage, xj_sites_page, ADW_TYPE_BIN)

/* --- helpers -------------------------------------------------------------- */

/* In a team, which sites the user follows (kept by UUID in the settings),
 * and whether the role may change sites. */
static void
read_team (XjSitesPage *self)
{
  XjStore *store = xj_application_get_store (self->application);
  g_autoptr(XjTeamMembership) membership = xj_team_get_membership (store, NULL);
  g_auto(GStrv) uuids = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->followed, g_hash_table_unref);
  g_clear_pointer (&self->refusal, g_free);
  if (membership != NULL && membership->server != NULL)
    self->refusal = xj_team_role_refusal (membership->role, XJ_TEAM_ACT_EDIT_SHARED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sites.add", self->refusal == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sites.merge", self->refusal == NULL);
  gtk_widget_set_tooltip_text (self->add_button,
                               self->refusal != NULL ? self->refusal : _("Add Site (Ctrl+N)"));
  if (membership == NULL || membership->server == NULL)
    return;
  uuids = g_settings_get_strv (xj_application_get_settings (self->application), "followed-sites");
  self->followed = xj_team_list_followed_sites (store, (const char *const *) uuids, &error);
  if (self->followed == NULL)
    g_warning ("Followed sites not read: %s", error->message);
}

static void
reload (XjSitesPage *self)
{
  XjStore *store = xj_application_get_store (self->application);
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;

  sites = xj_store_list_sites (store, gtk_toggle_button_get_active (self->show_inactive), &error);
  if (sites == NULL)
    {
      xj_toast (GTK_WIDGET (self), error->message);
      return;
    }
  read_team (self);
  g_list_store_splice (self->sites, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sites)),
                       sites->pdata, sites->len);
  if (sites->len > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else
    {
      /* Empty because every site is deactivated is not "no sites yet". */
      g_autoptr(GPtrArray) all = xj_store_list_sites (store, TRUE, NULL);

      gtk_stack_set_visible_child_name (self->stack, all != NULL && all->len > 0 ? "all-inactive"
                                                                                : "empty");
    }
}

static void
open_dialog (XjSitesPage *self,
             XjSite      *site)
{
  XjSiteDialog *dialog = xj_site_dialog_new (self->application, site);

  xj_window_present_over (GTK_WINDOW (dialog), GTK_WIDGET (self));
}

static gboolean
set_active (XjSitesPage *self,
            gint64       site_id,
            gboolean     active)
{
  g_autofree char *actor = xj_application_dup_actor (self->application);
  g_autoptr(GError) error = NULL;

  if (!xj_store_set_site_active (xj_application_get_store (self->application),
                                 site_id, active, actor, &error))
    {
      xj_toast (GTK_WIDGET (self), error->message);
      return FALSE;
    }
  return TRUE;
}

static void
on_undo_clicked_cb (AdwToast    *toast,
                    XjSitesPage *self)
{
  set_active (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "site-id")), TRUE);
}

/* Deactivating hides the site from lists, Today and new inspections at
 * once: the toast says so and offers to take it back. */
static void
deactivate (XjSitesPage *self,
            XjSite      *site)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  gint64 site_id = xj_site_get_id (site);
  g_autofree char *title = NULL;
  AdwToast *toast;

  title = g_strdup_printf (_("“%s” deactivated"), xj_site_get_name (site));
  if (!set_active (self, site_id, FALSE) || overlay == NULL)
    return;
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data (G_OBJECT (toast), "site-id", GSIZE_TO_POINTER (site_id));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* --- callbacks ------------------------------------------------------------ */

static void
on_edit_clicked_cb (GtkButton *button,
                    XjSite    *site)
{
  XjSitesPage *self = XJ_SITES_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                              XJ_TYPE_SITES_PAGE));
  open_dialog (self, site);
}

static void
on_row_activated_cb (AdwActionRow *row,
                     XjSite       *site)
{
  XjSitesPage *self = XJ_SITES_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (row),
                                                              XJ_TYPE_SITES_PAGE));
  open_dialog (self, site);
}

static void
on_active_clicked_cb (GtkButton *button,
                      XjSite    *site)
{
  XjSitesPage *self = XJ_SITES_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                              XJ_TYPE_SITES_PAGE));
  if (xj_site_get_active (site))
    deactivate (self, site);
  else
    set_active (self, xj_site_get_id (site), TRUE);
}

/* Following a site: its notices that arrive by sync are announced. */
static void
on_follow_toggled_cb (GtkToggleButton *button,
                      XjSite          *site)
{
  XjSitesPage *self = XJ_SITES_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                              XJ_TYPE_SITES_PAGE));
  GSettings *settings = xj_application_get_settings (self->application);
  gboolean follow = gtk_toggle_button_get_active (button);
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = xj_team_dup_site_uuid (xj_application_get_store (self->application),
                                                 xj_site_get_id (site), &error);
  g_auto(GStrv) before = g_settings_get_strv (settings, "followed-sites");
  g_autoptr(GStrvBuilder) after = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;
  gint64 *id = g_new (gint64, 1);

  *id = xj_site_get_id (site);
  if (uuid == NULL)
    {
      g_free (id);
      xj_toast (GTK_WIDGET (self), error->message);
      return;
    }
  for (guint i = 0; before[i] != NULL; i++)
    if (!g_str_equal (before[i], uuid))
      g_strv_builder_add (after, before[i]);
  if (follow)
    g_strv_builder_add (after, uuid);
  kept = g_strv_builder_end (after);
  g_settings_set_strv (settings, "followed-sites", (const char *const *) kept);
  if (self->followed != NULL && follow)
    g_hash_table_add (self->followed, g_steal_pointer (&id));
  else if (self->followed != NULL)
    g_hash_table_remove (self->followed, id);
  g_free (id);
  gtk_button_set_icon_name (GTK_BUTTON (button), follow ? "starred-symbolic"
                                                        : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (button),
                               follow ? _("Following: its new notices from the team are announced")
                                      : _("Follow: announce its new notices from the team"));
}

/* In a team: a star to follow the site. */
static void
add_follow_button (XjSitesPage  *self,
                   AdwActionRow *row,
                   XjSite       *site)
{
  gint64 id = xj_site_get_id (site);
  gboolean followed = g_hash_table_contains (self->followed, &id);
  g_autofree char *label = g_strdup_printf (_("Follow %s"), xj_site_get_name (site));
  GtkWidget *follow = gtk_toggle_button_new ();

  gtk_button_set_icon_name (GTK_BUTTON (follow), followed ? "starred-symbolic"
                                                          : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (follow,
                               followed ? _("Following: its new notices from the team are announced")
                                        : _("Follow: announce its new notices from the team"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (follow), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (follow), followed);
  gtk_widget_set_name (follow, "follow");
  gtk_widget_set_valign (follow, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (follow, "flat");
  g_signal_connect_object (follow, "toggled", G_CALLBACK (on_follow_toggled_cb), site, 0);
  adw_action_row_add_suffix (row, follow);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  XjSitesPage *self = user_data;
  XjSite *site = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  GtkWidget *toggle;
  g_autofree char *subtitle = NULL;
  g_autofree char *edit_label = g_strdup_printf (_("Edit %s"), xj_site_get_name (site));

  if (*xj_site_get_address (site) != '\0')
    subtitle = g_strdup_printf ("%s · %s", xj_site_kind_get_label (xj_site_get_kind (site)),
                                xj_site_get_address (site));
  else
    subtitle = g_strdup (xj_site_kind_get_label (xj_site_get_kind (site)));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), xj_site_get_name (site));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect_object (row, "activated", G_CALLBACK (on_row_activated_cb), site, 0);

  if (!xj_site_get_active (site))
    {
      GtkWidget *tag = gtk_label_new (_("Inactive"));

      gtk_widget_add_css_class (tag, "dim-label");
      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
      toggle = gtk_button_new_with_label (_("Reactivate"));
    }
  else
    {
      toggle = gtk_button_new_with_label (_("Deactivate"));
    }
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (toggle, "flat");
  g_signal_connect_object (toggle, "clicked", G_CALLBACK (on_active_clicked_cb), site, 0);

  gtk_widget_set_name (edit, "edit");
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (edit, _("Edit"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, edit_label, -1);
  gtk_widget_add_css_class (edit, "flat");
  g_signal_connect_object (edit, "clicked", G_CALLBACK (on_edit_clicked_cb), site, 0);

  if (xj_site_get_possible_duplicate (site))
    xj_site_merge_decorate_row (ADW_ACTION_ROW (row), site);
  if (self->followed != NULL)
    add_follow_button (self, ADW_ACTION_ROW (row), site);
  if (self->refusal != NULL)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_sensitive (toggle, FALSE);
      gtk_widget_set_sensitive (edit, FALSE);
      gtk_widget_set_tooltip_text (toggle, self->refusal);
      gtk_widget_set_tooltip_text (edit, self->refusal);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  return row;
}

static void
on_show_inactive_toggled_cb (XjSitesPage *self)
{
  reload (self);
}

static void
on_store_changed_cb (XjSitesPage *self)
{
  reload (self);
}

/* Every sync writes team_settings: only joining or leaving reloads. */
static void
on_team_changed_cb (XjSitesPage *self)
{
  g_autoptr(XjTeamMembership) membership =
    xj_team_get_membership (xj_application_get_store (self->application), NULL);
  gboolean joined = membership != NULL && membership->server != NULL;

  if (joined != (self->followed != NULL))
    reload (self);
}

static void
add_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  XjSitesPage *self = XJ_SITES_PAGE (widget);

  /* The shortcut is window-wide; act only when this page is the one shown. */
  if (gtk_widget_get_mapped (widget))
    open_dialog (self, NULL);
}

static void
merge_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  XjSitesPage *self = XJ_SITES_PAGE (widget);

  xj_site_merge_dialog_present (widget, self->application, g_variant_get_int64 (parameter));
}

static void
show_inactive_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  gtk_toggle_button_set_active (XJ_SITES_PAGE (widget)->show_inactive, TRUE);
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_sites_page_dispose (GObject *object)
{
  XjSitesPage *self = XJ_SITES_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_SITES_PAGE);
  g_clear_object (&self->sites);
  g_clear_pointer (&self->followed, g_hash_table_unref);
  g_clear_pointer (&self->refusal, g_free);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (xj_sites_page_parent_class)->dispose (object);
}

static void
xj_sites_page_class_init (XjSitesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_sites_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-sites-page.ui");
  gtk_widget_class_bind_template_child (widget_class, XjSitesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, XjSitesPage, list);
  gtk_widget_class_bind_template_child (widget_class, XjSitesPage, show_inactive);
  gtk_widget_class_bind_template_child (widget_class, XjSitesPage, add_button);
  gtk_widget_class_bind_template_callback (widget_class, on_show_inactive_toggled_cb);

  gtk_widget_class_install_action (widget_class, "sites.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "sites.show-inactive", NULL,
                                   show_inactive_activated);
  gtk_widget_class_install_action (widget_class, "sites.merge", "x", merge_activated);
}

static void
xj_sites_page_init (XjSitesPage *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->sites = g_list_store_new (XJ_TYPE_SITE);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->sites), create_row, self, NULL);

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Primary>n"),
                                                          gtk_named_action_new ("sites.add")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

/* --- public API ----------------------------------------------------------- */

GtkWidget *
xj_sites_page_new (XjApplication *application)
{
  XjSitesPage *self = g_object_new (XJ_TYPE_SITES_PAGE, NULL);

  self->application = g_object_ref (application);
  g_signal_connect_object (xj_application_get_store (application), "changed::sites",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  /* Joining or leaving shows or hides the follow stars. */
  g_signal_connect_object (xj_application_get_store (application), "changed::team_settings",
                           G_CALLBACK (on_team_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);
  return GTK_WIDGET (self);
}

GListModel *
xj_sites_page_get_model (XjSitesPage *self)
{
  g_return_val_if_fail (XJ_IS_SITES_PAGE (self), NULL);

  return G_LIST_MODEL (self->sites);
}
