/*-------------------------------------------------------------------------
 * transmittal.c
 *	  Congressional notification transmittal numbers; see transmittal.h.
 *
 * IDENTIFICATION
 *	  src/transmittal.c
 *-------------------------------------------------------------------------
 */
#include "transmittal.h"

#include <string.h>

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_upper_alnum(char c)
{
	return is_digit(c) || (c >= 'A' && c <= 'Z');
}

/* "YY-N", "YY-NN" or "YY-NNN", the sequence number not zero. */
static int
is_certification(const char *s, size_t len)
{
	size_t		i;
	int			nonzero = 0;

	if (len < 4 || len > 6 || !is_digit(s[0]) || !is_digit(s[1]) || s[2] != '-')
		return 0;
	for (i = 3; i < len; i++)
	{
		if (!is_digit(s[i]))
			return 0;
		nonzero |= s[i] != '0';
	}
	return nonzero;
}

/* Two letters or digits with at least one letter, around the year. */
static int
has_letter(char a, char b)
{
	return !is_digit(a) || !is_digit(b);
}

TransmittalForm
transmittal_form(const char *s, size_t len, const char *section)
{
	int			any = section == NULL;

	if ((any || strcmp(section, "36(b)(1)") == 0) && is_certification(s, len))
		return TRANSMITTAL_CERTIFICATION;
	if (len != 5 || s[2] != '-' || !is_upper_alnum(s[0]) || !is_upper_alnum(s[1]) ||
		!is_upper_alnum(s[3]) || !is_upper_alnum(s[4]))
		return TRANSMITTAL_INVALID;
	if ((any || strcmp(section, "36(b)(5)(A)") == 0) &&
		has_letter(s[0], s[1]) && is_digit(s[3]) && is_digit(s[4]))
		return TRANSMITTAL_REPORT;
	if ((any || strcmp(section, "36(b)(5)(C)") == 0) &&
		is_digit(s[0]) && is_digit(s[1]) && has_letter(s[3], s[4]))
		return TRANSMITTAL_ENHANCEMENT;
	return TRANSMITTAL_INVALID;
}
