/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-runner.h"

G_BEGIN_DECLS

#define XJ_TYPE_INSPECTION_SUMMARY (xj_inspection_summary_get_type ())
G_DECLARE_FINAL_TYPE (XjInspectionSummary, xj_inspection_summary, XJ, INSPECTION_SUMMARY, AdwWindow)

XjInspectionSummary *xj_inspection_summary_new          (XjRunner            *runner);
guint                xj_inspection_summary_get_n_missing (XjInspectionSummary *self);

G_END_DECLS
