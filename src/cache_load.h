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

#endif							/* FMS_CACHE_LOAD_H */
