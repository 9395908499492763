/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-application.h"
#include "xj-window.h"

G_BEGIN_DECLS

/* The UI tests' one application fixture: a data folder, the application
 * registered under an id of its own (so that tests never meet each other
 * or a running Xunjian on a shared session bus), its store, its settings
 * and its window.  A test's own fixture starts with XJ_TEST_APP_FIELDS and
 * passes itself as XJ_TEST_APP (f), so that the tests keep writing f->app,
 * f->window and f->store. */
#define XJ_TEST_APP_FIELDS                                                      \
  char          *dir;       /* the data folder, removed by tear-down */         \
  XjApplication *app;                                                           \
  XjStore       *store;     /* borrowed from app */                             \
  GSettings     *settings;  /* borrowed from app */                             \
  XjWindow      *window;    /* after xj_test_app_show () */

typedef struct
{
  XJ_TEST_APP_FIELDS
} XjTestApp;

#define XJ_TEST_APP(f) ((XjTestApp *) (f))

void xj_test_app_start     (XjTestApp  *t);
void xj_test_app_show      (XjTestApp  *t,
                            const char *area);
void xj_test_app_stop      (XjTestApp  *t);
void xj_test_app_restart   (XjTestApp  *t,
                            const char *area);
void xj_test_app_tear_down (XjTestApp  *t);

G_END_DECLS
