/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Inspections area: drafts first (open one to carry on where it was
 * left), then inspections newest first with filters by site, kind, state
 * and period.  The list is a lazy model counted and read a page at a time
 * in a worker, and only the rows on screen are built: an archive of a
 * hundred thousand inspections never loads at once, nor on the main loop.
 */
#define G_LOG_DOMAIN "xj-inspections-page"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-clock.h"
#include "xj-choices-private.h"
#include "xj-filters-private.h"
#include "xj-inspection.h"
#include "xj-inspection-model.h"
#include "xj-inspections-page.h"
#include "xj-list-row.h"
#include "xj-new-inspection-dialog.h"
#include "xj-record-rows-private.h"
#include "xj-site.h"
#include "xj-team-laptop.h"
#include "xj-team-probe.h"
#include "xj-window-actions.h"
#include "xj-window.h"

#define MAX_DRAFTS 50

struct _XjInspectionsPage
{
  AdwBin             parent_instance;

  XjApplication     *application;
  GPtrArray         *draft_rows;
  XjPagedModel      *model;        /* the list below the drafts */
  XjPagedModel      *drafts;
  gboolean           with_drafts;  /* the state filter is "any" */
  gboolean           dirty;        /* the store changed while the page was hidden */
  gboolean           drafts_connected;

  GtkStack          *stack;
  GtkWidget         *new_button;
  GtkWidget         *drafts_scroller;
  AdwPreferencesGroup *drafts_group;
  GtkBox            *filters;
  GtkListView       *list;
  GtkDropDown       *site_filter;
  GtkDropDown       *kind_filter;
  GtkDropDown       *state_filter;
  GtkDropDown       *period_filter;
  GtkDropDown       *whose_filter;  /* shown while the laptop is in a team */
  char              *team_user;     /* this laptop's team login; NULL: in no team */
};

G_DEFINE_FINAL_TYPE (XjInspectionsPage, xj_inspections_page, ADW_TYPE_BIN)

static const char *const periods[] = {
  N_("All time"), N_("Last 7 days"), N_("Last 30 days"), N_("Last 90 days"), N_("This year"),
};
static const int period_days[] = { 0, 7, 30, 90, -1 };

/* --- helpers -------------------------------------------------------------- */

/* A row of the list (recycled as it scrolls) or of the drafts. */
static GtkWidget *
create_row (gpointer user_data)
{
  GtkWidget *row = xj_list_row_new ();

  xj_list_row_add_suffix (XJ_LIST_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

static void
update_row (GtkWidget *row,
            gpointer   data,
            gpointer   user_data)
{
  const XjInspection *inspection = data;
  XjInspectionsPage *self = user_data;
  const char *owner = NULL;
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *score = NULL;

  g_object_set_data (G_OBJECT (row), "inspection-id",
                     GSIZE_TO_POINTER ((gsize) (inspection != NULL ? inspection->id : 0)));
  if (inspection == NULL)
    {
      _xj_record_row_show_blank (row);
      return;
    }
  title = g_strdup_printf ("%s · %s", inspection->site_name, inspection->template_name);
  when = xj_format_local_minute (inspection->started_at);
  /* A colleague's, from the team: whose and from which laptop. */
  if (g_strcmp0 (inspection->owner, self->team_user) != 0)
    owner = inspection->owner;
  if (owner != NULL && inspection->laptop != NULL)
    subtitle = g_strdup_printf (C_("inspection row", "%s · %s · %s · %s’s, laptop %s"),
                                xj_inspection_kind_get_label (inspection->kind), when,
                                inspection->inspector, owner, inspection->laptop);
  else if (owner != NULL)
    subtitle = g_strdup_printf (C_("inspection row", "%s · %s · %s · %s’s"),
                                xj_inspection_kind_get_label (inspection->kind), when,
                                inspection->inspector, owner);
  else
    subtitle = g_strdup_printf ("%s · %s · %s", xj_inspection_kind_get_label (inspection->kind),
                                when, inspection->inspector);
  if (inspection->state == XJ_INSPECTION_DRAFT)
    score = g_strdup_printf (ngettext ("%u answer", "%u answers", inspection->n_answered),
                             inspection->n_answered);
  else if (inspection->has_score)
    score = g_strdup_printf ("%s · %.1f %% · %s",
                             xj_inspection_state_get_label (inspection->state), inspection->score,
                             xj_grade_label_for_id (inspection->grade));
  else
    score = g_strdup (xj_inspection_state_get_label (inspection->state));

  xj_list_row_set_text (XJ_LIST_ROW (row), title, subtitle, score);
}

/* A draft above the list: the group's list box activates its row. */
static void
on_draft_activated_cb (GtkListBox    *box,
                       GtkListBoxRow *row)
{
  GtkWidget *child = gtk_list_box_row_get_child (row);
  gint64 id = child != NULL
              ? (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (child), "inspection-id"))
              : 0;

  if (id > 0)
    gtk_widget_activate_action (GTK_WIDGET (box), "win.open-inspection", "x", id);
}

/* The filter the drop-downs describe (the strings stay valid while the
 * drop-downs' models live). */
static void
read_filter (XjInspectionsPage  *self,
             XjInspectionFilter *filter)
{
  guint n_kinds = 0;
  const XjTemplateChoice *kinds = xj_template_get_kinds (&n_kinds);
  guint kind = gtk_drop_down_get_selected (self->kind_filter);
  guint state = gtk_drop_down_get_selected (self->state_filter);
  guint period = gtk_drop_down_get_selected (self->period_filter);

  *filter = (XjInspectionFilter) XJ_INSPECTION_FILTER_INIT;
  filter->site_id = _xj_dropdown_get_id (self->site_filter);
  if (kind > 0 && kind <= n_kinds)
    filter->kind = kinds[kind - 1].id;
  filter->state = state > 0 && state != GTK_INVALID_LIST_POSITION ? (int) state - 1 : -1;
  if (gtk_widget_get_visible (GTK_WIDGET (self->whose_filter))
      && gtk_drop_down_get_selected (self->whose_filter) <= XJ_INSPECTION_WHOSE_TEAM)
    filter->whose = (int) gtk_drop_down_get_selected (self->whose_filter);
  if (period < G_N_ELEMENTS (period_days) && period_days[period] > 0)
    filter->from = xj_clock_now () - (gint64) period_days[period] * 86400;
  else if (period < G_N_ELEMENTS (period_days) && period_days[period] < 0)
    {
      g_autoptr(GDateTime) now = xj_clock_now_local ();
      g_autoptr(GDateTime) new_year = g_date_time_new_local (g_date_time_get_year (now), 1, 1, 0, 0, 0);

      filter->from = g_date_time_to_unix (new_year);
    }
}

static gboolean
filters_are_default (XjInspectionsPage *self)
{
  return gtk_drop_down_get_selected (self->site_filter) == 0
         && gtk_drop_down_get_selected (self->kind_filter) == 0
         && gtk_drop_down_get_selected (self->state_filter) == 0
         && gtk_drop_down_get_selected (self->period_filter) == 0
         && gtk_drop_down_get_selected (self->whose_filter) == 0;
}

static void
update_stack (XjInspectionsPage *self)
{
  guint n_listed = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  if (!xj_paged_model_get_counted (self->model))
    {
      if (self->draft_rows->len > 0)
        gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }
  if (self->drafts == NULL || !xj_paged_model_get_counted (self->drafts))
    return;
  gtk_stack_set_visible_child_name (self->stack,
                                    self->draft_rows->len == 0 && n_listed == 0
                                    && filters_are_default (self) ? "empty" : "list");
}

static void
on_loading_cb (XjInspectionsPage *self)
{
  const GError *error = xj_paged_model_get_error (self->model);

  if (error != NULL)
    xj_toast (GTK_WIDGET (self), error->message);
  update_stack (self);
}

static void
on_list_activate_cb (XjInspectionsPage *self,
                     guint              position)
{
  const XjInspection *inspection = _xj_record_rows_get_data (self->list, position);

  if (inspection != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-inspection", "x", inspection->id);
}

/* The drafts above the list, at most MAX_DRAFTS, once their worker has
 * read them (nothing scans on the main loop). */
static void
show_drafts (XjInspectionsPage *self)
{
  guint n = MIN (g_list_model_get_n_items (G_LIST_MODEL (self->drafts)), MAX_DRAFTS);
  const GError *error = xj_paged_model_get_error (self->drafts);

  if (error != NULL)
    xj_toast (GTK_WIDGET (self), error->message);
  if (!xj_paged_model_get_counted (self->drafts) || xj_paged_model_get_loading (self->drafts))
    return;
  for (guint i = 0; i < self->draft_rows->len; i++)
    adw_preferences_group_remove (self->drafts_group, g_ptr_array_index (self->draft_rows, i));
  g_ptr_array_set_size (self->draft_rows, 0);
  for (guint i = 0; self->with_drafts && i < n; i++)
    {
      g_autoptr(XjRecord) record = g_list_model_get_item (G_LIST_MODEL (self->drafts), i);
      GtkWidget *row;

      if (xj_record_is_placeholder (record))
        continue;
      /* A preferences row, so that the group puts it in its list box. */
      row = adw_preferences_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), create_row (NULL));
      update_row (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)), xj_record_get_data (record),
                  self);
      adw_preferences_group_add (self->drafts_group, row);
      g_ptr_array_add (self->draft_rows, row);
      if (!self->drafts_connected && GTK_IS_LIST_BOX (gtk_widget_get_parent (row)))
        {
          g_signal_connect (gtk_widget_get_parent (row), "row-activated",
                            G_CALLBACK (on_draft_activated_cb), NULL);
          self->drafts_connected = TRUE;
        }
    }
  gtk_widget_set_visible (self->drafts_scroller, self->draft_rows->len > 0);
  update_stack (self);
}

static void
reload (XjInspectionsPage *self)
{
  XjStore *store = xj_application_get_store (self->application);
  XjInspectionFilter filter;

  self->dirty = FALSE;

  /* The list: any state but drafts (shown above) or the state chosen. */
  read_filter (self, &filter);
  if (self->model == NULL)
    {
      self->model = xj_inspection_model_new (store, &filter, TRUE);
      g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (on_loading_cb), self,
                               G_CONNECT_SWAPPED);
      _xj_record_rows_bind (self->list, G_LIST_MODEL (self->model), create_row, update_row,
                            self);
    }
  else
    xj_inspection_model_set_filter (self->model, &filter, TRUE);

  /* The drafts of the filter's site and kind, with "any state" only. */
  self->with_drafts = filter.state < 0;
  filter.state = XJ_INSPECTION_DRAFT;
  filter.from = 0;
  if (self->drafts == NULL)
    {
      self->drafts = xj_inspection_model_new (store, &filter, FALSE);
      xj_paged_model_set_page_size (self->drafts, MAX_DRAFTS);
      g_signal_connect_object (self->drafts, "notify::loading", G_CALLBACK (show_drafts), self,
                               G_CONNECT_SWAPPED);
    }
  else
    xj_inspection_model_set_filter (self->drafts, &filter, FALSE);
}

/* --- callbacks ------------------------------------------------------------ */

static void
on_filter_changed_cb (XjInspectionsPage *self)
{
  reload (self);
}

static void
on_store_changed_cb (XjInspectionsPage *self)
{
  /* Answers change at every key press in the runner: catch up when shown. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  else
    self->dirty = TRUE;
}

/* In a team, only inspectors start inspections (the server refuses the
 * others'): the button says why it is off; and the Whose filter appears. */
static void
update_team (XjInspectionsPage *self)
{
  XjStore *store = xj_application_get_store (self->application);
  g_autoptr(XjTeamMembership) membership = xj_team_get_membership (store, NULL);
  g_autofree char *refusal = NULL;

  refusal = xj_team_role_refusal (membership != NULL && membership->server != NULL
                                  ? membership->role : NULL, XJ_TEAM_ACT_START_INSPECTION);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspections.new", refusal == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->whose_filter),
                          membership != NULL && membership->server != NULL);
  g_free (self->team_user);
  self->team_user = membership != NULL && membership->server != NULL
                    ? g_strdup (membership->user) : NULL;
  gtk_widget_set_tooltip_text (self->new_button,
                               refusal != NULL ? refusal : _("New Inspection (Ctrl+N)"));
}

static void
on_map_cb (XjInspectionsPage *self)
{
  if (self->dirty)
    reload (self);
}

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  XjInspectionsPage *self = XJ_INSPECTIONS_PAGE (widget);
  XjNewInspectionDialog *dialog;

  /* The shortcut is window-wide; act only when this page is the one shown. */
  if (!gtk_widget_get_mapped (widget))
    return;
  dialog = xj_new_inspection_dialog_new (self->application);
  xj_window_present_over (GTK_WINDOW (dialog), widget);
}

/* --- building ------------------------------------------------------------- */

static GtkDropDown *
add_filter (XjInspectionsPage *self,
            GtkDropDown   *dropdown)
{
  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
  gtk_box_append (self->filters, GTK_WIDGET (dropdown));
  return dropdown;
}

static void
build_filters (XjInspectionsPage *self)
{
  g_autoptr(GListModel) sites = _xj_site_choices_new (xj_application_get_store (self->application),
                                                      TRUE, _("All sites"));
  GtkStringList *kinds = _xj_filter_kinds_new ();
  GtkStringList *states = gtk_string_list_new (NULL);
  GtkStringList *period = gtk_string_list_new (NULL);
  const char *whose[] = { _("Everyone’s"), _("Mine"), _("Team’s"), NULL };

  gtk_string_list_append (states, _("All states"));
  for (XjInspectionState s = XJ_INSPECTION_DRAFT; s <= XJ_INSPECTION_ARCHIVED; s++)
    gtk_string_list_append (states, xj_inspection_state_get_label (s));
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    gtk_string_list_append (period, _(periods[i]));

  self->site_filter = add_filter (self, _xj_choice_dropdown_new (sites, _("Site")));
  self->kind_filter = add_filter (self, _xj_filter_dropdown_new (kinds, _("Kind")));
  self->state_filter = add_filter (self, _xj_filter_dropdown_new (states, _("State")));
  self->period_filter = add_filter (self, _xj_filter_dropdown_new (period, _("Period")));
  self->whose_filter = add_filter (self, _xj_filter_dropdown_new (gtk_string_list_new (whose),
                                                                   _("Whose")));
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_inspections_page_dispose (GObject *object)
{
  XjInspectionsPage *self = XJ_INSPECTIONS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_INSPECTIONS_PAGE);
  g_clear_object (&self->model);
  g_clear_object (&self->drafts);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (xj_inspections_page_parent_class)->dispose (object);
}

static void
xj_inspections_page_finalize (GObject *object)
{
  XjInspectionsPage *self = XJ_INSPECTIONS_PAGE (object);

  g_clear_pointer (&self->draft_rows, g_ptr_array_unref);
  g_free (self->team_user);

  G_OBJECT_CLASS (xj_inspections_page_parent_class)->finalize (object);
}

static void
xj_inspections_page_class_init (XjInspectionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_inspections_page_dispose;
  object_class->finalize = xj_inspections_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-inspections-page.ui");
  gtk_widget_class_bind_template_child (widget_class, XjInspectionsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, XjInspectionsPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, XjInspectionsPage, drafts_group);
  gtk_widget_class_bind_template_child (widget_class, XjInspectionsPage, filters);
  gtk_widget_class_bind_template_child (widget_class, XjInspectionsPage, list);
  gtk_widget_class_bind_template_child (widget_class, XjInspectionsPage, drafts_scroller);

  gtk_widget_class_install_action (widget_class, "inspections.new", NULL, new_activated);
}

static void
xj_inspections_page_init (XjInspectionsPage *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The list's frame while it is counted, not the empty state: the stack
   * (not homogeneous) measures only the child shown. */
  gtk_stack_set_visible_child_name (self->stack, "list");
  self->draft_rows = g_ptr_array_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Primary>n"),
                                                          gtk_named_action_new ("inspections.new")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
  g_signal_connect_swapped (self->list, "activate", G_CALLBACK (on_list_activate_cb), self);
}

/* --- public API ----------------------------------------------------------- */

GtkWidget *
xj_inspections_page_new (XjApplication *application)
{
  XjInspectionsPage *self = g_object_new (XJ_TYPE_INSPECTIONS_PAGE, NULL);
  XjStore *store = xj_application_get_store (application);

  self->application = g_object_ref (application);
  build_filters (self);
  g_signal_connect_object (store, "changed::inspections", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::answers", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::team_settings", G_CALLBACK (update_team), self,
                           G_CONNECT_SWAPPED);
  update_team (self);
  reload (self);
  return GTK_WIDGET (self);
}

guint
xj_inspections_page_get_n_drafts (XjInspectionsPage *self)
{
  g_return_val_if_fail (XJ_IS_INSPECTIONS_PAGE (self), 0);

  return self->draft_rows->len;
}

