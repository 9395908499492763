/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "xj-list-row.h"
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

/* A page's own long list: the GtkListView over a GtkNoSelection (a
 * drop-down's list has a single selection). */
GtkListView *
xj_test_find_page_list (GtkWidget *root)
{
  if (GTK_IS_LIST_VIEW (root) && GTK_IS_NO_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (root))))
    return GTK_LIST_VIEW (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListView *found = xj_test_find_page_list (child);

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

/* Lets the main loop run for a fixed time: only for letting GTK lay out
 * and draw.  To wait for an effect, use xj_test_wait_until. */
void
xj_test_iterate (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, on_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* One step of a wait: fails the test once the deadline has passed,
 * otherwise runs the main context once (woken at least every 10 ms, so a
 * condition that changes in a worker is seen without a main-loop event). */
void
xj_test_wait_step (gint64      deadline,
                   guint       timeout_ms,
                   const char *what,
                   const char *file,
                   int         line,
                   const char *func)
{
  gboolean woken = FALSE;
  guint id;

  if (g_get_monotonic_time () > deadline)
    {
      g_autofree char *message = g_strdup_printf ("waited %u ms in vain for: %s", timeout_ms, what);

      g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
      return;
    }
  id = g_timeout_add (10, on_timeout_cb, &woken);
  g_main_context_iteration (NULL, TRUE);
  if (!woken)
    g_source_remove (id);
}

void
xj_test_wait_until_func (XjTestCondition condition,
                         gpointer        data,
                         guint           timeout_ms,
                         const char     *what)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;

  while (!condition (data))
    xj_test_wait_step (deadline, timeout_ms, what, __FILE__, __LINE__, G_STRFUNC);
}

void
xj_test_run_pending (void)
{
  /* Bounded: an animation keeps adding sources for as long as it runs. */
  for (guint i = 0; i < 1000 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

/* The text @widget shows itself: a label's, or a list row's title,
 * subtitle and figure (drawn by the row, not by labels). */
static gboolean
texts_of (GtkWidget   *widget,
          const char **texts)
{
  if (GTK_IS_LABEL (widget))
    {
      texts[0] = gtk_label_get_text (GTK_LABEL (widget));
      return TRUE;
    }
  if (XJ_IS_LIST_ROW (widget))
    {
      texts[0] = xj_list_row_get_title (XJ_LIST_ROW (widget));
      texts[1] = xj_list_row_get_subtitle (XJ_LIST_ROW (widget));
      texts[2] = xj_list_row_get_tail (XJ_LIST_ROW (widget));
      return TRUE;
    }
  return FALSE;
}

gboolean
xj_test_label_shown (GtkWidget  *root,
                     const char *text)
{
  const char *shown[3] = { NULL };

  if (gtk_widget_get_mapped (root) && texts_of (root, shown))
    for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
      {
        /* Places to break a line (after the hyphens of a notice number) are
         * not text a person reads. */
        g_auto(GStrv) parts = shown[i] != NULL ? g_strsplit (shown[i], "\u200b", -1) : NULL;
        g_autofree char *read = parts != NULL ? g_strjoinv ("", parts) : NULL;

        if (read != NULL && strstr (read, text) != NULL)
          return TRUE;
      }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (xj_test_label_shown (child, text))
      return TRUE;
  return FALSE;
}

/* The rows of the GtkListBox @list. */
guint
xj_test_count_list_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n += GTK_IS_LIST_BOX_ROW (row);
  return n;
}

/* The widget of @name (gtk_widget_set_name), for widgets built in code. */
GtkWidget *
xj_test_find_named (GtkWidget  *root,
                    const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = xj_test_find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
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
  const char *shown[3] = { NULL };

  if (!gtk_widget_get_mapped (root))
    return;
  if (texts_of (root, shown))
    for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
      if (shown[i] != NULL && looks_english (shown[i]))
        g_ptr_array_add (found, g_strdup (shown[i]));
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

static const char notifications_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "<arg type='u' direction='out'/></method>"
  "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "</interface></node>";

static void
on_notify_cb (GDBusConnection       *connection,
              const char            *sender,
              const char            *path,
              const char            *interface,
              const char            *method,
              GVariant              *parameters,
              GDBusMethodInvocation *invocation,
              gpointer               user_data)
{
  GPtrArray *summaries = user_data;
  const char *summary = NULL;
  static guint32 last_id;

  if (g_str_equal (method, "Notify"))
    {
      g_variant_get_child (parameters, 3, "&s", &summary);
      if (summaries != NULL)
        g_ptr_array_add (summaries, g_strdup (summary));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", ++last_id));
      return;
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

void
xj_test_serve_notifications (GPtrArray *summaries)
{
  static const GDBusInterfaceVTable vtable = { on_notify_cb };
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;

  g_assert_cmpuint (g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications",
                                                       node->interfaces[0], &vtable, summaries,
                                                       NULL, NULL), >, 0);

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.Notifications", 4),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  g_assert_nonnull (reply);
  /* The connection stays for the process. */
  g_object_ref (bus);
}
