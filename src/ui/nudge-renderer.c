/* nudge-renderer.c — how the windows are drawn
 *
 * GTK 4.8 draws with OpenGL whenever it can, also when OpenGL is Mesa's
 * software rasteriser (llvmpipe: a virtual machine, a remote desktop, a
 * computer without a working GPU driver). There every frame is drawn
 * whole on the processor, since llvmpipe cannot tell GTK which parts of
 * the window are unchanged: 35–60 ms a frame for a 1280×800 window,
 * so a click took 50–60 ms to show on two cores. GTK's cairo renderer
 * draws only what changed, and does the same in 10–20 ms.
 *
 * GTK 4.14 makes that choice itself ("gsk: Don't use gpu renderers with
 * llvmpipe"); with an older GTK, Nudge makes it the same way, once,
 * before its first window. GSK_RENDERER set by the user wins.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nudge-renderer"

#include "config.h"

#include <epoxy/gl.h>
#include <string.h>
#include "nudge-renderer.h"

#ifdef GDK_WINDOWING_X11
#include <epoxy/glx.h>
#include <gdk/x11/gdkx.h>
#endif

static gboolean
renderer_is_software (const char *renderer)
{
  return renderer != NULL &&
         (strstr (renderer, "llvmpipe") != NULL || strstr (renderer, "softpipe") != NULL);
}

/* On X11 Mesa answers without a context of ours (GLX_MESA_query_renderer):
 * well under a millisecond, where making and realizing a context costs
 * 10–12 ms on llvmpipe. Returns FALSE when it cannot tell. */
static gboolean
query_x11_renderer (GdkDisplay *display,
                    gboolean   *software)
{
#ifdef GDK_WINDOWING_X11
  Display *xdisplay;
  const char *renderer;
  int screen;

  if (!GDK_IS_X11_DISPLAY (display))
    return FALSE;
  xdisplay = gdk_x11_display_get_xdisplay (display);
  screen = gdk_x11_screen_get_screen_number (gdk_x11_display_get_screen (display));
  if (!epoxy_has_glx_extension (xdisplay, screen, "GLX_MESA_query_renderer"))
    return FALSE;
  renderer = glXQueryRendererStringMESA (xdisplay, screen, 0, GLX_RENDERER_DEVICE_ID_MESA);
  if (renderer == NULL)
    return FALSE;
  g_debug ("OpenGL renderer: %s", renderer);
  *software = renderer_is_software (renderer);
  return TRUE;
#else
  return FALSE;
#endif
}

/* GSK_RENDERER is read when the first window is realized; this runs
 * before it, in the application's start-up, before any thread of ours. */
void
nudge_renderer_choose (GdkDisplay *display)
{
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *renderer;
  gboolean software = FALSE;

  g_return_if_fail (GDK_IS_DISPLAY (display));

  if (gtk_check_version (4, 13, 8) == NULL || g_getenv ("GSK_RENDERER") != NULL)
    return;
  /* The display's own context, which GTK's GL renderer would make
   * anyway (GDK's X11 back end has made it already to pick a visual). */
  if (!gdk_display_prepare_gl (display, &error))
    return;
  if (query_x11_renderer (display, &software))
    {
      if (software)
        g_setenv ("GSK_RENDERER", "cairo", TRUE);
      return;
    }
  /* Elsewhere, a context beside the display's asks which rasteriser
   * answers. */
  context = gdk_display_create_gl_context (display, &error);
  if (context == NULL || !gdk_gl_context_realize (context, &error))
    return;
  gdk_gl_context_make_current (context);
  renderer = (const char *) glGetString (GL_RENDERER);
  g_debug ("OpenGL renderer: %s", renderer != NULL ? renderer : "(none)");
  if (renderer_is_software (renderer))
    g_setenv ("GSK_RENDERER", "cairo", TRUE);
  gdk_gl_context_clear_current ();
}
