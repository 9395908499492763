/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjPhotoReview: the one screen after importing a camera's folder.  Each
 * photo is proposed for the item answered closest to its capture time, or,
 * when the form was filled in after the visit, for the failed items in
 * checklist order (xj_photo_match_proposals); a tie is shown, never
 * decided.  Failed items are marked in the list of targets.  The inspector
 * moves any photo to another item or leaves it out, and Confirm attaches
 * them all.  A photo suspicious as evidence (taken long before or after the
 * inspection, or already handed in for another one) is flagged on its row
 * with the capture time and where else it was used.  Files that could not
 * be imported are listed with the reason and what to do.
 */
#define G_LOG_DOMAIN "xj-photo-review"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-clock.h"
#include "xj-photo-async.h"
#include "xj-photo-flags.h"
#include "xj-photo-match.h"
#include "xj-photo-review.h"
#include "xj-photo-store.h"
#include "xj-photo-strip.h"
#include "xj-runner-private.h"
#include "xj-window-actions.h"
#include "xj-window.h"

struct _XjPhotoReview
{
  AdwWindow        parent_instance;

  XjRunner        *runner;
  GPtrArray       *photos;     /* XjPhotoInfo, imported */
  GArray          *item_ids;   /* gint64 per dropdown position; 0 = not attached */
  GPtrArray       *choosers;   /* GtkDropDown per photo */
  AdwToastOverlay *toasts;
};

G_DEFINE_FINAL_TYPE (XjPhotoReview, xj_photo_review, ADW_TYPE_WINDOW)

/* --- helpers -------------------------------------------------------------- */

static XjStore *
get_store (XjPhotoReview *self)
{
  return xj_application_get_store (self->runner->application);
}

static GtkStringList *
list_items (XjPhotoReview *self)
{
  const XjTemplate *tmpl = xj_runner_get_template (self->runner);
  GHashTable *answers = xj_runner_get_answers (self->runner);
  GtkStringList *names = gtk_string_list_new (NULL);
  gint64 none = 0;
  guint number = 0;

  gtk_string_list_append (names, _("Don’t attach"));
  g_array_append_val (self->item_ids, none);
  for (guint s = 0; s < tmpl->sections->len; s++)
    {
      XjTemplateSection *section = g_ptr_array_index (tmpl->sections, s);

      for (guint i = 0; i < section->items->len; i++)
        {
          XjTemplateItem *item = g_ptr_array_index (section->items, i);
          XjAnswer *answer = g_hash_table_lookup (answers, &item->id);
          g_autofree char *name = NULL;

          /* The items a photo most likely shows stand out in the list. */
          if (answer != NULL && answer->value != NULL && answer->outcome == XJ_OUTCOME_FAIL)
            /* Translators: an item in the list of targets: number, prompt */
            name = g_strdup_printf (_("%u. %s — failed"), ++number, item->prompt);
          else
            name = g_strdup_printf ("%u. %s", ++number, item->prompt);

          gtk_string_list_append (names, name);
          g_array_append_val (self->item_ids, item->id);
        }
    }
  return names;
}

static guint
position_of (XjPhotoReview *self,
             gint64         item_id)
{
  for (guint i = 0; i < self->item_ids->len; i++)
    if (g_array_index (self->item_ids, gint64, i) == item_id)
      return i;
  return 0;
}

/* Answer ids of the runner → item ids, and the answers' times, places and
 * outcomes to match. */
static XjPhotoMatchProposal *
propose (XjPhotoReview *self,
         GHashTable    *answer_items)
{
  GHashTable *answers = xj_runner_get_answers (self->runner);
  const XjInspection *inspection = xj_runner_get_inspection (self->runner);
  XjMatchVisit visit = { inspection->started_at, inspection->completed_at > 0
                                                 ? inspection->completed_at : xj_clock_now () };
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (XjMatchAnswer));
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (XjMatchPhoto));
  GHashTableIter iter;
  XjAnswer *answer;

  g_hash_table_iter_init (&iter, answers);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &answer))
    if (answer->value != NULL)
      {
        XjMatchAnswer one = { answer->answer_id, answer->answered_at,
                              position_of (self, answer->item_id),
                              answer->outcome == XJ_OUTCOME_FAIL };

        g_array_append_val (times, one);
        g_hash_table_insert (answer_items, GINT_TO_POINTER (answer->answer_id),
                             GINT_TO_POINTER (answer->item_id));
      }
  for (guint i = 0; i < self->photos->len; i++)
    {
      XjPhotoInfo *info = g_ptr_array_index (self->photos, i);
      XjMatchPhoto one = { info->has_taken_at, info->taken_at };

      g_array_append_val (taken, one);
    }
  return xj_photo_match_proposals ((XjMatchPhoto *) taken->data, taken->len,
                                   (XjMatchAnswer *) times->data, times->len, &visit,
                                   XJ_PHOTO_MATCH_MAX_DISTANCE);
}

/* Why a photo was proposed as it was, when that needs saying. */
static char *
explain (XjPhotoReview              *self,
         const XjPhotoMatchProposal *proposal,
         GHashTable                 *answer_items,
         guint                       n_failed,
         guint                       n_by_order)
{
  switch (proposal->status)
    {
    case XJ_PHOTO_MATCH_NO_TIME:
      return g_strdup (_("no capture time in the photo"));
    case XJ_PHOTO_MATCH_TOO_FAR:
      return g_strdup (_("taken far from every answer"));
    case XJ_PHOTO_MATCH_BY_ORDER:
      return g_strdup (_("proposed by the order of the failed items: the answers were given "
                         "after the photos"));
    case XJ_PHOTO_MATCH_TIE:
      {
        gint64 first = GPOINTER_TO_INT (g_hash_table_lookup (answer_items,
                                                             GINT_TO_POINTER (proposal->answer_id)));
        gint64 second = GPOINTER_TO_INT (g_hash_table_lookup (answer_items,
                                                              GINT_TO_POINTER (proposal->tied_id)));

        /* Translators: item numbers, as in the list of items */
        return g_strdup_printf (_("taken as close to item %u as to item %u: choose one"),
                                position_of (self, first), position_of (self, second));
      }
    case XJ_PHOTO_MATCH_AMBIGUOUS:
      return g_strdup_printf (ngettext ("%u photo for %u failed items cannot be paired "
                                           "up by order: choose the item",
                                           "%u photos for %u failed items cannot be paired "
                                           "up by order: choose the item", n_by_order),
                              n_by_order, n_failed);
    case XJ_PHOTO_MATCH_MATCHED:
    default:
      return NULL;
    }
}

static guint
count_failed (XjPhotoReview *self)
{
  GHashTable *answers = xj_runner_get_answers (self->runner);
  GHashTableIter iter;
  XjAnswer *answer;
  guint n = 0;

  g_hash_table_iter_init (&iter, answers);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &answer))
    n += answer->value != NULL && answer->outcome == XJ_OUTCOME_FAIL;
  return n;
}

/* What makes the photo suspicious for this inspection, or NULL. */
static char *
dup_flags (XjPhotoReview *self,
           XjPhotoInfo   *info)
{
  g_autoptr(GError) error = NULL;
  char *flags = xj_store_dup_photo_flags (get_store (self),
                                          xj_runner_get_inspection (self->runner), info->sha256,
                                          info->has_taken_at, info->taken_at, &error);

  if (error != NULL)
    g_warning ("Could not check the photo: %s", error->message);
  return flags;
}

static void
on_setup_label_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (ellipsize != NULL)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
    }
  gtk_list_item_set_child (list_item, label);
}

static void
on_bind_label_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkStringObject *name = gtk_list_item_get_item (list_item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      gtk_string_object_get_string (name));
}

/* Long prompts are cut in the closed list (so that the photo's details
 * keep their room), shown whole when it opens. */
static GtkListItemFactory *
make_label_factory (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_label_cb),
                    GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_label_cb), NULL);
  return factory;
}

static GtkWidget *
make_row (XjPhotoReview *self,
          XjPhotoInfo   *info,
          GListModel    *names,
          guint          selected,
          const char    *why)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *chooser = gtk_drop_down_new (g_object_ref (names), NULL);
  g_autofree char *path = xj_photo_dup_thumbnail_path (xj_store_get_data_dir (get_store (self)),
                                                       info->sha256);
  g_autofree char *flags = dup_flags (self, info);
  g_autofree char *subtitle = NULL;
  g_autoptr(GtkListItemFactory) closed = make_label_factory (TRUE);
  g_autoptr(GtkListItemFactory) open = make_label_factory (FALSE);

  if (info->has_taken_at)
    {
      g_autoptr(GDateTime) taken = g_date_time_new_from_unix_local (info->taken_at);
      g_autofree char *when = g_date_time_format (taken, "%Y-%m-%d %H:%M:%S");

      subtitle = why != NULL ? g_strdup_printf ("%s · %s", when, why) : g_steal_pointer (&when);
    }
  else
    subtitle = g_strdup (why);
  if (flags != NULL)
    {
      GtkWidget *badge = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      char *flagged = g_strdup_printf ("%s%s⚠ %s", subtitle != NULL ? subtitle : "",
                                       subtitle != NULL ? "\n" : "", flags);

      g_free (subtitle);
      subtitle = flagged;
      gtk_widget_add_css_class (badge, "warning");
      gtk_widget_set_tooltip_text (badge, flags);
      gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL, flags,
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      gtk_widget_add_css_class (row, "flagged");
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->original_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_size_request (picture, 64, 64);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), picture);
  gtk_drop_down_set_factory (GTK_DROP_DOWN (chooser), closed);
  gtk_drop_down_set_list_factory (GTK_DROP_DOWN (chooser), open);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (chooser), selected);
  gtk_widget_set_valign (chooser, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (chooser, 280, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chooser), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Attach to Item"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), chooser);
  g_ptr_array_add (self->choosers, chooser);
  xj_photo_show_async (path, NULL, picture);
  return row;
}

/* --- actions -------------------------------------------------------------- */

static void
confirm_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  XjPhotoReview *self = XJ_PHOTO_REVIEW (widget);
  XjStore *store = get_store (self);
  g_autofree char *actor = xj_application_dup_actor (self->runner->application);
  const XjTemplate *tmpl = xj_runner_get_template (self->runner);
  guint attached = 0;

  /* One write per photo, each on its own: a refused one leaves the rest. */
  for (guint i = 0; i < self->photos->len; i++)
    {
      XjPhotoInfo *info = g_ptr_array_index (self->photos, i);
      gint64 item_id = xj_photo_review_get_item (self, i);
      const XjTemplateItem *item = item_id != 0 ? xj_template_find_item (tmpl, item_id) : NULL;
      g_autoptr(GError) error = NULL;
      gint64 answer_id = 0;

      if (item == NULL)
        continue;
      if (!xj_store_ensure_answer (store, xj_runner_get_inspection_id (self->runner), item,
                                   &answer_id, &error)
          || !xj_store_attach_photo (store, XJ_ANSWER_PHOTOS (answer_id), info->sha256, NULL, actor,
                                     NULL, &error))
        {
          if (!g_error_matches (error, XJ_PHOTO_ERROR, XJ_PHOTO_ERROR_ALREADY_ATTACHED))
            {
              g_autofree char *message = g_strdup_printf (_("%s: %s"), info->original_name,
                                                          error->message);

              adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
              return;
            }
        }
      attached++;
    }
  {
    g_autofree char *message = g_strdup_printf (ngettext ("%u photo attached", "%u photos attached",
                                                          attached), attached);

    xj_toast (GTK_WIDGET (self->runner), message);
  }
  gtk_window_destroy (GTK_WINDOW (self));
}

/* --- GObject -------------------------------------------------------------- */

/* Whatever way the review closes, the photos it did not attach go again
 * (those stored before the import stay): a cancelled import leaves
 * nothing behind. */
static void
discard_unattached (XjPhotoReview *self)
{
  XjStore *store;

  if (self->runner == NULL || self->photos->len == 0)
    return;
  store = get_store (self);
  for (guint i = 0; i < self->photos->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!xj_store_discard_photo (store, g_ptr_array_index (self->photos, i), &error))
        g_warning ("Could not take back an imported photo: %s", error->message);
    }
  g_ptr_array_set_size (self->photos, 0);
  xj_store_emit_changed (store, "photos");
}

static void
xj_photo_review_dispose (GObject *object)
{
  XjPhotoReview *self = XJ_PHOTO_REVIEW (object);

  discard_unattached (self);
  g_clear_object (&self->runner);

  G_OBJECT_CLASS (xj_photo_review_parent_class)->dispose (object);
}

static void
xj_photo_review_finalize (GObject *object)
{
  XjPhotoReview *self = XJ_PHOTO_REVIEW (object);

  g_clear_pointer (&self->photos, g_ptr_array_unref);
  g_clear_pointer (&self->item_ids, g_array_unref);
  g_clear_pointer (&self->choosers, g_ptr_array_unref);

  G_OBJECT_CLASS (xj_photo_review_parent_class)->finalize (object);
}

static void
xj_photo_review_class_init (XjPhotoReviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xj_photo_review_dispose;
  object_class->finalize = xj_photo_review_finalize;
  gtk_widget_class_install_action (widget_class, "review.confirm", NULL, confirm_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
xj_photo_review_init (XjPhotoReview *self)
{
  self->photos = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_photo_info_free);
  self->item_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->choosers = g_ptr_array_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Review Imported Photos"));
  gtk_window_set_default_size (GTK_WINDOW (self), 960, 660);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
}

/* --- public API ----------------------------------------------------------- */

static GtkWidget *
build (XjPhotoReview *self,
       GPtrArray     *results)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *confirm = gtk_button_new_with_mnemonic (_("_Attach Photos"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *refused = NULL;
  g_autoptr(GtkStringList) names = list_items (self);
  g_autoptr(GHashTable) answer_items = g_hash_table_new (NULL, NULL);
  g_autofree XjPhotoMatchProposal *proposals = NULL;
  guint n = 0, n_by_order = 0;

  for (guint i = 0; i < results->len; i++)
    {
      XjPhotoImportResult *result = g_ptr_array_index (results, i);

      if (result->info != NULL)
        g_ptr_array_add (self->photos, g_steal_pointer (&result->info));
      else
        {
          GtkWidget *row = adw_action_row_new ();

          if (refused == NULL)
            refused = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (refused), _("Not Imported"));
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), result->error->message);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (refused), row);
        }
    }
  proposals = propose (self, answer_items);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Photos and Their Items"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Each photo is proposed for the item answered closest "
                                           "to the time it was taken, or, when the answers were "
                                           "given after the photos, for the failed items in "
                                           "order. Move a photo to another item, or leave it out, "
                                           "before attaching."));
  for (guint i = 0; i < self->photos->len; i++)
    n_by_order += proposals[i].status == XJ_PHOTO_MATCH_AMBIGUOUS
                  || proposals[i].status == XJ_PHOTO_MATCH_BY_ORDER;
  for (guint i = 0; i < self->photos->len; i++)
    {
      XjPhotoMatchProposal *proposal = &proposals[i];
      gint64 item_id = GPOINTER_TO_INT (g_hash_table_lookup (answer_items,
                                                             GINT_TO_POINTER (proposal->answer_id)));
      gboolean chosen = proposal->status == XJ_PHOTO_MATCH_MATCHED
                        || proposal->status == XJ_PHOTO_MATCH_BY_ORDER;
      g_autofree char *why = explain (self, proposal, answer_items, count_failed (self),
                                      n_by_order);

      n += chosen;
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 make_row (self, g_ptr_array_index (self->photos, i),
                                           G_LIST_MODEL (names),
                                           chosen ? position_of (self, item_id) : 0, why));
    }
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (confirm), "review.confirm");
  gtk_widget_add_css_class (confirm, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), confirm);
  gtk_box_append (GTK_BOX (box), header);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  if (refused != NULL)
    adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (refused));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  g_debug ("%u of %u photos matched to an answer", n, self->photos->len);
  return box;
}

XjPhotoReview *
xj_photo_review_new (XjRunner  *runner,
                     GPtrArray *results)
{
  XjPhotoReview *self = g_object_new (XJ_TYPE_PHOTO_REVIEW, NULL);

  self->runner = g_object_ref (runner);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, build (self, results));
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toasts));
  return self;
}

guint
xj_photo_review_get_n_photos (XjPhotoReview *self)
{
  g_return_val_if_fail (XJ_IS_PHOTO_REVIEW (self), 0);

  return self->photos->len;
}

gint64
xj_photo_review_get_item (XjPhotoReview *self,
                          guint          index)
{
  guint position;

  g_return_val_if_fail (XJ_IS_PHOTO_REVIEW (self) && index < self->choosers->len, 0);

  position = gtk_drop_down_get_selected (g_ptr_array_index (self->choosers, index));
  return position < self->item_ids->len ? g_array_index (self->item_ids, gint64, position) : 0;
}

void
xj_photo_review_set_item (XjPhotoReview *self,
                          guint          index,
                          gint64         item_id)
{
  g_return_if_fail (XJ_IS_PHOTO_REVIEW (self) && index < self->choosers->len);

  gtk_drop_down_set_selected (g_ptr_array_index (self->choosers, index),
                              position_of (self, item_id));
}
