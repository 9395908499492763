/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one fixture of the Notices area's UI tests: an application on a
 * fresh data folder with one site, its window on the Notices area.
 */
#pragma once

#include "xj-application.h"
#include "xj-notice-view.h"
#include "xj-notices-page.h"
#include "xj-photo-picker.h"
#include "xj-test-app.h"
#include "xj-window.h"

/* 2026-03-11 10:00:00 +08:00, a Wednesday. */
#define T0 ((gint64) 1773194400)
#define HOUR ((gint64) 3600)
#define DAY (24 * HOUR)

typedef struct
{
  XJ_TEST_APP_FIELDS
  XjNoticesPage *page;
  gint64         site;
} Fixture;

void       notices_fixture_set_up    (Fixture       *f,
                                      gconstpointer  data);
void       notices_fixture_tear_down (Fixture       *f,
                                      gconstpointer  data);
void       notices_wait_for_board    (Fixture       *f);
void       notices_wait_for_picker   (XjPhotoPicker *picker);
GtkWidget *notices_find_tooltip      (GtkWidget     *root,
                                      const char    *tooltip);
char      *notices_write_photo       (Fixture       *f,
                                      guint32        seed);
GArray       *notices_two_findings (Fixture    *f);
GtkWidget    *notices_find_named   (GtkWidget  *root,
                                    const char *name);
XjNoticeView *notices_get_view     (Fixture    *f);
