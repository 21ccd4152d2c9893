#!/usr/bin/python3
# hold-display.py — runs a test with the X server kept from resetting
#
#   hold-display.py PROGRAM [ARGUMENTS…]
#
# An X server started the usual way (xvfb-run does) resets when its last
# client leaves, and a client that connects during the reset is refused:
# GTK says "cannot open display" and the test fails for nothing it did.
# Between two UI tests, or between a test's brief first connection and
# the app it starts, the server has no client, and on a busy machine the
# reset takes long enough to be hit (a third of the starts of test-a11y.py
# with the CPUs loaded).
#
# So before the test runs, this opens a connection, trying again while
# the server resets, and keeps it open across exec() into PROGRAM: the
# server has a client until the test ends. Without $DISPLAY, or without
# libX11, PROGRAM simply runs.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import ctypes
import fcntl
import os
import sys
import time


def hold_display(seconds=20.0):
    """A connection to $DISPLAY whose descriptor outlives exec(), or
    None."""
    try:
        libx11 = ctypes.CDLL("libX11.so.6")
    except OSError:
        return None
    libx11.XOpenDisplay.restype = ctypes.c_void_p
    libx11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    libx11.XConnectionNumber.argtypes = [ctypes.c_void_p]
    until = time.monotonic() + seconds
    while True:
        display = libx11.XOpenDisplay(None)
        if display or time.monotonic() > until:
            break
        time.sleep(0.05)
    if not display:
        return None
    fd = libx11.XConnectionNumber(display)
    fcntl.fcntl(fd, fcntl.F_SETFD, fcntl.fcntl(fd, fcntl.F_GETFD) & ~fcntl.FD_CLOEXEC)
    return fd


if len(sys.argv) < 2:
    sys.exit("usage: hold-display.py PROGRAM [ARGUMENTS…]")
if os.environ.get("DISPLAY"):
    hold_display()
os.execvp(sys.argv[1], sys.argv[1:])
