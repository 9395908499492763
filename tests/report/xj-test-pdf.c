/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "xj-test-pdf.h"

static void
on_hpdf_error_cb (HPDF_STATUS  error_no,
                  HPDF_STATUS  detail_no,
                  void        *user_data)
{
  g_error ("libharu error 0x%04X (detail %u)", (guint) error_no, (guint) detail_no);
}

HPDF_Doc
xj_test_hpdf_new (void)
{
  return HPDF_New (on_hpdf_error_cb, NULL);
}
