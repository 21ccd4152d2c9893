/* bench-actions.h — what bench-actions' scenarios share with its
 * harness (bench-actions-harness.c): waiting for the frame that shows a
 * change, the figures, and finding widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#define TARGET_MS 50.0
/* Search as one types: what the main loop does for a change of the text
 * fits in a frame. */
#define SEARCH_STALL_MS 16.0
#define TIMEOUT_S 30

typedef gboolean (*ReflectedFunc) (gpointer data);
typedef gboolean (*InvokeFunc) (gpointer data);

/* The main loop's longest wait: a timeout every HEARTBEAT_MS notes how
 * late it comes (heartbeat_cb). */
#define HEARTBEAT_MS 4

typedef struct
{
  gint64   last;
  gint64   longest;
  gint64   longest_from;  /* when it began */
  gboolean done;
  gboolean ok;
} Heartbeat;

extern int        opt_runs;
extern int        opt_budget;
extern int        opt_settle;
extern int        settle_ms;
extern GtkWidget *window;
extern gboolean   not_measured;

/* Runs the main loop for @ms; lets @view's deferred work settle. */
void       spin                (int             ms);
void       settle              (GtkWidget      *view);
/* From invoke() to the first frame painted once @model has shown
 * @want_id come (> 0) or go (< 0, from @removed_at) and @reflected
 * says so; -1 when invoke() failed. */
double     measure             (InvokeFunc      invoke,
                                gpointer        invoke_data,
                                GListModel     *model,
                                gint64          want_id,
                                guint           removed_at,
                                ReflectedFunc   reflected,
                                gpointer        data);
gboolean   keep_going          (GArray         *times,
                                gint64          began);
/* Median and 95th percentile of @times (ms), against @target_ms (or
 * TARGET_MS); "not measured: @why_not" when there is none. */
void       report_target       (const char     *what,
                                GArray         *times,
                                const char     *why_not,
                                double          target_ms);
void       report              (const char     *what,
                                GArray         *times,
                                const char     *why_not);
gboolean   heartbeat_cb        (gpointer        data);
GtkWidget *find_by_type_name   (GtkWidget      *root,
                                const char     *type_name);
void       collect_actionables (GtkWidget      *root,
                                const char     *action,
                                GPtrArray      *out);
gboolean   list_has_target     (GtkWidget      *list,
                                const char     *action,
                                GVariant       *target);
void       find_toast_button   (GtkWidget      *root,
                                gboolean        inside_toast,
                                GtkWidget     **found);

/* bench-actions-bulk.c */
void       bench_delete_all    (GtkWidget      *view);

/* bench-actions-search.c */
void       bench_segments      (GtkWidget      *view);
void       bench_filter        (GtkWidget      *view);
void       bench_search        (GtkWidget      *window_widget);
