/*
 * libFuzzer target for the business-day arithmetic (src/business_days.c).
 *
 * The input describes a set of closed days (byte gaps from an origin) and a
 * query: a start day, an end day and a step.  The closed-form answers of
 * business_days_between() and add_business_days() must equal a day-by-day
 * walk.  Any difference aborts, which the fuzzer reports as a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "business_days.h"
#include "civil_date.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ORIGIN 9000				/* 2024-08-21 */
#define MAX_CLOSED 64

static int
open_day(const int32_t *closed, size_t n, int32_t day)
{
	size_t		i;

	if (civil_weekday(day) > 4)
		return 0;
	for (i = 0; i < n; i++)
		if (closed[i] == day)
			return 0;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int32_t		closed[MAX_CLOSED];
	size_t		n = 0;
	size_t		pos = 0;
	int32_t		day = ORIGIN;
	int32_t		from,
				to,
				walk,
				expected,
				got;
	int			k,
				count;

	if (size < 6)
		return 0;
	/* Closed days: gaps of 1-16 days from the origin, weekdays only. */
	while (pos < size - 5 && n < MAX_CLOSED)
	{
		day += 1 + (data[pos++] & 15);
		if (civil_weekday(day) < 5)
			closed[n++] = day;
	}
	from = ORIGIN - 500 + (int32_t) ((data[pos] | (data[pos + 1] << 8)) % 1600);
	to = ORIGIN - 500 + (int32_t) ((data[pos + 2] | (data[pos + 3] << 8)) % 1600);
	k = (int) (int8_t) data[pos + 4];

	expected = 0;
	if (to >= from)
		for (walk = from + 1; walk <= to; walk++)
			expected += open_day(closed, n, walk);
	else
		for (walk = to + 1; walk <= from; walk++)
			expected -= open_day(closed, n, walk);
	if (business_days_between(closed, n, from, to) != expected)
		abort();
	if (is_business_day(closed, n, from) != open_day(closed, n, from))
		abort();

	walk = from;
	if (k == 0)
		while (!open_day(closed, n, walk))
			walk++;
	for (count = 0; count < abs(k); walk += (k > 0 ? 1 : -1))
	{
		if (open_day(closed, n, walk + (k > 0 ? 1 : -1)))
			count++;
		if (count == abs(k))
		{
			walk += (k > 0 ? 1 : -1);
			break;
		}
	}
	got = add_business_days(closed, n, from, k);
	if (got != walk)
		abort();
	return 0;
}
