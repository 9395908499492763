/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-store.h"

G_BEGIN_DECLS

/* What is numbered, as the team server counts it: the three types of
 * notice share one count per year. */
typedef enum {
  XJ_NUMBER_REPORT,
  XJ_NUMBER_NOTICE,
} XjNumberKind;

/* The next number of a kind and year, and where it comes from. */
typedef struct {
  int     year;
  gint64  seq;
  char   *suffix;     /* "" or the laptop's short code */
  gint64  block_id;   /* the leased block it comes from; 0: the laptop's own count */
} XjNumber;

const char *xj_number_kind_to_string     (XjNumberKind   kind);
void        xj_number_clear              (XjNumber      *number);
char       *xj_number_dup_full           (const char    *base,
                                          const char    *suffix);
char       *xj_number_dup_report_base    (const XjNumber *number);
char       *xj_number_dup_report         (const XjNumber *number);

gboolean    xj_store_peek_report_number  (XjStore       *store,
                                          int            year,
                                          XjNumber      *number,
                                          GError       **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (XjNumber, xj_number_clear)

G_END_DECLS
