/* src/sql/citus_shards.sql -- the tables a Citus shard stands for and sits beside */

-- On a Citus cluster the triggers of a distributed or reference table fire
-- on its shards (tables named <table>_<shard id> beside it, one per node
-- for a reference table), not on the table: what a trigger records names
-- the table the shard belongs to, and what it writes goes to the shard of
-- the other table on the same node, so that every node's copy of a
-- reference table changes alike.  Without Citus nothing is a shard.
CREATE FUNCTION fms.distributed_table_of(shard pg_catalog.regclass) RETURNS pg_catalog.regclass
	AS 'MODULE_PATHNAME', 'fms_distributed_table_of'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.distributed_table_of(pg_catalog.regclass) IS 'the distributed or reference table a Citus shard belongs to (pg_dist_shard), NULL when the relation is not a shard (always, without Citus)';

CREATE FUNCTION fms.colocated_shard(tbl pg_catalog.regclass, beside pg_catalog.regclass) RETURNS pg_catalog.regclass
	AS 'MODULE_PATHNAME', 'fms_colocated_shard_of'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.colocated_shard(pg_catalog.regclass, pg_catalog.regclass) IS 'the shard of a table that Citus keeps on the same node as the shard "beside" (a reference table''s shard, or the one of the same hash range); the table itself when "beside" is not a shard';
