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
 */
#define G_LOG_DOMAIN "xj-paged-model"

#include "config.h"

#include "xj-paged-model-private.h"

#define DEFAULT_PAGE_SIZE 50
/* Pages read at the same time, and pages waiting to be read: scrolling
 * fast through a long list wants many pages, of which only the last few
 * are still on screen. */
#define MAX_IN_FLIGHT 2
#define MAX_WANTED 8

struct _XjPagedModel
{
  GObject              parent_instance;

  char                *db_path;
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

typedef struct {
  char                *db_path;
  const XjPagedSource *source;
  gpointer             query;
  guint                serial;
  guint                page;         /* G_MAXUINT: the count */
  guint                offset;
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
  g_free (job->db_path);
  job->source->free_query (job->query);
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
  sqlite3 *db;

  if (g_task_return_error_if_cancelled (task))
    return;
  db = xj_store_open_connection (job->db_path, TRUE, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->page == G_MAXUINT)
    {
      if (job->source->count (db, job->query, &job->n_items, cancellable, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
    }
  else
    {
      GPtrArray *rows = job->source->read (db, job->query, job->offset, job->limit, cancellable,
                                           &error);

      if (rows != NULL)
        g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
      else
        g_task_return_error (task, error);
    }
  sqlite3_close (db);
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
         guint         page)
{
  Job *job = g_new0 (Job, 1);

  g_atomic_int_inc (&n_jobs);
  job->db_path = g_strdup (self->db_path);
  job->source = self->source;
  job->query = self->source->copy_query (self->query);
  job->serial = self->serial;
  job->page = page;
  job->offset = page == G_MAXUINT ? 0 : page * self->page_size;
  job->limit = self->page_size;
  return job;
}

static void
start_page (XjPagedModel *self,
            guint         page)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, on_page_read_cb, g_object_ref (self));

  g_hash_table_add (self->in_flight, GUINT_TO_POINTER (page));
  g_task_set_source_tag (task, start_page);
  g_task_set_task_data (task, job_new (self, page), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
}

/* Starts the most recently wanted pages while fewer than MAX_IN_FLIGHT run. */
static void
start_wanted (XjPagedModel *self)
{
  while (self->wanted->len > 0 && g_hash_table_size (self->in_flight) < MAX_IN_FLIGHT)
    {
      guint page = g_array_index (self->wanted, guint, self->wanted->len - 1);

      g_array_set_size (self->wanted, self->wanted->len - 1);
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
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->serial++;
  self->counting = TRUE;
  g_clear_error (&self->error);
  g_hash_table_remove_all (self->in_flight);
  g_hash_table_remove_all (self->placeholders);
  g_array_set_size (self->wanted, 0);

  task = g_task_new (NULL, self->cancellable, on_counted_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_count);
  g_task_set_task_data (task, job_new (self, G_MAXUINT), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
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
  g_free (self->db_path);
  g_hash_table_unref (self->pages);
  g_hash_table_unref (self->placeholders);
  g_hash_table_unref (self->in_flight);
  g_array_unref (self->wanted);
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
  self->db_path = g_strdup (xj_store_get_db_path (store));
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

/* TRUE while the count or a page is being read. */
gboolean
xj_paged_model_get_loading (XjPagedModel *self)
{
  g_return_val_if_fail (XJ_IS_PAGED_MODEL (self), FALSE);

  return self->counting || g_hash_table_size (self->in_flight) > 0 || self->wanted->len > 0;
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

/* --- for sources ---------------------------------------------------------- */

/* Virtual machine steps between two looks at the cancellable. */
#define CANCEL_CHECK_STEPS 4000

static int
on_progress_cb (void *user_data)
{
  /* Non-zero interrupts the statement. */
  return g_cancellable_is_cancelled (user_data);
}

sqlite3_stmt *
xj_paged_prepare (sqlite3     *db,
                  const char  *sql,
                  const char  *context,
                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      xj_store_set_sqlite_error (error, db, rc, context);
      return NULL;
    }
  return stmt;
}

static int
step_all (sqlite3       *db,
          sqlite3_stmt  *stmt,
          XjPagedRowFunc from_row,
          GPtrArray     *rows,
          guint         *count,
          GCancellable  *cancellable)
{
  int rc;

  if (cancellable != NULL)
    sqlite3_progress_handler (db, CANCEL_CHECK_STEPS, on_progress_cb, cancellable);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (rows != NULL)
        g_ptr_array_add (rows, from_row (stmt));
      else
        *count = (guint) sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_progress_handler (db, 0, NULL, NULL);
  return rc;
}

/**
 * xj_paged_read_rows:
 * @stmt: (transfer full): prepared and bound
 *
 * Returns: (transfer full) (element-type XjRecord): the rows, or %NULL
 * with @error set (G_IO_ERROR_CANCELLED when cancelled)
 */
GPtrArray *
xj_paged_read_rows (sqlite3         *db,
                    sqlite3_stmt    *stmt,
                    XjPagedRowFunc   from_row,
                    GCancellable    *cancellable,
                    const char      *context,
                    GError         **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  int rc = step_all (db, stmt, from_row, rows, NULL, cancellable);

  sqlite3_finalize (stmt);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, db, rc, context);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/**
 * xj_paged_count_rows:
 * @stmt: (transfer full): prepared and bound; its one row's first column
 *   is the count
 */
gboolean
xj_paged_count_rows (sqlite3       *db,
                     sqlite3_stmt  *stmt,
                     guint         *n_items,
                     GCancellable  *cancellable,
                     const char    *context,
                     GError       **error)
{
  int rc;

  *n_items = 0;
  rc = step_all (db, stmt, NULL, NULL, n_items, cancellable);
  sqlite3_finalize (stmt);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (rc != SQLITE_DONE)
    {
      xj_store_set_sqlite_error (error, db, rc, context);
      return FALSE;
    }
  return TRUE;
}
