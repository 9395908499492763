/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-application.h"
#include "xj-inspections-page.h"
#include "xj-runner.h"
#include "xj-test-app.h"
#include "xj-window.h"

G_BEGIN_DECLS

/* The runner tests' one fixture: a fresh data folder with one site, the
 * application activated, its window on the Inspections area. */
typedef struct
{
  XJ_TEST_APP_FIELDS
  XjInspectionsPage *page;
  gint64             site_id;
} Fixture;

void       fixture_set_up    (Fixture              *f,
                              gconstpointer         data);
void       fixture_tear_down (Fixture              *f,
                              gconstpointer         data);
void       fixture_restart   (Fixture              *f);
gint64     find_template     (Fixture              *f,
                              const char           *uid);
gint64     start_inspection  (Fixture              *f,
                              const char           *uid,
                              const char           *kind);
XjRunner  *open_runner       (Fixture              *f,
                              gint64                inspection_id);
void       run               (XjRunner             *runner,
                              const char           *action);
GtkWidget *control_child     (XjItemRow            *row,
                              GType                 type);
void       attach_photo      (XjRunner             *runner,
                              const XjTemplateItem *item);

G_END_DECLS
