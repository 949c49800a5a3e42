/*-------------------------------------------------------------------------
 * citus_shard.h
 *	  Which distributed table a relation is a shard of, on a Citus cluster.
 *
 * IDENTIFICATION
 *	  src/citus_shard.h
 *-------------------------------------------------------------------------
 */
#ifndef CITUS_SHARD_H
#define CITUS_SHARD_H

/* The table a relation is a Citus shard of, or InvalidOid. */
extern Oid	fms_shard_table(Oid relid);
/*
 * The shard of a table that Citus keeps beside a shard of another (on the
 * same node, for the same hash range), or the table itself when "beside"
 * is not a shard.
 */
extern Oid	fms_colocated_shard(Oid table, Oid beside);
/*
 * This node's shard of a reference table (which a query running on a shard
 * may read, where it may not start a distributed query), or the table.
 */
extern Oid	fms_local_shard(Oid table);

#endif							/* CITUS_SHARD_H */
