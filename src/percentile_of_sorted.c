/*-------------------------------------------------------------------------
 * percentile_of_sorted.c
 *	  fms.percentile_of_sorted(sorted int4[], skip int4, fraction float8):
 *	  percentile_cont(fraction) of the elements of an ascending array after
 *	  its first skip, with percentile_cont's interpolation between the two
 *	  nearest elements; NULL if none are left (or if either of the two is
 *	  NULL).  The array is trusted to be sorted.
 *
 * In C because fms.offer_forecast asks it of its group's lead times for
 * every pending document: it reads the two elements it needs, where a
 * PL/pgSQL function copied the whole array on every call, so the view grew
 * with the square of the portfolio.
 *
 * IDENTIFICATION
 *	  src/percentile_of_sorted.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/float.h"

/*
 * The element at offset i from the first, or false if it is NULL: found by
 * its position (array_get_element seeks a fixed-width element directly).
 */
static bool
element_at(ArrayType *array, int i, int32 *value)
{
	int			subscript = ARR_LBOUND(array)[0] + i;
	bool		isnull;
	Datum		element = array_get_element(PointerGetDatum(array), 1, &subscript,
											-1, sizeof(int32), true, TYPALIGN_INT, &isnull);

	if (isnull)
		return false;
	*value = DatumGetInt32(element);
	return true;
}

PG_FUNCTION_INFO_V1(fms_percentile_of_sorted);
Datum
fms_percentile_of_sorted(PG_FUNCTION_ARGS)
{
	ArrayType  *sorted = PG_GETARG_ARRAYTYPE_P(0);
	int32		skip = PG_GETARG_INT32(1);
	float8		fraction = PG_GETARG_FLOAT8(2);
	int			count;
	float8		fractional_index;
	int32		low;
	int32		high;

	if (fraction < 0 || fraction > 1 || isnan(fraction))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("percentile value %s is not between 0 and 1", float8out_internal(fraction)),
				 errhint("Ask for 0.5 for the median, 0.8 for the 80th percentile.")));
	if (skip < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot skip %d elements", skip),
				 errhint("Skip 0 elements or more: the percentile is of the elements after the first skip.")));
	if (ARR_NDIM(sorted) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("percentile_of_sorted takes a one-dimensional array, not one of %d dimensions", ARR_NDIM(sorted)),
				 errhint("Pass a one-dimensional array, such as array_agg(x ORDER BY x).")));
	if (ARR_ELEMTYPE(sorted) != INT4OID)
		elog(ERROR, "percentile_of_sorted expects an int4 array");
	count = ARR_NDIM(sorted) == 0 ? 0 : ARR_DIMS(sorted)[0];
	if (count - skip <= 0)
		PG_RETURN_NULL();
	fractional_index = fraction * (count - skip - 1);
	if (!element_at(sorted, skip + (int) floor(fractional_index), &low) ||
		!element_at(sorted, skip + (int) ceil(fractional_index), &high))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(low + ((float8) high - low) * (fractional_index - floor(fractional_index)));
}
