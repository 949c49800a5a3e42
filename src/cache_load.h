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

typedef struct CacheLoad
{
	Oid			save_userid;
	int			save_sec_context;
	int			save_nestlevel;
} CacheLoad;

/* Connect to SPI and act as the owner of schema fms, with a fixed search_path. */
extern void cache_load_begin(CacheLoad *load);

/* Run a read-only query of the load; results in SPI_tuptable/SPI_processed. */
extern void cache_load_query(const char *sql);

/* Back to the caller's identity; disconnect from SPI. */
extern void cache_load_end(CacheLoad *load);

/*
 * Register a cache's validity flag: a cache loaded while a parallel
 * operation forbids the latest snapshot is dropped when the transaction ends.
 */
extern void cache_load_note_transient(bool *valid_flag);

/* Column attnum of a loaded row as text copied into memory; NULL if null. */
extern char *cache_load_text(HeapTuple tuple, TupleDesc desc, int attnum, MemoryContext memory);

/* Column attnum of a loaded row, an int4 or date; if_null if null. */
extern int32 cache_load_int(HeapTuple tuple, TupleDesc desc, int attnum, int32 if_null);

#endif							/* FMS_CACHE_LOAD_H */
