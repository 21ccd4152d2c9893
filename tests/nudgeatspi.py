# nudgeatspi.py — Nudge read through the accessibility tree (AT-SPI, as
# Orca reads it), for test-launch.py and test-a11y.py. Import it once
# the environment points at the session bus the app runs on.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

Atspi.init()
# libatspi's own complaints about GTK (no cache object) are not the app's.
GLib.log_set_handler("dbind", GLib.LogLevelFlags.LEVEL_WARNING, lambda *args: None)


def nudge_app(binary):
    """Nudge's accessible application (the program @binary), once it is
    registered."""
    context = GLib.MainContext.default()
    while context.iteration(False):
        pass
    desktop = Atspi.get_desktop(0)
    desktop.clear_cache()
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        try:
            if app is not None and app.get_name() == binary and app.get_child_count() > 0:
                # Windows come and go: read them again, not from the cache.
                app.clear_cache()
                return app
        except GLib.Error:
            continue
    return None


def on_screen(accessible):
    """Whether @accessible is inside a window and has a size."""
    try:
        e = accessible.get_extents(Atspi.CoordType.WINDOW)
    except GLib.Error:
        return False
    return e.width > 0 and e.height > 0
