/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adding or editing a schedule: site, checklist, kind and the rule with its
 * own fields.  The fields become the rule's JSON settings and the core
 * reads them back, so the message under the form is the core's own, shown
 * as the person types.
 */
#define G_LOG_DOMAIN "xj-schedule-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "xj-choices-private.h"
#include "xj-clock.h"
#include "xj-schedule-dialog.h"
#include "xj-site.h"
#include "xj-template-store.h"
#include "xj-window-actions.h"

#define N_RULES (XJ_SCHEDULE_RULE_RANDOM + 1)

struct _XjScheduleDialog
{
  AdwWindow        parent_instance;

  XjApplication   *application;
  XjSchedule      *schedule;      /* the one edited, or a new one on save */
  char            *read_error;    /* the sites or checklists could not be read */

  AdwWindowTitle  *title;
  GtkLabel        *error_label;
  AdwComboRow     *site_row;
  AdwComboRow     *template_row;
  AdwComboRow     *kind_row;
  AdwComboRow     *rule_row;
  GtkStack        *rule_stack;

  /* daily */
  GtkEditable     *daily_from;
  GtkEditable     *daily_to;
  /* weekly: index 1 … 7 is the ISO weekday */
  GtkCheckButton  *week_check[8];
  GtkEditable     *week_times[8];
  /* monthly */
  AdwComboRow     *month_day;       /* 0: last working day, else the day */
  GtkEditable     *month_time;
  /* every N weeks */
  GtkSpinButton   *n_weeks;
  AdwComboRow     *n_weekday;
  GtkEditable     *n_time;
  /* random spot checks */
  AdwComboRow     *random_per;
  GtkSpinButton   *random_count;
  GtkEditable     *random_from;
  GtkEditable     *random_to;
  GtkCheckButton  *random_day[8];
  GtkSpinButton   *random_items;
};

G_DEFINE_FINAL_TYPE (XjScheduleDialog, xj_schedule_dialog, ADW_TYPE_WINDOW)

/* --- building the fields -------------------------------------------------- */

static GtkWidget *
add_group (XjScheduleDialog *self,
           XjScheduleRule    rule,
           const char       *title,
           const char       *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_stack_add_named (self->rule_stack, group, xj_schedule_rule_to_string (rule));
  return group;
}

static void on_field_changed_cb (XjScheduleDialog *self);

static GtkEditable *
add_entry (GtkWidget  *group,
           const char *title,
           const char *name)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, name);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return GTK_EDITABLE (row);
}

static GtkSpinButton *
add_spin (GtkWidget  *group,
          const char *title,
          const char *subtitle,
          double      min,
          double      max,
          const char *name)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_name (spin, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return GTK_SPIN_BUTTON (spin);
}

static AdwComboRow *
add_combo (GtkWidget   *group,
           const char  *title,
           GListModel  *model)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), model);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return ADW_COMBO_ROW (row);
}

static GListModel *
weekday_model (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint weekday = 1; weekday <= 7; weekday++)
    gtk_string_list_append (list, xj_schedule_weekday_get_label (weekday));
  return G_LIST_MODEL (list);
}

static void
build_rule_fields (XjScheduleDialog *self)
{
  g_autoptr(GListModel) weekdays = weekday_model ();
  g_autoptr(GtkStringList) days = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) periods = gtk_string_list_new (NULL);
  GtkWidget *group, *box;

  group = add_group (self, XJ_SCHEDULE_RULE_DAILY, _("Time Window"),
                     _("The daily patrol should fall between these times."));
  self->daily_from = add_entry (group, _("From (HH:MM)"), "daily-from");
  self->daily_to = add_entry (group, _("To (HH:MM)"), "daily-to");

  group = add_group (self, XJ_SCHEDULE_RULE_WEEKLY, _("Weekdays and Times"),
                     _("Tick the days. Several times on one day are separated by commas, "
                       "for example 10:30, 15:00."));
  for (guint weekday = 1; weekday <= 7; weekday++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *times = gtk_entry_new ();
      g_autofree char *name = g_strdup_printf ("weekday-%u", weekday);
      g_autofree char *times_name = g_strdup_printf ("weekday-%u-times", weekday);
      g_autofree char *times_label = g_strdup_printf (_("Times on %s"),
                                                      xj_schedule_weekday_get_label (weekday));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     xj_schedule_weekday_get_label (weekday));
      gtk_widget_set_name (check, name);
      gtk_widget_set_name (times, times_name);
      gtk_widget_set_valign (times, GTK_ALIGN_CENTER);
      gtk_entry_set_placeholder_text (GTK_ENTRY (times), "10:30");
      gtk_editable_set_width_chars (GTK_EDITABLE (times), 14);
      gtk_accessible_update_property (GTK_ACCESSIBLE (times), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      times_label, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), times);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_bind_property (check, "active", times, "sensitive", G_BINDING_SYNC_CREATE);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      self->week_check[weekday] = GTK_CHECK_BUTTON (check);
      self->week_times[weekday] = GTK_EDITABLE (times);
    }

  group = add_group (self, XJ_SCHEDULE_RULE_MONTHLY, _("Day of the Month"), NULL);
  gtk_string_list_append (days, _("Last working day"));
  for (int day = 1; day <= 31; day++)
    {
      char text[8];

      g_snprintf (text, sizeof text, "%d", day);
      gtk_string_list_append (days, text);
    }
  self->month_day = add_combo (group, _("Day"), G_LIST_MODEL (days));
  self->month_time = add_entry (group, _("Time (HH:MM)"), "month-time");

  group = add_group (self, XJ_SCHEDULE_RULE_EVERY_N_WEEKS, _("Every Few Weeks"), NULL);
  self->n_weeks = add_spin (group, _("Every how many weeks"), NULL, 1, XJ_SCHEDULE_MAX_WEEKS,
                            "n-weeks");
  self->n_weekday = add_combo (group, _("Weekday"), weekdays);
  self->n_time = add_entry (group, _("Time (HH:MM)"), "n-time");

  group = add_group (self, XJ_SCHEDULE_RULE_RANDOM, _("Random Spot Checks"),
                     _("At random times within working hours, reproducible from the schedule’s seed."));
  gtk_string_list_append (periods, _("Per week"));
  gtk_string_list_append (periods, _("Per month"));
  self->random_per = add_combo (group, _("Counted"), G_LIST_MODEL (periods));
  self->random_count = add_spin (group, _("Number of spot checks"), NULL, 1,
                                 XJ_SCHEDULE_MAX_COUNT, "random-count");
  self->random_from = add_entry (group, _("Working hours from (HH:MM)"), "random-from");
  self->random_to = add_entry (group, _("Working hours to (HH:MM)"), "random-to");
  box = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 7);
  gtk_widget_set_margin_top (box, 6);
  for (guint weekday = 1; weekday <= 7; weekday++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (xj_schedule_weekday_get_label (weekday));

      gtk_flow_box_append (GTK_FLOW_BOX (box), check);
      self->random_day[weekday] = GTK_CHECK_BUTTON (check);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  self->random_items = add_spin (group, _("Random items"),
                                 _("How many items of the checklist each spot check covers; "
                                   "0 for the whole checklist."),
                                 0, 999, "random-items");
}

/* --- fields ⇄ spec -------------------------------------------------------- */

static void
set_minute (GtkEditable *editable,
            guint        minute)
{
  char text[8];

  g_snprintf (text, sizeof text, "%02u:%02u", minute / 60, minute % 60);
  gtk_editable_set_text (editable, text);
}

static void
show_spec (XjScheduleDialog     *self,
           const XjScheduleSpec *spec)
{
  adw_combo_row_set_selected (self->rule_row, spec->rule);
  set_minute (self->daily_from, spec->window_from);
  set_minute (self->daily_to, spec->window_to);
  set_minute (self->random_from, spec->window_from);
  set_minute (self->random_to, spec->window_to);
  for (guint i = 0; i < spec->n_slots; i++)
    {
      guint weekday = spec->slots[i].weekday;
      const char *before = gtk_editable_get_text (self->week_times[weekday]);
      char time[8];
      g_autofree char *joined = NULL;

      g_snprintf (time, sizeof time, "%02u:%02u", spec->slots[i].minute / 60u,
                  spec->slots[i].minute % 60u);
      joined = *before != '\0' ? g_strdup_printf ("%s, %s", before, time) : g_strdup (time);
      gtk_check_button_set_active (self->week_check[weekday], TRUE);
      gtk_editable_set_text (self->week_times[weekday], joined);
    }
  adw_combo_row_set_selected (self->month_day,
                              spec->day_of_month == XJ_SCHEDULE_LAST_WORKING_DAY
                              ? 0 : (guint) MAX (spec->day_of_month, 1));
  set_minute (self->month_time, spec->minute);
  set_minute (self->n_time, spec->minute);
  gtk_spin_button_set_value (self->n_weeks, MAX (spec->n_weeks, 1));
  adw_combo_row_set_selected (self->n_weekday, spec->weekday >= 1 ? spec->weekday - 1u : 0);
  adw_combo_row_set_selected (self->random_per, spec->period == XJ_SCHEDULE_PERIOD_MONTH);
  gtk_spin_button_set_value (self->random_count, MAX (spec->count, 1));
  for (guint weekday = 1; weekday <= 7; weekday++)
    gtk_check_button_set_active (self->random_day[weekday],
                                 (spec->weekday_mask & (1 << weekday)) != 0);
  gtk_spin_button_set_value (self->random_items, spec->sample_items);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            GtkEditable *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_slot (JsonBuilder *builder,
          guint        weekday,
          const char  *time)
{
  json_builder_begin_object (builder);
  add_int (builder, "weekday", weekday);
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, time);
  json_builder_end_object (builder);
}

static void
add_weekly_slots (XjScheduleDialog *self,
                  JsonBuilder      *builder)
{
  json_builder_set_member_name (builder, "slots");
  json_builder_begin_array (builder);
  for (guint weekday = 1; weekday <= 7; weekday++)
    {
      g_auto(GStrv) times = NULL;
      guint n;

      if (!gtk_check_button_get_active (self->week_check[weekday]))
        continue;
      times = g_regex_split_simple ("[,，;\\s]+", gtk_editable_get_text (self->week_times[weekday]),
                                    0, 0);
      n = 0;
      for (guint i = 0; times[i] != NULL; i++)
        if (*times[i] != '\0')
          {
            add_slot (builder, weekday, times[i]);
            n++;
          }
      /* A ticked day without a time: the core says what is missing. */
      if (n == 0)
        add_slot (builder, weekday, "");
    }
  json_builder_end_array (builder);
}

static char *
fields_to_json (XjScheduleDialog *self,
                XjScheduleRule    rule)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint day;

  json_builder_begin_object (builder);
  switch (rule)
    {
    case XJ_SCHEDULE_RULE_DAILY:
      add_string (builder, "from", self->daily_from);
      add_string (builder, "to", self->daily_to);
      break;
    case XJ_SCHEDULE_RULE_WEEKLY:
      add_weekly_slots (self, builder);
      break;
    case XJ_SCHEDULE_RULE_MONTHLY:
      day = adw_combo_row_get_selected (self->month_day);
      json_builder_set_member_name (builder, "day");
      if (day == 0)
        json_builder_add_string_value (builder, "last_working_day");
      else
        json_builder_add_int_value (builder, day);
      add_string (builder, "time", self->month_time);
      break;
    case XJ_SCHEDULE_RULE_EVERY_N_WEEKS:
      add_int (builder, "weeks", gtk_spin_button_get_value_as_int (self->n_weeks));
      add_int (builder, "weekday", adw_combo_row_get_selected (self->n_weekday) + 1);
      add_string (builder, "time", self->n_time);
      break;
    case XJ_SCHEDULE_RULE_RANDOM:
      json_builder_set_member_name (builder, "per");
      json_builder_add_string_value (builder, adw_combo_row_get_selected (self->random_per) == 1
                                              ? "month" : "week");
      add_int (builder, "count", gtk_spin_button_get_value_as_int (self->random_count));
      add_string (builder, "from", self->random_from);
      add_string (builder, "to", self->random_to);
      json_builder_set_member_name (builder, "weekdays");
      json_builder_begin_array (builder);
      for (guint weekday = 1; weekday <= 7; weekday++)
        if (gtk_check_button_get_active (self->random_day[weekday]))
          json_builder_add_int_value (builder, weekday);
      json_builder_end_array (builder);
      add_int (builder, "items", gtk_spin_button_get_value_as_int (self->random_items));
      break;
    default:
      g_return_val_if_reached (NULL);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Reads the fields into @spec; the core's message when they do not make a rule. */
static gboolean
read_spec (XjScheduleDialog  *self,
           XjScheduleSpec    *spec,
           GError           **error)
{
  XjScheduleRule rule = adw_combo_row_get_selected (self->rule_row);
  g_autofree char *json = fields_to_json (self, rule);

  return xj_schedule_spec_parse (rule, json, spec, error);
}

static const char *
selected_kind (XjScheduleDialog *self)
{
  guint n_kinds = 0;
  const XjTemplateChoice *kinds = xj_template_get_kinds (&n_kinds);
  guint selected = adw_combo_row_get_selected (self->kind_row);

  return selected < n_kinds ? kinds[selected].id : NULL;
}

/* --- callbacks and actions ------------------------------------------------ */

static void
on_field_changed_cb (XjScheduleDialog *self)
{
  XjScheduleSpec spec;
  g_autoptr(GError) error = NULL;

  gtk_stack_set_visible_child_name (self->rule_stack,
                                    xj_schedule_rule_to_string (adw_combo_row_get_selected (self->rule_row)));
  if (self->read_error != NULL)
    xj_inline_error_show (self->error_label, self->read_error, NULL);
  else if (_xj_choices_is_empty (adw_combo_row_get_model (self->site_row)))
    xj_inline_error_show (self->error_label,
                          _("There is no active site yet: add the site in Sites first."), NULL);
  else
    xj_inline_error_show (self->error_label,
                          read_spec (self, &spec, &error) ? NULL : error->message, NULL);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  XjScheduleDialog *self = XJ_SCHEDULE_DIALOG (widget);
  g_autofree char *actor = xj_application_dup_actor (self->application);
  g_autoptr(GError) error = NULL;
  XjScheduleSpec spec;
  gint64 site_id = _xj_combo_row_get_id (self->site_row);
  gint64 template_id = _xj_combo_row_get_id (self->template_row);

  if (self->read_error != NULL)
    {
      xj_inline_error_show (self->error_label, self->read_error, NULL);
      return;
    }
  if (!read_spec (self, &spec, &error))
    {
      xj_inline_error_show (self->error_label, error->message, NULL);
      return;
    }
  if (self->schedule == NULL)
    self->schedule = xj_schedule_new (site_id, template_id, selected_kind (self), &spec,
                                      xj_clock_now ());
  xj_schedule_set_site_id (self->schedule, site_id);
  xj_schedule_set_template_id (self->schedule, template_id);
  xj_schedule_set_kind (self->schedule, selected_kind (self));
  xj_schedule_set_spec (self->schedule, &spec);
  if (!xj_store_save_schedule (xj_application_get_store (self->application), self->schedule,
                               actor, &error))
    {
      xj_inline_error_show (self->error_label, error->message, NULL);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

/* A new schedule follows the checklist chosen: the kind it is made for,
 * and for a daily, weekly or monthly one, that repeat. */
static void
on_template_changed_cb (XjScheduleDialog *self)
{
  const char *kind = _xj_combo_row_get_default_kind (self->template_row);
  static const char *const repeats[] = {
    [XJ_SCHEDULE_RULE_DAILY] = "daily",
    [XJ_SCHEDULE_RULE_WEEKLY] = "weekly",
    [XJ_SCHEDULE_RULE_MONTHLY] = "monthly",
  };

  if (kind == NULL)
    return;
  _xj_kind_row_select (self->kind_row, kind);
  for (guint rule = 0; rule < G_N_ELEMENTS (repeats); rule++)
    if (strcmp (repeats[rule], kind) == 0)
      adw_combo_row_set_selected (self->rule_row, rule);
}

static void
fill_choices (XjScheduleDialog *self)
{
  XjStore *store = xj_application_get_store (self->application);
  g_autoptr(GListModel) sites = _xj_site_choices_new (store, FALSE, NULL);
  g_autoptr(GListModel) templates = _xj_template_choices_new (store);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) rules = gtk_string_list_new (NULL);
  const GError *error = _xj_choices_get_error (sites);
  guint n_kinds = 0;
  const XjTemplateChoice *kind_choices = xj_template_get_kinds (&n_kinds);

  for (guint i = 0; i < n_kinds; i++)
    gtk_string_list_append (kinds, kind_choices[i].label);
  for (guint rule = 0; rule < N_RULES; rule++)
    gtk_string_list_append (rules, xj_schedule_rule_get_label (rule));
  _xj_combo_row_set_choices (self->site_row, sites);
  _xj_combo_row_set_choices (self->template_row, templates);
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_model (self->rule_row, G_LIST_MODEL (rules));
  /* Said by on_field_changed_cb instead of "no site yet". */
  if (error == NULL)
    error = _xj_choices_get_error (templates);
  if (error != NULL)
    self->read_error = g_strdup (error->message);
}

/* Every field revalidates the whole form when it changes. */
static void
watch_fields (XjScheduleDialog *self,
              GtkWidget        *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_EDITABLE (child) && !GTK_IS_SPIN_BUTTON (child))
        g_signal_connect_swapped (child, "changed", G_CALLBACK (on_field_changed_cb), self);
      else if (GTK_IS_SPIN_BUTTON (child))
        g_signal_connect_swapped (child, "value-changed", G_CALLBACK (on_field_changed_cb), self);
      else if (GTK_IS_CHECK_BUTTON (child))
        g_signal_connect_swapped (child, "toggled", G_CALLBACK (on_field_changed_cb), self);
      else if (ADW_IS_COMBO_ROW (child))
        g_signal_connect_swapped (child, "notify::selected", G_CALLBACK (on_field_changed_cb), self);
      if (!GTK_IS_EDITABLE (child))
        watch_fields (self, child);
    }
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_schedule_dialog_dispose (GObject *object)
{
  XjScheduleDialog *self = XJ_SCHEDULE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_SCHEDULE_DIALOG);
  g_clear_object (&self->schedule);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (xj_schedule_dialog_parent_class)->dispose (object);
}

static void
xj_schedule_dialog_finalize (GObject *object)
{
  XjScheduleDialog *self = XJ_SCHEDULE_DIALOG (object);

  g_free (self->read_error);

  G_OBJECT_CLASS (xj_schedule_dialog_parent_class)->finalize (object);
}

static void
xj_schedule_dialog_class_init (XjScheduleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_schedule_dialog_dispose;
  object_class->finalize = xj_schedule_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-schedule-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, XjScheduleDialog, title);
  gtk_widget_class_bind_template_child (widget_class, XjScheduleDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, XjScheduleDialog, site_row);
  gtk_widget_class_bind_template_child (widget_class, XjScheduleDialog, template_row);
  gtk_widget_class_bind_template_child (widget_class, XjScheduleDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, XjScheduleDialog, rule_row);
  gtk_widget_class_bind_template_child (widget_class, XjScheduleDialog, rule_stack);

  gtk_widget_class_install_action (widget_class, "schedule.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "schedule.save", NULL);
}

static void
xj_schedule_dialog_init (XjScheduleDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_rule_fields (self);
}

/* --- public API ----------------------------------------------------------- */

/**
 * xj_schedule_dialog_new:
 * @schedule: (nullable): the schedule to edit; %NULL adds one (weekly,
 *   Monday 10:30, the first weekly checklist; choosing another checklist
 *   takes its kind and, for a daily or monthly one, its repeat)
 */
XjScheduleDialog *
xj_schedule_dialog_new (XjApplication *application,
                        XjSchedule    *schedule)
{
  XjScheduleDialog *self = g_object_new (XJ_TYPE_SCHEDULE_DIALOG, NULL);
  XjScheduleSpec spec;
  const char *kind = schedule != NULL ? xj_schedule_get_kind (schedule) : "weekly";

  self->application = g_object_ref (application);
  fill_choices (self);
  if (schedule != NULL)
    {
      self->schedule = g_object_ref (schedule);
      adw_window_title_set_title (self->title, _("Edit Schedule"));
      _xj_combo_row_select_id (self->site_row, xj_schedule_get_site_id (schedule));
      _xj_combo_row_select_id (self->template_row, xj_schedule_get_template_id (schedule));
      spec = *xj_schedule_get_spec (schedule);
    }
  else
    {
      xj_schedule_spec_init (&spec, XJ_SCHEDULE_RULE_WEEKLY);
      spec.n_slots = 1;
      spec.slots[0] = (XjScheduleSlot) { 1, 10 * 60 + 30 };
      _xj_combo_row_select_for_kind (self->template_row, kind);
    }
  _xj_kind_row_select (self->kind_row, kind);
  /* The other rules' fields start from their defaults. */
  for (guint rule = 0; rule < N_RULES; rule++)
    if (rule != spec.rule)
      {
        XjScheduleSpec defaults;

        xj_schedule_spec_init (&defaults, rule);
        defaults.n_slots = 0;
        show_spec (self, &defaults);
      }
  show_spec (self, &spec);
  if (schedule == NULL)
    g_signal_connect_swapped (self->template_row, "notify::selected",
                              G_CALLBACK (on_template_changed_cb), self);
  watch_fields (self, GTK_WIDGET (self));
  on_field_changed_cb (self);
  /* The first field, not the Cancel button (with no site to choose, the
   * checklist). */
  if (!gtk_widget_grab_focus (GTK_WIDGET (self->site_row)))
    gtk_widget_grab_focus (GTK_WIDGET (self->template_row));
  return self;
}

/* The message under the form, or %NULL when the fields make a rule. */
const char *
xj_schedule_dialog_get_error (XjScheduleDialog *self)
{
  g_return_val_if_fail (XJ_IS_SCHEDULE_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_text (self->error_label) : NULL;
}
