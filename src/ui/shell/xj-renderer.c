/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which GSK renderer draws the windows.  GTK 4.8 picks OpenGL whenever it
 * is there, also when OpenGL is emulated on the processor (Mesa's llvmpipe
 * or softpipe: a laptop without a usable graphics driver, a virtual
 * machine, a remote session).  There every frame costs tens of
 * milliseconds of processor time, and a key pressed during a frame waits
 * for it: the runner's answer was committed 150-250 ms after the key at
 * p90 (tests/bench/bench-key-commit.sh), against under 30 ms with the cairo
 * renderer on the same machine.  So with software OpenGL the cairo
 * renderer draws; GSK_RENDERER set by the user still wins.
 */
#define G_LOG_DOMAIN "xj-renderer"

#include "config.h"

#include <epoxy/gl.h>
#include <string.h>

#include "xj-renderer.h"

static gboolean
is_software (const char *renderer)
{
  static const char *const emulators[] = { "llvmpipe", "softpipe", "swrast", "Software Rasterizer" };

  for (guint i = 0; renderer != NULL && i < G_N_ELEMENTS (emulators); i++)
    if (strstr (renderer, emulators[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* Call after GTK is initialised and before the first window is shown. */
void
xj_renderer_choose (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GdkGLContext) context = NULL;
  const char *chosen = g_getenv ("GSK_RENDERER");
  gint64 started = g_get_monotonic_time ();
  const char *renderer;

  if (display == NULL || (chosen != NULL && *chosen != '\0'))
    return;
  context = gdk_display_create_gl_context (display, NULL);
  if (context == NULL || !gdk_gl_context_realize (context, NULL))
    return;
  gdk_gl_context_make_current (context);
  renderer = (const char *) glGetString (GL_RENDERER);
  if (is_software (renderer))
    g_setenv ("GSK_RENDERER", "cairo", TRUE);
  gdk_gl_context_clear_current ();
  g_debug ("OpenGL renderer %s: drawing with %s (%.1f ms to ask)", renderer,
           is_software (renderer) ? "cairo" : "OpenGL",
           (g_get_monotonic_time () - started) / 1000.0);
}
