/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a file chooser's answer gave: the one file chosen, when the person
 * accepted, for every chooser's response handler to read the same way.
 */
#define G_LOG_DOMAIN "xj-window"

#include "config.h"

#include "xj-chooser.h"

/* Returns: (transfer full) (nullable): the chosen file, or %NULL when
 * @response is not %GTK_RESPONSE_ACCEPT. */
GFile *
xj_chooser_dup_file (GtkNativeDialog *chooser,
                     int              response)
{
  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;
  return gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
}

/* Returns: (transfer full) (nullable): the chosen file's local path, or
 * %NULL when not accepted or the file has no path. */
char *
xj_chooser_dup_path (GtkNativeDialog *chooser,
                     int              response)
{
  g_autoptr(GFile) file = xj_chooser_dup_file (chooser, response);

  return file != NULL ? g_file_get_path (file) : NULL;
}
