/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Archive area: signed reports, newest inspection first, with a search
 * and filters by site, kind, grade and period.  Years of reports are too
 * many to scan on the main loop: the list is a lazy model counted and read
 * a page at a time in a worker (xj_archive_model_new), only the rows on
 * screen are built, and a newer query drops the answers of the older.
 */
#define G_LOG_DOMAIN "xj-archive-page"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-archive-model.h"
#include "xj-choices-private.h"
#include "xj-filters-private.h"
#include "xj-archive-page.h"
#include "xj-archive-row.h"
#include "xj-archive-actions.h"
#include "xj-record-rows-private.h"
#include "xj-clock.h"
#include "xj-inspection.h"
#include "xj-site.h"
#include "xj-window-actions.h"
#include "xj-window.h"

struct _XjArchivePage
{
  AdwBin           parent_instance;

  XjApplication   *application;
  XjPagedModel    *model;
  gboolean         dirty;         /* the store changed while the page was hidden */

  GtkSearchBar    *search_bar;
  GtkSearchEntry  *search_entry;
  GtkBox          *filters;
  GtkStack        *stack;
  GtkListView     *list;
  GtkDropDown     *site_filter;
  GtkDropDown     *kind_filter;
  GtkDropDown     *grade_filter;
  GtkDropDown     *period_filter;
};

G_DEFINE_FINAL_TYPE (XjArchivePage, xj_archive_page, ADW_TYPE_BIN)

static const char *const periods[] = {
  N_("All time"), N_("Last 30 days"), N_("Last 90 days"), N_("This year"), N_("Last year"),
};

/* --- helpers -------------------------------------------------------------- */

static void
year_bounds (int     years_back,
             gint64 *from,
             gint64 *to)
{
  g_autoptr(GDateTime) now = xj_clock_now_local ();
  int year = g_date_time_get_year (now) - years_back;
  g_autoptr(GDateTime) start = g_date_time_new_local (year, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_new_local (year + 1, 1, 1, 0, 0, 0);

  *from = g_date_time_to_unix (start);
  *to = years_back > 0 ? g_date_time_to_unix (end) : 0;
}

/* The query the search and the drop-downs describe (the strings stay
 * valid while the widgets live). */
static void
read_query (XjArchivePage  *self,
            XjArchiveQuery *query)
{
  guint n_kinds = 0;
  const XjTemplateChoice *kinds = xj_template_get_kinds (&n_kinds);
  guint kind = gtk_drop_down_get_selected (self->kind_filter);
  guint grade = gtk_drop_down_get_selected (self->grade_filter);
  guint period = gtk_drop_down_get_selected (self->period_filter);

  *query = (XjArchiveQuery) XJ_ARCHIVE_QUERY_INIT;
  query->search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  query->site_id = _xj_dropdown_get_id (self->site_filter);
  if (kind > 0 && kind <= n_kinds)
    query->kind = kinds[kind - 1].id;
  if (grade > 0 && grade <= XJ_GRADE_FAIL)
    query->grade = xj_grade_to_string ((XjGrade) grade);
  switch (period)
    {
    case 1:
    case 2:
      query->from = xj_clock_now () - (period == 1 ? 30 : 90) * (gint64) 86400;
      break;
    case 3:
    case 4:
      year_bounds (period - 3, &query->from, &query->to);
      break;
    default:
      break;
    }
}

static gboolean
query_is_default (XjArchivePage *self)
{
  return *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) == '\0'
         && gtk_drop_down_get_selected (self->site_filter) == 0
         && gtk_drop_down_get_selected (self->kind_filter) == 0
         && gtk_drop_down_get_selected (self->grade_filter) == 0
         && gtk_drop_down_get_selected (self->period_filter) == 0;
}

static void
on_loading_cb (XjArchivePage *self)
{
  const GError *error = xj_paged_model_get_error (self->model);

  if (error != NULL)
    xj_toast (GTK_WIDGET (self), error->message);
  if (!xj_paged_model_get_counted (self->model))
    return;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else
    gtk_stack_set_visible_child_name (self->stack, query_is_default (self) ? "empty" : "none");
}

static GtkWidget *
create_row (gpointer user_data)
{
  return xj_archive_row_new_empty ();
}

static void
update_row (GtkWidget *row,
            gpointer   entry,
            gpointer   user_data)
{
  xj_archive_row_set_entry (XJ_ARCHIVE_ROW (row), entry);
}

static void
on_list_activate_cb (XjArchivePage *self,
                     guint          position)
{
  const XjArchiveEntry *entry = _xj_record_rows_get_data (self->list, position);

  if (entry != NULL)
    xj_archive_act (GTK_WIDGET (self), xj_application_get_store (self->application),
                    XJ_ARCHIVE_OPEN, entry->report_id);
}

/* --- callbacks ------------------------------------------------------------ */

static void xj_archive_page_reload (XjArchivePage *self);

static void
on_query_changed_cb (XjArchivePage *self)
{
  xj_archive_page_reload (self);
}

static void
on_store_changed_cb (XjArchivePage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    xj_archive_page_reload (self);
  else
    self->dirty = TRUE;
}

static void
on_map_cb (XjArchivePage *self)
{
  /* Ctrl+F is window-wide: it searches here only while the page is shown. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "archive.search", TRUE);
  if (self->dirty)
    xj_archive_page_reload (self);
}

static void
on_unmap_cb (XjArchivePage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "archive.search", FALSE);
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  XjArchivePage *self = XJ_ARCHIVE_PAGE (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_inspections_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (XJ_IS_WINDOW (root))
    xj_window_show_area (XJ_WINDOW (root), "inspections");
}

/* --- building ------------------------------------------------------------- */

static GtkDropDown *
add_filter (XjArchivePage *self,
            GtkDropDown   *dropdown)
{
  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (on_query_changed_cb), self);
  gtk_box_append (self->filters, GTK_WIDGET (dropdown));
  return dropdown;
}

static void
build_filters (XjArchivePage *self)
{
  g_autoptr(GListModel) sites = _xj_site_choices_new (xj_application_get_store (self->application),
                                                      TRUE, _("All sites"));
  GtkStringList *kinds = _xj_filter_kinds_new ();
  GtkStringList *grades = gtk_string_list_new (NULL);
  GtkStringList *period = gtk_string_list_new (NULL);

  gtk_string_list_append (grades, _("All grades"));
  for (XjGrade g = XJ_GRADE_EXCELLENT; g <= XJ_GRADE_FAIL; g++)
    gtk_string_list_append (grades, xj_grade_get_label (g));
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    gtk_string_list_append (period, _(periods[i]));

  self->site_filter = add_filter (self, _xj_choice_dropdown_new (sites, _("Site")));
  self->kind_filter = add_filter (self, _xj_filter_dropdown_new (kinds, _("Kind")));
  self->grade_filter = add_filter (self, _xj_filter_dropdown_new (grades, _("Grade")));
  self->period_filter = add_filter (self, _xj_filter_dropdown_new (period, _("Period")));
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_archive_page_dispose (GObject *object)
{
  XjArchivePage *self = XJ_ARCHIVE_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_ARCHIVE_PAGE);
  g_clear_object (&self->model);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (xj_archive_page_parent_class)->dispose (object);
}

static void
xj_archive_page_class_init (XjArchivePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_archive_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-archive-page.ui");
  gtk_widget_class_bind_template_child (widget_class, XjArchivePage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, XjArchivePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, XjArchivePage, filters);
  gtk_widget_class_bind_template_child (widget_class, XjArchivePage, stack);
  gtk_widget_class_bind_template_child (widget_class, XjArchivePage, list);

  gtk_widget_class_install_action (widget_class, "archive.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "archive.show-inspections", NULL,
                                   show_inspections_activated);
}

static void
xj_archive_page_init (XjArchivePage *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The list's frame while it is counted, not the empty state: the stack
   * (not homogeneous) measures only the child shown. */
  gtk_stack_set_visible_child_name (self->stack, "list");
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (on_query_changed_cb), self);

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Primary>f"),
                                                          gtk_named_action_new ("archive.search")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (on_unmap_cb), NULL);
  g_signal_connect_swapped (self->list, "activate", G_CALLBACK (on_list_activate_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "archive.search", FALSE);
}

/* --- public API ----------------------------------------------------------- */

GtkWidget *
xj_archive_page_new (XjApplication *application)
{
  XjArchivePage *self = g_object_new (XJ_TYPE_ARCHIVE_PAGE, NULL);
  XjStore *store = xj_application_get_store (application);

  self->application = g_object_ref (application);
  build_filters (self);
  g_signal_connect_object (store, "changed::reports", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  xj_archive_page_reload (self);
  return GTK_WIDGET (self);
}

/* Reads the list again from the first page. */
static void
xj_archive_page_reload (XjArchivePage *self)
{
  XjArchiveQuery query;

  g_return_if_fail (XJ_IS_ARCHIVE_PAGE (self));

  self->dirty = FALSE;
  read_query (self, &query);
  if (self->model != NULL)
    {
      xj_archive_model_set_query (self->model, &query);
      return;
    }
  self->model = xj_archive_model_new (xj_application_get_store (self->application), &query);
  g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (on_loading_cb), self,
                           G_CONNECT_SWAPPED);
  _xj_record_rows_bind (self->list, G_LIST_MODEL (self->model), create_row, update_row,
                        NULL);
}

gboolean
xj_archive_page_get_loading (XjArchivePage *self)
{
  g_return_val_if_fail (XJ_IS_ARCHIVE_PAGE (self), FALSE);

  return self->model != NULL && xj_paged_model_get_loading (self->model);
}

guint
xj_archive_page_get_n_rows (XjArchivePage *self)
{
  g_return_val_if_fail (XJ_IS_ARCHIVE_PAGE (self), 0);

  return self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
}

void
xj_archive_page_set_search (XjArchivePage *self,
                            const char    *text)
{
  g_return_if_fail (XJ_IS_ARCHIVE_PAGE (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
}
