/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Archive area: signed reports, newest inspection first, with a search
 * and filters by site, kind, grade and period.  Years of reports are too
 * many to scan on the main loop: each page is read in a worker
 * (xj_archive_list_async), and a newer query cancels the one in flight.
 */
#define G_LOG_DOMAIN "xj-archive-page"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-archive-list.h"
#include "xj-filters-private.h"
#include "xj-archive-page.h"
#include "xj-archive-row.h"
#include "xj-clock.h"
#include "xj-inspection.h"
#include "xj-site.h"
#include "xj-window-actions.h"
#include "xj-window.h"

#define PAGE_SIZE 50

struct _XjArchivePage
{
  AdwBin           parent_instance;

  XjApplication   *application;
  GArray          *site_ids;      /* gint64 per entry of the site filter; 0: all */
  GCancellable    *cancellable;   /* the query in flight */
  guint            offset;        /* rows read so far */
  gboolean         dirty;         /* the store changed while the page was hidden */

  GtkSearchBar    *search_bar;
  GtkSearchEntry  *search_entry;
  GtkBox          *filters;
  GtkStack        *stack;
  GtkListBox      *list;
  GtkButton       *more_button;
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
  guint site = gtk_drop_down_get_selected (self->site_filter);
  guint kind = gtk_drop_down_get_selected (self->kind_filter);
  guint grade = gtk_drop_down_get_selected (self->grade_filter);
  guint period = gtk_drop_down_get_selected (self->period_filter);

  *query = (XjArchiveQuery) XJ_ARCHIVE_QUERY_INIT;
  query->search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (site != GTK_INVALID_LIST_POSITION && site < self->site_ids->len)
    query->site_id = g_array_index (self->site_ids, gint64, site);
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
on_listed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(XjArchivePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = xj_archive_list_finish (result, &error);

  if (page == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->cancellable);
      xj_toast (GTK_WIDGET (self), error->message);
      return;
    }
  g_clear_object (&self->cancellable);
  for (guint i = 0; i < page->len; i++)
    gtk_list_box_append (self->list, xj_archive_row_new (g_ptr_array_index (page, i)));
  self->offset += page->len;
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), page->len == PAGE_SIZE);
  if (self->offset > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else
    gtk_stack_set_visible_child_name (self->stack, query_is_default (self) ? "empty" : "none");
}

static void
load_page (XjArchivePage *self)
{
  XjArchiveQuery query;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  read_query (self, &query);
  query.limit = PAGE_SIZE;
  query.offset = self->offset;
  xj_archive_list_async (xj_application_get_store (self->application), &query, self->cancellable,
                         on_listed_cb, g_object_ref (self));
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
more_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  load_page (XJ_ARCHIVE_PAGE (widget));
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
            GtkStringList *labels,
            const char    *accessible_label)
{
  GtkDropDown *dropdown = _xj_filter_dropdown_new (labels, accessible_label);

  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (on_query_changed_cb), self);
  gtk_box_append (self->filters, GTK_WIDGET (dropdown));
  return dropdown;
}

static void
build_filters (XjArchivePage *self)
{
  GtkStringList *sites = _xj_filter_sites_new (xj_application_get_store (self->application),
                                               self->site_ids);
  GtkStringList *kinds = _xj_filter_kinds_new ();
  GtkStringList *grades = gtk_string_list_new (NULL);
  GtkStringList *period = gtk_string_list_new (NULL);

  gtk_string_list_append (grades, _("All grades"));
  for (XjGrade g = XJ_GRADE_EXCELLENT; g <= XJ_GRADE_FAIL; g++)
    gtk_string_list_append (grades, xj_grade_get_label (g));
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    gtk_string_list_append (period, _(periods[i]));

  self->site_filter = add_filter (self, sites, _("Site"));
  self->kind_filter = add_filter (self, kinds, _("Kind"));
  self->grade_filter = add_filter (self, grades, _("Grade"));
  self->period_filter = add_filter (self, period, _("Period"));
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_archive_page_dispose (GObject *object)
{
  XjArchivePage *self = XJ_ARCHIVE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_ARCHIVE_PAGE);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (xj_archive_page_parent_class)->dispose (object);
}

static void
xj_archive_page_finalize (GObject *object)
{
  XjArchivePage *self = XJ_ARCHIVE_PAGE (object);

  g_clear_pointer (&self->site_ids, g_array_unref);

  G_OBJECT_CLASS (xj_archive_page_parent_class)->finalize (object);
}

static void
xj_archive_page_class_init (XjArchivePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_archive_page_dispose;
  object_class->finalize = xj_archive_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-archive-page.ui");
  gtk_widget_class_bind_template_child (widget_class, XjArchivePage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, XjArchivePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, XjArchivePage, filters);
  gtk_widget_class_bind_template_child (widget_class, XjArchivePage, stack);
  gtk_widget_class_bind_template_child (widget_class, XjArchivePage, list);
  gtk_widget_class_bind_template_child (widget_class, XjArchivePage, more_button);

  gtk_widget_class_install_action (widget_class, "archive.more", NULL, more_activated);
  gtk_widget_class_install_action (widget_class, "archive.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "archive.show-inspections", NULL,
                                   show_inspections_activated);
}

static void
xj_archive_page_init (XjArchivePage *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->site_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
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
  GtkWidget *child;

  g_return_if_fail (XJ_IS_ARCHIVE_PAGE (self));

  self->dirty = FALSE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->offset = 0;
  load_page (self);
}

gboolean
xj_archive_page_get_loading (XjArchivePage *self)
{
  g_return_val_if_fail (XJ_IS_ARCHIVE_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

guint
xj_archive_page_get_n_rows (XjArchivePage *self)
{
  g_return_val_if_fail (XJ_IS_ARCHIVE_PAGE (self), 0);

  return self->offset;
}

void
xj_archive_page_set_search (XjArchivePage *self,
                            const char    *text)
{
  g_return_if_fail (XJ_IS_ARCHIVE_PAGE (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
}
