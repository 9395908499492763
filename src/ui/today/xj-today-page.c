/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Today, the home page: overdue and due inspections to start with one
 * click, drafts to resume, notices due within a day or overdue, escalated
 * notices.  Computed in a worker on its own connection, so that the window
 * shows at once and the page fills in when the answer arrives.
 */
#define G_LOG_DOMAIN "xj-today-page"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-cancel.h"
#include "xj-clock.h"
#include "xj-new-inspection-dialog.h"
#include "xj-notice-store.h"
#include "xj-occurrence-start.h"
#include "xj-reader-task.h"
#include "xj-team-laptop.h"
#include "xj-team-role.h"
#include "xj-site-dialog.h"
#include "xj-runner.h"
#include "xj-today-page.h"
#include "xj-today-row.h"
#include "xj-window-actions.h"
#include "xj-window.h"

/* Beyond this many notices a group ends with a row that opens the board. */
#define MAX_NOTICES 8
/* Rows cost time on the main loop: a long backlog shows its first rows and
 * a row to the calendar, so Today fills in equally fast on any estate. */
#define MAX_OCCURRENCES 30
/* The store changes at every answer: recompute once things settle. */
#define REFRESH_DELAY_MS 400
/* Due turns overdue as time passes, with no change in the store. */
#define REFRESH_PERIOD_S 300

typedef enum {
  SECTION_OVERDUE,
  SECTION_DUE,
  SECTION_DRAFTS,
  SECTION_TO_SIGN,
  SECTION_TO_NOTICE,
  SECTION_NOTICES,
  SECTION_ESCALATED,
  N_SECTIONS
} Section;

static const struct {
  const char *title;
  const char *description;
} sections[N_SECTIONS] = {
  { N_("Overdue"), N_("Inspections whose time has passed") },
  { N_("Due Today"), NULL },
  { N_("Drafts to Resume"), NULL },
  { N_("Completed, Not Signed Yet"), N_("Sign them to archive their reports") },
  { N_("Failures Without a Notice"),
    N_("Inspections of the last 7 days: raise notices from their failures") },
  { N_("Notices Due Within 24 Hours or Overdue"), NULL },
  { N_("Escalated Notices"), N_("Sent to the project manager") },
};

/* What the worker hands back. */
typedef struct
{
  XjToday   *today;
  GPtrArray *notices;     /* XjNotice: due within 24 h, then overdue */
  GPtrArray *escalated;   /* XjNotice: escalated, not already in notices */
} TodayResult;

struct _XjTodayPage
{
  AdwBin          parent_instance;

  XjApplication  *application;
  TodayResult    *result;
  GCancellable   *cancellable;   /* of the computation running, if any */
  guint           refresh_source;
  guint           period_source;
  gboolean        dirty;

  GtkStack       *stack;
  GtkSpinner     *spinner;
  GtkBox         *groups;
  AdwStatusPage  *no_site_status;
  GtkButton      *no_site_button;
  GtkButton      *empty_start_button;
  GtkWidget      *join_team_button;
  AdwWindowTitle *title;
  GtkWidget      *group[N_SECTIONS];
  GtkListBox     *list[N_SECTIONS];
};

G_DEFINE_FINAL_TYPE (XjTodayPage, xj_today_page, ADW_TYPE_BIN)

/* --- the worker ------------------------------------------------------------ */

static void
today_result_free (TodayResult *result)
{
  g_clear_pointer (&result->today, xj_today_free);
  g_clear_pointer (&result->notices, g_ptr_array_unref);
  g_clear_pointer (&result->escalated, g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TodayResult, today_result_free)

static gboolean
contains_notice (GPtrArray *notices,
                 XjNotice  *notice)
{
  for (guint i = 0; i < notices->len; i++)
    if (xj_notice_get_id (notices->pdata[i]) == xj_notice_get_id (notice))
      return TRUE;
  return FALSE;
}

static gpointer
compute_on_reader (XjStore       *store,
                   gpointer       job,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(TodayResult) result = g_new0 (TodayResult, 1);
  g_autoptr(GPtrArray) due_soon = NULL;
  g_autoptr(GPtrArray) newly_overdue = NULL;
  g_autoptr(GPtrArray) overdue = NULL;
  g_autoptr(GPtrArray) escalated = NULL;
  XjNoticeFilter filter;
  gint64 now = xj_clock_now ();

  if (!xj_today_compute (store, now, &result->today, error)
      || !xj_store_list_notice_reminders (store, now, now, &due_soon, &newly_overdue, error))
    return NULL;
  xj_notice_filter_init (&filter);
  filter.overdue = TRUE;
  overdue = xj_store_list_notices (store, &filter, now, error);
  xj_notice_filter_init (&filter);
  filter.escalated = TRUE;
  if (overdue != NULL)
    escalated = xj_store_list_notices (store, &filter, now, error);
  if (escalated == NULL)
    return NULL;

  result->notices = g_ptr_array_new_with_free_func (g_object_unref);
  result->escalated = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < due_soon->len; i++)
    g_ptr_array_add (result->notices, g_object_ref (due_soon->pdata[i]));
  for (guint i = 0; i < overdue->len; i++)
    g_ptr_array_add (result->notices, g_object_ref (overdue->pdata[i]));
  for (guint i = 0; i < escalated->len; i++)
    if (!contains_notice (result->notices, escalated->pdata[i]))
      g_ptr_array_add (result->escalated, g_object_ref (escalated->pdata[i]));
  return g_steal_pointer (&result);
}

/* The worker reads through a reader connection of its own (XjStore is one
 * connection for one thread). */
static const XjReaderTask compute_task = {
  .run = compute_on_reader,
  .result_free = (GDestroyNotify) today_result_free,
};

/* --- helpers -------------------------------------------------------------- */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
fill_notices (GtkListBox *list,
              GPtrArray  *notices,
              gint64      now)
{
  for (guint i = 0; i < notices->len && i < MAX_NOTICES; i++)
    gtk_list_box_append (list, xj_today_row_new_notice (notices->pdata[i], now));
  if (notices->len > MAX_NOTICES)
    gtk_list_box_append (list, xj_today_row_new_more (notices->len - MAX_NOTICES));
}

static void
fill_occurrences (GtkListBox *list,
                  GArray     *occurrences,
                  gint64      now,
                  const char *refusal)
{
  for (guint i = 0; i < occurrences->len && i < MAX_OCCURRENCES; i++)
    gtk_list_box_append (list, xj_today_row_new_occurrence (&g_array_index (occurrences,
                                                                            XjTodayItem, i),
                                                            now, refusal));
  if (occurrences->len > MAX_OCCURRENCES)
    gtk_list_box_append (list, xj_today_row_new_more_occurrences (occurrences->len
                                                                  - MAX_OCCURRENCES));
}

static void
update_badges (XjTodayPage *self)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), XJ_TYPE_WINDOW);
  XjToday *today = self->result->today;

  if (window == NULL)
    return;
  xj_window_set_badge (XJ_WINDOW (window), "today", today->overdue->len + today->due->len,
                       today->overdue->len > 0);
  xj_window_set_badge (XJ_WINDOW (window), "inspections",
                       today->drafts->len + today->to_sign->len, FALSE);
  xj_window_set_badge (XJ_WINDOW (window), "notices", self->result->notices->len,
                       self->result->notices->len > 0);
}

/* Whether this data folder is in a team (a one-row read). */
static gboolean
in_team (XjTodayPage *self)
{
  g_autoptr(XjTeamMembership) membership =
    xj_team_get_membership (xj_application_get_store (self->application), NULL);

  return membership != NULL && membership->server != NULL;
}

/* Nothing can be planned or started without a site: say so, and lead. */
static void
show_no_site (XjTodayPage *self)
{
  gboolean first_start = self->result->today->n_sites == 0;

  adw_status_page_set_title (self->no_site_status, first_start ? _("Start With a Site")
                                                               : _("All Sites Are Deactivated"));
  adw_status_page_set_description (self->no_site_status,
                                   first_start
                                   ? _("Add the estate, store or service desk that you inspect. "
                                       "Then plan its inspections or start one, and they will be here.")
                                   : _("Nothing can be planned or started until a site is active "
                                       "again. Reactivate one in Sites."));
  gtk_button_set_label (self->no_site_button, first_start ? _("_Add a Site") : _("Open _Sites"));
  /* A new member's laptop: the team's sites come by joining (sites added
   * here by hand would be the team's twice). */
  gtk_widget_set_visible (self->join_team_button,
                          first_start && !in_team (self));
  gtk_stack_set_visible_child_name (self->stack, "no-site");
}

/* The first thing to do today has the keyboard: Enter starts it. */
static void
focus_first_row (XjTodayPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  /* In the order shown (see order_sections()). */
  for (GtkWidget *group = gtk_widget_get_first_child (GTK_WIDGET (self->groups)); group != NULL;
       group = gtk_widget_get_next_sibling (group))
    for (guint s = 0; s < N_SECTIONS; s++)
      {
        GtkListBoxRow *row = self->group[s] == group
                             ? gtk_list_box_get_row_at_index (self->list[s], 0) : NULL;

        if (row != NULL)
          {
            gtk_widget_grab_focus (GTK_WIDGET (row));
            return;
          }
      }
}

/* A liaison's or manager's day is the notices (inspections are the
 * inspectors', their Start off): those come first, before every overdue
 * patrol of the team's schedules. */
static void
order_sections (XjTodayPage *self,
                gboolean     notices_first)
{
  static const Section inspector[N_SECTIONS] = {
    SECTION_OVERDUE, SECTION_DUE, SECTION_DRAFTS, SECTION_TO_SIGN, SECTION_TO_NOTICE,
    SECTION_NOTICES, SECTION_ESCALATED,
  };
  static const Section follower[N_SECTIONS] = {
    SECTION_NOTICES, SECTION_ESCALATED, SECTION_TO_NOTICE, SECTION_OVERDUE, SECTION_DUE,
    SECTION_DRAFTS, SECTION_TO_SIGN,
  };
  const Section *order = notices_first ? follower : inspector;
  GtkWidget *previous = NULL;

  for (guint i = 0; i < N_SECTIONS; i++)
    {
      gtk_box_reorder_child_after (self->groups, self->group[order[i]], previous);
      previous = self->group[order[i]];
    }
}

static void
show_result (XjTodayPage *self)
{
  XjToday *today = self->result->today;
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (today->now);
  g_autofree char *date = g_date_time_format (now, _("%A, %B %-d"));
  /* In a team, only inspectors start inspections (the server refuses the
   * others'): Start is off and says why.  A one-row read. */
  g_autofree char *refusal = xj_team_role_refusal_here (self->application,
                                                        XJ_TEAM_ACT_START_INSPECTION);
  g_autofree char *notice_refusal = xj_team_role_refusal_here (self->application,
                                                               XJ_TEAM_ACT_WRITE_NOTICE);
  g_autofree char *was_shown = g_strdup (gtk_stack_get_visible_child_name (self->stack));
  const char *shown;
  gboolean empty = TRUE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.start", refusal == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.new-inspection", refusal == NULL);
  adw_window_title_set_subtitle (self->title, date);
  for (guint s = 0; s < N_SECTIONS; s++)
    clear_list (self->list[s]);
  fill_occurrences (self->list[SECTION_OVERDUE], today->overdue, today->now, refusal);
  fill_occurrences (self->list[SECTION_DUE], today->due, today->now, refusal);
  for (guint i = 0; i < today->drafts->len; i++)
    gtk_list_box_append (self->list[SECTION_DRAFTS],
                         xj_today_row_new_draft (&g_array_index (today->drafts, XjTodayDraft, i),
                                                 today->now));
  for (guint i = 0; i < today->to_sign->len; i++)
    gtk_list_box_append (self->list[SECTION_TO_SIGN],
                         xj_today_row_new_to_sign (&g_array_index (today->to_sign, XjTodayDraft, i),
                                                   today->now));
  /* Failures to raise notices from: for whoever may raise them. */
  if (notice_refusal == NULL)
    for (guint i = 0; i < today->to_notice->len; i++)
      gtk_list_box_append (self->list[SECTION_TO_NOTICE],
                           xj_today_row_new_to_notice (&g_array_index (today->to_notice,
                                                                       XjTodayDraft, i),
                                                       today->now));
  fill_notices (self->list[SECTION_NOTICES], self->result->notices, today->now);
  fill_notices (self->list[SECTION_ESCALATED], self->result->escalated, today->now);
  order_sections (self, refusal != NULL);

  for (guint s = 0; s < N_SECTIONS; s++)
    {
      gboolean any = gtk_widget_get_first_child (GTK_WIDGET (self->list[s])) != NULL;

      gtk_widget_set_visible (self->group[s], any);
      empty = empty && !any;
    }
  if (empty && today->n_active_sites == 0)
    show_no_site (self);
  else
    gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
  update_badges (self);
  focus_first_row (self);
  /* A page just shown (the first start, the first site added, the day's
   * last task done): its first step has the keyboard, not the main menu
   * or the sidebar (on a first start, Enter opened the main menu). */
  shown = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (was_shown, shown) != 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      if (g_strcmp0 (shown, "no-site") == 0)
        gtk_widget_grab_focus (GTK_WIDGET (self->no_site_button));
      else if (g_strcmp0 (shown, "empty") == 0)
        gtk_widget_grab_focus (GTK_WIDGET (self->empty_start_button));
    }
}

static void
on_compute_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(XjTodayPage) self = user_data;
  g_autoptr(TodayResult) computed = NULL;
  g_autoptr(GError) error = NULL;

  computed = xj_store_run_on_reader_finish (result, &compute_task, &error);
  /* Superseded by a newer computation, or the page went away. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  if (computed == NULL)
    {
      xj_toast (GTK_WIDGET (self), error->message);
      return;
    }
  g_clear_pointer (&self->result, today_result_free);
  self->result = g_steal_pointer (&computed);
  show_result (self);
}

static const XjOccurrence *
find_occurrence (XjTodayPage *self,
                 gint64       schedule_id,
                 gint64       at)
{
  GArray *lists[2];

  if (self->result == NULL)
    return NULL;
  lists[0] = self->result->today->overdue;
  lists[1] = self->result->today->due;
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        const XjOccurrence *o = &g_array_index (lists[l], XjTodayItem, i).occurrence;

        if (o->schedule_id == schedule_id && o->at == at)
          return o;
      }
  return NULL;
}

/* --- actions -------------------------------------------------------------- */

static void
start_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  XjTodayPage *self = XJ_TODAY_PAGE (widget);
  GtkWidget *window = gtk_widget_get_ancestor (widget, XJ_TYPE_WINDOW);
  const XjOccurrence *o;
  gint64 schedule_id, at;

  g_variant_get (parameter, "(xx)", &schedule_id, &at);
  o = find_occurrence (self, schedule_id, at);
  if (o == NULL || window == NULL)
    return;
  xj_occurrence_start (self->application, XJ_WINDOW (window), o);
}

static void
resume_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_widget_activate_action_variant (widget, "win.open-inspection", parameter);
}

/* Failures to raise notices from: the inspection opens on its summary,
 * where its failures become a notice. */
static void
raise_notices_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GtkWidget *window = gtk_widget_get_ancestor (widget, XJ_TYPE_WINDOW);
  GtkWidget *runner;

  gtk_widget_activate_action_variant (widget, "win.open-inspection", parameter);
  runner = window != NULL ? xj_window_get_runner (XJ_WINDOW (window)) : NULL;
  if (runner != NULL
      && xj_runner_get_inspection_id (XJ_RUNNER (runner)) == g_variant_get_int64 (parameter))
    gtk_widget_activate_action (runner, "runner.summary", NULL);
}

static void
show_schedules_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkWidget *window = gtk_widget_get_ancestor (widget, XJ_TYPE_WINDOW);

  if (window != NULL)
    xj_window_show_area (XJ_WINDOW (window), "schedules");
}

static void
add_site_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  XjTodayPage *self = XJ_TODAY_PAGE (widget);
  XjSiteDialog *dialog;

  /* Sites exist but all are deactivated: the Sites area reactivates them. */
  if (self->result != NULL && self->result->today->n_sites > 0)
    {
      GtkWidget *window = gtk_widget_get_ancestor (widget, XJ_TYPE_WINDOW);

      if (window != NULL)
        xj_window_show_area (XJ_WINDOW (window), "sites");
      return;
    }
  dialog = xj_site_dialog_new (self->application, NULL);
  xj_window_present_over (GTK_WINDOW (dialog), widget);
}

/* The empty day's "Start an Inspection": the New Inspection dialog, as the
 * Inspections area's New button opens it (not a detour through that area). */
static void
new_inspection_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  XjTodayPage *self = XJ_TODAY_PAGE (widget);
  XjNewInspectionDialog *dialog = xj_new_inspection_dialog_new (self->application);

  xj_window_present_over (GTK_WINDOW (dialog), widget);
}

static void
refresh_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  xj_today_page_refresh (XJ_TODAY_PAGE (widget));
}

/* --- callbacks ------------------------------------------------------------ */

static gboolean
refresh_cb (gpointer data)
{
  XjTodayPage *self = data;

  self->refresh_source = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    xj_today_page_refresh (self);
  else
    self->dirty = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
period_cb (gpointer data)
{
  refresh_cb (data);
  return G_SOURCE_CONTINUE;
}

static void
on_store_changed_cb (XjTodayPage *self)
{
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

static void
on_map_cb (XjTodayPage *self)
{
  if (self->dirty)
    xj_today_page_refresh (self);
  else
    focus_first_row (self);
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_today_page_dispose (GObject *object)
{
  XjTodayPage *self = XJ_TODAY_PAGE (object);

  xj_cancel_clear (&self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->period_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_TODAY_PAGE);
  g_clear_pointer (&self->result, today_result_free);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (xj_today_page_parent_class)->dispose (object);
}

static void
xj_today_page_class_init (XjTodayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_today_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-today-page.ui");
  gtk_widget_class_bind_template_child (widget_class, XjTodayPage, stack);
  gtk_widget_class_bind_template_child (widget_class, XjTodayPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, XjTodayPage, groups);
  gtk_widget_class_bind_template_child (widget_class, XjTodayPage, no_site_status);
  gtk_widget_class_bind_template_child (widget_class, XjTodayPage, no_site_button);
  gtk_widget_class_bind_template_child (widget_class, XjTodayPage, empty_start_button);
  gtk_widget_class_bind_template_child (widget_class, XjTodayPage, join_team_button);
  gtk_widget_class_bind_template_child (widget_class, XjTodayPage, title);

  gtk_widget_class_install_action (widget_class, "today.start", "(xx)", start_activated);
  gtk_widget_class_install_action (widget_class, "today.resume", "x", resume_activated);
  gtk_widget_class_install_action (widget_class, "today.raise-notices", "x",
                                   raise_notices_activated);
  gtk_widget_class_install_action (widget_class, "today.refresh", NULL, refresh_activated);
  gtk_widget_class_install_action (widget_class, "today.add-site", NULL, add_site_activated);
  gtk_widget_class_install_action (widget_class, "today.new-inspection", NULL,
                                   new_inspection_activated);
  gtk_widget_class_install_action (widget_class, "today.show-schedules", NULL,
                                   show_schedules_activated);
}

static void
xj_today_page_init (XjTodayPage *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint s = 0; s < N_SECTIONS; s++)
    {
      GtkWidget *group = adw_preferences_group_new ();
      GtkWidget *list = gtk_list_box_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(sections[s].title));
      if (sections[s].description != NULL)
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                               _(sections[s].description));
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(sections[s].title), -1);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
      gtk_box_append (self->groups, group);
      self->group[s] = group;
      self->list[s] = GTK_LIST_BOX (list);
    }
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Primary>r"),
                                                          gtk_named_action_new ("today.refresh")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

/* --- public API ----------------------------------------------------------- */

GtkWidget *
xj_today_page_new (XjApplication *application)
{
  XjTodayPage *self = g_object_new (XJ_TYPE_TODAY_PAGE, NULL);

  self->application = g_object_ref (application);
  g_signal_connect_object (xj_application_get_store (application), "changed",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  self->period_source = g_timeout_add_seconds (REFRESH_PERIOD_S, period_cb, self);
  /* Computed once the page is shown (see on_map_cb), so that the worker never
   * competes with building and showing the window. */
  self->dirty = TRUE;
  return GTK_WIDGET (self);
}

/* Recomputes in the worker; the rows shown stay until the answer comes. */
void
xj_today_page_refresh (XjTodayPage *self)
{
  g_return_if_fail (XJ_IS_TODAY_PAGE (self));

  self->dirty = FALSE;
  xj_cancel_clear (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->result == NULL)
    gtk_spinner_start (self->spinner);

  xj_store_run_on_reader_async (xj_application_get_store (self->application), &compute_task, NULL,
                                self->cancellable, on_compute_done_cb, g_object_ref (self));
}

gboolean
xj_today_page_get_busy (XjTodayPage *self)
{
  g_return_val_if_fail (XJ_IS_TODAY_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

guint
xj_today_page_get_n_overdue (XjTodayPage *self)
{
  g_return_val_if_fail (XJ_IS_TODAY_PAGE (self), 0);

  return self->result != NULL ? self->result->today->overdue->len : 0;
}

guint
xj_today_page_get_n_due (XjTodayPage *self)
{
  g_return_val_if_fail (XJ_IS_TODAY_PAGE (self), 0);

  return self->result != NULL ? self->result->today->due->len : 0;
}
