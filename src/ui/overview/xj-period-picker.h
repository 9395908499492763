/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "xj-overview.h"
#include "xj-picker.h"

G_BEGIN_DECLS

#define XJ_TYPE_PERIOD_PICKER (xj_period_picker_get_type ())
G_DECLARE_FINAL_TYPE (XjPeriodPicker, xj_period_picker, XJ, PERIOD_PICKER, XjPicker)

/* The Overview's period: this month, the last 3 or 12 months, or a custom
 * range of local days.  Emits "changed" when the period it describes
 * changes. */
typedef enum {
  XJ_PERIOD_THIS_MONTH,
  XJ_PERIOD_LAST_3_MONTHS,
  XJ_PERIOD_LAST_12_MONTHS,
  XJ_PERIOD_CUSTOM,
} XjPeriodChoice;

GtkWidget     *xj_period_picker_new        (void);
void           xj_period_picker_get_range  (XjPeriodPicker   *self,
                                            gint64           *from,
                                            gint64           *to,
                                            XjOverviewBucket *bucket);
XjPeriodChoice xj_period_picker_get_choice (XjPeriodPicker   *self);
void           xj_period_picker_set_choice (XjPeriodPicker   *self,
                                            XjPeriodChoice    choice);
gboolean       xj_period_picker_apply_custom (XjPeriodPicker *self,
                                            const char       *from_text,
                                            const char       *to_text);
const char    *xj_period_picker_get_error  (XjPeriodPicker   *self);

G_END_DECLS
