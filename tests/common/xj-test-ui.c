/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "xj-test-ui.h"

GtkWidget *
xj_test_find_widget (GtkWidget  *root,
                     const char *buildable_id)
{
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (root));

  if (g_strcmp0 (id, buildable_id) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = xj_test_find_widget (child, buildable_id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
xj_test_find_by_type (GtkWidget *root,
                      GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = xj_test_find_by_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWindow *
xj_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the main loop draw and deliver what is pending. */
void
xj_test_iterate (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, on_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
xj_test_label_shown (GtkWidget  *root,
                     const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root)
      && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (xj_test_label_shown (child, text))
      return TRUE;
  return FALSE;
}

GtkWidget *
xj_test_find_button (GtkWidget  *root,
                     const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = xj_test_find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
looks_english (const char *text)
{
  static const char *const allowed[] = { "Ctrl", "PDF", "JSON", "CSV", "ID", "MPa", "SHA", "PKCS", NULL };
  int letters = 0;

  for (const char *p = text; ; p++)
    {
      if (g_ascii_isalpha (*p))
        {
          letters++;
          continue;
        }
      if (letters >= 3)
        {
          g_autofree char *word = g_strndup (p - letters, letters);

          if (!g_strv_contains (allowed, word))
            return TRUE;
        }
      letters = 0;
      if (*p == '\0')
        return FALSE;
    }
}

/* Collects visible labels that still read as English: under a Chinese
 * locale every string a person sees must be translated. */
void
xj_test_collect_untranslated (GtkWidget *root,
                              GPtrArray *found)
{
  if (!gtk_widget_get_mapped (root))
    return;
  if (GTK_IS_LABEL (root) && looks_english (gtk_label_get_text (GTK_LABEL (root))))
    g_ptr_array_add (found, g_strdup (gtk_label_get_text (GTK_LABEL (root))));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    xj_test_collect_untranslated (child, found);
}

/* Fails the test with the list of visible labels that read as English. */
void
xj_test_assert_translated (GtkWidget *root)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  xj_test_collect_untranslated (root, found);
  g_ptr_array_add (found, NULL);
  joined = g_strjoinv (" | ", (char **) found->pdata);
  g_assert_cmpstr (joined, ==, "");
}
