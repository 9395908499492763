/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Conflicts page: each field that was changed here and by a colleague
 * with different values, the record it belongs to, both values side by
 * side with who changed them and when, and Keep Mine / Keep Theirs.  One
 * click decides and starts a sync.  The list is read in a worker with a
 * reader connection of its own, which also says what each conflict is
 * (a checksum of its fields): the rows on screen change only where the
 * conflicts did, so a sync that changed none leaves the list, its scroll
 * position and its selection as they are.
 */
#define G_LOG_DOMAIN "xj-conflicts"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "xj-cancel.h"
#include "xj-clock.h"
#include "xj-conflict-steps.h"
#include "xj-conflicts-page.h"
#include "xj-label.h"
#include "xj-team-conflicts.h"
#include "xj-team-fold.h"

struct _XjConflictsPage
{
  GtkBox         parent_instance;

  XjApplication *application;   /* weak: it outlives its windows */
  GCancellable  *cancellable;
  guint          count;
  char          *checksum;        /* of the conflicts on screen */
  guint          n_rows_built;

  GtkStack      *stack;
  GtkListBox    *list;
};

G_DEFINE_FINAL_TYPE (XjConflictsPage, xj_conflicts_page, GTK_TYPE_BOX)

/* --- helpers -------------------------------------------------------------- */

static XjStore *
get_store (XjConflictsPage *self)
{
  return xj_application_get_store (self->application);
}

/* What kind of record, as a person calls it. */
static const char *
table_label (const char *table)
{
  static const struct { const char *table; const char *label; } kinds[] = {
    { "sites", N_("Site") },
    { "templates", N_("Checklist") },
    { "schedules", N_("Schedule") },
    { "notices", N_("Notice") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (table, kinds[i].table) == 0)
      return _(kinds[i].label);
  return table;
}

/* The field's name as the forms show it; the column name otherwise. */
static const char *
field_label (const char *field)
{
  static const struct { const char *field; const char *label; } fields[] = {
    { "name", N_("Name") },
    { "address", N_("Address") },
    { "kind", N_("Kind") },
    { "deadline", N_("Deadline") },
    { "addressed_to", N_("Addressed To") },
    { "responsible_party", N_("Responsible Party") },
    { "required_action", N_("Required Action") },
    { "severity", N_("Severity") },
    { "recurrence", N_("Recurrence") },
    { "active", N_("Active") },
    /* Translators: a notice's two steps made offline that cannot both stand */
    { "steps", N_("Steps") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (field, fields[i].field) == 0)
      return _(fields[i].label);
  return field;
}

/* A value as stored (JSON text) as a person reads it. */
static char *
readable_value (const char *json)
{
  g_autoptr(JsonNode) node = NULL;

  if (json == NULL || (node = json_from_string (json, NULL)) == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("(empty)"));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
}

static GtkWidget *
side_box (const char *heading,
          const char *json,
          const char *who)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (heading);
  g_autofree char *text = readable_value (json);
  GtkWidget *value = gtk_label_new (text);
  GtkWidget *by = gtk_label_new (who);

  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_widget_add_css_class (by, "dim-label");
  gtk_widget_add_css_class (by, "caption");
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap (GTK_LABEL (by), TRUE);
  for (GtkWidget *label = title; label != NULL;
       label = label == title ? value : label == value ? by : NULL)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), label);
    }
  return box;
}

static GtkWidget *
keep_button (XjConflictsPage *self,
             gint64           id,
             XjTeamKeep       keep,
             const char      *label,
             const char      *name)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_name (button, name);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "conflicts.keep");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xi)", id, (gint32) keep);
  return button;
}

static GtkWidget *
conflict_row (XjConflictsPage *self,
              XjTeamConflict  *conflict,
              const char      *key)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  GtkWidget *sides;
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *title = NULL;
  g_autofree char *found = xj_format_local_minute (conflict->found_at);
  g_autofree char *theirs_when = xj_format_local_minute (conflict->their_changed_at);
  g_autofree char *mine_by = NULL;
  g_autofree char *theirs_by = NULL;
  GtkWidget *heading;

  title = g_strdup_printf (C_("conflict", "%s “%s” · %s"), table_label (conflict->table),
                           conflict->label != NULL ? conflict->label : conflict->record,
                           field_label (conflict->field));
  heading = xj_label_new_wrapped (title, "heading");

  mine_by = g_strdup_printf (_("Changed on this laptop · found %s"), found);
  theirs_by = g_strdup_printf (_("Changed by %s · %s"),
                               conflict->their_author != NULL ? conflict->their_author : "?",
                               theirs_when);
  if (g_strcmp0 (conflict->field, XJ_TEAM_STEPS_FIELD) == 0)
    sides = xj_conflict_steps_new (conflict, xj_store_get_data_dir (get_store (self)),
                                   self->cancellable);
  else
    {
      sides = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
      gtk_box_append (GTK_BOX (sides), side_box (_("Mine"), conflict->mine, mine_by));
      gtk_box_append (GTK_BOX (sides), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
      gtk_box_append (GTK_BOX (sides), side_box (_("Theirs (in force)"), conflict->theirs,
                                                 theirs_by));
    }

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), keep_button (self, conflict->id, XJ_TEAM_KEEP_MINE,
                                                  _("Keep _Mine"), "keep-mine"));
  gtk_box_append (GTK_BOX (buttons), keep_button (self, conflict->id, XJ_TEAM_KEEP_THEIRS,
                                                  _("Keep _Theirs"), "keep-theirs"));

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), sides);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "conflict-key", g_strdup (key), g_free);
  self->n_rows_built++;
  return row;
}

/* --- the list, read in a worker ------------------------------------------- */

typedef struct
{
  GPtrArray *conflicts;   /* of XjTeamConflict */
  GPtrArray *keys;        /* of char *: each conflict's checksum, in order */
  char      *checksum;    /* of the whole list */
} ConflictList;

static void
conflict_list_free (ConflictList *list)
{
  g_clear_pointer (&list->conflicts, g_ptr_array_unref);
  g_clear_pointer (&list->keys, g_ptr_array_unref);
  g_free (list->checksum);
  g_free (list);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConflictList, conflict_list_free)

/* What a conflict shows: the same key, the same row. */
static char *
conflict_key (const XjTeamConflict *conflict)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f"
                                           "%s\x1f%s\x1f%" G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT,
                                           conflict->id, conflict->table, conflict->record,
                                           conflict->label ? conflict->label : "",
                                           conflict->field, conflict->mine ? conflict->mine : "",
                                           conflict->theirs ? conflict->theirs : "",
                                           conflict->their_author ? conflict->their_author : "",
                                           conflict->their_changed_at, conflict->found_at);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(XjStore) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GChecksum) all = g_checksum_new (G_CHECKSUM_SHA256);
  ConflictList *list;
  GPtrArray *conflicts;

  if ((reader = xj_store_open_reader (task_data, &error)) == NULL
      || (conflicts = xj_team_list_conflicts (reader, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  list = g_new0 (ConflictList, 1);
  list->conflicts = conflicts;
  list->keys = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < conflicts->len; i++)
    {
      char *key = conflict_key (g_ptr_array_index (conflicts, i));

      g_checksum_update (all, (const guchar *) key, -1);
      g_ptr_array_add (list->keys, key);
    }
  list->checksum = g_strdup (g_checksum_get_string (all));
  g_task_return_pointer (task, list, (GDestroyNotify) conflict_list_free);
}

static gboolean
has_key (GPtrArray  *keys,
         const char *key)
{
  for (guint i = 0; i < keys->len; i++)
    if (g_str_equal (g_ptr_array_index (keys, i), key))
      return TRUE;
  return FALSE;
}

static void
on_list_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  XjConflictsPage *self = XJ_CONFLICTS_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConflictList) list = g_task_propagate_pointer (G_TASK (result), &error);
  GtkWidget *child;
  GtkWidget *next;

  if (list == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
      return;
    }
  if (g_strcmp0 (list->checksum, self->checksum) == 0)
    return;
  /* Rows of conflicts gone (decided, or changed) go; the others stay as
   * they are, new ones come in at their place. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL; child = next)
    {
      next = gtk_widget_get_next_sibling (child);
      if (!has_key (list->keys, g_object_get_data (G_OBJECT (child), "conflict-key")))
        gtk_list_box_remove (self->list, child);
    }
  for (guint i = 0; i < list->conflicts->len; i++)
    {
      const char *key = g_ptr_array_index (list->keys, i);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, (int) i);

      if (row == NULL || g_strcmp0 (g_object_get_data (G_OBJECT (row), "conflict-key"), key) != 0)
        gtk_list_box_insert (self->list,
                             conflict_row (self, g_ptr_array_index (list->conflicts, i), key),
                             (int) i);
    }
  self->count = list->conflicts->len;
  g_free (self->checksum);
  self->checksum = g_steal_pointer (&list->checksum);
  gtk_stack_set_visible_child_name (self->stack, self->count > 0 ? "list" : "empty");
}

static void
reload (XjConflictsPage *self)
{
  g_autoptr(GTask) task = NULL;

  xj_cancel_clear (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_list_done_cb, NULL);
  g_task_set_source_tag (task, reload);
  g_task_set_task_data (task, g_strdup (xj_store_get_data_dir (get_store (self))), g_free);
  g_task_run_in_thread (task, list_thread);
}

/* --- actions -------------------------------------------------------------- */

/* conflicts.keep ((xi)): a short write on the main store, then a sync
 * takes the decision to the team. */
static void
keep_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  XjConflictsPage *self = XJ_CONFLICTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;
  gint32 keep;

  g_variant_get (parameter, "(xi)", &id, &keep);
  if (!xj_team_resolve_conflict (get_store (self), id, (XjTeamKeep) keep, &error))
    {
      gtk_widget_activate_action (widget, "win.toast", "s", error->message);
      return;
    }
  xj_store_emit_changed (get_store (self), "team_conflicts");
  g_action_group_activate_action (G_ACTION_GROUP (self->application), "sync-now", NULL);
}

static void
on_store_changed_cb (XjStore         *store,
                     const char      *table,
                     XjConflictsPage *self)
{
  reload (self);
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_conflicts_page_dispose (GObject *object)
{
  XjConflictsPage *self = XJ_CONFLICTS_PAGE (object);

  xj_cancel_clear (&self->cancellable);
  g_clear_pointer (&self->checksum, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), XJ_TYPE_CONFLICTS_PAGE);

  G_OBJECT_CLASS (xj_conflicts_page_parent_class)->dispose (object);
}

static void
xj_conflicts_page_class_init (XjConflictsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_conflicts_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-conflicts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, XjConflictsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, XjConflictsPage, list);
  gtk_widget_class_install_action (widget_class, "conflicts.keep", "(xi)", keep_activated);
}

static void
xj_conflicts_page_init (XjConflictsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* --- public API ----------------------------------------------------------- */

GtkWidget *
xj_conflicts_page_new (XjApplication *application)
{
  XjConflictsPage *self = g_object_new (XJ_TYPE_CONFLICTS_PAGE, NULL);

  self->application = application;
  g_signal_connect_object (get_store (self), "changed::team_conflicts",
                           G_CALLBACK (on_store_changed_cb), self, 0);
  reload (self);
  return GTK_WIDGET (self);
}

/* The conflicts shown, once the list is read. */
guint
xj_conflicts_page_get_count (XjConflictsPage *self)
{
  g_return_val_if_fail (XJ_IS_CONFLICTS_PAGE (self), 0);

  return self->count;
}

/* Rows made since the page was: a list read again with the same conflicts
 * makes none. */
guint
xj_conflicts_page_get_n_rows_built (XjConflictsPage *self)
{
  g_return_val_if_fail (XJ_IS_CONFLICTS_PAGE (self), 0);

  return self->n_rows_built;
}
