/*-------------------------------------------------------------------------
 * citus_shard.c
 *	  Which distributed table a relation is a shard of, on a Citus cluster.
 *
 * Citus keeps a distributed or reference table's rows in shards, tables
 * named <table>_<shard id> beside it, and runs the table's triggers on the
 * shards, never on the table itself.  A trigger of fms that names its table
 * (in the log, in a cache invalidation, in a remembered deletion) must name
 * the logical table, and one that writes another table must write the
 * shard of it on the same node, which Citus keeps beside its own: a
 * reference table's single shard, or the shard of the same hash range.
 * Citus's catalog pg_dist_shard, on every node that has its metadata, says
 * which is which; without Citus it does not exist and nothing is a shard.
 *
 * Read without Citus's headers: the catalog is found by name and read
 * column by column.  While Citus creates a table's shards, the connections
 * it copies the rows over do not see the catalog rows yet: there a table
 * named as a shard of the table beside it is taken for one.  What a
 * relation is a shard of is cached per backend (the triggers ask at every
 * row), when it is known for sure, and forgotten when the relation changes.
 *
 * IDENTIFICATION
 *	  src/citus_shard.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <ctype.h>

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/guc.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

#include "cache_load.h"
#include "citus_shard.h"
#include "fms.h"

typedef struct ShardEntry
{
	Oid			relid;			/* hash key */
	Oid			table;			/* the table it is a shard of, or InvalidOid */
	int64		shard_id;
} ShardEntry;

/* How Citus names the connections it opens between nodes. */
#define CITUS_INTERNAL_APPLICATION_PREFIX "citus_internal gpid="

static HTAB *shard_entries = NULL;

static void
forget_shard(Datum arg, Oid relid)
{
	HASH_SEQ_STATUS status;
	ShardEntry *entry;

	if (shard_entries == NULL)
		return;
	if (OidIsValid(relid))
	{
		hash_search(shard_entries, &relid, HASH_REMOVE, NULL);
		return;
	}
	hash_seq_init(&status, shard_entries);
	while ((entry = hash_seq_search(&status)) != NULL)
		hash_search(shard_entries, &entry->relid, HASH_REMOVE, NULL);
}

/* Citus's pg_dist_shard, or InvalidOid without Citus. */
static Oid
dist_shard_relid(void)
{
	return get_relname_relid("pg_dist_shard", PG_CATALOG_NAMESPACE);
}

/* The columns fms reads, with their types as Citus 11 to 13 define them. */
static AttrNumber
dist_shard_column(Relation dist_shard, const char *name)
{
	Oid			type = strcmp(name, "logicalrelid") == 0 ? REGCLASSOID :
		strcmp(name, "shardid") == 0 ? INT8OID : TEXTOID;
	AttrNumber	attnum = get_attnum(RelationGetRelid(dist_shard), name);

	if (attnum == InvalidAttrNumber ||
		TupleDescAttr(RelationGetDescr(dist_shard), attnum - 1)->atttypid != type)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("pg_catalog.pg_dist_shard has no column \"%s\" of type %s", name, format_type_be(type)),
				 errdetail("fms reads Citus's shard catalog as Citus 11 to 13 define it.")));
	return attnum;
}

/*
 * The rows of pg_dist_shard whose column equals a value, handed one by one
 * to a callback until it returns true.  A sequential scan: the catalog
 * holds a row per shard, and the answers are cached.
 */
typedef bool (*ShardRowVisitor) (Relation dist_shard, HeapTuple row, void *state);

static void
scan_dist_shard(Oid relid, const char *column, RegProcedure eq, Datum value,
				ShardRowVisitor visit, void *state)
{
	Relation	dist_shard = table_open(relid, AccessShareLock);
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	row;

	ScanKeyInit(&key, dist_shard_column(dist_shard, column), BTEqualStrategyNumber, eq, value);
	scan = systable_beginscan(dist_shard, InvalidOid, false, NULL, 1, &key);
	while (HeapTupleIsValid(row = systable_getnext(scan)))
		if (visit(dist_shard, row, state))
			break;
	systable_endscan(scan);
	table_close(dist_shard, AccessShareLock);
}

static Datum
dist_shard_value(Relation dist_shard, HeapTuple row, const char *column, bool *isnull)
{
	return heap_getattr(row, dist_shard_column(dist_shard, column), RelationGetDescr(dist_shard), isnull);
}

typedef struct ShardOwner
{
	Oid			candidate;		/* the table the shard's name points to */
	bool		found;
} ShardOwner;

static bool
is_owned_by_candidate(Relation dist_shard, HeapTuple row, void *state)
{
	ShardOwner *owner = (ShardOwner *) state;
	bool		isnull;
	Datum		table = dist_shard_value(dist_shard, row, "logicalrelid", &isnull);

	owner->found = !isnull && DatumGetObjectId(table) == owner->candidate;
	return owner->found;
}

/*
 * The table a relation is a shard of: its name must be a table's beside it
 * followed by "_" and the shard's id, and pg_dist_shard must say so, or the
 * backend must be one Citus is creating shards over.  *certain says whether
 * the answer may be cached.
 */
static Oid
look_up_shard(Oid relid, int64 *shard_id, bool *certain)
{
	Oid			dist_shard = dist_shard_relid();
	char	   *name;
	char	   *underscore;
	char	   *digit;
	ShardOwner	owner = {InvalidOid, false};

	*certain = true;
	if (!OidIsValid(dist_shard) || (name = get_rel_name(relid)) == NULL)
		return InvalidOid;
	underscore = strrchr(name, '_');
	if (underscore == NULL || underscore == name || underscore[1] == '\0' || strlen(underscore + 1) > 18)
		return InvalidOid;
	for (digit = underscore + 1; *digit != '\0'; digit++)
		if (!isdigit((unsigned char) *digit))
			return InvalidOid;
	*shard_id = strtoi64(underscore + 1, NULL, 10);
	*underscore = '\0';
	owner.candidate = get_relname_relid(name, get_rel_namespace(relid));
	if (!OidIsValid(owner.candidate))
		return InvalidOid;
	scan_dist_shard(dist_shard, "shardid", F_INT8EQ, Int64GetDatum(*shard_id), is_owned_by_candidate, &owner);
	if (owner.found)
		return owner.candidate;
	*certain = false;
	if (application_name != NULL &&
		strncmp(application_name, CITUS_INTERNAL_APPLICATION_PREFIX, strlen(CITUS_INTERNAL_APPLICATION_PREFIX)) == 0)
		return owner.candidate;
	return InvalidOid;
}

static ShardEntry *
shard_entry(Oid relid)
{
	ShardEntry *entry;
	bool		found;
	bool		certain;
	Oid			table;
	int64		shard_id = 0;
	static ShardEntry uncertain;

	if (shard_entries == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(Oid);
		ctl.entrysize = sizeof(ShardEntry);
		shard_entries = hash_create("fms shards", 64, &ctl, HASH_ELEM | HASH_BLOBS);
		cache_on_relation_change(forget_shard);
	}
	entry = hash_search(shard_entries, &relid, HASH_FIND, NULL);
	if (entry != NULL)
		return entry;
	/* looked up before the entry is made: an error leaves no half entry */
	table = look_up_shard(relid, &shard_id, &certain);
	entry = certain ? hash_search(shard_entries, &relid, HASH_ENTER, &found) : &uncertain;
	entry->relid = relid;
	entry->table = table;
	entry->shard_id = shard_id;
	return entry;
}

Oid
fms_shard_table(Oid relid)
{
	return shard_entry(relid)->table;
}

typedef struct ShardRange
{
	bool		found;
	bool		min_isnull;
	char	   *min_value;		/* the hash range's lower end; NULL for a reference table */
} ShardRange;

static bool
read_range(Relation dist_shard, HeapTuple row, void *state)
{
	ShardRange *range = (ShardRange *) state;
	Datum		min = dist_shard_value(dist_shard, row, "shardminvalue", &range->min_isnull);

	range->found = true;
	if (!range->min_isnull)
		range->min_value = TextDatumGetCString(min);
	return true;
}

typedef struct Neighbour
{
	const ShardRange *beside;
	int64		shard_id;
	bool		found;
} Neighbour;

static bool
is_in_same_range(Relation dist_shard, HeapTuple row, void *state)
{
	Neighbour  *neighbour = (Neighbour *) state;
	bool		isnull;
	Datum		min = dist_shard_value(dist_shard, row, "shardminvalue", &isnull);
	Datum		id;

	if (isnull != neighbour->beside->min_isnull ||
		(!isnull && strcmp(TextDatumGetCString(min), neighbour->beside->min_value) != 0))
		return false;
	id = dist_shard_value(dist_shard, row, "shardid", &isnull);
	neighbour->found = !isnull;
	neighbour->shard_id = DatumGetInt64(id);
	return neighbour->found;
}

Oid
fms_colocated_shard(Oid table, Oid beside)
{
	/* copied: reading the catalog may take invalidations, which drop entries */
	ShardEntry	entry = *shard_entry(beside);
	ShardRange	range = {false, true, NULL};
	Neighbour	neighbour = {&range, 0, false};
	Oid			dist_shard = dist_shard_relid();
	char	   *name;
	char	   *shard_name;
	Oid			shard;

	if (!OidIsValid(entry.table))
		return table;
	/* a reference table's one shard is beside every shard */
	shard = fms_local_shard(table);
	if (shard != table)
		return shard;
	scan_dist_shard(dist_shard, "shardid", F_INT8EQ, Int64GetDatum(entry.shard_id), read_range, &range);
	if (range.found)
		scan_dist_shard(dist_shard, "logicalrelid", F_OIDEQ, ObjectIdGetDatum(table), is_in_same_range, &neighbour);
	name = get_rel_name(table);
	if (!neighbour.found || name == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("table %s has no shard beside shard %s", name ? name : "?", get_rel_name(beside)),
				 errdetail("A trigger of a distributed table writes the shard of the other table that Citus keeps on the same node."),
				 errhint("Make %s a reference table, or distribute it co-located with %s (see the README, Citus).",
						 name ? name : "?", get_rel_name(entry.table))));
	shard_name = psprintf("%s_" INT64_FORMAT, name, neighbour.shard_id);
	shard = get_relname_relid(shard_name, get_rel_namespace(table));
	if (!OidIsValid(shard))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("shard %s of table %s is not on this node", shard_name, name),
				 errdetail("Citus places the shards of co-located tables on the same node; this one is elsewhere."),
				 errhint("Re-create the co-location of %s with %s.", name, get_rel_name(entry.table))));
	return shard;
}

typedef struct OnlyShard
{
	int			count;
	bool		min_isnull;
	int64		shard_id;
} OnlyShard;

static bool
count_shard(Relation dist_shard, HeapTuple row, void *state)
{
	OnlyShard  *only = (OnlyShard *) state;
	bool		isnull;
	Datum		id = dist_shard_value(dist_shard, row, "shardid", &isnull);

	(void) dist_shard_value(dist_shard, row, "shardminvalue", &only->min_isnull);
	only->shard_id = isnull ? 0 : DatumGetInt64(id);
	return ++only->count > 1;
}

Oid
fms_local_shard(Oid table)
{
	Oid			dist_shard = dist_shard_relid();
	OnlyShard	only = {0, false, 0};
	char	   *name;
	Oid			shard;

	if (!OidIsValid(dist_shard))
		return table;
	scan_dist_shard(dist_shard, "logicalrelid", F_OIDEQ, ObjectIdGetDatum(table), count_shard, &only);
	if (only.count != 1 || !only.min_isnull || (name = get_rel_name(table)) == NULL)
		return table;
	shard = get_relname_relid(psprintf("%s_" INT64_FORMAT, name, only.shard_id), get_rel_namespace(table));
	return OidIsValid(shard) ? shard : table;
}

PG_FUNCTION_INFO_V1(fms_distributed_table_of);
Datum
fms_distributed_table_of(PG_FUNCTION_ARGS)
{
	Oid			table = fms_shard_table(PG_GETARG_OID(0));

	if (!OidIsValid(table))
		PG_RETURN_NULL();
	PG_RETURN_OID(table);
}

PG_FUNCTION_INFO_V1(fms_colocated_shard_of);
Datum
fms_colocated_shard_of(PG_FUNCTION_ARGS)
{
	PG_RETURN_OID(fms_colocated_shard(PG_GETARG_OID(0), PG_GETARG_OID(1)));
}
