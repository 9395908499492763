/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A notice's two offline steps, as the Conflicts page shows them: the
 * step in force first in the notice's event order (time, then UUID, as
 * the fold takes them, xj-team-fold.c), marked so.
 */
#define G_LOG_DOMAIN "xj-conflicts"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "xj-clock.h"
#include "xj-conflict-steps.h"
#include "xj-label.h"
#include "xj-notice-lifecycle.h"
#include "xj-photo.h"
#include "xj-photo-strip.h"

#define THUMBNAIL_SIZE 72

/* The step as the notice page names it, and where it led. */
static char *
describe_step (JsonObject *step)
{
  const char *name = json_object_get_string_member_with_default (step, "step", "");
  const char *to = json_object_get_string_member_with_default (step, "to", "");
  const char *label = name;
  XjNoticeState state;

  for (guint i = 0; i < XJ_NOTICE_N_ACTIONS; i++)
    if (g_str_equal (name, xj_notice_action_to_string (i)))
      label = xj_notice_action_get_label (i);
  if (!xj_notice_state_from_string (to, &state))
    return g_strdup (label);
  /* Translators: a notice's step and the state it led to, "Accept → Verified" */
  return g_strdup_printf (C_("notice step", "%s → %s"), label, xj_notice_state_get_label (state));
}

static GtkWidget *
caption (const char *text,
         const char *css)
{
  GtkWidget *label = xj_label_new_wrapped (text, css);

  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  return label;
}

static GtkWidget *
photos_box (JsonObject   *step,
            const char   *data_dir,
            GCancellable *cancellable)
{
  JsonArray *photos = json_object_has_member (step, "photos")
                      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (step, "photos"))
                      ? json_object_get_array_member (step, "photos") : NULL;
  GtkWidget *box;

  if (photos == NULL || json_array_get_length (photos) == 0)
    return NULL;
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_name (box, "step-photos");
  for (guint i = 0; i < json_array_get_length (photos); i++)
    {
      const char *sha256 = json_array_get_string_element (photos, i);
      g_autofree char *path = NULL;
      GtkWidget *picture;

      if (sha256 == NULL)
        continue;
      path = xj_photo_dup_thumbnail_path (data_dir, sha256);
      picture = gtk_picture_new ();
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_widget_set_size_request (picture, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
      gtk_widget_add_css_class (picture, "card");
      gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Photo after rectification"), -1);
      xj_photo_show_async (path, cancellable, picture);
      gtk_box_append (GTK_BOX (box), picture);
    }
  return box;
}

static GtkWidget *
step_side (const char   *heading,
           JsonObject   *step,
           gboolean      in_force,
           const char   *data_dir,
           GCancellable *cancellable)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *title = in_force ? g_strdup_printf (_("%s (in force)"), heading)
                                    : g_strdup (heading);
  g_autofree char *what = step != NULL ? describe_step (step) : g_strdup (_("(empty)"));
  g_autofree char *when = NULL;
  g_autofree char *who = NULL;
  const char *remark;
  GtkWidget *photos;
  GtkWidget *label;

  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (box), caption (title, "caption-heading"));
  label = caption (what, "heading");
  gtk_widget_set_name (label, "step");
  gtk_box_append (GTK_BOX (box), label);
  if (step == NULL)
    return box;
  when = xj_format_local_minute (json_object_get_int_member_with_default (step, "at", 0));
  /* Translators: who made a notice's step, and when */
  who = g_strdup_printf (_("By %s · %s"),
                         json_object_get_string_member_with_default (step, "who", ""), when);
  gtk_box_append (GTK_BOX (box), caption (who, "dim-label"));
  remark = json_object_get_string_member_with_default (step, "remark", "");
  if (*remark != '\0')
    {
      label = caption (remark, NULL);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (box), label);
    }
  if ((photos = photos_box (step, data_dir, cancellable)) != NULL)
    gtk_box_append (GTK_BOX (box), photos);
  return box;
}

static JsonObject *
parse_step (const char *json,
            JsonNode  **root)
{
  *root = json != NULL ? json_from_string (json, NULL) : NULL;
  return *root != NULL && JSON_NODE_HOLDS_OBJECT (*root) ? json_node_get_object (*root) : NULL;
}

/* The fold's order: time, then the event's UUID. */
static gboolean
comes_first (JsonObject *a,
             JsonObject *b)
{
  gint64 at_a = json_object_get_int_member_with_default (a, "at", 0);
  gint64 at_b = json_object_get_int_member_with_default (b, "at", 0);

  if (at_a != at_b)
    return at_a < at_b;
  return g_strcmp0 (json_object_get_string_member_with_default (a, "event", ""),
                    json_object_get_string_member_with_default (b, "event", "")) < 0;
}

GtkWidget *
xj_conflict_steps_new (const XjTeamConflict *conflict,
                       const char           *data_dir,
                       GCancellable         *cancellable)
{
  GtkWidget *sides = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  g_autoptr(JsonNode) mine_root = NULL;
  g_autoptr(JsonNode) their_root = NULL;
  JsonObject *mine = parse_step (conflict->mine, &mine_root);
  JsonObject *theirs = parse_step (conflict->theirs, &their_root);
  gboolean mine_first = mine != NULL && theirs != NULL && comes_first (mine, theirs);

  gtk_widget_set_name (sides, "steps");
  gtk_box_append (GTK_BOX (sides), step_side (_("My step"), mine, mine_first, data_dir,
                                              cancellable));
  gtk_box_append (GTK_BOX (sides), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (sides), step_side (_("Their step"), theirs,
                                              theirs != NULL && !mine_first, data_dir,
                                              cancellable));
  return sides;
}
