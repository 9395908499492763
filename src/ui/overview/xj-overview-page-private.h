/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-overview-page.h"
#include "xj-period-picker.h"
#include "xj-site-picker.h"

G_BEGIN_DECLS

/* Shared by the page (xj-overview-page.c) and its export
 * (xj-overview-page-export.c). */
struct _XjOverviewPage
{
  AdwBin          parent_instance;

  GtkBox         *toolbar;
  XjPeriodPicker *period_picker;
  XjSitePicker   *site_picker;
  GtkDropDown    *kind_dropdown;
  GtkSpinner     *spinner;
  GtkLabel       *summary_label;
  GtkToggleButton *table_button;
  GtkStack       *view_stack;
  GtkBox         *charts_box;
  GtkBox         *table_box;

  XjApplication  *application;
  GCancellable   *cancellable;
  XjOverview     *overview;
  /* The query being computed, and the one the figures on screen answer
   * (what a click drills into); each owns its site ids. */
  XjOverviewQuery pending;
  XjOverviewQuery shown;
  GCancellable   *export_cancellable;  /* while a spreadsheet is written */
  char           *export_path;
};

void _xj_overview_page_export_activated (GtkWidget      *widget,
                                         const char     *action_name,
                                         GVariant       *parameter);
void _xj_overview_page_update_actions   (XjOverviewPage *self);

G_END_DECLS
