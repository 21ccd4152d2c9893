/* startup-probe.c — start-up, memory and main-loop stalls of a GTK 4 app
 *
 * A module loaded with LD_PRELOAD into an unchanged program (Nudge, or
 * the floor in empty-window.c), so both are measured the same way.
 *
 * It wraps gtk_window_present(): the first window presented is the one
 * watched. When that window's frame clock reports "after-paint" for the
 * first time, it prints to stderr
 *
 *   probe first-frame-ms N present-ms N rss-kb N
 *
 * where times count from the start of the process (as the kernel saw
 * it, so dynamic loading is included), present-ms is when the window was
 * presented, and rss-kb is the peak resident set so far. Then the
 * process exits at once, unless NUDGE_PROBE_STALLS is set.
 *
 * NUDGE_PROBE_STALLS=FILE keeps the program running. From the first
 * frame on, a 10 ms timeout should run 100 times a second; the longest
 * time the main loop failed to turn (the gap between two runs, minus the
 * 10 ms) is the stall. Signals:
 *   SIGTERM  write "max-stall-ms N at-ms N stalls-over-50ms N rss-kb N
 *            hwm-kb N" to FILE and exit (at-ms: when the longest stall
 *            began, from the last start of the measurement)
 *   SIGUSR2  write the same line to FILE, then start the measurement
 *            again (forget the stalls so far)
 *   SIGUSR1  activate the action NUDGE_PROBE_ACTION (default
 *            "win.load-sample-data") on the watched window, through
 *            gtk_widget_activate_action(), as a button would
 * NUDGE_PROBE_STALL_LOG=FILE also writes a line for each stall over 30 ms,
 * "stall-from-monotonic-ms N length-ms N" (CLOCK_MONOTONIC, as perf
 * record -k CLOCK_MONOTONIC stamps its samples).
 * SIGTERM and SIGUSR2 are answered from the signal handler, not from the
 * main loop, so a main loop blocked for minutes is still measured (the
 * stall under way counts up to the moment of the signal).
 *
 * Build: meson builds it as bench/startup-probe.so (shared_module).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <gtk/gtk.h>
#include <glib-unix.h>

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>

#define TICK_MS 10
#define STALL_REPORT_MS 50

static GtkWidget *watched;
static gboolean first_frame_seen;
static double process_start_ms;
static double present_ms;

/* Stall measurement, all in ms on CLOCK_BOOTTIME. */
static double window_start;
static double last_tick;
static double max_stall;
static double max_stall_at;
static guint n_long_stalls;
/* NUDGE_PROBE_STALL_LOG: each stall over 30 ms, for profiles. */
static FILE *stall_log;
static double last_tick_mono;

static double
monotonic_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
boottime_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_BOOTTIME, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Field 22 of /proc/self/stat: start time in clock ticks after boot. */
static double
read_process_start_ms (void)
{
  char buf[4096];
  FILE *f = fopen ("/proc/self/stat", "r");
  size_t n;
  char *p;
  int field;

  if (f == NULL)
    return boottime_ms ();
  n = fread (buf, 1, sizeof buf - 1, f);
  fclose (f);
  buf[n] = '\0';
  /* The command name (field 2) may hold spaces; skip past its ')'. */
  p = strrchr (buf, ')');
  if (p == NULL)
    return boottime_ms ();
  for (field = 2; field < 22 && p != NULL; field++)
    p = strchr (p + 1, ' ');
  if (p == NULL)
    return boottime_ms ();
  return strtoull (p + 1, NULL, 10) * 1000.0 / sysconf (_SC_CLK_TCK);
}

static long
peak_rss_kb (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

/* Current resident set, from /proc/self/statm (pages); only
 * async-signal-safe calls, for the signal handlers. */
static long
current_rss_kb (void)
{
  char buf[128];
  ssize_t n;
  int fd = open ("/proc/self/statm", O_RDONLY);
  char *p;

  if (fd < 0)
    return 0;
  n = read (fd, buf, sizeof buf - 1);
  close (fd);
  if (n <= 0)
    return 0;
  buf[n] = '\0';
  p = strchr (buf, ' ');
  return p ? strtol (p + 1, NULL, 10) * (sysconf (_SC_PAGESIZE) / 1024) : 0;
}

static void
note_gap (double now)
{
  double stall = now - last_tick - TICK_MS;

  if (stall > max_stall)
    {
      max_stall = stall;
      max_stall_at = last_tick - window_start;
    }
}

static gboolean
tick_cb (gpointer data)
{
  double now = boottime_ms ();

  note_gap (now);
  if (now - last_tick - TICK_MS > STALL_REPORT_MS)
    n_long_stalls++;
  if (stall_log != NULL && now - last_tick - TICK_MS > 30)
    {
      fprintf (stall_log, "stall-from-monotonic-ms %.3f length-ms %.1f\n", last_tick_mono, now - last_tick - TICK_MS);
      fflush (stall_log);
    }
  last_tick = now;
  last_tick_mono = monotonic_ms ();
  return G_SOURCE_CONTINUE;
}

static void
restart (void)
{
  window_start = last_tick = boottime_ms ();
  last_tick_mono = monotonic_ms ();
  max_stall = max_stall_at = 0;
  n_long_stalls = 0;
}

/* From a signal handler: snprintf() on numbers and plain syscalls. */
static void
write_figures (void)
{
  const char *path = getenv ("NUDGE_PROBE_STALLS");
  double now = boottime_ms ();
  guint n_long = n_long_stalls;
  long rss = current_rss_kb (), hwm = peak_rss_kb ();
  char line[256];
  int fd, len;

  /* A stall still under way counts too. */
  note_gap (now);
  if (now - last_tick - TICK_MS > STALL_REPORT_MS)
    n_long++;
  len = snprintf (line, sizeof line,
                  "max-stall-ms %.1f at-ms %.0f stalls-over-50ms %u rss-kb %ld hwm-kb %ld\n",
                  max_stall, max_stall_at, n_long, rss, MAX (rss, hwm));
  fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0)
    {
      if (write (fd, line, len) != len)
        {
          /* Nothing to do about it from here. */
        }
      close (fd);
    }
}

static void
signal_handler (int signum)
{
  int saved = errno;

  write_figures ();
  if (signum == SIGTERM)
    _exit (0);
  restart ();
  errno = saved;
}

static gboolean
activate_cb (gpointer data)
{
  const char *action = g_getenv ("NUDGE_PROBE_ACTION");
  double start = boottime_ms ();
  gboolean found;

  if (action == NULL)
    action = "win.load-sample-data";
  found = watched != NULL && gtk_widget_activate_action (watched, action, NULL);
  fprintf (stderr, "probe action %s %s returned-after-ms %.1f\n",
           action, found ? "activated" : "not-found", boottime_ms () - start);
  fflush (stderr);
  return G_SOURCE_CONTINUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  if (first_frame_seen)
    return;
  first_frame_seen = TRUE;
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, data);

  fprintf (stderr, "probe first-frame-ms %.1f present-ms %.1f rss-kb %ld\n",
           boottime_ms () - process_start_ms, present_ms, peak_rss_kb ());
  fflush (stderr);

  if (g_getenv ("NUDGE_PROBE_STALLS") == NULL)
    _exit (0);

  restart ();
  if (g_getenv ("NUDGE_PROBE_STALL_LOG") != NULL)
    stall_log = fopen (g_getenv ("NUDGE_PROBE_STALL_LOG"), "w");
  g_timeout_add (TICK_MS, tick_cb, NULL);
  g_unix_signal_add (SIGUSR1, activate_cb, NULL);
  {
    struct sigaction sa = { 0 };

    sa.sa_handler = signal_handler;
    sigemptyset (&sa.sa_mask);
    sigaddset (&sa.sa_mask, SIGTERM);
    sigaddset (&sa.sa_mask, SIGUSR2);
    sa.sa_flags = SA_RESTART;
    sigaction (SIGTERM, &sa, NULL);
    sigaction (SIGUSR2, &sa, NULL);
  }
}

static void
map_cb (GtkWidget *widget,
        gpointer   data)
{
  g_signal_handlers_disconnect_by_func (widget, map_cb, data);
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
}

static void
watch_window (GtkWindow *window)
{
  if (watched != NULL)
    return;
  watched = GTK_WIDGET (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &watched);
  process_start_ms = read_process_start_ms ();
  present_ms = boottime_ms () - process_start_ms;
  if (gtk_widget_get_mapped (watched))
    map_cb (watched, NULL);
  else
    g_signal_connect (watched, "map", G_CALLBACK (map_cb), NULL);
}

void
gtk_window_present (GtkWindow *window)
{
  static void (*real_present) (GtkWindow *);

  if (real_present == NULL)
    real_present = (void (*) (GtkWindow *)) dlsym (RTLD_NEXT, "gtk_window_present");
  watch_window (window);
  real_present (window);
}

void
gtk_window_present_with_time (GtkWindow *window,
                              guint32    timestamp)
{
  static void (*real_present) (GtkWindow *, guint32);

  if (real_present == NULL)
    real_present = (void (*) (GtkWindow *, guint32)) dlsym (RTLD_NEXT, "gtk_window_present_with_time");
  watch_window (window);
  real_present (window, timestamp);
}
