/*-------------------------------------------------------------------------
 * notification_fmgr.c
 *	  fms.notification_requirement(): the AECA notification a sale needs,
 *	  judged as of a date, from a per-backend cache of the rule tables.
 *
 * The cache holds fms.notification_rules, the country groups and their
 * memberships, and the ISO country codes; it is rebuilt after a change to
 * any of them (their statement triggers send a relcache invalidation).
 *
 * IDENTIFICATION
 *	  src/notification_fmgr.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

#include "cache_load.h"
#include "fms.h"
#include "notification.h"
#include "transmittal.h"
#include "usml.h"

typedef struct Membership
{
	int			group;
	char		country[3];
	int32		valid_from;
	int32		valid_to;
} Membership;

typedef struct RuleCache
{
	MemoryContext memory;
	NotificationRule *rules;
	int			nrules;
	char	  **groups;			/* group codes; rules and memberships index them */
	int			ngroups;
	Membership *members;
	int			nmembers;
	char	  **countries;		/* sorted ISO codes */
	int			ncountries;
	Oid			relids[4];
} RuleCache;

static RuleCache rule_cache;
static bool rule_cache_valid = false;
static bool callback_registered = false;

static void
invalidate_rule_cache(Datum arg, Oid relid)
{
	int			i;

	for (i = 0; i < 4; i++)
		if (relid == InvalidOid || relid == rule_cache.relids[i])
			rule_cache_valid = false;
}

static int
find_group(const RuleCache *c, const char *code)
{
	int			g;

	for (g = 0; g < c->ngroups; g++)
		if (strcmp(c->groups[g], code) == 0)
			return g;
	return -1;
}

static void
load_rules(MemoryContext memory)
{
	SPITupleTable *t;
	uint64		i;

	/* Days as numbers from 2000-01-01, like DateADT. */
	cache_load_query("SELECT group_code FROM %s ORDER BY group_code", "country_groups");
	t = SPI_tuptable;
	rule_cache.ngroups = (int) SPI_processed;
	rule_cache.groups = MemoryContextAlloc(memory, sizeof(char *) * Max(SPI_processed, 1));
	for (i = 0; i < SPI_processed; i++)
		rule_cache.groups[i] = cache_load_text(t->vals[i], t->tupdesc, 1, memory);

	cache_load_query("SELECT group_code, country_code, valid_from OPERATOR(pg_catalog.-) '2000-01-01'::pg_catalog.date, "
					 "valid_to OPERATOR(pg_catalog.-) '2000-01-01'::pg_catalog.date FROM %s", "country_group_members");
	t = SPI_tuptable;
	rule_cache.nmembers = (int) SPI_processed;
	rule_cache.members = MemoryContextAllocZero(memory, sizeof(Membership) * Max(SPI_processed, 1));
	for (i = 0; i < SPI_processed; i++)
	{
		Membership *m = &rule_cache.members[i];

		m->group = find_group(&rule_cache, SPI_getvalue(t->vals[i], t->tupdesc, 1));
		strlcpy(m->country, SPI_getvalue(t->vals[i], t->tupdesc, 2), sizeof(m->country));
		m->valid_from = cache_load_int(t->vals[i], t->tupdesc, 3, PG_INT32_MIN);
		m->valid_to = cache_load_int(t->vals[i], t->tupdesc, 4, PERIOD_OPEN_END);
	}

	/* Thresholds as whole cents, rounded down (a CHECK keeps them whole cents). */
	cache_load_query("SELECT rule_code, program, section, country_group, measure, "
					 "pg_catalog.floor(threshold_usd OPERATOR(pg_catalog.*) 100)::pg_catalog.int8, "
					 "review_days, informal_review_days, "
					 "valid_from OPERATOR(pg_catalog.-) '2000-01-01'::pg_catalog.date, "
					 "valid_to OPERATOR(pg_catalog.-) '2000-01-01'::pg_catalog.date "
					 "FROM %s ORDER BY rule_code, valid_from", "notification_rules");
	t = SPI_tuptable;
	rule_cache.nrules = (int) SPI_processed;
	rule_cache.rules = MemoryContextAllocZero(memory, sizeof(NotificationRule) * Max(SPI_processed, 1));
	for (i = 0; i < SPI_processed; i++)
	{
		NotificationRule *r = &rule_cache.rules[i];
		char	   *group = SPI_getvalue(t->vals[i], t->tupdesc, 4);
		char	   *measure = SPI_getvalue(t->vals[i], t->tupdesc, 5);
		bool		isnull;
		int			m;

		r->code = cache_load_text(t->vals[i], t->tupdesc, 1, memory);
		r->program = cache_load_text(t->vals[i], t->tupdesc, 2, memory);
		r->section = cache_load_text(t->vals[i], t->tupdesc, 3, memory);
		r->group = group ? find_group(&rule_cache, group) : -1;
		for (m = 0; m < MEASURE_COUNT; m++)
			if (strcmp(measure, sale_measure_names[m]) == 0)
				r->measure = (SaleMeasure) m;
		r->threshold_cents = DatumGetInt64(SPI_getbinval(t->vals[i], t->tupdesc, 6, &isnull));
		r->review_days = cache_load_int(t->vals[i], t->tupdesc, 7, 0);
		r->informal_review_days = cache_load_int(t->vals[i], t->tupdesc, 8, -1);
		r->valid_from = cache_load_int(t->vals[i], t->tupdesc, 9, PG_INT32_MIN);
		r->valid_to = cache_load_int(t->vals[i], t->tupdesc, 10, PERIOD_OPEN_END);
	}

	cache_load_query("SELECT country_code FROM %s ORDER BY country_code COLLATE \"C\"", "countries");
	t = SPI_tuptable;
	rule_cache.ncountries = (int) SPI_processed;
	rule_cache.countries = MemoryContextAlloc(memory, sizeof(char *) * Max(SPI_processed, 1));
	for (i = 0; i < SPI_processed; i++)
		rule_cache.countries[i] = cache_load_text(t->vals[i], t->tupdesc, 1, memory);
}

/* Read the rules, groups, memberships and country codes (a CacheLoader). */
static void
load_rule_tables(MemoryContext memory)
{
	static const char *const tables[4] = {
		"notification_rules", "country_groups", "country_group_members", "countries"
	};
	Oid			nsp = get_namespace_oid("fms", false);
	int			i;

	for (i = 0; i < 4; i++)
		rule_cache.relids[i] = get_relname_relid(tables[i], nsp);
	load_rules(memory);
}

static const RuleCache *
get_rule_cache(void)
{
	MemoryContext fresh;

	if (rule_cache_valid)
		return &rule_cache;
	if (!callback_registered)
	{
		cache_on_relation_change(invalidate_rule_cache);
		callback_registered = true;
	}
	fresh = cache_load_into("fms notification rules", &rule_cache_valid, load_rule_tables);
	if (rule_cache.memory != NULL)
		MemoryContextDelete(rule_cache.memory);
	rule_cache.memory = fresh;
	return &rule_cache;
}

static int
compare_codes(const void *key, const void *element)
{
	return strcmp((const char *) key, *(char *const *) element);
}

static char *
numeric_text(Numeric value)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(value)));
}

/* A money argument, checked to be an amount of dollars; NULL counts as 0. */
static Numeric
amount_argument(FunctionCallInfo fcinfo, int argno, const char *name)
{
	Numeric		value;

	if (PG_ARGISNULL(argno))
		return int64_to_numeric(0);
	value = PG_GETARG_NUMERIC(argno);
	/* Whole cents must fit an int64; infinities fall outside the range too. */
	if (numeric_is_nan(value) ||
		DatumGetBool(DirectFunctionCall2(numeric_lt, NumericGetDatum(value),
										 NumericGetDatum(int64_to_numeric(0)))) ||
		DatumGetBool(DirectFunctionCall2(numeric_gt, NumericGetDatum(value),
										 NumericGetDatum(int64_to_numeric(PG_INT64_MAX / 100)))))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be an amount of U.S. dollars from 0 to %lld, not %s", name,
						(long long) (PG_INT64_MAX / 100), fms_cut_value(numeric_text(value))),
				 errhint("Give amounts in U.S. dollars; NULL counts as 0.")));
	return value;
}

/* An amount in whole cents, rounded down. */
static int64
whole_cents(Numeric value)
{
	Datum		cents = DirectFunctionCall1(numeric_floor,
											DirectFunctionCall2(numeric_mul, NumericGetDatum(value),
																NumericGetDatum(int64_to_numeric(100))));

	return DatumGetInt64(DirectFunctionCall1(numeric_int8, cents));
}

/* A part of the sale may not exceed its total, to the last fraction of a cent. */
static void
check_part_of_total(Numeric part, const char *name, Numeric total)
{
	if (DatumGetBool(DirectFunctionCall2(numeric_gt, NumericGetDatum(part), NumericGetDatum(total))))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s exceeds the total of the sale", name),
				 errdetail("%s is %s but total_usd is %s; the total includes the major defense equipment and the design and construction.",
						   name, fms_cut_value(numeric_text(part)), fms_cut_value(numeric_text(total))),
				 errhint("Give total_usd as the value of the whole sale; NULL counts as 0.")));
}

/* True if the list holds a firearm of USML Category I(a)-(g). */
static bool
lists_firearms(FunctionCallInfo fcinfo, int argno)
{
	ArrayType  *array;
	Datum	   *items;
	bool	   *nulls;
	int			n;
	int			i;

	if (PG_ARGISNULL(argno))
		return false;
	array = PG_GETARG_ARRAYTYPE_P(argno);
	deconstruct_array(array, ARR_ELEMTYPE(array), 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &items, &nulls, &n);
	for (i = 0; i < n; i++)
	{
		int64		ref;
		int			letter;

		if (nulls[i])
			continue;
		ref = fms_usml_datum(items[i]);
		letter = usml_paragraph(ref, 1);
		if (usml_category(ref) == 1 && letter >= 1 && letter <= 7)
			return true;
	}
	return false;
}

/*
 * The programs the rules are written for: a basic LOA (36(b)(1)), an
 * amendment that enhances or upgrades a sale (36(b)(5)(C)), a DCS licence
 * (36(c)), and a manufacturing licence or technical assistance agreement
 * for manufacture abroad of significant military equipment (36(d)).
 */
static bool
known_program(const char *program)
{
	static const char *const programs[] = {"FMS", "FMS_AMENDMENT", "DCS", "MLA"};
	size_t		i;

	for (i = 0; i < lengthof(programs); i++)
		if (strcmp(program, programs[i]) == 0)
			return true;
	return false;
}

static Datum
text_array(const char *const *values, int n)
{
	Datum	   *datums = palloc(sizeof(Datum) * Max(n, 1));
	int			i;

	for (i = 0; i < n; i++)
		datums[i] = CStringGetTextDatum(values[i]);
	return PointerGetDatum(construct_array(datums, n, TEXTOID, -1, false, TYPALIGN_INT));
}

PG_FUNCTION_INFO_V1(fms_notification_requirement);
Datum
fms_notification_requirement(PG_FUNCTION_ARGS)
{
	const RuleCache *c;
	char	   *country;
	char	   *program;
	bool	   *in_group;
	Sale		sale;
	NotificationResult result;
	const char *measures[MEASURE_COUNT];
	const char *codes[MEASURE_COUNT];
	TupleDesc	desc;
	Datum		values[6];
	bool		nulls[6] = {false, false, false, false, false, false};
	Numeric		total;
	Numeric		mde;
	Numeric		design_construction;
	int			i;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(6))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("fms.notification_requirement() needs a country, a program and a date"),
				 errdetail("The %s is NULL.",
						   PG_ARGISNULL(0) ? "country" : PG_ARGISNULL(1) ? "program" : "date"),
				 errhint("Amounts and the USML list may be NULL; they count as none.")));
	c = get_rule_cache();
	country = text_to_cstring(PG_GETARG_TEXT_PP(0));
	program = text_to_cstring(PG_GETARG_TEXT_PP(1));
	if (!known_program(program))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown program \"%s\"", fms_cut_value(program)),
				 errhint("The program is 'FMS' (a basic LOA), 'FMS_AMENDMENT' (an amendment), 'DCS' (a licence) or 'MLA' (an agreement for manufacture abroad).")));
	if (bsearch(country, c->countries, c->ncountries, sizeof(char *), compare_codes) == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown country \"%s\"", fms_cut_value(country)),
				 errhint("Give the ISO 3166-1 alpha-2 code of a country in fms.countries, e.g. 'JP'.")));

	memset(&sale, 0, sizeof(sale));
	sale.program = program;
	sale.on_date = PG_GETARG_DATEADT(6);
	total = amount_argument(fcinfo, 2, "total_usd");
	mde = amount_argument(fcinfo, 3, "mde_usd");
	design_construction = amount_argument(fcinfo, 4, "design_construction_usd");
	check_part_of_total(mde, "mde_usd", total);
	check_part_of_total(design_construction, "design_construction_usd", total);
	sale.cents[MEASURE_ARTICLES_SERVICES] = whole_cents(total);
	sale.cents[MEASURE_MDE] = whole_cents(mde);
	sale.cents[MEASURE_DESIGN_CONSTRUCTION] = whole_cents(design_construction);
	sale.cents[MEASURE_FIREARMS] = lists_firearms(fcinfo, 5) ? sale.cents[MEASURE_ARTICLES_SERVICES] : 0;

	in_group = palloc0(sizeof(bool) * Max(c->ngroups, 1));
	for (i = 0; i < c->nmembers; i++)
	{
		const Membership *m = &c->members[i];

		if (m->group >= 0 && strcmp(m->country, country) == 0 &&
			period_contains(m->valid_from, m->valid_to, sale.on_date))
			in_group[m->group] = true;
	}
	sale.in_group = in_group;
	notification_evaluate(c->rules, c->nrules, &sale, &result);

	for (i = 0; i < result.ntriggered; i++)
	{
		measures[i] = sale_measure_names[result.measures[i]];
		codes[i] = result.rules[i]->code;
	}
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "fms.notification_requirement must return a row type");
	values[0] = BoolGetDatum(result.required);
	values[1] = result.section ? CStringGetTextDatum(result.section) : (Datum) 0;
	nulls[1] = result.section == NULL;
	values[2] = Int32GetDatum(result.review_days);
	nulls[2] = !result.required;
	values[3] = Int32GetDatum(result.informal_review_days);
	nulls[3] = result.informal_review_days < 0;
	values[4] = text_array(measures, result.ntriggered);
	values[5] = text_array(codes, result.ntriggered);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}

/*
 * fms.check_transmittal_no(transmittal_no, section): true, or ERROR 22P02
 * naming the number and the form its section expects.
 */
PG_FUNCTION_INFO_V1(fms_check_transmittal_no);
Datum
fms_check_transmittal_no(PG_FUNCTION_ARGS)
{
	text	   *number = PG_GETARG_TEXT_PP(0);
	char	   *section = text_to_cstring(PG_GETARG_TEXT_PP(1));
	const char *expected;

	if (transmittal_form(VARDATA_ANY(number), VARSIZE_ANY_EXHDR(number), section) != TRANSMITTAL_INVALID)
		PG_RETURN_BOOL(true);
	if (strcmp(section, "36(b)(1)") != 0 && strcmp(section, "36(b)(5)(A)") != 0 &&
		strcmp(section, "36(b)(5)(C)") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("no transmittal number form is recorded for section %s, so \"%s\" cannot be checked",
						fms_cut_value(section), fms_cut_value(text_to_cstring(number))),
				 errdetail("Transmittal numbers are known for sections 36(b)(1), 36(b)(5)(A) and 36(b)(5)(C)."),
				 errhint("Leave transmittal_no NULL for a %s notification.", fms_cut_value(section))));
	if (strcmp(section, "36(b)(5)(A)") == 0)
		expected = "A 36(b)(5)(A) report is numbered with two letters or digits (at least one letter), a hyphen and the year, as in \"0G-23\".";
	else if (strcmp(section, "36(b)(5)(C)") == 0)
		expected = "A 36(b)(5)(C) enhancement notification is numbered with the year, a hyphen and two letters or digits (at least one letter), as in \"20-0J\".";
	else
		expected = "A 36(b)(1) certification is numbered with the two-digit year, a hyphen and a sequence number, as in \"20-76\".";
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid transmittal number \"%s\" for section %s", fms_cut_value(text_to_cstring(number)), section),
			 errdetail("%s", expected),
			 errhint("Write it as the Congressional Record prints it: uppercase, no blanks.")));
	PG_RETURN_BOOL(false);		/* keep compiler quiet */
}
