/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-store.h"

G_BEGIN_DECLS

/* How a synced record merges (DESIGN.md, "The team archive"). */
typedef enum
{
  XJ_SYNC_WRITTEN_ONCE,   /* insert if absent; other content = integrity error */
  XJ_SYNC_OWNED,          /* only its owner's laptop changes it */
  XJ_SYNC_SHARED,         /* anyone changes it; versions and field-level merge */
} XjSyncKind;

typedef struct
{
  const char *column;     /* local column holding an integer id */
  const char *table;      /* the table it points into, crossing by its uuid */
} XjSyncRef;

typedef struct
{
  const char *name;       /* the local table */
  const char *remote;     /* the server's table */
  const char *key;        /* "uuid", or "sha256" for photos */
  XjSyncKind  kind;
  const char *skip;       /* local columns never sent, " a b " */
  XjSyncRef   refs[3];
  /* $1 key, $2 body (jsonb), $3 extra (bytes, content hash), a photo's
   * $4 rendition and $5 thumbnail; inserts or updates the server row;
   * returns a row when something changed. */
  const char *server_write;
  /* The record as the server keeps it, as one jsonb (rule columns folded back). */
  const char *server_body;
  int         pull_batch; /* rows per pull batch */
} XjSyncTable;

const XjSyncTable *_xj_sync_get_tables  (guint               *n_tables);
const XjSyncTable *_xj_sync_find_table  (const char          *name);
/* The record as JSON text, references by UUID; NULL without an error when
 * the record is gone. */
char              *_xj_sync_encode      (XjStore             *store,
                                         const XjSyncTable   *table,
                                         const char          *key,
                                         GError             **error);
/* Inserts or updates the local row from @body (inside the caller's
 * transaction, capture off). */
gboolean           _xj_sync_apply       (XjStore             *store,
                                         const XjSyncTable   *table,
                                         const char          *key,
                                         const char          *body,
                                         GError             **error);
/* A template version's identity across laptops: SHA-256 of its content
 * with its template's uid instead of any UUID, and without its local
 * creation time. */
char              *_xj_sync_content_sha256 (XjStore          *store,
                                            const char       *body,
                                            GError          **error);

char              *_xj_sync_query_text  (XjStore             *store,
                                         const char          *sql,
                                         const char          *param,
                                         GError             **error);

G_END_DECLS
