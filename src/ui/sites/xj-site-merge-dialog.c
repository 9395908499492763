/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Merging two sites from the Sites area: a site flagged as a possible
 * duplicate (another site has the same name, made on another laptop)
 * shows the mark and "Merge Into…"; the confirmation says what will move
 * and asks which site to keep.  The merge itself is core's
 * (xj_store_merge_sites: audited, synced).
 */
#define G_LOG_DOMAIN "xj-sites-page"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-confirm.h"
#include "xj-site-merge-dialog.h"
#include "xj-site-merge.h"
#include "xj-window-actions.h"

/* --- the row ---------------------------------------------------------------- */

/**
 * xj_site_merge_decorate_row:
 *
 * Marks the row of a possible duplicate and gives it "Merge Into…"
 * (the sites.merge action of the page, with the site's ID).
 */
void
xj_site_merge_decorate_row (AdwActionRow *row,
                            XjSite       *site)
{
  GtkWidget *tag = gtk_label_new (_("Possible duplicate"));
  GtkWidget *merge = gtk_button_new_with_label (_("Merge Into…"));
  g_autofree char *tooltip = g_strdup_printf (_("Another site is also named “%s”, perhaps made "
                                                "on another laptop"), xj_site_get_name (site));
  g_autofree char *merge_label = g_strdup_printf (_("Merge %s into another site"),
                                                  xj_site_get_name (site));

  g_return_if_fail (ADW_IS_ACTION_ROW (row));
  g_return_if_fail (XJ_IS_SITE (site));

  gtk_widget_add_css_class (tag, "warning");
  gtk_widget_add_css_class (tag, "caption-heading");
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (tag, tooltip);
  adw_action_row_add_suffix (row, tag);

  gtk_widget_set_valign (merge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (merge, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (merge), "sites.merge");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (merge), "x", xj_site_get_id (site));
  gtk_accessible_update_property (GTK_ACCESSIBLE (merge),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, merge_label, -1);
  adw_action_row_add_suffix (row, merge);
}

/* --- the confirmation ------------------------------------------------------- */

typedef struct
{
  XjApplication *application;
  gint64         from_id;
  char          *from_name;
  GPtrArray     *candidates;   /* XjSite */
  GtkDropDown   *choice;
} Merge;

static void
merge_free (gpointer data)
{
  Merge *merge = data;

  g_clear_object (&merge->application);
  g_free (merge->from_name);
  g_clear_pointer (&merge->candidates, g_ptr_array_unref);
  g_free (merge);
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                GtkWidget        *parent)
{
  Merge *merge = g_object_get_data (G_OBJECT (dialog), "merge");
  guint chosen = gtk_drop_down_get_selected (merge->choice);
  g_autofree char *actor = NULL;
  g_autofree char *done = NULL;
  g_autoptr(GError) error = NULL;
  XjSite *into;

  if (g_strcmp0 (response, "merge") != 0 || chosen >= merge->candidates->len)
    return;
  into = g_ptr_array_index (merge->candidates, chosen);
  actor = xj_application_dup_actor (merge->application);
  if (!xj_store_merge_sites (xj_application_get_store (merge->application), merge->from_id,
                             xj_site_get_id (into), actor, &error))
    {
      xj_toast (parent, error->message);
      return;
    }
  done = g_strdup_printf (_("“%s” merged into “%s”"), merge->from_name, xj_site_get_name (into));
  xj_toast (parent, done);
}

/* How a candidate reads in the list: two sites of one name differ by
 * kind and address. */
static char *
describe (XjSite *site)
{
  const char *kind = xj_site_kind_get_label (xj_site_get_kind (site));

  if (*xj_site_get_address (site) != '\0')
    return g_strdup_printf ("%s · %s · %s", xj_site_get_name (site), kind,
                            xj_site_get_address (site));
  return g_strdup_printf ("%s · %s", xj_site_get_name (site), kind);
}

/**
 * xj_site_merge_dialog_present:
 * @parent: the widget the toasts are about
 *
 * Asks whether to merge the site @site_id into one of its possible
 * duplicates, saying what will move; merges on "Merge".
 */
void
xj_site_merge_dialog_present (GtkWidget     *parent,
                              XjApplication *application,
                              gint64         site_id)
{
  XjStore *store = xj_application_get_store (application);
  g_autoptr(XjSite) from = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  XjSiteMergeCounts counts = { 0 };
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *caption;
  GtkWidget *choice;
  Merge *merge;

  g_return_if_fail (GTK_IS_WIDGET (parent));

  /* Small reads by index (one site's rows), well under a millisecond. */
  if ((from = xj_store_get_site (store, site_id, &error)) == NULL
      || (candidates = xj_store_list_site_duplicates (store, from, &error)) == NULL
      || !xj_store_count_site_merge (store, site_id, &counts, &error))
    {
      xj_toast (parent, error->message);
      return;
    }
  if (candidates->len == 0)
    {
      xj_toast (parent, _("No other site has this name any more."));
      return;
    }
  for (guint i = 0; i < candidates->len; i++)
    {
      g_autofree char *label = describe (g_ptr_array_index (candidates, i));

      gtk_string_list_append (labels, label);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (parent)), NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Merge “%s”?"),
                                     xj_site_get_name (from));
  /* TRANSLATORS: the numbers are of inspections, schedules and notices. */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Its %u inspections, %u schedules and %u notices will be "
                                    "under the site chosen below, and this one leaves the lists. "
                                    "Signed reports stay as they are. The merge is recorded in "
                                    "the audit log and reaches the whole team with the next sync."),
                                  counts.inspections, counts.schedules, counts.notices);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  caption = gtk_label_new (_("Merge into"));
  gtk_widget_add_css_class (caption, "heading");
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  choice = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
  gtk_widget_set_name (choice, "merge_into");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (choice), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  caption, NULL, -1);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), choice);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  merge = g_new0 (Merge, 1);
  merge->application = g_object_ref (application);
  merge->from_id = site_id;
  merge->from_name = g_strdup (xj_site_get_name (from));
  merge->candidates = g_steal_pointer (&candidates);
  merge->choice = GTK_DROP_DOWN (choice);
  g_object_set_data_full (G_OBJECT (dialog), "merge", merge, merge_free);

  xj_confirm_present (ADW_MESSAGE_DIALOG (dialog), "merge", _("_Merge"), ADW_RESPONSE_DESTRUCTIVE,
                      "cancel", G_CALLBACK (on_response_cb), parent, 0);
}
