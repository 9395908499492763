/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <hpdf.h>

G_BEGIN_DECLS

/* A libharu document whose errors abort the test: fixtures must not fail. */
HPDF_Doc xj_test_hpdf_new (void);

G_END_DECLS
