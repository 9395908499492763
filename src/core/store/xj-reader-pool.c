/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's reader connections, kept for the next read.
 *
 * Opening a reader (xj_store_open_reader()) costs about 1.8 ms of a
 * processor: the file, the schema, the pragmas.  A list page read in a
 * worker used to open one for its 50 rows and close it again.  Readers
 * now go back to their store's pool when a worker is done with them and
 * the next worker takes one from there, with its prepared statements.  A
 * reader is used by one thread at a time: taken and given back under the
 * pool's lock (SQLite's multi-thread mode allows a connection to move
 * between threads that do not use it at the same time).  Given back, its
 * statements are reset, so it holds no read snapshot while it waits and
 * the next read sees the newest commit; one left inside a transaction is
 * closed instead.  When the store goes, the pool closes the readers
 * waiting in it, and those still in a worker's hands when they come back.
 */
#define G_LOG_DOMAIN "xj-store"

#include "config.h"

#include "xj-reader-pool-private.h"
#include "xj-store-private.h"

/* Readers kept waiting: the lists' two workers and a reader task or two. */
#define MAX_IDLE 4

struct _XjReaderPool
{
  GMutex     lock;
  char      *data_dir;
  GPtrArray *idle;      /* XjStore readers; NULL once closed */
  guint      n_opened;  /* readers opened, for the tests */
};

static void
pool_clear (gpointer data)
{
  XjReaderPool *pool = data;

  g_clear_pointer (&pool->idle, g_ptr_array_unref);
  g_free (pool->data_dir);
  g_mutex_clear (&pool->lock);
}

XjReaderPool *
_xj_reader_pool_new (const char *data_dir)
{
  XjReaderPool *pool = g_atomic_rc_box_new0 (XjReaderPool);

  g_mutex_init (&pool->lock);
  pool->data_dir = g_strdup (data_dir);
  pool->idle = g_ptr_array_new_with_free_func (g_object_unref);
  return pool;
}

XjReaderPool *
_xj_reader_pool_ref (XjReaderPool *pool)
{
  return g_atomic_rc_box_acquire (pool);
}

void
_xj_reader_pool_unref (XjReaderPool *pool)
{
  g_atomic_rc_box_release_full (pool, pool_clear);
}

/* The store goes: the waiting readers are closed now, the others when
 * they come back.  Later takes open a reader for one use. */
void
_xj_reader_pool_close (XjReaderPool *pool)
{
  g_autoptr(GPtrArray) idle = NULL;

  g_mutex_lock (&pool->lock);
  idle = g_steal_pointer (&pool->idle);
  g_mutex_unlock (&pool->lock);
}

/**
 * _xj_reader_pool_take:
 *
 * In a worker: a reader for this thread alone until it is given back.
 *
 * Returns: (transfer full): a waiting reader or a new one, or %NULL with
 *   @error set
 */
XjStore *
_xj_reader_pool_take (XjReaderPool  *pool,
                      GError       **error)
{
  XjStore *reader = NULL;

  g_mutex_lock (&pool->lock);
  if (pool->idle != NULL && pool->idle->len > 0)
    reader = g_ptr_array_steal_index_fast (pool->idle, pool->idle->len - 1);
  else
    pool->n_opened++;
  g_mutex_unlock (&pool->lock);
  return reader != NULL ? reader : xj_store_open_reader (pool->data_dir, error);
}

/* Back from a worker (@reader: transfer full): kept for the next one, or
 * closed. */
void
_xj_reader_pool_give (XjReaderPool *pool,
                      XjStore      *reader)
{
  sqlite3 *db = xj_store_get_db (reader);
  gboolean keep;

  /* No statement left stepping holds a snapshot, nor a handler its
   * cancellable. */
  for (sqlite3_stmt *stmt = sqlite3_next_stmt (db, NULL); stmt != NULL;
       stmt = sqlite3_next_stmt (db, stmt))
    sqlite3_reset (stmt);
  sqlite3_progress_handler (db, 0, NULL, NULL);
  /* Nor does anyone else still hold it. */
  keep = sqlite3_get_autocommit (db) && _xj_store_get_depth (reader) == 0
         && g_atomic_int_get (&G_OBJECT (reader)->ref_count) == 1;

  g_mutex_lock (&pool->lock);
  if (keep && pool->idle != NULL && pool->idle->len < MAX_IDLE)
    g_ptr_array_add (pool->idle, g_steal_pointer (&reader));
  g_mutex_unlock (&pool->lock);
  g_clear_object (&reader);
}

/* Readers opened so far (tests). */
guint
_xj_reader_pool_get_n_opened (XjReaderPool *pool)
{
  guint n;

  g_mutex_lock (&pool->lock);
  n = pool->n_opened;
  g_mutex_unlock (&pool->lock);
  return n;
}
