/*
 * libFuzzer target for the case identifier parser (src/case_id.c).
 *
 * The input is split at the first newline into two strings.  Each that
 * parses must: be a valid packed value; format to 8 characters that parse
 * back to the same value; rebuild from its three parts; parse the same in
 * any letter case.  When both parse, their integer order must be the byte
 * order of their canonical texts.  Any violation aborts, which the fuzzer
 * reports as a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "case_id.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_one(const char *str, size_t len, int32_t id)
{
	char		text[CASE_ID_TEXT_LEN + 1];
	char		customer[CASE_ID_CUSTOMER_LEN + 1];
	char		agency[CASE_ID_AGENCY_LEN + 1];
	char		designator[CASE_ID_DESIGNATOR_LEN + 1];
	char	   *flipped;
	int32_t		again;
	size_t		i;

	if (!case_id_is_valid(id))
		abort();
	case_id_format(id, text);
	if (strlen(text) != CASE_ID_TEXT_LEN)
		abort();
	if (case_id_parse(text, CASE_ID_TEXT_LEN, &again) != CASE_ID_OK || again != id)
		abort();

	case_id_customer(id, customer);
	case_id_agency(id, agency);
	case_id_designator(id, designator);
	if (case_id_from_parts(customer, CASE_ID_CUSTOMER_LEN, agency, CASE_ID_AGENCY_LEN,
						   designator, CASE_ID_DESIGNATOR_LEN, &again) != CASE_ID_OK
		|| again != id)
		abort();

	/* Letter case never matters. */
	flipped = malloc(len ? len : 1);
	if (flipped == NULL)
		abort();
	for (i = 0; i < len; i++)
	{
		char		c = str[i];

		flipped[i] = (c >= 'a' && c <= 'z') ? (char) (c - 32) :
			(c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
	}
	if (case_id_parse(flipped, len, &again) != CASE_ID_OK || again != id)
		abort();
	free(flipped);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *str = (const char *) data;
	const char *newline = memchr(str, '\n', size);
	size_t		first_len = newline ? (size_t) (newline - str) : size;
	int32_t		a,
				b;
	int			a_ok,
				b_ok = 0;

	a_ok = case_id_parse(str, first_len, &a) == CASE_ID_OK;
	if (a_ok)
		check_one(str, first_len, a);
	if (newline)
	{
		const char *second = newline + 1;
		size_t		second_len = size - first_len - 1;

		b_ok = case_id_parse(second, second_len, &b) == CASE_ID_OK;
		if (b_ok)
			check_one(second, second_len, b);
	}
	if (a_ok && b_ok)
	{
		char		ta[CASE_ID_TEXT_LEN + 1];
		char		tb[CASE_ID_TEXT_LEN + 1];
		int			by_text;

		case_id_format(a, ta);
		case_id_format(b, tb);
		by_text = strcmp(ta, tb);
		if ((a < b) != (by_text < 0) || (a == b) != (by_text == 0))
			abort();
	}
	return 0;
}
