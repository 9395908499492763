/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The yardstick for bench-launch.sh: an empty libadwaita window, as fast as
 * a GTK application can show anything.
 */
#include <adwaita.h>

static void
on_activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);

  gtk_window_set_title (GTK_WINDOW (window), "Empty Window");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window),
                                      adw_header_bar_new ());
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.xunjian.EmptyWindow",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
