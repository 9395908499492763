/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Inspections area: drafts first (open one to carry on where it was
 * left), then inspections newest first with filters by site, kind, state
 * and period.  The list is read a page at a time from the store: an
 * archive of a hundred thousand inspections never loads at once.
 */
#define G_LOG_DOMAIN "xj-inspections-page"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-clock.h"
#include "xj-filters-private.h"
#include "xj-inspection.h"
#include "xj-inspections-page.h"
#include "xj-new-inspection-dialog.h"
#include "xj-site.h"
#include "xj-window-actions.h"
#include "xj-window.h"

#define PAGE_SIZE 50
#define MAX_DRAFTS 50

struct _XjInspectionsPage
{
  AdwBin             parent_instance;

  XjApplication     *application;
  GArray            *site_ids;     /* gint64 per entry of the site filter; 0: all */
  GPtrArray         *draft_rows;
  guint              offset;       /* rows of the list read so far */
  guint              n_listed;
  gboolean           dirty;        /* the store changed while the page was hidden */

  GtkStack          *stack;
  AdwPreferencesGroup *drafts_group;
  GtkBox            *filters;
  GtkListBox        *list;
  GtkButton         *more_button;
  GtkDropDown       *site_filter;
  GtkDropDown       *kind_filter;
  GtkDropDown       *state_filter;
  GtkDropDown       *period_filter;
};

G_DEFINE_FINAL_TYPE (XjInspectionsPage, xj_inspections_page, ADW_TYPE_BIN)

static const char *const periods[] = {
  N_("All time"), N_("Last 7 days"), N_("Last 30 days"), N_("Last 90 days"), N_("This year"),
};
static const int period_days[] = { 0, 7, 30, 90, -1 };

/* --- helpers -------------------------------------------------------------- */

static void
on_row_activated_cb (AdwActionRow *row)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "inspection-id"));

  gtk_widget_activate_action (GTK_WIDGET (row), "win.open-inspection", "x", id);
}

static const char *
grade_label (const char *grade)
{
  for (XjGrade g = XJ_GRADE_NONE; g <= XJ_GRADE_FAIL; g++)
    if (g_strcmp0 (xj_grade_to_string (g), grade) == 0)
      return xj_grade_get_label (g);
  return "";
}

static GtkWidget *
create_row (const XjInspection *inspection)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *tail = gtk_label_new (NULL);
  g_autofree char *title = g_strdup_printf ("%s · %s", inspection->site_name,
                                            inspection->template_name);
  g_autofree char *when = xj_format_local_minute (inspection->started_at);
  g_autofree char *subtitle = NULL;
  g_autofree char *score = NULL;

  subtitle = g_strdup_printf ("%s · %s · %s", xj_inspection_kind_get_label (inspection->kind),
                              when, inspection->inspector);
  if (inspection->state == XJ_INSPECTION_DRAFT)
    score = g_strdup_printf (ngettext ("%u answer", "%u answers", inspection->n_answered),
                             inspection->n_answered);
  else if (inspection->has_score)
    score = g_strdup_printf ("%s · %.1f %% · %s",
                             xj_inspection_state_get_label (inspection->state), inspection->score,
                             grade_label (inspection->grade));
  else
    score = g_strdup (xj_inspection_state_get_label (inspection->state));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_label_set_text (GTK_LABEL (tail), score);
  gtk_widget_add_css_class (tail, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), tail);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "inspection-id", GSIZE_TO_POINTER ((gsize) inspection->id));
  g_signal_connect (row, "activated", G_CALLBACK (on_row_activated_cb), NULL);
  return row;
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
  guint site = gtk_drop_down_get_selected (self->site_filter);

  *filter = (XjInspectionFilter) XJ_INSPECTION_FILTER_INIT;
  if (site != GTK_INVALID_LIST_POSITION && site < self->site_ids->len)
    filter->site_id = g_array_index (self->site_ids, gint64, site);
  if (kind > 0 && kind <= n_kinds)
    filter->kind = kinds[kind - 1].id;
  filter->state = state > 0 && state != GTK_INVALID_LIST_POSITION ? (int) state - 1 : -1;
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
         && gtk_drop_down_get_selected (self->period_filter) == 0;
}

/* Reads the next page of the list; with "any state" the drafts, already
 * shown above, are left out. */
static void
load_page (XjInspectionsPage *self)
{
  XjInspectionFilter filter;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;

  read_filter (self, &filter);
  filter.limit = PAGE_SIZE;
  filter.offset = self->offset;
  page = xj_store_list_inspections (xj_application_get_store (self->application), &filter, &error);
  if (page == NULL)
    {
      xj_toast (GTK_WIDGET (self), error->message);
      return;
    }
  self->offset += page->len;
  for (guint i = 0; i < page->len; i++)
    {
      XjInspection *inspection = g_ptr_array_index (page, i);

      if (filter.state < 0 && inspection->state == XJ_INSPECTION_DRAFT)
        continue;
      gtk_list_box_append (self->list, create_row (inspection));
      self->n_listed++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), page->len == PAGE_SIZE);
}

static void
reload (XjInspectionsPage *self)
{
  XjInspectionFilter filter;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  self->dirty = FALSE;
  for (guint i = 0; i < self->draft_rows->len; i++)
    adw_preferences_group_remove (self->drafts_group, g_ptr_array_index (self->draft_rows, i));
  g_ptr_array_set_size (self->draft_rows, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->offset = 0;
  self->n_listed = 0;

  read_filter (self, &filter);
  if (filter.state < 0)
    {
      filter.state = XJ_INSPECTION_DRAFT;
      filter.from = 0;
      filter.limit = MAX_DRAFTS;
      drafts = xj_store_list_inspections (xj_application_get_store (self->application), &filter,
                                          &error);
      if (drafts == NULL)
        {
          xj_toast (GTK_WIDGET (self), error->message);
          return;
        }
      for (guint i = 0; i < drafts->len; i++)
        {
          GtkWidget *row = create_row (g_ptr_array_index (drafts, i));

          adw_preferences_group_add (self->drafts_group, row);
          g_ptr_array_add (self->draft_rows, row);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->drafts_group), self->draft_rows->len > 0);
  load_page (self);
  gtk_stack_set_visible_child_name (self->stack,
                                    self->draft_rows->len == 0 && self->n_listed == 0
                                    && filters_are_default (self) ? "empty" : "list");
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
  gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
more_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  load_page (XJ_INSPECTIONS_PAGE (widget));
}

/* --- building ------------------------------------------------------------- */

static GtkDropDown *
add_filter (XjInspectionsPage *self,
            GtkStringList *labels,
            const char    *accessible_label)
{
  GtkDropDown *dropdown = _xj_filter_dropdown_new (labels, accessible_label);

  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
  gtk_box_append (self->filters, GTK_WIDGET (dropdown));
  return dropdown;
}

static void
build_filters (XjInspectionsPage *self)
{
  GtkStringList *sites = _xj_filter_sites_new (xj_application_get_store (self->application),
                                               self->site_ids);
  GtkStringList *kinds = _xj_filter_kinds_new ();
  GtkStringList *states = gtk_string_list_new (NULL);
  GtkStringList *period = gtk_string_list_new (NULL);

  gtk_string_list_append (states, _("All states"));
  for (XjInspectionState s = XJ_INSPECTION_DRAFT; s <= XJ_INSPECTION_ARCHIVED; s++)
    gtk_string_list_append (states, xj_inspection_state_get_label (s));
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    gtk_string_list_append (period, _(periods[i]));

  self->site_filter = add_filter (self, sites, _("Site"));
  self->kind_filter = add_filter (self, kinds, _("Kind"));
  self->state_filter = add_filter (self, states, _("State"));
  self->period_filter = add_filter (self, period, _("Period"));
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_inspections_page_dispose (GObject *object)
{
  XjInspectionsPage *self = XJ_INSPECTIONS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_INSPECTIONS_PAGE);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (xj_inspections_page_parent_class)->dispose (object);
}

static void
xj_inspections_page_finalize (GObject *object)
{
  XjInspectionsPage *self = XJ_INSPECTIONS_PAGE (object);

  g_clear_pointer (&self->site_ids, g_array_unref);
  g_clear_pointer (&self->draft_rows, g_ptr_array_unref);

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
  gtk_widget_class_bind_template_child (widget_class, XjInspectionsPage, drafts_group);
  gtk_widget_class_bind_template_child (widget_class, XjInspectionsPage, filters);
  gtk_widget_class_bind_template_child (widget_class, XjInspectionsPage, list);
  gtk_widget_class_bind_template_child (widget_class, XjInspectionsPage, more_button);

  gtk_widget_class_install_action (widget_class, "inspections.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "inspections.more", NULL, more_activated);
}

static void
xj_inspections_page_init (XjInspectionsPage *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->site_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->draft_rows = g_ptr_array_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Primary>n"),
                                                          gtk_named_action_new ("inspections.new")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
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
  reload (self);
  return GTK_WIDGET (self);
}

guint
xj_inspections_page_get_n_drafts (XjInspectionsPage *self)
{
  g_return_val_if_fail (XJ_IS_INSPECTIONS_PAGE (self), 0);

  return self->draft_rows->len;
}

