/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Notices area: a board with a column per state and its count, the
 * filters above it (the escalated filter is the project manager's list),
 * and the notice page it opens.  The board is loaded in a worker (see
 * xj-notice-query.c); a newer load cancels the older one.
 */
#define G_LOG_DOMAIN "xj-notices-page"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-cancel.h"
#include "xj-choices-private.h"
#include "xj-clock.h"
#include "xj-notice-card.h"
#include "xj-notice-dialog.h"
#include "xj-notice-query.h"
#include "xj-notice-view.h"
#include "xj-notices-page.h"
#include "xj-site.h"
#include "xj-site-picker.h"
#include "xj-team-role.h"
#include "xj-window-actions.h"
#include "xj-window.h"

/* The countdowns move: redraw the board this often while it is shown. */
#define REFRESH_SECONDS 60

typedef struct {
  GtkWidget   *box;
  GtkLabel    *count;
  GListStore  *model;
} Column;

struct _XjNoticesPage
{
  AdwBin           parent_instance;

  XjApplication   *application;
  GCancellable    *cancellable;
  XjNoticeFilter   filter;
  XjNoticeCounts   counts;
  gint64           loaded_at;
  gboolean         loading;
  gboolean         syncing;       /* widgets being set from the filter */
  guint            refresh_id;
  Column           columns[XJ_NOTICE_N_STATES];

  GtkStack        *view_stack;
  GtkStack        *content_stack;
  GtkBox          *columns_box;
  GtkFlowBox      *filter_bar;
  AdwWindowTitle  *title;
  GtkToggleButton *show_closed;
  GtkWidget       *new_button;
  XjSitePicker    *site_filter;
  GtkDropDown     *type_filter;
  GtkDropDown     *party_filter;
  GtkDropDown     *severity_filter;
  GtkToggleButton *overdue_filter;
  GtkToggleButton *week_filter;
  GtkToggleButton *escalated_filter;
  XjNoticeView    *view;
};

G_DEFINE_FINAL_TYPE (XjNoticesPage, xj_notices_page, ADW_TYPE_BIN)

static void reload (XjNoticesPage *self);

/* --- helpers -------------------------------------------------------------- */

static gboolean
filter_is_active (const XjNoticeFilter *filter)
{
  return filter->site_id != 0 || filter->n_site_ids > 0 || filter->type >= 0 || filter->party >= 0
         || filter->severity >= 0 || filter->overdue || filter->due_this_week
         || filter->escalated;
}

static void
update_title (XjNoticesPage *self)
{
  guint open = self->counts.by_state[XJ_NOTICE_STATE_ISSUED]
               + self->counts.by_state[XJ_NOTICE_STATE_ACKNOWLEDGED];
  g_autofree char *subtitle = NULL;

  /* Translators: the board's subtitle: open, overdue and escalated counts */
  subtitle = g_strdup_printf (_("%u open · %u overdue · %u escalated"), open,
                              self->counts.overdue, self->counts.escalated);
  adw_window_title_set_subtitle (self->title, subtitle);
}

static void
show_board (XjNoticesPage *self,
            XjNoticeBoard *board)
{
  GPtrArray *by_state[XJ_NOTICE_N_STATES];

  self->counts = board->counts;
  for (guint s = 0; s < XJ_NOTICE_N_STATES; s++)
    by_state[s] = g_ptr_array_new ();
  for (guint i = 0; i < board->notices->len; i++)
    {
      XjNotice *notice = g_ptr_array_index (board->notices, i);

      g_ptr_array_add (by_state[xj_notice_get_state (notice)], notice);
    }
  for (guint s = 0; s < XJ_NOTICE_N_STATES; s++)
    {
      Column *column = &self->columns[s];
      g_autofree char *count = g_strdup_printf ("%u", self->counts.by_state[s]);

      g_list_store_splice (column->model, 0,
                           g_list_model_get_n_items (G_LIST_MODEL (column->model)),
                           by_state[s]->pdata, by_state[s]->len);
      gtk_label_set_text (column->count, count);
      g_ptr_array_unref (by_state[s]);
    }
  update_title (self);
  if (board->counts.total > 0)
    gtk_stack_set_visible_child_name (self->content_stack, "board");
  else
    gtk_stack_set_visible_child_name (self->content_stack,
                                      filter_is_active (&self->filter) ? "no-match" : "empty");
}

static void
on_board_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(XjNoticesPage) self = user_data;
  g_autoptr(XjNoticeBoard) board = NULL;
  g_autoptr(GError) error = NULL;

  board = xj_notice_board_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->application == NULL)
    return;
  self->loading = FALSE;
  if (board == NULL)
    {
      xj_toast (GTK_WIDGET (self), error->message);
      return;
    }
  show_board (self, board);
}

static void
reload (XjNoticesPage *self)
{
  XjStore *store = xj_application_get_store (self->application);

  xj_cancel_clear (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  self->loaded_at = xj_clock_now ();
  xj_notice_board_load_async (store, &self->filter, self->loaded_at, self->cancellable,
                              on_board_loaded_cb, g_object_ref (self));
}

/* --- filters -------------------------------------------------------------- */

static GtkDropDown *
add_drop_down (XjNoticesPage *self,
               const char    *all_label,
               const char    *accessible)
{
  const char *items[] = { all_label, NULL };
  GtkDropDown *drop_down = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (items));

  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (drop_down), accessible);
  gtk_flow_box_append (self->filter_bar, GTK_WIDGET (drop_down));
  return drop_down;
}

static GtkToggleButton *
add_toggle (XjNoticesPage *self,
            const char    *label,
            const char    *tooltip)
{
  GtkWidget *toggle = gtk_toggle_button_new_with_label (label);

  gtk_widget_set_tooltip_text (toggle, tooltip);
  gtk_flow_box_append (self->filter_bar, toggle);
  return GTK_TOGGLE_BUTTON (toggle);
}

static void
append_labels (GtkDropDown *drop_down,
               guint        n,
               const char *(*get_label) (int))
{
  GtkStringList *list = GTK_STRING_LIST (gtk_drop_down_get_model (drop_down));

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, get_label ((int) i));
}

/* A drop-down's entry 0 is "all": -1 in the filter. */
static int
selected_value (GtkDropDown *drop_down)
{
  return (int) gtk_drop_down_get_selected (drop_down) - 1;
}

static void
on_filter_changed_cb (XjNoticesPage *self)
{
  const gint64 *site_ids;

  if (self->syncing)
    return;
  /* The picker's sites, copied: the filter outlives its next change. */
  site_ids = xj_site_picker_get_selection (self->site_filter, &self->filter.n_site_ids);
  g_free ((gint64 *) self->filter.site_ids);
  self->filter.site_ids = g_memdup2 (site_ids, self->filter.n_site_ids * sizeof (gint64));
  self->filter.site_id = 0;
  self->filter.type = selected_value (self->type_filter);
  self->filter.party = selected_value (self->party_filter);
  self->filter.severity = selected_value (self->severity_filter);
  self->filter.overdue = gtk_toggle_button_get_active (self->overdue_filter);
  self->filter.due_this_week = gtk_toggle_button_get_active (self->week_filter);
  self->filter.escalated = gtk_toggle_button_get_active (self->escalated_filter);
  reload (self);
}

static void
build_filters (XjNoticesPage *self)
{
  /* The site picker comes with the application's store (xj_notices_page_new). */
  self->type_filter = add_drop_down (self, _("All Types"), _("Notice type"));
  append_labels (self->type_filter, XJ_NOTICE_N_TYPES, (gpointer) xj_notice_type_get_label);
  self->party_filter = add_drop_down (self, _("All Parties"), _("Responsible party"));
  append_labels (self->party_filter, XJ_RESPONSIBLE_N_PARTIES,
                 (gpointer) xj_responsible_party_get_label);
  self->severity_filter = add_drop_down (self, _("All Severities"), _("Severity"));
  append_labels (self->severity_filter, XJ_NOTICE_N_SEVERITIES,
                 (gpointer) xj_notice_severity_get_label);
  self->overdue_filter = add_toggle (self, _("Overdue"), _("Only notices past their deadline"));
  self->week_filter = add_toggle (self, _("Due This Week"),
                                  _("Only open notices due by Sunday"));
  self->escalated_filter = add_toggle (self, _("Escalated"),
                                       _("Only notices escalated to the project manager"));

  gtk_widget_set_name (GTK_WIDGET (self->escalated_filter), "escalated-filter");
  g_signal_connect_swapped (self->type_filter, "notify::selected",
                            G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->party_filter, "notify::selected",
                            G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->severity_filter, "notify::selected",
                            G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->overdue_filter, "toggled", G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->week_filter, "toggled", G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->escalated_filter, "toggled",
                            G_CALLBACK (on_filter_changed_cb), self);
}

/* --- columns -------------------------------------------------------------- */

static GtkWidget *
create_card (gpointer item,
             gpointer user_data)
{
  XjNoticesPage *self = user_data;

  return xj_notice_card_new (item, self->loaded_at);
}

static void
on_card_activated_cb (XjNoticesPage *self,
                      GtkListBoxRow *row)
{
  xj_notices_page_show_notice (self, xj_notice_get_id (xj_notice_card_get_notice (XJ_NOTICE_CARD (row))));
}

static void
build_columns (XjNoticesPage *self)
{
  for (XjNoticeState s = 0; s < XJ_NOTICE_N_STATES; s++)
    {
      Column *column = &self->columns[s];
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *name = gtk_label_new (xj_notice_state_get_label (s));
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *list = gtk_list_box_new ();

      column->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      column->count = GTK_LABEL (gtk_label_new ("0"));
      column->model = g_list_store_new (XJ_TYPE_NOTICE);

      gtk_widget_add_css_class (name, "heading");
      gtk_widget_add_css_class (GTK_WIDGET (column->count), "tag");
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_set_margin_start (header, 6);
      gtk_widget_set_margin_top (header, 6);
      gtk_box_append (GTK_BOX (header), name);
      gtk_box_append (GTK_BOX (header), GTK_WIDGET (column->count));

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_widget_set_valign (list, GTK_ALIGN_START);
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      xj_notice_state_get_label (s), -1);
      gtk_list_box_bind_model (GTK_LIST_BOX (list), G_LIST_MODEL (column->model), create_card,
                               self, NULL);
      g_signal_connect_swapped (list, "row-activated", G_CALLBACK (on_card_activated_cb), self);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
      gtk_widget_set_vexpand (scrolled, TRUE);

      gtk_widget_add_css_class (column->box, "notice-column");
      /* Narrow enough that the five columns in use fit 1366 px beside the
       * sidebar; with the closed column too the board scrolls. */
      gtk_widget_set_size_request (column->box, 176, -1);
      gtk_box_append (GTK_BOX (column->box), header);
      gtk_box_append (GTK_BOX (column->box), scrolled);
      gtk_box_append (self->columns_box, column->box);
    }
  /* Closed notices are the archive: out of the way until asked for. */
  g_object_bind_property (self->show_closed, "active",
                          self->columns[XJ_NOTICE_STATE_CLOSED].box, "visible",
                          G_BINDING_SYNC_CREATE);
}

/* --- callbacks and actions ------------------------------------------------ */

static void
on_store_changed_cb (XjNoticesPage *self,
                     const char    *table)
{
  /* The site filter follows the sites by itself; names on cards may change. */
  reload (self);
}

/* In a team whose rules keep the user's role from raising notices, New
 * Notice is off and says why. */
static void
update_team (XjNoticesPage *self)
{
  g_autofree char *refusal = xj_team_role_refusal_here (self->application,
                                                        XJ_TEAM_ACT_WRITE_NOTICE);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "notices.new", refusal == NULL);
  gtk_widget_set_tooltip_text (self->new_button,
                               refusal != NULL ? refusal : _("New Notice (Ctrl+Shift+N)"));
}

static gboolean
on_refresh_cb (gpointer data)
{
  XjNoticesPage *self = data;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && !self->loading)
    reload (self);
  return G_SOURCE_CONTINUE;
}

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  XjNoticesPage *self = XJ_NOTICES_PAGE (widget);
  GtkWidget *dialog;

  /* The shortcut is window-wide; act only when this page is the one shown. */
  if (!gtk_widget_get_mapped (widget))
    return;
  dialog = xj_notice_dialog_new (self->application,
                                 self->filter.n_site_ids == 1 ? self->filter.site_ids[0] : 0);
  xj_window_present_over (GTK_WINDOW (dialog), widget);
}

static void
clear_filters_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  XjNoticeFilter any;

  xj_notice_filter_init (&any);
  xj_notices_page_set_filter (XJ_NOTICES_PAGE (widget), &any);
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  xj_notices_page_show_board (XJ_NOTICES_PAGE (widget));
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_notices_page_dispose (GObject *object)
{
  XjNoticesPage *self = XJ_NOTICES_PAGE (object);

  xj_cancel_clear (&self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_NOTICES_PAGE);
  for (guint s = 0; s < XJ_NOTICE_N_STATES; s++)
    g_clear_object (&self->columns[s].model);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (xj_notices_page_parent_class)->dispose (object);
}

static void
xj_notices_page_finalize (GObject *object)
{
  XjNoticesPage *self = XJ_NOTICES_PAGE (object);

  g_free ((gint64 *) self->filter.site_ids);

  G_OBJECT_CLASS (xj_notices_page_parent_class)->finalize (object);
}

static void
xj_notices_page_class_init (XjNoticesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_notices_page_dispose;
  object_class->finalize = xj_notices_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-notices-page.ui");
  gtk_widget_class_bind_template_child (widget_class, XjNoticesPage, content_stack);
  gtk_widget_class_bind_template_child_full (widget_class, "columns", FALSE,
                                             G_STRUCT_OFFSET (XjNoticesPage, columns_box));
  gtk_widget_class_bind_template_child (widget_class, XjNoticesPage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, XjNoticesPage, title);
  gtk_widget_class_bind_template_child (widget_class, XjNoticesPage, show_closed);

  gtk_widget_class_bind_template_child (widget_class, XjNoticesPage, new_button);
  gtk_widget_class_install_action (widget_class, "notices.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "notices.clear-filters", NULL,
                                   clear_filters_activated);
  gtk_widget_class_install_action (widget_class, "notices.back", NULL, back_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "notices.back", NULL);
}

static void
xj_notices_page_init (XjNoticesPage *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The bin's own child: AdwBin unparents it, so it is not a bound
   * template child (that would unparent it twice). */
  self->view_stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));
  xj_notice_filter_init (&self->filter);
  build_filters (self);
  build_columns (self);

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Primary><Shift>n"),
                                                          gtk_named_action_new ("notices.new")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  self->refresh_id = g_timeout_add_seconds (REFRESH_SECONDS, on_refresh_cb, self);
}

/* --- public API ----------------------------------------------------------- */

GtkWidget *
xj_notices_page_new (XjApplication *application)
{
  XjNoticesPage *self = g_object_new (XJ_TYPE_NOTICES_PAGE, NULL);
  XjStore *store = xj_application_get_store (application);

  self->application = g_object_ref (application);
  /* Several sites may be chosen, as on the Overview. */
  self->site_filter = XJ_SITE_PICKER (xj_site_picker_new (store));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->site_filter), _("Sites"));
  gtk_flow_box_insert (self->filter_bar, GTK_WIDGET (self->site_filter), 0);
  g_signal_connect_swapped (self->site_filter, "changed", G_CALLBACK (on_filter_changed_cb), self);
  self->view = XJ_NOTICE_VIEW (xj_notice_view_new (application));
  gtk_stack_add_named (self->view_stack, GTK_WIDGET (self->view), "notice");
  g_signal_connect_object (store, "changed::notices", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::sites", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::team_settings", G_CALLBACK (update_team), self,
                           G_CONNECT_SWAPPED);
  update_team (self);
  reload (self);
  return GTK_WIDGET (self);
}

void
xj_notices_page_show_notice (XjNoticesPage *self,
                             gint64         notice_id)
{
  g_return_if_fail (XJ_IS_NOTICES_PAGE (self));

  xj_notice_view_set_notice_id (self->view, notice_id);
  gtk_stack_set_visible_child_name (self->view_stack, "notice");
}

void
xj_notices_page_show_board (XjNoticesPage *self)
{
  g_return_if_fail (XJ_IS_NOTICES_PAGE (self));

  gtk_stack_set_visible_child_name (self->view_stack, "board");
}

/* Sets the filters and the widgets that show them; reloads. */
void
xj_notices_page_set_filter (XjNoticesPage        *self,
                            const XjNoticeFilter *filter)
{
  g_return_if_fail (XJ_IS_NOTICES_PAGE (self));
  g_return_if_fail (filter != NULL);

  self->syncing = TRUE;
  if (filter->n_site_ids > 0)
    xj_site_picker_set_selection (self->site_filter, filter->site_ids, filter->n_site_ids);
  else
    xj_site_picker_set_selection (self->site_filter, &filter->site_id, filter->site_id != 0);
  gtk_drop_down_set_selected (self->type_filter, (guint) (filter->type + 1));
  gtk_drop_down_set_selected (self->party_filter, (guint) (filter->party + 1));
  gtk_drop_down_set_selected (self->severity_filter, (guint) (filter->severity + 1));
  gtk_toggle_button_set_active (self->overdue_filter, filter->overdue);
  gtk_toggle_button_set_active (self->week_filter, filter->due_this_week);
  gtk_toggle_button_set_active (self->escalated_filter, filter->escalated);
  self->syncing = FALSE;
  on_filter_changed_cb (self);
}

gboolean
xj_notices_page_is_loading (XjNoticesPage *self)
{
  g_return_val_if_fail (XJ_IS_NOTICES_PAGE (self), FALSE);
  return self->loading;
}

GListModel *
xj_notices_page_get_column (XjNoticesPage *self,
                            XjNoticeState  state)
{
  g_return_val_if_fail (XJ_IS_NOTICES_PAGE (self), NULL);
  g_return_val_if_fail (state < XJ_NOTICE_N_STATES, NULL);
  return G_LIST_MODEL (self->columns[state].model);
}

const XjNoticeCounts *
xj_notices_page_get_counts (XjNoticesPage *self)
{
  g_return_val_if_fail (XJ_IS_NOTICES_PAGE (self), NULL);
  return &self->counts;
}
