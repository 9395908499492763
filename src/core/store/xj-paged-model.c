/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjPagedModel: a GListModel over a query of the store that never reads
 * it all.  The number of rows comes from a COUNT run in a worker; a row
 * asked for before its page has been read is a placeholder record, its
 * page is read in a worker (a few at a time, the most recently wanted
 * first) and, on the main thread, the placeholders handed out take their
 * rows and say so ("filled"): no "items-changed", which would make a
 * GtkListView of GTK 4.8 destroy and build again every row widget of the
 * page.  A change of the query or of the store starts again with a new
 * count; answers of an older query are dropped.
 *
 * A page is read by key, not by OFFSET (which SQLite walks row by row: the
 * end of three hundred thousand inspections took a second): the first
 * time a page beyond the first key_stride rows is wanted, a worker scans
 * the sort keys of the whole query once (an index) and keeps every
 * key_stride-th; a page then starts at the key before it and skips fewer
 * than key_stride rows, the same work wherever it is in the list.
 */
#define G_LOG_DOMAIN "xj-paged-model"

#include "config.h"

#include "xj-paged-model-private.h"
#include "xj-reader-pool-private.h"
#include "xj-store-private.h"

#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#define DEFAULT_PAGE_SIZE 50
/* Pages read at the same time, and pages waiting to be read: scrolling
 * fast through a long list wants many pages, of which only the last few
 * are still on screen. */
#define MAX_IN_FLIGHT 2
#define MAX_WANTED 8
/* The workers of all lists, and how much less they weigh than the main
 * thread (10 more nice: about a tenth of a processor's share against it). */
#define N_WORKERS 2
#define WORKER_NICE 10
/* Rows between two kept keys: a page reads at most this many rows more
 * than it shows. */
#define DEFAULT_KEY_STRIDE 256

struct _XjPagedModel
{
  GObject              parent_instance;

  XjReaderPool        *readers;      /* the store's, for the workers */
  const XjPagedSource *source;
  gpointer             query;
  guint                page_size;

  guint                serial;       /* bumped by every new query or reload */
  GCancellable        *cancellable;  /* of the workers of this serial */
  gboolean             counting;
  gboolean             counted;
  guint                n_items;
  GHashTable          *pages;        /* page index → GPtrArray of XjRecord */
  GHashTable          *placeholders; /* page index → GPtrArray of the placeholders
                                      * handed out (NULL where none was) */
  GHashTable          *in_flight;    /* page index set */
  GArray              *wanted;       /* page indexes, most recent last */
  guint                key_stride;
  XjPagedKeys         *keys;         /* of this serial, once scanned */
  gboolean             indexing;     /* the keys are being scanned */
  gboolean             keys_failed;  /* could not be: pages by OFFSET */
  GError              *error;
};

enum {
  PROP_0,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void xj_paged_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (XjPagedModel, xj_paged_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      xj_paged_model_list_model_init))

/* --- workers -------------------------------------------------------------- */

typedef enum {
  JOB_COUNT,
  JOB_KEYS,
  JOB_PAGE,
} JobKind;

typedef struct {
  XjReaderPool        *readers;
  const XjPagedSource *source;
  gpointer             query;
  guint                serial;
  JobKind              kind;
  guint                page;
  XjPagedKeys         *keys;         /* JOB_PAGE: the kept keys, or NULL;
                                      * JOB_KEYS: as scanned */
  guint                stride;       /* JOB_KEYS */
  guint                offset;       /* from the first row */
  guint                limit;
  guint                n_items;
} Job;

/* Jobs made and not yet freed, of every paged model. */
static gint n_jobs;

/**
 * xj_paged_model_get_n_running:
 *
 * Returns: how many counts and page reads of all paged models are still
 * under way (their workers may still open the data folder's database).
 */
guint
xj_paged_model_get_n_running (void)
{
  return (guint) g_atomic_int_get (&n_jobs);
}

static void
job_free (Job *job)
{
  _xj_reader_pool_unref (job->readers);
  job->source->free_query (job->query);
  g_clear_pointer (&job->keys, _xj_paged_keys_unref);
  g_free (job);
  (void) g_atomic_int_dec_and_test (&n_jobs);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  GPtrArray *rows = NULL;
  gboolean done;
  XjStore *reader;
  sqlite3 *db;

  if (g_task_return_error_if_cancelled (task))
    return;
  /* One of the store's readers, not a connection opened for one page. */
  reader = _xj_reader_pool_take (job->readers, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  db = xj_store_get_db (reader);
  if (job->kind == JOB_COUNT)
    done = _xj_paged_count (db, job->source, job->query, &job->n_items, cancellable, &error);
  else if (job->kind == JOB_KEYS)
    done = (job->keys = _xj_paged_keys_scan (db, job->source, job->query, job->stride,
                                             cancellable, &error)) != NULL;
  else
    done = (rows = _xj_paged_keys_read (db, job->keys, job->source, job->query, job->offset,
                                        job->limit, cancellable, &error)) != NULL;
  /* Back before the answer: the next read may start at once. */
  _xj_reader_pool_give (job->readers, reader);
  if (!done)
    g_task_return_error (task, error);
  else if (rows != NULL)
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_boolean (task, TRUE);
}

static void start_wanted (XjPagedModel *self);

static void
notify_loading (XjPagedModel *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_error (XjPagedModel *self,
           GError       *error)
{
  g_clear_error (&self->error);
  self->error = error;
}

/* Takes @rows as page @page: the placeholders handed out for it become
 * its records, and fill (the list rows showing them update themselves). */
static void
fill_page (XjPagedModel *self,
           guint         page,
           GPtrArray    *rows)
{
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GPtrArray) read = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) filled = g_ptr_array_new ();

  g_hash_table_steal_extended (self->placeholders, GUINT_TO_POINTER (page), NULL,
                               (gpointer *) &waiting);
  for (guint i = 0; waiting != NULL && i < MIN (rows->len, waiting->len); i++)
    if (waiting->pdata[i] != NULL)
      {
        g_ptr_array_add (read, rows->pdata[i]);
        rows->pdata[i] = g_object_ref (waiting->pdata[i]);
        g_ptr_array_add (filled, rows->pdata[i]);
      }
  /* In place before anyone hears of it: a row asked for now is there. */
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
  for (guint i = 0; i < filled->len; i++)
    xj_record_take_data (filled->pdata[i], read->pdata[i]);
}

static void
on_page_read_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(XjPagedModel) self = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = g_task_propagate_pointer (G_TASK (result), &error);

  if (job->serial != self->serial)
    {
      g_clear_pointer (&rows, g_ptr_array_unref);
      return;
    }
  g_hash_table_remove (self->in_flight, GUINT_TO_POINTER (job->page));
  if (rows == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Could not read a page of the list: %s", error->message);
          set_error (self, g_steal_pointer (&error));
        }
    }
  else
    fill_page (self, job->page, rows);
  start_wanted (self);
  if (!xj_paged_model_get_loading (self))
    notify_loading (self);
}

static Job *
job_new (XjPagedModel *self,
         JobKind       kind,
         guint         page)
{
  Job *job = g_new0 (Job, 1);

  g_atomic_int_inc (&n_jobs);
  job->readers = _xj_reader_pool_ref (self->readers);
  job->source = self->source;
  job->query = self->source->copy_query (self->query);
  job->serial = self->serial;
  job->kind = kind;
  job->page = page;
  job->offset = kind == JOB_PAGE ? page * self->page_size : 0;
  job->limit = self->page_size;
  job->stride = self->key_stride;
  if (kind == JOB_PAGE && self->keys != NULL)
    job->keys = _xj_paged_keys_ref (self->keys);
  return job;
}

/* The lists' workers: threads of their own at a lower priority, so that
 * a scan of keys or a page read never takes a processor from the window's
 * main thread (on two cores, the main thread, the display server and one
 * worker already want them all).  Their answers come back as GTask
 * results in the main context as before. */
static void
pool_run (gpointer data,
          gpointer user_data)
{
  g_autoptr(GTask) task = data;
  static GPrivate lowered;

  if (g_private_get (&lowered) == NULL)
    {
      /* Linux: the nice value of this thread alone, below the one it
       * was started with (the main thread's). */
      int nice = MIN (getpriority (PRIO_PROCESS, 0) + WORKER_NICE, 19);

      if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), nice) != 0)
        g_debug ("Could not lower the priority of a list worker: %s", g_strerror (errno));
      g_private_set (&lowered, GINT_TO_POINTER (1));
    }
  job_thread (task, NULL, g_task_get_task_data (task), g_task_get_cancellable (task));
}

static void
run_job (XjPagedModel        *self,
         Job                 *job,
         GAsyncReadyCallback  callback)
{
  static GThreadPool *pool;
  GTask *task = g_task_new (NULL, self->cancellable, callback, g_object_ref (self));

  g_task_set_source_tag (task, run_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  if (g_once_init_enter (&pool))
    {
      /* Exclusive: its threads serve no other pool at their priority. */
      GThreadPool *made = g_thread_pool_new (pool_run, NULL, N_WORKERS, TRUE, NULL);

      g_assert (made != NULL);
      g_once_init_leave (&pool, made);
    }
  g_thread_pool_push (pool, task, NULL);
}

static void
start_page (XjPagedModel *self,
            guint         page)
{
  g_hash_table_add (self->in_flight, GUINT_TO_POINTER (page));
  run_job (self, job_new (self, JOB_PAGE, page), on_page_read_cb);
}

static void
on_keys_read_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(XjPagedModel) self = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error)
      && (job->serial != self->serial || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    return;
  if (job->serial != self->serial)
    return;
  self->indexing = FALSE;
  if (error != NULL)
    {
      /* Slower, not wrong: the pages are read by OFFSET. */
      g_warning ("Could not read the keys of the list: %s", error->message);
      self->keys_failed = TRUE;
    }
  else if (_xj_paged_keys_get_n_rows (job->keys) > 0)
    self->keys = _xj_paged_keys_ref (job->keys);
  else
    self->keys_failed = TRUE;
  start_wanted (self);
  if (!xj_paged_model_get_loading (self))
    notify_loading (self);
}

/* TRUE when @page is read from a kept key that is not there yet. */
static gboolean
needs_keys (XjPagedModel *self,
            guint         page)
{
  return self->source->n_keys > 0 && self->keys == NULL && !self->keys_failed
         && (guint64) page * self->page_size >= self->key_stride;
}

/* Starts the most recently wanted pages while fewer than MAX_IN_FLIGHT
 * workers run; a page that waits for the keys starts their scan. */
static void
start_wanted (XjPagedModel *self)
{
  for (guint i = self->wanted->len;
       i > 0 && g_hash_table_size (self->in_flight) + self->indexing < MAX_IN_FLIGHT; i--)
    {
      guint page = g_array_index (self->wanted, guint, i - 1);

      if (needs_keys (self, page))
        {
          if (!self->indexing)
            {
              self->indexing = TRUE;
              run_job (self, job_new (self, JOB_KEYS, 0), on_keys_read_cb);
            }
          continue;
        }
      g_array_remove_index (self->wanted, i - 1);
      if (!g_hash_table_contains (self->pages, GUINT_TO_POINTER (page))
          && !g_hash_table_contains (self->in_flight, GUINT_TO_POINTER (page)))
        start_page (self, page);
    }
}

static void
want_page (XjPagedModel *self,
           guint         page)
{
  gboolean was_loading = xj_paged_model_get_loading (self);

  if (g_hash_table_contains (self->in_flight, GUINT_TO_POINTER (page)))
    return;
  for (guint i = 0; i < self->wanted->len; i++)
    if (g_array_index (self->wanted, guint, i) == page)
      {
        g_array_remove_index (self->wanted, i);
        break;
      }
  if (self->wanted->len >= MAX_WANTED)
    g_array_remove_index (self->wanted, 0);
  g_array_append_val (self->wanted, page);
  start_wanted (self);
  if (!was_loading)
    notify_loading (self);
}

static void
on_counted_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(XjPagedModel) self = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  guint old_n;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (job->serial != self->serial || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not count the rows of the list: %s", error->message);
      self->counting = FALSE;
      set_error (self, g_steal_pointer (&error));
      notify_loading (self);
      return;
    }
  if (job->serial != self->serial)
    return;

  self->counting = FALSE;
  self->counted = TRUE;
  old_n = self->n_items;
  self->n_items = job->n_items;
  g_hash_table_remove_all (self->pages);
  g_hash_table_remove_all (self->placeholders);
  g_array_set_size (self->wanted, 0);
  /* The first page at once: it is what the view shows first. */
  if (self->n_items > 0)
    want_page (self, 0);
  if (old_n > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  notify_loading (self);
}

static void
start_count (XjPagedModel *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->serial++;
  self->counting = TRUE;
  g_clear_error (&self->error);
  g_hash_table_remove_all (self->in_flight);
  g_hash_table_remove_all (self->placeholders);
  g_array_set_size (self->wanted, 0);
  g_clear_pointer (&self->keys, _xj_paged_keys_unref);
  self->indexing = FALSE;
  self->keys_failed = FALSE;

  run_job (self, job_new (self, JOB_COUNT, 0), on_counted_cb);
  notify_loading (self);
}

/* --- GListModel ----------------------------------------------------------- */

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

/* The one placeholder of a row whose page is being read: the record a
 * list holds until the row is there. */
static XjRecord *
placeholder_at (XjPagedModel *self,
                guint         page,
                guint         index)
{
  GPtrArray *waiting = g_hash_table_lookup (self->placeholders, GUINT_TO_POINTER (page));

  if (waiting == NULL)
    {
      waiting = g_ptr_array_new_full (self->page_size, unref_if_set);
      g_ptr_array_set_size (waiting, self->page_size);
      g_hash_table_insert (self->placeholders, GUINT_TO_POINTER (page), waiting);
    }
  if (waiting->pdata[index] == NULL)
    waiting->pdata[index] = xj_record_new_placeholder ();
  return waiting->pdata[index];
}

static GType
xj_paged_model_get_item_type (GListModel *model)
{
  return XJ_TYPE_RECORD;
}

static guint
xj_paged_model_get_n_items (GListModel *model)
{
  return XJ_PAGED_MODEL (model)->n_items;
}

static gpointer
xj_paged_model_get_item (GListModel *model,
                         guint       position)
{
  XjPagedModel *self = XJ_PAGED_MODEL (model);
  guint page = position / self->page_size;
  GPtrArray *rows;

  if (position >= self->n_items)
    return NULL;
  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows != NULL)
    {
      guint index = position % self->page_size;

      /* Rows deleted since the count: the end of the list stays empty. */
      return index < rows->len ? g_object_ref (rows->pdata[index]) : xj_record_new_placeholder ();
    }
  if (self->counting)
    return xj_record_new_placeholder ();
  want_page (self, page);
  return g_object_ref (placeholder_at (self, page, position % self->page_size));
}

static void
xj_paged_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = xj_paged_model_get_item_type;
  iface->get_n_items = xj_paged_model_get_n_items;
  iface->get_item = xj_paged_model_get_item;
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_paged_model_dispose (GObject *object)
{
  XjPagedModel *self = XJ_PAGED_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (xj_paged_model_parent_class)->dispose (object);
}

static void
xj_paged_model_finalize (GObject *object)
{
  XjPagedModel *self = XJ_PAGED_MODEL (object);

  if (self->query != NULL)
    self->source->free_query (self->query);
  g_clear_pointer (&self->readers, _xj_reader_pool_unref);
  g_hash_table_unref (self->pages);
  g_hash_table_unref (self->placeholders);
  g_hash_table_unref (self->in_flight);
  g_array_unref (self->wanted);
  g_clear_pointer (&self->keys, _xj_paged_keys_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (xj_paged_model_parent_class)->finalize (object);
}

static void
xj_paged_model_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  XjPagedModel *self = XJ_PAGED_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, xj_paged_model_get_loading (self));
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xj_paged_model_class_init (XjPagedModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xj_paged_model_dispose;
  object_class->finalize = xj_paged_model_finalize;
  object_class->get_property = xj_paged_model_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
xj_paged_model_init (XjPagedModel *self)
{
  self->page_size = DEFAULT_PAGE_SIZE;
  self->key_stride = DEFAULT_KEY_STRIDE;
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->in_flight = g_hash_table_new (NULL, NULL);
  self->placeholders = g_hash_table_new_full (NULL, NULL, NULL,
                                              (GDestroyNotify) g_ptr_array_unref);
  self->wanted = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* --- public API ----------------------------------------------------------- */

/**
 * xj_paged_model_new:
 * @source: (not nullable): static; what to count and read
 * @query: copied with @source's copy_query
 *
 * Counts at once in a worker; the model is empty until the count is back.
 */
XjPagedModel *
xj_paged_model_new (XjStore             *store,
                    const XjPagedSource *source,
                    gconstpointer        query)
{
  XjPagedModel *self;

  g_return_val_if_fail (XJ_IS_STORE (store), NULL);
  g_return_val_if_fail (source != NULL && query != NULL, NULL);

  self = g_object_new (XJ_TYPE_PAGED_MODEL, NULL);
  self->readers = _xj_reader_pool_ref (_xj_store_get_reader_pool (store));
  self->source = source;
  self->query = source->copy_query (query);
  start_count (self);
  return self;
}

/* Reads from the start with another query (copied). */
void
xj_paged_model_set_query (XjPagedModel  *self,
                          gconstpointer  query)
{
  g_return_if_fail (XJ_IS_PAGED_MODEL (self));
  g_return_if_fail (query != NULL);

  self->source->free_query (self->query);
  self->query = self->source->copy_query (query);
  start_count (self);
}

/* Reads again after the store changed: count, then the pages shown. */
void
xj_paged_model_reload (XjPagedModel *self)
{
  g_return_if_fail (XJ_IS_PAGED_MODEL (self));

  start_count (self);
}

/* Rows for tests and benchmarks; the default is 50 rows a page. */
void
xj_paged_model_set_page_size (XjPagedModel *self,
                              guint         page_size)
{
  g_return_if_fail (XJ_IS_PAGED_MODEL (self));
  g_return_if_fail (page_size > 0);

  self->page_size = page_size;
  xj_paged_model_reload (self);
}

/* Rows between two kept keys, for tests; the default is 256. */
void
xj_paged_model_set_key_stride (XjPagedModel *self,
                               guint         stride)
{
  g_return_if_fail (XJ_IS_PAGED_MODEL (self));
  g_return_if_fail (stride > 0);

  self->key_stride = stride;
  xj_paged_model_reload (self);
}

/* TRUE while the count or a page is being read. */
gboolean
xj_paged_model_get_loading (XjPagedModel *self)
{
  g_return_val_if_fail (XJ_IS_PAGED_MODEL (self), FALSE);

  return self->counting || g_hash_table_size (self->in_flight) > 0 || self->wanted->len > 0;
}

/* TRUE once pages far down are read from kept keys (for tests). */
gboolean
xj_paged_model_get_keyed (XjPagedModel *self)
{
  g_return_val_if_fail (XJ_IS_PAGED_MODEL (self), FALSE);

  return self->keys != NULL;
}

/* TRUE once the number of rows of the current query is known. */
gboolean
xj_paged_model_get_counted (XjPagedModel *self)
{
  g_return_val_if_fail (XJ_IS_PAGED_MODEL (self), FALSE);

  return self->counted && !self->counting;
}

/* Returns: (nullable): why the last count or page could not be read */
const GError *
xj_paged_model_get_error (XjPagedModel *self)
{
  g_return_val_if_fail (XJ_IS_PAGED_MODEL (self), NULL);

  return self->error;
}
