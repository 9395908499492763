/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <hpdf.h>

G_BEGIN_DECLS

/* A libharu document whose errors abort the test: fixtures must not fail. */
HPDF_Doc xj_test_hpdf_new  (void);

/* Runs a tool (qpdf, pdftotext …) that must succeed; returns what it printed. */
char    *xj_test_run_tool  (const char *const *argv);

/* qpdf finds no error; one font, embedded as a subset with a ToUnicode map. */
void     xj_test_assert_pdf_clean (const char *path);

G_END_DECLS
