/*-------------------------------------------------------------------------
 * log_seal.c
 *	  fms.transition_log_hash(entry): the SHA-256 seal of a transition log
 *	  entry (of fms.transition_log or fms.row_transition_log), over its content and the seal of the entry written before it
 *	  for the same governed row (previous_hash).  Each governed row's
 *	  entries so form a chain: an entry edited, inserted or deleted behind
 *	  the log's guard breaks it (fms.verify_transition_log() lists the
 *	  breaks).
 *
 * What is hashed must read the same after a dump and restore, whatever the
 * session's settings: dates and times go in as their internal numbers (not
 * as text, which DateStyle and TimeZone shape), texts as their bytes.  The
 * table is left out: a chain is the entries of one table's row, and a
 * governed table renamed or dropped must leave its chains verifiable.  Each
 * field is framed (a NULL flag, then a length), so no two entries serialize
 * alike.  The hash is PostgreSQL's own SHA-256.
 *
 * IDENTIFICATION
 *	  src/log_seal.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/cryptohash.h"
#include "common/sha2.h"
#include "executor/executor.h"
#include "lib/stringinfo.h"
#include "port/pg_bswap.h"
#include "utils/builtins.h"
#include "utils/typcache.h"

#include "fms.h"
#include "log_seal.h"

typedef enum FieldKind
{
	FIELD_INT8,
	FIELD_INT4,					/* date, case_id */
	FIELD_TEXT,
	FIELD_BYTEA
} FieldKind;

typedef struct SealedField
{
	const char *name;
	FieldKind	kind;
	bool		optional;		/* sealed as NULL in a log without it */
} SealedField;

/*
 * The columns of the logs sealed, in SealedColumn order.  (An entry of
 * fms.row_transition_log has no case, and seals as an entry of
 * fms.transition_log without one did before the logs were two.)
 */
static const SealedField sealed_fields[SEALED_COLUMNS] = {
	{"id", FIELD_INT8, false},
	{"row_key", FIELD_TEXT, false},
	{"case_id", FIELD_INT4, true},
	{"machine", FIELD_TEXT, false},
	{"from_state", FIELD_TEXT, false},
	{"to_state", FIELD_TEXT, false},
	{"effective_on", FIELD_INT4, false},
	{"recorded_at", FIELD_INT8, false},
	{"actor", FIELD_TEXT, false},
	{"reason", FIELD_TEXT, false},
	{"db_user", FIELD_TEXT, false},
	{"previous_hash", FIELD_BYTEA, false},
};

static void
append_uint32(StringInfo buf, uint32 value)
{
	uint32		big = pg_hton32(value);

	appendBinaryStringInfo(buf, (const char *) &big, sizeof(big));
}

static void
append_bytes(StringInfo buf, const char *data, int len)
{
	append_uint32(buf, (uint32) len);
	appendBinaryStringInfo(buf, data, len);
}

static void
append_field(StringInfo buf, FieldKind kind, Datum value)
{
	switch (kind)
	{
		case FIELD_INT8:
			{
				uint64		n = (uint64) DatumGetInt64(value);

				append_uint32(buf, (uint32) (n >> 32));
				append_uint32(buf, (uint32) n);
				break;
			}
		case FIELD_INT4:
			append_uint32(buf, (uint32) DatumGetInt32(value));
			break;
		case FIELD_TEXT:
		case FIELD_BYTEA:
			{
				struct varlena *v = PG_DETOAST_DATUM_PACKED(value);

				append_bytes(buf, VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v));
				break;
			}
	}
}

/*
 * The entry's columns have the storage each field is read with (the row
 * type is a log's, but a superuser could have altered it); present[i] says
 * whether an optional field's column is there.
 */
static void
check_entry_type(HeapTupleHeader entry, bool *present)
{
	TupleDesc	desc = lookup_rowtype_tupdesc(HeapTupleHeaderGetTypeId(entry), HeapTupleHeaderGetTypMod(entry));
	int			i;

	for (i = 0; i < SEALED_COLUMNS; i++)
	{
		int			attnum;
		Form_pg_attribute attr = NULL;
		bool		fits;

		for (attnum = 0; attnum < desc->natts; attnum++)
		{
			if (!TupleDescAttr(desc, attnum)->attisdropped &&
				strcmp(NameStr(TupleDescAttr(desc, attnum)->attname), sealed_fields[i].name) == 0)
				attr = TupleDescAttr(desc, attnum);
		}
		present[i] = attr != NULL;
		if (attr == NULL && sealed_fields[i].optional)
			continue;
		switch (sealed_fields[i].kind)
		{
			case FIELD_INT8:
				fits = attr && attr->attlen == 8 && attr->attbyval;
				break;
			case FIELD_INT4:
				fits = attr && attr->attlen == 4 && attr->attbyval;
				break;
			default:
				fits = attr && attr->attlen == -1;
				break;
		}
		if (!fits)
		{
			ReleaseTupleDesc(desc);
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("fms.transition_log_hash() needs an entry of fms.transition_log or fms.row_transition_log"),
					 errdetail("Its column \"%s\" is missing or of another type.", sealed_fields[i].name)));
		}
	}
	ReleaseTupleDesc(desc);
}

bytea *
transition_log_seal(const Datum *values, const bool *isnull)
{
	StringInfoData buf;
	pg_cryptohash_ctx *ctx;
	bytea	   *result;
	int			i;

	initStringInfo(&buf);
	appendStringInfoString(&buf, "fms.transition_log v1");
	for (i = 0; i < SEALED_COLUMNS; i++)
	{
		appendStringInfoChar(&buf, isnull[i] ? 'N' : 'V');
		if (!isnull[i])
			append_field(&buf, sealed_fields[i].kind, values[i]);
	}

	result = palloc(VARHDRSZ + PG_SHA256_DIGEST_LENGTH);
	SET_VARSIZE(result, VARHDRSZ + PG_SHA256_DIGEST_LENGTH);
	ctx = pg_cryptohash_create(PG_SHA256);
	if (pg_cryptohash_init(ctx) < 0 ||
		pg_cryptohash_update(ctx, (const uint8 *) buf.data, buf.len) < 0 ||
		pg_cryptohash_final(ctx, (uint8 *) VARDATA(result), PG_SHA256_DIGEST_LENGTH) < 0)
		elog(ERROR, "could not compute the SHA-256 of a transition log entry: %s", pg_cryptohash_error(ctx));
	pg_cryptohash_free(ctx);
	pfree(buf.data);
	return result;
}

PG_FUNCTION_INFO_V1(fms_transition_log_hash);
Datum
fms_transition_log_hash(PG_FUNCTION_ARGS)
{
	HeapTupleHeader entry = PG_GETARG_HEAPTUPLEHEADER(0);
	Datum		values[SEALED_COLUMNS];
	bool		isnull[SEALED_COLUMNS];
	bool		present[SEALED_COLUMNS];
	int			i;

	check_entry_type(entry, present);
	for (i = 0; i < SEALED_COLUMNS; i++)
	{
		values[i] = (Datum) 0;
		isnull[i] = true;
		if (present[i])
			values[i] = GetAttributeByName(entry, sealed_fields[i].name, &isnull[i]);
	}
	PG_RETURN_BYTEA_P(transition_log_seal(values, isnull));
}
