/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Finding and driving real widgets in UI tests. */
GtkWidget *xj_test_find_widget   (GtkWidget   *root,
                                  const char  *buildable_id);
GtkWidget *xj_test_find_by_type  (GtkWidget   *root,
                                  GType        type);
GtkWindow *xj_test_find_window   (GType        type);
GtkListView *xj_test_find_page_list (GtkWidget *root);
void       xj_test_iterate       (guint        milliseconds);

/* Waiting for something to happen: iterates the main context until the
 * condition holds, and fails the test naming what it waited for once the
 * time is up.  Use these, not xj_test_iterate, whenever the test waits for
 * an effect (a dialog opening or closing, a worker finishing, a list
 * filling); xj_test_iterate is only for letting GTK lay out and draw. */
typedef gboolean (*XjTestCondition) (gpointer data);

#define XJ_TEST_WAIT_MS 15000

void       xj_test_wait_until_func (XjTestCondition condition,
                                    gpointer        data,
                                    guint           timeout_ms,
                                    const char     *what);
void       xj_test_wait_step       (gint64          deadline,
                                    guint           timeout_ms,
                                    const char     *what,
                                    const char     *file,
                                    int             line,
                                    const char     *func);

/* xj_test_wait_until (expr): waits for an expression, at most XJ_TEST_WAIT_MS. */
#define xj_test_wait_until_ms(expr, timeout_ms)                                       \
  G_STMT_START {                                                                      \
    gint64 xj_deadline_ = g_get_monotonic_time ()                                     \
                          + (gint64) (timeout_ms) * G_TIME_SPAN_MILLISECOND;          \
    while (!(expr))                                                                   \
      xj_test_wait_step (xj_deadline_, (timeout_ms), #expr, __FILE__, __LINE__, G_STRFUNC); \
  } G_STMT_END
#define xj_test_wait_until(expr) xj_test_wait_until_ms (expr, XJ_TEST_WAIT_MS)

/* Runs what is already pending (idle callbacks, queued signals, one frame),
 * for checking that something did NOT happen after an action. */
void       xj_test_run_pending   (void);
GtkWidget *xj_test_find_button   (GtkWidget   *root,
                                  const char  *label);
guint      xj_test_count_list_rows (GtkWidget *list);
GtkWidget *xj_test_find_named    (GtkWidget   *root,
                                  const char  *name);
gboolean   xj_test_label_shown   (GtkWidget   *root,
                                  const char  *text);

void       xj_test_collect_untranslated (GtkWidget *root,
                                         GPtrArray *found);
void       xj_test_assert_translated    (GtkWidget *root);

/* A desktop notification server on the test's session bus, for the
 * process: each Notify's summary is added to @summaries (may be NULL). */
void       xj_test_serve_notifications  (GPtrArray *summaries);

G_END_DECLS
