/*
 * libFuzzer target for the transmittal number forms (src/transmittal.c).
 *
 * The input is the number.  Judged for one section, a number is invalid
 * or of that section's form; judged for another section, invalid; for none,
 * it is of the first form any section accepts, in the order certification,
 * report, enhancement.  Each form is as transmittal.h describes it:
 * "YY-N" to "YY-NNN" with a sequence number not zero; "XX-YY" with a
 * letter among the X; "YY-XX" with a letter among the X (uppercase letters
 * and digits).  Any violation aborts, which the fuzzer reports as a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "transmittal.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const sections[] = {"36(b)(1)", "36(b)(5)(A)", "36(b)(5)(C)"};
static const TransmittalForm forms[] = {TRANSMITTAL_CERTIFICATION, TRANSMITTAL_REPORT, TRANSMITTAL_ENHANCEMENT};

static int
digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
letter(char c)
{
	return c >= 'A' && c <= 'Z';
}

/* Whether the number has the form, read from transmittal.h. */
static int
has_form(const char *s, size_t len, TransmittalForm form)
{
	size_t		i;
	int			nonzero = 0;

	switch (form)
	{
		case TRANSMITTAL_CERTIFICATION:
			if (len < 4 || len > 6 || !digit(s[0]) || !digit(s[1]) || s[2] != '-')
				return 0;
			for (i = 3; i < len; i++)
			{
				if (!digit(s[i]))
					return 0;
				nonzero |= s[i] != '0';
			}
			return nonzero;
		case TRANSMITTAL_REPORT:
			return len == 5 && s[2] == '-' && (letter(s[0]) || letter(s[1])) &&
				(letter(s[0]) || digit(s[0])) && (letter(s[1]) || digit(s[1])) && digit(s[3]) && digit(s[4]);
		case TRANSMITTAL_ENHANCEMENT:
			return len == 5 && s[2] == '-' && digit(s[0]) && digit(s[1]) && (letter(s[3]) || letter(s[4])) &&
				(letter(s[3]) || digit(s[3])) && (letter(s[4]) || digit(s[4]));
		default:
			return 0;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *number = (const char *) data;
	size_t		len = size;
	TransmittalForm any;
	TransmittalForm first = TRANSMITTAL_INVALID;
	int			i;

	for (i = 0; i < 3; i++)
	{
		TransmittalForm form = transmittal_form(number, len, sections[i]);

		if (form != (has_form(number, len, forms[i]) ? forms[i] : TRANSMITTAL_INVALID))
			abort();
		if (form != TRANSMITTAL_INVALID && first == TRANSMITTAL_INVALID)
			first = form;
	}
	any = transmittal_form(number, len, NULL);
	if (any != first)
		abort();
	/* A section that is none of the three accepts nothing. */
	if (transmittal_form(number, len, "36(c)") != TRANSMITTAL_INVALID)
		abort();
	return 0;
}
