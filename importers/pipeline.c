/* pipeline.c: `docgraph import`: read, extract on all cores, store in input
 * order. Readers and the store run on the calling thread; extraction runs in
 * a GThreadPool. A bounded window of articles is in flight, so memory stays
 * flat however many articles come. */
#include "importers-private.h"

#include <string.h>

/* Articles stored per transaction: FTS5 writes one index segment per
 * transaction, and each commit costs a WAL frame header per page. */
#define BATCH_SIZE 1000

typedef struct {
  guint64 seq;        /* input order */
  DgArticle *article; /* owned */
  DgGraph *graph;     /* owned; NULL until extracted */
} Job;

typedef struct {
  DgStore *store;
  DgImportStats *stats;
  DgImportProgress progress;
  void (*on_error) (const GError *error, gpointer user_data);
  gpointer user_data;
  GThreadPool *pool;      /* NULL when extracting on this thread */
  guint window;           /* most jobs in flight */
  GMutex lock;
  GCond done_cond;
  GHashTable *done;       /* seq → Job, extracted and waiting to be stored */
  guint64 next_seq;       /* seq of the next job read */
  guint64 next_store;     /* seq of the next job to store */
  guint in_batch;         /* articles in the open transaction */
  GError *fatal;          /* a store error that stops the import */
  const char *current;    /* source of the input being read */
} Pipeline;

static void
job_free (Job *job)
{
  dg_article_unref (job->article);
  dg_graph_free (job->graph);
  g_free (job);
}

static void
report (Pipeline *p, const GError *error)
{
  p->stats->failed++;
  if (p->on_error)
    p->on_error (error, p->user_data);
}

static void
extract_job (gpointer data, gpointer user_data)
{
  Job *job = data;
  Pipeline *p = user_data;
  job->graph = dg_extract (job->article);
  /* Folding the text for search is the writer's biggest cost after SQLite;
   * it is done here, on all cores. */
  dg_article_fold_search (job->article);
  g_mutex_lock (&p->lock);
  g_hash_table_insert (p->done, &job->seq, job);
  g_cond_broadcast (&p->done_cond);
  g_mutex_unlock (&p->lock);
}

static void
store_job (Pipeline *p, Job *job)
{
  if (p->fatal)
    return;
  if (p->in_batch == 0 && !dg_store_begin (p->store, &p->fatal))
    return;
  GError *error = NULL;
  gboolean added = FALSE;
  if (!dg_store_add_article (p->store, job->article, job->graph, &added, &error))
    {
      report (p, error);
      g_error_free (error);
    }
  else if (added)
    {
      p->stats->added++;
      p->stats->nodes += dg_graph_n_nodes (job->graph);
      p->stats->edges += dg_graph_n_edges (job->graph);
    }
  else
    p->stats->unchanged++;
  p->stats->bytes += job->article->text_len;
  if (++p->in_batch >= BATCH_SIZE)
    {
      p->in_batch = 0;
      if (!dg_store_commit (p->store, &p->fatal))
        dg_store_rollback (p->store);
    }
  if (p->progress)
    p->progress (p->stats, dg_article_source (job->article), p->user_data);
}

/* Stores every finished job that is next in input order; with wait, blocks
 * until the in-flight count is under limit. */
static void
drain (Pipeline *p, guint limit)
{
  g_mutex_lock (&p->lock);
  for (;;)
    {
      Job *job = g_hash_table_lookup (p->done, &p->next_store);
      if (job)
        {
          g_hash_table_steal (p->done, &p->next_store);
          p->next_store++;
          g_mutex_unlock (&p->lock);
          store_job (p, job);
          job_free (job);
          g_mutex_lock (&p->lock);
          continue;
        }
      if (p->next_seq - p->next_store <= limit)
        break;
      g_cond_wait (&p->done_cond, &p->lock);
    }
  g_mutex_unlock (&p->lock);
}

static gboolean
on_article (DgArticle *article, DgGraph *graph, gpointer user_data)
{
  Pipeline *p = user_data;
  if (p->fatal)
    return FALSE;
  p->stats->articles++;
  Job *job = g_new0 (Job, 1);
  job->article = dg_article_ref (article);
  job->seq = p->next_seq++;
  gboolean has = FALSE;
  GError *error = NULL;
  if (!dg_store_has_article (p->store, dg_article_sha256 (article), &has, &error))
    {
      report (p, error);
      g_error_free (error);
    }
  if (graph)
    {
      /* The input carries its graph; keep a copy the job owns. */
      g_autoptr (JsonNode) json = dg_graph_to_json_full (graph, TRUE);
      job->graph = dg_graph_from_json (json, NULL);
    }
  if (job->graph || has || p->pool == NULL)
    {
      if (job->graph == NULL && !has)
        job->graph = dg_extract (article);
      if (job->graph == NULL)
        job->graph = dg_graph_new (article); /* known article: skip work */
      g_mutex_lock (&p->lock);
      g_hash_table_insert (p->done, &job->seq, job);
      g_mutex_unlock (&p->lock);
    }
  else
    g_thread_pool_push (p->pool, job, NULL);
  drain (p, p->window);
  return p->fatal == NULL;
}

static void
on_error (const GError *error, gpointer user_data)
{
  report (user_data, error);
}

gboolean
dg_import_run (DgStore *store, const char *const *paths, const char *format, guint threads,
               DgImportProgress progress,
               void (*error_cb) (const GError *error, gpointer user_data), gpointer user_data,
               DgImportStats *stats, GError **error)
{
  return dg_import_run_fields (store, paths, format, NULL, threads, progress, error_cb,
                               user_data, stats, error);
}

gboolean
dg_import_run_fields (DgStore *store, const char *const *paths, const char *format,
                      const char *fields, guint threads, DgImportProgress progress,
                      void (*error_cb) (const GError *error, gpointer user_data),
                      gpointer user_data, DgImportStats *stats, GError **error)
{
  g_return_val_if_fail (store != NULL && paths != NULL && stats != NULL, FALSE);
  memset (stats, 0, sizeof *stats);
  /* What the store had before: the summary counts what is new to it, not
   * what each article found again. */
  guint64 nodes_before, edges_before;
  if (!dg_store_count (store, &nodes_before, &edges_before, error))
    return FALSE;
  Pipeline p = { 0 };
  p.store = store;
  p.stats = stats;
  p.progress = progress;
  p.on_error = error_cb;
  p.user_data = user_data;
  if (threads == 0)
    threads = g_get_num_processors ();
  if (threads > 1)
    p.pool = g_thread_pool_new (extract_job, &p, (gint) threads, FALSE, NULL);
  p.window = threads * 8;
  g_mutex_init (&p.lock);
  g_cond_init (&p.done_cond);
  p.done = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) job_free);
  DgImportSink sink = { on_article, on_error, &p, fields };
  for (guint i = 0; paths[i] && p.fatal == NULL; i++)
    {
      GError *local = NULL;
      p.current = paths[i];
      stats->files++;
      if (!dg_import_path (paths[i], format, &sink, &local))
        {
          if (local->domain == DG_IMPORT_ERROR && local->code == DG_IMPORT_ERROR_FORMAT
              && format)
            {
              g_propagate_error (error, local);
              break;
            }
          report (&p, local);
          g_error_free (local);
        }
    }
  drain (&p, 0);
  if (p.pool)
    g_thread_pool_free (p.pool, FALSE, TRUE);
  drain (&p, 0);
  if (p.fatal == NULL && p.in_batch > 0 && !dg_store_commit (store, &p.fatal))
    dg_store_rollback (store);
  g_hash_table_unref (p.done);
  g_cond_clear (&p.done_cond);
  g_mutex_clear (&p.lock);
  if (p.fatal)
    {
      dg_store_rollback (store);
      if (error && *error == NULL)
        g_propagate_error (error, p.fatal);
      else
        g_error_free (p.fatal);
      return FALSE;
    }
  guint64 nodes_after, edges_after;
  if (!dg_store_count (store, &nodes_after, &edges_after, error))
    return FALSE;
  /* A merge between the counts could make fewer; never below zero. */
  stats->new_nodes = nodes_after > nodes_before ? nodes_after - nodes_before : 0;
  stats->new_edges = edges_after > edges_before ? edges_after - edges_before : 0;
  return error == NULL || *error == NULL;
}
