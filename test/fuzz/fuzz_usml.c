/*
 * libFuzzer target for the USML reference parser (src/usml.c).
 *
 * The input is split at the first newline into two strings.  Each that
 * parses must: be a valid packed value; format to canonical text that
 * parses back to the same value and formats to the same text; contain
 * itself.  When both parse: containment implies order (a parent sorts
 * before its children), and containment both ways means equality.  Any
 * violation aborts, which the fuzzer reports as a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "usml.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_one(int64_t ref)
{
	char		text[USML_TEXT_MAX];
	char		again_text[USML_TEXT_MAX];
	int64_t		again;

	if (!usml_is_valid(ref))
		abort();
	usml_format(ref, text);
	if (strlen(text) >= USML_TEXT_MAX)
		abort();
	if (usml_parse(text, strlen(text), &again) != USML_OK || again != ref)
		abort();
	usml_format(again, again_text);
	if (strcmp(text, again_text) != 0)
		abort();
	if (!usml_contains(ref, ref))
		abort();
	if (usml_category(ref) < 1 || usml_category(ref) > USML_MAX_CATEGORY)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *str = (const char *) data;
	const char *newline = memchr(str, '\n', size);
	size_t		first_len = newline ? (size_t) (newline - str) : size;
	int64_t		a,
				b;
	int			a_ok,
				b_ok = 0;

	a_ok = usml_parse(str, first_len, &a) == USML_OK;
	if (a_ok)
		check_one(a);
	if (newline)
	{
		b_ok = usml_parse(newline + 1, size - first_len - 1, &b) == USML_OK;
		if (b_ok)
			check_one(b);
	}
	if (a_ok && b_ok)
	{
		if (usml_contains(a, b) && a > b)
			abort();
		if (usml_contains(a, b) && usml_contains(b, a) && a != b)
			abort();
		if (usml_contains(a, b) && usml_depth(a) > usml_depth(b))
			abort();
	}
	return 0;
}
