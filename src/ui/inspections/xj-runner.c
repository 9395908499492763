/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjRunner: the screen inspectors live in.  Every section's items in one
 * scrolled list, a sidebar of sections with progress, the live score in
 * the header.  Each answer and remark is written the moment it is given
 * (xj_store_set_answer: one durable transaction); there is no Save button.
 */
#define G_LOG_DOMAIN "xj-runner"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-cancel.h"
#include "xj-clock.h"
#include "xj-label.h"
#include "xj-runner-private.h"
#include "xj-team-laptop.h"
#include "xj-window.h"

#define SAVE_CURRENT_MS 400
#define SCROLL_MARGIN 24
#define FREQUENT_REMARKS 12

G_DEFINE_FINAL_TYPE (XjRunner, xj_runner, ADW_TYPE_BIN)

/* --- helpers -------------------------------------------------------------- */

static XjStore *
get_store (XjRunner *self)
{
  return xj_application_get_store (self->application);
}

static XjItemRow *
row_at (XjRunner *self,
        guint     index)
{
  return g_ptr_array_index (self->rows, index);
}

static gboolean
save_current_cb (gpointer user_data)
{
  XjRunner *self = user_data;
  g_autoptr(GError) error = NULL;

  self->save_current_id = 0;
  if (!self->read_only
      && !xj_store_set_current_item (get_store (self), self->inspection_id,
                                     xj_item_row_get_item (row_at (self, self->current))->id,
                                     &error))
    g_warning ("Could not remember the current item: %s", error->message);
  return G_SOURCE_REMOVE;
}

/* Brings @widget into view with a margin; waits for the layout when the
 * widget has no size yet (just built, or the runner not yet shown). */
static gboolean
scroll_into_view (XjRunner  *self,
                  GtkWidget *widget)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  GtkWidget *content = gtk_viewport_get_child (GTK_VIEWPORT (gtk_scrolled_window_get_child (self->scroller)));
  graphene_rect_t bounds;
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  double top, bottom;

  if (page <= 0 || !gtk_widget_compute_bounds (widget, content, &bounds)
      || bounds.size.height <= 0)
    return FALSE;
  top = bounds.origin.y - SCROLL_MARGIN;
  bottom = bounds.origin.y + bounds.size.height + SCROLL_MARGIN;
  if (top < value || bottom - top > page)
    gtk_adjustment_set_value (adjustment, top);
  else if (bottom > value + page)
    gtk_adjustment_set_value (adjustment, bottom - page);
  return TRUE;
}

static gboolean
on_scroll_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  XjRunner *self = XJ_RUNNER (widget);

  /* Ticks come before the frame's layout: measure on the frame after. */
  if (self->scroll_frames++ == 0
      || !scroll_into_view (self, GTK_WIDGET (row_at (self, self->current))))
    return G_SOURCE_CONTINUE;
  self->scroll_tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
scroll_to_current (XjRunner *self)
{
  /* On the next frame: an answer just given may have grown the row above
   * (a failure shows what it requires), moving this one down. */
  if (self->scroll_tick_id == 0)
    {
      self->scroll_frames = 0;
      self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_scroll_tick_cb,
                                                           NULL, NULL);
    }
}

guint
_xj_runner_find_row (XjRunner *self,
                     gint64    item_id)
{
  for (guint i = 0; i < self->rows->len; i++)
    if (xj_item_row_get_item (row_at (self, i))->id == item_id)
      return i;
  return G_MAXUINT;
}

/* --- callbacks ------------------------------------------------------------ */

static void
on_row_entered_cb (XjItemRow *row,
                   XjRunner  *self)
{
  guint index;

  if (!g_ptr_array_find (self->rows, row, &index) || index == self->current)
    return;
  _xj_runner_set_current (self, index, FALSE);
}

static void
on_section_activated_cb (XjRunner      *self,
                         GtkListBoxRow *list_row)
{
  guint section = gtk_list_box_row_get_index (list_row);

  for (guint i = 0; i < self->rows->len; i++)
    if (g_array_index (self->row_section, guint, i) == section
        && gtk_widget_get_visible (GTK_WIDGET (row_at (self, i))))
      {
        _xj_runner_set_current (self, i, TRUE);
        scroll_into_view (self, g_ptr_array_index (self->section_headers, section));
        break;
      }
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
on_search_changed_cb (XjRunner *self)
{
  g_autofree char *needle = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  gboolean any = FALSE;

  for (guint s = 0; s < self->section_headers->len; s++)
    gtk_widget_set_visible (g_ptr_array_index (self->section_headers, s), FALSE);
  for (guint i = 0; i < self->rows->len; i++)
    {
      g_autofree char *prompt = g_utf8_casefold (xj_item_row_get_item (row_at (self, i))->prompt, -1);
      gboolean shown = strstr (prompt, needle) != NULL;

      gtk_widget_set_visible (GTK_WIDGET (row_at (self, i)), shown);
      if (shown)
        gtk_widget_set_visible (g_ptr_array_index (self->section_headers,
                                                   g_array_index (self->row_section, guint, i)),
                                TRUE);
      any |= shown;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->no_match), !any);
  if (any && !gtk_widget_get_visible (GTK_WIDGET (row_at (self, self->current))))
    _xj_runner_move (self, 1);
}

static void
on_search_mode_cb (XjRunner *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_widget_grab_focus (GTK_WIDGET (row_at (self, self->current)));
    }
}

static void
on_stop_search_cb (XjRunner *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
on_map_cb (XjRunner *self)
{
  if (self->rows->len == 0)
    return;
  scroll_to_current (self);
  gtk_widget_grab_focus (GTK_WIDGET (row_at (self, self->current)));
}

static void reload_remarks (XjRunner *self);

static void
on_remarks_changed_cb (XjRunner *self)
{
  reload_remarks (self);
}

/* Counts and thumbnails follow the photos, whoever attached them. */
static void
on_photos_changed_cb (XjRunner *self)
{
  _xj_runner_reload_answers (self);
  for (guint i = 0; i < self->rows->len; i++)
    {
      XjItemRow *row = row_at (self, i);

      xj_item_row_set_answer (row, g_hash_table_lookup (self->answers,
                                                        &xj_item_row_get_item (row)->id));
    }
  _xj_runner_reload_photos (self);
}

/* --- building ------------------------------------------------------------- */

static void
add_section (XjRunner                *self,
             const XjTemplateSection *section)
{
  GtkWidget *header = xj_label_new_wrapped (section->title, "title-4");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (section->title);
  GtkWidget *progress = gtk_label_new (NULL);

  gtk_widget_add_css_class (header, "section-header");
  gtk_box_insert_child_after (self->items_box, header,
                              gtk_widget_get_prev_sibling (GTK_WIDGET (self->no_match)));
  g_ptr_array_add (self->section_headers, header);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (progress), 0);
  gtk_widget_add_css_class (progress, "dim-label");
  gtk_widget_add_css_class (progress, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), progress);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_append (self->sections_list, box);
  g_ptr_array_add (self->section_progress, progress);
}

static void
add_rows (XjRunner *self)
{
  gint64 now = xj_clock_now ();
  guint number = 0;

  for (guint s = 0; s < self->tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (self->tmpl->sections, s);

      add_section (self, section);
      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);
          XjItemRow *row = xj_item_row_new (item, ++number, G_MENU_MODEL (self->remarks_menu));

          xj_item_row_set_answer (row, g_hash_table_lookup (self->answers, &item->id));
          xj_item_row_set_previous (row, g_hash_table_lookup (self->previous, item->key), now);
          xj_item_row_set_read_only (row, self->read_only);
          _xj_runner_connect_row (self, row);
          g_signal_connect_object (row, "entered", G_CALLBACK (on_row_entered_cb), self, 0);
          _xj_runner_setup_photos (self, row);
          gtk_box_insert_child_after (self->items_box, GTK_WIDGET (row),
                                      gtk_widget_get_prev_sibling (GTK_WIDGET (self->no_match)));
          g_ptr_array_add (self->rows, row);
          g_array_append_val (self->row_section, s);
        }
    }
}

static void
set_titles (XjRunner *self)
{
  g_autofree char *title = g_strdup_printf ("%s · %s", self->inspection->site_name,
                                            self->inspection->template_name);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s",
                                               xj_inspection_kind_get_label (self->inspection->kind),
                                               self->inspection->inspector);

  adw_window_title_set_title (self->title, title);
  adw_window_title_set_subtitle (self->title, subtitle);
}


/* A colleague's inspection, pulled from the team: read-only here (the
 * database refuses changes too), and the banner says whose it is. */
static void
show_foreign_owner (XjRunner *self)
{
  const XjInspection *inspection = self->inspection;
  g_autoptr(XjTeamMembership) membership = xj_team_get_membership (get_store (self), NULL);
  g_autofree char *text = NULL;

  /* Made here, or by this laptop's own team login elsewhere: ours. */
  if (inspection->owner == NULL
      || (membership != NULL && g_strcmp0 (inspection->owner, membership->user) == 0))
    return;
  self->foreign = TRUE;
  self->read_only = TRUE;
  text = inspection->laptop != NULL
         ? g_strdup_printf (_("This inspection belongs to %s (laptop %s) and came with the team’s "
                              "sync: it is read-only here."), inspection->owner, inspection->laptop)
         : g_strdup_printf (_("This inspection belongs to %s and came with the team’s sync: it "
                              "is read-only here."), inspection->owner);
  gtk_label_set_text (self->read_only_bar, text);
}

static gboolean
load (XjRunner  *self,
      GError   **error)
{
  XjStore *store = get_store (self);
  gint64 started = g_get_monotonic_time ();
  guint current;

  self->inspection = xj_store_get_inspection (store, self->inspection_id, error);
  if (self->inspection == NULL)
    return FALSE;
  self->tmpl = xj_store_load_inspection_template (store, self->inspection_id, error);
  if (self->tmpl == NULL)
    return FALSE;
  self->answers = xj_store_load_answers (store, self->inspection_id, error);
  if (self->answers == NULL)
    return FALSE;
  self->previous = xj_store_load_previous_answers (store, self->inspection_id, error);
  if (self->previous == NULL)
    return FALSE;
  self->read_only = self->inspection->state != XJ_INSPECTION_DRAFT;
  show_foreign_owner (self);

  reload_remarks (self);
  set_titles (self);
  add_rows (self);
  _xj_runner_reload_photos (self);
  gtk_widget_set_visible (GTK_WIDGET (self->read_only_bar), self->read_only);
  _xj_runner_update_score (self);

  current = _xj_runner_find_row (self, self->inspection->current_item_id);
  if (self->rows->len > 0)
    _xj_runner_set_current (self, _xj_runner_resume_row (self, current != G_MAXUINT ? current : 0), FALSE);
  _xj_runner_actions_update (self);
  g_debug ("Runner for inspection %lld: %u items loaded in %.1f ms",
           (long long) self->inspection_id, self->rows->len,
           (g_get_monotonic_time () - started) / 1000.0);
  return TRUE;
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_runner_dispose (GObject *object)
{
  XjRunner *self = XJ_RUNNER (object);

  if (self->save_current_id != 0)
    {
      g_clear_handle_id (&self->save_current_id, g_source_remove);
      save_current_cb (self);
    }
  if (self->scroll_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick_id);
      self->scroll_tick_id = 0;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), XJ_TYPE_RUNNER);
  xj_cancel_clear (&self->folder_import);
  g_clear_object (&self->remarks_menu);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (xj_runner_parent_class)->dispose (object);
}

static void
xj_runner_finalize (GObject *object)
{
  XjRunner *self = XJ_RUNNER (object);

  g_clear_pointer (&self->inspection, xj_inspection_free);
  g_clear_pointer (&self->tmpl, xj_template_free);
  g_clear_pointer (&self->answers, g_hash_table_unref);
  g_clear_pointer (&self->previous, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->section_headers, g_ptr_array_unref);
  g_clear_pointer (&self->section_progress, g_ptr_array_unref);
  g_clear_pointer (&self->row_section, g_array_unref);

  G_OBJECT_CLASS (xj_runner_parent_class)->finalize (object);
}

static void
xj_runner_class_init (XjRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_runner_dispose;
  object_class->finalize = xj_runner_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xunjian/Xunjian/xj-runner.ui");
  gtk_widget_class_bind_template_child (widget_class, XjRunner, title);
  gtk_widget_class_bind_template_child (widget_class, XjRunner, score_label);
  gtk_widget_class_bind_template_child (widget_class, XjRunner, critical_badge);
  gtk_widget_class_bind_template_child (widget_class, XjRunner, read_only_bar);
  gtk_widget_class_bind_template_child (widget_class, XjRunner, summary_button);
  gtk_widget_class_bind_template_child (widget_class, XjRunner, sign_button);
  gtk_widget_class_bind_template_child (widget_class, XjRunner, report_button);
  gtk_widget_class_bind_template_child (widget_class, XjRunner, search_bar);
  gtk_widget_class_bind_template_child (widget_class, XjRunner, search_entry);
  gtk_widget_class_bind_template_child (widget_class, XjRunner, flap);
  gtk_widget_class_bind_template_child (widget_class, XjRunner, sections_list);
  gtk_widget_class_bind_template_child (widget_class, XjRunner, scroller);
  gtk_widget_class_bind_template_child (widget_class, XjRunner, items_box);
  gtk_widget_class_bind_template_child (widget_class, XjRunner, no_match);
  gtk_widget_class_bind_template_child (widget_class, XjRunner, import_bar);
  gtk_widget_class_bind_template_child (widget_class, XjRunner, import_progress);

  _xj_runner_class_add_actions (widget_class);
  _xj_runner_class_add_archive_actions (widget_class);
}

static void
xj_runner_init (XjRunner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  self->just_answered = G_MAXUINT;
  self->section_headers = g_ptr_array_new ();
  self->section_progress = g_ptr_array_new ();
  self->row_section = g_array_new (FALSE, FALSE, sizeof (guint));
  self->remarks_menu = g_menu_new ();

  g_signal_connect_swapped (self->sections_list, "row-activated",
                            G_CALLBACK (on_section_activated_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (on_stop_search_cb), self);
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (on_search_mode_cb), self);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
  _xj_runner_add_shortcuts (self);
}

/* --- private API (xj-runner-actions.c) ------------------------------------ */

void
_xj_runner_set_current (XjRunner *self,
                        guint     index,
                        gboolean  focus)
{
  g_return_if_fail (index < self->rows->len);

  if (index != self->current)
    {
      self->just_answered = G_MAXUINT;
      xj_item_row_flush (row_at (self, self->current));
      xj_item_row_set_current (row_at (self, self->current), FALSE);
      self->current = index;
      if (!self->read_only)
        {
          g_clear_handle_id (&self->save_current_id, g_source_remove);
          self->save_current_id = g_timeout_add (SAVE_CURRENT_MS, save_current_cb, self);
        }
    }
  xj_item_row_set_current (row_at (self, index), TRUE);
  gtk_list_box_select_row (self->sections_list,
                           gtk_list_box_get_row_at_index (self->sections_list,
                                                          g_array_index (self->row_section,
                                                                         guint, index)));
  if (focus)
    {
      gtk_widget_grab_focus (GTK_WIDGET (row_at (self, index)));
      scroll_to_current (self);
    }
}

/* To the next (or previous) item that the search leaves visible. */
void
_xj_runner_move (XjRunner *self,
                 int       delta)
{
  for (int i = (int) self->current + delta; i >= 0 && i < (int) self->rows->len; i += delta)
    if (gtk_widget_get_visible (GTK_WIDGET (row_at (self, i))))
      {
        _xj_runner_set_current (self, i, TRUE);
        return;
      }
  /* At either end: keep the current item in view all the same. */
  _xj_runner_set_current (self, self->current, TRUE);
}

/* The team's frequent remarks, to pick from or to forget. */
static void
reload_remarks (XjRunner *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) remarks = xj_store_list_frequent_remarks (get_store (self),
                                                                 FREQUENT_REMARKS, &error);
  g_autoptr(GMenu) pick = g_menu_new ();
  g_autoptr(GMenu) forget = g_menu_new ();

  g_menu_remove_all (self->remarks_menu);
  if (remarks == NULL)
    {
      g_warning ("Could not list the frequent remarks: %s", error->message);
      return;
    }
  if (remarks->len == 0)
    {
      g_menu_append (pick, _("No frequent remarks yet"), "item.none");
      g_menu_append_section (self->remarks_menu, NULL, G_MENU_MODEL (pick));
      return;
    }
  for (guint i = 0; i < remarks->len; i++)
    {
      const char *text = g_ptr_array_index (remarks, i);
      g_autoptr(GMenuItem) use = g_menu_item_new (text, NULL);
      g_autoptr(GMenuItem) drop = g_menu_item_new (text, NULL);

      g_menu_item_set_action_and_target_value (use, "item.use-remark", g_variant_new_string (text));
      g_menu_append_item (pick, use);
      g_menu_item_set_action_and_target_value (drop, "runner.forget-remark",
                                               g_variant_new_string (text));
      g_menu_append_item (forget, drop);
    }
  g_menu_append_section (self->remarks_menu, NULL, G_MENU_MODEL (pick));
  g_menu_append_submenu (self->remarks_menu, _("Forget a Remark"), G_MENU_MODEL (forget));
}

/* --- public API ----------------------------------------------------------- */

XjRunner *
xj_runner_new (XjApplication  *application,
               gint64          inspection_id,
               GError        **error)
{
  XjRunner *self;

  g_return_val_if_fail (XJ_IS_APPLICATION (application), NULL);

  self = g_object_new (XJ_TYPE_RUNNER, NULL);
  self->application = g_object_ref (application);
  self->inspection_id = inspection_id;
  if (!load (self, error))
    {
      g_object_unref (g_object_ref_sink (self));
      return NULL;
    }
  g_signal_connect_object (get_store (self), "changed::frequent_remarks",
                           G_CALLBACK (on_remarks_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (get_store (self), "changed::answer_photos",
                           G_CALLBACK (on_photos_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}

gint64
xj_runner_get_inspection_id (XjRunner *self)
{
  g_return_val_if_fail (XJ_IS_RUNNER (self), 0);

  return self->inspection_id;
}

const XjInspection *
xj_runner_get_inspection (XjRunner *self)
{
  g_return_val_if_fail (XJ_IS_RUNNER (self), NULL);

  return self->inspection;
}

const XjTemplate *
xj_runner_get_template (XjRunner *self)
{
  g_return_val_if_fail (XJ_IS_RUNNER (self), NULL);

  return self->tmpl;
}

GHashTable *
xj_runner_get_answers (XjRunner *self)
{
  g_return_val_if_fail (XJ_IS_RUNNER (self), NULL);

  return self->answers;
}

gboolean
xj_runner_get_read_only (XjRunner *self)
{
  g_return_val_if_fail (XJ_IS_RUNNER (self), TRUE);

  return self->read_only;
}

/* A colleague's inspection that came with the team's sync: theirs to
 * change and to sign. */
gboolean
xj_runner_get_foreign (XjRunner *self)
{
  g_return_val_if_fail (XJ_IS_RUNNER (self), TRUE);

  return self->foreign;
}

XjItemRow *
xj_runner_get_current_row (XjRunner *self)
{
  g_return_val_if_fail (XJ_IS_RUNNER (self), NULL);

  return self->rows->len > 0 ? row_at (self, self->current) : NULL;
}

XjItemRow *
xj_runner_get_row (XjRunner *self,
                   gint64    item_id)
{
  guint index;

  g_return_val_if_fail (XJ_IS_RUNNER (self), NULL);

  index = _xj_runner_find_row (self, item_id);
  return index != G_MAXUINT ? row_at (self, index) : NULL;
}

/* From the summary: show the item, with the search cleared so it is there. */
void
xj_runner_jump_to_item (XjRunner *self,
                        gint64    item_id)
{
  guint index;

  g_return_if_fail (XJ_IS_RUNNER (self));

  index = _xj_runner_find_row (self, item_id);
  if (index == G_MAXUINT)
    return;
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  _xj_runner_set_current (self, index, TRUE);
  xj_item_row_focus_control (row_at (self, index));
}

gboolean
xj_runner_complete (XjRunner  *self,
                    GError   **error)
{
  g_autofree char *actor = NULL;

  g_return_val_if_fail (XJ_IS_RUNNER (self), FALSE);

  xj_runner_flush (self);
  actor = xj_application_dup_actor (self->application);
  if (!xj_store_complete_inspection (get_store (self), self->inspection_id, actor, error))
    return FALSE;

  /* From now on the inspection is read-only everywhere. */
  g_clear_pointer (&self->inspection, xj_inspection_free);
  self->inspection = xj_store_get_inspection (get_store (self), self->inspection_id, NULL);
  self->read_only = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    xj_item_row_set_read_only (row_at (self, i), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->read_only_bar), TRUE);
  _xj_runner_actions_update (self);
  _xj_runner_focus_current (self);
  return TRUE;
}

/* After a dialog (the summary, signing) the keyboard is back on the item,
 * where J, K and Alt+← work; the remark it may have been in can be hidden
 * by now (a completed inspection shows no empty remarks). */
void
_xj_runner_focus_current (XjRunner *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->rows->len == 0 || root == NULL)
    return;
  gtk_window_set_focus (GTK_WINDOW (root), GTK_WIDGET (row_at (self, self->current)));
}

/* Writes what is still being typed and where the inspector is. */
void
xj_runner_flush (XjRunner *self)
{
  g_return_if_fail (XJ_IS_RUNNER (self));

  for (guint i = 0; i < self->rows->len; i++)
    xj_item_row_flush (row_at (self, i));
  if (self->save_current_id != 0)
    {
      g_clear_handle_id (&self->save_current_id, g_source_remove);
      save_current_cb (self);
    }
}
