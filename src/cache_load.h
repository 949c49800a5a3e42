/*-------------------------------------------------------------------------
 * cache_load.h
 *	  How the per-backend caches of fms read their tables; see cache_load.c.
 *
 * IDENTIFICATION
 *	  src/cache_load.h
 *-------------------------------------------------------------------------
 */
#ifndef FMS_CACHE_LOAD_H
#define FMS_CACHE_LOAD_H

#include "postgres.h"

#include "access/htup.h"
#include "access/tupdesc.h"
#include "utils/inval.h"

typedef struct CacheLoad
{
	Oid			save_userid;
	int			save_sec_context;
	int			save_nestlevel;
} CacheLoad;

/* The owner of schema fms, as whom fms reads its caches and writes what it keeps. */
extern Oid fms_schema_owner(void);

/* Connect to SPI and act as the owner of schema fms, with a fixed search_path. */
extern void cache_load_begin(CacheLoad *load);

/*
 * Run a read-only query of the load on one table of schema fms, named by
 * the "%s" of sql_format (on a Citus cluster, this node's shard of it: a
 * load may run inside a query on a shard, which may not start a
 * distributed one); results in SPI_tuptable/SPI_processed.
 */
extern void cache_load_query(const char *sql_format, const char *table_name);

/* Back to the caller's identity; disconnect from SPI. */
extern void cache_load_end(CacheLoad *load);

/* Reads a cache's tables, allocating what it keeps in memory. */
typedef void (*CacheLoader) (MemoryContext memory);

/*
 * Load a cache into a new memory context under CacheMemoryContext and
 * return it: set *valid, call load within cache_load_begin/end, and again
 * while an invalidation that arrived during the load cleared *valid.  A
 * cache loaded while a parallel operation forbids the latest snapshot is
 * marked invalid again when the transaction ends.  On error the context is
 * deleted, *valid is false, and the error goes on.  The caller swaps the
 * context in for the cache's old one.
 */
extern MemoryContext cache_load_into(const char *name, bool *valid, CacheLoader load);

/*
 * Call callback, as a relcache callback would be, on every relcache
 * invalidation: register it once per backend.
 */
extern void cache_on_relation_change(RelcacheCallbackFunction callback);

/* Column attnum of a loaded row as text copied into memory; NULL if null. */
extern char *cache_load_text(HeapTuple tuple, TupleDesc desc, int attnum, MemoryContext memory);

/* Column attnum of a loaded row, an int4 or date; if_null if null. */
extern int32 cache_load_int(HeapTuple tuple, TupleDesc desc, int attnum, int32 if_null);

#endif							/* FMS_CACHE_LOAD_H */
